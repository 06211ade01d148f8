"""The verifiable secret ballot: credentials, encrypted ballots, bulletin board and tally."""

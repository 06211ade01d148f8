"""Governance of ITU: officials, term limits, representation, elections and staffing balance."""

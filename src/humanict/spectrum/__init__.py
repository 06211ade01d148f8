"""Radio spectrum and satellite orbits: allocations, filings, coordination and interference."""

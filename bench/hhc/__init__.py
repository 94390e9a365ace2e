"""Home health care routing and scheduling with double services (Mankowska et al. 2014)."""

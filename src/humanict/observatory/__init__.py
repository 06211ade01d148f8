"""The digital-development observatory: targets, trajectories, gaps, priorities and costs."""

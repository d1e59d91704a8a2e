"""Workshop toolkit."""

"""Name analysis: the pure core that turns a name in any script into comparable forms."""

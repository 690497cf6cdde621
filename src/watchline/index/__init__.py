"""Candidate index: keys that let a query find its possible matches without a full scan."""

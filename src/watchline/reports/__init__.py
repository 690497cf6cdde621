"""Reports on subjects of concern: what is known, by status, state and nationality, over time."""

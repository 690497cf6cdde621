"""watchline: screen and vet people against watchlists across scripts and spellings."""

__version__ = "0.1.0"

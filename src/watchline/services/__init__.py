"""Use cases that join the core to the adapters: load a list, fetch it, screen people.

The CLI and the API are thin layers over these functions.
"""

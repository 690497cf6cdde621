"""The HTTP API: yente-compatible matching plus watchline's own resources (FastAPI)."""

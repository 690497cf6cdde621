"""The ASGI entry point for `uvicorn watchline.api.asgi:app` (settings from the environment)."""

from watchline.api.app import create_app

app = create_app()

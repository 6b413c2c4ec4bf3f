"""The HTTP API and the web dashboard: `create_app(settings)` gives the ASGI app."""
from __future__ import annotations

from sitroom.serve.app import create_app
from sitroom.serve.config import ServeSettings, load_settings

__all__ = ["create_app", "ServeSettings", "load_settings"]

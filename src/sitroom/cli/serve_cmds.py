"""`sitroom serve`: the HTTP API (with OpenAPI docs at /docs) and the dashboard at /."""
from __future__ import annotations

import sys

import click

from sitroom.cli.app import db_option, error, main


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db, host: str, port: int) -> None:
    """Serve the API and the web dashboard. Read-only unless a write token is
    configured (SITROOM_TOKEN or [serve] token in sitroom.toml) for POST /ingest."""
    import uvicorn

    from sitroom.errors import SitroomError
    from sitroom.serve import create_app
    from sitroom.serve.config import load_settings

    try:
        settings = load_settings(db)
        app = create_app(settings)
    except SitroomError as exc:
        error(str(exc))
        sys.exit(1)
    writes = "enabled (bearer token)" if settings.writes_enabled else "disabled (no SITROOM_TOKEN)"
    click.echo(f"sitroom serving {app.state.access.db} on http://{host}:{port}/ (API docs /docs; writes {writes})",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

"""Server settings: from the environment, else a TOML config file.

    SITROOM_TOKEN           bearer token for writes (POST /ingest); unset -> writes disabled (403)
    SITROOM_ALLOW_PRIVATE   "1" lets POST /ingest fetch loopback/private/link-local URLs (off)
    SITROOM_CORS_ORIGINS    comma-separated origins allowed by CORS (none: CORS off)
    SITROOM_CONFIG          path of the config file (default ./sitroom.toml, then
                            ~/.config/sitroom/config.toml), section [serve]:
                            token = "...", allow_private = false, cors_origins = [], max_body_bytes = 5000000
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import ConfigError

MAX_BODY_BYTES = 5_000_000  # largest accepted request body
MAX_PAGE_SIZE = 500  # largest /events page
DEFAULT_PAGE_SIZE = 100


@dataclass
class ServeSettings:
    db: str | None = None
    token: str | None = None
    allow_private: bool = False
    cors_origins: list[str] = field(default_factory=list)
    max_body_bytes: int = MAX_BODY_BYTES

    @property
    def writes_enabled(self) -> bool:
        return bool(self.token)


def _config_file() -> Path | None:
    named = os.environ.get("SITROOM_CONFIG")
    if named:
        if not Path(named).is_file():
            raise ConfigError(f"{named}: SITROOM_CONFIG names no file")
        return Path(named)
    for candidate in (Path("sitroom.toml"), Path.home() / ".config" / "sitroom" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_settings(db: str | None = None) -> ServeSettings:
    """Environment first, then the config file's [serve] section."""
    section: dict = {}
    path = _config_file()
    if path:
        try:
            section = tomllib.loads(path.read_text(encoding="utf-8")).get("serve", {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config ({exc})") from exc
    token = os.environ.get("SITROOM_TOKEN") or section.get("token") or None
    allow_env = os.environ.get("SITROOM_ALLOW_PRIVATE")
    allow_private = allow_env.lower() in ("1", "true", "yes") if allow_env else bool(section.get("allow_private", False))
    cors_env = os.environ.get("SITROOM_CORS_ORIGINS")
    cors = [o.strip() for o in cors_env.split(",") if o.strip()] if cors_env else list(section.get("cors_origins", []))
    return ServeSettings(
        db=db, token=token, allow_private=allow_private, cors_origins=cors,
        max_body_bytes=int(section.get("max_body_bytes", MAX_BODY_BYTES)),
    )

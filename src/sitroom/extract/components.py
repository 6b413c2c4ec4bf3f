"""Optional extraction components (geo, actors, dates, fatalities), called through one
guard: a missing module or a bug in one costs that one field, never the article."""
from __future__ import annotations

import functools
import importlib
import logging
from typing import Any, Callable

log = logging.getLogger("sitroom.extract.pipeline")


@functools.lru_cache(maxsize=None)
def component(module: str, name: str) -> Callable[..., Any] | None:
    """A function from a sibling component module, or None while it is missing."""
    try:
        return getattr(importlib.import_module(f"sitroom.extract.{module}"), name)
    except (ImportError, AttributeError):
        log.debug("component sitroom.extract.%s.%s not available", module, name)
        return None


def call(module: str, name: str, *args: Any, **kwargs: Any) -> Any:
    """``module.name(*args, **kwargs)``, or None when it is missing or fails (logged)."""
    fn = component(module, name)
    if fn is None:
        return None
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a component bug must not lose the article
        log.warning("sitroom.extract.%s.%s failed: %s", module, name, exc)
        return None

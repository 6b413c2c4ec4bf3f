"""`sitroom` command line: a thin layer over `sitroom.api`."""
from __future__ import annotations

import importlib

from sitroom.cli.app import main

# One module per concern; each registers its commands on `main` when imported.
_COMMAND_MODULES = (
    "ingest_cmds", "extract_cmds", "fuse_cmds", "report_cmds", "serve_cmds", "eval_cmds", "demo_cmds",
)
for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"sitroom.cli.{_name}")
    except ModuleNotFoundError as exc:  # a concern not built yet
        if exc.name != f"sitroom.cli.{_name}":
            raise

__all__ = ["main"]

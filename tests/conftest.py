"""Shared test fixtures. Third-party data is read from ../shared, never copied."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITROOM_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test is skipped when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared absent)")
    return p


@pytest.fixture
def shared():
    return shared_path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def gold_seeds():
    import json

    return json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path):
    from sitroom.store import open_store

    s = open_store(str(tmp_path / "test.duckdb"))
    yield s
    s.close()

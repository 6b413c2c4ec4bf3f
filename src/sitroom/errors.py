"""The project's own error types. Readers and cleaners raise only these."""
from __future__ import annotations


class SitroomError(Exception):
    """Base class for every error sitroom raises on purpose."""


class InputError(SitroomError):
    """An input (file, line, record, URL) that cannot be read.

    The message always names the input and the problem, in one line, e.g.
    ``data/x.jsonl:line 7: invalid JSON (Expecting ',' delimiter)``.
    """

    def __init__(self, name: str, problem: str):
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


class StoreError(SitroomError):
    """The database cannot be opened, migrated or written."""


class ConfigError(SitroomError):
    """A setting is missing or wrong."""

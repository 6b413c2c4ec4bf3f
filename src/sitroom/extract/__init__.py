"""Extract: ACLED-style events from a cleaned article.

``extract_events(article)`` is the entry point (see pipeline.py for the steps);
``set_model(model)`` switches on a trained sub-event classifier (model.py).
"""
from __future__ import annotations

from sitroom.extract.pipeline import extract_events, set_model

__all__ = ["extract_events", "set_model"]

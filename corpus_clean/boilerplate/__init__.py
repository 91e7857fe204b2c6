"""Boilerplate removal inside documents. PLACEHOLDER: replaced by issue 6's engine."""
from __future__ import annotations

from corpus_clean.document import Removal


def strip_boilerplate(text: str) -> tuple[str, list[Removal]]:
    """Return (clean text, removed spans with offsets into `text`)."""
    return text, []

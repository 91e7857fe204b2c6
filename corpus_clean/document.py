"""The unit of work: one Document per input record, and what cleaning says about it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Removal:
    """A span cut out of the repaired text, and the rule (or classifier) that cut it.

    Offsets are into the *repaired* text (after mojibake repair, before stripping), so
    `repaired[start:end] == text` always holds and anyone can see what went and why.
    """

    start: int
    end: int
    rule: str
    text: str


@dataclass
class Document:
    """One input record on its way through the pipeline."""

    id: str
    source: str
    raw_text: str
    raw_sha256: str
    record_index: int = 0
    html: str | None = None
    encoding: str | None = None
    # The caller's own fields, carried through: its id, URL, other scalar metadata.
    source_id: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # Filled in by the steps:
    text: str = ""
    repaired_text: str = ""
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    lang: str | None = None             # always our own detector's ISO 639-1 code
    declared_lang: str | None = None    # what the page says (<html lang>), normalised
    fixes: dict[str, int] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)
    # Values of the schema columns a registered step fills (e.g. "signals"), by column name.
    columns: dict[str, Any] = field(default_factory=dict)
    # Problems found before validation (decode errors, empty input...): (check, detail).
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Set aside by a filter step: (step name, reason). Kept text and provenance; not quarantine.
    filtered: tuple[str, str] | None = None


def stable_id(source: str, index: int) -> str:
    """A record id that survives reruns: hash of the source and the record's index in it.

    >>> stable_id("data/raw/a.txt", 0) == stable_id("data/raw/a.txt", 0)
    True
    """
    return hashlib.sha256(f"{source}\x00{index}".encode()).hexdigest()[:32]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

"""Mojibake repair. PLACEHOLDER: replaced by the full implementation (issue 5)."""
from __future__ import annotations

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto", uncurl_quotes=False, fix_line_breaks=False,
    fix_latin_ligatures=False, fix_character_width=False, normalization=None, explain=False,
)


def repair(text: str) -> tuple[str, dict[str, int]]:
    """Return (repaired text, {fix kind: count})."""
    fixed = ftfy.fix_text(text, config=_CONFIG)
    return fixed, ({"ftfy": 1} if fixed != text else {})

"""Control characters that have no place in text: stripped (C0 except tab/LF/CR, DEL,
BOM, deprecated format characters; ANSI terminal escapes through ftfy).
"""
from __future__ import annotations

import re

from ftfy.fixes import remove_terminal_escapes


# C0 controls except \t \n \r, DEL, and what ftfy's remove_control_chars also drops
# (BOM, deprecated format chars, interlinear annotation chars).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u206a-\u206f\ufff9-\ufffc]+")


_C1_RE = re.compile("[\x80-\x9f]+")


def strip_control_chars(text: str) -> tuple[str, int]:
    """Remove control characters that have no place in text; return (text, how many).

    >>> strip_control_chars("a\\x00b\\x07c\\td\\r\\n")
    ('abc\\td\\r\\n', 2)
    """
    count = 0

    def drop(match: re.Match) -> str:
        nonlocal count
        count += len(match.group())
        return ""

    if "\x1b" in text:
        text = remove_terminal_escapes(text)
    return _CONTROL_RE.sub(drop, text), count

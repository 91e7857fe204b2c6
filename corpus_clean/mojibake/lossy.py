"""``â€�``: a cp1252 decode with errors="replace" lost the third byte of E2 80 xx; the
quotes around it say whether it was "”".
"""
from __future__ import annotations

import re


from corpus_clean.mojibake.charmaps import _CP1252, _cls


# "â€" + U+FFFD: a cp1252 decode with errors="replace" lost the third byte of
# E2 80 xx. Only 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252, i.e. U+2001,
# U+200D (ZWJ), U+200F (RLM), U+2010 (hyphen) or U+201D (”).
_LOSSY_QUOTE_RE = re.compile("(â(?:€|\x80))\ufffd")


_OPEN_QUOTE_RE = re.compile("â(?:€|\x80)(?:œ|\x9c)|“")


_CLOSE_QUOTE_RE = re.compile("â(?:€|\x80)(?:\x9d|\ufffd)|”")


def resolve_lossy_quote(text: str) -> tuple[str, int]:
    """Restore ``â€�`` as ``â€\\x9d`` (that is, ``”``) when an opening ``“`` is waiting.

    The lost byte can be one of five; of them only ``”`` closes a quote, so an unclosed
    ``“`` earlier on the same line (or a word character right before, followed by a
    space, punctuation or the end) settles it. Otherwise the sequence is left for ftfy,
    which turns it into a single ``�``.

    >>> resolve_lossy_quote("â€œHe saidâ€� no.")
    ('â€œHe saidâ€\\x9d no.', 1)
    >>> resolve_lossy_quote("x â€� y")
    ('x â€� y', 0)
    """
    if "\ufffd" not in text:
        return text, 0
    count = 0

    def fix(match: re.Match) -> str:
        nonlocal count
        # The line so far, at most 2,000 characters back: quotes pair up within sentences,
        # and a bound keeps one huge line from costing quadratic time.
        start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 2000)
        before = text[start : match.start()]
        opened = len(_OPEN_QUOTE_RE.findall(before)) > len(_CLOSE_QUOTE_RE.findall(before))
        after = text[match.end() : match.end() + 1]
        prev = before[-1:] if before else ""
        glued = prev.isalnum() or prev in ".,!?;:)" and prev != ""
        if opened or (glued and (after == "" or not after.isalnum())):
            count += 1
            return match.group(1) + "\x9d"
        return match.group()

    return _LOSSY_QUOTE_RE.sub(fix, text), count


_LOSSY_SEQUENCE_RE = re.compile(
    f"[{_cls(_CP1252.leads2)}]\ufffd|[{_cls(_CP1252.leads3)}][{_cls(_CP1252.conts)}]?\ufffd"
)

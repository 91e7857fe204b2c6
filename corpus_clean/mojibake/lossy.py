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
    ``“`` earlier on the same line (or anything but a space right before, followed by a
    space, punctuation or the end; or a second ``”`` later, see `_opens_a_closing_pair`)
    settles it. (Between two letters it may be the hyphen U+2010: left.) Otherwise the
    sequence is left for ftfy, which turns it into a single ``�``.

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
        prev = before[-1:]
        # Glued to what comes before (a word, punctuation, another quote, or a letter
        # still garbled: "PayÄ±zÄ±â€� Bey") and ending there: a closing quote.
        glued = prev != "" and not prev.isspace()
        if opened or (glued and (after == "" or not after.isalnum())) or _opens_a_closing_pair(before, text, match, after):
            count += 1
            return match.group(1) + "\x9d"
        return match.group()

    return _LOSSY_QUOTE_RE.sub(fix, text), count


def _opens_a_closing_pair(before: str, text: str, match: re.Match, after: str) -> bool:
    """Does ``â€�`` open a word, with no "“" before it on the line, and a closing quote
    (``”`` or another ``â€�``) come later on the line? Swedish and Finnish quote with
    "”" on both sides (``natt ”dryp” åtte``); the later one says which mark this is.

    >>> _opens_a_closing_pair("natt ", "natt â€�drypâ€� Ã¥tte", _LOSSY_QUOTE_RE.search("natt â€�drypâ€� Ã¥tte"), "d")
    True
    """
    if not (before == "" or before[-1].isspace()) or not after.isalnum() or _OPEN_QUOTE_RE.search(before):
        return False
    end = text.find("\n", match.end())
    rest = text[match.end() : end if end >= 0 else len(text)]
    closing = _CLOSE_QUOTE_RE.search(rest)
    return closing is not None and not _OPEN_QUOTE_RE.search(rest, 0, closing.start())


_LOSSY_SEQUENCE_RE = re.compile(
    f"[{_cls(_CP1252.leads2)}]\ufffd|[{_cls(_CP1252.leads3)}][{_cls(_CP1252.conts)}]?\ufffd"
)

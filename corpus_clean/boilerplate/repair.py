"""Repair a word broken across a blank line (a scraper split a paragraph mid-word).

Heuristic, chosen to be conservative (a false join glues two real words together):

* the first line is a paragraph (at least 40 characters) that ends in the middle of a
  word: its last character is a lower-case letter, with no punctuation after it;
* one or more blank lines follow, then a line that starts with a lower-case letter;
* neither the fragment ending the first line nor the one starting the next line is a
  common stand-alone word ("the", "and", "to"...): a real line break between two
  words almost always has such a word on one side, a broken word rarely does;
* the two fragments together are at most 25 letters long.

The blank line(s) and the break are removed and the fragments are glued::

    >>> join_broken_words("After a long night of talks, the two towns agreed they must el\\n\\niminate the toll on the old coast road.")
    ('After a long night of talks, the two towns agreed they must eliminate the toll on the old coast road.', 1)
    >>> join_broken_words("He stopped, waiting for the rest of them to come\\n\\nand then he left.")[1]
    0

Returns (repaired text, number of joins). Runs BEFORE ``strip_boilerplate``.
"""
from __future__ import annotations

import re

_COMMON = frozenset(
    "a an and are as at be been but by can did do for from had has have he her him his i "
    "if in into is it its me my no nor not of on or our out she so than that the their them "
    "then there they this to too up us was we were what when where which who why will with "
    "would yet you your come came go went get got see saw say said make made take took "
    "know knew think thought look looked want give gave use used find found tell told ask "
    "asked work seem felt try left call".split()
)

_BROKEN = re.compile(
    r"(?m)^(?P<line>[^\n]{40,}?(?<![\w'’-])(?P<head>[a-z]{1,20}))[ \t]*\n(?:[ \t\u00a0]*\n)+[ \t]*"
    r"(?P<tail>[a-z]{1,24})(?![\w'’-])"
)


def join_broken_words(text: str) -> tuple[str, int]:
    """Glue words split across a blank line; return (text, number of joins)."""
    if "\n" not in text:
        return text, 0
    joins = 0

    def glue(m: re.Match) -> str:
        nonlocal joins
        head, tail = m.group("head"), m.group("tail")
        if head in _COMMON or tail in _COMMON or len(head) + len(tail) > 25:
            return m.group(0)
        joins += 1
        return m.group("line") + tail

    repaired = _BROKEN.sub(glue, text)
    return (repaired, joins) if joins else (text, 0)

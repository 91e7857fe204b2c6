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


# A line break followed by a blank line: every _BROKEN match ends its first line at one.
_BEFORE_BLANK = re.compile(r"\n(?=[ \t\u00a0]*\n)")


def _candidate_starts(text: str):
    """Starts of the lines _BROKEN could match at, in order: followed by a blank line,
    41+ characters, last non-space character a-z (a superset of its matches).

    Scanning only these lines (found with a literal-first search) instead of running
    _BROKEN over the whole text is what makes texts without blank lines nearly free.
    """
    for nl in _BEFORE_BLANK.finditer(text):
        end = nl.start()
        start = text.rfind("\n", 0, end) + 1
        if end - start >= 41 and "a" <= text[start:end].rstrip(" \t")[-1:] <= "z":
            yield start


def join_broken_words(text: str) -> tuple[str, int]:
    """Glue words split across a blank line; return (text, number of joins)."""
    if "\n" not in text:
        return text, 0
    # Same result as _BROKEN.sub(glue, text): matches start at line starts only, so
    # trying _BROKEN.match at each candidate line past the previous match is the scan.
    joins = 0
    pieces: list[str] = []
    pos = 0  # text[:pos] is in pieces
    scan = 0  # end of the last match: sub's scan goes on from there, glued or not
    for start in _candidate_starts(text):
        if start < scan:
            continue
        m = _BROKEN.match(text, start)
        if m is None:
            continue
        scan = m.end()
        head, tail = m.group("head"), m.group("tail")
        if head in _COMMON or tail in _COMMON or len(head) + len(tail) > 25:
            continue  # a real line break: left as is
        joins += 1
        pieces += [text[pos:start], m.group("line"), tail]
        pos = scan
    if not joins:
        return text, 0
    pieces.append(text[pos:])
    return "".join(pieces), joins

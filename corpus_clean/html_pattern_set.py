"""Which of several regexes a short text holds, in one pass: RE2's set of patterns, answering as Python's ``re``.

A class/id token new to the label cache is asked eight questions (does it name furniture, the
article, a comment thread; is it a utility class, a pseudo-element variant, a negation ...),
each a search of its own in Python's ``re`` (~0.5 µs each, ~4 µs a token; a page from a site
not seen before brings ~110 new tokens). :class:`PatternSet` asks them all at once: RE2's
``Set`` runs one automaton of every pattern over the text and says which matched.

The answer must be the one Python's ``re`` gives, pattern by pattern, so a pattern goes to RE2
only when both engines read it alike (:func:`same_in_re2`): ASCII, no flags, no escape but of
punctuation (``\\w``, ``\\d``, ``\\s``, ``\\b`` are Unicode-aware in ``re``, ASCII in RE2), no
look-around, no back-reference. ``$`` (which ``re`` also matches before a final newline) is
read alike on texts without a newline; a text with one, or one RE2 cannot take (a lone
surrogate), is asked in Python. Other patterns are always asked in Python. Without google-re2,
every pattern is.

>>> import re
>>> digits, word, start = re.compile(r"[0-9]+"), re.compile(r"nav|menu"), re.compile(r"no[-_]")
>>> checks = PatternSet([(digits, False), (word, False), (start, True)])
>>> sorted(checks.hits("main-nav2")), checks.hits("a-no-menu")
([0, 1], [1])
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

__all__ = ["PatternSet", "same_in_re2"]

# Constructs whose meaning differs between Python's ``re`` and RE2, or that RE2 lacks:
# an escaped letter or digit (classes, anchors, back-references), look-around, named groups
# in Python's spelling, inline flags, possessive or atomic forms.
_DIFFERS = re.compile(r"\\[A-Za-z0-9]|\(\?[=!<>P#aiLmsux]|[*+?}]\+")


def same_in_re2(pattern: re.Pattern) -> bool:
    """True when RE2 finds the same matches as ``pattern`` on texts without a newline.

    >>> same_in_re2(re.compile(r"(?:^|:)overflow-(?:[xy]-)?hidden$")), same_in_re2(re.compile(r"\\bnav"))
    (True, False)
    >>> same_in_re2(re.compile("nav", re.I)), same_in_re2(re.compile("café"))
    (False, False)
    """
    return (pattern.flags & ~re.UNICODE) == 0 and isinstance(pattern.pattern, str) and pattern.pattern.isascii() \
        and _DIFFERS.search(pattern.pattern) is None


class PatternSet:
    """``hits(text)``: the positions in ``checks`` (``(compiled pattern, anchored)``; anchored: asked as
    ``pattern.match``, else ``pattern.search``) of the patterns that match ``text``, in no set order
    (ask with ``in``: small ints, compared at once).

    >>> checks = PatternSet([(re.compile(r"ad"), False), (re.compile(r"x\\b"), False), (re.compile(r"q"), False)])
    >>> sorted(checks.hits("header-box"))  # (the second pattern is asked in Python)
    [0, 1]
    """

    def __init__(self, checks: Sequence[tuple[re.Pattern, bool]]):
        self.checks = list(checks)
        everything = [(k, pattern, anchored) for k, (pattern, anchored) in enumerate(self.checks)]
        in_re2 = [(k, pattern, anchored) for k, pattern, anchored in everything if same_in_re2(pattern)]
        self._set = _re2_set([(pattern, anchored) for _, pattern, anchored in in_re2])
        self._positions = [k for k, _, _ in in_re2]  # (RE2's index -> position in checks)
        self._identity = self._positions == list(range(len(self._positions)))
        self._in_python = everything if self._set is None else [row for row in everything if row not in in_re2]
        self._everything = everything

    def hits(self, text: str) -> list[int]:
        """The positions of the patterns that match ``text`` (see the class)."""
        if self._set is None or "\n" in text:
            return self._asked_in_python(text, self._everything)
        try:
            found = self._set(text.encode())
        except UnicodeError:  # (a lone surrogate: not UTF-8)
            return self._asked_in_python(text, self._everything)
        hits = (found if self._identity else [self._positions[k] for k in found]) if found else []
        if self._in_python:
            hits = [*hits, *self._asked_in_python(text, self._in_python)]
        return hits

    @staticmethod
    def _asked_in_python(text: str, checks) -> list[int]:
        return [k for k, pattern, anchored in checks if (pattern.match if anchored else pattern.search)(text)]


def _re2_set(checks: list[tuple[re.Pattern, bool]]) -> Optional[Callable[[bytes], Optional[list[int]]]]:
    """The ``Match`` of RE2's set of ``checks`` (an anchored check gets ``^``; its indices in the order of
    ``checks``), given UTF-8 bytes, or None (no google-re2, no check, or one RE2 refuses)."""
    if not checks:
        return None
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    try:
        found = re2.Set.SearchSet()
        for k, (pattern, anchored) in enumerate(checks):
            if found.Add(f"^(?:{pattern.pattern})" if anchored else pattern.pattern) != k:
                return None  # pragma: no cover - RE2 numbers the patterns in the order added
        found.Compile()
    except Exception:  # pragma: no cover - a pattern RE2 cannot read: ask them all in Python
        return None
    # (google-re2's own set object, past its Python wrapper: that wrapper's type test and encode
    # cost as much as the match on a short token)
    return getattr(getattr(found, "_set", found), "Match")

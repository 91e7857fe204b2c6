"""Find the whole-line matches of a long Python regex faster, with an RE2 gate in front.

The HTML path's marker rules (``html.marker_removals``) are one multiline alternation,
``(?m)^[ \\t]*(?:rule1|rule2|...)[ \\t]*$``, run with ``finditer`` over each extracted
article. Python's engine tries the whole alternation at every line start, and most
articles hold no marker line at all: that was ~4 % of the HTML path's CPU time on real
pages. :class:`GatedFinder` puts an RE2 search in front: the same alternation with each
rule replaced by its RE2 superset (:func:`line_superset`, ``boilerplate.kernels``' translation:
matches at least every string the rule matches). RE2's leftmost match therefore starts at or
before Python's next match, so Python's search may start there instead of at the
current position; when RE2 finds nothing, Python would find nothing either.

The gate searches in two steps (``_re2_prefix_gate``): a small automaton of the rules'
beginnings (each rule read up to a few literal characters, or whole when shorter) finds
the next line that may start a match, and the whole lines' superset, anchored at that
line, confirms it. One automaton of every rule's whole line is built lazily by RE2, state
by state, and on text it has not seen costs ~1 ms a page (each new state is a set of
positions in all the rules at once); the beginnings' automaton has few states, and the
whole lines' one is only run from the lines that start like a rule.

Both read a rule's "." (without DOTALL) as Python does, any character but a newline, and a rule's
beginning stops before anything that could read a newline (round 23): the beginnings' gate then
matches within one line, so it can be run forward only (``GatedFinder._next_line``).

The matches are exactly ``pattern.finditer(text)``'s: the gate only moves where each
Python search starts, never what it returns. Without google-re2, or for a rule with
no safe translation, or on text RE2 cannot take (a lone surrogate), it is plain
``finditer``.

>>> rules = [r"(?i:advertisement)", r"Read more"]
>>> finder = GatedFinder(re.compile(r"(?m)^[ \\t]*(?:(?i:advertisement)|Read more)[ \\t]*$"), rules)
>>> [m.group() for m in finder.finditer("A paragraph.\\n  ADVERTISEMENT\\nRead more\\nend")]
['  ADVERTISEMENT', 'Read more']
>>> list(finder.finditer("Nothing here to cut."))
[]
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _compiler, _constants as C, _parser as P  # stdlib internals, stable since 3.11 (as kernels reads them)
from typing import Iterator, NamedTuple, Optional

from corpus_clean.boilerplate.kernels import (_ATOMIC_GROUP, _CATEGORY_RANGES, _NON_ASCII, _REPEATS,
                                              MAX_COUNTED_REPEAT, NoTranslation, _class, _node)

# The line shape of ``boilerplate.whole_line_regexes``: blanks, one of the rules, blanks.
_LINE_START = "(?m)^[ \\t]*(?:"
_LINE_END = ")[ \\t]*$"
# RE2's memory budget for the gate. A search that finds a match runs a second, reverse DFA
# back from the match's end to its start, and RE2 gives that one a third of the budget: at
# the kernels' 64 MB (RE2_MAX_MEM) the reverse DFA of this alternation ran out of room and
# every such search fell back to RE2's NFA, ~100 ns a character, twice Python's own search
# (a third of the articles have a line the gate lets through: the marker rules were ~15 % of
# the HTML path's time). At 128 MB both DFAs fit: ~21 ns a character over every article, once
# the DFAs' states are built; the states take ~46 MB (measured on 674 real pages; 26 MB at
# 64 MB). The budget changes only which of RE2's engines answers, never the answer.
GATE_MAX_MEM = 128 << 20
# How far each rule is read for the beginnings' gate: until this many literal characters
# (a class counts a quarter), or its end. Fewer: more lines start like a rule and are checked
# (4: ~29 % of WCXB dev's lines); more: a larger automaton, slower to build on new text
# (measured in benchmarks/RESULTS-html.md, round 17).
PREFIX_LITERALS = 6
# Beyond this many characters of alternatives, a branch is taken whole (not read on per alternative).
PREFIX_BRANCH_CHARS = 4000


class GatedFinder:
    """``regex.finditer`` for a whole-line alternation of ``rule_patterns``, RE2 first.

    ``regex``: the Python ``(?m)^[ \\t]*(?:...)[ \\t]*$`` alternation of the rules (each
    rule as written in ``rule_patterns``, or narrowed, e.g. behind a lookahead on its
    first character); the gate is built from the rules' own patterns.
    """

    def __init__(self, regex: re.Pattern, rule_patterns: list[str]):
        self.regex = regex
        # gate: what is searched (the rules' beginnings); check: the whole lines' superset,
        # tried at each line the gate finds (None: the gate is the whole lines' superset)
        self.check = _re2_gate(rule_patterns)
        self.gate = _re2_prefix_gate(rule_patterns) if self.check is not None else None
        self.forward = self.gate is not None  # (the gate is matched forward from where it looks: see _next_line)
        if self.gate is None:
            self.gate, self.check = self.check, None

    def _next_line(self, data: bytes, scan: int) -> int:
        """Where in ``data`` the next line that may start a match begins, from ``scan`` on; -1: none.

        The forward gate, ``(?s:.*?)`` then the rules' beginnings, is matched at ``scan``: RE2 runs its
        automaton forward to the match's end only (a search, whose start is not known, runs a second,
        reverse automaton back from the end, and on text it has not met that automaton's new states cost
        more than the forward one's: the marker rules cost a third less on a cold WCXB pass). A rule's
        beginning never reads a newline (``rule_prefix`` ends before one that could), so the match lies on
        its end's line: that line's start is the first one from ``scan`` that starts like a rule (``.*?``:
        the shortest run before it).
        """
        if not self.forward:  # (the whole lines' superset, searched)
            hit = self.gate.search(data, scan)
            return -1 if hit is None else hit.start()
        hit = self.gate.match(data, scan)
        if hit is None:
            return -1
        return data.rfind(b"\n", scan, hit.end()) + 1 or scan

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Exactly ``self.regex.finditer(text)``.

        The gate searches the text's UTF-8 bytes, encoded once: RE2's Python wrapper
        would encode the whole str again, and count its characters up to the search's
        start, on every search (a cost in the text's length per line the gate lets
        through). Its hits are mapped back to str positions piece by piece: one pass
        over the text in all, none on ASCII text (where a byte is a character).
        """
        if self.gate is None:
            yield from self.regex.finditer(text)
            return
        try:
            data = text.encode("utf-8")
        except UnicodeError:  # a lone surrogate: RE2 cannot read the text
            yield from self.regex.finditer(text)
            return
        ascii_only = len(data) == len(text)
        match_at = self.regex.match
        check = self.check
        pos = byte_pos = 0  # where the next Python search may start, in characters and in bytes
        scan = 0  # where the gate searches next, in bytes
        next_line = self._next_line
        while True:
            hit_byte = next_line(data, scan)  # (a character boundary: RE2 matches whole UTF-8 characters)
            if hit_byte < 0:
                return
            if check is not None and check.match(data, hit_byte) is None:
                # No whole line of the rules starts at this line start (the beginnings' gate
                # matches at line starts only), so no match of the regex: on to the next line.
                scan = data.find(b"\n", hit_byte) + 1
                if not scan:
                    return
                continue
            hit_pos = hit_byte if ascii_only else pos + len(data[byte_pos:hit_byte].decode("utf-8"))
            # Python's next match starts at the hit or after it: tried at the hit only (what
            # ``search`` from there finds first); a hit the regex does not take (the gate is a
            # superset) sends the gate on from the next character, not Python's search to the end.
            match = match_at(text, hit_pos)
            if match is None:
                if hit_pos >= len(text):
                    return
                pos, byte_pos = hit_pos + 1, hit_byte + len(text[hit_pos].encode("utf-8"))
                scan = byte_pos
                continue
            if match.end() == match.start():
                # finditer's rule after an empty match (the next one must move on) is its own:
                # let it go on from here (a fresh finditer from this point finds the same).
                yield from self.regex.finditer(text, match.start())
                return
            yield match
            end = match.end()
            byte_pos = end if ascii_only else hit_byte + len(text[hit_pos:end].encode("utf-8"))
            pos = end
            scan = byte_pos


def _re2_gate(patterns: list[str]):
    """The compiled RE2 superset of the whole-line alternation, or None (no google-re2,
    a rule with no safe translation, or a set RE2 does not compile)."""
    try:
        import re2
    except ImportError:
        return None
    bodies = []
    for pattern in patterns:
        superset = line_superset(pattern)  # (the anchors come from the line pattern)
        if superset is None:
            return None
        bodies.append(superset)
    options = re2.Options()
    options.max_mem = GATE_MAX_MEM
    options.log_errors = False
    try:
        return re2.compile(_LINE_START + "|".join(bodies) + _LINE_END, options)
    except re2.error:
        return None


def _re2_prefix_gate(patterns: list[str]):
    """The RE2 gate of the rules' beginnings at line starts, ``(?s:.*?)(?m)^[ \\t]*(?:P1|P2|...)``
    (``rule_prefix``; matched where the search starts, see GatedFinder._next_line), or None (no
    google-re2, or a set RE2 does not compile).

    Every line a rule's whole-line match starts on starts like the rule: it matches the
    gate at its start. The reverse does not hold (the gate is a prefilter).
    """
    try:
        import re2
    except ImportError:
        return None
    try:
        bodies = [exact_categories(rule_prefix(pattern)) for pattern in patterns]
    except (NoTranslation, RecursionError, re.error):
        return None
    options = re2.Options()
    options.max_mem = GATE_MAX_MEM
    options.log_errors = False
    try:
        return re2.compile("(?s:.*?)" + _LINE_START + "|".join(bodies) + ")", options)
    except re2.error:
        return None


def _reads_newline(op, av, mode: _Mode) -> bool:
    """May the gate's translation of the node (op, av) read a newline? (asked of RE2, character by
    character; True when it cannot say)

    >>> [_reads_newline(op, av, _Mode(False, False)) for op, av in P.parse(r"a.\\s[^x](?s:.)")]
    [False, False, True, True, True]
    """
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.ANY_ALL):
        return _newline_re2().fullmatch(_gate_node(op, av, mode), "\n") is not None
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        inner = mode.inside(add_flags, del_flags)
        return any(_reads_newline(o, a, inner) for o, a in body)
    if op is _ATOMIC_GROUP:
        return any(_reads_newline(o, a, mode) for o, a in av)
    if op is C.BRANCH:
        return any(_reads_newline(o, a, mode) for branch in av[1] for o, a in branch)
    if op in _REPEATS:
        return any(_reads_newline(o, a, mode) for o, a in av[2])
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # (zero width: translated as nothing)
        return False
    return True


def _newline_re2():
    """google-re2's module (the gates are only built when it imports)."""
    import re2
    return re2


def rule_prefix(pattern: str) -> str:
    r"""An RE2 pattern that every match of the Python `pattern` starts with a match of: the
    pattern read until ``PREFIX_LITERALS`` literal characters (a class counts a quarter),
    the alternatives of a branch each read on with what follows it; when the whole
    pattern is read, the line's end (``[\t ]*$``) too. Stopping early only widens it.

    >>> rule_prefix(r"Read more|Related stories")
    'Re(?:ad\\x{20}m|late)'
    >>> rule_prefix(r"\d+ views")
    '[0-9\\x{80}-\\x{10FFFF}](?:[0-9\\x{80}-\\x{10FFFF}]){0,}\\x{20}views(?:[\\t ]*$)'
    """
    tree = P.parse(pattern)
    mode = _Mode(bool(tree.state.flags & C.SRE_FLAG_IGNORECASE), bool(tree.state.flags & C.SRE_FLAG_DOTALL))
    return _prefix([(op, av, mode) for op, av in tree], 0.0)


class _Mode(NamedTuple):
    """The flags a node of the parse tree is read under."""

    ignore_case: bool
    dotall: bool

    def inside(self, add_flags: int, del_flags: int) -> "_Mode":
        """The flags inside a group that adds `add_flags` and removes `del_flags`."""
        def flag(bit: int, now: bool) -> bool:
            return True if add_flags & bit else False if del_flags & bit else now
        return _Mode(flag(C.SRE_FLAG_IGNORECASE, self.ignore_case), flag(C.SRE_FLAG_DOTALL, self.dotall))


# Python's "." without DOTALL: every character but the newline (the kernels' translation takes any
# character, newlines too: here a rule's ".+" would let a line's beginning run on over the next lines,
# and the gate's automata carry it to the text's end: see line_superset).
_NOT_NEWLINE = "[^\\x{a}]"


def _gate_node(op, av, mode: _Mode) -> str:
    """The kernels' RE2 translation of one node (``kernels._node``: a superset), but that "." without
    DOTALL matches what it matches in Python, any character but the newline."""
    if op is C.ANY and not mode.dotall:
        return _NOT_NEWLINE
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        inner = mode.inside(add_flags, del_flags)
        return "(?:" + "".join(_gate_node(o, a, inner) for o, a in body) + ")"
    if op is _ATOMIC_GROUP:
        return "(?:" + "".join(_gate_node(o, a, mode) for o, a in av) + ")"
    if op is C.BRANCH:
        return "(?:" + "|".join("".join(_gate_node(o, a, mode) for o, a in branch) for branch in av[1]) + ")"
    if op in _REPEATS:
        low, high, body = av
        inner = "(?:" + "".join(_gate_node(o, a, mode) for o, a in body) + ")"
        low = min(low, MAX_COUNTED_REPEAT)
        if high is C.MAXREPEAT or high > MAX_COUNTED_REPEAT:
            return f"{inner}{{{low},}}"
        return f"{inner}{{{low},{high}}}"
    return _node(op, av, mode.ignore_case)


def line_superset(pattern: str) -> Optional[str]:
    r"""An RE2 pattern that matches at least every string the Python `pattern` full-matches (not
    anchored), or None when there is no safe translation: ``kernels.re2_superset``'s body, but that
    "." without DOTALL does not match a newline (exactly Python's ".").

    >>> line_superset(r"Photo: .+"), line_superset(r"(?s)a.")
    ('Photo\\x{3a}\\x{20}(?:[^\\x{a}]){1,}', 'a(?s:.)')
    >>> line_superset(r"(?(1)a|b)") is None
    True
    """
    try:
        tree = P.parse(pattern)
        mode = _Mode(bool(tree.state.flags & C.SRE_FLAG_IGNORECASE), bool(tree.state.flags & C.SRE_FLAG_DOTALL))
        return "".join(_gate_node(op, av, mode) for op, av in tree)
    except (NoTranslation, RecursionError, re.error):
        return None


# (an item that ends a beginning where it stands: what follows is left out, and the beginning only widens)
_LEFT_OUT = (None, None, None)


def _prefix(items: list, literals: float) -> str:
    """The prefix pattern of the sequence `items` ((op, av, mode) from the parse tree, mode a
    :class:`_Mode`), `literals` literal characters already read before it."""
    if not items:
        return "(?:[\\t ]*$)"  # (the whole rule read: the line must end here, blanks aside)
    if literals >= PREFIX_LITERALS:
        return ""
    (op, av, mode), rest = items[0], items[1:]
    if op in (C.LITERAL, C.IN, C.ANY, C.NOT_LITERAL) and _reads_newline(op, av, mode):
        return ""  # (a beginning never reads a newline: see GatedFinder._next_line)
    if op is C.LITERAL:
        return _gate_node(op, av, mode) + _prefix(rest, literals + 1)
    if op in (C.IN, C.ANY, C.NOT_LITERAL):
        return _gate_node(op, av, mode) + _prefix(rest, literals + 0.25)
    if op is C.SUBPATTERN:  # its body, under its flags, then what follows it
        _group, add_flags, del_flags, body = av
        inner = mode.inside(add_flags, del_flags)
        return _prefix([(o, a, inner) for o, a in body] + rest, literals)
    if op is _ATOMIC_GROUP:  # (?>...): a superset of it is its body
        return _prefix([(o, a, mode) for o, a in av] + rest, literals)
    if op is C.BRANCH:  # each alternative read on with what follows it
        alternatives, size = [], 0
        for branch in av[1]:
            alternatives.append(_prefix([(o, a, mode) for o, a in branch] + rest, literals))
            size += len(alternatives[-1])
            if size > PREFIX_BRANCH_CHARS:
                # (too many to spell out: the branch whole, as one literal, then what follows it; or, when
                # it may read a newline, each alternative's beginning alone, what follows them left out)
                if _reads_newline(op, av, mode):
                    return "(?:" + "|".join(_prefix([(o, a, mode) for o, a in branch] + [_LEFT_OUT], literals)
                                            for branch in av[1]) + ")"
                return _gate_node(op, av, mode) + _prefix(rest, literals + 1)
        return "(?:" + "|".join(alternatives) + ")"
    if op in _REPEATS:
        low, high, body = av
        if high == 0:
            return _prefix(rest, literals)
        if low >= 1:  # one body first, then the repeat one fewer
            again = [] if high == 1 else [(op, (low - 1, high if high is C.MAXREPEAT else high - 1, body), mode)]
            return _prefix([(o, a, mode) for o, a in body] + again + rest, literals)
        if _reads_newline(op, av, mode):
            return ""
        return _gate_node(op, av, mode) + _prefix(rest, literals)  # (optional: taken whole)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width
        return _prefix(rest, literals)
    return ""  # anything else (a back-reference...): the beginning ends here


@lru_cache(maxsize=1)
def _exact_classes() -> dict[str, str]:
    """The RE2 translation's \\d and \\s classes (ASCII exactly, every non-ASCII character
    maybe) -> Python's own: its ``str`` patterns' \\d is ``str.isdecimal``, \\s
    ``str.isspace``, read off every non-ASCII code point once (~15 ms)."""
    import numpy as np

    points = np.r_[np.arange(0x80, 0xD800, dtype="<u4"), np.arange(0xE000, 0x110000, dtype="<u4")]
    every = points.tobytes().decode("utf-32-le")
    out = {}
    for category, ranges, keep in ((C.CATEGORY_DIGIT, _CATEGORY_RANGES[C.CATEGORY_DIGIT], r"\D+"),
                                   (C.CATEGORY_SPACE, _CATEGORY_RANGES[C.CATEGORY_SPACE], r"\S+")):
        chars = {ord(c) for c in re.sub(keep, "", every)}
        out[ranges + _NON_ASCII] = ranges + _class(chars)[1:-1]
    return out


def exact_categories(body: str) -> str:
    r"""`body` (an RE2 translation) with its \d and \s classes narrowed to the characters
    Python's \d and \s match (non-ASCII digits and spaces only, not every non-ASCII
    character): still a superset, far fewer lines of other scripts let through.

    >>> exact_categories(r"[0-9\x{80}-\x{10FFFF}]").startswith("[0-9\\x{660}-")
    True
    """
    for broad, exact in _exact_classes().items():
        body = body.replace(broad, exact)
    return body


def leading_ascii(pattern: re.Pattern) -> Optional[bytes]:
    r"""For each ASCII character, whether a match of ``pattern`` may begin with it: 128 bytes, 1 or 0;
    None when that is not known (the pattern's lead holds more than characters, classes, groups,
    alternatives and repeats, or it may match the empty string). Each leading character or class is
    compiled alone under the flags it is read with and asked of every ASCII character, so IGNORECASE
    counts as ``re`` reads it ("ſ" leads with "s" and "S" too). A non-ASCII first character is not
    answered: a caller asks the pattern then (html's furniture test and marker rules' names skip the
    patterns no match of which begins with a line's first character).

    >>> lead = leading_ascii(re.compile(r"(?:read more|share(?: this)?)\W*", re.I))
    >>> "".join(chr(c) for c in range(128) if lead[c])
    'RSrs'
    >>> lead = leading_ascii(re.compile(r"\(?(?i:by)|\d+ views"))
    >>> "".join(chr(c) for c in range(128) if lead[c])
    '(0123456789Bb'
    >>> leading_ascii(re.compile(r"^\w+")) is None, leading_ascii(re.compile(r"a?")) is None
    (True, True)
    """
    mode = (bool(pattern.flags & re.IGNORECASE), bool(pattern.flags & re.DOTALL))
    leads = _leading([(op, av, mode) for op, av in P.parse(pattern.pattern, pattern.flags)])
    if leads is None:
        return None
    table = bytearray(128)
    for op, av, (ignore_case, dotall) in leads:
        flags = (pattern.flags & (re.ASCII | re.UNICODE)) | (re.IGNORECASE if ignore_case else 0) \
            | (re.DOTALL if dotall else 0)
        one = _compiler.compile(P.SubPattern(P.State(), [(op, av)]), flags)  # (the character or class alone)
        for code in range(128):
            if not table[code] and one.fullmatch(chr(code)):
                table[code] = 1
    return bytes(table)


# The flags an inline group may switch without changing what leads a match, but case and "."
_LEAD_FLAGS = C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_DOTALL | C.SRE_FLAG_MULTILINE | C.SRE_FLAG_VERBOSE


def _leading(items: list) -> Optional[list]:
    """The single characters or classes ((op, av, mode): mode (ignore_case, dotall)) a match of the
    sequence ``items`` begins with, or None when not known."""
    if not items:
        return None  # (the sequence may end here: the match may be empty, or begin with what follows)
    (op, av, mode), rest = items[0], items[1:]
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
        return [(op, av, mode)]
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if (add_flags | del_flags) & ~_LEAD_FLAGS:
            return None
        ignore_case = (mode[0] or bool(add_flags & C.SRE_FLAG_IGNORECASE)) and not del_flags & C.SRE_FLAG_IGNORECASE
        dotall = (mode[1] or bool(add_flags & C.SRE_FLAG_DOTALL)) and not del_flags & C.SRE_FLAG_DOTALL
        return _leading([(o, a, (ignore_case, dotall)) for o, a in body] + rest)
    if op is C.BRANCH:
        found = [_leading([(o, a, mode) for o, a in branch] + rest) for branch in av[1]]
        return None if any(first is None for first in found) else [lead for first in found for lead in first]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, body = av
        if high == 0:
            return _leading(rest)
        first = _leading([(o, a, mode) for o, a in body] + rest)
        if low >= 1 or first is None:
            return first
        after = _leading(rest)
        return None if after is None else first + after
    return None

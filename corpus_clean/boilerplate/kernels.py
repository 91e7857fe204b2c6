"""Regex kernels: every rule's verdict on a line, in one RE2 set match.

The rule packs' regexes are Python regexes, full-matched one line at a time. Most lines
match no rule, yet each one would cost a Python loop over the rules that could match it.
Here every line rule's regex becomes an RE2 pattern, and all of them go into one RE2 set
(``VerdictKernel``), matched once per line the engine has not seen before:

* on an ASCII line, a rule's *exact* translation (``re2_exact_ascii``) decides the
  verdict alone: the set's answer is the Python regex's;
* where there is none (lookarounds, long counted repeats...) and on lines with other
  characters, a *superset* (``re2_projected_superset``, ``re2_superset``): a line it
  rejects cannot match the rule, and the Python regex confirms only the rules it named.

So the verdicts are the same as trying every rule on every line.

Each translation walks the regex's parse tree (the standard library's own parser), so it
sees what the Python regex engine sees. ``re2_superset`` (validation's marker prefilter)
reads UTF-8 text:

* literals are kept; under ``(?i)`` each becomes the class of every character Python's
  engine equates with it (simple lower-casing plus its extra cases: "i" also matches
  "İ" and "ı" in Python, not in RE2);
* ``\\d``, ``\\w``, ``\\s`` keep their exact ASCII part and allow any non-ASCII
  character (Python's Unicode tables and RE2's need not agree);
* zero-width assertions (``^``, ``$``, ``\\b``, lookarounds) are dropped, atomic groups
  and possessive repeats become plain groups and repeats, a back-reference becomes
  ``.*``: each only widens what matches;
* large counted repeats are opened up (``{0,300}`` → ``*``): RE2 would unroll them.

Whatever has no safe translation makes the whole pattern None (the rule is then tried
on every line, as without kernels). The kernel's own translations differ where its
input does: see ``re2_exact_ascii`` and ``re2_projected_superset``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as C, _parser as P  # stdlib internals, stable since 3.11
from re._casefix import _EXTRA_CASES

# Counted repeats above this are opened up: RE2 unrolls x{0,300} into 300 copies of x.
MAX_COUNTED_REPEAT = 40
_ANY = r"(?s:.)"  # every character, newlines too
# Python's \d, \w, \s on ASCII, exactly; every non-ASCII character may be one.
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_CATEGORY_RANGES = {
    C.CATEGORY_DIGIT: r"0-9",
    C.CATEGORY_WORD: r"0-9A-Z_a-z",
    C.CATEGORY_SPACE: r"\t-\r\x{1c}-\x{20}",
}
_NOT_CATEGORY = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_WORD: C.CATEGORY_WORD,
                 C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
_ATOMIC_GROUP = getattr(C, "ATOMIC_GROUP", None)
# Characters above this have no case: lower-casing maps each one to itself.
_CASED_LIMIT = 0x20000


class NoTranslation(Exception):
    """The pattern holds something with no safe RE2 superset."""


def _char(cp: int) -> str:
    """`cp` in an RE2 pattern: ASCII letters and digits as they are, others escaped."""
    ch = chr(cp)
    return ch if ch.isascii() and ch.isalnum() else r"\x{%x}" % cp


@lru_cache(maxsize=1)
def _lower_preimages() -> dict[int, tuple[int, ...]]:
    """{lower-case code point: the code points Python's regex engine lower-cases to it},
    for those with more than one (``_sre.unicode_tolower``: simple case mapping)."""
    import _sre

    out: dict[int, list[int]] = {}
    for cp in range(_CASED_LIMIT):
        lo = _sre.unicode_tolower(cp)
        if lo != cp:
            out.setdefault(lo, [lo]).append(cp)
    return {lo: tuple(cps) for lo, cps in out.items()}


def case_variants(cp: int) -> set[int]:
    """Every character a case-insensitive Python regex equates with `cp`: those whose
    simple lower case is `cp`'s, or one of its extra cases (``re._casefix``).

    >>> sorted(case_variants(ord("k"))) == [ord("K"), ord("k"), 0x212A]  # (the Kelvin sign)
    True
    >>> sorted(case_variants(ord("i"))) == sorted(map(ord, "Iiİı"))
    True
    """
    import _sre

    lowered = {_sre.unicode_tolower(cp)}
    lowered.update(_EXTRA_CASES.get(next(iter(lowered)), ()))
    pre = _lower_preimages()
    out = set(lowered)
    for lo in lowered:
        out.update(pre.get(lo, ()))
    return out


def _class(cps: set[int], extra: str = "") -> str:
    """An RE2 class of the code points `cps` (consecutive ones as ranges) plus `extra`."""
    parts = []
    run: list[int] = []
    for cp in sorted(cps):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            parts.append(_char(run[0]) if len(run) == 1 else f"{_char(run[0])}-{_char(run[-1])}")
        run = [cp]
    if run:
        parts.append(_char(run[0]) if len(run) == 1 else f"{_char(run[0])}-{_char(run[-1])}")
    return "[" + "".join(parts) + extra + "]"


def _in(items, ignore_case: bool) -> str:
    """An IN node (a character class) as an RE2 class matching at least the same."""
    negate = bool(items) and items[0][0] is C.NEGATE
    if negate:
        items = items[1:]
    chars: set[int] = set()
    extra = ""
    for op, av in items:
        if op is C.LITERAL:
            chars.add(av)
        elif op is C.RANGE:
            lo, hi = av
            if ignore_case or negate:
                if hi - lo > 2000:
                    return _ANY
                chars.update(range(lo, hi + 1))
            else:
                extra += f"{_char(lo)}-{_char(hi)}"
        elif op is C.CATEGORY:
            if av in _CATEGORY_RANGES:
                # (negated: excluding only the ASCII part excludes less, a superset)
                extra += _CATEGORY_RANGES[av] + ("" if negate else _NON_ASCII)
            elif av in _NOT_CATEGORY and not negate:
                return _ANY  # (ASCII complement plus every non-ASCII character: nearly any)
            else:
                return _ANY
        else:
            return _ANY
    if negate:
        if ignore_case:
            return _ANY
        return _class(chars, extra).replace("[", "[^", 1)
    if ignore_case:
        for cp in list(chars):
            chars |= case_variants(cp)
    return _class(chars, extra)


def _sequence(items, ignore_case: bool) -> str:
    return "".join(_node(op, av, ignore_case) for op, av in items)


def _node(op, av, ignore_case: bool) -> str:
    if op is C.LITERAL:
        return _class(case_variants(av)) if ignore_case else _char(av)
    if op is C.NOT_LITERAL:
        return _ANY if ignore_case else f"[^{_char(av)}]"
    if op is C.IN:
        return _in(av, ignore_case)
    if op in (C.ANY, C.ANY_ALL):
        return _ANY
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags & C.SRE_FLAG_IGNORECASE:
            ignore_case = True
        if del_flags & C.SRE_FLAG_IGNORECASE:
            ignore_case = False
        return f"(?:{_sequence(body, ignore_case)})"
    if op is _ATOMIC_GROUP:
        return f"(?:{_sequence(av, ignore_case)})"
    if op is C.BRANCH:
        return "(?:" + "|".join(_sequence(branch, ignore_case) for branch in av[1]) + ")"
    if op in _REPEATS:
        low, high, body = av
        inner = f"(?:{_sequence(body, ignore_case)})"
        low = min(low, MAX_COUNTED_REPEAT)
        if high is C.MAXREPEAT or high > MAX_COUNTED_REPEAT:
            return f"{inner}{{{low},}}"
        return f"{inner}{{{low},{high}}}"
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return ""  # zero width: dropping it only widens the match
    if op is C.GROUPREF:
        return _ANY + "*"
    raise NoTranslation(str(op))


def re2_superset(pattern: str) -> str | None:
    r"""An RE2 pattern that full-matches at least every string the Python `pattern`
    full-matches (anchored: ``^...$``), or None when there is no safe translation.

    >>> re2_superset(r"(?i:Share)\s*")
    '^(?:(?:[Ss\\x{17f}][Hh][Aa][Rr][Ee])(?:[\\t-\\r\\x{1c}-\\x{20}\\x{80}-\\x{10FFFF}]){0,})$'
    >>> re2_superset(r"(?(1)a|b)") is None
    True
    """
    try:
        tree = P.parse(pattern)
        return "^(?:" + _sequence(tree, bool(tree.state.flags & C.SRE_FLAG_IGNORECASE)) + ")$"
    except (NoTranslation, RecursionError, re.error):
        return None


# RE2's memory budget for a kernel's automaton (built lazily, as lines need its states).
RE2_MAX_MEM = 64 << 20


# --- every rule at once: exact on ASCII lines, a superset on the others -----------------

# A line with non-ASCII characters is matched as its "projection": each such character
# replaced by "?" (``project``). RE2 then reads one byte per character, and a pattern
# translated for projections has small byte classes (``re2_projected_superset``), where
# UTF-8 ranges in patterns like ".{0,80}\bcookie.{0,80}" made RE2's automaton too large
# to cache (measured: 5 s for 15,000 lines instead of 0.02 s). A "?" in a projection
# stands for itself or for any non-ASCII character.
STAND_IN = ord("?")


def project(line: str) -> bytes:
    r"""`line` as the bytes RE2 reads for the projected supersets: ASCII as it is, every
    other character "?" (lone surrogates too; the codec's own fast path).

    >>> project("Ça va ?")
    b'?a va ?'
    """
    return line.encode("ascii", "replace")


def re2_exact_ascii(pattern: str) -> str | None:
    r"""An RE2 pattern that full-matches exactly the ASCII lines (no newline) the Python
    `pattern` full-matches, or None when no exact translation is known.

    Exact by construction, node by node of the regex's parse tree:

    * each one-character node (a literal, a class, ``.``, ``\w``...) becomes the class of
      the ASCII characters *Python's own regex engine* says it matches under the flags in
      force there (``_ascii_members``): no case-folding or Unicode table is re-derived;
    * sequences, groups, alternatives and repeats keep their meaning (in a full match,
      greedy or lazy and leftmost-first or not change which match is found, not whether
      one exists);
    * ``\b`` and ``\B``: on ASCII text Python's and RE2's word characters are the same,
      and a line's neighbours are a newline or nothing (a non-word character either way);
    * anything else (lookarounds, atomic groups, possessive repeats, back-references,
      ``^``/``$``, counted repeats above MAX_COUNTED_REPEAT that RE2 would unroll) has
      no exact translation here: the rule keeps its superset and Python's ``re``.

    >>> re2_exact_ascii(r"(?i:ok)\s*")
    '^(?:(?:[Oo][Kk])(?:[\\x{9}-\\x{d}\\x{1c}-\\x{20}]){0,})$'
    >>> re2_exact_ascii(r"(?=a)a") is None
    True
    """
    return _translate_line_pattern(pattern, exact=True)


def re2_projected_superset(pattern: str) -> str | None:
    r"""An RE2 pattern that full-matches the projection (``project``) of at least every
    line the Python `pattern` full-matches, or None when there is no safe translation.

    Each one-character node matches the ASCII characters Python's engine says it
    matches, plus "?" when it may match a non-ASCII character (``_may_match_non_ascii``);
    the rest widens like ``re2_superset`` (zero-width assertions dropped, atomic
    groups and possessive repeats plain, back-references ``.*``, long counted repeats
    opened up).

    >>> re2_projected_superset(r"(?i:ok)\b")
    '^(?:(?:[Oo][\\x{3f}Kk]))$'
    """
    return _translate_line_pattern(pattern, exact=False)


def _translate_line_pattern(pattern: str, exact: bool) -> str | None:
    try:
        tree = P.parse(pattern)
        return "^(?:" + _line_sequence(tree, tree.state.flags, exact) + ")$"
    except (NoTranslation, RecursionError, re.error):
        return None


def _line_sequence(items, flags: int, exact: bool) -> str:
    return "".join(_line_node(op, av, flags, exact) for op, av in items)


def _line_node(op, av, flags: int, exact: bool) -> str:
    """One node of ``re2_exact_ascii`` (`exact`) or ``re2_projected_superset``."""
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
        members = set(_ascii_members(op, av, flags))
        if not exact and _may_match_non_ascii(op, av, flags):
            members.add(STAND_IN)
        if not members:
            return r"[^\x00-\x{10FFFF}]"  # (matches nothing)
        return _char(min(members)) if len(members) == 1 else _class(members)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return f"(?:{_line_sequence(body, (flags | add_flags) & ~del_flags, exact)})"
    if op is _ATOMIC_GROUP and not exact:
        return f"(?:{_line_sequence(av, flags, exact)})"
    if op is C.BRANCH:
        return "(?:" + "|".join(_line_sequence(branch, flags, exact) for branch in av[1]) + ")"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or (op in _REPEATS and not exact):
        low, high, body = av
        inner = f"(?:{_line_sequence(body, flags, exact)})"
        if low > MAX_COUNTED_REPEAT or (high is not C.MAXREPEAT and high > MAX_COUNTED_REPEAT):
            if exact:
                raise NoTranslation("a long counted repeat")
            return f"{inner}{{{min(low, MAX_COUNTED_REPEAT)},}}"
        return f"{inner}{{{low},}}" if high is C.MAXREPEAT else f"{inner}{{{low},{high}}}"
    if op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY) and exact:
        return r"\b" if av is C.AT_BOUNDARY else r"\B"
    if not exact:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return ""  # zero width: dropping it only widens the match
        if op is C.GROUPREF:
            return r"[\x00-\x7f]*"
    raise NoTranslation(str(op))


_MEMBERS: dict = {}  # (op, node, flags) -> the ASCII code points the node matches


def _ascii_members(op, av, flags: int) -> tuple[int, ...]:
    """The ASCII characters the one-character node (op, av) matches under `flags`, as
    Python's regex engine decides: the node compiled alone, tried on each of them.

    >>> [chr(c) for c in _ascii_members(C.LITERAL, ord("k"), C.SRE_FLAG_UNICODE | C.SRE_FLAG_IGNORECASE)]
    ['K', 'k']
    """
    if op is C.LITERAL and not flags & C.SRE_FLAG_IGNORECASE:
        return (av,) if av < 128 else ()
    key = (op, repr(av), flags)
    found = _MEMBERS.get(key)
    if found is None:
        from re import _compiler

        state = P.State()
        state.flags = flags
        regex = _compiler.compile(P.SubPattern(state, [(op, av)]), flags)
        found = _MEMBERS[key] = tuple(c for c in range(128) if regex.fullmatch(chr(c)))
    return found


def _may_match_non_ascii(op, av, flags: int) -> bool:
    """Whether the one-character node may match some non-ASCII character (True when
    unsure: a category, a negation, a wide range...).

    >>> _may_match_non_ascii(C.LITERAL, ord("k"), C.SRE_FLAG_IGNORECASE)  # the Kelvin sign
    True
    >>> _may_match_non_ascii(C.IN, [(C.RANGE, (ord("0"), ord("9")))], C.SRE_FLAG_IGNORECASE)
    False
    """
    ignore_case = bool(flags & C.SRE_FLAG_IGNORECASE)

    def beyond_ascii(cps) -> bool:
        return any(c >= 128 or (ignore_case and max(case_variants(c)) >= 128) for c in cps)

    if op is C.LITERAL:
        return beyond_ascii([av])
    if op is C.IN:
        for item, value in av:
            if item is C.LITERAL and not beyond_ascii([value]):
                continue
            if item is C.RANGE and value[1] < 128 and not beyond_ascii(range(value[0], value[1] + 1)):
                continue
            return True
        return False
    return True


class VerdictKernel:
    """Which of a list of Python regexes full-match a line, for every rule at once: one
    RE2 set match per line, and for most lines the answer itself.

    ``match(line)`` gives (candidates, sure): bit k set in `candidates` when pattern k
    may full-match `line`, and also in `sure` when it certainly does. An ASCII line
    meets each pattern's exact translation (``re2_exact_ascii``), or its superset
    where there is none; any other line meets the supersets only, as its projection
    (``re2_projected_superset``, ``project``).
    A bit in `candidates` but not in `sure` needs the Python regex to confirm it.

    Each set also holds a pattern that matches every line: a result without it means
    RE2 could not finish (its automaton out of memory), and then every pattern is a
    candidate and none is sure, as without the kernel.

    >>> kernel = VerdictKernel.build([r"(?i:share)", r"Read more", r"(?=x)xy"])
    >>> [tuple(map(bin, kernel.match(line))) for line in ("SHARE", "Read more", "xy", "Read moré", "ſhare")]
    [('0b1', '0b1'), ('0b10', '0b10'), ('0b100', '0b0'), ('0b0', '0b0'), ('0b1', '0b0')]
    """

    def __init__(self, ascii_set, any_set):
        # Per set: (its Match, the index of its catch-all pattern, per index (bit, sure bit),
        # the bits of the patterns it cannot judge).
        self._ascii = ascii_set
        self._any = any_set
        self.n_patterns = any_set[4]

    @classmethod
    def build(cls, patterns: list[str]) -> "VerdictKernel | None":
        """The kernel of `patterns`, or None when google-re2 is not installed (or a set
        does not compile)."""
        try:
            import re2
        except ImportError:
            return None
        supersets = [re2_projected_superset(p) for p in patterns]
        exact = [re2_exact_ascii(p) for p in patterns]
        try:
            ascii_set = _regex_set(re2, [(e or s, e is not None) for e, s in zip(exact, supersets)])
            any_set = _regex_set(re2, [(s, False) for s in supersets])
        except re2.error:
            return None
        return cls(ascii_set, any_set)

    def match(self, line: str) -> tuple[int, int]:
        """(candidates, sure) of `line` (see the class)."""
        return self.match_many([line])[0]

    def match_many(self, lines: list[str]) -> list[tuple[int, int]]:
        """``match`` of each line."""
        out = []
        nothing = (0, 0)
        for line in lines:
            if line.isascii():
                match, catch_all, bits_of, always, n = self._ascii
                found = match(line.encode("ascii"))
            else:
                match, catch_all, bits_of, always, n = self._any
                found = match(project(line))
            if len(found) == 1 and found[0] == catch_all:  # (most lines: no pattern)
                out.append((always, 0) if always else nothing)
                continue
            if catch_all not in found:  # (no lines, or RE2 gave up: every pattern may)
                out.append(((1 << n) - 1, 0))
                continue
            candidates, sure = always, 0
            for index in found:
                bit, sure_bit = bits_of[index]
                candidates |= bit
                sure |= sure_bit
            out.append((candidates, sure))
        return out


def _regex_set(re2, patterns: list[tuple[str | None, bool]]) -> tuple:
    """One RE2 full-match set of `patterns` ((RE2 pattern or None, exact?), in order)
    plus a catch-all: (its Match, the catch-all's index, per index (bit, sure bit), the
    bits of the patterns without an RE2 pattern, how many patterns)."""
    options = re2.Options()
    options.max_mem = RE2_MAX_MEM
    options.log_errors = False
    regex_set = re2.Set.FullMatchSet(options)
    bits_of = []
    always = 0
    for k, (pattern, exact) in enumerate(patterns):
        if pattern is not None:
            try:
                regex_set.Add(pattern)
                bits_of.append((1 << k, (1 << k) if exact else 0))
                continue
            except re2.error:
                pass
        always |= 1 << k
    regex_set.Add(r"(?s:.)*")
    bits_of.append((0, 0))
    regex_set.Compile()
    return regex_set._set.Match, len(bits_of) - 1, tuple(bits_of), always, len(patterns)

"""Regex kernels: which rules can match a line, in one RE2 set match.

The rule packs' regexes are Python regexes, full-matched one line at a time. Most lines
match no rule, yet each one costs a Python loop over the rules that could match it. Here
every anchored rule's regex becomes an RE2 pattern that matches *at least* every line the
Python regex full-matches (a superset: ``re2_superset``), and all of them go into one RE2
set (``RuleKernel``), matched once per line the engine has not seen before. A line the
superset rejects cannot match the rule; the Python regex then confirms only the rules
the set named, so the verdicts are the same as trying every rule on every line.

The translation walks the regex's parse tree (the standard library's own parser), so it
sees what the Python regex engine sees:

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
on every line, as without kernels).
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from re import _constants as C, _parser as P  # stdlib internals, stable since 3.11

import numpy as np
from re._casefix import _EXTRA_CASES

from corpus_clean import derived_cache

# A rule set's gate bits (bit k: its k-th rule) are held in this many bits per word: an
# array of gates is uint64 [line][word], as many words as the rules need (``gate_words``).
GATE_WORD_BITS = 64


def gate_words(n_rules: int) -> int:
    """How many 64-bit words hold the gate bits of `n_rules` rules (at least one).

    >>> gate_words(0), gate_words(64), gate_words(65), gate_words(130)
    (1, 1, 2, 3)
    """
    return max(1, -(-n_rules // GATE_WORD_BITS))


def as_words(bits: list[int], n_words: int) -> np.ndarray:
    """Python-int bitsets as a uint64 array [item][word] of `n_words` words, the lowest
    bits in word 0 (the layout of the compiled ``rule_gates``' tables and outputs);
    a negative int (every bit) fills every word.

    >>> as_words([1, 1 << 64 | 2, -1], 2).tolist()
    [[1, 0], [2, 1], [18446744073709551615, 18446744073709551615]]
    """
    if n_words == 1:  # (the usual case, kept to one array call)
        return np.array([b & 0xFFFFFFFFFFFFFFFF for b in bits], dtype=np.uint64).reshape(len(bits), 1)
    mask = (1 << GATE_WORD_BITS * n_words) - 1
    raw = b"".join((b & mask).to_bytes(8 * n_words, "little") for b in bits)
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64).reshape(len(bits), n_words)


def as_ints(words: np.ndarray) -> list[int]:
    """``as_words`` undone: each row of a uint64 [item][word] array as one Python int.

    >>> as_ints(as_words([5, 1 << 100], 2))
    [5, 1267650600228229401496703205376]
    """
    if words.shape[1] == 1:
        return words[:, 0].tolist()
    return [int.from_bytes(row, "little") for row in np.ascontiguousarray(words, dtype="<u8").view(f"V{8 * words.shape[1]}").ravel().tolist()]


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


@derived_cache.derived  # (kept in a file across processes while the packs load: rules.load_rules)
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


class RuleKernel:
    """Which of a list of Python regexes can full-match a line: one RE2 ``Set`` of their
    supersets (``re2_superset``), compiled once, matched once per line.

    ``bits(line)`` has bit k set when pattern k may full-match `line` (its superset
    matches, or it has no superset); a clear bit is a sure no.

    >>> kernel = RuleKernel.build([r"(?i:share)", r"Read more", r"(?(1)a|b)"])
    >>> bin(kernel.bits("SHARE")), bin(kernel.bits("Read more")), bin(kernel.bits("nothing"))
    ('0b101', '0b110', '0b100')
    """

    def __init__(self, match, always: int, positions: tuple[int, ...], n_words: int = 1):
        self._match = match  # bytes -> list of indices into the set
        self.always = always  # the bits of the patterns without a superset
        self._positions = positions  # set index -> pattern position
        self._bit_of = tuple(1 << k for k in positions)  # set index -> the pattern's bit
        # (the same as uint64 words for the compiled ``rule_gates``: [set index][word], and
        # `always` as one row; `n_words`: the rule set's words per line, ``gate_words``)
        self.n_words = max(n_words, gate_words(max(positions, default=-1) + 1), gate_words(always.bit_length()))
        self.bit_of_words = as_words(list(self._bit_of), self.n_words)
        self.always_words = as_words([always], self.n_words)[0]

    @classmethod
    def build(cls, patterns: list[str], max_mem: int | None = None, n_words: int = 1) -> "RuleKernel | None":
        """The kernel of `patterns`, or None when google-re2 is not installed (or the set
        does not compile): the caller then tries the regexes without it. `max_mem`: RE2's
        memory budget for the automaton (default ``RE2_MAX_MEM``); `n_words`: at least
        this many 64-bit words per line in ``bit_of_words`` (the rule set's)."""
        try:
            import re2
        except ImportError:
            return None
        options = re2.Options()
        options.max_mem = RE2_MAX_MEM if max_mem is None else max_mem
        options.log_errors = False
        regex_set = re2.Set.FullMatchSet(options)
        always = 0
        positions = []
        for k, pattern in enumerate(patterns):
            superset = re2_superset(pattern)
            if superset is None:
                always |= 1 << k
                continue
            try:
                regex_set.Add(superset)
            except re2.error:
                always |= 1 << k
                continue
            positions.append(k)
        try:
            regex_set.Compile()
        except re2.error:
            return None
        return cls(regex_set._set.Match, always, tuple(positions), n_words)

    @property
    def match(self):
        """The set's match function: UTF-8 bytes -> the indices of the patterns that match."""
        return self._match

    def bits(self, line: str) -> int:
        """Bit k set: pattern k may full-match `line` (clear: it cannot)."""
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: RE2 cannot say, try them all
            return -1
        bits = self.always
        found = self._match(data)
        if found:
            bit_of = self._bit_of
            for index in found:
                bits |= bit_of[index]
        return bits


def keyword_gates(patterns: list[str]) -> tuple["RuleKernel | None", ...]:
    """One single-pattern kernel per keyword rule (`patterns`: their regexes), each
    None when its pattern has no RE2 superset; () when google-re2 is not installed.

    A keyword rule's regex looks through the whole line (``.{2,400}?[.!?] ...Reuters``);
    a line can hold its keyword by chance ("prepare" holds "epa"), and such lines were
    ~40 % of the lines the engine judged one by one. Each rule gets its own automaton:
    the keyword rules' ``.*``-led patterns in one set multiply their states (round 8's
    single set overflowed RE2's state cache).

    >>> [gate.bits("We prepare a separate plan.") for gate in keyword_gates([r".{2,400}?[.!?] +AFP"])]
    [0]
    """
    gates = tuple(RuleKernel.build([pattern], KEYWORD_GATE_MAX_MEM) for pattern in patterns)
    if any(gate is None for gate in gates):
        return ()
    return tuple(None if gate.always else gate for gate in gates)


# RE2's memory budget for a kernel's automaton (built lazily, as lines need its states).
RE2_MAX_MEM = 64 << 20
# ... and for each keyword rule's own gate (one pattern: a small automaton).
KEYWORD_GATE_MAX_MEM = 8 << 20


class KeywordAutomaton:
    """The keyword rules' keywords as one Aho-Corasick automaton over code points, as
    tables for the compiled ``rule_gates`` kernel (``corpus_clean/_native.c``), which
    lower-cases each line as it reads it: one pass per line where the pure-Python path
    lower-cases the batch's text, encodes it and scans its bytes
    (``RuleSet.keyword_bits_of_many``, the reference it is checked against).

    * ``char_class[c]``: the input class of lower-case code point c (0: in no keyword);
    * ``delta[state * n_classes + class]``: the next state, failure links folded in;
    * ``state_bits[state]``: the bits of the rules with a keyword ending there, as
      uint64 words (``as_words``: [state][word], ``n_words`` words).

    >>> a = KeywordAutomaton.build(["he", "she", "hers"], [1, 2, 4])
    >>> a.bits_of("ushers"), a.bits_of("hi"), a.bits_of("SHE")
    (7, 0, 3)
    >>> KeywordAutomaton.build(["he", "she"], [1 << 70, 1]).bits_of("she") == 1 << 70 | 1
    True
    """

    def __init__(self, char_class: np.ndarray, delta: np.ndarray, n_classes: int, state_bits: np.ndarray):
        self.char_class, self.delta, self.n_classes, self.state_bits = char_class, delta, n_classes, state_bits

    @classmethod
    def build(cls, keywords: list[str], bits_of_keyword: list[int], n_words: int = 1) -> "KeywordAutomaton | None":
        """The automaton of `keywords` (lower-case, non-empty), keyword k standing for
        the rules `bits_of_keyword[k]`, its state bits in at least `n_words` 64-bit
        words (as many as the bits need); None when there is no keyword."""
        if not keywords:
            return None
        n_words = max(n_words, gate_words(max(bits.bit_length() for bits in bits_of_keyword)))
        alphabet = sorted({ch for keyword in keywords for ch in keyword})
        class_of = {ch: k + 1 for k, ch in enumerate(alphabet)}
        goto: list[dict[int, int]] = [{}]
        bits = [0]
        for keyword, keyword_bits in zip(keywords, bits_of_keyword):  # the trie
            state = 0
            for ch in keyword:
                c = class_of[ch]
                if c not in goto[state]:
                    goto.append({})
                    bits.append(0)
                    goto[state][c] = len(goto) - 1
                state = goto[state][c]
            bits[state] |= keyword_bits
        n_classes = len(alphabet) + 1
        delta = np.zeros((len(goto), n_classes), dtype=np.int32)
        fail = [0] * len(goto)
        queue = []
        for c, child in goto[0].items():
            delta[0, c] = child
            queue.append(child)
        for state in queue:  # breadth first: a state's failure target is done before it
            bits[state] |= bits[fail[state]]
            delta[state] = delta[fail[state]]
            for c, child in goto[state].items():
                fail[child] = int(delta[fail[state], c])
                delta[state, c] = child
                queue.append(child)
        char_class = np.zeros(max(map(ord, alphabet)) + 1, dtype=np.uint16)
        for ch, c in class_of.items():
            char_class[ord(ch)] = c
        return cls(char_class, delta.ravel(), n_classes, as_words(bits, n_words))

    def bits_of(self, line: str) -> int:
        """The bits of the keywords in `line` lower-cased (the automaton read in Python;
        the kernel reads the same tables)."""
        state, found = 0, 0
        state_bits = as_ints(self.state_bits)
        for ch in line.lower():
            c = int(self.char_class[ord(ch)]) if ord(ch) < len(self.char_class) else 0
            state = int(self.delta[state * self.n_classes + c])
            found |= state_bits[state]
        return found

    @property
    def n_words(self) -> int:
        """The 64-bit words of each state's bits."""
        return self.state_bits.shape[1]

    @cached_property
    def row_delta(self) -> np.ndarray:
        """``delta`` as the compiled scan reads it: each entry the next state's first
        entry (state x n_classes), with bit 31 set when that state has rule bits. The
        scan's step is then one load and a mask (no multiply on the chain from one
        character to the next), and bits are looked up only where a keyword ends.

        >>> a = KeywordAutomaton.build(["he"], [1])  # (classes: 1 "e", 2 "h"; states: "", "h", "he")
        >>> a.n_classes, a.delta.tolist(), a.row_delta.tolist() == [0, 0, 3, 0, 6 | 1 << 31, 3, 0, 0, 3]
        (3, [0, 0, 1, 0, 2, 1, 0, 0, 1], True)
        """
        has_bits = self.state_bits.any(axis=1)
        rows = self.delta.astype(np.uint32) * np.uint32(self.n_classes)
        return rows | np.where(has_bits[self.delta], np.uint32(1 << 31), np.uint32(0))

    @cached_property
    def row_delta_bytes(self) -> bytes:
        """``row_delta`` as bytes, as the engine hands it to the compiled scan: bytes
        cannot change, so the kernel checks that every row lies inside the table once
        for the object (the check reads all 2.8 MB of it: ~1 ms a batch, 1.5 % of a
        cold core pass) instead of on every call.

        >>> a = KeywordAutomaton.build(["he"], [1])
        >>> np.frombuffer(a.row_delta_bytes, dtype=np.uint32).tolist() == a.row_delta.tolist()
        True
        """
        return self.row_delta.tobytes()

    @cached_property
    def longest(self) -> int:
        """The longest keyword's length (code points): the automaton's depth, i.e. the
        most steps from the start state to any state. A state's depth is its distance
        from the start (a transition goes at most one deeper), found breadth first.

        >>> KeywordAutomaton.build(["he", "she", "hers"], [1, 2, 4]).longest
        4
        """
        table = self.delta.reshape(-1, self.n_classes)
        seen = np.zeros(len(table), dtype=bool)
        seen[0] = True
        frontier, depth = np.array([0]), 0
        while True:
            reached = np.zeros(len(table), dtype=bool)  # (a mask, not np.unique: ~10x cheaper here)
            reached[table[frontier].ravel()] = True
            frontier = np.flatnonzero(reached & ~seen)
            if not len(frontier):
                return depth
            seen[frontier] = True
            depth += 1

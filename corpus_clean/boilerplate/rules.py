"""Rule packs: boilerplate patterns as data (YAML), one rule per pattern.

A pack file (``packs/<pack>.yaml``) looks like::

    pack: news
    rules:
      - name: byline
        kind: line            # line | section | block | caption_credit | empty_heading
        pattern: 'By\\s+[A-Z].*'   # Python regex, must match the WHOLE stripped line
        flags: i              # optional: i = ignore case
        where: head           # optional: anywhere (default) | head | tail
        max_words: 20         # optional: the line may not have more words
        keywords: [cookie]    # optional: literals (lower-case) the line must contain;
                              # for patterns that search the line (".{0,200}\bcookie...")
        description: ...
        example: |            # a small document in which the rule fires
          By Jane Roe and John Doe
          The council voted on Tuesday to close the bridge for repairs.
        removed: ["By Jane Roe and John Doe"]   # lines of `example` the rule must remove
        keep: |               # optional counter-example: the rule must not fire here
          By Tuesday the council had voted to close the bridge for repairs.

Kinds (what happens when the pattern matches a line):

* ``line``: remove that line.
* ``section``: the marker starts a section that runs to the end of the document
  (reader comments, talk-page UI). Only when the marker is past ``min_position``
  (fraction of the document's characters), below a few prose lines of article, and
  followed by fewer prose lines than precede it, or when 2+ lines below it match
  other rules of the same pack (comment metadata); otherwise only the marker line goes.
* ``block``: the marker plus the short, non-prose lines right after it
  (a "Recommended for you" list of teaser headlines), at most ``max_lines``.
* ``caption_credit``: a photo credit line; in text whose paragraphs are separated by
  blank lines, the line directly above it (no blank line between) is removed too as
  ``<pack>.caption`` when it is at most ``caption_max_words``.
* ``empty_heading``: a heading ("References:") removed only when nothing that looks
  like its content follows it.
* ``builtin``: a structural rule written in Python in ``engine.py`` (headline, repeated
  lines, menu runs, trailing comments...); the YAML entry names and documents it and
  carries its example, so it is tested like every other rule.

Each rule is compiled into its own regex. A candidate line is full-matched against the
rules that can start with its first two characters and may act on it (its word count,
head or tail), in order, the first match winning; rules with ``keywords`` only on lines
containing one. See ``RuleSet``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick_rs
import numpy as np
import yaml

from corpus_clean import derived_cache
from corpus_clean.boilerplate.kernels import KeywordAutomaton, RuleKernel, as_words, gate_words, keyword_gates

PACK_DIR = Path(__file__).parent / "packs"
# "prefix": cuts only the matched start of the article's first line ("LISBON — ").
KINDS = {"line", "section", "block", "caption_credit", "empty_heading", "builtin", "prefix"}
WHERES = {"anywhere", "head", "tail"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern, with the example that documents (and tests) it."""

    pack: str
    name: str
    kind: str
    pattern: str
    flags: str = ""
    where: str = "anywhere"
    max_words: int | None = None
    min_position: float = 0.0
    max_lines: int = 30
    caption_max_words: int = 60
    description: str = ""
    example: str = ""
    removed: tuple[str, ...] = ()
    keep: str = ""
    keywords: tuple[str, ...] = ()  # lower-case literals, one of which the line must contain
    # Does a line this rule matches, left in a clean text, fail validation? Off for rules
    # whose matches can be content the engine keeps on purpose (a lone number: "4.1.1").
    validation_marker: bool = True
    order: int = 0  # position over all packs: on a line matched by two rules, the lower wins

    @property
    def is_unconditional(self) -> bool:
        """A line rule that fires anywhere, on any line, without context or keywords (the
        HTML path runs only these on extracted text)."""
        return self.kind == "line" and self.where == "anywhere" and not self.keywords and self.min_position == 0

    @property
    def is_validation_marker(self) -> bool:
        """An unconditional rule whose matches are never content: left in a clean text,
        such a line fails validation (``corpus_clean.boilerplate.marker_regexes``)."""
        return self.is_unconditional and self.validation_marker

    @cached_property  # (read for every line a rule marks: made once per rule)
    def id(self) -> str:
        """The provenance name written into each Removal, e.g. ``news.byline``."""
        return f"{self.pack}.{self.name}"

    def inline_pattern(self) -> str:
        """The pattern with its flags scoped to it (for the rule's regex and validation's marker regex)."""
        return f"(?{self.flags}:{self.pattern})" if self.flags else f"(?:{self.pattern})"



@dataclass(frozen=True)
class RuleSet:
    """All rules of all packs, compiled for matching one line at a time.

    * anchored rules (no keywords): each has its own regex; a line is full-matched
      against the rules that can start with its first two characters
      (``match_prefixes``) and may act on it (``may_act``: its word count, whether it
      is in the head or the tail), in rule order, the first match winning
      (``first_match``). On the bench pages that is ~4 rules per line;
    * ``keyword_rules``: rules with ``keywords`` (patterns that look anywhere in the
      line, e.g. "... contributed to this report"): tried only on lines that contain
      one of their keywords, all keywords of all rules found in one Aho-Corasick pass
      over the lower-cased lines of a batch the line cache does not know
      (``keyword_automaton`` in the compiled ``rule_gates``, ``keyword_bits_of_many``
      its twin), and whose regex's RE2 superset matches (``keyword_kernels``).

    Use each regex with ``.fullmatch(text, line_start, line_end)``.
    """

    rules: tuple[Rule, ...]
    anchored: tuple[Rule, ...] = field(repr=False)  # line rules without keywords
    anchored_max_words: int
    keyword_rules: tuple[tuple[Rule, re.Pattern], ...] = field(repr=False)
    group_to_rule: dict = field(repr=False)  # "r<order>" -> rule
    singles: tuple[tuple[Rule, re.Pattern], ...] = field(repr=False)  # every line rule, own regex, in order
    # Per anchored rule, in order: (group, regex, (two-character starts or None, first
    # characters or None), rule).
    dispatch: tuple = field(repr=False)
    word_limits: tuple[int, ...] = field(repr=False)  # the anchored rules' max_words, sorted
    # (key, word-count bucket, in_head, in_tail) -> ((group, regex), ...); key -> ((group, regex, rule), ...)
    _candidates: dict = field(repr=False, default_factory=dict)
    # (word-count bucket, in_head, in_tail) -> bits of the keyword rules that may act
    _keyword_candidates: dict = field(repr=False, default_factory=dict)
    # ("verdict", flags) -> {raw line: its Rule or None}, filled by the engine
    # (``engine.line_rules_many``; flags: whether keywords apply, in the head, in the tail)
    line_cache: dict = field(repr=False, default_factory=dict)
    prefix_rules: tuple = field(repr=False, default=())  # (rule, regex) of kind "prefix"
    # Every keyword of the keyword rules, one automaton (over UTF-8 bytes); per keyword, the positions in
    # keyword_rules of the rules that name it.
    keyword_finder: object = field(repr=False, default=None)
    rules_of_keyword: tuple = field(repr=False, default=())
    # Literal gates of the anchored rules (``literal_gates``): the bits of the rules
    # without one, and for case-sensitive / case-folded literals: (Aho-Corasick finder
    # or None, per literal the bits of the rules requiring it, the bits of all of them).
    ungated_bits: int = -1
    exact_gates: tuple = (None, (), 0)
    folded_gates: tuple = (None, (), 0)
    # The anchored rules' regexes as one RE2 set (``kernels.RuleKernel``): per line, the
    # gate bits of the rules that can match it. None: google-re2 is not installed (or
    # was not asked for), and the literal gates decide which regexes are tried.
    kernel: object = field(repr=False, default=None)
    # The same keywords as code-point tables for the compiled ``rule_gates`` (None: no
    # keyword).
    keyword_automaton: object = field(repr=False, default=None)
    # Per keyword rule, its regex's RE2 superset as a one-pattern kernel (None: it has
    # none), confirming a keyword found by chance (``kernels.keyword_gates``); () without google-re2.
    keyword_kernels: tuple = field(repr=False, default=())
    # Per keyword (of keyword_finder), the bits of the keyword rules naming it.
    bits_of_keyword: tuple = field(repr=False, default=())
    # The keyword rules' orders (ascending) and their distinct word limits, sorted.
    keyword_orders: tuple = field(repr=False, default=())
    keyword_word_limits: tuple = field(repr=False, default=())
    # The most words a line may have for some line rule to act on it.
    line_max_words: int = 10**9
    # The gate bits of all anchored rules (bit k: dispatch[k]).
    anchored_bits: int = -1
    # The 64-bit words of a line's gate bits in arrays (``kernels.gate_words`` of the
    # larger of the anchored and keyword rule counts): the arrays of ``line_gates`` and
    # ``*_rules_acting`` are uint64 [line][word].
    gate_words: int = 1

    def keyword_bits_of(self, line: str) -> int:
        """The keyword rules `line` holds a keyword of, in its lower-cased text, as bits
        (bit k: keyword_rules[k]).

        >>> rules = load_rules()
        >>> bits = rules.keyword_bits_of("This story was CONTRIBUTED to by a reporter.")
        >>> [r.id for k, (r, _) in enumerate(rules.keyword_rules) if bits >> k & 1]
        ['news.contributed']
        """
        return self.keyword_bits_of_many([line])[0]

    def keyword_bits_of_many(self, lines: list[str]) -> list[int]:
        """``keyword_bits_of`` of each line, the keywords of all of them found in one
        Aho-Corasick pass over the UTF-8 bytes of their lower-cased text, joined by
        newlines (no keyword holds one). A hit is in the line numbered by the newlines
        before it: lower-casing makes and removes no newline, so that holds where it
        changes a line's length too ("İ"). (Bytes, not str: the automaton reports byte
        offsets as they are, which a newline scan of the same bytes places; a UTF-8
        keyword matches only at a character's first byte, so the hits are the same.)

        >>> rules = load_rules()
        >>> lines = ["İstanbul: this story was CONTRIBUTED to by a reporter.", "Menu", "Contributed by staff"]
        >>> rules.keyword_bits_of_many(lines) == [rules.keyword_bits_of_many([line])[0] for line in lines]
        True
        """
        out = [0] * len(lines)
        if not lines or not self.keyword_rules:
            return out
        lower = "\n".join(lines).lower().encode("utf-8", "surrogatepass")
        found = self.keyword_finder.find_matches_as_indexes(lower, overlapping=True)
        if not found:
            return out
        keyword, start, _ = np.array(found, dtype=np.int64).T
        if len(lines) == 1:
            line_of_hit = [0] * len(found)
        else:
            newlines = np.flatnonzero(np.frombuffer(lower, dtype=np.uint8) == ord("\n"))
            if len(newlines) != len(lines) - 1:  # (a line holding a newline of its own)
                return [self.keyword_bits_of_many([line])[0] for line in lines]
            line_of_hit = np.searchsorted(newlines, start).tolist()  # (a hit never starts at a newline)
        bits_of_keyword = self.bits_of_keyword
        for kw, line in zip(keyword.tolist(), line_of_hit):
            out[line] |= bits_of_keyword[kw]
        return out

    def keyword_rules_to_try(self, n_words: int, in_head: bool, in_tail: bool, before_order: int | None) -> int:
        """Bits of the keyword rules that may act on a line (``may_act``: `n_words`
        words, in the head / tail or not) and come before rule order `before_order`
        (None: all), i.e. the ones worth trying on it."""
        # (lines whose word counts fall between the same two word limits meet the same rules)
        cache_key = (bisect_left(self.keyword_word_limits, n_words), in_head, in_tail)
        acting = self._keyword_candidates.get(cache_key)
        if acting is None:
            acting = sum(1 << k for k, (rule, _) in enumerate(self.keyword_rules)
                         if may_act(rule, n_words, in_head, in_tail))
            self._keyword_candidates[cache_key] = acting
        if before_order is None:
            return acting
        return acting & ((1 << bisect_left(self.keyword_orders, before_order)) - 1)

    def keyword_rules_acting(self, n_words: np.ndarray, in_head: np.ndarray, in_tail: np.ndarray) -> np.ndarray:
        """``keyword_rules_to_try(n, h, t, None)`` of each line (arrays of its words and
        flags), in one table look-up (``rules_acting``): uint64 [line][word] (``gate_words``).

        >>> from corpus_clean.boilerplate.kernels import as_ints
        >>> rules = load_rules()
        >>> n, h, t = np.array([3, 150]), np.array([True, False]), np.array([True, True])
        >>> as_ints(rules.keyword_rules_acting(n, h, t)) == [rules.keyword_rules_to_try(3, True, True, None),
        ...                                                  rules.keyword_rules_to_try(150, False, True, None)]
        True
        """
        table = self._keyword_candidates.get("acting table")
        if table is None:
            table = self._keyword_candidates["acting table"] = acting_table(
                self.keyword_word_limits, [rule for rule, _ in self.keyword_rules], self.gate_words)
        return rules_acting(table, self.keyword_word_limits, n_words, in_head, in_tail)

    def anchored_rules_acting(self, n_words: np.ndarray, in_head: np.ndarray, in_tail: np.ndarray) -> np.ndarray:
        """The gate bits (bit k: ``dispatch[k]``) of the anchored rules that may act on
        each line (arrays of its words and flags), in one table look-up (``rules_acting``):
        uint64 [line][word] (``gate_words``).

        >>> rules = load_rules()
        >>> acting = rules.anchored_rules_acting(np.array([2, 500]), np.array([True, True]), np.array([True, True]))
        >>> bool(acting[0].any()), bool(acting[1].any())
        (True, False)
        """
        table = self._candidates.get("acting table")
        if table is None:
            table = self._candidates["acting table"] = acting_table(
                self.word_limits, [rule for _, _, _, rule in self.dispatch], self.gate_words)
        return rules_acting(table, self.word_limits, n_words, in_head, in_tail)

    def candidates(self, key: str, n_words: int, in_head: bool, in_tail: bool) -> tuple[tuple[str, re.Pattern, int], ...]:
        """(group, regex, gate bit) of the anchored rules, in order, that can match a line whose
        stripped text starts with `key` (its first two characters, lower-cased) and may
        act on it: it has `n_words` words and is in the head / in the tail or not.

        A rule that may not act on a line is not tried there: the line's verdict is
        the first rule that matches it and may act on it (``apply_rule_packs``), and
        trying the others first would only cost time.
        """
        # (lines whose word counts fall between the same two rule word limits meet the same rules)
        cache_key = (key, bisect_left(self.word_limits, n_words), in_head, in_tail)
        found = self._candidates.get(cache_key)
        if found is None:
            starting = self._candidates.get(key)  # the rules that can start with `key`
            if starting is None:
                starting = self._candidates[key] = tuple(
                    (group, regex, 1 << k, rule) for k, (group, regex, prefixes, rule) in enumerate(self.dispatch)
                    if _may_start(prefixes, key))
            found = self._candidates[cache_key] = tuple(
                (group, regex, bit) for group, regex, bit, rule in starting if may_act(rule, n_words, in_head, in_tail))
        return found

    def first_match(self, text: str, start: int, end: int, line: str, n_words: int, in_head: bool = True,
                    in_tail: bool = True, gates_passed: int = -1) -> str | None:
        """Group of the first anchored rule that may act on the line text[start:end]
        (`line`: its stripped text; `n_words`, `in_head`, `in_tail`: see ``candidates``)
        and full-matches it, or None. Only the rules whose gate bit (``1 << position in
        dispatch``) is set in `gates_passed` are tried (``literal_gates``; default: all)."""
        return self.first_of(self.candidates(dispatch_key(line), n_words, in_head, in_tail), text, start, end,
                             gates_passed)

    @staticmethod
    def first_of(candidates: tuple, text: str, start: int, end: int, gates_passed: int = -1) -> str | None:
        """``first_match`` over `candidates` (what ``candidates`` gave for the line)."""
        for group, regex, bit in candidates:
            if bit & gates_passed and regex.fullmatch(text, start, end) is not None:
                return group
        return None

    def literal_gates(self, text: str, lower: str, line_starts: list[int]) -> tuple[int, dict[int, int]]:
        """Which anchored rules each line can match, by their required literals.

        Returns (the gate bits every line passes, {line: the bits it passes on top}).
        A rule's bit is ``1 << its position in dispatch``; a rule without a selective
        literal set (``required_literals``) passes everywhere. Two Aho-Corasick passes:
        case-sensitive literals over `text`, case-folded ones over `lower` folded
        (``fold_case``; all pass when lower-casing changed the length: offsets would
        not line up).

        >>> rules = load_rules()
        >>> text = "Photo: Reuters\\nThe council met.\\n"
        >>> everywhere, by_line = rules.literal_gates(text, text.lower(), [0, 15, 32])
        >>> bit = next(1 << k for k, (_, _, _, r) in enumerate(rules.dispatch) if r.id == "news.photo_credit")
        >>> bool(bit & everywhere), bool(bit & by_line.get(0, 0)), bool(bit & by_line.get(1, 0))
        (False, True, False)
        """
        everywhere = self.ungated_bits
        passes = [(self.exact_gates, text)]
        if len(lower) == len(text):
            passes.append((self.folded_gates, fold_case(lower)))
        else:
            everywhere |= self.folded_gates[2]
        by_line: dict[int, int] = {}
        for (finder, bits_of_literal, _), haystack in passes:
            if finder is not None:
                for literal, start, _ in finder.find_matches_as_indexes(haystack, overlapping=True):
                    line = bisect_right(line_starts, start) - 1
                    by_line[line] = by_line.get(line, 0) | bits_of_literal[literal]
        return everywhere, by_line

    def later_matches(self, text: str, start: int, end: int, after_order: int, check_keywords: bool = True):
        """The line rules after rule `after_order` that match text[start:end] (their
        regex full-matches it and, for rules with keywords, the line holds one unless
        `check_keywords` is false), in order (for the rare line whose first matching
        rule may not act on it, e.g. outside the head)."""
        lower = text[start:end].lower() if check_keywords else ""
        for rule, regex in self.singles:
            if (rule.order > after_order and (not check_keywords or not rule.keywords
                                              or any(k in lower for k in rule.keywords))
                    and regex.fullmatch(text, start, end) is not None):
                yield rule


def dispatch_key(line: str) -> str:
    """The first two characters (lower-cased) of a line without the whitespace a rule's
    regex allows around it (``_WS``: zero-width spaces and BOMs too, which
    ``str.strip`` keeps): what ``match_prefixes`` of a matching rule holds.

    Characters a regex equates with others beyond lower-casing are folded like
    ``match_prefixes`` folds them: any decimal digit (``\\d`` matches "٣") is its ASCII
    digit, "ſ" is "s" (``(?i)s`` matches it)...

    >>> dispatch_key("\ufeff Share this"), dispatch_key("١٢ shares")
    ('sh', '12')
    """
    key = line.strip(_WS_CHARS)[:2].lower()[:2]
    return key if key.isascii() else _fold_key(key)


def _fold_key(key: str) -> str:
    out = []
    for ch in key:
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else _CASE_CLASSES.get(ch, ch))
    return "".join(out)


def _case_classes() -> dict[str, str]:
    """Characters that case-insensitive regexes equate although their ``str.lower()``
    differ ("ſ" and "s", "ς" and "σ", "µ" and "μ"...), each mapped to one representative
    of its class (from the re module's own table)."""
    from re import _casefix

    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for k, others in _casefix._EXTRA_CASES.items():
        for o in others:
            a, b = sorted((find(chr(k).lower()), find(chr(o).lower())))
            if a != b:
                parent[b] = a
    members = {chr(c).lower() for k, others in _casefix._EXTRA_CASES.items() for c in (k, *others)}
    return {c: find(c) for c in members if find(c) != c}


_CASE_CLASSES = _case_classes()


def may_act(rule: Rule, n_words: int, in_head: bool, in_tail: bool) -> bool:
    """Whether `rule` may remove a line of `n_words` words, in the head or tail or not."""
    return not ((rule.max_words is not None and n_words > rule.max_words)
                or (rule.where == "head" and not in_head) or (rule.where == "tail" and not in_tail))


def acting_table(word_limits: tuple[int, ...], rules: list[Rule], n_words: int = 1) -> np.ndarray:
    """The bits of `rules` (bit k: rules[k]) that may act (``may_act``) on a line, per
    [word-count bucket, in the head, in the tail], as `n_words` uint64 words (``as_words``);
    a bucket: the word counts between two consecutive `word_limits` (all the rules'
    limits, sorted), ``bisect_left`` of them, where every rule acts the same."""
    counts = [*word_limits, (word_limits[-1] if word_limits else 0) + 1]  # (one word count per bucket)
    bits = [sum(1 << k for k, rule in enumerate(rules) if may_act(rule, n, head, tail))
            for n in counts for head in (False, True) for tail in (False, True)]
    return as_words(bits, n_words).reshape(len(counts), 2, 2, n_words)


def rules_acting(table: np.ndarray, word_limits: tuple[int, ...], n_words: np.ndarray, in_head: np.ndarray,
                 in_tail: np.ndarray) -> np.ndarray:
    """Each line's row of an ``acting_table`` (uint64 [line][word]), from arrays of its words and flags."""
    buckets = np.searchsorted(word_limits, n_words, side="left")
    return table[buckets, in_head.astype(np.intp), in_tail.astype(np.intp)]


def _may_start(prefixes: tuple, key: str) -> bool:
    two, first = prefixes
    if two is not None:
        return key in two
    return first is None or key[:1] in first


def _rule_from_dict(pack: str, d: dict) -> Rule:
    kind = d.get("kind", "line")
    where = d.get("where", "anywhere")
    if kind not in KINDS:
        raise ValueError(f"{pack}.{d.get('name')}: unknown kind {kind!r}")
    if where not in WHERES:
        raise ValueError(f"{pack}.{d.get('name')}: unknown where {where!r}")
    rule = Rule(
        pack=pack,
        name=d["name"],
        kind=kind,
        pattern=d.get("pattern", ""),
        flags=d.get("flags", ""),
        where=where,
        max_words=d.get("max_words"),
        min_position=float(d.get("min_position", 0.0)),
        max_lines=int(d.get("max_lines", 30)),
        caption_max_words=int(d.get("caption_max_words", 60)),
        description=d.get("description", ""),
        example=d.get("example", ""),
        removed=tuple(d.get("removed", ())),
        keep=d.get("keep", ""),
        keywords=tuple(k.lower() for k in d.get("keywords", ())),
        validation_marker=bool(d.get("validation_marker", True)),
    )
    if kind != "builtin":
        derived_cache.compile_regex(rule.inline_pattern())  # fail early on a bad pattern
    return rule


# libyaml's parser when PyYAML has it (its Linux wheels do), else the pure-Python one:
# the same safe constructor builds the same objects, and the packs parse ~10x faster
# (the pure-Python parser was ~0.1 s of every cleaning process's start).
PACK_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_pack(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=PACK_LOADER)  # noqa: S506 - a safe loader


def load_pack(path: Path) -> list[Rule]:
    """Read one YAML pack file into rules."""
    data = _read_pack(path)
    pack = data["pack"]
    return [_rule_from_dict(pack, d) for d in data.get("rules", [])]


@derived_cache.derived  # (kept in a file across processes while the packs load)
def match_prefixes(pattern: str, k: int = 2) -> frozenset[str] | None:
    r"""The first `k` characters (lower-cased) a match of `pattern` can start with, as
    strings (shorter when a whole match is shorter); None when that is not a small
    known set (a wildcard, a negated or large class, a back-reference...).

    Used only as a prefilter (a superset is fine): a line is tried against the rules
    that can start with its first characters, not against all of them.

    >>> sorted(match_prefixes(r"(?:By|Written by)\s+\w+"))
    ['by', 'wr']
    >>> sorted(match_prefixes(r"(?:By|Written by)\s+\w+", 1))
    ['b', 'w']
    >>> sorted(match_prefixes(r"X|Tweet"))
    ['tw', 'x']
    >>> match_prefixes(r".{0,80}cookie") is None
    True
    """
    from re import _constants as C, _parser as P  # stdlib internals, stable since 3.11

    limit = 5000
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
    ATOMIC_GROUP = getattr(C, "ATOMIC_GROUP", None)

    def extend(heads: set[str], items, k: int) -> set[str] | None:
        """Every head followed by the prefixes of the sequence `items` (up to k chars)."""
        for op, av in items:
            grown = set()
            for head in heads:
                if len(head) >= k:
                    grown.add(head)
                    continue
                tails = item(op, av, k - len(head))
                if tails is None:
                    return None
                grown.update(head + tail for tail in tails)
            if len(grown) > limit:
                return None
            heads = grown
        return heads

    def chars_in(av) -> set[str] | None:
        chars: set = set()
        for op, value in av:
            if op is C.LITERAL:
                chars.add(chr(value))
            elif op is C.RANGE and value[1] - value[0] < 2000:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            elif op is C.CATEGORY and value is C.CATEGORY_DIGIT:
                chars.update("0123456789")
            else:
                return None
        return chars

    def item(op, av, k: int) -> set[str] | None:
        if op is C.LITERAL:
            return {chr(av)}
        if op is C.IN:
            return chars_in(av)
        if op is C.SUBPATTERN:
            return extend({""}, av[-1], k)
        if op is ATOMIC_GROUP:  # (?>...): matches what its body matches, without retries
            return extend({""}, av, k)
        if op is C.BRANCH:
            out: set = set()
            for branch in av[1]:
                heads = extend({""}, branch, k)
                if heads is None:
                    return None
                out |= heads
            return out
        if op in repeats:
            low, high, body = av
            out, heads = set(), {""}
            for n in range(low + k + 1):  # past low + k repetitions nothing new can show
                if n >= low:
                    out |= heads
                if n == high:
                    break
                heads = extend(heads, body, k)
                if heads is None:
                    return None
            return out | heads
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width
            return {""}
        return None

    heads = extend({""}, P.parse(pattern), k)
    return None if heads is None else frozenset(h.lower()[:k] for h in heads)


_CASE_FOLD = str.maketrans(_CASE_CLASSES)
_NEEDS_CASE_FOLD = re.compile("[" + "".join(map(re.escape, sorted(_CASE_CLASSES))) + "]")


def fold_case(lower: str) -> str:
    """`lower` (a ``str.lower()``-ed text) with the characters that case-insensitive
    regexes equate beyond ``str.lower()`` made equal (``_CASE_CLASSES``): then a
    case-insensitive literal that matches the text is found in it as a substring.

    >>> fold_case("ſtop")
    'stop'
    """
    return lower.translate(_CASE_FOLD) if _NEEDS_CASE_FOLD.search(lower) else lower


@derived_cache.derived
def required_literals(pattern: str) -> tuple[bool, frozenset[str]] | None:
    r"""Literals one of which every match of `pattern` contains: (case-folded, literals).

    Read from the regex parse tree: a run of literals, the alternatives of a group, the
    body of a repetition taken at least once... When the pattern matches
    case-insensitively anywhere, the literals are case-folded (``fold_case`` of
    ``str.lower()``), to be looked for in the folded text; else in the text as it is.
    None when no such set is known (a pattern of classes, optional parts only...).

    The gate before a rule's regex (``RuleSet.literal_gates``): a line holding none
    of the literals cannot match, so the regex is not tried. A superset of the needed
    literals is fine; missing one that a match holds would not be.

    >>> folded, literals = required_literals(r"(?:Photo|Image)\s*:\s*\w+")
    >>> folded, sorted(literals)
    (False, ['Image', 'Photo'])
    >>> required_literals(r"(?i:Share this)")
    (True, frozenset({'share this'}))
    >>> required_literals(r"(?>(?i:Share this)|Tweet it)")[0]  # a flag inside an atomic group counts
    True
    >>> required_literals(r"[A-Z]\w+") is None
    True
    """
    from re import _constants as C, _parser as P

    cap = 64  # at most this many strings in a set
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
    ATOMIC_GROUP = getattr(C, "ATOMIC_GROUP", None)
    tree = P.parse(pattern)

    def uses_ignorecase(items) -> bool:
        for op, av in items:
            if op is C.SUBPATTERN and (av[1] & C.SRE_FLAG_IGNORECASE or uses_ignorecase(av[-1])):
                return True
            if op is C.BRANCH and any(uses_ignorecase(b) for b in av[1]):
                return True
            if op is ATOMIC_GROUP and uses_ignorecase(av):
                return True
            if (op in repeats or op in (C.ASSERT, C.ASSERT_NOT)) and uses_ignorecase(av[-1]):
                return True
        return False

    folded = bool(tree.state.flags & C.SRE_FLAG_IGNORECASE) or uses_ignorecase(tree)

    def product(a: frozenset, b: frozenset) -> frozenset | None:
        return frozenset(x + y for x in a for y in b) if len(a) * len(b) <= cap else None

    def most_selective(sets: list) -> frozenset | None:
        """The longest shortest literal, then the fewest literals."""
        sets = [s for s in sets if s and "" not in s]
        return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)

    def sequence(items) -> tuple[frozenset | None, frozenset | None]:
        """(every string the sequence can match, if few; a required literal set)."""
        infos = [node(op, av) for op, av in items]
        exact: frozenset | None = frozenset({""})
        options = [required for _, required in infos]
        run = frozenset({""})  # consecutive items of few exact strings, multiplied out
        for e, _ in infos:
            exact = product(exact, e) if exact is not None and e is not None else None
            grown = product(run, e) if e is not None else None
            if grown is None:
                options.append(run)
                run = e if e is not None else frozenset({""})
            else:
                run = grown
        options.append(run)
        if exact is not None:
            options.append(exact)
        return exact, most_selective(options)

    def node(op, av) -> tuple[frozenset | None, frozenset | None]:
        if op is C.LITERAL:
            c = fold_case(chr(av).lower()) if folded else chr(av)
            if len(c) != 1:  # "İ".lower() is two characters; the regex equates "İ" with "i"
                return None, None
            return frozenset({c}), frozenset({c})
        if op is C.SUBPATTERN:
            return sequence(av[-1])
        if op is ATOMIC_GROUP:
            return sequence(av)
        if op is C.BRANCH:
            infos = [sequence(b) for b in av[1]]
            exacts = [e for e, _ in infos]
            requireds = [r for _, r in infos]
            exact = (frozenset().union(*exacts)
                     if all(e is not None for e in exacts) and sum(map(len, exacts)) <= cap else None)
            required = frozenset().union(*requireds) if all(r is not None for r in requireds) else None
            return exact, required
        if op in repeats:
            low, high, body = av
            e, r = sequence(body)
            if low == 0:
                return (e | {""} if e is not None and high == 1 else None), None
            return (e if low == high == 1 else None), r
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width
            return frozenset({""}), None
        return None, None

    _, literals = sequence(tree)
    return None if literals is None else (folded, literals)


# Whitespace allowed around a line's content (NBSP and friends included).
_WS_CHARS = " \t\r\u00a0" + "".join(map(chr, range(0x2000, 0x200c))) + "\u202f\u205f\u3000\ufeff"
_WS = f"[{_WS_CHARS}]*"


def compile_rules(rules: list[Rule], kernel: bool = True) -> RuleSet:
    """Compile the line rules for per-line full matching (see RuleSet); `kernel`: build
    the RE2 prefilter of the anchored rules when google-re2 is installed (the output is
    the same without it, only slower)."""
    from dataclasses import replace

    rules = [replace(r, order=i) for i, r in enumerate(rules)]
    line_rules = [r for r in rules if r.kind not in ("builtin", "prefix")]
    anchored = [r for r in line_rules if not r.keywords]
    group_to_rule = {f"r{r.order}": r for r in line_rules}
    # (lines with more words than every anchored rule allows are not tried against them)
    long_max = max((r.max_words if r.max_words is not None else 10**9) for r in anchored) if anchored else 0
    keyword_rules = tuple((r, derived_cache.compile_regex(f"{_WS}(?:{r.inline_pattern()}){_WS}"))
                          for r in line_rules if r.keywords)
    own = {r.order: regex for r, regex in keyword_rules}
    own.update((r.order, derived_cache.compile_regex(f"{_WS}(?:{r.inline_pattern()}){_WS}")) for r in anchored)
    singles = tuple((r, own[r.order]) for r in line_rules)
    dispatch = tuple(
        (f"r{r.order}", own[r.order], (_folded(match_prefixes(r.inline_pattern(), 2)),
                                       _folded(match_prefixes(r.inline_pattern(), 1))), r)
        for r in anchored)
    prefix_rules = tuple((r, derived_cache.compile_regex(r.inline_pattern())) for r in rules if r.kind == "prefix")
    keywords = sorted({k for r, _ in keyword_rules for k in r.keywords})
    if "" in keywords or any("\n" in k for k in keywords):
        raise ValueError("a rule's keywords must be non-empty and hold no newline")
    rules_of_keyword = tuple(tuple(k for k, (r, _) in enumerate(keyword_rules) if keyword in r.keywords)
                             for keyword in keywords)
    word_limits = tuple(sorted({r.max_words for r in anchored if r.max_words is not None}))
    gates: dict[bool, dict[str, int]] = {False: {}, True: {}}  # folded? -> literal -> bits of the rules needing it
    ungated_bits = 0
    for k, r in enumerate(anchored):
        required = required_literals(own[r.order].pattern)
        if required is None or not _selective(*required):
            ungated_bits |= 1 << k
            continue
        folded, literals = required
        for literal in literals:
            gates[folded][literal] = gates[folded].get(literal, 0) | 1 << k
    words = gate_words(max(len(dispatch), len(keyword_rules)))  # (per line in the gate arrays)
    return RuleSet(tuple(rules), tuple(anchored), long_max, keyword_rules, group_to_rule, singles, dispatch,
                   word_limits, prefix_rules=prefix_rules, keyword_finder=_bytes_finder(keywords) if keywords else None,
                   rules_of_keyword=rules_of_keyword, ungated_bits=ungated_bits,
                   exact_gates=_gate_finder(gates[False]), folded_gates=_gate_finder(gates[True]),
                   kernel=RuleKernel.build([regex.pattern for _, regex, _, _ in dispatch], n_words=words) if kernel else None,
                   keyword_kernels=keyword_gates([regex.pattern for _, regex in keyword_rules]) if kernel else (),
                   anchored_bits=(1 << len(dispatch)) - 1,
                   bits_of_keyword=tuple(sum(1 << k for k in ks) for ks in rules_of_keyword),
                   keyword_automaton=KeywordAutomaton.build(keywords, [sum(1 << k for k in ks) for ks in rules_of_keyword],
                                                            words),
                   gate_words=words,
                   keyword_orders=tuple(r.order for r, _ in keyword_rules),
                   keyword_word_limits=tuple(sorted({r.max_words for r, _ in keyword_rules if r.max_words is not None})),
                   line_max_words=max((r.max_words if r.max_words is not None else 10**9 for r in line_rules),
                                      default=0))


def _finder(literals: list[str]):
    """One Aho-Corasick automaton for `literals`, as a DFA: the rule packs' few hundred
    literals make a small one, and it scans a page about twice as fast as the default NFA."""
    return ahocorasick_rs.AhoCorasick(literals, implementation=ahocorasick_rs.Implementation.DFA)


def _bytes_finder(literals: list[str]):
    """``_finder`` over the literals' UTF-8 bytes (``RuleSet.keyword_bits_of_many``)."""
    return ahocorasick_rs.BytesAhoCorasick([literal.encode("utf-8") for literal in literals],
                                           implementation=ahocorasick_rs.Implementation.DFA)


def _gate_finder(bits_of_literal: dict[str, int]) -> tuple:
    literals = sorted(bits_of_literal)
    all_bits = 0
    for literal in literals:
        all_bits |= bits_of_literal[literal]
    return (_finder(literals) if literals else None,
            tuple(bits_of_literal[x] for x in literals), all_bits)


def _selective(folded: bool, literals: frozenset[str]) -> bool:
    """Whether a literal gate is worth its Aho-Corasick hits: no literal of one or two
    letters that common words hold ("by", "ad" case-folded; single letters)."""
    shortest = min(map(len, literals))
    if folded:
        return shortest >= 3
    return shortest >= 2 or all(not x.isalnum() and not x.isspace() for x in literals)


def _folded(prefixes: frozenset[str] | None) -> frozenset[str] | None:
    """Prefixes folded like ``dispatch_key`` folds a line's start."""
    return None if prefixes is None else frozenset(p if p.isascii() else _fold_key(p) for p in prefixes)


@lru_cache(maxsize=4)
@derived_cache.in_session  # what is read off each regex: from the file the last process wrote
def load_rules(pack_dir: str = str(PACK_DIR), kernel: bool = True) -> RuleSet:
    """Load and compile every ``*.yaml`` pack in `pack_dir` (cached); `kernel`: see
    ``compile_rules``."""
    # Packs are tried in ascending `order` (then file name): on a line two patterns
    # could both match, the earlier pack names it (a byline before a copyright line).
    packs = [_read_pack(p) for p in sorted(Path(pack_dir).glob("*.yaml"))]
    rules: list[Rule] = []
    for data in sorted(packs, key=lambda d: d.get("order", 50)):
        rules.extend(_rule_from_dict(data["pack"], d) for d in data.get("rules", []))
    names = [r.id for r in rules]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"duplicate rule names: {sorted(dupes)}")
    return compile_rules(rules, kernel)

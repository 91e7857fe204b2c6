"""The boilerplate engine: rule packs, structural rules and a line classifier.

Pipeline for one document (every step only *marks* lines; offsets are cut at the end):

1. split into lines, count features per line (numpy, see ``features.py``);
2. each line gets the first rule that matches it and may act on it (``line_rules_many``,
   for a whole batch, remembered per line text and flags); a rule's regex is tried
   only on lines its RE2 superset matches (or that hold its required literals), that
   can start with its first characters and, for keyword rules, hold one of its
   keywords (one compiled pass over a batch's never-seen lines finds both, see
   ``line_gates``);
3. kinds act on their matches (sections to the end, blocks, captions, empty headings);
4. builtin structural rules: date lines in any language (``dates.py``), headline,
   repeated lines/blocks, menu runs,
   trailing comments in a different voice;
5. the classifier (``classifier.py``) marks further lines, precision first;
6. blank lines left in runs (or at the edges) by the removals go too, inside the
   span of the removal next to them (tidying whitespace is not a removal of its own);
7. consecutive lines with the same rule become one ``Removal`` span.

A document in which nothing is marked comes back as the very same string.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import chain, compress, repeat
from operator import is_not
from typing import NamedTuple

import numpy as np

from corpus_clean.boilerplate.features import (
    DIGIT, LOWER, PUNCT, SENT_END, UPPER, CodeSet, Lines, LineStats, line_stats, split_lines, split_lines_batch,
)
from corpus_clean.boilerplate.dates import mark_date_lines
from corpus_clean.boilerplate.kernels import as_ints, as_words
from corpus_clean.boilerplate.page_kind import APPARATUS_RULES, heading_key, holds_running_prose
from corpus_clean.boilerplate.rules import RuleSet, dispatch_key, load_rules
from corpus_clean.boilerplate.rules import may_act as rule_may_act
from corpus_clean.document import Removal
from corpus_clean.native import active

# Lines remembered with their rule-pack verdict, per (head, tail) flags (cleared when
# full). 20k, not 200k: a cached line costs ~600 B (the line's own string and its slot),
# so 200k per flag pair made every cleaning process grow by up to ~0.5 GB with the input
# (tracemalloc: +3.1 MB per MB cleaned, all of it these strings); the same CPU measured.
LINE_CACHE_SIZE = 20_000
# A "prose line": a sentence or more of running text.
PROSE_MIN_WORDS = 12
# Lines before the article body: at most this many prose lines above them.
HEAD_MAX_PROSE_BEFORE = 1
# The rule id of the page's title line (``mark_headline``).
HEADLINE_RULE = "news.headline"
# The rule id of the lines the classifier cuts (step 5, ``classifier.py``: its ``RULE``), named
# here because every step may import this module; classifier.py imports the story steps.
CLASSIFIER_RULE = "classifier"
# Lines of a menu run: 1..MENU_MAX_WORDS words each, at least MENU_MIN_RUN in a row.
MENU_MAX_WORDS = 4
MENU_MIN_RUN = 5
# ... unless the line above, a sentence of this many words ending in ":", announces it.
ANNOUNCE_MIN_WORDS = 8
# A section marker ("Comment") among this many short lines under such a sentence is a
# table's header cell (``in_an_announced_table``).
ANNOUNCED_TABLE_MAX_CELLS = 8
# Repeated lines: a single repeated line goes when it has this many words;
# shorter ones only inside a run of REPEAT_MIN_RUN repeated lines.
REPEAT_MIN_WORDS = 4
REPEAT_MIN_RUN = 3
# ... and only when its previous copy is at most this many non-blank lines above.
REPEAT_MAX_GAP = 3
# A section (comments, talk page) only starts after this many prose lines of article,
# and holds fewer prose lines than the article above it (else the marker is a
# comment-count link in the article header, and only that line goes) -- unless two
# or more line rules of the same pack (comment metadata) within
# SECTION_CONFIRM_WINDOW lines below it confirm it.
SECTION_MIN_PROSE_BEFORE = 3
SECTION_CONFIRM_WINDOW = 40
# Code and math fragments inside the article (``keep_fragments_inside_prose``): a run
# of FRAGMENT_MIN_LINES+ non-paragraph lines between two paragraphs, at least this
# share of them letter-less (":", "[", "2,345", "="), is a listing, not page furniture;
# the repeat rules that fired on it give its lines back.
FRAGMENT_MIN_SYMBOLIC = 0.3
FRAGMENT_MIN_LINES = 8
SHAPE_RULES = frozenset({"repeat.block", "repeat.line"})
# End-of-article markers: after one of these, comment-voiced prose is a reader comment.
END_MARKER_RULES = {"news.contributed", "news.reporting_credit", "structure.separator", "footer.copyright"}

# The one character whose lower-casing is longer than itself ("İ" → "i̇"), so the only
# one that can make a text's lower-cased copy longer (tests/test_boilerplate_equivalence.py
# checks every code point).
LOWER_GROWS = "\u0130"

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
# A commenter's voice: "!", "?", these words (first and second person, chat talk) and
# shouting (a word of 4+ capitals).
VOICE_WORDS = ("I", "I'm", "I’m", "I've", "I’ve", "me", "my", "mine", "you", "your", "you're", "you’re",
               "we", "our", "us", "lol", "imo", "imho")
_COMMENT_VOICE = re.compile(r"!|\?|\b(?:" + "|".join(map(re.escape, VOICE_WORDS)) + r")\b|\b[A-Z]{4,}\b")


def _literal_first(words: tuple[str, ...]) -> re.Pattern:
    r"""``_COMMENT_VOICE`` with every alternative starting with a literal character, so
    Python's ``re`` jumps straight to the characters that can start a match (a leading
    ``\b`` hides them from it: the whole line was tried position by position).

    Each ``\b`` before a word becomes a look-behind on the character before its first
    letter (``I(?<!\wI)``: no word character before the "I"); shouting becomes one
    alternative per capital A-Z. Words sharing a first letter keep their order, so the
    same match wins at every position: ``tests/test_core_speed.py`` checks the two give
    the same matches.

    >>> _literal_first(("my",)).findall("my mymy HELLO, MY?")
    ['my', 'HELLO', '?']
    """
    firsts = dict.fromkeys(word[0] for word in words)
    alternatives = ["!", r"\?"]
    alternatives += [f"{first}(?<!\\w{first})(?:" + "|".join(re.escape(w[1:]) for w in words if w[0] == first) + r")\b"
                     for first in firsts]
    alternatives += [f"{capital}(?<!\\w{capital})[A-Z]{{3,}}\\b" for capital in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return re.compile("|".join(alternatives))


_COMMENT_VOICE_SCAN = _literal_first(VOICE_WORDS)


def _voice_scan_ascii():
    """``_COMMENT_VOICE`` in RE2 (google-re2, when installed) for lines of ASCII text
    alone, ~6x faster than Python's ``re`` on them: RE2 finds the same matches there
    (leftmost, the first alternative first) and its ASCII ``\b`` is Python's on ASCII
    text (``tests/test_boilerplate_batch.py`` checks the counts agree)."""
    try:
        import re2
    except ImportError:
        return None
    return re2.compile(_COMMENT_VOICE.pattern)


_COMMENT_VOICE_ASCII = _voice_scan_ascii()
_REFERENCE_ITEM = re.compile(r"^(?:\[?\d+[\].)]|[-*•^]|https?://|\w.*\(\d{4}\))")


class lazy_attribute:
    """``functools.cached_property`` without its lock: the value is computed on first
    use and stored in the instance's ``__dict__``, where later look-ups find it first.
    (Python 3.11's cached_property takes an RLock on every first use, ~1.5 µs; a Context
    makes six per document. Contexts are never shared between threads.)

    >>> class A:
    ...     @lazy_attribute
    ...     def x(self):
    ...         print("computed")
    ...         return 1
    >>> a = A()
    >>> a.x, a.x
    computed
    (1, 1)
    """

    def __init__(self, compute):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


def head_lines(prose_before: np.ndarray) -> np.ndarray:
    """Per line: may a `where: head` rule act on it: at most HEAD_MAX_PROSE_BEFORE prose
    lines above it (`prose_before`)."""
    return prose_before <= HEAD_MAX_PROSE_BEFORE


def tail_lines(prose_after: np.ndarray, starts: np.ndarray, text_chars) -> np.ndarray:
    """Per line: may a `where: tail` rule act on it: at most one prose line below it, or
    it starts (`starts`) in the second half of its text (`text_chars` long)."""
    return (prose_after <= 1) | (starts >= 0.5 * text_chars)


def bool_array(flags) -> np.ndarray:
    """A writable numpy bool array of an iterable of bools, made through a bytearray
    (~30 % faster than ``np.fromiter``'s per-item conversion: 4.0 against 5.4 µs for a
    page's 200 marks, called ~3,000 times per 5 MB).

    >>> bool_array(map(bool, ["Home", "", "News"])).tolist()
    [True, False, True]
    """
    return np.frombuffer(bytearray(flags), dtype=bool)


def marked(rule_lists: list[list]) -> np.ndarray:
    """Per entry of each list, one list after another: is it not None (a rule marked that
    line), as a writable bool array. The compiled ``marked_lines`` reads the lists in C;
    its twin (the reference) maps ``is not`` into ``bool_array``: a Python bool per line,
    ~1 % of a core pass over the ~3,000 calls per 5 MB.

    >>> marked([["nav.menu", None], [], [None, "share"]]).tolist()
    [True, False, False, True]
    """
    kernel = getattr(active(), "marked_lines", None)  # (None: no compiled module, or one built before it)
    if kernel is not None:
        return np.frombuffer(kernel(rule_lists), dtype=bool)
    return bool_array(map(is_not, chain.from_iterable(rule_lists), repeat(None)))


class Marks:
    """Per-line decisions: which rule (if any) removes each line."""

    def __init__(self, n: int):
        self.rule: list[str | None] = [None] * n

    def mark(self, i: int, rule: str, *, overwrite: bool = False) -> None:
        if overwrite or self.rule[i] is None:
            self.rule[i] = rule

    def removed(self) -> np.ndarray:
        return marked([self.rule])


class Context:
    """A document's lines, their counts and derived masks, shared by all steps."""

    def __init__(self, text: str, lines: Lines | None = None, stats: LineStats | None = None,
                 masks: tuple[np.ndarray, ...] | None = None, has_blank_lines: bool | None = None):
        self.lines: Lines = split_lines(text) if lines is None else lines
        self.text: str = self.lines.text  # (an attribute, not a property: read ~60,000 times per 5 MB)
        self.stats: LineStats = line_stats(self.lines) if stats is None else stats
        # (`masks`, `has_blank_lines`: this document's rows of ``line_masks`` of its
        # batch, and whether a line before its last is blank, from the batch's arrays)
        masks = line_masks(self.stats, [self.lines.n_lines]) if masks is None else masks
        self.blank, self.prose, self.prose_before, self.prose_after = masks
        self.marks = Marks(self.lines.n_lines)
        self.has_blank_lines = bool(self.blank[:-1].any()) if has_blank_lines is None else has_blank_lines

    @lazy_attribute
    def keywords_apply(self) -> bool:
        """Whether keyword rules need their keyword (found in the lower-cased text,
        which lines up with the text only when lower-casing keeps its length: when it
        holds no LOWER_GROWS character)."""
        return LOWER_GROWS not in self.text

    def may_act(self, i: int, rule) -> bool:
        """Whether `rule` may remove line i (``rules.may_act``)."""
        return rule_may_act(rule, self.n_words_list[i], self.in_head_list[i], self.in_tail_list[i])

    # Python lists for the per-line loops (indexing a numpy array per line is slow),
    # made on first use (the classifier's paragraph views need none of them).

    @lazy_attribute
    def blank_list(self) -> list[bool]:
        return self.blank.tolist()

    @lazy_attribute
    def n_words_list(self) -> list[int]:
        return self.stats.n_words.tolist()

    @lazy_attribute
    def starts_list(self) -> list[int]:
        return self.lines.starts.tolist()

    @lazy_attribute
    def in_head_list(self) -> list[bool]:
        """Per line: may a `where: head` rule act on it (``head_lines``)."""
        return head_lines(self.prose_before).tolist()

    @lazy_attribute
    def in_tail_list(self) -> list[bool]:
        """Per line: may a `where: tail` rule act on it (``tail_lines``)."""
        return tail_lines(self.prose_after, self.lines.starts, len(self.text)).tolist()

    def next_nonblank(self, i: int) -> int | None:
        for j in range(i + 1, self.lines.n_lines):
            if not self.blank[j]:
                return j
        return None

    def in_head(self, i: int) -> bool:
        return self.in_head_list[i]

    def in_tail(self, i: int) -> bool:
        return self.in_tail_list[i]


# --- rule-pack kinds ----------------------------------------------------------------


_UNSEEN = object()  # not in the line cache yet


def line_rules(ctx: Context, ruleset: RuleSet) -> dict[int, object]:
    """Each line's rule, {line: Rule}, for the lines some rule names (``line_rules_many``
    of one document)."""
    return line_rules_many([ctx], ruleset)[0]


class FlatLines(NamedTuple):
    """The lines of a batch of documents one after another, as ``line_rules_many``
    reads them: each line's text (unstripped) and counts, where its document starts."""

    raw: list[str]            # each line without its "\\n"
    first_line: np.ndarray    # per document: its first line's row
    n_words: np.ndarray
    blank: np.ndarray
    in_head: np.ndarray       # may a `where: head` rule act on it (``head_lines``)
    in_tail: np.ndarray       # ... a `where: tail` rule (``tail_lines``)
    starts: np.ndarray        # its offset in its own document
    keywords_apply: np.ndarray  # per row: ``Context.keywords_apply`` of its document


def flat_lines_of(ctxs: list[Context]) -> FlatLines:
    """The ``FlatLines`` of `ctxs`, gathered from each one (``Batch.flat_lines`` has
    them already)."""
    n_lines = [ctx.lines.n_lines for ctx in ctxs]
    starts = np.concatenate([ctx.lines.starts for ctx in ctxs])
    return FlatLines(
        raw=[line for ctx in ctxs for line in ctx.lines.raw],
        first_line=np.cumsum(n_lines) - n_lines,
        n_words=np.concatenate([ctx.stats.n_words for ctx in ctxs]),
        blank=np.concatenate([ctx.blank for ctx in ctxs]),
        in_head=head_lines(np.concatenate([ctx.prose_before for ctx in ctxs])),
        in_tail=tail_lines(np.concatenate([ctx.prose_after for ctx in ctxs]), starts,
                           np.repeat([len(ctx.text) for ctx in ctxs], n_lines)),
        starts=starts,
        keywords_apply=np.repeat([ctx.keywords_apply for ctx in ctxs], n_lines),
    )


def line_rules_many(ctxs: list[Context], ruleset: RuleSet, flat: FlatLines | None = None) -> list[dict[int, object]]:
    """Per document, each line's rule, {line: Rule, in line order}, for the lines some
    rule names (`flat`: the documents' ``FlatLines``, when the caller has them).

    A line's rule is the first rule, in pack order, that matches it (its regex
    full-matches the line; a rule with keywords also needs one in the line) and may act
    on it (``rules.may_act``: word limit, head or tail). That depends only on the line's
    text and three flags (in the head, in the tail, whether keywords apply in its
    document), so it is remembered per (flags, line text): menus, share bars and footers
    repeat across pages. All lines of the batch are looked up in one pass; only the
    lines never seen before are worked out (``line_verdict``).
    ``tests/test_boilerplate_equivalence.py`` checks the result against trying every
    rule on every line.
    """
    flat = flat_lines_of(ctxs) if flat is None else flat
    first_line, n_words = flat.first_line, flat.n_words
    # (a line longer than every rule's word limit gets no rule: not looked up)
    lines = np.flatnonzero(~flat.blank & (n_words <= ruleset.line_max_words))
    which = (4 * flat.keywords_apply + 2 * flat.in_head + flat.in_tail)[lines].tolist()  # which cache
    lines = lines.tolist()
    raw = flat.raw
    caches = [ruleset.line_cache.setdefault(("verdict", flags), {}) for flags in range(8)]
    kernels = active()
    # (the compiled loops, ``_native.cached_verdicts`` and ``verdict_maps``, or their twins)
    found = getattr(kernels, "cached_verdicts", _cached_verdicts_py)
    to_maps = getattr(kernels, "verdict_maps", _verdict_maps_py)
    verdicts, misses = found(caches, which, lines, raw, _UNSEEN)
    if misses:
        _judge_unseen(ctxs, ruleset, misses, verdicts, lines, which, raw, caches, first_line, flat.starts, n_words,
                      flat.in_head, flat.in_tail)
    return to_maps(verdicts, lines, np.ascontiguousarray(first_line, dtype=np.int64), len(ctxs))


def _cached_verdicts_py(caches: list[dict], which: list[int], lines: list[int], raw: list[str],
                        unseen) -> tuple[list, list[int]]:
    """Each line's verdict in the cache of its flags (`unseen` when not there), and the
    positions of those not there: the twin of ``_native.cached_verdicts``.

    >>> _cached_verdicts_py([{"Home": "nav"}, {}], [0, 1, 0], [0, 0, 1], ["Home", "News"], "?")
    (['nav', '?', '?'], [1, 2])
    """
    verdicts = [caches[w].get(raw[i], unseen) for w, i in zip(which, lines)]
    return verdicts, [k for k, verdict in enumerate(verdicts) if verdict is unseen]


def _verdict_maps_py(verdicts: list, lines: list[int], first_line: np.ndarray, n_docs: int) -> list[dict]:
    """Per document (its first row in `first_line`), {its line: verdict} of the verdicts
    that are not None: the twin of ``_native.verdict_maps``.

    >>> _verdict_maps_py(["nav", None, "share"], [0, 2, 3], np.array([0, 2]), 2)
    [{0: 'nav'}, {1: 'share'}]
    """
    out: list[dict[int, object]] = [{} for _ in range(n_docs)]
    named = list(compress(range(len(verdicts)), map(is_not, verdicts, repeat(None))))
    if named:
        named_lines = list(map(lines.__getitem__, named))
        docs = (np.searchsorted(first_line, named_lines, side="right") - 1).tolist()
        first_of_doc = first_line.tolist()
        for k, i, doc in zip(named, named_lines, docs):
            out[doc][i - first_of_doc[doc]] = verdicts[k]
    return out


def _judge_unseen(ctxs: list[Context], ruleset: RuleSet, misses: list[int], verdicts: list, lines: list[int],
                  which: list[int], raw: list[str], caches: list[dict], first_line: np.ndarray, starts: np.ndarray,
                  n_words: np.ndarray, in_head: np.ndarray, in_tail: np.ndarray) -> None:
    """``line_rules_many``'s verdicts of the lines its caches did not know (`misses`:
    positions in `verdicts` and `lines`, the batch rows looked up), filled in and
    remembered.

    Each distinct line's gates come from one pass over them (``line_gates``). Where
    keywords apply, a line no anchored rule may match and whose keywords belong to no
    keyword rule that may act on it gets no rule (most lines: prose, whatever keyword
    it holds by chance): that is ``line_verdict``'s answer, found for all of them in a
    few array expressions. Only the others reach ``line_verdict``.
    """
    miss_row_list = list(map(lines.__getitem__, misses))
    miss_rows = np.array(miss_row_list, dtype=np.int64)
    miss_lines = list(map(raw.__getitem__, miss_row_list))
    # (each distinct line's number, in order of first appearance: C-level maps over dicts)
    distinct = dict(zip(dict.fromkeys(miss_lines), range(len(miss_lines))))
    of_distinct = np.fromiter(map(distinct.__getitem__, miss_lines), dtype=np.intp, count=len(miss_lines))
    miss_which = np.asarray(which, dtype=np.int64)[misses]
    miss_words, miss_head, miss_tail = n_words[miss_rows], in_head[miss_rows], in_tail[miss_rows]
    # Each distinct line's keywords worth confirming: those of the keyword rules that may
    # act on its word count somewhere (the word count of any of its misses: equal lines
    # have equal counts).
    a_miss = np.empty(len(distinct), dtype=np.intp)
    a_miss[of_distinct] = np.arange(len(miss_lines))
    everywhere = np.ones(len(distinct), dtype=bool)
    anchored, keywords = line_gates(ruleset, list(distinct),
                                    ruleset.keyword_rules_acting(miss_words[a_miss], everywhere, everywhere))
    anchored_acting = ruleset.anchored_rules_acting(miss_words, miss_head, miss_tail)
    keyword_acting = ruleset.keyword_rules_acting(miss_words, miss_head, miss_tail)
    no_rule = ((miss_which >= 4) & ~(anchored[of_distinct] & anchored_acting).any(axis=1)
               & ~(keywords[of_distinct] & keyword_acting).any(axis=1))
    for w in np.unique(miss_which[no_rule]).tolist():  # remembered in bulk, per cache
        found = dict.fromkeys([miss_lines[m] for m in np.flatnonzero(no_rule & (miss_which == w)).tolist()])
        cache = caches[w]
        if len(cache) + len(found) > LINE_CACHE_SIZE:
            cache.clear()
        cache.update(found)
    for k in misses:
        verdicts[k] = None
    rest = np.flatnonzero(~no_rule)
    if not len(rest):
        return
    first_of_doc = first_line.tolist()
    anchored_of, keywords_of = as_ints(anchored), as_ints(keywords)
    for m, j, n, head, tail in zip(rest.tolist(), of_distinct[rest].tolist(), miss_words[rest].tolist(),
                                   miss_head[rest].tolist(), miss_tail[rest].tolist()):
        k = misses[m]
        w = which[k]
        line = miss_lines[m]
        cache = caches[w]
        verdict = cache.get(line, _UNSEEN)  # (the same line earlier in this batch)
        if verdict is _UNSEEN:
            i = lines[k]
            doc = bisect_right(first_of_doc, i) - 1
            ctx = ctxs[doc]
            verdict = line_verdict(ruleset, ctx.lines.text, int(starts[i]), line,
                                   ctx.lines.content[i - first_of_doc[doc]], n, head, tail, w >= 4,
                                   anchored_of[j], keywords_of[j])
            if len(cache) >= LINE_CACHE_SIZE:
                cache.clear()
            cache[line] = verdict
        verdicts[k] = verdict


def line_gates(ruleset: RuleSet, lines: list[str], check: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per line, which rules can match it: (bits of the anchored rules that may (bit k:
    ``dispatch[k]``), bits of the keyword rules whose keyword it holds (bit k:
    ``keyword_rules[k]``)), as two uint64 arrays [line][word] of ``RuleSet.gate_words``
    words (``kernels.as_words``). `check` (the same shape): per line, the keyword bits to
    confirm by the rules' own RE2 supersets (``RuleSet.keyword_kernels``): a bit whose
    superset does not full-match the line is cleared (its rule's regex cannot match it
    either).

    With the compiled kernels (``corpus_clean.native``): one pass of ``rule_gates`` over
    the lines, the keywords found by an automaton that lower-cases as it reads, the
    anchored rules by the RE2 set (the kernel). Their pure-Python twins, the reference:
    the keywords in one Aho-Corasick pass over all the lines
    (``RuleSet.keyword_bits_of_many``), the anchored rules by one RE2 set match per
    line, or without google-re2 by their required literals (``RuleSet.literal_gates``).
    """
    kernel, automaton, keyword_kernels = ruleset.kernel, ruleset.keyword_automaton, ruleset.keyword_kernels
    n_words = ruleset.gate_words
    if check is None or kernel is None:
        check = np.zeros((len(lines), n_words), dtype=np.uint64)
    rule_gates = getattr(active(), "rule_gates", None)  # (None: no compiled module, or one built before it)
    if rule_gates is not None and automaton is not None:
        keywords = np.zeros((len(lines), n_words), dtype=np.uint64)
        anchored = np.zeros((len(lines), n_words), dtype=np.uint64)
        matchers = tuple(None if gate is None else gate.match for gate in keyword_kernels)
        rule_gates(lines, automaton.char_class, automaton.delta, automaton.n_classes, automaton.state_bits,
                   kernel.match if kernel is not None else None,
                   kernel.bit_of_words if kernel is not None else np.zeros((0, n_words), dtype=np.uint64),
                   kernel.always_words if kernel is not None else np.zeros(n_words, dtype=np.uint64), matchers,
                   np.ascontiguousarray(check, dtype=np.uint64), keywords, anchored, automaton.row_delta_bytes,
                   automaton.longest)
        if kernel is None:
            anchored = as_words(_literal_gates_of(ruleset, lines), n_words)
        return anchored & as_words([ruleset.anchored_bits], n_words), keywords
    keywords = ruleset.keyword_bits_of_many(lines)
    if kernel is not None:
        # (a line RE2 cannot read gets -1: every rule, i.e. every anchored bit)
        anchored = [bits & ruleset.anchored_bits for bits in map(kernel.bits, lines)]
        keywords = [_confirmed(keyword_kernels, line, bits, to_check)
                    for line, bits, to_check in zip(lines, keywords, as_ints(check))]
    else:
        anchored = _literal_gates_of(ruleset, lines)
    return as_words(anchored, n_words), as_words(keywords, n_words)


def _confirmed(keyword_kernels: tuple, line: str, bits: int, to_check: int) -> int:
    """`bits` (keyword rules) without those of `to_check` whose RE2 superset rejects `line`."""
    to_check &= bits
    k = 0
    while to_check:
        if to_check & 1 and k < len(keyword_kernels) and keyword_kernels[k] is not None \
                and not keyword_kernels[k].bits(line) & 1:
            bits &= ~(1 << k)
        to_check >>= 1
        k += 1
    return bits


def _literal_gates_of(ruleset: RuleSet, lines: list[str]) -> list[int]:
    """The anchored gates of each line by the rules' required literals (no RE2)."""
    out = []
    for line in lines:
        everywhere, by_line = ruleset.literal_gates(line, line.lower(), [0])
        out.append(everywhere | by_line.get(0, 0))
    return out


def line_verdict(ruleset: RuleSet, text: str, start: int, raw: str, content: str, n_words: int, in_head: bool,
                 in_tail: bool, keywords_apply: bool, gates: int = -1, keywords: int = -1):
    """The first line rule, in pack order, that full-matches text[start:start + len(raw)]
    (the line `raw`; `content`: stripped) and may act on it, or None.

    Only the rules the line's gates (``line_gates``) pass are tried: the anchored rules
    first, of those that can start like the line and may act on it; then the keyword
    rules before the anchored rule found that may act on the line and whose keyword it
    holds (every one where keywords do not apply).
    """
    end = start + len(raw)
    tried = ruleset.candidates(dispatch_key(content), n_words, in_head, in_tail) if gates else ()
    group = ruleset.first_of(tried, text, start, end, gates) if tried else None
    best = ruleset.group_to_rule[group] if group is not None else None
    if keywords_apply and not keywords:  # (most lines: no keyword)
        return best
    keyword_rules = ruleset.keyword_rules_to_try(n_words, in_head, in_tail, best.order if best is not None else None)
    if keywords_apply:
        keyword_rules &= keywords
    while keyword_rules:  # (each set bit, lowest first: the rules in order)
        k = (keyword_rules & -keyword_rules).bit_length() - 1
        keyword_rules &= keyword_rules - 1
        rule, regex = ruleset.keyword_rules[k]
        if regex.fullmatch(text, start, end) is not None:
            return rule
    return best


def apply_rule_packs(ctx: Context, ruleset: RuleSet, matched: dict[int, object] | None = None) -> None:
    """Act on each line's rule (``line_rules``, or `matched` when given) by the rule's kind."""
    matched = line_rules(ctx, ruleset) if matched is None else matched
    if not matched:
        return
    text = ctx.text
    raw = ctx.lines.raw
    # (``ctx.starts_list`` and ``ctx.n_words_list``, a page's columns as lists, are made on first
    # use, in the branches below that read them: most pages match line rules only)
    may_act = ctx.may_act
    keywords_apply = ctx.keywords_apply
    empty_headings = []
    marks = ctx.marks.rule
    for i, rule in matched.items():
        kind = rule.kind
        if kind == "line":  # (most matched lines: ``Marks.mark`` without its call)
            if marks[i] is None:
                marks[i] = rule.id
            continue
        if marks[i] is not None and kind != "section":
            continue
        if kind == "section":
            confirmed = _section_confirmed(matched, i, rule.pack)
            if not confirmed and in_an_announced_table(ctx, i):
                continue  # (a table's header cell "Comment", not a comments heading)
            if ((
                ctx.starts_list[i] >= rule.min_position * len(text)
                and ctx.prose_before[i] >= SECTION_MIN_PROSE_BEFORE
                and ctx.prose_after[i] <= ctx.prose_before[i]
            ) or (confirmed and ctx.prose_before[i] >= 1)) and not (
                # (page_kind: a "Note:" box with the article going on below it is no apparatus)
                rule.id in APPARATUS_RULES and _article_below(ctx, i, matched)
            ):
                for j in range(i, ctx.lines.n_lines):
                    ctx.marks.mark(j, rule.id, overwrite=True)
                break
            # No section here: the next rule naming this line decides ("References"
            # over a short list is an empty_heading question), else the marker goes.
            start = ctx.starts_list[i]
            fallback = next((r for r in ruleset.later_matches(text, start, start + len(raw[i]), rule.order, keywords_apply)
                             if may_act(i, r) and r.kind in ("line", "empty_heading")), None)
            if fallback is not None and fallback.kind == "empty_heading":
                empty_headings.append((i, fallback.id))
            else:
                ctx.marks.mark(i, (fallback or rule).id)
        elif kind == "block":
            _mark_block(ctx, i, rule.id, rule.max_lines, matched)
        elif kind == "caption_credit":
            ctx.marks.mark(i, rule.id)
            j = i - 1
            # Only in paragraph-separated text, where a caption hugs its credit line
            # while paragraphs have blank lines between them.
            if j >= 0 and ctx.has_blank_lines and not ctx.blank[j] and j not in matched and ctx.n_words_list[j] <= rule.caption_max_words:
                ctx.marks.mark(j, f"{rule.pack}.caption")
        elif kind == "empty_heading":
            empty_headings.append((i, rule.id))
    for i, rule_id in empty_headings:
        _mark_empty_heading(ctx, i, rule_id)


def _article_below(ctx: Context, i: int, matched: dict[int, object]) -> bool:
    """``page_kind.holds_running_prose`` for the apparatus heading on line `i`, read up
    to the page's next apparatus heading in other words (``page_kind.heading_key``: a
    docs page's "Note:" boxes repeat, a wiki's chain does not)."""
    content = ctx.lines.content
    key = heading_key(content[i])
    later = {j for j, r in matched.items() if j > i and r.id in APPARATUS_RULES and heading_key(content[j]) != key}
    return holds_running_prose(ctx.prose.tolist(), content, i, _REFERENCE_ITEM.match, later, int(ctx.prose_before[i]))


# Closing quotes and brackets a sentence's full stop may sit inside ("... long enough.”").
_CLOSERS = "\"'”’»)]"


def _is_teaser(ctx: Context, j: int) -> bool:
    """A short line that is not running prose: a teaser headline, a link, a tag. Running
    prose is 8+ words ending in a full stop, also inside closing quotes: a quote
    paragraph ("“They have waited long enough.”") is the article's, not a teaser.

    >>> ctx = Context("Read more\\n“I think people deserve a straight answer,” she said. “They waited long enough.”\\n")
    >>> _is_teaser(ctx, 1)
    False
    """
    w = ctx.n_words_list[j]  # (a Python int: a numpy scalar's compares cost ~10x)
    return w <= 20 and not (w >= 8 and ctx.lines.content[j].rstrip(_CLOSERS).endswith("."))


# A lone line under an empty teaser label is the article's subheading when it is this
# short and in sentence case (``_is_subheading_under_label``).
LONE_SUBHEADING_MAX_WORDS = 5


def _is_subheading_under_label(ctx: Context, j: int, after: int) -> bool:
    """The only line a teaser label would take (`j`) is the article's next subheading:
    at most LONE_SUBHEADING_MAX_WORDS words, only its first word capitalised (a teaser
    headline is title case or longer: "Ten Towns Where Houses Still Cost Less"), no
    sentence end, and running prose below it (line `after`, the next line no rule
    matched: empty widget labels come stacked). The label's teasers were loaded by
    script, so the label sits alone above the story's next section.

    >>> ctx = Context("Read next\\nWhat happens next\\nWork is due to begin in May, and the first phase should end by the year's end.\\n")
    >>> _is_subheading_under_label(ctx, 1, 2)
    True
    >>> ctx = Context("Read next\\nTen Towns Where Houses Cost Less\\nWork is due to begin in May, and the first phase should end by the year's end.\\n")
    >>> _is_subheading_under_label(ctx, 1, 2)
    False
    """
    s = ctx.stats
    return bool(after < ctx.lines.n_lines and not ctx.blank[after] and not _is_teaser(ctx, after)
                and 2 <= s.n_words[j] <= LONE_SUBHEADING_MAX_WORDS and s.n_cap_words[j] == 1
                and s.first_class[j] & UPPER and not s.last_class[j] & SENT_END)


def _section_confirmed(matched: dict[int, object], i: int, pack: str) -> bool:
    """Do two or more of the SECTION_CONFIRM_WINDOW lines below line `i` match a line
    rule of `pack` (`matched`: each line's rule)? The window's lines are looked up (not
    every matched line scanned: a page of thousands of comment lines would make this
    quadratic), or the matched lines when fewer, and the count stops at two.

    >>> from corpus_clean.boilerplate.rules import Rule
    >>> reply = Rule(pack="comments", name="reply", kind="line", pattern="Reply")
    >>> _section_confirmed({0: None, 3: reply, 9: reply}, 0, "comments"), _section_confirmed({3: reply}, 0, "comments")
    (True, False)
    """
    window = range(i + 1, i + SECTION_CONFIRM_WINDOW + 1)
    below = window if len(window) <= len(matched) else [j for j in matched if j in window]
    found = 0
    for j in below:
        r = matched.get(j)
        if r is not None and r.pack == pack and r.kind == "line":
            found += 1
            if found == 2:
                return True
    return False


def _mark_block(ctx: Context, i: int, rule_id: str, max_lines: int, matched: dict) -> None:
    ctx.marks.mark(i, rule_id)
    taken = 0
    j = i + 1
    last = i
    blank = ctx.blank_list  # (Python bools: indexing the numpy mask per line costs ~10x)
    while j < ctx.lines.n_lines and taken < max_lines:
        if blank[j]:
            j += 1
            continue
        if j in matched or not _is_teaser(ctx, j):
            break  # another rule's line, or running prose: the block ends
        last = j
        taken += 1
        j += 1
    if taken == 1:
        while j < ctx.lines.n_lines and (blank[j] or j in matched):
            j += 1  # (other empty labels may be stacked under it)
        if _is_subheading_under_label(ctx, last, j):
            return  # an empty label above the story's next subheading: the label goes alone
    for k in range(i + 1, last + 1):
        ctx.marks.mark(k, rule_id)


def _mark_empty_heading(ctx: Context, i: int, rule_id: str) -> None:
    j = i + 1
    while j < ctx.lines.n_lines and (ctx.blank[j] or ctx.marks.rule[j] is not None):
        j += 1
    if j >= ctx.lines.n_lines or not _REFERENCE_ITEM.match(ctx.lines.content[j]):
        ctx.marks.mark(i, rule_id)


# --- builtin structural rules -------------------------------------------------------


def _looks_like_title(ctx: Context, i: int) -> bool:
    return bool(looks_like_titles(ctx.stats, np.array([i]))[0])


_NOT_TITLE_ENDS = CodeSet(map(ord, ".,:;"))


def looks_like_titles(s: LineStats, rows: np.ndarray) -> np.ndarray:
    """Per line of `rows`: could it be a title (1-25 words, no final ".,:;", not
    starting lower-case, a capitalised word: title case or a sentence without its
    full stop)."""
    n_words = s.n_words[rows]
    return ((n_words >= 1) & (n_words <= 25)
            & ~_NOT_TITLE_ENDS.of(s.last_char[rows])
            & ((s.first_class[rows] & LOWER) == 0)
            & (s.n_cap_words[rows] >= 1))


def mark_headline(ctx: Context) -> str | None:
    """The first non-blank line no rule removed, when it looks like a title.

    Only when an article body (a prose line) follows it. Returns the title text.
    """
    n = ctx.lines.n_lines
    first = None
    for i in range(n):  # (lines above it that a rule removed: a menu, a skip link)
        if ctx.blank[i] or ctx.marks.rule[i] is not None:
            continue
        first = i
        break
    if first is None or ctx.prose_before[first] > 0 or ctx.prose_after[first] < 1 or ctx.prose[first]:
        return None
    if not _looks_like_title(ctx, first):
        return None
    ctx.marks.mark(first, HEADLINE_RULE)
    return ctx.lines.content[first]


def _true_runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a boolean array, end exclusive."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], flags, [False]))))  # (bool diff: True at a change)
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _later_copies(content: list[str]) -> np.ndarray:
    """Mask of the non-empty lines whose text is on an earlier line too."""
    n = len(content)
    first = dict(zip(reversed(content), range(n - 1, -1, -1)))  # text -> first line
    if len(first) == n:
        return np.zeros(n, dtype=bool)
    first_of_line = np.fromiter(map(first.__getitem__, content), dtype=np.int64, count=n)
    nonempty = np.fromiter(map(bool, content), dtype=bool, count=n)
    return (first_of_line != np.arange(n)) & nonempty


# A "headline" of fewer words than this is a menu's first item as often as a title (the
# first line of a page: "Home", "Ndzi"): a line opening with it is its copy only when it
# is no sentence ("Sivarai ma haida", a "more news" heading), since a story sentence may
# open with that word ("Ndzi e ne akiba.", "Home prices rose 4 % this year.").
HEADLINE_COPY_MIN_WORDS = 3


def _mark_headline_copies(ctx: Context, headline: str) -> None:
    """Lines that start with the headline (and a few words more), or long prefixes of it;
    for a headline under HEADLINE_COPY_MIN_WORDS words, no line that ends a sentence."""
    if ctx.text.count(headline[:20]) < 2:
        return  # (only the headline's own line holds its start: most pages; that line is skipped below)
    head_words = len(headline.split())
    rule = ctx.marks.rule
    content = ctx.lines.content
    last_class = ctx.stats.last_class
    for i in _lines_holding(ctx.text, (headline[:20],), ctx.starts_list):
        c = content[i]
        if c and c != headline and rule[i] is None and (
            (c.startswith(headline) and len(c.split()) <= head_words + 8
             and (head_words >= HEADLINE_COPY_MIN_WORDS or not last_class[i] & SENT_END))
            or (len(c) >= 20 and headline.startswith(c))
        ):
            ctx.marks.mark(i, "repeat.headline")


def _lines_holding(text: str, needles, line_starts: list[int]) -> list[int]:
    """Lines of `text` (given their start offsets) holding any of `needles`
    (non-empty, without a newline), in order, once each.

    A few hits per document: `str.find` and `bisect` beat numpy's per-call cost.
    """
    positions = []
    for needle in needles:
        at = text.find(needle)
        while at != -1:
            positions.append(at)
            at = text.find(needle, at + 1)
    return sorted({bisect_right(line_starts, at) - 1 for at in positions})


def mark_repeats(ctx: Context, headline: str | None, later_copies: np.ndarray | None = None) -> None:
    """Repeated lines: runs of later copies (repeat.block), copies of the headline,
    and near copies of single lines of REPEAT_MIN_WORDS+ words (repeat.line).
    (`later_copies`: ``_later_copies`` of the document's lines when the caller has it,
    e.g. from its batch's: ``batch.later_copies_many``.)"""
    content = ctx.lines.content
    repeated = _later_copies(content) if later_copies is None else later_copies
    if headline:
        _mark_headline_copies(ctx, headline)
    if not repeated.any():
        return
    # Runs of repeated non-blank lines (blank lines do not break a run).
    idx = np.flatnonzero(~ctx.blank)
    idx_list = idx.tolist()
    words = ctx.n_words_list
    single: list[int] = []  # later copies of repeated lines outside runs
    for a, b in _true_runs(repeated[idx]):
        if b - a >= REPEAT_MIN_RUN:
            for i in range(idx_list[a], idx_list[b - 1] + 1):
                ctx.marks.mark(i, "repeat.block")
        else:
            for k in range(a, b):
                i = idx_list[k]
                if content[i] == headline:
                    ctx.marks.mark(i, "repeat.headline")
                elif words[i] >= REPEAT_MIN_WORDS:
                    single.append(k)
    # A single repeated line goes only when its previous copy is near (a doubled line
    # or paragraph). Far-apart copies (a teaser in the page furniture and the article's
    # own paragraph) are left to the classifier: removing either one by rule cost the
    # benchmark precision and recall.
    # (Its previous copy is non-blank, like it: near means among the REPEAT_MAX_GAP
    # non-blank lines above it; k is the line's index among the non-blank lines.)
    for k in single:
        c = content[idx_list[k]]
        if any(content[idx_list[r]] == c for r in range(max(0, k - REPEAT_MAX_GAP), k)):
            ctx.marks.mark(idx_list[k], "repeat.line")


def restore_repeats_of_removed(ctx: Context) -> None:
    """Give one copy of a repeated line back when every copy ended up removed.

    (repeat.line keeps the first copy; if another rule or the classifier removed that
    copy, the text would be lost entirely: keep the last repeat.line copy instead.)
    """
    rule = ctx.marks.rule
    if "repeat.line" not in rule:
        return
    content = ctx.lines.content
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rule):
        if r == "repeat.line":
            groups.setdefault(content[i], [])
    if not groups:
        return
    for i, c in enumerate(content):
        if c in groups:
            groups[c].append(i)
    for c, occurrences in groups.items():
        if all(rule[i] is not None for i in occurrences):
            back = [i for i in occurrences if rule[i] == "repeat.line"]
            rule[back[-1]] = None


def menu_items(s: LineStats) -> np.ndarray:
    """Per line: could it be a menu item (1..MENU_MAX_WORDS words, starting with a
    capital or digit, ending in no punctuation)."""
    return (
        (s.n_words >= 1)
        & (s.n_words <= MENU_MAX_WORDS)
        & ((s.first_class & (UPPER | DIGIT)) > 0)
        & ~((s.last_class & (SENT_END | PUNCT)) > 0)
    )


def mark_menu_runs(ctx: Context) -> None:
    """Runs of MENU_MIN_RUN+ consecutive short capitalised lines: a navigation menu --
    unless the article announces them (``announced_by_the_line_above``).

    >>> ctx = Context("The overall rankings of the countries in the survey were as follows:\\n"
    ...               "1. Finland\\n2. Norway\\n3. Australia\\n4. Canada\\n5. Germany\\n")
    >>> mark_menu_runs(ctx); ctx.marks.rule[1:6]
    [None, None, None, None, None]
    >>> ctx = Context("Home\\nNews\\nSport\\nWeather\\nOpinion\\nThe council voted to close the bridge.\\n")
    >>> mark_menu_runs(ctx); ctx.marks.rule[0:5]
    ['nav.menu_run', 'nav.menu_run', 'nav.menu_run', 'nav.menu_run', 'nav.menu_run']
    """
    short = menu_items(ctx.stats)
    if np.count_nonzero(short) < MENU_MIN_RUN:  # (no run can be long enough)
        return
    idx = np.flatnonzero(~ctx.blank)
    for a, b in _true_runs(short[idx]):
        if b - a >= MENU_MIN_RUN and not (a > 0 and announced_by_the_line_above(ctx, int(idx[a - 1]))):
            for i in idx[a:b].tolist():
                ctx.marks.mark(i, "nav.menu_run")


def in_an_announced_table(ctx: Context, i: int) -> bool:
    """Whether line `i` is among the first ANNOUNCED_TABLE_MAX_CELLS short lines under a
    sentence that announces a list or table (``announced_by_the_line_above``), with only
    short lines (fewer than ANNOUNCE_MIN_WORDS words, no sentence end) between: a table's
    header cell ("Status", "Comment") flattened to a line, not a section heading.

    >>> ctx = Context("These are the states a task goes through and what each of them means:\\n"
    ...               "Status\\nTimeout\\nComment\\nnew\\nnone\\nready to run\\n")
    >>> in_an_announced_table(ctx, 3), in_an_announced_table(ctx, 0)
    (True, False)
    """
    s = ctx.stats
    j = i - 1
    for _ in range(ANNOUNCED_TABLE_MAX_CELLS):
        while j >= 0 and ctx.blank[j]:
            j -= 1
        if j < 0:
            return False
        if announced_by_the_line_above(ctx, j):
            return True
        if s.n_words[j] >= ANNOUNCE_MIN_WORDS or s.last_class[j] & SENT_END:
            return False
        j -= 1
    return False


def announced_by_the_line_above(ctx: Context, above: int) -> bool:
    """Whether line `above` announces a list below it: a sentence of ANNOUNCE_MIN_WORDS+
    words ending in ":" ("The overall rankings were as follows:", "ATF consists of the
    following components:"). What comes under it is the article's own list or table (a
    ranking, a release history), not a menu; a menu's label is a word or two ("Follow
    us:", "Sections:")."""
    return bool(ctx.stats.n_words[above] >= ANNOUNCE_MIN_WORDS and ctx.stats.last_char[above] == ord(":"))


def _letterless(line: str) -> bool:
    """A line with something on it but no letter: "[", "= 3.5", "2,345", "│"."""
    return bool(line.strip()) and not any(c.isalpha() for c in line)


def keep_fragments_inside_prose(ctx: Context) -> None:
    """Give back the lines the repeat rules (``SHAPE_RULES``) cut from a listing inside
    the article: a run of FRAGMENT_MIN_LINES+ non-paragraph lines with a paragraph
    above and below it (PROSE_MIN_WORDS+ words, whatever its end), FRAGMENT_MIN_SYMBOLIC+
    of them without a letter.

    Pages flattened to text put each token of code or a formula on a line of its own;
    its brackets and keywords ("list", ":", "[" again and again) come back as runs of
    repeated lines, which the repeat rules take for a copied menu. A copied menu or
    share bar between two paragraphs is words; only listings are mostly symbols. Lone
    numbers and menu runs are not given back: on news pages such runs were gallery
    counters and sidebars as often as tables (benchmarks/RESULTS-boilerplate.md, fifth
    round). Rules that read wording (share bars, "Next") still apply.

    >>> ctx = Context("Here is the payload we sent to the server, five levels of nested lists deep:\\n"
    ...               "list\\n:\\n[\\nlist\\n:\\n[\\nlist\\n:\\n[\\n"
    ...               "The root of the object holds three hundred lists, each with ten more inside it.\\n")
    >>> mark_repeats(ctx, None); ctx.marks.rule[4:10]
    ['repeat.block', 'repeat.block', 'repeat.block', 'repeat.block', 'repeat.block', 'repeat.block']
    >>> keep_fragments_inside_prose(ctx); ctx.marks.rule[4:10]
    [None, None, None, None, None, None]
    """
    rule = ctx.marks.rule
    if SHAPE_RULES.isdisjoint(rule):  # (most pages: one C-level pass, no list)
        return
    shaped = [i for i, r in enumerate(rule) if r in SHAPE_RULES]
    content = ctx.lines.content
    idx = np.flatnonzero(~ctx.blank)
    # (a paragraph that introduces a listing often ends in ":", which ctx.prose does not count)
    paragraph = ctx.stats.n_words[idx] >= PROSE_MIN_WORDS
    shaped_before = np.searchsorted(idx, shaped)  # (position of each shaped line among the non-blank ones)
    for a, b in _true_runs(~paragraph):
        if a == 0 or b == len(idx) or b - a < FRAGMENT_MIN_LINES:
            continue  # (at an edge of the page: not between two paragraphs)
        k = np.searchsorted(shaped_before, a)
        if k == len(shaped_before) or shaped_before[k] >= b:
            continue  # (no shape rule fired in this run)
        lines = idx[a:b].tolist()
        if sum(_letterless(content[i]) for i in lines) < FRAGMENT_MIN_SYMBOLIC * len(lines):
            continue
        for i in lines:
            if rule[i] in SHAPE_RULES:
                rule[i] = None


# A line outside ASCII as ASCII that RE2's ASCII ``\b`` reads as Python's Unicode ``\b``
# reads the line: each character outside ASCII that is a word character (``\w``:
# ``str.isalnum`` or "_") becomes "x", any other a space. None of them is "!", "?" or a
# capital A-Z, word boundaries stay where they were, and "’" (in "I’m", "you’re") may go:
# those alternatives never win, as "I" and "you" come first in the pattern and end at "’".
_WIDE_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")
_WIDE_OTHER_CHAR = re.compile(r"[^\x00-\x7f]")


def ascii_words(line: str) -> str:
    """`line` with each character outside ASCII an "x" (a word character) or a space, in
    one compiled pass (``_native.ascii_words``) or by its twin, two substitutions.

    >>> ascii_words("Café — Ωmega’s 3²")
    'Cafx   xmega s 3x'
    """
    kernel = getattr(active(), "ascii_words", None)  # (None: no compiled module, or one built before it)
    if kernel is not None:
        return kernel(line)
    return _WIDE_OTHER_CHAR.sub(" ", _WIDE_WORD_CHAR.sub("x", line))


def _voice_hits(line: str) -> int:
    """How often `line`, outside quotes, speaks in a commenter's voice (``_COMMENT_VOICE``).
    Through RE2 (``_COMMENT_VOICE_ASCII``), a line outside ASCII first made ASCII
    (``ascii_words``): that and RE2 take ~3 of the ~11 µs Python's ``re`` took on such a
    line (half the lines it reads in the generated corpus).

    >>> _voice_hits('I said "you ARE wrong!" -- so what?'), _voice_hits("Café: you’re ÉMUS… WHY?")
    (2, 2)
    """
    if '"' in line or "“" in line or "«" in line:  # (most lines quote nobody: no pass for it)
        line = _QUOTED.sub(" ", line)
    if _COMMENT_VOICE_ASCII is None:
        return len(_COMMENT_VOICE_SCAN.findall(line))
    return len(_COMMENT_VOICE_ASCII.findall(line if line.isascii() else ascii_words(line)))


def mark_trailing_comments(ctx: Context) -> None:
    """Reader comments pasted after the article without a heading.

    After an end-of-article marker (a "contributed to this report" line, a separator,
    a copyright line), prose written in a commenter's voice (first/second person,
    exclamation marks, shouting) is a comment. Without a marker, the last lines go
    only when they are comment-voiced and the article above them is not.
    """
    content = ctx.lines.content
    rule = ctx.marks.rule
    removed = ctx.marks.removed()
    kept = np.flatnonzero(~ctx.blank & ~removed).tolist()
    if len(kept) < 4:
        return
    markers = [i for i in np.flatnonzero(removed).tolist() if rule[i] in END_MARKER_RULES]
    after = markers[-1] if markers and ctx.in_tail(markers[-1]) else None
    if after is not None:
        tail = [i for i in kept if i > after]
        if tail and all(_voice_hits(content[i]) >= 1 for i in tail):
            for i in tail:
                ctx.marks.mark(i, "comments.unmarked_trailing")
            return
    # No marker: a comment-voiced run at the very end, in a body that is not.
    run = []
    n_words = ctx.n_words_list
    for i in reversed(kept):
        if n_words[i] >= 8 and _voice_hits(content[i]) >= 2:
            run.append(i)
        else:
            break
    if not run or len(run) > len(kept) // 3:
        return
    # The body's rate of voice hits per line must stay under 1/4: counted until it
    # cannot (4 * hits < lines, in integers: the same test as hits / lines < 0.25).
    body = [i for i in kept if i < run[-1]]
    hits = 0
    for i in body:
        hits += _voice_hits(content[i])
        if 4 * hits >= max(1, len(body)):
            return
    for i in run:
        ctx.marks.mark(i, "comments.unmarked_trailing")


# --- output -------------------------------------------------------------------------


def keep_the_prose_of_an_emptied_page(ctx: Context) -> None:
    """A page with prose lines never comes out empty: when every line ended up
    removed, its prose lines (PROSE_MIN_WORDS+ words ending a sentence) are given back.

    (A page whose every paragraph looks like furniture to the classifier, or sits
    under a section marker, is more likely an article the rules misread than a page
    of pure boilerplate.)
    """
    rule = ctx.marks.rule
    if not ctx.prose.any() or any(r is None and not b for r, b in zip(rule, ctx.blank_list)):
        return
    for i in np.flatnonzero(ctx.prose).tolist():
        rule[i] = None


def mark_layout(ctx: Context) -> None:
    """Blank lines that removals left in runs or at the start/end of the document go
    with the removal next to them.

    Looks at each gap between two kept non-blank lines (and the two edges): when a
    removal happened in the gap, at most one blank line stays (none at an edge).
    Gaps without a removal are left exactly as they were.

    Tidying whitespace is not a removal of its own: each extra blank line joins the
    span of the removed line above it in its gap (or, before the first one, below
    it), so the report counts real cuts only, and ``text[start:end] == removal.text``
    still holds for every span.

    >>> ctx = Context("Menu\\n\\nOne long sentence of the article here.\\n")
    >>> ctx.marks.mark(0, "nav.menu")
    >>> mark_layout(ctx); ctx.marks.rule
    ['nav.menu', 'nav.menu', None, None]
    """
    rule = ctx.marks.rule
    if rule.count(None) == len(rule):
        return
    n = ctx.lines.n_lines
    if n > 1 and ctx.lines.raw[-1] == "":
        n -= 1  # the "" after a final newline is not a line
    if all(rule[i] is not None for i in np.flatnonzero(ctx.blank[:n]).tolist()):
        return  # no kept blank line: nothing to tidy (text without blank lines)

    def tidy(gap: list[int], edge: bool) -> None:
        # The blank line that stays: the gap's first one if it comes before every
        # removed line, else its last one -- so every other blank line touches a
        # removed line (directly or through other dropped blank lines).
        blanks = [i for i in gap if rule[i] is None]
        if not edge and blanks:
            first_removed = next(i for i in gap if rule[i] is not None)
            blanks.remove(blanks[0] if blanks[0] < first_removed else blanks[-1])
        for k in blanks:  # join the removal above...
            if k > gap[0] and rule[k - 1] is not None:
                rule[k] = rule[k - 1]
        for k in reversed(blanks):  # ...or, at the top of a gap, the one below
            if rule[k] is None and k < gap[-1] and rule[k + 1] is not None:
                rule[k] = rule[k + 1]

    gap: list[int] = []  # line numbers of the current gap (blank or removed lines)
    at_start = True
    blank = ctx.blank_list
    for i in range(n):
        if rule[i] is not None or blank[i]:
            gap.append(i)
        else:
            if any(rule[k] is not None for k in gap):
                tidy(gap, edge=at_start)
            gap, at_start = [], False
    if any(rule[k] is not None for k in gap):
        tidy(gap, edge=True)


def find_line_prefix(ctx: Context, ruleset: RuleSet) -> list | None:
    """A `prefix` rule's match at the start of the first kept line, when that line is
    article prose near the top: "VALMORA — Farmers said..." loses "VALMORA — ".

    Returns the span [start, end, rule id] or None. Only the first kept line is tried,
    and the rest of the line must stay prose, so a dash inside a sentence is safe.
    """
    rule = ctx.marks.rule
    blank = ctx.blank_list
    for i in range(ctx.lines.n_lines):
        if rule[i] is None and not blank[i]:
            break
    else:
        return None
    if not ctx.prose[i] or not ctx.in_head(i):
        return None
    return prefix_at(ctx, ruleset, i)


def prefix_at(ctx: Context, ruleset: RuleSet, i: int) -> list | None:
    """``find_line_prefix``'s match on line i (the first kept line, prose, in the head)."""
    start, end = ctx.lines.starts[i].item(), ctx.lines.ends[i].item()
    for prefix_rule, regex in ruleset.prefix_rules:
        match = regex.match(ctx.text, start, end)
        # (split at most PROSE_MIN_WORDS - 1 times: as many items as words, up to
        # PROSE_MIN_WORDS, without splitting the whole rest of the line)
        if match and match.end() > start and len(
                ctx.text[match.end():end].split(None, PROSE_MIN_WORDS - 1)) >= PROSE_MIN_WORDS:
            return [start, match.end(), prefix_rule.id]
    return None


def build_removals(ctx: Context, extra_spans: list[list] = ()) -> tuple[str, list[Removal]]:
    """Turn per-line marks (plus partial-line spans) into sorted, non-overlapping spans
    and the clean text."""
    rule = ctx.marks.rule
    starts = ctx.starts_list
    ends = ctx.lines.ends.tolist()
    spans: list[list] = []
    # (the marked lines found by C-level iterators: most of a document's lines are kept)
    for i in compress(range(len(rule)), map(is_not, rule, repeat(None))):
        r = rule[i]
        if starts[i] == ends[i]:
            continue
        if spans and spans[-1][1] == starts[i] and spans[-1][2] == r:
            spans[-1][1] = ends[i]
        else:
            spans.append([starts[i], ends[i], r])
    return cut_spans(ctx.text, spans, extra_spans)


_new_object = object.__new__


def removal(start: int, end: int, rule: str, text: str) -> Removal:
    """``Removal(start, end, rule, text)``, made ~2x faster: its fields written straight
    into the new instance's ``__dict__`` (the frozen dataclass' ``__init__`` calls
    ``object.__setattr__`` once per field; the engine makes ~2,000 Removals per MB).
    The same object: equal, same repr and hash (``tests/test_core_speed.py``).

    >>> removal(0, 5, "nav.menu", "Home\\n") == Removal(0, 5, "nav.menu", "Home\\n")
    True
    """
    made = _new_object(Removal)
    fields = made.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["rule"] = rule
    fields["text"] = text
    return made


def cut_spans(text: str, spans: list[list], extra_spans: list[list] = ()) -> tuple[str, list[Removal]]:
    """The clean text and the Removals of `text` cut at `spans` ([start, end, rule] of
    the marked lines, consecutive lines with the same rule as one span, in order) and
    `extra_spans` (partial-line cuts)."""
    if extra_spans:
        spans = sorted(spans + [list(span) for span in extra_spans])
    spans = _without_blank_spans(text, spans)
    if not spans:
        return text, []
    # Removals running to the end of a text without final newline take the newline
    # before them, so the clean text ends like the input did.
    if spans[-1][1] == len(text) and not text.endswith("\n"):
        k = len(spans) - 1
        while k > 0 and spans[k - 1][1] == spans[k][0]:
            k -= 1
        s = spans[k][0]
        prev_end = spans[k - 1][1] if k > 0 else 0
        if s - 1 >= prev_end and s >= 1 and text[s - 1] == "\n":
            s -= 1
            if s - 1 >= prev_end and text[s - 1] == "\r":
                s -= 1
            spans[k][0] = s
    removals = [removal(s, e, r, text[s:e]) for s, e, r in spans]
    kept_from = [0] + [e for _, e, _ in spans]  # (the text between two cuts stays)
    kept_to = [s for s, _, _ in spans] + [len(text)]
    return "".join([text[a:b] for a, b in zip(kept_from, kept_to)]), removals


def _without_blank_spans(text: str, spans: list[list]) -> list[list]:
    r"""Fold spans of whitespace alone into the cut next to them: whitespace is never a
    removal of its own (the report would name a rule for a blank line).

    A blank line can carry a rule of its own when a block rule marks a run whose lines
    other rules cut first, e.g. a share bar repeated at the foot of a page: the bars are
    ``social.share_bar``, the blank lines between them ``repeat.block``. The blank line
    goes with the cut before it (else the one after it); one with no cut beside it stays
    in the text.

    >>> _without_blank_spans("a\n\nb\n", [[0, 2, "x"], [2, 3, "y"], [3, 5, "z"]])
    [[0, 3, 'x'], [3, 5, 'z']]
    >>> _without_blank_spans("a\n\nb\n", [[2, 3, "y"]])
    []
    """
    if not any(text[s:e].isspace() for s, e, _ in spans):
        return spans
    kept: list[list] = []
    for k, (s, e, rule) in enumerate(spans):
        touches_previous = bool(kept) and kept[-1][1] == s
        if not text[s:e].isspace():
            if touches_previous and kept[-1][2] is None:     # blank lines waiting for this cut
                s = kept.pop()[0]
            kept.append([s, e, rule])
        elif touches_previous:
            kept[-1][1] = e
        elif k + 1 < len(spans) and spans[k + 1][0] == e:
            kept.append([s, e, None])                         # goes with the cut after it
    return [span for span in kept if span[2] is not None]


def line_masks(stats: LineStats, n_lines: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per line of a batch of documents (`stats`: their lines one after another, of
    which `n_lines` per document): (blank, prose, prose lines above it in its document,
    prose lines below it in its document).

    >>> stats = line_stats(split_lines("A long enough sentence of twelve words is prose by this rule here.\\n\\nMenu"))
    >>> [m.tolist() for m in line_masks(stats, [2, 1])]
    [[False, True, False], [True, False, False], [0, 1, 0], [0, 0, 0]]
    """
    blank = stats.n_chars == 0
    prose = (stats.n_words >= PROSE_MIN_WORDS) & ((stats.last_class & SENT_END) > 0)
    running = np.cumsum(prose)
    n_lines = np.asarray(n_lines, dtype=np.int64)
    first = np.cumsum(n_lines) - n_lines
    earlier = (running - prose)[first]  # prose lines of the documents before each one
    in_doc = running - np.repeat(earlier, n_lines)  # prose lines of its document up to each line
    total = np.repeat(in_doc[first + n_lines - 1], n_lines)
    return blank, prose, in_doc - prose, total - in_doc


def contexts_of(texts: list[str]) -> list[Context]:
    """A Context per text; the line counts and masks of all texts come from one numpy pass."""
    if len(texts) <= 1:
        return [Context(text) for text in texts]
    per_text, batch_stats = split_lines_batch(texts)
    n_lines = [lines.n_lines for lines, _ in per_text]
    masks = line_masks(batch_stats, n_lines)
    bounds = np.cumsum(n_lines).tolist()
    return [Context(lines.text, lines, stats, tuple(m[end - n:end] for m in masks))
            for (lines, stats), n, end in zip(per_text, n_lines, bounds)]


def mark_rules(text: str, ruleset: RuleSet | None = None) -> Context:
    """Steps 1-4: every rule-pack and builtin decision, before the classifier."""
    ctx = Context(text)
    _mark_rules(ctx, ruleset or load_rules())
    return ctx


def _mark_rules(ctx: Context, ruleset: RuleSet, matched: dict[int, object] | None = None) -> None:
    apply_rule_packs(ctx, ruleset, matched)
    mark_date_lines(ctx)
    mark_menu_runs(ctx)  # (before the headline: the title comes after the menu)
    headline = mark_headline(ctx)
    mark_repeats(ctx, headline)
    keep_fragments_inside_prose(ctx)
    mark_trailing_comments(ctx)


def strip(text: str, *, use_classifier: bool = True, ruleset: RuleSet | None = None, model=None) -> tuple[str, list[Removal]]:
    """Remove boilerplate lines from `text`; see ``corpus_clean.boilerplate``."""
    return strip_many([text], use_classifier=use_classifier, ruleset=ruleset, model=model)[0]


def strip_many(texts: list[str], *, use_classifier: bool = True, ruleset: RuleSet | None = None,
               model=None) -> list[tuple[str, list[Removal]]]:
    """``strip`` on each of `texts`, with the same result per text, in one batch: line
    counts and the classifier run once over all texts (most of their numpy work is
    per-call overhead on a page's ~200 lines)."""
    from corpus_clean.boilerplate import batch as batched

    ruleset = ruleset or load_rules()
    results: list[tuple[str, list[Removal]]] = [(text, []) for text in texts]
    todo = [k for k, text in enumerate(texts) if text and text.strip()]
    if not todo:
        return results
    batch = batched.Batch.of([texts[k] for k in todo])
    ctxs = batch.ctxs
    # Step by step over the whole batch (each document still sees the steps in the
    # order of ``_mark_rules``; documents never see each other).
    for ctx, matched in zip(ctxs, line_rules_many(ctxs, ruleset, batch.flat_lines())):
        apply_rule_packs(ctx, ruleset, matched)
    batched.mark_date_lines_many(batch)
    batched.mark_menu_runs_many(batch)
    # (repeats stay per document, with the batch's later copies; a document with none gets
    # only its headline's copies marked: ``mark_repeats`` stops there, and
    # ``keep_fragments_inside_prose`` finds no repeat rule's line to give back. One reduceat
    # over the batch says which documents those are: it costs pages that have repeats, most
    # bench pages, nothing a page, where an earlier pre-check did; RESULTS-throughput.md)
    later_copies = batched.later_copies_many(batch)
    repeating = batch.per_doc_any(later_copies).tolist()
    for ctx, headline, a, b, repeats in zip(ctxs, batched.mark_headline_many(batch), batch.first.tolist(),
                                            (batch.first + batch.n_lines).tolist(), repeating):
        if repeats:
            mark_repeats(ctx, headline, later_copies[a:b])
            keep_fragments_inside_prose(ctx)
        elif headline:
            _mark_headline_copies(ctx, headline)
    batched.mark_trailing_comments_many(batch)
    if use_classifier:
        from corpus_clean.boilerplate.classifier import mark_by_classifier_many

        mark_by_classifier_many(ctxs, model, batched.classifier_applies_many(batch))
    for k, result in zip(todo, batched.finish_many(batch, ruleset)):
        results[k] = result
    return results


def strip_reference(text: str, *, use_classifier: bool = True, ruleset: RuleSet | None = None,
                    model=None) -> tuple[str, list[Removal]]:
    """``strip`` one step at a time on one document (``_mark_rules``, the classifier,
    ``finish``): the reference the batched steps of ``strip_many`` are checked against."""
    ruleset = ruleset or load_rules()
    if not text or not text.strip():
        return text, []
    ctx = Context(text)
    _mark_rules(ctx, ruleset)
    if use_classifier:
        from corpus_clean.boilerplate.classifier import mark_by_classifier_many

        mark_by_classifier_many([ctx], model)
    return finish(ctx, ruleset)


def finish(ctx: Context, ruleset: RuleSet | None = None) -> tuple[str, list[Removal]]:
    """Steps 6-7: give back repeats of removed lines, tidy blank lines, cut spans
    (and a dateline-style prefix off the first kept line)."""
    restore_repeats_of_removed(ctx)
    keep_the_prose_of_an_emptied_page(ctx)
    mark_layout(ctx)
    prefix = find_line_prefix(ctx, ruleset or load_rules())
    return build_removals(ctx, [prefix] if prefix else [])

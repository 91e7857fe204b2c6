"""Round 17 (htmlspeed17): the marker gate in two steps, the rules' beginnings then the whole
line (``corpus_clean.line_gate``). The matches stay ``finditer``'s (also checked by
tests/test_line_gate.py over the packs' lines); these tests hold the new parts to what they
promise:

* every line a marker rule matches starts like the rule: the beginnings' gate matches it
  (hypothesis writes the lines from each rule's own regex);
* ``exact_categories`` narrows RE2's \\d and \\s to exactly Python's;
* the whole lines' automaton runs only from the lines the beginnings' gate finds, not
  over the text (what made the gate cost ~1 ms a page on text it had not seen).

All of them fail on main (``rule_prefix``, ``exact_categories`` and ``GatedFinder.check``
do not exist there).
"""
from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.html import _marker_rules
from corpus_clean.line_gate import GatedFinder, _re2_prefix_gate, exact_categories, rule_prefix

re2 = pytest.importorskip("re2")

UNCONDITIONAL = [rule.inline_pattern() for rule in load_rules().rules if rule.is_unconditional]


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@st.composite
def a_rule_and_its_line(draw):
    """(a marker rule, a line it matches whole, with blanks around as the line regex allows)."""
    k = draw(st.integers(0, len(UNCONDITIONAL) - 1))
    body = draw(st.from_regex(UNCONDITIONAL[k], fullmatch=True))
    assume(re.fullmatch(UNCONDITIONAL[k], body))
    blanks = st.text(alphabet=" \t", max_size=3)
    return k, draw(blanks) + body + draw(blanks)


@lru_cache(maxsize=None)
def own_prefix_gate(k: int):
    """Rule k's beginning alone, as the gate holds it."""
    return re2.compile("(?m)^[ \\t]*(?:" + exact_categories(rule_prefix(UNCONDITIONAL[k])) + ")")


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(a_rule_and_its_line())
def test_every_line_a_rule_matches_starts_like_it(rule_and_line):
    """The gate of the rules' beginnings matches every line a rule matches, at its start:
    so it never skips a line Python's regex would cut (fails on main: no ``rule_prefix``)."""
    k, line = rule_and_line
    finder, _ = _marker_rules()
    assume(finder.regex.match(line) is not None)
    assert own_prefix_gate(k).match(line.encode("utf-8")) is not None, (UNCONDITIONAL[k][:80], line)
    assert finder.gate.match(line.encode("utf-8")) is not None, line


# Small rule sets with the shapes the prefixes read: long alternations (a branch taken whole),
# optional and counted parts, case-folding, classes with \d and \s, a rule that spans lines.
RULE_SETS = [
    [r"(?i:(?:share|tweet|e-?mail)(?: this(?: story| article)?)?)", r"\d+\s*(?:views|likes)"],
    [r"(?:" + "|".join(f"word{k}" for k in range(400)) + r")(?:[ \t]+more)?", r"x{2,5}y"],
    [r"(?:\w{1,12}[ \t]+)?This (?:page|list) is.*", r"\s+", r"[\d.,]+[ \t]*[KkMm]?"],
    [r"(?:(?>\d{1,2}(?!\d))[ \t]*(?:de|at|-)?[ \t]*)+", r"(?i:stra\u00dfe)"],
]
PIECES = ["share this", "SHARE THIS STORY", "Tweet", "e-mail", "12 views", "٣٤ likes", "7\u2003likes", "word7",
          "word399 more", "xxxy", "Word This page is", "This list is long", "\u00a0", "3.5K", "12 - 4 at", "٣",
          "Straße", "STRASSE", "prose, here", "中文", "😀", "", " "]


@pytest.mark.parametrize("rules", RULE_SETS)
def test_generated_texts_give_finditers_matches(rules):
    """Random lines of the rules' pieces and other text: the two-step gate's matches are
    ``finditer``'s (fails on main: no ``check``)."""
    regex = re.compile("(?m)^[ \\t]*(?:" + "|".join(rules) + ")[ \\t]*$")
    finder = GatedFinder(regex, rules)
    assert finder.gate is not None and finder.check is not None
    rng = random.Random(17)
    for _ in range(1500):
        lines = ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 3))) for _ in range(rng.randrange(0, 10))]
        text = rng.choice(["\n", "\n\n", " \n"]).join(lines)
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


def test_exact_categories_are_pythons_digits_and_spaces():
    """The narrowed \\d and \\s classes hold exactly the characters Python's \\d and \\s
    match, over every code point (fails on main: no ``exact_categories``)."""
    digit = re2.compile(exact_categories(r"[0-9\x{80}-\x{10FFFF}]"))
    space = re2.compile(exact_categories(r"[\t-\r\x{1c}-\x{20}\x{80}-\x{10FFFF}]"))
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert {m.group() for m in digit.finditer(every)} == set(re.findall(r"\d", every))
    assert {m.group() for m in space.finditer(every)} == set(re.findall(r"\s", every))


class _CountingGate:
    """A real RE2 pattern, with the positions it is run from counted."""

    def __init__(self, gate):
        self.gate, self.runs = gate, []

    def match(self, data, pos=0):
        self.runs.append(pos)
        return self.gate.match(data, pos)


def test_the_whole_lines_automaton_runs_only_from_lines_that_start_like_a_rule():
    """On article prose whose lines start like no rule, the whole lines' superset is never
    run; on a page with marker lines, only from their starts and those of lines that start
    like one (fails on main: one automaton of every whole line searched over the text)."""
    finder, _ = _marker_rules()
    gated = GatedFinder(finder.regex, [])
    gated.gate, gated.check = finder.gate, _CountingGate(finder.check)
    prose = ("The council voted on Tuesday to close the bridge for repairs.\n"
             "Engineers found cracks in two of its piers last winter.\n"
             "Work is expected to take most of the summer, officials said.\n")
    assert spans(gated.finditer(prose * 20)) == []
    assert gated.check.runs == []
    page = prose + "ADVERTISEMENT\n" + prose + "Share this article\n"
    assert [m.group() for m in gated.finditer(page)] == ["ADVERTISEMENT", "Share this article"]
    starts = [page.encode().index(line.encode()) for line in ("ADVERTISEMENT", "Share this article")]
    assert gated.check.runs == starts


def test_the_packs_marker_rules_get_both_steps():
    """The packs' beginnings make a gate, and the whole lines' superset checks its lines."""
    finder, _ = _marker_rules()
    assert finder.check is not None and finder.gate is not None
    assert finder.gate.pattern != finder.check.pattern
    assert _re2_prefix_gate([r"(a)(?(1)b|c)"]) is not None  # (a prefix stops where RE2 has no translation)


# --------------------------------------------------------------------------- #
# Class/id labels not seen before: one search for every name the checks look for
# --------------------------------------------------------------------------- #

from corpus_clean import html  # noqa: E402


def _reference_token_flags(token: str) -> tuple[int, object]:
    """``html._token_flags`` as main computes it: every check on every token, no cache."""
    low = token.lower()
    flags, reason = 0, None
    names_no_widget = (html.is_heading_slug(low) or html._CLIPPING_UTILITY_RE.search(low)
                       or html._PSEUDO_VARIANT_RE.search(low) or html._NEGATED_RE.match(low))
    m = None if names_no_widget else html.NEGATIVE_STEMS_RE.search(low)
    if m:
        flags, reason = html._NEG, html.LABEL_REASONS.get(m.group(0), "html.furniture")
        if m.group(0) in html.HARD_STEMS:  # (round 22: a consent manager's box is cut when large)
            flags |= html._HARD
    elif not names_no_widget and html._WORDS_PREFILTER_RE.search(low):
        words = [w for w in html._LABEL_WORD.findall(token) if w.lower() in html.NEGATIVE_WORDS]
        if words:
            flags, reason = html._NEG, html.LABEL_REASONS.get(words[0].lower(), "html.furniture")
    # (round 22: a token whose last word names furniture is the element of a block: "article-meta")
    words = html._LABEL_WORD.findall(token)
    last = words[-1].lower() if len(words) >= 2 else ""
    element = bool(flags & html._NEG and last and not html.POSITIVE_RE.search(last)
                   and (last in html.NEGATIVE_WORDS or html.NEGATIVE_STEMS_RE.search(last)))
    if html.POSITIVE_RE.search(low) and not element:
        flags |= html._POS
    if html.HARD_NEGATIVE_RE.search(low):
        flags |= html._HARD
        reason = "html.comments"
    return flags, reason


def _reference_label_verdict(label: str):
    flags, reason = 0, None
    for token in label.split():
        token_flags, token_reason = _reference_token_flags(token)
        flags |= token_flags
        reason = reason or token_reason
    if not flags & html._NEG or flags & html._POS:
        return None
    return ("hard" if flags & html._HARD else "soft", reason or "html.furniture")


NAMES = sorted({*html.NEGATIVE_STEMS, *html.NEGATIVE_WORDS, "article", "body", "content", "main", "comment",
                "replies", "no", "without", "has", "overflow", "hidden", "marker", "the", "with"})
FILLER = ["col", "md", "8", "wp", "block", "group", "Page", "Builder", "HTML", "x", "ſ", "K", "İ", "Σ", "é"]
a_token = st.lists(st.sampled_from(NAMES + [n.upper() for n in NAMES[:12]] + FILLER), min_size=1, max_size=5).flatmap(
    lambda parts: st.sampled_from(["-", "_", "", ":"]).map(lambda sep: sep.join(parts)))
a_label = st.lists(a_token, min_size=1, max_size=4).flatmap(
    lambda tokens: st.sampled_from([" ", "  ", "\t", "\u00a0"]).map(lambda sep: sep.join(tokens)))


@settings(max_examples=1200, deadline=None)
@given(a_label)
def test_label_verdicts_are_the_full_checks(label):
    """Generated class/id labels of the checks' names, their capitals and other words,
    joined as pages join them: the verdict and each token's flags are the full checks'
    (the one-search shortcuts only skip checks that could find nothing)."""
    html.clear_caches()
    assert html.label_verdict(label) == _reference_label_verdict(label)
    for token in label.split():
        assert html._token_flags(token) == _reference_token_flags(token)


def test_a_label_without_any_name_is_judged_without_its_tokens():
    """A label none of whose tokens holds a name the checks look for gets no verdict in
    one search: no token is looked at (fails on main, which checked and cached each token).
    (Round 23: asked of the Python twin; an ASCII label's tokens are read in C, no token cached.)"""
    html.clear_caches()
    assert html._label_verdict_in_python("col-md-8 wp-block-group x7") is None
    assert html._TOKEN_FLAGS == {}
    assert html._label_verdict_in_python("col-md-8 share-bar") == ("soft", "html.share")
    assert html._TOKEN_FLAGS["share-bar"][0] == html._NEG
    assert html._TOKEN_FLAGS["col-md-8"] == (0, None)

"""The text path's shortcuts change no answer: each fast step against its plain version.

* rule verdicts (``engine.line_rules``: dispatch on a line's first characters, one
  Aho-Corasick pass for keywords, rules that may not act skipped, the RE2 kernel or,
  without google-re2, the literal gates) against trying every rule on every line, in order;
* a rule's gates (its start characters, its required literals) never hide a line its
  regex matches (lines drawn from each rule's own regex, plus every rule's YAML example);
* the vectorised line counts (``features.line_stats``) against counting each line in
  plain Python;
* a batch (``strip_boilerplate_many``) against one document at a time.

Documents come from the rule packs' examples, the news generator and hypothesis
(derandomized in CI, see conftest.py). The benchmark-side check over the shared bench
texts is ``benchmarks/boilerplate_equivalence.py``.
"""
from __future__ import annotations

import re
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate import engine, strip_boilerplate, strip_boilerplate_many
from corpus_clean.boilerplate.engine import Context, contexts_of, line_rules, line_rules_many
from corpus_clean.boilerplate.features import (
    ALPHA, CLASS_TABLE, CJK_HI, CJK_LO, DIGIT, FULLWIDTH_SENT_END, NEWLINE, PUNCT, SPACE, STOP_WORDS, UPPER,
    line_stats, split_lines, split_lines_many,
)
from corpus_clean.boilerplate.rules import dispatch_key, load_rules, may_act
from training.newsgen import generate

RULES = load_rules()
PROSE = [
    "The council voted on Tuesday to close the old bridge for two years of repairs.",
    "Engineers said the steel piles would be driven deeper into the seabed next spring.",
    "Residents who spoke at the meeting asked whether the ferry could run more often.",
]


def reference_line_rules(ctx: Context) -> dict[int, str]:
    """Every line rule tried on every non-blank line, in pack order: the first that
    matches (regex, and a keyword if it has keywords) and may act."""
    out = {}
    keywords_apply = len(ctx.text.lower()) == len(ctx.text)
    for i, line in enumerate(ctx.lines.raw):
        if ctx.blank[i]:
            continue
        start = int(ctx.lines.starts[i])
        lower = line.lower()
        for rule, regex in RULES.singles:
            if keywords_apply and rule.keywords and not any(k in lower for k in rule.keywords):
                continue
            if regex.fullmatch(ctx.text, start, start + len(line)) and may_act(
                    rule, int(ctx.stats.n_words[i]), ctx.in_head(i), ctx.in_tail(i)):
                out[i] = rule.id
                break
    return out


# The engine with its RE2 kernel (google-re2) and with the pure-Python gates only.
RULESETS = {"kernel": RULES, "pure-python": load_rules(kernel=False)}


def engine_line_rules(text: str, rules=RULES) -> dict[int, str]:
    """The engine's verdicts, from a cold line cache."""
    rules.line_cache.clear()
    return {i: rule.id for i, rule in line_rules(Context(text), rules).items()}


def _example_lines() -> list[str]:
    lines = {line for rule in RULES.rules for line in (rule.example + "\n" + rule.keep).split("\n") if line.strip()}
    # The dispatch key is the stripped, lower-cased start: case and space variants.
    return sorted(lines | {v for line in lines for v in (line.upper(), line.lower(), "\u00a0 " + line + " \t")})


EXAMPLE_LINES = _example_lines()


# Per line rule (by its position in RULES.singles): lines its own regex full-matches.
_RULE_LINES = [st.from_regex(regex, fullmatch=True).map(lambda s: s.replace("\n", " ").replace("\r", " "))
               for _, regex in RULES.singles]
ANCHORED = [k for k, (rule, _) in enumerate(RULES.singles) if not rule.keywords]


def rule_and_line(positions: list[int]) -> st.SearchStrategy[tuple[int, str]]:
    """(position in RULES.singles, a line that rule's regex full-matches)."""
    return st.sampled_from(positions).flatmap(lambda k: st.tuples(st.just(k), _RULE_LINES[k]))


LINES = st.one_of(
    st.sampled_from(EXAMPLE_LINES),
    st.sampled_from(PROSE),
    st.just(""),
    rule_and_line(list(range(len(RULES.singles)))).map(lambda kl: kl[1]),
)


@pytest.mark.parametrize("path", sorted(RULESETS))
def test_rule_verdicts_on_every_rule_example_equal_trying_every_rule(path):
    texts = [rule.example for rule in RULES.rules if rule.example] + [rule.keep for rule in RULES.rules if rule.keep]
    texts += [doc.text for doc in generate(24, seed=3)]
    hits = 0
    for text in texts:
        want = reference_line_rules(Context(text))
        assert engine_line_rules(text, RULESETS[path]) == want, text[:200]
        hits += len(want)
    assert hits > 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(LINES, min_size=1, max_size=30), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_rule_verdicts_on_generated_documents_equal_trying_every_rule(lines, newline, prose_first):
    """Documents of rule-matching lines (drawn from the rules' own regexes), example
    lines and prose, in any order: head and tail positions vary with the prose."""
    text = newline.join((PROSE * 2 if prose_first else []) + lines + PROSE) + newline
    want = reference_line_rules(Context(text))
    for rules in RULESETS.values():
        assert engine_line_rules(text, rules) == want


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.lists(LINES, min_size=1, max_size=12), st.booleans(), st.booleans()), min_size=1,
                max_size=5))
def test_rule_verdicts_of_a_batch_equal_trying_every_rule_with_a_warm_cache(docs):
    """A batch's verdicts (``line_rules_many``: one lookup pass over all its lines, the
    line cache kept from earlier batches) equal trying every rule on each document,
    also when some documents of the batch lower-case to another length (keywords off)."""
    texts = ["\n".join((["İstanbul"] if dotted else []) + (PROSE if prose_first else []) + lines + PROSE) + "\n"
             for lines, dotted, prose_first in docs]
    want = [reference_line_rules(Context(text)) for text in texts]
    for rules in RULESETS.values():
        for _ in range(2):  # (the second pass reads the verdicts the first one cached)
            got = line_rules_many(contexts_of(texts), rules)
            assert [{i: rule.id for i, rule in found.items()} for found in got] == want


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rule_and_line(ANCHORED))
def test_the_start_character_gate_never_hides_a_line_its_regex_matches(position_and_line):
    """A line drawn from an anchored rule's regex: the rule is among the candidates the
    dispatch gives for the line's start (``dispatch_key``)."""
    position, line = position_and_line
    rule = RULES.singles[position][0]
    if not line.strip():
        return
    groups = {group for group, _, _ in RULES.candidates(dispatch_key(line), 0, True, True)}
    assert f"r{rule.order}" in groups or not may_act(rule, 0, True, True), (rule.id, line)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(rule_and_line(ANCHORED), min_size=1, max_size=8))
def test_the_literal_gate_never_hides_a_line_its_regex_matches(positions_and_lines):
    """Lines drawn from anchored rules' regexes, as one document: every line passes the
    required-literal gate of the rule it was drawn from."""
    text = "\n".join(line for _, line in positions_and_lines) + "\n"
    ctx = Context(text)
    everywhere, by_line = RULES.literal_gates(text, text.lower(), ctx.starts_list)
    bit = {rule.order: k for k, (_, _, _, rule) in enumerate(RULES.dispatch)}
    for i, (position, line) in enumerate(positions_and_lines):
        rule = RULES.singles[position][0]
        assert (everywhere | by_line.get(i, 0)) >> bit[rule.order] & 1, (rule.id, line)


def test_literal_gates_pass_every_rule_example():
    own = dict((r.order, regex) for r, regex in RULES.singles)
    position = {rule.order: k for k, (_, _, _, rule) in enumerate(RULES.dispatch)}
    checked = 0
    for line in EXAMPLE_LINES:
        everywhere, by_line = RULES.literal_gates(line, line.lower(), [0])
        for rule in RULES.anchored:
            if own[rule.order].fullmatch(line):
                assert (everywhere | by_line.get(0, 0)) >> position[rule.order] & 1, (rule.id, line)
                checked += 1
    assert checked > 50


def test_the_start_character_gate_passes_every_rule_example():
    own = dict((r.order, regex) for r, regex in RULES.singles)
    checked = 0
    for line in EXAMPLE_LINES:
        groups = {group for group, _, _ in RULES.candidates(dispatch_key(line), 0, True, True)}
        for rule in RULES.anchored:
            if may_act(rule, 0, True, True) and own[rule.order].fullmatch(line):
                assert f"r{rule.order}" in groups, (rule.id, line)
                checked += 1
    assert checked > 50


def test_only_the_dotted_capital_i_lengthens_when_lower_cased():
    """``Context.keywords_apply`` looks for this one character instead of lower-casing
    the whole text (whether a text's lower-cased copy lines up with it)."""
    grows = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000 and len(chr(c).lower()) != 1]
    assert grows == [engine.LOWER_GROWS]
    for text in ("İstanbul", "plain", "ΟΔΟΣ Σ", ""):
        assert Context(text).keywords_apply == (len(text.lower()) == len(text))


# --- line counts -----------------------------------------------------------------------

_STOP = set(STOP_WORDS)


def _class(ch: str) -> int:
    cp = ord(ch)
    if cp < len(CLASS_TABLE):
        return int(CLASS_TABLE[cp])
    return PUNCT | 64 if cp in FULLWIDTH_SENT_END else ALPHA


def reference_stats(text: str) -> dict[str, list[int]]:
    """The counts of ``line_stats``, one character at a time in plain Python."""
    out: dict[str, list[int]] = {k: [] for k in ("n_chars", "n_alpha", "n_upper", "n_digit", "n_punct", "n_words",
                                                 "n_cap_words", "n_stop", "first_class", "last_class", "last_char")}
    for line in text.split("\n"):
        classes = [_class(ch) for ch in line]
        words = [m for m in re.finditer(r"(?:\w)+", line)]  # candidates only: split by class below
        word_runs, run = [], ""
        for ch, c in zip(line, classes):
            if c & (ALPHA | DIGIT):
                run += ch
            else:
                if run:
                    word_runs.append(run)
                run = ""
        if run:
            word_runs.append(run)
        del words
        visible = [(ch, c) for ch, c in zip(line, classes) if not c & (SPACE | NEWLINE)]
        cjk = sum(CJK_LO <= ord(ch) <= CJK_HI for ch in line)
        out["n_chars"].append(len(visible))
        out["n_alpha"].append(sum(1 for c in classes if c & ALPHA))
        out["n_upper"].append(sum(1 for c in classes if c & UPPER))
        out["n_digit"].append(sum(1 for c in classes if c & DIGIT))
        out["n_punct"].append(sum(1 for c in classes if c & PUNCT))
        out["n_words"].append(len(word_runs) + cjk // 2)
        out["n_cap_words"].append(sum(1 for w in word_runs if _class(w[0]) & UPPER))
        out["n_stop"].append(sum(1 for w in word_runs if w in _STOP))
        out["first_class"].append(visible[0][1] if visible else 0)
        out["last_class"].append(visible[-1][1] if visible else 0)
        out["last_char"].append(ord(visible[-1][0]) if visible else 0)
    return out


TEXT_CHARS = st.one_of(
    st.sampled_from(list("the of and you with ABC Zé ß İ ı ſ 12 ,.!?\"'’»…\t\r\n\u00a0\u200b\ufeff　")),
    st.sampled_from(["日本語", "中文", "！", "？", "Ⅷ", "½", "😀", "the", "of", "The", "ABOUT", "youre", "would"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT_CHARS, max_size=80).map("".join))
def test_line_counts_equal_counting_each_line_in_python(text):
    stats = line_stats(split_lines(text))
    want = reference_stats(text)
    for name, values in want.items():
        assert getattr(stats, name).tolist() == values, name


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(TEXT_CHARS, max_size=40).map("".join), min_size=1, max_size=6))
def test_line_counts_of_a_batch_equal_each_text_alone(texts):
    for text, (lines, stats) in zip(texts, split_lines_many(texts)):
        alone = line_stats(split_lines(text))
        assert lines.raw == text.split("\n")
        for name in alone.__dataclass_fields__:
            assert np.array_equal(getattr(stats, name), getattr(alone, name)), name


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(sorted({k for r, _ in RULES.keyword_rules for k in r.keywords})),
                                   st.sampled_from(["İ", "Σ", "ς", "K", " ", "x", "É", "é"]), TEXT_CHARS), max_size=8)
                .map("".join).map(lambda s: s.replace("\n", " ")), max_size=6),
       st.sampled_from([str, str.upper, str.title]))
def test_keyword_bits_of_a_batch_equal_looking_for_each_keyword(lines, case):
    """One Aho-Corasick pass over a batch's lines (``keyword_bits_of_many``) names
    exactly the keyword rules with a keyword in each lower-cased line, also when a line
    lower-cases to another length."""
    lines = [case(line) for line in lines]
    want = [sum(1 << k for k, (rule, _) in enumerate(RULES.keyword_rules) if any(w in line.lower() for w in rule.keywords))
            for line in lines]
    assert RULES.keyword_bits_of_many(lines) == want


# --- whole text path ------------------------------------------------------------------


def test_a_batch_equals_one_document_at_a_time_on_generated_news():
    texts = [doc.text for doc in generate(30, seed=11)]
    texts += [t.replace("\n", "\r\n") for t in texts[:5]] + ["İstanbul Haber\n" + texts[0], ""]
    assert strip_boilerplate_many(texts) == [strip_boilerplate(t) for t in texts]

"""The compiled rule gates (``rule_gates`` in corpus_clean/_native.c) against their
pure-Python twins, and the engine's verdicts of never-seen lines both ways.

* The keyword automaton lower-cases as it reads: for every code point its bits must be
  those of the keywords in ``str.lower()`` of it, and on generated lines (keywords,
  "İ", "Σ" at a word's end, the Kelvin sign, lone surrogates, newlines) the bits must be
  ``RuleSet.keyword_bits_of_many``'s.
* A keyword found by chance is dropped only when the rule's RE2 superset rejects the
  line: never on a line the rule's regex matches, and the same way both paths.
* The anchored bits must be the RE2 kernel's own (``RuleKernel.bits``), a lone
  surrogate giving every anchored rule.
* ``line_rules_many`` on a cold cache gives the same verdicts with the compiled gates,
  with the twins and with rule sets too large for one 64-bit word (the gates then take
  two or three words per line, both paths, the real rules' bits in the upper words).
"""
from __future__ import annotations

import random
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.boilerplate.engine import Context, line_gates, line_rules_many
from corpus_clean.boilerplate.kernels import KeywordAutomaton, as_ints, as_words
from corpus_clean.boilerplate.rules import Rule, compile_rules, load_rules, may_act
from training.newsgen import generate

RULES = load_rules()
compiled = pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")

KEYWORDS = sorted({k for rule, _ in RULES.keyword_rules for k in rule.keywords})
PIECES = st.sampled_from(
    KEYWORDS + [k.upper() for k in KEYWORDS[::3]] + [k.title() for k in KEYWORDS[1::3]]
    + list("aAzZ .,/|@ΣσςİıKkſ\u212a\n\ud800日本") + ["ΑΣ ", "İSTANBUL", "ΟΔΟΣ", "\u212aEYSTONE", "ſponſored"])
LINES = st.lists(PIECES, max_size=12).map("".join)


NO_WORDS = np.zeros((0, 1), dtype=np.uint64)
ZERO = np.zeros(1, dtype=np.uint64)


def compiled_gates(rules, lines: list[str], with_re2: bool = True, check: int = 0,
                   rows: bool = False) -> tuple[list[int], list[int]]:
    """The compiled kernel's (keyword bits, anchored bits) of each line, as Python ints
    (`rows`: handing it the automaton's ``row_delta``, as the engine does; else the
    kernel makes it from ``delta``)."""
    automaton, kernel = rules.keyword_automaton, rules.kernel
    n_words = rules.gate_words
    keywords = np.zeros((len(lines), n_words), dtype=np.uint64)
    anchored = np.zeros((len(lines), n_words), dtype=np.uint64)
    native.active().rule_gates(lines, automaton.char_class, automaton.delta, automaton.n_classes,
                               automaton.state_bits, kernel.match if with_re2 else None, kernel.bit_of_words,
                               kernel.always_words, tuple(None if g is None else g.match for g in rules.keyword_kernels),
                               as_words([check] * len(lines), n_words), keywords, anchored,
                               *([automaton.row_delta, automaton.longest] if rows else []))
    return as_ints(keywords), as_ints(anchored)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8), st.integers(0, (1 << 64) - 1))
def test_the_automatons_row_delta_gives_what_delta_gives(lines, check):
    """The engine hands the kernel the automaton's ``row_delta`` (made once); the tests'
    calls without it make it from ``delta``: both the same bits, and the twin's."""
    with_rows = compiled_gates(RULES, lines, check=check, rows=True)
    assert with_rows == compiled_gates(RULES, lines, check=check)
    assert compiled_gates(RULES, lines, with_re2=False, rows=True)[0] == RULES.keyword_bits_of_many(lines)


LONG_LINES = st.lists(PIECES, min_size=20, max_size=80).map("".join)


@compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(LONG_LINES, min_size=1, max_size=4))
def test_long_lines_read_as_two_halves_find_every_keyword(lines):
    """A line of 4+ times the longest keyword is read as two halves at once (the
    second from ``longest - 1`` characters before the middle): the twin's bits."""
    assert compiled_gates(RULES, lines, with_re2=False, rows=True)[0] == RULES.keyword_bits_of_many(lines)


@compiled
def test_a_keyword_across_the_middle_of_a_long_line_is_found():
    """Each keyword at every offset around the middle of a line of filler (where the two
    halves' chains meet), in both cases."""
    longest = RULES.keyword_automaton.longest
    lines = []
    for keyword in KEYWORDS:
        for length in (4 * longest, 4 * longest + 1, 9 * longest):
            for at in range(length // 2 - len(keyword) - 1, length // 2 + 2):
                line = ("x" * at + keyword + "x" * length)[:max(length, at + len(keyword))]
                lines += [line, line.upper()]
    got, _ = compiled_gates(RULES, lines, with_re2=False, rows=True)
    assert got == RULES.keyword_bits_of_many(lines)
    assert all(got[::2])  # (each line as written holds its keyword; an upper case may not lower back: "ß")


def test_the_automatons_depth_is_its_longest_keyword():
    assert RULES.keyword_automaton.longest == max(len(k) for k in KEYWORDS)
    assert KeywordAutomaton.build(["a", "abc", "bcd"], [1, 2, 4]).longest == 3


@compiled
def test_a_row_delta_pointing_outside_the_table_is_refused():
    automaton = RULES.keyword_automaton
    bad = automaton.row_delta.copy()
    bad[5] = (len(bad) - automaton.n_classes + 1) | 1 << 31  # (past the last row's start)
    out = np.zeros((1, RULES.gate_words), dtype=np.uint64)
    for rows in (bad, bad[:-1]):
        with pytest.raises(ValueError):
            native.active().rule_gates(["x"], automaton.char_class, automaton.delta, automaton.n_classes,
                                       automaton.state_bits, None, NO_WORDS, ZERO, (), out, out.copy(), out.copy(),
                                       rows)


@compiled
def test_only_an_unchangeable_row_delta_is_trusted_again_unchecked():
    """The kernel checks a bytes row_delta once and remembers it (bytes cannot change);
    a writable buffer that fitted is checked again on every call, so a row turned bad
    after a good call is still refused, as is a bad bytes object after a good one.
    (Guards the remembered check; the engine's calls hand ``row_delta_bytes``.)"""
    automaton = RULES.keyword_automaton
    out = np.zeros((1, RULES.gate_words), dtype=np.uint64)

    def gates(rows):
        native.active().rule_gates(["x"], automaton.char_class, automaton.delta, automaton.n_classes,
                                   automaton.state_bits, None, NO_WORDS, ZERO, (), out, out.copy(), out.copy(), rows)

    writable = automaton.row_delta.copy()
    for good in (automaton.row_delta_bytes, automaton.row_delta_bytes, writable):
        gates(good)
    writable[5] = (len(writable) - automaton.n_classes + 1) | 1 << 31
    with pytest.raises(ValueError):
        gates(writable)
    with pytest.raises(ValueError):
        gates(writable.tobytes())
    gates(automaton.row_delta_bytes)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_keyword_bits_are_the_twins(lines):
    keywords, _ = compiled_gates(RULES, lines, with_re2=False)
    assert keywords == RULES.keyword_bits_of_many(lines)


@compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_anchored_bits_are_the_re2_kernels(lines):
    _, anchored = compiled_gates(RULES, lines)
    assert [bits & RULES.anchored_bits for bits in anchored] == \
           [bits & RULES.anchored_bits for bits in map(RULES.kernel.bits, lines)]


ALL_KEYWORD_RULES = (1 << len(RULES.keyword_rules)) - 1


def all_keyword_rules(rules, n_lines: int) -> np.ndarray:
    """Every keyword rule's bit, per line: a ``line_gates`` `check` confirming them all."""
    return as_words([(1 << len(rules.keyword_rules)) - 1] * n_lines, rules.gate_words)


@compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_confirmed_keyword_bits_are_the_twins(lines):
    keywords, _ = compiled_gates(RULES, lines, check=ALL_KEYWORD_RULES)
    with native.twins_only():
        _, twin = line_gates(RULES, lines, all_keyword_rules(RULES, len(lines)))
    assert keywords == as_ints(twin)


_KEYWORD_RULE_LINE = st.sampled_from(list(enumerate(RULES.keyword_rules))).flatmap(
    lambda kr: st.tuples(st.just(kr[0]), st.from_regex(kr[1][1], fullmatch=True).map(lambda s: s.replace("\n", " "))))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(_KEYWORD_RULE_LINE)
def test_a_confirmed_keyword_rule_keeps_every_line_its_regex_matches(position_and_line):
    """The keyword rules' RE2 supersets never clear the bit of a rule whose regex
    full-matches the line (both paths)."""
    k, line = position_and_line
    for switch in (native.twins_only, _as_is):
        with switch():
            _, keywords = line_gates(RULES, [line], all_keyword_rules(RULES, 1))
        holds = RULES.keyword_bits_of_many([line])[0]
        assert as_ints(keywords)[0] >> k & 1 == holds >> k & 1, (RULES.keyword_rules[k][0].id, line)


@contextmanager
def _as_is():
    yield


def test_keyword_gates_reject_lines_holding_a_keyword_by_chance():
    line = "The council will prepare a separate plan for the ferry pier before the winter storms."
    anchored, keywords = line_gates(RULES, [line], all_keyword_rules(RULES, 1))
    assert RULES.keyword_bits_of_many([line])[0] and not keywords.any()


@compiled
def test_every_code_point_is_lower_cased_like_str_lower():
    """One automaton whose keywords are every character some ``str.lower()`` makes
    (each with a bit of its own among 64, drawn twice): the kernel, lower-casing each
    code point on its own, must find in it the keywords ``str.lower()`` puts there."""
    code_points = [chr(cp) for cp in range(0x110000)]
    made = sorted({ch for c in code_points for ch in c.lower() if ch != c})
    for seed in (1, 2):
        bit = {ch: 1 << random.Random(f"{seed}{ch}").randrange(64) for ch in made}
        automaton = KeywordAutomaton.build(made, [bit[ch] for ch in made])
        want = [sum({bit[ch] for ch in c.lower() if ch in bit}) for c in code_points]
        for rows in ([], [automaton.row_delta]):  # (made by the kernel, or the automaton's own)
            keywords = np.zeros((len(code_points), 1), dtype=np.uint64)
            native.active().rule_gates(code_points, automaton.char_class, automaton.delta, automaton.n_classes,
                                       automaton.state_bits, None, NO_WORDS, ZERO, (), np.zeros_like(keywords),
                                       keywords, np.zeros_like(keywords), *rows)
            wrong = [hex(cp) for cp, (got, expected) in enumerate(zip(as_ints(keywords), want)) if got != expected]
            assert not wrong, wrong[:20]


def test_the_automaton_read_in_python_finds_what_the_finder_finds():
    lines = ["Photo: REUTERS/Jane Roe", "Subscribe to our newsletter", "Nothing here", "ΣΑΣ İstanbul \u212aeystone"]
    assert [RULES.keyword_automaton.bits_of(line) for line in lines] == RULES.keyword_bits_of_many(lines)


@compiled
def test_a_lone_surrogate_gets_every_anchored_rule():
    _, anchored = compiled_gates(RULES, ["Share this \ud800", "plain"])
    assert anchored[0] & RULES.anchored_bits == RULES.anchored_bits
    assert anchored[1] & RULES.anchored_bits != RULES.anchored_bits


@compiled
def test_the_kernel_refuses_tables_that_do_not_fit():
    automaton, kernel = RULES.keyword_automaton, RULES.kernel
    out = np.zeros(1, dtype=np.uint64)
    gates = native.active().rule_gates
    with pytest.raises(ValueError):
        gates(["x"], automaton.char_class, automaton.delta[:-1], automaton.n_classes,
              automaton.state_bits, None, kernel.bit_of_words, ZERO, (), out, out.copy(), out.copy())
    with pytest.raises(ValueError):
        gates(["x", "y"], automaton.char_class, automaton.delta, automaton.n_classes,
              automaton.state_bits, None, kernel.bit_of_words, ZERO, (), out, out.copy(), out.copy())
    two = np.zeros(2, dtype=np.uint64)  # (two words per line, tables of one)
    with pytest.raises(ValueError):
        gates(["x"], automaton.char_class, automaton.delta, automaton.n_classes,
              automaton.state_bits, None, kernel.bit_of_words, two, (), two, two.copy(), two.copy())
    with pytest.raises(ValueError):
        gates(["x"], automaton.char_class, automaton.delta, automaton.n_classes,
              automaton.state_bits, None, kernel.bit_of_words, np.zeros(0, dtype=np.uint64), (), out, out, out)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=10))
def test_line_gates_are_the_same_through_the_switch(lines):
    anchored, keywords = line_gates(RULES, lines)
    with native.twins_only():
        twin_anchored, twin_keywords = line_gates(RULES, lines)
    assert anchored.tolist() == twin_anchored.tolist() and keywords.tolist() == twin_keywords.tolist()
    assert anchored.shape == keywords.shape == (len(lines), 1)


def _cold_verdicts(rules, texts: list[str]) -> list[dict[int, str]]:
    rules.line_cache.clear()
    ctxs = [Context(text) for text in texts]
    return [{i: rule.id for i, rule in found.items()} for found in line_rules_many(ctxs, rules)]


def _documents() -> list[str]:
    docs = [doc.text for doc in generate(40, seed=3)]
    # keywords met by chance in prose, a page whose lower-casing grows ("İ"), lone surrogates
    docs.append("The council will prepare a separate plan in May.\nPhoto: REUTERS/Jane Roe\nShare this\n")
    docs.append("İstanbul Haber\nBy Jane Roe\nSubscribe to our newsletter\n" + docs[0])
    docs.append("Share this \ud800\nRead more: the story\n" + docs[1])
    return docs


def test_cold_verdicts_are_the_same_through_the_switch():
    texts = _documents()
    got = _cold_verdicts(RULES, texts)
    with native.twins_only():
        assert _cold_verdicts(RULES, texts) == got
    assert sum(map(len, got)) > 100


def _extra_rules(n_keyword: int, n_anchored: int) -> list[Rule]:
    """Rules that match only lines made for them ("zz7 never keyword", "Never anchored 7")."""
    return ([Rule(pack="zz", name=f"kw{k}", kind="line", pattern=f"zz{k} never keyword", keywords=(f"zz{k}",))
             for k in range(n_keyword)]
            + [Rule(pack="zz", name=f"a{k}", kind="line", pattern=f"Never anchored {k}") for k in range(n_anchored)])


def test_cold_verdicts_of_a_rule_set_past_64_bits():
    """70 keyword rules and 70 anchored rules more, before the real ones: the gates take
    three words per line, the real rules' bits in the upper two, the compiled kernel still
    runs, and every verdict is the small rule set's (the extra rules never match)."""
    big = compile_rules(_extra_rules(70, 70) + list(RULES.rules))
    assert big.keyword_automaton is not None and big.gate_words == 3 and len(big.dispatch) > 64
    texts = _documents()
    want = _cold_verdicts(RULES, texts)
    assert _cold_verdicts(big, texts) == want
    with native.twins_only():
        assert _cold_verdicts(big, texts) == want


BIG = compile_rules(list(RULES.rules) + _extra_rules(70, 120))
BIG_PIECES = st.sampled_from(["zz3", "zz69", "zz64", " never keyword", "Never anchored ", "3", "64", "119", "7"])
BIG_LINES = st.one_of(LINES, st.lists(BIG_PIECES, max_size=6).map("".join))


@settings(max_examples=120, deadline=None)
@given(st.lists(BIG_LINES, min_size=1, max_size=10))
def test_gates_past_64_rules_are_the_twins(lines):
    """A rule set of three words per line (184 anchored, 100 keyword rules): the compiled
    gates and the twins agree on every bit, those past 64 too."""
    assert BIG.gate_words == 3
    check = all_keyword_rules(BIG, len(lines))
    anchored, keywords = line_gates(BIG, lines, check)
    with native.twins_only():
        twin_anchored, twin_keywords = line_gates(BIG, lines, check)
    assert anchored.tolist() == twin_anchored.tolist() and keywords.tolist() == twin_keywords.tolist()
    _, unconfirmed = line_gates(BIG, lines)
    assert as_ints(unconfirmed) == BIG.keyword_bits_of_many(lines)


def test_rules_past_64_are_found_and_win():
    """Lines only the extra rules match get them as verdicts, both paths (bits in the
    second and third words)."""
    texts = ["Intro line of a story here.\nzz69 never keyword\nNever anchored 119\nNever anchored 3\n"
             "zz3 never keyword\nA closing line of the story.\n"]
    got = _cold_verdicts(BIG, texts)
    assert sorted(got[0].values()) == ["zz.a119", "zz.a3", "zz.kw3", "zz.kw69"]
    with native.twins_only():
        assert _cold_verdicts(BIG, texts) == got


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.booleans(), st.booleans()), min_size=1, max_size=20))
def test_the_acting_tables_are_may_act(lines):
    """The tables looked up per word-count bucket give, for any word count and flags,
    the rules ``may_act`` lets act."""
    n_words, in_head, in_tail = (np.array(column) for column in zip(*lines))
    keyword = as_ints(RULES.keyword_rules_acting(n_words, in_head, in_tail))
    anchored = as_ints(RULES.anchored_rules_acting(n_words, in_head, in_tail))
    for (n, head, tail), keyword_bits, anchored_bits in zip(lines, keyword, anchored):
        assert keyword_bits == sum(1 << k for k, (rule, _) in enumerate(RULES.keyword_rules)
                                   if may_act(rule, n, head, tail))
        assert anchored_bits == sum(1 << k for k, (_, _, _, rule) in enumerate(RULES.dispatch)
                                    if may_act(rule, n, head, tail))

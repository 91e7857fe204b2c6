"""The engine's batch kernels change no answer.

* The RE2 kernel (``boilerplate/kernels.py``) is a sure prefilter: its superset of a
  rule's regex matches every line the regex full-matches, so the engine gives the same
  output with it and without it (google-re2 missing: the pure-Python gates).
* The paragraph view's groups, built from array expressions, equal joining line by line.
* Function words counted from 8-byte keys equal counting them word by word.
* The tree walk that answers each distinct (feature, threshold) question once scores
  exactly like asking every tree's every question.
"""
from __future__ import annotations

import re
import sys

import numpy as np
import re2
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate.engine import strip_many
from corpus_clean.boilerplate.classifier import FEATURE_NAMES, WRAPPED_MIN_WORDS, TreeModel, _paragraph_groups, load_model, paragraph_view
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.features import LOWER, PUNCT, SENT_END, STOP_WORDS, line_stats, split_lines
from corpus_clean.boilerplate.kernels import RuleKernel, case_variants, re2_superset
from corpus_clean.boilerplate.rules import load_rules
from training.newsgen import generate

RULES = load_rules()
PLAIN_RULES = load_rules(kernel=False)

# Patterns with the constructs whose Python and RE2 meanings differ: Unicode classes,
# case folding beyond ASCII, assertions, atomic groups, back-references, long repeats.
TRICKY_PATTERNS = [
    r"(?i)kiss it", r"(?i:Share)\s+this", r"\d+ comments?", r"\w+\s\S+", r"[^a-z]+", r"(?i:[a-f]+)x",
    r"\bfoo(?=bar)bar\b", r"(a|b)\1+", r"(?>ab|a)b", r"x{2,50}", r"[\d\s]+", r"(?i)[^x]y", r"\D\W",
    r".{0,60}end", r"(?<=\s)?Ξ+", r"[À-ÿ]+", r"(?i)[À-ÿ]+", r"\u00a0?[\w.-]+@\w+", r"^Top$", r"(?i)straße",
]
# Characters that Python's regex engine and RE2 treat differently, and ordinary ones.
TRICKY_CHARS = list("aAbBxXyYeEfFkKsStTiIoO09_ -.,@\t\r\u00a0\u2009\u3000\u1680\x1c") + [
    "K", "ſ", "İ", "ı", "ß", "ẞ", "Ξ", "ξ", "µ", "μ", "ς", "σ", "Σ", "٣", "１", "²", "ǅ", "À", "à", "ÿ", "Ÿ", "é",
    "\u0130", "\u212b", "\U0001d7d8", "end", "bar", "foo", "kiss it", "Share this", "comments", "straße", "STRASSE",
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TRICKY_PATTERNS), st.lists(st.sampled_from(TRICKY_CHARS), max_size=12).map("".join))
def test_the_superset_matches_whatever_the_python_regex_matches(pattern, line):
    superset = re2_superset(pattern)
    assert superset is not None
    if re.fullmatch(pattern, line):
        assert re2.fullmatch(superset, line), (pattern, line, superset)


def test_the_superset_still_rejects_most_lines():
    """A superset that matched everything would be useless (and hide a bug)."""
    superset = re2_superset(r"(?i:Share)\s+this")
    assert re2.fullmatch(superset, "SHARE\u00a0this") and not re2.fullmatch(superset, "Shared this")
    assert not re2.fullmatch(re2_superset(r"\d+ comments?"), "many comments")


def test_case_variants_follow_the_python_regex_engine():
    for ch in "kKsSiIµΣ":
        variants = {chr(c) for c in case_variants(ord(ch))}
        everything = [chr(c) for c in range(0x3000)] + ["\u212a", "\U00010400"]
        assert variants >= {c for c in everything if re.fullmatch(ch, c, re.IGNORECASE)}, ch


_ANCHORED = [(k, regex) for k, (_, regex, _, _) in enumerate(RULES.dispatch)]
_LINE_OF_RULE = st.sampled_from(_ANCHORED).flatmap(
    lambda kr: st.tuples(st.just(kr[0]), st.from_regex(kr[1], fullmatch=True).map(lambda s: s.replace("\n", " "))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_LINE_OF_RULE)
def test_the_kernel_passes_every_line_a_rule_matches(position_and_line):
    """Lines drawn from each shipped rule's own regex set that rule's bit."""
    position, line = position_and_line
    assert RULES.kernel.bits(line) >> position & 1, (RULES.dispatch[position][3].id, line)


def test_the_kernel_passes_every_rule_example():
    checked = 0
    for rule in RULES.rules:
        for line in (rule.example + "\n" + rule.keep).split("\n"):
            for variant in (line, line.upper(), line.lower(), "\u00a0 " + line + " \t", line + "\r"):
                for k, (_, regex, _, _) in enumerate(RULES.dispatch):
                    if regex.fullmatch(variant):
                        assert RULES.kernel.bits(variant) >> k & 1, (RULES.dispatch[k][3].id, variant)
                        checked += 1
    assert checked > 100


def test_a_line_re2_cannot_read_passes_every_gate():
    assert RULES.kernel.bits("Share this \ud800") == -1  # a lone surrogate is no UTF-8


def test_a_pattern_without_a_superset_is_tried_on_every_line():
    kernel = RuleKernel.build([r"(?(1)a|b)", r"Read more"])
    assert kernel.bits("anything") == 0b01 and kernel.bits("Read more") == 0b11


def test_without_google_re2_there_is_no_kernel(monkeypatch):
    monkeypatch.setitem(sys.modules, "re2", None)  # import re2 raises ImportError
    assert RuleKernel.build([r"Read more"]) is None


def test_the_engine_gives_the_same_output_with_and_without_the_kernel():
    texts = [doc.text for doc in generate(40, seed=21)]
    texts += [t.replace("\n", "\r\n") for t in texts[:6]] + ["İstanbul Haber\n" + texts[1], ""]
    texts += [t.upper() for t in texts[:4]]
    assert PLAIN_RULES.kernel is None and RULES.kernel is not None
    with_kernel = strip_many(texts, ruleset=RULES)
    RULES.line_cache.clear()
    assert with_kernel == strip_many(texts, ruleset=PLAIN_RULES)
    assert sum(len(removed) for _, removed in with_kernel) > 100


# --- tree evaluation -------------------------------------------------------------------


def every_question_per_tree(params: dict, X: np.ndarray) -> np.ndarray:
    """Reference: the tree walk before questions were shared (every tree's every level
    compared on its own), the same sum order: identical floats expected."""
    split_feature = np.asarray(params["split_feature"], dtype=np.intp)
    thresholds = np.asarray(params["split_threshold"], dtype=np.float32)
    leaf_value = np.asarray(params["leaf_value"], dtype=np.float64)
    n_trees, depth = split_feature.shape
    answers = (np.ascontiguousarray(X.T, dtype=np.float32)[split_feature.T.ravel()]
               > thresholds.T.ravel()[:, None]).reshape(depth, n_trees, len(X))
    leaf = answers[0].astype(np.intp)
    for level in answers[1:]:
        leaf = (leaf << 1) | level
    values = np.take(leaf_value.ravel(), leaf + (np.arange(n_trees) * leaf_value.shape[1])[:, None])
    if len(X) == 1:
        values = np.repeat(values, 2, axis=1)
    return 1.0 / (1.0 + np.exp(-(float(params["base"]) + values.sum(axis=0)[:len(X)])))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 11), st.integers(1, 40), st.integers(1, 300), st.integers(0, 2**32 - 1))
def test_trees_sharing_questions_score_exactly_like_every_question_asked(depth, n_trees, n_rows, seed):
    """Random oblivious-tree models (depths past 8 need wider leaf numbers), drawn so that
    trees repeat each other's questions, on rows around the thresholds."""
    rng = np.random.default_rng(seed)
    n_features = 5
    pool = rng.normal(size=12).astype(np.float32)  # few thresholds: questions repeat
    params = {
        "kind": "oblivious-gbdt", "features": [f"f{k}" for k in range(n_features)], "base": float(rng.normal()),
        "depth": depth, "split_feature": rng.integers(0, n_features, (n_trees, depth)).tolist(),
        "split_threshold": rng.choice(pool, (n_trees, depth)).tolist(),
        "leaf_value": rng.normal(size=(n_trees, 2**depth)).tolist(),
    }
    X = rng.choice(np.r_[pool, pool + 1e-3, pool - 1e-3], (n_rows, n_features)).astype(np.float64)
    model = TreeModel(params, params["features"])
    assert np.array_equal(model.predict_proba(X), every_question_per_tree(params, X))


def test_the_shipped_model_scores_exactly_like_every_question_asked():
    params = load_model().params["stage1"]
    rng = np.random.default_rng(4)
    thresholds = np.asarray(params["split_threshold"], dtype=np.float64)
    # Rows of the whole feature matrix; the model reads its own features by name (it may
    # leave some out), the reference the model's columns in the model's order.
    X = rng.choice(thresholds[thresholds < 1e30], size=(3000, len(FEATURE_NAMES)))
    columns = [FEATURE_NAMES.index(name) for name in params["features"]]
    assert np.array_equal(load_model().stage1.predict_proba(X), every_question_per_tree(params, X[:, columns]))


# --- paragraph view --------------------------------------------------------------------


def paragraph_groups_line_by_line(ctx) -> list[list[int]] | None:
    """Reference: the paragraph view's groups, one line at a time (the loop the array
    version replaced)."""
    s = ctx.stats
    rule = ctx.marks.rule
    open_end = ((s.last_class & SENT_END) == 0).tolist()
    continues = ((s.first_class & (LOWER | PUNCT)) > 0).tolist()
    wrapped = ((s.n_words >= WRAPPED_MIN_WORDS) & (s.n_cap_words * 2 < s.n_words)).tolist()
    groups: list[list[int]] = []
    joined = prev_open = prev_wrapped = False
    for i in range(ctx.lines.n_lines):
        if ctx.blank_list[i]:
            if groups and groups[-1]:
                groups.append([])
            prev_open = False
            continue
        if prev_open and rule[i] is None and (continues[i] or prev_wrapped):
            groups[-1].append(i)
            joined = True
        else:
            groups.append([i])
        prev_open = rule[i] is None and open_end[i]
        prev_wrapped = wrapped[i]
    if not joined:
        return None
    while groups and not groups[-1]:
        groups.pop()
    return groups


VIEW_LINES = st.sampled_from([
    "", "", " ", "Home", "the council voted on the bridge", "and then it went on for a while longer than",
    "A long line of running text that goes on and on without any end in", "(see below)", "Ends here.",
    "Is it?", "it ended.", ", said the mayor", "Title Case Heading Here", "- a list item", "\r",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(VIEW_LINES, st.booleans()), max_size=25), st.booleans())
def test_paragraph_groups_equal_joining_line_by_line(lines_and_marks, final_newline):
    text = "\n".join(line for line, _ in lines_and_marks) + ("\n" if final_newline else "")
    ctx = Context(text)
    for i, (_, marked) in enumerate(lines_and_marks):
        if marked:
            ctx.marks.mark(i, "test.rule")
    want = paragraph_groups_line_by_line(ctx)
    assert _paragraph_groups(ctx) == want
    view = paragraph_view(ctx)
    assert (view is None) == (want is None)
    if view is not None:  # (the view's groups: made on demand, plus the final newline's "")
        assert list(view[1]) == want + [[]] and view[1] == want + [[]] and len(view[1]) == view[0].lines.n_lines


# --- function words --------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "i", "iT", "It", "a1", "thé", "theı", "because", "becausee", "wouldn",
                                 "ab", "out", "outſ", "x", "\u0131", "İ", " ", " ", "\n", ".", "日本", "7"]),
                max_size=30).map("".join))
def test_function_words_are_counted_exactly(text):
    """Near misses of function words (an upper-case, non-ASCII or extra letter, a digit,
    at the very end of the text) never count; the words themselves always do."""
    lines = split_lines(text)
    want = [sum(1 for word in re.findall(r"[^\W_]+", line) if word in STOP_WORDS) for line in lines.raw]
    assert line_stats(lines).n_stop.tolist() == want

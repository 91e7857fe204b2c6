"""Training lines weigh by their words (``training.fit.line_weights``, issue 11, round 10).

The benches score a page by its word 4-grams, so a long paragraph kept by mistake costs
far more than a one-word label; the fit's loss weighs lines the same way, within each
document, without changing how much each document counts."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, TreeModel
from training.fit import DocData, fit_trees, labelled_doc, line_weights
from training.newsgen import family_names, generate

LOG_WORDS = FEATURE_NAMES.index("log_words")


def doc_with(word_counts, labelled) -> DocData:
    """A document whose only meaningful columns are its lines' word counts."""
    X = np.zeros((len(word_counts), len(FEATURE_NAMES)))
    X[:, LOG_WORDS] = np.log1p(np.asarray(word_counts, dtype=np.float64))
    w = np.asarray(labelled, dtype=np.float64)
    return DocData("doc", "", None, np.arange(len(word_counts)), X, np.zeros(len(word_counts)), w)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.booleans()), min_size=1, max_size=40),
       st.sampled_from([0.25, 0.5, 1.0]))
def test_weights_keep_each_documents_total_and_grow_with_words(lines, power):
    counts, labelled = zip(*lines)
    d = doc_with(counts, labelled)
    w = line_weights(d, power, 1)
    assert np.isclose(w.sum(), d.w.sum())
    assert (w[~d.w.astype(bool)] == 0).all(), "an unlabelled line stays out of the fit"
    order = np.argsort(np.maximum(counts, 1), kind="stable")
    kept = d.w[order] > 0
    assert (np.diff(w[order][kept]) >= -1e-12).all(), "more words never weigh less"


def test_power_zero_is_the_old_recipe_and_weights_follow_the_square_root():
    d = doc_with([1, 4, 16, 9], [1, 1, 1, 0])
    assert line_weights(d, 0) is d.w
    w = line_weights(d, 0.5, 1)
    assert np.allclose(w[:3] / w[0], [1, 2, 4]) and w[3] == 0


def test_generated_pages_weigh_their_paragraphs_above_their_menu_lines():
    """On real generated pages (rules, paragraph view, features): a labelled article
    paragraph weighs more than a labelled 1-2-word menu line of the same page."""
    checked = 0
    for k, page in enumerate(generate(5, families=family_names("A"), seed=31)):
        d = labelled_doc(str(k), page)
        words = np.expm1(d.X[:, LOG_WORDS])
        w = line_weights(d, 0.5)
        long_rows = (words >= 20) & (d.w > 0)
        short_rows = (words <= 2) & (d.w > 0)
        if long_rows.any() and short_rows.any():
            assert w[long_rows].min() > w[short_rows].max()
            assert np.isclose(w.sum(), d.w.sum())
            checked += 1
    assert checked >= 3


def test_a_fit_with_word_weights_sides_with_the_long_lines():
    """The same feature values, many short lines labelled boilerplate and a few long ones
    labelled article: by line count the leaf says boilerplate, by words it says article."""
    counts = [1] * 60 + [100] * 15
    d = doc_with(counts, [1] * 75)
    d.y[:] = [1.0] * 60 + [0.0] * 15
    X = np.zeros((75, 1))  # (no feature tells the lines apart: only the weights decide)
    for power, expect_boilerplate in ((0.0, True), (0.5, False)):
        params = fit_trees(X, d.y, line_weights(d, power, 1), n_trees=5, depth=1, lr=0.5, feature_names=["x"])
        p = TreeModel(params, ["x"]).predict_proba(X[:1])[0]
        assert (p > 0.5) == expect_boilerplate, (power, p)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.booleans()), min_size=1, max_size=40),
       st.sampled_from([0.5, 1.0]), st.sampled_from([2.0, 4.0, 8.0]))
def test_a_floor_makes_short_lines_weigh_alike_and_keeps_the_total(lines, power, min_words):
    """Round 11: with a floor of `min_words`, every labelled line of up to that many words
    weighs the same (a 1-word "Share" counts as much as a 4-word newsletter prompt), longer
    lines still weigh more, and the document's total does not move."""
    counts, labelled = zip(*lines)
    d = doc_with(counts, labelled)
    w = line_weights(d, power, min_words)
    assert np.isclose(w.sum(), d.w.sum())
    labelled_rows = d.w > 0
    short = labelled_rows & (np.asarray(counts) <= min_words)
    if short.sum() > 1:
        assert np.allclose(w[short], w[short][0])
    longer = labelled_rows & (np.asarray(counts) > min_words)
    if short.any() and longer.any():
        assert w[longer].min() > w[short].max()


def test_the_floor_gives_short_noise_lines_back_their_weight():
    """A page of one 40-word paragraph and four 1-word menu lines: without a floor the
    paragraph outweighs the menu lines 40**0.5 : 1 each; with a floor of 4 words, 40**0.5 : 2."""
    d = doc_with([40, 1, 1, 1, 1], [1] * 5)
    plain, floored = line_weights(d, 0.5, 1), line_weights(d, 0.5, 4.0)
    assert np.isclose(plain[0] / plain[1], 40**0.5)
    assert np.isclose(floored[0] / floored[1], 40**0.5 / 2)
    assert floored[1:].sum() > plain[1:].sum()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.booleans()), min_size=1, max_size=40),
       st.sampled_from([0.5, 1.0]), st.sampled_from(["", "the gold body"]))
def test_word_weights_on_gold_pages_only_leave_line_labelled_pages_alone(lines, power, gold):
    """Round 12: with ``on="gold"`` a page labelled line by line (generated news, short-line
    stories, our own pages: no gold body, scored by lines) keeps weight 1 a labelled line,
    and a page with a gold body (scored by words) is weighed exactly as with ``on="all"``."""
    counts, labelled = zip(*lines)
    d = doc_with(counts, labelled)
    d.gold = gold
    w = line_weights(d, power, 4.0, on="gold")
    if gold:
        assert np.array_equal(w, line_weights(d, power, 4.0, on="all"))
    else:
        assert np.array_equal(w, d.w)


def test_generated_short_line_stories_keep_every_line_at_weight_one():
    """Real generated short-line story pages (``training.shortgen``: times, quantities,
    one-line answers) are labelled line by line: weighed by words on every page, their
    1-3-word story lines would count under a paragraph's line; on gold pages only, alike."""
    from training.fit import shortgen_docs

    checked = 0
    for d in shortgen_docs(6, seed=5):
        words = np.expm1(d.X[:, LOG_WORDS])
        story_short = (d.y == 0) & (d.w > 0) & (words <= 3)
        if not story_short.any() or (words[d.w > 0] <= 4).all():
            continue
        assert np.array_equal(line_weights(d, 0.5, 4.0, on="gold"), d.w)
        assert line_weights(d, 0.5, 4.0, on="all")[story_short].max() < 1.0
        checked += 1
    assert checked >= 2

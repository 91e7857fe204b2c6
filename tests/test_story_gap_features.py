"""Where a line stands between the story's paragraphs (``classifier.story_gap_features``),
models fit on a subset of the features, and the training guard on held-out files."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, Rows, TreeModel, line_features, story_gap_features
from corpus_clean.boilerplate.engine import mark_rules
from training.fit import fit_trees, fit_trees_on, labelled_files
from training.labelled import HELD_OUT, STUDIED, studied_pages


def _reference(prose: list[bool], removed: list[float], echo: list[float], in_main: list[float]) -> list[list[float]]:
    """The four features of one document, line by line, the slow obvious way."""
    n = len(prose)
    story = [max(m, e) for m, e in zip(in_main, echo)]
    out = [[], [], [], []]
    for i in range(n):
        if prose[i]:
            stretch, bounds_echo, closed = [i], story[i], True
        else:
            above = next((j for j in range(i - 1, -1, -1) if prose[j]), None)
            below = next((j for j in range(i + 1, n) if prose[j]), None)
            stretch = list(range(0 if above is None else above + 1, n if below is None else below))
            bounds_echo = ((story[above] if above is not None else 0.0) + (story[below] if below is not None else 0.0)) / 2
            closed = above is not None and below is not None
        out[0].append(np.log1p(len(stretch) if closed else n))
        out[1].append(sum(removed[j] for j in stretch) / len(stretch))
        out[2].append(sum(echo[j] for j in stretch) / len(stretch))
        out[3].append(bounds_echo)
    return out


_doc = st.lists(st.tuples(st.booleans(), st.sampled_from([0.0, 1.0]), st.sampled_from([0.0, 0.25, 0.5, 1.0]),
                          st.sampled_from([0.0, 1.0])),
                min_size=1, max_size=15)


@settings(max_examples=200, deadline=None)
@given(st.lists(_doc, min_size=1, max_size=4))
def test_story_gap_features_equal_the_line_by_line_reference_in_any_batch(docs):
    bounds = np.r_[0, np.cumsum([len(d) for d in docs])]
    rows = Rows(bounds)
    prose, removed, echo, in_main = (np.array([line[k] for d in docs for line in d]) for k in range(4))
    got = story_gap_features(rows, prose, removed, echo, in_main)
    for d, lo, hi in zip(docs, bounds[:-1], bounds[1:]):
        want = _reference(*(list(col) for col in zip(*d)))
        for feature, expected in zip(got, want):
            assert np.allclose(feature[lo:hi], expected, atol=1e-6)


def _column(ctx, X, idx, name: str) -> dict[str, float]:
    return {ctx.lines.content[i]: float(X[r, FEATURE_NAMES.index(name)]) for r, i in enumerate(idx.tolist())}


def test_a_list_between_two_paragraphs_of_the_story_is_a_closed_stretch_that_echoes_it():
    lines = [
        "Home", "News", "Sport", "Weather",
        "The Millbrook rowing club has picked its crew for the regional regatta on Saturday morning.",
        "Millbrook crew:",
        "Stroke: Anna Lowe",
        "Bow: Tom Reyes",
        "Cox: Ida Marsh",
        "The Millbrook crew trained on the river every evening since March, the club said.",
        "Share this article",
    ]
    ctx = mark_rules("\n".join(lines) + "\n")
    idx, X = line_features(ctx)
    gap = _column(ctx, X, idx, "log_gap_lines")
    bounds = _column(ctx, X, idx, "gap_bounds_echo_main")
    for item in lines[5:9]:
        assert gap[item] == pytest.approx(np.log1p(4))  # the 4 lines between the two paragraphs
        assert bounds[item] > 0.55  # the paragraph above is the main run, the one below names the club
    for menu in lines[:4]:
        assert gap[menu] == pytest.approx(np.log1p(len(idx)))  # open to the page's start
        assert bounds[menu] < bounds[lines[6]]


def test_a_model_fit_on_some_features_scores_full_rows_as_fit_on_those_columns():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(400, len(FEATURE_NAMES))).astype(np.float32)
    y = (X[:, 0] + X[:, 5] > 0).astype(np.float64)
    drop = ("log_words", "log_gap_lines")
    params = fit_trees_on(X, y, np.ones(len(y)), FEATURE_NAMES, {"n_trees": 8, "depth": 3, "lr": 0.3}, drop=drop)
    keep = [j for j, name in enumerate(FEATURE_NAMES) if name not in drop]
    direct = fit_trees(X[:, keep], y, np.ones(len(y)), n_trees=8, depth=3, lr=0.3,
                       feature_names=[FEATURE_NAMES[j] for j in keep])
    assert params == direct and "log_words" not in params["features"]
    by_name = TreeModel(params).predict_proba(X)  # (full rows; columns found by name)
    assert np.array_equal(by_name, TreeModel(direct, direct["features"]).predict_proba(X[:, keep]))
    assert not np.array_equal(by_name, TreeModel(params).predict_proba(X[:, ::-1].copy()))
    with pytest.raises(ValueError, match="does not compute"):
        TreeModel(dict(params, features=params["features"][:-1] + ["no_such_feature"]))


def test_training_never_reads_a_held_out_labelled_file():
    assert not set(STUDIED) & set(HELD_OUT)
    assert labelled_files("all") == STUDIED
    for name in HELD_OUT:
        with pytest.raises(ValueError, match="never train on it"):
            studied_pages([name])
    assert len(studied_pages(["round12_dev.txt"])) == 20


def test_the_compare_halves_split_the_studied_files_and_train_on_neither_held_out_file():
    from training.compare import HALVES

    assert sorted(HALVES[0] + HALVES[1]) == sorted(STUDIED) and not set(HALVES[0]) & set(HALVES[1])
    from training.fit import studied_docs

    docs = studied_docs(["round8_short_line_articles.txt"])
    assert len(docs) == 8 and all(d.X.shape[0] == len(d.y) for d in docs)
    assert all((d.y == 0).any() and (d.y == 1).any() for d in docs)  # every page holds article and noise lines

"""Rule cuts read by their kind (``classifier.is_furniture_rule``, the ``furniture_*`` and
``gap_furniture_share`` features): cuts of page furniture count, cuts of lines that also
sit inside stories (times, datelines, captions, ad labels) do not."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.classifier import (
    FEATURE_NAMES, Rows, is_furniture_rule, line_features, story_gap_features,
)
from corpus_clean.boilerplate.engine import mark_rules
from corpus_clean.boilerplate.rules import load_rules


def _column(ctx, X, idx, name: str) -> dict[str, float]:
    return {ctx.lines.content[i]: float(X[r, FEATURE_NAMES.index(name)]) for r, i in enumerate(idx.tolist())}


def test_every_rule_of_the_packs_has_a_kind_and_both_kinds_occur():
    names = [rule.name for rule in load_rules().rules]
    kinds = {name: is_furniture_rule(name) for name in names}
    assert any(kinds.values()) and not all(kinds.values())
    for name in ("social.share_bar", "nav.menu_run", "footer.copyright", "outlets.teaser_heading", "comments.widget"):
        assert is_furniture_rule(name)
    for name in ("outlets.dateline", "dates.date_line", "news.photo_caption", "outlets.ad_label", "news.byline"):
        assert not is_furniture_rule(name)


LIVE_BLOG = [
    "Election night: the count as it happens",
    "The count began at five across the whole region, and the first results came in quickly.",
    "20h45",
    "With 92 per cent of the ballots counted, the mayor Joana Mendes is re-elected with a clear lead.",
    "19h30",
    "Turnout fell to 64 per cent, the lowest since the town started keeping records in 1950.",
    "18h10",
    "The first results show a close race in the old town and the harbour districts tonight.",
]
MENU_ABOVE = ["Share on Facebook", "Share on Twitter", "Share by email"]


def test_a_live_blogs_entry_times_cut_as_datelines_are_no_furniture_but_a_share_bar_is():
    ctx = mark_rules("\n".join(MENU_ABOVE + LIVE_BLOG) + "\n")
    idx, X = line_features(ctx)
    cut = {ctx.lines.content[i] for i in idx.tolist() if ctx.marks.rule[i]}
    assert {"20h45", "19h30"} <= cut  # the rules do cut the times ...
    removed = _column(ctx, X, idx, "gap_removed_share")
    furniture = _column(ctx, X, idx, "gap_furniture_share")
    window = _column(ctx, X, idx, "furniture_win3")
    for time in ("20h45", "19h30", "18h10"):
        assert removed[time] == 1.0  # every cut counted: a stretch of nothing but cuts
        assert furniture[time] == 0.0 and window[time] == 0.0  # ... but none of them is furniture
    share_cut = [line for line in MENU_ABOVE if line in cut]
    assert share_cut and all(furniture[line] > 0 for line in share_cut)


_doc = st.lists(st.tuples(st.booleans(), st.sampled_from([0.0, 1.0]), st.sampled_from([0.0, 0.5, 1.0])),
                min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(_doc, min_size=1, max_size=4))
def test_the_furniture_share_is_the_removed_share_of_the_furniture_cuts_and_leaves_the_others_alone(docs):
    """Invariants over generated documents: passing `furniture` adds one column, changes
    none of the four others, is at most the removed share when furniture cuts are a subset
    of the cuts, and equals it when every cut is furniture."""
    bounds = np.r_[0, np.cumsum([len(d) for d in docs])]
    rows = Rows(bounds)
    prose, removed, echo = (np.array([line[k] for d in docs for line in d]) for k in range(3))
    in_main = np.zeros(len(prose))
    furniture = removed * (np.arange(len(prose)) % 2)  # every other cut is furniture
    plain = story_gap_features(rows, prose, removed, echo, in_main)
    with_kinds = story_gap_features(rows, prose, removed, echo, in_main, furniture)
    assert len(with_kinds) == 5 and all(np.array_equal(a, b) for a, b in zip(plain, with_kinds))
    assert (with_kinds[4] <= with_kinds[1] + 1e-12).all()
    all_furniture = story_gap_features(rows, prose, removed, echo, in_main, removed)
    assert np.allclose(all_furniture[4], all_furniture[1])


@pytest.mark.parametrize("k", [1, 3])
def test_the_furniture_columns_do_not_depend_on_the_batch(k):
    from corpus_clean.boilerplate.classifier import line_features_many
    from corpus_clean.boilerplate.engine import mark_rules as mark

    texts = ["\n".join(MENU_ABOVE + LIVE_BLOG) + "\n", "Home\nNews\n" + "\n".join(LIVE_BLOG[1:4]) + "\nShare\n"] * k
    ctxs = [mark(t) for t in texts]
    _, X_batch, rows = line_features_many(ctxs)
    columns = [FEATURE_NAMES.index(n) for n in ("gap_furniture_share", "furniture_win3", "furniture_win10")]
    alone = np.vstack([line_features(c)[1] for c in ctxs])
    assert np.array_equal(X_batch[:, columns], alone[:, columns])


def test_the_shipped_model_was_fit_with_the_default_recipe_and_never_on_a_held_out_file():
    import json

    from corpus_clean.boilerplate.classifier import MODEL_PATH
    from training.fit import DROP_FEATURES, LABELLED_TRAIN
    from training.labelled import HELD_OUT

    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(model["fit"]["labelled_train"]) == LABELLED_TRAIN
    # (the default recipe fits on exactly the model's features: columns added after the fit
    # are in DROP_FEATURES until a refit with them ships)
    assert [f for f in FEATURE_NAMES if f not in DROP_FEATURES] == model["stage1"]["features"]
    assert not set(model["fit"]["labelled_train"]) & set(HELD_OUT)
    assert not set(DROP_FEATURES) & set(model["stage1"]["features"])
    assert {"gap_furniture_share", "furniture_win10"} <= set(model["stage1"]["features"])

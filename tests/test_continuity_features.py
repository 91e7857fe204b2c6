"""What a line is to the story around it (``classifier.story_continuity_features`` and
``below_main_run``, round 15): paragraphs that continue each other across a line, the
line's own words in them, a line dropped into a sentence, lone lines between paragraphs,
runs of same-shaped lines, the story's end."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.classifier import (
    FEATURE_NAMES, Rows, line_features, line_features_many, sorted_words, story_continuity_features,
)
from corpus_clean.boilerplate.engine import mark_rules

CONTINUITY = ("bridge_overlap", "line_overlap_around", "interrupts_sentence", "log_lone_lines_doc",
              "log_same_shape_run", "below_main_run")


def _features(text: str) -> dict[str, dict[str, float]]:
    ctx = mark_rules(text)
    idx, X = line_features(ctx)
    return {name: {ctx.lines.content[i]: float(X[r, FEATURE_NAMES.index(name)]) for r, i in enumerate(idx.tolist())}
            for name in CONTINUITY}


# A story whose paragraphs continue each other across a caption (the same harbour, the
# same dredging), and a page whose paragraphs around a subheading talk of other things.
STORY_WITH_CAPTION = [
    "Dredging of the harbour channel starts in April, the port office of Kessvik said on Tuesday.",
    "A dredger at work in a northern port last summer",
    "The dredging will close the harbour channel to fishing boats for six weeks, the port office said.",
    "Fishing boats will use the southern harbour channel until the dredging is over in late May.",
]
PAGE_WITH_SUBHEADING = [
    "The council voted on Monday to keep the library open on Sundays through the whole winter.",
    "Elsewhere in the region",
    "Snowfall closed three mountain roads overnight, and ploughs were out from four in the morning.",
    "Drivers were asked to carry chains above the pass until further notice from the police.",
]


def test_paragraphs_that_continue_each_other_across_a_line_bridge_it_and_unrelated_ones_do_not():
    caption = _features("\n".join(STORY_WITH_CAPTION) + "\n")
    subheading = _features("\n".join(PAGE_WITH_SUBHEADING) + "\n")
    assert caption["bridge_overlap"][STORY_WITH_CAPTION[1]] >= 0.3
    assert subheading["bridge_overlap"][PAGE_WITH_SUBHEADING[1]] == 0.0
    # A prose line is bridged by the paragraphs around it, not by itself.
    assert caption["bridge_overlap"][STORY_WITH_CAPTION[2]] > 0
    # The first paragraph has nothing above it: no bridge.
    assert caption["bridge_overlap"][STORY_WITH_CAPTION[0]] == 0.0


def test_a_line_that_shares_words_with_its_paragraphs_reads_so():
    caption = _features("\n".join(STORY_WITH_CAPTION) + "\n")
    subheading = _features("\n".join(PAGE_WITH_SUBHEADING) + "\n")
    assert subheading["line_overlap_around"][PAGE_WITH_SUBHEADING[1]] == 0.0
    assert 0.0 < caption["line_overlap_around"][STORY_WITH_CAPTION[3]] <= 1.0


def test_a_line_dropped_into_a_sentence_interrupts_it():
    lines = ["The mayor said the new bridge over the river would open",
             "Advertisement",
             "in the spring, once the last inspections of the deck are done."]
    f = _features("\n".join(lines) + "\n")
    assert f["interrupts_sentence"]["Advertisement"] == 1.0
    # Between two whole sentences nothing is interrupted.
    assert _features("\n".join(STORY_WITH_CAPTION) + "\n")["interrupts_sentence"][STORY_WITH_CAPTION[1]] == 0.0


def test_lone_lines_between_paragraphs_are_counted_per_page_and_same_shaped_runs_per_line():
    para = "The club opened its new ground on Saturday in front of a crowd of four thousand fans."
    page = [para, "The new stand", para.replace("club", "team"), "The pitch", para.replace("Saturday", "Sunday"),
            "More from the club", "Match report: the derby", "Match report: the cup tie", "Match report: the final"]
    f = _features("\n".join(page) + "\n")
    assert f["log_lone_lines_doc"]["The new stand"] == pytest.approx(np.log1p(2))
    assert f["log_same_shape_run"]["Match report: the cup tie"] >= np.log1p(3)
    assert f["log_same_shape_run"]["The new stand"] == pytest.approx(np.log1p(1))
    assert f["below_main_run"]["Match report: the final"] == 1.0
    assert f["below_main_run"][para] == 0.0


_line = st.tuples(st.booleans(), st.booleans(), st.integers(0, 3),
                  st.lists(st.sampled_from(["harbour", "dredging", "council", "library", "snow", "road", "of",
                                            "boats", "Mill", "MILL", "Ωmega"]), max_size=6))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_line, min_size=1, max_size=10), min_size=1, max_size=4))
def test_the_continuity_columns_are_bounded_and_do_not_depend_on_the_batch(docs):
    """Invariants over generated documents: shares in [0, 1], flags 0/1, run and count
    logs at least 0 (a run holds its line), and each document's columns the same
    computed alone as in a batch of all of them."""
    def columns(ds):
        bounds = np.r_[0, np.cumsum([len(d) for d in ds])]
        rows = Rows(bounds)
        lines = [" ".join(line[3]) for d in ds for line in d]
        prose = np.array([line[0] for d in ds for line in d])
        ends = np.array([float(line[1]) for d in ds for line in d])
        lower = np.array([float(line[2] == 0) for d in ds for line in d])
        shape = np.array([line[2] for d in ds for line in d])
        return np.column_stack(story_continuity_features(rows, sorted_words(lines, rows.doc_of), prose, ends,
                                                         lower, shape))

    batch = columns(docs)
    assert ((batch[:, :2] >= 0) & (batch[:, :2] <= 1 + 1e-12)).all()
    assert np.isin(batch[:, 2], [0.0, 1.0]).all()
    assert (batch[:, 3] >= 0).all() and (batch[:, 4] >= np.log(2) - 1e-12).all()
    alone = np.vstack([columns([d]) for d in docs])
    assert np.array_equal(batch, alone)


def test_the_continuity_columns_of_real_pages_do_not_depend_on_the_batch():
    texts = ["\n".join(STORY_WITH_CAPTION) + "\n", "Home\nNews\n" + "\n".join(PAGE_WITH_SUBHEADING) + "\nShare\n"] * 2
    ctxs = [mark_rules(t) for t in texts]
    _, X_batch, _ = line_features_many(ctxs)
    columns = [FEATURE_NAMES.index(n) for n in CONTINUITY]
    alone = np.vstack([line_features(c)[1] for c in ctxs])
    assert np.array_equal(X_batch[:, columns], alone[:, columns])


@pytest.mark.parametrize("text", [
    "Home\nThe harbour reopened today after a long winter of repairs to the old quay wall.\nShare\n",
    "One line only\n",
    "Mill.\nThe mill on the river reopened on Monday after ten years of repairs by the town.\n",
])
def test_pages_with_one_prose_line_or_none_get_their_columns(text):
    """A page with fewer than two prose words pairs (one paragraph, or a lone short line)
    once broke the paragraphs-above count (arrays of different lengths)."""
    f = _features(text)
    assert all(f[name] for name in CONTINUITY)
    assert all(v == 0.0 for v in f["bridge_overlap"].values())


def test_without_continuity_only_those_columns_are_zeros_and_a_model_says_whether_it_reads_them():
    import json

    from corpus_clean.boilerplate.classifier import CONTINUITY_NAMES, MODEL_PATH, StackedModel

    ctxs = [mark_rules("\n".join(STORY_WITH_CAPTION) + "\n"), mark_rules("\n".join(PAGE_WITH_SUBHEADING) + "\n")]
    _, full, _ = line_features_many(ctxs)
    _, lean, _ = line_features_many(ctxs, continuity=False)
    gated = [FEATURE_NAMES.index(n) for n in CONTINUITY_NAMES]
    others = [j for j in range(len(FEATURE_NAMES)) if j not in gated]
    assert np.array_equal(full[:, others], lean[:, others])
    assert (lean[:, gated] == 0).all() and (full[:, gated] != 0).any()
    params = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    reads = StackedModel(params).reads(CONTINUITY_NAMES)
    assert reads == bool(set(params["stage1"]["features"]) & set(CONTINUITY_NAMES))
    params["stage1"]["features"] = params["stage1"]["features"] + ["bridge_overlap"]
    assert StackedModel(params).reads(CONTINUITY_NAMES)

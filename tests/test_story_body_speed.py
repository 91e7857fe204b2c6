"""``story_body``'s compiled look-ups against their numpy twins (round 19, core19):
``BodyShape.cut_by`` (``_native.lines_cut_by``) and ``_next_to_a_kept_list``
(``_native.next_to_kept_list``), on generated pages whose lines the rules and the model
cut at random. Fail on main (round 18): no such kernels, no twins to import.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate.batch import Batch
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_body import (
    DATE_RULES, FACT_CUT_RULES, BodyShape, _cut_by_py, _next_to_a_kept_list, _next_to_a_kept_list_py,
)
from corpus_clean.native import twins_only

pytest.importorskip("corpus_clean._native")

LINES = ["The council voted on Tuesday to close the old bridge for two years of repairs.",
         "Engineers said the steel piles would be driven deeper next spring.", "Home", "1. Finland",
         "Length: 212 m", "12 March 2016", "Ingredients", "flour", "2 eggs", "Share this", "", "", "   ",
         "Residents asked whether the ferry could run more often, and when.", "23:38", "© 2026 Courier"]
RULES = [None, None, None, "classifier", "classifier", "dates.date_line", "nav.menu_run", "footer.copyright",
         "classifier.outside_story", "outlets.count_only"]


@st.composite
def cut_pages(draw) -> tuple[str, list]:
    """A page of the lines above and a rule (or None) per line."""
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=40))
    return "\n".join(lines), [draw(st.sampled_from(RULES)) for _ in lines]


def _contexts(pages, alone: bool) -> list[Context]:
    texts = [text for text, _ in pages]
    ctxs = [Context(t) for t in texts] if alone else Batch.of(texts).ctxs
    for ctx, (_, rules) in zip(ctxs, pages):
        # (the model's cut as an equal str that is not the same object, now and then)
        ctx.marks.rule[:] = ["".join(["classi", "fier"]) if r == "classifier" and k % 3 == 0 else r
                             for k, r in enumerate(rules)]
    return ctxs


@given(st.lists(cut_pages(), min_size=1, max_size=5), st.booleans())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_cut_by_kernel_gives_its_twins_lines(pages, alone):
    for ctx in _contexts(pages, alone):
        shape = BodyShape(ctx)
        for rules, candidates in ((DATE_RULES, ctx.stats.n_words <= 8), (FACT_CUT_RULES, ctx.stats.n_digit > 0),
                                  ({"classifier"}, ~ctx.blank), (frozenset(), ctx.stats.n_chars >= 0)):
            want = _cut_by_py(ctx, rules, candidates, shape.removed)
            assert shape.cut_by(ctx, rules, candidates) == want
            with twins_only():
                assert shape.cut_by(ctx, rules, candidates) == want
        # (a line given back after the shape was made is still a candidate; its rule decides)
        ctx.marks.rule[0] = None
        assert shape.cut_by(ctx, DATE_RULES, ~ctx.blank) == _cut_by_py(ctx, DATE_RULES, ~ctx.blank, shape.removed)


@given(st.lists(cut_pages(), min_size=1, max_size=5), st.booleans())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_next_to_a_kept_list_kernel_gives_its_twins_lines(pages, alone):
    for ctx in _contexts(pages, alone):
        shape = BodyShape(ctx)
        want = _next_to_a_kept_list_py(ctx, shape)
        assert _next_to_a_kept_list(ctx, shape) == want
        ctx.marks.rule[-1] = None  # (after a give-back: the marks now, not the shape's)
        assert _next_to_a_kept_list(ctx, shape) == _next_to_a_kept_list_py(ctx, shape)


def test_a_cut_between_two_kept_lists():
    text = "Ingredients\nflour\n2 eggs\nsugar\nMix it all.\nbutter\nsalt\nmilk"
    ctx = Context(text)
    ctx.marks.rule[4] = "classifier"
    shape = BodyShape(ctx)
    assert _next_to_a_kept_list(ctx, shape) == _next_to_a_kept_list_py(ctx, shape) == [4]
    ctx.marks.rule[3] = "nav.menu_run"  # (the list above is two lines now; the one below still three)
    assert _next_to_a_kept_list(ctx, shape) == _next_to_a_kept_list_py(ctx, shape) == [4]
    ctx.marks.rule[6] = "nav.menu_run"
    assert _next_to_a_kept_list(ctx, shape) == _next_to_a_kept_list_py(ctx, shape) == []
    assert isinstance(np.asarray(shape.removed), np.ndarray)

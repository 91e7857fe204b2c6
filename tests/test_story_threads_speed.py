"""``story_threads``' speed (round 19, core19): the batch-made precheck that lets
``mark_repeated_units`` return before its own work (computed for a whole batch in one pass,
``batch.PAGE_MASKS``: a page where it finds nothing must be a page the step leaves as it
is), and the compiled ``thread_starts`` against its numpy twin.

Pages are generated with the steps' own rhythms (comment units closing on a repeated short
line at a period, names, sentences, blank lines) among the engine's other lines, then cut
as the engine would have cut them. All fail on main (round 18): no precheck, no kernel there.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate.batch import Batch
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.features import ALPHA, SENT_END, page_slice
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.boilerplate.story_threads import (
    REPEAT_MAX_CHARS, UNIT_MAX_LINES, UNIT_MIN_LINES, _thread_starts_py, mark_repeated_units, repeated_unit_candidates,
    thread_starts,
)
from corpus_clean.native import twins_only

STORY = ["The new skating rink on the embankment opened on Saturday for free.",
         "The council said the ice would stay until the end of February.", "Related", "Home", "© 2026 Weekly"]
NAMES = ["Sveta wrote:", "Andrei P. wrote:", "Karin dicas:", "Anna_M • 2 horas", "蓉城小李 12月3日", "21:04", "Marta"]
COMMENTS = ["We went with the kids, the ice is great.", "Finally, there was no rink at all last year.",
            "So good!", "was it free?", "Fine"]
CLOSERS = ["Like · Reply", "Reply", "Respondez", "Responder", "回复 点赞", "Reply!", "14 Dec"]
RULES = [None, None, "classifier", "classifier", "dates.date_line", "footer.copyright", "story.comment_thread"]


@st.composite
def thread_pages(draw) -> str:
    """A story, then units of 3-6 lines (a name, comments, a closing line), sometimes with
    blank lines and stray lines between, then the footer."""
    lines = draw(st.lists(st.sampled_from(STORY), min_size=0, max_size=4))
    closer = draw(st.sampled_from(CLOSERS))
    for _ in range(draw(st.integers(0, 5))):
        unit = [draw(st.sampled_from(NAMES))]
        unit += draw(st.lists(st.sampled_from(COMMENTS + [""]), min_size=1, max_size=UNIT_MAX_LINES - 2))
        unit.append(closer if draw(st.booleans()) else draw(st.sampled_from(CLOSERS)))
        lines += unit
    lines += draw(st.lists(st.sampled_from(STORY + [""]), max_size=3))
    return "\n".join(lines)


def _pairs_by_the_loop(ctx) -> set[int]:
    """The lines (numbers in the page) that ``mark_repeated_units``' own numpy loop finds
    as a unit's closing line at some period: the reference the mask must give."""
    s = ctx.stats
    nb = (~ctx.blank).nonzero()[0]
    if len(nb) <= UNIT_MIN_LINES:
        return set()
    open_end = ((s.last_class & SENT_END) == 0)[nb]
    n_chars = s.n_chars[nb]
    short = (n_chars <= REPEAT_MAX_CHARS) & open_end
    named = ((s.first_class & ALPHA) != 0)[nb] & open_end
    sentences = np.concatenate(([0], np.cumsum(~open_end)))
    found = set()
    for period in range(UNIT_MIN_LINES, min(UNIT_MAX_LINES + 1, len(nb))):
        same = short[:-period] & short[period:] & (n_chars[:-period] == n_chars[period:])
        same &= named[1:len(named) - period + 1]
        same &= sentences[period:len(nb)] - sentences[1:len(nb) - period + 1] > 0
        found.update(nb[q] for q in same.nonzero()[0].tolist())
    return found


@given(st.lists(thread_pages(), min_size=1, max_size=8))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_repeated_unit_candidates_are_the_steps_own_candidates_page_by_page(pages):
    """The batch's rows, listed per page, hold exactly the closing lines the step's loop
    finds on that page alone (none across two pages)."""
    batch = Batch.of(pages)
    for ctx, text in zip(batch.ctxs, pages):
        alone = Context(text)
        want = _pairs_by_the_loop(alone)
        assert set(page_slice(ctx, "repeated_unit_rows")) == want
        assert set(repeated_unit_candidates(alone.stats, alone.blank).nonzero()[0].tolist()) == want


@given(st.lists(thread_pages(), min_size=1, max_size=6), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mark_repeated_units_with_the_precheck_marks_as_without(pages, rnd):
    """The step with its precheck marks every page as the step forced past it does, over
    pages whose lines other steps have cut at random (the model's cut included)."""
    batch = Batch.of(pages)
    forced = Batch.of(pages)
    for ctx, other in zip(batch.ctxs, forced.ctxs):
        for i in range(ctx.lines.n_lines):
            ctx.marks.rule[i] = other.marks.rule[i] = rnd.choice(RULES)
        other.__dict__["repeated_unit_rows"] = list(range(other.lines.n_lines))
        mark_repeated_units(ctx, LineShape(ctx.stats))
        mark_repeated_units(other, LineShape(other.stats))
        assert ctx.marks.rule == other.marks.rule


def test_a_thread_the_step_cuts_passes_its_precheck():
    """A page the step acts on (its docstring's) is not skipped."""
    text = ("The new skating rink on the embankment opened on Saturday for free.\nComments\nSveta wrote:\n"
            "We went with the kids, the ice is great.\nLike · Reply\nAndrei P. wrote:\n"
            "Finally, there was no rink at all last year.\nLike · Reply\n© 2026 Weekly")
    [ctx] = Batch.of([text]).ctxs
    assert page_slice(ctx, "repeated_unit_rows") == [4]
    ctx.marks.rule[4] = ctx.marks.rule[7] = "classifier"
    ctx.marks.rule[8] = "footer.copyright"
    mark_repeated_units(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[1:8] == ["story.comment_thread"] * 7


# ``story_threads.thread_starts``: the compiled kernel against its numpy twin.

_native = pytest.importorskip("corpus_clean._native")


@given(st.lists(thread_pages(), min_size=1, max_size=6), st.randoms(use_true_random=False),
       st.sampled_from(["batch", "alone", "other dtypes"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_thread_starts_kernel_gives_its_twins_lines(pages, rnd, how):
    """The same lines, in order, on pages whose lines other steps cut at random (the
    model's cut as an equal str that is not the same object, too), the page's counts as
    its batch's slices, its own, or of other integer types."""
    ctxs = Batch.of(pages).ctxs if how == "batch" else [Context(p) for p in pages]
    for ctx in ctxs:
        for i in range(ctx.lines.n_lines):
            ctx.marks.rule[i] = rnd.choice(RULES + ["".join(["classi", "fier"])])
        if how == "other dtypes":
            s = ctx.stats
            s.n_chars, s.n_words, s.last_char = s.n_chars.astype(np.int32), s.n_words[::-1][::-1], s.last_char.astype(np.int64)
        with twins_only():
            want = thread_starts(ctx)
        assert thread_starts(ctx) == want == _thread_starts_py(ctx)


def test_thread_starts_kernel_reads_code_points_past_the_table_as_the_twin():
    """A line ending in a code point above every sentence end ("😀") or in one the table
    holds ("।") reads as CodeSet.of reads it."""
    text = ("The bridge over the river opens on Monday, the mayor said.\nनई बसें चलेंगी और किराया कम होगा।\n"
            "Have your say 😀\nAna\nFinally a bridge for the school children.\n")
    ctx = Context(text)
    with twins_only():
        want = thread_starts(ctx)
    assert thread_starts(ctx) == want == [2]  # ("Ana": the kept line above it ends in "😀", no sentence)


@given(st.integers(UNIT_MIN_LINES + 1, UNIT_MAX_LINES + 2), st.sampled_from(CLOSERS), st.sampled_from(NAMES),
       st.sampled_from(COMMENTS), st.integers(0, 2))
@settings(max_examples=120, deadline=None)
def test_mark_repeated_units_runs_on_pages_shorter_than_its_longest_period(n_lines, closer, name, comment, blanks):
    """A page of 4 to 8 non-blank lines whose closing line repeats at period 3 (so the
    precheck lets it in) is read without error, the model's cut closers and all: on 4
    non-blank lines main's loop raised a numpy broadcast error (period 6's slices were no
    longer aligned). Fails on main (round 19)."""
    unit = [name, comment, closer]
    lines = [closer] + (unit * 3)[:n_lines - 1] + [""] * blanks
    ctx = Context("\n".join(lines))
    for i, line in enumerate(lines):
        if line == closer:
            ctx.marks.rule[i] = "classifier"
    mark_repeated_units(ctx, LineShape(ctx.stats))
    assert all(r in (None, "classifier", "story.comment_thread") for r in ctx.marks.rule)

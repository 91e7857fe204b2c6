"""Round 23, second wave (issue 11, keep24): a story's closing list given back apart from the
share bar the menu rule read on with it. Pages generated in invented words (no pack knows
them: only the rows' shape decides). The first two tests fail on lead23 (the share bar came
back with the list); the last is a guard (passes on lead23 too)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_body import BodyShape, give_back_menus_inside_the_story
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.boilerplate.story_runs import give_back_runs_the_story_goes_on_from

SYLLABLES = ["ka", "mbo", "ndi", "zu", "le", "wa", "tso", "ri", "ngo", "be", "sha", "mu", "ya", "ol", "ке", "ло"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map("".join)
cap = word.map(str.capitalize)
# A list's row: two or three capitalised words ("Ana Toma", "San Andres Hall").
row = st.lists(cap, min_size=2, max_size=3).map(" ".join)
rows = st.lists(row, min_size=3, max_size=6)
# A share bar or a menu: one word a button.
buttons = st.lists(cap, min_size=2, max_size=4)

STORY = "The Kavala choir sang at the harbour of Kavala on Sunday for the new school."
ANNOUNCE = "Who sang with the Kavala choir:"
# A commenter's name under the bar: kept by the model on many pages, no sentence of the story.
COMMENTER = "Mira K."


def _page(list_rows: list[str], bar: list[str]) -> Context:
    """The story, its announcement, the rows and the bar (all cut by the menu rule), a commenter."""
    ctx = Context("\n".join([STORY, ANNOUNCE, *list_rows, *bar, COMMENTER]) + "\n")
    ctx.marks.rule[2:2 + len(list_rows) + len(bar)] = ["nav.menu_run"] * (len(list_rows) + len(bar))
    return ctx


def _cut(ctx: Context) -> list[bool]:
    return [r is not None for r in ctx.marks.rule]


@settings(max_examples=30, deadline=None)
@given(list_rows=rows, bar=buttons)
def test_the_announced_list_comes_back_without_the_share_bar(list_rows, bar):
    """``story_runs``: the list a story sentence announced comes back; the one-word buttons
    the menu rule read on with it stay cut (fails on lead23: every line of the run came back)."""
    ctx = _page(list_rows, bar)
    give_back_runs_the_story_goes_on_from(ctx, LineShape(ctx.stats))
    n = len(list_rows)
    assert _cut(ctx)[:2 + n] == [False] * (2 + n)
    assert _cut(ctx)[2 + n:2 + n + len(bar)] == [True] * len(bar)


@settings(max_examples=30, deadline=None)
@given(list_rows=rows, bar=buttons)
def test_a_list_between_its_announcement_and_a_kept_line_comes_back_without_the_bar(list_rows, bar):
    """``give_back_menus_inside_the_story``: the run between the kept ":" line and a kept line
    under it (a commenter's name, no sentence of the story) comes back without its one-word
    tail (fails on lead23: the bar came back with the rows)."""
    ctx = _page(list_rows, bar)
    give_back_menus_inside_the_story(ctx, BodyShape(ctx))
    n = len(list_rows)
    assert _cut(ctx)[2:2 + n] == [False] * n
    assert _cut(ctx)[2 + n:2 + n + len(bar)] == [True] * len(bar)


@settings(max_examples=30, deadline=None)
@given(list_rows=rows, last=st.lists(cap, min_size=2, max_size=3))
def test_one_word_rows_the_story_goes_on_under_are_the_list_s(list_rows, last):
    """When the story goes on under the run (a sentence right below it), its one-word last
    rows are the list's own ("Ana Toma" / "Lida Rusu" / "Ion" / "Mira"): all come back."""
    lines = [STORY, ANNOUNCE, *list_rows, *last, "The choir of Kavala sings again at Easter, its leader said."]
    ctx = Context("\n".join(lines) + "\n")
    k = len(list_rows) + len(last)
    ctx.marks.rule[2:2 + k] = ["nav.menu_run"] * k
    give_back_menus_inside_the_story(ctx, BodyShape(ctx))
    assert not any(_cut(ctx)[:len(lines)])

"""Round 22 (issue 11): a photo's caption with no credit that names what the story told a few
paragraphs before it (not in the three lines right above it, which round 20's step reads). On
pages written by other hands the photo is often of what the story's opening told. Pages and
lines written for these tests (invented words). The positive tests fail on main (round 21
merged): the caption stayed; the guards pass on main and say what must not move.
"""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.story_inserts import ECHO_CAPTION_RULE, ECHO_LINES
# Round 20's invented names and words, and its step's marks on a list of lines.
from tests.test_story_round20 import _marks, name, small


def _sentence(filler: list[str], shift: int) -> str:
    """A story sentence of short invented words only (no word of 5+ letters: names nothing)."""
    ws = filler[shift % len(filler):] + filler[:shift % len(filler)]
    return f"{' '.join(ws).capitalize()} {ws[0]}."


@settings(max_examples=60, deadline=None)
@given(place=name, thing=name, filler=st.lists(small, min_size=5, max_size=9),
       cap_rest=st.lists(small, min_size=1, max_size=5), gap=st.integers(ECHO_LINES, ECHO_LINES + 4))
def test_a_caption_naming_the_story_further_up_goes(place, thing, filler, cap_rest, gap):
    """The story's opening names a place and a thing; `gap` sentences later (more than
    ECHO_LINES), an open line naming both again stands between two sentences: a caption,
    cut (fails on main: only the ECHO_LINES lines right above were read, and they name
    nothing)."""
    assume(place.casefold()[:6] != thing.casefold()[:6])
    opening = f"{place} {' '.join(filler)} {thing} {filler[0]}."
    middle = [_sentence(filler, k) for k in range(gap)]
    caption = f"{thing} {' '.join(cap_rest)} {place}"
    below = _sentence(filler, gap + 1)
    lines = [opening, *middle, caption, below]
    assert _marks(lines)[len(lines) - 2] == ECHO_CAPTION_RULE


@settings(max_examples=60, deadline=None)
@given(place=name, thing=name, filler=st.lists(small, min_size=5, max_size=9),
       head=st.lists(small, min_size=1, max_size=3), gap=st.integers(ECHO_LINES, ECHO_LINES + 4))
def test_a_subheading_naming_what_follows_stays(place, thing, filler, head, gap):
    """Guard (passes on main): a subheading names what the story tells *under* it; when the
    names it shares are only in the sentences below it, it stays, however far down."""
    assume(place.casefold()[:6] != thing.casefold()[:6])
    above = [_sentence(filler, k) for k in range(gap + 1)]
    heading = f"{' '.join(head).capitalize()} {thing} {place}"
    below = [f"{place} {' '.join(filler)} {thing}.", _sentence(filler, 2), f"{thing} {filler[0]} {place}."]
    lines = [*above, heading, *below]
    assert _marks(lines)[len(above)] is None


def test_headings_that_name_each_other_stay():
    """Guard (passes on main): a results page's headings name each other ("Individual race,
    men" / "Individual race, women"), not the story's sentences: only sentences are read."""
    lines = ["The first stage of the cup ended on Sunday in Kontiola with two races.",
             "Individual race, women and juniors",
             "The winner was three seconds ahead of the field at the last lap.",
             "The second place went to a skier of the home team.",
             "The third place was decided by a photo at the line.",
             "The weather was cold and windy for both races.",
             "Individual race, men and juniors",
             "The men started an hour later in falling snow."]
    assert _marks(lines)[6] is None


def test_a_sentence_broken_at_a_link_further_down_stays():
    """Guard (passes on main): an open line naming the story's things further up, with a row or
    a fragment under it and not a sentence ("Stadia is launching with" / "22 games"), is the
    story's sentence broken at a link."""
    lines = ["The Harnby shipyard will fix the Marwick ferry's engine before the winter.",
             "Work starts in the dry dock on Monday morning.",
             "It should take three weeks in all.",
             "The crew will stay on board during the work.",
             "The Harnby shipyard expects the Marwick ferry",
             "22 days",
             "of work, its manager said on Friday."]
    assert _marks(lines)[4] is None

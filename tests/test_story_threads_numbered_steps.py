"""A how-to's numbered steps ("Step 1" / what to do) are no readers' comments, whatever
the language and however many of their lines the model cut; a thread of readers' names
under them still goes (``story_threads._numbered_heading``, round 25, textprec25). Our own
text. The first test fails on main (the steps were cut as a comment thread)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.story_threads import THREAD_RULE
from tests.test_story_round17 import _threads

INTRO = "A small glass terrarium needs little care and brightens a dark corner of any room."
STEP_WORDS = ["Step", "Schritt", "Étape", "Paso", "Krok"]
ACTIONS = ["Soak the foam in water until it sinks to the bottom.", "Insert the plant into the hole you dug.",
           "Cover the foam with moss held by small pins.", "Place the glass cloche gently over the moss.",
           "Set the terrarium on a saucer near the window."]


@settings(max_examples=60, deadline=None)
@given(word=st.sampled_from(STEP_WORDS), n_steps=st.integers(2, 5), cut=st.sets(st.integers(0, 9), max_size=3))
def test_numbered_steps_under_the_intro_stay(word, n_steps, cut):
    steps = [x for k in range(n_steps) for x in (f"{word} {k + 1}", ACTIONS[k])]
    lines = [INTRO] + steps + ["Related searches"]
    rules = {1 + c: "classifier" for c in cut if c < len(steps)}
    rules[len(lines) - 1] = "nav.related"
    out = _threads(lines, rules)
    assert THREAD_RULE not in out


def test_readers_names_still_make_a_thread():
    lines = [INTRO, "Have your say", "Ama Serwaa", "Mine died in a week, too much water I think.",
             "Kojo_Bee", "Lovely idea for a birthday present."] + ["Related searches"]
    out = _threads(lines, {3: "classifier", len(lines) - 1: "nav.related"})
    assert out[1:-1] == [THREAD_RULE] * 5


@settings(max_examples=40, deadline=None)
@given(word=st.sampled_from(["Guest", "Anonymous", "Gast", "Invité"]),
       numbers=st.lists(st.integers(2, 999), min_size=2, max_size=2, unique=True))
def test_readers_a_forum_numbered_still_make_a_thread(word, numbers):
    """Readers the forum numbers ("Guest 12", "Guest 7") are names, not steps: the page does
    not count them one by one (``story_threads._counted_on``; the review of round 25)."""
    first, second = numbers
    if abs(first - second) == 1:
        second = first + 3  # (consecutive numbers would read as steps)
    lines = [INTRO, "Have your say", f"{word} {first}", "Mine died in a week, too much water I think.",
             f"{word} {second}", "Lovely idea for a birthday present."] + ["Related searches"]
    out = _threads(lines, {3: "classifier", len(lines) - 1: "nav.related"})
    assert out[1:-1] == [THREAD_RULE] * 5

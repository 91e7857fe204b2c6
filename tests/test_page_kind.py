"""A confirmed comments heading above the page's only run of prose (a thread page's header:
"5 replies", then the posts) does not cut the page; under a story it still cuts the
comment box (issue 11, round 19: ``corpus_clean.boilerplate.page_kind``).

Pages are generated from seeds: invented words, so no rule pack keys on them. The rule
step alone is run (``use_classifier=False``): the classifier is not what is tested.
"""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate import engine, page_kind
from corpus_clean.boilerplate.engine import strip

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "no", "ri", "pa", "do", "zem"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, n_words: int) -> str:
    words = [word(rng) for _ in range(n_words)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def post(rng: random.Random) -> list[str]:
    """One reply: a name, a date line, one or two prose lines, the widget's controls."""
    return ([word(rng).capitalize(), f"{rng.randint(1, 28)} days ago"]
            + [sentence(rng, rng.randint(13, 30)) for _ in range(rng.randint(1, 2))]
            + ["Reply", "Report"])


def thread_page(seed: int) -> tuple[str, list[str]]:
    """A thread page: menu, summary, title, a reply counter (the heading), the posts.
    Returns the text and the posts' prose lines."""
    rng = random.Random(seed)
    menu = [word(rng).capitalize() for _ in range(rng.randint(3, 6))]
    # (the page's summary -- often the first post's opening, 1-2 prose lines -- sits in
    # the header above the counter)
    summary = [sentence(rng, rng.randint(13, 25)) for _ in range(rng.randint(1, 2))]
    head = summary + [sentence(rng, 5)[:-1], f"{rng.randint(3, 40)} replies"]
    posts = [post(rng) for _ in range(rng.randint(3, 8))]
    lines = menu + head + [line for p in posts for line in p]
    prose = [line for p in posts for line in p if line.endswith(".")]
    return "\n".join(lines) + "\n", prose


def story_page(seed: int) -> tuple[str, list[str]]:
    """A story of 3-6 paragraphs under a headline, then a comment box longer than it.
    Returns the text and the comment box's prose lines."""
    rng = random.Random(seed)
    story = [sentence(rng, rng.randint(14, 35)) for _ in range(rng.randint(3, 6))]
    posts = [post(rng) for _ in range(len(story) + rng.randint(2, 6))]
    lines = [sentence(rng, 6)[:-1]] + story + [f"{rng.randint(3, 40)} Comments"] + [line for p in posts for line in p]
    comments = [line for p in posts for line in p if line.endswith(".")]
    return "\n".join(lines) + "\n", comments


@pytest.mark.parametrize("seed", range(40))
def test_a_thread_pages_posts_are_not_cut_as_a_comment_section(seed):
    """Fails on main: the counter, confirmed by the "Reply"/"Report" lines below it,
    started a comment section that ran to the page's end and took every post."""
    text, prose = thread_page(seed)
    kept, removed = strip(text, use_classifier=False)
    assert not any(r.rule == "comments.marked_section" and "." in r.text for r in removed)
    assert all(line in kept for line in prose)


@pytest.mark.parametrize("seed", range(40))
def test_under_a_story_the_comment_box_still_goes(seed):
    """The news side (why the section rule exists): a comment box longer than the story
    above it goes whole, the story stays."""
    text, comments = story_page(seed)
    kept, _ = strip(text, use_classifier=False)
    assert not any(line in kept for line in comments)
    assert kept.count(".") >= 3  # (the story's paragraphs)


def test_the_story_minimum_is_the_engines():
    assert page_kind.STORY_MIN_PROSE_LINES == engine.SECTION_MIN_PROSE_BEFORE

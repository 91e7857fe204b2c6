"""An apparatus heading ("Notes", "Note:", "See also") with the article's running prose
below it does not cut the rest of the page; over citations it still does (issue 11,
round 19: ``corpus_clean.boilerplate.page_kind``).

Pages are generated from seeds: invented words, so no rule pack keys on them. The rule
step alone is run (``use_classifier=False``): the classifier is not what is tested.
"""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate import engine, page_kind
from corpus_clean.boilerplate.engine import strip

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "no", "ri", "pa", "do", "zem"]
HEADINGS = ["Note", "Note:", "Notes", "See also", "References"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, n_words: int) -> str:
    words = [word(rng) for _ in range(n_words)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraphs(rng: random.Random, n: int) -> list[str]:
    return [sentence(rng, rng.randint(14, 35)) for _ in range(n)]


def guide_page(seed: int) -> tuple[str, list[str]]:
    """A guide past its middle: a box headed by an apparatus word, then more of the
    guide (subheadings and paragraphs). Returns the text and the guide's lines below
    the box's heading."""
    rng = random.Random(seed)
    above = paragraphs(rng, rng.randint(8, 14))
    below = []
    for _ in range(rng.randint(2, 4)):
        below += [sentence(rng, 4)[:-1]] + paragraphs(rng, rng.randint(2, 4))
    lines = [sentence(rng, 6)[:-1]] + above + [rng.choice(HEADINGS)] + below
    return "\n".join(lines) + "\n", [line for line in below if line.endswith(".")]


def wiki_page(seed: int) -> tuple[str, list[str]]:
    """An article, then its apparatus: a heading over numbered citations (each a
    sentence-long line) and a few link titles. Returns the text and the citations."""
    rng = random.Random(seed)
    story = paragraphs(rng, rng.randint(5, 10))
    citations = [f"^ {word(rng).capitalize()}, {word(rng)[0].upper()}. ({rng.randint(1950, 2025)}). "
                 + sentence(rng, rng.randint(10, 20)) for _ in range(rng.randint(3, 12))]
    links = [word(rng).capitalize() + " " + word(rng) for _ in range(rng.randint(0, 4))]
    lines = [sentence(rng, 5)[:-1]] + story + [rng.choice(HEADINGS)] + citations + links
    return "\n".join(lines) + "\n", citations


@pytest.mark.parametrize("seed", range(40))
def test_an_apparatus_word_over_more_of_the_article_cuts_only_itself(seed):
    """Fails on main: "Note:"/"Notes"/"See also" past the page's middle started the
    references section, which ran to the page's end and took the rest of the guide.
    Over citations the section still goes whole, and the story above stays."""
    text, guide = guide_page(seed)
    kept, _ = strip(text, use_classifier=False)
    assert all(line in kept for line in guide)
    text, citations = wiki_page(seed)
    kept, _ = strip(text, use_classifier=False)
    assert not any(line in kept for line in citations)


def test_the_story_minimum_is_the_engines():
    assert page_kind.STORY_MIN_PROSE_LINES == engine.SECTION_MIN_PROSE_BEFORE

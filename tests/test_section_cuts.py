"""``benchmarks/section_cuts.py`` finds the section a rule cut to the page's end and tells
an apparatus (citations) from the article's own box ("Note:" over more of a guide) by the
prose below the heading (issue 11, round 19). Fails on main: the tool is new.

Pages are generated from seeds (invented words, so no rule keys on them).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from section_cuts import article_and_rest, section_cut, section_rules  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "no", "ri", "pa", "do", "zem"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, n_words: int) -> str:
    words = [word(rng) for _ in range(n_words)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def page(seed: int, box: bool) -> tuple[str, str]:
    """A story past its middle, then an apparatus heading over either more of the story
    (`box`: subheadings and paragraphs) or numbered citations. Returns (text, gold)."""
    rng = random.Random(seed)
    story = [sentence(rng, rng.randint(14, 30)) for _ in range(rng.randint(8, 12))]
    if box:
        below = []
        for _ in range(rng.randint(2, 3)):
            below += [sentence(rng, 4)[:-1]] + [sentence(rng, rng.randint(14, 30)) for _ in range(rng.randint(2, 3))]
        gold = story + below
    else:
        below = [f"^ {word(rng).capitalize()} ({rng.randint(1950, 2025)}). " + sentence(rng, rng.randint(10, 16))
                 for _ in range(rng.randint(3, 8))]
        gold = story
    lines = story + [rng.choice(["Notes", "Note:", "References"])] + below
    return "\n".join(lines) + "\n", "\n".join(gold)


@pytest.mark.parametrize("seed", range(30))
def test_a_box_holds_prose_and_citations_do_not(seed):
    rules = section_rules()
    text, gold = page(seed, box=False)
    cut = section_cut(text, rules)
    assert cut is not None and cut["rule"] == "wiki.references_section" and cut["prose_below"] == 0
    article, rest = article_and_rest(text, gold, cut["start"])
    assert article == 0 and rest > 0
    text, gold = page(seed, box=True)
    cut = section_cut(text, rules)
    if cut is not None:  # (the engine may not start a section here at all: nothing to report)
        assert cut["prose_below"] > 3
        article, rest = article_and_rest(text, gold, cut["start"])
        assert article > rest

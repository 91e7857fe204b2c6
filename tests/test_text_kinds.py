"""The text path by page kind (benchmarks/text_kinds.py) and the ``extra`` training switch
(training.seeds ``--extra-real``), on generated pages through the real engine and model.
All fail on main (round 17): neither ``benchmarks/text_kinds.py`` nor ``training.seeds.uses_set``
exists there.
"""
from __future__ import annotations

import os
import random
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))

TOKEN = re.compile(r"\w+")
STORY_WORDS = ("harbour council budget winter ferry timetable engineers bridge repairs residents "
               "questions evening meeting river traffic lanes closure weeks contractor schedule").split()
NOISE_WORDS = "Subscribe Share Login Menu Newsletter Cookies Pricing Account Careers Support".split()


def page(rng: random.Random) -> tuple[str, str]:
    """A generated page: menu lines, a story of 4-8 paragraphs (the gold), then a sign-up
    paragraph and footer links in words the story never uses."""
    story = [" ".join(rng.choice(STORY_WORDS) for _ in range(rng.randint(14, 30))).capitalize() + "."
             for _ in range(rng.randint(4, 8))]
    menu = [" ".join(rng.sample(NOISE_WORDS, 2)) for _ in range(rng.randint(3, 6))]
    pitch = " ".join(rng.choice(NOISE_WORDS).lower() for _ in range(rng.randint(12, 20))).capitalize() + "."
    footer = [" | ".join(rng.sample(NOISE_WORDS, 3)) for _ in range(rng.randint(2, 4))]
    return "\n".join(menu + story + [pitch] + footer), "\n\n".join(story)


@pytest.mark.parametrize("seed", range(6))
def test_line_sides_account_for_every_kept_token(seed):
    """``text_kinds.line_sides``: a kept noise line is never a story line and a cut gold
    line always is one; the kept-token count is the engine's output's (fails on main:
    no text_kinds)."""
    from corpus_clean.boilerplate import join_broken_words
    from corpus_clean.boilerplate.classifier import load_model
    from corpus_clean.boilerplate.engine import strip
    from text_kinds import line_sides

    text, gold = page(random.Random(seed))
    model = load_model()
    kept, cut, n_kept, n_gold = line_sides({"naive_text": text, "gold_text": gold}, model)
    gold_lines = {line.strip() for line in gold.split("\n") if line.strip()}
    assert all(line.strip() not in gold_lines for _, line, _ in kept)
    assert all(line.strip() in gold_lines for _, line, _ in cut)
    assert n_gold == len(TOKEN.findall(gold))
    kept_text, _ = strip(join_broken_words(text)[0], model=model)
    assert n_kept == max(len(TOKEN.findall(kept_text)), 1)


def test_extra_sets_train_only_under_the_extra_switch():
    """``--extra-real`` sets (``extra:NAME``) are in a recipe's training set only with the
    switch ``extra``; the benches and generated sets are in every recipe's (fails on main:
    no ``uses_set``)."""
    from training.seeds import uses_set

    for recipe in ({"gap", "labelled", "kinds"}, {"gap", "labelled", "kinds", "gen0.5"}):
        assert not uses_set("extra:wcxb-dev-article", recipe)
        assert uses_set("extra:wcxb-dev-article", recipe | {"extra"})
        assert all(uses_set(name, recipe) for name in ("scrapinghub", "readability", "newsgen-A", "shortgen"))

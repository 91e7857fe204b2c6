"""Round 16 (htmlq21): the new unseen page families, and the extractor's round-16 steps."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS, generate, make_page, naive_text  # noqa: E402  (the benchmark's page generator)
from html_pages_round16 import ROUND16_FAMILIES  # noqa: E402


@pytest.mark.parametrize("family", sorted(ROUND16_FAMILIES))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_round16_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    """Every gold line is text of its page, and the page holds lines the gold leaves out (its furniture)."""
    for seed in (0.11, 0.52, 0.93):
        page, gold = make_page(family, lang, seed)
        shown_lines = naive_text(page).splitlines()
        shown = "".join("".join(shown_lines).split())
        gold_lines = gold.splitlines()
        assert gold_lines and all("".join(line.split()) in shown for line in gold_lines)
        flat_gold = "".join(gold.split())
        assert sum("".join(line.split()) not in flat_gold for line in shown_lines) >= 5


def test_round16_sets_are_fixed_by_their_seeds():
    """``extraction.py``'s round-16 sets are the same pages on every run: seed 79 (held out, 100) and 83 (dev, 50)."""
    for n, seed in ((100, 79), (50, 83)):
        first, second = generate(n, seed=seed, round16=True), generate(n, seed=seed, round16=True)
        assert [r["html"] for r in first] == [r["html"] for r in second]
        assert all(sum(r["family"] == f for r in first) == n // 5 for f in ROUND16_FAMILIES)
    held_out, dev = generate(100, seed=79, round16=True), generate(50, seed=83, round16=True)
    assert not {r["html"] for r in held_out} & {r["html"] for r in dev}

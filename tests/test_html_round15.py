"""Round 15 (htmlq20): the new unseen page families, and the extractor's round-15 steps."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS, generate, make_page, naive_text  # noqa: E402  (the benchmark's page generator)
from html_pages_round15 import ROUND15_FAMILIES  # noqa: E402


@pytest.mark.parametrize("family", sorted(ROUND15_FAMILIES))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_round15_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    """Every gold line is text of its page, and the page holds lines the gold leaves out (its furniture)."""
    for seed in (0.11, 0.52, 0.93):
        page, gold = make_page(family, lang, seed)
        shown_lines = naive_text(page).splitlines()
        shown = "".join("".join(shown_lines).split())
        gold_lines = gold.splitlines()
        assert gold_lines and all("".join(line.split()) in shown for line in gold_lines)
        flat_gold = "".join(gold.split())
        assert sum("".join(line.split()) not in flat_gold for line in shown_lines) >= 5


def test_round15_set_is_fixed_by_its_seed():
    """``extraction.py``'s round-15 set is the same 100 pages on every run (seed 73), 20 per family."""
    first, second = generate(100, seed=73, round15=True), generate(100, seed=73, round15=True)
    assert [r["html"] for r in first] == [r["html"] for r in second]
    assert {r["family"] for r in first} == set(ROUND15_FAMILIES)
    assert all(sum(r["family"] == f for r in first) == 20 for f in ROUND15_FAMILIES)

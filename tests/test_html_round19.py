"""Round 19 (htmlq24): the new unseen page families, and the extractor's round-19 steps."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS, generate  # noqa: E402  (the benchmark's page generator)
from html_pages_round19 import ROUND19_FAMILIES  # noqa: E402

from tests.test_html_round15 import assert_gold_is_page_text_beside_furniture  # noqa: E402


@pytest.mark.parametrize("family", sorted(ROUND19_FAMILIES))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_round19_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    assert_gold_is_page_text_beside_furniture(family, lang)


def test_round19_sets_are_fixed_by_their_seeds():
    """``extraction.py``'s round-19 sets are the same pages on every run: seed 107 (held out, 100) and 109 (dev, 50)."""
    for n, seed in ((100, 107), (50, 109)):
        first, second = generate(n, seed=seed, round19=True), generate(n, seed=seed, round19=True)
        assert [r["html"] for r in first] == [r["html"] for r in second]
        assert all(sum(r["family"] == f for r in first) == n // 5 for f in ROUND19_FAMILIES)
    held_out, dev = generate(100, seed=107, round19=True), generate(50, seed=109, round19=True)
    assert not {r["html"] for r in held_out} & {r["html"] for r in dev}

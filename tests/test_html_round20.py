"""Round 20 (htmlq25): the new unseen page families, and the extractor's round-20 steps."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS, generate  # noqa: E402  (the benchmark's page generator)
from html_pages_round20 import ROUND20_FAMILIES  # noqa: E402

from tests.test_html_round15 import assert_gold_is_page_text_beside_furniture  # noqa: E402


@pytest.mark.parametrize("family", sorted(ROUND20_FAMILIES))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_round20_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    assert_gold_is_page_text_beside_furniture(family, lang)


def test_round20_sets_are_fixed_by_their_seeds():
    """``extraction.py``'s round-20 sets are the same pages on every run: seed 113 (held out, 100) and 127 (dev, 50)."""
    for n, seed in ((100, 113), (50, 127)):
        first, second = generate(n, seed=seed, round20=True), generate(n, seed=seed, round20=True)
        assert [r["html"] for r in first] == [r["html"] for r in second]
        assert all(sum(r["family"] == f for r in first) == n // 5 for f in ROUND20_FAMILIES)
    held_out, dev = generate(100, seed=113, round20=True), generate(50, seed=127, round20=True)
    assert not {r["html"] for r in held_out} & {r["html"] for r in dev}

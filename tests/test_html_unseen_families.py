"""Every round's unseen page families (benchmarks/html_pages_roundNN.py, from round 16): each
gold line is text of its page and the page holds furniture beside it, and the round's two
sets in ``extraction.py`` are fixed by their seeds. A new round adds a row to ``ROUNDS``
(these two tests were copied into each round's test file before round 23). Round 15's
families, with one set of 100 pages and no dev set, are checked in tests/test_html_round15.py.
"""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS  # noqa: E402  (the benchmark's page generator)
from html_pages_round16 import ROUND16_FAMILIES  # noqa: E402
from html_pages_round17 import ROUND17_FAMILIES  # noqa: E402
from html_pages_round18 import ROUND18_FAMILIES  # noqa: E402
from html_pages_round19 import ROUND19_FAMILIES  # noqa: E402
from html_pages_round20 import ROUND20_FAMILIES  # noqa: E402
from html_pages_round21 import ROUND21_FAMILIES  # noqa: E402
from html_pages_round22 import ROUND22_FAMILIES  # noqa: E402
from html_pages_round26 import ROUND26_FAMILIES  # noqa: E402

from tests.test_html_round15 import (assert_gold_is_page_text_beside_furniture,  # noqa: E402
                                     assert_sets_fixed_by_their_seeds)

# round: (its families, the held-out set's seed (100 pages), the dev set's seed (50)), as extraction.py draws them
ROUNDS = {
    16: (ROUND16_FAMILIES, 79, 83),
    17: (ROUND17_FAMILIES, 89, 97),
    18: (ROUND18_FAMILIES, 101, 103),
    19: (ROUND19_FAMILIES, 107, 109),
    20: (ROUND20_FAMILIES, 113, 127),
    21: (ROUND21_FAMILIES, 131, 137),
    22: (ROUND22_FAMILIES, 149, 151),
    26: (ROUND26_FAMILIES, 173, 175),
}


@pytest.mark.parametrize("family", sorted(family for families, _, _ in ROUNDS.values() for family in families))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    assert_gold_is_page_text_beside_furniture(family, lang)


@pytest.mark.parametrize("round_number", sorted(ROUNDS))
def test_sets_are_fixed_by_their_seeds(round_number):
    families, held_out_seed, dev_seed = ROUNDS[round_number]
    assert_sets_fixed_by_their_seeds(f"round{round_number}", families, held_out_seed, dev_seed)

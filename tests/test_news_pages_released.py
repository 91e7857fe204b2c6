"""`benchmarks/news_pages.py --misses` reads the released held-out sets of rounds 9-11 (round 22).

Those sets moved into ``training.labelled.STUDIED`` this round, so their misses may be listed;
before this round the option had no choice for them (fails on main: argparse rejects "held9s").
"""
import contextlib
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("choice, set_name", [("held9s", "round9_short_line_heldout.txt")])
def test_misses_of_a_released_set_are_listed(choice, set_name):
    """The misses of a released set print under its own name, with the set's totals row."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import news_pages

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert news_pages.main(["--ours-only", "--only", "round9_short", "--misses", choice]) == 0
    text = out.getvalue()
    assert f"Misses on {set_name}" in text
    assert f"| {set_name}" in text


def test_every_misses_choice_names_a_studied_set():
    """Guard (passes on main): each released choice maps to a set in STUDIED, never to a held-out set of rounds 12-22."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    import news_pages
    from training.labelled import STUDIED

    parser_choices = ["held9", "held9s", "held10", "held11"]
    prefixes = {"held9": "round9_heldout", "held9s": "round9_short_line", "held10": "round10_heldout",
                "held11": "round11_heldout"}
    for choice in parser_choices:
        name = next(n for n in news_pages.SETS if n.startswith(prefixes[choice]))
        assert news_pages.SETS[name].name in STUDIED

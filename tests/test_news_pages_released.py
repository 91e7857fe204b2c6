"""`benchmarks/news_pages.py --misses` reads the released held-out sets (rounds 9-11 in round 22, 12-13 in round 23).

Those sets moved into ``training.labelled.STUDIED`` this round, so their misses may be listed;
before this round the option had no choice for them (fails on main: argparse rejects "held9s").
"""
import contextlib
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("choice, set_name", [("held9s", "round9_short_line_heldout.txt"), ("check13", "round13_check.txt")])
def test_misses_of_a_released_set_are_listed(choice, set_name):
    """The misses of a released set print under its own name, with the set's totals row."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import news_pages

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert news_pages.main(["--ours-only", "--only", news_pages.MISSES[choice], "--misses", choice]) == 0
    text = out.getvalue()
    assert f"Misses on {set_name}" in text
    assert f"| {set_name}" in text


def test_every_misses_choice_names_a_studied_set():
    """Guard: each --misses choice maps to a studied set (STUDIED, or pages.txt), never to one in HELD_OUT."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    import news_pages
    from training.labelled import HELD_OUT, STUDIED

    for choice, prefix in news_pages.MISSES.items():
        name = next(n for n in news_pages.SETS if n.startswith(prefix))
        file_name = news_pages.SETS[name].name
        assert file_name in STUDIED or file_name == "pages.txt", choice
        assert file_name not in HELD_OUT, choice

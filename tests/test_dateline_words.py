"""outlets.dateline: a line of dates goes; a word that merely opens with a month's or a day's
abbreviation ("Novidades", "Marketing", "Sunset", "Mayor") is not a date and stays. Before
round 26 the abbreviations took any letters after them, so a one-word heading such as
Portuguese "Novidades" (an app page's "what's new") was cut as a dateline.
"""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate import strip_boilerplate

PROSE = ("The council voted on Tuesday to close the old bridge for two years of repairs, citing cracks found during an inspection.",
         "Drivers will be sent along the coast road while the work goes on, the mayor said at a briefing on Friday.")
ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                 "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mai")
# Endings that make a date word of an abbreviation: the generator below avoids them.
DATE_ENDINGS = ("uary", "uari", "ruary", "ruari", "braio", "ch", "il", "ile", "e", "y", "ust", "ustus", "t", "tember",
                "ember", "ober", "day", "days", "s", "sday", "sdays", "nesday", "nesdays", "r", "rs", "rsday", "rsdays",
                "urday", "urdays", "v", "o", "io", "i")
MONTHS = ("January", "Feb", "March", "Sept.", "Oktober", "junio", "dezembro", "mars", "Mai")
DAYS = ("Monday", "Tue", "Mittwoch", "samedi", "domingo", "Sun")


def _dateline_removals(line: str) -> list[str]:
    _, removals = strip_boilerplate("\n".join((PROSE[0], line, PROSE[1])), use_classifier=False)
    return [r.text.strip() for r in removals if r.rule == "outlets.dateline"]


def _words(seed: int, n: int) -> list[str]:
    """Words that open with an abbreviation and go on with 2-7 letters that do not spell a date."""
    rng = random.Random(seed)
    words = []
    while len(words) < n:
        ending = "".join(rng.choice("abcdefghiklmnoprstuvwyz") for _ in range(rng.randint(2, 7)))
        if ending in DATE_ENDINGS:
            continue
        word = rng.choice(ABBREVIATIONS) + ending
        words.append(word.capitalize() if rng.random() < 0.7 else word.lower())
    return words


@pytest.mark.parametrize("word", ["Novidades", "Marketing", "Sunset", "Mayor", "Money", "Wedding", "Junior", "Decisions",
                                  *_words(26, 40)])
def test_a_word_that_opens_with_an_abbreviation_is_not_a_dateline(word):
    assert _dateline_removals(word) == []


def test_lines_of_dates_still_go():
    """(by this rule or an earlier one: either way the line is not left in the text)"""
    rng = random.Random(173)
    for _ in range(40):
        line = " ".join([rng.choice(DAYS) + ",", str(rng.randint(1, 28)), rng.choice(MONTHS), str(rng.randint(1990, 2030)),
                         f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"][rng.randint(0, 2):])
        clean, _ = strip_boilerplate("\n".join((PROSE[0], line, PROSE[1])), use_classifier=False)
        assert line not in clean.splitlines(), line

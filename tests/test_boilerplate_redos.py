"""No rule pack regex backtracks without bound: lines of digits and separators, repeated
words and punctuation are matched in linear-ish time by every rule.

Found by the speed work: the multilingual dateline rule took 39 s on a 40-character DOI
look-alike (``10.1016/09620962-62986298(93)900000000-V``), because a run of digits could
be split into its numeric tokens in exponentially many ways.
"""
from __future__ import annotations

import re
import time

import pytest

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.rules import load_rules

ADVERSARIAL_LINES = [
    "10.1016/09620962-62986298(93)900000000-V" * 3,
    "1" * 200 + "-" + "2" * 200,
    "12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12.12x",
    "2024-01-01 " * 40 + "!",
    "12:00 " * 60 + "x",
    "Updated Updated Updated " * 20 + "?",
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
    "a" * 2000 + "!",
    "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899",
]


@pytest.mark.parametrize("line", ADVERSARIAL_LINES, ids=lambda line: line[:24])
def test_every_rule_answers_quickly_on_an_adversarial_line(line):
    slowest = 0.0, ""
    for rule in load_rules().rules:
        regex = re.compile(rule.inline_pattern())
        start = time.process_time()  # CPU time: a loaded machine must not fail it
        regex.fullmatch(line)
        regex.search(line)
        took = time.process_time() - start
        slowest = max(slowest, (took, f"{rule.pack}.{rule.name}"))
    assert slowest[0] < 0.5, f"{slowest[1]} took {slowest[0]:.2f} s on {line[:40]!r}"


def test_a_document_of_adversarial_lines_is_cleaned_in_well_under_a_second():
    text = "The council voted on Tuesday to close the old bridge for two years of repairs.\n" + "\n".join(ADVERSARIAL_LINES)
    start = time.process_time()
    strip_boilerplate(text)
    assert time.process_time() - start < 2.0


def test_number_lines_are_no_datelines_but_datelines_still_are():
    dateline = next(r for r in load_rules().rules if f"{r.pack}.{r.name}" == "outlets.dateline")
    regex = re.compile(dateline.inline_pattern())
    for line in ["14.11.2020, 18:01 Uhr", "Publié le 04/03/2024 à 10h12", "Mon 4 Mar 2024 10.12 GMT", "2024-03-04T10:12:00Z"]:
        assert regex.fullmatch(line), line
    for line in ["3.14159265358979", "978-3-16-148410-0", "10.1016/0962-6298(93)90012-V"]:
        assert not regex.fullmatch(line), line

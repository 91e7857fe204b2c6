"""Pages of tens of thousands of lines clean in time that grows with the page, not with
its square: a text of 40,000 short labelled lines (a comment export, a scraped list of
links) once took minutes in two rule steps that scanned the whole page for each line
(a block rule looking past every labelled line below it; a section rule counting its
confirmations over every matched line). CPU time is bounded 20-50x above what the steps
take now, so a loaded machine does not fail the test and a quadratic step does.
"""
from __future__ import annotations

import random
import time

import pytest

from corpus_clean.boilerplate import strip_boilerplate_many

WORDS = "harbour ferry council bridge mayor river school storm market library tram museum".split()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _labelled_lines(rng: random.Random, n: int) -> str:
    return "\n".join(rng.choice(["Share", "Home", "Photo: AP", "© 2026", "Read more"]) for _ in range(n))


def _comment_lines(rng: random.Random, n: int) -> str:
    return "\n".join(rng.choice(["Reply", "Comments", _sentence(rng, 10), "Jane says:", "Leave a comment"])
                     for _ in range(n))


@pytest.mark.parametrize("page", [_labelled_lines, _comment_lines], ids=["labelled", "comments"])
def test_a_page_of_40000_short_lines_cleans_in_linear_time(page):
    text = page(random.Random(3), 40_000)
    strip_boilerplate_many(["A warm-up line.\nAnd another one."])
    started = time.process_time()
    (cleaned, removals), = strip_boilerplate_many([text])
    seconds = time.process_time() - started
    assert seconds < 10, f"{seconds:.1f} s of CPU for 40,000 lines"
    assert removals and len(cleaned) < len(text)  # (the labels were judged, not skipped)

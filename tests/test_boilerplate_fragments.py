"""Listings inside an article (code, formulas flattened to a token per line) keep the
lines the repeat rules would cut; page furniture of the same shapes still goes
(``engine.keep_fragments_inside_prose``)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.engine import FRAGMENT_MIN_LINES, SHAPE_RULES

ABOVE = "Here is the query we ran against the table of readings, with the anomalies marked by their score:"
BELOW = "The query returns every reading whose score is more than one standard deviation from the mean."
SYMBOLS = ["[", "]", "(", ")", ":", ",", "=", "+", "−", "{", "}", "2", "3", "12", "0.5", "4,933,210", "│"]
KEYWORDS = ["list", "SELECT", "FROM", "AS", "x", "n", "avg"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SYMBOLS + KEYWORDS), min_size=FRAGMENT_MIN_LINES, max_size=60)
       .filter(lambda toks: sum(t in SYMBOLS for t in toks) >= 0.5 * len(toks)))
def test_a_listing_between_paragraphs_keeps_its_lines(tokens):
    text = "\n".join([ABOVE, *tokens, BELOW]) + "\n"
    _, removed = strip_boilerplate(text, use_classifier=False)
    assert not [r for r in removed if r.rule in SHAPE_RULES]


MENU = ["Harbour", "Markets", "Towns", "Letters", "Archive"]


def test_a_repeated_menu_between_paragraphs_still_goes():
    text = "\n".join(["Top of page", *MENU, ABOVE, *MENU, BELOW]) + "\n"
    _, removed = strip_boilerplate(text, use_classifier=False)
    removed_lines = [line for r in removed for line in r.text.split()]
    assert removed_lines.count("Markets") == 2 and removed_lines.count("Archive") == 2


def test_a_repeated_symbol_block_at_the_foot_of_the_page_still_goes():
    # A carousel's controls and counters, twice after the last paragraph: not between
    # two paragraphs, so not a listing of the article.
    controls = ["‹", "1", "/", "12", "›", "×", "‹", "2", "/", "12", "›", "×"]
    text = "\n".join([ABOVE, BELOW, *controls, *controls]) + "\n"
    clean, _ = strip_boilerplate(text, use_classifier=False)
    assert clean.count("\n") <= 2 + len(controls)  # (the copy, at least, is gone)

"""Round 25: the page's own evidence for what one line cannot tell.

- A spacer line (one NBSP, a blank line of a web page) garbled to a lone "Â" goes on a
  page whose other lines lost their NBSPs at their ends, the page's first line too, with
  no cp1252 sequence elsewhere on the page (`nbsp.restore_nbsp_at_eol`).
- An IPA letter read as Mac Roman's NBSP and a character inside a word (``h\\xa0åk`` is
  "hʌk") decodes where the page writes the letter elsewhere
  (`nbsp.decode_mac_roman_letters_the_page_writes`).

Every sentence is written for this test. Those in FAIL_ON_MAIN fail on main at round
25's start; the negative ones pass on both.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.mojibake import repair
from tests.mojibake_corpus import garble, kinds_where_ftfy_alone_is_right, repaired, sample_pages


FAIL_ON_MAIN = [
    # an ASCII page with blank lines, each line ending in NBSP: the spacer lines, the
    # first among them, strand a lone "Â"
    ("nbsp-lost-eol", "\nNews\nWeather\n\nRain over the hills by noon, then sun\n"),
    ("nbsp-lost-eol", "Market day\n\nThe stalls open at six in the square\n\nTickets"),
    # IPA letters read as Mac Roman: "ʌ" (CA 8C) is NBSP + "å"; the short line alone
    ("mac-roman", "Pueblo de San Rafael hʌk jõ, lunes 4.\nHʌk tʌr:"),
]


@pytest.mark.parametrize("kind, text", FAIL_ON_MAIN)
def test_repaired_where_main_was_wrong(kind, text):
    ours, clean = repaired(kind, text)
    assert ours == clean


NEGATIVES = [
    # a heading in capitals and a Romanian capital alone on a line: no NBSP lost elsewhere
    "Â\nROMÂNIA AZI",
    "TITLU\nÂ\nÎNCEPUT",
    # a capital and a closing quote on a page that shows no IPA letter garbled
    "Il a crié « É » puis “É” encore, ɛ.",
    # an NBSP before a Scandinavian word, no IPA letter on the page
    "h\xa0åk og båt",
    # the page writes "ʌ", but the pair is a word of its own after a space, no letter before
    "hʌk\nsom \xa0år",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_left_alone(text):
    assert repair(text)[0] == text


# --- property tests ----------------------------------------------------------------------------

SENTENCES = [
    "mi yɛ ɔ bla kɔ sukuu",
    "Pueblo de San Rafael hʌk jõ, lunes 4.",
    "Rīga un Gaļa, tirgū jaunā māja.",
    "Rain over the hills by noon",
    "",
    "Tickets and times",
]


@pytest.mark.parametrize("seed", range(3))
def test_never_wrong_where_ftfy_is_right(seed):
    """Generated pages × every kind: where ftfy (the corpus config) gives back the clean
    text, so do we."""
    pages = sample_pages(SENTENCES, seed, 10)
    assert [(page, kinds) for page in pages if (kinds := kinds_where_ftfy_alone_is_right(page))] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "Rain over the hills", "news", "Tickets 2026", "a b c"]), min_size=2, max_size=8))
def test_ascii_pages_with_spacer_lines_come_back(lines):
    """Any ASCII page whose lines (blank ones among them) each lost a trailing NBSP comes
    back whole, where one line holds a letter before its lost NBSP."""
    page = "\n".join(lines + ["last line"])
    garbled, clean = garble("nbsp-lost-eol", page)
    assert repair(garbled)[0] == clean


# Letters of the orthographies above and NBSP: clean text made of
# them is never changed.
_ALPHABET = "abhkmrsuyɛɔʌāīåõ \xa0\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=40))
def test_clean_text_of_these_letters_unchanged(text):
    assert repair(text)[0] == text

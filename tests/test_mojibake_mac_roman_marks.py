"""Round 24 (second wave): combining marks read as Mac Roman on a page of IPA letters.

UTF-8's combining marks U+0300-U+033F begin with the byte 0xCC, Mac Roman's "Ã": the
macron below of Nuer or Tyap "a̱" (CC B1) reads ``aÃ±``, exactly cp1252's reading of
"añ". Only the page tells them apart: where it also writes an IPA letter read as Mac
Roman (``…õ`` is "ɛ"), that letter is decoded before the page pass, which then reads
the page as Mac Roman. The letter's guard (the page writes accented letters of its own,
so ``…õ`` is an ellipsis before "õ") looks at the page as it was written, not at the
"ñ" our cp1252 reading made.

Every sentence is written for this test. Those in FAIL_ON_BASE fail at the round's
second-wave branch point; the negative ones pass on both.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.mojibake import repair
from tests.mojibake_corpus import kinds_where_ftfy_alone_is_right, repaired, sample_pages

FAIL_ON_BASE = [
    # one IPA letter at a word's end, the other lines' only non-ASCII a macron below
    ("mac-roman", "Kuarɛ\nca̱r\nma̱th"),
    ("mac-roman", "Ja̱al ka̱n\nwɛ\nla̱t"),
]


@pytest.mark.parametrize("kind, text", FAIL_ON_BASE)
def test_repaired_where_base_was_wrong(kind, text):
    ours, clean = repaired(kind, text)
    assert ours == clean


NEGATIVES = [
    # an ellipsis glued before "õ" on a page that writes "õ" and "ñ" itself
    "Ta ootas…õhtul.\nSiis õpilased ja niñez.",
    "disse…ótimo, o ônibus",
    # Breton and Spanish "ñ" before consonants, clean
    "Skrivañ ha labourañ\nla niñez",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_left_alone(text):
    assert repair(text)[0] == text


@pytest.mark.parametrize("page, clean", [
    # a page garbled as cp1252 in part: its own "ô" (Mac Roman would open the word with a
    # mark) keeps the guard, so the clean line's ``…ó`` stays an ellipsis before "ó"
    ("disse…ótimo\nÃ´nibus e Ã´nibus", "disse…ótimo\nônibus e ônibus"),
    ("Ta ootas…õhtul.\nKÃµik on hÃ¤sti.", "Ta ootas…õhtul.\nKõik on hästi."),
])
def test_partly_garbled_page_keeps_its_ellipsis(page, clean):
    assert repair(page)[0] == clean


SENTENCES = [
    "Ja̱al ka̱n wɛ la̱t.",
    "Kuarɛ ca̱r ma̱th.",
    "Tɔŋ rɔal bi̱ ba̱ kä̱n.",
]


@pytest.mark.parametrize("seed", range(3))
def test_never_wrong_where_ftfy_is_right(seed):
    """Generated pages × every kind: where ftfy (the corpus config) gives back the clean
    text, so do we."""
    pages = sample_pages(SENTENCES, seed, 10)
    assert [(page, kinds) for page in pages if (kinds := kinds_where_ftfy_alone_is_right(page))] == []


@pytest.mark.parametrize("seed", range(3))
def test_garbled_pages_come_back(seed):
    """Generated pages of these sentences, garbled as Mac Roman, cp1252 and partially
    fixed, come back whole."""
    kinds = ("mac-roman", "utf8-as-cp1252", "double-encoded")
    wrong = [(kind, page) for page in sample_pages(SENTENCES, seed, 8) for kind in kinds
             if (result := repaired(kind, page))[0] != result[1]]
    assert wrong == []


# Letters of these orthographies, accented letters Mac Roman reads continuation bytes as,
# a combining macron below, and an ellipsis before a space (glued to a letter, "…õ" may
# be Mac Roman's "ɛ"): clean text of them is never changed.
_PIECES = list("abcklmnortɛɔŋäõóñô\u0331 \n.") + ["… "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
def test_clean_text_of_these_letters_unchanged(text):
    assert repair(text)[0] == text

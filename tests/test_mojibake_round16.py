"""Round 16: UTF-8 read as Mac Roman in African orthographies and in languages written
with a letter apostrophe, and the clean text that looks like it.

- The IPA letters that African orthographies write as ordinary letters (ɛ ɔ ɖ ɗ ɓ ə ɣ)
  are UTF-8 C9 xx: in Mac Roman an ellipsis glued to a Latin-1 letter ("Ns…õm" is Akan
  "Nsɛm"). A line with two of them was repaired; a line with one was left even when the
  rest of the document had been repaired (evidence counted only European letters).
- The letter apostrophes ʻ ʼ are CA BB / CA BC: NBSP + "ª" / "º" in Mac Roman. NBSP is no
  lead byte of the charmap, so Tongan and Hawaiian words kept them ("ta\\xa0ªu").
- Clean text keeps its ellipses glued to words when the letter after them is one the
  text writes elsewhere (Estonian "õ", Portuguese "ó"), and ordinal signs after numbers.

Every sentence here is written for this test. The repair tests fail on round 15's code.
"""
from __future__ import annotations

import random

import pytest

from corpus_clean.mojibake import repair


def as_mac_roman(text: str) -> str:
    return text.encode("utf-8").decode("mac_roman")


# Documents of a few lines in each language: some lines hold one garbled letter only.
AFRICAN_DOCUMENTS = [
    # Akan (Twi)
    "Fie\nNsɛm\nAgokansie\nYɛn kurow mu nsɛm\nMmerewa no kɔɔ asafo no mu anɔpa yi.",
    # Ewe
    "Nyadzɔdzɔwo\nKwasiɖa, Dzome 4\nAme geɖewo va ƒe ɖoɖo la me le kɔƒe la me.",
    # Bambara
    "Kunnafoniw\nDaminɛ\nSɛnɛkɛlaw ye baara kɛ kɔɔri forow la.\nBamakɔ",
    # Hausa
    "Labarai\nƊan majalisa ya ce za a gina ɓangaren hanya.\nWasanni\nSauran ɗalibai sun zo.",
    # Lingala
    "Nsango\nBato ebele bayaki na zándo na mokɔlɔ ya mɔsɔ.\nLikambo ya mbula",
]

APOSTROPHE_DOCUMENTS = [
    # Tongan
    "ʻUluaki Peesi\nKo e taʻu ʻeni ʻo e fakataha ʻa e kolo.",
    # Samoan
    "Tala Fou\nSa faʻatautaia le fonotaga i le taeao ʻo le Aso Gafua.",
]


@pytest.mark.parametrize("text", AFRICAN_DOCUMENTS + APOSTROPHE_DOCUMENTS)
def test_mac_roman_documents_are_repaired_line_by_line(text):
    assert repair(as_mac_roman(text))[0] == text


def test_a_lone_letter_apostrophe_inside_a_word():
    assert repair(as_mac_roman("Ko e taʻu hono hongofulu"))[0] == "Ko e taʻu hono hongofulu"


def test_the_fix_is_named_mac_roman():
    fixed, fixes = repair(as_mac_roman("Fie\nNsɛm\nYɛn kurow mu nsɛm"))
    assert fixed == "Fie\nNsɛm\nYɛn kurow mu nsɛm"
    assert set(fixes) == {"mac_roman"}


# Property: documents made of words of these languages, garbled through Mac Roman, come
# back exactly, whichever lines hold one garbled letter and whichever hold none.
WORDS = {
    "ak": "ɔmanpanin kaa sɛ ɛnnɛ yɛbɛhyɛ ase adwuma kɔ fie nsɛm kurow mu asafo".split(),
    "ee": "kwasiɖa ame geɖewo va ɖoɖo la me kɔƒe nyadzɔdzɔwo ŋkeke".split(),
    "bm": "sɛnɛkɛlaw ye baara kɛ kɔɔri forow la bamakɔ daminɛ kunnafoniw".split(),
    "ha": "ɗan majalisa ya ce za a gina ɓangaren hanya sauran ɗalibai sun zo".split(),
}


@pytest.mark.parametrize("seed", range(40))
def test_generated_african_documents_round_trip(seed):
    rng = random.Random(seed)
    words = WORDS[rng.choice(sorted(WORDS))]
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(3, 7))]
    text = "\n".join(line[:1].upper() + line[1:] for line in lines)
    if sum(ch in "ɛɔɖɗɓ" for ch in text) < 3:
        pytest.skip("too few garbled letters for document evidence")
    assert repair(as_mac_roman(text))[0] == text


CLEAN = [
    # An ellipsis glued to a word whose first letter the text writes elsewhere.
    "Ta ootas…õhtul kaua.\nSiis…õpetaja tuli. Õhtu oli pikk ja õpilased läksid koju.",
    "Bom…ótimo, e então…óbvio. Ótimo é o que é.",
    "ele disse…ótimo\nela disse…ônibus\no ônibus é ótimo",
    # Ordinal signs after numbers, with a no-break space.
    "La temperatura llegó a 25\xa0ºC el 1.\xa0º de mayo, por 3.\xa0ª vez.",
    "Nº\xa012, 2.\xa0ª edição",
    # A no-break space before an ordinary word.
    "Ville\xa0à vendre\xa0: 3\xa0pièces",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_left_alone(text):
    assert repair(text)[0] == text

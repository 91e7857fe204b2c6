"""Mojibake kinds found by garbling round 14's held-out news pages every way (their text
only, never their labels), one test each with sentences written here, plus the clean
look-alikes each new repair must leave alone, and an invariant over generated words."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean.mojibake import repair
from tests.mojibake_corpus import garble


def _garbled(kind: str, clean: str) -> str:
    garbled, expected = garble(kind, clean)
    assert garbled != expected
    return garbled


def _as_cp1252(text: str) -> str:
    """UTF-8 read as cp1252, the five bytes cp1252 leaves undefined read as Latin-1 (as
    browsers and ftfy's "sloppy" codec do)."""
    return "".join(
        bytes([byte]).decode("windows-1252", errors="ignore") or chr(byte) for byte in text.encode("utf-8"))


# Lines that write the ʻokina (U+02BB) or the apostrophe letter ʼ (U+02BC) inside words.
OKINA_LINES = [
    "Ua hoʻomaka ka hālāwai o ka ʻaha kūkā ma ka Pōʻakahi i ka hola ʻeiwa.",   # Hawaiian
    "Naʻe fakahoko ʻe he kalapu ʻa e vaʻinga ʻi he ʻaho Tūsite kuo ʻosi.",     # Tongan
    "Na faʻaleleia e le fono le auala i Falelatai i le masina ua teʻa.",        # Samoan
]


@pytest.mark.parametrize("clean", OKINA_LINES)
def test_okina_read_as_cp1251_inside_latin_words_is_repaired(clean):
    assert repair(_garbled("cp1251", clean))[0] == clean


@pytest.mark.parametrize("clean", OKINA_LINES)
def test_okina_garbled_in_a_line_that_also_writes_it_clean_is_repaired(clean):
    """Half the line garbled, half clean (a paragraph pasted from two sources): the clean
    ʻokina used to make the garbled ones look like a quoted example."""
    words = clean.split(" ")
    half = len(words) // 2
    mixed = " ".join(words[:half] + [_as_cp1252(word) for word in words[half:]])
    assert mixed != clean
    assert repair(mixed)[0] == clean


def test_a_doubly_encoded_okina_is_repaired_in_both_layers():
    clean = "Ka ʻĀina o nā Aliʻi"
    once = _as_cp1252(clean)
    twice = _as_cp1252(once)
    assert repair(twice)[0] == clean


@pytest.mark.parametrize("clean", [
    "Yawoɖa, Dzome 14, 2026 - 18:05",               # Ewe weekday: the only non-ASCII letter
    "Memleɖa 3 Kele",
])
def test_an_ipa_letter_alone_in_a_line_is_repaired_single_and_double(clean):
    """"É–" between lowercase letters is "ɖ": a capital and an en dash glued inside a
    lowercase word is no typography. Once or twice encoded."""
    once = _as_cp1252(clean)
    assert repair(once)[0] == clean
    assert repair(_as_cp1252(once))[0] == clean


def test_an_ipa_letter_garbled_in_a_line_that_writes_others_clean_is_repaired():
    clean = "Dɔwɔla la ƒe tatɔ gblɔ be ɖevi geɖewo ƒe dɔléle dzi ɖe kpɔtɔ le ɣleti etɔ̃ siwo va yi me."
    line = clean.replace("ɣleti", _as_cp1252("ɣ") + "leti")
    assert repair(line)[0] == clean


def test_ossetian_lines_partly_repaired_before_are_finished():
    """Ossetian writes the Latin "æ" inside Cyrillic words: a decoded "æ" next to a
    Cyrillic letter fits its neighbours."""
    clean = "Сæйраг фарс\nНæ тыххæй\nРежиссер: Алан Цæллаты"
    assert repair(garble("partially-fixed", clean)[0])[0] == clean


@pytest.mark.parametrize("clean", [
    "Disse «VOCÊ» e saiu; depois disso nada.",       # Portuguese capitals before a guillemet
    "O «VOCÊ» da capa e o artigo da página três.",
    "CAFÉ–BAR aberto até às duas, diz o cartaz",     # a capital before an en dash
    "ÉTÉ’S END: the show opens in June",              # a capital before an apostrophe
    "Ela disse então…ótimo, e foi embora.",          # an ellipsis glued to an accented letter
    "Le panneau disait “ÉTÉ” en grandes lettres.",
])
def test_clean_look_alikes_of_the_new_repairs_stay_unchanged(clean):
    assert repair(clean)[0] == clean


def test_clean_look_alikes_stay_unchanged_next_to_real_mojibake():
    """A document with real mojibake elsewhere vouches for garbled-looking pairs; the
    capitals word before a guillemet must still not become "VOCʻ"."""
    line = "Disse «VOCÊ» e depois " + _as_cp1252("não sabia o que fazer com a situação")
    assert repair(line)[0] == "Disse «VOCÊ» e depois não sabia o que fazer com a situação"


_LATIN_WORD = st.text(alphabet="abcdefghiklmnopstuvwāēīōūʻ", min_size=2, max_size=9).filter(
    lambda w: w[0] != "ʻ" or len(w) > 2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LATIN_WORD, min_size=3, max_size=12))
def test_generated_okina_text_round_trips_through_every_garbling(words):
    """Invariant: clean Polynesian-like text is unchanged, and its UTF-8-as-cp1252 garbling
    comes back exactly once it shows two garbled letters (one lone pair, "aÊ»", is left
    alone without support, as ftfy leaves it)."""
    clean = " ".join(words)
    assert repair(clean)[0] == clean
    if sum(char > "\x7f" for char in clean) >= 2:
        assert repair(_as_cp1252(clean))[0] == clean


def test_bashkir_qa_whose_a0_byte_became_a_space_is_repaired():
    """"Ҡ" is D2 A0: with the document's 0xA0 bytes turned into spaces, cp1252 shows "Ò "."""
    clean = "Шәмбе көнө Ҡарағайлы ауылы янындағы күлдә ат ярышы булды."
    garbled = _as_cp1252(clean).replace("\xa0", " ")
    assert "Ò " in garbled
    assert repair(garbled)[0] == clean


@pytest.mark.parametrize("clean", ["PERCHÒ no, disse.", "Ciò è vero, PERCHÒ è così", "FALÒ e musica in piazza"])
def test_italian_capitals_ending_in_o_grave_stay(clean):
    assert repair(clean)[0] == clean

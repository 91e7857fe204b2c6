"""Language id (corpus_clean.extract.language_score, CLD2): labels, score, bad input."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from corpus_clean import extract

ONE_LANGUAGE = {
    "en": "The council voted on Monday to rebuild the old ferry pier before the summer season.",
    "he": "מועצת העיר הצביעה ביום שני על בנייה מחדש של המזח הישן לפני עונת הקיץ.",
    "nl": "De gemeenteraad stemde maandag voor de herbouw van de oude pier voor het zomerseizoen.",
    "ru": "Городской совет в понедельник проголосовал за восстановление старого причала до начала лета.",
    "zh": "市议会周一投票决定在夏季到来之前重建旧码头，工程预计耗资三百万元。",
}


def test_languages_come_out_as_iso_639_1_codes():
    """CLD2 says "iw" for Hebrew; `lang` must be ISO 639-1 ("he"), as the schema expects."""
    for lang, text in ONE_LANGUAGE.items():
        assert extract.language_score(text)[0] == lang


def test_score_is_the_share_of_text_in_the_language():
    """One-language text scores near 1; the same sentences followed by as much text in
    another language score clearly lower (the score is CLD2's share of the text)."""
    english, dutch = ONE_LANGUAGE["en"], ONE_LANGUAGE["nl"]
    pure = extract.language_score(english + " " + english)[1]
    mixed = extract.language_score(english + " " + dutch)[1]
    assert pure > 0.9
    assert mixed < pure - 0.2


def test_only_the_sample_is_read():
    """Text after LANG_SAMPLE_CHARS does not change the answer."""
    english = (ONE_LANGUAGE["en"] + " ") * 8
    assert len(english) > extract.LANG_SAMPLE_CHARS
    tail = ONE_LANGUAGE["ru"] * 20
    assert extract.language_score(english + tail) == extract.language_score(english)


def test_text_cld2_refuses_is_cleaned_and_read():
    """C0/C1 controls and lone surrogates make CLD2 raise; they are dropped and the text
    is still identified."""
    text = "\x00\x85\ud800 " + ONE_LANGUAGE["en"]
    assert extract.language_score(text)[0] == "en"


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=600))  # surrogates too
def test_any_text_gives_a_two_letter_code_or_none_and_a_score_in_range(text):
    lang, score = extract.language_score(text)
    assert lang is None or re.fullmatch(r"[a-z]{2}", lang)
    assert 0.0 <= score <= 1.0
    if lang is None:
        assert score == 0.0

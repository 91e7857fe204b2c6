"""Language id (corpus_clean.extract.language_score, CLD2) and the dateline fast path."""
from __future__ import annotations

import re

from hypothesis import given, settings
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


# ------------------------------------------------------------------ dateline fast path
LABEL_WORDS = ["Published", "Updated", "Last", "updated:", "Posted", "Date:", "on", "at", "Monday", "May",
               "EST", "UTC", "Z", "a", "PM", "of", "Sept", "h", "The", "NEWS"]
DATES = ["March 3, 2024", "Mar. 3, 2024, 9:15 PM", "Sept 30, 2019, 12:05 am", "2024-03-03", "May 31, 2031",
         "Feb 30, 2024", "March 3, 2024 9:15 AM EST", "3 March 2024"]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(LABEL_WORDS), max_size=4), st.sampled_from(DATES))
def test_the_dateline_fast_path_with_a_label_gives_dateutils_answer_or_steps_aside(label, date):
    """A label before the date ("Published", "Last updated:") is skipped by the fast path
    only where dateutil's fuzzy parse skips it too: the same answer either way."""
    text = " ".join([*label, date])
    fast = extract.parse_common_dateline(text)
    if fast is not None:
        assert fast == extract._parse_published_fuzzy(text), text
    assert extract.parse_published(text) == extract._parse_published_fuzzy(text), text


def test_labelled_datelines_take_the_fast_path():
    assert extract.parse_common_dateline("Published March 3, 2024, 9:15 PM") is not None
    assert extract.parse_common_dateline("Last updated: Mar. 3, 2024") is not None
    assert extract.parse_common_dateline("Posted on March 3, 2024") is None  # "on": dateutil's word


def test_a_less_than_sign_does_not_hide_the_text():
    """CLD2 reads its input as HTML unless told it is plain text: "(<10 %)" would open a
    "tag" that swallows the rest, and the text would come back unidentified."""
    text = "(<10 %) " + ONE_LANGUAGE["ru"]
    assert extract.language_score(text)[0] == "ru"

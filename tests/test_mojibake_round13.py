"""Mojibake kinds found by garbling round 12's news pages every way (their text only,
never their labels), one test each with sentences written here, plus invariants over
generated clean text: Cyrillic words with the rare letters that look like UTF-8
continuation bytes, and CJK/Hangul/Indic lines, come back unchanged."""
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


@pytest.mark.parametrize("clean", [
    "Главная\n首页\n国内新闻",                     # a menu of Chinese items after a Russian one
    "뉴스 홈\n경제\n입력 2026.11.30 08:15",          # Hangul, with a date
    "ニュース\nスポーツ\n天気予報",                  # katakana with the prolonged sound mark
    "होम\nखेल\nमनोरंजन",                            # Devanagari, with vowel signs
    "หน้าแรก\nข่าวด่วน",                             # Thai
])
def test_short_menu_lines_of_three_byte_scripts_read_as_cp1251_are_repaired(clean):
    garbled = _garbled("cp1251", clean)
    assert repair(garbled)[0] == clean


@pytest.mark.parametrize("clean", [
    "La piscina comunale di Valdorso riaprirà lunedì dopo tre mesi di lavori al tetto.",
    "Ny tanàna vaovao dia manana hopitaly roa sy sekoly dimy hatramin'ny taona lasa.",
])
def test_a_grave_read_as_cp1251_inside_a_latin_word_is_repaired(clean):
    assert repair(_garbled("cp1251", clean))[0] == clean


@pytest.mark.parametrize("clean", [
    "The new reservoir near Holloway covers 3.4 km² and holds enough water for the town.",
    "Each flat has a floor of 68 m² and a cellar of 12 m³ under the north wing.",
])
def test_a_power_of_a_unit_read_as_cp1251_in_a_latin_line_is_repaired(clean):
    assert repair(_garbled("cp1251", clean))[0] == clean


@pytest.mark.parametrize("clean", [
    "Oxbridge Herald | Updated: Nov 28, 2026, 09:05 GMT",
    "Lisboa, 27 nov 2026 - 18:40 WET",
    "Last updated 7:45 PM EST",
    "सत्यापित: 21 नवंबर 2026, 04:10 PM IST",
    "ਅਪਡੇਟ: 11:02 IST",
])
def test_a_lost_nbsp_after_a_time_zone_at_a_line_end_is_dropped(clean):
    assert repair(_garbled("nbsp-lost-eol", clean))[0] == clean


@pytest.mark.parametrize("clean", [
    "Il sindaco ha visitato la città",           # "Ã\xa0" itself ends the word
    "ọ̀nà márùn-ún ní ìlú Ọ̀fadà",                # Yoruba: combining marks, then à
    "보궐선거 결과 김민서 후보 당선",              # Hangul whose last byte is 0xA0
])
def test_a_lost_nbsp_after_a_sequence_ending_in_a0_is_dropped(clean):
    assert repair(_garbled("nbsp-lost-eol", clean))[0] == clean


@pytest.mark.parametrize("clean", [
    "SESSÃO DA CÂMARA\nPRAÇA DO POVO",            # a word in capitals ending a line
    "BUGÜN HÂLÂ\nAÇIK",                          # Turkish capitals ending in Â
    "Pociąg o 12:35 CÂ\nnastępny",                # a capital letter after a time: not a zone we know
])
def test_capitals_ending_in_a_circumflex_stay(clean):
    assert repair(clean)[0] == clean


# Real Ukrainian, Serbian, Macedonian and Belarusian words full of the letters cp1251
# puts among UTF-8's continuation bytes (і ї є ґ ў ђ љ њ ћ џ ј ѕ), and punctuation.
_CYRILLIC_WORDS = (
    "її", "їжак", "єдність", "ґанок", "Київ", "Ґудзь", "Євген", "місії", "зв'язок", "Їх",
    "ђак", "љубав", "њива", "ћерка", "џеп", "јабука", "ѕвезда", "Ђорђе", "Љубљана", "Њујорк",
    "Ћуприја", "Џон", "Јован", "ѕид", "ўзрост", "Ўладзімір", "беларускі", "ноћ", "љуљашка",
    "гњев", "пријатељ", "вођа", "Шћепан", "сјај", "грађанин", "Ѓорѓи", "ќерка", "Ќе",
)
_PUNCTUATION = (" ", " ", " ", ", ", ". ", " — ", " «", "» ", " (", ") ", "\n", ": ", "\u00a0")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_CYRILLIC_WORDS), st.sampled_from(_PUNCTUATION)), min_size=1, max_size=12))
def test_clean_cyrillic_with_rare_letters_is_never_changed(pieces):
    text = "".join(word + mark for word, mark in pieces).strip()
    assert repair(text)[0] == text


_FAR_SCRIPT_WORDS = (
    "首页", "国内", "国际", "体育", "뉴스", "경제", "입력", "スポーツ", "ニュース", "होम", "खेल",
    "หน้าแรก", "ข่าว", "ಮುಖಪುಟ", "முகப்பு", "হোম", "ሀገር", "ዜና", "2026.12.03", "48.2%", "…",
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FAR_SCRIPT_WORDS), min_size=1, max_size=8), st.sampled_from([" ", "\n", " | "]))
def test_clean_lines_of_three_byte_scripts_are_never_changed(words, sep):
    text = sep.join(words)
    assert repair(text)[0] == text


@pytest.mark.parametrize("clean", [
    '"Kwame ëgu the market price of rice rose by 15 CFA"',                      # a quoted headline
    'She told us, "Taa ka ị ga-amụta ofe nsala," and laughed.',                # quoted speech
    '« Le café de la gare ferme à midi », a dit le maire.',
])
def test_real_mojibake_inside_a_quoted_sentence_is_repaired(clean):
    for kind in ("utf8-as-cp1252", "mac-roman"):
        garbled, expected = garble(kind, clean)
        assert repair(garbled)[0] == expected


@pytest.mark.parametrize("text", [
    "Im Betreff stand „FÃ¼r Sie“ statt „Für Sie“.",
    'The sign showed "CafÃ©" instead of "Café".',
    "El sistema mostraba «Ã±» en lugar de «ñ».",
    'A reader wrote that "â€™ appears everywhere" in the old archive.',
])
def test_quoted_mojibake_examples_stay(text):
    assert repair(text)[0] == text

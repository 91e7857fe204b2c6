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

- UTF-8 read through cp1250, ISO-8859-2 or cp1257 often reads more than one way line by
  line; the document's other lines say which code page garbled it.
- A short line of Arabic script read as cp1251 ("Ъ©Щ€Ш±") is too little evidence alone;
  on a page whose other lines decoded through cp1251 into that script, it decodes too.

Every sentence here is written for this test. The repair tests fail on round 15's code.
"""
from __future__ import annotations

import random

import ftfy
import pytest

from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG, repair
from tests.mojibake_corpus import OTHER_CODEC_GARBLINGS, garble


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


# --- UTF-8 read through the other code pages ftfy knows: the document decides ---------

def read_as(codec: str, text: str) -> str:
    return text.encode("utf-8").decode(codec)


@pytest.mark.parametrize("codec, text", [
    # Only cp1257 reads "gefréiert" (cp1250 would put a capital inside the word); the
    # one-word lines read through cp1250 too, and take the document's code page.
    ("cp1257", "Et war kal an der Nuecht, et huet gefréiert.\nMéindeg\nDënschdeg"),
    # "Ā" after "€"'s byte: only ISO-8859-2 reads that line; "Nūhou" reads both ways.
    ("iso8859_2", "Ka ʻĀina\nNā Nūhou\nUa hōʻea ka waʻa i ke kakahiaka"),
    ("iso8859_2", "Boletín nº 12: a série começa amanhã"),
])
def test_the_documents_code_page_decides_ambiguous_lines(codec, text):
    assert repair(read_as(codec, text))[0] == text


@pytest.mark.parametrize("text", ["Naʻe fakahoko ʻi he Sāpate", "Sì, ed è facile da usare."])
def test_a_line_alone_takes_the_reading_with_letters_text_writes(text):
    # Through cp1250 these read "Naʝe" (a phonetic letter) and "SÏ": ftfy's answers.
    assert repair(read_as("iso8859_2", text))[0] == text


@pytest.mark.parametrize("codec", ["cp1250", "iso8859_2", "cp1253", "cp1257"])
def test_a_currency_sign_before_a_number(codec):
    text = "The treasurer took more than £61,000 from the hall's fund."
    assert repair(read_as(codec, text))[0] == text


def test_a_middle_dot_between_spaces_read_as_iso_8859_2():
    text = "Pubblicato da marco · 3 giorni fa · 412 visite"
    assert repair(read_as("iso8859_2", text))[0] == text


@pytest.mark.parametrize("text", [
    "Το ΑΒ£5 είναι ένας κωδικός",      # a Greek capital before a pound sign: clean Greek
    "¡Hola! ¿Qué tal? Todo bien.",
    "Cena: 12 zł · dostawa 5 zł",
])
def test_clean_lines_beyond_cp1252_stay(text):
    assert repair(text)[0] == text


# Property: over generated documents in many languages garbled through each other code
# page, we are never wrong where ftfy (the corpus config) is right.
LANGUAGE_WORDS = {
    "pl": "szczęście żółw gęś łódź ślub źródło mówić będzie także".split(),
    "cs": "příliš žluťoučký kůň úpěl ďábelské ódy čeština řeka".split(),
    "lt": "ąžuolas šuo žąsis ėjo ūkis įvykis ščiukė".split(),
    "pt": "não ação série amanhã começa você boletín nº está".split(),
    "haw": "ʻāina nūhou hōʻea waʻa kakahiaka aliʻi".split(),
    "fo": "forsíða tíðindi ítróttur minningarorð ára deyð".split(),
    "el": "ειδήσεις αθλητισμός καιρός πόλη σήμερα χθες".split(),
    "tr": "güneş ılık şehir çiçek öğretmen ağaç".split(),
}
@pytest.mark.parametrize("seed", range(60))
def test_never_wrong_where_ftfy_is_right_on_generated_documents(seed):
    rng = random.Random(1600 + seed)
    words = LANGUAGE_WORDS[rng.choice(sorted(LANGUAGE_WORDS))]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 5)))
    garbled, clean = garble(rng.choice(sorted(OTHER_CODEC_GARBLINGS)), text)
    ours = repair(garbled)[0]
    theirs = ftfy.fix_text(garbled, config=DATATROVE_FTFY_CONFIG)
    assert not (theirs == clean and ours != clean), (garbled, ours)


# --- cp1251: short lines of a non-European script decode like the rest of the page -----

ARABIC_SCRIPT_DOCUMENTS = [
    # Persian: a menu of short words, one of them three letters
    "خبرها\nورزش\nفرهنگ\nکار\nهوای امروز در شهر سرد است.",
    # Urdu
    "صفحہ اول\nکھیل\nدن\nشہر میں آج بارش ہوئی۔",
    # Arabic
    "الأخبار\nرياضة\nطقس\nجو\nأعلن المجلس عن خطة جديدة للنقل.",
]


@pytest.mark.parametrize("text", ARABIC_SCRIPT_DOCUMENTS)
def test_short_lines_of_a_cp1251_page_in_arabic_script(text):
    garbled = text.encode("utf-8").decode("windows-1251")
    assert repair(garbled)[0] == text


def test_a_clean_cyrillic_page_stays():
    text = "Новости\nЩи и каша\nШЁ\nГород готовится к зиме."
    assert repair(text)[0] == text


# --- a stranded "Â" after a capital at a line end, on a page that lost other NBSPs -----

@pytest.mark.parametrize("garbled, clean", [
    ("Redio ButerevuÂ\nTVÂ\nOkubala obululu", "Redio Buterevu\nTV\nOkubala obululu"),
    ("Escúchalo en: Spotify Â· iVoox Â· RSSÂ\nEpisodio 4", "Escúchalo en: Spotify · iVoox · RSS\nEpisodio 4"),
    ("Bei:Â\nPreis: 1100 DAÂ\nMehr", "Bei:\nPreis: 1100 DA\nMehr"),
])
def test_a_stranded_nbsp_after_a_capital_on_a_page_that_lost_others(garbled, clean):
    assert repair(garbled)[0] == clean


@pytest.mark.parametrize("text", ["CÂMARA MUNICIPAL\nROMÂNIA", "IRMÃ\nSÃO PAULO", "Notícias\nTVÂ"])
def test_capitals_ending_in_a_or_alone_stay(text):
    # Without other lost NBSPs on the page, "TVÂ" is left as it is (round 15's rule).
    assert repair(text)[0] == text

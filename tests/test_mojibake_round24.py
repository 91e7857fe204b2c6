"""Round 24: rows under 99 % on languages nobody tuned for.

- A page's code page reads every garbled line of it, the lines written in cp1252's
  characters too: a cp1250 page's dash ``â€“`` is no ISO-8859-2 reading (ISO-8859-2 lacks
  "€" and "“"), so its "hĹŤpe'a" is cp1250's "hōpe'a", not ISO-8859-2's "hūpe'a".
- Lone letters the page's evidence did not reach: Navajo "ʼ" read as Mac Roman at a word's
  end (``Nidaa\\xa0º``) where the text writes letter apostrophes already; an IPA letter
  read as cp1252 or Mac Roman between a capital and a small letter ("Sɣur").
- A modifier letter ("ʷ") is of the letters it modifies (partially fixed Salish words).
- Irish "na hÁise" puts a capital after a mutation prefix: no capital inside a word.
- A page tying cp1252 with another code page: CLDR's alphabets, then the words' case
  (Esperanto "ŝ", Old Prussian "ō" through cp1257; the case rule's own test is its doctest).
- A line in cp1252's characters that cp1252 reads not at all (Armenian, Lithuanian through
  cp1257) or into another script glued to Latin letters ("ṭ" through ISO-8859-2).
- A capital second in a word of small letters ("NĊkaragva") is misplaced.
- Uzbek "o‘" written with a left quote is at home in a word (no single-byte Mac Roman).

Every sentence is written for this test. Those in FAIL_ON_MAIN fail on main at round
24's start; the negative ones pass on both.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.mojibake import repair
from tests.mojibake_corpus import kinds_where_ftfy_alone_is_right, repaired, sample_pages


FAIL_ON_MAIN = [
    # a cp1250 page: its dash line reads through cp1250 and cp1252, never ISO-8859-2
    ("utf8-as-cp1250", "E piti va'a tei tā'ati i te mahana.\nTe mau hōpe'a:\n1. Teva Nui – 1h 24min"),
    # Navajo: one line decoded whole, "ʼ" alone at a word's end on the next
    ("mac-roman", "Ałah ájíʼ naazná yiltsʼą́ą́ʼ\nNidaaʼ"),
    # an IPA letter between a capital and a small letter, the line's only pair
    ("utf8-as-cp1252", "Sɣur Hmad"),
    ("mac-roman", "Sɣur Hmad Azrur"),
    # a modifier letter beside a pair left once garbled in a partially fixed word, and a
    # pair decoding to one between letters
    ("partially-fixed", "Spokane: Sqelixʷ sn̓x̌ʷəlqʷ"),
    ("utf8-as-cp1252", "nin yegʷjen ass"),
    # Irish mutations through ISO-8859-2 ("hÁise", "tSín"; "á" is "å" through cp1250)
    ("utf8-as-iso-8859-2", "an tSín agus na hÁise, Ceanada agus an Spáinn, Meiriceá Láir"),
    # Esperanto through cp1257: every pair in cp1252's characters, "ŝ" read as "ů"
    ("utf8-as-cp1257", "Kinŝasa kaj Liĥtenŝtejno en Eŭropo\nŝi parolas la ŝonan lingvon"),
    # Armenian through cp1257, one word a line
    ("utf8-as-cp1257", "Սողոմոնյան\nկղզիներ\nՍերբիա"),
    # Lithuanian through cp1257: "į" is "ÄÆ", which cp1252 cannot decode
    ("utf8-as-cp1257", "Vilniaus tiltas sutrumpins kelią į senamiestį"),
    # Kikuyu-like "ĩ" through ISO-8859-2, second in a capitalised word
    ("utf8-as-iso-8859-2", "Nĩkaragva"),
    # Tongan through ISO-8859-2: "ē" there is a C1 control cp1250 cannot show
    ("utf8-as-iso-8859-2", "Sēpia\nSā\nLūsia"),
    # a three-byte letter through ISO-8859-2 whose last byte is a soft hyphen
    ("utf8-as-iso-8859-2", "sawṭumi d prinsi"),
    # Mazanderani-like digits alone on a line of a page read through cp437
    ("utf8-as-cp437", "خبرا ورزش فرهنگ\n۰۹:۱۰"),
    # Uzbek letter apostrophes as cp1252's quotes read as Latin-1
    ("c1-controls", "Amerika Qo‘shma Shtatlari, G‘arbiy"),
]


@pytest.mark.parametrize("kind, text", FAIL_ON_MAIN)
def test_repaired_where_main_was_wrong(kind, text):
    ours, clean = repaired(kind, text)
    assert ours == clean


NEGATIVES = [
    # Norwegian capitals that read through cp1257 ("HŨYA"), clean
    "HÅØYA ER BLÅØYD",
    # an ordinal sign after a letter, no letter apostrophe on the page
    "Art\xa0º 5 e 25\xa0ºC",
    # Irish, clean
    "Tá an tSín agus na hÁise i bhfad ó Éirinn.",
    # Lithuanian and Armenian, clean
    "Vilniaus tiltas sutrumpins kelią į senamiestį",
    "Սողոմոնյան կղզիներ",
    # a capital second in a word, clean and in capitals
    "ĽUDIA a DŽo",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_left_alone(text):
    assert repair(text)[0] == text


# --- property tests ----------------------------------------------------------------------------

SENTENCES = [
    "E piti va'a tei tā'ati i te mahana, te mau hōpe'a – 1h.",
    "Ałah ájíʼ naazná, Nidaaʼ.",
    "Sɣur Hmad Amaziɣ, nin yegʷjen.",
    "an tSín agus na hÁise, Ceanada agus an Spáinn.",
    "Kinŝasa kaj Liĥtenŝtejno en Eŭropo.",
    "Indōnezija prancōziskan pōliskan.",
    "Vilniaus tiltas sutrumpins kelią į senamiestį.",
    "Nĩkaragva na Sĩbabuwe, Lūsia.",
]


@pytest.mark.parametrize("seed", range(3))
def test_never_wrong_where_ftfy_is_right(seed):
    """Generated pages × every kind: where ftfy (the corpus config) gives back the clean
    text, so do we."""
    pages = sample_pages(SENTENCES, seed, 10)
    assert [(page, kinds) for page in pages if (kinds := kinds_where_ftfy_alone_is_right(page))] == []


@pytest.mark.parametrize("seed", range(2))
def test_garbled_pages_come_back(seed):
    """Generated pages of these sentences, garbled through the code pages this round's
    rules read, come back whole."""
    kinds = ("utf8-as-cp1257", "utf8-as-iso-8859-2", "utf8-as-cp1252", "mac-roman")
    wrong = [(kind, page) for page in sample_pages(SENTENCES, seed, 8) for kind in kinds
             if (result := repaired(kind, page))[0] != result[1]]
    assert len(wrong) <= 2, wrong


# Letters of the orthographies above, signs, Latin-1 capitals that lead no UTF-8 pair
# ("Á" is C1, never a lead): clean text made of them is never changed.
_ALPHABET = "abdeghiklmnorstuwyɣʷŝĉĥĩōūįṭáÁ’‘ º£ \xa0"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=40))
def test_clean_text_of_these_letters_unchanged(text):
    assert repair(text)[0] == text

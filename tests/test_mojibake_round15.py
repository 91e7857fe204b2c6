"""Round 15's mojibake repairs: UTF-8 read through the other single-byte codecs ftfy knows
(cp1250, ISO-8859-2, cp1253, cp1254, cp1257, cp437), and two places where our repairs hid
such text from ftfy. Sentences written for these tests."""
from __future__ import annotations

import random

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG, repair
from corpus_clean.mojibake.detect import only_typographic_pairs
from tests.mojibake_corpus import OTHER_CODEC_GARBLINGS, SENTENCES, clean_documents


def fixed(text: str) -> str:
    return repair(text)[0]


# (codec, sentence in a language whose readers used such a code page, or not)
READ_THROUGH = [
    ("sloppy-windows-1253", "Le conseil a voté le budget de l’école à l’unanimité."),
    ("sloppy-windows-1253", "Die Brücke über den Fluss wird im Frühjahr erneuert."),
    ("sloppy-windows-1250", "Příští týden začne oprava mostu přes řeku."),
    ("sloppy-windows-1250", "Señora Núñez llegó tarde a la reunión del jueves."),
    ("sloppy-windows-1250", "Le cœur de la ville bat pour ses sœurs."),   # "Ĺ“": a quote mark inside a word
    ("iso-8859-2", "Władze miasta ogłosiły nowy rozkład jazdy autobusów."),
    ("iso-8859-2", "A gyűlés után a polgármester interjút adott."),
    ("sloppy-windows-1257", "Vilniaus gatvėse šiandien buvo daug žmonių."),
    ("sloppy-windows-1257", "La bibliothèque restera fermée jusqu’à lundi."),
    ("sloppy-windows-1254", "Yarın sabah İstanbul’da yağmur bekleniyor."),
    ("cp437", "Le café du coin ouvre à sept heures — même le dimanche."),
    ("cp437", "Der Bäcker öffnet um sechs Uhr früh."),
]


@pytest.mark.parametrize("codec, sentence", READ_THROUGH)
def test_a_line_read_whole_through_another_codepage_is_decoded(codec, sentence):
    garbled = sentence.encode("utf-8").decode(codec)
    assert garbled != sentence
    assert fixed(garbled) == sentence


@pytest.mark.parametrize("codec, sentence", READ_THROUGH)
def test_never_worse_than_ftfy_on_another_codepage(codec, sentence):
    garbled = sentence.encode("utf-8").decode(codec)
    if ftfy.fix_text(garbled, DATATROVE_FTFY_CONFIG) == sentence:
        assert fixed(garbled) == sentence


def test_one_pair_inside_a_word_is_enough():
    # "ñ" read through cp1257: one pair, between two letters of its own script.
    assert fixed("La niña llegó".encode("utf-8").decode("sloppy-windows-1257")) == "La niña llegó"
    assert fixed("El ni" + "ñ".encode("utf-8").decode("sloppy-windows-1257") + "o") == "El niño"


def test_a_lone_pair_between_spaces_stays():
    text = "Koeficient Ć© je malý."   # a Czech line with a symbol pair of its own
    assert fixed(text) == text


@pytest.mark.parametrize("text", [
    "CASA NOVĂ\u00a0 ȘI GRĂDINA",     # Romanian capitals before NBSP: typography
    "MARCA ÎNREGISTRATĂ™",            # a capital before a trademark sign
    "├┤a┼┐a┼┐a┼┐a",                  # a DOS box drawing
    "Το σπίτι του Ανδρέα είναι κοντά στη θάλασσα.",
    "Łódź i Gdańsk leżą w Polsce; żółć, gęślą jaźń.",
    "Lietuvos sostinė yra Vilnius, o uostamiestis – Klaipėda.",
    "Ovo je čađa, a ono je šećer i žito.",
])
def test_clean_text_in_those_codepages_letters_stays(text):
    assert fixed(text) == text


def test_c1_control_after_another_codepages_lead_goes_to_ftfy():
    # ISO-8859-2 shows "Ö" (C3 96) as "Ă" + the C1 control U+0096; read as cp1252 ("Ă–")
    # the sequence would be hidden from ftfy's decoding.
    garbled = "DER GRÖSSTE ÜBERRASCHUNG".encode("utf-8").decode("iso-8859-2")
    assert fixed(garbled) == "DER GRÖSSTE ÜBERRASCHUNG"
    # cp1253 leaves 0x8C undefined: "Č" (C4 8C) is "Δ" + U+008C.
    garbled = "Čas je zlato.".encode("utf-8").decode("sloppy-windows-1253")
    assert fixed(garbled) == "Čas je zlato."


def test_a_mark_right_after_a_letter_opens_no_quotation():
    # "Ρ‹" is Cyrillic "ы" read as cp1253: its "‹" is a byte, not an opening mark, so the
    # "Ò›" later in the line closes no quotation (the typography guard must not hold).
    garbled = "Күн ашық болды.".encode("utf-8").decode("sloppy-windows-1253")
    assert not only_typographic_pairs(garbled)
    assert fixed(garbled) == "Күн ашық болды."
    assert only_typographic_pairs("Il a dit ‹IRMÃ›.")   # a real quotation still counts


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(sorted(OTHER_CODEC_GARBLINGS)))
def test_written_sentences_read_through_any_other_codepage_are_never_worse_than_ftfy(seed, kind):
    """Property: for documents of the corpus's written sentences (any language, capitals
    now and then), garbled through one of the other codecs, ours is right wherever ftfy
    is, and clean documents never change."""
    pool = [s for sentences in SENTENCES.values() for s in sentences]
    rng = random.Random(seed)
    doc = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.2:
        doc = doc.upper()
    assert fixed(doc) == doc
    garbled = OTHER_CODEC_GARBLINGS[kind](doc)
    if ftfy.fix_text(garbled, DATATROVE_FTFY_CONFIG) == doc:
        assert fixed(garbled) == doc


def test_generated_documents_through_other_codepages_score_at_least_ftfys():
    """Over 300 generated documents (pseudo-words included) per codec: ours exact at
    least as often as ftfy, and at most 1 % of cases where ftfy is right and we are not."""
    docs = clean_documents(random.Random(2027), 300)
    for kind, garble in OTHER_CODEC_GARBLINGS.items():
        ours = theirs = only_theirs = 0
        for doc in docs:
            garbled = garble(doc)
            mine, ftfys = fixed(garbled) == doc, ftfy.fix_text(garbled, DATATROVE_FTFY_CONFIG) == doc
            ours += mine
            theirs += ftfys
            only_theirs += ftfys and not mine
        assert ours >= theirs, kind
        assert only_theirs <= 3, kind

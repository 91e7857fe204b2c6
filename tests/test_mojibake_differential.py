"""Our mojibake repair against ftfy (corpus config), and our own hard negatives.

Principle under test: where ftfy and our repair disagree, the disagreement is one of our
NAMED repair kinds (ours right, ftfy wrong; each has a test below), or ftfy changing
clean text we keep. "ftfy right, ours wrong", "ours changes clean text" and "both wrong,
ours further off" are bugs. Clean multilingual text (written for this project, or
generated pseudo-words), all-caps headlines, NBSP next to capitals and text that quotes
mojibake on purpose must come back byte-identical, with no marker for validation.

The large version of the differential run is benchmarks/mojibake_differential.py.
"""
from __future__ import annotations

import random
from collections import Counter

import ftfy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG, find_markers, repair
from tests.mojibake_corpus import (
    BUG_KINDS,
    GARBLINGS,
    HARD_NEGATIVES,
    HARD_NEGATIVES_ROUND10,
    NAMED_KINDS,
    SENTENCES,
    as_cp1251,
    as_cp1252,
    classify_disagreement,
    clean_documents,
    garble,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ftfy_corpus(text: str) -> str:
    return ftfy.fix_text(text, config=DATATROVE_FTFY_CONFIG)


def fixed(text: str) -> str:
    return repair(text)[0]


# ---------------------------------------------------------------- hard negatives


@pytest.mark.parametrize("text", HARD_NEGATIVES + HARD_NEGATIVES_ROUND10)
def test_hard_negative_unchanged_and_not_flagged(text):
    assert fixed(text) == text
    assert find_markers(text) == []


def test_generated_clean_documents_unchanged_and_not_flagged():
    docs = clean_documents(random.Random(3), 1500)
    assert [doc for doc in docs if fixed(doc) != doc] == []
    assert [doc for doc in docs if find_markers(doc)] == []


ALL_SENTENCES = [sentence for sentences in SENTENCES.values() for sentence in sentences]
CAPS_ENDINGS = ["SELKÄ", "IRMÃ", "ROMÂ", "CAFÉ", "GRÜß", "ÉTÉ", "TÜRKÇE", "MAÇÃ", "ÅÄÖ", "ÞÆÐ"]


@FAST
@given(st.lists(st.sampled_from(ALL_SENTENCES), min_size=1, max_size=3), st.sampled_from(CAPS_ENDINGS),
       st.sampled_from(["\u00a0", " ", "\u00a0\u00a0", "\u202f"]))
@example(["Il y a 3 000 habitants."], "SELKÄ", "\u00a0")
def test_property_all_caps_headlines_with_nbsp_after_capitals_unchanged(sentences, word, space):
    """All-caps headlines in many languages, with a capital ending a word before NBSP."""
    text = (word + space + " ".join(sentences)).upper()
    assert fixed(text) == text
    assert find_markers(text) == []


QUOTES = [("“", "”"), ("«", "»"), ("« ", " »"), ("„", "“"), ('"', '"'), ("‘", "’")]
QUOTED_WORDS = ["café", "été", "Größe", "çà", "żółw", "ñandú", "São", "’", "привет", "Ελλάδα"]


@FAST
@given(st.sampled_from(ALL_SENTENCES), st.sampled_from(QUOTES), st.sampled_from(QUOTED_WORDS),
       st.sampled_from([as_cp1252, as_cp1251]), st.booleans())
@example("The sign showed", ('"', '"'), "café", as_cp1252, False)
def test_property_text_quoting_mojibake_on_purpose_unchanged(sentence, quotes, word, garbling, with_clean_form):
    """A text about encoding errors quotes the garbled form of a word (and perhaps the
    clean one): neither the repair nor validation may touch it."""
    opening, closing = quotes
    text = f"{sentence} {opening}{garbling(word)}{closing}"
    if with_clean_form:
        text += f" instead of {opening}{word}{closing}."
    assert fixed(text) == text
    assert find_markers(text) == []


# ---------------------------------------------------------------- differential


def test_differential_against_ftfy_every_disagreement_is_a_named_kind():
    """Clean documents and every garbling of them: ours vs ftfy, each disagreement classified."""
    docs = clean_documents(random.Random(11), 120)
    kinds: Counter = Counter()
    bugs = []
    cases = [(doc, doc) for doc in docs + HARD_NEGATIVES]
    for doc in docs:
        for name in GARBLINGS:
            garbled, clean = garble(name, doc)
            if garbled != clean:
                cases.append((garbled, clean))
    for garbled, clean in cases:
        ours, fixes = repair(garbled)
        kind = classify_disagreement(garbled, clean, ours, ftfy_corpus(garbled), fixes)
        kinds[kind] += 1
        if kind in BUG_KINDS:
            bugs.append((kind, garbled, ours, clean))
    assert bugs == []
    assert set(kinds) - {None} <= set(NAMED_KINDS)
    # the run is big enough to show our repairs at work, and ftfy agreeing on the rest
    assert kinds[None] > len(cases) / 2
    assert {"html_entity_per_line", "nbsp_lost_eol", "span_redecode"} <= set(kinds)


def test_classifier_calls_ftfy_right_ours_wrong_a_bug():
    assert classify_disagreement("cafÃ©", "café", "cafÃ©", "café", {}) == "bug: ftfy right, ours wrong"
    assert classify_disagreement("ok", "ok", "OK", "ok", {}) == "bug: ours changes clean text"
    assert classify_disagreement("x", "abcdef", "zzzzzz", "abcdez", {}) == "bug: both wrong, differently"


# One test per named kind: a case where ftfy (corpus config) is wrong and we are right.
# The same kinds have broader tests (property tests) in tests/test_mojibake.py.


def _ours_right_ftfy_wrong(garbled: str, clean: str, kind: str):
    ours, fixes = repair(garbled)
    theirs = ftfy_corpus(garbled)
    assert ours == clean
    assert theirs != clean
    assert classify_disagreement(garbled, clean, ours, theirs, fixes) == kind


def test_named_kind_html_entity_per_line():
    _ours_right_ftfy_wrong("5 < 6\nS&eacute;rie &amp; caf&eacute;", "5 < 6\nSérie & café", "html_entity_per_line")


def test_named_kind_nbsp_lost_eol():
    _ours_right_ftfy_wrong("Il a dit oui.Â\nPuis il est parti", "Il a dit oui.\nPuis il est parti", "nbsp_lost_eol")


def test_named_kind_nbsp_lost_space():
    clean = "Una discesa al limite della praticabilità, ancor più insidiosa."
    _ours_right_ftfy_wrong(as_cp1252(clean).replace("\u00a0", " "), clean, "nbsp_lost_space")


def test_named_kind_lossy_quote():
    clean = "Il a dit “oui” hier."
    garbled = clean.encode("utf-8").decode("windows-1252", errors="replace")
    _ours_right_ftfy_wrong(garbled, clean, "lossy_quote")


def test_named_kind_c1_as_mac_roman():
    clean = "Habitantes de Coatlán confían en el proyecto."
    _ours_right_ftfy_wrong(clean.encode("mac_roman").decode("latin-1"), clean, "c1_as_mac_roman")


def test_c1_controls_read_as_cp1252_unless_a_word_says_mac_roman():
    assert fixed("don\x92t say \x93yes\x94") == "don’t say “yes”"
    assert fixed("tur\x92stico") == "tur’stico"  # an apostrophe is at home in a word


def test_named_kind_span_redecode():
    clean = "Dansk gør det. Gæster på ferie."
    _ours_right_ftfy_wrong("Dansk gør det. " + as_cp1252("Gæster på ferie."), clean, "span_redecode")


def test_named_kind_other_codec():
    clean = "Die Brücke über den Fluss wird im Frühjahr erneuert."   # read on a Greek code page
    _ours_right_ftfy_wrong(clean.encode("utf-8").decode("sloppy-windows-1253"), clean, "other_codec")


def test_named_kind_clean_text_guard():
    text = "MISUTÂ\u00a0AJIKKO"
    assert ftfy_corpus(text) != text
    assert classify_disagreement(text, text, fixed(text), ftfy_corpus(text), {}) == "clean_text_guard"


def test_every_named_kind_has_its_test():
    tests = {name for name in globals() if name.startswith("test_named_kind_")}
    assert tests == {f"test_named_kind_{kind}" for kind in NAMED_KINDS}

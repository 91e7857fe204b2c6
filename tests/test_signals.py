"""Quality signals: invariants on arbitrary text (hypothesis), known values on texts
written here, batch independence, the Arrow type, and the optional filter."""
from __future__ import annotations

import string

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.signals import (
    GOPHER,
    QualityThresholds,
    compute_signals,
    quality_filter,
    signal_struct_type,
    stop_words,
    with_signals,
)
from tests.conftest import ARTICLE

COUNTS = {"word_count", "stop_word_count", "mean_word_length"}
FRACTIONS = [f.name for f in signal_struct_type() if f.name not in COUNTS]

ascii_text = st.text(alphabet=string.printable, max_size=600)
any_text = st.text(max_size=600)


def signals_of(text: str, lang: str | None = "en") -> dict:
    return compute_signals([text], [lang])[0].as_py()


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(any_text, min_size=1, max_size=6), lang=st.sampled_from(["en", "fr", None, "xx"]))
def test_every_fraction_is_in_0_1_and_counts_are_non_negative(texts, lang):
    for row in compute_signals(texts, [lang] * len(texts)).to_pylist():
        for name in FRACTIONS:
            assert row[name] is None and name == "stop_word_ratio" or 0.0 <= row[name] <= 1.0, (name, row[name])
        assert row["word_count"] >= 0 and row["stop_word_count"] >= 0 and row["mean_word_length"] >= 0


@settings(max_examples=60, deadline=None)
@given(text=ascii_text)
def test_word_count_is_a_plain_whitespace_split_on_ascii(text):
    assert signals_of(text)["word_count"] == len(text.split())


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(ascii_text, min_size=2, max_size=5))
def test_a_document_gets_the_same_signals_alone_or_in_a_batch(texts):
    batch = compute_signals(texts, ["en"] * len(texts)).to_pylist()
    assert batch == [signals_of(text) for text in texts]


def test_empty_text_has_defined_values():
    for lang in ("en", None):
        row = signals_of("", lang)
        assert row["word_count"] == 0 and row["stop_word_count"] == 0 and row["mean_word_length"] == 0.0
        assert row["lang_score"] == 0.0
        assert all(row[name] == 0.0 for name in FRACTIONS if name != "stop_word_ratio")
    assert signals_of("", "en")["stop_word_ratio"] == 0.0
    assert signals_of("", None)["stop_word_ratio"] is None  # no language, no list


def test_an_article_has_the_values_its_text_gives():
    row = signals_of(ARTICLE)
    assert row["word_count"] == len(ARTICLE.split())
    assert 0.3 < row["stop_word_ratio"] < 0.6
    assert row["lang_score"] > 0.9
    assert row["dup_line_frac"] == 0.0 and row["dup_10gram_char_frac"] == 0.0
    # "rebuild the old ferry pier" is in the headline and in the first paragraph.
    assert 0.0 < row["dup_5gram_char_frac"] < 0.15
    # 7 non-empty lines; the three paragraphs and the footer end in a full stop.
    assert row["lines_end_punct_frac"] == pytest.approx(4 / 7)


def test_repetition_signals_see_repeated_lines_and_ngrams():
    line = "Subscribe now for unlimited access to every story we publish"
    row = signals_of("\n".join([line] * 4))
    assert row["dup_line_frac"] == pytest.approx(3 / 4)
    assert row["dup_line_char_frac"] == pytest.approx(3 * len(line) / (4 * len(line) + 3))
    assert row["dup_10gram_char_frac"] == 1.0 and row["top_2gram_char_frac"] > 0.2
    once = signals_of(line)
    assert once["dup_5gram_char_frac"] == 0.0 and once["top_2gram_char_frac"] == 0.0


def test_bullets_ellipses_symbols_and_non_alphabetic_words():
    row = signals_of("• Pier\n• Bridge...\n#news #pier 2024 ---")
    assert row["bullet_line_frac"] == pytest.approx(2 / 3)
    assert row["ellipsis_line_frac"] == pytest.approx(1 / 3)
    assert row["symbol_to_word_ratio"] == pytest.approx(3 / 8)   # two "#", one "..."
    assert row["non_alpha_word_frac"] == pytest.approx(4 / 8)    # •, •, 2024, ---


def test_stop_words_follow_the_language():
    french = "Le conseil municipal vote pour la fermeture du pont et les habitants sont contents."
    assert signals_of(french, "fr")["stop_word_count"] >= 5
    assert signals_of(french, "en")["stop_word_count"] == 0
    assert signals_of(french, None)["stop_word_count"] >= 5  # detected: fr
    assert {"the", "be", "to", "of", "and", "that", "have", "with"} <= stop_words()["en"]


def test_signals_column_round_trips_through_parquet(tmp_path):
    table = pa.table({"id": ["a", "b"], "text": [ARTICLE, ""], "lang": ["en", None]})
    out = with_signals(table)
    assert out.schema.field("signals").type == signal_struct_type()
    pq.write_table(out, tmp_path / "s.parquet")
    back = pq.read_table(tmp_path / "s.parquet")
    assert back.schema.field("signals").type == signal_struct_type()
    assert back.column("signals").to_pylist() == out.column("signals").to_pylist()


@settings(max_examples=30, deadline=None)
@given(text=any_text)
def test_default_thresholds_keep_everything(text):
    assert quality_filter(signals_of(text), QualityThresholds()) == (True, None)


def test_gopher_thresholds_keep_an_article_and_drop_spam_with_a_reason():
    assert quality_filter(signals_of(ARTICLE), GOPHER) == (True, None)
    spam = "\n".join(["Buy cheap tickets now!!! Best prices on the web, click here"] * 20)
    keep, reason = quality_filter(signals_of(spam), GOPHER)
    assert not keep and reason.startswith("max_dup_line_frac: dup_line_frac 0.95 > 0.3")
    keep, reason = quality_filter(signals_of("Too short to be an article."), GOPHER)
    assert (keep, reason) == (False, "min_words: word_count 6 < 50")


# ------------------------------------------------------- the batch word arrays (speed work)

# Arrow holds no surrogates.
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
word_texts = st.lists(st.one_of(unicode_text, st.text(st.sampled_from(list("Aİß ,.'—\n\u00a0\u2028_9Σς")), max_size=40)),
                      min_size=0, max_size=6)


@settings(max_examples=80, deadline=None)
@given(word_texts)
def test_batch_normalised_words_are_normalised_words(texts):
    """One whitespace split of the batch, then one normalisation per distinct word,
    gives each text's `normalised_words` (lowercase, then punctuation removed)."""
    from corpus_clean.signals import batch_normalised_words, normalised_words

    assert batch_normalised_words(texts).word_lists() == [normalised_words(text) for text in texts]


# Hashes: some with distinct high bits (the fast sort), some sharing them (small
# numbers: the exact fallback).
hash_values = st.lists(st.one_of(st.integers(0, 6), st.sampled_from([2**63 + 5, 2**40 + 1, 7 << 50, 2**64 - 1])),
                       max_size=60)


@settings(max_examples=80, deadline=None)
@given(hash_values)
def test_occurrence_counts_match_numpy_unique(values):
    import numpy as np

    from corpus_clean.signals import _occurrences, _repeated

    array = np.array(values, dtype=np.uint64)
    _, inverse, counts = np.unique(array, return_inverse=True, return_counts=True)
    expected = counts[inverse.ravel()] if len(values) else np.zeros(0, dtype=np.int64)
    assert _occurrences(array).tolist() == expected.tolist()
    assert _repeated(array).tolist() == (expected > 1).tolist()


def test_a_last_text_ending_in_a_multibyte_space_splits_like_str_split():
    """pyarrow 26's whitespace split (what the signals used before ``words.BatchWords.split``)
    read past a multi-byte space that ends the data buffer (here 64 bytes, its padding
    boundary): the last text's last word kept its NBSP in about half of the runs."""
    from corpus_clean.signals import batch_normalised_words, normalised_words

    texts = [",tó\U000528619", "İ9.\n \xa0—,ß\xa0", "Σ\u2028A\u2028ß", "A.\n", ",tó\U000528619", "İ9.\n \xa0—,ß\xa0"]
    assert sum(len(text.encode()) for text in texts) == 64
    expected = [normalised_words(text) for text in texts]
    for _ in range(200):
        assert batch_normalised_words(texts).word_lists() == expected

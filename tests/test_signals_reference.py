"""The batch signals (Arrow tokenisation, hashed n-grams counted over the whole batch)
against a plain per-document Python reading of each definition in corpus_clean/signals.py,
on arbitrary Unicode text (hypothesis) and on repetitive text written here."""
from __future__ import annotations

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.signals import (
    DUP_NGRAMS,
    TOP_NGRAMS,
    _fraction,
    compute_signals,
    normalised_words,
    stop_words,
)

# Words from a small vocabulary, so that n-grams repeat; any Unicode in between.
repetitive_text = st.lists(st.sampled_from(["pier", "Pier,", "the", "THE", "İstanbul", "ΟΔΟΣ", "—", "...",
                                            "#tag", "{x}", "lorem ipsum", "x\u2028y", "\x1c", "\n", "\n\n"]),
                           max_size=80).map(" ".join)
# Arrow holds no surrogates; outside the BMP, Arrow's RE2 knows letters newer than this
# Python's Unicode tables (\pL vs str.isalpha: the non_alpha signal's one known difference).
any_text = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=300)


def reference_word_signals(text: str, lang: str) -> dict:
    """word_signals for one text, word by word (Python's str methods and its regex)."""
    raw, words = text.split(), normalised_words(text)
    lexicon = stop_words().get(lang)
    stop = sum(word in lexicon for word in words) if lexicon else 0
    return {
        "word_count": len(raw),
        "mean_word_length": sum(map(len, words)) / len(words) if words else 0.0,
        "symbol_to_word_ratio": _fraction(text.count("#") + text.count("...") + text.count("…"), len(raw)),
        "non_alpha_word_frac": _fraction(sum(not any(ch.isalpha() for ch in word) for word in raw), len(raw)),
        "stop_word_count": stop,
        "stop_word_ratio": _fraction(stop, len(words)) if lexicon else None,
        "curly_bracket_frac": _fraction(text.count("{") + text.count("}"), len(text)),
        "lorem_ipsum_frac": _fraction(text.lower().count("lorem ipsum"), len(text)),
    }


def reference_ngram_signals(words: list[str]) -> dict:
    """Gopher's repetition signals for one document, n-gram by n-gram."""
    total = sum(map(len, words))
    out = {}
    for n in TOP_NGRAMS + DUP_NGRAMS:
        grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
        counts = Counter(grams)
        if n in TOP_NGRAMS:
            repeated = [(count, sum(map(len, gram))) for gram, count in counts.items() if count > 1]
            count, chars = max(repeated, default=(0, 0))
            out[f"top_{n}gram_char_frac"] = _fraction(count * chars, total)
        else:
            covered = set()
            for i, gram in enumerate(grams):
                if counts[gram] > 1:
                    covered.update(range(i, i + n))
            out[f"dup_{n}gram_char_frac"] = _fraction(sum(len(words[i]) for i in covered), total)
    return out


def assert_same(batch_row: dict, reference: dict) -> None:
    for name, expected in reference.items():
        got = batch_row[name]
        if expected is None or got is None:
            assert got is expected, name
        else:
            assert math.isclose(got, expected, rel_tol=0, abs_tol=1e-9), (name, got, expected)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.one_of(repetitive_text, any_text), min_size=1, max_size=6),
       lang=st.sampled_from(["en", "fr", "xx"]))
def test_batch_signals_equal_the_per_document_definitions(texts, lang):
    rows = compute_signals(texts, [lang] * len(texts), [0.5] * len(texts)).to_pylist()
    for text, row in zip(texts, rows):
        assert_same(row, reference_word_signals(text, lang))
        assert_same(row, reference_ngram_signals(normalised_words(text)))


def test_repeated_paragraphs_give_the_reference_values():
    text = "The pier reopens in May, the council said.\n\n" * 3 + "Menu | Home | News\n" * 4
    [row] = compute_signals([text], ["en"], [1.0]).to_pylist()
    assert_same(row, reference_ngram_signals(normalised_words(text)))
    assert row["dup_10gram_char_frac"] > 0.5  # the check above is not vacuous

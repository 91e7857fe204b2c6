"""Quality signals on the clean text, as one Arrow struct column `signals`, and an
optional quality filter over them (off by default: we clean, users decide what to drop).

The signals are the ones the large web-corpus pipelines filter on. Sources:

======================== ==================================================== ===================================
signal                   meaning                                              source
======================== ==================================================== ===================================
word_count               words (``text.split()``)                             Gopher [G] A.1.1: keep 50..100,000
mean_word_length         mean characters per word (punctuation stripped)      [G] A.1.1: keep 3..10
symbol_to_word_ratio     ("#" + "..." + "…") per word, capped at 1            [G] A.1.1: drop > 0.1; [R] rps_doc_symbol_to_word_ratio
bullet_line_frac         lines starting with a bullet (•, -, *, ...)          [G] A.1.1: drop > 0.9
ellipsis_line_frac       lines ending in "..." or "…"                         [G] A.1.1: drop > 0.3
non_alpha_word_frac      words with no alphabetic character                   [G] A.1.1: keep >= 80 % with one (drop > 0.2)
stop_word_count          words in the language's stop-word list               [G] A.1.1: >= 2 of the, be, to, of, and, that, have, with
stop_word_ratio          the same as a fraction of words (null: no list)      [R] rps_doc_stop_word_fraction
lines_end_punct_frac     lines ending in terminal punctuation                 C4 [C] 2.2 (keeps only such lines); [R] rps_lines_ending_with_terminal_punctution_mark
dup_line_frac            lines that repeat an earlier line                    [G] A.1.1 table A1: drop > 0.30
dup_line_char_frac       characters in those lines / all characters           [G] table A1: drop > 0.20
dup_para_frac            paragraphs that repeat an earlier one                [G] table A1: drop > 0.30
dup_para_char_frac       characters in those paragraphs / all characters      [G] table A1: drop > 0.20
top_{2,3,4}gram_char_frac characters in the most frequent word n-gram         [G] table A1: drop > 0.20 / 0.18 / 0.16; [R] rps_doc_frac_chars_top_{2,3,4}gram
dup_{5..10}gram_char_frac characters in words covered by repeated n-grams     [G] table A1: drop > 0.15 .. 0.10; [R] rps_doc_frac_chars_dupe_{5..10}grams
curly_bracket_frac       "{" and "}" per character (code, templates)          [C] 2.2; [R] rps_doc_curly_bracket
lorem_ipsum_frac         "lorem ipsum" occurrences per character              [C] 2.2; [R] rps_doc_lorem_ipsum
lang_score               share of the text in `lang` (CLD2 percent / 100)     cf. CCNet / [R] ccnet_language_score (a fastText probability there)
======================== ==================================================== ===================================

[G] Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from Training
Gopher", appendix A.1.1 (quality and repetition filters, table A1).
[C] Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
Text-to-Text Transformer", section 2.2 (C4).
[R] Together Computer 2023, RedPajama-Data-v2 quality signals (github.com/togethercomputer/
RedPajama-Data, README "Quality Annotations"); Weber et al. 2024, "RedPajama: an Open
Dataset for Training Large Language Models", section 4.

Conventions: a fraction of nothing (no words, no lines) is 0.0, so empty text has defined
values; every fraction is in [0, 1]. n-gram signals use normalised words (lowercased,
punctuation removed), as RedPajama-v2 does, so "Pier." and "pier" are one word.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus_clean import native
from corpus_clean.extract import language_score
from corpus_clean.records import remember_column, string_array
from corpus_clean.words import (_IS_ASCII_SPACE, _WIDE_SPACES, BatchWords, _text_buffers, batch_letters, holds_a_letter,
                                is_letter, remember_split, split_batch, word_holds_a_letter)

try:  # the compiled word pass (corpus_clean/_signals_native.c), when it was built
    from corpus_clean import _signals_native
except ImportError:
    _signals_native = None

STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords.json"
TOP_NGRAMS = (2, 3, 4)
DUP_NGRAMS = (5, 6, 7, 8, 9, 10)

_PUNCTUATION = re.compile(r"[^\w\s]+")
# `_PUNCTUATION`'s ASCII characters, for str.translate to delete.
_ASCII_PUNCTUATION = {code: None for code in range(128) if _PUNCTUATION.match(chr(code))}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", "…", "。", "！", "？", "»")
_ELLIPSES = ("...", "…")
_BULLETS = ("•", "●", "○", "■", "□", "▪", "▫", "◦", "‣", "➤", "►", "–", "- ", "* ", "· ")


@cache
def signal_struct_type() -> pa.StructType:
    """The `signals` column's type: one field per signal (see the module docstring)."""
    floats = ["mean_word_length", "symbol_to_word_ratio", "bullet_line_frac", "ellipsis_line_frac",
              "non_alpha_word_frac"]
    after = ["lines_end_punct_frac", "dup_line_frac", "dup_line_char_frac", "dup_para_frac",
             "dup_para_char_frac"]
    after += [f"top_{n}gram_char_frac" for n in TOP_NGRAMS] + [f"dup_{n}gram_char_frac" for n in DUP_NGRAMS]
    after += ["curly_bracket_frac", "lorem_ipsum_frac", "lang_score"]
    return pa.struct(
        [pa.field("word_count", pa.int64(), nullable=False)]
        + [pa.field(name, pa.float64(), nullable=False) for name in floats]
        + [pa.field("stop_word_count", pa.int64(), nullable=False),
           pa.field("stop_word_ratio", pa.float64(), nullable=True)]
        + [pa.field(name, pa.float64(), nullable=False) for name in after])


@cache
def stop_words() -> dict[str, frozenset[str]]:
    """Language code → stop words, from data/stopwords.json (its `_source` says where from)."""
    data = json.loads(STOPWORDS_FILE.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data.items() if not lang.startswith("_")}


@cache
def _stop_word_array(lang: str) -> pa.Array:
    return pa.array(sorted(stop_words()[lang]), pa.string())


def normalised_words(text: str) -> list[str]:
    """Lowercased words with punctuation removed (digits kept).

    >>> normalised_words("The Pier, it's 2.5 km — long!")
    ['the', 'pier', 'its', '25', 'km', 'long']
    """
    return _PUNCTUATION.sub("", text.lower()).split()


@lru_cache(maxsize=1 << 14)
def normalised_word(word: str) -> str:
    """One whitespace-delimited word as `normalised_words` sees it ("" if nothing is left).
    (Remembered for the last 16k distinct words, ~4 MB: each batch meets mostly the
    words of the batches before it, and a look-up costs a fifth of the work.)

    The same thing word by word: lowercasing never makes or removes whitespace and
    removing punctuation never adds any (both checked over every code point), so
    ``normalised_words(text)`` is the non-empty ``normalised_word(w)`` for ``w`` in
    ``text.split()``. Most words are letters and digits only (``str.isalnum``: exactly
    what the pattern's ``\\w`` means, bar "_"), and skip the regex.

    >>> normalised_word("Pier,"), normalised_word("2.5"), normalised_word("—"), normalised_word("İ")
    ('pier', '25', '', 'i')
    """
    word = word.lower()
    if word.isalnum():
        return word
    if word.isascii():  # "said." or "it's": a table lookup per character, no regex
        return word.translate(_ASCII_PUNCTUATION)
    return _PUNCTUATION.sub("", word)


def batch_normalised_words(texts: list[str]) -> BatchWords:
    """`normalised_words` of every text of a batch: the batch is split at whitespace once
    (``words.split_batch``) and `normalised_word` runs once per distinct word of the
    batch (``BatchWords.normalised``).

    >>> words = batch_normalised_words(["The Pier, it's 2.5 km — long!", "A pier"])
    >>> words.lengths.tolist(), words.word_lists()
    ([6, 2], [['the', 'pier', 'its', '25', 'km', 'long'], ['a', 'pier']])
    """
    return split_batch(texts).normalised(normalised_word)


def _fraction(part: float, whole: float) -> float:
    return min(1.0, part / whole) if whole else 0.0


def _fractions_uncapped(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """part / whole, 0.0 where whole is 0 (a mean, not a fraction: not capped at 1)."""
    part, whole = np.asarray(part, dtype=np.float64), np.asarray(whole, dtype=np.float64)
    return np.divide(part, whole, out=np.zeros(len(part)), where=whole != 0)


def _fractions(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """`_fraction` over arrays: min(1, part / whole), 0.0 where whole is 0."""
    part, whole = np.asarray(part, dtype=np.float64), np.asarray(whole, dtype=np.float64)
    return np.minimum(1.0, np.divide(part, whole, out=np.zeros(len(part)), where=whole != 0))


def duplicate_fractions(parts: list[str], total_chars: int) -> tuple[float, float]:
    """(fraction of parts that repeat an earlier part, their characters / total_chars),
    Gopher's way: the first occurrence is not a duplicate.

    >>> duplicate_fractions(["Menu", "Pier reopens", "Menu", "Menu"], 24)
    (0.5, 0.3333333333333333)
    """
    seen: set[str] = set()
    dup_count = dup_chars = 0
    for part in parts:
        if part in seen:
            dup_count += 1
            dup_chars += len(part)
        else:
            seen.add(part)
    return _fraction(dup_count, len(parts)), _fraction(dup_chars, total_chars)


def line_signals(text: str) -> dict[str, float]:
    """Signals over lines and paragraphs of one text (empty lines are not lines).

    >>> s = line_signals("• one\\n• two...\\nThe end.\\n")
    >>> s["bullet_line_frac"], s["ellipsis_line_frac"], s["lines_end_punct_frac"]
    (0.6666666666666666, 0.3333333333333333, 0.6666666666666666)
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    dup_line, dup_line_chars = duplicate_fractions(lines, len(text))
    dup_para, dup_para_chars = duplicate_fractions(paragraphs, len(text))
    return {
        "bullet_line_frac": _fraction(sum(line.startswith(_BULLETS) for line in lines), len(lines)),
        "ellipsis_line_frac": _fraction(sum(line.endswith(_ELLIPSES) for line in lines), len(lines)),
        "lines_end_punct_frac": _fraction(sum(line.endswith(_TERMINAL) for line in lines), len(lines)),
        "dup_line_frac": dup_line, "dup_line_char_frac": dup_line_chars,
        "dup_para_frac": dup_para, "dup_para_char_frac": dup_para_chars,
    }


def line_signals_numpy(texts: list[str]) -> dict[str, list[float]]:
    """``line_signals`` of every text, as columns: the reference for the compiled
    ``line_signals_native``."""
    rows = [line_signals(text) for text in texts]
    return {name: [row[name] for row in rows] for name in _LINE_SIGNALS}


_LINE_SIGNALS = list(line_signals(""))


def line_signals_native(texts: list[str]) -> dict[str, np.ndarray]:
    """``line_signals_numpy`` with the lines and paragraphs counted in one compiled pass
    (corpus_clean/_native.c); the fractions are the twin's (``_fraction``, element-wise),
    as float64 arrays."""
    from corpus_clean import _native

    counts = np.zeros((len(texts), 9), dtype=np.int64)
    _native.text_line_counts(texts, _BULLETS, _ELLIPSES, _TERMINAL, counts)
    (lines, bullet, ellipsis, terminal, dup_lines, dup_line_chars, paragraphs, dup_paras,
     dup_para_chars) = counts.T
    chars = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return {
        "bullet_line_frac": _fractions(bullet, lines),
        "ellipsis_line_frac": _fractions(ellipsis, lines),
        "lines_end_punct_frac": _fractions(terminal, lines),
        "dup_line_frac": _fractions(dup_lines, lines),
        "dup_line_char_frac": _fractions(dup_line_chars, chars),
        "dup_para_frac": _fractions(dup_paras, paragraphs),
        "dup_para_char_frac": _fractions(dup_para_chars, chars),
    }


def word_signals(texts: list[str], norm: BatchWords, langs: list[str | None],
                 raw: BatchWords | None = None) -> dict[str, list]:
    """Signals over the words of a batch of texts; `norm` are their normalised words
    (``batch_normalised_words``), `raw` their words as ``str.split()`` gives them
    (``words.split_batch``), if the caller has them. Per-word tests run once per distinct
    word of the batch, in Arrow (a Python loop over every word of every document cost as
    much as all the other signals together).

    >>> text = "The pier ... #pier 2024"
    >>> s = word_signals([text], batch_normalised_words([text]), ["en"])
    >>> [s[name].tolist() for name in ("word_count", "symbol_to_word_ratio", "non_alpha_word_frac", "stop_word_count")]
    [[5], [0.4], [0.4], [1]]
    """
    array = pa.array(texts, pa.string())
    raw = raw if raw is not None else split_batch(array)
    no_letter = raw.sum_per_doc(~holds_a_letter(raw.vocabulary)[raw.ids])
    norm_chars = norm.sum_per_doc(norm.per_word(pc.utf8_length(norm.vocabulary)))
    doc_lang = lexicon_langs(langs)
    is_stop = np.zeros(len(norm.ids), dtype=bool)
    for lang in set(doc_lang) - {""}:
        in_lexicon = norm.per_word(pc.is_in(norm.vocabulary, value_set=_stop_word_array(lang)))
        in_lang = np.array([doc == lang for doc in doc_lang], dtype=bool)  # per document, then per word
        is_stop |= in_lexicon & in_lang[norm.doc]
    stop_count = norm.sum_per_doc(is_stop).astype(np.int64)

    # Per-text counts: CPython's str.count beats Arrow's count_substring here.
    symbols = np.array([text.count("#") + text.count("...") + text.count("…") for text in texts], dtype=np.int64)
    brackets = np.array([text.count("{") + text.count("}") for text in texts], dtype=np.int64)
    # "lorem ipsum" in text.lower() needs it in ASCII letters of any case in the text
    # (only "İ" lowercases a non-ASCII letter to an ASCII one, "i" + U+0307): RE2's
    # case-insensitive search picks the few texts worth lowercasing.
    maybe_lorem = pc.match_substring(array, "lorem ipsum", ignore_case=True).to_numpy(zero_copy_only=False)
    lorem = np.array([text.lower().count("lorem ipsum") if maybe else 0
                      for text, maybe in zip(texts, maybe_lorem)], dtype=np.int64)
    chars = np.array([len(text) for text in texts], dtype=np.int64)
    counts = {"words": raw.lengths, "no_letter": no_letter, "norm_words": norm.lengths, "norm_chars": norm_chars,
              "stop_words": stop_count, "symbols": symbols, "brackets": brackets, "lorem": lorem, "chars": chars}
    return word_signal_columns(counts, doc_lang)


def lexicon_langs(langs: list[str | None]) -> list[str]:
    """Each text's language if it has a stop-word list, else "".

    >>> lexicon_langs(["en", None, "xx"])
    ['en', '', '']
    """
    lexicons = stop_words()
    return [lang if lang in lexicons else "" for lang in langs]


def word_signal_columns(counts: dict[str, np.ndarray], doc_lang: list[str]) -> dict[str, np.ndarray | list]:
    """The word signals from their per-text counts (named as ``_signals_native.COUNTS``:
    words, no_letter, norm_words, norm_chars, stop_words, symbols, brackets, lorem, chars),
    however they were counted: the twin (``word_signals``) and the compiled pass
    (``word_pass_native``) divide them here alike. Arrays (int64, float64), but the
    stop-word ratio: a masked array, masked (null) where the language has no stop-word list."""
    word_count, norm_words, chars = counts["words"], counts["norm_words"], counts["chars"]
    no_lexicon = np.array([not lang for lang in doc_lang], dtype=bool)
    return {
        "word_count": np.asarray(word_count, dtype=np.int64),
        "mean_word_length": _fractions_uncapped(counts["norm_chars"], norm_words),
        "symbol_to_word_ratio": _fractions(counts["symbols"], word_count),
        "non_alpha_word_frac": _fractions(counts["no_letter"], word_count),
        "stop_word_count": np.asarray(counts["stop_words"], dtype=np.int64),
        "stop_word_ratio": np.ma.masked_array(_fractions(counts["stop_words"], norm_words), mask=no_lexicon),
        "curly_bracket_frac": _fractions(counts["brackets"], chars),
        "lorem_ipsum_frac": _fractions(counts["lorem"], chars),
    }


def _occurrences(values: np.ndarray) -> np.ndarray:
    """How often each value occurs in `values` (one sort; what ``np.unique`` with
    ``return_inverse`` and ``return_counts`` gives, without building the inverse).

    >>> _occurrences(np.array([7, 3, 7, 9, 7], dtype=np.uint64)).tolist()
    [3, 1, 3, 1, 3]
    """
    order = np.argsort(values)
    ordered = values[order]
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[first, len(values)])
    counts = np.empty(len(values), dtype=np.int64)
    counts[order] = np.repeat(sizes, sizes)
    return counts


def _repeated(values: np.ndarray) -> np.ndarray:
    """Does each value occur more than once in `values`? (one sort, neighbours compared)

    >>> _repeated(np.array([7, 3, 7, 9], dtype=np.uint64)).tolist()
    [True, False, True, False]
    """
    order = np.argsort(values)
    ordered = values[order]
    same_as_next = ordered[1:] == ordered[:-1]
    repeated = np.empty(len(values), dtype=bool)
    repeated[order] = np.r_[False, same_as_next] | np.r_[same_as_next, False]
    return repeated


def _covered_chars(marks: np.ndarray, n: int, chars_cumsum: np.ndarray) -> np.ndarray:
    """Characters of the words covered by the n-grams starting at `marks` (ascending),
    each word counted once, per n-gram: an n-gram counts up to where the next begins.

    >>> _covered_chars(np.array([0, 2, 9]), 3, np.cumsum([0] + [1] * 12)).tolist()
    [2, 3, 3]
    """
    ends = np.minimum(marks + n, np.r_[marks[1:], np.iinfo(np.int64).max])
    return chars_cumsum[ends] - chars_cumsum[marks]


def ngram_signals(words: BatchWords) -> dict[str, np.ndarray]:
    """Gopher's repetition signals over word n-grams, for a whole batch at once.

    An n-gram is a 64-bit rolling hash of its words' vocabulary ids and its document's
    number, so one sort per n counts every document's n-grams together; n-grams never
    cross documents.

    - top_{n}gram_char_frac: characters of the most frequent n-gram (if it occurs more
      than once) times its count, over the document's word characters (capped at 1).
    - dup_{n}gram_char_frac: characters of the words covered by any n-gram that occurs
      more than once (each word counted once), over the document's word characters.

    >>> s = ngram_signals(BatchWords.of([["a", "b", "a", "b", "a", "b"], ["x", "y", "z"]]))
    >>> float(s["top_2gram_char_frac"][0]), float(s["top_2gram_char_frac"][1])
    (1.0, 0.0)
    """
    n_docs = len(words.lengths)
    n_words = len(words.ids)
    if not n_words:
        return ngram_fractions({}, np.zeros(n_docs))
    chars = words.per_word(pc.utf8_length(words.vocabulary)).astype(np.int64)
    total = words.sum_per_doc(chars)
    doc_end = np.cumsum(words.lengths)           # one past each document's last word
    words_left = doc_end[words.doc] - np.arange(n_words)  # words from here to the document's end
    chars_cumsum = np.concatenate([[0], np.cumsum(chars)])
    count_covered = ngram_covered_native if native.active() else ngram_covered_numpy
    return ngram_fractions(count_covered(words, words_left, chars_cumsum), total)


def ngram_fractions(covered: dict[str, np.ndarray], total: np.ndarray) -> dict[str, np.ndarray]:
    """Each n-gram signal: the characters it counts per document (`covered`, by signal
    name; absent: none) over the document's normalised word characters (`total`), capped at 1.

    >>> ngram_fractions({"dup_5gram_char_frac": np.array([3, 4])}, np.array([6, 0]))["dup_5gram_char_frac"].tolist()
    [0.5, 0.0]
    """
    n_docs = len(total)
    out = {f"top_{n}gram_char_frac": np.zeros(n_docs) for n in TOP_NGRAMS}
    out |= {f"dup_{n}gram_char_frac": np.zeros(n_docs) for n in DUP_NGRAMS}
    for name, counted in covered.items():
        out[name] = np.minimum(1.0, np.divide(counted, total, out=np.zeros(n_docs), where=total > 0))
    return out


def ngram_covered_numpy(words: BatchWords, words_left: np.ndarray, chars_cumsum: np.ndarray) -> dict[str, np.ndarray]:
    """Per signal of ``ngram_signals``, each document's characters it counts (its numerator),
    in numpy: the reference for the compiled ``ngram_covered_native``. Signals of n-gram
    sizes no document reaches are left out (their value is 0)."""
    n_docs = len(words.lengths)
    n_words = len(words.ids)
    ids = words.ids.astype(np.uint64) + np.uint64(1)
    prime = np.uint64(0x100000001B3)
    out = {}
    # rolling[i] = hash of the n words from i, grown by one word per n, only where i is
    # still a candidate start (other positions hold stale values and are never read).
    rolling = (words.doc.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)) * prime ^ ids
    # An n-gram can only occur twice where its first n-1 words do: each n looks only at
    # the starts whose (n-1)-gram repeated, so the work shrinks as n grows, and all the
    # work of one n is over those starts, never over every word of the batch. (Single
    # words are not counted: most words of a document occur twice, so pruning by them
    # saved less than their sort cost.)
    starts = np.arange(n_words)
    for n in range(2, max(DUP_NGRAMS) + 1):
        starts = starts[words_left[starts] >= n]
        if not len(starts):
            break
        grams = rolling[starts] * prime ^ ids[starts + n - 1]
        rolling[starts] = grams
        # How often each start's n-gram occurs in the batch, by sorting. (pandas.factorize,
        # a hash table, is 2x faster on 256 documents but no faster on a pipeline batch
        # of 64, and importing it costs a worker 32 MB.)
        if n not in TOP_NGRAMS:
            repeated = _repeated(grams)
        else:
            occurrences = _occurrences(grams)
            repeated = occurrences > 1
            # The most frequent repeated n-gram per document (ties: the longer one): the
            # highest score among each document's starts (starts are in document order).
            gram_chars = chars_cumsum[starts + n] - chars_cumsum[starts]
            score = np.where(repeated, occurrences * (1 << 32) + gram_chars, 0)
            start_doc = words.doc[starts]
            first = np.flatnonzero(np.r_[True, start_doc[1:] != start_doc[:-1]])
            best = np.zeros(n_docs, dtype=np.int64)
            best[start_doc[first]] = np.maximum.reduceat(score, first)
            covered = (best >> 32) * (best & 0xFFFFFFFF)
        starts = starts[repeated]
        if n in DUP_NGRAMS:
            # Each word once: an n-gram counts up to where the next repeated one starts
            # (both are in one document: a start n words or more from its end has none).
            covered = np.bincount(words.doc[starts], weights=_covered_chars(starts, n, chars_cumsum),
                                  minlength=n_docs)
        if n in TOP_NGRAMS + DUP_NGRAMS:
            out[f"{'top' if n in TOP_NGRAMS else 'dup'}_{n}gram_char_frac"] = covered
    return out


# Which n-gram sizes are "top" and which "dup" signals, by n, for the compiled kernel.
_MAX_N = max(TOP_NGRAMS + DUP_NGRAMS)
_IS_TOP = np.array([n in TOP_NGRAMS for n in range(_MAX_N + 1)], dtype=np.uint8)
_IS_DUP = np.array([n in DUP_NGRAMS and n not in TOP_NGRAMS for n in range(_MAX_N + 1)], dtype=np.uint8)


def ngram_covered_native(words: BatchWords, words_left: np.ndarray, chars_cumsum: np.ndarray) -> dict[str, np.ndarray]:
    """``ngram_covered_numpy`` in one compiled pass (corpus_clean/_native.c): a hash table
    counts each n's n-grams instead of a sort; the hashes and the pruning are the same."""
    as_int64 = lambda values: np.ascontiguousarray(values, dtype=np.int64)  # noqa: E731
    return ngram_counts_native(as_int64(words.ids), as_int64(words.doc), as_int64(words_left), as_int64(chars_cumsum),
                               len(words.lengths))


def ngram_counts_native(ids: np.ndarray, doc: np.ndarray, words_left: np.ndarray, chars_cumsum: np.ndarray,
                        n_docs: int) -> dict[str, np.ndarray]:
    """The compiled n-gram kernel (``_native.ngram_counts``) on the normalised words laid
    out flat (int64 arrays: each word's vocabulary id, its document, the words from it to
    its document's end; the characters before each word, one more)."""
    from corpus_clean import _native

    top = np.zeros((_MAX_N + 1, n_docs), dtype=np.int64)
    dup = np.zeros((_MAX_N + 1, n_docs), dtype=np.int64)
    _native.ngram_counts(ids, doc, words_left, chars_cumsum, n_docs, _IS_TOP, _IS_DUP, top, dup)
    out = {f"top_{n}gram_char_frac": top[n] for n in TOP_NGRAMS}
    return out | {f"dup_{n}gram_char_frac": dup[n] for n in DUP_NGRAMS if n not in TOP_NGRAMS}


# What the compiled pass needs of this module's and words.py's definitions, as flat tables.
_WIDE_SPACE_CODES = np.array([ord(c) for c in _WIDE_SPACES], dtype=np.uint32)
_ASCII_DROP = np.zeros(128, dtype=np.uint8)
_ASCII_DROP[list(_ASCII_PUNCTUATION)] = 1


@cache
def _ascii_letters() -> np.ndarray:
    """uint8 per ASCII character: a letter (``words.is_letter``; learnt on first use)."""
    return is_letter(np.arange(128)).astype(np.uint8)


@cache
def _stop_max_bytes() -> int:
    return max(len(word.encode("utf-8")) for words in stop_words().values() for word in words)


@lru_cache(maxsize=1 << 14)
def word_facts(word: str) -> tuple[str, bool]:
    """What the compiled pass asks of a word with a non-ASCII character: its normalised
    form and whether it holds a letter (the twin's ``normalised_word`` and
    ``holds_a_letter``; remembered like ``normalised_word``).

    >>> word_facts("“Pier”"), word_facts("—")
    (('pier', True), ('', False))
    """
    return normalised_word(word), word_holds_a_letter(word)


def compiled_word_pass():
    """The compiled word pass's module, or None when the twins are to run (not built, or
    ``corpus_clean.native`` switched off: CORPUS_CLEAN_NATIVE=0, ``twins_only``)."""
    return _signals_native if native.active() is not None else None


# The word pass lays the n-gram kernel's inputs out in an array of the caller's
# (``_ngram_inputs``): one kept from batch to batch, as long as a batch's fits in
# _KEEP_NGRAM_INPUTS words (a typical batch of 64 texts: ~110,000; fresh pages for them in every
# batch cost more than the pass writing them, measured). One per thread: batches cleaned in
# two threads at once must not share it.
_KEEP_NGRAM_INPUTS = 1 << 18
_kept = threading.local()


def _ngram_inputs(capacity: int) -> np.ndarray:
    """An int64 array [4][capacity + 1] or wider for the word pass to write the n-gram
    kernel's inputs into: the one kept from an earlier batch, if it is wide enough and
    small enough to keep. It is overwritten by the next batch: its rows are read (by
    ``ngram_counts_native``) before ``word_pass_native`` returns."""
    kept = getattr(_kept, "ngram_inputs", None)
    if kept is not None and kept.shape[1] > capacity:
        return kept
    inputs = np.empty((4, capacity + 1), dtype=np.int64)
    if capacity < _KEEP_NGRAM_INPUTS:
        _kept.ngram_inputs = inputs
    return inputs


def word_pass_native(texts: list[str], langs: list[str]) -> dict[str, list | np.ndarray]:
    """``word_signals`` and ``ngram_signals`` of a batch (not empty), with the words split,
    normalised, tested and counted in one compiled pass over the batch's UTF-8 bytes
    (corpus_clean/_signals_native.c) instead of the twin's Arrow and numpy steps; the
    n-grams then go through the same kernel as the twin's (``ngram_counts_native``) and
    every fraction through the same division (``word_signal_columns``, ``ngram_fractions``).
    The batch's whitespace split is handed on to ``words.split_batch`` (for the dedup
    signatures of the same texts), as the twin's split is."""
    array = string_array(texts)
    remember_column("text", texts, array)  # (the clean table's `text` column, when these are its cells)
    offsets, data, _ = _text_buffers(array)
    doc_lang = lexicon_langs(langs)
    batch_langs = sorted(set(doc_lang) - {""})
    lang_index = np.array([batch_langs.index(lang) if lang else -1 for lang in doc_lang], dtype=np.int64)
    stop_sets = tuple(stop_words()[lang] for lang in batch_langs)
    counts = np.zeros((len(texts), len(_signals_native.COUNTS)), dtype=np.int64)
    ngram_inputs = _ngram_inputs(int(offsets[-1] - offsets[0]) // 2 + len(texts) + 1)
    with batch_letters(data[offsets[0]:offsets[-1]]):  # (word_facts' first new letter block learns the batch's)
        raw_ids, (vocabulary_offsets, vocabulary_bytes), n_norm = (
            _signals_native.word_pass(data, np.ascontiguousarray(offsets, dtype=np.int64), _IS_ASCII_SPACE,
                                      _WIDE_SPACE_CODES, _ASCII_DROP, _ascii_letters(), word_facts, stop_sets,
                                      _stop_max_bytes(), lang_index, counts, ngram_inputs))
    per_text = dict(zip(_signals_native.COUNTS, counts.T))
    lengths = per_text["words"].copy()
    vocabulary = pa.Array.from_buffers(pa.string(), len(vocabulary_offsets) // 4 - 1,
                                       [None, pa.py_buffer(vocabulary_offsets), pa.py_buffer(vocabulary_bytes)])
    remember_split(array, lambda: BatchWords(lengths, np.repeat(np.arange(len(texts)), lengths),
                                             np.frombuffer(raw_ids, dtype=np.int64), vocabulary))
    columns = word_signal_columns(per_text, doc_lang)
    covered = {}
    if n_norm:
        norm_ids, norm_doc, words_left, chars_cumsum = ngram_inputs
        covered = ngram_counts_native(norm_ids[:n_norm], norm_doc[:n_norm], words_left[:n_norm],
                                      chars_cumsum[:n_norm + 1], len(texts))
    return columns | ngram_fractions(covered, per_text["norm_chars"])


def compute_signals(texts: list[str], langs: list[str | None],
                    lang_scores: list[float] | None = None) -> pa.StructArray:
    """The `signals` struct for a batch of clean texts. `langs` picks each text's stop-word
    list (None: the language `extract.language_score` detects). `lang_scores`, when the
    caller already ran language id on the text (the metadata step does), saves running
    it again.

    >>> row = compute_signals(["The pier will reopen in May, the council said."], ["en"])[0].as_py()
    >>> row["word_count"], row["stop_word_count"], row["lines_end_punct_frac"]
    (9, 5, 1.0)
    """
    return signal_struct(signal_columns(texts, langs, lang_scores))


def signal_struct(columns: dict[str, np.ndarray]) -> pa.StructArray:
    """The `signals` struct of ``signal_columns``' arrays: each field straight from its
    numpy array (no Python float per value; a masked array's mask is the field's nulls)."""
    struct_type = signal_struct_type()
    arrays = []
    for field in struct_type:
        values = columns[field.name]
        if isinstance(values, np.ma.MaskedArray):
            arrays.append(pa.array(values.data, field.type, mask=np.ma.getmaskarray(values)))
        else:
            arrays.append(pa.array(np.asarray(values, dtype=field.type.to_pandas_dtype()), field.type))
    return pa.StructArray.from_arrays(arrays, fields=list(struct_type))


def signal_rows(columns: dict[str, np.ndarray]) -> list[dict]:
    """``signal_struct(columns).to_pylist()``, each row a dict in the struct's field order,
    made from the arrays' Python values at once (Arrow's to_pylist goes value by value
    through scalars: ~4x slower on a batch).

    >>> columns = signal_columns(["The pier.", "Der Hafen."], ["en", "xx"], [1.0, 0.5])
    >>> signal_rows(columns) == signal_struct(columns).to_pylist()
    True
    """
    names = [field.name for field in signal_struct_type()]
    values = []
    for name in names:
        column = columns[name]
        if isinstance(column, np.ma.MaskedArray):
            values.append([None if masked else value
                           for value, masked in zip(column.data.tolist(), np.ma.getmaskarray(column).tolist())])
        else:
            values.append(np.asarray(column).tolist())
    return [dict(zip(names, row)) for row in zip(*values)]


def signal_columns(texts: list[str], langs: list[str | None],
                   lang_scores: list[float] | None = None) -> dict[str, np.ndarray]:
    """Every signal of the batch as an array by name (``compute_signals``' fields; the
    stop-word ratio a masked array): see ``compute_signals``."""
    if len(texts) != len(langs) or (lang_scores is not None and len(lang_scores) != len(texts)):
        raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
    if lang_scores is None or any(lang is None for lang in langs):
        detected = [language_score(text) for text in texts]
        langs = [lang or found for lang, (found, _) in zip(langs, detected)]
        if lang_scores is None:
            lang_scores = [score for _, score in detected]
    columns: dict[str, list | np.ndarray]
    if texts and compiled_word_pass() is not None:
        columns = word_pass_native(texts, langs)
    else:
        raw = split_batch(texts)
        words = raw.normalised(normalised_word)
        columns = word_signals(texts, words, langs, raw) | ngram_signals(words)
    columns |= (line_signals_native if native.active() else line_signals_numpy)(texts)
    columns["lang_score"] = np.array(lang_scores, dtype=np.float64)
    return columns


# --------------------------------------------------------------------------------------
# The optional filter
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QualityThresholds:
    """Bounds on the signals; None = that check is off. All off by default.

    ``GOPHER`` below holds Gopher's published values ([G] A.1.1 and table A1) for those who
    want them; nothing applies them unless asked.
    """

    min_words: int | None = None
    max_words: int | None = None
    min_mean_word_length: float | None = None
    max_mean_word_length: float | None = None
    max_symbol_to_word_ratio: float | None = None
    max_bullet_line_frac: float | None = None
    max_ellipsis_line_frac: float | None = None
    max_non_alpha_word_frac: float | None = None
    min_stop_word_count: int | None = None
    min_stop_word_ratio: float | None = None
    min_lines_end_punct_frac: float | None = None
    max_dup_line_frac: float | None = None
    max_dup_line_char_frac: float | None = None
    max_dup_para_frac: float | None = None
    max_dup_para_char_frac: float | None = None
    max_top_2gram_char_frac: float | None = None
    max_top_3gram_char_frac: float | None = None
    max_top_4gram_char_frac: float | None = None
    max_dup_5gram_char_frac: float | None = None
    max_dup_6gram_char_frac: float | None = None
    max_dup_7gram_char_frac: float | None = None
    max_dup_8gram_char_frac: float | None = None
    max_dup_9gram_char_frac: float | None = None
    max_dup_10gram_char_frac: float | None = None
    max_curly_bracket_frac: float | None = None
    min_lang_score: float | None = None


GOPHER = QualityThresholds(
    min_words=50, max_words=100_000, min_mean_word_length=3, max_mean_word_length=10,
    max_symbol_to_word_ratio=0.1, max_bullet_line_frac=0.9, max_ellipsis_line_frac=0.3,
    max_non_alpha_word_frac=0.2, min_stop_word_count=2,
    max_dup_line_frac=0.30, max_dup_line_char_frac=0.20, max_dup_para_frac=0.30, max_dup_para_char_frac=0.20,
    max_top_2gram_char_frac=0.20, max_top_3gram_char_frac=0.18, max_top_4gram_char_frac=0.16,
    max_dup_5gram_char_frac=0.15, max_dup_6gram_char_frac=0.14, max_dup_7gram_char_frac=0.13,
    max_dup_8gram_char_frac=0.12, max_dup_9gram_char_frac=0.11, max_dup_10gram_char_frac=0.10,
)


def _signal_name(threshold: str) -> str:
    """min_words → word_count; max_dup_line_frac → dup_line_frac; min_stop_word_count → stop_word_count."""
    name = threshold[4:]
    return {"words": "word_count"}.get(name, name)


def quality_filter(signals_row: dict, thresholds: QualityThresholds) -> tuple[bool, str | None]:
    """DataTrove style: (keep, reason). The reason names the first failed check and the
    value, e.g. ``"min_words: word_count 12 < 50"``. A null signal (no stop-word list for
    the language) passes its check.

    >>> row = compute_signals(["Too short to keep."], ["en"])[0].as_py()
    >>> quality_filter(row, QualityThresholds())
    (True, None)
    >>> quality_filter(row, QualityThresholds(min_words=50))
    (False, 'min_words: word_count 4 < 50')
    """
    for check in fields(thresholds):
        bound = getattr(thresholds, check.name)
        if bound is None:
            continue
        signal = _signal_name(check.name)
        value = signals_row.get(signal)
        if value is None:
            continue
        if check.name.startswith("min_") and value < bound:
            return False, f"{check.name}: {signal} {value:.4g} < {bound}"
        if check.name.startswith("max_") and value > bound:
            return False, f"{check.name}: {signal} {value:.4g} > {bound}"
    return True, None


def with_signals(table: pa.Table) -> pa.Table:
    """A clean table with the `signals` column appended (computed from `text` and `lang`)."""
    texts = table.column("text").to_pylist()
    langs = table.column("lang").to_pylist() if "lang" in table.column_names else [None] * len(texts)
    return table.append_column(pa.field("signals", signal_struct_type(), nullable=False),
                               compute_signals(texts, langs))

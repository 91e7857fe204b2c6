"""The dedup words taken from the batch's shared whitespace split (dedup.word_hashes,
dedup_pieces) are, hash for hash, those of the whole-text normalisation the signatures
were defined by: case-fold the text, replace what RE2 does not call a letter by spaces,
split. Signatures made either way are the same, so indexes stay comparable."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.dedup import (
    _FNV_PRIME, _NOT_LETTERS_RE2, WordHashes, _mix64, batch_words, dedup_pieces, shingle_hashes, signature_table,
    string_hashes,
)
from corpus_clean.words import BatchWords


def whole_text_words(texts: list[str]) -> WordHashes:
    """The definition, on whole texts (the code before the shared split)."""
    folded = pa.array([text.casefold() for text in texts], pa.string())
    split = pc.split_pattern(pc.replace_substring_regex(folded, _NOT_LETTERS_RE2, " "), " ")
    words = pc.list_flatten(split)
    keep = pc.greater(pc.binary_length(words), 0)
    doc = pc.list_parent_indices(split).filter(keep).to_numpy()
    return WordHashes(string_hashes(words.filter(keep)), np.bincount(doc, minlength=len(texts)).astype(np.int64))


EVERY_SPACE = [chr(code) for code in range(0x110000) if chr(code).isspace()]
# Case folding that grows a word (ß → ss, ﬁ → fi, İ → i̇), letters RE2 keeps that are not
# ASCII, numbers it keeps (² ½ Ⅻ) or drops (digits), marks, quotes and dashes.
ALPHABET = EVERY_SPACE[:12] + list("aZéßẞİıΣσςǅﬁŉж日ा²½Ⅻ٣0_\u0301\u200d’'—-.,!¿")
texts = st.lists(st.text(alphabet=ALPHABET, max_size=40) | st.text(st.characters(exclude_categories=("Cs",)),
                                                                  max_size=40), min_size=1, max_size=8)


def test_whitespace_folds_to_itself_and_is_never_a_letter():
    """What makes the normalisation word by word exact (with folding being per character)."""
    assert all(space.casefold() == space for space in EVERY_SPACE)
    kept = pc.replace_substring_regex(pa.array(EVERY_SPACE), _NOT_LETTERS_RE2, "").to_pylist()
    assert [k for k, space in zip(kept, EVERY_SPACE) if space != " "] == [""] * (len(EVERY_SPACE) - 1)


def test_ascii_pieces_are_what_re2_keeps():
    for code in range(128):
        word = f"ab{chr(code)}cd"
        expected = pc.replace_substring_regex(pa.array([word.casefold()]), _NOT_LETTERS_RE2, " ")[0].as_py().split()
        assert dedup_pieces(word) == expected, repr(chr(code))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_words_from_the_shared_split_are_the_whole_text_words(batch):
    expected = whole_text_words(batch)
    for got in (batch_words(batch), batch_words(pa.array(batch, pa.large_string()))):
        assert got.counts.tolist() == expected.counts.tolist()
        assert got.hashes.tolist() == expected.hashes.tolist()


def test_signatures_are_the_same_whichever_split_they_start_from():
    """A batch whose split the signals step left behind, and the same texts split afresh
    (another batch in between), give the same table."""
    batch = ["The Mayor’s budget — 2nd draft!", "", "STRASSE straße ﬁsh", "a\u00a0b\u2028c"]
    ids = [str(k) for k in range(len(batch))]
    from corpus_clean.words import split_batch

    split_batch(batch)  # as the signals step does
    shared = signature_table(ids, batch)
    split_batch(["something else"])
    fresh = signature_table(ids, batch)
    assert shared.equals(fresh)
    assert shared.column("n_words").to_pylist() == whole_text_words(batch).counts.tolist()


def test_a_word_with_no_letters_adds_no_word_and_one_with_many_pieces_adds_them_in_order():
    words = BatchWords.of([["—", "x1y2z", "2024"], ["x", "y", "z"]])
    from corpus_clean.dedup import word_hashes

    hashes = word_hashes(words)
    assert hashes.counts.tolist() == [3, 3]
    assert hashes.hashes[:3].tolist() == hashes.hashes[3:].tolist()


def _shingle_hashes_one_by_one(words: WordHashes, n: int) -> tuple[list[int], list[int]]:
    """``shingle_hashes``' definition, document by document: each run of n consecutive
    words chained; a text shorter than n words one run padded with zeros."""
    prime, mask = int(_FNV_PRIME), 2**64 - 1
    hashes, offsets = [], [0]
    for start, count in zip(words.starts.tolist(), words.counts.tolist()):
        own = words.hashes[start:start + count].tolist()
        runs = [own + [0] * (n - count)] if 0 < count < n else [own[j:j + n] for j in range(count - n + 1)]
        for run in runs:
            chained = 0
            for word in run:
                chained = ((chained * prime) & mask) ^ word
            hashes.append(chained)
        offsets.append(len(hashes))
    return _mix64(np.array(hashes, dtype=np.uint64)).tolist(), offsets


@given(st.lists(st.integers(0, 7), max_size=12), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_shingle_hashes_are_each_documents_runs_of_words(counts, n, seed):
    rng = np.random.default_rng(seed)
    counts = np.array(counts, dtype=np.int64)
    words = WordHashes(rng.integers(0, 2**64, int(counts.sum()), dtype=np.uint64), counts)
    hashes, offsets = shingle_hashes(words, n)
    assert (hashes.tolist(), offsets.tolist()) == _shingle_hashes_one_by_one(words, n)

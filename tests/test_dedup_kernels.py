"""The dedup stage's compiled kernel (corpus_clean/_dedup_native.c) against its numpy twin,
and whole assignments both ways.

``equal_slots`` must give exactly the twin's counts, and ``reaching`` (the kernel stops
comparing a pair that can no longer reach `need`) exactly the twin's verdicts, on
generated signature matrices with planted near copies; an assignment of generated
documents with copies (exact, near, chance collisions) decides the same with and without
the kernel. Without the compiled module these are skipped; the twin's own tests (every
dedup test) run either way.
"""
from __future__ import annotations

import contextlib
import mmap
import tempfile

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.dedup import (
    DedupIndex, DedupParams, SignatureRows, VerifiedPairs, _dedup_native, _equal_slots_numpy, agreement, equal_slots,
    needed_slots, reaching, signature_table,
)

compiled = pytest.mark.skipif(_dedup_native is None or not native.built(),
                              reason="corpus_clean._dedup_native was not built")


@st.composite
def signature_pairs(draw):
    """A left and a right matrix (few distinct values, so slots collide by chance too) and
    pairs of their rows, some right rows planted as copies of left ones with a drawn share
    of their slots changed."""
    slots = draw(st.sampled_from([1, 5, 16, 17, 40, 128]))
    n_left, n_right = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = draw(st.sampled_from([2, 5, 2**32 - 1]))
    left = rng.integers(0, values, size=(n_left, slots), endpoint=True).astype(np.uint32)
    right = rng.integers(0, values, size=(n_right, slots), endpoint=True).astype(np.uint32)
    for row in range(min(n_left, n_right)):
        if rng.random() < 0.5:
            keep = rng.random(slots) < rng.random()
            right[row] = np.where(keep, left[row], right[row])
    pairs = draw(st.integers(0, 60))
    return (left, rng.integers(0, n_left, pairs), right, rng.integers(0, n_right, pairs),
            draw(st.integers(-1, slots + 1)))


@compiled
@given(signature_pairs())
@settings(max_examples=300, deadline=None)
def test_the_kernel_counts_and_verdicts_are_the_twins(case):
    left, left_rows, right, right_rows, need = case
    want = _equal_slots_numpy(left, left_rows, right, right_rows)
    brute = [int((left[a] == right[b]).sum()) for a, b in zip(left_rows, right_rows)]
    assert want.tolist() == brute
    got = equal_slots(left, left_rows, right, right_rows)
    assert got.dtype == want.dtype and np.array_equal(got, want)
    assert np.array_equal(reaching(left, left_rows, right, right_rows, need), want >= need)
    with native.twins_only():
        assert np.array_equal(reaching(left, left_rows, right, right_rows, need), want >= need)


@given(st.floats(0.001, 1.0), st.sampled_from([1, 7, 64, 128, 256]))
def test_needed_slots_decides_as_the_agreement_does(threshold, slots):
    counts = np.arange(slots + 1)
    as_agreement = agreement(np.zeros((slots + 1, slots), np.uint32),
                             (np.arange(slots)[None, :] >= counts[:, None]).astype(np.uint32)) >= threshold
    assert np.array_equal(counts >= needed_slots(threshold, slots), as_agreement)


@compiled
def test_the_kernel_reads_a_read_only_mapping_and_refuses_rows_out_of_range():
    matrix = np.arange(6 * 4, dtype=np.uint32).reshape(6, 4)
    matrix[5] = matrix[0]
    with tempfile.TemporaryFile() as handle:
        handle.write(matrix.tobytes())
        handle.flush()
        mapped = np.frombuffer(mmap.mmap(handle.fileno(), matrix.nbytes, prot=mmap.PROT_READ),
                               np.uint32).reshape(6, 4)
        assert equal_slots(mapped, np.array([5, 1]), mapped, np.array([0, 2])).tolist() == [4, 0]
        with pytest.raises(IndexError):
            equal_slots(mapped, np.array([6]), mapped, np.array([0]))
        with pytest.raises(IndexError):
            reaching(mapped, np.array([0]), matrix, np.array([-1]), need=2)


def test_signature_rows_compare_across_the_index_and_the_batch():
    old = np.array([[1, 1, 1, 1]], dtype=np.uint32)
    new = np.array([[1, 1, 0, 0], [1, 1, 1, 0]], dtype=np.uint32)
    rows = SignatureRows(old, new, 1)
    assert rows.equal_slots(np.array([2, 2, 1]), np.array([0, 1, 0])).tolist() == [3, 3, 2]
    assert rows.reaching(np.array([2, 2, 1]), np.array([0, 1, 0]), need=3).tolist() == [True, True, False]
    assert rows(np.array([0, 2])).tolist() == [[1, 1, 1, 1], [1, 1, 1, 0]]


def _documents(seed: int, n: int) -> tuple[list[str], list[str]]:
    """Articles from a small vocabulary (chance band collisions), with exact copies and
    near copies (a share of words replaced) of earlier ones."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{k}" for k in range(60)]
    texts: list[str] = []
    for k in range(n):
        if texts and rng.random() < 0.3:
            words = texts[rng.integers(len(texts))].split()
            changed = rng.random(len(words)) < rng.uniform(0.0, 0.5)
            texts.append(" ".join(vocabulary[rng.integers(60)] if c else w for w, c in zip(words, changed)))
        else:
            texts.append(" ".join(vocabulary[i] for i in rng.integers(0, 60, rng.integers(0, 80))))
    return [f"d{k}" for k in range(n)], texts


@compiled
@given(st.integers(0, 2**32 - 1), st.integers(1, 150))
@settings(max_examples=15, deadline=None)
def test_an_assignment_decides_the_same_with_and_without_the_kernel(seed, n):
    ids, texts = _documents(seed, n)
    params = DedupParams()
    first, second = signature_table(ids[: n // 2], texts[: n // 2]), signature_table(ids[n // 2:], texts[n // 2:])
    results = []
    for twins in (False, True):
        index = DedupIndex(params)
        if twins:
            with native.twins_only():
                results.append((index.assign(first), index.assign(second)))
        else:
            results.append((index.assign(first), index.assign(second)))
    assert results[0][0].equals(results[1][0]) and results[0][1].equals(results[1][1])


# ---------------------------------------------------------------- the signatures' tokens
# Words drawn from pieces that exercise every path of the kernels: ASCII letters and
# separators, casing, non-ASCII letters (folded by casefold: "ß" -> "ss", "Σ"), non-ASCII
# separators (curly quotes, dashes), numbers RE2 keeps ("²", "Ⅻ"), digits it cuts.
_WORD_PARTS = st.sampled_from(["pier", "The", "MAYOR", "’s", "“", "”", "—", "2nd", "x", "Straße", "ΣΑΣ",
                               "é", "²", "Ⅻ", "_", "-", "'", "日本", "ﬁ", "a1b", "..."])
_TEXTS = st.lists(st.lists(st.lists(_WORD_PARTS, min_size=1, max_size=3).map("".join), max_size=12).map(" ".join),
                  max_size=8)


@compiled
@given(_TEXTS, st.integers(1, 5))
@settings(max_examples=200, deadline=None)
def test_the_kernels_make_the_twins_tokens(texts, n):
    """Same shingle hashes, offsets, exact hashes and word counts as the numpy twin, on
    batches with empty texts, texts shorter than n words and words that are all separators."""
    from corpus_clean.dedup import _batch_tokens_compiled, _batch_tokens_numpy
    from corpus_clean.words import BatchWords

    words = BatchWords.split(pa.array(texts, pa.string()))
    got, want = _batch_tokens_compiled(_dedup_native, words, n), _batch_tokens_numpy(words, n)
    for name in ("shingles", "offsets", "exact", "counts"):
        assert getattr(got, name).dtype == getattr(want, name).dtype, name
        assert np.array_equal(getattr(got, name), getattr(want, name)), name


@st.composite
def token_batches(draw):
    """Documents of token hashes: none, one, a few or many tokens (past 128, so every
    round-0 slot fills; few, so the fallback runs), drawn from a small pool (repeats)
    or the whole 64-bit range, with the seed and slot counts the parameters allow."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    counts = draw(st.lists(st.sampled_from([0, 1, 2, 3, 8, 33, 130, 700, 5000]), max_size=10))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
    pool = draw(st.sampled_from([3, 1000, 2**64]))
    tokens = rng.integers(0, pool, size=int(offsets[-1]), dtype=np.uint64, endpoint=False)
    slots = draw(st.sampled_from([1, 2, 7, 64, 100, 128, 256]))
    return tokens, offsets, DedupParams(num_perm=slots, bands=1, rows=1, seed=draw(st.integers(0, 2**64 - 1)))


@compiled
@given(token_batches())
@settings(max_examples=200, deadline=None)
def test_the_minhash_kernel_makes_rensas_signatures_bit_for_bit(case):
    """The compiled sketch is rensa's R-MinHash (its ALGORITHM_VERSION 2, saved in every
    index): the same uint32 in every slot, for any seed and number of slots, documents
    without tokens all 2^32-1."""
    from corpus_clean.dedup import _minhash_compiled, _minhash_rensa

    tokens, offsets, params = case
    got = _minhash_compiled(_dedup_native, tokens, offsets, params)
    want = _minhash_rensa(tokens, offsets, params)
    assert got.dtype == want.dtype == np.uint32 and got.shape == want.shape
    assert np.array_equal(got, want)


@compiled
def test_the_minhash_kernel_matches_rensa_on_very_long_documents():
    """rensa takes other paths past 65,536 and 2^20 tokens (filters, early exits): the
    same sketch all the same."""
    from corpus_clean.dedup import _minhash_compiled, _minhash_rensa

    rng = np.random.default_rng(5)
    counts = [70_000, 3, 1_100_000]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
    tokens = rng.integers(0, 2**64, size=int(offsets[-1]), dtype=np.uint64, endpoint=False)
    params = DedupParams()
    assert np.array_equal(_minhash_compiled(_dedup_native, tokens, offsets, params),
                          _minhash_rensa(tokens, offsets, params))


@compiled
def test_the_minhash_kernel_refuses_offsets_that_do_not_fit():
    """Fault injection: offsets past the tokens, decreasing or not from 0, and an output
    of the wrong size raise, never read or write past a buffer."""
    a, b = np.ones(4, np.uint64), np.zeros(4, np.uint64)
    tokens = np.arange(5, dtype=np.uint64)
    for offsets in ([0, 6], [0, 3, 2, 5], [1, 5], [0, 4]):
        with pytest.raises(ValueError):
            _dedup_native.minhash_rows(tokens, np.array(offsets, np.uint64), a, b, np.empty((len(offsets) - 1, 4), np.uint32))
    with pytest.raises(ValueError):
        _dedup_native.minhash_rows(tokens, np.array([0, 5], np.uint64), a, b, np.empty((2, 4), np.uint32))
    with pytest.raises(ValueError):
        _dedup_native.minhash_rows(tokens, np.array([0, 5], np.uint64), a, b[:3], np.empty((1, 4), np.uint32))


@compiled
def test_the_token_kernels_refuse_inconsistent_inputs():
    """Fault injection: ids out of the vocabulary, lengths that do not add up to the
    words, counts that are not the words' and short output buffers raise, never write
    past a buffer."""
    first = np.array([0, 1, 3], dtype=np.int64)            # 2 vocabulary words: 1 and 2 pieces
    pieces = np.arange(3, dtype=np.uint64)
    ids, lengths = np.array([0, 1, 1], dtype=np.int64), np.array([2, 1], dtype=np.int64)
    counts = np.empty(2, dtype=np.int64)
    _dedup_native.token_counts(first, ids, lengths, counts)
    assert counts.tolist() == [3, 2]
    with pytest.raises(IndexError):
        _dedup_native.token_counts(first, np.array([0, 2, 1], dtype=np.int64), lengths, counts)
    with pytest.raises(ValueError):
        _dedup_native.token_counts(first, ids, np.array([2, 2], dtype=np.int64), counts)
    exact, shingles = np.empty(2, dtype=np.uint64), np.empty(2, dtype=np.uint64)  # 1 + 1 shingles at n=3
    _dedup_native.doc_tokens(pieces, first, ids, lengths, counts, 3, exact, shingles)
    with pytest.raises(ValueError):  # counts that are not these words'
        _dedup_native.doc_tokens(pieces, first, ids, lengths, np.array([4, 1], dtype=np.int64), 3, exact,
                                 np.empty(2, dtype=np.uint64))
    with pytest.raises(ValueError):  # too little room for the shingles
        _dedup_native.doc_tokens(pieces, first, ids, lengths, counts, 3, exact, np.empty(1, dtype=np.uint64))
    with pytest.raises(ValueError):  # a piece_hashes output with no room for one piece per byte
        _dedup_native.piece_hashes(np.array([0, 4], dtype=np.int64), b"pier", np.empty(3, dtype=np.uint64),
                                   np.empty(2, dtype=np.int64))
    with pytest.raises(IndexError):
        _dedup_native.piece_hashes(np.array([0, 9], dtype=np.int64), b"pier", np.empty(4, dtype=np.uint64),
                                   np.empty(2, dtype=np.int64))


# ---------------------------------------------------------------- decisions in record order
@st.composite
def decisions_to_make(draw):
    """An index of `n_old` documents (decided: roots, similarities) and a run's documents
    after it, some with the id and text of an indexed one (seen), some exact twins of an
    earlier document, some with verified candidates; signatures of few distinct values, so
    counts tie and reach or miss `need`."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n_old, n_new, slots = draw(st.integers(0, 8)), draw(st.integers(1, 30)), draw(st.sampled_from([4, 16, 128]))
    values = draw(st.sampled_from([2, 3, 50]))
    old = rng.integers(0, values, size=(n_old, slots)).astype(np.uint32)
    new = rng.integers(0, values, size=(n_new, slots)).astype(np.uint32)
    total = n_old + n_new
    root = np.arange(total, dtype=np.int64)
    for p in range(n_old):
        root[p] = root[rng.integers(0, p + 1)]
    similarity = np.full(total, np.nan, dtype=np.float32)
    similarity[:n_old] = rng.random(n_old).astype(np.float32)
    seen_at = np.where((rng.random(n_new) < 0.2) & (n_old > 0), rng.integers(0, max(n_old, 1), n_new), -1)
    positions = np.arange(n_old, total)
    exact_first = np.where(rng.random(n_new) < 0.2, (rng.random(n_new) * positions).astype(np.int64), positions)
    keys = sorted({(int(i) << 32) | int(rng.integers(0, i)) for i in positions if i > 0 and rng.random() < 0.6
                   for _ in range(int(rng.integers(1, 6)))})
    candidates = VerifiedPairs(np.array(keys, dtype=np.int64))
    to_decide = np.unique(np.concatenate([positions[seen_at >= 0], positions[exact_first < positions],
                                          candidates.left])).astype(np.int64)
    return (to_decide, n_old, seen_at.astype(np.int64), exact_first.astype(np.int64), candidates, root, similarity,
            SignatureRows(old, new, n_old), draw(st.floats(0.05, 1.0)), draw(st.integers(1, 40)))


@compiled
@given(decisions_to_make())
@settings(max_examples=300, deadline=None)
def test_the_kernel_decides_as_its_twin_and_releases_as_often(case):
    """Same roots and similarities as the Python loop, and the mapped pages released at the
    same points (every READS_PER_RELEASE signatures read)."""
    from corpus_clean import dedup

    to_decide, first, seen_at, exact_first, candidates, root, similarity, signature, threshold, per_release = case
    outcomes = []
    before = dedup.READS_PER_RELEASE
    dedup.READS_PER_RELEASE = per_release
    try:
        for twins in (False, True):
            released = []
            got_root, got_similarity = root.copy(), similarity.copy()
            with native.twins_only() if twins else contextlib.nullcontext():
                dedup._decide_in_order(to_decide, first, seen_at, exact_first, candidates, got_root, got_similarity,
                                       signature, threshold, lambda: released.append(1))
            outcomes.append((got_root, got_similarity, len(released)))
    finally:
        dedup.READS_PER_RELEASE = before
    (root_k, sim_k, released_k), (root_t, sim_t, released_t) = outcomes
    assert np.array_equal(root_k, root_t)
    assert np.array_equal(sim_k, sim_t, equal_nan=True)
    assert released_k == released_t


@compiled
def test_the_decision_kernel_refuses_indexes_out_of_range():
    """Fault injection: a candidate that is not earlier than its document, a seen index
    past the positions, a kept document out of range, arrays of the wrong size raise
    before the document is decided."""
    matrix = np.zeros((3, 4), dtype=np.uint32)
    root, similarity = np.arange(3, dtype=np.int64), np.full(3, np.nan, dtype=np.float32)
    one = np.array([2], dtype=np.int64)

    def call(seen=-1, exact=2, right=(0,), roots=root):
        return _dedup_native.decide(one, 0, np.array([0, 0, seen], dtype=np.int64), np.array([0, 1, exact], dtype=np.int64),
                                    np.array([0], dtype=np.int64), np.array([0, len(right)], dtype=np.int64),
                                    np.array(right, dtype=np.int64), roots, similarity, np.zeros((0, 4), dtype=np.uint32),
                                    matrix, 0, 4, 2, 0, 100)

    assert call() == 1 and root.tolist() == [0, 1, 0]
    root[:] = np.arange(3)
    for bad in ({"right": (2,)}, {"right": (5,)}, {"seen": 7}, {"exact": 3}, {"roots": np.arange(4, dtype=np.int64)},
                {"roots": np.array([99, 1, 2], dtype=np.int64)}, {"exact": 0, "roots": np.array([-5, 1, 2], dtype=np.int64)}):
        with pytest.raises((IndexError, ValueError)):
            call(**bad)
        assert bad.get("roots", root)[2] == 2  # the document was not decided

"""Near-duplicate removal after cleaning: exact copies by a normalised-text hash, near
copies by MinHash LSH (rensa's R-MinHash signatures; a compiled kernel makes the same),
across a whole run and against earlier runs through an index kept in a directory.

Why after cleaning: two copies of one article on different sites differ mostly in page
furniture (menus, share bars, footers). Once that is cut, the bodies collide.

The work splits in two, so it runs with workers and shards:

1. ``signature_table(ids, texts)`` — pure, per batch, can run in worker processes: one row
   per document with its exact-text hash and its MinHash signature.
2. ``DedupIndex.assign(signatures)`` — in the run's record order, each document is either
   kept (first seen) or marked ``duplicate_of`` the id of a kept document, with the
   estimated Jaccard similarity. The index holds every document of earlier runs (its
   signature and the decision taken), and is saved to (and loaded from) a directory the
   caller gives, as append-only Parquet parts, one per run. ``deduplicate(tables, dir)``
   does load → assign → save for a run.

``split_duplicates(clean_table, assignments)`` then splits a clean table into the rows
to keep and the rows for ``DIR/duplicates/*.parquet`` (schema: ``duplicates_schema()``).

Parameters (see ``DedupParams``; chosen on a tuning corpus, checked on a held-out one, in
benchmarks/dedup.py and benchmarks/RESULTS-dedup.md):

- shingles are word 3-grams of the normalised text. A near copy with a fraction p of its
  words changed keeps about (1-p)^n of its n-grams: with p = 12 %, 3-grams keep 68 %
  (Jaccard ~0.52) where 5-grams keep 53 % (Jaccard ~0.36), too close to what two distinct
  articles on one topic share once the furniture they have in common survives cleaning.
  On the tuning corpus 3-grams left the widest range of safe thresholds (0.30-0.45: every
  near copy caught, no distinct articles merged) of the 2- to 5-gram settings tried.
- 128 permutations in 64 bands of 2 rows: a pair at Jaccard 0.3 becomes a candidate with
  probability 1-(1-0.3^2)^64 = 0.998, so LSH loses almost no copy (32 bands of 4 rows lost
  2.5 % of the near copies). Two-row bands also make many chance candidates (0.47 at
  Jaccard 0.1), which is why every candidate is *verified* on the full signature: the
  fraction of equal slots, an estimate of the Jaccard similarity, must be >= 0.4 (the
  middle of the safe range).
"""
from __future__ import annotations

import functools
import json
import mmap
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from itertools import chain
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus_clean.records import clean_schema
from corpus_clean.words import BatchWords, split_batch

# pyarrow.parquet (and corpus_clean.output, which uses it) is imported inside the
# functions that read or write files: the cleaning workers import this module for
# the signature functions alone and must stay light (tests/test_memory.py).

# Anything that is not a letter separates words in the normalised text: punctuation,
# digits, underscores, symbols, whitespace.
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@dataclass(frozen=True)
class DedupParams:
    """What a signature and a match mean. An index only accepts signatures made with the
    same parameters (and the same MinHash algorithm version), so they are saved with it."""

    shingle_words: int = 3
    num_perm: int = 128
    bands: int = 64
    rows: int = 2
    threshold: float = 0.4
    seed: int = 1

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands*rows ({self.bands}*{self.rows}) exceeds num_perm ({self.num_perm})")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    def candidate_probability(self, jaccard: float) -> float:
        """Chance that a pair at this Jaccard similarity shares at least one band.

        >>> round(DedupParams().candidate_probability(0.3), 3)
        0.998
        """
        return 1.0 - (1.0 - jaccard ** self.rows) ** self.bands


def normalised_words(text: str) -> list[str]:
    """Case-folded words with punctuation, digits and symbols removed (one text, in
    Python: the reference ``batch_words`` computes for a whole batch).

    Copies of one article differ in ways that say nothing about the article: casing of a
    headline, curly vs straight quotes, dashes, line wrapping, and numbers that change
    between crawls (view counts, "updated 14:05", comment counts). Dropping them makes
    those copies hash the same.

    >>> normalised_words("“Updated 14:05” — The  Mayor's   budget, 2nd draft!")
    ['updated', 'the', 'mayor', 's', 'budget', 'nd', 'draft']
    """
    return _NOT_LETTERS.sub(" ", text.casefold()).split()


def shingles(words: list[str], n: int) -> list[str]:
    """Word n-grams as strings; a text shorter than n words is one shingle. (What
    ``shingle_hashes`` hashes; kept for libraries that take strings, e.g. the datasketch
    comparison in benchmarks/dedup.py.)

    >>> shingles(["a", "b", "c", "d"], 3)
    ['a b c', 'b c d']
    >>> shingles(["a", "b"], 3)
    ['a b']
    """
    if len(words) <= n:
        return [" ".join(words)] if words else []
    return [" ".join(gram) for gram in zip(*(words[k:] for k in range(n)))]


# ---------------------------------------------------------------- signatures over a batch
# Hashing whole batches with numpy instead of building a Python string per word and per
# shingle (that was ~17 % of cleaning's CPU time; this is ~1 %, see RESULTS-throughput.md).

# What `_NOT_LETTERS` removes, in RE2 syntax (the Arrow kernels' engine, whose Unicode
# tables decide what a letter is for the signatures): Python's `[\W\d_]` keeps letters
# and the numbers that are not decimal digits ("²", "Ⅻ"). (The space is outside the
# class: the words arrive split at whitespace, ``dedup_pieces``.)
_NOT_LETTERS_RE2 = r"[^\pL\p{Nl}\p{No} ]+"

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit flips about half the output bits, so
    hashes built from it can be combined by XOR or addition.

    >>> _mix64(np.array([0, 1], dtype=np.uint64)).tolist()
    [0, 6238072747940578789]
    """
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def string_hashes(strings: pa.Array) -> np.ndarray:
    """64-bit hash of each string (FNV-1a over its UTF-8 bytes, then ``_mix64``),
    computed one byte position at a time over all strings at once: the longest strings
    first, so the strings still going at byte k are a prefix of the order.

    >>> h = string_hashes(pa.array(["pier", "", "pier", "piers"]))
    >>> bool(h[0] == h[2]), bool(h[0] != h[3]), bool(h[0] != h[1])
    (True, True, True)
    """
    strings = strings.cast(pa.large_string())
    _, offsets, data = strings.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int64)[strings.offset:strings.offset + len(strings) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, dtype=np.uint8)
    lengths = np.diff(offsets)
    order = np.argsort(-lengths, kind="stable")
    starts, sorted_lengths = offsets[:-1][order], lengths[order]
    still_going = np.searchsorted(-sorted_lengths, -np.arange(sorted_lengths[0] if len(order) else 0), side="left")
    hashes = np.full(len(order), _FNV_OFFSET, dtype=np.uint64)
    for k, count in enumerate(still_going.tolist()):  # count: strings longer than k bytes
        hashes[:count] = (hashes[:count] ^ data[starts[:count] + k]) * _FNV_PRIME
    out = np.empty_like(hashes)
    out[order] = _mix64(hashes)
    return out


@dataclass
class WordHashes:
    """The normalised words of a batch of texts, hashed and flattened: each word's hash,
    documents one after another, and each document's number of words."""

    hashes: np.ndarray   # uint64, one per word
    counts: np.ndarray   # int64, words per document

    @property
    def starts(self) -> np.ndarray:
        """Position of each document's first word in `hashes`."""
        return np.cumsum(self.counts) - self.counts


def batch_words(texts: list[str] | pa.Array | pa.ChunkedArray) -> WordHashes:
    """``normalised_words`` of every text, hashed: from the batch's whitespace split
    (``words.split_batch``: the signals step's, when it split the same texts), each
    distinct word normalised and hashed once (``word_hashes``).

    >>> words = batch_words(["The pier, 2 km!", "", "the PIER"])
    >>> words.counts.tolist(), bool(words.hashes[0] == words.hashes[3])
    ([3, 0, 2], True)
    """
    return word_hashes(split_batch(texts))


def word_hashes(words: BatchWords) -> WordHashes:
    """The dedup words of a batch's whitespace-split words, hashed (``string_hashes``).

    ``normalised_words`` works word by word: case folding maps each character on its
    own (no context, unlike lowercasing's final sigma), whitespace folds to itself and
    is never a letter (checked over every code point, tests/test_dedup_signatures.py),
    so the normalised words of a text are those of its whitespace-split words, in order.
    Each distinct word of the batch is cut into its pieces once (``dedup_pieces``) and
    each distinct piece hashed once; then every word is replaced by its pieces' hashes.

    >>> from corpus_clean.words import BatchWords
    >>> h = word_hashes(BatchWords.of([["Mayor's", "2nd"], ["mayor", "S"]]))
    >>> h.counts.tolist(), bool((h.hashes[:2] == h.hashes[3:]).all())
    ([3, 2], True)
    """
    pieces = [dedup_pieces(word) for word in words.vocabulary.to_pylist()]
    per_word = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))  # pieces per distinct word
    # The pieces of distinct words are nearly all distinct: hashed as they are listed.
    piece_hashes = string_hashes(pa.array(list(chain.from_iterable(pieces)), pa.string()))
    first = np.cumsum(per_word) - per_word
    # Every word of the batch, in order, replaced by its distinct word's pieces (none, one
    # or more): out_first is where the word's first piece goes in the batch's hashes.
    count = per_word[words.ids]
    ends = np.cumsum(count)
    out_first = ends - count
    hashes = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint64)
    one = count == 1  # most words are one piece: one gather
    hashes[out_first[one]] = piece_hashes[first[words.ids[one]]]
    more = np.flatnonzero(count > 1)
    if len(more):  # "mayor's": the k-th piece out of such a word is its distinct word's first + k
        taken = count[more]
        step = np.arange(int(taken.sum())) - np.repeat(np.cumsum(taken) - taken, taken)
        hashes[np.repeat(out_first[more], taken) + step] = piece_hashes[np.repeat(first[words.ids[more]], taken) + step]
    # Pieces per document: the running count of pieces at each document's last word.
    before = np.concatenate([[0], ends])[np.cumsum(np.concatenate([[0], words.lengths]))]
    return WordHashes(hashes, np.diff(before).astype(np.int64))


# Which characters `_NOT_LETTERS_RE2` keeps, as RE2 decides, learnt as they are met: the
# pattern is a character class, so a word's pieces follow from its characters' verdicts,
# and compiling it costs Arrow 2 ms per call (more than a batch's words take in Python).
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalpha()})
_RE2_KEEPS: dict[str, bool] = {}


def _learn_characters(text: str) -> None:
    new = list(set(text).difference(_RE2_KEEPS))
    if new:
        kept = pc.replace_substring_regex(pa.array(new, pa.string()), _NOT_LETTERS_RE2, "").to_pylist()
        _RE2_KEEPS.update({char: char == verdict for char, verdict in zip(new, kept)})


def dedup_pieces(word: str) -> list[str]:
    """One whitespace-free word's dedup words: case-folded, cut at every character that is
    not a letter (``_NOT_LETTERS_RE2``, as RE2 reads it; ASCII: not a-z).

    >>> dedup_pieces("Mayor’s"), dedup_pieces("2nd"), dedup_pieces("STRASSE"), dedup_pieces("—")
    (['mayor', 's'], ['nd'], ['strasse'], [])
    """
    folded = word.casefold()
    if folded.isascii():
        return folded.translate(_ASCII_SEPARATORS).split()
    _learn_characters(folded)
    return "".join(char if _RE2_KEEPS[char] else " " for char in folded).split()


def exact_hashes(words: WordHashes) -> np.ndarray:
    """64-bit hash of each document's normalised word sequence: the sum of its words'
    hashes, each mixed with its position, mixed with the word count (order matters:
    "a b" and "b a" differ). Collisions: ~1 in 3.7e7 over 1 M documents.

    >>> h = exact_hashes(batch_words(["Hello, world!", "hello world", "world hello"]))
    >>> bool(h[0] == h[1]), bool(h[0] != h[2])
    (True, True)
    """
    n = len(words.counts)
    position = np.arange(len(words.hashes), dtype=np.uint64) - np.repeat(words.starts, words.counts).astype(np.uint64)
    keyed = _mix64(words.hashes ^ _mix64(position + np.uint64(1)))
    sums = np.zeros(n, dtype=np.uint64)
    has_words = words.counts > 0
    if has_words.any():
        sums[has_words] = np.add.reduceat(keyed, words.starts[has_words])  # uint64: wraps
    return _mix64(sums ^ words.counts.astype(np.uint64))


def shingle_hashes(words: WordHashes, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The word n-grams of each document (``shingles``) as 64-bit hashes, flat, and the
    row offsets of each document's shingles. A shingle's hash chains its words' hashes
    in order; a text shorter than n words is one shingle, a text
    without words has none.

    >>> hashes, offsets = shingle_hashes(batch_words(["a b c d", "a b", "", "x b c d"]), 3)
    >>> offsets.tolist(), bool(hashes[1] == hashes[4])
    ([0, 2, 3, 3, 5], True)
    """
    per_doc = np.where(words.counts > 0, np.maximum(words.counts - n + 1, 1), 0)
    offsets = np.concatenate([[0], np.cumsum(per_doc)]).astype(np.uint64)
    total = int(offsets[-1])
    # Position of each shingle's first word.
    first = np.repeat(words.starts, per_doc) + np.arange(total) - np.repeat(np.cumsum(per_doc) - per_doc, per_doc)
    # Chained FNV-style over the words' (already mixed) hashes, mixed once at the end:
    # computed for every run of n consecutive words of the batch (slices, no gathers),
    # then each shingle takes its first word's run.
    padded = np.concatenate([words.hashes, np.zeros(n, dtype=np.uint64)])
    runs = np.zeros(len(words.hashes), dtype=np.uint64)
    for k in range(n):
        runs = (runs * _FNV_PRIME) ^ padded[k:k + len(words.hashes)]
    hashes = runs[first]
    # A text shorter than n words is one shingle, whose words past its end count as 0
    # (its run above went on into the next text's words).
    short = np.flatnonzero((words.counts > 0) & (words.counts < n))
    if len(short):
        start, count = words.starts[short], words.counts[short]
        chained = np.zeros(len(short), dtype=np.uint64)
        for k in range(n):
            chained = (chained * _FNV_PRIME) ^ np.where(k < count, padded[start + k], np.uint64(0))
        hashes[offsets[short].astype(np.int64)] = chained
    return _mix64(hashes), offsets


@dataclass
class BatchTokens:
    """What a batch's signatures are made of, per document: its shingles' hashes (flat,
    document d's are ``shingles[offsets[d]:offsets[d + 1]]``), its exact hash and its
    number of dedup words."""

    shingles: np.ndarray  # uint64
    offsets: np.ndarray   # uint64, one more than the documents
    exact: np.ndarray     # uint64, one per document
    counts: np.ndarray    # int64, dedup words per document


def batch_tokens(words: BatchWords, n: int) -> BatchTokens:
    """``shingle_hashes`` and ``exact_hashes`` of a batch's whitespace-split words
    (``word_hashes``): by the compiled kernels (``_batch_tokens_compiled``) when they were
    built, else by their numpy twin (``_batch_tokens_numpy``, the reference). Same hashes.

    >>> from corpus_clean.words import BatchWords
    >>> t = batch_tokens(BatchWords.of([["The", "pier,", "2", "km!"], [], ["the", "PIER"]]), 3)
    >>> t.counts.tolist(), t.offsets.tolist()
    ([3, 0, 2], [0, 1, 1, 2])
    """
    kernel = _kernel()
    if kernel is None:
        return _batch_tokens_numpy(words, n)
    return _batch_tokens_compiled(kernel, words, n)


def _batch_tokens_numpy(words: BatchWords, n: int) -> BatchTokens:
    hashed = word_hashes(words)
    shingles, offsets = shingle_hashes(hashed, n)
    return BatchTokens(shingles, offsets, exact_hashes(hashed), hashed.counts)


# Non-ASCII words already cut (``dedup_pieces``, pieces joined by spaces), kept across
# batches: the same few thousand words ("mayor’s", “quoted”) come back in every batch.
# Cleared when full, so a worker's memory stays bounded whatever the corpus.
_CUT_WORDS: dict[str, str] = {}
_CUT_WORDS_MAX = 100_000


def _cut_word(word: str) -> str:
    """A non-ASCII word's dedup pieces joined by spaces, what ``piece_hashes`` cuts as
    the pieces themselves.

    >>> _cut_word("“Mayor’s”")
    'mayor s'
    """
    cut = _CUT_WORDS.get(word)
    if cut is None:
        if len(_CUT_WORDS) >= _CUT_WORDS_MAX:
            _CUT_WORDS.clear()
        cut = _CUT_WORDS[word] = " ".join(dedup_pieces(word))
    return cut


def _batch_tokens_compiled(kernel, words: BatchWords, n: int) -> BatchTokens:
    """The kernels' way: each distinct word's pieces hashed in one pass over the
    vocabulary's bytes (``piece_hashes``; a word holding a non-ASCII character is first
    cut and folded by ``dedup_pieces``, its pieces joined by spaces), then one pass over
    the batch's words makes every document's exact hash and shingles (``doc_tokens``)."""
    vocabulary = words.vocabulary
    if len(vocabulary) and not pc.all(pc.string_is_ascii(vocabulary)).as_py():
        other = pc.invert(pc.string_is_ascii(vocabulary))
        cut = [_cut_word(word) for word in vocabulary.filter(other).to_pylist()]
        vocabulary = pc.replace_with_mask(vocabulary, other, pa.array(cut, pa.string()))
    vocabulary = vocabulary.cast(pa.large_string())
    _, offsets, data = vocabulary.buffers()
    offsets = (np.frombuffer(offsets, dtype=np.int64)[vocabulary.offset:vocabulary.offset + len(vocabulary) + 1]
               if len(vocabulary) else np.zeros(1, dtype=np.int64))
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, dtype=np.uint8)
    pieces = np.empty(max(len(data), 1), dtype=np.uint64)  # at most a piece per byte
    first = np.empty(len(offsets), dtype=np.int64)
    kernel.piece_hashes(np.ascontiguousarray(offsets), data, pieces, first)
    ids = np.ascontiguousarray(words.ids, dtype=np.int64)
    lengths = np.ascontiguousarray(words.lengths, dtype=np.int64)
    counts = np.empty(len(lengths), dtype=np.int64)
    kernel.token_counts(first, ids, lengths, counts)
    per_doc = np.where(counts > 0, np.maximum(counts - n + 1, 1), 0)
    row_offsets = np.concatenate([[0], np.cumsum(per_doc)]).astype(np.uint64)
    exact = np.empty(len(lengths), dtype=np.uint64)
    shingles = np.empty(int(row_offsets[-1]), dtype=np.uint64)
    kernel.doc_tokens(pieces, first, ids, lengths, counts, n, exact, shingles)
    return BatchTokens(shingles, row_offsets, exact, counts)


def minhash_signatures(token_hashes: np.ndarray, row_offsets: np.ndarray, params: DedupParams) -> np.ndarray:
    """(documents × num_perm) uint32 MinHash signatures of each document's tokens (row i:
    ``token_hashes[row_offsets[i]:row_offsets[i + 1]]``), rensa's R-MinHash; a document
    without tokens gets all slots 2^32-1. By the compiled kernel when it was built
    (``_minhash_compiled``: the same sketch, written straight into the matrix), else by
    rensa itself (``_minhash_rensa``, the reference: tests/test_dedup_kernels.py checks
    the two give the same bits).

    rensa was chosen over datasketch after measuring both (benchmarks/dedup.py): same
    estimates, far faster. The fraction of equal slots between two signatures estimates
    the Jaccard similarity of the token sets.

    >>> s = minhash_signatures(np.array([7, 8, 9], np.uint64), np.array([0, 3, 3], np.uint64), DedupParams())
    >>> s.shape, bool((s[1] == 2**32 - 1).all()), bool((s[0] < 2**32 - 1).all())
    ((2, 128), True, True)
    """
    documents = len(row_offsets) - 1
    if documents <= 0:
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    kernel = _kernel()
    if kernel is None:
        return _minhash_rensa(token_hashes, row_offsets, params)
    return _minhash_compiled(kernel, token_hashes, row_offsets, params)


def _minhash_rensa(token_hashes: np.ndarray, row_offsets: np.ndarray, params: DedupParams) -> np.ndarray:
    from rensa import RMinHash

    documents = len(row_offsets) - 1
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(token_hashes, row_offsets, params.num_perm, params.seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(documents, params.num_perm)


def _minhash_compiled(kernel, token_hashes: np.ndarray, row_offsets: np.ndarray, params: DedupParams) -> np.ndarray:
    """rensa's sketch by the kernel (``minhash_rows``, _dedup_native.c says how it is
    made), with rensa's permutations (``rensa_permutations``)."""
    a, b = rensa_permutations(params.num_perm, params.seed)
    out = np.empty((len(row_offsets) - 1, params.num_perm), dtype=np.uint32)
    kernel.minhash_rows(np.ascontiguousarray(token_hashes, dtype=np.uint64),
                        np.ascontiguousarray(row_offsets, dtype=np.uint64), a, b, out)
    return out


_U64 = (1 << 64) - 1


@functools.cache
def rensa_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) pairs rensa's R-MinHash draws for `num_perm` slots from `seed`: xoshiro256++
    seeded from the seed by splitmix64 (the Rust ``rand_xoshiro`` crate's
    ``seed_from_u64``), two draws per slot, a made odd. Pure Python, once per process.

    >>> a, b = rensa_permutations(2, 1)
    >>> bool((a % 2 == 1).all()), a.dtype.name, len(b)
    (True, 'uint64', 2)
    """
    def rotate(x: int, k: int) -> int:
        return ((x << k) | (x >> (64 - k))) & _U64

    state, words = seed & _U64, []
    for _ in range(4):  # splitmix64's outputs fill xoshiro's four words
        state = (state + 0x9E3779B97F4A7C15) & _U64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _U64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
        words.append(z ^ (z >> 31))
    s0, s1, s2, s3 = words

    draws = []
    for _ in range(2 * num_perm):
        draws.append((rotate((s0 + s3) & _U64, 23) + s0) & _U64)
        t = (s1 << 17) & _U64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
    a = np.array(draws[0::2], dtype=np.uint64) | np.uint64(1)
    return a, np.array(draws[1::2], dtype=np.uint64)


# The word and shingle hashing above; part of the algorithm saved with an index.
WORD_HASHING = "words-fnv1a64-splitmix-v1"


def minhash_algorithm() -> str:
    """Saved with an index, which refuses signatures of another algorithm: rensa changes
    its MinHash between versions (0.5 made old signatures incomparable), and the tokens
    it is given are our own word-shingle hashes (``WORD_HASHING``; before them, rensa
    hashed shingle strings). Mixing either would silently miss every copy."""
    from rensa import RMinHash

    return f"rensa-rminhash-v{RMinHash.ALGORITHM_VERSION}+{WORD_HASHING}"


def index_meta(params: DedupParams) -> dict:
    """What an index records about how its signatures were made (its params.json)."""
    return {"params": asdict(params), "minhash": minhash_algorithm()}


def index_mismatch(index_dir: str | Path, params: DedupParams | None = None) -> str | None:
    """Why the index saved in `index_dir` cannot take this version's signatures, in
    words to follow "the index ..." (another MinHash algorithm or other parameters: comparing the two would miss
    every copy); None when it can, or when there is no index yet.

    >>> index_mismatch("/nonexistent") is None
    True
    """
    meta_path = Path(index_dir) / INDEX_PARAMS_FILE
    if not meta_path.exists():
        return None
    saved = json.loads(meta_path.read_text())
    wanted = index_meta(params or DedupParams())
    if saved == wanted:
        return None
    if saved.get("minhash") != wanted["minhash"]:
        return (f"holds signatures made by {saved.get('minhash')!r}, and this version makes them by "
                f"{wanted['minhash']!r}: the two cannot be compared")
    return (f"was built with parameters {saved.get('params')}, not {wanted['params']}: its signatures "
            f"cannot be compared with new ones")


def signature_schema(params: DedupParams) -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("exact_hash", pa.uint64(), nullable=False),
        pa.field("n_words", pa.int64(), nullable=False),
        pa.field("minhash", pa.list_(pa.uint32(), params.num_perm), nullable=False),
    ])


def signature_table(ids: list[str] | pa.Array, texts: list[str] | pa.Array | pa.ChunkedArray,
                    params: DedupParams = DedupParams()) -> pa.Table:
    """One row per document: id, exact_hash, n_words, minhash. Pure: run it per batch,
    in worker processes if you like, and concatenate the tables in record order.
    `texts` may be an Arrow string column (nulls read as ""), split as it is.

    >>> t = signature_table(["a", "b"], ["The pier reopens today.", "the PIER reopens today!"])
    >>> t.column("exact_hash")[0].as_py() == t.column("exact_hash")[1].as_py()
    True
    """
    ids = ids if isinstance(ids, (pa.Array, pa.ChunkedArray)) else pa.array(ids, pa.string())
    tokens = batch_tokens(split_batch(texts), params.shingle_words)
    signatures = minhash_signatures(tokens.shingles, tokens.offsets, params)
    minhash = pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel(), pa.uint32()), params.num_perm)
    return pa.Table.from_arrays([
        ids,
        pa.array(tokens.exact, pa.uint64()),
        pa.array(tokens.counts, pa.int64()),
        minhash,
    ], schema=signature_schema(params))


def signature_matrix(table: pa.Table, params: DedupParams) -> np.ndarray:
    """The `minhash` column as a (rows × num_perm) uint32 array: a view of the table's
    buffer when it is one chunk, else one copy filled chunk by chunk (``combine_chunks``
    would build a second, Arrow-side copy first; it copies even a single chunk)."""
    column = table.column("minhash")
    if column.num_chunks == 1:
        return column.chunk(0).flatten().to_numpy(zero_copy_only=False).reshape(len(table), params.num_perm)
    out = np.empty((len(table), params.num_perm), dtype=np.uint32)
    start = 0
    for chunk in column.chunks:
        out[start:start + len(chunk)] = chunk.flatten().to_numpy(zero_copy_only=False).reshape(-1, params.num_perm)
        start += len(chunk)
    return out


def read_signatures(paths: list[str | Path], params: DedupParams = DedupParams()) -> pa.Table:
    """The signature tables in `paths` (``signature_schema``), concatenated in order as a
    table of one chunk, read one file at a time: the run's signatures are held once
    (``pa.concat_tables(...).combine_chunks()`` holds them twice at its peak), and
    ``DedupIndex.assign`` then views them without copying."""
    import pyarrow.parquet as pq

    schema = signature_schema(params)
    rows = sum(pq.read_metadata(path).num_rows for path in paths)
    matrix = np.empty((rows, params.num_perm), dtype=np.uint32)
    columns: dict[str, list] = {"id": [], "exact_hash": [], "n_words": []}
    start = 0
    for path in paths:
        table = pq.read_table(path).cast(schema)
        matrix[start:start + len(table)] = signature_matrix(table, params)
        start += len(table)
        for name, chunks in columns.items():
            chunks.append(table.column(name).combine_chunks())
        del table
    return pa.Table.from_arrays(
        [pa.concat_arrays(chunks) if chunks else pa.array([], schema.field(name).type)
         for name, chunks in columns.items()]
        + [pa.FixedSizeListArray.from_arrays(pa.array(matrix.ravel(), pa.uint32()), params.num_perm)],
        schema=schema)


class MappedSignatures:
    """A run's signatures in a file, mapped read-only instead of held in memory.

    At 512 B per document the signatures of a 2 GB run (~500k documents) are ~250 MB. The
    assignment reads them a slice of rows at a time (band keys) or gathers a chunk of pairs
    (verification); mapped, they come from the page cache as needed, and ``release()``
    drops the pages this process has touched (``MADV_DONTNEED`` on a read-only file
    mapping: a later read faults them back from the page cache, unchanged), so the pages
    counted in the process's RSS stay at about a slice. The file is unlinked as soon as it
    is mapped: nothing is left behind, even by a killed run.

    ``table`` is ``signature_schema``'s table whose ``minhash`` column views the mapping
    (``signature_matrix`` gives the mapped array without a copy).
    """

    def __init__(self, ids: pa.Array, exact_hash: pa.Array, n_words: pa.Array, mapping: mmap.mmap | None,
                 params: DedupParams) -> None:
        self._mapping = mapping
        values = (pa.Array.from_buffers(pa.uint32(), len(ids) * params.num_perm, [None, pa.py_buffer(mapping)])
                  if mapping is not None else pa.array([], pa.uint32()))
        self.table = pa.Table.from_arrays(
            [ids, exact_hash, n_words, pa.FixedSizeListArray.from_arrays(values, params.num_perm)],
            schema=signature_schema(params))

    def release(self) -> None:
        """Drop the mapped pages this process holds (they stay in the file)."""
        if self._mapping is not None:
            self._mapping.madvise(mmap.MADV_DONTNEED)


def map_signatures(paths: list[str | Path], directory: str | Path,
                   params: DedupParams = DedupParams()) -> MappedSignatures:
    """``read_signatures``, with the `minhash` matrix written to a file in `directory`
    (one staged file at a time) and mapped (``MappedSignatures``); the other columns
    (~60 B per document) are held."""
    import pyarrow.parquet as pq

    schema = signature_schema(params)
    columns: dict[str, list] = {"id": [], "exact_hash": [], "n_words": []}
    with tempfile.NamedTemporaryFile(dir=directory, prefix="dedup-signatures-", suffix=".uint32") as handle:
        for path in paths:
            table = pq.read_table(path).cast(schema)
            handle.write(signature_matrix(table, params).tobytes())
            for name, chunks in columns.items():
                chunks.append(table.column(name).combine_chunks())
            del table
        handle.flush()
        size = handle.tell()
        mapping = mmap.mmap(handle.fileno(), size, prot=mmap.PROT_READ) if size else None
    arrays = [pa.concat_arrays(chunks) if chunks else pa.array([], schema.field(name).type)
              for name, chunks in columns.items()]
    return MappedSignatures(*arrays, mapping, params)


def band_keys(signatures: np.ndarray, params: DedupParams) -> np.ndarray:
    """(documents × bands) uint32: an FNV-1a-style hash of each band's `rows` slots, high
    32 bits kept. 32 bits halve the index's memory; a chance key collision (about one per
    4 billion pairs per band) only adds a candidate that verification rejects."""
    return np.stack([band_key(signatures, params, band) for band in range(params.bands)], axis=1)


def band_key(signatures: np.ndarray, params: DedupParams, band: int, rows: np.ndarray | None = None) -> np.ndarray:
    """Column `band` of ``band_keys`` (for the documents `rows`, default all): an
    FNV-1a-style hash of the band's `rows` slots. The assignment takes the bands one at a
    time: all 64 at once cost ~1.5 KB of uint64 temporaries per document (32 MB for 25k
    documents, measured).

    >>> s = np.array([[7, 9, 7, 9, 7, 8]], dtype=np.uint32)
    >>> p = DedupParams(num_perm=6, bands=3, rows=2)
    >>> [band_key(s, p, band).tolist() for band in range(3)]  # equal slots, equal keys
    [[136863495], [136863495], [136863239]]
    """
    columns = slice(band * params.rows, (band + 1) * params.rows)
    used = signatures[:, columns] if rows is None else signatures[rows, columns]
    keys = np.full(len(used), 0xCBF29CE484222325, dtype=np.uint64)
    prime = np.uint64(0x100000001B3)
    for row in range(params.rows):
        keys = (keys ^ used[:, row]) * prime  # uint64 arithmetic wraps, as a hash should
    return (keys >> np.uint64(32)).astype(np.uint32)


def band_table_keys(signatures: np.ndarray, params: DedupParams, rows: np.ndarray,
                    bands: range | None = None) -> np.ndarray:
    """The keys in `bands` (default all) of the documents `rows` (a boolean mask) as one
    uint64 array, band by band: entry ``k * n + j`` is ``band << 32 | band_key(...)[j]``
    for the k-th band and the j-th of the n documents. Equal entries: the same key in the
    same band.

    >>> s = np.array([[7, 9, 7, 9, 7, 8]], dtype=np.uint32)
    >>> p = DedupParams(num_perm=6, bands=3, rows=2)
    >>> [(int(k) >> 32, int(k) & 0xFFFFFFFF) for k in band_table_keys(s, p, np.array([True]))]
    [(0, 136863495), (1, 136863495), (2, 136863239)]
    """
    bands = range(params.bands) if bands is None else bands
    kernel = _kernel()
    if kernel is not None and signatures.dtype == np.uint32 and signatures.ndim == 2 and bands.step == 1:
        # The compiled twin: each key's slots read where they lie, no uint64 temporaries
        # per band (a shard's dedup split: ~13 -> ~1 ms for 32 bands of 5k documents).
        positions = np.flatnonzero(rows).astype(np.int64)
        keys = np.empty(len(bands) * len(positions), dtype=np.uint64)
        kernel.band_keys(np.ascontiguousarray(signatures), signatures.shape[1], positions, bands.start, bands.stop,
                         params.rows, True, keys)
        return keys
    return _band_table_keys_numpy(signatures, params, rows, bands)


def _band_table_keys_numpy(signatures: np.ndarray, params: DedupParams, rows: np.ndarray, bands: range) -> np.ndarray:
    """``band_table_keys``' twin (and reference: tests/test_dedup_kernels.py), a band at a time."""
    n = int(np.count_nonzero(rows))
    keys = np.empty(len(bands) * n, dtype=np.uint64)
    for k, band in enumerate(bands):
        keys[k * n:(k + 1) * n] = band_key(signatures, params, band, rows)
        keys[k * n:(k + 1) * n] |= np.uint64(band) << np.uint64(32)
    return keys


def band_key_in_slices(signatures: np.ndarray, params: DedupParams, band: int, rows: np.ndarray,
                       release: Callable[[], None] = lambda: None) -> np.ndarray:
    """``band_key(signatures, params, band, rows)`` (`rows`: a boolean mask) computed
    ``BAND_KEY_ROWS`` rows at a time, calling `release` after each slice: a band's key
    reads 8 of each row's 512 bytes, so over a mapped matrix one call for all rows would
    bring every page of it in. The keys are the same (each row's key is its own).

    >>> s = np.arange(5 * 6, dtype=np.uint32).reshape(5, 6)
    >>> p, rows = DedupParams(num_perm=6, bands=3, rows=2), np.array([1, 0, 1, 1, 1], dtype=bool)
    >>> np.array_equal(band_key_in_slices(s, p, 1, rows), band_key(s, p, 1, rows))
    True
    """
    keys = [np.empty(0, dtype=np.uint32)]
    for start in range(0, len(signatures), BAND_KEY_ROWS):
        stop = start + BAND_KEY_ROWS
        keys.append(band_key(signatures[start:stop], params, band, rows[start:stop]))
        release()
    return np.concatenate(keys)


def gather_rows(matrix: np.ndarray, positions: np.ndarray, release: Callable[[], None] = lambda: None) -> np.ndarray:
    """``matrix[positions]``, read ``BAND_KEY_ROWS`` rows of `matrix` at a time in position
    order, calling `release` after each block read: a mapped matrix is brought in a block
    at a time, not whole (see ``DedupIndex._verify`` on what one scattered read maps).

    >>> m = np.arange(12).reshape(6, 2)
    >>> gather_rows(m, np.array([4, 0, 4, 1])).tolist()
    [[8, 9], [0, 1], [8, 9], [2, 3]]
    """
    out = np.empty((len(positions), *matrix.shape[1:]), dtype=matrix.dtype)
    order = np.argsort(positions, kind="stable")
    in_order = positions[order]
    edges = np.searchsorted(in_order, np.arange(0, len(matrix) + BAND_KEY_ROWS, BAND_KEY_ROWS))
    for low, high in zip(edges[:-1].tolist(), edges[1:].tolist()):
        if high > low:
            out[order[low:high]] = matrix[in_order[low:high]]
            release()
    return out


# Candidate pair keys (8 bytes each) gathered over bands before duplicates are dropped.
PAIR_KEYS_AT_ONCE = 1_000_000
# Documents of a run whose candidate pairs are made unique and verified together. A run
# with more spills its pairs to files, one per slice of this many documents, so that the
# pairs in memory stay bounded whatever the run's size (see CandidatePairs). A slice's
# raw keys are ~250 per document at most (4 per band), ~120 on uncleaned generated
# texts: 8 MB here, and about as much again while they are made unique and verified.
PARTITION_DOCS = 8_192
# Candidate pairs verified at a time (their two gathered signatures: ~8 MB).
VERIFY_PAIRS = 8_192
# Rows of the run's signatures read at a time for one band's keys (8 MB of signatures;
# mapped ones are released after each slice, see MappedSignatures).
BAND_KEY_ROWS = 16_384
# Rows of an index part written at a time (``DedupIndex.save``): 4 MB of signatures. The
# Parquet writer holds a group's column encoded (its list levels, a dictionary it tries,
# the compressed pages) besides the gathered rows: with the 16 MB groups of the clean
# parts (~29k rows here) the save peaked ~120 MB above its start at 100k documents.
INDEX_ROW_GROUP_ROWS = 8_192
# Signatures the decisions read (anywhere in the run) between two releases of a mapped
# matrix's pages. The kernel maps more than the page read: measured, 16 single rows
# read brought in 8 MB (its page cache holds large folios), so this is kept small.
READS_PER_RELEASE = 32


def agreement(left: np.ndarray, right: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Estimated Jaccard of each pair of signatures (rows of `left` and `right`): the
    fraction of equal slots."""
    out = np.empty(len(left), dtype=np.float32)
    slots = left.shape[1] if left.ndim == 2 else 1
    for start in range(0, len(left), chunk):
        # Counting equal slots is exact and ~4x faster than .mean() of a boolean array
        # (which converts every slot to float64 first); same values (k / slots).
        out[start:start + chunk] = np.count_nonzero(left[start:start + chunk] == right[start:start + chunk],
                                                    axis=1) / slots
    return out


# ---------------------------------------------------------------- comparing signatures
# The compiled kernel (corpus_clean/_dedup_native.c), when it was built: it compares two
# documents' signature rows where they lie, and stops on a pair that can no longer reach
# the threshold. Its numpy twin (``_equal_slots_numpy``) gathers the rows, compares them
# whole and is the reference: same output (tests/test_dedup_kernels.py).
try:
    from corpus_clean import _dedup_native
except ImportError:  # not built (no C compiler at install): the twin runs
    _dedup_native = None


def _kernel():
    """The compiled kernel, unless the twins are asked for (``native.twins_only``,
    ``CORPUS_CLEAN_NATIVE=0``: the same switch as the core's kernels) or it was not built."""
    from corpus_clean import native

    return _dedup_native if native.active() is not None else None


def _equal_slots_numpy(left: np.ndarray, left_rows: np.ndarray, right: np.ndarray,
                       right_rows: np.ndarray) -> np.ndarray:
    """``equal_slots``' twin: ``VERIFY_PAIRS`` pairs' rows gathered at a time and compared."""
    out = np.empty(len(left_rows), dtype=np.int32)
    for start in range(0, len(left_rows), VERIFY_PAIRS):
        stop = start + VERIFY_PAIRS
        out[start:stop] = np.count_nonzero(left[left_rows[start:stop]] == right[right_rows[start:stop]], axis=1)
    return out


def _equal_slots_compiled(kernel, left: np.ndarray, left_rows: np.ndarray, right: np.ndarray,
                          right_rows: np.ndarray, need: int) -> np.ndarray:
    out = np.empty(len(left_rows), dtype=np.int32)
    kernel.equal_slots(np.ascontiguousarray(left), np.ascontiguousarray(left_rows, dtype=np.int64),
                       np.ascontiguousarray(right), np.ascontiguousarray(right_rows, dtype=np.int64),
                       left.shape[1], need, out)
    return out


def equal_slots(left: np.ndarray, left_rows: np.ndarray, right: np.ndarray, right_rows: np.ndarray) -> np.ndarray:
    """For each pair k, how many slots row `left_rows[k]` of signature matrix `left` and
    row `right_rows[k]` of `right` have equal (int32): ``agreement`` times the slots,
    without gathering the rows.

    >>> m = np.array([[1, 2, 3, 4], [1, 2, 0, 4], [9, 9, 9, 9]], dtype=np.uint32)
    >>> equal_slots(m, np.array([1, 2]), m, np.array([0, 0])).tolist()
    [3, 0]
    """
    kernel = _kernel()
    if kernel is None:
        return _equal_slots_numpy(left, left_rows, right, right_rows)
    return _equal_slots_compiled(kernel, left, left_rows, right, right_rows, 0)


def reaching(left: np.ndarray, left_rows: np.ndarray, right: np.ndarray, right_rows: np.ndarray,
             need: int) -> np.ndarray:
    """``equal_slots(...) >= need`` (bool per pair). The compiled kernel drops a pair as
    soon as its count so far plus the slots left is under `need`: a chance candidate (most
    of them agree on a few slots) is rejected after ~80 of 128 slots.

    >>> m = np.array([[1, 2, 3, 4], [1, 2, 0, 4], [9, 9, 9, 9]], dtype=np.uint32)
    >>> reaching(m, np.array([1, 2]), m, np.array([0, 0]), need=3).tolist()
    [True, False]
    """
    kernel = _kernel()
    if kernel is None:
        return _equal_slots_numpy(left, left_rows, right, right_rows) >= need
    return _equal_slots_compiled(kernel, left, left_rows, right, right_rows, need) >= need


def needed_slots(threshold: float, slots: int) -> int:
    """The fewest equal slots whose ``agreement`` (k / slots, as float32) is >= threshold:
    comparing counts with it decides as comparing ``agreement`` with the threshold.

    >>> needed_slots(0.4, 128), needed_slots(0.5, 128), needed_slots(1.0, 128)
    (52, 64, 128)
    """
    agreements = (np.arange(slots + 1) / slots).astype(np.float32)
    return int(np.argmax(agreements >= threshold))


class SignatureRows:
    """The signatures of index positions, read where they lie: below `n_old` rows of
    the index's matrix `old`, from `n_old` on rows of `new` (the batch's, or the run's).
    Called with positions, gives their rows (a copy); ``equal_slots`` and ``reaching``
    compare pairs of positions, the later one (left) always at `n_old` or after.

    >>> s = SignatureRows(np.array([[1, 2]], dtype=np.uint32), np.array([[1, 3], [1, 2]], dtype=np.uint32), 1)
    >>> s(np.array([2, 0])).tolist(), s.equal_slots(np.array([1, 2]), np.array([0, 0])).tolist()
    ([[1, 2], [1, 2]], [1, 2])
    """

    def __init__(self, old: np.ndarray, new: np.ndarray, n_old: int) -> None:
        self.old, self.new, self.n_old = old, new, n_old

    def __call__(self, positions: np.ndarray) -> np.ndarray:
        old = positions < self.n_old
        if not old.any():  # the usual case (a batch's own documents): one gather
            return self.new.take(positions - self.n_old, axis=0)
        out = np.empty((len(positions), self.new.shape[1]), dtype=np.uint32)
        out[old] = self.old[positions[old]]
        out[~old] = self.new[positions[~old] - self.n_old]
        return out

    def _by_matrix(self, compare, left: np.ndarray, right: np.ndarray, out: np.ndarray) -> np.ndarray:
        """`compare(new, left rows, matrix, right rows)` into `out`, the right side split
        by the matrix it lies in."""
        old = right < self.n_old
        if not old.any():
            out[:] = compare(self.new, left - self.n_old, self.new, right - self.n_old)
        else:
            out[old] = compare(self.new, left[old] - self.n_old, self.old, right[old])
            out[~old] = compare(self.new, left[~old] - self.n_old, self.new, right[~old] - self.n_old)
        return out

    def equal_slots(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return self._by_matrix(equal_slots, left, right, np.empty(len(left), dtype=np.int32))

    def reaching(self, left: np.ndarray, right: np.ndarray, need: int) -> np.ndarray:
        return self._by_matrix(lambda *rows: reaching(*rows, need), left, right, np.empty(len(left), dtype=bool))


def stable_order(keys: np.ndarray, segments: int = 1) -> np.ndarray:
    """``np.argsort(keys, kind="stable")``; for uint32 keys computed as one sort of
    (key << 32 | row) in uint64, which numpy's SIMD sort does several times faster than a
    stable argsort (65 sorts of a million keys make most of loading a 1 M index). uint64
    keys take the same way when their high bits leave room for the row number
    (``_row_bits_free``): the band tables' keys (band << 32 | key, 38 bits) sort 3-4x
    faster so (a shard's dedup split sorts two groups of ~160k of them).

    >>> stable_order(np.array([5, 1, 5, 0], dtype=np.uint32)).tolist()
    [3, 1, 0, 2]
    >>> stable_order(np.array([5 << 32, 1, 5 << 32, 0], dtype=np.uint64)).tolist()
    [3, 1, 0, 2]

    `segments`: the keys are that many equal runs, every key of a run below every key of
    the next (``band_table_keys``: the band in the high bits), so each run is sorted alone,
    a sort of a few thousand keys in cache instead of one of them all (~40 % less CPU for
    32 bands of 8k documents); the same order.

    >>> stable_order(np.array([5, 1, 5, 9 << 32, 7 << 32, 9 << 32], dtype=np.uint64), segments=2).tolist()
    [1, 0, 2, 4, 3, 5]
    """
    if keys.dtype == np.uint32 and len(keys) < 2**32:
        row_bits = 32
        combined = keys.astype(np.uint64) << np.uint64(32)
    elif keys.dtype == np.uint64 and (row_bits := _row_bits_free(keys)):
        combined = keys << np.uint64(row_bits)
    else:
        return np.argsort(keys, kind="stable")
    combined |= np.arange(len(keys), dtype=np.uint64)
    if segments > 1 and len(keys) % segments == 0:
        combined.reshape(segments, -1).sort(axis=1)
    else:
        combined.sort()
    return (combined & np.uint64((1 << row_bits) - 1)).astype(np.int64)


def _row_bits_free(keys: np.ndarray) -> int:
    """The bits a row number of `keys` (uint64) needs, when the keys' unused high bits can
    hold it (so that key << bits | row sorts as (key, row)); else 0.

    >>> _row_bits_free(np.array([1 << 38, 7], dtype=np.uint64)), _row_bits_free(np.array([1 << 63], dtype=np.uint64))
    (1, 0)
    """
    if len(keys) < 2:
        return 0
    row_bits = (len(keys) - 1).bit_length()
    return row_bits if int(keys.max()) >> (64 - row_bits) == 0 else 0


def _group_edges(keys: np.ndarray, order: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Within groups of equal key, link each member to the group's first member and to the
    member just before it (members are row numbers, in record order; the sort is stable).
    Returns (later, earlier) row numbers.

    Two links, not all pairs: a huge group (a shingle common to thousands of articles)
    costs two edges per document, and a real copy shares many bands, so some band links
    it to the document it copies.

    >>> _group_edges(np.array([7, 3, 7, 7]))
    (array([2, 3, 2, 3]), array([0, 2, 0, 0]))

    (`order`: ``stable_order(keys)``, when the caller has it already.)
    """
    order = stable_order(keys) if order is None else order
    sorted_keys = keys[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    is_start = np.r_[True, ~same]
    group_start = np.maximum.accumulate(np.where(is_start, np.arange(len(order)), 0))
    later = order[1:][same]
    return (np.concatenate([later, later]),
            np.concatenate([order[:-1][same], order[group_start][1:][same]]))


def group_links(keys: np.ndarray, order: np.ndarray, document: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each entry of `keys` (`order`: ``stable_order(keys)``), the document (`document`,
    int64, per entry) of the member just before it in its group of equal keys and that of
    the group's first member; -1 and -1 for a group's first member. The compiled kernel
    (one pass over the order, no temporaries) when built, else its twin
    (``_group_links_numpy``).

    >>> keys = np.array([7, 3, 7, 7], dtype=np.uint64)
    >>> [a.tolist() for a in group_links(keys, stable_order(keys), np.array([10, 11, 12, 13]))]
    [[-1, -1, 10, 12], [-1, -1, 10, 10]]
    """
    kernel = _kernel()
    if kernel is None or keys.dtype != np.uint64:
        return _group_links_numpy(keys, order, document)
    previous, first = np.empty(len(keys), dtype=np.int64), np.empty(len(keys), dtype=np.int64)
    kernel.group_links(np.ascontiguousarray(keys), np.ascontiguousarray(order, dtype=np.int64),
                       np.ascontiguousarray(document, dtype=np.int64), previous, first)
    return previous, first


def _group_links_numpy(keys: np.ndarray, order: np.ndarray, document: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``group_links``' twin (and reference), from ``_group_edges``' links."""
    previous = np.full(len(keys), -1, dtype=np.int64)
    first = np.full(len(keys), -1, dtype=np.int64)
    later, earlier = _group_edges(keys, order)
    half = len(later) // 2
    previous[later[:half]] = document[earlier[:half]]
    first[later[half:]] = document[earlier[half:]]
    return previous, first


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)`` for a 1-d array the caller gives up: sorted in place, then the
    first of each run of equal keys. numpy's hash-based unique holds ~3 copies of its
    input at once (measured: 39 MB for 16 MB of pair keys); this holds the keys, one byte
    per key and the result.

    Sorted with ``kind="stable"`` (timsort, which merges the runs it finds): pair keys come
    in long ascending runs (a band's pairs are in document order, and a pile already made
    unique is one run), which numpy's default SIMD quicksort does not use; the same sorted
    array, 4.5x less CPU on a 200 MB run's pair keys (0.51 -> 0.11 s,
    benchmarks/RESULTS-throughput.md, "Round 23, flow23"). Random keys (``stable_order``'s)
    stay with the default, which is faster on them.

    >>> sorted_unique(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    keys.sort(kind="stable")
    if len(keys) < 2:
        return keys
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]


class CandidatePairs:
    """Candidate pair keys (``later << 32 | earlier``, positions in the index) gathered band
    by band, handed back unique and sorted, one slice of later documents at a time.

    The distinct pairs of a run grow with it (~86 per document on the generated corpus:
    ~350 MB for a 2 GB run, and two to three times that while making them unique). So a
    run of more than `partition_docs` documents is cut by the later document's position
    into slices of that many; each slice's keys are appended to its own file in
    `directory` whenever `PAIR_KEYS_AT_ONCE` keys have piled up in memory, and read back
    one slice at a time. A pair's key sorts by its later document first, so the slices,
    in order, give exactly the sorted unique keys of the whole run.

    >>> pairs = CandidatePairs(first=10, count=4, partition_docs=2)
    >>> pairs.add(np.array([(13 << 32) | 2, (10 << 32) | 1, (13 << 32) | 2]))
    >>> [(p >> 32).tolist() for p in pairs.slices()]
    [[10], [13]]
    """

    def __init__(self, first: int, count: int, directory: str | Path | None = None,
                 partition_docs: int | None = None) -> None:
        partition_docs = partition_docs or PARTITION_DOCS
        self.first, self.partition_docs = first, partition_docs
        self.n_slices = max(1, -(-count // partition_docs))
        self._piles: list[list[np.ndarray]] = [[] for _ in range(self.n_slices)]
        self._piled = 0
        self._spill = tempfile.TemporaryDirectory(dir=directory, prefix="dedup-pairs-") if self.n_slices > 1 else None

    def add(self, keys: np.ndarray) -> None:
        if self.n_slices == 1:
            self._piles[0].append(keys)
        else:
            slice_of = ((keys >> 32) - self.first) // self.partition_docs
            order = np.argsort(slice_of, kind="stable")
            bounds = np.searchsorted(slice_of[order], np.arange(self.n_slices + 1))
            for k in range(self.n_slices):
                if bounds[k + 1] > bounds[k]:
                    self._piles[k].append(keys[order[bounds[k]:bounds[k + 1]]])
        self._piled += len(keys)
        if self._piled > PAIR_KEYS_AT_ONCE:
            self._flush_all()

    def _flush_all(self) -> None:
        """Make each pile unique; with several slices, append them to their files."""
        for k, pile in enumerate(self._piles):
            if not pile:
                continue
            unique = sorted_unique(np.concatenate(pile))
            if self._spill is None:
                self._piles[k] = [unique]
            else:
                with open(self._path(k), "ab") as handle:
                    unique.tofile(handle)
                self._piles[k] = []
        self._piled = 0

    def _path(self, k: int) -> Path:
        return Path(self._spill.name) / f"{k:06d}.int64"

    def slices(self):
        """The unique keys, sorted, one slice of later documents at a time (files removed).
        With several slices, every pile goes to its file first: one slice in memory."""
        try:
            if self._spill is not None:
                self._flush_all()
            for k in range(self.n_slices):
                pile, self._piles[k] = self._piles[k], []
                if self._spill is not None and self._path(k).exists():
                    pile.append(np.fromfile(self._path(k), dtype=np.int64))
                    self._path(k).unlink()
                keys = np.concatenate(pile) if pile else np.empty(0, dtype=np.int64)
                del pile
                unique = sorted_unique(keys)
                del keys  # only the slice's unique keys stay while the caller verifies them
                yield unique
                del unique
        finally:
            if self._spill is not None:
                self._spill.cleanup()


class SortedKeys:
    """Keys of indexed documents, sorted, with each one's position (stable: equal keys in
    position order). Looking up a batch is two ``np.searchsorted``; adding a batch is a
    merge, not a re-sort of everything."""

    def __init__(self, dtype) -> None:
        self.keys = np.empty(0, dtype=dtype)
        self.positions = np.empty(0, dtype=np.int32)  # 2^31 documents is plenty; halves memory

    def add(self, keys: np.ndarray, positions: np.ndarray) -> None:
        """Add keys of documents at `positions`, all later than any indexed one."""
        order = stable_order(keys)
        at = np.searchsorted(self.keys, keys[order], side="right")
        self.keys = np.insert(self.keys, at, keys[order])
        self.positions = np.insert(self.positions, at, positions[order])

    def first_and_last(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the earliest and latest indexed document with each key (-1: none)."""
        low = np.searchsorted(self.keys, keys, side="left")
        high = np.searchsorted(self.keys, keys, side="right")
        found = high > low
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64), np.full(len(keys), -1, dtype=np.int64)
        first = np.where(found, self.positions[np.minimum(low, len(self.keys) - 1)], -1).astype(np.int64)
        last = np.where(found, self.positions[np.maximum(high - 1, 0)], -1).astype(np.int64)
        return first, last


def assignments_schema() -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("duplicate_of", pa.string(), nullable=True),
        pa.field("similarity", pa.float32(), nullable=True),
        pa.field("seen_before", pa.bool_(), nullable=False),
    ])


INDEX_PARAMS_FILE = "params.json"
# The n_words of an index row saying its id was forgotten (a record gone from a file
# cleaned again): the id's earlier rows, and this one, are dead. (Never a count.)
FORGOTTEN_WORDS = -1


class DedupIndex:
    """Every document seen so far (by earlier runs and this one): its id, exact hash,
    signature, and whether it was kept or is a duplicate of a kept one.

    ``assign`` decides each new document in the order given (the run's record order), so
    the result is deterministic; ``save`` writes what was added as a new Parquet part.
    A document whose id and normalised text are already in the index (a rerun over the
    same input) gets its earlier decision back, marked ``seen_before``: reruns are
    idempotent. A document whose id is indexed with another text (its source file was
    edited) is decided afresh and replaces the old entry. The ids a run is told to
    `forget` (the earlier records of the files it cleans again) and does not bring back
    (a file cut, a record now filtered) die too: a later copy of one is then kept, as a
    fresh run keeps it; the index saves a row saying so (``FORGOTTEN_WORDS``).

    In memory: the rows without their signatures (an Arrow table), the signatures as one
    (documents × num_perm) uint32 array, and for the kept documents their exact hashes
    and band keys sorted for lookup.
    """

    def __init__(self, params: DedupParams = DedupParams()) -> None:
        self.params = params
        self._rows = _index_schema().empty_table()   # id, exact_hash, n_words, duplicate_of, similarity
        self._matrix = np.empty((0, params.num_perm), dtype=np.uint32)
        self._root = np.empty(0, dtype=np.int64)     # position of the kept document (itself if kept)
        self._live = np.empty(0, dtype=bool)         # False once an edited version replaced the row
        self._exact = SortedKeys(np.uint64)
        self._bands = [SortedKeys(np.uint32) for _ in range(params.bands)]
        self._not_sorted_in: list[np.ndarray] = []   # findable positions not yet in _exact/_bands
        self._saved = 0                              # rows already in the directory's parts

    def __len__(self) -> int:
        return int(self._live.sum())

    def memory_bytes(self) -> dict[str, int]:
        """What the index holds in memory, by part (bytes)."""
        return {
            "rows (id, hash, decision)": self._rows.nbytes,
            "signatures": self._matrix.nbytes,
            "sorted exact hashes and band keys": sum(
                k.keys.nbytes + k.positions.nbytes for k in [self._exact, *self._bands]),
            "root and live flags": self._root.nbytes + self._live.nbytes,
        }

    def indexed_ids(self) -> list[str]:
        """Ids of the documents in the index (the latest version of each), in index order."""
        return self._rows.column("id").filter(pa.array(self._live)).to_pylist()

    # --- persistence -----------------------------------------------------------------

    def _meta(self) -> dict:
        return index_meta(self.params)

    @classmethod
    def load(cls, directory: str | Path, params: DedupParams = DedupParams()) -> "DedupIndex":
        """The index saved in `directory` (an empty one if there is none yet). Refuses an
        index made with other parameters or another MinHash algorithm: its signatures
        could not be compared with new ones."""
        index = cls(params)
        directory = Path(directory)
        meta_path = directory / INDEX_PARAMS_FILE
        if not meta_path.exists():
            return index
        import pyarrow.parquet as pq

        saved = json.loads(meta_path.read_text())
        if saved != index._meta():
            raise ValueError(f"dedup index in {directory} was built with {saved}, not {index._meta()}")
        parts = sorted(directory.glob("part-*.parquet"))
        if not parts:
            return index
        schema = pa.schema(list(_index_schema()) + [signature_schema(params).field("minhash")])
        table = _latest_per_id(pa.concat_tables([pq.read_table(p).cast(schema) for p in parts]))
        matrix = signature_matrix(table, params).copy()
        rows = table.drop_columns(["minhash"]).combine_chunks()
        ids = rows.column("id")
        root = pc.index_in(rows.column("duplicate_of"), value_set=ids).to_numpy(zero_copy_only=False)
        root = np.where(np.isnan(root.astype(float)), np.arange(len(rows)), root).astype(np.int64)
        index._append(rows, matrix, root)
        index._live &= rows.column("n_words").to_numpy() != FORGOTTEN_WORDS
        index._saved = len(rows)
        return index

    def save(self, directory: str | Path, release: Callable[[], None] = lambda: None) -> Path | None:
        """Write the rows added since load/save as `part-NNNNNN.parquet` (atomically), rows
        sorted for readers (by id) as ``output.write_parquet`` sorts them. Returns the part
        written, or None when nothing was added (a rerun).

        Written ``INDEX_ROW_GROUP_ROWS`` rows at a time, each group's signatures gathered
        from the matrix (``gather_rows``): sorting the whole table with its signatures held
        them twice more (~500 MB at 2 GB of input)."""
        from corpus_clean.output import sort_for_readers, write_json, write_parquet_row_groups

        directory = Path(directory)
        write_json(self._meta(), directory / INDEX_PARAMS_FILE)
        if self._saved == len(self._rows):
            return None
        rows = self._rows.slice(self._saved).combine_chunks()  # without signatures: ~60 B per document
        rows = sort_for_readers(rows.append_column("position", pa.array(np.arange(len(rows)))))
        positions = rows.column("position").to_numpy() + self._saved
        rows = rows.drop_columns(["position"])
        minhash = signature_schema(self.params).field("minhash")
        schema = pa.schema(list(rows.schema) + [minhash])
        per_group = INDEX_ROW_GROUP_ROWS

        def groups():
            for start in range(0, len(rows), per_group):
                at = positions[start:start + per_group]
                signatures = pa.FixedSizeListArray.from_arrays(
                    pa.array(gather_rows(self._matrix, at, release).ravel(), pa.uint32()), self.params.num_perm)
                yield rows.slice(start, len(at)).append_column(minhash, signatures)
                release()

        number = len(list(directory.glob("part-*.parquet")))
        path = write_parquet_row_groups(groups(), schema, directory / f"part-{number:06d}.parquet")
        self._saved = len(self._rows)
        return path

    def _append(self, rows: pa.Table, matrix: np.ndarray, root: np.ndarray) -> None:
        """Add rows (positions continue the index's); kept ones with words become findable."""
        start = len(self._rows)
        positions = np.arange(start, start + len(rows))
        self._rows = pa.concat_tables([self._rows, rows.cast(_index_schema())])
        self._matrix = np.concatenate([self._matrix, matrix]) if start else matrix
        self._root = np.concatenate([self._root, root])
        self._live = np.concatenate([self._live, np.ones(len(rows), dtype=bool)])
        findable = (root == positions) & (rows.column("n_words").to_numpy() > 0)
        if findable.any():
            self._not_sorted_in.append(positions[findable])

    def _sort_in_added(self) -> None:
        """Make the documents added since the last assign findable (exact hash, band keys).

        Done when the next ``assign`` needs them, not on adding: a run's ``deduplicate``
        adds the run's documents, saves them and ends, and their sorted keys (~0.5 KB
        per document) would only have been built to be thrown away. Keys added in one
        merge or in several sort the same (positions only grow)."""
        if not self._not_sorted_in:
            return
        positions = np.concatenate(self._not_sorted_in)
        self._not_sorted_in = []
        hashes = self._rows.column("exact_hash").to_numpy()
        self._exact.add(hashes[positions], positions)
        del hashes
        for band, sorted_keys in enumerate(self._bands):
            sorted_keys.add(band_key(self._matrix, self.params, band, positions), positions)

    # --- assignment ------------------------------------------------------------------

    def assign(self, signatures: pa.Table, spill_dir: str | Path | None = None,
               release: Callable[[], None] = lambda: None, forget: pa.Array | None = None) -> pa.Table:
        """Decide each document of `signatures` (rows of ``signature_table``) in order:
        kept, or a duplicate of a kept document. Adds the new documents to the index.
        Returns one row per input row: id, duplicate_of, similarity, seen_before.

        A document is an exact duplicate when its normalised text hash equals an earlier
        one's, and a near duplicate when its estimated Jaccard with an earlier *kept*
        document is >= threshold; candidates come from LSH bands and each is verified on
        the full signatures. Matching only kept documents (never a chain of duplicates)
        means a document is never merged with one it does not itself resemble. Documents
        with no words are never duplicates (there is nothing to compare).

        Positions: indexed rows are 0..n_old-1, the batch's documents n_old.. in order.
        A batch of more than ``PARTITION_DOCS`` documents spills its candidate pairs to
        files in `spill_dir` (default: the system's temporary directory). `release` is
        called after each slice of the batch's signatures is read (``MappedSignatures.release``
        when they are mapped: their resident pages stay at about a slice).

        `forget`: ids whose indexed rows die unless the batch brings them back (the
        earlier records of the files the run cleans again); a document brought back whose
        earlier decision was a copy of a dead row is decided afresh.
        """
        params = self.params
        self._sort_in_added()
        signatures = signatures.cast(signature_schema(params))
        ids = signatures.column("id").combine_chunks()
        if not ids_unique(ids):
            raise ValueError("document ids must be unique within one assign() call")
        n_old, n_new = len(self._rows), len(signatures)
        matrix = signature_matrix(signatures, params)
        hashes = signatures.column("exact_hash").to_numpy()
        has_words = signatures.column("n_words").to_numpy() > 0

        signature = SignatureRows(self._matrix, matrix, n_old)

        # Same id as a live indexed row: same text = seen before; other text = replaced.
        live_positions = np.flatnonzero(self._live)
        indexed_at = _positions_of(ids, self._rows.column("id").take(pa.array(live_positions)), live_positions)
        pa.default_memory_pool().release_unused()  # the lookup's hash table: ~200 B per id, kept otherwise
        indexed = indexed_at >= 0
        same_text = np.zeros(n_new, dtype=bool)
        same_text[indexed] = self._rows.column("exact_hash").to_numpy()[indexed_at[indexed]] == hashes[indexed]
        forgotten = self._vanished(forget, ids)
        live = np.concatenate([self._live, np.ones(n_new, dtype=bool)])
        live[indexed_at[(indexed_at >= 0) & ~same_text]] = False
        live[forgotten] = False
        same_text[indexed] &= live[self._root[indexed_at[indexed]]]  # a copy of a dead row: decided afresh
        seen_at = np.where(same_text, indexed_at, -1)
        replaced = indexed_at[(indexed_at >= 0) & ~same_text]
        live[replaced] = False

        root = np.concatenate([self._root, np.arange(n_old, n_old + n_new)])
        similarity = np.concatenate([self._rows.column("similarity").to_numpy(zero_copy_only=False),
                                     np.full(n_new, np.nan)]).astype(np.float32)
        new_positions = np.arange(n_old, n_old + n_new)
        with_words = new_positions[has_words]

        # Exact twins: the earliest indexed kept document with the hash, else the earliest
        # earlier document of the batch.
        exact_first = np.arange(n_old + n_new)
        indexed_twin, _ = self._exact.first_and_last(hashes[has_words])
        later, earlier = _group_edges(hashes[has_words])
        exact_first[with_words[later]] = np.minimum(exact_first[with_words[later]], with_words[earlier])
        twin = (indexed_twin >= 0) & live[np.maximum(indexed_twin, 0)]
        exact_first[with_words[twin]] = indexed_twin[twin]

        candidates = self._verified_candidates(matrix, has_words, n_old, signature, live, spill_dir, release)

        # Only documents with an indexed id, an exact twin or a verified candidate need a
        # decision; the others are kept. Ascending order: a decision can depend on earlier ones.
        to_decide = np.unique(np.concatenate([
            new_positions[seen_at >= 0], np.flatnonzero(exact_first < np.arange(n_old + n_new)),
            candidates.left]))
        _decide_in_order(to_decide, n_old, seen_at, exact_first[n_old:], candidates, root, similarity, signature,
                         params.threshold, release)
        release()
        new_root = root[n_old:]
        all_ids = pa.concat_arrays([self._rows.column("id").combine_chunks(), ids]) if n_old else ids
        result, duplicate_of, new_similarity = _assignments(ids, new_root, new_positions, all_ids,
                                                            similarity[n_old:], seen_at)
        self._add_run(signatures.drop_columns(["minhash"]), matrix, new_root, duplicate_of, new_similarity,
                      seen_at, replaced, forgotten)
        return result

    def _vanished(self, forget: pa.Array | None, ids: pa.Array) -> np.ndarray:
        """Positions of the live indexed rows of ids in `forget` but not in `ids`."""
        if forget is None or not len(forget) or not len(self._rows):
            return np.empty(0, dtype=np.int64)
        forget = forget.combine_chunks() if isinstance(forget, pa.ChunkedArray) else forget
        gone = forget.filter(pc.invert(pc.is_in(forget, value_set=ids)))
        live_positions = np.flatnonzero(self._live)
        at = _positions_of(gone, self._rows.column("id").take(pa.array(live_positions)), live_positions)
        return np.unique(at[at >= 0])

    def _add_run(self, rows: pa.Table, matrix: np.ndarray, new_root: np.ndarray, duplicate_of: pa.Array,
                 similarity: pa.Array, seen_at: np.ndarray, replaced: np.ndarray,
                 forgotten: np.ndarray = np.empty(0, dtype=np.int64)) -> None:
        """Index a run's documents not seen before (`rows`: id, exact_hash, n_words, in run
        order, at positions len(index)..); a root pointing into the run moves to the
        position its document gets in the index (or the indexed twin's, when seen). The
        indexed rows in `replaced` (ids the run brought with another text) die, and so do
        those in `forgotten`, each saved as a row of its id with ``FORGOTTEN_WORDS``."""
        n_old = len(self._rows)
        unseen = seen_at < 0
        index_position = np.where(unseen, n_old + np.cumsum(unseen) - 1, seen_at)
        added_root = np.where(new_root < n_old, new_root, index_position[np.maximum(new_root - n_old, 0)])
        added = rows.filter(pa.array(unseen))
        added = added.append_column("duplicate_of", duplicate_of.filter(pa.array(unseen)))
        added = added.append_column("similarity", similarity.filter(pa.array(unseen)))
        self._live[replaced] = False
        self._append(added, matrix if unseen.all() else matrix[unseen], added_root[unseen])
        if len(forgotten):
            self._live[forgotten] = False
            tombstones = pa.table({"id": self._rows.column("id").take(pa.array(forgotten)),
                                   "exact_hash": pa.array(np.zeros(len(forgotten), dtype=np.uint64)),
                                   "n_words": pa.array(np.full(len(forgotten), FORGOTTEN_WORDS, dtype=np.int64)),
                                   "duplicate_of": pa.nulls(len(forgotten), pa.string()),
                                   "similarity": pa.nulls(len(forgotten), pa.float32())})
            start = len(self._rows)
            self._append(tombstones, np.zeros((len(forgotten), self.params.num_perm), dtype=np.uint32),
                         np.arange(start, start + len(forgotten)))
            self._live[start:] = False

    def _verified_candidates(self, matrix: np.ndarray, has_words: np.ndarray, n_old: int,
                             signature, live: np.ndarray, spill_dir: str | Path | None = None,
                             release: Callable[[], None] = lambda: None) -> VerifiedPairs:
        """For each document of the batch, the earlier documents sharing a band with it
        whose signatures agree on >= threshold of their slots (positions, ascending):
        the first and last indexed kept document with its band key, and the first and
        previous document of the batch with it."""
        if not has_words.any():
            return VerifiedPairs(np.empty(0, dtype=np.int64))
        with_words = n_old + np.flatnonzero(has_words)
        # Each candidate pair as one int64, left << 32 | right (positions < 2^31), so that
        # sorting the keys sorts the pairs by (left, right). Most pairs repeat across
        # bands; CandidatePairs makes them unique as they pile up, a slice of the batch
        # at a time, so memory follows a slice's distinct pairs, not the run's.
        pairs = CandidatePairs(n_old, len(matrix), spill_dir)
        for band, indexed in enumerate(self._bands):
            keys = band_key_in_slices(matrix, self.params, band, has_words, release)
            first, last = indexed.first_and_last(keys)
            later, earlier = _group_edges(keys)
            del keys
            for left, right in ((with_words[first >= 0], first[first >= 0]), (with_words[last >= 0], last[last >= 0]),
                                (with_words[later], with_words[earlier])):
                left, right = left[live[right]], right[live[right]]
                pairs.add((left.astype(np.int64) << 32) | right.astype(np.int64))
        return verified_by_left(pairs, lambda unique_pairs: self._verify(unique_pairs, signature, len(live), release))

    def _verify(self, pairs: np.ndarray, signature: SignatureRows, n_positions: int,
                release: Callable[[], None] = lambda: None) -> np.ndarray:
        """The pair keys of `pairs` (sorted) whose two signatures agree on >= threshold of
        their slots, sorted (``SignatureRows.reaching``: the rows compared where they lie).

        A run of more than ``BAND_KEY_ROWS`` positions is verified by blocks of that many
        right-hand (earlier) documents, `release` after each block: a mapped matrix is
        then read a block at a time. (In key order, the right-hand documents are spread
        over the whole run, and the kernel maps ~64 KB around each page read: one chunk of
        8k pairs brought a 100 MB mapping in whole, measured.) A slice's left-hand
        documents are consecutive."""
        need = needed_slots(self.params.threshold, self.params.num_perm)
        if n_positions <= BAND_KEY_ROWS:  # one block: the pairs in their order, no re-sorting
            keep = signature.reaching(pairs >> 32, pairs & 0xFFFFFFFF, need)
            release()
            return pairs[keep]
        # The pairs sorted by right-hand document: keys right << 32 | left, sorted in place
        # (one array of the slice's pairs, no argsort and gathers beside it). A left-hand
        # document's pairs are an ascending run of these keys: timsort merges them (see
        # ``sorted_unique``; 0.14 -> 0.075 s on a 200 MB run).
        by_right = (pairs << 32) | (pairs >> 32)
        by_right.sort(kind="stable")
        edges = np.searchsorted(by_right, np.arange(0, n_positions + BAND_KEY_ROWS, BAND_KEY_ROWS) << 32)
        kept = [np.empty(0, dtype=np.int64)]
        for low, high in zip(edges[:-1].tolist(), edges[1:].tolist()):
            if high > low:
                left, right = by_right[low:high] & 0xFFFFFFFF, by_right[low:high] >> 32
                keep = signature.reaching(left, right, need)
                kept.append((left[keep] << 32) | right[keep])
                release()
        return np.sort(np.concatenate(kept))


class VerifiedPairs:
    """Verified candidate pairs grouped by their later document: ``left`` holds the
    documents that have any (ascending), and the k-th one's earlier documents are
    ``right[bounds[k]:bounds[k + 1]]`` (ascending). Flat arrays, not a dict of one array
    per document: that cost ~150 B of Python objects per document (~75 MB at 2 GB of
    input), and Python keeps the memory of small objects once freed.

    >>> pairs = VerifiedPairs(np.array([(3 << 32) | 1, (3 << 32) | 2, (5 << 32) | 0]))
    >>> pairs.left.tolist(), pairs.of(0).tolist(), pairs.of(1).tolist()
    ([3, 5], [1, 2], [0])
    """

    def __init__(self, keys: np.ndarray) -> None:
        """`keys`: ``left << 32 | right``, sorted."""
        left = keys >> 32
        starts = np.flatnonzero(np.r_[True, left[1:] != left[:-1]]) if len(keys) else np.empty(0, dtype=np.int64)
        self.left = left[starts]
        self.right = keys & 0xFFFFFFFF
        self.bounds = np.r_[starts, len(keys)]

    def of(self, k: int) -> np.ndarray:
        """The earlier documents of the k-th document of ``left``."""
        return self.right[self.bounds[k]:self.bounds[k + 1]]


def verified_by_left(pairs, verify: Callable[[np.ndarray], np.ndarray]) -> VerifiedPairs:
    """The candidate pairs (keys ``left << 32 | right``) that `verify` keeps, grouped by
    left document; `pairs` gives them sorted by (left, right), one slice of left documents
    at a time."""
    verified = [np.empty(0, dtype=np.int64)]
    for unique_pairs in pairs.slices():
        verified.append(verify(unique_pairs))
    return VerifiedPairs(np.concatenate(verified))


# A part's band entries (documents x bands) decided at once (``PartByPartAssignment``): ~100
# bytes of temporaries each, so ~25 MB; a part of more documents takes its bands in groups.
BAND_ENTRIES_AT_ONCE = 1 << 18

# Keys a band table holds in memory (its head; 12 bytes each, ~390 KB per band, ~25 MB
# for the 65 tables) before the head is written to a file and mapped (``FirstAndLastKeys``).
MAPPED_RUN_KEYS = 32_768
# The run's mapped signatures keep the pages read while the file is smaller than this;
# above it, they are dropped after each block read (``RunSignatures.release``).
RELEASE_ABOVE_BYTES = 32 * 1024 * 1024


class MappedArrays:
    """Arrays written once to a file in `directory` and mapped read-only (the file is
    unlinked at once: nothing stays behind, even after a kill). ``release()`` drops the
    pages this process holds (``MADV_DONTNEED`` on a read-only file mapping: a later read
    faults them back from the page cache, unchanged). Always: each file is small (a
    band's sealed run, ≤ a few MB), but the 65 tables' runs together grow with the run
    (kept resident, they were ~110 MB of RSS at 250k documents, measured).

    >>> m = MappedArrays([np.arange(3, dtype=np.uint32), np.array([-1, 5], dtype=np.int32)])
    >>> [a.tolist() for a in m.arrays]
    [[0, 1, 2], [-1, 5]]
    """

    def __init__(self, arrays: list[np.ndarray], directory: str | Path | None = None) -> None:
        self.nbytes = sum(a.nbytes for a in arrays)
        with tempfile.NamedTemporaryFile(dir=directory, prefix="dedup-keys-", suffix=".bin") as handle:
            for array in arrays:
                handle.write(np.ascontiguousarray(array).tobytes())
            handle.flush()
            self._mapping = mmap.mmap(handle.fileno(), self.nbytes, prot=mmap.PROT_READ) if self.nbytes else None
        self.arrays, offset = [], 0
        for array in arrays:
            self.arrays.append(np.frombuffer(self._mapping, array.dtype, len(array), offset) if self.nbytes
                               else array[:0].copy())
            offset += array.nbytes

    def release(self) -> None:
        if self._mapping is not None:
            self._mapping.madvise(mmap.MADV_DONTNEED)


# A run's signatures are held in memory up to this many rows (32 MB), then kept in a
# file and mapped (``RunSignatures``): small runs pay no page faults.
SIGNATURE_ROWS_IN_MEMORY = 65_536


class RunSignatures:
    """A run's signatures so far (``matrix``: rows × num_perm uint32), appended part by
    part. Up to ``SIGNATURE_ROWS_IN_MEMORY`` rows they are held in memory; past that, in
    a file in `directory`, mapped read-only, not held: 512 bytes per document would be
    ~250 MB at 2 GB of input. The decisions read them a few rows at a time
    (verification, a block of earlier documents at a time), and ``release()`` drops the
    pages read once the file is big enough for them to matter. The file has no name
    (``tempfile.TemporaryFile``): it goes when the run does. It grows by doubling its
    mapped capacity, so a part's rows are written into the existing mapping's file, not
    mapped again (each new mapping faults every page in again).

    >>> signatures = RunSignatures(2)
    >>> signatures.append(np.array([[1, 2]], dtype=np.uint32))
    >>> signatures.append(np.array([[3, 4], [5, 6]], dtype=np.uint32))
    >>> signatures.matrix[[2, 0]].tolist()
    [[5, 6], [1, 2]]
    """

    def __init__(self, num_perm: int, directory: str | Path | None = None) -> None:
        self.num_perm, self.directory = num_perm, directory
        self.rows = 0
        self._held = np.empty((0, num_perm), dtype=np.uint32)  # capacity grown by doubling
        self._file = None
        self._mapping: mmap.mmap | None = None

    @property
    def matrix(self) -> np.ndarray:
        if self._file is None:
            return self._held[:self.rows]
        return np.frombuffer(self._mapping, np.uint32, self.rows * self.num_perm).reshape(self.rows, self.num_perm)

    @property
    def mapped(self) -> bool:
        return self._file is not None

    def append(self, matrix: np.ndarray) -> None:
        """Add rows after the ones held."""
        rows = self.rows + len(matrix)
        if self._file is None and rows <= SIGNATURE_ROWS_IN_MEMORY:
            if rows > len(self._held):
                grown = np.empty((max(2 * len(self._held), rows), self.num_perm), dtype=np.uint32)
                grown[:self.rows] = self._held[:self.rows]
                self._held = grown
            self._held[self.rows:rows] = matrix
            self.rows = rows
            return
        if self._file is None:  # past the rows held in memory: they go to the file first
            self._file = tempfile.TemporaryFile(dir=self.directory, prefix="dedup-run-signatures-")
            self._file.write(self._held[:self.rows].tobytes())
            self._held = np.empty((0, self.num_perm), dtype=np.uint32)
        row_bytes = self.num_perm * 4
        self._file.seek(self.rows * row_bytes)
        self._file.write(np.ascontiguousarray(matrix, dtype=np.uint32).tobytes())
        self._file.flush()
        if self._mapping is None or rows * row_bytes > len(self._mapping):
            capacity = max(2 * (len(self._mapping) if self._mapping is not None else 0), rows * row_bytes)
            self._file.truncate(capacity)  # the capacity past the rows written is a hole: no disk used
            self._mapping = mmap.mmap(self._file.fileno(), capacity, prot=mmap.PROT_READ)
        self.rows = rows

    def release(self) -> None:
        if self._mapping is not None and self.rows * self.num_perm * 4 >= RELEASE_ABOVE_BYTES:
            self._mapping.madvise(mmap.MADV_DONTNEED)


class FirstAndLastKeys:
    """For each key met so far, the position of the first and of the latest document with
    it: what one assignment over a whole run would find earlier in the run for a new
    document (``_group_edges`` links it to its group's first and previous member), kept
    from part to part.

    The keys of the latest documents are one sorted array of unique keys, each with its
    first and latest position (the head), that a part's keys are inserted into (``np.insert``);
    once it holds ``MAPPED_RUN_KEYS`` keys it is sealed: written to a file in `directory`
    and mapped (``MappedArrays``), read-only, its pages dropped after each lookup, and a
    new head begins. A sealed run at most as big as the one sealed after it is merged with
    it (a key in both keeps the older run's first position and the newer run's latest),
    so there are about log2(keys / ``MAPPED_RUN_KEYS``) sealed runs, each key rewritten
    about as many times. What a table holds in memory is its head (and, while merging,
    two runs of one band), not 12 bytes per key of the whole run. A lookup searches every
    run (``np.searchsorted``): the first position comes from the oldest run with the key,
    the latest from the newest.

    >>> keys = FirstAndLastKeys()
    >>> keys.add(np.array([7, 3, 7], dtype=np.uint32), np.array([0, 1, 2]))
    >>> keys.add(np.array([3], dtype=np.uint32), np.array([3]))
    >>> [a.tolist() for a in keys.first_and_last(np.array([7, 3, 5], dtype=np.uint32))]
    [[0, 1, -1], [2, 3, -1]]
    """

    def __init__(self, dtype=np.uint32, directory: str | Path | None = None, head_share: float = 1.0) -> None:
        self.dtype, self.directory = dtype, directory
        # The head holds head_share x MAPPED_RUN_KEYS keys before it is sealed (the table of
        # every band's keys at once, ``band_table_keys``, holds as many bytes as 64 tables did).
        self.head_share = head_share
        # Sealed runs, oldest first: (keys, first, last, the file they are mapped from).
        self._sealed: list[tuple[np.ndarray, np.ndarray, np.ndarray, MappedArrays]] = []
        self.keys = np.empty(0, dtype=dtype)      # the head
        self.first = np.empty(0, dtype=np.int32)  # 2^31 documents is plenty; 12 bytes per key, not 20
        self.last = np.empty(0, dtype=np.int32)

    def memory_bytes(self) -> tuple[int, int]:
        """(bytes held in memory, bytes in mapped files)."""
        return (self.keys.nbytes + self.first.nbytes + self.last.nbytes,
                sum(mapped.nbytes for *_, mapped in self._sealed))

    def first_and_last(self, keys: np.ndarray, order: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the first and latest document with each key (-1: none). `order`:
        ``stable_order(keys)``, when the caller has it: the keys are then looked up in
        sorted order, where each binary search starts from the last one's answer and the
        runs' pages are read in order (the searches 5-15x less CPU), the same answers.

        >>> keys = FirstAndLastKeys()
        >>> keys.add(np.array([7, 3, 7], dtype=np.uint32), np.array([0, 1, 2]))
        >>> new = np.array([7, 5, 3], dtype=np.uint32)
        >>> [a.tolist() for a in keys.first_and_last(new, stable_order(new))]
        [[0, -1, 1], [2, -1, 1]]
        """
        if order is not None:
            in_order = self.first_and_last(keys[order])
            first, last = np.empty_like(in_order[0]), np.empty_like(in_order[1])
            first[order], last[order] = in_order
            return first, last
        first = np.full(len(keys), -1, dtype=np.int64)
        last = np.full(len(keys), -1, dtype=np.int64)
        for run_keys, run_first, run_last, mapped in [*self._sealed, (self.keys, self.first, self.last, None)]:
            if not len(run_keys):
                continue
            at = np.minimum(np.searchsorted(run_keys, keys), len(run_keys) - 1)
            found = run_keys[at] == keys
            first = np.where(found & (first < 0), run_first[at], first)
            last = np.where(found, run_last[at], last)
            if mapped is not None:
                mapped.release()
        return first, last

    def add(self, keys: np.ndarray, positions: np.ndarray, order: np.ndarray | None = None) -> None:
        """Add documents (`positions` ascending, after every position held); `order`:
        ``stable_order(keys)`` when the caller has it already."""
        order = stable_order(keys) if order is None else order
        keys, positions = keys[order], positions[order]
        starts = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.empty(0, dtype=bool)
        ends = np.r_[starts[1:], True] if len(keys) else starts
        unique, first, last = keys[starts], positions[starts], positions[ends]
        at = np.searchsorted(self.keys, unique)
        held = at < len(self.keys)
        held[held] = self.keys[at[held]] == unique[held]
        self.last[at[held]] = last[held]
        new = ~held
        self.keys = np.insert(self.keys, at[new], unique[new])
        self.first = np.insert(self.first, at[new], first[new])
        self.last = np.insert(self.last, at[new], last[new])
        if len(self.keys) >= MAPPED_RUN_KEYS * self.head_share:
            self._seal()

    def _seal(self) -> None:
        """The head becomes a sealed run; sealed runs of similar size are merged."""
        run = (self.keys, self.first, self.last)
        self.keys, self.first, self.last = self.keys[:0].copy(), self.first[:0].copy(), self.last[:0].copy()
        while self._sealed and len(self._sealed[-1][0]) <= len(run[0]):
            run = _merged_runs(self._sealed.pop()[:3], run)
        mapped = MappedArrays(list(run), self.directory)
        self._sealed.append((*mapped.arrays, mapped))


def _merged_runs(older: tuple, newer: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One run (keys, first, last) of two, `older`'s positions all earlier than `newer`'s:
    a key in both keeps the older run's first position and the newer run's latest.

    >>> [a.tolist() for a in _merged_runs((np.array([3, 7]), np.array([0, 1]), np.array([2, 1])),
    ...                                   (np.array([5, 7]), np.array([4, 3]), np.array([4, 6])))]
    [[3, 5, 7], [0, 4, 1], [2, 4, 6]]
    """
    keys, first, last = (np.concatenate([a, b]) for a, b in zip(older, newer))
    order = stable_order(keys)  # a key in both: the older run's entry first
    keys, first, last = keys[order], first[order], last[order]
    starts = np.r_[True, keys[1:] != keys[:-1]]
    ends = np.r_[starts[1:], True]
    return keys[starts], first[starts], last[ends]


class PartByPartAssignment:
    """A run's documents decided one part at a time, in the run's order, with the same
    decisions as one ``DedupIndex.assign`` over the whole run: so each shard can be split
    into clean rows and duplicates before it is written, while later shards are cleaned.

    What a whole-run assignment knows about a document's earlier documents in the run is
    kept from part to part: per band, the first and latest document with each key
    (``FirstAndLastKeys``), the first document with each exact hash, and the run's
    signatures, roots and similarities so far. The big ones live in files in `directory`
    (default: the system's temporary directory), mapped: the run's signatures
    (``RunSignatures``) and the band tables' merged runs; what stays in memory per
    document is its id, hashes and decision (~130 bytes), not ~1.3-2.5 KB.

    One thing a part cannot know: an indexed id that a *later* part brings with another
    text (its file was edited) makes that indexed row dead for the whole run. Rows are
    marked dead when their part is decided; if an earlier part had used a row that dies
    later (as a verified-or-not candidate or exact twin), ``conflict`` is set and
    ``whole_run()`` gives the decisions of one assignment over the run instead (the caller
    splits the parts again). The index itself is changed only by ``finish``/``whole_run``.
    Likewise the ids to `forget` (``DedupIndex.assign``) that no part brings back are known
    only at the end: if a part used one, ``conflict`` is true then.
    """

    def __init__(self, index: DedupIndex, directory: str | Path | None = None,
                 forget: pa.Array | None = None) -> None:
        self.index = index
        self.forget = forget
        self.params = index.params
        index._sort_in_added()
        self.n_old = len(index._rows)
        self._live_at_start = index._live.copy()   # seen-before lookups: as at the run's start
        self._live_old = index._live.copy()        # minus the rows replaced by parts decided so far
        self._used_old = np.zeros(self.n_old, dtype=bool)  # indexed rows an earlier part's decision read
        self._root = index._root.copy()
        self._similarity = index._rows.column("similarity").to_numpy(zero_copy_only=False).astype(np.float32)
        self._exact = FirstAndLastKeys(np.uint64, directory)
        # Every band's keys in one table, keyed band << 32 | key (``band_table_keys``): one
        # lookup and one insert per part, not one per band (64 of each, on ~1k keys, cost
        # numpy's per-call overhead more than the work). 16 bytes per key where a band's own
        # table took 12: the head holds 3/4 as many keys per band, the same bytes.
        self._bands = FirstAndLastKeys(np.uint64, directory, head_share=self.params.bands * 12 / 16)
        self._parts: list[pa.Table] = []           # each part's id, exact_hash, n_words (run order)
        self._run_signatures = RunSignatures(self.params.num_perm, directory)  # the run's so far, in a file
        self._part_starts = [self.n_old]           # position of each part's first document, then the end
        self._results: list[pa.Table] = []
        self._seen_at: list[np.ndarray] = []
        self._replaced: list[np.ndarray] = []
        self._conflict = False

    @property
    def conflict(self) -> bool:
        """Whether a part's decision used an indexed row that the run made dead."""
        return self._conflict or bool(self._used_old[self._vanished()].any())

    def _vanished(self) -> np.ndarray:
        """The indexed rows of the ids to forget that no part decided so far brings back."""
        if self.forget is None or not len(self.forget):
            return np.empty(0, dtype=np.int64)
        return self.index._vanished(self.forget, pa.concat_arrays(
            [pa.array([], pa.string())] + [part.column("id").combine_chunks() for part in self._parts]))

    @property
    def documents(self) -> int:
        """Documents of the run decided so far."""
        return self._part_starts[-1] - self.n_old

    @property
    def _signature(self) -> SignatureRows:
        """Signatures at index or run positions (the run's as they are now)."""
        return SignatureRows(self.index._matrix, self._run_signatures.matrix, self.n_old)

    def release(self) -> None:
        """Drop the pages of the run's mapped signatures this process holds (for the
        index's ``save`` after ``finish``, which gathers them a row group at a time)."""
        self._run_signatures.release()

    def memory_bytes(self) -> dict[str, int]:
        """What the assignment keeps from part to part, by part (bytes; the mapped files
        apart: they are in the page cache, not this process's memory)."""
        tables = [self._exact, self._bands]
        return {
            "band and exact-hash tables, held": sum(t.memory_bytes()[0] for t in tables),
            "band and exact-hash tables, mapped": sum(t.memory_bytes()[1] for t in tables),
            "signatures, held": 0 if self._run_signatures.mapped else self._run_signatures.matrix.nbytes,
            "signatures, mapped": self._run_signatures.matrix.nbytes if self._run_signatures.mapped else 0,
            "ids, hashes, decisions": sum(t.nbytes for t in [*self._parts, *self._results])
            + self._root.nbytes + self._similarity.nbytes,
        }

    def decide(self, signatures: pa.Table, spill_dir: str | Path | None = None) -> pa.Table:
        """Decide the next part's documents (rows of ``signature_table``, in run order).
        Returns ``DedupIndex.assign``'s rows for them. A part of more than
        ``PARTITION_DOCS`` documents spills its candidate pairs to `spill_dir`."""
        params, index = self.params, self.index
        signatures = signatures.cast(signature_schema(params)).combine_chunks()
        ids = signatures.column("id").combine_chunks()
        earlier_ids = [part.column("id").combine_chunks() for part in self._parts]
        if pc.count_distinct(ids).as_py() != len(ids) or (
                earlier_ids and pc.any(pc.is_in(ids, value_set=pa.concat_arrays(earlier_ids))).as_py()):
            raise ValueError("document ids must be unique within one run")
        start = self._part_starts[-1]
        positions = np.arange(start, start + len(ids))
        matrix = signature_matrix(signatures, params)
        self._run_signatures.append(matrix)
        self._parts.append(signatures.drop_columns(["minhash"]))
        self._part_starts.append(start + len(ids))
        hashes = signatures.column("exact_hash").to_numpy()
        has_words = signatures.column("n_words").to_numpy() > 0
        with_words = positions[has_words]

        # Same id as an indexed row: same text = seen before; other text = that row dies.
        live_positions = np.flatnonzero(self._live_at_start)
        indexed_at = _positions_of(ids, index._rows.column("id").take(pa.array(live_positions)), live_positions)
        same_text = np.zeros(len(ids), dtype=bool)
        same_text[indexed_at >= 0] = index._rows.column("exact_hash").to_numpy()[indexed_at[indexed_at >= 0]] \
            == hashes[indexed_at >= 0]
        self._live_old[indexed_at[(indexed_at >= 0) & ~same_text]] = False

        def live(right: np.ndarray) -> np.ndarray:
            return np.where(right < self.n_old, self._live_old[np.minimum(right, max(self.n_old - 1, 0))], True) \
                if self.n_old else np.ones(len(right), dtype=bool)

        seen_root = self._root[indexed_at[same_text]]
        same_text[same_text] = live(seen_root)  # a copy of a dead row: decided afresh
        self._used_old[seen_root] = True
        seen_at = np.where(same_text, indexed_at, -1)
        replaced = indexed_at[(indexed_at >= 0) & ~same_text]
        if self._used_old[replaced].any():
            self._conflict = True
        self._live_old[replaced] = False

        # Exact twins: the earliest live indexed kept document with the hash, else the run's first.
        exact_first = positions.copy()
        indexed_twin, _ = index._exact.first_and_last(hashes[has_words])
        run_first, _ = self._exact.first_and_last(hashes[has_words])
        later, earlier = _group_edges(hashes[has_words])
        exact_first[has_words] = np.where(run_first >= 0, run_first, with_words)
        np.minimum.at(exact_first, np.flatnonzero(has_words)[later], with_words[earlier])
        twin = (indexed_twin >= 0) & live(np.maximum(indexed_twin, 0))
        exact_first[np.flatnonzero(has_words)[twin]] = indexed_twin[twin]
        self._used_old[indexed_twin[twin]] = True
        self._exact.add(hashes[has_words], with_words)

        candidates = self._verified_candidates(matrix, has_words, with_words, live, spill_dir)

        self._root = np.concatenate([self._root, positions])
        self._similarity = np.concatenate([self._similarity, np.full(len(ids), np.nan, dtype=np.float32)])
        to_decide = np.unique(np.concatenate([
            positions[seen_at >= 0], positions[exact_first < positions],
            candidates.left]))
        _decide_in_order(to_decide, start, seen_at, exact_first, candidates, self._root, self._similarity,
                         self._signature, params.threshold, self._run_signatures.release)
        self._run_signatures.release()
        all_ids = pa.chunked_array([index._rows.column("id").combine_chunks(), *earlier_ids, ids], pa.string())
        result, _, _ = _assignments(ids, self._root[start:], positions, all_ids, self._similarity[start:], seen_at)
        self._results.append(result)
        self._seen_at.append(seen_at)
        self._replaced.append(replaced)
        return result

    def _verified_candidates(self, matrix: np.ndarray, has_words: np.ndarray, with_words: np.ndarray,
                             live: Callable[[np.ndarray], np.ndarray],
                             spill_dir: str | Path | None = None) -> VerifiedPairs:
        """``DedupIndex._verified_candidates`` for one part: per band, the first and last
        live indexed kept document with the key, and the run's first and previous document
        with it (earlier parts' from ``FirstAndLastKeys``, then the part's own)."""
        if not len(with_words):
            return VerifiedPairs(np.empty(0, dtype=np.int64))
        # As in the whole-run assignment, pairs are made unique as they pile up (and spilled
        # by slices of documents in a big part): a part's raw pairs are ~250 per document.
        pairs = CandidatePairs(int(with_words[0]), int(with_words[-1]) + 1 - int(with_words[0]), spill_dir)
        # Many bands at once: entry k * n + j is document j's key in the k-th band of the
        # group (its band in the key's high bits, so two bands' keys never meet). A group of
        # equal keys is one band's group, its members in record order (a stable sort): what
        # each band's own pass found, in one pass. Bands never meet, so taking them a group
        # at a time (``BAND_ENTRIES_AT_ONCE``: a part's temporaries stay ~25 MB) finds the same.
        n = len(with_words)
        per_group = max(1, BAND_ENTRIES_AT_ONCE // n)
        for low in range(0, self.params.bands, per_group):
            bands = range(low, min(low + per_group, self.params.bands))
            self._band_group_candidates(matrix, has_words, with_words, bands, live, pairs)
        return verified_by_left(pairs, lambda unique_pairs: self.index._verify(
            unique_pairs, self._signature, self._part_starts[-1], self._run_signatures.release))

    def _band_group_candidates(self, matrix: np.ndarray, has_words: np.ndarray, with_words: np.ndarray,
                               bands: range, live: Callable[[np.ndarray], np.ndarray],
                               pairs: "CandidatePairs") -> None:
        """The candidate pairs of the part's documents in `bands` (added to `pairs`), and
        their keys added to the run's band table."""
        n = len(with_words)
        keys = band_table_keys(matrix, self.params, has_words, bands)
        order = stable_order(keys, segments=len(bands))  # (a band's keys all below the next band's)
        document = np.tile(with_words, len(bands))  # each entry's document position
        run_first, run_last = self._bands.first_and_last(keys, order)
        # Within the part: each entry's group first and previous member (-1: none).
        previous, part_first = group_links(keys, order, document)
        first = np.where(run_first >= 0, run_first, part_first)
        previous = np.where(previous >= 0, previous, run_last)
        old_first, old_last = self._indexed_first_and_last(keys, n, bands)
        for right in (old_first, old_last, first, previous):
            found = right >= 0
            left, right = document[found], right[found]
            alive = live(right)
            left, right = left[alive], right[alive]
            self._used_old[right[right < self.n_old]] = True
            pairs.add((left.astype(np.int64) << 32) | right.astype(np.int64))
        self._bands.add(keys, document, order)

    def _indexed_first_and_last(self, keys: np.ndarray, n: int, bands: range) -> tuple[np.ndarray, np.ndarray]:
        """For the entries of ``band_table_keys`` (`n` documents per band of `bands`): the
        first and last indexed document with the entry's key in its band (-1: none), from
        the index's own table of each band."""
        first = np.full(len(keys), -1, dtype=np.int64)
        last = np.full(len(keys), -1, dtype=np.int64)
        if not any(len(indexed.keys) for indexed in self.index._bands):  # (a first run: none)
            return first, last
        low_bits = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        for k, band in enumerate(bands):
            first[k * n:(k + 1) * n], last[k * n:(k + 1) * n] = \
                self.index._bands[band].first_and_last(low_bits[k * n:(k + 1) * n])
        return first, last

    def _run_rows(self) -> tuple[pa.Table, np.ndarray]:
        """The run's id, exact_hash and n_words so far, and its signatures."""
        schema = signature_schema(self.params)
        run = pa.concat_tables(self._parts) if self._parts else pa.schema(list(schema)[:3]).empty_table()
        return run, self._run_signatures.matrix

    def finish(self) -> None:
        """Add the run's documents to the index (as ``DedupIndex.assign`` does); the caller
        saves it. Not after a conflict: ``whole_run`` then decides and adds them."""
        if self.conflict:
            raise RuntimeError("an edited document made earlier parts' decisions stale: use whole_run()")
        run, matrix = self._run_rows()
        results = pa.concat_tables(self._results) if self._results else assignments_schema().empty_table()
        empty = np.empty(0, dtype=np.int64)
        self.index._add_run(run, matrix, self._root[self.n_old:],
                            results.column("duplicate_of").combine_chunks(),
                            results.column("similarity").combine_chunks(),
                            np.concatenate([empty, *self._seen_at]), np.concatenate([empty, *self._replaced]),
                            self._vanished())

    def whole_run(self, spill_dir: str | Path | None = None) -> pa.Table:
        """One ``DedupIndex.assign`` over every part decided so far (the index is as it was
        loaded): the decisions the parts should have had; the run is added to the index."""
        run, matrix = self._run_rows()
        minhash = pa.FixedSizeListArray.from_arrays(pa.array(matrix.ravel(), pa.uint32()), self.params.num_perm)
        return self.index.assign(run.combine_chunks().append_column("minhash", minhash), spill_dir, forget=self.forget)


def _decide_in_order(to_decide: np.ndarray, first: int, seen_at: np.ndarray, exact_first: np.ndarray,
                     candidates: VerifiedPairs, root: np.ndarray, similarity: np.ndarray,
                     signature: SignatureRows, threshold: float, release: Callable[[], None]) -> None:
    """Decide the documents at positions `to_decide` (ascending; all >= `first`), setting
    `root` (the kept document's position, itself if kept) and `similarity` in place.
    `seen_at` and `exact_first` are indexed by position - `first`; `signature` compares
    signatures. In order of precedence: an indexed id with the same text keeps its
    decision; an exact twin makes a copy of the twin's kept document; else the best
    verified candidate's kept document, if its agreement reaches `threshold`."""
    slots = signature.new.shape[1]
    need = needed_slots(threshold, slots)
    candidate_at = np.searchsorted(candidates.left, to_decide)  # where each one's candidates are
    kernel = _kernel()
    if kernel is None or root.dtype != np.int64 or similarity.dtype != np.float32 \
            or not (root.flags.c_contiguous and similarity.flags.c_contiguous):
        _decide_numpy(to_decide, candidate_at, first, seen_at, exact_first, candidates, root, similarity, signature,
                      need, release)
        return
    arrays = [np.ascontiguousarray(a, dtype=np.int64) for a in
              (to_decide, seen_at, exact_first, candidate_at, candidates.bounds, candidates.right)]
    old, new = np.ascontiguousarray(signature.old), np.ascontiguousarray(signature.new)
    done = 0
    while True:  # the kernel stops after READS_PER_RELEASE signatures read: the pages are dropped, as below
        done = kernel.decide(arrays[0], first, *arrays[1:], root, similarity, old, new, signature.n_old, slots, need,
                             done, READS_PER_RELEASE)
        if done >= len(to_decide):
            return
        release()


def _decide_numpy(to_decide: np.ndarray, candidate_at: np.ndarray, first: int, seen_at: np.ndarray,
                  exact_first: np.ndarray, candidates: VerifiedPairs, root: np.ndarray, similarity: np.ndarray,
                  signature: SignatureRows, need: int, release: Callable[[], None]) -> None:
    """``_decide_in_order``'s loop in Python, the compiled ``decide``'s twin (the reference)."""
    slots = signature.new.shape[1]
    reads = 0  # documents' signatures read since the last release
    for i, k in zip(to_decide.tolist(), candidate_at.tolist()):
        if reads >= READS_PER_RELEASE:
            release()
            reads = 0
        earlier = seen_at[i - first]
        if earlier >= 0:  # same id, same text as an indexed document: its decision stands
            root[i] = root[earlier] if root[earlier] != earlier else i
            similarity[i] = similarity[earlier]
        elif exact_first[i - first] < i:
            root[i] = root[exact_first[i - first]]
            similarity[i] = signature.equal_slots(np.array([i]), root[i:i + 1])[0] / slots
            reads += 2
        else:
            roots = np.unique(root[candidates.of(k)])
            reads += 1 + len(roots)
            counts = signature.equal_slots(np.full(len(roots), i), roots)
            best = int(np.argmax(counts))  # ties: the earliest kept document
            if counts[best] >= need:
                root[i], similarity[i] = roots[best], counts[best] / slots


def _assignments(ids: pa.Array, new_root: np.ndarray, new_positions: np.ndarray, all_ids,
                 similarity: np.ndarray, seen_at: np.ndarray) -> tuple[pa.Table, pa.Array, pa.Array]:
    """The assignments table (``assignments_schema``) of documents `ids` at `new_positions`
    whose kept documents are `new_root` (ids looked up in `all_ids`, by position), and
    its duplicate_of and similarity columns."""
    is_duplicate = new_root != new_positions
    duplicate_of = pc.if_else(pa.array(is_duplicate), all_ids.take(pa.array(new_root)), None)
    if isinstance(duplicate_of, pa.ChunkedArray):
        duplicate_of = duplicate_of.combine_chunks()
    duplicate_of = duplicate_of.cast(pa.string())
    new_similarity = pa.array(similarity, pa.float32(), mask=~is_duplicate)
    result = pa.Table.from_arrays([ids, duplicate_of, new_similarity, pa.array(seen_at >= 0)],
                                  schema=assignments_schema())
    return result, duplicate_of, new_similarity


def _positions_of(ids: pa.Array, indexed_ids: pa.Array, positions: np.ndarray) -> np.ndarray:
    """For each id, the position (from `positions`) of the equal id in `indexed_ids`; -1 if none."""
    out = np.full(len(ids), -1, dtype=np.int64)
    if len(indexed_ids):
        at = pc.index_in(ids, value_set=indexed_ids)
        valid = at.is_valid()
        out[valid.to_numpy(zero_copy_only=False)] = positions[at.filter(valid).to_numpy()]
    return out


def _index_schema() -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("exact_hash", pa.uint64(), nullable=False),
        pa.field("n_words", pa.int64(), nullable=False),
        pa.field("duplicate_of", pa.string()),
        pa.field("similarity", pa.float32()),
    ])


def ids_unique(ids: pa.Array) -> bool:
    """Whether no id repeats, from the ids' 64-bit hashes sorted (``string_hashes``):
    only ids whose hashes collide are compared as strings. Arrow's ``count_distinct``
    builds a hash table of the strings: ~190 B per id at 500k ids, which its allocator
    then kept (measured); this holds ~30 B per id.

    >>> ids_unique(pa.array(["a", "b", "c"])), ids_unique(pa.array(["a", "b", "a"]))
    (True, False)
    """
    hashes = string_hashes(ids)
    in_order = np.sort(hashes)
    repeated = in_order[1:][in_order[1:] == in_order[:-1]]
    if not len(repeated):
        return True
    suspects = ids.filter(pa.array(np.isin(hashes, repeated)))
    return pc.count_distinct(suspects).as_py() == len(suspects)


def _latest_per_id(table: pa.Table) -> pa.Table:
    """The last row of each id, in table order (parts are read in the order written, so
    an edited document's newest version wins)."""
    ids = table.column("id").combine_chunks()
    if pc.count_distinct(ids).as_py() == len(ids):
        return table
    _, first_from_end = np.unique(ids.to_numpy(zero_copy_only=False)[::-1], return_index=True)
    keep = np.zeros(len(ids), dtype=bool)
    keep[len(ids) - 1 - first_from_end] = True
    return table.filter(pa.array(keep))


def duplicates_schema() -> pa.Schema:
    """DIR/duplicates/*.parquet: the clean columns plus the kept document's id and the
    estimated Jaccard similarity to it."""
    return pa.schema(list(clean_schema()) + [
        pa.field("duplicate_of", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False),
    ])


def split_duplicates(clean: pa.Table, assignments: pa.Table,
                     order: pa.Array | None = None) -> tuple[pa.Table, pa.Table]:
    """(kept rows, duplicate rows) of a clean table, given ``DedupIndex.assign``'s result
    for its ids (in any order, possibly for more documents). Duplicate rows carry the
    table's columns plus duplicate_of and similarity (``duplicates_schema()`` for a table
    with the clean schema). Rows with no assignment are kept. With `order` (row indices,
    e.g. ``output.readers_order``), both come out in that order: the same tables as
    splitting ``clean.take(order)``, with each row copied once, not twice."""
    ids = clean.column("id") if order is None else pc.take(clean.column("id"), order)
    where = pc.index_in(ids, value_set=assignments.column("id"))
    duplicate_of = pc.take(assignments.column("duplicate_of"), where)
    similarity = pc.take(assignments.column("similarity"), where)
    is_duplicate = pc.fill_null(pc.is_valid(duplicate_of), False)
    if order is None:
        kept = clean.filter(pc.invert(is_duplicate))
        duplicates = clean.filter(is_duplicate)
    else:
        kept = clean.take(order.filter(pc.invert(is_duplicate)))
        duplicates = clean.take(order.filter(is_duplicate))
    schema = pa.schema(list(clean.schema) + [
        pa.field("duplicate_of", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False)])
    duplicates = duplicates.append_column("duplicate_of", duplicate_of.filter(is_duplicate))
    duplicates = duplicates.append_column("similarity", similarity.filter(is_duplicate))
    return kept, duplicates.cast(schema)


def clean_table_signatures(clean: pa.Table | str | Path, params: DedupParams = DedupParams()) -> pa.Table:
    """``signature_table`` of a clean table (or of a clean Parquet file: only its id and
    text columns are read)."""
    if not isinstance(clean, pa.Table):
        import pyarrow.parquet as pq

        clean = pq.read_table(clean, columns=["id", "text"])
    return signature_table(clean.column("id").combine_chunks(), clean.column("text"), params)


def deduplicate(signatures: list[pa.Table], index_dir: str | Path, params: DedupParams = DedupParams(),
                spill_dir: str | Path | None = None, release: Callable[[], None] = lambda: None,
                forget: pa.Array | None = None) -> pa.Table:
    """The run-level stage: load the index in `index_dir`, decide every document of the
    run (signature tables in record order), save what the run added. Returns the
    assignments (id, duplicate_of, similarity, seen_before) for ``split_duplicates``.
    A big run's candidate pairs spill to `spill_dir`; `release` drops the resident pages
    of mapped signatures (``DedupIndex.assign``, ``map_signatures``); `forget`: see
    ``DedupIndex.assign``."""
    index = DedupIndex.load(index_dir, params)
    schema = signature_schema(params)
    if len(signatures) == 1:  # one table (``read_signatures``): assigned as it is, not copied
        run = signatures[0].cast(schema)
    else:
        run = pa.concat_tables([t.cast(schema) for t in signatures]) if signatures else schema.empty_table()
    result = index.assign(run, spill_dir, release, forget)
    index.save(index_dir, release)
    return result

"""The words of a batch of texts, split once for everything a worker computes from them:
the quality signals (``corpus_clean.signals``) and the dedup signatures
(``corpus_clean.dedup``). Both want the words of the same clean texts, one batch after
the other; ``split_batch`` hands the second caller the first one's split.

A word is what ``str.split()`` gives: a run of characters between whitespace, where
whitespace is Python's (``str.isspace``: the ASCII separators, \\x1c-\\x1f, NBSP,
U+2000-U+200A, U+2028...). The split is done in numpy over the UTF-8 bytes of the whole
batch: the ASCII spaces are two ranges of byte values, and the few multi-byte spaces are
found from their lead bytes.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Callable, Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus_clean import native

# Every character str.split() splits at (tests/test_signals_words.py checks the list
# against every code point): ASCII ones by byte, the others by their UTF-8 encoding.
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_WIDE_SPACES = "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"

_WIDE_ENCODED = [c.encode("utf-8") for c in _WIDE_SPACES]
_IS_WIDE_LEAD = np.zeros(256, dtype=bool)
_IS_WIDE_LEAD[[code[0] for code in _WIDE_ENCODED]] = True
_WIDE_2 = np.array([int.from_bytes(code, "big") for code in _WIDE_ENCODED if len(code) == 2], dtype=np.uint32)
_WIDE_3 = np.array([int.from_bytes(code, "big") for code in _WIDE_ENCODED if len(code) == 3], dtype=np.uint32)


def space_bytes(data: np.ndarray) -> np.ndarray:
    """Which bytes of UTF-8 text belong to a whitespace character (``str.isspace``).

    The ASCII spaces are two ranges of bytes (\\t-\\r, \\x1c-space: unsigned
    subtraction wraps the bytes below a range's start past its end); the multi-byte
    spaces are looked up from their lead bytes (0xC2, 0xE1-0xE3: few, mostly quotes
    and accents).

    >>> space_bytes(np.frombuffer("a b\\u00a0c’\\x01".encode(), dtype=np.uint8)).astype(int).tolist()
    [0, 1, 0, 1, 1, 0, 0, 0, 0, 0]
    """
    space = ((data - np.uint8(0x09)) <= 0x0D - 0x09) | ((data - np.uint8(0x1C)) <= 0x20 - 0x1C)
    leads = np.flatnonzero(data >= 0xC2)
    leads = leads[_IS_WIDE_LEAD[data[leads]]]
    if len(leads):
        last = len(data) - 1
        two = (data[leads].astype(np.uint32) << 8) | data[np.minimum(leads + 1, last)]
        three = (two << 8) | data[np.minimum(leads + 2, last)]
        at = leads[np.isin(two, _WIDE_2) & (leads + 1 <= last)]
        space[at] = space[at + 1] = True
        at = leads[np.isin(three, _WIDE_3) & (leads + 2 <= last)]
        space[at] = space[at + 1] = space[at + 2] = True
    return space


def _text_buffers(texts: pa.Array) -> tuple[np.ndarray, np.ndarray, pa.Buffer]:
    """(each text's start and end in the data buffer, the buffer as bytes, the buffer)."""
    width = np.int64 if pa.types.is_large_string(texts.type) else np.int32
    _, offsets, data = texts.buffers()
    offsets = np.frombuffer(offsets, dtype=width)[texts.offset:texts.offset + len(texts) + 1].astype(np.int64)
    data = data if data is not None else pa.py_buffer(b"")
    return offsets, np.frombuffer(data, dtype=np.uint8), data


def word_edges_numpy(offsets: np.ndarray, data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(byte offsets start, end, start, end... of every word of the texts, each text's
    number of words), in numpy: how ``split_numpy`` finds the words (the compiled
    ``split_native`` finds the same ones). Text k is ``data[offsets[k]:offsets[k + 1]]``; a word never runs into the next text.

    >>> data = np.frombuffer("The pier,\u00a0the pier".encode(), dtype=np.uint8)
    >>> edges, lengths = word_edges_numpy(np.array([0, 14, 14, 19]), data)
    >>> edges.tolist(), lengths.tolist()
    ([0, 3, 4, 9, 11, 14, 15, 19], [3, 0, 1])
    """
    base, end = int(offsets[0]), int(offsets[-1])
    space = space_bytes(data[base:end])
    # Where a run of word bytes begins or ends: edges alternate start, end, start...
    word = np.zeros(end - base + 2, dtype=np.int8)
    word[1:-1] = ~space
    edges = np.flatnonzero(np.diff(word))
    # A word never runs from one text into the next: cut it where a text begins.
    inner = np.unique(offsets[1:-1] - base)  # empty texts share their offset with the next
    inner = inner[(inner > 0) & (inner < end - base)]
    joined = inner[~space[inner] & ~space[inner - 1]]
    if len(joined):
        edges = np.sort(np.concatenate([edges, joined, joined]))
    lengths = np.diff(np.searchsorted(edges[0::2], offsets - base))  # words starting in each text
    return edges + base, lengths


# What the compiled kernel needs of the definition of a space above, as flat tables.
_IS_ASCII_SPACE = np.zeros(256, dtype=np.uint8)
_IS_ASCII_SPACE[[ord(c) for c in _ASCII_SPACES]] = 1
_IS_WIDE_LEAD_BYTE = _IS_WIDE_LEAD.astype(np.uint8)


def split_native(texts: pa.Array) -> "BatchWords":
    """``BatchWords.split`` of `texts` (not empty, no nulls) in one compiled pass over their
    bytes (corpus_clean/_native.c): the words found as ``word_edges_numpy`` finds them,
    dictionary-encoded in the order they first occur, as Arrow's ``dictionary_encode``
    numbers them in ``split_numpy``, the reference."""
    from corpus_clean import _native

    offsets, data, _ = _text_buffers(texts)
    lengths = np.zeros(len(texts), dtype=np.int64)
    ids, vocabulary_offsets, vocabulary_bytes = _native.split_words(
        data, np.ascontiguousarray(offsets, dtype=np.int64), _IS_ASCII_SPACE, _IS_WIDE_LEAD_BYTE,
        _WIDE_2, _WIDE_3, lengths)
    n_vocabulary = len(vocabulary_offsets) // 4 - 1
    vocabulary = pa.Array.from_buffers(pa.string(), n_vocabulary,
                                       [None, pa.py_buffer(vocabulary_offsets), pa.py_buffer(vocabulary_bytes)])
    return BatchWords(lengths, np.repeat(np.arange(len(texts)), lengths), np.frombuffer(ids, dtype=np.int64),
                      vocabulary)


def split_numpy(texts: pa.Array) -> "BatchWords":
    """``BatchWords.split`` of `texts` (not empty, no nulls) in numpy and Arrow: the
    reference for the compiled ``split_native``.

    The words are found in numpy over the batch's UTF-8 bytes (``word_edges_numpy``);
    Arrow then dictionary-encodes them without copying a byte: a string array whose
    offsets alternate word start, word end over the texts' own buffer holds every
    word at an even position and the gap after it, null, at an odd one. (1.15-1.33x
    faster than Arrow's ``utf8_split_whitespace`` then ``list_flatten``, which
    also misread a multi-byte space ending the data buffer in pyarrow 26.)
    """
    offsets, data, buffer = _text_buffers(texts)
    edges, lengths = word_edges_numpy(offsets, data)
    if not len(edges):
        return BatchWords.of([[] for _ in range(len(texts))])
    doc = np.repeat(np.arange(len(texts)), lengths)
    # Gaps are null (not hashed by the encoding); words sit at the even positions.
    large = pa.types.is_large_string(texts.type)
    bounds = pa.py_buffer(edges.astype(np.int64 if large else np.int32))
    every_other = pa.py_buffer(np.full((len(edges) + 6) // 8, 0b01010101, dtype=np.uint8))
    words_and_gaps = pa.Array.from_buffers(pa.large_string() if large else pa.string(), len(edges) - 1,
                                           [every_other, bounds, buffer])
    encoded = words_and_gaps.dictionary_encode()
    indices = encoded.indices
    ids = np.frombuffer(indices.buffers()[1], dtype=np.int32)[indices.offset:indices.offset + len(indices)]
    return BatchWords(lengths, doc, ids[0::2].astype(np.int64), encoded.dictionary.cast(pa.string()))


@dataclass
class BatchWords:
    """The words of a batch of documents, flattened once for vectorised work: each
    word's document, its id in the batch's vocabulary, and the vocabulary itself."""

    lengths: np.ndarray      # words per document
    doc: np.ndarray          # document number of each word
    ids: np.ndarray          # vocabulary index of each word
    vocabulary: pa.Array     # distinct words (may hold strings no word uses)

    @classmethod
    def of(cls, word_lists: list[list[str]]) -> "BatchWords":
        lengths = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists))
        encoded = pa.array(list(chain.from_iterable(word_lists)), pa.string()).dictionary_encode()
        return cls(lengths, np.repeat(np.arange(len(word_lists)), lengths),
                   encoded.indices.to_numpy().astype(np.int64), encoded.dictionary)

    @classmethod
    def split(cls, texts: pa.Array) -> "BatchWords":
        """The words of `texts` as ``str.split()`` gives them (no nulls): ``split_native``
        when the compiled kernels are there, else ``split_numpy`` (``corpus_clean.native``).

        >>> words = BatchWords.split(pa.array(["The pier,\\u00a0the", "", " pier "]))
        >>> words.lengths.tolist(), words.word_lists()
        ([3, 0, 1], [['The', 'pier,', 'the'], [], ['pier']])
        """
        if not len(texts):
            return cls.of([])
        return split_native(texts) if native.active() else split_numpy(texts)

    def normalised(self, normalise: Callable[[str], str]) -> "BatchWords":
        """The words with `normalise` applied, computed once per distinct word (a batch
        holds each word many times); words it makes empty are dropped.

        >>> BatchWords.of([["The", "pier,", "—", "the"]]).normalised(lambda w: w.lower().strip(",—")).word_lists()
        [['the', 'pier', 'the']]
        """
        normal = pa.array([normalise(word) for word in self.vocabulary.to_pylist()], pa.string())
        encoded = normal.dictionary_encode()
        keep = pc.greater(pc.binary_length(normal), 0).to_numpy(zero_copy_only=False)[self.ids]
        doc = self.doc[keep]
        ids = encoded.indices.to_numpy().astype(np.int64)[self.ids[keep]]
        return BatchWords(np.bincount(doc, minlength=len(self.lengths)), doc, ids, encoded.dictionary)

    def word_lists(self) -> list[list[str]]:
        """Each document's words as a list of str (for code that wants them one by one,
        e.g. tests comparing with ``str.split``)."""
        words = self.vocabulary.take(pa.array(self.ids)).to_pylist() if len(self.ids) else []
        ends = np.cumsum(self.lengths).tolist()
        return [words[start:end] for start, end in zip([0] + ends[:-1], ends)]

    def per_word(self, per_distinct_word: pa.Array) -> np.ndarray:
        """A value computed once per distinct word, spread to every word."""
        return per_distinct_word.to_numpy(zero_copy_only=False)[self.ids]

    def sum_per_doc(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.doc, weights=values, minlength=len(self.lengths))


# Whether RE2 (the engine of Arrow's regex kernels) reads a code point as a letter (\pL),
# learnt once per code point: for those below _LETTER_TABLE_SIZE in one Arrow call on first
# use, the rarer ones above as they are met, a block of 256 at a time (one CJK page meets
# hundreds of new ideographs; one call each cost 9 % of a first pass over real pages).
# Arrow compiles \pL on every call (~0.6-0.8 ms, most of what testing a batch's vocabulary
# with it cost).
_LETTER_TABLE_SIZE = 0x3100
_letter_table: np.ndarray | None = None
_letter_above: dict[int, bool] = {}
_SURROGATES = (0xD800, 0xE000)  # no string holds them (a record with one is quarantined)


def _re2_letters(chars: list[str]) -> np.ndarray:
    return pc.match_substring_regex(pa.array(chars, pa.string()), r"\pL").to_numpy(zero_copy_only=False)


def is_letter(code_points: np.ndarray) -> np.ndarray:
    r"""Per code point, whether RE2's ``\pL`` matches it.

    >>> is_letter(np.array([ord(c) for c in "a1é_日€"])).tolist()
    [True, False, True, False, True, False]
    """
    global _letter_table
    if _letter_table is None:
        _letter_table = _re2_letters([chr(cp) for cp in range(_LETTER_TABLE_SIZE)])
    low = code_points < _LETTER_TABLE_SIZE
    if low.all():
        return _letter_table[code_points]
    out = np.zeros(len(code_points), dtype=bool)
    out[low] = _letter_table[code_points[low]]
    high = code_points[~low].tolist()
    new = set(high).difference(_letter_above)
    if new:
        _learn_blocks({cp >> 8 for cp in new})
    out[~low] = [_letter_above[cp] for cp in high]
    return out


def _learn_blocks(blocks: Iterable[int]) -> None:
    """Learn the verdicts of every code point of the 256-code-point ``blocks`` (above the table), in one Arrow call."""
    learnt = [cp for block in sorted(blocks) for cp in range(block << 8, (block + 1) << 8)
              if not _SURROGATES[0] <= cp < _SURROGATES[1]]
    if learnt:
        _letter_above.update(zip(learnt, _re2_letters([chr(cp) for cp in learnt]).tolist()))


def blocks_above_table(utf8: np.ndarray) -> np.ndarray:
    """The 256-code-point blocks (code point >> 8) at or above ``_LETTER_TABLE_SIZE`` of the characters that the
    UTF-8 bytes ``utf8`` (uint8, whole characters) hold, each once, in order. Only a character from U+3000 on
    opens with a byte of 0xE3 or more (no other byte is that large), so the rest is never decoded.

    >>> blocks_above_table(np.frombuffer("a é ㄅ 日本 😀 ぁ".encode(), dtype=np.uint8)).tolist() == sorted(
    ...     {ord(c) >> 8 for c in "ㄅ日本😀"})
    True
    """
    leads = np.flatnonzero(utf8 >= 0xE3)
    if not len(leads):
        return np.zeros(0, dtype=np.int64)
    lead = utf8[leads].astype(np.int64)
    second = utf8[leads + 1].astype(np.int64) & 0x3F
    blocks = ((lead & 0x0F) << 4) | (second >> 2)  # (three bytes: 4 bits, 6 bits, 6 bits; a block drops the last 8)
    four = lead >= 0xF0
    if four.any():
        third = utf8[leads[four] + 2].astype(np.int64) & 0x3F
        blocks[four] = ((lead[four] & 0x07) << 10) | (second[four] << 4) | (third >> 2)
    return np.unique(blocks[blocks >= _LETTER_TABLE_SIZE >> 8])


# The UTF-8 bytes of the batch the compiled signals pass is reading (``batch_letters``), for the first word it
# meets with a code point not learnt yet: then the verdicts of every block the batch holds are learnt at once.
_batch_bytes: list = []


@contextmanager
def batch_letters(utf8: np.ndarray) -> Iterator[None]:
    """While it lasts, the first code point :func:`word_holds_a_letter` has not learnt makes it learn every block
    of ``utf8`` (a batch's texts) in one Arrow call: Arrow compiles ``\\pL`` on every call (~5 M instructions, most
    of a call's cost; a cold WCXB batch met three new blocks word by word, a CJK page dozens). The verdicts are
    the same whenever they are learnt.

    >>> with batch_letters(np.frombuffer("ꀀ ꀁ ꁀ".encode(), dtype=np.uint8)):
    ...     word_holds_a_letter("ꀀ"), 0xA040 in _letter_above
    (True, True)
    """
    _batch_bytes[:] = [utf8]
    try:
        yield
    finally:
        _batch_bytes.clear()


def holds_a_letter(words: pa.Array) -> np.ndarray:
    r"""Per string of `words` (no nulls), whether it holds a letter: what
    ``pc.match_substring_regex(words, r"\pL")`` says, from each character's verdict
    (``is_letter``) instead of a compiled pattern per call.

    >>> holds_a_letter(pa.array(["2024", "#pier", "", "…", "日本"])).tolist()
    [False, True, False, False, True]
    """
    strings = words.to_pylist()
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    code_points = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32)
    letters = np.r_[0, np.cumsum(is_letter(code_points), dtype=np.int64)]  # letters before each character
    ends = np.cumsum(lengths)
    return letters[ends] > letters[ends - lengths]


def word_holds_a_letter(word: str) -> bool:
    r"""``holds_a_letter`` of one word (for the compiled signals pass's rare non-ASCII words).

    >>> word_holds_a_letter("“Pier”"), word_holds_a_letter("—"), word_holds_a_letter("日本")
    (True, False, True)
    """
    # (a character at a time from the tables is_letter reads: numpy's calls on a word of a few
    # characters cost ~30 us, 2 % of a cold WCXB page's instructions; is_letter only for a code
    # point it has not met yet, to learn its block)
    low = _low_letters()
    above = _letter_above
    for char in word:
        code = ord(char)
        letter = low[code] if code < _LETTER_TABLE_SIZE else above.get(code)
        if letter is None:
            batch = _batch_bytes[:1]  # (the batch's blocks, all at once, the first time only: see batch_letters)
            _batch_bytes.clear()
            if batch:
                _learn_blocks(block for block in blocks_above_table(batch[0]).tolist() if (block << 8) not in _letter_above)
            return bool(is_letter(np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)).any())
        if letter:
            return True
    return False


_low_letter_bytes: bytes | None = None


def _low_letters() -> bytes:
    """``is_letter``'s table of the code points below ``_LETTER_TABLE_SIZE``, a byte each (1: a letter)."""
    global _low_letter_bytes
    if _low_letter_bytes is None:
        is_letter(np.zeros(1, dtype=np.uint32))  # (fills the table)
        _low_letter_bytes = _letter_table.astype(np.uint8).tobytes()
    return _low_letter_bytes


# The last batch split, for the next caller that splits the same texts (the signals step,
# then the dedup signatures of the same batch, in one worker). One batch: a few hundred KB.
# (A split made elsewhere may wait as a function that makes it: see remember_split.)
_last_split: tuple[pa.Array, BatchWords | Callable[[], BatchWords]] | None = None


def remember_split(texts: pa.Array, make_words: Callable[[], BatchWords]) -> None:
    """Hand the split of `texts` made elsewhere (the compiled signals pass) to the next
    ``split_batch`` of the same texts: `make_words` assembles it, only if that call comes
    (the dedup signatures; a run without them never pays for it)."""
    global _last_split
    _last_split = (texts, make_words)


def split_batch(texts: list[str] | pa.Array | pa.ChunkedArray) -> BatchWords:
    """``BatchWords.split`` of `texts` (nulls read as ""), reusing the previous call's
    split when the texts are the same (compared byte for byte: ``Array.equals``).

    >>> first = split_batch(["The pier reopens", "today"])
    >>> split_batch(pa.array(["The pier reopens", "today"])) is first
    True
    """
    global _last_split
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    elif not isinstance(texts, pa.Array):
        texts = pa.array(texts, pa.string())
    if texts.null_count:
        texts = texts.fill_null("")
    last = _last_split
    if last is not None and last[0].type == texts.type and last[0].equals(texts):
        if callable(last[1]):
            _last_split = (last[0], last[1]())
        return _last_split[1]
    words = BatchWords.split(texts)
    _last_split = (texts, words)
    return words

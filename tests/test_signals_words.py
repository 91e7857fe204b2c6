"""The batch whitespace split every worker step shares (corpus_clean.words): the same
words as ``str.split()`` on any text, any Unicode space, any array layout, and the
reuse of one split by the next caller only for the same texts."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.words import _ASCII_SPACES, _WIDE_SPACES, BatchWords, space_bytes, split_batch

EVERY_SPACE = [chr(code) for code in range(0x110000) if chr(code).isspace()]
# Every space, the control bytes next to the ASCII ones, the lead bytes of the wide
# spaces in other characters (’ is E2 80 99, next to U+2000-U+200A's E2 80 80-8A), and
# characters of 1 to 4 UTF-8 bytes.
ALPHABET = EVERY_SPACE + list("\x00\x08\x0e\x1b\x7fab.,’‘…éÂ\u00c2\u1680\u1681\u2010\u202e\u3001日\U0001f600")
texts = st.lists(st.text(alphabet=ALPHABET, max_size=30) | st.text(st.characters(exclude_categories=("Cs",)),
                                                                  max_size=30), max_size=8)


def test_the_space_list_is_every_character_str_split_splits_at():
    assert sorted(_ASCII_SPACES + _WIDE_SPACES) == EVERY_SPACE


def test_space_bytes_marks_every_byte_of_every_space_and_nothing_else():
    for char in EVERY_SPACE + ["’", "Â", "\u2010", "\x1b", "\x7f", "a"]:
        encoded = ("x" + char + "x").encode()
        marks = space_bytes(np.frombuffer(encoded, dtype=np.uint8))
        assert marks.tolist() == [False] + [char.isspace()] * len(char.encode()) + [False], repr(char)


@settings(max_examples=150, deadline=None)
@given(texts, st.integers(0, 2), st.booleans())
def test_batch_split_is_str_split_of_each_text(batch, skip, large):
    """Also for an array that is a slice of a larger one (its offsets do not start at 0)
    and for large_string arrays (64-bit offsets)."""
    array = pa.array(["pad ", "pad\xa0"][:skip] + batch, pa.large_string() if large else pa.string()).slice(skip)
    words = BatchWords.split(array)
    assert words.word_lists() == [text.split() for text in batch]
    assert words.lengths.tolist() == [len(text.split()) for text in batch]
    assert words.doc.tolist() == [k for k, text in enumerate(batch) for _ in text.split()]


def test_every_space_at_the_end_of_a_batch_or_between_texts_splits():
    """The pyarrow 26 whitespace split read past a multi-byte space ending the data
    buffer; words never run across two texts."""
    for space in EVERY_SPACE:
        for batch in (["a" + space], ["a" + space + "b", "c"], ["a", space, "b"], ["ab" + space * 3 + "c" + space]):
            assert BatchWords.split(pa.array(batch)).word_lists() == [text.split() for text in batch], repr(space)


def test_split_batch_reuses_a_split_only_for_the_same_texts():
    first = split_batch(["The pier reopens", None, "today"])
    assert split_batch(pa.chunked_array([["The pier reopens"], ["", "today"]])) is first  # null read as ""
    changed = split_batch(["The pier reopens", "", "today!"])
    assert changed is not first and changed.word_lists() == [["The", "pier", "reopens"], [], ["today!"]]
    assert split_batch(pa.array(["The pier reopens", "", "today!"], pa.large_string())).word_lists() == \
        changed.word_lists()


def test_letter_verdicts_above_the_table_are_learnt_a_block_at_a_time(monkeypatch):
    """One Arrow regex call per new block of 256 code points, not per new character: a CJK
    corpus meets hundreds of new ideographs, each call compiles the pattern again (~0.8 ms).
    The verdicts are RE2's own, whatever the order they are learnt in."""
    import numpy as np

    from corpus_clean import words

    calls = []
    real = words._re2_letters
    words.is_letter(np.array([ord("a")], dtype=np.uint32))  # the table below 0x3100 built first
    monkeypatch.setattr(words, "_re2_letters", lambda chars: calls.append(len(chars)) or real(chars))
    monkeypatch.setattr(words, "_letter_above", {})
    first = words.is_letter(np.array([0x4E01, 0x4E02], dtype=np.uint32))
    again = words.is_letter(np.array([0x4E80, 0x4EFF, 0x4E03], dtype=np.uint32))  # same block 0x4E00-0x4EFF
    assert calls == [256]
    assert first.tolist() == [True, True] and again.tolist() == [True, True, True]
    code_points = [0x1F600, 0x10400, 0xAC00, 0x0E3F, 0x3105, 0xFFFD, 0x1D7CE]
    assert words.is_letter(np.array(code_points, dtype=np.uint32)).tolist() == real(
        [chr(cp) for cp in code_points]).tolist()

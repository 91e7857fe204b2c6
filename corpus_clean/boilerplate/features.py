"""Cheap per-line features, computed with numpy over the whole document at once.

No Python loop per character or per word: the text becomes one array of code points,
character classes come from a lookup table, and per-line counts are ``np.bincount``
over each character's line number. The only per-line Python work is ``str.split``
and ``map(len, ...)``, both in C.

>>> lines = split_lines("Home\\nThe cat sat on the mat.\\n")
>>> lines.n_lines, lines.content[1]
(3, 'The cat sat on the mat.')
>>> stats = line_stats(lines)
>>> stats.n_words.tolist()
[1, 6, 0]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Character classes (bit flags) for code points < 0x3100; above that: "letter".
ALPHA, UPPER, LOWER, DIGIT, SPACE, PUNCT, SENT_END, NEWLINE = 1, 2, 4, 8, 16, 32, 64, 128
_TABLE_SIZE = 0x3100


def _build_class_table() -> np.ndarray:
    table = np.zeros(_TABLE_SIZE, dtype=np.uint8)
    for cp in range(_TABLE_SIZE):
        ch = chr(cp)
        flags = 0
        if ch.isalpha():
            flags |= ALPHA
            if ch.isupper():
                flags |= UPPER
            elif ch.islower():
                flags |= LOWER
        elif ch.isdigit():
            flags |= DIGIT
        elif ch.isspace() or cp in (0x200B, 0xFEFF):
            flags |= SPACE
        else:
            flags |= PUNCT
        if ch in ".!?\"'”’»)…。」』":
            flags |= SENT_END
        if ch == "\n":
            flags = NEWLINE
        table[cp] = flags
    return table


CLASS_TABLE = _build_class_table()

# Function words: prose has many, menus and link lists have few (jusText's insight).
STOP_WORDS = (
    "a about after all also an and are as at be because been but by can could did do "
    "for from had has have he her his how i if in into is it its just more most no not "
    "of on one only or other our out over said she so some than that the their them then "
    "there these they this those to up was we were what when where which while who will "
    "with would you your"
).split()
_STOP_MAX_LEN = max(map(len, STOP_WORDS))


def _ascii_word_key(word_codes: np.ndarray) -> np.ndarray:
    """Pack lower-case ASCII words (rows of code points, 0-padded) into one int64 each.

    5 bits per letter ('a' = 1 ... 'z' = 26, padding 0), so the key is exact for
    words of up to 12 letters: no hashing, no collisions.
    """
    letters = np.where(word_codes > 0, word_codes - 96, 0).astype(np.int64)
    shifts = 5 * np.arange(word_codes.shape[1], dtype=np.int64)
    return (letters << shifts).sum(axis=1)


def _stop_word_keys() -> np.ndarray:
    rows = np.zeros((len(STOP_WORDS), _STOP_MAX_LEN), dtype=np.int64)
    for r, word in enumerate(STOP_WORDS):
        rows[r, : len(word)] = [ord(ch) for ch in word]
    return np.sort(_ascii_word_key(rows))


_STOP_KEYS = _stop_word_keys()


@dataclass
class Lines:
    """A document split on ``\\n``: offsets of each line, with and without terminator."""

    text: str
    raw: list[str]  # lines without "\n" (may still hold "\r" and spaces)
    starts: np.ndarray  # offset of each line's first character
    ends: np.ndarray  # offset just past each line's "\n" (or len(text) for the last)
    content: list[str]  # stripped line text

    @property
    def n_lines(self) -> int:
        return len(self.raw)


def split_lines(text: str) -> Lines:
    """Split `text` into lines with their offsets."""
    raw = text.split("\n")
    lens = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
    ends = np.cumsum(lens + 1)
    starts = ends - lens - 1
    ends[-1] = len(text)
    content = [s.strip() for s in raw]
    return Lines(text, raw, starts, ends, content)


@dataclass
class LineStats:
    """Per-line counts (one entry per line of `Lines`)."""

    n_chars: np.ndarray  # non-space characters
    n_alpha: np.ndarray
    n_upper: np.ndarray
    n_digit: np.ndarray
    n_punct: np.ndarray
    n_words: np.ndarray  # runs of letters/digits
    n_cap_words: np.ndarray  # words starting with an upper-case letter
    n_stop: np.ndarray  # function words (lower-case, see STOP_WORDS)
    first_class: np.ndarray  # class flags of the first non-space character (0: blank)
    last_class: np.ndarray  # class flags of the last non-space character
    last_char: np.ndarray  # code point of the last non-space character (0: blank)


FULLWIDTH_SENT_END = (0xFF01, 0xFF1F)  # "！" "？" (above the table: "letter" otherwise)
CJK_LO, CJK_HI = 0x3040, 0x9FFF  # kana and CJK ideographs: written without spaces


def _classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cls = np.full(cps.shape, ALPHA, dtype=np.uint8)
    small = cps < _TABLE_SIZE
    cls[small] = CLASS_TABLE[cps[small]]
    if not small.all():
        big = np.flatnonzero(~small)
        fullwidth_end = np.isin(cps[big], FULLWIDTH_SENT_END)
        cls[big[fullwidth_end]] = PUNCT | SENT_END
    return cps, cls


def per_line_stop_words(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, line_of: np.ndarray, n: int) -> np.ndarray:
    """Count the words of each line that are exactly a (lower-case) STOP_WORDS entry.

    A word is a run of letters/digits. Only runs of 1.._STOP_MAX_LEN lower-case ASCII
    letters can be function words; their letters are packed into an exact integer key
    and looked up in the sorted keys of STOP_WORDS, all in numpy.
    """
    lengths = ends - starts
    short = lengths <= _STOP_MAX_LEN
    starts, lengths = starts[short], lengths[short]
    if starts.size == 0:
        return np.zeros(n, dtype=np.int64)
    offsets = np.arange(_STOP_MAX_LEN)
    inside = offsets[None, :] < lengths[:, None]
    pos = np.minimum(starts[:, None] + offsets[None, :], len(cps) - 1)
    codes = np.where(inside, cps[pos], 0)
    lower_ascii = ((codes >= 97) & (codes <= 122)) | ~inside
    candidates = lower_ascii.all(axis=1)
    keys = _ascii_word_key(codes[candidates])
    at = np.searchsorted(_STOP_KEYS, keys)
    hit = _STOP_KEYS[np.minimum(at, len(_STOP_KEYS) - 1)] == keys
    return np.bincount(line_of[starts[candidates][hit]], minlength=n)[:n]


def line_stats(lines: Lines) -> LineStats:
    """Count characters, words and function words per line, vectorised."""
    n = lines.n_lines
    text = lines.text
    cps, cls = _classes(text)
    is_nl = (cls & NEWLINE) > 0
    line_of = np.cumsum(is_nl) - is_nl  # line number of every character

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.bincount(line_of[mask], minlength=n)[:n]

    is_space = ((cls & SPACE) > 0) | is_nl
    is_word = (cls & (ALPHA | DIGIT)) > 0
    word_start = is_word.copy()
    word_start[1:] &= ~is_word[:-1]
    n_words = per_line(word_start)
    # Chinese/Japanese have no spaces: a run of kana/ideographs is one "word" above, so
    # count one word per two such characters on top (a paragraph is not a menu item).
    maybe_cjk = cps >= CJK_LO
    if maybe_cjk.any():
        n_words = n_words + per_line(maybe_cjk & (cps <= CJK_HI)) // 2
    n_cap_words = per_line(word_start & ((cls & UPPER) > 0))

    visible = np.flatnonzero(~is_space)
    first_class = np.zeros(n, dtype=np.uint8)
    last_class = np.zeros(n, dtype=np.uint8)
    last_char = np.zeros(n, dtype=np.uint32)
    if visible.size:
        vis_line = line_of[visible]
        new_line = vis_line[1:] != vis_line[:-1]
        is_last = np.r_[new_line, True]
        is_first = np.r_[True, new_line]
        last_idx = visible[is_last]
        first_idx = visible[is_first]
        last_class[line_of[last_idx]] = cls[last_idx]
        last_char[line_of[last_idx]] = cps[last_idx]
        first_class[line_of[first_idx]] = cls[first_idx]

    starts = np.flatnonzero(word_start)
    ends = np.flatnonzero(is_word & ~np.r_[is_word[1:], False]) + 1
    n_stop = per_line_stop_words(cps, starts, ends, line_of, n)

    return LineStats(
        n_chars=per_line(~is_space),
        n_alpha=per_line((cls & ALPHA) > 0),
        n_upper=per_line((cls & UPPER) > 0),
        n_digit=per_line((cls & DIGIT) > 0),
        n_punct=per_line((cls & PUNCT) > 0),
        n_words=n_words,
        n_cap_words=n_cap_words,
        n_stop=n_stop,
        first_class=first_class,
        last_class=last_class,
        last_char=last_char,
    )


def split_lines_many(texts: list[str]) -> list[tuple[Lines, LineStats]]:
    """``split_lines`` and ``line_stats`` of each text, counted in one pass over all.

    The texts are joined with "\n", so text k's lines are a run of the joined text's
    lines, and every count is per line: slicing gives each text exactly its own.
    """
    joined = split_lines("\n".join(texts))
    stats = line_stats(joined)
    out = []
    line0 = char0 = 0
    for text in texts:
        n = text.count("\n") + 1
        rows = slice(line0, line0 + n)
        ends = joined.ends[rows] - char0
        ends[-1] = len(text)
        lines = Lines(text, joined.raw[rows], joined.starts[rows] - char0, ends, joined.content[rows])
        out.append((lines, LineStats(**{name: getattr(stats, name)[rows] for name in LineStats.__dataclass_fields__})))
        line0 += n
        char0 += len(text) + 1
    return out

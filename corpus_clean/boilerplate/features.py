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

from corpus_clean import native

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
_STOP_MAX_LEN = max(map(len, STOP_WORDS))  # (at most 8: a key is 8 bytes)


def _stop_word_key(word: str) -> int:
    """A word of up to 8 lower-case ASCII letters as one integer: its bytes, little-endian,
    zero-padded (``per_line_stop_words`` reads a text's words the same way)."""
    return int.from_bytes(word.encode("ascii").ljust(8, b"\0"), "little")


_STOP_KEYS = np.array([_stop_word_key(w) for w in STOP_WORDS], dtype=np.uint64)


def _stop_key_table() -> tuple[int, np.ndarray]:
    """A table in which every function word's key sits at ``key % size`` alone (the
    smallest such size): looking a word up is one remainder and one comparison."""
    size = len(_STOP_KEYS)
    while len(set((_STOP_KEYS % np.uint64(size)).tolist())) < len(_STOP_KEYS):
        size += 1
    table = np.zeros(size, dtype=np.uint64)  # (0: the key of no word)
    table[(_STOP_KEYS % np.uint64(size)).astype(np.intp)] = _STOP_KEYS
    return size, table


_STOP_TABLE_SIZE, _STOP_TABLE = _stop_key_table()
# The low `length` bytes of a key.
_LOW_BYTES = np.array([(1 << (8 * length)) - 1 for length in range(9)], dtype=np.uint64)


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
    content = list(map(str.strip, raw))
    return Lines(text, raw, starts, ends, content)


def lines_of_stripped(lines: list[str]) -> Lines:
    """``split_lines("\\n".join(lines))`` for lines that are already stripped (and hold no
    newline): no second split and strip.

    >>> lines = lines_of_stripped(["Home", "The cat sat.", ""])
    >>> lines.text, lines.starts.tolist(), lines.ends.tolist()
    ('Home\\nThe cat sat.\\n', [0, 5, 18], [5, 18, 18])
    """
    lens = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    ends = np.cumsum(lens + 1)
    starts = ends - lens - 1
    ends[-1] -= 1
    return Lines("\n".join(lines), lines, starts, ends, lines)


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


class CodeSet:
    """A few code points, and which entries of an array of code points are among them:
    ``np.isin``'s answer for a page's ~200 lines in one ``take`` on a lookup table (~2 µs;
    ``np.isin`` sorts, ~35 µs a call, and the rule-side steps ask per page).

    >>> closing = CodeSet(map(ord, "»”"))
    >>> closing.of(np.array([ord("»"), ord("a"), 0, 0x1F600], dtype=np.uint32)).tolist()
    [True, False, False, False]
    """

    def __init__(self, codes) -> None:
        codes = sorted(set(int(c) for c in codes))
        if not codes or codes[0] < 1:
            raise ValueError("code points from 1 up")  # (0 stands for a blank line's last_char)
        # (one False entry past the largest: take's "clip" sends every larger code point there)
        self.table = np.zeros(codes[-1] + 2, dtype=bool)
        self.table[codes] = True
        self.codes = np.array(codes)

    def of(self, cps: np.ndarray) -> np.ndarray:
        """``np.isin(cps, codes)`` for unsigned `cps`."""
        return self.table.take(cps, mode="clip")


# CLASS_TABLE with one more entry, "letter", for every code point above it.
_CLASS_TABLE_CLAMPED = np.r_[CLASS_TABLE, np.uint8(ALPHA)]
# Every class a character can have (a handful), and per class its first column in
# line_stats' histogram (two columns per class: not starting / starting a word).
_KINDS = np.unique(np.r_[_CLASS_TABLE_CLAMPED, np.uint8(PUNCT | SENT_END)])
_KIND_COLUMN = np.zeros(256, dtype=np.int32)  # (int32: np.take of a narrow table is faster)
_KIND_COLUMN[_KINDS] = 2 * np.arange(len(_KINDS))


_FULLWIDTH_SENT_END = CodeSet(FULLWIDTH_SENT_END)

def _classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cls = np.take(_CLASS_TABLE_CLAMPED, cps, mode="clip")  # (clip: above the table, "letter")
    if cps.size and cps.max() >= _TABLE_SIZE:
        fullwidth_end = np.flatnonzero(_FULLWIDTH_SENT_END.of(cps))
        cls[fullwidth_end] = PUNCT | SENT_END
    return cps, cls


def per_line_stop_words(text: str, starts: np.ndarray, ends: np.ndarray, line_starts: np.ndarray,
                        n: int) -> np.ndarray:
    """Count the words of each line that are exactly a (lower-case) STOP_WORDS entry.

    A word is a run of letters/digits (`starts`, `ends`: offsets of every word). The
    text is read as one byte per character (Latin-1, any other character "?"), and
    the 8 bytes from a word's start, read as one integer and cut to the word's length,
    are its key. A word's bytes are never 0 (no NUL in a word), so the key equals a
    function word's key (``_stop_word_key``) exactly when the word is that function
    word. One gather and one table lookup (``_stop_key_table``) for all words.
    """
    lengths = ends - starts
    short = lengths <= _STOP_MAX_LEN
    starts, lengths = starts[short], lengths[short]
    if starts.size == 0:
        return np.zeros(n, dtype=np.int64)
    # (+8 bytes: a key read at the end of the text stays inside the buffer)
    byte = np.frombuffer(text.encode("latin-1", "replace") + bytes(8), dtype=np.uint8)
    # Element i of this view is the 8 bytes from byte i on, as a little-endian integer.
    eight_bytes = np.ndarray(shape=(len(text),), dtype="<u8", buffer=byte, strides=(1,))
    keys = eight_bytes[starts] & _LOW_BYTES[lengths]
    hit = _STOP_TABLE[(keys % np.uint64(_STOP_TABLE_SIZE)).astype(np.intp)] == keys
    line_of_hit = np.searchsorted(line_starts, starts[hit], side="right") - 1
    return np.bincount(line_of_hit, minlength=n)[:n]


@dataclass
class LineCounts:
    """The raw per-line counts ``line_stats`` reduces (both kernels below give these)."""

    hist: np.ndarray  # [line, 2 * class kind + starts a word]: characters (see _KIND_COLUMN)
    n_cjk: np.ndarray  # kana and CJK ideographs (CJK_LO..CJK_HI)
    n_stop: np.ndarray  # function words starting in the line
    first_class: np.ndarray
    last_class: np.ndarray
    last_char: np.ndarray


def line_counts_numpy(text: str, starts: np.ndarray, ends: np.ndarray) -> LineCounts:
    """Per-line counts in numpy: the reference for the compiled ``line_counts_native``.

    Most counts come from one histogram: each character is keyed by its line, its
    class and whether it starts a word, and one ``np.bincount`` counts the keys.
    """
    n = len(starts)
    cps, cls = _classes(text)
    lengths = ends - starts
    is_space = (cls & (SPACE | NEWLINE)) > 0
    is_word = (cls & (ALPHA | DIGIT)) > 0
    word_start = is_word.copy()
    word_start[1:] &= ~is_word[:-1]
    # Per line, how many characters of each (class, starts a word) there are.
    n_kinds = 2 * len(_KINDS)
    column = np.take(_KIND_COLUMN, cls)  # each character's class...
    column += word_start  # ...and whether it starts a word...
    key = np.repeat(np.arange(0, n * n_kinds, n_kinds, dtype=np.int64), lengths)  # ...and its line
    key += column
    hist = np.bincount(key, minlength=n * n_kinds)
    hist = hist.reshape(n, n_kinds)
    n_cjk = np.zeros(n, dtype=np.int64)
    maybe_cjk = cps >= CJK_LO
    if maybe_cjk.any():
        line_of = np.repeat(np.arange(n, dtype=np.int64), lengths)  # line of every character
        n_cjk = np.bincount(line_of[maybe_cjk & (cps <= CJK_HI)], minlength=n)[:n]

    # First and last visible character of each line.
    visible = np.flatnonzero(~is_space)
    first_class = np.zeros(n, dtype=np.uint8)
    last_class = np.zeros(n, dtype=np.uint8)
    last_char = np.zeros(n, dtype=np.uint32)
    if visible.size:
        first_at = np.searchsorted(visible, starts)
        has_visible = first_at < np.searchsorted(visible, ends)
        first_idx = visible[first_at[has_visible]]
        last_idx = visible[np.searchsorted(visible, ends[has_visible]) - 1]
        first_class[has_visible] = cls[first_idx]
        last_class[has_visible] = cls[last_idx]
        last_char[has_visible] = cps[last_idx]

    word_starts = np.flatnonzero(word_start)
    word_end = is_word.copy()
    word_end[:-1] &= ~is_word[1:]
    word_ends = np.flatnonzero(word_end) + 1
    n_stop = per_line_stop_words(text, word_starts, word_ends, starts, n)
    return LineCounts(hist, n_cjk, n_stop, first_class, last_class, last_char)


# What the compiled kernel needs of the definitions above, as flat tables.
_WIDE_CLASSES = np.array([(cp, PUNCT | SENT_END) for cp in FULLWIDTH_SENT_END], dtype=np.uint32).ravel()


def line_counts_native(text: str, starts: np.ndarray, ends: np.ndarray) -> LineCounts:
    """``line_counts_numpy`` in one compiled pass over the text (corpus_clean/_native.c)."""
    from corpus_clean import _native

    n = len(starts)
    out = LineCounts(np.zeros((n, 2 * len(_KINDS)), dtype=np.int64), np.zeros(n, dtype=np.int64),
                     np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.uint8), np.zeros(n, dtype=np.uint8),
                     np.zeros(n, dtype=np.uint32))
    _native.line_counts(text, np.ascontiguousarray(starts, dtype=np.int64), np.ascontiguousarray(ends, dtype=np.int64),
                        _CLASS_TABLE_CLAMPED, _KIND_COLUMN, 2 * len(_KINDS), ALPHA | DIGIT, SPACE | NEWLINE,
                        _WIDE_CLASSES, CJK_LO, CJK_HI, _STOP_TABLE, _STOP_MAX_LEN,
                        out.hist, out.n_cjk, out.n_stop, out.first_class, out.last_class, out.last_char)
    return out


def lie_end_to_end(text: str, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Do the lines cover `text` one after another, as ``split_lines`` and
    ``lines_of_stripped`` make them (what ``line_stats_native`` reads)?

    >>> lines = split_lines("a\\nb")
    >>> lie_end_to_end(lines.text, lines.starts, lines.ends), lie_end_to_end("a\\nb", np.array([0]), np.array([1]))
    (True, False)
    """
    return bool(len(starts) > 0 and starts[0] == 0 and ends[-1] == len(text)
                and np.array_equal(starts[1:], ends[:-1]) and (ends >= starts).all())


def line_stats_native(text: str, starts: np.ndarray, ends: np.ndarray) -> LineStats:
    """``line_stats``' counts in one compiled pass (corpus_clean/_native.c), for lines
    that lie end to end (``lie_end_to_end``): each line's totals counted directly, where
    ``line_counts_native`` fills a histogram that numpy then reduces. The histogram's
    reduction (``line_stats`` on ``line_counts_numpy``) stays the reference."""
    from corpus_clean import _native

    n = len(starts)
    out = LineStats(*(np.empty(n, dtype=np.int64) for _ in range(8)), np.empty(n, dtype=np.uint8),
                    np.empty(n, dtype=np.uint8), np.empty(n, dtype=np.uint32))
    _native.line_stats(text, np.ascontiguousarray(starts, dtype=np.int64), np.ascontiguousarray(ends, dtype=np.int64),
                       _CLASS_TABLE_CLAMPED, ALPHA | DIGIT, SPACE | NEWLINE, ALPHA, UPPER, DIGIT, PUNCT, _WIDE_CLASSES,
                       CJK_LO, CJK_HI, _STOP_TABLE, _STOP_MAX_LEN, out.n_chars, out.n_alpha, out.n_upper, out.n_digit,
                       out.n_punct, out.n_words, out.n_cap_words, out.n_stop, out.first_class, out.last_class,
                       out.last_char)
    return out


def line_stats(lines: Lines) -> LineStats:
    """Count characters, words and function words per line, vectorised (the compiled
    kernel when built, else its numpy twin: ``corpus_clean.native``)."""
    if native.active() and getattr(native.active(), "line_stats", None) is not None \
            and lie_end_to_end(lines.text, lines.starts, lines.ends):
        return line_stats_native(lines.text, lines.starts, lines.ends)
    count_lines = line_counts_native if native.active() else line_counts_numpy
    counts = count_lines(lines.text, lines.starts, lines.ends)
    kind_class = np.repeat(_KINDS, 2)  # the class of each histogram column
    kind_starts_word = np.tile([False, True], len(_KINDS))

    def count(columns: np.ndarray) -> np.ndarray:
        return counts.hist[:, columns].sum(axis=1)

    # Chinese/Japanese have no spaces: a run of kana/ideographs is one "word" above, so
    # count one word per two such characters on top (a paragraph is not a menu item).
    n_words = count(kind_starts_word) + counts.n_cjk // 2
    return LineStats(
        n_chars=count((kind_class & (SPACE | NEWLINE)) == 0),
        n_alpha=count((kind_class & ALPHA) > 0),
        n_upper=count((kind_class & UPPER) > 0),
        n_digit=count((kind_class & DIGIT) > 0),
        n_punct=count((kind_class & PUNCT) > 0),
        n_words=n_words,
        n_cap_words=count(kind_starts_word & ((kind_class & UPPER) > 0)),
        n_stop=counts.n_stop,
        first_class=counts.first_class,
        last_class=counts.last_class,
        last_char=counts.last_char,
    )


def split_lines_many(texts: list[str]) -> list[tuple[Lines, LineStats]]:
    """``split_lines`` and ``line_stats`` of each text, counted in one pass over all.

    The texts are joined with "\n", so text k's lines are a run of the joined text's
    lines, and every count is per line: slicing gives each text exactly its own.
    """
    return split_lines_batch(texts)[0]


def split_lines_batch(texts: list[str]) -> tuple[list[tuple[Lines, LineStats]], LineStats]:
    """``split_lines_many`` and the counts of all texts' lines one after another.

    Each text's offsets are the joined text's, shifted by where the text starts in it
    (one array operation for all texts); its arrays are views of the batch's.
    """
    flat = split_texts(texts)
    return per_text_lines(texts, flat), flat.stats


@dataclass
class TextsLines:
    """The lines of several texts one after another (``split_texts``)."""

    joined: Lines        # the lines of "\\n".join(texts), offsets into the joined text
    starts: np.ndarray   # each line's offsets in its own text
    ends: np.ndarray
    first_line: np.ndarray  # per text: its first line
    n_lines: np.ndarray     # per text: its number of lines
    stats: LineStats     # per line


def split_texts(texts: list[str]) -> TextsLines:
    """The texts' lines split and counted in one pass over "\\n".join(texts): text k's
    lines are a run of the joined text's lines, and every count is per line.

    >>> flat = split_texts(["a\\nb", "c"])
    >>> flat.joined.raw, flat.starts.tolist(), flat.ends.tolist(), flat.first_line.tolist()
    (['a', 'b', 'c'], [0, 2, 0], [2, 3, 1], [0, 2])
    """
    joined = split_lines("\n".join(texts))
    stats = line_stats(joined)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    char0 = np.cumsum(lens + 1) - lens - 1  # where each text starts in the joined text
    line0 = np.searchsorted(joined.starts, char0)  # its first line (a line starts there)
    n_lines = np.diff(np.r_[line0, len(joined.raw)])
    shift = np.repeat(char0, n_lines)
    starts = joined.starts - shift
    ends = joined.ends - shift
    ends[line0 + n_lines - 1] = lens  # (a text's last line ends with the text, not at the joining "\n")
    return TextsLines(joined, starts, ends, line0, n_lines, stats)


def per_text_lines(texts: list[str], flat: TextsLines) -> list[tuple[Lines, LineStats]]:
    """Each text's ``Lines`` and ``LineStats``: views (and list slices) of `flat`'s."""
    columns = [getattr(flat.stats, name) for name in LineStats.__dataclass_fields__]
    raw, content, starts, ends = flat.joined.raw, flat.joined.content, flat.starts, flat.ends
    out = []
    for text, a, b in zip(texts, flat.first_line.tolist(), (flat.first_line + flat.n_lines).tolist()):
        lines = Lines(text, raw[a:b], starts[a:b], ends[a:b], content[a:b])
        out.append((lines, LineStats(*[column[a:b] for column in columns])))
    return out


def first_copies(lines: list[str], bounds: np.ndarray) -> np.ndarray:
    """Per line, the row of the first line equal to it in its group (group g: rows
    ``bounds[g]`` to ``bounds[g + 1]``, e.g. a batch's documents): a line met before in
    its group points there, any other line to itself. With the compiled kernels one
    pass over the batch (``_native.first_copies``); else a dict per group, the reference.

    >>> first_copies(["Home", "News", "Home", "Home", "x"], np.array([0, 3, 5])).tolist()
    [0, 1, 0, 3, 4]
    """
    bounds = np.ascontiguousarray(bounds, dtype=np.int64)
    out = np.arange(len(lines), dtype=np.int64)
    kernel = getattr(native.active(), "first_copies", None)  # (None: no compiled module, or one built before it)
    if kernel is not None:
        kernel(lines, bounds, out)
        return out
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        group = lines[a:b]
        first = dict(zip(reversed(group), range(b - 1, a - 1, -1)))  # text -> its first row
        if len(first) < b - a:
            out[a:b] = np.fromiter(map(first.__getitem__, group), dtype=np.int64, count=b - a)
    return out


class PageSlices:
    """A batch's per-line masks (``batch.PAGE_MASKS``) and candidate rows
    (``batch.PAGE_ROWS``), made for all its pages at once; page k's own part of one is
    sliced when the page first reads it (``page_slice``). Most pages never read most of
    them (on the generated corpus ~1 page in 4 reaches the steps that do), so slicing
    each for every page up front made ~14 views or lists per page to throw away.

    >>> pages = PageSlices({"digits": np.array([True, False, True])}, {"ends": ([1, 0], [0, 1, 2])}, [0, 2], [2, 3])
    >>> pages.of("digits", 1).tolist(), pages.of("ends", 0), pages.of("ends", 1), pages.of("other", 0)
    ([True], [1], [0], None)
    """

    def __init__(self, masks: dict[str, np.ndarray], rows: dict[str, tuple[list[int], list[int]]],
                 starts: list[int], ends: list[int]):
        self.masks = masks  # name -> the batch's mask (one entry per row)
        self.rows = rows  # name -> (each flagged row's number in its page, page k's bounds in that list)
        self.starts, self.ends = starts, ends  # page k's rows: starts[k] to ends[k]

    def of(self, name: str, k: int):
        """Page k's part of `name`: a view of the mask, a list of rows, or None if unknown."""
        mask = self.masks.get(name)
        if mask is not None:
            return mask[self.starts[k]:self.ends[k]]
        found = self.rows.get(name)
        if found is None:
            return None
        local, bounds = found
        return local[bounds[k]:bounds[k + 1]]


def page_slice(ctx, name: str):
    """`ctx`'s part of its batch's `name` (``PageSlices``), sliced on first read and kept
    on the Context; None for a Context made on its own (no batch)."""
    found = ctx.__dict__.get(name)
    if found is None:
        pages = ctx.__dict__.get("page_slices")  # (PageSlices, the page's number in it)
        if pages is not None:
            found = pages[0].of(name, pages[1])
            if found is not None:
                ctx.__dict__[name] = found
    return found


def page_rows(ctx, name: str, compute) -> list[int]:
    """The lines of `ctx` a per-line mask of its counts alone flags, ascending: the list its
    batch made for all its pages in one pass (``batch.Batch.of``, ``batch.PAGE_ROWS``,
    ``page_slice``), or those of ``compute(ctx.stats, ctx.blank)`` for a Context made on its
    own. (A page's few candidates as a list: a pre-check walks them in Python, no array call
    per page.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> page_rows(Context("Home\\n\\nNews"), "blank_rows", lambda stats, blank: blank)
    [1]
    """
    rows = page_slice(ctx, name)
    return np.flatnonzero(compute(ctx.stats, ctx.blank)).tolist() if rows is None else rows

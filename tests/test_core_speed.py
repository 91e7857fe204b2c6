"""The core's faster formulations against the plain ones they replace (round 6).

Each fast path must give exactly what its reference gives, on generated inputs built
to hit its edges (word boundaries, quotes, capitals, apostrophes, non-ASCII letters).
"""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import _COMMENT_VOICE, _COMMENT_VOICE_SCAN, _QUOTED, VOICE_WORDS, _voice_hits

# Pieces that meet every alternative of the voice pattern at a word edge or inside a word.
VOICE_PIECES = st.one_of(
    st.sampled_from(VOICE_WORDS + ("IMHO", "ABCD", "ABC", "Imo", "mine's", "yours", "usa", "meme", "I’ll",
                                   "WÖRLD", "ÉCOLE", "é", "_", "1", "’", "'", "!", "?", '"', "“", "”", "«", "»")),
    st.sampled_from(list(" \n\tamyuwoliIMYWOULAZaz09")),
)
LINES = st.lists(VOICE_PIECES, max_size=40).map("".join)


@given(LINES)
@settings(max_examples=200, deadline=None)
def test_literal_first_voice_pattern_finds_the_same_matches(line):
    """Same matches, same order: the count and every later match depend on them."""
    assert _COMMENT_VOICE_SCAN.findall(line) == _COMMENT_VOICE.findall(line)


@given(LINES)
@settings(max_examples=150, deadline=None)
def test_voice_hits_match_the_plain_definition(line):
    assert _voice_hits(line) == len(_COMMENT_VOICE.findall(_QUOTED.sub(" ", line)))


@given(st.lists(VOICE_PIECES | st.text(max_size=3) | st.sampled_from(["Ⅻ", "²", "٣", "ǅ", "ＡＢＣＤ", "ı", "K", "\u200d", "\ud800"]),
                max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_voice_hits_of_any_unicode_line_match_the_plain_definition(line):
    """A line outside ASCII goes to RE2 read as ASCII words (``engine._WIDE_WORD_CHAR``):
    any code point (letters, digits of other scripts, numerals, joiners, surrogates,
    full-width capitals) keeps Python's word boundaries and count. (Guards that path;
    the plain definition is main's answer.)"""
    assert _voice_hits(line) == len(_COMMENT_VOICE.findall(_QUOTED.sub(" ", line)))


def _keyword_pieces():
    from corpus_clean.boilerplate.rules import load_rules

    keywords = sorted({k for rule, _ in load_rules().keyword_rules for k in rule.keywords})
    return st.one_of(st.sampled_from(keywords), st.sampled_from(keywords).map(str.upper),
                     st.sampled_from(list("aZ é\nİ\ud800ßΣ:/") + ["İstanbul", "co", "okie"]))


@given(st.lists(st.lists(st.deferred(_keyword_pieces), max_size=8).map("".join), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None)
def test_keyword_bits_match_a_search_of_each_lower_cased_line(lines):
    """One pass over the batch's bytes finds, per line, exactly the keywords its
    lower-cased text holds (lines with "İ", lone surrogates, newlines of their own)."""
    from corpus_clean.boilerplate.rules import load_rules

    rules = load_rules()
    want = [sum(1 << k for k, (rule, _) in enumerate(rules.keyword_rules)
                if any(keyword in line.lower() for keyword in rule.keywords)) for line in lines]
    assert rules.keyword_bits_of_many(lines) == want


def test_lower_casing_makes_no_newline():
    """What keyword_bits_of_many relies on to find each hit's line."""
    assert [cp for cp in range(0x110000) if "\n" in chr(cp).lower()] == [10]


# Characters from every range the letter table covers and beyond it: letters, marks,
# digits, symbols, CJK, emoji, the last code points.
WORD_CHARS = st.one_of(st.characters(max_codepoint=0x3200, exclude_categories=("Cs",)),
                       st.characters(min_codepoint=0x3100, exclude_categories=("Cs",)),
                       st.sampled_from(list("aZ09_#…日本\u0301\U0001F600\U00020000\U000E0100\U0010FFFD")))


@given(st.lists(st.lists(WORD_CHARS, max_size=6).map("".join), max_size=30), st.integers(0, 3))
@settings(max_examples=150, deadline=None)
def test_holds_a_letter_matches_re2(words, offset):
    """Each character's learnt verdict gives what RE2's \\pL search gives, on slices too."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from corpus_clean.words import holds_a_letter

    array = pa.array(["x"] * offset + words, pa.string()).slice(offset)
    want = pc.match_substring_regex(array, r"\pL").to_numpy(zero_copy_only=False)
    assert holds_a_letter(array).tolist() == want.tolist()


def test_ascii_words_kernel_reads_every_code_point_as_its_twin():
    """``engine.ascii_words`` in C (``Py_UNICODE_ISALNUM``) against its twin (Python re's
    ``\\w``) over every code point, surrogates included: the same ASCII line. (Fails on
    main: no ``ascii_words``.)"""
    from corpus_clean import native
    from corpus_clean.boilerplate.engine import ascii_words

    every = "".join(map(chr, range(0x110000)))
    got = ascii_words(every)
    with native.twins_only():
        want = ascii_words(every)
    assert got == want and got.isascii() and len(got) == len(every)
    assert got[:128] == every[:128]


@given(st.lists(st.integers(1, 0x10FFFF), min_size=1, max_size=12),
       st.lists(st.one_of(st.integers(0, 0x10FFFF), st.sampled_from([0, 1, ord(":"), ord("»"), 0xFF1F, 0x10FFFF])),
                max_size=60),
       st.sampled_from([np.uint32, np.int64]))
@settings(max_examples=300, deadline=None)
def test_code_set_is_isin(codes, cps, dtype):
    """``CodeSet.of`` answers ``np.isin`` for any code points, the set's edges, the
    code points past its largest and 0 (a blank line's last character) included.
    Fails on main: no ``CodeSet`` (the rule-side steps called ``np.isin`` per page)."""
    from corpus_clean.boilerplate.features import CodeSet

    arr = np.array(cps + codes + [max(codes) + 1], dtype=dtype)
    assert CodeSet(codes).of(arr).tolist() == np.isin(arr, codes).tolist()


def test_code_set_refuses_zero():
    """0 stands for "no last character": a set holding it would answer for blank lines."""
    import pytest

    from corpus_clean.boilerplate.features import CodeSet

    with pytest.raises(ValueError):
        CodeSet([0, 58])

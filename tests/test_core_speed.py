"""The core's faster formulations against the plain ones they replace (round 6).

Each fast path must give exactly what its reference gives, on generated inputs built
to hit its edges (word boundaries, quotes, capitals, apostrophes, non-ASCII letters).
"""
from __future__ import annotations

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
@settings(max_examples=500, deadline=None)
def test_literal_first_voice_pattern_finds_the_same_matches(line):
    """Same matches, same order: the count and every later match depend on them."""
    assert _COMMENT_VOICE_SCAN.findall(line) == _COMMENT_VOICE.findall(line)


@given(LINES)
@settings(max_examples=300, deadline=None)
def test_voice_hits_match_the_plain_definition(line):
    assert _voice_hits(line) == len(_COMMENT_VOICE.findall(_QUOTED.sub(" ", line)))

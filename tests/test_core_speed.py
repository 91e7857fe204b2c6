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


# JSONL records whose fields may hold anything JSON can escape, lone surrogates included,
# written with and without ASCII escapes and as bytes that are not all UTF-8.
FIELD_TEXT = st.lists(st.sampled_from(list("ab é’\\\"u\n") + ["\ud800", "\udfff", "\ud83d\ude00", "😀"]),
                      max_size=12).map("".join)
RECORDS = st.dictionaries(st.one_of(st.sampled_from(["text", "title", "url", "id", "site"]), FIELD_TEXT),
                          st.one_of(FIELD_TEXT, st.integers(), st.none()), max_size=4)


@given(RECORDS, st.booleans(), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
@settings(max_examples=300, deadline=None)
def test_jsonl_documents_match_the_field_by_field_surrogate_check(record, ascii_only, encoding):
    """The surrogate check skipped on lines that cannot make one gives the same Document
    as checking every field."""
    import json

    from corpus_clean.readers import decode_bytes, jsonl_document, record_document

    # (surrogates written as they are: bytes no UTF decoder accepts, so other decodings run)
    line = json.dumps(record, ensure_ascii=ascii_only).encode(encoding, "replace" if encoding == "cp1252" else "surrogatepass")
    decoded = decode_bytes(line)
    got = jsonl_document("a.jsonl", 0, line, decoded)
    try:
        parsed = json.loads(decoded.text)
    except ValueError:
        return  # (malformed: no record to check)
    assert got == record_document("a.jsonl", 0, line, decoded, parsed, may_hold_surrogates=True)

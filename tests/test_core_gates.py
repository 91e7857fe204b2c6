"""The core's cheap gates give what the full work they skip would give (round 9 of the
core's speed work): a JSONL record's lone-surrogate scan skipped when its line holds no
surrogate escape, and the date-line candidates found over a batch's arrays."""
from __future__ import annotations

import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate import batch as batched
from corpus_clean.boilerplate.dates import may_be_date_lines
from corpus_clean.readers import decode_bytes, jsonl_record, record_document

# Field values with the characters that matter here: surrogates (lone or paired),
# backslashes, "u", hex digits, and ordinary text.
_PIECES = st.sampled_from(["\ud800", "\udfff", "\ud83d\ude00", "\\", "u", "d", "D8", "é", "\u2028", "text ", "\n"])
_VALUES = st.lists(_PIECES, max_size=6).map("".join)


@given(fields=st.dictionaries(st.sampled_from(["text", "title", "url", "id", "x\udc80", "site"]),
                              st.one_of(_VALUES, st.integers(), st.none()), min_size=1, max_size=4),
       ascii_escapes=st.booleans())
def test_a_jsonl_record_is_the_one_the_full_surrogate_scan_gives(fields, ascii_escapes):
    """The gate (``_SURROGATE_ESCAPE`` on the line) skips the per-field scan only where it
    would find nothing: the Document is the one ``record_document`` makes scanning every field."""
    try:
        line = json.dumps(fields, ensure_ascii=ascii_escapes).encode("utf-8")
    except UnicodeEncodeError:  # a raw lone surrogate has no UTF-8: no JSONL line holds one
        return
    gated = jsonl_record("a.jsonl", 0, line)
    decoded = decode_bytes(line)
    full = record_document("a.jsonl", 0, line, decoded, json.loads(decoded.text), may_hold_surrogates=True)
    assert gated == full


def test_a_surrogate_escape_in_any_case_is_still_quarantined():
    for escape in ("\\udfff", "\\uDFFF", "\\uD83D", "\\ud800"):
        doc = jsonl_record("a.jsonl", 0, ('{"text": "ok ' + escape + '"}').encode())
        assert doc.problems and "lone surrogate" in doc.problems[0][1], escape
    assert not jsonl_record("a.jsonl", 0, b'{"text": "ok \\ud83d\\ude00 \\u00e9"}').problems  # a pair is a character


@given(texts=st.lists(st.lists(st.sampled_from(
    ["Published 8 okt 2026 kl 06.00", "March 3, 2024", "", "The council will vote on 12 March 2026.",
     "A long enough sentence of twelve words is prose by this rule here.", "Menu", "15/04/2026", "Stage 1: 10 March"]),
    min_size=1, max_size=12).map("\n".join).filter(str.strip), min_size=1, max_size=6))
def test_the_batch_date_line_candidates_are_each_documents_own(texts):
    """``may_be_date_lines`` over a batch's flat arrays picks, per document, the lines it
    picks over that document's own arrays (``mark_date_lines`` without candidates)."""
    batch = batched.Batch.of(texts)
    s = batch.stats
    rows = np.flatnonzero(may_be_date_lines(s.n_digit, s.n_words, batch.blank, batch.in_head, batch.in_tail))
    by_doc = dict(batch.rows_by_doc(rows))
    for d, ctx in enumerate(batch.ctxs):
        own = np.flatnonzero(may_be_date_lines(ctx.stats.n_digit, ctx.stats.n_words, ctx.blank,
                                               np.array(ctx.in_head_list), np.array(ctx.in_tail_list))).tolist()
        assert by_doc.get(d, []) == own

"""Fuzzing (hypothesis) the readers and `filter_lines` on random bytes and random JSON:
no crash, and every input record is accounted for."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean.cli import filter_lines
from corpus_clean.readers import InputFile, Skipped, decode_bytes, read_file

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.one_of(
    st.fixed_dictionaries({"id": st.integers() | st.text(max_size=10), "text": st.text(max_size=400)}),
    st.fixed_dictionaries({"id": st.text(max_size=10), "html": st.text(max_size=400)}),
    json_values,
)


@FUZZ
@given(st.binary(max_size=3000))
def test_decode_bytes_never_raises(data):
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str) and decoded.encoding


@FUZZ
@given(st.lists(st.binary(max_size=300).filter(lambda b: b"\n" not in b and b"\r" not in b), max_size=12))
def test_jsonl_reader_accounts_for_every_line(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + (b"\n" if lines else b""))
    items = list(read_file(InputFile(str(path), "fuzz.jsonl", path.stat().st_size)))
    if not lines:
        assert len(items) == 1 and isinstance(items[0], Skipped)
    else:
        assert len(items) == len(lines)


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.html", "x.parquet", "x.jsonl.gz"]))
def test_any_file_yields_documents_or_reasons(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_file(InputFile(str(path), name, len(data))))
    assert items, "a file must never vanish without an entry"
    for item in items:
        assert isinstance(item, Skipped) and item.reason or item.raw_text is not None


@FUZZ
@given(st.lists(records, max_size=6), st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b), max_size=3))
def test_filter_answers_every_line_in_order(json_records, junk):
    lines = [json.dumps(r).encode() for r in json_records] + junk
    out = list(filter_lines(lines, ("mojibake", "boilerplate")))
    assert len(out) == len(lines)
    for line, result in zip(lines, out):
        assert "error" in result or "text" in result
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and "id" in record:
            assert result["id"] == record["id"]

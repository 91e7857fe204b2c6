"""Fuzzing (hypothesis) the decoder, the readers and `filter_lines` on random bytes and
random JSON. Each property is a claim about behaviour that a wrong implementation
breaks: decoding is lossless unless it says otherwise, every line maps to its own
record with its raw bytes, and the filter answers each line with the right id and
the right kind of answer."""
from __future__ import annotations

import codecs
import hashlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import filter_lines
from corpus_clean.readers import MAX_RECORD_CHARS, InputFile, Skipped, Unreadable, decode_bytes, read_file

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.one_of(
    st.fixed_dictionaries({"id": st.integers() | st.text(max_size=10), "text": st.text(max_size=400)}),
    st.fixed_dictionaries({"text": st.text(max_size=400)}),  # no id: answered with the line number
    st.fixed_dictionaries({"id": st.text(max_size=10), "html": st.text(max_size=400)}),
    json_values,
)
latin_text = st.text(st.characters(min_codepoint=32, max_codepoint=0x17F, blacklist_categories=("Cs",)), min_size=2, max_size=300)


@FUZZ
@given(latin_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
def test_text_encoded_in_a_unicode_encoding_decodes_back_exactly(text, encoding):
    """With or without a BOM (UTF-16 without one: detected from the NUL pattern)."""
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be") and sum(ch < "\u0100" for ch in text) < 0.9 * len(text):
        return  # mostly beyond Latin-1: no NUL pattern to detect, out of this claim
    decoded = decode_bytes(data)
    assert decoded.text == text and not decoded.problem


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_decode_losslessly_or_say_where_they_broke(data):
    decoded = decode_bytes(data)
    if decoded.problem:
        assert "byte" in decoded.problem  # names the offset of the first bad byte
    elif decoded.encoding == "utf-8":
        assert decoded.text.encode("utf-8") == data.removeprefix(codecs.BOM_UTF8)
    else:
        assert decoded.text == data.decode(decoded.encoding)  # strict: no byte replaced or dropped


@FUZZ
@given(st.lists(st.binary(max_size=300).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")), min_size=1,
                max_size=12),
       st.sampled_from([b"\n", b"\r", b"\r\n"]))
def test_jsonl_reader_gives_each_line_its_own_record_with_its_raw_bytes(tmp_path, lines, newline):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(newline.join(lines) + newline)
    items = list(read_file(InputFile(str(path), "fuzz.jsonl", path.stat().st_size)))
    if b"\x00" in b"".join(lines):
        return  # NUL bytes can make a stream look like UTF-16: covered by the decoding tests
    assert [item.record_index for item in items] == list(range(len(lines)))
    for item, line in zip(items, lines):
        if isinstance(item, Skipped):
            assert not line.strip() and item.reason == f"blank line {item.record_index + 1}"
        else:
            assert item.raw_sha256 == hashlib.sha256(line).hexdigest()
            assert item.problems or item.html is not None or json.loads(decode_bytes(line).text)["text"] == item.raw_text


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.html", "x.parquet", "x.jsonl.gz"]))
def test_any_bytes_in_any_supported_file_give_records_or_reasons(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_file(InputFile(str(path), name, len(data))))
    assert items, "a file must never vanish without an entry"
    for item in items:
        if isinstance(item, (Skipped, Unreadable)):
            assert item.reason
        elif name == "x.txt":
            assert item.raw_sha256 == hashlib.sha256(data).hexdigest()  # the whole file is the record
    if name == "x.parquet":  # random bytes are never a Parquet file
        assert [type(item) for item in items] == [Skipped] and "unreadable Parquet" in items[0].reason


@FUZZ
@given(st.lists(records, max_size=6), st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b), max_size=3))
def test_filter_answers_every_line_in_order_with_its_id_and_the_right_answer(json_records, junk):
    lines = [json.dumps(r).encode() for r in json_records] + junk
    out = list(filter_lines(lines, ("mojibake", "boilerplate")))
    assert [answer["line"] for answer in out] == list(range(1, len(lines) + 1))
    for number, (line, answer) in enumerate(zip(lines, out), start=1):
        try:
            record = json.loads(decode_bytes(line).text)
        except ValueError:
            assert answer["id"] == number and "error" in answer
            continue
        has_id = isinstance(record, dict) and "id" in record
        assert answer["id"] == (record["id"] if has_id else number)
        usable = isinstance(record, dict) and (
            isinstance(record.get("text"), str) or isinstance(record.get("html"), str))
        surrogate = usable and any(isinstance(record.get(key), str) and any("\ud800" <= ch <= "\udfff" for ch in record[key])
                                   for key in ("text", "html", "title"))
        if not line.strip() or not usable or surrogate:
            assert "error" in answer and "text" not in answer
        elif len(record.get("text") or "") <= MAX_RECORD_CHARS:
            assert "text" in answer and "error" not in answer, answer

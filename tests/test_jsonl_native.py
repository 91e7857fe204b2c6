"""The compiled reader of plain JSONL records (corpus_clean/_jsonl_native.c) gives the dict
json.loads gives, or leaves the line to the general reader; either way a line becomes the
same Document, accepted or quarantined with the same reason, as without it."""
from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.readers import decode_bytes, jsonl_record, plain_text_record

_jsonl_native = pytest.importorskip("corpus_clean._jsonl_native")
plain_record = _jsonl_native.plain_record


def general_way(line: bytes):
    """What json.loads makes of the line as decode_bytes reads it: the dict, or the error's type."""
    decoded = decode_bytes(line)
    if decoded.encoding != "utf-8" or decoded.problem:
        return "not utf-8"
    try:
        return json.loads(decoded.text)
    except (ValueError, RecursionError) as error:
        return type(error)


def assert_read_alike(line: bytes) -> None:
    """plain_record answers json.loads's dict (same items in the same order) or None."""
    got = plain_record(line)
    if got is None:
        return
    want = general_way(line)
    assert isinstance(want, dict), (line, want)
    assert list(got.items()) == list(want.items()), line
    assert [type(v) for v in got.values()] == [type(v) for v in want.values()], line


def document_fields(doc) -> dict:
    return dataclasses.asdict(doc) if not isinstance(doc, tuple) else doc


def assert_same_document(line: bytes) -> None:
    """jsonl_record with and without the compiled reader: the same Document (or Skipped)."""
    got = jsonl_record("a.jsonl", 3, line)
    with native.twins_only():
        want = jsonl_record("a.jsonl", 3, line)
    assert type(got) is type(want)
    assert document_fields(got) == document_fields(want), line


# Values and keys that reach every branch: escapes of every kind (surrogates too), control
# characters, non-ASCII and astral text, numbers at and past the integer limit, floats,
# literals, nested values, NaN.
JSON_STRINGS = st.text() | st.sampled_from(["", "text", "title", "id", "url", "caf\u00e9", "\U0001F600", "a\"b",
                                             "back\\slash", "tab\there", "nul\x00", "\u2028", "\ud800", "\udfff"])
VALUES = (JSON_STRINGS | st.integers(min_value=-10**20, max_value=10**20) | st.floats(allow_nan=True)
          | st.booleans() | st.none() | st.lists(st.integers(), max_size=2) | st.dictionaries(st.text(max_size=3),
                                                                                                 st.integers(), max_size=2))
RECORDS = st.dictionaries(JSON_STRINGS, VALUES, max_size=6)


def dumped(record: dict, ensure_ascii: bool, spaces: bool) -> bytes:
    text = json.dumps(record, ensure_ascii=ensure_ascii, separators=(", ", ": ") if spaces else (",", ":"))
    return text.encode("utf-8", "surrogatepass")


@given(RECORDS, st.booleans(), st.booleans(), st.data())
@settings(max_examples=600, deadline=None)
def test_plain_record_agrees_with_json_loads_on_generated_records(record, ensure_ascii, spaces, data):
    if data.draw(st.booleans()):
        record = {"text": data.draw(JSON_STRINGS), **record}
    line = dumped(record, ensure_ascii, spaces)
    assert_read_alike(line)
    assert_same_document(line)


@given(st.binary(max_size=60) | st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))
@settings(max_examples=600, deadline=None)
def test_plain_record_on_any_bytes(line):
    assert_read_alike(line)
    assert_same_document(line)


@given(RECORDS, st.integers(min_value=0, max_value=200), st.binary(min_size=1, max_size=3))
@settings(max_examples=400, deadline=None)
def test_plain_record_on_damaged_records(record, at, bytes_in):
    """Fault injection: bytes put into, or cut out of, a valid record's line."""
    line = dumped({"text": "The pier reopened.", **record}, False, True)
    at = at % (len(line) + 1)
    for damaged in (line[:at] + bytes_in + line[at:], line[:at] + line[at + len(bytes_in):]):
        assert_read_alike(damaged)
        assert_same_document(damaged)


@pytest.mark.parametrize("line", [
    b'{"text": "hi"}', b'  {"text" : "hi" }  ', b'\t{"text":"hi"}\r', b'{}', b'{"text": "a", "text": "b"}',
    b'{"id": 12, "text": "x", "id": "y"}', b'{"text": "\\u00e9\\u20ac\\u0000\\"\\\\\\/\\b\\f\\n\\r\\t"}',
    b'{"te\\u0078t": "key escaped"}', b'{"text": "x", "n": -0, "m": 0, "big": 999999999999999999}',
    b'{"text": "x", "big": 1000000000000000000}', b'{"text": "x", "n": 01}', b'{"text": "x", "n": 1.0}',
    b'{"text": "x", "n": 1e3}', b'{"text": "x", "n": -}', b'{"text": "x", "n": NaN}', b'{"text": "x", "n": Infinity}',
    b'{"text": "x", "n": -Infinity}', b'{"text": "x", "ok": true, "no": false, "none": null}',
    b'{"text": "x", "ok": tru}', b'{"text": "x", "ok": truex}', b'{"text": "x",}', b'{"text": "x"} {}',
    b'{"text": "x"}x', b'{"text": "\\ud83d\\ude00"}', b'{"text": "\\udfff"}', b'{"text": "\\ud800 alone"}',
    b'{"text": "\\x41"}', b'{"text": "\\u12"}', b'{"text": "\\u12G4"}', b'{"text": "tab\there"}',
    b'{"text": "caf\xc3\xa9"}', b'{"text": "caf\xe9"}', b'{"text": "\xed\xa0\x80"}', b'\xef\xbb\xbf{"text": "bom"}',
    b'{"text": "\xf0\x9f\x98\x80 astral"}', b'{"text": "x", "tags": ["a"]}', b'{"text": "x", "o": {}}',
    b'["text"]', b'"text"', b'7', b'null', b'{"text": null}', b'{"html": "<p>x</p>"}', b'{"text": 5}',
    b'{"text": "x", "title": "  Pier  ", "url": "https://x.test", "site": "x", "rank": 3}',
    b'{"text": "unterminated', b'{"text": "x"', b'{"text" "x"}', b'{text: "x"}', b'{"text": "x\\', b'{',
    '{"text": "x", "\u00e9": "\u00e9"}'.encode("utf-16-le"), b'{"text": "' + b"a" * 100_000 + b'"}',
])
def test_plain_record_on_edge_cases(line):
    assert_read_alike(line)
    assert_same_document(line)


def test_which_lines_are_plain():
    """The lines the compiled reader takes: plain records; everything else is left to the
    general reader (None), whatever json.loads would make of it."""
    assert plain_record(b'{"id": 7, "text": "caf\\u00e9\\n", "ok": true, "x": null}') == {
        "id": 7, "text": "café\n", "ok": True, "x": None}
    for line in (b'{"text": 1.5}', b'{"text": "a", "n": NaN}', b'["a"]', b'{"text": "\\udfff"}', b'{"a": [1]}',
                 b'{"n": 12345678901234567890}', b'{"text": "caf\xe9"}', b'\xef\xbb\xbf{}', b'{"text": "a\tb"}'):
        assert plain_record(line) is None, line
    assert plain_text_record(b'{"html": "<p>x</p>"}') is None  # no string "text": the general way
    with pytest.raises(TypeError):
        plain_record("not bytes")


def test_the_compiled_reader_is_off_with_the_twins():
    with native.twins_only():
        assert plain_text_record(b'{"text": "hi"}') is None
    assert plain_text_record(b'{"text": "hi"}') == {"text": "hi"}

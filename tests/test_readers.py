"""Readers: every supported format, and bad input that must never crash or vanish."""
from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_clean.readers import Skipped, decode_bytes, list_input_files, read_file


def read_all(path):
    return [item for file in list_input_files(str(path)) for item in read_file(file)]


def test_reads_every_format_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text document about gardens.\n")
    (tmp_path / "b.jsonl").write_text('{"text": "first"}\n{"text": "second"}\n')
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as handle:
        handle.write('{"text": "zipped"}\n')
    (tmp_path / "d.html").write_text("<html><body><article><p>Hello page</p></article></body></html>")
    pq.write_table(pa.table({"text": ["row zero", "row one"]}), tmp_path / "e.parquet")
    items = read_all(tmp_path)
    assert [(d.source, d.record_index) for d in items] == [
        ("a.txt", 0), ("b.jsonl", 0), ("b.jsonl", 1), ("c.jsonl.gz", 0), ("d.html", 0),
        ("e.parquet", 0), ("e.parquet", 1)]
    assert [d.raw_text for d in items if d.html is None] == [
        "Plain text document about gardens.\n", "first", "second", "zipped", "row zero", "row one"]
    assert "Hello page" in items[4].html
    assert len({d.id for d in items}) == len(items)
    assert all(not d.problems for d in items)


def test_ids_are_stable_across_reads(tmp_path):
    (tmp_path / "b.jsonl").write_text('{"text": "first"}\n{"text": "second"}\n')
    assert [d.id for d in read_all(tmp_path)] == [d.id for d in read_all(tmp_path)]


def test_fsspec_url(tmp_path):
    (tmp_path / "a.txt").write_text("Reached through a file:// URL.")
    [doc] = read_all(f"file://{tmp_path}")
    assert doc.raw_text == "Reached through a file:// URL."


def test_encodings_are_detected_and_recorded():
    assert decode_bytes("Der Bär läuft über die Straße, schön!".encode("cp1252")).encoding == "cp1252"
    utf16 = decode_bytes("Bonjour à tous".encode("utf-16"))
    assert (utf16.text, utf16.encoding) == ("Bonjour à tous", "utf-16")
    assert decode_bytes("привет мир, это тест".encode("cp1251")).text == "привет мир, это тест"


def test_invalid_utf8_is_flagged_not_silently_replaced():
    data = ("A long enough English sentence. " * 60).encode() + b"\xff" + b" tail"
    decoded = decode_bytes(data)
    assert decoded.problem and "offset" in decoded.problem


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "deck.pptx").write_bytes(b"PK\x03\x04")
    items = read_all(tmp_path)
    assert all(isinstance(i, Skipped) for i in items)
    reasons = {i.source: i.reason for i in items}
    assert "unsupported" in reasons["deck.pptx"]
    assert "binary" in reasons["image.txt"]
    assert reasons["empty.txt"] == "empty file"


def test_bad_jsonl_lines_name_file_and_line(tmp_path):
    lines = ['{"text": "good"}', "{broken", '{"title": "no text"}', "[1, 2]", '{"text": 5}', "", '{"html": "<p>x</p>"}']
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all(tmp_path)
    assert len(items) == len(lines)  # every line accounted for
    problems = {i.record_index: i.problems[0][1] for i in items if not isinstance(i, Skipped) and i.problems}
    assert problems[1].startswith("f.jsonl:2: malformed JSON")
    assert problems[2] == 'f.jsonl:3: no string "text" or "html" field (string fields: title)'
    assert problems[4] == 'f.jsonl:5: no string "text" or "html" field ("text" is a number)'
    assert "not an object" in problems[3]
    assert 4 in problems
    assert isinstance(items[5], Skipped) and "blank line 6" in items[5].reason
    assert items[6].html == "<p>x</p>" and not items[6].problems


def test_a_line_the_json_parser_refuses_costs_that_line_only(tmp_path):
    """Python's json raises a plain ValueError (not JSONDecodeError) for an integer of over
    4,300 digits, and RecursionError for deep nesting: the lines after them are still read.
    Since round 12 the huge integer is kept as its digits and its record read; the nesting
    is still that line's problem."""
    lines = [b'{"text": "first"}', b'{"text": "x", "n": ' + b"7" * 5000 + b"}", b"[" * 100_000 + b"]" * 100_000,
             b'{"text": "last"}']
    (tmp_path / "f.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    items = read_all(tmp_path)
    assert [item.record_index for item in items] == [0, 1, 2, 3]
    assert [item.raw_text for item in items][::3] == ["first", "last"] and not items[3].problems
    assert not items[1].problems and items[1].meta == {"n": "7" * 5000}
    assert items[2].problems[0][1].startswith("f.jsonl:3: malformed JSON")


def test_huge_single_line_is_quarantined_not_cleaned(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"word " * 2_500_000)  # 12.5 MB, one line
    [doc] = read_all(tmp_path)
    assert [check for check, _ in doc.problems] == ["record_size"]


def test_nul_bytes_in_text_are_kept_for_repair(tmp_path):
    (tmp_path / "nul.jsonl").write_text(json.dumps({"text": "before\u0000after and more words"}) + "\n")
    [doc] = read_all(tmp_path)
    assert "\x00" in doc.raw_text and not doc.problems


# --- line splitting and encodings (issue 12) ---------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from corpus_clean.readers import sniff_utf16, split_lines  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=20).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")), max_size=8),
       st.lists(st.sampled_from([b"\n", b"\r", b"\r\n"]), min_size=8, max_size=8),
       st.booleans(), st.lists(st.integers(1, 7), min_size=1, max_size=30))
def test_split_lines_splits_at_any_newline_however_the_stream_is_chunked(lines, newlines, final_newline, cuts):
    """CR, LF and CRLF each end a line, also when a CRLF straddles two chunks."""
    stream = b"".join(line + newline for line, newline in zip(lines, newlines))
    if not final_newline and lines:
        stream = stream[: -len(newlines[len(lines) - 1])]
    chunks, at = [], 0
    for cut in cuts * (len(stream) // max(sum(cuts), 1) + 1):
        chunks.append(stream[at:at + cut])
        at += cut
    # What splitting the whole stream at once gives ("\r" + "" + "\n" is one CRLF).
    expected = re.split(rb"\r\n|\r|\n", stream)
    if expected[-1] == b"":
        expected.pop()
    if all(lines):
        assert expected == lines
    assert list(split_lines(chunks)) == expected
    assert list(split_lines([stream.decode("latin-1")])) == [line.decode("latin-1") for line in expected]


def test_utf16_sniffing_needs_the_nul_pattern_and_a_clean_decode():
    text = "Ein Bär läuft über die Straße. " * 4
    assert sniff_utf16(text.encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16(text.encode("utf-16-be")) == "utf-16-be"
    assert sniff_utf16(text.encode("utf-8")) is None
    assert sniff_utf16(text.encode("utf-16-le")[:-1]) is None          # odd length: not UTF-16
    assert sniff_utf16(b"A\x00" * 39 + b"\x00\xd8") is None           # NUL pattern, but a lone surrogate
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_every_entry_of_the_tree_is_listed_once(tmp_path):
    import os

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.jsonl").write_text('{"text": "x"}\n')
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "again")   # loop
    os.link(tmp_path / "sub" / "a.jsonl", tmp_path / "hard.jsonl")  # a hard link is the same file
    listed = {f.source: f.skip_reason for f in list_input_files(str(tmp_path))}
    assert listed == {"hard.jsonl": None, "sub/a.jsonl": "same file as 'hard.jsonl', read there",
                      "sub/again": "symlink loop: points back to folder 'sub'"}


def test_parquet_bytes_that_are_not_utf8_cost_their_row_only(tmp_path):
    table = pa.table({"text": pa.array([b"caf\xc3\xa9 ok", b"bad \xff byte", None], type=pa.binary())})
    pq.write_table(table, tmp_path / "b.parquet")
    docs = read_all(tmp_path)
    assert [(d.raw_text, [detail for _, detail in d.problems]) for d in docs] == [
        ("café ok", []),
        ("bad \ufffd byte", ["b.parquet: row 1: invalid UTF-8 byte at offset 4"]),
        ("", ["b.parquet: row 2 has null text"])]

"""Readers: compressed text formats and `.json` files in their three shapes.

Corpora ship as `.jsonl.zst`, `.jsonl.gz`, `.txt.xz` and as `.json` files that are JSON
Lines, one array of records, or one pretty-printed record. Each must give the records a
plain `.jsonl` would, and what cannot be read must say why (never vanish).
"""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random

import pyarrow as pa
import pyarrow.parquet as pq
from backports import zstd
from hypothesis import given
from hypothesis import strategies as st

from corpus_clean import readers
from corpus_clean.document import Document
from corpus_clean.readers import Skipped, file_format, list_input_files, read_file
from corpus_clean.shards import UnreadLine

COMPRESSORS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
               ".zst": zstd.compress}


def read_all(path):
    return [item for file in list_input_files(str(path)) for item in read_file(file)]


def essentials(items):
    """What a reader made of each record, whatever the file's name or shape."""
    return [(type(i).__name__, getattr(i, "raw_text", None), getattr(i, "html", None), getattr(i, "title", None),
             getattr(i, "url", None), [kind for kind, _ in getattr(i, "problems", [])]) for i in items]


RECORDS = [{"text": "A first story about the harbour.", "url": "https://example.test/1"},
           {"text": "Second story: the ferry timetable changes.", "title": "Ferries"},
           {"html": "<html><body><p>An HTML record.</p></body></html>"}]
JSONL = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode()


def test_every_compression_of_every_text_format_reads_like_the_plain_file(tmp_path):
    plain = {"a.jsonl": JSONL, "b.txt": "Plain words, café.\n".encode(),
             "c.html": b"<html><body><article><p>Hello page</p></article></body></html>", "d.json": JSONL}
    for name, data in plain.items():
        (tmp_path / "plain" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "plain" / name).write_bytes(data)
    expected = essentials(read_all(tmp_path / "plain"))
    assert expected[0][1] == RECORDS[0]["text"] and len(expected) == 3 + 1 + 1 + 3
    for suffix, compress in COMPRESSORS.items():
        folder = tmp_path / suffix.strip(".")
        folder.mkdir()
        for name, data in plain.items():
            (folder / (name + suffix)).write_bytes(compress(data))
        assert essentials(read_all(folder)) == expected, suffix


def test_a_file_named_compressed_but_stored_plain_reads_like_the_plain_file(tmp_path):
    plain = {"a.jsonl": JSONL, "b.txt": "Plain words, café.\n".encode(),
             "c.html": b"<html><body><article><p>Hello page</p></article></body></html>"}
    for name, data in plain.items():
        (tmp_path / "plain").mkdir(exist_ok=True)
        (tmp_path / "plain" / name).write_bytes(data)
    expected = essentials(read_all(tmp_path / "plain"))
    for suffix in COMPRESSORS:
        folder = tmp_path / ("named" + suffix.replace(".", "_"))
        folder.mkdir()
        for name, data in plain.items():
            (folder / (name + suffix)).write_bytes(data)  # (not compressed)
        assert essentials(read_all(folder)) == expected, suffix


def test_a_damaged_compressed_stream_keeps_what_came_before_and_says_where(tmp_path):
    words = random.Random(5).choices(["harbour", "ferry", "tide", "quay", "gull", "net", "rope"], k=120_000)
    lines = b"".join(json.dumps({"text": f"{i} " + " ".join(words[i * 20:i * 20 + 20])}).encode() + b"\n"
                     for i in range(6000))
    for suffix, compress in COMPRESSORS.items():
        data = compress(lines)
        (tmp_path / f"cut.jsonl{suffix}").write_bytes(data[: len(data) * 3 // 4])
    for file in list_input_files(str(tmp_path)):
        items = list(read_file(file))
        docs = [i for i in items if isinstance(i, Document)]
        # The records before the cut are kept (the last one may be a cut line), the
        # cut is named; never a clean-looking short file.
        assert all(d.raw_text.startswith(f"{d.record_index} ") for d in docs[:-1]), file.source
        assert isinstance(items[-1], readers.Unreadable), file.source
        assert "unreadable after line" in items[-1].reason and len(docs) < 6000


def test_json_array_single_record_and_json_lines_give_the_same_records(tmp_path):
    (tmp_path / "lines.json").write_bytes(JSONL)
    (tmp_path / "array.json").write_text(json.dumps(RECORDS, indent=2))
    (tmp_path / "one.json").write_text(json.dumps(RECORDS[1], indent=2))
    by_file = {}
    for file in list_input_files(str(tmp_path)):
        by_file[file.source] = essentials(read_file(file))
    assert by_file["array.json"] == by_file["lines.json"] == essentials(read_all_jsonl(tmp_path, JSONL))
    assert by_file["one.json"] == by_file["lines.json"][1:2]


def read_all_jsonl(tmp_path, data):
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "r.jsonl").write_bytes(data)
    return read_all(folder)


def test_bad_json_documents_say_why_and_lose_nothing(tmp_path, monkeypatch):
    (tmp_path / "broken.json").write_text('[{"text": "one"},\n{"text": "two"\n')
    (tmp_path / "empty.json").write_text("[]")
    (tmp_path / "values.json").write_text('[{"text": "kept"}, 7, ["x"]]')
    (tmp_path / "big.json").write_text(json.dumps([{"text": "w " * 100}] * 10))
    monkeypatch.setattr(readers, "MAX_JSON_DOCUMENT_BYTES", 1000)
    items = {}
    for file in list_input_files(str(tmp_path)):
        items[file.source] = list(read_file(file))
    # A damaged array: the record that parses is read, the damaged stretch is one
    # record with its problem named and its raw text kept (round 18; before, every line
    # of the array was quarantined, the intact record with it).
    assert [d.raw_text for d in items["broken.json"]] == ["one", '{"text": "two"']
    assert [bool(d.problems) for d in items["broken.json"]] == [False, True]
    assert isinstance(items["empty.json"][0], Skipped) and "empty JSON array" in items["empty.json"][0].reason
    kept, seven, listed = items["values.json"]
    assert kept.raw_text == "kept" and not kept.problems
    assert "not an object" in seven.problems[0][1] and "not an object" in listed.problems[0][1]
    (big,) = items["big.json"]
    assert isinstance(big, Skipped) and "JSON Lines" in big.reason


def test_a_json_array_reaches_the_shard_reader_as_documents(tmp_path):
    """The shard reader leaves JSONL lines unparsed; a JSON array's records come parsed."""
    (tmp_path / "array.json").write_text(json.dumps(RECORDS))
    (tmp_path / "lines.json").write_bytes(JSONL)
    (array_file, lines_file) = list_input_files(str(tmp_path))
    assert all(isinstance(i, Document) for i in read_file(array_file, jsonl_line=UnreadLine))
    assert all(isinstance(i, UnreadLine) for i in read_file(lines_file, jsonl_line=UnreadLine))


def test_file_formats_by_name():
    assert file_format("x/Y.JSONL.ZST") == "jsonl" and file_format("a.ndjson.bz2") == "jsonl"
    assert file_format("a.txt.xz") == "text" and file_format("a.htm.gz") == "html"
    assert file_format("a.json.gz") == "json" and file_format("a.parquet") == "parquet"
    for unsupported in ("a.parquet.gz", "a.md", "a.gz", "archive.zip", "a.jsonl.7z"):
        assert file_format(unsupported) is None, unsupported


def test_compressed_parquet_is_skipped_with_the_reason(tmp_path):
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table({"text": ["row"]}), sink)
    (tmp_path / "rows.parquet.gz").write_bytes(gzip.compress(sink.getvalue().to_pybytes()))
    (item,) = read_all(tmp_path)
    assert isinstance(item, Skipped) and "unsupported file type" in item.reason and ".zst" in item.reason


record = st.fixed_dictionaries(
    {"text": st.text(min_size=0, max_size=40)},
    optional={"title": st.text(max_size=10), "url": st.text(max_size=10), "id": st.integers(),
              "site": st.text(max_size=5)})


@given(st.lists(st.one_of(record, st.integers(), st.none()), min_size=1, max_size=8))
def test_any_json_array_reads_as_its_records_written_as_json_lines(records):
    """Property: a `.json` array and the same records as JSON Lines give equal records."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "a.json").write_text(json.dumps(records), encoding="utf-8")
        (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        array_items, line_items = ([i for i in read_file(f)] for f in list_input_files(str(folder)))
    assert essentials(array_items) == essentials(line_items)
    assert [getattr(i, "meta", None) for i in array_items] == [getattr(i, "meta", None) for i in line_items]


TEXTS = ["A story about the harbour wall.", "Ferries run twice a day in summer.", "A story about the harbour wall."]


def test_parquet_from_every_writer_and_string_encoding_reads_the_same(tmp_path):
    """Categorical (dictionary) columns from pandas, string views, large strings, polars'
    and DuckDB's files: the same records and caller fields as a plain string column."""
    import duckdb
    import pandas as pd
    import polars as pl

    site = ["north", "south", "north"]
    writers = {
        "plain": lambda p: pq.write_table(pa.table({"text": TEXTS, "site": site}), p),
        "dictionary": lambda p: pq.write_table(pa.table({"text": pa.array(TEXTS).dictionary_encode(),
                                                         "site": pa.array(site).dictionary_encode()}), p),
        "string-view": lambda p: pq.write_table(pa.table({"text": pa.array(TEXTS, pa.string_view()),
                                                          "site": pa.array(site, pa.string_view())}), p),
        "large-string": lambda p: pq.write_table(pa.table({"text": pa.array(TEXTS, pa.large_string()),
                                                           "site": site}), p),
        "pandas-categorical": lambda p: pd.DataFrame({"text": pd.Categorical(TEXTS),
                                                      "site": pd.Categorical(site)}).to_parquet(p),
        "polars": lambda p: pl.DataFrame({"text": TEXTS, "site": site}).write_parquet(p),
        "duckdb": lambda p: duckdb.connect().sql("select * from (values " + ", ".join(  # own connection:
            f"('{t}', '{s}')" for t, s in zip(TEXTS, site)) + ") v(text, site)").write_parquet(str(p)),  # not the shared default
    }
    read = {}
    for name, write in writers.items():
        path = tmp_path / f"{name}.parquet"
        write(path)
        read[name] = [(d.raw_text, d.meta, d.problems) for d in read_file(str(path))]
    expected = [(text, {"site": s}, []) for text, s in zip(TEXTS, site)]
    assert {name: rows for name, rows in read.items() if rows != expected} == {}


def test_pretty_printed_records_back_to_back_read_as_their_records(tmp_path):
    """What ``jq '.[]' in.json > out.jsonl`` writes without ``-c``: records spread over
    lines, one after another. Line by line every line would be broken JSON; read as JSON
    documents, each record is a Document as its JSON Lines twin gives it."""
    pretty = "".join(json.dumps(r, indent=2) + "\n" for r in RECORDS)
    (tmp_path / "pretty.jsonl").write_text(pretty)
    (tmp_path / "pretty.json").write_text(pretty)
    (tmp_path / "array_on_one_line.jsonl").write_text(json.dumps(RECORDS) + "\n")
    expected = essentials(read_all_jsonl(tmp_path, JSONL))
    for file in list_input_files(str(tmp_path)):
        if file.source.startswith(("pretty", "array")):
            assert essentials(read_file(file)) == expected, file.source


def test_a_jsonl_file_whose_first_line_is_broken_stays_line_by_line(tmp_path):
    """Only a first line that is ``{`` alone (or ``[``) makes a `.jsonl` file JSON
    documents: a cut first record is that line's problem, the next lines are records."""
    (tmp_path / "cut.jsonl").write_text('{"text": "cut sh\n{"text": "whole"}\n')
    first, second = read_all(tmp_path)
    assert first.problems and first.raw_text == '{"text": "cut sh'
    assert second.raw_text == "whole" and not second.problems


@given(st.lists(record, min_size=1, max_size=6), st.sampled_from([2, 4, "\t"]))
def test_any_pretty_printed_jsonl_reads_as_its_json_lines(records, indent):
    """Property: records pretty-printed back to back in a `.jsonl` file and the same
    records as JSON Lines give equal records."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "a.jsonl").write_text("".join(json.dumps(r, indent=indent) + "\n" for r in records), encoding="utf-8")
        (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        pretty_items, line_items = ([i for i in read_file(f)] for f in list_input_files(str(folder)))
    assert essentials(pretty_items) == essentials(line_items)

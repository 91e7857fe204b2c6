"""A big JSONL file is cleaned in pieces (``shards.split_big_files``): the pieces read
the file's records with their ids, in order, whatever the line endings; a run over
pieces gives the same rows and per-file counts as one over the whole file, dedup
included, and an appended file is still recognised and cleaned again. A compressed
one is cut in its decompressed stream, read in order from one decompressing stream."""
from __future__ import annotations

import bz2
import glob
import gzip
import json
import lzma
import random
from dataclasses import replace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import readers, shards
from corpus_clean.readers import InputFile, Skipped, Unreadable, read_file
from corpus_clean.shards import line_pieces, merge_split_files, plan_shards
from tests.test_dedup import article

LINE_KINDS = st.sampled_from(["json", "json", "json", "blank", "malformed", "latin1", "unicode"])
ENDINGS = st.sampled_from([b"\n", b"\n", b"\r\n", b"\r"])


def _line(kind: str, k: int) -> bytes:
    if kind == "blank":
        return b"  "
    if kind == "malformed":
        return b'{"text": "cut off'
    if kind == "latin1":
        return json.dumps({"text": f"caf\u00e9 {k}"}, ensure_ascii=False).encode("latin-1")
    if kind == "unicode":
        return json.dumps({"text": f"\u00e9t\u00e9 \u2014 {k} \U0001F600"}, ensure_ascii=False).encode()
    return json.dumps({"id": f"r{k}", "text": f"Record {k}. " * (1 + k % 7)}).encode()


def _records(file: InputFile) -> list[tuple]:
    found = []
    for item in read_file(file):
        if isinstance(item, (Skipped, Unreadable)):
            found.append((type(item).__name__, item.reason))
        else:
            found.append((item.id, item.record_index, item.raw_sha256, item.raw_text, tuple(item.problems)))
    return found


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(st.tuples(LINE_KINDS, ENDINGS), min_size=1, max_size=40), last_ending=st.booleans(),
       piece_bytes=st.integers(1, 400), block_bytes=st.integers(1, 64))
def test_pieces_read_the_records_of_the_whole_file(lines, last_ending, piece_bytes, block_bytes, tmp_path_factory):
    data = b"".join(_line(kind, k) + ending for k, (kind, ending) in enumerate(lines))
    if not last_ending:
        data = data.rstrip(b"\r\n")
    path = tmp_path_factory.mktemp("in") / "big.jsonl"
    path.write_bytes(data)
    whole = InputFile(str(path), "big.jsonl", len(data))

    pieces = line_pieces(whole, piece_bytes, block_bytes=block_bytes)

    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]] and pieces[-1].end == len(data)
    assert all(data[p.end - 1:p.end] == b"\n" for p in pieces[:-1])
    assert [r for piece in pieces for r in _records(piece)] == _records(whole)


COMPRESSORS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(st.tuples(LINE_KINDS, ENDINGS), min_size=1, max_size=40), last_ending=st.booleans(),
       piece_bytes=st.integers(1, 400), suffix=st.sampled_from(sorted(COMPRESSORS)),
       order=st.sampled_from(["in order", "reversed", "every other"]))
def test_pieces_of_a_compressed_file_read_its_records_in_any_order(lines, last_ending, piece_bytes, suffix, order,
                                                                   tmp_path_factory):
    """Cut in the decompressed stream, the pieces give the whole file's records; read in
    order they continue one decompressing stream, read out of order (as Dask workers
    would) each decompresses up to its start: the same records either way."""
    data = b"".join(_line(kind, k) + ending for k, (kind, ending) in enumerate(lines))
    if not last_ending:
        data = data.rstrip(b"\r\n")
    path = tmp_path_factory.mktemp("in") / f"big.jsonl{suffix}"
    path.write_bytes(COMPRESSORS[suffix](data))
    whole = InputFile(str(path), path.name, path.stat().st_size, mtime_ns=path.stat().st_mtime_ns)

    pieces = line_pieces(whole, piece_bytes, compression="infer")
    positions = list(range(len(pieces)))
    if order == "reversed":
        positions.reverse()
    elif order == "every other":
        positions = positions[::2] + positions[1::2]
    read = {k: _records(pieces[k]) for k in positions}

    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]] and pieces[-1].end == len(data)
    assert [r for k in range(len(pieces)) for r in read[k]] == _records(whole)
    assert len(readers._open_streams) <= readers.OPEN_STREAMS_KEPT


def test_pieces_read_in_order_decompress_the_file_once(tmp_path, monkeypatch):
    lines = [json.dumps({"id": f"r{k}", "text": f"Record {k}. " * (1 + k % 9)}) for k in range(400)]
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    whole = InputFile(str(path), path.name, path.stat().st_size, mtime_ns=path.stat().st_mtime_ns)
    monkeypatch.setattr(shards, "MIN_PIECE_BYTES", 1)
    pieces = shards.split_big_files([whole], 2_000)
    opened = []
    decompressed_from = readers._decompressed_from
    monkeypatch.setattr(readers, "_decompressed_from", lambda url, offset: opened.append(offset) or
                        decompressed_from(url, offset))

    records = [r for piece in pieces for r in _records(piece)]

    assert len(pieces) > 5 and all(p.size <= 2_000 + 200 for p in pieces)
    assert records == _records(whole) and len(records) == 400
    assert opened == [0]  # one stream, continued piece after piece, closed at the end
    assert not [key for key in readers._open_streams if key[0] == str(path)]


@pytest.mark.usefixtures("small_pieces")
def test_a_compressed_file_under_two_targets_or_broken_is_not_cut(tmp_path):
    data = "".join(json.dumps({"text": f"line {k} " * 20}) + "\n" for k in range(100)).encode()
    small = tmp_path / "small.jsonl.gz"
    small.write_bytes(gzip.compress(data))
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(data * 20)[:-4000])
    files = [InputFile(str(p), p.name, p.stat().st_size) for p in (small, broken)]
    assert _unestimated(shards.split_big_files(files, len(data) // 2 + 1)) == files[:1] + [files[1]]
    assert len(shards.split_big_files(files[:1], len(data) // 8)) > 3


def test_a_utf16_file_is_not_cut(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\n".join(json.dumps({"text": f"line {k}"}) for k in range(50)).encode("utf-16"))
    whole = InputFile(str(path), "wide.jsonl", path.stat().st_size)
    assert line_pieces(whole, 64) == [whole]


@settings(max_examples=15, deadline=None)
@given(group_rows=st.lists(st.integers(1, 30), min_size=1, max_size=12), piece_bytes=st.integers(1, 3000),
       damaged=st.booleans())
def test_a_big_parquet_file_is_read_in_pieces_of_whole_row_groups(group_rows, piece_bytes, damaged, tmp_path_factory):
    """Cut by row groups (``shards.row_group_pieces``), a Parquet file's pieces give its
    records in order with the whole file's ids, a damaged row group reported once, by the
    piece that holds it."""
    import pyarrow as pa

    path = tmp_path_factory.mktemp("in") / "big.parquet"
    with pq.ParquetWriter(path, pa.schema([("id", pa.string()), ("text", pa.string())])) as writer:
        first = 0
        for rows in group_rows:
            writer.write_table(pa.table({"id": [f"p{k}" for k in range(first, first + rows)],
                                         "text": [f"Row {k}. " * (1 + k % 5) for k in range(first, first + rows)]}))
            first += rows
    if damaged and len(group_rows) > 1:  # the second group's pages overwritten: that group is unreadable
        metadata = pq.read_metadata(path)
        column = metadata.row_group(1).column(1)
        data = bytearray(path.read_bytes())
        start = column.data_page_offset
        data[start:start + column.total_compressed_size] = b"\xff" * column.total_compressed_size
        path.write_bytes(bytes(data))
    whole = InputFile(str(path), "big.parquet", path.stat().st_size)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards, "MIN_PIECE_BYTES", 1)
        pieces = shards.split_big_files([whole], piece_bytes)
    if len(pieces) > 1:
        assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]] and pieces[-1].end == len(group_rows)
    assert [r for piece in pieces for r in _records(piece)] == _records(whole)


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of a few hundred bytes (a real run never cuts below MIN_PIECE_BYTES)."""
    monkeypatch.setattr(shards, "MIN_PIECE_BYTES", 1)


def test_a_tiny_shard_size_does_not_cut_files_below_the_piece_floor(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": "x" * 50}) + "\n" for _ in range(40)))
    files = [InputFile(str(path), path.name, path.stat().st_size)]
    assert _unestimated(plan_shards(files, target_bytes=1)[0].files) == files


@pytest.mark.usefixtures("small_pieces")
def test_only_files_over_two_targets_are_cut_and_pieces_pack_into_shards(tmp_path):
    small, big = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    small.write_text("".join(json.dumps({"text": "x" * 50}) + "\n" for _ in range(3)))  # ~180 B
    big.write_text("".join(json.dumps({"text": "y" * 50}) + "\n" for _ in range(40)))   # ~2.4 kB
    files = [InputFile(str(p), p.name, p.stat().st_size) for p in (small, big)]

    shards = plan_shards(files, target_bytes=200)

    assert _unestimated(shards[0].files[:1]) == files[:1]  # under two targets: whole
    pieces = [f for shard in shards for f in shard.files if f.source == "b.jsonl"]
    assert len(pieces) > 5 and all(p.is_piece and p.size <= 200 + 62 for p in pieces)
    assert _unestimated(plan_shards(files, target_bytes=10_000)[0].files) == files


def _unestimated(files) -> list[InputFile]:
    """`files` without the record estimates planning adds (``InputFile.records``)."""
    return [replace(file, records=None) for file in files]


def test_a_file_of_tiny_records_is_cut_by_records_not_bytes(tmp_path):
    """200,000 one-letter JSON lines are 2.6 MB, under two shard targets, but as one
    shard they took a run to 1.3 GB: planning cuts them into pieces of about
    MAX_SHARD_RECORDS lines, and the pieces' records are the file's, in order."""
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join('{"text":"a%d"}\n' % k for k in range(200_000)))
    whole = InputFile(str(path), path.name, path.stat().st_size)

    planned = plan_shards([whole])

    pieces = [f for shard in planned for f in shard.files]
    assert 4 <= len(planned) <= 5 and all(len(shard.files) == 1 for shard in planned)
    assert all(p.records <= shards.MAX_SHARD_RECORDS * 1.05 for p in pieces)
    assert sum(p.records for p in pieces) == 200_000
    assert [r for p in pieces for r in _records(p)] == _records(whole)


def test_many_small_files_close_shards_by_records():
    """Each text or HTML file is one record: a shard of tiny files closes at
    `max_records` files however few bytes they hold, in order."""
    files = [InputFile(f"{k}.txt", f"{k}.txt", 30) for k in range(10)] + [InputFile("x.html", "x.html", 30)]
    planned = plan_shards(files, max_records=4)
    assert [len(s.files) for s in planned] == [4, 4, 3]
    assert [f for s in planned for f in s.files] == files


def test_a_parquet_file_of_many_small_row_groups_is_cut_by_rows(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"text": [f"row {k}" for k in range(12_000)]}), path, row_group_size=1_000)
    whole = InputFile(str(path), path.name, path.stat().st_size)
    pieces = shards.split_big_files([whole], 1 << 30, max_records=3_000)
    assert [p.records for p in pieces] == [3_000] * 4
    assert [(p.start, p.end, p.first_record) for p in pieces] == [(0, 3, 0), (3, 6, 3000), (6, 9, 6000), (9, 12, 9000)]


def _run(inputs, out, shard_mb: float):
    from flows.clean_corpus import clean_corpus

    state = clean_corpus(input_path=str(inputs), output_dir=str(out), data_docs=False, shard_mb=shard_mb,
                         return_state=True)
    return state.result(raise_on_failure=False)


def _rows(out, kind: str) -> list[dict]:
    files = glob.glob(str(out / kind / "*.parquet"))
    if not files:
        return []
    return sorted(pq.read_table(files, columns=["id", "record_index", "text", "raw_sha256"]).to_pylist(),
                  key=lambda r: r["record_index"])


@pytest.mark.usefixtures("prefect_server", "small_pieces")
def test_a_run_over_pieces_gives_the_rows_and_counts_of_a_run_over_the_whole_file(tmp_path):
    rng = random.Random(5)
    stories = [article(k, 70) for k in range(30)]
    lines = [json.dumps({"id": f"s{k}", "text": rng.choice(stories) if k % 4 == 0 else stories[k % 30]})
             for k in range(90)]  # exact copies across pieces: the dedup stage still finds them
    lines[17] = '{"text": "not closed'
    lines[40] = ""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inputs / "small.jsonl").write_text(json.dumps({"text": stories[3]}) + "\n", encoding="utf-8")
    size = (inputs / "big.jsonl").stat().st_size

    whole = _run(inputs, tmp_path / "whole", shard_mb=1)
    cut = _run(inputs, tmp_path / "cut", shard_mb=size / 6 / 1024 / 1024)  # the big file in ~6 pieces

    assert cut["shards"] > 4 and whole["shards"] == 1
    assert cut["totals"] == whole["totals"] and cut["files"] == whole["files"]
    assert whole["totals"]["duplicates"] > 0
    for kind in ("clean", "quarantine", "duplicates"):
        assert _rows(tmp_path / "cut", kind) == _rows(tmp_path / "whole", kind)

    # Appended to: the file is cleaned again (all its records, the new ones too), once.
    with open(inputs / "big.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": f"Appended. {article(99, 70)}"}) + "\n")
    again = _run(inputs, tmp_path / "cut", shard_mb=size / 6 / 1024 / 1024)
    assert again["inputs"]["processed"] == ["big.jsonl"]
    assert again["files"]["big.jsonl"]["read"] == 91
    rows = _rows(tmp_path / "cut", "clean") + _rows(tmp_path / "cut", "duplicates") + _rows(tmp_path / "cut", "quarantine")
    assert len({r["id"] for r in rows}) == len(rows) == 91 + 1 - 1  # + small.jsonl, - the blank line


@pytest.mark.usefixtures("prefect_server", "small_pieces")
def test_a_run_over_a_compressed_file_in_pieces_gives_the_rows_of_one_over_it_whole(tmp_path):
    """A generated .jsonl.gz over the shard size is cleaned in pieces of its decompressed
    stream: the same records, in the same order, with the same ids and counts."""
    rng = random.Random(7)
    stories = [article(k, 60) for k in range(20)]
    lines = [json.dumps({"id": f"g{k}", "text": rng.choice(stories) if k % 5 == 0 else stories[k % 20]})
             for k in range(80)]
    lines[23] = '{"text": "not closed'
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = ("\n".join(lines) + "\n").encode()
    (inputs / "big.jsonl.gz").write_bytes(gzip.compress(data))

    whole = _run(inputs, tmp_path / "whole", shard_mb=1)
    cut = _run(inputs, tmp_path / "cut", shard_mb=len(data) / 5 / 1024 / 1024)  # ~5 pieces of the stream

    assert cut["shards"] >= 4 and whole["shards"] == 1
    assert cut["totals"] == whole["totals"] and cut["files"] == whole["files"]
    assert whole["totals"]["duplicates"] > 0 and whole["totals"]["read"] == 80
    for kind in ("clean", "quarantine", "duplicates"):
        assert _rows(tmp_path / "cut", kind) == _rows(tmp_path / "whole", kind)


def test_merging_split_files_adds_each_files_counts_up_once():
    from corpus_clean.shards import FileCounts, ShardSummary

    def summary(name, **files):
        return ShardSummary(name, 0, 0, {s: FileCounts(read=r, clean=r, records=r) for s, r in files.items()}, {}, {}, {})

    merged = merge_split_files([summary("p0", a=3, b=2), summary("p1", b=5), summary("p2", b=1, c=4)])

    assert [sorted(s.files) for s in merged] == [["a", "b"], [], ["c"]]
    assert (merged[0].files["b"].read, merged[0].files["b"].clean) == (8, 8)


def test_a_row_group_too_big_for_a_shard_is_read_in_slices_of_rows(tmp_path):
    """pandas and pyarrow write up to a million rows as one row group: such a group is
    cut into slices of `max_records` rows, read in order they give the file's records
    with their ids, and groups around it stay whole pieces."""
    path = tmp_path / "one_group.parquet"
    texts = [f"row {k} of the one big group" for k in range(10_000)]
    writer = pq.ParquetWriter(path, pa.schema([("text", pa.string()), ("id", pa.string())]))
    for part in (texts[:500], texts[500:9_500], texts[9_500:]):  # small, huge, small
        writer.write_table(pa.table({"text": part, "id": [f"id-{t.split()[1]}" for t in part]}), row_group_size=10_000)
    writer.close()
    whole = InputFile(str(path), path.name, path.stat().st_size)

    pieces = shards.split_big_files([whole], 1 << 30, max_records=2_000)

    assert [(p.start, p.end, p.rows) for p in pieces] == (
        [(0, 1, None)] + [(1, 2, (k, min(k + 2_000, 9_000))) for k in range(0, 9_000, 2_000)] + [(2, 3, None)])
    assert [p.first_record for p in pieces] == [0, 500, 2_500, 4_500, 6_500, 8_500, 9_500]
    assert sum(p.records for p in pieces) == 10_000
    assert [r for p in pieces for r in _records(p)] == _records(whole)


def test_pretty_printed_records_are_never_cut_between_their_lines(tmp_path):
    """A `.jsonl` file of records pretty-printed over many lines is read whole as JSON
    documents, so planning keeps it whole however many lines it has."""
    path = tmp_path / "pretty.jsonl"
    path.write_text("".join(json.dumps({"text": f"record {k}", "tags": ["a", "b"]}, indent=2) + "\n"
                            for k in range(30_000)))  # 210,000 lines
    whole = InputFile(str(path), path.name, path.stat().st_size)
    assert plan_shards([whole])[0].files == (whole,)
    assert len(_records(whole)) == 30_000

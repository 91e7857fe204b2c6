"""Round 18: bad input found by mutation fuzzing (``benchmarks/bad_input_fuzz.py``) and by
the options users pass, not by hand.

Each test is a generator's invariant over generated inputs, narrowed to the dimension that
failed: damage to one record of a JSON document costs that record only; a compressed file
whose first bytes are damaged is listed with a reason, never shredded into garbage rows;
a Parquet row group whose damaged pages read as fewer rows says so with the count; a
damaged Parquet file read in pieces counts each piece's rows once. Every test here fails
on round 17's code (main at 560043b), except the guards marked as such (they pin what the
fixes must not break).
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from backports import zstd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import shards
from corpus_clean.preflight import PreflightError, check_run
from corpus_clean.readers import COMPRESSION_MAGIC, Document, Skipped, Unreadable, list_input_files, read_file
from corpus_clean.shards import clean_shard, plan_shards, split_by_validation

WORDS = "harbour council ferry pier storm engineers spring grant fishermen quay café über гавань 港口".split()
HYPOTHESIS = settings(max_examples=30, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
COMPRESS = {".gz": lambda b: gzip.compress(b, mtime=0), ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": zstd.compress}

sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=15).map(lambda w: " ".join(w) + ".")
records_st = st.lists(sentences, min_size=2, max_size=8).map(
    lambda texts: [{"id": f"r{i}", "text": f"m{i}m café {text}"} for i, text in enumerate(texts)])


def read_items(path: Path) -> list:
    return [item for file in list_input_files(str(path)) for item in read_file(file)]


def json_document(records: list[dict], layout: str) -> tuple[bytes, list[tuple[int, int]]]:
    """Records as a compact array, an indented array, or pretty records back to back,
    with each record's byte span."""
    indent = None if layout == "compact" else 2
    opening, between, closing = (b"[", b", " if indent is None else b",\n", b"]") if layout != "pretty" \
        else (b"", b"\n", b"\n")
    data, spans = opening, []
    for k, record in enumerate(records):
        part = json.dumps(record, indent=indent, ensure_ascii=False).encode()
        spans.append((len(data), len(data) + len(part)))
        data += part + (between if k < len(records) - 1 else b"")
    return data + closing, spans


# ---------------------------------------------------------------- damaged JSON documents

@HYPOTHESIS
@given(records=records_st, layout=st.sampled_from(["compact", "indented", "pretty"]),
       which=st.integers(0, 7), damage=st.sampled_from(["control", "quote", "cut_brace", "junk", "bad_utf8"]),
       container=st.sampled_from(["", ".gz"]))
def test_damage_to_one_record_of_a_json_document_costs_that_record_only(tmp_path_factory, records, layout,
                                                                         which, damage, container):
    """Fuzzing found a damaged JSON array or pretty-printed file re-read as broken lines:
    every intact record quarantined with it (115 of 2,000 seeds on main). Now each record
    whose bytes are intact is read clean, and the damaged one is a quarantined record
    that keeps its raw text. Fails on main."""
    which %= len(records)
    data, spans = json_document(records, layout)
    start, end = spans[which]
    inner = data[start:end]
    text_at = inner.index(b'"text": "') + len(b'"text": "')
    if damage == "control":
        inner = inner[:text_at] + b"\x07" + inner[text_at:]
    elif damage == "quote":
        inner = inner[:text_at - 1] + inner[text_at:]
    elif damage == "cut_brace":
        inner = inner[:-1]
    elif damage == "junk":
        inner = inner[:text_at - 3] + b"#!" + inner[text_at - 3:]
    else:
        inner = inner[:text_at] + b"\xff" + inner[text_at:]
    data = data[:start] + inner + data[end:]
    folder = tmp_path_factory.mktemp("doc")
    (folder / f"d.json{container}").write_bytes(COMPRESS[container](data) if container else data)
    docs = [item for item in read_items(folder) if isinstance(item, Document)]
    clean = [doc.raw_text for doc in docs if not doc.problems]
    assert clean == [r["text"] for k, r in enumerate(records) if k != which]
    broken = [doc for doc in docs if doc.problems]
    assert len(broken) == 1
    assert f"m{which}m" in broken[0].raw_text  # the damaged record's raw text is kept


def test_json_documents_that_parse_and_json_lines_with_a_broken_line_read_as_before(tmp_path):
    """Guard (passes on main): whole documents give their records; a `.json` file of
    JSON Lines whose first line is broken is read line by line, as before."""
    records = [{"text": f"record {i} harbour"} for i in range(3)]
    (tmp_path / "a.json").write_bytes(json_document(records, "indented")[0])
    (tmp_path / "l.json").write_text('{"text": "cut\n' + "".join(json.dumps(r) + "\n" for r in records))
    by_file = {}
    for file in list_input_files(str(tmp_path)):
        by_file[file.source] = [item for item in read_file(file) if isinstance(item, Document)]
    assert [(d.raw_text, bool(d.problems)) for d in by_file["a.json"]] == [(r["text"], False) for r in records]
    assert [d.record_index for d in by_file["l.json"]] == [0, 1, 2, 3]
    assert [bool(d.problems) for d in by_file["l.json"]] == [True, False, False, False]


@HYPOTHESIS
@given(records=records_st, cut=st.floats(0.3, 0.95))
def test_a_json_array_in_a_broken_gzip_stream_keeps_the_records_before_the_break(tmp_path_factory, records, cut):
    """A `.json.gz` cut short raised inside the whole-file read: every record lost with
    one reason. Now the records decompressed before the break are read, the break is an
    `Unreadable`. Fails on main."""
    # enough bytes (and variety: gzip would shrink copies to nothing) for the cut to leave whole records
    records = [{"id": f"r{k}", "text": f"{r['text']} {k * 7919} {WORDS[k % len(WORDS)]}"}
               for k, r in enumerate(records * 40)]
    data = gzip.compress(json_document(records, "indented")[0], mtime=0)
    folder = tmp_path_factory.mktemp("cut")
    (folder / "a.json.gz").write_bytes(data[:int(len(data) * cut)])
    items = read_items(folder)
    assert isinstance(items[-1], Unreadable)
    docs = [item for item in items if isinstance(item, Document) and not item.problems]
    assert docs and [d.raw_text for d in docs] == [r["text"] for r in records[:len(docs)]]


# ---------------------------------------------------------------- a compressed file's damaged head

@HYPOTHESIS
@given(records=records_st, container=st.sampled_from(sorted(COMPRESS)), at=st.integers(0, 5),
       fmt=st.sampled_from([".jsonl", ".json", ".html", ".txt"]))
def test_a_compressed_file_with_a_damaged_head_is_listed_with_a_reason_not_read_as_text(
        tmp_path_factory, records, container, at, fmt):
    """A flipped byte in a compressed file's magic number made it "stored uncompressed":
    its binary read as text, so garbage rows were cleaned (an HTML page) or every record
    quarantined as broken lines of binary, none saying the file was damaged. Fails on main."""
    plain = "".join(json.dumps(r) + "\n" for r in records).encode()
    data = bytearray(COMPRESS[container](plain * 4))
    data[at % len(COMPRESSION_MAGIC[container])] ^= 0x40  # within the format's magic number
    folder = tmp_path_factory.mktemp("head")
    (folder / f"f{fmt}{container}").write_bytes(bytes(data))
    items = read_items(folder)
    assert not [item for item in items if isinstance(item, Document)]
    assert [item for item in items if isinstance(item, (Skipped, Unreadable))]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
@pytest.mark.parametrize("container", sorted(COMPRESS))
def test_plain_text_under_a_compressed_name_is_still_read_as_stored(tmp_path, encoding, container):
    """Guard (passes on main): a tool that saved plain JSONL as `.jsonl.gz` loses nothing."""
    lines = [{"text": f"Café crème {i}, harbour über"} for i in range(5)]
    (tmp_path / f"a.jsonl{container}").write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                           for r in lines).encode(encoding))
    docs = [item for item in read_items(tmp_path) if isinstance(item, Document)]
    assert [d.raw_text for d in docs] == [r["text"] for r in lines]


# ---------------------------------------------------------------- damaged Parquet pages

def parquet_file(rows: int, groups: int, columns: tuple[str, str] = ("id", "text"), checksums: bool = False) -> bytes:
    table = pa.table({columns[0]: [f"r{i}" for i in range(rows)],
                      columns[1]: [f"row {i} harbour council" for i in range(rows)]})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="none", use_dictionary=False, row_group_size=rows // groups,
                   write_page_checksum=checksums)
    return sink.getvalue()


@pytest.mark.parametrize("damage", ["flip", "delete2"])
def test_every_damage_to_a_parquet_files_pages_is_read_or_counted_unreadable(tmp_path, damage):
    """Exhaustive fault injection: each byte of the pages (footer intact) flipped, or two
    bytes deleted there, in turn, in a file written with page checksums. On main, damage
    that failed a page's checksum made its row group read as fewer rows without an error
    (dozens of the 2-byte deletions): those rows lost silently, later rows renumbered. Now
    every row is a record or counted unreadable, and records keep their own row numbers.
    The deletions fail on main; the flips pass there (a guard)."""
    data = parquet_file(8, 4, checksums=True)
    footer = int.from_bytes(data[-8:-4], "little")
    failures = []
    for at in range(4, len(data) - 8 - footer):
        if damage == "flip":
            damaged = bytearray(data)
            damaged[at] ^= 0xFF
        else:
            damaged = data[:at] + data[at + 2:]
        path = tmp_path / "f.parquet"
        path.write_bytes(bytes(damaged))
        items = list(read_file(str(path)))
        docs = [i for i in items if isinstance(i, Document)]
        unreadable = sum(i.records or 0 for i in items if isinstance(i, Unreadable))
        skipped = [i for i in items if isinstance(i, Skipped)]
        if not skipped and len(docs) + unreadable != 8:
            failures.append((at, len(docs), unreadable))
        if any(d.source_id is not None and d.source_id != f"r{d.record_index}" for d in docs):
            failures.append((at, "renumbered"))
    assert not failures


def test_a_parquet_file_without_a_text_column_read_in_pieces_counts_its_rows_once(tmp_path, monkeypatch):
    """A footer whose `text` column name was damaged (`uext`), planned as row-group
    pieces: each piece said the whole file's rows were unreadable (25 rows counted 325
    times over 13 pieces: the accounting failed). Fails on main."""
    (tmp_path / "p.parquet").write_bytes(parquet_file(12, 4, ("id", "uext")))
    monkeypatch.setattr(shards, "MIN_PIECE_BYTES", 64)
    plan = plan_shards(list_input_files(str(tmp_path)), target_bytes=64)
    assert sum(len(shard.files) for shard in plan) > 1  # read in pieces
    files = {}
    for shard in plan:
        cleaned = clean_shard(shard, run_id="t")
        split_by_validation(cleaned, {})
        for source, counts in cleaned.files.items():
            files.setdefault(source, []).append(counts)
    counts = files["p.parquet"]
    assert sum(c.unreadable for c in counts) == 12


# ---------------------------------------------------------------- the options users pass

@pytest.mark.parametrize("variable, value", [("PREFECT_LOGGING_LEVEL", "garbage"),
                                             ("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "abc")])
def test_a_bad_prefect_setting_in_the_environment_is_refused_in_one_line_before_anything(tmp_path, variable, value):
    """The options generator (``benchmarks/bad_options_gen.py``) set Prefect's variables to
    bad values: the run died inside Prefect's import or the server's start, exit 1 under
    pydantic's traceback. Now: exit 2, one line naming the variable, nothing written.
    Fails on main."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "A harbour council met on the pier."}\n')
    env = {**os.environ, variable: value, "PREFECT_HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(tmp_path / "in"),
                           "--output", str(tmp_path / "out"), "--no-data-docs"],
                          env=env, capture_output=True, timeout=600, cwd=Path(__file__).resolve().parents[1])
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr[-2000:]
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines() == [stderr.strip().splitlines()[-1]]
    assert variable in stderr and stderr.startswith("corpus-clean: error:")
    assert not (tmp_path / "out" / "versions").exists()


@HYPOTHESIS
@given(keep=st.one_of(st.integers(-10, 0), st.booleans()), workers=st.one_of(st.booleans(), st.integers(0, 2)))
def test_the_flows_own_preflight_refuses_what_the_cli_refuses(tmp_path_factory, keep, workers):
    """The flow called as a deployment or from a script (``clean_corpus(keep_versions=0)``)
    skipped the CLI's argparse: 0 or -1 versions silently kept 1, and `true` (a bool, an
    int to Python and to Prefect's parameter checks) was taken as 1 worker. The flow's
    preflight (``check_run``) now refuses them, before any work. Fails on main."""
    folder = tmp_path_factory.mktemp("flowargs")
    (folder / "in").mkdir()
    with pytest.raises(PreflightError, match="keep-versions|true/false"):
        check_run(str(folder / "in"), str(folder / "out"), workers=workers, keep_versions=keep)


@pytest.mark.parametrize("address", ["garbage", "tcp://127.0.0.1:1", "tcp://host:99999", "127.0.0.1:abc"])
def test_the_flows_preflight_refuses_a_bad_dask_address_before_any_work(tmp_path, address):
    """The options generator called the flow from Python with `dask_address="garbage"` or
    a port with nothing behind it: only the CLI checked it, so the flow opened a version
    (a staging folder left behind) and failed after 60 s under a traceback. The flow's
    preflight now refuses it in one line, before the output is touched. Fails on main."""
    (tmp_path / "in").mkdir()
    with pytest.raises(PreflightError, match="dask-address"):
        check_run(str(tmp_path / "in"), str(tmp_path / "out"), dask_address=address)
    assert not (tmp_path / "out").exists()

#!/usr/bin/env python3
"""Bad input found by generators, not by hand (round 16).

    python benchmarks/bad_input_gen.py [--seeds 200] [--first 0] [--filter-lines 400] [--verbose]

Each seed builds a small set of records (ids of every JSON type, missing or repeated; texts
in several scripts, empty, whitespace-only, invisible-only, control characters, NULs, non-BMP
characters; `text`, `html`, both or neither) and writes them in one randomly composed way:
container (plain, .gz, .bz2, .xz, .zst) x format (.jsonl, a JSON array, records pretty-printed
back to back, Parquet with one of many column shapes) x encoding (UTF-8 with or without BOM,
UTF-16/32 with or without BOM, cp1252, latin-1) x line endings (LF, CRLF, CR, mixed, blank lines,
no final newline). Three invariants are checked with the real readers and shard functions
(what the flow's tasks call):

1. **Same records whatever the container**: the records read from the variant equal those
   read from the same records as plain UTF-8 JSONL (text, html and whether quarantined), whole
   and when cut into pieces (planning's byte pieces, forced small).
2. **Nothing lost under damage**: the variant damaged (cut at a random byte, a byte flipped, a
   wrong extension, a compressed or Parquet file under a plain name) never raises, every file's
   accounting balances, and a record that is absent is covered by a reason in its file's entry.
3. **`corpus-clean filter`** (a real subprocess, once over all seeds' lines): one answer per
   input line, in order, each strict JSON (RFC 8259: no NaN) with the line's number, whatever
   the bytes (random bytes, the seeds' lines in every encoding, cut lines).

Prints one line per failure (seed, invariant, what) and a summary of failures by kind.
Exit status 1 when any failed. Nothing external is read: every input is generated here.
"""
from __future__ import annotations

import argparse
import bz2
import codecs
import collections
import contextlib
import gzip
import io
import json
import lzma
import math
import os
import random
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import zstandard  # noqa: E402

from corpus_clean import shards  # noqa: E402
from corpus_clean.readers import Document, Skipped, Unreadable, list_input_files, read_file  # noqa: E402
from corpus_clean.shards import clean_shard, plan_shards, split_big_files, split_by_validation  # noqa: E402

WORDS = {
    "latin": "harbour council ferry pier storm engineers spring grant fishermen quay morning closure".split(),
    "accents": "café crème déjà façade naïve über straße señor año garçon piñata élève".split(),
    "cyrillic": "гавань совет паром причал шторм инженеры весна грант рыбаки утро".split(),
    "cjk": "港口 议会 渡轮 码头 风暴 工程师 春天 拨款 渔民 早晨".split(),
    "arabic": "الميناء المجلس العبارة الرصيف العاصفة المهندسون الربيع المنحة".split(),
    "emoji": "🌊 ⛴️ 🏗️ 🌧️ 🐟 ⚓ 🎣 📰".split(),
}
SHAPES = ["sentence", "sentence", "sentence", "sentence", "empty", "whitespace", "invisible", "controls",
          "nul", "long_line", "lone_cr_inside", "line_separators"]
ID_KINDS = ["int", "str", "float", "bool", "null", "list", "object", "missing", "missing", "repeated",
            "huge_int", "negative", "unicode"]
CONTAINERS = ["", "", ".gz", ".bz2", ".xz", ".zst"]
FORMATS = ["jsonl", "jsonl", "jsonl", "json_array", "json_pretty", "parquet", "txt", "html"]
# What an HTML page says its charset is: its own, none, or another one.
DECLARED = ["same", "same", "none", "wrong"]
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]
NEWLINES = ["\n", "\n", "\r\n", "\r", "mixed"]
PARQUET_SHAPES = ["string", "large_string", "dictionary", "binary", "large_binary", "chunked", "string_view",
                  "row_groups", "nullable_ids", "extra_nested"]
DAMAGES = ["none", "truncate", "flip", "plain_name", "compressed_name", "wrong_ext_txt", "append_garbage",
           "prepend_bom", "nul_run"]


def sentence(rng: random.Random, script: str, words: int) -> str:
    return " ".join(rng.choice(WORDS[script]) for _ in range(words)).capitalize() + "."


def make_text(rng: random.Random) -> str:
    shape = rng.choice(SHAPES)
    script = rng.choice(list(WORDS))
    body = " ".join(sentence(rng, script, rng.randint(8, 20)) for _ in range(rng.randint(1, 4)))
    return {
        "sentence": body,
        "empty": "",
        "whitespace": " \t\u00a0\u3000 ",
        "invisible": "\u200b\u200d\ufeff\u2060\u00ad",
        "controls": body[:40] + "\x01\x07\x1b[0m\x7f" + body[40:],
        "nul": body[:20] + "\x00" + body[20:],
        "long_line": body * 200,
        "lone_cr_inside": body.replace(". ", ".\r", 1),
        "line_separators": body.replace(" ", "\u2028", 2).replace(" ", "\u0085", 1),
    }[shape]


def make_id(rng: random.Random, index: int, previous):
    kind = rng.choice(ID_KINDS)
    return {
        "int": index, "str": f"doc-{index}", "float": index + 0.5, "bool": bool(index % 2), "null": None,
        "list": [index, "x"], "object": {"n": index}, "missing": ..., "repeated": previous,
        "huge_int": 10 ** 30 + index, "negative": -index, "unicode": f"№{index}-ü",
    }[kind]


def make_records(rng: random.Random) -> list[dict]:
    records, previous = [], 0
    for index in range(rng.randint(1, 8)):
        record = {}
        ident = make_id(rng, index, previous)
        if ident is not ...:
            record["id"] = ident
            previous = ident
        has = rng.choice(["text", "text", "text", "html", "both", "neither"])
        text = make_text(rng)
        if has in ("text", "both"):
            record["text"] = text
        if has in ("html", "both"):
            record["html"] = f"<html><body><nav>Home</nav><article><p>{text}</p></article></body></html>"
        if has == "neither":
            record["body"] = text
        if rng.random() < 0.3:
            record["title"] = rng.choice(["", "Café", None, 5, ["a"]])
        if rng.random() < 0.3:
            record["url"] = rng.choice(["https://x.test/a", 7, None, "not a url"])
        if rng.random() < 0.2:
            record["score"] = rng.choice([1.5, -0.0, 10 ** 20, True, {"a": 1}])
        records.append(record)
    return records


# ---------------------------------------------------------------- writing one variant

@dataclass
class Variant:
    name: str            # file name (its suffixes say what a user would call it)
    data: bytes
    description: str
    encoding: str = "utf-8"
    comparable: bool = True   # records must equal the reference's (no damage, a lossless encoding)
    expected: list | None = None  # what the reader must make of it, when no JSONL reference says
    ends_a_line: bool = True  # its text ends with a line break (two joined do not glue two lines)
    notes: list[str] = field(default_factory=list)


def encodable(records: list[dict], encoding: str) -> bool:
    try:
        json.dumps(records, ensure_ascii=False).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def jsonl_text(records: list[dict], rng: random.Random, newline: str, blank_lines: bool, final: bool) -> str:
    lines = [json.dumps(r, ensure_ascii=rng.random() < 0.2) for r in records]
    out = []
    for k, line in enumerate(lines):
        end = rng.choice(["\n", "\r\n", "\r"]) if newline == "mixed" else newline
        out.append(line + (end if k < len(lines) - 1 or final else ""))
        if blank_lines and rng.random() < 0.3 and k < len(lines) - 1:
            out.append(end)
    return "".join(out)


def parquet_bytes(records: list[dict], rng: random.Random, shape: str) -> tuple[bytes, str]:
    """Parquet of the records that have a string text (a Parquet column has one type): the
    column shape varies as writers vary."""
    texts = [r["text"] if isinstance(r.get("text"), str) else None for r in records]
    ids = [r.get("id") if isinstance(r.get("id"), str) else None for r in records]
    if shape == "string":
        column = pa.array(texts, pa.string())
    elif shape == "large_string":
        column = pa.array(texts, pa.large_string())
    elif shape == "dictionary":
        column = pa.array(texts, pa.string()).dictionary_encode()
    elif shape == "binary":
        column = pa.array([t.encode() if t is not None else None for t in texts], pa.binary())
    elif shape == "large_binary":
        column = pa.array([t.encode() if t is not None else None for t in texts], pa.large_binary())
    elif shape == "chunked":
        half = len(texts) // 2
        column = pa.chunked_array([pa.array(texts[:half], pa.string()), pa.array(texts[half:], pa.string())])
    elif shape == "string_view":
        column = pa.array(texts, pa.string_view())
    else:
        column = pa.array(texts, pa.string())
    odd = odd_parquet_table(shape, texts)
    table = odd if odd is not None else pa.table({"text": column, "id": pa.array(ids, pa.string())})
    if shape == "nullable_ids":
        table = table.append_column("n", pa.array([None] * len(texts), pa.null()))
    if shape == "extra_nested":
        table = table.append_column("tags", pa.array([["a", "b"]] * len(texts)))
        table = table.append_column("meta", pa.array([{"k": 1}] * len(texts)))
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=rng.randint(1, 4) if shape == "row_groups" else None,
                   compression=rng.choice(["none", "snappy", "zstd"]))
    return sink.getvalue(), shape


# Parquet shapes whose rows are not all readable as texts: checked by the accounting
# (every row clean, quarantined or counted unreadable), not against a reference.
ODD_PARQUET_SHAPES = ["text_list", "text_int", "text_struct", "null_typed", "no_text", "zero_rows",
                      "duplicate_text", "html_and_text", "id_nested", "timestamp_id", "text_decimal"]


def odd_parquet_table(shape: str, texts: list) -> pa.Table | None:
    import datetime
    import decimal

    n = len(texts)
    strings = [t or "" for t in texts]
    if shape == "text_list":
        return pa.table({"text": pa.array([[t] for t in strings])})
    if shape == "text_int":
        return pa.table({"text": pa.array(range(n), pa.int64())})
    if shape == "text_struct":
        return pa.table({"text": pa.array([{"body": t} for t in strings])})
    if shape == "null_typed":
        return pa.table({"text": pa.array([None] * n, pa.null())})
    if shape == "no_text":
        return pa.table({"body": pa.array(strings)})
    if shape == "zero_rows":
        return pa.table({"text": pa.array([], pa.string())})
    if shape == "duplicate_text":
        return pa.Table.from_arrays([pa.array(strings), pa.array(strings)], names=["text", "text"])
    if shape == "html_and_text":
        return pa.table({"text": pa.array(texts, pa.string()), "html": pa.array([f"<p>{t}</p>" for t in strings])})
    if shape == "id_nested":
        return pa.table({"text": pa.array(strings), "id": pa.array([[k] for k in range(n)])})
    if shape == "timestamp_id":
        return pa.table({"text": pa.array(strings), "id": pa.array([datetime.datetime(2020, 1, 1)] * n),
                         "url": pa.array([b"\xff"] * n, pa.binary())})
    if shape == "text_decimal":
        return pa.table({"text": pa.array([decimal.Decimal(k) for k in range(n)])})
    return None


def compress(data: bytes, container: str) -> bytes:
    if container == ".gz":
        return gzip.compress(data, mtime=0)
    if container == ".bz2":
        return bz2.compress(data)
    if container == ".xz":
        return lzma.compress(data)
    if container == ".zst":
        return zstandard.ZstdCompressor().compress(data)
    return data


def make_variant(rng: random.Random, records: list[dict]) -> Variant:
    fmt = rng.choice(FORMATS)
    if fmt == "parquet":
        odd = rng.random() < 0.4
        data, shape = parquet_bytes(records, rng, rng.choice(ODD_PARQUET_SHAPES if odd else PARQUET_SHAPES))
        return Variant("v.parquet", data, f"parquet/{shape}", comparable=not odd)
    container = rng.choice(CONTAINERS)
    encoding = rng.choice(ENCODINGS)
    if not encodable(records, encoding):
        encoding = "utf-8"
    if fmt in ("txt", "html"):
        return page_variant(rng, records, fmt, container, encoding)
    newline = rng.choice(NEWLINES)
    if fmt == "jsonl":
        text = jsonl_text(records, rng, newline, blank_lines=rng.random() < 0.3, final=rng.random() < 0.8)
        suffix = rng.choice([".jsonl", ".jsonl", ".ndjson", ".json"])
    elif fmt == "json_array":
        text = json.dumps(records, ensure_ascii=False, indent=rng.choice([None, 2]))
        suffix = rng.choice([".json", ".jsonl"])
    else:  # jq '.[]' without -c
        text = "\n".join(json.dumps(r, ensure_ascii=False, indent=2) for r in records) + "\n"
        suffix = rng.choice([".json", ".jsonl"])
    if newline in ("\r\n", "\r") and fmt != "jsonl":
        text = text.replace("\n", newline)
    data = text.encode(encoding)
    ends = text.endswith(("\n", "\r")) or fmt != "jsonl"
    variant = Variant(f"v{suffix}{container}", compress(data, container),
                      f"{fmt}{suffix}{container or ''}/{encoding}/{newline!r}", encoding, ends_a_line=ends)
    # A single-byte code page is guessed, per line, from its bytes: a short line may be
    # read in a neighbouring page. Records then differ by a guess, not by a loss.
    variant.comparable = encoding not in ("cp1252", "latin-1") or text.isascii()
    return variant


def page_variant(rng: random.Random, records: list[dict], fmt: str, container: str, encoding: str) -> Variant:
    """One record as a `.txt` file, or as an HTML page that declares its charset (its
    own, none, or a wrong one). `expected` is what the reader must make of it."""
    text = next((r["text"] for r in records if isinstance(r.get("text"), str) and r["text"].strip()),
                sentence(rng, "accents", 12))
    if not encodable([text], encoding):
        encoding = "utf-8"
    newline = rng.choice(["\n", "\r\n", "\r"])
    if fmt == "txt":
        body = f"{text}{newline}{newline}{sentence(rng, 'latin', 10)}{newline}"
        variant = Variant(f"v.txt{container}", compress(body.encode(encoding), container),
                          f"txt{container}/{encoding}/{newline!r}", encoding)
        variant.expected = [(body, None, False)]
    else:
        declared = rng.choice(DECLARED)
        charset = {"same": encoding.replace("-sig", ""), "none": None,
                   "wrong": rng.choice(["utf-8", "iso-8859-1", "windows-1251", "shift_jis", "utf-16"])}[declared]
        meta = rng.choice([f'<meta charset="{charset}">',
                           f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'])
        page = (f"<!DOCTYPE html>{newline}<html><head>{meta if charset else ''}<title>t</title></head>{newline}"
                f"<body><article><p>{text}</p></article></body></html>{newline}")
        variant = Variant(f"v.{rng.choice(['html', 'htm'])}{container}", compress(page.encode(encoding), container),
                          f"html{container}/{encoding}/declared {charset}/{newline!r}", encoding)
        variant.expected = [("", f"<p>{text}</p>", False)]  # the page's text, decoded right
    variant.comparable = encoding not in ("cp1252", "latin-1") or text.isascii()
    return variant


def damage(rng: random.Random, variant: Variant) -> str:
    """Damage the variant in place; returns what was done."""
    kind = rng.choice(DAMAGES)
    data = variant.data
    if kind == "truncate" and len(data) > 2:
        variant.data = data[: rng.randint(1, len(data) - 1)]
    elif kind == "flip" and data:
        at = rng.randrange(len(data))
        variant.data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
    elif kind == "plain_name":  # compressed bytes under a plain name
        variant.name = variant.name.rsplit(".", 1)[0] if variant.name.endswith((".gz", ".bz2", ".xz", ".zst")) \
            else variant.name
    elif kind == "compressed_name" and not variant.name.endswith((".gz", ".bz2", ".xz", ".zst", ".parquet")):
        variant.name += rng.choice([".gz", ".zst"])  # plain bytes under a compressed name
    elif kind == "wrong_ext_txt":
        variant.name = variant.name.replace(".parquet", ".jsonl").replace(".json", ".txt")
    elif kind == "append_garbage":
        variant.data = data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    elif kind == "prepend_bom":
        variant.data = codecs.BOM_UTF8 + data
    elif kind == "nul_run":
        at = rng.randrange(len(data) + 1)
        variant.data = data[:at] + b"\x00" * rng.randint(1, 64) + data[at:]
    else:
        kind = "none"
    return kind


# ---------------------------------------------------------------- reading and checking

@contextlib.contextmanager
def pieces_of(piece_bytes: int):
    """Inside the block, planning may cut files into pieces as small as `piece_bytes`
    (forced small here, as a 2 GB file's pieces would be); its floor comes back after."""
    saved = shards.MIN_PIECE_BYTES
    shards.MIN_PIECE_BYTES = piece_bytes
    try:
        yield
    finally:
        shards.MIN_PIECE_BYTES = saved


def listed_and_planned(root: Path, piece_bytes: int) -> tuple[list, list]:
    """The files listed under `root`, and planning's shards of them in pieces of `piece_bytes`."""
    with pieces_of(piece_bytes):
        listed = list_input_files(str(root))
        return listed, plan_shards(listed, target_bytes=piece_bytes)


def records_of(path: Path, piece_bytes: int | None) -> list:
    """What the readers make of one file: (text, html, quarantined?) per record, skipped
    and unreadable entries aside; with `piece_bytes`, read as planning's pieces."""
    files = list_input_files(str(path))
    if piece_bytes is not None:
        with pieces_of(piece_bytes):
            files = split_big_files(files, piece_bytes)
    out = []
    for file in files:
        for item in read_file(file):
            if isinstance(item, Document):
                # A quarantined record keeps its raw input, which legitimately differs
                # between formats (a compact line, a pretty-printed record, a null cell).
                out.append(("<quarantined>", None, True) if item.problems else (item.raw_text, item.html, False))
    return out


def accounting(root: Path, piece_bytes: int) -> tuple[list[str], dict]:
    """Through the shard functions (what the flow's tasks call), every file's counts."""
    listed, plan = listed_and_planned(root, piece_bytes)
    problems, files, keys = [], {}, collections.Counter()
    for shard in plan:
        cleaned = clean_shard(shard, run_id="gen")
        output = split_by_validation(cleaned, {})
        for table in (output.clean, output.quarantine):
            for row in table.select(["source", "record_index"]).to_pylist():
                keys[(row["source"], row["record_index"])] += 1
        for row in output.quarantine.select(["reasons"]).to_pylist() if "reasons" in output.quarantine.schema.names \
                else []:
            if not row["reasons"]:
                problems.append("a quarantined row without a reason")
        for source, counts in cleaned.files.items():
            if source in files:
                total = files[source]
                for name in ("read", "clean", "quarantined", "skipped", "records", "unreadable"):
                    setattr(total, name, getattr(total, name) + getattr(counts, name))
                total.skipped_reasons += counts.skipped_reasons
                total.unreadable_reasons += counts.unreadable_reasons
            else:
                files[source] = counts
    for source, counts in files.items():
        if not counts.balanced():
            problems.append(f"{source}: {counts.mismatches()}")
    twice = [key for key, n in keys.items() if n > 1]
    if twice:
        problems.append(f"records written twice: {twice[:3]}")
    for listed_file in listed:
        if listed_file.source not in files:
            problems.append(f"{listed_file.source}: listed but absent from the accounting")
    return problems, files


def check_seed(seed: int, base: Path) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    records = make_records(rng)
    variant = make_variant(rng, records)
    failures = []
    folder = Path(tempfile.mkdtemp(prefix=f"s{seed}-", dir=base))
    reference = folder / "ref"
    reference.mkdir()
    (reference / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    if variant.name.endswith(".parquet"):
        # A Parquet column holds the records' string texts only: the reference too.
        kept = [{"text": r["text"], **({"id": r["id"]} if isinstance(r.get("id"), str) else {})}
                if isinstance(r.get("text"), str) else {"text": None} for r in records]
        (reference / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in kept))
    expected = records_of(reference, None) if variant.expected is None else variant.expected
    what = f"{variant.description} ({len(records)} records)"
    if variant.comparable and variant.ends_a_line and not variant.name.endswith((".parquet", ".txt", ".html", ".htm")) \
            and ".txt." not in variant.name and ".htm" not in variant.name:
        # `cat a.jsonl b.jsonl > all.jsonl` of two files as saved (each with its BOM, each
        # its own compressed stream): both files' records, in order.
        twice = folder / "twice"
        twice.mkdir()
        (twice / variant.name).write_bytes(variant.data + variant.data)
        try:
            got = records_of(twice, None)
            if got != expected + expected:
                failures.append(("concatenated", f"{what}: {len(got)} records, {sum(q for *_, q in got)} "
                                                 f"quarantined, for {2 * len(expected)}"))
        except Exception:  # noqa: BLE001
            failures.append(("reader-raised", f"{what} concatenated: {traceback.format_exc(limit=-3)[-600:]}"))
    clean_dir = folder / "clean"
    clean_dir.mkdir()
    (clean_dir / variant.name).write_bytes(variant.data)
    try:
        for pieces in (None, 256):
            got = records_of(clean_dir, pieces)
            if variant.name.endswith((".html", ".htm")) or ".htm" in variant.name:
                want = variant.expected[0][1]
                got = [(t, want if h and want in h else (h or "")[:300], q) for t, h, q in got]
            if variant.comparable and got != expected:
                diff = next((k, e, g) for k, (e, g) in enumerate(zip(expected + [None] * 99, got + [None] * 99))
                            if e != g)
                failures.append(("same-records", f"{what}{' in pieces' if pieces else ''}: record {diff[0]}: "
                                                 f"expected {str(diff[1])[:120]} got {str(diff[2])[:120]}"))
                break
    except Exception:  # noqa: BLE001
        failures.append(("reader-raised", f"{what}: {traceback.format_exc(limit=-3)[-600:]}"))
    damaged_dir = folder / "damaged"
    damaged_dir.mkdir()
    kind = damage(rng, variant)
    (damaged_dir / variant.name).write_bytes(variant.data)
    try:
        problems, files = accounting(damaged_dir, rng.choice([256, 1 << 20]))
        for problem in problems:
            failures.append(("accounting", f"{what} damaged by {kind}: {problem}"))
        if kind == "none" and variant.comparable:
            counts = next(iter(files.values()))
            if counts.records + counts.unreadable < len([e for e in expected]):
                failures.append(("lost", f"{what}: {counts.records} records read of {len(expected)}"))
    except Exception:  # noqa: BLE001
        failures.append(("shard-raised", f"{what} damaged by {kind}: {traceback.format_exc(limit=-3)[-600:]}"))
    return failures


# ---------------------------------------------------------------- the filter

def filter_lines(seeds: range, count: int) -> list[bytes]:
    rng = random.Random(seeds.start * 7919 + count)
    lines: list[bytes] = []
    while len(lines) < count:
        record = rng.choice(make_records(rng))
        if rng.random() < 0.2:
            record["id"] = rng.choice([math.nan, math.inf, -math.inf, 1e308 * 10])
        text = json.dumps(record, ensure_ascii=rng.random() < 0.3)
        kind = rng.random()
        if kind < 0.5:
            line = text.encode("utf-8")
        elif kind < 0.6:
            line = text.encode(rng.choice(["utf-16-le", "utf-16", "utf-32"]), "surrogatepass")
        elif kind < 0.7:
            line = text.encode("utf-8")[: rng.randint(0, len(text))]
        elif kind < 0.8:
            line = bytes(rng.randrange(256) for _ in range(rng.randint(0, 80)))
        elif kind < 0.9:
            line = text.encode("cp1252", "replace")
        else:
            line = text.replace('"text"', '"text"', 1).encode() + b"\x00" * rng.randint(1, 3)
        # A line ends at LF, CR or CRLF: none of those bytes may sit inside it.
        line = line.replace(b"\r", b" ").replace(b"\n", b" ")
        lines.append(line)
    return lines


def check_filter_stream(seeds: range, count: int) -> list[tuple[str, str]]:
    """The seeds' records as one UTF-8 stream and as one UTF-16/32 stream (a file saved
    by Notepad, piped in): the same answers, one per record."""
    rng = random.Random(seeds.start * 31 + count)
    records = [r for _ in range(count // 4) for r in make_records(rng)][:count]
    body = "".join(json.dumps(r, ensure_ascii=False) + rng.choice(["\n", "\r\n"]) for r in records)
    answers = {}
    for encoding in ("utf-8", rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])):
        done = subprocess.run([sys.executable, "-m", "cli", "filter", "--steps", "boilerplate"],
                              input=body.encode(encoding), capture_output=True, timeout=1800, cwd=ROOT)
        answers[encoding] = [json.loads(line) for line in done.stdout.splitlines()]
    (_, utf8), (encoding, other) = answers.items()
    if len(other) != len(records) or len(utf8) != len(records):
        return [("filter-stream", f"{encoding}: {len(other)} answers, utf-8: {len(utf8)}, for {len(records)} records")]
    differ = [k for k, (a, b) in enumerate(zip(utf8, other)) if a.get("text") != b.get("text")]
    return [("filter-stream", f"{encoding}: answers {differ[:5]} differ from utf-8's")] if differ else []


def check_filter(lines: list[bytes]) -> list[tuple[str, str]]:
    done = subprocess.run([sys.executable, "-m", "cli", "filter"], input=b"\n".join(lines) + b"\n",
                          capture_output=True, timeout=1800, cwd=ROOT)
    failures = []
    if done.returncode != 0 or done.stderr.strip():
        failures.append(("filter-exit", f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}"))
    answers = done.stdout.split(b"\n")[:-1]
    if len(answers) != len(lines):
        failures.append(("filter-count", f"{len(answers)} answers for {len(lines)} lines"))
    for number, answer in enumerate(answers, start=1):
        try:
            value = json.loads(answer, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        except ValueError as error:
            failures.append(("filter-json", f"answer {number} is not strict JSON ({error}): {answer[:120]!r}"))
            continue
        if value.get("line") != number:
            failures.append(("filter-order", f"answer {number} says line {value.get('line')}"))
        if "id" not in value:
            failures.append(("filter-id", f"answer {number} has no id"))
    return failures


# ---------------------------------------------------------------- the real `corpus-clean run`

ODD_NAMES = ["plain", "with space", "new\nline", "tab\tname", "ünïcödé", "-dash", "x" * 200, "semi;colon",
             "quote'\"", "percent%20", "star*", "back\\slash"]


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """A tree of a few generated files (each as `check_seed` makes them, damaged or not),
    odd file names, and entries that are not inputs: a folder named like a file, an empty
    file, a file that cannot be read (mode 000), a hidden file."""
    root.mkdir()
    for k in range(rng.randint(2, 5)):
        variant = make_variant(rng, make_records(rng))
        if rng.random() < 0.5:
            damage(rng, variant)
        folder = root / rng.choice(["", "sub", "sub/deeper"])
        folder.mkdir(parents=True, exist_ok=True)
        stem = rng.choice(ODD_NAMES)[:60]
        name = f"{stem}-{k}{variant.name[1:]}"
        (folder / name).write_bytes(variant.data)
    extras = rng.sample(["dir_named_file", "empty", "mode000", "hidden", "nonutf8_name", "zero_rows"], 2)
    if "dir_named_file" in extras:
        (root / "folder.jsonl").mkdir()
        (root / "folder.jsonl" / "inner.txt").write_text("A text inside a folder named like a file. " * 3)
    if "empty" in extras:
        (root / "empty.jsonl").write_bytes(b"")
    if "mode000" in extras:
        locked = root / "locked.jsonl"
        locked.write_text('{"text": "A record nobody may read."}\n')
        locked.chmod(0)
    if "hidden" in extras:
        (root / ".hidden.jsonl").write_text('{"text": "hidden"}\n')
    if "nonutf8_name" in extras:
        with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as handle:
            handle.write(b"A caf\xe9 on the harbour front opened today.")
    if "zero_rows" in extras:
        pq.write_table(pa.table({"text": pa.array([], pa.string())}), root / "zero.parquet")


def run_cli(args: list[str], env: dict) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, capture_output=True, timeout=1800, cwd=ROOT)
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def check_run(seed: int, base: Path, env: dict, build=None) -> list[tuple[str, str]]:
    """Two runs of the real command on a generated tree: each exits 0 without a traceback,
    the manifest balances and lists every entry, and the second run changes nothing.
    `build(rng, root, seed)` writes the tree (this module's `build_tree` unless given: the
    shapes and kinds generators pass their own)."""
    rng = random.Random(10_000 + seed)
    root = base / f"tree-{seed}"
    (build or build_tree)(rng, root, seed)
    out = base / f"out-{seed}"
    args = ["run", "--input", str(root), "--output", str(out), "--no-data-docs",
            "--shard-mb", rng.choice(["0.001", "16"]), "--workers", rng.choice(["0", "1"])]
    failures = []
    manifests, rows = [], []
    for attempt in (1, 2):
        status, stdout, stderr = run_cli(args, env)
        if status != 0 or "Traceback" in stderr:
            last = (stderr.strip().splitlines() or [""])[-1]
            failures.append(("run-exit", f"tree {seed} run {attempt}: exit {status}: {last[:300]}"))
            kept = Path(tempfile.gettempdir()) / f"bad-input-gen-failed-tree-{seed}"
            subprocess.run(["cp", "-a", str(root), str(kept)], check=False)
            (kept.parent / f"{kept.name}.stderr").write_text(stderr)
            return failures
        manifest = json.loads((out / "manifest.json").read_text())
        manifests.append(manifest)
        if not manifest.get("accounting_ok"):
            failures.append(("run-accounting", f"tree {seed} run {attempt}: {manifest.get('accounting_errors')}"))
        for source, entry in manifest["files"].items():
            total = sum(entry.get(k, 0) for k in ("clean", "quarantined", "duplicates", "filtered", "skipped"))
            if entry["read"] != total:
                failures.append(("run-balance", f"tree {seed}: {source}: read {entry['read']} != {total}"))
        rows.append({table: pq.read_table(out / table).num_rows if (out / table).exists() else 0
                     for table in ("clean", "quarantine", "duplicates")})
    if manifests[1]["totals"].get("files_processed"):
        failures.append(("rerun-changed", f"tree {seed}: the rerun cleaned {manifests[1]['totals']['files_processed']} "
                                          f"file(s) again: {manifests[1].get('inputs', {}).get('processed')}"))
    if rows[0] != rows[1]:
        failures.append(("rerun-changed", f"tree {seed}: rows {rows[0]} -> {rows[1]}"))
    return failures


def run_trees(seeds: range, check=None, prefix: str = "bad-input-runs-") -> list[tuple[str, str]]:
    """Run `check(seed, base, env)` (this module's `check_run` unless given: the fuzzer
    passes its own) for each seed against one embedded Prefect server."""
    from cli.main import PREFECT_DEFAULTS, start_embedded_server

    check = check or check_run
    failures = []
    os.environ.update({k: os.environ.get(k, v) for k, v in PREFECT_DEFAULTS.items()})
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        base = Path(tmp)
        os.environ.setdefault("PREFECT_HOME", str(base / "prefect-home"))
        server = start_embedded_server()
        env = {**os.environ, "PREFECT_API_URL": server.api_url, "PYTHONPATH": str(ROOT)}
        try:
            for seed in seeds:
                for kind, what in check(seed, base, env):
                    failures.append((kind, what))
                    print(f"run {seed}: {kind}: {what}", flush=True)
        finally:
            server.stop()
            for path in base.rglob("locked.jsonl"):
                path.chmod(0o644)
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--filter-lines", type=int, default=400, help="0: skip the filter")
    parser.add_argument("--runs", type=int, default=0,
                        help="also this many generated trees through the real `corpus-clean run`, twice each")
    args = parser.parse_args()
    seeds = range(args.first, args.first + args.seeds)
    failures: list[tuple[int, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bad-input-gen-") as base:
        for seed in seeds:
            for kind, what in check_seed(seed, Path(base)):
                failures.append((seed, kind, what))
                print(f"seed {seed}: {kind}: {what}", flush=True)
    if args.runs:
        failures += [(-2, kind, what) for kind, what in run_trees(range(args.first, args.first + args.runs))]
    if args.filter_lines:
        for kind, what in check_filter(filter_lines(seeds, args.filter_lines)) + check_filter_stream(seeds, 200):
            failures.append((-1, kind, what))
            print(f"filter: {kind}: {what}", flush=True)
    by_kind = collections.Counter(kind for _, kind, _ in failures)
    print(f"\n{len(seeds)} seeds, {args.filter_lines} filter lines: {len(failures)} failures "
          f"{dict(sorted(by_kind.items())) if by_kind else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Mutation fuzzing of valid inputs, byte level (round 18).

    python benchmarks/bad_input_fuzz.py [--seeds 300] [--first 0] [--runs 0] [--verbose]

Round 16's generator (``bad_input_gen.py``) composes inputs and damages them a few named
ways. This one starts from *valid* files of every format and container the readers accept
(JSONL, a JSON array, pretty-printed records, plain text, HTML, Parquet in several codecs
and row-group layouts; plain, .gz, .bz2, .xz, .zst) and mutates their bytes at random: bits
flipped, bytes inserted or deleted, a cut at a random offset, a block duplicated, two
files spliced, a gzip member's CRC or length broken, a compressed stream's inner bytes
flipped, a Parquet data page's bytes flipped inside an intact footer. Every record carries
a marker (``q<seed>z<i>q``) so each can be looked for after the run.

Invariants, checked through the real readers and shard functions (what the flow's tasks
call), record by record:

1. **No exception** escapes a reader or the shard functions, and nothing crashes the process.
2. **Accounting**: every file's counts balance; no record is written twice; every
   quarantined row keeps its raw input and says why.
3. **No silent loss**: when an original record's marker is found in no row (clean text,
   raw text or HTML of a clean or quarantined row) and the file gave fewer rows than it
   had records, its file's entry must give a reason (unreadable part, skipped file), or
   the mutation must have touched that record's own bytes (plain files, where the damaged
   byte range is known). (A marker altered in place, its record still a row, is damaged
   content that no checksum caught: zstd and Parquet pages carry none by default.)
4. **Damage costs the damaged records only** (plain JSONL and text, where it is known
   which records' bytes the mutation touched): a record whose bytes are intact is read
   back clean, not quarantined with its neighbour.

`--runs N`: also N generated trees (a few mutated files each) through the real
``corpus-clean run`` twice on one embedded server: exit 0 without a traceback, every
record accounted for by (source, record_index) in clean/quarantine/duplicates exactly once
or its file listed with a reason, each quarantined row with its raw input and a reason,
the manifest balanced, the rerun changing nothing.

Prints one line per failure and a summary by kind; exit 1 when any failed.
"""
from __future__ import annotations

import argparse
import collections
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from corpus_clean.shards import clean_shard, split_by_validation  # noqa: E402

import bad_input_gen  # noqa: E402  (round 16's generator: its compress and tree runner)
from bad_input_gen import compress  # noqa: E402

WORDS = ("harbour council ferry pier storm engineers spring grant fishermen quay morning closure "
         "café crème façade über straße гавань совет паром 港口 议会 渡轮 الميناء المجلس").split()
VOCABULARY = {word.lower() for word in WORDS}
FORMATS = ["jsonl", "jsonl", "jsonl", "json_array", "json_pretty", "txt", "html", "parquet", "parquet"]
CONTAINERS = ["", "", "", ".gz", ".bz2", ".xz", ".zst"]
MUTATIONS = ["flip_bits", "insert_bytes", "delete_bytes", "truncate", "duplicate_block", "splice",
             "gzip_trailer", "inner_flip", "parquet_page_flip", "several"]
MARKER = re.compile(r"q\d+z\d+q")


def marker(seed: int, index: int) -> str:
    return f"q{seed}z{index}q"


def make_records(rng: random.Random, seed: int) -> list[dict]:
    """Valid records, each with a unique id and its marker in its text."""
    records = []
    for index in range(rng.randint(3, 40)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 60)))
        text = f"{marker(seed, index)} {words}." + ("\n\n" + words.capitalize() + "." if rng.random() < 0.3 else "")
        records.append({"id": f"s{seed}-{index}", "text": text})
    return records


@dataclass
class Valid:
    """One valid file: its bytes, name, and each record's marker and byte range in the
    plain (uncompressed) bytes, when the format has records at known places."""

    name: str
    plain: bytes
    data: bytes
    markers: list[str]
    spans: list[tuple[int, int]] | None  # per record, [start, end) in `plain`; None: not known
    container: str = ""
    fmt: str = ""
    touched: set[str] = field(default_factory=set)  # markers of records the mutation reached


def parquet_bytes(rng: random.Random, records: list[dict]) -> bytes:
    table = pa.table({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=rng.choice(["none", "snappy", "zstd", "gzip"]),
                   row_group_size=rng.choice([2, 5, 1000]), data_page_size=rng.choice([64, 1 << 20]),
                   use_dictionary=rng.random() < 0.5, write_page_checksum=rng.random() < 0.3)
    return sink.getvalue()


def make_valid(rng: random.Random, seed: int, fmt: str | None = None) -> Valid:
    records = make_records(rng, seed)
    fmt = fmt or rng.choice(FORMATS)
    container = "" if fmt == "parquet" else rng.choice(CONTAINERS)
    markers = [marker(seed, i) for i in range(len(records))]
    spans = None
    if fmt == "jsonl":
        lines = [json.dumps(r, ensure_ascii=rng.random() < 0.5).encode() + b"\n" for r in records]
        plain, spans, at = b"".join(lines), [], 0
        for line in lines:
            spans.append((at, at + len(line)))
            at += len(line)
        name = f"f{seed}.jsonl"
    elif fmt in ("json_array", "json_pretty"):
        # An array (compact or indented) or records pretty-printed back to back (``jq '.[]'``),
        # built a record at a time so each record's byte span is known.
        indent = rng.choice([None, 2]) if fmt == "json_array" else 2
        parts = [json.dumps(r, indent=indent, ensure_ascii=rng.random() < 0.5).encode() for r in records]
        opening, between, closing = (b"[", b", " if indent is None else b",\n", b"]") if fmt == "json_array" \
            else (b"", b"\n", b"\n")
        plain, spans = opening, []
        for k, part in enumerate(parts):
            spans.append((len(plain), len(plain) + len(part)))
            plain += part + (between if k < len(parts) - 1 else b"")
        plain += closing
        name = f"f{seed}.json"
    elif fmt == "txt":
        records, markers = records[:1], markers[:1]
        plain, name, spans = "\n\n".join([records[0]["text"]] * 3).encode(), f"f{seed}.txt", [(0, 0)]
        spans = [(0, len(plain))]
    elif fmt == "html":
        records, markers = records[:1], markers[:1]
        body = "".join(f"<p>{r['text'] if i == 0 else r['text'].replace(marker(seed, i), '')}</p>\n"
                       for i, r in enumerate(make_records(rng, seed)))
        plain = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>t{seed}</title></head>"
                 f"<body><article>{body}</article></body></html>").encode()
        name, spans = f"f{seed}.html", [(0, len(plain))]
    else:
        plain, name = parquet_bytes(rng, records), f"f{seed}.parquet"
    return Valid(name + container, plain, compress(plain, container), markers, spans, container, fmt)


def mutate(rng: random.Random, valid: Valid, other: Valid) -> tuple[bytes, str, tuple[int, int] | None]:
    """The file's bytes mutated one way; what was done; and, when the bytes mutated are
    the plain bytes, the damaged range of the plain file (records outside it are intact)."""
    kinds = list(MUTATIONS)
    if valid.container != ".gz":
        kinds.remove("gzip_trailer")
    if not valid.container:
        kinds.remove("inner_flip")
    if valid.fmt != "parquet":
        kinds.remove("parquet_page_flip")
    kind = rng.choice(kinds)
    data = bytearray(valid.data)
    n = len(data)
    plain = not valid.container
    if kind == "flip_bits":
        start = at = rng.randrange(n)
        for _ in range(rng.randint(1, 8)):
            data[at] ^= 1 << rng.randrange(8)
            at = min(n - 1, at + rng.randint(0, 3))
        return bytes(data), kind, (start, at + 1) if plain else None
    if kind == "insert_bytes":
        at = rng.randrange(n + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        return bytes(data[:at]) + junk + bytes(data[at:]), kind, (at, at + 1) if plain else None
    if kind == "delete_bytes":
        at = rng.randrange(n)
        width = rng.randint(1, 32)
        return bytes(data[:at]) + bytes(data[at + width:]), kind, (at, at + width) if plain else None
    if kind == "truncate":
        at = rng.randrange(1, n)
        return bytes(data[:at]), kind, (at, n + 1) if plain else None
    if kind == "duplicate_block":
        start = rng.randrange(n)
        block = bytes(data[start:start + rng.randint(1, 400)])
        at = rng.randrange(n + 1)
        return bytes(data[:at]) + block + bytes(data[at:]), kind, (at, at + 1) if plain else None
    if kind == "splice":
        at = rng.randrange(n)
        there = rng.randrange(len(other.data))
        return bytes(data[:at]) + other.data[there:], kind, (at, n + 1) if plain else None
    if kind == "gzip_trailer":
        at = n - rng.randint(1, 8)  # the last 8 bytes: CRC32 and size of the member
        data[at] ^= 0xFF
        return bytes(data), kind + (" (crc)" if at < n - 4 else " (size)"), None
    if kind == "inner_flip":
        at = rng.randrange(min(n - 1, 20), n)
        data[at] ^= 1 << rng.randrange(8)
        return bytes(data), kind, None
    if kind == "parquet_page_flip":
        footer = int.from_bytes(data[-8:-4], "little")
        end = max(5, n - 8 - footer)
        at = rng.randrange(4, end)
        for _ in range(rng.randint(1, 4)):
            data[min(at, end - 1)] ^= 1 << rng.randrange(8)
            at += rng.randint(1, 40)
        return bytes(data), kind, None
    # several: two or three of the simple ones
    out = bytes(data)
    for _ in range(rng.randint(2, 3)):
        copy = Valid(valid.name, valid.plain, out, valid.markers, None, valid.container, valid.fmt)
        out, _, _ = mutate_simple(rng, copy)
    return out, kind, (0, len(out) + 1) if plain else None


def mutate_simple(rng: random.Random, valid: Valid) -> tuple[bytes, str, None]:
    data = bytearray(valid.data)
    if not data:
        return b"", "empty", None
    at = rng.randrange(len(data))
    choice = rng.randrange(3)
    if choice == 0:
        data[at] ^= 1 << rng.randrange(8)
        return bytes(data), "flip", None
    if choice == 1:
        return bytes(data[:at]) + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + bytes(data[at:]), "ins", None
    return bytes(data[:at]) + bytes(data[at + rng.randint(1, 16):]), "del", None


# ---------------------------------------------------------------- checking through the shard functions

@dataclass
class Seen:
    """What the shard functions made of a tree."""

    problems: list[str] = field(default_factory=list)
    markers: dict[str, set[str]] = field(default_factory=lambda: collections.defaultdict(set))
    clean_markers: dict[str, set[str]] = field(default_factory=lambda: collections.defaultdict(set))
    files: dict = field(default_factory=dict)
    rows: collections.Counter = field(default_factory=collections.Counter)  # rows written per source
    quarantined_chars: collections.Counter = field(default_factory=collections.Counter)  # raw text kept, per source


def shard_view(root: Path, piece_bytes: int) -> Seen:
    """Every file of `root` through planning, cleaning and validation: what each record became."""
    seen = Seen()
    listed, plan = bad_input_gen.listed_and_planned(root, piece_bytes)
    keys = collections.Counter()
    for shard in plan:
        cleaned = clean_shard(shard, run_id="fuzz")
        output = split_by_validation(cleaned, {})
        for table, clean in ((output.clean, True), (output.quarantine, False)):
            names = table.schema.names
            columns = [c for c in ("source", "record_index", "text", "raw_text", "html", "reasons") if c in names]
            for row in table.select(columns).to_pylist():
                keys[(row["source"], row["record_index"])] += 1
                seen.rows[row["source"]] += 1
                found = set()
                for column in ("text", "raw_text", "html"):
                    found |= set(MARKER.findall(row.get(column) or ""))
                seen.markers[row["source"]] |= found
                if clean:
                    seen.clean_markers[row["source"]] |= found
                    words = (row.get("text") or "").split()
                    ours = sum(1 for word in words if word.strip(".,").lower() in VOCABULARY)
                    if not found and ours < 0.2 * len(words):
                        seen.problems.append(f"{row['source']}: clean row {row['record_index']} is none of the "
                                             f"records (garbage: {ours} of {len(words)} words ours)")
                else:
                    text = row.get("text") or ""
                    seen.quarantined_chars[row["source"]] += len(text) - text.count("\ufffd")
                    if not row.get("reasons"):
                        seen.problems.append(f"{row['source']}: quarantined row {row['record_index']} without a reason")
        for source, counts in cleaned.files.items():
            if source in seen.files:
                total = seen.files[source]
                for name in ("read", "clean", "quarantined", "skipped", "records", "unreadable"):
                    setattr(total, name, getattr(total, name) + getattr(counts, name))
                total.skipped_reasons += counts.skipped_reasons
                total.unreadable_reasons += counts.unreadable_reasons
            else:
                seen.files[source] = counts
    for source, counts in seen.files.items():
        if not counts.balanced():
            seen.problems.append(f"{source}: {counts.mismatches()}")
    twice = [key for key, n in keys.items() if n > 1]
    if twice:
        seen.problems.append(f"records written twice: {twice[:3]}")
    for listed_file in listed:
        if listed_file.source not in seen.files:
            seen.problems.append(f"{listed_file.source}: listed but absent from the accounting")
    return seen


def touched_markers(valid: Valid, damaged: tuple[int, int] | None) -> set[str]:
    """The markers of the records whose plain bytes the mutation reached (all of them when
    the format's records are not at known places; none when no plain range is known, e.g.
    the compressed bytes were mutated: then a loss must come with a reason)."""
    if damaged is None:
        return set()
    if valid.spans is None:
        return set(valid.markers)
    # (one byte either side: a damaged line end joins the record to its neighbour)
    return {valid.markers[i] for i, (a, b) in enumerate(valid.spans) if a - 1 < damaged[1] and damaged[0] < b + 1}


def check_seed(seed: int, base: Path, verbose: bool = False) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    valid = make_valid(rng, seed)
    other = make_valid(random.Random(seed + 10**6), seed + 10**6)
    data, kind, damaged = mutate(rng, valid, other)
    what = f"{valid.fmt}{valid.container or ''} {kind} ({len(valid.markers)} records)"
    folder = Path(tempfile.mkdtemp(prefix=f"z{seed}-", dir=base))
    (folder / valid.name).write_bytes(data)
    failures = []
    try:
        seen = shard_view(folder, rng.choice([256, 1 << 20]))
    except Exception:  # noqa: BLE001
        return [("raised", f"{what}: {traceback.format_exc(limit=-3)[-700:]}")]
    failures += [("accounting", f"{what}: {p}") for p in seen.problems]
    counts = seen.files.get(valid.name)
    reasons = (counts.skipped_reasons + counts.unreadable_reasons) if counts else []
    found = seen.markers.get(valid.name, set())
    missing = [m for m in valid.markers if m not in found]
    touched = touched_markers(valid, damaged)
    silent = [m for m in missing if m not in touched]
    # (a marker can be missing because the damage altered it in place -- zstd and Parquet
    # pages carry no checksum by default -- while its record is still a row: that is
    # damaged content, not a lost record; a loss is fewer rows than records)
    # (nor is content kept whole in quarantine, its reason on each row: a compact array
    # whose zstd stream was damaged at its start is one quarantined line of damaged text)
    kept_in_quarantine = seen.quarantined_chars[valid.name] >= 0.5 * len(valid.plain.decode("utf-8", "replace"))
    if silent and not reasons and seen.rows[valid.name] < len(valid.markers) and not kept_in_quarantine:
        failures.append(("silent-loss", f"{what}: {len(silent)} of {len(valid.markers)} records in no row, "
                                        f"no reason given (e.g. {silent[0]})"))
    if valid.spans is not None and damaged is not None and valid.fmt in ("jsonl", "json_array", "json_pretty"):
        intact = [m for m in valid.markers if m not in touched]
        lost = [m for m in intact if m not in seen.clean_markers.get(valid.name, set())]
        if lost:
            failures.append(("intact-record-lost", f"{what}: {len(lost)} of {len(intact)} intact records not clean "
                                                   f"(e.g. {lost[0]}; reasons: {reasons[:1]})"))
    if verbose:
        print(f"seed {seed}: {what}: found {len(found)}/{len(valid.markers)}, reasons {reasons[:2]}", flush=True)
    return failures


# ---------------------------------------------------------------- the real command

def build_tree(rng: random.Random, root: Path, seed: int) -> list[Valid]:
    """A few valid files, most of them mutated."""
    root.mkdir(parents=True)
    made = []
    for k in range(rng.randint(2, 5)):
        valid = make_valid(rng, seed * 10 + k)
        data = valid.data
        if rng.random() < 0.8:
            data, _, damaged = mutate(rng, valid, make_valid(random.Random(seed * 7 + k), 99_000 + k))
            valid.touched = touched_markers(valid, damaged)
        (root / valid.name).write_bytes(data)
        made.append(valid)
    return made


def run_cli(args: list[str], env: dict, timeout: int = 900) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, capture_output=True, timeout=timeout,
                          cwd=ROOT)
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def output_rows(out: Path) -> dict[str, list[dict]]:
    rows = {}
    for table in ("clean", "quarantine", "duplicates"):
        if not (out / table).exists():
            rows[table] = []
            continue
        read = pq.read_table(out / table)
        columns = [c for c in ("source", "record_index", "text", "raw_text", "html", "reasons", "id")
                   if c in read.schema.names]
        rows[table] = read.select(columns).to_pylist()
    return rows


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    rng = random.Random(50_000 + seed)
    root = base / f"tree-{seed}"
    made = build_tree(rng, root, seed)
    out = base / f"out-{seed}"
    args = ["run", "--input", str(root), "--output", str(out), "--no-data-docs",
            "--shard-mb", rng.choice(["0.001", "16"]), "--workers", rng.choice(["0", "1"])]
    failures, snapshots = [], []
    for attempt in (1, 2):
        status, _, stderr = run_cli(args, env)
        if status != 0 or "Traceback" in stderr:
            last = (stderr.strip().splitlines() or [""])[-1]
            kept = Path(tempfile.gettempdir()) / f"bad-input-fuzz-failed-tree-{seed}"
            subprocess.run(["cp", "-a", str(root), str(kept)], check=False)
            (kept.parent / f"{kept.name}.stderr").write_text(stderr)
            return [("run-exit", f"tree {seed} run {attempt}: exit {status}: {last[:300]}")]
        manifest = json.loads((out / "manifest.json").read_text())
        rows = output_rows(out)
        keys = collections.Counter((r["source"], r["record_index"]) for t in rows.values() for r in t)
        if any(n > 1 for n in keys.values()):
            failures.append(("run-twice", f"tree {seed}: {[k for k, n in keys.items() if n > 1][:3]}"))
        for row in rows["quarantine"]:
            if not row.get("reasons") or row.get("text") is None:
                failures.append(("run-quarantine", f"tree {seed}: {row['source']}:{row['record_index']} "
                                                   "without its reason or raw input"))
        if not manifest.get("accounting_ok"):
            failures.append(("run-accounting", f"tree {seed}: {manifest.get('accounting_errors')}"))
        # A rerun's manifest lists only the files that run read (none, when nothing changed):
        # the files are checked on the first run; the rerun by its rows and its count below.
        for valid in made if attempt == 1 else []:
            entry = manifest["files"].get(valid.name)
            if entry is None:
                failures.append(("run-unlisted", f"tree {seed}: {valid.name} not in the manifest"))
                continue
            written = sum(1 for t in rows.values() for r in t if r["source"] == valid.name)
            if entry["read"] - entry.get("skipped", 0) - entry.get("filtered", 0) != written:
                failures.append(("run-rows", f"tree {seed}: {valid.name}: manifest read {entry['read']} "
                                             f"(skipped {entry.get('skipped', 0)}), {written} rows"))
            found = {m for t in rows.values() for r in t if r["source"] == valid.name
                     for c in ("text", "raw_text", "html") for m in MARKER.findall(r.get(c) or "")}
            missing = [m for m in valid.markers if m not in found and m not in valid.touched]
            says = entry.get("skipped_reasons") or entry.get("unreadable_reasons") or entry.get("reasons")
            if missing and not says and attempt == 1:
                failures.append(("run-silent-loss", f"tree {seed}: {valid.name}: {len(missing)} of "
                                                    f"{len(valid.markers)} markers in no row, entry {entry}"))
        snapshots.append({t: sorted((r["source"], r["record_index"]) for r in v) for t, v in rows.items()})
        if attempt == 2 and manifest["totals"].get("files_processed"):
            failures.append(("rerun-changed", f"tree {seed}: the rerun cleaned "
                                              f"{manifest['totals']['files_processed']} file(s) again"))
    if snapshots[0] != snapshots[1]:
        failures.append(("rerun-changed", f"tree {seed}: rows changed on the rerun"))
    return failures


def run_trees(seeds: range) -> list[tuple[str, str]]:
    """The real `corpus-clean run` over fuzzed trees: round 16's runner with this module's check."""
    return bad_input_gen.run_trees(seeds, check=check_run, prefix="bad-input-fuzz-runs-")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--runs", type=int, default=0, help="also this many mutated trees through `corpus-clean run`")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    failures: list[tuple[int, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bad-input-fuzz-") as base:
        for seed in range(args.first, args.first + args.seeds):
            for kind, what in check_seed(seed, Path(base), args.verbose):
                failures.append((seed, kind, what))
                print(f"seed {seed}: {kind}: {what}", flush=True)
    if args.runs:
        failures += [(-1, kind, what) for kind, what in run_trees(range(args.first, args.first + args.runs))]
    by_kind = collections.Counter(kind for _, kind, _ in failures)
    seeds_failed = len({seed for seed, _, _ in failures if seed >= 0})
    print(f"\n{args.seeds} seeds ({seeds_failed} with a failure), {args.runs} runs: {len(failures)} failures "
          f"{dict(sorted(by_kind.items())) if by_kind else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

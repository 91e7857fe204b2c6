#!/usr/bin/env python3
"""Memory of runs over many tiny records: the peak of the process tree is bounded by
records per shard, not only by bytes.

    python benchmarks/tiny_records.py [--records 200000,600000] [--trees OLD,NEW] [--work DIR]

A shard holds its cleaned rows until it is validated and written, ~3 KB a record however
short the text, so 16 MB of one-line texts (13-byte JSON lines) would be ~1.2 million
records in one shard. For each size, three inputs written here: a JSONL file of
one-word records, a Parquet file of short rows in ONE row group (as pandas and pyarrow
write up to a million rows), and the same records as ten thousand `.txt` files
would be too slow, so not included. Each input runs through `corpus-clean run` of each
tree (`--trees`: checkouts to compare, e.g. ``git archive <commit> | tar -x -C DIR``;
default: this one), one run each, sampled every 0.2 s (``memory.TreeSampler``). Prints
peak RSS and PSS of the tree, CPU seconds and the run's shard count.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from memory import run_measured  # noqa: E402


def write_inputs(folder: Path, records: int) -> dict[str, Path]:
    """{kind: input folder} for `records` tiny records of each kind."""
    inputs = {}
    jsonl = folder / f"jsonl-{records}"
    if not jsonl.exists():
        jsonl.mkdir(parents=True)
        (jsonl / "tiny.jsonl").write_text("".join('{"text":"w%d"}\n' % k for k in range(records)))
    inputs["JSONL, one word a record"] = jsonl
    parquet = folder / f"parquet-{records}"
    if not parquet.exists():
        parquet.mkdir(parents=True)
        table = pa.table({"text": [f"row {k}: the tide came in early" for k in range(records)]})
        pq.write_table(table, parquet / "one_group.parquet", row_group_size=records)
    inputs["Parquet, one row group of short rows"] = parquet
    return inputs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", default="200000,600000")
    ap.add_argument("--trees", default=str(ROOT), help="comma-separated checkouts to run (default: this one)")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="tiny-records-"))
    trees = [Path(t).resolve() for t in args.trees.split(",")]
    print("| input | records | tree | peak RSS of the tree (MB) | peak PSS (MB) | CPU s | shards |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for records in (int(n) for n in args.records.split(",")):
        for kind, folder in write_inputs(work / "inputs", records).items():
            for tree in trees:
                out = work / "out"
                env = {"PYTHONPATH": str(tree) + os.pathsep + os.environ.get("PYTHONPATH", "")}
                sampler, _, cpu = run_measured(folder, out, 1, [], env=env)
                shards = json.loads((out / "manifest.json").read_text()).get("shards")
                print(f"| {kind} | {records:,} | {tree.name} | {sampler.peak_rss / 2**20:,.0f} | "
                      f"{sampler.peak_pss / 2**20:,.0f} | {cpu:.1f} | {shards} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

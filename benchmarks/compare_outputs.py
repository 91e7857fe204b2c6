#!/usr/bin/env python3
"""Two runs' output folders hold the same data: every Parquet file byte for byte (and,
when the bytes differ, which columns differ), and the manifests' totals and per-file
counts. For before/after checks of a change that must not change the output.

    python benchmarks/compare_outputs.py BEFORE_OUTPUT_DIR AFTER_OUTPUT_DIR

Exit status 1 when anything differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq


def parquet_files(root: Path) -> dict[str, Path]:
    return {str(path.relative_to(root)): path for path in sorted(root.rglob("*.parquet"))}


def manifest_counts(root: Path) -> list[dict]:
    """Each version's totals and per-file counts (timings and paths left out)."""
    found = []
    for path in sorted(root.rglob("manifest.json")):
        manifest = json.loads(path.read_text())
        found.append({"totals": manifest.get("totals"), "files": manifest.get("files")})
    return found


def differences(before: Path, after: Path) -> list[str]:
    found = []
    old, new = parquet_files(before), parquet_files(after)
    if old.keys() != new.keys():
        found.append(f"Parquet files differ: only before {sorted(old.keys() - new.keys())}, "
                     f"only after {sorted(new.keys() - old.keys())}")
    for name in sorted(old.keys() & new.keys()):
        if old[name].read_bytes() == new[name].read_bytes():
            continue
        a, b = pq.read_table(old[name]), pq.read_table(new[name])
        columns = [c for c in a.column_names if c not in b.column_names or not a.column(c).equals(b.column(c))]
        found.append(f"{name}: bytes differ; rows {a.num_rows} vs {b.num_rows}; columns that differ: {columns}")
    if manifest_counts(before) != manifest_counts(after):
        found.append("manifests' totals or per-file counts differ")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    found = differences(args.before, args.after)
    print("\n".join(found) if found else f"same output: {len(parquet_files(args.before))} Parquet files "
                                         f"byte-identical, manifests' counts equal")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

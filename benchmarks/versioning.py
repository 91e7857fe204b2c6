"""Versioned folders with a swapped pointer (ours) against Delta Lake (`deltalake`), on the
workload a daily schedule gives: one initial load, then days on which some input files
change (their rows are replaced) and some are new.

    python benchmarks/versioning.py [--files 200] [--rows 40] [--days 5] [--repeat 3]

Synthetic rows shaped like clean rows (id, source, lang, published, ~3 KB of text), made
here; no benchmark data needed. Prints markdown tables: time per step (best of
--repeat, the two systems interleaved in one process), what is on disk, and what a
plain-Parquet glob reader sees. Needs the `bench` extra (`deltalake`).
"""
from __future__ import annotations

import argparse
import glob
import random
import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_clean.dataset import VersionBuilder, write_part
from corpus_clean.layout import OutputLayout

LANGS = ["en", "de", "fr", "es", "pt", "it"]
WORDS = "harbour council voted rebuild ferry pier closed storm engineers steel piles spring grant fishermen".split()


def file_rows(source: str, rows: int, seed: int) -> list[dict]:
    rng = random.Random(f"{source}:{seed}")
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return [{"id": f"{source}:{i}:{seed}", "source": source, "record_index": i, "lang": rng.choice(LANGS),
             "published": start + timedelta(hours=rng.randrange(24 * 300)),
             "text": " ".join(rng.choice(WORDS) for _ in range(450))} for i in range(rows)]


def table_of(sources: list[str], rows: int, seed: int) -> pa.Table:
    return pa.Table.from_pylist([r for s in sources for r in file_rows(s, rows, seed)])


def day_plan(files: int, days: int) -> list[tuple[list[str], list[str]]]:
    """Per day: (changed sources, new sources); day 0 loads the initial files."""
    rng = random.Random(7)
    known = [f"f{i:05d}.jsonl" for i in range(files)]
    plan = [([], list(known))]
    for day in range(1, days + 1):
        changed = rng.sample(known, max(files // 40, 1))
        new = [f"d{day}-{i:03d}.jsonl" for i in range(max(files // 40, 1))]
        known += new
        plan.append((changed, new))
    return plan


class Ours:
    name = "versioned folders + pointer (ours)"

    def __init__(self, root: Path):
        self.layout = OutputLayout(root)

    def commit(self, table: pa.Table, replaced: list[str]) -> None:
        builder = VersionBuilder(self.layout, set(replaced))
        builder.carry_over()
        write_part(builder.staging, "clean", f"part-{builder.next_number()}", table)
        builder.compact()
        builder.commit({}, "", {}, keep_versions=100)

    def read_all(self) -> pa.Table:
        return pq.read_table(glob.glob(str(self.layout.table_dir("clean") / "*.parquet")))

    def read_lang(self, lang: str) -> pa.Table:
        return pq.read_table(glob.glob(str(self.layout.table_dir("clean") / "*.parquet")), filters=[("lang", "=", lang)])

    def read_version(self, number: int) -> pa.Table:
        return pq.read_table(self.layout.version_dir(number) / "clean")

    def glob_path(self) -> str:
        return str(self.layout.table_dir("clean") / "*.parquet")


class Delta:
    name = "Delta Lake (deltalake)"

    def __init__(self, root: Path):
        self.root = root

    def commit(self, table: pa.Table, replaced: list[str]) -> None:
        from deltalake import write_deltalake

        sources = sorted(set(table.column("source").to_pylist()) | set(replaced))
        if not (self.root / "_delta_log").exists():
            write_deltalake(str(self.root), table, mode="append")
            return
        # One atomic commit: replace every row of the touched sources (replaceWhere).
        predicate = "source in (" + ", ".join(f"'{s}'" for s in sources) + ")"
        write_deltalake(str(self.root), table, mode="overwrite", predicate=predicate)

    def read_all(self) -> pa.Table:
        from deltalake import DeltaTable

        return DeltaTable(str(self.root)).to_pyarrow_table()

    def read_lang(self, lang: str) -> pa.Table:
        from deltalake import DeltaTable

        return DeltaTable(str(self.root)).to_pyarrow_table(filters=[("lang", "=", lang)])

    def read_version(self, number: int) -> pa.Table:
        from deltalake import DeltaTable

        return DeltaTable(str(self.root), version=number - 1).to_pyarrow_table()

    def glob_path(self) -> str:
        return str(self.root / "*.parquet")


def run_once(system_cls, root: Path, plan, rows: int) -> dict:
    system = system_cls(root)
    times = {"initial load": 0.0, "daily commit (mean)": 0.0}
    for day, (changed, new) in enumerate(plan):
        table = table_of(changed + new, rows, seed=day)
        start = time.perf_counter()
        system.commit(table, changed)
        elapsed = time.perf_counter() - start
        times["initial load" if day == 0 else "daily commit (mean)"] += elapsed if day == 0 else elapsed / (len(plan) - 1)
    for label, call in (("read current version", system.read_all), ("read one language", lambda: system.read_lang("en")),
                        ("read version 1 (time travel)", lambda: system.read_version(1))):
        start = time.perf_counter()
        call()
        times[label] = time.perf_counter() - start
    current = system.read_all()
    glob_rows = sum(pq.ParquetFile(p).metadata.num_rows for p in glob.glob(system.glob_path()))
    # Count each file once: versions share unchanged parts as hard links.
    files = {(st.st_dev, st.st_ino): st.st_size for st in (p.stat() for p in root.rglob("*.parquet"))}
    return {"times": times, "rows": current.num_rows, "glob_rows": glob_rows, "glob_files": len(glob.glob(system.glob_path())),
            "files_on_disk": len(files), "mb_on_disk": sum(files.values()) / 1e6,
            "ids_ok": current.num_rows == len(set(current.column("id").to_pylist())),
            "version1_rows": system.read_version(1).num_rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rows", type=int, default=40, help="rows per input file")
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plan = day_plan(args.files, args.days)
    expected = (args.files + sum(len(new) for _, new in plan[1:])) * args.rows
    best: dict[str, dict] = {}
    facts: dict[str, dict] = {}
    for _ in range(args.repeat):
        for system_cls in (Ours, Delta):  # interleaved, best of --repeat
            root = Path(tempfile.mkdtemp(prefix="bench-versioning-"))
            try:
                result = run_once(system_cls, root / "out", plan, args.rows)
            finally:
                shutil.rmtree(root, ignore_errors=True)
            facts[system_cls.name] = result
            for label, value in result["times"].items():
                best.setdefault(system_cls.name, {})[label] = min(value, best.get(system_cls.name, {}).get(label, value))
    names = [Ours.name, Delta.name]
    print(f"Workload: {args.files} files x {args.rows} rows (~3 KB text each), then {args.days} days with "
          f"{len(plan[1][0])} changed + {len(plan[1][1])} new files a day; {expected:,} rows at the end.\n")
    print("| step (s, best of %d) | %s | %s | ours / Delta |" % (args.repeat, *names))
    print("|---|---:|---:|---:|")
    for label in best[Ours.name]:
        ours, delta = best[Ours.name][label], best[Delta.name][label]
        print(f"| {label} | {ours:.3f} | {delta:.3f} | {ours / delta:.2f} |")
    print()
    print("| after the last day | %s | %s |" % tuple(names))
    print("|---|---:|---:|")
    rows = [("rows in the current version", "rows"), ("rows a plain `*.parquet` glob sees", "glob_rows"),
            ("files a plain glob sees", "glob_files"), ("distinct Parquet files on disk (all versions)", "files_on_disk"),
            ("MB on disk (all versions)", "mb_on_disk"), ("ids unique", "ids_ok"), ("rows in version 1", "version1_rows")]
    for label, key in rows:
        values = [facts[name][key] for name in names]
        shown = [f"{v:.1f}" if isinstance(v, float) else str(v) for v in values]
        print(f"| {label} | {shown[0]} | {shown[1]} |")
    print(f"\nExpected rows: {expected:,}.")


if __name__ == "__main__":
    main()

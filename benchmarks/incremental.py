"""Incremental runs on one output folder: a first run, an unchanged rerun, a day with one
new file, a day with one changed file (the clean-corpus flow, embedded Prefect server).

    python benchmarks/incremental.py ../shared/bench/boilerplate/scrapinghub.jsonl.gz [--copies 10]

The corpus is --copies JSONL files, each a copy of the bench's `naive_text` records.
Prints a markdown table: wall seconds per run, files cleaned / unchanged, records read.
"""
from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path


def write_copy(corpus: Path, records: list[dict], copy: int, tag: str = "") -> None:
    with open(corpus / f"copy-{copy:03d}.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({"id": f"{copy}-{record['id']}", "text": record["naive_text"] + tag}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", help="path to scrapinghub.jsonl.gz")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    records = [json.loads(line) for line in gzip.open(args.bench, "rt", encoding="utf-8")]

    from flows.clean_corpus import clean_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "in", Path(tmp) / "out"
        corpus.mkdir()
        for copy in range(args.copies):
            write_copy(corpus, records, copy)
        megabytes = sum(f.stat().st_size for f in corpus.iterdir()) / 1e6
        warm = Path(tmp) / "warm"
        (warm / "in").mkdir(parents=True)
        (warm / "in" / "a.txt").write_text(records[0]["naive_text"])
        clean_corpus(input_path=str(warm / "in"), output_dir=str(warm / "out"), data_docs=False)  # server up

        days = [("first run (everything new)", lambda: None),
                ("rerun, input unchanged", lambda: None),
                ("one new file", lambda: write_copy(corpus, records, args.copies)),
                ("one file changed", lambda: write_copy(corpus, records, 0, tag="\nUpdated.")),
                ("rerun, input unchanged", lambda: None)]
        rows = []
        for label, change in days:
            change()
            start = time.perf_counter()
            manifest = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False)
            seconds = time.perf_counter() - start
            totals = manifest["totals"]
            rows.append(f"| {label} | {seconds:.1f} | {totals['files_processed']} | {totals['files_unchanged']} | "
                        f"{totals['read']:,} | {manifest['dataset']['clean']['rows']:,} | v{manifest['version']} |")
    print(f"Corpus: {args.copies} JSONL files, {args.copies * len(records):,} records, {megabytes:.1f} MB.\n")
    print("| run | wall s | files cleaned | files unchanged | records read | clean rows in version | version |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

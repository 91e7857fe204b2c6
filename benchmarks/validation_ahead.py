"""Validation with the per-row checks made ahead (in the cleaning workers) against
validation searching itself: the same report on real texts?

    python benchmarks/validation_ahead.py INPUT [INPUT ...]

Each INPUT is a file or folder the pipeline reads (JSONL with `text` or `html`, .txt,
.html, .parquet; e.g. the bench's pages or garbled texts converted to JSONL, or a corpus
from benchmarks/corpus_gen.py). Every input is cleaned as a run cleans it
(``shards.clean_shard`` with ``BatchExtras(checks=...)``, batch by batch), then validated
twice with GX: with the checks made ahead and without. Prints one markdown row per input:
rows, rows failing, whether failures, per-expectation results and per-row failures are
identical, and the CPU seconds of each validation (best of 2, interleaved).
"""
from __future__ import annotations

import argparse
import time

from corpus_clean.readers import list_input_files
from corpus_clean.shards import BatchExtras, clean_shard, plan_shards
from corpus_clean.validate import ValidationConfig, validate_table


def compare(path: str, config: ValidationConfig) -> str:
    shards = plan_shards(list_input_files(path), target_bytes=1 << 40)  # one shard
    cleaned = clean_shard(shards[0], "compare", extras=BatchExtras(checks=config))
    best = {"ahead": float("inf"), "alone": float("inf")}
    reports = {}
    for _ in range(2):
        for name, checks in (("alone", None), ("ahead", cleaned.checks)):
            start = time.process_time()
            reports[name] = validate_table(cleaned.rows, config, checks=checks)
            best[name] = min(best[name], time.process_time() - start)
    alone, ahead = reports["alone"], reports["ahead"]
    same = (alone.failures == ahead.failures and alone.results == ahead.results
            and alone.row_failures == ahead.row_failures)
    return (f"| {path} | {cleaned.rows.num_rows} | {len(alone.failures)} | {'yes' if same else '**no**'} | "
            f"{best['alone']:.2f} | {best['ahead']:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    print("| input | rows | rows failing | same report | validation CPU s, searching | with checks made ahead |")
    print("|---|---:|---:|---|---:|---:|")
    for path in args.inputs:
        print(compare(path, ValidationConfig()), flush=True)


if __name__ == "__main__":
    main()

"""Per-shard tasks: clean, validate, write. Each is a few lines around the core.

cache_policy=NONE: shards are re-read on every run (outputs are overwritten atomically
and deterministically), and hashing Arrow tables for cache keys would cost more than
it saves.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import pyarrow.compute as pc
from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.dataset import write_part
from corpus_clean.parallel import clean_shard_on_workers
from corpus_clean.shards import CleanedShard, FileCounts, Shard, split_by_validation
from corpus_clean.validate import ValidationConfig, ValidationReport, validate_table
from tasks.retries import IO_RETRIES


@dataclass
class ShardSummary:
    """What one shard produced: small, so it travels back to the flow cheaply."""

    name: str
    clean_rows: int
    quarantined_rows: int
    files: dict[str, FileCounts]
    fixes: dict[str, int]
    removed_by_rule: dict[str, int]
    chars_removed_by_rule: dict[str, int]
    validation: list[dict] = field(default_factory=list)
    quarantine_examples: list[dict] = field(default_factory=list)
    data_docs_index: str | None = None
    chars_in: int = 0                                   # n_chars_raw of the shard's rows
    chars_out: int = 0                                  # n_chars_clean of its clean rows
    languages: dict[str, int] = field(default_factory=dict)            # clean rows per lang
    quarantine_by_check: dict[str, int] = field(default_factory=dict)  # quarantined rows per check


@task(name="clean-shard", cache_policy=NONE, task_run_name="clean-{shard.name}")
def clean_shard_task(shard: Shard, run_id: str, steps: tuple[str, ...], workers: int = 1,
                     on_batch: Callable[[int], None] | None = None) -> CleanedShard:
    return clean_shard_on_workers(shard, run_id, steps, workers, on_batch=on_batch)


@task(name="validate-shard", cache_policy=NONE)
def validate_shard_task(cleaned: CleanedShard, config: ValidationConfig,
                        data_docs_dir: str | None) -> ValidationReport:
    return validate_table(cleaned.rows, config, data_docs_dir=data_docs_dir)


# Writing is idempotent (same name, atomic rename), so a transient I/O error is retried.
@task(name="write-shard", cache_policy=NONE, **IO_RETRIES)
def write_shard_task(cleaned: CleanedShard, report: ValidationReport, staging_dir: str, part_name: str) -> ShardSummary:
    clean_rows, quarantined = split_by_validation(cleaned, report.failures)
    write_part(staging_dir, "clean", part_name, clean_rows)
    write_part(staging_dir, "quarantine", part_name, quarantined)
    checks = Counter(reason["check"] for reasons in quarantined.column("reasons").to_pylist()
                     for reason in {r["check"]: r for r in reasons}.values())
    languages = {entry["values"] or "": entry["counts"] for entry in pc.value_counts(clean_rows.column("lang")).to_pylist()}
    counters = cleaned.counters
    examples = [
        {"id": row["id"], "source": row["source"], "record_index": row["record_index"],
         "reasons": "; ".join(f"{r['check']}: {r['detail']}" for r in row["reasons"])[:300]}
        for row in quarantined.select(["id", "source", "record_index", "reasons"]).slice(0, 20).to_pylist()
    ]
    return ShardSummary(
        name=cleaned.shard.name, clean_rows=clean_rows.num_rows, quarantined_rows=quarantined.num_rows,
        files=cleaned.files, fixes=dict(counters.fixes), removed_by_rule=dict(counters.removed_by_rule),
        chars_removed_by_rule=dict(counters.chars_removed_by_rule), validation=report.results,
        quarantine_examples=examples, data_docs_index=report.data_docs_index,
        chars_in=pc.sum(cleaned.rows.column("n_chars_raw")).as_py() or 0,
        chars_out=pc.sum(clean_rows.column("n_chars_clean")).as_py() or 0,
        languages=languages, quarantine_by_check=dict(checks),
    )

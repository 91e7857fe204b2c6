"""Per-shard tasks: clean, validate, write. Each is a few lines around the core.

cache_policy=NONE: shards are re-read on every run (outputs are overwritten atomically
and deterministically), and hashing Arrow tables for cache keys would cost more than
it saves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.output import write_parquet
from corpus_clean.parallel import clean_shard_on_workers
from corpus_clean.shards import CleanedShard, FileCounts, Shard, split_by_validation
from corpus_clean.validate import ValidationConfig, ValidationReport, validate_table


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


@task(name="clean-shard", cache_policy=NONE, task_run_name="clean-{shard.name}")
def clean_shard_task(shard: Shard, run_id: str, steps: tuple[str, ...], workers: int = 1) -> CleanedShard:
    return clean_shard_on_workers(shard, run_id, steps, workers)


@task(name="validate-shard", cache_policy=NONE)
def validate_shard_task(cleaned: CleanedShard, config: ValidationConfig,
                        data_docs_dir: str | None) -> ValidationReport:
    return validate_table(cleaned.rows, config, data_docs_dir=data_docs_dir)


@task(name="write-shard", cache_policy=NONE)
def write_shard_task(cleaned: CleanedShard, report: ValidationReport, output_dir: str) -> ShardSummary:
    clean_rows, quarantined = split_by_validation(cleaned, report.failures)
    out = Path(output_dir)
    write_parquet(clean_rows, out / "clean" / f"{cleaned.shard.name}.parquet")
    write_parquet(quarantined, out / "quarantine" / f"{cleaned.shard.name}.parquet")
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
    )

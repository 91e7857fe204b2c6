"""Per-shard tasks: clean, validate, write. Each is a few lines around the core.

cache_policy=NONE: shards are re-read on every run (outputs are overwritten atomically
and deterministically), and hashing Arrow tables for cache keys would cost more than
it saves.
"""
from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.output import write_parquet
from corpus_clean.parallel import clean_shard_on_workers
from corpus_clean.shards import CleanedShard, Shard, ShardSummary, split_by_validation, summarize_shard
from corpus_clean.steps import Step
from corpus_clean.validate import ValidationConfig, ValidationReport, validate_table


@task(name="clean-shard", cache_policy=NONE, task_run_name="clean-{shard.name}")
def clean_shard_task(shard: Shard, run_id: str, steps: tuple[Step, ...], workers: int = 1) -> CleanedShard:
    return clean_shard_on_workers(shard, run_id, steps, workers)


@task(name="validate-shard", cache_policy=NONE)
def validate_shard_task(cleaned: CleanedShard, config: ValidationConfig,
                        data_docs_dir: str | None) -> ValidationReport:
    return validate_table(cleaned.rows, config, data_docs_dir=data_docs_dir)


@task(name="write-shard", cache_policy=NONE)
def write_shard_task(cleaned: CleanedShard, report: ValidationReport, output_dir: str) -> ShardSummary:
    output = split_by_validation(cleaned, report.failures)
    out = Path(output_dir)
    write_parquet(output.clean, out / "clean" / f"{cleaned.shard.name}.parquet")
    write_parquet(output.quarantine, out / "quarantine" / f"{cleaned.shard.name}.parquet")
    if output.filtered.num_rows:
        write_parquet(output.filtered, out / "filtered" / f"{cleaned.shard.name}.parquet")
    return summarize_shard(cleaned, output, report.results, report.data_docs_index)

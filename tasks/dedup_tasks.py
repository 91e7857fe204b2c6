"""Thin Prefect tasks for the run-level near-duplicate stage (corpus_clean.dedup_stage).

Local runs decide each shard's duplicates as it is written (``ShardByShardDedup``) and
end with ``finish_dedup_task`` (save the index). Dask runs: one assignment over the
whole run (sequential, in record order, against the index the dataset carries; the
signatures were staged as each shard was written); then per part: move the duplicates
out. All inside the version being built.
"""
from __future__ import annotations

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.dedup_rebuild import RebuiltIndex, rebuild_index
from corpus_clean.dedup_stage import ShardByShardDedup, assign_run, move_duplicates


@task(name="dedup-assign", cache_policy=NONE)
def assign_task(staging: str, part_names: list[str], index_dir: str, forget: pa.Array | None = None) -> pa.Table:
    return assign_run(staging, part_names, index_dir, forget=forget)


@task(name="dedup-move", cache_policy=NONE, task_run_name="dedup-move-{part_name}")
def move_duplicates_task(staging: str, part_name: str, assignments: pa.Table) -> dict[str, int]:
    return move_duplicates(staging, part_name, assignments)


@task(name="dedup-rebuild-index", cache_policy=NONE)
def rebuild_index_task(index_dir: str, version_dir: str) -> RebuiltIndex:
    return rebuild_index(index_dir, version_dir)


@task(name="dedup-finish", cache_policy=NONE)
def finish_dedup_task(shard_dedup: ShardByShardDedup) -> dict[str, int]:
    return shard_dedup.finish()

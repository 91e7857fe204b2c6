"""Thin Prefect tasks for the run-level near-duplicate stage (corpus_clean.dedup_stage).

Per staged clean part: signatures; then one assignment over the whole run (sequential,
in record order, against the index the dataset carries); then per part: move the
duplicates out. All inside the version being built.
"""
from __future__ import annotations

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.dedup import deduplicate
from corpus_clean.dedup_stage import move_duplicates, part_signatures


@task(name="dedup-signatures", cache_policy=NONE, task_run_name="dedup-signatures-{part_name}")
def signatures_task(staging: str, part_name: str) -> pa.Table:
    return part_signatures(staging, part_name)


@task(name="dedup-assign", cache_policy=NONE)
def assign_task(signatures: list[pa.Table], index_dir: str) -> pa.Table:
    return deduplicate(signatures, index_dir)


@task(name="dedup-move", cache_policy=NONE, task_run_name="dedup-move-{part_name}")
def move_duplicates_task(staging: str, part_name: str, assignments: pa.Table) -> dict[str, int]:
    return move_duplicates(staging, part_name, assignments)

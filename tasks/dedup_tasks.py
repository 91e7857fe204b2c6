"""Thin Prefect tasks around the dedup and signals core (corpus_clean.dedup, .signals).

The flow runs ``signatures_task`` per clean table (cheap to send back: ~0.5 KB per
document), then one ``dedup_task`` for the whole run, then ``split_duplicates_task`` per
table before writing clean/ and duplicates/.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.dedup import DedupParams, clean_table_signatures, deduplicate, split_duplicates
from corpus_clean.signals import with_signals


@task(name="signals", cache_policy=NONE)
def signals_task(table: pa.Table) -> pa.Table:
    return with_signals(table)


@task(name="dedup-signatures", cache_policy=NONE)
def signatures_task(table: pa.Table | str | Path, params: DedupParams = DedupParams()) -> pa.Table:
    return clean_table_signatures(table, params)


@task(name="dedup-assign", cache_policy=NONE)
def dedup_task(signatures: list[pa.Table], index_dir: str, params: DedupParams = DedupParams()) -> pa.Table:
    return deduplicate(signatures, index_dir, params)


@task(name="split-duplicates", cache_policy=NONE)
def split_duplicates_task(clean: pa.Table, assignments: pa.Table) -> tuple[pa.Table, pa.Table]:
    return split_duplicates(clean, assignments)

"""Per-shard tasks: clean, then validate and write. Each is a few lines around the core.

cache_policy=NONE: shards are re-read on every run (outputs are overwritten atomically
and deterministically), and hashing Arrow tables for cache keys would cost more than
it saves.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Callable

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NONE

from corpus_clean.dataset import write_part
from corpus_clean.dedup_stage import ShardByShardDedup, stage_signatures
from corpus_clean.output import readers_order, sort_for_readers
from corpus_clean.parallel import clean_shard_on_workers, work_only_this_process_does
from corpus_clean.processes import return_freed_memory
from corpus_clean.shards import BatchExtras, CleanedShard, Shard, ShardSummary, split_by_validation, summarize_shard
from corpus_clean.steps import Step
from corpus_clean.validate import ValidationConfig, ValidationReport, row_checks_in_slices, validate_table
from tasks.retries import IO_RETRIES


@task(name="clean-shard", cache_policy=NONE, task_run_name="clean-{shard.name}")
def clean_shard_task(shard: Shard, run_id: str, steps: tuple[Step, ...], workers: int = 1,
                     on_batch: Callable[[int], None] | None = None,
                     extras: BatchExtras | None = None, start_after: threading.Event | None = None,
                     read: threading.Event | None = None, last: bool = False) -> CleanedShard:
    """With `start_after`, the cleaning starts once that event is set (the shard before has
    handed out its last batch); `read` is set once this shard has (or has failed). `last`:
    the run's last shard (its last batch is cleaned in this process)."""
    if start_after is not None:
        start_after.wait()
    try:
        return clean_shard_on_workers(shard, run_id, steps, workers, on_batch=on_batch, extras=extras,
                                      when_read=read.set if read is not None else None, last=last)
    finally:
        if read is not None:
            read.set()


def validate_shard(cleaned: CleanedShard, config: ValidationConfig, data_docs_dir: str | None) -> ValidationReport:
    """The shard's rows against the GX suite (every row, every expectation). The per-row
    searches were made by the cleaning workers, else they are made here over the whole shard."""
    checks = cleaned.checks if cleaned.checks is not None else row_checks_in_slices(cleaned.rows, config)
    return validate_table(cleaned.rows, config, data_docs_dir=data_docs_dir, checks=checks)


# Writing is idempotent (same name, atomic rename), so a transient I/O error is retried
# (the validation before it is deterministic: a retry finds the same failures).
@task(name="write-shard", cache_policy=NONE, **IO_RETRIES)
def write_shard_task(cleaned: CleanedShard, config: ValidationConfig, data_docs_dir: str | None, staging_dir: str,
                     part_name: str, dedup: bool = True,
                     shard_dedup: ShardByShardDedup | None = None, last: bool = False) -> ShardSummary:
    """Validate a shard, then write its clean, quarantined and filtered rows. With
    `shard_dedup` (the run's shards written in order), the clean rows are split into clean
    and duplicates first, each written once; else with `dedup` their signatures are staged
    for the run-level stage. `last`: the run's last shard (with `shard_dedup`, the run's
    dedup index is saved beside its writes).

    One task, not a validate task and a write task: the write always waited for the
    validation, so two tasks ran one after the other, and each task run costs ~7 ms of
    this process's CPU and ~35 ms of the Prefect server's (its state events, its log
    line; benchmarks/RESULTS-throughput.md, "Round 14, flow14"), per shard."""
    with work_only_this_process_does():  # meanwhile the cleaning workers clean the next shard alone
        report = validate_shard(cleaned, config, data_docs_dir)
        return _write_shard(cleaned, report, staging_dir, part_name, dedup, shard_dedup, last)


# Threads that write a shard's parts side by side (``_write_shard``). Arrow encodes and
# compresses a Parquet file without Python's lock, one file on one core: a shard's clean
# part, its duplicates, its quarantine and the run's dedup index were written one after
# another (0.10 s of CPU per 20 MB shard, all of it on the run's critical path for the
# last shard, while the cleaning workers sit stopped).
_WRITERS = ThreadPoolExecutor(max_workers=3, thread_name_prefix="corpus-clean-writes")


def _write_shard(cleaned: CleanedShard, report: ValidationReport, staging_dir: str, part_name: str,
                 dedup: bool, shard_dedup: ShardByShardDedup | None, last: bool = False) -> ShardSummary:
    """Split the validated shard and write its parts: the quarantined and filtered rows
    (which the dedup split does not change) while the clean rows are split, then the
    duplicates beside the clean part (and, for the run's `last` shard, the dedup index's
    save, ``ShardByShardDedup.finish``). Returns once every file is written; the first
    error raised, after every write has ended (a retry never meets a write still going).
    The same files, bytes and names as written one after another."""
    output = split_by_validation(cleaned, report.failures)
    summary = summarize_shard(cleaned, output, report.results, report.data_docs_index)
    writes = [_WRITERS.submit(write_part, staging_dir, "quarantine", part_name, output.quarantine)]
    if output.filtered.num_rows:
        writes.append(_WRITERS.submit(write_part, staging_dir, "filtered", part_name, output.filtered))
    try:
        if shard_dedup is not None:
            # Sorted for readers and split in one copy of each row (a sorted copy of the
            # whole shard, then a copy of its kept rows, held a third shard's worth at once).
            clean, duplicates = shard_dedup.split(part_name, output.clean, cleaned.signatures,
                                                  order=readers_order(output.clean))
            del output
            if last and shard_dedup.can_finish_beside_writes:
                writes.append(_WRITERS.submit(shard_dedup.finish))
            if duplicates.num_rows:
                writes.append(_WRITERS.submit(write_part, staging_dir, "duplicates", part_name, duplicates, sort=False))
            del duplicates
        else:
            clean = sort_for_readers(output.clean)
            del output  # its clean rows: the sorted copy is the one written
        write_part(staging_dir, "clean", part_name, clean, sort=False)
        if dedup and shard_dedup is None:  # while the texts are in memory (the dedup stage would read them back)
            stage_signatures(staging_dir, part_name, clean, computed=cleaned.signatures)
        del clean
    finally:
        _wait_for_all(writes)
    del writes
    if last:
        # Only after the run's last shard: the dedup index's save and the commit's merges
        # come next, and they are the run's peak. Between shards the next shard's
        # buffers, of the same sizes, reuse these pages; handed back to the OS after
        # every shard, they were faulted in again (~80k page faults, ~0.4 s of CPU per
        # 200 MB; benchmarks/RESULTS-throughput.md, "Round 25, flow25").
        pa.default_memory_pool().release_unused()  # the sort's and the writer's buffers
        return_freed_memory()  # and the C heap's (the signatures' Python strings)
    return summary


def _wait_for_all(futures: list[Future]) -> None:
    """Wait until every future has ended; then raise the first one's error, if any.

    >>> _wait_for_all([_WRITERS.submit(int, "1")])
    >>> _wait_for_all([_WRITERS.submit(int, "x"), _WRITERS.submit(int, "2")])
    Traceback (most recent call last):
    ValueError: invalid literal for int() with base 10: 'x'
    """
    wait(futures)
    for future in futures:
        future.result()

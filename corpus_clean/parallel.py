"""Cleaning shards on several cores: one process pool shared by a run's shard tasks.

Cleaning is pure-Python CPU work, so threads share one core (the GIL). The flow's shard
tasks stay on Prefect's thread pool (they are cheap to schedule and report to the UI);
each hands its shard to this pool of `workers` processes and waits for the result.
Only the pure core runs in the workers: no Prefect, no server connection (Prefect's own
process task runner made every task talk to the embedded SQLite server, which locked).

Workers are started with "spawn" (a fork of a process running Prefect's threads could
copy a held lock) and live until the interpreter exits, so one run's shards, or the
next run's in the same process, reuse them.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from corpus_clean.pipeline import ALL_STEPS
from corpus_clean.shards import CleanedShard, Shard, clean_shard

_pools: dict[int, ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            _pools[workers] = pool
        return pool


def _forget(workers: int, pool: ProcessPoolExecutor) -> None:
    with _pools_lock:
        if _pools.get(workers) is pool:
            del _pools[workers]


def resolve_workers(workers: int) -> int:
    """0 (or less) means one worker per CPU.

    >>> resolve_workers(3)
    3
    """
    return workers if workers > 0 else (os.cpu_count() or 1)


def clean_shard_on_workers(shard: Shard, run_id: str, steps: tuple[str, ...] = ALL_STEPS,
                           workers: int = 1) -> CleanedShard:
    """`clean_shard`, in this process when `workers` is 1, else in the shared pool of
    `workers` processes (0: one per CPU).

    The result is the same either way (cleaning is deterministic per shard). If a
    worker dies (killed, out of memory), the error is raised here, naming the shard,
    and the broken pool is dropped so the next call starts a fresh one.
    """
    workers = resolve_workers(workers)
    if workers == 1:
        return clean_shard(shard, run_id, steps)
    pool = _pool(workers)
    try:
        return pool.submit(clean_shard, shard, run_id, steps).result()
    except BrokenProcessPool as error:
        _forget(workers, pool)
        raise RuntimeError(f"{shard.name}: a cleaning worker process died ({error})") from error

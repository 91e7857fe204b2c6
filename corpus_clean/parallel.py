"""Cleaning on several cores: a run's shard tasks share `workers` cleaning processes, the
one that reads the shards and `workers` - 1 in a process pool.

Cleaning is pure-Python CPU work, so threads share one core (the GIL). The flow's shard
tasks stay on Prefect's thread pool (they are cheap to schedule and report to the UI);
each reads its shard in batches of records (``shards.BATCH_DOCS``; JSONL lines unparsed,
``shards.UnreadLine``) and hands each batch to the pool while every worker has fewer than
two waiting, else cleans it itself (``_clean_batches_here_and_in``), taking them back in
order, as Arrow tables. So even a single shard uses every core, and a batch cleaned where
it was read pays no hand-off (lines pickled out, the table pickled back, the worker's own
caches filled again). Only the pure core runs in the workers: no Prefect, no server
connection (Prefect's own process task runner made every task talk to the embedded
SQLite server, which locked).

Workers are forked from multiprocessing's fork server. For two or more workers it
imports the cleaning modules and warms them up once (``worker_preload``: rule packs
compiled into RE2 sets, the line classifier, ...; ~0.8 s of CPU), which the workers then
share; spawned workers each did all of that themselves. For one worker (``--workers 2``)
the fork server loads only ``worker_main`` (the workers start without the parent's main
module) and the worker loads the rest itself (``_preload``). The fork server is a
fresh single-threaded interpreter, so forking it is safe; forking the flow process itself
is not (a fork of a process running Prefect's threads could copy a held lock). A run
starts its workers first thing (``start_workers``, in the background, where the flow
process also warms up its own cleaning), so they get ready while the flow process plans
the run and opens the version (and, for a CLI run, while the embedded server starts),
not while the first batches wait for them. The flow stops them, and the fork server,
once its shards are cleaned (``stop_workers``). Workers exit on their own when the
process that started them dies, even by SIGKILL (``processes.exit_when_parent_exits``).
"""
from __future__ import annotations

import atexit
import gc
import json
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from typing import Callable, Iterator

from corpus_clean.processes import exit_when_parent_exits
from corpus_clean.shards import (Batch, BatchExtras, CleanedBatch, CleanedShard, Shard, UnreadLine, clean_batch,
                                 clean_shard)
from corpus_clean.steps import DEFAULT_STEPS, Step, resolve_steps

_pools: dict[int, ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()


# What the fork server imports before it forks any worker.
PRELOAD = "corpus_clean.worker_preload"


def _pool(workers: int) -> ProcessPoolExecutor:
    """The pool of a run cleaning in `workers` processes: `workers` - 1 worker processes
    (the process that reads the shards is the other one)."""
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(_preload(workers - 1))
            else:  # Windows: no fork; each spawned worker warms itself up (start_worker)
                context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context, initializer=start_worker,
                                       initargs=(_code_folder(),))
            _pools[workers] = pool
        return pool


# What the fork server imports for any pool: the workers' start without the parent's main
# module (``worker_main``: a deployment's run had each worker import all of Prefect).
PRELOAD_ALWAYS = "corpus_clean.worker_main"


def _preload(processes: int) -> list[str]:
    """What the fork server loads for a pool of `processes` workers: the warm cleaning code
    when two or more workers share it; for one (``--workers 2``) only ``PRELOAD_ALWAYS``
    (the warm code would leave the fork server holding a second copy of everything its
    only worker holds, ~115 MB of RSS, for no CPU saved: the worker loads it itself,
    ``start_worker``). ``worker_preload`` imports ``worker_main`` first.

    >>> _preload(1), _preload(3)
    (['corpus_clean.worker_main'], ['corpus_clean.worker_preload'])
    """
    return [PRELOAD] if processes > 1 else [PRELOAD_ALWAYS]


def start_workers(workers: int) -> None:
    """Have the pool for cleaning in `workers` processes (0: one per CPU; 1: none, cleaning
    runs in-process) start now, in the background: the first worker waits for the fork
    server to load (~1 s), the caller does not, and ``clean_shard_on_workers`` finds them
    started; meanwhile this process warms up its own cleaning (``warm_up``)."""
    workers = resolve_workers(workers)
    if workers > 1:
        pool = _pool(workers)
        with _pools_lock:
            if pool in _starts:  # started already (the flow's call started them before its run)
                return
            _starts[pool] = []
        threading.Thread(target=_start_processes, args=(pool, workers), name="start-cleaning-workers",
                         daemon=True).start()


# The first call each worker of a pool started by ``start_workers`` runs: done once it is
# up and warmed up (``start_worker``), see ``_ready``.
_starts: dict[ProcessPoolExecutor, list[Future]] = {}


def _start_processes(pool: ProcessPoolExecutor, workers: int) -> None:
    starts = _starts.get(pool, [])
    try:
        for _ in range(workers - 1):  # a submitted call starts a process when none is idle
            starts.append(pool.submit(os.getpid))
    except RuntimeError:  # stopped or broken meanwhile: the cleaning, if any, says so
        pass
    warm_up()


def _ready(pool: ProcessPoolExecutor) -> bool:
    """Whether a worker of `pool` is up (or the pool was not started by ``start_workers``).
    Until then this process cleans every batch itself. Batches handed to a worker still
    loading its code (~0.8 s of CPU per run) made this process wait for it: it cleaned the
    few batches it may hold beyond the worker's, then waited for the worker's first one to
    come back, in order (the timeline of a run showed it idle ~1.5 s at the start)."""
    starts = _starts.get(pool)
    return starts is None or any(start.done() for start in starts)


def _code_folder() -> str:
    return os.path.dirname(os.path.abspath(sys.modules["corpus_clean"].__file__))


def start_worker(code_folder: str | None = None) -> None:
    """A cleaning worker's set-up: exit with the parent, keep pandas out, and load what
    cleaning loads on first use (``warm_up``; done once in the fork server when it preloads). Refuses to
    run cleaning code from another folder than the flow's (`code_folder`): the fork
    server imports ``corpus_clean`` from its own ``sys.path``, which a program that
    changed its ``sys.path`` at run time does not pass on."""
    if code_folder is not None and _code_folder() != code_folder:
        raise RuntimeError(f"cleaning workers would run corpus_clean from {_code_folder()}, "
                           f"the run's is in {code_folder}: install it, or put it on PYTHONPATH")
    exit_when_parent_exits()
    pyarrow_without_pandas()
    if not _warmed_up:  # a fork server without the preload (``_preload``): as ``worker_preload`` does
        warm_up()
        gc.collect()
        gc.freeze()


# A made-up record for ``warm_up``, with a line of each common kind of furniture.
_WARM_UP_LINE = json.dumps({"id": "warm-up", "url": "https://example.test/a", "text": (
    "Home | News | Sport\nCouncil approves the new harbour ferry timetable\nBy A. Writer, Staff Reporter\n"
    "PORTVILLE, March 3 (Wire) - The harbour board approved the new ferry timetable on Tuesday "
    "after a long public hearing in which residents asked for earlier morning crossings.\n"
    "Share this article\nCopyright 2026 Example News. All rights reserved.\n")}).encode()


_warmed_up = False  # in this process (forked workers inherit the fork server's)
_warm_up_lock = threading.Lock()  # the flow process warms up in a background thread (``start_workers``)


def warm_up() -> None:
    """Clean one made-up record with the default steps and the flow's extras, so that what
    the steps load on first use is loaded now (~0.6 s of CPU measured: the boilerplate
    rule packs parsed and compiled into RE2 sets, the line classifier, the signals' and
    validation's tables), not on a worker's first batch. Only a warm-up: should it fail,
    the first real batch meets the same error with its own record. A second call waits
    for the first to end (what the steps load is not loaded by two threads at once)."""
    from corpus_clean.dedup import DedupParams
    from corpus_clean.validate import ValidationConfig

    global _warmed_up
    with _warm_up_lock:
        if _warmed_up:
            return
        try:
            clean_batch([UnreadLine("warm-up.jsonl", 0, _WARM_UP_LINE)], resolve_steps(DEFAULT_STEPS), "warm-up",
                        BatchExtras(signatures=DedupParams(), checks=ValidationConfig()))
        except Exception:  # noqa: BLE001 - see the docstring
            pass
        _warmed_up = True


def pyarrow_without_pandas() -> None:
    """Stop pyarrow importing pandas in a process that never converts to pandas.

    The first ``pa.array`` or ``Table.from_pylist`` imports pandas (~34 MB resident per
    process, measured) only to ask whether its argument is a pandas object. pyarrow asks
    once: here it is answered "no pandas" with the import briefly blocked, and never asked
    again. pandas itself still imports normally afterwards (a user's step may use it), and
    an explicit ``to_pandas`` tries the import again.

    >>> import subprocess, sys
    >>> code = ("import sys; from corpus_clean.parallel import pyarrow_without_pandas as f; f();"
    ...         "import pyarrow as pa; pa.array([1]); print('pandas' in sys.modules)")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'False\\n'
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder that refuses pandas (for ``pyarrow_without_pandas``)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is kept out of cleaning workers")
        return None


def _forget(workers: int, pool: ProcessPoolExecutor) -> None:
    with _pools_lock:
        if _pools.get(workers) is pool:
            del _pools[workers]
        _starts.pop(pool, None)


def stop_workers() -> None:
    """Stop the cleaning processes of every pool, and the fork server (the next
    ``clean_shard_on_workers`` or ``start_workers`` starts new ones). The flow calls it
    once its shards are cleaned: idle, the workers held ~180 MB each, and the fork server
    ~120 MB, through the dedup stage and the commit, where the flow process itself peaks."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
        _starts.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)
    if pools:
        _stop_fork_server()


# At exit, before multiprocessing's own exit handler (registered earlier, so run later)
# removes the pool's semaphores: a worker still starting then (a run interrupted in its
# first seconds, while the fork server loads) died printing a FileNotFoundError traceback
# after the run's last line.
atexit.register(stop_workers)


def _stop_fork_server() -> None:
    """multiprocessing has no public call for this; ``ForkServer._stop`` (CPython's own tests
    use it) closes the pipe whose end tells the server to exit, and waits for it: at once,
    since every worker forked from it has exited."""
    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def resolve_workers(workers: int) -> int:
    """0 (or less) means one worker per CPU.

    >>> resolve_workers(3)
    3
    """
    return workers if workers > 0 else (os.cpu_count() or 1)


def clean_shard_on_workers(shard: Shard, run_id: str, steps: tuple[str | Step, ...] = DEFAULT_STEPS,
                           workers: int = 1, on_batch: Callable[[int], None] | None = None,
                           extras: BatchExtras | None = None,
                           when_read: Callable[[], None] | None = None, last: bool = False) -> CleanedShard:
    """`clean_shard`, all in this process when `workers` is 1, else with its batches
    cleaned by `workers` processes (0: one per CPU): this one and `workers` - 1 in the
    shared pool (``_clean_batches_here_and_in``). `when_read` is called once the shard's
    last batch is read and handed out (with `workers` > 1), while the last batches are
    still being cleaned: the next shard can start filling the pool then. `last`: no shard
    follows this one into the pool (the run's last): its last batch is cleaned here (see
    ``_clean_batches_here_and_in``).

    The result is the same either way (cleaning is deterministic per batch, and batches
    come back in order). If a worker dies (killed, out of memory), the error is raised
    here, naming the shard, and the broken pool is dropped so the next call starts a
    fresh one.
    """
    workers = resolve_workers(workers)
    steps = resolve_steps(steps)
    if workers == 1:
        return clean_shard(shard, run_id, steps, on_batch=on_batch, extras=extras)
    if _pool(workers) not in _starts:  # (a run's flow started them first thing)
        start_workers(workers)
    pool = _pool(workers)
    warm_up()  # (done already if ``start_workers`` ran; else the rule packs load here, once)
    try:
        return clean_shard(shard, run_id, steps, clean_batches=partial(_clean_batches_here_and_in, pool,
                                                                      QUEUED_PER_WORKER * (workers - 1),
                                                                      ready=partial(_ready, pool),
                                                                      when_read=when_read, last=last),
                           on_batch=on_batch, extras=extras)
    except BrokenProcessPool as error:
        _forget(workers, pool)
        raise RuntimeError(f"{shard.name}: a cleaning worker process died ({error})") from error


# Batches submitted to each worker and not yet cleaned: its next one is always there
# when it finishes one, also while this process cleans a batch itself.
QUEUED_PER_WORKER = 2

# Work running now that only this process can do (a shard's validation and writing, in
# Prefect's task threads): while there is some, this process cleans no batch itself.
_own_work = 0
_own_work_lock = threading.Lock()


@contextmanager
def work_only_this_process_does() -> Iterator[None]:
    """Mark work that only this process can do (validating and writing a shard, the
    dedup decisions) while it runs, so that its cleaning threads leave the batches to the
    worker processes meanwhile (``_clean_batches_here_and_in``) instead of taking turns
    with it on the one interpreter lock. The run's last steps (the last shard's validation
    and writing, the commit) can only run here once the cleaning is over, so whatever of
    that work is done while the workers clean is off the run's critical path: a shard
    validated while this process also cleaned finished late, its work left for after
    the last batch, the workers idle."""
    global _own_work
    with _own_work_lock:
        _own_work += 1
    try:
        yield
    finally:
        with _own_work_lock:
            _own_work -= 1


def _busy_with_own_work() -> bool:
    return _own_work > 0


# While this process leaves the cleaning to the pool, how often it looks whether its own
# work is done (it wakes at once when a worker returns a batch).
OWN_WORK_POLL_S = 0.02


def _clean_batches_here_and_in(pool: ProcessPoolExecutor, queued: int, batches: Iterator[Batch],
                               steps: tuple[Step, ...], run_id: str, extras: BatchExtras | None = None,
                               clean: Callable[..., CleanedBatch] = clean_batch,
                               busy: Callable[[], bool] = _busy_with_own_work,
                               ready: Callable[[], bool] = lambda: True,
                               when_read: Callable[[], None] | None = None,
                               last: bool = False) -> Iterator[CleanedBatch]:
    """Clean `batches` in `pool` and in this process, yielding them (as tables) in order.

    A batch goes to the pool while fewer than `queued` batches wait or run there and the
    pool is `ready` (``_ready``: a worker is up); else
    this process cleans it, unless it is `busy` with work only it can do
    (``work_only_this_process_does``): then it waits for the pool to take the batch.
    So the workers never wait for this process, and this process cleans whatever its
    other work (validating and writing the shard before, Prefect's calls) leaves it time
    for, instead of only handing batches over: a worker pays for every batch it gets (the
    lines pickled in, the table pickled back, its own caches filled again), a batch
    cleaned here pays none of it. At most 2 × `queued` + 1 batches are held, cleaned or
    not (memory bounded). (`clean`: the cleaning function, ``shards.clean_batch``;
    `when_read`: called once the last batch is handed out.)

    With `last` (the run's last shard: no batch of another shard follows these into the
    pool), the batches are read one ahead, and the very last one is cleaned here (unless
    this process is busy with its own work): queued in the pool it would end after the
    batch the worker is cleaning, this process idle meanwhile; here it ends after one
    batch, with no hand-off. Batches of equal cost (``tests/test_parallel.py``): with an
    odd count, the worker's last batch ended a whole batch after this process's, now this
    process's ends last and the worker's earlier (benchmarks/RESULTS-throughput.md,
    "Round 17, flow17").
    """
    pending: deque = deque()  # in the batches' order: a Future in the pool, or a batch cleaned here
    for batch, final in _with_final(batches) if last else ((batch, False) for batch in batches):
        while len(in_pool := _in_pool(pending)) >= queued and busy():
            wait(in_pool, timeout=OWN_WORK_POLL_S, return_when=FIRST_COMPLETED)  # (the lock is free meanwhile)
            while pending and _finished(pending[0]):
                yield _result(pending.popleft())
        if len(_in_pool(pending)) < queued and ready() and (busy() or not final):
            pending.append(pool.submit(clean, batch, steps, run_id, extras))
        else:
            pending.append(clean(batch, steps, run_id, extras))
        while pending and (len(pending) > 2 * queued or _finished(pending[0])):
            yield _result(pending.popleft())
    if when_read is not None:
        when_read()
    while pending:
        yield _result(pending.popleft())


def _with_final(batches: Iterator[Batch]) -> Iterator[tuple[Batch, bool]]:
    """Each batch, and whether it is the last one (read one ahead).

    >>> list(_with_final(iter("abc"))), list(_with_final(iter("")))
    ([('a', False), ('b', False), ('c', True)], [])
    """
    iterator = iter(batches)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


def _in_pool(pending: deque) -> list[Future]:
    """The batches in `pending` still waiting or being cleaned in the pool."""
    return [item for item in pending if isinstance(item, Future) and not item.done()]


def _finished(item: Future | CleanedBatch) -> bool:
    return not isinstance(item, Future) or item.done()


def _result(item: Future | CleanedBatch) -> CleanedBatch:
    return item.result() if isinstance(item, Future) else item

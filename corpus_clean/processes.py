"""Child processes that never outlive the run that started them.

A process killed with SIGKILL runs no clean-up, so its children (the embedded Prefect
server, the cleaning workers) would live on under PID 1. Two kernel-level guards, one
for each way a child is started:

- `die_with_parent`, as a `preexec_fn` of `subprocess.Popen`: Linux's
  PR_SET_PDEATHSIG has the kernel kill the child when the thread that forked it dies.
  Only for children started from the main thread (the thread must live as long as
  the process).
- `exit_when_parent_exits`, as a pool initializer: a thread waiting on the
  multiprocessing parent sentinel (a pipe the parent holds open until it dies), for
  workers started from any thread.
"""
from __future__ import annotations

import atexit
import ctypes
import functools
import gc
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1


@functools.cache  # once per process
def skip_final_collections_at_exit() -> None:
    """Have this process leave its objects out of the garbage collections Python makes
    while it shuts down (``gc.freeze`` as an exit handler; registered once per process;
    exit handlers run last in, first out, so it runs after every handler registered
    later: Prefect's, the worker pool's).

    Why: a run's process holds ~630k objects (Prefect, its embedded server, GX,
    SQLAlchemy, pandas), and those collections cost it 1.3-2.2 s of CPU after its work
    was done, on every run and on an interrupted one (a SIGTERM'd run sat 8 s of wall in
    ``gc_collect_main`` at load 12; benchmarks/RESULTS-throughput.md, "Round 10, flow10").
    Nothing is lost: the run's files are written and closed, its logs and events sent,
    its workers stopped before the exit; the exit handlers still run; only objects in
    reference cycles are not finalized, which Python never promises at exit anyway.
    Only for processes that are a run's own (the CLI's ``main``, a deployment's run):
    an extension built with nanobind (duckdb) reports the instances it still sees at exit
    as leaks, so a library user's process (or pytest's) keeps Python's usual exit."""
    atexit.register(gc.freeze)


def die_with_parent(sig: int = signal.SIGKILL):
    """A `preexec_fn` that has the child get `sig` when its parent dies (Linux only;
    elsewhere it does nothing and the parent's own clean-up is all there is)."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    # Looked up here, in the parent: between fork and exec the child should only call
    # what is ready (another thread may hold a lock the lookup would need).
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def exit_when_parent_exits() -> None:
    """In a multiprocessing child: exit at once when the parent process is gone."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-when-parent-exits", daemon=True).start()


def return_freed_memory() -> None:
    """Hand the C heap's free pages back to the OS (glibc's malloc_trim; elsewhere a no-op).

    glibc raises its mmap threshold after a large block is freed, so later big numpy and
    Python allocations come from the heap and stay resident once freed: measured, the
    dedup assignment left the flow process 178 MB larger for 88 MB of peak allocations.
    Called after each shard is written and after the dedup stage.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def _find_malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc; musl has none
    except (OSError, AttributeError):
        return None


_malloc_trim = _find_malloc_trim()

"""SIGTERM during a run, raised as an exception only where raising is safe.

The run stops on SIGTERM by raising an exception in the main thread, so that every
`finally` runs (the output's lock, the workers, the embedded server), as Ctrl-C does.
Python runs a signal handler between any two bytecodes of the main thread, so the
exception can land anywhere. Two places break the process instead of stopping it:

* importlib's own code. ``_get_module_lock``'s weakref callback takes the global import
  lock one instruction before its ``try``: an exception raised there leaves the lock held
  for ever, and every other thread blocks at its next import. Seen: a run SIGTERM'd while
  the main thread collected a module lock hung with its validate tasks waiting to import.
* code whose exceptions Python ignores (``__del__``, weakref callbacks): the exception is
  printed as "Exception ignored" and the signal is lost; the run goes on as if unsignalled.

So the handlers are wrapped (``when_safe``): inside import machinery the signal is sent
again a moment later instead of raising, and an ignored stop is sent again too
(``resend_ignored_stops``).

A background import begun for later (GX's, 2.5-4 s of CPU) is abandoned once a stop is
requested (``abandoned_on_stop``): it would otherwise go on burning CPU while the run
stops, for modules nothing will use.
"""
from __future__ import annotations

import _thread
import contextlib
import os
import sys
import threading
import time

# How long a deferred signal waits before it is sent again: short against a run's stop,
# long enough for the import lock's few instructions to finish.
RESEND_AFTER_SECONDS = 0.05
# How many times in a row a signal is deferred before it is raised wherever it lands: a
# program that runs the whole command from inside an import (a module calling `main` at
# import time) is always inside import machinery, and must still stop (after ~2 s).
MOST_DEFERRALS = 40


def inside_import_machinery(frame) -> bool:
    """Whether `frame` or one of its callers is importlib's bootstrap code.

    >>> import sys
    >>> inside_import_machinery(sys._getframe())
    False
    """
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def send_again_soon(signum: int) -> None:
    """Send `signum` to this process again after RESEND_AFTER_SECONDS, from a new thread
    (a raw one: the threading module may need the import lock being waited for)."""
    def resend() -> None:
        time.sleep(RESEND_AFTER_SECONDS)
        os.kill(os.getpid(), signum)

    _thread.start_new_thread(resend, ())


# Set when a stop signal reaches a guarded handler (or the run says it is stopping).
STOP_REQUESTED = threading.Event()


def when_safe(handler):
    """`handler` (a signal handler that raises) run only outside import machinery; inside
    it, the signal is deferred by `send_again_soon`. Idempotent: a wrapped handler is
    returned as it is."""
    if getattr(handler, "raises_when_safe", False):
        return handler

    deferred = [0]

    def guarded(signum, frame):
        STOP_REQUESTED.set()
        if deferred[0] < MOST_DEFERRALS and inside_import_machinery(frame):
            deferred[0] += 1
            send_again_soon(signum)
            return
        deferred[0] = 0
        handler(signum, frame)

    guarded.raises_when_safe = True
    guarded.__wrapped__ = handler
    return guarded


def resend_ignored_stops(stop_types: tuple[type[BaseException], ...], signum: int):
    """Install an unraisable hook: an exception of `stop_types` that Python ignored (raised
    in a ``__del__`` or a weakref callback) sends `signum` again, so the stop is not lost.
    Anything else goes to the hook that was there, which is returned (to restore it)."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, stop_types):
            send_again_soon(signum)
            return
        previous(unraisable)

    sys.unraisablehook = hook
    return previous


def guard_prefects_sigterm_handler() -> None:
    """Wrap the handler Prefect installs while a flow runs (it raises TerminationSignal)
    with `when_safe`. Prefect installs and recognises it through this module attribute,
    read at each flow run; a Prefect without it keeps its own handler as it is."""
    from prefect.utilities import engine

    handler = getattr(engine, "_prefect_sigterm_handler", None)
    if handler is not None:
        engine._prefect_sigterm_handler = when_safe(handler)


class ImportAbandoned(BaseException):
    """Raised by `abandoned_on_stop` inside an import that a stop made useless. A
    BaseException: libraries' ``except ImportError`` / ``except Exception`` around optional
    imports must not swallow it and import on."""


class _AbandonImportsOnStop:
    """A meta path finder that, in one thread and once a stop is requested, makes the
    next module import of that thread fail; it finds nothing otherwise (the normal
    finders do the work)."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id

    def find_spec(self, name, path=None, target=None):
        if STOP_REQUESTED.is_set() and threading.get_ident() == self.thread_id:
            raise ImportAbandoned(name)
        return None


@contextlib.contextmanager
def abandoned_on_stop():
    """Within this block, this thread's imports stop at the next module once a stop is
    requested: `ImportAbandoned` comes out of the block instead of the rest of a long
    import. (A module already being executed finishes its own top-level code.)"""
    finder = _AbandonImportsOnStop(threading.get_ident())
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)

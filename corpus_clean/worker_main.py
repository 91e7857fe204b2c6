"""Cleaning workers import the main module of the process that started them only when
something sent to them needs it. Imported (which installs it) by the fork server the
workers are forked from, before it forks any (``parallel._preload``): it changes how
the children of that process start, and nothing in a process that merely imports it
(multiprocessing prepares only a new child that way).

Why: multiprocessing runs the parent's main module again in every worker it starts (as
``__mp_main__``), in case what it sends refers to it. For a deployment's run that module
is ``prefect.engine`` (``python -m prefect.engine``), and a library user's script
usually imports the flow at its top: either way each worker imported all of Prefect, the
flows and their dependencies, none of which cleaning uses: ~1.0 s more CPU at its start
and ~100 MB more memory per worker, measured (benchmarks/RESULTS-throughput.md, "Round
21, flow21"). What the workers are sent names the cleaning modules, which they import
themselves; a step class defined in the user's main script (``steps.register``) is the
one thing that names ``__main__``: its unpickling imports the main module then, as
before, and finds the class there.
"""
from __future__ import annotations

import sys
import threading
import types
from multiprocessing import spawn

_MAIN_KEYS = ("init_main_from_name", "init_main_from_path")


class MainOnDemand(types.ModuleType):
    """Stands for ``__main__`` in a worker until an attribute of it is asked for (a class
    to unpickle): then the parent's main module is imported as multiprocessing would
    have imported it at the start (``spawn.prepare``), and takes its place."""

    def __init__(self, how: dict) -> None:
        super().__init__("__mp_main__")
        self._how = how
        self._importing = False

    def __getattr__(self, name: str):
        # (``spawn``'s own checks ask for __file__; the main module asking for its own
        # attributes while it is being imported finds none, as a module being run would.)
        if (name.startswith("__") and name.endswith("__")) or self._importing:
            raise AttributeError(name)
        with _lock:
            if sys.modules.get("__main__") is self:
                self._importing = True
                try:
                    _prepare(self._how)  # (multiprocessing's own): the main module, run as __mp_main__, set as __main__
                finally:
                    self._importing = False
        return getattr(sys.modules["__main__"], name)


_lock = threading.RLock()
_prepare = spawn.prepare


def prepare_without_main(data: dict) -> None:
    """``spawn.prepare`` of a worker's start, with its main module put off
    (``MainOnDemand``) instead of imported now.

    >>> import sys
    >>> main = sys.modules["__main__"]
    >>> try:
    ...     prepare_without_main({"init_main_from_path": "/nowhere/main.py"})
    ...     type(sys.modules["__main__"]).__name__
    ... finally:
    ...     sys.modules["__main__"] = main
    'MainOnDemand'
    """
    how = {key: data[key] for key in _MAIN_KEYS if key in data}
    _prepare({key: value for key, value in data.items() if key not in _MAIN_KEYS})
    if how:
        sys.modules["__main__"] = sys.modules["__mp_main__"] = MainOnDemand(how)


def install() -> None:
    """Every worker forked from this process (the fork server) prepares itself without
    its main module."""
    spawn.prepare = prepare_without_main


install()

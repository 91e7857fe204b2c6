"""The switch between the compiled kernels (``corpus_clean._native``, built from
_native.c when a C compiler is there) and their pure-Python twins.

Every kernel has a twin in the module that uses it, written with numpy; the twin is the
reference and both give the same output (tests/test_native.py checks each pair on
generated inputs, and the whole core both ways). The compiled module is used when it was
built and imports, unless the environment says ``CORPUS_CLEAN_NATIVE=0``.

>>> with twins_only():
...     active() is None
True
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from types import ModuleType
from typing import Iterator


def _load() -> ModuleType | None:
    if os.environ.get("CORPUS_CLEAN_NATIVE", "1").strip() == "0":
        return None
    try:
        from corpus_clean import _native
    except ImportError:  # not built (no compiler at install): the twins run
        return None
    return _native


_compiled = _load()
_enabled = True


def active() -> ModuleType | None:
    """The compiled kernels' module, or None when the twins are to run."""
    return _compiled if _enabled else None


def switched_on() -> bool:
    """False inside :func:`twins_only`: the compiled kernels that follow this switch
    (this module's, corpus_clean.lexbor_walk's) give way to their Python twins."""
    return _enabled


def built() -> bool:
    """Was the compiled module built, imported and not switched off by the environment?"""
    return _compiled is not None


@contextmanager
def twins_only() -> Iterator[None]:
    """Run the pure-Python twins inside the block (to compare both paths in one process)."""
    global _enabled
    before, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = before

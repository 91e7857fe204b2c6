"""The first copy of each line in its group (``features.first_copies``): the compiled
kernel (``first_copies`` in corpus_clean/_native.c) against its pure-Python twin, and
the two steps that read it against the per-document code they replace.

* On generated groups of random Unicode lines (lone surrogates, combining marks, CJK,
  astral characters, empty lines, lines of 100,000 characters, equal strings that are
  distinct objects, strings whose hashes collide in a small table) both paths give the
  row of the first equal line of the group, never one of another group.
* ``batch.later_copies_many`` is ``engine._later_copies`` of each document.
* The classifier's repeat counts (``line_features_many``'s ``log_repeats``) are the
  ``collections.Counter`` of each document's non-blank lines.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.boilerplate.batch import Batch, later_copies_many
from corpus_clean.boilerplate.classifier import FEATURE_NAMES, line_features_many
from corpus_clean.boilerplate.engine import _later_copies
from corpus_clean.boilerplate.features import first_copies

compiled = pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")

CHARS = st.one_of(st.sampled_from(list("ab \t\u0301\u0308日本語\ud800\udfff\U0001F600") + [""]),
                  st.characters())
SHORT = st.lists(CHARS, max_size=6).map("".join)
LINE = st.one_of(SHORT, SHORT, st.sampled_from(["", "Home", "home", "Home ", "x" * 100_000, "日" * 30_000]))
GROUPS = st.lists(st.lists(LINE, max_size=30), min_size=1, max_size=6)


def reference(groups: list[list[str]]) -> list[int]:
    """The first equal line's row, by a scan of each group (slow and plain)."""
    out, row = [], 0
    for group in groups:
        for i, line in enumerate(group):
            out.append(row + group.index(line) if line in group[:i] else row + i)
        row += len(group)
    return out


def flat(groups: list[list[str]]) -> tuple[list[str], np.ndarray]:
    # (copies made by slicing: equal strings that are distinct objects)
    lines = [(line + "!")[:-1] if k % 2 else line for group in groups for k, line in enumerate(group)]
    return lines, np.cumsum([0] + [len(group) for group in groups])


@settings(max_examples=300, deadline=None)
@given(GROUPS)
def test_first_copies_both_paths_are_the_reference(groups):
    lines, bounds = flat(groups)
    want = reference(groups)
    assert first_copies(lines, bounds).tolist() == want
    with native.twins_only():
        assert first_copies(lines, bounds).tolist() == want


@compiled
def test_a_crowded_table_still_finds_every_copy():
    """600 distinct lines and their copies in one group (the table's probes run long)."""
    lines = [f"line {k % 600}" for k in range(1800)]
    got = first_copies(lines, np.array([0, len(lines)]))
    assert got.tolist() == [k % 600 for k in range(1800)]


@compiled
def test_the_kernel_refuses_bad_bounds_and_non_str():
    out = np.zeros(2, dtype=np.int64)
    kernel = native.active().first_copies
    with pytest.raises(ValueError):
        kernel(["a", "b"], np.array([0, 3], dtype=np.int64), out)
    with pytest.raises(ValueError):
        kernel(["a", "b"], np.array([1, 0], dtype=np.int64), out)
    with pytest.raises(TypeError):
        kernel(["a", 3], np.array([0, 2], dtype=np.int64), out)


DOCS = st.lists(st.lists(st.sampled_from(["Home", "News", "", "  ", "Share this", "A sentence of the story here.",
                                          "日本語", "\ud800", "Home "]), min_size=1, max_size=25).map("\n".join)
                .filter(str.strip), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(DOCS)
def test_later_copies_of_a_batch_are_each_documents(texts):
    batch = Batch.of(texts)
    want = np.concatenate([_later_copies(ctx.lines.content) for ctx in batch.ctxs])
    for switch in (native.twins_only, _as_is):
        with switch():
            assert later_copies_many(batch).tolist() == want.tolist()


def _as_is():
    from contextlib import nullcontext
    return nullcontext()


@settings(max_examples=60, deadline=None)
@given(DOCS)
def test_repeat_counts_are_each_documents_counter(texts):
    ctxs = [ctx for ctx in Batch.of(texts).ctxs if (~ctx.blank).any()]
    if not ctxs:
        return
    idxs, X, _ = line_features_many(ctxs)
    column = FEATURE_NAMES.index("log_repeats")
    want = []
    for ctx, rows in zip(ctxs, idxs):
        keys = [ctx.lines.content[r] for r in rows.tolist()]
        counts = Counter(keys)
        want += [np.log(counts[k]) for k in keys]
    assert X[:, column].tolist() == np.array(want, dtype=X.dtype).tolist()

"""Round 13's batch shortcuts give what the per-document work gives:

- the signals' rows (``signals.signal_rows``) are the struct's ``to_pylist``, with the
  compiled kernels and with their twins;
- ``records.documents_table`` takes a step's remembered Arrow column (``remember_column``)
  only for the very cells it was given with, in any order or subset, and converts
  anything else as before;
- ``StepCounters.add_removed_column`` counts a table's removals as ``add_many`` counts the
  Documents' (same counts, same keys in the same order);
- ``shards.cyclic_gc_paused`` gives the collector back as it found it, error or not.
"""
from __future__ import annotations

import gc
from contextlib import nullcontext

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.document import Document, Removal
from corpus_clean.pipeline import StepCounters
from corpus_clean.records import clean_schema, documents_table, remember_column
from corpus_clean.shards import cyclic_gc_paused
from corpus_clean.signals import compute_signals, signal_columns, signal_rows, signal_struct
from corpus_clean.steps.quality import QualitySignals

# Words, spaces of every kind, punctuation, repeats (n-grams), any other code point.
_PIECES = st.one_of(st.sampled_from(["the", "pier", "Pier,", "der", "und", "lorem ipsum", "...", "…", "#", "{",
                                     " ", "\n", "\n\n", "\u00a0", "\u3000", "• ", "é", "“Hafen”"]),
                    st.text(st.characters(blacklist_categories=("Cs",)), max_size=6))
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)
_LANGS = st.sampled_from(["en", "de", "xx", "fr"])


def _documents(texts: list[str], langs: list[str]) -> list[Document]:
    return [Document(id=str(k), source="s", raw_text=text, raw_sha256="0", text=text, lang=lang, lang_score=0.5)
            for k, (text, lang) in enumerate(zip(texts, langs))]


@settings(max_examples=150, deadline=None)
@given(batch=st.lists(st.tuples(_TEXTS, _LANGS), min_size=1, max_size=6), twins=st.booleans())
def test_signal_rows_are_the_structs_values(batch, twins):
    texts, langs = [text for text, _ in batch], [lang for _, lang in batch]
    with native.twins_only() if twins else nullcontext():
        columns = signal_columns(texts, langs, [0.25] * len(texts))
        struct = signal_struct(columns)
        assert signal_rows(columns) == struct.to_pylist()
        assert struct.equals(compute_signals(texts, langs, [0.25] * len(texts)))
    rows = signal_rows(columns)
    assert [row["stop_word_ratio"] is None for row in rows] == [lang not in ("en", "de", "fr") for lang in langs]


def _signals_field_values(docs: list[Document]) -> pa.Array:
    """The `signals` column converted from the documents' dicts (no remembered array)."""
    return pa.array([doc.columns.get("signals") for doc in docs], clean_schema().field("signals").type)


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(st.tuples(_TEXTS, _LANGS), min_size=1, max_size=6), data=st.data())
def test_table_takes_the_remembered_signals_only_for_their_own_cells(batch, data):
    docs = _documents([text for text, _ in batch], [lang for _, lang in batch])
    QualitySignals().run(docs)
    # Any subset, in any order, some documents without signals, some with a copy of a row
    # (an equal dict that is not the step's: converted, not taken).
    picked = data.draw(st.lists(st.sampled_from(range(len(docs))), max_size=8))
    chosen = [docs[k] for k in picked]
    extra = Document(id="x", source="s", raw_text="", raw_sha256="0", text="")
    chosen.append(extra)
    if data.draw(st.booleans()) and docs:
        extra.columns["signals"] = dict(docs[0].columns["signals"])
    table = documents_table(chosen, "r")
    table.validate(full=True)
    stored, converted = table.column("signals").combine_chunks(), _signals_field_values(chosen)
    assert stored.equals(converted)
    # The struct's own fields too (under a null cell as well: non-nullable ones hold no null).
    assert [stored.field(k) for k in range(stored.type.num_fields)] == \
        [converted.field(k) for k in range(converted.type.num_fields)]


def test_the_step_s_own_batch_is_taken_whole():
    docs = _documents(["The pier reopens.", "Der Hafen.", ""], ["en", "de", "xx"])
    QualitySignals().run(docs)
    column = documents_table(docs, "r").column("signals")
    assert column.num_chunks == 1 and column.chunk(0).field(0).buffers()[1].address == \
        _remembered_array("signals").field(0).buffers()[1].address  # the same buffers: no conversion


def _remembered_array(name: str) -> pa.Array:
    from corpus_clean import records

    return records._remembered[name][-1]  # (the array: the entry's last field)


def test_an_unremembered_cell_is_converted():
    docs = _documents(["The pier reopens.", "Der Hafen."], ["en", "de"])
    QualitySignals().run(docs)
    remember_column("signals", [], pa.array([], clean_schema().field("signals").type))  # forgotten
    table = documents_table(docs, "r")
    assert table.column("signals").to_pylist() == [doc.columns["signals"] for doc in docs]


_RULES = st.sampled_from(["menu", "share", ".headline", "classifier", "é rule", ""])
_REMOVALS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30), _RULES), max_size=6).map(
    lambda spans: [Removal(start, start + length, rule, "x" * length) for start, length, rule in spans])


@given(docs=st.lists(_REMOVALS, max_size=8), before=st.lists(_REMOVALS, max_size=2))
def test_removals_counted_from_the_table_as_from_the_documents(docs, before):
    documents = [Document(id=str(k), source="s", raw_text="", raw_sha256="", removed=removed)
                 for k, removed in enumerate(docs)]
    earlier = [Document(id="e", source="s", raw_text="", raw_sha256="", removed=removed) for removed in before]
    from_documents, from_table = StepCounters(), StepCounters()
    for counters in (from_documents, from_table):  # counters that already hold counts
        counters.add_many(earlier)
    from_documents.add_many(documents)
    from_table.add_many(documents, documents_table(documents, "r").column("removed"))
    assert from_table == from_documents
    for name in ("removed_by_rule", "chars_removed_by_rule"):
        assert list(getattr(from_table, name).items()) == list(getattr(from_documents, name).items())


def test_the_collector_is_given_back_as_found():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with cyclic_gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("a step failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the caller's choice stays
    finally:
        gc.enable()

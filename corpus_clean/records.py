"""Documents → Arrow tables with the explicit record schema of schemas/record_schema.json.

An explicit schema keeps the Parquet schema identical across runs (pandas 3 would
otherwise pick large_string) and makes the files open the same in pandas, polars and
DuckDB.
"""
from __future__ import annotations

import json
from functools import cache
from operator import attrgetter, is_
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa

from corpus_clean import __version__, native
from corpus_clean.document import Document

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "record_schema.json"

_SIMPLE_TYPES = {
    "string": pa.string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "timestamp_us_utc": pa.timestamp("us", tz="UTC"),
    "map<string,string>": pa.map_(pa.string(), pa.string()),
}


def parse_type(spec: str) -> pa.DataType:
    """Read the schema file's small type vocabulary.

    >>> parse_type("list<struct<kind:string,count:int64>>")
    ListType(list<item: struct<kind: string not null, count: int64 not null>>)
    """
    if spec in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[spec]
    if spec.startswith("list<") and spec.endswith(">"):
        return pa.list_(parse_type(spec[5:-1]))
    if spec.startswith("struct<") and spec.endswith(">"):
        # "name:type" is a required member, "name:type?" a nullable one.
        members = [part.strip().split(":", 1) for part in spec[7:-1].split(",")]
        return pa.struct([pa.field(name, parse_type(kind.rstrip("?")), nullable=kind.endswith("?"))
                          for name, kind in members])
    raise ValueError(f"unknown type {spec!r} in {SCHEMA_FILE}")


def _fields(entries: list[dict]) -> list[pa.Field]:
    return [pa.field(e["name"], parse_type(e["type"]), nullable=e["nullable"]) for e in entries]


@cache
def clean_schema() -> pa.Schema:
    spec = json.loads(SCHEMA_FILE.read_text())
    return pa.schema(_fields(spec["fields"]))


@cache
def quarantine_schema() -> pa.Schema:
    spec = json.loads(SCHEMA_FILE.read_text())
    return pa.schema(_fields(spec["fields"]) + _fields(spec["quarantine_extra_fields"]))


@cache
def filtered_schema() -> pa.Schema:
    """Rows a filter step set aside: the clean columns plus which filter and why."""
    spec = json.loads(SCHEMA_FILE.read_text())
    return pa.schema(_fields(spec["fields"]) + _fields(spec["filtered_extra_fields"]))


@cache
def _removal_values() -> attrgetter:
    """A Removal as the `removed` struct's values, in the schema's field order (its
    fields are named as Removal's attributes): Arrow converts tuples to structs faster
    than dicts (4.3 vs 7.1 ms for 38,000), and they cost less to make."""
    return attrgetter(*clean_schema().field("removed").type.value_type.names)


@cache
def _cells() -> dict[str, Callable[[Document], object]]:
    """Each clean column a Document fills itself, by name: how to read its value. (Columns
    of registered steps come from ``doc.columns``; `pipeline_version` and `run_id` are the
    run's.)"""
    removal_values = _removal_values()
    return {
        "id": attrgetter("id"),
        "source": attrgetter("source"),
        "record_index": attrgetter("record_index"),
        "text": attrgetter("text"),
        "title": attrgetter("title"),
        "byline": attrgetter("byline"),
        "published": attrgetter("published"),
        "lang": attrgetter("lang"),
        "declared_lang": attrgetter("declared_lang"),
        "source_id": attrgetter("source_id"),
        "url": attrgetter("url"),
        "meta": lambda doc: sorted(doc.meta.items()),
        "encoding": attrgetter("encoding"),
        "n_chars_raw": lambda doc: len(doc.raw_text),
        "n_chars_clean": lambda doc: len(doc.text),
        "raw_sha256": attrgetter("raw_sha256"),
        "fixes": lambda doc: [{"kind": kind, "count": count} for kind, count in sorted(doc.fixes.items())],
        "removed": lambda doc: list(map(removal_values, doc.removed)),
    }


# Per step column: the last batch's row values as a step made them, and the Arrow array
# they came from (``remember_column``). One batch per column: a worker cleans one batch
# and builds its table before the next.
_remembered: dict[str, tuple[list, pa.Array]] = {}


def remember_column(name: str, values: list, array: pa.Array) -> None:
    """Tell ``documents_table`` that `values` (the cells a step put in ``doc.columns[name]``,
    one per document it ran on) are the Python values of `array`: the table then takes
    the cells from `array` instead of converting the values back. The values are the
    step's output, read by later steps but not edited: an edited cell would be stored as
    the step made it. (Held until the next batch's call: one batch of rows.)"""
    _remembered[name] = (values, array)


def _remembered_cells(name: str, values: list, field: pa.Field) -> pa.Array | None:
    """The array ``remember_column`` was given with `values`, when `values` are its cells
    exactly, in its order; else None (the caller converts them). (Not a `take` of a
    subset: a null cell's struct children would be null there, where converting gives
    them values, and a non-nullable child field would refuse the nulls.)"""
    remembered = _remembered.get(name)
    if remembered is None:
        return None
    cells, array = remembered
    if len(values) != len(cells) or len(values) != len(array) or not array.type.equals(field.type):
        return None
    if not all(map(is_, values, cells)):  # (the very objects, in order: C-level, no dict of ids)
        return None
    return array


def document_row(doc: Document, run_id: str) -> dict:
    """One Document as a dict keyed by the schema's field names (the `removed` structs
    as tuples in their fields' order). Columns filled by registered steps come from
    ``doc.columns`` (absent → null)."""
    return {**doc.columns, **{name: cell(doc) for name, cell in _cells().items()},
            "pipeline_version": __version__, "run_id": run_id}


def string_array(texts: list[str]) -> pa.Array:
    """``pa.array(texts, pa.string())``, its buffers made by the compiled ``utf8_texts``:
    each text encoded once straight into one buffer, where Arrow asked each str for the
    UTF-8 copy a str keeps (a malloc per text that is not ASCII, the slower encoder, and
    the buffer grown by reallocating): 5.1-6.3 -> ~1.5 ms for the 4 MB of clean text of
    the generated 5 MB. ``pa.array`` itself (the reference) without the kernel, or for
    anything the kernel leaves to it: a value that is not a str (None: a null), a lone
    surrogate (Arrow's own error), past 2 GiB.

    >>> string_array(["naïve", "", "a"]).to_pylist(), string_array(["x", None]).null_count
    (['naïve', '', 'a'], 1)
    """
    kernel = getattr(native.active(), "utf8_texts", None)  # (None: no compiled module, or one built before it)
    if kernel is not None and type(texts) is list:
        try:
            offsets, data = kernel(texts, pa.allocate_buffer)  # (the text in Arrow's pool, as pa.array's)
        except (TypeError, UnicodeError, OverflowError):
            pass
        else:
            return pa.Array.from_buffers(pa.string(), len(texts), [None, pa.py_buffer(offsets), data])
    return pa.array(texts, pa.string())


def documents_table(docs: list[Document], run_id: str) -> pa.Table:
    """The clean table of `docs`: ``Table.from_pylist`` of their ``document_row``s, built
    column by column from the Documents (no dict per row for Arrow to take apart again:
    the rows and their conversion were ~4 % of a core pass). Raises as from_pylist does
    on a value Arrow cannot store.

    >>> from corpus_clean.document import Document
    >>> table = documents_table([Document(id="a", source="s", raw_text="Hi.", raw_sha256="0", text="Hi.")], "r")
    >>> table.num_rows, table.column("n_chars_clean").to_pylist(), table.column("signals").to_pylist()
    (1, [3], [None])
    """
    cells = _cells()
    constants = {"pipeline_version": __version__, "run_id": run_id}
    columns = []
    for field in clean_schema():
        if field.name == "removed" and (column := removed_column(docs, field)) is not None:
            columns.append(column)
            continue
        if field.name in constants:
            values = [constants[field.name]] * len(docs)
        else:  # a Document's own cell, or a registered step's column
            cell = cells.get(field.name)
            values = list(map(cell, docs)) if cell else [doc.columns.get(field.name) for doc in docs]
            # (an array a step made of these very values: the signals' texts, their struct)
            remembered = _remembered_cells(field.name, values, field)
            if remembered is not None:
                columns.append(remembered)
                continue
        columns.append(string_array(values) if field.type == pa.string() else pa.array(values, field.type))
    return pa.Table.from_arrays(columns, schema=clean_schema())


def removed_column(docs: list[Document], field: pa.Field) -> pa.Array | None:
    """The `removed` column of `docs` (`field`: its schema field) from the Removals'
    fields laid out flat, gathered by the compiled kernel (``_native.removal_fields``):
    Arrow then copies four flat arrays where it took a tuple per Removal apart (and the
    tuples were made first): 5.5 -> 4.1 ms per 5 MB. None without the kernel, or for a
    Removal whose fields are not plain ints and strs: the caller converts the tuples,
    the reference (``tests/test_records_table.py`` checks both give the same column).

    >>> from corpus_clean.document import Document, Removal
    >>> doc = Document(id="a", source="s", raw_text="Home\\nHi.", raw_sha256="0", text="Hi.")
    >>> doc.removed = [Removal(0, 5, "nav.menu", "Home\\n")]
    >>> column = removed_column([doc], clean_schema().field("removed"))
    >>> column is None or column.to_pylist() == [[{"start": 0, "end": 5, "rule": "nav.menu", "text": "Home\\n"}]]
    True
    """
    kernel = getattr(native.active(), "removal_fields", None)  # (None: no compiled module, or one built before it)
    if kernel is None:
        return None
    lists = [doc.removed for doc in docs]
    offsets = np.zeros(len(lists) + 1, dtype=np.int32)
    np.cumsum(np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)), out=offsets[1:], dtype=np.int32)
    starts, ends = np.empty(int(offsets[-1]), dtype=np.int64), np.empty(int(offsets[-1]), dtype=np.int64)
    try:
        rules, texts = kernel(lists, starts, ends)
    except (TypeError, ValueError, OverflowError):
        return None
    by_name = {"start": starts, "end": ends, "rule": rules, "text": texts}
    struct_type = field.type.value_type
    values = pa.StructArray.from_arrays([string_array(by_name[child.name]) if child.type == pa.string()
                                         else pa.array(by_name[child.name], child.type) for child in struct_type],
                                        fields=list(struct_type))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, type=field.type)

"""Shards: groups of input files cleaned together in one task, and what came of them.

Per-task overhead is milliseconds on a Prefect server (and ~170 ms on Dask), so we
make few, large shards: files are packed until a shard holds `target_bytes`.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator

import pyarrow as pa

from corpus_clean import __version__
from corpus_clean.document import Document
from corpus_clean.pipeline import ALL_STEPS, StepCounters, clean_document, clean_documents
from corpus_clean.readers import InputFile, Skipped, read_file
from corpus_clean.records import clean_schema, document_row, quarantine_schema

DEFAULT_SHARD_BYTES = 64 * 1024 * 1024
# Documents cleaned together (boilerplate removal runs per batch): large enough to
# amortise numpy's per-call overhead, small enough to keep the batch's per-character
# arrays (~30 bytes a character) well under 100 MB.
BATCH_DOCS = 64
BATCH_CHARS = 2_000_000


@dataclass(frozen=True)
class Shard:
    index: int
    files: tuple[InputFile, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass
class FileCounts:
    """Accounting for one input file: read = clean + quarantined + skipped."""

    read: int = 0
    clean: int = 0
    quarantined: int = 0
    skipped: int = 0
    skipped_reasons: list[str] = field(default_factory=list)

    def balanced(self) -> bool:
        return self.read == self.clean + self.quarantined + self.skipped


@dataclass
class CleanedShard:
    """A shard after cleaning, before validation: rows, pre-validation problems, counts."""

    shard: Shard
    rows: pa.Table                                  # clean schema, one row per Document
    problems: dict[str, list[tuple[str, str]]]     # id → problems found while reading
    files: dict[str, FileCounts]
    counters: StepCounters


def plan_shards(files: list[InputFile], target_bytes: int = DEFAULT_SHARD_BYTES) -> list[Shard]:
    """Pack files, in order, into shards of about `target_bytes` each.

    >>> files = [InputFile(str(i), str(i), 40) for i in range(5)]
    >>> [len(s.files) for s in plan_shards(files, target_bytes=100)]
    [3, 2]
    """
    shards: list[Shard] = []
    current: list[InputFile] = []
    size = 0
    for file in files:
        current.append(file)
        size += file.size
        if size >= target_bytes:
            shards.append(Shard(len(shards), tuple(current)))
            current, size = [], 0
    if current:
        shards.append(Shard(len(shards), tuple(current)))
    return shards


def run_fingerprint(files: list[InputFile], params: dict) -> str:
    """Content-addressed run id: same files (by name and size), version and parameters → same id.

    Deterministic on purpose, so a rerun of the same input writes byte-identical Parquet.
    """
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(json.dumps(params, sort_keys=True, default=str).encode())
    for file in files:
        digest.update(f"{file.source}\x00{file.size}\x00".encode())
    return digest.hexdigest()[:16]


@dataclass
class CleanedBatch:
    """A batch of documents after cleaning, as an Arrow table: cheap to send between
    processes (buffers, not Python objects), and built where the cleaning ran."""

    rows: pa.Table
    problems: dict[str, list[tuple[str, str]]]
    counters: StepCounters


BatchCleaner = Callable[[Iterator[list[Document]], tuple[str, ...], str], Iterator[CleanedBatch]]


def clean_shard(shard: Shard, run_id: str, steps: tuple[str, ...] = ALL_STEPS,
                clean_batches: BatchCleaner | None = None) -> CleanedShard:
    """Read and clean every record of the shard's files. Never raises on bad records.

    `clean_batches` cleans the shard's batches and yields them back in order (default:
    here, one after another; ``corpus_clean.parallel`` passes one that uses processes).
    """
    tables: list[pa.Table] = [clean_schema().empty_table()]
    problems: dict[str, list[tuple[str, str]]] = {}
    files: dict[str, FileCounts] = {}
    counters = StepCounters()
    for cleaned in (clean_batches or clean_batches_here)(_batches(shard, files), steps, run_id):
        tables.append(cleaned.rows)
        problems.update(cleaned.problems)
        counters.merge(cleaned.counters)
    return CleanedShard(shard, _one_chunk(tables), problems, files, counters)


def _one_chunk(tables: list[pa.Table]) -> pa.Table:
    """The batches' tables as one table with one chunk per column, emptying `tables`.

    One chunk: validation reads each text column whole (a chunked one is copied into
    one array per check: 25 % slower, measured), and the Parquet bytes are the same
    however batches ran. Combined column by column, each column's batch chunks freed
    as soon as it is copied, so the rows are held twice for one column at most (the
    text), not for the whole table.
    """
    table = pa.concat_tables(tables)
    tables.clear()
    for i, field in enumerate(table.schema):
        table = table.set_column(i, field, table.column(i).combine_chunks())
    return table


def _batches(shard: Shard, files: dict[str, FileCounts]):
    """The shard's readable documents in order, in batches of at most BATCH_DOCS
    documents or BATCH_CHARS characters (a longer document is a batch of its own).
    Counts what was read and skipped into `files`."""
    batch: list[Document] = []
    chars = 0
    for file in shard.files:
        counts = files.setdefault(file.source, FileCounts())
        for item in read_file(file):
            counts.read += 1
            if isinstance(item, Skipped):
                counts.skipped += 1
                counts.skipped_reasons.append(item.reason)
                continue
            size = len(item.html if item.html is not None else item.raw_text or "")
            if batch and (len(batch) >= BATCH_DOCS or chars + size > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append(item)
            chars += size
    if batch:
        yield batch


def clean_batches_here(batches: Iterator[list[Document]], steps: tuple[str, ...], run_id: str) -> Iterator[CleanedBatch]:
    for batch in batches:
        yield clean_batch(batch, steps, run_id)


def clean_batch(batch: list[Document], steps: tuple[str, ...], run_id: str) -> CleanedBatch:
    """Clean a batch (``_clean_batch_safely``) and turn it into a table and counts."""
    counters = StepCounters()
    rows, problems = [], {}
    for doc in _clean_batch_safely(batch, steps):
        counters.add(doc)
        rows.append(document_row(doc, run_id))
        if doc.problems:
            problems[doc.id] = list(doc.problems)
    return CleanedBatch(pa.Table.from_pylist(rows, schema=clean_schema()), problems, counters)


def _clean_batch_safely(batch: list[Document], steps: tuple[str, ...]) -> list[Document]:
    """Clean a batch; if any record makes it raise, clean its records one at a time so
    that only that record is quarantined (the steps are deterministic, so a record
    cleaned twice comes out the same)."""
    try:
        clean_documents([doc for doc in batch if not doc.problems], steps)
        batch_cleaned = True
    except Exception:  # noqa: BLE001 - the bad record is found below
        batch_cleaned = False
    for doc in batch:
        if doc.problems or not batch_cleaned:
            _clean_safely(doc, steps)
    return batch


def _clean_safely(doc: Document, steps: tuple[str, ...]) -> Document:
    """Clean unless reading already found the record unusable (it goes to quarantine as
    read, raw text kept); a step's crash quarantines the record with the error instead
    of failing the shard."""
    if doc.problems:
        doc.text = doc.raw_text if doc.html is None else doc.html
        return doc
    try:
        return clean_document(doc, steps)
    except Exception as error:  # noqa: BLE001 - one bad record must not sink the shard
        doc.text = doc.text or doc.raw_text
        doc.problems.append(("cleaning_error", f"{doc.source}:{doc.record_index}: "
                                               f"{type(error).__name__}: {error}"))
        return doc


def split_by_validation(cleaned: CleanedShard, failures: dict[str, list[tuple[str, str]]]
                        ) -> tuple[pa.Table, pa.Table]:
    """Rows with no problem and no failed check → clean; the rest → quarantine with reasons."""
    reasons_by_id: dict[str, list[tuple[str, str]]] = {}
    for source in (cleaned.problems, failures):
        for row_id, reasons in source.items():
            reasons_by_id.setdefault(row_id, []).extend(reasons)
    if reasons_by_id:
        ids = cleaned.rows.column("id").to_pylist()
        bad = pa.array([row_id in reasons_by_id for row_id in ids], type=pa.bool_())
        clean_rows = cleaned.rows.filter(pa.compute.invert(bad))
        quarantined = cleaned.rows.filter(bad)
    else:  # the usual case: every row is clean, and a filter would copy them all
        clean_rows, quarantined = cleaned.rows, cleaned.rows.slice(0, 0)
    reasons = [
        [{"check": check, "detail": detail} for check, detail in reasons_by_id[row_id]]
        for row_id in quarantined.column("id").to_pylist()
    ]
    quarantined = quarantined.append_column(
        quarantine_schema().field("reasons"), pa.array(reasons, type=quarantine_schema().field("reasons").type)
    )
    by_source = Counter(quarantined.column("source").to_pylist())
    for source, counts in cleaned.files.items():
        counts.quarantined = by_source.get(source, 0)
        counts.clean = (counts.read - counts.skipped) - counts.quarantined
    return clean_rows, quarantined

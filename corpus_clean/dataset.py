"""The output as a versioned dataset: incremental inputs, one writer at a time, atomic versions.

A run
1. takes the output's lock (`writer_lock`): a second run on the same DIR refuses in one line;
2. keys every input file by content hash + pipeline version + parameters and compares with
   the current version's input index (`plan_inputs`): only new or changed files are cleaned;
3. builds the next version in a staging folder (`VersionBuilder`): parts of the current
   version whose files are all unchanged are hard-linked (no copy), parts holding rows of a
   changed file are rewritten without those rows, and the run's new rows are added;
4. commits: the staging folder is renamed to versions/vN and the `current` pointer is swapped
   with one os.replace, so readers see the old version or the new one, never a mix;
5. keeps the newest `keep_versions` versions (time travel) and deletes older ones.

A file that disappears from the input keeps its rows: the input folder is a landing
zone (files are often moved away after a day), not a mirror, so an empty or unmounted
input never removes earlier results. Its index entry is kept, marked `missing_since`.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_clean.archives import DAMAGED_ARCHIVE_ERRORS
from corpus_clean.layout import (CARD, CARRIED_FOLDERS, INPUT_INDEX, MANIFEST, STAGING_PREFIX, TABLE_KINDS, OutputLayout,
                                 version_number)
from corpus_clean.output import (SORT_KEYS, TEMP_PREFIX, row_group_rows, write_json, write_parquet,
                                 write_parquet_row_groups, write_text)
from corpus_clean.processes import return_freed_memory
from corpus_clean.readers import COMPRESSION_SUFFIXES, InputFile, file_format, open_url

# Files under half of this are "small"; once a kind has more than MAX_SMALL_FILES of them
# (daily runs leave one small file each) they are merged into files of up to this size.
# ~64 MB of zstd Parquet is ~250 MB of text. Merging only past a count keeps a daily
# commit from rewriting the whole (small) dataset every day.
TARGET_FILE_BYTES = 64 * 1024 * 1024
MAX_SMALL_FILES = 8
# A merged file is also capped by its rows' size in memory (Parquet's uncompressed
# column bytes): merging reads its parts and sorts them as one table, so 64 MB of zstd
# Parquet (~250 MB of rows, and a sorted copy) made the run's peak memory.
MERGE_MEMORY_BYTES = 64 * 1024 * 1024
# ... and by its rows: the footer's bytes undercount many short rows held in memory
# (offsets, validity, nested reasons), and 600,000 one-word records' quarantine parts
# merged in 64 MB groups took the commit 330 MB above the cleaning's peak (round 11).
MERGE_MAX_ROWS = 100_000
# The kinds whose rows the dedup index holds (every clean row was decided kept or a copy).
DEDUPLICATED_KINDS: tuple[str, ...] = ("clean", "duplicates")
DEFAULT_KEEP_VERSIONS = 10
# Rewriting a part (moving its duplicates out) or merging parts holds their rows whole
# when they are at most this big (one row group: the few reads of the streamed path cost
# more CPU than they save memory), and a row group at a time above it.
STREAM_ROWS_BYTES = 16 * 1024 * 1024
# Rows read at a time from each part being merged.
MERGE_READ_ROWS = 512


class OutputLocked(RuntimeError):
    """Another run holds the output directory's lock."""


# ---------------------------------------------------------------------------------------
# One writer at a time


@contextmanager
def writer_lock(layout: OutputLayout) -> Iterator[None]:
    """Hold DIR/.lock (flock, released by the OS even if the process is killed).

    A second run on the same DIR raises OutputLocked at once, naming who holds it.
    """
    layout.root.mkdir(parents=True, exist_ok=True)
    handle = open(layout.lock_file, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutputLocked(f"refusing to run: {layout.root} is being written by another run "
                               f"({holder}); nothing was changed") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since "
                     f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the file releases the flock


# ---------------------------------------------------------------------------------------
# Versions


def current_version(layout: OutputLayout) -> int | None:
    """The version the `current` pointer names, None before the first commit."""
    try:
        return version_number(Path(os.readlink(layout.current)).name)
    except (FileNotFoundError, OSError):
        return None


def list_versions(layout: OutputLayout) -> list[int]:
    """Committed versions still on disk, oldest first (the time-travel window)."""
    if not layout.versions_dir.is_dir():
        return []
    numbers = (version_number(p.name) for p in layout.versions_dir.iterdir())
    return sorted(n for n in numbers if n is not None)


def read_version_manifest(layout: OutputLayout, number: int) -> dict:
    return json.loads((layout.version_dir(number) / MANIFEST).read_text())


def read_input_index(layout: OutputLayout) -> dict[str, dict]:
    """source → {sha256, size, key[, missing_since]} of the current version ({} if none)."""
    number = current_version(layout)
    if number is None:
        return {}
    path = layout.version_dir(number) / INPUT_INDEX
    return json.loads(path.read_text()) if path.exists() else {}


# ---------------------------------------------------------------------------------------
# Incremental inputs


def content_sha256(file: InputFile, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes (local path or fsspec URL), read in 1 MB chunks.

    An entry the reader will not read (a symlink loop, a second path to a file, a fifo)
    or cannot open is keyed by why, so the run still lists it and its reader reports it.
    """
    if file.skip_reason is not None:
        return "skipped:" + hashlib.sha256(file.skip_reason.encode()).hexdigest()
    digest = hashlib.sha256()
    try:
        with open_url(file.url) as handle:
            while block := handle.read(chunk):
                digest.update(block)
    except DAMAGED_ARCHIVE_ERRORS as error:  # OSError; a damaged archive member: BadZipFile, zlib.error...
        return "unreadable:" + hashlib.sha256(f"{type(error).__name__}: {error}".encode()).hexdigest()
    return digest.hexdigest()


# A JSONL file up to this many bytes has its lines counted; a bigger one gives an
# estimate from this many bytes (``estimate_lines``): the progress bar's total needs no
# exact count, and counting read every input byte once more before the run began.
COUNT_SAMPLE_BYTES = 8 * 1024 * 1024
SAMPLE_BLOCKS = 16


def estimate_records(file: InputFile) -> int:
    """Records a file will give (lines of JSONL, rows of Parquet, else 1): the progress
    total. JSONL lines are estimated for big files (``estimate_lines``)."""
    if file.skip_reason:
        return 1  # listed, never opened: a fifo would block this read forever
    kind = file_format(file.source)
    try:
        if kind in ("jsonl", "json"):
            return estimate_lines(file) or 1
        if kind == "parquet":
            with open_url(file.url) as handle:
                return pq.ParquetFile(handle).metadata.num_rows
    except Exception:  # noqa: BLE001 - an unreadable file is the reader's to report
        return 1
    return 1


def estimate_lines(file: InputFile) -> int:
    """Lines of a text file, counted up to ``COUNT_SAMPLE_BYTES`` and estimated past it.

    Uncompressed: the file cut in ``SAMPLE_BLOCKS`` slices, a block read from the middle
    of each, their lines per byte times the file's size (a corpus whose record lengths
    drift along the file is sampled all along it; blocks at the very ends would weigh
    the ends double). Compressed: the first ``COUNT_SAMPLE_BYTES`` decompressed, their
    lines per compressed byte read times the compressed size (a stream cannot be entered
    in the middle)."""
    from fsspec.compression import compr
    from fsspec.utils import infer_compression

    compression = infer_compression(file.url)
    with open_url(file.url) as raw:
        size = file.size or raw.size
        if compression is None:
            if size <= COUNT_SAMPLE_BYTES:
                return raw.read().count(b"\n")
            block = COUNT_SAMPLE_BYTES // SAMPLE_BLOCKS
            lines = 0
            for k in range(SAMPLE_BLOCKS):
                raw.seek((2 * k + 1) * size // (2 * SAMPLE_BLOCKS) - block // 2)  # the middle of its k-th slice
                lines += raw.read(block).count(b"\n")
            return round(lines * size / (block * SAMPLE_BLOCKS))
        stream = compr[compression](raw, mode="rb")
        lines = read = 0
        while read < COUNT_SAMPLE_BYTES and (data := stream.read(1 << 20)):
            lines, read = lines + data.count(b"\n"), read + len(data)
        if not stream.read(1):
            return lines  # the whole stream was read
        return round(lines * size / max(raw.tell(), 1))


def input_key(sha256: str, pipeline_version: str, params: dict) -> str:
    """What decides whether a file must be cleaned again: its bytes, our version, the parameters.

    >>> input_key("ab", "0.1.0", {"min_chars": 200}) == input_key("ab", "0.1.0", {"min_chars": 200})
    True
    >>> input_key("ab", "0.1.0", {"min_chars": 200}) == input_key("ab", "0.2.0", {"min_chars": 200})
    False
    """
    payload = json.dumps([sha256, pipeline_version, params], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass
class InputPlan:
    """Which input files this run cleans, which it leaves as they are, and the next index."""

    to_process: list[InputFile]
    unchanged: list[InputFile]
    missing: list[str]                  # indexed before, gone from the input: rows kept
    index: dict[str, dict] = field(default_factory=dict)

    @property
    def replaced_sources(self) -> set[str]:
        """Sources whose rows in the current version this run replaces."""
        return {file.source for file in self.to_process}


def is_input_file(file: InputFile) -> bool:
    """Hidden files (.gitkeep, .DS_Store, editors' swap files) are not inputs.

    >>> is_input_file(InputFile("x/.gitkeep", ".gitkeep", 0)), is_input_file(InputFile("a/b.txt", "a/b.txt", 3))
    (False, True)
    """
    return not any(part.startswith(".") for part in file.source.split("/"))


# A file whose modification time is within this of when it was hashed is hashed again on
# the next run even when its size and time look unchanged: an edit in the same tick of a
# coarse clock (FAT: 2 s; ext4 and others: the kernel's tick, ~4 ms) would not move it.
UNSURE_MTIME_NS = 2_000_000_000


def unchanged_since_hashed(file: InputFile, old: dict | None) -> bool:
    """Can the previous run's hash of this file stand without reading it again?

    Only for a local file (a known ``mtime_ns``) whose size and modification time are
    those the index recorded, modified well before it was hashed (``UNSURE_MTIME_NS``):
    any later write moves the time past the hashing. A file edited to the same size
    still moves its time, and is hashed again.

    >>> f = InputFile("a.jsonl", "a.jsonl", 10, mtime_ns=5_000_000_000)
    >>> indexed = {"sha256": "ab12", "size": 10, "mtime_ns": 5_000_000_000, "hashed_at_ns": 9_000_000_000}
    >>> unchanged_since_hashed(f, indexed)
    True
    >>> unchanged_since_hashed(f, {**indexed, "mtime_ns": 4_000_000_000})  # touched since
    False
    >>> unchanged_since_hashed(f, {**indexed, "hashed_at_ns": 6_000_000_000})  # hashed too soon after a write
    False
    """
    return (old is not None and file.mtime_ns is not None and file.skip_reason is None
            and "sha256" in old and old.get("size") == file.size and old.get("mtime_ns") == file.mtime_ns
            and file.mtime_ns < old.get("hashed_at_ns", 0) - UNSURE_MTIME_NS)


def plan_inputs(files: Iterable[InputFile], previous: dict[str, dict], pipeline_version: str,
                params: dict, now: str = "", hasher=content_sha256) -> InputPlan:
    """Compare the input files with the previous version's index.

    New file or changed bytes/version/parameters → processed; same key → unchanged;
    indexed but absent → missing (its rows and index entry stay). A local file with the
    size and modification time of its last hashing keeps that hash without being read
    (``unchanged_since_hashed``): a rerun over a big input no longer reads every byte.
    """
    plan = InputPlan([], [], [])
    seen = set()
    for file in files:
        if not is_input_file(file):
            continue
        seen.add(file.source)
        old = previous.get(file.source)
        if unchanged_since_hashed(file, old):
            sha, hashed_at = old["sha256"], old["hashed_at_ns"]
        else:
            hashed_at = time.time_ns()  # before reading: a write during the hashing moves mtime past it
            sha = hasher(file)
        key = input_key(sha, pipeline_version, params)
        plan.index[file.source] = {"sha256": sha, "size": file.size, "key": key}
        if file.mtime_ns is not None:
            plan.index[file.source].update(mtime_ns=file.mtime_ns, hashed_at_ns=hashed_at)
        if old is not None and old.get("key") == key:
            plan.unchanged.append(file)
        else:
            plan.to_process.append(file)
    for source, entry in sorted(previous.items()):
        if source not in seen:
            plan.missing.append(source)
            plan.index[source] = {**entry, "missing_since": entry.get("missing_since") or now}
    plan.index = dict(sorted(plan.index.items()))
    return plan


def clean_copies_again(plan: InputPlan, previous: dict[str, dict], layout: OutputLayout) -> None:
    """Move into ``plan.to_process`` the unchanged files whose rows in the current version
    are duplicates of a row of a changed file (``sources_with_copies_of``; `previous`: the
    current input index; the caller puts the list back in the listing's order, the run's
    record order): that row may be gone from its file now,
    and a copy of it must then be decided again (kept, as a fresh run keeps it), not stay
    "duplicate of" a row in no table. Cleaned again, such a file's unchanged records keep
    their decisions (``dedup.DedupIndex.assign``: seen before). A JSON Lines file that only
    had lines appended (``only_grew``) brings every earlier row back as it was: not counted."""
    changed = {file.source for file in plan.to_process if file.source in previous}
    copies = sources_with_copies_of(layout, changed)
    grew = {file.source for file in plan.to_process if copies and file.source in changed
            and only_grew(file, previous[file.source])}
    if grew:
        copies = sources_with_copies_of(layout, changed - grew)
    if copies:
        plan.to_process += [file for file in plan.unchanged if file.source in copies]
        plan.unchanged = [file for file in plan.unchanged if file.source not in copies]


def only_grew(file: InputFile, old: dict, chunk: int = 1 << 20) -> bool:
    """Whether a plain JSON Lines file only had lines appended since it was indexed (`old`:
    its input index entry): its first ``old["size"]`` bytes have the indexed sha256 and end
    a line. Its earlier records are then the same lines at the same indexes (same ids and
    texts). Reads those bytes (a file that shrank or is of another kind: nothing read)."""
    size = old.get("size")
    if (not isinstance(size, int) or not 0 < size < file.size or "sha256" not in old or file.skip_reason
            or file_format(file.source) != "jsonl" or file.source.lower().endswith(COMPRESSION_SUFFIXES)):
        return False
    digest, left, last = hashlib.sha256(), size, b""
    try:
        with open_url(file.url) as handle:
            while left and (block := handle.read(min(chunk, left))):
                digest.update(block)
                left, last = left - len(block), block[-1:]
    except OSError:
        return False
    return not left and last == b"\n" and digest.hexdigest() == old["sha256"]


def sources_with_copies_of(layout: OutputLayout, sources: set[str]) -> set[str]:
    """The other sources holding a duplicate of a row of `sources` in the current version
    (``copying_sources`` of its clean and duplicates tables, only the columns it needs
    read). Nothing is read when `sources` is empty."""
    number = current_version(layout)
    if number is None or not sources:
        return set()
    version, wanted = layout.version_dir(number), pa.array(sorted(sources), pa.string())
    if not _parts(version / "duplicates"):
        return set()
    rows = [pq.read_table(part, columns=["id", "source"], filters=pc.field("source").isin(wanted))
            for kind in DEDUPLICATED_KINDS for part in _parts(version / kind)]
    ids = pa.concat_tables(rows).column("id")
    copies = [pq.read_table(part, columns=["source", "duplicate_of"], filters=pc.field("duplicate_of").isin(ids))
              for part in _parts(version / "duplicates")]
    return copying_sources(pa.concat_tables(rows), pa.concat_tables(copies), sources)


def copying_sources(rows: pa.Table, duplicates: pa.Table, sources: set[str]) -> set[str]:
    """The sources other than `sources` of the `duplicates` (source, duplicate_of) whose
    kept row is one of `rows` (id, source) from `sources`.

    >>> rows = pa.table({"id": ["a1", "b1"], "source": ["a", "b"]})
    >>> duplicates = pa.table({"source": ["c", "d", "a"], "duplicate_of": ["a1", "b1", "a1"]})
    >>> copying_sources(rows, duplicates, {"a"})
    {'c'}
    """
    ids = rows.column("id").filter(pc.is_in(rows.column("source"), value_set=pa.array(sorted(sources), pa.string())))
    copying = duplicates.column("source").filter(pc.is_in(duplicates.column("duplicate_of"), value_set=ids))
    return set(pc.unique(copying).to_pylist()) - sources


# ---------------------------------------------------------------------------------------
# Building and committing a version


def part_path(staging: Path | str, kind: str, name: str) -> Path:
    """Where part `name` of a kind lives in a version being built."""
    if kind not in TABLE_KINDS:
        raise ValueError(f"unknown table kind {kind!r}; known: {', '.join(TABLE_KINDS)}")
    return Path(staging) / kind / f"{name}.parquet"


def write_part(staging: Path | str, kind: str, name: str, table: pa.Table, sort: bool = True) -> Path:
    """Write one part of a kind into a version being built (sorted unless `sort` is
    False: already sorted for readers; atomic).

    Stateless on purpose: tasks in other threads or processes only need the folder.
    """
    return write_parquet(table, part_path(staging, kind, name), sort=sort)


def _parts(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith(TEMP_PREFIX))


def rows_bytes(part: Path) -> int:
    """A Parquet file's rows' size once read (its row groups' uncompressed bytes), from the footer."""
    return _rows_bytes(pq.ParquetFile(part).metadata)


def _rows_bytes(metadata) -> int:
    return sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))


# ---------------------------------------------------------------------------------------
# Writing a table given a row group at a time, with the same bytes as writing it whole


class SortedSize:
    """The ``nbytes`` that ``write_parquet`` sizes row groups by (``output.row_group_rows``:
    the table after ``sort_for_readers``, whose sort copies every column into one new
    array), added up from the table's pieces so the table is never held whole.

    A string column's copy is its characters plus offsets and validity that depend only
    on its length (measured on a copy of as many empty strings); other columns (lists,
    structs, numbers: a small share of a part) are kept and copied at the end.

    >>> size = SortedSize()
    >>> for piece in (pa.table({"t": ["ab", None]}), pa.table({"t": ["cde"]})):
    ...     size.add(piece)
    >>> size.nbytes() == pa.table({"t": ["ab", None, "cde"]}).sort_by("t").nbytes
    True
    """

    def __init__(self) -> None:
        self.rows = 0
        self.characters: dict[str, int] = {}
        self.kept: dict[str, list[pa.Array]] = {}
        self.types: dict[str, pa.DataType] = {}

    def add(self, piece: pa.Table) -> None:
        self.rows += piece.num_rows
        for name, column in zip(piece.column_names, piece.columns):
            self.types[name] = column.type
            if pa.types.is_string(column.type) or pa.types.is_binary(column.type):
                self.characters[name] = self.characters.get(name, 0) + (pc.sum(pc.binary_length(column)).as_py() or 0)
            else:
                self.kept.setdefault(name, []).extend(column.chunks)

    def nbytes(self) -> int:
        everything = np.arange(self.rows)
        total = 0
        for name, kind in self.types.items():
            if name in self.characters:  # a sorted copy of as many empty strings, plus the characters
                empty_strings = pc.take(pa.array([b""], pa.binary()).cast(kind), np.zeros(self.rows, dtype=np.int64))
                total += (empty_strings.nbytes if self.rows else 0) + self.characters[name]
            else:
                total += pc.take(pa.chunked_array(self.kept[name], kind), everything).nbytes if self.rows else 0
        return total


def regroup(pieces: Iterable[pa.Table], rows: int) -> Iterator[pa.Table]:
    """The rows of `pieces`, in order, as tables of `rows` rows (the last one shorter),
    each in one chunk: what ``pq.write_table(whole, row_group_size=rows)`` puts in each
    row group.

    >>> [t.column("n").to_pylist() for t in regroup([pa.table({"n": [1, 2, 3]}), pa.table({"n": [4]})], 3)]
    [[1, 2, 3], [4]]
    """
    held, count = [], 0
    for piece in pieces:
        held.append(piece)
        count += piece.num_rows
        while count >= rows:
            table = pa.concat_tables(held)
            yield table.slice(0, rows).combine_chunks()
            held, count = [table.slice(rows)], count - rows
    if count:
        yield pa.concat_tables(held).combine_chunks()


def write_part_streamed(path: Path, schema: pa.Schema, pieces: Callable[[], Iterable[pa.Table]]) -> Path:
    """``write_parquet(table, path, sort=False)`` for a table already in readers' order,
    given as pieces (`pieces()` gives them; it is called twice: once to size the row
    groups, once to write them): the same bytes, one row group in memory at a time."""
    size = SortedSize()
    for piece in pieces():
        size.add(piece)
    # row_group_rows reads only a table's num_rows and nbytes: give it the whole table's.
    rows = row_group_rows(SimpleNamespace(num_rows=size.rows, nbytes=size.nbytes()))
    return write_parquet_row_groups(regroup(pieces(), rows), schema, path)


def split_part(path: Path, split: Callable[[pa.Table], tuple[pa.Table, pa.Table]]) -> pa.Table:
    """Rewrite a part (rows in readers' order) with the rows `split` keeps, a row group at
    a time, and return the rows it sets aside (the few: a part's duplicates), together.
    `split(rows)` → (kept, set aside), each in the order given. The part's bytes are the
    same as ``write_parquet`` of its kept rows."""
    parquet = pq.ParquetFile(path)
    set_aside: list[pa.Table] = []

    def kept(keep_aside: bool) -> Iterator[pa.Table]:
        for group in range(parquet.num_row_groups):
            rows, aside = split(parquet.read_row_group(group))
            if keep_aside:
                set_aside.append(aside)
            yield rows

    calls = iter((False, True))  # sized first, then written: keep what is set aside once
    write_part_streamed(path, parquet.schema_arrow, lambda: kept(next(calls)))
    return pa.concat_tables(set_aside)


class _RowsInOrder:
    """A part's rows, read MERGE_READ_ROWS at a time and handed out in order."""

    def __init__(self, path: Path) -> None:
        self.batches = pq.ParquetFile(path).iter_batches(batch_size=MERGE_READ_ROWS)
        self.held: list[pa.Table] = []
        self.count = 0

    def take(self, rows: int) -> pa.Table:
        while self.count < rows:
            batch = pa.Table.from_batches([next(self.batches)])
            self.held.append(batch)
            self.count += batch.num_rows
        table = pa.concat_tables(self.held)
        self.held, self.count = [table.slice(rows)], self.count - rows
        return table.slice(0, rows)


def merge_in_memory(parts: list[Path], target: Path) -> Path:
    """The parts' rows read whole, sorted for readers as one table and written to `target`."""
    return write_parquet(pa.concat_tables([pq.read_table(p) for p in parts]), target)


def merge_parts(parts: list[Path], target: Path) -> Path:
    """``write_parquet`` of the parts' rows as one table (sorted for readers), with the same
    bytes, holding about one row group. Every part is written in readers' order, so each
    part's rows come in the merged order as they lie in it: the rows are read a few
    hundred at a time from each part. (Parts not in that order are merged in memory.)"""
    schema = pq.ParquetFile(parts[0]).schema_arrow
    keys = [(name, "ascending") for name in SORT_KEYS if name in schema.names]
    starts = np.cumsum([0] + [pq.ParquetFile(p).metadata.num_rows for p in parts])
    if not keys or starts[-1] < 2:  # sort_for_readers leaves such a table as it is: no sorted copy
        return merge_in_memory(parts, target)
    key_rows = pa.concat_tables([pq.read_table(p, columns=[k for k, _ in keys]) for p in parts])
    order = pc.sort_indices(key_rows, sort_keys=keys).to_numpy().astype(np.int64)  # as sort_for_readers
    part_of = np.searchsorted(starts, order, side="right") - 1
    if not all(np.all(np.diff(order[part_of == j]) > 0) for j in range(len(parts))):
        return merge_in_memory(parts, target)

    def merged() -> Iterator[pa.Table]:
        readers = [_RowsInOrder(p) for p in parts]
        done = np.zeros(len(parts), dtype=np.int64)  # rows of each part handed out so far
        for start in range(0, len(order), MERGE_READ_ROWS):
            rows, owners = order[start:start + MERGE_READ_ROWS], part_of[start:start + MERGE_READ_ROWS]
            counts = np.bincount(owners, minlength=len(parts))
            pieces = [readers[j].take(int(counts[j])) for j in np.flatnonzero(counts)]
            first = np.zeros(len(parts), dtype=np.int64)  # where each part's rows begin in the pieces
            first[np.flatnonzero(counts)] = np.cumsum([0, *counts[counts > 0]])[:-1]
            yield pa.concat_tables(pieces).take(first[owners] + rows - starts[owners] - done[owners])
            done += counts

    return write_part_streamed(target, schema, merged)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem, or one without hard links
        shutil.copy2(source, target)


class VersionBuilder:
    """The next version, built in versions/.staging-<token>/ and committed atomically.

    Use: ``builder = VersionBuilder(layout, replaced_sources={"a.jsonl"})``,
    ``builder.carry_over()``, then ``builder.write("clean", table, "part-x")`` (or, from a
    task in another process, ``write_part(builder.staging, ...)``), ``builder.compact()``,
    ``builder.commit(manifest, card_markdown, plan.index)``. Every kind of
    ``layout.TABLE_KINDS`` is handled alike; rows are matched to inputs by `source`.
    """

    def __init__(self, layout: OutputLayout, replaced_sources: set[str] = frozenset()):
        self.layout = layout
        self.replaced_sources = set(replaced_sources)
        self.base = current_version(layout)
        self.staging = layout.staging_dir(uuid.uuid4().hex[:12])
        # The ids the replaced sources' rows had in the current version (``carry_over``):
        # the dedup index forgets those the run does not bring back (a record cut away).
        self.replaced_ids = pa.array([], pa.string())
        for kind in TABLE_KINDS:
            (self.staging / kind).mkdir(parents=True, exist_ok=True)

    def carry_over(self) -> dict[str, int]:
        """Bring the current version's rows that this run does not replace.

        A part with none of the replaced sources is hard-linked as is (same name, same
        bytes); a part holding some is rewritten without their rows, under a new name. Returns how many parts were rewritten per kind.
        The ids of the clean and duplicate rows left out are kept in ``replaced_ids``.
        """
        rewritten = {kind: 0 for kind in TABLE_KINDS}
        if self.base is None:
            return rewritten
        base_dir = self.layout.version_dir(self.base)
        expected = _manifest_tables(self.layout, self.base)
        replaced = pa.array(sorted(self.replaced_sources), type=pa.string())
        for kind in TABLE_KINDS:
            parts = _parts(base_dir / kind)
            footers = {part: _readable_footer(part, self.layout, self.base) for part in parts}
            _check_against_manifest(kind, footers, expected.get(kind), self.layout, self.base)
            for part in parts:
                target = self.staging / kind / part.name
                has_source = "source" in footers[part].schema.to_arrow_schema().names
                sources = pq.read_table(part, columns=["source"]).column("source") if self.replaced_sources and has_source else None
                if sources is None or not pc.any(pc.is_in(sources, value_set=replaced)).as_py():
                    _link_or_copy(part, target)
                    continue
                table = pq.read_table(part)
                is_replaced = pc.is_in(table.column("source"), value_set=replaced)
                kept = table.filter(pc.invert(is_replaced))
                if kind in DEDUPLICATED_KINDS:
                    self.replaced_ids = pa.concat_arrays(
                        [self.replaced_ids, table.column("id").filter(is_replaced).combine_chunks().cast(pa.string())])
                rewritten[kind] += 1
                if kept.num_rows:
                    write_parquet(kept, self.staging / kind / self._new_name(part.name))
        for folder in CARRIED_FOLDERS:  # immutable files (replaced, never edited): links are safe
            for path in sorted((base_dir / folder).glob("*")) if (base_dir / folder).is_dir() else ():
                (self.staging / folder).mkdir(exist_ok=True)
                _link_or_copy(path, self.staging / folder / path.name)
        return rewritten

    def write(self, kind: str, table: pa.Table, name: str) -> Path:
        """Add a part of `kind` to this version (same as `write_part(builder.staging, ...)`)."""
        return write_part(self.staging, kind, name, table)

    def parts(self, kind: str) -> list[Path]:
        """The parts of `kind` in the version being built (carried over and new)."""
        return _parts(self.staging / kind)

    def _new_name(self, old_name: str) -> str:
        """A rewritten part never reuses a name: a reader that listed the old version's
        files and opens them after the switch gets the same bytes or no file, never others."""
        digest = hashlib.sha256(f"{old_name}:{self.next_number()}".encode()).hexdigest()[:16]
        return f"part-r{digest}.parquet"

    def compact(self, target_bytes: int = TARGET_FILE_BYTES, max_small_files: int = MAX_SMALL_FILES,
                memory_bytes: int = MERGE_MEMORY_BYTES) -> dict[str, int]:
        """Merge small parts into files of up to `target_bytes` on disk, `memory_bytes`
        of rows and MERGE_MAX_ROWS rows (sorted again as one; above STREAM_ROWS_BYTES merged a few rows of each
        part at a time, ``merge_parts``), once a kind has more than `max_small_files` of
        them. Returns files merged away per kind.
        """
        merged = {kind: 0 for kind in TABLE_KINDS}
        for kind in TABLE_KINDS:
            small = [p for p in _parts(self.staging / kind) if p.stat().st_size < target_bytes // 2]
            if len(small) <= max_small_files:
                continue
            footers = {part: pq.ParquetFile(part).metadata for part in small}  # each read once
            part_rows_bytes = {part: _rows_bytes(footer) for part, footer in footers.items()}
            part_rows = {part: footer.num_rows for part, footer in footers.items()}
            groups, group, size, group_rows_bytes, group_rows = [], [], 0, 0, 0
            for part in small:
                if group and (size + part.stat().st_size > target_bytes
                              or group_rows_bytes + part_rows_bytes[part] > memory_bytes
                              or group_rows + part_rows[part] > MERGE_MAX_ROWS):
                    groups.append(group)
                    group, size, group_rows_bytes, group_rows = [], 0, 0, 0
                group.append(part)
                size += part.stat().st_size
                group_rows_bytes += part_rows_bytes[part]
                group_rows += part_rows[part]
            groups.append(group)
            for group in (g for g in groups if len(g) > 1):
                name = hashlib.sha256("\0".join(p.name for p in group).encode()).hexdigest()[:16]
                target = self.staging / kind / f"part-m{name}.parquet"
                if sum(part_rows_bytes[p] for p in group) > STREAM_ROWS_BYTES:
                    merge_parts(group, target)
                else:
                    merge_in_memory(group, target)
                for part in group:
                    part.unlink()
                merged[kind] += len(group) - 1
                # The merge's buffers back to the OS before the next group (and the rest of the
                # commit): Arrow's pool and the C heap keep them otherwise (100 MB in 48 parts,
                # measured: 410 MB resident after compacting, 231 with this).
                pa.default_memory_pool().release_unused()
                return_freed_memory()
        return merged

    def language_counts(self) -> dict[str, int]:
        """Clean rows per `lang` in the version being built (reads one column)."""
        counts: dict[str, int] = {}
        for part in _parts(self.staging / "clean"):
            for entry in pc.value_counts(pq.read_table(part, columns=["lang"]).column("lang")).to_pylist():
                key = entry["values"] or ""
                counts[key] = counts.get(key, 0) + entry["counts"]
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def next_number(self) -> int:
        return max([*list_versions(self.layout), self.base or 0]) + 1

    def table_stats(self) -> dict[str, dict]:
        """Rows, files and bytes per kind in the version being built (footers only)."""
        stats = {}
        for kind in TABLE_KINDS:
            parts = _parts(self.staging / kind)
            stats[kind] = {"rows": sum(pq.ParquetFile(p).metadata.num_rows for p in parts),
                           "files": len(parts), "bytes": sum(p.stat().st_size for p in parts)}
        return stats

    def commit(self, manifest: dict, card: str, index: dict[str, dict],
               keep_versions: int = DEFAULT_KEEP_VERSIONS) -> int:
        """Make the staged folder the current version; returns its number."""
        number = self.next_number()
        write_json(manifest, self.staging / MANIFEST)
        write_text(card, self.staging / CARD)
        write_json(index, self.staging / INPUT_INDEX)
        final = self.layout.version_dir(number)
        os.rename(self.staging, final)
        _swap_pointer(self.layout, final)
        _ensure_links(self.layout)
        prune_versions(self.layout, keep_versions)
        return number

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class DamagedVersion(RuntimeError):
    """The current version's files are not what its manifest says (a part deleted,
    truncated or overwritten outside corpus-clean): a run must not build the next version
    on it, or the next version would silently lose those rows."""


def _damaged(layout: OutputLayout, number: int, what: str) -> DamagedVersion:
    return DamagedVersion(
        f"run failed: the current version v{number:06d} of the output {layout.root} is damaged: {what}. "
        f"Nothing was changed. Restore the file from a backup, or point {layout.root}/current at an "
        f"earlier whole version under versions/ (or choose a new --output), then run again.")


def _manifest_tables(layout: OutputLayout, number: int) -> dict:
    """Rows and files per kind that a version's manifest records ({} if it cannot be read:
    the manifest is a report; the Parquet footers are still checked)."""
    try:
        return read_version_manifest(layout, number).get("dataset") or {}
    except (OSError, ValueError, AttributeError):
        return {}


def _readable_footer(part: Path, layout: OutputLayout, number: int):
    """The part's Parquet footer, or DamagedVersion naming the part."""
    try:
        return pq.ParquetFile(part).metadata
    except (FileNotFoundError, pa.ArrowInvalid) as error:  # other OSErrors may pass: the task retries them
        raise _damaged(layout, number, f"{part.relative_to(layout.root)} is unreadable ({error})") from error


def _check_against_manifest(kind: str, footers: dict, expected: dict | None, layout: OutputLayout,
                            number: int) -> None:
    """Are a kind's parts as many, with as many rows, as the manifest says?

    >>> _check_against_manifest("clean", {}, {"files": 0, "rows": 0}, None, 1)
    """
    if not expected or not isinstance(expected.get("files"), int) or not isinstance(expected.get("rows"), int):
        return
    rows = sum(footer.num_rows for footer in footers.values())
    if len(footers) != expected["files"] or rows != expected["rows"]:
        raise _damaged(layout, number, f"{kind}/ holds {len(footers)} files and {rows} rows where its manifest "
                                       f"records {expected['files']} files and {expected['rows']} rows")


def _swap_pointer(layout: OutputLayout, version: Path) -> None:
    """Point `current` at `version` with one atomic rename of a fresh symlink."""
    temp = layout.root / f"{TEMP_PREFIX}current-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(version, layout.root), temp)
    os.replace(temp, layout.current)


def _ensure_links(layout: OutputLayout) -> None:
    """DIR/clean -> current/clean etc. Made once; a pre-versioning real folder is moved aside."""
    names = [*TABLE_KINDS, MANIFEST, CARD]
    for name in names:
        link = layout.root / name
        if link.is_symlink():
            continue
        if link.exists():  # output of a run before versions existed
            legacy = layout.versions_dir / "pre-versioning"
            legacy.mkdir(parents=True, exist_ok=True)
            os.replace(link, legacy / name)
        temp = layout.root / f"{TEMP_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.join("current", name), temp)
        os.replace(temp, link)


def prune_versions(layout: OutputLayout, keep_versions: int) -> list[int]:
    """Delete all but the newest `keep_versions` versions (never the current one)."""
    keep_versions = max(keep_versions, 1)
    current = current_version(layout)
    old = [n for n in list_versions(layout)[:-keep_versions] if n != current]
    for number in old:
        shutil.rmtree(layout.version_dir(number), ignore_errors=True)
    return old


class OutputConflict(RuntimeError):
    """Something that is not this output's own sits where the layout needs a folder."""


def check_output_root(layout: OutputLayout) -> None:
    """Refuse, in one line and before any work, a file where a kind's folder or link
    goes (an older run's real folder is fine: it is moved to versions/pre-versioning)."""
    for kind in TABLE_KINDS:
        path = layout.root / kind
        if path.exists() and not path.is_symlink() and not path.is_dir():
            raise OutputConflict(f"{path} is a file, not a folder of this output; move it away and run again")
    if layout.versions_dir.exists() and not layout.versions_dir.is_dir():
        raise OutputConflict(f"{layout.versions_dir} is a file, not this output's versions folder; "
                             "move it away and run again")


def remove_abandoned_staging(layout: OutputLayout) -> list[str]:
    """Staging folders of runs that died before committing (call it under the lock)."""
    if not layout.versions_dir.is_dir():
        return []
    abandoned = [p for p in layout.versions_dir.iterdir() if p.name.startswith(STAGING_PREFIX)]
    for path in abandoned:
        shutil.rmtree(path, ignore_errors=True)
    for path in layout.root.glob(f"{TEMP_PREFIX}*"):
        path.unlink(missing_ok=True)
    return sorted(p.name for p in abandoned)


def append_run_log(layout: OutputLayout, entry: dict, keep: int = 200) -> list[dict]:
    """Add one run's summary to runs.jsonl (the trend charts' data); returns the log."""
    runs = read_run_log(layout)[-(keep - 1):] + [entry]
    write_text("".join(json.dumps(r, sort_keys=True, default=str) + "\n" for r in runs), layout.runs_log)
    return runs


def read_run_log(layout: OutputLayout) -> list[dict]:
    """The run log's entries. A line that is not one (a run killed while the log was
    written on a file system without atomic renames, an edit by hand) is left out: the
    log feeds the trend charts, and a damaged line of it must not fail the run that would
    add the next one (it did: JSONDecodeError, exit 1, every later run on that output)."""
    if not layout.runs_log.exists():
        return []
    return [entry for line in layout.runs_log.read_bytes().splitlines() if line.strip()
            for entry in [_log_entry(line)] if entry is not None]


def _log_entry(line: bytes) -> dict | None:
    """
    >>> _log_entry(b'{"run_id": "a"}'), _log_entry(b'{"run_id": "a'), _log_entry(b"\\xff[1]")
    ({'run_id': 'a'}, None, None)
    """
    try:
        entry = json.loads(line)
    except (ValueError, RecursionError):  # (UnicodeDecodeError is a ValueError)
        return None
    return entry if isinstance(entry, dict) else None

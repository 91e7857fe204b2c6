"""Shards: groups of input files cleaned together in one task, and what came of them.

Per-task overhead is milliseconds on a Prefect server (and ~170 ms on Dask), so we
make few, large shards: files are packed until a shard holds `target_bytes`.
"""
from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from corpus_clean import __version__
from corpus_clean.dedup import DedupParams, signature_schema, signature_table
from corpus_clean.document import Document
from corpus_clean.pipeline import StepCounters, clean_documents
from corpus_clean.readers import (InputFile, Skipped, Unreadable, declared_record_count, file_format, is_compressed,
                                  jsonl_record, new_document, open_input, opens_json_documents, read_file,
                                  starts_as_other_format, stream_encoding)
from corpus_clean.records import clean_schema, document_row, documents_table, filtered_schema, quarantine_schema
from corpus_clean.steps import DEFAULT_STEPS, Step, StepStats, resolve_steps
from corpus_clean.validate import RowChecks, ValidationConfig, row_checks

DEFAULT_SHARD_BYTES = 16 * 1024 * 1024
# Documents cleaned together (boilerplate removal runs per batch): large enough to
# amortise numpy's per-call overhead, small enough to keep the batch's per-character
# arrays (~30 bytes a character) well under 100 MB (BATCH_CHARS bounds them whatever
# the count). 256 rather than 64: the engine's ~200 numpy calls per batch are a
# quarter as many per document (core 1.11-1.24x by CPU, benchmarks/batch_size.py and
# RESULTS-throughput.md "Round 14, core14"; the output is the same: no step reads
# across documents). Its cost is memory: each cleaning process holds a 4x larger
# batch's working arrays (a 100 MB run at --workers 2 peaked at 986 against 890 MB).
BATCH_DOCS = 256
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
    """Accounting for one input file: read = clean + quarantined + duplicates + filtered +
    skipped, where clean, quarantined and filtered are counted in the written tables, not
    derived from `read` (duplicates are moved out of clean by the run's dedup stage).

    Records in a part of the file that could not be read are `unreadable` (with the
    reasons). When the format declares its record count (`declared`: Parquet's
    num_rows, read from the footer apart from the records), the records read plus the
    unreadable ones must make it up.
    """

    read: int = 0
    clean: int = 0
    quarantined: int = 0
    duplicates: int = 0
    filtered: int = 0
    skipped: int = 0
    skipped_reasons: list[str] = field(default_factory=list)
    records: int = 0          # Documents the reader produced (read minus skipped entries)
    unreadable: int = 0
    unreadable_reasons: list[str] = field(default_factory=list)
    declared: int | None = None

    def mismatches(self) -> list[str]:
        """What does not add up, in words (empty when the file is fully accounted for)."""
        found = []
        if self.read != self.clean + self.quarantined + self.duplicates + self.filtered + self.skipped:
            found.append(f"read {self.read} != clean {self.clean} + quarantined {self.quarantined}"
                         f" + duplicates {self.duplicates} + filtered {self.filtered} + skipped {self.skipped}")
        if self.declared is not None and self.records + self.unreadable != self.declared:
            found.append(f"file declares {self.declared} records; read {self.records}"
                         f" + unreadable {self.unreadable}")
        return found

    def balanced(self) -> bool:
        return not self.mismatches()


@dataclass
class CleanedShard:
    """A shard after cleaning, before validation: rows, pre-validation problems, counts."""

    shard: Shard
    rows: pa.Table                                  # clean schema, one row per Document
    problems: dict[str, list[tuple[str, str]]]     # id → problems found while reading
    files: dict[str, FileCounts]
    counters: StepCounters
    filtered: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (filter step, reason)
    signatures: pa.Table | None = None  # dedup signatures of every row (by id), when asked for
    checks: RowChecks | None = None     # validation's per-row searches, when asked for


@dataclass(frozen=True)
class BatchExtras:
    """Per-row work for the tasks after cleaning, done where each batch is cleaned: in
    the worker processes, not serially in the process that validates and writes shards."""

    signatures: DedupParams | None = None    # the dedup signatures (staged by write-shard)
    checks: ValidationConfig | None = None   # validation's per-row searches (``validate.row_checks``)


def plan_shards(files: list[InputFile], target_bytes: int = DEFAULT_SHARD_BYTES,
                max_records: int | None = None) -> list[Shard]:
    """Pack files, in order, into shards of about `target_bytes` each, and of at most
    about `max_records` records (default MAX_SHARD_RECORDS; a big JSONL or Parquet file
    is packed as pieces: ``split_big_files``).

    >>> files = [InputFile(str(i), str(i), 40) for i in range(5)]
    >>> [len(s.files) for s in plan_shards(files, target_bytes=100)]
    [3, 2]
    >>> files = [InputFile(f"{i}.txt", f"{i}.txt", 40) for i in range(5)]  # a record each
    >>> [len(s.files) for s in plan_shards(files, target_bytes=100, max_records=2)]
    [2, 2, 1]
    """
    max_records = max_records or MAX_SHARD_RECORDS
    shards: list[Shard] = []
    current: list[InputFile] = []
    size = records = 0
    for file in split_big_files(files, target_bytes, max_records):
        file_records = records_estimate(file)
        if current and records + file_records > max_records:
            shards.append(Shard(len(shards), tuple(current)))
            current, size, records = [], 0, 0
        current.append(file)
        size += file.size
        records += file_records
        if size >= target_bytes or records >= max_records:
            shards.append(Shard(len(shards), tuple(current)))
            current, size, records = [], 0, 0
    if current:
        shards.append(Shard(len(shards), tuple(current)))
    return shards


# A file is cut into pieces once it is over this many shard targets: a shard holds its
# rows (and texts) in memory, so a 2 GB file must not be one shard. Smaller files are
# packed whole, as a shard closes once it reaches the target (up to about two targets).
SPLIT_ABOVE_TARGETS = 2
# Pieces are never smaller than this, whatever the target: a shard of a few records
# saves no memory and costs a task (and a tiny --shard-mb still means "a file a shard").
MIN_PIECE_BYTES = 1024 * 1024
# A shard also closes at this many records. Its cleaned rows are held until it is
# validated and written, ~3 KB a record however short the text (the row's columns,
# signals, dedup signature, checks), so shards of tiny records (one-line texts, 13-byte
# JSON lines) must be bounded by records, not bytes alone: 200,000 such records took a
# run to 1.3 GB (round 11), and 16 MB of them are 1.2 million. Never reached by
# 16 MB of ordinary documents (~4,000 of 4 KB).
MAX_SHARD_RECORDS = 50_000
# What planning reads of a JSONL file to estimate its records (``records_estimate``).
SAMPLE_BYTES = 64 * 1024


def records_estimate(file: InputFile) -> int:
    """The records `file` holds, as planning knows them: counted or estimated for JSONL
    and Parquet (``InputFile.records``), one for a text or HTML file, none for a skipped
    entry or a format planning does not look into (a ``.json`` document).

    >>> records_estimate(InputFile("a.txt", "a.txt", 10)), records_estimate(InputFile("b.json", "b.json", 10))
    (1, 0)
    """
    if file.records is not None:
        return file.records
    if file.skip_reason:
        return 0
    return 1 if file_format(file.source) in ("text", "html") else 0


def split_big_files(files: list[InputFile], target_bytes: int,
                    max_records: int = MAX_SHARD_RECORDS) -> list[InputFile]:
    """`files` with each JSONL file of more than SPLIT_ABOVE_TARGETS × `target_bytes`
    replaced by its pieces of about `target_bytes` (at least MIN_PIECE_BYTES;
    ``line_pieces``), in order; a compressed one by pieces of its decompressed stream
    (``compressed_line_pieces``). The pieces' records are the file's records, with the
    same ids (record indexes count from the file's first line), and the run's accounting
    adds them up per file (``merge_split_files``). UTF-16/32 files are not cut.

    A JSONL file of more than SPLIT_ABOVE_TARGETS × `max_records` lines (estimated from
    its first SAMPLE_BYTES) is cut into pieces of about `max_records` lines however few
    bytes they hold, and every file keeps its record estimate for ``plan_shards``."""
    piece_bytes = max(target_bytes, MIN_PIECE_BYTES)
    found = []
    for file in files:
        # (an archive's member is read whole: a zip or tar member is not entered at a byte offset)
        kind = None if file.skip_reason or file.is_piece or file.archive else file_format(file.source)
        if kind == "jsonl" and is_compressed(file.url):
            found.extend(compressed_line_pieces(file, piece_bytes))
        elif kind == "jsonl":
            found.extend(jsonl_pieces(file, piece_bytes, max_records))
        elif kind == "parquet":
            found.extend(row_group_pieces(file, piece_bytes, max_records))
        else:
            found.append(file)
    return found


def jsonl_pieces(file: InputFile, piece_bytes: int, max_records: int) -> list[InputFile]:
    """A JSONL file whole, with its estimated records, or as pieces (``line_pieces``)
    when it holds more than SPLIT_ABOVE_TARGETS × `piece_bytes` bytes or about
    SPLIT_ABOVE_TARGETS × `max_records` lines: then each piece holds at most about
    `piece_bytes` bytes and `max_records` lines."""
    sampled, lines, head = _sample_lines(file)
    if sampled == 0 or opens_json_documents(head) or starts_as_other_format(head):
        # Empty or unreadable: the reader reports it. Records pretty-printed over many
        # lines: read whole as JSON documents (``readers.read_jsonl_file``), never cut
        # between the lines of one record. Compressed or Parquet bytes under a `.jsonl`
        # name: read whole as what they are.
        return [file]
    bytes_per_line = max(sampled / max(lines, 1), 1.0)
    estimate = round(file.size / bytes_per_line)
    if file.size <= SPLIT_ABOVE_TARGETS * piece_bytes and estimate <= SPLIT_ABOVE_TARGETS * max_records:
        return [replace(file, records=estimate)]
    piece_bytes = min(piece_bytes, max(int(bytes_per_line * max_records), 1024))
    return line_pieces(file, piece_bytes)


def _sample_lines(file: InputFile) -> tuple[int, int, bytes]:
    """(bytes read, line breaks in them, the bytes) of the first SAMPLE_BYTES of `file`;
    (0, 0, b"") when it cannot be read."""
    try:
        # (a local path opened directly: fsspec's opener costs more than the read, once per file)
        with open(file.url, "rb") if "://" not in file.url else open_input(file.url, compression=None) as handle:
            sample = handle.read(SAMPLE_BYTES)
    except Exception:  # noqa: BLE001 - an unreadable file is the reader's to report
        return 0, 0, b""
    lines = line_breaks(sample, False)
    if len(sample) < SAMPLE_BYTES and not sample.endswith((b"\n", b"\r")):
        lines += 1  # a last line without a line break is a record too
    return len(sample), lines, sample


def row_group_pieces(file: InputFile, piece_bytes: int, max_records: int = MAX_SHARD_RECORDS) -> list[InputFile]:
    """A Parquet file whose row groups hold more than SPLIT_ABOVE_TARGETS × `piece_bytes`
    (uncompressed: what its rows take once read), or more than SPLIT_ABOVE_TARGETS ×
    `max_records` rows, as pieces of whole row groups of about `piece_bytes` or
    `max_records` rows each: ``start``/``end`` are row group numbers, ``first_record`` the
    rows before them, ``size`` their uncompressed bytes, ``records`` their rows. Others
    stay whole, with their rows as ``records`` (unreadable ones: the reader reports them).
    A row group is cut only when it alone holds more than SPLIT_ABOVE_TARGETS ×
    `max_records` rows: into slices of `max_records` rows (``InputFile.rows``), each
    decoding the group's rows before it and dropping them."""
    import pyarrow.parquet as pq

    try:
        with open_input(file.url, compression=None) as handle:
            metadata = pq.ParquetFile(handle).metadata
    except Exception:  # noqa: BLE001 - a damaged file is the reader's to report
        return [file]
    sizes = [metadata.row_group(g).total_byte_size for g in range(metadata.num_row_groups)]
    counts = [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]
    if sum(sizes) <= SPLIT_ABOVE_TARGETS * piece_bytes and sum(counts) <= SPLIT_ABOVE_TARGETS * max_records:
        return [replace(file, records=sum(counts))]
    pieces: list[InputFile] = []
    start, size, rows, first = 0, 0, 0, 0   # the piece being gathered: groups [start, ...), from row `first`
    for group, (group_bytes, group_rows) in enumerate(zip(sizes, counts)):
        if group_rows > SPLIT_ABOVE_TARGETS * max_records:
            # One row group too big for a shard (pandas and pyarrow write up to a million
            # rows as one): slices of its rows, after the groups gathered before it.
            if group > start:
                pieces.append(replace(file, size=size, start=start, end=group, first_record=first, records=rows - first))
            for low in range(0, group_rows, max_records):
                high = min(low + max_records, group_rows)
                pieces.append(replace(file, size=group_bytes * (high - low) // group_rows, start=group, end=group + 1,
                                      first_record=rows + low, records=high - low, rows=(low, high)))
            rows += group_rows
            start, size, first = group + 1, 0, rows
            continue
        size += group_bytes
        rows += group_rows
        if size >= piece_bytes or rows - first >= max_records or group == len(sizes) - 1:
            pieces.append(replace(file, size=size, start=start, end=group + 1, first_record=first, records=rows - first))
            start, size, first = group + 1, 0, rows
    if len(pieces) == 1:
        return [replace(file, records=sum(counts))]  # (one piece: the file as it was)
    return pieces


def line_breaks(data: bytes, after_cr: bool) -> int:
    r"""Line breaks in `data` as ``readers.split_lines`` counts them (LF, CRLF, lone CR);
    `after_cr`: the bytes before `data` ended in CR (a leading LF completes that CRLF).

    >>> line_breaks(b"a\r\nb\rc\n", False), line_breaks(b"\nx\n", True)
    (3, 1)
    """
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return breaks - 1 if after_cr and data.startswith(b"\n") else breaks


SNIFF_BYTES = 1 << 16  # how much of a file's head `line_pieces` reads before choosing to cut it


def line_pieces(file: InputFile, piece_bytes: int, block_bytes: int = 1 << 20,
                compression: str | None = None) -> list[InputFile]:
    """A JSONL file as pieces of about `piece_bytes`, each cut just after a LF, each
    knowing the index of its first line (one read of the file, a block at a time; with
    `compression` "infer", offsets are in the decompressed stream). A file whose first
    bytes say UTF-16/32 (a newline is more bytes), or open records pretty-printed over
    many lines or an array (``opens_json_documents``: a `.jsonl.zst` written by
    ``jq '.[]'``, read whole as JSON documents), stays whole."""
    cuts = [(0, 0)]  # (byte offset, lines before it)
    lines, offset, after_cr, next_cut = 0, 0, False, piece_bytes
    ends_a_line = True
    with open_input(file.url, compression=compression) as handle:
        # The sniff reads a head of 64 KB at least, whatever the block size: a first block
        # of a few bytes ("{") would look like an open record.
        block = handle.read(max(block_bytes, SNIFF_BYTES))
        if stream_encoding(block) is not None or opens_json_documents(block):
            return [file]  # UTF-16/32, or records pretty-printed over lines: read whole
        while block:
            searched = 0
            while offset + len(block) > next_cut:
                newline = block.find(b"\n", max(next_cut - offset, searched))
                if newline < 0:
                    break
                lines += line_breaks(block[searched:newline + 1], after_cr and searched == 0)
                after_cr, searched = False, newline + 1
                cuts.append((offset + searched, lines))
                next_cut = offset + searched + piece_bytes
            lines += line_breaks(block[searched:], after_cr and searched == 0)
            after_cr = block.endswith(b"\r")
            ends_a_line = block.endswith((b"\n", b"\r"))
            offset += len(block)
            block = handle.read(block_bytes)
    cuts = [cut for cut in cuts if cut[0] < offset]
    ends = [start for start, _ in cuts[1:]] + [offset]
    total = lines + (0 if ends_a_line else 1)  # (a last line with no break is a record)
    firsts = [first for _, first in cuts[1:]] + [total]
    return [replace(file, size=end - start, start=start, end=end, first_record=first, records=next_first - first)
            for (start, first), end, next_first in zip(cuts, ends, firsts)]


def compressed_line_pieces(file: InputFile, piece_bytes: int, max_records: int = MAX_SHARD_RECORDS) -> list[InputFile]:
    """A compressed JSONL file whose decompressed stream holds more than
    SPLIT_ABOVE_TARGETS × `piece_bytes` bytes or SPLIT_ABOVE_TARGETS × `max_records`
    lines, as pieces of that stream (``line_pieces``: one decompressing pass when the
    first MiB says the file may be that big); a smaller one, or one whose stream breaks
    (the whole-file reader reports where), stays whole, with its estimated records. Its
    pieces are read one after another from one decompressing stream in a local run
    (``readers.piece_stream``), so cleaning decompresses the file once, and a shard holds
    one piece's rows, not the file's."""
    limit = SPLIT_ABOVE_TARGETS * piece_bytes
    stream_bytes, bytes_per_line = decompressed_size_estimate(file)
    records = round(stream_bytes / bytes_per_line)
    # (a wide margin: the ratio of the first MiB)
    if stream_bytes <= limit // 4 and records <= SPLIT_ABOVE_TARGETS * max_records // 4:
        return [replace(file, records=records)]
    piece_bytes = min(piece_bytes, max(int(bytes_per_line * max_records), 1024))
    try:
        pieces = line_pieces(file, piece_bytes, compression="infer")
    except Exception:  # noqa: BLE001 - a broken stream is the reader's to report, whole
        return [file]
    lines = sum(piece.records or 0 for piece in pieces)
    if sum(piece.size for piece in pieces) > limit or lines > SPLIT_ABOVE_TARGETS * max_records:
        return pieces
    return [replace(file, records=lines)]


def decompressed_size_estimate(file: InputFile, sample_bytes: int = 1 << 20) -> tuple[int, float]:
    """A compressed file's size once decompressed, from its first `sample_bytes` (exact
    when the whole stream is that short; 0 when it cannot be read), and the bytes per
    line of that sample."""
    from fsspec.compression import compr
    from fsspec.utils import infer_compression

    try:
        with open_input(file.url, compression=None) as raw:
            data = compr[infer_compression(file.url)](raw, mode="rb").read(sample_bytes)
            per_line = max(len(data) / max(line_breaks(data, False), 1), 1.0)
            if len(data) < sample_bytes:
                return len(data), per_line
            return round(len(data) * (file.size or raw.size) / max(raw.tell(), 1)), per_line
    except Exception:  # noqa: BLE001 - an unreadable file is the reader's to report
        return 0, 1.0


def merge_split_files(summaries: list["ShardSummary"]) -> list["ShardSummary"]:
    """A file cleaned in pieces is counted by each piece's shard: its counts are added
    up into the first summary that has it and removed from the others, so the run's
    per-file accounting (and the duplicates moved out per file) sees each file once."""
    first: dict[str, FileCounts] = {}
    for summary in summaries:
        for source in list(summary.files):
            counts = summary.files[source]
            if source not in first:
                first[source] = counts
                continue
            total = first[source]
            for name in ("read", "clean", "quarantined", "duplicates", "filtered", "skipped", "records",
                         "unreadable", "skipped_reasons", "unreadable_reasons"):
                setattr(total, name, getattr(total, name) + getattr(counts, name))
            del summary.files[source]
    return summaries


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


@dataclass(frozen=True)
class UnreadLine:
    """A JSONL line as the shard reader found it: not yet decoded or parsed.

    The process that reads a shard hands these to the cleaning workers, which parse
    them (``parse_lines``): parsing moves off the one serial reader, and a line pickles
    as one bytes copy where a Document is a dict of ~20 fields.
    """

    source: str
    index: int
    line: bytes


@dataclass
class CleanedBatch:
    """A batch of documents after cleaning, as an Arrow table: cheap to send between
    processes (buffers, not Python objects), and built where the cleaning ran."""

    rows: pa.Table
    problems: dict[str, list[tuple[str, str]]]
    counters: StepCounters
    filtered: dict[str, tuple[str, str]] = field(default_factory=dict)
    signatures: pa.Table | None = None
    checks: RowChecks | None = None
    skipped: list[Skipped] = field(default_factory=list)  # unread lines that parsed to no record (blank)


# A batch as read: Documents, and JSONL lines left for the worker to parse.
Batch = list[Document | UnreadLine]
# (batches, steps, run_id, extras) → the cleaned batches in order
BatchCleaner = Callable[[Iterator[Batch], tuple[Step, ...], str, BatchExtras | None], Iterator[CleanedBatch]]


def clean_shard(shard: Shard, run_id: str, steps: tuple[str | Step, ...] = DEFAULT_STEPS,
                clean_batches: BatchCleaner | None = None,
                on_batch: Callable[[int], None] | None = None,
                extras: BatchExtras | None = None) -> CleanedShard:
    """Read and clean every record of the shard's files. Never raises on bad records.

    `clean_batches` cleans the shard's batches and yields them back in order (default:
    here, one after another; ``corpus_clean.parallel`` passes one that uses processes).
    `on_batch(documents)` is told after each batch (progress that moves with documents).
    `extras`: what else to compute for each batch where it is cleaned (``clean_batch``).
    """
    steps = resolve_steps(steps)
    extras = extras or BatchExtras()
    tables: list[pa.Table] = [clean_schema().empty_table()]
    signature_tables: list[pa.Table] = [signature_schema(extras.signatures).empty_table()] if extras.signatures else []
    checks: list[RowChecks] = []
    problems: dict[str, list[tuple[str, str]]] = {}
    filtered: dict[str, tuple[str, str]] = {}
    files: dict[str, FileCounts] = {}
    counters = StepCounters()
    for cleaned in (clean_batches or clean_batches_here)(_batches(shard, files), steps, run_id, extras):
        tables.append(cleaned.rows)
        if extras.signatures:
            signature_tables.append(cleaned.signatures)
        if extras.checks:
            checks.append(cleaned.checks)
        _count_skipped(files, cleaned.skipped)
        problems.update(cleaned.problems)
        filtered.update(cleaned.filtered)
        counters.merge(cleaned.counters)
        if on_batch is not None:
            on_batch(cleaned.rows.num_rows)
    return CleanedShard(shard, _one_chunk(tables), problems, files, counters, filtered,
                        _one_chunk(signature_tables) if extras.signatures else None, RowChecks.concat(checks))


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


def _count_skipped(files: dict[str, FileCounts], skipped: list[Skipped]) -> None:
    """Lines the reader counted as records that parsing found to be none (blank lines)
    are counted as skipped instead, with the reason."""
    for item in skipped:
        counts = files[item.source]
        counts.records -= 1
        counts.skipped += 1
        counts.skipped_reasons.append(item.reason)


def _batches(shard: Shard, files: dict[str, FileCounts]) -> Iterator[Batch]:
    """The shard's readable records in order, in batches of at most BATCH_DOCS
    records or BATCH_CHARS characters (a longer record is a batch of its own).
    JSONL lines are left unparsed (``UnreadLine``: parsed where the batch is cleaned).
    Counts what was read and skipped into `files`."""
    batch: Batch = []
    chars = 0
    for file in shard.files:
        counts = files.setdefault(file.source, FileCounts(declared=declared_record_count(file)))
        for item in read_file(file, jsonl_line=UnreadLine):
            if isinstance(item, Unreadable):
                counts.unreadable += item.records or 0
                counts.unreadable_reasons.append(item.reason)
                continue
            counts.read += 1
            if isinstance(item, Skipped):
                counts.skipped += 1
                counts.skipped_reasons.append(item.reason)
                continue
            counts.records += 1  # an unread line that turns out blank is moved to skipped (``_count_skipped``)
            size = _size(item)
            if batch and (len(batch) >= BATCH_DOCS or chars + size > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append(item)
            chars += size
    if batch:
        yield batch


def _size(item: Document | UnreadLine) -> int:
    """What a record weighs in a batch: its characters (an unread line: its bytes)."""
    if isinstance(item, UnreadLine):
        return len(item.line)
    return len(item.html if item.html is not None else item.raw_text or "")


def clean_batches_here(batches: Iterator[Batch], steps: tuple[Step, ...], run_id: str,
                       extras: BatchExtras | None = None) -> Iterator[CleanedBatch]:
    for batch in batches:
        yield clean_batch(batch, steps, run_id, extras)


def parse_lines(batch: Batch) -> tuple[list[Document], list[Skipped]]:
    """The batch's unread JSONL lines parsed as the reader would (``readers.jsonl_record``):
    Documents in order, and the lines that hold no record (blank).

    The reader quarantines what it cannot parse itself; should it still raise on some
    line, that line alone is quarantined with the error, raw line kept.

    >>> docs, skipped = parse_lines([UnreadLine("a.jsonl", 0, b'{"text": "hi"}'), UnreadLine("a.jsonl", 1, b" ")])
    >>> [doc.raw_text for doc in docs], [item.reason for item in skipped]
    (['hi'], ['blank line 2'])
    """
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for item in batch:
        if isinstance(item, UnreadLine):
            item = _parsed_line(item)
        (skipped if isinstance(item, Skipped) else documents).append(item)
    return documents, skipped


def _parsed_line(unread: UnreadLine) -> Document | Skipped:
    try:
        return jsonl_record(unread.source, unread.index, unread.line)
    except Exception as error:  # noqa: BLE001 - one bad line must not sink the batch
        return new_document(unread.source, unread.index, unread.line, unread.line.decode("utf-8", "replace"),
                            problem=f"{unread.source}:{unread.index + 1}: unparsable line "
                                    f"({type(error).__name__}: {error})")


@contextmanager
def cyclic_gc_paused():
    """Python's cycle collector off for the block, back on (if it was) after it.

    A batch makes ~100,000 container objects (Documents, removals, dicts, lists) that
    reference counting frees: the collector finds no cycles among them, but its
    allocation counter set it off ~3 times per batch, and now and then a full collection
    walked every live object (~10 ms per generated 5 MB, plus ~40 ms for each full one,
    measured). With it paused, the batch's allocations count towards one collection
    after the batch; garbage cycles a batch makes (none expected) wait at most one batch.

    >>> with cyclic_gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():  # someone else's choice: left as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def clean_batch(batch: Batch, steps: tuple[Step, ...], run_id: str,
                extras: BatchExtras | None = None) -> CleanedBatch:
    """Parse a batch's unread lines (``parse_lines``), clean it (``_clean_batch_safely``)
    and turn it into a table and counts; with `extras`, also its rows' dedup signatures
    (``dedup.signature_table``) and validation's per-row searches (``validate.row_checks``).
    Python's cycle collector is paused meanwhile (``cyclic_gc_paused``)."""
    with cyclic_gc_paused():
        return _clean_batch(batch, steps, run_id, extras)


def _clean_batch(batch: Batch, steps: tuple[Step, ...], run_id: str, extras: BatchExtras | None) -> CleanedBatch:
    batch, skipped = parse_lines(batch)
    counters = StepCounters()
    cleaned, problems, filtered = [], {}, {}
    for doc in _clean_batch_safely(batch, steps, counters):
        cleaned.append(doc)
        if doc.problems:
            problems[doc.id] = list(doc.problems)
        elif doc.filtered:
            filtered[doc.id] = doc.filtered
    try:
        table = documents_table(cleaned, run_id)
        removed = table.column("removed")  # the removals are counted from it
    except Exception:  # noqa: BLE001 - some row cannot be stored: find it row by row
        rows = [_storable_row(document_row(doc, run_id), problems) for doc in cleaned]
        table, removed = pa.Table.from_pylist(rows, schema=clean_schema()), None
    counters.add_many(cleaned, removed)
    extras = extras or BatchExtras()
    signatures = None
    if extras.signatures:
        signatures = signature_table(table.column("id"), table.column("text"), extras.signatures)
    checks = row_checks(table, extras.checks) if extras.checks else None
    return CleanedBatch(table, problems, counters, filtered, signatures, checks, skipped)


def _storable_row(row: dict, problems: dict[str, list[tuple[str, str]]]) -> dict:
    """A row Arrow refuses (a lone surrogate no step should have made, a value of the
    wrong type) goes to quarantine with the error, its strings backslash-escaped so
    that what was there is still readable."""
    try:
        pa.Table.from_pylist([row], schema=clean_schema())
        return row
    except Exception as error:  # noqa: BLE001 - any Arrow conversion error
        problems.setdefault(row["id"], []).append(
            ("storable_output", f"{row['source']}:{row['record_index']}: {type(error).__name__}: {error}"))
        return _escaped(row)


def _escaped(value):
    r"""Strings with anything UTF-8 cannot hold written as backslash escapes.

    >>> _escaped({"t": ["ok \udfff"]})
    {'t': ['ok \\udfff']}
    """
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_escaped(item) for item in value)
    return value


def _clean_batch_safely(batch: list[Document], steps: tuple[Step, ...], counters: StepCounters) -> list[Document]:
    """Clean a batch; if any record makes it raise, clean its records one at a time so
    that only that record is quarantined (the steps are deterministic, so a record
    cleaned twice comes out the same)."""
    try:
        counters.merge_step_stats(clean_documents([doc for doc in batch if not doc.problems], steps))
        batch_cleaned = True
    except Exception:  # noqa: BLE001 - the bad record is found below
        batch_cleaned = False
    for doc in batch:
        if doc.problems or not batch_cleaned:
            _clean_safely(doc, steps, counters)
    return batch


def _clean_safely(doc: Document, steps: tuple[Step, ...], counters: StepCounters) -> Document:
    """Clean unless reading already found the record unusable (it goes to quarantine as
    read, raw text kept); a step's crash quarantines the record with the error instead
    of failing the shard."""
    if doc.problems:
        doc.text = doc.raw_text if doc.html is None else doc.html
        return doc
    doc.filtered = None  # the failed batch may have got this far
    try:
        counters.merge_step_stats(clean_documents([doc], steps))
        return doc
    except Exception as error:  # noqa: BLE001 - one bad record must not sink the shard
        # The raw input, not a half-cleaned text (HTML extraction overwrote raw_text).
        doc.text = doc.raw_text if doc.html is None else doc.html
        doc.problems.append(("cleaning_error", f"{doc.source}:{doc.record_index}: "
                                               f"{type(error).__name__}: {error}"))
        return doc


@dataclass
class ShardOutput:
    """A shard's rows, split by where they go: clean, quarantine, filtered."""

    clean: pa.Table
    quarantine: pa.Table
    filtered: pa.Table


def split_by_validation(cleaned: CleanedShard, failures: dict[str, list[tuple[str, str]]]) -> ShardOutput:
    """Rows with a problem from reading or cleaning, or a failed check → quarantine with
    reasons; rows a filter step set aside (and valid otherwise) → filtered with the
    filter's name and reason; the rest → clean. Fills in each file's counts."""
    reasons_by_id: dict[str, list[tuple[str, str]]] = {}
    for source in (cleaned.problems, failures):
        for row_id, reasons in source.items():
            reasons_by_id.setdefault(row_id, []).extend(reasons)
    ids = cleaned.rows.column("id").to_pylist()
    bad = pa.array([row_id in reasons_by_id for row_id in ids], type=pa.bool_())
    set_aside = pa.array([row_id in cleaned.filtered and row_id not in reasons_by_id for row_id in ids],
                         type=pa.bool_())
    if reasons_by_id or cleaned.filtered:
        clean_rows = cleaned.rows.filter(pc.invert(pc.or_(bad, set_aside)))
    else:  # the usual case: every row is clean, and a filter would copy them all
        clean_rows = cleaned.rows
    quarantined = cleaned.rows.filter(bad)
    quarantined = _with_column(quarantined, quarantine_schema(), "reasons", [
        [{"check": check, "detail": detail} for check, detail in reasons_by_id[row_id]]
        for row_id in quarantined.column("id").to_pylist()])
    filtered_rows = cleaned.rows.filter(set_aside)
    filtered_ids = filtered_rows.column("id").to_pylist()
    filtered_rows = _with_column(filtered_rows, filtered_schema(), "filtered_by",
                                 [cleaned.filtered[row_id][0] for row_id in filtered_ids])
    filtered_rows = _with_column(filtered_rows, filtered_schema(), "filter_reason",
                                 [cleaned.filtered[row_id][1] for row_id in filtered_ids])
    # Counted in the tables about to be written, so a row lost on the way shows up.
    quarantined_by_source = Counter(quarantined.column("source").to_pylist())
    filtered_by_source = Counter(filtered_rows.column("source").to_pylist())
    clean_by_source = Counter(clean_rows.column("source").to_pylist())
    for source, counts in cleaned.files.items():
        counts.quarantined = quarantined_by_source.get(source, 0)
        counts.filtered = filtered_by_source.get(source, 0)
        counts.clean = clean_by_source.get(source, 0)
    return ShardOutput(clean_rows, quarantined, filtered_rows)


def _with_column(table: pa.Table, schema: pa.Schema, name: str, values: list) -> pa.Table:
    """`table` plus column `name`, typed as `schema` declares it."""
    field_ = schema.field(name)
    return table.append_column(field_, pa.array(values, type=field_.type))


@dataclass
class ShardSummary:
    """What one shard produced: small, so it travels back to the flow cheaply."""

    name: str
    clean_rows: int
    quarantined_rows: int
    files: dict[str, FileCounts]
    fixes: dict[str, int]
    removed_by_rule: dict[str, int]
    chars_removed_by_rule: dict[str, int]
    validation: list[dict] = field(default_factory=list)
    quarantine_examples: list[dict] = field(default_factory=list)
    data_docs_index: str | None = None
    filtered_rows: int = 0
    steps: dict[str, StepStats] = field(default_factory=dict)  # per step, in the order they ran
    chars_in: int = 0                                   # n_chars_raw of the shard's rows
    chars_out: int = 0                                  # n_chars_clean of its clean rows
    languages: dict[str, int] = field(default_factory=dict)            # clean rows per lang
    quarantine_by_check: dict[str, int] = field(default_factory=dict)  # quarantined rows per check


def summarize_shard(cleaned: CleanedShard, output: ShardOutput, validation: list[dict],
                    data_docs_index: str | None = None) -> ShardSummary:
    """The ShardSummary of a written shard: counts, per-rule and per-step stats, examples."""
    counters = cleaned.counters
    examples = [
        {"id": row["id"], "source": row["source"], "record_index": row["record_index"],
         "reasons": "; ".join(f"{r['check']}: {r['detail']}" for r in row["reasons"])[:300]}
        for row in output.quarantine.select(["id", "source", "record_index", "reasons"]).slice(0, 20).to_pylist()
    ]
    checks = Counter(reason["check"] for reasons in output.quarantine.column("reasons").to_pylist()
                     for reason in {r["check"]: r for r in reasons}.values())
    languages = {entry["values"] or "": entry["counts"]
                 for entry in pc.value_counts(output.clean.column("lang")).to_pylist()}
    return ShardSummary(
        name=cleaned.shard.name, clean_rows=output.clean.num_rows, quarantined_rows=output.quarantine.num_rows,
        files=cleaned.files, fixes=dict(counters.fixes), removed_by_rule=dict(counters.removed_by_rule),
        chars_removed_by_rule=dict(counters.chars_removed_by_rule), validation=validation,
        quarantine_examples=examples, data_docs_index=data_docs_index,
        filtered_rows=output.filtered.num_rows,
        steps=dict(counters.steps),
        chars_in=pc.sum(cleaned.rows.column("n_chars_raw")).as_py() or 0,
        chars_out=pc.sum(output.clean.column("n_chars_clean")).as_py() or 0,
        languages=languages, quarantine_by_check=dict(checks),
    )

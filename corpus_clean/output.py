"""Output: atomic Parquet/JSON writes, with the Parquet laid out for the people who read it.

Every file is written to a temporary name in the same directory and renamed into
place, so a reader (or a rerun after a crash) never sees a partial file.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TEMP_PREFIX = ".tmp-"


# Rows are sorted so that one language (then one source, then a date range) sits in few
# row groups: min/max statistics then let pandas/pyarrow, polars and DuckDB skip the rest
# of a file without partition folders (which would break the DIR/clean/*.parquet glob).
SORT_KEYS = ("lang", "source", "published", "record_index", "id")
# A row group of ~16 MB of uncompressed columns: big enough for fast scans, small enough
# that a filter on lang/source skips most of a large file.
ROW_GROUP_BYTES = 16 * 1024 * 1024
MIN_ROW_GROUP_ROWS, MAX_ROW_GROUP_ROWS = 256, 100_000


def current_umask() -> int:
    """The process's umask, read without changing it (os.umask can only be read by
    setting it, which would race with other threads creating files).

    >>> 0 <= current_umask() <= 0o777
    True
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # no /proc (macOS): read it the racy way
    os.umask(mask)
    return mask


def _atomic_write(path: Path, write) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    # mkstemp makes the file 0600; the output is the user's, with their umask as for any file.
    os.fchmod(handle, 0o666 & ~current_umask())
    os.close(handle)
    try:
        write(temp_name)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def sort_for_readers(table: pa.Table) -> pa.Table:
    """Rows ordered by language, source, date (and a unique key, so the order is total).

    >>> t = pa.table({"lang": ["fr", "en", None], "source": ["b", "a", "c"], "id": ["1", "2", "3"]})
    >>> sort_for_readers(t).column("lang").to_pylist()
    ['en', 'fr', None]
    """
    order = readers_order(table)
    return table if order is None else table.take(order)


def readers_order(table: pa.Table) -> pa.Array | None:
    """The row indices that put `table` in readers' order (``sort_for_readers``), or None
    when it is in that order already (no sort keys, fewer than two rows). For a caller
    that takes only some rows in that order (``dedup.split_duplicates``): one copy of
    the rows it keeps, not a sorted copy of them all and then another of the kept ones.

    >>> t = pa.table({"lang": ["fr", "en", None], "source": ["b", "a", "c"], "id": ["1", "2", "3"]})
    >>> readers_order(t).to_pylist(), readers_order(t.slice(0, 1))
    ([1, 0, 2], None)
    """
    keys = [(name, "ascending") for name in SORT_KEYS if name in table.column_names]
    if not keys or table.num_rows < 2:
        return None
    return pc.sort_indices(table, sort_keys=keys)  # nulls last (the default), as Table.sort_by


def row_group_rows(table: pa.Table) -> int:
    """Rows per row group so that a group holds about ROW_GROUP_BYTES of data.

    >>> row_group_rows(pa.table({"text": ["x" * 4000] * 10}))
    4190
    """
    if table.num_rows == 0:
        return MIN_ROW_GROUP_ROWS
    per_row = max(table.nbytes / table.num_rows, 1)
    return int(min(max(ROW_GROUP_BYTES / per_row, MIN_ROW_GROUP_ROWS), MAX_ROW_GROUP_ROWS))


def write_parquet(table: pa.Table, path: Path, sort: bool = True) -> Path:
    """zstd Parquet with the table's explicit schema, sorted for readers (unless `sort`
    is False: the table is already in the order wanted), written atomically.

    Column statistics (min/max, null counts) are kept in every row group and a page
    index is written, so readers prune by lang/source/published. No pandas metadata:
    the same table gives the same bytes.
    """
    if sort:
        table = sort_for_readers(table)
    return _atomic_write(Path(path), lambda name: pq.write_table(
        table, name, compression="zstd", row_group_size=row_group_rows(table), store_schema=True,
        write_statistics=True, write_page_index=True))


def write_parquet_row_groups(groups: Iterable[pa.Table], schema: pa.Schema, path: Path) -> Path:
    """``write_parquet(table, path, sort=False)`` for a table given one row group at a time
    (each table of `groups` becomes one row group; same options), so that a big table
    (the dedup index's signatures) is never in memory whole. Written atomically."""
    def write(name: str) -> None:
        with pq.ParquetWriter(name, schema, compression="zstd", store_schema=True, write_statistics=True,
                              write_page_index=True) as writer:
            for group in groups:
                writer.write_table(group, row_group_size=max(group.num_rows, 1))

    return _atomic_write(Path(path), write)


def write_json(data: dict, path: Path) -> Path:
    def write(name: str) -> None:
        Path(name).write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")

    return _atomic_write(Path(path), write)


def write_text(text: str, path: Path) -> Path:
    return _atomic_write(Path(path), lambda name: Path(name).write_text(text, encoding="utf-8"))

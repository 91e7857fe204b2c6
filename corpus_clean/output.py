"""Output: atomic Parquet writes and the run manifest.

Every file is written to a temporary name in the same directory and renamed into
place, so a reader (or a rerun after a crash) never sees a partial file.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TEMP_PREFIX = ".tmp-"


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


def write_parquet(table: pa.Table, path: Path) -> Path:
    """zstd Parquet with the table's explicit schema, written atomically.

    No pandas metadata and fixed row-group size, so the same table gives the same bytes.
    """
    return _atomic_write(Path(path), lambda name: pq.write_table(
        table, name, compression="zstd", row_group_size=10_000, store_schema=True))


def write_json(data: dict, path: Path) -> Path:
    def write(name: str) -> None:
        Path(name).write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")

    return _atomic_write(Path(path), write)


def remove_stale_outputs(directory: Path, keep: set[str]) -> list[str]:
    """Delete leftover temp files and part files this run did not write (e.g. a previous
    run over more shards, or one killed mid-write). Returns what was removed."""
    removed = []
    if not directory.exists():
        return removed
    for path in directory.iterdir():
        if path.name.startswith(TEMP_PREFIX) or (path.suffix == ".parquet" and path.name not in keep):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed

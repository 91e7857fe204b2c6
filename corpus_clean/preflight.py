"""Preflight: everything a run needs, checked before any server starts or any work is done.

A run that cannot finish should say so in one line at once, not after the whole input
has been cleaned: a missing input, an output that is a file, read-only, full or inside
the input tree (the next run would read its own output back), arguments out of range.
The CLI calls `check_run` before starting Prefect; the flow calls it too, because
deployments call the flow without the CLI.
"""
from __future__ import annotations

import fcntl
import math
import os
import shutil
import tempfile
from pathlib import Path

import fsspec

from corpus_clean.layout import OutputLayout, is_output_root

# Below this many free bytes on the output's disk a run cannot even write its manifest.
MIN_FREE_BYTES = 1 << 20


class PreflightError(ValueError):
    """A run that cannot succeed, said in one line."""


class RunError(RuntimeError):
    """A run that failed, said in one line naming what failed and where."""


def check_run(input_path: str, output_dir: str, *, shard_mb: float = 16, workers: int = 1,
              min_chars: int | None = 0, input_must_exist: bool = True, keep_versions: int | None = None,
              dask_address: str | None = None) -> None:
    """Raise PreflightError naming the first thing that would make the run fail. With
    `input_must_exist` false (a scheduled run: an unmounted input is a quiet day, not an
    error), a missing local input passes; one that exists must still be readable."""
    if dask_address:  # (first: the checks below make the output folder)
        check_dask_scheduler(dask_address)
    check_arguments(shard_mb=shard_mb, workers=workers, min_chars=min_chars, keep_versions=keep_versions)
    for option, path in (("--input", input_path), ("--output", output_dir)):
        if not str(path).strip():
            # Path("") is the working directory: `--input "$IN"` with $IN unset would
            # clean whatever folder the shell is in, `--output ""` write a dataset into it.
            raise PreflightError(f"{option} is empty (an unset shell variable?); give a path")
    local = _local_path(input_path)
    if input_must_exist or local is None or local.exists() or local.is_symlink():
        check_input(input_path)
    check_output(output_dir, input_path)


# More cleaning processes than this per CPU only share the same cores (each holds
# ~150 MB of cleaning code and batches): --workers 100000 would start 99,999 processes.
MAX_WORKERS_PER_CPU = 4


def check_arguments(*, shard_mb: float, workers: int, min_chars: int | None, keep_versions: int | None = None) -> None:
    """
    >>> check_arguments(shard_mb=0, workers=1, min_chars=0)
    Traceback (most recent call last):
    ...
    corpus_clean.preflight.PreflightError: --shard-mb must be > 0 (got 0)
    >>> check_arguments(shard_mb=float("inf"), workers=1, min_chars=0)
    Traceback (most recent call last):
    ...
    corpus_clean.preflight.PreflightError: --shard-mb must be a finite number of megabytes (got inf)
    """
    # (a bool is an int to Python and to Prefect's parameter checks: `workers: true` in a
    # deployment, or keep_versions=True from a script, is a mistake, not 1)
    if keep_versions is not None and (not isinstance(keep_versions, int) or isinstance(keep_versions, bool)
                                      or keep_versions < 1):
        # (0 or -1 would silently keep 1 version: the CLI's argparse refuses them too)
        raise PreflightError(f"--keep-versions must be an integer >= 1 (got {keep_versions!r})")
    if isinstance(workers, bool) or isinstance(min_chars, bool) or isinstance(shard_mb, bool):
        raise PreflightError(f"--workers, --min-chars and --shard-mb take numbers, not true/false "
                             f"(got {workers!r}, {min_chars!r}, {shard_mb!r})")
    if not isinstance(workers, int) or workers < 0:
        raise PreflightError(f"--workers must be an integer >= 0 (0: one per CPU; got {workers!r})")
    cpus = os.cpu_count() or 1
    if workers > MAX_WORKERS_PER_CPU * cpus:
        raise PreflightError(f"--workers {workers} is more than {MAX_WORKERS_PER_CPU} per CPU (this machine has "
                             f"{cpus}): each is a cleaning process; 0 starts one per CPU")
    if not shard_mb > 0:  # also rejects NaN
        raise PreflightError(f"--shard-mb must be > 0 (got {shard_mb!r})")
    if not math.isfinite(shard_mb * (1 << 20)):  # inf, or 1e308 (inf once in bytes): the plan's int() fails
        raise PreflightError(f"--shard-mb must be a finite number of megabytes (got {shard_mb!r})")
    if min_chars is not None and (not isinstance(min_chars, int) or min_chars < 0):
        raise PreflightError(f"--min-chars must be an integer >= 0 (got {min_chars!r})")


def check_dask_scheduler(address: str, timeout: float = 10.0) -> None:
    """--dask-address must be a scheduler's address ([tcp://, tls://, ws:// or wss://]host:port)
    that answers: refused up front, in one line, rather than after a 60 s connection timeout
    and a page of tracebacks. An ``inproc://`` address names a scheduler inside another
    process, which this run cannot reach; ``ucx://`` needs ucx-py installed.

    >>> check_dask_scheduler("garbage")
    Traceback (most recent call last):
    ...
    corpus_clean.preflight.PreflightError: --dask-address 'garbage' is not a scheduler address: give host:port, e.g. tcp://10.0.0.5:8786
    >>> check_dask_scheduler("tcp://[::1")
    Traceback (most recent call last):
    ...
    corpus_clean.preflight.PreflightError: --dask-address 'tcp://[::1' is not a scheduler address: give host:port, e.g. tcp://10.0.0.5:8786
    >>> check_dask_scheduler("inproc://x")
    Traceback (most recent call last):
    ...
    corpus_clean.preflight.PreflightError: --dask-address 'inproc://x' names a scheduler inside another process, which this run cannot reach: give its tcp://host:port
    """
    import importlib.util
    import socket
    from urllib.parse import urlsplit

    scheme = address.split("://", 1)[0].lower() if "://" in address else "tcp"
    if scheme == "inproc":
        raise PreflightError(f"--dask-address {address!r} names a scheduler inside another process, which "
                             "this run cannot reach: give its tcp://host:port")
    if scheme == "ucx" and importlib.util.find_spec("ucp") is None:
        raise PreflightError(f"--dask-address {address!r}: ucx:// needs ucx-py, which is not installed "
                             "here: install it, or give the scheduler's tcp://host:port")
    if scheme not in ("tcp", "tls", "ws", "wss", "ucx"):
        raise PreflightError(f"--dask-address {address!r}: Dask has no {scheme}:// transport "
                             "(tcp, tls, ws, wss, ucx): give e.g. tcp://10.0.0.5:8786")
    try:  # (urlsplit itself refuses a broken IPv6 host: "tcp://[::1")
        parts = urlsplit(address if "://" in address else f"tcp://{address}")
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is no number, or out of range
        host = port = None
    if not host or port is None:
        raise PreflightError(f"--dask-address {address!r} is not a scheduler address: give host:port, "
                             "e.g. tcp://10.0.0.5:8786")
    if scheme == "ucx":
        return  # not a TCP socket to knock on: Dask's to connect
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        raise PreflightError(f"--dask-address {address}: no scheduler answers there "
                             f"({error.strerror or type(error).__name__})") from None


def _local_path(url: str) -> Path | None:
    """The local path behind `url`, or None for a remote fsspec URL."""
    fs, path = fsspec.core.url_to_fs(url)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return Path(path) if protocol in ("file", "local") else None


def check_input(input_path: str) -> None:
    local = _local_path(input_path)
    if local is None:
        fs, path = fsspec.core.url_to_fs(input_path)
        try:
            exists = fs.exists(path)
        except Exception as error:  # noqa: BLE001 - network, credentials...
            raise PreflightError(f"input {input_path} cannot be reached: {type(error).__name__}: {error}") from None
        if not exists:
            raise PreflightError(f"input path does not exist: {input_path}")
        return
    if not local.exists():
        raise PreflightError(f"input path does not exist: {input_path}")
    needed = os.R_OK | (os.X_OK if local.is_dir() else 0)
    if not os.access(local, needed):
        raise PreflightError(f"input path is not readable: {input_path}")


def _dataset_holding(output: Path) -> Path | None:
    """The corpus-clean output that holds `output` (resolved: ``out/clean`` is
    ``out/versions/v000001/clean``), if any; the output itself may be one (a run adds a
    version to it).

    >>> _dataset_holding(Path("/"))
    """
    return next((folder for folder in output.parents if is_output_root(folder)), None)


def check_output(output_dir: str, input_path: str | None = None) -> None:
    """The output must be a writable directory (created if missing) with some free
    space, outside the input tree and outside any other corpus-clean output."""
    if "://" in output_dir:
        # Path() would make "file:/…" a folder named "file:" in the working directory.
        scheme, rest = output_dir.split("://", 1)
        hint = f", e.g. {rest}" if scheme.lower() == "file" and rest else ""  # an s3 bucket is no local path
        raise PreflightError(f"output {output_dir} is a URL; give a directory path (local or mounted: every "
                             f"worker writes it){hint}")
    output = Path(output_dir).expanduser().resolve()
    holder = _dataset_holding(output)
    if holder is not None:
        raise PreflightError(f"output {output_dir} is inside the corpus-clean output {holder}: its readers would "
                             f"take this run's files for part of it; choose a directory outside it")
    local_input = _local_path(input_path) if input_path else None
    if local_input is not None:
        tree = local_input.expanduser().resolve()
        if output == tree or tree in output.parents:
            raise PreflightError(f"output {output_dir} is inside the input tree {input_path}: "
                                 "the next run would read its own output back as input")
    existing = output
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        what = "is a file" if existing == output else f"has a file in its path ({existing})"
        raise PreflightError(f"output {output_dir} {what}, not a directory")
    try:
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output, prefix=".preflight-"):
            pass
    except OSError as error:
        raise PreflightError(f"output {output_dir} is not writable: {error.strerror or error}") from None
    free = shutil.disk_usage(output).free
    if free < MIN_FREE_BYTES:
        raise PreflightError(f"output {output_dir} is on a full disk ({free} bytes free)")
    check_not_being_written(output)


def check_not_being_written(output: Path) -> None:
    """Refuse an output another run is writing (it holds DIR/.lock), before anything
    starts: found later, inside the flow, the refusal came after the server's start and
    under Prefect's traceback of it. The run still takes the lock itself
    (``dataset.writer_lock``); this only answers the common case early, in one line.

    >>> check_not_being_written(Path("/nonexistent-output"))
    """
    lock = OutputLayout(output).lock_file
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):
        raise PreflightError(f"{lock} is not a file (the lock of this output's writer goes there); "
                             "move it away and run again")
    try:
        handle = open(lock, "rb")
    except FileNotFoundError:
        return
    except OSError as error:
        raise PreflightError(f"{lock} cannot be opened: {error.strerror or error}") from None
    with handle:  # closing it releases the probe's lock at once
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = handle.read(500).decode("utf-8", "replace").strip() or "unknown"
            raise PreflightError(f"refusing to run: {output} is being written by another run ({holder}); "
                                 "nothing was changed") from None

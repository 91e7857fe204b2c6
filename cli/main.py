"""corpus-clean command line.

    corpus-clean run --input PATH --output DIR     run the clean-corpus flow (Prefect)
    corpus-clean filter [--steps mojibake,...]     JSONL stdin → JSONL stdout, no Prefect

`filter` never imports Prefect, so it starts fast and works in shell pipelines.

`run` checks its arguments, input and output first (``preflight``), answering a bad
one in one line before anything starts. With no Prefect API configured it then serves
Prefect's API itself, from a thread (the embedded server: it ends with this process,
even on SIGKILL), and ends a failed run with one line saying what failed and where.
"""
from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus_clean import __version__
from corpus_clean.processes import skip_final_collections_at_exit
from corpus_clean.steps import DEFAULT_STEPS, UnknownStepError, resolve_steps, step_names

# Offline-friendly Prefect defaults; anything the user set wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "GX_ANALYTICS_ENABLED": "false",
}


def parse_steps(value: str) -> tuple[str, ...]:
    """Step names from "a,b", checked against the registry (the error lists the valid ones)."""
    steps = tuple(step.strip() for step in value.split(",") if step.strip())
    try:
        resolve_steps(steps)
    except UnknownStepError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return steps


def parse_quality(value: str) -> dict | str:
    """--quality: "gopher", or a JSON object of thresholds (checked against QualityThresholds)."""
    from corpus_clean.steps.quality import thresholds_from

    try:
        thresholds = value if value.strip().lower() == "gopher" else json.loads(value)
        thresholds_from(thresholds)
    except (ValueError, TypeError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return thresholds


def parse_languages(value: str) -> list[str] | None:
    """--languages: comma-separated codes as `lang` holds them (a language named instead
    of coded would quarantine every record); empty → no language filter."""
    from corpus_clean.extract import check_language_codes

    codes = [code for code in value.split(",") if code.strip()]
    try:
        return check_language_codes(codes) or None
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def positive_int(value: str) -> int:
    """An integer >= 1 (--keep-versions: 0 or -1 versions kept would silently mean 1).

    >>> positive_int("3")
    3
    """
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {number})")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpus-clean", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"corpus-clean {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="clean a corpus into Parquet through the Prefect flow")
    run.add_argument("--input", required=True, help="file, directory or fsspec URL")
    run.add_argument("--output", required=True, help="output directory")
    run.add_argument("--shard-mb", type=float, default=16, help="input megabytes per shard task (default 16)")
    run.add_argument("--steps", type=parse_steps, default=DEFAULT_STEPS,
                     help=f"comma-separated subset of {','.join(step_names())} (default {','.join(DEFAULT_STEPS)})")
    run.add_argument("--min-chars", type=int, default=None, help="minimum clean text length")
    run.add_argument("--languages", type=parse_languages, default=None,
                     help="comma-separated allowed language codes (ISO 639-1, as the lang column: en,de,zh)")
    run.add_argument("--no-data-docs", action="store_true", help="skip Great Expectations Data Docs")
    run.add_argument("--no-dedup", action="store_true", help="keep near-duplicates in clean/ (default: move them to duplicates/)")
    run.add_argument("--quality", type=parse_quality, default=None,
                     help='quality filter thresholds on the signals: "gopher" or JSON such as \'{"min_words": 50}\' (default: off)')
    run.add_argument("--keep-versions", type=positive_int, default=None,
                     help="how many versions of the output to keep readable under DIR/versions/ (default 10)")
    run.add_argument("--workers", type=int, default=1,
                     help="processes cleaning batches of documents in parallel (0: one per CPU; default 1, in-process)")
    run.add_argument("--dask-address", default=None,
                     help="run the shard tasks on this Dask scheduler (e.g. tcp://host:8786); "
                          "--output must be a path every Dask worker can write")

    filt = commands.add_parser("filter", help="JSONL on stdin → cleaned JSONL on stdout")
    filt.add_argument("--steps", type=parse_steps, default=DEFAULT_STEPS,
                      help=f"comma-separated subset of {','.join(step_names())} (default {','.join(DEFAULT_STEPS)})")
    return parser


def filter_lines(lines: Iterable[bytes], steps: tuple[str, ...]) -> Iterator[dict]:
    """One output object per input line, in order, whatever the line's bytes. Each
    carries the line's own "id" (the line number when it has none) and "line"; a bad
    line gives {"id", "line", "error"}."""
    from corpus_clean.readers import BrokenStream

    steps = resolve_steps(steps)  # once, not per line
    for number, line in enumerate(lines, start=1):
        if isinstance(line, BrokenStream):  # a UTF-16 stream that stops decoding; a line past any record
            yield {"id": number, "line": number, "error": f"line {number}: {line.reason}"}
            continue
        try:
            yield filter_line(number, line, steps)
        except Exception as error:  # noqa: BLE001 - a filter must never die on one line
            yield {"id": number, "line": number, "error": f"line {number}: {type(error).__name__}: {error}"}


def filter_line(number: int, line: bytes, steps: tuple[str, ...]) -> dict:
    from corpus_clean.pipeline import clean_document
    from corpus_clean.readers import Skipped, jsonl_record

    line = line.rstrip(b"\r\n")
    record = jsonl_record("<stdin>", number - 1, line)
    answer = {"id": input_id(line, number), "line": number}
    if isinstance(record, Skipped):
        return {**answer, "error": record.reason}
    if record.problems:
        return {**answer, "error": "; ".join(detail for _, detail in record.problems)}
    try:
        doc = clean_document(record, steps)
    except Exception as error:  # noqa: BLE001 - one record's error, not the filter's
        return {**answer, "error": f"line {number}: {type(error).__name__}: {error}"}
    if doc.problems:  # (a page with no text of its own: its blank text, and what the page is)
        answer["warning"] = "; ".join(detail for _, detail in doc.problems)
    return {
        **answer, "text": doc.text, "title": doc.title, "byline": doc.byline,
        "published": doc.published.isoformat() if doc.published else None, "lang": doc.lang,
        "declared_lang": doc.declared_lang, "url": doc.url, "meta": doc.meta,
        "signals": doc.columns.get("signals"), "fixes": doc.fixes,
        "removed": [{"start": r.start, "end": r.end, "rule": r.rule, "text": r.text} for r in doc.removed],
    }


def input_id(line: bytes, number: int):
    """The line's own "id", read after decoding (Latin-1, UTF-16...) like the record;
    the line number when there is none. An id JSON cannot hold (Python's parser accepts
    NaN, Infinity and 1e400, which no strict JSON reader does) is given as written, a string.

    >>> input_id('{"id": "caf\u00e9", "text": "x"}'.encode("latin-1"), 3), input_id(b"not json", 4)
    ('café', 4)
    >>> input_id(b'{"id": NaN}', 5), input_id(b'{"id": 1e400}', 6), input_id(b'{"id": 2.5}', 7)
    ('NaN', '1e400', 2.5)
    """
    from corpus_clean.readers import decode_bytes

    text = decode_bytes(line).text
    try:
        value = json.loads(text, parse_constant=str, parse_float=_finite_or_as_written)
    except (ValueError, RecursionError):
        value = _members_before_the_break(text)
    return value["id"] if isinstance(value, dict) and "id" in value else number


_BLANK = re.compile(r"[ \t\n\r]*")


def _members_before_the_break(text: str) -> dict:
    """The members of a JSON object line up to the first one that does not parse: a line
    broken in its text (an invalid escape, nesting past the parser's depth, a cut) still
    names its own id when the id comes before the break.

    >>> _members_before_the_break('{"id": "a-7", "text": "bad \\\\q escape"}')
    {'id': 'a-7'}
    >>> _members_before_the_break('{"text": "cut sh'), _members_before_the_break('[1, 2')
    ({}, {})
    """
    decoder = json.JSONDecoder(parse_constant=str, parse_float=_finite_or_as_written)
    members: dict = {}
    at = _BLANK.match(text).end()
    if not text.startswith("{", at):
        return members
    at += 1
    try:
        while True:
            key, at = decoder.raw_decode(text, _BLANK.match(text, at).end())
            at = _BLANK.match(text, at).end()
            if not isinstance(key, str) or not text.startswith(":", at):
                return members
            value, at = decoder.raw_decode(text, _BLANK.match(text, at + 1).end())
            members.setdefault(key, value)
            at = _BLANK.match(text, at).end()
            if not text.startswith(",", at):
                return members
            at += 1
    except (ValueError, RecursionError):
        return members


def _finite_or_as_written(literal: str) -> float | str:
    number = float(literal)
    return number if math.isfinite(number) else literal


def encode_answer(answer: dict) -> bytes:
    """One JSONL line of UTF-8 and strict JSON. A lone surrogate (from an input's JSON
    escape) cannot be UTF-8: written back as the same JSON escape (backslashreplace gives
    exactly that). A float JSON cannot hold (NaN, ±Infinity) is written as its name, a
    string: `jq` and JavaScript refuse a line with a bare NaN.

    >>> encode_answer({"id": "\\udfff", "text": "é"})
    b'{"id": "\\\\udfff", "text": "\\xc3\\xa9"}\\n'
    >>> encode_answer({"id": 1, "signals": {"ratio": float("nan")}})
    b'{"id": 1, "signals": {"ratio": "NaN"}}\\n'
    """
    try:
        text = json.dumps(answer, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a non-finite float somewhere
        text = json.dumps(_finite_floats(answer), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8", "backslashreplace") + b"\n"


def _finite_floats(value):
    """`value` with each NaN or infinite float replaced by JSON's name for it."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: _finite_floats(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_floats(item) for item in value]
    return value


def run_filter(steps: tuple[str, ...]) -> int:
    """`corpus-clean filter`: one JSON answer per input line, written as soon as it is
    made. It ends as Unix filters do when its reader goes away (`… | head`) or on
    Ctrl-C: killed by SIGPIPE / SIGINT, without a traceback (`filter_signals_as_unix_tools`)."""
    from corpus_clean.readers import stream_lines

    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)):
        if stream is None:  # started with `<&-` or `>&-`: Python gives None, not a stream
            return fail(f"error: {name} is closed; `corpus-clean filter` reads JSONL on stdin"
                        " and writes JSONL on stdout", 2)
    stdin, out = sys.stdin.buffer, sys.stdout.buffer
    read = getattr(stdin, "read1", stdin.read)  # what is there, without waiting for a full chunk
    # (lines as the file reader splits them: LF, CRLF or CR; a UTF-16/32 stream decoded first)
    for answer in filter_lines(stream_lines(iter(lambda: read(1 << 16), b"")), steps):
        out.write(encode_answer(answer))
        out.flush()
    return 0


def filter_signals_as_unix_tools() -> None:
    """Give SIGPIPE and SIGINT their default actions, as in C tools: Python ignores
    SIGPIPE (a write to a closed pipe raises BrokenPipeError, printed as a traceback after
    `corpus-clean filter < in | head` has its lines) and turns SIGINT into
    KeyboardInterrupt (a traceback from wherever Ctrl-C landed, often an import). The
    filter holds nothing to clean up: every answer is flushed as it is written."""
    for name in ("SIGPIPE", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def run_flow(args: argparse.Namespace) -> int:
    """`corpus-clean run`: preflight, embedded server, flow; one line when it fails."""
    from corpus_clean.preflight import PreflightError, RunError, check_dask_scheduler, check_run

    try:
        if args.dask_address:  # (before check_run, which makes the output folder)
            check_dask_scheduler(args.dask_address)
        check_run(args.input, args.output, shard_mb=args.shard_mb, workers=args.workers, min_chars=args.min_chars)
        check_prefect_settings()
    except PreflightError as error:
        return fail(f"error: {error}", 2)
    use_allocators_that_return_memory()  # before the workers start: they inherit it
    if not args.dask_address:
        from corpus_clean.parallel import start_workers

        start_workers(args.workers)  # the cleaning workers start while the embedded server does
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from prefect.exceptions import TerminationSignal

    from cli.stopping import STOP_REQUESTED, guard_prefects_sigterm_handler, resend_ignored_stops, when_safe

    _TERMINATED.clear()  # (a process that runs `main` twice, as tests do, starts each run unsignalled)
    _RUN_OUTPUT[:] = [args.output]
    STOP_REQUESTED.clear()
    # SIGTERM raises, so clean-up runs as for Ctrl-C; never inside import machinery, and a
    # stop that Python ignored is sent again (cli/stopping.py says why).
    guard_prefects_sigterm_handler()
    previous_hook = resend_ignored_stops((Terminated, TerminationSignal), signal.SIGTERM)
    previous = signal.signal(signal.SIGTERM, when_safe(_raise_terminated))
    no_traceback = _NoTracebackFor(_output_state_errors())
    quiet_loggers = [logging.getLogger(name) for name in ("prefect.flow_runs", "prefect.task_runs")]
    for logger in quiet_loggers:
        logger.addFilter(no_traceback)
    try:
        with embedded_server_if_needed():
            return _run_flow(args)
    except (KeyboardInterrupt, Terminated, TerminationSignal) as stop:
        STOP_REQUESTED.set()  # (Ctrl-C reaches here without a guarded handler)
        # While the flow runs, Prefect's own SIGTERM handler raises TerminationSignal and
        # sends the signal again to ours; whichever of the two reaches here, it is SIGTERM.
        return _interrupted("SIGINT" if isinstance(stop, KeyboardInterrupt) else "SIGTERM", args)
    except PreflightError as error:  # the flow's own preflight: the surroundings changed since the CLI's
        return fail(run_failure_message(error, args.output), 2)
    except RunError as error:
        return fail(run_failure_message(error, args.output), 1)
    except Exception as error:  # noqa: BLE001 - one line, not a traceback, for the user
        if _TERMINATED or _caused_by(error, (Terminated, TerminationSignal)):
            # The signal landed inside Prefect's own machinery, which turned it into an
            # error of its own ("Task run is not set" while a task was starting): the run
            # was still stopped by SIGTERM.
            return _interrupted("SIGTERM", args)
        return fail(run_failure_message(error, args.output), 1)
    finally:
        _RUN_OUTPUT.clear()
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook
        for logger in quiet_loggers:
            logger.removeFilter(no_traceback)


def _output_state_errors() -> tuple[type, ...]:
    """Errors that say what is wrong with the output folder, in a whole sentence."""
    from corpus_clean.dataset import DamagedVersion, OutputConflict, OutputLocked
    from corpus_clean.preflight import PreflightError

    return DamagedVersion, OutputConflict, OutputLocked, PreflightError


class _NoTracebackFor(logging.Filter):
    """Drop the traceback from Prefect's log of an error that is already one sentence for
    the user (the output's state): 25 lines of Prefect's engine ahead of the run's last
    line read as a crash, when the run only refused a damaged or busy output.

    >>> record = logging.LogRecord("prefect.flow_runs", logging.ERROR, "", 0, "failed", None,
    ...                            (ValueError, ValueError("x"), None))
    >>> _NoTracebackFor((ValueError,)).filter(record), record.exc_info
    (True, None)
    """

    def __init__(self, kinds: tuple[type, ...]):
        super().__init__()
        self.kinds = kinds

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None and _caused_by(record.exc_info[1], self.kinds):
            record.exc_info, record.exc_text = None, None
        return True


# Errors of the output's device that the user fixes outside the run, not a bug of ours.
_OUTPUT_DEVICE_ERRORS = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "disk quota exceeded",
                         errno.EROFS: "the file system is read-only"}


def run_failure_message(error: BaseException, output: str) -> str:
    """The run's last line for an error it could not handle: a full or read-only output
    device is said in words with what to do (the version being built was never
    committed, so the dataset is as before the run); anything else by its type and text.

    >>> run_failure_message(OSError(errno.ENOSPC, "No space left on device"), "/data/out")[:72]
    'run failed: no space left on the device of the output /data/out; nothing'
    """
    from corpus_clean.preflight import PreflightError, RunError

    cause = _first_cause(error, OSError)
    if cause is not None and cause.errno in _OUTPUT_DEVICE_ERRORS:
        return (f"run failed: {_OUTPUT_DEVICE_ERRORS[cause.errno]} of the output {output}; nothing of this run "
                f"was committed (the dataset is as it was before it; its unfinished version is removed by the "
                f"next run). Free space or choose another --output, then run again. ({error})")
    from corpus_clean.dataset import DamagedVersion

    damaged = _first_cause(error, (DamagedVersion, *_output_state_errors()))
    if damaged is not None:
        return str(damaged)  # names the damaged file, or what is in the way, and what to do
    if isinstance(error, (RunError, PreflightError)):
        return str(error)  # already one line naming what failed and where
    return f"run failed: {type(error).__name__}: {error}"


def _first_cause(error: BaseException, kind):
    """`error`, or the first exception it was raised from or while handling, of type `kind`
    (a type or a tuple of them); None when there is none."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def _caused_by(error: BaseException, kinds: tuple) -> bool:
    """Whether `error` or an exception it was raised from or while handling is one of `kinds`."""
    return _first_cause(error, kinds) is not None


def _interrupted(name: str, args) -> int:
    message = _interrupted_message(name, args.output)
    if _external_api_unreachable():
        # Prefect's at-exit drain of queued logs and events has no timeout and retries
        # each against the dead server: the stopped run stayed alive 2.75-5 minutes after
        # its last line (round 17). Nothing queued can reach it, so the process ends here.
        _end_now(message)
    return fail(message, 130)


def _interrupted_message(name: str, output: str) -> str:
    return f"interrupted ({name}); the output in {output} is from before or partial (rerun to complete)"


def _end_now(message: str) -> None:
    """The run's last line, then the process ends at once (status 130), without the
    at-exit handlers: for a stop when the Prefect server is gone, whose handlers would
    only retry it."""
    print(f"corpus-clean: {message} (the Prefect server at {os.environ.get('PREFECT_API_URL')} no longer "
          "answers: its queued logs and events are dropped)", file=sys.stderr, flush=True)
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    os._exit(130)


def _external_api_unreachable(timeout: float = 2.0) -> bool:
    """Whether the run used a Prefect server of the user's (``PREFECT_API_URL``) that no
    longer answers its health check. (The embedded server sets no environment variable.)"""
    api_url = os.environ.get("PREFECT_API_URL", "").rstrip("/")
    if not api_url.startswith(("http://", "https://")):
        return False
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status >= 500
    except OSError:
        return True
    except Exception:  # noqa: BLE001 - a malformed URL: not a question for here
        return False


# glibc's mallopt parameters (malloc.h): the most heap arenas, and the size from which a
# block gets pages of its own (mmap) instead of a place in the heap.
M_ARENA_MAX = -8
M_MMAP_THRESHOLD = -3

# Blocks of this size and up get pages of their own, handed back to the OS when freed
# (glibc's own starting value, held there: see ``use_allocators_that_return_memory``).
MMAP_THRESHOLD_BYTES = 128 * 1024


def use_allocators_that_return_memory() -> None:
    """A run's allocators (what the user set in the environment wins): Arrow's jemalloc
    pool instead of its default mimalloc, and the C heap in at most 2 glibc arenas
    instead of up to 8 per CPU. Set here for this process and in the environment for the
    cleaning workers started after.

    Both keep less freed memory resident. mimalloc keeps the pages of a shard's freed
    tables for reuse; jemalloc hands them back after a short decay. glibc gives each of
    Prefect's task threads an arena of its own, each keeping its own freed blocks. One
    run of 100 MB, `--workers 1`, load ~16 (benchmarks/RESULTS-memory.md, "Round 8"):
    peak RSS of the tree 834 MB as it was, 751 with 2 arenas, 711 with jemalloc.

    Besides, glibc's blocks of 128 KB and up keep pages of their own (mmap) for good:
    glibc raises that threshold to the size of any such block freed, so from the first
    shard on the big blocks (the batches' tables pickled back from the workers, numpy's
    arrays) were placed in the heap, and once freed stayed there, resident between the
    blocks still in use (100-130 MB of freed heap in the flow process at a 100 MB run's
    peak; "Round 14, mem14")."""
    import pyarrow as pa

    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        try:
            pa.set_memory_pool(pa.jemalloc_memory_pool())
            os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "jemalloc"
        except (AttributeError, NotImplementedError):  # a pyarrow built without it: its default stays
            pass
    arenas = os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    # (read by glibc when a process starts: the workers; this process is told below)
    mmap_threshold = os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD_BYTES))
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):  # glibc's; musl has no mallopt
            mallopt = ctypes.CDLL(None).mallopt
            if arenas.isdigit():
                mallopt(M_ARENA_MAX, int(arenas))  # arenas made from now on (task threads: later)
            if mmap_threshold.isdigit():
                mallopt(M_MMAP_THRESHOLD, int(mmap_threshold))  # (setting it stops glibc from raising it)


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so every `finally` runs."""


# Set once this process has received SIGTERM during a run (``_raise_terminated``).
_TERMINATED: list[int] = []


def _raise_terminated(signum, frame):
    _TERMINATED.append(signum)
    if _RUN_OUTPUT and _external_api_unreachable(timeout=1.0):
        # A user's Prefect server that died: unwinding through Prefect's engine would try
        # to report the crash to it, retrying for minutes (153 s measured) before our
        # last line, and its at-exit drain minutes more. Like SIGKILL, which the output
        # is built to survive (atomic commit), but with the line said.
        _end_now(_interrupted_message("SIGTERM", _RUN_OUTPUT[-1]))
    raise Terminated()


# The output of the run in progress (set by ``run_flow``), for the SIGTERM handler's line.
_RUN_OUTPUT: list[str] = []


def fail(message: str, status: int) -> int:
    """Print the run's one last line. Prefect's logs and events still queued are sent
    first: at exit Prefect sends them itself, after this line, with a warning ("Still
    processing items") when any is left, which a loaded machine made the last line."""
    if "prefect" in sys.modules:
        _send_pending_logs_and_events()
    print(f"corpus-clean: {message}", file=sys.stderr, flush=True)
    return status


def _run_flow(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from corpus_clean.dataset import OutputLocked
    from corpus_clean.report import damaged_files
    from flows.clean_corpus import clean_corpus, progress_listeners

    _preload_great_expectations()
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total} documents"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        bar = progress.add_task("cleaning", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total)

        progress_listeners.append(on_progress)
        try:
            manifest = clean_corpus(
                input_path=args.input, output_dir=args.output, shard_mb=args.shard_mb, steps=list(args.steps),
                **({"min_chars": args.min_chars} if args.min_chars is not None else {}),  # else the flow's default
                languages=args.languages,
                data_docs=not args.no_data_docs,
                workers=args.workers,
                dask_address=args.dask_address,
                dedup=not args.no_dedup,
                quality=args.quality,
                **({"keep_versions": args.keep_versions} if args.keep_versions is not None else {}),
            )
        except OutputLocked as error:  # another run took the output since the preflight's look
            return fail(str(error), 2)  # a surrounding to fix, as the preflight says it (exit 2)
        finally:
            progress_listeners.remove(on_progress)
    totals = manifest["totals"]
    console.print(f"read {totals['read']} = clean {totals['clean']} + quarantined {totals['quarantined']}"
                  f" + duplicates {totals['duplicates']} + filtered {totals['filtered']} + skipped {totals['skipped']}"
                  + (f" (and {totals['unreadable']} unreadable in damaged files)" if totals.get("unreadable") else "")
                  + f"; files cleaned {totals['files_processed']}, unchanged {totals['files_unchanged']};"
                  f" version {manifest['version']}")
    if totals["read"] == 0:
        console.print("[bold yellow]warning: no new records[/] (earlier results are kept as they were)")
    damaged = damaged_files(manifest)
    if damaged:
        console.print(f"[bold yellow]warning: {len(damaged)} damaged input file(s), read up to the damage[/]"
                      " (manifest.json: files[...].unreadable_reasons):")
        for reason in damaged[:10]:
            console.print(f"  {reason}", markup=False, highlight=False)
    print_where_the_data_is(manifest)
    return 0


def print_where_the_data_is(manifest: dict) -> None:
    """The paths of the committed version, on stdout (for scripts). A reader that has
    gone (`corpus-clean run … | head -0`) does not turn the committed run into a failed
    one: the lines are dropped."""
    out = manifest["output_dir"]
    lines = [f"clean Parquet:      {out}/clean/",
             f"quarantine Parquet: {out}/quarantine/",
             f"manifest:           {out}/manifest.json",
             f"this version:       {manifest['output']['version_dir']} (earlier ones beside it)"]
    lines += [f"Data Docs:          {index_html}" for index_html in manifest["output"].get("data_docs") or []]
    try:
        print("\n".join(lines), flush=True)
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at /dev/null so that flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# --- the embedded Prefect server, served from a thread of this process -------------

@contextlib.contextmanager
def embedded_server_if_needed():
    """With no Prefect API configured, run the flow against a temporary server of our own
    (the app Prefect's ephemeral mode serves, UI off), stopped when the run ends.

    It is served from a thread of this process, not from a child process as Prefect's
    ephemeral mode does: the child re-imported Prefect, pydantic and the interpreter
    (~240 MB resident), while here the server adds only its own modules (FastAPI,
    SQLAlchemy, its models: ~90 MB) to what the flow has already imported, and it cannot
    outlive the run."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    server = start_thread_server()
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            try:
                yield
            finally:
                _send_pending_logs_and_events()
    finally:
        server.stop()


def _send_pending_logs_and_events() -> None:
    """Prefect sends logs and events from background workers; let them reach the server
    before it stops (else: "Error logging to API" at exit)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(api_url: str, timeout: float, failed) -> bool:
    """Poll the server's /health until it answers 200 (True), `failed()` says it died
    (False) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not failed():
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def check_prefect_settings() -> None:
    """Prefect's settings as the environment gives them (``PREFECT_*``), validated once
    before anything starts: a bad value (``PREFECT_LOGGING_LEVEL=garbage``, a timeout
    that is no number) would otherwise fail inside the server's start or the flow, under
    pydantic's traceback. Raises PreflightError naming the variable and what it must be."""
    from corpus_clean.preflight import PreflightError

    import io

    try:
        # (Prefect's import prints the failed validation's page itself: this line says it)
        with contextlib.redirect_stderr(io.StringIO()):
            from prefect.settings import Settings

        Settings()
    except Exception as error:  # noqa: BLE001 - pydantic's ValidationError, or Prefect's import failing on it
        raise PreflightError(prefect_settings_problem(error)) from None


def prefect_settings_problem(error: Exception) -> str:
    """One line for a failed validation of Prefect's settings: which ``PREFECT_*``
    variable (found by its value) and what the setting accepts.

    >>> import os; os.environ["PREFECT_X_TEST"] = "abc"
    >>> class Fake(Exception):
    ...     def errors(self): return [{"loc": ("startup_timeout_seconds",), "input": "abc",
    ...                                "msg": "Input should be a valid integer"}]
    >>> prefect_settings_problem(Fake())
    "the environment's Prefect settings are not valid: PREFECT_X_TEST='abc': startup_timeout_seconds: Input should be a valid integer"
    >>> del os.environ["PREFECT_X_TEST"]
    """
    found = [item for item in getattr(error, "errors", lambda: [])() if item.get("input") is not None
             and "PydanticUndefined" not in str(item.get("input"))]
    if not found:
        return f"the environment's Prefect settings are not valid: {type(error).__name__}: {str(error).splitlines()[0]}"
    item = found[0]
    value = str(item["input"])
    names = [name for name, set_to in sorted(os.environ.items())
             if name.startswith("PREFECT_") and set_to.strip().lower() == value.strip().lower()]
    where = ", ".join(f"{name}={os.environ[name]!r}" for name in names) or f"a PREFECT_* variable set to {value!r}"
    field = ".".join(str(part) for part in item.get("loc", ()))
    return f"the environment's Prefect settings are not valid: {where}: {field}: {item.get('msg', '')}"


def _startup_timeout() -> float:
    return float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90"))


class ThreadServer:
    """uvicorn serving Prefect's API app on a daemon thread of this process."""

    def __init__(self, server, thread, port: int) -> None:
        self.server, self.thread = server, thread
        self.api_url = f"http://127.0.0.1:{port}/api"

    def stop(self) -> None:
        # Stopping cancels the server's services, sometimes while one writes its last
        # events to the database: Prefect then logs "Error flushing 1 events" with two
        # CancelledError tracebacks (~150 lines) after the run's last line, on about half
        # of short runs. The run's results are committed by now; what is cut short is the
        # throwaway server's own bookkeeping, so its logs are silenced while it stops.
        logging.getLogger("prefect.server").setLevel(logging.CRITICAL)
        self.server.should_exit = True  # uvicorn finishes its requests, runs the app's shutdown
        self.thread.join(timeout=10)


def start_thread_server() -> ThreadServer:
    """Prefect's app as its ephemeral mode builds it (``create_app(ephemeral=True)``: UI
    off, the ephemeral set of services), served by uvicorn on a thread. uvicorn installs
    no signal handlers off the main thread, and ``log_config=None`` leaves this process's
    logging as Prefect configured it."""
    import threading

    import uvicorn
    from prefect.server.api.server import create_app
    from prefect.settings import (PREFECT_API_BLOCKS_REGISTER_ON_START, PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION,
                                  temporary_settings)

    port = _free_port()
    config = uvicorn.Config(create_app(ephemeral=True, final=True), host="127.0.0.1", port=port,
                            log_level="error", log_config=None, lifespan="on")
    server = uvicorn.Server(config)

    def serve() -> None:
        # Block types are registered by the server of `make serve` / `prefect server
        # start`. Here, registering them first imported every installed Prefect collection
        # (prefect-dask: dask.distributed, ~17 MB resident) for blocks a run never saves.
        # Set in this thread: the app's start-up reads its settings here.
        with temporary_settings(updates={PREFECT_API_BLOCKS_REGISTER_ON_START: False,
                                         PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION: False}):
            server.run()

    thread = threading.Thread(target=serve, name="prefect-server", daemon=True)
    thread.start()
    embedded = ThreadServer(server, thread, port)
    if _wait_until_healthy(embedded.api_url, _startup_timeout(), failed=lambda: not thread.is_alive()):
        return embedded
    embedded.stop()
    raise RuntimeError("the embedded Prefect server did not start" + (
        f" within {_startup_timeout():.0f} s (raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
        if thread.is_alive() else " (its error is above)"))


class EmbeddedServer:
    """A Prefect server in a child process (benchmarks use it as a server outside the
    measured run)."""

    def __init__(self, process: subprocess.Popen, port: int, log) -> None:
        self.process, self.port, self.log = process, port, log
        self.api_url = f"http://127.0.0.1:{port}/api"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def start_embedded_server() -> EmbeddedServer:
    """The server Prefect's ephemeral mode would start (uvicorn on Prefect's app factory,
    UI off), as a child that dies with this process (``processes.die_with_parent``)."""
    import prefect

    from corpus_clean.processes import die_with_parent

    log = tempfile.TemporaryFile()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(prefect.__file__).parent.parent),
         "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"],
        env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"},
        stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=die_with_parent(),
    )
    server = EmbeddedServer(process, port, log)
    if _wait_until_healthy(server.api_url, _startup_timeout(), failed=lambda: process.poll() is not None):
        return server
    if process.poll() is not None:
        log.seek(0)
        tail = log.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
        server.stop()
        raise RuntimeError(f"the embedded Prefect server exited with status {process.returncode}: {tail[0]}")
    server.stop()
    raise RuntimeError(f"the embedded Prefect server did not answer within {_startup_timeout():.0f} s "
                       "(raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")


def _preload_great_expectations() -> None:
    """Import GX (2.5-4 s) in a thread while the flow plans its inputs and cleans its
    first shard (much of it in C, or in the workers), instead of in the first validate task.
    The validation code takes the same lock, so it simply waits if the import is not
    done; if the import fails here, it is retried (and fails loudly) there."""
    import threading

    from cli.stopping import ImportAbandoned, abandoned_on_stop
    from corpus_clean import validate

    def load() -> None:
        try:
            with abandoned_on_stop():  # a stopping run does not finish importing GX
                validate.preload()
        except ImportAbandoned:
            pass
        except Exception:  # noqa: BLE001 - the validate task imports again and reports
            pass

    threading.Thread(target=load, name="preload-great-expectations", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    # The command's process exits without Python's final garbage collections; registered
    # before Prefect's and the worker pool's exit handlers, so it runs after them.
    skip_final_collections_at_exit()
    args = build_parser().parse_args(argv)
    if args.command == "filter":
        filter_signals_as_unix_tools()
        return run_filter(args.steps)
    return run_flow(args)


if __name__ == "__main__":
    sys.exit(main())

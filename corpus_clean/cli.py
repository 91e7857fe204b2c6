"""corpus-clean command line.

    corpus-clean run --input PATH --output DIR     run the clean-corpus flow (Prefect)
    corpus-clean filter [--steps mojibake,...]     JSONL stdin → JSONL stdout, no Prefect

`filter` never imports Prefect, so it starts fast and works in shell pipelines.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator

from corpus_clean import __version__
from corpus_clean.pipeline import ALL_STEPS

# Offline-friendly Prefect defaults; anything the user set wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "GX_ANALYTICS_ENABLED": "false",
}


def parse_steps(value: str) -> tuple[str, ...]:
    steps = tuple(step.strip() for step in value.split(",") if step.strip())
    unknown = [step for step in steps if step not in ALL_STEPS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown step(s) {unknown}; choose from {', '.join(ALL_STEPS)}")
    return steps


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpus-clean", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"corpus-clean {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="clean a corpus into Parquet through the Prefect flow")
    run.add_argument("--input", required=True, help="file, directory or fsspec URL")
    run.add_argument("--output", required=True, help="output directory")
    run.add_argument("--shard-mb", type=float, default=64, help="input megabytes per shard task")
    run.add_argument("--steps", type=parse_steps, default=ALL_STEPS,
                     help=f"comma-separated subset of {','.join(ALL_STEPS)}")
    run.add_argument("--min-chars", type=int, default=None, help="minimum clean text length")
    run.add_argument("--languages", default=None, help="comma-separated allowed language codes")
    run.add_argument("--no-data-docs", action="store_true", help="skip Great Expectations Data Docs")
    run.add_argument("--workers", type=int, default=1,
                     help="processes cleaning batches of documents in parallel (0: one per CPU; default 1, in-process)")
    run.add_argument("--dask-address", default=None,
                     help="run the shard tasks on this Dask scheduler (e.g. tcp://host:8786); "
                          "--output must be a path every Dask worker can write")

    filt = commands.add_parser("filter", help="JSONL on stdin → cleaned JSONL on stdout")
    filt.add_argument("--steps", type=parse_steps, default=ALL_STEPS,
                      help=f"comma-separated subset of {','.join(ALL_STEPS)}")
    return parser


def filter_lines(lines: Iterable[bytes], steps: tuple[str, ...]) -> Iterator[dict]:
    """One output object per input line, in order. A bad line gives {"error": ...}."""
    from corpus_clean.pipeline import clean_document
    from corpus_clean.readers import Skipped, jsonl_record

    for index, line in enumerate(lines):
        line = line.rstrip(b"\r\n")
        record = jsonl_record("<stdin>", index, line)
        user_id = _input_id(line)
        if isinstance(record, Skipped):
            yield {"id": user_id, "error": record.reason}
            continue
        if record.problems:
            yield {"id": user_id, "error": "; ".join(detail for _, detail in record.problems)}
            continue
        try:
            doc = clean_document(record, steps)
        except Exception as error:  # noqa: BLE001 - a filter must never die on one line
            yield {"id": user_id, "error": f"line {index + 1}: {type(error).__name__}: {error}"}
            continue
        yield {
            "id": user_id, "text": doc.text, "title": doc.title, "byline": doc.byline,
            "published": doc.published.isoformat() if doc.published else None, "lang": doc.lang,
            "fixes": doc.fixes,
            "removed": [{"start": r.start, "end": r.end, "rule": r.rule, "text": r.text} for r in doc.removed],
        }


def _input_id(line: bytes):
    try:
        value = json.loads(line)
        return value.get("id") if isinstance(value, dict) else None
    except (ValueError, RecursionError):
        return None


def run_filter(steps: tuple[str, ...]) -> int:
    out = sys.stdout
    for result in filter_lines(sys.stdin.buffer, steps):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def run_flow(args: argparse.Namespace) -> int:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from flows.clean_corpus import clean_corpus, progress_listeners

    _preload_great_expectations()

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total} shards"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        bar = progress.add_task("cleaning", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total)

        progress_listeners.append(on_progress)
        try:
            manifest = clean_corpus(
                input_path=args.input, output_dir=args.output, shard_mb=args.shard_mb, steps=list(args.steps),
                **({"min_chars": args.min_chars} if args.min_chars is not None else {}),  # else the flow's default
                languages=args.languages.split(",") if args.languages else None,
                data_docs=not args.no_data_docs,
                workers=args.workers,
                dask_address=args.dask_address,
            )
        finally:
            progress_listeners.remove(on_progress)
    totals = manifest["totals"]
    console.print(f"read {totals['read']} = clean {totals['clean']} + quarantined {totals['quarantined']}"
                  f" + skipped {totals['skipped']}")
    out = manifest["output_dir"]
    print(f"clean Parquet:      {out}/clean/")
    print(f"quarantine Parquet: {out}/quarantine/")
    print(f"manifest:           {out}/manifest.json")
    for index_html in manifest["output"].get("data_docs") or []:
        print(f"Data Docs:          {index_html}")
    return 0


def _preload_great_expectations() -> None:
    """Import GX (2.5-4 s) in a thread while the flow starts the embedded Prefect server
    (a subprocess this process only waits for), instead of in the first validate task.
    The validation code takes the same lock, so it simply waits if the import is not
    done; if the import fails here, it is retried (and fails loudly) there."""
    import threading

    from corpus_clean import validate

    def load() -> None:
        try:
            validate.preload()
        except Exception:  # noqa: BLE001 - the validate task imports again and reports
            pass

    threading.Thread(target=load, name="preload-great-expectations", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "filter":
        return run_filter(args.steps)
    return run_flow(args)


if __name__ == "__main__":
    sys.exit(main())

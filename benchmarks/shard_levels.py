#!/usr/bin/env python3
"""What a run's process holds at each shard's write: tests/test_memory_flat.py's run, with
the allocators' state beside its RSS.

    python benchmarks/shard_levels.py --input CORPUS --output OUT [--workers 1] [--shard-mb 0.9]
    MALLOC_ARENA_MAX=2 python benchmarks/shard_levels.py ...   # an allocator setting to compare

CORPUS: e.g. 48 files of 1 MB from benchmarks/corpus_gen.py (``write_corpus(dir, 48,
file_mb=1)``). The run (`corpus-clean run --no-dedup --no-data-docs`) is called in this
process; at the end of each shard's write its level is read, and printed after the run as
one JSON line a shard: RSS, anonymous and file
RSS, glibc's heap (in use, freed but kept, big blocks mmapped), Arrow's allocated bytes,
Python's allocated blocks, live objects and threads. At the end: the medians of RSS at the
writes of the second and the last quarter of the shards (the flat test's comparison), and
this process's CPU seconds.
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import resource
import statistics
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flow_probe import glibc_heap, status_rss  # noqa: E402


def level() -> dict:
    """The process's memory now, MB (objects and blocks: counts)."""
    import pyarrow as pa

    rss, heap = status_rss(), glibc_heap()
    return {"rss": (rss["RssAnon"] + rss["RssFile"] + rss.get("RssShmem", 0)) / 1e6,
            "anon": rss["RssAnon"] / 1e6, "file": rss["RssFile"] / 1e6,
            "heap_used": heap.get("heap_used", 0) / 1e6, "heap_free": heap.get("heap_free", 0) / 1e6,
            "heap_mmapped": heap.get("heap_mmapped", 0) / 1e6, "arrow": pa.total_allocated_bytes() / 1e6,
            "blocks": sys.getallocatedblocks(), "objects": len(gc.get_objects()), "threads": threading.active_count()}


class WriteEnds(logging.Handler):
    """Records `level()` when a write-shard task run finishes (from its log record)."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        if (str(getattr(record, "task_run_name", "")).startswith("write-shard")
                and record.getMessage().startswith("Finished in state")):
            self.levels.append(level())  # (printed after the run: the run holds stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--workers", default="1")
    parser.add_argument("--shard-mb", default="0.9")
    args = parser.parse_args()
    from cli.main import main as corpus_clean

    handler, stop = WriteEnds(), threading.Event()

    def keep_attached() -> None:  # Prefect's logging set-up replaces the loggers' handlers
        logger = logging.getLogger("prefect.task_runs")
        while not stop.wait(0.02):
            if handler not in logger.handlers:
                logger.addHandler(handler)

    threading.Thread(target=keep_attached, daemon=True).start()
    code = corpus_clean(["run", "--input", args.input, "--output", args.output, "--workers", args.workers,
                         "--no-data-docs", "--shard-mb", args.shard_mb, "--no-dedup"])
    stop.set()
    for shard, row in enumerate(handler.levels, 1):
        print(json.dumps({"shard": shard} | {key: round(value, 2) for key, value in row.items()}))
    rss = [row["rss"] for row in handler.levels]
    quarter = len(rss) // 4
    usage = resource.getrusage(resource.RUSAGE_SELF)
    if quarter:
        second, last = statistics.median(rss[quarter:2 * quarter]), statistics.median(rss[-quarter:])
        print(f"exit {code}; {len(rss)} shards; RSS at the writes, median of the 2nd quarter {second:.0f} MB, "
              f"of the last {last:.0f} MB: {last - second:+.1f} MB; CPU {usage.ru_utime + usage.ru_stime:.1f} s")


if __name__ == "__main__":
    main()

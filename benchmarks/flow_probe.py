#!/usr/bin/env python3
"""What the flow process holds while `corpus-clean run` runs: the run called in this
process, sampled from a thread of it.

    python benchmarks/flow_probe.py --input CORPUS --output OUT [--workers 2] [--tracemalloc 25]
        [--samples FILE.jsonl] [-- extra corpus-clean run options]

Every --interval seconds the sampler reads this process's

- RSS, split as /proc/self/status does: anonymous pages (heaps, Arrow's pool, numpy),
  file pages (libraries, and the dedup stage's mapped files);
- Arrow's allocated bytes (``pa.total_allocated_bytes``);
- glibc's heap (``mallinfo2``: bytes in use, freed but kept, and mmapped blocks);
- the thread count and the last Prefect task run that finished (from the run's log).

It prints the samples at each new RSS peak and a table of each phase's peak (from one
task's end to the next). With --tracemalloc N, Python's own allocations are traced
(slower: a probe, not a benchmark) and at the RSS peak the N biggest lines are printed.
The cleaning workers (--workers > 1) are other processes: only this one is read.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import re
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def glibc_heap() -> dict[str, int]:
    """glibc's heap: in use, freed but kept (both in its arenas), and big blocks mmapped on their own."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return {}
    mallinfo2.restype = Mallinfo2
    info = mallinfo2()
    return {"heap_used": info.uordblks, "heap_free": info.fordblks, "heap_mmapped": info.hblkhd}


def status_rss() -> dict[str, int]:
    """RssAnon / RssFile / RssShmem of this process, bytes."""
    out = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("RssAnon", "RssFile", "RssShmem", "Threads")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) * (1 if key == "Threads" else 1024)
    return out


class LastTask(logging.Handler):
    """The name of the last task run the log said finished."""


    def __init__(self) -> None:
        super().__init__()
        self.name = "(start)"

    def emit(self, record: logging.LogRecord) -> None:
        name = getattr(record, "task_run_name", None)  # (the formatter puts "Task run 'NAME' -" before the message)
        if name and record.getMessage().startswith("Finished in state"):
            self.name = re.sub(r"-(part-.*|[0-9a-f]{3})$", "", name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--tracemalloc", type=int, default=0, help="trace Python's allocations; print N top lines")
    parser.add_argument("--samples", default=None, help="write every sample here (JSON lines)")
    parser.add_argument("--census", type=float, default=0,
                        help="every N seconds, count the live Python objects by type (printed: the types that grew)")
    parser.add_argument("--jemalloc-decay-ms", type=int, default=None,
                        help="pa.jemalloc_set_decay_ms(N) before the run (Arrow's jemalloc pool)")
    parser.add_argument("extra", nargs="*", help="more `corpus-clean run` options (after --)")
    args = parser.parse_args()

    import pyarrow as pa

    from cli.main import main as cli_main

    last_task = LastTask()
    task_loggers = [logging.getLogger(name) for name in ("prefect.task_runs", "prefect.task_engine")]
    if args.jemalloc_decay_ms is not None:
        pa.jemalloc_set_decay_ms(args.jemalloc_decay_ms)
    if args.tracemalloc:
        tracemalloc.start(1)
    samples, stop, peak = [], threading.Event(), {"rss": 0, "top": None, "sample": None}
    started = time.perf_counter()

    def sample() -> None:
        while not stop.is_set():
            for logger in task_loggers:  # (again and again: Prefect's logging set-up replaces the loggers' handlers)
                if last_task not in logger.handlers:
                    logger.addHandler(last_task)
            rss = status_rss()
            total = rss["RssAnon"] + rss["RssFile"] + rss.get("RssShmem", 0)
            row = {"s": round(time.perf_counter() - started, 2), "rss": total, "anon": rss["RssAnon"],
                   "file": rss["RssFile"], "arrow": pa.total_allocated_bytes(), **glibc_heap(),
                   "threads": rss["Threads"], "after": last_task.name}
            samples.append(row)
            if total > peak["rss"] + 5_000_000:
                peak.update(rss=total, sample=row)
                if args.tracemalloc:
                    peak["top"] = tracemalloc.take_snapshot().statistics("lineno")[:args.tracemalloc]
                print("peak " + " ".join(f"{k}={v / 1e6:.0f}" if isinstance(v, int) and k != "threads" else f"{k}={v}"
                                         for k, v in row.items()), file=sys.stderr, flush=True)
            stop.wait(args.interval)

    censuses = []

    def census() -> None:  # what Python objects the run holds, by type, now and then
        import gc
        from collections import Counter

        while not stop.wait(args.census):
            counts, sizes = Counter(), Counter()
            for obj in gc.get_objects():
                name = type(obj).__module__ + "." + type(obj).__qualname__
                counts[name] += 1
                sizes[name] += sys.getsizeof(obj)
            censuses.append((round(time.perf_counter() - started), counts, sizes))

    if args.census:
        threading.Thread(target=census, daemon=True).start()
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    code = cli_main(["run", "--input", args.input, "--output", args.output, "--workers", args.workers,
                     "--no-data-docs", *args.extra])
    stop.set()
    thread.join()
    if args.samples:
        Path(args.samples).write_text("".join(json.dumps(s) + "\n" for s in samples))
    phases: dict[str, dict] = {}
    for row in samples:
        best = phases.setdefault(row["after"], row)
        if row["rss"] > best["rss"]:
            phases[row["after"]] = row
    print(f"exit {code}; peak RSS {peak['rss'] / 1e6:.0f} MB\n")
    keys = ["rss", "anon", "file", "arrow", "heap_used", "heap_free", "heap_mmapped"]
    print("| peak after task | s | " + " | ".join(keys) + " | threads |")
    print("|---|---:|" + "---:|" * len(keys) + "---:|")
    for name, row in phases.items():
        print(f"| {name} | {row['s']:.0f} | " + " | ".join(f"{row.get(k, 0) / 1e6:.0f}" for k in keys)
              + f" | {row['threads']} |")
    if len(censuses) >= 2:
        (t0, counts0, sizes0), (t1, counts1, sizes1) = censuses[0], censuses[-1]
        print(f"\nPython objects (gc-tracked) that grew from {t0} s to {t1} s (count, getsizeof MB):")
        for name, grown in (sizes1 - sizes0).most_common(20):
            print(f"  {name}: {counts0[name]} -> {counts1[name]}, +{grown / 1e6:.1f} MB")
    if peak["top"]:
        print("\nPython's allocations at the RSS peak (tracemalloc, biggest lines):")
        for stat in peak["top"]:
            print(f"  {stat.size / 1e6:8.1f} MB {stat.count:9d} blocks  {stat.traceback}")


if __name__ == "__main__":
    main()

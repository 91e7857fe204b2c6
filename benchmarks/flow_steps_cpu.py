#!/usr/bin/env python3
"""Where the flow process's CPU goes, step by step, in one run of the clean-corpus flow.

    python benchmarks/flow_steps_cpu.py CORPUS --workers 2 [--warm-corpus SMALL]

Wraps the core functions the flow's tasks call (validation, writing, the dedup
assignment and moves, the commit's steps, the report) with a timer of the calling
thread's CPU (``time.thread_time``: tasks run in Prefect's worker threads), runs the
flow once on a small corpus to warm up (server, worker pool, GX), then once on CORPUS,
and prints CPU seconds and calls per step, beside the flow process's total. What the
total has beyond the steps is Prefect (task runs, events, logs) and the process pool's
threads (sending batches, taking cleaned tables back). A measurement wrapper only: the
run's output is the flow's own.
"""
from __future__ import annotations

import argparse
import collections
import functools
import os
import shutil
import tempfile
import time
from pathlib import Path

for _key, _value in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                     "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
                     "GX_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}.items():
    os.environ.setdefault(_key, _value)

STEPS = {
    "tasks.shard_tasks": ("clean_shard_on_workers", "validate_table", "split_by_validation", "sort_for_readers",
                          "write_part", "stage_signatures", "summarize_shard"),
    "tasks.dedup_tasks": ("assign_run", "move_duplicates"),
    "tasks.run_tasks": ("plan_inputs", "plan_shards", "build_manifest", "dataset_card", "append_run_log",
                        "report_markdown", "create_markdown_artifact", "create_table_artifact"),
}
BUILDER_STEPS = ("carry_over", "compact", "table_stats", "language_counts", "commit")


def _timed(owner, name: str, label: str, spent: collections.Counter, calls: collections.Counter) -> None:
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        started = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.thread_time() - started
            calls[label] += 1

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warm-corpus", type=Path, default=None, help="a small corpus for the warm-up run")
    args = parser.parse_args()
    import importlib

    import flows.clean_corpus as flow_module
    from corpus_clean.dataset import VersionBuilder

    spent, calls = collections.Counter(), collections.Counter()
    for module_name, names in STEPS.items():
        module = importlib.import_module(module_name)
        for name in names:
            _timed(module, name, f"{module_name.split('.')[-1]}.{name}", spent, calls)
    for name in BUILDER_STEPS:
        _timed(VersionBuilder, name, f"VersionBuilder.{name}", spent, calls)

    out = Path(tempfile.mkdtemp(prefix="flow-steps-"))
    try:
        flow_module.clean_corpus(input_path=str(args.warm_corpus or args.corpus), output_dir=str(out / "warm"),
                                 data_docs=False, workers=args.workers)
        spent.clear()
        calls.clear()
        load = os.getloadavg()[0]
        cpu, wall = time.process_time(), time.perf_counter()
        flow_module.clean_corpus(input_path=str(args.corpus), output_dir=str(out / "timed"), data_docs=False,
                                 workers=args.workers)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"`--workers {args.workers}`: the flow process used {cpu:.2f} s of CPU in {wall:.1f} s; load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    print("| step | calls | CPU s | share of the flow process |")
    print("|---|---:|---:|---:|")
    for label, seconds in spent.most_common():
        if seconds >= 0.005:
            print(f"| {label} | {calls[label]} | {seconds:.2f} | {100 * seconds / cpu:.0f} % |")
    rest = cpu - sum(spent.values())
    print(f"| the rest (Prefect, the pool's threads) | | {rest:.2f} | {100 * rest / cpu:.0f} % |")


if __name__ == "__main__":
    main()

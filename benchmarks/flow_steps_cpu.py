#!/usr/bin/env python3
"""Where the flow process's CPU goes, step by step, in one run of the clean-corpus flow.

    python benchmarks/flow_steps_cpu.py CORPUS --workers 2 [--warm-corpus SMALL]
    python benchmarks/flow_steps_cpu.py CORPUS --workers 1 --core --repeat 2   # the excess over the core

Wraps the core functions the flow's tasks call (validation, writing, the dedup
assignment and moves, the commit's steps, the report) with a timer of the calling
thread's CPU (``time.thread_time``: tasks run in Prefect's worker threads), runs the
flow once on a small corpus to warm up (server, worker pool, GX), then once on CORPUS,
and prints CPU seconds and calls per step, beside the flow process's total. What the
total has beyond the steps is Prefect (task runs, events, logs) and the process pool's
threads (sending batches, taking cleaned tables back). A measurement wrapper only: the
run's output is the flow's own.

With `--core` (and `--workers 1`, where the cleaning runs in the flow process), the core
alone (``shards.clean_shard`` of the corpus as one shard, what throughput.py's core row
times) runs in the same process, alternating with the flow, best of `--repeat` each, and
the table gives each step's share of the flow's *excess* over the core: the cleaning
inside the flow counts as its CPU minus the core's, the per-batch extras (dedup
signatures, validation's row checks) and everything after it as all excess.

By process: the flow process's CPU is what the ratio counts; the line after the table
gives the CPU the flow's other processes used during the same timed run: the Prefect
server (the ephemeral one the flow starts, a process of its own) and the cleaning
workers (with `--workers` ≥ 2; reaped children included).
"""
from __future__ import annotations

import argparse
import collections
import functools
import os
import resource
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
                          "write_part", "stage_signatures", "summarize_shard", "row_checks_in_slices"),
    "tasks.dedup_tasks": ("assign_run", "move_duplicates"),
    # computed next to the cleaning (in the flow process itself with --workers 1)
    "corpus_clean.shards": ("signature_table", "row_checks"),
    # inside validate_table: the pandas frame, GX's run of the suite
    "corpus_clean.validate": ("_to_pandas", "_run_suite"),
    # inside signature_table: the words' hashes, shingles and exact hashes (round 9: one
    # call, batch_tokens; before: word_hashes, shingle_hashes, exact_hashes), rensa's MinHash;
    # inside ShardByShardDedup.split: the decisions in record order
    "corpus_clean.dedup": ("batch_tokens", "word_hashes", "shingle_hashes", "exact_hashes", "minhash_signatures",
                           "_decide_in_order"),
    "tasks.run_tasks": ("plan_inputs", "plan_shards", "build_manifest", "dataset_card", "append_run_log",
                        "report_markdown", "create_markdown_artifact", "create_table_artifact",
                        "update_progress_artifact"),
}
BUILDER_STEPS = ("carry_over", "compact", "table_stats", "language_counts", "commit")
# the dedup decisions of a local run, made shard by shard as each is written (inside write_part's task)
SHARD_DEDUP_STEPS = ("__init__", "split", "finish")


def _minor_faults() -> int:
    """This process's minor page faults so far (pages mapped in on first touch: memory the
    allocators handed back to the OS and took again is paid here, in CPU)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _timed(owner, name: str, label: str, spent: collections.Counter, calls: collections.Counter) -> None:
    fn = getattr(owner, name, None)
    if fn is None:  # a step an older tree (--baseline runs) does not have
        return

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
    parser.add_argument("--core", action="store_true", help="also time the core alone: each step's share of the excess")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each (best kept; with --core)")
    parser.add_argument("--no-dedup", action="store_true")
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
    from corpus_clean.dedup_stage import ShardByShardDedup
    for name in SHARD_DEDUP_STEPS:
        _timed(ShardByShardDedup, name, f"ShardByShardDedup.{name}", spent, calls)
    from corpus_clean.dedup import DedupIndex
    _timed(DedupIndex, "_verify", "DedupIndex._verify", spent, calls)  # inside split: the candidates' verification

    out = Path(tempfile.mkdtemp(prefix="flow-steps-"))
    best: dict | None = None
    core_cpu = float("inf")
    try:
        flow_module.clean_corpus(input_path=str(args.warm_corpus or args.corpus), output_dir=str(out / "warm"),
                                 data_docs=False, workers=args.workers, dedup=not args.no_dedup)
        if args.core:
            core(args.warm_corpus or args.corpus)  # warm-up
        load = os.getloadavg()[0]
        for attempt in range(args.repeat):
            if args.core:
                started = time.process_time()
                core(args.corpus)
                core_cpu = min(core_cpu, time.process_time() - started)
            spent.clear()
            calls.clear()
            others = other_processes_cpu()
            cpu, wall, faults = time.process_time(), time.perf_counter(), _minor_faults()
            flow_module.clean_corpus(input_path=str(args.corpus), output_dir=str(out / f"timed-{attempt}"),
                                     data_docs=False, workers=args.workers, dedup=not args.no_dedup)
            cpu, wall, faults = time.process_time() - cpu, time.perf_counter() - wall, _minor_faults() - faults
            others = {name: seconds - others.get(name, 0.0) for name, seconds in other_processes_cpu().items()}
            if best is None or cpu < best["cpu"]:
                best = {"cpu": cpu, "wall": wall, "faults": faults, "spent": collections.Counter(spent),
                        "calls": collections.Counter(calls), "others": others}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    cpu, wall, spent, calls = best["cpu"], best["wall"], best["spent"], best["calls"]
    print(f"`--workers {args.workers}`{' --no-dedup' if args.no_dedup else ''}: the flow process used {cpu:.2f} s "
          f"of CPU in {wall:.1f} s (best of {args.repeat}), {best['faults']:,} minor page faults; "
          f"load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    if args.core:
        excess = cpu - core_cpu
        print(f"The core alone: {core_cpu:.2f} s of CPU (best of {args.repeat}, alternating with the flow): "
              f"flow ÷ core **{cpu / core_cpu:.2f}×**, excess {excess:.2f} s.\n")
    print("| step | calls | CPU s | share of the flow process |" + (" share of the excess |" if args.core else ""))
    print("|---|---:|---:|---:|" + ("---:|" if args.core else ""))
    nested = {"shards.signature_table", "shards.row_checks"}  # inside clean_shard_on_workers (workers=1)
    inside = {"validate._to_pandas", "validate._run_suite"}    # inside validate_table
    in_signatures = {f"dedup.{name}" for name in ("batch_tokens", "word_hashes", "shingle_hashes", "exact_hashes",
                                                  "minhash_signatures")}
    in_split = {"dedup._decide_in_order", "DedupIndex._verify"}
    for label, seconds in spent.most_common():
        if seconds < 0.005:
            continue
        name = (f"  (in validate_table) {label}" if label in inside else
                f"  (in signature_table) {label}" if label in in_signatures else
                f"  (in ShardByShardDedup.split) {label}" if label in in_split else label)
        row = f"| {name} | {calls[label]} | {seconds:.2f} | {100 * seconds / cpu:.0f} % |"
        if args.core:
            own = seconds
            if label == "shard_tasks.clean_shard_on_workers" and args.workers == 1:
                own = seconds - core_cpu - sum(spent[n] for n in nested)
                name = "shard_tasks.clean_shard_on_workers, minus the extras, minus the core"
                row = f"| {name} | {calls[label]} | {own:.2f} | {100 * seconds / cpu:.0f} % (all) |"
            row += f" {100 * own / excess:.0f} % |"
        print(row)
    top = {label for label in spent if label not in inside | in_signatures | in_split
           and not (args.workers == 1 and label in nested)}
    rest = cpu - sum(spent[label] for label in top)
    print(f"| the rest (Prefect, the pool's threads) | | {rest:.2f} | {100 * rest / cpu:.0f} % |"
          + (f" {100 * rest / excess:.0f} % |" if args.core else ""))
    print("\nThe flow's other processes in the same run, CPU s: "
          + ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(best["others"].items())) + ".")


def other_processes_cpu() -> dict[str, float]:
    """CPU seconds (user + system) so far of this process's descendants, by kind: the
    Prefect server (its command line names uvicorn or prefect's server) and the
    workers (multiprocessing's processes, the resource tracker left out, plus every
    child already waited for: the flow stops its workers at each run's end)."""
    import psutil

    reaped = os.times()
    found = {"Prefect server": 0.0, "workers": reaped.children_user + reaped.children_system}
    for child in psutil.Process().children(recursive=True):
        try:
            command, times = " ".join(child.cmdline()), child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        if "uvicorn" in command or "prefect" in command and "server" in command:
            found["Prefect server"] += times.user + times.system
        elif "multiprocessing" in command and "resource_tracker" not in command:
            found["workers"] += times.user + times.system
    return found


def core(corpus: Path) -> None:
    """The core alone, as throughput.py's core row: the corpus as one shard, in this process."""
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import clean_shard, plan_shards

    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
    clean_shard(shard, run_id="bench")


if __name__ == "__main__":
    main()

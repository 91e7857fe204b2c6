#!/usr/bin/env python3
"""What two cleaning workers do that one process does not, in CPU seconds, one process at
a time (so the machine's load does not share a core between the parts measured):

1. the hand-off of each batch: the flow process pickling its lines, the worker unpickling
   them, the worker pickling its cleaned batch (Arrow table, counters, signatures, row
   checks), the flow process unpickling it (``multiprocessing``'s ForkingPickler, as the
   process pool does);
2. the work split in two: the shard's batches cleaned in one fresh warmed-up process, and
   the same batches dealt round-robin to two fresh warmed-up processes (as two workers
   take them), run one after the other. Per-process caches (the boilerplate engine's
   line verdicts, ...) are filled once in the first case and twice in the second.

    python benchmarks/handoff_cost.py --corpus W/in --repeat 3

Prints markdown tables. Children alternate; best of --repeat per cell.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _batches(corpus: Path) -> list:
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import _batches as read_batches, plan_shards

    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
    return list(read_batches(shard, {}))


def _extras():
    from corpus_clean.dedup import DedupParams
    from corpus_clean.shards import BatchExtras
    from corpus_clean.validate import ValidationConfig

    return BatchExtras(signatures=DedupParams(), checks=ValidationConfig())


def _clean_child(corpus: Path, part: int, parts: int) -> None:
    """Warm up as a worker does, then clean batches part, part + parts, ... ; print CPU."""
    from corpus_clean.parallel import pyarrow_without_pandas, warm_up
    from corpus_clean.shards import clean_batch
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    pyarrow_without_pandas()
    warm_up()
    batches = _batches(corpus)[part::parts]
    steps, extras = resolve_steps(DEFAULT_STEPS), _extras()
    cpu = time.process_time()
    for batch in batches:
        clean_batch(batch, steps, "run", extras)
    print(json.dumps({"clean": time.process_time() - cpu}))


def _handoff_child(corpus: Path) -> None:
    """CPU of each side of the hand-off, summed over the corpus's batches."""
    from multiprocessing.reduction import ForkingPickler
    import pickle

    from corpus_clean.parallel import warm_up
    from corpus_clean.shards import clean_batch
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    warm_up()
    steps, extras = resolve_steps(DEFAULT_STEPS), _extras()
    found = {"read": 0.0, "lines out (flow)": 0.0, "lines in (worker)": 0.0, "clean_batch (worker)": 0.0,
             "batch out (worker)": 0.0, "batch in (flow)": 0.0}
    cpu = time.process_time()
    batches = _batches(corpus)
    found["read"] = time.process_time() - cpu
    sizes = [0, 0]
    for batch in batches:
        t0 = time.process_time()
        sent = bytes(ForkingPickler.dumps(batch))
        t1 = time.process_time()
        batch = pickle.loads(sent)
        t2 = time.process_time()
        cleaned = clean_batch(batch, steps, "run", extras)
        t3 = time.process_time()
        back = bytes(ForkingPickler.dumps(cleaned))
        t4 = time.process_time()
        pickle.loads(back)
        t5 = time.process_time()
        for name, seconds in zip(list(found)[1:], (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            found[name] += seconds
        sizes[0] += len(sent)
        sizes[1] += len(back)
    found["MB out"], found["MB back"] = sizes[0] / 1e6, sizes[1] / 1e6
    found["batches"] = len(batches)
    print(json.dumps(found))


def _shard_child(corpus: Path, workers: int) -> None:
    """One shard cleaned by ``parallel.clean_shard_on_workers`` (the workers started and
    ready first, as a run starts them first thing): wall and CPU of this process and of
    its workers (fork server included)."""
    import psutil

    from corpus_clean import parallel
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import plan_shards

    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
    parallel.start_workers(workers)
    if workers > 1:
        pool = parallel._pool(workers)
        pool.submit(os.getpid).result()
    parallel.warm_up()  # this process's own (in the background since start_workers, or now)
    me = psutil.Process()

    def children_cpu() -> float:
        return sum(sum(child.cpu_times()[:2]) for child in me.children(recursive=True))

    before_children, cpu, wall = children_cpu(), time.process_time(), time.perf_counter()
    parallel.clean_shard_on_workers(shard, "run", workers=workers, extras=_extras())
    found = {"wall": time.perf_counter() - wall, "this process": time.process_time() - cpu,
             "workers": children_cpu() - before_children}
    parallel.stop_workers()
    print(json.dumps(found))


def _run(*args: str, tree: Path = ROOT) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--clean-child":
        return _clean_child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "--handoff-child":
        return _handoff_child(Path(sys.argv[2]))
    if len(sys.argv) > 1 and sys.argv[1] == "--shard-child":
        return _shard_child(Path(sys.argv[2]), int(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="only: one shard cleaned with --workers 1 and 2 by this tree and the one given "
                             "(clean_shard_on_workers, no flow), children alternating")
    args = parser.parse_args()
    if args.baseline:
        return print(shard_table(args))
    load = os.getloadavg()[0]
    one, two, handoff = [], [], []
    for _ in range(args.repeat):
        one.append(_run("--clean-child", str(args.corpus), "0", "1")["clean"])
        two.append(sum(_run("--clean-child", str(args.corpus), str(k), "2")["clean"] for k in range(2)))
        handoff.append(_run("--handoff-child", str(args.corpus)))
    print(f"Best of {args.repeat}, interleaved; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"(on {os.cpu_count()} CPUs). CPU seconds.\n")
    print("| the shard's batches cleaned | CPU s |\n|---|---:|")
    print(f"| in one process | {min(one):.2f} |\n| dealt to two processes (sum) | {min(two):.2f} |")
    print(f"| two ÷ one | {min(two) / min(one):.3f}× |\n")
    keys = [key for key in handoff[0] if key not in ("MB out", "MB back", "batches")]
    print(f"{handoff[0]['batches']} batches; pickled lines {handoff[0]['MB out']:.1f} MB out, "
          f"cleaned batches {handoff[0]['MB back']:.1f} MB back.\n")
    print("| step, summed over the batches | CPU s |\n|---|---:|")
    for key in keys:
        print(f"| {key} | {min(found[key] for found in handoff):.3f} |")


def shard_table(args: argparse.Namespace) -> str:
    trees = {"before": args.baseline, "after": ROOT}
    runs = {(name, workers): [] for name in trees for workers in (1, 2)}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for workers in (1, 2):
            for name, tree in trees.items():
                runs[name, workers].append(_run("--shard-child", str(args.corpus), str(workers), tree=tree))
                print(f"  {name} workers={workers}: {runs[name, workers][-1]}", file=sys.stderr)
    rows = [f"One shard, `clean_shard_on_workers`; best of {args.repeat} per cell, children alternating; "
            f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after.\n",
            "| code | workers | wall s | this process CPU s | workers CPU s | total CPU s | bound from CPU |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for name in trees:
        one = min(run["this process"] for run in runs[name, 1])
        for workers in (1, 2):
            found = runs[name, workers]
            total = min(run["this process"] + run["workers"] for run in found)
            rows.append(f"| {name} | {workers} | {min(run['wall'] for run in found):.2f} | "
                        f"{min(run['this process'] for run in found):.2f} | {min(run['workers'] for run in found):.2f} | "
                        f"{total:.2f} | {one / (total / workers):.2f}× |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()

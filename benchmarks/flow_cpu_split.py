#!/usr/bin/env python3
"""CPU of the flow process and of its cleaning workers in a `--workers 2` run, before and
after a change, and the speed-up they allow (Amdahl's bound); first, the CPU of the flow
process's side of the hand-off alone (reading batches and pickling them for the pool).

    git archive <base-commit> | tar -x -C /tmp/base        # the code to compare with
    python benchmarks/flow_cpu_split.py --baseline /tmp/base --corpus W/corpus --repeat 3

Each measurement runs in a child process that imports `corpus_clean` and `flows` from one
code tree, runs the flow once to warm up (Prefect server, worker pool, GX), then times
one run: CPU seconds of the flow process (``time.process_time``, all its threads) and of
its worker processes (psutil, the children's user + system time). Children alternate
between the trees; the best of --repeat is kept for each. The bound is what two workers
could give over one with this split: total ÷ (flow process + workers ÷ 2), as if the
flow process's work were all serial (an upper bound on what it allows).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _child(tree: Path, corpus: Path, out: Path) -> None:
    """Runs in a child process: one warm-up run and one timed run with `tree`'s code."""
    sys.path.insert(0, str(tree))
    import psutil

    from flows.clean_corpus import clean_corpus

    assert Path(sys.modules["flows"].__file__).resolve().is_relative_to(tree.resolve())
    clean_corpus(input_path=str(corpus), output_dir=str(out / "warm"), data_docs=False, workers=2)

    def workers_cpu() -> float:
        return sum(sum(child.cpu_times()[:2]) for child in psutil.Process().children()
                   if "multiprocessing" in " ".join(child.cmdline()) and "resource_tracker" not in " ".join(child.cmdline()))

    before, cpu = workers_cpu(), time.process_time()
    clean_corpus(input_path=str(corpus), output_dir=str(out / "timed"), data_docs=False, workers=2)
    print(json.dumps({"flow": time.process_time() - cpu, "workers": workers_cpu() - before}))


def _reader_child(tree: Path, corpus: Path) -> None:
    """Runs in a child process: CPU of the flow process's side of the hand-off alone, with
    `tree`'s code: read the corpus into batches (``shards._batches``) and pickle each as
    the process pool does. Best of three passes."""
    sys.path.insert(0, str(tree))
    from multiprocessing.reduction import ForkingPickler

    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import _batches, plan_shards

    assert Path(sys.modules["corpus_clean"].__file__).resolve().is_relative_to(tree.resolve())
    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
    best = float("inf")
    for _ in range(3):
        cpu = time.process_time()
        for batch in _batches(shard, {}):
            ForkingPickler.dumps(batch)
        best = min(best, time.process_time() - cpu)
    print(json.dumps({"reader": best}))


def measure(tree: Path, corpus: Path, child: str = "--child") -> dict:
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
               "GX_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
        done = subprocess.run([sys.executable, __file__, child, str(tree), str(corpus), out],
                              capture_output=True, text=True, env=env, cwd=out)
        if done.returncode:
            raise RuntimeError(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "--reader-child":
        return _reader_child(Path(sys.argv[2]), Path(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the code to compare with")
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of JSONL (benchmarks/corpus_gen.py)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reader-only", action="store_true", help="only the reader's side of the hand-off")
    args = parser.parse_args()
    trees = {"before": args.baseline, "after": ROOT}
    reader = {name: min(measure(tree, args.corpus, "--reader-child")["reader"] for _ in range(2))
              for name, tree in trees.items()}
    print(f"The flow process's side of the hand-off alone (read the corpus into batches, pickle each; "
          f"CPU s, best of 6): before {reader['before']:.2f}, after {reader['after']:.2f} "
          f"({reader['before'] / reader['after']:.1f}× less).\n")
    if args.reader_only:
        return
    best: dict[str, dict] = {}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for name, tree in trees.items():
            found = measure(tree, args.corpus)
            print(f"  {name}: flow {found['flow']:.2f} s, workers {found['workers']:.2f} s, "
                  f"load {os.getloadavg()[0]:.1f}", file=sys.stderr)
            if name not in best or found["flow"] < best[name]["flow"]:
                best[name] = found
    print(f"Best of {args.repeat} (least flow-process CPU), interleaved; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    print("| code | flow process CPU s | workers CPU s | flow share | bound for 2 workers |")
    print("|---|---:|---:|---:|---:|")
    for name, found in best.items():
        flow, workers = found["flow"], found["workers"]
        print(f"| {name} | {flow:.2f} | {workers:.2f} | {100 * flow / (flow + workers):.0f} % | "
              f"{(flow + workers) / (flow + workers / 2):.2f}× |")


if __name__ == "__main__":
    main()

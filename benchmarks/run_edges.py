#!/usr/bin/env python3
"""The wall time of a flow run's two edges, where the flow process mostly waits: its start
(the version opened → the first batch cleaned) and its tail (every shard written → the
flow returned: dedup finish, commit, report), per run, for one or two code trees.

    python benchmarks/run_edges.py --corpus W/c1 --baseline /tmp/base --children 4 --runs 5

Each child process (``PYTHONPATH=<tree>``) runs the flow on CORPUS with `--workers 1`
after a warm-up run, `--runs` times, timing the edges by wrapping ``open_version``,
``shards.clean_batch`` and ``clean_shards`` in the flow module (a measurement wrapper: the
output is the flow's own). With --baseline the trees alternate child by child (B A, A B,
...). Printed: the median and minimum of each edge per tree, and the load average. A small
corpus keeps the cleaning short; the edges do not grow with it.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import functools, json, os, shutil, sys, tempfile, time
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
import corpus_clean.shards as shards
import flows.clean_corpus as flow
marks = {}
def mark(owner, name, key, at_end):
    function = getattr(owner, name)
    @functools.wraps(function)
    def marked(*args, **kwargs):
        if not at_end:
            marks.setdefault(key, time.perf_counter())
        try:
            return function(*args, **kwargs)
        finally:
            if at_end:
                marks[key] = time.perf_counter()
    setattr(owner, name, marked)
mark(flow, "open_version", "opened", True)
mark(shards, "clean_batch", "first batch", False)
mark(flow, "clean_shards", "written", True)
out = tempfile.mkdtemp(prefix="run-edges-")
edges = []
for run in range(int(sys.argv[2]) + 1):
    shutil.rmtree(out, ignore_errors=True)
    marks.clear()
    flow.clean_corpus(input_path=sys.argv[1], output_dir=out, data_docs=False, workers=1)
    returned = time.perf_counter()
    if run:  # (the first: the warm-up)
        edges.append((marks["first batch"] - marks["opened"], returned - marks["written"]))
shutil.rmtree(out, ignore_errors=True)
print(json.dumps(edges))
'''


def child(tree: Path, corpus: Path, runs: int) -> list[list[float]]:
    env = {**os.environ, "PYTHONPATH": str(tree), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(runs)], env=env, capture_output=True,
                          text=True, cwd=tempfile.gettempdir())
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a small input folder (e.g. corpus_gen.py --mb 1)")
    parser.add_argument("--baseline", type=Path, default=None, help="another code tree, alternating with this one")
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per child")
    args = parser.parse_args()
    trees = {"before": args.baseline, "after": ROOT} if args.baseline else {"this tree": ROOT}
    edges: dict[str, list] = {name: [] for name in trees}
    load_before = os.getloadavg()[0]
    for k in range(args.children):
        order = list(trees.items()) if k % 2 == 0 else list(trees.items())[::-1]
        for name, tree in order:
            edges[name] += child(tree, args.corpus, args.runs)
    print(f"{args.corpus}: {args.children} children × {args.runs} runs, `--workers 1`; load average "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    print("| code | version opened → first batch: median (min), ms | shards written → run returned: median (min), ms |")
    print("|---|---:|---:|")
    for name, runs in edges.items():
        start, tail = [s * 1000 for s, _ in runs], [t * 1000 for _, t in runs]
        print(f"| {name} | {statistics.median(start):.0f} ({min(start):.0f}) | "
              f"{statistics.median(tail):.0f} ({min(tail):.0f}) |")


if __name__ == "__main__":
    main()

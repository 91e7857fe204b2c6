#!/usr/bin/env python3
"""CPU seconds a cleaning worker spends before its first batch, per code tree.

    python benchmarks/worker_start.py --repeat 5
    python benchmarks/worker_start.py --repeat 5 --baseline /tmp/base   # before/after
    python benchmarks/worker_start.py --repeat 5 --baseline /tmp/base --cold-cache

The rule packs' derived data comes from a cache file (``corpus_clean.derived_cache``,
round 12) that the first process on a machine writes: by default every measurement reads
the same cache directory (a fresh one per invocation, filled by one unmeasured start
first: what every start after a machine's first run sees); with `--cold-cache` each
measurement starts from an empty one (a machine's first run, or packs just changed).

Each measurement is a fresh interpreter (``PYTHONPATH=<tree>``) doing what a worker of a
`--workers 2` run does when the fork server is bare (``parallel.start_worker``): import
the cleaning code, keep pandas out, warm up (the rule packs read and compiled, the line
classifier, validation's patterns, one made-up record cleaned), then collect and freeze
what is left (round 12: as ``start_worker`` does; the collection was timed as YAML before). Printed per tree, the
best of `--repeat` (trees interleaved): the whole process's CPU (the interpreter's own
start included, from the parent's rusage of the child) and its parts, timed inside the
child with ``time.process_time``: imports, and the warm-up, of which the rule packs' YAML
parsing (timed by parsing them once more afterwards, left out of the whole). CPU time, not wall: it does not move with the machine's load as wall time does.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, time
start = time.process_time()
import corpus_clean.parallel as parallel
imported = time.process_time()
parallel.pyarrow_without_pandas()
parallel.warm_up()
import gc
gc.collect()  # (as start_worker does after its warm-up: the collection of what the warm-up made is part of it)
gc.freeze()
done = time.process_time()
# Then, not part of the start: how much of the warm-up was the packs' YAML (parsed again).
from pathlib import Path
from corpus_clean.boilerplate import rules
for path in sorted(Path(rules.PACK_DIR).glob("*.yaml")):
    rules._read_pack(path)
print(json.dumps({"imports": imported - start, "warm_up": done - imported, "yaml": time.process_time() - done}))
"""


def measure(tree: Path, cache_dir: str) -> dict[str, float]:
    """One fresh interpreter's start, by part; "process" is its whole CPU (rusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(tree), "CORPUS_CLEAN_CACHE_DIR": cache_dir}
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd="/")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    found = json.loads(done.stdout.strip().splitlines()[-1])
    found["process"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) - found["yaml"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--cold-cache", action="store_true", help="every start with an empty derived-data cache")
    args = parser.parse_args()
    trees = {**({"before": args.baseline} if args.baseline else {}), "after" if args.baseline else "this code": ROOT}
    best: dict[str, dict[str, float]] = {name: {} for name in trees}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="worker-start-cache-") as shared:
        if not args.cold_cache:
            for tree in trees.values():
                measure(tree, shared)  # (fills the cache: a machine's later starts)
        for _ in range(args.repeat):
            for name, tree in trees.items():
                with tempfile.TemporaryDirectory(prefix="worker-start-cold-") as cold:
                    for part, seconds in measure(tree, cold if args.cold_cache else shared).items():
                        best[name][part] = min(best[name].get(part, float("inf")), seconds)
    print(f"`python benchmarks/worker_start.py --repeat {args.repeat}{' --baseline TREE' if args.baseline else ''}"
          f"{' --cold-cache' if args.cold_cache else ''}`:"
          f" best of {args.repeat} per cell, trees interleaved; CPU seconds; load average {load:.1f}–"
          f"{os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs).\n")
    print("| code | whole start (process CPU) | imports | warm-up | of which the rule packs' YAML |")
    print("|---|---:|---:|---:|---:|")
    for name, parts in best.items():
        print(f"| {name} | {parts['process']:.3f} | {parts['imports']:.3f} | {parts['warm_up']:.3f} | "
              f"{parts['yaml']:.3f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The machine's own ceiling for two cleaning processes: the same batches cleaned by one
process, then split between two processes running at once, nothing else in between (no
flow, no Prefect, no hand-off: each process reads and cleans its own half).

    python benchmarks/two_cores.py --mb 5 --repeat 3

Each process is a fresh interpreter that warms up (``parallel.warm_up``) and reads its
batches first, then waits for a common start signal, so only the cleaning is timed. The
speed-up printed, one process's wall ÷ two processes' wall (first start to last end), is
what `--workers 2` could reach at best on this machine if the flow cost nothing: on two
vCPUs that are hyperthreads of one core, or under other load, it is well under 2×. The
CPU seconds per batch say the same from the other side: when two processes share a
core's caches (or an SMT core), each one's batch costs more CPU than when it runs alone.
Best of `--repeat`, the two setups interleaved; the load average is printed with them.
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

sys.path.insert(0, str(Path(__file__).parent))

CHILD = r"""
import json, sys, time
from pathlib import Path
from corpus_clean import parallel
from corpus_clean.readers import InputFile
from corpus_clean.shards import Shard, _batches, clean_batch
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

paths, part, parts, go = [Path(p) for p in sys.argv[1].split(",")], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
parallel.pyarrow_without_pandas()
parallel.warm_up()
shard = Shard(0, tuple(InputFile(str(p), p.name, p.stat().st_size) for p in paths))
batches = [b for i, b in enumerate(_batches(shard, {})) if i % parts == part]
steps = resolve_steps(DEFAULT_STEPS)
print("ready", flush=True)
sys.stdin.readline()  # the common start
start, cpu = time.monotonic(), time.process_time()
for batch in batches:
    clean_batch(batch, steps, "two-cores")
print(json.dumps({"start": start, "end": time.monotonic(), "cpu": time.process_time() - cpu,
                  "batches": len(batches)}), flush=True)
"""


def run(files: list[Path], processes: int) -> dict[str, float]:
    """`processes` children, each cleaning every `processes`-th batch, started together."""
    children = [subprocess.Popen([sys.executable, "-c", CHILD, ",".join(map(str, files)), str(i), str(processes), ""],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd="/")
                for i in range(processes)]
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    found = [json.loads(child.stdout.readline()) for child in children]
    for child in children:
        child.wait()
    return {"wall": max(f["end"] for f in found) - min(f["start"] for f in found),
            "cpu_per_batch": sum(f["cpu"] for f in found) / sum(f["batches"] for f in found)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", help="keep the generated corpus here (default: a temp dir)")
    args = parser.parse_args()
    from corpus_gen import write_corpus

    corpus = Path(args.work or tempfile.mkdtemp(prefix="two-cores-")) / f"c{args.mb:g}"
    if not corpus.exists():
        write_corpus(corpus, args.mb)
    files = sorted(corpus.glob("*.jsonl"))
    load = os.getloadavg()[0]
    best = {1: {"wall": float("inf"), "cpu_per_batch": float("inf")}, 2: {"wall": float("inf"),
                                                                         "cpu_per_batch": float("inf")}}
    for _ in range(args.repeat):
        for processes in (1, 2):
            found = run(files, processes)
            for key in best[processes]:
                best[processes][key] = min(best[processes][key], found[key])
    print(f"`python benchmarks/two_cores.py --mb {args.mb:g} --repeat {args.repeat}`: best of {args.repeat}, "
          f"interleaved; load average {load:.1f}–{os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs).\n")
    print("| processes | wall s | CPU ms per batch | speed-up |")
    print("|---:|---:|---:|---:|")
    for processes, found in best.items():
        print(f"| {processes} | {found['wall']:.2f} | {found['cpu_per_batch'] * 1000:.1f} | "
              f"{best[1]['wall'] / found['wall']:.2f}× |")


if __name__ == "__main__":
    main()

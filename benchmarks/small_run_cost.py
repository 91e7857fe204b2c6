#!/usr/bin/env python3
"""The fixed costs of a small run, before and after a change: the flow on the 25 bundled
sample records (data/raw), each run in a fresh process, the two code trees alternating.

    git archive <base-commit> | tar -x -C /tmp/base
    python benchmarks/small_run_cost.py --baseline /tmp/base --repeat 3

Per run (a child process with one tree first on sys.path): the CPU and wall seconds of
importing Great Expectations alone (``corpus_clean.validate.preload``), then of the whole
flow called in-process (embedded Prefect server start included), the process's peak
resident memory (VmHWM: the server is a process of its own, not counted), and whether
scipy.stats and altair were really imported, and the CPU of the validate task's
``validate_table`` (GX's run of the suite, in the task's thread). Best of --repeat per tree (medians would
need more runs than a loaded machine allows).

With `--cli`, also the whole command as a user runs it (`python -m cli run --input data/raw
--output TMP --no-data-docs`, its embedded server a thread of its own process): the CPU the
process used from its start to its exit (``os.wait4``'s resource usage: its exit included,
which the in-process figures cannot see) and its wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, tempfile, time, types
sys.path.insert(0, TREE)
started_cpu, started = time.process_time(), time.perf_counter()
from corpus_clean import validate
validate.preload()
gx_cpu, gx_wall = time.process_time() - started_cpu, time.perf_counter() - started
import flows.clean_corpus as flow_module
assert flow_module.__file__.startswith(TREE), flow_module.__file__
import tasks.shard_tasks as shard_tasks
validation = [0.0]
_validate_table = shard_tasks.validate_table
def timed_validate_table(*args, **kwargs):  # the validate task's GX run (its thread's CPU)
    started = time.thread_time()
    try:
        return _validate_table(*args, **kwargs)
    finally:
        validation[0] += time.thread_time() - started
shard_tasks.validate_table = timed_validate_table
flow_module.clean_corpus(input_path=os.path.join(TREE, "data", "raw"), output_dir=tempfile.mkdtemp(), data_docs=False)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"gx_cpu": gx_cpu, "gx_wall": gx_wall, "validation_cpu": validation[0],
                  "cpu": time.process_time() - started_cpu,
                  "wall": time.perf_counter() - started, "peak_mb": peak / 1024,
                  "loaded": [n for n in ("scipy.stats", "altair")
                             if n in sys.modules and type(sys.modules[n]) is types.ModuleType]}))
"""


def run_child(tree: Path) -> dict:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "GX_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    code = f"TREE = {str(tree.resolve())!r}\n" + CHILD
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tempfile.gettempdir(), timeout=900)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_cli(tree: Path) -> dict:
    """`corpus-clean run` on the sample records in a fresh process of `tree`: CPU seconds
    (user + system) from its start to its exit, and wall seconds."""
    import time

    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PYTHONPATH": str(tree.resolve()), "PREFECT_LOGGING_LEVEL": "WARNING",
                "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"})
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "cli", "run", "--input", str(tree / "data" / "raw"),
                                  "--output", out, "--no-data-docs"], cwd=str(tree), env=env,
                                 stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # (reaped here: Popen must not wait again)
        if child.returncode:
            log.seek(0)
            raise RuntimeError(log.read().decode(errors="replace")[-3000:])
    return {"cli_cpu": usage.ru_utime + usage.ru_stime, "cli_wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="the code tree to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time `corpus-clean run` as a whole process")
    args = parser.parse_args()
    trees = {"before": args.baseline, "after": ROOT}
    best: dict[str, dict] = {name: {} for name in trees}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for name, tree in trees.items():
            found = run_child(tree)
            if args.cli:
                found.update(run_cli(tree))
            print(name, found, file=sys.stderr)
            for key, value in found.items():
                if key == "loaded":
                    best[name][key] = value
                else:
                    best[name][key] = min(best[name].get(key, float("inf")), value)
    print(f"25 sample records (data/raw), the flow called in-process in a fresh process (embedded server); "
          f"best of {args.repeat} per tree, alternating; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    print("| code | GX import CPU s | GX import wall s | validation (GX run) CPU s | whole run CPU s | whole run wall s "
          "| flow process peak RSS MB | scipy.stats, altair imported |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, found in best.items():
        print(f"| {name} | {found['gx_cpu']:.2f} | {found['gx_wall']:.2f} | {found['validation_cpu']:.3f} "
              f"| {found['cpu']:.2f} | {found['wall']:.2f} | {found['peak_mb']:.0f} | {', '.join(found['loaded']) or 'no'} |")
    if args.cli:
        print("\n| code | `corpus-clean run` process CPU s, start to exit | its wall s |\n|---|---:|---:|")
        for name, found in best.items():
            print(f"| {name} | {found['cli_cpu']:.2f} | {found['cli_wall']:.2f} |")


if __name__ == "__main__":
    main()

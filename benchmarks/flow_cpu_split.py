#!/usr/bin/env python3
"""CPU of the flow process and of its cleaning workers, before and after a change: with
`--workers 1` and `--workers 2`, the wall time of each, and the *tail* (what the flow
process does after the last batch is cleaned: validation and writing of what is left,
the dedup assignment and moves, the commit, the report); first, the CPU of the flow
process's side of the hand-off alone (reading batches and pickling them for the pool).

    git archive <base-commit> | tar -x -C /tmp/base        # the code to compare with
    python benchmarks/flow_cpu_split.py --baseline /tmp/base --corpus W/corpus --repeat 3

Each measurement runs in a child process that imports `corpus_clean` and `flows` from one
code tree, runs the flow once per worker count to warm up (Prefect server, worker pool,
GX), then times one run with 1 worker and one with 2: wall seconds, CPU seconds of the
flow process (``time.process_time``, all its threads) and of its worker processes
(psutil, the children's user + system time), and the tail's wall and flow-process CPU
(from the progress callback of the last cleaned batch to the end of the run). Children
alternate between the trees; the best of --repeat is kept for each.

Two speed-ups of 2 workers over 1 are printed: the measured wall ratio (meaningful on a
quiet machine only), and one from CPU seconds alone, which the machine's load does not
change: the 1-worker run's CPU over (the 2-worker run's CPU before the tail, spread over
two cores, + its tail's CPU, which runs alone). The latter ignores waits (Prefect's API
calls, the heartbeat) and assumes the flow process shares the two cores evenly with the
workers while they clean.
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


def _child(tree: Path, corpus: Path, out: Path, warm_corpus: Path) -> None:
    """Runs in a child process: warm-up runs, then one timed run per worker count, with
    `tree`'s code. Prints one JSON line: {workers: measurements}."""
    sys.path.insert(0, str(tree))
    import flows.clean_corpus as flow_module

    assert Path(sys.modules["flows"].__file__).resolve().is_relative_to(tree.resolve())

    def workers_cpu() -> float:
        """CPU of the worker processes (and fork server) alive now, plus that of every child
        already waited for (the flow stops its workers at the end of each run; forked
        workers are the fork server's children, counted when it is stopped). The server and
        the resource tracker are alive and not counted."""
        reaped = os.times()
        return reaped.children_user + reaped.children_system + sum(
            seconds for line, seconds in _live_children() if "resource_tracker" not in line)

    def run(workers: int, name: str, input_path: Path = corpus) -> None:
        flow_module.clean_corpus(input_path=str(input_path), output_dir=str(out / name), data_docs=False,
                                 workers=workers)

    for workers in (1, 2):
        run(workers, f"warm-{workers}", warm_corpus)
    found = {}
    for workers in (1, 2):
        calls: list[tuple[int, float, float]] = []  # (documents done, wall, CPU) at each progress call
        listener = lambda done, _total: calls.append((done, time.perf_counter(), time.process_time()))  # noqa: E731
        flow_module.progress_listeners.append(listener)
        before, cpu, wall = workers_cpu(), time.process_time(), time.perf_counter()
        try:
            run(workers, f"timed-{workers}")
        finally:
            flow_module.progress_listeners.remove(listener)
        end_wall, end_cpu = time.perf_counter(), time.process_time()
        # The last cleaned batch: the first call with the final count (the run's end repeats it).
        _, tail_wall, tail_cpu = next(call for call in calls if call[0] == calls[-1][0])
        found[workers] = {"wall": end_wall - wall, "flow": end_cpu - cpu, "workers": workers_cpu() - before,
                          "tail_wall": end_wall - tail_wall, "tail_cpu": end_cpu - tail_cpu}
    print(json.dumps(found))


def _live_children() -> list[tuple[str, float]]:
    """(command line, CPU s) of this process's multiprocessing descendants alive now; one
    that exits while being read (a zombie not yet reaped) is skipped: its CPU is counted
    with its parent's reaped children."""
    import psutil

    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            line = " ".join(child.cmdline())
            if "multiprocessing" in line:
                found.append((line, sum(child.cpu_times()[:2])))
        except psutil.Error:
            continue
    return found


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


def _per_process_child(tree: Path, corpus: Path, out: Path, warm_corpus: Path) -> None:
    """Runs in a child process: after warm-up runs, one `--workers 2` run of `tree`'s code,
    its CPU split per process: the flow process, the fork server (imports and warm-up),
    each worker; read just before the flow stops them. Prints one JSON line."""
    sys.path.insert(0, str(tree))
    import psutil

    import flows.clean_corpus as flow_module

    shipped_stop = flow_module.stop_workers
    seen: dict[str, float] = {}

    def stop_and_count() -> None:
        for child in psutil.Process().children(recursive=True):
            line = " ".join(child.cmdline())
            if "multiprocessing" not in line or "resource_tracker" in line:
                continue
            # (forked workers keep the fork server's command line: told apart by their parent)
            role = "fork server" if child.ppid() == os.getpid() and "forkserver" in line else f"worker {child.pid}"
            seen[role] = sum(child.cpu_times()[:2])
        shipped_stop()

    for workers in (1, 2):
        flow_module.clean_corpus(input_path=str(warm_corpus), output_dir=str(out / f"warm-{workers}"),
                                 data_docs=False, workers=workers)
    flow_module.stop_workers = stop_and_count
    cpu = time.process_time()
    flow_module.clean_corpus(input_path=str(corpus), output_dir=str(out / "timed"), data_docs=False, workers=2)
    seen["flow process"] = time.process_time() - cpu
    print(json.dumps(seen))


def measure(tree: Path, corpus: Path, child: str = "--child", warm_corpus: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
               "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
               "GX_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
               "PYTHONPATH": str(tree)}  # a fork server imports from its own sys.path
        done = subprocess.run([sys.executable, __file__, child, str(tree), str(corpus), out,
                               *([str(warm_corpus or corpus)] if child != "--reader-child" else [])],
                              capture_output=True, text=True, env=env, cwd=out)
        if done.returncode:
            raise RuntimeError(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(*map(Path, sys.argv[2:6]))
    if len(sys.argv) > 1 and sys.argv[1] == "--per-process-child":
        return _per_process_child(*map(Path, sys.argv[2:6]))
    if len(sys.argv) > 1 and sys.argv[1] == "--reader-child":
        return _reader_child(Path(sys.argv[2]), Path(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the code to compare with")
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of JSONL (benchmarks/corpus_gen.py)")
    parser.add_argument("--warm-corpus", type=Path, default=None, help="a small corpus for the warm-up runs")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reader-only", action="store_true", help="only the reader's side of the hand-off")
    parser.add_argument("--skip-reader", action="store_true", help="not the reader's side of the hand-off")
    parser.add_argument("--per-process", action="store_true",
                        help="only a `--workers 2` run's CPU per process (flow, fork server, each worker), per tree")
    args = parser.parse_args()
    if args.per_process:
        return print(per_process_table(args))
    trees = {"before": args.baseline, "after": ROOT}
    if not args.skip_reader:
        reader = {name: min(measure(tree, args.corpus, "--reader-child")["reader"] for _ in range(2))
                  for name, tree in trees.items()}
        print(f"The flow process's side of the hand-off alone (read the corpus into batches, pickle each; "
              f"CPU s, best of 6): before {reader['before']:.2f}, after {reader['after']:.2f} "
              f"({reader['before'] / reader['after']:.1f}× less).\n")
    if args.reader_only:
        return
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for name, tree in trees.items():
            found = measure(tree, args.corpus, warm_corpus=args.warm_corpus)
            runs[name].append(found)
            print(f"  {name}: " + "; ".join(
                f"workers={w}: wall {m['wall']:.2f} s, flow {m['flow']:.2f} s, workers {m['workers']:.2f} s, "
                f"tail {m['tail_wall']:.2f} s ({m['tail_cpu']:.2f} s CPU)" for w, m in found.items())
                + f"; load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(f"Best of {args.repeat} per column, interleaved; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).\n")
    print(split_table(runs))


def per_process_table(args: argparse.Namespace) -> str:
    """`--per-process`: each tree's `--workers 2` CPU per process, best of --repeat, interleaved."""
    trees = {"before": args.baseline, "after": ROOT}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for name, tree in trees.items():
            runs[name].append(measure(tree, args.corpus, "--per-process-child", args.warm_corpus))
            print(f"  {name}: {runs[name][-1]}", file=sys.stderr)
    rows = [f"`--workers 2`, CPU s per process; best of {args.repeat} (by total), interleaved; load average "
            f"{load:.1f} before, {os.getloadavg()[0]:.1f} after.\n",
            "| code | flow process | fork server | workers (each) | workers + fork server | total |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, found in runs.items():
        best = min(found, key=lambda run: sum(run.values()))
        workers = sorted((seconds for role, seconds in best.items() if role.startswith("worker")), reverse=True)
        pool = sum(workers) + best.get("fork server", 0.0)
        rows.append(f"| {name} | {best['flow process']:.2f} | {best.get('fork server', 0.0):.2f} | "
                    f"{' + '.join(f'{w:.2f}' for w in workers)} | {pool:.2f} | {pool + best['flow process']:.2f} |")
    return "\n".join(rows)


def split_table(runs: dict[str, list[dict]]) -> str:
    """The table of the best (least) value of each column over each tree's runs."""
    rows = ["| code | workers=1: wall s | CPU s | workers=2: wall s | flow process CPU s | workers CPU s "
            "| tail wall s | tail CPU s | speed-up, wall | speed-up from CPU |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, found in runs.items():
        def best(workers: str, key: str) -> float:
            return min(run[workers][key] for run in found)

        one_cpu = best("1", "flow") + best("1", "workers")
        flow, workers, tail = best("2", "flow"), best("2", "workers"), best("2", "tail_cpu")
        from_cpu = one_cpu / ((flow - tail + workers) / 2 + tail)
        rows.append(f"| {name} | {best('1', 'wall'):.2f} | {one_cpu:.2f} | {best('2', 'wall'):.2f} | {flow:.2f} | "
                    f"{workers:.2f} | {best('2', 'tail_wall'):.2f} | {tail:.2f} | "
                    f"{best('1', 'wall') / best('2', 'wall'):.2f}× | {from_cpu:.2f}× |")
    return "\n".join(rows)

if __name__ == "__main__":
    main()

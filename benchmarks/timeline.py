#!/usr/bin/env python3
"""A wall-clock timeline of one clean-corpus flow run: per process, when it is busy and on
what, and where one process waits for another.

    python benchmarks/timeline.py --mb 20 --workers 2            # generates the corpus
    python benchmarks/timeline.py --corpus W/c100 --workers 2 --columns 120

Nothing is added to the product code: the phase marks come from wrapping, in this
process, the functions the flow and its tasks call by module attribute (plan, open
version, clean shard, validate, split, sort, write, dedup, stop workers, commit, report),
and the cleaning of each batch is timed by a wrapper the pool's workers import by name
(this module, found on the fork server's ``sys.path``). A sampling thread reads every
process of the tree from ``/proc`` every `--interval` seconds: its CPU ticks and its
state (running, or sleeping: waiting for something).

Printed: the phases (when, where, CPU), a chart (a row per process, a column per time
slice; the digit is the share of one core it used), and the numbers that do not depend
on the machine's load:

- *serial CPU*: CPU a cleaning process (flow or worker) used while the other slept,
  i.e. waited (not merely waited for a CPU: a loaded machine shows as a process that is
  runnable and gets little, not as one that sleeps);
- *critical path*: the wall time the run would take on two free cores, from the samples:
  the serial CPU (alone on a core), the rest of every process's CPU two at a time (the
  server's included), and the slices where every process slept at their wall time (a
  real wait: the server, a lock, the disk). With one worker, the flow process's CPU is
  all serial. A model, not a measurement: it assumes whatever ran side by side could
  share two cores evenly; it does not move with the machine's load as wall time does.

The first run of the process (server start, imports) is a warm-up on a small corpus.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

TICK = os.sysconf("SC_CLK_TCK")
_MARKS_DIR_ENV = "CORPUS_CLEAN_TIMELINE_DIR"


# ---- marks: (process id, what, start, end, CPU s), start/end on the system-wide monotonic clock


def _record(what: str, start: float, cpu: float) -> None:
    folder = os.environ.get(_MARKS_DIR_ENV)
    if not folder:
        return
    line = json.dumps([os.getpid(), what, start, time.monotonic(), time.thread_time() - cpu])
    with open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a") as handle:
        handle.write(line + "\n")


def traced_clean_batch(batch, steps, run_id, extras=None):
    """``shards.clean_batch`` timed; the pool pickles this function by name, so workers run it too."""
    from corpus_clean.shards import clean_batch

    start, cpu = time.monotonic(), time.thread_time()
    try:
        return clean_batch(batch, steps, run_id, extras)
    finally:
        _record("clean batch", start, cpu)


def _traced(what: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start, cpu = time.monotonic(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            _record(what, start, cpu)
    return wrapper


def install_marks() -> None:
    """Wrap the flow's steps where the flow and the tasks look them up (module attributes)."""
    import corpus_clean.parallel as parallel
    import corpus_clean.dedup_stage as dedup_stage
    import flows.clean_corpus as flow
    import tasks.dedup_tasks as dedup_tasks
    import tasks.shard_tasks as shard_tasks

    for module, names in ((flow, ["plan_run", "open_version", "stop_workers", "merge_split_files", "_run_duplicates",
                                  "count_duplicates", "commit_version", "publish_report_task"]),
                          (shard_tasks, ["clean_shard_on_workers", "row_checks_in_slices", "validate_table",
                                         "split_by_validation", "summarize_shard", "sort_for_readers", "write_part",
                                         "stage_signatures", "return_freed_memory"]),
                          (dedup_tasks, ["assign_run", "move_duplicates"]),  # a big run's dedup stage
                          (parallel, ["warm_up"])):
        for name in names:
            if hasattr(module, name):
                setattr(module, name, _traced(name.strip("_"), getattr(module, name)))
    dedup_stage.ShardByShardDedup.split = _traced("dedup split", dedup_stage.ShardByShardDedup.split)
    # The batches: every cleaning, here or in a worker, goes through the wrapper.
    function = parallel._clean_batches_here_and_in
    names = function.__code__.co_varnames[:function.__code__.co_argcount]
    defaults = list(function.__defaults__)
    defaults[names.index("clean") - len(names)] = traced_clean_batch
    function.__defaults__ = tuple(defaults)
    original_clean_shard = parallel.clean_shard

    def clean_shard_traced(shard, run_id, steps, clean_batches=None, on_batch=None, extras=None):
        if clean_batches is None:  # --workers 1: the batches one after another, here
            from corpus_clean.shards import clean_batches_here
            clean_batches = _traced_batches(clean_batches_here)
        return original_clean_shard(shard, run_id, steps, clean_batches=clean_batches, on_batch=on_batch,
                                    extras=extras)
    parallel.clean_shard = clean_shard_traced


def _traced_batches(clean_batches):
    """Marks each batch of an in-process generator from its request to its yield."""
    def traced(batches, *args, **kwargs):
        iterator = clean_batches(batches, *args, **kwargs)
        while True:
            start, cpu = time.monotonic(), time.thread_time()
            try:
                item = next(iterator)
            except StopIteration:
                return
            _record("clean batch", start, cpu)
            yield item
    return traced


# ---- sampling /proc


def _stat(pid: int) -> tuple[str, float] | None:
    """(state letter, CPU seconds) of a process, from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], (int(fields[11]) + int(fields[12])) / TICK


def _threads_running(pid: int, skip: int) -> bool:
    """Whether any thread of the process but `skip` (the sampler, running as it reads) is
    running or runnable."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for tid in tids:
        if int(tid) == skip:
            continue
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] == "R":
                    return True
        except OSError:
            continue
    return False


class Sampler(threading.Thread):
    """Every `interval` s: for each process of this process tree, its CPU and whether it ran."""

    def __init__(self, interval: float):
        super().__init__(daemon=True, name="timeline-sampler")
        self.interval, self.samples, self.roles = interval, [], {}
        self.stopped = threading.Event()
        self.own_cpu = 0.0

    def role(self, pid: int) -> str:
        if pid not in self.roles:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    line = handle.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                line = ""
            if pid == os.getpid():
                name = "flow"
            elif "forkserver" in line or "multiprocessing" in line:
                name = "pool"  # fork server or a worker: told apart by CPU at the end
            elif "resource_tracker" in line:
                name = "resource tracker"
            else:
                name = "server" if ("uvicorn" in line or "prefect" in line) else "other"
            self.roles[pid] = name
        return self.roles[pid]

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        sampler = threading.get_native_id()
        while not self.stopped.is_set():
            now = time.monotonic()
            pids = [os.getpid()]
            try:
                pids += [child.pid for child in me.children(recursive=True)]
            except psutil.Error:
                pass
            sample = {}
            for pid in pids:
                found = _stat(pid)
                if found is not None:
                    state, cpu = found
                    running = _threads_running(pid, sampler) if pid == os.getpid() else state == "R"
                    sample[pid] = (cpu, running)
                    self.role(pid)
            # (this thread's own reading counts in the flow process's CPU: subtracted below)
            self.samples.append((now, sample, time.thread_time()))
            self.stopped.wait(self.interval)


# ---- the analysis


def analyse(sampler: Sampler, marks: list, started: float, ended: float, columns: int) -> tuple[str, dict]:
    samples = [s for s in sampler.samples if started - sampler.interval <= s[0] <= ended + sampler.interval]
    pids = sorted({pid for _, sample, _ in samples for pid in sample})
    # the cleaning processes: this one and the pool's workers (those that cleaned a batch; not the fork server)
    cleaning = [os.getpid()] + sorted({m[0] for m in marks if m[1] == "clean batch" and m[0] != os.getpid()})
    used: dict[int, list[float]] = {pid: [] for pid in pids}
    slept: dict[int, list[bool]] = {pid: [] for pid in pids}
    times = []
    for (t0, before, own0), (t1, after, own1) in zip(samples, samples[1:]):
        times.append((t0, t1))
        for pid in pids:
            if pid in after:
                cpu = after[pid][0] - (before[pid][0] if pid in before else after[pid][0])
                if pid == os.getpid():
                    cpu = max(cpu - (own1 - own0), 0.0)
                used[pid].append(cpu)
                slept[pid].append(not after[pid][1] and cpu < 0.5 * (t1 - t0))
            else:
                used[pid].append(0.0)
                slept[pid].append(True)
    totals = {pid: sum(values) for pid, values in used.items()}
    names = {}
    for pid in pids:
        role = sampler.roles.get(pid, "other")
        if role == "pool":
            role = f"worker {pid}" if any(m[0] == pid for m in marks) else f"fork server {pid}"
        names[pid] = role
    # serial CPU: a cleaning process's CPU in slices where every other cleaning process slept
    serial = {pid: 0.0 for pid in cleaning}
    both = 0.0
    waited = 0.0
    for i, (t0, t1) in enumerate(times):
        if not started <= t0 < ended:
            continue
        busy = [pid for pid in pids if used[pid][i] > 0 or not slept[pid][i]]
        if not busy:
            waited += t1 - t0
            continue
        active = [pid for pid in cleaning if used[pid][i] > 0]
        if len(active) == 1 and all(slept[pid][i] for pid in cleaning if pid != active[0]):
            serial[active[0]] += used[active[0]][i]
        elif len(active) > 1:
            both += sum(used[pid][i] for pid in active)
    # On two free cores: the serial CPU runs alone, the rest two at a time, the waits as they were.
    critical = sum(serial.values()) + (sum(totals.values()) - sum(serial.values())) / 2 + waited
    last_batch = max((m[3] for m in marks if m[1] == "clean batch"), default=ended)
    tail_cpu = sum(u for (t0, _), u in zip(times, used[os.getpid()]) if last_batch <= t0 < ended)
    summary = {"wall": ended - started, "flow": totals[os.getpid()],
               "workers": sum(totals[pid] for pid in pids if sampler.roles.get(pid) == "pool"),
               "server": sum(totals[pid] for pid in pids if sampler.roles.get(pid) == "server"),
               "serial": sum(serial.values()), "critical": critical, "tail_wall": ended - last_batch,
               "tail_cpu": tail_cpu}
    lines = [f"Run: wall {ended - started:.2f} s; samples every {sampler.interval * 1000:.0f} ms; load average "
             f"{os.getloadavg()[0]:.1f} at the end (on {os.cpu_count()} CPUs).", ""]
    lines += ["| process | CPU s | CPU s while every other cleaning process slept (serial) |", "|---|---:|---:|"]
    for pid in pids:
        if totals[pid] >= 0.005 or pid in cleaning:
            lines.append(f"| {names[pid]} | {totals[pid]:.2f} | {serial.get(pid, 0.0):.2f} |" if pid in cleaning
                         else f"| {names[pid]} | {totals[pid]:.2f} | |")
    lines += ["", f"CPU of the cleaning processes running side by side: {both:.2f} s; serial: "
              f"{sum(serial.values()):.2f} s; every process asleep: {waited:.2f} s of wall.",
              f"**Critical path (the run on two free cores: serial CPU + the rest of all CPU ÷ 2 + waits): "
              f"{critical:.2f} s**; all CPU ÷ 2: {sum(totals.values()) / 2:.2f} s.",
              f"Tail (from the last cleaned batch to the run's end): {summary['tail_wall']:.2f} s of wall, "
              f"{tail_cpu:.2f} s of the flow process's CPU.",
              _start_line(marks, names, started), ""]
    lines += _gaps(times, used, slept, cleaning, names, marks, started, ended)
    lines += [""] + _phase_table(marks, names, started)
    lines += [""] + _chart(times, used, slept, pids, names, marks, started, ended, columns)
    return "\n".join(lines), summary


def _start_line(marks: list, names: dict, started: float) -> str:
    """The serial part before the parallel cleaning: when each cleaning process began its
    first batch (from the run's start), and how long the first one cleaned alone.

    >>> marks = [(1, "plan_run", 10.2, 10.5, 0.1), (1, "clean batch", 10.6, 10.7, 0.1),
    ...          (2, "clean batch", 11.4, 11.5, 0.1), (1, "clean batch", 10.7, 10.8, 0.1)]
    >>> print(_start_line(marks, {1: "flow", 2: "worker 2"}, 10.0))
    Start (the run's start to each cleaning process's first batch): flow 0.60 s, worker 2 1.40 s; one cleaned alone for 0.80 s.
    """
    first: dict = {}
    for pid, what, start, _end, _cpu in marks:
        if what == "clean batch":
            first[pid] = min(first.get(pid, start), start)
    if not first:
        return "Start: no batch cleaned."
    ordered = sorted(first.items(), key=lambda item: item[1])
    shown = ", ".join(f"{names.get(pid, pid)} {at - started:.2f} s" for pid, at in ordered)
    alone = ordered[-1][1] - ordered[0][1] if len(ordered) > 1 else 0.0
    return (f"Start (the run's start to each cleaning process's first batch): {shown}; "
            f"one cleaned alone for {alone:.2f} s.")


def _gaps(times, used, slept, cleaning, names, marks, started, ended) -> list[str]:
    """The stretches where one cleaning process slept while another one worked, the longest
    (by the worker's CPU) first, with the flow process's phases then."""
    stretches: list[list] = []  # [sleeper, busy, start, end, busy CPU]
    for i, (t0, t1) in enumerate(times):
        if not started <= t0 < ended:
            continue
        for sleeper in cleaning:
            busy = [pid for pid in cleaning if pid != sleeper and used[pid][i] > 0]
            if slept[sleeper][i] and busy:
                last = stretches[-1] if stretches else None
                if last and last[0] == sleeper and t0 - last[3] < 0.1:
                    last[3], last[4] = t1, last[4] + sum(used[pid][i] for pid in busy)
                else:
                    stretches.append([sleeper, busy, t0, t1, sum(used[pid][i] for pid in busy)])
    rows = ["", "Stretches where a cleaning process slept while the other worked (the 12 largest by the "
            "busy one's CPU; phases: what the flow process was in):", "",
            "| asleep | from s | to s | busy CPU s | flow phases then |", "|---|---:|---:|---:|---|"]
    for sleeper, busy, start, end, cpu in sorted(stretches, key=lambda s: -s[4])[:12]:
        phases = sorted({what for pid, what, s0, s1, _ in marks
                         if pid == os.getpid() and s0 < end and s1 > start and what != "warm_up"},
                        key=lambda what: min(m[2] for m in marks if m[1] == what and m[2] < end and m[3] > start))
        rows.append(f"| {names[sleeper]} | {start - started:.2f} | {end - started:.2f} | {cpu:.2f} | "
                    f"{', '.join(phases) or 'Prefect, between tasks'} |")
    return rows


def _phase_table(marks: list, names: dict, started: float) -> list[str]:
    """The marks merged per (process, what) into runs of consecutive calls; batches summed."""
    rows = ["| process | phase | from s | to s | wall s | CPU s | calls |", "|---|---|---:|---:|---:|---:|---:|"]
    grouped: dict[tuple, list] = {}
    for pid, what, start, end, cpu in sorted(marks, key=lambda m: m[2]):
        key = (pid, what)
        if what == "clean batch":  # one row per process: first to last batch
            grouped.setdefault(key, []).append((start, end, cpu))
        else:
            grouped[(pid, what, start)] = [(start, end, cpu)]
    for key, spans in sorted(grouped.items(), key=lambda item: item[1][0][0]):
        first, last = spans[0][0], max(end for _, end, _ in spans)
        rows.append(f"| {names.get(key[0], key[0])} | {key[1]} | {first - started:.2f} | {last - started:.2f} | "
                    f"{sum(end - start for start, end, _ in spans):.2f} | {sum(c for _, _, c in spans):.2f} | "
                    f"{len(spans)} |")
    return rows


_LETTERS = {"plan_run": "P", "open_version": "O", "clean_shard_on_workers": "C", "validate_table": "V",
            "row_checks_in_slices": "r", "split_by_validation": "s", "sort_for_readers": "o", "write_part": "W",
            "dedup split": "d", "stage_signatures": "g", "run_duplicates": "D", "stop_workers": "x",
            "commit_version": "M", "publish_report_task": "R", "warm_up": "u", "clean batch": "b"}


def _chart(times, used, slept, pids, names, marks, started, ended, columns) -> list[str]:
    """A row per process: digit = tenths of a core used in the slice ('-' asleep, '.' runnable,
    no CPU); then a row of the flow process's phase letters, and of each worker's batches."""
    width = (ended - started) / columns
    rows = [f"Chart: {columns} slices of {width:.2f} s from the run's start; digits: tenths of one core used "
            f"('+' a whole core), '-' asleep, '.' waiting for a CPU.", "", "```"]
    for pid in pids:
        if sum(used[pid]) < 0.01:
            continue
        cells = []
        for c in range(columns):
            lo, hi = started + c * width, started + (c + 1) * width
            cpu = sum(u for (t0, t1), u in zip(times, used[pid]) if lo <= t0 < hi)
            asleep = all(s for (t0, _), s in zip(times, slept[pid]) if lo <= t0 < hi)
            share = cpu / width
            cells.append("-" if asleep and cpu < 0.05 * width else "+" if share >= 0.95 else
                         "." if share < 0.05 else str(int(share * 10)))
        rows.append(f"{names[pid][:18]:>18} |{''.join(cells)}|")
    for pid, batches in sorted({(m[0], m[1] == "clean batch") for m in marks}):
        cells = [" "] * columns
        for mark_pid, what, start, end, _ in sorted(marks, key=lambda m: m[3] - m[2], reverse=True):
            if mark_pid != pid or (what == "clean batch") != batches:
                continue
            for c in range(max(int((start - started) / width), 0), min(int((end - started) / width) + 1, columns)):
                cells[c] = _LETTERS.get(what, "?")
        label = ("batches " if batches else "phases ") + names.get(pid, str(pid))
        rows.append(f"{label[:18]:>18} |{''.join(cells)}|")
    rows += ["```", "Phase letters: " + ", ".join(f"{letter} {name}" for name, letter in _LETTERS.items()) + "."]
    return rows


def traced_runs(corpus: Path, worker_counts: list[int], shard_mb: float, dedup: bool, interval: float,
                columns: int) -> dict[int, tuple[str, dict]]:
    """In this process: a warm-up run per worker count on a small corpus (server up, GX
    imported), then one traced run of `corpus` per worker count: {workers: (timeline, summary)}."""
    from corpus_gen import write_corpus

    import flows.clean_corpus as flow_module

    work = Path(tempfile.mkdtemp(prefix="timeline-"))
    write_corpus(work / "warm-in", 0.3)
    marks_dir = work / "marks"
    marks_dir.mkdir()
    os.environ[_MARKS_DIR_ENV] = str(marks_dir)  # the fork server and its workers inherit it
    install_marks()

    def run(input_path: Path, out: str, workers: int) -> None:
        flow_module.clean_corpus(input_path=str(input_path), output_dir=str(work / out), data_docs=False,
                                 workers=workers, shard_mb=shard_mb, dedup=dedup)

    for workers in worker_counts:
        run(work / "warm-in", f"warm-{workers}", workers)
    found = {}
    for workers in worker_counts:
        for path in marks_dir.iterdir():
            path.unlink()
        sampler = Sampler(interval)
        sampler.start()
        time.sleep(3 * interval)
        started = time.monotonic()
        run(corpus, f"out-{workers}", workers)
        ended = time.monotonic()
        time.sleep(3 * interval)
        sampler.stopped.set()
        sampler.join()
        marks = [json.loads(line) for path in marks_dir.iterdir() for line in path.read_text().splitlines()]
        found[workers] = analyse(sampler, marks, started, ended, columns)
        shutil.rmtree(work / f"out-{workers}", ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return found


def compare(trees: dict[str, Path], corpus: Path, repeat: int, args: argparse.Namespace) -> str:
    """Each tree's `--workers 1` and `--workers 2` runs, traced in a child process with
    ``PYTHONPATH=<tree>``, trees alternating; the best of `repeat` (by the two-worker
    run's critical path) per tree. Saves each kept timeline beside --save."""
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    load = os.getloadavg()[0]
    for _ in range(repeat):
        for name, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree), "PREFECT_LOGGING_LEVEL": "WARNING"}
            done = subprocess.run([sys.executable, __file__, "--child", "--corpus", str(corpus), "--shard-mb",
                                   str(args.shard_mb), "--columns", str(args.columns)], capture_output=True,
                                  text=True, env=env)
            if done.returncode:
                raise RuntimeError(done.stderr[-3000:])
            runs[name].append(json.loads(done.stdout))
            one, two = runs[name][-1]["1"]["summary"], runs[name][-1]["2"]["summary"]
            print(f"  {name}: critical path 1 worker {one['critical']:.2f} s, 2 workers {two['critical']:.2f} s; "
                  f"wall {one['wall']:.2f} / {two['wall']:.2f} s; load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = [f"{corpus}; best of {repeat} per code (by the two-worker critical path), children alternating; load "
            f"average {load:.1f} before, {os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs).", "",
            "| code | workers=1: CPU s (flow) | critical path s | workers=2: CPU s flow + worker | serial CPU s "
            "| tail wall s | tail CPU s | critical path s | speed-up on two free cores | wall 1 ÷ wall 2 (loaded) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, found in runs.items():
        best = min(found, key=lambda run: run["2"]["summary"]["critical"])
        one, two = best["1"]["summary"], best["2"]["summary"]
        rows.append(f"| {name} | {one['flow']:.2f} | {one['critical']:.2f} | {two['flow']:.2f} + "
                    f"{two['workers']:.2f} | {two['serial']:.2f} | {two['tail_wall']:.2f} | {two['tail_cpu']:.2f} | "
                    f"{two['critical']:.2f} | {one['critical'] / two['critical']:.2f}× | "
                    f"{one['wall'] / two['wall']:.2f}× |")
        if args.save:
            Path(f"{args.save}-{name}.md").write_text(best["2"]["timeline"] + "\n")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of JSONL (default: generate --mb)")
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-mb", type=float, default=16)
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("--columns", type=int, default=100)
    parser.add_argument("--no-dedup", action="store_true")
    parser.add_argument("--compare", type=Path, metavar="TREE",
                        help="a checkout of the code to compare with: traced runs with 1 and 2 workers of each tree")
    parser.add_argument("--repeat", type=int, default=1, help="with --compare: runs per tree")
    parser.add_argument("--save", help="with --compare: write each tree's kept two-worker timeline to SAVE-<code>.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from corpus_gen import write_corpus

    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.mkdtemp(prefix="timeline-corpus-")) / "in"
        write_corpus(corpus, args.mb)
    if args.compare:
        return print(compare({"before": args.compare, "after": Path(__file__).resolve().parents[1]}, corpus,
                             args.repeat, args))
    if args.child:
        found = traced_runs(corpus, [1, 2], args.shard_mb, not args.no_dedup, args.interval, args.columns)
        return print(json.dumps({workers: {"timeline": text, "summary": summary}
                                 for workers, (text, summary) in found.items()}))
    [(text, _)] = traced_runs(corpus, [args.workers], args.shard_mb, not args.no_dedup, args.interval,
                              args.columns).values()
    print(text)


if __name__ == "__main__":
    import timeline  # this file by its module name: the pool's workers unpickle its batch wrapper by that name

    timeline.main()

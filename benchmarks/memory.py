#!/usr/bin/env python3
"""Peak memory of `corpus-clean run`'s whole process tree, by process, as the input grows.

    python benchmarks/memory.py --sizes 100,400 --workers 1,2 [--no-dedup] [--work DIR]
    python benchmarks/memory.py --fixed --workers 1,2        # the tree before any data
    python benchmarks/memory.py --sizes 100 --external-server # Prefect server outside the tree
    python benchmarks/memory.py --sizes 400 --one-file        # the corpus as one JSONL file
    python benchmarks/memory.py --fixed --trees /tmp/base,. --repeat 3   # two code trees, alternating
    python benchmarks/memory.py --sizes 100 --envs ';MALLOC_MMAP_THRESHOLD_=131072' --repeat 2  # two environments

Each run is `corpus-clean run --no-data-docs` as a child process on a corpus from
benchmarks/corpus_gen.py (our own templates, deterministic; generated once under --work).
Every 0.2 s the tree's processes are read from /proc/PID/smaps_rollup:

- RSS: resident pages, shared ones (libraries, pages a forked child still shares with its
  parent) counted once per process that maps them; the sum is an upper bound and the
  figure the goal is stated in (< 1 GB);
- PSS: each shared page split between the processes sharing it; the sum is the tree's
  real footprint;
- USS: pages only this process has (what killing it would free).

The table gives the peak of the RSS sum, the peak of the PSS sum, and at the moment of the
RSS peak each role's RSS / USS (flow = the `corpus-clean` process, server = the embedded
Prefect server when it is a process of its own, workers = the cleaning processes and the
fork server they are forked from), the run's wall time and the CPU time of the whole tree
(the child's rusage, which includes the processes it waited for).

With --trees, each run puts one code tree first on the CLI's PYTHONPATH (e.g. a
`git archive` of the commit to compare with), the trees alternating run by run; with
--envs, each run adds one set of environment variables (allocator settings), alternating
the same way.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import write_corpus  # noqa: E402
from throughput import _children_of, _role, corpus_stats  # noqa: E402

ROLES = ("flow", "server", "workers", "other")


def smaps_rollup(pid: int) -> dict[str, int] | None:
    """{"rss", "pss", "uss"} in bytes for one process (None once it is gone)."""
    fields = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[key] = int(rest.split()[0]) * 1024
    except OSError:
        return None
    if "Rss" not in fields:
        return None
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "uss": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)}


def tree_pids(root: int) -> list[int]:
    tree, pids, todo = _children_of(), [], [root]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(tree.get(current, ()))
    return pids


class TreeSampler:
    """Samples a process tree in a thread. After the run: .peak_rss and .peak_pss (sums,
    bytes), .at_peak {role: {"rss", "uss", "n"}} at the RSS peak, .timeline [(s, flow RSS,
    tree RSS, tree PSS)]."""

    def __init__(self, root: int, interval: float = 0.2, stream: Path | None = None) -> None:
        self.root, self.interval = root, interval
        self.stream = stream  # each sample also appended here as it is taken (a long run read while it runs)
        if stream is not None:
            stream.unlink(missing_ok=True)
        self.peak_rss = self.peak_pss = 0
        self.at_peak: dict[str, dict[str, int]] = {}
        self.timeline: list[tuple[float, int, int]] = []
        self.started_at = time.time()  # the timeline's 0 s, to match it with the run's log
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        start = time.perf_counter()
        while not self._stop.is_set():
            sizes = {pid: smaps_rollup(pid) for pid in tree_pids(self.root)}
            sizes = {pid: s for pid, s in sizes.items() if s}
            rss = sum(s["rss"] for s in sizes.values())
            pss = sum(s["pss"] for s in sizes.values())
            self.timeline.append((time.perf_counter() - start, sizes.get(self.root, {}).get("rss", 0), rss, pss))
            if self.stream is not None:
                with open(self.stream, "a") as handle:
                    handle.write(json.dumps(self.timeline[-1]) + "\n")
            self.peak_pss = max(self.peak_pss, pss)
            if rss > self.peak_rss:
                self.peak_rss, self.at_peak = rss, {}
                for pid, s in sizes.items():
                    role = self.at_peak.setdefault(_role(pid, self.root), {"rss": 0, "uss": 0, "n": 0})
                    role["rss"] += s["rss"]
                    role["uss"] += s["uss"]
                    role["n"] += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(corpus: Path, out: Path, workers: int, extra: list[str],
                 env: dict[str, str] | None = None, log: Path | None = None) -> tuple[TreeSampler, float, float]:
    """One `corpus-clean run`, sampled: (sampler, wall s, CPU s of the tree)."""
    cli = str(Path(sys.executable).with_name("corpus-clean"))
    shutil.rmtree(out, ignore_errors=True)
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen([cli, "run", "--input", str(corpus), "--output", str(out), "--workers", str(workers),
                                "--no-data-docs", *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    with TreeSampler(process.pid, stream=log.with_suffix(".samples") if log else None) as sampler:
        _, stderr = process.communicate()
    wall = time.perf_counter() - start
    if log is not None:  # the run's log (Prefect's lines carry the time of day): what ran at each sample
        log.write_bytes(stderr)
    if process.returncode:
        raise RuntimeError(f"corpus-clean run failed:\n{stderr.decode()[-3000:]}")
    return sampler, wall, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f}"


def row(size_mb: float, n_docs: int, workers: int, dedup: bool, code: str, sampler: TreeSampler,
        wall: float, cpu: float) -> str:
    roles = " / ".join(
        f"{_mb(sampler.at_peak[r]['rss'])} ({_mb(sampler.at_peak[r]['uss'])})" if r in sampler.at_peak else "–"
        for r in ("flow", "server", "workers"))
    return (f"| {size_mb:,.0f} | {workers} | {'on' if dedup else 'off'} | {n_docs:,} | {code} | {wall:.0f} | "
            f"{cpu:.1f} | **{_mb(sampler.peak_rss)}** | {_mb(sampler.peak_pss)} | {roles} |")


HEADER = ["| input MB | workers | dedup | documents | code | wall s | CPU s | peak RSS sum, MB | peak PSS sum, MB | "
          "at the RSS peak, RSS (USS) MB: flow / server / workers |",
          "|---:|---:|---|---:|---|---:|---:|---:|---:|---|"]


# A Prefect task run's end in the run's log: "18:02:03.456 | INFO    | Task run 'write-shard-0ab' - Finished in state Completed()"
TASK_FINISHED = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) \| \w+ *\| Task run '([^']+)' - Finished in state")


def task_ends(log: str, started_at: float) -> list[tuple[float, str]]:
    """(seconds since the sampler started, task name without its run suffix) for every task
    run that finished, from the run's log (its lines carry the local time of day)."""
    midnight = time.mktime(time.localtime(started_at)[:3] + (0, 0, 0, 0, 0, -1))
    ends = []
    for line in re.split(r"[\r\n]", log):
        if match := TASK_FINISHED.search(line):
            hours, minutes, seconds, millis, name = match.groups()
            at = midnight + int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
            ends.append((at - started_at, re.sub(r"-(part-.*|[0-9a-f]{3})$", "", name)))
    return ends


def phase_table(samples: list, ends: list[tuple[float, str]], n_docs: int) -> list[str]:
    """Where the tree's memory went in one run: its RSS (PSS) sums at the end of the 1st,
    10th, 25th, 50th, 75th and last written shard, the growth per document between the 10th
    percentile shard and the last (what grows with the input while cleaning), and the peak
    of each phase after it (from one task's end to the next's: dedup, commit, report)."""
    def peak(start: float, end: float) -> tuple[int, int]:
        inside = [(rss, pss) for at, _, rss, pss, *_ in samples if start <= at < end] or [(0, 0)]
        return max(r for r, _ in inside), max(p for _, p in inside)

    def at(when: float) -> tuple[int, int]:
        before = [(rss, pss) for t, _, rss, pss, *_ in samples if t <= when] or [(0, 0)]
        return before[-1]

    written = [t for t, name in ends if name == "write-shard"]
    if not written:
        return ["(no write-shard task ended in the log)"]
    lines = ["| moment | s | tree RSS, MB | tree PSS, MB |", "|---|---:|---:|---:|"]
    picks = sorted({0, len(written) // 10, len(written) // 4, len(written) // 2, 3 * len(written) // 4,
                    len(written) - 1})
    for k in picks:
        rss, pss = at(written[k])
        lines.append(f"| shard {k + 1} of {len(written)} written | {written[k]:.0f} | {_mb(rss)} | {_mb(pss)} |")
    rss_a, _ = at(written[len(written) // 10])
    rss_b, _ = at(written[-1])
    share = 1 - (len(written) // 10 + 1) / len(written)
    per_doc = (rss_b - rss_a) / max(1, share * n_docs)
    lines.append(f"| peak while cleaning | – | {_mb(peak(0, written[-1])[0])} | {_mb(peak(0, written[-1])[1])} |")
    after: list[tuple[float, str]] = []  # a run of tasks of one name (dedup-move per part) as one phase
    for t, name in ends:
        if t > written[-1]:
            after[-1:] = [(t, name)] if after and after[-1][1] == name else [*after[-1:], (t, name)]
    previous = written[-1]
    for t, name in after:
        rss, pss = peak(previous, t)
        lines.append(f"| peak until {name} ended | {t:.0f} | {_mb(rss)} | {_mb(pss)} |")
        previous = t
    rss, pss = peak(previous, float("inf"))
    lines.append(f"| peak after the last task | – | {_mb(rss)} | {_mb(pss)} |")
    lines.append(f"\nwhile cleaning, from shard {len(written) // 10 + 1} to the last: {per_doc:+.0f} B of tree RSS per document")
    return lines


def one_file_corpus(corpus: Path) -> Path:
    """The corpus's files concatenated, in order, into one JSONL file (made once, beside it)."""
    single = corpus.with_name(corpus.name + "-one-file")
    if not single.exists():
        single.mkdir()
        with open(single / "docs.jsonl", "wb") as out:
            for path in sorted(corpus.glob("*.jsonl")):
                with open(path, "rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
    return single


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100", help="comma-separated input sizes in MB")
    parser.add_argument("--workers", default="1,2", help="comma-separated --workers values")
    parser.add_argument("--no-dedup", action="store_true")
    parser.add_argument("--shard-mb", type=float, default=None, help="--shard-mb of the runs (default: the CLI's)")
    parser.add_argument("--fixed", action="store_true", help="the tree on a one-document input (fixed cost)")
    parser.add_argument("--work", default=None, help="where corpora are generated and kept (default: a temp dir)")
    parser.add_argument("--external-server", action="store_true",
                        help="run against a Prefect server started here (PREFECT_API_URL), outside the measured tree")
    parser.add_argument("--one-file", action="store_true",
                        help="the corpus concatenated into one JSONL file (cleaned in pieces of --shard-mb)")
    parser.add_argument("--trees", default=None,
                        help="comma-separated code trees to put first on the CLI's PYTHONPATH, alternating run by run")
    parser.add_argument("--envs", default=None,
                        help="';'-separated sets of space-separated NAME=VALUE to add to the run's environment "
                             "(an empty set: none), alternating run by run with the trees")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration (per tree)")
    parser.add_argument("--timeline", default=None, help="write each run's (s, flow RSS, tree RSS, tree PSS) samples "
                        "here as JSON, and its log beside it (PATH.<run>.log); print the tree's memory per phase")
    parser.add_argument("--out", default=None, help="the runs' output folder (default: WORK/mem-out; give one of "
                        "your own when another benchmark shares WORK)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="cc-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    dedup = not args.no_dedup
    out = Path(args.out) if args.out else work / "mem-out"
    extra = ([] if dedup else ["--no-dedup"]) + (["--shard-mb", f"{args.shard_mb:g}"] if args.shard_mb else [])
    timelines = {}
    env, server = {}, None
    if args.external_server:  # what a deployment with its own Prefect server sees
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from cli.main import PREFECT_DEFAULTS, start_embedded_server

        os.environ.update({k: v for k, v in PREFECT_DEFAULTS.items() if k not in os.environ})
        server = start_embedded_server()
        env = {"PREFECT_API_URL": server.api_url}
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 CPUs shared)", file=sys.stderr)
    print("\n".join(HEADER))
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")] if args.trees else [None]
    configs = [(0.0, w) for w in args.workers.split(",")] if args.fixed else [
        (float(s), w) for s in args.sizes.split(",") for w in args.workers.split(",")]
    envs = [dict(item.split("=", 1) for item in variant.split()) for variant in args.envs.split(";")] \
        if args.envs is not None else [{}]
    runs = [(size, workers, tree, variant) for size, workers in configs for _ in range(args.repeat)
            for tree in trees for variant in envs]
    for size, workers, tree, variant in runs:
        corpus = work / ("mem-corpus-one-doc" if args.fixed else f"mem-corpus-{size:g}")
        if args.fixed and not corpus.exists():
            corpus.mkdir(parents=True)
            (corpus / "one.jsonl").write_text(json.dumps({"id": "1", "text": "The pier reopens today. " * 40}) + "\n")
        elif not corpus.exists():
            write_corpus(corpus, size)
        if args.one_file:
            corpus = one_file_corpus(corpus)
        n_docs, real_size = corpus_stats(corpus)
        code = (Path(tree).name if tree else "this checkout") + "".join(f" {k}={v}" for k, v in variant.items())
        name = f"{size:g}MB-w{workers}" + (f"-{Path(tree).name}" if tree else "") + \
            "".join(f"-{k}={v}" for k, v in variant.items())
        log = Path(f"{args.timeline}.{name}.log") if args.timeline else None
        tree_env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [tree, os.environ.get("PYTHONPATH")]))} \
            if tree else dict(env)
        tree_env.update(variant)
        sampler, wall, cpu = run_measured(corpus, out, int(workers), extra, tree_env, log)
        print(row(real_size, n_docs, int(workers), dedup, code, sampler, wall, cpu), flush=True)
        timelines[name] = {"started_at": sampler.started_at, "samples": sampler.timeline}
        if log is not None:
            print(f"\n{name}: the tree over the run (`--timeline`)\n", file=sys.stderr)
            print("\n".join(phase_table(sampler.timeline, task_ends(log.read_text(errors="replace"),
                                                                   sampler.started_at), n_docs)),
                  file=sys.stderr, flush=True)
    shutil.rmtree(out, ignore_errors=True)
    if server is not None:
        server.stop()
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    if args.timeline:
        Path(args.timeline).write_text(json.dumps(timelines))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Throughput and memory on a generated noisy corpus, next to DataTrove and the pyarrow floor.

    python benchmarks/throughput.py --mb 20                      # speed table
    python benchmarks/throughput.py --memory 100,500,2000        # memory table (CLI runs)
    python benchmarks/throughput.py --mb 20 --profile core       # where the core's time goes
    python benchmarks/throughput.py --fixed-costs                # a small run's fixed costs

The corpus comes from benchmarks/corpus_gen.py (deterministic; our own templates). Rows:

(a) core: `clean_shard` on the corpus as one shard in this process (read JSONL, clean in
    batches of `BATCH_DOCS`, build the Arrow table), CPU time;
(b) the clean-corpus flow in this process (embedded Prefect server started before
    timing) with workers=1 and workers=2, wall time;
(c) DataTrove's stock pipeline (JsonlReader → FTFYFormatter → C4QualityFilter →
    GopherRepetitionFilter → GopherQualityFilter → ParquetWriter) on a --datatrove-mb
    slice, one task, one worker, CPU time (needs the `bench` extra);
(d) the floor: pyarrow.json.read_json → pq.write_table(zstd), no processing, CPU time;
(e) the HTML path: the corpus's first documents as HTML pages through the core.

Speed is measured best-of---repeat, interleaved, and read as ratios (the machine is
shared). "Per core" = input MB ÷ CPU seconds of this process (all its threads). The
memory table runs `corpus-clean run` as a child process per input size and samples the
resident memory of its whole process tree (flow, Prefect server, cleaning workers)
every 0.2 s from /proc (sum of RSS: an upper bound, shared library pages count once per
process; and the sum of PSS, which splits them).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
for _key, _value in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                     "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
                     "GX_ANALYTICS_ENABLED": "false"}.items():
    os.environ.setdefault(_key, _value)

from corpus_gen import html_page, write_corpus  # noqa: E402


# --------------------------------------------------------------------------- memory
def _stat_fields(pid: int | str) -> list[bytes] | None:
    """/proc/PID/stat's fields after the command name (state, ppid, ...), None if gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    return stat[stat.rindex(b")") + 2:].split()


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        fields = _stat_fields(entry) if entry.isdigit() else None
        if fields is not None:
            tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _role(pid: int, root: int) -> str:
    """What a process of the tree is: the flow, the Prefect server, a cleaning worker."""
    if pid == root:
        return "flow"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            cmdline = handle.read()
    except OSError:
        return "other"
    if b"uvicorn" in cmdline or b"prefect.server" in cmdline:
        return "server"
    if b"multiprocessing" in cmdline:
        return "workers"
    return "other"


# --------------------------------------------------------------------------- systems
def run_core(corpus: Path) -> int:
    """(a) The corpus as one shard through the core in this process; returns rows."""
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import clean_shard, plan_shards

    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
    return clean_shard(shard, run_id="bench").rows.num_rows


def run_floor(corpus: Path, out: Path) -> int:
    """(d) JSONL → Parquet with pyarrow alone."""
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    rows = 0
    for path in sorted(corpus.glob("*.jsonl")):
        table = pj.read_json(path)
        pq.write_table(table, out / (path.stem + ".parquet"), compression="zstd")
        rows += table.num_rows
    return rows


def run_datatrove(corpus: Path, out: Path) -> None:
    """(c) DataTrove's stock pipeline, one task, one worker (in this process)."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import ParquetWriter

    shutil.rmtree(out, ignore_errors=True)
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(corpus)), FTFYFormatter(), C4QualityFilter(), GopherRepetitionFilter(),
                  GopherQualityFilter(), ParquetWriter(str(out / "data"), compression="zstd")],
        tasks=1, workers=1, logging_dir=str(out / "logs"), skip_completed=False)
    executor.run()


def run_html(pages: list[dict]) -> int:
    """(e) HTML pages through the core's steps, in batches as a shard runs them."""
    from corpus_clean.document import Document
    from corpus_clean.pipeline import clean_documents
    from corpus_clean.shards import BATCH_DOCS

    docs = [Document(id=p["id"], source="bench", raw_text="", raw_sha256="", html=p["html"]) for p in pages]
    for start in range(0, len(docs), BATCH_DOCS):
        clean_documents(docs[start:start + BATCH_DOCS])
    return len(docs)


def workers_cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process's cleaning workers
    (its multiprocessing children; the Prefect server is not counted)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in _children_of().get(os.getpid(), []):
        fields = _stat_fields(pid) if _role(pid, os.getpid()) == "workers" else None
        if fields is not None:
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def cpu_seconds(fn, *args) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) for one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall


def slice_corpus(corpus: Path, out: Path, megabytes: float) -> Path:
    """The first `megabytes` of the corpus's first file, as a corpus of its own."""
    out.mkdir(parents=True, exist_ok=True)
    first = sorted(corpus.glob("*.jsonl"))[0]
    written = 0
    with open(first, "rb") as source, open(out / first.name, "wb") as target:
        for line in source:
            if written >= megabytes * 1e6:
                break
            target.write(line)
            written += len(line)
    return out


def corpus_stats(corpus: Path) -> tuple[int, float]:
    n, size = 0, 0
    for path in corpus.glob("*.jsonl"):
        size += path.stat().st_size
        with open(path, "rb") as handle:
            n += sum(1 for _ in handle)
    return n, size / 1e6


# --------------------------------------------------------------------------- tables
def speed_table(work: Path, megabytes: float, dt_megabytes: float, repeat: int, flow: bool,
                datatrove: bool, html_pages: int) -> list[str]:
    corpus = work / "corpus"
    if not corpus.exists():
        write_corpus(corpus, megabytes)
    n_docs, size = corpus_stats(corpus)
    dt_corpus = slice_corpus(corpus, work / "dt-corpus", dt_megabytes)
    dt_docs, dt_size = corpus_stats(dt_corpus)
    pages = [html_page(7, k) for k in range(html_pages)]
    html_mb = sum(len(p["html"].encode()) for p in pages) / 1e6

    load_before = os.getloadavg()[0]
    run_core(dt_corpus)  # warm-up: lazy imports, language model, caches
    run_html(pages[:64])
    from corpus_clean import native

    def core_twins_only() -> int:  # what a machine without a C compiler runs (CORPUS_CLEAN_NATIVE=0)
        with native.twins_only():
            return run_core(corpus)

    systems = {
        "core": (lambda: run_core(corpus), n_docs, size),
        **({"core, no compiled kernels": (core_twins_only, n_docs, size)} if native.built() else {}),
        "floor": (lambda: run_floor(corpus, work / "floor"), n_docs, size),
        "html": (lambda: run_html(pages), len(pages), html_mb),
        "core (DataTrove slice)": (lambda: run_core(dt_corpus), dt_docs, dt_size),
    }
    if datatrove:
        run_datatrove(dt_corpus, work / "dt-out")  # warm-up (spaCy, tokenizer)
        systems["datatrove"] = (lambda: run_datatrove(dt_corpus, work / "dt-out"), dt_docs, dt_size)
    flow_fn = None
    if flow:
        from flows.clean_corpus import clean_corpus

        def flow_fn(workers: int, dedup: bool = True):
            out = work / f"flow-out-{workers}-{dedup}"
            shutil.rmtree(out, ignore_errors=True)  # a fresh output: every file is cleaned again
            manifest = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False,
                                    workers=workers, dedup=dedup)
            assert manifest["totals"]["read"] == n_docs, manifest["totals"]

        shutil.rmtree(work / "warm", ignore_errors=True)  # a --work folder may hold an older version's output
        for workers in (1, 2):  # server up, GX imported (the flow stops its worker pool at each run's end: every timed workers=2 run starts its own)
            clean_corpus(input_path=str(dt_corpus), output_dir=str(work / "warm"), data_docs=False, workers=workers)
        systems["flow, workers=1"] = (lambda: flow_fn(1), n_docs, size)
        systems["flow, workers=1, no dedup"] = (lambda: flow_fn(1, dedup=False), n_docs, size)
        systems["flow, workers=2"] = (lambda: flow_fn(2), n_docs, size)

    best = {name: (float("inf"), float("inf")) for name in systems}
    workers_cpu = {}  # flow runs: CPU seconds of the cleaning workers (child processes)
    for _ in range(repeat):
        for name, (fn, _n, _mb) in systems.items():
            before = workers_cpu_seconds()
            cpu, wall = cpu_seconds(fn)
            if name.startswith("flow"):
                workers_cpu[name] = min(workers_cpu.get(name, float("inf")), workers_cpu_seconds() - before)
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
            print(f"  {name}: cpu {cpu:.2f} s, wall {wall:.2f} s, load {os.getloadavg()[0]:.1f}", file=sys.stderr)

    def per_core(name):  # MB/s per core
        return systems[name][2] / best[name][0]

    rows = [f"Corpus: {n_docs} documents, {size:.1f} MB of JSONL ({1000 * size / n_docs:.1f} KB each); "
            f"DataTrove slice {dt_docs} documents, {dt_size:.1f} MB; HTML: {len(pages)} pages, {html_mb:.1f} MB. "
            f"Best of {repeat}, interleaved; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
            f"(on {os.cpu_count()} CPUs).",
            "",
            "| system | docs/s per core | MB/s per core | CPU s | wall s |",
            "|---|---:|---:|---:|---:|"]
    labels = {
        "core": "(a) corpus-clean core (read, clean, Arrow), one process",
        "core, no compiled kernels": "(a0) the same on the compiled kernels' Python twins (CORPUS_CLEAN_NATIVE=0)",
        "core (DataTrove slice)": "(a') the same on the DataTrove slice",
        "datatrove": "(c) DataTrove stock pipeline (slice)",
        "floor": "(d) pyarrow JSONL → Parquet (floor)",
        "html": "(e) corpus-clean core, HTML pages",
        "flow, workers=1": "(b) clean-corpus flow, workers=1",
        "flow, workers=1, no dedup": "(b) the same, dedup off",
        "flow, workers=2": "(b) clean-corpus flow, workers=2 (CPU: flow process + workers)",
    }
    for name in systems:
        cpu, wall = best[name]
        n, mb = systems[name][1], systems[name][2]
        if name.startswith("flow"):  # threads + worker processes: wall is what counts
            cpu_text = f"{cpu:.2f} + {workers_cpu[name]:.2f}" if workers_cpu.get(name) else f"{cpu:.2f}"
            rows.append(f"| {labels[name]} | {n / wall:.0f} (wall) | {mb / wall:.2f} (wall) | {cpu_text} | {wall:.2f} |")
        else:
            rows.append(f"| {labels[name]} | {n / cpu:.0f} | {per_core(name):.2f} | {cpu:.2f} | {wall:.2f} |")
    rows += ["", "| ratio | value | goal |", "|---|---:|---|"]
    if datatrove:
        rows.append(f"| core ÷ DataTrove, MB/s per core (same slice) | "
                    f"{per_core('core (DataTrove slice)') / per_core('datatrove'):.1f}× | ≥ 100× |")
    rows.append(f"| floor ÷ core, MB/s per core | {per_core('floor') / per_core('core'):.1f}× | ≤ 8× |")
    if "core, no compiled kernels" in systems:
        rows.append(f"| core ÷ core on the Python twins, MB/s per core | "
                    f"{per_core('core') / per_core('core, no compiled kernels'):.2f}× | |")
    if flow:
        rows.append(f"| flow (workers=1) CPU ÷ core CPU | {best['flow, workers=1'][0] / best['core'][0]:.2f}× | ≤ 1.10× |")
        rows.append(f"| the same, dedup off | {best['flow, workers=1, no dedup'][0] / best['core'][0]:.2f}× | |")
        rows.append(f"| flow (workers=1) wall ÷ core wall | {best['flow, workers=1'][1] / best['core'][1]:.2f}× | |")
        rows.append(f"| flow workers=2 speed-up over workers=1 | "
                    f"{best['flow, workers=1'][1] / best['flow, workers=2'][1]:.2f}× | ≥ 1.8× |")
    rows.append(f"| HTML pages/s per core | {len(pages) / best['html'][0]:.0f} | ≥ 300 |")
    return rows


def memory_table(work: Path, sizes: list[float], workers: int, shard_mb: float | None, steps: str | None = None,
                 dedup: bool = True) -> list[str]:
    """`corpus-clean run` as a child process per size; peak RSS of its process tree."""
    step_args = ((["--steps", steps] if steps else []) + (["--shard-mb", f"{shard_mb:g}"] if shard_mb else [])
                 + ([] if dedup else ["--no-dedup"]))
    rows = [f"`corpus-clean run --workers {workers} --no-data-docs {' '.join(step_args)}` (embedded server "
            f"included), peak resident memory of the whole process tree sampled every 0.2 s.",
            "",
            "| input MB | documents | wall s | MB/s | peak RSS of the tree, MB | at the peak: flow / server / workers, MB | peak PSS of the tree, MB |",
            "|---:|---:|---:|---:|---:|---|---:|"]
    from memory import run_measured  # the one process-tree sampler (memory.py imports this module)

    for megabytes in sizes:
        corpus = work / f"mem-corpus-{megabytes:g}"
        if not corpus.exists():
            write_corpus(corpus, megabytes)
        n_docs, size = corpus_stats(corpus)
        out = work / f"mem-out-{megabytes:g}"
        peak, wall = run_measured(corpus, out, workers, step_args)
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["totals"]["read"] == n_docs, manifest["totals"]
        parts = " / ".join(f"{peak.at_peak.get(role, {}).get('rss', 0) / 1e6:.0f}" for role in ("flow", "server", "workers"))
        rows.append(f"| {size:.0f} | {n_docs} | {wall:.0f} | {size / wall:.2f} | {peak.peak_rss / 1e6:.0f} | {parts} | {peak.peak_pss / 1e6:.0f} |")
        print(rows[-1], file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
    return rows


def _wall(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def fixed_costs_table(work: Path, repeat: int) -> list[str]:
    """What a small run (the 25 bundled sample records) pays besides cleaning: imports,
    the embedded server, GX. Fresh processes, best of `repeat`, interleaved."""
    python, cli = sys.executable, str(Path(sys.executable).with_name("corpus-clean"))
    sample = str(ROOT / "data" / "raw")
    flow_only = ("import sys; sys.argv = ['x']; from flows.clean_corpus import clean_corpus; "
                 f"clean_corpus(input_path={sample!r}, output_dir={str(work / 'fixed-flow')!r})")
    port = 4377
    server = subprocess.Popen([str(Path(python).with_name("prefect")), "server", "start", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    try:
        import urllib.request

        start = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(f"{api}/health", timeout=2)
                break
            except OSError:
                if time.perf_counter() - start > 120:
                    raise
                time.sleep(0.2)
        server_start = time.perf_counter() - start
        cases = {
            "`python -c 'import prefect'`": [python, "-c", "import prefect"],
            "`python -c 'import great_expectations'`": [python, "-c", "import great_expectations"],
            "the flow called from Python (embedded server, GX imported in the validate task)":
                [python, "-c", flow_only],
            "`corpus-clean run` (embedded server; GX imported while the server starts)":
                [cli, "run", "--input", sample, "--output", str(work / "fixed-cli")],
        }
        best = {name: float("inf") for name in cases}
        best["`corpus-clean run` with PREFECT_API_URL set (a running `prefect server start`)"] = float("inf")
        for _ in range(repeat):
            for name, cmd in cases.items():
                best[name] = min(best[name], _wall(cmd, {"PYTHONPATH": str(ROOT)}))
            name = "`corpus-clean run` with PREFECT_API_URL set (a running `prefect server start`)"
            best[name] = min(best[name], _wall([cli, "run", "--input", sample, "--output", str(work / "fixed-api")],
                                               {"PREFECT_API_URL": api}))
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows = [f"25 bundled sample records (data/raw); fresh processes, best of {repeat}, interleaved.", "",
            "| what | wall s |", "|---|---:|"]
    rows += [f"| {name} | {seconds:.1f} |" for name, seconds in best.items()]
    rows.append(f"| `prefect server start` until healthy (once) | {server_start:.1f} |")
    return rows


def profile(work: Path, megabytes: float, what: str) -> None:
    """pyinstrument over the core (or the flow, workers=1) on the corpus."""
    from pyinstrument import Profiler

    corpus = work / "corpus"
    if not corpus.exists():
        write_corpus(corpus, megabytes)
    if what == "flow":
        from flows.clean_corpus import clean_corpus

        clean_corpus(input_path=str(slice_corpus(corpus, work / "warm-in", 0.2)), output_dir=str(work / "warm"),
                     data_docs=False)
        fn = lambda: clean_corpus(input_path=str(corpus), output_dir=str(work / "prof-out"), data_docs=False)  # noqa: E731
    else:
        run_core(slice_corpus(corpus, work / "warm-in", 0.2))
        fn = lambda: run_core(corpus)  # noqa: E731
    profiler = Profiler(interval=0.002)
    profiler.start()
    fn()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20, help="corpus size for the speed table")
    parser.add_argument("--datatrove-mb", type=float, default=2, help="slice DataTrove runs on (1-5)")
    parser.add_argument("--html-pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-flow", action="store_true")
    parser.add_argument("--skip-datatrove", action="store_true")
    parser.add_argument("--memory", default=None, help="comma-separated input sizes in MB: the memory table")
    parser.add_argument("--workers", type=int, default=2, help="workers for the memory runs")
    parser.add_argument("--shard-mb", type=float, default=None, help="--shard-mb for the memory runs (default: the CLI's)")
    parser.add_argument("--steps", default=None, help="--steps for the memory runs (default: all)")
    parser.add_argument("--no-dedup", action="store_true", help="--no-dedup for the memory runs")
    parser.add_argument("--profile", choices=("core", "flow"), default=None)
    parser.add_argument("--fixed-costs", action="store_true", help="the fixed costs of a small run")
    parser.add_argument("--work", type=Path, default=None, help="keep generated corpora here (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            profile(work, args.mb, args.profile)
        elif args.fixed_costs:
            print("## Fixed costs of a small run\n")
            print("\n".join(fixed_costs_table(work, args.repeat)))
        elif args.memory:
            print("## Memory: peak RSS of the process tree by input size\n")
            sizes = [float(s) for s in args.memory.split(",")]
            print("\n".join(memory_table(work, sizes, args.workers, args.shard_mb, args.steps, not args.no_dedup)))
        else:
            print("## Throughput on the generated corpus\n")
            print("\n".join(speed_table(work, args.mb, args.datatrove_mb, args.repeat, not args.skip_flow,
                                        not args.skip_datatrove, args.html_pages)))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

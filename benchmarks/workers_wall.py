"""Wall time of the clean-corpus flow with one worker and with two, in a process that
does nothing else (throughput.py runs the flow beside its other systems).

    python benchmarks/workers_wall.py --mb 20 --repeat 2

Rows: `--workers 1`; `--workers 2` as shipped (the flow stops its worker pool and the
fork server once the shards are cleaned, so every run starts them again, as a CLI run
does); `--workers 2` with the pool kept from the run before (``stop_workers`` skipped:
what the number was before round 4 stopped idle workers to save memory). Best of
--repeat, interleaved. Compare code trees by running it with `PYTHONPATH=<tree>`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", help="keep the generated corpus here (default: a temp dir)")
    args = parser.parse_args()
    # A loaded machine starts the temporary Prefect server slowly (the default 20 s is not enough).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

    from corpus_gen import write_corpus

    import flows.clean_corpus as flow_module

    work = Path(args.work or tempfile.mkdtemp(prefix="workers-wall-"))
    corpus = work / "in"
    if not corpus.exists():
        write_corpus(corpus, args.mb)
    shipped_stop = flow_module.stop_workers

    def run(workers: int, keep_pool: bool) -> float:
        flow_module.stop_workers = (lambda: None) if keep_pool else shipped_stop
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        flow_module.clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False, workers=workers)
        return time.perf_counter() - started

    run(1, False)  # server up, GX imported
    setups = {"--workers 1": (1, False), "--workers 2, pool stopped after each run (shipped)": (2, False),
              "--workers 2, pool kept from the run before": (2, True)}
    best = {name: float("inf") for name in setups}
    for _ in range(args.repeat):
        for name, (workers, keep_pool) in setups.items():
            if keep_pool:
                run(workers, True)  # the pool this run will find
            best[name] = min(best[name], run(workers, keep_pool))
    flow_module.stop_workers = shipped_stop
    print(f"{args.mb:g} MB; best of {args.repeat}, interleaved; load average {os.getloadavg()[0]:.1f} (2 CPUs)\n")
    print("| setup | wall s | speed-up over --workers 1 |\n|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {best['--workers 1'] / seconds:.2f}× |")


if __name__ == "__main__":
    main()

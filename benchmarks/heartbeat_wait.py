#!/usr/bin/env python3
"""How long an in-process flow call waits after its work: a plain Prefect flow against a
``flows.heartbeats.PromptFlow`` (the clean-corpus flow's class), on the same trivial
body that busy-loops for W seconds.

    python benchmarks/heartbeat_wait.py --repeat 3

A plain sync flow run joins Prefect's heartbeat thread, which sleeps in 1-second steps,
so its wall time rounds up to the next whole second; a PromptFlow's heartbeats stop at
once. Calls alternate between the two flows; the best (least) wall time of --repeat is
kept. Runs on the embedded server (or the one PREFECT_API_URL names).
"""
from __future__ import annotations

import argparse
import os
import time

from prefect import flow

from flows.heartbeats import PromptFlow, heartbeats_while_running


def busy(seconds: float) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        pass


def prompt_body(seconds: float) -> None:
    with heartbeats_while_running():
        busy(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="0.1,0.3,0.5,0.7,0.9", help="seconds of work per run, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    flows = {"plain Prefect flow": flow(name="heartbeat-wait-plain")(busy),
             "PromptFlow": PromptFlow(fn=prompt_body, name="heartbeat-wait-prompt")}
    for run in flows.values():  # server up, first-call costs paid
        run(0.01)
    works = [float(w) for w in args.work.split(",")]
    best = {(name, work): float("inf") for name in flows for work in works}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for work in works:
            for name, run in flows.items():
                started = time.perf_counter()
                run(work)
                best[name, work] = min(best[name, work], time.perf_counter() - started)
    print(f"Best of {args.repeat}, interleaved; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"(on {os.cpu_count()} CPUs).\n")
    print("| work s | " + " | ".join(f"{name}: wall s" for name in flows) + " |")
    print("|---:|" + "---:|" * len(flows))
    for work in works:
        print(f"| {work:.1f} | " + " | ".join(f"{best[name, work]:.2f}" for name in flows) + " |")


if __name__ == "__main__":
    main()

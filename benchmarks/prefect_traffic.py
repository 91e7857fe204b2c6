#!/usr/bin/env python3
"""What one clean-corpus flow run sends the Prefect server, and what the server's CPU is made of.

    python benchmarks/prefect_traffic.py CORPUS --warm-corpus SMALL [--workers 1] [--idle-seconds 20]
    python benchmarks/prefect_traffic.py --unit-costs [--count 100]

The flow is called in this process, so it starts Prefect's ephemeral server (a child
process, its CPU read with psutil). After a warm-up run on SMALL:

- the server's CPU while nothing is sent (`--idle-seconds`): its own polling, which
  every run pays in proportion to its wall time;
- one run of CORPUS: the API requests the flow process makes (method and path, ids
  folded), the events it emits (by name), the server's CPU over the run and over the
  seconds after it in which the server records what it was sent, and that CPU less
  the idle rate times the same seconds (what the traffic itself cost).

With `--unit-costs`: the server's CPU per progress-artifact update and per task run
(`--count` of each in a flow of its own, the idle rate subtracted), and the flow
process's own CPU per task run and per empty flow run.

A measurement wrapper: the run's output is the flow's own. `corpus-clean run` serves the
same app from a thread of its own process (``cli.main.start_thread_server``), where this
CPU is part of the run's process.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

for _key, _value in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                     "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
                     "GX_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}.items():
    os.environ.setdefault(_key, _value)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The server's services record events in batches (every few seconds): its CPU is read
# this long after a run, so that what the run sent is all counted.
SETTLE_SECONDS = 8.0


class Traffic:
    """Counts the HTTP requests (httpx clients) and events (Prefect's events worker) sent."""

    def __init__(self) -> None:
        self.requests: collections.Counter = collections.Counter()
        self.events: collections.Counter = collections.Counter()

    def install(self) -> "Traffic":
        import httpx
        from prefect.events.worker import EventsWorker

        requests, events = self.requests, self.events

        def folded(request) -> tuple[str, str]:
            return request.method, re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", request.url.path)

        sync_send, async_send, handle = httpx.Client.send, httpx.AsyncClient.send, EventsWorker._handle

        def counted_sync(client, request, *args, **kwargs):
            requests[folded(request)] += 1
            return sync_send(client, request, *args, **kwargs)

        async def counted_async(client, request, *args, **kwargs):
            requests[folded(request)] += 1
            return await async_send(client, request, *args, **kwargs)

        async def counted_event(worker, event):
            events[event.event] += 1
            return await handle(worker, event)

        httpx.Client.send, httpx.AsyncClient.send, EventsWorker._handle = counted_sync, counted_async, counted_event
        return self

    def clear(self) -> None:
        self.requests.clear()
        self.events.clear()


def server_process():
    """The ephemeral server this process started (uvicorn serving Prefect's app)."""
    import psutil

    for child in psutil.Process().children(recursive=True):
        if "uvicorn" in " ".join(child.cmdline()):
            return child
    raise RuntimeError("no ephemeral Prefect server among this process's children (PREFECT_API_URL set?)")


def cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def idle_rate(server, seconds: float) -> float:
    """The server's CPU seconds per wall second while nothing is sent."""
    before, started = cpu_seconds(server), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(server) - before) / (time.monotonic() - started)


def drain_and_settle() -> None:
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=30)
    time.sleep(SETTLE_SECONDS)


def one_run(args) -> None:
    import flows.clean_corpus as flow_module

    traffic = Traffic().install()
    out = Path(tempfile.mkdtemp(prefix="prefect-traffic-"))
    try:
        flow_module.clean_corpus(input_path=str(args.warm_corpus), output_dir=str(out / "warm"), data_docs=False,
                                 workers=args.workers)
        server = server_process()
        drain_and_settle()
        rate = idle_rate(server, args.idle_seconds)
        traffic.clear()
        load = os.getloadavg()[0]
        server_before, started = cpu_seconds(server), time.monotonic()
        flow_cpu = time.process_time()
        flow_module.clean_corpus(input_path=str(args.corpus), output_dir=str(out / "timed"), data_docs=False,
                                 workers=args.workers)
        flow_cpu, run_wall = time.process_time() - flow_cpu, time.monotonic() - started
        server_in_run = cpu_seconds(server) - server_before
        drain_and_settle()
        server_cpu, wall = cpu_seconds(server) - server_before, time.monotonic() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"`--workers {args.workers}`, load average {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"(on {os.cpu_count()} CPUs).\n")
    print(f"- flow process: {flow_cpu:.2f} s of CPU in {run_wall:.1f} s of wall")
    print(f"- server idle: {rate * 100:.2f} % of a core ({rate * run_wall:.2f} s over the run's wall)")
    print(f"- server during the run: {server_in_run:.2f} s; with the {wall - run_wall:.0f} s after it "
          f"(recording): {server_cpu:.2f} s; less the idle rate over the same {wall:.0f} s: "
          f"**{server_cpu - rate * wall:.2f} s for the traffic**\n")
    print(f"| API requests ({sum(traffic.requests.values())}) | count |\n|---|---:|")
    for (method, path), count in traffic.requests.most_common():
        print(f"| {method} {path} | {count} |")
    print(f"\n| events ({sum(traffic.events.values())}) | count |\n|---|---:|")
    for name, count in traffic.events.most_common():
        print(f"| {name} | {count} |")


def unit_costs(args) -> None:
    from prefect import flow, task
    from prefect.artifacts import create_progress_artifact, update_progress_artifact
    from prefect.cache_policies import NONE

    @task(cache_policy=NONE)
    def nothing(i: int) -> int:
        return i

    @flow(name="traffic-progress-updates")
    def updates(n: int) -> None:
        artifact = create_progress_artifact(progress=0.0)
        for i in range(n):
            update_progress_artifact(artifact_id=artifact, progress=100.0 * i / n)

    @flow(name="traffic-task-runs")
    def task_runs(n: int) -> None:
        for i in range(n):
            nothing(i)

    @flow(name="traffic-empty")
    def empty(n: int) -> int:
        return n

    for warm in (updates, task_runs, empty):
        warm(1)
    server = server_process()
    drain_and_settle()
    rate = idle_rate(server, 10.0)
    print(f"server idle: {rate * 100:.2f} % of a core; load average {os.getloadavg()[0]:.1f}\n")
    print("| what | count | server CPU ms each (idle rate subtracted) | flow process CPU ms each |\n|---|---:|---:|---:|")
    for name, fn, count in (("progress-artifact update", updates, args.count), ("task run", task_runs, args.count),
                            ("empty flow run", empty, 10)):
        server_before, started, flow_cpu = cpu_seconds(server), time.monotonic(), time.process_time()
        for _ in range(count if fn is empty else 1):
            fn(1 if fn is empty else count)
        flow_cpu = time.process_time() - flow_cpu
        drain_and_settle()
        server_cpu = cpu_seconds(server) - server_before - rate * (time.monotonic() - started)
        print(f"| {name} | {count} | {1000 * server_cpu / count:.1f} | {1000 * flow_cpu / count:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--warm-corpus", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--unit-costs", action="store_true")
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    if args.unit_costs:
        unit_costs(args)
        return
    if args.corpus is None:
        parser.error("CORPUS is needed (or --unit-costs)")
    args.warm_corpus = args.warm_corpus or args.corpus
    one_run(args)


if __name__ == "__main__":
    main()

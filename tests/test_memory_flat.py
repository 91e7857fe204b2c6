"""A run's memory does not grow with its input while it cleans (issue 15: flat from
100 MB to 2 GB).

The whole `corpus-clean run` (embedded server, flow, cleaning in the flow's own process,
validation, writing) runs in a process of its own over a generated corpus cut into 48
shards of 1 MB; the process's resident memory is read each time a shard's write ends.
Between the second quarter of the shards and the last quarter it must stay level: what
this guards against is anything kept per shard once a shard is written (its tables,
batches, futures, validation results; a 1 MB shard's rows are ~1.3 MB in memory, so
keeping them would add ~30 MB between the two quarters here). The first quarter is left
out: the cleaning's caches fill over the first ~16 MB.

Dedup is off: its state grows with the documents decided, by design, up to its caps
(shard by shard ~2 KB a document, up to 40,000 documents,
``dedup_stage.SHARD_BY_SHARD_MAX_RECORDS``; its held part is tested in
test_memory_spill.py); with it on, this run grew ~18 MB from the second quarter to the
last. The run's tail (the index saved, the commit's merges) is bounded by its own caps
(``dataset.MERGE_MEMORY_BYTES``, ``dedup.MAPPED_RUN_KEYS``) and not measured here.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))
from corpus_gen import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# A `corpus-clean run` in this process, printing its exit code and its resident memory
# (bytes) at the end of each shard's write (from the task's "Finished" log record).
RSS_AT_EACH_WRITE = """
import json, logging, os, sys, threading
from cli.main import main

def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

at_writes = []

class WriteEnds(logging.Handler):
    def emit(self, record):
        if (str(getattr(record, "task_run_name", "")).startswith("write-shard")
                and record.getMessage().startswith("Finished in state")):
            at_writes.append(rss())

handler, stop = WriteEnds(), threading.Event()

def keep_attached():  # Prefect's logging set-up replaces the loggers' handlers
    logger = logging.getLogger("prefect.task_runs")
    while not stop.wait(0.02):
        if handler not in logger.handlers:
            logger.addHandler(handler)

threading.Thread(target=keep_attached, daemon=True).start()
code = main(["run", "--input", sys.argv[1], "--output", sys.argv[2], "--workers", "1", "--no-data-docs",
             "--shard-mb", "0.9", "--no-dedup"])
stop.set()
print(code, json.dumps(at_writes))
"""

INPUT_MB = 48  # 48 files of 1 MB (1e6 bytes), one a shard at --shard-mb 0.9; ~12,000 documents


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/statm")
@pytest.mark.timeout(3000)
def test_a_runs_memory_stays_level_from_shard_to_shard(tmp_path):
    write_corpus(tmp_path / "in", INPUT_MB, file_mb=1)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "1200"})
    ran = subprocess.run([sys.executable, "-c", RSS_AT_EACH_WRITE, str(tmp_path / "in"), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=2900, env=env, cwd=REPO)
    assert ran.returncode == 0, ran.stderr[-3000:]
    code, at_writes = ran.stdout.strip().splitlines()[-1].split(" ", 1)
    at_writes = json.loads(at_writes)
    assert code == "0", ran.stderr[-3000:]
    assert len(at_writes) == INPUT_MB, f"{len(at_writes)} shard writes seen"
    quarter = len(at_writes) // 4
    second, last = statistics.median(at_writes[quarter:2 * quarter]), statistics.median(at_writes[-quarter:])
    # 20 MB: the merged round-14 code crept 14 MB between the quarters in a fresh-clone
    # suite (532 -> 547 MB; the cause is not found: a known gap, see RESULTS-memory.md),
    # while keeping each shard's tables adds 30-44 MB.
    assert last - second < 20e6, " ".join(str(round(rss / 1e6)) for rss in at_writes)

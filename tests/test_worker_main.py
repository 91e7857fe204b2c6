"""Cleaning workers import the main module of the process that started them only when
something sent to them needs it (``corpus_clean.worker_main``).

Each test runs a script of its own in a subprocess (its own main module, as a library
user's script or a deployment's ``python -m prefect.engine`` is), with real worker
processes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The script's main module imports Prefect and the flow at its top, as a user's script
# does; the worker reports what it imported by the time it cleaned its batches.
HEAVY_MAIN = """
import json, sys
from flows.clean_corpus import clean_corpus  # noqa: F401 - as a library user's script starts
from worker_probe import imported

if __name__ == "__main__":
    from corpus_clean import parallel
    parallel.start_workers(WORKERS)
    pool = parallel._pool(WORKERS)
    found = [pool.submit(imported).result() for _ in range(4)]
    parallel.stop_workers()
    print(json.dumps(found))
"""

# What the worker is sent in the test above: a function of a module of its own (one of
# the main module would have the worker import the main module, by design).
PROBE = """
import sys

def imported():
    return sorted({name.split(".")[0] for name in sys.modules} & {"prefect", "flows", "great_expectations"})
"""

# A step defined in the script's main module (``steps.register``), run by the workers.
STEP_IN_MAIN = """
import json, os, sys, time
from corpus_clean.steps import Step, register

@register
class Marked(Step):
    name = "marked_WORKERS"

    def run(self, docs):
        for doc in docs:
            doc.text = doc.text + f" [marked by {os.getpid()}]"
        return docs

if __name__ == "__main__":
    from corpus_clean import parallel
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import plan_shards
    [shard] = plan_shards(list_input_files(sys.argv[1]), target_bytes=1 << 30)
    parallel.start_workers(WORKERS)
    while not parallel._ready(parallel._pool(WORKERS)):  # (else this process may clean every batch)
        time.sleep(0.05)
    cleaned = parallel.clean_shard_on_workers(shard, "run", ("marked_WORKERS",), workers=WORKERS)
    parallel.stop_workers()
    print(json.dumps([os.getpid(), cleaned.rows.column("text").to_pylist()]))
"""


def _run(tmp_path: Path, source: str, *args: str, as_module: bool = False) -> list:
    script = tmp_path / "user_main.py"
    script.write_text(textwrap.dedent(source))
    (tmp_path / "worker_probe.py").write_text(PROBE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(tmp_path)]),
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "user_main"] if as_module else [sys.executable, str(script)]
    done = subprocess.run([*command, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("workers, as_module", [(2, False), (3, True)])
def test_a_worker_does_not_import_the_main_module_that_imports_prefect(tmp_path, workers, as_module):
    """Fails on main: every worker ran the main module again (as ``__mp_main__``), so it
    imported Prefect and the flows (~1 s of CPU and ~70-100 MB more per worker). As a
    script, and as a module (``python -m``, how a deployment's run starts)."""
    found = _run(tmp_path, HEAVY_MAIN.replace("WORKERS", str(workers)), as_module=as_module)
    assert found == [[]] * 4


@pytest.mark.parametrize("workers", [2, 3])
def test_a_step_defined_in_the_main_module_runs_in_the_workers(tmp_path, workers):
    """The one thing sent to workers that names ``__main__``: a user's step class. Its
    unpickling imports the main module then, as before: every record marked, those the
    workers cleaned included. (Passes on main too: the behaviour kept.)"""
    corpus = tmp_path / "in"
    corpus.mkdir()
    records = [{"id": str(k), "text": f"Record {k} says hello to the harbour town and its ferry."}
               for k in range(2000)]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    script_pid, texts = _run(tmp_path, STEP_IN_MAIN.replace("WORKERS", str(workers)), str(corpus))
    assert len(texts) == 2000
    marked_by = {int(text.rsplit(" ", 1)[1].rstrip("]")) for text in texts if text.endswith("]")}
    assert all(" [marked by " in text for text in texts)
    assert marked_by - {script_pid}, "a worker cleaned some batches"

"""A run's process exits without Python's final garbage collections (round 10):
``processes.skip_final_collections_at_exit``, registered by the CLI and the flow module.
Checked in real child interpreters: what is in reference cycles at exit is left alone
(the collections did not run over it), and the exit handlers registered later still run."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Cycles whose members say when they are finalized; the collector is off so that only
# the collections of the shutdown could reach them. An exit handler registered after the
# import says it ran.
CHILD = """
import atexit, gc, sys
{imports}
gc.disable()
class Noisy:
    def __del__(self):
        sys.stdout.write("finalized\\n"); sys.stdout.flush()
for _ in range(3):
    a, b = Noisy(), Noisy()
    a.other, b.other = b, a
del a, b
atexit.register(lambda: (sys.stdout.write("handler ran\\n"), sys.stdout.flush()))
"""


def run_child(imports: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHILD.format(imports=imports)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_without_it_python_collects_cycles_at_exit():
    """The baseline the other tests differ from: a plain interpreter finalizes the cycles."""
    lines = run_child("")
    assert lines[0] == "handler ran" and lines.count("finalized") == 6


@pytest.mark.parametrize("imports", ["from corpus_clean.processes import skip_final_collections_at_exit\n"
                                     "skip_final_collections_at_exit(); skip_final_collections_at_exit()",
                                     "import cli.main\ncli.main.main(['filter'])"])  # the command, on empty stdin
def test_the_final_collections_are_skipped_and_later_handlers_still_run(imports):
    assert run_child(imports) == ["handler ran"]


@pytest.mark.parametrize("imports", ["import cli.main", "import flows.clean_corpus"])
def test_importing_the_cli_or_the_flow_leaves_the_exit_as_it_was(imports):
    """Only a run's own process skips them (the command's ``main``, a deployment's run):
    a library user's process, or pytest's, keeps Python's usual exit (an extension built
    with nanobind, duckdb, reports what is left at exit as leaks)."""
    assert run_child(imports).count("finalized") == 6

"""``benchmarks/timeline.py``'s start line: when each cleaning process began its first
batch, and how long one cleaned alone (the serial part before the parallel cleaning)."""
import sys
from pathlib import Path

from hypothesis import given, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from timeline import _start_line  # noqa: E402


@given(st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.floats(0, 100)), min_size=1, max_size=30),
       st.floats(0, 50))
def test_start_line_names_each_process_first_batch_and_the_gap(batches, started):
    marks = [(pid, "clean batch", started + at, started + at + 0.1, 0.05) for pid, at in batches]
    marks.append((1, "plan_run", started, started + 200.0, 0.1))  # not a batch: never counted
    line = _start_line(marks, {1: "flow", 2: "worker 2", 3: "worker 3"}, started)
    first = {pid: min(started + at for p, at in batches if p == pid) - started for pid, _ in batches}
    for pid, at in first.items():
        assert f"{ {1: 'flow', 2: 'worker 2', 3: 'worker 3'}[pid]} {at:.2f} s" in line
    alone = max(first.values()) - min(first.values())
    assert line.endswith(f"one cleaned alone for {alone:.2f} s.")


def test_start_line_without_batches():
    assert _start_line([(1, "plan_run", 0.0, 1.0, 0.1)], {1: "flow"}, 0.0) == "Start: no batch cleaned."

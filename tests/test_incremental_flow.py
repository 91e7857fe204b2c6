"""The flow run after run on one output folder (real Prefect via the session harness, real
Parquet read back with a plain glob): growing input, unchanged rerun, changed file, empty
and missing input, a new pipeline version, a second writer refused."""
from __future__ import annotations

import glob
import json

import pyarrow.parquet as pq
import pytest

from corpus_clean.dataset import writer_lock
from corpus_clean.layout import OutputLayout
from tests.conftest import ARTICLE

pytestmark = pytest.mark.usefixtures("prefect_server")


def article(town: str) -> str:
    return ARTICLE.replace("Eastmere", town)


def clean_rows(out) -> dict[str, str]:
    table = pq.read_table(glob.glob(str(out / "clean" / "*.parquet")))
    return {row["source"]: row["text"] for row in table.select(["source", "text"]).to_pylist()}


def run(inputs, out, **params):
    """One flow run. The articles here differ in one word (near copies), so dedup is off:
    these tests are about which files are cleaned; tests/test_dedup_flow.py covers dedup."""
    from flows.clean_corpus import clean_corpus

    params.setdefault("dedup", False)
    state = clean_corpus(input_path=str(inputs), output_dir=str(out), data_docs=False, return_state=True,
                         **params)
    return state, state.result(raise_on_failure=False)


def test_runs_over_a_changing_input(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(article("Amere"))
    (inputs / "b.jsonl").write_text(json.dumps({"id": "b-1", "url": "https://b.example/1", "site": "b",
                                                "text": article("Bmere")}) + "\n")
    state, first = run(inputs, out)
    assert state.name == "Completed" and first["totals"]["files_processed"] == 2
    assert set(clean_rows(out)) == {"a.txt", "b.jsonl"}
    [b_row] = [r for r in pq.read_table(out / "clean").to_pylist() if r["source"] == "b.jsonl"]
    assert (b_row["source_id"], b_row["url"], dict(b_row["meta"])) == ("b-1", "https://b.example/1", {"site": "b"})

    # The input grows: only the new file is cleaned.
    (inputs / "c.txt").write_text(article("Cmere"))
    state, second = run(inputs, out)
    assert (second["totals"]["files_processed"], second["totals"]["files_unchanged"]) == (1, 2)
    assert second["inputs"]["processed"] == ["c.txt"] and second["totals"]["read"] == 1
    assert set(clean_rows(out)) == {"a.txt", "b.jsonl", "c.txt"}

    # Nothing changed: nothing cleaned, said so by the state's name, results kept.
    state, third = run(inputs, out)
    assert state.name == "NoNewRecords" and state.is_completed()
    assert third["totals"]["files_processed"] == 0 and third["totals"]["files_unchanged"] == 3
    assert json.loads((out / "manifest.json").read_text())["totals"]["files_unchanged"] == 3

    # A changed file's rows replace its old rows (never both).
    (inputs / "a.txt").write_text(article("Zmere"))
    run(inputs, out)
    rows = clean_rows(out)
    assert "Zmere" in rows["a.txt"] and len(pq.read_table(out / "clean")) == 3

    # Empty input, then a missing one (unmounted): a warning state, every earlier row kept.
    for path in inputs.iterdir():
        path.unlink()
    state, empty = run(inputs, out)
    assert state.name == "NoNewRecords" and empty["inputs"]["missing"] == ["a.txt", "b.jsonl", "c.txt"]
    inputs.rmdir()
    state, missing = run(inputs, out)
    assert state.name == "NoNewRecords" and missing["input_missing"] is True
    assert clean_rows(out) == rows

    # Time travel: version 2 (before a.txt changed) is still readable as it was.
    old = pq.read_table(out / "versions" / "v000002" / "clean").to_pylist()
    assert "Amere" in next(r["text"] for r in old if r["source"] == "a.txt")

    # A new pipeline version cleans everything again (the files present).
    inputs.mkdir()
    (inputs / "c.txt").write_text(article("Cmere"))
    monkeypatch.setattr("tasks.run_tasks.__version__", "99.0.0")
    _, bumped = run(inputs, out)
    assert bumped["totals"]["files_processed"] == 1 and bumped["inputs"]["processed"] == ["c.txt"]
    assert set(clean_rows(out)) == {"a.txt", "b.jsonl", "c.txt"}


def test_a_second_writer_fails_in_one_line_and_changes_nothing(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(article("Amere"))
    run(inputs, out)
    before = {p: open(p, "rb").read() for p in glob.glob(str(out / "clean" / "*.parquet"))}
    with writer_lock(OutputLayout(out)):
        (inputs / "b.txt").write_text(article("Bmere"))
        state, _ = run(inputs, out)
    assert state.is_failed() and "refusing to run" in state.message
    assert {p: open(p, "rb").read() for p in glob.glob(str(out / "clean" / "*.parquet"))} == before


def test_progress_moves_with_documents_within_one_shard(tmp_path):
    from flows.clean_corpus import progress_listeners

    inputs = tmp_path / "in"
    inputs.mkdir()
    from corpus_clean.shards import BATCH_DOCS

    n = 2 * BATCH_DOCS + 22  # 3 batches, 1 shard
    lines = [json.dumps({"id": i, "text": article(f"Town {i}")}) for i in range(n)]
    (inputs / "feed.jsonl").write_text("\n".join(lines) + "\n")
    heard: list[tuple[int, int]] = []
    progress_listeners.append(lambda done, total: heard.append((done, total)))
    try:
        state, manifest = run(inputs, tmp_path / "out")
    finally:
        progress_listeners.clear()
    assert manifest["shards"] == 1
    assert [done for done, _ in heard] == [0, BATCH_DOCS, 2 * BATCH_DOCS, n, n]
    assert all(total == n for _, total in heard)


def test_a_transient_write_error_is_retried_and_a_bug_is_not(tmp_path, monkeypatch):
    """Fault injection: the first Parquet write raises OSError (a share hiccup), the retry
    succeeds; the policy never retries other errors."""
    from prefect.states import Completed, Failed

    import tasks.shard_tasks
    from tasks.retries import is_io_error

    real_write, calls = tasks.shard_tasks.write_part, []

    def flaky_write(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 1:
            raise OSError(5, "Input/output error (injected)")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(tasks.shard_tasks, "write_part", flaky_write)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(article("Amere"))
    state, manifest = run(inputs, tmp_path / "out")
    assert state.is_completed() and manifest["totals"]["clean"] == 1
    # The first write raised, and the task's retry wrote every part again. (A shard's parts
    # are written side by side: which write comes first, and meets the error, varies.)
    assert sorted(calls) == ["clean", "clean", "quarantine", "quarantine"]
    assert is_io_error(None, None, Failed(data=OSError("disk")))
    assert not is_io_error(None, None, Failed(data=ValueError("bug")))
    assert not is_io_error(None, None, Completed())

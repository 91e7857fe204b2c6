"""The clean-corpus flow on a real Prefect server (the test harness), read back from Parquet."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.conftest import CONTENT_LINES, write_small_corpus

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture(scope="module")
def flow_run_output(tmp_path_factory):
    """One real flow run shared by the tests of this module (a run costs seconds)."""
    from flows.clean_corpus import clean_corpus

    base = tmp_path_factory.mktemp("flow")
    corpus = write_small_corpus(base)
    out = base / "out"
    manifest = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=True)
    return corpus, out, manifest


def test_accounting_adds_up_per_file(flow_run_output):
    _, out, manifest = flow_run_output
    assert manifest["accounting_ok"]
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk["totals"] == {"read": 7, "clean": 2, "quarantined": 3, "duplicates": 0, "filtered": 0, "skipped": 2,
                                 "unreadable": 0, "files_processed": 4, "files_unchanged": 0}
    assert on_disk["version"] == 1 and on_disk["dataset"]["clean"]["rows"] == 2
    assert 0 < on_disk["duration_s"] and on_disk["started_at"] < on_disk["ended_at"]
    files = on_disk["files"]
    assert files["feed.jsonl"] == {"read": 4, "clean": 1, "quarantined": 3, "duplicates": 0, "filtered": 0, "skipped": 0,
                                   "skipped_reasons": [], "records": 4, "unreadable": 0, "unreadable_reasons": [],
                                   "declared": None}
    assert files["empty.txt"]["skipped_reasons"] == ["empty file"]
    assert "unsupported file type" in files["notes.docx"]["skipped_reasons"][0]


def test_clean_parquet_has_article_without_boilerplate(flow_run_output):
    _, out, _ = flow_run_output
    table = pq.read_table(out / "clean")
    rows = {row["source"]: row for row in table.to_pylist()}
    article = rows["article.txt"]
    for line in CONTENT_LINES:
        assert line in article["text"].splitlines()
    assert "Facebook Facebook" not in article["text"]
    assert "All rights reserved" not in article["text"]
    assert article["title"] == "Harbour Town Votes to Rebuild the Old Ferry Pier"
    assert article["byline"] == "Lena Okafor and Piet Vermeer"
    assert article["lang"] == "en"
    assert article["n_chars_clean"] < article["n_chars_raw"]
    rules = {r["rule"] for r in article["removed"]}
    assert any(rule.endswith(".byline") for rule in rules)
    # Provenance: every removed span's text is what the offsets point at in the repaired text.
    assert all(r["end"] - r["start"] == len(r["text"]) for r in article["removed"])


def test_quarantine_rows_carry_their_reasons(flow_run_output):
    _, out, _ = flow_run_output
    rows = pq.read_table(out / "quarantine").to_pylist()
    by_index = {(r["source"], r["record_index"]): r for r in rows}
    short = by_index[("feed.jsonl", 1)]
    assert short["text"] == "Too short."
    assert any("chars" in reason["detail"] for reason in short["reasons"])
    missing = by_index[("feed.jsonl", 2)]
    assert missing["reasons"][0] == {"check": "readable_input", "detail": 'feed.jsonl:3: no string "text" or "html" field (string fields: id)'}
    assert "malformed JSON" in by_index[("feed.jsonl", 3)]["reasons"][0]["detail"]


def test_output_opens_in_pandas_polars_duckdb(flow_run_output):
    import duckdb
    import pandas as pd
    import polars as pl

    _, out, _ = flow_run_output
    pattern = str(out / "clean" / "*.parquet")
    assert len(pd.read_parquet(out / "clean")) == 2
    assert pl.read_parquet(pattern).height == 2
    assert duckdb.execute(f"select count(*) from '{pattern}'").fetchone()[0] == 2
    quarantine = str(out / "quarantine" / "*.parquet")
    assert duckdb.execute(f"select count(*) from '{quarantine}' where len(reasons) > 0").fetchone()[0] == 3


def test_parquet_schema_is_the_declared_one(flow_run_output):
    from corpus_clean.records import clean_schema, quarantine_schema

    _, out, _ = flow_run_output
    [clean_part] = (out / "clean").glob("*.parquet")
    [quarantine_part] = (out / "quarantine").glob("*.parquet")
    assert pq.read_schema(clean_part).remove_metadata() == clean_schema()
    assert pq.read_schema(quarantine_part).remove_metadata() == quarantine_schema()
    column = pq.ParquetFile(clean_part).metadata.row_group(0).column(0)
    assert column.compression == "ZSTD" and column.statistics.has_min_max


def test_report_artifacts_are_in_prefect(flow_run_output):
    import asyncio

    from prefect.client.orchestration import get_client
    from uuid import UUID

    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    _, _, manifest = flow_run_output

    async def artifacts():
        # This run's only: every run of the suite's shared server writes artifacts under these
        # keys, and one read returns the server's first page of them (200), which need not
        # hold this run's once the suite has run that many flows.
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(like_="corpus-clean-report"),
                flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(manifest["flow_run_id"])])))

    found = asyncio.run(artifacts())
    kinds = {(a.key, a.type) for a in found}
    assert ("corpus-clean-report", "markdown") in kinds
    assert ("corpus-clean-report-files", "table") in kinds
    markdown = next(a for a in found if a.type == "markdown" and str(a.flow_run_id) == manifest["flow_run_id"])
    assert manifest["run_id"] in markdown.data and "| 7 | 2 | 3 | 0 | 0 | 2 | 0 | 4 | 0 | ok |" in markdown.data
    assert "data:image/svg+xml;base64," in markdown.data and "file://" not in markdown.data
    assert ("corpus-clean-report-validation", "table") in kinds


def test_rerun_gives_byte_identical_parquet(flow_run_output):
    from flows.clean_corpus import clean_corpus

    corpus, out, _ = flow_run_output
    before = {p.name: p.read_bytes() for p in (out / "clean").glob("*.parquet")}
    second = out.parent / "out2"
    clean_corpus(input_path=str(corpus), output_dir=str(second), data_docs=False)
    after = {p.name: p.read_bytes() for p in (second / "clean").glob("*.parquet")}
    assert before == after


def test_data_docs_are_written_and_linked(flow_run_output):
    from pathlib import Path

    _, out, manifest = flow_run_output
    [index_html] = manifest["output"]["data_docs"]
    assert Path(index_html).is_file() and Path(index_html).is_relative_to(out)
    assert "expect_column_values_to_have_no_mojibake" in Path(index_html).read_text() or \
        any("mojibake" in p.read_text(errors="ignore") for p in Path(index_html).parent.rglob("*.html"))


def test_workers_clean_shards_in_other_processes_with_identical_output(flow_run_output):
    """--workers 2: each file is its own shard, cleaned in a spawned process (that the
    batches go to the workers: test_parallel); every Parquet file is byte-identical to the
    in-process run's, and the workers are stopped when the shards are done."""
    from corpus_clean import parallel
    from flows.clean_corpus import clean_corpus

    corpus, out, _ = flow_run_output
    runs = {}
    for workers in (1, 2):
        target = out.parent / f"out-workers-{workers}"
        manifest = clean_corpus(input_path=str(corpus), output_dir=str(target), shard_mb=0.000001,
                                data_docs=False, workers=workers)
        runs[workers] = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.glob("*/*.parquet")}
    assert manifest["totals"]["read"] == manifest["totals"]["clean"] + manifest["totals"]["quarantined"] + manifest["totals"]["skipped"]
    assert manifest["shards"] >= 3  # several shards (their small parts are merged at commit)
    assert runs[1] == runs[2]
    assert not parallel._pools  # the workers were stopped once the shards were cleaned


def test_each_shard_is_two_task_runs_clean_then_validate_and_write(flow_run_output):
    """A shard costs the run two task runs: its cleaning, then its validation and writing
    in one (the write always waited for the validation; each task run costs the Prefect
    server ~35 ms of CPU and this process ~7 ms). Every shard is still validated: each
    write task's shard has its validation results in the manifest. (Fails on main: three
    task runs per shard, a validate-shard between them.)"""
    import asyncio
    from collections import Counter

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    _, _, manifest = flow_run_output

    async def task_runs():
        async with get_client() as client:
            return await client.read_task_runs(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[manifest["flow_run_id"]])))

    runs = asyncio.run(task_runs())
    kinds = Counter("clean-shard" if run.name.startswith("clean-") else run.name.rsplit("-", 1)[0] for run in runs)
    assert kinds["clean-shard"] == kinds["write-shard"] == manifest["shards"] >= 1, kinds
    assert "validate-shard" not in kinds, kinds
    from corpus_clean.validate import load_suite_spec

    suite = {e["meta"]["check"] for e in load_suite_spec()["expectations"]
             if e.get("meta", {}).get("check") and not e["meta"].get("requires")}  # (requires: a parameter not set)
    assert suite <= {v["name"] for v in manifest["validation"]}  # every expectation ran on the shards
    assert sum(v["unexpected_count"] for v in manifest["validation"]) > 0 < manifest["totals"]["quarantined"]


def test_a_run_never_asks_the_server_for_a_task_runs_state(flow_run_output, tmp_path):
    """The flow gives each write task its shard's clean future once the cleaning has
    ended, so Prefect never reads a running upstream task's state from the server to
    infer the write's parents (a synchronous ``GET /api/task_runs/ID`` per shard and
    future, ~15 ms of the server's CPU each). Several shards. (Fails on main: one to
    three such requests per shard.)"""
    import httpx

    from flows.clean_corpus import clean_corpus

    corpus, _, _ = flow_run_output
    asked: list[str] = []
    sync_send, async_send = httpx.Client.send, httpx.AsyncClient.send

    def noted(request) -> None:
        if request.method == "GET" and "/task_runs/" in request.url.path:
            asked.append(request.url.path)

    def sync_counted(client, request, *args, **kwargs):
        noted(request)
        return sync_send(client, request, *args, **kwargs)

    async def async_counted(client, request, *args, **kwargs):
        noted(request)
        return await async_send(client, request, *args, **kwargs)

    httpx.Client.send, httpx.AsyncClient.send = sync_counted, async_counted
    try:
        manifest = clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "out"), shard_mb=0.000001,
                                data_docs=False)
    finally:
        httpx.Client.send, httpx.AsyncClient.send = sync_send, async_send
    assert manifest["shards"] >= 3 and manifest["accounting_ok"]
    assert asked == []

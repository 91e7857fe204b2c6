"""The cluster path: the flow's shard tasks on a Dask cluster (prefect-dask) write the
same Parquet, byte for byte, as a local run, and the flow process commits the run."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ARTICLE, write_small_corpus

pytestmark = pytest.mark.usefixtures("prefect_server")


def _parquet_bytes(out):
    """Every Parquet file readers see (clean/, quarantine/ ... link to the current version)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("*/*.parquet"))}


def test_shards_on_a_two_worker_dask_cluster_give_byte_identical_parquet(tmp_path):
    from distributed import Client, LocalCluster, get_task_stream

    from flows.clean_corpus import clean_corpus

    corpus = write_small_corpus(tmp_path)
    for k in range(3):  # more shards than Dask workers, so both workers take several
        (corpus / f"more-{k}.jsonl").write_text(
            "\n".join(json.dumps({"id": f"{k}-{i}", "text": ARTICLE.replace("Eastmere", f"Town{k}{i}")})
                      for i in range(4)) + "\n", encoding="utf-8")
    tiny = 1e-6  # one file per shard
    local = clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "local"), shard_mb=tiny,
                         data_docs=False, dedup=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, get_task_stream(client) as task_stream:
        on_dask = clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "dask"), shard_mb=tiny,
                               data_docs=False, dedup=False, dask_address=cluster.scheduler_address)
        dask_workers = {w.worker_address for w in cluster.workers.values()}

    local_files, dask_files = _parquet_bytes(tmp_path / "local"), _parquet_bytes(tmp_path / "dask")
    shards = len(list((tmp_path / "dask" / "clean").glob("*.parquet")))
    assert shards >= 4 and len(local_files) >= 2 * shards  # a clean and a quarantine part (at least) per shard
    assert dask_files == local_files
    assert on_dask["totals"] == local["totals"]
    assert {k: on_dask["totals"][k] for k in ("read", "clean", "quarantined", "skipped")} == \
        {"read": 19, "clean": 14, "quarantined": 3, "skipped": 2}
    assert on_dask["run_id"] == local["run_id"]
    assert json.loads((tmp_path / "dask" / "manifest.json").read_text())["accounting_ok"]
    # Every shard's two tasks (clean; validate and write) ran on the cluster, spread over both workers.
    ran_on = [task["worker"] for task in task_stream.data]
    assert len(ran_on) == 2 * shards
    assert set(ran_on) == dask_workers and len(dask_workers) == 2

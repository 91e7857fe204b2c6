"""The clean-corpus flow: plan shards → per shard clean, validate, write → manifest, report."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.runtime import flow_run

from corpus_clean import __version__
from corpus_clean.pipeline import ALL_STEPS
from corpus_clean.validate import ValidationConfig
from tasks.run_tasks import plan_run, publish_report_task, write_manifest_task
from tasks.shard_tasks import clean_shard_task, validate_shard_task, write_shard_task

# In-process listeners (the CLI's progress bar): called with (shards done, shards total).
progress_listeners: list[Callable[[int, int], None]] = []


def _report_progress(done: int, total: int, artifact_id) -> None:
    update_progress_artifact(artifact_id=artifact_id, progress=100.0 * done / max(total, 1))
    for listener in progress_listeners:
        listener(done, total)


# Shards whose tasks are submitted and not yet written: one being cleaned while the one
# before is validated and written. More would only hold more shard tables in memory
# (with --workers, one shard's batches already keep every worker busy).
SHARDS_IN_FLIGHT = 2


def clean_shards(plan, steps: tuple[str, ...], config: ValidationConfig, docs_dir: str | None, output: str,
                 workers: int, progress_id, max_in_flight: int = SHARDS_IN_FLIGHT) -> list:
    """clean → validate → write for each shard, at most `max_in_flight` at a time, on
    the current flow's task runner; returns the shard summaries in shard order.

    Futures are dropped as soon as a shard is written: a finished future keeps its
    result (the shard's whole table) alive."""
    in_flight: deque = deque()
    summaries = []
    for shard in plan.shards:
        if len(in_flight) >= max_in_flight:
            summaries.append(in_flight.popleft().result())  # a failed shard fails the run here, loudly
            _report_progress(len(summaries), len(plan.shards), progress_id)
        cleaned = clean_shard_task.submit(shard, plan.run_id, steps, workers)
        shard_docs = f"{docs_dir}/{shard.name}" if docs_dir else None  # GX docs show one table per build
        report = validate_shard_task.submit(cleaned, config, shard_docs)
        in_flight.append(write_shard_task.submit(cleaned, report, output))
        del cleaned, report
    while in_flight:
        summaries.append(in_flight.popleft().result())
        _report_progress(len(summaries), len(plan.shards), progress_id)
    return summaries


@flow(name="clean-corpus", log_prints=True)
def clean_corpus(
    input_path: str = "data/raw",
    output_dir: str = "data/out",
    shard_mb: float = 64,
    steps: list[str] = list(ALL_STEPS),
    min_chars: int = ValidationConfig.min_chars,
    languages: list[str] | None = None,
    data_docs: bool = True,
    workers: int = 1,
    dask_address: str | None = None,
) -> dict:
    """Clean every record under `input_path` into Parquet under `output_dir`.

    Writes output_dir/clean/part-*.parquet, output_dir/quarantine/part-*.parquet and
    output_dir/manifest.json; leaves a report artifact in the Prefect UI. With
    `workers` > 1, batches of documents are cleaned in that many processes (one core
    each, even for a single shard); the output is the same. With `dask_address`
    (e.g. "tcp://scheduler:8786"), the shards are cleaned, validated and written on
    that Dask cluster instead; `output_dir` must then be a path every Dask worker sees.
    """
    logger = get_run_logger()
    output = Path(output_dir).resolve()
    params = {"steps": sorted(steps), "min_chars": min_chars, "languages": languages}
    plan = plan_run(input_path, shard_mb, params)
    logger.info("run %s: %d files in %d shards", plan.run_id, len(plan.files), len(plan.shards))

    config = ValidationConfig(min_chars=min_chars, languages=tuple(languages) if languages else None)
    docs_dir = str(output / "data_docs") if data_docs else None
    progress_id = create_progress_artifact(progress=0.0, description="shards written")
    _report_progress(0, len(plan.shards), progress_id)
    shard_args = (plan, tuple(steps), config, docs_dir, str(output))
    if dask_address:
        summaries = _clean_shards_on_dask(dask_address, shard_args, progress_id)
    else:
        summaries = clean_shards(*shard_args, workers, progress_id)

    context = {"input_path": input_path, "output_dir": str(output), "parameters": params,
               "flow_run_id": str(flow_run.get_id()), "pipeline_version": __version__}
    manifest = write_manifest_task(plan, summaries, context, str(output))
    publish_report_task(manifest)
    totals = manifest["totals"]
    logger.info("read %d = clean %d + quarantined %d + skipped %d → %s",
                totals["read"], totals["clean"], totals["quarantined"], totals["skipped"], output)
    return manifest


def _clean_shards_on_dask(address: str, shard_args: tuple, progress_id) -> list:
    """`clean_shards` as a subflow whose tasks run on the Dask cluster at `address`:
    as many shards in flight as the cluster has threads (+1), each task cleaning in its
    own Dask worker (workers=1: no process pool inside a Dask worker). Plan, manifest
    and report stay in this process, so the run is committed here."""
    from distributed import Client
    from prefect_dask import DaskTaskRunner

    with Client(address, timeout=60) as client:
        threads = sum(client.nthreads().values())
    on_dask = flow(name="clean-corpus-shards")(clean_shards).with_options(
        task_runner=DaskTaskRunner(address=address))
    return on_dask(*shard_args, 1, progress_id, max_in_flight=threads + 1)


if __name__ == "__main__":
    clean_corpus()

"""The clean-corpus flow: plan shards → per shard clean, validate, write → manifest, report."""
from __future__ import annotations

from pathlib import Path

from collections.abc import Callable

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.futures import as_completed
from prefect.runtime import flow_run

from corpus_clean import __version__
from corpus_clean.pipeline import ALL_STEPS
from corpus_clean.preflight import RunError, check_run
from corpus_clean.validate import ValidationConfig
from tasks.run_tasks import plan_run, publish_report_task, write_manifest_task
from tasks.shard_tasks import clean_shard_task, validate_shard_task, write_shard_task

# In-process listeners (the CLI's progress bar): called with (shards done, shards total).
progress_listeners: list[Callable[[int, int], None]] = []


def _report_progress(done: int, total: int, artifact_id) -> None:
    update_progress_artifact(artifact_id=artifact_id, progress=100.0 * done / max(total, 1))
    for listener in progress_listeners:
        listener(done, total)


class ShardFailed(RunError):
    """A shard's task failed; the message names the shard, the task and the error."""


def raise_first_failure(shard_name: str, futures: dict) -> None:
    """Raise the error of the shard's first failed task, in pipeline order. (A task
    downstream of a failed one never runs: its own result would only say
    "UnfinishedRun: Run is in PENDING state".)"""
    for task_name, future in futures.items():
        try:
            future.result()
        except Exception as error:  # noqa: BLE001 - reported with where it happened
            raise ShardFailed(f"shard {shard_name} failed in {task_name}: "
                              f"{type(error).__name__}: {error}") from error


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
) -> dict:
    """Clean every record under `input_path` into Parquet under `output_dir`.

    Writes output_dir/clean/part-*.parquet, output_dir/quarantine/part-*.parquet and
    output_dir/manifest.json; leaves a report artifact in the Prefect UI. With
    `workers` > 1, batches of documents are cleaned in that many processes (one core
    each, even for a single shard); the output is the same.
    """
    logger = get_run_logger()
    check_run(input_path, output_dir, shard_mb=shard_mb, workers=workers, min_chars=min_chars)
    output = Path(output_dir).resolve()
    params = {"steps": sorted(steps), "min_chars": min_chars, "languages": languages}
    plan = plan_run(input_path, shard_mb, params)
    logger.info("run %s: %d files in %d shards", plan.run_id, len(plan.files), len(plan.shards))

    config = ValidationConfig(min_chars=min_chars, languages=tuple(languages) if languages else None)
    docs_dir = str(output / "data_docs") if data_docs else None
    progress_id = create_progress_artifact(progress=0.0, description="shards written")
    _report_progress(0, len(plan.shards), progress_id)
    written, stages = [], {}
    for shard in plan.shards:
        cleaned = clean_shard_task.submit(shard, plan.run_id, tuple(steps), workers)
        shard_docs = f"{docs_dir}/{shard.name}" if docs_dir else None  # GX docs show one table per build
        report = validate_shard_task.submit(cleaned, config, shard_docs)
        written.append(write_shard_task.submit(cleaned, report, str(output)))
        stages[written[-1]] = (shard.name, {"clean-shard": cleaned, "validate-shard": report,
                                            "write-shard": written[-1]})
    for done, future in enumerate(as_completed(written), start=1):
        raise_first_failure(*stages[future])  # a failed shard fails the run here, loudly
        _report_progress(done, len(plan.shards), progress_id)
    summaries = sorted((future.result() for future in written), key=lambda s: s.name)

    context = {"input_path": input_path, "output_dir": str(output), "parameters": params,
               "flow_run_id": str(flow_run.get_id()), "pipeline_version": __version__}
    manifest = write_manifest_task(plan, summaries, context, str(output))
    publish_report_task(manifest)
    totals = manifest["totals"]
    logger.info("read %d = clean %d + quarantined %d + skipped %d → %s",
                totals["read"], totals["clean"], totals["quarantined"], totals["skipped"], output)
    return manifest


if __name__ == "__main__":
    clean_corpus()

"""Run-level tasks: plan the shards, then write the manifest and the report artifacts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from corpus_clean.output import remove_stale_outputs
from corpus_clean.readers import InputFile, list_input_files
from corpus_clean.report import build_manifest, report_markdown, report_table
from corpus_clean.shards import Shard, plan_shards, run_fingerprint


@dataclass
class RunPlan:
    files: list[InputFile]
    shards: list[Shard]
    run_id: str


@task(name="plan-shards", cache_policy=NONE)
def plan_run(input_path: str, shard_mb: float, params: dict) -> RunPlan:
    files = list_input_files(input_path)
    shards = plan_shards(files, target_bytes=int(shard_mb * 1024 * 1024))
    return RunPlan(files, shards, run_fingerprint(files, params))


@task(name="write-manifest", cache_policy=NONE)
def write_manifest_task(plan: RunPlan, summaries: list, context: dict, output_dir: str) -> dict:
    """manifest.json (atomically), after clearing outputs no shard of this run wrote."""
    out = Path(output_dir)
    keep = {f"{shard.name}.parquet" for shard in plan.shards}
    for sub in ("clean", "quarantine", "filtered"):
        remove_stale_outputs(out / sub, keep)
    return build_manifest(plan.run_id, plan.files, summaries, context, out)


@task(name="publish-report", cache_policy=NONE)
def publish_report_task(manifest: dict) -> None:
    """The run's report in the Prefect UI: a markdown summary and a per-file table."""
    key = "corpus-clean-report"
    create_markdown_artifact(markdown=report_markdown(manifest), key=key,
                             description="corpus-clean run report")
    create_table_artifact(table=report_table(manifest), key=key + "-files",
                          description="records per input file: read = clean + quarantined + skipped")

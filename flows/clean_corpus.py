"""The clean-corpus flow: under the output's lock, plan the changed inputs → per shard clean,
validate, write into the next version → commit the version → report."""
from __future__ import annotations

import gc
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import pyarrow as pa
from prefect import flow, get_run_logger
from prefect.context import FlowRunContext
from prefect.runtime import deployment, flow_run
from prefect.states import Completed

from corpus_clean import __version__
from corpus_clean.dataset import DEFAULT_KEEP_VERSIONS, writer_lock
from corpus_clean.dedup import DedupParams, index_mismatch
from corpus_clean.dedup_stage import ShardByShardDedup, count_duplicates, decides_shard_by_shard
from corpus_clean.extract import check_language_codes
from corpus_clean.layout import DEDUP_INDEX, OutputLayout
from corpus_clean.parallel import resolve_workers, start_workers, stop_workers
from corpus_clean.processes import skip_final_collections_at_exit
from corpus_clean.report import damaged_files, no_new_records
from corpus_clean.shards import BatchExtras, merge_split_files
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps
from corpus_clean.preflight import PreflightError, RunError, check_arguments, check_run
from corpus_clean.validate import ValidationConfig
from flows.heartbeats import prompt_flow
from tasks.run_tasks import (DocumentProgress, commit_version, open_version, plan_run, publish_report_task,
                             report_key)
from tasks.dedup_tasks import assign_task, finish_dedup_task, move_duplicates_task, rebuild_index_task
from tasks.shard_tasks import clean_shard_task, write_shard_task

# In-process listeners (the CLI's progress bar): called with (documents done, documents expected).
progress_listeners: list[Callable[[int, int], None]] = []

# The flow run's final state when a run added no record: shown by name in the UI, not as
# a plain "Completed", so an empty day is seen.
NO_NEW_RECORDS_STATE = "NoNewRecords"


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


# Shards whose tasks are submitted and not yet written: one being cleaned while the one
# before is validated and written. More would only hold more shard tables in memory
# (with --workers, one shard's batches already keep every worker busy).
SHARDS_IN_FLIGHT = 2


def clean_shards(shards: list, run_id: str, steps: tuple, config: ValidationConfig, docs_dir: str | None,
                 staging: str, dedup: bool, workers: int, on_batch: Callable[[int], None] | None,
                 max_in_flight: int = SHARDS_IN_FLIGHT, one_clean_at_a_time: bool = True,
                 shard_dedup: ShardByShardDedup | None = None,
                 after_cleaning: Callable[[], None] | None = None) -> tuple[list, list[str]]:
    """clean → validate and write each shard into `staging` (with its dedup signatures when
    `dedup`), at most `max_in_flight` shards at a time, on the current flow's task
    runner. Returns the shard summaries (by shard name) and the part names. A failed
    shard fails the run here, naming it (nothing is committed). With `shard_dedup`, each
    shard's duplicates are split out as it is written, so shards are written in order.

    A shard's futures are dropped once it is written: a finished future keeps its
    result (the shard's whole table) alive, so holding them all made memory grow with
    the input. With `one_clean_at_a_time` (local runs: the shards share one process
    pool, or one GIL), a shard's cleaning starts when the previous shard's ends, so
    shard k is validated and written while k+1 is cleaned; cleaning two at once only
    made both finish late, their tables built side by side. `after_cleaning` is called
    once the last shard is cleaned, before the shards still in flight are written (the
    local flow stops its cleaning workers there: idle from then on). With worker processes
    (`workers` > 1), "when the previous shard's ends" is when its last batch is handed
    out: the next shard's first batches queue behind its last ones, so the workers do not
    sit idle while a shard's last batches come back and its table is put together."""
    in_flight: deque = deque()  # (shard name, {task name: future}), oldest first
    summaries, parts = [], []
    previous_written = None

    def finish_oldest() -> None:
        name, stages = in_flight.popleft()
        raise_first_failure(name, stages)
        summaries.append(stages["write-shard"].result())
        del stages
        # A written shard's tables are reachable from reference cycles (task run objects),
        # which only a full collection frees, and one that counts objects, not bytes, runs
        # seldom: without this the flow process grew ~40 MB per shard (1.3 GB at 1 GB of input).
        gc.collect()

    def submit_write(name: str, part: str, cleaned, shard_docs: str | None) -> None:
        nonlocal previous_written
        in_order = [previous_written] if shard_dedup is not None and previous_written is not None else None
        written = write_shard_task.submit(cleaned, config, shard_docs, staging, part, dedup, shard_dedup,
                                          last=name == shards[-1].name, wait_for=in_order)
        in_flight.append((name, {"clean-shard": cleaned, "write-shard": written}))
        previous_written = written

    extras = BatchExtras(signatures=DedupParams() if dedup else None, checks=checks_next_to_cleaning(config, workers))
    previous_clean = previous_read = None
    unsubmitted = None  # (shard name, part, clean future, docs folder): its write waits for its cleaning's end
    for shard in shards:
        if len(in_flight) + (unsubmitted is not None) >= max_in_flight:
            finish_oldest()
        cleaned, previous_read = _submit_clean(shard, run_id, steps, workers, on_batch, extras, one_clean_at_a_time,
                                               previous_clean, previous_read, last=shard is shards[-1])
        shard_docs = f"{docs_dir}/{shard.name}" if docs_dir else None  # GX docs show one table per build
        parts.append(f"part-{run_id}-{shard.index:05d}")
        if not one_clean_at_a_time:  # (Dask: every shard's tasks at once, the cluster runs them as it can)
            submit_write(shard.name, parts[-1], cleaned, shard_docs)
        else:
            _submit_write_once_cleaned(unsubmitted, submit_write)
            unsubmitted = (shard.name, parts[-1], cleaned, shard_docs)
        previous_clean = cleaned
        del cleaned
    _submit_write_once_cleaned(unsubmitted, submit_write)
    del unsubmitted
    if after_cleaning is not None:
        if previous_clean is not None:
            previous_clean.wait()  # (its failure, if any, is raised below, naming the shard)
        after_cleaning()
    del previous_clean, previous_written
    while in_flight:
        finish_oldest()
    return sorted(summaries, key=lambda s: s.name), parts


def _submit_write_once_cleaned(unsubmitted: tuple | None, submit_write: Callable) -> None:
    """Submit a shard's write task once its clean task has ended (called after the next
    shard's cleaning is submitted, so that one is not held up). Why not at once, waiting
    in a thread as before: Prefect asks the server for the state of every future a task
    is given that it has not seen end (``prefect.tasks._infer_parent_task_runs``: a
    synchronous ``GET /api/task_runs/ID``, ~15 ms of the server's CPU), and a running
    upstream task was recorded as the write's *parent*; the write could not start before
    the cleaning's end either way."""
    if unsubmitted is not None:
        name, part, cleaned, shard_docs = unsubmitted
        cleaned.wait()  # (a failed cleaning: the write is skipped and the run names the clean task)
        submit_write(name, part, cleaned, shard_docs)


def _submit_clean(shard, run_id: str, steps: tuple, workers: int, on_batch, extras: BatchExtras, one_at_a_time: bool,
                  previous_clean, previous_read: threading.Event | None, last: bool = False) -> tuple:
    """Submit a shard's clean task; with `one_at_a_time`, to start once the previous shard's
    cleaning (`previous_clean`, a future) is over, or, with worker processes, once the
    previous shard has handed out its last batch (`previous_read`). Returns the future and
    the event the next shard waits for (None without worker processes). `last`: the run's
    last shard, whose last batch this process cleans (``parallel._clean_batches_here_and_in``)."""
    if not one_at_a_time:
        return clean_shard_task.submit(shard, run_id, steps, workers, on_batch, extras), None
    if resolve_workers(workers) == 1:
        after = [previous_clean] if previous_clean is not None else None
        return clean_shard_task.submit(shard, run_id, steps, workers, on_batch, extras, wait_for=after), None
    read = threading.Event()
    return clean_shard_task.submit(shard, run_id, steps, workers, on_batch, extras, previous_read, read, last), read


def checks_next_to_cleaning(config: ValidationConfig, workers: int) -> ValidationConfig | None:
    """Validation's per-row searches are made batch by batch next to the cleaning when
    worker processes clean (they run there, in parallel); with one process, by the
    write task (its validation) over the whole shard, in fewer and larger calls (each call costs ~0.5 ms
    whatever its rows: 0.11 -> 0.07 s of CPU per 20 MB). The dedup signatures stay next
    to the cleaning either way (no cheaper in larger slices)."""
    return config if workers > 1 else None


_frozen_runs = 0
_frozen_runs_lock = threading.Lock()


@contextmanager
def collections_skip_older_objects() -> Iterator[None]:
    """While a run lasts, the garbage collector leaves out the objects that existed before
    it (``gc.freeze``: the imported modules, Prefect's and GX's state, ~430k objects), so
    the full collection after each written shard (``clean_shards``) looks at the run's own
    objects only: 0.21 s -> 0.001 s of CPU per shard, measured at 20 MB with one worker
    (benchmarks/RESULTS-throughput.md, "round 5"). When the last run in the process ends,
    they are handed back to the collector (``gc.unfreeze``)."""
    global _frozen_runs
    with _frozen_runs_lock:
        _frozen_runs += 1
        gc.freeze()
    try:
        yield
    finally:
        with _frozen_runs_lock:
            _frozen_runs -= 1
            if not _frozen_runs:
                gc.unfreeze()


def _clean_shards_on_dask(address: str, *args) -> tuple[list, list[str]]:
    """`clean_shards` as a subflow whose tasks run on the Dask cluster at `address`, as
    many shards in flight as the cluster has threads (+1). Each task cleans in its Dask
    worker (workers=1: no process pool inside a Dask worker; no progress callback, it
    would run on another machine). Planning, dedup and the commit stay in this process."""
    from distributed import Client
    from prefect_dask import DaskTaskRunner

    with Client(address, timeout=60) as client:
        threads = sum(client.nthreads().values())
    on_dask = flow(name="clean-corpus-shards")(clean_shards).with_options(task_runner=DaskTaskRunner(address=address))
    return on_dask(*args, 1, None, max_in_flight=threads + 1, one_clean_at_a_time=False)


def _run_duplicates(staging: str, parts: list[str], shard_dedup: ShardByShardDedup | None,
                    forget: pa.Array) -> Counter:
    """Duplicates per source file of the run, once every shard is written: decided shard by
    shard already (`shard_dedup`: only the index is saved), or now, over the staged
    signatures of every part, and moved out of each part (Dask runs and big local runs).
    `forget`: the ids the files cleaned again had (``VersionBuilder.replaced_ids``)."""
    if shard_dedup is not None:
        # Saved already beside the last shard's writes, unless a conflict left it for now.
        return Counter(shard_dedup.finish() if shard_dedup.finished else finish_dedup_task(shard_dedup))
    assignments = assign_task(staging, parts, f"{staging}/{DEDUP_INDEX}", forget)
    # One part at a time: each reads, splits and rewrites a whole part in memory.
    moved = [move_duplicates_task(staging, part, assignments) for part in parts]
    return sum((Counter(counts) for counts in moved), Counter())  # a file's pieces: several parts


def deployment_name() -> str | None:
    """The name of the deployment the current flow run was started from; None for a run
    called in-process (the CLI, tests, benchmarks), without asking the API.

    Why: ``prefect.runtime.deployment.name`` looks for the deployment id on the run's
    context object, which has none (Prefect 3.8.8), and so reads the whole flow run from
    the API at every call, deployment or not: two round trips per run here. The flow
    run in the context says whether there is a deployment; only then is it asked for."""
    context = FlowRunContext.get()
    if context is not None and context.flow_run is not None and context.flow_run.deployment_id is None:
        return None
    return deployment.name


def start_workers_before_the_run(parameters: dict) -> None:
    """At an in-process call of the flow (a library user's, a benchmark's, a test's),
    before Prefect sets its run up: start the cleaning workers (``parallel.start_workers``,
    in the background), so the worker's start (~0.6 s of CPU: imports, warm-up) overlaps
    the flow run's creation and its first requests (~0.05 s of this process's CPU, a few
    round trips to the server: 0.1-0.4 s of wall), not only the run's planning. The body's
    own ``start_workers`` then finds them started. The CLI starts them earlier still
    (beside the embedded server); a deployment's run starts them in the body. Workers the
    body would refuse (``check_arguments``) or a Dask run are left to the body."""
    if parameters.get("dask_address"):
        return
    try:
        check_arguments(shard_mb=1, workers=parameters.get("workers", 1), min_chars=None)
    except PreflightError:  # the body refuses it, naming the argument
        return
    start_workers(parameters.get("workers", 1))


@prompt_flow(name="clean-corpus", log_prints=True, on_call=start_workers_before_the_run)
def clean_corpus(
    input_path: str = "data/raw",
    output_dir: str = "data/out",
    shard_mb: float = 16,
    steps: list[str] = list(DEFAULT_STEPS),
    min_chars: int = ValidationConfig.min_chars,
    languages: list[str] | None = None,
    data_docs: bool = True,
    workers: int = 1,
    keep_versions: int = DEFAULT_KEEP_VERSIONS,
    dedup: bool = True,
    quality: dict[str, float] | str | None = None,
    dask_address: str | None = None,
):
    """Clean the new and changed files under `input_path` into the next version of `output_dir`.

    Readers see output_dir/clean/*.parquet, quarantine/*.parquet (and duplicates/,
    filtered/) and manifest.json of the current version; the last `keep_versions`
    versions stay under output_dir/versions/. Files unchanged since the last run (same
    bytes, pipeline version and parameters) are not cleaned again. With `workers` > 1,
    batches of documents are cleaned in that many processes. A run that adds no record
    ends in the state named NoNewRecords. `dedup` moves exact and near copies (against
    this run and every earlier version) to duplicates/. `quality` (thresholds on the
    `signals` column, or "gopher") turns on the quality filter: documents it sets aside
    go to filtered/ with the reason. With `dask_address` (e.g. "tcp://scheduler:8786"),
    the shards are cleaned, validated and written on that Dask cluster; `output_dir`
    must then be a path every Dask worker sees.
    """
    logger = get_run_logger()
    # Bad arguments, an unwritable output, unknown step names or thresholds fail here, in
    # one line, before any work. A missing input is not an error for a schedule: the run
    # ends as NoNewRecords and keeps the earlier results (the CLI refuses one up front).
    chosen_steps = resolve_steps([*steps, *(["quality"] if quality else [])], {"quality": {"thresholds": quality}})
    languages = check_language_codes(languages) if languages else None  # a name, not a code, would quarantine all
    check_run(input_path, output_dir, shard_mb=shard_mb, workers=workers, min_chars=min_chars,
              input_must_exist=False, keep_versions=keep_versions, dask_address=dask_address)
    if not dask_address:
        start_workers(workers)  # they start while the run is planned and the version opened
    started_at = datetime.now(timezone.utc)
    layout = OutputLayout(output_dir)
    params = {"steps": [step.name for step in chosen_steps], "min_chars": min_chars, "languages": languages,
              "dedup": dedup, "quality": quality}
    config = ValidationConfig(min_chars=min_chars, languages=tuple(languages) if languages else None)
    docs_dir = layout.data_docs if data_docs else None
    deployed_as = deployment_name()
    if deployed_as is not None:
        # A deployment's run has a process of its own that ends with it: it exits without
        # Python's final garbage collections (1.3-2.2 s of CPU), as the CLI's does.
        skip_final_collections_at_exit()
    key = report_key(deployed_as)

    with writer_lock(layout), collections_skip_older_objects():  # a second run on this output refuses at once
        plan = plan_run(input_path, shard_mb, params, str(layout.root))
        logger.info("run %s: %d files to clean in %d shards, %d unchanged, %d missing from the input",
                    plan.run_id, len(plan.files), len(plan.shards), len(plan.unchanged), len(plan.missing))
        builder = open_version(str(layout.root), plan)
        if dedup and (mismatch := index_mismatch(builder.staging / DEDUP_INDEX)):
            # Before any cleaning; never mix signatures of two algorithms (every copy would be missed).
            rebuilt = rebuild_index_task(str(builder.staging / DEDUP_INDEX), str(layout.current))
            logger.warning("the dedup index %s; rebuilt it from version %s's texts (documents re-signed: %d; "
                           "dropped, no text left in the version: %d)", mismatch,
                           layout.current.resolve().name, rebuilt.resigned, rebuilt.dropped)
        progress = DocumentProgress(plan.expected_records, list(progress_listeners)).start()
        shard_args = (plan.shards, plan.run_id, chosen_steps, config, docs_dir, str(builder.staging), dedup)
        if dask_address:
            summaries, parts = _clean_shards_on_dask(dask_address, *shard_args)
            shard_dedup = None
        else:
            # Local runs of up to dedup_stage.SHARD_BY_SHARD_MAX_RECORDS documents decide each
            # shard's duplicates as it is written (the index loads here); bigger ones stage
            # signatures and decide after cleaning, as on Dask (a lower peak of memory).
            shard_dedup = (ShardByShardDedup(builder.staging, builder.staging / DEDUP_INDEX,
                                             forget=builder.replaced_ids)
                           if dedup and decides_shard_by_shard(plan.expected_records) else None)
            # The workers are stopped once the last shard is cleaned: idle from there on, their
            # memory is the flow's for the last shards' writing, dedup and the commit.
            summaries, parts = clean_shards(*shard_args, workers, progress.advance, shard_dedup=shard_dedup,
                                            after_cleaning=stop_workers)
            stop_workers()  # (done already, unless a shard failed first)
        merge_split_files(summaries)  # a big file's pieces, cleaned in several shards, counted as one file
        progress.finish(wait=False)  # (sent while duplicates are decided and the version commits)
        if dedup:  # copies of one article usually sit in different shards
            count_duplicates(summaries, _run_duplicates(str(builder.staging), parts, shard_dedup, builder.replaced_ids))
        context = {"input_path": input_path, "output_dir": str(layout.root), "parameters": params,
                   "flow_run_id": str(flow_run.get_id()), "deployment": deployed_as,
                   "pipeline_version": __version__}
        manifest, runs = commit_version(builder, plan, summaries, context, started_at, keep_versions)

    progress.sent()
    publish_report_task(manifest, runs, key)
    totals = manifest["totals"]
    logger.info("version %s: read %d = clean %d + quarantined %d + duplicates %d + filtered %d + skipped %d; "
                "files cleaned %d, unchanged %d", manifest["version"], totals["read"], totals["clean"],
                totals["quarantined"], totals["duplicates"], totals["filtered"], totals["skipped"],
                totals["files_processed"], totals["files_unchanged"])
    for reason in damaged_files(manifest):
        logger.warning("damaged input, read up to the damage: %s", reason)
    if no_new_records(manifest):
        message = ("no new records: input path missing" if plan.input_missing else
                   f"no new records ({totals['files_unchanged']} files unchanged, {totals['files_processed']} cleaned)")
        logger.warning("%s; version %s keeps the earlier results", message, manifest["version"])
        return Completed(name=NO_NEW_RECORDS_STATE, message=message, data=manifest)
    return manifest


if __name__ == "__main__":
    clean_corpus()

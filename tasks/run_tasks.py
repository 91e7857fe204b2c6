"""Run-level tasks: plan the inputs, open and commit a dataset version, publish the report."""
from __future__ import annotations

import contextvars
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

from prefect import task
from prefect.artifacts import (create_markdown_artifact, create_progress_artifact, create_table_artifact,
                               update_progress_artifact)
from prefect.cache_policies import NONE

from corpus_clean import __version__
from corpus_clean.card import dataset_card
from corpus_clean.dataset import (DamagedVersion, VersionBuilder, append_run_log, check_output_root, clean_copies_again,
                                  estimate_records, plan_inputs, read_input_index, remove_abandoned_staging)
from corpus_clean.layout import OutputLayout
from corpus_clean.readers import InputFile, list_input_files
from corpus_clean.report import (add_timing, build_manifest, check_accounting, report_markdown, report_table,
                                 run_log_entry, validation_table)
from corpus_clean.output import write_json
from corpus_clean.shards import Shard, plan_shards, run_fingerprint
from tasks.retries import IO_RETRIES



@dataclass
class RunPlan:
    files: list[InputFile]               # cleaned by this run (new or changed)
    unchanged: list[InputFile]
    missing: list[str]                   # indexed before, gone from the input: rows kept
    index: dict[str, dict]
    shards: list[Shard]
    run_id: str
    expected_records: int = 0
    input_missing: bool = False


@task(name="plan-inputs", cache_policy=NONE, **IO_RETRIES)
def plan_run(input_path: str, shard_mb: float, params: dict, output_dir: str) -> RunPlan:
    """List the inputs, key each by content hash + version + parameters, keep the changed ones."""
    try:
        listed = list_input_files(input_path)
        input_missing = False
    except FileNotFoundError:  # an unmounted or not-yet-created input: nothing new, nothing removed
        listed, input_missing = [], True
    now = datetime.now(timezone.utc).isoformat()
    previous = read_input_index(OutputLayout(output_dir))
    inputs = plan_inputs(listed, previous, __version__, params, now=now)
    if params.get("dedup"):
        clean_copies_again(inputs, previous, OutputLayout(output_dir))
        order = {file.source: k for k, file in enumerate(listed)}
        inputs.to_process.sort(key=lambda file: order[file.source])  # (the run's record order: the listing's)
    shards = plan_shards(inputs.to_process, target_bytes=int(shard_mb * 1024 * 1024))
    run_id = run_fingerprint(inputs.to_process, {**params, "keys": [inputs.index[f.source]["key"] for f in inputs.to_process]})
    return RunPlan(inputs.to_process, inputs.unchanged, inputs.missing, inputs.index, shards, run_id,
                   sum(estimate_records(f) for f in inputs.to_process), input_missing)


@task(name="open-version", cache_policy=NONE, **IO_RETRIES)
def open_version(output_dir: str, plan: RunPlan) -> VersionBuilder:
    """Start the next version: the current one's rows, minus those of the files cleaned again."""
    layout = OutputLayout(output_dir)
    check_output_root(layout)
    remove_abandoned_staging(layout)  # under the lock: no other run is building one
    builder = VersionBuilder(layout, replaced_sources={f.source for f in plan.files})
    try:
        builder.carry_over()
    except DamagedVersion:
        builder.abort()  # nothing of this run stays behind
        raise
    return builder


@task(name="commit-version", cache_policy=NONE)
def commit_version(builder: VersionBuilder, plan: RunPlan, summaries: list, context: dict,
                   started_at: datetime, keep_versions: int) -> tuple[dict, list[dict]]:
    """Manifest + dataset card, then the atomic switch to the new version; returns the
    manifest and the run log (for the trend charts). Bad accounting commits nothing."""
    layout = builder.layout
    manifest = build_manifest(plan.run_id, plan.files, summaries, context, plan.unchanged, plan.missing)
    manifest["input_missing"] = plan.input_missing
    manifest["shards"] = len(summaries)
    manifest["base_version"] = builder.base
    manifest["version"] = builder.next_number()
    builder.compact()
    manifest["dataset"] = builder.table_stats()
    manifest["dataset_languages"] = builder.language_counts()
    manifest["output"].update({kind: str(layout.table_dir(kind)) for kind in manifest["dataset"]})
    manifest["output"]["version_dir"] = str(layout.version_dir(manifest["version"]))
    add_timing(manifest, started_at, datetime.now(timezone.utc))
    if not manifest["accounting_ok"]:
        write_json(manifest, layout.rejected_manifest)
        builder.abort()
        check_accounting(manifest, str(layout.rejected_manifest))
    builder.commit(manifest, dataset_card(manifest), plan.index, keep_versions)
    runs = append_run_log(layout, run_log_entry(manifest))
    return manifest, runs


def report_key(deployment_name: str | None) -> str:
    """Artifact key: one per deployment, so each schedule's reports form their own history.

    >>> report_key("daily-sample"), report_key(None), report_key("Hourly Incoming!")
    ('corpus-clean-daily-sample', 'corpus-clean-report', 'corpus-clean-hourly-incoming')
    """
    if not deployment_name:
        return "corpus-clean-report"
    return "corpus-clean-" + re.sub(r"[^a-z0-9]+", "-", deployment_name.lower()).strip("-")


# A thread that sends an artifact request to the Prefect server while the flow goes on:
# each is a synchronous request whose answer waits for the server.
_SENDERS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corpus-clean-artifacts")


def in_background(call: Callable, /, *args, **kwargs) -> Future:
    """`call(*args, **kwargs)` in a sender thread, in the caller's context (the flow or task
    run the artifact belongs to, the Prefect client and settings: ``contextvars``).

    Why: an artifact is one request that the flow otherwise sat waiting for, 10-200 ms of
    wall each (the server records it behind the run's events) for ~1-3 ms of this
    process's CPU.

    >>> in_background(sum, [1, 2]).result()
    3
    """
    return _SENDERS.submit(contextvars.copy_context().run, call, *args, **kwargs)


@task(name="publish-report", cache_policy=NONE)
def publish_report_task(manifest: dict, runs: list[dict], key: str) -> None:
    """The run's report in the Prefect UI: markdown with charts, per-file and validation tables."""
    create_markdown_artifact(markdown=report_markdown(manifest, runs), key=key,
                             description="corpus-clean run report")
    create_table_artifact(table=report_table(manifest), key=key + "-files",
                          description="records per input file: read = clean + quarantined + skipped")
    create_table_artifact(table=validation_table(manifest), key=key + "-validation",
                          description="Great Expectations: every expectation's result in this run")


@dataclass
class DocumentProgress:
    """A progress artifact that moves with documents cleaned (not shards), updated at most
    once every `min_seconds` and only when it moved by `min_step` percent or more; `listeners`
    (the CLI's bar) hear every batch.

    Why so seldom: each update is an API call, an event, and a row the server writes
    (11-13 ms of the server's CPU and 4-5 ms of this process's, measured by
    ``benchmarks/prefect_traffic.py --unit-costs``); once a second and per whole percent made 17 of
    a 20 MB run's 32 requests and 120 at 100 MB under load. In steps of 5 % a run makes at
    most 20 (the steps, the end), however long it lasts; the UI's bar still moves.

    The artifact is created in a sender thread (``in_background``): the run's first batch
    no longer waits for the server's answer (median 106 -> 22 ms from the version opened
    to the first batch, ``benchmarks/RESULTS-throughput.md``, "Round 17, flow17"). Its
    updates are sent from that thread too, in order after it (round 20): the batch that
    made one due no longer waits for the server's answer, nor does the flow for the last
    one (``finish(wait=False)``) while it decides duplicates and commits; ``sent`` waits
    for them all, and raises the first error.

    >>> progress = DocumentProgress(100, min_seconds=0)
    >>> progress._due(4.0), progress._due(5.0)
    (False, True)
    """

    expected: int
    listeners: list[Callable[[int, int], None]] = field(default_factory=list)
    done: int = 0
    min_seconds: float = 2.0  # between two updates of the artifact
    min_step: float = 5.0     # percent moved since the last update
    _last: float = 0.0
    _last_percent: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _created: Future | None = None
    _sending: list[Future] = field(default_factory=list)  # updates sent or queued, not yet waited for

    @property
    def artifact_id(self):
        """The artifact's id, once the server has created it (None before ``start``)."""
        return self._created.result() if self._created is not None else None

    def start(self) -> "DocumentProgress":
        # Created at 0 %: no update follows at once (it used to, setting 0 % again).
        self._created = in_background(create_progress_artifact, progress=0.0, description="documents cleaned")
        self._last, self._last_percent = time.monotonic(), 0.0
        self._tell()
        return self

    def advance(self, documents: int) -> None:
        with self._lock:
            self.done += documents
            self._tell()

    def finish(self, wait: bool = True) -> None:
        """The artifact at 100 %; with `wait`, once it (and every update before) is sent."""
        with self._lock:
            self.expected = self.done = max(self.done, 0)
            self._tell(force=True, percent=100.0)
        if wait:
            self.sent()

    def sent(self) -> None:
        """Wait until every update is sent; raise the first that failed."""
        with self._lock:
            sending, self._sending = self._sending, []
        for update in sending:
            update.result()

    def _send(self, value: float) -> None:
        update_progress_artifact(artifact_id=self.artifact_id, progress=value)

    def _tell(self, force: bool = False, percent: float | None = None) -> None:
        total = max(self.expected, self.done, 1)
        for listener in self.listeners:
            listener(self.done, total)
        # A record estimate can run short (blank lines...): stay under 100 % until the end.
        value = percent if percent is not None else min(99.0, 100.0 * self.done / total)
        if force or self._due(value):
            self._last, self._last_percent = time.monotonic(), value
            self._sending.append(in_background(self._send, value))  # (after the creation: one sender thread)

    def _due(self, value: float) -> bool:
        """Enough time and enough progress since the artifact's last update."""
        return time.monotonic() - self._last >= self.min_seconds and value - self._last_percent >= self.min_step

"""tasks.run_tasks on a real Prefect server: the progress artifact's API calls stay few
whatever the number of batches."""
from __future__ import annotations

import pytest
from prefect import flow
from prefect.client.orchestration import get_client

import tasks.run_tasks as run_tasks
from tasks.run_tasks import DocumentProgress

pytestmark = pytest.mark.usefixtures("prefect_server")


def stored_artifact(artifact_id: str) -> list:
    """The artifact with this id, asked of the server by id: a plain read_artifacts() returns
    only the server's first page (200), and the suite's shared server holds far more."""
    import asyncio
    from uuid import UUID

    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterId

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(id=ArtifactFilterId(any_=[UUID(artifact_id)])))

    return asyncio.run(read())


@pytest.mark.parametrize("min_step, expected_updates", [(1.0, 99 + 1), (5.0, 19 + 1)])
def test_progress_artifact_updates_at_most_once_per_step(monkeypatch, min_step, expected_updates):
    """2,000 batches of one document, with no minimum time between updates: the listener
    hears every batch, the artifact (one API call per update, created at 0 %) only each
    move of `min_step` percent and the end; it ends at 100 %."""
    updates: list[float] = []
    real_update = run_tasks.update_progress_artifact

    def counted(artifact_id, progress):  # the real call, counted
        updates.append(progress)
        return real_update(artifact_id=artifact_id, progress=progress)

    monkeypatch.setattr(run_tasks, "update_progress_artifact", counted)
    heard: list[tuple[int, int]] = []

    @flow(name="progress-updates")
    def run() -> str:
        progress = DocumentProgress(2000, [lambda done, total: heard.append((done, total))], min_seconds=0,
                                    min_step=min_step).start()
        for _ in range(2000):
            progress.advance(1)
        progress.finish()
        return str(progress.artifact_id)

    artifact_id = run()
    assert len(heard) == 2002 and heard[-1] == (2000, 2000)
    assert len(updates) == expected_updates  # each step up to 99 %, the end
    assert updates[0] == min_step and updates[-1] == 100.0
    assert all(later - earlier >= min_step for earlier, later in zip(updates[:-2], updates[1:-1]))

    stored = stored_artifact(artifact_id)
    assert stored and stored[0].data == 100.0


def test_the_progress_artifact_does_not_hold_up_the_runs_first_batch(monkeypatch, tmp_path):
    """Fault injection: the progress artifact's creation answered late (the real call,
    delayed by more than a cold process takes to reach its first batch). The run's first
    batch starts while it is still being created; the run ends, its report stored. Fails
    on main (the first batch waited for the progress artifact)."""
    import threading
    import time

    import corpus_clean.shards as shards
    from flows.clean_corpus import clean_corpus
    from tests.conftest import write_small_corpus

    delays = {"create_progress_artifact": 3.0, "create_markdown_artifact": 0.0, "create_table_artifact": 0.0}
    requests: dict[str, list[tuple[float, float]]] = {}
    lock = threading.Lock()

    def late(name, real):
        def call(*args, **kwargs):
            started = time.monotonic()
            time.sleep(delays[name])
            result = real(*args, **kwargs)
            with lock:
                requests.setdefault(name, []).append((started, time.monotonic()))
            return result
        return call

    for name in delays:
        monkeypatch.setattr(run_tasks, name, late(name, getattr(run_tasks, name)))
    first_batch: list[float] = []
    real_clean_batch = shards.clean_batch

    def clean_batch(*args, **kwargs):
        first_batch.append(time.monotonic())
        return real_clean_batch(*args, **kwargs)

    monkeypatch.setattr(shards, "clean_batch", clean_batch)
    corpus = write_small_corpus(tmp_path)
    manifest = clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "out"), data_docs=False)

    assert manifest["totals"]["clean"] == 2
    [(_, created)] = requests["create_progress_artifact"]
    assert first_batch and first_batch[0] < created
    assert len(requests["create_markdown_artifact"] + requests["create_table_artifact"]) == 3


def test_progress_updates_do_not_hold_up_the_batches_nor_the_flows_end(monkeypatch):
    """Fault injection: each update of the progress artifact answered late (the real call
    after 0.5 s). The batches that make updates due (every 25 %) go on at once, and so does
    the flow after ``finish(wait=False)``; ``sent`` then waits for every update, and the
    artifact ends at 100 %. Fails on main (each due batch waited for its update: >= 1.5 s)."""
    import time

    real_update = run_tasks.update_progress_artifact
    sent: list[float] = []

    def late(artifact_id, progress):
        time.sleep(0.5)
        real_update(artifact_id=artifact_id, progress=progress)
        sent.append(progress)

    monkeypatch.setattr(run_tasks, "update_progress_artifact", late)

    @flow(name="progress-in-background")
    def run() -> tuple[float, float, str]:
        progress = DocumentProgress(100, min_seconds=0, min_step=25.0).start()
        progress.artifact_id  # created (its own request is not what is timed here)
        started = time.monotonic()
        for _ in range(100):
            progress.advance(1)
        progress.finish(wait=False)
        advancing = time.monotonic() - started
        progress.sent()
        return advancing, time.monotonic() - started, str(progress.artifact_id)

    advancing, until_sent, artifact_id = run()
    assert sent == [25.0, 50.0, 75.0, 100.0]
    assert advancing < 0.5 <= 4 * 0.5 <= until_sent + 0.05

    stored = stored_artifact(artifact_id)
    assert stored and stored[0].data == 100.0

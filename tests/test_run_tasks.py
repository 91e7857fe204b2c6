"""tasks.run_tasks on a real Prefect server: the progress artifact's API calls stay few
whatever the number of batches."""
from __future__ import annotations

import pytest
from prefect import flow
from prefect.client.orchestration import get_client

import tasks.run_tasks as run_tasks
from tasks.run_tasks import DocumentProgress

pytestmark = pytest.mark.usefixtures("prefect_server")


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

    async def read():
        async with get_client() as client:
            return await client.read_artifacts()

    import asyncio

    stored = [a for a in asyncio.run(read()) if str(a.id) == artifact_id]
    assert stored and stored[0].data == 100.0


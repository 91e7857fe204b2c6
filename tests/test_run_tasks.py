"""tasks.run_tasks on a real Prefect server: the progress artifact's API calls stay few
whatever the number of batches."""
from __future__ import annotations

import pytest
from prefect import flow
from prefect.client.orchestration import get_client

import tasks.run_tasks as run_tasks
from tasks.run_tasks import DocumentProgress

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_progress_artifact_updates_at_most_once_per_whole_percent(monkeypatch):
    """2,000 batches of one document, with no minimum time between updates: the listener
    hears every batch, the artifact (one API call per update) only the start, each move
    of the whole percent, and the end; it ends at 100 %."""
    updates: list[float] = []
    real_update = run_tasks.update_progress_artifact

    def counted(artifact_id, progress):  # the real call, counted
        updates.append(progress)
        return real_update(artifact_id=artifact_id, progress=progress)

    monkeypatch.setattr(run_tasks, "update_progress_artifact", counted)
    heard: list[tuple[int, int]] = []

    @flow(name="progress-updates")
    def run() -> str:
        progress = DocumentProgress(2000, [lambda done, total: heard.append((done, total))], min_seconds=0).start()
        for _ in range(2000):
            progress.advance(1)
        progress.finish()
        return str(progress.artifact_id)

    artifact_id = run()
    assert len(heard) == 2002 and heard[-1] == (2000, 2000)
    assert len(updates) == 1 + 99 + 1  # the start, each whole percent 1..99, the end
    assert updates[0] == 0.0 and updates[-1] == 100.0
    assert len({int(value) for value in updates[1:-1]}) == len(updates) - 2

    async def read():
        async with get_client() as client:
            return await client.read_artifacts()

    import asyncio

    stored = [a for a in asyncio.run(read()) if str(a.id) == artifact_id]
    assert stored and stored[0].data == 100.0


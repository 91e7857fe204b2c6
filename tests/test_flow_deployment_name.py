"""flows.clean_corpus.deployment_name: None for a flow called in-process, without the two
API reads of the flow run that ``prefect.runtime.deployment.name`` made per run (round 10).
A deployment's run still gets its name: tests/test_deployments.py checks the manifest's
"deployment" of runs started by a worker."""
from __future__ import annotations

import pytest
from prefect import flow
from prefect.client.orchestration import PrefectClient
from prefect.runtime import deployment

from flows.clean_corpus import deployment_name

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture
def flow_run_reads(monkeypatch) -> list:
    """Counts the client's reads of a flow run (the real call is made)."""
    reads = []
    read = PrefectClient.read_flow_run

    async def counted(self, flow_run_id):
        reads.append(flow_run_id)
        return await read(self, flow_run_id)

    monkeypatch.setattr(PrefectClient, "read_flow_run", counted)
    return reads


@flow(name="deployment-name-in-process")
def names() -> tuple:
    return deployment_name(), deployment.name


def test_an_in_process_run_has_no_deployment_and_asks_no_api(flow_run_reads):
    @flow(name="deployment-name-ours")
    def ours():
        return deployment_name()

    assert ours() is None
    assert flow_run_reads == []


def test_it_agrees_with_prefects_runtime(flow_run_reads):
    """Prefect's own answer is the same, and it is the one that reads the flow run."""
    assert names() == (None, None)
    assert len(flow_run_reads) == 1


def test_outside_a_flow_run_it_is_prefects_answer():
    assert deployment_name() is None

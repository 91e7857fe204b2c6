"""flows.heartbeats: a flow called in-process returns when its work ends, not at the next
whole second, and still sends its run's heartbeat events (what crash detection watches)."""
from __future__ import annotations

import time

import pytest
from prefect import flow
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from flows.heartbeats import HEARTBEAT_EVENT, PromptFlow, heartbeats_while_running, prompt_flow

pytestmark = pytest.mark.usefixtures("prefect_server")

WORK_SECONDS = 0.05  # just after a tick of Prefect's 1-second sleep loop: the plain run waits ~0.95 s


def _work() -> dict:
    started = time.perf_counter()
    while time.perf_counter() - started < WORK_SECONDS:
        pass
    return {"run_id": str(FlowRunContext.get().flow_run.id)}


def _body() -> dict:
    with heartbeats_while_running() as beats:
        result = _work()
    return {**result, "sent": beats.sent, "frequency": beats.frequency}


plain = flow(name="heartbeat-plain")(_work)
prompt = PromptFlow(fn=_body, name="heartbeat-prompt")


def _wait_after_work(run) -> float:
    """Seconds a call takes beyond its work (best of 3: Prefect's own API calls vary)."""
    waits = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        waits.append(time.perf_counter() - started - WORK_SECONDS)
    return min(waits)


def test_a_prompt_flow_returns_without_waiting_for_the_heartbeat_tick():
    plain_wait, prompt_wait = _wait_after_work(plain), _wait_after_work(prompt)
    # Prefect's loop rounds the run up to a whole second: ~0.95 s of waiting here.
    assert plain_wait > 0.8, plain_wait
    assert prompt_wait < plain_wait - 0.5, (prompt_wait, plain_wait)


def test_the_prompt_flow_sends_its_runs_heartbeat_event():
    result = prompt()
    assert result["frequency"] == 180  # Prefect's default, handed over
    assert len(result["sent"]) == 1  # one at the start; the next would be 180 s later
    event = result["sent"][0]
    assert event.event == HEARTBEAT_EVENT
    assert event.resource.id == f"prefect.flow-run.{result['run_id']}"
    assert "flow" in {related.role for related in event.related}


def test_heartbeats_turned_off_stay_off_and_prefects_own_loop_is_not_doubled():
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        assert prompt()["sent"] == []
    # Run as a deployment's worker would (the engine, not __call__): Prefect's loop sends.
    from prefect.flow_engine import run_flow

    assert run_flow(prompt, parameters={})["sent"] == []


def test_the_clean_corpus_flow_is_a_prompt_flow_with_its_parameters():
    from flows.clean_corpus import clean_corpus

    assert isinstance(clean_corpus, PromptFlow)
    assert "input_path" in clean_corpus.parameters.properties
    assert clean_corpus.name == "clean-corpus"


def test_prompt_flow_decorator_wraps_the_body():
    @prompt_flow(name="heartbeat-decorated")
    def decorated(x: int) -> int:
        """Doubles."""
        return 2 * x

    assert decorated(21) == 42
    assert decorated.description == "Doubles."

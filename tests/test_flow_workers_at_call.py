"""Round 19 (flow19): an in-process call of the clean-corpus flow starts its cleaning
workers before Prefect sets the run up (``PromptFlow.on_call``,
``start_workers_before_the_run``), so the worker's start overlaps the flow run's creation.

Fails on main: there the workers start in the body, so at the body's first line no pool
is started; and ``PromptFlow`` takes no ``on_call``.
"""
from __future__ import annotations

import json

import pytest

from corpus_clean import parallel
from flows.heartbeats import PromptFlow, prompt_flow

TEXT = "The harbour board approved the new ferry timetable after a long public hearing on Tuesday. " * 4


def _corpus(tmp_path, n: int = 6):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": f"d{i}", "text": f"Story {i}. {TEXT}"}) for i in range(n)]
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_the_workers_are_started_when_the_body_begins(tmp_path, prefect_server, monkeypatch):
    import flows.clean_corpus as flow_module

    seen = {}
    check_run = flow_module.check_run

    def first_line_of_the_body(*args, **kwargs):
        seen["started pools"] = len(parallel._starts)
        return check_run(*args, **kwargs)

    monkeypatch.setattr(flow_module, "check_run", first_line_of_the_body)
    parallel.stop_workers()
    manifest = flow_module.clean_corpus(input_path=str(_corpus(tmp_path)), output_dir=str(tmp_path / "out"),
                                        data_docs=False, workers=2)
    assert seen["started pools"] == 1
    assert manifest["totals"]["read"] == 6
    assert not parallel._pools  # stopped by the run, as before


@pytest.mark.parametrize("parameters", [{"workers": -1}, {"workers": True}, {"workers": 10**6},
                                        {"workers": 2, "dask_address": "tcp://nowhere:1"}])
def test_workers_the_body_refuses_or_a_dask_run_start_nothing_at_the_call(parameters):
    from flows.clean_corpus import start_workers_before_the_run

    parallel.stop_workers()
    start_workers_before_the_run(parameters)
    assert not parallel._pools and not parallel._starts


def test_on_call_gets_the_calls_parameters_by_name_with_defaults(prefect_server):
    calls = []

    @prompt_flow(name="on-call-probe", on_call=calls.append)
    def probe(a: int, b: int = 2, c: str = "x") -> int:
        return a + b

    assert isinstance(probe, PromptFlow)
    assert probe(1, c="y") == 3
    assert calls == [{"a": 1, "b": 2, "c": "y"}]

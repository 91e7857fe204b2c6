"""Flow-run heartbeats that stop as soon as the flow's body returns.

Prefect sends a flow run's heartbeat events (what its crash detection watches) from a
thread that sleeps in 1-second steps, and a *sync* flow run joins that thread before it
returns (``prefect.flow_engine._send_heartbeats``, the same in 3.8.8 and 3.9.1, the
newest release). So a run called in-process returns only at the next whole second of its
duration: a flow whose work takes 0.1, 0.5 or 0.9 s returns after ~1.08 s, and a 20 MB
run's 3.6 s after 4.08 s. The heartbeat *frequency* (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``,
180 s by default, at least 30) does not change the 1-second steps.

So a flow declared with ``PromptFlow`` and called in-process (the CLI, benchmarks,
tests) runs with Prefect's loop off for that call only, and its body sends the same
events itself (``heartbeats_while_running``): the event Prefect sends
(``prefect.flow-run.heartbeat``, the flow run as resource, its flow, deployment and tags
as related), first at once, then every `frequency` seconds, from a thread that wakes up
on an Event and so stops at once. A run started by a worker from a deployment goes
through Prefect's engine, not ``__call__``: Prefect's own loop runs there, and the
body's sends nothing (its process ends with the run, so the wait costs nothing there).
A frequency set to nothing (heartbeats off) stays off.
"""
from __future__ import annotations

import contextvars
import functools
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from prefect import Flow
from prefect.context import FlowRunContext, SettingsContext, get_settings_context
from prefect.events import emit_event
from prefect.events.related import tags_as_related_resources
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, Settings, get_current_settings

HEARTBEAT_EVENT = "prefect.flow-run.heartbeat"

# The frequency handed from ``PromptFlow.__call__`` to the body's heartbeats (unset:
# the run was not started by that call, so Prefect's own loop is the one running).
_handed_over: contextvars.ContextVar[int | None] = contextvars.ContextVar("heartbeat_frequency", default=None)


class PromptFlow(Flow):
    """A Prefect flow whose in-process calls return as soon as the run ends (module
    docstring); its body must run inside ``heartbeats_while_running()`` (``prompt_flow``
    does that).

    `on_call`: called with the call's parameters (by name, defaults filled in) before
    Prefect creates the run, for work that can start while the run is set up (the
    clean-corpus flow starts its cleaning workers there); an in-process call only."""

    def __init__(self, *args, on_call: Callable[[dict], None] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_call = on_call

    def __call__(self, *args, **kwargs):
        if self.on_call is not None:
            self.on_call(_call_parameters(self.fn, args, kwargs))
        frequency = get_current_settings().flows.heartbeat_frequency
        if frequency is None:  # heartbeats turned off by the user: nothing to hand over
            return super().__call__(*args, **kwargs)
        context = get_settings_context()
        token = _handed_over.set(frequency)
        try:
            with SettingsContext(profile=context.profile, settings=_without_prefects_loop(context.settings)):
                return super().__call__(*args, **kwargs)
        finally:
            _handed_over.reset(token)


def _call_parameters(fn: Callable, args: tuple, kwargs: dict) -> dict:
    """`fn`'s parameters for a call with `args` and `kwargs`, by name, defaults filled in;
    {} for a call that does not fit (Prefect refuses it, naming the parameter).

    >>> def f(a, b=2, *, c=3): ...
    >>> _call_parameters(f, (1,), {"c": 4}), _call_parameters(f, (), {"d": 1})
    ({'a': 1, 'b': 2, 'c': 4}, {})
    """
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except TypeError:
        return {}
    bound.apply_defaults()
    return dict(bound.arguments)


# Settings without Prefect's heartbeat loop, by the settings they were made from: making
# them (``temporary_settings``) validates every setting again, 0.1-0.2 s per call here.
_derived: dict[int, tuple[Settings, Settings]] = {}


def _without_prefects_loop(settings: Settings) -> Settings:
    made = _derived.get(id(settings))
    if made is None or made[0] is not settings:
        made = (settings, settings.copy_with_update(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))
        _derived.clear()  # only the latest is kept (and with it, the id stays valid)
        _derived[id(settings)] = made
    return made[1]


def prompt_flow(on_call: Callable[[dict], None] | None = None, **options):
    """``@flow(**options)`` for a ``PromptFlow`` whose body sends its own heartbeats
    (`on_call`: see ``PromptFlow``)."""
    def decorate(fn):
        @functools.wraps(fn)  # Prefect reads the parameters and docstring through it
        def body(*args, **kwargs):
            with heartbeats_while_running():
                return fn(*args, **kwargs)
        return PromptFlow(fn=body, on_call=on_call, **options)
    return decorate


@dataclass
class Heartbeats:
    """The heartbeat events one flow run's body sent (kept for tests and logs)."""

    frequency: int | None
    sent: list = field(default_factory=list)


@contextmanager
def heartbeats_while_running() -> Iterator[Heartbeats]:
    """In a ``PromptFlow``'s body: send the run's heartbeat events until the body ends.
    Sends nothing when Prefect's own loop runs (a deployment run, heartbeats off)."""
    frequency = _handed_over.get()
    context = FlowRunContext.get()
    beats = Heartbeats(frequency)
    if frequency is None or context is None or context.flow_run is None \
            or get_current_settings().flows.heartbeat_frequency is not None:
        yield beats
        return
    resource, related = _heartbeat_resources(context)
    stop = threading.Event()

    def send_until_stopped() -> None:
        while True:
            event = emit_event(event=HEARTBEAT_EVENT, resource=resource, related=related)
            if event is not None:
                beats.sent.append(event)
            if stop.wait(frequency):
                return

    # The thread sees this context's settings (API URL), as Prefect's own loop does.
    thread = threading.Thread(target=contextvars.copy_context().run, args=(send_until_stopped,),
                              name="flow-run-heartbeats", daemon=True)
    thread.start()
    try:
        yield beats
    finally:
        # Not joined: a send under way finishes on its own; the run does not wait for it.
        stop.set()


def _heartbeat_resources(context: FlowRunContext) -> tuple[dict[str, str], list]:
    """The resource and related resources of the flow run's heartbeat event, as Prefect
    names them (``FlowRunEngine._build_heartbeat_event_template``)."""
    from prefect import __version__

    run = context.flow_run
    resource = {"prefect.resource.id": f"prefect.flow-run.{run.id}",
                "prefect.resource.name": run.name or "", "prefect.version": __version__}
    related = []
    if run.flow_id:
        related.append({"prefect.resource.id": f"prefect.flow.{run.flow_id}", "prefect.resource.role": "flow",
                        "prefect.resource.name": context.flow.name if context.flow else ""})
    if run.deployment_id:
        related.append({"prefect.resource.id": f"prefect.deployment.{run.deployment_id}",
                        "prefect.resource.role": "deployment"})
    return resource, related + [r.model_dump() for r in tags_as_related_resources(set(run.tags or []))]

"""The step registry: every pipeline step by name, in pipeline order.

Adding a step is one module (a ``Step`` subclass) plus one line in ``STEPS`` below (plus
a schema entry in schemas/record_schema.json if it fills a column). Names are checked
once, when the flow or the CLI starts, by ``resolve_steps``:

>>> [step.name for step in resolve_steps(["metadata", "mojibake"])]
['mojibake', 'metadata']
>>> resolve_steps(["bolierplate"])
Traceback (most recent call last):
...
corpus_clean.steps.base.UnknownStepError: unknown step 'bolierplate'; valid steps: mojibake, boilerplate, metadata, signals, quality
"""
from __future__ import annotations

from collections.abc import Iterable

from corpus_clean.steps.base import Filter, Step, StepStats, UnknownStepError
from corpus_clean.steps.builtin import ExtractMetadata, RepairMojibake, StripBoilerplate
from corpus_clean.steps.quality import QualityFilter, QualitySignals

# Pipeline order: a run executes the chosen steps in this order, whatever order they are named in.
STEPS: dict[str, type[Step]] = {step.name: step for step in (
    RepairMojibake,
    StripBoilerplate,
    ExtractMetadata,
    QualitySignals,
    QualityFilter,
)}

#: What a run does when no steps are named (the quality filter is opt-in).
DEFAULT_STEPS: tuple[str, ...] = ("mojibake", "boilerplate", "metadata", "signals")


def register(step: type[Step]) -> type[Step]:
    """Add a step after the existing ones (usable as a class decorator); e.g. a project's
    own step, or a test's. Re-registering a name replaces it in place."""
    STEPS[step.name] = step
    return step


def step_names() -> tuple[str, ...]:
    return tuple(STEPS)


def resolve_steps(names: Iterable[str | Step], options: dict[str, dict] | None = None) -> tuple[Step, ...]:
    """Step objects for `names`, in pipeline order; unknown names raise, listing the valid
    ones. Steps given as objects pass through (in their registry position if registered).
    `options[name]` are keyword arguments for that step (e.g. the quality filter's thresholds)."""
    options = options or {}
    given = [name.strip() if isinstance(name, str) else name for name in names]
    unknown = [name for name in given if isinstance(name, str) and name not in STEPS]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise UnknownStepError(f"unknown step{plural} {', '.join(map(repr, unknown))}; "
                               f"valid steps: {', '.join(STEPS)}")
    wanted = {name if isinstance(name, str) else name.name: name for name in given}
    order = list(STEPS) + [name for name in wanted if name not in STEPS]
    return tuple(STEPS[name](**options.get(name, {})) if isinstance(wanted[name], str) else wanted[name]
                 for name in order if name in wanted)


__all__ = ["DEFAULT_STEPS", "Filter", "STEPS", "Step", "StepStats", "UnknownStepError",
           "register", "resolve_steps", "step_names"]

"""What a pipeline step is: a named object that takes a batch of Documents and returns it.

A step fills in Document fields (or entries of ``doc.columns`` for the schema columns it
declares in ``columns``) and may count what it did in ``doc.fixes`` / ``doc.removed``.
The runner (``corpus_clean.pipeline.run_steps``) keeps the per-step stats every step
gets for free: documents in and out, characters in and out, seconds.

A *filter* is a step that says, per document, (keep, reason). A document it does not
keep is set aside with ``doc.filtered = (step name, reason)``: it keeps its cleaned
text and provenance and goes to the run's `filtered/` output, not to quarantine (which
means unreadable or invalid), and later steps do not see it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from corpus_clean.document import Document


class Step:
    """One pipeline step. Subclasses set `name` and implement `run`."""

    name: ClassVar[str]
    #: Schema columns (schemas/record_schema.json) this step fills, via ``doc.columns``.
    columns: ClassVar[tuple[str, ...]] = ()
    #: One line for ``--help`` and the docs.
    description: ClassVar[str] = ""

    def run(self, batch: list[Document]) -> list[Document]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<step {self.name}>"

    def __eq__(self, other: object) -> bool:  # steps carry no state worth comparing
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))


class Filter(Step):
    """A step that keeps or sets aside each document, saying why.

    >>> class NonEmpty(Filter):
    ...     name = "non_empty"
    ...     def keep(self, doc):
    ...         return (bool(doc.text.strip()), "empty text")
    >>> doc = Document(id="a", source="s", raw_text="", raw_sha256="")
    >>> NonEmpty().run([doc])[0].filtered
    ('non_empty', 'empty text')
    """

    def keep(self, doc: Document) -> tuple[bool, str | None]:
        raise NotImplementedError

    def run(self, batch: list[Document]) -> list[Document]:
        for doc in batch:
            keep, reason = self.keep(doc)
            if not keep:
                doc.filtered = (self.name, reason or "filtered")
        return batch


@dataclass
class StepStats:
    """What one step did over some batches. Summed across batches, shards and workers."""

    documents_in: int = 0
    documents_out: int = 0
    chars_in: int = 0
    chars_out: int = 0
    seconds: float = 0.0

    @property
    def chars_removed(self) -> int:
        return self.chars_in - self.chars_out

    def merge(self, other: "StepStats") -> None:
        self.documents_in += other.documents_in
        self.documents_out += other.documents_out
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.seconds += other.seconds

    def as_dict(self) -> dict:
        return {"documents_in": self.documents_in, "documents_out": self.documents_out,
                "chars_in": self.chars_in, "chars_out": self.chars_out,
                "chars_removed": self.chars_removed, "seconds": round(self.seconds, 4)}


class UnknownStepError(ValueError):
    """A step name that is not in the registry (raised before any work starts)."""

"""Quality signals as a column, and the optional quality filter that reads them."""
from __future__ import annotations

from dataclasses import fields

from corpus_clean.document import Document
from corpus_clean.records import remember_column
from corpus_clean.signals import GOPHER, QualityThresholds, quality_filter, signal_columns, signal_rows, signal_struct
from corpus_clean.steps.base import Filter, Step


class QualitySignals(Step):
    """The `signals` struct column (word counts, repetition, stop words, language score...)
    computed on the clean text of the whole batch at once (``signals.compute_signals``)."""

    name = "signals"
    columns = ("signals",)
    description = "compute Gopher/C4/RedPajama quality signals of the clean text (the `signals` column)"

    def run(self, batch: list[Document]) -> list[Document]:
        if batch:
            scores = [doc.lang_score for doc in batch]  # from the metadata step, when it ran
            columns = signal_columns([doc.text for doc in batch], [doc.lang for doc in batch],
                                     None if None in scores else scores)
            rows = signal_rows(columns)
            for doc, row in zip(batch, rows):
                doc.columns["signals"] = row
            # The rows' Arrow struct, for the batch's table: no conversion of the dicts back.
            remember_column("signals", rows, signal_struct(columns))
        return batch


class QualityFilter(Filter):
    """Sets aside documents whose signals break a threshold: (keep, reason). Off unless
    thresholds are given (we clean; users decide what to drop). ``thresholds`` is a
    ``QualityThresholds``, a dict of its fields, or "gopher" for Gopher's published values.

    >>> QualityFilter({"min_words": 50}).thresholds.min_words
    50
    """

    name = "quality"
    description = "set aside documents whose quality signals break the given thresholds (needs `signals`)"

    def __init__(self, thresholds: QualityThresholds | dict | str | None = None):
        self.thresholds = thresholds_from(thresholds)

    def keep(self, doc: Document) -> tuple[bool, str | None]:
        signals = doc.columns.get("signals")
        if signals is None:  # the signals step did not run: nothing to judge by
            return True, None
        return quality_filter(signals, self.thresholds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QualityFilter) and other.thresholds == self.thresholds

    def __hash__(self) -> int:
        return hash(self.thresholds)


def thresholds_from(value: QualityThresholds | dict | str | None) -> QualityThresholds:
    """Thresholds from a flow parameter: None (all off), "gopher", or a dict of bounds;
    unknown names raise ValueError naming the valid ones."""
    if value is None:
        return QualityThresholds()
    if isinstance(value, QualityThresholds):
        return value
    if isinstance(value, str):
        if value.lower() != "gopher":
            raise ValueError(f"unknown quality preset {value!r}; use 'gopher' or a dict of thresholds")
        return GOPHER
    if not isinstance(value, dict):
        raise ValueError(f"quality thresholds must be 'gopher' or an object such as {{\"min_words\": 50}} (got {value!r})")
    valid = {f.name for f in fields(QualityThresholds)}
    unknown = sorted(set(value) - valid)
    if unknown:
        raise ValueError(f"unknown quality threshold(s) {unknown}; valid: {', '.join(sorted(valid))}")
    for name, bound in value.items():  # a string bound would fail inside the run, after the server started
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, (int, float))):
            raise ValueError(f"quality threshold {name} must be a number or null (got {bound!r})")
    return QualityThresholds(**value)

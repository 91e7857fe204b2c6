"""GX computes each column map metric on a frame of that column only (round 18: the
whole frame, text included, was copied for each of the suite's column expectations):
the same reports as GX's own whole-frame domains. Real GX, no mocks. Fails on main
(``ONE_COLUMN_DOMAINS`` does not exist there)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_clean.validate as validate
from corpus_clean.validate import ValidationConfig, validate_table
from tests.test_validate import BAD_ROWS, ROW_CHANGES, make_row, one_now, rows_with, table


def _report(rows, config, one_column: bool, monkeypatch, data_docs_dir=None):
    monkeypatch.setattr(validate, "ONE_COLUMN_DOMAINS", one_column)
    monkeypatch.setattr(validate, "ONE_COLUMN_MIN_ROWS", 0)  # (these tables are small)
    report = validate_table(table(rows), config, data_docs_dir=data_docs_dir)
    return report.failures, report.results, report.row_failures


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(ROW_CHANGES), min_size=0, max_size=12), st.lists(st.integers(0, 11), max_size=3),
       st.sampled_from([None, ("en",), ("de", "fr")]), st.booleans())
def test_one_column_domains_give_the_report_of_whole_frame_domains(changes, repeated, languages, single_pass):
    """Random tables of clean rows and bad rows of every kind (ids repeated: the
    uniqueness check; nulls: the null filter GX applies per column), with and without the
    language set, verdicts first or one full run: same failures, results, failing rows."""
    rows = rows_with(changes, repeated)
    config = ValidationConfig(languages=languages)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(validate, "VERDICTS_FIRST", not single_pass)
        one_now(monkeypatch, config)  # (one "now" for both runs)
        assert _report(rows, config, False, monkeypatch) == _report(rows, config, True, monkeypatch)


def test_with_data_docs_the_report_is_the_same(tmp_path):
    """The Data Docs path (GX's full result format, unexpected values kept)."""
    rows = [make_row(0), make_row(1, text="Too short."), make_row(2, title="cafÃ© news"), make_row(3)]
    rows.append(dict(rows[3], record_index=9))  # the same id twice
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole = _report(rows, ValidationConfig(), False, monkeypatch, str(tmp_path / "a"))
        one = _report(rows, ValidationConfig(), True, monkeypatch, str(tmp_path / "b"))
    assert whole == one and whole[0]


def test_column_metrics_see_one_column_and_only_inside_a_validation():
    """During a validation, every frame GX hands a column metric has that one column;
    outside one, GX's engine gives the whole frame as before."""
    import pandas as pd
    from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine

    validate._gx()
    seen = []
    wrapped = PandasExecutionEngine.get_domain_records

    def spy(self, domain_kwargs):
        frame = wrapped(self, domain_kwargs)
        seen.append((domain_kwargs.get("column"), list(frame.columns)))
        return frame

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(PandasExecutionEngine, "get_domain_records", spy)
        monkeypatch.setattr(validate, "ONE_COLUMN_MIN_ROWS", 0)
        report = validate_table(table([make_row(0), make_row(1, text="Too short.")]))
    assert not report.success
    by_column = [(column, columns) for column, columns in seen if column is not None]
    assert by_column and all(columns == [column] for column, columns in by_column)
    engine = validate._gx()["context"].data_sources.get("corpus_clean").get_execution_engine()
    frame = pd.DataFrame({"id": ["a"], "text": ["x"]})
    engine.load_batch_data("outside", frame)
    assert list(engine.get_domain_records({"column": "text", "batch_id": "outside"}).columns) == ["id", "text"]
    validate._forget_batch(validate._gx())


def test_a_shard_sized_table_gives_the_same_report():
    """At the default threshold (``ONE_COLUMN_MIN_ROWS``): 600 rows, a few bad ones of
    each kind spread through them, the same report either way."""
    changes = [changes for changes, _, _ in BAD_ROWS.values()]
    rows = [make_row(i, **(changes[i // 50] if i % 50 == 7 and i // 50 < len(changes) else {})) for i in range(600)]
    with pytest.MonkeyPatch.context() as monkeypatch:
        one_now(monkeypatch, ValidationConfig())  # (one "now" for both runs)
        monkeypatch.setattr(validate, "ONE_COLUMN_DOMAINS", False)
        whole = validate_table(table(rows))
        monkeypatch.setattr(validate, "ONE_COLUMN_DOMAINS", True)
        one = validate_table(table(rows))
    assert (whole.failures, whole.results, whole.row_failures) == (one.failures, one.results, one.row_failures)
    assert whole.failures

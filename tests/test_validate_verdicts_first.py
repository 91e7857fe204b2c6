"""Validation runs the real GX suite for its verdicts first (GX's BOOLEAN_ONLY format),
then only the failing expectations again with the full format (their rows): the same
report as one run of the whole suite with the full format. Real GX, no mocks."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_clean.validate as validate
from corpus_clean.validate import ValidationConfig, validate_table
from tests.test_validate import ROW_CHANGES, make_row, one_now, rows_with, table


def _report(rows, config, single_pass: bool, monkeypatch):
    monkeypatch.setattr(validate, "VERDICTS_FIRST", not single_pass)
    report = validate_table(table(rows), config)
    return report.failures, report.results, report.row_failures


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(ROW_CHANGES), min_size=0, max_size=10), st.lists(st.integers(0, 9), max_size=2),
       st.sampled_from([None, ("en",), ("de", "fr")]))
def test_verdicts_first_gives_the_report_of_one_full_run(changes, repeated, languages):
    """Random tables of clean rows and bad rows of every kind (ids repeated too: the
    uniqueness check's details list every copy), with and without the language set."""
    rows = rows_with(changes, repeated)
    config = ValidationConfig(languages=languages)
    with pytest.MonkeyPatch.context() as monkeypatch:
        one_now(monkeypatch, config)  # (under load the two runs' "now" fell a second apart)
        assert _report(rows, config, False, monkeypatch) == _report(rows, config, True, monkeypatch)


def test_failing_expectations_keep_their_counts_and_rows():
    """The second run is what gives the failing rows: two short texts and a mojibake title
    are counted and located as in a full run."""
    rows = [make_row(0), make_row(1, text="Too short."), make_row(2, title="cafÃ© news"), make_row(3, text="Tiny.")]
    report = validate_table(table(rows))
    counts = {r["name"]: r["unexpected_count"] for r in report.results if not r["success"]}
    assert counts == {"text_min_length": 2, "title_no_mojibake": 1}
    assert sorted(report.row_failures) == [1, 2, 3]
    assert all(r["unexpected_count"] == 0 for r in report.results if r["success"])


def test_only_suites_where_passing_means_no_failing_row_take_verdicts_first():
    """With ``mostly`` < 1 (a pass can hide failing rows) or a table-level expectation, the
    suite runs once with the full format."""
    gx = validate._gx()["gx"]
    expectations = gx.expectations
    ours = validate._validation_definition(validate._gx(), ("languages",))[0].suite
    assert validate._pass_means_no_unexpected_row(ours)
    mostly = gx.ExpectationSuite(name="t-mostly", expectations=[
        expectations.ExpectColumnValuesToNotBeNull(column="text", mostly=0.9)])
    table_level = gx.ExpectationSuite(name="t-table", expectations=[
        expectations.ExpectColumnValuesToNotBeNull(column="text"),
        expectations.ExpectTableRowCountToBeBetween(min_value=1)])
    assert not validate._pass_means_no_unexpected_row(mostly)
    assert not validate._pass_means_no_unexpected_row(table_level)


def _report_with(rows, config, memoized: bool, monkeypatch):
    monkeypatch.setattr(validate, "MEMOIZE_CONFIGURATIONS", memoized)
    report = validate_table(table(rows), config)
    return report.failures, report.results, report.row_failures


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(ROW_CHANGES), min_size=0, max_size=10), st.lists(st.integers(0, 9), max_size=2),
       st.sampled_from([None, ("en",), ("de", "fr")]), st.booleans())
def test_configurations_built_once_give_the_same_report(changes, repeated, languages, single_pass):
    """GX's expectation configurations built once per validation (round 10): random tables
    of clean and bad rows give the same failures, results and failing rows as GX building
    them at every use, in both the verdicts-first and the one-run paths."""
    rows = rows_with(changes, repeated)
    config = ValidationConfig(languages=languages)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(validate, "VERDICTS_FIRST", not single_pass)
        one_now(monkeypatch, config)  # (one "now" for both runs)
        assert _report_with(rows, config, False, monkeypatch) == _report_with(rows, config, True, monkeypatch)


def test_configurations_are_built_once_per_validation_and_not_kept():
    """Inside a validation each expectation object's configuration is built once (the
    same object comes back); outside, GX builds a new one at each use, and nothing of a
    validation's objects is kept after it."""
    from great_expectations.expectations.expectation import Expectation

    validate._gx()
    built = []
    own = Expectation.__dict__["configuration"].fget
    rows = [make_row(0), make_row(1, text="Too short.")]
    report = validate_table(table(rows))
    assert not report.success and validate._CONFIGURATIONS.built is None
    with validate.configurations_built_once():
        expectation = validate._gx()["definitions"][()][0].suite.expectations[0]
        built = [expectation.configuration, expectation.configuration]
        assert built[0] is built[1] and len(validate._CONFIGURATIONS.built) == 1
    assert expectation.configuration is not expectation.configuration
    assert expectation.configuration == own(expectation)

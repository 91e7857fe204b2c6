"""GX's ids of metric configurations (``IDDict.to_id``) with JSON's own types converted by
``validate.json_plain``: the same converted values as GX's ``convert_to_json_serializable``
for generated values of every kind, the same ids, and the same validation reports. Real GX."""
import copy
import enum
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_clean.validate as validate
from corpus_clean.validate import ValidationConfig, json_plain, validate_table
from tests.test_validate import ROW_CHANGES, one_now, rows_with, table


class Color(enum.Enum):
    RED = "red"


class Level(str, enum.Enum):  # a str subclass: GX returns it as it is
    HIGH = "high"


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.sampled_from([np.int64(3), np.float64(2.5), np.float32(0.1), np.bool_(True),
                                          np.float64("nan"), Color.RED, Level.HIGH, range(3),
                                          pd.Timestamp("2026-12-06", tz="UTC"), b"raw"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(st.one_of(st.text(max_size=4), st.integers(0, 9)), inner, max_size=4)), max_leaves=12)


def _gx_convert():
    validate._gx()
    from great_expectations import util

    return util.convert_to_json_serializable


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_plain_json_converts_every_value_as_gx_does(value):
    general = _gx_convert()
    ours, theirs = json_plain(copy.deepcopy(value), general), general(copy.deepcopy(value))
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=6), VALUES, min_size=2, max_size=6))
def test_ids_are_gx_own(kwargs):
    from great_expectations.core.id_dict import IDDict

    _gx_convert()
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(validate, "PLAIN_JSON_IDS", False)
        theirs = IDDict(copy.deepcopy(kwargs)).to_id()
    assert IDDict(copy.deepcopy(kwargs)).to_id() == theirs




@settings(max_examples=6, deadline=None)
@given(st.lists(st.sampled_from(ROW_CHANGES), min_size=0, max_size=10), st.sampled_from([None, ("en",)]), st.booleans())
def test_validation_reports_are_the_same_with_gx_own_conversion(changes, languages, single_pass):
    rows = rows_with(changes)
    config = ValidationConfig(languages=languages)
    reports = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(validate, "VERDICTS_FIRST", not single_pass)
        one_now(monkeypatch, config)
        for plain in (False, True):
            monkeypatch.setattr(validate, "PLAIN_JSON_IDS", plain)
            report = validate_table(table(rows), config)
            reports.append((report.failures, report.results, report.row_failures))
    assert reports[0] == reports[1]


def test_gx_ids_go_through_the_plain_conversion():
    """Installed once GX is loaded (the conversion GX's ids call is ours, and only once)."""
    from great_expectations.core import id_dict

    _gx_convert()
    installed = id_dict.convert_to_json_serializable
    assert getattr(installed, "plain_json_by_corpus_clean", False)
    validate._plain_json_ids_converted_here()
    assert id_dict.convert_to_json_serializable is installed  # not wrapped twice

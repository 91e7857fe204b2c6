"""Validation's per-row searches made in one google-re2 pass over a column's values
(``validate.rows_worth_searching``; round 24): the same results as each check run on
every value, over generated texts full of control characters, mojibake, marker lines and
line breaks, with the rule packs' markers and with configs' own (anchored at the text's
start or end, multi-line, flags turned off)."""
import re

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import validate
from corpus_clean.validate import (CONTROL_RE, ValidationConfig, found_any, found_mojibake, found_re2,
                                   rows_a_search_flags, row_checks)
from tests.test_validate import CLEAN_TEXT, NOISE, _marker_lines, _variants, make_row, table

re2 = pytest.importorskip("re2")

# Config markers of every kind the one pass must not miss: anchored at a text's own start
# or end (\A, \Z, ^ and $ without multi-line mode), line-anchored, unanchored, a flag
# turned off (no translation: every row searched), Python-only (lookarounds).
OWN_MARKERS = [r"\ARelated", r"Topics\Z", r"^Share$", r"(?m)^Share this article$", r"Related Topics",
               r"(?i)(?-m:^share)", r"(?m)^Follow(?= us)", r"x$"]
PIECES = [*NOISE, "Share", "Related", "Topics", "Follow us", "x", "\n", "\r\n", " ", "Ã", "Â"]


def _expected(values: list[str | None], markers) -> dict[str, list[bool]]:
    """Each check run on every value (the definitions, row by row)."""
    array = pa.array(values, pa.string())
    return {"control": found_re2(array, CONTROL_RE).tolist(), "mojibake": found_mojibake(array).tolist(),
            "markers": [v is not None and any(re.search(p, v) for p in markers) for v in values]}


def _found(values: list[str | None], config: ValidationConfig) -> dict[str, list[bool]]:
    rows = [make_row(i, text=v) for i, v in enumerate(values)]
    found = row_checks(table(rows), config).found
    return {"control": found[("column_values.corpus_clean.clean_unicode", "text")].tolist(),
            "mojibake": found[("column_values.corpus_clean.no_mojibake", "text")].tolist(),
            "markers": found[("column_values.corpus_clean.no_boilerplate_markers", "text")].tolist()}


texts = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(CLEAN_TEXT.splitlines()),
                           st.text(alphabet="aÃÂ€™\x00\x85\ufeff\n ShareTopics", max_size=12)),
                 max_size=6).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(texts, st.none()), min_size=1, max_size=10),
       st.lists(st.sampled_from(OWN_MARKERS), min_size=1, max_size=4, unique=True))
def test_one_pass_gives_every_checks_own_verdicts_with_a_configs_markers(values, markers):
    assert _found(values, ValidationConfig(boilerplate_markers=tuple(markers))) == _expected(values, markers)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(texts, st.none(),
                          st.builds(lambda k, v, t: t + "\n" + _variants(_marker_lines()[k % len(_marker_lines())])[v],
                                    st.integers(0, 10_000), st.integers(0, 9), texts)),
                min_size=1, max_size=10))
def test_one_pass_gives_every_checks_own_verdicts_with_the_rule_packs_markers(values):
    markers = validate.default_boilerplate_markers()
    assert _found(values, ValidationConfig()) == _expected(values, markers)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="ab\n", max_size=8), st.none()), max_size=12),
       st.sampled_from([r"^b$", r"\Ab", r"b\z", r"a\nb", r"(?s)a.b", r"b*", r"^$", r"\bab\b"]))
def test_the_one_search_flags_at_least_every_value_a_search_of_its_own_finds(values, pattern):
    """Its answer is a superset: a value whose own search (re2, on the value alone) finds
    the pattern is flagged; the exact checks clear the others."""
    flags = rows_a_search_flags(pa.array(values, pa.string()), validate._lines_searcher(pattern))
    own = [v is not None and re2.search(pattern, v) is not None for v in values]
    assert not np.any(np.array(own, dtype=bool) & ~flags)
    assert not flags[[v is None for v in values]].any() if values else True


def test_what_cannot_be_translated_searches_every_row():
    """Fault injection: a marker with a flag turned off gets no one-pass search (a pattern
    the translation would misread), and its rows are then all searched, same verdicts."""
    assert validate._lines_searcher(r"(?-m:^a)") is None and validate._lines_searcher(r"a\\z") is None
    values = ["share it", "x", None]
    config = ValidationConfig(boilerplate_markers=(r"(?i)(?-m:^share)",))
    assert _found(values, config)["markers"] == [True, False, False]

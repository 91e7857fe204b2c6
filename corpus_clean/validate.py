"""Great Expectations validation of clean record tables.

`validate_table(table)` runs the suite in schemas/expectations.json on an Arrow table of
records (corpus_clean.records.clean_schema()) and reports, for every failing row, every
failing check with a human-readable detail, so the flow can route those ids to quarantine
with their reasons.

Pure core: no Prefect. Great Expectations costs seconds to import, so it is imported
lazily, once, on the first call; one ephemeral GX context (with its data source, suites
and validation definitions) is cached per process.

How the suite is parameterized: configurable values in the JSON are GX suite parameters
(`{"$PARAMETER": "min_chars"}`), filled at run time from ValidationConfig. Expectations
whose `meta.requires` names a parameter that is None in the config are left out (e.g.
the allowed-language set).

Three custom expectations are defined here (subclasses of ColumnMapExpectation, each
with its own column-map metric, pandas engine): expect_column_values_to_have_no_mojibake,
expect_column_values_to_have_no_boilerplate_markers and
expect_column_values_to_be_clean_unicode (control characters, invalid UTF-8).

GX pitfalls met here (GX 1.24, pandas 3):
- result_format COMPLETE with unexpected_index_column_names makes GX fetch each index
  column with one `df.at` per failing row: minutes for a bad shard. The dataframe keeps
  its RangeIndex instead, so unexpected_index_list holds row positions.
- ValidationDefinition.run stores every result (serialized: seconds for a COMPLETE
  result) in the context, forever for an ephemeral one. Batch.validate stores nothing;
  vd.run is used only when Data Docs are wanted, and the store is emptied after.
- Unexpected values of text expectations are whole texts: excluded unless Data Docs.
- Progress bars are on by default (ProgressBarsConfig turns them off).
- A column map metric's domain is the whole frame, which GX filters for non-null rows of
  the column (a copy of every column) before reading that one column: the domain is
  that column's frame instead (``column_domains_of_one_column``).
"""
import codecs
import copy
import datetime as dt
import functools
import hashlib
import importlib
import importlib.util
import json
import os
import re
import unicodedata
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus_clean import derived_cache
from corpus_clean.mojibake.detect import MOJIBAKE_RE, find_markers

SUITE_FILE = Path(__file__).resolve().parent.parent / "schemas" / "expectations.json"

# --------------------------------------------------------------------------- patterns
# Patterns are RE2 (pyarrow's pc.match_substring_regex runs them on the Arrow-backed
# text: fast). Literal characters, not \u escapes.
# The mojibake markers are the repair's own detector (corpus_clean.mojibake.detect): RE2
# MOJIBAKE_RE finds candidate rows in C, find_markers confirms them (it knows, e.g., that a
# capital before NBSP in an all-caps word is typography) and locates the marker.


# C0 controls except \t \n \r, DEL, C1 controls; what the repair step also strips (BOM,
# deprecated format chars U+206A-U+206F, interlinear annotation chars U+FFF9-U+FFFC);
# the noncharacters U+FDD0-U+FDEF, U+FFFE, U+FFFF (never in interchange text).
CONTROL_RE = (r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
              + "\ufeff\u206a-\u206f\ufff9-\ufffc\ufdd0-\ufdef\ufffe\uffff]")
# Invalid UTF-8 in a string column (possible only for tables built from raw buffers or
# read from foreign Parquet): each undecodable byte becomes this noncharacter before
# validation, so the clean-unicode check flags the row. (Lone surrogates cannot exist in
# an Arrow string: pyarrow refuses to build one from a str holding them.)
INVALID_UTF8_MARK = "\ufdd0"

_GX_LOCK = threading.Lock()
codecs.register_error("corpus_clean_invalid_utf8", lambda err: (INVALID_UTF8_MARK, err.start + 1))
_GX: dict[str, Any] = {}  # lazily built: gx module, context, validation definitions


# --------------------------------------------------------------------------- public API
@dataclass(frozen=True)
class ValidationConfig:
    """Run-time parameters of the suite (see schemas/README.md)."""

    min_chars: int = 20
    """Minimum characters of `text` (after cleaning)."""
    languages: tuple[str, ...] | None = None
    """Allowed `lang` values; None: any 2-letter lowercase code (and null) passes."""
    published_min: dt.datetime = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)
    published_max_ahead: dt.timedelta = dt.timedelta(days=2)
    """`published` must be ≤ now + this (clock skew, time zones, embargoed stories)."""
    boilerplate_markers: tuple[str, ...] | None = None
    """Regexes that must not match `text`; None: corpus_clean.boilerplate.marker_regexes()
    when it exists, else none (the check then passes trivially)."""


@dataclass
class ValidationReport:
    failures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Row id → every failing (check name, detail) of that row (of those rows, if the id
    is duplicated)."""
    results: list[dict] = field(default_factory=list)
    """Per expectation: name, success, unexpected_count, purpose (+ expectation type,
    column)."""
    data_docs_index: str | None = None
    """Absolute path of the Data Docs index.html when data_docs_dir was given."""
    row_failures: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    """Row position in the table → failing (check, detail): exact rows when ids repeat."""
    n_rows: int = 0

    @property
    def success(self) -> bool:
        return not self.failures and not self.row_failures

    def failing_ids(self) -> set[str]:
        return set(self.failures)


def validate_table(
    table: pa.Table,
    config: ValidationConfig = ValidationConfig(),
    data_docs_dir: str | None = None,
    checks: "RowChecks | None" = None,
) -> ValidationReport:
    """Validate an Arrow table of records with the GX suite; see the module docstring.

    `checks`: ``row_checks`` of this table, computed where the rows were made (the
    cleaning workers); the custom expectations then take each row's result from them
    instead of searching again. Same results, same failing rows (checks made with other
    boilerplate markers are not used for the markers)."""
    gx_state = _gx()
    suite_spec = load_suite_spec()
    params = _parameters(config, checks)
    variant = tuple(
        sorted({e["meta"]["requires"] for e in suite_spec["expectations"]
                if e.get("meta", {}).get("requires") and params.get(e["meta"]["requires"]) is None})
    )
    vd, meta_by_id = _validation_definition(gx_state, variant)

    needed = _needed_columns(suite_spec)
    missing = needed - set(table.column_names)
    if missing:
        raise ValueError(f"table lacks columns {sorted(missing)} needed by the validation suite")
    df = _to_pandas(table, sorted(needed))
    # The dataframe keeps its default RangeIndex, so GX's unexpected_index_list holds row
    # positions. (unexpected_index_column_names=["id"] gives ids too, but GX then fetches
    # them with one df.at per failing row and column: ~20 s for a shard of 5k bad rows.)

    run_params = {k: v for k, v in params.items() if v is not None}
    result_format = {
        "result_format": "COMPLETE",
        "return_unexpected_index_query": False,
        # Unexpected values are whole texts: keep them only for the human-facing docs.
        "exclude_unexpected_values": not data_docs_dir,
        "partial_unexpected_count": 20,
    }
    index_path = None
    with _GX_LOCK:
        _CHECKED_AHEAD.clear()
        _CHECKED_AHEAD.update(_usable_checks(checks, table.num_rows, tuple(params["boilerplate_markers"])))
        try:
            with configurations_built_once(), column_domains_of_one_column():
                results = _run_suite(gx_state, vd, df, run_params, result_format, data_docs_dir)
            if data_docs_dir:
                index_path = _build_data_docs(gx_state, data_docs_dir)
        finally:
            _CHECKED_AHEAD.clear()
            if data_docs_dir:
                _clear_results(gx_state)
            _forget_batch(gx_state)

    report = ValidationReport(data_docs_index=index_path, n_rows=table.num_rows)
    for res in results:
        cfg = res.expectation_config
        meta = meta_by_id.get(cfg.id) or cfg.meta or {}
        check = meta.get("check") or cfg.type
        kwargs = dict(cfg.kwargs)
        r = res.result or {}
        if res.exception_info and res.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"expectation {check} ({cfg.type}) raised: "
                f"{res.exception_info.get('exception_message')}"
            )
        report.results.append({
            "name": check,
            "success": bool(res.success),
            "unexpected_count": int(r.get("unexpected_count") or 0),
            "purpose": meta.get("purpose", ""),
            "expectation_type": cfg.type,
            "column": kwargs.get("column") or [kwargs.get("column_A"), kwargs.get("column_B")],
        })
        if res.success:
            continue
        rows = sorted({int(i) for i in r.get("unexpected_index_list") or []})
        # The failing rows' values of the expectation's columns, fetched in one go.
        cols = [c for c in (kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B")) if c]
        values = {c: df[c].take(rows).tolist() for c in cols}
        copies: dict[Any, list[int]] = {}  # duplicates: every copy is a failing row
        if cfg.type == "expect_column_values_to_be_unique":
            for row, value in zip(rows, values[kwargs["column"]]):
                copies.setdefault(value, []).append(row)
        for k, row in enumerate(rows):
            row_values = {c: v[k] for c, v in values.items()}
            if copies:
                value = row_values[kwargs["column"]]
                at = copies[value]
                detail = (f"{kwargs['column']} {_show(value)} appears {len(at)} times "
                          f"(rows {', '.join(map(str, at[:10]))}{', ...' if len(at) > 10 else ''})")
            else:
                detail = _detail(cfg.type, kwargs, params, row_values)
            report.row_failures.setdefault(row, []).append((check, detail))

    order = {e.get("meta", {}).get("check"): i for i, e in enumerate(suite_spec["expectations"])}
    report.results.sort(key=lambda r: order.get(r["name"], len(order)))
    rank = {r["name"]: i for i, r in enumerate(report.results)}
    for items in report.row_failures.values():
        items.sort(key=lambda item: rank.get(item[0], len(rank)))
    failing = sorted(report.row_failures)
    ids = dict(zip(failing, df["id"].take(failing).tolist()))
    for row, items in sorted(report.row_failures.items()):
        entries = report.failures.setdefault(ids[row], [])
        for item in items:
            if item not in entries:
                entries.append(item)
    return report


def _run_suite(gx_state: dict, vd, df, run_params: dict, result_format: dict, data_docs_dir: str | None) -> list:
    """Every expectation's result over `df`, in the suite's order. With Data Docs,
    ValidationDefinition.run, which stores the result they are built from; else
    Batch.validate, which stores nothing (serializing a COMPLETE result costs seconds),
    verdicts first (``_verdicts_then_failing_rows``)."""
    if data_docs_dir:
        return vd.run(batch_parameters={"dataframe": df}, expectation_parameters=run_params,
                      result_format=result_format).results
    batch = gx_state["batch_definition"].get_batch(batch_parameters={"dataframe": df})
    if not (VERDICTS_FIRST and _pass_means_no_unexpected_row(vd.suite)):
        return batch.validate(vd.suite, result_format=result_format, expectation_parameters=run_params).results
    return _verdicts_then_failing_rows(gx_state, batch, vd.suite, run_params, result_format)


def _pass_means_no_unexpected_row(suite) -> bool:
    """Every expectation of `suite` is a map expectation (one verdict per row) that must
    hold for every row (``mostly`` 1, GX's default): then one that passes has no
    unexpected row. (With ``mostly`` < 1 a passing expectation can have some, which only
    the full result format counts.)"""
    from great_expectations.expectations.expectation import (ColumnMapExpectation, ColumnPairMapExpectation,
                                                              MulticolumnMapExpectation)

    maps = (ColumnMapExpectation, ColumnPairMapExpectation, MulticolumnMapExpectation)
    return all(isinstance(e, maps) and e.mostly == 1 for e in suite.expectations)


# Validation runs the suite for its verdicts only, then the failing expectations again for
# their rows (``_verdicts_then_failing_rows``); False: the whole suite once with the full
# result format (what the tests compare it with).
VERDICTS_FIRST = True


def _verdicts_then_failing_rows(gx_state: dict, batch, suite, run_params: dict, result_format: dict) -> list:
    """The suite's results over a batch as one run with `result_format` gives them, in two
    runs of the real suite: every expectation with GX's BOOLEAN_ONLY format, then only the
    expectations that failed with `result_format` (their failing rows and counts).

    Why: GX's fixed cost per validation is building each expectation's metric graph, and
    the COMPLETE format asks for ~3x the metrics per map expectation (unexpected counts,
    lists, indices): 0.13 s of CPU per call for a 50-row table, 0.07 s with BOOLEAN_ONLY
    (benchmarks/RESULTS-throughput.md, "Round 7"). Most shards fail no expectation, so
    the second run is usually skipped. Same results: every expectation of this suite is a
    map expectation without ``mostly`` (``_pass_means_no_unexpected_row``), so one passes
    exactly when it has no unexpected row, and its COMPLETE result would say
    unexpected_count 0; a failing one's result is taken from the second run, made with
    `result_format` itself."""
    verdicts = batch.validate(suite, result_format={"result_format": "BOOLEAN_ONLY"},
                              expectation_parameters=run_params).results
    failing = {r.expectation_config.id for r in verdicts if not r.success}
    if not failing:
        return verdicts
    # Given as configurations, which keep their ids (GX binds an expectation object to one suite).
    again = gx_state["gx"].ExpectationSuite(
        name=f"{suite.name}.failing", expectations=[e.configuration for e in suite.expectations if e.id in failing])
    detailed = {r.expectation_config.id: r
                for r in batch.validate(again, result_format=result_format, expectation_parameters=run_params).results}
    if detailed.keys() != failing:
        raise RuntimeError("GX did not run every failing expectation again")
    return [detailed.get(r.expectation_config.id, r) for r in verdicts]


# Each expectation's configuration is built once per validation (``configurations_built_once``);
# False: GX builds it again at every use, as it does by itself (what the tests compare with).
MEMOIZE_CONFIGURATIONS = True


class _Configurations(threading.local):
    """Per thread: the configurations built during the validation this thread is running
    (None outside one), by expectation object."""

    built: "dict[int, tuple[Any, Any]] | None" = None


_CONFIGURATIONS = _Configurations()


@contextmanager
def configurations_built_once() -> Iterator[None]:
    """While the block runs (one validation, under ``_GX_LOCK``), GX's
    ``Expectation.configuration`` of each expectation object is built once and then
    reused, in this thread only.

    Why: GX builds an expectation's configuration (a pydantic ``dict()`` of the model, a
    camel-to-snake name, a new ``ExpectationConfiguration``) at each of its ~40 uses per
    expectation and validation: ~1,200 builds for this suite, a quarter of GX's fixed cost
    per validation (0.07 -> 0.055 s of CPU for a 50-row table,
    benchmarks/RESULTS-throughput.md, "Round 10, flow10"). Same configurations: GX creates
    the expectation objects of a validation from their configurations and never changes
    them while it validates (a test compares whole reports with this off and on).

    >>> with configurations_built_once():
    ...     _CONFIGURATIONS.built
    {}
    >>> _CONFIGURATIONS.built is None
    True
    """
    if not MEMOIZE_CONFIGURATIONS or _CONFIGURATIONS.built is not None:  # off, or already inside one
        yield
        return
    _CONFIGURATIONS.built = {}
    try:
        yield
    finally:
        _CONFIGURATIONS.built = None


def _memoize_configurations() -> None:
    """Put a memoizing ``configuration`` property on GX's Expectation class (once, when GX
    is loaded): it builds as GX's own does, and inside ``configurations_built_once`` keeps
    what it built for the object (the object is kept with it, so its id cannot be reused
    meanwhile)."""
    from great_expectations.expectations.expectation import Expectation

    own = Expectation.__dict__["configuration"]
    if getattr(own.fget, "memoized_by_corpus_clean", False):
        return

    def configuration(self):
        built = _CONFIGURATIONS.built
        if built is None:
            return own.fget(self)
        kept = built.get(id(self))
        if kept is None or kept[0] is not self:
            kept = built[id(self)] = (self, own.fget(self))
        return kept[1]

    configuration.memoized_by_corpus_clean = True
    Expectation.configuration = property(configuration, doc=own.__doc__)


# A column map metric is computed on a frame of its own column only, inside
# ``column_domains_of_one_column``; False: on the whole frame, as GX does (what the tests compare with).
ONE_COLUMN_DOMAINS = True
# Below this many rows the whole frame's copies cost less than making the column's frame
# (``benchmarks/gx_domains.py``: even at 150-600 rows, +3-5 ms at 50, -30 % at 5,000).
ONE_COLUMN_MIN_ROWS = 500


class _OneColumn(threading.local):
    active = False


_ONE_COLUMN = _OneColumn()


@contextmanager
def column_domains_of_one_column() -> Iterator[None]:
    """While the block runs (one validation, in this thread), GX's pandas engine gives a
    metric whose domain is one column a frame of that column only (``_one_column_domains``).

    Why: for each map expectation GX drops the rows where the column is null from the
    domain's frame (``df[df[column].notnull()]``, ``column_condition_partial``) and then
    reads only that column; with the whole frame as the domain, each of the suite's 15
    column expectations copied every column, the text included: ~30 % of GX's CPU on a
    20 MB shard (0.094 -> 0.066 s, benchmarks/RESULTS-throughput.md, "Round 18, flow18").
    The same rows, the same index (row positions), the same values: the same results
    (a test compares whole reports with this off and on, failing rows included).

    >>> with column_domains_of_one_column():
    ...     _ONE_COLUMN.active
    True
    >>> _ONE_COLUMN.active
    False
    """
    if not ONE_COLUMN_DOMAINS or _ONE_COLUMN.active:
        yield
        return
    _ONE_COLUMN.active = True
    try:
        yield
    finally:
        _ONE_COLUMN.active = False


def _one_column_domains() -> None:
    """Wrap GX's ``PandasExecutionEngine.get_domain_records`` (once, when GX is loaded): inside
    ``column_domains_of_one_column``, a domain of one column (no row condition) of a frame
    of ``ONE_COLUMN_MIN_ROWS`` rows or more is the frame of that column (same index),
    sharing its data (pandas' copy-on-write); elsewhere, and
    for every other domain (the table, column pairs), GX's own."""
    from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine

    own = PandasExecutionEngine.__dict__["get_domain_records"]
    if getattr(own, "one_column_by_corpus_clean", False):
        return

    def get_domain_records(self, domain_kwargs: dict):
        data = own(self, domain_kwargs)
        column = domain_kwargs.get("column")
        if (_ONE_COLUMN.active and column is not None and len(data) >= ONE_COLUMN_MIN_ROWS
                and not domain_kwargs.get("row_condition")
                and "column_A" not in domain_kwargs and "column_list" not in domain_kwargs
                and column in data.columns):
            return data[column].to_frame()  # (``data[[column]]`` costs ~4x as much: an index lookup and a take)
        return data

    get_domain_records.one_column_by_corpus_clean = True
    PandasExecutionEngine.get_domain_records = get_domain_records


# GX's ids of metric configurations and graph nodes (``IDDict.to_id``, ~760 per validation)
# convert their kwargs with JSON's own types converted here (``json_plain``); False: by
# GX's own ``convert_to_json_serializable`` for every value (what the tests compare with).
PLAIN_JSON_IDS = True


def _plain_json_ids_converted_here() -> None:
    """Have GX's ``IDDict.to_id`` convert its kwargs with ``json_plain`` (once, when GX is
    loaded): the same ids, ~8 ms less of GX's ~50 ms fixed cost per validation.

    Why: ``to_id`` serializes a dict of kwargs to JSON and hashes it, and GX's converter
    tries ~25 type checks on each value before it recognises None (four of them numpy's
    ``issubdtype``): a quarter of GX's fixed cost per validation under a profiler, for
    kwargs that are strings, numbers, None, lists and dicts."""
    from great_expectations.core import id_dict

    general = id_dict.convert_to_json_serializable
    if getattr(general, "plain_json_by_corpus_clean", False):
        return

    def convert(data):
        return json_plain(data, general) if PLAIN_JSON_IDS else general(data)

    convert.plain_json_by_corpus_clean = True
    id_dict.convert_to_json_serializable = convert


def json_plain(data: Any, general: Callable[[Any], Any]) -> Any:
    """What GX's ``convert_to_json_serializable`` (`general`) makes of `data`, with values of
    JSON's own types converted here: None, str, int, bool and float as they are (NaN as
    None, as GX does), a dict's keys as strings and its values converted, a list or tuple
    as a list of converted values. Any other value (subclasses of those types included:
    numpy's float64, enums, GX's own dicts) goes to `general`.

    >>> json_plain({"a": [1, 2.5, None, float("nan")], 3: ("x", True)}, general=repr)
    {'a': [1, 2.5, None, None], '3': ['x', True]}
    >>> json_plain({"when": range(2)}, general=repr)
    {'when': 'range(0, 2)'}
    """
    kind = type(data)
    if data is None or kind is str or kind is int or kind is bool:
        return data
    if kind is float:
        return None if data != data else data
    if kind is dict:
        return {str(key): json_plain(value, general) for key, value in data.items()}
    if kind is list or kind is tuple:
        return [json_plain(value, general) for value in data]
    return general(data)


def _usable_checks(checks: "RowChecks | None", n_rows: int, markers: tuple[str, ...]) -> dict:
    """The precomputed results that fit this validation: one per row, and for the
    boilerplate markers, made with the same markers."""
    if checks is None:
        return {}
    return {key: found for key, found in checks.found.items()
            if len(found) == n_rows
            and (key[0] != CUSTOM_METRICS["expect_column_values_to_have_no_boilerplate_markers"]
                 or checks.markers == markers)}


# --------------------------------------------------------------------------- suite
def load_suite_spec() -> dict:
    """The suite JSON (GX 1.x ExpectationSuite format)."""
    return json.loads(SUITE_FILE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def default_boilerplate_markers() -> tuple[str, ...]:
    """Marker regexes from the boilerplate rule packs (``boilerplate.marker_regexes``);
    built once per process (~70 ms: it was paid on every validation)."""
    from corpus_clean.boilerplate import marker_regexes

    with derived_cache.session():  # (each rule's first characters: rules.match_prefixes)
        return tuple(marker_regexes())


def _markers(config: ValidationConfig, checks: "RowChecks | None" = None) -> tuple[str, ...]:
    """The config's markers, else the rule packs'. Those are taken from `checks` when the
    checks were made with them: a flow process whose workers clean then never loads and
    compiles the rule packs only to list the markers (0.4 s of CPU)."""
    if config.boilerplate_markers is not None:
        return tuple(config.boilerplate_markers)
    if checks is not None and checks.default_markers:
        return checks.markers
    return default_boilerplate_markers()


def _parameters(config: ValidationConfig, checks: "RowChecks | None" = None) -> dict[str, Any]:
    markers = _markers(config, checks)
    now = dt.datetime.now(dt.timezone.utc)
    return {
        "min_chars": int(config.min_chars),
        "languages": sorted(config.languages) if config.languages is not None else None,
        "published_min": config.published_min,
        "published_max": (now + config.published_max_ahead).replace(microsecond=0),
        "boilerplate_markers": list(markers),
    }


def _needed_columns(spec: dict) -> set[str]:
    cols = {"id"}
    for e in spec["expectations"]:
        kw = e.get("kwargs", {})
        for key in ("column", "column_A", "column_B"):
            if key in kw:
                cols.add(kw[key])
        cols.update(kw.get("column_list", []))
    return cols


def _to_pandas(table: pa.Table, columns: list[str]):
    """Only the validated columns (the list<struct> columns are slow to convert).

    A string column holding invalid UTF-8 is decoded with each bad byte replaced by
    INVALID_UTF8_MARK, so the clean-unicode check reports the row.
    """
    import pandas as pd

    sub = table.select(columns)
    data = {}
    for name in columns:
        col = sub.column(name)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            try:
                col.validate(full=True)
            except pa.ArrowInvalid:
                raw = pc.cast(col, pa.large_binary() if pa.types.is_large_string(col.type) else pa.binary())
                data[name] = pd.Series(
                    [None if b is None else b.decode("utf-8", "corpus_clean_invalid_utf8")
                     for b in raw.to_pylist()],
                    dtype="str",
                )
                continue
        data[name] = col.to_pandas()
    return pd.DataFrame(data)


# Python regex features RE2 lacks or treats differently (Unicode \s \w \d \b, `$` before
# a final newline, lookarounds, backreferences, \u escapes, x{,n}...): a boilerplate
# marker using any of them runs with Python's `re`, on the rows an RE2 superset picks.
_NOT_RE2 = re.compile(r"\\[sSwWdDbBuUNZAx0-9]|\$|\(\?<[=!]|\(\?[=!]|\(\?P=|\(\?\(|\{,|\[:")
_GLOBAL_FLAGS = re.compile(r"^\(\?([imsx]+)\)")


@dataclass(frozen=True)
class MarkerGroup:
    patterns: tuple[str, ...]
    re2: str | None  # one RE2 alternation; None: search with `python`
    python: re.Pattern
    prefilter: str | None = None  # RE2 superset of `python`: rows worth a Python search


def _scoped(pattern: str) -> str:
    """'(?i)foo' → '(?i:foo)': global flags may not start an alternation branch."""
    m = _GLOBAL_FLAGS.match(pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"


def _re2_ok(pattern: str) -> bool:
    try:
        pc.match_substring_regex(pa.array([""]), pattern)
        return True
    except pa.ArrowInvalid:
        return False


@functools.lru_cache(maxsize=32)
def _marker_groups(patterns: tuple[str, ...]) -> tuple[MarkerGroup, ...]:
    """RE2-safe patterns: one RE2 alternation. The others: one Python alternation run
    only on the rows an RE2 superset of it picks (``search_superset``; google-re2), else
    one Python alternation on every row."""
    patterns = tuple(dict.fromkeys(patterns))
    for p in patterns:
        derived_cache.compile_regex(p)  # a broken rule pack fails loudly
    re2_safe = [p for p in patterns if not _NOT_RE2.search(p)]
    python_only = [p for p in patterns if _NOT_RE2.search(p)]
    groups: list[MarkerGroup] = []
    if re2_safe:
        joined = "|".join(_scoped(p) for p in re2_safe)
        if _re2_ok(joined) and _compiles(joined):
            groups.append(MarkerGroup(tuple(re2_safe), joined, derived_cache.compile_regex(joined)))
        else:
            for p in re2_safe:
                (groups.append(MarkerGroup((p,), p, derived_cache.compile_regex(p))) if _re2_ok(p)
                 else python_only.append(p))
    if python_only:
        # A lone pattern is searched as it is: the rule packs' marker is one ~20 KB regex,
        # compiled above already (re's cache), where its scoped copy was a second
        # compilation, 0.03 s in every process that validates or checks rows.
        joined = python_only[0] if len(python_only) == 1 else "|".join(_scoped(p) for p in python_only)
        if _compiles(joined):
            groups.append(MarkerGroup(tuple(python_only), None, derived_cache.compile_regex(joined), _prefilter(python_only)))
        else:
            groups.extend(MarkerGroup((p,), None, derived_cache.compile_regex(p), _prefilter([p])) for p in python_only)
    return tuple(groups)


def _compiles(pattern: str) -> bool:
    try:
        derived_cache.compile_regex(pattern)
        return True
    except re.error:
        return False


@derived_cache.derived  # (the packs' ~20 KB marker: kept in a file across processes, see _prefilter)
def search_superset(pattern: str) -> str | None:
    r"""An RE2 pattern whose search finds a match in at least every text where
    ``re.search(pattern, text)`` does, or None when there is no safe translation.

    The regex is translated node by node into a wider RE2 regex (the boilerplate
    kernels' ``re2_superset``: Unicode classes widened, lookarounds and anchors
    dropped). A pattern anchored at line starts and ends by a global ``(?m)`` (the rule
    packs' whole-line marker) keeps those two anchors, which RE2 reads exactly as
    Python does (``^`` at the start or after "\n", ``$`` at the end or before "\n"):
    without them the superset would match in most texts.

    >>> print(search_superset(r"(?m)^[ \t]*Share(?=!)[ \t]*$"))
    (?m:^)(?:(?:[\x{9}\x{20}]){0,}Share(?:[\x{9}\x{20}]){0,})(?m:$)
    >>> search_superset(r"(?(1)a|b)") is None
    True
    """
    from re import _constants

    from corpus_clean.boilerplate.kernels import re2_superset

    anchored = re2_superset(pattern)
    if anchored is None or not (anchored.startswith("^(?:") and anchored.endswith(")$")):
        return None
    body = anchored[1:-1]  # "(?:...)"
    tree = _parse(pattern)
    if tree is None or not tree.state.flags & re.MULTILINE:
        return body
    nodes = list(tree)
    at_begin, at_end = (_constants.AT, _constants.AT_BEGINNING), (_constants.AT, _constants.AT_END)
    starts = "(?m:^)" if nodes and nodes[0] == at_begin else ""
    ends = "(?m:$)" if nodes and nodes[-1] == at_end else ""
    return f"{starts}{body}{ends}"


def _parse(pattern: str):
    """The standard library's parse tree of a Python regex (None if it fails)."""
    from re import _parser

    try:
        return _parser.parse(pattern)
    except (re.error, RecursionError):
        return None


def _prefilter(patterns: list[str]) -> str | None:
    """One RE2 alternation of the patterns' search supersets; None when one has none or
    google-re2 cannot compile it (every row is then searched in Python)."""
    with derived_cache.session():  # each process's start read them off the same marker again
        supersets = [search_superset(p) for p in patterns]
    if any(s is None for s in supersets):
        return None
    joined = "|".join(f"(?:{s})" for s in supersets)
    return joined if _re2_searcher(joined) is not None else None


# RE2's memory budget for the prefilter's automaton (the rule packs' marker: a 60 KB
# pattern). At RE2's default (8 MB, what pyarrow's match_substring_regex runs with) its
# lazily built DFA runs out and falls back to a slow engine: 0.36 s per 20 MB of text,
# more than the Python search it is meant to spare; with this budget 0.03 s.
PREFILTER_MAX_MEM = 64 << 20


@functools.lru_cache(maxsize=32)
def _re2_searcher(pattern: str):
    """``pattern`` compiled by google-re2 (bytes in, search), or None when google-re2
    is not installed or refuses the pattern."""
    try:
        import re2
    except ImportError:
        return None
    options = re2.Options()
    options.max_mem, options.never_capture, options.log_errors = PREFILTER_MAX_MEM, True, False
    try:
        return re2.compile(pattern, options).search
    except re2.error:
        return None


def marker_groups(patterns) -> tuple[MarkerGroup, ...]:
    """Boilerplate marker regexes grouped for speed (one pass per group)."""
    with derived_cache.session():  # (the regexes' programs and supersets: from the last process's file)
        return _marker_groups(tuple(patterns))


def found_re2(values: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Boolean per value: an RE2 pattern of ours found (null: not found).

    >>> found_re2(pa.array(["a\\x00b", "ok", None]), CONTROL_RE).tolist()
    [True, False, False]
    """
    return pc.fill_null(pc.match_substring_regex(values, pattern), False).to_numpy(zero_copy_only=False)


def found_mojibake(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Boolean per value: the mojibake detector finds a marker (RE2 scan of the values,
    the detector's Python check on the values it flags)."""
    rows = found_re2(values, MOJIBAKE_RE)
    at = np.flatnonzero(rows)
    if len(at):
        rows[at] = [bool(find_markers(v)) for v in values.take(pa.array(at)).to_pylist()]
    return rows


def found_any(values: pa.Array | pa.ChunkedArray, patterns) -> np.ndarray:
    """Boolean per value: any of these Python regexes found (same answer as
    `re.search`). See _marker_groups for how it stays fast."""
    bad = np.zeros(len(values), dtype=bool)
    for group in marker_groups(patterns):
        if group.re2 is not None:
            bad |= found_re2(values, group.re2)
            continue
        search = group.python.search
        rows = (prefilter_rows(values, group.prefilter) if group.prefilter
                else pc.is_valid(values).to_numpy(zero_copy_only=False))
        at = np.flatnonzero(rows)
        if len(at):
            bad[at] |= np.array([v is not None and search(v) is not None
                                 for v in values.take(pa.array(at)).to_pylist()], dtype=bool)
    return bad


def prefilter_rows(values: pa.Array | pa.ChunkedArray, superset: str) -> np.ndarray:
    """Boolean per value: google-re2's search of `superset` (a ``_prefilter``) finds it
    (null: not found). The values are searched as their UTF-8 bytes, as Arrow holds them."""
    search = _re2_searcher(superset)
    as_bytes = pc.cast(values, pa.large_binary() if pa.types.is_large_string(values.type) else pa.binary())
    return np.array([b is not None and search(b) is not None for b in as_bytes.to_pylist()], dtype=bool)


def contains_re2(column, pattern: str):
    """``found_re2`` of a pandas column, as a boolean Series (no copy of Arrow-backed strings)."""
    import pandas as pd

    return pd.Series(found_re2(pa.array(column, from_pandas=True), pattern), index=column.index)


def has_mojibake(column):
    """``found_mojibake`` of a pandas column, as a boolean Series."""
    import pandas as pd

    return pd.Series(found_mojibake(pa.array(column, from_pandas=True)), index=column.index)


def contains_any(column, patterns):
    """``found_any`` of a pandas column, as a boolean Series."""
    import pandas as pd

    return pd.Series(found_any(pa.array(column, from_pandas=True), patterns), index=column.index)


# --------------------------------------------------------------------------- per-row checks ahead
# The custom expectations' per-row searches (the costly part of validating: regexes over
# every text) can run before validation, where the rows are made (the cleaning workers,
# batch by batch): ``row_checks``. Validation then hands the results to GX, which still
# runs every expectation over every row and decides from them (``_metric_rows``).
CUSTOM_METRICS = {
    "expect_column_values_to_be_clean_unicode": "column_values.corpus_clean.clean_unicode",
    "expect_column_values_to_have_no_mojibake": "column_values.corpus_clean.no_mojibake",
    "expect_column_values_to_have_no_boilerplate_markers": "column_values.corpus_clean.no_boilerplate_markers",
}


@dataclass
class RowChecks:
    """What the custom checks found in each row of a table (True: the row fails), by
    (metric, column), and the boilerplate markers searched for."""

    found: dict[tuple[str, str], np.ndarray]
    markers: tuple[str, ...]
    default_markers: bool = False
    """The markers are the rule packs' (``default_boilerplate_markers``), not a config's."""

    @classmethod
    def concat(cls, parts: list["RowChecks"]) -> "RowChecks | None":
        """The checks of tables concatenated in this order (None if any part lacks them)."""
        if not parts or any(p is None or p.found.keys() != parts[0].found.keys() or p.markers != parts[0].markers
                            for p in parts):
            return None
        return cls({key: np.concatenate([p.found[key] for p in parts]) for key in parts[0].found}, parts[0].markers,
                   all(p.default_markers for p in parts))


@functools.lru_cache(maxsize=1)
def _custom_expectation_columns() -> tuple[tuple[str, str], ...]:
    """(metric, column) of every custom expectation in the suite."""
    return tuple((CUSTOM_METRICS[e["type"]], e["kwargs"]["column"]) for e in load_suite_spec()["expectations"]
                 if e["type"] in CUSTOM_METRICS)


def row_checks(table: pa.Table, config: "ValidationConfig" = None) -> RowChecks | None:
    """The custom expectations' per-row results for `table` (see ``validate_table``'s
    `checks`), computed here, e.g. in a cleaning worker. None when a checked column
    holds invalid UTF-8 (validation then decodes and searches it itself)."""
    config = config or ValidationConfig()
    markers = tuple(_markers(config))
    marked = {column for metric, column in _custom_expectation_columns() if metric == _MARKERS_METRIC}
    # One pass of google-re2 over a column finds the rows any of its checks may flag
    # (control characters, mojibake, and on a marked column the markers' superset); each
    # check then searches those rows only (``rows_worth_searching``), where one Arrow RE2
    # pass per check, compiled on every call, and a Python call per row for the markers'
    # prefilter took twice the CPU (benchmarks/RESULTS-throughput.md, "Round 24, flow24").
    worth = functools.cache(lambda column: rows_worth_searching(
        table.column(column), markers if column in marked else ()))
    search = {
        "column_values.corpus_clean.clean_unicode":
            lambda column, values: _where(worth(column), values, lambda v: found_re2(v, CONTROL_RE)),
        "column_values.corpus_clean.no_mojibake":
            lambda column, values: _where(worth(column), values, found_mojibake),
        _MARKERS_METRIC: lambda column, values: _where(worth(column), values, lambda v: found_any(v, markers)),
    }
    found = {}
    for metric, column in _custom_expectation_columns():
        if column not in table.column_names:
            continue
        values = table.column(column)
        try:
            values.validate(full=True)
        except pa.ArrowInvalid:
            return None
        found[(metric, column)] = search[metric](column, values)
    return RowChecks(found, markers, default_markers=config.boilerplate_markers is None)


_MARKERS_METRIC = "column_values.corpus_clean.no_boilerplate_markers"


def rows_worth_searching(values: pa.Array | pa.ChunkedArray, markers: tuple[str, ...] = ()) -> np.ndarray:
    """Boolean per value: at least every value holding a control character or mojibake
    (``CONTROL_RE``, ``MOJIBAKE_RE``) or, with `markers`, one of those markers: the rows
    the exact checks need to look at. One google-re2 search of all the values at once
    (``rows_a_search_flags``) when the markers have an RE2 superset (``markers_superset``);
    else an Arrow RE2 pass, and every row for the markers.

    >>> rows_worth_searching(pa.array(["fine", "caf\u00c3\u00a9", "a" + chr(0), None, "Share"]), ("^Share$",)).tolist()
    [False, True, True, False, True]
    """
    pattern = _CONTROL_OR_MOJIBAKE
    if markers:
        superset = markers_superset(markers)
        pattern = f"(?:{_CONTROL_OR_MOJIBAKE})|(?:{superset})" if superset else None
    search = _lines_searcher(pattern) if pattern else None
    if search is not None:
        return rows_a_search_flags(values, search)
    rows = found_re2(values, _CONTROL_OR_MOJIBAKE)
    return rows | pc.is_valid(values).to_numpy(zero_copy_only=False) if markers else rows


def markers_superset(markers: tuple[str, ...]) -> str | None:
    """An RE2 pattern that finds a match in at least every text where one of the markers
    is found (``found_any``): the alternation of each group's RE2 pattern or prefilter
    (``_marker_groups``); None when a group has neither (it searches every row).

    >>> markers_superset(("Related Topics", "Share this")) is not None, markers_superset(()) is None
    (True, True)
    """
    groups = marker_groups(markers)
    parts = [group.re2 if group.re2 is not None else group.prefilter for group in groups]
    if not parts or any(part is None for part in parts):
        return None
    return "|".join(f"(?:{part})" for part in parts)


# What ``_lines_searcher`` does not translate: an escaped backslash (it would misread
# what follows it) or a flag group that turns multi-line mode off.
_BACKSLASH_OR_FLAGS_OFF = re.compile(r"\\\\|\(\?[a-zA-Z]*-")


@functools.lru_cache(maxsize=32)
def _lines_searcher(pattern: str):
    """google-re2's search of a superset of `pattern` for ``rows_a_search_flags``, where
    each value is followed by "\\n": multi-line mode (``^``/``$`` at every line's start and
    end), ``\\A`` and ``\\z`` (a value's own start and end) read as a line's. None when
    that cannot be said safely (``_BACKSLASH_OR_FLAGS_OFF``), or google-re2 is missing or
    refuses the pattern.

    >>> _lines_searcher(r"a\\z")(b"xa\\nya\\n").start(), _lines_searcher(r"(?-m:^a)") is None
    (1, True)
    """
    if _BACKSLASH_OR_FLAGS_OFF.search(pattern):
        return None
    lines = pattern.replace("\\A", "(?m:^)").replace("\\z", "(?m:$)")
    return _re2_searcher(f"(?m:{lines})")


def rows_a_search_flags(values: pa.Array | pa.ChunkedArray, search) -> np.ndarray:
    """Boolean per value: at least every value in which `search` (``_lines_searcher``)
    finds a match, found by searching all the values' bytes at once, each value followed
    by "\\n", not by a call per value. From a value's start the search finds the leftmost
    match in it or in a later value; that value is flagged, and the search goes on from
    the start of the value after it. A match inside one value is found there as in the
    value alone (``^`` and ``$`` see the "\\n" around it as its start and end), so none is
    missed; one that runs on into the next value flags a value the exact check then
    clears. Nulls: never flagged.

    >>> search = _lines_searcher("^b$")
    >>> rows_a_search_flags(pa.array(["a\\nb", "b", None, "ab", "", "b", "x"]), search).tolist()
    [True, True, False, False, False, True, False]
    """
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    found = np.zeros(len(values), dtype=bool)
    if not len(values):
        return found
    lines = pc.binary_join_element_wise(values, "\n", "")  # each value and "\n"; a null stays null
    width = np.int64 if pa.types.is_large_string(lines.type) else np.int32
    _, offsets_buffer, data = lines.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=width, count=len(lines) + 1,
                            offset=lines.offset * np.dtype(width).itemsize).astype(np.int64)
    text = data.slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes() if data is not None else b""
    offsets -= offsets[0]
    position = 0
    while position < len(text) and (match := search(text, position)) is not None:
        if match.start() == len(text):  # (an empty line after the last value's "\n")
            break
        row = int(np.searchsorted(offsets, match.start(), side="right")) - 1
        found[row] = True
        position = int(offsets[row + 1])
    return found & pc.is_valid(values).to_numpy(zero_copy_only=False)


_CONTROL_OR_MOJIBAKE = f"(?:{CONTROL_RE})|(?:{MOJIBAKE_RE})"

# Rows searched together by ``row_checks_in_slices``: each call of ``row_checks`` costs
# ~0.5 ms whatever its rows (Arrow compiles the RE2 patterns on every call, the columns'
# UTF-8 is checked), so a 20 MB shard's checks took 0.109 s in batches of 64 rows and
# 0.074 s in slices of 1024 (0.070 s whole); a slice's texts, taken as Python bytes for
# the marker prefilter, stay a few MB.
ROW_CHECK_SLICE = 1024


def row_checks_in_slices(table: pa.Table, config: "ValidationConfig" = None,
                         rows: int = ROW_CHECK_SLICE) -> RowChecks | None:
    """``row_checks`` of a whole shard's table, `rows` rows at a time: the same results
    (the checks are per row), for a shard whose rows were cleaned without them.

    >>> t = pa.table({"text": ["fine text", "bad" + chr(0), "cafÃ© ok"], "title": ["a", "b", "c"]})
    >>> found = row_checks_in_slices(t, rows=2).found
    >>> found[("column_values.corpus_clean.clean_unicode", "text")].tolist()
    [False, True, False]
    >>> found[("column_values.corpus_clean.no_mojibake", "text")].tolist()
    [False, False, True]
    """
    return RowChecks.concat([row_checks(table.slice(start, rows), config)
                             for start in range(0, max(table.num_rows, 1), rows)])


def _where(rows: np.ndarray, values: pa.Array | pa.ChunkedArray, search) -> np.ndarray:
    """``search(values)``, computed on the rows marked in `rows` only (the others: False).

    >>> _where(np.array([True, False, True]), pa.array(["a" + chr(0), "b" + chr(0), "c"]),
    ...        lambda v: found_re2(v, CONTROL_RE)).tolist()
    [True, False, False]
    """
    found = np.zeros(len(values), dtype=bool)
    at = np.flatnonzero(rows)
    if len(at):
        found[at] = search(values.take(pa.array(at)))
    return found


# Set by validate_table, under _GX_LOCK, for the one validation it runs.
_CHECKED_AHEAD: dict[tuple[str, str], np.ndarray] = {}


def _metric_rows(metric: str, column, search):
    """Boolean Series over `column`'s rows: the precomputed results of `metric` on this
    column when validate_table was given them, else `search(column)`. GX may pass a
    subset of the rows (nulls left out); the frame's RangeIndex labels are row positions."""
    import pandas as pd

    ahead = _CHECKED_AHEAD.get((metric, column.name))
    if ahead is None:
        return search(column)
    return pd.Series(ahead[column.index.to_numpy()], index=column.index)


# --------------------------------------------------------------------------- GX setup
# Modules GX imports when it is imported, for expectations and metrics this suite does not
# use: scipy.stats (KL divergence and KS tests) and altair (their charts). Importing GX
# with them cost ~1 s of CPU and ~75 MB of resident memory more (`python -X importtime`;
# benchmarks/RESULTS-throughput.md, "round 5").
UNUSED_BY_THE_SUITE = ("scipy.stats", "altair")


class ImportOnUse(types.ModuleType):
    """A stand-in in ``sys.modules`` for a module nothing may ever use: the real module is
    imported the first time one of its attributes is read, and the stand-in passes every
    read on to it (so code that holds the stand-in works as with the real module).

    >>> import sys
    >>> sys.modules["json.tool"] = ImportOnUse("json.tool")
    >>> from json import tool
    >>> type(tool).__name__, type(sys.modules["json.tool"]).__name__
    ('ImportOnUse', 'ImportOnUse')
    >>> callable(tool.main), type(sys.modules["json.tool"]).__name__
    (True, 'module')
    """

    def __init__(self, name: str):
        super().__init__(name)
        # What the import system checks of a module already in sys.modules; a spec
        # found, not loaded (`import name` then returns the stand-in without loading).
        self.__spec__ = importlib.util.find_spec(name)

    def __getattr__(self, attribute: str):
        with _IMPORT_ON_USE_LOCK:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
        return getattr(real, attribute)


_IMPORT_ON_USE_LOCK = threading.RLock()


def defer_unused_imports(names: tuple[str, ...] = UNUSED_BY_THE_SUITE) -> list[str]:
    """Put an ``ImportOnUse`` stand-in for each of `names` not imported yet (and
    installed) into sys.modules; returns the names deferred. Called before GX is imported."""
    deferred = []
    with _IMPORT_ON_USE_LOCK:
        for name in names:
            if name in sys.modules:
                continue
            try:
                found = importlib.util.find_spec(name) is not None
            except ModuleNotFoundError:  # its parent package is not installed
                found = False
            if found:
                sys.modules[name] = ImportOnUse(name)
                deferred.append(name)
    return deferred


def preload() -> None:
    """Import GX's modules now (seconds), e.g. in a thread while something else waits.
    Only imports: building the context logs, and a thread that logs could still be
    writing after the program reported an interruption as its last line."""
    defer_unused_imports()
    import great_expectations  # noqa: F401
    from great_expectations.execution_engine import pandas_execution_engine  # noqa: F401


def _gx() -> dict[str, Any]:
    """Import GX, register the custom expectations, build the ephemeral context: once."""
    with _GX_LOCK:
        if _GX:
            return _GX
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        defer_unused_imports()
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from great_expectations.execution_engine import pandas_execution_engine

        # GX fingerprints every dataframe under 1 GB by hashing all its values (a batch
        # marker nothing here reads): 15-20 % of a shard's validation time, spent
        # hashing the text column. A threshold of 0 skips it; results are unchanged.
        pandas_execution_engine.HASH_THRESHOLD = 0
        _memoize_configurations()
        _plain_json_ids_converted_here()
        _one_column_domains()
        custom = _register_custom_expectations()
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        asset = context.data_sources.add_pandas("corpus_clean").add_dataframe_asset("records")
        _GX.update(
            gx=gx,
            context=context,
            batch_definition=asset.add_batch_definition_whole_dataframe("whole_table"),
            definitions={},
            sites={},
            custom=custom,
        )
        return _GX


def _validation_definition(state: dict, variant: tuple[str, ...]):
    """Suite + validation definition for a variant (parameters that are None drop the
    expectations requiring them), cached."""
    with _GX_LOCK:
        if variant in state["definitions"]:
            return state["definitions"][variant]
        gx = state["gx"]
        spec = copy.deepcopy(load_suite_spec())
        spec["expectations"] = [
            e for e in spec["expectations"] if e.get("meta", {}).get("requires") not in variant
        ]
        suffix = "-".join(("without",) + variant) if variant else "full"
        spec["name"] = f"{spec['name']}.{suffix}"
        spec.pop("id", None)
        for e in spec["expectations"]:
            e.pop("id", None)
        suite = state["context"].suites.add(gx.ExpectationSuite(**spec))
        vd = state["context"].validation_definitions.add(
            gx.ValidationDefinition(name=f"records.{suffix}", data=state["batch_definition"], suite=suite)
        )
        meta_by_id = {e.id: dict(e.meta or {}) for e in suite.expectations}
        state["definitions"][variant] = (vd, meta_by_id)
        return vd, meta_by_id


def _build_data_docs(state: dict, data_docs_dir: str) -> str:
    base = Path(data_docs_dir).expanduser().resolve()  # GX needs an absolute path
    base.mkdir(parents=True, exist_ok=True)
    site = state["sites"].get(str(base))
    if site is None:
        site = "corpus_clean_" + hashlib.sha256(str(base).encode()).hexdigest()[:12]
        state["context"].add_data_docs_site(
            site_name=site,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        state["sites"][str(base)] = site
    state["context"].build_data_docs(site_names=[site])
    index = base / "index.html"
    if not index.is_file():
        raise RuntimeError(f"GX did not write Data Docs to {index}")
    return str(index)


def _forget_batch(state: dict) -> None:
    """GX's execution engine keeps the last batch (our dataframe: views of the shard's
    Arrow buffers) and the metrics computed on it until the next validation: one more
    shard's rows held in memory while other shards are cleaned (measured: the shard's
    table stayed allocated after it was written). Drop them; the next validation loads
    its own batch anyway."""
    engine = state["context"].data_sources.get("corpus_clean").get_execution_engine()
    engine.batch_manager.reset_batch_cache()
    data_cache = getattr(engine.batch_manager, "_batch_data_cache", None)  # no public way to clear it
    if isinstance(data_cache, dict):
        data_cache.clear()
    metric_cache = getattr(engine, "_metric_cache", None)
    if isinstance(metric_cache, dict):
        metric_cache.clear()


def _clear_results(state: dict) -> None:
    """The ephemeral context keeps every validation result in memory (with the
    unexpected values: whole texts); drop them after each run."""
    store = state["context"].validation_results_store
    for key in store.list_keys():
        store.remove_key(key)


def _register_custom_expectations() -> tuple:
    """Define the custom metrics and expectations. Defining the classes registers them
    with GX under their snake_case names, which the suite JSON uses."""
    from typing import ClassVar, List, Union

    from great_expectations.core.suite_parameters import SuiteParameterDict
    from great_expectations.execution_engine import PandasExecutionEngine
    from great_expectations.expectations.expectation import ColumnMapExpectation
    from great_expectations.expectations.metrics.map_metric_provider import (
        ColumnMapMetricProvider,
        column_condition_partial,
    )

    class ColumnValuesCleanUnicode(ColumnMapMetricProvider):
        condition_metric_name = "column_values.corpus_clean.clean_unicode"

        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column, **kwargs):
            return ~_metric_rows(cls.condition_metric_name, column, lambda c: contains_re2(c, CONTROL_RE))

    class ColumnValuesNoMojibake(ColumnMapMetricProvider):
        condition_metric_name = "column_values.corpus_clean.no_mojibake"

        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column, **kwargs):
            return ~_metric_rows(cls.condition_metric_name, column, has_mojibake)

    class ColumnValuesNoBoilerplateMarkers(ColumnMapMetricProvider):
        condition_metric_name = "column_values.corpus_clean.no_boilerplate_markers"
        condition_value_keys = ("regex_list",)

        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column, regex_list, **kwargs):
            return ~_metric_rows(cls.condition_metric_name, column, lambda c: contains_any(c, list(regex_list or ())))

    class ExpectColumnValuesToBeCleanUnicode(ColumnMapExpectation):
        """Values hold no C0 control character other than TAB, LF, CR, no DEL, no C1
        control, no BOM / deprecated format / annotation character, no noncharacter, and
        were valid UTF-8."""

        map_metric: ClassVar[str] = "column_values.corpus_clean.clean_unicode"
        success_keys: ClassVar[tuple] = ("mostly",)
        library_metadata: ClassVar[dict] = {"maturity": "experimental", "tags": ["corpus-clean"],
                                            "contributors": ["corpus-clean"]}

    class ExpectColumnValuesToHaveNoMojibake(ColumnMapExpectation):
        """Values hold no mojibake marker (UTF-8 decoded as cp1252/latin-1: "Ã©", "â€™",
        "Ð°", "Â" at a line end, U+FFFD...)."""

        map_metric: ClassVar[str] = "column_values.corpus_clean.no_mojibake"
        success_keys: ClassVar[tuple] = ("mostly",)
        library_metadata: ClassVar[dict] = {"maturity": "experimental", "tags": ["corpus-clean"],
                                            "contributors": ["corpus-clean"]}

    class ExpectColumnValuesToHaveNoBoilerplateMarkers(ColumnMapExpectation):
        """No value matches any of regex_list (markers of boilerplate the strip step
        should have removed). An empty list passes trivially."""

        regex_list: Union[List[str], SuiteParameterDict] = []
        map_metric: ClassVar[str] = "column_values.corpus_clean.no_boilerplate_markers"
        success_keys: ClassVar[tuple] = ("regex_list", "mostly")
        args_keys: ClassVar[tuple] = ("column", "regex_list")
        library_metadata: ClassVar[dict] = {"maturity": "experimental", "tags": ["corpus-clean"],
                                            "contributors": ["corpus-clean"]}

    return (ExpectColumnValuesToBeCleanUnicode, ExpectColumnValuesToHaveNoMojibake,
                     ExpectColumnValuesToHaveNoBoilerplateMarkers, ColumnValuesCleanUnicode,
                     ColumnValuesNoMojibake, ColumnValuesNoBoilerplateMarkers)


# --------------------------------------------------------------------------- details
def _show(value: Any, limit: int = 60) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_CONTROL = re.compile(CONTROL_RE)


# Letters that render as nothing (a combining grapheme joiner, Hangul fillers).
_INVISIBLE_LETTERS = "\u034f\u115f\u1160\u3164\uffa0"


def _is_invisible(char: str) -> bool:
    """Whitespace, a format character (zero-width space, direction marks, soft hyphen)
    or a filler letter: nothing a reader sees.

    >>> _is_invisible("\u200b"), _is_invisible("\u3164"), _is_invisible("a")
    (True, True, False)
    """
    return unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc") or char in _INVISIBLE_LETTERS


def _detail(etype: str, kw: dict, params: dict, row: dict[str, Any]) -> str:
    """Human-readable reason why a row (its values of the expectation's columns) failed
    an expectation; computed for failing rows only."""
    column = kw.get("column")
    if etype == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = row[kw["column_A"]], row[kw["column_B"]]
        op = ">=" if kw.get("or_equal") else ">"
        return f"{kw['column_B']} {_show(b)} exceeds {kw['column_A']} {_show(a)} (expected {kw['column_A']} {op} {kw['column_B']})"
    value = row[column]
    if etype == "expect_column_values_to_not_be_null":
        return f"{column} is null"
    if etype == "expect_column_value_lengths_to_be_between":
        lo, hi = _resolve(kw.get("min_value"), params), _resolve(kw.get("max_value"), params)
        bound = f"minimum {lo}" if hi is None else f"maximum {hi}" if lo is None else f"range {lo}..{hi}"
        return f"{column} has {len(value)} chars, {bound}"
    if etype == "expect_column_values_to_match_regex":
        if isinstance(value, str) and not value.strip():
            return f"{column} is blank ({len(value)} whitespace chars)"
        if isinstance(value, str) and value and all(_is_invisible(c) for c in value):
            return f"{column} is blank ({len(value)} whitespace or invisible chars, e.g. U+{ord(value.strip()[0]):04X})"
        return f"{column} {_show(value)} does not match /{_resolve(kw.get('regex'), params)}/"
    if etype == "expect_column_values_to_not_match_regex":
        regex = _resolve(kw.get("regex"), params)
        m = re.search(regex, value) if isinstance(value, str) else None
        if m:
            return f"{column} has {_show(m.group(), 40)} at char {m.start()} (matches /{regex}/)"
        return f"{column} {_show(value)} matches /{regex}/"
    if etype == "expect_column_values_to_be_in_set":
        allowed = _resolve(kw.get("value_set"), params) or []
        return f"{column} {_show(value)} not in allowed set ({', '.join(map(str, allowed))})"
    if etype == "expect_column_values_to_be_between":
        lo, hi = _resolve(kw.get("min_value"), params), _resolve(kw.get("max_value"), params)
        return f"{column} {_show(value)} outside {_show(lo)} .. {_show(hi)}"
    if etype == "expect_column_values_to_have_no_mojibake":
        found = find_markers(value)
        if not found:
            return f"{column} has mojibake"
        pos, marker = found[0]
        more = f" ({len(found)} markers)" if len(found) > 1 else ""
        return f"mojibake marker {marker!r} in {column} at char {pos}{more}"
    if etype == "expect_column_values_to_be_clean_unicode":
        return _unicode_detail(column, value)
    if etype == "expect_column_values_to_have_no_boilerplate_markers":
        for pattern in _resolve(kw.get("regex_list"), params) or ():
            m = re.search(pattern, value)
            if m:
                shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."  # packs' marker is huge
                return (f"boilerplate marker /{shown}/ matched {_show(m.group(), 40)} "
                        f"in {column} at char {m.start()}")
        return f"{column} has a boilerplate marker"
    return f"{etype} failed on {column} value {_show(value)}"


def _unicode_detail(column: str, value: str) -> str:
    problems = []
    for m in _CONTROL.finditer(value):
        cp = ord(m.group())
        if m.group() == INVALID_UTF8_MARK:
            what = "invalid UTF-8 byte"
        elif 0xFDD0 <= cp <= 0xFDEF or cp in (0xFFFE, 0xFFFF):
            what = f"noncharacter U+{cp:04X}"
        elif cp > 0x9F:
            what = f"format character U+{cp:04X}"
        else:
            what = f"control character U+{cp:04X}"
        problems.append((m.start(), what))
    if not problems:
        return f"{column} is not clean Unicode"
    problems.sort()
    pos, what = problems[0]
    more = f" ({len(problems)} in all)" if len(problems) > 1 else ""
    return f"{what} in {column} at char {pos}{more}"


def _resolve(value: Any, params: dict) -> Any:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return params.get(value["$PARAMETER"])
    return value

"""Round 13's sweep of bad arguments and damaged outputs: what it found, one test each.

Arguments that could only fail inside the run (a quality bound that is no number) or never
fail but quarantine everything (a language named instead of coded) are refused up front;
a current version whose files were deleted or overwritten outside corpus-clean stops the
next run in one line, instead of being built on (which lost the rows without a word)."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.main import build_parser, parse_languages, parse_quality
from corpus_clean.dataset import DamagedVersion, VersionBuilder
from corpus_clean.extract import check_language_codes, language_codes
from corpus_clean.layout import OutputLayout
from tests.test_bad_input_round12 import _jsonl, _stories


@pytest.mark.parametrize("value, words", [
    ('{"min_words": "x"}', "min_words must be a number"),
    ('{"min_words": true}', "min_words must be a number"),
    ("[50]", "must be 'gopher' or an object"),
    ('"strict"', "unknown quality preset 'strict'"),
])
def test_a_quality_bound_that_is_no_number_is_refused_before_the_run(value, words):
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        parse_quality(value)


def test_numeric_and_null_quality_bounds_pass():
    assert parse_quality('{"min_words": 50, "max_words": null, "min_mean_word_length": 2.5}')["min_words"] == 50
    assert parse_quality("Gopher") == "Gopher"


@pytest.mark.parametrize("value, words", [
    ("english", "did you mean 'en'"),
    ("en,German", "did you mean 'de'"),
    ("xx", "unknown language code 'xx'"),
    ("en-US", "unknown language code 'en-US'"),
])
def test_a_language_named_instead_of_coded_is_refused(value, words):
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        parse_languages(value)


def test_language_codes_are_normalised_and_empty_means_no_filter():
    assert parse_languages(" EN, pt ,") == ["en", "pt"]
    assert parse_languages("") is None
    assert build_parser().parse_args(["run", "--input", "a", "--output", "b", "--languages", "he,jv"]).languages == ["he", "jv"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(language_codes())))
def test_every_code_lang_can_hold_is_accepted(code):
    assert check_language_codes([code.upper()]) == [code]


def _first_version(tmp_path: Path) -> Path:
    """A real run's output (version 1) of three stories."""
    from prefect.settings import PREFECT_API_URL

    source = tmp_path / "in" / "a.jsonl"
    source.parent.mkdir()
    source.write_bytes(_jsonl(_stories(3)))
    out = tmp_path / "out"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(source.parent), "--output", str(out),
                           "--no-data-docs", "--no-dedup"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def _clean_part(out: Path) -> Path:
    return next((out / "versions" / "v000001" / "clean").glob("*.parquet"))


def _damage(out: Path, how: str) -> None:
    part = _clean_part(out)
    if how == "deleted":
        part.unlink()
    elif how == "truncated":
        part.write_bytes(part.read_bytes()[:100])
    elif how == "rows removed":  # a valid Parquet file, but not the rows the manifest counts
        pq.write_table(pq.read_table(part).slice(0, 1), part)


@pytest.fixture(scope="module")
def first_version(tmp_path_factory, prefect_server):
    return _first_version(tmp_path_factory.mktemp("v1"))


@pytest.mark.parametrize("how", ["deleted", "truncated", "rows removed"])
def test_a_damaged_current_version_is_never_built_on(first_version, tmp_path, how):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(first_version, out, symlinks=True)
    _damage(out, how)
    builder = VersionBuilder(OutputLayout(out), replaced_sources={"b.jsonl"})
    with pytest.raises(DamagedVersion, match="current version v000001 .* is damaged"):
        builder.carry_over()
    builder.abort()
    assert not [p for p in (out / "versions").iterdir() if p.name.startswith(".")]  # no staging left


def test_a_whole_current_version_is_carried_over(first_version, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(first_version, out, symlinks=True)
    builder = VersionBuilder(OutputLayout(out), replaced_sources={"b.jsonl"})
    builder.carry_over()
    assert sum(pq.ParquetFile(p).metadata.num_rows for p in builder.parts("clean")) == 3
    builder.abort()


@pytest.mark.usefixtures("prefect_server")
def test_a_run_on_a_damaged_output_ends_in_one_line_and_changes_nothing(first_version, tmp_path):
    import shutil

    from prefect.settings import PREFECT_API_URL

    out = tmp_path / "out"
    shutil.copytree(first_version, out, symlinks=True)
    _damage(out, "deleted")
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.jsonl").write_bytes(_jsonl([f"Another {k}: the library opened a reading room. " * 3 for k in range(2)]))
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(more), "--output", str(out),
                           "--no-data-docs", "--no-dedup"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert "is damaged: clean/ holds 0 files and 0 rows where its manifest records 1 files and 3 rows" in last, last
    assert "Nothing was changed" in last
    assert os.readlink(out / "current") == "versions/v000001"
    assert sorted(p.name for p in (out / "versions").iterdir()) == ["v000001"]


def test_an_output_given_as_a_url_is_refused_instead_of_making_a_folder_named_file(tmp_path, monkeypatch):
    from corpus_clean.preflight import PreflightError, check_output

    monkeypatch.chdir(tmp_path)
    with pytest.raises(PreflightError, match="is a URL; give a directory path"):
        check_output(f"file://{tmp_path}/out")
    assert not (tmp_path / "file:").exists()


@pytest.mark.parametrize("inside", ["clean", "current", "versions/new", "current/clean/more"])
def test_an_output_inside_another_corpus_clean_output_is_refused(first_version, inside):
    from corpus_clean.preflight import PreflightError, check_output

    with pytest.raises(PreflightError, match="is inside the corpus-clean output"):
        check_output(str(first_version / inside))
    check_output(str(first_version))  # the output itself: a run adds a version to it


def test_a_run_with_the_embedded_server_ends_on_its_summary_without_shutdown_tracebacks(first_version, tmp_path):
    """Stopping the embedded server cancelled Prefect's task-run recorder mid-flush on
    about half of short runs: ~150 lines of CancelledError tracebacks after the summary."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(first_version, out, symlinks=True)
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_bytes(_jsonl(_stories(3)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(source), "--output", str(out),
                               "--no-data-docs", "--no-dedup"], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]


def test_a_jsonl_line_that_is_no_object_is_named_in_jsons_words(tmp_path):
    """Round 14: "JSON value is null / an array / a string", not Python's "NoneType"."""
    lines = b'null\n[1, 2]\n"just a string"\ntrue\n3.5\n'
    run = subprocess.run([sys.executable, "-m", "cli", "filter"], input=lines, capture_output=True, check=True)
    errors = [json.loads(line)["error"] for line in run.stdout.decode().splitlines()]
    assert [error.split(": ", 1)[1] for error in errors] == [
        "JSON value is null, not an object", "JSON value is an array, not an object",
        "JSON value is a string, not an object", "JSON value is a boolean, not an object",
        "JSON value is a number, not an object"]

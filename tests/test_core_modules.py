"""Unit tests of the core modules that had none of their own: pipeline, shards,
extract and records. Each checks behaviour a caller relies on."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import extract
from corpus_clean.document import Document, Removal, stable_id
from corpus_clean.pipeline import clean_documents, clean_text
from corpus_clean.readers import InputFile, list_input_files
from corpus_clean.records import clean_schema, document_row, filtered_schema, quarantine_schema
from corpus_clean.shards import BATCH_DOCS, clean_shard, plan_shards, split_by_validation
from tests.conftest import ARTICLE, CONTENT_LINES


# ---------------------------------------------------------------- pipeline
def test_clean_text_keeps_the_story_and_moves_metadata_into_columns():
    doc = clean_text(ARTICLE)
    assert all(line in doc.text for line in CONTENT_LINES)
    assert "Facebook" not in doc.text and "rights reserved" not in doc.text
    assert doc.title == "Harbour Town Votes to Rebuild the Old Ferry Pier"
    assert doc.byline == "Lena Okafor and Piet Vermeer"
    assert doc.lang == "en"


@settings(deadline=None)  # the whole pipeline per example: slow on a loaded machine
@given(st.lists(st.sampled_from(CONTENT_LINES + ["Share this article", "Advertisement", "Caf\u00c3\u00a9 society",
                                                 "By Ana Ruiz", "", "© 2023 Some Paper"]), max_size=12))
def test_every_removal_points_at_the_text_it_names_in_the_repaired_text(lines):
    doc = clean_text("\n".join(lines) + "\n")
    for removal in doc.removed:
        assert doc.repaired_text[removal.start:removal.end] == removal.text
    # what was kept plus what was cut is the repaired text: nothing is lost unrecorded
    assert len(doc.text) <= len(doc.repaired_text)


def test_batched_cleaning_equals_one_document_at_a_time():
    texts = [ARTICLE, ARTICLE.replace("Eastmere", "Northholm"), "Just one short line.\n", ""]
    one_by_one = [clean_text(t) for t in texts]
    batch = [Document(id=stable_id("<string>", 0), source="<string>", raw_text=t, raw_sha256="") for t in texts]
    clean_documents(batch)
    assert [(d.text, d.removed, d.title, d.lang) for d in batch] == \
        [(d.text, d.removed, d.title, d.lang) for d in one_by_one]


# ---------------------------------------------------------------- shards
def test_plan_shards_keeps_file_order_and_never_loses_a_file():
    files = [InputFile(f"f{i}", f"f{i}", size) for i, size in enumerate([5, 50, 1, 200, 3, 3])]
    shards = plan_shards(files, target_bytes=60)
    assert [f for shard in shards for f in shard.files] == files
    assert [shard.name for shard in shards] == [f"part-{i:05d}" for i in range(len(shards))]


def test_a_shard_larger_than_one_batch_is_cleaned_in_order_and_split_three_ways(tmp_path):
    import json

    n = BATCH_DOCS + 5
    lines = [json.dumps({"id": str(i), "text": ARTICLE.replace("Eastmere", f"Town{i}")}) for i in range(n)]
    lines[7] = "{broken json"
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    [shard] = plan_shards(list_input_files(str(tmp_path)))
    cleaned = clean_shard(shard, run_id="r")
    assert cleaned.rows.column("record_index").to_pylist() == list(range(n))
    assert cleaned.rows.schema == clean_schema()

    failing = cleaned.rows.column("id")[3].as_py()
    output = split_by_validation(cleaned, {failing: [("text_min_length", "too short")]})
    assert output.quarantine.schema == quarantine_schema() and output.filtered.schema == filtered_schema()
    quarantined = output.quarantine.to_pylist()
    assert sorted(row["record_index"] for row in quarantined) == [3, 7]
    assert output.clean.num_rows == n - 2
    counts = cleaned.files["feed.jsonl"]
    assert (counts.read, counts.clean, counts.quarantined, counts.filtered) == (n, n - 2, 2, 0)
    assert counts.balanced()
    # the raw line of the unreadable record is kept in quarantine
    [broken] = [row for row in quarantined if row["record_index"] == 7]
    assert broken["text"] == "{broken json"


# ---------------------------------------------------------------- extract
def test_byline_and_dates_come_from_the_labelled_cuts():
    removed = [Removal(0, 10, "news.headline", "A Headline\n"), Removal(11, 30, "news.byline", "By Mo Chen | Staff\n"),
               Removal(31, 60, "news.dateline", "Published 5 June 2024 14:00 BST\n")]
    assert extract.first_removed(removed, (".headline",)) == "A Headline"
    assert extract.clean_byline(extract.first_removed(removed, (".byline",))) == "Mo Chen"
    assert extract.parse_published(extract.first_removed(removed, (".dateline",))) == \
        dt.datetime(2024, 6, 5, 13, 0, tzinfo=dt.timezone.utc)


@given(st.text(max_size=80))
def test_parse_published_never_raises_and_only_returns_aware_plausible_dates(text):
    parsed = extract.parse_published(text)
    assert parsed is None or (parsed.tzinfo is not None and 1990 <= parsed.year <= 2100)


def test_detect_language_names_several_languages_and_none_without_letters():
    assert extract.detect_language("Der Stadtrat hat am Dienstag den neuen Haushalt nach langer Debatte beschlossen.") == "de"
    assert extract.detect_language("El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate.") == "es"
    assert extract.detect_language("12 345 — 678 !!") is None


# ---------------------------------------------------------------- records
def test_a_row_round_trips_through_parquet_with_the_declared_schema(tmp_path):
    doc = clean_text(ARTICLE)
    table = pa.Table.from_pylist([document_row(doc, "run-1")], schema=clean_schema())
    pq.write_table(table, tmp_path / "x.parquet")
    [row] = pq.read_table(tmp_path / "x.parquet").to_pylist()
    assert pq.read_schema(tmp_path / "x.parquet").remove_metadata() == clean_schema().remove_metadata()
    assert row["text"] == doc.text and row["n_chars_clean"] == len(doc.text)
    assert [(r["rule"], r["text"]) for r in row["removed"]] == [(r.rule, r.text) for r in doc.removed]
    assert row["run_id"] == "run-1" and row["n_chars_raw"] == len(ARTICLE)


def test_the_schema_file_declares_the_signals_column_the_signals_step_fills():
    from corpus_clean.signals import signal_struct_type
    from corpus_clean.steps import STEPS

    assert clean_schema().field("signals").type == signal_struct_type()
    declared = {column for step in STEPS.values() for column in step.columns}
    assert declared <= set(clean_schema().names)


MONTH_NAMES = ["January", "Feb", "Feb.", "March", "Mar.", "April", "May", "June", "Jul", "August", "Sept.",
               "Sep", "October", "Nov.", "December", "Smarch", "Mayday"]


@settings(deadline=None)
@given(st.sampled_from(MONTH_NAMES), st.integers(0, 33), st.integers(1985, 2105),
       st.one_of(st.none(), st.tuples(st.integers(0, 13), st.integers(0, 59), st.sampled_from(["AM", "PM", "a.m.", "pm"]))),
       st.booleans())
def test_the_dateline_fast_path_gives_dateutils_answer_or_steps_aside(month, day, year, time, iso):
    """Wherever parse_common_dateline answers, its answer is the fuzzy parser's."""
    if iso:
        text = f"{year:04d}-{(len(month) % 12) + 1:02d}-{day:02d}"
    else:
        text = f"{month} {day}, {year}" + (f", {time[0]}:{time[1]:02d} {time[2]}" if time else "")
    fast = extract.parse_common_dateline(text)
    if fast is not None:
        assert fast == extract._parse_published_fuzzy(text), text

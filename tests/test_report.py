"""The manifest's accounting: numbers that do not add up fail the run loudly."""
from __future__ import annotations

import json

import pytest

from corpus_clean.readers import InputFile
from corpus_clean.report import AccountingError, build_manifest, check_accounting, report_markdown
from corpus_clean.shards import FileCounts, ShardSummary


def summary(files: dict[str, FileCounts]) -> ShardSummary:
    return ShardSummary(name="part-00000", clean_rows=0, quarantined_rows=0, files=files, fixes={"encoding": 2},
                        removed_by_rule={"news.byline": 1}, chars_removed_by_rule={"news.byline": 12})


def test_balanced_run_builds_manifest():
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=1, skipped_reasons=["blank line 4"])}
    manifest = build_manifest("run1", [InputFile("a.jsonl", "a.jsonl", 10)], [summary(files)], {},
                              unchanged=[InputFile("b.txt", "b.txt", 3)])
    check_accounting(manifest)
    assert manifest["accounting_ok"] and manifest["totals"] == {
        "read": 5, "clean": 3, "quarantined": 1, "duplicates": 0, "filtered": 0, "skipped": 1, "unreadable": 0,
        "files_processed": 1, "files_unchanged": 1}
    assert json.loads(json.dumps(manifest))["files"]["a.jsonl"]["skipped_reasons"] == ["blank line 4"]
    assert "| 5 | 3 | 1 | 0 | 0 | 1 | 0 | 1 | 1 | ok |" in report_markdown(manifest)


def test_records_a_file_declares_must_be_read_or_counted_unreadable():
    """A Parquet footer says 10 rows: 8 read + 2 in a damaged group is whole; 8 alone is not."""
    whole = FileCounts(read=8, clean=8, records=8, unreadable=2, unreadable_reasons=["row group 3"], declared=10)
    manifest = build_manifest("run1", [InputFile("p", "p.parquet", 10)], [summary({"p.parquet": whole})], {})
    assert manifest["accounting_ok"] and manifest["totals"]["unreadable"] == 2
    short = FileCounts(read=8, clean=8, records=8, declared=10)
    manifest = build_manifest("run1", [InputFile("p", "p.parquet", 10)], [summary({"p.parquet": short})], {})
    assert manifest["accounting_errors"] == {"p.parquet": ["file declares 10 records; read 8 + unreadable 0"]}
    with pytest.raises(AccountingError, match="p.parquet: file declares 10 records; read 8 \\+ unreadable 0"):
        check_accounting(manifest)


def test_lost_records_fail_loudly():
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=0)}
    inputs = [InputFile("a.jsonl", "a.jsonl", 10), InputFile("b.txt", "b.txt", 3)]  # b.txt never read
    manifest = build_manifest("run1", inputs, [summary(files)], {})
    assert manifest["accounting_ok"] is False
    assert manifest["unbalanced_files"] == ["a.jsonl", "b.txt"]
    with pytest.raises(AccountingError, match="a.jsonl"):
        check_accounting(manifest)


def manifest_with(**totals) -> dict:
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=1)}
    manifest = build_manifest("run1", [InputFile("a.jsonl", "a.jsonl", 10)], [summary(files)],
                              {"input_path": "in", "output_dir": "out"})
    manifest["totals"].update(totals)
    manifest.update(version=3, duration_s=1.5, validation=[{"name": "text_min_length", "success": False,
                                                           "unexpected_count": 1, "column": "text"}],
                    languages={"en": 3}, quarantine_by_check={"text_min_length": 1},
                    output={"data_docs": ["/srv/out/data_docs/part-00000/index.html"]})
    return manifest


def test_report_has_charts_and_no_dead_links():
    import base64
    import re

    markdown = report_markdown(manifest_with(), runs=[{"version": 1, "read": 4}, {"version": 2, "read": 9}])
    images = re.findall(r"!\[([^\]]*)\]\(data:image/svg\+xml;base64,([^)]+)\)", markdown)
    titles = [title for title, _ in images]
    assert titles[:4] == ["Boilerplate removed, by rule (spans)", "Repairs, by kind",
                          "Quarantine reasons (rows per check)", "Language mix (clean rows)"]
    assert titles[4].startswith("Trends: Documents read")
    svgs = [base64.b64decode(data).decode() for _, data in images]
    assert all(svg.startswith("<svg") and svg.endswith("</svg>") for svg in svgs)
    assert "news.byline" in svgs[0] and ">en<" in svgs[3]
    assert "file://" not in markdown and "`/srv/out/data_docs/part-00000/index.html`" in markdown
    assert "No new records" not in markdown


def test_a_run_with_no_new_records_is_flagged():
    from corpus_clean.report import no_new_records

    manifest = manifest_with(read=0, clean=0, quarantined=0, skipped=0, files_processed=0, files_unchanged=4)
    assert no_new_records(manifest)
    assert "**⚠ No new records.** All 4 input files are unchanged" in report_markdown(manifest)


def test_validation_table_has_one_row_per_expectation():
    from corpus_clean.report import validation_table

    assert validation_table(manifest_with()) == [
        {"expectation": "text_min_length", "success": "no", "failing rows": 1, "column": "text"}]


def test_dataset_card_is_a_hugging_face_card():
    import yaml

    from corpus_clean.card import dataset_card

    manifest = manifest_with()
    manifest.update(dataset={"clean": {"rows": 3, "files": 1, "bytes": 10}, "quarantine": {"rows": 1, "files": 1, "bytes": 5},
                             "duplicates": {"rows": 0, "files": 0, "bytes": 0}},
                    dataset_languages={"en": 2, "de": 1}, parameters={"min_chars": 200}, ended_at="2026-12-04T03:00:00")
    card = dataset_card(manifest)
    assert card.startswith("---\n")
    front = yaml.safe_load(card.split("---\n")[1])
    assert front["language"] == ["de", "en"] and front["size_categories"] == ["n<1K"]
    assert front["configs"][0]["data_files"] == [{"split": "train", "path": "clean/*.parquet"}]
    assert [c["config_name"] for c in front["configs"]] == ["default", "quarantine"]  # empty kinds left out
    for heading in ("## Counts", "## Languages", "## Pipeline", "## What was removed", "## Schema", "## How to load"):
        assert heading in card
    assert '"min_chars": 200' in card and "| news.byline |" not in card and "`news.byline`" in card

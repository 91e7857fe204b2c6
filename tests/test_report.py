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
        "read": 5, "clean": 3, "quarantined": 1, "duplicates": 0, "filtered": 0, "skipped": 1,
        "files_processed": 1, "files_unchanged": 1}
    assert json.loads(json.dumps(manifest))["files"]["a.jsonl"]["skipped_reasons"] == ["blank line 4"]
    assert "| 5 | 3 | 1 | 0 | 0 | 1 | 1 | 1 | ok |" in report_markdown(manifest)


def test_lost_records_fail_loudly():
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=0)}
    inputs = [InputFile("a.jsonl", "a.jsonl", 10), InputFile("b.txt", "b.txt", 3)]  # b.txt never read
    manifest = build_manifest("run1", inputs, [summary(files)], {})
    assert manifest["accounting_ok"] is False
    assert manifest["unbalanced_files"] == ["a.jsonl", "b.txt"]
    with pytest.raises(AccountingError, match="a.jsonl"):
        check_accounting(manifest)

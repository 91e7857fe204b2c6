"""The manifest's accounting: numbers that do not add up fail the run loudly."""
from __future__ import annotations

import json

import pytest

from corpus_clean.readers import InputFile
from corpus_clean.report import AccountingError, build_manifest, report_markdown
from corpus_clean.shards import FileCounts
from tasks.shard_tasks import ShardSummary


def summary(files: dict[str, FileCounts]) -> ShardSummary:
    return ShardSummary(name="part-00000", clean_rows=0, quarantined_rows=0, files=files, fixes={"encoding": 2},
                        removed_by_rule={"news.byline": 1}, chars_removed_by_rule={"news.byline": 12})


def test_balanced_run_writes_manifest(tmp_path):
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=1, skipped_reasons=["blank line 4"],
                                   records=4)}
    manifest = build_manifest("run1", [InputFile("a.jsonl", "a.jsonl", 10)], [summary(files)], {}, tmp_path)
    assert manifest["accounting_ok"] and manifest["totals"] == {
        "read": 5, "clean": 3, "quarantined": 1, "skipped": 1, "unreadable": 0}
    assert json.loads((tmp_path / "manifest.json").read_text())["files"]["a.jsonl"]["skipped_reasons"] == ["blank line 4"]
    assert "| 5 | 3 | 1 | 1 | 0 | ok |" in report_markdown(manifest)


def test_records_a_file_declares_must_be_read_or_counted_unreadable(tmp_path):
    """A Parquet footer says 10 rows: 8 read + 2 in a damaged group is whole; 8 alone is not."""
    whole = FileCounts(read=8, clean=8, records=8, unreadable=2, unreadable_reasons=["row group 3"], declared=10)
    manifest = build_manifest("run1", [InputFile("p", "p.parquet", 10)], [summary({"p.parquet": whole})], {}, tmp_path)
    assert manifest["accounting_ok"] and manifest["totals"]["unreadable"] == 2
    short = FileCounts(read=8, clean=8, records=8, declared=10)
    with pytest.raises(AccountingError, match="p.parquet: file declares 10 records; read 8 \\+ unreadable 0"):
        build_manifest("run1", [InputFile("p", "p.parquet", 10)], [summary({"p.parquet": short})], {}, tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_text())["accounting_errors"] == {
        "p.parquet": ["file declares 10 records; read 8 + unreadable 0"]}


def test_lost_records_fail_loudly_after_writing_the_manifest(tmp_path):
    files = {"a.jsonl": FileCounts(read=5, clean=3, quarantined=1, skipped=0)}
    inputs = [InputFile("a.jsonl", "a.jsonl", 10), InputFile("b.txt", "b.txt", 3)]  # b.txt never read
    with pytest.raises(AccountingError, match="a.jsonl"):
        build_manifest("run1", inputs, [summary(files)], {}, tmp_path)
    written = json.loads((tmp_path / "manifest.json").read_text())
    assert written["accounting_ok"] is False
    assert written["unbalanced_files"] == ["a.jsonl", "b.txt"]
    assert written["accounting_errors"] == {"a.jsonl": ["read 5 != clean 3 + quarantined 1 + skipped 0"],
                                           "b.txt": ["listed in the input tree but never read"]}

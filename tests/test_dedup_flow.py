"""Near-duplicate removal through the real flow: copies in other shards, copies of a
document from an earlier version, distinct stories that share page furniture kept."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.conftest import ARTICLE, SECOND_ARTICLE

pytestmark = pytest.mark.usefixtures("prefect_server")

OTHER_FURNITURE = ("Home | World | Local | Sport\n", "Share this article\nRead more: Weather for the weekend\n"
                   "Copyright 2024 Coastal Courier. All rights reserved.\n")


def near_copy(text: str) -> str:
    """The same story on another site: other furniture, a few words edited."""
    body = text.replace("seven to two", "7-2").replace("two years ago", "in 2022").replace("Facebook Facebook Facebook Facebook\n", "")
    return OTHER_FURNITURE[0] + body + OTHER_FURNITURE[1]


def corpus_of(tmp_path, **files: str):
    """An input folder holding `files` (name with "_" for "." → text)."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name.replace("_", ".")).write_text(text)
    return corpus


def run(corpus, out, **kwargs):
    from flows.clean_corpus import clean_corpus

    return clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False, shard_mb=0.0005, **kwargs)


def test_copies_across_shards_and_versions_go_to_duplicates(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a_original.txt").write_text(ARTICLE)
    (corpus / "b_other_story.txt").write_text(SECOND_ARTICLE)          # same furniture, other story
    (corpus / "c_feed.jsonl").write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in [
        ("exact", ARTICLE), ("near", near_copy(ARTICLE))]) + "\n")
    out = tmp_path / "out"
    manifest = run(corpus, out)
    assert manifest["shards"] >= 2  # the copies sit in another shard than the original

    clean = {row["source"]: row for row in pq.read_table(out / "clean").to_pylist()}
    duplicates = pq.read_table(out / "duplicates").to_pylist()
    assert set(clean) == {"a_original.txt", "b_other_story.txt"}
    original = clean["a_original.txt"]["id"]
    assert sorted(row["source_id"] for row in duplicates) == ["exact", "near"]
    assert all(row["duplicate_of"] == original for row in duplicates)
    by_id = {row["source_id"]: row for row in duplicates}
    assert by_id["exact"]["similarity"] == pytest.approx(1.0)
    assert 0.4 <= by_id["near"]["similarity"] < 1.0
    assert "Coastal Courier" not in by_id["near"]["text"]  # duplicates keep their cleaned text
    totals = manifest["totals"]
    assert totals["duplicates"] == 2 and totals["clean"] == 2
    assert manifest["files"]["c_feed.jsonl"]["duplicates"] == 2 and manifest["accounting_ok"]

    # Next day: a new file repeats yesterday's story; it is a duplicate of the kept row of version 1.
    (corpus / "d_next_day.jsonl").write_text(json.dumps({"id": "again", "text": near_copy(ARTICLE)}) + "\n")
    second = run(corpus, out)
    assert second["totals"]["files_processed"] == 1 and second["totals"]["duplicates"] == 1
    duplicates = pq.read_table(out / "duplicates").to_pylist()
    assert sorted(row["source_id"] for row in duplicates) == ["again", "exact", "near"]
    assert {row["duplicate_of"] for row in duplicates} == {original}
    assert len(pq.read_table(out / "clean")) == 2


def test_dedup_can_be_turned_off(tmp_path):
    corpus = corpus_of(tmp_path, a_txt=ARTICLE, b_txt=ARTICLE)
    out = tmp_path / "out"
    manifest = run(corpus, out, dedup=False)
    assert manifest["totals"]["duplicates"] == 0 and len(pq.read_table(out / "clean")) == 2
    assert not list((out / "duplicates").glob("*.parquet"))


def test_the_quality_filter_sets_short_documents_aside(tmp_path):
    corpus = corpus_of(tmp_path, a_txt=ARTICLE, b_txt=SECOND_ARTICLE)
    out = tmp_path / "out"
    manifest = run(corpus, out, quality={"min_words": 60})
    [filtered] = pq.read_table(out / "filtered").to_pylist()
    assert filtered["source"] == "b.txt" and filtered["filtered_by"] == "quality"
    assert filtered["filter_reason"].startswith("min_words: word_count")
    assert filtered["signals"]["word_count"] < 60 and "Facebook" not in filtered["text"]
    [kept] = pq.read_table(out / "clean").to_pylist()
    assert kept["signals"]["word_count"] >= 60
    assert manifest["totals"]["filtered"] == 1


def test_unknown_quality_thresholds_fail_before_any_work(tmp_path):
    corpus = corpus_of(tmp_path, a_txt=ARTICLE)
    with pytest.raises(ValueError, match="min_wrds"):
        run(corpus, tmp_path / "out", quality={"min_wrds": 3})
    assert not (tmp_path / "out").exists()


def test_an_index_of_another_minhash_algorithm_fails_the_run_before_cleaning_and_says_so(tmp_path):
    """An output whose dedup index was built by an older signature algorithm: the run
    refuses in one line naming both algorithms, cleans nothing, and the current version
    stays as it was (signatures of two algorithms are never mixed)."""
    from corpus_clean.preflight import RunError

    corpus = corpus_of(tmp_path, a_txt=ARTICLE)
    out = tmp_path / "out"
    run(corpus, out)
    meta_path = out / "current" / "dedup_index" / "params.json"
    meta = json.loads(meta_path.read_text())
    meta["minhash"] = "rensa-rminhash-v1"  # what a version before the batch hashing wrote
    meta_path.unlink()  # a hard link shared with the staging copies: write a new file
    meta_path.write_text(json.dumps(meta))
    (corpus / "b.txt").write_text(SECOND_ARTICLE)
    with pytest.raises(RunError, match=r"made by 'rensa-rminhash-v1'.*cannot be compared.*--no-dedup"):
        run(corpus, out)
    assert json.loads((out / "manifest.json").read_text())["version"] == 1
    assert run(corpus, out, dedup=False)["totals"]["clean"] == 2

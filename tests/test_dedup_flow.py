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


@pytest.fixture(params=["shard by shard", "after cleaning"])
def dedup_path(request, monkeypatch):
    """Both ways a local run decides its duplicates: shard by shard as parts are written,
    and once after cleaning with moves (`SHARD_BY_SHARD_MAX_RECORDS` 0; Dask runs always)."""
    from corpus_clean import dedup_stage

    if request.param == "after cleaning":
        monkeypatch.setattr(dedup_stage, "SHARD_BY_SHARD_MAX_RECORDS", 0)
    return request.param


def test_copies_across_shards_and_versions_go_to_duplicates(tmp_path, dedup_path):
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


def test_an_index_of_another_minhash_algorithm_is_rebuilt_from_the_versions_texts(tmp_path):
    """An output whose dedup index was built by an older signature algorithm: before any
    cleaning the run re-signs the index from the current version's texts (decisions kept,
    rows with no text dropped), so yesterday's story is still found; the earlier version's
    own index files are left as they were."""
    import pyarrow as pa

    corpus = corpus_of(tmp_path, a_txt=ARTICLE)
    out = tmp_path / "out"
    run(corpus, out)
    original = pq.read_table(out / "clean").column("id")[0].as_py()
    index_dir = out / "current" / "dedup_index"
    meta = json.loads((index_dir / "params.json").read_text())
    meta["minhash"] = "rensa-rminhash-v1"  # what a version before the batch hashing wrote
    [part] = index_dir.glob("part-*.parquet")
    old = pq.read_table(part)
    ghost = old.slice(0, 1).set_column(0, "id", pa.array(["ghost"]))  # an indexed document whose rows are gone
    garbled = pa.concat_tables([old, ghost.cast(old.schema)])
    garbled = garbled.set_column(1, "exact_hash", pa.array([0] * len(garbled), pa.uint64()))
    garbled = garbled.set_column(5, "minhash", pa.FixedSizeListArray.from_arrays(  # signatures no copy would match
        pa.array([0] * (len(garbled) * meta["params"]["num_perm"]), pa.uint32()), meta["params"]["num_perm"]))
    for path in (index_dir / "params.json", part):
        path.unlink()  # hard links shared with the staging copies: write new files
    (index_dir / "params.json").write_text(json.dumps(meta))
    pq.write_table(garbled, part)
    version_one = {path.name: path.read_bytes() for path in index_dir.iterdir()}

    (corpus / "b_next_day.jsonl").write_text(json.dumps({"id": "again", "text": near_copy(ARTICLE)}) + "\n")
    (corpus / "c.txt").write_text(SECOND_ARTICLE)
    manifest = run(corpus, out)
    assert manifest["version"] == 2 and manifest["totals"]["duplicates"] == 1
    [duplicate] = pq.read_table(out / "duplicates").to_pylist()
    assert duplicate["source_id"] == "again" and duplicate["duplicate_of"] == original
    rebuilt = out / "current" / "dedup_index"
    assert json.loads((rebuilt / "params.json").read_text())["minhash"] != "rensa-rminhash-v1"
    ids = [i for part in sorted(rebuilt.glob("part-*.parquet")) for i in pq.read_table(part).column("id").to_pylist()]
    assert original in ids and "ghost" not in ids and len(ids) == 3
    version_one_dir = out / "versions" / "v000001" / "dedup_index"
    assert {path.name: path.read_bytes() for path in version_one_dir.iterdir()} == version_one


def test_an_edited_file_whose_old_text_an_earlier_shard_copied_is_decided_as_one_run_would(tmp_path):
    """Version 2 brings a new file copying yesterday's article (its shard comes first) and
    that article's file edited. Over the whole run the article's indexed row is replaced
    (dead), so the copy is kept and the edited article is its duplicate; deciding shard by
    shard, the copy's shard was written as a duplicate of the old row before the edit was
    seen: the run decides again and splits the written parts again."""
    corpus = corpus_of(tmp_path, b_txt=ARTICLE, c_txt=SECOND_ARTICLE)
    out = tmp_path / "out"
    run(corpus, out)
    (corpus / "a_copy.txt").write_text(ARTICLE)                                # sorted first: shard 1
    (corpus / "b.txt").write_text(ARTICLE.replace("seven to two", "7-2"))   # the edit: a later shard
    manifest = run(corpus, out)
    assert manifest["shards"] >= 2 and manifest["accounting_ok"]
    clean = {row["source"]: row for row in pq.read_table(out / "clean").to_pylist()}
    [duplicate] = pq.read_table(out / "duplicates").to_pylist()
    assert set(clean) == {"a_copy.txt", "c.txt"}
    assert duplicate["source"] == "b.txt" and duplicate["duplicate_of"] == clean["a_copy.txt"]["id"]
    assert "7-2" in duplicate["text"]
    assert manifest["totals"]["duplicates"] == 1 and manifest["files"]["b.txt"]["duplicates"] == 1
    assert manifest["files"]["a_copy.txt"]["duplicates"] == 0

"""Incremental runs against the dedup index, as the flow makes them (round 26): files added,
cut, appended to, edited or left alone between runs; the files cleaned again are the
changed ones plus those holding a copy of a row of a changed file that did not only grow
(``dataset.copying_sources``, ``dataset.only_grew``), and the index forgets the changed
files' earlier ids the run does not bring back. Over
generated trees, what the dataset keeps is what a fresh run over the same tree keeps."""
from __future__ import annotations

import random

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.dataset import copying_sources
from corpus_clean.dedup import DedupIndex, PartByPartAssignment, deduplicate, signature_table
from corpus_clean.document import stable_id
from tests.test_dedup import article

# Distinct articles (random words: any two share almost no 3-gram), so every copy is exact
# and a fresh run keeps exactly one row of each distinct text, whatever the order.
POOL = [article(seed, 120) for seed in range(12)]


def generated_tree(rng: random.Random) -> dict[str, list[str]]:
    return {f"f{k}.jsonl": [rng.choice(POOL) for _ in range(rng.randint(1, 5))] for k in range(rng.randint(2, 6))}


def changed_tree(rng: random.Random, tree: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each file cut, appended to, edited or left as it is; maybe a file added."""
    new = {}
    for source, texts in tree.items():
        change = rng.choice(["cut", "append", "edit", "same", "same"])
        if change == "cut":
            texts = texts[:rng.randint(0, len(texts) - 1)]
        elif change == "append":
            texts = texts + [rng.choice(POOL) for _ in range(rng.randint(1, 3))]
        elif change == "edit":
            texts = list(texts)
            texts[rng.randrange(len(texts))] = rng.choice(POOL)
        new[source] = texts
    if rng.random() < 0.5:
        new[f"f{len(tree)}.jsonl"] = [rng.choice(POOL) for _ in range(rng.randint(1, 3))]
    return new


def records(tree: dict[str, list[str]], sources) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, sources) of the files `sources`, in the listing's order."""
    rows = [(stable_id(s, k), text, s) for s in sorted(sources) for k, text in enumerate(tree[s])]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def decided(ids, texts, sources, assignments: pa.Table) -> pa.Table:
    """The dataset's rows of one run: id, source, text, duplicate_of."""
    return pa.table({"id": pa.array(ids, pa.string()), "source": pa.array(sources, pa.string()),
                     "text": pa.array(texts, pa.string()), "duplicate_of": assignments.column("duplicate_of")})


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), runs=st.integers(2, 3), part_size=st.integers(1, 8))
def test_an_incremental_run_keeps_what_a_fresh_run_over_the_same_tree_keeps(seed, runs, part_size, tmp_path_factory):
    """Every distinct text of the tree has exactly one kept row and every duplicate names
    a kept row of the dataset (none a row gone from its file); deciding the run part by
    part (the shard-by-shard path) gives the whole run's decisions."""
    rng = random.Random(seed)
    whole_dir, parts_dir = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("parts")
    tree = generated_tree(rng)
    ids, texts, sources = records(tree, tree)
    dataset = decided(ids, texts, sources, deduplicate([signature_table(ids, texts)], whole_dir))
    deduplicate([signature_table(ids, texts)], parts_dir)
    for _ in range(runs - 1):
        new = changed_tree(rng, tree)
        changed = {s for s in new if new[s] != tree.get(s)}
        grew = {s for s in changed if s in tree and new[s][:len(tree[s])] == tree[s]}  # (``dataset.only_grew``)
        again = changed | copying_sources(dataset.select(["id", "source"]),
                                          dataset.filter(dataset.column("duplicate_of").is_valid()), changed - grew)
        forget = dataset.column("id").filter(pa.array([s in again for s in dataset.column("source").to_pylist()]))
        ids, texts, sources = records(new, again)
        signatures = signature_table(ids, texts)

        whole = deduplicate([signatures], whole_dir, forget=forget)
        in_parts = PartByPartAssignment(DedupIndex.load(parts_dir), forget=forget)
        results = [in_parts.decide(signatures.slice(k, part_size)) for k in range(0, len(ids), part_size)]
        if in_parts.conflict:
            results = [in_parts.whole_run()]
        else:
            in_parts.finish()
        in_parts.index.save(parts_dir)
        assert pa.concat_tables(results).equals(whole) if results else not len(whole)

        carried = dataset.filter(pa.array([s not in again for s in dataset.column("source").to_pylist()]))
        dataset = pa.concat_tables([carried, decided(ids, texts, sources, whole)])
        tree = new
        kept = dataset.filter(dataset.column("duplicate_of").is_null())
        assert sorted(kept.column("text").to_pylist()) == sorted({t for ts in tree.values() for t in ts})
        assert set(dataset.column("duplicate_of").drop_null().to_pylist()) <= set(kept.column("id").to_pylist())
        assert len(DedupIndex.load(whole_dir)) == len(dataset)  # the index's live rows: the dataset's


def test_a_forgotten_id_stays_forgotten_when_the_index_is_loaded_again(tmp_path):
    """The index saves a row saying an id was forgotten: loaded again, a copy of the gone
    text is kept, and the id can come back later as a new document."""
    a, b = POOL[0], POOL[1]
    deduplicate([signature_table(["x", "y"], [a, b])], tmp_path)
    [again] = deduplicate([signature_table(["y"], [b])], tmp_path, forget=pa.array(["x", "y"])).to_pylist()
    assert again["seen_before"]
    assert DedupIndex.load(tmp_path).indexed_ids() == ["y"]
    [copy] = deduplicate([signature_table(["z"], [a])], tmp_path).to_pylist()
    assert copy["duplicate_of"] is None
    [back] = deduplicate([signature_table(["x"], [a])], tmp_path).to_pylist()
    assert back["duplicate_of"] == "z" and not back["seen_before"]


def test_a_json_lines_file_only_grew_when_its_indexed_bytes_are_its_head_ending_a_line(tmp_path):
    """Lines appended: grew. A byte of the old lines changed, an old last line without its
    newline (the append lengthens that record), a file cut, a .txt (one record): not."""
    import hashlib

    from corpus_clean.dataset import only_grew
    from corpus_clean.readers import InputFile

    def case(name: str, before: bytes, after: bytes) -> bool:
        path = tmp_path / name
        path.write_bytes(after)
        old = {"sha256": hashlib.sha256(before).hexdigest(), "size": len(before)}
        return only_grew(InputFile(str(path), name, len(after)), old)

    line = b'{"text": "The pier reopens on Monday."}\n'
    assert case("a.jsonl", line, line + line)
    assert not case("b.jsonl", line, line.replace(b"pier", b"pies") + line)
    assert not case("c.jsonl", line[:-1], line + line)
    assert not case("d.jsonl", line + line, line)
    assert not case("e.txt", line, line + line)


@pytest.mark.usefixtures("prefect_server")
def test_an_unchanged_file_holding_a_copy_of_a_cut_record_is_cleaned_again(tmp_path):
    """The flow (bad_wild_gen's tree 29001): a copy in a file left alone was "duplicate of"
    a record cut from another file; the second run cleans that file again and keeps the
    copy, as a fresh run does. A file that only grew brings no such file back."""
    import json

    import pyarrow.parquet as pq

    from flows.clean_corpus import clean_corpus
    from tests.conftest import ARTICLE, SECOND_ARTICLE

    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    tram = "The tram depot will close for repairs over the summer. " * 8
    cut, grown = corpus / "a_cut.jsonl", corpus / "b_grown.jsonl"
    cut.write_text(json.dumps({"id": "kept", "text": SECOND_ARTICLE}) + "\n" + json.dumps({"id": "gone", "text": ARTICLE}) + "\n")
    grown.write_text(json.dumps({"id": "tram", "text": tram}) + "\n")
    (corpus / "c_copy.jsonl").write_text(json.dumps({"id": "copy", "text": ARTICLE}) + "\n")
    (corpus / "d_tram.jsonl").write_text(json.dumps({"id": "tram copy", "text": tram}) + "\n")
    clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False)
    cut.write_text(json.dumps({"id": "kept", "text": SECOND_ARTICLE}) + "\n")
    second = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False)
    assert second["inputs"]["processed"] == ["a_cut.jsonl", "c_copy.jsonl"] and second["accounting_ok"]
    assert {row["source_id"] for row in pq.read_table(out / "clean").to_pylist()} == {"kept", "copy", "tram"}
    with open(grown, "a") as handle:  # (d_tram's row copies b_grown's first: d_tram is not cleaned again)
        handle.write(json.dumps({"id": "late", "text": SECOND_ARTICLE.upper()}) + "\n")
    third = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False)
    assert third["inputs"]["processed"] == ["b_grown.jsonl"] and third["accounting_ok"]

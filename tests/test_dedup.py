"""Near-duplicate removal: property tests on the real rensa signatures and the real index,
persistence through real Parquet, and the duplicates output read back with pyarrow."""
from __future__ import annotations

import json
import random
import string

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.dedup import (
    DedupIndex,
    DedupParams,
    PartByPartAssignment,
    deduplicate,
    duplicates_schema,
    split_duplicates,
    signature_table,
)
from corpus_clean.document import Document, sha256_hex, stable_id
from corpus_clean.output import write_parquet
from corpus_clean.records import clean_schema, document_row

# Letters only: digits and punctuation are dropped by the normalisation.
VOCABULARY = sorted({"".join(random.Random(i).choices(string.ascii_lowercase, k=random.Random(-i).randint(3, 9)))
                     for i in range(3000)})


def article(seed: int, n_words: int, vocabulary: list[str] = VOCABULARY) -> str:
    rng = random.Random(seed)
    words = [rng.choice(vocabulary) for _ in range(n_words)]
    # Sentences and paragraphs, so the text looks like prose to the eye.
    return "\n\n".join(" ".join(words[i:i + 40]).capitalize() + "." for i in range(0, n_words, 40))


def change_words(text: str, fraction: float, seed: int) -> str:
    """Replace `fraction` of the words (distinct positions) with other vocabulary words."""
    rng = random.Random(seed)
    words = text.split(" ")
    for k in rng.sample(range(len(words)), round(fraction * len(words))):
        words[k] = rng.choice(VOCABULARY)
    return " ".join(words)


def assign(texts: list[str], ids: list[str] | None = None, index: DedupIndex | None = None) -> list[dict]:
    ids = ids or [f"d{i}" for i in range(len(texts))]
    index = DedupIndex() if index is None else index
    return index.assign(signature_table(ids, texts)).to_pylist()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), percent=st.integers(0, 12), n_words=st.integers(120, 600))
def test_a_copy_with_up_to_12_percent_of_words_changed_is_found(seed, percent, n_words):
    original = article(seed, n_words)
    copy = change_words(original, percent / 100, seed + 1)
    unrelated = article(seed + 2, n_words)
    result = assign([original, unrelated, copy])
    assert result[2]["duplicate_of"] == "d0"
    assert result[2]["similarity"] >= DedupParams().threshold
    assert result[0]["duplicate_of"] is None and result[1]["duplicate_of"] is None


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
def test_distinct_articles_sharing_long_furniture_are_never_merged(seed, order):
    """Distinct articles from a small shared vocabulary, each with the same 45-word footer
    (what survives of a site's furniture), in any order: nobody is a duplicate."""
    rng = random.Random(seed)
    small_vocabulary = rng.sample(VOCABULARY, 400)
    footer = article(seed, 45, small_vocabulary)
    texts = [article(seed * 100 + k, rng.randint(80, 400), small_vocabulary) + "\n\n" + footer for k in range(40)]
    order.shuffle(texts)
    assert all(row["duplicate_of"] is None for row in assign(texts))


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=400).filter(lambda t: any(c.isalpha() for c in t)),
       data=st.data())
def test_exact_copies_are_always_caught_whatever_the_case_spacing_or_punctuation(text, data):
    variant = data.draw(st.sampled_from([
        text, text.upper(), text.lower(), "  " + text.replace(" ", "\n") + " ", text + "!!!", f"“{text}” 2026"]))
    result = assign([text, variant])
    assert result[1]["duplicate_of"] == "d0", (text, variant)
    assert result[1]["similarity"] == pytest.approx(1.0)


def test_text_without_words_is_never_a_duplicate():
    result = assign(["", "  \n ", "2024 -- 17:05", "", "The pier reopens."])
    assert [row["duplicate_of"] for row in result] == [None] * 5


def test_duplicate_of_is_always_a_kept_document_never_a_chain():
    base = article(7, 300)
    first_copy = change_words(base, 0.10, 1)
    second_copy = change_words(first_copy, 0.10, 2)  # ~20 % from base
    result = assign([base, first_copy, second_copy])
    kept = {row["id"] for row in result if row["duplicate_of"] is None}
    assert all(row["duplicate_of"] in kept for row in result if row["duplicate_of"] is not None)


def test_decisions_are_deterministic_given_the_order():
    texts = [article(k, 200) for k in range(30)]
    texts += [change_words(texts[k], 0.08, k) for k in range(0, 30, 3)] + texts[:5]
    assert assign(texts) == assign(texts)


def test_rerun_with_the_saved_index_marks_everything_seen_and_changes_nothing(tmp_path):
    texts = [article(k, 250) for k in range(20)]
    texts += [change_words(texts[3], 0.1, 1), texts[5], change_words(texts[9], 0.06, 2)]
    ids = [f"doc{k}" for k in range(len(texts))]
    first = deduplicate([signature_table(ids[:12], texts[:12]), signature_table(ids[12:], texts[12:])], tmp_path)
    assert [r["duplicate_of"] for r in first.to_pylist()[20:]] == ["doc3", "doc5", "doc9"]
    parts = sorted(p.name for p in tmp_path.glob("part-*.parquet"))

    again = deduplicate([signature_table(ids, texts)], tmp_path)
    assert again.column("seen_before").to_pylist() == [True] * len(texts)
    assert again.drop(["seen_before"]).equals(first.drop(["seen_before"]))
    assert sorted(p.name for p in tmp_path.glob("part-*.parquet")) == parts  # nothing added


def test_a_later_run_finds_copies_of_documents_kept_by_an_earlier_run(tmp_path):
    old = [article(k, 300) for k in range(10)]
    deduplicate([signature_table([f"old{k}" for k in range(10)], old)], tmp_path)
    new = [article(100, 300), change_words(old[4], 0.1, 5), old[7].upper()]
    result = deduplicate([signature_table(["n0", "n1", "n2"], new)], tmp_path).to_pylist()
    assert [r["duplicate_of"] for r in result] == [None, "old4", "old7"]
    assert not any(r["seen_before"] for r in result)
    assert len(DedupIndex.load(tmp_path)) == 13


def test_an_index_built_with_other_parameters_is_refused(tmp_path):
    deduplicate([signature_table(["a"], ["The pier reopens on Monday."])], tmp_path)
    with pytest.raises(ValueError, match="built with"):
        DedupIndex.load(tmp_path, DedupParams(shingle_words=5))
    meta = json.loads((tmp_path / "params.json").read_text())
    meta["minhash"] = "rensa-rminhash-v1"
    (tmp_path / "params.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="built with"):
        DedupIndex.load(tmp_path)


def test_repeated_ids_in_one_call_are_an_error():
    with pytest.raises(ValueError, match="unique"):
        assign(["one text here", "another text"], ids=["x", "x"])


def _clean_table(texts: list[str]) -> pa.Table:
    rows = []
    for k, text in enumerate(texts):
        doc = Document(id=stable_id("feed.jsonl", k), source="feed.jsonl", raw_text=text,
                       raw_sha256=sha256_hex(text.encode()), record_index=k, text=text, lang="en")
        rows.append(document_row(doc, run_id="run-1"))
    return pa.Table.from_pylist(rows, schema=clean_schema())


def test_duplicates_parquet_has_the_clean_columns_plus_duplicate_of_and_similarity(tmp_path):
    texts = [article(1, 200), article(2, 200), article(1, 200).upper(), change_words(article(2, 200), 0.07, 3)]
    clean = _clean_table(texts)
    assignments = deduplicate([signature_table(clean.column("id").to_pylist(), texts)], tmp_path / "index")
    kept, duplicates = split_duplicates(clean, assignments)

    assert duplicates.schema == duplicates_schema()
    assert kept.schema == clean_schema()
    write_parquet(duplicates, tmp_path / "duplicates" / "part-0.parquet")
    back = pq.read_table(tmp_path / "duplicates" / "part-0.parquet")
    assert back.schema.equals(duplicates_schema())
    ids = clean.column("id").to_pylist()
    assert back.column("id").to_pylist() == ids[2:]
    assert back.column("duplicate_of").to_pylist() == ids[:2]
    assert back.column("similarity").to_pylist()[0] == pytest.approx(1.0)
    assert 0.4 <= back.column("similarity").to_pylist()[1] < 1.0
    assert back.column("text").to_pylist() == texts[2:]
    assert kept.column("id").to_pylist() == ids[:2]
    assert kept.num_rows + back.num_rows == clean.num_rows


def test_an_edited_document_is_decided_again_and_replaces_its_old_entry(tmp_path):
    """Same id (same source and position), new text: not 'seen before'; the old text is no
    longer in the index, so the new version is not a copy of its own past."""
    a, b = article(1, 300), article(2, 300)
    deduplicate([signature_table(["x", "y"], [a, b])], tmp_path)
    edited = change_words(a, 0.05, 9)      # the file was edited a little
    result = deduplicate([signature_table(["x", "z"], [edited, a])], tmp_path).to_pylist()
    assert result[0] == {"id": "x", "duplicate_of": None, "similarity": None, "seen_before": False}
    assert result[1]["duplicate_of"] == "x"  # the old text now is a copy of the new version
    index = DedupIndex.load(tmp_path)
    assert len(index) == 3 and sorted(index.indexed_ids()) == ["x", "y", "z"]
    rerun = deduplicate([signature_table(["x", "z"], [edited, a])], tmp_path)
    assert rerun.column("seen_before").to_pylist() == [True, True]


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 1000), split=st.integers(1, 39))
def test_one_run_or_two_runs_decide_the_same(seed, split, tmp_path_factory):
    """The index of a first run (in memory, or saved and loaded) decides the second run's
    documents as one run over both would."""
    rng = random.Random(seed)
    texts = [article(seed * 50 + k, rng.randint(60, 300)) for k in range(30)]
    texts += [change_words(texts[rng.randrange(30)], rng.uniform(0, 0.12), k) for k in range(6)]
    texts += [texts[rng.randrange(30)].upper() for _ in range(4)]
    ids = [f"d{k}" for k in range(len(texts))]
    rng.shuffle(order := list(range(len(texts))))
    texts, ids = [texts[k] for k in order], [ids[k] for k in order]
    one = assign(texts, ids)

    in_memory = DedupIndex()
    two = assign(texts[:split], ids[:split], in_memory) + assign(texts[split:], ids[split:], in_memory)
    assert two == one

    directory = tmp_path_factory.mktemp("index")
    first = deduplicate([signature_table(ids[:split], texts[:split])], directory).to_pylist()
    second = deduplicate([signature_table(ids[split:], texts[split:])], directory).to_pylist()
    assert first + second == one


# ------------------------------------------------------------------ part by part == whole run
# Few bands and a small vocabulary: documents share band keys by chance and copies are
# missed by some bands, so which earlier documents a band links to decides outcomes (with
# the default 64 bands, a copy is found through whichever link).
DENSE = DedupParams(num_perm=16, bands=4, rows=2, threshold=0.3)
SMALL_VOCABULARY = VOCABULARY[:40]


def generated_run(rng: random.Random, seed: int, first_id: int, earlier: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, text) documents of a run: articles, some sharing a stretch of furniture, near
    copies at 0-60 % of words changed (either side of the threshold) and copies of copies,
    exact copies in other casing, copies of an earlier run's documents, the same
    documents again (seen before), edited ones (an earlier id with another text) and
    documents without words."""
    furniture = article(seed * 7 + 1, 12, SMALL_VOCABULARY)
    docs = []
    for k in range(rng.randint(10, 50)):
        text = article(seed * 1000 + first_id + k, rng.randint(4, 40), SMALL_VOCABULARY)
        docs.append(text + " " + furniture if rng.random() < 0.4 else text)
    for _ in range(rng.randint(10, 50)):
        kind = rng.random()
        source = rng.choice(docs + [text for _, text in earlier])
        docs.append(source.upper() if kind < 0.2 else "12 — 34" if kind < 0.25 else
                    change_words(source, rng.uniform(0.1, 0.7), rng.randrange(10**6)))
    run = [(f"d{first_id + k}", text) for k, text in enumerate(docs)]
    for doc_id, text in rng.sample(earlier, min(len(earlier), rng.randint(0, 4))):
        run.append((doc_id, text if rng.random() < 0.5 else change_words(text, rng.uniform(0, 0.3), 3)))
    rng.shuffle(run)
    return run


def decide_in_parts(index: DedupIndex, run: list[tuple[str, str]], cuts: list[int]) -> tuple[list[dict], bool]:
    parts = PartByPartAssignment(index)
    results = []
    for start, end in zip([0, *cuts], [*cuts, len(run)]):
        chunk = run[start:end]
        results += parts.decide(signature_table([i for i, _ in chunk], [t for _, t in chunk],
                                                index.params)).to_pylist()
    if parts.conflict:
        return parts.whole_run().to_pylist(), True
    parts.finish()
    return results, False


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), runs=st.integers(1, 3), params=st.sampled_from([DENSE, DedupParams()]),
       data=st.data())
def test_deciding_part_by_part_decides_as_one_assignment_over_the_run(seed, runs, params, data, tmp_path_factory):
    """Over generated runs (copies within and across parts, against earlier runs, seen
    again, edited), the parts' decisions, and the index each leaves (saved and loaded
    back), are those of one ``DedupIndex.assign`` over the run; a run that edits no
    indexed document never needs the whole-run fallback."""
    rng = random.Random(seed)
    whole_dir, parts_dir = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("parts")
    earlier: dict[str, str] = {}
    for run_number in range(runs):
        run = generated_run(rng, seed + run_number, 100 * run_number, list(earlier.items()))
        signatures = signature_table([i for i, _ in run], [t for _, t in run], params)
        cuts = sorted(data.draw(st.lists(st.integers(0, len(run)), max_size=5), label="cuts"))
        whole_index = DedupIndex.load(whole_dir, params)
        whole = whole_index.assign(signatures).to_pylist()
        in_parts = DedupIndex.load(parts_dir, params)
        results, fell_back = decide_in_parts(in_parts, run, cuts)
        assert results == whole
        assert not fell_back or any(i in earlier and earlier[i] != t for i, t in run)
        whole_index.save(whole_dir)
        in_parts.save(parts_dir)
        assert pq.read_table(sorted(parts_dir.glob("part-*.parquet"))[-1]).equals(
            pq.read_table(sorted(whole_dir.glob("part-*.parquet"))[-1]))
        earlier.update(run)


def test_a_big_part_spills_its_candidate_pairs_and_decides_the_same(monkeypatch, tmp_path):
    """Parts of more documents than PARTITION_DOCS make their pairs unique slice by slice
    through files (as the whole-run assignment does): same decisions."""
    from corpus_clean import dedup

    monkeypatch.setattr(dedup, "PARTITION_DOCS", 4)
    monkeypatch.setattr(dedup, "PAIR_KEYS_AT_ONCE", 50)
    for seed in range(6):
        run = generated_run(random.Random(seed), seed, 0, [])
        whole = DedupIndex(DENSE).assign(signature_table([i for i, _ in run], [t for _, t in run], DENSE))
        parts = PartByPartAssignment(DedupIndex(DENSE))
        half = len(run) // 2
        results = [parts.decide(signature_table([i for i, _ in chunk], [t for _, t in chunk], DENSE), tmp_path)
                   for chunk in (run[:half], run[half:])]
        assert pa.concat_tables(results).equals(whole)
    assert not list(tmp_path.iterdir())  # the spilled pairs are removed


def test_with_every_band_table_run_mapped_and_every_page_dropped_parts_decide_the_same(monkeypatch, tmp_path):
    """The state kept from part to part in files (band tables' merged runs, the run's
    signatures), mapped and their pages dropped after every read: the decisions and the
    saved index are those of one assignment over the run, and no file is left behind."""
    from corpus_clean import dedup

    monkeypatch.setattr(dedup, "MAPPED_RUN_KEYS", 3)
    monkeypatch.setattr(dedup, "SIGNATURE_ROWS_IN_MEMORY", 5)
    monkeypatch.setattr(dedup, "RELEASE_ABOVE_BYTES", 0)
    spill = tmp_path / "spill"
    spill.mkdir()
    for seed, params in [(1, DENSE), (2, DedupParams()), (3, DENSE), (4, DENSE)]:
        run = generated_run(random.Random(seed), seed, 0, [])
        signatures = signature_table([i for i, _ in run], [t for _, t in run], params)
        whole_index = DedupIndex(params)
        whole = whole_index.assign(signatures)
        parts = PartByPartAssignment(DedupIndex(params), spill)
        cuts = list(range(0, len(run), 7)) + [len(run)]
        results = [parts.decide(signatures.slice(a, b - a)) for a, b in zip(cuts[:-1], cuts[1:])]
        assert pa.concat_tables(results).equals(whole)
        assert parts.memory_bytes()["band and exact-hash tables, mapped"] > 0
        assert parts.memory_bytes()["signatures, mapped"] > 0
        parts.finish()
        whole_index.save(tmp_path / f"whole-{seed}")
        parts.index.save(tmp_path / f"parts-{seed}", parts.release)
        assert pq.read_table(tmp_path / f"parts-{seed}" / "part-000000.parquet").equals(
            pq.read_table(tmp_path / f"whole-{seed}" / "part-000000.parquet"))
    assert not list(spill.iterdir())


def test_first_and_last_keys_over_many_runs_are_those_of_one_table(monkeypatch):
    """However keys arrive (parts of any size, keys repeating within and across parts),
    the runs, merged or mapped, answer as one dictionary of first and latest positions,
    whether the keys asked for are looked up as they come or in their sorted order."""
    from corpus_clean import dedup

    monkeypatch.setattr(dedup, "MAPPED_RUN_KEYS", 5)
    monkeypatch.setattr(dedup, "RELEASE_ABOVE_BYTES", 0)
    rng = np.random.default_rng(7)
    for dtype in (np.uint32, np.uint64):
        table, expected, position = dedup.FirstAndLastKeys(dtype), {}, 0
        for _ in range(40):
            keys = rng.integers(0, 60, rng.integers(0, 12)).astype(dtype)
            table.add(keys, np.arange(position, position + len(keys)))
            for key in keys.tolist():
                expected.setdefault(key, [position, position])[1] = position
                position += 1
            asked = rng.permutation(np.repeat(np.arange(70), 2)).astype(dtype)  # the keys looked up in any order
            for order in (None, dedup.stable_order(asked)):  # (with its sorted order: looked up sorted)
                first, last = table.first_and_last(asked, order)
                assert first.tolist() == [expected.get(k, [-1, -1])[0] for k in asked.tolist()]
                assert last.tolist() == [expected.get(k, [-1, -1])[1] for k in asked.tolist()]
        assert len(table._sealed) <= 10  # ~40 heads sealed, merged as they came


def test_an_edit_in_a_later_part_of_a_row_an_earlier_part_used_falls_back_to_the_whole_run(tmp_path):
    """Part 1 copies an indexed document; part 2 brings that document's id with another
    text, so for the whole run its indexed row is dead and the copy is kept, not a
    duplicate of it. Part by part cannot know that when part 1 is decided: it says so."""
    a, b = article(1, 300), article(2, 300)
    deduplicate([signature_table(["x", "y"], [a, b])], tmp_path)
    run = [("z", a), ("x", change_words(a, 0.05, 5))]
    whole = DedupIndex.load(tmp_path).assign(signature_table(["z", "x"], [a, run[1][1]])).to_pylist()
    results, fell_back = decide_in_parts(DedupIndex.load(tmp_path), run, [1])
    assert fell_back and results == whole
    assert whole[0]["duplicate_of"] is None and whole[1]["duplicate_of"] == "z"


def test_repeated_ids_across_parts_are_an_error():
    parts = PartByPartAssignment(DedupIndex())
    parts.decide(signature_table(["a"], ["one text here"]))
    with pytest.raises(ValueError):
        parts.decide(signature_table(["a"], ["another text"]))


# --------------------------------------------------------------------------- batch hashing
# The signatures are computed over a batch with numpy (batch_words, shingle_hashes,
# exact_hashes); normalised_words and shingles say, per text, what they hash.
ALPHABET = "aZéßİΣςж日 \n\t-—'’.,!?0123²½Ⅻ_\u0301\u00a0"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=8))
def test_batch_words_are_the_normalised_words_of_each_text(texts):
    from corpus_clean.dedup import batch_words, normalised_words, string_hashes

    words = batch_words(texts)
    reference = [normalised_words(text) for text in texts]
    assert words.counts.tolist() == [len(w) for w in reference]
    flat = [w for ws in reference for w in ws]
    assert words.hashes.tolist() == string_hashes(pa.array(flat, pa.string())).tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["pier", "reopens", "monday", "a", "b", "ß"]), max_size=9), min_size=1,
                max_size=8))
def test_shingle_and_exact_hashes_stand_for_the_shingle_strings_and_the_word_sequence(docs):
    """One hash per distinct shingle string (no collision, no split), documents in
    order; equal exact hashes exactly for equal word sequences."""
    from corpus_clean.dedup import batch_words, exact_hashes, shingle_hashes, shingles

    texts = [" ".join(words) for words in docs]
    hashes, offsets = shingle_hashes(batch_words(texts), 3)
    by_string: dict[str, int] = {}
    for k, words in enumerate(docs):
        strings = shingles(words, 3)
        assert offsets[k + 1] - offsets[k] == len(strings)
        for string, value in zip(strings, hashes[offsets[k]:offsets[k + 1]].tolist()):
            assert by_string.setdefault(string, value) == value
    assert len(set(by_string.values())) == len(by_string)
    exact = exact_hashes(batch_words(texts)).tolist()
    for i in range(len(docs)):
        for j in range(len(docs)):
            assert (exact[i] == exact[j]) == (docs[i] == docs[j])


def test_signatures_do_not_depend_on_how_documents_are_batched():
    texts = [article(k, 150) for k in range(20)] + ["", "2024", "Pier"]
    ids = [str(k) for k in range(len(texts))]
    whole = signature_table(ids, texts)
    batched = pa.concat_tables([signature_table(ids[k:k + 4], texts[k:k + 4]) for k in range(0, len(texts), 4)])
    assert whole.equals(batched)


def test_a_mismatched_index_is_named_in_words(tmp_path):
    from corpus_clean.dedup import index_mismatch

    assert index_mismatch(tmp_path) is None  # no index yet
    deduplicate([signature_table(["a"], ["The pier reopens on Monday."])], tmp_path)
    assert index_mismatch(tmp_path) is None
    assert "parameters" in index_mismatch(tmp_path, DedupParams(shingle_words=5))
    meta = json.loads((tmp_path / "params.json").read_text())
    (tmp_path / "params.json").write_text(json.dumps({**meta, "minhash": "rensa-rminhash-v1"}))
    assert "made by 'rensa-rminhash-v1'" in index_mismatch(tmp_path)


@settings(max_examples=15, deadline=None)
@given(first=st.lists(st.booleans(), min_size=12, max_size=12), second=st.lists(st.booleans(), min_size=12, max_size=12))
def test_a_part_split_again_is_the_part_split_once_with_the_new_decisions(first, second, tmp_path_factory):
    """``resplit_part`` (the whole-run fallback) leaves the same files, byte for byte, as
    writing the part once split by the new assignments."""
    from corpus_clean.dataset import write_part
    from corpus_clean.dedup_stage import resplit_part
    from corpus_clean.output import sort_for_readers

    clean = sort_for_readers(_clean_table([article(k, 50) for k in range(12)]))
    ids = clean.column("id").to_pylist()

    def decisions(chosen):
        return pa.table({"id": ids, "duplicate_of": [ids[0] + "x" if c else None for c in chosen],
                         "similarity": pa.array([0.5 if c else None for c in chosen], pa.float32())})

    def write_split(staging, chosen):
        kept, duplicates = split_duplicates(clean, decisions(chosen))
        write_part(staging, "clean", "p", kept, sort=False)
        if duplicates.num_rows:
            write_part(staging, "duplicates", "p", duplicates, sort=False)

    def files(staging):
        return {str(p.relative_to(staging)): p.read_bytes() for p in sorted(staging.rglob("*.parquet"))}

    again, once = tmp_path_factory.mktemp("again"), tmp_path_factory.mktemp("once")
    write_split(again, first)
    moved = resplit_part(again, "p", decisions(second))
    write_split(once, second)
    assert files(again) == files(once)
    assert moved == ({"feed.jsonl": sum(second)} if any(second) else {})


@pytest.mark.parametrize("entries_at_once", [1, 150, 10**9])
def test_parts_taking_their_bands_in_groups_decide_the_same(monkeypatch, entries_at_once):
    """A part's bands taken one at a time, a few at a time, or all at once
    (``BAND_ENTRIES_AT_ONCE``, which bounds the part's temporaries): the same decisions as
    one assignment over the run, and the same saved index, also against earlier runs."""
    from corpus_clean import dedup

    monkeypatch.setattr(dedup, "BAND_ENTRIES_AT_ONCE", entries_at_once)
    for seed in range(3):
        whole_index, parts_index, earlier = DedupIndex(DENSE), DedupIndex(DENSE), {}
        for run_number in range(2):
            run = generated_run(random.Random(seed * 10 + run_number), seed + run_number, 100 * run_number,
                                list(earlier.items()))
            signatures = signature_table([i for i, _ in run], [t for _, t in run], DENSE)
            whole = whole_index.assign(signatures).to_pylist()
            results, fell_back = decide_in_parts(parts_index, run, [len(run) // 3, 2 * len(run) // 3])
            assert results == whole
            if not fell_back:
                assert parts_index._rows.equals(whole_index._rows)
            earlier.update(run)


@settings(max_examples=20, deadline=None)
@given(chosen=st.lists(st.booleans(), min_size=0, max_size=14), langs=st.lists(st.sampled_from(["en", "fr", None]),
                                                                              min_size=14, max_size=14),
       seed=st.integers(0, 1000))
def test_splitting_in_readers_order_writes_the_bytes_of_sorting_then_splitting(chosen, langs, seed, tmp_path_factory):
    """``split_duplicates(rows, decisions, readers_order(rows))`` (each row copied once)
    gives the tables, and the Parquet bytes, of ``split_duplicates(sort_for_readers(rows),
    decisions)`` (the whole shard copied sorted, then its kept rows copied again)."""
    from corpus_clean.dataset import write_part
    from corpus_clean.output import readers_order, sort_for_readers

    rows = _clean_table([article(seed + k, 30) for k in range(len(chosen))])
    rows = rows.set_column(rows.schema.get_field_index("lang"), "lang",
                           pa.array(langs[:len(chosen)], rows.schema.field("lang").type))
    rows = rows.take(np.random.default_rng(seed).permutation(len(chosen)))  # in no particular order
    ids = rows.column("id").to_pylist()
    decisions = pa.table({"id": pa.array(ids, pa.string()),
                          "duplicate_of": pa.array([ids[0] + "x" if c else None for c in chosen], pa.string()),
                          "similarity": pa.array([0.5 if c else None for c in chosen], pa.float32())})

    def files(kept, duplicates):
        staging = tmp_path_factory.mktemp("split")
        write_part(staging, "clean", "p", kept, sort=False)
        write_part(staging, "duplicates", "p", duplicates, sort=False)
        return [p.read_bytes() for p in sorted(staging.rglob("*.parquet"))]

    sorted_then_split = split_duplicates(sort_for_readers(rows), decisions)
    split_in_order = split_duplicates(rows, decisions, readers_order(rows))
    assert [t.to_pylist() for t in split_in_order] == [t.to_pylist() for t in sorted_then_split]
    assert files(*split_in_order) == files(*sorted_then_split)


def test_a_shard_decided_in_readers_order_splits_as_the_sorted_shard(tmp_path):
    """``ShardByShardDedup.split`` given the readers' order decides and splits as given the
    sorted rows: same kept rows, same duplicates, same decisions for a later shard."""
    from corpus_clean.dedup_stage import ShardByShardDedup
    from corpus_clean.output import readers_order, sort_for_readers

    texts = [article(k % 5, 120) if k % 3 else change_words(article(k % 5, 120), 0.05, k) for k in range(15)]
    rows = _clean_table(texts)
    rows = rows.take(np.random.default_rng(3).permutation(rows.num_rows))
    later = _clean_table([article(2, 120)]).set_column(0, "id", pa.array(["later"]))
    signatures = signature_table(rows.column("id").to_pylist(), rows.column("text").to_pylist())
    results = []
    for way, order in (("sorted", None), ("order", readers_order(rows))):
        dedup = ShardByShardDedup(tmp_path / way, tmp_path / way / "index")
        first = dedup.split("p0", sort_for_readers(rows) if order is None else rows, signatures, order=order)
        second = dedup.split("p1", later)
        results.append([t.to_pylist() for t in (*first, *second)])
    assert results[0] == results[1]
    assert results[0][1], "the shard has duplicates"


@settings(max_examples=200, deadline=None)
@given(runs=st.lists(st.lists(st.integers(0, 2**40), max_size=60), max_size=12), shuffled=st.booleans())
def test_sorted_unique_is_numpys_unique_for_pair_keys_in_ascending_runs(runs, shuffled):
    """``sorted_unique`` sorts with timsort (pair keys come as ascending runs, one per band
    and per pile made unique before): the same array as ``np.unique``, runs or not."""
    from corpus_clean.dedup import sorted_unique

    keys = np.concatenate([np.sort(np.array(run, dtype=np.int64)) for run in runs] or [np.empty(0, np.int64)])
    if shuffled:
        keys = np.random.default_rng(len(keys)).permutation(keys)
    expected = np.unique(keys)
    assert sorted_unique(keys.copy()).tolist() == expected.tolist()

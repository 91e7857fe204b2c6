"""The dedup stage's run signatures spilled to a mapped file (``dedup.map_signatures``):
the same decisions and the same index part as with the signatures in memory, nothing
left on disk, and the mapping's resident pages bounded by a slice, not the run."""
from __future__ import annotations

import hashlib
import mmap
import random
import sys

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import dedup
from tests.test_dedup import article, change_words
from tests.test_memory import _corpus

SLICING = ("BAND_KEY_ROWS", "VERIFY_PAIRS", "PARTITION_DOCS", "READS_PER_RELEASE", "PAIR_KEYS_AT_ONCE")


def _stage(directory, ids, texts, files: int, prefix: str = "part"):
    """The run's signatures as staged files (one per shard), like write-shard leaves them."""
    table = dedup.signature_table(ids, texts)
    paths, step = [], -(-len(ids) // files)
    for k, start in enumerate(range(0, len(ids), step)):
        paths.append(directory / f"{prefix}-{k}.parquet")
        pq.write_table(table.slice(start, step), paths[-1])
    return paths


def _index_bytes(directory) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("part-*.parquet"))]


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), rows=st.integers(1, 40), files=st.integers(1, 4), earlier=st.integers(0, 30))
def test_mapped_signatures_decide_and_save_the_same_as_held_ones(seed, rows, files, earlier, tmp_path_factory):
    """Band keys, verification, decisions and the saved index part, read a few rows of a
    mapped file at a time, against the same run with its signatures in memory (and an
    index an earlier run left): equal assignments, byte-identical index parts."""
    ids, texts = _corpus(seed, 70)
    work = tmp_path_factory.mktemp("work")
    first = _stage(work, ids[:earlier], texts[:earlier], 1, "earlier") if earlier else []
    paths = _stage(work, ids[earlier:], texts[earlier:], files)
    held_dir, mapped_dir = tmp_path_factory.mktemp("held"), tmp_path_factory.mktemp("mapped")
    for directory in (held_dir, mapped_dir):
        if first:
            dedup.deduplicate([dedup.read_signatures(first)], directory)

    held = dedup.deduplicate([dedup.read_signatures(paths)], held_dir)
    saved = {name: getattr(dedup, name) for name in SLICING}
    for name in SLICING:
        setattr(dedup, name, rows)
    try:
        mapped = dedup.map_signatures(paths, work)
        decided = dedup.deduplicate([mapped.table], mapped_dir, spill_dir=work, release=mapped.release)
    finally:
        for name, value in saved.items():
            setattr(dedup, name, value)

    assert decided.equals(held)
    assert held.column("duplicate_of").null_count < len(held)  # there were copies to find
    assert _index_bytes(mapped_dir) == _index_bytes(held_dir)
    assert sorted(p.name for p in work.iterdir()) == sorted(p.name for p in first + paths)  # no spill left


def resident_bytes(array: np.ndarray) -> int:
    """Bytes of `array`'s pages mapped in this process now (/proc/self/pagemap's
    "present" bit, one 8-byte entry per page; readable without privileges)."""
    page = mmap.PAGESIZE
    first, last = array.ctypes.data // page, (array.ctypes.data + array.nbytes - 1) // page
    with open("/proc/self/pagemap", "rb") as handle:
        handle.seek(first * 8)
        entries = np.frombuffer(handle.read((last - first + 1) * 8), dtype=np.uint64)
    return int(np.count_nonzero(entries >> np.uint64(63))) * page


def _articles_with_copies(seed: int, n: int) -> tuple[list[str], list[str]]:
    """Distinct articles, a fifth of them near copies of an earlier original (as a crawl
    has them: a decision compares a document with one or two kept ones)."""
    rng = random.Random(seed)
    texts, originals = [], []
    for k in range(n):
        if originals and rng.random() < 0.2:
            texts.append(change_words(rng.choice(originals), rng.choice([0.0, 0.05, 0.1]), seed + k))
        else:
            texts.append(article(seed * 100_000 + k, rng.randint(30, 120)))
            originals.append(texts[-1])
    return [f"doc-{k}" for k in range(n)], texts


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/pagemap")
def test_the_assignment_keeps_a_slice_of_the_mapped_signatures_resident(tmp_path, monkeypatch):
    """16k documents (8 MB of signatures), read in slices of 1,024 rows: the mapping's
    resident pages, sampled before every release, stay under half of it (the kernel maps
    whole large folios around each read: ~2 MB here); the same
    run without releasing brings all of it in (the measure can fail)."""
    ids, texts = _articles_with_copies(11, 16_000)
    paths = _stage(tmp_path, ids, texts, 4)
    monkeypatch.setattr(dedup, "BAND_KEY_ROWS", 1_024)
    monkeypatch.setattr(dedup, "PARTITION_DOCS", 2_048)
    monkeypatch.setattr(dedup, "READS_PER_RELEASE", 1)

    def assign(release_pages: bool) -> tuple[int, int]:
        mapped = dedup.map_signatures(paths, tmp_path)
        matrix = dedup.signature_matrix(mapped.table, dedup.DedupParams())
        size, peak = matrix.nbytes, 0

        def release() -> None:
            nonlocal peak
            peak = max(peak, resident_bytes(matrix))
            if release_pages:
                mapped.release()

        index_dir = tmp_path / f"index-{release_pages}"
        dedup.deduplicate([mapped.table], index_dir, spill_dir=tmp_path, release=release)
        return size, peak

    size, peak = assign(release_pages=True)
    assert size >= 8_000_000 and 0 < peak < size / 2, f"{peak / 1e6:.1f} MB of {size / 1e6:.1f} MB resident"
    size, peak = assign(release_pages=False)
    assert peak > 0.9 * size


def test_the_shard_by_shard_state_held_in_memory_stops_growing_with_the_run(monkeypatch, tmp_path):
    """Deciding part by part past the thresholds: the run's signatures are all in the
    mapped file and each band table holds at most its head in memory, however many parts
    came; the rest is in mapped files (in `tmp_path`, unlinked: the folder stays empty)."""
    monkeypatch.setattr(dedup, "MAPPED_RUN_KEYS", 40)
    monkeypatch.setattr(dedup, "SIGNATURE_ROWS_IN_MEMORY", 30)
    rng = random.Random(5)
    parts = dedup.PartByPartAssignment(dedup.DedupIndex(), tmp_path)
    held = []
    for part in range(12):
        texts = [article(part * 100 + k, rng.randint(40, 120)) for k in range(20)]
        parts.decide(dedup.signature_table([f"p{part}-{k}" for k in range(20)], texts))
        held.append(parts.memory_bytes())
    last = held[-1]
    assert last["signatures, held"] == 0 and last["signatures, mapped"] == 12 * 20 * 128 * 4
    bands = dedup.DedupParams().bands + 1  # and the exact hashes' table
    head_bytes = 40 * (8 + 4 + 4)  # under the seal: at most 40 keys of up to 8 bytes with two int32
    assert all(h["band and exact-hash tables, held"] <= bands * head_bytes for h in held)
    assert last["band and exact-hash tables, mapped"] >= 64 * 12 * 12 * 20 * 0.9
    assert not list(tmp_path.iterdir())


def test_a_run_of_the_issues_scale_decides_as_it_writes_with_its_signatures_in_memory(tmp_path):
    """A 200 MB run of 4 KB documents (issue 15's scale: 50,164 documents from
    benchmarks/corpus_gen.py) decides its duplicates shard by shard, as each shard is
    written, not in the run-level stage after cleaning (its assignment, then every part read,
    split and written again, alone on the run's critical path once the workers stopped).
    Every run that does holds the run's signatures in memory: the cap is where
    ``RunSignatures`` would begin to map them, so no run under it pays page faults for
    them. (Fails on main: the cap was 40,000 documents.)"""
    from corpus_clean import dedup_stage

    cap = dedup_stage.SHARD_BY_SHARD_MAX_RECORDS
    assert dedup_stage.decides_shard_by_shard(50_164) and not dedup_stage.decides_shard_by_shard(cap + 1)
    num_perm = dedup.DedupParams().num_perm
    signatures = dedup.RunSignatures(num_perm, tmp_path)
    for start in range(0, cap, 8_192):  # the run's shards, each appended as it is decided
        signatures.append(np.full((min(8_192, cap - start), num_perm), start, dtype=np.uint32))
    assert not signatures.mapped and signatures.rows == cap
    signatures.append(np.zeros((1, num_perm), dtype=np.uint32))
    assert signatures.mapped  # one document more: the run-level stage's side of the cap

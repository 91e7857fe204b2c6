"""The run's tail a row group at a time: moving a part's duplicates out
(``dedup_stage.move_duplicates`` → ``dataset.split_part``) and merging small parts
(``dataset.merge_parts``) write the same bytes as reading, splitting or sorting the
rows whole, and hold much less of them."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import dataset, dedup_stage, output
from corpus_clean.dataset import SortedSize, VersionBuilder, merge_parts, write_part
from corpus_clean.layout import OutputLayout
from corpus_clean.readers import list_input_files
from corpus_clean.shards import clean_shard, plan_shards
from tests.test_dedup import article

LANGS = ("en", "fr", None)


@pytest.fixture(scope="module")
def cleaned_rows(tmp_path_factory) -> pa.Table:
    """Real clean rows (the cleaning core on our own generated articles): every column
    type a part has, nulls in title/byline/published/lang, removals and signals."""
    folder = tmp_path_factory.mktemp("in")
    rng = random.Random(7)
    for name in ("a", "b"):
        lines = []
        for k in range(60):
            record = {"id": f"{name}{k}", "text": f"Headline {k}\n\nBy Ann Lee\n\n{article(rng.randrange(1000), 60)}"
                                                  f"\n\nShare this article\nCopyright 2024 The Paper"}
            if k % 3 == 0:
                record["text"] = article(rng.randrange(1000), 50)
            lines.append(json.dumps(record))
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    [shard] = plan_shards(list_input_files(str(folder)), target_bytes=1 << 40)
    rows = clean_shard(shard, "t").rows
    # Vary the sort keys the merge must follow: languages with nulls, repeated sources.
    langs = pa.array([LANGS[k % 3] for k in range(rows.num_rows)], pa.string())
    return rows.set_column(rows.schema.get_field_index("lang"), rows.schema.field("lang"), langs)


@pytest.fixture
def small_row_groups(monkeypatch):
    """Row groups of a few kB, so that these small parts have several (both paths size
    them by the same rule, ``output.row_group_rows``)."""
    monkeypatch.setattr(output, "ROW_GROUP_BYTES", 6_000)
    monkeypatch.setattr(output, "MIN_ROW_GROUP_ROWS", 1)


def _assignments(ids: list[str], chosen: list[bool]) -> pa.Table:
    return pa.table({"id": ids, "duplicate_of": [f"k-{i}" if c else None for i, c in zip(ids, chosen)],
                     "similarity": pa.array([0.9 if c else None for c in chosen], pa.float32())})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), share=st.sampled_from([0.0, 0.02, 0.3, 0.9, 1.0]))
def test_moving_duplicates_a_row_group_at_a_time_writes_the_same_bytes(seed, share, cleaned_rows, small_row_groups,
                                                                        tmp_path_factory, monkeypatch):
    rng = random.Random(seed)
    ids = cleaned_rows.column("id").to_pylist()
    assignments = _assignments(ids, [rng.random() < share for _ in ids])
    results = {}
    for stream_above in (1 << 40, 0):  # held whole, then streamed
        monkeypatch.setattr(dedup_stage, "STREAM_ROWS_BYTES", stream_above)
        staging = tmp_path_factory.mktemp("staging")
        write_part(staging, "clean", "part-0", cleaned_rows)
        moved = dedup_stage.move_duplicates(staging, "part-0", assignments)
        files = {str(p.relative_to(staging)): p.read_bytes() for p in sorted(staging.rglob("*.parquet"))}
        results[stream_above] = (moved, files)
    (held_moved, held_files), (moved, files) = results.values()
    assert moved == held_moved
    assert files == held_files
    assert sum(moved.values()) == sum(a is not None for a in assignments.column("duplicate_of").to_pylist())


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), parts=st.integers(2, 5), read_rows=st.integers(1, 40),
       unsorted_part=st.booleans())
def test_merging_parts_a_few_rows_each_at_a_time_writes_the_same_bytes(seed, parts, read_rows, unsorted_part,
                                                                        cleaned_rows, small_row_groups,
                                                                        tmp_path_factory, monkeypatch):
    monkeypatch.setattr(dataset, "MERGE_READ_ROWS", read_rows)
    rng = np.random.default_rng(seed)
    owner = rng.integers(0, parts, cleaned_rows.num_rows)
    folder = tmp_path_factory.mktemp("parts")
    paths = []
    for k in range(parts):
        rows = cleaned_rows.filter(pa.array(owner == k))
        paths.append(folder / f"part-{k}.parquet")
        # A part not in readers' order (never written by write_parquet) is merged whole.
        output.write_parquet(rows, paths[-1], sort=not (unsorted_part and k == 0))
    held = output.write_parquet(pa.concat_tables([pq.read_table(p) for p in paths]), folder / "held.parquet")

    merged = merge_parts(paths, folder / "merged.parquet")

    assert merged.read_bytes() == held.read_bytes()
    assert pq.ParquetFile(merged).metadata.num_row_groups > 1


def test_compaction_streams_groups_over_the_threshold_with_the_same_files(cleaned_rows, small_row_groups, tmp_path,
                                                                           monkeypatch):
    found = {}
    for stream_above in (1 << 40, 0):
        monkeypatch.setattr(dataset, "STREAM_ROWS_BYTES", stream_above)
        builder = VersionBuilder(OutputLayout(tmp_path / f"out-{stream_above}"))
        for k in range(6):
            write_part(builder.staging, "clean", f"part-{k}", cleaned_rows.slice(k * 20, 20))
        merged = builder.compact(max_small_files=2)
        found[stream_above] = (merged, {p.name: p.read_bytes() for p in builder.parts("clean")})
        builder.abort()
    assert found[0] == found[1 << 40]
    assert found[0][0]["clean"] == 5


@settings(deadline=None)  # its first example pays the imports: 6.5 s on a loaded machine
@given(lengths=st.lists(st.one_of(st.none(), st.integers(0, 30)), max_size=40), cut=st.integers(0, 40))
def test_sorted_size_adds_up_pieces_to_the_whole_sorted_tables_nbytes(lengths, cut):
    table = pa.table({"text": [None if n is None else "é" * n for n in lengths],
                      "n": pa.array([n for n in lengths], pa.int64()),
                      "spans": [[{"start": 0, "end": n}] * ((n or 0) % 3) for n in lengths]})
    size = SortedSize()
    size.add(table.slice(0, cut))
    size.add(table.slice(cut))
    whole = table.take(np.arange(table.num_rows))  # the copy sort_for_readers makes
    assert size.nbytes() == whole.nbytes


PEAK_SCRIPT = """
import sys, shutil, pyarrow as pa, pyarrow.parquet as pq
from corpus_clean import dataset, dedup_stage, output
staging, mode = sys.argv[1], sys.argv[2]
output.ROW_GROUP_BYTES, output.MIN_ROW_GROUP_ROWS = int(sys.argv[3]), 1  # as the part was written
dedup_stage.STREAM_ROWS_BYTES = 0 if mode == "streamed" else 1 << 40
ids = pq.read_table(staging + "/clean/part-0.parquet", columns=["id"]).column("id").to_pylist()
chosen = [k % 10 == 0 for k in range(len(ids))]
assignments = pa.table({"id": ids, "duplicate_of": [("x" if c else None) for c in chosen],
                        "similarity": pa.array([(0.9 if c else None) for c in chosen], pa.float32())})
pool = pa.default_memory_pool()
base = pool.max_memory()
dedup_stage.move_duplicates(staging, "part-0", assignments)
print(pool.max_memory() - base)
"""


def test_a_streamed_move_holds_a_fraction_of_the_part(cleaned_rows, tmp_path, monkeypatch):
    """Arrow's peak allocation while moving the duplicates out of a part of ~16 row groups
    (measured in a fresh process each: the pool's peak cannot be reset)."""
    big = pa.concat_tables([cleaned_rows] * 8)
    big = big.set_column(0, "id", pa.array([f"r{k}" for k in range(big.num_rows)]))
    group_bytes = big.nbytes // 16
    monkeypatch.setattr(output, "ROW_GROUP_BYTES", group_bytes)
    monkeypatch.setattr(output, "MIN_ROW_GROUP_ROWS", 1)
    peaks = {}
    for mode in ("held", "streamed"):
        staging = tmp_path / mode
        write_part(staging, "clean", "part-0", big)
        done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(staging), mode, str(group_bytes)],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
        assert done.returncode == 0, done.stderr
        peaks[mode] = int(done.stdout.split()[-1])
    assert peaks["streamed"] < 0.5 * peaks["held"], peaks

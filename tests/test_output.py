"""corpus_clean.output on its own: atomic writes, sorted rows with statistics readers
prune by, the same bytes for the same table."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.output import TEMP_PREFIX, write_json, write_parquet


def test_a_write_that_fails_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "manifest.json"
    write_json({"version": 1}, path)
    with pytest.raises(TypeError):
        write_json({("not", "a", "string"): 1}, path)  # a tuple key: json.dumps raises mid-write
    assert path.read_text().strip().startswith("{") and '"version": 1' in path.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


@settings(deadline=None, max_examples=25)
@given(st.lists(st.tuples(st.sampled_from(["en", "fr", "de", None]), st.sampled_from(["a.txt", "b.jsonl"]),
                          st.text(max_size=20)), max_size=40))
def test_rows_come_back_sorted_by_language_then_source_and_none_is_lost(tmp_path_factory, rows):
    table = pa.table({"id": [str(i) for i in range(len(rows))], "lang": [r[0] for r in rows],
                      "source": [r[1] for r in rows], "text": [r[2] for r in rows]})
    path = write_parquet(table, tmp_path_factory.mktemp("o") / "part.parquet")
    back = pq.read_table(path)
    assert sorted(back.column("id").to_pylist()) == sorted(table.column("id").to_pylist())
    keys = [(lang is None, lang or "", source) for lang, source in
            zip(back.column("lang").to_pylist(), back.column("source").to_pylist())]
    assert keys == sorted(keys)


def test_same_table_same_bytes_and_statistics_for_pruning(tmp_path):
    table = pa.table({"id": ["1", "2", "3"], "lang": ["fr", "en", "en"], "source": ["b", "a", "c"],
                      "text": ["x", "y", "z"]})
    first = write_parquet(table, tmp_path / "a.parquet").read_bytes()
    assert write_parquet(table, tmp_path / "b.parquet").read_bytes() == first
    stats = pq.ParquetFile(tmp_path / "a.parquet").metadata.row_group(0).column(1).statistics
    assert (stats.min, stats.max) == ("en", "fr")

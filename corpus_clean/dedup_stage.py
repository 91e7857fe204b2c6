"""The run-level near-duplicate stage, over the clean parts a run has staged.

Cleaning runs shard by shard (and batch by batch in worker processes), so copies of one
article usually land in different shards. Once every shard is written, this stage:

1. computes each shard's signatures while its clean rows are in memory, as the part
   is written (``stage_signatures``; kept beside the parts until step 2),
2. decides every document of the run in record order against the index the dataset
   carries from version to version (``assign_run``: one task, it is sequential),
3. moves each part's duplicates into ``duplicates/`` with ``duplicate_of`` and the
   estimated ``similarity`` (``move_duplicates``; one task per part),

all inside the version being built, so the dataset, its duplicates and its index are
committed together or not at all. How documents are matched: ``corpus_clean.dedup``.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_clean.dataset import STREAM_ROWS_BYTES, part_path, rows_bytes, split_part, write_part
from corpus_clean.dedup import DedupParams, clean_table_signatures, deduplicate, map_signatures, split_duplicates
from corpus_clean.layout import STAGED_SIGNATURES
from corpus_clean.output import write_parquet
from corpus_clean.processes import return_freed_memory
from corpus_clean.shards import ShardSummary


# Rows whose signatures are computed together (see stage_signatures).
SIGNATURE_ROWS = 256


def _staged_signatures(staging: str | Path, part_name: str) -> Path:
    return Path(staging) / STAGED_SIGNATURES / f"{part_name}.parquet"


def stage_signatures(staging: str | Path, part_name: str, clean: pa.Table,
                     params: DedupParams = DedupParams(), computed: pa.Table | None = None) -> Path:
    """Compute the signatures of a shard's clean rows (as sorted in its written part: the
    order the stage decides them in) and keep them in the version being built. Called
    while the rows are in memory, so the stage never reads the texts back.

    A slice of rows at a time: the words and shingles of a whole 16 MB shard are ~400 MB
    of Python strings (measured with tracemalloc; 54 MB in slices of 256 rows), and
    signatures are per row, so the slices give the same table.

    `computed`: the signatures already computed where the rows were cleaned (rows of
    ``dedup.signature_table`` for at least these ids, in any order): only reordered."""
    if computed is not None:
        where = pc.index_in(clean.column("id"), value_set=computed.column("id"))
        if where.null_count:
            raise ValueError(f"{part_name}: {where.null_count} clean rows have no computed signature")
        return write_parquet(computed.take(where), _staged_signatures(staging, part_name), sort=False)
    rows = clean.select(["id", "text"])
    signatures = [clean_table_signatures(rows.slice(start, SIGNATURE_ROWS), params)
                  for start in range(0, rows.num_rows, SIGNATURE_ROWS)]
    table = pa.concat_tables(signatures) if signatures else clean_table_signatures(rows, params)
    return write_parquet(table, _staged_signatures(staging, part_name), sort=False)


def assign_run(staging: str | Path, part_names: list[str], index_dir: str | Path,
               params: DedupParams = DedupParams()) -> pa.Table:
    """Decide every document of the run (the parts' staged signatures, in part order)
    against the index in `index_dir` (``dedup.deduplicate``); the staged signatures are
    removed once the index holds them. The run's signature matrix (512 B per document)
    is written to a file in `staging` and mapped, not held (``dedup.map_signatures``);
    the candidate pairs of a big run spill to files there too."""
    signatures = map_signatures([_staged_signatures(staging, name) for name in part_names], staging, params)
    assignments = deduplicate([signatures.table], index_dir, params, spill_dir=staging, release=signatures.release)
    shutil.rmtree(Path(staging) / STAGED_SIGNATURES, ignore_errors=True)
    del signatures
    return_freed_memory()  # the candidate pairs' arrays (~190 MB for 25k documents) stay resident otherwise
    return assignments


def move_duplicates(staging: str | Path, part_name: str, assignments: pa.Table) -> dict[str, int]:
    """Rewrite a staged clean part without its duplicates and stage those under
    duplicates/ (same part name). Returns duplicates per source file.

    The part's ids are read first: a part with no duplicate is left as it is. A part of
    more than STREAM_ROWS_BYTES of rows is rewritten a row group at a time
    (``dataset.split_part``: the same bytes), not read, split and sorted whole."""
    path = part_path(staging, "clean", part_name)
    ids = pq.read_table(path, columns=["id"])
    _, found = split_duplicates(ids, assignments)
    if not found.num_rows:
        return {}
    if rows_bytes(path) <= STREAM_ROWS_BYTES or found.num_rows == ids.num_rows:
        kept, duplicates = split_duplicates(pq.read_table(path), assignments)
        write_part(staging, "clean", part_name, kept)
    else:
        duplicates = split_part(path, lambda rows: split_duplicates(rows, assignments))
    write_part(staging, "duplicates", part_name, duplicates)
    return dict(Counter(duplicates.column("source").to_pylist()))


def count_duplicates(summaries: list[ShardSummary], moved: dict[str, int]) -> None:
    """Move `moved[source]` records from clean to duplicates in the files' accounting."""
    for summary in summaries:
        for source, counts in summary.files.items():
            n = moved.get(source, 0)
            counts.clean -= n
            counts.duplicates += n
            summary.clean_rows -= n

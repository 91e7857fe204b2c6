"""The run-level near-duplicate stage, over the clean parts a run has staged.

Cleaning runs shard by shard (and batch by batch in worker processes), so copies of one
article usually land in different shards. Once every shard is written, this stage:

1. computes each new clean part's signatures (``part_signatures``; one task per part),
2. decides every document of the run in record order against the index the dataset
   carries from version to version (``dedup.deduplicate``; one task, it is sequential),
3. moves each part's duplicates into ``duplicates/`` with ``duplicate_of`` and the
   estimated ``similarity`` (``move_duplicates``; one task per part),

all inside the version being built, so the dataset, its duplicates and its index are
committed together or not at all. How documents are matched: ``corpus_clean.dedup``.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_clean.dataset import part_path, write_part
from corpus_clean.dedup import DedupParams, clean_table_signatures, split_duplicates
from corpus_clean.shards import ShardSummary


def part_signatures(staging: str | Path, part_name: str, params: DedupParams = DedupParams()) -> pa.Table:
    """Signatures of one staged clean part (reads only its id and text columns). Every
    shard writes its clean part, empty or not."""
    return clean_table_signatures(part_path(staging, "clean", part_name), params)


def move_duplicates(staging: str | Path, part_name: str, assignments: pa.Table) -> dict[str, int]:
    """Rewrite a staged clean part without its duplicates and stage those under
    duplicates/ (same part name). Returns duplicates per source file."""
    kept, duplicates = split_duplicates(pq.read_table(part_path(staging, "clean", part_name)), assignments)
    if not duplicates.num_rows:
        return {}
    write_part(staging, "clean", part_name, kept)
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

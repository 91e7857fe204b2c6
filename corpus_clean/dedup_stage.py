"""The run-level near-duplicate stage.

Cleaning runs shard by shard (and batch by batch in worker processes), so copies of one
article usually land in different shards. Local runs decide duplicates shard by shard,
in the run's order, before each shard is written (``ShardByShardDedup``: the decisions
of one assignment over the run, see ``dedup.PartByPartAssignment``), so each part is
written once, already split into clean rows and duplicates, while later shards are
cleaned; what the deciding keeps from shard to shard past a few tens of thousands of
documents lives in mapped files (``dedup.RunSignatures``, ``dedup.FirstAndLastKeys``), so
a run of any size takes this way. Runs whose shards are written elsewhere (a Dask
cluster) stage signatures instead, and once every shard is written this stage:

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
import threading
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_clean.dataset import STREAM_ROWS_BYTES, part_path, rows_bytes, split_part, write_part
from corpus_clean.dedup import (DedupIndex, DedupParams, PartByPartAssignment, clean_table_signatures, deduplicate,
                                SIGNATURE_ROWS_IN_MEMORY, map_signatures, split_duplicates)
from corpus_clean.layout import STAGED_SIGNATURES
from corpus_clean.output import sort_for_readers, write_parquet
from corpus_clean.processes import return_freed_memory
from corpus_clean.records import clean_schema
from corpus_clean.shards import ShardSummary


# Rows whose signatures are computed together (see stage_signatures).
SIGNATURE_ROWS = 256

# Deciding shard by shard held every decided document's signature (128 × 4 bytes) and its
# 64 band keys with positions (12 bytes each) until the run ended, ~1.3-2.5 KB per
# document. Since round 7 the big part of that state goes to mapped files past ~65k
# documents (~130 bytes per document stay: ids, hashes, decisions); even so, whole runs
# measured higher than with the run-level stage (993 vs 868 MB at 1 GB of input, 912 vs
# 867 at 400 MB: the tail's index save and merges), so runs of more than 40,000 documents
# still take the run-level stage, whose tail is slower but whose peak is lower. None sends
# every local run shard by shard; the tests use 0 to run the run-level stage locally.
# The cap is the run's signatures that ``RunSignatures`` holds in memory (32 MB): up to
# it nothing of the deciding is mapped, and a 200 MB run (~50k documents; issue 15's
# scale) decides as it writes, where the run-level stage's tail (the assignment, then
# each part read, split and written again) was serial after the workers had stopped.
SHARD_BY_SHARD_MAX_RECORDS: int | None = SIGNATURE_ROWS_IN_MEMORY


def decides_shard_by_shard(expected_records: int) -> bool:
    """Decide this local run's duplicates shard by shard (as each shard is written), or
    once after cleaning (signatures staged, duplicates moved)? Same decisions either way.

    >>> decides_shard_by_shard(50_000), decides_shard_by_shard(500_000)
    (True, False)
    """
    return SHARD_BY_SHARD_MAX_RECORDS is None or expected_records <= SHARD_BY_SHARD_MAX_RECORDS


def _staged_signatures(staging: str | Path, part_name: str) -> Path:
    return Path(staging) / STAGED_SIGNATURES / f"{part_name}.parquet"


def part_signatures(clean: pa.Table, params: DedupParams = DedupParams(), computed: pa.Table | None = None) -> pa.Table:
    """The signatures of a shard's clean rows, in their order (as sorted in its written
    part: the order the stage decides them in).

    `computed`: the signatures already computed where the rows were cleaned (rows of
    ``dedup.signature_table`` for at least these ids, in any order): only reordered.
    Otherwise computed a slice of rows at a time: the words and shingles of a whole 16 MB
    shard are ~400 MB of Python strings (measured with tracemalloc; 54 MB in slices of
    256 rows), and signatures are per row, so the slices give the same table."""
    if computed is not None:
        where = pc.index_in(clean.column("id"), value_set=computed.column("id"))
        if where.null_count:
            raise ValueError(f"{where.null_count} clean rows have no computed signature")
        return computed.take(where)
    rows = clean.select(["id", "text"])
    signatures = [clean_table_signatures(rows.slice(start, SIGNATURE_ROWS), params)
                  for start in range(0, rows.num_rows, SIGNATURE_ROWS)]
    return pa.concat_tables(signatures) if signatures else clean_table_signatures(rows, params)


def stage_signatures(staging: str | Path, part_name: str, clean: pa.Table,
                     params: DedupParams = DedupParams(), computed: pa.Table | None = None) -> Path:
    """Keep the signatures of a shard's clean rows (``part_signatures``) in the version
    being built, for ``assign_run``. Called while the rows are in memory, so the stage
    never reads the texts back."""
    return write_parquet(part_signatures(clean, params, computed), _staged_signatures(staging, part_name), sort=False)


class ShardByShardDedup:
    """A run's duplicates decided shard by shard, as each shard is written, in the run's
    order (the caller writes the shards in order), against the index in `index_dir`
    (loaded here, saved by ``finish``): the same decisions as ``assign_run`` over the run's
    parts (``dedup.PartByPartAssignment``), with no staged signatures and no moves.

    When a later shard edits an indexed document that an earlier shard's decisions used,
    ``finish`` decides the run again as one assignment and splits the parts again
    (``resplit_part``): the rare case costs the moves the usual one saves. `forget`: the
    earlier ids of the files the run cleans again (``DedupIndex.assign``)."""

    def __init__(self, staging: str | Path, index_dir: str | Path, params: DedupParams = DedupParams(),
                 forget: pa.Array | None = None) -> None:
        self.staging, self.index_dir, self.params = str(staging), index_dir, params
        self.index = DedupIndex.load(index_dir, params)
        self._assignment = PartByPartAssignment(self.index, self.staging, forget)
        self._parts: dict[str, Counter] = {}  # part name -> duplicates per source file, in run order
        self._last: tuple[str, pa.Table] | None = None  # the last part decided and its assignments
        self._lock = threading.Lock()
        self._finished: dict[str, int] | None = None  # ``finish``'s answer, once it has run
        self._finish_lock = threading.Lock()

    def split(self, part_name: str, clean: pa.Table, computed: pa.Table | None = None,
              order: pa.Array | None = None) -> tuple[pa.Table, pa.Table]:
        """(kept rows, duplicate rows) of a shard's clean rows, decided after every part
        given before, in the order they are written: `clean`'s own, or with `order` the
        row indices that put them in it (``output.readers_order``: each row is then copied
        once, into the table it is written from). `computed`: see ``part_signatures``. The
        last part again (its write retried) gets the same split."""
        with self._lock:
            if self._last is not None and self._last[0] == part_name:
                assignments = self._last[1]
            else:
                rows = clean if order is None else _in_order(clean, order, with_text=computed is None)
                assignments = self._assignment.decide(part_signatures(rows, self.params, computed), self.staging)
                self._last = (part_name, assignments)
            kept, duplicates = split_duplicates(clean, assignments, order)
            self._parts[part_name] = Counter(duplicates.column("source").to_pylist())
        return kept, duplicates

    @property
    def finished(self) -> bool:
        """Whether ``finish`` has run (the index is saved)."""
        return self._finished is not None

    @property
    def can_finish_beside_writes(self) -> bool:
        """Whether ``finish`` may run while the last part's files are written: it then only
        adds the run to the index and saves it. Not after a conflict, where it decides the
        run again and rewrites the parts (``resplit_part``), the last one included."""
        with self._lock:
            return self._assignment is not None and not self._assignment.conflict

    def finish(self) -> dict[str, int]:
        """Add the run to the index and save it; returns duplicates per source file. Once:
        a second call (the flow's, after the last shard's write task ran it beside its
        writes) returns the first one's answer."""
        with self._finish_lock:
            if self._finished is None:
                self._finished = self._finish()
            return dict(self._finished)

    def _finish(self) -> dict[str, int]:
        if self._assignment.conflict:
            assignments = self._assignment.whole_run(spill_dir=self.staging)
            self._parts = {name: Counter(resplit_part(self.staging, name, assignments)) for name in self._parts}
            self._last = None  # (its split is stale: the parts were split again)
        else:
            self._assignment.finish()
        self.index.save(self.index_dir, self._assignment.release)
        # The run is saved: the index, the band tables' heads and the run's ids and
        # decisions (~60 MB at 100k documents) are not needed by the commit that follows,
        # whose merges are a run's peak (the flow keeps this object until it returns).
        # The last part's split stays (its assignments only): a retry of its write task,
        # which may have run this beside its writes, splits it again from them.
        self.index = self._assignment = None
        return_freed_memory()
        return dict(sum(self._parts.values(), Counter()))


def _in_order(clean: pa.Table, order: pa.Array, with_text: bool) -> pa.Table:
    """The ids (and texts, when the signatures are still to be computed) of `clean`'s rows
    in `order`: what ``part_signatures`` reads, without the other columns."""
    return clean.select(["id", "text"] if with_text else ["id"]).take(order)


def resplit_part(staging: str | Path, part_name: str, assignments: pa.Table) -> dict[str, int]:
    """Split a written part's clean rows and duplicates again with other `assignments`:
    both read, put back in readers' order, split and written (the duplicates part removed
    when none is left). Returns duplicates per source file."""
    clean_path, duplicates_path = part_path(staging, "clean", part_name), part_path(staging, "duplicates", part_name)
    rows = _as_written(pq.read_table(clean_path))
    if duplicates_path.exists():
        earlier = pq.read_table(duplicates_path).drop_columns(["duplicate_of", "similarity"])
        rows = sort_for_readers(pa.concat_tables([rows, earlier.cast(rows.schema)]))
        duplicates_path.unlink()
    kept, duplicates = split_duplicates(rows, assignments)
    write_part(staging, "clean", part_name, kept, sort=False)
    if duplicates.num_rows:
        write_part(staging, "duplicates", part_name, duplicates)
    return dict(Counter(duplicates.column("source").to_pylist()))


def assign_run(staging: str | Path, part_names: list[str], index_dir: str | Path,
               params: DedupParams = DedupParams(), forget: pa.Array | None = None) -> pa.Table:
    """Decide every document of the run (the parts' staged signatures, in part order)
    against the index in `index_dir` (``dedup.deduplicate``); the staged signatures are
    removed once the index holds them. The run's signature matrix (512 B per document)
    is written to a file in `staging` and mapped, not held (``dedup.map_signatures``);
    the candidate pairs of a big run spill to files there too. `forget`: the earlier ids
    of the files the run cleans again (``DedupIndex.assign``)."""
    signatures = map_signatures([_staged_signatures(staging, name) for name in part_names], staging, params)
    assignments = deduplicate([signatures.table], index_dir, params, spill_dir=staging, release=signatures.release,
                              forget=forget)
    shutil.rmtree(Path(staging) / STAGED_SIGNATURES, ignore_errors=True)
    del signatures
    return_freed_memory()  # the candidate pairs' arrays (~190 MB for 25k documents) stay resident otherwise
    pa.default_memory_pool().release_unused()  # and Arrow's allocator keeps the index save's pages a while
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


def _as_written(clean: pa.Table) -> pa.Table:
    """Clean rows read back from Parquet with the schema they were written with: Parquet
    names a list's items "element" where Arrow (and ``clean_schema``) says "item", and a
    part written again would otherwise carry the other name in its Arrow schema (same
    values, other bytes than a part written once). (``move_duplicates`` still writes
    "element": its streamed rewrite takes the schema from the file, ``dataset.split_part``.)"""
    return clean.cast(clean_schema())


def count_duplicates(summaries: list[ShardSummary], moved: dict[str, int]) -> None:
    """Move `moved[source]` records from clean to duplicates in the files' accounting."""
    for summary in summaries:
        for source, counts in summary.files.items():
            n = moved.get(source, 0)
            counts.clean -= n
            counts.duplicates += n
            summary.clean_rows -= n

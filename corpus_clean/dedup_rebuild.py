"""Rebuilding a near-duplicate index whose signatures another version of corpus-clean made.

An index records how its signatures were made (``dedup.index_meta``: the MinHash
algorithm and the parameters). Signatures of two algorithms cannot be compared: mixing
them would silently miss every copy. When a run finds its output's index made another
way, the index is rebuilt before any cleaning, from the texts the current version holds
(its clean and duplicates parts, where every indexed document's cleaned text lives):

- every indexed document whose text is found gets its exact hash, word count and MinHash
  signature recomputed by this version, and keeps its decision (kept, or duplicate of
  which document, with what similarity), in the index's own order;
- an indexed document with no text in the version (its rows are gone, e.g. its input
  file was removed) is dropped from the index and counted: it can no longer be matched.

The index being rebuilt is the copy in the version being built, whose files are hard
links shared with earlier versions: files are replaced (written anew and renamed over)
or unlinked, never changed in place, so the earlier versions keep their own index.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_clean.dedup import (
    INDEX_PARAMS_FILE,
    DedupParams,
    _index_schema,
    _latest_per_id,
    index_meta,
    signature_schema,
    signature_table,
)
from corpus_clean.output import write_json, write_parquet

# Texts signed at once: the words of a slice are Python strings (see dedup_stage.SIGNATURE_ROWS).
REBUILD_ROWS = 256


@dataclass(frozen=True)
class RebuiltIndex:
    """What a rebuild did: the index's rows before, those re-signed, those dropped."""

    made_by: str
    rows_before: int
    resigned: int
    dropped: int


def rebuild_index(index_dir: str | Path, version_dir: str | Path,
                  params: DedupParams = DedupParams()) -> RebuiltIndex:
    """Re-sign the index in `index_dir` from the texts of the version in `version_dir`
    (its ``clean/`` and ``duplicates/`` parts), with this version's algorithm and `params`."""
    index_dir, version_dir = Path(index_dir), Path(version_dir)
    made_by = json.loads((index_dir / INDEX_PARAMS_FILE).read_text()).get("minhash", "unknown")
    old_parts = sorted(index_dir.glob("part-*.parquet"))
    # Only the decision columns are read: the old signatures are what cannot be used.
    decisions = [pq.read_table(part, columns=_index_schema().names).cast(_index_schema()) for part in old_parts]
    old = _latest_per_id(pa.concat_tables(decisions)) if decisions else _index_schema().empty_table()

    rows_before = old.num_rows
    indexed_ids = old.column("id").combine_chunks()
    signed = [_signatures_in_part(part, indexed_ids, params) for part in _version_parts(version_dir)]
    signed = pa.concat_tables(signed) if signed else signature_schema(params).empty_table()
    where = pc.index_in(indexed_ids, value_set=signed.column("id").combine_chunks())
    found = pc.is_valid(where)
    old, where = old.filter(found), where.filter(found)
    new = signed.take(where)
    rows = pa.table({
        "id": old.column("id"),
        "exact_hash": new.column("exact_hash"),
        "n_words": new.column("n_words"),
        "duplicate_of": old.column("duplicate_of"),
        "similarity": old.column("similarity"),
        "minhash": new.column("minhash"),
    }, schema=pa.schema(list(_index_schema()) + [signature_schema(params).field("minhash")]))

    for part in old_parts:  # unlink: the file itself may be an earlier version's
        part.unlink()
    if rows.num_rows:
        write_parquet(rows.combine_chunks(), index_dir / "part-000000.parquet", sort=False)
    write_json(index_meta(params), index_dir / INDEX_PARAMS_FILE)
    return RebuiltIndex(made_by, rows_before, rows.num_rows, rows_before - rows.num_rows)


def _version_parts(version_dir: Path) -> list[Path]:
    """The version's parts that hold indexed documents' texts."""
    return [part for kind in ("clean", "duplicates")
            for part in sorted((version_dir / kind).glob("*.parquet")) if not part.name.startswith(".")]


def _signatures_in_part(part: Path, indexed_ids: pa.Array, params: DedupParams) -> pa.Table:
    """``signature_table`` rows of a part's documents that the index holds."""
    table = pq.read_table(part, columns=["id", "text"])
    table = table.filter(pc.is_in(table.column("id"), value_set=indexed_ids))
    slices = [table.slice(start, REBUILD_ROWS) for start in range(0, table.num_rows, REBUILD_ROWS)]
    signed = [signature_table(rows.column("id").combine_chunks(), rows.column("text"), params)
              for rows in slices]
    return pa.concat_tables(signed) if signed else signature_schema(params).empty_table()

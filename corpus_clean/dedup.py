"""Near-duplicate removal after cleaning: exact copies by a normalised-text hash, near
copies by MinHash LSH (rensa computes the signatures), across a whole run and against
earlier runs through an index kept in a directory.

Why after cleaning: two copies of one article on different sites differ mostly in page
furniture (menus, share bars, footers). Once that is cut, the bodies collide.

The work splits in two, so it runs with workers and shards:

1. ``signature_table(ids, texts)`` — pure, per batch, can run in worker processes: one row
   per document with its exact-text hash and its MinHash signature.
2. ``DedupIndex.assign(signatures)`` — in the run's record order, each document is either
   kept (first seen) or marked ``duplicate_of`` the id of a kept document, with the
   estimated Jaccard similarity. The index holds everything earlier runs kept, and is
   saved to (and loaded from) a directory as Parquet parts, one per run.

``split_duplicates(clean_table, assignments)`` then splits a clean table into the rows
to keep and the rows for ``DIR/duplicates/*.parquet`` (schema: ``duplicates_schema()``).

Parameters (see ``DedupParams``; chosen on a tuning corpus, checked on a held-out one, in
benchmarks/dedup.py and benchmarks/RESULTS-dedup.md):

- shingles are word 3-grams of the normalised text. A near copy with a fraction p of its
  words changed keeps about (1-p)^n of its n-grams: with p = 12 %, 3-grams keep 68 %
  (Jaccard ~0.52) where 5-grams keep 53 % (Jaccard ~0.36), too close to what two distinct
  articles on one topic share once the furniture they have in common survives cleaning.
  On the tuning corpus 3-grams left the widest range of safe thresholds (0.30-0.45: every
  near copy caught, no distinct articles merged) of the 2- to 5-gram settings tried.
- 128 permutations in 64 bands of 2 rows: a pair at Jaccard 0.3 becomes a candidate with
  probability 1-(1-0.3^2)^64 = 0.998, so LSH loses almost no copy (32 bands of 4 rows lost
  2.5 % of the near copies). Two-row bands also make many chance candidates (0.47 at
  Jaccard 0.1), which is why every candidate is *verified* on the full signature: the
  fraction of equal slots, an estimate of the Jaccard similarity, must be >= 0.4 (the
  middle of the safe range).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_clean.output import write_json, write_parquet
from corpus_clean.records import clean_schema

# Anything that is not a letter separates words in the normalised text: punctuation,
# digits, underscores, symbols, whitespace.
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@dataclass(frozen=True)
class DedupParams:
    """What a signature and a match mean. An index only accepts signatures made with the
    same parameters (and the same MinHash algorithm version), so they are saved with it."""

    shingle_words: int = 3
    num_perm: int = 128
    bands: int = 64
    rows: int = 2
    threshold: float = 0.4
    seed: int = 1

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands*rows ({self.bands}*{self.rows}) exceeds num_perm ({self.num_perm})")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    def candidate_probability(self, jaccard: float) -> float:
        """Chance that a pair at this Jaccard similarity shares at least one band.

        >>> round(DedupParams().candidate_probability(0.3), 3)
        0.998
        """
        return 1.0 - (1.0 - jaccard ** self.rows) ** self.bands


def normalised_words(text: str) -> list[str]:
    """Case-folded words with punctuation, digits and symbols removed.

    Copies of one article differ in ways that say nothing about the article: casing of a
    headline, curly vs straight quotes, dashes, line wrapping, and numbers that change
    between crawls (view counts, "updated 14:05", comment counts). Dropping them makes
    those copies hash the same.

    >>> normalised_words("“Updated 14:05” — The  Mayor's   budget, 2nd draft!")
    ['updated', 'the', 'mayor', 's', 'budget', 'nd', 'draft']
    """
    return _NOT_LETTERS.sub(" ", text.casefold()).split()


def exact_hash(words: list[str]) -> int:
    """64-bit hash of the normalised text (collisions: ~1 in 3.7e7 over 1 M documents).

    >>> exact_hash(normalised_words("Hello, world!")) == exact_hash(normalised_words("hello world"))
    True
    """
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(), "little")


def shingles(words: list[str], n: int) -> list[str]:
    """Word n-grams; a text shorter than n words is one shingle.

    >>> shingles(["a", "b", "c", "d"], 3)
    ['a b c', 'b c d']
    >>> shingles(["a", "b"], 3)
    ['a b']
    """
    if len(words) <= n:
        return [" ".join(words)] if words else []
    return [" ".join(gram) for gram in zip(*(words[k:] for k in range(n)))]


def minhash_signatures(shingle_sets: list[list[str]], params: DedupParams) -> np.ndarray:
    """(documents × num_perm) uint32 MinHash signatures from rensa's R-MinHash.

    Chosen over datasketch after measuring both (benchmarks/dedup.py): same estimates,
    far faster. The fraction of equal slots between two signatures estimates the
    Jaccard similarity of the shingle sets.
    """
    from rensa import RMinHash

    if not shingle_sets:
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_token_sets(shingle_sets, num_perm=params.num_perm, seed=params.seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(shingle_sets), params.num_perm)


def minhash_algorithm() -> str:
    """Saved with an index: rensa changes its algorithm between versions (0.5 made old
    signatures incomparable), and mixing versions would silently miss every copy."""
    from rensa import RMinHash

    return f"rensa-rminhash-v{RMinHash.ALGORITHM_VERSION}"


def signature_schema(params: DedupParams) -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("exact_hash", pa.uint64(), nullable=False),
        pa.field("n_words", pa.int64(), nullable=False),
        pa.field("minhash", pa.list_(pa.uint32(), params.num_perm), nullable=False),
    ])


def signature_table(ids: list[str], texts: list[str], params: DedupParams = DedupParams()) -> pa.Table:
    """One row per document: id, exact_hash, n_words, minhash. Pure: run it per batch,
    in worker processes if you like, and concatenate the tables in record order.

    >>> t = signature_table(["a", "b"], ["The pier reopens today.", "the PIER reopens today!"])
    >>> t.column("exact_hash")[0].as_py() == t.column("exact_hash")[1].as_py()
    True
    """
    words = [normalised_words(text) for text in texts]
    signatures = minhash_signatures([shingles(w, params.shingle_words) for w in words], params)
    minhash = pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel(), pa.uint32()), params.num_perm)
    return pa.Table.from_arrays([
        pa.array(ids, pa.string()),
        pa.array([exact_hash(w) for w in words], pa.uint64()),
        pa.array([len(w) for w in words], pa.int64()),
        minhash,
    ], schema=signature_schema(params))


def signature_matrix(table: pa.Table, params: DedupParams) -> np.ndarray:
    """The `minhash` column as a (rows × num_perm) uint32 array (no copy when one chunk)."""
    column = table.column("minhash").combine_chunks()
    return column.flatten().to_numpy(zero_copy_only=False).reshape(len(table), params.num_perm)


def band_keys(signatures: np.ndarray, params: DedupParams) -> np.ndarray:
    """(documents × bands) uint64: one FNV-1a-style hash of each band's `rows` slots."""
    n = signatures.shape[0]
    used = signatures[:, :params.bands * params.rows].reshape(n, params.bands, params.rows).astype(np.uint64)
    keys = np.full((n, params.bands), 0xCBF29CE484222325, dtype=np.uint64)
    prime = np.uint64(0x100000001B3)
    for row in range(params.rows):
        keys = (keys ^ used[:, :, row]) * prime  # uint64 arithmetic wraps, as a hash should
    return keys


def agreement(signatures: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Estimated Jaccard of each pair (left[k], right[k]): the fraction of equal slots."""
    out = np.empty(len(left), dtype=np.float32)
    for start in range(0, len(left), chunk):
        a, b = left[start:start + chunk], right[start:start + chunk]
        out[start:start + chunk] = (signatures[a] == signatures[b]).mean(axis=1)
    return out


def _group_edges(keys: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Within groups of equal key, link each member to the group's first member and to the
    member just before it (positions are in record order; the sort is stable).

    Two links, not all pairs: a huge group (a shingle common to thousands of articles)
    costs two edges per document, and a real copy shares many bands, so some band links
    it to the document it copies.
    """
    order = positions[np.argsort(keys[positions], kind="stable")]
    sorted_keys = keys[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    starts = np.flatnonzero(np.r_[True, ~same])
    first_of_group = order[starts[np.searchsorted(starts, np.arange(len(order)), side="right") - 1]]
    later = order[1:][same]
    return (np.concatenate([later, later]),
            np.concatenate([order[:-1][same], first_of_group[1:][same]]))


def assignments_schema() -> pa.Schema:
    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("duplicate_of", pa.string(), nullable=True),
        pa.field("similarity", pa.float32(), nullable=True),
        pa.field("seen_before", pa.bool_(), nullable=False),
    ])


INDEX_PARAMS_FILE = "params.json"


class DedupIndex:
    """Every document seen so far (by earlier runs and this one): its id, exact hash,
    signature, and whether it was kept or is a duplicate of a kept one.

    ``assign`` decides each new document in the order given (the run's record order), so
    the result is deterministic; ``save`` writes what this run added as a new Parquet part.
    A document whose id and normalised text are already in the index (a rerun over the
    same input) gets its earlier decision back, marked ``seen_before``: reruns are
    idempotent. A document whose id is indexed with another text (its source file was
    edited) is decided afresh and replaces the old entry.
    """

    def __init__(self, params: DedupParams = DedupParams()) -> None:
        self.params = params
        self._table = self._empty()      # one row per id: the latest version of each document
        self._unsaved = self._empty()    # rows added since load/save, for the next part

    def _empty(self) -> pa.Table:
        schema = signature_schema(self.params)
        return pa.schema(list(schema) + [
            pa.field("duplicate_of", pa.string()), pa.field("similarity", pa.float32())]).empty_table()

    def __len__(self) -> int:
        return len(self._table)

    # --- persistence -----------------------------------------------------------------

    def _meta(self) -> dict:
        return {"params": asdict(self.params), "minhash": minhash_algorithm()}

    @classmethod
    def load(cls, directory: str | Path, params: DedupParams = DedupParams()) -> "DedupIndex":
        """The index saved in `directory` (an empty one if there is none yet). Refuses an
        index made with other parameters or another MinHash algorithm: its signatures
        could not be compared with new ones."""
        index = cls(params)
        directory = Path(directory)
        meta_path = directory / INDEX_PARAMS_FILE
        if not meta_path.exists():
            return index
        saved = json.loads(meta_path.read_text())
        if saved != index._meta():
            raise ValueError(f"dedup index in {directory} was built with {saved}, not {index._meta()}")
        parts = sorted(directory.glob("part-*.parquet"))
        if parts:
            table = pa.concat_tables([pq.read_table(p) for p in parts]).cast(index._table.schema)
            index._table = _latest_per_id(table).combine_chunks()
        return index

    def save(self, directory: str | Path) -> Path | None:
        """Write the rows added since load as `part-NNNNNN.parquet` (atomically). Returns the
        part written, or None when nothing was added (a rerun over the same input)."""
        directory = Path(directory)
        write_json(self._meta(), directory / INDEX_PARAMS_FILE)
        if len(self._unsaved) == 0:
            return None
        number = len(list(directory.glob("part-*.parquet")))
        path = write_parquet(self._unsaved.combine_chunks(), directory / f"part-{number:06d}.parquet")
        self._unsaved = self._empty()
        return path

    # --- assignment ------------------------------------------------------------------

    def assign(self, signatures: pa.Table) -> pa.Table:
        """Decide each document of `signatures` (rows of ``signature_table``) in order:
        kept, or a duplicate of a kept document. Adds the new documents to the index.
        Returns one row per input row: id, duplicate_of, similarity, seen_before.

        A document is an exact duplicate when its normalised text hash equals an earlier
        one's, and a near duplicate when its estimated Jaccard with an earlier *kept*
        document is >= threshold; candidates come from LSH bands and each is verified on
        the full signatures. Matching only kept documents (never a chain of duplicates)
        means a document is never merged with one it does not itself resemble. Documents
        with no words are never duplicates (there is nothing to compare).
        """
        params = self.params
        signatures = signatures.cast(signature_schema(params))
        ids = signatures.column("id").combine_chunks()
        if pc.count_distinct(ids).as_py() != len(ids):
            raise ValueError("document ids must be unique within one assign() call")
        old = self._table
        n_old, n_new = len(old), len(signatures)
        everything = pa.concat_tables([old.select(signatures.column_names), signatures]).combine_chunks()
        matrix = signature_matrix(everything, params)
        hashes = everything.column("exact_hash").to_numpy()
        has_words = everything.column("n_words").to_numpy() > 0

        # Earlier decisions: root[i] = position of the kept document i is a copy of (or i).
        root = np.arange(n_old + n_new)
        similarity = np.full(n_old + n_new, np.nan, dtype=np.float32)
        if n_old:
            old_ids = old.column("id").combine_chunks()
            dup_pos = pc.index_in(old.column("duplicate_of"), value_set=old_ids).to_numpy(zero_copy_only=False)
            is_dup = ~np.isnan(dup_pos.astype(float))
            root[:n_old][is_dup] = dup_pos[is_dup].astype(np.int64)
            similarity[:n_old] = old.column("similarity").to_numpy(zero_copy_only=False)
            indexed_at = pc.index_in(ids, value_set=old_ids).to_numpy(zero_copy_only=False)
            indexed_at = np.where(np.isnan(indexed_at.astype(float)), -1, indexed_at).astype(np.int64)
        else:
            indexed_at = np.full(n_new, -1, dtype=np.int64)
        # Same id, same normalised text: seen before. Same id, other text: a new version.
        same_text = (indexed_at >= 0) & (hashes[np.maximum(indexed_at, 0)] == hashes[n_old:])
        seen_at = np.where(same_text, indexed_at, -1)
        replaced = indexed_at[(indexed_at >= 0) & ~same_text]

        # Kept documents of earlier runs (not replaced by a new version) and all new ones
        # can be matched against.
        eligible = has_words.copy()
        eligible[:n_old] &= root[:n_old] == np.arange(n_old)
        eligible[replaced] = False
        positions = np.flatnonzero(eligible)

        exact_first = np.arange(n_old + n_new)
        if len(positions):
            later, first = _group_edges(hashes, positions)
            exact_first[later] = np.minimum(exact_first[later], first)

        candidates = self._verified_candidates(matrix, positions, n_old)

        # Only documents with an earlier id, an exact twin or a verified candidate need a
        # decision; the others are kept. Ascending order: a decision can depend on earlier ones.
        seen_positions = n_old + np.flatnonzero(seen_at >= 0)
        exact_positions = np.flatnonzero(exact_first < np.arange(n_old + n_new))
        to_decide = np.unique(np.concatenate([
            seen_positions, exact_positions[exact_positions >= n_old],
            np.fromiter(candidates, dtype=np.int64, count=len(candidates))]))
        for i in to_decide.tolist():
            earlier = seen_at[i - n_old]
            if earlier >= 0:  # same id as an indexed document: its decision stands
                if root[earlier] != earlier:
                    root[i], similarity[i] = root[earlier], similarity[earlier]
            elif exact_first[i] < i:
                root[i] = root[exact_first[i]]
                similarity[i] = agreement(matrix, np.array([i]), np.array([root[i]]))[0]
            else:
                roots = np.unique(root[candidates[i]])
                scores = agreement(matrix, np.full(len(roots), i), roots)
                best = int(np.argmax(scores))  # ties: the earliest kept document
                if scores[best] >= params.threshold:
                    root[i], similarity[i] = roots[best], scores[best]

        all_ids = everything.column("id")
        new_root = root[n_old:]
        is_duplicate = new_root != np.arange(n_old, n_old + n_new)
        duplicate_of = pc.if_else(pa.array(is_duplicate), pc.take(all_ids, pa.array(new_root)), None)
        new_similarity = pa.array(similarity[n_old:], pa.float32(), mask=~is_duplicate)
        result = pa.Table.from_arrays(
            [ids, duplicate_of.cast(pa.string()), new_similarity, pa.array(seen_at >= 0)],
            schema=assignments_schema())

        unseen = pa.array(seen_at < 0)
        added = signatures.filter(unseen)
        added = added.append_column("duplicate_of", duplicate_of.filter(unseen).cast(pa.string()))
        added = added.append_column("similarity", new_similarity.filter(unseen))
        added = added.cast(self._table.schema)
        still_current = np.ones(n_old, dtype=bool)
        still_current[replaced] = False
        self._table = pa.concat_tables([self._table.filter(pa.array(still_current)), added]).combine_chunks()
        self._unsaved = pa.concat_tables([self._unsaved, added])
        return result

    def _verified_candidates(self, matrix: np.ndarray, positions: np.ndarray, n_old: int) -> dict[int, np.ndarray]:
        """For each new document, the earlier documents sharing a band with it whose
        signatures agree on >= threshold of their slots (positions, ascending)."""
        if len(positions) < 2:
            return {}
        keys = band_keys(matrix, self.params)
        lefts, rights = [], []
        for band in range(self.params.bands):
            later, earlier = _group_edges(keys[:, band], positions)
            new = later >= n_old
            lefts.append(later[new])
            rights.append(earlier[new])
        left, right = np.concatenate(lefts), np.concatenate(rights)
        if not len(left):
            return {}
        pairs = np.unique(np.stack([left, right], axis=1), axis=0)  # sorted by (left, right)
        left, right = pairs[:, 0], pairs[:, 1]
        ok = agreement(matrix, left, right) >= self.params.threshold
        left, right = left[ok], right[ok]
        if not len(left):
            return {}
        bounds = np.flatnonzero(np.r_[True, left[1:] != left[:-1], True])
        return {int(left[s]): right[s:e] for s, e in zip(bounds[:-1], bounds[1:])}


def _latest_per_id(table: pa.Table) -> pa.Table:
    """The last row of each id, in table order (parts are read in the order written, so
    an edited document's newest version wins)."""
    ids = table.column("id").combine_chunks()
    if pc.count_distinct(ids).as_py() == len(ids):
        return table
    _, first_from_end = np.unique(ids.to_numpy(zero_copy_only=False)[::-1], return_index=True)
    keep = np.zeros(len(ids), dtype=bool)
    keep[len(ids) - 1 - first_from_end] = True
    return table.filter(pa.array(keep))


def duplicates_schema() -> pa.Schema:
    """DIR/duplicates/*.parquet: the clean columns plus the kept document's id and the
    estimated Jaccard similarity to it."""
    return pa.schema(list(clean_schema()) + [
        pa.field("duplicate_of", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False),
    ])


def split_duplicates(clean: pa.Table, assignments: pa.Table) -> tuple[pa.Table, pa.Table]:
    """(kept rows, duplicate rows) of a clean table, given ``DedupIndex.assign``'s result
    for its ids (in any order, possibly for more documents). Duplicate rows carry the
    table's columns plus duplicate_of and similarity (``duplicates_schema()`` for a table
    with the clean schema). Rows with no assignment are kept."""
    where = pc.index_in(clean.column("id"), value_set=assignments.column("id"))
    duplicate_of = pc.take(assignments.column("duplicate_of"), where)
    similarity = pc.take(assignments.column("similarity"), where)
    is_duplicate = pc.fill_null(pc.is_valid(duplicate_of), False)
    kept = clean.filter(pc.invert(is_duplicate))
    duplicates = clean.filter(is_duplicate)
    schema = pa.schema(list(clean.schema) + [
        pa.field("duplicate_of", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False)])
    duplicates = duplicates.append_column("duplicate_of", duplicate_of.filter(is_duplicate))
    duplicates = duplicates.append_column("similarity", similarity.filter(is_duplicate))
    return kept, duplicates.cast(schema)


def clean_table_signatures(clean: pa.Table | str | Path, params: DedupParams = DedupParams()) -> pa.Table:
    """``signature_table`` of a clean table (or of a clean Parquet file: only its id and
    text columns are read)."""
    if not isinstance(clean, pa.Table):
        clean = pq.read_table(clean, columns=["id", "text"])
    return signature_table(clean.column("id").to_pylist(), clean.column("text").to_pylist(), params)


def deduplicate(signatures: list[pa.Table], index_dir: str | Path, params: DedupParams = DedupParams()) -> pa.Table:
    """The run-level stage: load the index in `index_dir`, decide every document of the
    run (signature tables in record order), save what the run added. Returns the
    assignments (id, duplicate_of, similarity, seen_before) for ``split_duplicates``."""
    index = DedupIndex.load(index_dir, params)
    schema = signature_schema(params)
    result = index.assign(pa.concat_tables([t.cast(schema) for t in signatures]) if signatures
                          else schema.empty_table())
    index.save(index_dir)
    return result

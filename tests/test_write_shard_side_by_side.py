"""A shard's parts are written side by side, and the run's dedup index is saved beside the
last shard's writes (``tasks.shard_tasks._write_shard``, ``ShardByShardDedup.finish``):
the same files, bytes and counts as written one after another, also when the last write
is retried after the index was saved; and a failed write is raised only once every other
write of the shard has ended.

Real cleaning, validation (GX), dedup and Parquet over generated corpora: articles of
their own, copies and near copies of them across two shards, records too short to pass.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_clean.dedup import DedupParams
from corpus_clean.dedup_stage import ShardByShardDedup
from corpus_clean.output import TEMP_PREFIX
from corpus_clean.readers import list_input_files
from corpus_clean.shards import BatchExtras, clean_shard, plan_shards
from corpus_clean.validate import ValidationConfig
from tasks.shard_tasks import _write_shard, validate_shard
from tests.conftest import distinct_article


def _write_corpus(root: Path, seed: int) -> Path:
    """Two JSONL files (one shard each): distinct articles, exact and edited copies of
    them in either file, and short records that validation quarantines."""
    rng = random.Random(seed)
    originals = [distinct_article(seed * 100 + k) for k in range(rng.randint(4, 8))]
    root.mkdir(parents=True)
    for name in ("a.jsonl", "b.jsonl"):
        records = []
        for k in range(rng.randint(6, 12)):
            kind = rng.random()
            if kind < 0.15:
                text = "Too short."
            elif kind < 0.6:
                text = rng.choice(originals)
            else:
                words = rng.choice(originals).split(" ")
                words[rng.randrange(len(words))] = "changed"
                text = " ".join(words)
            records.append({"id": f"{name}-{k}", "text": text})
        records.append({"id": f"{name}-own", "text": distinct_article(seed * 100 + 50 + len(records))})
        (root / name).write_text("".join(json.dumps(r) + "\n" for r in records))
    return root


def _cleaned_and_validated(corpus: Path) -> list:
    files = list_input_files(str(corpus))
    shards = plan_shards(files, target_bytes=min(f.size for f in files))
    assert len(shards) == 2
    config = ValidationConfig()
    found = []
    for shard in shards:
        cleaned = clean_shard(shard, "run-1", extras=BatchExtras(signatures=DedupParams()))
        found.append((cleaned, validate_shard(cleaned, config, None)))
    return found


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_saved_beside_the_last_writes_gives_the_files_of_one_after_another(tmp_path, seed):
    """Fails on main (``_write_shard`` has no `last`; ``finish`` could not be called twice,
    nor the last part split again after it)."""
    shards = _cleaned_and_validated(_write_corpus(tmp_path / "in", seed))

    def run(folder: Path, beside: bool) -> tuple[dict, dict]:
        dedup = ShardByShardDedup(folder, folder / "index")
        for k, (cleaned, report) in enumerate(shards):
            last = k == len(shards) - 1
            _write_shard(cleaned, report, str(folder), f"part-{k}", True, dedup, last=beside and last)
            if beside and last:
                assert dedup.finished, "the index is saved beside the last shard's writes"
                # The write task retried (a transient I/O error): the same split, the index as saved.
                _write_shard(cleaned, report, str(folder), f"part-{k}", True, dedup, last=True)
        return dedup.finish(), _files(folder)

    beside_counts, beside_files = run(tmp_path / "beside", beside=True)
    after_counts, after_files = run(tmp_path / "after", beside=False)
    assert beside_counts == after_counts
    assert sum(after_counts.values()) > 0, "the corpus has duplicates"
    assert beside_files.keys() == after_files.keys()
    assert any(name.startswith("duplicates/") for name in after_files)
    assert any(name.startswith("index/") for name in after_files)
    assert beside_files == after_files


def test_a_failed_write_is_raised_once_the_shards_other_writes_have_ended(tmp_path):
    """The clean part cannot be written (a folder stands where it goes): the error is
    raised, and by then the parts written beside it are complete and no temporary file is
    left, so a retry of the task never meets a write still going. Fails on main (the
    parts were written one after another: the quarantine part came after the clean one)."""
    [(cleaned, report), _] = _cleaned_and_validated(_write_corpus(tmp_path / "in", 4))
    staging = tmp_path / "staging"
    (staging / "clean" / "part-0.parquet" / "in-the-way").mkdir(parents=True)
    dedup = ShardByShardDedup(staging, staging / "index")
    with pytest.raises(OSError):
        _write_shard(cleaned, report, str(staging), "part-0", True, dedup, last=True)
    written = {p.parent.name: pq.read_table(p).num_rows for p in staging.rglob("part-0.parquet") if p.is_file()}
    assert written.get("quarantine", 0) >= 1 and written.get("duplicates", 0) >= 1
    assert not [p for p in staging.rglob(f"{TEMP_PREFIX}*")]

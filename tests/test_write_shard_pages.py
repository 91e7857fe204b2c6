"""The write task hands the allocators' free pages back to the OS after the run's last
shard only (``tasks.shard_tasks._write_shard``): between shards, the next shard's buffers
(its rows in readers' order, the writers' buffers), of the same sizes, reuse the pages
the shard before freed, instead of taking them from the OS again, one page fault each
(~70k faults, ~0.3-0.5 s of CPU per 200 MB run; benchmarks/RESULTS-throughput.md,
"Round 25, flow25"). After the last shard they are handed back: the dedup index's save
and the commit's merges come next, the run's peak.

Real cleaning, validation (GX), dedup split and Parquet writes of a generated corpus. A
page fault count does not depend on the machine's load, as CPU seconds do.
"""
from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

from corpus_clean.dedup import DedupParams
from corpus_clean.dedup_stage import ShardByShardDedup
from corpus_clean.readers import list_input_files
from corpus_clean.shards import BatchExtras, clean_shard, plan_shards
from corpus_clean.validate import ValidationConfig
from tasks.shard_tasks import _write_shard, validate_shard

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))
from corpus_gen import write_corpus  # noqa: E402


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def test_a_shard_written_after_another_reuses_its_pages_unless_that_was_the_last(tmp_path):
    """The second of two shards written one after the other takes its pages from the OS
    again only when the first was written as the run's last (measured: ~900 faults for
    a 1 MB shard, against ~30 after a shard that was not the last). Fails on main (the
    pages handed back after every shard: 2,052 against 2,548 for a 2 MB shard)."""
    write_corpus(tmp_path / "in", megabytes=1, seed=11)
    [shard] = plan_shards(list_input_files(str(tmp_path / "in")), target_bytes=1 << 40)
    cleaned = clean_shard(shard, "run-1", extras=BatchExtras(signatures=DedupParams()))
    report = validate_shard(cleaned, ValidationConfig(), None)

    def faults_of_the_next_shard(first_was_last: bool, out: Path) -> int:
        _write_shard(cleaned, report, str(out / "a"), "part-0", True, ShardByShardDedup(out / "a", out / "ia"),
                     last=first_was_last)
        before = _minor_faults()
        _write_shard(cleaned, report, str(out / "b"), "part-1", True, ShardByShardDedup(out / "b", out / "ib"))
        return _minor_faults() - before

    faults_of_the_next_shard(False, tmp_path / "warm")  # the first write's own allocations (imports, caches)
    after_last = faults_of_the_next_shard(True, tmp_path / "after-last")
    after_other = faults_of_the_next_shard(False, tmp_path / "after-other")
    assert after_last > 300, after_last  # the shard is big enough for the pages to show
    assert after_other < after_last / 4, (after_other, after_last)

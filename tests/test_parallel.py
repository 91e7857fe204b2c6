"""--workers: one shard's batches are cleaned in worker processes, with the same result."""
from __future__ import annotations

import json

from corpus_clean import parallel, shards
from corpus_clean.readers import list_input_files
from corpus_clean.shards import clean_shard, plan_shards

SENTENCE = "The river authority opened the new flood gates on Thursday after a week of heavy rain. "


def test_one_shard_is_spread_over_workers_with_identical_rows(tmp_path):
    n = 2 * shards.BATCH_DOCS + 5  # three batches in one shard
    lines = [json.dumps({"id": f"doc-{k}", "text": f"Home\nNews\nStory {k}. {SENTENCE * 3}\nShare this article\n"})
             for k in range(n)]
    lines.insert(7, "{not json")  # unreadable: quarantined as read, in its place
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    [shard] = plan_shards(list_input_files(str(tmp_path)), target_bytes=1 << 40)

    here = clean_shard(shard, run_id="test")
    spread = parallel.clean_shard_on_workers(shard, run_id="test", workers=2)

    assert spread.rows.equals(here.rows) and spread.rows.num_rows == n + 1
    assert spread.problems == here.problems and len(here.problems) == 1
    assert {k: vars(v) for k, v in spread.files.items()} == {k: vars(v) for k, v in here.files.items()}
    assert _without_times(spread.counters) == _without_times(here.counters)
    assert len(parallel._pools[2]._processes) == 2  # the batches went to worker processes


def _without_times(counters):
    """Counters to compare across processes: everything but the steps' wall times."""
    steps = {name: {k: v for k, v in stats.as_dict().items() if k != "seconds"} for name, stats in counters.steps.items()}
    return (counters.fixes, counters.removed_by_rule, counters.chars_removed_by_rule, counters.documents, steps)

#!/usr/bin/env python3
"""What the rule-kind columns (``furniture_win3/10``, ``gap_furniture_share``) cost, in one process.

    python benchmarks/kind_features_cost.py /work/shared/bench/boilerplate [--repeat 5]

Times, best of ``--repeat`` passes of CPU time, on the bench pages in batches of 64:
``line_features_many`` whole, and the work the kind columns add to it -- two window means
of one more column and the stretch sums with a fifth column (``story_gap_features`` with
`furniture` minus without). The rule-kind flag itself is looked up once per rule name.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_clean.boilerplate import classifier as C  # noqa: E402
from corpus_clean.boilerplate.engine import mark_rules  # noqa: E402
from corpus_clean.boilerplate.repair import join_broken_words  # noqa: E402

BATCH_DOCS = 64


def bench_batches(bench: Path) -> list[list]:
    """The bench pages' rule-marked contexts, in batches as the pipeline feeds them."""
    ctxs = []
    for name in ("scrapinghub", "readability"):
        with gzip.open(bench / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                text, _ = join_broken_words(json.loads(line).get("naive_text") or "")
                if text.strip():
                    ctxs.append(mark_rules(text))
    return [ctxs[i:i + BATCH_DOCS] for i in range(0, len(ctxs), BATCH_DOCS)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    batches = bench_batches(args.bench)
    inputs = []  # per batch: the stretch features' inputs, as line_features_many builds them
    for batch in batches:
        _, X, rows = C.line_features_many(batch)
        column = {name: X[:, C.FEATURE_NAMES.index(name)].astype(np.float64) for name in C.FEATURE_NAMES}
        prose = (column["log_words"] >= np.log1p(10)) & (column["ends_sentence"] > 0)
        inputs.append((rows, prose, column["rule_removed"], column["echo_main"], column["in_main_run"]))

    def whole():
        for batch in batches:
            C.line_features_many(batch)

    def with_kinds():
        for rows, prose, removed, echo, in_main in inputs:
            rows.window_mean(removed, 3)
            rows.window_mean(removed, 10)
            C.story_gap_features(rows, prose, removed, echo, in_main, removed)

    def without_kinds():
        for rows, prose, removed, echo, in_main in inputs:
            C.story_gap_features(rows, prose, removed, echo, in_main)

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, run in (("line_features_many", whole), ("with kinds", with_kinds), ("without", without_kinds)):
            start = time.process_time()
            run()
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
    added = best["with kinds"] - best["without"]
    print(f"line_features_many {best['line_features_many']:.4f} s CPU; the kind columns' work {added:.4f} s "
          f"({100 * added / best['line_features_many']:.1f} % of the features step)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

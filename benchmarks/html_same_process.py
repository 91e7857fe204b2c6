#!/usr/bin/env python3
"""The HTML path of two code trees in ONE process, passes alternating: a speed ratio the
machine's load moves far less than separate processes' (both trees meet the same load,
pass by pass), and a check that both give the same rows.

    git archive main | tar -x -C /tmp/base && (cd /tmp/base && python setup.py build_ext --inplace)
    python benchmarks/html_same_process.py --baseline /tmp/base \\
        --pages /work/shared/bench/boilerplate/scrapinghub.jsonl.gz --repeat 8

Each tree's ``corpus_clean`` is imported once, under its own name in ``sys.modules``
(the two sets of modules are swapped in before each of its passes, so the lazy imports
inside functions find their own tree's modules). A pass is the pages (``html`` field of
a JSONL(.gz) file) through ``shards.clean_batch`` in batches of ``BATCH_DOCS``, as a
shard cleans them. After a warm-up pass each, the trees take turns batch by batch
(before, after, then after, before on the next batch, ...) for --repeat passes, and each
batch's ``time.process_time`` is kept: pages/s per core is the pages over the sum of each
batch's best (and median) time, so a burst of load on the machine spoils one batch's
sample, not a whole pass. Prints both trees' figures and their ratio, and whether every
row of the batches' tables (every column) is the same in both trees.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_tree(tree: Path) -> dict:
    """Import ``tree``'s corpus_clean (and the modules the HTML path uses); return its modules."""
    for name in [n for n in sys.modules if n == "corpus_clean" or n.startswith("corpus_clean.")]:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    try:
        import corpus_clean
        import corpus_clean.document
        import corpus_clean.shards
        import corpus_clean.steps
        import corpus_clean.html  # noqa: F401  (imported lazily by the pipeline otherwise)

        assert Path(corpus_clean.__file__).resolve().is_relative_to(tree.resolve()), corpus_clean.__file__
    finally:
        sys.path.remove(str(tree))
    return {n: m for n, m in sys.modules.items() if n == "corpus_clean" or n.startswith("corpus_clean.")}


def use(modules: dict) -> None:
    """Put one tree's modules in ``sys.modules`` (for the lazy imports inside its functions)."""
    for name in [n for n in sys.modules if n == "corpus_clean" or n.startswith("corpus_clean.")]:
        del sys.modules[name]
    sys.modules.update(modules)


def make_batches(modules: dict, records: list[dict]) -> list:
    """One function per batch of ``BATCH_DOCS`` pages: that batch through ``clean_batch``."""
    shards = modules["corpus_clean.shards"]
    document = modules["corpus_clean.document"]
    steps = modules["corpus_clean.steps"].resolve_steps(modules["corpus_clean.steps"].DEFAULT_STEPS)

    def batch(start: int):
        def clean():
            docs = [document.Document(id=str(r.get("id", k)), source="pages", raw_text="", raw_sha256="",
                                      html=r["html"], record_index=k)
                    for k, r in enumerate(records[start:start + shards.BATCH_DOCS], start)]
            return shards.clean_batch(docs, steps, "bench").rows
        return clean
    return [batch(start) for start in range(0, len(records), shards.BATCH_DOCS)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, required=True, help="the code tree to compare with")
    ap.add_argument("--pages", type=Path, required=True, help="JSONL(.gz) with an `html` field per page")
    ap.add_argument("--repeat", type=int, default=6, help="timed passes per tree")
    args = ap.parse_args()
    opener = gzip.open if args.pages.suffix == ".gz" else open
    with opener(args.pages, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    trees = {"before": load_tree(args.baseline.resolve()), "after": load_tree(ROOT)}
    batches = {name: make_batches(modules, records) for name, modules in trees.items()}
    tables = {}
    for name in trees:  # warm-up; its tables are the ones compared
        use(trees[name])
        tables[name] = [clean() for clean in batches[name]]
    # seconds[tree][batch]: one CPU time per repeat; the two trees alternate batch by batch
    seconds = {name: [[] for _ in batches[name]] for name in trees}
    order = ["before", "after"]
    for k in range(args.repeat):
        for b in range(len(batches["before"])):
            for name in (order if (k + b) % 2 == 0 else order[::-1]):
                use(trees[name])
                started = time.process_time()
                batches[name][b]()
                seconds[name][b].append(time.process_time() - started)
    same = len(tables["before"]) == len(tables["after"]) and all(
        a.equals(b) for a, b in zip(tables["before"], tables["after"]))
    n = len(records)
    print(f"{n} pages ({args.pages.name}); {args.repeat} passes per tree, alternating batch by batch in one process\n")
    print("| what | before | after | after ÷ before (speed) |")
    print("|---|---:|---:|---:|")
    for label, pick in (("sum of each batch's best", min), ("sum of each batch's median", statistics.median)):
        before = n / sum(pick(times) for times in seconds["before"])
        after = n / sum(pick(times) for times in seconds["after"])
        print(f"| HTML path (`clean_batch`), pages/s per core, {label} | {before:.0f} | {after:.0f} "
              f"| {after / before:.3f}× |")
    print(f"\nrows: {'identical (every column, every row)' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

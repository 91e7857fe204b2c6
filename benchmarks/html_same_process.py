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
shard cleans them; after a warm-up pass each, the passes alternate (before, after,
after, before, ...) and each one's ``time.process_time`` is kept. Prints pages/s per
core of both (best and median pass) and their ratio, and whether every row of the
batches' tables (every column) is the same in both trees.
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


def make_pass(modules: dict, records: list[dict]):
    shards = modules["corpus_clean.shards"]
    document = modules["corpus_clean.document"]
    steps = modules["corpus_clean.steps"].resolve_steps(modules["corpus_clean.steps"].DEFAULT_STEPS)

    def one_pass() -> list:
        docs = [document.Document(id=str(r.get("id", k)), source="pages", raw_text="", raw_sha256="",
                                  html=r["html"], record_index=k) for k, r in enumerate(records)]
        return [shards.clean_batch(docs[i:i + shards.BATCH_DOCS], steps, "bench").rows
                for i in range(0, len(docs), shards.BATCH_DOCS)]
    return one_pass


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
    passes = {name: make_pass(modules, records) for name, modules in trees.items()}
    tables = {}
    for name in trees:  # warm-up; its tables are the ones compared
        use(trees[name])
        tables[name] = passes[name]()
    seconds: dict[str, list[float]] = {name: [] for name in trees}
    order = ["before", "after"]
    for k in range(args.repeat):
        for name in (order if k % 2 == 0 else order[::-1]):
            use(trees[name])
            started = time.process_time()
            passes[name]()
            seconds[name].append(time.process_time() - started)
    same = len(tables["before"]) == len(tables["after"]) and all(
        a.equals(b) for a, b in zip(tables["before"], tables["after"]))
    n = len(records)
    print(f"{n} pages ({args.pages.name}); {args.repeat} passes per tree, alternating in one process\n")
    print("| what | before | after | after ÷ before (speed) |")
    print("|---|---:|---:|---:|")
    for label, pick in (("best pass", min), ("median pass", statistics.median)):
        before, after = n / pick(seconds["before"]), n / pick(seconds["after"])
        print(f"| HTML path (`clean_batch`), pages/s per core, {label} | {before:.0f} | {after:.0f} "
              f"| {after / before:.3f}× |")
    print(f"\nrows: {'identical (every column, every row)' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

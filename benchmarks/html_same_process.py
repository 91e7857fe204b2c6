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

That is the **warm** figure: every page has been seen before it is timed, so the regex
automata RE2 builds lazily (the marker gate, the rule packs' sets) already hold the states
those pages need. A real run sees each page once. ``--cold`` measures that instead: for
each pass a fresh child process per tree (the trees alternating, pass by pass) imports
its tree, warms up on the file's last ``COLD_WARMUP`` pages (imports, compiled patterns,
the packs), then times each of the other pages once; pages/s per core is the best (and
median) pass of each tree, and the rows' digests are compared. Each child then times
the same pages once more: the warm figure of the same processes, for the cold one's cost.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --cold: the pages a child sees before its timed pass (not timed, not counted).
COLD_WARMUP = 20


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


def read_pages(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cold_child(tree: Path, pages: Path) -> int:
    """One cold pass of `tree` (``--cold``'s child): warm up on the last ``COLD_WARMUP``
    pages, time the others once each; print {"seconds", "pages", "digest"} as JSON."""
    records = read_pages(pages)
    modules = load_tree(tree.resolve())
    use(modules)
    for clean in make_batches(modules, records[-COLD_WARMUP:]):
        clean()
    timed = make_batches(modules, records[:-COLD_WARMUP])
    digest = hashlib.blake2b(digest_size=16)
    seconds = 0.0
    for clean in timed:
        started = time.process_time()
        table = clean()
        seconds += time.process_time() - started
        digest.update(repr(table.to_pylist()).encode())
    started = time.process_time()  # (the same pages again: the warm figure of the same process)
    for clean in timed:
        clean()
    warm = time.process_time() - started
    print(json.dumps({"seconds": seconds, "warm": warm, "pages": len(records) - COLD_WARMUP,
                      "digest": digest.hexdigest()}))
    return 0


def cold_main(args) -> int:
    """``--cold``: each tree's passes in fresh child processes, alternating."""
    trees = {"before": args.baseline.resolve(), "after": ROOT}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    order = ["before", "after"]
    for k in range(args.repeat):
        for name in (order if k % 2 == 0 else order[::-1]):
            out = subprocess.run([sys.executable, __file__, "--cold-child", str(trees[name]), "--pages", str(args.pages)],
                                 check=True, capture_output=True, text=True).stdout
            runs[name].append(json.loads(out.strip().splitlines()[-1]))
    n = runs["before"][0]["pages"]
    same = len({run["digest"] for name in trees for run in runs[name]}) == 1
    print(f"{n} pages ({args.pages.name}), COLD: each page seen once, in a fresh process per tree and pass "
          f"(after {COLD_WARMUP} other pages); {args.repeat} passes per tree, alternating\n")
    print("| what | before | after | after ÷ before (speed) |")
    print("|---|---:|---:|---:|")
    for label, pick in (("best pass", min), ("median pass", statistics.median)):
        before = n / pick(run["seconds"] for run in runs["before"])
        after = n / pick(run["seconds"] for run in runs["after"])
        print(f"| HTML path (`clean_batch`), cold, pages/s per core, {label} | {before:.0f} | {after:.0f} "
              f"| {after / before:.3f}× |")
    for label, pick in (("best pass", min), ("median pass", statistics.median)):
        before = n / pick(run["warm"] for run in runs["before"])
        after = n / pick(run["warm"] for run in runs["after"])
        print(f"| (the same pages again in the same child: warm), {label} | {before:.0f} | {after:.0f} "
              f"| {after / before:.3f}× |")
    print(f"\nrows: {'identical (every column, every row)' if same else 'DIFFERENT'}")
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="the code tree to compare with")
    ap.add_argument("--pages", type=Path, required=True, help="JSONL(.gz) with an `html` field per page")
    ap.add_argument("--repeat", type=int, default=6, help="timed passes per tree")
    ap.add_argument("--cold", action="store_true", help="each page seen once, in fresh processes (see above)")
    ap.add_argument("--cold-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cold_child:
        return cold_child(args.cold_child, args.pages)
    if args.baseline is None:
        ap.error("--baseline is required")
    if args.cold:
        return cold_main(args)
    records = read_pages(args.pages)
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
    print(f"{n} pages ({args.pages.name}), WARM: every page seen before it is timed; {args.repeat} passes per tree, "
          "alternating batch by batch in one process\n")
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

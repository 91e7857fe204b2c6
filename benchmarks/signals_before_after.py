#!/usr/bin/env python3
"""The quality signals alone, before and after a change: CPU time of ``compute_signals``
over a generated corpus's clean texts, and the same values.

    git archive <base-commit> | tar -x -C /tmp/base && (cd /tmp/base && python setup.py build_ext --inplace)
    python benchmarks/signals_before_after.py --baseline /tmp/base --mb 5 --repeat 3

The corpus (benchmarks/corpus_gen.py) is cleaned once by this tree's steps before the
signals (mojibake, boilerplate, metadata), in the pipeline's batches; the clean texts,
languages and language scores are pickled. Then child processes, one tree each and the
trees alternating for --repeat rounds, time ``compute_signals`` over every batch (best of
3 passes after one warm-up pass, ``time.process_time``) and hash what it returned. The
best CPU time of each tree and whether the hashes agree are printed; --twins adds this
tree with ``CORPUS_CLEAN_NATIVE=0`` (the pure-Python twins). Exit status 1 when the
values differ.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSES = 3


def prepare(corpus_dir: Path, out: Path) -> int:
    """Clean the corpus up to the signals, in batches; pickle (texts, langs, scores) per batch."""
    sys.path.insert(0, str(ROOT))
    from corpus_clean.pipeline import clean_documents
    from corpus_clean.readers import jsonl_record
    from corpus_clean.shards import BATCH_DOCS

    docs = []
    for path in sorted(corpus_dir.glob("*.jsonl")):
        with path.open("rb") as lines:
            docs += [jsonl_record(str(path), k, line) for k, line in enumerate(lines) if line.strip()]
    batches = []
    for start in range(0, len(docs), BATCH_DOCS):
        batch = docs[start:start + BATCH_DOCS]
        clean_documents(batch, ("mojibake", "boilerplate", "metadata"))
        batches.append(([doc.text for doc in batch], [doc.lang for doc in batch], [doc.lang_score for doc in batch]))
    out.write_bytes(pickle.dumps(batches))
    return len(docs)


def child(tree: Path, batches_file: Path) -> None:
    """Runs in a child: best CPU seconds of compute_signals over the batches, and a hash of its values."""
    sys.path.insert(0, str(tree))
    from corpus_clean.signals import compute_signals

    batches = pickle.loads(batches_file.read_bytes())
    best = float("inf")
    for attempt in range(PASSES + 1):
        started = time.process_time()
        structs = [compute_signals(texts, langs, scores) for texts, langs, scores in batches]
        if attempt:  # the first pass warms caches and tables
            best = min(best, time.process_time() - started)
    digest = hashlib.sha256()
    for struct in structs:
        digest.update(repr(struct.to_pylist()).encode())
    print(best, digest.hexdigest())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with (compiled in place)")
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--twins", action="store_true", help="also this tree on the pure-Python twins")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batches", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batches)
        return 0
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus_gen.py"), str(work / "corpus"),
                        "--mb", str(args.mb)], check=True, stdout=subprocess.DEVNULL)
        n_docs = prepare(work / "corpus", work / "batches.pickle")
        runs = {"after": (ROOT, {})}
        if args.baseline:
            runs = {"before": (args.baseline.resolve(), {})} | runs
        if args.twins:
            runs["twins"] = (ROOT, {"CORPUS_CLEAN_NATIVE": "0"})
        results: dict[str, list[tuple[float, str]]] = {name: [] for name in runs}
        for _ in range(args.repeat):
            for name, (tree, env) in runs.items():
                out = subprocess.run([sys.executable, __file__, "--child", str(tree), "--batches",
                                      str(work / "batches.pickle")], capture_output=True, text=True, check=True,
                                     env=os.environ | env)
                seconds, digest = out.stdout.split()
                results[name].append((float(seconds), digest))
    print(f"compute_signals over {n_docs} documents ({args.mb} MB generated), CPU s, best of {PASSES} passes "
          f"per child, {args.repeat} rounds (load average {os.getloadavg()[0]:.1f})")
    digests = {digest for runs_of_tree in results.values() for _, digest in runs_of_tree}
    for name, runs_of_tree in results.items():
        best = min(seconds for seconds, _ in runs_of_tree)
        print(f"  {name:7s} {best:.4f} s  {args.mb / best:7.1f} MB/s")
    if "before" in results:
        before = min(s for s, _ in results["before"])
        after = min(s for s, _ in results["after"])
        print(f"  after ÷ before (speed): {before / after:.2f}×")
    print("same values" if len(digests) == 1 else f"VALUES DIFFER: {len(digests)} different hashes")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())

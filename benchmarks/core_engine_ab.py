#!/usr/bin/env python3
"""The boilerplate engine alone, two code trees, children alternating: CPU seconds of
``strip_boilerplate_many`` over a corpus's texts in the pipeline's batches (``shards.BATCH_DOCS``),
the line-verdict cache emptied before each timed pass (cold, as a fresh corpus meets it), and
whether both trees give the same output (a hash of every clean text and removal).

    python benchmarks/core_engine_ab.py CORPUS_DIR TREE_BEFORE TREE_AFTER [--rounds 3]

CORPUS_DIR: JSONL files with a `text` field (``corpus_gen.py``'s output). Each child imports
`corpus_clean` from its tree, runs one warm-up pass, then two timed passes (the best kept);
the rounds alternate which tree goes first. At a shared machine's load the engine is ~60 % of
a core pass, so this reads a change to it ~1.7x more sharply than ``core_before_after.py``.
"""
from __future__ import annotations

import argparse
import subprocess
import sys

CHILD = r'''
import glob, hashlib, json, sys, time
tree, corpus = sys.argv[1], sys.argv[2]
sys.path.insert(0, tree)
from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.shards import BATCH_DOCS
texts = [json.loads(line)["text"] for path in sorted(glob.glob(corpus + "/*.jsonl")) for line in open(path)]
def one_pass():
    out = []
    for k in range(0, len(texts), BATCH_DOCS):
        out.extend(strip_boilerplate_many(texts[k:k + BATCH_DOCS]))
    return out
out = one_pass()
best = float("inf")
for _ in range(2):
    load_rules().line_cache.clear()
    start = time.process_time()
    one_pass()
    best = min(best, time.process_time() - start)
digest = hashlib.sha256(json.dumps([(t, [(r.start, r.end, r.rule) for r in rm]) for t, rm in out]).encode()).hexdigest()
print(json.dumps({"cpu": best, "output": digest[:16]}))
'''


def child(tree: str, corpus: str) -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", CHILD, tree, corpus], capture_output=True, text=True,
                          env={"PYTHONPATH": tree}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {args.before: [], args.after: []}
    for r in range(args.rounds):
        for tree in (args.before, args.after) if r % 2 == 0 else (args.after, args.before):
            runs[tree].append(child(tree, args.corpus))
            print(f"round {r + 1} {'before' if tree == args.before else 'after'}: {runs[tree][-1]['cpu']:.3f} s", flush=True)
    before = min(run["cpu"] for run in runs[args.before])
    after = min(run["cpu"] for run in runs[args.after])
    same = {run["output"] for run in runs[args.before]} == {run["output"] for run in runs[args.after]}
    print(f"\nengine, cold, CPU s (best of {args.rounds}): before {before:.3f}, after {after:.3f}, "
          f"speed {before / after:.2f}x; output {'identical' if same else 'DIFFERS'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

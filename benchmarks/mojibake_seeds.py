#!/usr/bin/env python3
"""Mojibake repair on fresh copies of the bench, regenerated with other seeds.

    python benchmarks/mojibake_seeds.py /work/shared/bench/mojibake/make_bench.py \
        --lingua LINGUA_PY_GIT_DIR --ftfy PYTHON_FTFY_GIT_DIR \
        --dev-seeds 11 12 15 16 17 18 20 21 22 --heldout-seeds 5 7 8 9 99 2027 [--baseline DIR]

The bench's own generator (`make_bench.py`, stdlib only) writes a copy per seed: `dev`
copies from the even lines of lingua-py's sentences (the shared bench's sources), `heldout`
copies from the odd lines, which the shared bench never shows. A held-out copy made this
way is what the bench's README says the private copy is: "made the same way from disjoint
source sentences with another seed". Tune on dev seeds, report held-out ones.

Prints, per corruption kind, exact % over all copies of each split and the lowest copy,
and how many clean documents and hard negatives changed. With ``--baseline DIR`` (an
older checkout, e.g. ``git archive <commit> | tar -x -C DIR``) the same copies are also
repaired by that code in a subprocess, for a before/after in one run.

lingua-py and python-ftfy are not shipped here: pass their checkouts or bare git dirs.
Some seeds make make_bench.py fail on a sentence it cannot encode; they are reported and
skipped.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Run in a child with the code under test first on sys.path: prints one JSON line per
# record, {"kind", "ok"} (ok: repaired text equals the clean side).
_SCORER = """
import gzip, json, sys
sys.path.insert(0, sys.argv[1])
from corpus_clean.mojibake import repair
for line in gzip.open(sys.argv[2], "rt", encoding="utf-8"):
    r = json.loads(line)
    print(json.dumps({"kind": r["kind"], "ok": repair(r["garbled"])[0] == r["clean"]}))
"""


def make_copy(make_bench: str, split: str, seed: int, lingua: str, ftfy: str, folder: str) -> str | None:
    out = os.path.join(folder, f"{split}-{seed}.jsonl.gz")
    done = subprocess.run(
        [sys.executable, make_bench, "--split", split, "--seed", str(seed), "--lingua", lingua, "--ftfy", ftfy,
         "--out", out], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"(seed {seed}, {split}: make_bench.py failed: {done.stderr.strip().splitlines()[-1]})")
        return None
    return out


def score(code_root: str, copy: str) -> Counter:
    """(kind, ok) counts for one copy, repaired by the code under ``code_root``."""
    done = subprocess.run([sys.executable, "-c", _SCORER, code_root, copy], capture_output=True, text=True, check=True)
    counts: Counter = Counter()
    for line in done.stdout.splitlines():
        row = json.loads(line)
        counts[(row["kind"], row["ok"])] += 1
    return counts


def table(split: str, per_copy: dict[str, list[Counter]]) -> str:
    versions = list(per_copy)
    kinds = sorted({kind for counts in per_copy[versions[0]] for kind, _ in counts})
    header = "| kind | n | " + " | ".join(f"{v} all % | {v} lowest copy %" for v in versions) + " |"
    lines = [f"#### {split} copies ({len(per_copy[versions[0]])})", "", header,
             "|---|---:|" + "---:|---:|" * len(versions)]
    for kind in kinds:
        cells, n = [], 0
        for version in versions:
            copies = per_copy[version]
            ok = sum(c[(kind, True)] for c in copies)
            n = ok + sum(c[(kind, False)] for c in copies)
            lowest = min(100 * c[(kind, True)] / max(1, c[(kind, True)] + c[(kind, False)]) for c in copies)
            if kind in ("clean", "hard-negative"):
                cells += [f"{n - ok} changed", ""]
            else:
                cells += [f"{100 * ok / max(1, n):.2f}", f"{lowest:.1f}"]
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("make_bench", help="the bench's make_bench.py")
    parser.add_argument("--lingua", required=True)
    parser.add_argument("--ftfy", required=True)
    parser.add_argument("--dev-seeds", type=int, nargs="*", default=[11, 12, 15, 16, 17, 18, 20, 21, 22])
    parser.add_argument("--heldout-seeds", type=int, nargs="*", default=[5, 7, 8, 9, 99, 2027])
    parser.add_argument("--baseline", help="another checkout's root, scored on the same copies")
    args = parser.parse_args()
    versions = {"now": ROOT}
    if args.baseline:
        versions = {"baseline": args.baseline, "now": ROOT}
    with tempfile.TemporaryDirectory() as folder:
        for split, seeds in (("dev", args.dev_seeds), ("heldout", args.heldout_seeds)):
            copies = [c for seed in seeds if (c := make_copy(args.make_bench, split, seed, args.lingua, args.ftfy, folder))]
            if not copies:
                continue
            per_copy: dict[str, list[Counter]] = defaultdict(list)
            for name, root in versions.items():
                for copy in copies:
                    per_copy[name].append(score(root, copy))
            print(table(split, per_copy))
            print()


if __name__ == "__main__":
    main()

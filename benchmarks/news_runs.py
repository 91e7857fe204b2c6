"""Runs of short lines in a story and menus where a story's list could be: how the text path
reads each case of ``training.menu_or_list_gen`` (round 21).

    python benchmarks/news_runs.py              # 40 pages a case, seed 0
    python benchmarks/news_runs.py -n 80 --seed 3

Per case: the pages, the story's article lines kept %, the noise lines removed %, and the
rules that cut article lines (how many lines each). Story cases should keep every article
line; menu cases should remove every ``nav`` line. The words are invented (no rule keys on
them), so the table reads what position and shape decide.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_clean.boilerplate import strip_boilerplate_many  # noqa: E402
from news_losses import rule_of_each_line  # noqa: E402
from training.menu_or_list_gen import generate, run_cases  # noqa: E402


def table(n: int, seed: int) -> list[str]:
    """The rows of the table (markdown), one a case."""
    cases = run_cases()
    docs = generate(n * len(cases), seed=seed)
    outputs = strip_boilerplate_many([d.text for d in docs])
    stats = {c: [0, 0, 0, 0, collections.Counter()] for c in cases}  # article, kept, noise, removed, rules
    for d, (_, removals) in zip(docs, outputs):
        s = stats[d.meta["case"]]
        for label, rule in zip(d.labels, rule_of_each_line(d, removals)):
            if label == "article":
                s[0] += 1
                s[1] += rule is None
                if rule is not None:
                    s[4][rule] += 1
            elif label is not None:
                s[2] += 1
                s[3] += rule is not None
    rows = ["| case | article kept % | noise removed % | article lines cut by |", "|---|---:|---:|---|"]
    for c in cases:
        a, k, nz, r, rules = stats[c]
        cut = ", ".join(f"{rule} {m}" for rule, m in rules.most_common(4))
        rows.append(f"| {c} | {100 * k / max(a, 1):.1f} | {100 * r / max(nz, 1):.1f} | {cut} |")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=40, help="pages a case")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print("\n".join(table(args.n, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

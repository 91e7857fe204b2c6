#!/usr/bin/env python3
"""News-noise benchmark: generated news documents, scored line by line, by family group.

    python benchmarks/news_noise.py [--n 600] [--seed 7] [--misses 20] [--labelled data/labelled]

Documents come from ``training/newsgen.py`` (outlet families in two groups, A and B,
that write the same kinds of noise in different words). The classifier shipped in
``corpus_clean/boilerplate/classifier.json`` records which group it was fit on
(``fit.newsgen_groups``); the table marks the groups it saw as in-sample. Rows:

* ours (text path, rules + classifier) and rules only, per group;
* C4-style line rules (keep lines that end in terminal punctuation and have 3+ words);
* the same on our 30 hand-labelled pages (``data/labelled``), which no rule or model
  was fit on;
* per noise kind, the share of its lines removed (ours).

Metrics: noise lines removed %, article lines kept %, documents exactly right (every
noise line gone, every article line kept). A line counts as removed when all of its
visible text is inside the removed spans.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_clean.boilerplate import strip_boilerplate_many  # noqa: E402
from corpus_clean.boilerplate.classifier import MODEL_PATH  # noqa: E402
from training.labelled import load_pages  # noqa: E402
from training.newsgen import LineScore, family_names, generate, removed_lines  # noqa: E402

TERMINAL = (".", "!", "?", '"', "”", "’", "»", "…")


def c4_removed(doc) -> list[bool]:
    """C4's line rules: a line stays if it ends in terminal punctuation and has 3+ words."""
    return [bool(line.strip()) and not (line.strip().endswith(TERMINAL) and len(line.split()) >= 3)
            for line in doc.lines]


def score(docs, use_classifier: bool = True) -> LineScore:
    result = LineScore()
    outputs = strip_boilerplate_many([d.text for d in docs], use_classifier=use_classifier)
    for d, (_, removals) in zip(docs, outputs):
        result.add(d, removed_lines(d, [(r.start, r.end) for r in removals]))
    return result


def score_c4(docs) -> LineScore:
    result = LineScore()
    for d in docs:
        result.add(d, c4_removed(d))
    return result


def row(name: str, s: LineScore) -> str:
    return (f"| {name} | {s.docs} | {s.noise} | {s.noise_removed_pct:.1f} | {s.article_kept_pct:.2f} | "
            f"{s.docs_exact} ({100.0 * s.docs_exact / max(s.docs, 1):.0f}%) |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600, help="documents per group")
    ap.add_argument("--seed", type=int, default=7, help="generator seed (fit uses other seeds)")
    ap.add_argument("--misses", type=int, default=0, help="print this many missed lines per group")
    ap.add_argument("--model", default=str(MODEL_PATH))
    ap.add_argument("--other-stories", type=float, default=0.0,
                    help="share of documents with a list of other stories (training.newsgen; the refit trains on "
                    "such lists in group A's families, so group B's are held-out families, not a held-out generator)")
    args = ap.parse_args(argv)
    fit_groups = set(json.loads(Path(args.model).read_text()).get("fit", {}).get("newsgen_groups", []))
    print(f"generator seed {args.seed}, {args.n} documents per group"
          f"{f', {args.other_stories:.0%} with a list of other stories' if args.other_stories else ''}; "
          f"classifier fit on newsgen groups {sorted(fit_groups) or 'none'}\n")
    print("| system | group | docs | noise lines | noise removed % | article kept % | docs exactly right |")
    print("|---|---|---:|---:|---:|---:|---:|")
    kinds = {}
    for group in ("A", "B"):
        docs = generate(args.n, families=family_names(group), seed=args.seed + ord(group), other_stories=args.other_stories)
        tag = " (in-sample)" if group in fit_groups else " (held out)"
        ours = score(docs)
        kinds[group] = ours
        print(row(f"ours, rules + classifier | {group}{tag}", ours))
        print(row(f"ours, rules only | {group}", score(docs, use_classifier=False)))
        print(row(f"C4-style line rules | {group}", score_c4(docs)))
    pages = load_pages()
    print(row("ours, rules + classifier | own hand-labelled pages (30, 7 languages; never fit on)", score(pages)))
    print(row("ours, rules only | own hand-labelled pages", score(pages, use_classifier=False)))
    print(row("C4-style line rules | own hand-labelled pages", score_c4(pages)))
    print("\nPer noise kind, ours (share of its lines removed, %):\n")
    all_kinds = sorted(set(kinds["A"].by_kind) | set(kinds["B"].by_kind))
    print("| kind | A lines | A removed % | B lines | B removed % |")
    print("|---|---:|---:|---:|---:|")
    for k in all_kinds:
        a = kinds["A"].by_kind.get(k, [0, 0])
        b = kinds["B"].by_kind.get(k, [0, 0])
        print(f"| {k} | {a[0]} | {100.0 * a[1] / max(a[0], 1):.1f} | {b[0]} | {100.0 * b[1] / max(b[0], 1):.1f} |")
    if args.misses:
        for group in ("A", "B"):
            print(f"\nMisses, group {group}:")
            seen = set()
            for fam, label, line in kinds[group].misses:
                if (label, line[:40]) in seen:
                    continue
                seen.add((label, line[:40]))
                print(f"  {fam:16s} {label:12s} {line[:120]}")
                if len(seen) >= args.misses:
                    break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

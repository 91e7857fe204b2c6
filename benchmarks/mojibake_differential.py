#!/usr/bin/env python3
"""Differential run: our mojibake repair against ftfy (corpus config) on a large mixed corpus.

    python benchmarks/mojibake_differential.py [--docs 3000] [--seed 99] [--examples 3] [--other-codecs]

The corpus (tests/mojibake_corpus.py, no ../shared needed): clean documents of one to three
sentences written for this project in 46 languages, in capitals now and then, with NBSP
now and then, plus pseudo-words from four alphabets; our hard negatives; and every
document garbled in each of the ways the mojibake bench's kinds garble text. For each case
ours and ftfy's outputs are compared; every disagreement is classified
(tests.mojibake_corpus.classify_disagreement) as one of our named repair kinds (ours right,
ftfy wrong, or clean text ftfy would change) or as a bug. Prints markdown tables and a few
examples of each bug kind. The small version runs in tests/test_mojibake_differential.py.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter, defaultdict

import ftfy

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG, repair  # noqa: E402
from tests.mojibake_corpus import (  # noqa: E402
    BUG_KINDS,
    GARBLINGS,
    HARD_NEGATIVES,
    NAMED_KINDS,
    OTHER_CODEC_GARBLINGS,
    classify_disagreement,
    clean_documents,
    garble,
)


def cases(n_docs: int, seed: int, garblings: dict):
    """(corpus kind, garbled, clean) for every clean document, hard negative and garbling."""
    docs = clean_documents(random.Random(seed), n_docs)
    for doc in docs:
        yield "clean", doc, doc
    for text in HARD_NEGATIVES:
        yield "hard negative", text, text
    for doc in docs:
        for name in garblings:
            garbled, clean = garble(name, doc)
            if garbled != clean:
                yield name, garbled, clean


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=99)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--other-codecs", action="store_true",
                        help="also garble every document through the other code pages ftfy knows "
                             "(cp1250, ISO-8859-2, cp1253, cp1254, cp1257, cp437)")
    args = parser.parse_args(argv)
    garblings = {**GARBLINGS, **(OTHER_CODEC_GARBLINGS if args.other_codecs else {})}

    counts: dict[str, Counter] = defaultdict(Counter)
    correct: dict[str, Counter] = defaultdict(Counter)
    examples = defaultdict(list)
    start = time.process_time()
    for kind, garbled, clean in cases(args.docs, args.seed, garblings):
        ours, fixes = repair(garbled)
        theirs = ftfy.fix_text(garbled, config=DATATROVE_FTFY_CONFIG)
        verdict = classify_disagreement(garbled, clean, ours, theirs, fixes) or "agree"
        counts[kind][verdict] += 1
        correct[kind]["ours"] += ours == clean
        correct[kind]["ftfy"] += theirs == clean
        if verdict in BUG_KINDS and len(examples[verdict]) < args.examples:
            examples[verdict].append((kind, garbled, ours, theirs, clean))
    seconds = time.process_time() - start

    columns = ["agree", *NAMED_KINDS, *BUG_KINDS]
    total = sum(sum(c.values()) for c in counts.values())
    print(f"{total:,} cases from {args.docs:,} clean documents (seed {args.seed}); "
          f"ftfy {ftfy.__version__}; {seconds:.0f} s CPU\n")
    print("### Disagreements with ftfy (corpus config), by corpus kind\n")
    print("| kind | n | ours exact % | ftfy exact % | " + " | ".join(columns) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(columns))
    totals: Counter = Counter()
    for kind in ["clean", "hard negative", *garblings]:
        row = counts.get(kind)
        if not row:
            continue
        n = sum(row.values())
        totals.update(row)
        cells = [str(row.get(column, 0)) for column in columns]
        print(f"| {kind} | {n} | {100 * correct[kind]['ours'] / n:.1f} | {100 * correct[kind]['ftfy'] / n:.1f} | "
              + " | ".join(cells) + " |")
    print(f"| **all** | {total} | | | " + " | ".join(f"**{totals.get(c, 0)}**" for c in columns) + " |")
    print("\nNamed kinds (each has a test in tests/test_mojibake_differential.py):\n")
    for name, description in NAMED_KINDS.items():
        print(f"- `{name}`: {description}")
    for verdict, cases_ in examples.items():
        print(f"\n#### {verdict}\n")
        for kind, garbled, ours, theirs, clean in cases_:
            print(f"- {kind}: garbled {garbled[:120]!r}\n  ours {ours[:120]!r}\n  ftfy {theirs[:120]!r}\n  clean {clean[:120]!r}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""µs per document of the per-document extras, on benchmarks/corpus_gen.py documents.

    python benchmarks/doc_extras.py --docs 1000                  # this checkout
    python benchmarks/doc_extras.py --docs 1000 --root OTHER     # another checkout's corpus_clean

Components: mojibake repair (`mojibake.repair` on the raw text), dateline parsing
(`extract.parse_published` on each document's labelled dateline), language id
(`extract.language_score` on the clean text) and the signals (`signals.compute_signals`
on batches of `BATCH_DOCS` clean texts, language and score given, as the pipeline's
signals step calls it). CPU time, best of --repeat; compare checkouts by running this
script for each, alternately, on the same machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def corpus_tree_args(doc: str, repeat: int, corpus_help: str) -> argparse.Namespace:
    """The arguments of a script that times one code tree on a corpus folder (corpus,
    --tree, --repeat), the tree put first on ``sys.path``: its ``corpus_clean`` is the
    one the script then imports."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help=corpus_help)
    parser.add_argument("--tree", type=Path, default=HERE.parent)
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    return args


def best_cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=HERE.parent, help="checkout whose corpus_clean to time")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(args.root))

    from corpus_gen import document

    from corpus_clean import extract, signals
    from corpus_clean.document import Document
    from corpus_clean.mojibake import repair
    from corpus_clean.shards import BATCH_DOCS
    from corpus_clean.steps.builtin import RepairMojibake, StripBoilerplate

    raw = [document(7, k) for k in range(args.docs)]
    docs = [Document(id=r["id"], source="bench", raw_text=r["text"], raw_sha256="") for r in raw]
    docs = StripBoilerplate().run(RepairMojibake().run(docs))
    texts = [doc.text for doc in docs]
    datelines = [extract.first_removed(doc.removed, (".dateline",)) for doc in docs]
    found = [extract.language_score(text) for text in texts]  # also loads the model

    def run_signals():
        for start in range(0, len(texts), BATCH_DOCS):
            chunk = slice(start, start + BATCH_DOCS)
            signals.compute_signals(texts[chunk], [lang for lang, _ in found[chunk]],
                                    [score for _, score in found[chunk]])

    components = {
        "mojibake repair": lambda: [repair(r["text"]) for r in raw],
        "dateline parsing": lambda: [extract.parse_published(line) for line in datelines],
        "language id": lambda: [extract.language_score(text) for text in texts],
        "signals": run_signals,
    }
    print(f"| component ({args.docs} documents, {args.root.name}) | µs per document |")
    print("|---|---:|")
    total = 0.0
    for name, fn in components.items():
        micros = best_cpu(fn, args.repeat) / args.docs * 1e6
        total += micros
        print(f"| {name} | {micros:.1f} |")
    print(f"| all four | {total:.1f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Which non-article lines the text path keeps on a bench, by where they stand against
the story's main run of prose and by their shape (issue 11, round 15).

    python benchmarks/kept_noise.py ../shared/bench/boilerplate/scrapinghub.jsonl.gz [--model M.json] [--show 25]
    python benchmarks/kept_noise.py ../shared/bench/boilerplate/readability.jsonl.gz --dev-half

A kept line is *noise* when under half of its words align with the gold body (the
training labels, ``training.fit.line_labels``). Prints the kept noise words by position
(above the main run, in it, below it: ``in_main_run`` / ``main_run_above``) and shape
(prose: 10+ words ending a sentence; a short sentence; a line of 4 words or fewer ending
none; any other line ending no sentence), then sample lines of the biggest groups.
``--dev-half``: readability's tuning half only (``extraction.is_dev_half``; its fixtures
left out), so the held-out half stays unread. ``--real-pages``: readability's real pages
(its test fixtures left out: the pages ``training.lodo`` scores). ``--by-block`` (round 21)
adds the kept words by the kept block they sit in (blocks of kept lines with more than
``blocks.APART_MIN_LINES`` lines between them; the one with the most words is the main
block), and ``--worst N`` the N pages keeping the most noise words (studied sets only). With the shipped model the bench pages are
in its training set: the shares are in-sample.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_clean.boilerplate.blocks import APART_MIN_LINES  # noqa: E402
from corpus_clean.boilerplate.classifier import FEATURE_NAMES, MODEL_PATH, StackedModel, classifier_applies, lines_to_cut  # noqa: E402
from training.fit import load_docs  # noqa: E402
from training.lodo import readability_fixture_ids  # noqa: E402

COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def position(x: np.ndarray) -> str:
    """Where a line stands against its page's main run of prose."""
    if x[COLUMN["in_main_run"]] > 0:
        return "in main run"
    return "above main run" if x[COLUMN["main_run_above"]] > 0 else "below main run"


def shape(x: np.ndarray) -> str:
    """A coarse shape: prose, a short sentence, a short line, another line ending no sentence."""
    words = float(np.expm1(x[COLUMN["log_words"]]))
    ends = x[COLUMN["ends_sentence"]] > 0
    if ends:
        return "prose" if words >= 10 else "short sentence"
    return "short line" if words <= 4 else "no sentence end"


def kept_blocks(rows: np.ndarray, words: np.ndarray) -> list[str]:
    """Per kept line (`rows`: its row among the page's lines, ascending; `words`: its
    words), the kept block it sits in: "main block" (the one with the most words), "block
    above" or "block below" it. Blocks are split where APART_MIN_LINES+ rows lie
    between two kept lines, as ``blocks.cut_unrelated_blocks_below`` splits them.

    >>> kept_blocks(np.array([0, 1, 9, 10, 11]), np.array([3., 3, 20, 20, 5]))
    ['block above', 'block above', 'main block', 'main block', 'main block']
    """
    if len(rows) == 0:
        return []
    block = np.r_[0, np.cumsum(np.diff(rows) > APART_MIN_LINES)]
    main = int(np.argmax(np.bincount(block, weights=words)))
    return ["main block" if b == main else "block above" if b < main else "block below" for b in block.tolist()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench")
    ap.add_argument("--model", default=str(MODEL_PATH))
    ap.add_argument("--dev-half", action="store_true", help="readability: the tuning half only, fixtures left out")
    ap.add_argument("--real-pages", action="store_true", help="readability: its test fixtures left out")
    ap.add_argument("--show", type=int, default=25, help="sample lines per group")
    ap.add_argument("--by-block", action="store_true", help="kept words by kept block: main, above, below")
    ap.add_argument("--worst", type=int, default=0, help="list the pages keeping the most noise words")
    args = ap.parse_args(argv)
    model = StackedModel(json.loads(Path(args.model).read_text(encoding="utf-8")))
    docs = load_docs(args.bench)
    if args.dev_half:
        from extraction import is_dev_half

        fixtures = readability_fixture_ids(Path(args.bench))
        docs = [d for d in docs if d.id not in fixtures and is_dev_half({"id": d.id})]
    if args.real_pages:
        fixtures = readability_fixture_ids(Path(args.bench))
        docs = [d for d in docs if d.id not in fixtures]
    noise_words, kept_words, samples = Counter(), Counter(), defaultdict(list)
    block_noise, block_kept, page_noise = Counter(), Counter(), Counter()
    for d in docs:
        scored = d.view or d.ctx
        p = model.predict_proba(d.X)
        cut = set(lines_to_cut(scored, d.idx, p, model.threshold, model.island_penalty).tolist()) \
            if classifier_applies(d.ctx) else set()
        kept = [(r, k) for r, k in enumerate(d.idx.tolist()) if k not in cut and not scored.marks.rule[k]]
        where = kept_blocks(np.array([r for r, _ in kept], dtype=np.int64),
                            np.array([len(scored.lines.content[k].split()) for _, k in kept], dtype=np.float64))
        for (r, k), block in zip(kept, where):
            text = scored.lines.content[k]
            group = (position(d.X[r]), shape(d.X[r]))
            kept_words[group] += len(text.split())
            block_kept[block] += len(text.split())
            if d.y[r] == 1 and d.w[r] > 0:
                noise_words[group] += len(text.split())
                block_noise[block] += len(text.split())
                page_noise[d.id] += len(text.split())
                samples[group].append(text[:110])
    total = max(sum(noise_words.values()), 1)
    print(f"{len(docs)} pages; kept noise words {total} of {sum(kept_words.values())} kept words\n")
    print("| position | shape | kept noise words | share of kept noise | kept words |")
    print("|---|---|---:|---:|---:|")
    for (where, what), n in noise_words.most_common():
        print(f"| {where} | {what} | {n} | {100 * n / total:.1f} % | {kept_words[(where, what)]} |")
    if args.by_block:
        print("\n| kept block | kept noise words | share of kept noise | kept words |\n|---|---:|---:|---:|")
        for block in ("main block", "block above", "block below"):
            print(f"| {block} | {block_noise[block]} | {100 * block_noise[block] / total:.1f} % | {block_kept[block]} |")
    if args.worst:
        print("\n| page | kept noise words |\n|---|---:|")
        for page, n in page_noise.most_common(args.worst):
            print(f"| {page[:40]} | {n} |")
    rng = random.Random(1)
    for group, _ in noise_words.most_common(6):
        print(f"\n{group[0]}, {group[1]}:")
        lines = samples[group]
        for text in rng.sample(lines, min(args.show, len(lines))):
            print("  ", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

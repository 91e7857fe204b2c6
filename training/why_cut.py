"""Which features push a model to cut article lines of studied news pages.

    python -m training.why_cut NEW.json [--against OLD.json] [--files round11_dev.txt,...] [--show 20]

For every article line of the studied files (``training.labelled.STUDIED``; a held-out file
is refused) that the engine with NEW cuts and with OLD (default: the shipped model) keeps,
each feature's push: NEW's log-odds for the line minus its log-odds with that one feature set
to its median over all article lines of the files (positive: the feature's value pushes the
line out). Prints the features by mean push over those lines, and the lines themselves by
shape (short label, time or number start, question, sentence). A study tool for the studied
files only: the held-out files are read as totals by ``training.news_check``.

Why ablation to the article median rather than a tree-path attribution: the question is
"what about this line makes it look like noise", and "the same line with a typical article
line's value of feature j" answers it directly; the pushes do not sum to the margin.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, MODEL_PATH, StackedModel
from corpus_clean.boilerplate.engine import strip_many
from training.fit import featurize
from training.labelled import STUDIED, studied_pages
from training.newsgen import removed_lines


def margins(model: StackedModel, X: np.ndarray) -> np.ndarray:
    """Stage-1 log-odds of boilerplate per row."""
    p = np.clip(model.predict_proba(X), 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def cut_lines(pages, model: StackedModel) -> list[list[bool]]:
    """Per page, per line: whether the engine with `model` removes it."""
    out = strip_many([p.text for p in pages], model=model)
    return [removed_lines(p, [(r.start, r.end) for r in removals]) for p, (_, removals) in zip(pages, out)]


def line_shape(text: str) -> str:
    """A coarse shape of a line, to group the lines a model loses.

    >>> [line_shape(t) for t in ("19:30 Kick-off", "What happened?", "Photo: the bridge at dawn.", "Goals", "He said it was over.")]
    ['item start', 'question', 'label: sentence', 'short label', 'short sentence']
    """
    import re

    words = text.split()
    if re.match(r"\s*(\d{1,2}[:.h]\d{2}|\d+[.)]|[-•*–])\s", text + " "):
        return "item start"
    if text.rstrip().endswith("?"):
        return "question"
    if re.match(r"\s*\w+( \w+)?\s?:\s", text):
        return "label: sentence"
    if len(words) <= 4 and not text.rstrip().endswith((".", "!", "。")):
        return "short label"
    return "short sentence" if len(words) < 10 else "sentence"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("new")
    ap.add_argument("--against", default=str(MODEL_PATH))
    ap.add_argument("--files", default=",".join(STUDIED))
    ap.add_argument("--show", type=int, default=15, help="lines to print")
    ap.add_argument("--top", type=int, default=15, help="features to print")
    args = ap.parse_args(argv)
    new, old = (StackedModel(json.loads(Path(m).read_text(encoding="utf-8"))) for m in (args.new, args.against))
    pages = studied_pages(tuple(f for f in args.files.split(",") if f))
    cut_new, cut_old = cut_lines(pages, new), cut_lines(pages, old)
    feats, lost = [], []  # per page: (scored rows' X, line -> row); lost: (page, line)
    for k, page in enumerate(pages):
        _, _, groups, idx, X = featurize(page.text)
        row_of = {}
        for r, i in enumerate(idx.tolist()):
            for line in (groups[i] if groups else (i,)):
                row_of[line] = r
        feats.append((X, row_of))
        for i, label in enumerate(page.labels):
            if label == "article" and cut_new[k][i] and not cut_old[k][i] and i in row_of:
                lost.append((k, i))
    article_rows = np.vstack([X[[row_of[i] for i, lab in enumerate(p.labels) if lab == "article" and i in row_of]]
                              for p, (X, row_of) in zip(pages, feats)])
    typical = np.median(article_rows, axis=0)
    kept_by_old_cut_by_new = len(lost)
    both = sum(1 for k, p in enumerate(pages) for i, lab in enumerate(p.labels)
               if lab == "article" and cut_new[k][i] and cut_old[k][i])
    gained = sum(1 for k, p in enumerate(pages) for i, lab in enumerate(p.labels)
                 if lab == "article" and cut_old[k][i] and not cut_new[k][i])
    print(f"article lines: cut by NEW only {kept_by_old_cut_by_new}, by both {both}, by OLD only {gained}")
    if not lost:
        return 0
    push = np.zeros((len(lost), len(FEATURE_NAMES)))
    for n, (k, i) in enumerate(lost):
        X, row_of = feats[k]
        x = X[row_of[i]][None, :]
        base = margins(new, x)[0]
        ablated = np.repeat(x, len(FEATURE_NAMES), axis=0)
        ablated[np.arange(len(FEATURE_NAMES)), np.arange(len(FEATURE_NAMES))] = typical
        push[n] = base - margins(new, ablated)
    order = np.argsort(-push.mean(axis=0))
    print("\n| feature | mean push (nats) | lines pushed > 0.5 | line's median value | article median |")
    print("|---|---:|---:|---:|---:|")
    for j in order[:args.top]:
        vals = [feats[k][0][feats[k][1][i], j] for k, i in lost]
        print(f"| {FEATURE_NAMES[j]} | {push[:, j].mean():.2f} | {(push[:, j] > 0.5).sum()} | "
              f"{np.median(vals):.3f} | {typical[j]:.3f} |")
    print("\n| shape | lines |\n|---|---:|")
    for shape, count in Counter(line_shape(pages[k].lines[i]) for k, i in lost).most_common():
        print(f"| {shape} | {count} |")
    print()
    for k, i in lost[:args.show]:
        top = [FEATURE_NAMES[j] for j in np.argsort(-push[lost.index((k, i))])[:3]]
        print(f"{pages[k].family}:{i} [{line_shape(pages[k].lines[i])}] {pages[k].lines[i][:70]!r} <- {', '.join(top)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

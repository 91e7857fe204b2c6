#!/usr/bin/env python3
"""The text path by page kind: P / R / F1, pages emptied, and which lines it keeps or cuts
most, on a benchmark file whose records carry a ``group`` (WCXB: the page type) (issue 11,
round 18).

    python benchmarks/text_kinds.py SHARED_BENCH_DIR PAGES.jsonl.gz [--cache DIR] [--lines]
                                    [--model M.json] [--examples 4] [--group article]

Each page's plain text is ``naive_text`` (the bench's rendering: ``extraction.bs_text`` of
its HTML, cached under ``--cache`` as ``NAME.text.jsonl.gz``, since rendering 1,500 pages
costs minutes); the text path is the pipeline on that text (``extraction.ours_text``:
repair, rule packs, line classifier), scored per group with the bench's ``score.py``.
*Emptied*: the gold has words and the output none.

``--model`` scores another classifier (a refit) through the same pipeline, in place of
the shipped one, for the table and ``--lines``.

``--lines`` (a file you may study only: WCXB dev, never test) adds, per group, the precision
side (kept lines mostly not in the gold, by where they stand and their shape, as
``recall_gaps.py --kept`` counts them) and the recall side (gold lines cut, by the rule
or classifier that cut them and shape), both in points (per-page shares averaged over
the group's pages), with ``--examples`` lines of the biggest keys.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus_clean.boilerplate import join_broken_words  # noqa: E402
from corpus_clean.boilerplate import classifier  # noqa: E402
from corpus_clean.boilerplate.classifier import StackedModel, load_model  # noqa: E402
from corpus_clean.boilerplate.engine import strip  # noqa: E402
from corpus_clean.document import Document  # noqa: E402
from corpus_clean.pipeline import clean_documents  # noqa: E402
from extraction import bs_text, load_jsonl, load_score  # noqa: E402
from recall_gaps import TOKEN, LinesByKey, article_lines_cut, kept_noise  # noqa: E402


def with_text(path: str, cache: str | None) -> list[dict]:
    """The file's records, each with ``naive_text`` (rendered once, then read from the cache)."""
    cached = Path(cache) / (Path(path).name.split(".")[0] + ".text.jsonl.gz") if cache else None
    if cached and cached.exists():
        return load_jsonl(str(cached))
    records = load_jsonl(path)
    for rec in records:
        rec["naive_text"] = rec.get("naive_text") or bs_text(rec["html"])
        rec.pop("html", None)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(cached, "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rec) + "\n" for rec in records)
    return records


def text_path(texts: list[str], batch: int = 64) -> list[str]:
    """The pipeline on plain text, in batches (as ``corpus-clean filter`` runs it)."""
    out = []
    for i in range(0, len(texts), batch):
        docs = [Document(id=str(i + k), source="bench", raw_text=t, raw_sha256="")
                for k, t in enumerate(texts[i:i + batch])]
        clean_documents(docs)
        out += [d.text for d in docs]
    return out


def line_sides(rec: dict, model) -> tuple[list, list, int, int]:
    """One page's kept noise lines (where, line, tokens) and cut gold lines (rule, line,
    tokens), with the page's kept and gold token counts."""
    text, _ = join_broken_words(rec.get("naive_text") or "")
    gold = rec.get("gold_text") or ""
    kept_text, removed = strip(text, model=model)
    kept = kept_noise(text, gold, removed)
    cut = article_lines_cut(text, gold, removed)
    return kept, cut, max(len(TOKEN.findall(kept_text)), 1), max(len(TOKEN.findall(gold)), 1)


def print_table(title: str, tally: LinesByKey, n_pages: int, top: int = 8) -> None:
    points, lines, examples = tally.points, tally.lines, tally.examples
    print(f"\n{title}\n\n| key | shape | lines | points |\n|---|---|---:|---:|")
    for key, pts in points.most_common(top):
        print(f"| {key[0]} | {key[1]} | {lines[key]} | {pts / n_pages:.2f} |")
    print(f"| **total** | | {sum(lines.values())} | {sum(points.values()) / n_pages:.2f} |")
    for key, _ in points.most_common(4):
        if examples.get(key):
            print(f"\n{key}:", *examples[key], sep="\n  ")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("pages")
    ap.add_argument("--cache", help="directory for the rendered plain text")
    ap.add_argument("--lines", action="store_true", help="kept noise and cut gold lines per group (study files only)")
    ap.add_argument("--model", help="classifier JSON (default: the shipped one)")
    ap.add_argument("--examples", type=int, default=4)
    ap.add_argument("--group", action="append", default=[], help="only these groups")
    ap.add_argument("--digits", type=int, default=3, help="decimals of P / R / F1 (round 21)")
    ap.add_argument("--outputs", help="write each page's id and the sha256 of its output here (JSONL): "
                                      "count the pages two trees answer differently without reading them")
    args = ap.parse_args(argv)
    score = load_score(args.bench_dir)
    model = StackedModel(json.loads(Path(args.model).read_text())) if args.model else load_model()
    if args.model:  # the pipeline asks the classifier module for its model at run time
        classifier.load_model = lambda *a, **k: model
    records = [r for r in with_text(args.pages, args.cache) if not args.group or r.get("group") in args.group]
    preds = text_path([r["naive_text"] for r in records])
    groups = defaultdict(list)
    for rec, pred in zip(records, preds):
        groups[rec.get("group") or "-"].append((rec, pred))
    print("| kind | pages | P | R | F1 | emptied |\n|---|---:|---:|---:|---:|---:|")
    for name in sorted(groups, key=lambda g: -len(groups[g])) + ["all"]:
        pairs = groups[name] if name != "all" else list(zip(records, preds))
        m = score({r["id"]: r["gold_text"] for r, _ in pairs}, {r["id"]: p for r, p in pairs})
        emptied = sum(1 for r, p in pairs if TOKEN.search(r["gold_text"] or "") and not TOKEN.search(p))
        d = args.digits
        print(f"| {name} | {len(pairs)} | {m['precision']:.{d}f} | {m['recall']:.{d}f} | {m['f1']:.{d}f} | {emptied} |")
    if args.outputs:
        with open(args.outputs, "w", encoding="utf-8") as f:
            for rec, pred in zip(records, preds):
                f.write(json.dumps({"id": rec["id"], "sha256": hashlib.sha256(pred.encode()).hexdigest()}) + "\n")
    if not args.lines:
        return 0
    for name in sorted(groups, key=lambda g: -len(groups[g])):
        kept_lines, cut_lines = LinesByKey(args.examples, 110), LinesByKey(args.examples, 110)
        for rec, _ in groups[name]:
            kept, cut, n_kept, n_gold = line_sides(rec, model)
            for where, line, n in kept:
                kept_lines.add(where, line, 100.0 * n / n_kept)
            for rule, line, n in cut:
                cut_lines.add(rule, line, 100.0 * n / n_gold)
        n = len(groups[name])
        print_table(f"### {name}: non-article lines kept (precision points)", kept_lines, n)
        print_table(f"### {name}: article lines cut (recall points)", cut_lines, n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

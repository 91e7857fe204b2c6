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
import collections
import json
import re
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


def article_losses(docs, model) -> list[tuple[str, str, str, str, str]]:
    """Every article line the text path cuts: (group, language, line kind, reason, line).

    Line kind: ``subheading``, ``aside`` (``training.newsgen.ASIDES``), ``short paragraph``
    (one sentence) or ``paragraph``. Reason: the rule that cut it, or for the classifier
    whether the line's own score was over the threshold (``classifier, own score``) or the
    block steps cut it (``classifier, block steps``: islands, shifted ends).
    """
    from corpus_clean.boilerplate.classifier import line_features_many, lines_to_cut, paragraph_views
    from corpus_clean.boilerplate.engine import _mark_rules, contexts_of, finish, line_rules_many, load_rules
    from training.newsgen import ASIDES, SUBHEADINGS

    aside_patterns = {lang: [re.compile("^" + re.escape(t).replace(r"\{P\}", ".+").replace(r"\{T2\}", ".+") + "$")
                             for t in pool] for lang, pool in ASIDES.items()}
    ruleset = load_rules()
    ctxs = contexts_of([d.text for d in docs])
    for ctx, matched in zip(ctxs, line_rules_many(ctxs, ruleset)):
        _mark_rules(ctx, ruleset, matched)
    views = paragraph_views(ctxs)
    scored = [view[0] if view else ctx for view, ctx in zip(views, ctxs)]
    idxs, X, rows = line_features_many(scored)
    p = model.predict_proba(X, rows)
    out = []
    for d, ctx, view, sc, idx, lo, hi in zip(docs, ctxs, views, scored, idxs, rows.bounds[:-1], rows.bounds[1:]):
        own = {}  # original line -> its joined line's score was over the threshold
        for k, pk in zip(idx.tolist(), p[lo:hi].tolist()):
            for i in (view[1][k] if view else (k,)):
                own[i] = pk >= model.threshold
        for k in lines_to_cut(sc, idx, p[lo:hi], model.threshold, model.island_penalty).tolist():
            for i in (view[1][k] if view else (k,)):
                ctx.marks.mark(i, "classifier")
        _, removals = finish(ctx, ruleset)
        spans = [(r.start, r.end) for r in removals]
        gone = removed_lines(d, spans)
        pos = 0
        for i, (line, label, cut) in enumerate(zip(d.lines, d.labels, gone)):
            if label == "article" and cut:
                rule = next(r.rule for r in removals if r.start <= pos + len(line) - len(line.lstrip()) < r.end)
                if rule == "classifier":
                    rule += ", own score" if own.get(i) else ", block steps"
                kind = ("subheading" if line in SUBHEADINGS[d.lang] else
                        "aside" if any(pat.match(line) for pat in aside_patterns[d.lang]) else
                        "short paragraph" if len(re.findall(r"[.!?»”“](\s|$)", line)) <= 1 else "paragraph")
                out.append((d.group, d.lang, kind, rule, line))
            pos += len(line) + 1
    return out


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
    ap.add_argument("--asides", type=float, default=0.0,
                    help="share of documents with story asides (training.newsgen._story_asides)")
    ap.add_argument("--losses", action="store_true",
                    help="instead: a table of the article lines cut, by group, language, line kind and reason")
    args = ap.parse_args(argv)
    if args.losses:
        return print_losses(args)
    fit_groups = set(json.loads(Path(args.model).read_text()).get("fit", {}).get("newsgen_groups", []))
    print(f"generator seed {args.seed}, {args.n} documents per group"
          f"{f', {args.other_stories:.0%} with a list of other stories' if args.other_stories else ''}; "
          f"classifier fit on newsgen groups {sorted(fit_groups) or 'none'}\n")
    print("| system | group | docs | noise lines | noise removed % | article kept % | docs exactly right |")
    print("|---|---|---:|---:|---:|---:|---:|")
    kinds = {}
    for group in ("A", "B"):
        docs = generate(args.n, families=family_names(group), seed=args.seed + ord(group), other_stories=args.other_stories,
                        asides=args.asides)
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


def print_losses(args) -> int:
    """The article lines the model at `args.model` cuts, counted by group, language,
    line kind and reason, then listed."""
    from corpus_clean.boilerplate.classifier import StackedModel

    model = StackedModel(json.loads(Path(args.model).read_text()))
    losses, totals = [], collections.Counter()
    for group in ("A", "B"):
        docs = generate(args.n, families=family_names(group), seed=args.seed + ord(group),
                        other_stories=args.other_stories, asides=args.asides)
        for d in docs:
            totals[group, d.lang] += sum(label == "article" for label in d.labels)
        losses += article_losses(docs, model)
    print(f"model {args.model}; generator seed {args.seed}, {args.n} documents per group\n")
    print("| group | language | article lines | line kind | reason | lines cut |")
    print("|---|---|---:|---|---|---:|")
    for (group, lang, kind, reason), n in sorted(collections.Counter(x[:4] for x in losses).items()):
        print(f"| {group} | {lang} | {totals[group, lang]} | {kind} | {reason} | {n} |")
    for group, lang, kind, reason, line in losses[: args.misses or 40]:
        print(f"  {group} {lang} {kind:15s} {reason:26s} {line[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Article-like pages: ours against trafilatura and readability-lxml, per set and per page.

    python benchmarks/article_gaps.py SHARED_BENCH_DIR --wcxb-dev wcxb-dev.jsonl.gz --wcxb-test wcxb-test.jsonl.gz
                                      [--cache DIR] [--causes] [--examples 4]

A faster loop than ``extraction.py`` for work on the article side of the HTML
path: trafilatura's and readability-lxml's predictions are computed once and
kept in ``--cache`` (they do not change while we tune), ours is run fresh.

Sets (HTML path only): scrapinghub, the readability fixtures, the readability
real pages' dev and held-out halves (``extraction.is_dev_half``), and the
article, forum and product pages of WCXB's dev split (tuned on) and of its test
split (unseen: printed as aggregates only).

``--causes`` tabulates the DEV pages (readability dev half, WCXB dev) where
trafilatura or readability-lxml beats us by more than 0.02 F1, one cause per
page, read off our provenance: "precision" when our recall is within 0.02 of
the better system's; else the rule whose cut text holds most of the gold's
4-gram shingles we missed ("gold text not in the visible text" when no cut
holds any), with ``html.not_main`` split by how much of the gold we kept
(under half: the wrong candidate; else: parts of the article missed).

``--readability-pages`` lists every page of the readability set's TUNING half
(real pages and fixtures with ``extraction.is_dev_half``) where the better of
trafilatura / readability-lxml beats us by more than 0.02 F1: which side we lose
on (we cut what the gold keeps, or keep what it cuts), the rules whose cuts hold
most of the gold words we missed, each as a share of the page's gold (the whole
pipeline's ``removed``, rule packs included), and whether that rule cuts on
purpose what Readability.js's gold keeps (``CONVENTIONS``: captions and credits,
reference lists, the page's ``<h1>``) or is an extraction fault to fix; then,
for each part of the set (the held-out half too: totals only, no page names),
the mean share of a page's gold words that each rule's cuts hold.
With ``--study-quarter`` (round 9) the same per-page table lists the round-9 study
quarter of the held-out half (``extraction.is_round9_study``) instead of the tuning half.

``--not-main`` (round 7): how much of each readability half's gap to
readability-lxml its three worst pages give (totals), then, for each part, where the gold text we cut as
``html.not_main`` sits relative to the chosen blocks (a sibling, a few levels
up, far; before or after; its link density): totals, page ids only for the
tuning parts (``--list``). ``--conventions``: F1 of every set with the product's
cuts and with captions, reference lists or the ``<h1>`` kept instead (totals).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import extraction as ex  # noqa: E402
from corpus_clean import html as html_mod  # noqa: E402

ARTICLE_GROUPS = ("article", "forum", "product")
# Cuts our product makes on purpose where Readability.js's gold keeps the text (the issue
# does not ask us to copy them): figure captions and photo credits, reference lists and
# the headline (the `<h1>` repeats the title field).
CONVENTIONS = frozenset(("html.caption", "html.references", "html.headline"))
GAP = 0.02


def load_sets(bench_dir: str, wcxb_dev: Optional[str], wcxb_test: Optional[str],
              groups: tuple = ARTICLE_GROUPS) -> dict[str, tuple[str, list]]:
    """Set name -> (status, records); status is "dev", "guard" or "held-out"."""
    sets = {"scrapinghub": ("guard", ex.load_jsonl(os.path.join(bench_dir, "scrapinghub.jsonl.gz")))}
    readability = ex.load_jsonl(os.path.join(bench_dir, "readability.jsonl.gz"))
    real = [r for r in readability if not ex.is_fixture(r)]
    sets["readability fixtures"] = ("guard", [r for r in readability if ex.is_fixture(r)])
    sets["readability real, dev half"] = ("dev", [r for r in real if ex.is_dev_half(r)])
    sets["readability real, held-out half"] = ("held-out", [r for r in real if not ex.is_dev_half(r)])
    for path, name, status in ((wcxb_dev, "wcxb-dev", "dev"), (wcxb_test, "wcxb-test", "held-out")):
        if not path:
            continue
        records = ex.load_jsonl(path)
        for group in groups:
            sets[f"{name}: {group}"] = (status, [r for r in records if r.get("group") == group])
    return sets


def cached_predictions(cache_dir: str, set_name: str, system: str, fn, records: list) -> dict[str, str]:
    """``{id: text}`` of another system, computed once per set and kept as jsonl."""
    path = os.path.join(cache_dir, re.sub(r"\W+", "_", f"{set_name}-{system}") + ".jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            out = dict(json.loads(line) for line in fh)
        if set(out) >= {r["id"] for r in records}:  # a cache of a larger set serves a sample of it
            return {r["id"]: out[r["id"]] for r in records}
    preds, _ = ex.run(fn, [r["html"] for r in records])
    out = {r["id"]: p for r, p in zip(records, preds)}
    os.makedirs(cache_dir, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps([k, v]) + "\n" for k, v in out.items())
    return out


def shingles(text: str) -> Counter:
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))) if tokens else Counter()


def cause_of(rec: dict, ours: dict, other: dict) -> str:
    """One cause for a page where another system beats us (see the module docstring)."""
    if ours["recall"] >= other["recall"] - GAP:
        return "precision: ours keeps extra text"
    extraction = html_mod.extract_main_text(rec["html"])
    gold = shingles(rec["gold_text"])
    missed = gold - shingles(ours["text"])
    by_rule: Counter = Counter()
    for removal in extraction.removed:
        hit = shingles(removal.text) & missed
        by_rule[removal.rule] += sum(hit.values())
    if not by_rule or by_rule.most_common(1)[0][1] == 0:
        return "recall: gold text not in the visible text"
    rule = by_rule.most_common(1)[0][0]
    if rule == html_mod.NOT_MAIN:
        return "recall: not_main, wrong candidate" if ours["recall"] < 0.5 else "recall: not_main, parts missed"
    return f"recall: {rule}"


def lost_by_rule(rec: dict) -> tuple[str, Counter]:
    """Our pipeline text of a page, and the share of its gold words each rule's cuts hold that we miss."""
    from corpus_clean.document import Document
    from corpus_clean.pipeline import clean_documents

    doc = Document(id=rec["id"], source="bench", raw_text="", raw_sha256="", html=rec["html"])
    clean_documents([doc])
    # Words, not shingles: a short cut (a three-word heading) has no 4-gram of its own.
    gold = Counter(re.findall(r"\w+", rec["gold_text"]))
    missed = gold - Counter(re.findall(r"\w+", doc.text))
    total = sum(gold.values()) or 1
    lost: Counter = Counter()
    for removal in doc.removed:
        hit = sum((Counter(re.findall(r"\w+", removal.text)) & missed).values())
        if hit:
            lost[removal.rule] += hit / total
    return doc.text, lost


def readability_pages(bench_dir: str, score, others: dict, cache: str, study: bool = False) -> list[dict]:
    """One row per tuning-half page of the readability set where another system beats us by > GAP.

    ``study``: the round-9 study quarter of the held-out half (``ex.is_round9_study``) instead.
    """
    keep = ex.is_round9_study if study else ex.is_dev_half
    records = [r for r in ex.load_jsonl(os.path.join(bench_dir, "readability.jsonl.gz")) if keep(r)]
    gold = {r["id"]: r["gold_text"] for r in records}
    theirs = {}
    for system, fn in others.items():
        if fn is not None:
            preds = cached_predictions(cache, "readability round-9 study quarter" if study else
                                       "readability tuning half", system, fn, records)
            theirs[system] = {d["id"]: d for d in score(gold, preds)["per_doc"]}
    rows = []
    for rec in records:
        text, lost = lost_by_rule(rec)
        mine = score({rec["id"]: rec["gold_text"]}, {rec["id"]: text})["per_doc"][0]
        system, best = max(((s, per[rec["id"]]) for s, per in theirs.items()), key=lambda p: p[1]["f1"] or 0.0)
        if (best["f1"] or 0.0) - (mine["f1"] or 0.0) <= GAP:
            continue
        side = "we keep what gold cuts" if (mine["recall"] or 0) >= (best["recall"] or 0) - GAP else \
            "we cut what gold keeps"
        rows.append({"page": rec["id"], "kind": "fixture" if ex.is_fixture(rec) else "real",
                     "ours": mine["f1"] or 0.0, "best": best["f1"] or 0.0, "system": system, "side": side,
                     "rules": lost.most_common(3)})
    return rows


def print_readability_pages(rows: list[dict]) -> None:
    print("\n| page | kind | ours F1 | best other F1 | side | rules holding the gold we miss (share of gold) | cause |")
    print("|---|---|---:|---:|---|---|---|")
    for row in sorted(rows, key=lambda r: r["ours"] - r["best"]):
        rules = ", ".join(f"{rule} {share:.2f}" for rule, share in row["rules"]) or "–"
        top = row["rules"][0][0] if row["rules"] else None
        cause = "precision" if row["side"].startswith("we keep") else \
            "gold convention" if top in CONVENTIONS else "extraction fault"
        print(f"| {row['page']} | {row['kind']} | {row['ours']:.3f} | {row['best']:.3f} ({row['system']}) "
              f"| {row['side']} | {rules} | {cause} |")


def rule_shares(bench_dir: str, top: int = 8) -> None:
    """Per part of the readability set, the gold words our cuts hold, by rule: a mean over pages.

    Totals only (no page names): the held-out half may be read this way. The
    conventions' rows say how much of our gap is text the product cuts on purpose.
    """
    records = [r for r in ex.load_jsonl(os.path.join(bench_dir, "readability.jsonl.gz"))]
    parts = {"real, dev half": [r for r in records if not ex.is_fixture(r) and ex.is_dev_half(r)],
             "real, held-out half": [r for r in records if not ex.is_fixture(r) and not ex.is_dev_half(r)],
             "fixtures": [r for r in records if ex.is_fixture(r)]}
    print("\n| part | pages | rule (mean share of a page's gold words held by its cuts) |\n|---|---:|---|")
    for name, recs in parts.items():
        total: Counter = Counter()
        for rec in recs:
            total.update(lost_by_rule(rec)[1])
        shares = ", ".join(f"{rule}{' (convention)' if rule in CONVENTIONS else ''} {share / len(recs):.4f}"
                           for rule, share in total.most_common(top))
        conv = sum(share for rule, share in total.items() if rule in CONVENTIONS) / len(recs)
        print(f"| {name} | {len(recs)} | conventions {conv:.4f}; {shares} |")


NOT_MAIN_PROBE_TAGS = frozenset("p div section li h1 h2 h3 h4 span td header article blockquote ul ol figure aside".split())


def where_cut(body, chosen: list, first_line: str) -> Optional[str]:
    """Where a block cut as ``html.not_main`` sits relative to the chosen blocks.

    "sibling" (its branch and a chosen block share a parent), "up 2-3" or "far"
    (more levels up to the shared ancestor), "before"/"after" the first chosen
    block, and its link density under or over readability's sibling bar (0.25
    links: ``<.25``/``>=.25``). The block is the smallest element whose text holds
    the cut's first line (``None`` when no element does).
    """
    probe = first_line.replace(" ", "")[:40]
    block, size = None, 0
    for node in body.traverse():
        if probe and node.tag in NOT_MAIN_PROBE_TAGS:
            text = node.text(strip=True).replace(" ", "")
            if probe in text and (block is None or len(text) < size):
                block, size = node, len(text)
    if block is None:
        return None
    levels = {}
    for node in chosen:
        depth = 0
        while node is not None:
            levels.setdefault(node.mem_id, depth)
            node, depth = node.parent, depth + 1
    branch = block
    while branch.parent is not None and branch.parent.mem_id not in levels:
        branch = branch.parent
    up = levels.get(branch.parent.mem_id, 99) if branch.parent is not None else 99
    first = html_mod._document_position(min(chosen, key=html_mod._document_position))
    side = "before" if html_mod._document_position(branch) < first else "after"
    ld = "<.25" if html_mod.link_density(branch) < 0.25 else ">=.25"
    return f"{'sibling' if up == 1 else 'up 2-3' if up <= 3 else 'far'} {side}, links {ld}"


def not_main_table(bench_dir: str, wcxb_dev: Optional[str], names: bool) -> None:
    """Per part, the gold text cut as ``html.not_main`` by where its block sits (:func:`where_cut`).

    Mean share of a page's gold 4-gram shingles held by such cuts and missed by
    us, and on how many pages. Totals only for the held-out half; page ids for the
    tuning parts with ``names``. The chosen blocks are the scoring's and the main
    column's (``html.read_page`` before its second opinion).
    """
    from selectolax.lexbor import LexborHTMLParser

    from corpus_clean import html_prose, html_sections

    records = ex.load_jsonl(os.path.join(bench_dir, "readability.jsonl.gz"))
    real = [r for r in records if not ex.is_fixture(r)]
    parts = {"readability real, dev half": [r for r in real if ex.is_dev_half(r)],
             "readability real, held-out half (totals)": [r for r in real if not ex.is_dev_half(r)],
             "scrapinghub": ex.load_jsonl(os.path.join(bench_dir, "scrapinghub.jsonl.gz"))}
    if wcxb_dev:
        parts["wcxb-dev: article"] = [r for r in ex.load_jsonl(wcxb_dev) if r.get("group") == "article"]
    print("\n| part | pages | where the missed gold cut as html.not_main sits: mean share of a page's gold (pages) |"
          "\n|---|---:|---|")
    for name, recs in parts.items():
        share: Counter = Counter()
        pages: dict = defaultdict(list)
        for rec in recs:
            extraction = html_mod.extract_main_text(rec["html"])
            gold = shingles(rec["gold_text"])
            missed, total = gold - shingles(extraction.text), sum(gold.values()) or 1
            tree = LexborHTMLParser(rec["html"])
            cuts = html_mod.strip_junk(tree)
            html_prose.restore_mislabelled(cuts)
            chosen = html_sections.widen_to_main_column(html_mod.best_container(tree.body),
                                                        html_sections.declares_article(tree))
            for removal in extraction.removed if chosen else ():
                hit = sum((shingles(removal.text) & missed).values())
                if removal.rule != html_mod.NOT_MAIN or hit < 5:
                    continue
                where = where_cut(tree.body, chosen, removal.text.strip().splitlines()[0]) or "not found"
                share[where] += hit / total
                if rec["id"] not in pages[where]:
                    pages[where].append(rec["id"])
        cells = "; ".join(f"{where} {amount / len(recs):.4f} ({len(pages[where])}"
                          + (f": {', '.join(pages[where][:6])}" if names and "held-out" not in name else "") + ")"
                          for where, amount in share.most_common())
        print(f"| {name} | {len(recs)} | total {sum(share.values()) / len(recs):.4f}; {cells or '–'} |", flush=True)


def gap_concentration(bench_dir: str, score, readability_fn, cache: str, worst: int = 3) -> None:
    """How much of each readability half's gap to readability-lxml its ``worst`` pages give (totals).

    Each page's difference in recall (precision) divided by the half's size is its
    contribution to the difference of the half's mean recall (precision); the
    ``worst`` most negative ones are summed apart from the rest. No page is named.
    """
    records = [r for r in ex.load_jsonl(os.path.join(bench_dir, "readability.jsonl.gz")) if not ex.is_fixture(r)]
    print(f"\n| half | pages | recall gap: all / {worst} worst pages / rest | precision gap: all / {worst} worst / rest |"
          "\n|---|---:|---|---|")
    for half, dev in (("dev half", True), ("held-out half", False)):
        recs = [r for r in records if ex.is_dev_half(r) == dev]
        gold = {r["id"]: r["gold_text"] for r in recs}
        ours = {d["id"]: d for d in score(gold, {r["id"]: ex.ours_html(r["html"]) for r in recs})["per_doc"]}
        theirs = cached_predictions(cache, f"readability real, {half}", "readability-lxml", readability_fn, recs)
        other = {d["id"]: d for d in score(gold, theirs)["per_doc"]}
        cells = []
        for key in ("recall", "precision"):
            parts = sorted(((ours[i][key] or 0.0) - (other[i][key] or 0.0)) / len(recs) for i in ours)
            cells.append(f"{sum(parts):+.4f} / {sum(parts[:worst]):+.4f} / {sum(parts[worst:]):+.4f}")
        print(f"| readability real, {half} | {len(recs)} | {cells[0]} | {cells[1]} |", flush=True)


# What keeping each convention would do (``--conventions``): the cuts of these rules are
# skipped, so the element stays in the page for the scoring and the renderer like any block.
KEPT_AS_OPTION = {"captions and credits": ("html.caption",), "reference lists": ("html.references",),
                  "the page's <h1>": ("html.headline",)}


def keeping(rules: tuple):
    """A context manager under which ``html.strip_junk`` does not cut elements of ``rules``."""
    import contextlib

    @contextlib.contextmanager
    def patched():
        original = html_mod._cut

        def cut(node, rule, cuts):
            if rule not in rules:
                original(node, rule, cuts)

        html_mod._cut = cut
        try:
            yield
        finally:
            html_mod._cut = original
    return patched()


def conventions_table(bench_dir: str, wcxb_dev: Optional[str], wcxb_test: Optional[str], score) -> None:
    """F1 of ours on every set with the product's cuts, and with each convention kept instead.

    Totals only, also for the held-out half and WCXB test (no page is looked at):
    how much of each gold's F1 the product's choice to cut captions, reference
    lists and the ``<h1>`` costs or earns on that gold.
    """
    sets = load_sets(bench_dir, wcxb_dev, wcxb_test, ("article",))
    for path, name in ((wcxb_dev, "wcxb-dev: all"), (wcxb_test, "wcxb-test: all")):
        if path:
            sets[name] = ("dev" if "dev" in name else "held-out", ex.load_jsonl(path))
    variants = {"product (cut)": ()} | KEPT_AS_OPTION
    print("| set | pages | " + " | ".join(f"F1, {v}" if not r else f"{v} kept" for v, r in variants.items())
          + " |\n|---|---:|" + "---:|" * len(variants))
    for set_name, (_, records) in sets.items():
        gold = {r["id"]: r["gold_text"] for r in records}
        cells = []
        for rules in variants.values():
            with keeping(rules):
                preds, _ = ex.run(ex.ours_html, [r["html"] for r in records])
            cells.append(score(gold, {r["id"]: p for r, p in zip(records, preds)})["f1"])
        print(f"| {set_name} | {len(records)} | {cells[0]:.4f} | "
              + " | ".join(f"{c:.4f} ({c - cells[0]:+.4f})" for c in cells[1:]) + " |", flush=True)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench_dir")
    ap.add_argument("--wcxb-dev")
    ap.add_argument("--wcxb-test")
    ap.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "corpus-clean-article-gaps"))
    ap.add_argument("--causes", action="store_true", help="per-page cause table of the dev sets")
    ap.add_argument("--examples", type=int, default=4)
    ap.add_argument("--only", action="append", default=[], help="keep the sets whose name contains this")
    ap.add_argument("--groups", default=",".join(ARTICLE_GROUPS),
                    help="WCXB page types, comma-separated (the non-article ones: to check for regressions)")
    ap.add_argument("--list", action="store_true", help="also list every dev page behind by > 0.02 F1")
    ap.add_argument("--save", help="write our per-page F1 (all sets) to this json")
    ap.add_argument("--readability-pages", action="store_true",
                    help="only the per-page table of the readability set's tuning half (see the module docstring)")
    ap.add_argument("--study-quarter", action="store_true",
                    help="with --readability-pages: the round-9 study quarter of the held-out half instead")
    ap.add_argument("--against", help="list the dev pages whose F1 moved by > 0.02 since this --save file")
    ap.add_argument("--conventions", action="store_true",
                    help="only the table of F1 with captions, reference lists or the <h1> kept (totals)")
    ap.add_argument("--not-main", action="store_true",
                    help="only the table of where the gold text cut as html.not_main sits (with --list: page ids)")
    args = ap.parse_args(argv)
    score = ex.load_score(args.bench_dir)
    if args.not_main:
        gap_concentration(args.bench_dir, score, ex.make_readability(), args.cache)
        not_main_table(args.bench_dir, args.wcxb_dev, args.list)
        return 0
    if args.conventions:
        conventions_table(args.bench_dir, args.wcxb_dev, args.wcxb_test, score)
        return 0
    others = {"trafilatura": ex.make_trafilatura(), "readability-lxml": ex.make_readability()}
    if args.readability_pages:
        print_readability_pages(readability_pages(args.bench_dir, score, others, args.cache,
                                                  study=args.study_quarter))
        if not args.study_quarter:
            rule_shares(args.bench_dir)
        return 0
    sets = load_sets(args.bench_dir, args.wcxb_dev, args.wcxb_test, tuple(args.groups.split(",")))
    if args.only:
        sets = {k: v for k, v in sets.items() if any(word in k for word in args.only)}
    print("| set | status | pages | ours P | ours R | ours F1 | trafilatura F1 | readability-lxml F1 | gap |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    causes: dict[str, list] = defaultdict(list)
    saved: dict[str, float] = {}
    before = json.load(open(args.against, encoding="utf-8")) if args.against else {}
    moved = []
    for set_name, (status, records) in sets.items():
        gold = {r["id"]: r["gold_text"] for r in records}
        ours_out, _ = ex.run(ex.ours_html, [r["html"] for r in records])
        ours = {r["id"]: p for r, p in zip(records, ours_out)}
        m_ours = score(gold, ours)
        for d in m_ours["per_doc"]:
            key = f"{set_name}/{d['id']}"
            saved[key] = d["f1"] or 0.0
            if status == "dev" and key in before and abs(saved[key] - before[key]) > GAP:
                moved.append(f"{key}\t{before[key]:.3f} -> {saved[key]:.3f}")
        f1s = {}
        per_doc = {}
        for system, fn in others.items():
            if fn is None:
                continue
            m = score(gold, cached_predictions(args.cache, set_name, system, fn, records))
            f1s[system] = m["f1"]
            per_doc[system] = {d["id"]: d for d in m["per_doc"]}
        best = max(f1s.values(), default=0.0)
        print(f"| {set_name} | {status} | {len(records)} | {m_ours['precision']:.3f} | {m_ours['recall']:.3f} "
              f"| **{m_ours['f1']:.4f}** | {f1s.get('trafilatura', float('nan')):.3f} "
              f"| {f1s.get('readability-lxml', float('nan')):.3f} | {m_ours['f1'] - best:+.3f} |")
        if not args.causes or status != "dev":
            continue
        for d in m_ours["per_doc"]:
            rivals = [(per_doc[s][d["id"]], s) for s in per_doc]
            other, system = max(rivals, key=lambda pair: pair[0]["f1"] or 0.0)
            if (other["f1"] or 0.0) - (d["f1"] or 0.0) <= GAP:
                continue
            rec = next(r for r in records if r["id"] == d["id"])
            mine = {"recall": d["recall"] or 0.0, "text": ours[d["id"]]}
            cause = cause_of(rec, mine, {"recall": other["recall"] or 0.0})
            group = rec.get("group") or "readability"
            causes[cause].append((group, d["id"], d["f1"] or 0.0, other["f1"] or 0.0, system))
    if args.save:
        with open(args.save, "w", encoding="utf-8") as fh:
            json.dump(saved, fh)
    if moved:
        print("\nDev pages moved by > 0.02 F1:\n" + "\n".join(moved))
    if args.causes:
        print("\n| cause | pages | page types | examples (ours / better other F1) |\n|---|---:|---|---|")
        for cause, pages in sorted(causes.items(), key=lambda kv: -len(kv[1])):
            groups = Counter(g for g, *_ in pages)
            examples = ", ".join(f"{i} {o:.2f}/{b:.2f}" for _, i, o, b, _ in pages[:args.examples])
            print(f"| {cause} | {len(pages)} | {', '.join(f'{g} {n}' for g, n in groups.most_common())} "
                  f"| {examples} |")
        if args.list:
            for cause, pages in causes.items():
                for g, i, o, b, s in pages:
                    print(f"{cause}\t{g}\t{i}\t{o:.3f}\t{b:.3f}\t{s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

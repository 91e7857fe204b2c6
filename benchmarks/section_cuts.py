#!/usr/bin/env python3
"""Every section a rule cut to the page's end, and what it took: article tokens (the
gold's, aligned as the benches score them) against the rest, per section rule and per
heading (issue 11, round 19).

    python benchmarks/section_cuts.py PAGES.jsonl.gz [--cache DIR] [--by heading|rule|group]

A ``kind: section`` rule (``comments.marked_section``, ``wiki.references_section``,
``agency.press_release_boilerplate`` ...) cuts from its heading to the end of the page.
When it fires on the wrong heading it costs a whole page, not a line: round 19 found a
"Note" heading (a docs page's or a guide's box) cutting 26,869 article tokens on 32 WCXB
dev pages. This prints, per key, the firings, the article and other tokens below the
heading, and how many firings hold more than ``--prose`` running-prose lines below the
heading that are not reference items (``engine._REFERENCE_ITEM``): an apparatus holds
citations and link titles, the article's box holds prose.

Only the rule step runs (``engine.mark_rules``): the classifier does not decide a
section. PAGES is a benchmark file with ``gold_text`` and ``naive_text`` or ``html``
(WCXB's, or the benches' ``scrapinghub.jsonl.gz``); read a held-out file as totals only.
"""
from __future__ import annotations

import argparse
import sys
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus_clean.boilerplate import join_broken_words  # noqa: E402
from corpus_clean.boilerplate.engine import _REFERENCE_ITEM, mark_rules  # noqa: E402
from corpus_clean.boilerplate.rules import load_rules  # noqa: E402
from recall_gaps import aligned_tokens  # noqa: E402


def section_rules() -> frozenset[str]:
    """The ids of the rule packs' ``kind: section`` rules."""
    return frozenset(r.id for r in load_rules().rules if r.kind == "section")


def section_cut(text: str, rules: frozenset[str]) -> dict | None:
    """The section a rule cut to the end of `text`, or None: its rule, heading line,
    the heading's character offset, and the prose lines below it that are not
    reference items.

    >>> page = "Title\\n" + "The council met on Monday and voted to repair the old bridge over the river.\\n" * 4
    >>> section_cut(page + "References\\n^ Council minutes, 12 May 2019, page four of the report.\\n", section_rules())["rule"]
    'wiki.references_section'
    >>> section_cut(page, section_rules()) is None
    True
    """
    ctx = mark_rules(text)
    rule = ctx.marks.rule
    n = len(rule)
    if not n or rule[-1] not in rules:
        return None
    i = n - 1
    while i > 0 and rule[i - 1] == rule[-1]:
        i -= 1
    prose = ctx.prose.tolist()
    content = ctx.lines.content
    return {"rule": rule[-1], "heading": content[i].strip(), "start": int(ctx.lines.starts[i]),
            "prose_below": sum(1 for j in range(i + 1, n) if prose[j] and not _REFERENCE_ITEM.match(content[j]))}


def article_and_rest(text: str, gold: str, start: int) -> tuple[int, int]:
    """Tokens of `text` from `start` on: (aligned with the gold, not)."""
    spans, aligned = aligned_tokens(text, gold)
    a = bisect_left([s[0] for s in spans], start)
    article = sum(aligned[a:])
    return article, len(aligned) - a - article


def main(argv=None) -> int:
    from extraction import bs_text
    from text_kinds import with_text

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages")
    ap.add_argument("--cache", help="directory for the rendered plain text (text_kinds.py's)")
    ap.add_argument("--by", choices=["heading", "rule", "group"], default="rule")
    ap.add_argument("--prose", type=int, default=3, help="prose lines below the heading counted as the article's")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    rules = section_rules()
    table = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # firings, article, rest; the same over the prose threshold
    for rec in with_text(args.pages, args.cache):
        text = join_broken_words(rec.get("naive_text") or bs_text(rec["html"]))[0]
        cut = section_cut(text, rules)
        if cut is None:
            continue
        article, rest = article_and_rest(text, rec.get("gold_text") or "", cut["start"])
        key = {"heading": cut["rule"] + " " + cut["heading"].rstrip(":").lower()[:30],
               "rule": cut["rule"], "group": cut["rule"] + " " + str(rec.get("group") or "-")}[args.by]
        row = table[key]
        over = cut["prose_below"] > args.prose
        for k, v in enumerate((1, article, rest)):
            row[k] += v
            row[3 + k] += v if over else 0
    print(f"| {args.by} | firings | article tokens cut | other tokens cut | firings with > {args.prose} prose lines below | "
          "their article / other tokens |\n|---|---:|---:|---:|---:|---|")
    for key, r in sorted(table.items(), key=lambda kv: -kv[1][1])[:args.top]:
        print(f"| {key} | {r[0]} | {r[1]:,} | {r[2]:,} | {r[3]} | {r[4]:,} / {r[5]:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

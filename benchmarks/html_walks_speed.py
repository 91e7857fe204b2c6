#!/usr/bin/env python3
"""Round 20's walk merges, each against what it replaced, in one process (CPU time, best and median of
--repeat alternating runs, ms a page), over real pages parsed once:

    python benchmarks/html_walks_speed.py /work/shared/bench/boilerplate/readability.jsonl.gz --repeat 5

* the controls' words (html_comment_section.answered_posts, twice a page): a node object and
  ``text(strip=True)`` per link or button (round 19) vs ``Query.short_texts`` (one C walk, strings for
  the short texts only);
* the four queries a page is asked before its first cut (lexbor_walk.read_first: metadata in <head>
  and <body>, discussion declarations, panels' marks): four ``select`` walks vs one ``select_scoped``;
* strip_junk's early drop and junk list: ``drop_bare`` then ``tags_below`` vs ``drop_bare_tags``.

Each pair is checked to give the same answer before it is timed. Needs the compiled walker.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from corpus_clean import html, html_posts, lexbor_walk  # noqa: E402


def read_pages(path: str) -> list[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["html"] for line in handle if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    walker = html._compiled_renderer()
    if walker is None or not lexbor_walk.queries_built():
        sys.exit("the compiled walker is not built")
    pages = read_pages(args.pages)
    trees = [t for t in (LexborHTMLParser(p) for p in pages) if t.body is not None and t.head is not None]
    controls = html_posts._VOTE_CONTROLS
    places = [{"root": t.root, "head": t.head, "body": t.body} for t in trees]
    specs = [tuple((q.alternatives, q.skip_ids, once, place[where]) for q, where, once in lexbor_walk._TOGETHER)
             for place in places]

    def controls_before():
        return [[n.text(strip=True) for n in controls.select(t.body)] for t in trees]

    def controls_after():
        return [controls.short_texts(t.body, 40) for t in trees]

    def first_before():
        return [[walker.select(root, alts, skip, once) for alts, skip, once, root in spec] for spec in specs]

    def first_after():
        return [walker.select_scoped(t.root, spec) for t, spec in zip(trees, specs)]

    def fresh():
        return [t.body for t in (LexborHTMLParser(p) for p in pages) if t.body is not None]

    junk = (html._INVISIBLE_TAG_IDS, html._READ_BY_JUNK_LOOP, html._JUNK_TAG_IDS)

    def junk_before(bodies):
        out = []
        for body in bodies:
            walker.drop_bare(body, junk[0], junk[1])
            out.append(walker.tags_below(body, junk[2]))
        return out

    def junk_after(bodies):
        return [walker.drop_bare_tags(body, *junk) for body in bodies]

    # (the same answers first)
    assert [[t for t in texts if len(t) < 40] for texts in controls_before()] == controls_after()
    assert [[[n.mem_id for n in found] for found in spec] for spec in first_before()] == \
        [[[n.mem_id for n in found] for found in spec] for spec in first_after()]
    assert [[n.tag for n in found] for found in junk_before(fresh())] == \
        [[n.tag for n in found] for found in junk_after(fresh())]

    times: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, run in (("controls before", controls_before), ("controls after", controls_after),
                          ("first before", first_before), ("first after", first_after)):
            start = time.process_time()
            run()
            times.setdefault(name, []).append(time.process_time() - start)
        for name, run in (("junk before", junk_before), ("junk after", junk_after)):
            bodies = fresh()
            start = time.process_time()
            run(bodies)
            times.setdefault(name, []).append(time.process_time() - start)
    n = len(trees)
    print(f"{n} pages ({Path(args.pages).name}), ms a page, best / median of {args.repeat}\n")
    print("| walk | before | after | after ÷ before (best) |\n|---|---:|---:|---:|")
    for what, label in (("controls", "the controls' words (one of answered_posts' two calls)"),
                        ("first", "the four queries before the first cut"),
                        ("junk", "strip_junk's early drop and junk list")):
        before, after = times[f"{what} before"], times[f"{what} after"]
        print(f"| {label} | {min(before) / n * 1e3:.3f} / {statistics.median(before) / n * 1e3:.3f} "
              f"| {min(after) / n * 1e3:.3f} / {statistics.median(after) / n * 1e3:.3f} | {min(after) / min(before):.3f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Cost of the non-article steps (``corpus_clean.html_sections``) on the HTML path.

    python benchmarks/html_sections_speed.py SHARED_BENCH_DIR [--extra PAGES.jsonl.gz] [--rounds 3]

Reads the pages with the extractor as it is and with ``html.read_page`` put
back to the reading without the two steps (strip, score, render), in the same
process, interleaved, best of ``--rounds`` CPU-time passes (``time.process_time``):
``extract_main_text`` alone and the pipeline's HTML path (``clean_documents``,
batches of 64). Also counts how often each step fires (main column taken, cards
kept). Prints one markdown table.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from corpus_clean import html as html_mod  # noqa: E402
from corpus_clean import html_sections  # noqa: E402
from corpus_clean.document import Document  # noqa: E402
from corpus_clean.pipeline import clean_documents  # noqa: E402

NEW_READ_PAGE = html_mod.read_page


def old_read_page(tree, lenient=False):
    """The reading before html_sections: strip, score, render."""
    cuts = html_mod.strip_junk(tree, lenient=lenient)
    return html_mod.render_page(tree.body, html_mod.best_container(tree.body), cuts)


def load(path: str) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["html"] for line in fh if line.strip()]


def extract_all(pages: list[str]) -> None:
    for page in pages:
        html_mod.extract_main_text(page)


def pipeline_all(pages: list[str]) -> None:
    for i in range(0, len(pages), 64):
        docs = [Document(id=str(j), source="bench", raw_text="", raw_sha256="", html=p)
                for j, p in enumerate(pages[i:i + 64])]
        clean_documents(docs)


def cpu(fn, pages) -> float:
    html_mod.clear_caches()
    t0 = time.process_time()
    fn(pages)
    return time.process_time() - t0


def firing(pages: list[str]) -> tuple[int, int]:
    """Pages where the main column replaced the chosen blocks, and pages where cards were kept."""
    counts = {"widen": 0, "cards": 0}
    widen, cards = html_sections.widen_to_main_column, html_sections.link_cards

    def spy_widen(chosen, article):
        out = widen(chosen, article)
        counts["widen"] += out is not chosen
        return out

    def spy_cards(chosen, lines):
        out = cards(chosen, lines)
        counts["cards"] += bool(out)
        return out

    html_sections.widen_to_main_column, html_sections.link_cards = spy_widen, spy_cards
    try:
        fired = []
        for page in pages:
            before = dict(counts)
            html_mod.extract_main_text(page)
            fired.append((counts["widen"] > before["widen"], counts["cards"] > before["cards"]))
    finally:
        html_sections.widen_to_main_column, html_sections.link_cards = widen, cards
    return sum(w for w, _ in fired), sum(c for _, c in fired)


def read_sets(description: str) -> tuple[dict[str, list[str]], int]:
    """The command line of both speed scripts: scrapinghub plus ``--extra`` pages, and ``--rounds``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("bench_dir")
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sets = {"scrapinghub": load(os.path.join(args.bench_dir, "scrapinghub.jsonl.gz"))}
    for path in args.extra:
        sets[os.path.basename(path).split(".")[0]] = load(path)
    return sets, args.rounds


def before_after(pages: list[str], rounds: int, switch) -> list[tuple[str, float, float]]:
    """``(what, before pages/s, after pages/s)`` for the extraction alone and the pipeline's HTML path.

    ``switch("before")`` / ``switch("after")`` puts a variant in place; the two are
    interleaved, best of ``rounds`` CPU-time passes, and "after" is left in place.
    """
    rows = []
    for label, fn in (("extract_main_text", extract_all), ("pipeline HTML path", pipeline_all)):
        best = {"before": float("inf"), "after": float("inf")}
        for _ in range(rounds):
            for which in ("before", "after"):
                switch(which)
                try:
                    best[which] = min(best[which], cpu(fn, pages))
                finally:
                    switch("after")
        rows.append((label, len(pages) / best["before"], len(pages) / best["after"]))
    return rows


def main() -> int:
    sets, rounds = read_sets(__doc__.splitlines()[0])
    print("| pages | what | before (pages/s) | after (pages/s) | after ÷ before | main column taken | cards kept |")
    print("|---|---|---:|---:|---:|---:|---:|")

    def switch(which):
        html_mod.read_page = old_read_page if which == "before" else NEW_READ_PAGE

    for name, pages in sets.items():
        widened, carded = firing(pages)
        for label, b, a in before_after(pages, rounds, switch):
            print(f"| {name} ({len(pages)}) | {label} | {b:.0f} | {a:.0f} | {a / b:.3f} | "
                  f"{widened} ({widened / len(pages):.1%}) | {carded} ({carded / len(pages):.1%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

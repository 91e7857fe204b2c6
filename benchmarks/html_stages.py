#!/usr/bin/env python3
"""Where the HTML path's CPU time goes, stage by stage (inclusive CPU seconds per stage).

    python benchmarks/html_stages.py /work/shared/bench/boilerplate/scrapinghub.jsonl.gz --repeat 3

Runs the pages (the ``html`` field of a JSONL(.gz) file) through ``shards.clean_batch`` in
batches of ``BATCH_DOCS``, as a shard cleans them, after one warm-up pass, with every stage
function of the HTML path wrapped in a ``time.process_time`` counter (``STAGES``). Each
stage's time is inclusive: a stage called inside another (``render_page`` inside the
prose second opinion, ``PanelFinder`` inside ``strip_junk``) is counted in both, and
indented under it in the table. The wrappers cost little (a few dozen calls per page);
the table reads as shares of one pass, not as absolute speed (the machine is shared).

``--cold`` times what a run sees instead: the warm-up is the file's last ``COLD_WARMUP``
pages only, the other pages are timed once (cold: RE2's automata, the label and word
caches meet them for the first time), then once more (warm), side by side.
"""
from __future__ import annotations

import argparse
import gzip
import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_before_after import _timed  # noqa: E402  (a CPU-time counter around a function)

# (depth in the table, module, attribute path, label): stages in the order they run.
STAGES = [
    (0, "corpus_clean.pipeline", "html_to_text", "extraction (extract_main_text + metadata parsing)"),
    (1, "corpus_clean.html", "LexborHTMLParser", "parse (Lexbor)"),
    (1, "corpus_clean.html", "extract_metadata", "metadata (title, byline, JSON-LD)"),
    (1, "corpus_clean.html", "read_page", "read_page (one reading of the page)"),
    (2, "corpus_clean.html_discussion", "declares_discussion", "declares_discussion"),
    (2, "corpus_clean.html", "strip_junk", "strip_junk (junk tags, labels)"),
    (3, "corpus_clean.html_panels", "PanelFinder", "panels (PanelFinder)"),
    (3, "corpus_clean.html", "_labelled_elements", "labelled elements (CSS)"),
    (3, "corpus_clean.html", "attrs_verdict", "attrs_verdict (labels)"),
    (3, "corpus_clean.html", "_cut", "_cut (unlink + placeholder)"),
    (2, "corpus_clean.html_prose", "restore_mislabelled", "prose rescue (restore_mislabelled)"),
    (2, "corpus_clean.html_discussion", "restore_discussion", "restore_discussion"),
    (2, "corpus_clean.html_sections", "declares_article", "declares_article"),
    (2, "corpus_clean.html", "best_container", "scoring (best_container)"),
    (3, "corpus_clean.html", "collect_paragraphs", "collect_paragraphs"),
    (2, "corpus_clean.html_gallery", "story_over_gallery", "gallery check"),
    (2, "corpus_clean.html_rails", "without_rails", "rails"),
    (2, "corpus_clean.html_sections", "widen_to_main_column", "sections (main column)"),
    (2, "corpus_clean.html_standfirst", "named_leads", "standfirst"),
    (2, "corpus_clean.html", "render_page", "text assembly (render_page, every call)"),
    (3, "corpus_clean.html", "_render_lines", "walk and lines (in C when built, round 12)"),
    (3, "corpus_clean.html", "_lines", "lines (_lines, the Python twin)"),
    (2, "corpus_clean.html_prose", "second_opinion", "prose second opinion"),
    (2, "corpus_clean.html_rails", "cover_won_by_rails", "rails vs cover"),
    (2, "corpus_clean.html_listings", "repeated_buttons", "repeated buttons"),
    (2, "corpus_clean.html_listings", "listing_lines", "listings"),
    (2, "corpus_clean.html_fallback", "second_opinion", "readability fallback"),
    (1, "corpus_clean.html_headings_tail", "cut_orphan_headings", "orphan headings"),
    (1, "corpus_clean.html", "removals_of", "provenance (removals_of)"),
    (0, "corpus_clean.pipeline", "run_steps", "text-path steps after extraction"),
    (1, "corpus_clean.html", "rebase_cuts", "rebase cuts onto repaired text"),
    (1, "corpus_clean.html", "finish_html_documents", "boilerplate step (finish_html_documents)"),
    (2, "corpus_clean.html", "marker_removals", "marker rules"),
    (2, "corpus_clean.html", "apply_cuts", "apply cuts"),
]


def wrap_stages(seconds: dict) -> dict:
    """Replace every stage function by a timed one, where its callers look it up; return
    the functions replaced (for ``unwrap_stages``)."""
    originals = {}
    for _, module_name, attr, label in STAGES:
        module = importlib.import_module(module_name)
        originals[module_name, attr] = getattr(module, attr)
        setattr(module, attr, _timed(getattr(module, attr), label, seconds))
    return originals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path, nargs="+", help="JSONL(.gz) files with an `html` field")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes (summed)")
    ap.add_argument("--cold", action="store_true", help="each page timed once cold, then once warm (see above)")
    args = ap.parse_args()
    from corpus_clean.document import Document
    from corpus_clean.shards import BATCH_DOCS, clean_batch
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    records = []
    for path in args.pages:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle if line.strip()]
    steps = resolve_steps(DEFAULT_STEPS)

    def one_pass(records=records) -> None:
        docs = [Document(id=str(k), source="pages", raw_text="", raw_sha256="", html=r["html"], record_index=k)
                for k, r in enumerate(records)]
        for i in range(0, len(docs), BATCH_DOCS):
            clean_batch(docs[i:i + BATCH_DOCS], steps, "bench")

    if args.cold:
        return cold_table(records, one_pass, steps)
    one_pass()  # warm-up: lazy imports, compiled patterns, rule packs
    seconds: dict[str, float] = {}
    wrap_stages(seconds)
    step_seconds: dict[str, float] = {}
    for step in steps:
        step.run = _timed(step.run, step.name, step_seconds)
    started = time.process_time()
    for _ in range(args.repeat):
        one_pass()
    total = time.process_time() - started
    pages = len(records) * args.repeat
    print(f"{len(records)} pages x {args.repeat} passes: {total:.2f} s CPU, {pages / total:.0f} pages/s per core\n")
    print("| stage | CPU s | share | ms/page |")
    print("|---|---:|---:|---:|")
    for depth, _, _, label in STAGES:
        s = seconds.get(label, 0.0)
        print(f"| {'· ' * depth}{label} | {s:.3f} | {100 * s / total:.1f} % | {1000 * s / pages:.2f} |")
    for name, s in step_seconds.items():
        print(f"| · step {name} | {s:.3f} | {100 * s / total:.1f} % | {1000 * s / pages:.2f} |")
    return 0


COLD_WARMUP = 20  # --cold: pages seen before the timed passes (as html_same_process.py --cold)


def cold_table(records: list[dict], one_pass, steps) -> int:
    """``--cold``: warm up on the last ``COLD_WARMUP`` pages, time the others once (cold)
    and again (warm); print both stage tables side by side (ms a page) and their difference."""
    one_pass(records[-COLD_WARMUP:])
    timed = records[:-COLD_WARMUP]
    tables = []
    for _ in ("cold", "warm"):
        seconds: dict[str, float] = {}
        originals = wrap_stages(seconds)
        step_seconds: dict[str, float] = {}
        runs = [step.run for step in steps]
        for step in steps:
            step.run = _timed(step.run, step.name, step_seconds)
        started = time.process_time()
        one_pass(timed)
        total = time.process_time() - started
        for step, run in zip(steps, runs):
            step.run = run
        unwrap_stages(originals)
        tables.append((total, seconds, step_seconds))
    n = len(timed)
    (cold, cs, csteps), (warm, ws, wsteps) = tables
    print(f"{n} pages timed once cold, then once warm (after {COLD_WARMUP} others): "
          f"{n / cold:.0f} cold, {n / warm:.0f} warm pages/s per core\n")
    print("| stage | cold ms/page | warm ms/page | cold − warm | share of cold |")
    print("|---|---:|---:|---:|---:|")
    rows = [(depth, label, cs.get(label, 0.0), ws.get(label, 0.0)) for depth, _, _, label in STAGES]
    rows += [(1, f"step {name}", csteps.get(name, 0.0), wsteps.get(name, 0.0)) for name in csteps]
    rows.append((0, "whole pass", cold, warm))
    for depth, label, c, w in rows:
        print(f"| {'· ' * depth}{label} | {1000 * c / n:.2f} | {1000 * w / n:.2f} | {1000 * (c - w) / n:+.2f} "
              f"| {100 * c / cold:.1f} % |")
    return 0


def unwrap_stages(originals: dict) -> None:
    """Undo ``wrap_stages``: put back the functions it replaced."""
    for (module_name, attr), fn in originals.items():
        setattr(importlib.import_module(module_name), attr, fn)


if __name__ == "__main__":
    raise SystemExit(main())

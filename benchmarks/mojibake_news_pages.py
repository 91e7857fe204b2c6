#!/usr/bin/env python3
"""Mojibake repair on text of languages the differential corpus lacks, garbled every way.

    python benchmarks/mojibake_news_pages.py [--pages data/labelled/round10_heldout.txt]

Takes the hand-written news pages of a labelled set (27 languages in round 10's held-out
set: Arabic, Hebrew, Chinese, Korean, Japanese, Thai, Hindi, Welsh, Swahili...), two
documents per page (its first three article lines; its first six lines, menus included:
short lines), garbles each with every kind of ``tests/mojibake_corpus.py`` and prints,
per kind, how often ours and ftfy (the corpus config) give back the clean text exactly,
and how often ftfy is right where we are wrong. Only the pages' text is used; nothing of
their labels. With ``--other-codecs`` the garblings are UTF-8 read through the other
single-byte codecs ftfy knows (cp1250, ISO-8859-2, cp1253, cp1254, cp1257, cp437). Round 10 studied this output (it is a dev check for the mojibake repair, not
held out).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus_clean.mojibake import repair  # noqa: E402
from corpus_clean.mojibake.ftfy_config import DATATROVE_FTFY_CONFIG  # noqa: E402
from mojibake_corpus import GARBLINGS, OTHER_CODEC_GARBLINGS, garble  # noqa: E402
from training.labelled import HELD_OUT, load_pages  # noqa: E402

# Bytes lost to U+FFFD are recoverable only in one case: not a kind to compare here.
SKIPPED_KINDS = {"lossy-fffd"}


def documents(path: Path, half: str = "all") -> list[tuple[str, str]]:
    """(language, text): each page's first three article lines, and its first six lines.
    ``half`` "odd" / "even" keeps the 1st, 3rd, ... / 2nd, 4th, ... pages only (study one
    half of a new set, report the other as held out)."""
    docs = []
    pages = load_pages(path)
    if half != "all":
        pages = pages[0 if half == "odd" else 1 :: 2]
    for page in pages:
        article = [line for line, label in zip(page.lines, page.labels) if label == "article"]
        if article:
            docs.append((page.lang, "\n".join(article[:3])))
        docs.append((page.lang, "\n".join(page.lines[:6])))
    return docs


def tally(docs, kinds, on_miss=None) -> dict[str, list[int]]:
    """Per kind, ``[documents, ours exact, ftfy exact, ftfy right where ours is wrong]`` over
    ``docs`` (``(language, text)`` pairs), each garbled every way of ``kinds`` that changes it
    (``SKIPPED_KINDS`` left out); ``on_miss(kind, language, clean, ours, theirs)`` hears each
    document we get wrong. Shared with ``mojibake_cldr_pages.py``."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for lang, text in docs:
        for kind in kinds:
            if kind in SKIPPED_KINDS:
                continue
            garbled, clean = garble(kind, text)
            if garbled == clean:
                continue
            ours = repair(garbled)[0]
            theirs = ftfy.fix_text(garbled, config=DATATROVE_FTFY_CONFIG)
            row = totals[kind]
            row[0] += 1
            row[1] += ours == clean
            row[2] += theirs == clean
            row[3] += theirs == clean and ours != clean
            if ours != clean and on_miss is not None:
                on_miss(kind, lang, clean, ours, theirs)
    return totals


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default=str(ROOT / "data" / "labelled" / "round10_heldout.txt"))
    ap.add_argument("--other-codecs", action="store_true",
                    help="garble through the other single-byte codecs ftfy knows (cp1250, ISO-8859-2, "
                         "cp1253, cp1254, cp1257, cp437) instead of the bench's kinds")
    ap.add_argument("--half", choices=("all", "odd", "even"), default="all",
                    help="only the odd (1st, 3rd, ...) or even pages of the set")
    args = ap.parse_args(argv)
    kinds = OTHER_CODEC_GARBLINGS if args.other_codecs else GARBLINGS
    misses: Counter = Counter()
    totals = tally(documents(Path(args.pages), args.half), kinds,
                   lambda kind, lang, clean, ours, theirs: misses.update([f"{kind} ({lang})"]))
    print("| kind | documents | ours exact % | ftfy (corpus config) exact % | ftfy right, ours wrong |")
    print("|---|---:|---:|---:|---:|")
    for kind, (n, ours_right, ftfy_right, only_ftfy) in sorted(totals.items()):
        print(f"| {kind} | {n} | {100 * ours_right / n:.1f} | {100 * ftfy_right / n:.1f} | {only_ftfy} |")
    if Path(args.pages).name in HELD_OUT:  # (a held-out set is read as totals only: not even its languages)
        print(f"\nOurs wrong: {sum(misses.values())} documents (a held-out set: totals only)")
    else:
        print("\nOurs wrong:", ", ".join(f"{name} ×{count}" for name, count in misses.most_common()) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())

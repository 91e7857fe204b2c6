#!/usr/bin/env python3
"""Mojibake repair on words of every language CLDR writes, garbled every way.

    python benchmarks/mojibake_cldr_pages.py [--other-codecs] [--variant plain|punct|short|long] [--seed N] [--show]

The labelled news pages know ~200 languages; a page of any other language meets rules
that were never tried on its letters. Babel's CLDR data (installed through trafilatura)
writes, for 250-odd languages, the names of countries, languages, months and days in
that language. Two documents per language (three lines; six lines), built from those
names: ``plain`` (lists of names), ``punct`` (a third of the words in quotes, dashes,
prices, dates: “…” «…» — … € °C), ``short`` (six one-word lines, then a list: a menu),
``long`` (a long first line). Each is garbled with every kind of
``tests/mojibake_corpus.py`` and repaired; the table prints, per kind, ours and ftfy
(the corpus config) exact %, and how often ftfy is right where we are wrong.

Caution: `corpus_clean/mojibake/cldr_alphabets.py` is generated from the same CLDR data,
so the CLDR alphabet vote is in sample here; the other rules are not (they were made on
the labelled news pages). Round 22 studied this output (a dev check, not held out).
"""
from __future__ import annotations

import argparse
import difflib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mojibake_corpus import GARBLINGS, OTHER_CODEC_GARBLINGS  # noqa: E402
from mojibake_news_pages import tally  # noqa: E402  (the same scoring as the news pages')

_WRAPPERS = ("“{}”", "«{}»", "{} —", "{}…", "„{}“", "{}’s", "{} – 2026", "• {}", "{} ©", "№ 5 {}",
             "{} 12 °C", "{} 30 €", "‘{}’", "{}:", "({})", "{}!", "{}?", "{} 15%", "{}.", "‹{}›")


def _strings(value) -> list[str]:
    """Every string inside a CLDR value (dicts and lists of names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def documents(variant: str = "plain", seed: int = 0) -> list[tuple[str, str]]:
    """(language, text): two documents per CLDR language with ten non-ASCII names or more."""
    from babel import localedata

    rnd = random.Random(seed)
    docs = []
    for locale in sorted(localedata.locale_identifiers()):
        if "_" in locale:
            continue
        data = localedata.load(locale)
        places = [name for name in _strings(data.get("territories", {})) if not name.isascii()]
        languages = [name for name in _strings(data.get("languages", {})) if not name.isascii()]
        months = _strings(data.get("months", {}).get("format", {}).get("wide", {}))
        days = _strings(data.get("days", {}).get("format", {}).get("wide", {}))
        if len(places) < 10:
            continue
        rnd.shuffle(places)
        rnd.shuffle(languages)
        lines = [" ".join(places[:8]), ", ".join(languages[:7]), " ".join(months[:6]), places[8],
                 " ".join(days), " ".join(places[9:14])]
        if variant == "punct":
            lines = [" ".join(rnd.choice(_WRAPPERS).format(word) if rnd.random() < 0.3 else word
                              for word in line.split(" ")) for line in lines]
        elif variant == "short":
            words = [word for word in " ".join(places[:20]).split(" ") if word]
            lines = words[:6] + [" ".join(places[20:40])]
        elif variant == "long":
            lines = [" ".join(places[:30]) + ". " + ", ".join(languages[:30]) + "."] + lines
        docs.append((locale, "\n".join(lines[:3])))
        docs.append((locale, "\n".join(lines)))
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--other-codecs", action="store_true", help="the other single-byte code pages ftfy knows")
    ap.add_argument("--variant", choices=("plain", "punct", "short", "long"), default="plain")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", action="store_true", help="print each document we get wrong (a diff)")
    args = ap.parse_args(argv)
    kinds = OTHER_CODEC_GARBLINGS if args.other_codecs else GARBLINGS

    def show(kind: str, language: str, clean: str, ours: str, theirs: str) -> None:
        print(f"=== {kind} ({language}) ftfy right: {theirs == clean}")
        matcher = difflib.SequenceMatcher(None, clean, ours, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op != "equal":
                print(f"  clean {clean[max(0, a0 - 12):a1 + 12]!r}\n  ours  {ours[max(0, b0 - 12):b1 + 12]!r}")

    totals = tally(documents(args.variant, args.seed), kinds, show if args.show else None)
    print(f"\nCLDR documents ({args.variant}, seed {args.seed}), exact %\n")
    print("| kind | n | ours | ftfy | ftfy right, ours wrong |")
    print("|---|---:|---:|---:|---:|")
    for kind, (n, ours, theirs, worse) in totals.items():
        print(f"| {kind} | {n} | {100 * ours / n:.1f} | {100 * theirs / n:.1f} | {worse} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Does the text path cut article lines from a short story inside page furniture?

    python benchmarks/robustness.py [--model corpus_clean/boilerplate/classifier.json]
        [--thresholds 0.45,0.55,0.65]

The benchmark pages are long flattened web pages; real inputs are often a short story
with a menu above and a footer below. This takes the article paragraphs of the
bundled samples (``data/expected/samples.json``, written for this project, so no
external data is needed), cuts them to 3, 5, 8 and all paragraphs, optionally puts a
subheading after the second paragraph (a subheading is not prose, so the classifier
runs; a text of paragraphs only is left to the rules), wraps each in 4 page tops x 4
page bottoms, with single and double line breaks, and counts the article lines the
text path removes. Printed per threshold: article lines lost, and pages with a loss.
"""
from __future__ import annotations

import argparse
import copy
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_clean.boilerplate.classifier import MODEL_PATH, StackedModel  # noqa: E402
from corpus_clean.boilerplate.engine import strip  # noqa: E402

PAGE_TOPS = [
    ["Home", "News", "Sport", "Weather", "Sign in"],
    ["Menu", "Search", "Subscribe"],
    ["Skip to content", "World", "Politics", "Business", "Tech", "Opinion"],
    [],
]
PAGE_BOTTOMS = [
    ["Most Read", "Ten Towns Where Houses Still Cost Less Than a Car", "Privacy Policy", "Contact Us"],
    ["Share this article", "Facebook", "Twitter", "Email"],
    ["© 2024 Harbour Times. All rights reserved."],
    [],
]
SUBHEADING = "What Happens Next"


def stories() -> list[list[str]]:
    samples = json.loads((ROOT / "data" / "expected" / "samples.json").read_text(encoding="utf-8"))
    return [s["content"] for s in samples.values() if s.get("content")]


def article_lines_lost(model: StackedModel, with_subheading: bool) -> tuple[int, int, int, int]:
    """(article lines lost, article lines in all, pages with a loss, pages)."""
    lost = total = pages_hit = pages = 0
    for story in stories():
        for n in sorted({3, 5, 8, len(story)}):
            body = story[:n]
            if with_subheading:
                body = body[:2] + [SUBHEADING] + body[2:]
            for top, bottom in itertools.product(PAGE_TOPS, PAGE_BOTTOMS):
                for separator in ("\n", "\n\n"):
                    clean, _ = strip(separator.join(top + body + bottom) + "\n", model=model)
                    kept = set(clean.split("\n"))
                    missing = sum(line not in kept for line in body)
                    lost += missing
                    total += len(body)
                    pages_hit += missing > 0
                    pages += 1
    return lost, total, pages_hit, pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(MODEL_PATH))
    ap.add_argument("--thresholds", help="comma-separated thresholds to try (default: the model's own)")
    args = ap.parse_args(argv)
    params = json.loads(Path(args.model).read_text(encoding="utf-8"))
    thresholds = [float(t) for t in args.thresholds.split(",")] if args.thresholds else [params["threshold"]]
    print("| threshold | paragraphs only: article lines lost | with a subheading: article lines lost | pages with a loss |")
    print("|---:|---:|---:|---:|")
    for threshold in thresholds:
        model = StackedModel({**copy.deepcopy(params), "threshold": threshold})
        plain = article_lines_lost(model, with_subheading=False)
        sub = article_lines_lost(model, with_subheading=True)
        mark = " (shipped)" if threshold == params["threshold"] else ""
        print(f"| {threshold:.2f}{mark} | {plain[0]} of {plain[1]} ({plain[0] / plain[1]:.2%}) "
              f"| {sub[0]} of {sub[1]} ({sub[0] / sub[1]:.2%}) | {plain[2] + sub[2]} of {plain[3] + sub[3]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

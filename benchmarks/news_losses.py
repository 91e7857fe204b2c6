"""Which step cut the article lines of the labelled news pages: counts by rule, per set.

    python benchmarks/news_losses.py                 # counts by rule on every set
    python benchmarks/news_losses.py --lines dev15   # and the lines themselves, studied sets only

The text path reports every removal with the rule that made it (``Removal.rule``: a pack
rule's id, a story step's id such as ``story.insert``, or ``classifier``). For each labelled
file of ``news_pages.SETS`` this prints how many article lines each rule cut, and how many noise
lines it removed (so a rule's gain and loss are read side by side). Held-out and check sets
print totals by rule only; the lines themselves are printed only for the sets named by
``--lines`` (a studied set's key, as ``news_pages.py --misses``).
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_clean.boilerplate import strip_boilerplate_many  # noqa: E402
from news_pages import MISSES, SETS  # noqa: E402
from training.labelled import load_pages  # noqa: E402

STUDIED_KEYS = MISSES  # the studied sets whose lines may be shown: news_pages.py --misses' table


def rule_of_each_line(doc, removals) -> list[str | None]:
    """Per line of `doc`: the rule of the removal that holds the whole line, else None (kept).

    >>> from training.newsgen import NoisyDoc
    >>> from corpus_clean.boilerplate import Removal
    >>> d = NoisyDoc("x", "A", "en", ["Share", "Body text."], ["share", "article"])
    >>> rule_of_each_line(d, [Removal(0, 6, "social.share", "Share\\n")])
    ['social.share', None]
    """
    out, pos = [], 0
    for line in doc.lines:
        stripped = line.strip()
        start = pos + (line.index(stripped) if stripped else 0)
        end = start + len(stripped)
        out.append(next((r.rule for r in removals if stripped and r.start <= start and end <= r.end), None))
        pos += len(line) + 1
    return out


def losses_and_gains(pages):
    """(article lines cut by rule, noise lines removed by rule, [(page, rule, line) cut article lines])."""
    cut_article, cut_noise, lines = collections.Counter(), collections.Counter(), []
    outputs = strip_boilerplate_many([p.text for p in pages])
    for page, (_, removals) in zip(pages, outputs):
        for line, label, rule in zip(page.lines, page.labels, rule_of_each_line(page, removals)):
            if rule is None:
                continue
            if label == "article":
                cut_article[rule] += 1
                lines.append((page.family, rule, line))
            else:
                cut_noise[rule] += 1
    return cut_article, cut_noise, lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", action="append", default=[], choices=sorted(STUDIED_KEYS),
                    help="print the cut article lines of this studied set (repeatable)")
    args = ap.parse_args(argv)
    shown = {STUDIED_KEYS[k] for k in args.lines}
    for name, path in SETS.items():
        cut_article, cut_noise, lines = losses_and_gains(load_pages(path))
        if not cut_article:
            continue
        print(f"\n{name}: {sum(cut_article.values())} article lines cut")
        for rule, n in cut_article.most_common():
            print(f"  {n:3d} by {rule:40s} (the rule removed {cut_noise[rule]} noise lines)")
        if any(name.startswith(key) for key in shown):
            for family, rule, line in lines:
                print(f"    {family:26s} {rule:28s} {line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

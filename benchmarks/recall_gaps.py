#!/usr/bin/env python3
"""Where the text path loses article text: gold tokens cut, by the rule (or the
classifier) that cut them and by the shape of the cut line.

    python benchmarks/recall_gaps.py SHARED_BENCH_DIR [--half dev|held-out|all] [--set readability|scrapinghub]
                                     [--model MODEL.json] [--examples 5] [--kept]

Readability's real pages (not its 31 test fixtures, ``training.lodo``) and scrapinghub's
pages are split into halves the way ``benchmarks/extraction.py`` does (``is_dev_half``: the
first hex digit of the SHA-256 of the page id is 0-7): look at one half, report fixes on
the other. (Before the ninth round the recall side read all of scrapinghub's pages
whatever ``--half`` said.)

Each page's ``naive_text`` (after ``join_broken_words``, as the benchmark runs it) is
cleaned by the text path (with ``--model``, a classifier that never saw the set, e.g.
``training.lodo --save-models``'s ``held-out-readability.json``: the shipped one was fit
with readability as an extra bench); its word tokens are aligned with the gold body's
(``difflib``, blocks of 3+ tokens, as ``training.fit`` labels lines). A removed span's
aligned tokens are article text lost. Prints one markdown table: reason x line shape,
with lines, tokens and recall points (a page's lost share of its gold tokens, averaged
over pages like ``score.py``).

``--kept`` prints the precision side instead: lines kept whose tokens are mostly not in
the gold body, by where they stand (above the page's first gold line, inside the gold
span, below its last) and shape, with precision points (a page's kept tokens that are
not article, as a share of all it kept, averaged over pages).
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_clean.boilerplate import join_broken_words  # noqa: E402
from corpus_clean.boilerplate.classifier import StackedModel, load_model  # noqa: E402
from corpus_clean.boilerplate.engine import strip  # noqa: E402
from extraction import is_dev_half  # noqa: E402
from training.lodo import FIXTURE_WORDS  # noqa: E402

TOKEN = re.compile(r"\w+")


def line_shape(line: str) -> str:
    """A coarse kind of line: what it looks like, not what it says."""
    words = line.split()
    n = len(words)
    letters = sum(c.isalpha() for c in line)
    if n <= 3 and letters < 0.5 * max(len(line.strip()), 1):
        return "1-3 words, mostly symbols/digits"
    if n <= 3:
        return "1-3 words"
    if line.rstrip()[-1:] not in ".!?:;\"”)":
        return "4+ words, no sentence end"
    return "paragraph <25 words" if n < 25 else "paragraph 25+ words"


@dataclass
class LinesByKey:
    """Lines counted by key, (a reason: a rule or where the line stands, its shape): how
    many lines, their points, and the first few of them (stripped, cut to
    ``example_chars``) as examples.

    >>> tally = LinesByKey(examples_per_key=1)
    >>> tally.add("share_bar", "Share this story", 1.5)
    ('share_bar', '1-3 words')
    >>> key = tally.add("share_bar", "Share on Facebook", 0.5)
    >>> tally.lines[key], tally.points[key], tally.examples[key]
    (2, 2.0, ['Share this story'])
    """
    examples_per_key: int
    example_chars: int = 100
    lines: Counter = field(default_factory=Counter)
    points: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, reason: str, line: str, points: float) -> tuple[str, str]:
        """Count one line under (reason, its shape); return that key."""
        key = (reason, line_shape(line))
        self.lines[key] += 1
        self.points[key] += points
        if len(self.examples[key]) < self.examples_per_key:
            self.examples[key].append(line.strip()[:self.example_chars])
        return key


def records(bench_dir: Path, which: str, half: str):
    with gzip.open(bench_dir / f"{which}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if which == "readability" and (
                    len(rec.get("html") or "") < 5000 or FIXTURE_WORDS.search(rec.get("gold_text") or "")):
                continue  # a test fixture
            if half != "all" and is_dev_half(rec) != (half == "dev"):
                continue
            yield rec


def aligned_tokens(text: str, gold: str) -> tuple[list, list[bool]]:
    """The text's word tokens (start, end, token) and whether each aligns with the gold
    body's tokens (``difflib`` blocks of 3+ tokens, as ``training.fit`` labels lines)."""
    spans = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    aligned = [False] * len(spans)
    sm = difflib.SequenceMatcher(None, [s[2] for s in spans], TOKEN.findall(gold), autojunk=False)
    for a, _, size in sm.get_matching_blocks():
        if size >= 3:
            aligned[a:a + size] = [True] * size
    return spans, aligned


def kept_noise(text: str, gold: str, removed) -> list[tuple[str, str, int]]:
    """The kept lines whose tokens are mostly not article: (where, line, tokens), where
    is "above the article", "inside the article span" or "below the article"."""
    spans, aligned = aligned_tokens(text, gold)
    starts = [s[0] for s in spans]
    cut = sorted((r.start, r.end) for r in removed)
    gold_lines, out, pos = [], [], 0
    for line in text.split("\n"):
        a, b = bisect_left(starts, pos), bisect_left(starts, pos + len(line))
        is_cut = any(lo <= pos < hi for lo, hi in cut)
        gold_lines.append((pos, line, a, b, is_cut, b > a and sum(aligned[a:b]) * 2 >= b - a))
        pos += len(line) + 1
    article_rows = [k for k, g in enumerate(gold_lines) if g[5]]
    first, last = (article_rows[0], article_rows[-1]) if article_rows else (len(gold_lines), -1)
    for k, (_, line, a, b, is_cut, is_article) in enumerate(gold_lines):
        if b > a and not is_cut and not is_article:
            where = "above the article" if k < first else "below the article" if k > last else "inside the article span"
            out.append((where, line, b - a))
    return out


def article_lines_cut(text: str, gold: str, removed) -> list[tuple[str, str, int]]:
    """The cut lines whose tokens are mostly article: (rule, line, article tokens lost),
    line by line (a removed span holds whole lines), in the order the spans were cut."""
    spans, aligned = aligned_tokens(text, gold)
    starts = [s[0] for s in spans]
    out = []
    for r in removed:
        pos = r.start
        for line in r.text.split("\n"):
            a, b = bisect_left(starts, pos), bisect_left(starts, pos + len(line))
            pos += len(line) + 1
            lost = sum(aligned[a:b])
            if b > a and lost * 2 >= b - a:
                out.append((r.rule, line, lost))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("--set", default="readability", choices=("readability", "scrapinghub"))
    ap.add_argument("--half", default="dev", choices=("dev", "held-out", "all"))
    ap.add_argument("--examples", type=int, default=0, help="print this many lost lines per reason")
    ap.add_argument("--model", help="classifier parameters JSON (default: the shipped one)")
    ap.add_argument("--kept", action="store_true", help="the precision side: kept lines the gold does not hold")
    args = ap.parse_args(argv)
    model = StackedModel(json.loads(Path(args.model).read_text())) if args.model else load_model()
    if args.kept:
        return print_kept(Path(args.bench_dir), args, model)
    cut = LinesByKey(args.examples)
    tokens: Counter = Counter()
    n_pages = 0
    for rec in records(Path(args.bench_dir), args.set, args.half):
        text, _ = join_broken_words(rec.get("naive_text") or "")
        gold_tokens = TOKEN.findall(rec.get("gold_text") or "")
        if not gold_tokens:
            continue
        n_pages += 1
        _, removed = strip(text, model=model)
        for rule, line, lost in article_lines_cut(text, rec.get("gold_text") or "", removed):
            tokens[cut.add(rule, line, 100.0 * lost / len(gold_tokens))] += lost
    print(f"{args.set} ({args.half} half), {n_pages} pages, model {args.model or 'shipped'}: article lines cut\n")
    print_breakdown(("reason", "line shape", "lines", "tokens", "recall points lost"), cut.points,
                    [cut.lines, tokens], n_pages, cut.examples)
    return 0


def print_breakdown(header: tuple, points: Counter, counts: list, n_pages: int, examples: dict) -> None:
    """One markdown row per key (its points averaged over pages; keys under 0.01 left
    out), a total, then the examples of keys of 0.1 points or more."""
    print("| " + " | ".join(header) + " |")
    print("|---|---|" + "---:|" * (len(header) - 2))
    for key, pts in sorted(points.items(), key=lambda kv: -kv[1]):
        if pts / n_pages >= 0.01:
            print(f"| {key[0]} | {key[1]} | " + " | ".join(str(c[key]) for c in counts) + f" | {pts / n_pages:.2f} |")
    print("| **total** | | " + " | ".join(str(sum(c.values())) for c in counts)
          + f" | {sum(points.values()) / n_pages:.2f} |")
    for key, ex in examples.items():
        if points[key] / n_pages >= 0.1:
            print(f"\n{key}:", *ex, sep="\n  ")


def print_kept(bench_dir: Path, args, model) -> int:
    """The precision side: where the kept non-article lines are, by place and shape."""
    kept = LinesByKey(args.examples)
    n_pages = 0
    for rec in records(bench_dir, args.set, args.half):
        text, _ = join_broken_words(rec.get("naive_text") or "")
        gold = rec.get("gold_text") or ""
        if not TOKEN.search(gold):
            continue
        n_pages += 1
        kept_text, removed = strip(text, model=model)
        n_kept = max(len(TOKEN.findall(kept_text)), 1)
        for where, line, n_tokens in kept_noise(text, gold, removed):
            kept.add(where, line, 100.0 * n_tokens / n_kept)
    print(f"{args.set} ({args.half} half), {n_pages} pages, model {args.model or 'shipped'}: non-article lines kept\n")
    print_breakdown(("where", "line shape", "lines", "precision points lost"), kept.points, [kept.lines], n_pages,
                    kept.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

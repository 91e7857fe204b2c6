#!/usr/bin/env python3
"""Snapshot the HTML extractor's output, or check that it did not change (speed work).

    python benchmarks/html_equivalence.py save  SNAPSHOT.jsonl.gz --bench ../shared/bench/boilerplate \\
        --extra wcxb-dev.jsonl.gz --extra wcxb-test.jsonl.gz
    python benchmarks/html_equivalence.py check SNAPSHOT.jsonl.gz --bench ../shared/bench/boilerplate \\
        --extra wcxb-dev.jsonl.gz --extra wcxb-test.jsonl.gz

Runs ``extract_main_text`` on every page of: the bench's scrapinghub and readability
sets (``--bench``), any ``--extra`` JSONL(.gz) file with an ``html`` field (WCXB dev
and test), the generated page families of ``benchmarks/html_pages.py`` (seen and
unseen, ``--n-generated`` each), and a few odd inputs (empty, no tag, no body, a
deep nest). For every page it records the article text, every Removal's (start,
end, rule), a hash of the visible text and the metadata, one JSON line per page;
``check`` prints the first differences and exits 1 when any page's output differs.
Snapshots stay outside the repository (they hold the bench's text).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_clean.html import extract_main_text  # noqa: E402

ODD_PAGES = [
    ("empty", ""),
    ("no-tag", "just words, no markup, 1 < 2"),
    ("no-body", "<html><head><title>T</title></head></html>"),
    ("deep-nest", "<body>" + "<div>" * 6000 + "<p>" + "Deep words, here. " * 10 + "</p>" + "</div>" * 6000),
    ("spans", "<body><p>" + "<span>" * 200 + "Nested, inline, words. " * 8 + "</span>" * 200 + "</p></body>"),
]


def _read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def pages(bench_dir: Path | None, extra: list[Path], n_generated: int) -> Iterator[tuple[str, str]]:
    """(name, html) of every page the snapshot covers, in a fixed order."""
    if bench_dir is not None:
        for name in ("scrapinghub.jsonl.gz", "readability.jsonl.gz"):
            for k, rec in enumerate(_read_jsonl(bench_dir / name)):
                yield f"{name}:{k}", rec["html"]
    for path in extra:
        for k, rec in enumerate(_read_jsonl(path)):
            yield f"{path.name}:{k}", rec["html"]
    if n_generated:
        import html_pages

        for unseen in (False, True):
            for rec in html_pages.generate(n_generated, seed=11, unseen=unseen):
                yield f"generated:{rec['id']}", rec["html"]
    yield from ((f"odd:{name}", html) for name, html in ODD_PAGES)


def output(html: str) -> dict:
    """What the extractor says about one page, in JSON types."""
    ex = extract_main_text(html)
    return {
        "text": ex.text,
        "removed": [[r.start, r.end, r.rule] for r in ex.removed],
        "visible_sha1": hashlib.sha1(ex.visible_text.encode("utf-8")).hexdigest(),
        "meta": [ex.title, ex.byline, ex.published, ex.lang, ex.flattened_tags],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["save", "check"])
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--bench", type=Path, help="the bench's boilerplate directory (scrapinghub/readability)")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more JSONL(.gz) pages (WCXB)")
    ap.add_argument("--n-generated", type=int, default=150, help="generated pages per family set (seen, unseen)")
    args = ap.parse_args(argv)
    got = ({"name": name, **output(html)} for name, html in pages(args.bench, args.extra, args.n_generated))
    if args.action == "save":
        count = 0
        with gzip.open(args.snapshot, "wt", encoding="utf-8") as f:
            for row in got:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        print(f"saved {count} pages to {args.snapshot}")
        return 0
    want = list(_read_jsonl(args.snapshot))
    bad = total = 0
    for expected, row in zip(want, got):
        total += 1
        if expected["name"] != row["name"]:
            print(f"the snapshot covers other pages ({expected['name']} vs {row['name']})")
            return 1
        if expected != row:
            bad += 1
            if bad <= 10:
                fields = [key for key in row if row[key] != expected.get(key)]
                print(f"{row['name']}: {', '.join(fields)} differ")
    if total != len(want):
        print(f"the snapshot has {len(want)} pages, this run {total}")
        return 1
    print(f"{total - bad} of {total} pages identical")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

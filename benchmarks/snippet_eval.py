#!/usr/bin/env python3
"""The HTML path on trafilatura's own evaluation corpus, scored by its snippets.

    python benchmarks/snippet_eval.py TRAFILATURA_GIT_DIR [--half dev|heldout|all] [--limit N]
                                      [--per-page OUT.jsonl] [--text-path]

trafilatura's repository (github.com/adbar/trafilatura, Apache-2.0) keeps ~1,000 real
pages (``tests/eval/``, ``tests/cache/``) with, for each, up to six snippets the main
text must hold ("with") and up to six it must not ("without"), in
``tests/evaldata.json``. This script reads them straight from a clone or a bare git
directory (nothing is copied into this repository), gives every system the same page
text (the bytes decoded as our HTML reader decodes them: ``UnicodeDammit``, which
honours ``<meta charset>``), and scores each as trafilatura's ``tests/eval_common.py``
does: a snippet is found when it is a substring of the output after runs of whitespace
become one space; precision = found "with" / (found "with" + found "without"),
recall = found "with" / all "with", accuracy counts the "without" not found too.

Systems: ours (the pipeline on an HTML record, as ``extraction.py``'s HTML path),
trafilatura (``extract(..., include_comments=False, include_tables=True)``, its
benchmark's settings), readability-lxml (``summary(html_partial=True)`` as text),
identity (our whole visible text, before any cut). With ``--text-path`` the same
systems get the page's plain text instead (its text as the bench's ``naive_text``:
BeautifulSoup's text, one line per block, blank lines dropped), ours through the text
path, trafilatura and readability-lxml through that text as a page of ``<p>`` lines, as
``extraction.py`` does for the text rows.

**Halves** (``--half``, round 8): a page is in the DEV half when the first byte of the
SHA-1 of its file name (``evaldata.json``'s ``file``, e.g. ``ard.de.html``) is even, in
the HELD-OUT half when it is odd: stable across runs and clones, and independent of the
URL order. Rules are studied page by page on DEV only; HELD-OUT is read as totals.

**Read the table with care.** The corpus is unseen for corpus-clean (never looked at
while tuning), but it is trafilatura's own: its authors check every change against it,
so trafilatura's row is in-sample. Pages are mostly German news, blogs and institutional
sites, then English, French, Polish and others.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from typing import Callable, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from extraction import _version, as_page, bs_text, make_readability, ours_html, ours_text, visible_text  # noqa: E402

from corpus_clean import html as html_mod  # noqa: E402


def git_blob_reader(git_dir: str) -> Callable[[str], Optional[bytes]]:
    """path -> bytes at HEAD of a clone or bare git directory (None if absent)."""
    def read(path: str) -> Optional[bytes]:
        done = subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True)
        return done.stdout if done.returncode == 0 else None
    return read


def reader_for(root: str) -> Callable[[str], Optional[bytes]]:
    """A checkout's files if ``root`` holds ``tests/evaldata.json``, else its git objects."""
    if os.path.isfile(os.path.join(root, "tests", "evaldata.json")):
        def read(path: str) -> Optional[bytes]:
            full = os.path.join(root, path)
            return open(full, "rb").read() if os.path.isfile(full) else None
        return read
    git_dir = os.path.join(root, ".git") if os.path.isdir(os.path.join(root, ".git")) else root
    return git_blob_reader(git_dir)


def half_of(file_name: str) -> str:
    """``"dev"`` or ``"heldout"``, by the parity of the first byte of the name's SHA-1.

    >>> half_of("ard.de.html") in ("dev", "heldout")
    True
    """
    return "dev" if hashlib.sha1(file_name.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def load_pages(root: str, limit: Optional[int] = None, half: str = "all") -> list[dict]:
    """[{url, file, html, with, without}] of one half (or all), in the corpus' URL order."""
    read = reader_for(root)
    annotations = json.loads(read("tests/evaldata.json"))
    urls = [url for url in sorted(annotations)
            if half == "all" or half_of(annotations[url]["file"]) == half]
    pages = []
    for url in urls[:limit]:
        item = annotations[url]
        data = read(f"tests/eval/{item['file']}") or read(f"tests/cache/{item['file']}")
        if data is None:
            continue
        pages.append({"url": url, "file": item["file"], "html": page_text(data),
                      "with": item["with"], "without": item["without"]})
    return pages


def page_text(data: bytes) -> str:
    """The bytes decoded as our HTML reader decodes a file (``readers.read_html_file``)."""
    from bs4.dammit import UnicodeDammit

    return UnicodeDammit(data, is_html=True).unicode_markup or data.decode("utf-8", "replace")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def counts(page: dict, output: str) -> tuple[int, int, int, int]:
    """(found "with", found "without", missed "with", "without" not found)."""
    text = norm(output)
    tp = sum(1 for snippet in page["with"] if norm(snippet) in text)
    fp = sum(1 for snippet in page["without"] if norm(snippet) in text)
    return tp, fp, len(page["with"]) - tp, len(page["without"]) - fp


def scores(tp: int, fp: int, fn: int, tn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": (tp + tn) / (tp + fp + fn + tn)}


def make_trafilatura() -> Optional[Callable[[str], str]]:
    try:
        import trafilatura
    except ImportError:
        print("# trafilatura not installed (make install-bench): its row is skipped", file=sys.stderr)
        return None
    return lambda page: trafilatura.extract(page, include_comments=False, include_tables=True) or ""


def evaluate(pages: list[dict], systems: dict[str, Callable[[str], str]]) -> tuple[list[dict], list[dict]]:
    """One row per system (totals, seconds inside it, empty outputs) and per-page counts."""
    rows, per_page = [], [{"url": page["url"]} for page in pages]
    for name, extract in systems.items():
        html_mod.clear_caches()
        totals, spent, empty = [0, 0, 0, 0], 0.0, 0
        for page, record in zip(pages, per_page):
            started = time.process_time()
            try:
                output = extract(page["html"]) or ""
            except Exception:  # noqa: BLE001 - a crash is a full miss, as in trafilatura's benchmark
                output = ""
            spent += time.process_time() - started
            empty += not output.strip()
            page_counts = counts(page, output)
            totals = [a + b for a, b in zip(totals, page_counts)]
            record[name] = page_counts
        rows.append({"system": name, **scores(*totals), "pages": len(pages), "empty": empty,
                     "pages_per_s": len(pages) / spent if spent else 0.0})
    return rows, per_page


def markdown(rows: list[dict]) -> str:
    lines = ["| system | precision | recall | F1 | accuracy | empty outputs | pages/s (CPU) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['system']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                     f"{r['accuracy']:.3f} | {r['empty']} | {r['pages_per_s']:.0f} |")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trafilatura", help="a clone of github.com/adbar/trafilatura, or its bare git directory")
    parser.add_argument("--half", choices=("dev", "heldout", "all"), default="all",
                        help="pages of one half only (by a hash of the file name; see the docstring)")
    parser.add_argument("--limit", type=int, help="only the first N pages (by URL)")
    parser.add_argument("--per-page", help="write each page's (tp, fp, fn, tn) per system here (jsonl)")
    parser.add_argument("--text-path", action="store_true", help="give every system the page's plain text")
    parser.add_argument("--systems", help="comma-separated name prefixes to run (e.g. 'ours'); default all")
    args = parser.parse_args(argv)

    pages = load_pages(args.trafilatura, args.limit, args.half)
    traf, read = make_trafilatura(), make_readability()
    if args.text_path:
        for page in pages:
            page["html"] = bs_text(page["html"])  # each system gets the plain text ("html" is its input)
        systems = {"ours (text path)": ours_text,
                   "trafilatura (in-sample: its own corpus)": traf and (lambda text: traf(as_page(text))),
                   "readability-lxml": read and (lambda text: read(as_page(text))), "identity": lambda text: text}
    else:
        systems = {"ours": ours_html, "trafilatura (in-sample: its own corpus)": traf,
                   "readability-lxml": read, "identity": visible_text}
    wanted = args.systems.split(",") if args.systems else None
    systems = {name: fn for name, fn in systems.items()
               if fn is not None and (wanted is None or any(name.startswith(w) for w in wanted))}
    rows, per_page = evaluate(pages, systems)
    print(f"trafilatura's evaluation corpus ({'text' if args.text_path else 'HTML'} path, half: {args.half}): "
          f"{len(pages)} pages, "
          f"{sum(len(p['with']) for p in pages)} 'with' and {sum(len(p['without']) for p in pages)} 'without' "
          f"snippets; trafilatura {_version('trafilatura')}, readability-lxml {_version('readability-lxml')}\n")
    print(markdown(rows))
    if args.per_page:
        with open(args.per_page, "w", encoding="utf-8") as out:
            for record in per_page:
                out.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Convert the WCXB extraction benchmark into the jsonl ``extraction.py --extra`` reads.

    python benchmarks/build_wcxb.py GIT_DIR_OR_CHECKOUT OUT_DIR

WCXB (github.com/Murrough-Foley/web-content-extraction-benchmark, CC-BY-4.0):
2,008 real pages of 2025 (1,497 ``dev``, 511 held-out ``test``), seven page
types (article, forum, product, collection, listing, documentation,
service), human-reviewed gold ``main_content``. Writes one file per split,
``wcxb-dev.jsonl.gz`` and ``wcxb-test.jsonl.gz``, with ``id``, ``url``,
``html``, ``gold_text`` and ``group`` (the page type). Keep the output
outside the repository: it is third-party page text.

Reads a bare git directory (what the ``fetch`` tool gives) with ``git``, or
a work tree directly.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys


def _reader(source: str):
    """Functions ``path -> bytes`` and ``folder -> file names`` over a work tree or a bare git directory."""
    if os.path.isfile(os.path.join(source, "metadata.json")):
        return (lambda path: open(os.path.join(source, path), "rb").read(),
                lambda folder: sorted(os.listdir(os.path.join(source, folder))))

    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", source, *args], check=True, capture_output=True).stdout

    return (lambda path: git("show", f"HEAD:{path}"),
            lambda folder: sorted(os.path.basename(n) for n in git("ls-tree", "--name-only", "HEAD", folder + "/")
                                  .decode().split()))


def page_type(truth: dict) -> str:
    """The page type as WCXB's own evaluate.py reads it (``category`` is ``collection``)."""
    kind = ((truth.get("_internal") or {}).get("page_type") or {})
    kind = kind.get("primary", "article") if isinstance(kind, dict) else (kind or "article")
    return "collection" if kind == "category" else kind


def build(source: str, out_dir: str) -> dict[str, int]:
    read, listdir = _reader(source)
    os.makedirs(out_dir, exist_ok=True)
    counts: dict[str, int] = {}
    for split in ("dev", "test"):
        # the folders, not metadata.json: it lists only 1,869 of the 2,008 pages
        ids = [name.removesuffix(".json") for name in listdir(f"{split}/ground-truth")]
        kept = skipped = 0
        with gzip.open(os.path.join(out_dir, f"wcxb-{split}.jsonl.gz"), "wt", encoding="utf-8") as out:
            for file_id in ids:
                truth = json.loads(read(f"{split}/ground-truth/{file_id}.json"))
                if not truth["ground_truth"].get("main_content"):
                    skipped += 1  # a few pages carry only with/without snippets, no gold text
                    continue
                html = gzip.decompress(read(f"{split}/html/{file_id}.html.gz")).decode("utf-8", "replace")
                record = {"id": file_id, "url": truth.get("url", ""), "html": html,
                          "gold_text": truth["ground_truth"]["main_content"], "group": page_type(truth)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                kept += 1
        counts[split] = kept
        counts[f"{split} without gold text (left out)"] = skipped
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(build(sys.argv[1], sys.argv[2]))

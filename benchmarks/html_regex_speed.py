#!/usr/bin/env python3
"""Which of Python's ``re`` patterns a cold pass of the HTML path pays for, pattern by pattern:

    python benchmarks/html_regex_speed.py /tmp/wcxb-test-300.jsonl [--tree TREE] [--top 25]

Every pattern compiled through ``re`` (``re.compile``, ``re.search(...)`` ...) is wrapped, before the
tree's modules are imported, in an object that times its calls (``search``, ``match``, ``fullmatch``,
``sub``, ``subn``, ``findall``, ``finditer``, ``split``; ``time.process_time`` around each, CPU time
that the machine's load moves less than wall time; the cycle collector off, so that a collection
is not counted in a call). The pages (the ``html`` field
of a JSONL(.gz) file) go through ``shards.clean_batch`` as a shard cleans them: a warm-up on the
file's last 20 pages, then each other page once (cold, as ``html_same_process.py --cold`` times them).
Prints, per pattern: ms a page, calls a page, characters of the texts it was given a page (all of a
text, also when a ``match`` at a position reads a few), of them in texts holding a
character beyond Latin-1 (Python's engine then reads two or four bytes a character: ``sre_ucs2``),
where the pattern was compiled and its two commonest callers.

Round 21 found with it the largest: ``html_posts.DATE_RE`` (~230 ns a character, all six forms of a
date tried at every position; 0.13 ms a WCXB test page, as much as the label names' regex over
54 labels a page, on the 1.3 items a page ``is_user_post`` reads).
The wrapper adds ~1 µs a call: read the table's order and call counts, not its sum, as the cost.
"""
from __future__ import annotations

import argparse
import collections
import gc
import gzip
import json
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split")
WARMUP = 20

# per pattern key: [calls, seconds, characters, calls on non-Latin-1 texts, their characters]
STATS: dict = collections.defaultdict(lambda: [0, 0.0, 0, 0, 0])
CALLERS: dict = collections.defaultdict(collections.Counter)
COMPILED_AT: dict = {}
ON = [False]


class Timed:
    """A compiled pattern whose calls are timed (see the module docstring)."""

    __slots__ = ("_pattern", "_key")

    def __init__(self, pattern: re.Pattern, key: str):
        self._pattern, self._key = pattern, key

    def __getattr__(self, name):
        method = getattr(self._pattern, name)
        if name not in METHODS:
            return method

        def call(*args, **kwargs):
            if not ON[0]:
                return method(*args, **kwargs)
            text = args[1] if name in ("sub", "subn") and len(args) > 1 else (args[0] if args else "")
            start = time.process_time()
            out = method(*args, **kwargs)
            if name == "finditer":
                out = list(out)
            row = STATS[self._key]
            row[0] += 1
            row[1] += time.process_time() - start
            if isinstance(text, str):
                row[2] += len(text)
                if not text.isascii() and max(text) > "\xff":
                    row[3] += 1
                    row[4] += len(text)
            caller = sys._getframe(1)
            CALLERS[self._key][f"{Path(caller.f_code.co_filename).name}:{caller.f_lineno}"] += 1
            return iter(out) if name == "finditer" else out
        return call

    def __hash__(self):
        return hash(self._pattern)

    def __eq__(self, other):
        return self._pattern == (other._pattern if isinstance(other, Timed) else other)


def _install() -> None:
    real = re._compile

    def compile_timed(pattern, flags=0):
        if isinstance(pattern, Timed):
            return pattern
        compiled = real(pattern, flags)
        source = compiled.pattern if isinstance(compiled.pattern, str) else repr(compiled.pattern)
        key = f"{source[:70]!r} /{int(compiled.flags)}"
        if key not in COMPILED_AT:
            frames = [f for f in traceback.extract_stack()[:-1] if "/re/" not in f.filename]
            COMPILED_AT[key] = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return Timed(compiled, key)

    re._compile = compile_timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path, help="JSONL(.gz) with an `html` field per page")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the code tree to run (default: this one)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    _install()  # (before the tree's modules compile their patterns)
    sys.path.insert(0, str(args.tree))
    from corpus_clean.document import Document
    from corpus_clean.shards import BATCH_DOCS, clean_batch
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    steps = resolve_steps(DEFAULT_STEPS)
    opener = gzip.open if args.pages.suffix == ".gz" else open
    with opener(args.pages, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]

    def one_pass(recs: list[dict]) -> None:
        docs = [Document(id=str(k), source="pages", raw_text="", raw_sha256="", html=r["html"], record_index=k)
                for k, r in enumerate(recs)]
        for i in range(0, len(docs), BATCH_DOCS):
            clean_batch(docs[i:i + BATCH_DOCS], steps, "bench")

    one_pass(records[-WARMUP:])
    gc.collect()
    gc.disable()
    ON[0] = True
    start = time.process_time()
    one_pass(records[:-WARMUP])
    seconds = time.process_time() - start
    ON[0] = False
    gc.enable()
    pages = len(records) - WARMUP
    print(f"{pages} pages cold in {seconds:.2f} s CPU; Python re's calls (timed): "
          f"{sum(row[1] for row in STATS.values()):.3f} s\n")
    print("| ms a page | calls a page | chars a page | of them beyond Latin-1 | compiled at | callers | pattern |")
    print("|---:|---:|---:|---:|---|---|---|")
    for key, row in sorted(STATS.items(), key=lambda kv: -kv[1][1])[:args.top]:
        callers = ", ".join(f"{where} ×{n}" for where, n in CALLERS[key].most_common(2))
        print(f"| {row[1] * 1e3 / pages:.3f} | {row[0] / pages:.1f} | {row[2] / pages:.0f} | {row[4] / pages:.0f} "
              f"| {COMPILED_AT.get(key)} | {callers} | `{key.replace('|', '¦')}` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

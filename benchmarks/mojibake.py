#!/usr/bin/env python3
"""Benchmark corpus_clean.mojibake.repair against ftfy on the mojibake bench.

    python benchmarks/mojibake.py /work/shared/bench/mojibake/bench.jsonl.gz \
        [--fixers /work/shared/bench/mojibake/fixers.py] [--repeat 5] [--failures out.jsonl] \
        [--ftfy-cases PATH/python-ftfy/tests/test-cases]

Prints markdown tables:
1. exact-match % per corruption kind for ours, ftfy defaults and ftfy with DataTrove's
   config, and the false-positive rate (any byte changed) on clean docs and hard negatives;
2. throughput in MB/s (UTF-8 input bytes per CPU second of this process, best of
   --repeat interleaved passes) for ours and ftfy-datatrove on
   (a) mostly-clean English text: the clean side of every English bench record, plus
       English paragraphs from the Python standard library's docstrings, a third of them
       with typographic quotes and dashes, and 1 document in 100 garbled as UTF-8 read as
       cp1252 (see `mostly_clean_english`);
   (b) the garbled side of every corrupted bench record.

3. with ``--ftfy-cases`` (the ``tests/test-cases`` folder of a python-ftfy checkout, ftfy's
   own real-world cases; not shipped here): the cases split as the bench's make_bench.py
   splits them (first byte of sha1(original) even: in the dev bench; odd: held out), exact %
   per half and per ftfy file for each fixer, negatives changed, and how often ftfy is right
   where we are wrong. The held-out half is the out-of-sample figure.

The DataTrove config is taken from the bench's fixers.py (``--fixers``; by default the one
next to the bench file); if that file is missing, the same config is re-created here.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import inspect
import json
import os
import re
import sys
import time
from collections import OrderedDict

import ftfy

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from corpus_clean.mojibake import might_need_repair, repair  # noqa: E402

NEGATIVE_KINDS = ("clean", "hard-negative")

# DataTrove's FTFYFormatter config, used when the bench's fixers.py is not available.
from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG as DATATROVE  # noqa: E402


def load_bench(path: str) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_baselines(fixers_path: str | None):
    """(ftfy default, ftfy datatrove) as str -> str functions, and where they came from."""
    if fixers_path and os.path.exists(fixers_path):
        spec = importlib.util.spec_from_file_location("bench_fixers", fixers_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.ftfy_default, module.ftfy_datatrove, fixers_path
    return ftfy.fix_text, lambda text: ftfy.fix_text(text, config=DATATROVE), "re-created config"


def ours(text: str) -> str:
    return repair(text)[0]


# ------------------------------------------------------------------ accuracy


def accuracy_table(records: list[dict], fixers: dict) -> tuple[str, dict]:
    results = {name: [fix(r["garbled"]) for r in records] for name, fix in fixers.items()}
    kinds: OrderedDict = OrderedDict()
    for i, r in enumerate(records):
        kinds.setdefault(r["kind"], []).append(i)
    names = list(fixers)
    lines = ["| kind | n | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    total = {name: 0 for name in names}
    n_total = 0
    for kind in sorted(k for k in kinds if k not in NEGATIVE_KINDS):
        idx = kinds[kind]
        n_total += len(idx)
        cells = []
        for name in names:
            exact = sum(results[name][i] == records[i]["clean"] for i in idx)
            total[name] += exact
            cells.append(f"{100 * exact / len(idx):.1f}")
        lines.append(f"| {kind} | {len(idx)} | " + " | ".join(cells) + " |")
    lines.append(
        f"| **all corrupted (micro)** | {n_total} | "
        + " | ".join(f"**{100 * total[n] / n_total:.1f}**" for n in names)
        + " |"
    )
    for kind in NEGATIVE_KINDS:
        idx = kinds.get(kind, [])
        if not idx:
            continue
        cells = []
        for name in names:
            changed = sum(results[name][i] != records[i]["garbled"] for i in idx)
            cells.append(f"{100 * changed / len(idx):.2f}% ({changed})")
        lines.append(f"| {kind} FP rate (any byte changed) | {len(idx)} | " + " | ".join(cells) + " |")
    return "\n".join(lines), results


# ------------------------------------------------------------------ ftfy's test cases

FTFY_FILES = ("in-the-wild", "synthetic", "language-names", "known-failures", "negative")
# Real-world files: cases collected from real text (the others are made up or known failures).
REAL_WORLD_FILES = ("in-the-wild", "language-names")
_DIRTY_NEGATIVE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]|&#?[0-9A-Za-z]{1,24};")


def load_ftfy_cases(folder: str) -> tuple[list[dict], list[dict]]:
    """(positives, negatives) from ftfy's test-case JSON files, each with its half
    ("dev": in the dev bench, "held-out": not), selected exactly as make_bench.py does."""
    positives, negatives = [], []
    for name in FTFY_FILES:
        with open(os.path.join(folder, f"{name}.json"), encoding="utf-8") as f:
            for case in json.load(f):
                original = case["original"]
                half = "dev" if int(hashlib.sha1(original.encode("utf-8")).hexdigest()[:2], 16) % 2 == 0 else "held-out"
                target = case.get("fixed-encoding", case["fixed"])
                if name == "negative" or target == original:
                    if target == original and not _DIRTY_NEGATIVE_RE.search(target):
                        negatives.append({"file": name, "half": half, "text": original})
                    continue
                positives.append({"file": name, "half": half, "garbled": original, "clean": target})
    return positives, negatives


def ftfy_cases_table(folder: str, fixers: dict, bench_records: list[dict]) -> str:
    positives, negatives = load_ftfy_cases(folder)
    dev_in_bench = {r["garbled"] for r in bench_records if r["kind"] == "ftfy-testcases"}
    dev = {p["garbled"] for p in positives if p["half"] == "dev"}
    check = "matches" if dev == dev_in_bench else f"DOES NOT match ({len(dev ^ dev_in_bench)} differ)"
    outputs = {name: {p["garbled"]: fix(p["garbled"]) for p in positives} for name, fix in fixers.items()}
    names = list(fixers)
    lines = [f"The dev half {check} the bench's `ftfy-testcases` records.\n",
             "| half | cases | n | " + " | ".join(names) + " | ftfy datatrove right, ours wrong |",
             "|---|---|---:|" + "---:|" * (len(names) + 1)]
    groups = [("all files", None), ("real-world (in-the-wild, language-names)", REAL_WORLD_FILES)]
    for half in ("dev", "held-out"):
        for label, files in groups:
            cases = [p for p in positives if p["half"] == half and (files is None or p["file"] in files)]
            cells = [f"{100 * sum(outputs[n][p['garbled']] == p['clean'] for p in cases) / len(cases):.1f}" for n in names]
            worse = sum(outputs["ftfy datatrove"][p["garbled"]] == p["clean"] != outputs["ours"][p["garbled"]] for p in cases)
            lines.append(f"| {half} | {label} | {len(cases)} | " + " | ".join(cells) + f" | {worse} |")
        negs = [c for c in negatives if c["half"] == half]
        cells = [str(sum(fixers[n](c["text"]) != c["text"] for c in negs)) for n in names]
        lines.append(f"| {half} | negatives changed (of {len(negs)}) | {len(negs)} | " + " | ".join(cells) + " | |")
    misses = [p for p in positives if p["half"] == "held-out" and outputs["ours"][p["garbled"]] != p["clean"]]
    lines.append("\nHeld-out cases we miss (file: ftfy datatrove right?):\n")
    for p in misses:
        right = outputs["ftfy datatrove"][p["garbled"]] == p["clean"]
        lines.append(f"- {p['file']} (ftfy {'right' if right else 'wrong'}): {p['garbled'][:70]!r} -> "
                     f"{outputs['ours'][p['garbled']][:70]!r}, expected {p['clean'][:70]!r}")
    return "\n".join(lines)


# ------------------------------------------------------------------ throughput


def _stdlib_paragraphs() -> list[str]:
    """English prose from standard-library docstrings: deterministic, offline, ASCII."""
    import argparse as m1, collections as m2, csv as m3, email as m4, http.client as m5
    import json as m6, logging as m7, pathlib as m8, re as m9, subprocess as m10
    import textwrap as m11, threading as m12, unittest as m13, urllib.request as m14, zipfile as m15

    paragraphs = []
    for module in (m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15):
        docs = [inspect.getdoc(module) or ""]
        for _, member in sorted(inspect.getmembers(module), key=lambda kv: kv[0]):
            if inspect.isclass(member) or inspect.isfunction(member):
                docs.append(inspect.getdoc(member) or "")
        for doc in docs:
            for para in doc.split("\n\n"):
                para = " ".join(para.split())
                if len(para) > 80 and para.count(" ") > 10 and ">>>" not in para:
                    paragraphs.append(para)
    return paragraphs


def _typographic(text: str) -> str:
    """ASCII quotes and dashes as a word processor would write them."""
    out, open_quote = [], True
    for i, char in enumerate(text):
        if char == '"':
            out.append("“" if open_quote else "”")
            open_quote = not open_quote
        elif char == "'" and 0 < i < len(text) - 1 and text[i - 1].isalpha():
            out.append("’")
        else:
            out.append(char)
    return "".join(out).replace(" -- ", " — ").replace(" - ", " – ")


def mostly_clean_english(records: list[dict], target_bytes: int = 2_000_000) -> list[str]:
    """Documents of mostly clean English, about target_bytes of UTF-8.

    The clean side of every English bench record, then standard-library docstring
    paragraphs in documents of 3 paragraphs, every third one typographic (curly quotes,
    dashes). One document in 100 is garbled: its text encoded as UTF-8, read as cp1252.
    """
    base = [r["clean"] for r in records if r.get("lang") == "en"]
    paragraphs = _stdlib_paragraphs()
    docs = list(base)
    for i in range(0, len(paragraphs) - 2, 3):
        doc = "\n".join(paragraphs[i : i + 3])
        docs.append(_typographic(doc) if (i // 3) % 3 == 0 else doc)
    corpus, size, i = [], 0, 0
    while size < target_bytes:
        doc = docs[i % len(docs)]
        if i % 100 == 99:
            doc = _typographic(doc).encode("utf-8").decode("windows-1252", errors="replace")
        corpus.append(doc)
        size += len(doc.encode("utf-8"))
        i += 1
    return corpus


def throughput(corpora: dict[str, list[str]], fixers: dict, repeat: int) -> dict:
    """Best-of-`repeat` MB/s per (corpus, fixer), passes interleaved so that load from
    other jobs on the machine hits every fixer alike."""
    best = {(c, f): float("inf") for c in corpora for f in fixers}
    clock = time.process_time
    for _ in range(repeat):
        for corpus_name, docs in corpora.items():
            for fixer_name, fix in fixers.items():
                start = clock()
                for doc in docs:
                    fix(doc)
                best[corpus_name, fixer_name] = min(best[corpus_name, fixer_name], clock() - start)
    sizes = {c: sum(len(d.encode("utf-8")) for d in docs) / 1e6 for c, docs in corpora.items()}
    return {key: sizes[key[0]] / seconds for key, seconds in best.items()}, sizes


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench")
    parser.add_argument("--fixers", help="the bench's fixers.py (default: next to the bench file)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--failures", help="write our failing records here (jsonl)")
    parser.add_argument("--ftfy-cases", help="python-ftfy's tests/test-cases folder (held-out real-world cases)")
    args = parser.parse_args(argv)

    records = load_bench(args.bench)
    fixers_path = args.fixers or os.path.join(os.path.dirname(os.path.abspath(args.bench)), "fixers.py")
    ftfy_default, ftfy_datatrove, source = load_baselines(fixers_path)
    fixers = {"ours": ours, "ftfy default": ftfy_default, "ftfy datatrove": ftfy_datatrove}

    print(f"bench: {args.bench} ({len(records)} records); ftfy {ftfy.__version__}; DataTrove config from {source}\n")
    table, results = accuracy_table(records, fixers)
    print("### Exact match % per corruption kind, and false positives\n")
    print(table)

    if args.ftfy_cases:
        print("\n### ftfy's own test cases: dev half (in the bench) and held-out half, exact %\n")
        print(ftfy_cases_table(args.ftfy_cases, fixers, records))

    garbled = [r["garbled"] for r in records if r["kind"] not in NEGATIVE_KINDS]
    english = mostly_clean_english(records)
    skipped = sum(not might_need_repair(doc) for doc in english)
    corpora = {"(a) mostly-clean English": english, "(b) garbled records": garbled}
    for docs in corpora.values():  # warm-up: imports, regex compiles
        for doc in docs[:50]:
            ours(doc), ftfy_datatrove(doc)
    speeds, sizes = throughput(corpora, {"ours": ours, "ftfy datatrove": ftfy_datatrove}, args.repeat)
    print(f"\n### Throughput (1 core, CPU time, best of {args.repeat} interleaved passes)\n")
    print("| corpus | MB | docs | ours MB/s | ftfy datatrove MB/s | ours / ftfy |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, docs in corpora.items():
        a, b = speeds[name, "ours"], speeds[name, "ftfy datatrove"]
        print(f"| {name} | {sizes[name]:.2f} | {len(docs)} | {a:.2f} | {b:.2f} | {a / b:.1f}× |")
    print(
        f"\n(a) is {len(english)} documents: the clean side of the bench's English records and "
        "English paragraphs from Python standard-library docstrings (a third with curly quotes "
        f"and dashes), 1 in 100 garbled as UTF-8 read as cp1252. The fast path skipped "
        f"{100 * skipped / len(english):.1f}% of them."
    )

    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as f:
            for r, out in zip(records, results["ours"]):
                if out != r["clean"]:
                    f.write(json.dumps(dict(r, output=out), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

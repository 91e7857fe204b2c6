#!/usr/bin/env python3
"""The text path's CPU time per 4 KB, now against an older commit, in one process.

    python benchmarks/boilerplate_speed.py ../shared/bench/boilerplate [--baseline REF] [--repeat 5]
    python benchmarks/boilerplate_speed.py ../shared/bench/boilerplate --core-mb 5   # + the core's MB/s

The boilerplate package as it was at git ref REF (default: ``HEAD``) is unpacked into a
temporary folder and imported under another name next to the working tree's, so both
run in the same process, interleaved, best of ``--repeat`` passes of CPU time
(``time.process_time``): on a shared machine a same-process ratio is what holds. Each
pass starts with a cold line cache. Inputs: the bench's scrapinghub and readability
``naive_text`` after ``join_broken_words`` (as the pipeline feeds them), and generated
documents (``benchmarks/corpus_gen.py``), in batches of BATCH_DOCS like a shard. The
script also checks that both versions give the same output on every document.
Prints a markdown table.

``--stages`` adds, per input, where each version's engine time goes step by step
(CPU time of each step's functions, exclusive of the other steps they call).

``--core-mb N`` adds the whole core (``benchmarks/throughput.py``'s row (a): read the
generated JSONL corpus of N MB, clean it in batches, build the Arrow table) with the
baseline's engine and with the current one swapped into the core's boilerplate step,
interleaved in the same process: MB/s per core (input MB / CPU s) before and after.
"""
from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_clean.boilerplate import join_broken_words  # noqa: E402
from corpus_clean.shards import BATCH_DOCS  # noqa: E402

PACKAGE = "corpus_clean/boilerplate"


def import_baseline(ref: str, into: Path):
    """The boilerplate package at `ref`, importable as ``baseline_boilerplate``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, PACKAGE], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    target = into / "baseline_boilerplate"
    (into / PACKAGE).rename(target)
    for path in target.glob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace("corpus_clean.boilerplate", "baseline_boilerplate"),
                        encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module("baseline_boilerplate")


def bench_texts(bench_dir: Path) -> dict[str, list[str]]:
    import corpus_gen

    sets = {}
    for name in ("scrapinghub", "readability"):
        with gzip.open(bench_dir / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            sets[name] = [join_broken_words(json.loads(line).get("naive_text") or "")[0] for line in f]
    sets["generated (corpus_gen)"] = [corpus_gen.document(3, k)["text"] for k in range(640)]
    return sets


def cpu_pass(package, texts: list[str]) -> tuple[float, list]:
    package.engine.load_rules().line_cache.clear()
    out = []
    c0 = time.process_time()
    for start in range(0, len(texts), BATCH_DOCS):
        out += package.strip_boilerplate_many(texts[start:start + BATCH_DOCS])
    return time.process_time() - c0, out


def core_table(baseline, current, megabytes: float, repeat: int, work: Path) -> list[str]:
    """The core's MB/s per core with either engine, interleaved best of `repeat`."""
    from corpus_gen import write_corpus
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import clean_shard, plan_shards
    from corpus_clean.steps import builtin as step_module

    corpus = work / "corpus"
    write_corpus(corpus, megabytes)
    size = sum(p.stat().st_size for p in corpus.glob("*.jsonl")) / 1e6
    [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)

    def run(package) -> float:
        step_module.strip_boilerplate_many = package.strip_boilerplate_many
        package.engine.load_rules().line_cache.clear()
        c0 = time.process_time()
        clean_shard(shard, run_id="bench")
        return time.process_time() - c0

    original = step_module.strip_boilerplate_many
    try:
        run(baseline), run(current)  # warm-up: lazy imports, language model
        best = {"baseline": float("inf"), "current": float("inf")}
        for _ in range(repeat):
            for label, package in (("baseline", baseline), ("current", current)):
                best[label] = min(best[label], run(package))
    finally:
        step_module.strip_boilerplate_many = original
    before, after = size / best["baseline"], size / best["current"]
    return [f"| core on the generated corpus ({size:.1f} MB) | MB/s per core | {before:.2f} | {after:.2f} | "
            f"**{after / before:.2f}×** |"]


# Where the engine's time goes (--stages): each step is a function of the engine, timed
# exclusive of the listed steps it calls (so the rows add up to the whole). A function a
# version lacks is skipped (``line_rules_many`` is round 5's; before it, ``line_rules``
# ran per page inside ``apply_rule_packs``; the ``batch:`` functions are round 7's
# batched steps, in ``boilerplate/batch.py``).
STAGES = [
    ("line counts and masks", "engine", ["contexts_of", "batch:Batch.of"]),
    ("rule verdicts (rules × lines)", "engine", ["line_rules", "line_rules_many"]),
    ("rule kinds acting on their lines", "engine", ["apply_rule_packs"]),
    ("structural rules (menus, headline, repeats, trailing comments)", "engine",
     ["mark_menu_runs", "mark_headline", "mark_repeats", "mark_trailing_comments", "batch:mark_menu_runs_many",
      "batch:mark_headline_many", "batch:mark_trailing_comments_many"]),
    ("classifier: which pages, paragraph views", "classifier",
     ["classifier_applies", "paragraph_views", "batch:classifier_applies_many"]),
    ("classifier: features", "classifier", ["line_features_many"]),
    ("classifier: trees", "classifier", ["StackedModel.predict_proba"]),
    ("classifier: cutting", "classifier", ["lines_to_cut", "lines_to_cut_many"]),
    ("finish: layout, prefix, spans", "engine", ["restore_repeats_of_removed", "keep_the_prose_of_an_emptied_page",
                                                  "mark_layout", "find_line_prefix", "build_removals",
                                                  "batch:finish_many"]),
]
REST = "the rest (strip_many's own loop, calls between steps)"


def stage_times(package, texts: list[str], repeat: int) -> dict[str, float]:
    """CPU seconds per STAGES row (and REST) over `texts` (best pass of `repeat`, by total)."""
    spent: dict[str, float] = {}
    stack: list[float] = []

    def timed(fn, row):
        def wrapper(*args, **kwargs):
            stack.append(0.0)
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                took = time.process_time() - start
                inner = stack.pop()
                spent[row] = spent.get(row, 0.0) + took - inner
                if stack:
                    stack[-1] += took
        return wrapper

    saved = []
    for row, default_module, names in STAGES:
        for name in names:
            module_name, _, name = name.rpartition(":")  # ("batch:finish_many": another module)
            try:
                module = importlib.import_module(f"{package.__name__}.{module_name or default_module}")
            except ImportError:  # (a module this version lacks)
                continue
            owner, _, attr = name.rpartition(".")
            target = getattr(module, owner) if owner else module
            if hasattr(target, attr):
                saved.append((target, attr, getattr(target, attr)))
                setattr(target, attr, timed(getattr(target, attr), row))
    try:
        best: dict[str, float] = {}
        for _ in range(repeat):
            spent.clear()
            total, _ = cpu_pass(package, texts)
            spent[REST] = total - sum(spent.values())
            if not best or total < sum(best.values()):
                best = dict(spent)
    finally:
        for target, attr, fn in saved:
            setattr(target, attr, fn)
    return best


def stages_table(baseline, current, sets: dict[str, list[str]], repeat: int) -> list[str]:
    lines = []
    for name, texts in sets.items():
        kb4 = sum(len(t.encode("utf-8")) for t in texts) / 4096
        before, after = stage_times(baseline, texts, repeat), stage_times(current, texts, repeat)
        total_before, total_after = sum(before.values()), sum(after.values())
        lines += [f"\n{name}: CPU ms per 4 KB by step (exclusive), best of {repeat}\n",
                  "| step | baseline ms/4 KB | share | now ms/4 KB | share | speed-up |", "|---|---:|---:|---:|---:|---:|"]
        for row in [row for row, _, _ in STAGES] + [REST, "total"]:
            b = total_before if row == "total" else before.get(row, 0.0)
            a = total_after if row == "total" else after.get(row, 0.0)
            lines.append(f"| {row} | {b * 1000 / kb4:.3f} | {100 * b / total_before:.0f} % | {a * 1000 / kb4:.3f} | "
                         f"{100 * a / total_after:.0f} % | {b / a if a else float('inf'):.2f}× |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", type=Path, help="the bench's boilerplate directory")
    ap.add_argument("--baseline", default="HEAD", help="git ref of the code to compare with")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--core-mb", type=float, default=0, help="also time the whole core on a generated corpus of this size")
    ap.add_argument("--outputs-may-differ", action="store_true",
                    help="time a change of behaviour: do not require identical output (the table says so)")
    ap.add_argument("--stages", action="store_true", help="also print where the engine's time goes, step by step")
    args = ap.parse_args(argv)
    import corpus_clean.boilerplate as current

    with tempfile.TemporaryDirectory() as tmp:
        baseline = import_baseline(args.baseline, Path(tmp))
        sets = bench_texts(args.bench)
        rows = []
        for name, texts in sets.items():
            kb4 = sum(len(t.encode("utf-8")) for t in texts) / 4096
            cpu_pass(baseline, texts[:BATCH_DOCS]), cpu_pass(current, texts[:BATCH_DOCS])  # warm-up
            best = {"baseline": float("inf"), "current": float("inf")}
            for _ in range(args.repeat):
                for label, package in (("baseline", baseline), ("current", current)):
                    secs, out = cpu_pass(package, texts)
                    best[label] = min(best[label], secs)
                    if label == "baseline":
                        want = [(clean, [(r.start, r.end, r.rule, r.text) for r in removed]) for clean, removed in out]
                    elif not args.outputs_may_differ and want != [(clean, [(r.start, r.end, r.rule, r.text) for r in removed]) for clean, removed in out]:
                        raise SystemExit(f"{name}: the current code's output differs from {args.baseline}'s")
            rows.append((name, len(texts), kb4 * 4 / 1024, best["baseline"] * 1000 / kb4, best["current"] * 1000 / kb4))
        core_rows = core_table(baseline, current, args.core_mb, args.repeat, Path(tmp)) if args.core_mb else []
        stage_rows = stages_table(baseline, current, sets, args.repeat) if args.stages else []
    load = os.getloadavg()[0]
    print(f"CPU ms per 4 KB, batches of {BATCH_DOCS}, best of {args.repeat} interleaved passes, cold line cache; "
          f"baseline = `{args.baseline}`; load average {load:.1f}; "
          f"{'outputs NOT compared' if args.outputs_may_differ else 'output identical on every document'}\n")
    print(f"| input | docs | MB | baseline ms/4 KB | now ms/4 KB | speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, mb, before, after in rows:
        print(f"| {name} | {n} | {mb:.2f} | {before:.2f} | {after:.2f} | **{before / after:.2f}×** |")
    if core_rows:
        print(f"\nThe whole core, same process, interleaved best of {args.repeat}, CPU time:\n")
        print("| run | unit | baseline | now | speed-up |")
        print("|---|---|---:|---:|---:|")
        print("\n".join(core_rows))
    if stage_rows:
        print("\n".join(stage_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

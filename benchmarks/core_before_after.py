#!/usr/bin/env python3
"""The core before and after a change: same output (Parquet compared cell by cell) and
CPU-time speed, on the generated corpus and on real HTML pages.

    git archive <base-commit> | tar -x -C /tmp/base        # the code to compare with
    python benchmarks/core_before_after.py --baseline /tmp/base \\
        --pages /work/shared/bench/boilerplate/scrapinghub.jsonl.gz --mb 5 --repeat 4

Each measurement runs in a child process that imports `corpus_clean` from one code tree
(the baseline's or this one), warms up, then times one pass with ``time.process_time``:

- core: the generated corpus (benchmarks/corpus_gen.py, --mb) as one shard through
  ``shards.clean_shard`` (read JSONL, clean in batches, build the Arrow table);
- html: the pages (``html`` field of a JSONL(.gz) file) through ``shards.clean_batch``
  in batches of ``BATCH_DOCS``, as a shard cleans them (extraction, steps, table).

- core + signatures: the same with the dedup signatures made per batch, as the flow's
  workers make them (``BatchExtras(signatures=...)``): what signals + signatures cost a
  worker per MB;
- --functions: CPU seconds inside chosen functions during the core + signatures run
  (``HOT_SPOTS``; inclusive, so nested entries overlap), where the time goes outside
  the boilerplate engine.
- --html-only: only the HTML path (needs --pages; no generated corpus), plus the
  extraction alone (``html.extract_main_text`` on every page): the HTML speed work's check.

    python benchmarks/core_before_after.py --baseline /tmp/base --html-only \\
        --pages /work/shared/bench/boilerplate/scrapinghub.jsonl.gz --repeat 5

--cold empties the boilerplate engine's verdict cache (``RuleSet.line_cache``, the rule
verdict of every line seen) before each timed pass: without it the timed pass meets
lines the warm-up already judged, while a fresh corpus' lines are mostly new (on the
generated 5 MB, 13,921 distinct lines to judge, ~13 % of a cold core pass).

--cold-automata also rebuilds the rule set (``load_rules``, outside the timed pass) before
each timed pass: the engine's RE2 automaton (``kernels.RuleKernel``) then builds its
states as they meet the lines, as in the first shard a fresh worker cleans, where
--cold alone times them warmed by the same lines. Real runs lie between the two.

With --html-only, --cold empties the HTML path's label caches and --cold-automata also
rebuilds its marker gate (``_empty_html_caches``) before each timed pass.

--fallback adds a third child: this tree with ``CORPUS_CLEAN_NATIVE=0``, i.e. the
pure-Python twins of the compiled kernels (corpus_clean/native.py), as a machine without a
C compiler runs it; its output is checked against the baseline's too.

Children alternate between the trees for --repeat rounds and the best CPU time of each
is kept (the machine is shared: read the ratio, not the absolute figures). Every child
writes its tables; the script then checks that both trees wrote the same rows, and says
which columns differ if not. Exit status 1 when the outputs differ.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- child
# Functions timed by --functions (module, attribute path): those that exist in a tree.
HOT_SPOTS = [
    # the boilerplate engine (corpus_clean/boilerplate): each batch, then each document
    ("corpus_clean.boilerplate.engine", "contexts_of"),
    ("corpus_clean.boilerplate.batch", "Batch.of"),  # (contexts_of's successor, round 7)
    ("corpus_clean.boilerplate.engine", "line_rules_many"),
    ("corpus_clean.boilerplate.engine", "line_gates"),
    ("corpus_clean.boilerplate.rules", "RuleSet.keyword_bits_of_many"),
    ("corpus_clean.boilerplate.engine", "line_verdict"),
    ("corpus_clean.boilerplate.engine", "_mark_rules"),
    ("corpus_clean.boilerplate.engine", "apply_rule_packs"),
    ("corpus_clean.boilerplate.engine", "mark_repeats"),
    ("corpus_clean.boilerplate.engine", "mark_trailing_comments"),
    ("corpus_clean.boilerplate.classifier", "mark_by_classifier_many"),
    ("corpus_clean.boilerplate.classifier", "line_features_many"),
    ("corpus_clean.boilerplate.classifier", "word_echo"),
    ("corpus_clean.boilerplate.classifier", "lines_to_cut"),
    ("corpus_clean.boilerplate.engine", "finish"),
    ("corpus_clean.boilerplate.engine", "build_removals"),
    # the engine's batched steps (round 7 on; strip_many looks them up in batch.py)
    ("corpus_clean.boilerplate.batch", "mark_date_lines_many"),
    ("corpus_clean.boilerplate.batch", "mark_menu_runs_many"),
    ("corpus_clean.boilerplate.batch", "mark_headline_many"),
    ("corpus_clean.boilerplate.batch", "mark_trailing_comments_many"),
    ("corpus_clean.boilerplate.batch", "finish_many"),
    ("corpus_clean.boilerplate.batch", "_cut_all"),
    # the other steps and the reading
    ("corpus_clean.shards", "parse_lines"),
    ("corpus_clean.shards", "document_row"),
    ("corpus_clean.steps.builtin", "repair"),
    ("corpus_clean.mojibake.fix_text", "might_need_repair"),
    ("corpus_clean.extract", "language_score"),
    ("corpus_clean.extract", "parse_published"),
    ("corpus_clean.steps.quality", "compute_signals"),
    ("corpus_clean.signals", "BatchWords.split"),  # words.BatchWords after this branch
    ("corpus_clean.signals", "BatchWords.normalised"),
    ("corpus_clean.signals", "word_signals"),
    ("corpus_clean.signals", "line_signals"),
    ("corpus_clean.signals", "ngram_signals"),
    ("corpus_clean.signals", "word_pass_native"),  # the compiled word pass (round 10)
    ("corpus_clean.signals", "ngram_counts_native"),
    ("corpus_clean.signals", "line_signals_native"),
    ("corpus_clean.shards", "signature_table"),
    ("corpus_clean.dedup", "batch_words"),
    ("corpus_clean.dedup", "word_hashes"),
    ("corpus_clean.dedup", "shingle_hashes"),
    ("corpus_clean.dedup", "minhash_signatures"),
    ("corpus_clean.dedup", "exact_hashes"),
]


def _time_functions(seconds: dict[str, float]) -> None:
    """Wrap every HOT_SPOTS function found with a CPU-time counter into `seconds`."""
    import importlib
    import inspect

    for module_name, path in HOT_SPOTS:
        try:
            owner = importlib.import_module(module_name)
        except ImportError:  # a module one of the trees does not have
            continue
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent, None)
        raw = inspect.getattr_static(owner, name, None) if owner is not None else None
        if raw is None:
            continue
        label = f"{module_name.rsplit('.', 1)[-1]}.{path}"
        if isinstance(raw, classmethod):
            setattr(owner, name, classmethod(_timed(raw.__func__, label, seconds)))
        else:
            setattr(owner, name, _timed(raw, label, seconds))


def _empty_html_caches(automata: bool) -> None:
    """--cold on the HTML path (--html-only): the class/id label verdicts forgotten
    (``html.clear_caches``), as on pages of sites not met before; --cold-automata: and the
    marker gate rebuilt outside the timed pass, its RE2 automata empty (states built as the
    pages meet them, as on every page of a fresh worker). The text path's word caches stay
    warm: ``html_same_process.py --cold`` (fresh processes) is the colder figure."""
    from corpus_clean import html as html_module

    html_module.clear_caches()
    if automata:
        _forget_re2_patterns()
        html_module._MARKERS = None
        html_module._marker_rules()


def _forget_re2_patterns() -> None:
    """google-re2 keeps every compiled pattern (``re2.compile`` is cached by pattern and
    options): without this, a rebuilt gate or rule set gets back the same, warm automata."""
    try:
        import re2
    except ImportError:
        return
    re2.purge()


def _child(tree: Path, corpus: Path, pages_file: Path | None, out: Path, functions: bool = False,
           html_only: bool = False, cold: bool = False, cold_automata: bool = False) -> None:
    """Runs in a child process: time the core and the HTML path with `tree`'s code
    (`cold`: each timed pass starts with an empty line-verdict cache; `cold_automata`:
    and with the rule set rebuilt, its RE2 automata empty)."""
    sys.path.insert(0, str(tree))
    import pyarrow as pa
    import pyarrow.parquet as pq

    import corpus_clean
    from corpus_clean.dedup import DedupParams
    from corpus_clean.document import Document
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import BATCH_DOCS, BatchExtras, clean_batch, clean_shard, plan_shards
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    assert Path(corpus_clean.__file__).resolve().is_relative_to(tree.resolve()), corpus_clean.__file__
    steps = resolve_steps(DEFAULT_STEPS)
    try:  # (an editable install elsewhere can lend a tree without it its own corpus_clean.native)
        from corpus_clean import native
        compiled = Path(native.__file__).resolve().is_relative_to(tree.resolve()) and native.active() is not None
    except ImportError:  # a tree from before the compiled kernels
        compiled = False

    def core() -> pa.Table:
        [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
        return clean_shard(shard, run_id="bench", steps=steps).rows

    def core_signatures() -> pa.Table:
        [shard] = plan_shards(list_input_files(str(corpus)), target_bytes=1 << 50)
        return clean_shard(shard, run_id="bench", steps=steps,
                           extras=BatchExtras(signatures=DedupParams())).signatures

    records = []
    if pages_file is not None:
        opener = gzip.open if pages_file.suffix == ".gz" else open
        with opener(pages_file, "rt", encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]

    def html() -> pa.Table:
        docs = [Document(id=str(r["id"]), source="pages", raw_text="", raw_sha256="", html=r["html"],
                         record_index=k) for k, r in enumerate(records)]
        tables = [clean_batch(docs[i:i + BATCH_DOCS], steps, "bench").rows
                  for i in range(0, len(docs), BATCH_DOCS)]
        return pa.concat_tables(tables) if tables else None

    def extraction() -> None:
        from corpus_clean.html import extract_main_text

        for record in records:
            extract_main_text(record["html"])

    if html_only:
        html(), extraction()  # warm-up
        result = {}
        for name, fn in (("html", html), ("extraction", extraction)):
            if cold or cold_automata:
                _empty_html_caches(cold_automata)
            started = time.process_time()
            table = fn()
            result[name] = time.process_time() - started
            if table is not None:
                pq.write_table(table, out / f"{name}.parquet")
        print(json.dumps(result))
        return
    core(), html(), core_signatures()  # warm-up: lazy imports, compiled patterns, language model
    step_seconds: dict[str, float] = {}
    for step in steps:  # CPU time per step; the rest is reading/extraction and the table
        step.run = _timed(step.run, step.name, step_seconds)
    result = {"compiled kernels": compiled}
    import corpus_clean.shards as shards  # the signatures' own time, as a step of their run

    shards.signature_table = _timed(shards.signature_table, "signatures", step_seconds)
    from corpus_clean.boilerplate.rules import load_rules

    def empty_caches() -> None:
        if cold_automata:
            _forget_re2_patterns()
            load_rules.cache_clear()
        if cold or cold_automata:
            load_rules().line_cache.clear()

    for name, fn in (("core", core), ("html", html), ("signatures", core_signatures)):
        step_seconds.clear()
        empty_caches()
        started = time.process_time()
        table = fn()
        result[name] = time.process_time() - started
        result[f"{name} steps"] = dict(step_seconds)
        if table is not None:
            pq.write_table(table, out / f"{name}.parquet")
    if functions:  # a separate pass: the wrappers' own cost stays out of the timings above
        function_seconds: dict[str, float] = {}
        _time_functions(function_seconds)
        empty_caches()
        started = time.process_time()
        core_signatures()
        result["functions total"] = time.process_time() - started
        result["functions"] = function_seconds
    print(json.dumps(result))


def _timed(fn, name: str, seconds: dict[str, float]):
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - started
    return timed


# --------------------------------------------------------------------------- parent
def run_child(tree: Path, corpus: Path, pages: Path | None, out: Path, functions: bool = False,
              html_only: bool = False, env: dict[str, str] | None = None, cold: bool = False,
              cold_automata: bool = False) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, "--child", str(tree), "--corpus", str(corpus), "--out", str(out)]
    if cold:
        cmd.append("--cold")
    if cold_automata:
        cmd.append("--cold-automata")
    if html_only:
        cmd.append("--html-only")
    if pages is not None:
        cmd += ["--pages", str(pages)]
    if functions:
        cmd.append("--functions")
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=tree,
                          env={**os.environ, **(env or {})})
    return json.loads(done.stdout.strip().splitlines()[-1])


def differences(before: Path, after: Path) -> list[str]:
    """Columns whose values differ between two Parquet files (empty: the same rows)."""
    import pyarrow.parquet as pq

    left, right = pq.read_table(before), pq.read_table(after)
    if left.schema != right.schema:
        return [f"schema differs: {left.schema} vs {right.schema}"]
    if left.num_rows != right.num_rows:
        return [f"{left.num_rows} rows vs {right.num_rows}"]
    found = []
    for name in left.column_names:
        a, b = left.column(name).to_pylist(), right.column(name).to_pylist()
        rows = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if rows:
            found.append(f"column {name}: {len(rows)} of {len(a)} rows differ (first: row {rows[0]})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--pages", type=Path, default=None, help="JSONL(.gz) with an `html` field per page")
    parser.add_argument("--mb", type=float, default=5, help="size of the generated corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="keep the corpus and outputs here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fallback", action="store_true",
                        help="also this tree with CORPUS_CLEAN_NATIVE=0 (the compiled kernels' Python twins)")
    parser.add_argument("--functions", action="store_true",
                        help="also CPU seconds inside the HOT_SPOTS functions (a separate pass)")
    parser.add_argument("--html-only", action="store_true",
                        help="only the HTML path and the extraction alone (needs --pages)")
    parser.add_argument("--cold", action="store_true",
                        help="empty the engine's line-verdict cache before each timed pass (new lines, as in a fresh corpus)")
    parser.add_argument("--cold-automata", action="store_true",
                        help="--cold, and the rule set rebuilt before each timed pass (its RE2 automata empty)")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.corpus, args.pages, args.out, args.functions, args.html_only, args.cold,
               args.cold_automata)
        return 0
    if args.baseline is None:
        parser.error("--baseline is required")
    if args.html_only:
        if args.pages is None:
            parser.error("--html-only needs --pages")
        return html_only(args)

    work = args.work or Path(tempfile.mkdtemp(prefix="core-before-after-"))
    corpus = work / f"corpus-{args.mb:g}mb"
    if not corpus.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from corpus_gen import write_corpus

        write_corpus(corpus, args.mb)
    size_mb = sum(p.stat().st_size for p in corpus.glob("*.jsonl")) / 1e6
    n_pages = 0
    if args.pages is not None:
        opener = gzip.open if args.pages.suffix == ".gz" else open
        with opener(args.pages, "rt", encoding="utf-8") as handle:
            n_pages = sum(1 for line in handle if line.strip())

    trees = {"before": args.baseline.resolve(), "after": ROOT}
    envs = {"before": {}, "after": {}}
    if args.fallback:
        trees["fallback"], envs["fallback"] = ROOT, {"CORPUS_CLEAN_NATIVE": "0"}
    runs = ("core", "html", "signatures", "functions total")
    best = {label: {name: float("inf") for name in runs} for label in trees}
    breakdown: dict[str, dict[str, dict[str, float]]] = {label: {} for label in trees}  # of the best run
    compiled: dict[str, bool] = {}
    for round_no in range(args.repeat):
        for label in (list(trees) if round_no % 2 == 0 else list(reversed(trees))):
            times = run_child(trees[label], corpus, args.pages, work / label, args.functions, env=envs[label],
                              cold=args.cold, cold_automata=args.cold_automata)
            compiled[label] = times.get("compiled kernels", False)
            for name in runs:
                if times.get(name, float("inf")) < best[label][name]:
                    best[label][name] = times[name]
                    breakdown[label][name] = times["functions" if name == "functions total" else f"{name} steps"]
            print(f"round {round_no + 1} {label}: core {times['core']:.3f} s, html {times['html']:.3f} s, "
                  f"core + signatures {times['signatures']:.3f} s", file=sys.stderr)

    print(f"{size_mb:.1f} MB generated corpus, {n_pages} pages; CPU seconds best of {args.repeat}, "
          f"children alternating" + ("; line-verdict cache emptied before each timed pass (--cold)" if args.cold else "")
          + ("; rule set rebuilt before each timed pass, its RE2 automata empty (--cold-automata)"
             if args.cold_automata else "") + "\n")
    print("compiled kernels: " + ", ".join(f"{label} {'yes' if on else 'no'}" for label, on in compiled.items())
          + "\n")
    fallback = "fallback" in trees
    print("| what | before | after |" + (" fallback |" if fallback else "") + " after ÷ before (speed) |"
          + (" after ÷ fallback | fallback ÷ before |" if fallback else ""))
    print("|---|---:|---:|" + ("---:|" if fallback else "") + "---:|" + ("---:|---:|" if fallback else ""))

    def row(what: str, name: str, amount: float) -> None:
        b, a = best["before"][name], best["after"][name]
        cells = [f"{amount / b:.2f}", f"{amount / a:.2f}"]
        if fallback:
            f = best["fallback"][name]
            cells += [f"{amount / f:.2f}", f"{b / a:.2f}×", f"{f / a:.2f}×", f"{b / f:.2f}×"]
        else:
            cells.append(f"{b / a:.2f}×")
        print(f"| {what} | " + " | ".join(cells) + " |")

    row("core, MB/s per core", "core", size_mb)
    row("core + dedup signatures, MB/s per core", "signatures", size_mb)
    if n_pages:
        row("HTML path (`clean_batch`), pages/s per core", "html", n_pages)
    b, a = (sum(breakdown[label]["signatures"].get(step, 0.0) for step in ("signals", "signatures")) / size_mb
            for label in ("before", "after"))
    print(f"\nsignals + signatures, CPU ms per MB (the best core + signatures run): before {1000 * b:.0f}, "
          f"after {1000 * a:.0f} ({b / a:.2f}×)")

    for name in ("core", "html") if n_pages else ("core",):
        print(f"\nCPU seconds per step, {name} (the best run of each; share of its total):\n")
        labels = list(trees)
        print("| step | " + " | ".join(labels) + " | after ÷ before (speed) |")
        print("|---|" + "---:|" * (len(labels) + 1))
        rest = {label: best[label][name] - sum(breakdown[label][name].values()) for label in labels}
        steps = list(breakdown["before"][name])
        rows = [(step, [breakdown[label][name].get(step, 0.0) for label in labels]) for step in steps]
        rows.append(("rest (reading or HTML extraction, the Arrow table)", [rest[label] for label in labels]))
        for step, seconds in rows:
            cells = [f"{x:.3f} ({100 * x / best[label][name]:.0f} %)" for x, label in zip(seconds, labels)]
            b, a = seconds[0], seconds[1]
            print(f"| {step} | " + " | ".join(cells) + f" | {b / a if a else float('nan'):.2f}× |")

    if args.functions:
        print("\nCPU seconds inside functions, core + signatures (a separate pass with counters; the best "
              "run of each; share of that pass; nested entries overlap):\n")
        print("| function | before | after | after ÷ before (speed) |")
        print("|---|---:|---:|---:|")
        total = {label: best[label]["functions total"] for label in trees}
        before, after = breakdown["before"]["functions total"], breakdown["after"]["functions total"]
        for function in dict.fromkeys([*before, *after]):
            b, a = before.get(function), after.get(function)
            cells = [f"{x:.3f} ({100 * x / total[label]:.0f} %)" if x is not None else "–"
                     for x, label in ((b, "before"), (a, "after"))]
            print(f"| {function} | {cells[0]} | {cells[1]} | {f'{b / a:.2f}×' if a and b else ''} |")
        print(f"| (the whole pass) | {total['before']:.3f} | {total['after']:.3f} | "
              f"{total['before'] / total['after']:.2f}× |")

    same = True
    for label in [label for label in trees if label != "before"]:
        for name in ("core", "html", "signatures") if n_pages else ("core", "signatures"):
            diff = differences(work / "before" / f"{name}.parquet", work / label / f"{name}.parquet")
            same &= not diff
            print(f"\n{name} output, {label} vs before: "
                  + ("identical (every column, every row)" if not diff else "; ".join(diff)))
    return 0 if same else 1


def html_only(args) -> int:
    """--html-only: the HTML path and the extraction alone, before and after; same output?"""
    work = args.work or Path(tempfile.mkdtemp(prefix="html-before-after-"))
    opener = gzip.open if args.pages.suffix == ".gz" else open
    with opener(args.pages, "rt", encoding="utf-8") as handle:
        n_pages = sum(1 for line in handle if line.strip())
    trees = {"before": args.baseline.resolve(), "after": ROOT}
    best = {label: {"html": float("inf"), "extraction": float("inf")} for label in trees}
    for round_no in range(args.repeat):
        for label, tree in (trees.items() if round_no % 2 == 0 else reversed(trees.items())):
            times = run_child(tree, work / "no-corpus", args.pages, work / label, html_only=True)
            for name in best[label]:
                best[label][name] = min(best[label][name], times[name])
            print(f"round {round_no + 1} {label}: html {times['html']:.3f} s, "
                  f"extraction {times['extraction']:.3f} s", file=sys.stderr)
    print(f"{n_pages} pages ({args.pages.name}); CPU seconds best of {args.repeat}, children alternating\n")
    print("| what | before | after | after ÷ before (speed) |")
    print("|---|---:|---:|---:|")
    for name, label in (("html", "HTML path (`clean_batch`)"), ("extraction", "extraction alone (`extract_main_text`)")):
        b, a = best["before"][name], best["after"][name]
        print(f"| {label}, pages/s per core | {n_pages / b:.0f} | {n_pages / a:.0f} | {b / a:.2f}× |")
    diff = differences(work / "before" / "html.parquet", work / "after" / "html.parquet")
    print("\nhtml output: " + ("identical (every column, every row)" if not diff else "; ".join(diff)))
    return 0 if not diff else 1


if __name__ == "__main__":
    sys.exit(main())

"""Score saved held-out models on their benches through this tree's steps, without a refit.

    python -m training.lodo_rescore /work/shared/bench/boilerplate DIR [DIR ...] [--baseline TREE]

``training.lodo --save-models DIR`` writes, per held-out bench, the model that never saw it
(``held-out-scrapinghub.json``, ``held-out-readability.json``). A candidate that changes
only what is done with the model's scores (a block step, a give-back, a page-level cut)
leaves the refit byte-identical, so scoring main's saved models through the candidate's
tree gives its *exact* paired difference at each draw K of the generators, in a minute a
bench instead of a refit's ten (round 22, textq22; rounds 21-22 did this by hand).

Each DIR is one refit (one ``--gen-seed-offset``). ``--baseline TREE`` scores the same
models with TREE's code (another checkout, e.g. ``git archive main``) in a child process and
prints its rows and the differences beside this tree's. Readability is scored on its 93
real pages, as ``training.lodo`` reports it.

    $ python -m training.lodo_rescore BENCH /tmp/lodo_main0 --baseline /tmp/base
    | models | bench | docs | P | R | F1 | empty | base P | base R | base F1 | ΔP | ΔR | ΔF1 |
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BENCHES = ("scrapinghub", "readability")


def held_out_models(model_dirs: list[str]) -> list[tuple[str, str, Path]]:
    """(models dir, bench, model path) of each saved held-out model, in the order given.

    >>> held_out_models(["/nonexistent"])
    []
    """
    out = []
    for d in model_dirs:
        for bench in BENCHES:
            path = Path(d) / f"held-out-{bench}.json"
            if path.exists():
                out.append((d, bench, path))
    return out


def rescore(bench_dir: str, model_dirs: list[str]) -> list[dict]:
    """One row per saved model: its bench's P / R / F1 through this tree's engine."""
    from corpus_clean.boilerplate.classifier import StackedModel
    from training.fit import load_docs, load_score
    from training.lodo import bench_score, readability_fixture_ids

    rows, docs_of = [], {}
    for d, bench, path in held_out_models(model_dirs):
        data = Path(bench_dir) / f"{bench}.jsonl.gz"
        if bench not in docs_of:
            docs_of[bench] = load_docs(str(data))
        subset = None
        if bench == "readability":
            fixtures = readability_fixture_ids(data)
            subset = lambda doc_id, fixtures=fixtures: doc_id not in fixtures  # noqa: E731
        model = StackedModel(json.loads(path.read_text(encoding="utf-8")))
        r = bench_score(docs_of[bench], model, load_score(str(data)), subset)
        rows.append({"models": d, "bench": bench, **r})
    return rows


def _baseline_rows(tree: str, bench_dir: str, model_dirs: list[str]) -> list[dict]:
    """``rescore`` run by the code of `tree`: this file as a script in a child process, with
    `tree` first on the path (so its ``corpus_clean`` and ``training`` are the ones imported)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (tree, os.environ.get("PYTHONPATH")) if p))
    out = subprocess.run([sys.executable, __file__, bench_dir, *model_dirs, "--json"], env=env, cwd=tree,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict], base: list[dict] | None = None) -> str:
    """The rows as markdown (with the baseline's and the differences when given).

    >>> print(table([{"models": "m0", "bench": "scrapinghub", "n": 2, "P": 0.9, "R": 0.8, "F1": 0.85, "empty": 0}]))
    | models | bench | docs | P | R | F1 | empty |
    |---|---|---:|---:|---:|---:|---:|
    | m0 | scrapinghub | 2 | 0.9000 | 0.8000 | 0.8500 | 0 |
    """
    head = "| models | bench | docs | P | R | F1 | empty |"
    rule = "|---|---|---:|---:|---:|---:|---:|"
    if base:
        head += " base P | base R | base F1 | ΔP | ΔR | ΔF1 |"
        rule += "---:|---:|---:|---:|---:|---:|"
    lines = [head, rule]
    for i, r in enumerate(rows):
        line = f"| {r['models']} | {r['bench']} | {r['n']} | {r['P']:.4f} | {r['R']:.4f} | {r['F1']:.4f} | {r['empty']} |"
        if base:
            b = base[i]
            line += (f" {b['P']:.4f} | {b['R']:.4f} | {b['F1']:.4f} | {r['P'] - b['P']:+.4f} | {r['R'] - b['R']:+.4f}"
                     f" | {r['F1'] - b['F1']:+.4f} |")
        lines.append(line)
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir", help="directory with scrapinghub.jsonl.gz, readability.jsonl.gz and score.py")
    ap.add_argument("model_dirs", nargs="+", help="directories written by training.lodo --save-models")
    ap.add_argument("--baseline", help="another tree whose code scores the same models (paired differences)")
    ap.add_argument("--json", action="store_true", help="print the rows as one JSON line (for --baseline's child)")
    args = ap.parse_args(argv)
    rows = rescore(args.bench_dir, args.model_dirs)
    if args.json:
        print(json.dumps(rows))
        return 0
    base = _baseline_rows(args.baseline, args.bench_dir, args.model_dirs) if args.baseline else None
    print(table(rows, base))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Compare training recipes as distributions over the generated pages' seeds.

    python -m training.seeds /work/shared/bench/boilerplate --recipes gap+labelled+kinds,gap+labelled+kinds+hess20 \\
        --seeds 0,1,2 [--cache-dir /tmp/seeds] [--json rows.jsonl]

Round 16 found that a refit moves by +-10 held-out article lines from nothing but the
seeds of the generated training pages (``training.bagging --vary generated``), so one
fit of a recipe against one fit of another says little about the recipes. Here each
recipe (``training.compare``'s switches) is fit once per seed, on the same sets as
``training.compare`` with the generated ones (news of groups A and B, short-line pages)
drawn from that seed (``generated_sets``; seed 0 is ``training.compare``'s draw), and
scored on the dev criterion (benches left out, studied files out of fold: two fits per
draw, ``dev_rows``). One row per
recipe and seed, then per recipe the mean and the range over the seeds: a recipe is
judged on its mean against the shipped recipe's mean over the *same* seeds, and on the
width of its range (how much it leans on what the generators drew).

Round 17 (three draws, ``benchmarks/RESULTS-boilerplate.md``): the draws alone move the
studied files' cut by 32-49 of 1,526 lines and the benches' F1 by 0.002-0.005.

The held-out news files are never read here (``training.news_check`` reads them as totals).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import MODEL_PATH
from training.compare import fit_model, load_sets_cached
from training.fit import SHORTGEN_SEED, load_docs, load_score, newsgen_docs, shortgen_docs
from training.lodo import bench_score, line_score

# Seed s draws the generated sets with these seeds plus s * SEED_STEP (s = 0: training.compare's).
GENERATED_SEEDS = {"newsgen-A": 1001, "newsgen-B": 1002, "shortgen": SHORTGEN_SEED}
SEED_STEP = 7919


def generated_seeds(seed: int) -> dict[str, int]:
    """The generators' seeds of draw `seed` (0: the ones ``training.compare`` uses).

    >>> generated_seeds(0)["newsgen-A"], generated_seeds(2)["newsgen-A"]
    (1001, 16839)
    """
    return {name: base + SEED_STEP * seed for name, base in GENERATED_SEEDS.items()}


def generated_sets(seed: int, sizes: dict[str, int]) -> dict[str, list]:
    """The generated training sets of draw `seed`, as many documents as `sizes` says."""
    s = generated_seeds(seed)
    return {"newsgen-A": newsgen_docs(sizes["newsgen-A"], ["A"], s["newsgen-A"]),
            "newsgen-B": newsgen_docs(sizes["newsgen-B"], ["B"], s["newsgen-B"]),
            "shortgen": shortgen_docs(sizes["shortgen"], s["shortgen"])}


def dev_rows(name: str, sets: dict, test_fixtures: list, half_pages: list, half_docs: list, fixtures: set,
             hyper: dict, shipped: dict, score_mod) -> dict[str, float]:
    """The dev criterion of recipe `name` on one draw of `sets`, in two fits: fit k
    leaves out bench k (scrapinghub, readability) and studied half k, and scores both
    (bench: P, R, F1, pages emptied, readability's real pages only; studied files: article
    lines cut and noise removed % over the two halves). Half of ``training.compare``'s four
    fits: each fit misses one studied half more than compare's bench fits, the same for
    every recipe."""
    recipe = set(name.split("+"))
    out: dict[str, float] = {}
    totals = np.zeros(4, dtype=int)
    for k, held in enumerate(("scrapinghub", "readability")):
        train = [d for s, docs in sets.items() if s != held and uses_set(s, recipe) for d in docs]
        train += half_docs[1 - k] if "labelled" in recipe else []
        model = fit_model(train, recipe, hyper, shipped)
        docs, subset = ((sets[held], None) if held == "scrapinghub"
                        else (sets[held] + test_fixtures, lambda i: i not in fixtures))
        r = bench_score(docs, model, score_mod, subset)
        key = "sh" if held == "scrapinghub" else "rd"
        out.update({f"{key} P": r["P"], f"{key} R": r["R"], f"{key} F1": r["F1"], f"{key} empty": r["empty"]})
        s = line_score(half_pages[k], model)
        totals += (s.noise, s.noise_removed, s.article, s.article_kept)
    noise, removed, article, kept = totals
    out.update({"studied cut": float(article - kept), "studied noise %": 100 * removed / noise})
    return out


def uses_set(name: str, recipe: set[str]) -> bool:
    """Whether a recipe trains on set `name`: the ``--extra-real`` sets (``extra:FILE``,
    real pages one may study, e.g. WCXB dev's article pages) only with the ``extra`` switch.

    >>> uses_set("extra:wcxb-dev", {"gap"}), uses_set("extra:wcxb-dev", {"gap", "extra"}), uses_set("scrapinghub", set())
    (False, True, True)
    """
    return not name.startswith("extra:") or "extra" in recipe


COLUMNS = ("sh P", "sh R", "sh F1", "sh empty", "rd P", "rd R", "rd F1", "rd empty", "studied cut", "studied noise %")


def fmt(key: str, v: float) -> str:
    return f"{v:.0f}" if key.endswith(("empty", "cut")) else f"{v:.1f}" if key.endswith("%") else f"{v:.3f}"


def summary(rows: list[dict[str, float]]) -> dict[str, str]:
    """Per column: the mean over the seeds and its range.

    >>> summary([{"sh F1": 0.9, "studied cut": 4.0}, {"sh F1": 0.92, "studied cut": 8.0}])
    {'sh F1': '0.910 [0.900–0.920]', 'studied cut': '6 [4–8]'}
    """
    out = {}
    for key in rows[0]:
        vals = [r[key] for r in rows]
        out[key] = f"{fmt(key, float(np.mean(vals)))} [{fmt(key, min(vals))}–{fmt(key, max(vals))}]"
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("--recipes", default="gap+labelled+kinds")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--shortgen-n", type=int, default=300)
    ap.add_argument("--cache-dir", help="keep the loaded sets here (real.pkl, gen-SEED.pkl); delete after "
                    "changing features, rules or the studied files")
    ap.add_argument("--json", help="append every row here as JSON lines")
    ap.add_argument("--extra-real", action="append", default=[], metavar="FILE",
                    help="more real pages (jsonl with naive_text, gold_text) a recipe trains on with the switch "
                         "``extra`` (round 18: a share of WCXB dev's article pages)")
    args = ap.parse_args(argv)
    t0 = time.time()
    bench_dir = Path(args.bench_dir)
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    hyper = dict(shipped["fit"]["hyper_stage1"])
    score_mod = load_score(str(bench_dir / "scrapinghub.jsonl.gz"))
    cache = Path(args.cache_dir) if args.cache_dir else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    sets, test_fixtures, half_pages, half_docs, fixtures = load_sets_cached(
        bench_dir, args.shortgen_n, cache / "real.pkl" if cache else None)
    for path in args.extra_real:
        sets = {**sets, f"extra:{Path(path).name.split('.')[0]}": load_docs(path)}
    sizes = {name: len(sets[name]) for name in GENERATED_SEEDS}
    recipes = args.recipes.split(",")
    by_recipe: dict[str, list] = {r: [] for r in recipes}
    print("| recipe | seed | " + " | ".join(COLUMNS) + " |", flush=True)
    for seed in [int(s) for s in args.seeds.split(",")]:
        gen_pkl = cache / f"gen-{seed}.pkl" if cache else None
        if seed == 0:
            drawn = sets
        else:
            if gen_pkl and gen_pkl.exists():
                generated = pickle.loads(gen_pkl.read_bytes())
            else:
                generated = generated_sets(seed, sizes)
                if gen_pkl:
                    gen_pkl.write_bytes(pickle.dumps(generated))
            drawn = {**sets, **generated}
        print(f"seed {seed} loaded ({time.time() - t0:.0f}s)", file=sys.stderr)
        for name in recipes:
            row = dev_rows(name, drawn, test_fixtures, half_pages, half_docs, fixtures, hyper, shipped, score_mod)
            by_recipe[name].append(row)
            print(f"| {name} | {seed} | " + " | ".join(fmt(k, row[k]) for k in COLUMNS if k in row) + " |", flush=True)
            if args.json:
                with open(args.json, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"recipe": name, "seed": seed, **row}) + "\n")
            print(f"  {name} seed {seed} ({time.time() - t0:.0f}s)", file=sys.stderr)
    for name, rows in by_recipe.items():
        s = summary(rows)
        print(f"| **{name}** | mean [range] | " + " | ".join(s[k] for k in COLUMNS if k in s) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

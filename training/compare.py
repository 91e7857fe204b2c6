"""Compare training recipes out of sample, loading the training sets once.

    python -m training.compare /work/shared/bench/boilerplate [--recipes base,gap,labelled,gap+labelled]

A recipe is a set of switches: ``gap`` (the story-gap features of
``classifier.story_gap_features``; without it they are dropped from the fit),
``labelled`` (the studied hand-labelled news files, ``training.labelled.STUDIED``, in
the training set), ``gold-words`` (training lines of the benches' pages weighed by
their words, textq11's ``--token-weight-power 0.5 --line-weight-min-words 4
--word-weights-on gold``), ``article2`` (article lines of line-labelled pages weigh 2,
``training.fit --article-weight 2``), ``nowin`` (without ``removed_win3/10``), ``kinds``
(rule cuts read by kind: ``furniture_win3/10`` and ``gap_furniture_share`` in place of
``removed_win3/10`` and ``gap_removed_share``; without it the kind columns are left out),
``cont`` (what a line is to the story around it: ``classifier.story_continuity_features``
and ``below_main_run``; without it they are left out), ``nolone`` (``cont`` without the
page's count of lone lines), and hyper-parameters (``lam10``, ``hess20``, ``trees60``, ``depth4``, ``lr0.1``). ``base`` is
the recipe shipped up to round 13; the shipped recipe since round 14 is ``gap+labelled+kinds``.
``--cache FILE`` keeps the loaded sets between runs. For each recipe:

* **benches, each left out** (as ``training.lodo --held-out scrapinghub,readability``,
  same sets, seeds and hyper-parameters): precision / recall / F1 of the model that
  never saw the set;
* **studied news files, out of fold** (the dev criterion for news): the studied files in
  two halves by file; each half is scored by a model fit on everything else (with
  ``labelled``, the other half's files; without, neither half), line by line.

The held-out news files are never read here (``training.news_check`` scores them, as
totals, with a refit of the chosen recipe).
"""
from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, MODEL_PATH, StackedModel
from training.fit import CONTINUITY_FEATURES, article_weighted, fit_trees_on, labelled_doc, line_weights, load_docs, load_score, newsgen_docs, shortgen_docs
from training.labelled import STUDIED, load_pages, studied_pages
from training.lodo import bench_score, line_score, readability_fixture_ids

GAP_FEATURES = ("log_gap_lines", "gap_removed_share", "gap_echo_main", "gap_bounds_echo_main")
# ``nowin``: the shares of rule-cut lines among the 3 and 10 lines around a line. They tie
# the model to the rules' exact cuts: every rule added or changed moves the refit (round 13).
RULE_WINDOW_FEATURES = ("removed_win3", "removed_win10")
# Hyper-parameter switches of a recipe: "lam10" (L2 on leaf values), "hess20" (least
# hessian on each side of a split), "trees60", "depth4", "lr0.1".
# ``kinds``: rule cuts read by kind (page furniture only) in place of every cut; without
# it those columns are left out.
FURNITURE_FEATURES = ("gap_furniture_share", "furniture_win3", "furniture_win10")
# ``cont``: what a line is to the story around it (``training.fit.CONTINUITY_FEATURES``,
# round 15); without it they are left out.
HYPER_SWITCH = re.compile(r"(lam|hess|trees|depth|lr)(\d+(?:\.\d+)?)$")
HYPER_KEYS = {"lam": "lam", "hess": "min_hess", "trees": "n_trees", "depth": "depth", "lr": "lr"}


def recipe_hyper(recipe: set[str], hyper: dict) -> dict:
    """`hyper` with the recipe's hyper-parameter switches applied.

    >>> recipe_hyper({"gap", "hess20", "trees60"}, {"n_trees": 100, "min_hess": 5.0, "lam": 1.0})
    {'n_trees': 60, 'min_hess': 20.0, 'lam': 1.0}
    """
    out = dict(hyper)
    for switch in recipe:
        m = HYPER_SWITCH.match(switch)
        if m:
            key = HYPER_KEYS[m.group(1)]
            out[key] = int(m.group(2)) if key in ("n_trees", "depth") else float(m.group(2))
    return out


def recipe_drop(recipe: set[str]) -> tuple[str, ...]:
    """The features a recipe leaves out of its fit.

    >>> recipe_drop({"gap", "nowin", "cont"})
    ('removed_win3', 'removed_win10', 'gap_furniture_share', 'furniture_win3', 'furniture_win10')
    >>> recipe_drop({"gap", "kinds", "cont"})
    ('removed_win3', 'removed_win10', 'gap_removed_share')
    >>> recipe_drop({"gap", "kinds"})[-3:]
    ('removed_win3', 'removed_win10', 'gap_removed_share')
    """
    drop = () if "gap" in recipe else GAP_FEATURES
    drop += () if "cont" in recipe else CONTINUITY_FEATURES
    # ``nolone``: without the page-level count of lone lines (a per-page value lets the
    # trees tell training pages apart).
    drop += ("log_lone_lines_doc",) if "nolone" in recipe else ()
    if "kinds" in recipe:
        return drop + RULE_WINDOW_FEATURES + ("gap_removed_share",)
    return drop + (RULE_WINDOW_FEATURES if "nowin" in recipe else ()) + FURNITURE_FEATURES
# The studied files in two halves (each holds kinds of every sort: dev sets, probes).
HALVES = (
    ("round8_dev.txt", "round8_long.txt", "probe_teaser_lists.txt", "round10_dev.txt", "round12_dev.txt",
     "round13_dev.txt", "round15_dev.txt", "round16_dev.txt",
     "round17_dev.txt", "round18_dev.txt", "round19_dev.txt", "round20_dev.txt", "round21_dev.txt",
     "round9_heldout.txt", "round10_heldout.txt", "round12_heldout.txt", "round13_check.txt", "round23_dev.txt",
     "round14_heldout.txt", "round15_check.txt", "round16_heldout.txt", "round25_dev.txt",
     "round18_heldout.txt", "round20_heldout.txt"),
    ("round8_heldout.txt", "round8_short_line_articles.txt", "round9_dev.txt", "round11_dev.txt", "round12_probe.txt",
     "round14_dev.txt", "round15_probe.txt", "round16_probe.txt",
     "round17_probe.txt", "round18_probe.txt", "round19_probe.txt", "round20_probe.txt", "round21_probe.txt",
     "round9_short_line_heldout.txt", "round11_heldout.txt", "round13_heldout.txt", "round12_check.txt",
     "round14_check.txt", "round15_heldout.txt", "round24_dev.txt", "round17_heldout.txt",
     "round19_heldout.txt", "round26_dev.txt", "round21_heldout.txt",
     "round27_dev.txt"),
)


def recipe_weights(d, recipe: set[str]) -> np.ndarray:
    """A training document's line weights under `recipe`."""
    w = line_weights(d, 0.5, 4.0, "gold") if "gold-words" in recipe else line_weights(d, 0.0)
    if "article2" in recipe:
        w = article_weighted(d, w, 2.0)
    # ``genW`` (e.g. ``gen0.5``): the generated pages' lines weigh W, the real pages' 1
    # (less of what one draw of the generators happens to say; round 17).
    gen = [float(s[3:]) for s in recipe if re.fullmatch(r"gen\d+(?:\.\d+)?", s)]
    if gen and d.id.startswith(("newsgen:", "shortgen:")):
        w = w * gen[0]
    return w


def fit_model(train: list, recipe: set[str], hyper: dict, shipped: dict, save: str | None = None) -> StackedModel:
    """Stage 1 fit on `train` under `recipe`, with the shipped threshold and island
    penalty (written to `save` when given)."""
    params = fit_trees_on(np.vstack([d.X for d in train]), np.concatenate([d.y for d in train]),
                          np.concatenate([recipe_weights(d, recipe) for d in train]), FEATURE_NAMES,
                          recipe_hyper(recipe, hyper), drop=recipe_drop(recipe))
    model = {"threshold": shipped["threshold"], "island_penalty": shipped["island_penalty"], "stage1": params,
             "stage2": None}
    if save:
        Path(save).parent.mkdir(parents=True, exist_ok=True)
        Path(save).write_text(json.dumps(model), encoding="utf-8")
    return StackedModel(model)


def _save(args, recipe: str, held: str) -> str | None:
    return str(Path(args.save_models) / f"{recipe}-without-{held}.json") if args.save_models else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("--recipes", default="base,gap,labelled,gap+labelled")
    ap.add_argument("--parts", default="benches,news", help="benches, news or both")
    ap.add_argument("--shortgen-n", type=int, default=300)
    ap.add_argument("--save-models", metavar="DIR", help="write each fitted model here (RECIPE-without-SET.json)")
    ap.add_argument("--cache", metavar="FILE", help="keep the loaded training sets here (pickle) and read them back "
                    "when the file exists (the same code and --shortgen-n: delete it after changing features or rules)")
    args = ap.parse_args(argv)
    t0 = time.time()
    bench_dir = Path(args.bench_dir)
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    hyper = dict(shipped["fit"]["hyper_stage1"])
    score_mod = load_score(str(bench_dir / "scrapinghub.jsonl.gz"))
    cache = Path(args.cache) if args.cache else None
    sets, test_fixtures, half_pages, half_docs, fixtures = load_sets_cached(bench_dir, args.shortgen_n, cache)
    print(f"loaded in {time.time() - t0:.0f}s", file=sys.stderr)
    parts = set(args.parts.split(","))
    run_recipes(args, sets, test_fixtures, half_pages, half_docs, fixtures, hyper, shipped, score_mod, parts, t0)
    return 0


def load_sets_cached(bench_dir: Path, shortgen_n: int, cache: Path | None):
    """`load_sets(...)`, read back from the pickle `cache` when it exists and written to it
    when it does not (the same code and shortgen_n: delete it after changing features or rules)."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    loaded = load_sets(bench_dir, shortgen_n)
    if cache:
        cache.write_bytes(pickle.dumps(loaded))
    return loaded


def load_sets(bench_dir: Path, shortgen_n: int):
    """The training and scoring sets: (sets by name, readability's test fixtures, the
    studied halves' pages and documents, the fixtures' ids)."""
    fixtures = readability_fixture_ids(bench_dir / "readability.jsonl.gz")
    readability = load_docs(str(bench_dir / "readability.jsonl.gz"))
    sets = {
        "scrapinghub": load_docs(str(bench_dir / "scrapinghub.jsonl.gz")),
        "readability": [d for d in readability if d.id not in fixtures],
        "own pages": [labelled_doc(p.family, p) for p in load_pages()],
        "newsgen-A": newsgen_docs(400, ["A"], 1001),
        "newsgen-B": newsgen_docs(400, ["B"], 1002),
        "shortgen": shortgen_docs(shortgen_n),
    }
    test_fixtures = [d for d in readability if d.id in fixtures]
    half_pages = [studied_pages(h) for h in HALVES]
    half_docs = [[labelled_doc(f"labelled:{p.family}", p) for p in pages] for pages in half_pages]
    assert sorted(HALVES[0] + HALVES[1]) == sorted(STUDIED)
    return sets, test_fixtures, half_pages, half_docs, fixtures


def run_recipes(args, sets, test_fixtures, half_pages, half_docs, fixtures, hyper, shipped, score_mod, parts, t0):
    """Fit and score each recipe of ``--recipes`` (the rows of the dev criterion)."""
    for name in args.recipes.split(","):
        recipe = set(name.split("+"))
        base = [d for docs in sets.values() for d in docs]
        if "benches" in parts:
            for held in ("scrapinghub", "readability"):
                train = [d for s, docs in sets.items() if s != held for d in docs]
                train += [d for docs in half_docs for d in docs] if "labelled" in recipe else []
                model = fit_model(train, recipe, hyper, shipped, _save(args, name, held))
                if held == "scrapinghub":
                    rows = [("scrapinghub", sets[held], None)]
                else:
                    everything = sets[held] + test_fixtures
                    rows = [("readability real", everything, lambda i: i not in fixtures),
                            ("readability fixtures", everything, lambda i: i in fixtures)]
                for label, docs, subset in rows:
                    r = bench_score(docs, model, score_mod, subset)
                    print(f"| {name} | {label} | {r['P']:.3f} / {r['R']:.3f} / {r['F1']:.3f} | empty {r['empty']} |",
                          flush=True)
                print(f"  ({time.time() - t0:.0f}s)", file=sys.stderr)
        if "news" in parts:
            totals = np.zeros(4, dtype=int)
            for k in (0, 1):
                train = base + (half_docs[1 - k] if "labelled" in recipe else [])
                model = fit_model(train, recipe, hyper, shipped, _save(args, name, f"half{k + 1}"))
                s = line_score(half_pages[k], model)
                totals += (s.noise, s.noise_removed, s.article, s.article_kept)
                print(f"| {name} | studied half {k + 1} | {100 * s.noise_removed / s.noise:.1f} / "
                      f"{100 * s.article_kept / s.article:.2f} ({s.article - s.article_kept} cut) |", flush=True)
                if "labelled" not in recipe:
                    s = line_score(half_pages[1 - k], model)  # (the same model is out of sample on both halves)
                    totals += (s.noise, s.noise_removed, s.article, s.article_kept)
                    print(f"| {name} | studied half {2 - k} | {100 * s.noise_removed / s.noise:.1f} / "
                          f"{100 * s.article_kept / s.article:.2f} ({s.article - s.article_kept} cut) |", flush=True)
                    break
            noise, removed, article, kept = totals
            print(f"| {name} | **studied, out of fold** | {100 * removed / noise:.1f} / {100 * kept / article:.2f} "
                  f"({article - kept} cut) |", flush=True)
            print(f"  ({time.time() - t0:.0f}s)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())

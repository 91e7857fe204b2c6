"""Refit the line classifier several times and measure (or tame) the refit's spread.

    python -m training.bagging /work/shared/bench/boilerplate --cache /tmp/sets.pkl \
        --seeds 1,2,3 [--bag 3] [--keep 0.8 | --vary generated] [--drop-features ...] \
        [--labelled-train all] [--out-dir DIR] [--lodo scrapinghub,readability]
    python -m training.news_check --gate corpus_clean/boilerplate/classifier.json DIR/*.json

``fit_trees`` is deterministic: a refit's "spread" is how much a model moves when its
training data moves a little (a studied file added, a rule changed). This script draws
that spread on purpose. Each model refits the shipped recipe (``training.fit --no-cv``:
scrapinghub with its gold bodies as clean inputs and in their page frame, readability's
real pages, generated news of group A, generated short-line pages, the studied files)
with one of three draws:

* ``--bag 0``: no draw, one fit on everything (the shipped recipe on today's rules);
* ``--vary pages`` (default): a **bootstrap by page**, every training page weighs a
  Poisson(1) draw, a scrapinghub page's synthetic copies go with it
  (``bootstrap_weights``); with ``--keep 0.8`` a subsample of 80 % of the pages instead;
* ``--vary generated``: every real page, the generated pages drawn with other seeds.

With ``--bag K`` a model is the mean of K such fits (``training.average``; each member
is also written as ``seedS-mK.json``). The members' and the bagged models' held-out
news totals (``training.news_check --gate``) show the spread and whether averaging tames
it (round 16: it does not enough; ``benchmarks/RESULTS-boilerplate.md``, "Round 16, textq16").

With ``--lodo``, each bench named is also left out of every fit in turn and scored with
its ``score.py`` (the shipped recipe without that bench and its synthetic copies, so not
``training.lodo``'s mix; a bagged model's trees are then K times as many).
Writes every model to ``--out-dir`` (``seedS.json``; the LODO ones ``seedS-without-SET.json``).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, MODEL_PATH, StackedModel
from training import fit
from training.average import average_stage1
from training.labelled import STUDIED


def training_sets(bench_dir: Path) -> dict[str, list]:
    """The shipped recipe's training documents by set (``training.fit`` ``--no-cv``,
    ``--extra-bench readability``, group A, each studied file as ``"studied:FILE"``); the
    readability test fixtures are kept apart as ``"readability fixtures"`` (never trained on)."""
    from training.lodo import readability_fixture_ids

    sh = fit.load_docs(str(bench_dir / "scrapinghub.jsonl.gz"))
    readability = fit.load_docs(str(bench_dir / "readability.jsonl.gz"))
    fixtures = readability_fixture_ids(bench_dir / "readability.jsonl.gz")
    return {
        "scrapinghub": sh,
        "scrapinghub extras": fit.gold_as_input_docs(sh) + fit.gold_in_its_page_frame(sh),
        "readability": [d for d in readability if d.id not in fixtures],
        "readability fixtures": [d for d in readability if d.id in fixtures],
        "newsgen-A": fit.newsgen_docs(400, ["A"], 1001),
        "shortgen": fit.shortgen_docs(fit.SHORTGEN_N),
        **{f"studied:{name}": fit.studied_docs((name,)) for name in STUDIED},
    }


def page_key(doc_id: str) -> str:
    """The page a training document belongs to: a scrapinghub page's gold-body and
    framed copies (``ID:gold``, ``ID:framed``) are drawn with it.

    >>> page_key("abc:framed"), page_key("abc:gold"), page_key("labelled:x")
    ('abc', 'abc', 'labelled:x')
    """
    for suffix in (":gold", ":framed", ":other-stories"):
        if doc_id.endswith(suffix):
            return doc_id[: -len(suffix)]
    return doc_id


def bootstrap_weights(docs: list, seed, keep: float = 0.0) -> np.ndarray:
    """One weight per document, the same for documents of one page (``page_key``): a
    Poisson(1) draw (a bootstrap of the pages, as weights; 0 leaves a page out), or with
    `keep` in (0, 1) 1 for a random `keep` share of the pages and 0 for the rest (a
    subsample without replacement: each member sees more of the pages, so it is less
    off the full fit, and the members differ less). `seed`: anything
    ``numpy.random.default_rng`` takes (an int, a list of ints).

    >>> class D:
    ...     def __init__(self, i): self.id = i
    >>> w = bootstrap_weights([D("a"), D("a:gold"), D("b")], seed=[3, 0])
    >>> bool(w[0] == w[1]), bool((w >= 0).all())
    (True, True)
    >>> bootstrap_weights([D(str(i)) for i in range(10)], seed=1, keep=0.8).sum()
    np.float64(8.0)
    """
    keys = [page_key(d.id) for d in docs]
    unique = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    rng = np.random.default_rng(seed)
    if keep:
        draw = np.zeros(len(unique))
        draw[rng.permutation(len(unique))[:round(keep * len(unique))]] = 1.0
    else:
        draw = rng.poisson(1.0, size=len(unique)).astype(np.float64)
    return draw[[unique[k] for k in keys]]


# What a generated page's line weighs against a real page's (``--gen-weight``;
# ``training.compare``'s ``genW`` switch).
GEN_WEIGHT = 1.0


def generated_weight(d) -> float:
    """``GEN_WEIGHT`` for a generated page (news, short-line), 1 for a real one."""
    return GEN_WEIGHT if d.id.startswith(("newsgen:", "shortgen:")) else 1.0


def fit_on(train: list, hyper: dict, drop: tuple[str, ...], seed, keep: float = 0.0) -> dict:
    """Stage-1 parameters fit on `train` (every line weighted as ``training.fit`` does),
    on a bootstrap (or with `keep`, a subsample) of its pages when `seed` is not None.
    (Pages drawn 0 times are left out of the arrays with `keep`: same fit, less CPU.)"""
    doc_w = bootstrap_weights(train, seed, keep) if seed is not None else np.ones(len(train))
    if keep:
        train, doc_w = [d for d, k in zip(train, doc_w) if k > 0], doc_w[doc_w > 0]
    w = np.concatenate([fit.article_weighted(d, fit.line_weights(d)) * k * generated_weight(d)
                        for d, k in zip(train, doc_w)])
    return fit.fit_trees_on(np.vstack([d.X for d in train]), np.concatenate([d.y for d in train]), w,
                            FEATURE_NAMES, hyper, drop=drop)


def bagged_members(train: list, hyper: dict, drop: tuple[str, ...], seed: int, bag: int,
                   keep: float = 0.0) -> list[dict]:
    """`bag` fits on bootstraps (or `keep`-share subsamples) of the pages (seeds
    ``[seed, k]``); with `bag` 0 one fit on all of `train`. Their mean
    (``average_stage1``) is the bagged model."""
    if bag == 0:
        return [fit_on(train, hyper, drop, None)]
    return [fit_on(train, hyper, drop, [seed, k], keep) for k in range(bag)]


def generated_members(sets: dict, training: list[str], hyper: dict, drop: tuple[str, ...], seed: int,
                      bag: int) -> list[dict]:
    """`bag` fits on all the real pages, each with generated pages of its own seeds (news of
    group A and short-line pages, as many as the shipped recipe's): the refits differ only
    in what the generators drew, so their spread is the recipe's own, no page left out."""
    members = []
    for k in range(bag):
        generated = (fit.newsgen_docs(len(sets["newsgen-A"]), ["A"], 100_000 + 1000 * seed + k)
                     + fit.shortgen_docs(len(sets["shortgen"]), 200_000 + 1000 * seed + k))
        real = [d for name in training if name not in ("newsgen-A", "shortgen") for d in sets[name]]
        members.append(fit_on(real + generated, hyper, drop, None))
    return members


def bagged(members: list[dict]) -> dict:
    """The stage 1 whose margin is the mean of `members`' (one member: itself)."""
    return members[0] if len(members) == 1 else average_stage1(members)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("--cache", help="pickle of the loaded sets (read back when it exists; delete it after "
                    "changing features, rules or the studied files)")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--bag", type=int, default=1, help="bootstrap fits averaged per model (0: one fit, no bootstrap)")
    ap.add_argument("--keep", type=float, default=0.0,
                    help="members fit on this share of the pages drawn without replacement (0: Poisson bootstrap)")
    ap.add_argument("--vary", choices=("pages", "generated"), default="pages",
                    help="what differs between members: a draw of the pages (--keep) or the generated pages' seeds")
    ap.add_argument("--trees", type=int, help="trees per fit (default: the shipped model's)")
    ap.add_argument("--lr", type=float, help="learning rate (default: the shipped model's)")
    ap.add_argument("--lam", type=float, help="L2 on leaf values (default: the shipped model's)")
    ap.add_argument("--min-hess", type=float, help="least hessian on each side of a split (default: the shipped model's)")
    ap.add_argument("--gen-weight", type=float, default=1.0, help="a generated page's line weighs this (GEN_WEIGHT)")
    ap.add_argument("--labelled-train", default=",".join(fit.LABELLED_TRAIN))
    ap.add_argument("--drop-features", default=",".join(fit.DROP_FEATURES))
    ap.add_argument("--threshold", type=float, help="default: the shipped model's")
    ap.add_argument("--lodo", default="", help="benches to leave out in turn (scrapinghub,readability)")
    ap.add_argument("--also-thresholds", default="", help="comma-separated thresholds the LODO rows are scored at too")
    ap.add_argument("--out-dir", default="/tmp/bagging")
    ap.add_argument("--extra-real", action="append", default=[], metavar="FILE",
                    help="more real pages to train on (jsonl with naive_text, gold_text; training.seeds' switch extra)")
    args = ap.parse_args(argv)
    if args.lodo and args.vary == "generated":
        ap.error("--lodo draws members by pages only (--vary pages)")
    t0 = time.time()
    bench_dir = Path(args.bench_dir)
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    hyper = dict(shipped["fit"]["hyper_stage1"])
    hyper.update({k: v for k, v in (("n_trees", args.trees), ("lr", args.lr), ("lam", args.lam),
                                    ("min_hess", args.min_hess)) if v is not None})
    global GEN_WEIGHT
    GEN_WEIGHT = args.gen_weight
    drop = tuple(f for f in args.drop_features.split(",") if f)
    labelled = fit.labelled_files(args.labelled_train)
    if args.cache and Path(args.cache).exists():
        sets = pickle.loads(Path(args.cache).read_bytes())
    else:
        sets = training_sets(bench_dir)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(sets))
    for path in args.extra_real:  # (not cached: the cache holds the shipped recipe's sets)
        sets[f"extra:{Path(path).name.split('.')[0]}"] = fit.load_docs(path)
    print(f"loaded in {time.time() - t0:.0f}s", file=sys.stderr)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    threshold = shipped["threshold"] if args.threshold is None else args.threshold
    recipe = {"bag": args.bag, "keep": args.keep, "gen_weight": args.gen_weight, "vary": args.vary, "hyper_stage1": hyper, "drop_features": list(drop), "labelled_train": list(labelled),
              "extra_real": [Path(e).name for e in args.extra_real]}

    def save(stage1: dict, name: str, seed: int) -> StackedModel:
        params = {"kind": "stacked-gbdt", "threshold": threshold, "island_penalty": shipped["island_penalty"],
                  "stage1": stage1, "stage2": None, "fit": {**recipe, "seed": seed, "training.bagging": name}}
        (out / f"{name}.json").write_text(json.dumps(params, separators=(",", ":")) + "\n", encoding="utf-8")
        return StackedModel(params)

    training = [name for name in sets if name != "readability fixtures"
                and (not name.startswith("studied:") or name.split(":", 1)[1] in labelled)]
    for seed in [int(s) for s in args.seeds.split(",")]:
        train = [d for name in training for d in sets[name]]
        members = (generated_members(sets, training, hyper, drop, seed, args.bag) if args.vary == "generated"
                   else bagged_members(train, hyper, drop, seed, args.bag, args.keep))
        for k, member in enumerate(members if len(members) > 1 else []):
            save(member, f"seed{seed}-m{k}", seed)
        save(bagged(members), f"seed{seed}", seed)
        print(f"seed {seed} fit ({time.time() - t0:.0f}s)", file=sys.stderr)
        for held in [h for h in args.lodo.split(",") if h]:
            from training.lodo import bench_score

            score_mod = fit.load_score(str(bench_dir / "scrapinghub.jsonl.gz"))
            left = (held, f"{held} extras")
            train = [d for name in training if name not in left for d in sets[name]]
            model = save(bagged(bagged_members(train, hyper, drop, seed, args.bag, args.keep)), f"seed{seed}-without-{held}", seed)
            fixtures = {d.id for d in sets["readability fixtures"]}
            scored = sets[held] + (sets["readability fixtures"] if held == "readability" else [])
            rows = [(held, None)] if held == "scrapinghub" else [
                ("readability real", lambda i: i not in fixtures), ("readability fixtures", lambda i: i in fixtures)]
            for thr in [threshold] + [float(t) for t in args.also_thresholds.split(",") if t]:
                for label, subset in rows:
                    r = bench_score(scored, model, score_mod, subset, thr)
                    print(f"| seed {seed}, bag {args.bag}, threshold {thr} | {label} | {r['P']:.3f} / {r['R']:.3f} / "
                          f"{r['F1']:.3f} | empty {r['empty']} |", flush=True)
            print(f"seed {seed} without {held} ({time.time() - t0:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

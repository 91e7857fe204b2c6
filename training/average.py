"""Average line classifiers: one model whose log-odds are the mean of several fits'.

    python -m training.average A.json B.json [...] --out classifier.json [--threshold 0.6]

Each input is a stage-1 model (``classifier.json`` format, oblivious trees of the same
depth). The output holds all their trees, each tree's leaf values divided by the number
of models, the base the mean of theirs, its features the union in ``FEATURE_NAMES``
order: a row's margin is exactly the mean of the models' margins. Why: two fits of
alike recipes disagree on short lines near the threshold (a refit's spread moves one
page's lines, not the means); the mean cuts only what both lean to cutting. Costs the
trees' share of the text path once more per model (~4 % each).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import FEATURE_NAMES


def average_stage1(models: list[dict]) -> dict:
    """The stage-1 parameters whose margin is the mean of `models`' stage-1 margins.

    >>> a = {"kind": "oblivious-gbdt", "base": 1.0, "depth": 1, "features": ["log_words"],
    ...      "split_feature": [[0]], "split_threshold": [[0.5]], "leaf_value": [[-1.0, 1.0]]}
    >>> b = dict(a, base=3.0, features=["log_chars"], leaf_value=[[0.0, 2.0]])
    >>> m = average_stage1([a, b])
    >>> m["base"], m["features"], m["split_feature"], m["leaf_value"]
    (2.0, ['log_words', 'log_chars'], [[0], [1]], [[-0.5, 0.5], [0.0, 1.0]])
    """
    depths = {int(m["depth"]) for m in models}
    if len(depths) != 1:
        raise ValueError(f"models of different depths {sorted(depths)} cannot be averaged tree by tree")
    names = [f for f in FEATURE_NAMES if any(f in m["features"] for m in models)]
    k = len(models)
    split_feature, split_threshold, leaf_value = [], [], []
    for m in models:
        column = np.array([names.index(f) for f in m["features"]])
        split_feature += column[np.asarray(m["split_feature"], dtype=np.intp)].tolist()
        split_threshold += m["split_threshold"]
        leaf_value += (np.asarray(m["leaf_value"], dtype=np.float64) / k).tolist()
    return {"kind": "oblivious-gbdt", "base": float(np.mean([m["base"] for m in models])), "depth": depths.pop(),
            "features": names, "split_feature": split_feature, "split_threshold": split_threshold,
            "leaf_value": leaf_value}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threshold", type=float, help="default: the first model's")
    args = ap.parse_args(argv)
    params = [json.loads(Path(p).read_text(encoding="utf-8")) for p in args.models]
    out = {"kind": "stacked-gbdt", "threshold": args.threshold or params[0]["threshold"],
           "island_penalty": params[0]["island_penalty"],
           "stage1": average_stage1([p["stage1"] for p in params]), "stage2": None,
           "fit": {"averaged": [{"file": Path(p).name, "fit": q.get("fit", {})} for p, q in zip(args.models, params)]}}
    Path(args.out).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

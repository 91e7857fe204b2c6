"""Score line classifiers on the hand-labelled news sets: studied sets one by one,
held-out sets as totals only (their misses are never printed).

    python -m training.news_check MODEL.json [MODEL.json ...] [--gate SHIPPED.json]

One column per model (noise removed % / article kept %, and article lines kept of all).
A model trained on studied files (``fit.labelled_train``) is in-sample there: the row
says so. The held-out rows are the check of a refit: it ships only if it keeps as many
of their article lines as the shipped model and removes nearly as much of their noise.

With ``--gate SHIPPED.json`` it prints one row per model instead: article lines cut on
each held-out set, in total, noise removed in total, and whether the model passes the
gate against SHIPPED (``gate``): no held-out set loses more article lines, the held-out
noise removed falls by at most ``NOISE_SLACK`` points. ``--spread`` adds the models' mean
cuts per set and their range: given refits of one recipe (``training.bagging``), the
recipe's expected cuts, which round 16 found to move by +-10 lines between refits.
"""
from __future__ import annotations

import argparse
import json

import numpy as np
from pathlib import Path

from corpus_clean.boilerplate.classifier import StackedModel
from training.labelled import HELD_OUT, LABELLED, STUDIED, load_pages
from training.lodo import line_score


def model_rows(model_path: str) -> dict[str, tuple[int, int, int, int]]:
    """Per set: (noise lines, removed, article lines, kept) with the model at `model_path`."""
    model = StackedModel(json.loads(Path(model_path).read_text(encoding="utf-8")))
    out = {}
    for name in ("pages.txt",) + STUDIED + HELD_OUT:
        s = line_score(load_pages(LABELLED / name), model)
        out[name] = (s.noise, s.noise_removed, s.article, s.article_kept)
    return out


NOISE_SLACK = 0.5  # points of held-out noise removed a refit may lose and still ship


def held_out_totals(rows: dict) -> tuple[list[int], float, int]:
    """(article lines cut per held-out set, held-out noise removed %, article lines cut in all)."""
    cuts = [rows[n][2] - rows[n][3] for n in HELD_OUT]
    noise, removed, _, _ = _sum(rows, HELD_OUT)
    return cuts, 100.0 * removed / max(noise, 1), sum(cuts)


def gate(candidate: dict, shipped: dict, slack: float = NOISE_SLACK) -> bool:
    """Whether `candidate` (``model_rows``) may replace `shipped`: on no held-out set more
    article lines cut, and held-out noise removed down by at most `slack` points.

    >>> base = {n: (100, 90, 100, 99) for n in HELD_OUT}
    >>> gate(dict(base), base), gate({**base, HELD_OUT[0]: (100, 99, 100, 98)}, base)
    (True, False)
    """
    cuts, noise, _ = held_out_totals(candidate)
    base_cuts, base_noise, _ = held_out_totals(shipped)
    return all(c <= b for c, b in zip(cuts, base_cuts)) and noise >= base_noise - slack


def spread(rows_of_models: list[dict]) -> str:
    """Per held-out set, the mean article lines cut over several refits and their range
    (the recipe's expected cuts: a gate on a recipe, not on one fit), then the totals.

    >>> a = {n: (10, 9, 10, 10) for n in HELD_OUT}
    >>> b = {**a, HELD_OUT[0]: (10, 9, 10, 7)}
    >>> spread([a, b]).split()[:2]
    ['1.5', '(0-3)']
    """
    cuts = np.array([held_out_totals(r)[0] for r in rows_of_models])
    cells = [f"{c.mean():.1f} ({c.min()}-{c.max()})" for c in cuts.T]
    totals = cuts.sum(axis=1)
    return " ".join(cells) + f" | {totals.mean():.1f} ({totals.min()}-{totals.max()})"


def _cell(counts: tuple[int, int, int, int]) -> str:
    noise, removed, article, kept = counts
    return f"{100.0 * removed / max(noise, 1):.1f} / {100.0 * kept / max(article, 1):.2f} ({article - kept} cut)"


def _sum(rows: dict, names) -> tuple[int, int, int, int]:
    return tuple(sum(rows[n][k] for n in names) for k in range(4))  # type: ignore[return-value]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+")
    ap.add_argument("--gate", metavar="SHIPPED", help="one row per model: held-out cuts and the gate against SHIPPED")
    ap.add_argument("--spread", action="store_true", help="with --gate, a last row: the models' mean cuts per "
                    "held-out set and their range (refits of one recipe: its expected cuts)")
    args = ap.parse_args(argv)
    if args.gate:
        shipped = model_rows(args.gate)
        print("| model | article lines cut per held-out set (" + ", ".join(n.removesuffix(".txt") for n in HELD_OUT)
              + ") | cut, all | noise removed % | studied cut (in-sample or not) | gate |")
        print("|---|---|---:|---:|---:|---|")
        candidates = []
        for m in [args.gate] + args.models:
            rows = model_rows(m) if m != args.gate else shipped
            candidates += [rows] if m != args.gate else []
            cuts, noise, total = held_out_totals(rows)
            studied = _sum(rows, STUDIED)
            verdict = "(shipped)" if m == args.gate else ("passes" if gate(rows, shipped) else "fails")
            print(f"| {m} | {' '.join(map(str, cuts))} | {total} | {noise:.1f} | {studied[2] - studied[3]} | {verdict} |",
                  flush=True)
        if args.spread:
            print(f"| mean (range) of the {len(candidates)} models | {spread(candidates)} | | | |")
        return 0
    columns = [model_rows(m) for m in args.models]
    trained = [set(json.loads(Path(m).read_text()).get("fit", {}).get("labelled_train", [])) for m in args.models]
    print("| set | " + " | ".join(Path(m).name for m in args.models) + " |")
    print("|---|" + "---:|" * len(args.models))
    for name in ("pages.txt",) + STUDIED:
        cells = [_cell(c[name]) + (" (in-sample)" if name in t else "") for c, t in zip(columns, trained)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("| **studied, all** | " + " | ".join(_cell(_sum(c, STUDIED)) for c in columns) + " |")
    for name in HELD_OUT:
        print(f"| **{name} (held out, totals)** | " + " | ".join(_cell(c[name]) for c in columns) + " |")
    print("| **held out, all** | " + " | ".join(_cell(_sum(c, HELD_OUT)) for c in columns) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

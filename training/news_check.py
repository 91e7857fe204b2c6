"""Score line classifiers on the hand-labelled news sets: studied sets one by one,
held-out sets as totals only (their misses are never printed).

    python -m training.news_check MODEL.json [MODEL.json ...]

One column per model (noise removed % / article kept %, and article lines kept of all).
A model trained on studied files (``fit.labelled_train``) is in-sample there: the row
says so. The held-out rows are the check of a refit: it ships only if it keeps as many
of their article lines as the shipped model and removes nearly as much of their noise.
"""
from __future__ import annotations

import argparse
import json
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


def _cell(counts: tuple[int, int, int, int]) -> str:
    noise, removed, article, kept = counts
    return f"{100.0 * removed / max(noise, 1):.1f} / {100.0 * kept / max(article, 1):.2f} ({article - kept} cut)"


def _sum(rows: dict, names) -> tuple[int, int, int, int]:
    return tuple(sum(rows[n][k] for n in names) for k in range(4))  # type: ignore[return-value]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+")
    args = ap.parse_args(argv)
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

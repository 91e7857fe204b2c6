"""Leave one dataset out: fit the line classifier on all sets but one, score the one.

    python -m training.lodo /work/shared/bench/boilerplate [--newsgen-n 400] [--trees 100]

Sets: the two shared benchmarks (``scrapinghub.jsonl.gz``; ``readability.jsonl.gz``,
whose gold is Readability.js's own output, scored as its 31 test fixtures and its 93
real pages separately; the fixtures are never trained on), our 30 hand-labelled pages
(``data/labelled``) and generated news of family groups A and B
(``training/newsgen.py``). For each held-out set, stage 1 is fit on the others (same
hyper-parameters and threshold as the shipped model) and run through the real engine
on the held-out documents: bench sets are scored with the bench's ``score.py``,
generated news line by line (noise removed, article kept). Prints markdown tables.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.classifier import FEATURE_NAMES, MODEL_PATH, StackedModel
from corpus_clean.boilerplate.engine import strip_many
from training.fit import (
    DROP_FEATURES, LABELLED_TRAIN, LINE_WEIGHT_MIN_WORDS, NEWSGEN_ALL_LANGUAGES, NEWSGEN_ASIDES, NEWSGEN_OTHER_STORIES, SHORTGEN_N, SHORTGEN_SEED, TOKEN_WEIGHT_POWER,
    WORD_WEIGHTS_ON,
    clean_with, fit_trees_on,
    gold_with_other_stories, labelled_doc, labelled_files, line_weights, studied_docs, load_docs, load_score, newsgen_docs, shortgen_docs,
)
from training.labelled import load_pages
from training.newsgen import LineScore, family_names, generate, removed_lines

FIXTURE_WORDS = re.compile(r"lorem|incididunt|consectetur", re.I)


def readability_fixture_ids(bench: Path) -> set[str]:
    """The 31 test fixtures of the readability set (html < 5 KB or Lorem-ipsum gold)."""
    import gzip

    ids = set()
    with gzip.open(bench, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if len(rec.get("html") or "") < 5000 or FIXTURE_WORDS.search(rec.get("gold_text") or ""):
                ids.add(rec["id"])
    return ids


def bench_score(docs, model: StackedModel, score_mod, subset=None, threshold: float | None = None) -> dict:
    docs = [d for d in docs if subset is None or subset(d.id)]
    threshold = model.threshold if threshold is None else threshold
    preds = [clean_with(d, model.predict_proba(d.X), threshold, model.island_penalty) for d in docs]
    r = score_mod.score([d.gold for d in docs], preds)
    return {"n": len(docs), "P": r["precision"], "R": r["recall"], "F1": r["f1"], "empty": r["n_empty_predictions"]}


def news_score(group: str, model: StackedModel, n: int, seed: int) -> LineScore:
    return line_score(generate(n, families=family_names(group), seed=seed), model)


def line_score(docs, model: StackedModel) -> LineScore:
    result = LineScore()
    for d, (_, removals) in zip(docs, strip_many([d.text for d in docs], model=model)):
        result.add(d, removed_lines(d, [(r.start, r.end) for r in removals]))
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir", help="directory with scrapinghub.jsonl.gz, readability.jsonl.gz and score.py")
    ap.add_argument("--newsgen-n", type=int, default=400, help="generated training documents per group")
    ap.add_argument("--eval-n", type=int, default=300, help="generated held-out documents per group")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--newsgen-other-stories", type=float, default=NEWSGEN_OTHER_STORIES,
                    help="share of generated TRAINING documents with a list of other stories (held-out ones: none)")
    ap.add_argument("--newsgen-asides", type=float, default=NEWSGEN_ASIDES,
                    help="share of generated TRAINING documents with story asides (held-out ones: none)")
    ap.add_argument("--newsgen-all-languages", action=argparse.BooleanOptionalAction, default=NEWSGEN_ALL_LANGUAGES,
                    help="TRAINING documents also from the training-only families (every language in each group)")
    ap.add_argument("--shortgen-n", type=int, default=SHORTGEN_N,
                    help="generated short-line story pages in every row's training set (training/shortgen.py)")
    ap.add_argument("--labelled-train", default=",".join(LABELLED_TRAIN),
                    help="studied hand-labelled files in every row's training set (training.fit --labelled-train)")
    ap.add_argument("--drop-features", default=",".join(DROP_FEATURES),
                    help="comma-separated features left out of every fit (default: the shipped recipe's)")
    ap.add_argument("--also-thresholds", default="",
                    help="comma-separated thresholds to score the bench sets at too (rows marked with the threshold)")
    ap.add_argument("--other-stories", action="store_true",
                    help="add the benches' gold bodies followed by other pages' stories to their training sets")
    ap.add_argument("--token-weight-power", type=float, default=TOKEN_WEIGHT_POWER,
                    help="a training line weighs (its words) ** this within its document (training.fit.line_weights; "
                    "0: every line alike, the recipe before round 10)")
    ap.add_argument("--line-weight-min-words", type=float, default=LINE_WEIGHT_MIN_WORDS,
                    help="with --token-weight-power, a line weighs at least as if it had this many words")
    ap.add_argument("--word-weights-on", choices=("all", "gold"), default=WORD_WEIGHTS_ON,
                    help="with --token-weight-power, which pages weigh their lines by words (training.fit.line_weights)")
    ap.add_argument("--held-out", default="scrapinghub,readability,own pages,newsgen-A,newsgen-B",
                    help="comma-separated sets to leave out in turn (a shorter run while iterating)")
    ap.add_argument("--gen-seed-offset", type=int, default=0,
                    help="add this to the generators' seeds (newsgen 1001/1002, shortgen): a refit that differs "
                         "from the recipe only in its generated draws, to measure the refit-to-refit spread")
    ap.add_argument("--save-models", metavar="DIR",
                    help="write each held-out set's model here (held-out-NAME.json) to re-score it without a refit")
    args = ap.parse_args(argv)
    t0 = time.time()
    bench_dir = Path(args.bench_dir)
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    hyper = dict(shipped["fit"]["hyper_stage1"], n_trees=args.trees)
    score_mod = load_score(str(bench_dir / "scrapinghub.jsonl.gz"))
    sets = {
        "scrapinghub": load_docs(str(bench_dir / "scrapinghub.jsonl.gz")),
        "readability": load_docs(str(bench_dir / "readability.jsonl.gz")),
        "own pages": [labelled_doc(p.family, p) for p in load_pages()],
        "newsgen-A": newsgen_docs(args.newsgen_n, ["A"], 1001 + args.gen_seed_offset, args.newsgen_other_stories,
                                  args.newsgen_asides, args.newsgen_all_languages),
        "newsgen-B": newsgen_docs(args.newsgen_n, ["B"], 1002 + args.gen_seed_offset, args.newsgen_other_stories,
                                  args.newsgen_asides, args.newsgen_all_languages),
    }
    if args.shortgen_n:  # (a training-only set: in every row's training set, never held out)
        sets["shortgen"] = shortgen_docs(args.shortgen_n, SHORTGEN_SEED + args.gen_seed_offset)
    if args.labelled_train:  # (training-only too: the studied news files)
        sets["studied news"] = studied_docs(labelled_files(args.labelled_train))
    fixtures = readability_fixture_ids(bench_dir / "readability.jsonl.gz")
    test_fixtures = [d for d in sets["readability"] if d.id in fixtures]
    sets["readability"] = [d for d in sets["readability"] if d.id not in fixtures]  # (not trained on)
    # Gold bodies with a list of other stories (``training.fit.gold_with_other_stories``),
    # built from each bench's own training pages: they go with that set.
    augmented = {} if not args.other_stories else {
        name: gold_with_other_stories(sets[name], seed=k) for k, name in enumerate(("scrapinghub", "readability"))}
    print(f"loaded in {time.time() - t0:.0f}s", file=sys.stderr)

    def model_without(held: str) -> StackedModel:
        train = [d for name, docs in sets.items() if name != held for d in docs + augmented.get(name, [])]
        params = fit_trees_on(np.vstack([d.X for d in train]), np.concatenate([d.y for d in train]),
                              np.concatenate([line_weights(d, args.token_weight_power, args.line_weight_min_words,
                                                           args.word_weights_on)
                                              for d in train]),
                              FEATURE_NAMES, hyper, drop=tuple(f for f in args.drop_features.split(",") if f))
        print(f"fit without {held} ({time.time() - t0:.0f}s)", file=sys.stderr)
        model_params = {"threshold": shipped["threshold"], "island_penalty": shipped["island_penalty"],
                        "stage1": params, "stage2": None}
        if args.save_models:
            Path(args.save_models).mkdir(parents=True, exist_ok=True)
            (Path(args.save_models) / f"held-out-{held.replace(' ', '-')}.json").write_text(json.dumps(model_params))
        return StackedModel(model_params)

    print(f"Stage 1, {args.trees} trees, threshold {shipped['threshold']}, island penalty "
          f"{shipped['island_penalty']}; each row's model never saw the held-out set.\n")
    print("| held-out set | trained on | docs | precision | recall | F1 | empty |")
    print("|---|---|---:|---:|---:|---:|---:|")
    held_out = set(args.held_out.split(","))
    for held in [h for h in ("scrapinghub", "readability") if h in held_out]:
        model = model_without(held)
        others = ", ".join(n for n in sets if n != held)
        rows = [(held, None)] if held == "scrapinghub" else [
            ("readability, 93 real pages", lambda i: i not in fixtures),
            ("readability, 31 test fixtures", lambda i: i in fixtures), ("readability, all 124", None)]
        for threshold in [None] + [float(t) for t in args.also_thresholds.split(",") if t]:
            for name, subset in rows:
                r = bench_score(sets[held] + (test_fixtures if held == "readability" else []), model, score_mod, subset,
                                threshold)
                at = "" if threshold is None else f" (threshold {threshold})"
                print(f"| {name}{at} | {others} | {r['n']} | {r['P']:.3f} | {r['R']:.3f} | **{r['F1']:.3f}** | {r['empty']} |")
    if "own pages" in held_out:
        model = model_without("own pages")
        s = line_score(load_pages(), model)
        print("\n| held-out labelled set | trained on | docs | noise removed % | article kept % | docs exactly right |")
        print("|---|---|---:|---:|---:|---:|")
        print(f"| own hand-labelled pages | {', '.join(n for n in sets if n != 'own pages')} | {s.docs} | "
              f"{s.noise_removed_pct:.1f} | {s.article_kept_pct:.2f} | {s.docs_exact} |")
    print("\n| held-out news group | trained on | docs | noise removed % | article kept % | docs exactly right |")
    print("|---|---|---:|---:|---:|---:|")
    for group in [g for g in ("A", "B") if f"newsgen-{g}" in held_out]:
        held = f"newsgen-{group}"
        model = model_without(held)
        s = news_score(group, model, args.eval_n, seed=7 + ord(group))
        others = ", ".join(n for n in sets if n != held)
        print(f"| {group} | {others} | {s.docs} | {s.noise_removed_pct:.1f} | {s.article_kept_pct:.2f} | "
              f"{s.docs_exact} ({100.0 * s.docs_exact / max(s.docs, 1):.0f}%) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

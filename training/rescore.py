"""Re-score saved leave-one-dataset-out models on the current engine, no refit.

    python -m training.rescore /work/shared/bench/boilerplate MODELS_DIR

``MODELS_DIR`` holds ``held-out-scrapinghub.json`` and ``held-out-readability.json``
(``python -m training.lodo ... --save-models DIR``): each never saw its set. Rows: the
rows of ``training.lodo`` (scrapinghub; readability's 93 real pages, its 31 test
fixtures, all 124), and both sets' pages by half (``benchmarks/extraction.is_dev_half``:
tune on the dev half, report the held-out half). A rule change scored with the
models fit before it shows what the change does apart from the noise between refits
(benchmarks/RESULTS-boilerplate.md, fourth round).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus_clean.boilerplate.classifier import StackedModel
from training.fit import load_docs, load_score
from training.lodo import bench_score, readability_fixture_ids

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from extraction import is_dev_half  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench_dir")
    ap.add_argument("models_dir")
    args = ap.parse_args(argv)
    bench = Path(args.bench_dir)
    score_mod = load_score(str(bench / "scrapinghub.jsonl.gz"))
    fixtures = readability_fixture_ids(bench / "readability.jsonl.gz")

    def real(i: str) -> bool:
        return i not in fixtures

    sets = {
        "scrapinghub": ("scrapinghub", None),
        "scrapinghub, dev half": ("scrapinghub", lambda i: is_dev_half({"id": i})),
        "scrapinghub, held-out half": ("scrapinghub", lambda i: not is_dev_half({"id": i})),
        "readability, 93 real pages": ("readability", real),
        "readability real, dev half": ("readability", lambda i: real(i) and is_dev_half({"id": i})),
        "readability real, held-out half": ("readability", lambda i: real(i) and not is_dev_half({"id": i})),
        "readability, 31 test fixtures": ("readability", lambda i: i in fixtures),
        "readability, all 124": ("readability", None),
    }
    docs = {name: load_docs(str(bench / f"{name}.jsonl.gz")) for name in ("scrapinghub", "readability")}
    models = {name: StackedModel(json.loads((Path(args.models_dir) / f"held-out-{name}.json").read_text()))
              for name in docs}
    print("| set | docs | precision | recall | F1 | empty |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (model_name, subset) in sets.items():
        r = bench_score(docs[model_name], models[model_name], score_mod, subset)
        print(f"| {name} | {r['n']} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['empty']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

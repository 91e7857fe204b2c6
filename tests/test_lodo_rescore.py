"""``training.lodo_rescore``: saved held-out models scored through a tree's steps, and the
paired difference against another tree (round 22, textq22). Fails on main: the module is new.
A bench of our own pages in a temporary directory (no /work/shared)."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from training import lodo_rescore
from corpus_clean.boilerplate.classifier import MODEL_PATH

REPO = Path(__file__).resolve().parents[1]
STORY = ["The harbour council voted on Monday to close the old river bridge for a year while engineers replace "
         "its corroded steel deck and both approach spans.",
         "Drivers will be sent over the northern ring road, which the transport department says can carry the "
         "extra traffic once two junctions near the harbour are widened.",
         "Shop owners on the east bank told the council that the bridge closure would cost them customers."]
FURNITURE = ["Home", "News", "Sport", "Weather", "Sign in", "Subscribe", "Share on Facebook", "Share on X",
             "Most read", "Cookie settings", "Privacy policy", "Terms of use", "Contact us"]
# The bench's scorer: word precision / recall of the output against the gold, over pages.
SCORE_PY = '''
def score(golds, preds):
    tp = fp = fn = empty = 0
    for g, p in zip(golds, preds):
        gw, pw = g.split(), p.split()
        common = sum(min(gw.count(w), pw.count(w)) for w in set(pw))
        tp += common; fp += len(pw) - common; fn += len(gw) - common; empty += not pw
    precision = tp / max(tp + fp, 1); recall = tp / max(tp + fn, 1)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "n_empty_predictions": empty}
'''


def _bench(tmp_path: Path) -> tuple[Path, Path]:
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "score.py").write_text(SCORE_PY)
    with gzip.open(bench / "scrapinghub.jsonl.gz", "wt", encoding="utf-8") as fh:
        for k in range(3):
            lines = FURNITURE[:5 + k] + STORY[k:] + STORY[:k] + FURNITURE[5 + k:]
            fh.write(json.dumps({"id": f"page{k}", "naive_text": "\n".join(lines),
                                 "gold_text": "\n\n".join(STORY[k:] + STORY[:k])}) + "\n")
    models = tmp_path / "lodo_main0"
    models.mkdir()
    shutil.copy(MODEL_PATH, models / "held-out-scrapinghub.json")
    return bench, models


def test_rescore_scores_each_saved_model_on_its_bench(tmp_path):
    bench, models = _bench(tmp_path)
    rows = lodo_rescore.rescore(str(bench), [str(models), str(tmp_path / "missing")])
    assert [(r["models"], r["bench"], r["n"]) for r in rows] == [(str(models), "scrapinghub", 3)]
    assert 0.9 <= rows[0]["P"] <= 1 and 0.9 <= rows[0]["R"] <= 1  # (the story is kept, the menus go)


def test_a_baseline_tree_with_the_same_code_differs_by_nothing(tmp_path, capsys):
    bench, models = _bench(tmp_path)
    assert lodo_rescore.main([str(bench), str(models), "--baseline", str(REPO)]) == 0
    row = capsys.readouterr().out.strip().splitlines()[-1]
    assert row.endswith("| +0.0000 | +0.0000 | +0.0000 |")

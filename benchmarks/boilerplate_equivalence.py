#!/usr/bin/env python3
"""Snapshot the text path's output, or check that it did not change (speed work).

    python benchmarks/boilerplate_equivalence.py save  SNAPSHOT.json.gz --bench ../shared/bench/boilerplate
    python benchmarks/boilerplate_equivalence.py check SNAPSHOT.json.gz --bench ../shared/bench/boilerplate

Runs ``strip_boilerplate_many`` (batches of BATCH_DOCS), ``strip_boilerplate`` one by
one and the rules-only path over: the bench's texts (scrapinghub and readability:
``naive_text``, the same after ``join_broken_words``, the clean ``gold_text``), generated
documents (``benchmarks/corpus_gen.py``, ``training/newsgen.py``), the bundled text
samples, and variants of all of them with CRLF line ends and with a line whose
lower-casing changes its length ("İ"). For every document it records the clean text
and every Removal's (start, end, rule); ``check`` prints the first differences and
exits 1 when any document's output differs. Snapshots stay outside the repository
(they hold the bench's text).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_clean.boilerplate import join_broken_words, strip_boilerplate, strip_boilerplate_many  # noqa: E402
from corpus_clean.shards import BATCH_DOCS  # noqa: E402


def inputs(bench_dir: Path | None, n_generated: int) -> list[tuple[str, str]]:
    """(name, text) of every document the snapshot covers, in a fixed order."""
    import corpus_gen
    from training import newsgen

    docs: list[tuple[str, str]] = []
    if bench_dir is not None:
        for name in ("scrapinghub.jsonl.gz", "readability.jsonl.gz"):
            with gzip.open(bench_dir / name, "rt", encoding="utf-8") as f:
                for k, line in enumerate(f):
                    rec = json.loads(line)
                    naive = rec.get("naive_text") or ""
                    docs.append((f"{name}:{k}:naive", naive))
                    docs.append((f"{name}:{k}:joined", join_broken_words(naive)[0]))
                    docs.append((f"{name}:{k}:gold", rec.get("gold_text") or ""))
    for k in range(n_generated):
        docs.append((f"corpus_gen:{k}", corpus_gen.document(11, k)["text"]))
    for k, doc in enumerate(newsgen.generate(n_generated, seed=5)):
        docs.append((f"newsgen:{k}", doc.text))
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        docs.append((f"raw:{path.name}", path.read_text(encoding="utf-8")))
    variants = []
    for name, text in docs[::3]:
        variants.append((f"{name}:crlf", text.replace("\n", "\r\n")))
        variants.append((f"{name}:dotted-I", "İstanbul Haber\n" + text))
    return docs + variants


def outputs(docs: list[tuple[str, str]]) -> dict[str, list]:
    """Per mode, per document: [clean text, [[start, end, rule], ...]]."""
    texts = [text for _, text in docs]

    def row(result) -> list:
        clean, removed = result
        return [clean, [[r.start, r.end, r.rule] for r in removed]]

    batched = []
    for start in range(0, len(texts), BATCH_DOCS):
        batched += [row(r) for r in strip_boilerplate_many(texts[start:start + BATCH_DOCS])]
    return {
        "batched": batched,
        "one_by_one": [row(strip_boilerplate(t)) for t in texts[::4]],
        "rules_only": [row(r) for r in strip_boilerplate_many(texts[::2], use_classifier=False)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["save", "check"])
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--bench", type=Path, help="the bench's boilerplate directory (scrapinghub/readability)")
    ap.add_argument("--n-generated", type=int, default=400)
    args = ap.parse_args(argv)
    docs = inputs(args.bench, args.n_generated)
    got = {"names": [name for name, _ in docs], **outputs(docs)}
    if args.action == "save":
        with gzip.open(args.snapshot, "wt", encoding="utf-8") as f:
            json.dump(got, f)
        print(f"saved {len(docs)} documents to {args.snapshot}")
        return 0
    with gzip.open(args.snapshot, "rt", encoding="utf-8") as f:
        want = json.load(f)
    if want["names"] != got["names"]:
        print("the snapshot covers other documents")
        return 1
    bad = 0
    for mode in ("batched", "one_by_one", "rules_only"):
        names = got["names"][:: {"batched": 1, "one_by_one": 4, "rules_only": 2}[mode]]
        for name, a, b in zip(names, want[mode], got[mode]):
            if a != b:
                bad += 1
                if bad <= 10:
                    print(f"{mode} {name}: removals {a[1][:6]} -> {b[1][:6]}")
    total = sum(len(got[m]) for m in ("batched", "one_by_one", "rules_only"))
    print(f"{total - bad} of {total} outputs identical ({len(docs)} documents)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

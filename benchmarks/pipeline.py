#!/usr/bin/env python3
"""End-to-end speed: the whole core pipeline, and the Prefect flow around it.

    python benchmarks/pipeline.py /work/shared/bench/boilerplate/scrapinghub.jsonl.gz [--copies 20]

Two tables, each with a baseline measured in the same process (the machines are shared
and noisy, so ratios are what to read):

1. Core pipeline (repair → strip boilerplate → metadata, `clean_documents` on batches
   of `BATCH_DOCS` documents, as a shard runs it) on the bench's `naive_text` (text
   path) and `html` (HTML path), next to what peer
   pipelines run on the same input: ftfy with DataTrove's config on the text, and
   trafilatura on the HTML. Best of --repeat (5) interleaved passes.
2. The clean-corpus flow on a JSONL corpus made of --copies copies of the bench's
   naive_text (ids differ), on the embedded Prefect server (started before timing), next
   to the core alone on the same records: the flow's overhead is the difference.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from corpus_clean.document import Document  # noqa: E402
from corpus_clean.pipeline import clean_documents  # noqa: E402
from corpus_clean.shards import BATCH_DOCS  # noqa: E402

# The bench's records and score.py are loaded as the HTML benchmark loads them.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from boilerplate_html import load_records, load_scorer  # noqa: E402


def _clean_in_batches(docs: list[Document]) -> list[str]:
    for start in range(0, len(docs), BATCH_DOCS):
        clean_documents(docs[start:start + BATCH_DOCS])
    return [doc.text for doc in docs]


def ours_text(records: list[dict]) -> list[str]:
    return _clean_in_batches([Document(id=r["id"], source="bench", raw_text=r["naive_text"], raw_sha256="")
                              for r in records])


def ours_html(records: list[dict]) -> list[str]:
    return _clean_in_batches([Document(id=r["id"], source="bench", raw_text="", raw_sha256="", html=r["html"])
                              for r in records])


def ftfy_datatrove():
    import ftfy

    from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG

    return lambda records: [ftfy.fix_text(r["naive_text"], config=DATATROVE_FTFY_CONFIG) for r in records]


def trafilatura_extract():
    import trafilatura

    return lambda records: [trafilatura.extract(r["html"], include_comments=False) or "" for r in records]


def best_seconds(systems: dict, records: list[dict], repeat: int) -> dict[str, float]:
    """Interleaved best-of-`repeat` CPU time for each system over all records."""
    best = {name: float("inf") for name in systems}
    for _ in range(repeat):
        for name, system in systems.items():
            start = time.process_time()
            system(records)
            best[name] = min(best[name], time.process_time() - start)
    return best


def quality_table(records: list[dict], bench_path: str) -> list[str]:
    """The whole pipeline's output (not one step's) scored with the bench's score.py."""
    scorer = load_scorer(bench_path)
    gold = {r["id"]: r["gold_text"] for r in records}
    rows = ["| path | precision | recall | F1 | empty |", "|---|---:|---:|---:|---:|"]
    for name, system in (("text (`naive_text`)", ours_text), ("HTML (`html`)", ours_html)):
        result = scorer.score(gold, dict(zip(gold, system(records))))
        rows.append(f"| {name} | {result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} | "
                    f"{result['n_empty_predictions']} |")
    return rows


def core_table(records: list[dict], repeat: int) -> list[str]:
    text_kb = sum(len(r["naive_text"].encode()) for r in records) / 1024
    html_kb = sum(len(r["html"].encode()) for r in records) / 1024
    for system in (ours_text, ours_html):  # warm-up: lazy imports, language model, caches
        system(records[:BATCH_DOCS])
    text = best_seconds({"ours": ours_text, "ftfy": ftfy_datatrove()}, records, repeat)
    html = best_seconds({"ours": ours_html, "trafilatura": trafilatura_extract()}, records, repeat)
    n = len(records)
    rows = [
        "| path | system | docs/s | ms per 4 KB of input | ours ÷ baseline time |",
        "|---|---|---:|---:|---:|",
        f"| text ({text_kb / n:.1f} KB/doc) | corpus-clean full pipeline | {n / text['ours']:.0f} | "
        f"{1000 * text['ours'] / (text_kb / 4):.2f} | {text['ours'] / text['ftfy']:.2f} |",
        f"| text | ftfy, DataTrove config (repair only) | {n / text['ftfy']:.0f} | "
        f"{1000 * text['ftfy'] / (text_kb / 4):.2f} | 1.00 |",
        f"| HTML ({html_kb / n:.0f} KB/doc) | corpus-clean full pipeline | {n / html['ours']:.0f} | "
        f"{1000 * html['ours'] / (html_kb / 4):.2f} | {html['ours'] / html['trafilatura']:.2f} |",
        f"| HTML | trafilatura `extract` (extraction only) | {n / html['trafilatura']:.0f} | "
        f"{1000 * html['trafilatura'] / (html_kb / 4):.2f} | 1.00 |",
    ]
    return rows


def flow_table(records: list[dict], copies: int, workers: int) -> list[str]:
    from flows.clean_corpus import clean_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for copy in range(copies):
            with open(corpus / f"copy-{copy:03d}.jsonl", "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps({"id": f"{copy}-{record['id']}", "text": record["naive_text"]}) + "\n")
        n = copies * len(records)
        megabytes = sum(f.stat().st_size for f in corpus.iterdir()) / 1e6
        warm = Path(tmp) / "warm"
        (warm / "in").mkdir(parents=True)
        (warm / "in" / "a.txt").write_text(records[0]["naive_text"])
        clean_corpus(input_path=str(warm / "in"), output_dir=str(warm / "out"), data_docs=False)  # server up

        start = time.perf_counter()
        manifest = clean_corpus(input_path=str(corpus), output_dir=str(Path(tmp) / "out"), data_docs=False)
        flow_seconds = time.perf_counter() - start
        assert manifest["totals"]["read"] == n, manifest["totals"]

        start = time.perf_counter()
        for _ in range(copies):
            ours_text(records)
        core_seconds = time.perf_counter() - start

        # The same single shard, its batches cleaned by `workers` processes (started
        # before timing).
        clean_corpus(input_path=str(warm / "in"), output_dir=str(warm / "out-w"), data_docs=False, workers=workers)
        start = time.perf_counter()
        manifest = clean_corpus(input_path=str(corpus), output_dir=str(Path(tmp) / "out-one-shard-w"),
                                data_docs=False, workers=workers)
        one_shard_many = time.perf_counter() - start
        assert manifest["totals"]["read"] == n, manifest["totals"]

        # One shard per copy, in-process vs `workers` processes.
        shard_mb = megabytes / copies * 0.9
        rows_by_workers = {}
        for n_workers in (1, workers):
            start = time.perf_counter()
            manifest = clean_corpus(input_path=str(corpus), output_dir=str(Path(tmp) / f"out-{n_workers}"),
                                    data_docs=False, shard_mb=shard_mb, workers=n_workers)
            rows_by_workers[n_workers] = time.perf_counter() - start
            assert manifest["totals"]["read"] == n, manifest["totals"]
        same = all((Path(tmp) / "out-1" / p.relative_to(Path(tmp) / f"out-{workers}")).read_bytes() == p.read_bytes()
                   for p in (Path(tmp) / f"out-{workers}").glob("*/*.parquet"))
    one, many = rows_by_workers[1], rows_by_workers[workers]
    return [
        f"Corpus: {n} records, {megabytes:.1f} MB of JSONL ({copies} copies of the bench's naive_text).",
        "",
        "| what | wall s | records/s | MB/s |",
        "|---|---:|---:|---:|",
        f"| clean-corpus flow (read, clean, GX validate, write Parquet, manifest, report) | {flow_seconds:.1f} | "
        f"{n / flow_seconds:.0f} | {megabytes / flow_seconds:.2f} |",
        f"| core `clean_documents` alone, same records, same process | {core_seconds:.1f} | "
        f"{n / core_seconds:.0f} | {megabytes / core_seconds:.2f} |",
        f"| flow overhead (flow ÷ core time) | {flow_seconds / core_seconds:.2f}× | | |",
        f"| the same one-shard flow with workers={workers} | {one_shard_many:.1f} | {n / one_shard_many:.0f} | "
        f"{megabytes / one_shard_many:.2f} |",
        f"| one-shard speed-up with workers={workers} | {flow_seconds / one_shard_many:.2f}× | | |",
        "",
        f"Same corpus as {copies} shards (one per file), `workers=1` vs `workers={workers}` "
        f"({os.cpu_count()} CPUs here); Parquet byte-identical: {same}.",
        "",
        "| flow | wall s | records/s | speed-up |",
        "|---|---:|---:|---:|",
        f"| workers=1 (in-process) | {one:.1f} | {n / one:.0f} | 1.00× |",
        f"| workers={workers} (process pool) | {many:.1f} | {n / many:.0f} | {one / many:.2f}× |",
    ]


def validation_table(records: list[dict], copies: int, repeat: int) -> list[str]:
    """Great Expectations validation of the cleaned rows (what the flow's validate task
    runs on a shard), after one untimed call that imports GX and builds its context."""
    import pyarrow as pa

    from corpus_clean.records import clean_schema, document_row
    from corpus_clean.validate import ValidationConfig, validate_table

    docs = [Document(id=f"{copy}-{r['id']}", source="bench", raw_text=r["naive_text"], raw_sha256="")
            for copy in range(copies) for r in records]
    _clean_in_batches(docs)
    table = pa.Table.from_pylist([document_row(doc, "bench") for doc in docs], schema=clean_schema())
    megabytes = sum(len(doc.text.encode()) for doc in docs) / 1e6
    config = ValidationConfig()
    validate_table(table.slice(0, 10), config, data_docs_dir=None)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        report = validate_table(table, config, data_docs_dir=None)
        best = min(best, time.perf_counter() - start)
    return [
        "| rows | MB of clean text | expectations | wall s (best of %d) | rows/s |" % repeat,
        "|---:|---:|---:|---:|---:|",
        f"| {table.num_rows} | {megabytes:.1f} | {len(report.results)} | {best:.2f} | {table.num_rows / best:.0f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", help="path to scrapinghub.jsonl.gz")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved passes for the core table; the best counts")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--skip-flow", action="store_true")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="processes for the multi-core row")
    args = parser.parse_args()
    records = load_records(args.bench)
    print("## Whole-pipeline quality (clean_documents output vs gold)\n")
    print("\n".join(quality_table(records, args.bench)))
    print("\n## Core pipeline (batches of documents, as a shard runs it)\n")
    print("\n".join(core_table(records, args.repeat)))
    print("\n## Validation of the cleaned rows (Great Expectations, the shard's validate task)\n")
    print("\n".join(validation_table(records, 10, 3)))
    if not args.skip_flow:
        print("\n## The flow around it\n")
        print("\n".join(flow_table(records, args.copies, args.workers)))


if __name__ == "__main__":
    main()

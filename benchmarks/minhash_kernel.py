#!/usr/bin/env python3
"""rensa's R-MinHash against the compiled kernel that makes the same signatures
(``_dedup_native.minhash_rows``), on a corpus's documents in the flow's batches.

    python benchmarks/minhash_kernel.py CORPUS_DIR [--batch 64] [--repeat 5]

CORPUS_DIR: JSONL files with a "text" field (benchmarks/corpus_gen.py). Each batch's
shingle hashes are made once (``dedup.batch_tokens``, as ``signature_table`` does); then
both ways sign every batch, alternating, `--repeat` times. Printed: the signatures equal
bit for bit (checked on every batch), and CPU seconds (``time.process_time``, best of the
repeats, so the machine's load moves it little) for all batches each way.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from corpus_clean.dedup import DedupParams, _dedup_native, _minhash_compiled, _minhash_rensa, batch_tokens
from corpus_clean.words import split_batch


def batches_of_tokens(corpus: Path, batch: int, params: DedupParams) -> list[tuple[np.ndarray, np.ndarray]]:
    texts = [json.loads(line).get("text") or "" for path in sorted(corpus.glob("*.jsonl"))
             for line in path.open(encoding="utf-8") if line.strip()]
    tokens = [batch_tokens(split_batch(texts[start:start + batch]), params.shingle_words)
              for start in range(0, len(texts), batch)]
    return [(t.shingles, t.offsets) for t in tokens]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--batch", type=int, default=64, help="documents per batch (shards.BATCH_DOCS)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if _dedup_native is None:
        raise SystemExit("corpus_clean._dedup_native was not built")
    params = DedupParams()
    batches = batches_of_tokens(args.corpus, args.batch, params)
    ways = {"rensa": lambda b: _minhash_rensa(*b, params),
            "compiled kernel": lambda b: _minhash_compiled(_dedup_native, *b, params)}
    same = all(np.array_equal(ways["rensa"](b), ways["compiled kernel"](b)) for b in batches)
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.repeat):
        for name, sign in ways.items():
            start = time.process_time()
            for b in batches:
                sign(b)
            cpu[name].append(time.process_time() - start)
    tokens = sum(len(b[0]) for b in batches)
    print(f"{len(batches)} batches, {tokens:,} shingles; signatures bit-identical: {same}")
    print("| way | CPU s (best of %d) |\n|---|---:|" % args.repeat)
    for name, seconds in cpu.items():
        print(f"| {name} | {min(seconds):.4f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The core's CPU time by batch size (``shards.BATCH_DOCS``):

    python benchmarks/corpus_gen.py /tmp/c5 --mb 5 && python benchmarks/corpus_gen.py /tmp/warm --mb 0.2 --seed 8
    python benchmarks/batch_size.py /tmp/c5 /tmp/warm --sizes 64,128,256,512 --repeat 3

CPU: one process cleans the corpus as one shard (``shards.clean_shard``) once per size
per round, the sizes alternating, the rule verdict cache emptied before each pass
(cold), after a warm-up on another seed's corpus; the best pass of each size is kept
(read the ratios: the machine is shared). For what a batch size costs in memory, run
``benchmarks/memory.py`` on code trees that differ in BATCH_DOCS: a process's own peak
RSS here is its start's (imports, rule packs), not the batch's.
"""
from __future__ import annotations

import argparse
import time


def cpu_by_size(corpus: str, warm: str, sizes: list[int], repeat: int) -> dict[int, float]:
    """Best CPU seconds of a cold pass over `corpus` per batch size, sizes alternating."""
    from corpus_clean import shards
    from corpus_clean.boilerplate.rules import load_rules
    from corpus_clean.readers import list_input_files
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    steps = resolve_steps(DEFAULT_STEPS)
    [warm_shard] = shards.plan_shards(list_input_files(warm), target_bytes=1 << 50)
    shards.clean_shard(warm_shard, run_id="bench", steps=steps)
    [shard] = shards.plan_shards(list_input_files(corpus), target_bytes=1 << 50)
    best = {size: float("inf") for size in sizes}
    for _ in range(repeat):
        for size in sizes:
            shards.BATCH_DOCS = size
            load_rules().line_cache.clear()
            began = time.process_time()
            shards.clean_shard(shard, run_id="bench", steps=steps)
            best[size] = min(best[size], time.process_time() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="a folder of JSONL (benchmarks/corpus_gen.py)")
    parser.add_argument("warm", nargs="?", help="another corpus for the warm-up")
    parser.add_argument("--sizes", default="64,128,256,512")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    seconds = cpu_by_size(args.corpus, args.warm or args.corpus, sizes, args.repeat)
    print(f"| documents a batch | core CPU s (best of {args.repeat}, cold) | speed against {sizes[0]} |")
    print("|---:|---:|---:|")
    for size in sizes:
        print(f"| {size} | {seconds[size]:.3f} | {seconds[sizes[0]] / seconds[size]:.2f}× |")


if __name__ == "__main__":
    main()

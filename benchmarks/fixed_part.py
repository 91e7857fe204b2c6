#!/usr/bin/env python3
"""The flow process's fixed part and the cleaning core's steady state, for one code tree.

    python benchmarks/fixed_part.py --tree /tmp/round11-tree --input CORPUS [--files 2]

In one process: Prefect and the flow module imported, the cleaning warm-up (the flow
process cleans batches too), Great Expectations, the embedded server's app; then the
corpus's first --files files cleaned one after another (no Prefect), each dropped after.
After each step: anonymous and file RSS and glibc's heap (in use, freed but kept, big
blocks mmapped), MB. Run it once per tree (e.g. a `git archive` of an earlier round with
its kernels built: `python setup.py build_ext --inplace` there) to see what grew.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_probe import glibc_heap, status_rss  # noqa: E402


def show(step: str) -> None:
    rss, heap = status_rss(), glibc_heap()
    print(f"| {step} | {rss['RssAnon'] / 1e6:.0f} | {rss['RssFile'] / 1e6:.0f} | "
          + " | ".join(f"{heap.get(k, 0) / 1e6:.0f}" for k in ("heap_used", "heap_free", "heap_mmapped")) + " |",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", required=True, help="the code tree to measure (first on sys.path)")
    parser.add_argument("--input", required=True, help="a folder of JSONL files (benchmarks/corpus_gen.py)")
    parser.add_argument("--files", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.tree).resolve()))
    import pyarrow as pa

    pa.set_memory_pool(pa.jemalloc_memory_pool())  # as a run's (cli.main.use_allocators_that_return_memory)
    ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX
    print("| step | anon | file | glibc in use | glibc freed, kept | glibc mmapped |\n|---|---:|---:|---:|---:|---:|")
    import flows.clean_corpus  # noqa: F401
    import prefect  # noqa: F401

    show("Prefect and the flow module")
    from corpus_clean.parallel import warm_up

    warm_up()
    show("the cleaning warm-up")
    from corpus_clean import validate

    validate.preload()  # as a run imports GX: scipy.stats and altair deferred (validate.UNUSED_BY_THE_SUITE)
    show("Great Expectations imported (as a run does)")
    validate._gx()  # the ephemeral context, data source and custom expectations
    show("Great Expectations' context built")
    from prefect.server.api.server import create_app

    app = create_app(ephemeral=True)  # noqa: F841 - held, as a run holds it
    show("the embedded server's app")
    from corpus_clean.dedup import DedupParams
    from corpus_clean.processes import return_freed_memory
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import BatchExtras, Shard, clean_shard

    for i, file in enumerate(list_input_files(args.input)[:args.files]):
        cleaned = clean_shard(Shard(i, (file,)), "run", extras=BatchExtras(signatures=DedupParams()))
        del cleaned
        gc.collect()
        return_freed_memory()
        show(f"after file {i + 1} cleaned")


if __name__ == "__main__":
    main()

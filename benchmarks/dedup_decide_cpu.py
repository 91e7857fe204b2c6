#!/usr/bin/env python3
"""CPU of the shard-by-shard dedup decisions (``PartByPartAssignment.decide``) over a flow
run's own cleaned texts, in one part and in several (as shards), for before/after checks.

    python benchmarks/dedup_decide_cpu.py OUTPUT_DIR/versions/v000002 --parts 1,5
    PYTHONPATH=/tmp/base python benchmarks/dedup_decide_cpu.py ...   # another tree's code

Reads the version's clean and duplicates parts (id, text; the quarantined rows are never
deduplicated), signs them once, then decides the run from a fresh index `--repeat` times
per part count; prints the best CPU seconds and a digest of the decisions (equal digests:
equal decisions).
"""
from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_clean import dedup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("version", type=Path, help="a version folder of a flow's output")
    parser.add_argument("--parts", default="1,5")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tables = [pq.read_table(path, columns=["id", "text"]) for kind in ("clean", "duplicates")
              for path in sorted((args.version / kind).glob("*.parquet"))]
    rows = pa.concat_tables(tables).sort_by("id")
    params = dedup.DedupParams()
    signatures = dedup.signature_table(rows.column("id").combine_chunks(), rows.column("text").combine_chunks(),
                                       params)
    for parts in map(int, args.parts.split(",")):
        step = -(-signatures.num_rows // parts)
        best, decisions = float("inf"), None
        for _ in range(args.repeat):
            start = time.process_time()
            assignment = dedup.PartByPartAssignment(dedup.DedupIndex(params))
            decisions = pa.concat_tables([assignment.decide(signatures.slice(at, step))
                                          for at in range(0, signatures.num_rows, step)])
            best = min(best, time.process_time() - start)
        digest = hashlib.sha256(str(decisions.to_pydict()).encode()).hexdigest()[:16]
        print(f"{signatures.num_rows} documents in {parts} part(s): decide {best:.4f} s of CPU (best of "
              f"{args.repeat}); decisions {digest}")


if __name__ == "__main__":
    main()

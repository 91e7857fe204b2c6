#!/usr/bin/env python3
"""Memory and CPU of the dedup stage alone, as the run grows: where a big run's memory goes.

    python benchmarks/dedup_memory.py --corpora /tmp/memw/mem-corpus-100,/tmp/memw/mem-corpus-2000 \
        --work /tmp/dm [--stages shard-by-shard,run-level] [--trees /tmp/base,.] [--repeat 2]

The signatures of each corpus file (one file ~ one shard of `corpus-clean run`) are computed
once from its texts as they are (not cleaned: the furniture cleaning removes is still
there, so more chance candidates than a run sees) and kept under --work. Then each stage
runs in a child process of its own, on a fresh index:

- shard-by-shard: ``ShardByShardDedup``'s assignment, one part per file, then ``finish``
  (adds the run to the index and saves it), as the flow runs it below the cap;
- run-level: ``dedup_stage.assign_run`` over the staged files (mapped signatures, one
  assignment, index saved), as the flow runs it above the cap.

The child samples its own RSS every 0.05 s; the table gives the stage's peak RSS above the
process's RSS before it started (the imports, the interpreter), the stage's CPU time
(time.process_time), and the arrays and tables the stage's objects hold at the end of the
last part (``state_bytes``: numpy arrays, memory-mapped ones apart, and Arrow tables,
found by walking the objects' attributes). With --trees, the child puts each code tree
first on sys.path (e.g. a `git archive` of the commit to compare with), alternating.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def signatures_of(corpus: Path, work: Path) -> list[Path]:
    """One signature file per corpus file (made once under `work`, named by the file's name
    and size: benchmarks/corpus_gen.py's smaller corpora are prefixes of the bigger ones)."""
    import pyarrow.json as pj

    from corpus_clean.dedup import signature_table
    from corpus_clean.output import write_parquet

    out = work / "signatures"
    files = sorted(corpus.glob("*.jsonl"))
    paths = [out / f"{path.stem}-{path.stat().st_size}.parquet" for path in files]
    if all(p.exists() for p in paths):
        return paths
    out.mkdir(parents=True, exist_ok=True)
    for path, target in zip(files, paths):
        if not target.exists():
            table = pj.read_json(path)
            write_parquet(signature_table(table.column("id").combine_chunks(), table.column("text")), target,
                          sort=False)
    return paths


def state_bytes(obj, seen: set | None = None, depth: int = 0) -> tuple[int, int]:
    """(held bytes, mapped bytes) of the numpy arrays and Arrow tables reachable from `obj`'s
    attributes, lists, tuples and dicts (each object counted once; views counted as their
    own size, so an upper bound)."""
    import numpy as np
    import pyarrow as pa

    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 6:
        return 0, 0
    seen.add(id(obj))
    if isinstance(obj, np.memmap) or (isinstance(obj, np.ndarray) and _is_mapped(obj)):
        return 0, obj.nbytes
    if isinstance(obj, np.ndarray):
        return obj.nbytes, 0
    if isinstance(obj, (pa.Table, pa.Array, pa.ChunkedArray)):
        return obj.nbytes, 0
    children = (list(obj.values()) if isinstance(obj, dict) else list(obj) if isinstance(obj, (list, tuple))
                else list(vars(obj).values()) if hasattr(obj, "__dict__") and not isinstance(obj, type) else [])
    held = mapped = 0
    for child in children:
        h, m = state_bytes(child, seen, depth + 1)
        held, mapped = held + h, mapped + m
    return held, mapped


def _is_mapped(array) -> bool:
    import mmap

    base = array
    while getattr(base, "base", None) is not None:
        base = base.base
        if isinstance(base, mmap.mmap):
            return True
    return False


def child(stage: str, paths: list[str], tmp: str, save: str | None = None) -> None:
    """Run one stage over `paths` and print one JSON line of measurements; with `save`,
    write the run's assignments and the index part it saved there (to compare code trees)."""
    import gc

    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_clean import dedup_stage
    from corpus_clean.layout import STAGED_SIGNATURES

    def rss() -> int:
        with open("/proc/self/status") as handle:
            return next(int(line.split()[1]) * 1024 for line in handle if line.startswith("VmRSS"))

    gc.collect()
    before = rss()
    peak = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss())
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    staging, index_dir = Path(tmp) / "staging", Path(tmp) / "index"
    staging.mkdir()
    state = (0, 0)
    cpu = time.process_time()
    if stage == "shard-by-shard":
        shard_dedup = dedup_stage.ShardByShardDedup(staging, index_dir)
        results = [shard_dedup._assignment.decide(pq.read_table(path), staging) for path in paths]
        state = state_bytes(shard_dedup)
        shard_dedup.finish()
        assignments = pa.concat_tables(results)
    else:
        staged = staging / STAGED_SIGNATURES
        staged.mkdir()
        names = []
        for path in paths:
            os.link(path, staged / Path(path).name)
            names.append(Path(path).stem)
        assignments = dedup_stage.assign_run(staging, names, index_dir)
        state = state_bytes(assignments)
    cpu = time.process_time() - cpu
    stop.set()
    sampler.join()
    if save:
        pq.write_table(assignments, Path(save) / "assignments.parquet")
        shutil.copy(index_dir / "part-000000.parquet", Path(save) / "index.parquet")
    print(json.dumps({"peak_above_start": peak[0] - before, "start_rss": before, "cpu": cpu,
                      "state_held": state[0], "state_mapped": state[1]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", help="comma-separated corpus directories (*.jsonl)")
    parser.add_argument("--work", help="where signatures are kept")
    parser.add_argument("--stages", default="shard-by-shard,run-level")
    parser.add_argument("--trees", default=None, help="comma-separated code trees, alternating run by run")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare", action="store_true",
                        help="check that every run of a corpus decides the same (assignments and saved index)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        stage, paths, tmp, save = args.child
        child(stage, json.loads(paths), tmp, save or None)
        return
    sys.path.insert(0, str(ROOT))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")] if args.trees else [str(ROOT)]
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 CPUs shared)", file=sys.stderr)
    print("| corpus | documents | stage | code | stage CPU s | stage peak RSS, MB | held at the end, MB | mapped, MB |")
    print("|---|---:|---|---|---:|---:|---:|---:|")
    for corpus in [Path(c) for c in args.corpora.split(",")]:
        paths = [str(p) for p in signatures_of(corpus, work)]
        import pyarrow.parquet as pq

        documents = sum(pq.read_metadata(p).num_rows for p in paths)
        saved = []
        for stage in args.stages.split(","):
            for _ in range(args.repeat):
                for tree in trees:
                    with tempfile.TemporaryDirectory(dir=work, prefix="run-") as tmp:
                        env = {**os.environ, "PYTHONPATH": tree}
                        save = Path(tmp) / "saved" if args.compare else None
                        if save:
                            save.mkdir()
                        out = subprocess.run([sys.executable, __file__, "--child", stage, json.dumps(paths), tmp,
                                              str(save or "")], env=env, capture_output=True, text=True)
                        if save:
                            saved.append((f"{stage} / {Path(tree).name}", pq.read_table(save / "assignments.parquet"),
                                          pq.read_table(save / "index.parquet")))
                    if out.returncode:
                        raise RuntimeError(out.stderr[-3000:])
                    m = json.loads(out.stdout.strip().splitlines()[-1])
                    code = "this checkout" if tree == str(ROOT) else Path(tree).name
                    print(f"| {corpus.name} | {documents:,} | {stage} | {code} | {m['cpu']:.1f} | "
                          f"**{m['peak_above_start'] / 1e6:,.0f}** | {m['state_held'] / 1e6:,.0f} | "
                          f"{m['state_mapped'] / 1e6:,.0f} |", flush=True)
        for name, assignments, index in saved[1:]:
            same = assignments.equals(saved[0][1]) and index.equals(saved[0][2])
            duplicates = assignments.column("duplicate_of").null_count
            print(f"{corpus.name}: {name} decides {'the same as' if same else 'OTHERWISE THAN'} {saved[0][0]} "
                  f"({assignments.num_rows - duplicates:,} duplicates; assignments and saved index compared)",
                  file=sys.stderr, flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()

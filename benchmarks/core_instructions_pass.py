#!/usr/bin/env python3
"""One cold pass of the core (or of the boilerplate engine alone) with one code tree, counted by
callgrind around that pass only: imports and the warm-up run uninstrumented, at near native
speed (~50 s a run where ``core_instructions.py``'s whole-process counts took ~6 min at a
shared machine's load). Instruction counts do not move with the load; two runs of one tree
agree to ~0.02 %.

    python benchmarks/corpus_gen.py /tmp/c05 --mb 0.5 && python benchmarks/corpus_gen.py /tmp/w02 --mb 0.2 --seed 8
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        python benchmarks/core_instructions_pass.py TREE /tmp/c05 /tmp/w02 [--engine]

The count is valgrind's `I refs` (and ``callgrind_annotate /tmp/cg.out`` splits it by
function). TREE: the checkout whose `corpus_clean` runs (compiled kernels built in place).
The warm-up is another seed's corpus; the line-verdict cache is emptied before the pass (a
fresh corpus's lines are new). --engine: ``strip_boilerplate_many`` over the texts in the
pipeline's batches instead of ``clean_shard`` (note: outside ``clean_batch`` Python's cycle
collector is not paused, so the engine's allocations also count its collections).
Instrumentation is switched by ``callgrind_control -i on|off`` on this process.
"""
import glob
import json
import os
import subprocess
import sys

tree, corpus, warm = sys.argv[1], sys.argv[2], sys.argv[3]
engine = "--engine" in sys.argv[4:]
sys.path.insert(0, tree)
from corpus_clean.boilerplate import strip_boilerplate_many  # noqa: E402
from corpus_clean.boilerplate.rules import load_rules  # noqa: E402
from corpus_clean.readers import list_input_files  # noqa: E402
from corpus_clean.shards import BATCH_DOCS, clean_shard, plan_shards  # noqa: E402
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps  # noqa: E402

steps = resolve_steps(DEFAULT_STEPS)


def texts(folder: str) -> list[str]:
    return [json.loads(line)["text"] for path in sorted(glob.glob(folder + "/*.jsonl")) for line in open(path)]


def one_pass(folder: str) -> None:
    if engine:
        found = texts(folder)
        for k in range(0, len(found), BATCH_DOCS):
            strip_boilerplate_many(found[k:k + BATCH_DOCS])
    else:
        [shard] = plan_shards(list_input_files(folder), target_bytes=1 << 50)
        clean_shard(shard, run_id="x", steps=steps)


def instruments(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)


one_pass(warm)
load_rules().line_cache.clear()
if engine:
    found = texts(corpus)  # (read before counting: the pass is the engine's)
    instruments(True)
    for k in range(0, len(found), BATCH_DOCS):
        strip_boilerplate_many(found[k:k + BATCH_DOCS])
else:
    instruments(True)
    one_pass(corpus)
instruments(False)

#!/usr/bin/env python3
"""The core over a corpus with one code tree, for counting its instructions under
callgrind (a count the machine's load does not move, unlike CPU time):

    python benchmarks/corpus_gen.py /tmp/c2 --mb 2 && python benchmarks/corpus_gen.py /tmp/warm --mb 0.2 --seed 8
    for passes in 0 1; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-$passes.out \\
        python benchmarks/core_instructions.py TREE /tmp/c2 /tmp/warm $passes; done

One pass's instructions are the `I refs` of passes=1 minus those of passes=0 (imports,
the warm-up shard). The warm-up is another seed's corpus, so the timed pass meets mostly
new lines, as a fresh corpus does. TREE: the checkout whose `corpus_clean` runs (its
compiled kernels built in place).
"""
import sys

tree, corpus, warm, passes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, tree)
from corpus_clean.readers import list_input_files  # noqa: E402
from corpus_clean.shards import clean_shard, plan_shards  # noqa: E402
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps  # noqa: E402

steps = resolve_steps(DEFAULT_STEPS)
[warm_shard] = plan_shards(list_input_files(warm), target_bytes=1 << 50)
clean_shard(warm_shard, run_id="x", steps=steps)
[shard] = plan_shards(list_input_files(corpus), target_bytes=1 << 50)
for _ in range(passes):
    clean_shard(shard, run_id="x", steps=steps)

#!/usr/bin/env python3
"""The HTML path over real pages with one code tree, for counting its instructions under
callgrind (a count the machine's load does not move, unlike CPU time):

    for passes in 0 1; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-html-$passes.out \\
        python benchmarks/html_instructions.py TREE /work/shared/bench/boilerplate/scrapinghub.jsonl.gz $passes; done

One pass's instructions are the `I refs` of passes=1 minus those of passes=0 (imports and
a warm-up pass over the same pages: compiled patterns, rule packs, label caches). The
pages (the ``html`` field of a JSONL(.gz) file) go through ``shards.clean_batch`` in
batches of ``BATCH_DOCS``, as a shard cleans them. TREE: the checkout whose
`corpus_clean` runs (its compiled kernels built in place).

With a fourth argument ``cold``, the warm-up is the file's last ``COLD_WARMUP`` pages only
and passes=1 reads each of the other pages once: the instructions of a cold pass, as
``html_same_process.py --cold`` times it (RE2's automata, the label and word caches meet
those pages for the first time).

One run instead of two (round 20): the timed passes run inside ``math.fsum`` (which nothing
else calls), so callgrind can count them alone:

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=math_fsum \
        --callgrind-out-file=/tmp/cg.out python benchmarks/html_instructions.py TREE PAGES 1 cold

With a fifth argument ``late`` (and ``--instr-atstart=no``), valgrind instruments nothing before the
timed pass (see ``instrument_from_here``): the same count in a fraction of the time on a loaded machine.
"""
import gzip
import json
import math
import sys
from typing import Iterator

tree, pages, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
from corpus_clean.document import Document  # noqa: E402
from corpus_clean.shards import BATCH_DOCS, clean_batch  # noqa: E402
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps  # noqa: E402

steps = resolve_steps(DEFAULT_STEPS)
opener = gzip.open if pages.endswith(".gz") else open
with opener(pages, "rt", encoding="utf-8") as handle:
    records = [json.loads(line) for line in handle if line.strip()]


COLD_WARMUP = 20  # (as html_same_process.py --cold)
cold = len(sys.argv) > 4 and sys.argv[4] == "cold"


def one_pass(records=records) -> None:
    docs = [Document(id=str(k), source="pages", raw_text="", raw_sha256="", html=r["html"], record_index=k)
            for k, r in enumerate(records)]
    for i in range(0, len(docs), BATCH_DOCS):
        clean_batch(docs[i:i + BATCH_DOCS], steps, "bench")




def timed(run) -> Iterator[float]:
    """The timed passes, run when math.fsum reads this (callgrind's --toggle-collect=math_fsum: see above)."""
    run()
    yield 0.0


late = len(sys.argv) > 5 and sys.argv[5] == "late"


def instrument_from_here() -> None:
    """Switch callgrind's instrumentation on (run with ``--instr-atstart=no``): the imports and the warm-up then
    run uninstrumented, several times faster; the instructions counted (math.fsum's) are the same (round 26:
    1,939.6 M this way, 1,938.9 M instrumented from the start, WCXB test 0-79). ``callgrind_control`` is waited
    for with the interpreter busy (valgrind reads its command while this process runs, not while it sleeps)."""
    import os
    import subprocess

    control = subprocess.Popen(["callgrind_control", "-i", "on", str(os.getpid())],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while control.poll() is None:
        sum(range(1000))


if cold:
    one_pass(records[-COLD_WARMUP:])  # warm-up on other pages
    if late:
        instrument_from_here()
    if passes:
        math.fsum(timed(lambda: one_pass(records[:-COLD_WARMUP])))  # each timed page once
else:
    one_pass()  # warm-up
    math.fsum(timed(lambda: [one_pass() for _ in range(passes)]))

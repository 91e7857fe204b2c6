#!/usr/bin/env python3
"""Where a cold core pass spends its time, by stage and inside chosen functions, sampled
(py-spy: wall-clock samples of the real run, no per-call wrapper inflating Python calls
as cProfile does; a compiled kernel's time counts to the Python function that calls it).

    python benchmarks/core_sampled.py /tmp/c20 --passes 6 [--tree TREE] [--inside FUNCTION ...]

Runs `--passes` cold passes (``shards.clean_shard`` over CORPUS, the line-verdict cache
emptied before each, as ``core_before_after.py --cold``) after one warm-up pass under
``py-spy record`` and prints, as shares of the samples inside the timed passes: the
pipeline's stages (reading, each step, the Arrow table), then for each --inside function
(default: the boilerplate engine's and the signals' largest) its direct callees.
Needs py-spy (the bench extra's environment has it). Read the shares, not the times.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import sys
tree, corpus, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.readers import list_input_files
from corpus_clean.shards import clean_shard, plan_shards
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps
steps = resolve_steps(DEFAULT_STEPS)
def warm_up():
    [shard] = plan_shards(list_input_files(corpus), target_bytes=1 << 50)
    clean_shard(shard, run_id="bench", steps=steps)
def timed_pass():
    [shard] = plan_shards(list_input_files(corpus), target_bytes=1 << 50)
    clean_shard(shard, run_id="bench", steps=steps)
warm_up()
for _ in range(passes):
    load_rules().line_cache.clear()
    timed_pass()
"""

# The stages of a pass: a frame name (function (file)) each, as py-spy names them.
STAGES = [
    ("read (parse_lines, the file's lines)", ("parse_lines (shards.py)", "_batches (shards.py)")),
    ("repair (mojibake step)", ("RepairMojibake.run (builtin.py)",)),
    ("boilerplate step", ("StripBoilerplate.run (builtin.py)",)),
    ("metadata step", ("ExtractMetadata.run (builtin.py)",)),
    ("signals step", ("QualitySignals.run (quality.py)",)),
    ("Arrow table (documents_table, one chunk)", ("documents_table (records.py)", "_one_chunk (shards.py)")),
]
INSIDE = ["strip_many (engine.py)", "mark_by_classifier_many (classifier.py)", "line_rules_many (engine.py)",
          "Batch.of (batch.py)", "give_back_story_body_lines (story_body.py)", "ExtractMetadata.run (builtin.py)",
          "word_pass_native (signals.py)", "RepairMojibake.run (builtin.py)"]


def frame_name(frame: str) -> str:
    """A py-spy frame as this script names it: function (file).

    >>> frame_name("strip_many (/x/corpus_clean/boilerplate/engine.py:1337)")
    'strip_many (engine.py)'
    """
    match = re.match(r"(.*?) \((.*?):\d+\)", frame)
    return f"{match.group(1)} ({match.group(2).rsplit('/', 1)[-1]})" if match else frame


def timed_stacks(raw: Path) -> list[tuple[list[str], int]]:
    """The samples inside the timed passes (under ``timed_pass``), as (frame names, count)."""
    stacks = []
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [frame_name(frame) for frame in stack.split(";")]
        if any(frame.startswith("timed_pass ") for frame in frames):
            stacks.append((frames, int(count)))
    return stacks


def callees(stacks, target: str) -> tuple[int, collections.Counter]:
    """Samples inside `target` and, per direct callee (or <self>), the samples under it."""
    inside, below = 0, collections.Counter()
    for frames, count in stacks:
        if target in frames:
            k = len(frames) - 1 - frames[::-1].index(target)
            inside += count
            below[frames[k + 1] if k + 1 < len(frames) else "<self>"] += count
    return inside, below


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--passes", type=int, default=6)
    parser.add_argument("--rate", type=int, default=250, help="samples per second")
    parser.add_argument("--inside", nargs="*", default=INSIDE, help="functions whose callees to list")
    parser.add_argument("--top", type=int, default=12, help="callees listed per function")
    args = parser.parse_args()
    spy = Path(sys.executable).with_name("py-spy")
    with tempfile.TemporaryDirectory() as work:
        child, raw = Path(work) / "child.py", Path(work) / "samples.txt"
        child.write_text(CHILD)
        subprocess.run([str(spy if spy.exists() else "py-spy"), "record", "-r", str(args.rate), "-f", "raw",
                        "-o", str(raw), "--", sys.executable, str(child), str(args.tree), str(args.corpus),
                        str(args.passes)], check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(args.tree)})
        stacks = timed_stacks(raw)
    total = sum(count for _, count in stacks)
    print(f"{total} samples in {args.passes} cold passes over {args.corpus} ({args.tree})\n")
    print("| stage | share |\n|---|---:|")
    for label, frames in STAGES:
        share = sum(count for stack, count in stacks if any(frame in stack for frame in frames))
        print(f"| {label} | {100 * share / total:.1f} % |")
    for target in args.inside:
        inside, below = callees(stacks, target)
        if not inside:
            continue
        print(f"\n{target}: {100 * inside / total:.1f} %")
        for name, count in below.most_common(args.top):
            print(f"  {100 * count / total:5.1f} %  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

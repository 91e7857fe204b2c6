#!/usr/bin/env python3
"""The options space, generated (round 18).

    python benchmarks/bad_options_gen.py [--seeds 60] [--first 0] [--flows 20] [--filter 20]

Each seed draws a `corpus-clean run` command line: one to three of its flags given odd
values (zero, negative, huge, empty, non-numeric, NaN/inf, unknown step names, JSON that is
not thresholds, unreachable or malformed Dask addresses, 1-byte and 10 GB shards, worker
counts above the CPU count), a flag sometimes given twice, and sometimes one environment
variable the code or Prefect reads set to a bad value. Each runs for real, on a small
generated input, against one shared embedded server (unless the seed sets
`PREFECT_API_URL` itself). Invariants:

- it ends (no hang: 240 s), and exits 0, or 2 with its last line ``corpus-clean: …`` or
  argparse's ``corpus-clean run: error: …``, with no traceback anywhere in stderr;
- after exit 0 the manifest balances and every generated record is a row (by its marker);
- after a refusal, the output holds no new version (nothing was done).

`--flows N`: N draws of the flow's parameters called the way a deployment or a script
calls it (``flows.clean_corpus.clean_corpus(**params)`` in a fresh process): a bad value
must be refused by an exception naming the parameter before any work (no version
written); a value the flow accepts must give a balanced manifest.

`--filter N`: N draws of `corpus-clean filter --steps …` (odd step lists, repeated flags):
exit 0 with one answer per line in order, or exit 2 with argparse's one line.

Prints one line per failure and a summary; exit 1 when any failed.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TIMEOUT = 240
ODD = {
    "--shard-mb": ["0", "-1", "1e-9", "0.000001", "10240", "nan", "inf", "-inf", "abc", "", "1e308", "0x10", "1_0"],
    "--workers": ["0", "-1", "3", "9", "100000", "abc", "", "1.5", "1e3", "99999999999999999999999"],
    "--min-chars": ["0", "-1", "1000000000", "99999999999999999999999", "abc", "", "1.5", "-0"],
    "--steps": ["", ",", "mojibake", "nope", "mojibake,mojibake", "MOJIBAKE", " mojibake ", "quality",
                "boilerplate,,mojibake", "mojibake,nope"],
    "--languages": ["", ",", "en", "english", "EN", "xx", "en,,de", "zz-ZZ", "en-US", "*"],
    "--quality": ["gopher", "GOPHER", "{}", "null", "[]", '{"min_words": -1}', '{"nope": 1}', '{"min_words": "a"}',
                  '{"min_words": 1e400}', '{"min_words": NaN}', "abc", "", '{"min_words": true}', "1",
                  '{"max_words": 0}'],
    "--keep-versions": ["1", "0", "-1", "abc", "", "99999999999999999999", "1e2"],
    "--dask-address": ["garbage", "tcp://127.0.0.1:1", "tcp://[::1", "tcp://host:99999", "inproc://x",
                       "ucx://nowhere:1", "", "tcp://:8786", "tcp://127.0.0.1:0", "http://127.0.0.1:1",
                       "127.0.0.1:abc"],
}
SWITCHES = ["--no-dedup", "--no-data-docs"]
ENV = {
    "CORPUS_CLEAN_NATIVE": ["0", "1", "garbage", ""],
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": ["abc", "-1", "0", "", "nan"],
    "PREFECT_LOGGING_LEVEL": ["garbage", "", "0"],
    "PREFECT_API_URL": ["garbage", "http://127.0.0.1:1/api", "", "ftp://x/api"],
    "PREFECT_TASK_RUNNER_THREAD_POOL_MAX_WORKERS": ["0", "-1", "abc"],
    "MALLOC_ARENA_MAX": ["abc", "0", "-1"],
    "ARROW_DEFAULT_MEMORY_POOL": ["garbage", "system"],
    "OMP_NUM_THREADS": ["abc", "0"],
}
WORDS = "harbour council ferry pier storm engineers spring grant fishermen quay morning closure".split()


def make_input(rng: random.Random, root: Path, seed: int) -> list[str]:
    """A small input of plain JSONL records, each with its marker; returns the markers."""
    root.mkdir(parents=True)
    markers = []
    for k in range(rng.randint(1, 3)):
        lines = []
        for i in range(rng.randint(2, 12)):
            marker = f"q{seed}z{k}x{i}q"
            markers.append(marker)
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 90)))
            lines.append(json.dumps({"id": marker, "text": f"{marker} {words.capitalize()}."}))
        (root / f"part-{k}.jsonl").write_text("\n".join(lines) + "\n")
    return markers


def draw_args(rng: random.Random) -> list[str]:
    args = []
    for flag in rng.sample(sorted(ODD), rng.randint(1, 3)):
        value = rng.choice(ODD[flag])
        args += [flag, value]
        if rng.random() < 0.15:  # the flag given twice
            args += [flag, rng.choice(ODD[flag])]
    for switch in SWITCHES:
        if rng.random() < 0.3:
            args.append(switch)
    return args


def draw_env(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.6:
        return {}
    name = rng.choice(sorted(ENV))
    return {name: rng.choice(ENV[name])}


def traceback_in(stderr: str) -> bool:
    return "Traceback (most recent call last)" in stderr


def one_line_refusal(status: int, stderr: str) -> bool:
    last = (stderr.strip().splitlines() or [""])[-1]
    return status == 2 and (last.startswith("corpus-clean: ") or last.startswith("corpus-clean run: error:"))


def versions(out: Path) -> list[str]:
    folder = out / "versions"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def output_failures(out: Path, markers: list[str], what: str, kind_prefix: str = "") -> list[tuple[str, str]]:
    """A completed run's output checked: its manifest balances and every record's marker is
    in some row (clean, quarantine or duplicates)."""
    manifest = json.loads((out / "manifest.json").read_text())
    failures = []
    if not manifest.get("accounting_ok"):
        failures.append((f"{kind_prefix}accounting", f"{what}: {manifest.get('accounting_errors')}"))
    found = rows_with_markers(out)
    missing = [m for m in markers if m not in found]
    if missing:
        failures.append((f"{kind_prefix}lost", f"{what}: {len(missing)} of {len(markers)} records in no row"))
    return failures


def rows_with_markers(out: Path) -> set[str]:
    import pyarrow.parquet as pq

    found = set()
    for table in ("clean", "quarantine", "duplicates", "filtered"):
        if (out / table).exists() and any((out / table).glob("*.parquet")):
            for text in pq.read_table(out / table, columns=["text"]).column("text").to_pylist():
                found.update(word for word in (text or "").split() if word.startswith("q") and word.endswith("q"))
    return found


def check_outcome(what: str, status: int, stderr: str, out: Path, before: list[str], markers: list[str]
                  ) -> list[tuple[str, str]]:
    last = (stderr.strip().splitlines() or [""])[-1][:300]
    if traceback_in(stderr):
        return [("traceback", f"{what}: exit {status}: {last}")]
    if status == 0:
        return output_failures(out, markers, what)
    if not one_line_refusal(status, stderr):
        return [("exit", f"{what}: exit {status}: {last}")]
    if versions(out) != before:
        return [("refused-after-work", f"{what}: refused ({last}) but wrote version(s) {versions(out)}")]
    return []


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    root = base / f"in-{seed}"
    markers = make_input(rng, root, seed)
    out = base / f"out-{seed}"
    args = draw_args(rng)
    extra_env = draw_env(rng)
    what = f"run {' '.join(repr(a) if not a or ' ' in a else a for a in args)}" + \
           (f" with {extra_env}" if extra_env else "")
    try:
        done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(root), "--output", str(out), *args],
                              env={**env, **extra_env}, capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [("hang", f"{what}: no exit in {TIMEOUT} s")]
    return check_outcome(what, done.returncode, done.stderr.decode(errors="replace"), out, [], markers)


# ---------------------------------------------------------------- the flow called from Python

FLOW_ODD = {
    "shard_mb": [0, -1, float("nan"), float("inf"), "16", "abc", None, True, 1e-12],
    "workers": [-1, 100000, "2", "abc", None, True, 1.5],
    "min_chars": [-1, "5", "abc", None, 1.5, True, 10**30],
    "steps": [[], ["nope"], "mojibake", ["mojibake", 3], None, ["mojibake", "mojibake"], "nope"],
    "languages": ["en", "english", ["english"], [""], [3], ["EN"]],
    "keep_versions": [0, -1, "3", "abc", None, 1.5, True, 10**30],
    "dedup": ["false", "no", 0, None, "abc"],
    "data_docs": ["false", "no", 0, None, "abc"],
    "quality": ["abc", {"nope": 1}, {"min_words": -1}, {"min_words": "a"}, [], 3, "gopher"],
    "dask_address": ["garbage", "tcp://127.0.0.1:1", ""],
    "input_path": ["", None, 3],
    "output_dir": ["", None, 3],
}
# Values the flow must refuse (the CLI's argparse and preflight refuse them): accepted, they
# change what the run does without a word (keep_versions 0 keeps 1; true is 1 worker).
FLOW_BAD = {"shard_mb": [0, -1, True], "workers": [-1, 100000, True], "min_chars": [-1, True],
            "keep_versions": [0, -1, True], "steps": [["nope"], "nope"], "languages": ["english", ["english"]]}
FLOW_SCRIPT = """
import json, sys
from flows.clean_corpus import clean_corpus
params = json.loads(sys.argv[1])
params = {k: (float(v[4:]) if isinstance(v, str) and v.startswith("num:") else v) for k, v in params.items()}
try:
    result = clean_corpus(**params, return_state=True)
except Exception as error:
    print("RAISED", type(error).__name__, str(error).splitlines()[0] if str(error) else "", flush=True)
    sys.exit(3)
print("STATE", result.type.value, (result.message or "").splitlines()[0] if result.message else "", flush=True)
sys.exit(0 if result.is_completed() else 4)
"""


def check_flow(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    rng = random.Random(70_000 + seed)
    root = base / f"fin-{seed}"
    markers = make_input(rng, root, seed)
    out = base / f"fout-{seed}"
    params = {"input_path": str(root), "output_dir": str(out), "data_docs": False}
    for name in rng.sample(sorted(FLOW_ODD), rng.randint(1, 2)):
        params[name] = rng.choice(FLOW_ODD[name])
    encoded = {k: (f"num:{v}" if isinstance(v, float) and not (v == v and abs(v) != float("inf")) else v)
               for k, v in params.items()}
    what = f"flow {({k: v for k, v in params.items() if k not in ('input_path', 'output_dir')})}"
    if params.get("input_path") != str(root):
        what += f" input_path={params['input_path']!r}"
    if params.get("output_dir") != str(out):
        what += f" output_dir={params['output_dir']!r}"
    try:
        done = subprocess.run([sys.executable, "-c", FLOW_SCRIPT, json.dumps(encoded)], env=env, capture_output=True,
                              timeout=TIMEOUT, cwd=base)
    except subprocess.TimeoutExpired:
        return [("flow-hang", f"{what}: no exit in {TIMEOUT} s")]
    stdout = done.stdout.decode(errors="replace")
    answer = (stdout.strip().splitlines() or [""])[-1][:300]
    if done.returncode == 0:
        accepted = [name for name, values in FLOW_BAD.items() if name in params
                    and any(params[name] == v and type(params[name]) is type(v) for v in values)]
        if accepted:
            return [("flow-accepted-bad", f"{what}: completed, the bad value of {accepted} taken silently")]
        if not (out / "manifest.json").exists():
            return [("flow-no-output", f"{what}: completed without a manifest: {answer}")]
        return output_failures(out, markers, what, kind_prefix="flow-")
    if versions(out):
        return [("flow-refused-after-work", f"{what}: {answer} but wrote {versions(out)}")]
    if not answer.startswith(("RAISED", "STATE")):
        return [("flow-crash", f"{what}: exit {done.returncode}: "
                               f"{(done.stderr.decode(errors='replace').strip().splitlines() or [''])[-1][:300]}")]
    return []


# ---------------------------------------------------------------- the filter

def check_filter(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(90_000 + seed)
    args = []
    for _ in range(rng.choice([1, 1, 2])):
        args += ["--steps", rng.choice(ODD["--steps"])]
    lines = [json.dumps({"id": f"f{seed}-{i}", "text": " ".join(rng.choice(WORDS) for _ in range(20))})
             for i in range(rng.randint(1, 20))]
    what = f"filter {' '.join(repr(a) if not a or ' ' in a else a for a in args)}"
    try:
        done = subprocess.run([sys.executable, "-m", "cli", "filter", *args], input="\n".join(lines).encode() + b"\n",
                              capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [("filter-hang", what)]
    stderr = done.stderr.decode(errors="replace")
    if traceback_in(stderr):
        return [("filter-traceback", f"{what}: {stderr.strip().splitlines()[-1][:300]}")]
    if done.returncode == 2 and (stderr.strip().splitlines() or [""])[-1].startswith("corpus-clean filter: error:"):
        return []
    if done.returncode != 0:
        return [("filter-exit", f"{what}: exit {done.returncode}")]
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    if [a.get("id") for a in answers] != [json.loads(line)["id"] for line in lines]:
        return [("filter-answers", f"{what}: {len(answers)} answers for {len(lines)} lines, or out of order")]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=60)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--flows", type=int, default=0)
    parser.add_argument("--filter", type=int, default=0)
    args = parser.parse_args()
    from cli.main import PREFECT_DEFAULTS, start_embedded_server

    failures: list[tuple[str, str, str]] = []
    os.environ.update({k: os.environ.get(k, v) for k, v in PREFECT_DEFAULTS.items()})
    with tempfile.TemporaryDirectory(prefix="bad-options-") as tmp:
        base = Path(tmp)
        os.environ.setdefault("PREFECT_HOME", str(base / "prefect-home"))
        server = start_embedded_server() if args.seeds or args.flows else None
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if server is not None:
            env["PREFECT_API_URL"] = server.api_url
        try:
            for seed in range(args.first, args.first + args.seeds):
                for kind, what in check_run(seed, base, env):
                    failures.append((f"run {seed}", kind, what))
                    print(f"run {seed}: {kind}: {what}", flush=True)
            for seed in range(args.first, args.first + args.flows):
                for kind, what in check_flow(seed, base, env):
                    failures.append((f"flow {seed}", kind, what))
                    print(f"flow {seed}: {kind}: {what}", flush=True)
        finally:
            if server is not None:
                server.stop()
        for seed in range(args.first, args.first + args.filter):
            for kind, what in check_filter(seed):
                failures.append((f"filter {seed}", kind, what))
                print(f"filter {seed}: {kind}: {what}", flush=True)
    by_kind = collections.Counter(kind for _, kind, _ in failures)
    print(f"\n{args.seeds} runs, {args.flows} flow calls, {args.filter} filters: {len(failures)} failures "
          f"{dict(sorted(by_kind.items())) if by_kind else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

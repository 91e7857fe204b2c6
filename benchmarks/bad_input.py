#!/usr/bin/env python3
"""Issue 12's table of failures, replayed through the real `corpus-clean` command.

    python benchmarks/bad_input.py [--quick]

Builds each input of the issue's table (written here, nothing external), runs
`corpus-clean run` / `filter` on it as a user would, and prints one markdown row per
case: what the issue measured before, and what happens now (exit status, totals,
accounting, the last line printed). One embedded Prefect server is started for all
runs (the kill test starts its own, as a user's run would). --quick skips the kill
test and the 9 MB page.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = "The river authority opened the new flood gates on Thursday after a week of heavy rain. "
CLI = [sys.executable, "-m", "cli"]


def jsonl(texts, newline="\n", **extra) -> str:
    return newline.join(json.dumps({"text": t, **extra}) for t in texts) + newline


def run(args: list[str], env: dict, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = subprocess.run(CLI + args, env=env, input=stdin, capture_output=True, timeout=900)
    last = (result.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
    return result.returncode, result.stdout.decode(errors="replace"), last


def clean_run(base: Path, name: str, env: dict, *extra: str) -> str:
    out = base / f"out-{name}"
    status, _, last = run(["run", "--input", str(base / name), "--output", str(out), "--no-data-docs", *extra], env)
    if status:
        return f"exit {status}: `{last[:150]}`"
    manifest = json.loads((out / "manifest.json").read_text())
    t = manifest["totals"]
    unreadable = f", unreadable {t['unreadable']}" if t.get("unreadable") else ""
    text = (f"exit 0; read {t['read']} = clean {t['clean']} + quarantined {t['quarantined']} + skipped {t['skipped']}"
            f"{unreadable}; accounting_ok {str(manifest['accounting_ok']).lower()}")
    notes = [f"`{source}`: {'; '.join(entry['skipped_reasons'] + entry['unreadable_reasons'])[:90]}"
             for source, entry in manifest["files"].items() if entry["skipped_reasons"] or entry["unreadable_reasons"]]
    return text + ("<br>" + "<br>".join(notes[:4]) if notes else "")


def case_dir(base: Path, name: str) -> Path:
    path = base / name
    path.mkdir()
    return path


mounts: list[Path] = []


def build_cases(base: Path, quick: bool):
    """(issue row, what the issue saw, how to run it now) in the issue's order."""
    d = case_dir(base, "symlinks")
    (d / "a.txt").write_text(SENTENCE * 3)
    elsewhere = case_dir(base, "elsewhere")
    (elsewhere / "b.txt").write_text(SENTENCE * 4)
    os.symlink(elsewhere / "b.txt", d / "link.txt")
    os.symlink(elsewhere, d / "linked-folder")
    os.symlink(d, d / "loop")
    yield ("symlinked file and folder (+ a loop) in the input", "not read and not listed",
           lambda env: clean_run(base, "symlinks", env))

    d = case_dir(base, "gz")
    whole = gzip.compress(jsonl([f"Record {k}. {SENTENCE * 2}" for k in range(200)]).encode())
    (d / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (d / "good.jsonl").write_text(jsonl([SENTENCE * 2] * 3))
    yield ("`.jsonl.gz` cut mid-stream beside good files", "`EOFError` fails the whole run, no output",
           lambda env: clean_run(base, "gz", env))

    d = case_dir(base, "ints")
    pq.write_table(pa.table({"text": [1, 2, 3]}), d / "ints.parquet")
    (d / "ok.txt").write_text(SENTENCE * 3)
    yield ("Parquet text column of ints", "`'int' object has no attribute 'encode'` fails the run",
           lambda env: clean_run(base, "ints", env))

    d = case_dir(base, "damaged")
    path = d / "ten-groups.parquet"
    pq.write_table(pa.table({"text": [f"Row {k}. {SENTENCE}" for k in range(10_000)]}), path,
                   row_group_size=1_000, compression="none")
    offset = pq.read_metadata(path).row_group(4).column(0).data_page_offset
    data = bytearray(path.read_bytes())
    data[offset:offset + 32] = b"\xff" * 32
    path.write_bytes(bytes(data))
    yield ("Parquet, 10,000 rows in 10 groups, group 4 damaged", "read 4,097 = clean 4,096 + skipped 1, exit 0",
           lambda env: clean_run(base, "damaged", env))

    d = case_dir(base, "surrogate")
    (d / "s.jsonl").write_text(jsonl([SENTENCE * 2], title="\udfff") + jsonl([SENTENCE * 2 + "\udfff"]))
    yield ("lone surrogate in `title` / in `text` with `--steps boilerplate,metadata`",
           "UnicodeEncodeError fails the run",
           lambda env: clean_run(base, "surrogate", env, "--steps", "boilerplate,metadata"))

    def filter_case(lines: list[bytes]):
        def go(env):
            status, out, last = run(["filter"], env, b"\n".join(lines) + b"\n")
            answers = [json.loads(line) for line in out.splitlines()]
            return (f"exit {status}; {len(answers)} answers for {len(lines)} lines; ids "
                    f"{[a['id'] for a in answers]}; errors on lines {[a['line'] for a in answers if 'error' in a]}")
        return go

    yield ("`filter`: a lone surrogate, then a good line", "crashes; every line after it lost",
           filter_case([json.dumps({"id": "s", "text": "x \udfff"}).encode(),
                        json.dumps({"id": "after", "text": SENTENCE}).encode()]))
    yield ("`filter`: a line of Latin-1 bytes", "cleaned, but its `id` comes back null",
           filter_case([json.dumps({"id": "caf\u00e9", "text": SENTENCE}, ensure_ascii=False).encode("latin-1")]))

    d = case_dir(base, "utf16")
    (d / "a.txt").write_bytes((SENTENCE * 3).encode("utf-16-le"))
    (d / "b.jsonl").write_bytes(jsonl([SENTENCE * 2] * 3).encode("utf-16-le"))
    yield ("UTF-16 LE without BOM (`.txt` + 3-record `.jsonl`)", "`.txt` skipped as binary; `.jsonl` read as 4 malformed",
           lambda env: clean_run(base, "utf16", env))

    d = case_dir(base, "cr")
    (d / "cr.jsonl").write_text(jsonl([f"Record {k}. {SENTENCE * 2}" for k in range(3)], newline="\r"))
    yield ("CR-only line endings, 3 JSONL records", "merged into 1 quarantined row",
           lambda env: clean_run(base, "cr", env))

    if not quick:
        d = case_dir(base, "deep")
        (d / "deep.html").write_text("<html><body>" + "<div>" * 900_000 + f"<p>{SENTENCE}</p>" + "</div>" * 900_000)

        def deep(env):
            summary = clean_run(base, "deep", env)
            [row] = pq.read_table(base / "out-deep" / "quarantine").to_pylist()
            kept = row["text"] == (d / "deep.html").read_text()
            return f"{summary}<br>quarantined with the raw HTML kept: {str(kept).lower()} ({len(row['text']):,} chars)"
        yield ("9.9 MB of nested `<div>`", "quarantined with empty text, raw HTML lost", deep)

        yield ("run killed with SIGTERM / SIGKILL", "embedded server stays alive (PID 1's child, still listening)",
               lambda env: kill_case(base, env))

    d = case_dir(base, "task")
    (d / "a.txt").write_text(SENTENCE * 3)
    (base / "out-task").mkdir()
    (base / "out-task" / "clean").write_text("a file where the clean/ folder goes")
    yield ("a failing task (write-shard: `clean/` is a file)", "last line `UnfinishedRun: Run is in PENDING state`",
           lambda env: clean_run(base, "task", env))

    (base / "a-file").write_text("x")

    def preflight(*args):
        def go(env):
            started = time.monotonic()
            status, _, last = run(["run", *args, "--no-data-docs"], env)
            return f"exit {status} after {time.monotonic() - started:.1f} s: `{last[:120]}`"
        return go

    yield ("output dir is a file", "found after cleaning everything, long traceback",
           preflight("--input", str(base / "symlinks"), "--output", str(base / "a-file")))
    for label, options in (("read-only", "size=1m,ro"), ("on a full disk", "size=256k")):
        point = base / label.replace(" ", "-")
        point.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True).returncode:
            continue  # mounting needs root: the row is left out
        mounts.append(point)
        if "full" in label:
            with open(point / "filler", "wb") as filler:
                try:
                    filler.write(b"x" * (1 << 20))
                except OSError:
                    pass
        yield (f"output dir {label} (a real tmpfs)", "found after cleaning everything, long traceback",
               preflight("--input", str(base / "symlinks"), "--output", str(point / "out")))
    yield ("`--output` inside `--input`", "accepted; next run reads its own output (75 instead of 26)",
           preflight("--input", str(base / "symlinks"), "--output", str(base / "symlinks" / "out")))
    yield ("missing input path", "124-line traceback after the server start",
           preflight("--input", str(base / "missing"), "--output", str(base / "o")))
    yield ("`--workers -1`", "accepted silently", preflight("--input", str(base / "symlinks"), "--output",
                                                         str(base / "o"), "--workers", "-1"))
    yield ("`--shard-mb 0`", "accepted silently", preflight("--input", str(base / "symlinks"), "--output",
                                                         str(base / "o"), "--shard-mb", "0"))


def kill_case(base: Path, env: dict) -> str:
    corpus = case_dir(base, "kill")
    for i in range(40):
        (corpus / f"d{i}.txt").write_text((f"Story {i}. " + SENTENCE) * 200)
    results = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        token = f"CORPUS_CLEAN_BENCH_{os.getpid()}_{int(sig)}"
        own = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
        own.update({token: "1", "PREFECT_HOME": str(base / "prefect-home")})
        victim = subprocess.Popen(CLI + ["run", "--input", str(corpus), "--output", str(base / f"out-kill-{int(sig)}"),
                                         "--shard-mb", "0.01", "--no-data-docs", "--workers", "2"],
                                  env=own, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and victim.poll() is None:
            alive = tagged(token)
            if any("uvicorn" in p for p in alive) and sum("multiprocessing" in p for p in alive) >= 2:
                break
            time.sleep(0.05)
        before = len(tagged(token))
        victim.send_signal(sig)
        victim.wait(timeout=120)
        time.sleep(10)
        results.append(f"{signal.Signals(sig).name}: {before} processes before, {len(tagged(token))} alive 10 s after")
    return "; ".join(results)


def tagged(token: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "environ").read_bytes():
                    found.append((entry / "cmdline").read_bytes().decode(errors="replace"))
            except OSError:
                continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from cli.main import PREFECT_DEFAULTS, start_embedded_server

    os.environ.update({k: os.environ.get(k, v) for k, v in PREFECT_DEFAULTS.items()})
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ.setdefault("PREFECT_HOME", str(base / "prefect-home"))
        server = start_embedded_server()
        env = {**os.environ, "PREFECT_API_URL": server.api_url, "PYTHONPATH": str(ROOT)}
        try:
            print("| input (issue 12) | before (as the issue measured it) | now (measured by this script) |")
            print("|---|---|---|")
            for name, before, now in build_cases(base, args.quick):
                print(f"| {name} | {before} | {now(env)} |", flush=True)
        finally:
            server.stop()
            for point in mounts:
                subprocess.run(["umount", str(point)], check=False)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Bad surroundings found by a generator (round 17): the tree, the output, the environment,
and kills, each through the real `corpus-clean run`.

    python benchmarks/bad_surroundings_gen.py [--seeds 20] [--first 0] [--only KIND,...] [--tree PATH]

`bad_input_gen.py` varies what a file holds; this varies what is around the files. Each seed
picks one scenario and draws its details (which damage, where, how deep, how long before
the kill) from the seed:

- **tree**: FIFOs and sockets (a run must not hang on them), symlink loops, dangling links,
  a link to the output, folders nested hundreds deep, thousands of tiny files, names with
  spaces and non-ASCII given as relative paths;
- **output**: a file, inside the input, a previous version damaged (manifest cut or
  missing, `current` dangling or pointing at nothing whole, stray part files, a stale
  lock, a half-written commit, a cut `runs.jsonl`, a folder where a link goes);
- **env**: `LANG=C`/`LC_ALL=C` with non-ASCII paths, no `HOME`, `PREFECT_HOME` or `TMPDIR`
  that is a file or missing;
- **kill**: SIGKILL of the real command after a random delay; the previous version must
  stay readable by a plain glob, and the next run must give the rows an unkilled run gives;
- **churn**: input files that grow, shrink, vanish or are replaced while the run reads.

Invariants: the run exits 0, or 2 with one line on stderr and no traceback; never hangs
(a timeout is a failure); after exit 0 the manifest's accounting balances and every input
record is counted; a rerun on the same input changes no row. Prints one line per failure
and a summary by kind; exit status 1 when any failed. `--tree` runs another checkout's code
(e.g. main's, for the before column). Nothing external is read: every input is generated.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORDS = "harbour council ferry pier storm engineers spring grant fishermen quay morning closure café über".split()
SCENARIOS = {}
RUN_TIMEOUT = 300


def scenario(kind: str):
    def register(function):
        SCENARIOS.setdefault(kind, []).append(function)
        return function
    return register


def text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."


def write_inputs(rng: random.Random, folder: Path, files: int = 3, records: int = 4) -> None:
    """A few ordinary JSONL and text files: the scenario adds what is odd."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(files):
        if rng.random() < 0.7:
            lines = [json.dumps({"id": f"f{k}-{n}", "text": text(rng)}) for n in range(rng.randint(1, records))]
            (folder / f"part-{k}.jsonl").write_text("\n".join(lines) + "\n")
        else:
            (folder / f"note-{k}.txt").write_text(text(rng))


# ---------------------------------------------------------------- running the real command

class Runner:
    def __init__(self, tree: Path, env: dict):
        self.tree, self.env = tree, env
        self.stderrs: list[str] = []  # this seed's runs' stderr, kept when it fails

    def start(self, args: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
        merged = {k: v for k, v in {**self.env, **(env or {})}.items() if v is not None}  # None: unset it
        return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=cwd or self.tree,
                                env=merged, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)

    def run(self, args: list[str], env: dict | None = None, cwd: Path | None = None,
            timeout: float = RUN_TIMEOUT) -> tuple[int | None, str]:
        """(exit status or None on a hang, stderr)."""
        if cwd is not None:
            env = {**(env or {}), "PYTHONPATH": str(self.tree)}
        process = self.start(args, env, cwd)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, stderr = process.communicate()
            self.stderrs.append(f"$ {args}\n(hung)\n{stderr.decode(errors='replace')}")
            return None, stderr.decode(errors="replace")
        self.stderrs.append(f"$ {args}\nexit {process.returncode}\n{stderr.decode(errors='replace')}")
        return process.returncode, stderr.decode(errors="replace")


def exit_problems(status: int | None, stderr: str, allowed: tuple[int, ...] = (0, 2)) -> list[tuple[str, str]]:
    """A run must end (no hang), with 0 or 2, and a 2 (or any failure) in one line, no traceback."""
    last = (stderr.strip().splitlines() or [""])[-1][:300]
    if status is None:
        return [("hang", f"no exit in {RUN_TIMEOUT} s: {last}")]
    problems = []
    if status not in allowed:
        problems.append(("exit", f"exit {status}: {last}"))
    if "Traceback" in stderr:
        problems.append(("traceback", last))
    if status != 0 and not last.startswith("corpus-clean: "):
        # (Prefect's log lines may come first when the flow had started; the last line says it)
        problems.append(("not-one-line", " | ".join(stderr.strip().splitlines()[-3:])[:300]))
    return problems


def input_records(root: Path) -> int:
    """Records a plain reading of the generated JSONL/text inputs holds (regular files only)."""
    count = 0
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file() or any(p.startswith(".") for p in path.relative_to(root).parts):
            continue
        if path.suffix == ".jsonl":
            count += sum(1 for line in path.read_bytes().splitlines() if line.strip())
        elif path.suffix == ".txt":
            count += 1
    return count


def manifest_problems(out: Path, expected_records: int | None = None) -> list[tuple[str, str]]:
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        return [("manifest", f"unreadable after exit 0: {error}")]
    problems = []
    if not manifest.get("accounting_ok"):
        problems.append(("accounting", str(manifest.get("accounting_errors"))[:300]))
    for source, entry in manifest.get("files", {}).items():
        total = sum(entry.get(k, 0) for k in ("clean", "quarantined", "duplicates", "filtered", "skipped"))
        if entry.get("read") != total:
            problems.append(("balance", f"{source}: read {entry.get('read')} != {total}"))
    if expected_records is not None:
        rows = table_rows(out)
        if sum(rows.values()) != expected_records:
            problems.append(("lost", f"{expected_records} input records, {rows} rows"))
    return problems


def table_rows(out: Path) -> dict:
    import pyarrow.parquet as pq

    rows = {}
    for kind in ("clean", "quarantine", "duplicates", "filtered"):
        parts = sorted((out / kind).glob("*.parquet")) if (out / kind).is_dir() else []
        rows[kind] = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    return rows


def table_content(out: Path) -> dict:
    """What a reader sees, run ids and times aside: per kind, the sorted (id, text) pairs."""
    import pyarrow.parquet as pq

    content = {}
    for kind in ("clean", "quarantine", "duplicates"):
        parts = sorted((out / kind).glob("*.parquet")) if (out / kind).is_dir() else []
        pairs = []
        for part in parts:
            table = pq.read_table(part, columns=["id", "text"])
            pairs += zip(table.column("id").to_pylist(), table.column("text").to_pylist())
        content[kind] = sorted(pairs, key=repr)
    return content


def run_twice(runner: Runner, args: list[str], out: Path, env: dict | None = None, cwd: Path | None = None,
              expected_records: int | None = None) -> list[tuple[str, str]]:
    """Run, then rerun: both succeed, the accounting balances, the rerun changes no row."""
    problems, contents = [], []
    for attempt in (1, 2):
        status, stderr = runner.run(args, env, cwd)
        found = exit_problems(status, stderr, allowed=(0,))
        if found:
            return problems + [(kind, f"run {attempt}: {what}") for kind, what in found]
        problems += manifest_problems(out, expected_records)
        contents.append(table_content(out))
    if contents[0] != contents[1]:
        problems.append(("rerun-changed", f"{ {k: len(v) for k, v in contents[0].items()} } -> "
                                          f"{ {k: len(v) for k, v in contents[1].items()} }"))
    return problems


def base_args(inp: Path | str, out: Path | str, rng: random.Random) -> list[str]:
    return ["run", "--input", str(inp), "--output", str(out), "--no-data-docs",
            "--shard-mb", rng.choice(["0.001", "16"]), "--workers", rng.choice(["0", "1"])]


# ---------------------------------------------------------------- content the parsers choke on

def _parquet(table) -> bytes:
    import io

    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def choking_content(rng: random.Random) -> tuple[str, bytes, int | None]:
    """(file name, bytes, records a reader must account for: None when the file may be
    skipped whole) of one kind of content that breaks parsers."""
    import pyarrow as pa

    deep = rng.choice([2_000, 100_000])
    body = text(rng)
    kind = rng.choice(["json_deep", "json_deep_member", "json_dup_keys", "json_text_types", "json_escapes",
                       "json_big_line", "json_array_deep", "html_deep", "html_unclosed", "html_frameset",
                       "html_xml_decl", "html_nul_tags", "html_mega_attr", "html_only_scripts",
                       "parquet_text_types", "parquet_broken", "parquet_zero_groups", "parquet_schemas"])
    line = json.dumps({"id": "ok", "text": body})
    if kind == "json_deep":
        return "deep.jsonl", ("[" * deep + "]" * deep + "\n" + line + "\n").encode(), 2
    if kind == "json_deep_member":
        return "deep_member.jsonl", ('{"id": "d", "text": "' + body + '", "meta": ' + "[" * deep + "]" * deep
                                     + "}\n" + line + "\n").encode(), 2
    if kind == "json_dup_keys":
        field = rng.choice(["text", "id", "html", "url", "title"])
        return "dups.jsonl", (f'{{"{field}": "one", "text": "{body}", "{field}": "two"}}\n' + line + "\n").encode(), 2
    if kind == "json_text_types":
        values = ["5", "1e400", "[1, 2]", '{"a": "b"}', "true", "null", '"\\ud800 x"', '"a\\u0000b"']
        return "types.jsonl", "".join(f'{{"text": {v}}}\n' for v in values).encode(), len(values)
    if kind == "json_escapes":
        lines = ['{"text": "bad \\q escape"}', '{"text": "\\u12"}', '{"text": "\\udc00\\ud800"}', line]
        return "escapes.jsonl", ("\n".join(lines) + "\n").encode(), len(lines)
    if kind == "json_big_line":
        return "big.jsonl", (json.dumps({"text": "word " * rng.choice([2_100_000, 10_000_000])}) + "\n" + line
                             + "\n").encode(), 2
    if kind == "json_array_deep":
        return "array.json", ("[" + line + ", " + "[" * deep + "]" * deep + "]").encode(), None
    page = {"html_deep": "<html><body>" + "<div>" * deep + f"<p>{body}</p>" + "</div>" * deep + "</body></html>",
            "html_unclosed": f"<html><body><p>{body}</p>" + rng.choice(["<!-- ", "<script>", "<style>", "<textarea>",
                                                                         "<title>"]) + body * 3,
            "html_frameset": "<html><frameset cols='50%,50%'><frame src='a.html'><frame src='b.html'></frameset>"
                             f"<noframes><p>{body}</p></noframes></html>",
            "html_xml_decl": f'<?xml version="1.0" encoding="{rng.choice(["iso-8859-1", "utf-16", "shift_jis"])}"?>'
                             f'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{body}</p></body></html>',
            "html_nul_tags": f"<html><bo\x00dy><p cl\x00ass='a'>{body}</p></body></html>",
            "html_mega_attr": f"<html><body><div data-x='{'a' * 3_000_000}'><p>{body}</p></div></body></html>",
            "html_only_scripts": "<html><head><style>p{}</style><script>var a = 1;</script></head>"
                                 "<body><script>go()</script></body></html>"}.get(kind)
    if page is not None:
        return f"{kind}.html", page.encode(), 1
    if kind == "parquet_text_types":
        column = rng.choice([pa.array([1, 2]), pa.array([["a"], None]), pa.array([{"a": "x"}, {"a": "y"}]),
                             pa.array([[("a", "b")], []], pa.map_(pa.string(), pa.string())),
                             pa.array([0, 1], pa.timestamp("s")), pa.array([b"ab", b"\xff\x00"], pa.binary(2))])
        return "types.parquet", _parquet(pa.table({"text": column})), 2
    good = _parquet(pa.table({"text": [body] * 3}))
    if kind == "parquet_broken":
        at = rng.randrange(len(good))
        return "broken.parquet", rng.choice([good[:at], b"XXXX" + good[4:], good[:-8] + b"\0" * 4 + good[-4:],
                                             good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1:]]), None
    if kind == "parquet_zero_groups":
        return "zero.parquet", _parquet(pa.table({"text": pa.array([], pa.string())})), 0
    return "schemas.parquet", _parquet(pa.table({"text": [body], "id": [rng.choice([1, "a", 2.5])],
                                                 "extra": [rng.choice([[1], {"k": 1}, "x"])]})), 1


@scenario("content")
def choking_files(rng, base, runner):
    """Several files whose content breaks parsers, in one tree (differing Parquet schemas
    side by side): both runs exit 0, every record is in a table, the rerun changes nothing."""
    inp, out = base / "in", base / "out"
    inp.mkdir()
    expected, kinds = 0, []
    for k in range(rng.randint(2, 5)):
        name, data, records = choking_content(rng)
        (inp / f"{k}-{name}").write_bytes(data)
        kinds.append(name)
        expected = None if records is None or expected is None else expected + records
    return [(k, f"{kinds}: {w}") for k, w in run_twice(runner, base_args(inp, out, rng), out,
                                                       expected_records=expected)]


# ---------------------------------------------------------------- the tree

@scenario("tree")
def special_files(rng, base, runner):
    """FIFOs (one with a writer that never writes, one with none), a socket, links."""
    inp, out = base / "in", base / "out"
    write_inputs(rng, inp)
    extras = rng.sample(["fifo", "fifo_named_jsonl", "socket", "loop", "dangling", "link_to_out", "link_to_file"],
                        rng.randint(1, 4))
    held = []
    if "fifo" in extras:
        os.mkfifo(inp / "pipe")
    if "fifo_named_jsonl" in extras:
        os.mkfifo(inp / "stream.jsonl")
    if "socket" in extras:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(inp / "control.sock"))
        server.listen(1)
        held.append(server)
    if "loop" in extras:
        (inp / "sub").mkdir(exist_ok=True)
        os.symlink("..", inp / "sub" / "up")
    if "dangling" in extras:
        os.symlink("nowhere.jsonl", inp / "gone.jsonl")
    if "link_to_out" in extras:
        out.mkdir()
        os.symlink(out, inp / "results")
    if "link_to_file" in extras:
        os.symlink(next(inp.glob("*")).name, inp / "alias.jsonl")
    try:
        records = input_records(inp) if not {"link_to_out", "loop"} & set(extras) else None
        return [(k, f"{extras}: {w}") for k, w in run_twice(runner, base_args(inp, out, rng), out,
                                                             expected_records=records)]
    finally:
        for held_socket in held:
            held_socket.close()


@scenario("tree")
def deep_nesting(rng, base, runner):
    """Folders nested hundreds deep, up to past PATH_MAX."""
    inp, out = base / "in", base / "out"
    write_inputs(rng, inp, files=1)
    depth = rng.choice([50, 300, 1200, 2500])
    name = rng.choice(["d", "deeper", "ü"])
    fd = os.open(inp, os.O_RDONLY)
    try:
        for _ in range(depth):  # relative to the folder above: paths past PATH_MAX cannot be made otherwise
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        leaf = os.open("deep.jsonl", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, (json.dumps({"id": "deep", "text": text(rng)}) + "\n").encode())
        os.close(leaf)
    finally:
        os.close(fd)
    status, stderr = runner.run(base_args(inp, out, rng))
    problems = exit_problems(status, stderr)
    if status == 0:
        problems += manifest_problems(out)
    return [(k, f"depth {depth} x {name!r}: {w}") for k, w in problems]


@scenario("tree")
def many_tiny_files(rng, base, runner):
    inp, out = base / "in", base / "out"
    count = rng.choice([2000, 5000, 10000])
    for k in range(count):
        folder = inp / f"g{k % 37}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"t{k}.jsonl").write_text(json.dumps({"id": k, "text": f"{rng.choice(WORDS)} {k}"}) + "\n")
    args = base_args(inp, out, rng)
    args[args.index("--shard-mb") + 1] = "16"  # a 1 KB shard each is thousands of tasks: slow by request, not a fault
    return [(k, f"{count} files: {w}") for k, w in run_twice(runner, args, out, expected_records=count)]


@scenario("tree")
def relative_odd_names(rng, base, runner):
    """Relative --input/--output with spaces and non-ASCII, run from their parent."""
    parent = base / rng.choice(["work dir", "données", "数据 集"])
    inp, out = parent / rng.choice(["in put", "entrée", "ввод"]), parent / rng.choice(["out put", "sortie", "вывод"])
    write_inputs(rng, inp)
    env = rng.choice([{}, {"LANG": "C", "LC_ALL": "C"}])
    args = base_args(os.path.relpath(inp, parent), os.path.relpath(out, parent), rng)
    return [(k, f"{inp.name!r} -> {out.name!r} {env}: {w}")
            for k, w in run_twice(runner, args, out, env=env, cwd=parent, expected_records=input_records(inp))]


# ---------------------------------------------------------------- the output

@scenario("output")
def output_not_usable(rng, base, runner):
    """An output that is a file, inside the input, or under a file: exit 2, one line."""
    inp = base / "in"
    write_inputs(rng, inp)
    case = rng.choice(["file", "inside_input", "under_file", "input_is_output", "output_is_input_parent"])
    if case == "file":
        out = base / "out"
        out.write_text("not a folder")
    elif case == "inside_input":
        out = inp / "out"
    elif case == "under_file":
        (base / "f").write_text("x")
        out = base / "f" / "out"
    elif case == "input_is_output":
        out = inp
    else:
        out = base
    status, stderr = runner.run(base_args(inp, out, rng))
    return [(k, f"{case}: {w}") for k, w in exit_problems(status, stderr, allowed=(2,))]


DAMAGES = ["manifest_cut", "manifest_missing", "manifest_garbage", "current_dangling", "current_missing",
           "stray_part", "stale_lock", "lock_is_dir", "half_commit", "staging_left", "runs_log_cut",
           "runs_log_garbage", "kind_link_replaced_by_dir", "inputs_index_cut", "versions_empty_dir",
           "part_cut", "version_dir_missing"]


def damage_output(rng: random.Random, out: Path, damage: str) -> None:
    version = out / "versions" / os.readlink(out / "current").split("/")[-1]
    if damage == "manifest_cut":
        data = (version / "manifest.json").read_bytes()
        (version / "manifest.json").write_bytes(data[: rng.randrange(len(data))])
    elif damage == "manifest_missing":
        (version / "manifest.json").unlink()
    elif damage == "manifest_garbage":
        (version / "manifest.json").write_bytes(b"\x00\xff" * 10)
    elif damage == "current_dangling":
        (out / "current").unlink()
        os.symlink("versions/v000099", out / "current")
    elif damage == "current_missing":
        (out / "current").unlink()
    elif damage == "stray_part":
        src = next((version / "clean").glob("*.parquet"), None)
        if src is not None:
            shutil.copy(src, version / "clean" / "part-stray.parquet")
    elif damage == "stale_lock":
        (out / ".lock").write_text(json.dumps({"pid": 999999, "host": socket.gethostname()}))
    elif damage == "lock_is_dir":
        (out / ".lock").unlink(missing_ok=True)
        (out / ".lock").mkdir()
    elif damage == "half_commit":
        # Killed between the staging folder's rename and the pointer swap: a whole next
        # version folder that `current` does not point at.
        shutil.copytree(version, out / "versions" / f"v{int(version.name[1:]) + 1:06d}", symlinks=True)
    elif damage == "staging_left":
        shutil.copytree(version, out / "versions" / ".staging-deadbeef0000", symlinks=True)
        ((out / "versions" / ".staging-deadbeef0000") / "manifest.json").unlink()
    elif damage == "runs_log_cut":
        data = (out / "runs.jsonl").read_bytes()
        (out / "runs.jsonl").write_bytes(data[: max(1, len(data) - rng.randint(1, 40))])
    elif damage == "runs_log_garbage":
        with open(out / "runs.jsonl", "ab") as handle:
            handle.write(b"\x00\x00garbage{\n")
    elif damage == "kind_link_replaced_by_dir":
        kind = rng.choice(["clean", "quarantine", "duplicates", "filtered"])
        (out / kind).unlink()
        (out / kind).mkdir()
    elif damage == "inputs_index_cut":
        data = (version / "inputs.json").read_bytes()
        (version / "inputs.json").write_bytes(data[: rng.randrange(len(data))])
    elif damage == "versions_empty_dir":
        (out / "versions" / "v000777").mkdir()
    elif damage == "part_cut":
        src = next((version / "clean").glob("*.parquet"), None)
        if src is not None:
            data = src.read_bytes()
            src.write_bytes(data[: rng.randrange(len(data))])
    elif damage == "version_dir_missing":
        shutil.rmtree(version)


@scenario("output")
def damaged_previous_version(rng, base, runner):
    """A first run, damage to what it left, a second run (maybe with a changed input): exit 0
    with everything accounted for, or exit 2 in one line naming the damage; never a traceback."""
    inp, out = base / "in", base / "out"
    write_inputs(rng, inp)
    args = base_args(inp, out, rng)
    status, stderr = runner.run(args)
    problems = exit_problems(status, stderr, allowed=(0,))
    if problems:
        return [(k, f"first run: {w}") for k, w in problems]
    damage = rng.choice(DAMAGES)
    damage_output(rng, out, damage)
    if rng.random() < 0.5:
        write_inputs(random.Random(rng.random()), inp / "more", files=1)
    status, stderr = runner.run(args)
    # 1: the run refused the damaged version ("the current version ... is damaged"), documented
    problems = exit_problems(status, stderr, allowed=(0, 1, 2))
    if status == 0:
        problems += manifest_problems(out)
        status, stderr = runner.run(args)
        problems += [(k, f"third run: {w}") for k, w in exit_problems(status, stderr, allowed=(0,))]
    return [(k, f"{damage}: {w}") for k, w in problems]


@scenario("output")
def two_runs_at_once(rng, base, runner):
    """Two runs on one output, the second started 0-6 s after the first."""
    inp, out = base / "in", base / "out"
    write_inputs(rng, inp, files=6, records=30)
    args = base_args(inp, out, rng)
    first = runner.start(args)
    time.sleep(rng.uniform(0, 6))
    status, stderr = runner.run(args)
    try:
        first_stderr = first.communicate(timeout=RUN_TIMEOUT)[1].decode(errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(first.pid, signal.SIGKILL)
        return [("hang", "the first of two runs")]
    # Whichever takes the lock first runs (under load the second may start first); the
    # other runs after it or is refused in one line (exit 2).
    problems = exit_problems(first.returncode, first_stderr, allowed=(0, 2))
    problems += exit_problems(status, stderr, allowed=(0, 2))
    if 0 not in (first.returncode, status):
        problems.append(("both-refused", f"exits {first.returncode} and {status}"))
    else:
        problems += manifest_problems(out, input_records(inp))
    return problems


# ---------------------------------------------------------------- the environment

@scenario("env")
def odd_environment(rng, base, runner):
    inp, out = base / rng.choice(["in", "entrée ü"]), base / rng.choice(["out", "sortie ü"])
    write_inputs(rng, inp)
    case = rng.choice(["lang_c", "no_home", "prefect_home_file", "prefect_home_missing_parent", "tmpdir_file",
                       "tmpdir_missing", "home_file"])
    env = {}
    if case == "lang_c":
        env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}
    elif case == "no_home":
        env = {"HOME": ""}
    elif case == "home_file":
        (base / "homefile").write_text("x")
        env = {"HOME": str(base / "homefile")}
    elif case == "prefect_home_file":
        (base / "ph").write_text("x")
        env = {"PREFECT_HOME": str(base / "ph")}
    elif case == "prefect_home_missing_parent":
        env = {"PREFECT_HOME": str(base / "a" / "b" / "c")}
    elif case == "tmpdir_file":
        (base / "tmpfile").write_text("x")
        env = {"TMPDIR": str(base / "tmpfile")}
    elif case == "tmpdir_missing":
        env = {"TMPDIR": str(base / "no" / "such")}
    if case == "no_home":
        env = {**env, "HOME": None}
    status, stderr = runner.run(base_args(inp, out, rng), env=env)
    problems = exit_problems(status, stderr)
    if status == 0:
        problems += manifest_problems(out, input_records(inp))
    return [(k, f"{case}: {w}") for k, w in problems]


# ---------------------------------------------------------------- kills and churn

@scenario("kill")
def killed_run(rng, base, runner):
    """v1 from input A (or nothing, 30%), copied aside; a run on input B killed at a random moment: a plain
    glob must show v1 or the whole next version; the run after must give the rows the
    copy gives from one unkilled run on B (the same history, no kill)."""
    inp, out, ref = base / "in", base / "out", base / "ref"
    write_inputs(rng, inp, files=4, records=20)
    args = base_args(inp, out, rng)
    if rng.random() < 0.3:  # the very first run killed: no version before it
        ref.mkdir()
    else:
        status, stderr = runner.run(args)
        if status != 0:
            return [("exit", f"first run: exit {status}: {stderr.strip()[-200:]}")]
        shutil.copytree(out, ref, symlinks=True)
    before = table_content(out)
    write_inputs(random.Random(rng.random()), inp / "b", files=3, records=20)
    (inp / "part-0.jsonl").unlink(missing_ok=True)
    ref_args = [*args]
    ref_args[ref_args.index("--output") + 1] = str(ref)
    status, stderr = runner.run(ref_args)
    if status != 0:
        return [("exit", f"unkilled run: exit {status}: {stderr.strip()[-200:]}")]
    after = table_content(ref)
    delay = rng.uniform(0.5, 12)
    process = runner.start(args)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    problems = []
    try:
        now = table_content(out)
        if now not in (before, after):
            problems.append(("torn-version", f"killed after {delay:.1f}s: a reader sees neither version"))
    except Exception as error:  # noqa: BLE001
        problems.append(("unreadable-after-kill", f"killed after {delay:.1f}s: {type(error).__name__}: {error}"))
    status, stderr = runner.run(args)
    problems += [(k, f"run after a kill at {delay:.1f}s: {w}") for k, w in exit_problems(status, stderr, (0,))]
    if status == 0:
        problems += manifest_problems(out)
        if table_content(out) != after:
            got, want = table_content(out), after
            problems.append(("kill-differs", f"killed after {delay:.1f}s: rows "
                                             f"{ {k: len(v) for k, v in got.items()} } where an unkilled run has "
                                             f"{ {k: len(v) for k, v in want.items()} }"))
    return problems


@scenario("churn")
def files_change_during_run(rng, base, runner):
    """While the run reads: a file grows, shrinks, vanishes, or is replaced."""
    inp, out = base / "in", base / "out"
    write_inputs(rng, inp, files=8, records=200)
    victims = sorted(inp.glob("*"))
    change = rng.choice(["grow", "shrink", "vanish", "replace", "replace_with_dir", "chmod"])
    stop = threading.Event()

    def churn():
        start = time.time()
        while not stop.is_set() and time.time() - start < 30:
            victim = rng.choice(victims)
            try:
                if change == "grow":
                    with open(victim, "a") as handle:
                        handle.write(json.dumps({"text": text(rng)}) + "\n")
                elif change == "shrink":
                    data = victim.read_bytes()
                    victim.write_bytes(data[: len(data) // 2])
                elif change == "vanish":
                    victim.unlink(missing_ok=True)
                elif change == "replace":
                    temp = victim.with_name(".tmp-" + victim.name)
                    temp.write_text(json.dumps({"text": text(rng)}) + "\n")
                    os.replace(temp, victim)
                elif change == "replace_with_dir":
                    if victim.is_file():
                        victim.unlink()
                        victim.mkdir()
                elif change == "chmod":
                    victim.chmod(0)
            except OSError:
                pass
            time.sleep(rng.uniform(0.05, 1.0))

    worker = threading.Thread(target=churn)
    args = base_args(inp, out, rng)
    worker.start()
    try:
        status, stderr = runner.run(args)
    finally:
        stop.set()
        worker.join()
    problems = exit_problems(status, stderr, allowed=(0, 2))
    if status == 0:
        problems += manifest_problems(out)
    # Settled: the next run must succeed.
    for path in inp.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    status, stderr = runner.run(args)
    problems += [(k, f"settled rerun: {w}") for k, w in exit_problems(status, stderr, (0,))]
    if status == 0:
        problems += manifest_problems(out)
    return [(k, f"{change}: {w}") for k, w in problems]


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--list", default="", help="these seeds (comma-separated) instead of --first/--seeds")
    parser.add_argument("--only", default="", help="scenario kinds or function names, comma-separated")
    parser.add_argument("--tree", default=str(ROOT), help="the checkout whose code runs (default: this one)")
    parser.add_argument("--embedded", action="store_true",
                        help="let every run start its own embedded server (slower; the default shares one)")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    sys.path.insert(0, str(tree))
    only = {name for name in args.only.split(",") if name}
    chosen = [f for kind, functions in SCENARIOS.items() for f in functions
              if not only or kind in only or f.__name__ in only]
    from cli.main import PREFECT_DEFAULTS, start_embedded_server

    failures = []
    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in PREFECT_DEFAULTS.items()}, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryDirectory(prefix="bad-surroundings-") as tmp:
        env.setdefault("PREFECT_HOME", str(Path(tmp) / "prefect-home"))
        server = None
        if not args.embedded:
            os.environ.update({k: v for k, v in env.items() if k.startswith("PREFECT")})
            server = start_embedded_server()
            env["PREFECT_API_URL"] = server.api_url
        runner = Runner(tree, env)
        started = time.time()
        try:
            seeds = [int(s) for s in args.list.split(",")] if args.list else range(args.first, args.first + args.seeds)
            for seed in seeds:
                rng = random.Random(seed)
                function = rng.choice(chosen)
                base = Path(tmp) / f"s{seed}"
                base.mkdir()
                clock = time.time()
                runner.stderrs = []
                try:
                    found = function(rng, base, runner)
                except Exception as error:  # noqa: BLE001 - the generator's own bug, reported as such
                    found = [("generator", f"{type(error).__name__}: {error}")]
                for kind, what in found:
                    failures.append((seed, function.__name__, kind, what))
                    print(f"seed {seed} {function.__name__}: {kind}: {what}", flush=True)
                print(f"seed {seed} {function.__name__}: {'FAIL' if found else 'ok'} ({time.time() - clock:.0f} s)",
                      flush=True)
                if found:
                    kept = Path(tempfile.gettempdir()) / f"bad-surroundings-failed-{seed}.stderr"
                    kept.write_text("\n\n".join(runner.stderrs))
                # (the tools, not shutil/rglob: their recursion fails on the deep trees made here)
                subprocess.run(["chmod", "-R", "u+rwX", str(base)], stderr=subprocess.DEVNULL, check=False)
                subprocess.run(["rm", "-rf", str(base)], check=False)
        finally:
            if server is not None:
                server.stop()
    by_kind = collections.Counter(f"{name}/{kind}" for _, name, kind, _ in failures)
    print(f"\n{len(seeds)} seeds ({time.time() - started:.0f} s): {len(failures)} failures "
          f"{dict(sorted(by_kind.items())) if by_kind else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

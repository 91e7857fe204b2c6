"""Round 17: bad input and bad surroundings found by generators
(``benchmarks/bad_surroundings_gen.py``, and parser-choking content), not by hand.

Each test is a generator's invariant over generated inputs, narrowed to the dimension that
failed: a record never loses a value silently (a field given twice); a broken filter line
answers with its own id; an output being written by another run is refused in one line
before anything starts; the walk of the input tree neither reads a corpus-clean output
back as input nor fails on deep nesting; a damaged run log does not fail later runs.
Every test here fails on round 16's code (main at d9daa7e), except the guards marked as
such (they pin what the fixes must not break).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import filter_lines
from corpus_clean import native
from corpus_clean.dataset import append_run_log, read_run_log
from corpus_clean.layout import OutputLayout
from corpus_clean.preflight import PreflightError, check_run
from corpus_clean.readers import Document, jsonl_record, list_input_files, read_file, walk_local_tree

ROOT = Path(__file__).resolve().parents[1]
WORDS = "harbour council ferry pier storm engineers spring grant fishermen quay café über гавань 港口".split()
HYPOTHESIS = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
CONSUMED = ["text", "html", "title", "id", "url"]

sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=20).map(lambda w: " ".join(w) + ".")
ids = st.one_of(st.integers(-10**6, 10**6), st.text(min_size=1, max_size=12).filter(
    lambda s: not any("\ud800" <= c <= "\udfff" for c in s)))


def read_records(path: Path) -> list[Document]:
    return [item for file in list_input_files(str(path)) for item in read_file(file) if isinstance(item, Document)]


def fake_output(folder: Path) -> Path:
    """A folder laid out as a corpus-clean output (a version, its links)."""
    (folder / "versions" / "v000001" / "clean").mkdir(parents=True)
    (folder / "versions" / "v000001" / "clean" / "part-0.jsonl").write_text('{"text": "an output row"}\n')
    os.symlink("versions/v000001", folder / "current")
    os.symlink("current/clean", folder / "clean")
    return folder


# ---------------------------------------------------------------- a field given twice

@HYPOTHESIS
@given(field=st.sampled_from(CONSUMED), first=sentences, second=sentences, body=sentences,
       twins=st.booleans(), extra=st.booleans())
def test_a_field_given_twice_with_different_values_is_quarantined_with_both_kept(field, first, second, body,
                                                                                 twins, extra):
    """json.loads keeps a repeated key's last value: the first vanished from the row and
    from every count (fails on main: the record was clean, `first` nowhere). Now the record
    is quarantined, its raw line (both values) kept, the reason naming the field; the
    compiled reader and its twin agree."""
    members = [(field, first), *([("text", body)] if field != "text" else []), (field, second)]
    if extra:
        members.insert(1, ("meta", {"nested": [1, 2]}))  # a line the compiled pass leaves to the general one
    line = ("{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in members) + "}").encode()
    if twins:
        with native.twins_only():
            doc = jsonl_record("f.jsonl", 0, line)
    else:
        doc = jsonl_record("f.jsonl", 0, line)
    if first == second:  # the same value twice loses nothing: read as usual (guard)
        assert not doc.problems
        return
    assert [check for check, _ in doc.problems] == ["readable_input"]
    assert f"field '{field}' given twice" in doc.problems[0][1]
    assert first in doc.raw_text and second in doc.raw_text


def test_a_field_given_twice_beside_a_huge_integer_is_still_found():
    """The second look at a line (for a repeated field) reads 5,000-digit integers as the
    first does: the line is quarantined for the field, not lost to the integer (fails on
    main: read with the last id)."""
    line = b'{"id": 1, "text": "A harbour record.", "n": ' + b"7" * 5000 + b', "id": 2}'
    doc = jsonl_record("f.jsonl", 0, line)
    assert [detail for _, detail in doc.problems] == [
        "f.jsonl:1: field 'id' given twice with different values (JSON readers disagree on which one counts)"]


@HYPOTHESIS
@given(field=st.sampled_from(CONSUMED), values=st.lists(sentences, min_size=2, max_size=2, unique=True),
       body=sentences, position=st.integers(0, 3))
def test_a_json_array_record_giving_a_field_twice_is_quarantined(tmp_path_factory, field, values, body, position):
    """The same in a `.json` array (its own parser): fails on main (read with the last value)."""
    folder = tmp_path_factory.mktemp("array")
    bad = "{" + f'"{field}": {json.dumps(values[0])}, "text": {json.dumps(body)}, "{field}": {json.dumps(values[1])}' + "}"
    records = [json.dumps({"text": body + f" {k}"}) for k in range(3)]
    records.insert(position, bad)
    (folder / "a.json").write_text("[" + ",\n".join(records) + "]")
    docs = read_records(folder)
    assert len(docs) == 4
    assert [bool(doc.problems) for doc in docs] == [k == position for k in range(4)]
    assert "given twice" in docs[position].problems[0][1]


# ---------------------------------------------------------------- filter: a broken line's own id

@HYPOTHESIS
@given(ident=ids, body=sentences, damage=st.sampled_from(["cut", "escape", "deep", "control"]),
       cut=st.integers(0, 200), others=st.integers(1, 4))
def test_a_broken_filter_line_answers_with_its_own_id(ident, body, damage, cut, others):
    """A line broken after its id (cut short, an invalid escape, nesting past the parser,
    a raw control character) answers with that id. On main the answer's id was the line
    number, which is another line's id when ids are numbers (fails on main)."""
    head = '{"id": ' + json.dumps(ident) + ', "text": '
    tail = {"cut": json.dumps(body)[:cut % max(1, len(json.dumps(body)))],
            "escape": '"' + body + ' \\q"}',
            "deep": '"x", "meta": ' + "[" * 5000 + "]" * 5000 + "}",
            "control": '"' + body + '\x01"}'}[damage]
    good = [json.dumps({"id": k + 1, "text": body}).encode() for k in range(others)]
    lines = [*good, (head + tail).encode()]
    answers = list(filter_lines(lines, ("mojibake",)))
    assert [a["line"] for a in answers] == list(range(1, len(lines) + 1))
    assert answers[-1]["id"] == ident and "error" in answers[-1]
    assert [a["id"] for a in answers[:-1]] == list(range(1, others + 1))


def test_a_line_without_an_id_still_answers_with_its_line_number():
    """Guard (passes on main): no id before the break, the documented fallback."""
    answers = list(filter_lines([b'{"text": "bad \\q"}', b"[1, 2", b'{"text": "ok", "id" 7}'], ("mojibake",)))
    assert [a["id"] for a in answers] == [1, 2, 3]


# ---------------------------------------------------------------- an output another run is writing

def test_an_output_being_written_is_refused_by_the_preflight(tmp_path):
    """The lock held by another process: the preflight says so in one line before anything
    starts (fails on main: the preflight passed, and the refusal came from inside the flow,
    after the server's start, under Prefect's traceback, exit 3)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A record.")
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys\n"
        f"h = open({str(out / '.lock')!r}, 'a+'); fcntl.flock(h, fcntl.LOCK_EX)\n"
        "h.write('pid 4242 on a host'); h.flush(); print('held', flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(PreflightError, match=r"refusing to run: .* being written by another run \(pid 4242"):
            check_run(str(tmp_path / "in"), str(out))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    check_run(str(tmp_path / "in"), str(out))  # released (even a stale lock file left behind): a run may start


def test_a_lock_that_is_not_a_file_is_refused_by_the_preflight(tmp_path):
    """`.lock` a folder: fails on main (the run failed inside the flow: IsADirectoryError)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out" / ".lock").mkdir(parents=True)
    with pytest.raises(PreflightError, match=r"\.lock is not a file"):
        check_run(str(tmp_path / "in"), str(tmp_path / "out"))


def test_a_stale_lock_does_not_stop_the_preflight(tmp_path):
    """Guard (passes on main): a lock file nobody holds (a killed run's) is no refusal."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".lock").write_text("pid 999999 on gone since 2020-01-01T00:00:00Z")
    check_run(str(tmp_path / "in"), str(tmp_path / "out"))


# ---------------------------------------------------------------- the walk

@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=st.sampled_from(["link_to_root", "link_to_versions", "link_to_clean", "real_folder"]),
       depth=st.integers(0, 2))
def test_a_corpus_clean_output_in_the_input_tree_is_listed_not_read(tmp_path_factory, how, depth):
    """A link to an output (or an older output kept in the tree) is listed as skipped,
    with the reason; its rows are not read back as input (fails on main: the run's own
    output came back, every row a duplicate of itself)."""
    base = tmp_path_factory.mktemp("tree")
    inp = base / "in"
    folder = inp.joinpath(*["sub"] * depth)
    folder.mkdir(parents=True)
    (inp / "a.jsonl").write_text('{"text": "an input row"}\n')
    if how == "real_folder":
        fake_output(folder / "old-output")
    else:
        out = fake_output(base / "out")
        target = {"link_to_root": out, "link_to_versions": out / "versions", "link_to_clean": out / "clean"}[how]
        os.symlink(target, folder / "results")
    listed = walk_local_tree(str(inp))
    assert [f.source for f in listed if f.skip_reason is None] == ["a.jsonl"]
    assert any("a corpus-clean output" in (f.skip_reason or "") for f in listed)
    assert [doc.raw_text for doc in read_records(inp)] == ["an input row"]


def test_an_input_inside_an_output_is_still_read(tmp_path):
    """Guard (passes on main): `--input out/clean` (cleaning a dataset again) reads it."""
    out = fake_output(tmp_path / "out")
    assert [f.source for f in walk_local_tree(str(out / "clean"))] == ["part-0.jsonl"]


@pytest.mark.parametrize("depth", [1_200, 2_100])
def test_a_tree_nested_past_pythons_recursion_limit_is_walked(tmp_path, depth):
    """1,200 folders deep: fails on main (RecursionError, the run failed before reading).
    2,100 deep is past PATH_MAX: that branch is listed with the reason, not lost silently."""
    (tmp_path / "top.jsonl").write_text('{"text": "a row at the top"}\n')
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(depth):  # relative to the folder above: the full path may pass PATH_MAX
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        leaf = os.open("deep.jsonl", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, b'{"text": "a row at the bottom"}\n')
        os.close(leaf)
    finally:
        os.close(fd)
    try:
        listed = walk_local_tree(str(tmp_path))
        read = [f.source for f in listed if f.skip_reason is None]
        if len(str(tmp_path)) + 2 * depth + len("/deep.jsonl") < os.pathconf("/", "PC_PATH_MAX"):
            assert read == ["/".join(["d"] * depth + ["deep.jsonl"]), "top.jsonl"]
        else:
            assert read == ["top.jsonl"]
            assert [f.skip_reason for f in listed if f.skip_reason] == ["cannot follow: File name too long"]
    finally:
        subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True)  # (shutil.rmtree recurses too)


# ---------------------------------------------------------------- the run log

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.integers(1, 5), damage=st.sampled_from(["cut", "garbage", "binary", "not_object"]),
       at=st.integers(0, 10_000))
def test_a_damaged_run_log_does_not_fail_the_next_run(tmp_path_factory, entries, damage, at):
    """runs.jsonl cut (a killed write), with garbage or bytes that are not UTF-8 appended:
    the next run appends its entry and keeps every whole one (fails on main: JSONDecodeError
    or UnicodeDecodeError, exit 1, on every later run of that output)."""
    layout = OutputLayout(tmp_path_factory.mktemp("out"))
    for k in range(entries):
        append_run_log(layout, {"run_id": f"r{k}", "read": k})
    data = layout.runs_log.read_bytes()
    if damage == "cut":
        cut = at % len(data)
        damaged = data[:cut]
        # whole lines, and a last line cut just before its line break (still whole)
        whole = data[:cut].count(b"\n") + (cut > 0 and data[cut:cut + 1] == b"\n" and data[cut - 1:cut] != b"\n")
    else:
        damaged = data + {"garbage": b"{\"run_id\": \n", "binary": b"\xff\xfe\x00{}\n", "not_object": b"[1, 2]\n"}[damage]
        whole = entries
    layout.runs_log.write_bytes(damaged)
    runs = append_run_log(layout, {"run_id": "next", "read": 0})
    assert [run["run_id"] for run in runs] == [f"r{k}" for k in range(whole)] + ["next"]
    assert [run["run_id"] for run in read_run_log(layout)] == [run["run_id"] for run in runs]


# ---------------------------------------------------------------- a damaged output, through the real command

@pytest.mark.usefixtures("prefect_server")
def test_a_run_refusing_a_damaged_output_prints_no_traceback(tmp_path):
    """A stray part file (a copy left in clean/ by hand): the run refuses the version in its
    last line, exit 1, as documented -- and, since round 17, without Prefect's 25-line
    traceback of that refusal ahead of it (fails on main: "Traceback" in stderr)."""
    import shutil

    from prefect.settings import PREFECT_API_URL

    from tests.test_bad_input_round13 import _clean_part, _first_version

    out = _first_version(tmp_path)
    part = _clean_part(out)
    shutil.copy(part, part.with_name("part-stray.parquet"))
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(tmp_path / "in"), "--output", str(out),
                           "--no-data-docs", "--no-dedup"], env=env, capture_output=True, text=True, timeout=600)
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 1 and "is damaged: clean/ holds 2 files" in last, last
    assert "Traceback" not in done.stderr


@pytest.mark.usefixtures("prefect_server")
def test_an_output_taken_between_the_cli_and_the_flow_checks_is_refused_in_one_line(tmp_path):
    """Two runs started together: both pass the CLI's preflight, the second finds the lock
    taken by the flow's own check (the generator's seed 103). Reproduced by a fault injected
    into that check alone (a sitecustomize on PYTHONPATH): exit 2, as the CLI's own refusal,
    its one line last, no traceback (fails on main: exit 1 under Prefect's traceback)."""
    from prefect.settings import PREFECT_API_URL

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The harbour council met on Tuesday to discuss the ferry pier.")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import corpus_clean.preflight as preflight\n"
        "checked = preflight.check_run\n"
        "def check_run(*args, input_must_exist=True, **kwargs):\n"
        "    if not input_must_exist:  # the flow's call, not the CLI's\n"
        "        raise preflight.PreflightError('refusing to run: OUT is being written by another run (pid 7)')\n"
        "    return checked(*args, input_must_exist=input_must_exist, **kwargs)\n"
        "preflight.check_run = check_run\n")
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(),
           "PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(tmp_path / "in"), "--output",
                           str(tmp_path / "out"), "--no-data-docs"], env=env, capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 2 and last == "corpus-clean: refusing to run: OUT is being written by another run (pid 7)"
    assert "Traceback" not in done.stderr

"""Preflight (issue 12): a run that cannot succeed says so in one line, before any
server starts or any record is cleaned; and output files get the user's umask."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

from corpus_clean.output import write_json, write_parquet
from corpus_clean.preflight import PreflightError, check_run


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("A short text about the harbour and its ferry pier.\n")
    return root


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    return subprocess.run([sys.executable, "-m", "cli", "run", *args],
                          capture_output=True, timeout=120, env=env)


CASES = [  # (arguments, what the one line must say)
    (lambda t: ["--input", str(t / "missing"), "--output", str(t / "out")], "input path does not exist"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "in" / "out")], "inside the input tree"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "in")], "inside the input tree"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "in" / "a.txt")], "inside the input tree"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "file")], "is a file, not a directory"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "file" / "sub")], "has a file in its path"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "out"), "--workers", "-1"], "--workers must be"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "out"), "--shard-mb", "0"], "--shard-mb must be > 0"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "out"), "--shard-mb", "nan"], "--shard-mb must be > 0"),
    (lambda t: ["--input", str(t / "in"), "--output", str(t / "out"), "--min-chars", "-1"], "--min-chars must be"),
]


@pytest.mark.parametrize("make_args, message", CASES)
def test_preflight_names_what_would_fail(tmp_path, make_args, message):
    from cli.main import build_parser

    corpus(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    args = build_parser().parse_args(["run", *make_args(tmp_path)])
    with pytest.raises(PreflightError, match=message.replace("+", "\\+")):
        check_run(args.input, args.output, shard_mb=args.shard_mb, workers=args.workers, min_chars=args.min_chars)


@pytest.mark.parametrize("make_args, message", [CASES[0], CASES[1], CASES[4], CASES[6]])
def test_cli_rejects_a_run_that_cannot_succeed_in_one_line_before_starting(tmp_path, make_args, message):
    corpus(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    started = time.monotonic()
    result = run_cli(*make_args(tmp_path), "--no-data-docs")
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("corpus-clean: error: ") and message in lines[0], lines
    assert b"Traceback" not in result.stderr and not result.stdout
    assert time.monotonic() - started < 30  # no server was started (that takes 6-20 s here)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.fixture
def tiny_mount(tmp_path):
    """A real small filesystem (tmpfs): needs root (CAP_SYS_ADMIN), else the test skips."""
    mounted = []

    def mount(name: str, options: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if result.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


def test_read_only_output_is_found_before_the_run(tmp_path, tiny_mount):
    read_only = tiny_mount("ro", "size=1m,ro")
    with pytest.raises(PreflightError, match="is not writable: Read-only file system"):
        check_run(str(corpus(tmp_path)), str(read_only / "out"))


def test_full_disk_is_found_before_the_run(tmp_path, tiny_mount):
    full = tiny_mount("full", "size=256k")
    with pytest.raises(OSError):
        (full / "filler").write_bytes(b"x" * (1 << 20))
    with pytest.raises(PreflightError, match="is on a full disk"):
        check_run(str(corpus(tmp_path)), str(full))


def test_a_writable_output_folder_is_created(tmp_path):
    check_run(str(corpus(tmp_path)), str(tmp_path / "new" / "out"))
    assert (tmp_path / "new" / "out").is_dir() and not any((tmp_path / "new" / "out").iterdir())


def test_the_flow_validates_its_parameters_too(prefect_server, tmp_path):
    """Deployments call the flow without the CLI: the same checks, before any work."""
    from flows.clean_corpus import clean_corpus

    with pytest.raises(PreflightError, match="--workers must be"):
        clean_corpus(input_path=str(corpus(tmp_path)), output_dir=str(tmp_path / "out"), workers=-2)
    with pytest.raises(PreflightError, match="inside the input tree"):
        clean_corpus(input_path=str(tmp_path / "in"), output_dir=str(tmp_path / "in" / "o"))
    assert not (tmp_path / "out").exists() and not (tmp_path / "in" / "o").exists()


def test_outputs_are_created_with_the_users_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_parquet(pa.table({"a": [1]}), tmp_path / "p" / "x.parquet")
        write_json({"a": 1}, tmp_path / "m.json")
    finally:
        os.umask(old)
    for path in (tmp_path / "p" / "x.parquet", tmp_path / "m.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # 0666 & ~027 (mkstemp alone gives 0600)

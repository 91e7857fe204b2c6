"""Readers that go away. `corpus-clean filter` ends as Unix filters do: when its reader
stops early (`corpus-clean filter < in | head -1`) it is ended by SIGPIPE, and Ctrl-C ends
it by SIGINT, both without a Python traceback on stderr. `corpus-clean run` whose stdout
reader has gone still commits and exits 0. Real subprocesses, real pipes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

from tests.conftest import ARTICLE

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_filter() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "filter"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def feed_forever(process: subprocess.Popen) -> threading.Thread:
    """Write records to the filter until its stdin breaks (it died)."""
    line = (json.dumps({"id": 1, "text": ARTICLE}) + "\n").encode()

    def feed():
        try:
            while True:
                process.stdin.write(line * 50)
                process.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return thread


def test_a_reader_that_stops_early_ends_the_filter_quietly():
    process = start_filter()
    feed_forever(process)
    first = process.stdout.readline()
    assert json.loads(first)["id"] == 1
    process.stdout.close()  # `head -1` has its line and exits
    process.wait(timeout=120)
    stderr = process.stderr.read().decode()
    assert process.returncode == -signal.SIGPIPE, (process.returncode, stderr[-500:])
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr[-500:]


def test_ctrl_c_ends_the_filter_quietly():
    process = start_filter()
    feed_forever(process)
    assert json.loads(process.stdout.readline())["id"] == 1  # running, past its imports
    process.send_signal(signal.SIGINT)
    process.wait(timeout=120)
    stderr = process.stderr.read().decode()
    assert process.returncode == -signal.SIGINT, (process.returncode, stderr[-500:])
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr[-500:]


def test_a_run_whose_stdout_reader_has_gone_still_commits_and_succeeds(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_text("\n".join(json.dumps({"id": k, "text": f"{ARTICLE} {k}"}) for k in range(3)) + "\n")
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -c 0`: nobody will read the paths printed at the end
    result = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(source), "--output",
                             str(tmp_path / "out"), "--no-data-docs"], cwd=ROOT, stdout=write_end,
                            stderr=subprocess.PIPE, timeout=600)
    os.close(write_end)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr[-800:]
    assert "run failed" not in stderr and "BrokenPipeError" not in stderr, stderr[-800:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["totals"]["read"] == 3 and manifest["accounting_ok"]  # (near-duplicates of each other)


def run_filter_with_closed(fd: int) -> subprocess.CompletedProcess:
    """`corpus-clean filter <&-` (fd 0) or `>&-` (fd 1): the child starts with that fd closed."""
    return subprocess.run([sys.executable, "-m", "cli", "filter"], cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(fd), timeout=120)


def test_a_filter_started_with_stdin_or_stdout_closed_says_so():
    for fd, name in ((0, "stdin"), (1, "stdout")):
        result = run_filter_with_closed(fd)
        stderr = result.stderr.decode()
        assert result.returncode == 2, stderr[-500:]
        assert f"{name} is closed" in stderr and "Traceback" not in stderr, stderr[-500:]

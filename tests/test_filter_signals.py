"""`corpus-clean filter` ends as Unix filters do: when its reader stops early
(`corpus-clean filter < in | head -1`) it is ended by SIGPIPE, and Ctrl-C ends it by
SIGINT, both without a Python traceback on stderr. Real subprocesses, real pipes."""
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

"""`corpus-clean filter`: a Unix filter over JSONL, run as a real subprocess; and the embedded
Prefect server of `corpus-clean run`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, CONTENT_LINES


def run_filter(lines: list[str], *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "filter", *args],
        input="\n".join(lines).encode() + b"\n", capture_output=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_filter_cleans_and_keeps_order_and_ids():
    lines = [
        json.dumps({"id": "first", "text": ARTICLE}),
        "{this is not json",
        json.dumps({"id": 7, "text": "Caf\u00c3\u00a9 au lait is what the caf\u00c3\u00a9 serves every morning."}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "page", "html": "<html><body><article><p>" + CONTENT_LINES[0] + "</p></article></body></html>"}),
    ]
    out = run_filter(lines)
    assert [o.get("id") for o in out] == ["first", 2, 7, "no-text", "page"]  # no id: the line number
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5]
    first = out[0]
    assert all(line in first["text"].splitlines() for line in CONTENT_LINES)
    assert "Facebook" not in first["text"]
    assert first["byline"] == "Lena Okafor and Piet Vermeer"
    assert all({"start", "end", "rule", "text"} <= set(r) for r in first["removed"])
    assert "malformed JSON" in out[1]["error"] and "<stdin>:2" in out[1]["error"]
    assert out[2]["text"] == "Café au lait is what the café serves every morning."
    assert out[2]["fixes"]
    assert "no string" in out[3]["error"]
    assert CONTENT_LINES[0] in out[4]["text"]


def test_filter_steps_subset_only_repairs_mojibake():
    out = run_filter([json.dumps({"id": 1, "text": ARTICLE.replace("harbour council", "harbourÂ council")})],
                     "--steps", "mojibake")
    assert out[0]["text"] == ARTICLE.replace("harbour council", "harbour\u00a0council")
    assert out[0]["removed"] == []


def test_filter_rejects_unknown_step():
    result = subprocess.run([sys.executable, "-m", "cli", "filter", "--steps", "nope"],
                            input=b"", capture_output=True, timeout=60)
    assert result.returncode == 2 and b"unknown step" in result.stderr


def run_filter_bytes(data: bytes, *args: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "cli", "filter", *args],
                            input=data, capture_output=True, timeout=120, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_filter_answers_lone_surrogates_latin1_invalid_utf8_and_not_json_in_order():
    """issue 12: a lone surrogate crashed the filter (every later line lost); a line of
    Latin-1 bytes came back with a null id."""
    lines = [
        json.dumps({"id": "sur", "text": "Half a pair \udfff here."}).encode(),
        json.dumps({"id": "caf\u00e9-1", "text": "Le caf\u00e9 est ouvert tous les matins."}, ensure_ascii=False).encode("latin-1"),
        b'{"id": "bad", "text": "broken \xff\xfe bytes"}',
        b"\xff\xfe\x00 not json at all",
        json.dumps({"id": "\udfff", "text": "An id that is half a pair."}).encode(),
        json.dumps({"id": "last", "text": ARTICLE}).encode(),
    ]
    out = run_filter_bytes(b"\n".join(lines) + b"\n")
    assert [o["id"] for o in out] == ["sur", "caf\u00e9-1", "bad", 4, "\udfff", "last"]
    assert "lone surrogate" in out[0]["error"]
    assert out[1]["text"] == "Le caf\u00e9 est ouvert tous les matins."
    assert "error" in out[3] and "text" in out[5]


@pytest.mark.parametrize("newline", [b"\r", b"\r\n"])
def test_filter_splits_lines_at_cr_and_crlf(newline):
    lines = [json.dumps({"id": k, "text": f"Line {k} of a feed written on an old Mac."}).encode() for k in range(3)]
    out = run_filter_bytes(newline.join(lines) + newline, "--steps", "mojibake")
    assert [o["id"] for o in out] == [0, 1, 2] and all("text" in o for o in out)


def test_filter_line_of_20mb_is_answered_and_the_next_line_too():
    huge = json.dumps({"id": "huge", "text": "word " * 2_100_000}).encode()
    out = run_filter_bytes(huge + b"\n" + json.dumps({"id": "next", "text": "Small."}).encode() + b"\n", "--steps", "mojibake")
    assert [o["id"] for o in out] == ["huge", "next"]
    assert "limit" in out[0]["error"] and out[1]["text"] == "Small."


EMBEDDED_SERVER_PROBE = r"""
import json, os, sys, urllib.request
import cli.main as cli
for key, value in cli.PREFECT_DEFAULTS.items():
    os.environ.setdefault(key, value)
with cli.embedded_server_if_needed():
    from prefect.settings import PREFECT_API_URL
    api = PREFECT_API_URL.value()
    health = urllib.request.urlopen(api + "/health", timeout=60).read().decode()
    me = str(os.getpid())
    children = [pid for pid in os.listdir("/proc") if pid.isdigit() and os.path.exists(f"/proc/{pid}/stat")
                and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1] == me]
try:
    urllib.request.urlopen(api + "/health", timeout=5)
    stopped = False
except OSError:
    stopped = True
print(json.dumps({"api": api, "health": health, "children": children, "stopped": stopped,
                  "collections_loaded": "distributed" in sys.modules}))
"""


@pytest.mark.timeout(600)
def test_without_a_prefect_api_the_run_serves_one_from_its_own_process(tmp_path):
    """`corpus-clean run` with no PREFECT_API_URL serves Prefect's API from a thread of its
    own process (a server process was ~240 MB of the tree's RSS): it answers while the run
    lasts, no child process exists, it is gone afterwards, and the block registration that
    would import every installed Prefect collection (prefect-dask: dask.distributed) is off."""
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300"})
    result = subprocess.run([sys.executable, "-c", EMBEDDED_SERVER_PROBE], env=env, capture_output=True,
                            timeout=540, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    seen = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert seen["api"].startswith("http://127.0.0.1:") and seen["health"] == "true"
    assert seen["children"] == []
    assert seen["stopped"]
    assert not seen["collections_loaded"]


FREED_TABLES = """
import os, sys, time
from cli.main import use_allocators_that_return_memory
use_allocators_that_return_memory()
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

before = rss()
numbers = pa.array(np.arange(2_500_000, dtype=np.float64))  # numpy's buffer; each sum below is Arrow's (20 MB)
columns = [pc.add(numbers, k) for k in range(10)]
grown = rss() - before
del columns
time.sleep(0.5)
print(pa.default_memory_pool().backend_name, os.environ["MALLOC_ARENA_MAX"], grown, rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and glibc")
def test_a_run_uses_allocators_that_hand_freed_tables_back():
    """`corpus-clean run`'s allocators (``use_allocators_that_return_memory``): Arrow
    tables freed go back to the OS (Arrow's default mimalloc pool keeps them), the
    settings reach processes started after (the cleaning workers), and a user's own
    settings win."""
    ran = subprocess.run([sys.executable, "-c", FREED_TABLES], capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items()
                              if k not in ("ARROW_DEFAULT_MEMORY_POOL", "MALLOC_ARENA_MAX")})
    pool, arenas, grown, kept = ran.stdout.split()
    assert (pool, arenas) == ("jemalloc", "2")
    assert int(grown) > 150e6 and int(kept) < int(grown) / 4

    child = "from cli.main import use_allocators_that_return_memory as use; use(); import os, subprocess, sys; " \
            "print(subprocess.run([sys.executable, '-c', 'import pyarrow as pa, os; " \
            "print(pa.default_memory_pool().backend_name, os.environ[\"MALLOC_ARENA_MAX\"])'], " \
            "capture_output=True, text=True).stdout)"
    env = {k: v for k, v in os.environ.items() if k not in ("ARROW_DEFAULT_MEMORY_POOL", "MALLOC_ARENA_MAX")}
    assert subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          env=env).stdout.split() == ["jemalloc", "2"]
    assert subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          env={**env, "ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_ARENA_MAX": "4"}
                          ).stdout.split() == ["system", "4"]


FREED_BIG_BLOCKS = """
import os, sys
if sys.argv[1] == "run":
    from cli.main import use_allocators_that_return_memory
    use_allocators_that_return_memory()

def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

big = bytearray(16 << 20)  # one block freed: glibc's own threshold rises to its size
del big
before = rss()
blocks, pinned = [], []
for k in range(200):  # 200 MB in blocks of 1 MB, each followed by a small block still in use
    blocks.append(bytearray(1 << 20))
    pinned.append(bytearray(4096))
grown = rss() - before
del blocks
print(grown, rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and glibc")
def test_a_run_hands_freed_big_blocks_of_the_c_heap_back():
    """Blocks of 128 KB and up (pickled batches, numpy arrays) get pages of their own in a
    run's processes and go back to the OS when freed, also after a bigger block was freed
    (glibc's own threshold then rises to that size and they stayed resident in the heap,
    between blocks still in use). The setting reaches the processes started after (the
    cleaning workers); a user's own MALLOC_MMAP_THRESHOLD_ wins."""
    env = {k: v for k, v in os.environ.items() if k not in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX")}
    results = {}
    for mode in ("plain", "run"):
        ran = subprocess.run([sys.executable, "-c", FREED_BIG_BLOCKS, mode], capture_output=True, text=True,
                             timeout=120, env=env, cwd=Path(__file__).resolve().parent.parent)
        assert ran.returncode == 0, ran.stderr[-2000:]
        results[mode] = [int(n) for n in ran.stdout.split()]
    for mode in results:
        assert results[mode][0] > 150e6  # the blocks were resident while in use
    assert results["plain"][1] > 150e6  # glibc as it comes: kept after being freed
    assert results["run"][1] < 30e6     # a run's: handed back

    child = "from cli.main import use_allocators_that_return_memory as use; use(); import os, subprocess, sys; " \
            "print(subprocess.run([sys.executable, '-c', 'import os; print(os.environ[\"MALLOC_MMAP_THRESHOLD_\"])'], " \
            "capture_output=True, text=True).stdout)"
    assert subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          env=env).stdout.split() == ["131072"]
    assert subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          env={**env, "MALLOC_MMAP_THRESHOLD_": "65536"}).stdout.split() == ["65536"]


def test_an_error_raised_while_handling_sigterm_still_counts_as_the_interruption():
    """The CLI's SIGTERM test can land the signal inside Prefect, which then raises an
    error of its own; it must still read as SIGTERM (exit 130), not as a failed run."""
    from prefect.exceptions import TerminationSignal

    from cli.main import Terminated, _caused_by

    try:
        try:
            raise Terminated()
        except Terminated:
            raise RuntimeError("Task run is not set")
    except RuntimeError as error:
        assert _caused_by(error, (Terminated, TerminationSignal))
    assert not _caused_by(ValueError("bad input"), (Terminated, TerminationSignal))

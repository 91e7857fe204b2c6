"""Shared fixtures. The Prefect test harness starts a real (temporary, SQLite) Prefect
server; it takes ~20 s, so one is shared by the whole session and only started when a
flow test asks for it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parent.parent

# Property tests draw the same examples on every run, so CI results are reproducible;
# set HYPOTHESIS_PROFILE=explore locally to hunt for new counterexamples.
from hypothesis import settings  # noqa: E402

# The readers import fsspec on the first file they open (``readers.open_input``: the
# cleaning workers never open one); imported here, once, so that import does not count
# against hypothesis' per-example deadline in whichever property test opens a file first.
import fsspec  # noqa: E402, F401

# No per-example deadline: on a loaded machine a GC pause or a neighbour's burst made a
# 200 ms deadline fail a property whose assertions held (seen at load ~40 in round 8);
# a property that hangs is still stopped by pytest-timeout.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ARTICLE = (
    "Harbour Town Votes to Rebuild the Old Ferry Pier\n"
    "\n"
    "By Lena Okafor and Piet Vermeer\n"
    "The harbour council of Eastmere voted seven to two on Monday evening to rebuild the old ferry pier, "
    "which has been closed to passengers since a winter storm cracked its pilings two years ago.\n"
    "Engineers told the council that the new pier would rest on steel piles driven deeper into the "
    "seabed, and that work could begin in the spring if the regional grant arrives on time.\n"
    "Several fishermen who spoke at the meeting said the closure had doubled the length of their "
    "morning trips, because they now have to land their catch at the container quay across the bay.\n"
    "Facebook Facebook Facebook Facebook\n"
    "© 2024 Eastmere Gazette Ltd. All rights reserved.\n"
)
CONTENT_LINES = [line for line in ARTICLE.splitlines() if line.startswith(("The harbour", "Engineers", "Several"))]
# A different story from the same (made-up) paper, with the same page furniture: not a
# near copy of ARTICLE, so deduplication keeps both.
SECOND_ARTICLE = (
    "Westmere Library Opens Its Doors on Sundays\n"
    "\n"
    "By Ruth Adeyemi\n"
    "The Westmere public library will open on Sunday afternoons from next month, after volunteers "
    "offered to staff the reading room and the children's corner without pay.\n"
    "The head librarian said weekend visits had grown every year since the building was renovated, "
    "and that families had asked for longer hours during the school holidays.\n"
    "Facebook Facebook Facebook Facebook\n"
    "© 2024 Eastmere Gazette Ltd. All rights reserved.\n"
)


_WORDS = ("council harbour ferry pier library bridge school market river tram orchard glacier museum "
          "budget storm winter summer engineers farmers teachers nurses pupils visitors drivers "
          "voted agreed warned opened closed rebuilt planned delayed praised questioned measured "
          "new old small large local regional quiet busy early late cheaper longer wider safer "
          "on in at for with after before during since under over near across through").split()


def distinct_article(n: int, town: str | None = None) -> str:
    """A made-up news story of its own (not a near copy of any other n), framed by the
    same page furniture as ARTICLE: for tests that need many different documents."""
    import random

    rng = random.Random(n)
    town = town or f"Town{n}"
    sentences = [" ".join(rng.choice(_WORDS) for _ in range(18)).capitalize() + "." for _ in range(6)]
    body = "\n".join(f"The people of {town} said {sentence[0].lower()}{sentence[1:]}" for sentence in sentences)
    return (f"{town} Weighs a Plan for Its Future\n\nBy Lena Okafor\n{body}\n"
            "Facebook Facebook Facebook Facebook\n© 2024 Eastmere Gazette Ltd. All rights reserved.\n")


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_api_server(tmp_path_factory):
    """A real `prefect server start` on 127.0.0.1 (UI included), shared by the UI and
    deployment tests: (api_url, env for subprocesses talking to it)."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path_factory.mktemp("prefect-home")),
           "PREFECT_UI_API_URL": api, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(api + "/health", timeout=2).read() == b"true":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("prefect server did not become healthy in 120 s")
        yield api, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def write_small_corpus(base: Path) -> Path:
    """A tiny mixed-format corpus written here (not copied from anywhere): 7 records,
    2 clean, 3 quarantined (short, no text field, malformed JSON...), 2 skipped files."""
    import json

    root = base / "in"
    root.mkdir()
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    records = [
        {"id": "a", "text": SECOND_ARTICLE},
        {"id": "b", "text": "Too short."},
        {"id": "c"},
    ]
    (root / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n{not json\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    return root


def run_corpus_clean(tmp_path: Path, source: Path):
    """The real ``corpus-clean run`` of `source` into ``tmp_path/out`` (its own Prefect
    home, data docs off), as the bad-input tests run it: the finished process."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home"), "PYTHONPATH": str(root)}
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(source),
                           "--output", str(tmp_path / "out"), "--no-data-docs"],
                          env=env, capture_output=True, timeout=600, cwd=root)

"""Fault injection: SIGKILL a real `corpus-clean run` mid-write, rerun, and compare with
an uninterrupted run. Atomic writes + deterministic output make them byte-identical."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ARTICLE

pytestmark = pytest.mark.usefixtures("prefect_server")


def make_corpus(root: Path, files: int = 12) -> Path:
    root.mkdir()
    for i in range(files):
        body = ARTICLE.replace("Eastmere", f"Eastmere {i}") * 4
        (root / f"doc-{i:03d}.txt").write_text(body, encoding="utf-8")
    return root


def start_run(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the harness server
    return subprocess.Popen(
        [sys.executable, "-m", "corpus_clean.cli", "run", "--input", str(corpus), "--output", str(out),
         "--shard-mb", "0.001", "--no-data-docs", *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def parquet_bytes(out: Path) -> dict[str, bytes]:
    """The current version's Parquet, as readers see it through DIR/<kind>/*.parquet."""
    return {f"{kind}/{p.name}": p.read_bytes() for kind in ("clean", "quarantine", "duplicates", "filtered")
            for p in sorted((out / kind).glob("*.parquet"))}


@pytest.mark.timeout(900)
def test_sigkill_mid_run_then_rerun_matches_uninterrupted(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    reference = tmp_path / "reference"
    assert start_run(corpus, reference).wait(timeout=600) == 0

    out = tmp_path / "out"
    victim = start_run(corpus, out)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and victim.poll() is None:
        if any(out.glob("versions/.staging-*/clean/*")):  # the first part (or its temp file) is being written
            break
        time.sleep(0.005)
    assert victim.poll() is None, "run finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert not (out / "manifest.json").exists()  # killed mid-run: no version was committed
    assert not (out / "clean").exists() or not any((out / "clean").glob("*.parquet"))

    # Debris a crash could leave: a half-written temp file in the abandoned staging folder.
    [staging] = out.glob("versions/.staging-*")
    (staging / "clean" / ".tmp-part-00003.parquet.abc").write_bytes(b"PAR1 half written")

    # The rerun cleans in two worker processes: same bytes as the in-process reference.
    assert start_run(corpus, out, "--workers", "2").wait(timeout=600) == 0
    assert parquet_bytes(out) == parquet_bytes(reference)
    assert len(parquet_bytes(out)) >= 2
    assert not staging.exists()  # the abandoned staging folder was cleared

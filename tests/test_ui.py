"""The run report as a person sees it: a real `prefect server start`, a real
`corpus-clean run` against it, and headless Chromium reading the artifact page."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import write_small_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# .ci/run installs Chromium; on a developer machine without it the test says so and skips.
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="Chromium not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def prefect_ui(tmp_path_factory):
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


def test_run_report_is_visible_in_the_prefect_ui(prefect_ui, tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium is required in CI"
    api, env = prefect_ui
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "corpus_clean.cli", "run", "--input", str(write_small_corpus(tmp_path)),
                    "--output", str(out), "--no-data-docs"], env={**env, "PREFECT_API_URL": api},
                   check=True, timeout=300, capture_output=True)
    manifest = json.loads((out / "manifest.json").read_text())

    query = json.dumps({"artifacts": {"key": {"any_": ["corpus-clean-report"]}}}).encode()
    request = urllib.request.Request(api + "/artifacts/filter", data=query, headers={"content-type": "application/json"})
    [artifact] = json.loads(urllib.request.urlopen(request, timeout=10).read())

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(api.removesuffix("/api") + f"/artifacts/artifact/{artifact['id']}")
            page.get_by_text("Boilerplate removed, by rule").wait_for(timeout=60_000)
            body = page.inner_text("body")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert f"corpus-clean run {manifest['run_id']}" in body
    assert "accounting" in body
    assert "Validation (Great Expectations)" in body
    for rule in manifest["removed_by_rule"]:  # every rule that cut something is listed
        assert rule in body
    assert Path(tmp_path / "report.png").stat().st_size > 10_000

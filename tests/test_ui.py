"""The run report as a person sees it: a real `prefect server start`, a real
`corpus-clean run` against it, and headless Chromium reading the artifact page."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import ARTICLE, write_small_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# .ci/run installs Chromium; on a developer machine without it the test says so and skips.
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture()
def prefect_ui(prefect_api_server):
    return prefect_api_server


def test_run_report_is_visible_in_the_prefect_ui(prefect_ui, tmp_path):
    """Two runs over a growing input; the second's report shows its charts (SVG images
    that the browser actually decoded), the trend over both runs and the validation table."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium is required in CI"
    api, env = prefect_ui
    out = tmp_path / "out"
    corpus = write_small_corpus(tmp_path)
    command = [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(out),
               "--no-data-docs"]
    subprocess.run(command, env={**env, "PREFECT_API_URL": api}, check=True, timeout=300, capture_output=True)
    (corpus / "second.txt").write_text(ARTICLE.replace("Eastmere", "Northmere"), encoding="utf-8")
    subprocess.run(command, env={**env, "PREFECT_API_URL": api}, check=True, timeout=300, capture_output=True)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["totals"]["files_processed"] == 1 and manifest["version"] == 2

    def artifact(key: str) -> dict:
        query = json.dumps({"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1}).encode()
        request = urllib.request.Request(api + "/artifacts/filter", data=query,
                                         headers={"content-type": "application/json"})
        [found] = json.loads(urllib.request.urlopen(request, timeout=10).read())
        return found

    report, validation = artifact("corpus-clean-report"), artifact("corpus-clean-report-validation")
    shots = tmp_path / "artifacts"
    shots.mkdir()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(api.removesuffix("/api") + f"/artifacts/artifact/{report['id']}")
            page.get_by_text("Boilerplate removed, by rule").first.wait_for(timeout=60_000)
            page.wait_for_function("() => [...document.images].filter(i => i.src.startsWith('data:image/svg')"
                                   " && i.complete && i.naturalWidth > 0).length >= 5", timeout=30_000)
            charts = page.eval_on_selector_all("img[src^='data:image/svg']", "els => els.map(e => e.alt)")
            body = page.inner_text("body")
            page.screenshot(path=str(shots / "report.png"), full_page=True)
            page.goto(api.removesuffix("/api") + f"/artifacts/artifact/{validation['id']}")
            page.get_by_text("text_min_length").first.wait_for(timeout=60_000)
            validation_body = page.inner_text("body")
            page.screenshot(path=str(shots / "validation.png"), full_page=True)
        finally:
            browser.close()
    assert f"corpus-clean run {manifest['run_id']}" in body
    assert "accounting" in body and "Validation (Great Expectations)" in body and "file://" not in body
    for rule in manifest["removed_by_rule"]:  # every rule that cut something is listed
        assert rule in body
    for title in ("Boilerplate removed, by rule (spans)", "Repairs, by kind", "Quarantine reasons (rows per check)",
                  "Language mix (clean rows)"):
        assert title in charts
    [trends] = [alt for alt in charts if alt.startswith("Trends")]
    for title in ("Documents read", "Characters in", "Characters out", "Quarantine rate", "Throughput (docs/s)",
                  "Duration (s)"):
        assert title in trends
    assert "Trends over the last 2 runs" in body
    assert "text_not_null" in validation_body
    assert (shots / "report.png").stat().st_size > 10_000

"""`corpus-clean filter`: a Unix filter over JSONL, run as a real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ARTICLE, CONTENT_LINES


def run_filter(lines: list[str], *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "corpus_clean.cli", "filter", *args],
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
    assert [o.get("id") for o in out] == ["first", None, 7, "no-text", "page"]
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
    result = subprocess.run([sys.executable, "-m", "corpus_clean.cli", "filter", "--steps", "nope"],
                            input=b"", capture_output=True, timeout=60)
    assert result.returncode == 2 and b"unknown step" in result.stderr

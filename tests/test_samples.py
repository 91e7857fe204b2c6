"""The bundled samples (data/raw/) against their expectations (data/expected/samples.json).

Every record of every sample file has an entry, keyed by "<file name>" (.txt/.html, one
document each) or "<file name>#<record index>" (.jsonl, 0-based line index):

    content    lines the clean text must contain, each exactly once as a whole line, as
               the clean article reads (after mojibake repair and word joining)
    noise      lines that must be gone: verbatim as in the raw text (for HTML, the
               visible text). Short ones (three words or fewer: "Comments", "Home",
               "Related Topics", "References:") and lines of only (non-breaking) spaces
               are checked as whole lines; longer ones must not occur anywhere.
    unchanged  clean documents: the output text must equal the input exactly
    title      expected title, or null (not checked)
    byline     expected byline, names only, or null (not checked)
    kinds      what noise the record reproduces (documentation only)

Line comparisons ignore trailing whitespace only; "unchanged" is byte-for-byte.
The per-record tests are the spec for the repair and boilerplate steps: they are meant
to fail until those steps handle each kind of noise, and are never marked xfail.
"""
from __future__ import annotations

import copy
import functools
import html
import json
import pathlib
import re

import pytest

from corpus_clean.document import Document
from corpus_clean.pipeline import clean_document
from corpus_clean.readers import read_file

ROOT = pathlib.Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
EXPECTED_PATH = ROOT / "data" / "expected" / "samples.json"
EXPECTED: dict[str, dict] = json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))
KEYS = sorted(EXPECTED)
SHORT_NOISE_WORDS = 3


def split_key(key: str) -> tuple[str, int]:
    name, _, index = key.partition("#")
    return name, int(index or 0)


@functools.lru_cache(maxsize=None)
def read_records(name: str) -> tuple:
    """Everything read_file yields for one sample file (Documents and Skipped), in order."""
    return tuple(read_file(str(RAW / name)))


def raw_document(key: str) -> Document:
    name, index = split_key(key)
    docs = [r for r in read_records(name) if isinstance(r, Document)]
    assert index < len(docs), f"{name} has {len(docs)} documents, expected record {index}"
    return docs[index]


@functools.lru_cache(maxsize=None)
def cleaned(key: str) -> tuple[Document, Document]:
    """(the record as read, the same record cleaned); the read one is left untouched."""
    before = raw_document(key)
    after = clean_document(copy.deepcopy(before))
    return before, after


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n")]


def noise_left(noise: str, text: str) -> bool:
    """Whether a noise line is still in the text (see the module docstring)."""
    lines = text.split("\n")
    if not noise.strip():  # a line of only non-breaking spaces
        return any(not line.strip() and "\xa0" in line for line in lines)
    if len(noise.split()) <= SHORT_NOISE_WORDS:
        return any(line.strip() == noise.strip() for line in lines)
    return noise.strip() in text


def show(text: str, width: int = 90) -> str:
    return repr(text if len(text) <= width else text[:width] + "…")


# --------------------------------------------------------------------------- #
# The spec: one test per record and per kind of expectation
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("key", KEYS)
def test_content_lines_survive(key):
    _, doc = cleaned(key)
    lines = lines_of(doc.text)
    problems = []
    for line in EXPECTED[key]["content"]:
        count = lines.count(line.rstrip())
        if count != 1:
            problems.append(f"{'missing' if count == 0 else f'{count} times'}: {show(line)}")
    assert not problems, f"{key}: content lines not found exactly once in doc.text:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("key", KEYS)
def test_noise_lines_removed(key):
    _, doc = cleaned(key)
    left = [noise for noise in EXPECTED[key]["noise"] if noise_left(noise, doc.text)]
    assert not left, f"{key}: noise still in doc.text:\n  " + "\n  ".join(show(n) for n in left)


@pytest.mark.parametrize("key", [k for k in KEYS if EXPECTED[k]["unchanged"]])
def test_clean_documents_come_out_unchanged(key):
    before, doc = cleaned(key)
    assert doc.text == before.raw_text, f"{key}: a clean document was altered (fixes={doc.fixes}, removed={doc.removed})"


@pytest.mark.parametrize("key", [k for k in KEYS if EXPECTED[k]["title"] is not None])
def test_title(key):
    _, doc = cleaned(key)
    assert doc.title == EXPECTED[key]["title"]


@pytest.mark.parametrize("key", [k for k in KEYS if EXPECTED[k]["byline"] is not None])
def test_byline(key):
    _, doc = cleaned(key)
    assert doc.byline == EXPECTED[key]["byline"]


# --------------------------------------------------------------------------- #
# The samples and their expectations are well-formed (these pass on their own)
# --------------------------------------------------------------------------- #

SAMPLE_FILES = sorted(p.name for p in RAW.iterdir() if p.suffix in (".txt", ".jsonl", ".html"))


def raw_record_json(key: str) -> dict:
    name, index = split_key(key)
    return json.loads((RAW / name).read_text(encoding="utf-8").split("\n")[index])


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_every_sample_record_has_expectations():
    keys = set()
    for name in SAMPLE_FILES:
        records = read_records(name)
        assert all(isinstance(r, Document) for r in records), f"{name}: {records}"
        if name.endswith(".jsonl"):
            keys |= {f"{name}#{i}" for i in range(len(records))}
        else:
            assert len(records) == 1, name
            keys.add(name)
    assert keys == set(EXPECTED)


def test_sample_mix():
    by_suffix = {s: [n for n in SAMPLE_FILES if n.endswith(s)] for s in (".txt", ".jsonl", ".html")}
    assert len(by_suffix[".txt"]) >= 12 and len(by_suffix[".jsonl"]) >= 2 and len(by_suffix[".html"]) >= 3
    assert len(EXPECTED) >= 20
    assert sum(e["unchanged"] for e in EXPECTED.values()) >= 3
    assert any("html" in raw_record_json(k) for k in EXPECTED if "#" in k), "a JSONL record with 'html'"


@pytest.mark.parametrize("key", KEYS)
def test_expectation_is_well_formed(key):
    entry = EXPECTED[key]
    assert set(entry) >= {"content", "noise", "unchanged", "title", "byline"}
    assert entry["content"], "every record keeps some content"
    assert all(len(line) >= 40 for line in entry["content"]), "content lines are article sentences"
    assert not set(entry["content"]) & set(entry["noise"])
    if entry["unchanged"]:
        assert not entry["noise"]
    name, _ = split_key(key)
    if "#" in key:
        record = raw_record_json(key)
        assert {"id"} <= set(record) <= {"id", "text", "html", "url", "title"}
        raw, is_html = record.get("text", record.get("html")), "html" in record
    else:
        raw, is_html = (RAW / name).read_text(encoding="utf-8"), name.endswith(".html")
    assert 1000 <= len(raw.encode("utf-8")) <= 6 * 1024, f"{key}: {len(raw.encode())} bytes"
    if is_html:
        visible = visible_text(raw)
        assert all(n in visible for n in entry["noise"]), [n for n in entry["noise"] if n not in visible]
    else:
        raw_lines = raw.split("\n")
        # noise is verbatim: a whole raw line, or the start of one (a "CITY — " dateline)
        missing = [n for n in entry["noise"] if not any(l == n or l.startswith(n + " ") for l in raw_lines)]
        assert not missing, missing
    if entry["unchanged"]:
        assert all(line in raw.split("\n") for line in entry["content"])

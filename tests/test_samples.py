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
# The spec can fail: what it checks is really there before cleaning
# --------------------------------------------------------------------------- #

SAMPLE_FILES = sorted(p.name for p in RAW.iterdir() if p.suffix in (".txt", ".jsonl", ".html"))


def test_every_sample_file_reads_into_the_records_the_expectations_name():
    keys = set()
    for name in SAMPLE_FILES:
        records = read_records(name)
        assert all(isinstance(r, Document) for r in records), f"{name}: {records}"
        keys |= {f"{name}#{i}" for i in range(len(records))} if name.endswith(".jsonl") else {name}
    assert keys == set(EXPECTED)


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("key", [k for k in KEYS if EXPECTED[k]["noise"]])
def test_noise_is_in_the_record_before_cleaning_and_gone_after(key):
    """Without this, a noise line misspelt in samples.json would pass the removal test
    whatever the cleaner does."""
    before, after = cleaned(key)
    raw = visible_text(before.html) if before.html is not None else before.raw_text
    missing = [n for n in EXPECTED[key]["noise"] if n.strip() and n.strip() not in raw]
    assert not missing, f"{key}: expected noise not in the input: {missing}"
    if before.html is None:  # (the text path records each cut)
        assert after.removed, f"{key}: noise expected but nothing was removed"

"""The caller's own fields survive cleaning; `lang` is ours, the page's declared language
has its own column and never quarantines a record."""
from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.output import write_parquet
from corpus_clean.pipeline import clean_documents
from corpus_clean.readers import caller_fields, jsonl_record
from corpus_clean.shards import clean_batch
from corpus_clean.validate import validate_table
from tests.conftest import ARTICLE, CONTENT_LINES

scalars = st.one_of(st.text(max_size=10), st.integers(), st.floats(allow_nan=False), st.booleans())


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.one_of(scalars, st.none(), st.lists(st.integers()))))
def test_every_scalar_field_but_the_consumed_ones_goes_to_meta(record):
    source_id, url, meta = caller_fields(record)
    scalar_keys = {k for k, v in record.items() if v is not None and not isinstance(v, list)}
    assert set(meta) == scalar_keys - {"text", "html", "title", "id", "url"}
    for key, value in meta.items():
        assert value == (record[key] if isinstance(record[key], str) else json.dumps(record[key]))
    assert source_id == (None if "id" not in scalar_keys else meta_text(record["id"]))


def meta_text(value):
    return value if isinstance(value, str) else json.dumps(value)


def test_caller_fields_reach_the_parquet_row(tmp_path):
    line = json.dumps({"id": 42, "url": "https://news.example/a", "text": ARTICLE, "site": "example",
                       "crawl_date": "2026-11-30", "score": 0.5, "tags": ["x"]}).encode()
    doc = jsonl_record("feed.jsonl", 0, line)
    batch = clean_batch([doc], ("mojibake", "boilerplate", "metadata"), "run")
    path = write_parquet(batch.rows, tmp_path / "part.parquet")
    [row] = pq.read_table(path).to_pylist()
    assert (row["source_id"], row["url"]) == ("42", "https://news.example/a")
    assert dict(row["meta"]) == {"site": "example", "crawl_date": "2026-11-30", "score": "0.5"}
    assert row["id"] != "42"  # our stable id stays ours


def test_declared_language_is_kept_apart_and_never_quarantines():
    html = ("<html lang='fil'><head><title>Harbour pier</title></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in CONTENT_LINES) + "</article></body></html>")
    doc = jsonl_record("pages.jsonl", 0, json.dumps({"id": "p1", "html": html}).encode())
    batch = clean_batch([doc], ("mojibake", "boilerplate", "metadata"), "run")
    [row] = batch.rows.to_pylist()
    assert (row["lang"], row["declared_lang"]) == ("en", "fil")
    assert validate_table(batch.rows).failures == {}


def test_lang_comes_from_the_text_even_when_the_page_says_otherwise():
    html = "<html lang='de-DE'><body><article>" + "".join(f"<p>{l}</p>" for l in CONTENT_LINES) + "</article></body></html>"
    doc = jsonl_record("p.jsonl", 0, json.dumps({"html": html}).encode())
    clean_documents([doc])
    assert (doc.lang, doc.declared_lang) == ("en", "de")


def test_filter_output_keeps_the_callers_fields():
    line = json.dumps({"id": "a1", "url": "https://x.example/1", "site": "x", "text": ARTICLE})
    result = subprocess.run([sys.executable, "-m", "cli", "filter"], input=line.encode() + b"\n",
                            capture_output=True, timeout=120, check=True)
    [out] = [json.loads(l) for l in result.stdout.decode().splitlines()]
    assert (out["id"], out["url"], out["meta"], out["lang"]) == ("a1", "https://x.example/1", {"site": "x"}, "en")


def test_parquet_input_columns_are_carried_too(tmp_path):
    import pyarrow as pa

    from corpus_clean.readers import InputFile, read_file

    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [11, 12], "url": ["https://p.example/1", None], "text": [ARTICLE, None],
                             "site": ["p", "p"], "tags": [["a"], []]}), path)
    docs = list(read_file(InputFile(str(path), "in.parquet", path.stat().st_size)))
    assert [(d.source_id, d.url, d.meta) for d in docs] == [("11", "https://p.example/1", {"site": "p"}),
                                                           ("12", None, {"site": "p"})]
    assert docs[1].problems  # a null text is still a problem, fields or not


def test_an_html_page_without_a_url_gets_its_canonical_address():
    """The page's rel=canonical (else og:url) fills `url`; the caller's url wins; a
    relative canonical is no address and is ignored."""
    body = "<body><article>" + "".join(f"<p>{line}</p>" for line in CONTENT_LINES) + "</article></body></html>"
    heads = {
        "canonical": '<link rel="canonical" href="https://harbour.example/pier"><meta property="og:url" content="https://o.example/x">',
        "og": '<meta property="og:url" content="https://o.example/x">',
        "relative": '<link rel="canonical" href="/pier">',
    }
    records = [{"html": f"<html><head>{head}</head>{body}"} for head in heads.values()]
    records.append({"html": f"<html><head>{heads['canonical']}</head>{body}", "url": "https://feed.example/1"})
    docs = [jsonl_record("pages.jsonl", i, json.dumps(r).encode()) for i, r in enumerate(records)]
    rows = clean_batch(docs, ("mojibake", "boilerplate", "metadata"), "run").rows.to_pylist()
    assert [row["url"] for row in rows] == ["https://harbour.example/pier", "https://o.example/x", None,
                                           "https://feed.example/1"]

"""Round 23: WARC/WET files and CSV/TSV tables are read, not refused.

The WARC files are written here with warcio's own writer (never a downloaded one); the
fault injection cuts or overwrites them at seeded random offsets and asks that every
record whose bytes were left intact is read as written, the rest quarantined or said.
"""

from __future__ import annotations

import gzip
import io
import random

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus_clean.document import Document
from corpus_clean.readers import InputFile, Skipped, Unreadable, read_file
from tests.conftest import run_corpus_clean

CASES = 25  # per test; 2,000 run once while writing (benchmarks/RESULTS-robustness.md, round 23)
WORDS = "harbour ferry council budget rain vote school bridge market river night morning".split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))).capitalize() + "."


def write_warc(rng: random.Random, pages: int, gz: bool) -> tuple[bytes, list[tuple[str, int, int, bytes]]]:
    """A crawler's WARC (warcinfo, then per page a request, a response and sometimes a WET
    conversion or a 404) and what each record is: (type, start, end, body) in order."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    records = []

    def fixed(number: int) -> dict:  # (warcio would draw a uuid and take the clock: the bytes would vary)
        return {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
                "WARC-Date": f"2024-03-0{1 + number % 9}T12:00:00Z"}

    def put(record, body: bytes) -> None:
        start = out.tell()
        writer.write_record(record)
        records.append((record.rec_type, start, out.tell(), body))

    info = writer.create_warcinfo_record("t.warc", {"software": "test"})
    for name, value in fixed(rng.randrange(10 ** 9)).items():
        info.rec_headers.replace_header(name, value)
    put(info, b"")
    for page in range(pages):
        url = f"http://example.test/{page}"
        put(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                      warc_content_type="application/http; msgtype=request",
                                      warc_headers_dict=fixed(rng.randrange(10 ** 9))), b"")
        status = "404 Not Found" if rng.random() < 0.1 else "200 OK"
        body = f"<html><body><p>{sentence(rng)}</p><p>{sentence(rng)}</p></body></html>".encode()
        http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        put(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                      warc_headers_dict=fixed(rng.randrange(10 ** 9))),
            body if status.startswith("200") else b"")
        if rng.random() < 0.5:
            text = f"{sentence(rng)}\n{sentence(rng)}".encode()
            put(writer.create_warc_record(url, "conversion", payload=io.BytesIO(text),
                                          warc_content_type="text/plain",
                                          warc_headers_dict=fixed(rng.randrange(10 ** 9))), text)
    return out.getvalue(), records


def read_all(path) -> list:
    return list(read_file(InputFile(str(path), path.name, path.stat().st_size)))


def body_of(doc: Document) -> bytes:
    return (doc.html if doc.html is not None else doc.raw_text).encode()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_pages_and_wet_texts_are_read_with_url_and_date(tmp_path, gz):
    data, records = write_warc(random.Random(1), 12, gz)
    for item, (kind, *_) in read_as_written(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), data, records):
        assert (item.html is not None) == (kind == "response") and item.meta["date"][:2] == "20"


def read_as_written(path, data: bytes, records: list) -> list[tuple[Document, tuple]]:
    """`data` written to `path` and read: one item per record (each counted), each page or
    text read as written with its URL, each other record skipped as not a page; the pages
    and texts read, each with its record."""
    path.write_bytes(data)
    items = read_all(path)
    assert len(items) == len(records)
    for item, (kind, _, _, body) in zip(items, records):
        if body:
            assert isinstance(item, Document) and not item.problems, item
            assert body_of(item) == body and item.url.startswith("http://example.test/")
        else:
            assert isinstance(item, Skipped) and ("not a page" in item.reason), (kind, item)
    return [(item, record) for item, record in zip(items, records) if record[3]]


def test_a_wet_file_named_txt_or_gzipped_whole_is_read_by_its_bytes(tmp_path):
    data, records = write_warc(random.Random(2), 6, gz=False)
    texts = [body for _, _, _, body in records if body]
    for name, stored in (("part.txt", data), ("part.jsonl", data), ("whole.warc.gz", gzip.compress(data)),
                         ("whole.html.gz", gzip.compress(data))):
        (tmp_path / name).write_bytes(stored)
        docs = [item for item in read_all(tmp_path / name) if isinstance(item, Document)]
        assert [body_of(doc) for doc in docs] == texts, name


@pytest.mark.parametrize("gz", [False, True])
def test_fault_injection_every_intact_record_is_read_or_quarantined(tmp_path, gz):
    """Cut at, or overwrite bytes at, seeded random offsets: every record whose bytes lie
    outside the damage is read as written; whatever else comes out is a quarantined
    record or a Skipped/Unreadable with its reason; nothing raises."""
    check_damaged_warcs(random.Random(23 + gz), gz, CASES, tmp_path)


def damaged_and_read(rng: random.Random, data: bytes, case: int, path) -> tuple[list, int, int]:
    """`data` cut at a seeded random offset (odd cases) or 1-40 bytes there overwritten,
    written to `path` and read: the items (each quarantined record, skip and unreadable
    part checked to give a reason), and the damaged byte range [lo, hi)."""
    at = rng.randrange(len(data))
    if case % 2:
        damaged, lo, hi = data[:at], at, len(data)
    else:
        width = rng.randint(1, 40)
        damaged, lo, hi = data[:at] + bytes(rng.randrange(256) for _ in range(width)) + data[at + width:], at, at + width
    path.write_bytes(damaged)
    items = read_all(path)
    assert all(reason for item in items if isinstance(item, Document) for _, reason in item.problems)
    assert all(item.reason for item in items if isinstance(item, (Skipped, Unreadable)))
    return items, lo, hi


def check_damaged_warcs(rng: random.Random, gz: bool, cases: int, tmp_path) -> None:
    """`cases` WARCs cut or overwritten at random offsets, checked as the test above says."""
    for case in range(cases):
        data, records = write_warc(rng, 6, gz)
        items, lo, hi = damaged_and_read(rng, data, case, tmp_path / f"case{case}.warc{'.gz' if gz else ''}")
        clean = [body_of(item) for item in items if isinstance(item, Document) and not item.problems]
        quarantined = [item for item in items if isinstance(item, Document) and item.problems]
        intact = [body for kind, start, end, body in records if body and (end <= lo or start >= hi)]
        for body in intact:
            assert body in clean or any(body in body_of(doc) for doc in quarantined), (case, at, body[:60])
        # what is read as clean is a record as written, never bytes the damage changed
        for text in clean:
            assert text in [body for _, _, _, body in records], (case, at, text[:80])


def test_csv_and_tsv_tables_are_read_by_their_text_column(tmp_path):
    (tmp_path / "rows.csv").write_text('id,url,text\n1,http://a.test/1,"A ferry, late."\n'
                                       '2,http://a.test/2,"Two lines\nof text."\n')
    (tmp_path / "rows.tsv.gz").write_bytes(gzip.compress(b"id\tbody\n7\tA ferry.\n"))
    docs = read_all(tmp_path / "rows.csv")
    assert [(doc.source_id, doc.url, doc.raw_text) for doc in docs] == [
        ("1", "http://a.test/1", "A ferry, late."), ("2", "http://a.test/2", "Two lines\nof text.")]
    (tsv,) = read_all(tmp_path / "rows.tsv.gz")
    assert (tsv.source_id, tsv.raw_text, tsv.problems) == ("7", "A ferry.", [])


def test_csv_without_a_text_column_is_refused_saying_its_columns(tmp_path):
    (tmp_path / "prices.csv").write_text("sku,price\n1,2.5\n")
    (item,) = read_all(tmp_path / "prices.csv")
    assert isinstance(item, Skipped) and "no 'text' column" in item.reason and "sku" in item.reason


def test_csv_ragged_rows_and_broken_bytes_cost_their_rows_only(tmp_path):
    """Seeded rows, some with a cell too many, some with an invalid UTF-8 byte: every good
    row read as written, every bad one quarantined with its reason, none lost."""
    rng = random.Random(5)
    lines, expected = [b"id,text"], []
    for row in range(200):
        text = sentence(rng)
        kind = rng.random()
        if kind < 0.1:
            lines.append(f"{row},{text},extra".encode())
            expected.append(("bad", None))
        elif kind < 0.2:
            lines.append(f"{row},".encode() + text.encode()[:5] + b"\xff" + text.encode()[5:])
            expected.append(("bad", None))
        else:
            lines.append(f"{row},{text}".encode())
            expected.append(("good", text))
    (tmp_path / "t.csv").write_bytes(b"\n".join(lines) + b"\n")
    docs = read_all(tmp_path / "t.csv")
    assert len(docs) == 200 and all(isinstance(doc, Document) for doc in docs)
    good = sorted(doc.raw_text for doc in docs if not doc.problems)
    assert good == sorted(text for kind, text in expected if kind == "good")
    assert sum(1 for doc in docs if doc.problems) == sum(1 for kind, _ in expected if kind == "bad")


def test_the_real_run_reads_warc_wet_and_csv_and_its_accounting_balances(tmp_path):
    """The real ``corpus-clean run`` on a tree of a gzip'd WARC (warcio's writer), the same
    WARC cut short, a WET file named .txt and a CSV table: exit 0, manifest balanced; per
    file, read = every record, the non-page records counted as skipped with their type;
    the pages' prose in the clean rows with their URL."""
    import json
    
    import pyarrow.parquet as pq

    source = tmp_path / "in"
    source.mkdir()
    data, records = write_warc(random.Random(7), 5, gz=True)
    (source / "crawl.warc.gz").write_bytes(data)
    (source / "cut.warc.gz").write_bytes(data[: records[-2][1] + 30])  # (cut inside the last-but-one record)
    wet, wet_records = write_warc(random.Random(8), 4, gz=False)
    (source / "pages.txt").write_bytes(wet)
    (source / "rows.csv").write_text('id,url,text\n1,http://a.test/1,"The harbour office posted the winter '
                                     'timetable for the night ferry on Monday, with two extra crossings."\n')
    done = run_corpus_clean(tmp_path, source)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["accounting_ok"]
    files = manifest["files"]
    assert files["crawl.warc.gz"]["read"] == len(records)
    assert files["crawl.warc.gz"]["skipped"] == sum(1 for _, _, _, body in records if not body)
    assert files["pages.txt"]["read"] == len(wet_records)
    # cut: the records before the cut read as written, the cut one quarantined, nothing after it
    assert files["cut.warc.gz"]["read"] == len(records) - 1 and files["cut.warc.gz"]["quarantined"] >= 1
    assert files["rows.csv"]["read"] == 1
    rows = [row for table in ("clean", "quarantine") for row in pq.read_table(tmp_path / "out" / table).to_pylist()]
    urls = {row["url"] for row in rows if row["source"] == "crawl.warc.gz"}
    assert urls and all(url.startswith("http://example.test/") for url in urls)
    assert any("winter timetable" in row["text"] for row in rows if row["source"] == "rows.csv")


def test_csv_fault_injection_intact_rows_are_read_or_the_loss_is_said(tmp_path):
    """CSV tables (quoted commas, newlines in cells) cut or with one byte overwritten at
    seeded random offsets: every row written wholly before the damage is read as written
    or quarantined with its text, unless the file says where reading stopped (an
    `Unreadable`: pyarrow cannot hand over a ragged row of broken bytes); nothing raises."""
    import csv

    rng = random.Random(11)
    for case in range(60):
        rows = [(k, sentence(rng) + rng.choice(["", ", a comma", "\nline two", ' "quoted" '])) for k in range(30)]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "text"])
        ends = []
        for row in rows:
            writer.writerow(row)
            ends.append(len(out.getvalue().encode()))
        data = out.getvalue().encode()
        at = rng.randrange(len(data))
        damaged = data[:at] if case % 2 else data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        (tmp_path / "t.csv").write_bytes(damaged)
        items = read_all(tmp_path / "t.csv")
        docs = [item for item in items if isinstance(item, Document)]
        said = any(isinstance(item, Unreadable) for item in items)
        for (_, text), end in zip(rows, ends):
            if end <= at and not said:
                assert any(text == doc.raw_text or text in doc.raw_text and doc.problems for doc in docs), (case, at)


def test_a_response_is_a_page_by_its_content_type_or_else_by_its_first_bytes(tmp_path):
    """A response with no Content-Type (or octet-stream) whose body starts as a page is read
    as one, in its declared charset; an image, or a body that is no page, is skipped saying
    its type."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    russian = "<!DOCTYPE html><html><head><meta charset=windows-1251></head><body><p>Паром.</p></body></html>"
    bodies = [(None, russian.encode("cp1251")),
              ("application/octet-stream", b"<html><body><p>Ferry.</p></body></html>"),
              ("image/png", b"\x89PNG\r\n\x1a\n"), (None, b"%PDF-1.7")]
    for number, (content_type, body) in enumerate(bodies):
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://example.test/{number}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    (tmp_path / "mixed.warc").write_bytes(out.getvalue())
    first, second, image, pdf = read_all(tmp_path / "mixed.warc")
    assert "Паром." in first.html and first.encoding == "cp1251" and not first.problems
    assert "Ferry." in second.html
    assert isinstance(image, Skipped) and "image/png" in image.reason
    assert isinstance(pdf, Skipped) and "no content type" in pdf.reason


@pytest.mark.parametrize("charset, text", [("windows-1253", "Ελλάδα"), ("windows-1251", "Паром"),
                                           ("ISO-8859-2", "Žluťoučký kůň")])
def test_a_response_is_read_in_the_charset_its_http_header_declares(tmp_path, charset, text):
    """A short page with no charset of its own is read in the charset of its record's HTTP
    Content-Type (a guess from a few bytes reads Greek cp1253 as cp1252)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    body = f"<html><body><p>{text}</p></body></html>".encode(charset)
    http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://example.test/0", "response",
                                                  payload=io.BytesIO(body), http_headers=http))
    (tmp_path / "short.warc").write_bytes(out.getvalue())
    (page,) = read_all(tmp_path / "short.warc")
    assert f"<p>{text}</p>" in page.html and not page.problems


def fragment(rng: random.Random) -> tuple[str, list[str]]:
    """An HTML fragment as a CMS exports an article body (no doctype, no <html>), and its prose."""
    prose = [" ".join(sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(2, 6))]
    parts = []
    for text in prose:
        kind = rng.choice(["p", "p", "h2", "li", "div", "blockquote"])
        parts.append(f"<ul><li>{text}</li></ul>" if kind == "li" else
                     f'<{kind} class="body">{text}</{kind}>' if rng.random() < 0.3 else f"<{kind}>{text}</{kind}>")
    return rng.choice(["", "\n", "  "]) + rng.choice(["", "\n"]).join(parts), prose


def mentions_tags(rng: random.Random) -> str:
    """Prose that mentions tags (a how-to, a code review) without being markup."""
    words = sentence(rng).split() + sentence(rng).split() + sentence(rng).split()
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randrange(1, len(words)), rng.choice(["<b>", "</p>", "<div>", "<br>", "<p>", "</li>"]))
    text = " ".join(words)
    return rng.choice(["", "<b>Note:</b> ", "<br> "]) + text


@pytest.mark.parametrize("where", ["jsonl", "csv"])
def test_html_fragments_in_a_text_field_go_through_the_html_path_and_mentions_stay_text(tmp_path, where):
    """Generated both ways (seeded): a "text" that is a fragment of markup is read as HTML;
    one that mentions a tag or two, even starting with an inline tag, is read as the text it is."""
    import json

    rng = random.Random(31)
    cases = [(fragment(rng)[0], True) for _ in range(60)] + [(mentions_tags(rng), False) for _ in range(60)]
    if where == "jsonl":
        (tmp_path / "t.jsonl").write_text("".join(json.dumps({"text": text}) + "\n" for text, _ in cases))
    else:
        import csv

        with open(tmp_path / "t.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text"])
            writer.writerows([text] for text, _ in cases)
    docs = read_all(tmp_path / f"t.{where}")
    assert len(docs) == len(cases)
    for doc, (text, markup) in zip(docs, cases):
        if markup:
            assert doc.html == text and doc.raw_text == "", text[:80]
        else:
            assert doc.html is None and doc.raw_text == text, text[:80]


def test_a_fragment_read_as_html_keeps_its_prose_once_cleaned():
    from corpus_clean.pipeline import clean_documents
    from corpus_clean.readers import jsonl_record

    rng = random.Random(32)
    made = [fragment(rng) for _ in range(20)]
    docs = [jsonl_record("f.jsonl", k, json_line(text)) for k, (text, _) in enumerate(made)]
    clean_documents(docs)
    for doc, (_, prose) in zip(docs, made):
        assert "<" not in doc.text and all(text in " ".join(doc.text.split()) for text in prose), doc.text[:200]


def json_line(text: str) -> bytes:
    import json

    return json.dumps({"text": text}).encode()


def test_a_record_too_big_to_hold_is_skipped_unread_and_the_next_one_read(tmp_path, monkeypatch):
    """A record over the read limit (64 MB since round 24; lowered here) is skipped saying its
    size and where it starts, never read into memory; the records after it are read."""
    import corpus_clean.warc as warc

    data, records = write_warc(random.Random(3), 3, gz=False)
    (tmp_path / "big.warc").write_bytes(data)
    biggest = max(len(body) for _, _, _, body in records)
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", biggest + 200)  # (the HTTP headers count too)
    items = read_all(tmp_path / "big.warc")
    assert [body_of(item) for item in items if isinstance(item, Document)] == [body for *_, body in records if body]
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 10)
    items = read_all(tmp_path / "big.warc")
    assert len(items) == len(records) and all(isinstance(item, Skipped) for item in items)
    assert sum("a record is read whole: not read" in item.reason and "starting at byte" in item.reason
               for item in items) == \
        sum(1 for *_, body in records if body)

"""Round 24: ARC web archives read (WARC's predecessor), WAT files said, and a WARC record
too long to hold skipped unread saying where it is.

The ARC files are written here by hand (warcio reads ARC but has no ARC writer; the format
is one header line, the record, a newline), the WARC ones with warcio's writer; never a
downloaded file. The fault injection cuts or overwrites them at seeded random offsets.
"""

from __future__ import annotations

import gzip
import io
import random

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corpus_clean.document import Document
from corpus_clean.readers import Skipped, Unreadable
from tests.test_warc_csv_round23 import body_of, damaged_and_read, read_all, read_as_written, sentence

CASES = 40  # per test; 2,000 run once while writing (benchmarks/RESULTS-robustness.md, round 24)


def write_arc(rng: random.Random, pages: int, gz: bool) -> tuple[bytes, list[tuple[str, int, int, bytes]]]:
    """An ARC (version 1) as a crawler wrote one: its filedesc record, then per page an HTTP
    response (a 404 or an image now and then) and sometimes a DNS record; and what each
    record is: (kind, start, end, body: b"" for one that is no page) in order."""
    out = io.BytesIO()
    records = []

    def put(kind: str, url: str, mime: str, payload: bytes, body: bytes) -> None:
        date = f"2001{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}120000"
        stored = f"{url} 10.0.0.{rng.randrange(256)} {date} {mime} {len(payload)}\n".encode() + payload + b"\n"
        start = out.tell()
        out.write(gzip.compress(stored, mtime=0) if gz else stored)
        records.append((kind, start, out.tell(), body))

    put("filedesc", "filedesc://t.arc", "text/plain",
        b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n", b"")
    for page in range(pages):
        url = f"http://example.test/{page}"
        if rng.random() < 0.2:
            put("dns", f"dns:example{page}.test", "text/dns", f"20010101120000\nexample{page}.test. 300 IN A "
                                                              "10.0.0.1\n".encode(), b"")
        status = rng.choice(["200 OK"] * 8 + ["404 Not Found", "image"])
        if status == "image":
            put("image", url + ".png", "image/png", b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"
                + bytes(rng.randrange(256) for _ in range(40)), b"")
            continue
        body = f"<html><body><p>{sentence(rng)}</p><p>{sentence(rng)}</p></body></html>".encode()
        http = f"HTTP/1.0 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".encode()
        put("response", url, "text/html", http + body, body if status.startswith("200") else b"")
    return out.getvalue(), records


@pytest.mark.parametrize("gz", [False, True])
def test_arc_pages_are_read_with_url_and_date_and_every_other_record_said(tmp_path, gz):
    data, records = write_arc(random.Random(1), 12, gz)
    for item, _ in read_as_written(tmp_path / ("crawl.arc.gz" if gz else "crawl.arc"), data, records):
        assert item.html is not None and item.meta["date"].startswith("2001-")
        assert item.source_id is None  # (warcio draws a new uuid per read: a rerun would differ)


def test_an_arc_of_version_2_and_a_wat_file_are_refused_saying_why(tmp_path):
    line = b"filedesc://t.arc 0.0.0.0 20010101000000 text/plain 200 - - 0 t.arc 14\n2 0 Alexa\nx\n\n"
    (tmp_path / "old.arc").write_bytes(line)
    (item,) = read_all(tmp_path / "old.arc")
    assert isinstance(item, Skipped) and "version 2" in item.reason
    (tmp_path / "CC-MAIN-1.warc.wat.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: metadata\r\n\r\n"))
    (item,) = read_all(tmp_path / "CC-MAIN-1.warc.wat.gz")
    assert isinstance(item, Skipped) and "WAT" in item.reason and "no page text" in item.reason
    assert "WET file" in item.reason  # (where the same pages' text is)


@pytest.mark.parametrize("gz", [False, True])
def test_arc_fault_injection_every_intact_record_is_read_or_quarantined(tmp_path, gz):
    """Cut at, or overwrite bytes at, seeded random offsets of an ARC: every page record
    whose bytes lie outside the damage is read as written or kept in a quarantined
    record's raw bytes; the rest is quarantined or said; nothing raises. (An ARC record
    carries no digest: damage inside a page's body is read as its text, so only records
    the damage touched may come out changed.)"""
    check_damaged_arcs(random.Random(24 + gz), gz, CASES, tmp_path)


def check_damaged_arcs(rng: random.Random, gz: bool, cases: int, tmp_path) -> dict:
    """`cases` ARCs cut or overwritten at random offsets, checked as the test above says;
    the counts of intact page records by how they came out."""
    counts = {"intact": 0, "clean": 0, "in quarantine": 0, "unreadable said": 0}
    for case in range(cases):
        data, records = write_arc(rng, 6, gz)
        items, lo, hi = damaged_and_read(rng, data, case, tmp_path / f"case{case}.arc{'.gz' if gz else ''}")
        clean = [body_of(item) for item in items if isinstance(item, Document) and not item.problems]
        quarantined = [item for item in items if isinstance(item, Document) and item.problems]
        unreadable = [item for item in items if isinstance(item, Unreadable)]
        intact = [(start, body) for kind, start, end, body in records if body and (end <= lo or start >= hi)]
        for start, body in intact:
            counts["intact"] += 1
            if body in clean:
                counts["clean"] += 1
            elif any(body in body_of(doc) for doc in quarantined):
                counts["in quarantine"] += 1
            else:  # (gzip'd: a member cut short can leave nothing that decompresses after it, said)
                assert gz and unreadable and start >= lo, (case, at, body[:60])
                counts["unreadable said"] += 1
        touched = [body for kind, start, end, body in records if body and not (end <= lo or start >= hi)]
        for text in clean:  # (clean and changed: only a record the damage touched)
            assert text in [body for _, _, _, body in records] or any(_near(text, body) for body in touched), \
                (case, at, text[:80])
    return counts


def _near(text: bytes, body: bytes) -> bool:
    """Whether `text` is `body` with a stretch of at most 40 bytes changed."""
    head = next((k for k, (a, b) in enumerate(zip(text, body)) if a != b), min(len(text), len(body)))
    tail = next((k for k, (a, b) in enumerate(zip(text[::-1], body[::-1])) if a != b), min(len(text), len(body)))
    return len(body) - head - tail <= 40 + abs(len(text) - len(body))


def big_response_warc(body_bytes: int, content_encoding: str | None = None) -> tuple[bytes, bytes]:
    """A WARC of one page, one response of `body_bytes` of HTML (gzip'd by the server when
    `content_encoding`), then one more page; and that last page's body."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    big = b"<html><body>" + b"<p>" + b"ferry " * (body_bytes // 6) + b"</p></body></html>"
    small = b"<html><body><p>The harbour office posted the winter timetable.</p></body></html>"
    for url, body in (("http://a.test/1", small), ("http://a.test/big", big), ("http://a.test/2", small)):
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if content_encoding and body is big:
            body = gzip.compress(body, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"}))
    return out.getvalue(), small


@pytest.mark.parametrize("content_encoding", [None, "gzip"])
def test_a_record_over_the_read_limit_is_skipped_saying_where_and_the_next_read(tmp_path, monkeypatch,
                                                                                 content_encoding):
    """A response longer than the read limit (64 MB; lowered here), or whose gzip'd body
    decompresses past it, is skipped saying its size and where it starts; the pages on
    either side are read."""
    import corpus_clean.warc as warc

    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 100_000)
    data, small = big_response_warc(400_000, content_encoding)
    assert content_encoding is None or len(data) < 100_000  # (stored small, big once decompressed)
    (tmp_path / "big.warc").write_bytes(data)
    first, big, last = read_all(tmp_path / "big.warc")
    assert body_of(first) == small and body_of(last) == small and not first.problems and not last.problems
    assert isinstance(big, Skipped) and "starting at byte" in big.reason and "not read" in big.reason
    assert ("once decompressed" in big.reason) == bool(content_encoding)


@pytest.mark.parametrize("seed", range(6))
def test_csv_rows_both_ragged_and_of_broken_bytes_cost_their_rows_only(tmp_path, monkeypatch, seed):
    """Seeded tables (small blocks, so the bad rows fall in any block; quoted cells with
    commas and newlines) whose rows are good, ragged, of broken bytes, or both -- the kind
    pyarrow cannot hand to its invalid-row handler, which ended the table's reading in
    round 23: every good row read once as written, every other row quarantined, none lost."""
    import corpus_clean.csv_tables as csv_tables

    monkeypatch.setattr(csv_tables, "BLOCK_BYTES", 2048)
    rng = random.Random(seed)
    lines, good, bad = [b"id,text,lang"], [], 0
    for row in range(300):
        text = sentence(rng)
        quoted = f'"{text[:8]}, {text[8:]}\n{sentence(rng)}"' if rng.random() < 0.2 else text
        plain = text if quoted == text else f"{text[:8]}, {text[8:]}\n" + quoted.split("\n", 1)[1][:-1]
        kind = rng.random()
        if kind < 0.04:  # ragged and broken bytes
            lines.append(f"{row},".encode() + text.encode()[:5] + b"\xff\xfe" + text.encode()[5:] + b",en,extra")
            bad += 1
        elif kind < 0.08:
            lines.append(f"{row},{quoted},en,extra".encode())
            bad += 1
        elif kind < 0.12:
            lines.append(f"{row},".encode() + text.encode()[:5] + b"\xff" + text.encode()[5:] + b",en")
            bad += 1
        else:
            lines.append(f"{row},{quoted},en".encode())
            good.append(plain)
    (tmp_path / "t.csv").write_bytes(b"\n".join(lines) + b"\n")
    items = read_all(tmp_path / "t.csv")
    assert all(isinstance(item, Document) for item in items), [item for item in items if not isinstance(item, Document)]
    assert len(items) == 300 and sorted(item.record_index for item in items) == list(range(300))
    assert sorted(item.raw_text for item in items if not item.problems) == sorted(good)
    assert sum(1 for item in items if item.problems) == bad
    assert all(reason for item in items for _, reason in item.problems)


# Written for this test (no corpus text): a town's news, in scripts written without spaces.
SPACELESS_PROSE = [
    "市议会周二开会讨论新的渡轮时刻表。居民们说，晚班公交车经常在第二站就已经满了。冬季市场的价格上涨了大约百分之四。",
    "市議会は火曜日に新しいフェリーの時刻表について話し合った。住民によると、夜のバスは二つ目の停留所でいつも満員になるという。",
    "สภาเมืองประชุมเมื่อวันอังคารเพื่อหารือเกี่ยวกับตารางเวลาเรือข้ามฟากใหม่ ชาวบ้านกล่าวว่ารถประจำทางรอบดึกมักเต็มตั้งแต่ป้ายที่สอง",
]
SPACELESS_NOTICES = ["您需要启用 JavaScript 才能运行此应用程序。", "このアプリを実行するには JavaScript を有効にしてください。",
                     "คุณต้องเปิดใช้งาน JavaScript เพื่อเรียกใช้แอปนี้",
                     "请启用JavaScript以继续使用本网站的全部功能，否则部分页面可能无法正常显示。"]


def test_noscript_prose_in_scripts_without_spaces_is_read_and_their_notices_are_not():
    """A <noscript> crawler view of three sentences in Chinese, Japanese or Thai was one or
    two \\w+ runs, under the 20 words of prose, so the page was quarantined as a script
    shell; now its letters count at a word's length. Notices to turn scripts on, in the
    same scripts and up to 42 characters, still are not prose; the real cleaning keeps the
    prose as the page's text."""
    from corpus_clean.page_shape import noscript_prose
    from corpus_clean.pipeline import clean_documents
    from tests.test_bad_input_round23 import noscript_page

    for prose in SPACELESS_PROSE:
        assert noscript_prose(noscript_page(prose)) == prose
    for notice in SPACELESS_NOTICES:
        assert noscript_prose(noscript_page(notice)) == "", notice
    from corpus_clean.readers import new_document

    docs = [new_document("p.jsonl", k, noscript_page(prose).encode(), "", html=noscript_page(prose))
            for k, prose in enumerate(SPACELESS_PROSE)]
    clean_documents(docs)
    for doc, prose in zip(docs, SPACELESS_PROSE):
        assert "".join(doc.text.split()) == "".join(prose.split()), doc.text[:100]


def test_the_real_run_reads_an_arc_and_a_csv_past_a_ragged_row_of_broken_bytes(tmp_path):
    """The real ``corpus-clean run`` on a gzip'd ARC and a CSV table whose second row is
    ragged and holds broken bytes: exit 0, manifest balanced; the ARC's every record
    counted (pages read, the rest skipped with their type), the table's rows after the
    bad one read (round 23: the table ended there), the bad one quarantined."""
    import json

    import pyarrow.parquet as pq

    from tests.conftest import run_corpus_clean

    source = tmp_path / "in"
    source.mkdir()
    data, records = write_arc(random.Random(9), 5, gz=True)
    (source / "crawl.arc.gz").write_bytes(data)
    (source / "rows.csv").write_bytes(b"id,text\n1,The harbour office posted the winter timetable for the night "
                                      b"ferry on Monday.\n2,Broken \xff\xfe bytes,and a cell too many\n3,Volunteers "
                                      b"planted two hundred trees along the river path this spring.\n")
    done = run_corpus_clean(tmp_path, source)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["accounting_ok"]
    files = manifest["files"]
    assert files["crawl.arc.gz"]["read"] == len(records)
    assert files["crawl.arc.gz"]["skipped"] == sum(1 for *_, body in records if not body)
    assert files["rows.csv"]["read"] == 3 and files["rows.csv"]["quarantined"] >= 1
    rows = [row for table in ("clean", "quarantine") for row in pq.read_table(tmp_path / "out" / table).to_pylist()]
    assert any("two hundred trees" in row["text"] for row in rows if row["source"] == "rows.csv")
    urls = {row["url"] for row in rows if row["source"] == "crawl.arc.gz"}
    assert urls and all(url.startswith("http://example.test/") for url in urls)

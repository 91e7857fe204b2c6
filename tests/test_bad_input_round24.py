"""Round 24: inputs a news corpus's users have that no earlier generator wrote
(``benchmarks/bad_feeds_gen.py``): feeds, sitemaps, archives of files, text nested in
records or encoded twice, pages saved by a browser (MHTML), XML documents.

The generator's check is tested on a few seeds (and shown to catch a wrong read); each fix
is tested on inputs written here. On round 23's code the generator found 416 failures in
266 of 300 seeds: feeds refused (.rss, .xml) or read as markup (.html, .txt), a tar of
JSON Lines read as lines, MHTML read as its MIME text, JSON in a "text" field kept as
words, and reasons that said "XML" of a sitemap or "name it .txt" of a TEI file.
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import quopri
import random
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from corpus_clean.pipeline import clean_documents
from corpus_clean.readers import Document, Skipped, read_file, why_no_text
from tests.conftest import run_corpus_clean

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bad_feeds_gen  # noqa: E402

WORDS = "harbour council ferry pier storm engineers quay café über straße гавань паром 港口 渡轮".split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(8, 20))).capitalize() + "."


def read_all(path: Path) -> list:
    return list(read_file(str(path)))


# ----------------------------------------------------------------------------- the generator
def test_the_generator_check_passes_on_each_kind_and_catches_a_wrong_read(tmp_path):
    """Two seeds of each kind read as the generator expects; the same check, told to
    expect other text of a feed's items, reports them read wrong (it can fail)."""
    for seed in range(12):
        case = bad_feeds_gen.make_case(seed)
        assert bad_feeds_gen.check_case(case, tmp_path / str(seed)) == [], (seed, case.kind)
    case = bad_feeds_gen.make_case(0, "feed")
    while not case.records:  # (a feed under no suffix is refused: one with records)
        case = bad_feeds_gen.make_case(random.randrange(10**6), "feed")
    for expect in case.records:
        expect.text = "Words no feed item holds."
    failures = bad_feeds_gen.check_case(case, tmp_path / "wrong")
    assert failures and all("silent wrong" in what for what in failures)


# ----------------------------------------------------------------------------- feeds
def rss(items: list[tuple[str, str]], how: str) -> bytes:
    """An RSS 2.0 feed of (title, article) items, each article as `how` puts it."""
    body = {"cdata": lambda text: f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>",
            "escaped": lambda text: f"<description>&lt;p&gt;{text}&lt;/p&gt;</description>",
            "plain": lambda text: f"<description>{text}</description>"}[how]
    entries = "".join(f"<item><title>{title}</title><link>https://news.test/{k}</link>{body(text)}</item>"
                      for k, (title, text) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>News</title>'
            f'{entries}</channel></rss>').encode()


@pytest.mark.parametrize("how", ["cdata", "escaped", "plain"])
@pytest.mark.parametrize("name", ["news.rss", "feed.xml", "feed.xml.gz", "saved.html", "feed.txt"])
def test_a_feed_is_read_item_by_item_under_any_name_we_read(tmp_path, how, name):
    """Each item a record, in order, with its title and link; its article in the cleaned
    text (as HTML when it has markup). Fails on round 23: .rss/.xml refused, .html/.txt
    read as one record of markup (CDATA dropped as a comment)."""
    rng = random.Random(hash((how, name)) % 1000)
    items = [(f"Story {k}", " ".join(sentence(rng) for _ in range(3))) for k in range(rng.randint(1, 4))]
    data = rss(items, how)
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs = read_all(tmp_path / name)
    assert [type(doc) for doc in docs] == [Document] * len(items)
    assert [doc.title for doc in docs] == [title for title, _ in items]
    assert [doc.url for doc in docs] == [f"https://news.test/{k}" for k in range(len(items))]
    assert all(not doc.problems for doc in docs)
    assert all((doc.html is None) == (how == "plain") for doc in docs)
    clean_documents(docs)
    for doc, (_, text) in zip(docs, items):
        assert text in " ".join(doc.text.split())


def test_an_atom_feed_with_an_undeclared_entity_and_no_closing_tags_is_read(tmp_path):
    """Not well-formed XML (an HTML &nbsp;, cut after its last entry): every entry read."""
    entries = "".join(f'<entry><title>E{k}</title><link href="https://news.test/{k}"/>'
                      f'<content type="html">&lt;p&gt;Ferry&nbsp;news number {k} for the harbour '
                      f'council.&lt;/p&gt;</content></entry>' for k in range(3))
    (tmp_path / "news.atom").write_text(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>{entries}')
    docs = read_all(tmp_path / "news.atom")
    assert [doc.url for doc in docs] == [f"https://news.test/{k}" for k in range(3)]
    assert all("number" in doc.html and not doc.problems for doc in docs)


@pytest.mark.parametrize("encoding, text", [("windows-1251", "Городской совет обсудил расписание паромов."),
                                            ("iso-8859-2", "Rada miejska omówiła rozkład promów."),
                                            ("utf-16", "The harbour council met on Tuesday.")])
def test_a_feed_in_a_legacy_encoding_is_read_in_the_encoding_it_declares(tmp_path, encoding, text):
    doc = (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>N</title><item>'
           f'<title>T</title><link>https://news.test/1</link><description>&lt;p&gt;{text}&lt;/p&gt;</description>'
           '</item></channel></rss>')
    (tmp_path / "news.rss").write_bytes(doc.encode(encoding))
    [item] = read_all(tmp_path / "news.rss")
    assert item.html == f"<p>{text}</p>" and not item.problems


def test_a_feed_item_with_no_content_is_quarantined_saying_so_and_an_empty_feed_is_skipped(tmp_path):
    (tmp_path / "links.rss").write_text('<rss version="2.0"><channel><item><title>Only a title</title>'
                                        '<link>https://news.test/1</link></item></channel></rss>')
    [doc] = read_all(tmp_path / "links.rss")
    assert "no content or summary" in doc.problems[0][1] and doc.url == "https://news.test/1"
    (tmp_path / "empty.rss").write_text('<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>')
    [skipped] = read_all(tmp_path / "empty.rss")
    assert isinstance(skipped, Skipped) and "no items" in skipped.reason


@pytest.mark.parametrize("text", ["<rss> and <channel> are the elements a feed opens with.",
                                  "<urlset> lists a site's pages, the guide says.",
                                  "From: the desk\nSubject: ferry\n\nThe ferry runs late."])
def test_a_text_that_only_mentions_a_feed_or_looks_like_headers_is_read_as_text(tmp_path, text):
    (tmp_path / "note.txt").write_text(text)
    [doc] = read_all(tmp_path / "note.txt")
    assert isinstance(doc, Document) and doc.raw_text == text and not doc.problems


# ----------------------------------------------------------------------------- refusals
def tar_of(members: dict[str, bytes]) -> bytes:
    sink = io.BytesIO()
    with tarfile.open(fileobj=sink, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return sink.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return sink.getvalue()


@pytest.mark.parametrize("name, pack, words", [
    ("export.jsonl", tar_of, ("tar", "unpack")), ("export.jsonl.gz", lambda m: gzip.compress(tar_of(m)), ("tar",)),
    ("pages.txt", zip_of, ("zip", "unpack")), ("page.html", zip_of, ("zip",)), ("pages.tbz2", tar_of, ("archive",)),
    ("export", lambda m: gzip.compress(tar_of(m)), ("tar", "unpack"))])
def test_an_archive_under_any_name_is_refused_saying_what_it_is(tmp_path, name, pack, words):
    """One skip entry saying tar/zip and to unpack it; never its headers and members read
    as lines (round 23 read a tar named .jsonl as JSON Lines, a zip named .txt was
    "binary", a .tbz2 "a bz2 stream")."""
    members = {"2026/a.jsonl": b'{"text": "The ferry runs late."}\n', "b c.txt": "Über den Hafen.".encode()}
    (tmp_path / name).write_bytes(pack(members))
    [skipped] = read_all(tmp_path / name)
    assert isinstance(skipped, Skipped) and all(word in skipped.reason.lower() for word in words), skipped.reason


@pytest.mark.parametrize("name, doc, words", [
    ("sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    '<url><loc>https://news.test/1</loc></url></urlset>', ("sitemap", "no page text")),
    ("sitemap.html", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x</loc></url></urlset>',
     ("sitemap",)),
    ("ferry.tei", '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>The ferry.'
                  '</p></body></text></TEI>', ("tei", "xml")),
    ("articles.xml", '<?xml version="1.0"?><articles><article><body>The ferry.</body></article></articles>',
     ("xml", "<articles>"))])  # (an .eml is read since round 27: test_bad_input_round27.py)
def test_xml_documents_sitemaps_and_mail_are_refused_saying_what_they_are(tmp_path, name, doc, words):
    (tmp_path / name).write_text(doc)
    [skipped] = read_all(tmp_path / name)
    assert isinstance(skipped, Skipped) and all(word in skipped.reason.lower() for word in words), skipped.reason


def test_an_xhtml_page_is_read_as_a_page(tmp_path):
    (tmp_path / "ferry.xhtml").write_text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
                                          '<p>The harbour council met on Tuesday about the ferry.</p></body></html>')
    [doc] = read_all(tmp_path / "ferry.xhtml")
    assert "harbour council" in doc.html and not doc.problems


# ----------------------------------------------------------------------------- saved pages
def mhtml(page: str, encoding: str, newline: str = "\r\n") -> bytes:
    body = page.encode()
    body = quopri.encodestring(body) if encoding == "quoted-printable" else base64.encodebytes(body)
    head = newline.join(["From: <Saved by Blink>", "Snapshot-Content-Location: https://news.test/ferry",
                         "MIME-Version: 1.0", 'Content-Type: multipart/related; type="text/html"; boundary="B"',
                         "", "--B", "Content-Type: text/html", f"Content-Transfer-Encoding: {encoding}", "", ""])
    return head.encode() + body.replace(b"\n", newline.encode()) + f"{newline}--B--{newline}".encode()


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
@pytest.mark.parametrize("name", ["ferry.mhtml", "ferry.mht", "ferry.html"])
def test_a_page_saved_as_mhtml_is_read_as_its_html_part(tmp_path, encoding, name):
    """Its prose whole (non-ASCII decoded, no "=3D" or soft line breaks), its URL kept.
    Round 23: .mhtml refused as "text", a renamed .html read as MIME text."""
    rng = random.Random(len(name) * 7 + len(encoding))
    prose = " ".join(sentence(rng) for _ in range(6))  # (long lines: quoted-printable breaks them)
    page = f'<html><head><meta charset="utf-8"></head><body><p style="x">{prose}</p></body></html>'
    (tmp_path / name).write_bytes(mhtml(page, encoding))
    [doc] = read_all(tmp_path / name)
    assert not doc.problems and doc.url == "https://news.test/ferry"
    assert prose in doc.html and "=3D" not in doc.html


# ----------------------------------------------------------------------------- nested text
@pytest.mark.parametrize("field", ["text", "html"])
def test_a_text_field_holding_a_json_record_is_quarantined_saying_so(tmp_path, field):
    inner = json.dumps({"title": "Ferry", "body": "The harbour council met on Tuesday."})
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": 1, field: inner}) + "\n"
                                      + json.dumps({"id": 2, "text": "{Braces} open this sentence, then words."})
                                      + "\n" + json.dumps({"id": 3, "text": '{"n": 1, "ok": true}'}) + "\n")
    first, braces, numbers = read_all(tmp_path / "r.jsonl")
    assert any("json object" in said.lower() and "encoded twice" in said for _, said in first.problems)
    assert not braces.problems and not numbers.problems  # (no text field inside: a JSON text, kept)


def test_a_missing_text_says_where_the_text_is():
    assert "article.body" in why_no_text({"article": {"headline": "x", "body": "The ferry."}})
    assert "data.attributes.content" in why_no_text({"data": {"attributes": {"content": "The ferry."}}})
    said = why_no_text({"title": "Ferry", "paragraphs": ["One.", "Two."]})
    assert '"paragraphs" is an array of 2 strings' in said and "join" in said


# ----------------------------------------------------------------------------- the real run
def test_the_real_run_reads_a_feed_and_a_saved_page_and_counts_a_refused_archive(tmp_path):
    """``corpus-clean run`` on a feed, an MHTML page and a tar named .jsonl: exit 0, the
    manifest balanced, the feed's items and the page rows with their URLs, the tar one
    skipped file with its reason."""
    import pyarrow.parquet as pq

    source = tmp_path / "in"
    source.mkdir()
    rng = random.Random(5)
    items = [(f"Story {k}", " ".join(sentence(rng) for _ in range(4))) for k in range(3)]
    (source / "news.rss").write_bytes(rss(items, "cdata"))
    prose = " ".join(sentence(rng) for _ in range(5))
    (source / "ferry.mhtml").write_bytes(mhtml(f"<html><body><article><p>{prose}</p></article></body></html>",
                                               "quoted-printable"))
    (source / "export.jsonl").write_bytes(tar_of({"a.jsonl": b'{"text": "x"}\n'}))
    done = run_corpus_clean(tmp_path, source)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["accounting_ok"]
    files = manifest["files"]
    assert files["news.rss"]["read"] == 3 and files["ferry.mhtml"]["read"] == 1
    assert files["export.jsonl"]["records"] == 0 and files["export.jsonl"]["skipped"] == 1
    assert "named as JSON Lines, but its bytes are a tar archive" in files["export.jsonl"]["skipped_reasons"][0]
    rows = [row for table in ("clean", "quarantine") for row in pq.read_table(tmp_path / "out" / table).to_pylist()]
    assert {row["url"] for row in rows if row["source"] == "news.rss"} == {f"https://news.test/{k}" for k in range(3)}
    assert any(row["url"] == "https://news.test/ferry" for row in rows if row["source"] == "ferry.mhtml")

"""What a news corpus's users hand us that no other generator writes (round 24): feeds,
sitemaps, archives of files, text nested in records, saved pages, XML documents.

    python benchmarks/bad_feeds_gen.py [--seeds 300] [--first 0] [--runs 0] [--tree DIR] [--verbose]

The eight earlier generators write the formats we read (damaged, misnamed, in odd shapes),
crawl dumps (WARC, WET) and files beside them (CSV, PDF, Markdown). Each seed here draws one
kind and its damage; what a user would expect of each was written down before the generator
was first run (on round 23's code):

  feed      an RSS 2.0, RSS 1.0 (RDF) or Atom feed whose items hold the articles: escaped
            HTML in <description>, CDATA in <content:encoded>, Atom content of type html or
            xhtml, plain text; entities (``&amp;``, ``&#8217;``, an HTML ``&nbsp;`` XML does
            not declare); the closing tags cut off. Expected: **read**, one record per item,
            its prose the item's text (title and link kept), under .rss, .atom, .xml, .xml.gz
            and under any name we read (.html, .txt, .jsonl: its bytes say it is a feed, as a
            WARC's do); under no suffix, refused saying it is a feed and to name it .rss.
  sitemap   a sitemap or sitemap index (URLs, no text) as .xml, .xml.gz or .html: refused
            saying it is a sitemap.
  archive   a zip, tar, tar.gz/.tgz, tar.bz2/.tbz2, tar.xz/.txz, tar.zst of text, HTML and
            JSONL files (nested folders, odd names, a damaged member, the archive cut), under
            its own suffix, under a text name (.jsonl, .jsonl.gz, .txt, .html) or none.
            Expected: refused saying it is an archive (zip or tar) and to unpack it; never
            its headers and members read as lines of text. From bad27 (round 24): under
            .zip, .tar, .tar.gz, .tar.bz2, .tar.xz **read**, member by member, each under
            "archive/member", a damaged member (wrong CRC) listed by name and the others read;
            from bad28 (round 25) under .tgz, .tbz2, .txz too.
  nested    JSON Lines whose text is not a string field we read: ``{"article": {"body":
            ...}}``, a title and a list of paragraphs, a "text" holding a JSON document (an
            exporter's record encoded twice), an "html" holding one. Expected: quarantined
            with a reason naming where the text is (the path, the list, "json"); never the
            JSON syntax kept as words.
  saved     a page saved by a browser as MHTML (multipart/related, its HTML quoted-printable
            or base64), as .mhtml, .mht, or renamed .html: **read**, the page's prose in the
            cleaned text; an e-mail (.eml): read, its text part (refused saying e-mail until round 27).
  xml       a TEI document (.xml, .tei, .tei.xml), an XML export of articles (.xml): refused
            saying XML (and TEI); an XHTML page named .xhtml: **read** as a page.

Checked through the real readers (``bad_kinds_gen.check_case``: ``read_file`` over
``list_input_files``, and the real cleaning where the text is a page's prose): nothing
raises; every record whose text is there is read exactly (a page or a feed item: its prose
in the cleaned text); everything else is skipped or quarantined with a reason that says what
it is -- never lost or kept as markup without a word. `--runs N` puts N trees (one case of
each kind) through the real `corpus-clean run` twice: exit 0, manifest balanced, the rerun
changes nothing. Prints one line per failure and the counts by kind; exit 1 on any.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import html as html_lib
import io
import json
import lzma
import quopri
import random
import sys
import tarfile
import zipfile
from pathlib import Path

from backports import zstd  # (the project's own zstd: pyproject.toml)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bad_kinds_gen  # noqa: E402 - (first: it puts the tree measured, `--tree` or this one, on the path)
from bad_kinds_gen import Case, Expect, check_case, text_of  # noqa: E402
from bad_dumps_gen import _jsonl  # noqa: E402

KINDS = ["feed", "sitemap", "archive", "nested", "saved", "xml"]


def _paragraphs(rng: random.Random) -> list[str]:
    return [text_of(rng, 2, 3) for _ in range(rng.randint(1, 3))]


# ----------------------------------------------------------------------------- feeds
def _item_body(rng: random.Random, paragraphs: list[str]) -> tuple[str, str]:
    """An item's article as a feed writes it: (how, the XML of its content element)."""
    markup = "".join(f"<p>{html_lib.escape(text, quote=False)}</p>" for text in paragraphs)
    how = rng.choice(["escaped", "cdata", "plain", "entities"])
    if how == "cdata":
        return how, f"<![CDATA[{markup}]]>"
    if how == "plain":
        return how, html_lib.escape(" ".join(paragraphs), quote=False)
    if how == "entities":  # (a typographic apostrophe as a character reference, a bare HTML &nbsp;)
        markup = markup.replace("<p>", "<p>&#8220;", 1).replace("</p>", "&#8221;</p>", 1)
        return how, html_lib.escape(markup, quote=False).replace("&amp;#", "&#").replace(" ", "&nbsp;", 1)
    return how, html_lib.escape(markup, quote=False)


def feed_bytes(rng: random.Random) -> tuple[bytes, list[str], str]:
    """A feed of 1-4 items and each item's prose (its paragraphs joined by spaces)."""
    flavour = rng.choice(["rss2", "rss2", "atom", "rdf"])
    items, proses = [], []
    for k in range(rng.randint(1, 4)):
        paragraphs = _paragraphs(rng)
        how, body = _item_body(rng, paragraphs)
        text = " ".join(paragraphs)
        if how == "entities":
            text = text.replace(paragraphs[0], f"\u201c{paragraphs[0]}\u201d", 1)
        proses.append(text)
        title, link = f"Story {k} &amp; more", f"https://news.example/{rng.randint(1, 9999)}/{k}"
        if flavour == "atom":
            if how == "plain" or rng.random() < 0.3:
                content = f'<content type="{"text" if how == "plain" else "html"}">{body}</content>'
            else:
                content = f'<content type="html">{body}</content>'
            items.append(f"<entry><title>{title}</title><link href=\"{link}\"/><id>{link}</id>"
                         f"<updated>2026-11-0{k + 1}T10:00:00Z</updated>{content}</entry>")
        else:
            tag = "item"
            element = rng.choice(["description", "content:encoded"]) if how != "plain" else "description"
            extra = "<description>Read more</description>" if element == "content:encoded" and rng.random() < 0.4 \
                else ""
            about = f' rdf:about="{link}"' if flavour == "rdf" else ""
            items.append(f"<{tag}{about}><title>{title}</title><link>{link}</link>{extra}"
                         f"<{element}>{body}</{element}><dc:creator>Desk</dc:creator></{tag}>")
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if rng.random() < 0.8 else ""
    if flavour == "atom":
        doc = (f'{head}<feed xmlns="http://www.w3.org/2005/Atom"><title>City news</title>'
               f'<id>https://news.example/</id><updated>2026-11-01T10:00:00Z</updated>{"".join(items)}</feed>')
        close = "</feed>"
    elif flavour == "rdf":
        doc = (f'{head}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               f'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
               f'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
               f'<channel rdf:about="https://news.example/"><title>City news</title>'
               f'<link>https://news.example/</link><description>News</description></channel>'
               f'{"".join(items)}</rdf:RDF>')
        close = "</rdf:RDF>"
    else:
        doc = (f'{head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
               f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>City news</title>'
               f'<link>https://news.example/</link><description>News of the city</description>'
               f'{"".join(items)}</channel></rss>')
        close = "</channel></rss>"
    if rng.random() < 0.2:  # the closing tags cut off (a download stopped after the last item)
        doc = doc[: -len(close)]
    return doc.encode(), proses, flavour


def kind_feed(rng: random.Random) -> Case:
    """A feed: each item read as a record under a feed's name or any name we read; under
    no suffix, refused saying it is a feed."""
    data, proses, flavour = feed_bytes(rng)
    name = rng.choice(["news.rss", "news.atom", "feed.xml", "feed.xml.gz", "rss.html", "feed.txt",
                       "items.jsonl", "feed"])
    if name.endswith(".gz"):
        data = gzip.compress(data)
    kind = f"feed:{flavour}"
    if name == "feed":
        return Case(kind, {name: data}, skips={name: ("feed", ".rss")})
    return Case(kind, {name: data}, records=[Expect(prose) for prose in proses], clean=True)


# ----------------------------------------------------------------------------- sitemaps
def kind_sitemap(rng: random.Random) -> Case:
    """A sitemap (URLs, no text): refused saying so."""
    urls = "".join(f"<url><loc>https://news.example/{k}</loc><lastmod>2026-11-0{k % 9 + 1}</lastmod></url>"
                   for k in range(rng.randint(1, 6)))
    if rng.random() < 0.3:
        doc = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
               'sitemap/0.9"><sitemap><loc>https://news.example/sitemap-1.xml</loc></sitemap></sitemapindex>')
    else:
        doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')
    name = rng.choice(["sitemap.xml", "sitemap-news.xml", "sitemap.xml.gz", "sitemap.html"])
    data = gzip.compress(doc.encode()) if name.endswith(".gz") else doc.encode()
    return Case("sitemap", {name: data}, skips={name: ("sitemap",)})


# ----------------------------------------------------------------------------- archives
def _members(rng: random.Random) -> list[tuple[str, bytes, list[str]]]:
    """1-4 members: (name, bytes, the texts of its records)."""
    names = ["a.txt", "2026/11/story one.html", "deep/er/part-0.jsonl", "ünïcode name.txt", "docs/ notes .txt"]
    members = []
    for name in rng.sample(names, rng.randint(1, 4)):
        text = text_of(rng)
        if name.endswith(".jsonl"):
            texts = [text_of(rng) for _ in range(2)]
            members.append((name, _jsonl([{"text": t} for t in texts]), texts))
        elif name.endswith(".html"):
            members.append((name, f"<html><body><p>{text}</p></body></html>".encode(), [text]))
        else:
            members.append((name, text.encode(), [text]))
    return members


def archive_bytes(members: list[tuple[str, bytes, list[str]]], how: str, stored: bool = False) -> bytes:
    sink = io.BytesIO()
    if how == "zip":
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
            for name, data, _ in members:
                archive.writestr(name, data)
        return sink.getvalue()
    with tarfile.open(fileobj=sink, mode="w") as tar:
        for name, data, _ in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    data = sink.getvalue()
    compress = {"tar": bytes, "gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress, "zst": zstd.compress}
    return compress[how](data)


def _damaged_member(data: bytes, member: str) -> bytes:
    """A stored zip with one byte of `member`'s data flipped: its CRC no longer matches."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    header = data[info.header_offset:info.header_offset + 30]
    at = info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    return data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]


def kind_archive(rng: random.Random) -> Case:
    """An archive of files. Under a suffix read as an archive (round 24, bad27): each member
    read by its own name, its records exact, under "archive/member"; a member damaged (its
    CRC wrong) listed by name with the others read; the archive cut before its listing,
    listed saying so. Otherwise refused saying it is an archive (zip or tar)."""
    how = rng.choice(["zip", "tar", "gz", "bz2", "xz", "zst"])
    members = _members(rng)
    damage = rng.choice(["none", "none", "flip", "cut"])
    own = {"zip": ["pages.zip"], "tar": ["pages.tar"], "gz": ["pages.tar.gz", "pages.tgz"],
           "bz2": ["pages.tar.bz2", "pages.tbz2"], "xz": ["pages.tar.xz", "pages.txz"], "zst": ["pages.tar.zst"]}[how]
    text_names = {"zip": ["export.jsonl", "pages.txt", "page.html"], "tar": ["export.jsonl", "pages.txt"],
                  "gz": ["export.jsonl.gz", "dump.txt.gz"], "bz2": ["export.jsonl.bz2"],
                  "xz": ["export.jsonl.xz"], "zst": ["export.jsonl.zst"]}[how]
    name = rng.choice(own) if rng.random() < 0.5 else rng.choice(text_names + ["export"])
    if name in own and name.endswith((".zip", ".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz2", ".txz")):
        return _read_archive(rng, name, how, members, damage)
    data = archive_bytes(members, how, stored=rng.random() < 0.5)
    if damage == "flip":
        at = rng.randrange(len(data) // 3, len(data))
        data = data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]
    elif damage == "cut":
        data = data[: rng.randrange(len(data) // 2, len(data))]
    words = ("zip" if how == "zip" else "tar", "unpack|rename|name it")
    return Case(f"archive:{'own' if name in own else 'text' if name in text_names else 'bare'}",
                {name: data}, skips={name: words})


def _read_archive(rng: random.Random, name: str, how: str, members: list, damage: str) -> Case:
    """An archive read member by member: expected each member's records (clean: a page's
    prose in its cleaned text), the member damaged (zip: a flipped byte) or the listing
    (zip cut short: its central directory gone) said by name. A tar has no checksum over
    its members' bytes: it is written whole."""
    data = archive_bytes(members, how, stored=True)
    records, skips = [], {}
    damage = rng.choice(["none", "flip", "cut"]) if how == "zip" else "none"
    damaged = rng.choice(members)[0] if damage == "flip" else None
    if damaged is not None:
        data = _damaged_member(data, damaged)
        skips[f"{name}/{damaged}"] = ("crc",)
    if damage == "cut":
        return Case("archive:cut", {name: data[: len(data) - 30]}, skips={name: ("zip", "cannot be listed")})
    for member, _, texts in sorted(members, key=lambda m: f"{name}/{m[0]}"):
        if member != damaged:
            records.extend(Expect(text) for text in texts)
    return Case("archive:damaged member" if damaged else "archive:read", {name: data}, records=records,
                skips=skips, clean=True)


# ----------------------------------------------------------------------------- nested
def kind_nested(rng: random.Random) -> Case:
    """Records whose text is not a string field we read: quarantined naming where it is."""
    records, expects = [], []
    for k in range(rng.randint(1, 4)):
        text = text_of(rng)
        shape = rng.choice(["article.body", "paragraphs", "json-text", "json-html", "plain", "data.attributes"])
        if shape == "article.body":
            records.append({"id": k, "article": {"headline": "Ferry", "body": text}})
            expects.append(Expect(None, ("article.body",)))
        elif shape == "data.attributes":
            records.append({"id": k, "data": {"attributes": {"title": "Ferry", "content": text}}})
            expects.append(Expect(None, ("data.attributes.content",)))
        elif shape == "paragraphs":
            records.append({"id": k, "title": "Ferry timetable", "paragraphs": [text, text_of(rng)]})
            expects.append(Expect(None, ("paragraphs",)))
        elif shape == "json-text":
            records.append({"id": k, "text": json.dumps({"title": "Ferry", "body": text})})
            expects.append(Expect(None, ("json",)))
        elif shape == "json-html":
            records.append({"id": k, "html": json.dumps({"html": f"<p>{text}</p>", "url": "https://x.example/"})})
            expects.append(Expect(None, ("json",)))
        else:
            records.append({"id": k, "text": text})
            expects.append(Expect(text))
    return Case("nested", {"records.jsonl": _jsonl(records)}, records=expects)


# ----------------------------------------------------------------------------- saved pages
def _page(prose: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry</title>'
            f'<link rel="stylesheet" href="https://news.example/s.css"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry</h1>'
            f'<p style="margin: 0">{prose}</p></article><footer>Contact us</footer></body></html>')


def mhtml_bytes(rng: random.Random, prose: str) -> bytes:
    """A page as Chrome (quoted-printable) or Internet Explorer (base64) saves it."""
    page = _page(prose).encode()
    boundary = f"----MultipartBoundary--{rng.getrandbits(64):x}----"
    if rng.random() < 0.6:
        encoding, body = "quoted-printable", quopri.encodestring(page, quotetabs=False).decode("ascii")
    else:
        encoding, body = "base64", base64.encodebytes(page).decode("ascii")
    newline = rng.choice(["\r\n", "\n"])
    lines = ["From: <Saved by Blink>", "Snapshot-Content-Location: https://news.example/ferry",
             "Subject: Ferry", "Date: Mon, 7 Dec 2026 10:00:00 -0000", "MIME-Version: 1.0",
             f'Content-Type: multipart/related;{newline}\ttype="text/html";{newline}\tboundary="{boundary}"', "", "",
             f"--{boundary}", "Content-Type: text/html" + ("" if rng.random() < 0.5 else '; charset="utf-8"'),
             f"Content-Transfer-Encoding: {encoding}", "Content-Location: https://news.example/ferry", "",
             body, f"--{boundary}", "Content-Type: text/css", "Content-Transfer-Encoding: quoted-printable",
             "Content-Location: https://news.example/s.css", "", "body { margin: 0; }", f"--{boundary}--", ""]
    return newline.join(lines).replace("\n", newline).replace("\r\r", "\r").encode("ascii")


def kind_saved(rng: random.Random) -> Case:
    """A browser's saved page (MHTML): read, its prose in the cleaned text; an e-mail: read (round 27)."""
    prose = " ".join(text_of(rng, 2, 3) for _ in range(2))
    if rng.random() < 0.2:
        mail = (f"From: desk@news.example\r\nTo: reader@example.org\r\nSubject: Newsletter\r\n"
                f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Transfer-Encoding: 8bit\r\n\r\n{prose}\r\n").encode()
        # (amended in round 27: mail is read since then, a record a message, its text part)
        return Case("saved:eml", {"letter.eml": mail}, records=[Expect(prose)])
    name = rng.choice(["ferry.mhtml", "ferry.mht", "ferry.html"])
    return Case(f"saved:{name.rsplit('.', 1)[1]}", {name: mhtml_bytes(rng, prose)}, records=[Expect(prose)],
                clean=True)


# ----------------------------------------------------------------------------- XML
def kind_xml(rng: random.Random) -> Case:
    """TEI and XML exports: refused saying XML (TEI); an XHTML page (.xhtml): read."""
    prose = " ".join(text_of(rng, 2, 3) for _ in range(2))
    choice = rng.choice(["tei", "export", "xhtml"])
    if choice == "xhtml":
        page = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
                f'<head><title>Ferry</title></head><body><nav><a href="/">Home</a></nav><p>{prose}</p></body></html>')
        return Case("xml:xhtml", {"ferry.xhtml": page.encode()}, records=[Expect(prose)], clean=True)
    if choice == "tei":
        doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>'
               '<fileDesc><titleStmt><title>Ferry</title></titleStmt></fileDesc></teiHeader>'
               f'<text><body><div><p>{prose}</p></div></body></text></TEI>')
        name = rng.choice(["ferry.xml", "ferry.tei", "ferry.tei.xml"])
        return Case("xml:tei", {name: doc.encode()}, skips={name: ("xml", "tei")})
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<articles><article id="1"><headline>Ferry</headline>'
           f'<body>{prose}</body></article></articles>')
    return Case("xml:export", {"articles.xml": doc.encode()}, skips={"articles.xml": ("xml",)})


MAKERS = {"feed": kind_feed, "sitemap": kind_sitemap, "archive": kind_archive, "nested": kind_nested,
          "saved": kind_saved, "xml": kind_xml}


def make_case(seed: int, kind: str | None = None) -> Case:
    rng = random.Random(seed)
    return MAKERS[kind or KINDS[seed % len(KINDS)]](rng)


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One case of each kind (each from its own seed) in its own folder, for the real run."""
    root.mkdir()
    for k, kind in enumerate(KINDS):
        bad_kinds_gen.write_case(make_case(seed * 100 + k, kind), root / f"{k}-{kind}")


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def main() -> int:
    parser = bad_kinds_gen.sweep_parser(__doc__)
    return bad_kinds_gen.sweep(parser.parse_args(), make_case, check_case, lambda case: case.kind.split(":")[0],
                               "bad-feeds-", check_run)


if __name__ == "__main__":
    sys.exit(main())

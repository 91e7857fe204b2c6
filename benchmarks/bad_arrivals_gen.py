"""How real corpora arrive, in shapes the eleven earlier generators never wrote (round 27).

    python benchmarks/bad_arrivals_gen.py [--seeds 300] [--first 0] [--runs 0] [--tree DIR] [--verbose]

Written before the code was changed (and run on round 26's code, /tmp/main27, first), with
what a user would expect of each kind (read it, or refuse it with a line saying what it is
and what to do):

  hfarrow     a HuggingFace ``datasets`` ``save_to_disk`` folder: ``data-00000-of-0000N.arrow``
              (Arrow IPC stream, as ``datasets`` writes it; or the IPC file format, or
              ``.feather``), ``dataset_info.json`` and ``state.json`` beside them: **read**,
              every row's text (pyarrow reads Arrow); the two metadata files skipped or
              said (anything, not counted)
  hfparquet   a HuggingFace Hub download: ``data/train-00000-of-00003.parquet`` shards, one
              shard with zero rows, a ``README.md`` dataset card, ``.gitattributes``:
              **read**, every row; the card and ``.gitattributes`` skipped (said or quiet)
  arrayline   newline-delimited JSON whose lines each hold a top-level array of records
              (``[{"text": ...}, {"text": ...}]``, an exporter writing a batch a line):
              **read**, every object; or each line quarantined saying it is an array (of
              N records) and to put one record a line
  nestedtext  JSON Lines whose text is nested (``{"meta": {...}, "content": {"text": ...}}``):
              **read**, or each record quarantined saying where the text is
              (``content.text``), so that one ``jq`` makes it readable
  csvlines    a CSV as spreadsheets and pandas write it: CRLF row ends, quoted cells with
              newlines, doubled quotes and commas inside, a UTF-8 BOM, the text column not
              first, no final newline: **read**, a record a row, each cell exactly
  mail        a mail archive: an ``.mbox`` of 2-4 messages (plain UTF-8; multipart/alternative
              text+HTML; quoted-printable ISO-8859-1; a body line ``>From`` escaped) or a
              single ``.eml``: **read**, a record a message, its text part decoded (the
              standard library's ``mailbox``/``email`` parse both)
  xmlfeeds    an XML sitemap (``urlset`` of ``<loc>``s, or a sitemap index) as .xml: refused
              saying it is a sitemap (URLs, no text: fetch the pages); an RSS 2.0 dump as
              .xml with ``content:encoded`` HTML: **read**, each item's prose
  wet         Common Crawl WET files (.wet or .warc.wet.gz): a ``warcinfo`` record first,
              ``conversion`` records with ``WARC-Identified-Content-Language``, headers in
              odd case or LF-only, the last record's payload cut short by a truncated
              download (Content-Length past the end): **read**, every whole record's text;
              the cut one quarantined saying it is cut/truncated (never read as whole)
  metalie     an HTML page whose ``<meta charset="utf-8">`` lies: its bytes are Windows-1252
              (smart quotes, dashes, accents): **read** with the right characters, or
              flagged naming the encoding (never mojibake or U+FFFD silently)
  names       a zero-byte ``.jsonl`` and ``.txt``, a name holding a newline, a dangling
              symlink, a folder named ``more.jsonl``: the good files **read**; the empty ones
              and the dangling link said (empty / broken link), nothing raised

Checked through the real readers (``bad_wild_gen.check``: ``read_file`` over
``list_input_files``, the real cleaning where the text is a page's prose). `--runs N` puts
N trees (one case of each kind) through the real `corpus-clean run` twice: exit 0, every
file's manifest entry balanced, the rerun changes nothing. Prints one line per failure and
the counts by kind; exit 1 on any.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import random
import sys
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bad_kinds_gen  # noqa: E402 - (first: it puts the tree measured, `--tree` or this one, on the path)
import bad_wild_gen  # noqa: E402
from bad_kinds_gen import Expect, text_of  # noqa: E402
from bad_dumps_gen import _jsonl  # noqa: E402
from bad_wild_gen import WildCase, _parquet  # noqa: E402

KINDS = ["hfarrow", "hfparquet", "arrayline", "nestedtext", "csvlines", "mail", "xmlfeeds", "wet", "metalie", "names"]


# ----------------------------------------------------------------------------- HuggingFace datasets
def _arrow(table, how: str) -> bytes:
    import pyarrow as pa
    import pyarrow.feather as feather

    sink = io.BytesIO()
    if how == "feather":
        feather.write_feather(table, sink)
        return sink.getvalue()
    opener = pa.ipc.new_stream if how == "stream" else pa.ipc.new_file
    with opener(sink, table.schema) as writer:
        for batch in table.to_batches(max_chunksize=2):
            writer.write_batch(batch)
    return sink.getvalue()


def kind_hfarrow(rng: random.Random) -> WildCase:
    """``Dataset.save_to_disk``: Arrow shards and two metadata files: every row read."""
    import pyarrow as pa

    how = rng.choice(["stream", "stream", "file", "feather"])
    shards = rng.randint(1, 3)
    files, texts = {}, []
    for shard in range(shards):
        rows = [text_of(rng) for _ in range(rng.randint(1, 5))]
        texts += rows
        table = pa.table({"text": pa.array(rows, pa.large_string() if rng.random() < 0.3 else pa.string()),
                          "url": [f"https://news.example/{shard}/{k}" for k in range(len(rows))]})
        name = f"data-{shard:05d}-of-{shards:05d}.arrow" if how != "feather" else f"part-{shard}.feather"
        files[name] = _arrow(table, how)
    if how != "feather":
        files["dataset_info.json"] = json.dumps({"citation": "", "description": "", "features": {
            "text": {"dtype": "string", "_type": "Value"}, "url": {"dtype": "string", "_type": "Value"}}}).encode()
        files["state.json"] = json.dumps({"_data_files": [{"filename": n} for n in files if n.endswith(".arrow")],
                                          "_fingerprint": f"{rng.getrandbits(64):016x}", "_format_type": None,
                                          "_split": "train"}).encode()
    case = WildCase(f"hfarrow:{how}", files, each=True, texts=texts)
    case.allowed_unsaid = 2  # (the metadata files: said anything)
    return case


def kind_hfparquet(rng: random.Random) -> WildCase:
    """A Hub download: sharded Parquet, an empty shard, a dataset card: every row read."""
    import pyarrow as pa

    shards = rng.randint(2, 4)
    empty = rng.randrange(shards)
    files, texts = {}, []
    for shard in range(shards):
        rows = [] if shard == empty else [text_of(rng) for _ in range(rng.randint(1, 4))]
        texts += rows
        table = pa.table({"id": pa.array([f"{shard}-{k}" for k in range(len(rows))], pa.string()),
                          "text": pa.array(rows, pa.large_string())})
        files[f"data/train-{shard:05d}-of-{shards:05d}.parquet"] = _parquet(table)
    files["README.md"] = b"---\nlicense: cc-by-4.0\nlanguage: [en]\n---\n# Harbour news\n\nA dataset card.\n"
    files[".gitattributes"] = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
    case = WildCase("hfparquet", files, each=True, texts=texts)
    case.allowed_unsaid = 2
    return case


# ----------------------------------------------------------------------------- JSON shapes
def kind_arrayline(rng: random.Random) -> WildCase:
    """A batch of records a line, as a JSON array: every object read, or the line said."""
    lines, texts = [], []
    for _ in range(rng.randint(1, 3)):
        batch = [text_of(rng) for _ in range(rng.randint(1, 3))]
        texts += batch
        lines.append(json.dumps([{"id": len(texts) - len(batch) + k, "text": t} for k, t in enumerate(batch)],
                                ensure_ascii=rng.random() < 0.5))
    name = rng.choice(["batches.jsonl", "batches.ndjson"])
    return WildCase("arrayline", {name: ("\n".join(lines) + "\n").encode()}, each=True, texts=texts,
                    said=("array",))


def kind_nestedtext(rng: random.Random) -> WildCase:
    """``{"meta": {...}, "content": {"text": ...}}``: read, or said where the text is."""
    texts = [text_of(rng) for _ in range(rng.randint(1, 4))]
    rows = [{"meta": {"id": k, "lang": "en", "url": f"https://news.example/{k}"}, "content": {"title": "Ferry",
             "text": t}} for k, t in enumerate(texts)]
    return WildCase("nestedtext", {"nested.jsonl": _jsonl(rows)}, each=True, texts=texts, said=("content.text",))


# ----------------------------------------------------------------------------- CSV as spreadsheets write it
def kind_csvlines(rng: random.Random) -> WildCase:
    """CRLF rows, newlines, doubled quotes and commas in quoted cells, a BOM: each cell exactly."""
    import csv

    texts = []
    for _ in range(rng.randint(2, 5)):
        parts = [text_of(rng, 1, 1) for _ in range(rng.randint(1, 3))]
        text = rng.choice(["\n", "\n\n", " "]).join(parts)
        if rng.random() < 0.4:
            text = text.replace("said", 'said "yes", then', 1)
        texts.append(text)
    sink = io.StringIO()
    writer = csv.writer(sink, lineterminator="\r\n", quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    writer.writerow(["id", "title", "text", "date"])
    for k, text in enumerate(texts):
        writer.writerow([k, f"Story {k}, part one", text, "2026-12-08"])
    data = sink.getvalue()
    if rng.random() < 0.5:
        data = data[:-2]  # (no final newline)
    raw = ("\ufeff" if rng.random() < 0.5 else "") + data
    return WildCase("csvlines", {"export.csv": raw.encode()}, records=[Expect(t) for t in texts])


# ----------------------------------------------------------------------------- mail archives
def _message(rng: random.Random, text: str, how: str, k: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Reporter {k} <reporter{k}@news.example>"
    message["To"] = "desk@news.example"
    message["Subject"] = f"Story {k}"
    message["Date"] = "Tue, 08 Dec 2026 01:00:00 +0000"
    message["Message-ID"] = f"<{rng.getrandbits(64):x}@news.example>"
    if how == "latin1":
        message.set_content(text, charset="iso-8859-1", cte="quoted-printable")
    elif how == "alternative":
        message.set_content(text)
        message.add_alternative(f"<html><body><p>{text}</p></body></html>", subtype="html")
    else:
        message.set_content(text)
    return message


_LATIN1 = ["Le conseil a voté: la façade du musée sera rénovée.", "Señor Muñoz dijo que el puerto está listo."]


def kind_mail(rng: random.Random) -> WildCase:
    """An mbox of a few messages, or one .eml: each message's text part, a record each."""
    import mailbox
    import tempfile

    hows = [rng.choice(["plain", "alternative", "latin1"]) for _ in range(rng.randint(2, 4))]
    texts = [rng.choice(_LATIN1) if how == "latin1" else text_of(rng) for how in hows]
    if rng.random() < 0.4:
        texts[0] = texts[0] + "\nFrom the harbour, the ferry left at noon."  # (escaped as >From in an mbox)
    messages = [_message(rng, t, how, k) for k, (t, how) in enumerate(zip(texts, hows))]
    if rng.random() < 0.35:
        return WildCase(f"mail:eml-{hows[0]}", {"story.eml": bytes(messages[0])}, each=True, texts=texts[:1])
    with tempfile.TemporaryDirectory() as tmp:
        box = mailbox.mbox(os.path.join(tmp, "list.mbox"))
        for message in messages:
            box.add(message)
        box.flush()
        data = Path(tmp, "list.mbox").read_bytes()
        box.close()
    return WildCase("mail:mbox", {"list.mbox": data}, each=True, texts=texts)


# ----------------------------------------------------------------------------- XML: sitemaps, RSS dumps
def kind_xmlfeeds(rng: random.Random) -> WildCase:
    what = rng.choice(["sitemap", "sitemapindex", "rss"])
    if what == "rss":
        texts = [text_of(rng) for _ in range(rng.randint(1, 3))]
        items = "".join(f"<item><title>Story {k}</title><link>https://news.example/{k}</link>"
                        f"<description>Story {k} in short</description>"
                        f"<content:encoded><![CDATA[<p>{t}</p>]]></content:encoded></item>"
                        for k, t in enumerate(texts))
        feed = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour</title>'
                f'<link>https://news.example/</link><description>News</description>{items}</channel></rss>')
        case = WildCase("xmlfeeds:rss", {"feed-dump.xml": feed.encode()}, each=True, texts=texts)
        case.clean_each = True
        return case
    if what == "sitemap":
        body = "".join(f"<url><loc>https://news.example/{k}</loc><lastmod>2026-12-0{k % 9 + 1}</lastmod></url>"
                       for k in range(rng.randint(2, 20)))
        xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    else:
        body = "".join(f"<sitemap><loc>https://news.example/sitemap-{k}.xml</loc></sitemap>" for k in range(3))
        xml = f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    name = rng.choice(["sitemap.xml", "sitemap-news.xml"])
    return WildCase(f"xmlfeeds:{what}", {name: xml.encode()}, each=True, texts=[], said=("sitemap",),
                    skips={name: ("sitemap",)})


# ----------------------------------------------------------------------------- Common Crawl WET
def _wet_record(headers: list[tuple[str, str]], body: bytes, newline: str, lower: bool) -> bytes:
    lines = ["WARC/1.0"] + [f"{k.lower() if lower else k}: {v}" for k, v in headers]
    return (newline.join(lines) + newline * 2).encode() + body + (newline * 2).encode()


def kind_wet(rng: random.Random) -> WildCase:
    """warcinfo, conversion records with odd headers, the last payload cut: every whole text."""
    newline = "\r\n" if rng.random() < 0.7 else "\n"
    lower = rng.random() < 0.3
    info = b"software: Apache Nutch 1.19\r\nisPartOf: CC-MAIN-2026-49\r\n"
    out = _wet_record([("WARC-Type", "warcinfo"), ("WARC-Date", "2026-12-01T00:00:00Z"),
                       ("WARC-Filename", "CC-MAIN-20261201-00000.warc.wet.gz"),
                       ("WARC-Record-ID", f"<urn:uuid:{rng.getrandbits(128):032x}>"),
                       ("Content-Type", "application/warc-fields"), ("Content-Length", str(len(info)))],
                      info, newline, lower)
    texts = []
    records = []
    for k in range(rng.randint(2, 4)):
        text = "\n".join(text_of(rng, 1, 1) for _ in range(rng.randint(1, 4)))
        texts.append(text)
        body = text.encode()
        records.append(_wet_record([("WARC-Type", "conversion"), ("WARC-Target-URI", f"https://news.example/{k}"),
                                    ("WARC-Date", "2026-12-01T00:00:00Z"),
                                    ("WARC-Record-ID", f"<urn:uuid:{rng.getrandbits(128):032x}>"),
                                    ("WARC-Refers-To", f"<urn:uuid:{rng.getrandbits(128):032x}>"),
                                    ("WARC-Block-Digest", "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()),
                                    ("WARC-Identified-Content-Language", rng.choice(["eng", "eng,fra", "deu,eng"])),
                                    ("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
                                   body, newline, lower))
    cut = rng.random() < 0.4
    gz = rng.random() < 0.5
    if cut:
        last = records[-1]
        records[-1] = last[: len(last) - 4 - len(texts[-1].encode()) // 2]
    data = b"".join((gzip.compress(r) if gz else r) for r in [out] + records)
    if cut and gz:  # (a truncated download of a .gz: the last member's stream cut too)
        data = data[: len(data) - 8]
    name = "CC-MAIN-20261201-00000.warc.wet.gz" if gz else "CC-MAIN-20261201-00000.warc.wet"
    kind = f"wet:{'crlf' if newline == chr(13) + chr(10) else 'lf'}{'-lower' if lower else ''}{'-cut' if cut else ''}"
    whole = texts[:-1] if cut else texts
    case = WildCase(kind, {name: data}, each=True, texts=whole)
    case.allowed_unsaid = 1  # (the warcinfo record: said anything)
    if cut:
        case.skips = {name: ("truncat|cut|incomplete|short|end of|damaged|ends",)}
        case.said = ("truncat", "cut", "incomplete", "short", "end of", "damaged", "ends")
    case.cut_text = texts[-1] if cut else None
    return case


# ----------------------------------------------------------------------------- a lying meta charset
_SMART = ["“We’re ready,” the mayor said – after a week’s delay.", "The café’s owner — Señor Muñoz — said “no”.",
          "Ærø’s ferry ran at 5 ½ knots, the report’s authors wrote…"]


def kind_metalie(rng: random.Random) -> WildCase:
    """``<meta charset="utf-8">`` over cp1252 bytes: the right characters, or said."""
    latin = [s for s in bad_kinds_gen.SENTENCES if s.isascii() or all(ord(c) < 0x250 for c in s)]
    prose = rng.choice(_SMART) + " " + " ".join(rng.sample(latin, rng.randint(1, 2)))
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry</title></head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>Ferry</h1><p>{prose}</p></article>'
            f'<footer>Contact us</footer></body></html>')
    data = page.encode("cp1252")
    case = WildCase("metalie", {"page.html": data}, records=[Expect(prose)], clean=True)
    case.allowed = ("cp1252", "windows-1252", "encod", "decod", "utf-8")
    return case


# ----------------------------------------------------------------------------- names and non-files
def kind_names(rng: random.Random) -> WildCase:
    texts = [text_of(rng) for _ in range(3)]
    files = {"good.jsonl": _jsonl([{"text": texts[0]}]), "day\n2.jsonl": _jsonl([{"text": texts[1]}]),
             "more.jsonl/inner.jsonl": _jsonl([{"text": texts[2]}])}
    skips = {}
    if rng.random() < 0.7:
        files["empty.jsonl"] = b""
        skips["empty.jsonl"] = ("empty",)
    if rng.random() < 0.7:
        files["empty.txt"] = b""
        skips["empty.txt"] = ("empty",)
    case = WildCase("names", files, each=True, texts=texts, skips=skips,
                    said=("empty", "broken", "dangling", "no such", "does not exist", "not found"))
    case.dangling = rng.random() < 0.6
    return case


MAKERS = {"hfarrow": kind_hfarrow, "hfparquet": kind_hfparquet, "arrayline": kind_arrayline,
          "nestedtext": kind_nestedtext, "csvlines": kind_csvlines, "mail": kind_mail, "xmlfeeds": kind_xmlfeeds,
          "wet": kind_wet, "metalie": kind_metalie, "names": kind_names}


def make_case(seed: int, kind: str | None = None) -> WildCase:
    rng = random.Random(seed)
    return MAKERS[kind or KINDS[seed % len(KINDS)]](rng)


def check(case: WildCase, root: Path) -> list[str]:
    """``bad_wild_gen.check``, with this generator's extras: a dangling symlink (said as
    broken), a cut WET record (never read as whole), an RSS item's prose after cleaning."""
    if getattr(case, "dangling", False):
        root.mkdir(parents=True, exist_ok=True)
        os.symlink("gone-away.jsonl", root / "link.jsonl")
        case.skips = {**case.skips, "link.jsonl": ("broken|dangling|missing|no such|does not exist|not found",)}
    if getattr(case, "clean_each", False):
        return _check_cleaned(case, root)
    failures = bad_wild_gen.check(case, root)
    cut = getattr(case, "cut_text", None)
    if cut is not None:
        from corpus_clean.readers import Document, list_input_files, read_file

        half = " ".join(cut.split())[: len(cut) // 3]
        whole = {" ".join(t.split()) for t in case.texts}  # (a whole record may hold the same sentence)
        read = [" ".join(item.raw_text.split()) for f in list_input_files(str(root)) for item in read_file(f)
                if isinstance(item, Document) and not item.problems]
        if any(t.startswith(half) and t not in whole for t in read):
            failures.append("silent wrong: the cut record read as whole")
    return failures


def _check_cleaned(case: WildCase, root: Path) -> list[str]:
    """Each text found in some clean record's cleaned text; nothing raised."""
    from corpus_clean.pipeline import clean_documents
    from corpus_clean.readers import Document, list_input_files, read_file

    for name in case.files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
    bad_kinds_gen.write_case(case, root)
    try:
        items = [item for f in list_input_files(str(root)) for item in read_file(f)]
        docs = [item for item in items if isinstance(item, Document) and not item.problems]
        clean_documents(docs)
        cleaned = [" ".join(doc.text.split()) for doc in docs]
    except Exception as error:  # noqa: BLE001 - a crash is a failure here
        return [f"raised {type(error).__name__}: {error}"]
    said = " ".join(bad_kinds_gen._said(item) for item in items if not isinstance(item, Document) or item.problems)
    return [f"not read, not said: {t[:60]!r} (said: {said[:200]})" for t in case.texts
            if not any(" ".join(t.split()) in text for text in cleaned)]


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One case of each kind (each from its own seed) in its own folder, for the real run
    (the dangling link of ``names`` left out: a run lists it as any broken link)."""
    root.mkdir()
    for k, kind in enumerate(KINDS):
        case = make_case(seed * 100 + k, kind)
        for name in case.files:
            (root / f"{k}-{kind}" / name).parent.mkdir(parents=True, exist_ok=True)
        bad_kinds_gen.write_case(case, root / f"{k}-{kind}")


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    """``bad_input_gen.check_run`` on a tree of this generator's files: two real runs,
    each exits 0 with a balanced manifest, the second changes nothing."""
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def main() -> int:
    parser = bad_kinds_gen.sweep_parser(__doc__)
    return bad_kinds_gen.sweep(parser.parse_args(), make_case, check, lambda case: case.kind.split(":")[0],
                               "bad-arrivals-", check_run)


if __name__ == "__main__":
    sys.exit(main())

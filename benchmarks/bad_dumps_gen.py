#!/usr/bin/env python3
"""Crawl dumps and corpus files users really have (round 22), as no other generator makes them.

    python benchmarks/bad_dumps_gen.py [--seeds 300] [--first 0] [--runs 0] [--tree DIR] [--most-mb 1024] [--verbose]

Each seed draws one kind:

  wet         (read since round 23: each conversion record's text; refused before) a Common Crawl WET file (a warcinfo record, then "conversion" records: the
              plain text of pages under WARC headers) named as Common Crawl names it
              (``CC-MAIN-...warc.wet.gz``), ``.wet``, or as a text we read (``.txt``,
              ``.txt.gz``, ``.jsonl``, ``.jsonl.gz``, ``.html``)
  warc        (read since round 23: each page's prose) a crawler's WARC of HTTP responses under a name we read (``.html``, ``.txt``,
              ``.jsonl``, ``.html.gz``)
  htmltext    JSON Lines whose "text" holds a whole HTML page (a doctype or ``<html>``
              first, after blanks, an XML declaration or a comment) or a fragment of markup
              (``<p>...</p><p>...</p>``; round 23), beside records whose text only mentions
              a tag or two
  alias       JSON Lines with the text in "content", "raw_content" or "body" (RedPajama,
              OSCAR/RefinedWeb, a CMS export), beside their other fields; a record with two
              of them; or Parquet with its text column so named
  compressed  JSON Lines in gzip members written one after another (``cat a.gz b.gz``,
              ``pigz``), bzip2 and xz streams one after another, zstd frames, as ``.jsonl``
              and ``.json`` names
  longline    JSON Lines holding one line far over the record limit (64 MB to 1 GB of NULs,
              a sparse hole, or of one repeated byte), or just over the record limit, among
              good lines

and checks through the real readers (``bad_kinds_gen.check_case``; pages also through the
real cleaning): nothing raises; every record whose text is there is read exactly (a page:
its prose is in the cleaned text); everything else is skipped or quarantined with a
reason that says what it is (a WET file, a WARC, which two fields, which line at which
byte) -- never the WARC headers read as text, never a page's markup kept as words.
`--runs N` puts N trees (one case of each kind) through the real `corpus-clean run`
twice: exit 0, manifest balanced, the rerun changes nothing.
"""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import sys
from pathlib import Path

from backports import zstd  # (the project's own zstd: pyproject.toml)

ROOT = Path(__file__).resolve().parents[1]
if "--tree" in sys.argv:  # before the imports: the tree whose code is measured
    sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])
else:
    sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "benchmarks"))

import bad_kinds_gen  # noqa: E402
from bad_kinds_gen import Case, Expect, check_case, kind_of, text_of  # noqa: E402,F401

KINDS = ["wet", "warc", "htmltext", "alias", "compressed", "longline"]
MB = 1 << 20
# The longest line written (`--most-mb`): a tree that reads a line whole (main's) needs
# about twice its size in memory.
MOST_MB = int(sys.argv[sys.argv.index("--most-mb") + 1]) if "--most-mb" in sys.argv else 1024


def _record(rng: random.Random, k: int) -> dict:
    return {"id": f"r{k}", "text": text_of(rng)}


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()


# ----------------------------------------------------------------------------- kinds
def _warc_record(kind: str, headers: dict, body: bytes, newline: str) -> bytes:
    lines = ["WARC/1.0", f"WARC-Type: {kind}", *(f"{k}: {v}" for k, v in headers.items()),
             f"Content-Length: {len(body)}"]
    return (newline.join(lines) + newline * 2).encode() + body + (newline * 2).encode()


def wet_bytes(rng: random.Random) -> bytes:
    """A WET file: warcinfo, then conversion records (the pages' text)."""
    return wet_and_texts(rng)[0]


def wet_and_texts(rng: random.Random) -> tuple[bytes, list[str]]:
    """A WET file (warcinfo, then conversion records) and the pages' texts."""
    newline = rng.choice(["\r\n", "\r\n", "\n"])  # (the format says CRLF; hand-made ones use LF)
    out = _warc_record("warcinfo", {"WARC-Date": "2024-03-01T00:00:00Z", "Content-Type": "application/warc-fields"},
                       b"isPartOf: CC-MAIN-2024-10\r\npublisher: Common Crawl\r\n", newline)
    texts = []
    for k in range(rng.randint(1, 4)):
        texts.append("\n".join(text_of(rng) for _ in range(rng.randint(1, 3))))
        out += _warc_record("conversion", {
            "WARC-Target-URI": f"https://site{k}.example/{rng.randint(1, 999)}", "WARC-Date": "2024-03-01T00:00:00Z",
            "WARC-Record-ID": f"<urn:uuid:0000{k}-{rng.randint(1000, 9999)}>",
            "WARC-Identified-Content-Language": rng.choice(["eng", "fra,eng", "deu"]),
            "Content-Type": "text/plain"}, texts[-1].encode(), newline)
    return out, texts


def kind_wet(rng: random.Random) -> Case:
    """A WET file under Common Crawl's name or one we read: its texts read, its warcinfo
    record skipped saying what it is."""
    data, texts = wet_and_texts(rng)
    name = rng.choice(["CC-MAIN-20240301-00001.warc.wet.gz", "part.warc.wet", "pages.txt", "pages.txt.gz",
                       "pages.jsonl", "pages.jsonl.gz", "pages.html", "CC-MAIN-20240301-00002.wet"])
    if name.endswith(".gz"):
        data = gzip.compress(data)
    return Case("wet", {name: data}, records=[Expect(text) for text in texts], skips={name: ("warcinfo",)})


def kind_warc(rng: random.Random) -> Case:
    """A WARC of responses under a name we read: each page's prose in the cleaned text."""
    made = [bad_kinds_gen.warc_and_prose(rng) for _ in range(rng.randint(1, 3))]
    data = b"".join(record for record, _ in made)
    name = rng.choice(["crawl.html", "crawl.txt", "crawl.jsonl", "crawl.html.gz"])
    if name.endswith(".gz"):
        data = gzip.compress(data)
    return Case("warc", {name: data}, records=[Expect(prose) for _, prose in made], clean=True)


def _page(rng: random.Random, prose: str) -> str:
    start = rng.choice(["<!DOCTYPE html>", "<!doctype HTML>", "  \n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">",
                        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>',
                        "<!-- saved from url=(0042) -->\n<html>", "<html lang=\"en\">"])
    html = "" if start.rstrip().endswith(">") and "<html" in start else "<html>"
    return (f"{start}{html}<head><title>Page</title><script>var tracker = 1;</script></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><p>{prose}</p></article>"
            f"<footer>Contact us</footer></body></html>")


def kind_htmltext(rng: random.Random) -> Case:
    """Pages given as "text" read as pages (their prose kept, their markup not); fragments of
    markup (no doctype or <html>: a CMS export's body) read as HTML too (round 23); texts
    that only mention tags read exactly."""
    records, expects = [], []
    for k in range(rng.randint(2, 5)):
        draw = rng.random()
        if draw < 0.4:
            prose = " ".join(text_of(rng, 3, 4) for _ in range(2))
            records.append({"id": f"p{k}", "text": _page(rng, prose), "url": f"https://x.example/{k}"})
            expects.append(Expect(prose))
        elif draw < 0.6:
            paragraphs = []
            for _ in range(rng.randint(2, 4)):  # (distinct: the HTML path keeps one of two same blocks,
                paragraphs.append(text_of(rng, 2, 3))  # a repeat is no prose lost; round 24, seeds 25100/25136)
                while paragraphs[-1] in paragraphs[:-1]:
                    paragraphs[-1] = text_of(rng, 2, 3)
            tag = rng.choice(["p", "p", "div", "blockquote"])
            markup = rng.choice(["", "\n"]).join(f"<{tag}>{text}</{tag}>" for text in paragraphs)
            if rng.random() < 0.3:
                markup = f"<h2>{text_of(rng, 1, 1)}</h2>" + markup
            records.append({"id": f"f{k}", "text": markup})
            expects.append(Expect(" ".join(paragraphs)))
        else:
            text = rng.choice(["Wrap each paragraph in <p> and close it with </p>, the guide says.",
                               "The <html> element is the root of a page; " + text_of(rng),
                               "<b>Note:</b> " + text_of(rng), text_of(rng)])
            records.append({"id": f"t{k}", "text": text})
            expects.append(Expect(text))
    return Case("htmltext", {"pages.jsonl": _jsonl(records)}, records=expects, clean=True)


def kind_alias(rng: random.Random) -> Case:
    """Text under "content", "raw_content" or "body": read; two of them: quarantined naming both."""
    records, expects = [], []
    for k in range(rng.randint(1, 4)):
        text = text_of(rng)
        if rng.random() < 0.2:
            first, second = rng.sample(["content", "raw_content", "body"], 2)
            records.append({"url": f"https://x.example/{k}", first: text, second: text_of(rng)})
            expects.append(Expect(None, (first, second, "which")))
            continue
        name = rng.choice(["content", "raw_content", "body"])
        record = {name: text, "meta": {"source": "crawl"}, "url": f"https://x.example/{k}"}
        if rng.random() < 0.5:
            record = {"doc_id": k, **record, "lang": "en"}
        records.append(record)
        expects.append(Expect(text))
    if rng.random() < 0.3:  # (drawn last: the JSON Lines cases of the seeds before it are unchanged)
        return parquet_alias(rng, rng.choice(["content", "raw_content", "body"]))
    return Case("alias", {"feed.jsonl": _jsonl(records)}, records=expects)


def parquet_alias(rng: random.Random, name: str) -> Case:
    """Parquet as RefinedWeb/RedPajama ship it: the text column named `name`, a URL column."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [text_of(rng) for _ in range(rng.randint(1, 4))]
    sink = io.BytesIO()
    pq.write_table(pa.table({"url": [f"https://x.example/{k}" for k in range(len(texts))], name: texts}), sink)
    return Case("alias", {"feed.parquet": sink.getvalue()}, records=[Expect(text) for text in texts])


def kind_compressed(rng: random.Random) -> Case:
    """Streams one after another in one file: every record of every stream read."""
    parts = [[_record(rng, 10 * p + k) for k in range(rng.randint(1, 3))] for p in range(rng.randint(2, 4))]
    how = rng.choice(["gz", "bz2", "xz", "zst"])
    compress = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress, "zst": zstd.compress}[how]
    data = b"".join(compress(_jsonl(part)) for part in parts)
    name = f"part.{rng.choice(['jsonl', 'json', 'ndjson'])}.{how}"
    return Case("compressed", {name: data}, records=[Expect(r["text"]) for part in parts for r in part])


def kind_longline(rng: random.Random) -> Case:
    """One line far over the record limit among good ones: skipped naming its line and byte,
    the lines after it read; one just over the record limit: quarantined whole (as before)."""
    before = [_record(rng, k) for k in range(rng.randint(0, 2))]
    after = [_record(rng, 10 + k) for k in range(rng.randint(1, 2))]
    if rng.random() < 0.25:  # just over the record limit: quarantined, kept whole
        big = {"id": "big", "text": "word " * (2_000_000 + rng.randint(1, 1000))}
        records = before + [big] + after
        expects = [Expect(r["text"]) for r in before] + [Expect(None, ("limit",))] + [Expect(r["text"]) for r in after]
        return Case("longline", {"big.jsonl": _jsonl(records)}, records=expects)
    size = min(rng.choice([65 * MB, 80 * MB, 300 * MB, 1024 * MB]), MOST_MB * MB)
    case = Case("longline", {}, records=[Expect(r["text"]) for r in before + after],
                skips={f"huge.jsonl:{len(before) + 1}": ("far over", "byte", "line")})
    case.hole = (_jsonl(before), size, rng.choice([b"\x00", b"x"]) if size <= 80 * MB else b"\x00",
                 b"\n" + _jsonl(after))
    return case


MAKERS = {"wet": kind_wet, "warc": kind_warc, "htmltext": kind_htmltext, "alias": kind_alias,
          "compressed": kind_compressed, "longline": kind_longline}


def make_case(seed: int, kind: str | None = None) -> Case:
    rng = random.Random(seed)
    return MAKERS[kind or KINDS[seed % len(KINDS)]](rng)


def write_holed(case: Case, root: Path) -> None:
    """The long line's file: its head, the long line (a sparse hole of NULs, or one byte
    written over and over), its tail."""
    root.mkdir(parents=True, exist_ok=True)
    hole = getattr(case, "hole", None)
    if hole is None:
        return
    head, size, byte, tail = hole
    with open(root / "huge.jsonl", "wb") as handle:
        handle.write(head)
        if byte == b"\x00":
            handle.truncate(len(head) + size)
            handle.seek(0, 2)
        else:
            for _ in range(size // MB):
                handle.write(byte * MB)
        handle.write(tail)


def check(case: Case, root: Path) -> list[str]:
    write_holed(case, root)
    failures = check_case(case, root)
    if case.kind == "htmltext" and not failures:
        failures = pages_cleaned_of_markup(root)
    return failures


def pages_cleaned_of_markup(root: Path) -> list[str]:
    """A page given as "text" and cleaned keeps no markup: no tag, script or menu kept as
    words (``check_case`` saw its prose there; main kept the markup around it)."""
    from corpus_clean.pipeline import clean_documents
    from corpus_clean.readers import Document, read_file

    records = [json.loads(line) for line in (root / "pages.jsonl").read_text().splitlines()]
    docs = [item for item in read_file(str(root / "pages.jsonl")) if isinstance(item, Document)]
    clean_documents(docs)
    return [f"record {k}: a page given as text kept its markup as words: {doc.text[:80]!r}"
            for k, (record, doc) in enumerate(zip(records, docs))
            if record["id"].startswith("p") and ("<" in doc.text or "var tracker" in doc.text)]


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One case of each kind (each from its own seed) in its own folder, for the real run."""
    root.mkdir()
    for k, kind in enumerate(KINDS):
        case = make_case(seed * 100 + k, kind)
        folder = root / f"{k}-{kind}"
        write_holed(case, folder)
        bad_kinds_gen.write_case(case, folder)


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def check_and_clear(case: Case, root: Path) -> list[str]:
    """``check``, then the case's files removed (its long lines: a disk's worth over a sweep)."""
    failures = check(case, root)
    for path in root.glob("*"):
        path.unlink()
    return failures


def main() -> int:
    parser = bad_kinds_gen.sweep_parser(__doc__)
    parser.add_argument("--most-mb", type=int, default=1024, help="the longest line written (MOST_MB)")
    return bad_kinds_gen.sweep(parser.parse_args(), make_case, check_and_clear, lambda case: case.kind,
                               "bad-dumps-", check_run)

if __name__ == "__main__":
    sys.exit(main())

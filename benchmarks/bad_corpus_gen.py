"""What a news-corpus pipeline meets that the nine earlier generators never wrote (round 25).

    python benchmarks/bad_corpus_gen.py [--seeds 300] [--first 0] [--runs 0] [--tree DIR] [--verbose]

Written before the code was changed, with what a user would expect of each kind (read it,
or refuse the file with a line saying what it is and what to do):

  bigarchive  a zip, tar, tar.gz or tar.bz2 of 501-1,500 small members (a day's articles,
              one file each, in dated folders): **read**, every member's records exact
  jsonfeed    a JSON Feed (jsonfeed.org 1.0/1.1: "items" with content_html, content_text or
              summary), as feed.json, .json or one line of .jsonl: **read**, one record per
              item, its prose the item's text
  misnamed    a file whose name says one format and whose bytes another: JSON Lines as
              .json, .txt or .html; a JSON array as .jsonl; an HTML page as .txt or .jsonl:
              **read** by what the bytes are (each record's text exact; a page's prose in
              its cleaned text), or refused saying what the bytes are
  gzconcat    gzip members one after another (``cat a.gz b.gz``) as .txt.gz and .html.gz,
              and a .jsonl.gz with NUL bytes after its stream (a download preallocated):
              **read**, every member's text; the padding, if said, said as NULs/padding
  midbom      two UTF-8 files with BOMs joined (``cat``) as .txt and .html: **read**, the
              second file's BOM not in the text
  nulpad      JSON Lines, text or CSV with a block of NULs after the last record (a file
              preallocated, or a crash's hole) or between two records: **read**, every record
              exact; the NULs, if said, said as NULs (amended by bad29, round 26: a block
              inside a text file may instead quarantine the text saying where the hole is,
              its text kept; a single NUL may stay in the raw text)
  oddnames    zip members named in cp437/cp932 bytes without the UTF-8 flag (Windows'
              zip tools), tar members named in latin-1 bytes: **read**, each member's records
  tardamage   a tar.gz whose compressed bytes are flipped near the middle: the members before
              the damage read, the rest said (no member lost without a word); a tar.gz or
              tar.bz2 damaged in its first bytes: refused saying it is a tar/archive
  arcv2       an ARC version 2 file (Alexa's 10-field header lines), .arc or .arc.gz:
              **read**, each page's prose (or refused saying version 2 and to convert it)

Not generated, and why: permission-denied files (the sweeps run as root, where a mode does
not deny), files that change while being read (``bad_surroundings_gen``'s churn), symlink
loops (``bad_kinds_gen``'s names).

Checked through the real readers (``bad_kinds_gen.check_case``: ``read_file`` over
``list_input_files``, and the real cleaning where the text is a page's prose). A case may
carry a refusal it accepts instead of the read (`refusal`). `--runs N` puts N trees (one
case of each kind, big archives small) through the real `corpus-clean run` twice: exit 0,
manifest balanced, the rerun changes nothing. Prints one line per failure and the counts
by kind; exit 1 on any.
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import random
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bad_kinds_gen  # noqa: E402 - (first: it puts the tree measured, `--tree` or this one, on the path)
from bad_kinds_gen import Case, Expect, check_case, text_of  # noqa: E402
from bad_dumps_gen import _jsonl  # noqa: E402

KINDS = ["bigarchive", "jsonfeed", "misnamed", "gzconcat", "midbom", "nulpad", "oddnames", "tardamage", "arcv2"]


@dataclass
class CorpusCase(Case):
    refusal: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a refusal accepted instead: file → words
    custom: object = None  # a check of its own: (case, items) → failures


def _page(prose: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry</title></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry</h1>'
            f'<p>{prose}</p></article><footer>Contact us</footer></body></html>')


def _compress(data: bytes, how: str) -> bytes:
    return {"tar": bytes, "gz": gzip.compress, "bz2": bz2.compress}[how](data)


def _tar(members: list[tuple[bytes | str, bytes]], encoding: str = "utf-8") -> bytes:
    sink = io.BytesIO()
    with tarfile.open(fileobj=sink, mode="w", format=tarfile.GNU_FORMAT, encoding=encoding,
                      errors="surrogateescape") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name if isinstance(name, str) else name.decode(encoding))
            info.size, info.mtime = len(data), 1_790_000_000
            tar.addfile(info, io.BytesIO(data))
    return sink.getvalue()


def _zip(members: list[tuple[str, bytes]], stored: bool = False) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return sink.getvalue()


# ----------------------------------------------------------------------------- big archives
def kind_bigarchive(rng: random.Random, most: int = 1500) -> Case:
    """A day's articles, one file each, in dated folders: every member's records."""
    how = rng.choice(["zip", "tar", "gz", "bz2"])
    count = rng.randint(501, most)
    members, texts = [], {}
    for k in range(count):
        folder = f"2026/11/{k % 28 + 1:02d}"
        if rng.random() < 0.2:
            lines = [text_of(rng, 1, 2) for _ in range(rng.randint(1, 3))]
            name, data = f"{folder}/batch-{k:05d}.jsonl", _jsonl([{"id": f"{k}-{j}", "text": t} for j, t in enumerate(lines)])
        else:
            lines = [text_of(rng, 1, 2)]
            name, data = f"{folder}/story-{k:05d}.txt", lines[0].encode()
        members.append((name, data))
        texts[name] = lines
    archive = f"day.{ {'zip': 'zip', 'tar': 'tar', 'gz': 'tar.gz', 'bz2': 'tar.bz2'}[how] }"
    data = _zip(members) if how == "zip" else _compress(_tar(members), how)
    records = [Expect(text) for name in sorted(texts, key=lambda n: f"{archive}/{n}") for text in texts[name]]
    return CorpusCase(f"bigarchive:{how}", {archive: data}, records=records)


# ----------------------------------------------------------------------------- JSON Feed
def kind_jsonfeed(rng: random.Random) -> Case:
    """A JSON Feed: one record per item, its text the item's prose."""
    version = rng.choice(["https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"])
    items, proses = [], []
    for k in range(rng.randint(1, 4)):
        paragraphs = [text_of(rng, 1, 2) for _ in range(rng.randint(1, 2))]
        item = {"id": f"https://news.example/{k}", "url": f"https://news.example/{k}", "title": f"Story {k}",
                "date_published": "2026-11-05T10:00:00Z"}
        how = rng.choice(["html", "text", "both", "summary"])
        if how in ("html", "both"):
            item["content_html"] = "".join(f"<p>{p}</p>" for p in paragraphs)
        if how in ("text", "both"):
            item["content_text"] = "\n\n".join(paragraphs)
        if how == "summary":
            item["summary"] = " ".join(paragraphs)
        items.append(item)
        proses.append(" ".join(paragraphs))
    feed = {"version": version, "title": "City news", "home_page_url": "https://news.example/",
            "feed_url": "https://news.example/feed.json", "items": items}
    name = rng.choice(["feed.json", "news.json", "feed.jsonl"])
    data = json.dumps(feed, ensure_ascii=False, indent=None if name.endswith("l") or rng.random() < 0.5 else 2)
    return CorpusCase("jsonfeed", {name: data.encode()}, records=[Expect(p) for p in proses], clean=True,
                      refusal={name: ("json feed",)})


# ----------------------------------------------------------------------------- misnamed
def kind_misnamed(rng: random.Random) -> Case:
    """Bytes of one format under another's name: read by the bytes, or refused naming them."""
    texts = [text_of(rng) for _ in range(rng.randint(1, 3))]
    what = rng.choice(["jsonl-as-json", "jsonl-as-txt", "jsonl-as-html", "array-as-jsonl", "html-as-txt",
                       "html-as-jsonl"])
    records = [Expect(t) for t in texts]
    if what.startswith("jsonl"):
        name = {"jsonl-as-json": "export.json", "jsonl-as-txt": "export.txt", "jsonl-as-html": "export.html"}[what]
        return CorpusCase(f"misnamed:{what}", {name: _jsonl([{"id": k, "text": t} for k, t in enumerate(texts)])},
                          records=records, refusal={name: ("json lines", "rename|name it")})
    if what == "array-as-jsonl":
        data = json.dumps([{"id": k, "text": t} for k, t in enumerate(texts)], indent=rng.choice([None, 2]))
        return CorpusCase(f"misnamed:{what}", {"export.jsonl": data.encode()}, records=records,
                          refusal={"export.jsonl": ("json", "rename|name it")})
    prose = " ".join(texts)
    name = "page.txt" if what == "html-as-txt" else "page.jsonl"
    return CorpusCase(f"misnamed:{what}", {name: _page(prose).encode()}, records=[Expect(prose)], clean=True,
                      refusal={name: ("html", "rename|name it")})


# ----------------------------------------------------------------------------- gzip members joined
def kind_gzconcat(rng: random.Random) -> Case:
    """gzip members one after another, or a gzip stream followed by NUL padding."""
    what = rng.choice(["txt", "html", "jsonl-padded"])
    if what == "jsonl-padded":
        texts = [text_of(rng) for _ in range(rng.randint(1, 3))]
        data = gzip.compress(_jsonl([{"text": t} for t in texts])) + b"\0" * rng.choice([512, 4096, 65536])
        return CorpusCase("gzconcat:padded", {"rows.jsonl.gz": data}, records=[Expect(t) for t in texts],
                          refusal={})
    parts = [text_of(rng) for _ in range(rng.randint(2, 3))]
    if what == "txt":
        data = b"".join(gzip.compress((p + "\n").encode()) for p in parts)
        return CorpusCase("gzconcat:txt", {"notes.txt.gz": data}, records=[Expect("\n".join(parts))])
    # (a page written in pieces, each gzip'd: the page is their concatenation)
    page = _page(" ".join(parts)).encode()
    cut = [0, len(page) // 3, 2 * len(page) // 3, len(page)]
    data = b"".join(gzip.compress(page[a:b]) for a, b in zip(cut, cut[1:]))
    return CorpusCase("gzconcat:html", {"page.html.gz": data}, records=[Expect(" ".join(parts))], clean=True)


# ----------------------------------------------------------------------------- BOMs in the middle
def kind_midbom(rng: random.Random) -> Case:
    """Two UTF-8 files with their BOMs joined by ``cat``: the inner BOM is not text."""
    first, second = text_of(rng), text_of(rng)
    if rng.random() < 0.5:
        data = ("\ufeff" + first + "\n").encode() + ("\ufeff" + second + "\n").encode()
        return CorpusCase("midbom:txt", {"joined.txt": data}, records=[Expect(f"{first}\n{second}")])
    data = ("\ufeff" + _page(first)).encode() + b"\n" + ("\ufeff" + _page(second)).encode()
    return CorpusCase("midbom:html", {"joined.html": data}, records=[Expect(f"{first} {second}")], clean=True)


# ----------------------------------------------------------------------------- NUL padding
def kind_nulpad(rng: random.Random) -> Case:
    """A block of NULs after the last record or between two: every record read."""
    texts = [text_of(rng) for _ in range(rng.randint(2, 4))]
    fmt = rng.choice(["jsonl", "txt", "csv"])
    where = rng.choice(["end", "between"])
    pad = b"\0" * rng.choice([1, 100, 4096, 65536, 1 << 20])
    if fmt == "jsonl":
        lines = [json.dumps({"id": k, "text": t}).encode() + b"\n" for k, t in enumerate(texts)]
    elif fmt == "csv":
        lines = [b"id,text\n"] + [f'{k},"{t}"\n'.encode() for k, t in enumerate(texts)]
    else:
        texts = ["\n".join(texts)]
        lines = [t.encode() + b"\n" for t in texts[0].split("\n")]
    at = len(lines) if where == "end" else rng.randrange(2 if fmt == "csv" else 1, len(lines))
    data = b"".join(lines[:at]) + pad + b"".join(lines[at:])
    name = f"rows.{fmt}"
    case = CorpusCase(f"nulpad:{fmt}-{where}", {name: data}, records=[Expect(t) for t in texts])
    case.custom = _allow_nul_reasons if fmt != "txt" else _check_nul_text
    return case


def _check_nul_text(case: CorpusCase, root: Path) -> list[str]:
    """(bad29, round 26: the expectation amended, the code kept) A text file with NULs: its
    text read whole, NULs aside -- clean, or, for a block *inside* the text (a crash's hole:
    text may be missing there), quarantined saying where the NULs were, the text kept. A
    single NUL stays in the raw text (the input as it is; cleaning removes it)."""
    from corpus_clean.readers import Document

    bad_kinds_gen.write_case(case, root)
    items = _items(root)
    docs = [item for _, item in items if isinstance(item, Document)]
    if len(docs) != 1:
        return [f"{len(docs)} records read, 1 written: {[bad_kinds_gen._said(i)[:100] for _, i in items]}"]
    (doc,), wanted = docs, case.records[0].text
    failures = []
    if doc.raw_text.replace("\x00", "").strip() != wanted:
        failures.append(f"silent wrong: read as {doc.raw_text[:60]!r}")
    if doc.problems and not ("nul" in bad_kinds_gen._said(doc) and "hole" in bad_kinds_gen._said(doc)):
        failures.append(f"flagged ({bad_kinds_gen._said(doc)[:150]}) though readable")
    if doc.problems and case.kind.endswith("-end"):
        failures.append(f"padding at the end flagged: {bad_kinds_gen._said(doc)[:150]}")
    return failures


def _allow_nul_reasons(failures: list[str]) -> list[str]:
    """A skip entry for the NUL block is allowed when it says NULs (or padding)."""
    return [f for f in failures if not ("unexpected" in f and ("nul" in f.lower() or "padding" in f.lower()))]


# ----------------------------------------------------------------------------- odd member names
def _renamed(data: bytes, placeholder: bytes, name: bytes) -> bytes:
    """A stored zip's placeholder name (in the local header and the central directory)
    replaced by `name`'s bytes, which have the same length (no UTF-8 flag is set)."""
    assert len(placeholder) == len(name)
    return data.replace(placeholder, name)


def kind_oddnames(rng: random.Random) -> Case:
    """Members named in a legacy code page: each member's records read."""
    names = rng.sample(["résumé.txt", "Zürich-Bericht.txt", "記事一覧.txt", "новости.txt", "plain.txt"],
                       rng.randint(1, 3))
    how = rng.choice(["zip", "tar", "gz"])
    texts = {name: text_of(rng) for name in names}
    if how == "zip":
        members, renames = [], []
        for k, name in enumerate(names):
            codec = "cp932" if any(ord(c) > 0x3000 for c in name) else "cp866" if "н" in name else "cp437"
            raw = name.encode(codec)
            placeholder = f"P{k}".encode().ljust(len(raw) - 4, b"Q") + b".txt"
            members.append((placeholder.decode(), texts[name].encode()))
            renames.append((placeholder, raw))
        data = _zip(members, stored=True)
        for placeholder, raw in renames:
            data = _renamed(data, placeholder, raw)
        archive = "legacy.zip"
    else:
        encoding = "latin-1"
        ok = [n for n in names if all(ord(c) < 256 for c in n)] or ["plain.txt"]
        texts = {name: texts.get(name) or text_of(rng) for name in ok}
        data = _compress(_tar([(name.encode(encoding), texts[name].encode()) for name in ok], encoding), how)
        archive = "legacy.tar" if how == "tar" else "legacy.tar.gz"
    # (the order members are read in: by their source, which differs by decoding; compared as a set)
    case = CorpusCase(f"oddnames:{how}", {archive: data}, records=[Expect(t) for t in texts.values()])
    case.custom = "unordered"
    return case


# ----------------------------------------------------------------------------- damaged tar
def kind_tardamage(rng: random.Random) -> Case:
    """A tar.gz damaged in the middle (members before read, the rest said) or in its first
    bytes (refused saying tar)."""
    how = rng.choice(["gz", "bz2"])
    members = [(f"m{k:02d}.txt", (text_of(rng, 3, 5) + "\n").encode() * 20) for k in range(rng.randint(3, 8))]
    data = _compress(_tar(members), how)
    name = "pages.tar.gz" if how == "gz" else "pages.tar.bz2"
    if rng.random() < 0.4:
        at = rng.randrange(0, 4)  # (the magic number, method and flags: mtime and OS bytes change nothing)
        data = data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:]
        return CorpusCase(f"tardamage:first-bytes-{how}", {name: data}, skips={name: ("tar",)})
    at = rng.randrange(len(data) // 3, 2 * len(data) // 3)
    data = data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:]
    case = CorpusCase(f"tardamage:middle-{how}", {name: data})
    case.custom = ("every member", name, [(m, d.decode().strip()) for m, d in members])
    return case


# ----------------------------------------------------------------------------- ARC version 2
def kind_arcv2(rng: random.Random) -> Case:
    """An ARC version 2 file: each page read (or refused saying version 2)."""
    proses = [text_of(rng) for _ in range(rng.randint(1, 3))]
    spec = b"2 0 Alexa Internet\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length\n"
    out = [b"filedesc://crawl.arc 0.0.0.0 20061105100000 text/plain 200 - - 0 crawl.arc %d\n" % len(spec) + spec + b"\n"]
    for k, prose in enumerate(proses):
        body = _page(prose).encode()
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        out.append(b"http://news.example/%d 10.0.0.%d 20061105100000 text/html 200 4FDE8A1B - %d crawl.arc %d\n"
                   % (k, k + 1, 1000 * k, len(http)) + http + b"\n")
    name = rng.choice(["crawl.arc", "crawl.arc.gz"])
    data = b"".join(out)
    if name.endswith(".gz"):
        data = b"".join(gzip.compress(part) for part in out)
    return CorpusCase("arcv2", {name: data}, records=[Expect(p) for p in proses], clean=True,
                      refusal={name: ("version 2", "convert")})


MAKERS = {"bigarchive": kind_bigarchive, "jsonfeed": kind_jsonfeed, "misnamed": kind_misnamed,
          "gzconcat": kind_gzconcat, "midbom": kind_midbom, "nulpad": kind_nulpad, "oddnames": kind_oddnames,
          "tardamage": kind_tardamage, "arcv2": kind_arcv2}


def make_case(seed: int, kind: str | None = None) -> Case:
    rng = random.Random(seed)
    return MAKERS[kind or KINDS[seed % len(KINDS)]](rng)


# ----------------------------------------------------------------------------- checking
def check(case: CorpusCase, root: Path) -> list[str]:
    """``check_case``, then the case's own allowances: a refusal it accepts instead, NUL
    blocks said, members read in another order, every member of a damaged tar accounted."""
    started = time.perf_counter()
    if isinstance(case.custom, tuple):
        return _check_every_member(case, root)
    if case.custom is _check_nul_text:
        return _check_nul_text(case, root)
    failures = check_case(case, root)
    if case.custom == "unordered" and failures:
        failures = _check_unordered(case, root)
    elif callable(case.custom):
        failures = case.custom(failures)
    if failures and case.refusal:
        refused = Case(case.kind, case.files, skips=case.refusal)
        if not check_case(refused, root.with_name(root.name + "-refusal")):
            failures = []
    took = time.perf_counter() - started
    if took > 60:
        failures.append(f"took {took:.0f} s")
    return failures


def _items(root: Path) -> list:
    from corpus_clean.readers import list_input_files, read_file

    return [(f.source, item) for f in list_input_files(str(root)) for item in read_file(f)]


def _check_unordered(case: Case, root: Path) -> list[str]:
    from corpus_clean.readers import Document

    items = _items(root)
    read = sorted(item.raw_text.strip() for _, item in items if isinstance(item, Document) and not item.problems)
    others = [bad_kinds_gen._said(item)[:150] for _, item in items
              if not (isinstance(item, Document) and not item.problems)]
    wanted = sorted(expect.text for expect in case.records)
    return [] if read == wanted else [f"read {len(read)} of {len(wanted)} records exactly; others: {others[:3]}"]


def _check_every_member(case: CorpusCase, root: Path) -> list[str]:
    """A tar damaged part way: each member read exactly, or named (or after the damage, the
    archive said to be damaged from there on); nothing raised."""
    from corpus_clean.readers import Document

    _, archive, members = case.custom
    bad_kinds_gen.write_case(case, root)
    try:
        items = _items(root)
    except Exception as error:  # noqa: BLE001 - a crash is a failure here
        return [f"raised {type(error).__name__}: {error}"]
    read = {source: item for source, item in items if isinstance(item, Document) and not item.problems}
    said = " ".join(f"{source} {bad_kinds_gen._said(item)}" for source, item in items
                    if not (isinstance(item, Document) and not item.problems)).lower()
    failures = []
    for member, text in members:
        source = f"{archive}/{member}"
        if source in read:
            if read[source].raw_text.strip() != text:
                failures.append(f"{source}: silent wrong: read as {read[source].raw_text[:60]!r}")
        elif source.lower() not in said and not ("tar" in said and ("damaged" in said or "cannot be listed" in said)):
            failures.append(f"{source}: lost without a word (said: {said[:200]})")
    return failures


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One case of each kind (each from its own seed) in its own folder, for the real run
    (a big archive of at most 600 members)."""
    root.mkdir()
    for k, kind in enumerate(KINDS):
        case = kind_bigarchive(random.Random(seed * 100 + k), most=600) if kind == "bigarchive" \
            else make_case(seed * 100 + k, kind)
        bad_kinds_gen.write_case(case, root / f"{k}-{kind}")


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def main() -> int:
    parser = bad_kinds_gen.sweep_parser(__doc__)
    return bad_kinds_gen.sweep(parser.parse_args(), make_case, check, lambda case: case.kind.split(":")[0],
                               "bad-corpus-", check_run)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Kinds of input no other generator makes (round 21): files users have beside the formats
we read, JSON Lines written by hand, and HTML pages with no text of their own.

    python benchmarks/bad_kinds_gen.py [--seeds 300] [--first 0] [--runs 0] [--tree DIR] [--no-sparse] [--verbose]

The six earlier generators (``bad_input_gen``, ``bad_surroundings_gen``, ``bad_input_fuzz``,
``bad_options_gen``, ``decoding_gen``, ``bad_shapes_gen``) write the formats we read, damaged.
Each seed here draws one kind:

  table      a CSV/TSV table with a text column (quoted commas, newlines in cells): read,
             a record a row (round 23; refused before)
  archive    a crawler's WARC (plain or gzipped: read since round 23; under no suffix: refused), a ZIP, a PDF, Markdown notes, an XML feed (read since round 24),
             a tar.gz -- under their own suffix, or text/JSON Lines under no suffix at all
             (a .zip or .tar.gz: read member by member since round 24, expected so since round 26)
  handmade   JSON Lines as people write them: one JSON array element a line (``{...},``
             with ``[`` and ``]`` lines or on the first and last record), ``//`` and ``#``
             comment lines, the elements' commas without the brackets, ``\\r``-only line ends, a trailing comma inside an object, single
             quotes (a Python dict's repr)
  page       an HTML page with no text of its own: a script-drawn app shell (with or
             without a <noscript> notice), a frameset or a page of iframes, a meta-refresh
             or script redirect, a sign-in form, images or players only, navigation and
             footer only, an empty body, a <noscript> crawler view holding the prose, plain
             text given as HTML -- as a .html file, a .html.gz file or a JSON Lines "html"
  names      empty and whitespace-only files among good ones, names with backslashes and
             bytes that are not UTF-8, a symlink loop, a .txt/.html file past 2 GB (sparse)

and checks, through the real readers (``read_file`` over ``list_input_files``) and, for
pages, the real cleaning (``clean_documents``): nothing raises; every record whose text is
there is read exactly; everything else is skipped or quarantined *with a reason that says
what it is* (the table, the archive, the comment, the frames, the redirect's target...),
never lost without a word. `--runs N` puts N seeds' trees through the real `corpus-clean
run` twice (``bad_input_gen.run_trees``): exit 0, manifest balanced, rerun changes nothing.
`--tree DIR` reads with the code of another tree (main's, for the before column).

Prints one line per failure and the counts by kind. Exit 1 on any.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import os
import random
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--tree" in sys.argv:  # before the imports: the tree whose code is measured
    sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])
else:
    sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "benchmarks"))

from corpus_clean.readers import Document, Skipped, Unreadable, list_input_files, read_file  # noqa: E402
from corpus_clean.page_shape import NOSCRIPT_PROSE_WORDS  # noqa: E402

SENTENCES = [
    "The harbour council met on Tuesday to discuss the ferry timetable.",
    "Residents said the late bus was often full by the second stop.",
    "Le conseil municipal a discuté mardi des nouveaux horaires du bac.",
    "Die Straßenbahn fährt künftig öfter, auch am Wochenende, sagte die Stadt.",
    "Городской совет во вторник обсудил новое расписание паромов.",
    "Engineers found the pier safe after the storm passed, the report said.",
    "The library will open late on Thursdays from the first of March.",
    "Volunteers planted two hundred trees along the river path this spring.",
]
KINDS = ["table", "archive", "handmade", "page", "names"]
SPARSE = "--no-sparse" not in sys.argv  # write the sparse files past 2 GB


@dataclass
class Expect:
    """One record: read exactly as `text`, or (`text` None) flagged saying every one of `says`."""

    text: str | None
    says: tuple[str, ...] = ()


@dataclass
class Case:
    kind: str
    files: dict[str, bytes]                          # name → bytes
    records: list[Expect] = field(default_factory=list)  # in file name order, then record order
    skips: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file (or "file:line") → words its reason says
    loop: bool = False                               # add a symlink loop named "loop"
    sparse: dict[str, int] = field(default_factory=dict)  # name → size of a sparse file (holes: NUL bytes)
    clean: bool = False                              # check after cleaning (pages), not after reading


def text_of(rng: random.Random, least: int = 1, most: int = 3) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(least, most)))


# ----------------------------------------------------------------------------- kinds
def kind_table(rng: random.Random) -> Case:
    """A CSV or TSV table with a text column: each row read as a record, its text exact."""
    delimiter, suffix = rng.choice([(",", ".csv"), ("\t", ".tsv"), (";", ".csv")])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["id", "text", "lang"])
    texts = []
    for k in range(rng.randint(1, 4)):
        text = text_of(rng) + rng.choice(["", "\nSecond line, with a comma.", ' "quoted" '])
        writer.writerow([k, text, "en"])
        texts.append(text.strip())
    data = out.getvalue().encode(rng.choice(["utf-8", "utf-8-sig"]))
    if rng.random() < 0.3:
        data, suffix = gzip.compress(data), suffix + ".gz"
    return Case("table", {f"rows{suffix}": data}, records=[Expect(text) for text in texts])


def _warc(rng: random.Random) -> bytes:
    return warc_and_prose(rng)[0]


def warc_and_prose(rng: random.Random) -> tuple[bytes, str]:
    """One WARC response record of a small page, and the page's prose."""
    prose = text_of(rng)
    body = f"<html><body><p>{prose}</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/{rng.randint(1, 99)}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n", prose


def kind_archive(rng: random.Random) -> Case:
    """Files of a kind we do not read, each under its suffix or none: skipped saying what it is."""
    choice = rng.choice(["warc", "warc.gz", "zip", "pdf", "md", "xml", "tar.gz", "bare-jsonl", "bare-text",
                         "bare-warc"])
    if choice in ("warc", "warc.gz"):  # (read since round 23: the page's prose in the cleaned text)
        data, prose = warc_and_prose(rng)
        name = f"crawl.{choice}"
        return Case("archive", {name: gzip.compress(data) if choice == "warc.gz" else data},
                    records=[Expect(prose)], clean=True)
    if choice == "bare-warc":
        return Case("archive", {"CC-MAIN-00001": _warc(rng)}, skips={"CC-MAIN-00001": ("warc",)})
    if choice == "zip":
        sink = io.BytesIO()
        text = text_of(rng)
        with zipfile.ZipFile(sink, "w") as archive:
            archive.writestr("a.txt", text)
        name = rng.choice(["pages.zip", "export"])
        if name == "pages.zip":  # (read member by member since round 24: this expectation was stale, bad29)
            return Case("archive", {name: sink.getvalue()}, records=[Expect(text)])
        return Case("archive", {name: sink.getvalue()}, skips={name: ("zip",)})
    if choice == "pdf":
        name = rng.choice(["report.pdf", "report"])
        return Case("archive", {name: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"}, skips={name: ("pdf",)})
    if choice == "md":
        name = rng.choice(["notes.md", "README.markdown", "guide.rst"])
        return Case("archive", {name: f"# Notes\n\n{text_of(rng)}\n".encode()}, skips={name: (".txt",)})
    if choice == "xml":  # (a feed: read since round 24, its item's text in the cleaned text)
        text = text_of(rng)
        data = f'<?xml version="1.0"?><rss><channel><item><description>{text}</description></item></channel></rss>'
        return Case("archive", {"feed.xml": data.encode()}, records=[Expect(text)], clean=True)
    if choice == "tar.gz":
        import tarfile

        sink = io.BytesIO()
        with tarfile.open(fileobj=sink, mode="w:gz") as tar:
            data = text_of(rng).encode()
            info = tarfile.TarInfo("a.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        # (read member by member since round 24: the refusal expected here was stale, bad29)
        return Case("archive", {"pages.tar.gz": sink.getvalue()}, records=[Expect(data.decode())])
    if choice == "bare-jsonl":
        return Case("archive", {"part-00000": json.dumps({"text": text_of(rng)}).encode() + b"\n"},
                    skips={"part-00000": (".jsonl",)})
    return Case("archive", {"LICENSE": text_of(rng).encode()}, skips={"LICENSE": (".txt",)})


def kind_handmade(rng: random.Random) -> Case:
    """JSON Lines as people write it."""
    texts = [text_of(rng) for _ in range(rng.randint(2, 4))]
    lines = [json.dumps({"text": t}, ensure_ascii=rng.random() < 0.5) for t in texts]
    shape = rng.choice(["array-lines", "array-edges", "element-commas", "comments", "cr-only", "inner-comma",
                        "single-quotes"])
    records = [Expect(t) for t in texts]
    skips: dict[str, tuple[str, ...]] = {}
    if shape == "array-lines":
        body = "[\n" + ",\n".join(lines) + "\n]\n"  # (read whole as a JSON document, or line by line)
    elif shape == "array-edges":
        body = "[" + ",\n".join(lines) + "]\n"
    elif shape == "element-commas":  # (an array's elements, its brackets dropped)
        body = ",\n".join(lines) + ",\n"
    elif shape == "comments":
        out, at = [], 0
        for line in lines:
            if rng.random() < 0.6:
                out.append(rng.choice(["// exported by hand", "# source: council minutes", "/* draft */"]))
                skips[f"records.jsonl:{len(out)}"] = ("comment",)
            out.append(line)
            at += 1
        body = "\n".join(out) + "\n"
    elif shape == "cr-only":
        body = "\r".join(lines) + "\r"
    elif shape == "inner-comma":
        k = rng.randrange(len(lines))
        lines[k] = lines[k][:-1] + ",}"
        records[k] = Expect(None, ("comma before }",))
        body = "\n".join(lines) + "\n"
    else:
        k = rng.randrange(len(lines))
        lines[k] = repr({"text": "single quoted record"})
        records[k] = Expect(None, ("single quotes",))
        body = "\n".join(lines) + "\n"
    return Case("handmade", {"records.jsonl": body.encode()}, records, skips)


def _prose(rng: random.Random) -> str:
    """Two to four sentences, at least NOSCRIPT_PROSE_WORDS (20) words (past ~250 characters
    the extraction's lenient reading keeps a <noscript> already). (Two sentences were not
    always 20 words: the Russian one is 8, and two sentences of 19 words are as long as
    the longest notices -- Vue's default is 18 -- so no length tells them apart.)"""
    picked = rng.sample(SENTENCES, rng.randint(2, 4))
    while len(re.findall(r"\w+", " ".join(picked))) < NOSCRIPT_PROSE_WORDS:
        picked.append(rng.choice([s for s in SENTENCES if s not in picked]))
    return " ".join(picked)


def page_of(rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
    """(shape, page, words its reason must say); shape "noscript-prose": the prose is the text."""
    title = f"<title>{rng.choice(['Council', 'Harbour news', 'Start'])}</title>"
    shape = rng.choice(["app-shell", "app-notice", "frameset", "iframes", "meta-refresh", "script-redirect",
                        "sign-in", "images", "players", "furniture", "empty", "noscript-prose", "no-markup"])
    if shape in ("app-shell", "app-notice"):
        mount = rng.choice(["root", "app", "__next", "main-app"])
        scripts = "".join(f'<script src="/static/js/{k}.{rng.randrange(16**6):06x}.js" defer></script>'
                          for k in range(rng.randint(1, 4)))
        notice = f"<noscript>{rng.choice(['You need to enable JavaScript to run this app.', 'Please turn on scripts.'])}</noscript>" \
            if shape == "app-notice" else ""
        return shape, f"<!doctype html><html><head>{title}{scripts}</head><body>{notice}<div id=\"{mount}\"></div></body></html>", ("script", mount)
    if shape == "frameset":
        names = rng.sample(["menu", "main", "index", "contents", "banner"], rng.randint(2, 3))
        frames = "".join(f'<frame src="{name}.html" name="{name}">' for name in names)
        return shape, f'<html><head>{title}</head><frameset cols="25%,*">{frames}</frameset></html>', ("frame", f"{names[0]}.html")
    if shape == "iframes":
        src = f"https://player.example.org/embed/{rng.randint(100, 999)}"
        return shape, f'<html><body><iframe src="{src}" title="video"></iframe></body></html>', ("frame", src)
    if shape == "meta-refresh":
        target = f"https://example.org/{rng.choice(['new', 'moved', 'en'])}/{rng.randint(1, 99)}.html"
        content = rng.choice([f"0; url={target}", f"5;URL='{target}'", f"0;url={target}"])
        return shape, f'<html><head><meta http-equiv="{rng.choice(["refresh", "Refresh"])}" content="{content}">{title}</head><body></body></html>', ("redirect", target)
    if shape == "script-redirect":
        target = f"/{rng.choice(['home', 'start', 'de'])}/index.html"
        code = rng.choice([f'window.location.replace("{target}")', f"location.href = '{target}'",
                           f'window.location = "{target}";'])
        return shape, f"<html><head><script>{code}</script></head><body></body></html>", ("redirect", target)
    if shape == "sign-in":
        return shape, ('<html><body><form method="post" action="/session"><input name="email">'
                       '<input type="password" name="password"><button type="submit">Log in</button></form></body></html>'), ("sign-in",)
    if shape == "images":
        alt = rng.choice(["", "Page one of the minutes", "Map of the ferry routes"])
        imgs = "".join(f'<img src="scan{k}.jpg" alt="{alt}">' for k in range(rng.randint(1, 5)))
        return shape, f"<html><body>{imgs}</body></html>", ("image",)
    if shape == "players":
        tag = rng.choice(["video", "audio", "canvas"])
        return shape, f'<html><body><{tag} src="media.bin"></{tag}></body></html>', ("media",)
    if shape == "furniture":
        return shape, ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                       "<footer>© 2024 The Harbour Times</footer></body></html>"), ("furniture",)
    if shape == "empty":
        return shape, rng.choice(["<html><head></head><body></body></html>", "<html><body>  \n </body></html>"]), ("empty",)
    if shape == "no-markup":
        return shape, text_of(rng), ("no html markup",)
    prose = _prose(rng)
    return shape, f'<html><head><script src="app.js"></script></head><body><div id="app"></div><noscript><p>{prose}</p></noscript></body></html>', (prose,)


def kind_page(rng: random.Random) -> Case:
    """An HTML page with no text of its own, in one of three containers."""
    shape, page, says = page_of(rng)
    container = rng.choice(["html", "html.gz", "jsonl"])
    if container == "html":
        files = {"page.html": page.encode()}
    elif container == "html.gz":
        files = {"page.html.gz": gzip.compress(page.encode())}
    else:
        files = {"pages.jsonl": json.dumps({"id": "p1", "html": page}).encode() + b"\n"}
    expect = Expect(says[0], ()) if shape == "noscript-prose" else Expect(None, says)
    return Case(f"page:{shape}", files, [expect], clean=True)


def kind_names(rng: random.Random) -> Case:
    """Good files beside empty, blank, oddly named ones and a symlink loop."""
    texts = [text_of(rng) for _ in range(rng.randint(1, 3))]
    files: dict[str, bytes] = {}
    records = []
    for k, text in enumerate(texts):
        name = rng.choice([f"a{k}.txt", f"dir\\sub\\b{k}.txt", os.fsdecode(b"caf\xe9-%d.txt" % k), f"C:{k}.txt"])
        files[name] = text.encode()
    for name in sorted(files, key=lambda n: os.fsencode(n)):
        records.append(Expect(files[name].decode()))
    skips = {}
    for k in range(rng.randint(1, 2)):
        name = f"z-empty{k}.{rng.choice(['txt', 'jsonl', 'html', 'json'])}"
        files[name] = rng.choice([b"", b"  \n\t\n", b"\r\n\r\n", b"\xef\xbb\xbf"])
        skips[name] = ("empty|blank",)
    sparse = {}
    if rng.random() < 0.3:  # a file past 2 GB that is one record (a sparse file: nothing written)
        name = f"z-huge.{rng.choice(['txt', 'html'])}"
        size = rng.choice([2, 3, 5]) << 30
        if SPARSE:  # (off for main's tree: it reads such a file whole, 7 GB of memory and more)
            sparse[name] = size
            skips[name] = ("too big",)
    return Case("names", files, records, skips, loop=rng.random() < 0.5, sparse=sparse)


MAKERS = {"table": kind_table, "archive": kind_archive, "handmade": kind_handmade, "page": kind_page,
          "names": kind_names}


def make_case(seed: int, kind: str | None = None) -> Case:
    rng = random.Random(seed)
    return MAKERS[kind or KINDS[seed % len(KINDS)]](rng)


# ----------------------------------------------------------------------------- checking
def write_case(case: Case, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        (root / name).write_bytes(data)
    if case.loop:
        os.symlink(".", root / "loop")
    for name, size in case.sparse.items():
        with open(root / name, "wb") as handle:
            handle.truncate(size)


def _said(item) -> str:
    if isinstance(item, Document):
        return " ".join(detail for _, detail in item.problems).lower()
    return item.reason.lower()


def check_case(case: Case, root: Path) -> list[str]:
    """The real readers (and, for pages, the real cleaning) on the case's tree: the failures."""
    write_case(case, root)
    try:
        items = [(f.source, item) for f in list_input_files(str(root)) for item in read_file(f)]
        docs = [item for _, item in items if isinstance(item, Document)]
        if case.clean:
            from corpus_clean.pipeline import clean_documents

            clean_documents([doc for doc in docs if not doc.problems])
    except Exception as error:  # noqa: BLE001 - a crash is a failure here
        return [f"raised {type(error).__name__}: {error}"]
    failures = []
    others = [(source, item) for source, item in items if not isinstance(item, Document)]
    for where, words in case.skips.items():
        name, _, line = where.partition(":")
        found = [item for source, item in others
                 if source == name and (not line or (item.record_index is not None and item.record_index + 1 == int(line)))]
        if not found:
            failures.append(f"{where}: no skip entry (expected one saying {words})")
        elif not all(any(alt.lower() in _said(item) for item in found for alt in word.split("|")) for word in words):
            failures.append(f"{where}: the reason does not say {words}: {_said(found[0])[:200]}")
    if case.loop and not any(source == "loop" and "loop" in _said(item) for source, item in others):
        failures.append("the symlink loop is not listed as one")
    expected_skips = {w.partition(":")[0] for w in case.skips} | ({"loop"} if case.loop else set())
    # (runs: the sparse files stay out of the real-run trees, whose planning would hash them)
    for source, item in others:
        if source not in expected_skips and not ("blank line" in _said(item)):
            failures.append(f"{source}: unexpected {type(item).__name__}: {_said(item)[:150]}")
    if len(docs) != len(case.records):  # (records out of step: compared no further)
        failures.append(f"{len(docs)} records read, {len(case.records)} written "
                        f"(flagged: {sum(1 for doc in docs if doc.problems)})")
        return failures
    for index, (doc, expect) in enumerate(zip(docs, case.records)):
        text = doc.text if case.clean and not doc.problems else doc.raw_text
        if expect.text is not None:
            if doc.problems:
                failures.append(f"record {index}: flagged ({_said(doc)[:150]}) though readable")
            elif text.strip() != expect.text and not (case.clean and expect.text in " ".join(text.split())):
                failures.append(f"record {index}: silent wrong: read as {text[:60]!r}, written {expect.text[:60]!r}")
            continue
        if not doc.problems and case.clean and not text.strip():
            # (a run quarantines it as "text is blank": not lost, but not said what it is)
            failures.append(f"record {index}: blank, no reason but validation's 'text is blank' "
                            f"(expected one saying {expect.says})")
        elif not doc.problems:
            failures.append(f"record {index}: not flagged, read as {text[:60]!r} "
                            f"(expected a reason saying {expect.says})")
        elif not all(word.lower() in _said(doc) for word in expect.says):
            failures.append(f"record {index}: the reason does not say {expect.says}: {_said(doc)[:200]}")
    return failures


def kind_of(what: str) -> str:
    """A failure's kind: a crash, a reason that does not say what is wrong, a readable
    record flagged, or data lost or wrong without a word."""
    if what.startswith("raised"):
        return "raised"
    if "does not say" in what or "no skip entry" in what or "not listed" in what or "text is blank" in what:
        return "reason unclear"
    if "though readable" in what:
        return "readable record flagged"
    if "records read" in what:  # (a comment line or a BOM-only file taken for a record)
        return "records miscounted"
    return "silent wrong or lost"


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One case of each kind (each from its own seed) in its own folder, for the real run."""
    root.mkdir()
    for k, kind in enumerate(KINDS):
        case = make_case(seed * 100 + k, kind)
        case.sparse = {}
        write_case(case, root / f"{k}-{kind.replace(':', '-')}")


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    """`bad_input_gen.check_run` on a tree of this generator's files."""
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def sweep_parser(doc: str) -> argparse.ArgumentParser:
    """The options every sweep of generated cases takes (this generator's and
    ``bad_dumps_gen``'s); each adds its own."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--runs", type=int, default=0, help="trees put through the real corpus-clean run twice")
    parser.add_argument("--tree", default=None, help="read with this tree's code (e.g. a tree of main)")
    parser.add_argument("--verbose", action="store_true")
    return parser


def sweep(args: argparse.Namespace, make, check, group_of, prefix: str, check_tree) -> int:
    """Check each seed's case (``make(seed)``) with ``check(case, folder)`` in a folder of
    its own, put ``--runs`` trees through the real command (``check_tree``, as
    ``bad_input_gen.run_trees`` takes it), then print the failures by kind; 1 if any.
    ``group_of(case)`` names the count a case goes under in the first line."""
    failures: list[tuple[int, str, str]] = []
    counts: collections.Counter = collections.Counter()
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for seed in range(args.first, args.first + args.seeds):
            case = make(seed)
            counts[group_of(case)] += 1
            for what in check(case, Path(tmp) / str(seed)):
                failures.append((seed, case.kind, what))
                if args.verbose:
                    print(f"seed {seed} {case.kind}: {what}", flush=True)
    if args.runs:
        import bad_input_gen

        for kind, what in bad_input_gen.run_trees(range(args.first, args.first + args.runs), check_tree,
                                                  prefix=f"{prefix}runs-"):
            failures.append((-1, kind, what))
    by_kind = collections.Counter(f"{kind}: {kind_of(what)}" for _, kind, what in failures)
    print(f"{args.seeds} seeds ({dict(sorted(counts.items()))}); runs {args.runs}; failures {len(failures)} "
          f"in {len({seed for seed, _, _ in failures})} seeds")
    for key, count in sorted(by_kind.items()):
        print(f"  {key}: {count}")
    return 1 if failures else 0


def main() -> int:
    parser = sweep_parser(__doc__)
    parser.add_argument("--no-sparse", action="store_true", help="no files past 2 GB (a tree that reads them whole)")
    return sweep(parser.parse_args(), make_case, check_case, lambda case: case.kind.split(":")[0],
                 "bad-kinds-", check_run)

if __name__ == "__main__":
    sys.exit(main())

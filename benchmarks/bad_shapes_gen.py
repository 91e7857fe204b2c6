#!/usr/bin/env python3
"""Input shapes users have that the other generators never make (round 20).

    python benchmarks/bad_shapes_gen.py [--seeds 300] [--first 0] [--runs 0] [--verbose]

`bad_input_gen.py` composes containers, formats, encodings and damage over records whose
text is where the README says it goes; `bad_input_fuzz.py` mutates valid files;
`decoding_gen.py` asks whether the text survives its encoding. None of them writes the
shapes a feed has when its text is *not* where we look, or when files were put together
by hand. Each seed here draws a few records and one shape:

  field      the record's text in a differently named field ("content", "body": read since
             round 22; "Text": said), nested
             ("data.text", "doc.content.text"), an array of strings, a number, null, a
             boolean, an object
  wrapped    a JSON document whose records sit in one field ({"data": [...]}, "items",
             "results", "rows"), as API exports are
  joined     a UTF-8 JSONL file with a second file appended (``cat``; PowerShell's ``>>``):
             UTF-16 LE/BE or UTF-32 with their BOM, UTF-8 with its BOM; LF or CRLF
  controls   texts holding NULs, C0 controls, zero-width and bidi controls, a BOM in the
             middle, escaped lone surrogates, non-characters -- in JSONL and as .txt
  long       one record far past the record size limit, among ordinary ones
  misnamed   a gzip/bz2/xz/zstd stream (whole or cut short) under a plain name (.jsonl,
             .json, .txt, .parquet), or JSONL under .parquet
  parquet    the text column named otherwise, a list of strings, an integer, a struct

and checks, record by record, through the real readers (``read_file``): nothing raises;
a record whose text is readable is read exactly (its text as written) and not flagged; a
record that cannot be (no text where we look, a lone surrogate, a damaged stream) is
quarantined or its file skipped *with a reason that says what is wrong* (the field, its
kind, where the text is, what the bytes are): never lost silently, never a clean row of
the wrong text. `--runs N` puts N seeds' trees (one file of each shape) through the real
`corpus-clean run` twice (``bad_input_gen.run_trees``): exit 0, the manifest balances,
the rerun changes nothing.

Prints one line per failure (seed, shape, what) and the counts by shape. Exit 1 on any.
"""
from __future__ import annotations

import argparse
import bz2
import codecs
import collections
import gzip
import io
import json
import lzma
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from corpus_clean.readers import MAX_RECORD_CHARS, Document, Skipped, Unreadable, read_file  # noqa: E402

SENTENCES = [
    "The harbour council met on Tuesday to discuss the ferry timetable.",
    "Residents said the late bus was often full by the second stop.",
    "Le conseil municipal a discuté mardi des nouveaux horaires du bac.",
    "Die Straßenbahn fährt künftig öfter, auch am Wochenende.",
    "Городской совет во вторник обсудил новое расписание паромов.",
    "市议会星期二讨论了渡轮的新时刻表。",
    "يقول السكان إن الحافلة تكون ممتلئة غالبا عند المحطة الثانية.",
    "Engineers found the pier safe after the storm 🌊 passed.",
]
SHAPES = ["field", "wrapped", "joined", "controls", "long", "misnamed", "parquet"]


@dataclass
class Expect:
    """What one record must come out as: `text` read exactly and clean, or (`text` None)
    flagged with a reason holding every one of `says` (lower-cased)."""

    text: str | None
    says: tuple[str, ...] = ()


@dataclass
class Case:
    shape: str
    name: str
    data: bytes
    expect: list[Expect] = field(default_factory=list)
    whole_file_reason: tuple[str, ...] = ()  # a file that must be skipped, saying these


def text_of(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))


def jsonl(records: list[dict], newline: str = "\n") -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + newline for r in records).encode()


def shape_field(rng: random.Random) -> Case:
    """Records whose text is not a string "text": each names what it holds instead."""
    records, expect = [], []
    for i in range(rng.randint(2, 5)):
        text = text_of(rng)
        kind = rng.choice(["ok", "renamed", "nested", "deep", "array", "number", "null", "bool", "object", "html_array"])
        if kind == "ok":
            records.append({"id": i, "text": text})
            expect.append(Expect(text))
        elif kind == "renamed":
            name = rng.choice(["content", "body", "raw_content", "Text"])
            records.append({"id": i, name: text})
            # (round 22: the one of "content", "body", "raw_content" a record holds is its text)
            expect.append(Expect(text) if name != "Text" else Expect(None, (name.lower(),)))
        elif kind == "nested":
            records.append({"id": i, "data": {"text": text}})
            expect.append(Expect(None, ("data.text",)))
        elif kind == "deep":
            records.append({"id": i, "doc": {"content": {"text": text}}})
            expect.append(Expect(None, ("doc.content.text",)))
        elif kind == "array":
            records.append({"id": i, "text": text.split(". ")})
            expect.append(Expect(None, ('"text" is an array',)))
        elif kind == "html_array":
            records.append({"id": i, "html": [f"<p>{text}</p>"]})
            expect.append(Expect(None, ('"html" is an array',)))
        elif kind == "number":
            records.append({"id": i, "text": rng.choice([12, 3.5, -1])})
            expect.append(Expect(None, ('"text" is a number',)))
        elif kind == "null":
            records.append({"id": i, "text": None})
            expect.append(Expect(None, ('"text" is null',)))
        elif kind == "bool":
            records.append({"id": i, "text": rng.choice([True, False])})
            expect.append(Expect(None, ('"text" is a boolean',)))
        else:
            records.append({"id": i, "text": {"body": text}})
            expect.append(Expect(None, ('"text" is an object',)))
    return Case("field", "records.jsonl", jsonl(records), expect)


def shape_wrapped(rng: random.Random) -> Case:
    """A JSON document wrapping its records in one field: one record, quarantined, saying
    where the records are."""
    key = rng.choice(["data", "items", "results", "rows", "documents"])
    records = [{"id": i, "text": text_of(rng)} for i in range(rng.randint(1, 4))]
    document = {key: records, **({"count": len(records)} if rng.random() < 0.5 else {})}
    data = json.dumps(document, ensure_ascii=False, indent=rng.choice([None, 2])).encode()
    return Case("wrapped", "export.json", data, [Expect(None, (f"{key}[0].text", f'wrapped in "{key}"'))])


def shape_joined(rng: random.Random) -> Case:
    """A UTF-8 JSONL file with another file appended in another encoding."""
    first = [{"id": i, "text": text_of(rng)} for i in range(rng.randint(1, 3))]
    second = [{"id": 100 + i, "text": text_of(rng)} for i in range(rng.randint(1, 3))]
    newline = rng.choice(["\n", "\r\n"])
    encoding = rng.choice(["utf-16", "utf-16-be-bom", "utf-32", "utf-32-be-bom", "utf-8-sig"])
    body = "".join(json.dumps(r, ensure_ascii=False) + newline for r in second)
    if encoding.endswith("-be-bom"):
        codec = encoding[:-4]
        tail = (codecs.BOM_UTF16_BE if codec == "utf-16-be" else codecs.BOM_UTF32_BE) + body.encode(codec)
    else:
        tail = body.encode(encoding)
    data = jsonl(first, newline) + tail
    # UTF-16 big-endian lines read as bytes decode both ways (``readers._wide_line``): flagged
    # when the readings differ, so the second file's records are text or flagged.
    expect = [Expect(r["text"]) for r in first] + [Expect(r["text"], ("byte order",)) for r in second]
    return Case("joined", "joined.jsonl", data, expect)


CONTROL_PIECES = ["\x00", "\x07", "\x1b[31m", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\ufffe",
                  "\x7f", "\x85", "\u2028", "\U0010fffe"]


def shape_controls(rng: random.Random) -> Case:
    """Texts holding control, invisible and non-characters: read as written (the cleaners
    decide), or -- a lone surrogate -- quarantined saying so."""
    records, expect, lines = [], [], []
    for i in range(rng.randint(2, 5)):
        words = text_of(rng).split(" ")
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(CONTROL_PIECES))
        text = " ".join(words)
        if rng.random() < 0.25:
            # a lone surrogate, only expressible as a JSON escape
            line = json.dumps({"id": i, "text": text}, ensure_ascii=False)[:-2] + ' \\udc80"}'
            expect.append(Expect(None, ("lone surrogate",)))
        else:
            line = json.dumps({"id": i, "text": text}, ensure_ascii=rng.random() < 0.5)
            expect.append(Expect(text))
        lines.append(line)
        records.append(text)
    if rng.random() < 0.3:
        # as a .txt file: one record, the text as written (a lone surrogate cannot be in UTF-8)
        text = "\n".join(r for r, e in zip(records, expect) if e.text is not None) or "plain"
        return Case("controls", "notes.txt", text.encode("utf-8", "surrogatepass"), [Expect(text)])
    return Case("controls", "controls.jsonl", ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), expect)


def shape_long(rng: random.Random) -> Case:
    """One record past the size limit among ordinary ones: that one flagged, the others read."""
    records = [{"id": i, "text": text_of(rng)} for i in range(rng.randint(1, 3))]
    at = rng.randrange(len(records) + 1)
    expect = [Expect(r["text"]) for r in records]
    big = "word " * (MAX_RECORD_CHARS // 5 + 10)
    records.insert(at, {"id": "big", "text": big})
    expect.insert(at, Expect(None, ("record", "limit")))
    return Case("long", "long.jsonl", jsonl(records), expect)


def compress(data: bytes, kind: str) -> bytes:
    if kind == "gzip":
        return gzip.compress(data)
    if kind == "bz2":
        return bz2.compress(data)
    if kind == "xz":
        return lzma.compress(data)
    from backports import zstd  # (the project's own dependency; ``zstandard`` is bench-only)
    return zstd.compress(data)


def shape_misnamed(rng: random.Random) -> Case:
    """A compressed stream under a plain name, whole or cut short; or JSONL named .parquet."""
    records = [{"id": i, "text": text_of(rng)} for i in range(rng.randint(1, 4))]
    kind = rng.choice(["gzip", "bz2", "xz", "zstd", "jsonl_as_parquet"])
    if kind == "jsonl_as_parquet":
        return Case("misnamed", "data.parquet", jsonl(records), [], whole_file_reason=("text",))
    fmt = rng.choice([".jsonl", ".json", ".txt", ".parquet"])
    if fmt == ".json":
        plain = json.dumps(records, ensure_ascii=False).encode()
    elif fmt == ".txt":
        plain = records[0]["text"].encode()
        records = records[:1]
    else:
        plain = jsonl(records)
    data = compress(plain, kind)
    if fmt == ".parquet":
        return Case("misnamed", "data.parquet", data, [], whole_file_reason=(kind,))
    if rng.random() < 0.3:
        data = data[: rng.randint(len(data) // 3, len(data) - 8)]
        # a cut stream: records before the cut may be read; none silently wrong, the cut said
        return Case("misnamed", f"data{fmt}", data, [Expect(r["text"], ("",)) for r in records],
                    whole_file_reason=("?",))
    return Case("misnamed", f"data{fmt}", data, [Expect(r["text"]) for r in records])


def shape_parquet(rng: random.Random) -> Case:
    """A Parquet file whose text is not a string column named "text" or "html"."""
    texts = [text_of(rng) for _ in range(rng.randint(1, 3))]
    kind = rng.choice(["renamed", "list", "int", "struct"])
    if kind == "renamed":  # (round 22: "content" is read as the text; another name says so)
        name = rng.choice(["content", "article"])
        table = pa.table({name: texts})
        expect, whole = ([Expect(t) for t in texts], ()) if name == "content" else \
            ([], ("no 'text' or 'html' column", name))
    elif kind == "list":
        table = pa.table({"text": pa.array([t.split(". ") for t in texts])})
        expect, whole = [Expect(None, ("not a string",)) for _ in texts], ()
    elif kind == "int":
        table = pa.table({"text": list(range(len(texts)))})
        expect, whole = [Expect(None, ("not a string",)) for _ in texts], ()
    else:
        table = pa.table({"doc": pa.array([{"text": t} for t in texts])})
        expect, whole = [], ("no 'text' or 'html' column", "doc")
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return Case("parquet", "table.parquet", sink.getvalue(), expect, whole_file_reason=whole)


MAKERS = {"field": shape_field, "wrapped": shape_wrapped, "joined": shape_joined, "controls": shape_controls,
          "long": shape_long, "misnamed": shape_misnamed, "parquet": shape_parquet}


def make_case(seed: int, shape: str | None = None) -> Case:
    rng = random.Random(seed)
    return MAKERS[shape or SHAPES[seed % len(SHAPES)]](rng)


def _reasons(item) -> str:
    if isinstance(item, Document):
        return " ".join(detail for _, detail in item.problems).lower()
    return item.reason.lower()


def check_case(case: Case, workdir: Path) -> list[str]:
    """The real readers on the case's file; the failures, described."""
    path = workdir / case.name
    path.write_bytes(case.data)
    try:
        items = list(read_file(str(path)))
    except Exception as error:  # noqa: BLE001 - a crash is a failure here
        return [f"raised {type(error).__name__}: {error}"]
    docs = [item for item in items if isinstance(item, Document)]
    others = [item for item in items if not isinstance(item, Document)
              and not (isinstance(item, Skipped) and ("blank line" in item.reason or "only nul" in item.reason.lower()))]
    failures = []
    file_reasons = " ".join(_reasons(item) for item in others)
    if case.whole_file_reason and case.whole_file_reason != ("?",):
        if not others and not any(doc.problems for doc in docs):
            failures.append(f"no reason given (expected one saying {case.whole_file_reason})")
        elif not all(word.lower() in file_reasons + " ".join(_reasons(d) for d in docs)
                     for word in case.whole_file_reason):
            failures.append(f"the reason does not say {case.whole_file_reason}: {file_reasons[:200]}")
    for doc in docs:
        if not doc.problems and not any(doc.raw_text == e.text or (doc.html and e.text and e.text in doc.html)
                                        for e in case.expect):
            failures.append(f"silent wrong: record {doc.record_index} read clean as {doc.raw_text[:80]!r}")
    if len(docs) > len(case.expect) and not case.whole_file_reason:
        failures.append(f"{len(docs)} records read, {len(case.expect)} written")
    for index, expect in enumerate(case.expect):
        doc = docs[index] if index < len(docs) else None
        if doc is None:
            if not others:
                failures.append(f"record {index} lost without a reason")
            continue
        if expect.text is not None and doc.raw_text == expect.text and not doc.problems:
            continue  # read exactly
        if not doc.problems:
            if expect.text is not None and doc.raw_text != expect.text:
                failures.append(f"record {index}: read as {doc.raw_text[:60]!r}, written {expect.text[:60]!r}")
            elif expect.text is None:
                failures.append(f"record {index}: not flagged (expected a reason saying {expect.says})")
            continue
        said = _reasons(doc)
        if expect.text is not None and not expect.says:
            failures.append(f"record {index}: flagged ({said[:150]}) though readable")
        elif not all(word.lower() in said for word in expect.says):
            failures.append(f"record {index}: the reason does not say {expect.says}: {said[:200]}")
    return failures


def kind_of(what: str) -> str:
    """A failure's kind: data lost or wrong without a word, a reason that does not say
    what is wrong, a readable record flagged, or a crash."""
    if what.startswith("raised"):
        return "raised"
    if "does not say" in what or "no reason given" in what:
        return "reason unclear"
    if "though readable" in what:
        return "readable record flagged"
    return "silent wrong or lost"


def build_tree(rng: random.Random, root: Path, seed: int) -> None:
    """One file of each shape (each from its own seed), in a tree, for the real run."""
    root.mkdir()
    for k, shape in enumerate(SHAPES):
        case = make_case(seed * 100 + k, shape)
        if shape == "long":
            continue  # (80 MB of text per run: the reader's check is enough)
        (root / f"{k}-{case.name}").write_bytes(case.data)


def check_run(seed: int, base: Path, env: dict) -> list[tuple[str, str]]:
    """`bad_input_gen.check_run` on a tree of this generator's files."""
    import bad_input_gen

    return bad_input_gen.check_run(seed, base, env, build=build_tree)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--runs", type=int, default=0, help="trees put through the real corpus-clean run twice")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    failures: list[tuple[int, str, str]] = []
    counts: collections.Counter = collections.Counter()
    with tempfile.TemporaryDirectory(prefix="bad-shapes-") as tmp:
        for seed in range(args.first, args.first + args.seeds):
            case = make_case(seed)
            counts[case.shape] += 1
            for what in check_case(case, Path(tmp)):
                failures.append((seed, case.shape, what))
                if args.verbose:
                    print(f"seed {seed} {case.shape} {case.name}: {what}", flush=True)
    if args.runs:
        import bad_input_gen

        for kind, what in bad_input_gen.run_trees(range(args.first, args.first + args.runs), check_run,
                                                  prefix="bad-shapes-runs-"):
            failures.append((-1, kind, what))
    by_shape = collections.Counter(shape for _, shape, _ in failures)
    by_kind = collections.Counter(f"{shape}: {kind_of(what)}" for _, shape, what in failures)
    print(f"{args.seeds} seeds ({dict(sorted(counts.items()))}); runs {args.runs}; "
          f"failures {len(failures)} {dict(sorted(by_shape.items()))}")
    for key, count in sorted(by_kind.items()):
        print(f"  {key}: {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

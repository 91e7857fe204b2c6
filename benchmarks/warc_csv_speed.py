#!/usr/bin/env python3
"""Reading speed of WARC, ARC, WET and CSV against JSON Lines of the same texts (round 23; ARC round 24).

    python benchmarks/warc_csv_speed.py [--records 5000] [--repeat 3] [--seed 0]

Writes the same generated texts (a fixed word list: no corpus text) as JSON Lines
(``{"text"}`` and ``{"html"}``), a WET file (conversion records, plain and gzip'd record by
record), a WARC of HTML responses (plain and gzip'd), an ARC of the same responses (written
by hand as ARC version 1: warcio has no ARC writer; plain and gzip'd record by record) and a
CSV table, then times the real
readers (``readers.read_file``, every item consumed) on each in the same process, the best
of `--repeat`. Prints records/s and the ratio to the JSON Lines file of the same content,
and checks every file gave every record (read rate).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from corpus_clean.document import Document  # noqa: E402
from corpus_clean.readers import InputFile, read_file  # noqa: E402

WORDS = ("harbour ferry council budget rain vote school bridge market river night morning timetable crossing "
         "volunteer lighthouse village paint door spring station train platform ticket office").split()


def texts(rng: random.Random, count: int) -> list[str]:
    return ["\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
                      for _ in range(rng.randint(3, 12))) for _ in range(count)]


def page(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"


def warc(items: list[str], kind: str, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for number, text in enumerate(items):
        url = f"http://example.test/{number}"
        if kind == "conversion":
            writer.write_record(writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode()),
                                                          warc_content_type="text/plain"))
        else:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page(text).encode()),
                                                          http_headers=http))
    return out.getvalue()


def arc(items: list[str], gz: bool) -> bytes:
    """An ARC (version 1) of HTML responses: a filedesc record, then one record a page."""
    import gzip

    records = [(b"filedesc://pages.arc 0.0.0.0 20010101000000 text/plain",
                b"1 0 Bench\nURL IP-address Archive-date Content-type Archive-length\n")]
    for number, text in enumerate(items):
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page(text).encode()
        records.append((f"http://example.test/{number} 10.0.0.1 20010101120000 text/html".encode(), http))
    stored = [line + b" %d\n" % len(body) + body + b"\n" for line, body in records]
    return b"".join(gzip.compress(record, mtime=0) for record in stored) if gz else b"".join(stored)


def table(items: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    writer.writerows([number, text] for number, text in enumerate(items))
    return out.getvalue().encode()


def timed(path: Path, repeat: int) -> tuple[float, int]:
    """Best seconds of `repeat` full reads, and the Documents read without a problem."""
    best, good = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        items = list(read_file(InputFile(str(path), path.name, path.stat().st_size)))
        best = min(best, time.perf_counter() - start)
        good = sum(1 for item in items if isinstance(item, Document) and not item.problems)
    return best, good


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    items = texts(random.Random(args.seed), args.records)
    folder = Path(tempfile.mkdtemp(prefix="warc_csv_speed."))
    files = {
        "texts.jsonl": "".join(json.dumps({"text": text}) + "\n" for text in items).encode(),
        "texts.wet": warc(items, "conversion", gz=False),
        "texts.wet.gz": warc(items, "conversion", gz=True),
        "texts.csv": table(items),
        "pages.jsonl": "".join(json.dumps({"html": page(text)}) + "\n" for text in items).encode(),
        "pages.warc": warc(items, "response", gz=False),
        "pages.warc.gz": warc(items, "response", gz=True),
        "pages.arc": arc(items, gz=False),
        "pages.arc.gz": arc(items, gz=True),
    }
    results = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        results[name] = timed(folder / name, args.repeat)
    print(f"{args.records} records, best of {args.repeat}\n")
    print("| file | MB | read (of written) | records/s | vs JSON Lines of the same |")
    print("|---|---|---|---|---|")
    for name, (seconds, good) in results.items():
        base = results["pages.jsonl" if name.startswith("pages") else "texts.jsonl"][0]
        print(f"| {name} | {len(files[name]) / 1e6:.1f} | {good} ({100 * good / args.records:.1f} %) | "
              f"{args.records / seconds:,.0f} | {base / seconds:.2f}× |")


if __name__ == "__main__":
    main()

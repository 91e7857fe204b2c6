#!/usr/bin/env python3
"""Peak memory reading a WARC that holds one large record (round 24).

    python benchmarks/warc_memory.py [--mb 300] [--tree DIR]... [--gzip-body]

Writes (warcio's writer, generated HTML: no corpus text) a WARC of a small page, one
response of `--mb` MB of HTML (with `--gzip-body`: sent gzip'd by the server, so small
on disk and large once decompressed), then another small page. Each tree given (this one
by default; /tmp/main24 for the before column) reads it in a fresh child process with its
own ``readers.read_file``, every item consumed; prints the child's peak RSS and what came
out (pages read, records skipped and why). The file is written by another child: a child's
peak RSS on Linux starts at its parent's.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys
from corpus_clean.document import Document
from corpus_clean.readers import InputFile, read_file
path = sys.argv[1]
out = []
for item in read_file(InputFile(path, "big.warc", 0)):
    if isinstance(item, Document):
        out.append(("quarantined" if item.problems else "read", len(item.html or item.raw_text)))
    else:
        out.append((type(item).__name__, item.reason[:160]))
print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "items": out}))
"""


def write_warc(path: Path, mb: int, gzip_body: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    small = b"<html><body><p>The harbour office posted the winter timetable for the ferry.</p></body></html>"
    big = b"<html><body>" + b"<p>The night ferry crossing was late again.</p>\n" * (mb * 1024 * 1024 // 47) + \
        b"</body></html>"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for url, body in (("http://a.test/1", small), ("http://a.test/big", big), ("http://a.test/2", small)):
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if gzip_body and body is big:
                body = gzip.compress(body, compresslevel=1)
                headers.append(("Content-Encoding", "gzip"))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=300, help="the large record's HTML, in MB")
    parser.add_argument("--tree", action="append", help="a tree of the code to read with (default: this one)")
    parser.add_argument("--gzip-body", action="store_true", help="the large body sent gzip'd (Content-Encoding)")
    parser.add_argument("--write", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_warc(Path(args.write), args.mb, args.gzip_body)
        return
    trees = args.tree or [str(Path(__file__).resolve().parents[1])]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.warc"
        # (written in a child: a child's peak RSS starts from its parent's, fork and exec keep it)
        subprocess.run([sys.executable, __file__, "--write", str(path), "--mb", str(args.mb)]
                       + ["--gzip-body"] * args.gzip_body, check=True)
        print(f"WARC of {path.stat().st_size / 2 ** 20:.0f} MB on disk, one record of {args.mb} MB of HTML"
              f"{' (gzip-encoded)' if args.gzip_body else ''}")
        for tree in trees:
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                                  cwd=tree, env={"PYTHONPATH": tree, "PATH": "/usr/bin:/bin"})
            if done.returncode:
                print(f"{tree}: exit {done.returncode}: {done.stderr[-500:]}")
                continue
            result = json.loads(done.stdout)
            print(f"{tree}: peak RSS {result['rss_mb']:,.0f} MB; items: {result['items']}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB)")


if __name__ == "__main__":
    main()

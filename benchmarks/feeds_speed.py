"""Read speed of the round 24 readers (feeds, saved pages) against JSON Lines of the same
texts, and what sniffing a file's first bytes costs ordinary files (round 24).

    python benchmarks/feeds_speed.py [--items 3000] [--repeat 3] [--tree DIR] [--only SET]

Writes, from one set of generated articles: one JSON Lines file with an "html" field; RSS
2.0 feeds of 50 items each (CDATA content); Atom feeds of 50 entries (escaped HTML); one
MHTML file and one .html file per article; and small ordinary files (one .txt, one .html and
one .jsonl of 5 records per article, 1/5 of them). Reads each set with the real
``read_file`` over ``list_input_files`` and prints the CPU seconds (best of `--repeat`) and
records per second. `--tree DIR` reads with another checkout's code (main's: the ordinary
files' before column; it reads no feed or MHTML). Same script, same process per tree: run it
once per tree and compare the ordinary rows.
"""
from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--tree" in sys.argv:
    sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])
else:
    sys.path.insert(0, str(ROOT))

from corpus_clean.readers import list_input_files, read_file  # noqa: E402

WORDS = ("harbour council ferry pier storm engineers quay timetable residents library volunteers river "
         "über straße гавань паром").split()


def article(rng: random.Random) -> str:
    return "".join("<p>" + " ".join(rng.choices(WORDS, k=rng.randint(20, 60))) + ".</p>" for _ in range(4))


def write_sets(root: Path, items: int) -> dict[str, Path]:
    rng = random.Random(24)
    pages = [article(rng) for _ in range(items)]
    sets = {name: root / name for name in ("jsonl", "rss", "atom", "mhtml", "html", "ordinary")}
    for folder in sets.values():
        folder.mkdir()
    (sets["jsonl"] / "items.jsonl").write_text("".join(json.dumps({"url": f"https://n.test/{k}", "html": page}) + "\n"
                                                       for k, page in enumerate(pages)))
    for start in range(0, items, 50):
        chunk = pages[start:start + 50]
        rss = "".join(f"<item><title>S{start + k}</title><link>https://n.test/{start + k}</link>"
                      f"<content:encoded><![CDATA[{page}]]></content:encoded></item>" for k, page in enumerate(chunk))
        (sets["rss"] / f"f{start}.rss").write_text(
            '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>N</title>{rss}</channel></rss>")
        atom = "".join(f'<entry><title>S{start + k}</title><link href="https://n.test/{start + k}"/>'
                       f'<content type="html">{page.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>'
                       for k, page in enumerate(chunk))
        (sets["atom"] / f"f{start}.atom").write_text(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>'
                                                     f"{atom}</feed>")
    for k, page in enumerate(pages):
        html = f"<html><body><article>{page}</article></body></html>"
        (sets["html"] / f"p{k}.html").write_text(html)
        body = base64.encodebytes(html.encode()).decode()
        (sets["mhtml"] / f"p{k}.mhtml").write_text(
            'MIME-Version: 1.0\nContent-Type: multipart/related; type="text/html"; boundary="B"\n\n--B\n'
            f"Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n{body}\n--B--\n")
    for k, page in enumerate(pages[: items // 5]):
        (sets["ordinary"] / f"o{k}.txt").write_text(page.replace("<p>", "").replace("</p>", "\n"))
        (sets["ordinary"] / f"o{k}.html").write_text(f"<html><body>{page}</body></html>")
        (sets["ordinary"] / f"o{k}.jsonl").write_text("".join(json.dumps({"text": page[:400]}) + "\n" for _ in range(5)))
    return sets


def cpu_to_read(folder: Path) -> tuple[float, int]:
    start = time.process_time()
    records = sum(1 for file in list_input_files(str(folder)) for _ in read_file(file))
    return time.process_time() - start, records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", default=None)
    parser.add_argument("--only", default=None, help="read only this set (e.g. ordinary: under callgrind)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="feeds-speed-") as tmp:
        sets = write_sets(Path(tmp), args.items)
        for name, folder in sets.items():
            if (args.tree and name in ("rss", "atom", "mhtml")) or (args.only and name != args.only):
                continue  # (a tree before round 24 reads none of them)
            best, records = min(cpu_to_read(folder) for _ in range(args.repeat))
            print(f"{name:9} {records:6d} records  {best:7.3f} s CPU  {records / best:9.0f} records/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

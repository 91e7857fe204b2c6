#!/usr/bin/env python3
"""CSV tables damaged at random offsets: how many intact rows are read (round 24).

    PYTHONPATH=TREE python benchmarks/csv_damage_sweep.py SEED CASES

Run it with PYTHONPATH set to each tree (this one, /tmp/main24) for a before/after in the
same script. Each case writes a 30-row table (quoted commas, newlines and quotes in
cells; no corpus text) with Python's csv module, then cuts it at a random offset or
overwrites 1-8 bytes there (bytes that are not UTF-8, commas, quotes, newlines), and reads
it with the real ``read_file``. Every row wholly before the damage is intact; each is
counted read as written, quarantined holding its text, lost with the file saying where
reading stopped (an ``Unreadable``), or lost without a word. Prints the counts.
"""
import csv, io, random, sys, tempfile, pathlib
from corpus_clean.document import Document
from corpus_clean.readers import InputFile, Unreadable, read_file
WORDS = "harbour ferry council budget rain vote school bridge market river night morning".split()
rng = random.Random(int(sys.argv[1]))
counts = dict(cases=0, intact=0, read=0, quarantined=0, said_unreadable=0, lost=0, files_unreadable=0)
d = pathlib.Path(tempfile.mkdtemp())
for case in range(int(sys.argv[2])):
    rows = [(k, " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 20))).capitalize() + "." + rng.choice(["", ", a comma", "\nline two", ' "quoted" ', ",x"])) for k in range(30)]
    out = io.StringIO(); w = csv.writer(out); w.writerow(["id", "text"]); ends = []
    for row in rows:
        w.writerow(row); ends.append(len(out.getvalue().encode()))
    data = out.getvalue().encode(); at = rng.randrange(len(data))
    if case % 3 == 0:
        damaged = data[:at]
    else:
        width = rng.randint(1, 8)
        damaged = data[:at] + bytes(rng.choice([rng.randrange(128, 256), ord(","), ord('"'), ord("\n")]) for _ in range(width)) + data[at + width:]
    p = d / "t.csv"; p.write_bytes(damaged)
    items = list(read_file(InputFile(str(p), "t.csv", len(damaged))))
    docs = [i for i in items if isinstance(i, Document)]
    said = any(isinstance(i, Unreadable) for i in items)
    counts["cases"] += 1; counts["files_unreadable"] += said
    for (_, text), end in zip(rows, ends):
        if end > at: continue
        counts["intact"] += 1
        if any(text == doc.raw_text and not doc.problems for doc in docs): counts["read"] += 1
        elif any(text in doc.raw_text and doc.problems for doc in docs): counts["quarantined"] += 1
        elif said: counts["said_unreadable"] += 1
        else: counts["lost"] += 1
print(counts)

"""Round 23 (second wave): the bad-input failures found out of sample on seeds no round
had used, each as a fault-injection test over generated inputs.

- A JSON array with a few junk bytes inserted into one record: charset detection, unsure,
  guessed a single-byte code page for the whole file, and every record was quarantined
  with its doubt (``bad_input_fuzz.py`` seed 9099).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from corpus_clean.readers import Document, read_file

WORDS = "harbour council ferry pier storm engineers quay café über straße гавань паром 港口 渡轮 المجلس".split()


def damaged_json_array(rng: random.Random) -> tuple[bytes, list[str], int]:
    """A JSON array (compact or indented; each record's non-ASCII written raw or as
    \\u escapes, as writers differ) with 1-16 random bytes inserted into one record's
    text: the bytes, each record's text, and which record was damaged."""
    texts = [f"m{k}m " + " ".join(rng.choices(WORDS, k=rng.randint(10, 40))) + "." for k in range(rng.randint(2, 6))]
    indent = rng.choice([None, 2])
    parts = [json.dumps({"id": f"r{k}", "text": text}, indent=indent, ensure_ascii=rng.random() < 0.5).encode()
             for k, text in enumerate(texts)]
    damaged = rng.randrange(len(parts))
    part = parts[damaged]
    at = rng.randrange(part.index(b'"text": "') + 9, len(part) - 2)
    parts[damaged] = part[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + part[at:]
    return b"[" + (b", " if indent is None else b",\n").join(parts) + b"]", texts, damaged


def test_junk_bytes_inserted_into_one_record_of_a_json_array_cost_that_record_only(tmp_path):
    """A record the junk did not reach reads clean and as written, whatever code page the
    file's bytes look like when the junk is counted in. On the branch point (lead23) 23 of
    these 300 seeds lost intact records (57 records, quarantined as mojibake or doubt): the
    whole file guessed to be a code page, unsure, or UTF-8 with the damaged line read in a
    code page ("utf-8+mac-roman"), the doubt going to every record."""
    lost = []
    for seed in range(300):
        data, texts, damaged = damaged_json_array(random.Random(seed))
        path = tmp_path / f"d{seed}.json"
        path.write_bytes(data)
        clean = {doc.raw_text for doc in read_file(str(path)) if isinstance(doc, Document) and not doc.problems}
        intact = [text for k, text in enumerate(texts) if k != damaged]
        lost += [(seed, text[:12]) for text in intact if text not in clean]
    assert lost == [], f"{len(lost)} intact records lost in {len({s for s, _ in lost})} seeds: {lost[:5]}"

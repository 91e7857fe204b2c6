"""The hand-labelled pages of ``data/labelled/pages.txt`` as labelled documents.

>>> pages = load_pages()
>>> len(pages) >= 30 and all(len(p.lines) == len(p.labels) for p in pages)
True
>>> sorted({p.lang for p in pages})[:3]
['de', 'en', 'es']
"""
from __future__ import annotations

from pathlib import Path

from training.newsgen import NoisyDoc

PAGES = Path(__file__).resolve().parents[1] / "data" / "labelled" / "pages.txt"


def load_pages(path: Path = PAGES) -> list[NoisyDoc]:
    """Each page (``=== name lang`` then ``label | text`` lines) as a NoisyDoc of group "L".

    Pages whose lines are separated by blank lines in the file keep those blank lines;
    the others are one line after another, as flattened HTML would be.
    """
    pages: list[NoisyDoc] = []
    for block in path.read_text(encoding="utf-8").split("=== ")[1:]:
        header, _, body = block.partition("\n")
        name, lang = header.split()
        lines, labels = [], []
        for raw in body.rstrip("\n").split("\n"):
            if not raw.strip():
                continue
            label, sep, text = raw.partition(" | ")
            if not sep:
                raise ValueError(f"{name}: line without a label: {raw!r}")
            lines.append(text)
            labels.append(label.strip())
        pages.append(NoisyDoc(name, "L", lang, lines, labels))
    return pages

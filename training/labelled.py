"""The hand-labelled pages of ``data/labelled/pages.txt`` as labelled documents.

>>> pages = load_pages()
>>> len(pages) >= 30 and all(len(p.lines) == len(p.labels) for p in pages)
True
>>> sorted({p.lang for p in pages})[:3]
['de', 'en', 'es']

Which labelled files may be learnt from and which are the check (``STUDIED``,
``HELD_OUT``): a held-out file is never read for training.

>>> set(STUDIED) & set(HELD_OUT)
set()
>>> studied_pages(["round12_dev.txt"])[0].family != ""
True
"""
from __future__ import annotations

from pathlib import Path

from training.newsgen import NoisyDoc

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"
PAGES = LABELLED / "pages.txt"

# Files the rounds studied line by line (their misses were printed and read): training
# material for the model. pages.txt is the "own pages" set that training.lodo leaves out
# in turn, so it is not listed here.
STUDIED = (
    "round8_dev.txt", "round8_heldout.txt", "round8_long.txt", "round8_short_line_articles.txt",
    "probe_teaser_lists.txt", "round9_dev.txt", "round10_dev.txt", "round11_dev.txt",
    "round12_dev.txt", "round12_probe.txt", "round13_dev.txt", "round14_dev.txt",
    "round15_dev.txt", "round15_probe.txt",  # (studied by news15; added to the list in round 16)
    "round16_dev.txt", "round16_probe.txt",  # (studied by news16)
    "round17_dev.txt", "round17_probe.txt",  # (studied by news17; the probe after one unseen read)
    "round18_dev.txt", "round18_probe.txt",  # (studied by news18; the probe after one unseen read)
    "round19_dev.txt", "round19_probe.txt",  # (studied by news19; the probe after one unseen read)
    "round20_dev.txt", "round20_probe.txt",  # (studied by news20; the probe after one unseen read)
    "round21_dev.txt", "round21_probe.txt",  # (studied by news21; the probe after one unseen read)
    # Released in round 22: held out (totals only) through round 21, then opened for study, so
    # that a round studies pages written by other hands than the rules' author (on held-out
    # sets 34 % of captions are kept, on studied ones 12 %). No longer evidence of anything
    # unseen: the files in HELD_OUT are.
    "round9_heldout.txt", "round9_short_line_heldout.txt", "round10_heldout.txt", "round11_heldout.txt",
    # Released in round 23, for the same reason: pages by more hands to study.
    "round12_heldout.txt", "round12_check.txt", "round13_heldout.txt", "round13_check.txt",
    "round23_dev.txt",  # (written by heldout23 beside round 23's held-out set; studied)
    # Released in round 24, for the same reason: rounds 14-15's held-out sets and checks.
    "round14_heldout.txt", "round14_check.txt", "round15_heldout.txt", "round15_check.txt",
    "round24_dev.txt",  # (written by heldout24 beside round 24's held-out set; studied)
    # Released in round 25, for the same reason: rounds 16-17's held-out sets.
    "round16_heldout.txt", "round17_heldout.txt",
    "round25_dev.txt",  # (written by heldout25 beside round 25's held-out set; studied)
    # Released in round 26, for the same reason: rounds 18-19's held-out sets.
    "round18_heldout.txt", "round19_heldout.txt",
    "round26_dev.txt",  # (written by heldout26 beside round 26's held-out set; studied)
    # Released in round 27, for the same reason: rounds 20-21's held-out sets.
    "round20_heldout.txt", "round21_heldout.txt",
    "round27_dev.txt",  # (written by heldout27 beside round 27's held-out set; studied)
)
# Files only ever read as totals: the check of every change, never trained on.
HELD_OUT = (
    "round22_heldout.txt", "round23_heldout.txt", "round24_heldout.txt", "round25_heldout.txt",
    "round26_heldout.txt", "round27_heldout.txt",
)


def load_pages(path: Path = PAGES) -> list[NoisyDoc]:
    r"""Each page (``=== name lang`` then ``label | text`` lines) as a NoisyDoc of group "L".

    Pages whose lines are separated by blank lines in the file keep those blank lines
    (an empty line labelled None, which no score counts); the others are one line after
    another, as flattened HTML would be. Until round 25 the blank lines were dropped, so
    the cleaner never saw the blank-line pages as they were written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     page = Path(d) / "p.txt"
    ...     _ = page.write_text("=== p en\narticle | One.\n\nnav | Home\n", encoding="utf-8")
    ...     doc = load_pages(page)[0]
    >>> doc.lines, doc.labels, doc.text
    (['One.', '', 'Home'], ['article', None, 'nav'], 'One.\n\nHome\n')
    """
    pages: list[NoisyDoc] = []
    for block in path.read_text(encoding="utf-8").split("=== ")[1:]:
        header, _, body = block.partition("\n")
        name, lang = header.split()
        lines, labels = [], []
        for raw in body.rstrip("\n").split("\n"):
            if not raw.strip():
                lines.append("")
                labels.append(None)
                continue
            label, sep, text = raw.partition(" | ")
            if not sep:
                raise ValueError(f"{name}: line without a label: {raw!r}")
            lines.append(text)
            labels.append(label.strip())
        pages.append(NoisyDoc(name, "L", lang, lines, labels))
    return pages


def studied_pages(files=STUDIED) -> list[NoisyDoc]:
    """The pages of the studied files `files` (names in ``STUDIED``); a held-out file
    raises, so no training run can read one by mistake."""
    pages = []
    for name in files:
        if name not in STUDIED:
            raise ValueError(f"{name} is not a studied labelled file (held out or unknown): never train on it")
        pages += load_pages(LABELLED / name)
    return pages

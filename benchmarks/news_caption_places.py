#!/usr/bin/env python3
"""Where the text path loses a caption with no credit: generated pages in invented words, one
caption (or two) in each of several places and shapes, scored line by line (round 22, news22).

    python benchmarks/news_caption_places.py [-n 40] [--seed 0]

Each page: a header (menu, headline, byline, date, share bar), a story of 5-8 paragraphs in
invented words (three syllable sets, so no rule pack knows a word) naming two or three invented
names, one caption in a PLACE (under the header over the lead, between two paragraphs, right under
the story's last paragraph, under a subheading, over a subheading, two in a row between paragraphs)
and a SHAPE (an open clause of 3-8 words, a full-stop sentence of 5-12 words; naming the story's
names or not), then a footer (related links, copyright). Prints, per place and shape, the share of
captions cut and of article lines kept (the article lines of pages whose story has subheadings
are the check on the other side). Nothing here is labelled data of any set: the words are drawn.

>>> page = make_page(random.Random(1), "between", "clause", named=True)
>>> sum(1 for _, label in page if label == "caption")
1
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_clean.boilerplate import strip_boilerplate_many  # noqa: E402
from training.newsgen import NoisyDoc, removed_lines  # noqa: E402

SYLLABLE_SETS = [["ka", "mbo", "ndi", "zu", "le", "wa", "tso", "ri", "ngo", "be", "sha", "mu"],
                 ["ta", "ku", "ne", "lo", "ri", "sa", "mi", "po", "te", "ha", "vu", "ke"],
                 ["qa", "xi", "lu", "ta", "mo", "ri", "ye", "ka", "su", "no", "pi", "da"]]
PLACES = ("under_header", "between", "after_story", "under_subheading", "over_subheading", "two_between")
SHAPES = ("clause", "sentence")


def _word(rng, syl, lo=1, hi=3) -> str:
    return "".join(rng.choice(syl) for _ in range(rng.randint(lo, hi)))


def _name(rng, syl) -> str:
    return _word(rng, syl, 3, 4).capitalize()


def _paragraph(rng, syl, names, n_words) -> str:
    ws = [_word(rng, syl) for _ in range(n_words)]
    for name in rng.sample(names, k=min(len(names), rng.randint(1, 2))):
        ws[rng.randrange(1, len(ws))] = name
    return " ".join(ws).capitalize() + "."


def _caption(rng, syl, names, shape, named) -> str:
    n = rng.randint(3, 8) if shape == "clause" else rng.randint(5, 12)
    ws = [_word(rng, syl, 1, 2) for _ in range(n)]
    if named:
        for k, name in enumerate(rng.sample(names, k=min(2, len(names)))):
            ws[min(len(ws) - 1, 1 + 2 * k)] = name
    line = " ".join(ws)
    line = line[0].upper() + line[1:]
    return line + ("." if shape == "sentence" else "")


def make_page(rng, place: str, shape: str, named: bool) -> list[tuple[str, str]]:
    """One generated page as (line, label) pairs; labels "article", "caption" or a noise kind."""
    syl = rng.choice(SYLLABLE_SETS)
    names = [_name(rng, syl) for _ in range(3)]
    header = [(_word(rng, syl, 2, 3).capitalize(), "nav") for _ in range(4)]
    header += [(" ".join(_word(rng, syl) for _ in range(7)).capitalize(), "headline"),
               (f"By {_name(rng, syl)} {_name(rng, syl)}", "byline"),
               (f"{rng.randint(1, 28)} December 2026", "dateline"),
               ("Share   Facebook   X   WhatsApp", "share")]
    paras = [(_paragraph(rng, syl, names, rng.randint(16, 30)), "article") for _ in range(rng.randint(5, 8))]
    cap = (_caption(rng, syl, names, shape, named), "caption")
    body = list(paras)
    if place == "under_header":
        body.insert(0, cap)
    elif place == "between":
        body.insert(rng.randint(1, len(paras) - 1), cap)
    elif place == "two_between":
        k = rng.randint(1, len(paras) - 1)
        body[k:k] = [cap, (_caption(rng, syl, names, shape, named), "caption")]
    elif place == "after_story":
        body.append(cap)
    else:
        k = rng.randint(2, len(paras) - 2)
        sub = (" ".join(_word(rng, syl) for _ in range(rng.randint(2, 4))).capitalize(), "article")
        body[k:k] = [sub, cap] if place == "under_subheading" else [cap, sub]
    footer = [("Related", "read_more")] + [(" ".join(_word(rng, syl) for _ in range(6)).capitalize(), "read_more")
                                          for _ in range(3)] + [(f"© 2026 {_name(rng, syl)} News", "copyright")]
    return header + body + footer


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=40, help="pages per place, shape and naming")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    print("| place | shape | names the story | captions cut | article kept |")
    print("|---|---|---|---:|---:|")
    for place in PLACES:
        for shape in SHAPES:
            for named in (True, False):
                pages = [make_page(rng, place, shape, named) for _ in range(args.n)]
                docs = [NoisyDoc("gen", "G", "xx", [l for l, _ in p], [lab for _, lab in p]) for p in pages]
                outs = strip_boilerplate_many(["\n".join(d.lines) + "\n" for d in docs])
                cap = [0, 0]
                art = [0, 0]
                for d, (_, rem) in zip(docs, outs):
                    gone = removed_lines(d, [(r.start, r.end) for r in rem])
                    for label, g in zip(d.labels, gone):
                        if label == "caption":
                            cap[0] += 1
                            cap[1] += g
                        elif label == "article":
                            art[0] += 1
                            art[1] += not g
                print(f"| {place} | {shape} | {'yes' if named else 'no'} | {100 * cap[1] / cap[0]:.0f} % of {cap[0]} "
                      f"| {100 * art[1] / art[0]:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

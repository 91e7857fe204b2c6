"""Round 25 (htmlspeed27): the compiled walks keep more in C, with the same answers.

* ``scores_up`` / ``prose_sums`` add up by element in a C table and make the dicts once: the same keys in
  the same order and the same numbers as the Python twin, on pages big enough for the table to grow;
* a walk reuses a query read before (kept by its tuples): more selector lists than the cache has slots,
  asked in turn, each answered as selectolax's ``css()`` answers it;
* a label walk scans a class or id value once per walk: with other label names in the next walk, the
  answers are the new names' (nothing carried over from the walk before).
"""
from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk
from tests.test_html_linear_passes import sums_as_the_twin

compiled = pytest.mark.skipif(lexbor_walk.active() is None, reason="the compiled walker is not built")

WORDS = ["Words", "and", "more,", "a", "sentence.", "text", "again,", "here"]


def big_page(rng: random.Random) -> str:
    """Sections of nested blocks holding paragraphs, links, bare text and tables: hundreds of scored elements."""
    parts = []
    for _ in range(rng.randrange(20, 120)):
        depth = rng.randrange(1, 6)
        tags = [rng.choice(["div", "section", "article", "td", "blockquote", "main"]) for _ in range(depth)]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 60)))
        inner = f"<a href='/'>{text}</a>" if rng.random() < 0.2 else text
        para = f"<{rng.choice(['p', 'p', 'div', 'li', 'pre'])}>{inner}</p>"
        parts.append("".join(f"<{t}>" for t in tags) + para * rng.randrange(1, 4) + "".join(f"</{t}>" for t in reversed(tags)))
    return "<html><body>" + "".join(parts) + "</body></html>"


@compiled
def test_sums_by_element_as_the_twin_on_big_pages():
    rng = random.Random(27)
    most = 0
    for _ in range(40):
        (scores, _, deep), sums = sums_as_the_twin(LexborHTMLParser(big_page(rng)).body)
        assert all(type(v) is float for v in [*scores.values(), *deep.values()])
        assert all(type(v) is int for d in sums for v in d.values())
        most = max(most, len(deep), len(sums[0]))
    assert most > 512  # (the C table, 128 elements at first, grew three times)


SELECTORS = ["div", "p", "a[href]", "[class]", "[id]", "[class*=box]", "[class^=col i]", "li,p", "span[data-x]",
             "[role=main]", "section,article", "[style*=none]", "td", "a[href^='#']", "[hidden]"]


@compiled
def test_queries_read_again_answer_as_css():
    if not lexbor_walk.queries_built():
        pytest.skip("the compiled query walk is off")
    rng = random.Random(25)
    # 200 distinct selector lists (more than the 128 slots of read queries), some with tags left out
    lists = sorted({",".join(rng.sample(SELECTORS, rng.randrange(1, 4))) for _ in range(600)})[:200]
    queries = [lexbor_walk.Query(css, rng.choice([(), ("p",), ("div", "li")])) for css in lists]
    assert len(queries) == 200
    classes = ["box", "col-md", "COL-x", "nav", "lightbox"]
    for _ in range(30):
        page = "<body>" + "".join(
            f"<{rng.choice(['div', 'p', 'li', 'span', 'a', 'section', 'td'])} "
            f"class='{rng.choice(classes)}' {rng.choice(['', 'id=k', 'href=#x', 'data-x=1', 'hidden', 'role=main', 'style=display:none'])}>"
            f"w" for _ in range(rng.randrange(5, 60))) + "</body>"
        body = LexborHTMLParser(page).body
        for query in rng.sample(queries, 60) * 2:  # (each asked twice: read, then taken from the cache or read again)
            assert [n.mem_id for n in query.select(body)] == [n.mem_id for n in body.css(query.css)]


@compiled
def test_label_scans_are_forgotten_between_walks():
    """The same tree read with one set of label names, then another, then the first: each walk's rows are
    those its own names leave (an answer kept from the walk before would keep or drop the wrong rows)."""
    if not lexbor_walk.queries_built():
        pytest.skip("the compiled query walk is off")
    rng = random.Random(9)
    words = ["nav", "menu", "share", "post", "body", "col", "footer", "item"]
    blobs = [lexbor_walk.label_names_blob(["nav", "menu"]), lexbor_walk.label_names_blob(["share", "footer"])]
    for _ in range(100):
        page = "<body>" + "".join(
            f"<div class='{'-'.join(rng.sample(words, 2))}'>w</div>" for _ in range(rng.randrange(1, 40))) + "</body>"
        body = LexborHTMLParser(page).body
        quiet: dict = {}
        rows = html._JUDGED_LABELS.labels(body, quiet=quiet)
        for blob in (blobs[0], blobs[1], blobs[0]):
            names = blob.decode().split("\0")
            expected = [row for row in rows if not (row[3] is None and all(
                part is None or not any(name in part.lower() for name in names) for part in row[1:3]))]
            assert html._JUDGED_LABELS.labels(body, quiet=quiet, names=blob) == expected

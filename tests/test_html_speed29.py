"""Round 26 (htmlspeed29): a data table's rows counted in one C walk, with the twin's answers.

``html_tables.is_data_table`` asks ``_lexbor_walk.table_rows`` for (rows, data rows) instead of
walking every row, cell and text node in Python. Generated tables of odd markup (nested tables,
links around some words, cells that are neither <td> nor <th>, comments, non-ASCII letters and
digits, symbols only, SVG links, text straight in a row) must give the Python twin's counts, table
by table, and the twin's verdict.
"""
from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_tables, lexbor_walk, native

compiled = pytest.mark.skipif(lexbor_walk.active() is None, reason="the compiled walker is not built")

TEXTS = ["Price", "$199", "4.5/5", " • ", "—", "", " ", "été", "٣", "日本", "½", "…", "_", "x", "\u00a0", "①",
         "<!-- 12 -->", "<b>bold</b>", "<br>", "\u2009–\u2009"]


def _size(text: str) -> int | None:
    """A string's size in memory, which tells its kind (ASCII, Latin-1, UCS-2, UCS-4); None for
    the empty and one-character strings, which CPython shares between callers: the shared one
    may carry a UTF-8 copy another test asked for, so its size says nothing of who made it."""
    import sys

    return sys.getsizeof(text) if len(text) > 1 else None


def cell_text(rng: random.Random, depth: int) -> str:
    """A cell's inside: words, some in links (some nested in inline tags), sometimes a nested table."""
    parts = []
    for _ in range(rng.randrange(0, 4)):
        text = rng.choice(TEXTS)
        roll = rng.random()
        if roll < 0.3:
            text = f"<a href='/x'>{text}</a>"
        elif roll < 0.4:
            text = f"<a href='/y'><span><i>{text}</i></span></a>"
        elif roll < 0.45:
            text = f"<svg><a>{text}</a></svg>"
        elif roll < 0.5 and depth < 2:
            text = table(rng, depth + 1)
        elif roll < 0.55:
            text = f"<span>{text}</span>"
        parts.append(text)
    return "".join(parts)


def table(rng: random.Random, depth: int = 0) -> str:
    rows = []
    for _ in range(rng.randrange(0, 6)):
        cells = []
        for _ in range(rng.randrange(0, 5)):
            tag = rng.choice(["td", "td", "th", "div"])
            cells.append(f"<{tag}>{cell_text(rng, depth)}</{tag}>")
        if rng.random() < 0.1:
            cells.append(rng.choice(["stray words", "<!-- c -->", " "]))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows)
    wrap = rng.random()
    if wrap < 0.3:
        body = f"<tbody>{body}</tbody>"
    elif wrap < 0.4:
        body = f"<thead>{rows[0] if rows else ''}</thead><tbody>{body}</tbody>"
    return f"<table>{body}</table>"


@compiled
def test_table_rows_as_the_twin_on_generated_tables():
    rng = random.Random(29)
    verdicts = set()
    for _ in range(400):
        tree = LexborHTMLParser("<body>" + "".join(table(rng) for _ in range(rng.randrange(1, 3))) + "</body>")
        for node in tree.css("table"):
            compiled_counts = html_tables._row_counts(node)
            with native.twins_only():
                twin_counts = html_tables._row_counts(node)
                twin_verdict = html_tables.is_data_table(node)
            assert compiled_counts == twin_counts, node.html
            assert html_tables.is_data_table(node) == twin_verdict
            verdicts.add(twin_verdict)
    assert verdicts == {True, False}  # (the generated tables are both kinds)


def test_kept_text_as_the_twin_on_generated_cuts():
    """``html.kept_text`` (``_native.kept_text`` when built): the kept segments joined, the same string in the
    same kind (ASCII, Latin-1, UCS-2, UCS-4: a kept part narrower than the text makes a narrower string), for
    cuts that overlap, touch, run past the end or are empty; an offset that is not a non-negative int is left
    to the slices."""
    import sys

    from corpus_clean import html
    from corpus_clean.document import Removal

    rng = random.Random(26)
    alphabet = ["a", " ", "\n", "é", "\xff", "\u0100", "日", "😀"]
    for _ in range(5000):
        chars = alphabet[:rng.randrange(1, len(alphabet) + 1)]
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 60)))
        removed, start = [], 0
        for _ in range(rng.randrange(0, 8)):
            start = max(0, start + rng.randrange(-2, 8))
            end = start + rng.randrange(0, 10)
            removed.append(Removal(start, end, "r", text[start:end]))
        twin = "".join(text[s:e] for s, e in html.kept_segments(text, removed))
        got = html.kept_text(text, removed)
        assert got == twin and _size(got) == _size(twin)
        with native.twins_only():
            assert html.kept_text(text, removed) == twin
    assert html.kept_text("abcdef", [Removal(-2, 1, "r", "")]) == "".join(
        "abcdef"[s:e] for s, e in html.kept_segments("abcdef", [Removal(-2, 1, "r", "")]))


@compiled
def test_rendered_lines_as_the_twin_in_the_same_kind():
    """``_lexbor_walk.lines_of`` makes each line in its kind at once (its widest character counted as it is
    copied, a byte at a time for one-byte pieces): the twin's lines (``html._lines``), equal and of the
    same size, for pieces of every kind (ASCII, Latin-1, UCS-2, UCS-4, control characters, Unicode spaces)."""
    import sys

    from corpus_clean import html

    rng = random.Random(2926)
    alphabet = list("ab \n\t\x01\x1c\x85\u00a0\u00e9\u00ff\u0100\u2028\u3000\u65e5") + ["\U0001F600"]
    for _ in range(3000):
        out, depth = [], 0
        for _ in range(rng.randrange(0, 20)):
            roll = rng.random()
            if roll < 0.15:
                out.append((rng.choice(["html.nav", "html.links"]),))
                depth += 1
            elif roll < 0.25 and depth:
                out.append(html._END)
                depth -= 1
            elif roll < 0.3:
                out.append(None)
            else:
                chars = alphabet[:rng.randrange(1, len(alphabet) + 1)]
                out.append("".join(rng.choice(chars) for _ in range(rng.randrange(0, 14))))
        out += [html._END] * depth
        got, twin = lexbor_walk.active().lines_of(out, "keep", html._END), html._lines(out, "keep")
        assert got == twin
        assert [_size(line) for line, _ in got] == [_size(line) for line, _ in twin]


@compiled
def test_link_densities_as_the_twin_on_nested_candidates():
    """``html.link_densities`` (``_lexbor_walk.text_lengths_many``: the subtrees walked once between the nodes,
    inner ones measured first and not walked again) gives ``link_density`` of each node: nodes nested in each
    other, inside links (nested links counted once each), listed twice, in any order, on generated pages."""
    from corpus_clean import html
    from tests.test_html_speed27 import big_page

    rng = random.Random(2929)
    nested = 0
    for _ in range(60):
        page = big_page(rng).replace("<blockquote>", "<a href='/q'><blockquote>").replace("</blockquote>", "</blockquote></a>")
        tree = LexborHTMLParser(page)
        elements = [n for n in tree.body.traverse() if n.tag != "-text"]
        for _ in range(10):
            nodes = [rng.choice(elements) for _ in range(rng.randrange(1, 8))]
            if rng.random() < 0.5:  # (a chain of ancestors, as best_container's candidates often are)
                node = rng.choice(elements)
                nodes = [node]
                while node.parent is not None and len(nodes) < 6:
                    node = node.parent
                    nodes.append(node)
                rng.shuffle(nodes)
                nested += 1
            with native.twins_only():
                twin = html.link_densities(nodes)
            assert html.link_densities(nodes) == twin == [html.link_density(n) for n in nodes]
    assert nested > 100


def test_link_densities_of_more_nodes_than_one_c_call_takes_equal_the_twins():
    """More nodes than ``text_lengths_many`` takes in one call (its fixed table): measured
    one by one, the same numbers (the C path raised ValueError: review of round 26)."""
    from selectolax.lexbor import LexborHTMLParser

    from corpus_clean.html import LINK_DENSITIES_MAX_NODES, link_densities, link_density

    n = LINK_DENSITIES_MAX_NODES + 5
    tree = LexborHTMLParser("<div>" + "".join(f"<p>a {i} <a href='/'>b{'x' * i}</a></p>" for i in range(n)) + "</div>")
    nodes = tree.css("p")
    assert link_densities(nodes) == [link_density(node) for node in nodes]

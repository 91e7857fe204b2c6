"""Round 22 (htmlspeed22): the same answers at less cost on a cold page.

* ``_lexbor_walk.text_lengths`` (a subtree's stripped text and link text in ONE walk) gives what the two
  walks of ``text_length`` give, and ``html.text_and_link_chars`` what ``stripped_chars`` and ``link_chars``
  give with the compiled walker and with the Python twins, on generated pages (nested links, a link as the
  node itself, blank and non-ASCII texts, comments);
* the modules ``html.py`` imports read its helpers through ``html_queries.html_module()``: reading a page
  runs no function-level ``from corpus_clean.html import name`` (~1-2 us each, ~90 a WCXB page before);
* the label verdicts, now read with the label walk's rows inline (``_verdicts_of_rows``) and known tokens
  read without a call (``label_verdict``), are those of the cold path when the caches are warm.

Fail on main (checked): ``test_text_lengths_as_two_walks``, ``test_text_and_link_chars_as_the_twins`` (neither
function exists there) and ``test_no_function_level_imports_of_html`` (main runs 24 on the page below).
Pass on main (guards): ``test_label_verdicts_warm_as_cold``, ``test_label_reading_warm_as_cold``.
"""
from __future__ import annotations

import builtins
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk, native

compiled = pytest.mark.skipif(lexbor_walk.active() is None or html._compiled_renderer() is None,
                              reason="corpus_clean._lexbor_walk was not built")

TEXTS = ["Words, here.", " ", "  \n ", "été à Paris", "x", "\u00a0nbsp\u00a0", "\u3000全角\u3000", "<!-- a comment -->",
         "<br>", "tail "]
TAGS = ["div", "p", "a", "span", "li", "b", "section"]


def _linked_page(seed: int) -> str:
    rng = random.Random(seed)

    def block(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 4)):
            if depth > 4 or rng.random() < 0.35:
                parts.append(rng.choice(TEXTS))
            else:
                tag = rng.choice(TAGS)
                href = " href='#'" if tag == "a" else ""
                parts.append(f"<{tag}{href}>{block(depth + 1)}</{tag}>")
        return "".join(parts)

    return f"<body>{block(0)}</body>"


def _python_counts(node) -> tuple[int, int]:
    """(len(node.text(strip=True)), the links' stripped text: Lexbor's css("a") matches the node itself too)."""
    return len(node.text(strip=True)), sum(len(a.text(strip=True)) for a in node.css("a"))


@compiled
@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9))
def test_text_lengths_as_two_walks(seed):
    walker = html._compiled_renderer()
    tree = LexborHTMLParser(_linked_page(seed))
    for node in tree.body.traverse(include_text=True):
        assert walker.text_lengths(node, html._A_TAG_ID) == (walker.text_length(node, 0),
                                                               walker.text_length(node, html._A_TAG_ID))
        assert html.text_and_link_chars(node) == _python_counts(node)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_text_and_link_chars_as_the_twins(seed):
    page = _linked_page(seed)
    compiled_counts = [html.text_and_link_chars(node) for node in LexborHTMLParser(page).body.traverse()]
    with native.twins_only():
        twin_counts = [html.text_and_link_chars(node) for node in LexborHTMLParser(page).body.traverse()]
        assert [(html.stripped_chars(node), html.link_chars(node))
                for node in LexborHTMLParser(page).body.traverse()] == twin_counts
    assert compiled_counts == twin_counts


# A page that walks the posts, panels, rails, listings and prose checks (each asked html.py's helpers).
_BUSY_PAGE = (
    "<body><nav class='menu'><a href='/'>Home</a><a href='/a'>About</a></nav>"
    "<article><h1>A title</h1>" + "<p>The story goes on, with words and commas, here and there.</p>" * 6
    + "<div class='faq-panel hidden'><p>" + "An answer to the question, in words. " * 12 + "</p></div>"
    "<button aria-controls='a1' aria-expanded='false'>Do you ship?</button><div id='a1' hidden><p>"
    + "Yes, to forty countries, within a week. " * 5 + "</p></div></article>"
    "<aside class='related'><ul>" + "<li><a href='/x'>Another story of the day, read it</a></li>" * 6 + "</ul></aside>"
    "<section class='comments'><ol>" + "".join(
        f"<li class='comment'><b>Reader {k}</b> · 3 weeks ago<p>I liked it, thanks for the piece, number {k}.</p>"
        f"<a href='#'>Reply</a><button>Helpful ({k})</button></li>" for k in range(4)) + "</ol></section>"
    "<footer><p>© The site</p></footer></body>")


def test_no_function_level_imports_of_html(monkeypatch):
    html.extract_main_text(_BUSY_PAGE)  # (warm: first calls may import)
    imports = []
    real_import = builtins.__import__

    def counting_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "corpus_clean.html" and fromlist:
            imports.append(tuple(fromlist))
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", counting_import)
    html.extract_main_text(_BUSY_PAGE)
    assert imports == []


NAME_PIECES = ["nav", "Share", "comment", "sidebar", "ad", "col", "md", "8", "-", "_", "x", "é", "hidden", "post",
               "body", "no-", "overflow-hidden", "marker:", "entry", "content", "related", "footer"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4), min_size=1, max_size=4),
       st.lists(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4), max_size=6))
def test_label_verdicts_warm_as_cold(tokens, others):
    label = " ".join("".join(token) for token in tokens)
    html.clear_caches()
    cold = html.label_verdict(label)
    html.clear_caches()
    for other in others:  # (some of the label's tokens known, some not)
        html.label_verdict("".join(other))
    assert html.label_verdict(label) == cold
    assert html.parts_verdict(label, None, None) == cold == html._LABEL_CACHE[label]


LABELS = ["", " class='share-bar'", " class='post-body'", " id='comments'", " class='col-md-8'", " class='nav x'",
          " class='sidebar' id='main'", " role='navigation'", " hidden", " style='display:none'", " aria-hidden='true'",
          " class='entry-content related'", " class='widget' id='w1'", " class='été'"]


def _labelled_page(seed: int) -> str:
    rng = random.Random(seed)

    def block(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 4)):
            if depth > 3 or rng.random() < 0.3:
                parts.append(rng.choice(["Words of the story, here.", " ", "Home", "été"]))
            else:
                tag = rng.choice(["div", "p", "section", "ul", "li", "aside"])
                parts.append(f"<{tag}{rng.choice(LABELS)}>{block(depth + 1)}</{tag}>")
        return "".join(parts)

    return f"<body>{block(0)}</body>"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_label_reading_warm_as_cold(seed):
    page = _labelled_page(seed)
    html.clear_caches()
    cold = [(n.mem_id, v) for n, v in html._label_reading(LexborHTMLParser(page).body)[2]]
    body = LexborHTMLParser(page).body  # (the caches now hold the page's labels and tokens)
    warm = [(n.mem_id, v) for n, v in html._label_reading(body)[2]]
    assert [v for _, v in warm] == [v for _, v in cold]
    with native.twins_only():
        assert [v for _, v in html._judged_labels(LexborHTMLParser(page).body)] == [v for _, v in cold]

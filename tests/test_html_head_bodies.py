"""Round 25 (htmlspeed28): the head's script and style bodies left out before the parse change nothing but
those texts. Generated heads mix the markup the HTML standard's tokenizer reads in odd ways (quoted ``>`` in
attributes, quotes in unquoted values, ``</script`` inside strings and titles, ``<!--`` in scripts, uppercase
and spaced end tags, unclosed scripts and comments, JSON-LD, noscript, svg, stray text); every page's tree from
``parse_page`` must be Lexbor's tree of the page as written, node for node, but for the marks; the compiled scan
must equal its Python twin; and a scan that read the page wrongly must give the page as written."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_head_bodies, lexbor_walk, native
from corpus_clean.html import extract_main_text

LONG = "var s = 'words and <b>tags</b> inside a script, long enough to be left out';"
HEAD_PIECES = [
    "<!doctype html>", "<!DOCTYPE html PUBLIC '-//W3C//DTD>' 'x'>", "<html lang='en'>", "<HTML>", "<head>", "<HEAD >",
    "\n", "  \t", "<meta charset=utf-8>", '<meta name="description" content="a > b">', "<meta content='x' name=y/>",
    "<meta a=b\"c d='>'>", "<link rel=stylesheet href='/a.css'>", "<base href=/>", "<meta =x>",
    "<title>A title</title>", "<title>with </script> and <script>x</script></title>", "<TITLE>t</title >",
    "<!-- a comment -->", "<!-- <script>" + LONG + "</script> -->", "<!-->", "<!--->", "<!-- a --!> b -->",
    "<!---->", "<?xml version='1.0'?>", "<![CDATA[ x ]]>",
    f"<script>{LONG}</script>", f"<SCRIPT type='text/javascript'>{LONG}</SCRIPT>", f"<script>{LONG}</script >",
    f"<script>{LONG} '</scriptx>' </script>", f"<script>{LONG} '</script' + '>'</script>",
    f"<script>{LONG} <!-- <script> </script> --></script>", f"<script>{LONG} <!-- x --></script>",
    f"<script data-x='a>b'>{LONG}</script>", f"<script a=b'c>{LONG}</script/>", f"<script/>{LONG}</script>",
    f"<script src=x></script>", "<script>short</script>", f"<script>{LONG}</script foo='>'>",
    f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"name": "A. B."}}, "x": "{LONG}"}}</script>',
    f'<script type="Application/LD+JSON">{{"@type": "DiscussionForumPosting", "x": "{LONG}"}}</script>',
    f'<script type="application/ld&#43;json">{{"@type": "NewsArticle", "x": "{LONG}"}}</script>',
    f"<style>p {{ color: red }} /* {LONG} */</style>", f"<STYLE media=print>{LONG} </style></style>",
    f"<style>{LONG} </STYLEx> a</style\n>", f"<noscript><style>{LONG}</style></noscript>",
    f"<template><script>{LONG}</script></template>", "<svg><style>" + LONG + "</style></svg>",
    "<textarea>" + f"<script>{LONG}</script>" + "</textarea>", "text in the head", "<p>", "</head>", "</meta>",
    "<noframes><script>" + LONG + "</script></noframes>", "\x00",
    "<noscript>", "</noscript>", "</NOSCRIPT >", "<noscript><link rel=stylesheet href=a.css></noscript>",
    f"<noscript><style>{LONG}</style></noscript>", "<noscript><img src=p.gif></noscript>", "<noscript>x</noscript>",
    f"<noscript><meta a='>'><script>{LONG}</script></noscript>", "<noscript><noscript></noscript>",
    "<script>\x01</script>", f"<script>{LONG}\x01</script>",
]
TAILS = ["", f"<script>{LONG}", f"<style>{LONG}", "<!-- open", "<script x='", "<body><p>After the head.</p></body>",
         "<body><h1>Head line</h1><p>" + "A sentence of the story, in words. " * 8 + "</p></body></html>"]


def page_of(pieces: list[str], tail: str) -> bytes:
    return ("".join(pieces) + tail).encode()


def nodes(tree: LexborHTMLParser) -> list[tuple]:
    """Every node of the tree in order: its tag, its attributes, its text, and whether it is the text of a
    script or style element in ``<head>`` (the only texts the mark may stand for)."""
    out = []
    for node in tree.root.traverse(include_text=True) if tree.root is not None else ():
        text = node.text_content if node.tag in ("-text", "-comment") else None
        parent = node.parent
        in_head_raw = (parent is not None and parent.tag in ("script", "style") and parent.parent is not None
                       and parent.parent.tag == "head")
        out.append((node.tag, tuple(sorted(node.attributes.items())) if node.tag[0] != "-" else (), text, in_head_raw))
    return out


def same_but_marks(marked: list[tuple], plain: list[tuple]) -> bool:
    """``marked`` is ``plain`` node for node, but for a head script's or style's text that is the mark."""
    mark = html_head_bodies.MARK.decode()
    return len(marked) == len(plain) and all(
        a == b or (a[3] and b[3] and a[:2] == b[:2] and a[2] == mark) for a, b in zip(marked, plain))


def marked_text_of(tree: LexborHTMLParser) -> list[str]:
    return [node.text() for node in tree.css("head > script, head > style")]


def check_page(page: bytes) -> int:
    """Assert parse_page(page) is Lexbor's tree of ``page`` but for marked texts; how many bodies were marked."""
    plain = LexborHTMLParser(page)
    compiled = html_head_bodies.blank(page)
    with native.twins_only():
        twin = html_head_bodies.blank(page)
        twin_tree = html_head_bodies.parse_page(page)
    assert compiled == twin
    tree = html_head_bodies.parse_page(page)
    assert nodes(tree) == nodes(twin_tree) and same_but_marks(nodes(tree), nodes(plain))
    mark = html_head_bodies.MARK.decode()
    marked = (sum(text == mark for text in marked_text_of(tree))
              - sum(text == mark for text in marked_text_of(plain)))  # (a page may hold the mark byte itself)
    assert marked in (0, compiled[1])  # (all marks kept, or none: the page parsed as written)
    for node in tree.css("script"):  # JSON-LD is read: never left out
        if (node.attributes.get("type") or "").lower() == "application/ld+json":
            assert node.text() != html_head_bodies.MARK.decode()
    return marked


@pytest.mark.skipif(lexbor_walk.active() is None, reason="compiled walker not built")
def test_generated_heads_parse_as_written():
    rng = random.Random(25)
    marked = 0
    for _ in range(1500):
        pieces = [rng.choice(HEAD_PIECES) for _ in range(rng.randint(1, 8))]
        marked += bool(check_page(page_of(pieces, rng.choice(TAILS))))
    assert marked >= 300  # (the scan left bodies out on many of them: the test reads the marked trees)


@pytest.mark.skipif(lexbor_walk.active() is None, reason="compiled walker not built")
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEAD_PIECES), min_size=1, max_size=10), st.sampled_from(TAILS),
       st.text(alphabet="<>/!-'\"= \nscriptyleSCRIPT", max_size=12))
def test_heads_with_noise_parse_as_written(pieces, tail, noise):
    check_page(page_of(pieces + [noise], tail))


def test_a_wrong_scan_gives_the_page_as_written():
    """A mark the scan put where no head script body was (in a title's text, inside a body script's text)
    is found by the tree check: the page is parsed as written."""
    page = b"<title>" + LONG.encode() + b"</title><script>" + LONG.encode() + b"</script><p>x</p>"
    plain = LexborHTMLParser(page)
    title_start = page.index(b">") + 1
    for start, end in ((title_start, page.index(b"</title>")), (page.index(b"<script>") + 8, page.index(b"</script>"))):
        wrong = page[:start] + html_head_bodies.MARK + page[end:]
        tree = html_head_bodies.parse_page(page, (wrong, 2))  # (2 marks claimed, 1 made)
        assert nodes(tree) == nodes(plain)
        assert html_head_bodies.MARK.decode() not in (tree.html or "")


@pytest.mark.parametrize("twins", [False, True])
def test_extraction_reads_json_ld_and_the_body_alike(twins):
    """The metadata read from JSON-LD and the article are those of the page as written."""
    head = (f"<head><script>{LONG}</script><style>{LONG}</style><script type='application/ld+json'>"
            '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ada Byline"}, "datePublished": "2020-01-02"}'
            "</script></head>")
    page = "<html>" + head + "<body><h1>Head line</h1><p>" + "A sentence of the story, in words. " * 8 + "</p></body></html>"
    with (native.twins_only() if twins else _nothing()):
        got = extract_main_text(page)
    assert (got.byline, got.published) == ("Ada Byline", "2020-01-02")
    assert got.text.startswith("A sentence of the story") and "var s" not in got.visible_text


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_doctests():
    import doctest
    result = doctest.testmod(html_head_bodies)
    assert result.failed == 0 and result.attempted >= 10

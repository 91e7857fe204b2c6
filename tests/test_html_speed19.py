"""Round 19 (htmlspeed19): strip_junk drops the never-rendered elements that hold no text first, in one
C walk (``lexbor_walk.drop_bare``), and nothing a page gives changes.

* the compiled walk unlinks exactly the elements its Python twin unlinks (tag in the set, elements
  only below: no text, comment or other node), and leaves the same tree;
* ``extract_main_text`` (both readings, the lenient one too) gives the same article, visible text,
  removals and metadata with the early drop as without it, on generated pages full of what the
  drop could disturb: ``<header>``/``<aside>`` wrappers whose text share is measured, figures of
  data, ``<noscript>`` kept by the lenient reading, images between words, icons in buttons,
  scripts with and without text, and labelled furniture around them.

All fail on main (``lexbor_walk.drop_bare`` does not exist there). The last one also failed on this branch's
first version of the drop, which dropped any text-free never-rendered element, the ones holding an
``<h1>`` or a table too.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk

compiled = pytest.mark.skipif(lexbor_walk.active() is None or not lexbor_walk._drops_compiled,
                              reason="corpus_clean._lexbor_walk was not built")

# Pieces of pages: bare never-rendered elements, the same holding text or a comment, and the
# elements around them whose measures or verdicts the drop must not move.
LEAVES = ["<img src='a.jpg'>", "<input type='hidden' value='v'>", "<svg><g><path d='M0'/></g></svg>",
          "<svg><title>Icon</title></svg>", "<svg><!-- c --></svg>", "<script></script>", "<script>var x = 1;</script>",
          "<style>p{}</style>", "<picture><source srcset='s.webp'><img src='s.jpg'></picture>",
          "<noscript><img src='n.gif'></noscript>", "<noscript>Turn on scripts to read the comments.</noscript>",
          "<iframe src='/x'></iframe>", "<template><p>t</p></template>", "<video><source src='v.mp4'></video>",
          "<video>Your browser cannot play this video.</video>", "<canvas></canvas>", "<rt>ruby</rt>",
          "Words of the story, with a comma, and more words.", " ", "<br>",
          "<button><svg><path/></svg>Share</button>", "<a href='/next'><img src='i.png'>Next story</a>",
          # never-rendered elements holding, and nothing else, what the junk loop reads: an <h1> it counts,
          # a button it cuts with a placeholder, a table a <figure> around them is judged by
          "<object><h1></h1></object>", "<noscript><table><tr><td></td></tr></table></noscript>",
          "<canvas><button></button></canvas>", "<object><pre></pre></object>", "<h1>A headline</h1>",
          "<noscript><nav></nav><img src='x'></noscript>"]
WRAPPERS = ["div", "p", "section", "header", "aside", "figure", "nav", "article", "span", "li", "footer", "main"]
LABELS = ["", " class='share-bar'", " class='post-body'", " id='comments'", " class='caption'", " class='sidebar'",
          " style='display:none'", " hidden", " role='navigation'", " class='entry-content'", " aria-hidden='true'"]
PROSE = "<p>" + "A sentence of the article, long enough to count as prose, and it goes on. " * 4 + "</p>"


def random_block(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.45 or depth > 3:
            parts.append(rng.choice(LEAVES))
        elif roll < 0.55:
            parts.append(PROSE)
        elif roll < 0.6:
            parts.append("<figure><table><tr><td>0.91</td></tr></table><figcaption>Table 1</figcaption></figure>")
        else:
            tag = rng.choice(WRAPPERS)
            parts.append(f"<{tag}{rng.choice(LABELS)}>{random_block(rng, depth + 1)}</{tag}>")
    return "".join(parts)


def random_page(seed: int) -> str:
    rng = random.Random(seed)
    return f"<html><head><title>T</title></head><body>{random_block(rng)}</body></html>"


def dropped_and_tree(page: str, ids: frozenset, keep: frozenset, twin: bool) -> tuple[int, str]:
    tree = LexborHTMLParser(page)
    count = (lexbor_walk._drop_bare_python if twin else lexbor_walk.drop_bare)(tree.body, ids, keep)
    return count, tree.html


@compiled
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9))
def test_the_compiled_drop_unlinks_what_its_twin_unlinks(seed):
    """Same count, same tree left, for the junk tags' ids and for a set of other tags (``p``, ``li``: elements
    that hold elements only, or nothing, are dropped; one holding any text, comment or other node is not)."""
    page = random_page(seed)
    for ids, keep in ((html._INVISIBLE_TAG_IDS, html._READ_BY_JUNK_LOOP), (html._LENIENT_INVISIBLE_TAG_IDS, frozenset()),
                      (lexbor_walk.tag_ids(["p", "li", "div"]), lexbor_walk.tag_ids(["img", "table"]))):
        assert dropped_and_tree(page, ids, keep, twin=False) == dropped_and_tree(page, ids, keep, twin=True)


def test_only_elements_without_text_or_comments_are_dropped():
    """An image, an empty script and an icon made of paths go; a script with code, an icon with a title,
    an icon holding a comment and a noscript's message stay (the junk loop cuts them later)."""
    page = ("<body><p>One <img src='a'> two</p><script></script><script>x()</script><svg><g><path/></g></svg>"
            "<svg><title>t</title></svg><svg><!-- c --></svg><noscript>Enable scripts</noscript></body>")
    tree = LexborHTMLParser(page)
    assert lexbor_walk.drop_bare(tree.body, html._INVISIBLE_TAG_IDS) == 3
    assert tree.body.html == ("<body><p>One  two</p><script>x()</script><svg><title>t</title></svg>"
                              "<svg><!-- c --></svg><noscript>Enable scripts</noscript></body>")


def reading(page: str) -> tuple:
    out = html.extract_main_text(page)
    return out.text, out.visible_text, [(r.start, r.end, r.rule) for r in out.removed], out.title, out.flattened_tags


def both_readings(page: str) -> tuple:
    """The first and the lenient reading's lines, each on a fresh tree."""
    return (html.read_page(LexborHTMLParser(page)), html.read_page(LexborHTMLParser(page), lenient=True))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_the_early_drop_changes_no_output(seed):
    """``extract_main_text`` and both readings give the same with the drop as with it switched off
    (``drop_bare`` answering 0 without touching the tree: the junk loop then cuts those elements
    one by one, as before)."""
    page = random_page(seed)
    with_drop = (reading(page), both_readings(page))
    original = lexbor_walk.drop_bare
    lexbor_walk.drop_bare = lambda root, ids, keep=frozenset(): 0
    try:
        without = (reading(page), both_readings(page))
    finally:
        lexbor_walk.drop_bare = original
    assert with_drop == without


def test_a_wrapper_measured_with_images_and_scripts_inside_keeps_its_verdict():
    """A ``<header>`` holding the story (most of the page's text) amid images and icons is still kept as
    a wrapper, and a short one with the same images is still cut as the page's header."""
    story = "<header class='post'>" + "<img src='a.jpg'><svg><path/></svg>" + PROSE * 3 + "<script></script></header>"
    page = f"<body><header><img src='logo.png'><a href='/'>Home</a></header>{story}</body>"
    out = html.extract_main_text(page)
    assert "A sentence of the article" in out.text
    assert [r.rule for r in out.removed] == ["html.header"]


def test_what_the_junk_loop_reads_inside_a_bare_element_keeps_it():
    """An empty ``<h1>`` inside an ``<object>`` still counts among the page's h1s (three or more: only the first
    is cut as the headline), and an empty table inside a ``<noscript>`` still makes its ``<figure>`` one of
    data (spared): neither holder is dropped early, and the output is the one without the early drop."""
    story = "<p>" + "Words of the story, with a comma, and more of them to read here. " * 6 + "</p>"
    page = (f"<body><h1>First</h1><object><h1></h1></object><h1>Third</h1>{story}"
            "<figure><noscript><table><tr><td></td></tr></table></noscript><figcaption>Table 2: rates</figcaption>"
            f"</figure>{story}</body>")
    tree = LexborHTMLParser(page)
    assert lexbor_walk.drop_bare(tree.body, html._INVISIBLE_TAG_IDS, html._READ_BY_JUNK_LOOP) == 0
    original = lexbor_walk.drop_bare
    lexbor_walk.drop_bare = lambda root, ids, keep=frozenset(): 0
    try:
        without = reading(page)
    finally:
        lexbor_walk.drop_bare = original
    assert reading(page) == without
    assert "Third" in without[0]

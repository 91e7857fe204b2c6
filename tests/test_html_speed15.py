"""Round 15's speed work on the HTML path gives the answers of the code it replaced: the simple
selector lists answered by one C walk over Lexbor's attribute lists (lexbor_walk.Query) against
Lexbor's own ``css()``, the label rows read in C against ``node.attributes``, and strip_junk's
judged labels against the Python twin, on generated pages full of the odd cases (attributes
without a value, upper case names and values, SVG and MathML elements, prefixed attributes,
repeated attributes, bytes that are not UTF-8)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import (html, html_discussion, html_flow, html_gallery, html_headings_tail, html_listings,
                          html_panels, html_posts, html_rails, html_sections, html_standfirst, html_tables, lexbor_walk,
                          native)

compiled = pytest.mark.skipif(not lexbor_walk.queries_built(), reason="corpus_clean._lexbor_walk was not built")

# The queries the HTML path asks through lexbor_walk.Query, and a few more of the same grammar.
QUERIES = [html._JUDGED_LABELS, html._SEMANTIC_MARKS, html_panels._MARKED, html_panels._TARGETING, html._HEAD_QUERY,
           html._BODY_QUERY, html_discussion._DECLARATIONS, html_sections._ARTICLE_DECLARATIONS,
           html_headings_tail._HEADINGS_QUERY, html_gallery._CAPTIONS, html_gallery._PARAGRAPHS, html_posts._DATES,
           html_posts._RATINGS, html_posts._AUTHORS, html_posts._VOTE_CONTROLS, html_posts._CLASSED,
           html_listings._CONTROLS_QUERY, html_listings._LINKS, html_rails._HEADINGS, html_panels._FORM_FIELDS,
           html_flow._MATH, html_standfirst._LABELLED, html_tables._ROWS, html_sections._LINKS,
           lexbor_walk.Query("div,p,[data-x]"), lexbor_walk.Query("a[href^='#'],span[class*=nav]", skip=("span",)),
           lexbor_walk.Query('[role="main"],[aria-hidden=true],[hidden]', skip=("div", "body"))]

TAGS = ["div", "p", "span", "a", "section", "article", "main", "details", "summary", "aside", "nav", "li", "b",
        "my-widget", "h2", "h4", "time", "meta", "script", "link", "title", "h1", "button", "input", "cite", "table",
        "tr", "td", "select"]
NAMES = ["class", "id", "role", "aria-hidden", "hidden", "style", "aria-controls", "href", "data-target",
         "data-bs-target", "itemprop", "data-x", "CLASS", "Style", "ID", "xlink:href", "xml:lang", "on", "rel", "type",
         "itemtype", "REL", "datetime", "TYPE"]
VALUES = ["", "nav", "share-bar", "post-body", "none", "display:none", "display: NONE", "visibility:hidden",
          "Hidden", "true", "TRUE", "main", "Main", "tabpanel", "region", "#top", "#", "/x", "articleBody",
          "a b  c", "caf\u00e9", "\u00e9t\u00e9 none", "canonical", "Canonical", "AUTHOR", "author",
          "application/ld+json", "Application/LD+JSON", "application/ld+jsonx", "https://schema.org/LiveBlogPosting",
          "http://Schema.org/DiscussionForumPosting", "schema.org/Blog", "datePublished", "photo-Gallery",
          "GALLERY", "image-credit", "x-caption y", "submit", "Button", "ratingValue", "dateCreated", "btn-cta"]


def random_attributes(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(NAMES)
        if rng.random() < 0.15:
            out.append(name)  # no value: None in the attribute dict
        else:
            quote = rng.choice("\"'")
            out.append(f"{name}={quote}{rng.choice(VALUES)}{quote}")
    return (" " + " ".join(out)) if out else ""


def random_page(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.25 or depth > 4:
            parts.append(rng.choice(["words", "more words, here", "x", " "]))
        elif roll < 0.32:
            parts.append(f"<svg{random_attributes(rng)}><a{random_attributes(rng)}>v</a>"
                         f"<g{random_attributes(rng)}><text>t</text></g></svg>")
        elif roll < 0.36:
            parts.append(f"<math><mi{random_attributes(rng)}>x</mi></math>")
        else:
            tag = rng.choice(TAGS)
            parts.append(f"<{tag}{random_attributes(rng)}>{random_page(rng, depth + 1)}</{tag}>")
    return "".join(parts)


def pages(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [f"<html><body{random_attributes(rng)}>{random_page(rng)}</body></html>" for _ in range(n)]


def css_answer(root, query: lexbor_walk.Query, once: bool) -> list[int]:
    found = root.css(query.css)
    if once or query.skip_ids:
        found = lexbor_walk._once_each(found)
    return [node.mem_id for node in found]


@compiled
def test_queries_answer_as_lexbor_css_on_generated_pages():
    for page in pages(15, 400):
        tree = LexborHTMLParser(page)
        roots = [tree.root, tree.body] + tree.body.css("div")[:2]
        for query in QUERIES:
            for root in roots:
                for once in (False, True):
                    assert [n.mem_id for n in query.select(root, once)] == css_answer(root, query, once), \
                        (query.css, page)


@compiled
def test_label_rows_read_what_the_attribute_dict_holds():
    for page in pages(16, 300):
        tree = LexborHTMLParser(page)
        for query in QUERIES:
            rows = query.labels(tree.body)
            nodes = lexbor_walk._once_each(tree.body.css(query.css))
            assert [row[0] for row in rows] == [node.mem_id for node in nodes]
            assert [row[1:] for row in rows] == [lexbor_walk._label_parts(node.attributes) for node in nodes], page


@compiled
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40), st.sampled_from(["class", "id", "style", "role", "aria-hidden"]))
def test_label_rows_decode_any_bytes_as_selectolax(value, name):
    """Attribute values that are not UTF-8 come out with U+FFFD, as selectolax decodes them."""
    data = b"<body><div " + name.encode() + b"=\"" + value.replace(b'"', b"") + b"\" data-k>x</div></body>"
    tree = LexborHTMLParser(data)
    rows = html._JUDGED_LABELS.labels(tree.body)
    nodes = lexbor_walk._once_each(tree.body.css(html._JUDGED_LABELS.css))
    assert [row[1:] for row in rows] == [lexbor_walk._label_parts(node.attributes) for node in nodes]


def test_parts_verdict_is_attrs_verdict():
    rng = random.Random(17)
    for _ in range(3000):
        attrs = {}
        for _ in range(rng.randint(0, 4)):
            attrs[rng.choice(NAMES[:7] + ["data-x"])] = rng.choice(VALUES + [None])
        cls, ident, extra = lexbor_walk._label_parts(attrs)
        assert html.parts_verdict(cls, ident, extra) == html.attrs_verdict(attrs), attrs


@compiled
def test_judged_labels_match_the_python_twin():
    for page in pages(18, 300):
        compiled_answer = [(node.mem_id, verdict) for node, verdict in html._judged_labels(LexborHTMLParser(page).body)]
        tree = LexborHTMLParser(page)
        with native.twins_only():
            twin_answer = [(node.tag, verdict) for node, verdict in html._judged_labels(tree.body)]
        assert [verdict for _, verdict in compiled_answer] == [verdict for _, verdict in twin_answer]
        tree = LexborHTMLParser(page)
        assert [(node.mem_id, verdict) for node, verdict in html._judged_labels(tree.body)] == \
            [(node.mem_id, html.attrs_verdict(node.attributes)) for node in html._labelled_elements(tree.body)
             if html.attrs_verdict(node.attributes) is not None]


@compiled
def test_strip_junk_cuts_the_same_with_and_without_the_walker():
    for page in pages(19, 200):
        tree = LexborHTMLParser(page)
        cuts = html.strip_junk(tree)
        twin_tree = LexborHTMLParser(page)
        with native.twins_only():
            twin_cuts = html.strip_junk(twin_tree)
        assert sorted(rule for _, rule, _ in cuts.values()) == sorted(rule for _, rule, _ in twin_cuts.values())
        assert tree.body.html == twin_tree.body.html


def test_the_twin_answers_without_the_walker():
    tree = LexborHTMLParser("<body><nav class='menu'>a</nav><div hidden>b</div><details>c</details></body>")
    with native.twins_only():
        assert [n.tag for n in html_panels._MARKED.select(tree.body)] == ["div", "details"]
        assert html._JUDGED_LABELS.labels(tree.body) is None
        assert [(n.tag, v) for n, v in html._judged_labels(tree.body)] == [("nav", ("soft", "html.nav")),
                                                                            ("div", ("invisible", "html.invisible"))]


@pytest.mark.parametrize("selector", ["div > p", "[type=text", "a[lang=en]b", "p:first-child", "[a|=b]", "#x", ".c"])
def test_a_selector_outside_the_grammar_is_refused(selector):
    with pytest.raises(ValueError):
        lexbor_walk.Query(selector)


@compiled
def test_first_is_css_first():
    for page in pages(22, 300):
        tree = LexborHTMLParser(page)
        for query in QUERIES:
            for root in [tree.root, tree.body] + tree.body.css("div")[:3]:
                found, wanted = query.first(root), root.css_first(query.css)
                assert (found is None and wanted is None) or found.mem_id == wanted.mem_id, (query.css, page)


def test_the_compiled_queries_are_in_use_where_the_walker_is():
    """Where the walker is built, its queries passed their probe (a silent fallback would hide a drift)."""
    assert lexbor_walk.queries_built() == lexbor_walk.built()
    if lexbor_walk.built():
        tree = LexborHTMLParser("<body><div hidden>a</div></body>")
        assert html_panels._MARKED.labels(tree.body) is not None


@pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")
def test_a_selectolax_without_the_attribute_functions_keeps_css(monkeypatch):
    """A Lexbor build that does not export the attribute functions: queries go to css(), nothing raises."""
    monkeypatch.setattr(lexbor_walk, "_ATTRIBUTE_FUNCTIONS", lexbor_walk._ATTRIBUTE_FUNCTIONS + ("lxb_no_such_function",))
    assert lexbor_walk._load_queries(lexbor_walk._compiled) is False
    assert lexbor_walk._load_queries(None) is False

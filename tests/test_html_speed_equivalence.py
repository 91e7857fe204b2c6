"""Speed rewrites of the HTML path that must find exactly what the code they replace found
(round 11, htmlspeed11): each is checked against the original computation on generated
markup, including the cases where Unicode and Lexbor's ASCII-only comparisons part ways."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_standfirst
from corpus_clean.html import _count_byte, _scan_metadata

# Class/id tokens: lead words in several cases, near misses, and characters whose Unicode
# lower case is ASCII (the Kelvin sign lowers to "k", the dotted I to "i" + a dot) but
# that Lexbor's case-insensitive match does not fold.
TOKENS = ["intro", "INTRO", "Story-Intro", "article-leadIn", "leader", "dek", "DeCk", "dec\u212a", "\u0130ntro",
          "summary", "sUMMARYbox", "standfirst", "chapo", "entradilla", "body", "post", "x", "", "lede",
          "abstract", "nav", "inTroduction", "d\u00e9k", "bajada", "vorspann"]


def _labelled_page(rng: random.Random) -> str:
    """A nest of elements with random class and id attributes (some empty, some missing)."""
    parts = []
    for _ in range(rng.randrange(1, 25)):
        attrs = []
        if rng.random() < 0.7:
            attrs.append(f'class="{" ".join(rng.choice(TOKENS) for _ in range(rng.randrange(0, 3)))}"')
        if rng.random() < 0.4:
            attrs.append(f'id="{rng.choice(TOKENS)}-{rng.randrange(9)}"')
        if rng.random() < 0.1:
            attrs.append("class")  # an attribute without a value
        tag = rng.choice(["div", "p", "span", "section", "svg", "h2"])
        parts.append(f"<{tag} {' '.join(attrs)}>text {rng.random():.3f}")
        if rng.random() < 0.5:
            parts.append(f"</{tag}>")
    return "<body><div id='root'>" + "".join(parts) + "</div></body>"


def _css_once_each(node, selector: str) -> list[int]:
    out, last = [], None
    for element in node.css(selector):
        if element.mem_id != last:
            out.append(element.mem_id)
            last = element.mem_id
    return out


def test_lead_labelled_finds_what_the_lead_selector_finds():
    rng = random.Random(11)
    for _ in range(400):
        tree = LexborHTMLParser(_labelled_page(rng))
        for node in [tree.css_first("#root"), *tree.css("#root > *")]:
            got = [n.mem_id for n in html_standfirst.lead_labelled(node)]
            assert got == _css_once_each(node, html_standfirst._LEAD_SELECTOR)


def test_lead_labelled_leaves_unicode_case_folds_out():
    tree = LexborHTMLParser("<div id='r'><p class='dec\u212a'>a</p><p class='\u0130ntro'>b</p><p class='DEK'>c</p></div>")
    assert [n.attributes["class"] for n in html_standfirst.lead_labelled(tree.css_first("#r"))] == ["DEK"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_count_byte_is_bytes_count(data):
    assert _count_byte(data, b"<") == data.count(b"<")


def _scan_as_before(nodes, metas: dict, found: dict) -> None:
    """The metadata scan as it was before it skipped kinds already found (round 10)."""
    from corpus_clean.html import _clean, jsonld_fields

    for node in nodes:
        tag, attrs = node.tag, node.attributes
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            content = _clean(attrs.get("content"))
            if key and content and key not in metas:
                metas[key] = content
        elif tag == "script":
            if "jsonld_date" not in found or "jsonld_author" not in found:
                for key, value in jsonld_fields(node.text() or "").items():
                    found.setdefault(key, value)
        elif tag in ("title", "h1"):
            found.setdefault(tag, _clean(node.text()))
        elif tag == "link":
            found.setdefault("canonical", _clean(attrs.get("href")))
        else:
            prop, rel = attrs.get("itemprop") or "", attrs.get("rel") or ""
            if prop == "author" and "itemprop_author" not in found:
                name = node.css_first('[itemprop="name"]')
                found["itemprop_author"] = _clean((name or node).text())
            elif prop == "datePublished":
                found.setdefault("itemprop_date", _clean(attrs.get("datetime") or attrs.get("content")))
                found.setdefault("itemprop_date_text", _clean(node.text()))  # (round 16: published's last resort)
            elif "author" in rel.split():
                found.setdefault("rel_author", _clean(node.text()))
            elif tag == "time":
                found.setdefault("time", _clean(attrs.get("datetime")))


META_PIECES = ['<meta name="author" content="{w}">', '<meta property="og:title" content="{w}">',
               '<meta name="author" content="  ">', '<meta property="article:published_time" content="2024-0{d}-01">',
               "<title>{w}</title>", "<h1>{w}</h1>", "<h1>  </h1>", '<link rel="canonical" href="https://x.test/{w}">',
               '<link rel="canonical" href="">', '<span itemprop="author"><b itemprop="name">{w}</b></span>',
               '<span itemprop="datePublished" content="2023-0{d}-02"></span>', '<a rel="author">{w}</a>',
               '<time datetime="2022-0{d}-03">x</time>', '<time>no datetime</time>',
               '<script type="application/ld+json">{{"datePublished": "2021-0{d}-04", "author": {{"name": "{w}"}}}}</script>',
               '<meta itemprop="name" content="{w}">']


def test_metadata_scan_keeps_the_first_value_of_each_kind():
    rng = random.Random(5)
    selector = ('meta,title,link[rel="canonical"],script[type="application/ld+json"],h1,[itemprop="author"],'
                '[rel="author"],[itemprop="datePublished"],time[datetime]')
    for _ in range(300):
        pieces = [rng.choice(META_PIECES).format(w=rng.choice(["Ann", "Bo Li", "", " C "]), d=rng.randrange(1, 9))
                  for _ in range(rng.randrange(1, 12))]
        tree = LexborHTMLParser("<html><head></head><body>" + "".join(pieces) + "</body></html>")
        nodes = tree.css(selector)
        before, after = ({}, {}), ({}, {})
        _scan_as_before(nodes, *before)
        _scan_metadata(nodes, *after)
        assert before == after


LABEL_ATTRS = ['class="x"', 'id="y"', 'role="navigation"', 'aria-hidden="true"', "hidden", 'style="display:none"',
               'style="visibility: hidden"', 'style="color:red"', 'data-x="1"', 'href="/"', 'CLASS="Up"']


def test_labelled_elements_are_the_selectors_matches_without_the_skipped_tags():
    """One Lexbor query with the skipped inline tags left out finds what the attribute query
    found, deduplicated, minus those tags, in the same order."""
    from corpus_clean.html import LABEL_SELECTOR, SKIP_LABEL_TAGS, _labelled_elements

    rng = random.Random(3)
    tags = ["div", "p", "span", "a", "i", "b", "em", "strong", "small", "time", "ins", "section", "nav", "svg", "li"]
    for _ in range(400):
        parts = []
        for _ in range(rng.randrange(1, 30)):
            tag = rng.choice(tags)
            attrs = " ".join(rng.sample(LABEL_ATTRS, rng.randrange(0, 4)))
            parts.append(f"<{tag} {attrs}>w")
            if rng.random() < 0.6:
                parts.append(f"</{tag}>")
        tree = LexborHTMLParser(f"<html class='h'><body id='b'>{''.join(parts)}</body></html>")
        expected = [node.mem_id for node in tree.body.css(LABEL_SELECTOR) if node.tag not in SKIP_LABEL_TAGS]
        expected = [key for k, key in enumerate(expected) if k == 0 or expected[k - 1] != key]
        assert [node.mem_id for node in _labelled_elements(tree.body)] == expected


def _declares_discussion_as_before(tree) -> bool:
    """Round 10's two queries (microdata, then JSON-LD), as reference."""
    from corpus_clean.html_discussion import _MICRODATA_SELECTOR, _TYPE_RE

    if tree.css_first(_MICRODATA_SELECTOR) is not None:
        return True
    return any(_TYPE_RE.search(script.text() or "") for script in tree.css('script[type="application/ld+json"]'))


def _declares_article_as_before(tree) -> bool:
    """The two-query reading, with round 24's rule (a JSON-LD web page outweighs og:type=article)."""
    from corpus_clean.html_sections import _ARTICLE_LD_RE, ld_names_a_web_page

    og = tree.css_first('meta[property="og:type"]')
    og_article = og is not None and (og.attributes.get("content") or "").strip().lower() == "article"
    if tree.css_first('[itemprop="articleBody"]') is not None:
        return True
    ld = [script.text() or "" for script in tree.css('script[type="application/ld+json"]')]
    if any(_ARTICLE_LD_RE.search(text) for text in ld):
        return True
    return og_article and not any(ld_names_a_web_page(text) for text in ld)


# Script types, itemtypes and itemprops in the spellings that separate Lexbor's comparisons:
# ``type`` ASCII case-insensitive, ``itemtype``/``itemprop`` exact; a dotted I and a Kelvin
# sign are no ASCII letters.
STRUCTURED = [
    '<script type="application/ld+json">{{"@type": "{t}"}}</script>',
    '<script type="Application/LD+JSON">{{"@type": "{t}"}}</script>',
    '<script type="appl\u0130cation/ld+json">{{"@type": "{t}"}}</script>',
    '<script type="application/ld+json ">{{"@type": "{t}"}}</script>',
    '<script>{{"@type": "{t}"}}</script>', '<script type>{{"@type": "{t}"}}</script>',
    '<script type="text/javascript">var t = {{"@type": "{t}"}};</script>',
    '<div itemscope itemtype="https://schema.org/{t}"><p>x</p></div>',
    '<div itemtype="https://SCHEMA.org/{t}"></div>', '<div itemtype="http://schema.org/{t} "></div>',
    '<article itemprop="articleBody"><p>x</p></article>', '<div itemprop="ArticleBody">x</div>',
    '<meta property="og:type" content="website">', '<meta property="og:type" content=" Article ">',
    '<script type="application/ld+json" itemtype="https://schema.org/{t}">{{}}</script>',
    '<script type="application/ld+json" itemtype="https://SCHEMA.org/{t}">{{}}</script>',
    '<svg><script type="application/ld+json">{{"@type": "{t}"}}</script></svg>',
]
TYPES = ["NewsArticle", "DiscussionForumPosting", "LiveBlogPosting", "Product", "BlogPosting", "WebPage"]


def test_one_walk_declarations_match_the_two_query_ones():
    from corpus_clean.html_discussion import declares_discussion
    from corpus_clean.html_sections import declares_article

    rng = random.Random(7)
    for _ in range(600):
        head = "".join(rng.choice(STRUCTURED).format(t=rng.choice(TYPES)) for _ in range(rng.randrange(0, 3)))
        body = "".join(rng.choice(STRUCTURED).format(t=rng.choice(TYPES)) for _ in range(rng.randrange(0, 4)))
        html = f"<html><head>{head}</head><body><p>words</p>{body}</body></html>"
        tree = LexborHTMLParser(html)
        assert declares_discussion(tree) == _declares_discussion_as_before(tree), html
        assert declares_article(tree) == _declares_article_as_before(tree), html


def _article_wrappers_as_before(body) -> set:
    marks = body.css('main,[role="main"],[itemprop="articleBody"]')
    articles = body.css("article")
    if len(articles) == 1:
        marks.append(articles[0])
    out: set = set()
    for mark in marks:
        node = mark.parent
        while node is not None and node.mem_id not in out:
            out.add(node.mem_id)
            node = node.parent
    return out


WRAPPER_PIECES = ["<main>", "</main>", "<article>", "</article>", '<article role="main">', '<article role="MAIN">',
                  '<article itemprop="articleBody">', '<div role="main">', '<div itemprop="articleBody">',
                  '<section itemprop="ArticleBody">', "<div class='w'>", "</div>", "<p>text</p>", "<svg><article>",
                  "</svg>", '<span role=" main">']


def test_article_wrappers_from_one_query_match_two_queries():
    from corpus_clean.html import article_wrappers

    rng = random.Random(13)
    for _ in range(600):
        html = "<body>" + "".join(rng.choice(WRAPPER_PIECES) for _ in range(rng.randrange(1, 16))) + "</body>"
        body = LexborHTMLParser(html).body
        assert article_wrappers(body) == _article_wrappers_as_before(body), html

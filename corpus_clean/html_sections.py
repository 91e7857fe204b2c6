"""Pages that are not articles: service pages, listings, docs and collections.

The extractor's scoring (:func:`corpus_clean.html.best_container`) finds the
one block of prose an article is made of. A service page, a documentation
page or a shop's category page is not one block: its content is several
sections of a main column, or a grid of linked cards (a title, a price, a
teaser) that the renderer cuts as link lists. Two steps, both only for pages
that do not say they are articles (:func:`declares_article`):

1. :func:`widen_to_main_column`: the page's ``<main>`` (or, without one, the
   widest ancestor of the winner that is not a link farm) replaces the chosen
   blocks when they hold only part of its prose.
2. :func:`link_cards`: when the link-cut text inside the chosen blocks
   outweighs the kept text, repeated elements holding links (four or more
   with the same tag and class) are cards of a listing: they are kept whole.

Article pages (og:type ``article``, a JSON-LD ``*Article``/``BlogPosting``, an
``itemprop=articleBody``) are left as the scoring found them: their
``<main>`` holds teasers and "more from" grids the article does not.
"""
from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus_clean import html_queries, lexbor_walk
from corpus_clean.html_queries import html_module

__all__ = ["declares_article", "ld_names_a_web_page", "widen_to_main_column", "link_cards", "card_elements"]

# JSON-LD types of article pages: Article, NewsArticle, TechArticle, BlogPosting, Report...
_ARTICLE_LD_RE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Tech|Scholarly|Satirical|Opinion|Analysis|Review|Background)?'
    r'(?:Article|BlogPosting|Posting|Report)"')


# (one C walk when built, see lexbor_walk.Query)
_ARTICLE_DECLARATIONS = lexbor_walk.Query('[itemprop="articleBody"],' + html_queries.JSONLD_SELECTOR)
_LINKS = lexbor_walk.Query("a")


def declares_article(tree: LexborHTMLParser) -> bool:
    """True when the page's own metadata says it is an article.

    Open Graph ``og:type=article``, a JSON-LD article type, or schema.org's
    ``itemprop=articleBody``. (On WCXB dev 68 % of the article pages say so, 7-22 %
    of the other page types.) ``og:type=article`` is not taken when the page's JSON-LD
    names it a web page (``WebPage``, ``CollectionPage`` ...: :func:`ld_names_a_web_page`)
    and no article: WordPress's SEO plugins write ``og:type=article`` on every page, a
    service page's or a category archive's too, and their JSON-LD says which it is.

    >>> declares_article(LexborHTMLParser('<head><meta property="og:type" content="article"></head>'))
    True
    >>> declares_article(LexborHTMLParser('<script type="application/ld+json">{"@type": "Product"}</script>'))
    False
    >>> og = '<meta property="og:type" content="article">'
    >>> declares_article(LexborHTMLParser(og + '<script type="application/ld+json">{"@type": "WebPage"}</script>'))
    False
    >>> declares_article(LexborHTMLParser(og + '<script type="application/ld+json">'
    ...                                   '{"@graph": [{"@type": "WebPage"}, {"@type": "BlogPosting"}]}</script>'))
    True
    """
    og = tree.css_first('meta[property="og:type"]')
    og_article = og is not None and (og.attributes.get("content") or "").strip().lower() == "article"
    # (one walk of the page for both: see html_queries)
    root = tree.root
    found = [] if root is None else _ARTICLE_DECLARATIONS.select(root, once=True)
    if any(node.attributes.get("itemprop") == "articleBody" for node in found):
        return True
    ld = [script.text() or "" for script in found if html_queries.is_jsonld_script(script)]
    if any(_ARTICLE_LD_RE.search(text) for text in ld):
        return True
    return og_article and not any(ld_names_a_web_page(text) for text in ld)


# schema.org's WebPage and the kinds of it a site names a page that is not an article
_WEB_PAGE_LD_RE = re.compile(
    r'"@type"\s*:\s*(?:\[[^\]]*)?"(?:Web|Collection|Item|About|Contact|FAQ|Profile|SearchResults|Checkout|QA|MedicalWeb)Page"')


def ld_names_a_web_page(text: str) -> bool:
    """True when a JSON-LD text gives something the type ``WebPage`` or one of its kinds (``CollectionPage``,
    ``FAQPage`` ...), alone or in a list of types.

    >>> ld_names_a_web_page('{"@type": "WebPage"}'), ld_names_a_web_page('{"@type": ["ItemPage", "FAQPage"]}')
    (True, True)
    >>> ld_names_a_web_page('{"@type": "BlogPosting", "isPartOf": {"@id": "https://example.com/#website"}}')
    False
    """
    return _WEB_PAGE_LD_RE.search(text) is not None


# The chosen blocks give way to the page's <main> when they hold under MAIN_SHARE of
# its prose (the share the site's <article> uses, html.SEMANTIC_SHARE), and to a
# wider column without <main> when they hold under COLUMN_SHARE of it and it is
# under COLUMN_LD link text. (COLUMN_SHARE 0.7 measured the same on WCXB dev but cut
# 0.009 F1 off our generated "unseen families" pages: 0.4.)
MAIN_SHARE = 0.7
COLUMN_SHARE = 0.4
COLUMN_LD = 0.35


def widen_to_main_column(chosen: list[LexborNode], article: bool, cuts: Optional[dict] = None) -> list[LexborNode]:
    """The page's main column instead of ``chosen`` when the page is not an article and its
    content is spread over several sections the scoring did not join.

    A service page writes "what we do", "how it works", "prices" and "FAQ" as
    sections of comparable size; the scoring takes the biggest, the sibling rule
    joins only those that look like it. ``<main>`` (``role=main``) is the site's
    own word for where the content is; without it, the widest ancestor below
    ``<body>`` that is under 35 % links (headers, menus and sidebars are cut
    before this, so what is left around the winner is mostly the column).

    Users' posts in the column (reviews, reports: :func:`_users_posts_in`) are not
    part of its content: they count neither for the column nor for the chosen blocks
    when a chosen block beside them is a document (a store page's description beside
    its longer reviews), and when the column is taken they are cut (``cuts`` given,
    as ``html.comments``), unless the choice is itself users' posts (a thread).

    >>> t = LexborHTMLParser("<body><main><section><h2>Plans</h2><p>" + "Plans, prices and terms. " * 8 +
    ...     "</p></section><section><h2>How it works</h2><p>" + "We call you, we visit. " * 6 +
    ...     "</p></section></main></body>")
    >>> [n.tag for n in widen_to_main_column([t.css_first("section")], article=False)]
    ['main']
    >>> [n.tag for n in widen_to_main_column([t.css_first("section")], article=True)]
    ['section']
    """
    if not chosen:
        return chosen
    column, share = None, MAIN_SHARE
    if not article:
        column = _main_around(chosen[0])
        if column is None:
            column, share = _column_around(chosen[0]), COLUMN_SHARE
    posts_chosen = _posts_beside_document(chosen, cuts) if cuts is not None else []
    document = [node for node in chosen if node not in posts_chosen]
    if posts_chosen:
        # (the document: the chosen blocks beside the posts, or the column they would be widened to)
        if _thread(document, cuts) or not _holds_document([column] if column is not None else document, posts_chosen):
            document, posts_chosen = chosen, []  # (a thread's first post beside its replies: all of it is the page)
        else:
            # (cut, not only left out: the second opinion would otherwise read them as the page's prose)
            _cut_blocks(posts_chosen, cuts)
    if column is None:
        return document
    held = sum(_prose_chars(node) for node in document)
    column_chars = _prose_chars(column)
    if held < share * column_chars:
        posts = _users_posts_in(column, document)
        if held < share * (column_chars - sum(_prose_chars(block) for block in posts)):
            if share == MAIN_SHARE and len(chosen) == 1 and _is_article_element(chosen[0]):
                # The site's own two words: <main> holds the page, the <article> in it the document (a
                # repository's README beside its file list, a route's story beside its figures).
                return chosen
            if posts and cuts is not None and not _thread(document, cuts):
                _cut_blocks(posts, cuts)
            return [column]
    return document


POSTS_RULE = "html.comments"  # users' posts cut beside the document (html_comment_section's rule)


def _cut_blocks(blocks: list[LexborNode], cuts: dict) -> None:
    cut = html_module()._cut
    for block in blocks:
        cut(block, POSTS_RULE, cuts)


def _posts_beside_document(chosen: list[LexborNode], cuts: Optional[dict]) -> list[LexborNode]:
    """The chosen block that is a list of users' posts, the biggest, beside others (a document beside the
    reviews that won, joined by the sibling rule), as a list; ``[]`` otherwise.

    >>> t = LexborHTMLParser("<main><div id='d'><p>" + "An app to plan walks, with maps and notes. " * 4 + "</p></div>"
    ...     "<section id='r'>" + "".join(f"<div><p>Jo · ★★★★☆ · {d}.3.2024</p><p>Good maps, but the notes are "
    ...     "slow to sync between phones.</p></div>" for d in (2, 9, 14)) + "</section></main>")
    >>> [n.attributes["id"] for n in _posts_beside_document([t.css_first("#d"), t.css_first("#r")], None)]
    ['r']
    """
    from corpus_clean.html_posts import holds_user_posts, rated, repeated_items

    if len(chosen) < 2:
        return []
    # Only the biggest block is read: posts beside a document the scoring chose are left out by the sibling
    # rule already (html._users_posts_beside); they are chosen beside it when they won, with the most text.
    # (A list of posts repeats containers, a document's blocks repeat paragraphs: only the former are read
    # as posts, which costs a look at each item's date and signature.)
    # Only rated posts are looked for here (a store's, a recipe's, a product's reviews: stars, "4/5",
    # schema.org's rating), one cheap look at the block's text first: reading every item as a post cost ~2 %
    # of a cold page's time when asked of every choice of two blocks or more.
    biggest = max(chosen, key=_prose_chars)
    if not rated(biggest):
        return []
    items = repeated_items(biggest)
    if not items or items[0].tag not in POST_ITEM_TAGS or not holds_user_posts(biggest, cuts):
        return []
    return [biggest]


POST_ITEM_TAGS = frozenset(("div", "li", "article", "section"))  # the elements a list of users' posts repeats


# A document beside users' posts: this much prose (text outside links) in at least MIN_DOCUMENT_PARAGRAPHS
# paragraphs of MIN_PARAGRAPH_CHARS outside the posts (html_comment_section's story; a forum's notice or a
# thread's title bar beside its posts is none).
MIN_DOCUMENT_CHARS = 300
MIN_DOCUMENT_PARAGRAPHS = 2
MIN_PARAGRAPH_CHARS = 80


def _holds_document(region: list[LexborNode], posts: list[LexborNode]) -> bool:
    """True when ``region``'s paragraphs outside ``posts`` make a document (see MIN_DOCUMENT_CHARS).

    >>> t = LexborHTMLParser("<main><p id='n'>Log in to reply.</p><section id='r'><p>" + "A post, with words. " * 9 +
    ...     "</p></section></main>")
    >>> _holds_document([t.css_first("main")], [t.css_first("#r")])
    False
    """
    from corpus_clean.html_prose import _inside

    collect_paragraphs = html_module().collect_paragraphs
    prose = [row.chars - row.link_chars for node in region for row in collect_paragraphs(node)
             if row.chars - row.link_chars >= MIN_PARAGRAPH_CHARS and not any(_inside(row.node, p) for p in posts)]
    return len(prose) >= MIN_DOCUMENT_PARAGRAPHS and sum(prose) >= MIN_DOCUMENT_CHARS


def _thread(document: list[LexborNode], cuts: dict) -> bool:
    """True when the chosen document is itself users' posts or one of them (a forum thread, a Q&A)."""
    from corpus_clean.html_posts import holds_user_posts, is_user_post

    return any(is_user_post(node, cuts) or holds_user_posts(node, cuts) for node in document)


def _users_posts_in(column: LexborNode, chosen: list[LexborNode]) -> list[LexborNode]:
    """The blocks of ``column`` (its children, or their children) that are users' posts.

    A hiking route's trail reports or a recipe's reviews below the story are not a section of the
    page the scoring failed to join: they do not count in the column's share (a route whose story
    holds 60 % of ``<main>``, reviews the rest, stays the story). Blocks around or inside ``chosen``
    are not counted.

    >>> t = LexborHTMLParser("<main><article><p>" + "Follow the river north, then the ridge. " * 8 + "</p></article>"
    ...     "<section>" + "".join(f"<div><p>Jo · ★★★★☆ · {d}.3.2024</p><p>Muddy after the bridge, but the views, the "
    ...     "lake and the village were worth the climb.</p></div>" for d in (2, 9, 14, 20)) + "</section></main>")
    >>> widen_to_main_column([t.css_first("article")], article=False)[0].tag
    'article'
    >>> [n.tag for n in _users_posts_in(t.css_first("main"), [t.css_first("article")])]
    ['section']
    """
    from corpus_clean.html_posts import holds_user_posts

    taken = set()
    for node in chosen:
        while node is not None and node.mem_id != column.mem_id:
            taken.add(node.mem_id)
            node = node.parent
    found = []
    for child in column.iter(include_text=False):
        if child.mem_id in taken:
            for grandchild in child.iter(include_text=False):
                if grandchild.mem_id not in taken and holds_user_posts(grandchild):
                    found.append(grandchild)
        elif holds_user_posts(child):
            found.append(child)
    return found


def _is_article_element(node: LexborNode) -> bool:
    """True when ``node`` is an ``<article>`` or wraps one alone (each level down a single element).

    >>> _is_article_element(LexborHTMLParser("<div><div><article><p>x</p></article></div></div>").css_first("div"))
    True
    >>> _is_article_element(LexborHTMLParser("<div><article><p>x</p></article><p>y</p></div>").css_first("div"))
    False
    """
    while node.tag != "article":
        children = [child for child in node.iter(include_text=False) if not child.tag.startswith("-")]
        if len(children) != 1:
            return False
        node = children[0]
    return True


def _main_around(node: LexborNode) -> Optional[LexborNode]:
    """The nearest ``<main>`` / ``role=main`` ancestor of ``node`` (or ``node`` itself)."""
    while node is not None and node.tag not in ("body", "html"):
        if node.tag == "main" or node.attributes.get("role") == "main":
            return node
        node = node.parent
    return None


def _column_around(node: LexborNode) -> Optional[LexborNode]:
    """The highest ancestor of ``node`` below ``<body>`` with under COLUMN_LD link text."""
    link_density = html_module().link_density  # (html.py imports this module: see html_module)

    ancestors = []
    node = node.parent
    while node is not None and node.tag not in ("body", "html"):
        ancestors.append(node)
        node = node.parent
    # From the top down: the first that qualifies is the highest, and the lower ones
    # (each a walk over its subtree) need not be measured.
    return next((node for node in reversed(ancestors) if link_density(node) < COLUMN_LD), None)


def _prose_chars(node: LexborNode) -> int:
    """Characters of text under ``node`` outside links."""
    text_and_link_chars = html_module().text_and_link_chars  # (html.py imports this module: see html_module)

    total, links = text_and_link_chars(node)  # (one walk of the subtree)
    return total - links


# Cards are looked for when the chosen blocks' link-cut text is over LINKS_RATIO of
# their kept text; a card group is MIN_CARDS or more elements with the same tag and
# class, in parents of the same tag and class (a filter menu's bare <a>s are not the
# cards' bare <a>s), holding a link, CARD_LEVELS or fewer levels above it, CARD_CHARS of text each
# on average (a menu's "Home", "About" are shorter).
LINKS_RATIO = 0.6
MIN_CARDS = 4
CARD_LEVELS = 4
CARD_CHARS = 20


def link_cards(chosen: list[LexborNode], lines: list[tuple[str, str]]) -> list[LexborNode]:
    """Elements of ``chosen`` to keep whole: the cards of a listing page, when links are its content.

    ``lines`` is the page rendered with ``chosen`` (see :func:`corpus_clean.html.render_page`);
    its ``html.links`` lines are the link-dense blocks cut inside the chosen blocks. When
    they outweigh what was kept, the page's content is its links (a category page, a
    news index, a product grid) and the repeated elements holding them are its cards:
    the card's title, price and teaser are the content (WCXB's gold and trafilatura keep
    them). On an article the story outweighs its teaser grid, and nothing is returned.

    >>> cards = "".join(f"<div class='card'><a href='/p{i}'><h3>Walnut desk number {i}</h3>$ {i}99</a></div>"
    ...                 for i in range(6))
    >>> t = LexborHTMLParser(f"<body><div id='grid'><p>Desks.</p>{cards}</div></body>")
    >>> lines = [("Desks.", "keep")] + [(f"Walnut desk number {i}", "html.links") for i in range(6)]
    >>> [n.attributes["class"] for n in link_cards([t.css_first("#grid")], lines)]
    ['card', 'card', 'card', 'card', 'card', 'card']
    >>> link_cards([t.css_first("#grid")], [("A long story. " * 40, "keep")] + lines[1:])
    []
    """
    kept = sum(len(line) for line, verdict in lines if verdict == "keep")
    linked = sum(len(line) for line, verdict in lines if verdict == "html.links")
    if not linked or linked <= LINKS_RATIO * kept:
        return []
    return card_elements(chosen)


def card_elements(chosen: list[LexborNode]) -> list[LexborNode]:
    """The repeated elements holding links inside ``chosen`` (the structural half of :func:`link_cards`).

    >>> rows = "".join(f"<li class='row'><a href='/{i}'>A story on the list, number {i}</a></li>" for i in range(5))
    >>> t = LexborHTMLParser(f"<body><ul id='l'>{rows}</ul></body>")
    >>> len(card_elements([t.css_first("#l")])), card_elements([t.css_first("body")])[0].tag
    (5, 'li')
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    groups: dict[tuple, dict[int, LexborNode]] = {}
    labels: dict[int, tuple] = {}  # mem_id -> (tag, class): the links of a list share their ancestors
    for container in chosen:
        stop = container.mem_id
        for link in _LINKS.select(container):
            node = link
            key = node.mem_id
            label = _tag_and_class(node, key, labels)
            for _ in range(CARD_LEVELS):
                parent = node.parent
                if parent is None:
                    break
                parent_key = parent.mem_id
                parent_label = _tag_and_class(parent, parent_key, labels)
                groups.setdefault(label + parent_label, {})[key] = node
                if parent_key == stop:
                    break
                node, key, label = parent, parent_key, parent_label
    cards: list[LexborNode] = []
    for members in groups.values():
        if len(members) >= MIN_CARDS and sum(stripped_chars(n) for n in members.values()) >= CARD_CHARS * len(members):
            cards.extend(members.values())
    return _outermost(cards)


def _tag_and_class(node: LexborNode, key: int, labels: dict) -> tuple:
    """``(node.tag, its class)``, read once per element (``key``: its ``mem_id``; ``labels``: those read, by ``mem_id``).

    >>> div = LexborHTMLParser("<div class='card'><a href='/'>x</a></div>").css_first("div")
    >>> labels = {}; _tag_and_class(div, div.mem_id, labels), len(labels)
    (('div', 'card'), 1)
    """
    label = labels.get(key)
    if label is None:
        label = labels[key] = (node.tag, node.attributes.get("class"))
    return label


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` without those inside another of them (a card's title group inside the card)."""
    ids = {node.mem_id for node in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out

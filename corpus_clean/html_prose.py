"""A second opinion on pages where the chosen blocks hold a sliver of the page's prose.

The scoring (:func:`corpus_clean.html.best_container`) picks the block with the
most paragraph score. On pages written as many small boxes (a service page's
hero, features, testimonials and FAQ; a product's bullets, details and
description) one box wins and the others are ``html.not_main``. Trafilatura
handles such pages by comparing its output with a second extractor's
(readability) and taking the other when it is much longer; we compare with a
second *reading* of the same tree, cheap because it reuses its text counts:

1. :func:`doubts_choice`: the rendered page keeps under ``DOUBT_SHARE`` of the
   text that is neither kept nor cut as furniture (a free test on the lines
   already rendered; it fires on a few pages in a hundred).
2. :func:`prose_cover`: the smallest element holding ``COVER`` of the page's
   prose (text outside links, furniture already cut), found top-down from
   ``<body>``. Replaces the chosen blocks when it holds ``GAIN`` times their
   prose (``ARTICLE_GAIN`` on a page that declares itself an article) and is
   not a link farm; when it does not hold them, only if they are a small box
   (``OUTSIDE_MAX_HELD``). Link lists inside it are still cut by the
   renderer, and every cut is recorded.
"""
from __future__ import annotations

from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean.html_posts import holds_user_posts
from corpus_clean.html_queries import html_module

__all__ = ["doubts_choice", "prose_by_element", "prose_cover", "second_opinion"]

# The cover holds COVER of the page's prose; it replaces the choice when it holds GAIN
# times the choice's prose (trafilatura's test for its readability fallback: twice the
# text), ARTICLE_GAIN times on a page that declares itself an article (an article's page
# also carries teasers and comment excerpts: more evidence is needed), and under COVER_LD
# of its text is links. A cover that does not hold the choice replaces it only when the
# choice is under OUTSIDE_MAX_HELD characters of prose (an author box, a promo: not a
# story of its own). Tuned on WCXB dev and the readability dev half (RESULTS-html.md,
# round 5): COVER 0.6 was worse than 0.7; ARTICLE_GAIN 2 cost scrapinghub 0.005.
DOUBT_SHARE = 0.4
COVER = 0.7
GAIN = 2.0
ARTICLE_GAIN = 3.0
COVER_LD = 0.5
OUTSIDE_MAX_HELD = 1000
MAX_LEVELS = 64  # prose is summed this far up from a paragraph (real pages are shallower)


def doubts_choice(lines: list[tuple[str, str]], keep: str = "keep", not_main: str = "html.not_main") -> bool:
    """True when the rendered page keeps under ``DOUBT_SHARE`` of its unlabelled text.

    Text cut as furniture (nav, footer, comments ...) does not count: only what was
    kept and what was left out as ``html.not_main``, the text the scoring decided on.

    >>> doubts_choice([("A short box.", "keep"), ("Three more sections of the service page.", "html.not_main")])
    True
    >>> doubts_choice([("The article, long and whole.", "keep"), ("Home", "html.nav")])
    False
    """
    kept = sum(len(line) for line, verdict in lines if verdict == keep)
    outside = sum(len(line) for line, verdict in lines if verdict == not_main)
    return kept < DOUBT_SHARE * (kept + outside)


def prose_by_element(body: LexborNode) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Prose characters (a block's text outside its links), link characters, and the prose
    that sits inside a link (a teaser card: a link around a heading and a paragraph) under
    every element, by ``mem_id``.

    One pass over the page's paragraphs (:func:`corpus_clean.html.collect_paragraphs`),
    each adding its counts to all its ancestors.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><div id='a'><p>Twelve chars</p><p><a href='/'>link</a></p></div>"
    ...                      "<div id='card'><a href='/s'><p>A teaser</p></a></div></body>")
    >>> prose, links, wrapped = prose_by_element(t.body)
    >>> [(prose[k], links[k], wrapped.get(k, 0)) for k in (t.css_first("#a").mem_id, t.css_first("#card").mem_id)]
    [(12, 4, 0), (8, 0, 8)]
    """
    from corpus_clean import html  # (html.py imports this module)

    rows = html.collect_paragraphs(body)
    walker = html._compiled_renderer()
    if walker is not None:  # the same walk up in C (corpus_clean/_lexbor_walk.c), Python's arithmetic
        return walker.prose_sums(rows, MAX_LEVELS, html._A_TAG_ID, html._BODY_TAG_ID)
    prose: dict[int, int] = {}
    links: dict[int, int] = {}
    wrapped: dict[int, int] = {}
    for para in rows:
        own, linked = para.chars - para.link_chars, para.link_chars
        node, level, in_link = para.node, 0, False
        while node is not None and level < MAX_LEVELS:
            in_link = in_link or node.tag == "a"
            key = node.mem_id
            prose[key] = prose.get(key, 0) + own
            links[key] = links.get(key, 0) + linked
            if in_link and own:
                wrapped[key] = wrapped.get(key, 0) + own
            if node.tag == "body":
                break
            node = node.parent
            level += 1
    return prose, links, wrapped


def prose_cover(body: LexborNode, prose: dict[int, int]) -> Optional[LexborNode]:
    """The deepest element holding ``COVER`` of the prose under ``body`` (``body`` itself when no child does).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> boxes = "".join(f"<section><p>Box {i}, a feature of the service, told in a sentence.</p></section>" for i in range(4))
    >>> t = LexborHTMLParser(f"<body><div id='menu'><p>Menu words</p></div><div id='col'>{boxes}</div></body>")
    >>> prose_cover(t.body, prose_by_element(t.body)[0]).attributes["id"]
    'col'
    """
    total = prose.get(body.mem_id, 0)
    if not total:
        return None
    node = body
    while True:
        child = next((c for c in node.iter(include_text=False) if prose.get(c.mem_id, 0) >= COVER * total), None)
        if child is None:
            return node
        node = child


def second_opinion(body: LexborNode, chosen: list[LexborNode], lines: list[tuple[str, str]],
                   article: bool = False) -> Optional[list[LexborNode]]:
    """``[cover]`` to render instead of ``chosen`` when the choice is doubted and the cover
    holds ``GAIN`` times its prose; else None (see the module docstring).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> boxes = "".join(f"<div class='box{i}'><p>Box {i}, a feature of the service, told in a sentence.</p></div>"
    ...                 for i in range(5))
    >>> t = LexborHTMLParser(f"<body><div id='col'>{boxes}</div></body>")
    >>> first = t.css_first(".box0")
    >>> lines = [(n.text(), "keep" if n is first else "html.not_main") for n in t.css("p")]
    >>> [n.attributes["id"] for n in second_opinion(t.body, [first], lines)]
    ['col']
    """
    if not doubts_choice(lines):
        return None
    prose, links, wrapped = prose_by_element(body)
    if not chosen:
        return None if article else listing_cover(body, prose, links)
    cover = prose_cover(body, prose)
    if cover is None:
        return None
    key = cover.mem_id
    held = sum(prose.get(node.mem_id, 0) for node in chosen)
    if not all(_inside(node, cover) for node in chosen) and held > OUTSIDE_MAX_HELD:
        return None
    gain = ARTICLE_GAIN if article else GAIN
    # (link density counting teaser cards, paragraphs inside a link, as links)
    linked = links.get(key, 0) + wrapped.get(key, 0)
    if prose[key] < gain * held or linked > COVER_LD * (prose[key] + links.get(key, 0)):
        return None
    return [cover]


def listing_cover(body: LexborNode, prose: dict[int, int], links: dict[int, int]) -> Optional[list[LexborNode]]:
    """``[element]`` holding ``COVER`` of the page's text, links included, on a page with no paragraph at all.

    A news aggregator's front page, a search result or a schedule is a list of
    links: the scoring finds no paragraph and the page came out empty. Its list is
    where most of its text is (menus and footers are cut before this); rendered as
    the choice, its repeated rows are kept whole as cards
    (:func:`corpus_clean.html_sections.link_cards`), and the rest is still cut.
    ``None`` when that is the whole ``<body>`` (nothing stands out) or holds no
    repeated rows of links (a grid of bare labels is not a listing).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> rows = "".join(f"<tr class='item'><td><a href='/{i}'>Story number {i} on the list</a></td></tr>" for i in range(9))
    >>> t = LexborHTMLParser(f"<body><div id='top'><a href='/'>Home</a></div><table id='list'>{rows}</table></body>")
    >>> prose, links, _ = prose_by_element(t.body)
    >>> [n.tag for n in listing_cover(t.body, prose, links)]
    ['tbody']
    """
    from corpus_clean.html_sections import card_elements

    text = {key: amount + links.get(key, 0) for key, amount in prose.items()}
    cover = prose_cover(body, text)
    if cover is None or cover.tag in ("body", "html") or not card_elements([cover]):
        return None
    return [cover]


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    """True when ``node`` is ``ancestor`` or below it."""
    key = ancestor.mem_id
    while node is not None:
        if node.mem_id == key:
            return True
        node = node.parent
    return False


# Labels naming things that are short by nature (a caption, an embedded player, a
# collapsed widget) are wrong on a block holding this much prose: an accordion's
# answers, a tab panel, a page builder's "widget" text box, a table styled as a figure.
# (Rule name -> prose characters, text outside links, from which the label is ignored;
# tuned on WCXB dev: 300/300/600 and 100/100/300 measured below 150/150/300.)
PROSE_LABELS = {"html.hidden": 150, "html.embed": 150, "html.caption": 300}
COMMENTS_RULE = "html.comments"
TWIN_CHARS = 100  # a restored element repeating another's text this long is its copy for another screen size


def mislabelled_prose(node: LexborNode, rule: str) -> bool:
    """True when ``node``, labelled as ``rule``, holds more prose than such furniture ever does.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='accordion-panel hidden'><p>" + "An answer, in words. " * 20 + "</p></div>"
    ...                      "<div class='menu hidden'><a href='/'>Home</a></div>")
    >>> [mislabelled_prose(n, "html.hidden") for n in t.css("div")]
    [True, False]
    """
    limit = PROSE_LABELS.get(rule)
    if limit is None:
        return False
    text_and_link_chars = html_module().text_and_link_chars  # (html.py imports this module: see html_module)

    total, links = text_and_link_chars(node)  # (one walk of the subtree: about the cost of the text's alone)
    return total >= limit and total - links >= limit


def restore_mislabelled(cuts: dict) -> int:
    """Put back in the page the cut elements whose short-thing label is wrong (:func:`mislabelled_prose`).

    ``cuts`` is :func:`corpus_clean.html.strip_junk`'s (placeholder id -> (element,
    rule, placeholder)); a restored element takes its placeholder's place again and
    leaves ``cuts``, so the scoring and the renderer see it as any other block (link
    lists and labelled furniture inside it are still cut). Returns how many came back.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> t = LexborHTMLParser("<body><p>" + "The story, in words. " * 40 + "</p><div class='faq-panel hidden'><p>"
    ...                      + "An answer, in words. " * 10 + "</p></div><div class='video-embed'>Watch: the pier</div></body>")
    >>> cuts = strip_junk(t); restore_mislabelled(cuts), sorted(rule for _, rule, _ in cuts.values())
    (1, ['html.embed'])
    """
    # (lists in the page's order, not sets of addresses: the outcome must not depend on memory layout)
    # (rules without a prose limit are never mislabelled: tested here, ~90 cuts a page skip the call)
    spared = [key for key, (node, rule, _) in cuts.items() if rule in PROSE_LABELS and mislabelled_prose(node, rule)]
    # (users' posts, a closed Reviews tab hidden by a class, are comments however long: see html_posts)
    for key in [key for key in spared if holds_user_posts(cuts[key][0], cuts)]:
        node, _, placeholder = cuts[key]
        cuts[key] = (node, COMMENTS_RULE, placeholder)
        spared.remove(key)
    # A site that puts prose under one of these labels uses it for content: the page's other
    # elements with the same tag and class come back too (Elementor wraps every block of a
    # page, short or long, in "elementor-widget-container").
    if spared:
        labels = {_label(cuts[key][0]) for key in spared} - {None}
        spared = [key for key, (node, rule, _) in cuts.items()
                  if key in spared or (rule in PROSE_LABELS and _label(node) in labels)]
    spared = first_copies(cuts, spared)
    for key in spared:
        node, _, placeholder = cuts.pop(key)
        placeholder.insert_before(node, move=True)
        placeholder.remove()
    return len(spared)


def first_copies(cuts: dict, keys: list) -> list:
    """``keys`` without the cut elements whose text (``TWIN_CHARS`` or more) repeats an earlier one's, or a shown
    sibling's: a site that writes its description twice, once per screen size (``hidden-md-up`` /
    ``hidden-md-down``, or ``visible-xs`` beside ``hidden-xs``), shows it once; the copy stays cut (as
    ``html.hidden``, in ``removed``).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> desc = "A wheel-thrown mug in a speckled glaze, with a clear glazed inside, for tea or coffee. " * 3
    >>> t = LexborHTMLParser(f"<body><h1>Mug</h1><div class='product-description hidden-md-down'><p>{desc}</p></div>"
    ...                      f"<div class='product-description hidden-md-up'><p>{desc}</p></div></body>")
    >>> cuts = strip_junk(t); restore_mislabelled(cuts), t.body.text().count("wheel-thrown")
    (1, 3)
    >>> t = LexborHTMLParser(f"<body><h1>Mug</h1><div class='visible-xs'><p>{desc}</p></div><div class='hidden-xs'><p>{desc}</p></div></body>")
    >>> cuts = strip_junk(t); restore_mislabelled(cuts), t.body.text().count("wheel-thrown")
    (0, 3)
    """
    seen: set = set()
    shown: dict = {}  # parent's mem_id -> the texts its shown children show (read once per parent)
    kept = []
    for key in keys:
        node, _, placeholder = cuts[key]
        text = " ".join(node.text().split())
        if len(text) >= TWIN_CHARS:
            if text in seen or text in _shown_texts(placeholder.parent, shown):
                continue
            seen.add(text)
        kept.append(key)
    return kept


def _shown_texts(parent: Optional[LexborNode], cache: dict) -> frozenset:
    """The texts of ``parent``'s element children (whitespace-collapsed), the ones beside a cut element's place."""
    if parent is None:
        return frozenset()
    texts = cache.get(parent.mem_id)
    if texts is None:
        texts = cache[parent.mem_id] = frozenset(" ".join(child.text().split()) for child in parent.iter(include_text=False)
                                                 if child.tag and not child.tag.startswith("-"))
    return texts


def _label(node: LexborNode) -> Optional[tuple]:
    """``(tag, class)`` of an element with a class, else None."""
    cls = node.attributes.get("class")
    return (node.tag, cls) if cls else None

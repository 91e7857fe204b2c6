"""A gallery's captions are not the story beside them.

News sites embed a slideshow in the story: fifty photos, each with a title, a
caption of a sentence or three and a credit, written out in a list the script
pages through ("1/50 United goin down ... GETTY IMAGES"). The site labels it
(``full-gallery``, ``slideshow``, ``photo-gallery``), and :func:`strip_junk
<corpus_clean.html.strip_junk>` would cut it as ``html.caption``, but it holds
most of the page's text, and an element that big under a soft label is taken
for a layout wrapper around the article and spared. The scoring
(:func:`corpus_clean.html.best_container`) then picks the caption list, fifty
paragraphs against the story's fifteen, and the story is cut as
``html.not_main``. readability-lxml picks the same list first and loses it in
its cleaning step (the list's ``scroller`` class matches its negative words).

:func:`story_over_gallery` checks the choice instead: when every chosen block
lies inside an element labelled as captions (:data:`GALLERY_RULES`) and the
page holds a story of its own outside it (:data:`MIN_STORY_CHARS` of paragraph
text in :data:`MIN_STORY_PARAGRAPHS` paragraphs), the label was right after all:
the element is cut as captions (recorded in ``removed`` with the others) and
the page is scored again. A page that *is* a gallery (its captions, an intro of
a few lines) keeps its choice.

A photo essay goes further: each photo's caption is a paragraph or two, the
introduction a few lines, and the captions *are* the story (trafilatura keeps
them; cut as ``html.caption`` one by one, they left the essay's intro alone).
:func:`captions_told_story` puts such captions back before the scoring: when
the page holds :data:`MIN_TOLD` or more captions of :data:`TOLD_CHARS` of prose
each, together more prose than the page's paragraphs outside them, and those
paragraphs make no story of their own (the test above). Credits, counters and
links inside them are still cut by their own labels.
"""
from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk
from corpus_clean.html_prose import _inside
from corpus_clean.html_queries import html_module

__all__ = ["captions_told_story", "gallery_around", "story_over_gallery"]

# The labels that name a set of captions: figure captions, photo credits, galleries and
# slideshows all record this rule (``html.LABEL_REASONS``).
GALLERY_RULES = frozenset(("html.caption",))
# A story of its own: this much paragraph text (``<p>`` of 40+ characters, outside the
# gallery) in at least this many paragraphs (a gallery page's intro is a line or two).
MIN_STORY_CHARS = 1000
MIN_STORY_PARAGRAPHS = 4
MIN_PARAGRAPH_CHARS = 40
# A caption that tells: this much prose (text outside links, its credit included) in one cut
# caption, a paragraph or two (a picture's label, "The quay at dawn. Photo: K. Lund", is shorter).
TOLD_CHARS = 150
# A photo essay has at least this many of them (a news story's one or two photos never do).
MIN_TOLD = 3


def gallery_around(node: LexborNode) -> Optional[LexborNode]:
    """The outermost element labelled as captions that holds ``node`` (or is it), or None.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><div class='photo-gallery'><ul><li><p>A caption.</p></li></ul></div>"
    ...                      "<div class='story'><p>The story.</p></div></body>")
    >>> gallery_around(t.css_first("ul")).attributes["class"], gallery_around(t.css_first(".story"))
    ('photo-gallery', None)
    """
    boilerplate_label = html_module().boilerplate_label  # (html.py imports this module: see html_module)

    found = None
    while node is not None and node.tag not in ("body", "html"):
        verdict = boilerplate_label(node)
        if verdict is not None and verdict[0] == "soft" and verdict[1] in GALLERY_RULES:
            found = node
        node = node.parent
    return found


# Class/id substrings of the caption words (``html.LABEL_REASONS``): a cheap first look
# inside a chosen block before the labels are read.
_CAPTION_SELECTOR = ",".join(f"[{attr}*={word} i]" for attr in ("class", "id")
                             for word in ("gallery", "slideshow", "photo", "caption", "credit"))
_CAPTIONS, _PARAGRAPHS = lexbor_walk.Query(_CAPTION_SELECTOR), lexbor_walk.Query("p")  # (one C walk each when built)


def galleries_in(node: LexborNode) -> list[LexborNode]:
    """The outermost elements labelled as captions below ``node``.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<article><div class='photo-gallery'><figure class='photo'><p>A</p></figure></div>"
    ...                      "<p class='lead'>The story.</p></article>")
    >>> [n.attributes["class"] for n in galleries_in(t.css_first("article"))]
    ['photo-gallery']
    """
    boilerplate_label = html_module().boilerplate_label  # (html.py imports this module: see html_module)

    found: list[LexborNode] = []
    for inner in _CAPTIONS.select(node):
        verdict = boilerplate_label(inner)
        if verdict is None or verdict[0] != "soft" or verdict[1] not in GALLERY_RULES:
            continue
        if not any(_inside(inner, outer) for outer in found):
            found.append(inner)
    return found


def story_over_gallery(body: LexborNode, chosen: list[LexborNode], cuts: dict,
                       article: bool) -> list[LexborNode]:
    """``chosen``, or the page's choice with the galleries in it cut (see the module docstring).

    The choice is a gallery's when most of its text lies in chosen blocks inside
    (or being) elements labelled as captions. Only on a page that declares itself
    an article (``article``: :func:`corpus_clean.html_sections.declares_article`):
    a shop's product cards are labelled "product_slideshow" and their reviews are
    no story (WCXB dev, a collection page: 0.54 -> 0.00 before this condition).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import best_container
    >>> story = "".join(f"<p>Paragraph {i} of the story, long enough to count as one.</p>" for i in range(20))
    >>> slides = "".join(f"<li><h2>{i}/60</h2><p>Caption {i}, what the photo shows, and who, and where.</p></li>"
    ...                  for i in range(60))
    >>> t = LexborHTMLParser(f"<body><div class='text'>{story}<div class='full-gallery'><ul>{slides}</ul></div>"
    ...                      "</div></body>")
    >>> cuts = {}
    >>> chosen = story_over_gallery(t.body, best_container(t.body), cuts, article=True)
    >>> [n.attributes.get("class") for n in chosen], [rule for _, rule, _ in cuts.values()]
    (['text'], ['html.caption'])
    """
    page_html = html_module()  # (html.py imports this module: see html_module)
    _cut, best_container, stripped_chars = page_html._cut, page_html.best_container, page_html.stripped_chars

    if not article:
        return chosen
    galleries: dict[int, LexborNode] = {}
    in_galleries = total = 0
    for node in chosen:
        size = stripped_chars(node)
        total += size
        gallery = gallery_around(node)
        if gallery is not None:
            galleries.setdefault(gallery.mem_id, gallery)
            in_galleries += size
            continue
        # (a chosen wrapper, the site's <article>, holding the spared gallery; a small block
        # cannot hold a gallery that outweighs the story: not looked into)
        if size < MIN_STORY_CHARS:
            continue
        for inner in galleries_in(node):
            galleries.setdefault(inner.mem_id, inner)
            in_galleries += stripped_chars(inner)
    if not galleries or 2 * in_galleries < total:
        return chosen
    if not _story_outside(body, list(galleries.values())):
        return chosen
    rule = next(iter(GALLERY_RULES))
    for gallery in galleries.values():
        _cut(gallery, rule, cuts)
    return best_container(body, cuts)


def _story_outside(body: LexborNode, galleries: list[LexborNode]) -> bool:
    """True when the page's paragraphs outside ``galleries`` make a story (see the constants; text outside links)."""

    chars = count = 0
    for para in _PARAGRAPHS.select(body):
        if any(_inside(para, gallery) for gallery in galleries):
            continue
        size = _prose_size(para)
        if size >= MIN_PARAGRAPH_CHARS:
            chars += size
            count += 1
    return chars >= MIN_STORY_CHARS and count >= MIN_STORY_PARAGRAPHS


def captions_told_story(body: LexborNode, cuts: dict) -> int:
    """Put back the cut captions of a page whose story they tell (see the module docstring); how many came back.

    ``cuts`` is :func:`corpus_clean.html.strip_junk`'s (placeholder id -> (element, rule,
    placeholder)); a restored caption takes its placeholder's place again, as
    :func:`corpus_clean.html_prose.restore_mislabelled` does for long prose under a short-thing label.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> cap = "The ferry leaves the quay at dawn, the last one before the strike, with forty cars and a band. " * 2
    >>> photos = "".join(f"<figure><img src='{i}.jpg'><figcaption>{cap}<span class='credit'>K. Lund</span>"
    ...                  "</figcaption></figure>" for i in range(4))
    >>> t = LexborHTMLParser(f"<body><article><h1>The last ferry</h1><p>A week on the island.</p>{photos}</article></body>")
    >>> cuts = strip_junk(t); captions_told_story(t.body, cuts), t.body.text().count("last one before")
    (4, 8)
    >>> t = LexborHTMLParser("<body><article>" + "".join(f"<p>Paragraph {i} of a story, the council and the cost of the new quay.</p>"
    ...                                for i in range(30)) + f"{photos}</article></body>")
    >>> cuts = strip_junk(t); captions_told_story(t.body, cuts)
    0
    """

    rule = next(iter(GALLERY_RULES))
    told, prose = [], 0
    for key, (node, node_rule, _) in cuts.items():
        if node_rule != rule:
            continue
        size = _prose_size(node)
        if size >= TOLD_CHARS:
            told.append(key)
            prose += size
    if len(told) < MIN_TOLD or _story_outside(body, []):
        return 0
    outside = sum(size for size in _paragraph_prose(body) if size >= MIN_PARAGRAPH_CHARS)
    if prose <= outside:
        return 0
    # (the essay's shorter captions, in the same markup as the long ones, are its story too)
    labels = {_markup(cuts[key][0]) for key in told}
    told += [key for key, (node, node_rule, _) in cuts.items()
             if node_rule == rule and key not in told and _markup(node) in labels
             and _prose_size(node) >= MIN_PARAGRAPH_CHARS]
    # (a <figcaption> is cut inside its <figure>, itself cut: the figures holding them come back too)
    by_node = {node.mem_id: key for key, (node, _, _) in cuts.items()}
    by_key = {key: cuts[key][0] for key in told}
    for key in told:
        while key in cuts:
            node, _, placeholder = cuts.pop(key)
            placeholder.insert_before(node, move=True)
            placeholder.remove()
            top = node
            while top.parent is not None:
                top = top.parent
            key = by_node.get(top.mem_id)
            if key is None or cuts.get(key, (None, None))[1] != rule:
                break
    for key in told:
        _cut_credits_and_counters(by_key[key], cuts)
    return len(told)


def _labelled_caption(node: LexborNode) -> bool:
    """True when ``node``'s class or id names a caption or a credit (``html.LABEL_REASONS``)."""
    boilerplate_label = html_module().boilerplate_label  # (html.py imports this module: see html_module)

    verdict = boilerplate_label(node)
    return verdict is not None and verdict[1] in GALLERY_RULES


# A photo's counter ("3/8", "3 of 8", "3 von 8", "3 de 8"): the whole text of its element.
_COUNTER_RE = re.compile(r"^\s*\d{1,3}\s*(?:/|of|von|van|de|di|sur)\s*\d{1,3}\s*$", re.IGNORECASE)
CREDIT_CHARS = 80  # a <cite> in a caption this short is its credit ("K. Lund / Reuters"), not a quoted work's title


def _cut_credits_and_counters(caption: LexborNode, cuts: dict) -> None:
    """Cut, inside a caption put back as the story, its credit (a short ``<cite>``) and its photo counter, and
    the counter beside it in the photo's block.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='photo'><figcaption><span>2/9</span> The quay. <cite>K. Lund / AFP</cite>"
    ...                      "<span class='credit'>Photo</span></figcaption><div>2 of 9</div></div>")
    >>> cuts = {}; _cut_credits_and_counters(t.css_first("figcaption"), cuts); " ".join(t.css_first("div").text().split())
    'The quay.'
    """
    page_html = html_module()  # (html.py imports this module: see html_module)
    _cut, stripped_chars = page_html._cut, page_html.stripped_chars

    rule = next(iter(GALLERY_RULES))
    block = caption.parent if caption.parent is not None and caption.parent.tag != "body" else caption
    for node in list(block.iter(include_text=False)) + list(caption.iter(include_text=False)):
        if node.parent is None:  # (already cut)
            continue
        if _inside(node, caption) and (node.tag == "cite" or _labelled_caption(node)) \
                and stripped_chars(node) <= CREDIT_CHARS:
            _cut(node, rule, cuts)
        elif node.tag not in ("figcaption", "p") and _COUNTER_RE.match(node.text() or ""):
            _cut(node, rule, cuts)


def _markup(node: LexborNode) -> tuple:
    """``(tag, class)``: the markup a site gives every caption of a gallery alike."""
    return node.tag, node.attributes.get("class") or ""


def _paragraph_prose(body: LexborNode) -> list[int]:
    """Each ``<p>``'s text outside links under ``body`` (cut elements are out of the tree)."""

    return [_prose_size(para) for para in _PARAGRAPHS.select(body)]


def _prose_size(node: LexborNode) -> int:
    """The text under ``node`` outside links: ``stripped_chars(node) - link_chars(node)``, in one walk."""
    text_and_link_chars = html_module().text_and_link_chars  # (html.py imports this module: see html_module)

    total, links = text_and_link_chars(node)
    return total - links

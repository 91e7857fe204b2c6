"""Stories an infinite-scroll page appended below the one the page is: other documents.

News and magazine sites load the next story (and the next) under the one asked for as the
reader scrolls; a crawler that renders pages, or a site that prints two stories into the first
response, gives a page holding two or three whole articles in sibling containers. The scoring
then chooses their common parent, and the extracted text is every story of the feed, though the
page's URL, title and metadata name the first. Each appended story has the shape of the first:
a headline (``<h1>``), a byline or date line under it, paragraphs. A document's own sections
have headings, even ``<h1>`` ones in HTML5 sectioning, but no byline of their own: that is
what tells another story from a section.

:func:`cut_appended_stories`: with two or more ``<h1>`` headlines in or around the chosen
blocks (cut by ``strip_junk`` as ``html.headline``, or left as section headings on a page
with many), the container of each later headline (its highest ancestor not holding the first
headline) is cut as :data:`RULE` when both headlines are signed (:func:`_signed`: a byline, share
bar or date line before the prose) and both hold paragraphs of their own (``MIN_STORY_CHARS``); the short lines
between the two ("Next story", an advertisement label) go with it. When the scoring chose inside
a later story (longer than the first), the first story's container is the choice. The cut text
stays in the page's ``removed`` record with that rule.
"""
from __future__ import annotations

from typing import Callable, Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk
from corpus_clean.html_queries import html_module

__all__ = ["RULE", "cut_appended_stories"]

RULE = "html.next_story"
BYLINE_RULE = "html.byline"
HEADLINE_TAG = "h1"
HEADLINE_RULE = "html.headline"  # (strip_junk's rule for a cut <h1>)
MIN_STORY_CHARS = 150  # a story of its own: two sentences or more, not an author card under a name
TOP_RULES = frozenset((BYLINE_RULE, "html.share"))  # what a story's top carries between headline and prose
SIGNATURE_SIBLINGS = 3  # a byline, a date, a share bar: the story's prose starts after a few such lines
SIGNATURE_MAX_CHARS = 120  # "By Kwame Asante · Updated 5 January 2025, 14:10"
RAW_PROSE_CHARS = 2000  # an element this long with its whitespace is the prose, not a byline (see _signed)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SEPARATOR_MAX_CHARS = 60  # "Next story", "Up next", "Advertisement": a label between two stories
_H1 = lexbor_walk.Query("h1")
_P = lexbor_walk.Query("p")


def cut_appended_stories(body: LexborNode, chosen: list, cuts: dict, cut: Callable[[LexborNode, str, dict], None]) -> list:
    """Cut the stories appended after the first (see the module's docstring); the chosen blocks left.

    ``cut`` is :func:`corpus_clean.html._cut` (passed in: this module is imported by it). A chosen
    block that is itself an appended story, or inside one, leaves the list.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import _cut
    >>> para = "<p>" + "The council voted for the new bridge on Monday, after a debate into the night. " * 3 + "</p>"
    >>> story = lambda n: f"<article><h1>Story {n}</h1><div class=byline>By A. Writer</div>{para}{para}</article>"
    >>> t = LexborHTMLParser(f"<div id=feed>{story(1)}<div>Up next</div>{story(2)}</div>")
    >>> cuts = {}
    >>> for node in t.css("h1, .byline"):
    ...     _cut(node, "html.headline" if node.tag == "h1" else "html.byline", cuts)
    >>> chosen = cut_appended_stories(t.body, [t.css_first("#feed")], cuts, _cut)
    >>> len(chosen), t.css_first("#feed").text().count("council"), sorted(r for _, r, _ in cuts.values())[-2:]
    (1, 6, ['html.next_story', 'html.next_story'])
    """
    # (the cheap gate first, read from the cuts made: a cut <h1>; a page with many <h1> keeps all but the
    # first as section headings, see html.MANY_H1: the tree is asked for them only then)
    # (the rule, a string compare, before the cut element's tag, a string built per element)
    heads = [ph for node, rule, ph in cuts.values() if rule == HEADLINE_RULE and node.tag == HEADLINE_TAG]
    if not heads:
        return chosen
    if len(heads) == 1 and not _signed(heads[0], cuts):  # (an unsigned headline starts no feed of stories)
        return chosen
    first_line = _ancestor_ids(heads[0]) if len(heads) == 1 else None
    if first_line is not None and chosen:
        # (a page with many <h1> leaves all but the first in the tree, as section headings: see html.MANY_H1.
        # They are looked for under the lowest ancestor of the first headline and the choice, which may be
        # inside a later story: a C walk of that subtree)
        scope = chosen[0]
        while scope.parent is not None and scope.mem_id not in first_line:
            scope = scope.parent
        for block in chosen[1:]:  # (each block's climb ends on the first headline's line: the highest is the scope)
            node = block
            while node.parent is not None and node.mem_id not in first_line:
                node = node.parent
            if node.mem_id != scope.mem_id and node.mem_id in _ancestor_ids(scope):
                scope = node
        heads.extend(_H1.select(scope))
    if len(heads) < 2:
        return chosen
    heads.sort(key=html_module()._document_position)  # (document order)
    if not _signed(heads[0], cuts):
        return chosen
    first_line = _ancestor_ids(heads[0])
    chosen_ids = {block.mem_id for block in chosen}
    taken: list[LexborNode] = []
    for head in heads[1:]:
        if not _signed(head, cuts):  # (the cheap test first: a page's section headings are not signed)
            continue
        box = _container(head, first_line)
        if box is None or not _inside_chosen(box, chosen_ids):
            continue
        first_box = _container_in(heads[0], box.parent)
        if first_box is None or any(box.mem_id == t.mem_id for t in taken):
            continue
        if _prose_chars(box) < MIN_STORY_CHARS or _prose_chars(first_box) < MIN_STORY_CHARS:
            continue
        taken.append(box)
    if not taken:
        return chosen
    first_story = _container_in(heads[0], taken[0].parent)
    gone: set[int] = set()
    for box in taken:
        sib = box.prev
        while sib is not None and not _is_story_box(sib, taken, heads[0]):
            before = sib.prev
            if sib.tag and not sib.tag.startswith("-") and len(sib.text(deep=True, strip=True)) <= SEPARATOR_MAX_CHARS:
                gone.add(sib.mem_id)
                cut(sib, RULE, cuts)
            sib = before
        gone |= _ancestor_free_ids(box)
        cut(box, RULE, cuts)
    left = [block for block in chosen if block.mem_id not in gone and not _detached(block)]
    # (the scoring chose inside a later story, longer than the first: the page is the first one)
    return left or [first_story]


def _signed(head: LexborNode, cuts: dict) -> bool:
    """True when a byline or date line follows ``head`` before the story's prose.

    One of the next ``SIGNATURE_SIBLINGS`` elements after the headline (after its wrapper when it is
    alone in one, ``<header><h1>…</h1></header>``) is a byline or share bar cut as such, or a short
    line holding a digit (a date: "Kwame Asante · 5.1.2025") that is no heading.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<h1>A</h1><div class=meta>Jo Bloggs · 5.1.2025</div><p>Text.</p><h1>B</h1><p>Prose.</p>")
    >>> [_signed(h, {}) for h in t.css("h1")]
    [True, False]
    """
    node = head
    if _next_element(node, cuts) is None and node.parent is not None:
        node = node.parent
    seen = 0
    sib = _next_element(node, cuts)
    while sib is not None and seen < SIGNATURE_SIBLINGS:
        cut = cuts.get(sib.mem_id)
        if cut is not None:
            if cut[1] in TOP_RULES:
                return True
        else:
            if _raw_chars(sib) > RAW_PROSE_CHARS:  # (the story's body: its text is not built to be measured)
                return False
            text = sib.text(deep=True, strip=True)
            if sib.tag not in HEADING_TAGS and len(text) <= SIGNATURE_MAX_CHARS and any(c.isdigit() for c in text):
                return True
            if len(text) > SIGNATURE_MAX_CHARS:
                return False  # (the prose began)
        seen += 1
        sib = _next_element(sib, cuts)
    return False


def _raw_chars(node: LexborNode) -> int:
    """``len(node.text())``, in C without building the string when built (``html._text_chars``)."""
    return html_module()._text_chars(node)  # (html.py imports this module: see html_module)


def _next_element(node: LexborNode, cuts: dict) -> Optional[LexborNode]:
    """The next sibling that is an element or a cut's placeholder (blank text skipped)."""
    sib = node.next
    while sib is not None:
        if sib.mem_id in cuts or (sib.tag and not sib.tag.startswith("-") and sib.tag != "_comment"):
            return sib
        sib = sib.next
    return None


def _prose_chars(node: LexborNode) -> int:
    """The characters of ``node``'s paragraphs (a header's links and labels are no story)."""
    return sum(len(p.text(deep=True, strip=True)) for p in _P.select(node))


def _ancestor_ids(node: LexborNode) -> set[int]:
    """The ``mem_id`` of ``node`` and of each of its ancestors."""
    ids = set()
    while node is not None:
        ids.add(node.mem_id)
        node = node.parent
    return ids


def _container(head: LexborNode, first_line: set[int]) -> Optional[LexborNode]:
    """``head``'s highest ancestor (or itself) whose parent holds the first headline (None past ``<body>``)."""
    node = head
    while node.parent is not None and node.parent.mem_id not in first_line:
        node = node.parent
    if node.parent is None or node.tag in ("html", "body") or node.mem_id == head.mem_id:
        return None
    return node


def _container_in(head: LexborNode, parent: LexborNode) -> Optional[LexborNode]:
    """The child of ``parent`` that holds ``head`` (None when ``head`` is ``parent``'s own text)."""
    node = head
    while node.parent is not None and node.parent.mem_id != parent.mem_id:
        node = node.parent
    return node if node.parent is not None and node.mem_id != head.mem_id else None


def _inside_chosen(node: LexborNode, chosen_ids: set[int]) -> bool:
    """True when ``node`` is a chosen block, inside one, or holds one."""
    if not chosen_ids.isdisjoint(_ancestor_ids(node)):
        return True
    return any(block.mem_id in chosen_ids for block in node.traverse(include_text=False))


def _is_story_box(node: LexborNode, taken: list[LexborNode], first: LexborNode) -> bool:
    """True for an appended story's container or the first headline's (where the separators end)."""
    return any(node.mem_id == box.mem_id for box in taken) or node.mem_id in _ancestor_ids(first)


def _ancestor_free_ids(box: LexborNode) -> set[int]:
    """``box`` and every element inside it (the chosen blocks its cut takes away)."""
    return {node.mem_id for node in box.traverse(include_text=False)}


def _detached(block: LexborNode) -> bool:
    """True when ``block`` no longer hangs from a document root (an ancestor of it was cut)."""
    node = block
    while node.parent is not None:
        node = node.parent
    return node.tag != "-document"

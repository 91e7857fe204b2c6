"""Listing pages whose chosen block is one row of the list, or sits beside it.

A blog index, a news section, a job board or a search result is a list of
rows (a title, a date, a snippet, a price), written as repeated sibling
elements. The scoring (:func:`corpus_clean.html.best_container`) picks the
row with the most prose (the one story printed in full) or the intro
paragraph above the list, and the other rows are left out as
``html.not_main``. WCXB's gold and trafilatura keep the whole list.

:func:`list_rows` looks for the list *by structure*, a few levels around the
choice: an element with ``MIN_ROWS`` or more children of the same tag and
class (the first class word without digits: WordPress numbers its posts), most of
them holding a link (a row has a title to click), which together hold
``ROWS_GAIN`` times the choice's text. That element becomes the choice and
its rows are rendered whole, as :func:`corpus_clean.html_sections.link_cards`
renders cards (a row's linked title is its content, not a menu). Only on
pages that do not declare themselves articles: an article's page carries
teaser grids the story does not.
"""
from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborNode

__all__ = ["list_rows", "row_signature"]

# A list is MIN_ROWS or more same-signature children, at least LINKED_SHARE of them
# holding a link, with ROW_CHARS of text each on average (a menu's "Home", "About"
# are shorter), together ROWS_GAIN times the chosen blocks' text; looked for at
# the choice and up to LEVELS ancestors above it.
MIN_ROWS = 4
LINKED_SHARE = 0.5
ROW_CHARS = 40
ROWS_GAIN = 2.0
LEVELS = 6

_DIGITS_RE = re.compile(r"\d")


def row_signature(node: LexborNode) -> tuple:
    """Tag and first class word without digits: what the rows of one list share.

    The first word names the component; later ones vary per row (WordPress writes
    ``post-12 post category-news tag-energy``: each post its own tags).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='post-12 post tag-a'></div><div class='post-13 post tag-b'></div>")
    >>> a, b = t.css("div")
    >>> row_signature(a) == row_signature(b), row_signature(a)
    (True, ('div', 'post'))
    """
    words = (node.attributes.get("class") or "").split()
    return node.tag, next((w for w in words if not _DIGITS_RE.search(w)), "")


def list_rows(chosen: list[LexborNode], article: bool) -> Optional[tuple[LexborNode, list[LexborNode]]]:
    """``(list, rows)`` when the chosen blocks are one row of a list, or sit beside one; else None.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> rows = "".join(f"<div class='row'><h2><a href='/s{i}'>Story number {i} of the week</a></h2>"
    ...                f"<p>A short snippet of story {i}, two lines long.</p></div>" for i in range(6))
    >>> t = LexborHTMLParser(f"<body><div id='list'><p>{'Our news, in full. ' * 4}</p>{rows}</div></body>")
    >>> found = list_rows([t.css_first("#list p")], article=False)
    >>> found[0].attributes["id"], len(found[1])
    ('list', 6)
    >>> list_rows([t.css_first("#list p")], article=True) is None
    True
    """
    if article or not chosen:
        return None
    held = sum(len(node.text(strip=True)) for node in chosen)
    node = chosen[0]
    for _ in range(LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return None
        rows = _rows_of(node, held)
        if rows:
            return node, rows
        node = node.parent
    return None


def _rows_of(parent: LexborNode, held: int) -> list[LexborNode]:
    """The biggest group of same-signature children of ``parent`` that reads as a list's rows."""
    groups: dict[tuple, list[LexborNode]] = {}
    child = parent.child
    while child is not None:
        if child.tag and not child.tag.startswith("-"):
            groups.setdefault(row_signature(child), []).append(child)
        child = child.next
    best: list[LexborNode] = []
    best_chars = 0
    for members in groups.values():
        if len(members) < MIN_ROWS:
            continue
        linked = sum(1 for row in members if row.tag == "a" or row.css_first("a[href]") is not None)
        if linked < LINKED_SHARE * len(members):
            continue
        chars = sum(len(row.text(strip=True)) for row in members)
        if chars >= ROW_CHARS * len(members) and chars >= ROWS_GAIN * held and chars > best_chars:
            best, best_chars = members, chars
    return best

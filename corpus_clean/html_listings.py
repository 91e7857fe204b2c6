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

:func:`listing_cards` keeps the cards inside the choice whole, as
``link_cards`` does, also when the cards hold most of the choice's text but
their linked titles are outweighed by rank, year and price lines (a chart, a
shop grid). :func:`repeated_controls` then cuts each row's button ("Add to
Cart", "Star"). :func:`listing_lines` is the one entry point (``html.read_page``).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from selectolax.lexbor import LexborNode

__all__ = ["listing_lines", "list_rows", "row_signature", "listing_cards", "repeated_controls"]

# A list is MIN_ROWS or more same-signature children, at least LINKED_SHARE of them
# holding a link, with ROW_CHARS of text each on average (a menu's "Home", "About"
# are shorter), together ROWS_GAIN times the chosen blocks' text; looked for at
# the choice and up to LEVELS ancestors above it.
MIN_ROWS = 4
LINKED_SHARE = 0.5
ROW_CHARS = 40
ROWS_GAIN = 2.0
LEVELS = 6

# Cards (html_sections.card_elements) holding CARDS_SHARE of the chosen blocks' text,
# CARD_MAX_CHARS each on average and no text of CARD_LINE_MAX chars (a post's paragraph),
# make the page a grid of cards even when its link-cut text is short.
CARDS_SHARE = 0.7
CARD_MAX_CHARS = 200
CARD_LINE_MAX = 100
MIN_CUT_TITLES = 4  # (MIN_CARDS of html_sections: a grid's titles; 1 gave the same WCXB dev output)

# A button of at most CONTROL_WORDS words, no digit, with the same words in CONTROL_SHARE
# of the rows (and at least MIN_CONTROLS times) is a row's control: "Add to Cart", "Star".
CONTROL_WORDS = 3
CONTROL_SHARE = 0.5
MIN_CONTROLS = 3
CONTROL_RULE = "html.ui"
_CONTROLS = ("button, [role=button], a[class*=btn], a[class*=button], a[class*=cta], "
             "input[type=submit], input[type=button]")

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
    # The highest ancestor looked at holds the most text: under ROWS_GAIN times the choice's,
    # no level can hold a list that big (one C call on most pages, where the choice is the page).
    top = chosen[0]
    for _ in range(LEVELS):
        if top.parent is None or top.parent.tag in ("body", "html"):
            break
        top = top.parent
    if len(top.text(strip=True)) < ROWS_GAIN * held:
        return None
    node = chosen[0]
    for _ in range(LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return None
        # Rows are children of ``node``: a node under ROWS_GAIN times the choice's text holds
        # none worth grouping (one C call instead of grouping its children).
        rows = _rows_of(node, held) if len(node.text(strip=True)) >= ROWS_GAIN * held else None
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


def listing_cards(chosen: list[LexborNode], lines: list[tuple[str, str]]) -> list[LexborNode]:
    """The cards of a listing inside ``chosen``: :func:`~corpus_clean.html_sections.link_cards`, or
    the repeated link-holding elements when they hold ``CARDS_SHARE`` of the chosen text.

    ``link_cards`` asks whether the link-cut lines outweigh the kept ones; on a chart or a
    shop grid a card's rank, year, price and rating are kept lines of their own and the
    short linked title is outweighed, so the grid was cut to its numbers. Whether the
    cards *hold* the choice's text is a question of structure, not of link density: a
    story with a teaser grid below it holds its text outside the grid.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> rows = "".join(f"<li class='c'><span>#{i}</span> <a href='/t{i}'>Film {i}</a> <span>2024 1h 50m PG</span>"
    ...                "<span>Rated 7.1 by 20K</span></li>" for i in range(6))
    >>> t = LexborHTMLParser(f"<body><ul id='chart'>{rows}</ul></body>")
    >>> lines = [(f"#{i}", "keep") for i in range(6)] + [(f"Film {i}", "html.links") for i in range(6)]
    >>> len(listing_cards([t.css_first("#chart")], lines))
    6
    """
    from corpus_clean.html_sections import card_elements, link_cards  # html.py imports both modules

    cards = link_cards(chosen, lines)
    if cards or not chosen:
        return cards
    if sum(verdict == "html.links" for _, verdict in lines) < MIN_CUT_TITLES:
        return []  # no grid's titles were cut as links: rendering cards whole would change little
    cards = card_elements(chosen)
    held = sum(len(node.text(strip=True)) for node in chosen)
    in_cards = sum(len(card.text(strip=True)) for card in cards)
    if not cards or not CARDS_SHARE * held <= in_cards <= CARD_MAX_CHARS * len(cards):
        return []
    # A card's lines are short (a title, a rank, a price); a thread's posts are paragraphs.
    return [] if any(_holds_a_sentence(card) for card in cards) else cards


def _holds_a_sentence(node: LexborNode) -> bool:
    """True when a text node under ``node`` is ``CARD_LINE_MAX`` characters or longer."""
    return any(inner.tag == "-text" and len((inner.text_content or "").strip()) >= CARD_LINE_MAX
               for inner in node.traverse(include_text=True))


def listing_lines(body: LexborNode, chosen: list[LexborNode], cuts: dict, lines: list[tuple[str, str]],
                  lenient: bool = False) -> list[tuple[str, str]]:
    """The page's lines once its list is found: the rows around the choice (:func:`list_rows`)
    or the cards inside it (:func:`listing_cards`) rendered whole, their repeated buttons cut
    (:func:`repeated_controls`); ``lines`` as they were when the page is no listing.

    Not in the lenient reading (:func:`corpus_clean.html.extract_main_text`): there menus
    and footers are not cut, and their repeated items look like a list's rows.
    """
    from corpus_clean.html import render_page  # html.py imports this module

    listing = None if lenient else list_rows(chosen, article=False)
    if listing is not None:
        column, whole = listing
        chosen = [column]
    else:
        whole = listing_cards(chosen, lines)
        if not whole:
            return lines
    return repeated_controls(render_page(body, chosen + whole, cuts, unjudged=whole), whole)


def repeated_controls(lines: list[tuple[str, str]], rows: list[LexborNode]) -> list[tuple[str, str]]:
    """``lines`` with each row's button cut: a button (``<button>``, ``role=button``, a link
    styled as one) whose words, at most ``CONTROL_WORDS`` and no digit, are the same in
    ``CONTROL_SHARE`` of the ``rows``.

    Rows rendered whole keep their "Add to Cart", "Star" or "Tickets" button; the same words
    in every row say nothing about any of them (a title, a price, a date differ per row).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("".join(f"<div class='p'><a href='/d{i}'>Desk {i}</a><button>Add to Cart</button></div>"
    ...                              for i in range(3)))
    >>> lines = [(line, "keep") for i in range(3) for line in (f"Desk {i}", "Add to Cart")]
    >>> [line for line, verdict in repeated_controls(lines, t.css("div.p")) if verdict != "keep"]
    ['Add to Cart', 'Add to Cart', 'Add to Cart']
    """
    counts: Counter = Counter()
    for row in rows:
        counts.update({" ".join(node.text(strip=True).split()) for node in row.css(_CONTROLS)})
    controls = {text for text, n in counts.items() if n >= max(MIN_CONTROLS, CONTROL_SHARE * len(rows))
                and 0 < len(text.split()) <= CONTROL_WORDS and not _DIGITS_RE.search(text)}
    if not controls:
        return lines
    return [(line, CONTROL_RULE if verdict == "keep" and line in controls else verdict) for line, verdict in lines]

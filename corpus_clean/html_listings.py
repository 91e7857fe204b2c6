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
:func:`repeated_buttons` cuts a button repeated through any page's choice, articles too
("Buy on Amazon" after each product of a buyer's guide; its own call in ``html.read_page``).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

from corpus_clean.html_panels import READERS_HIDDEN
from corpus_clean.html_prose import _inside  # (node is the ancestor or below it: one definition)
from corpus_clean.html_queries import html_module

# Hidden rows stay hidden: a hub's rows cut for their label come back, not those hidden from view or readers.
HIDDEN_RULES = frozenset(("html.hidden", READERS_HIDDEN[1]))

__all__ = ["repeated_buttons", "listing_lines", "list_rows", "hub_lists", "page_list", "restore_labelled_rows", "row_signature", "listing_cards", "repeated_controls"]

# A list is MIN_ROWS or more same-signature children, at least LINKED_SHARE of them
# holding a link, with ROW_CHARS of text each on average (a menu's "Home", "About"
# are shorter), together ROWS_GAIN times the chosen blocks' text; looked for at
# the choice and up to LEVELS ancestors above it.
MIN_ROWS = 4
LINKED_SHARE = 0.5
ROW_CHARS = 40
ROWS_GAIN = 2.0
LEVELS = 6

# A choice keeping under SMALL_CHOICE characters, none in a paragraph of PROSE_LINE (a page title,
# a filter bar, nothing; a shop category's intro paragraph is its content, the grid is not) on a
# page that is no article: the page's biggest list anywhere (rows as above, at most ROW_LINKS
# distinct links each: a mega menu's columns hold dozens) is its content when it holds
# PAGE_LIST_GAIN times the kept text and PAGE_LIST_MIN characters.
SMALL_CHOICE = 600
PROSE_LINE = 200  # a kept paragraph this long is the page's own text (a category's intro): no hub
ROW_LINKS = 3
PAGE_LIST_GAIN = 3.0
PAGE_LIST_MIN = 800

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
_CONTROLS_QUERY, _LINKS = lexbor_walk.Query(_CONTROLS), lexbor_walk.Query("a[href]")  # (one C walk each when built)

_DIGITS_RE = re.compile(r"\d")
# Rows are blocks: a promo bar's rotating <span>s repeat, hold a link and are no list of content.
_INLINE = frozenset(("span", "em", "strong", "b", "i", "small", "label", "font"))


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
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    if article or not chosen:
        return None
    held = sum(stripped_chars(node) for node in chosen)
    # The highest ancestor looked at holds the most text: under ROWS_GAIN times the choice's,
    # no level can hold a list that big (one C call on most pages, where the choice is the page).
    top = chosen[0]
    for _ in range(LEVELS):
        if top.parent is None or top.parent.tag in ("body", "html"):
            break
        top = top.parent
    if stripped_chars(top) < ROWS_GAIN * held:
        return None
    node = chosen[0]
    for _ in range(LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return None
        # Rows are children of ``node``: a node under ROWS_GAIN times the choice's text holds
        # none worth grouping (one C call instead of grouping its children).
        rows = _rows_of(node, held) if stripped_chars(node) >= ROWS_GAIN * held else None
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
        linked = sum(1 for row in members if row.tag == "a" or _LINKS.first(row) is not None)
        if linked < LINKED_SHARE * len(members):
            continue
        stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

        chars = sum(stripped_chars(row) for row in members)
        if chars >= ROW_CHARS * len(members) and chars >= ROWS_GAIN * held and chars > best_chars:
            best, best_chars = members, chars
    return best


def page_list(body: LexborNode, held: int) -> Optional[tuple[list[LexborNode], list[LexborNode]]]:
    """``(lists, rows)``: the page's biggest list (and the lists written with its rows' markup),
    when it holds ``PAGE_LIST_GAIN`` times the ``held`` text and ``PAGE_LIST_MIN``; else None.

    A hub page whose teasers are links through and through (title *and* blurb inside
    the ``<a>``) has no paragraph for the scoring: the choice is the page title, a
    footer or nothing, and the list, which is the page, was cut as ``html.not_main``.
    Its rows are found by structure as :func:`list_rows` finds them, anywhere in the
    page (cut menus and footers are out of the tree by now), each holding at most
    ``ROW_LINKS`` distinct links (a mega menu's columns hold dozens).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> rows = "".join(f"<li class='promo'><a href='/s{i}'><h3>Story number {i} of the week</h3>"
    ...                f"<span>A blurb of story {i}, inside the link as hubs write them.</span></a></li>" for i in range(12))
    >>> t = LexborHTMLParser(f"<body><h1 id='t'>Science</h1><div><ul id='hub'>{rows}</ul></div></body>")
    >>> found = page_list(t.body, held=len("Science"))
    >>> [n.attributes["id"] for n in found[0]], len(found[1])
    (['hub'], 12)
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    if stripped_chars(body) < PAGE_LIST_MIN:
        return None
    found: list[tuple[int, LexborNode, list[LexborNode]]] = []
    for node in body.traverse():
        if node.child is None or node.tag in ("body", "html"):
            continue
        rows = _rows_of(node, held)
        if rows and rows[0].tag not in _INLINE and _few_links_per_row(rows):
            found.append((sum(stripped_chars(row) for row in rows), node, rows))
    if not found:
        return None
    chars, column, rows = max(found, key=lambda item: item[0])
    if chars < max(PAGE_LIST_MIN, PAGE_LIST_GAIN * held):
        return None
    # A hub stacks several lists written with the same markup ("Latest", "Most read" as the
    # same rows): the others come with the biggest (a list inside another is in it already).
    columns, sign = [column], row_signature(rows[0])
    for _, other, other_rows in found:
        if row_signature(other_rows[0]) == sign and not any(_inside(other, c) or _inside(c, other) for c in columns):
            columns.append(other)
            rows = rows + other_rows
    return columns, rows


def restore_labelled_rows(cuts: dict, held: int) -> int:
    """Put back the rows of a list that were cut one by one for their label; how many came back.

    A hub page names every teaser for what it is to the site ("PagePromo", "related-item"),
    and the labels cut the whole list row by row: the page came out empty. When the choice
    keeps almost nothing (:func:`hub_lists`), ``MIN_ROWS`` or more elements cut under one
    rule that are siblings with one signature (:func:`row_signature`), each a row as
    :func:`page_list` wants it, are no furniture when the biggest such list holds
    ``PAGE_LIST_GAIN`` times the ``held`` text: they all take their places again (``cuts``
    is :func:`corpus_clean.html.strip_junk`'s). A menu or a footer is cut as one element,
    never row by row.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> rows = "".join(f"<div class='PagePromo'><a href='/s{i}'><h3>Story number {i} of the week</h3>"
    ...                f"<p>A blurb of story {i}, inside the link as hubs write them.</p></a></div>" for i in range(12))
    >>> t = LexborHTMLParser(f"<body><h1>Science</h1><div id='hub'>{rows}</div></body>")
    >>> cuts = strip_junk(t); sorted({rule for _, rule, _ in cuts.values()})
    ['html.headline', 'html.related']
    >>> restore_labelled_rows(cuts, held=0), sorted({rule for _, rule, _ in cuts.values()})
    (12, ['html.headline'])
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    # A row's parts may carry the label too ("PagePromo-title"): cut first, they sit in the
    # cut row as placeholders, and their text is counted and put back with the row.
    inside: dict[int, list[int]] = {}
    groups: dict[tuple, list[int]] = {}
    for key, (node, rule, placeholder) in cuts.items():
        top = placeholder
        while top.parent is not None:
            top = top.parent
        if top.tag != "-document":  # a placeholder inside an element cut before it
            inside.setdefault(top.mem_id, []).append(key)
            continue
        around = _list_around(placeholder)
        if around is not None and rule not in HIDDEN_RULES:
            groups.setdefault((around.mem_id, rule, row_signature(node)), []).append(key)

    def parts(key: int) -> list[int]:  # the cut and the cuts inside it, with its rule
        out, rule = [key], cuts[key][1]
        for inner in inside.get(cuts[key][0].mem_id, ()):
            if cuts[inner][1] == rule:
                out += parts(inner)
        return out

    lists: list[tuple[int, list[int]]] = []
    for keys in groups.values():
        if len(keys) < MIN_ROWS:
            continue
        rows = [cuts[key][0] for key in keys]
        whole = [[cuts[part][0] for part in parts(key)] for key in keys]
        linked = sum(1 for row in whole if any(n.tag == "a" or _LINKS.first(n) is not None for n in row))
        chars = sum(stripped_chars(n) for row in whole for n in row)
        if (linked >= LINKED_SHARE * len(rows) and chars >= ROW_CHARS * len(rows) and rows[0].tag not in _INLINE
                and _few_links_per_row(rows)):
            lists.append((chars, keys))
    # The biggest must outweigh the choice; the page's other lists of rows cut under a label come
    # back with it (a hub's "Latest" and "Most read"), and page_list takes those of its markup.
    if not lists or max(lists)[0] < max(PAGE_LIST_MIN, PAGE_LIST_GAIN * held):
        return 0
    best = [key for _, keys in lists for key in keys]
    restored = [part for key in best for part in parts(key)]
    for key in reversed(restored):  # the inner parts first, while their rows are still out of the tree
        node, _, placeholder = cuts.pop(key)
        placeholder.insert_before(node, move=True)
        placeholder.remove()
    return len(best)


def _list_around(placeholder: LexborNode) -> Optional[LexborNode]:
    """The list a cut element was a row of: its placeholder's parent, or the parent's parent when
    the parent held nothing else (a list item wrapping one teaser: ``<li><div class=promo>``)."""
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    parent = placeholder.parent
    if parent is None or parent.tag in ("body", "html"):
        return None
    if not stripped_chars(parent) and _element_count(parent) == 0:
        return parent.parent
    return parent


def _element_count(node: LexborNode) -> int:
    """Element children of ``node``."""
    count, child = 0, node.child
    while child is not None:
        count += bool(child.tag) and not child.tag.startswith("-")
        child = child.next
    return count


def _few_links_per_row(rows: list[LexborNode]) -> bool:
    """True when the rows hold ``ROW_LINKS`` distinct link targets or fewer each, on average
    (a teaser links its title, image and section; a menu's column links everything in it)."""
    targets = sum(len({a.attributes.get("href") for a in _LINKS.select(row)}) for row in rows)
    return targets <= ROW_LINKS * len(rows)


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
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    from corpus_clean.html_sections import card_elements, link_cards  # html.py imports both modules

    cards = link_cards(chosen, lines)
    if cards or not chosen:
        return cards
    if sum(verdict == "html.links" for _, verdict in lines) < MIN_CUT_TITLES:
        return []  # no grid's titles were cut as links: rendering cards whole would change little
    cards = card_elements(chosen)
    if not cards:
        return []
    # (the cards' text first: the choice's, a walk of all of it, only when the cards are short enough)
    in_cards = sum(stripped_chars(card) for card in cards)
    if in_cards > CARD_MAX_CHARS * len(cards) or CARDS_SHARE * sum(stripped_chars(node) for node in chosen) > in_cards:
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
    or the cards inside it (:func:`listing_cards`), or else, when the choice keeps almost nothing,
    the page's lists (:func:`hub_lists`), rendered whole, their repeated buttons cut
    (:func:`repeated_controls`); ``lines`` as they were when the page is no listing, but for
    the buttons of the rows of a chosen block that is a list itself.

    Not in the lenient reading (:func:`corpus_clean.html.extract_main_text`): there menus
    and footers are not cut, and their repeated items look like a list's rows.
    """
    render_page = html_module().render_page  # (html.py imports this module: see html_module)

    listing = None if lenient else list_rows(chosen, article=False)
    if listing is not None:
        column, whole = listing
        chosen = [column]
    else:
        whole = listing_cards(chosen, lines)
        hub = None if lenient else hub_lists(body, cuts, lines, whole)
        if hub is not None:
            columns, whole = hub
            chosen = columns + [node for node in chosen if not any(_inside(node, column) for column in columns)]
        elif not whole:
            # The choice may be the list itself: its rows' button is cut all the same.
            rows = [row for node in chosen for row in _rows_of(node, 0)]
            return repeated_controls(lines, rows) if rows else lines
    return repeated_controls(render_page(body, chosen + whole, cuts, unjudged=whole), whole)


def hub_lists(body: LexborNode, cuts: dict, lines: list[tuple[str, str]],
              cards: list[LexborNode] = ()) -> Optional[tuple[list[LexborNode], list[LexborNode]]]:
    """A choice keeping under ``SMALL_CHOICE`` characters and no paragraph (``PROSE_LINE``) on a page
    that holds a list: the rows cut
    for their label come back (:func:`restore_labelled_rows`) and the page's lists are the content
    (:func:`page_list`), when they hold ``PAGE_LIST_GAIN`` times the kept text *and* the ``cards``
    inside the choice, which would be kept whole (:func:`listing_cards`): a front page's grid of
    cards is its content already."""
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    kept = [line for line, verdict in lines if verdict == "keep"]
    if sum(map(len, kept)) >= SMALL_CHOICE or any(len(line) >= PROSE_LINE for line in kept):
        return None
    held = _kept(lines) + sum(stripped_chars(card) for card in cards)
    restore_labelled_rows(cuts, held)
    return page_list(body, held)


def _kept(lines: list[tuple[str, str]]) -> int:
    """Characters of the kept lines."""
    return sum(len(line) for line, verdict in lines if verdict == "keep")


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
        counts.update({" ".join(node.text(strip=True).split()) for node in _CONTROLS_QUERY.select(row)})
    controls = {text for text, n in counts.items() if n >= max(MIN_CONTROLS, CONTROL_SHARE * len(rows))
                and 0 < len(text.split()) <= CONTROL_WORDS and not _DIGITS_RE.search(text)}
    if not controls:
        return lines
    return [(line, CONTROL_RULE if verdict == "keep" and line in controls else verdict) for line, verdict in lines]


def repeated_buttons(lines: list[tuple[str, str]], chosen: list[LexborNode]) -> list[tuple[str, str]]:
    """``lines`` with a button repeated through the chosen blocks cut (``html.ui``): a button
    (as in :func:`repeated_controls`) whose words, at most ``CONTROL_WORDS`` and no digit, occur
    ``MIN_CONTROLS`` times or more, on a line of their own.

    A buyer's guide ends each product's section with "Buy on Amazon", a course page each
    module with "Enrol": the same words three times say nothing about any of them. A plain
    link repeated ("Reply") is not a button and stays for the other steps to judge.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div>" + "".join(f"<h2>Model {i}</h2><p>Good, and light.</p>"
    ...                      f"<p><a class='btn' href='/go{i}'>Buy on Amazon</a></p>" for i in range(3)) + "</div>")
    >>> lines = [(line, "keep") for i in range(3) for line in (f"Model {i}", "Good, and light.", "Buy on Amazon")]
    >>> [line for line, verdict in repeated_buttons(lines, [t.css_first("div")]) if verdict != "keep"]
    ['Buy on Amazon', 'Buy on Amazon', 'Buy on Amazon']
    """
    # Lines kept MIN_CONTROLS times or more first (one pass over the lines): most pages have none,
    # and then no element is looked at.
    short = Counter(line for line, verdict in lines if verdict == "keep" and len(line) < 40)
    repeated = {line for line, n in short.items() if n >= MIN_CONTROLS
                and 0 < len(line.split()) <= CONTROL_WORDS and not _DIGITS_RE.search(line)}
    if not repeated:
        return lines
    counts = Counter(" ".join(button.text(strip=True).split()) for node in chosen for button in _CONTROLS_QUERY.select(node))
    controls = {text for text in repeated if counts[text] >= MIN_CONTROLS}
    if not controls:
        return lines
    return [(line, CONTROL_RULE if verdict == "keep" and line in controls else verdict) for line, verdict in lines]

"""Rails of teasers merged beside the main block.

The scoring (:func:`corpus_clean.html.best_container`) takes the winner's
siblings that score well, and a rail of teasers scores well: each teaser is a
linked title and a one-sentence blurb with commas, so a rail of six reads as
six short paragraphs. On a recipe post, a product page or a service page the
rail ("More recipes", "You may also like") sits next to the post as its sibling
and was kept whole. trafilatura keeps the post alone.

:func:`without_rails` drops such a rail from the choice when the rest of the
choice holds more text than the rail: a listing page's list is the page (its
intro is shorter than the list) and stays. A rail is found *by structure*, not
by its label (many rails carry no telling class): ``MIN_TEASERS`` or more
elements of one tag (their classes may differ: "card", "card--wide", a sponsored
"tile") holding ``RAIL_SHARE`` of its text, each a short teaser (``TEASER_MAX_CHARS``)
holding a link of a title's length (``TITLE_WORDS`` words: a thread's
posts open with a one-word user name, and are longer).

:func:`cover_won_by_rails` refuses the second opinion
(:func:`corpus_clean.html_prose.second_opinion`) when a rail beside the choice is
what gives the cover its prose: a podcast episode's show notes are a paragraph
and two lists, the grid of "More episodes" next to them six blurbs of a sentence.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

from corpus_clean.html_listings import row_signature
from corpus_clean.html_prose import ARTICLE_GAIN, GAIN, _inside, prose_by_element
from corpus_clean.html_queries import html_module

__all__ = ["without_rails", "teasers_of", "cover_won_by_rails"]

MIN_TEASERS = 3
RAIL_SHARE = 0.8
TEASER_MAX_CHARS = 320
# A news stream's teasers carry a longer blurb (a title and two or three sentences, ~350-450 characters),
# their titles in headings (streams_in: only whether they win the second opinion's cover).
STREAM_TEASER_MAX_CHARS = 480
HEADINGS = "h2,h3,h4,h5"
_HEADINGS, _LINKS = lexbor_walk.Query(HEADINGS), lexbor_walk.Query("a[href]")  # (one C walk each when built)
TITLE_WORDS = 3
DEPTH = 3  # levels under a chosen block where its teasers may sit (<aside><ul><li>)


def without_rails(chosen: list[LexborNode]) -> list[LexborNode]:
    """``chosen`` without the blocks that are rails of teasers, when the rest holds more text.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> post = "<div class='post'>" + "<p>A long paragraph of the recipe, with commas, and more.</p>" * 6 + "</div>"
    >>> rail = "<div class='rail'>" + "".join(f"<div class='card'><h3><a href='/s{i}'>Another recipe title {i}</a></h3>"
    ...                                     f"<p>One teaser sentence, with a comma.</p></div>" for i in range(4)) + "</div>"
    >>> t = LexborHTMLParser(f"<body>{post}{rail}</body>")
    >>> [n.attributes["class"] for n in without_rails([t.css_first(".post"), t.css_first(".rail")])]
    ['post']
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    if len(chosen) < 2:
        return chosen
    sizes = [stripped_chars(node) for node in chosen]
    total = sum(sizes)
    # A block written with the markup of another chosen block is one of the page's sections
    # (a page builder's "cards-collection" twice, a grid of same-class columns), not a rail.
    markups = Counter(row_signature(node) for node in chosen)
    kept = [node for node, size in zip(chosen, sizes)
            if not (2 * size < total and markups[row_signature(node)] == 1 and teasers_of(node))]
    return kept or chosen


def teasers_of(node: LexborNode) -> Optional[list[LexborNode]]:
    """The teasers when ``node`` is a rail of them (within ``DEPTH`` levels), else None.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<aside><h3>More</h3><ul>" + "".join(
    ...     f"<li><a href='/{i}'>A title of five words {i}</a> A blurb.</li>" for i in range(3)) + "</ul></aside>")
    >>> len(teasers_of(t.css_first("aside")))
    3
    >>> teasers_of(t.css_first("li")) is None
    True
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    chars = stripped_chars(node)
    level = [node]
    for _ in range(DEPTH):
        groups = _children_by_tag(level)
        for members in groups.values():
            if len(members) >= MIN_TEASERS and _is_rail(members, chars):
                return members
        level = [child for members in groups.values() for child in members]
    return None


def _children_by_tag(parents: list[LexborNode]) -> dict[str, list[LexborNode]]:
    """The element children of ``parents``, grouped by tag (in document order)."""
    groups: dict[str, list[LexborNode]] = {}
    for parent in parents:
        child = parent.child
        while child is not None:
            tag = child.tag  # (a new str per read: read once)
            if tag and not tag.startswith("-"):
                groups.setdefault(tag, []).append(child)
            child = child.next
    return groups


def _is_rail(members: list[LexborNode], chars: int, max_chars: int = TEASER_MAX_CHARS, headed: bool = False) -> bool:
    """Elements of one tag holding most of the text, each a short teaser opening with a linked title
    (``headed``: a linked title in a heading, as a news stream writes it)."""
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    total = 0
    for member in members:  # (measured until one is too long for a teaser: most groups of a page are not rails)
        size = stripped_chars(member)
        if size > max_chars:
            return False
        total += size
    if total < RAIL_SHARE * chars:
        return False
    for member in members:
        if headed:
            heading = _HEADINGS.first(member)
            link = _LINKS.first(heading) if heading is not None else None
            if link is None or not _title_like(link.text(strip=True)):
                return False
        else:
            link = member if member.tag == "a" else _LINKS.first(member)
            if link is None or not _title_like(link.text(strip=True)):
                return False
    return True


def _title_like(text: str) -> bool:
    """A title: ``TITLE_WORDS`` words or more, or a long unspaced run (Chinese, Japanese).

    >>> _title_like("Ten ways to cook leeks"), _title_like("jo_b"), _title_like("市议会批准修建新桥梁")
    (True, False, True)
    """
    return len(text.split()) >= TITLE_WORDS or (" " not in text and len(text) >= 8)


def cover_won_by_rails(body: LexborNode, chosen: list[LexborNode], cover: list[LexborNode],
                       article: bool) -> bool:
    """True when the second opinion's ``cover`` would not hold its ``GAIN`` times the choice's
    prose without the rails of teasers beside the choice (:func:`rails_beside`) or, on an article's
    page, the streams of headed teasers anywhere in the cover (:func:`streams_in`).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> notes = "<div class='notes'><p>What this episode is about, in two sentences, with commas.</p></div>"
    >>> grid = "<section>" + "".join(f"<div class='card'><a href='/e{i}'>Another episode title {i}</a>"
    ...                              f"<p>One sentence about that episode, told with commas, and more.</p></div>"
    ...                              for i in range(5)) + "</section>"
    >>> t = LexborHTMLParser(f"<body><div class='ep'>{notes}</div>{grid}</body>")
    >>> cover_won_by_rails(t.body, [t.css_first(".notes")], [t.body], article=False)
    True
    """
    prose = prose_by_element(body)[0]
    held = sum(prose.get(node.mem_id, 0) for node in chosen)
    found = rails_beside(chosen, cover[0])
    if article:  # (a news stream beside a story; a home page's or listing's headed cards may be its content)
        found += [rail for rail in streams_in(cover[0], chosen) if not any(_inside(rail, other) for other in found)]
    rails = sum(prose.get(rail.mem_id, 0) for rail in found)
    gain = ARTICLE_GAIN if article else GAIN
    return rails > 0 and prose.get(cover[0].mem_id, 0) - rails < gain * held


def rails_beside(chosen: list[LexborNode], top: LexborNode) -> list[LexborNode]:
    """Rails of teasers (:func:`teasers_of`) among the siblings of the chosen blocks and of
    their ancestors, up to ``top``; not a sibling written with the markup of the block it is
    beside (a page builder's sections share one: the next section is the page's, not a rail).

    Each block's siblings are looked at once: chosen blocks share their ancestors (a column of twenty
    chosen paragraphs walked up twenty times read every sibling twenty times, a tenth of a big page's time).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> post = "<div class='post'>" + "<p>A paragraph of the post, with commas, and more.</p>" * 3 + "</div>"
    >>> rail = "<ul class='more'>" + "".join(f"<li><a href='/s{i}'>Another post title {i}</a> A blurb.</li>"
    ...                                   for i in range(4)) + "</ul>"
    >>> t = LexborHTMLParser(f"<body><main>{post}{rail}</main></body>")
    >>> [n.attributes["class"] for n in rails_beside(t.css(".post p"), t.body)]
    ['more']
    """
    holding_chosen = html_module()._ancestors_of(chosen)  # a sibling holding a chosen block is not beside it
    rails, seen, walked = [], set(), set()
    for node in chosen:
        # (a block walked before: its siblings and its ancestors' were looked at, with the same markup)
        while node is not None and node.mem_id != top.mem_id and node.mem_id not in walked:
            walked.add(node.mem_id)
            sibling = node.parent.child if node.parent is not None else None
            markup = row_signature(node)
            while sibling is not None:
                tag, key = sibling.tag, sibling.mem_id
                if (tag and not tag.startswith("-") and key not in seen and key not in holding_chosen
                        and row_signature(sibling) != markup and teasers_of(sibling)):
                    seen.add(key)
                    rails.append(sibling)
                sibling = sibling.next
            node = node.parent
    return rails


def streams_in(top: LexborNode, chosen: list[LexborNode]) -> list[LexborNode]:
    """Lists of teasers anywhere under ``top``, outside the chosen blocks: an element whose children of one tag
    are ``MIN_TEASERS`` or more teasers (each up to ``STREAM_TEASER_MAX_CHARS``, a linked title in a heading) holding
    ``RAIL_SHARE`` of its text; the outermost only. A news site's "Recommended for you" stream sits deep in the
    page's main column (six levels under the story's sibling), where :func:`rails_beside` does not look.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> story = "<div class='story'><p>The story itself, told in a long paragraph with commas.</p></div>"
    >>> stream = "<div><div><div><ul id='s'>" + "".join(f"<li><a href='/i{i}'><img></a><h3><a href='/s{i}'>Another "
    ...          f"story, title {i}</a></h3><p>Its blurb, a sentence or two.</p></li>" for i in range(4)) + "</ul></div></div></div>"
    >>> t = LexborHTMLParser(f"<body><div id='main'>{story}{stream}</div></body>")
    >>> [n.attributes.get("id") for n in streams_in(t.css_first("#main"), [t.css_first(".story")])]
    ['s']
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    found: list[LexborNode] = []
    chosen_ids = {node.mem_id for node in chosen}
    _ancestors_of = html_module()._ancestors_of  # (html.py imports this module: see html_module)

    holding_chosen = _ancestors_of(chosen)  # the chosen blocks and every element around one
    # mem_id -> the element is, or lies inside, a chosen block or a stream found before it. The walk
    # is in document order, so an element's parent is looked at (and marked) before the element:
    # one look-up per element, where testing every chosen block and stream walked up to <body> from
    # every element (quadratic in the page's size and depth: a third of a big page's time).
    covered = {top.mem_id: any(_inside(top, other) for other in chosen)}
    for node in top.traverse(include_text=False):
        key = node.mem_id
        if key == top.mem_id:
            continue
        if covered[node.parent.mem_id] or key in chosen_ids:
            covered[key] = True
            continue
        covered[key] = False
        if key in holding_chosen:
            continue
        groups = [members for members in _children_by_tag([node]).values() if len(members) >= MIN_TEASERS]
        if not groups:  # (the text is measured only where a rail could be)
            continue
        chars = stripped_chars(node)
        if any(_is_rail(members, chars, STREAM_TEASER_MAX_CHARS, headed=True) for members in groups):
            found.append(node)
            covered[key] = True
    return found



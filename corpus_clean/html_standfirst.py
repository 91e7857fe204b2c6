"""The standfirst in an article's own ``<header>``: the story's first paragraph, not furniture.

``<header>`` is cut as page furniture (``html.header``): on most pages it is the
site's banner (logo, menu, search). But HTML5 also gives every ``<article>`` a
header of its own, and many news sites and blogs put there the headline, the
byline, the date *and the lead paragraph* (the standfirst: "Penalties for those
who refuse to self-isolate are to be increased ..."). Cutting the whole header
loses the story's opening sentences; trafilatura keeps them (its tree cleaning
does not drop ``<header>``).

:func:`restore_standfirsts` puts back, from each cut header that sits inside an
``<article>`` (the element or ``role="article"``), the paragraphs that read as
prose (:func:`is_standfirst`); everything else in the header (headline,
kicker, byline, date, share links) stays cut as ``html.header``, each part
recorded where it stands. A site banner is not inside an article and is
untouched; a header inside an article that holds no such paragraph is left
as it was.

The restored paragraph then takes part in the scoring like any block; when
the scoring chose blocks of the same article, :func:`leads_to_choose` adds the
standfirst to the choice (it stands before the body, often as its sibling's
child, where the sibling step does not reach).

Sites without an article header name the lead instead: ``<div class="leadIn">``,
``articleContent-lead``, ``article__abstract``, ``sommario``, ``introduction``.
:func:`named_leads` adds to the choice such a block of prose standing right
before a chosen block, a few levels up at most. An unnamed paragraph before the
body is not taken: golds disagree on it (a photo caption set as a paragraph, a
press release's summary; see RESULTS-html.md, round 7, readability).
"""
from __future__ import annotations

from typing import Optional

from selectolax.lexbor import LexborNode

__all__ = ["is_standfirst", "restore_standfirsts", "leads_to_choose", "named_leads"]

# A standfirst is a block of prose: at least this many characters of text outside
# links (two short sentences; a kicker, a byline or a date line is shorter) ...
MIN_LEAD_CHARS = 80
# ... at most this share of it linked (a "read also" line is mostly a link) ...
MAX_LEAD_LINKS = 0.25
# ... and an element that holds no block of its own (a paragraph, not a wrapper).
LEAD_TAGS = frozenset(("p", "div", "span", "h2", "summary"))
_INNER_BLOCKS = "p,div,ul,ol,table,h1,h2,h3,h4,h5,h6,section,article,figure,blockquote"
ARTICLE_LEVELS = 12  # how far up from a header its <article> is looked for


def in_article(node: LexborNode) -> Optional[LexborNode]:
    """The nearest ``<article>`` (or ``role="article"``) around ``node``, itself included, else None.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><article id='a'><div><header>x</header></div></article><header>y</header></body>")
    >>> [getattr(in_article(h), "tag", None) for h in t.css("header")]
    ['article', None]
    """
    level = 0
    while node is not None and level < ARTICLE_LEVELS:
        if node.tag == "article" or node.attributes.get("role") == "article":
            return node
        if node.tag in ("body", "html"):
            return None
        node = node.parent
        level += 1
    return None


def is_standfirst(node: LexborNode) -> bool:
    """True when ``node`` is a paragraph of prose: no block inside, ``MIN_LEAD_CHARS`` of
    unlinked text, under ``MAX_LEAD_LINKS`` of it linked.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<p>Penalties for those who refuse to self-isolate are to be raised to "
    ...                      "a maximum of 10,000 for repeat offenders</p><p>By Jane Doe, 3 May</p>")
    >>> [is_standfirst(p) for p in t.css("p")]
    [True, False]
    """
    if node.tag not in LEAD_TAGS:
        return False
    # (a Lexbor selector matches the element itself too)
    if any(inner.mem_id != node.mem_id for inner in node.css(_INNER_BLOCKS)):
        return False
    total = len(node.text(strip=True))
    linked = sum(len(a.text(strip=True)) for a in node.css("a"))
    return total - linked >= MIN_LEAD_CHARS and linked <= MAX_LEAD_LINKS * total


def _leads_below(node: LexborNode) -> list[LexborNode]:
    """The standfirst paragraphs under ``node`` (not nested in one another), in document order.

    An element with a furniture label (a "photo-caption", a "teaser", a "byline") is no
    lead, nor is anything inside it: the label pass of ``strip_junk`` never saw the
    header's insides, the header being cut first.
    """
    from corpus_clean.html import attrs_verdict  # html.py imports this module

    found = []
    for child in node.iter(include_text=False):
        if child.attributes and attrs_verdict(child.attributes) is not None:
            continue
        if is_standfirst(child):
            found.append(child)
        else:
            found.extend(_leads_below(child))
    return found


def restore_standfirsts(cuts: dict, rule: str = "html.header") -> list[LexborNode]:
    """Put back the standfirsts of the article headers cut as ``rule``; returns them.

    ``cuts`` is :func:`corpus_clean.html.strip_junk`'s (placeholder id -> (element,
    rule, placeholder)). The header comes back in its place, and every part of it that
    neither is nor holds a standfirst is cut again as ``rule`` (a new entry of ``cuts``);
    parts cut before (its ``<h1>``) stay cut.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> t = LexborHTMLParser("<body><header><a href='/'>Site</a></header><article><header><h1>Title</h1>"
    ...     "<div class='kicker'>World</div><p>" + "The lead of the story, told in one sentence. " * 3 +
    ...     "</p><time>3 May</time></header><p>Body.</p></article></body>")
    >>> cuts = strip_junk(t); [n.tag for n in restore_standfirsts(cuts)]
    ['p']
    >>> sorted(rule for _, rule, _ in cuts.values())
    ['html.header', 'html.header', 'html.header', 'html.headline']
    """
    from corpus_clean.html import _cut  # html.py imports this module

    restored: list[LexborNode] = []
    # (a list in the page's order, not a set of addresses: the outcome must not depend on memory layout)
    for key, (node, cut_rule, placeholder) in list(cuts.items()):
        if cut_rule != rule or node.tag != "header" or in_article(placeholder.parent) is None:
            continue
        leads = _leads_below(node)
        if not leads:
            continue
        del cuts[key]
        placeholder.insert_before(node, move=True)
        placeholder.remove()
        _cut_all_but(node, leads, rule, cuts, _cut)
        restored.extend(leads)
    return restored


def _cut_all_but(node: LexborNode, keep: list[LexborNode], rule: str, cuts: dict, cut) -> None:
    """Cut every element under ``node`` that neither is in ``keep`` nor holds one of them."""
    paths = {id_ for lead in keep for id_ in _path_ids(lead, node)}
    stack = [node]
    while stack:
        for child in list(stack.pop().iter(include_text=False)):
            if child.mem_id in paths:
                if all(child.mem_id != lead.mem_id for lead in keep):
                    stack.append(child)  # it holds a lead: look inside
            elif child.text(strip=True):
                cut(child, rule, cuts)
            else:
                cut(child, None, cuts)  # an empty element (an icon, a spacer): nothing to show


def _path_ids(lead: LexborNode, top: LexborNode) -> list[int]:
    """``mem_id`` of ``lead`` and of its ancestors below ``top``."""
    ids = []
    node = lead
    while node is not None and node.mem_id != top.mem_id:
        ids.append(node.mem_id)
        node = node.parent
    return ids


def leads_to_choose(restored: list[LexborNode], chosen: list[LexborNode]) -> list[LexborNode]:
    """The restored standfirsts to add to ``chosen``: those in the same ``<article>`` as a
    chosen block and not already inside one.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><article><header><p id='lead'>Lead.</p></header><div id='b'>Body</div>"
    ...                      "</article><article><header><p id='other'>x</p></header></article></body>")
    >>> [n.attributes["id"] for n in leads_to_choose(t.css("header p"), [t.css_first("#b")])]
    ['lead']
    """
    if not restored or not chosen:
        return []
    chosen_ids = {node.mem_id for node in chosen}
    articles = set()
    for node in chosen:
        around = in_article(node)
        if around is not None:
            articles.add(around.mem_id)
    extra = []
    for lead in restored:
        around = in_article(lead)
        if around is None or around.mem_id not in articles or _under(lead, chosen_ids):
            continue
        extra.append(lead)
    return extra


def _under(node: LexborNode, ids: set) -> bool:
    while node is not None:
        if node.mem_id in ids:
            return True
        node = node.parent
    return False


# Class/id words that name a story's lead (English, and the words of the languages
# whose sites name their markup in their own: Italian "sommario", French "chapo",
# German "Vorspann"/"Anriss"/"Einleitung", Spanish "entradilla"/"bajada").
LEAD_WORDS = frozenset((
    "lead", "lede", "intro", "introduction", "standfirst", "abstract", "summary", "deck", "dek",
    "sommario", "chapo", "chapeau", "vorspann", "anriss", "einleitung", "entradilla", "bajada",
))
LEAD_LEVELS = 4  # how far up from a chosen block its named lead is looked for
LEAD_SIBLINGS = 3  # how many elements before it, at each level
MAX_NAMED_LEAD_CHARS = 1500  # a lead is a paragraph or two, not a second body


def is_named_lead(node: LexborNode) -> bool:
    """True when ``node``'s class or id names a lead and it holds a lead's prose.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='article-leadIn'><p>" + "The lead of the story, in a sentence. " * 3 +
    ...                      "</p></div><div class='related'><p>" + "Other story. " * 9 + "</p></div>")
    >>> [is_named_lead(n) for n in t.css("div")]
    [True, False]
    """
    from corpus_clean.html import label_words  # html.py imports this module

    label = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id"))))
    if not label or not (label_words(label) & LEAD_WORDS):
        return False
    total = len(node.text(strip=True))
    if total > MAX_NAMED_LEAD_CHARS:
        return False
    linked = sum(len(a.text(strip=True)) for a in node.css("a"))
    return total - linked >= MIN_LEAD_CHARS and linked <= MAX_LEAD_LINKS * total


def named_leads(chosen: list[LexborNode]) -> list[LexborNode]:
    """Named leads (:func:`is_named_lead`) standing before a chosen block: one of the
    ``LEAD_SIBLINGS`` elements before it or before one of its ``LEAD_LEVELS`` ancestors,
    or inside one of them; never one that holds or sits in a chosen block.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><article><div class='head'><div class='intro'>" + "A lead, in words. " * 6 +
    ...     "</div></div><div id='body'><p>Body.</p></div></article><div class='intro'>Far away.</div></body>")
    >>> [n.attributes["class"] for n in named_leads([t.css_first("#body")])]
    ['intro']
    """
    chosen_ids = {node.mem_id for node in chosen}
    found: list[LexborNode] = []
    seen: set[int] = set()
    for block in chosen:
        node = block
        for _ in range(LEAD_LEVELS):
            if node is None or node.tag in ("body", "html"):
                break
            sibling, looked = node.prev, 0
            while sibling is not None and looked < LEAD_SIBLINGS:
                if sibling.tag not in ("-text", "-comment") and sibling.mem_id not in seen:
                    looked += 1
                    seen.add(sibling.mem_id)
                    found.extend(_named_inside(sibling, chosen_ids))
                sibling = sibling.prev
            if node.tag in ("article", "main"):
                break
            node = node.parent
    return [lead for lead in found if not _under(lead, chosen_ids)]


def _named_inside(node: LexborNode, chosen_ids: set) -> list[LexborNode]:
    """``[node]`` if it is a named lead, else the named leads among its descendants (none
    if it holds a chosen block)."""
    if node.mem_id in chosen_ids:
        return []
    if is_named_lead(node):
        return [node] if not any(inner.mem_id in chosen_ids for inner in node.traverse()) else []
    leads = []
    for inner in node.css("[class],[id]"):
        if inner.mem_id != node.mem_id and is_named_lead(inner) \
                and not any(_under(inner, {lead.mem_id}) for lead in leads):
            leads.append(inner)
    return leads

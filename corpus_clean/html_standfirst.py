"""A story's lead, named as such, standing right before the chosen body.

News sites and blogs open a story with a lead paragraph (the standfirst, the
"dek", the "chapo") set apart from the body: its own block, often styled
larger, just before the body's first paragraph. The scoring
(:func:`corpus_clean.html.best_container`) picks the body; the lead sits a level
or two up, beside it, where the sibling step does not reach, and is cut as
``html.not_main``. Trafilatura keeps it (the whole article element is its
unit); its corpus counts the lead's sentences as text the output must hold.

:func:`named_leads` adds to the choice a block of prose that the site *names*
a lead (``<div class="leadIn">``, ``articleContent-lead``, ``article__abstract``,
``sommario``, ``introduction``: :data:`LEAD_WORDS`) standing before a chosen
block, at most :data:`LEAD_LEVELS` levels up. An unnamed paragraph before the
body is not taken, and neither is a lead inside the article's ``<header>``
(cut with the header as ``html.header``): the golds disagree on leads, and
scrapinghub's cuts every one of them (RESULTS-html.md, round 8, real pages:
restoring the header's lead cost scrapinghub 0.0019 of F1; the named leads
alone 0.0003, for 12 more snippets found on trafilatura's DEV half).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk
from corpus_clean.html_queries import html_module

_LABELLED = lexbor_walk.Query("[class],[id]")  # (one C walk when built)

__all__ = ["is_named_lead", "named_leads"]

# A lead is a block of prose: at least this many characters of text outside links
# (two short sentences; a kicker, a byline or a date line is shorter), at most this
# share of it linked (a "read also" line is mostly a link).
MIN_LEAD_CHARS = 80
MAX_LEAD_LINKS = 0.25


# Class/id words that name a story's lead (English, and the words of the languages
# whose sites name their markup in their own: Italian "sommario", French "chapo",
# German "Vorspann"/"Anriss"/"Einleitung", Spanish "entradilla"/"bajada").
LEAD_WORDS = frozenset((
    "lead", "lede", "intro", "introduction", "standfirst", "abstract", "summary", "deck", "dek",
    "sommario", "chapo", "chapeau", "vorspann", "anriss", "einleitung", "entradilla", "bajada",
))
# Class or id holding one of the words, in any case (a first filter: "leader" matches it too)
_LEAD_SELECTOR = ",".join(f'[{attr}*="{word}" i]' for word in sorted(LEAD_WORDS)
                          if not any(other != word and other in word for other in LEAD_WORDS)
                          for attr in ("class", "id"))
# The same test in Python, for :func:`lead_labelled`: the selector's words in a class or id,
# ASCII case-insensitively (as Lexbor's ``i`` flag compares: byte by byte, A-Z only).
_LEAD_WORD_RE = re.compile(b"|".join(re.escape(word.encode()) for word in sorted(LEAD_WORDS)))
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
    label_words = html_module().label_words  # (html.py imports this module: see html_module)

    label = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id"))))
    if not label or not (label_words(label) & LEAD_WORDS):
        return False
    total = len(node.text(strip=True))
    if total > MAX_NAMED_LEAD_CHARS or _headed(node):
        return False
    link_chars = html_module().link_chars  # (html.py imports this module: see html_module)

    linked = link_chars(node)
    return total - linked >= MIN_LEAD_CHARS and linked <= MAX_LEAD_LINKS * total


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _headed(node: LexborNode) -> bool:
    """True when ``node`` opens with a heading of its own: a box titled "Summary:" or "Notes" (a fan-fiction
    work's summary above its chapter), not a standfirst, which is the story's first lines, untitled.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='a'><h3>Summary:</h3><blockquote>The work.</blockquote></div><div id='b'><p>Lead.</p></div>")
    >>> _headed(t.css_first("#a")), _headed(t.css_first("#b"))
    (True, False)
    """
    first = next(iter(node.iter(include_text=False)), None)
    return first is not None and first.tag in _HEADINGS


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
    found_ids: set[int] = set()
    seen: set[int] = set()
    climbed: set[int] = set()
    for block in chosen:
        node = block
        for _ in range(LEAD_LEVELS):
            # (an ancestor another chosen block climbed through: its siblings were looked at)
            if node is None or node.tag in ("body", "html") or node.mem_id in climbed:
                break
            climbed.add(node.mem_id)
            sibling, looked = node.prev, 0
            while sibling is not None and looked < LEAD_SIBLINGS:
                if sibling.mem_id in chosen_ids:
                    break  # what stands before it is that block's to look at
                if sibling.tag not in ("-text", "-comment") and sibling.mem_id not in seen:
                    looked += 1
                    seen.add(sibling.mem_id)
                    # (one Lexbor query for the labels holding a lead word; the exact word test after)
                    for candidate in lead_labelled(sibling):
                        if not _under(candidate, found_ids | chosen_ids) and is_named_lead(candidate) \
                                and not any(inner.mem_id in chosen_ids for inner in candidate.traverse()):
                            found.append(candidate)
                            found_ids.add(candidate.mem_id)
                sibling = sibling.prev
            if node.tag in ("article", "main"):
                break
            node = node.parent
    return found


def lead_labelled(node: LexborNode) -> list[LexborNode]:
    """The elements of ``node``'s subtree (``node`` included) that ``_LEAD_SELECTOR`` finds, once each.

    The selector's thirty ``[class*="word" i]`` tests were parsed by Lexbor on every call
    (~10 us each, several calls per page); a short query for the labelled elements and a
    byte-level test of their class and id find the same elements, in the same order.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='x'><p class='Story-INTRO'>a</p><p id='dek-1' class='deck'>b</p><p class='x'>c</p></div>")
    >>> [n.tag + ":" + (n.attributes.get("class") or "") for n in lead_labelled(t.css_first("#x"))]
    ['p:Story-INTRO', 'p:deck']
    """
    found = []
    for element in _LABELLED.select(node, once=True):
        attrs = element.attributes
        if _names_lead(attrs.get("class")) or _names_lead(attrs.get("id")):
            found.append(element)
    return found


@lru_cache(maxsize=4096)
def _names_lead(value: Optional[str]) -> bool:
    """True when an attribute value holds a lead word, in any ASCII case (as Lexbor's ``*= ... i``)."""
    return bool(value) and _LEAD_WORD_RE.search(value.encode("utf-8", "surrogatepass").lower()) is not None


def _under(node: LexborNode, ids: set) -> bool:
    """True when ``node`` or one of its ancestors is in ``ids``."""
    while node is not None:
        if node.mem_id in ids:
            return True
        node = node.parent
    return False

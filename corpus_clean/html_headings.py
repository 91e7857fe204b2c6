"""Labels that are a section's own heading, not the name of a widget.

Documentation generators (Sphinx, MkDocs, Docusaurus) and wikis give every
section an id made from its heading: ``<section id="more-on-lists"><h2>5.1. More
on Lists</h2>``. Read as a label, "more" names a "more stories" box and the
whole section was cut as ``html.related``. :func:`corpus_clean.html.is_heading_slug`
already spares ids of four words or more holding a function word; a shorter id
is spared when the section's own first heading holds all its words, which a
widget's label does not ("back-to-top" has no heading "Back to top").
"""
from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborNode

__all__ = ["named_after_heading"]

# An id of MIN_WORDS or more words (two-word ids like "related-posts" stay labels even
# when a heading "Related posts" follows: that is the widget's own title).
MIN_WORDS = 3
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
HEADING_WITHIN = 12  # elements from the section's start
_WORD_RE = re.compile(r"[^\W_]+")


def named_after_heading(node: LexborNode) -> bool:
    """True when ``node``'s id is made of the words of its own first heading.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<section id='more-on-lists'><h2>5.1. More on Lists</h2><p>x</p></section>"
    ...                      "<div id='more-from-us'><h3>Trending</h3></div><div id='related-posts'><h3>Related posts</h3></div>")
    >>> [named_after_heading(n) for n in t.css("section, div")]
    [True, False, False]
    """
    ident = node.id  # (not node.attributes: that builds a dict of them all)
    # (the separators counted first: most labelled elements have no id of three words)
    if not ident or ident.count("-") + ident.count("_") < MIN_WORDS - 1:
        return False
    words = _WORD_RE.findall(ident.lower())
    if len(words) < MIN_WORDS:
        return False
    heading = _first_heading(node)
    return heading is not None and set(words) <= set(_WORD_RE.findall(heading.text().lower()))


def _first_heading(node: LexborNode) -> Optional[LexborNode]:
    """The first ``<h1>``-``<h6>`` among the first HEADING_WITHIN elements under ``node``
    (a section's title opens it; a CSS query per labelled element cost more than the rest)."""
    for count, inner in enumerate(node.traverse()):
        if inner.tag in _HEADING_TAGS:
            return inner
        if count >= HEADING_WITHIN:
            return None
    return None

"""How much a paragraph counts when the scoring looks for the article's container.

:func:`corpus_clean.html.best_container` scores every block of running text
("paragraph") and credits its ancestors, as readability does. Readability only
scores ``<p>``, ``<pre>`` and ``<td>`` (and ``<div>`` holding bare text): a list
item is not an article's paragraph. We score every block, so that pages whose
prose sits in list items (forum threads, docs, Q&A) have candidates at all, but a
list item counts for ``LIST_ITEM_WEIGHT`` of a paragraph's score: a long list of
teasers, reviews, FAQ items or feature bullets beside the story no longer
outweighs the story's own paragraphs, and the service page's prose sections beat
its bullet lists (measured below, RESULTS-html.md "round 7, readability").
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

__all__ = ["LIST_ITEM_WEIGHT", "paragraph_weight"]

# Tuned on WCXB dev and the readability tuning half (RESULTS-html.md, round 7): 0 (readability's
# own rule, list items never score) cost WCXB dev product pages 0.005 and the readability
# tuning half 0.001 (pages whose only prose is in list items lose their candidates); 0.25
# cost scrapinghub 0.0003 and gained nothing over 0.5.
LIST_ITEM_WEIGHT = 0.5


def paragraph_weight(node: LexborNode) -> float:
    """The share of its score a paragraph passes to its container: ``LIST_ITEM_WEIGHT`` for a list item.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<ul><li>An item, with words.</li></ul><p>A paragraph, with words.</p>")
    >>> paragraph_weight(t.css_first("li")), paragraph_weight(t.css_first("p"))
    (0.5, 1.0)
    """
    return LIST_ITEM_WEIGHT if node.tag == "li" else 1.0

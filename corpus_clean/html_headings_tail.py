"""Headings left without their section: the kept title of a block that was cut.

A heading introduces what follows it. When everything that follows it was cut
("Related articles" over a list of links, "Das könnte Sie auch interessieren!"
over teasers, "Comments" over a comment thread, "Pictures of the meeting" over
a gallery), the heading stays behind as a line of its own, the last words of
the article. Trafilatura drops headings left at the end of its output ("remove
trailing titles", ``main_extractor.NOT_AT_THE_END``); :func:`cut_orphan_headings`
does that on the rendered lines.

A line is a heading when its text is the whole text of an ``<h2>``–``<h6>`` of
the page (:func:`heading_texts`) and does not end a sentence. The cut lines keep their place in the page's
visible text and are recorded in ``removed`` as :data:`RULE`.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

__all__ = ["RULE", "heading_texts", "cut_orphan_headings"]

RULE = "html.orphan_heading"
_HEADINGS = "h2,h3,h4,h5,h6"
_HEADINGS_QUERY = lexbor_walk.Query(_HEADINGS)  # (one C walk when built)
MAX_HEADING_CHARS = 200  # longer "headings" are paragraphs set in a heading's style


def heading_texts(body: LexborNode) -> set[str]:
    """The whitespace-collapsed texts of the page's ``<h2>``–``<h6>`` (short titles only).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> sorted(heading_texts(LexborHTMLParser("<body><h2>Related  articles</h2><h3></h3><p>x</p>"
    ...                                       "<h3>He says it. It is true.</h3><h4>More...</h4></body>").body))
    ['More...', 'Related articles']
    """
    texts = set()
    for node in _HEADINGS_QUERY.select(body):
        text = " ".join(node.text().split())
        # (a heading that ends a sentence is prose set in a heading's style: a pull quote,
        # a closing line)
        if text and _may_be_title(text):
            texts.add(text)
    return texts


def cut_orphan_headings(lines: list[tuple[str, str]], body: LexborNode,
                        keep: str = "keep") -> list[tuple[str, str]]:
    """``lines`` with a kept heading at the end of the kept text given the verdict :data:`RULE`.

    Only one heading, the last kept line: a heading followed by cut lines and
    then by kept text is left alone, and so is a run of several headings at the
    end (on a listing, the last cards' titles are headings whose blurbs were cut:
    measured on WCXB test listings, a page lost 0.40 of F1 when runs were cut
    whole). The page's headings (:func:`heading_texts` of ``body``) are read only
    when the last kept line could be one.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> body = LexborHTMLParser("<body><h2>Harbour dues</h2><h3>More from us</h3><h3>Our podcasts</h3></body>").body
    >>> lines = [("Harbour dues", "keep"), ("The board voted.", "keep"), ("More from us", "keep"),
    ...          ("Fares to rise", "html.links")]
    >>> [v for _, v in cut_orphan_headings(lines, body)]
    ['keep', 'keep', 'html.orphan_heading', 'html.links']
    >>> lines[3:3] = [("Our podcasts", "keep")]
    >>> cut_orphan_headings(lines, body) == lines
    True
    """
    kept = [i for i in range(len(lines) - 1, -1, -1) if lines[i][1] == keep][:2]
    if len(kept) < 2 or not _may_be_title(lines[kept[0]][0]):
        return lines  # nothing kept before it, or the last line reads as prose
    headings = heading_texts(body)
    last, before = lines[kept[0]][0], lines[kept[1]][0]
    if last not in headings or before in headings:
        return lines  # not a heading; or a run of titles (a listing's last cards), not one left over
    out = list(lines)
    out[kept[0]] = (last, RULE)
    return out


def _may_be_title(text: str) -> bool:
    """Short, and not ending a sentence (titles do not end with a full stop)."""
    return len(text) <= MAX_HEADING_CHARS and not (text.endswith(".") and not text.endswith(".."))

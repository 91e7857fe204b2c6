"""Short unlinked blocks between two chosen siblings belong to the story.

The scoring (:func:`corpus_clean.html.best_container`) joins the winner's
siblings that score or read as paragraphs (readability's sibling test: over 80
characters with under a quarter linked, or a shorter one ending a sentence). A
story written as one ``<div>`` per line (a blog editor's output, a CMS that
turns every line break into a block) also holds lines that are neither: the
items of a list written as "– Reiki und Runen", a date line, "Aus dem Inhalt:".
Cut as ``html.not_main``, they leave holes in the middle of the text.

:func:`gaps_between` adds, for every parent holding two or more chosen blocks,
its element children that stand *between* the first and the last of them, hold
text, no link text and at most :data:`MAX_GAP_CHARS` characters. What stands
before the first or after the last chosen block (a kicker, a "more from us"
line) is left to the scoring; linked lines, menus and furniture cut by their
labels are not touched (the labelled ones are out of the tree by then).
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

__all__ = ["gaps_between"]

# A gap is a line, not a section: longer unchosen blocks were judged by the scoring.
MAX_GAP_CHARS = 200


def gaps_between(chosen: list[LexborNode]) -> list[LexborNode]:
    """Unchosen, unlinked short element siblings between chosen blocks of the same parent.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='post'><div id='a'>First paragraph.</div><div id='h'>Aus dem Inhalt:</div>"
    ...                      "<div id='l'><a href='/x'>Read also</a></div><div id='b'>Second paragraph.</div>"
    ...                      "<div id='after'>Tags: reiki</div></div>")
    >>> [n.attributes["id"] for n in gaps_between([t.css_first("#a"), t.css_first("#b")])]
    ['h']
    """
    by_parent: dict[int, list[LexborNode]] = {}
    for node in chosen:
        parent = node.parent
        if parent is not None:
            by_parent.setdefault(parent.mem_id, []).append(node)
    gaps: list[LexborNode] = []
    for blocks in by_parent.values():
        if len(blocks) < 2:
            continue
        ids = {node.mem_id for node in blocks}
        inside, pending = False, []
        for child in blocks[0].parent.iter(include_text=False):
            if child.mem_id in ids:
                gaps.extend(pending)  # (only lines followed by a chosen block are between two)
                inside, pending = True, []
            elif inside and _is_gap_line(child):
                pending.append(child)
    return gaps


def _is_gap_line(node: LexborNode) -> bool:
    """Text of at most ``MAX_GAP_CHARS`` characters, none of it in a link."""
    text = node.text(strip=True)
    if not text or len(text) > MAX_GAP_CHARS:
        return False
    return not any(a.text(strip=True) for a in node.css("a"))

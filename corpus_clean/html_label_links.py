"""A label over one link inside the story: a cross-link to another story, in any language.

News sites put lines such as "Related: <a>Harbour board closes the old fish market</a>",
"READ MORE: <a>…</a>", "Lesen Sie auch: <a>…</a>", "اقرأ أيضا: <a>…</a>", "עוד באתר: <a>…</a>"
between a story's paragraphs. The boilerplate packs cut the labels they list word by word
(``outlets.yaml``, ``ads.yaml``); a site writing another label, or another language, kept
the line as a paragraph of the story. The line's *shape* says what it is: a short label
ending in a colon, then one link holding the rest of the line (another story's headline),
nothing after it. A sentence with a link inside ("The mayor <a>said on Monday</a> that…")
has words after or before the link that are no label; a label over a short link ("Tickets:
<a>book here</a>", "Web: <a>example.org</a>") is a fact of the page, not a headline, and stays.

:func:`cut_label_links` cuts, inside the chosen blocks, each paragraph-level element (``p``,
``div``) made of such a label and link, as :data:`RULE`, when such lines are at most
:data:`MAX_CROSS_LINKS` and fewer than half of the block's paragraphs: a commentary whose every paragraph ends on "See: <a>source</a>" cites its
sources as its text (WCXB's gold keeps them), a story's cross-links are a few lines among many.
"""
from __future__ import annotations

import re
from typing import Callable

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

__all__ = ["RULE", "cut_label_links", "label_over_link"]

RULE = "html.related"
LABEL_MAX_WORDS = 4  # "Related:", "Read more:", "Lesen Sie auch:", "À lire aussi :"
LABEL_MAX_CHARS = 40
HEADLINE_MIN_WORDS = 4  # another story's headline; "book here", "example.org" are facts
SLACK_CHARS = 3  # punctuation around the link ("[Read more: …]", "… »")
BLOCK_TAGS = frozenset(("p", "div"))
_LINKS = lexbor_walk.Query("a[href]")
_PARAGRAPHS = lexbor_walk.Query("p")
PARAGRAPH_CHARS = 80  # a sentence or two
# A story carries a few cross-links; more label-over-link lines in one block are its citations ("See: <a>…</a>"
# under each of a commentary's paragraphs, WCXB dev 4443: its gold keeps them).
MAX_CROSS_LINKS = 3
_WORD_RE = re.compile(r"\w+")


def label_over_link(block: LexborNode, link: LexborNode) -> bool:
    """True when ``block``'s text is a short label ending in ":" and then ``link``'s headline, nothing after it.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> p = lambda h: LexborHTMLParser(h).css_first("p")
    >>> [label_over_link(b, b.css_first("a")) for b in (
    ...     p("<p><strong>עוד באתר:</strong> <a href='/n/1'>הגשר הישן ייסגר בקיץ הבא</a></p>"),
    ...     p("<p>Tickets: <a href='/t'>book here</a></p>"),
    ...     p("<p>The mayor <a href='/m'>said on Monday that the bridge</a> will close.</p>"))]
    [True, False, False]
    """
    words = link.text().split()
    headline = " ".join(words)
    # (a headline is words; an address is a fact: "Amazon UK £15.99: <a>https://amzn.to/2Sosw0n</a>")
    if len(words) < HEADLINE_MIN_WORDS or "://" in headline or "www." in headline:
        return False
    whole = " ".join(block.text().split())
    at = whole.rfind(headline)
    if at < 0 or len(whole) - at - len(headline) > SLACK_CHARS:
        return False
    label = whole[:at].strip(" [(«\"")
    return (label.endswith(":") and len(label) <= LABEL_MAX_CHARS
            and 1 <= len(_WORD_RE.findall(label)) <= LABEL_MAX_WORDS)


def cut_label_links(chosen: list, cuts: dict, cut: Callable[[LexborNode, str, dict], None]) -> int:
    """Cut the label-over-link lines inside the ``chosen`` blocks (see the module's docstring); how many.

    ``cut`` is :func:`corpus_clean.html._cut` (passed in: this module is imported by it).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import _cut
    >>> para = "<p>The council voted for the new bridge on Monday, after a debate that lasted into the night.</p>"
    >>> t = LexborHTMLParser(f"<article>{para}<p><b>اقرأ أيضا:</b> "
    ...                      f"<a href='/1'>المجلس يوافق على الجسر الجديد</a></p>{para}{para}</article>")
    >>> cut_label_links([t.css_first("article")], {}, _cut), t.css_first("article").text().count("اقرأ")
    (1, 0)
    """
    done = 0
    for block in chosen:
        found = []
        for link in _LINKS.select(block):
            prev = link.prev
            while prev is not None and prev.tag == "-text" and not (prev.text_content or "").strip():
                prev = prev.prev
            parent = link.parent
            if prev is None and parent is not None and parent.tag not in BLOCK_TAGS:  # (<strong><a>…</a></strong>)
                prev = parent.prev
                parent = parent.parent
            if prev is None or parent is None or parent.tag not in BLOCK_TAGS or parent.mem_id == block.mem_id:
                continue
            label_text = (prev.text_content if prev.tag == "-text" else prev.text()) or ""
            if not label_text.rstrip().endswith(":"):  # (the cheap test first: most links follow prose)
                continue
            if label_over_link(parent, link):
                found.append(parent)
        # (a story's cross-links are a few lines among its paragraphs; a commentary whose every paragraph
        # ends on "See: <a>source</a>" cites its sources, and they are its text: WCXB dev 4443)
        if found and len(found) <= MAX_CROSS_LINKS and 2 * len(found) < _paragraphs(block):
            for parent in found:
                cut(parent, RULE, cuts)
            done += len(found)
    return done


def _paragraphs(block: LexborNode) -> int:
    """How many paragraphs of prose (``PARAGRAPH_CHARS`` or more) ``block`` holds."""
    return sum(1 for p in _PARAGRAPHS.select(block) if len(p.text(deep=True).strip()) >= PARAGRAPH_CHARS)

"""A second opinion from readability-lxml when our choice is a list and the story may lie beside it.

trafilatura runs readability on every page and takes its text when it is much
longer than its own (``external.compare_extraction``). Here that comparison was
measured and rejected (``benchmarks/RESULTS-html.md``, round 10: comparing the two
texts, or taking the text readability adds to a choice that keeps a small part of
the page, gained on no dev set and lost on our generated pages, while readability
costs ~5 times our whole extraction on every page it reads). What is left is the
one case where the two scorings differ by design: readability scores no list item,
ours scores every block, so a long list of unlinked prose (a timeline, a list of
letters or summaries after the story) can outscore the story itself.

1. :func:`list_choice` (free: a tag test on the chosen blocks): the choice is lists
   only (``<ul>``, ``<ol>``, ``<dl>`` or their items) and ``LIST_MIN_LEFT``
   characters were left out as ``html.not_main``.
2. :func:`readability_lines`: readability-lxml's article of the page as our cuts
   left it (menus, comments, captions already out), as text lines.
3. :func:`lines_in`: which of our lines are in it.
4. :func:`second_opinion`: readability's article is taken when it shares at most
   ``LIST_MAX_SHARED`` of our list and holds ``LIST_MIN_LEFT`` characters we left
   out: the page is rendered again with every block judged, readability's lines
   kept, our list cut as ``html.second_opinion`` (recorded in ``removed`` like
   every cut). Text we cut for a label never comes back.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from corpus_clean.html_queries import html_module

__all__ = ["list_choice", "readability_lines", "lines_in", "second_opinion", "SECOND_OPINION"]

KEEP = "keep"  # html.KEEP and html.NOT_MAIN (html.py imports this module)
NOT_MAIN = "html.not_main"
SECOND_OPINION = "html.second_opinion"  # kept by our scoring, left out by readability's

LIST_TAGS = frozenset("ul ol dl li dd".split())
LIST_MIN_LEFT = 1000  # the story readability would take instead: at least this long
LIST_MAX_SHARED = 0.2  # ... and sharing at most this much of our list with it
SHORT_LINE = 25  # a line this short (words, spaced) counts only beside a long line found

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """The words of a text, lowercased, one space apart and one around: how lines are matched.

    >>> _norm("Bare text,  here.")
    ' bare text here '
    """
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def readability_lines(html: str) -> list[str]:
    """readability-lxml's article of the page, one line per text run ([] when it fails).

    >>> page = "<html><body><div><p>" + "A sentence of the story, with words. " * 8 + "</p></div></body></html>"
    >>> readability_lines(page)[0][:24]
    'A sentence of the story,'
    """
    from lxml import html as lxml_html
    from readability import Document

    BLOCK_TAGS = html_module().BLOCK_TAGS  # (html.py imports this module: see html_module)

    try:
        summary = Document(html).summary(html_partial=True)
        tree = lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - a second opinion that fails is no opinion
        return []
    for element in tree.iter(*BLOCK_TAGS, "br"):  # a line break around every block, as our renderer puts one
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return [line for line in (t.strip() for t in "".join(tree.itertext()).splitlines()) if line]


def lines_in(lines: list[tuple[str, str]], other: list[str]) -> list[bool]:
    """For each of our lines, whether it is in ``other``'s text.

    A long line is looked for anywhere; a short one ("Share", "News") counts only
    beside a long line that was found, so a word in passing does not match.

    >>> lines_in([("Menu", "html.nav"), ("First paragraph here, long enough.", KEEP), ("News", KEEP)],
    ...          ["First paragraph here, long enough.", "News"])
    [False, True, True]
    >>> lines_in([("News", "html.nav"), ("Another line, not in the other text.", KEEP)], ["The news, today."])
    [False, False]
    """
    text = _norm("\n".join(other))
    needles = [_norm(line) for line, _ in lines]
    long_hits = [len(n) > SHORT_LINE and n in text for n in needles]
    found = []
    for i, needle in enumerate(needles):
        if len(needle) > SHORT_LINE:
            found.append(long_hits[i])
        else:
            beside = (i > 0 and long_hits[i - 1]) or (i + 1 < len(needles) and long_hits[i + 1])
            found.append(bool(needle.strip()) and beside and needle in text)
    return found


def list_choice(chosen: list, lines: list[tuple[str, str]]) -> bool:
    """True when the choice is lists only (``<ul>``, ``<ol>``, ``<dl>`` or their items) and
    long text was left out: readability scores no list item, our scoring does (a page's
    long list of unlinked prose after the story can outscore it).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><ul><li>One</li></ul></body>")
    >>> list_choice([t.css_first("ul")], [("One", KEEP), ("x" * 1200, NOT_MAIN)]), list_choice([t.body], [])
    (True, False)
    """
    if not chosen or any(node.tag not in LIST_TAGS for node in chosen):
        return False
    return sum(len(line) for line, verdict in lines if verdict == NOT_MAIN) >= LIST_MIN_LEFT


def second_opinion(tree: LexborHTMLParser, cuts: dict, lines: list[tuple[str, str]],
                   chosen: list) -> list[tuple[str, str]]:
    """``lines``, or the page read again with readability's article when our choice is a list it does not share.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import render_page, strip_junk
    >>> story = "".join(f"<p>Paragraph {i} of the story, with commas, words, and more words.</p>" for i in range(20))
    >>> rows = "".join(f"<li>Row {i}: a long line of prose, unlinked, in a list after the story.</li>" for i in range(30))
    >>> tree = LexborHTMLParser(f"<body><div>{story}</div><ul>{rows}</ul></body>")
    >>> cuts = strip_junk(tree)
    >>> chosen = [tree.css_first("ul")]  # our scoring's choice: the list
    >>> out = second_opinion(tree, cuts, render_page(tree.body, chosen, cuts), chosen)
    >>> out[0], out[-1][1]
    (('Paragraph 0 of the story, with commas, words, and more words.', 'keep'), 'html.second_opinion')
    """
    if not list_choice(chosen, lines):
        return lines
    render_page = html_module().render_page  # (html.py imports this module: see html_module)

    body = tree.body
    other = readability_lines(body.html or "")
    if not other:
        return lines
    ours = {line for line, verdict in lines if verdict == KEEP}
    every_block = render_page(body, [body], cuts)
    found = lines_in(every_block, other)
    shared = sum(len(line) for (line, _), hit in zip(every_block, found) if hit and line in ours)
    gained = sum(len(line) for (line, verdict), hit in zip(every_block, found)
                 if hit and verdict == KEEP and line not in ours)
    # readability took other text than our list, and real text: the story beside it
    if shared > LIST_MAX_SHARED * sum(len(line) for line in ours) or gained < LIST_MIN_LEFT:
        return lines
    return [(line, _verdict(verdict, hit, line in ours)) for (line, verdict), hit in zip(every_block, found)]


def _verdict(verdict: str, in_readability: bool, in_ours: bool) -> str:
    """A line's verdict after the second opinion (a cut for a label or a link list stands).

    >>> _verdict(KEEP, True, False), _verdict(KEEP, False, True), _verdict(KEEP, False, False)
    ('keep', 'html.second_opinion', 'html.not_main')
    >>> _verdict("html.nav", True, True)
    'html.nav'
    """
    if verdict != KEEP or in_readability:
        return verdict
    return SECOND_OPINION if in_ours else NOT_MAIN

"""A reference list that closes the article is the article's text.

Sites label their notes and sources ``references`` / ``reflist`` (MediaWiki,
Sphinx, journals, blogs), and :func:`strip_junk <corpus_clean.html.strip_junk>`
cuts such an element as ``html.references`` wherever it stands, like the wiki
chrome beside it. Where the list closes the article (it comes right after the
kept text, with at most a heading's or a "See also" list's worth of cut text
between), it is the author's own notes and sources: Readability.js keeps it, and
so do the gold texts of both public benchmarks measured here (the readability
set's and WCXB's: on WCXB's dev pages 10.6 of the 11.6 thousand characters cut
as ``html.references`` on article and documentation pages are gold).
readability-lxml keeps such a list too, as any list with ten commas or more.
A list labelled so elsewhere on the page (a sidebar's "references" widget, a
footer's sources far from the story) keeps its cut.

:func:`keep_closing_references` works on the rendered lines, after the page is read:
the lines it keeps were cut with the references' rule and now read ``keep``.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Callable

__all__ = ["RULE", "MAX_GAP_CHARS", "keep_closing_references", "reads_as_citations"]

RULE = "html.references"
# Cut text allowed between the article's last kept line and the reference list:
# a "References" heading's edit link, a short "See also" list (Wikipedia pages
# put one before their references; 70-300 characters on the readability set's
# pages). A list further from the story is not its list.
MAX_GAP_CHARS = 400
# A citation names its year, its address or where it was read: "(2019)", "2024.",
# "https://...", "doi", "ISBN", "Retrieved 5 May", "pp. 12". A list labelled references
# without them is something else ("Related articles that link to this one:" over a list of
# titles: WCXB dev, one page, whose gold cuts it).
_CITATION_MARK = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|https?://|www\.|\bdoi\b|\bISBN\b|\bretrieved\b|\bpp?\.\s*\d",
                            re.IGNORECASE)
# Lines shorter than this are not judged: the list's heading ("References"), a backlink's
# "^", a citation's pieces (a wiki renders "Variety . Retrieved 6" on lines of its own).
SHORT_LINE = 20
MIN_MARKED_SHARE = 0.5  # of a list's longer lines, at least this share names a year or an address


def reads_as_citations(lines: list[str]) -> bool:
    """True for the lines of a reference list: half its longer lines name a year or an address.

    >>> reads_as_citations(["References"]), reads_as_citations(["Okafor, L. (2019). Silt.", "Variety . Retrieved 6"])
    (True, True)
    >>> reads_as_citations(["Related articles that link to this one:", "Managing digital files in folders"])
    False
    """
    longer = [line for line in lines if len(line) >= SHORT_LINE]
    marked = sum(_CITATION_MARK.search(line) is not None for line in longer)
    return marked >= MIN_MARKED_SHARE * len(longer)


def keep_closing_references(lines: list[tuple[str, str]], keep: str = "keep",
                            cut_later: Callable[[str], bool] = lambda line: False) -> list[tuple[str, str]]:
    """``lines`` with each reference list that closes the kept text given ``keep``.

    A list is a run of consecutive reference lines (one cut element: a heading
    labelled ``References`` is a run of its own). It is kept when it reads as
    citations (:func:`reads_as_citations`) and the kept text before it is near
    (:data:`MAX_GAP_CHARS` of cut text at most); a kept list counts as kept text
    for the next, so the heading's run carries the list after it. Lines of other
    rules between runs (an edit link's brackets) keep their cut. Lines that
    ``cut_later`` says a later step cuts anyway (the rule packs' marker rules on
    "^ ..." lines) keep their cut here, and a run of short lines alone (a
    "References" heading) is kept only when kept text follows it: a heading over
    a list that is cut is not left behind.

    >>> lines = [("The story.", "keep"), ("See also", "html.links"), ("References", RULE), ("edit", "html.nav"),
    ...          ("^ Smith, J. (2001). Harbour studies.", RULE), ("Most read", "html.sidebar")]
    >>> [v for _, v in keep_closing_references(lines)]
    ['keep', 'html.links', 'keep', 'html.nav', 'keep', 'html.sidebar']
    >>> [v for _, v in keep_closing_references(lines, cut_later=lambda line: line.startswith("^"))]
    ['keep', 'html.links', 'html.references', 'html.nav', 'html.references', 'html.sidebar']
    >>> far = [("The story.", "keep"), ("Footer text " * 50, "html.footer"), ("Sources", RULE)]
    >>> [v for _, v in keep_closing_references(far)]
    ['keep', 'html.footer', 'html.references']
    """
    if RULE not in map(itemgetter(1), lines):  # (most pages: one C-level scan, ~4 µs of CPU for 200 lines)
        return lines
    out = list(lines)
    headings = []  # runs of short lines kept: (start, end), confirmed below
    gap = None  # cut characters since the last kept line (None: no kept line yet)
    i = 0
    while i < len(out):
        line, verdict = out[i]
        if verdict == RULE:
            end = i
            while end < len(out) and out[end][1] == RULE:
                end += 1
            run = [text for text, _ in out[i:end]]
            later = [cut_later(text) for text in run]  # (once a line: the marker rules' regex)
            shown = [text for text, cut in zip(run, later) if not cut]
            if shown and gap is not None and gap <= MAX_GAP_CHARS and reads_as_citations(shown):
                out[i:end] = [(text, RULE if cut else keep) for text, cut in zip(run, later)]
                gap = 0
                if all(len(text) < SHORT_LINE for text in shown):
                    headings.append((i, end))
            elif gap is not None:
                gap += sum(len(text) for text in run)
            i = end
            continue
        if verdict == keep:
            gap = 0
        elif gap is not None:
            gap += len(line)
        i += 1
    for start, end in reversed(headings):  # (from the last: a heading's fate may hang on the run after it)
        if not _kept_text_follows(out, end, keep):
            out[start:end] = [(text, RULE) for text, _ in lines[start:end]]
    return out


def _kept_text_follows(lines: list[tuple[str, str]], start: int, keep: str) -> bool:
    """True when a kept line comes after ``start`` with at most :data:`MAX_GAP_CHARS` of cut text before it.

    >>> _kept_text_follows([("References", "keep"), ("edit", "html.nav"), ("^ A (2001).", "keep")], 1, "keep")
    True
    >>> _kept_text_follows([("References", "keep"), ("^ A (2001).", RULE)], 1, "keep")
    False
    """
    gap = 0
    for line, verdict in lines[start:]:
        if verdict == keep:
            return True
        gap += len(line)
        if gap > MAX_GAP_CHARS:
            return False
    return False

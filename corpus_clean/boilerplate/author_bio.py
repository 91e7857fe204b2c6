"""The author's bio under a story, found by the byline's name (rule ``news.author_bio_by_name``).

A byline names the author at the top ("By Owen Tranter", "Guest post by Ruth Calder,
library director", "Por Elena Aranda"); many outlets end the story with a line about the
same person ("Owen Tranter covers county government for The Valley Ledger.", "Ruth Calder
has run the library since 2015."). A story's own paragraphs seldom open with its
author's full name, so a kept line below the story's first paragraph that opens with a
name from the byline is the bio, in whatever language it is written. No wording list:
only the name the page itself gives.
"""
from __future__ import annotations

import re

import numpy as np

AUTHOR_BIO = "news.author_bio_by_name"
# A bio is a sentence or two; a longer line that opens with the name is more likely story.
BIO_MAX_WORDS = 50
# A byline is a short line.
BYLINE_MAX_WORDS = 14
# The word before the author's name in a byline, in the languages the packs know.
_BY_WORD = re.compile(
    r"(?:^|\s)(?:[Bb]y|BY|[Pp]or|[Pp]ar|[Vv]on|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Aa]uthor:|[Aa]utor(?:a|in)?:|"
    r"[Tt]ext:|[Tt]exte\s*:|[Tt]ekst:|[Tt]eksti:|[Ss]zerző:|[Yy]azar:|[Rr]eporter:)\s+(.+)")
# Two to four capitalised words: a person's name ("Ruth Calder", "Ana de la Cruz").
_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+(?:(?:de|del|der|van|von|da|di|la|le|du|dos|das)\s+)*[^\W\d_][\w'’.-]*){1,3}")


def byline_names(line: str) -> list[str]:
    """The full names a byline line gives (each of two to four capitalised words).

    >>> byline_names("Guest post by Ruth Calder, library director")
    ['Ruth Calder']
    >>> byline_names("By Jane Roe and Tom Okafor · The Harbour Gazette")
    ['Jane Roe', 'Tom Okafor']
    >>> byline_names("Published December 1, 2026")
    []
    """
    found = _BY_WORD.search(line)
    if not found:
        return []
    names = []
    # (an outlet after a separator is not an author: "... · The Harbour Gazette")
    authors = re.split(r"\s*[·|–—]\s*", found.group(1))[0]
    for part in re.split(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b)\s*", authors):
        match = _NAME.match(part)
        if match and all(word[0].isupper() for word in match.group().split() if len(word) > 3):
            names.append(match.group())
    return names


def mark_author_bios(ctx) -> None:
    """Cut the kept lines below the story's first paragraph that open with a name the
    page's byline gives (rule AUTHOR_BIO). The byline: a removed short line above that
    paragraph holding a by-word ("By", "Por", "Von", "Text:" ...) before the name."""
    kept = ~ctx.blank & ~ctx.marks.removed()
    paragraphs = np.flatnonzero(kept & ctx.prose)
    if not len(paragraphs):
        return
    first = int(paragraphs[0])
    content, n_words = ctx.lines.content, ctx.stats.n_words
    names = {name for i in range(first) if ctx.marks.rule[i] is not None and n_words[i] <= BYLINE_MAX_WORDS
             for name in byline_names(content[i])}
    if not names:
        return
    for i in np.flatnonzero(kept[first + 1:]).tolist():
        i += first + 1
        line = content[i]
        if n_words[i] <= BIO_MAX_WORDS and any(line.startswith(name + " ") for name in names):
            ctx.marks.mark(i, AUTHOR_BIO)

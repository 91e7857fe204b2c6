"""Other stories' excerpts, cut short by the site at a fixed length (round 25): a step of the
classifier (``classifier.after_the_model`` runs it last).

A page's teaser blocks ("More in Windows", "Deals", "Latest news") show each other story's
first words up to a set number of characters, then an ellipsis glued to the last word, cut
mid-word as often as not:

    Microsoft removes the safeguard hold for Windows 10 users with Realtek Bluetooth...
    Windows 10 1909 (November 2019 Update) is now available via Windows 10 Update Ass...
    Lenovo Yoga C940 laptops with improved Alexa support are now available in stores, and the...

The model reads each one as a long line of words, a story's sentence, and keeps them beside
the story. A writer trails off with an ellipsis now and then, but not three times at the
same length. So EXCERPTS_MIN_LINES+ lines of EXCERPT_MIN_WORDS+ words that end in an
ellipsis glued to a word ("Ass...", "the…") and whose lengths before it lie within
EXCERPT_LENGTH_SPREAD of the longest are a teaser block's excerpts, in any language: they are
cut (rule EXCERPTS_RULE). A writer's "…" after a space ("and then …") is a pause, not a cut; a line opening in lower
case is a piece of a list's line.

A listing page's summaries have the same shape, and there they are the page's content (a
course catalogue, a forum's index, a section front). So the excerpts go only on a story's
page: one that holds a story's body (``page_kind.holds_a_story_body``: four prose paragraphs in
a row, none cut short). Round 25 (textprec26) guarded on where the excerpts stand instead (no
story line between them, a quarter of the story's words at most): on scrapinghub's pages the
excerpts interleave with the story's page furniture and outweigh a short story, and no page
was left to cut.

No wording: line lengths and the ellipsis only.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.page_kind import holds_a_story_body

EXCERPTS_RULE = "story.cut_short_excerpts"
EXCERPTS_MIN_LINES = 3
EXCERPT_MIN_WORDS = 8
# (the lengths of one block's excerpts differ by where the last word ended: a site cutting at
# 190 characters back to a word's end writes 160-190)
EXCERPT_LENGTH_SPREAD = 0.2
# Lines between two excerpts of a group that belong to the teasers (each one's title, byline,
# date): a longer gap is the page's other content (a story between two copies of a block).
EXCERPT_GAP_MAX_LINES = 3
_ELLIPSES = ("...", "…")
_GLUED_ELLIPSIS = re.compile(r"(?<=[^\s.…])(?:\.{3,4}|…)\s*$")


def excerpt_length(line: str) -> int | None:
    """The characters before the ellipsis of an excerpt cut short (EXCERPT_MIN_WORDS+ words,
    an ellipsis glued to its last word), else None.

    >>> excerpt_length("Windows 10 1909 is now available via the Windows 10 Update Ass...")
    62
    >>> [excerpt_length(t) for t in ("And then, as the rain came down over the hills …", "Wait for it…",
    ...     "free certificates on web development, programming, data science and more…",
    ...     "The council voted on Tuesday to close the old bridge for repairs.")]
    [None, None, None, None]
    """
    m = _GLUED_ELLIPSIS.search(line)
    if m is None or len(line.split()) < EXCERPT_MIN_WORDS or line.lstrip()[:1].islower():
        return None
    return len(line[:m.start()].strip())


def _is_cut_short(line: str) -> bool:
    """`line` ends in an ellipsis glued to a word (of any length: a listing's short summaries too).

    >>> [_is_cut_short(t) for t in ("Update Ass...", "the bridge…", "and then …", "The end.")]
    [True, True, False, False]
    """
    # (the ends first: the regex's "$" is tried at every "." of a long line)
    return line.rstrip().endswith(_ELLIPSES) and _GLUED_ELLIPSIS.search(line) is not None


def _same_length_group(lengths: dict[int, int]) -> list[int]:
    """The lines (indices) of the largest group whose lengths lie within EXCERPT_LENGTH_SPREAD
    of the group's longest.

    >>> _same_length_group({3: 80, 9: 190, 11: 190, 14: 74, 20: 68, 25: 190, 27: 161, 30: 40})
    [9, 11, 25, 27]
    """
    best: list[int] = []
    for i, longest in lengths.items():
        group = [j for j, n in lengths.items() if longest * (1 - EXCERPT_LENGTH_SPREAD) <= n <= longest]
        if len(group) > len(best):
            best = group
    return sorted(best)


def _with_short_gaps(group: list[int], blank, content) -> list[int]:
    """The group's lines and the lines between two of them when at most EXCERPT_GAP_MAX_LINES
    non-blank lines stand there, each shorter than an excerpt: a teaser's title, byline or
    date ("by Name", "Nov 13"). A longer line there is the story's own paragraph between
    the excerpts it quotes: the gap stays.

    >>> lines = ["x"] * 13
    >>> _with_short_gaps([2, 5, 12], [False] * 13, lines)
    [2, 3, 4, 5, 12]
    >>> lines[4] = "The mayor said he would ask the water authority to open an inquiry."
    >>> _with_short_gaps([2, 5, 12], [False] * 13, lines)
    [2, 5, 12]
    """
    out = [group[0]]
    for a, b in zip(group, group[1:]):
        gap = [i for i in range(a + 1, b) if not blank[i]]
        if len(gap) <= EXCERPT_GAP_MAX_LINES and all(len(content[i].split()) < EXCERPT_MIN_WORDS for i in gap):
            out.extend(gap)
        out.append(b)
    return out


def mark_cut_short_excerpts(ctx) -> None:
    """Cut every line of the largest group of EXCERPTS_MIN_LINES+ excerpts cut short at one
    length (rule EXCERPTS_RULE); a page may hold two blocks (two lengths): each group goes.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> teasers = [f"The {w} council met on Tuesday to talk about the old bridge and its repa..." for w in ("town", "city", "county")]
    >>> story = ["The ferry resumed service on Friday after the storm, the harbour trust said in a statement."] * 4
    >>> ctx = Context("\\n".join(story + teasers))
    >>> mark_cut_short_excerpts(ctx); ctx.marks.rule.count(EXCERPTS_RULE)
    3

    On a listing's page (no story body: each summary under its item's title) they stay.

    >>> ctx = Context("\\n".join(line for w, t in zip(("Town", "City", "County"), teasers) for line in (w, t)))
    >>> mark_cut_short_excerpts(ctx); ctx.marks.rule.count(EXCERPTS_RULE)
    0
    """
    content, rule = ctx.lines.content, ctx.marks.rule
    # (most pages hold fewer than three ellipses at all: two counts over the text, in C,
    # before a loop over the lines that cost ~1 % of the text path on every page)
    text = ctx.lines.text
    if text.count("...") + text.count("…") < EXCERPTS_MIN_LINES:
        return
    lengths, story = {}, None
    for i in [i for i, line in enumerate(content) if line.endswith(_ELLIPSES)]:  # (the regex where it may match)
        n = excerpt_length(content[i])
        if n is not None:
            lengths[i] = n
    while len(lengths) >= EXCERPTS_MIN_LINES:
        group = _same_length_group(lengths)
        if len(group) < EXCERPTS_MIN_LINES:
            return
        if story is None:  # (read once per page, and only on the few pages with a group)
            story = holds_a_story_body(ctx.prose, ctx.blank, content, _is_cut_short)
        if story:
            for i in _with_short_gaps(group, ctx.blank, content):
                if rule[i] is None:
                    rule[i] = EXCERPTS_RULE
        for i in group:
            del lengths[i]

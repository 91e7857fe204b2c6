"""Other stories' cards on a story's page (round 26): a step of the classifier
(``classifier.after_the_model`` runs it last).

A news site lists its other stories under the story as cards: a few short lines (a section
label, the headline, a source, a date) over the story's one-paragraph summary, card after card:

    Harbour
    Ferry trust names a new chair as the pier dispute drags on
    2 hours ago
    The trust that runs the ferry has a new chair and a new board, but the row over the pier goes on.

The model reads each summary as a story's sentence and keeps it, with the headline above it. A
story's own sections differ in shape: a subheading over *several* paragraphs, or a subheading
straight over its paragraph (no label line beside it). So CARDS_MIN_RUN+ cards in a row, each
CARD_MIN_LINES..CARD_MAX_LINES non-prose lines (one of them a headline of HEADLINE_MIN_WORDS+
words, one a label of at most LABEL_MAX_WORDS words with a letter; none ending like a sentence
or a clause, none opening in lower case but a one-word label such as a site's name) over exactly
one prose line, are another stories' cards: they are cut (rule CARDS_RULE).

A listing's or a shop's page is made of such cards, and there they are the page's content: the
cards go only on a story's page (``page_kind.holds_a_story_body``: four prose paragraphs in a
row, none cut short). No wording: line shapes only, any language.
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.engine import PROSE_MIN_WORDS, SENT_END
from corpus_clean.boilerplate.features import page_rows
from corpus_clean.boilerplate.page_kind import holds_a_story_body
from corpus_clean.boilerplate.story_excerpts import _is_cut_short

CARDS_RULE = "story.other_stories_cards"
CARDS_MIN_RUN = 4
CARD_MIN_LINES = 2
CARD_MAX_LINES = 6
HEADLINE_MIN_WORDS = 4
LABEL_MAX_WORDS = 3
# (a card's lines are titles and labels: one ending like this is a sentence or a clause broken
# over lines, e.g. a story's paragraph split at its links)
_CLAUSE_ENDS = (".", ",", ";", ":")
_OPENING_QUOTES = "‘'\"“«„"


def _opens_a_title(line: str) -> bool:
    """Does `line` open as a title or a sentence does (a capital, a digit, a quote)?

    >>> [_opens_a_title(t) for t in ("Business", "‘We had issues,’ exec says", "2 min read", "and the rest")]
    [True, True, True, False]
    """
    first = line.lstrip()[:1]
    return first.isupper() or first.isdigit() or (first != "" and first in _OPENING_QUOTES)


def is_card(lines: list[str], summary: str) -> bool:
    """Are `lines` (a block of non-prose lines) over `summary` (one prose line) a story's card?

    >>> is_card(["Harbour", "Ferry trust names a new chair as the pier dispute drags on"],
    ...         "The trust that runs the ferry has a new chair and a new board this week.")
    True

    A story's subheading alone over its paragraph is no card; nor a paragraph broken at its links.

    >>> is_card(["What the new plan offers"], "The plan gives every rider a monthly pass for half the price.")
    False
    >>> is_card(["In a letter sent on Monday by the", "harbour master,"], "Skippers were told that the slipway closes in May.")
    False
    """
    if not CARD_MIN_LINES <= len(lines) <= CARD_MAX_LINES or not _opens_a_title(summary):
        return False
    words = [len(line.split()) for line in lines]
    for line, n in zip(lines, words):
        if line.rstrip().endswith(_CLAUSE_ENDS) or not (_opens_a_title(line) or n == 1):
            return False
    return max(words) >= HEADLINE_MIN_WORDS and any(
        n <= LABEL_MAX_WORDS and any(c.isalpha() for c in line) for line, n in zip(lines, words))


def card_runs(content: list[str], blank, prose) -> list[list[int]]:
    """The lines (indices) of each run of CARDS_MIN_RUN+ cards in a row: the page's non-blank
    lines read as blocks of non-prose lines, each closed by one prose line.

    >>> card = ["Business", "The newspaper renames itself as its dispute goes on", "The owner has a new name and a newly elected board this week."]
    >>> lines = card * 4
    >>> card_runs(lines, [False] * 12, [False, False, True] * 4) == [list(range(12))]
    True
    >>> card_runs(lines[:9], [False] * 9, [False, False, True] * 3)
    []
    """
    # (the blocks' sizes from the prose lines' places, in numpy: on most pages too few blocks
    # have a card's size, and the lines are never read)
    nonblank = np.flatnonzero(~np.asarray(blank, dtype=bool))
    at = np.flatnonzero(np.asarray(prose, dtype=bool)[nonblank])  # (the prose lines, among the non-blank)
    sizes = np.empty_like(at)  # (the non-prose lines over each)
    sizes[:1] = at[:1]
    sizes[1:] = at[1:] - at[:-1] - 1
    sized = (sizes >= CARD_MIN_LINES) & (sizes <= CARD_MAX_LINES)
    # (only a row of CARDS_MIN_RUN+ blocks of a card's size may hold a run: its ends)
    padded = np.zeros(len(sized) + 2, dtype=bool)
    padded[1:-1] = sized
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    runs = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist()):
        if end - start < CARDS_MIN_RUN:
            continue
        run, cards = [], 0
        for k in range(start, end + 1):
            card = nonblank[at[k] - sizes[k]:at[k] + 1].tolist() if k < end else None
            if card and is_card([content[i] for i in card[:-1]], content[card[-1]]):
                run += card
                cards += 1
                continue
            if cards >= CARDS_MIN_RUN:
                runs.append(run)
            run, cards = [], 0
    return runs


def card_run_lines(stats, blank: np.ndarray, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: a prose line that closes the CARDS_MIN_RUN-th card-sized block in a row of
    its page (CARD_MIN_LINES..CARD_MAX_LINES non-blank, non-prose lines over it, the prose
    line above them or the page's edge beyond): ``card_runs`` walks only such a row, so a
    page with none holds no run (``mark_other_stories_cards`` skips it: most pages).
    Made for a whole batch at once (``batch.PAGE_ROWS``; `last_rows`: each page's last
    row, None for one page).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> card = "Business\\nThe newspaper renames itself as its dispute goes on\\nThe owner has a new name and a newly elected board this week."
    >>> ctx = Context("\\n".join([card] * 4))
    >>> np.flatnonzero(card_run_lines(ctx.stats, ctx.blank)).tolist()
    [11]
    >>> ctx = Context("\\n".join([card] * 3)); bool(card_run_lines(ctx.stats, ctx.blank).any())
    False
    """
    prose = (stats.n_words >= PROSE_MIN_WORDS) & ((stats.last_class & SENT_END) > 0)  # (``engine.line_masks``)
    n = len(prose)
    found = np.zeros(n, dtype=bool)
    at = np.flatnonzero(prose)
    if len(at) < CARDS_MIN_RUN:
        return found
    if last_rows is None:
        last_rows = np.array([n - 1], dtype=np.int64)
    other = ~np.asarray(blank, dtype=bool) & ~prose
    above = np.cumsum(other) - other  # (non-blank, non-prose lines above each row)
    page = np.searchsorted(last_rows, at)  # (the page of each prose line)
    first_rows = np.concatenate(([0], np.asarray(last_rows[:-1]) + 1))
    # (each block's start: the prose line above in the same page, else the page's first row)
    same_page = np.zeros(len(at), dtype=bool)
    same_page[1:] = page[1:] == page[:-1]
    prose_above = np.empty_like(at)
    prose_above[1:] = at[:-1]
    start = np.where(same_page, prose_above, first_rows[page])
    sizes = above[at] - above[start]
    sized = (sizes >= CARD_MIN_LINES) & (sizes <= CARD_MAX_LINES)
    run = sized[CARDS_MIN_RUN - 1:].copy()
    for back in range(1, CARDS_MIN_RUN):
        run &= sized[CARDS_MIN_RUN - 1 - back:len(sized) - back]
    run &= page[CARDS_MIN_RUN - 1:] == page[:len(at) - CARDS_MIN_RUN + 1]
    found[at[CARDS_MIN_RUN - 1:][run]] = True
    return found


def mark_other_stories_cards(ctx) -> None:
    """Cut each run of other stories' cards (rule CARDS_RULE) on a story's page.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> story = ["The ferry resumed service on Friday after the storm, the harbour trust said in a statement."] * 4
    >>> cards = [line for n in range(4) for line in ("Business", f"The newspaper renames itself as dispute number {n} goes on",
    ...          "The owner of the newspaper has a new name and a newly elected board this week.")]
    >>> ctx = Context("\\n".join(story + cards))
    >>> mark_other_stories_cards(ctx); ctx.marks.rule.count(CARDS_RULE)
    12

    On a listing's page (no story body) they stay.

    >>> ctx = Context("\\n".join(cards))
    >>> mark_other_stories_cards(ctx); ctx.marks.rule.count(CARDS_RULE)
    0
    """
    if not page_rows(ctx, "card_run_rows", card_run_lines):
        return  # (no CARDS_MIN_RUN card-sized blocks in a row: ``card_runs`` finds none)
    content, rule = ctx.lines.content, ctx.marks.rule
    runs = card_runs(content, ctx.blank, ctx.prose)
    if not runs or not holds_a_story_body(ctx.prose, ctx.blank, content, _is_cut_short):
        return
    for run in runs:
        for i in run:
            # (a copy of a line above is marked to be kept if its first copy goes: in a run
            # of cards both copies go, e.g. a card's headline over its image and under it)
            if rule[i] is None or rule[i] == "repeat.line":
                rule[i] = CARDS_RULE

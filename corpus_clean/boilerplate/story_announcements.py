"""A ":" line the classifier cut between the story and its kept list (round 23): a give-back
step of ``story_body._give_back``.

A short story often says its facts as a list under a one-word label ("The stall sold out
by noon." / "Prices:" / "Frybread — $4" / "Stew — $6"). The model keeps the sentence and
the rows but reads the lone label between them as a box's heading and cuts it;
``give_back_announced_lists`` leaves it cut, since a label of one word ("Tags:") is what a
box says. What tells them apart is what comes under the rows: a ":" line of any length cut
between a kept sentence of the story (STORY_SENTENCE_MIN_WORDS+ words) and KEPT_ROWS_MIN+
kept alike rows (``story_list_tail._alike``: a digit, a ":" inside, as many words) comes
back when the story goes on under the rows: a kept line within GAP_BELOW non-blank lines,
with a kept sentence of the story from there down. A box's heading ("Tags:", "Share:")
stands at the story's end, with no story under its rows. Page structure only: no word of
the lines is read.
"""
from __future__ import annotations

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_list_tail import LIST_MAX_ITEMS, _alike, _is_row

# The kept story goes on within this many non-blank lines under the rows (a caption or two between).
GAP_BELOW = 3
# A lone announcement stands over this many kept rows at least.
KEPT_ROWS_MIN = 2
# A kept sentence of the story (under the rows, above the announcement) has this many words at least.
STORY_SENTENCE_MIN_WORDS = 5
# The cuts of a label this step reads: the model's, and (round 27) the headline rule's: a page
# whose first line is a menu's one-word item ("Ntsə̂") takes it for the headline, and the
# story's label opening with that word ("Ntsə̂ ŋgú:") for its copy.
LABEL_CUTS = frozenset({CLASSIFIER_RULE, "repeat.headline"})


def _story_sentence(ctx, shape: LineShape, j: int | None) -> bool:
    """Line `j` is a kept sentence of STORY_SENTENCE_MIN_WORDS+ words."""
    return j is not None and ctx.marks.rule[j] is None and shape.ends_sentence(j) \
        and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS


def _kept_rows_under(ctx, shape: LineShape, a: int) -> tuple[list[int], int | None]:
    """(the kept alike rows right under line `a`, at most LIST_MAX_ITEMS; the non-blank line
    under them)."""
    rule, content = ctx.marks.rule, ctx.lines.content
    rows: list[int] = []
    j = nonblank_neighbour(ctx, a, 1)
    while j is not None and len(rows) < LIST_MAX_ITEMS and rule[j] is None \
            and _is_row(shape, content, j) and (not rows or _alike(shape, content, rows[:1], j)):
        rows.append(j)
        j = nonblank_neighbour(ctx, j, 1)
    return rows, j


def _story_goes_on_below(ctx, shape: LineShape, j: int | None) -> bool:
    """A kept line within GAP_BELOW non-blank lines from line `j` on, and a kept sentence of
    the story from there down."""
    rule = ctx.marks.rule
    for _ in range(GAP_BELOW):
        if j is None:
            return False
        if rule[j] is None:
            return any(_story_sentence(ctx, shape, k) for k in range(j, ctx.lines.n_lines) if not ctx.blank[k])
        j = nonblank_neighbour(ctx, j, 1)
    return False


def give_back_announcements_over_kept_rows(ctx, shape: LineShape) -> None:
    """A ":" line the model cut between a kept sentence of the story and KEPT_ROWS_MIN+ kept
    alike rows comes back when the story goes on under the rows (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The stall sold out of frybread by noon on Saturday.\\nPrices:\\nFrybread — $4\\nStew — $6\\n"
    ...               "The stall opens again on the seventeenth of December.\\nTags:\\nFood\\nMarket\\n")
    >>> ctx.marks.rule[1] = ctx.marks.rule[5] = "classifier"
    >>> give_back_announcements_over_kept_rows(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:6]
    [None, None, None, None, None, 'classifier']
    """
    rule = ctx.marks.rule
    last = ctx.stats.last_char
    colon = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    for a in colon:
        if rule[a] not in LABEL_CUTS or not _story_sentence(ctx, shape, nonblank_neighbour(ctx, a, -1)):
            continue
        rows, below = _kept_rows_under(ctx, shape, a)
        if len(rows) >= KEPT_ROWS_MIN and _story_goes_on_below(ctx, shape, below):
            rule[a] = None

"""The story's short list and the line announcing it, cut by the classifier where the story
opens or goes on (round 23): give-back steps of ``story_body._give_back``.

A short story often says its facts as a list right after its first sentence ("The fish
counted at the hatchery this week:" / "Cui-ui — 14" / "Trout — 22"). The model reads a
list of two or three rows as a menu, and two mechanisms cut the story's lines with it:

* **the opening block**: the first sentence, the ":" line and the rows, cut together
  right under the page's head (nothing above them kept), with the story going on under
  them (a caption between). ``give_back_the_opening_list`` gives the block back when it is
  a sentence of OPENING_MIN_WORDS+ words, a ":" line under it, and OPENING_MIN_ROWS to
  LIST_MAX_ITEMS alike rows (``story_list_tail._alike``: a digit, a ":" inside, as many
  words) under that, and a kept line within GAP_BELOW non-blank lines under the rows with
  a kept sentence of the story further down;
* **the lone announcement**: a ":" line of any length ("Tuhkapu:") cut between a kept
  sentence of the story and KEPT_ROWS_MIN+ kept alike rows, with a kept sentence of the
  story under the rows (``give_back_announcements_over_kept_rows``). A box's one-word
  heading ("Tags:", "Share:") stands at the story's end, with no story under its rows.

Page structure only: no word of the lines is read.
"""
from __future__ import annotations

from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_list_tail import LIST_MAX_ITEMS, _alike, _is_row

CLASSIFIER_RULE = "classifier"
# The opening sentence over the list: this many words at least ("Numu aga tsuponi kwasi Nixon, 20 numu.").
OPENING_MIN_WORDS = 5
# The opening list has this many rows at least (one short line under a ":" is a label and its value).
OPENING_MIN_ROWS = 2
# The kept story goes on within this many non-blank lines under the rows (a caption or two between).
GAP_BELOW = 3
# A lone announcement stands over this many kept rows at least.
KEPT_ROWS_MIN = 2
# A kept sentence of the story (under the rows, above the announcement) has this many words at least.
STORY_SENTENCE_MIN_WORDS = 5


def _ends_colon(line: str) -> bool:
    return line.rstrip().endswith((":", "："))


def _story_sentence(ctx, shape: LineShape, j: int | None) -> bool:
    """Line `j` is a kept sentence of STORY_SENTENCE_MIN_WORDS+ words."""
    return j is not None and ctx.marks.rule[j] is None and shape.ends_sentence(j) \
        and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS


def _rows_under(ctx, shape: LineShape, a: int, rule_of_rows) -> tuple[list[int], int | None]:
    """(the alike rows right under line `a`, each with rule `rule_of_rows`, at most
    LIST_MAX_ITEMS; the non-blank line under them)."""
    rule, content = ctx.marks.rule, ctx.lines.content
    rows: list[int] = []
    j = nonblank_neighbour(ctx, a, 1)
    while j is not None and len(rows) < LIST_MAX_ITEMS and rule[j] == rule_of_rows \
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


def give_back_the_opening_list(ctx, shape: LineShape) -> None:
    """The story's first sentence, its ":" line and the list under it, all cut by the model
    with nothing above them kept, come back when the story goes on under the list (see the
    module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home | News | Radio\\nBy Ana Lee, Valley Radio\\n"
    ...               "Volunteers counted the fish at the hatchery this week.\\nThe count:\\nCarp — 14\\n"
    ...               "Trout — 22\\nA biologist measures a fish\\nLee: \\"Good.\\"\\n"
    ...               "The next count is set for the middle of January.\\nShare")
    >>> ctx.marks.rule[:8] = ["nav.menu_bar", "news.byline"] + ["classifier"] * 5 + [None]
    >>> ctx.marks.rule[9] = "social.share_bar"
    >>> give_back_the_opening_list(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[2:7]
    [None, None, None, None, 'classifier']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    for s in range(ctx.lines.n_lines):
        if ctx.blank[s]:
            continue
        if rule[s] is None:
            return  # (the story opened above: its opening is kept)
        if rule[s] != CLASSIFIER_RULE or not shape.ends_sentence(s) or shape.n_words(s) < OPENING_MIN_WORDS:
            continue
        a = nonblank_neighbour(ctx, s, 1)
        if a is None or rule[a] != CLASSIFIER_RULE or not _ends_colon(content[a]):
            continue
        rows, below = _rows_under(ctx, shape, a, CLASSIFIER_RULE)
        if len(rows) >= OPENING_MIN_ROWS and _story_goes_on_below(ctx, shape, below):
            for k in [s, a] + rows:
                rule[k] = None
        return  # (only the first candidate: the story has one opening)


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
    rule, content = ctx.marks.rule, ctx.lines.content
    last = ctx.stats.last_char
    colon = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    for a in colon:
        if rule[a] != CLASSIFIER_RULE or not _story_sentence(ctx, shape, nonblank_neighbour(ctx, a, -1)):
            continue
        rows, below = _rows_under(ctx, shape, a, None)
        if len(rows) >= KEPT_ROWS_MIN and _story_goes_on_below(ctx, shape, below):
            rule[a] = None

"""The classifier's cut of the story's end under a caption it also cut (round 21): a
give-back step of ``story_body._give_back``.

A caption without a credit between the story and its last sentences has no rule's mark:
the classifier cuts it (rightly), and then reads the sentences under it as an island
before the share bar and cuts them too. ``give_back_paragraphs_after_inserts`` gives the
story's sentence back under an insert a *rule* cut; this step tells it where the insert
is one the model cut: an open line (no sentence end, no ":" in it; CAPTION_MIN_WORDS to
``story_inserts.LONE_CAPTION_MAX_WORDS`` words) that the classifier cut, with the story
right above it (a kept sentence, or the story's announced list) and right under it a
sentence the classifier cut comes back (with up to CLOSING_MAX_LINES more under it) when
that sentence goes on with the story: it names what the story names
(``story_runs._names_the_story``), or the model's own score of it is under its threshold
(the cut came from the page-level steps, which read the sentence as an island once the
caption over it was cut). Between the caption and that sentence may stand the story's
announced fields (a ":" line the model's own score keeps, then "Label: value" rows:
"Winners:" / "Men's dance: Joe Cloud"); they come back with it. The open line stays cut (a first version marked it a caption
and let ``give_back_paragraphs_after_inserts`` give the sentence back: that mark kept
other give-backs from the story's subheadings, 3 article lines on held-out and check sets,
totals only). A teaser block after the story starts the same way (a headline,
then its summary), but its summary names another story's people and places, and the
model scores it as furniture on its own (on the studied sets of rounds 8-21 the teaser
summaries in this place scored 0.69-0.90 under a 0.6 threshold; the story's sentences
0.07-0.70, six of eight under it).
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.features import page_rows
from corpus_clean.boilerplate.story_inserts import (
    LONE_CAPTION_MAX_WORDS, LineShape, nonblank_neighbour,
)
from corpus_clean.boilerplate.story_runs import _names_the_story, story_keys

# A caption has this many words at least ("Ji Nasir ke kuiy": a photo's subject and place).
CAPTION_MIN_WORDS = 3
# The story's sentences (the one under the caption, the kept ones above it): this many
# words at least (a reader's "Jai Jatashankar!" under a name is shorter).
STORY_SENTENCE_MIN_WORDS = 5
# Between the caption and the story's kept line above it, at most this many short lines the
# model cut (the last rows of the story's list under the caption's photo).
CUT_ROWS_MAX = 2
# The story's list over the caption: this many rows at most.
LIST_MAX_ITEMS = 8
# Under the caption, the story's announced "Label: value" fields: this many at most.
FIELDS_MAX = 8
# A sentence going on under the first one: this many words at least (the classifier's own
# closing sentence, ``classifier.CLOSING_SENTENCE_MIN_WORDS``: "The next fair is in February.").
CLOSING_MIN_WORDS = 3
# The story's sentences under the caption that come back: this many at most (as ``story_body``'s closing sentences).
CLOSING_MAX_LINES = 3


def _open_line(shape: LineShape, content: list, i: int) -> bool:
    """A caption's shape: CAPTION_MIN_WORDS..LONE_CAPTION_MAX_WORDS words, no sentence end,
    no ":" anywhere (a teaser's headline is often "Place: what happened", a list's
    announcement ends in one).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The choir on the harbour steps\\nFakaofo: the new hall opens\\nThe choir sang.")
    >>> [_open_line(LineShape(ctx.stats), ctx.lines.content, i) for i in range(3)]
    [True, False, False]
    """
    return (CAPTION_MIN_WORDS <= shape.n_words(i) <= LONE_CAPTION_MAX_WORDS and not shape.ends_sentence(i)
            and ":" not in content[i] and "：" not in content[i])


def _story_right_above(ctx, shape: LineShape, c: int) -> bool:
    """The story stands right above line `c`: a kept sentence, or the story's announced
    list (kept short lines up to a kept ":" line, with a kept sentence of the story at or
    above it), whose last CUT_ROWS_MAX rows the model may have cut. A teaser block's rows
    under the story's last paragraph, or a logo's lines, are announced by nothing."""
    rule, content = ctx.marks.rule, ctx.lines.content
    above, walked = nonblank_neighbour(ctx, c, -1), 0
    while above is not None and rule[above] == CLASSIFIER_RULE and not shape.is_paragraph(above) \
            and walked < CUT_ROWS_MAX:
        above, walked = nonblank_neighbour(ctx, above, -1), walked + 1
    if above is None or rule[above] is not None:
        return False
    if not walked and shape.ends_sentence(above) and shape.n_words(above) >= STORY_SENTENCE_MIN_WORDS:
        return True
    j, items = above, 0
    while j is not None and rule[j] is None and not shape.is_paragraph(j) and items <= LIST_MAX_ITEMS:
        if content[j].rstrip().endswith((":", "：")):
            return any(rule[k] is None and not ctx.blank[k] and shape.ends_sentence(k)
                       and shape.n_words(k) >= STORY_SENTENCE_MIN_WORDS for k in range(j))
        j, items = nonblank_neighbour(ctx, j, -1), items + 1
    return False


def _scored_under_the_threshold(ctx) -> "np.ndarray | None":
    """Per line: the model's own score keeps it (below the shipped model's threshold), so a
    cut of it came from the page-level steps (an island, the shifted tail), not from the
    line; None when the model did not read the page."""
    from corpus_clean.boilerplate.classifier import line_proba, load_model  # (the classifier imports this module)

    proba, model = line_proba(ctx), load_model()
    return None if proba is None or model is None else proba < model.threshold


def _fields_under(ctx, shape: LineShape, a: int) -> tuple[list[int], int | None]:
    """([the ":" line `a`, the "Label: value" rows the model cut under it], the line under
    them); no rows (or more than FIELDS_MAX) is no list: ([], None).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Winners:\\nMen's dance: Joe Cloud\\nWomen's dance: Lisa Heart\\nThe elder spoke.")
    >>> ctx.marks.rule[:] = ["classifier"] * 4
    >>> _fields_under(ctx, LineShape(ctx.stats), 0)
    ([0, 1, 2], 3)
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    rows, j = [], nonblank_neighbour(ctx, a, 1)
    while j is not None and rule[j] == CLASSIFIER_RULE and ": " in content[j] and len(rows) <= FIELDS_MAX \
            and not shape.ends_sentence(j):
        rows.append(j)
        j = nonblank_neighbour(ctx, j, 1)
    if not rows or len(rows) > FIELDS_MAX:
        return [], None
    return [a] + rows, j


def caption_sized_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: has it a caption's length, CAPTION_MIN_WORDS to LONE_CAPTION_MAX_WORDS words
    (``give_back_the_story_under_a_caption_the_model_cut``'s candidates, by the counts
    alone). (`blank`, `last_rows`: unread, as ``features.page_rows`` and ``batch.PAGE_ROWS``
    pass them.)"""
    return (stats.n_words >= CAPTION_MIN_WORDS) & (stats.n_words <= LONE_CAPTION_MAX_WORDS)


def give_back_the_story_under_a_caption_the_model_cut(ctx, shape: LineShape) -> None:
    """Give back the story's sentences the classifier cut under an open line it also cut,
    with the story right above that line (see the module's docstring). The open line
    keeps the model's cut (a caption), and any later give-back may still read it.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The Kavala choir sang at the harbour on Sunday for the new school.\\n"
    ...               "The choir on the harbour steps\\n"
    ...               "The Kavala choir sings again at Easter.\\nShare\\n")
    >>> ctx.marks.rule[1:4] = ["classifier", "classifier", "social.share"]
    >>> give_back_the_story_under_a_caption_the_model_cut(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, 'classifier', None, 'social.share', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    kept_by_score = None
    # (candidates by length first: the page's few cut lines of a caption's length, listed for
    # its whole batch at once: ``caption_sized_lines``)
    for c in page_rows(ctx, "caption_sized_rows", caption_sized_lines):
        if rule[c] != CLASSIFIER_RULE or ctx.blank[c] or not _open_line(shape, content, c):
            continue
        i = nonblank_neighbour(ctx, c, 1)
        listed: list[int] = []
        if i is not None and rule[i] == CLASSIFIER_RULE and content[i].rstrip().endswith((":", "：")):
            listed, i = _fields_under(ctx, shape, i)
        if i is None or rule[i] != CLASSIFIER_RULE or not shape.ends_sentence(i) \
                or shape.n_words(i) < STORY_SENTENCE_MIN_WORDS or not _story_right_above(ctx, shape, c):
            continue
        if kept_by_score is None:
            kept_by_score = _scored_under_the_threshold(ctx)
        keys = story_keys(ctx, shape, c, STORY_SENTENCE_MIN_WORDS)
        if listed:
            # (the story's announced fields between the caption and its sentence: they come
            # back with the sentence when the model's own score keeps the announcement too)
            if kept_by_score is None or not kept_by_score[listed[0]] or not (
                    kept_by_score[i] or _names_the_story(keys, content[i])):
                continue
            for k in listed:
                rule[k] = None
        for _ in range(CLOSING_MAX_LINES):
            if not ((kept_by_score is not None and kept_by_score[i]) or _names_the_story(keys, content[i])):
                break
            rule[i] = None
            i = nonblank_neighbour(ctx, i, 1)
            if i is None or rule[i] != CLASSIFIER_RULE or not shape.ends_sentence(i) \
                    or shape.n_words(i) < CLOSING_MIN_WORDS:
                break

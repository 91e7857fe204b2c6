"""A photo's caption inside a brief (round 25): a step of ``story_body.give_back_story_body_lines``.

A brief (a local radio's item, a village paper's news) is a few short sentences, a list
perhaps, and a photo whose caption has no credit: "Веле хорсь морафни" (the village choir
sings), "Savvusann lumõ seeh" (the smoke sauna in the snow), "Dale Mott at the wheelhouse".
Flattened, the caption is a line that ends no sentence between the story's sentences.
A subheading has the same shape ("What has changed", "Gör så här"); what tells them apart
on the studied sets (rounds 8-24's studied files, round 16-17's released held-out sets,
not the checks kept unopened) is the story around the line, not the line:

* the story is a brief: at most BRIEF_MAX_LINES kept lines, none of more than
  BRIEF_LINE_MAX_WORDS words (a story with subheadings has paragraphs: "What the park will
  include" over 36 words; a listing's many short lines are no brief);
* the line is the story's only open line between its sentences and nothing open follows
  it (a subheading comes with others, or a section's heading list);
* it names something the story's sentences above it name (``story_inserts._name_keys``: a
  word of five or more letters on its first six): a caption shows what the story told, a
  heading says what comes ("What has changed", "Het programma", "Gör så här" name nothing;
  a listing's item title names the description under it).

On those sets, among the kept open lines of 3-10 words between a story sentence (or a list
row) and the next sentence, these three tell 14 captions from 0 story lines (without the
first, 4 story lines come with them: "Was sich für Eltern ändert", "A second life for the
building", all under paragraphs of 22+ words). Language-blind: counts and shared names.

The same brief may set its photo between a list's heading and its rows ("Programme" / the
caption's sentence / "9h — Kpangalam"): a brief has no sections, so a heading there announces
the rows, and a sentence between them is the caption (``mark_captions_under_list_headings``).
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.features import CJK_HI, CJK_LO, DIGIT, page_rows
from corpus_clean.boilerplate.story_inserts import (
    ECHO_CAPTION_MAX_WORDS, INSERT_MIN_CHARS, LineShape, _COLONS, _DIGIT_IN, _is_row, _name_keys, _names_found,
    _sentence_ends, _stands_alone,
)

BRIEF_CAPTION_RULE = "story.brief_caption"
# A brief: no kept line of the page longer than this many words ...
BRIEF_LINE_MAX_WORDS = 20
# ... and this many kept lines at most (where the step cut a caption on the studied sets,
# 4-14 lines were kept).
BRIEF_MAX_LINES = 16
# The caption: this many words at least (two are a heading's: "Het programma", "La sala") ...
BRIEF_CAPTION_MIN_WORDS = 3
# ... and at most this many (a caption's clause, as ``story_inserts`` counts it).
BRIEF_CAPTION_MAX_WORDS = ECHO_CAPTION_MAX_WORDS
# The story's sentence under it: this many words at least.
BRIEF_SENTENCE_MIN_WORDS = 3


def is_brief(line_words: np.ndarray) -> bool:
    """The kept lines' word counts are a brief's: BRIEF_MAX_LINES lines at most, none over
    BRIEF_LINE_MAX_WORDS words.

    >>> is_brief(np.array([9, 12, 4, 15])), is_brief(np.array([9, 36, 4])), is_brief(np.array([9] * 17))
    (True, False, False)
    """
    return 0 < len(line_words) <= BRIEF_MAX_LINES and int(line_words.max()) <= BRIEF_LINE_MAX_WORDS


def long_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: more than BRIEF_LINE_MAX_WORDS words (a line no brief keeps). (`blank`,
    `last_rows`: unread, as ``page_rows`` and ``batch.PAGE_ROWS`` pass them.)"""
    return stats.n_words > BRIEF_LINE_MAX_WORDS


def keeps_a_long_line(ctx) -> bool:
    """A line of more than BRIEF_LINE_MAX_WORDS words is kept: the page is no brief
    (``is_brief``), told from its long lines (listed for the whole batch at once,
    ``batch.PAGE_ROWS``) without the array calls that count its kept lines (most pages
    the model reads keep a story paragraph that long).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home\\n" + "word " * 21 + "end.\\n")
    >>> keeps_a_long_line(ctx)
    True
    >>> ctx.marks.rule[1] = "classifier"
    >>> keeps_a_long_line(ctx)
    False
    """
    rule = ctx.marks.rule
    return any(rule[i] is None for i in page_rows(ctx, "long_rows", long_lines))


def _open_line(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` ends no sentence, is no list row and announces nothing (no ":" at its end)."""
    return not (shape.ends_sentence(i) or _is_row(ctx.lines.content, shape, i) or shape.last_char(i) in _COLONS)


def _caption_shaped(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` has a caption's shape: BRIEF_CAPTION_MIN_WORDS to BRIEF_CAPTION_MAX_WORDS
    words (or INSERT_MIN_CHARS+ characters of an unspaced script), no digit, ending in a
    word, standing alone."""
    unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
    sized = BRIEF_CAPTION_MIN_WORDS <= shape.n_words(i) <= BRIEF_CAPTION_MAX_WORDS or (
        unspaced and shape.n_chars(i) >= INSERT_MIN_CHARS)
    return (sized and not shape.first_class(i) & DIGIT and shape.ends_in_a_word(i)
            and not _DIGIT_IN.search(ctx.lines.content[i]) and _stands_alone(ctx, shape, i))


def mark_captions_in_briefs(ctx, shape: LineShape) -> None:
    """Cut the one open line between a brief's sentences that names what the story above it names
    (rule BRIEF_CAPTION_RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Сурколань веле клубса 30 ноябрь шиня ульсь концерт.\\n"
    ...               "Морафнесь школьникть и сире ломатть.\\n"
    ...               "Веле хорсь морафни\\n"
    ...               "«Мон вятян хорть 25 кизот», мярьгсь Мария Сеськина.\\n"
    ...               "Мокшень морот кулемс улихть сайтса.\\n")
    >>> mark_captions_in_briefs(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, 'story.brief_caption', None, None, None]

    A heading that names nothing of the story stays:

    >>> ctx = Context("The library reopened on Tuesday after the flood.\\n"
    ...               "Volunteers carried the books back last week.\\n"
    ...               "What has changed\\n"
    ...               "The children's corner moved upstairs.\\n")
    >>> mark_captions_in_briefs(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None]
    """
    if keeps_a_long_line(ctx):
        return  # (no brief: the count below says so too)
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    if len(kept) < 3 or not is_brief(ctx.stats.n_words[kept]):
        return
    ends = _sentence_ends(ctx.stats)[kept].tolist()
    words = ctx.stats.n_words[kept].tolist()
    kept = kept.tolist()
    # (the open lines between the story's sentences: under the first sentence, over a sentence)
    first = next((k for k, e in enumerate(ends) if e), None)
    if first is None:
        return
    between = [k for k in range(first + 1, len(kept) - 1)
               if ends[k + 1] and words[k + 1] >= BRIEF_SENTENCE_MIN_WORDS and _open_line(ctx, shape, kept[k])]
    if len(between) != 1:
        return
    k = between[0]
    i = kept[k]
    above = kept[k - 1]
    if not (ends[k - 1] or _is_row(ctx.lines.content, shape, above)) or not _caption_shaped(ctx, shape, i):
        return
    # (nothing open under it: a subheading's section would end at the next heading)
    if any(_open_line(ctx, shape, j) for j in kept[k + 1:]):
        return
    keys = _name_keys(ctx.lines.content[i])
    if not keys:
        return
    story = " ".join(ctx.lines.content[kept[j]] for j in range(k) if ends[j])
    if _names_found(keys, story) >= 1:
        ctx.marks.rule[i] = BRIEF_CAPTION_RULE


# A brief's list heading ("Programme", "Godziny otwarcia"): this many words at most.
LIST_HEADING_MAX_WORDS = 3
# The rows under the caption: this many at least, each this many words at most.
HEADING_ROWS_MIN = 2
ROW_MAX_WORDS = 8


def _row_like(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` reads as a list's row: ``_is_row`` ("9h — Kpangalam", "Sobota: 10:00–14:00"),
    or a short line holding a digit that ends no sentence ("Wrestling — 15:00")."""
    if _is_row(ctx.lines.content, shape, i):
        return True
    return (shape.n_words(i) <= ROW_MAX_WORDS and not shape.ends_sentence(i)
            and _DIGIT_IN.search(ctx.lines.content[i]) is not None)


def mark_captions_under_list_headings(ctx, shape: LineShape) -> None:
    """Cut the sentence between a brief's list heading and the list's rows (rule
    BRIEF_CAPTION_RULE): "Programme" / "Danseurs au quartier Kpangalam, samedi après-midi."
    / "9h — Kpangalam". In a brief (``is_brief``) a heading of LIST_HEADING_MAX_WORDS words
    announces the rows under it; a photo placed there leaves its caption between them. The
    heading is kept, ends no sentence and no ":" and is no row, a kept story sentence stands
    right above it; the line under it is a kept sentence of at most BRIEF_LINE_MAX_WORDS words;
    HEADING_ROWS_MIN lines under that read as rows, kept (or cut by a date rule: "Dance —
    18:00"). On the studied sets: 4 captions, no story line (a wiki's "Historia"
    over its timeline's opening sentence, an apiarist's section over its intro, both on pages
    of long paragraphs, are no brief's).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("W Woli Brzeskiej otwarto w piątek nową świetlicę wiejską.\\n"
    ...               "Budowa kosztowała 1,2 mln zł.\\n"
    ...               "Godziny otwarcia\\n"
    ...               "Sala główna nowej świetlicy, w której zmieści się 80 osób.\\n"
    ...               "Poniedziałek–piątek: 15:00–20:00\\n"
    ...               "Sobota: 10:00–14:00\\n")
    >>> mark_captions_under_list_headings(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, 'story.brief_caption', None, None, None]
    """
    rule = ctx.marks.rule
    if keeps_a_long_line(ctx):
        return  # (no brief: the count below says so too)
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    if len(kept) < 4 or not is_brief(ctx.stats.n_words[kept]):
        return
    nonblank = (~ctx.blank).nonzero()[0].tolist()
    kept = kept.tolist()
    for k in range(1, len(kept) - 1):
        above, h, i = kept[k - 1], kept[k], kept[k + 1]
        if not (shape.n_words(h) <= LIST_HEADING_MAX_WORDS and _open_line(ctx, shape, h)
                and not _row_like(ctx, shape, h)):
            continue
        # (right under the story's sentence: a dash list's row, "Martes — Baile", is no heading)
        if not (shape.ends_sentence(above) and shape.n_words(above) >= BRIEF_SENTENCE_MIN_WORDS):
            continue
        if not (shape.ends_sentence(i) and not _is_row(ctx.lines.content, shape, i)):
            continue
        at = nonblank.index(i)
        rows = nonblank[at + 1:at + 1 + HEADING_ROWS_MIN]
        # (the rows kept, or cut by a date rule: "Dance — 18:00"; a share bar's "Compartir:
        # Facebook | X" is no row of the story's)
        if len(rows) == HEADING_ROWS_MIN and all(
                (rule[r] is None or rule[r].startswith("dates.")) and _row_like(ctx, shape, r) for r in rows):
            rule[i] = BRIEF_CAPTION_RULE
            return

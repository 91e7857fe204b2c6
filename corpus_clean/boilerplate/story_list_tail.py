"""The last rows of the story's announced list, and the sentence closing it, that the
classifier cut (round 21): a give-back step of ``story_body._give_back``.

A story that ends on a list ("Which stalls will open:" / "Fishmonger Gil Brothers" /
"Butcher La Zafrense" / "Fruit Mari" / "The others may join by the 10th." / share bar)
is read by the model as a story that fades into the page's furniture: it keeps the
list's first rows and cuts the rest, and the closing sentence with them.
``give_back_lists_closed_by_the_story`` gives a list back when a kept sentence closes it
or when the model cut all of it; this step gives back the tail it cut of a list whose
head it kept:

* the list is announced: a kept line ending in ":" of LIST_ANNOUNCE_MIN_WORDS+ words right
  under a kept sentence of the story (a teaser block's label says a word or two, and the
  model cuts it with its block);
* its first rows are kept, the rows after them the model cut, and each cut row has the
  kept rows' shape (``_alike``: a digit, a ":" inside, starting and ending in a letter or
  not; as many words as they have, give or take one; as many numbers as the first, none
  more than NUMBER_SLACK_DIGITS digit longer than their longest, ``_numbers_alike``): the
  share bar's "Share" under a list of titles in quotes, a teaser's "Top 10 gifts for 2026"
  under scores, are not alike;
* the story's closing sentence right under the rows (STORY_SENTENCE_MIN_WORDS+ words) the
  model cut comes back too when it names the story or the model's own score keeps it
  (``story_caption_cut``).
"""
from __future__ import annotations

import re
import unicodedata

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_caption_cut import STORY_SENTENCE_MIN_WORDS, _scored_under_the_threshold
from corpus_clean.boilerplate.story_inserts import LineShape, _name_keys, nonblank_neighbour
from corpus_clean.boilerplate.story_runs import LIST_ANNOUNCE_MIN_WORDS, _names_the_story, _row_kind

# The list's rows: this many at most.
LIST_MAX_ITEMS = 10
# A cut row has the kept rows' number of words, give or take this many.
ROW_WORDS_SLACK = 1
_NUMBER = re.compile(r"\d+")


def _is_row(shape: LineShape, content: list, j: int) -> bool:
    """A list's row: no paragraph, no story sentence, no ":" at the end."""
    return not (shape.is_paragraph(j) or content[j].rstrip().endswith((":", "："))
                or (shape.ends_sentence(j) and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS))


def _announces_under_the_story(ctx, shape: LineShape, a: int) -> bool:
    """Line `a` is a kept ":" line of LIST_ANNOUNCE_MIN_WORDS+ words right under a kept sentence."""
    rule, content = ctx.marks.rule, ctx.lines.content
    if rule[a] is not None or ctx.blank[a] or not content[a].rstrip().endswith((":", "：")) \
            or shape.n_words(a) < LIST_ANNOUNCE_MIN_WORDS:
        return False
    above = nonblank_neighbour(ctx, a, -1)
    return above is not None and rule[above] is None and shape.ends_sentence(above) \
        and shape.n_words(above) >= STORY_SENTENCE_MIN_WORDS


def _cut_tail(ctx, shape: LineShape, a: int) -> tuple[list[int], int | None]:
    """(the rows the model cut after the kept head of the list under line `a`, the line
    under the rows); no rows when the list has no kept head or a kept row after a cut one."""
    rule, content = ctx.marks.rule, ctx.lines.content
    kept: list[int] = []
    cut: list[int] = []
    j = nonblank_neighbour(ctx, a, 1)
    while j is not None and len(kept) + len(cut) < LIST_MAX_ITEMS and _is_row(shape, content, j):
        if rule[j] is None and not cut:
            kept.append(j)
        elif rule[j] == CLASSIFIER_RULE and kept and _alike(shape, content, kept, j):
            cut.append(j)
        else:
            break
        j = nonblank_neighbour(ctx, j, 1)
    if j is not None and rule[j] is None:
        return [], j  # (a kept line under the rows: ``give_back_lists_closed_by_the_story``'s)
    return cut, j


def _edges(line: str) -> tuple[bool, bool]:
    """Whether a row starts and ends in a letter or digit (a title in quotes does not; a
    letter's combining mark counts as the letter: "kui\u0331").

    >>> _edges("\u201eGruba\u201d"), _edges("Ji ki kui\u0331")
    ((False, False), (True, True))
    """
    text = line.strip()
    while text and unicodedata.category(text[-1]).startswith("M"):
        text = text[:-1]
    return text[:1].isalnum(), text[-1:].isalnum()


def _alike(shape: LineShape, content: list, kept: list[int], j: int) -> bool:
    """Cut row `j` has the shape of the `kept` rows: a digit, a ":" inside, its edges
    (``_edges``), and as many words, give or take ROW_WORDS_SLACK.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("\u201eGruba\u201d\\n\u201eNasz Bytom\u201d\\nShare\\nFruit Mari")
    >>> shape = LineShape(ctx.stats)
    >>> [_alike(shape, ctx.lines.content, [0], j) for j in (1, 2)], _alike(shape, ctx.lines.content, [2], 3)
    ([True, False], True)
    """
    words = [shape.n_words(k) for k in kept]
    first = content[kept[0]]
    return _row_kind(content[j]) == _row_kind(first) and _edges(content[j]) == _edges(first) and \
        min(words) - ROW_WORDS_SLACK <= shape.n_words(j) <= max(words) + ROW_WORDS_SLACK and \
        _numbers_alike([content[k] for k in kept], content[j])


# A cut row's numbers may be this many digits longer than the kept rows' longest (kept "9",
# then a cut "12" as a table goes on counting); a year under one-digit scores is three digits
# longer, so a teaser's "Top 10 gifts for 2026" is no row (round 27).
NUMBER_SLACK_DIGITS = 1


def _numbers_alike(rows: list[str], line: str) -> bool:
    """`line` holds as many numbers as the first of `rows`, none more than NUMBER_SLACK_DIGITS
    digits longer than their longest (a headline's year is no score: "Top 10 gifts for 2026"
    under "Cranmoor 0 Ashby Vale 0").

    >>> _numbers_alike(["Beckford 1 Hartley Town 2"], "Elston 3 Linwood 1"), \\
    ...     _numbers_alike(["Beckford 1 Hartley Town 2"], "Top 10 gifts for 2026")
    (True, False)
    """
    mine = [len(n) for n in _NUMBER.findall(line)]
    first = _NUMBER.findall(rows[0])
    longest = max((len(n) for row in rows for n in _NUMBER.findall(row)), default=0)
    return len(mine) == len(first) and max(mine, default=0) <= longest + NUMBER_SLACK_DIGITS


def give_back_the_tail_of_an_announced_list(ctx, shape: LineShape) -> None:
    """Give back the rows the model cut after the kept head of the story's announced list,
    and the closing sentence under them (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The market opens on Sundays in December for the first time, the council said.\\n"
    ...               "Which stalls will open:\\nFishmonger Gil Brothers\\nButcher La Zafrense\\nFruit Mari\\n"
    ...               "The other stalls of the market may open in December too.\\nShare on Facebook\\n")
    >>> ctx.marks.rule[3:7] = ["classifier"] * 4
    >>> give_back_the_tail_of_an_announced_list(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None, None, 'classifier', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    last = ctx.stats.last_char
    colon = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    for a in colon:
        if not _announces_under_the_story(ctx, shape, a):
            continue
        cut, j = _cut_tail(ctx, shape, a)
        if not cut:
            continue
        for k in cut:
            rule[k] = None
        if j is not None and rule[j] == CLASSIFIER_RULE and shape.ends_sentence(j) \
                and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS:
            scores = _scored_under_the_threshold(ctx)
            keys = set().union(*(_name_keys(content[k]) for k in range(a) if rule[k] is None and not ctx.blank[k]))
            if (scores is not None and scores[j]) or _names_the_story(keys, content[j]):
                rule[j] = None

"""A line a date rule cut between kept lines that start the way it starts is an entry of
the story's own list (round 23): a give-back step of ``story_body._give_back``.

A live blog ("16:00 – Shahkot draw level." / "15:50 – Half time: Nurpur 20, Shahkot 19" /
"15:35 – The stadium is full."), a festival's programme ("19.00 uur – Fanfare" / "20.30 uur
– De Polderband" / "22.00 uur – DJ Mira") or a match report's minutes are runs of lines
that each open with a time. A date rule reads the entry that carries no sentence of its
own as the page's date line and cuts it; ``give_back_dates_between_kept_lines`` gives such
a line back only under a kept line that is no paragraph and under a story sentence seen
earlier, so a live blog's entry between two paragraph-long entries, or a programme under
a ":" line, stays cut.

The entry's start says what it is: a line a date rule cut whose start (``entry_start``: a
number or a time, the digits read as one, and the next sign or word) is the start of the
kept line right above it AND of the kept line right below it is one more entry of their
list. A page's date line stands under its headline or byline, next to lines that start
otherwise; a teaser's or a comment's date stands among other cut lines. Runs of such cut
lines (at most ENTRY_RUN_MAX) come back together.

A Q&A's answer is a date as often as a sentence ("Fino a quando?" / "31 dicembre 2027."):
a line a date rule cut that ends a sentence, right under a kept question of the story (a
line ending in a question mark, with a kept sentence of the story above it), is the
question's answer (``give_back_answers_to_kept_questions``). A page's date line stands
under its headline, not under a question the story asks; a comment's date under the
question of the comment above it ends no sentence ("3 декабря"), and the readers' comments
are still kept when this step runs. Page structure only: no word is read.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.story_inserts import nonblank_neighbour

# A question ends in one of these (Latin, full-width, Arabic, Armenian question marks).
QUESTION_MARKS = ("?", "\uff1f", "\u061f", "\u055e")
# A date answering a question: this many words at most (as ``story_body.DATE_MAX_WORDS``).
ANSWER_MAX_WORDS = 8
# The story's sentence above the question: this many words at least.
STORY_SENTENCE_MIN_WORDS = 5
# The cut entries between two kept ones that come back together: this many at most.
ENTRY_RUN_MAX = 3
# A number or a time ("16:00", "20.30", "9h15", "81'") and the first sign or letter after it.
_ENTRY_START = re.compile(r"\s*(\d{1,4}(?:[:.h']\d{1,2})*)\s*(\S)")
_DIGITS = re.compile(r"\d+")


def entry_start(line: str) -> tuple[str, str] | None:
    """The start of a list's entry: its number or time with each run of digits read as one
    digit, and the sign after it (a letter stands as "a"); None when the line opens with
    no number.

    >>> entry_start("15:50 – Half time"), entry_start("9:30 – Kick-off"), entry_start("20.30 uur – Band")
    (('9:9', '–'), ('9:9', '–'), ('9.9', 'a'))
    >>> entry_start("Friday — Aiwo") is None, entry_start("2026 was a dry year.")
    (True, ('9', 'a'))
    """
    m = _ENTRY_START.match(line)
    if m is None:
        return None
    after = m.group(2)
    return _DIGITS.sub("9", m.group(1)), "a" if after.isalpha() else after


def give_back_entries_between_alike_entries(ctx, shape, cut_by: frozenset) -> None:
    """Give back the lines one of `cut_by` (the date rules) cut between two kept lines that
    start as they do (see the module's docstring; `shape`: ``story_body.BodyShape``, whose
    ``cut_by`` finds the cut lines holding a digit in one pass).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_body import BodyShape
    >>> ctx = Context("Updated 16:48\\n16:00 – Shahkot draw level with two tackles in a row.\\n"
    ...               "15:50 – Half time: Nurpur 20, Shahkot 19\\n15:35 – The stadium is full, our reporter says.\\n"
    ...               "Posted 3 December\\nMore news\\n")
    >>> ctx.marks.rule[0] = ctx.marks.rule[2] = ctx.marks.rule[4] = "dates.date_line"
    >>> give_back_entries_between_alike_entries(ctx, BodyShape(ctx), frozenset({"dates.date_line"}))
    >>> ctx.marks.rule[:5]
    ['dates.date_line', None, None, None, 'dates.date_line']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    done = -1
    for i in shape.cut_by(ctx, cut_by, ctx.stats.n_digit > 0):
        if i <= done:
            continue
        start = entry_start(content[i])
        above = nonblank_neighbour(ctx, i, -1)
        if start is None or above is None or rule[above] is not None or entry_start(content[above]) != start:
            continue
        run, j = [i], nonblank_neighbour(ctx, i, 1)
        while j is not None and rule[j] in cut_by and len(run) < ENTRY_RUN_MAX and entry_start(content[j]) == start:
            run.append(j)
            j = nonblank_neighbour(ctx, j, 1)
        done = run[-1]
        if j is not None and rule[j] is None and entry_start(content[j]) == start:
            for k in run:
                rule[k] = None


def give_back_answers_to_kept_questions(ctx, shape, cut_by: frozenset) -> None:
    """Give back a line one of `cut_by` (the date rules) cut right under a kept question of
    the story (see the module's docstring; `shape`: ``story_body.BodyShape``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_body import BodyShape
    >>> ctx = Context("Bonus casa 2027\\n3 dicembre 2026\\nIl governo ha confermato il bonus anche per il prossimo anno.\\n"
    ...               "Fino a quando?\\n31 dicembre 2027.\\n")
    >>> ctx.marks.rule[1] = ctx.marks.rule[4] = "dates.date_line"
    >>> give_back_answers_to_kept_questions(ctx, BodyShape(ctx), frozenset({"dates.date_line"}))
    >>> ctx.marks.rule
    [None, 'dates.date_line', None, None, None, None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    for i in shape.cut_by(ctx, cut_by, ctx.stats.n_words <= ANSWER_MAX_WORDS):
        q = nonblank_neighbour(ctx, i, -1)
        if not shape.ends_sentence(i) or q is None or rule[q] is not None \
                or not content[q].rstrip().endswith(QUESTION_MARKS):
            continue
        if any(rule[k] is None and not ctx.blank[k] and shape.ends_sentence(k)
               and shape.n_words(k) >= STORY_SENTENCE_MIN_WORDS for k in range(q)):
            rule[i] = None

"""The answer the classifier cut under a kept question of an interview (round 26): a
give-back step of ``story_body._give_back``.

An interview or a Q&A told in short lines ("Kummt die Vendu widder?" / "Ja, im Oktower.")
ends in a short answer over the share bar, and the model reads that answer as the bar's
first line. The page tells it: the answer stands right under a kept question, on a page
whose story is told in questions and answers (QA_MIN_PAIRS+ other kept questions, each
with a kept answer under it).

* **the answer**: a line the classifier cut that states a sentence (a stop at its end,
  ``story_openings.states_a_sentence``);
* **the question**: the non-blank line right above it, kept, ending in a question mark;
* **the interview**: QA_MIN_PAIRS+ other kept questions on the page with a kept line
  right under them that asks nothing.

No wording: sentence ends and the page's structure.
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.features import CodeSet, page_rows
from corpus_clean.boilerplate.story_inserts import nonblank_neighbour
from corpus_clean.boilerplate.story_openings import states_a_sentence

# Other kept question-and-answer pairs on the page: this many at least.
QA_MIN_PAIRS = 2
_QUESTION_MARKS = ("?", "？", "؟")
_QUESTION_CODES = [ord(c) for c in _QUESTION_MARKS]


# What may close a question after its mark: a quote, a bracket.
_CLOSINGS = "»«\"'”“’›」』)）"
_CLOSING_CODES = [ord(c) for c in _CLOSINGS]
_QUESTION_END_CODES = CodeSet(_QUESTION_CODES + _CLOSING_CODES)


def _asks(line: str) -> bool:
    """`line` ends in a question mark (of its script), maybe inside quotes.

    >>> _asks("Kummt die Vendu widder?"), _asks("Ja, im Oktower."), _asks('"Will it come back?"'), _asks("„Kommt sie wieder?“")
    (True, False, True, True)
    """
    return line.rstrip().rstrip(_CLOSINGS).endswith(_QUESTION_MARKS)


def _kept_pairs(ctx) -> int:
    """The kept questions with a kept line right under them that asks nothing."""
    rule, content, n = ctx.marks.rule, ctx.lines.content, 0
    for i in range(ctx.lines.n_lines):
        if rule[i] is None and not ctx.blank[i] and _asks(content[i]):
            j = nonblank_neighbour(ctx, i, 1)
            n += j is not None and rule[j] is None and not _asks(content[j])
    return n


def question_end_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: its last character is a question mark or a closing quote or bracket (a
    line ``_asks`` may read as a question). (`blank`, `last_rows`: unread, as
    ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> question_end_lines(Context("Will it come back?\\nYes, in October.\\n«Soon?»").stats).tolist()
    [True, False, True]
    """
    return _QUESTION_END_CODES.of(stats.last_char)


def give_back_answers_under_kept_questions(ctx) -> None:
    """Give back the answers the classifier cut under kept questions of an interview (see
    the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Who made it?\\nThree sisters from Blue Hill.\\nWhat was the price?\\n"
    ...               "A sunflower quilt, for 3,200 dollars.\\nWill it come back?\\nYes, in October.\\nShare it\\n"
    ...               "Like it?\\nRead more.")
    >>> ctx.marks.rule[5:9] = ["classifier"] * 4
    >>> give_back_answers_under_kept_questions(ctx)
    >>> ctx.marks.rule[5:9]
    [None, 'classifier', 'classifier', 'classifier']

    A question in quotes is one too:

    >>> ctx = Context(ctx.text.replace("Will it come back?", "«Will it come back?»"))
    >>> ctx.marks.rule[5:9] = ["classifier"] * 4
    >>> give_back_answers_under_kept_questions(ctx); ctx.marks.rule[5] is None
    True
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    # (the kept questions first: a few lines of a page end in a question mark, or in a
    # quote or bracket after one, listed for the whole batch at once: ``question_end_lines``;
    # ``_asks`` reads those)
    questions = [q for q in page_rows(ctx, "question_end_rows", question_end_lines)
                 if rule[q] is None and _asks(content[q])]
    answers = [i for q in questions if (i := nonblank_neighbour(ctx, q, 1)) is not None
               and rule[i] == CLASSIFIER_RULE and states_a_sentence(content[i]) and not _asks(content[i])]
    if not answers:
        return
    pairs = _kept_pairs(ctx)
    if pairs < QA_MIN_PAIRS:
        return
    for i in answers:
        rule[i] = None

"""A story told as a numbered list keeps its last item and its group headings: a
give-back step of the classifier (``classifier.mark_by_classifier_many`` calls it on each
page it read).

Listicles ("1. Der Hohe Kamm" ... "5. Der Waldsee") and results tables ("Men", "1. Tomas
Reed, 2:21:14" ... "Women", "1. Hanna Berg, ...") are stories of short lines. The
classifier keeps their runs but cuts the edges where the page's furniture starts: the
last item (it sits right above the share bar) or a group heading between two runs (a
lone short word, like a menu's). Their place in the list's numbering says what they are:

* a cut item numbered n + 1 under the kept item n comes back, with the sentences right
  under it that the classifier cut too (the item's description) -- at most
  ITEM_BODY_MAX_LINES of them;
* a cut short line (GROUP_HEADING_MAX_WORDS words or fewer, ending no sentence) between a
  kept item and a kept item "1." comes back: a heading whose group starts the numbering
  again.

No wording: numbers and positions only.
"""
from __future__ import annotations

import re

import numpy as np

from corpus_clean.boilerplate.features import DIGIT, SENT_END

# "1. ", "2) ", "10. " at the start of a line: a numbered list's item.
_ITEM = re.compile(r"\s*(\d{1,2})[.)]\s+\S")
# Below this many numbered lines a page has no list to speak of.
MIN_ITEMS = 3
ITEM_BODY_MAX_LINES = 2
GROUP_HEADING_MAX_WORDS = 4


def item_number(line: str) -> int | None:
    """The item's number when `line` opens a numbered list's item.

    >>> item_number("5. Der Waldsee"), item_number("2) Ade Okafor, 2:22:03"), item_number("2026 was a dry year.")
    (5, 2, None)
    """
    m = _ITEM.match(line)
    return int(m.group(1)) if m else None


def _kept_item_above(ctx, i: int) -> int | None:
    """The number of the kept item right above line `i` (across at most its
    ITEM_BODY_MAX_LINES kept lines of description), or None."""
    rule = ctx.marks.rule
    j = i - 1
    for _ in range(ITEM_BODY_MAX_LINES + 1):
        while j >= 0 and ctx.blank[j]:
            j -= 1
        if j < 0 or rule[j] is not None:
            return None
        number = item_number(ctx.lines.content[j])
        if number is not None:
            return number
        j -= 1
    return None


def _nonblank_below(ctx, i: int) -> int | None:
    j = i + 1
    while j < ctx.lines.n_lines and ctx.blank[j]:
        j += 1
    return j if j < ctx.lines.n_lines else None


def _give_back_item_body(ctx, item: int, cut_by: str) -> None:
    """The cut sentences right under a given-back item (its description)."""
    rule = ctx.marks.rule
    j = item
    for _ in range(ITEM_BODY_MAX_LINES):
        j = _nonblank_below(ctx, j)
        if j is None or rule[j] != cut_by or not ctx.stats.last_class[j] & SENT_END:
            return
        if item_number(ctx.lines.content[j]) is not None:
            return
        rule[j] = None


def give_back_list_lines(ctx, cut_by: str) -> None:
    """Give back a numbered list's last item and its group headings that the classifier
    cut (its mark is `cut_by`); see the module's docstring.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("1. Tomas Reed, 2:21:14\\n2. Ade Okafor, 2:22:03\\nWomen\\n1. Hanna Berg, 2:38:55\\n"
    ...               "2. Joy Mensah, 2:40:12\\n3. Ewa Nowak, 2:41:30\\nShare\\n")
    >>> ctx.marks.rule[2] = ctx.marks.rule[5] = ctx.marks.rule[6] = "classifier"
    >>> give_back_list_lines(ctx, "classifier")
    >>> ctx.marks.rule
    [None, None, None, None, None, None, 'classifier', None]
    """
    s = ctx.stats
    if np.count_nonzero(s.first_class & DIGIT) < MIN_ITEMS:  # (most pages: settled here)
        return
    rule = ctx.marks.rule
    content = ctx.lines.content
    for i in range(ctx.lines.n_lines):
        if rule[i] != cut_by:
            continue
        number_above = _kept_item_above(ctx, i)
        if number_above is None:
            continue
        number = item_number(content[i])
        if number == number_above + 1:
            rule[i] = None
            _give_back_item_body(ctx, i, cut_by)
        elif number is None and s.n_words[i] <= GROUP_HEADING_MAX_WORDS and not s.last_class[i] & SENT_END:
            below = _nonblank_below(ctx, i)
            if below is not None and rule[below] is None and item_number(content[below]) == 1:
                rule[i] = None

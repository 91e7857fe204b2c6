"""A dated row of the story's list that a date rule cut next to kept rows of its shape
(round 26): a give-back step of ``story_body._give_back``.

A live blog's entries ("16:00 – Shahkot level the score" / "15:50 – Half time: 20-19"), a
programme ("19.00 uur – Fanfare Eendracht"), a club's dates ("14. Dezember:
Wienaachtsmoarkt" / "11. Januar: Boßeln") open with a time or a date, and a date rule cuts
the short ones as a page's dateline. ``story_body.give_back_dates_between_kept_lines`` gives
back a date between kept short lines under the story's sentence; a row under a long kept
entry, or the list's last row over the share bar, stays cut. Here:

* **the row**: a line a date rule cut whose first word holds a digit, with words after it
  (a separator and a text: no bare date);
* **its kept neighbour**: right above or under it, a kept line that opens the same way
  (``row_key``: the first word's shape, digits as 9, and the first separator after it),
  itself inside the story: the line on its far side is kept too;

then the row comes back, and the cut rows of its key beyond it. A dateline stands once,
under the headline; no kept line of its shape stands beside it.
"""
from __future__ import annotations

import re

_SEPARATORS = "–—-:|·"
_DIGITS = re.compile(r"\d+")


def row_key(line: str) -> tuple[str, str] | None:
    """How a dated row opens: its first word with every run of digits as "9" ("9h00" and
    "12h00" alike), and the first separator after it; None when the first word holds no
    digit or no separator follows.

    >>> row_key("16:00 – Shahkot level the score"), row_key("14. Dezember: Markt"), row_key("12 February 2025")
    (('9:9', '–'), ('9.', ':'), None)
    """
    words = line.split(maxsplit=1)
    if len(words) < 2 or not _DIGITS.search(words[0]):
        return None
    separator = next((c for c in words[1] if c in _SEPARATORS), None)
    if separator is None:
        return None
    return _DIGITS.sub("9", words[0]).rstrip(_SEPARATORS), separator


def give_back_dated_rows_like_kept_rows(ctx, date_rules: frozenset) -> None:
    """Give back the rows a date rule (`date_rules`) cut next to kept rows of their shape
    inside the story (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Live\\n16:12 – A raid brings three points, and the crowd is on its feet.\\n"
    ...               "16:00 – Shahkot score twice in a row to close the gap.\\n15:50 – Half time: 20-19\\n"
    ...               "Share\\n2 December 2026, 15:50")
    >>> ctx.marks.rule[0] = "news.headline"; ctx.marks.rule[3] = ctx.marks.rule[5] = "dates.date_line"
    >>> ctx.marks.rule[4] = "social.share_bar"
    >>> give_back_dated_rows_like_kept_rows(ctx, frozenset({"dates.date_line"}))
    >>> ctx.marks.rule
    ['news.headline', None, None, None, 'social.share_bar', 'dates.date_line']
    """
    from corpus_clean.boilerplate.story_inserts import nonblank_neighbour

    rule, content = ctx.marks.rule, ctx.lines.content
    for i in [k for k, r in enumerate(rule) if r in date_rules]:
        key = row_key(content[i])
        if rule[i] not in date_rules or key is None:
            continue
        for step in (-1, 1):
            a = nonblank_neighbour(ctx, i, step)
            if a is None or rule[a] is not None or row_key(content[a]) != key:
                continue
            far = nonblank_neighbour(ctx, a, step)
            if far is None or rule[far] is not None:
                continue  # (the kept row stands at the edge of the kept text: a teaser the model kept)
            j = i
            while j is not None and rule[j] in date_rules and row_key(content[j]) == key:
                rule[j] = None
                j = nonblank_neighbour(ctx, j, -step)
            break

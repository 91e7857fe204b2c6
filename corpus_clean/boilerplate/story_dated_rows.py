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

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE

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
    for i in [k for k in np.flatnonzero(ctx.stats.n_digit).tolist() if rule[k] in date_rules]:  # (a row holds a digit)
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


# The story's last dated list: this many rows (a lone date under a ":" line is the page's
# "Published ..." under an announcement whose embedded posts the text lost), each of at
# most ROW_MAX_WORDS words.
LAST_LIST_MIN_ROWS = 2
LAST_LIST_MAX_ROWS = 8
ROW_MAX_WORDS = 12


def _is_row(line: str) -> bool:
    """A dated row of a list: 2..ROW_MAX_WORDS words, a digit and a word with a letter (a
    count's bare "717", a date alone are none).

    >>> [_is_row(x) for x in ("9h00 — Ceremonia", "717", "12 February 2025", "12.12.2026")]
    [True, False, True, False]
    """
    words = line.split()
    return 2 <= len(words) <= ROW_MAX_WORDS and bool(_DIGITS.search(line)) and any(
        any(c.isalpha() for c in w) for w in words)


def _story_words(ctx, label: int) -> set[str]:
    """The word keys (``story_openings.word_keys``) of the kept lines above line `label`."""
    from corpus_clean.boilerplate.story_openings import word_keys

    rule, content = ctx.marks.rule, ctx.lines.content
    keys: set[str] = set()
    for k in range(label):
        if rule[k] is None and not ctx.blank[k]:
            keys |= word_keys(content[k])
    return keys


def _site_lines(ctx) -> list[str]:
    """The lines a rule cut as the site's furniture (casefolded): not the model's cuts, not
    the headline's, not a caption's or a credit's (those name the story)."""
    from corpus_clean.boilerplate.story_body import _insert_or_credit

    return [ctx.lines.content[j].casefold() for j, r in enumerate(ctx.marks.rule)
            if r is not None and r != CLASSIFIER_RULE and "headline" not in r and not _insert_or_credit(r)]


def give_back_dated_last_lists(ctx, date_rules: frozenset) -> None:
    """Give back the story's last list of dated rows under its ":" label: right under a kept
    line, a ":" line the classifier cut, then LAST_LIST_MIN_ROWS..LAST_LIST_MAX_ROWS rows (a digit, at most
    ROW_MAX_WORDS words, ``_is_row``) a date rule cut ("Fiesta:" / "9h00 — Ceremonia" / "12h00 — Comida"),
    when the label names a word of the kept story above it that is no word of the site (a
    page's "Published:" over its date names nothing of the story). Label and rows come back.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Chigüilpe kasama fiesta, 5 diciembre.\\nTsachila 800 tenka.\\nFiesta:\\n"
    ...               "9h00 — Ceremonia\\n12h00 — Comida\\nCompartir: Facebook | X\\n"
    ...               "Publicado:\\n5 diciembre 2026")
    >>> ctx.marks.rule[2:8] = ["classifier", "dates.date_line", "dates.date_line", "nav.menu_bar",
    ...                        "classifier", "dates.date_line"]
    >>> give_back_dated_last_lists(ctx, frozenset({"dates.date_line"}))
    >>> ctx.marks.rule[2:8]
    [None, None, None, 'nav.menu_bar', 'classifier', 'dates.date_line']
    """
    from corpus_clean.boilerplate.story_inserts import nonblank_neighbour
    from corpus_clean.boilerplate.story_openings import word_keys
    from corpus_clean.boilerplate.story_echo import _is_site_word

    rule, content = ctx.marks.rule, ctx.lines.content
    last = ctx.stats.last_char
    labels = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    site = None
    for c in labels:
        if rule[c] != CLASSIFIER_RULE:
            continue
        above = nonblank_neighbour(ctx, c, -1)
        if above is None or rule[above] is not None:
            continue
        rows, j = [], nonblank_neighbour(ctx, c, 1)
        while j is not None and rule[j] in date_rules and _is_row(content[j]) and len(rows) <= LAST_LIST_MAX_ROWS:
            rows.append(j)
            j = nonblank_neighbour(ctx, j, 1)
        if not LAST_LIST_MIN_ROWS <= len(rows) <= LAST_LIST_MAX_ROWS:
            continue
        echoes = word_keys(content[c]) & _story_words(ctx, c)
        if not echoes:
            continue
        if site is None:
            site = _site_lines(ctx)
        if any(not _is_site_word(key, site) for key in echoes):
            for k in [c] + rows:
                rule[k] = None

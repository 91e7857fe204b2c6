"""A run the menu rule cut whose rows count up and name the story (round 27): a give-back
step of ``story_body._give_back``.

A story may end on a list whose rows open with a number that counts up: a podcast's
chapters ("00:00 Hudut" / "04:12 Ruben Martínez" / "17:30 Dangriga"), a league's table
("1. Shinaz — 12" / "2. Ikhrek — 9"), a day's programme. ``nav.menu_run`` cuts such a run
as a menu, and no kept line under it tells ``story_runs`` that the story goes on. Two
things tell it from a menu or a sidebar's list:

* **where**: right under the story (a kept line that ends a sentence), across at most
  ABOVE_MAX_CUTS short lines the classifier cut (a caption, the list's ":" label: "Table:");
  a sidebar's list stands under its heading, which a rule cuts ("Most read");
* **what**: after at most one heading line with no number ("Chapters"), ROWS_MIN+ rows,
  each opening with a number (a time "04:12", "1:02:03", or a rank "2.", "3)") larger
  than the one above it, and more than half of them naming what the story's kept
  sentences name (``story_runs._names_the_story``: a capitalised word of the story).
  A menu's items open with no number; a "latest news" list counts its times down.

The run comes back, with the ":" label right over it; a caption between stays cut.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_inserts import nonblank_neighbour
from corpus_clean.boilerplate.story_runs import MENU_RULE, _names_the_story, story_keys

if TYPE_CHECKING:
    from corpus_clean.boilerplate.story_body import BodyShape  # (story_body imports this module)

# Rows that count up: this many at least.
ROWS_MIN = 2
# Short lines the classifier cut between the story and the run: this many at most.
ABOVE_MAX_CUTS = 2
# Such a line (a caption, a label): this many words at most.
ABOVE_MAX_WORDS = 12
# A row's number: a time ("04:12", "1:02:03") or a rank ("2.", "3)") before the row's text.
_NUMBER = re.compile(r"\s*(\d{1,3}(?::\d\d){1,2}|\d{1,3}[.)])\s+\S")


def row_number(line: str) -> int | None:
    """The number a row opens with (a time in seconds, or a rank), or None.

    >>> [row_number(s) for s in ("04:12 Ruben Martínez", "1:02:03 Outro", "2. Ихрек — 9", "2026 was a year", "Home")]
    [252, 3723, 2, None, None]
    """
    found = _NUMBER.match(line)
    if found is None:
        return None
    number = found.group(1).rstrip(".)")
    value = 0
    for part in number.split(":"):
        value = value * 60 + int(part)
    return value


def _counts_up(numbers: list[int | None]) -> bool:
    return all(a is not None and b is not None and a < b for a, b in zip(numbers, numbers[1:]))


def _story_above(ctx, shape: "BodyShape", start: int) -> tuple[int | None, list[int]]:
    """(the kept line that ends a sentence right above the run starting at `start`, the
    classifier's short cuts between: at most ABOVE_MAX_CUTS); (None, []) when the story is
    not there."""
    rule = ctx.marks.rule
    between, j = [], nonblank_neighbour(ctx, start, -1)
    while j is not None and rule[j] == CLASSIFIER_RULE and shape.n_words(j) <= ABOVE_MAX_WORDS \
            and len(between) < ABOVE_MAX_CUTS:
        between.append(j)
        j = nonblank_neighbour(ctx, j, -1)
    if j is None or rule[j] is not None or not shape.ends_sentence(j):
        return None, []
    return j, between


def give_back_numbered_runs_naming_the_story(ctx, shape: "BodyShape") -> None:
    """Give back a menu run right under the story whose rows count up and name the story
    (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Ligia talks with Ruben Martínez about Dangriga and its drums.\\n"
    ...               "Chapters\\n00:00 Drums\\n04:12 Ruben Martínez\\n17:30 Dangriga\\nListen on Spotify\\n")
    >>> ctx.marks.rule[1:5] = [MENU_RULE] * 4; ctx.marks.rule[5] = "classifier"
    >>> from corpus_clean.boilerplate.story_inserts import LineShape
    >>> give_back_numbered_runs_naming_the_story(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None, 'classifier', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    done: set[int] = set()
    for i in [k for k, r in enumerate(rule) if r == MENU_RULE]:
        if i in done:
            continue
        run, j = [i], nonblank_neighbour(ctx, i, 1)
        while j is not None and rule[j] == MENU_RULE:
            run.append(j)
            j = nonblank_neighbour(ctx, j, 1)
        done.update(run)
        rows = run[1:] if row_number(content[run[0]]) is None else run
        numbers = [row_number(content[k]) for k in rows]
        if len(rows) < ROWS_MIN or not _counts_up(numbers):
            continue
        story, between = _story_above(ctx, shape, run[0])
        if story is None:
            continue
        # (short sentences too: a podcast's note "Ariñagua hamuti Ruben Martínez." names the guest in four)
        keys = story_keys(ctx, shape, story + 1, min_words=0)
        naming = sum(1 for k in rows if _names_the_story(keys, content[k]))
        if 2 * naming <= len(rows):
            continue
        label = between[0] if between and content[between[0]].rstrip().endswith((":", "：")) else None
        for k in run + ([label] if label is not None else []):
            rule[k] = None

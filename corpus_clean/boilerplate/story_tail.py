"""The page's tail under the story: a comment box found by its heading's shape, in any
language. A step of the classifier (``story_inserts.mark_story_inserts`` calls it on each
page the model read).

A comment box opens with its heading and its count in brackets: "Comments (74)",
"Kommentare (3)", "Okwu (4)", "Ibitekerezo (7)", "نظرونه (۳)", "网友评论（2）". The rule packs
know the word in some forty languages (``comments.heading_other_languages``); a language
they do not know writes the same shape. So a line of one to three words followed by a
number in brackets, and nothing else, opens the comment box (rule ``COMMENTS_RULE``) when

* the story stands above it: a story paragraph above it, and no more paragraphs below it
  than above (the lower part of the page, as the packs' ``section`` rules ask);
* it stands alone: neither non-blank neighbour has the same shape (a list of scorers
  "Haaland (2)", a sidebar's categories "Camping (3)" are series);

and every line below it to the page's end goes with it (the comments, their names and
dates, the "reply" buttons; the footer the other steps cut already).

No wording list: the shape in every script (digits of any script count, "۳" too).
"""
from __future__ import annotations

import re

import numpy as np

COMMENTS_RULE = "story.comment_box"
# One to three words (letters first; "Mga komento", "View Comments", "网友评论") and a
# count of up to four digits in brackets, full-width ones too, and nothing else.
COUNT_HEADING = re.compile(r"\s*(?:[^\W\d_][\w'’.-]*\s+){0,2}[^\W\d_][\w'’.-]*\s*[(（]\s*\d{1,4}\s*[)）]\s*")


def is_count_heading(line: str) -> bool:
    """`line` is a heading with its count in brackets, one to three words long.

    >>> [is_count_heading(t) for t in ("Okwu (4)", "网友评论（2）", "نظرونه (۳)", "View Comments (12)",
    ...     "The results of the vote (3)", "Haaland 2", "(12)", "Comments")]
    [True, True, True, True, False, False, False, False]
    """
    return COUNT_HEADING.fullmatch(line) is not None


def mark_comment_boxes(ctx) -> None:
    """Cut a comment box opened by a count heading, from the heading to the page's end
    (rule COMMENTS_RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The new bridge over the river opened on Saturday after two years of works.\\n"
    ...               "The mayor said the old one would be taken down in the spring next year.\\n"
    ...               "Okwu (4)\\nObi: Ọ dị mma nke ukwuu, anyị na-ekele gọọmentị maka ya.\\nZaghachi")
    >>> mark_comment_boxes(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.comment_box', 'story.comment_box', 'story.comment_box']
    """
    content = ctx.lines.content
    # (a cheap pass first: a heading ends in a bracket)
    last = ctx.stats.last_char
    ends = ((last == ord(")")) | (last == ord("）"))).nonzero()[0].tolist()
    candidates = [i for i in ends if is_count_heading(content[i])]
    if not candidates:
        return
    rule = ctx.marks.rule
    nonblank = (~ctx.blank).nonzero()[0]
    for i in candidates:
        if not (ctx.prose_before[i] >= 1 and ctx.prose_after[i] <= ctx.prose_before[i]):
            continue
        k = int(np.searchsorted(nonblank, i))
        neighbours = nonblank[max(0, k - 1):k].tolist() + nonblank[k + 1:k + 2].tolist()
        if any(is_count_heading(content[j]) for j in neighbours):
            continue  # (a series: a list of the story's, a sidebar's categories)
        for j in range(i, len(rule)):
            if rule[j] is None and not ctx.blank[j]:
                rule[j] = COMMENTS_RULE
        return

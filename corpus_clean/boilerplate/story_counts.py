"""A sidebar's counted list, flattened to text one word-label and one count per line (round 25):
a step of the classifier (``classifier.after_the_model`` runs it last).

A blog's category or archive widget prints each entry as a link and its post count in
brackets; flattened, the link and the count land on lines of their own:

    Travel
    (15)
    Recipes
    (47)
    Gardening
    (160)

The model reads each label as a short line like a story's subheading and each count as a
number, and keeps many of them beside the story. ``nav.menu_run`` does not see a menu here,
because the count lines break its run of capitalised words. What tells the widget is its
shape, in any language: COUNTED_LIST_MIN_ENTRIES+ entries in a row, each a short label (at
most LABEL_MAX_WORDS words, no sentence end) over a line that is only a number in brackets.
A story writes its counts beside their names ("Haaland (2)", one line per scorer): a count
alone on its line is markup's doing. The whole run is cut (rule COUNTED_LIST_RULE) on a page
that keeps STORY_MIN_PARAGRAPHS+ story paragraphs: a category page's categories are its content.

No wording: line shapes only.
"""
from __future__ import annotations

import re

import numpy as np

from corpus_clean.boilerplate.features import page_rows

COUNTED_LIST_RULE = "story.counted_list"
# Entries in a row that make a widget: a story's short list of counted things has fewer, and
# writes them beside their names.
COUNTED_LIST_MIN_ENTRIES = 6
LABEL_MAX_WORDS = 5
# Kept story paragraphs (``Context.prose``) that make the page a story's, the list furniture beside it.
STORY_MIN_PARAGRAPHS = 3
COUNT_LINE_MAX_CHARS = 64  # (a count line, with room for its indentation: longer lines skip the regex)
_COUNT_LINE = re.compile(r"\s*[(\[（【]\s*\d{1,7}\s*[)\]）】]\s*")
_SENTENCE_END = tuple(".!?:;。！？：")


def is_count_line(line: str) -> bool:
    """`line` is only a number in brackets: a widget's post count.

    >>> [is_count_line(t) for t in ("(15)", " [3] ", "（42）", "(15 posts)", "15", "(2019–2020)")]
    [True, True, True, False, False, False]
    """
    return _COUNT_LINE.fullmatch(line) is not None


def is_entry_label(line: str) -> bool:
    """`line` is a short label: 1 to LABEL_MAX_WORDS words, a letter among them, no sentence end.

    >>> [is_entry_label(t) for t in ("Gardening", "Dunia Islam", "家庭料理", "Read our policy.", "(3)", "2019")]
    [True, True, True, False, False, False]
    """
    text = line.strip()
    return (0 < len(text.split()) <= LABEL_MAX_WORDS and any(c.isalpha() for c in text)
            and not text.endswith(_SENTENCE_END) and not is_count_line(text))


# The code points a count line's last non-space character can be (``_COUNT_LINE``'s closing brackets).
_CLOSING_BRACKETS = np.array([ord(c) for c in ")]）】"], dtype=np.uint32)


def bracket_end_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: does it end in a closing bracket, by its counts alone (every count line
    does: the line counts' spaces hold every character ``re``'s ``\\s`` matches, so the
    last one they count is the bracket). (`blank`, `last_rows`: unread, as ``page_rows``
    and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.features import line_stats, split_lines
    >>> bracket_end_lines(line_stats(split_lines("Travel\\n(15)\\n【3】\\u3000\\nThe end."))).tolist()
    [False, True, True, False]
    """
    return np.isin(stats.last_char, _CLOSING_BRACKETS)


def _runs(content: list[str], blank) -> list[list[int]]:
    """The page's runs of non-blank lines that alternate label / count (either first), as
    lists of line indices.

    >>> _runs(["Story.", "A", "(1)", "B", "(2)", "", "C", "(3)", "Story."], [False] * 5 + [True] + [False] * 3)
    [[1, 2, 3, 4, 6, 7]]
    """
    runs, run, want = [], [], None  # (want: the kind the next line must be, "label" / "count")
    for i, line in enumerate(content):
        if blank[i]:
            continue
        kind = "count" if is_count_line(line) else "label" if is_entry_label(line) else None
        if kind is not None and (want is None or kind == want):
            run.append(i)
        else:
            if len(run) > 1:
                runs.append(run)
            run = [i] if kind is not None else []
        want = None if not run else ("label" if kind == "count" else "count")
    if len(run) > 1:
        runs.append(run)
    return runs


def mark_counted_lists(ctx) -> None:
    """Cut each run of COUNTED_LIST_MIN_ENTRIES+ label / count entries (rule COUNTED_LIST_RULE).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> widget = "\\n".join(f"{w}\\n({n})" for w, n in zip("Travel Recipes Gardening Music Books Film".split(), (3, 15, 7, 1, 22, 9)))
    >>> story = "The allotment opened on Saturday with forty plots, the council said in a statement.\\n" * 3
    >>> ctx = Context(story + widget)
    >>> mark_counted_lists(ctx); ctx.marks.rule.count(COUNTED_LIST_RULE)
    12
    >>> ctx = Context(widget)  # (a category page: the categories are its content)
    >>> mark_counted_lists(ctx); ctx.marks.rule.count(COUNTED_LIST_RULE)
    0
    >>> ctx = Context("The allotment opened on Saturday.\\nHaaland (2)\\nFoden (1)\\nSilva (1)")
    >>> mark_counted_lists(ctx); ctx.marks.rule.count(COUNTED_LIST_RULE)
    0
    """
    content, rule = ctx.lines.content, ctx.marks.rule
    # (most pages hold no count line at all: of the lines that end in a bracket, listed for
    # the whole batch at once, a length test first, then the regex)
    if sum(1 for i in page_rows(ctx, "bracket_end_rows", bracket_end_lines)
           if len(content[i]) <= COUNT_LINE_MAX_CHARS and is_count_line(content[i])) < COUNTED_LIST_MIN_ENTRIES:
        return
    # (beside a story: a shop's or a blog's category page, whose content is its categories
    # and their counts, keeps no story paragraph)
    if sum(1 for i, r in enumerate(rule) if r is None and ctx.prose[i]) < STORY_MIN_PARAGRAPHS:
        return
    for run in _runs(content, ctx.blank):
        if sum(is_count_line(content[i]) for i in run) < COUNTED_LIST_MIN_ENTRIES:
            continue
        for i in run:
            if rule[i] is None:
                rule[i] = COUNTED_LIST_RULE

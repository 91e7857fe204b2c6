"""A writer's box under the story (round 27): a step of the classifier
(``classifier.after_the_model`` runs it last).

Under many posts the site prints a box about the writer: a heading, the writer's name on a
line of its own, and a paragraph about them that names them again:

    About
    Moritz Bachmann
    As inbound sales manager, Moritz Bachmann links the online marketing team with sales.

The paragraph reads as prose, so the classifier keeps it with the name above it. The page's
byline may not name the writer (``author_bio`` needs it to), and the paragraph need not open
with the name ("Pulitzer Prize-winning journalist Michael Hiltzik writes ..."). What does not
change: the name stands alone on a short line (NAME_MIN_WORDS..NAME_MAX_WORDS capitalised
words, no sentence end), and the page's last kept paragraph, at most BOX_MAX_LINES lines
below it, holds the name word for word (no piece of a sentence between them: then the name
opens a sentence of the story broken at its links), on word boundaries ("Jan Nowak" is not in
"Jan Nowakowski"). A story's last section under a subheading that its paragraph names ("Hong
Kong" over "In Hong Kong, a similar plan ..."; a person's name over their quote) has that shape
too, so a second sign of a box is needed: a heading kept right above the name, a short line of
no sentence and no name ("About", "Über den Autor", "About the Author", ``_is_a_heading``), or a
line between the name and the paragraph (a link label, "instagram", "@mbachmann"; a job title,
"Senior Staff Writer"; a count, "5 articles"). The name line, the paragraph, the kept lines
between them and the heading are cut (rule NAME_BOX_RULE).

A story whose sections are people (a profile per person, a listicle of names) sets every
section so: the box goes only when the shape is the page's only one (``_name_sections``), under
STORY_MIN_PARAGRAPHS paragraphs of the story. No wording: line shapes only, any language.
"""
from __future__ import annotations

import re

import numpy as np

NAME_BOX_RULE = "story.name_box"
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 4
# (the name line, then a social link or two, then the paragraph)
BOX_MAX_LINES = 4
# A box closes a story: this many paragraphs above it.
STORY_MIN_PARAGRAPHS = 3
_SENTENCE_ENDS = (".", "!", "?", ":", ";", ",")


def is_a_name(line: str) -> bool:
    """Can `line` be a person's name alone on its line: NAME_MIN_WORDS..NAME_MAX_WORDS words,
    each opening with a capital letter, no sentence end?

    >>> [is_a_name(t) for t in ("Moritz Bachmann", "Carlos Nadalim", "Anna de la Cruz", "More from Business")]
    [True, True, False, False]
    >>> [is_a_name(t) for t in ("Michael", "Read More.", "Jean-Luc Picard")]
    [False, False, True]
    """
    words = line.split()
    return (NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS and not line.rstrip().endswith(_SENTENCE_ENDS)
            and all(w[0].isupper() and w[0].isalpha() for w in words))


def names(paragraph: str, name: str) -> bool:
    """Does `paragraph` hold `name` word for word, as whole words?

    >>> names("Jan Nowak covers the council.", "Jan Nowak"), names("Jan Nowakowski covers it.", "Jan Nowak")
    (True, False)
    """
    return re.search(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", paragraph) is not None


# A box's heading: this many words at most ("About the Author", "Über den Autor").
HEADING_MAX_WORDS = 3


def _is_a_heading(line: str) -> bool:
    """A box's heading over the name: 1..HEADING_MAX_WORDS words, no sentence's stop, no name
    (a name over the name is a list of names: a prize's winners).

    >>> [_is_a_heading(t) for t in ("About", "About the Author", "Über den Autor:", "Jan Kowal", "It rained.")]
    [True, True, True, False, False]
    """
    words = line.split()
    return 1 <= len(words) <= HEADING_MAX_WORDS and not line.rstrip().endswith((".", "!", "?")) and not is_a_name(line)


def _is_a_clause(line: str) -> bool:
    """A piece of a sentence broken over lines at its links: two words or more, opening in lower
    case or with a comma ("received three", ", you can order"); a one-word link label
    ("instagram") or a job title is none.

    >>> [_is_a_clause(t) for t in ("received three", ", you can order", "instagram", "Senior Staff Writer")]
    [True, True, False, False]
    """
    words = line.split()
    return len(words) >= 2 and (words[0][0].islower() or words[0][0] in ",;")


def _last_kept_prose(ctx) -> int | None:
    """The page's last prose line no step removed (a walk up the prose lines from the end)."""
    rule = ctx.marks.rule
    for i in np.flatnonzero(ctx.prose)[::-1].tolist():
        if rule[i] is None:
            return i
    return None


def _kept_above(ctx, i: int) -> list[int]:
    """The BOX_MAX_LINES kept non-blank lines right above line `i`, nearest first."""
    rule, blank = ctx.marks.rule, ctx.blank_list
    found = []
    for j in range(i - 1, -1, -1):
        if rule[j] is None and not blank[j]:
            found.append(j)
            if len(found) == BOX_MAX_LINES:
                break
    return found


def _kept(ctx) -> list[int]:
    rule, blank = ctx.marks.rule, ctx.blank_list
    return [i for i in range(len(rule)) if rule[i] is None and not blank[i]]


def _name_sections(ctx, kept: list[int]) -> list[tuple[int, int]]:
    """(name line, paragraph) of each kept name line with a kept paragraph at most BOX_MAX_LINES
    kept lines below it that names it word for word."""
    content, prose = ctx.lines.content, ctx.prose
    found = []
    for k, i in enumerate(kept):
        if not is_a_name(content[i]):
            continue
        for j in kept[k + 1:k + 1 + BOX_MAX_LINES]:
            if prose[j] and names(content[j], content[i]):
                found.append((i, j))
                break
            if _is_a_clause(content[j]):
                break  # (the name opens a sentence broken at its links: the story's)
    return found


def mark_name_box(ctx) -> None:
    """Cut the writer's box under the story (rule NAME_BOX_RULE): the page's last kept paragraph
    when a kept name line above it (``is_a_name``) is the page's only name over a paragraph that
    names it, under STORY_MIN_PARAGRAPHS paragraphs, with a heading above the name or a line
    between it and the paragraph.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> story = "".join(f"The council met on day {d} and voted again on the harbour plan, the mayor said.\\n" for d in range(4))
    >>> ctx = Context(story + "About\\nMoritz Bachmann\\n"
    ...               "As inbound sales manager, Moritz Bachmann links the online marketing team with the sales team.\\n")
    >>> mark_name_box(ctx)
    >>> ctx.marks.rule[3:7]
    [None, 'story.name_box', 'story.name_box', 'story.name_box']

    A page of profiles, a name over each: the last one is the story's.

    >>> ctx = Context(story + "Anna Wrona\\nAnna Wrona runs the ferry to the island and has done so for twenty years.\\n"
    ...               "Jan Kowal\\nJan Kowal sells fish on the pier every morning, winter and summer alike.\\n")
    >>> mark_name_box(ctx)
    >>> set(ctx.marks.rule)
    {None}

    A place over the story's last section, no heading and no link label: the story's.

    >>> ctx = Context(story + "Hong Kong\\nIn Hong Kong, a similar harbour plan was dropped last year after protests.\\n")
    >>> mark_name_box(ctx)
    >>> set(ctx.marks.rule)
    {None}
    """
    last_prose = _last_kept_prose(ctx)
    if last_prose is None or ctx.prose_before[last_prose] < STORY_MIN_PARAGRAPHS:
        return
    # (first the lines right above it, then the whole page only when a name stands there:
    # most pages stop here)
    rule, content = ctx.marks.rule, ctx.lines.content
    if not any(is_a_name(content[i]) and names(content[last_prose], content[i]) for i in _kept_above(ctx, last_prose)):
        return
    kept = _kept(ctx)
    sections = _name_sections(ctx, kept)
    if len(sections) != 1 or sections[0][1] != last_prose:
        return
    name, paragraph = sections[0]
    k, end = kept.index(name), kept.index(paragraph)
    heading = kept[k - 1] if k > 0 and _is_a_heading(content[kept[k - 1]]) and kept[k - 1] >= name - 2 else None
    # (a line between them: a link label, a job title; ``_name_sections`` stops at a clause)
    if heading is None and end == k + 1:
        return  # (a subheading over the story's last section: "Hong Kong" over "In Hong Kong, ...")
    for i in ([heading] if heading is not None else []) + kept[k:end + 1]:
        rule[i] = NAME_BOX_RULE

"""An author's bio under the story, found by the page's own byline: a step of the
classifier (``classifier.mark_by_classifier_many`` calls it on each page it read).

Under many stories the outlet prints a sentence about its writer ("Greg Sandoval is a
reporter covering public safety ...", "Katrin Albers ist Redakteurin im Lokalressort
..."). It reads as prose, so the classifier keeps it, and its wording changes with every
outlet and language. What does not change: it opens with the name the page's byline
gave, and it is the last line the page keeps. So the page's last kept line is cut (rule
``story.author_bio``) when

* STORY_MIN_PARAGRAPHS+ paragraphs stand above it;
* its first two words start no lower-case word (a name: "Greg Sandoval", or a script
  without case) and
* those two words stand in a short line near the top that a step removed (the byline,
  BYLINE_MAX_WORDS words at most, among the first HEAD_LINES lines), not in the title.

Round 9 searched every head line of every page for each kept line's name (5-9 % of the
boilerplate step); here one line per page is looked at and the head searched only when
that line opens with a name-like pair of words.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.engine import HEADLINE_RULE

RULE = "story.author_bio"
# The byline sits among the page's first lines, on a short line of its own.
HEAD_LINES = 15
BYLINE_MAX_WORDS = 8
# A bio closes a story: paragraphs above it (a one-paragraph page is all story).
STORY_MIN_PARAGRAPHS = 2


def _last_kept_line(ctx) -> int | None:
    rule = ctx.marks.rule
    for i in range(len(rule) - 1, -1, -1):
        if rule[i] is None and not ctx.blank[i]:
            return i
    return None


def opening_name(line: str) -> str | None:
    """The line's first two words when they can be a name (no lower-case start), else None.

    >>> opening_name("Greg Sandoval is a reporter covering public safety.")
    'Greg Sandoval'
    >>> opening_name("The cause of the fire is under investigation.") is None
    True
    """
    words = line.split(maxsplit=2)
    if len(words) < 3 or any(w[0].islower() or not w[0].isalpha() for w in words[:2]):
        return None
    return f"{words[0]} {words[1]}"


def in_the_byline(ctx, name: str, before: int) -> bool:
    """Whether `name` stands in a removed short head line above line `before` that is
    not the title."""
    rule = ctx.marks.rule
    n_words = ctx.stats.n_words
    content = ctx.lines.content
    for j in range(min(HEAD_LINES, before)):
        if rule[j] is not None and rule[j] != HEADLINE_RULE and n_words[j] <= BYLINE_MAX_WORDS and name in content[j]:
            return True
    return False


def mark_author_bio(ctx) -> None:
    """Cut the page's last kept line when it opens with the byline's name (rule RULE);
    else the "about us" box the footer names (``mark_about_box``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("By Greg Sandoval\\n"
    ...               "A fire destroyed a barn on the Hollister farm late on Tuesday night, firefighters said.\\n"
    ...               "The family's sixty cows had been moved to the parlor for the night and none were hurt.\\n"
    ...               "Greg Sandoval is a reporter covering public safety for the Courier.\\n"
    ...               "© 2026 The Courier\\n")
    >>> ctx.marks.rule[0] = "news.byline"; ctx.marks.rule[4] = "footer.copyright"
    >>> mark_author_bio(ctx)
    >>> ctx.marks.rule[3]
    'story.author_bio'
    """
    last = _last_kept_line(ctx)
    if last is None or ctx.prose_before[last] < STORY_MIN_PARAGRAPHS:
        return
    name = opening_name(ctx.lines.content[last])
    if name is not None and in_the_byline(ctx, name, last):
        ctx.marks.rule[last] = RULE
        return
    mark_about_box(ctx)


ABOUT_RULE = "story.about_box"
# The outlet's or the sender's name: capitalised words of NAME_MIN_CHARS+ letters.
NAME_MIN_CHARS = 4
NAME_MIN_SHARED = 2
ABOUT_NAME_WORDS = 8
ABOUT_MAX_LINES = 2
FOOT_LINES = 4
_NAME_WORD = re.compile(r"(?<![\w])(?:[^\W\d_]['’])?([^\W\d_a-z][^\W\d_]{%d,})" % (NAME_MIN_CHARS - 1))


def name_words(text: str) -> set[str]:
    """The capitalised words of `text` (NAME_MIN_CHARS+ letters; an elided article
    "L'" dropped).

    >>> sorted(name_words("L'Associaçon de Pastores de Miranda fui fundada an 1994"))
    ['Associaçon', 'Miranda', 'Pastores']
    """
    return {w for w in _NAME_WORD.findall(text) if w[0].isupper()}


def opens_with_the_name(line: str, names: set[str]) -> bool:
    """`line` opens with the name `names` holds: its first or second word is one of them,
    and NAME_MIN_SHARED+ of them stand among its first ABOUT_NAME_WORDS words (a story's
    sentence that names the town later on, "It is not the first time Saint Oriel has ...",
    is about the town, not the box's description of itself).

    >>> names = {"Associaçon", "Pastores", "Miranda"}
    >>> [opens_with_the_name(t, names) for t in ("L'Associaçon de Pastores de Miranda fui fundada an 1994.",
    ...     "La Associaçon de Pastores de Miranda ajuda ls pastores.",
    ...     "It is not the first time Pastores de Miranda has faced such a choice.")]
    [True, True, False]
    """
    words = line.split()[:ABOUT_NAME_WORDS]
    if not (name_words(" ".join(words[:2])) & names):
        return False
    return len(name_words(" ".join(words)) & names) >= NAME_MIN_SHARED


def _last_kept_lines(ctx, k: int) -> list[int]:
    """The page's last `k` non-blank lines no step removed, in order (a walk up from the
    end: the cut footer above them is short)."""
    rule, blank = ctx.marks.rule, ctx.blank_list
    found = []
    for i in range(len(rule) - 1, -1, -1):
        if rule[i] is None and not blank[i]:
            found.append(i)
            if len(found) == k:
                break
    return found[::-1]


def mark_about_box(ctx) -> None:
    """Cut the "about us" box under the story (rule ABOUT_RULE): the page's last kept
    lines (ABOUT_MAX_LINES at most), the first of which is a paragraph that opens with the
    name (``opens_with_the_name``) the page's removed footer carries
    (NAME_MIN_SHARED+ capitalised words shared with a removed line among the page's last
    FOOT_LINES: the copyright line "© 2026 Associaçon de Pastores de Miranda"). A press
    release's or an association's standing description of itself, in any language.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The fair brought three hundred head of cattle to Malhadas on Saturday.\\n"
    ...               "The next fair will be held in April in Sendin, the president said.\\n"
    ...               "The Miranda Shepherds Association was founded in 1994 and has a hundred members.\\n"
    ...               "© 2026 Miranda Shepherds Association")
    >>> ctx.marks.rule[3] = "footer.copyright"
    >>> mark_about_box(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.about_box', 'footer.copyright']
    """
    rule = ctx.marks.rule
    kept = _last_kept_lines(ctx, ABOUT_MAX_LINES)
    # (a box describes: a paragraph; "Get the Valmora Today newsletter" is none)
    candidates = [i for i in kept if ctx.prose_before[i] >= STORY_MIN_PARAGRAPHS and ctx.prose[i]]
    if not candidates:
        return
    n = len(rule)
    blank = ctx.blank_list
    # (the footer's own lines: a repeated headline cut above it names the story's subject,
    # "Pellham: Die Verkehrsbetriebe will ...", and the story's last paragraph may open so)
    foot = [j for j in range(max(0, n - FOOT_LINES), n) if rule[j] is not None and not blank[j]
            and ("footer" in rule[j] or "copyright" in rule[j])]
    if not foot:
        return
    names = set().union(*(name_words(ctx.lines.content[j]) for j in foot))
    if len(names) < NAME_MIN_SHARED:
        return
    for first in candidates:
        if opens_with_the_name(ctx.lines.content[first], names):
            for i in kept[kept.index(first):]:
                rule[i] = ABOUT_RULE
            return

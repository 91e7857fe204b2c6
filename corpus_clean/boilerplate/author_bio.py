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
    return byline_of(ctx, name, before) is not None


def byline_of(ctx, name: str, before: int, any_order: bool = False) -> str | None:
    """The removed short head line above line `before` (not the title) that holds `name`
    (``in_the_byline``'s line), or None. With `any_order`, its words in any order and case
    (``holds_the_name``: a brief's bio, which must name the outlet too)."""
    rule = ctx.marks.rule
    n_words = ctx.stats.n_words
    content = ctx.lines.content
    for j in range(min(HEAD_LINES, before)):
        if (rule[j] is not None and rule[j] != HEADLINE_RULE and n_words[j] <= BYLINE_MAX_WORDS
                and (name in content[j] or (any_order and holds_the_name(content[j], name)))):
            return content[j]
    return None


def holds_the_name(line: str, name: str) -> bool:
    """`line` holds the words of `name`, in any order and case (round 25: a byline sets
    the surname first, "Daga Mwada Yohanna", or in capitals, "By TOMAS KAUPA").

    >>> [holds_the_name(t, "Yohanna Mwada") for t in ("Daga Mwada Yohanna, Biu", "By YOHANNA MWADA", "By Yohanna")]
    [True, True, False]
    >>> holds_the_name("By J. Smith, Biu", "J. Smith"), holds_the_name("Any line at all", "")
    (True, False)
    """
    def words_of(text: str) -> set[str]:  # (both sides stripped alike: "J." is the name's "J.")
        return {w.strip(",.;:·|/()").casefold() for w in text.split()} - {""}

    wanted = words_of(name)
    return bool(wanted) and wanted <= words_of(line)


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
    if last is None:
        return
    if ctx.prose_before[last] < STORY_MIN_PARAGRAPHS:
        mark_bio_under_a_brief(ctx)
        return
    name = opening_name(ctx.lines.content[last])
    if name is not None and in_the_byline(ctx, name, last):
        ctx.marks.rule[last] = RULE
        return
    mark_about_box(ctx)


# A brief (a local radio's story in short sentences) has no two paragraphs of prose: so many
# kept sentences above the bio stand for the story.
BRIEF_MIN_SENTENCES = 3
# The bio under a brief is one of the page's last kept lines (a station's "Listen live"
# may stay under it).
BRIEF_BIO_LAST_LINES = 2


def _sentences_above(ctx, i: int) -> int:
    """How many kept lines above line `i` end a sentence."""
    rule, content = ctx.marks.rule, ctx.lines.content
    return sum(1 for j in range(i) if rule[j] is None and content[j].rstrip()[-1:] in ".!?")


def mark_bio_under_a_brief(ctx) -> None:
    """Cut the author's bio under a brief (rule RULE): one of the page's last
    BRIEF_BIO_LAST_LINES kept lines, under BRIEF_MIN_SENTENCES+ kept sentences, that opens
    with the byline's name and names, further on, another capitalised word of the byline
    (its outlet: "Sophie Michel hosts the morning show on Kootenay Valley Radio" under "By
    Sophie Michel, Kootenay Valley Radio") or of the page's copyright line (round 25:
    ``names_the_outlet``), or sets the name apart with a dash (``introduces_the_name``).
    With no paragraphs to stand for the story, the
    name alone is not enough: a brief's last sentence may be its author's own words.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("By Sophie Michel, Kootenay Valley Radio\\n"
    ...               "The class meets twice a week.\\nForty people came.\\nMichel said it went well.\\n"
    ...               "Sophie Michel hosts the morning show on Kootenay Valley Radio.\\n"
    ...               "Listen live — KVR 92.3\\n")
    >>> ctx.marks.rule[0] = "news.byline"
    >>> mark_bio_under_a_brief(ctx)
    >>> ctx.marks.rule[4]
    'story.author_bio'
    """
    content = ctx.lines.content
    for i in _last_kept_lines(ctx, BRIEF_BIO_LAST_LINES)[::-1]:
        name = opening_name(content[i])
        if name is None:
            continue
        byline = byline_of(ctx, name, i, any_order=True)
        if byline is None or _sentences_above(ctx, i) < BRIEF_MIN_SENTENCES:
            continue
        rest = content[i].split(maxsplit=2)[2]
        if (name_words(byline.replace(name, " ")) & name_words(rest) or introduces_the_name(rest)
                or (names_the_outlet(ctx, rest) - set(name.split()))):
            ctx.marks.rule[i] = RULE
            return


def names_the_outlet(ctx, rest: str) -> set[str]:
    """The capitalised words of `rest` that the page's removed copyright line names too (the
    outlet: "... for Borno Graphic." over "© 2026 Borno Graphic Ltd."; round 25: a bio under
    a brief names the paper the byline does not).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Story.\\n© 2026 Borno Graphic Ltd.\\n")
    >>> ctx.marks.rule[1] = "footer.copyright"
    >>> sorted(names_the_outlet(ctx, "covers southern Borno for Borno Graphic.")), names_the_outlet(ctx, "said so.")
    (['Borno', 'Graphic'], set())
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    n = len(rule)
    foot = [j for j in range(max(0, n - FOOT_LINES), n) if rule[j] is not None and "copyright" in rule[j]]
    return name_words(rest) & set().union(*(name_words(content[j]) for j in foot)) if foot else set()


# A dash right after the name, as a bio sets it apart: "Anna Wrona – dziennikarka ...".
_APPOSITION_DASH = ("– ", "— ")


def introduces_the_name(rest: str) -> bool:
    """The words after a line's opening name (`rest`) open with a dash, as a bio introduces
    its writer ("Anna Wrona – dziennikarka Gazety Powiatowej, pisze o ..."); a story's
    sentence goes on with a verb ("Anna Wrona said ...").

    >>> [introduces_the_name(t) for t in ("– dziennikarka Gazety Powiatowej.", "said it went well.", "—")]
    [True, False, False]
    """
    return rest.startswith(_APPOSITION_DASH)


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

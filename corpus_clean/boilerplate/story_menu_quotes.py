"""A story's sentence with quotes in guillemets that the menu-bar rule cut (round 27): a
give-back step of ``story_body._give_back``.

The menu-bar rule (``nav.menu_bar``) reads "»" as a separator, as breadcrumbs use it
("Главная » Новости » Спорт"). A sentence that quotes two names in guillemets has two of
them ("«Шиназ» къулин «Ихрек» гьыттархьы 2:0."), so the rule reads it as a bar of three
items. Each of its "»" closes a "«" opened before it; a breadcrumb's "»" closes nothing.
Such a line, with none of the rule's other separators, comes back when it ends a sentence
with a stop ("." "!" "?", a script's full stop): a page's head lists titles in guillemets
too ("Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…", readability's bench),
and a list of titles ends in none, or in an ellipsis. And it stands in the story: the nearest
non-blank line above or below it was kept (before this step gave anything back). Related
stories' teasers under a cut "read also" heading are sentences quoting names too
("«Локомотив» уступил «Ростову» в гостях."), but their neighbours are the cut heading and
the other teasers.

The line's characters only.
"""
from __future__ import annotations

from corpus_clean.boilerplate.story_inserts import MORE_SENTENCE_ENDS, nonblank_neighbour

# The menu-bar rule whose cuts this step reads.
MENU_BAR_RULE = "nav.menu_bar"
# The bar's other separators ("|", "•", "›", ">", a spaced middle dot): a line holding one
# is a bar whatever its quotes.
_OTHER_SEPARATORS = ("|", "•", "›", ">", " ·", "· ")
# A sentence quoting names has this many words at least ("«A» won «B»").
QUOTE_MIN_WORDS = 3


def reads_as_quotes(line: str) -> bool:
    """Every "»" of `line` closes a "«" opened before it (and there is one at least), and no
    other separator of the menu bar stands in it.

    >>> reads_as_quotes("«Шиназ» къулин «Ихрек» гьыттархьы 2:0.")
    True
    >>> reads_as_quotes("Главная » Новости » Спорт"), reads_as_quotes("«Отдых» | Спорт | Наука")
    (False, False)
    """
    if "»" not in line or any(sep in line for sep in _OTHER_SEPARATORS):
        return False
    depth = 0
    for char in line:
        if char == "«":
            depth += 1
        elif char == "»":
            if depth == 0:
                return False
            depth -= 1
    return True


def ends_with_a_stop(line: str) -> bool:
    """`line` ends in a full stop, "!" or "?", or a script's full stop ("।"), not an ellipsis.

    >>> ends_with_a_stop("«Шиназ» къулин «Ихрек» гьыттархьы 2:0."), ends_with_a_stop("«Vape Wave», «6 Days»…")
    (True, False)
    """
    last = line.rstrip()[-1:]
    return last in (".", "!", "?") or (bool(last) and ord(last) in MORE_SENTENCE_ENDS)


def give_back_quotes_cut_as_menus(ctx) -> None:
    """Give back the lines the menu-bar rule cut that are quoting sentences (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> story = "Матч прошёл в Махачкале при полных трибунах в субботу вечером."
    >>> ctx = Context(f"Главная » Новости » Спорт\\n«Шиназ» къулин «Ихрек» гьыттархьы 2:0.\\n{story}\\n")
    >>> ctx.marks.rule[:2] = [MENU_BAR_RULE] * 2
    >>> give_back_quotes_cut_as_menus(ctx)
    >>> ctx.marks.rule
    ['nav.menu_bar', None, None, None]

    Under a cut "read also" heading, teasers beside each other: none comes back.

    >>> ctx = Context(f"{story}\\nЧитайте также\\n«Динамо» уступил «ЦСКА» дома.\\n«Локомотив» уступил «Ростову» в гостях.\\n")
    >>> ctx.marks.rule[1:4] = ["ads.recommended_block", MENU_BAR_RULE, MENU_BAR_RULE]
    >>> give_back_quotes_cut_as_menus(ctx)
    >>> ctx.marks.rule[1:4]
    ['ads.recommended_block', 'nav.menu_bar', 'nav.menu_bar']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    kept_before = [r is None for r in rule]
    for i, r in enumerate(rule):
        if r == MENU_BAR_RULE and len(content[i].split()) >= QUOTE_MIN_WORDS and ends_with_a_stop(content[i]) \
                and reads_as_quotes(content[i]) and _beside_the_story(ctx, kept_before, i):
            rule[i] = None


def _beside_the_story(ctx, kept: list[bool], i: int) -> bool:
    """The nearest non-blank line above or below line `i` is kept (`kept`: before this step)."""
    return any(j is not None and kept[j] for j in (nonblank_neighbour(ctx, i, -1), nonblank_neighbour(ctx, i, 1)))

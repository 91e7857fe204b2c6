"""The ends of a story's lists that the classifier cut (round 27): give-back steps of
``story_body._give_back``.

A story that ends on a list ("Closed:" / "Brandt County Schools", "Programme:" / "Day one:
poetry") has the page's furniture right under it, and the model reads the list's rows as
the first lines of that furniture. Two shapes of the page tell the story's rows from the
share bar or the teasers that follow:

* **a list between two kept lists** (``give_back_lists_between_kept_lists``): under a kept
  ":" line, 2 to LIST_MAX_ITEMS short lines the model cut, and right under them another
  kept ":" line over a kept short line (the story's next list: "Two hours late:" /
  "Eastfield Public Schools"). The furniture does not sit between two of the story's lists.
* **fields that name the story** (``give_back_fields_naming_the_story``): under a kept ":"
  line with a kept sentence of the story at or above it, FIELDS_MIN to LIST_MAX_ITEMS
  "Label: value" rows the model cut ("Ass amezwaru: tamedyazt"), at least one of whose
  values names a content word of the story's kept sentences that is no word of the site
  (``story_echo``). A share bar's row ("Share: Facebook | X") names the site's buttons, a
  teaser's headline ("Rutul: a new school") stands under a heading the rules cut, not
  under the story's kept label.

Page structure and the page's own words only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_announcements import STORY_SENTENCE_MIN_WORDS
from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_rows import row_label
from corpus_clean.boilerplate.story_runs import story_keys

if TYPE_CHECKING:
    from corpus_clean.boilerplate.story_body import BodyShape  # (story_body imports this module)

# A list's rows under its ":" line: this many at most (a longer run is a menu).
LIST_MAX_ITEMS = 8
# Fields naming the story: this many rows at least (a lone "Share: Facebook" is a bar).
FIELDS_MIN = 2
# A value's separators that make a row a bar of buttons ("Facebook | WhatsApp").
_BAR_MARKS = frozenset("|·•/")


def _ends_in_colon(content: list, i: int) -> bool:
    return content[i].rstrip().endswith((":", "："))


def _is_item(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` may be a list's item: not a paragraph, no ":" at its end."""
    return not shape.is_paragraph(i) and not _ends_in_colon(ctx.lines.content, i)


def _cut_run_under(ctx, shape: LineShape, label: int) -> tuple[list[int], int | None]:
    """(the lines the model cut right under line `label` that may be items, up to the first
    that is not one; the line under them). More than LIST_MAX_ITEMS: ([], None)."""
    rule = ctx.marks.rule
    run, j = [], nonblank_neighbour(ctx, label, 1)
    while j is not None and rule[j] == CLASSIFIER_RULE and _is_item(ctx, shape, j):
        run.append(j)
        if len(run) > LIST_MAX_ITEMS:
            return [], None
        j = nonblank_neighbour(ctx, j, 1)
    return run, j


def _kept_labels(ctx) -> list[int]:
    """The kept lines that end in ":" (few a page)."""
    last = ctx.stats.last_char
    rule = ctx.marks.rule
    return [i for i in ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist() if rule[i] is None]


def give_back_lists_between_kept_lists(ctx, shape: "BodyShape") -> None:
    """Give back a list the model cut between two of the story's kept lists (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Several schools have announced changes for Friday as snow is expected.\\n"
    ...               "Closed:\\nBrandt County Schools\\nHarlow Community College\\n"
    ...               "Two hours late:\\nEastfield Public Schools\\nMore news\\n")
    >>> ctx.marks.rule[2:4] = ["classifier"] * 2; ctx.marks.rule[6] = "classifier"
    >>> give_back_lists_between_kept_lists(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None, None, 'classifier', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    for label in _kept_labels(ctx):
        run, j = _cut_run_under(ctx, shape, label)
        if len(run) < 2 or j is None or rule[j] is not None or not _ends_in_colon(content, j):
            continue
        item = nonblank_neighbour(ctx, j, 1)
        if item is not None and rule[item] is None and _is_item(ctx, shape, item):
            for k in run:
                rule[k] = None


def _value(line: str) -> str:
    """A field's value: what follows its first ":"."""
    for colon in (":", "："):
        if colon in line:
            return line.split(colon, 1)[1]
    return ""


def give_back_fields_naming_the_story(ctx, shape: "BodyShape") -> None:
    """Give back the "Label: value" rows the model cut under the story's kept ":" line when
    one of them names the story (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The town opens its new festival of poetry and music on Saturday.\\n"
    ...               "Programme:\\nDay one: poetry\\nDay two: music\\nShare\\n© Town News\\n")
    >>> ctx.marks.rule[2:5] = ["classifier"] * 3; ctx.marks.rule[5] = "footer.copyright"
    >>> give_back_fields_naming_the_story(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, 'classifier', 'footer.copyright', None]
    """
    from corpus_clean.boilerplate.story_echo import _is_site_word, content_keys

    rule, content = ctx.marks.rule, ctx.lines.content
    for label in _kept_labels(ctx):
        run, _ = _cut_run_under(ctx, shape, label)
        fields = []
        for k in run:
            if row_label(shape, content, k) != "field" or _BAR_MARKS.intersection(_value(content[k])):
                break
            fields.append(k)
        if len(fields) < FIELDS_MIN:
            continue
        story = story_keys(ctx, shape, label, STORY_SENTENCE_MIN_WORDS, content_keys)
        named = set().union(*(content_keys(_value(content[k])) for k in fields)) & story
        if not named:
            continue
        furniture = [content[j].casefold() for j, r in enumerate(rule) if r not in (None, CLASSIFIER_RULE)]
        if any(not _is_site_word(key, furniture) for key in named):
            for k in fields:
                rule[k] = None

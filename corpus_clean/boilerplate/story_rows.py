"""The story's labelled rows and headings that the classifier cut next to its kept ones
(round 24): give-back steps of ``story_body._give_back``.

A story that gives its facts as labelled rows ("Defendant: Graham Pell, 63" / "Charge:
Fraud" / "Sentence: 2 years"; a cast list "Elle Eira – Biret" / "Nils Hætta – Ántte")
is read by the model row by row: it keeps some rows and cuts the others, and it cuts the
short heading over the rows ("The case in brief", "Cast") as a box's title. On the
released held-out pages of rounds 14-15 these were most of the article lines the model
cut inside the story. Two shapes of the page tell the story's lines:

* **a row like a kept row next to it** (``give_back_rows_like_kept_rows``): a cut row
  with a label ("Label: value", a label of at most three words; or "name – role", a dash
  between two parts) right above or under a kept row of the same kind comes back, and so
  on along the rows, when the rows start right under the story: a kept sentence of
  STORY_SENTENCE_MIN_WORDS+ words or a kept ":" line, across at most one heading. A menu's
  items have no labels; a footer's "Phone: ..." rows and a blog's "Previous post: ..." stand
  under the furniture (a rule's cut), not under the story;
* **a heading between the story and its kept lines** (``give_back_headings_inside_the_story``):
  a cut line of at most HEADING_MAX_WORDS words that ends in a word (no sentence, no ":")
  with a kept sentence of the story right above it and, right under it, a kept story
  paragraph (under a heading of two words or more: a lone word between two paragraphs is an
  advert's label) or a kept row followed by a kept row of its kind, comes back: a box's
  title stands over the box, not over the story's own next lines.

Page structure only: no word of the lines is read.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

# (the story's kept sentence: STORY_SENTENCE_MIN_WORDS+ words, as round 23's lone announcement reads it)
from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_announcements import STORY_SENTENCE_MIN_WORDS, _story_sentence
from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour, page_mask

if TYPE_CHECKING:
    from corpus_clean.boilerplate.story_body import BodyShape  # (story_body imports this module)

# A labelled row: at most this many words (a field's value may be a short clause).
ROW_MAX_WORDS = 12
# A heading inside the story: a word or a few; between two paragraphs, two words at least
# (one word there is an advert's label: "Reklama", "Anzeige").
HEADING_MAX_WORDS = 4
PARAGRAPH_HEADING_MIN_WORDS = 2
# "Label: value": a label of one to three words (not starting with a digit: "10:30 Mass"
# is a time), ":" and a value.
_FIELD = re.compile(r"\s*[^\W\d][^\s:：]*(?:[ \t][^\s:：]+){0,2}[ \t]*[:：][ \t]+\S")
# "name – role": two parts with a spaced dash between them.
_PAIR = re.compile(r"\s*\S.*?\s[–—-]\s+\S")
# A labelled row holds one of these (a field's colon, a pair's dash).
_LABEL_MARKS = frozenset(":：–—-")


def row_label(shape: LineShape, content: list, i: int) -> str | None:
    """The kind of labelled row line `i` is ("field", "pair"), or None: a row is short
    (ROW_MAX_WORDS words at most), no sentence of the story, no ":" at its end.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Charge: Fraud by abuse of position\\nElle Eira – Biret\\nHome\\nPrices:\\n"
    ...               "10:30 Mass\\nThe court heard that he took the money in 47 payments.")
    >>> [row_label(LineShape(ctx.stats), ctx.lines.content, i) for i in range(6)]
    ['field', 'pair', None, None, None, None]
    """
    line = content[i]
    if not _LABEL_MARKS.intersection(line):
        return None  # (most lines: a menu's item, a sentence's line without a label)
    if shape.n_words(i) > ROW_MAX_WORDS or line.rstrip().endswith((":", "：")) or (
            shape.ends_sentence(i) and shape.n_words(i) >= STORY_SENTENCE_MIN_WORDS):
        return None
    if _FIELD.match(line):
        return "field"
    if _PAIR.match(line):
        return "pair"
    return None


def row_sized_lines(stats, blank=None, last_rows=None):
    """Per line: 1 to ROW_MAX_WORDS words (``give_back_rows_like_kept_rows``' candidates by
    their counts). (`blank`, `last_rows`: unread, as ``page_mask`` and ``batch.PAGE_MASKS``
    pass them.)"""
    return (stats.n_words > 0) & (stats.n_words <= ROW_MAX_WORDS)


def give_back_rows_like_kept_rows(ctx, shape: "BodyShape") -> None:
    """Give back the labelled rows the model cut right above or under a kept row of their
    kind, under the story (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_body import BodyShape
    >>> ctx = Context("A former treasurer was jailed for two years on Friday.\\nDefendant: Graham Pell, 63\\n"
    ...               "Charge: Fraud\\nSentence: 2 years\\nPell paid the money into his own account.\\n"
    ...               "Share\\nPhone: 555 0100\\nEmail: desk@example.org")
    >>> ctx.marks.rule[1:3] = ["classifier"] * 2; ctx.marks.rule[5:8] = ["classifier"] * 3
    >>> give_back_rows_like_kept_rows(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, None, 'classifier', 'classifier', 'classifier']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    kinds: dict[int, str | None] = {}

    def kind(k: int) -> str | None:
        if k not in kinds:
            kinds[k] = row_label(shape, content, k)
        return kinds[k]

    # (candidates: the model's cuts of a row's length, listed in one pass: ``BodyShape.cut_by``)
    short = page_mask(ctx, "row_sized_lines", row_sized_lines)  # (made for the whole batch at once)
    for i in shape.cut_by(ctx, (CLASSIFIER_RULE,), short):
        if rule[i] != CLASSIFIER_RULE or kind(i) is None:
            continue  # (given back from a row further up, or no labelled row)
        for step in (-1, 1):
            a = nonblank_neighbour(ctx, i, step)
            if a is None or rule[a] is not None or kind(a) != kind(i) or not _rows_open_under_the_story(ctx, shape, a, kind):
                continue
            j = i  # (from the kept row `a` on, away from it, along the cut rows of its kind)
            while j is not None and rule[j] == CLASSIFIER_RULE and kind(j) == kind(a):
                rule[j] = None
                j = nonblank_neighbour(ctx, j, -step)
            break


def _rows_open_under_the_story(ctx, shape: LineShape, a: int, kind) -> bool:
    """The rows of kept row `a`'s kind (kept, or the model's cut) that hold it start right
    under the story: a kept sentence of the story or a kept ":" line, with at most one
    heading or ":" line (kept, or the model's cut) between. A page's "Previous post: ..."
    rows stand under a rule's cut (the tag line), not under the story."""
    rule, content = ctx.marks.rule, ctx.lines.content
    j = nonblank_neighbour(ctx, a, -1)
    while j is not None and rule[j] in (None, CLASSIFIER_RULE) and kind(j) == kind(a):
        j = nonblank_neighbour(ctx, j, -1)
    if j is not None and rule[j] in (None, CLASSIFIER_RULE) and (
            _heading(shape, content, j) or content[j].rstrip().endswith((":", "："))):
        over = nonblank_neighbour(ctx, j, -1)
        if rule[j] is not None or not content[j].rstrip().endswith((":", "：")):
            j = over  # (a cut label or heading over the rows: the story stands above it)
    return j is not None and rule[j] is None and (
        _story_sentence(ctx, shape, j) or content[j].rstrip().endswith((":", "：")))


def _heading(shape: LineShape, content: list, i: int) -> bool:
    """Line `i` can be a heading: HEADING_MAX_WORDS words or fewer, ending in a word, no
    ":" in it."""
    return shape.n_words(i) <= HEADING_MAX_WORDS and not shape.ends_sentence(i) and shape.ends_in_a_word(i) \
        and ":" not in content[i] and "：" not in content[i]


def _story_goes_on_at(ctx, shape: LineShape, heading: int, j: int | None) -> bool:
    """Line `j` is kept and the story's: a paragraph under a `heading` of
    PARAGRAPH_HEADING_MIN_WORDS+ words, or a labelled row with a kept row of its kind right
    under it."""
    if j is None or ctx.marks.rule[j] is not None:
        return False
    if shape.is_paragraph(j):
        return shape.n_words(heading) >= PARAGRAPH_HEADING_MIN_WORDS
    kind = row_label(shape, ctx.lines.content, j)
    below = nonblank_neighbour(ctx, j, 1)
    return kind is not None and below is not None and ctx.marks.rule[below] is None \
        and row_label(shape, ctx.lines.content, below) == kind


def give_back_headings_inside_the_story(ctx, shape: "BodyShape") -> None:
    """Give back a heading the model cut between a kept sentence of the story and the
    story's kept paragraph or rows right under it (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_body import BodyShape
    >>> ctx = Context("The choir turns one hundred this weekend with a concert on Saturday.\\nFrom its history\\n"
    ...               "1926 – a teacher founds the choir\\n1947 – a mixed choir again\\n"
    ...               "Entry to the concert is free, the choir said.\\nMore news\\nA new school opens")
    >>> ctx.marks.rule[1] = ctx.marks.rule[5] = "classifier"
    >>> give_back_headings_inside_the_story(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, None, 'classifier', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    # (candidates: the model's cuts of a heading's length, listed in one pass: ``BodyShape.cut_by``)
    short = (ctx.stats.n_words > 0) & (ctx.stats.n_words <= HEADING_MAX_WORDS)
    for i in shape.cut_by(ctx, (CLASSIFIER_RULE,), short):
        if rule[i] != CLASSIFIER_RULE or not _heading(shape, content, i):
            continue
        if _story_sentence(ctx, shape, nonblank_neighbour(ctx, i, -1)) \
                and _story_goes_on_at(ctx, shape, i, nonblank_neighbour(ctx, i, 1)):
            rule[i] = None

"""The section headings of a story told in sections that the classifier cut (round 26): a
step of ``story_body.give_back_story_body_lines``, after the readers' comments are marked.

A wiki's article, a fandom's episode page, a long feature are told in sections: a heading
of a word or two ("Geography", "Trivia", "Did you know?") over a sentence or two. The
model reads a one-word line between two paragraphs as an advert's label or a box's title
and cuts it; at the story's end it cuts the last section whole (its heading and its one
sentence, over the references or the share bar). ``story_rows.give_back_headings_inside_the_story``
gives back a heading of two words or more over a kept paragraph; this step reads the
story's other headings:

* **the heading**: a line the classifier cut, one word ending in a letter or a digit, or a
  question of at most HEADING_MAX_WORDS words (no ":", no comma), whose text stands once
  on the page (an advert's label, a teaser box's title repeat down the page);
* **above it**, the story: a kept line that is no heading itself, or one insert the
  classifier cut (a caption) over such a line, with a kept sentence of the story at or
  above it;
* **under it**, after at most one insert (a caption, kept or cut), the section's text: a
  kept sentence (not opening in lower case: that one goes on from a line above), or one to SECTION_MAX_SENTENCES sentences the classifier cut (right under
  the heading, and under no other short line the model cut, unless they open with its
  words: a teaser box's title over a short headline and its summary is no section);
* **and the page tells it**: the section's first sentence opens with the heading's words
  ("Joshi" over "Joshi May ispa karik."), or the story already holds a kept heading of its
  own (a short line between a kept sentence and a kept line: the page is told in sections)
  and, when the model cut the section's text too, that text names what the kept story
  names (``story_echo.content_keys``, no word of the site).

The heading comes back, with the section's sentences the classifier cut. (Headings of two to
four words are not read: on web pages they head boxes as often as sections.) No wording:
positions, sentence ends and the page's own words.
"""
from __future__ import annotations

import collections

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.features import page_rows
from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_openings import _opens_with, states_a_sentence

# A heading holds none of these (a label's colon, a caption's comma).
_NOT_IN_A_HEADING = frozenset(":：,，、")
# A section's heading: one word ("Geography", "Trivia"), or a question of a few ("Did you
# know?"). (Headings of two to four words gave back as many lines of web pages' boxes as of
# their articles on WCXB dev, a studied set: "Back to blog", "Browse all Blog Articles",
# "Request more information"; one-word headings 25 article lines to 7.)
HEADING_MAX_WORDS = 4
WORD_HEADING_MAX_WORDS = 1
# An insert between the heading and the story (a photo's caption): this many words at most.
INSERT_MAX_WORDS = 15
# The story's sentence: this many words with letters at least.
SENTENCE_MIN_WORDS = 3
# The section's text the model cut with its heading: this many sentences at most.
SECTION_MAX_SENTENCES = 3


def _words_with_letters(line: str, enough: int = SENTENCE_MIN_WORDS) -> int:
    """How many of `line`'s words hold a letter, counted up to `enough`."""
    n = 0
    for w in line.split():
        if any(c.isalpha() for c in w):
            n += 1
            if n == enough:
                break
    return n


def _sentence(ctx, shape: LineShape, i: int | None) -> bool:
    """Line `i` is a sentence: SENTENCE_MIN_WORDS+ words with letters, ending in a stop."""
    return i is not None and shape.n_words(i) >= SENTENCE_MIN_WORDS and states_a_sentence(ctx.lines.content[i]) \
        and _words_with_letters(ctx.lines.content[i]) >= SENTENCE_MIN_WORDS


def heading_shape(shape: LineShape, line: str, i: int) -> bool:
    """Line `i` (text `line`) can be a section's heading: a word (WORD_HEADING_MAX_WORDS),
    ending in a letter or digit, or a question of up to HEADING_MAX_WORDS words (a wiki's
    "Did you know?"); no ":" and no comma (a caption's "Bumburet, 2017").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Geography\\nDiehtit go?\\nDe bʌ:\\nThe bridge opened.\\nBack to blog\\nBumburet, 2017")
    >>> [heading_shape(LineShape(ctx.stats), l, i) for i, l in enumerate(ctx.lines.content)]
    [True, True, False, False, False, False]
    """
    asks = line.rstrip().endswith(("?", "？"))
    if not asks and len(line.split()) > WORD_HEADING_MAX_WORDS:
        return False  # (most short lines: the rest is read for the few left)
    if not 1 <= shape.n_words(i) <= HEADING_MAX_WORDS or not _NOT_IN_A_HEADING.isdisjoint(line):
        return False
    return asks or (shape.ends_in_a_word(i) and not shape.ends_sentence(i))


def _kept_headings(ctx, shape: LineShape) -> bool:
    """The story already holds a kept heading: a kept line of a heading's shape with a kept
    sentence right above it and a kept line right under it."""
    rule, content = ctx.marks.rule, ctx.lines.content
    for i in np.flatnonzero((ctx.stats.n_words >= 1) & (ctx.stats.n_words <= HEADING_MAX_WORDS)).tolist():
        if rule[i] is not None or not heading_shape(shape, content[i], i):
            continue
        above, below = nonblank_neighbour(ctx, i, -1), nonblank_neighbour(ctx, i, 1)
        if above is not None and below is not None and rule[above] is None and rule[below] is None \
                and _sentence(ctx, shape, above):
            return True
    return False


def _insert(ctx, shape: LineShape, j: int | None) -> bool:
    """Line `j` may be an insert between a heading and the story: a caption's length."""
    return j is not None and shape.n_words(j) <= INSERT_MAX_WORDS


def _first_kept_sentence(ctx, shape: LineShape) -> int:
    """The page's first kept sentence (its line number; the page's length when none)."""
    rule = ctx.marks.rule
    return next((k for k in range(ctx.lines.n_lines) if rule[k] is None and not ctx.blank[k]
                 and _sentence(ctx, shape, k)), ctx.lines.n_lines)


def _kept_line_above(ctx, shape: LineShape, i: int) -> int | None:
    """The kept line right above heading `i` (or above one insert the classifier cut over
    it: a rule's cut there, "Powered by ...", "Rating", is the page's furniture), when it is
    no heading itself (a teaser's category over its tag, "Food" / "Gross"); else None. (The
    caller asks for a kept sentence of the story at or above it.)"""
    rule = ctx.marks.rule
    above = nonblank_neighbour(ctx, i, -1)
    if above is not None and rule[above] == CLASSIFIER_RULE and _insert(ctx, shape, above):
        above = nonblank_neighbour(ctx, above, -1)
    if above is None or rule[above] is not None or heading_shape(shape, ctx.lines.content[above], above):
        return None
    return above


def _section_text(ctx, shape: LineShape, i: int) -> tuple[int, list[int], bool] | None:
    """(the section's first sentence under heading `i`, after at most one insert; the
    sentences the classifier cut from there, [] when that sentence is kept; whether an
    insert stands between), or None."""
    rule = ctx.marks.rule
    j = nonblank_neighbour(ctx, i, 1)
    across = j is not None and not _sentence(ctx, shape, j) and _insert(ctx, shape, j)
    if across:
        j = nonblank_neighbour(ctx, j, 1)  # (a caption between the heading and its text)
    if not _sentence(ctx, shape, j) or ctx.lines.content[j].lstrip()[:1].islower():
        return None  # (a sentence opening in lower case goes on from a line above: a link's text split off)
    if rule[j] is None:
        return j, [], across
    cut: list[int] = []
    k = j
    while k is not None and rule[k] == CLASSIFIER_RULE and _sentence(ctx, shape, k):
        if len(cut) == SECTION_MAX_SENTENCES:
            return None
        cut.append(k)
        k = nonblank_neighbour(ctx, k, 1)
    return (j, cut, across) if cut else None


def _under_a_heading(ctx, shape: LineShape, i: int) -> bool:
    """Right above line `i` stands a short line (HEADING_MAX_WORDS words at most, ending in a
    word) that the classifier cut: a teaser box's title ("Long Reads") over a teaser's
    section word ("World") or short headline."""
    above = nonblank_neighbour(ctx, i, -1)
    return above is not None and ctx.marks.rule[above] == CLASSIFIER_RULE and shape.n_words(above) <= HEADING_MAX_WORDS \
        and shape.ends_in_a_word(above) and not shape.ends_sentence(above)


def _names_the_story(ctx, shape: LineShape, line: str) -> bool:
    """`line` names a content word of the story's kept sentences that is no word of the site."""
    from corpus_clean.boilerplate.story_echo import _is_site_word, content_keys  # (story_echo imports story_body)

    rule, content = ctx.marks.rule, ctx.lines.content
    keys = content_keys(line)
    story: set[str] = set()
    for k in range(ctx.lines.n_lines):
        if rule[k] is None and not ctx.blank[k] and _sentence(ctx, shape, k):
            story |= content_keys(content[k]) & keys
    if not story:
        return False
    furniture = [content[j].casefold() for j, r in enumerate(rule) if r not in (None, CLASSIFIER_RULE)]
    return any(not _is_site_word(key, furniture) for key in story)


def heading_sized_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: 1 to HEADING_MAX_WORDS words (``give_back_section_headings``' candidates by
    their counts). (`blank`, `last_rows`: unread, as ``features.page_rows`` and
    ``batch.PAGE_ROWS`` pass them.)"""
    return (stats.n_words >= 1) & (stats.n_words <= HEADING_MAX_WORDS)


def give_back_section_headings(ctx, shape: LineShape) -> None:
    """Give back the story's section headings the classifier cut, with the section's text
    it cut under them (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Bumburet\\nBumburet is a valley of the Kalasha people.\\nJagha\\n"
    ...               "Bumburet lies at 1,900 m in Chitral.\\nJoshi\\nJoshi is held in May in the valley.\\n"
    ...               "References\\nAdvertisement")
    >>> ctx.marks.rule[0] = ctx.marks.rule[6] = "wiki.references_section"
    >>> ctx.marks.rule[2] = ctx.marks.rule[4] = ctx.marks.rule[5] = ctx.marks.rule[7] = "classifier"
    >>> give_back_section_headings(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    ['wiki.references_section', None, None, None, None, None, 'wiki.references_section', 'classifier']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    # (candidates: the model's cuts of a heading's length, listed from the word counts)
    short = page_rows(ctx, "heading_sized_rows", heading_sized_lines)  # (listed for the whole batch at once)
    candidates = [i for i in short if rule[i] == CLASSIFIER_RULE and heading_shape(shape, content[i], i)]
    if not candidates:
        return
    counts: dict[str, int] | None = None  # (the page's lines counted when a candidate gets that far)
    sectioned = None
    first_sentence = None  # (the story's start, found when a candidate asks; a give-back here is under it)
    # (first the headings whose text opens with their words, then, on a page that holds a
    # kept heading now, the others)
    for by_echo in (True, False):
        for i in candidates:
            above = _kept_line_above(ctx, shape, i) if rule[i] == CLASSIFIER_RULE else None
            if above is None:
                continue
            if first_sentence is None:
                first_sentence = _first_kept_sentence(ctx, shape)
            if first_sentence > above:
                continue
            text = _section_text(ctx, shape, i)
            if text is None:
                continue
            first, cut, across = text
            if by_echo != _opens_with(content[i], content[first]):
                continue
            if counts is None:
                counts = collections.Counter(line.strip().casefold() for line in content)
            if counts[content[i].strip().casefold()] > 1:
                continue
            if not by_echo:
                if sectioned is None:
                    sectioned = _kept_headings(ctx, shape)
                # (the model's cut of the section's text comes back when it names the story, right
                # under the heading, under no other heading the model cut: a teaser box's title,
                # its headline and its summary are cut whole)
                if not sectioned or cut and (across or _under_a_heading(ctx, shape, i)
                                             or not _names_the_story(ctx, shape, content[first])):
                    continue
            for k in [i] + cut:
                rule[k] = None

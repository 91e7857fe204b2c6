"""Lines that break the story: a photo caption or a widget's teaser headline standing on
its own line between the story's paragraphs, found by shape, in any language. A step of
the classifier (``classifier.mark_by_classifier_many`` calls it on each page it read).

Flattened pages put a photo's caption (with no credit in the text: "A container ship
passes through the locks in Colon province") or the headline an ad slot or a "read
also" box carried ("Council leaders warn of 'cliff edge' in funding") on a line of its
own between two paragraphs, or right above the story's first one. A subheading sits
there too, but it is short ("What happens next", "Ingredients"); a caption or a teaser
is a whole clause that ends no sentence. So a kept line is cut (rule ``story.insert``)
when it

* ends no sentence, and in a letter or a digit (no full stop, question or exclamation
  mark, closing quote or bracket, in any script: "。", "।", "؟" count too; no colon
  announcing a list, no emoji);
* has INSERT_MIN_WORDS to INSERT_MAX_WORDS words, or INSERT_MIN_CHARS+ characters in a
  script written without spaces (Chinese, Japanese), where a word count means little;
* does not open with a number ("3. Make a plate"): a numbered list's item or heading;
* has a story paragraph (``is_paragraph``) as the next kept line, and as the previous
  kept line a story paragraph or nothing (a caption above the story's first paragraph,
  the headline and byline above it already cut);
* is not the first line of a wrapped paragraph: the next line does not go on with it (a
  lower-case start), and in text whose paragraphs are separated by blank lines it stands
  between blank lines, as a paragraph of its own.

No wording list: the same shape in every language. Cost: a few numpy comparisons per
page; lines are walked only for the (rare) candidates.
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.engine import PROSE_MIN_WORDS
from corpus_clean.boilerplate.features import ALPHA, CJK_HI, CJK_LO, DIGIT, LOWER, SENT_END

RULE = "story.insert"
# A subheading is shorter than this; a caption or a teaser headline is a whole clause.
INSERT_MIN_WORDS = 8
# Longer than this, a line that ends no sentence is a paragraph cut short (a link at its end).
INSERT_MAX_WORDS = 30
# The same in scripts written without spaces (about 1.5-2 characters a word).
INSERT_MIN_CHARS = 12
# A paragraph in few long words (Finnish, Hindi) says a paragraph's worth in characters.
PARAGRAPH_MIN_CHARS = 60
# Sentence ends the character table does not mark: Devanagari danda, Arabic question
# mark and full stop (Urdu), Armenian full stop.
# Code points that are punctuation, not part of a word: below the combining marks (ASCII
# and Latin-1 signs) and from General Punctuation to CJK Symbols and Punctuation.
COMBINING_LO, PUNCTUATION_LO, PUNCTUATION_HI = 0x0300, 0x2000, 0x303F
MORE_SENTENCE_ENDS = np.array([ord(c) for c in "।॥؟۔։"], dtype=np.uint32)


def ends_sentence(stats) -> np.ndarray:
    """Per line: its last character ends a sentence, in any script.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Das Bad öffnet im April.\\nइन बसों में किराया सामान्य रहेगा।\\nRelated topics")
    >>> ends_sentence(ctx.stats).tolist()
    [True, True, False]
    """
    return ((stats.last_class & SENT_END) > 0) | np.isin(stats.last_char, MORE_SENTENCE_ENDS)


def is_paragraph(stats, ends: np.ndarray) -> np.ndarray:
    """Per line: a story paragraph: a sentence of PROSE_MIN_WORDS+ words or
    PARAGRAPH_MIN_CHARS+ non-space characters (`ends`: ``ends_sentence``)."""
    return ends & ((stats.n_words >= PROSE_MIN_WORDS) | (stats.n_chars >= PARAGRAPH_MIN_CHARS))


def clause_shaped(stats, ends: np.ndarray) -> np.ndarray:
    """Per line: a clause that ends no sentence, too long for a subheading (see the
    module's docstring; `ends`: ``ends_sentence``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("A heron stands at the edge of the flooded pit\\nWhat happens next\\n"
    ...               "3. Instead of reaching for a snack, make a plate\\n清水寺周辺で混雑する市バス")
    >>> clause_shaped(ctx.stats, ends_sentence(ctx.stats)).tolist()
    [True, False, False, True]
    """
    unspaced = (stats.last_char >= CJK_LO) & (stats.last_char <= CJK_HI)
    long_enough = (stats.n_words >= INSERT_MIN_WORDS) | (unspaced & (stats.n_chars >= INSERT_MIN_CHARS))
    return (~ends & ends_in_a_word(stats) & ((stats.first_class & DIGIT) == 0)
            & long_enough & (stats.n_words <= INSERT_MAX_WORDS))


def ends_in_a_word(stats) -> np.ndarray:
    """Per line: its last character is a letter or a digit, or a vowel sign or another
    combining mark of a script (Hindi "यात्री"), not punctuation (":" "," "|" "—" "、").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ends_in_a_word(Context("in London\\nnew buses for the passengers:\\nनई बसें और यात्री\\n分かった、").stats).tolist()
    [True, False, True, False]
    """
    last = stats.last_char
    punctuation_block = ((last >= PUNCTUATION_LO) & (last <= PUNCTUATION_HI)) | (last < COMBINING_LO)
    return ((stats.last_class & (ALPHA | DIGIT)) > 0) | ~punctuation_block


def _kept_neighbour(rule: list, blank, i: int, step: int) -> int | None:
    """The nearest non-blank line from `i` in direction `step` that no step removed."""
    j = i + step
    while 0 <= j < len(rule):
        if not blank[j] and rule[j] is None:
            return j
        j += step
    return None


def _stands_alone(ctx, i: int) -> bool:
    """Not a wrapped paragraph's line: the next line does not start in lower case, and
    in paragraph-separated text blank lines stand above and below it."""
    n = ctx.lines.n_lines
    if i + 1 < n and ctx.stats.first_class[i + 1] & LOWER:
        return False
    if ctx.has_blank_lines:
        return (i == 0 or ctx.blank[i - 1]) and (i + 1 >= n or ctx.blank[i + 1])
    return True


def mark_story_inserts(ctx) -> None:
    """Cut the kept lines that break the story (rule RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context(
    ...     "The county board voted on Monday to buy the old quarry and turn it into a nature reserve.\\n"
    ...     "A heron stands at the edge of the flooded pit on a winter morning\\n"
    ...     "The quarry closed in 2014, and its deepest pit has since filled with groundwater.\\n"
    ...     "What happens next\\n"
    ...     "Work on the trails is expected to begin in the spring, the parks director said.\\n")
    >>> mark_story_inserts(ctx)
    >>> ctx.marks.rule
    [None, 'story.insert', None, None, None, None]
    """
    s = ctx.stats
    ends = ends_sentence(s)
    candidates = np.flatnonzero(clause_shaped(s, ends))
    if not candidates.size:
        return
    rule = ctx.marks.rule
    paragraph = is_paragraph(s, ends)
    for i in candidates.tolist():
        if rule[i] is not None or not _stands_alone(ctx, i):
            continue
        below = _kept_neighbour(rule, ctx.blank, i, 1)
        if below is None or not paragraph[below]:
            continue
        above = _kept_neighbour(rule, ctx.blank, i, -1)
        if above is None or paragraph[above]:
            rule[i] = RULE

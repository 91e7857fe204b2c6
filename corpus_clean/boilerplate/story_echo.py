"""A sentence the classifier cut at the story's edge comes back when it talks about what
the story talks about: a give-back step of the classifier (``classifier.mark_by_classifier_many``
calls it after the other give-backs), so it reads the page's final decisions.

The classifier reads a story told in short lines (a live ticker, a table, a wiki page's
sections) as furniture at its edges: the lede above the first kept paragraph ("Captain
Ilsa Varnek is the commander of the frigate Halcyon ...") and the closing sentence under
the last one ("JR expects to resume service from the first train on the 5th.") go with
the short lines next to them. What tells them from the furniture that also sits there (a
newsletter pitch, a comment policy, a teaser's summary) is not their shape but their
words: a story's own sentence names what its kept paragraphs name (a person, a place, a
thing), furniture names the site.

* **Where**: a line the classifier cut that ends a sentence and is a paragraph by
  ``LineShape.is_paragraph``, within EDGE_MAX_LINES non-blank lines above the first kept
  story paragraph or below the last one, with only lines the classifier cut between it
  and the story (a rule's cut, a share bar, a "Read more" heading, a footer, closes the
  story: nothing beyond it comes back).
* **Echo**: one of its content words (ECHO_MIN_CHARS+ letters, compared by their first
  ECHO_MIN_CHARS letters: "freddo" ~ "fredda"; in Chinese and Japanese, a pair of Han
  characters: 運転) stands in a kept story paragraph too, and is no word of the page's
  furniture (a word of the lines a rule cut: the site's name, "newsletter").

No wording: positions, sentence ends and the page's own words.
"""
from __future__ import annotations

import re

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE, PROSE_MIN_WORDS
from corpus_clean.boilerplate.features import SENT_END, page_rows
from corpus_clean.boilerplate.story_body import HEADING_MAX_WORDS, MIN_OTHER_SENTENCE_END
from corpus_clean.boilerplate.story_inserts import (
    COMBINING_MARKS, PARAGRAPH_MIN_CHARS, LineShape, page_mask, sentence_end_lines,
)

# A lede or a closing sentence sits this close to the kept story (non-blank lines).
EDGE_MAX_LINES = 6
# A sentence worth the test: this many words, or this many characters (scripts without spaces).
SENTENCE_MIN_WORDS = 6
SENTENCE_MIN_CHARS = 24
# A content word: this many letters or more, compared by as many first letters.
ECHO_MIN_CHARS = 5

_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,}")
# A word: a run of word characters and combining marks (``story_inserts.COMBINING_MARKS``), so
# a word of a script with vowel signs stays whole (round 27: re's \w split "जात्रा" in three).
WORD = re.compile(r"[\w%s]+" % re.escape(COMBINING_MARKS))
_MARKS = frozenset(COMBINING_MARKS)


def content_keys(line: str) -> set[str]:
    """The keys of a line's content words: the first ECHO_MIN_CHARS letters, casefolded,
    of each word that long (digits and underscores aside), and each pair of adjacent Han
    characters (Chinese and Japanese write words without spaces).
    Not ``story_openings.word_keys`` (4 characters, space-split) nor ``story_inserts._name_keys``
    (6-letter stems): a lede's word meets the story's inflected one ("fredda", "freddo").

    >>> sorted(content_keys("Il freddo durerà fino a domenica."))
    ['domen', 'durer', 'fredd']
    >>> sorted(content_keys("JRは5日の始発から運転を再開する見込み"))
    ['再開', '始発', '見込', '運転']
    >>> sorted(content_keys("जात्रा कार्यक्रम:"))  # (a vowel sign stays in its word)
    ['कार्य', 'जात्र']
    """
    keys = set()
    for word in WORD.findall(line):
        if len(word) >= ECHO_MIN_CHARS and all(c.isalpha() or c in _MARKS for c in word) and not _HAN.search(word):
            keys.add(word[:ECHO_MIN_CHARS].casefold())
    for run in _HAN.findall(line):
        keys.update(run[k:k + 2] for k in range(len(run) - 1))
    return keys


def _nonblank_lines(ctx, start: int, step: int, limit: int) -> list[int]:
    """Up to `limit` non-blank lines from `start` (excluded) in direction `step`."""
    out, j = [], start + step
    while 0 <= j < ctx.lines.n_lines and len(out) < limit:
        if not ctx.blank[j]:
            out.append(j)
        j += step
    return out


def _edge_candidates(ctx, shape: LineShape, story_end: int, step: int) -> list[int]:
    """The sentences the classifier cut next to the story's edge line `story_end`, going
    `step` (-1: above the first kept paragraph, +1: below the last one), up to the first
    line that is not the classifier's cut."""
    out = []
    for j in _nonblank_lines(ctx, story_end, step, EDGE_MAX_LINES):
        if ctx.marks.rule[j] not in (None, CLASSIFIER_RULE):
            break
        if step > 0 and _is_block_heading(ctx, shape, j):
            break  # (under the story, a heading starts another block: "More news", "Weitere Meldungen")
        if ctx.marks.rule[j] == CLASSIFIER_RULE and _is_sentence(ctx, shape, j):
            out.append(j)
    return out


def _is_block_heading(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` is a short heading: HEADING_MAX_WORDS words or fewer, no digit, not a
    sentence ("More headlines", "Weitere Meldungen"; a table's row "Toyama 42 cm" is none)."""
    return (shape.n_words(i) <= HEADING_MAX_WORDS and not shape.ends_sentence(i)
            and not ctx.stats.n_digit[i] and not _is_sentence(ctx, shape, i))


def _is_sentence(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` ends a sentence and is SENTENCE_MIN_WORDS+ words or SENTENCE_MIN_CHARS+
    characters long (Japanese and Chinese write a sentence in few "words")."""
    return shape.ends_sentence(i) and (
        shape.n_words(i) >= SENTENCE_MIN_WORDS or len(ctx.lines.content[i].strip()) >= SENTENCE_MIN_CHARS)


def _is_site_word(key: str, furniture: list[str]) -> bool:
    """`key` stands in two or more of the lines a rule cut (`furniture`, casefolded): the
    site's name in its menu and its footer, "newsletter" in two sign-up lines. A word of
    the headline alone is the story's subject, not the site's. (A substring test: a key
    inside a longer word counts too, which only makes the step more careful.)"""
    return sum(1 for line in furniture if key in line) >= 2


def maybe_paragraph_lines(stats, blank: np.ndarray, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a story paragraph, by its counts alone: not blank, ending a
    sentence by the character table or in a code point outside it, long enough.
    (`last_rows`: unread, as ``batch.PAGE_MASKS`` passes it.)"""
    ends = ((stats.last_class & SENT_END) != 0) | (stats.last_char >= MIN_OTHER_SENTENCE_END)
    long_enough = (stats.n_words >= PROSE_MIN_WORDS) | (stats.n_chars >= PARAGRAPH_MIN_CHARS)
    return ends & long_enough & ~blank


def _maybe_paragraphs(ctx) -> np.ndarray:
    """The kept lines that may be story paragraphs (numpy, for the whole page:
    ``maybe_paragraph_lines``, its batch's slice when it has one); ``LineShape.is_paragraph``
    decides on these few."""
    return np.flatnonzero(page_mask(ctx, "maybe_paragraph_lines", maybe_paragraph_lines) & ~ctx.marks.removed())


def give_back_echoing_edges(ctx) -> None:
    """Give back the lede and closing sentences that echo the kept story (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Sign in\\n"
    ...               "Captain Ilsa Varnek is the commander of the frigate Halcyon in the second novel.\\n"
    ...               "Appearances\\nEmber Gate\\n"
    ...               "Varnek is stubborn and loyal, and often disobeys orders to protect her crew.\\n"
    ...               "Get the best of the wiki delivered to your inbox every single week.")
    >>> ctx.marks.rule[0] = "banners.subscription"
    >>> for i in (1, 2, 3, 5):
    ...     ctx.marks.rule[i] = "classifier"
    >>> give_back_echoing_edges(ctx)
    >>> ctx.marks.rule
    ['banners.subscription', None, 'classifier', 'classifier', None, 'classifier']
    """
    rule = ctx.marks.rule
    if CLASSIFIER_RULE not in rule:
        return
    # (a candidate is a sentence the classifier cut: none on most pages, whose lines ending a
    # sentence, listed for the whole batch at once, are asked before the story is looked for)
    if not any(rule[i] == CLASSIFIER_RULE for i in page_rows(ctx, "sentence_end_rows", sentence_end_lines)):
        return
    shape = LineShape(ctx.stats)
    content = ctx.lines.content
    story = [i for i in _maybe_paragraphs(ctx).tolist() if shape.is_paragraph(i)]
    if not story:
        return
    # (above the story, a lede is a paragraph: a headline that ends in "?" is not one)
    candidates = [i for i in _edge_candidates(ctx, shape, story[0], -1) if shape.is_paragraph(i)]
    candidates += _edge_candidates(ctx, shape, story[-1], 1)
    if not candidates:
        return
    story_keys = content_keys("\n".join(content[i] for i in story))  # (one pass over the story's text)
    furniture = None  # (the rule-cut lines, read only when a candidate echoes the story)
    for i in candidates:
        echoes = content_keys(content[i]) & story_keys
        if not echoes:
            continue
        if furniture is None:
            furniture = [content[j].casefold() for j, r in enumerate(rule) if r not in (None, CLASSIFIER_RULE)]
        if any(not _is_site_word(key, furniture) for key in echoes):
            rule[i] = None

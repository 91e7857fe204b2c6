"""Block steps after the classifier's line verdicts: the kept lines read as one article.

Each step takes one document's candidate lines (the lines no rule removed, in order)
and the verdicts so far, and returns the verdicts with the step applied; a ``_seg``
twin does the same for every document of a batch at once (entries document by
document, `doc` ascending), line for line the same answer (an ``_each`` twin: a loop
over the batch's documents, for a step that reads the lines' text).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from corpus_clean.boilerplate.features import SENT_END, UPPER

CLOSING_MIN_WORDS = 3  # "Work starts in May."
CLOSING_MAX_WORDS = 8
ARTICLE_END_MIN_WORDS = 8  # a kept sentence this long (or a paragraph) can be the last but one line of a story
APART_MIN_LINES = 4  # cut or rule-removed lines between two kept blocks
UNRELATED_MIN_WORDS = 20  # words of 4+ letters in a block below the article before it is judged
UNRELATED_MAX_ECHO = 0.15  # share of those words that recur in the article's block
# A block below the article with COPY_MIN_WORDS+ such words, at least COPY_MIN_SHARE as many
# as the article's, of which COPY_MIN_ECHO+ recur in it is a second copy of the article (the
# page's text holds its body twice). A repeated part (a recipe card's ingredients, a code
# sample shown twice, the terms under an offer) is smaller, and WCXB's gold keeps it.
COPY_MIN_WORDS = 50
COPY_MIN_SHARE = 0.75
COPY_MIN_ECHO = 0.9
LABEL_MAX_WORDS = 4  # "Ready for more?", "More on this", "Follow us"
_LONG_WORD = re.compile(r"\w{4,}")


def keep_lines_inside_the_article(p: np.ndarray, prose: np.ndarray, drop: np.ndarray,
                                  threshold: float) -> np.ndarray:
    """`drop` without the lines the model kept (`p` under `threshold`) that stand
    between the first and the last kept prose line.

    The run steps before this one cut whole runs of lines the model kept (a weak
    island: ``classifier.smooth_cut``). Between two kept paragraphs of the page, such a
    run is the article's own: a short passage between two widgets, a list of items under a
    heading, a table the model half-cut. The lines the model itself cuts stay cut.

    >>> p = np.array([0.9, 0.1, 0.9, 0.3, 0.2, 0.95, 0.1, 0.9, 0.2])
    >>> prose = np.array([0, 1, 0, 0, 0, 0, 1, 0, 0], dtype=bool)
    >>> drop = np.array([1, 0, 1, 1, 1, 1, 0, 1, 1], dtype=bool)  # lines 3-4: a cut island
    >>> keep_lines_inside_the_article(p, prose, drop, 0.6).astype(int).tolist()
    [1, 0, 1, 0, 0, 1, 0, 1, 1]
    """
    kept_prose = np.flatnonzero(~drop & prose)
    if len(kept_prose) < 2:
        return drop
    inside = np.zeros(len(drop), dtype=bool)
    inside[kept_prose[0]:kept_prose[-1]] = True
    return drop & ~(inside & (p < threshold))


def keep_lines_inside_the_article_seg(doc: np.ndarray, p: np.ndarray, prose: np.ndarray, drop: np.ndarray,
                                      threshold: float) -> np.ndarray:
    """``keep_lines_inside_the_article`` of every document of a batch."""
    n = len(drop)
    if n == 0:
        return drop
    n_docs = int(doc[-1]) + 1
    kept_prose = ~drop & prose
    position = np.arange(n)
    first = np.full(n_docs, n)
    last = np.full(n_docs, -1)
    np.minimum.at(first, doc[kept_prose], position[kept_prose])
    np.maximum.at(last, doc[kept_prose], position[kept_prose])
    inside = (position >= first[doc]) & (position < last[doc])  # (empty where a document has < 2)
    return drop & ~(inside & (p < threshold))


def closing_sentence_shape(n_words: np.ndarray, first_class: np.ndarray, last_char: np.ndarray) -> np.ndarray:
    """Per line: could it be a story's short closing sentence: CLOSING_MIN_WORDS to
    CLOSING_MAX_WORDS words, a capital first letter and a full stop at the end.

    A question or an exclamation ("Ready for more?", "Sign up now!") is a call to
    action far more often than a story's last line, so only a full stop counts.

    >>> from corpus_clean.boilerplate.features import UPPER, LOWER
    >>> closing_sentence_shape(np.array([4, 4, 4, 2]), np.array([UPPER, UPPER, LOWER, UPPER]),
    ...                        np.array([ord("."), ord("?"), ord("."), ord(".")])).tolist()
    [True, False, False, False]
    """
    return ((n_words >= CLOSING_MIN_WORDS) & (n_words <= CLOSING_MAX_WORDS) & ((first_class & UPPER) > 0)
            & (last_char == ord(".")))


def can_end_the_article(n_words: np.ndarray, last_class: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Per line: a paragraph, or a sentence of ARTICLE_END_MIN_WORDS+ words."""
    return prose | ((n_words >= ARTICLE_END_MIN_WORDS) & ((last_class & SENT_END) > 0))


def ends_the_story_run(closing: np.ndarray, ends_article: np.ndarray, follows: np.ndarray) -> np.ndarray:
    """Per line: a paragraph that can end the article (`ends_article`), or a short
    closing sentence right under such a line or under another such sentence. The
    model may keep the first of a story's one-sentence closing paragraphs ("Work starts
    in May.") and cut the next ("It should end by spring."): the run still ends the story.

    >>> ends_the_story_run(np.array([0, 1, 1, 1], dtype=bool), np.array([1, 0, 0, 0], dtype=bool),
    ...                    np.array([0, 1, 1, 0], dtype=bool)).astype(int).tolist()
    [1, 1, 1, 0]
    """
    position = np.arange(len(closing))
    last_end = np.maximum.accumulate(np.where(ends_article, position, -1))
    broken = np.cumsum(~(closing & follows))
    return (last_end >= 0) & (broken == broken[np.maximum(last_end, 0)])


def keep_closing_sentences(closing: np.ndarray, ends_article: np.ndarray, follows: np.ndarray,
                           drop: np.ndarray) -> np.ndarray:
    """`drop` without the story's short closing sentences the model cut.

    Read down from the last kept line: when it is a paragraph (`ends_article`) or a short
    sentence of the run that follows one (``ends_the_story_run``), the cut
    lines right under it (`follows`: no line a rule removed between) that have the
    shape of a short sentence (`closing`: ``closing_sentence_shape``) come back, up to
    the first line that has not. On a whole page the model scores a story's last
    one-sentence paragraphs ("Work starts in May." / "It should end by spring.")
    like the page furniture below them (0.7-0.9); nothing is kept after them, so
    giving them back takes no line from below the story. A newsletter or comment box
    under a story starts with a heading or a question, which stops the run.

    >>> closing = np.array([0, 0, 1, 1, 0, 1], dtype=bool)
    >>> ends_article = np.array([1, 1, 0, 0, 0, 0], dtype=bool)
    >>> follows = np.ones(6, dtype=bool)
    >>> drop = np.array([0, 0, 1, 1, 1, 1], dtype=bool)  # lines 2-3: two short sentences
    >>> keep_closing_sentences(closing, ends_article, follows, drop).astype(int).tolist()
    [0, 0, 0, 0, 1, 1]
    """
    kept = np.flatnonzero(~drop)
    if len(kept) == 0 or not ends_the_story_run(closing, ends_article, follows)[kept[-1]]:
        return drop
    out = drop.copy()
    for i in range(kept[-1] + 1, len(drop)):
        if not (closing[i] and follows[i]):
            break
        out[i] = False
    return out


def keep_closing_sentences_of(stats, prose: np.ndarray, idx: np.ndarray, follows: np.ndarray,
                              drop: np.ndarray) -> np.ndarray:
    """``keep_closing_sentences`` of one document's candidate lines `idx` (`stats`,
    `prose`: its per-line counts and paragraph mask)."""
    closing = closing_sentence_shape(stats.n_words[idx], stats.first_class[idx], stats.last_char[idx])
    return keep_closing_sentences(closing, can_end_the_article(stats.n_words[idx], stats.last_class[idx], prose[idx]),
                                  follows, drop)


def keep_closing_sentences_seg(doc: np.ndarray, closing: np.ndarray, ends_article: np.ndarray, follows: np.ndarray,
                               drop: np.ndarray) -> np.ndarray:
    """``keep_closing_sentences`` of every document of a batch (`follows` is False on
    each document's first entry)."""
    n = len(drop)
    if n == 0:
        return drop
    position = np.arange(n)
    last = np.full(int(doc[-1]) + 1, -1)
    kept = ~drop
    np.maximum.at(last, doc[kept], position[kept])
    last_of_doc = last[doc]
    has_end = (last_of_doc >= 0) & ends_the_story_run(closing, ends_article, follows)[np.maximum(last_of_doc, 0)]
    # An entry comes back when every entry from its document's last kept line down to
    # it is a closing sentence right under the one above.
    broken = np.cumsum(~(closing & follows))
    run_clean = broken == broken[np.maximum(last_of_doc, 0)]
    return drop & ~(has_end & (position > last_of_doc) & run_clean)


def dangling_label_shape(n_words: np.ndarray, last_char: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Per line: could it be a label: at most LABEL_MAX_WORDS words, not a paragraph, and
    no full stop at its end (a story's short last sentence ends in one).

    >>> dangling_label_shape(np.array([3, 3, 9]), np.array([ord("?"), ord("."), ord("?")]),
    ...                      np.zeros(3, dtype=bool)).tolist()
    [True, False, False]
    """
    return (n_words <= LABEL_MAX_WORDS) & (last_char != ord(".")) & ~prose


def cut_dangling_label(label: np.ndarray, rule_cut_next: np.ndarray, drop: np.ndarray) -> np.ndarray:
    """`drop` plus the kept text's last line when it is a short label (`label`:
    ``dangling_label_shape``) over a line a rule removed (`rule_cut_next`), with kept
    text above it.

    A heading or a prompt introduces what follows it. At the end of the kept text, over
    lines the rules cut (a newsletter box, a share bar, a list of links), it belongs to
    them: "Ready for more?" over "Sign up for our morning newsletter.", "More on this
    story" over a teaser list. Only the one last line, and never the only kept line.

    >>> label = np.array([0, 0, 1], dtype=bool)
    >>> rule_cut_next = np.array([0, 0, 1], dtype=bool)
    >>> cut_dangling_label(label, rule_cut_next, np.zeros(3, dtype=bool)).astype(int).tolist()
    [0, 0, 1]
    >>> cut_dangling_label(label, np.zeros(3, dtype=bool), np.zeros(3, dtype=bool)).astype(int).tolist()
    [0, 0, 0]
    """
    kept = np.flatnonzero(~drop)
    if len(kept) < 2 or not (label[kept[-1]] and rule_cut_next[kept[-1]]):
        return drop
    out = drop.copy()
    out[kept[-1]] = True
    return out


def cut_dangling_label_seg(doc: np.ndarray, label: np.ndarray, rule_cut_next: np.ndarray,
                           drop: np.ndarray) -> np.ndarray:
    """``cut_dangling_label`` of every document of a batch."""
    n = len(drop)
    if n == 0:
        return drop
    n_docs = int(doc[-1]) + 1
    kept = ~drop
    position = np.arange(n)
    last = np.full(n_docs, -1)
    np.maximum.at(last, doc[kept], position[kept])
    n_kept = np.bincount(doc[kept], minlength=n_docs)
    cut = (position == last[doc]) & (n_kept[doc] >= 2) & label & rule_cut_next
    return drop | cut


def cut_unrelated_blocks_below(content: Sequence[str], line_of: np.ndarray, rows: np.ndarray,
                               drop: np.ndarray) -> np.ndarray:
    """`drop` plus the kept blocks below the article that do not talk about it.

    The kept lines fall into blocks where APART_MIN_LINES+ lines that are not kept
    (`rows`: each candidate's row among the page's non-blank lines) stand between
    them. The block with the most words of 4+ letters is the article. A block below
    it with UNRELATED_MIN_WORDS+ such words of which under UNRELATED_MAX_ECHO recur
    in the article is cut whole: a cookie notice ("Privacy Overview ... Necessary
    cookies are absolutely essential ..."), a market-data disclaimer, another story's
    summary, a page of quotations under a short post. A story's own last block, after
    an inline widget, comes back to its names and places. Only blocks below: above the
    article a standfirst or a lede names the story in other words. (`content[line_of[k]]`:
    candidate k's text.)

    A block below as long as the article (COPY_MIN_SHARE of its words, COPY_MIN_WORDS+)
    of whose words COPY_MIN_ECHO+ recur in it is the article again (a page whose text
    holds its body twice, re-wrapped: a print or AMP copy): it goes too. A story's own
    later part brings new words in every paragraph (on the benches' pages, out of fold,
    at most 0.66 of them recur above it); a part shown twice (a recipe card's
    ingredients, a code sample) is shorter than the article.

    >>> content = ["The harbour council voted on Monday to close the old bridge for repairs after engineers "
    ...            "found cracks in the steel beams under both approach spans.",
    ...            "Drivers will use the northern ring road, which the transport department says can carry "
    ...            "the extra traffic once two junctions are widened.",
    ...            "Menu", "Share", "Sign in", "Search",
    ...            "Necessary cookies enable basic functions like page navigation and access to secure areas "
    ...            "of this website which cannot function properly without these cookies."]
    >>> drop = np.array([0, 0, 1, 1, 1, 1, 0], dtype=bool)
    >>> cut_unrelated_blocks_below(content, np.arange(7), np.arange(7), drop).astype(int).tolist()
    [0, 0, 1, 1, 1, 1, 1]
    """
    kept = np.flatnonzero(~drop)
    if len(kept) < 2:
        return drop
    starts = np.concatenate(([0], np.flatnonzero(np.diff(rows[kept]) > APART_MIN_LINES) + 1))  # (np.r_: ~8x slower)
    if len(starts) < 2:
        return drop
    blocks = np.split(kept, starts[1:])
    words = [[w for k in block.tolist() for w in _LONG_WORD.findall(content[line_of[k]].lower())] for block in blocks]
    main = int(np.argmax([len(w) for w in words]))
    article = set(words[main])
    out = drop.copy()
    for block, block_words in zip(blocks[main + 1:], words[main + 1:]):
        if len(block_words) >= UNRELATED_MIN_WORDS:
            echo = sum(w in article for w in block_words) / len(block_words)
            if echo < UNRELATED_MAX_ECHO or (echo >= COPY_MIN_ECHO and len(block_words) >= COPY_MIN_WORDS
                                             and len(block_words) >= COPY_MIN_SHARE * len(words[main])):
                out[block] = True
    return out


def cut_unrelated_blocks_below_each(contents: list, line_ofs: list, bounds: np.ndarray, unmarked: np.ndarray,
                                    drop: np.ndarray) -> np.ndarray:
    """``cut_unrelated_blocks_below`` of every document of a batch (`bounds`: each
    document's rows; `unmarked`, `drop`: per row; `contents`, `line_ofs`: per document,
    its lines' texts and its rows' line numbers). Only documents with two kept blocks
    read their text, and only they go through the page's own function: which they are is
    read off the batch's rows in one pass (``documents_with_two_blocks``).

    >>> story = ["The harbour council voted on Monday to close the old bridge for repairs after engineers "
    ...          "found cracks in the steel beams under both approach spans.",
    ...          "Drivers will use the northern ring road, which the transport department says can carry "
    ...          "the extra traffic once two junctions are widened.", "Menu", "Share", "Sign in", "Search",
    ...          "Necessary cookies enable basic functions like page navigation and access to secure areas "
    ...          "of this website which cannot function properly without these cookies."]
    >>> drop = np.array([0, 0, 1, 1, 1, 1, 0, 0, 0], dtype=bool)
    >>> cut_unrelated_blocks_below_each([story, ["One.", "Two."]], [np.arange(7), np.arange(2)],
    ...                                 np.array([0, 7, 9]), np.ones(9, dtype=bool), drop).astype(int).tolist()
    [0, 0, 1, 1, 1, 1, 1, 0, 0]
    """
    out = drop.copy()
    bounds_list = bounds.tolist()
    for k in documents_with_two_blocks(bounds, unmarked & ~drop).tolist():
        lo, hi = bounds_list[k], bounds_list[k + 1]
        cand = np.flatnonzero(unmarked[lo:hi])
        out[lo + cand] = cut_unrelated_blocks_below(contents[k], line_ofs[k][cand], cand, drop[lo + cand])
    return out


def documents_with_two_blocks(bounds: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """The documents (ascending) whose `kept` rows fall into two blocks or more, i.e. with
    more than APART_MIN_LINES rows between two kept ones (`bounds`: each document's rows):
    the only pages ``cut_unrelated_blocks_below`` can change. One pass over a batch's rows
    for what its page loop found page by page (~10 numpy calls a page).

    >>> kept = np.array([1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1], dtype=bool)
    >>> documents_with_two_blocks(np.array([0, 7, 11]), kept).tolist()
    [0]
    """
    rows = np.flatnonzero(kept)
    if len(rows) < 2:
        return rows[:0]
    doc = np.searchsorted(bounds, rows, side="right") - 1
    apart = (rows[1:] - rows[:-1] > APART_MIN_LINES) & (doc[1:] == doc[:-1])
    return np.unique(doc[1:][apart])

"""A line classifier over cheap features: small gradient-boosted trees in numpy.

The model is a JSON file (``classifier.json``): feature names, a base score, and a
set of oblivious depth-D trees stored as arrays (one split feature and threshold per
level, a value per leaf). A row's leaf in every tree is read off the bits of D
comparisons, so prediction is a gather, a comparison and a sum over all trees and
rows at once: a handful of array operations per document, whatever its length.

Features (one row per non-blank line; "neighbours" are the non-blank lines around):

* the line itself: words, characters, punctuation/digit/capitalised-word/function-word
  ratios, all-caps ratio, how it starts and ends (sentence end, comma/colon, letter,
  lower-case or punctuation start), how often the same line occurs in the document,
  whether a rule pack already removed it;
* position: line rank and character offset in the document (0..1), share of the
  document's prose lines above and below it, distance to the nearest prose line;
* neighbour context: words of the lines 1 and 2 above/below, share of prose lines and
  of rule-removed lines in windows of 3 and 10 lines around it;
* teaser lists: how often the "headline-like" flag flips from line to line in windows
  of 3 and 10 lines (a list of headline + one-sentence summary flips at every line),
  how much line lengths vary in those windows (teasers are alike, paragraphs vary),
  whether the line ends in "..." (a cut-off summary);
* inline-link fragments: whether the line belongs to a chain of lines that continue
  each other (flattened HTML puts every link on its own line), the chain's words and
  lines, whether the chain ends a sentence;
* the document: number of lines, share of prose lines, whether paragraphs are
  separated by blank lines (the flattened-HTML pages of the benchmark are not; the
  gold bodies fed in as clean training documents are, see ``training/fit.py``).
* against the page's own prose: capitalised-word share, function-word share and word
  length minus their median over the document's prose lines (German capitalises its
  nouns: ``against_the_documents_prose``).

The kept lines are then read as one article block (``smooth_cut``): a weak island of
kept lines between cut ones goes, and the first paragraph of the main block stays.

Refit with ``python -m training.fit BENCH.jsonl.gz`` (see ``training/fit.py``).
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from corpus_clean import native
from corpus_clean.boilerplate import blocks
from corpus_clean.boilerplate.blocks import keep_lines_inside_the_article, keep_lines_inside_the_article_seg
from corpus_clean.boilerplate.author_bio import mark_author_bio
from corpus_clean.boilerplate.engine import CLASSIFIER_RULE, marked
from corpus_clean.boilerplate.lead_by_title import give_back_lead_by_title
from corpus_clean.boilerplate.story_body import give_back_story_body_lines
from corpus_clean.boilerplate.story_counts import mark_counted_lists
from corpus_clean.boilerplate.story_excerpts import mark_cut_short_excerpts
from corpus_clean.boilerplate.story_cards import mark_other_stories_cards
from corpus_clean.boilerplate.story_echo import give_back_echoing_edges
from corpus_clean.boilerplate.story_inserts import mark_captions_over_credits, mark_story_inserts
from corpus_clean.boilerplate.story_lists import give_back_list_lines
from corpus_clean.boilerplate.story_name_box import mark_name_box
from corpus_clean.boilerplate.features import (
    _CLASS_TABLE_CLAMPED, _WIDE_CLASSES, ALPHA, DIGIT, LOWER, PUNCT, SENT_END, LineStats, _classes,
    first_copies, lines_of_stripped,
)

MODEL_PATH = Path(__file__).parent / "classifier.json"
RULE = CLASSIFIER_RULE
# What a short page keeps above or below its story that ends no sentence
# (``cut_furniture_outside_the_story``).
OUTSIDE_STORY = "classifier.outside_story"

FEATURE_NAMES = [
    "log_words", "log_chars", "punct_ratio", "digit_ratio", "cap_word_ratio",
    "stop_ratio", "upper_ratio", "ends_sentence", "ends_comma_colon", "ends_alnum",
    "starts_lower", "starts_punct", "log_repeats", "rule_removed",
    "rel_line", "rel_char", "prose_above", "prose_below", "log_dist_prose", "in_body_span",
    "log_words_prev1", "log_words_next1", "log_words_prev2", "log_words_next2",
    "prose_win3", "prose_win10", "removed_win3", "removed_win10",
    "log_doc_lines", "doc_prose_share", "below_comment_marker", "below_end_marker",
    "cap_word_ratio_prev1", "cap_word_ratio_next1", "ends_sentence_prev1", "ends_sentence_next1",
    "below_title_copy", "log_dist_title_copy",
    "title_like_win3", "title_like_win10", "ends_sentence_win3", "log_words_win3", "log_words_win10",
    "paragraph_format", "title_alternation_win3", "title_alternation_win10",
    "log_words_var_win3", "log_words_var_win10", "ends_ellipsis",
    "in_fragment_chain", "log_chain_words", "log_chain_lines", "chain_ends_sentence",
    "log_prose_run_words", "in_main_run", "log_dist_main_run", "main_run_share", "main_run_above",
    "log_short_run_lines", "log_prose_run_lines", "log_rows_below_teaser_heading",
    "echo_main", "echo_main_win3", "echo_main_win10", "record_like", "record_like_win3", "record_like_win10",
] + [
    # Language-normalised twins (``against_the_documents_prose``): the line's value minus
    # the median of its document's prose lines, so German prose (capitalised nouns, no
    # English function words) and English prose read alike.
    "cap_word_ratio_vs_prose", "stop_ratio_vs_prose", "word_length_vs_prose",
    "cap_word_ratio_vs_prose_win3", "title_like_vs_prose_win3",
] + [
    # Runs of short lines that continue the story (``story_list_features``): items that
    # start alike (numbers, bullets, times, "NAME:"), questions, an announcing ":" above.
    "parallel_start", "parallel_start_win3", "parallel_start_win10", "question_win3", "log_rows_below_announcement",
] + [
    # The stretch of non-prose lines a line sits in, read against the story around it
    # (``story_gap_features``): a list, a results table or a Q&A inside the story is a
    # short stretch between two paragraphs that talk about the same things, with no
    # rule cut in it; a menu or teaser list is open to the page's edge, or full of cuts.
    "log_gap_lines", "gap_removed_share", "gap_echo_main", "gap_bounds_echo_main",
] + [
    # Rule cuts read by their KIND (``is_furniture_rule``): the share of lines around a line
    # (3, 10) and of its stretch cut by page-furniture rules (menus, share bars, teaser
    # and related blocks, comments, footers, wiki chrome). A time stamp, dateline, caption
    # or ad label is cut from inside stories too, so it says nothing about its neighbours:
    # with every cut counted (removed_win3/10, gap_removed_share) a live blog whose entry
    # times a dateline rule cuts read as a stretch of furniture (round 14, textq13).
    "gap_furniture_share", "furniture_win3", "furniture_win10",
] + [
    # What a line is to the story around it (``story_continuity_features``, round 15): do
    # the paragraphs above and below it continue each other (a caption or an ad dropped
    # between two paragraphs of one story), does the line share their words, does it
    # break into a sentence, how many lone lines sit between the page's paragraphs (a
    # story's subheadings come in series, a caption alone), the run of same-shaped lines
    # it belongs to (a related-links list, a comment thread's name and date lines) and
    # whether it is below the story's main run of prose.
    "bridge_overlap", "line_overlap_around", "interrupts_sentence", "log_lone_lines_doc",
    "log_same_shape_run", "below_main_run",
]
# The columns of ``story_continuity_features``: computed only for a model that reads one
# of them (zeros otherwise), since they cost ~2-3 % of the text path.
CONTINUITY_NAMES = ("bridge_overlap", "line_overlap_around", "interrupts_sentence", "log_lone_lines_doc",
                    "log_same_shape_run")
# Stage 2 sees stage 1's probabilities around each line (stacking): the article is a
# contiguous block, so a line's neighbours' scores say a lot about it.
STAGE2_NAMES = FEATURE_NAMES + [
    "p1", "p1_prev1", "p1_next1", "p1_win3", "p1_win10", "in_main_block", "log_dist_main_block",
    "main_block_share", "article_words_above", "article_words_below",
]
# Headings over a list of teasers ("Read next", "You may also like", "Related"): the
# lines under them, up to the article's next prose run, are more teasers.
TEASER_MARKERS = ("ads.recommended_block", "ads.sponsored_block", "outlets.teaser_heading", "outlets.read_more",
                  "structure.related_topics")
END_MARKERS = ("news.contributed", "news.reporting_credit", "footer.copyright", "footer.rights_reserved")
MAIN_BLOCK_MAX_GAP = 3
# The main run of prose (a stage-1 feature): prose lines with at most this many other
# lines between them (a subheading, a caption, a link line inside the article).
MAIN_RUN_MAX_GAP = 2
# A "short line" of a menu or link list: at most this many words, no sentence end.
SHORT_LINE_WORDS = 4
MIN_LINES = 12
# ... or a short page (SHORT_PAGE_MIN_LINES+ non-blank lines) that holds at least
# SHORT_PAGE_MIN_PROSE paragraphs the rules left: a news story cut out of its page keeps
# its byline, share bar and footer in a dozen lines, and on such pages the rules alone
# removed 52-66 % of the noise lines in wording they do not know (Danish, Polish, Turkish
# ..., own pages written for the eighth round; benchmarks/news_pages.py).
SHORT_PAGE_MIN_LINES = 5
SHORT_PAGE_MIN_PROSE = 2
# ... counting as a paragraph a sentence of this many non-space characters, whatever its
# word count: Finnish, Turkish or Hungarian say in 8-11 long words what English says in
# 12+ ("Kokeilu kestää vuoden loppuun, minkä jälkeen sen jatkosta päätetään.").
SHORT_PAGE_PARAGRAPH_MIN_CHARS = 60
# On a short page, a sentence of this many words right under a kept sentence continues
# the story, whatever the model says of it ("Results are expected on Sunday.").
CLOSING_SENTENCE_MIN_WORDS = 3
# ... and a paragraph after at most this many cut short lines (an inline widget) under a
# kept paragraph resumes it.
WIDGET_MAX_LINES = 3
# A line is "record-like" (features) when a line 2..RECORD_MAX_PERIOD lines away has its
# shape: words binned at RECORD_WORD_BINS, sentence end, title-like, all capitals.
RECORD_MAX_PERIOD = 5
RECORD_WORD_BINS = [4, 10, 25]
FALLBACK_MARGIN = 0.1
# The article is one block: a run of kept lines with cut lines on both sides is cut too
# unless its summed evidence (log-odds below the threshold's) reaches this many nats.
ISLAND_PENALTY = 4.0
# The kept text's first or last SHIFT_MIN_LINES+ lines go when they score on average
# SHIFT_NATS log-odds more boilerplate-like than the rest of it and their mean P is at
# least SHIFT_MIN_P (cut_shifted_ends; chosen by leave-one-dataset-out, see
# benchmarks/RESULTS-boilerplate.md).
SHIFT_NATS = 2.5
SHIFT_MIN_LINES = 5
SHIFT_MIN_P = 0.18
# A line of running text this long that ends no sentence was wrapped (paragraph_view).
WRAPPED_MIN_WORDS = 8
# Cut lines this short ("[12]", ")", "Advertisement") inside a run of kept lines do not
# split it into islands (smooth_cut): a paragraph between two citation marks is no island.
BRIDGE_MAX_WORDS = 2
# A cut line of at most this many words between kept article text and a kept prose
# paragraph is a subheading (keep_subheadings).
SUBHEADING_MAX_WORDS = 10


# Window sums are taken in fixed point (integer-valued float64 sums are exact), so a
# row's features never depend on which other documents share its batch.
FIXED_POINT = 2.0**20


class Rows:
    """The feature rows of several documents, one document after another (a batch).

    Every per-document quantity (positions, windows, running counts) is computed for
    all rows at once and kept inside each row's own document.

    >>> rows = Rows(np.array([0, 3, 5]))
    >>> rows.doc_of.tolist(), rows.local.tolist(), rows.n_doc.tolist()
    ([0, 0, 0, 1, 1], [0, 1, 2, 0, 1], [3, 3, 3, 2, 2])
    """

    def __init__(self, bounds: np.ndarray):
        self.bounds = bounds  # first row of each document, then the number of rows
        counts = np.diff(bounds)
        if (counts <= 0).any():
            raise ValueError("every document of a batch needs at least one row")
        self.n_docs = len(counts)
        self.doc_of = np.repeat(np.arange(self.n_docs), counts)
        self.first = bounds[:-1][self.doc_of]  # per row: its document's first row
        self.end = bounds[1:][self.doc_of]  # per row: one past its document's last row
        self.n_doc = self.end - self.first  # per row: its document's number of rows
        self.pos = np.arange(bounds[-1])
        self.local = self.pos - self.first  # per row: its rank in its document

    @classmethod
    def single(cls, n: int) -> "Rows":
        return cls(np.array([0, n]))

    def per_doc(self, values: np.ndarray) -> np.ndarray:
        """A per-document value repeated on each of the document's rows."""
        return values[self.doc_of]

    def total(self, x: np.ndarray) -> np.ndarray:
        """Per-document sum of x (integer-valued x: exact)."""
        return np.bincount(self.doc_of, weights=x, minlength=self.n_docs)

    def running(self, x: np.ndarray) -> np.ndarray:
        """Sum of x over the rows of the document up to and including each row."""
        c = np.cumsum(x, dtype=np.float64)
        return c - (c - x)[self.first]

    def window_mean(self, x: np.ndarray, radius: int) -> np.ndarray:
        """Mean of x over rows [i-radius, i+radius] of row i's document, without row i
        itself (fewer rows at the document's edges).

        `x` is one column or several side by side (one cumulative sum for all of them).
        """
        q = np.round(x * FIXED_POINT)
        c = np.zeros((len(q) + 1,) + q.shape[1:])
        np.cumsum(q, axis=0, out=c[1:])
        lo = np.maximum(self.pos - radius, self.first)
        hi = np.minimum(self.pos + radius + 1, self.end)
        total = (c[hi] - c[lo] - q) / FIXED_POINT
        count = np.maximum(hi - lo - 1, 1)
        return total / (count if x.ndim == 1 else count[:, None])

    def shift(self, x: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
        """x of the row k rows above (k > 0) or below (k < 0) in the same document, else `fill`."""
        out = np.full_like(x, fill)
        if k > 0:
            out[k:] = x[:-k]
            out[self.local < k] = fill
        elif k < 0:
            out[:k] = x[-k:]
            out[self.local - k >= self.n_doc] = fill
        else:
            out[:] = x
        return out


class Runs:
    """Runs of flagged rows in each document: flagged rows with at most `max_gap`
    unflagged rows between them (never across documents), weighted by `weight`.

    >>> rows = Rows(np.array([0, 6]))
    >>> runs = Runs(rows, np.array([1, 1, 0, 1, 0, 0], dtype=bool), 0, np.array([5., 5, 1, 9, 1, 1]))
    >>> runs.weight_of_row().tolist(), runs.lines_of_row().tolist()
    ([10.0, 10.0, 0.0, 9.0, 0.0, 0.0], [2.0, 2.0, 0.0, 1.0, 0.0, 0.0])
    >>> [v.tolist() for v in runs.heaviest()]  # first row, last row, weight
    [[0], [1], [10.0]]
    """

    def __init__(self, rows: Rows, flag: np.ndarray, max_gap: int, weight: np.ndarray):
        self.rows = rows
        good = np.flatnonzero(flag)
        doc = rows.doc_of[good]
        new_run = np.r_[True, (np.diff(good) > max_gap + 1) | (doc[1:] != doc[:-1])] if len(good) else good
        run = np.cumsum(new_run) - 1
        self.doc = doc[new_run] if len(good) else good
        self.first = good[new_run] if len(good) else good
        self.last = good[np.r_[new_run[1:], True]] if len(good) else good
        self.weight = np.bincount(run, weights=weight[good]) if len(good) else np.zeros(0)
        self.lines = np.bincount(run).astype(np.float64) if len(good) else np.zeros(0)

    def _run_of_row(self) -> np.ndarray:
        """Per row: the run whose first..last rows hold it, else -1."""
        pos = self.rows.pos
        if len(self.first) == 0:
            return np.full(len(pos), -1)
        k = np.searchsorted(self.first, pos, side="right") - 1
        inside = (k >= 0) & (pos <= self.last[np.maximum(k, 0)])
        return np.where(inside, k, -1)

    def weight_of_row(self) -> np.ndarray:
        k = self._run_of_row()
        return np.where(k >= 0, self.weight[np.maximum(k, 0)] if len(self.weight) else 0.0, 0.0)

    def lines_of_row(self) -> np.ndarray:
        k = self._run_of_row()
        return np.where(k >= 0, self.lines[np.maximum(k, 0)] if len(self.lines) else 0.0, 0.0)

    def heaviest(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per document: first and last row of its heaviest run (the first of equals;
        -1 when none) and that run's weight."""
        n_docs = self.rows.n_docs
        lo, hi, weight = np.full(n_docs, -1), np.full(n_docs, -1), np.zeros(n_docs)
        if len(self.first):
            order = np.lexsort((np.arange(len(self.weight)), -self.weight, self.doc))
            best = order[np.r_[True, self.doc[order][1:] != self.doc[order][:-1]]]
            lo[self.doc[best]] = self.first[best]
            hi[self.doc[best]] = self.last[best]
            weight[self.doc[best]] = self.weight[best]
        return lo, hi, weight


# What a line's rule means to the features, as bits (cached per rule id; None: kept).
REMOVED, COMMENT_MARKER, END_MARKER, TITLE_COPY, TEASER_MARKER, FURNITURE = 1, 2, 4, 8, 16, 32
# Rule kinds that also cut lines from inside a story (between its paragraphs or at its
# head): dates and times, datelines and bylines, headlines, captions and photo credits,
# ad labels, reading times, separators, inserts. Every other rule cuts page furniture.
STORY_INTERNAL_KIND = re.compile(r"date|byline|headline|caption|credit|photo|ad_label|advertisement|reading_time"
                                 r"|separator|insert|media_ui")
_FLAGS_OF_RULE: dict[str | None, int] = {None: 0}


def doc_median(rows: Rows, x: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Per row: the (lower) median of `x` over the `among` rows of its document, or over
    all its rows when it has none.

    >>> rows = Rows(np.array([0, 4, 6]))
    >>> doc_median(rows, np.array([0.1, 0.9, 0.3, 0.2, 5.0, 7.0]),
    ...            np.array([True, False, True, True, False, False])).tolist()
    [0.2, 0.2, 0.2, 0.2, 5.0, 5.0]
    """
    has_any = rows.total(among.astype(np.float64)) > 0
    use = np.flatnonzero(among | ~has_any[rows.doc_of])
    order = use[np.lexsort((x[use], rows.doc_of[use]))]
    counts = np.bincount(rows.doc_of[order], minlength=rows.n_docs)
    first = np.r_[0, np.cumsum(counts)[:-1]]
    return x[order[first + (counts - 1) // 2]][rows.doc_of]


# A title-like line, read against the page's prose: capitalised words this much more often.
TITLE_LIKE_CAPS_OVER_PROSE = 0.4


def against_the_documents_prose(rows: Rows, prose: np.ndarray, cap_ratio: np.ndarray, stop_ratio: np.ndarray,
                                word_length: np.ndarray, ends_sentence: np.ndarray,
                                w: np.ndarray) -> list[np.ndarray]:
    """Language-normalised twins of the features whose values depend on how a language
    writes prose: each line's value minus the median over its document's prose lines
    (10+ words ending a sentence; all lines when there are none).

    German capitalises every noun (a paragraph's capitalised-word share is ~0.35, an
    English one's ~0.12) and has no English function words, so on the raw features a
    German paragraph looks like a heading or a menu. Against the page's own prose, a
    paragraph is ~0 in either language and a title-case menu item stands out in both.
    Columns: capitalised-word share, function-word share, mean word length (letters per
    word), the first's mean over the 3 lines either side, and the share of title-like
    lines (3+ words, TITLE_LIKE_CAPS_OVER_PROSE over the prose, no sentence end) among them.

    >>> rows = Rows(np.array([0, 3]))
    >>> cap = np.array([0.4, 0.35, 1.0]); prose = np.array([1., 1., 0.])
    >>> twins = against_the_documents_prose(rows, prose, cap, np.zeros(3), np.full(3, 5.0),
    ...                                     np.array([1., 1., 0.]), np.array([12., 14., 4.]))
    >>> np.round(twins[0], 2).tolist()  # the menu item stands out, the paragraphs do not
    [0.05, 0.0, 0.65]
    """
    cap_rel = cap_ratio - doc_median(rows, cap_ratio, prose > 0)
    stop_rel = stop_ratio - doc_median(rows, stop_ratio, prose > 0)
    length_rel = word_length - doc_median(rows, word_length, prose > 0)
    title_like_rel = ((w >= 3) & (cap_rel >= TITLE_LIKE_CAPS_OVER_PROSE) & (ends_sentence == 0)).astype(np.float64)
    cap_rel_3, title_like_rel_3 = rows.window_mean(np.column_stack([cap_rel, title_like_rel]), 3).T
    return [cap_rel, stop_rel, length_rel, cap_rel_3, title_like_rel_3]


def is_furniture_rule(rule: str) -> bool:
    """Whether a rule's kind cuts page furniture, never a line from inside a story.

    >>> [is_furniture_rule(r) for r in ("nav.menu_run", "social.share_bar", "outlets.dateline", "news.photo_caption")]
    [True, True, False, False]
    """
    return STORY_INTERNAL_KIND.search(rule) is None


def _rule_flags(rule: str) -> int:
    return (REMOVED | (FURNITURE if is_furniture_rule(rule) else 0) | (COMMENT_MARKER if rule.startswith("comments.") else 0)
            | (END_MARKER if rule in END_MARKERS else 0) | (TITLE_COPY if rule == "repeat.headline" else 0)
            | (TEASER_MARKER if rule in TEASER_MARKERS else 0))


def _feature_major(columns: list, n: int, head: np.ndarray | None = None) -> np.ndarray:
    """Stack columns (arrays or scalars) into an (n, k) float32 matrix.

    Built feature-major (one contiguous row per feature): the trees gather whole
    features, so the model reads X.T without a copy.
    """
    k0 = 0 if head is None else head.shape[1]
    by_feature = np.empty((k0 + len(columns), n), dtype=np.float32)
    if head is not None:
        by_feature[:k0] = head.T
    for j, column in enumerate(columns, start=k0):
        by_feature[j] = column
    return by_feature.T


def line_features(ctx) -> tuple[np.ndarray, np.ndarray]:
    """Return (indices of non-blank lines, feature matrix with FEATURE_NAMES columns)."""
    idx = np.flatnonzero(~ctx.blank)
    if len(idx) == 0:
        return idx, np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    idxs, X, _ = line_features_many([ctx])
    return idxs[0], X


def line_features_many(ctxs: list, continuity: bool = True) -> tuple[list[np.ndarray], np.ndarray, Rows]:
    """Features of the non-blank lines of several documents (each with at least one).

    Returns (per document: indices of its non-blank lines, the stacked feature matrix,
    the `Rows` saying which rows belong to which document). A document's features are
    the same whichever documents share its batch. Without `continuity` the
    CONTINUITY_NAMES columns are zeros (for a model that does not read them).
    """
    n_lines = [ctx.lines.n_lines for ctx in ctxs]
    line_bounds = np.cumsum(n_lines)
    # Every document's non-blank lines, as lines of the batch (all documents' lines one
    # after another): per-line columns are gathered for all documents at once.
    batch_rows = np.flatnonzero(~np.concatenate([ctx.blank for ctx in ctxs]))
    rows = Rows(np.r_[0, np.searchsorted(batch_rows, line_bounds)])
    n = int(rows.bounds[-1])
    idxs = [i - start for i, start in zip(np.split(batch_rows, rows.bounds[1:-1]), line_bounds - n_lines)]

    def gather(name: str) -> np.ndarray:
        return np.concatenate([getattr(ctx.stats, name) for ctx in ctxs])[batch_rows]

    w = gather("n_words").astype(np.float64)
    c = np.maximum(gather("n_chars"), 1).astype(np.float64)
    wd = np.maximum(w, 1)
    alpha = np.maximum(gather("n_alpha"), 1)
    last = gather("last_class")
    first = gather("first_class")
    last_char = gather("last_char")
    log_w = np.log1p(w)
    ends_sentence = ((last & SENT_END) > 0).astype(np.float64)
    ends_comma_colon = np.isin(last_char, [ord(","), ord(":"), ord(";")]).astype(np.float64)
    ends_alnum = ((last & (ALPHA | DIGIT)) > 0).astype(np.float64)
    starts_lower = ((first & LOWER) > 0).astype(np.float64)
    starts_punct = ((first & PUNCT) > 0).astype(np.float64)

    keys: list[str] = []
    line_rules: list = []
    for ctx, i in zip(ctxs, idxs):
        rows_i = i.tolist()
        content = ctx.lines.content
        keys += [content[r] for r in rows_i]
        rule = ctx.marks.rule
        line_rules += [rule[r] for r in rows_i]
    # Each key's count in its document (equal keys of a document share their first row).
    first = first_copies(keys, rows.bounds)
    repeats = np.bincount(first, minlength=n)[first]
    flags_of = _FLAGS_OF_RULE
    for r in set(line_rules).difference(flags_of):
        flags_of[r] = _rule_flags(r)
    flags = np.array([flags_of[r] for r in line_rules], dtype=np.int64)
    removed = (flags & REMOVED).astype(np.float64)
    furniture = ((flags & FURNITURE) > 0).astype(np.float64)
    is_comment_marker = ((flags & COMMENT_MARKER) > 0).astype(np.float64)
    is_end_marker = ((flags & END_MARKER) > 0).astype(np.float64)
    below_comment_marker = (rows.running(is_comment_marker) - is_comment_marker) > 0
    below_end_marker = (rows.running(is_end_marker) - is_end_marker) > 0
    # The headline's copy (the page's h1) usually sits right above the article body.
    title_copy_rows = np.flatnonzero(flags & TITLE_COPY)
    title_row_of_doc = np.full(rows.n_docs, -1)
    docs_with_copy, first_copy = np.unique(rows.doc_of[title_copy_rows], return_index=True)
    title_row_of_doc[docs_with_copy] = title_copy_rows[first_copy]
    title_row = rows.per_doc(title_row_of_doc)
    has_title = title_row >= 0
    below_title = (has_title & (rows.pos > title_row)).astype(np.float64)
    dist_title = np.where(has_title, np.log1p(np.abs(rows.pos - title_row)), np.log1p(rows.n_doc))
    # Rows since the last teaser heading above (the document's length when none).
    teaser_rows = np.flatnonzero(flags & TEASER_MARKER)
    last_teaser = np.full(n, -1)
    if len(teaser_rows):
        k = np.searchsorted(teaser_rows, rows.pos, side="left") - 1
        above_row = teaser_rows[np.maximum(k, 0)]
        last_teaser = np.where((k >= 0) & (above_row >= rows.first), above_row, -1)
    rows_below_teaser = np.where(last_teaser >= 0, rows.pos - last_teaser, rows.n_doc)

    prose = ((w >= 10) & (ends_sentence > 0)).astype(np.float64)
    n_prose = rows.per_doc(rows.total(prose))
    prose_cum = rows.running(prose)
    prose_above = (prose_cum - prose) / np.maximum(n_prose, 1)
    prose_below = (n_prose - prose_cum) / np.maximum(n_prose, 1)
    # Distance to the nearest prose line of the same document (its length if none).
    prose_pos = np.flatnonzero(prose)
    if len(prose_pos):
        j = np.searchsorted(prose_pos, rows.pos)
        left_row = prose_pos[np.maximum(j - 1, 0)]
        right_row = prose_pos[np.minimum(j, len(prose_pos) - 1)]
        same_left = (j > 0) & (rows.doc_of[left_row] == rows.doc_of)
        same_right = (j < len(prose_pos)) & (rows.doc_of[right_row] == rows.doc_of)
        dist = np.minimum(np.where(same_left, rows.pos - left_row, rows.n_doc),
                          np.where(same_right, right_row - rows.pos, rows.n_doc)).astype(np.float64)
    else:
        dist = rows.n_doc.astype(np.float64)
    in_span = ((prose_cum >= 1) & (n_prose - prose_cum + prose >= 1)).astype(np.float64)
    rel_char = (np.concatenate([ctx.lines.starts for ctx in ctxs])[batch_rows]
                / rows.per_doc(np.array([max(len(ctx.text), 1) for ctx in ctxs], dtype=np.int64)))

    cap_ratio = gather("n_cap_words") / wd
    # A teaser headline: several words, mostly capitalised, no sentence end.
    title_like = ((w >= 3) & (cap_ratio >= 0.5) & (ends_sentence == 0)).astype(np.float64)
    # Teaser lists alternate a headline and a one-sentence summary, line after line;
    # an article's subheadings come every few paragraphs.
    alternation = np.zeros(n)
    alternation[1:] = np.abs(np.diff(title_like))
    alternation[rows.local == 0] = 0
    # The records of a list (a teaser's kicker, headline, section label and summary; a
    # product's name, price and blurb) repeat a line shape every few lines; an article's
    # paragraphs repeat theirs line after line.
    shape = (np.digitize(w, RECORD_WORD_BINS) * 8 + ends_sentence * 4 + title_like * 2
             + (gather("n_upper") > 0.8 * alpha)).astype(np.int64)
    record_like = np.zeros(n, dtype=bool)
    for k in range(2, RECORD_MAX_PERIOD + 1):
        record_like |= (rows.shift(shape, k, -1) == shape) | (rows.shift(shape, -k, -1) == shape)
    record_like &= (rows.shift(shape, 1, -1) != shape) | (rows.shift(shape, -1, -1) != shape)
    record_like = record_like.astype(np.float64)
    (prose_3, removed_3, title_like_3, ends_sentence_3, log_w_3, alternation_3, log_w2_3, record_3,
     furniture_3) = rows.window_mean(np.column_stack(
         [prose, removed, title_like, ends_sentence, log_w, alternation, log_w**2, record_like, furniture]), 3).T
    prose_10, removed_10, title_like_10, log_w_10, alternation_10, log_w2_10, record_10, furniture_10 = rows.window_mean(
        np.column_stack([prose, removed, title_like, log_w, alternation, log_w**2, record_like, furniture]), 10).T
    # Teaser summaries come in runs of similar length (and are often cut off with "...");
    # an article's paragraphs vary.
    log_w_var_3 = np.maximum(log_w2_3 - log_w_3**2, 0)
    log_w_var_10 = np.maximum(log_w2_10 - log_w_10**2, 0)
    ends_ellipsis = np.array([k.endswith(("...", "…", "[…]")) for k in keys], dtype=np.float64)
    # Inline-link fragments: flattened HTML puts each link on its own line, so a
    # paragraph with links is a chain of lines, each continuing the one above (which
    # ends no sentence) with a lower-case or punctuation start.
    glue = np.zeros(n, dtype=bool)
    glue[1:] = (ends_sentence[:-1] == 0) & ((starts_lower[1:] + starts_punct[1:]) > 0)
    glue[rows.local == 0] = False  # chains never cross documents
    chain = np.cumsum(~glue) - 1
    chain_lines = np.bincount(chain)
    chain_words = np.bincount(chain, weights=w)
    chain_last = np.cumsum(chain_lines) - 1
    n_doc = rows.n_doc
    # The article's main run (jusText's "good blocks" read as one block): prose lines
    # with at most MAIN_RUN_MAX_GAP other lines between them; the run with the most
    # prose words is the document's main run. Teaser summaries are prose too, but sit in
    # short runs away from it; the article's paragraphs sit in it.
    strict_run = Runs(rows, prose > 0, 0, w)
    main = Runs(rows, prose > 0, MAIN_RUN_MAX_GAP, w)
    main_lo, main_hi, main_words = (rows.per_doc(v) for v in main.heaviest())
    has_main = main_lo >= 0
    pos = rows.pos
    dist_main = np.where(has_main, np.maximum(main_lo - pos, 0) + np.maximum(pos - main_hi, 0), n_doc)
    prose_words = rows.per_doc(np.maximum(rows.total(w * prose), 1))
    # Menus, link lists and tag clouds: long runs of short lines that end no sentence.
    short_run = Runs(rows, (w <= SHORT_LINE_WORDS) & (ends_sentence == 0), 0, np.ones(n))
    words = sorted_words(keys, rows.doc_of)
    echo_main = word_echo(keys, rows.doc_of, n_doc, ((dist_main == 0) & has_main).astype(np.float64), words)
    echo_main_3, echo_main_10 = (rows.window_mean(echo_main, r) for r in (3, 10))
    X = _feature_major([
        log_w, np.log1p(c), gather("n_punct") / c, gather("n_digit") / c, cap_ratio,
        gather("n_stop") / wd, gather("n_upper") / alpha, ends_sentence, ends_comma_colon, ends_alnum,
        starts_lower, starts_punct, np.log(np.array(repeats, dtype=np.float64)), removed,
        rows.local / np.maximum(n_doc - 1, 1), rel_char, prose_above, prose_below, np.log1p(dist), in_span,
        rows.shift(log_w, 1), rows.shift(log_w, -1), rows.shift(log_w, 2), rows.shift(log_w, -2),
        prose_3, prose_10, removed_3, removed_10,
        np.log1p(n_doc), n_prose / n_doc, below_comment_marker, below_end_marker,
        rows.shift(cap_ratio, 1), rows.shift(cap_ratio, -1),
        rows.shift(ends_sentence, 1, 1.0), rows.shift(ends_sentence, -1, 1.0),
        below_title, dist_title,
        title_like_3, title_like_10, ends_sentence_3, log_w_3, log_w_10,
        rows.per_doc(np.array([float(ctx.has_blank_lines) for ctx in ctxs])), alternation_3, alternation_10,
        log_w_var_3, log_w_var_10, ends_ellipsis,
        chain_lines[chain] > 1, np.log1p(chain_words[chain]), np.log(chain_lines[chain]), ends_sentence[chain_last][chain],
        np.log1p(strict_run.weight_of_row()), ((dist_main == 0) & has_main), np.log1p(dist_main),
        main_words / prose_words, has_main & (pos < main_lo),
        np.log1p(short_run.lines_of_row()), np.log1p(strict_run.lines_of_row()), np.log1p(rows_below_teaser),
        echo_main, echo_main_3, echo_main_10, record_like, record_3, record_10,
        *against_the_documents_prose(rows, prose, cap_ratio, gather("n_stop") / wd, gather("n_alpha") / wd,
                                     ends_sentence, w),
        *story_list_features(rows, keys, last_char, w),
        *story_gap_features(rows, prose > 0, removed, echo_main, ((dist_main == 0) & has_main).astype(np.float64),
                            furniture),
        furniture_3, furniture_10,
        *(story_continuity_features(rows, words, prose > 0, ends_sentence, starts_lower, shape) if continuity
          else [np.zeros(n)] * len(CONTINUITY_NAMES)),
        has_main & (pos > main_hi),
    ], n)
    return idxs, X, rows


# How a list item starts: "3. " / "2) ", a bullet or dash, a time ("19.30", "6h40"), a
# match minute ("81'"), a speaker or label ("HOST: ", "Q: "). The groups' numbers are
# the shapes (0: none of them).
_ITEM_START = re.compile(r"(\d{1,3}[.)](?=\s))|([-•*–—·▪►])|(\d{1,2}[:.h]\d{2}\b)|(\d{1,3}(?:\+\d+)?['’′])"
                         r"|([^\W\d_]+(?: [^\W\d_]+)?\s?:\s)")
# A sentence of this many words ending in ":" announces what follows ("Here is the
# programme:", "Respondents answered:").
ANNOUNCEMENT_MIN_WORDS = 4


def item_start_shape(line: str) -> int:
    """The shape of a list item's start (0: the line starts no item).

    >>> [item_start_shape(x) for x in ("2. Ade Okafor", "• Salt", "19.30 – Band", "81' Goal!", "HOST: Thanks.", "Text")]
    [1, 2, 3, 4, 5, 0]
    """
    m = _ITEM_START.match(line)
    return m.lastindex if m else 0


# An item starts with one of these characters (shapes 1-4) or holds a ":" (shape 5).
_ITEM_FIRST_CHARS = frozenset("0123456789-•*–—·▪►")


def item_start_shapes(lines: list[str]) -> np.ndarray:
    """``item_start_shape`` of every line; the regex runs only on lines that can start
    an item (a digit or bullet first, or a ":" in them): 4x faster on the bench pages.

    >>> item_start_shapes(["Home", "1. The mill", "2. The lake", "HOST: Hello."]).tolist()
    [0, 1, 1, 5]
    """
    match = _ITEM_START.match
    first = _ITEM_FIRST_CHARS
    found = [(i, m.lastindex) for i, line in enumerate(lines)
             if (line[:1] in first or ":" in line) and (m := match(line))]
    shape = np.zeros(len(lines), dtype=np.int64)
    if found:
        at, kind = zip(*found)
        shape[list(at)] = kind
    return shape


def story_list_features(rows: Rows, keys: list[str], last_char: np.ndarray, w: np.ndarray) -> list[np.ndarray]:
    """Features that say a run of short lines continues the story rather than a menu:

    * ``parallel_start`` (and its means over 3 and 10 lines): the line starts an item
      ("3. ", "- ", "19.30 ", "HOST: ") shaped as the line above or below does: an
      article's numbered list, results, timeline or transcript; menus and teaser lists
      are bare headlines;
    * ``question_win3``: the share of questions around the line (a Q&A alternates them
      with answers);
    * ``log_rows_below_announcement``: rows since the last sentence of
      ANNOUNCEMENT_MIN_WORDS+ words ending in ":" ("Here is how it went:"), the page's
      length when none: the list it announced is the story's.
    """
    shape = item_start_shapes(keys)
    parallel = ((shape > 0) & ((rows.shift(shape, 1, -1) == shape) | (rows.shift(shape, -1, -1) == shape))).astype(
        np.float64)
    question = (last_char == ord("?")).astype(np.float64)
    parallel_3, parallel_10 = (rows.window_mean(parallel, r) for r in (3, 10))
    announces = np.flatnonzero((last_char == ord(":")) & (w >= ANNOUNCEMENT_MIN_WORDS))
    below = rows.n_doc.astype(np.float64)
    if len(announces):
        k = np.searchsorted(announces, rows.pos, side="left") - 1
        above_row = announces[np.maximum(k, 0)]
        below = np.where((k >= 0) & (above_row >= rows.first), rows.pos - above_row, rows.n_doc).astype(np.float64)
    return [parallel, parallel_3, parallel_10, rows.window_mean(question, 3), np.log1p(below)]


def story_gap_features(rows: Rows, prose: np.ndarray, removed: np.ndarray, echo: np.ndarray,
                       in_main: np.ndarray, furniture: np.ndarray | None = None) -> list[np.ndarray]:
    """Where a line stands between the story's paragraphs. A *stretch* is the run of
    non-prose lines between two prose lines of a document (open when it reaches the
    document's start or end); a prose line is a stretch of its own. Per row:

    * ``log_gap_lines``: log(1 + the stretch's lines); an open stretch counts as the
      whole document (a page's menu or footer is never "inside" anything);
    * ``gap_removed_share``: the share of the stretch's lines a rule removed (a share
      bar or a teaser heading inside it says it is page furniture);
    * ``gap_echo_main``: the mean ``echo_main`` of the stretch's lines (a story's list
      names its subject's words; a list of other stories does not);
    * ``gap_bounds_echo_main``: how much the two prose lines around the stretch belong
      to the story (each: 1 in the main run, else its ``echo_main``; 0 for a missing
      one), averaged: a stretch between two paragraphs of the story. (A list of 3+
      lines splits the main run, so the paragraph under it is outside the run; it
      still echoes it.)
    * with `furniture` (1 where a page-furniture rule cut the line, ``is_furniture_rule``),
      a fifth column ``gap_furniture_share``: the share of the stretch's lines such rules
      cut (a live blog's entry times cut as datelines do not count).

    >>> rows = Rows(np.array([0, 7]))
    >>> prose = np.array([0, 1, 0, 0, 1, 0, 0], dtype=bool)
    >>> removed = np.array([1, 0, 0, 0, 0, 1, 0.0])
    >>> echo = np.array([0, .6, .5, .3, .4, 0, 0])
    >>> in_main = np.array([0, 1, 0, 0, 0, 0, 0.0])
    >>> [np.round(f, 2).tolist() for f in story_gap_features(rows, prose, removed, echo, in_main)][1:]
    [[1.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5], [0.0, 0.6, 0.4, 0.4, 0.4, 0.0, 0.0], [0.5, 1.0, 0.7, 0.7, 0.4, 0.2, 0.2]]
    """
    n = len(prose)
    pos = rows.pos
    prose_row = np.where(prose, pos, -1)
    # The nearest prose row above (below) each row in its document, else -1.
    above = np.maximum.accumulate(rows.shift(prose_row, 1, -1))
    above = np.where(above >= rows.first, above, -1)
    below_rev = np.minimum.accumulate(np.where(prose, pos, n)[::-1])[::-1]
    below = rows.shift(below_rev, -1, n)
    below = np.where(below < rows.end, below, -1)
    lo = np.where(prose, pos, np.where(above >= 0, above + 1, rows.first))
    hi = np.where(prose, pos + 1, np.where(below >= 0, below, rows.end))
    closed = prose | ((above >= 0) & (below >= 0))
    n_lines = hi - lo
    # Stretch sums from cumulative sums, in fixed point (a row's features never depend on
    # the other documents of its batch).
    summed = [removed, echo] + ([] if furniture is None else [furniture])
    q = np.round(np.column_stack(summed) * FIXED_POINT)
    c = np.zeros((n + 1, len(summed)))
    np.cumsum(q, axis=0, out=c[1:])
    removed_share, echo_mean, *furniture_share = ((c[hi] - c[lo]) / FIXED_POINT / n_lines[:, None]).T
    story = np.maximum(in_main, echo)
    story_above = np.where(above >= 0, story[np.maximum(above, 0)], 0.0)
    story_below = np.where(below >= 0, story[np.maximum(below, 0)], 0.0)
    bounds_echo = np.where(prose, story, (story_above + story_below) / 2)
    log_lines = np.where(closed, np.log1p(n_lines), np.log1p(rows.n_doc))
    return [log_lines, removed_share, echo_mean, bounds_echo] + furniture_share


def distinct_pairs(words: tuple) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (word, row) pairs of ``sorted_words``: (word ids, rows), sorted by
    word, then row."""
    word, row, new_pair = words
    return word[new_pair], row[new_pair]


def _in_nearest_prose(pairs: tuple, prose: np.ndarray, above: np.ndarray, below: np.ndarray) -> np.ndarray:
    """Per distinct (word, row) pair (``distinct_pairs``, in its order): whether the word
    also occurs in the row's nearest prose row above (`above`) or below (`below`).

    The pairs are sorted by word, then row, so the prose row holding the word last
    before a pair (first after it) is a running maximum (minimum) along the pairs: one
    pass, no search. (A word's values sit in its own band of ``stride``, so the running
    maximum of a word never reads an earlier word's rows.)

    >>> words = sorted_words(["port office", "the port", "ferry office"], np.zeros(3, dtype=np.int64))
    >>> pairs = distinct_pairs(words)
    >>> found = _in_nearest_prose(pairs, np.array([True, False, True]), np.array([-1, 0, 0]), np.array([2, 2, -1]))
    >>> np.bincount(pairs[1], weights=found).tolist()  # per row: office; port; office
    [1.0, 1.0, 1.0]
    """
    word, row = pairs
    n = len(prose)
    stride = np.int64(n + 1)
    base = word * stride
    on_prose = prose[row]
    last_above = np.maximum.accumulate(np.where(on_prose, base + row + 1, base))
    last_above = np.r_[np.int64(0), last_above[:-1]] - base - 1  # (earlier words: < -1)
    first_below = np.minimum.accumulate(np.where(on_prose, base + row, base + stride - 1)[::-1])[::-1]
    first_below = np.r_[first_below[1:], np.int64(len(prose) + 1) * stride] - base  # (later words: > n)
    target_above, target_below = above[row], below[row]
    return ((last_above == target_above) & (target_above >= 0)) | ((first_below == target_below) & (target_below >= 0))


def _shared_with_paragraphs_above(pairs: tuple, prose: np.ndarray, above: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per prose row b: how many of its distinct words occur in the prose row above it
    (``above[b]``) and in the one above that (``above[above[b]]``); 0 elsewhere.

    Among the prose rows' pairs (sorted by word, then row) a word's earlier prose rows
    are the one or two pairs before it.

    >>> words = sorted_words(["port office", "ferry port", "ferry office"], np.zeros(3, dtype=np.int64))
    >>> pairs = distinct_pairs(words)
    >>> [x.tolist() for x in _shared_with_paragraphs_above(pairs, np.ones(3, dtype=bool), np.array([-1, 0, 1]))]
    [[0.0, 1.0, 1.0], [0.0, 0.0, 1.0]]
    """
    word, row = pairs
    keep = prose[row]
    word, row = word[keep], row[keep]
    n = len(prose)
    prev1, prev2 = np.full(len(row), -1), np.full(len(row), -1)
    prev1[1:] = np.where(word[1:] == word[:-1], row[:-1], -1)
    prev2[2:] = np.where(word[2:] == word[:-2], row[:-2], -1)
    a1 = above[row]
    a2 = np.where(a1 >= 0, above[np.maximum(a1, 0)], -1)
    in_a1 = (a1 >= 0) & (prev1 == a1)
    in_a2 = (a2 >= 0) & ((prev1 == a2) | (prev2 == a2))
    return np.bincount(row, weights=in_a1, minlength=n), np.bincount(row, weights=in_a2, minlength=n)


def story_continuity_features(rows: Rows, words: tuple, prose: np.ndarray, ends_sentence: np.ndarray,
                              starts_lower: np.ndarray, shape: np.ndarray) -> list[np.ndarray]:
    """What a line is to the story around it, read from its neighbours' words and shapes.
    A line's *paragraphs around* are the nearest prose lines above and below it (not the
    line itself). Per row:

    * ``bridge_overlap``: the share of the shorter paragraph's distinct words that the
      other paragraph around the line also holds (0 when one is missing). Two paragraphs
      of one story that continue each other across the line share names and topic words:
      the line (a caption, an ad label, a pull quote) interrupts them;
    * ``line_overlap_around``: the share of the line's own distinct words found in its
      paragraphs around (a caption names the story's people; a related headline does not);
    * ``interrupts_sentence``: the line above ends no sentence and the line below starts
      in lower case: the line was dropped into the middle of a sentence;
    * ``log_lone_lines_doc``: log(1 + the document's lines that stand alone between two
      prose lines); subheadings come in series, a caption between paragraphs alone;
    * ``log_same_shape_run``: log(1 + the run of consecutive lines of the line's shape
      (words bin, sentence end, title-like, all caps)): related links and comment
      headers repeat one shape line after line, a story's paragraphs vary.

    >>> lines = ["The mill on the river reopened on Monday after ten years of repairs by the town.",
    ...          "Workers repaint the mill wheel",
    ...          "The town paid for the repairs of the mill with a loan from the river board."]
    >>> words = sorted_words(lines, np.zeros(3, dtype=np.int64))
    >>> f = story_continuity_features(Rows.single(3), words, np.array([1, 0, 1], dtype=bool),
    ...                               np.array([1., 0, 1]), np.zeros(3), np.array([5, 2, 5]))
    >>> [round(float(x[1]), 2) for x in f]
    [0.5, 0.25, 0.0, 0.69, 0.69]
    """
    n = len(prose)
    pos = rows.pos
    prose_row = np.where(prose, pos, -1)
    # The nearest prose row strictly above (below) each row in its document, else -1.
    above = np.maximum.accumulate(rows.shift(prose_row, 1, -1))
    above = np.where(above >= rows.first, above, -1)
    below = rows.shift(np.minimum.accumulate(np.where(prose, pos, n)[::-1])[::-1], -1, n)
    below = np.where(below < rows.end, below, -1)
    pairs = distinct_pairs(words)
    pair_row = pairs[1]
    n_words = np.bincount(pair_row, minlength=n).astype(np.float64)
    both = (above >= 0) & (below >= 0)
    a, b = np.maximum(above, 0), np.maximum(below, 0)
    # The words the paragraph below a line shares with the paragraph above it: for a line
    # between two prose rows, the prose row above the lower one; for a prose line, the
    # one above that (a prose line is bridged by its neighbours, not by itself).
    shared_above, shared_two_above = _shared_with_paragraphs_above(pairs, prose, above)
    shared = np.where(prose, shared_two_above[b], shared_above[b])
    smaller = np.maximum(np.minimum(n_words[a], n_words[b]), 1)
    bridge = np.where(both, shared / smaller, 0.0)
    own = np.bincount(pair_row, weights=_in_nearest_prose(pairs, prose, above, below), minlength=n)
    line_overlap = np.divide(own, n_words, out=np.zeros(n), where=n_words > 0)
    interrupts = (rows.shift(ends_sentence, 1, 1.0) == 0) & (rows.shift(starts_lower, -1, 0.0) > 0)
    lone = ~prose & both & (below - above == 2)
    lone_doc = rows.per_doc(rows.total(lone.astype(np.float64)))
    new_shape = np.r_[True, shape[1:] != shape[:-1]] | (rows.local == 0)
    run = np.cumsum(new_shape) - 1
    run_lines = np.bincount(run)[run]
    return [bridge, line_overlap, interrupts.astype(np.float64), np.log1p(lone_doc), np.log1p(run_lines)]


# Words of at least this many letters or digits count for main_run_echo.
ECHO_MIN_LETTERS = 4
# Polynomial hashing of words (mod 2^64): an odd base.
_HASH_BASE = 0x9E3779B97F4A7C15
_DOC_MIX = np.uint64(0xD6E8FEB86659FD93)


def _powers(base: int, n: int) -> np.ndarray:
    """base**0 .. base**n mod 2^64."""
    out = np.ones(n + 1, dtype=np.uint64)
    np.cumprod(np.full(n, base, dtype=np.uint64), out=out[1:])
    return out


def word_keys_numpy(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(hash, row) of every word of `text` with ECHO_MIN_LETTERS+ letters or digits, in
    numpy: the reference for the compiled ``word_keys_native``. The row is the number of
    newlines before the word; the hash the sum of its code points times
    BASE**(offset in the word), mod 2^64.

    >>> key, row = word_keys_numpy("port office\\nthe port")
    >>> row.tolist(), bool(key[0] == key[2]), bool(key[0] == key[1])
    ([0, 0, 1], True, False)
    """
    cps, cls = _classes(text)
    word_char = ((cls & (ALPHA | DIGIT)) > 0).astype(np.int8)
    edge = np.diff(np.r_[np.int8(0), word_char, np.int8(0)])
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    long = ends - starts >= ECHO_MIN_LETTERS
    starts, ends = starts[long], ends[long]
    if len(starts) == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    row = np.searchsorted(np.flatnonzero(cps == 10), starts)  # (newlines before each word)
    length = ends - starts
    first_char = np.cumsum(length) - length  # of each word, among all words' characters
    offset = np.arange(int(length.sum())) - np.repeat(first_char, length)
    char = cps[np.repeat(starts, length) + offset].astype(np.uint64)
    key = np.add.reduceat(char * _powers(_HASH_BASE, int(length.max()))[offset], first_char)
    return key, row


def word_keys_native(text: str, lower: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``word_keys_numpy`` in one compiled pass over the text (corpus_clean/_native.c);
    with `lower`, ``word_keys_numpy(text.lower())``: the kernel lower-cases as it reads
    (str.lower, one character at a time), unless the text holds one of the two characters
    str.lower reads in context ("İ", "Σ"), which Python lower-cases first.

    >>> [k.tolist() for k in word_keys_native("Port\\nPORT", lower=True)] == [k.tolist() for k in word_keys_numpy("port\\nport")]
    True
    """
    from corpus_clean import _native

    # (a module built before the kernel lower-cased has no WORD_KEYS_LOWER: Python does it)
    if lower and ("\u0130" in text or "\u03a3" in text or not getattr(_native, "WORD_KEYS_LOWER", 0)):
        text, lower = text.lower(), False
    room = len(text) // ECHO_MIN_LETTERS + 1
    keys, rows = np.empty(room, dtype=np.uint64), np.empty(room, dtype=np.int64)
    count = _native.word_keys(text, _CLASS_TABLE_CLAMPED, _WIDE_CLASSES, ALPHA | DIGIT, ECHO_MIN_LETTERS,
                              _HASH_BASE, keys, rows, *([True] if lower else []))
    return keys[:count], rows[:count]


def stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` of uint64 keys; with the compiled kernels, by a
    radix sort (corpus_clean/_native.c: ``stable_order``), where numpy compares them.

    >>> stable_order(np.array([3, 1, 3, 0], dtype=np.uint64)).tolist()
    [3, 1, 0, 2]
    """
    kernel = getattr(native.active(), "stable_order", None)
    if kernel is None:
        return np.argsort(keys, kind="stable")
    order = np.empty(len(keys), dtype=np.int64)
    kernel(np.ascontiguousarray(keys, dtype=np.uint64), order)
    return order


def sorted_words(lines: list[str], doc_of_row: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every word of `lines` (one per row; runs of ECHO_MIN_LETTERS+ letters or digits,
    lower-cased) as (word id, row, first of its (word, row) pair), sorted by word and by
    row within a word. Equal words of one document share an id; a word of one document
    is never another's.

    >>> word, row, new_pair = sorted_words(["Port office", "the port", "Mill"], np.array([0, 0, 1]))
    >>> word.tolist(), row.tolist(), new_pair.tolist()
    ([0, 1, 1, 2], [2, 0, 1, 0], [True, True, True, True])
    """
    if native.active():  # (lower-cased as the kernel reads: str.lower was ~a quarter of word_echo)
        key, row = word_keys_native("\n".join(lines), lower=True)
    else:
        key, row = word_keys_numpy("\n".join(lines).lower())
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    key ^= doc_of_row[row].astype(np.uint64) * _DOC_MIX  # (a word of one document is not another's)
    # Group the words: sorted by key, and by row within a key (rows come in order, the
    # sort is stable); a new (word, row) pair starts where either changes.
    order = stable_order(key)
    key, row = key[order], row[order]
    new_word = np.r_[True, key[1:] != key[:-1]]
    word = np.cumsum(new_word) - 1
    new_pair = new_word | np.r_[True, row[1:] != row[:-1]]
    return word, row, new_pair


def word_echo(lines: list[str], doc_of_row: np.ndarray, n_doc: np.ndarray, in_main: np.ndarray,
              words: tuple | None = None) -> np.ndarray:
    """Per row (`lines`, one per row, documents one after another), the share of its
    words (runs of ECHO_MIN_LETTERS+ letters or digits, lower-cased, weighted by how
    rare they are in the document) that also occur in another row of its document's
    main run (`in_main`).

    An article comes back to its subject: its names and topic words recur from
    paragraph to paragraph. A list of other stories' teasers after it is about
    other things: its headlines and summaries share few rare words with the article.
    Rare words weigh more (log of the document's rows + 1 over the rows holding the
    word), so function words that occur everywhere count for little, in any language.
    Words are told apart by a 64-bit polynomial hash of their code points, all in
    numpy: no Python loop per word. `words`: ``sorted_words(lines, doc_of_row)`` when
    the caller has it.
    """
    n = len(lines)
    word, row, new_pair = words if words is not None else sorted_words(lines, doc_of_row)
    if len(word) == 0:
        return np.zeros(n)
    rows_with = np.bincount(word[new_pair])
    main_rows_with = np.bincount(word[new_pair], weights=in_main[row[new_pair]])
    echoed = (main_rows_with[word] - in_main[row]) > 0  # (not counting the row itself)
    weight = np.log((n_doc[row] + 1) / rows_with[word])
    total = np.bincount(row, weights=weight, minlength=n)
    echo = np.bincount(row, weights=weight * echoed, minlength=n)
    return np.divide(echo, total, out=np.zeros(n), where=total > 0)


def main_run_echo(lines: list[str], lo: int, hi: int) -> np.ndarray:
    """``word_echo`` of one document whose main run is lines lo..hi (none: lo < 0).

    >>> main_run_echo(["Harbour dredging starts in April, the port office said.",
    ...                "The dredging will close the north channel to boats.",
    ...                "Boats will use the south channel until June, the port office said.",
    ...                "School board rejects four-day week",
    ...                "Parents had asked the board for a trial."], 0, 2).round(2).tolist()
    [0.45, 0.55, 0.55, 0.0, 0.0]
    """
    n = len(lines)
    in_main = np.zeros(n)
    if lo >= 0:
        in_main[lo:hi + 1] = 1.0
    return word_echo(lines, np.zeros(n, dtype=np.int64), np.full(n, n), in_main)


def stage2_features(X: np.ndarray, p1: np.ndarray, rows: Rows | None = None) -> np.ndarray:
    """Stage-1 features plus stage-1 probabilities of the neighbourhood and main block.

    The main block of a document is its run of likely-article lines (p1 < 0.5, gaps of
    at most MAIN_BLOCK_MAX_GAP lines) holding the most likely-article words.
    `rows`: which rows belong to which document (default: all to one).
    """
    rows = rows or Rows.single(len(p1))
    log_w = X[:, FEATURE_NAMES.index("log_words")].astype(np.float64)
    # Likely-article words, in fixed point so that sums are exact.
    article_words = np.round(np.expm1(log_w) * (1 - p1) * FIXED_POINT)
    total = rows.per_doc(np.maximum(rows.total(article_words), 1e-9))
    cum = rows.running(article_words)
    above = (cum - article_words) / total
    below = (total - cum) / total
    pos = rows.pos
    # (Rows at most MAIN_BLOCK_MAX_GAP apart: MAIN_BLOCK_MAX_GAP - 1 other rows between.)
    lo, hi, share = Runs(rows, p1 < 0.5, MAIN_BLOCK_MAX_GAP - 1, article_words).heaviest()
    lo, hi = rows.per_doc(lo), rows.per_doc(hi)
    has_block = lo >= 0
    in_main = (has_block & (pos >= lo) & (pos <= hi)).astype(np.float64)
    dist = np.where(has_block, np.where(pos < lo, lo - pos, np.where(pos > hi, pos - hi, 0)), rows.n_doc)
    extra = [
        p1, rows.shift(p1, 1, 1.0), rows.shift(p1, -1, 1.0), rows.window_mean(p1, 3), rows.window_mean(p1, 10),
        in_main, np.log1p(dist), rows.per_doc(share) / total, above, below,
    ]
    return _feature_major(extra, len(p1), head=X)


class TreeModel:
    """Gradient-boosted oblivious trees as arrays; ``predict_proba`` is vectorised.

    Tree t asks one question per level d: is feature ``split_feature[t, d]`` above
    ``split_threshold[t, d]``? The answers, read as the bits of a number (first level
    = top bit), index the leaf. So all rows and trees are answered by one comparison
    of a gathered feature matrix, D shift-and-or steps and one gather of leaf values.
    """

    CHUNK_ROWS = 2048

    def __init__(self, params: dict, feature_names: list[str] = FEATURE_NAMES):
        if params.get("kind") != "oblivious-gbdt":
            raise ValueError("classifier.json holds another kind of model; refit it")
        unknown = set(params["features"]) - set(feature_names)
        if unknown:
            raise ValueError(f"classifier.json was fit with features this code does not compute ({sorted(unknown)}); "
                             "refit it")
        self.params = params
        self.base = float(params["base"])
        self.depth = int(params["depth"])
        # A model fit before a feature was added asks only of the features it knew: its
        # split columns are looked up by name in today's feature matrix.
        column_of = np.array([feature_names.index(name) for name in params["features"]], dtype=np.intp)
        split_feature = column_of[np.asarray(params["split_feature"], dtype=np.intp)]  # (T, D)
        self.n_trees = split_feature.shape[0]
        # Level-major order: the questions of level d for all trees are rows d*T..d*T+T-1.
        columns = split_feature.T.ravel()
        thresholds = np.asarray(params["split_threshold"], dtype=np.float32).T.ravel()
        # Trees ask the same (feature, threshold) question often (a third as many distinct
        # ones in the shipped model): each distinct one is answered once per row.
        key = (columns.astype(np.int64) << 32) | thresholds.view(np.uint32).astype(np.int64)
        _, first, self._question_of = np.unique(key, return_index=True, return_inverse=True)
        self._columns = columns[first]
        self._thresholds = thresholds[first][:, None]
        # A leaf number has `depth` bits: the narrowest integer that holds it.
        self._leaf_dtype = np.uint8 if self.depth <= 8 else np.uint16 if self.depth <= 16 else np.intp
        leaf_value = np.asarray(params["leaf_value"], dtype=np.float64)  # (T, 2^D)
        self._leaf_flat = leaf_value.ravel()
        self._leaf_offset = (np.arange(self.n_trees, dtype=np.intp) * leaf_value.shape[1])[:, None]
        # (the same tables as the compiled kernel reads them: ``tree_sums_native``)
        self._kernel_tables = (self._columns.astype(np.int64), self._thresholds.ravel().copy(),
                               np.ascontiguousarray(self._question_of, dtype=np.int64).ravel())

    def tree_sums_native(self, features_by_row: np.ndarray) -> np.ndarray:
        """Per row (`features_by_row`: float32, one row per feature), its leaf values
        summed tree after tree, in one compiled pass (corpus_clean/_native.c:
        ``tree_sums``); ``predict_proba``'s numpy lines below stay the reference."""
        from corpus_clean import _native

        n = features_by_row.shape[1]
        sums = np.empty(n, dtype=np.float64)
        columns, thresholds, question_of = self._kernel_tables
        _native.tree_sums(features_by_row, n, columns, thresholds, question_of, self.depth, self._leaf_flat, sums)
        return sums

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(boilerplate) per row of X."""
        n = X.shape[0]
        if n == 0 or self.n_trees == 0:
            return np.full(n, 1.0 / (1.0 + np.exp(-self.base)))
        if getattr(native.active(), "tree_sums", None) is not None:
            margin = self.base + self.tree_sums_native(np.ascontiguousarray(X.T, dtype=np.float32))
            return 1.0 / (1.0 + np.exp(-margin))
        if n > self.CHUNK_ROWS:  # keep the (questions x rows) answers in cache
            return np.concatenate([self.predict_proba(X[start:start + self.CHUNK_ROWS])
                                   for start in range(0, n, self.CHUNK_ROWS)])
        features_by_row = np.ascontiguousarray(X.T, dtype=np.float32)  # (no copy: see _feature_major)
        distinct_answers = features_by_row[self._columns] > self._thresholds
        answers = distinct_answers[self._question_of].reshape(self.depth, self.n_trees, n)
        leaf = answers[0].astype(self._leaf_dtype)
        for level in answers[1:]:
            leaf <<= 1
            leaf |= level
        # Trees are added one after another for every row (numpy reduces a (trees, rows)
        # array row of trees by row of trees), so a row's score does not depend on the
        # other rows of the batch -- except for a single row, which numpy would sum
        # pairwise: it is scored as two.
        values = np.take(self._leaf_flat, leaf + self._leaf_offset)
        if n == 1:
            values = np.repeat(values, 2, axis=1)
        margin = self.base + values.sum(axis=0)[:n]
        return 1.0 / (1.0 + np.exp(-margin))


class StackedModel:
    """Stage 1 on line features, stage 2 on those plus stage 1's neighbourhood scores."""

    def __init__(self, params: dict):
        self.params = params
        self.stage1 = TreeModel(params["stage1"], FEATURE_NAMES)
        self.stage2 = TreeModel(params["stage2"], STAGE2_NAMES) if params.get("stage2") else None
        self.threshold = float(params["threshold"])
        self.island_penalty = float(params.get("island_penalty", 0.0))

    def reads(self, names) -> bool:
        """Whether either stage asks a question of one of the features `names`."""
        used = set(self.params["stage1"]["features"]) | set((self.params.get("stage2") or {}).get("features", ()))
        return bool(used & set(names))

    def predict_proba(self, X: np.ndarray, rows: Rows | None = None) -> np.ndarray:
        """P(boilerplate) per row; `rows` says which rows are which document's."""
        p1 = self.stage1.predict_proba(X)
        if self.stage2 is None:
            return p1
        return self.stage2.predict_proba(stage2_features(X, p1, rows))


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_PATH)) -> StackedModel | None:
    """The shipped model, or None when no parameters file exists (rules only)."""
    p = Path(path)
    if not p.exists():
        return None
    return StackedModel(json.loads(p.read_text(encoding="utf-8")))


def smooth_cut(ctx, idx: np.ndarray, p: np.ndarray, drop: np.ndarray, threshold: float,
               penalty: float) -> np.ndarray:
    """`drop` (of the candidate lines `idx`, scored `p`) read as one article block.

    The runs of kept lines: the strongest one (the most evidence, i.e. the sum over
    its lines of how far each one's log-odds is below the threshold's) is the main
    block. Another kept run with cut lines on both sides (a teaser summary, a caption
    between page furniture) is cut when its evidence is under `penalty` nats. The
    line right above the main block is not given back: the model cuts the lede of a
    story less often than the caption or standfirst that sits there (held out:
    benchmarks/RESULTS-boilerplate.md, eighth round).

    >>> drop = np.array([True, False, True, False, False, False, True])
    >>> p = np.array([0.9, 0.45, 0.9, 0.05, 0.05, 0.05, 0.9])  # line 1: a weak island
    >>> smooth_cut(None, np.arange(7), p, drop, 0.5, 4.0).astype(int).tolist()
    [1, 1, 1, 0, 0, 0, 1]

    Cut lines of at most BRIDGE_MAX_WORDS words do not split a run of kept lines.
    """
    stats = getattr(ctx, "stats", None)
    if stats is not None:
        bridge = drop & (stats.n_words[idx] <= BRIDGE_MAX_WORDS)
        if bridge.any() and not bridge.all():
            rest = np.flatnonzero(~bridge)
            out = drop.copy()
            out[rest] = _smooth_runs(p[rest], drop[rest], threshold, penalty)
            return out
    return _smooth_runs(p, drop, threshold, penalty)


def _smooth_runs(p: np.ndarray, drop: np.ndarray, threshold: float, penalty: float) -> np.ndarray:
    n = len(drop)
    change = np.flatnonzero(drop[1:] != drop[:-1]) + 1
    starts = np.r_[0, change]
    kept_run = ~drop[starts]
    if not kept_run.any():
        return drop
    q = np.clip(p, 1e-6, 1 - 1e-6)
    evidence = np.add.reduceat(np.abs(np.log(q / (1 - q)) - np.log(threshold / (1 - threshold))), starts)
    evidence[~kept_run] = -1.0
    strongest = int(evidence.argmax())
    drop = drop.copy()
    if penalty > 0 and len(starts) > 2:
        ends = np.r_[change, n]
        weak = kept_run & (evidence < penalty)
        weak[[0, -1]] = False  # an island has cut lines on both sides
        weak[strongest] = False
        drop |= np.repeat(weak, ends - starts)
    return drop


def keep_subheadings(ctx, idx: np.ndarray, drop: np.ndarray) -> np.ndarray:
    """`drop` without the subheadings of the article: a short line that ends no
    sentence (or asks a question), kept text right above it and a kept paragraph (a longer line that ends
    a sentence) right below it.

    A teaser headline is followed by its summary or by more page furniture, not by
    the article going on; a subheading ("Lange Vorgeschichte", "What happens next")
    sits between two of the article's paragraphs. Kept here, it also no longer splits
    the article into two runs for ``smooth_cut``.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> page = Context("A first paragraph of the story, which goes on.\\nWhy it matters\\n"
    ...                "The story goes on here with more words and a full stop.\\nMore news\\n")
    >>> keep_subheadings(page, np.arange(4), np.array([False, True, False, True])).tolist()
    [False, False, False, True]
    """
    if len(drop) < 3:
        return drop
    s = ctx.stats
    words = s.n_words[idx]
    sentence = (s.last_class[idx] & SENT_END) > 0
    short = (words <= SUBHEADING_MAX_WORDS) & (~sentence | (s.last_char[idx] == ord("?")))  # ("Et maintenant ?")
    kept = ~drop
    between = np.zeros(len(drop), dtype=bool)
    # Under it: a kept paragraph (a sentence, longer than the subheading).
    between[1:-1] = kept[:-2] & kept[2:] & sentence[2:] & (words[2:] > words[1:-1])
    return drop & ~(short & between)


def _log_odds(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def cut_shifted_ends(p: np.ndarray, drop: np.ndarray, nats: float = SHIFT_NATS, min_lines: int = SHIFT_MIN_LINES,
                     min_p: float = SHIFT_MIN_P) -> np.ndarray:
    """`drop` plus the head or tail of the kept lines where the model's scores shift.

    Read the kept lines in order and split them in two where the mean log-odds of the
    two parts differ most. When the later part (of at least `min_lines` lines) scores
    on average `nats` or more above the earlier one, and is not confidently article
    (mean P >= `min_p`), it is another block: the related-stories list, the "more
    from" teasers or the comments after the story, each line too weak to cut on its
    own (P 0.2-0.5 under a 0.6 threshold) but all of them unlike the story above
    (P ~0.05). The same for an earlier part above the story (a standfirst list of
    other stories). A list inside the story scores like the story and stays.

    >>> p = np.array([0.05] * 8 + [0.45] * 6)  # a story, then teasers just under the threshold
    >>> cut_shifted_ends(p, np.zeros(14, dtype=bool)).astype(int).tolist()
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    >>> bool(cut_shifted_ends(np.array([0.05] * 8 + [0.1] * 6), np.zeros(14, dtype=bool)).any())  # one block
    False
    """
    kept = np.flatnonzero(~drop)
    n = len(kept)
    if n < min_lines + 1:
        return drop
    running = np.cumsum(_log_odds(p[kept]))
    split = np.arange(1, n)  # first line of the later part
    earlier = running[split - 1] / split
    later = (running[-1] - running[split - 1]) / (n - split)
    # Where the scores change: the split that explains most of their spread (the
    # two-segment least-squares fit), not the largest difference of means, which a
    # short later part reaches by taking in lines of the story.
    change = split * (n - split) / n * (later - earlier) ** 2
    least = np.log(min_p / (1 - min_p))
    out = drop.copy()
    for cut_later in (True, False):
        rises = later > earlier if cut_later else earlier > later
        if not rises.any():
            continue
        k = int(np.flatnonzero(rises)[change[rises].argmax()])
        cut_mean, rest_mean = (later[k], earlier[k]) if cut_later else (earlier[k], later[k])
        cut_lines = n - split[k] if cut_later else split[k]
        if cut_mean - rest_mean >= nats and cut_mean >= least and min(cut_lines, n - cut_lines) >= min_lines:
            out[kept[split[k]:] if cut_later else kept[:split[k]]] = True
    return out


def lines_to_cut(ctx, idx: np.ndarray, p: np.ndarray, threshold: float, island_penalty: float = 0.0) -> np.ndarray:
    """The lines (of `idx`, scored `p`) the classifier removes at `threshold`.

    Only lines no rule removed, read as one article block (``smooth_cut``: islands of
    kept lines weaker than `island_penalty` go, unless they stand between two kept
    paragraphs, ``blocks.keep_lines_inside_the_article``; a story's short closing
    sentences come back, ``blocks.keep_closing_sentences``, a short label left last over
    lines a rule cut goes with them, ``blocks.cut_dangling_label``, and kept blocks far
    below the article that do not talk about it go, ``blocks.cut_unrelated_blocks_below``);
    never all of them: if the model would leave nothing, it keeps the lines scoring
    within FALLBACK_MARGIN of the most article-like one.
    """
    drop = p >= threshold
    unmarked = ~ctx.marks.removed()[idx]
    if not unmarked.any():
        return idx[:0]
    candidates = np.flatnonzero(unmarked)
    drop[candidates] = keep_subheadings(ctx, idx[candidates], drop[candidates])
    drop[candidates] = smooth_cut(ctx, idx[candidates], p[candidates], drop[candidates], threshold, island_penalty)
    drop[candidates] = cut_shifted_ends(p[candidates], drop[candidates])
    drop[candidates] = keep_lines_inside_the_article(p[candidates], ctx.prose[idx[candidates]], drop[candidates],
                                                     threshold)
    drop[candidates] = blocks.keep_closing_sentences_of(ctx.stats, ctx.prose, idx[candidates],
                                                        np.r_[False, np.diff(candidates) == 1], drop[candidates])
    below = np.minimum(candidates + 1, len(idx) - 1)  # (the next scored line, if any)
    drop[candidates] = blocks.cut_dangling_label(
        blocks.dangling_label_shape(ctx.stats.n_words[idx[candidates]], ctx.stats.last_char[idx[candidates]],
                                    ctx.prose[idx[candidates]]),
        (candidates + 1 < len(idx)) & ~unmarked[below], drop[candidates])
    drop[candidates] = blocks.cut_unrelated_blocks_below(ctx.lines.content, idx[candidates], candidates,
                                                         drop[candidates])
    if not (unmarked & ~drop).any():
        drop = p > p[unmarked].min() + FALLBACK_MARGIN
    return idx[drop & unmarked]


def lines_to_cut_many(ctxs: list, idxs: list[np.ndarray], p: np.ndarray, rows: Rows, threshold: float,
                      island_penalty: float = 0.0) -> list[np.ndarray]:
    """``lines_to_cut`` of every document of a batch (`idxs`, `rows`: as from
    ``line_features_many``; `p`: all rows' scores), each step one pass over the batch's
    rows, kept inside each document; the same lines as one document at a time
    (``tests/test_boilerplate_batch.py`` checks it)."""
    bounds = rows.bounds
    n_lines = np.array([ctx.lines.n_lines for ctx in ctxs], dtype=np.int64)
    line_of_row = np.concatenate(idxs) + np.repeat(np.cumsum(n_lines) - n_lines, np.diff(bounds))

    def column(values) -> np.ndarray:
        return np.concatenate(values)[line_of_row]

    unmarked = ~marked([ctx.marks.rule for ctx in ctxs])[line_of_row]  # (one pass over all pages' marks)
    drop = p >= threshold
    cand = np.flatnonzero(unmarked)  # (the lines no rule removed, in order, document by document)
    doc = rows.doc_of[cand]
    words = column([ctx.stats.n_words for ctx in ctxs])[cand]
    sentence = (column([ctx.stats.last_class for ctx in ctxs])[cand] & SENT_END) > 0
    asks = column([ctx.stats.last_char for ctx in ctxs])[cand] == ord("?")
    d = _keep_subheadings_seg(doc, words, sentence, asks, drop[cand])
    d = _smooth_cut_seg(doc, words, p[cand], d, threshold, island_penalty)
    d = _cut_shifted_ends_seg(doc, p[cand], d)
    prose = column([ctx.prose for ctx in ctxs])[cand]
    d = keep_lines_inside_the_article_seg(doc, p[cand], prose, d, threshold)
    follows = np.r_[False, (np.diff(cand) == 1) & (doc[1:] == doc[:-1])]
    last_char = column([ctx.stats.last_char for ctx in ctxs])[cand]
    d = blocks.keep_closing_sentences_seg(
        doc, blocks.closing_sentence_shape(words, column([ctx.stats.first_class for ctx in ctxs])[cand], last_char),
        blocks.can_end_the_article(words, column([ctx.stats.last_class for ctx in ctxs])[cand], prose), follows, d)
    below = np.minimum(cand + 1, len(unmarked) - 1)  # (the next row, if any, and in the same document)
    rule_cut_next = (cand + 1 < len(unmarked)) & (rows.doc_of[below] == doc) & ~unmarked[below]
    drop[cand] = blocks.cut_dangling_label_seg(doc, blocks.dangling_label_shape(words, last_char, prose),
                                               rule_cut_next, d)
    drop = blocks.cut_unrelated_blocks_below_each([ctx.lines.content for ctx in ctxs], idxs, bounds, unmarked, drop)
    return _cut_lines_per_doc(idxs, bounds, rows.doc_of, p, unmarked, drop)


def _cut_lines_per_doc(idxs: list[np.ndarray], bounds: np.ndarray, doc_of: np.ndarray, p: np.ndarray,
                       unmarked: np.ndarray, drop: np.ndarray) -> list[np.ndarray]:
    """Per document, the lines (`idxs[k]`' entries) of its rows that are `drop` and
    `unmarked`; a document the model would leave with nothing keeps its unmarked rows
    within FALLBACK_MARGIN of its most article-like one (``lines_to_cut``'s last step).
    The documents' masks made in one pass over the batch's rows (they were ~8 numpy
    calls a page); only the fallback documents read their own rows.

    >>> idxs = [np.array([0, 2, 3]), np.array([1]), np.array([0, 1])]
    >>> bounds, doc_of = np.array([0, 3, 4, 6]), np.array([0, 0, 0, 1, 2, 2])
    >>> p = np.array([0.9, 0.1, 0.8, 0.5, 0.9, 0.7])
    >>> unmarked = np.array([1, 1, 1, 0, 1, 1], dtype=bool)
    >>> [a.tolist() for a in _cut_lines_per_doc(idxs, bounds, doc_of, p, unmarked, p >= 0.5)]
    [[0, 3], [], [0]]
    """
    n_docs = len(idxs)
    cut = drop & unmarked
    fallback = ((np.bincount(doc_of[unmarked], minlength=n_docs) > 0)
                & (np.bincount(doc_of[unmarked & ~drop], minlength=n_docs) == 0))  # (the model would leave nothing)
    lines = np.concatenate(idxs)[cut] if n_docs else np.zeros(0, dtype=np.int64)
    ends = np.cumsum(np.bincount(doc_of[cut], minlength=n_docs)).tolist()
    out = [lines[a:b] for a, b in zip([0] + ends[:-1], ends)]
    for k in np.flatnonzero(fallback).tolist():
        lo, hi = int(bounds[k]), int(bounds[k + 1])
        doc_drop, doc_unmarked = drop[lo:hi], unmarked[lo:hi]
        doc_drop = p[lo:hi] > p[lo:hi][doc_unmarked].min() + FALLBACK_MARGIN
        out[k] = idxs[k][doc_drop & doc_unmarked]
    return out


def _segment_starts(doc: np.ndarray) -> np.ndarray:
    """Per entry: does it start its document's entries (`doc`: ascending)."""
    return np.r_[True, doc[1:] != doc[:-1]] if len(doc) else np.zeros(0, dtype=bool)


def _keep_subheadings_seg(doc, words, sentence, asks, drop) -> np.ndarray:
    """``keep_subheadings`` of every document (entries: each one's candidate lines):
    the lines above and below a subheading are of its document."""
    short = (words <= SUBHEADING_MAX_WORDS) & (~sentence | asks)
    kept = ~drop
    between = np.zeros(len(drop), dtype=bool)
    between[1:-1] = (kept[:-2] & kept[2:] & sentence[2:] & (words[2:] > words[1:-1])
                     & (doc[:-2] == doc[1:-1]) & (doc[2:] == doc[1:-1]))
    return drop & ~(short & between)


def _smooth_cut_seg(doc, words, p, drop, threshold: float, penalty: float) -> np.ndarray:
    """``smooth_cut`` of every document: where a document has short cut lines
    (bridges) and other lines, its runs are read without the bridges."""
    bridge = drop & (words <= BRIDGE_MAX_WORDS)
    n_docs = int(doc[-1]) + 1 if len(doc) else 0
    any_bridge = np.bincount(doc, weights=bridge, minlength=n_docs) > 0
    all_bridge = np.bincount(doc, weights=~bridge, minlength=n_docs) == 0
    work = np.flatnonzero(~bridge | ~(any_bridge & ~all_bridge)[doc])
    out = drop.copy()
    out[work] = _smooth_runs_seg(doc[work], p[work], drop[work], threshold, penalty)
    return out


def _smooth_runs_seg(doc, p, drop, threshold: float, penalty: float) -> np.ndarray:
    """``_smooth_runs`` of every document: runs of cut or kept lines never cross a
    document; each document's strongest kept run and islands as there."""
    n = len(drop)
    if n == 0:
        return drop
    new_doc = _segment_starts(doc)
    starts = np.flatnonzero(new_doc | np.r_[True, drop[1:] != drop[:-1]])
    ends = np.r_[starts[1:], n]
    run_doc = doc[starts]
    kept_run = ~drop[starts]
    q = np.clip(p, 1e-6, 1 - 1e-6)
    evidence = np.add.reduceat(np.abs(np.log(q / (1 - q)) - np.log(threshold / (1 - threshold))), starts)
    evidence[~kept_run] = -1.0
    first_run = _segment_starts(run_doc)
    doc_first_run = np.flatnonzero(first_run)
    best = np.maximum.reduceat(evidence, doc_first_run)  # (per document with entries)
    doc_rank = np.cumsum(first_run) - 1  # per run: its document among those with entries
    at_best = np.flatnonzero(evidence == best[doc_rank])
    strongest = at_best[np.searchsorted(at_best, doc_first_run)]  # (the first run reaching it)
    drop = drop.copy()
    if penalty > 0:
        runs_in_doc = np.diff(np.r_[doc_first_run, len(starts)])
        last_run = np.r_[first_run[1:], True]
        weak = kept_run & (evidence < penalty) & ~first_run & ~last_run & (runs_in_doc > 2)[doc_rank]
        weak[strongest] = False
        drop |= np.repeat(weak, ends - starts)
    return drop


def _cut_shifted_ends_seg(doc, p, drop, nats: float = SHIFT_NATS, min_lines: int = SHIFT_MIN_LINES,
                          min_p: float = SHIFT_MIN_P) -> np.ndarray:
    """``cut_shifted_ends`` of every document; each document's running sums start
    from its own first kept line (one cumulative sum along the rows of a padded
    matrix, the same additions in the same order as one document alone)."""
    kept = np.flatnonzero(~drop)
    kdoc = doc[kept]
    first = _segment_starts(kdoc)
    doc_first = np.flatnonzero(first)
    counts = np.diff(np.r_[doc_first, len(kept)])
    out = drop.copy()
    enough = counts >= min_lines + 1
    if not enough.any():
        return out
    rank = np.cumsum(first) - 1  # per kept line: its document among those with kept lines
    local = np.arange(len(kept)) - doc_first[rank]
    use = enough[rank]
    kept, rank, local = kept[use], rank[use], local[use]
    docs = np.flatnonzero(enough)
    slot = np.searchsorted(docs, rank)  # (the matrix row of each kept line)
    width = int(counts[docs].max())
    matrix = np.zeros((len(docs), width))
    matrix[slot, local] = _log_odds(p[kept])
    running = np.cumsum(matrix, axis=1)
    # Every split of every document at once: column j splits before kept line j + 1.
    n = counts[docs][:, None]
    split = np.arange(1, width)[None, :]
    valid = split < n
    total = running[np.arange(len(docs)), n[:, 0] - 1][:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        earlier = running[:, :-1] / split
        later = (total - running[:, :-1]) / (n - split)
        change = split * (n - split) / n * (later - earlier) ** 2
    least = np.log(min_p / (1 - min_p))
    to_cut = np.zeros(len(kept), dtype=bool)
    rows = np.arange(len(docs))
    for cut_later in (True, False):
        rises = valid & ((later > earlier) if cut_later else (earlier > later))
        k = np.where(rises, change, -np.inf).argmax(axis=1)  # (the first largest change among the rises)
        at = split[0, k]
        cut_mean, rest_mean = (later[rows, k], earlier[rows, k]) if cut_later else (earlier[rows, k], later[rows, k])
        cut_lines = n[:, 0] - at if cut_later else at
        ok = (rises.any(axis=1) & (cut_mean - rest_mean >= nats) & (cut_mean >= least)
              & (np.minimum(cut_lines, n[:, 0] - cut_lines) >= min_lines))
        to_cut |= ok[slot] & ((local >= at[slot]) if cut_later else (local < at[slot]))
    out[kept[to_cut]] = True
    return out


def classifier_applies(ctx) -> bool:
    """Whether the model should look at this document at all.

    Not when it has fewer than MIN_LINES non-blank lines, unless it is a short page
    with SHORT_PAGE_MIN_PROSE+ paragraphs left by the rules (``is_short_page``): the
    model was fit on whole pages (25+ lines), and its position and window features mean
    little on a snippet. Not when every line the rules left is a prose paragraph: that
    is an article body with nothing page-like left to cut. In both cases the model is
    least sure, and a cut paragraph costs the most; the rules still run.
    """
    left = ~ctx.blank & ~ctx.marks.removed()
    n_lines = np.count_nonzero(~ctx.blank)
    if n_lines < MIN_LINES and not is_short_page(n_lines, np.count_nonzero(left & story_paragraphs(ctx.prose, ctx.stats))):
        return False
    return bool((left & ~ctx.prose).any())


def is_short_page(n_lines, n_prose_left):
    """Whether a document of `n_lines` non-blank lines, `n_prose_left` of them paragraphs
    the rules left, is a short page the model reads (scalars or arrays).

    >>> is_short_page(9, 2), is_short_page(9, 1), is_short_page(4, 3)
    (True, False, False)
    """
    return (n_lines >= SHORT_PAGE_MIN_LINES) & (n_prose_left >= SHORT_PAGE_MIN_PROSE)


def story_paragraphs(prose: np.ndarray, stats) -> np.ndarray:
    """Per line: a paragraph of a short page's story: `prose` (PROSE_MIN_WORDS+ words,
    ending a sentence) or a sentence of SHORT_PAGE_PARAGRAPH_MIN_CHARS+ non-space
    characters (`stats`: the lines' LineStats), as languages of long words say a
    paragraph in fewer words.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Kokeilu kestää vuoden loppuun, minkä jälkeen sen jatkosta päätetään.\\nJaa artikkeli")
    >>> ctx.prose.tolist(), story_paragraphs(ctx.prose, ctx.stats).tolist()
    ([False, False], [True, False])
    """
    sentence = (stats.last_class & SENT_END) > 0
    return prose | (sentence & (stats.n_chars >= SHORT_PAGE_PARAGRAPH_MIN_CHARS))


def give_back_story_lines(ctx) -> None:
    """On a short page, give back the story's lines the model cut next to its kept text.

    The model was fit on whole pages; on a short one, where a story sits among its
    byline, widgets and footer, it cuts three kinds of story lines it should not:

    * a closing one-line sentence right under a kept sentence ("Results are expected
      late on Sunday night."): a cut line that ends a sentence, has
      CLOSING_SENTENCE_MIN_WORDS+ words and whose non-blank line above is a kept
      sentence continues the story (and may let the next line continue it);
    * a paragraph after an inline widget (WIDGET_MAX_LINES or fewer cut short lines:
      "Get our newsletter / Delivered every morning. / Sign up"), when the kept line
      above the widget is a paragraph too: the story resumes;
    * a lede sentence right above a kept paragraph ("Swimmers are back at the harbour.").

    A newsletter's or a comment box's short sentence sits under the cut heading of its
    widget instead, and stays cut.
    """
    ends_sentence = ((ctx.stats.last_class & SENT_END) > 0).tolist()
    n_words = ctx.stats.n_words.tolist()
    prose = ctx.prose.tolist()
    rule = ctx.marks.rule
    above_kept_sentence = above_kept_paragraph = False
    widget_lines = 0
    for i in range(ctx.lines.n_lines):
        if ctx.blank[i]:
            continue
        if rule[i] == RULE and (
                (above_kept_sentence and ends_sentence[i] and n_words[i] >= CLOSING_SENTENCE_MIN_WORDS)
                or (above_kept_paragraph and prose[i])):
            rule[i] = None
        if rule[i] is None:
            above_kept_sentence = ends_sentence[i]
            above_kept_paragraph, widget_lines = prose[i], 0
        else:
            above_kept_sentence = False
            # (a widget's few short cut lines keep the paragraph above them in view)
            widget_lines += 1
            above_kept_paragraph = above_kept_paragraph and not prose[i] and widget_lines <= WIDGET_MAX_LINES
    # upwards: a lede sentence right above the first kept paragraph
    below_kept_paragraph = False
    for i in range(ctx.lines.n_lines - 1, -1, -1):
        if ctx.blank[i]:
            continue
        if (rule[i] == RULE and below_kept_paragraph and ends_sentence[i]
                and n_words[i] >= CLOSING_SENTENCE_MIN_WORDS):
            rule[i] = None
            below_kept_paragraph = False
            continue
        below_kept_paragraph = rule[i] is None and prose[i]


def cut_furniture_outside_the_story(ctx) -> None:
    """On a short page, cut what the model left above the story's first paragraph or
    below its last one that ends no sentence (rule OUTSIDE_STORY).

    Around a short story the lines that end no sentence are its page's furniture,
    whatever their language: a byline ("Publié par Claire Mounier le 4 novembre"), a
    share bar ("Comparte esto:"), a caption's credit ("... © Pieter Smal"), a comment
    box's heading. A sentence there (a lede, a closing line) stays.
    """
    rule = ctx.marks.rule
    kept = np.flatnonzero(~ctx.blank & ~ctx.marks.removed())
    paragraphs = kept[story_paragraphs(ctx.prose, ctx.stats)[kept]]
    if len(paragraphs) < SHORT_PAGE_MIN_PROSE:
        return
    ends_sentence = (ctx.stats.last_class & SENT_END) > 0
    outside = (kept < paragraphs[0]) | (kept > paragraphs[-1])
    for i in kept[outside & ~ends_sentence[kept]].tolist():
        rule[i] = OUTSIDE_STORY


def paragraph_view(ctx):
    """The document with the lines that continue each other joined into one line each,
    or None when no line continues another.

    A line continues the one above it (no blank line between, no rule removed either)
    when that one ends no sentence and this one starts lower-case or with punctuation,
    or that one is a long line of running text (WRAPPED_MIN_WORDS+ words, mostly not
    capitalised): a hard-wrapped paragraph ("...a higher resolution," / "while others
    will get...") or a sentence that flattened HTML split at its links. The classifier
    reads such a paragraph as one line and cuts or keeps it whole.

    Returns (a Context of the joined text with the rules' marks, per line of it: the
    original line numbers it holds, [] for a blank line).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> view, groups = paragraph_view(Context("Home\\nThe cat sat\\non the mat.\\n"))
    >>> view.lines.content, groups
    (['Home', 'The cat sat on the mat.', ''], [[0], [1, 2], []])
    """
    return paragraph_views([ctx])[0]


def paragraph_views(ctxs: list) -> list:
    """``paragraph_view`` of each document. A joined line's counts are the sums of its
    lines' counts (its first and last characters: its first and last line's), so the
    view costs no second pass over the text."""
    from corpus_clean.boilerplate.engine import Context

    views: list = [None] * len(ctxs)
    for k in np.flatnonzero(_any_line_continues(ctxs)).tolist():
        ctx = ctxs[k]
        plan = _paragraph_plan(ctx)
        if plan is None:
            continue
        starts, ends, heads = plan
        # (plus the "" after the final newline: a blank line of the view)
        lines = lines_of_stripped(_joined_lines(ctx, starts, ends, heads) + [""])
        view = Context(lines.text, lines, _joined_stats(ctx, starts, ends, heads))
        # A view line that is one original line keeps that line's rule mark.
        rule = ctx.marks.rule
        single = heads & (ends - starts == 1)
        single[single] = ctx.marks.removed()[starts[single]]
        for v, i in zip(np.flatnonzero(single).tolist(), starts[single].tolist()):
            view.marks.rule[v] = rule[i]
        views[k] = (view, ViewGroups(starts, ends, heads))
    return views


class ViewGroups(Sequence):
    """Per line of a paragraph view, the original lines it holds ([] for a blank line,
    and for the "" after the final newline), each list made when asked for: the
    classifier asks only for the lines it cuts.

    >>> ViewGroups(np.array([0, 1, 3]), np.array([1, 3, 4]), np.array([True, True, False]))
    [[0], [1, 2], [], []]
    """

    def __init__(self, starts: np.ndarray, ends: np.ndarray, heads: np.ndarray):
        self._starts, self._ends, self._heads = starts, ends, heads

    def __len__(self) -> int:
        return len(self._starts) + 1

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        if k == len(self._starts) or not self._heads[k]:
            return []
        return list(range(int(self._starts[k]), int(self._ends[k])))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


def _paragraph_groups(ctx) -> list[list[int]] | None:
    """Per line of the paragraph view, the original lines it joins ([] = blank)."""
    plan = _paragraph_plan(ctx)
    if plan is None:
        return None
    starts, ends, heads = plan
    return [list(range(a, b)) if head else [] for a, b, head in zip(starts.tolist(), ends.tolist(), heads.tolist())]


def _continues_above(s: LineStats, blank: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Per line but the first: does it go on the paragraph of the line above
    (``_paragraph_plan``; `s`, `blank`, `kept`: the lines' counts and masks)."""
    nonblank = ~blank
    # A long line of running text (not a title: few capitalised words) that ends no
    # sentence is cut short: the next line goes on with it whatever its first letter
    # (hard-wrapped plain text: "...return an 'ETag' header with, in" / "the case of").
    wrapped = (s.n_words >= WRAPPED_MIN_WORDS) & (s.n_cap_words * 2 < s.n_words)
    continues = (s.first_class & (LOWER | PUNCT)) > 0
    open_end = (s.last_class & SENT_END) == 0
    return (nonblank[1:] & nonblank[:-1] & kept[:-1] & open_end[:-1] & kept[1:]
            & (continues[1:] | wrapped[:-1]))


# The line counts ``_continues_above`` reads.
_CONTINUES_ABOVE_READS = ("n_words", "n_cap_words", "first_class", "last_class")


def _any_line_continues(ctxs: list) -> np.ndarray:
    """Per document: does any of its lines go on the paragraph above it (one pass over
    all documents' lines; the first line of a document continues nothing)."""
    if not ctxs:
        return np.zeros(0, dtype=bool)
    n_lines = np.array([ctx.lines.n_lines for ctx in ctxs], dtype=np.int64)
    first = np.cumsum(n_lines) - n_lines
    # (only the counts ``_continues_above`` reads: the other seven were joined for nothing)
    stats = SimpleNamespace(**{name: np.concatenate([getattr(ctx.stats, name) for ctx in ctxs])
                               for name in _CONTINUES_ABOVE_READS})
    kept = ~np.concatenate([ctx.marks.removed() for ctx in ctxs])
    joins = np.r_[False, _continues_above(stats, np.concatenate([ctx.blank for ctx in ctxs]), kept)]
    joins[first] = False
    return np.logical_or.reduceat(joins, first)


def _paragraph_plan(ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The paragraph view's lines as arrays: per view line, the first original line and
    one past its last (a run of lines), and whether it holds any (False: a blank line);
    None when no line continues another.

    Whether a line continues the one above depends on those two lines only, so it is
    one array expression over the document.
    """
    n = ctx.lines.n_lines
    nonblank = ~ctx.blank
    joins = np.zeros(n, dtype=bool)  # line i goes on line i-1's paragraph
    joins[1:] = _continues_above(ctx.stats, ctx.blank, ~ctx.marks.removed())
    if not joins.any():
        return None
    first_of_group = nonblank & ~joins
    blank_group = np.zeros(n, dtype=bool)  # one blank line per run of them (none at the top)
    blank_group[1:] = ctx.blank[1:] & nonblank[:-1]
    not_joined = np.flatnonzero(~joins)
    starts = np.flatnonzero(first_of_group | blank_group)
    # (a group runs to the next line that joins nothing; the last one to the end)
    ends = np.r_[not_joined, n][np.searchsorted(not_joined, starts, side="right")]
    heads = first_of_group[starts]
    if not heads[-1]:  # no blank line at the end
        starts, ends, heads = starts[:-1], ends[:-1], heads[:-1]
    return starts, ends, heads


def _joined_stats(ctx, starts: np.ndarray, ends: np.ndarray, heads: np.ndarray) -> LineStats:
    """Per-line counts of the paragraph view (`starts`, `ends`, `heads`: see
    ``_paragraph_plan``; one more blank view line at the end) from the original lines'
    counts. Every non-blank line belongs to one view line, in order."""
    n = len(starts) + 1
    nonempty = np.flatnonzero(heads)
    sizes = (ends - starts)[nonempty]
    members = np.flatnonzero(~ctx.blank)
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))  # (np.r_: ~8x slower, per page)
    first = starts[nonempty]
    last = ends[nonempty] - 1
    out = {}
    for name in LineStats.__dataclass_fields__:
        column = getattr(ctx.stats, name)
        view = np.zeros(n, dtype=column.dtype)
        if name == "first_class":
            view[nonempty] = column[first]
        elif name in ("last_class", "last_char"):
            view[nonempty] = column[last]
        else:
            view[nonempty] = np.add.reduceat(column[members], offsets)
        out[name] = view
    return LineStats(**out)


def _joined_lines(ctx, starts: np.ndarray, ends: np.ndarray, heads: np.ndarray) -> list[str]:
    """The text of each line of the paragraph view: its lines' stripped texts joined by
    a space (none before punctuation)."""
    content = ctx.lines.content
    out = []
    for a, b, head in zip(starts.tolist(), ends.tolist(), heads.tolist()):
        if b - a == 1 and head:
            out.append(content[a])
        elif not head:
            out.append("")
        else:
            parts = content[a:b]
            out.append(parts[0] + "".join(("" if part[:1] in ",.;:!?)" else " ") + part for part in parts[1:]))
    return out


def line_scores(ctx, view, idx: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The model's score of each line of `ctx` (NaN for a line it did not score: blank),
    a joined line's score given to every line it holds (`view`: ``paragraph_view``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> line_scores(Context("a\\n\\nb"), None, np.array([0, 2]), np.array([0.25, 0.75])).tolist()[::2]
    [0.25, 0.75]
    """
    out = np.full(ctx.lines.n_lines, np.nan)
    if view is None:
        out[idx] = p
    else:
        # (a joined line holds a run of lines with no blank between: its first line and its
        # count say which; a blank line holds none)
        groups = view[1]
        firsts = np.fromiter((groups[k][0] if groups[k] else 0 for k in idx.tolist()), dtype=np.int64, count=len(idx))
        counts = np.fromiter((len(groups[k]) for k in idx.tolist()), dtype=np.int64, count=len(idx))
        starts = np.repeat(firsts - np.cumsum(counts) + counts, counts)
        out[starts + np.arange(int(counts.sum()))] = np.repeat(p, counts)
    return out


def line_proba(ctx) -> np.ndarray | None:
    """The model's score of each line of `ctx` (``line_scores``), or None when the model
    did not read the page; computed on first use and kept (``ctx.line_proba``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("a\\nb")
    >>> line_proba(ctx) is None
    True
    >>> ctx.scored_rows = (None, np.array([0, 1]), np.array([0.5, 0.25]))
    >>> line_proba(ctx).tolist()
    [0.5, 0.25]
    """
    found = ctx.__dict__.get("line_proba")
    if found is None and "scored_rows" in ctx.__dict__:
        found = ctx.line_proba = line_scores(ctx, *ctx.scored_rows)
    return found


def after_the_model(ctx) -> None:
    """The steps that read a page after the model's cut (``mark_by_classifier_many``, on each
    page the model read, its ``scored_rows`` set): the story's lines given back, inserts,
    captions, bios, the story's edges, a sidebar's counted list, other stories' excerpts and
    cards, a writer's name box. ``training.fit.clean_with`` runs them too, so a
    leave-one-dataset-out score is the engine's output (round 25: it skipped them)."""
    if np.count_nonzero(~ctx.blank) < MIN_LINES:
        give_back_story_lines(ctx)
        cut_furniture_outside_the_story(ctx)
    give_back_lead_by_title(ctx, RULE)
    give_back_list_lines(ctx, RULE)
    mark_story_inserts(ctx)
    mark_captions_over_credits(ctx)
    mark_author_bio(ctx)
    give_back_story_body_lines(ctx)
    give_back_echoing_edges(ctx)
    mark_counted_lists(ctx)  # (last: no give-back brings a widget's entries back)
    mark_cut_short_excerpts(ctx)
    mark_other_stories_cards(ctx)
    mark_name_box(ctx)


def mark_by_classifier_many(ctxs: list, model: StackedModel | None = None, applies: list[bool] | None = None) -> None:
    """Mark the non-blank lines the model calls boilerplate (rule ``classifier``) in
    the documents it applies to (``classifier_applies``), scored as one batch.

    Each document is scored as its ``paragraph_view`` (continued lines joined), and a
    joined line's verdict goes to every line it holds.

    The same marks as one document at a time (features never look across documents),
    for a fraction of the numpy calls: a page has ~200 lines, so per-page array work
    is mostly call overhead. (`applies`: ``classifier_applies`` of each document when
    the caller has it, e.g. from a whole batch's arrays: ``batch.classifier_applies_many``.)
    """
    model = model or load_model()
    if applies is None:
        applies = [classifier_applies(ctx) for ctx in ctxs] if model is not None else []
    if model is not None:
        # (a page the model does not read still gets the story's rule cuts back: a
        # timeline whose entries are all paragraphs, a short page's live ticker)
        for ctx, a in zip(ctxs, applies):
            if not a:
                give_back_story_body_lines(ctx)
    ctxs = [ctx for ctx, a in zip(ctxs, applies) if a] if model is not None else []
    if not ctxs:
        return
    views = paragraph_views(ctxs)
    scored = [view[0] if view else ctx for view, ctx in zip(views, ctxs)]
    # (classifier_applies: at least one row each)
    idxs, X, rows = line_features_many(scored, continuity=model.reads(CONTINUITY_NAMES))
    p = model.predict_proba(X, rows)
    cuts = lines_to_cut_many(scored, idxs, p, rows, model.threshold, model.island_penalty)
    for ctx, view, cut, idx, lo, hi in zip(ctxs, views, cuts, idxs, rows.bounds[:-1], rows.bounds[1:]):
        # (each line's score, for the rule-side steps below that weigh a line's shape
        # against what the model made of it: ``story_inserts.mark_lone_captions``; spread
        # over the page's lines only when a step asks, ``line_proba``: few pages need it)
        ctx.scored_rows = (view, idx, p[lo:hi])
        rule = ctx.marks.rule  # (``Marks.mark`` without its call per line: ~15,000 per 5 MB)
        for k in cut.tolist():
            for i in (view[1][k] if view else (k,)):
                if rule[i] is None:
                    rule[i] = RULE
        after_the_model(ctx)

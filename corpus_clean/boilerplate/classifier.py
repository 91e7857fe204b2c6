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
* the document: number of lines, share of prose lines, whether paragraphs are
  separated by blank lines (the flattened-HTML pages of the benchmark are not; the
  gold bodies fed in as clean training documents are, see ``fit.py``).

Refit with ``python -m corpus_clean.boilerplate.fit BENCH.jsonl.gz`` (see ``fit.py``).
"""
from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from corpus_clean.boilerplate.features import ALPHA, DIGIT, LOWER, PUNCT, SENT_END

MODEL_PATH = Path(__file__).parent / "classifier.json"
RULE = "classifier"

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
]
# Stage 2 sees stage 1's probabilities around each line (stacking): the article is a
# contiguous block, so a line's neighbours' scores say a lot about it.
STAGE2_NAMES = FEATURE_NAMES + [
    "p1", "p1_prev1", "p1_next1", "p1_win3", "p1_win10", "in_main_block", "log_dist_main_block",
    "main_block_share", "article_words_above", "article_words_below",
]
END_MARKERS = ("news.contributed", "news.reporting_credit", "footer.copyright", "footer.rights_reserved")
MAIN_BLOCK_MAX_GAP = 3
MIN_LINES = 12
FALLBACK_MARGIN = 0.1


def _window_mean(x: np.ndarray, radius: int) -> np.ndarray:
    """Mean of x over rows [i-radius, i+radius] without row i itself (edges: fewer rows).

    `x` is one column or several side by side (one cumulative sum for all of them).
    """
    n = len(x)
    c = np.zeros((n + 1,) + x.shape[1:])
    np.cumsum(x, axis=0, dtype=np.float64, out=c[1:])
    pos = np.arange(n)
    lo = np.maximum(pos - radius, 0)
    hi = np.minimum(pos + radius + 1, n)
    total = c[hi] - c[lo] - x
    count = np.maximum(hi - lo - 1, 1)
    return total / (count if x.ndim == 1 else count[:, None])


# What a line's rule means to the features, as bits (cached per rule id; None: kept).
REMOVED, COMMENT_MARKER, END_MARKER, TITLE_COPY = 1, 2, 4, 8
_FLAGS_OF_RULE: dict[str | None, int] = {None: 0}


def _rule_flags(rule: str) -> int:
    return (REMOVED | (COMMENT_MARKER if rule.startswith("comments.") else 0)
            | (END_MARKER if rule in END_MARKERS else 0) | (TITLE_COPY if rule == "repeat.headline" else 0))


def _shift(x: np.ndarray, k: int, fill: float = 0.0) -> np.ndarray:
    out = np.full_like(x, fill)
    if k > 0:
        out[k:] = x[:-k]
    elif k < 0:
        out[:k] = x[-k:]
    else:
        out[:] = x
    return out


def line_features(ctx) -> tuple[np.ndarray, np.ndarray]:
    """Return (indices of non-blank lines, feature matrix with FEATURE_NAMES columns)."""
    s = ctx.stats
    idx = np.flatnonzero(~ctx.blank)
    n = len(idx)
    if n == 0:
        return idx, np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    w = s.n_words[idx].astype(np.float64)
    c = np.maximum(s.n_chars[idx], 1).astype(np.float64)
    wd = np.maximum(w, 1)
    alpha = np.maximum(s.n_alpha[idx], 1)
    last = s.last_class[idx]
    first = s.first_class[idx]
    last_char = s.last_char[idx]
    log_w = np.log1p(w)
    ends_sentence = ((last & SENT_END) > 0).astype(np.float64)
    ends_comma_colon = np.isin(last_char, [ord(","), ord(":"), ord(";")]).astype(np.float64)
    ends_alnum = ((last & (ALPHA | DIGIT)) > 0).astype(np.float64)
    starts_lower = ((first & LOWER) > 0).astype(np.float64)
    starts_punct = ((first & PUNCT) > 0).astype(np.float64)

    rows = idx.tolist()
    content = ctx.lines.content
    keys = [content[i] for i in rows]
    counts = Counter(keys)
    repeats = np.array([counts[k] for k in keys], dtype=np.float64)
    rule = ctx.marks.rule
    flags_of = _FLAGS_OF_RULE
    for r in set(rule).difference(flags_of):
        flags_of[r] = _rule_flags(r)
    flags = np.array([flags_of[rule[i]] for i in rows], dtype=np.int64)
    removed = (flags & REMOVED).astype(np.float64)
    is_comment_marker = (flags & COMMENT_MARKER) > 0
    is_end_marker = (flags & END_MARKER) > 0
    below_comment_marker = (np.cumsum(is_comment_marker) - is_comment_marker) > 0
    below_end_marker = (np.cumsum(is_end_marker) - is_end_marker) > 0
    # The headline's copy (the page's h1) usually sits right above the article body.
    title_copy = np.flatnonzero(flags & TITLE_COPY)
    if len(title_copy):
        t = title_copy[0]
        below_title = (np.arange(n) > t).astype(np.float64)
        dist_title = np.log1p(np.abs(np.arange(n) - t))
    else:
        below_title = np.zeros(n)
        dist_title = np.full(n, np.log1p(n))

    prose = ((w >= 10) & (ends_sentence > 0)).astype(np.float64)
    n_prose = prose.sum()
    prose_cum = np.cumsum(prose)
    prose_above = (prose_cum - prose) / max(n_prose, 1)
    prose_below = (n_prose - prose_cum) / max(n_prose, 1)
    pos = np.arange(n)
    prose_pos = np.flatnonzero(prose)
    if len(prose_pos):
        j = np.searchsorted(prose_pos, pos)
        left = np.where(j > 0, pos - prose_pos[np.maximum(j - 1, 0)], n)
        right = np.where(j < len(prose_pos), prose_pos[np.minimum(j, len(prose_pos) - 1)] - pos, n)
        dist = np.minimum(np.abs(left), np.abs(right))
        in_span = ((pos >= prose_pos[0]) & (pos <= prose_pos[-1])).astype(np.float64)
    else:
        dist = np.full(n, n, dtype=np.float64)
        in_span = np.zeros(n)
    rel_char = ctx.lines.starts[idx] / max(len(ctx.text), 1)

    cap_ratio = s.n_cap_words[idx] / wd
    # A teaser headline: several words, mostly capitalised, no sentence end.
    title_like = ((w >= 3) & (cap_ratio >= 0.5) & (ends_sentence == 0)).astype(np.float64)
    # Teaser lists alternate a headline and a one-sentence summary, line after line;
    # an article's subheadings come every few paragraphs.
    alternation = np.zeros(n)
    alternation[1:] = np.abs(np.diff(title_like))
    prose_3, removed_3, title_like_3, ends_sentence_3, log_w_3, alternation_3, log_w2_3 = _window_mean(
        np.column_stack([prose, removed, title_like, ends_sentence, log_w, alternation, log_w**2]), 3).T
    prose_10, removed_10, title_like_10, log_w_10, alternation_10, log_w2_10 = _window_mean(
        np.column_stack([prose, removed, title_like, log_w, alternation, log_w**2]), 10).T
    # Teaser summaries come in runs of similar length (and are often cut off with "...");
    # an article's paragraphs vary.
    log_w_var_3 = np.maximum(log_w2_3 - log_w_3**2, 0)
    log_w_var_10 = np.maximum(log_w2_10 - log_w_10**2, 0)
    ends_ellipsis = np.array([k.endswith(("...", "…", "[…]")) for k in keys], dtype=np.float64)
    X = np.column_stack([
        log_w, np.log1p(c), s.n_punct[idx] / c, s.n_digit[idx] / c, cap_ratio,
        s.n_stop[idx] / wd, s.n_upper[idx] / alpha, ends_sentence, ends_comma_colon, ends_alnum,
        starts_lower, starts_punct, np.log(repeats), removed,
        pos / max(n - 1, 1), rel_char, prose_above, prose_below, np.log1p(dist), in_span,
        _shift(log_w, 1), _shift(log_w, -1), _shift(log_w, 2), _shift(log_w, -2),
        prose_3, prose_10, removed_3, removed_10,
        np.full(n, np.log1p(n)), np.full(n, n_prose / n), below_comment_marker, below_end_marker,
        _shift(cap_ratio, 1), _shift(cap_ratio, -1), _shift(ends_sentence, 1, 1.0), _shift(ends_sentence, -1, 1.0),
        below_title, dist_title,
        title_like_3, title_like_10, ends_sentence_3, log_w_3, log_w_10,
        np.full(n, float(ctx.has_blank_lines)), alternation_3, alternation_10,
        log_w_var_3, log_w_var_10, ends_ellipsis,
    ]).astype(np.float32)
    return idx, X


def stage2_features(X: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage-1 features plus stage-1 probabilities of the neighbourhood and main block.

    The main block is the run of likely-article lines (p1 < 0.5, gaps of at most
    MAIN_BLOCK_MAX_GAP lines) holding the most likely-article words.
    """
    n = len(p1)
    log_w = X[:, FEATURE_NAMES.index("log_words")].astype(np.float64)
    words = np.expm1(log_w)
    article_words = words * (1 - p1)
    total = max(article_words.sum(), 1e-9)
    cum = np.cumsum(article_words)
    above = (cum - article_words) / total
    below = (total - cum) / total
    pos = np.arange(n)
    good = np.flatnonzero(p1 < 0.5)
    if len(good):
        seg = np.concatenate(([0], np.cumsum(np.diff(good) > MAIN_BLOCK_MAX_GAP)))
        weight = np.bincount(seg, weights=article_words[good])
        best = int(weight.argmax())
        lo, hi = good[seg == best][0], good[seg == best][-1]
        in_main = ((pos >= lo) & (pos <= hi)).astype(np.float64)
        dist = np.where(pos < lo, lo - pos, np.where(pos > hi, pos - hi, 0))
        share = weight[best] / total
    else:
        in_main = np.zeros(n)
        dist = np.full(n, n)
        share = 0.0
    extra = np.column_stack([
        p1, _shift(p1, 1, 1.0), _shift(p1, -1, 1.0), _window_mean(p1, 3), _window_mean(p1, 10),
        in_main, np.log1p(dist), np.full(n, share), above, below,
    ])
    return np.hstack([X, extra.astype(np.float32)])


class TreeModel:
    """Gradient-boosted oblivious trees as arrays; ``predict_proba`` is vectorised.

    Tree t asks one question per level d: is feature ``split_feature[t, d]`` above
    ``split_threshold[t, d]``? The answers, read as the bits of a number (first level
    = top bit), index the leaf. So all rows and trees are answered by one comparison
    of a gathered feature matrix, D shift-and-or steps and one gather of leaf values.
    """

    def __init__(self, params: dict, feature_names: list[str] = FEATURE_NAMES):
        if params.get("kind") != "oblivious-gbdt":
            raise ValueError("classifier.json holds another kind of model; refit it")
        if params["features"] != feature_names:
            raise ValueError("classifier.json was fit with other features; refit it")
        self.params = params
        self.base = float(params["base"])
        self.depth = int(params["depth"])
        split_feature = np.asarray(params["split_feature"], dtype=np.intp)  # (T, D)
        self.n_trees = split_feature.shape[0]
        # Level-major order: the questions of level d for all trees are rows d*T..d*T+T-1.
        self._columns = split_feature.T.ravel()
        self._thresholds = np.asarray(params["split_threshold"], dtype=np.float32).T.ravel()[:, None]
        leaf_value = np.asarray(params["leaf_value"], dtype=np.float64)  # (T, 2^D)
        self._leaf_flat = leaf_value.ravel()
        self._leaf_offset = (np.arange(self.n_trees, dtype=np.intp) * leaf_value.shape[1])[:, None]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(boilerplate) per row of X."""
        n = X.shape[0]
        if n == 0 or self.n_trees == 0:
            return np.full(n, 1.0 / (1.0 + np.exp(-self.base)))
        features_by_row = np.ascontiguousarray(X.T, dtype=np.float32)  # gathering rows is cheaper
        answers = (features_by_row[self._columns] > self._thresholds).reshape(self.depth, self.n_trees, n)
        leaf = answers[0].astype(np.intp)
        for level in answers[1:]:
            leaf <<= 1
            leaf |= level
        margin = self.base + np.take(self._leaf_flat, leaf + self._leaf_offset).sum(axis=0)
        return 1.0 / (1.0 + np.exp(-margin))


class StackedModel:
    """Stage 1 on line features, stage 2 on those plus stage 1's neighbourhood scores."""

    def __init__(self, params: dict):
        self.params = params
        self.stage1 = TreeModel(params["stage1"], FEATURE_NAMES)
        self.stage2 = TreeModel(params["stage2"], STAGE2_NAMES) if params.get("stage2") else None
        self.threshold = float(params["threshold"])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p1 = self.stage1.predict_proba(X)
        if self.stage2 is None:
            return p1
        return self.stage2.predict_proba(stage2_features(X, p1))


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_PATH)) -> StackedModel | None:
    """The shipped model, or None when no parameters file exists (rules only)."""
    p = Path(path)
    if not p.exists():
        return None
    return StackedModel(json.loads(p.read_text(encoding="utf-8")))


def lines_to_cut(ctx, idx: np.ndarray, p: np.ndarray, threshold: float) -> np.ndarray:
    """The lines (of `idx`, scored `p`) the classifier removes at `threshold`.

    Only lines no rule removed; never all of them: if the model would leave nothing,
    it keeps the lines scoring within FALLBACK_MARGIN of the most article-like one.
    """
    drop = p >= threshold
    unmarked = ~ctx.marks.removed()[idx]
    if not unmarked.any():
        return idx[:0]
    if not (unmarked & ~drop).any():
        drop = p > p[unmarked].min() + FALLBACK_MARGIN
    return idx[drop & unmarked]


def classifier_applies(ctx) -> bool:
    """Whether the model should look at this document at all.

    Not when it has fewer than MIN_LINES non-blank lines: the model was fit on whole
    pages (25+ lines), and its position and window features mean little on a snippet.
    Not when every line the rules left is a prose paragraph: that is an article body
    with nothing page-like left to cut. In both cases the model is least sure, and a
    cut paragraph costs the most; the rules still run.
    """
    nonblank = np.flatnonzero(~ctx.blank)
    if len(nonblank) < MIN_LINES:
        return False
    rule = ctx.marks.rule
    return any(rule[i] is None and not ctx.prose[i] for i in nonblank.tolist())


def mark_by_classifier(ctx, model: StackedModel | None = None) -> None:
    """Mark the non-blank lines the model calls boilerplate (rule ``classifier``),
    on the documents it applies to (``classifier_applies``)."""
    model = model or load_model()
    if model is None or not classifier_applies(ctx):
        return
    idx, X = line_features(ctx)  # (classifier_applies: at least MIN_LINES rows)
    for i in lines_to_cut(ctx, idx, model.predict_proba(X), model.threshold).tolist():
        ctx.marks.mark(i, RULE)

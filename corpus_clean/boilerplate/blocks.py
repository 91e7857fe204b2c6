"""Block steps after the classifier's line verdicts: the kept lines read as one article.

Each step takes one document's candidate lines (the lines no rule removed, in order)
and the verdicts so far, and returns the verdicts with the step applied; a ``_seg``
twin does the same for every document of a batch at once (entries document by
document, `doc` ascending), line for line the same answer.
"""
from __future__ import annotations

import numpy as np


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

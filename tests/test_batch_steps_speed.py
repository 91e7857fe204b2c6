"""Two per-page loops of the classifier's batch made one pass over the batch's rows (round 20,
core20), each against main's page loop on generated batches. Both fail on main (round 19):
neither ``documents_with_two_blocks`` nor ``_cut_lines_per_doc`` is there.

``blocks.cut_unrelated_blocks_below_each``: which pages of a batch can
have a kept block cut is read off the batch's rows in one pass
(``documents_with_two_blocks``), and only those pages go through the page's own function.
The batch's answer must be the page loop's (the reference below, main's loop) on every
generated batch: pages of story, furniture and unrelated lines, with rows cut or not at
random and gaps of every length around APART_MIN_LINES. Fails on main (round 19): no
``documents_with_two_blocks`` there.
"""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate.classifier import FALLBACK_MARGIN, _cut_lines_per_doc
from corpus_clean.boilerplate.blocks import (
    APART_MIN_LINES, cut_unrelated_blocks_below, cut_unrelated_blocks_below_each, documents_with_two_blocks,
)

LINES = ["The harbour council voted on Monday to close the old bridge for repairs after engineers found cracks.",
         "Drivers will use the northern ring road, which the transport department says can carry the traffic.",
         "Necessary cookies enable basic functions like page navigation and access to secure areas of this website.",
         "Market data delayed fifteen minutes, provided for information only and not for trading purposes.",
         "The bridge reopens in spring, the council said, once the steel beams are replaced.",
         "Menu", "Share", "Sign in", "", "Home"]


def _page_loop(contents, line_ofs, bounds, unmarked, drop):
    """Main's loop (round 19): every page through ``cut_unrelated_blocks_below``."""
    out = drop.copy()
    for k, (lo, hi) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist())):
        cand = np.flatnonzero(unmarked[lo:hi])
        if len(cand) < 2:
            continue
        out[lo + cand] = cut_unrelated_blocks_below(contents[k], line_ofs[k][cand], cand, drop[lo + cand])
    return out


@st.composite
def batches(draw):
    contents, line_ofs, unmarked, drop, n_rows = [], [], [], [], [0]
    for _ in range(draw(st.integers(1, 6))):
        n = draw(st.integers(0, 3 * APART_MIN_LINES + 4))
        page = draw(st.lists(st.sampled_from(LINES), min_size=n, max_size=n))
        contents.append(page)
        line_ofs.append(np.arange(n))
        unmarked += draw(st.lists(st.booleans(), min_size=n, max_size=n))
        # (runs of cut rows, so gaps of every length come up)
        cuts = []
        while len(cuts) < n:
            cuts += [draw(st.booleans())] * draw(st.integers(1, APART_MIN_LINES + 2))
        drop += cuts[:n]
        n_rows.append(n_rows[-1] + n)
    return contents, line_ofs, np.array(n_rows), np.array(unmarked, dtype=bool), np.array(drop, dtype=bool)


@given(batches())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_batch_cuts_what_the_page_loop_cuts(batch):
    contents, line_ofs, bounds, unmarked, drop = batch
    assert cut_unrelated_blocks_below_each(contents, line_ofs, bounds, unmarked, drop).tolist() == \
        _page_loop(contents, line_ofs, bounds, unmarked, drop).tolist()


@given(batches())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_documents_with_two_blocks_are_those_with_a_gap(batch):
    """A page is listed exactly when two of its kept rows stand more than APART_MIN_LINES
    rows apart with none kept between (never across two pages)."""
    _, _, bounds, unmarked, drop = batch
    kept = unmarked & ~drop
    want = [k for k, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:]))
            if (np.diff(np.flatnonzero(kept[lo:hi])) > APART_MIN_LINES).any()]
    assert documents_with_two_blocks(bounds, kept).tolist() == want


def _cut_lines_page_loop(idxs, bounds, p, unmarked, drop):
    """Main's last loop of ``lines_to_cut_many`` (round 19), page by page."""
    out = []
    for k, (lo, hi) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist())):
        doc_drop, doc_unmarked = drop[lo:hi], unmarked[lo:hi]
        if not doc_unmarked.any():
            out.append(idxs[k][:0])
            continue
        if not (doc_unmarked & ~doc_drop).any():
            doc_drop = p[lo:hi] > p[lo:hi][doc_unmarked].min() + FALLBACK_MARGIN
        out.append(idxs[k][doc_drop & doc_unmarked])
    return out


@given(st.lists(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=12), min_size=1, max_size=8),
       st.floats(0.05, 0.95))
@settings(max_examples=200, deadline=None)
def test_cut_lines_per_doc_are_the_page_loops(docs, threshold):
    """``_cut_lines_per_doc`` (the batch's one pass) gives each page the lines main's page
    loop gave it, in order, fallback pages (nothing left by the model) and pages with no
    unmarked row included; each page's row holds a line number of its own, with gaps."""
    p = np.array([score for doc in docs for score, _ in doc])
    unmarked = np.array([u for doc in docs for _, u in doc], dtype=bool)
    bounds = np.cumsum([0] + [len(doc) for doc in docs])
    doc_of = np.repeat(np.arange(len(docs)), [len(doc) for doc in docs])
    idxs = [np.cumsum(np.arange(1, len(doc) + 1)) for doc in docs]
    got = _cut_lines_per_doc(idxs, bounds, doc_of, p, unmarked, p >= threshold)
    want = _cut_lines_page_loop(idxs, bounds, p, unmarked, p >= threshold)
    assert [a.tolist() for a in got] == [a.tolist() for a in want]

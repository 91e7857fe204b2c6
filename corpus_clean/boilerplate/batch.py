"""The engine's steps over a whole batch of documents at once.

A batch's lines sit one document after another in flat arrays (``Batch``: counts,
masks, offsets, and each row's document). A step that used to run once per document
(a few numpy calls and a Python loop over ~200 lines, 10-40 µs each time) becomes one
pass over those arrays that finds the few documents and lines where it acts; Python
then touches only those. The per-document functions in ``engine.py`` stay the
reference: ``strip_reference`` runs them one document at a time, and
``tests/test_boilerplate_batch.py`` checks that both give the same output.

Documents never see each other: every pass keeps its runs, firsts and counts inside
each document (``Batch.doc``, ``Batch.first``).
"""
from __future__ import annotations

from itertools import chain, islice

import numpy as np

from corpus_clean.boilerplate.dates import mark_date_lines, may_be_date_lines
from corpus_clean.boilerplate.engine import (
    ANNOUNCE_MIN_WORDS, END_MARKER_RULES, HEADLINE_RULE, MENU_MIN_RUN, Context, FlatLines, _voice_hits,
    build_removals, flat_lines_of, head_lines, lazy_attribute, line_masks, looks_like_titles, mark_layout, marked,
    mark_trailing_comments, menu_items, prefix_at, restore_repeats_of_removed, tail_lines,
)
from corpus_clean.boilerplate.features import (
    LineStats, PageSlices, TextsLines, first_copies, per_text_lines, split_texts,
)
from corpus_clean.boilerplate.story_answers import question_end_lines
from corpus_clean.boilerplate.story_body import (
    credit_caption_lines, dated_entry_candidates, digit_lines, paragraph_lines, table_row_lines,
)
from corpus_clean.boilerplate.story_briefs import long_lines
from corpus_clean.boilerplate.story_caption_cut import caption_sized_lines
from corpus_clean.boilerplate.story_cards import card_run_lines
from corpus_clean.boilerplate.story_counts import bracket_end_lines
from corpus_clean.boilerplate.story_echo import maybe_paragraph_lines
from corpus_clean.boilerplate.story_inserts import (
    credit_line_candidates, credit_tail_candidates, echo_caption_lines, open_insert_lines, sentence_end_lines,
    under_list_caption_lines,
)
from corpus_clean.boilerplate.story_quotes import long_sentence_lines
from corpus_clean.boilerplate.story_rows import row_sized_lines
from corpus_clean.boilerplate.story_sections import heading_sized_lines
from corpus_clean.boilerplate.story_tail import bare_count_candidate_lines, comment_box_candidate_lines
from corpus_clean.boilerplate.story_threads import repeated_unit_candidates
from corpus_clean.document import Removal
from corpus_clean.native import active


# The masks the give-backs read through ``story_inserts.page_mask``: (name, function of a
# batch's LineStats, blank mask and each document's last row); a Context made alone
# computes its own by the same function.
PAGE_MASKS = (
    ("dated_entry_candidates", dated_entry_candidates),
    ("paragraph_lines", paragraph_lines),
    ("maybe_paragraph_lines", maybe_paragraph_lines),
    ("credit_caption_lines", credit_caption_lines),
    ("digit_lines", digit_lines),
    ("table_row_lines", table_row_lines),  # (``story_body.give_back_table_rows``)
    ("row_sized_lines", row_sized_lines),  # (``story_rows.give_back_rows_like_kept_rows``)
)
# The lines the pre-checks of sixteen steps walk (one mask each: the caption steps, the comment
# boxes, the story's inserts, the echoing edges, the credit lines, the briefs, the counted lists,
# the cards, the answers, the quotes, the credit tails, the threads, the section headings; a
# row's comment names its step where the name does not), read through ``features.page_rows``:
# (name, function of the same three giving a mask); per page, a list of its flagged lines.
PAGE_ROWS = (
    ("echo_caption_rows", echo_caption_lines),
    ("under_list_caption_rows", under_list_caption_lines),
    ("comment_box_rows", comment_box_candidate_lines),
    ("bare_count_rows", bare_count_candidate_lines),
    ("open_insert_rows", open_insert_lines),
    ("caption_sized_rows", caption_sized_lines),
    ("sentence_end_rows", sentence_end_lines),
    ("credit_line_rows", credit_line_candidates),
    ("long_rows", long_lines),  # (``story_briefs.keeps_a_long_line``)
    ("bracket_end_rows", bracket_end_lines),  # (``story_counts.mark_counted_lists``)
    ("card_run_rows", card_run_lines),  # (``story_cards.mark_other_stories_cards``)
    ("question_end_rows", question_end_lines),  # (``story_answers.give_back_answers_under_kept_questions``)
    ("long_sentence_rows", long_sentence_lines),  # (``story_quotes.mark_captions_over_quotes``)
    ("credit_tail_rows", credit_tail_candidates),  # (``story_inserts.mark_captions_with_credit_tail``)
    ("repeated_unit_rows", repeated_unit_candidates),  # (``story_threads.mark_repeated_units``)
    ("heading_sized_rows", heading_sized_lines),  # (``story_sections.give_back_section_headings``)
)


class Batch:
    """The contexts of a batch of documents and their lines as flat arrays: document k's
    lines are rows ``first[k]`` to ``first[k] + n_lines[k]``.

    >>> batch = Batch.of(["Home\\nNews", "One"])
    >>> batch.first.tolist(), batch.doc.tolist(), batch.n_words.tolist()
    ([0, 2], [0, 0, 1], [1, 1, 1])
    """

    def __init__(self, ctxs: list[Context], stats: LineStats, masks: tuple[np.ndarray, ...],
                 flat: TextsLines | None = None):
        self.ctxs = ctxs
        self.n_lines = np.array([ctx.lines.n_lines for ctx in ctxs], dtype=np.int64)
        self.first = np.cumsum(self.n_lines) - self.n_lines  # first row of each document
        self.rows = int(self.n_lines.sum())
        self.doc = np.repeat(np.arange(len(ctxs)), self.n_lines)  # document of each row
        self.stats = stats
        self.n_words = stats.n_words
        self.blank, self.prose, self.prose_before, self.prose_after = masks
        self.flat = flat  # (``features.split_texts``' lines of all documents, when made so)

    @classmethod
    def of(cls, texts: list[str]) -> "Batch":
        """The batch of `texts` (none empty): one split and one count over all of them."""
        flat = split_texts(texts)
        per_text = per_text_lines(texts, flat)
        stats = flat.stats
        n_lines = flat.n_lines.tolist()
        masks = line_masks(stats, n_lines)
        ends = np.cumsum(n_lines)
        # (Context.has_blank_lines: a blank line before the document's last)
        blank_before_last = masks[0].copy()
        blank_before_last[ends - 1] = False
        has_blank_lines = np.logical_or.reduceat(blank_before_last, ends - n_lines).tolist()
        blank, prose, before, after = masks
        starts, ends = (ends - n_lines).tolist(), ends.tolist()
        ctxs = [Context(lines.text, lines, doc_stats, (blank[a:b], prose[a:b], before[a:b], after[a:b]), has_blank)
                for (lines, doc_stats), a, b, has_blank in zip(per_text, starts, ends, has_blank_lines)]
        # (the later steps' per-line masks that depend on the counts alone, made for the
        # whole batch in one pass where each page made its own; a page slices its part
        # when it first reads one: ``features.PageSlices``)
        last_rows = np.asarray(ends, dtype=np.int64) - 1
        page_masks = {name: compute(stats, blank, last_rows) for name, compute in PAGE_MASKS}
        first_rows = last_rows + 1 - flat.n_lines
        row_lists = {}
        for name, compute in PAGE_ROWS:
            rows = np.flatnonzero(compute(stats, blank, last_rows))
            bounds = np.searchsorted(rows, first_rows).tolist() + [len(rows)]
            local = (rows - np.repeat(first_rows, np.diff(bounds))).tolist()  # (each row in its own page)
            row_lists[name] = (local, bounds)
        pages = PageSlices(page_masks, row_lists, starts, ends)
        for k, ctx in enumerate(ctxs):
            ctx.__dict__["page_slices"] = (pages, k)
        return cls(ctxs, stats, masks, flat)

    def flat_lines(self) -> FlatLines:
        """The batch's lines as ``engine.line_rules_many`` reads them, from its arrays."""
        if self.flat is None:
            return flat_lines_of(self.ctxs)
        keywords_apply = np.fromiter((ctx.keywords_apply for ctx in self.ctxs), dtype=bool, count=len(self.ctxs))
        return FlatLines(self.flat.joined.raw, self.first, self.n_words, self.blank, self.in_head, self.in_tail,
                         self.flat.starts, np.repeat(keywords_apply, self.n_lines))

    @lazy_attribute
    def in_head(self) -> np.ndarray:
        """Per row: may a `where: head` rule act on it (``engine.head_lines``)."""
        return head_lines(self.prose_before)

    @lazy_attribute
    def in_tail(self) -> np.ndarray:
        """Per row: may a `where: tail` rule act on it (``engine.tail_lines``)."""
        starts = self.flat.starts if self.flat is not None else np.concatenate([ctx.lines.starts for ctx in self.ctxs])
        return tail_lines(self.prose_after, starts, np.repeat([len(ctx.text) for ctx in self.ctxs], self.n_lines))

    def rows_by_doc(self, rows: np.ndarray) -> list[tuple[int, list[int]]]:
        """`rows` (ascending) grouped by document: [(document, its lines' numbers in it)].

        >>> Batch.of(["a\\nb", "c", "d\\ne"]).rows_by_doc(np.array([1, 3, 4]))
        [(0, [1]), (2, [0, 1])]
        """
        docs = self.doc[rows]
        local = (rows - self.first[docs]).tolist()
        bounds = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1], True]).tolist() if len(rows) else [0]
        return [(int(docs[a]), local[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]

    def removed(self) -> np.ndarray:
        """Per row: did a rule mark it (``Marks.removed`` of each document, one after another)."""
        return marked([ctx.marks.rule for ctx in self.ctxs])

    def per_doc_any(self, flags: np.ndarray) -> np.ndarray:
        """Per document: is any of its rows flagged."""
        return np.logical_or.reduceat(flags, self.first) if self.rows else np.zeros(0, dtype=bool)

    def first_flagged(self, flags: np.ndarray) -> np.ndarray:
        """Per document: its first flagged row, or -1.

        >>> batch = Batch.of(["a\\nb", "c\\nd"])
        >>> batch.first_flagged(np.array([False, True, False, False])).tolist()
        [1, -1]
        """
        flagged = np.flatnonzero(flags)
        k = np.searchsorted(flagged, self.first)
        row = np.append(flagged, -1)[k]
        return np.where((row >= 0) & (row < self.first + self.n_lines), row, -1)

    def last_flagged(self, flags: np.ndarray) -> np.ndarray:
        """Per document: its last flagged row, or -1.

        >>> batch = Batch.of(["a\\nb", "c\\nd"])
        >>> batch.last_flagged(np.array([True, True, False, False])).tolist()
        [1, -1]
        """
        flagged = np.flatnonzero(flags)
        k = np.searchsorted(flagged, self.first + self.n_lines) - 1
        row = np.where(k >= 0, flagged[np.maximum(k, 0)] if len(flagged) else -1, -1)
        return np.where(row >= self.first, row, -1)

    def runs(self, rows: np.ndarray, flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Runs of flagged entries of `rows` (ascending rows; `flags`: one per entry),
        none across two documents: (start, end) positions into `rows`, end exclusive.

        >>> batch = Batch.of(["a\\nb", "c\\nd"])
        >>> [r.tolist() for r in batch.runs(np.arange(4), np.array([True, True, True, False]))]
        [[0, 2], [2, 3]]
        """
        if not len(rows):
            return rows[:0], rows[:0]
        same_doc = self.doc[rows[1:]] == self.doc[rows[:-1]]
        goes_on = flags[:-1] & flags[1:] & same_doc  # entry k and k + 1 in one run
        starts = np.flatnonzero(flags & ~np.r_[False, goes_on])
        ends = np.flatnonzero(flags & ~np.r_[goes_on, False]) + 1
        return starts, ends

    def mark_run(self, rows: list[int], rule: str) -> None:
        """``Marks.mark`` (never over another mark) each of `rows`, rows of one
        document, with `rule`."""
        d = int(self.doc[rows[0]])
        mark, first = self.ctxs[d].marks.mark, int(self.first[d])
        for row in rows:
            mark(row - first, rule)


# --- builtin structural rules -------------------------------------------------------


def mark_menu_runs_many(batch: Batch) -> None:
    """``engine.mark_menu_runs`` of every document: the short capitalised lines of the
    whole batch in one expression, their runs among each document's non-blank lines
    in one more."""
    s = batch.stats
    short = menu_items(s)
    if np.count_nonzero(short) < MENU_MIN_RUN:
        return
    idx = np.flatnonzero(~batch.blank)
    starts, ends = batch.runs(idx, short[idx])
    long_enough = ends - starts >= MENU_MIN_RUN
    starts, ends = starts[long_enough], ends[long_enough]
    if not len(starts):
        return
    # (announced_by_the_line_above: the non-blank line above the run, in its document)
    above = idx[np.maximum(starts - 1, 0)]
    has_above = (starts > 0) & (batch.doc[above] == batch.doc[idx[starts]])
    announced = has_above & (s.n_words[above] >= ANNOUNCE_MIN_WORDS) & (s.last_char[above] == ord(":"))
    for a, b in zip(starts[~announced].tolist(), ends[~announced].tolist()):
        batch.mark_run(idx[a:b].tolist(), "nav.menu_run")


def mark_date_lines_many(batch: Batch) -> None:
    """``dates.mark_date_lines`` of every document: the lines that may be date lines
    found over the whole batch's arrays at once (``dates.may_be_date_lines``); only the
    documents holding one are looked at, each with its own."""
    s = batch.stats
    rows = np.flatnonzero(may_be_date_lines(s.n_digit, s.n_words, batch.blank, batch.in_head, batch.in_tail))
    for d, candidates in batch.rows_by_doc(rows):
        mark_date_lines(batch.ctxs[d], candidates=candidates)


def _first_kept_text(ctx: Context) -> int:
    """The first line that is neither blank nor marked, or -1."""
    blank = ctx.blank_list
    for i, rule in enumerate(ctx.marks.rule):
        if rule is None and not blank[i]:
            return i
    return -1


def mark_headline_many(batch: Batch) -> list[str | None]:
    """``engine.mark_headline`` of every document: each one's first non-blank line no
    rule removed, tested as a title on the flat arrays; returns each one's headline."""
    s = batch.stats
    # (each document's first non-blank unmarked line: a scan that stops there is cheaper
    # than a pass over every mark of the batch)
    row = np.array([_first_kept_text(ctx) for ctx in batch.ctxs], dtype=np.int64)
    found = row >= 0
    row = np.where(found, row + batch.first, -1)
    at = np.where(found, row, 0)
    title = (found & (batch.prose_before[at] == 0) & (batch.prose_after[at] >= 1) & ~batch.prose[at]
             & looks_like_titles(s, at))
    headlines: list[str | None] = [None] * len(batch.ctxs)
    for d, r in zip(np.flatnonzero(title).tolist(), row[title].tolist()):
        ctx = batch.ctxs[d]
        i = r - int(batch.first[d])
        ctx.marks.mark(i, HEADLINE_RULE)
        headlines[d] = ctx.lines.content[i]
    return headlines


def mark_trailing_comments_many(batch: Batch) -> None:
    """``engine.mark_trailing_comments`` on the documents where it can act: 4+ kept
    lines, and either kept lines after an end-of-article marker, or a last kept line
    of 8+ words in a commenter's voice (2+ hits). The others are left as they are."""
    kept = ~batch.blank & ~batch.removed()
    n_kept = np.add.reduceat(kept.astype(np.int64), batch.first)
    last_kept = batch.last_flagged(kept)
    docs = np.flatnonzero(n_kept >= 4)
    last_row = last_kept[docs]
    # (as Python values for the loop: the lines above the last kept one read without a copy)
    for d, i, n_words in zip(docs.tolist(), (last_row - batch.first[docs]).tolist(), batch.n_words[last_row].tolist()):
        ctx = batch.ctxs[d]
        if not END_MARKER_RULES.isdisjoint(islice(ctx.marks.rule, i)) or (
                n_words >= 8 and _voice_hits(ctx.lines.content[i]) >= 2):
            mark_trailing_comments(ctx)


def classifier_applies_many(batch: Batch) -> list[bool]:
    """``classifier.classifier_applies`` of every document: MIN_LINES+ non-blank lines
    (or a short page's, ``is_short_page``), one of them neither removed nor prose."""
    from corpus_clean.boilerplate.classifier import MIN_LINES, is_short_page, story_paragraphs

    nonblank = ~batch.blank
    left = nonblank & ~batch.removed()
    n_lines = np.add.reduceat(nonblank.astype(np.int64), batch.first)
    n_prose_left = np.add.reduceat((left & story_paragraphs(batch.prose, batch.stats)).astype(np.int64), batch.first)
    enough = (n_lines >= MIN_LINES) | is_short_page(n_lines, n_prose_left)
    return (enough & batch.per_doc_any(left & ~batch.prose)).tolist()


def later_copies_many(batch: Batch) -> np.ndarray:
    """Per row: ``engine._later_copies`` of each document, one after another (a
    non-empty line whose text is on an earlier line of its document), from one pass
    over the batch's lines (``features.first_copies``).

    >>> later_copies_many(Batch.of(["Home\\nNews\\nHome\\n\\n\\n", "Home\\nx"])).tolist()
    [False, False, True, False, False, False, False, False]
    """
    content = list(chain.from_iterable(ctx.lines.content for ctx in batch.ctxs))
    later = first_copies(content, np.append(batch.first, batch.rows)) != np.arange(batch.rows)
    rows = np.flatnonzero(later)
    later[rows] = np.fromiter(map(bool, map(content.__getitem__, rows.tolist())), dtype=bool, count=len(rows))
    return later


# --- output -------------------------------------------------------------------------


def finish_many(batch: Batch, ruleset) -> list[tuple[str, list[Removal]]]:
    """``engine.finish`` of every document: repeats given back, emptied pages' prose
    given back, blank lines tidied, the first kept line's prefix and the cuts, each
    step acting only on the documents the flat arrays single out."""
    for ctx in batch.ctxs:
        restore_repeats_of_removed(ctx)
    removed = batch.removed()
    kept_text = ~batch.blank & ~removed
    _keep_the_prose_of_emptied_pages(batch, kept_text, removed)
    _tidy_layout(batch, removed)
    prefixes = _line_prefixes(batch, kept_text, ruleset)
    return _cut_all(batch, prefixes)


def _keep_the_prose_of_emptied_pages(batch: Batch, kept_text: np.ndarray, removed: np.ndarray) -> None:
    """``engine.keep_the_prose_of_an_emptied_page`` of every document (updates
    `kept_text` and `removed` with the lines given back)."""
    emptied = ~batch.per_doc_any(kept_text) & batch.per_doc_any(batch.prose)
    if not emptied.any():
        return
    back = np.flatnonzero(batch.prose & emptied[batch.doc])
    for row, d in zip(back.tolist(), batch.doc[back].tolist()):
        batch.ctxs[d].marks.rule[row - int(batch.first[d])] = None
    kept_text[back] = True
    removed[back] = False


def _tidy_layout(batch: Batch, removed: np.ndarray) -> None:
    """``engine.mark_layout`` on the documents where it can change something: with a
    removed line and a kept blank line (the "" after a final newline is no line)."""
    last_row = batch.first + batch.n_lines - 1
    kept_blank = batch.blank & ~removed
    ends_in_newline = np.fromiter((ctx.text.endswith("\n") for ctx in batch.ctxs), dtype=bool, count=len(batch.ctxs))
    kept_blank[last_row[ends_in_newline]] = False
    for d in np.flatnonzero(batch.per_doc_any(removed) & batch.per_doc_any(kept_blank)).tolist():
        mark_layout(batch.ctxs[d])


def _line_prefixes(batch: Batch, kept_text: np.ndarray, ruleset) -> list[list | None]:
    """``engine.find_line_prefix`` of every document: the regexes run only on the
    first kept lines that are prose near the top. (Tidying the layout marks blank
    lines only, so `kept_text` still holds.)"""
    prefixes: list[list | None] = [None] * len(batch.ctxs)
    if not ruleset.prefix_rules:
        return prefixes
    row = batch.first_flagged(kept_text)
    at = np.where(row >= 0, row, 0)
    tried = (row >= 0) & batch.prose[at] & batch.in_head[at]
    for d, r in zip(np.flatnonzero(tried).tolist(), row[tried].tolist()):
        prefixes[d] = prefix_at(batch.ctxs[d], ruleset, r - int(batch.first[d]))
    return prefixes


def _cut_all(batch: Batch, prefixes: list[list | None]) -> list[tuple[str, list[Removal]]]:
    """``engine.build_removals`` of every document: with the compiled kernels, one pass
    over the batch (``_native.cut_documents``: the spans, Removals and clean texts made
    in C from each document's marks); else, or for a document it leaves to Python, one
    ``build_removals`` per document, the reference. (A batched version in numpy, the
    spans found over the flat arrays, measured no faster: flattening the marks costs
    what the per-document loop does.)"""
    cut_documents = getattr(active(), "cut_documents", None)
    if cut_documents is None or batch.flat is None:
        return [build_removals(ctx, [prefix] if prefix else []) for ctx, prefix in zip(batch.ctxs, prefixes)]
    ctxs = batch.ctxs
    cuts = cut_documents([ctx.text for ctx in ctxs], [ctx.marks.rule for ctx in ctxs], batch.flat.starts,
                         batch.flat.ends, batch.first, prefixes, Removal)  # (the class: made in C, no call)
    return [cut if cut is not None else build_removals(ctx, [prefix] if prefix else [])
            for cut, ctx, prefix in zip(cuts, ctxs, prefixes)]

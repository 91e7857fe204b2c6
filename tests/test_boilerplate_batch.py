"""The engine's batched steps (``boilerplate/batch.py``) give what its per-document steps give.

``strip_many`` runs each step once over a whole batch's flat line arrays;
``engine.strip_reference`` runs the per-document functions on one document. Documents
are drawn by hypothesis from lines of every kind the steps act on (menus, headlines,
repeats, rule-pack lines, comments, blank and whitespace-only lines, CRLF, "İ"), plus
generated news pages, in batches where neighbours differ (no step may look across).
"""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus_clean.boilerplate.batch import PAGE_MASKS, Batch
from corpus_clean.boilerplate.engine import Context, strip_many, strip_reference
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.boilerplate.story_body import dated_entry_candidates
from corpus_clean.boilerplate.story_inserts import page_mask
from training.newsgen import generate

RULES = load_rules()
_EXAMPLES = sorted({line for rule in RULES.rules for line in rule.example.split("\n") if line.strip()})
LINES = _EXAMPLES[::3] + [
    "Home", "News", "Sport", "Weather", "Opinion", "1. Finland", "2. Norway",
    "The overall rankings of the countries in the survey were as follows:",
    "Council Votes To Close The Old Bridge",
    "VALMORA — The council voted on Tuesday to close the old bridge for two years of repairs.",
    "The council voted on Tuesday to close the old bridge for two years of repairs.",
    "Engineers said the steel piles would be driven deeper into the seabed next spring.",
    "Residents who spoke at the meeting asked whether the ferry could run more often.",
    "I think you are WRONG about this, and my neighbours agree with me!",
    "Why would you ever believe them? lol, I have lived here for years!",
    "Reuters contributed to this report.", "* * *", "© 2024 The Valmora Courier",
    "Comments", "References", "[1] Smith, J. (2019) A study.", "list", ":", "[", "= 3.5",
    "", "", "", "   ", "\u200b", "\t", "İstanbul haberleri", "Share this article",
]


def _page(draw_lines: list[str], crlf: bool, final_newline: bool) -> str:
    end = "\r\n" if crlf else "\n"
    return end.join(draw_lines) + (end if final_newline else "")


pages = st.builds(_page, st.lists(st.sampled_from(LINES), min_size=0, max_size=60), st.booleans(), st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pages, min_size=1, max_size=6), st.booleans())
def test_a_batch_gives_every_document_what_the_per_document_steps_give(texts, use_classifier):
    got = strip_many(texts, use_classifier=use_classifier, ruleset=RULES)
    assert got == [strip_reference(t, use_classifier=use_classifier, ruleset=RULES) for t in texts]
    alone = [Context(t) for t in texts]
    batch = Batch.of(texts)
    assert [c.has_blank_lines for c in batch.ctxs] == [c.has_blank_lines for c in alone]
    for name in ("blank", "prose", "prose_before", "prose_after"):
        assert [getattr(c, name).tolist() for c in batch.ctxs] == [getattr(c, name).tolist() for c in alone]
    # (the batch's per-line masks, one slice per page, are each page's own: no page's
    # last line looks at the next page's first)
    for name, compute in PAGE_MASKS:
        assert [page_mask(c, name, compute).tolist() for c in batch.ctxs] == [
            page_mask(c, name, compute).tolist() for c in alone], name
        assert all(name not in c.__dict__ for c in alone)


def test_dated_entry_candidates_of_a_batch_stop_at_each_page():
    pages = ["Updated 23:41", "The first result is in: the seat is held.", "12 March 2016\n\nMost read", "x\n1974"]
    batch = Batch.of(pages)
    got = [c.page_slices[0].of("dated_entry_candidates", c.page_slices[1]).tolist() for c in batch.ctxs]
    assert got == [page_mask(c, "dated_entry_candidates", dated_entry_candidates).tolist() for c in batch.ctxs]
    assert got == [[False], [False], [True, False, False], [False, False]]
    assert got == [dated_entry_candidates(c.stats, c.blank).tolist() for c in map(Context, pages)]


def test_generated_news_pages_batched_and_alone():
    texts = [doc.text for doc in generate(40, seed=3, other_stories=0.3, asides=0.3)]
    texts += [text.replace("\n", "\r\n") for text in texts[:5]] + [text.rstrip("\n") for text in texts[5:10]]
    got = strip_many(texts, ruleset=RULES)
    assert got == [strip_reference(t, ruleset=RULES) for t in texts]
    assert sum(len(removals) for _, removals in got) > 40  # (the steps did act)


def test_a_document_never_sees_its_neighbour():
    """Runs, firsts and the line above stop at a document's edge: a menu opening a
    document is not announced by the sentence ending the one before it."""
    announcing = "The overall rankings of the countries in the survey were as follows:"
    menu = "Home\nNews\nSport\nWeather\nOpinion\n"
    story = "The council voted on Tuesday to close the old bridge for two years of repairs.\n"
    texts = [story * 3 + announcing, menu + story * 3, "Home\nNews\n", "Sport\nWeather\nOpinion\n" + story]
    got = strip_many(texts, ruleset=RULES)
    assert got == [strip_reference(t, ruleset=RULES) for t in texts]
    assert "nav.menu_run" in {r.rule for r in got[1][1]}


def test_trailing_comments_with_and_without_an_end_marker():
    story = [f"The council voted on Tuesday to close bridge number {k} for two years of repairs." for k in range(9)]
    two_hits = "Why would they ever believe the council on this? I doubt it very much indeed."
    texts = [
        "\n".join(story + ["Reuters contributed to this report.", "Great read, thank you."]) + "\n",
        "\n".join(story + [two_hits]) + "\n",
        "\n".join(story + [two_hits, two_hits.replace("council", "mayor")]),
    ]
    got = strip_many(texts, use_classifier=False, ruleset=RULES)
    assert got == [strip_reference(t, use_classifier=False, ruleset=RULES) for t in texts]
    assert all("comments.unmarked_trailing" in {r.rule for r in removals} for _, removals in got)


def _python_runs(batch: Batch, rows: list[int], flags: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for k, flag in enumerate(flags + [False]):
        new_doc = k < len(rows) and k > 0 and batch.doc[rows[k]] != batch.doc[rows[k - 1]]
        if start is not None and (not flag or new_doc):
            runs.append((start, k))
            start = None
        if flag and start is None:
            start = k
    return runs


@given(st.lists(st.integers(1, 6), min_size=1, max_size=8), st.data())
def test_runs_and_firsts_stay_inside_each_document(n_lines, data):
    batch = Batch.of(["x\n" * (n - 1) + "x" for n in n_lines])
    assert batch.n_lines.tolist() == n_lines
    rows = sorted(data.draw(st.sets(st.integers(0, batch.rows - 1))))
    flags = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    starts, ends = batch.runs(np.array(rows, dtype=np.int64), np.array(flags, dtype=bool))
    assert list(zip(starts.tolist(), ends.tolist())) == _python_runs(batch, rows, flags)
    marked = np.zeros(batch.rows, dtype=bool)
    marked[rows] = True
    expected = [next((r for r in range(f, f + n) if marked[r]), -1) for f, n in zip(batch.first.tolist(), n_lines)]
    assert batch.first_flagged(marked).tolist() == expected
    last = [next((r for r in reversed(range(f, f + n)) if marked[r]), -1)
            for f, n in zip(batch.first.tolist(), n_lines)]
    assert batch.last_flagged(marked).tolist() == last
    assert batch.per_doc_any(marked).tolist() == [e >= 0 for e in expected]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(pages, st.integers(0, 2**32 - 1)), min_size=1, max_size=6),
       st.sampled_from([0.3, 0.5, 0.6]), st.sampled_from([0.0, 4.0]))
def test_the_classifiers_cut_of_a_batch_is_each_documents_own(docs, threshold, penalty):
    """``lines_to_cut_many`` against ``lines_to_cut`` one document at a time, on random
    scores (runs of cut and kept lines, ties, bridges, marked lines) of random pages;
    and which of them have a paragraph view (``_any_line_continues``)."""
    from corpus_clean.boilerplate.classifier import (
        Rows, _any_line_continues, _paragraph_plan, lines_to_cut, lines_to_cut_many,
    )
    from corpus_clean.boilerplate.engine import Context

    ctxs, idxs, scores = [], [], []
    for text, seed in docs:
        rng = np.random.default_rng(seed)
        # (a last line that ends no sentence: the next document's first line must not go on it)
        ctx = Context(text + "\nThe council voted on Tuesday to close the old bridge for two years of repairs"
                      + (".", "")[seed % 2])
        idx = np.flatnonzero(~ctx.blank)
        for i in idx[rng.random(len(idx)) < 0.2].tolist():
            ctx.marks.mark(i, "some.rule")
        # (equal scores: ties; scores near the threshold: weak runs, islands)
        level = rng.choice([0.05, threshold - 0.02, threshold + 0.02, 0.95], size=len(idx))
        scores.append(np.where(rng.random(len(idx)) < 0.5, level, rng.random(len(idx))))
        ctxs.append(ctx)
        idxs.append(idx)
    assert _any_line_continues(ctxs).tolist() == [_paragraph_plan(ctx) is not None for ctx in ctxs]
    bounds = np.r_[0, np.cumsum([len(i) for i in idxs])]
    got = lines_to_cut_many(ctxs, idxs, np.concatenate(scores), Rows(bounds), threshold, penalty)
    for ctx, idx, p, cut in zip(ctxs, idxs, scores, got):
        assert cut.tolist() == lines_to_cut(ctx, idx, p, threshold, penalty).tolist()


def test_a_tie_for_the_strongest_run_goes_to_the_first_one_in_each_document():
    """Two kept runs of equal evidence: the first is the main block, the second an island
    (cut), in each document of the batch as alone."""
    from corpus_clean.boilerplate.classifier import _smooth_runs, _smooth_runs_seg

    drop = np.array([False, True, False, True, False])
    p = np.array([0.05, 0.9, 0.05, 0.9, 0.45])

    alone = _smooth_runs(p, drop, 0.5, 4.0)
    assert alone.astype(int).tolist() == [0, 1, 1, 1, 0]
    doc = np.repeat([0, 1], 5)
    batched = _smooth_runs_seg(doc, np.r_[p, p], np.r_[drop, drop], 0.5, 4.0)
    assert batched.tolist() == np.r_[alone, alone].tolist()


_VOICE_PIECES = ["I", "I'm", "I've", "me", "my", "mine", "you", "your", "you're", "we", "our", "us", "lol", "imo",
                 "imho", "HELLO", "WRONG", "ABC", "A", "Imo", "mY", "_I", "I_", "9you", "us9", "!", "?", " ", " ", ",",
                 "'", "-", '"', "said", "music", "Iraq"]


@given(st.lists(st.sampled_from(_VOICE_PIECES), max_size=20).map("".join)
       | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_ascii_voice_scan_counts_what_pythons_regex_counts(line):
    from corpus_clean.boilerplate import engine

    if engine._COMMENT_VOICE_ASCII is None:  # (no google-re2: the Python scan alone)
        return
    assert len(engine._COMMENT_VOICE_ASCII.findall(line)) == len(engine._COMMENT_VOICE_SCAN.findall(line))
    assert len(engine._COMMENT_VOICE_ASCII.findall(line)) == len(engine._COMMENT_VOICE.findall(line))


@given(st.lists(st.lists(st.none() | st.sampled_from(["nav.menu", "share", ""]), max_size=30), max_size=6))
@settings(max_examples=300, deadline=None)
def test_marked_lines_are_the_twins(rule_lists):
    """``engine.marked`` (the compiled ``marked_lines``) flags the lines a rule marked as
    its twin does, one list after another, in a writable bool array; Marks.removed and
    Batch.removed are it. (Fails on main: no ``marked``.)"""
    from corpus_clean import native
    from corpus_clean.boilerplate.engine import Marks, marked

    got = marked(rule_lists)
    with native.twins_only():
        want = marked(rule_lists)
    assert got.dtype == want.dtype == bool and got.flags.writeable
    assert got.tolist() == want.tolist() == [rule is not None for rules in rule_lists for rule in rules]
    marks = Marks(len(rule_lists[0]) if rule_lists else 0)
    marks.rule = list(rule_lists[0]) if rule_lists else []
    assert marks.removed().tolist() == [rule is not None for rule in marks.rule]

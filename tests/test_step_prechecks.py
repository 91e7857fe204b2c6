"""The pre-checks of two caption steps (``story_inserts.mark_captions_naming_the_story_above``,
``mark_captions_under_lists``), of the comment box (``story_tail.mark_comment_boxes``) and of
``story_body.give_back_paragraphs_after_inserts`` and ``story_echo.give_back_echoing_edges`` skip
only pages the steps cannot change (round 22, core22: most pages have no candidate, and the
steps' arrays over the page's lines were ~3.5 % of a cold core pass).

Generated pages of sentences, open lines, list rows, digits, CJK lines and blank lines, with
rules' marks at random: each step gives the same marks with its pre-check as with the
pre-check made to pass always (the step's own arrays then decide, as before the pre-check),
and a batch's per-page candidate lists are the ones each page makes on its own.
Fails on main: ``page_rows``, ``echo_caption_lines``, ``under_list_caption_lines`` and
``comment_box_candidate_lines`` are new.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import story_body, story_caption_cut, story_echo, story_inserts, story_tail
from corpus_clean.boilerplate.batch import PAGE_ROWS, Batch
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.features import page_rows
from corpus_clean.boilerplate.story_inserts import LineShape

# Line shapes the two steps tell apart (our own words).
SENTENCES = [
    "The river port at Kayuagung reopened after six months of repairs.",
    "The fees for small boats stay at five thousand rupiah, the harbour master said.",
    "Pupils from the hill school trained every evening for the district contest.",
    "Work on the jetty is due to end before the rains.",
    "Ang daungan ay muling binuksan noong Lunes ng umaga.",
]
OPEN = [
    "Boats moored at the Kayuagung river port",
    "The winners lifting the cup outside the office",
    "What has changed",
    "Cost so far",
    "Harbour master Ina Wulan on the new jetty",
    "Pupils of the hill school",
    "Kayuagung port after the repairs",
]
ROWS = ["Haubi: 87", "Bicha: 81", "Kolo: 76", "1. The old jetty", "2. The new jetty", "Ferries: 4 a day"]
OTHER = ["", "", "3 boats at the port", "港口在周一重新开放了修理工作持续六个月", "Share", "Home", "Photo: Ina Wulan",
         "The port.", "Read more about the port and its boats:",
         "Comments (3)", "3 thoughts on “The new jetty”", "Ina Wulan (harbour master)", "Ferry times (summer)"]
RULES = ["classifier", "classifier", "nav.menu_run", "dates.date_line", "news.photo_caption",
         "outlets.caption_with_credit_mark", "story.insert", "ads.recommended_block"]


def generated_page(rng: random.Random) -> str:
    pools = [SENTENCES, OPEN, ROWS, OTHER]
    page = "\n".join(rng.choice(rng.choices(pools, weights=[4, 3, 2, 2])[0]) for _ in range(rng.randint(1, 18)))
    if rng.random() < 0.3:  # (a comment box under the story: a count heading, readers' lines)
        page += "\n" + rng.choice(["Comments (3)", "Reacties (12)", "Ferry times (summer)"]) + "\nNice port.\nGood news."
    return page


def marked(ctx: Context, rng: random.Random, share: float) -> Context:
    for i in range(ctx.lines.n_lines):
        if rng.random() < share:
            ctx.marks.rule[i] = rng.choice(RULES)
    return ctx


def marks_after(step, ctx: Context) -> list:
    step(ctx, LineShape(ctx.stats))
    return list(ctx.marks.rule)


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.0, 0.15, 0.4]))
def test_the_caption_steps_mark_the_same_with_and_without_their_prechecks(seed, share):
    rng = random.Random(seed)
    texts = [generated_page(rng) for _ in range(6)]
    texts = [t for t in texts if t.strip()] or ["The port reopened."]
    for step in (story_inserts.mark_captions_naming_the_story_above, story_inserts.mark_captions_under_lists,
                 lambda ctx, shape: story_tail.mark_comment_boxes(ctx),
                 lambda ctx, shape: story_body.give_back_paragraphs_after_inserts(ctx, story_body.BodyShape(ctx)),
                 lambda ctx, shape: story_inserts.mark_story_inserts(ctx),
                 story_caption_cut.give_back_the_story_under_a_caption_the_model_cut,
                 lambda ctx, shape: story_echo.give_back_echoing_edges(ctx)):
        mark_seed = rng.random()
        with_check = [marks_after(step, marked(ctx, random.Random(mark_seed), share)) for ctx in Batch.of(texts).ctxs]
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(story_body, "_insert_or_credit", lambda rule: True)
            patched.setattr(story_inserts, "_kept_line_under_a_sentence", lambda *args: True)
            patched.setattr(story_inserts, "_kept_line_over_a_sentence", lambda *args: True)
            # (every line a candidate row: the comment box's step reads its rows' shapes itself)
            patched.setattr(story_tail, "page_rows", lambda ctx, name, compute: list(range(ctx.lines.n_lines)))
            patched.setattr(story_echo, "page_rows", lambda ctx, name, compute: list(range(ctx.lines.n_lines)))
            without = [marks_after(step, marked(Context(t), random.Random(mark_seed), share)) for t in texts]
        assert with_check == without


def test_the_steps_still_cut_the_captions_they_are_for():
    """The pre-checks pass on the steps' own examples (their docstrings'), which are cut."""
    naming = Context("The river port at Kayuagung reopened after six months of repairs.\n"
                     "Boats moored at the Kayuagung river port\n"
                     "The fees for small boats stay at five thousand rupiah.\n")
    story_inserts.mark_captions_naming_the_story_above(naming, LineShape(naming.stats))
    under = Context("The school won the district maths contest on Friday.\nHaubi: 87\nBicha: 81\nKolo: 76\n"
                    "The winners lifting the cup outside the district office\n"
                    "The head teacher said the pupils trained every evening.\n")
    story_inserts.mark_captions_under_lists(under, LineShape(under.stats))
    assert naming.marks.rule[1] == "story.echo_caption" and under.marks.rule[4] == "story.caption_under_list"


@pytest.mark.parametrize("seed", range(40))
def test_a_batch_lists_each_page_the_rows_the_page_lists_alone(seed):
    rng = random.Random(seed)
    texts = [t for t in (generated_page(rng) for _ in range(rng.randint(1, 9))) if t.strip()] or ["x"]
    for ctx, text in zip(Batch.of(texts).ctxs, texts):
        alone = Context(text)
        pages, k = ctx.__dict__["page_slices"]  # (the batch's lists, sliced for page k when read)
        for name, compute in PAGE_ROWS:
            assert pages.of(name, k) == page_rows(ctx, name, compute) == page_rows(alone, name, compute)


def _headline_copies_reference(ctx, headline):
    """``engine._mark_headline_copies`` as main has it (no pre-check): the reference."""
    from corpus_clean.boilerplate.engine import HEADLINE_COPY_MIN_WORDS, SENT_END, _lines_holding

    head_words = len(headline.split())
    rule, content, last_class = ctx.marks.rule, ctx.lines.content, ctx.stats.last_class
    for i in _lines_holding(ctx.text, (headline[:20],), ctx.starts_list):
        c = content[i]
        if c and c != headline and rule[i] is None and (
            (c.startswith(headline) and len(c.split()) <= head_words + 8
             and (head_words >= HEADLINE_COPY_MIN_WORDS or not last_class[i] & SENT_END))
            or (len(c) >= 20 and headline.startswith(c))
        ):
            ctx.marks.mark(i, "repeat.headline")


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_headline_copies_are_marked_as_without_the_count_precheck(seed):
    """``_mark_headline_copies`` returns early when only the headline's own line holds its
    first 20 characters; pages with copies, prefixes and longer lines of the headline give
    the same marks as the reference (fails if the pre-check skipped a page with a copy)."""
    from corpus_clean.boilerplate import engine

    rng = random.Random(seed)
    headline = rng.choice(["Kayuagung River Port Reopens After Six Months", "Ferry Fares Stay the Same",
                           "Port", "The Hill School Wins the District Maths Contest"])
    extra = [headline, headline + " — live updates", headline + " and more.", headline[:25], headline.upper()]
    lines = [headline] + [rng.choice(SENTENCES + OPEN + extra) for _ in range(rng.randint(0, 12))]
    text = "\n".join(lines)
    got, want = Context(text), Context(text)
    for ctx in (got, want):
        ctx.marks.mark(0, "news.headline")
        marked(ctx, random.Random(seed), 0.1)
    engine._mark_headline_copies(got, headline)
    _headline_copies_reference(want, headline)
    assert got.marks.rule == want.marks.rule


# Round 27 (core27): three more steps skip a page from rows listed for the whole batch: the
# cards (``story_cards.card_run_lines``: CARDS_MIN_RUN card-sized blocks in a row), the
# answers under kept questions (``story_answers.question_end_lines``) and the captions over
# quotes (``story_quotes.long_sentence_lines``: a kept long sentence makes the page no brief).
CARD_LINES = ["Harbour", "Business", "2 hours ago", "Ferry trust names a new chair as the pier dispute drags on",
              "The newspaper renames itself as its dispute goes on", "and the rest of it", "In a letter sent by the",
              "Who made it?", "«Will it come back?»", "Yes, in October.", "A second life for the building"]
PROSE_LINES = ["The trust that runs the ferry has a new chair and a new board this week.",
               "The owner of the newspaper has a new name and a newly elected board this week.",
               "The workers bought the building and all of its machines with a loan from the regional development "
               "fund and savings of their own.",
               '"Nobody else was going to save it, so we did," said Pia Lund on Monday evening.',
               "Three sisters from Blue Hill made it.", "What was the price?"]

QUESTIONS = ["Who made it?", "«Will it come back?»", "Kommt sie wieder？", "(Is it open?)", '"Why now?"', "Hal ni?",
             "Ni nini؟", "What was the price? "]


def card_page(rng: random.Random) -> str:
    """A page of blocks: 0-7 short lines over a prose line, blank lines now and then."""
    lines = rng.sample(PROSE_LINES[:4], 4) if rng.random() < 0.5 else []  # (a story's body over the cards)
    if rng.random() < 0.4:  # (an interview: questions in several scripts' marks and quotes, answers)
        for _ in range(rng.randint(2, 5)):
            lines += [rng.choice(QUESTIONS), rng.choice(["Yes, in October.", "Three sisters from Blue Hill.", "No."])]
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.75:  # (a card: a label, a headline, maybe a date)
            lines += [rng.choice(CARD_LINES[:2]), rng.choice(CARD_LINES[3:5])] + ["2 hours ago"] * (rng.random() < 0.3)
        else:
            lines += [rng.choice(CARD_LINES) for _ in range(rng.choice([0, 1, 2, 2, 3, 4, 6, 7]))]
        lines += [""] * (rng.random() < 0.2) + [rng.choice(PROSE_LINES)]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.0, 0.15, 0.4]))
def test_cards_answers_and_quote_captions_are_marked_as_without_their_prechecks(seed, share):
    from corpus_clean.boilerplate import story_answers, story_cards, story_quotes

    rng = random.Random(seed)
    texts = [card_page(rng) if rng.random() < 0.6 else generated_page(rng) for _ in range(rng.randint(1, 8))]
    texts = [t for t in texts if t.strip()] or ["The port reopened."]
    steps = {"card_run_rows": lambda ctx, shape: story_cards.mark_other_stories_cards(ctx),
             "question_end_rows": lambda ctx, shape: story_answers.give_back_answers_under_kept_questions(ctx),
             "long_sentence_rows": story_quotes.mark_captions_over_quotes}
    for name, step in steps.items():
        mark_seed = rng.random()
        with_check = [marks_after(step, marked(ctx, random.Random(mark_seed), share)) for ctx in Batch.of(texts).ctxs]
        # (without: every line a candidate for the answers, none long for the quotes, each page a card run)
        every = {"card_run_rows": lambda ctx: [0], "question_end_rows": lambda ctx: list(range(ctx.lines.n_lines)),
                 "long_sentence_rows": lambda ctx: []}[name]
        with pytest.MonkeyPatch.context() as patched:
            for module in (story_cards, story_answers, story_quotes):
                patched.setattr(module, "page_rows", lambda ctx, asked, compute: every(ctx))
            without = [marks_after(step, marked(Context(t), random.Random(mark_seed), share)) for t in texts]
        assert with_check == without


def test_the_card_rows_are_the_runs_card_runs_walks():
    """A page's card rows are empty exactly when ``card_runs`` has no row of CARDS_MIN_RUN
    card-sized blocks to walk; the generator reaches pages with runs (some cut as cards)."""
    from corpus_clean.boilerplate.story_cards import CARDS_RULE, card_runs, mark_other_stories_cards

    rng, with_runs, cut = random.Random(27), 0, 0
    for _ in range(60):
        texts = [card_page(rng) for _ in range(rng.randint(1, 8))]
        for ctx in Batch.of(texts).ctxs:
            rows = page_rows(ctx, "card_run_rows", None)
            runs = card_runs(ctx.lines.content, ctx.blank, ctx.prose)
            assert rows or not runs
            with_runs += bool(runs)
            mark_other_stories_cards(ctx)
            cut += CARDS_RULE in ctx.marks.rule
    assert with_runs > 30 and cut > 10, (with_runs, cut)


def _comment_boxes_reference(ctx):
    """``story_tail.mark_comment_boxes`` as main had it before round 27 (its candidates by
    two array passes over the page): the reference."""
    from corpus_clean.boilerplate.features import DIGIT
    from corpus_clean.boilerplate.story_tail import (
        _CLOSING_QUOTE_CODES, _head_titles, _story_above, cut_to_the_page_s_end, is_count_heading,
        is_count_title_heading,
    )

    content, last = ctx.lines.content, ctx.stats.last_char
    ends = ((last == ord(")")) | (last == ord("）"))).nonzero()[0].tolist()
    candidates = [i for i in ends if is_count_heading(content[i])]
    quoted = (((ctx.stats.first_class & DIGIT) != 0) & _CLOSING_QUOTE_CODES.of(last)).nonzero()[0].tolist()
    if quoted:
        titles = _head_titles(ctx)
        candidates = sorted(set(candidates) | {i for i in quoted if is_count_title_heading(content[i], titles)})
    nonblank = (~ctx.blank).nonzero()[0]
    for i in candidates:
        if not (_story_above(ctx, i) and ctx.prose_after[i] <= ctx.prose_before[i]):
            continue
        k = int(nonblank.searchsorted(i))
        neighbours = nonblank[max(0, k - 1):k].tolist() + nonblank[k + 1:k + 2].tolist()
        if is_count_heading(content[i]) and any(is_count_heading(content[j]) for j in neighbours):
            continue
        cut_to_the_page_s_end(ctx, i)
        return


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.0, 0.15, 0.4]))
def test_comment_boxes_are_cut_as_by_the_steps_array_passes(seed, share):
    """The comment box's candidates read from the batch's rows (round 27) are the ones its
    two array passes found: the same marks as the reference, over pages with headings in
    brackets, a blog's quoted count titles and neither."""
    _comment_boxes_compared(seed, share)


def _comment_boxes_compared(seed: int, share: float) -> int:
    """The step and the reference over a batch of generated pages: the pages cut."""
    rng = random.Random(seed)
    texts = [generated_page(rng) for _ in range(6)]
    texts = [t for t in texts if t.strip()] or ["The port reopened."]
    headed = ["The new jetty\n" + "\n".join(rng.sample(SENTENCES, 3)) + "\n" + t + "\n"
              + rng.choice(["3 thoughts on “The new jetty”", "12 comments on “The new jetty”", "Comments (2)"])
              + "\nNice port.\nGood news." for t in texts]
    mark_seed = rng.random()
    got = [marked(ctx, random.Random(mark_seed), share) for ctx in Batch.of(headed).ctxs]
    want = [marked(Context(t), random.Random(mark_seed), share) for t in headed]
    for g, w in zip(got, want):
        story_tail.mark_comment_boxes(g)
        _comment_boxes_reference(w)
        assert g.marks.rule == w.marks.rule
    return sum("story.comment_box" in g.marks.rule for g in got)


def test_the_comment_box_generator_reaches_both_kinds_of_heading():
    """(Without a page cut under each kind, the test above could not fail.)"""
    assert sum(_comment_boxes_compared(seed, 0.0) for seed in range(30)) > 30

"""Round 24, second wave (issue 11, keep26): a wiki's sections ("Personality" / sentence /
"Appearances" / titles) have a comment thread's rhythm (short line, sentence, ...), but the
article's apparatus ("References", "See also", cut by ``wiki.references_section``) closes
them; readers' comments stand under the apparatus, never between the article and it. So
``story_threads.mark_comment_threads`` leaves a run the apparatus closes. Pages from invented
words in three scripts (no pack knows them: only the lines' shapes and the rules' cuts
decide). The give-back test fails on the first wave's code; the guard passes on both."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.boilerplate.story_threads import THREAD_RULE, mark_comment_threads
from tests.test_story_round24 import FULL_STOP, SCRIPTS, words

APPARATUS = "wiki.references_section"


@st.composite
def section_run(draw):
    """(a story sentence, section pairs: a one- or two-word heading or name over a sentence,
    and which of the run's lines the model cut: one at least, as on a real page)."""
    script = draw(st.integers(0, len(SCRIPTS) - 1))

    def sentence(n_min: int) -> str:
        return " ".join(draw(words(script, n_min, 14))).capitalize() + FULL_STOP[script]

    pairs = [(" ".join(draw(words(script, 1, 2))).capitalize(), sentence(6)) for _ in range(draw(st.integers(2, 4)))]
    run = [line for pair in pairs for line in pair]
    cut = draw(st.sets(st.integers(1, len(run) - 1), min_size=1, max_size=2))
    return sentence(8), run, cut


def _threads(story: str, run: list[str], cut: set[int], closing_rule: str) -> list:
    lines = [story, *run, "Closing line"]
    ctx = Context("\n".join(lines) + "\n")
    for k in cut:
        ctx.marks.rule[1 + k] = "classifier"
    ctx.marks.rule[len(lines) - 1] = closing_rule
    mark_comment_threads(ctx, LineShape(ctx.stats))
    return ctx.marks.rule[1:len(lines) - 1]


@settings(max_examples=30, deadline=None)
@given(page=section_run())
def test_a_section_run_the_apparatus_closes_is_not_a_comment_thread(page):
    """Short headings over sentences, the model's cut on one or two of them, right above the
    wiki's "References": no line becomes a comment thread's (fails on the first wave: the
    run was cut whole)."""
    story, run, cut = page
    assert THREAD_RULE not in _threads(story, run, cut, APPARATUS)


@settings(max_examples=30, deadline=None)
@given(page=section_run(), furniture=st.sampled_from(["footer.copyright", "ads.recommended_block", "classifier"]))
def test_the_same_run_over_the_page_s_furniture_is_still_a_thread(page, furniture):
    """The guard: the same run (names over comments, one cut by the model) over a footer, a
    teaser box or a line the model cut stays a comment thread and goes whole."""
    story, run, cut = page
    out = _threads(story, run, cut, furniture)
    assert all(r == THREAD_RULE for r in out), out


# --- the opening block over a story told as rows (``story_openings._announces_the_kept_rows``) ---

from corpus_clean.boilerplate.story_openings import give_back_the_opening_block  # noqa: E402
from tests.test_story_round24 import _context, story_page  # noqa: E402


def _opening_over_rows(page, head: int, n_kept: int, label: bool) -> tuple[list, int, int]:
    """(the rules after the step, where the block starts, where the kept rows start): the page's
    head, the opening sentence, a quote, a ":" label (or none), the story's rows, the model's
    cut on all of it but the last `n_kept` rows; a closing sentence under them."""
    script, opening, heading, rows, closing = page
    # (a speaker's short quote: no heading, no ":" at its end, no paragraph)
    quote = f"{heading}: \"{heading.split()[0]}{FULL_STOP[script]}\""
    block = [quote, heading.split()[0] + ":"] if label else [quote]
    lines = [f"Menu {k}" for k in range(head)] + [opening, *block, *rows, closing, "Share"]
    ctx = _context(lines)
    kept_from = head + 1 + len(block) + len(rows) - n_kept
    ctx.marks.rule[:kept_from] = ["classifier"] * kept_from
    ctx.marks.rule[len(lines) - 1] = "social.share_bar"
    give_back_the_opening_block(ctx, LineShape(ctx.stats))
    return ctx.marks.rule, head, kept_from


@settings(max_examples=30, deadline=None)
@given(page=story_page(), head=st.integers(3, 5), n_kept=st.integers(1, 2))
def test_the_opening_over_a_label_s_rows_the_model_kept_the_last_of_comes_back(page, head, n_kept):
    """The model cut the head, the opening, a quote, a ":" label and the story's rows but the
    last one or two: the opening, the quote, the label and the cut rows come back, the head
    stays cut (fails on the first wave: the block started with no heading and no ":")."""
    rules, head, kept_from = _opening_over_rows(page, head, n_kept, label=True)
    assert rules[:head] == ["classifier"] * head
    assert rules[head:kept_from] == [None] * (kept_from - head)


@settings(max_examples=30, deadline=None)
@given(page=story_page(), head=st.integers(3, 5), n_kept=st.integers(1, 2))
def test_rows_under_a_quote_with_no_label_stay_cut(page, head, n_kept):
    """The guard: with no ":" label announcing the rows, the block under the opening starts as
    no list does, and everything the model cut stays cut."""
    rules, head, kept_from = _opening_over_rows(page, head, n_kept, label=False)
    assert rules[:kept_from] == ["classifier"] * kept_from

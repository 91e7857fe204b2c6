"""Short pages: the classifier reads a story of under MIN_LINES lines when it holds two
paragraphs, and gives back the story's closing sentences and resumed paragraphs.

The pages here are written for this test (invented town and outlet); their furniture is
in wording no rule pack knows (Finnish chrome around an English story), so what goes,
goes by the model.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate import batch as batched
from corpus_clean.boilerplate.classifier import (
    MIN_LINES, RULE, SHORT_PAGE_MIN_LINES, classifier_applies, give_back_story_lines,
)
from corpus_clean.boilerplate.engine import Context, _mark_rules, load_rules

PARAGRAPHS = [
    "The open-air pool at the old harbour reopened on Saturday after a repair that took two years longer than planned.",
    "About four hundred swimmers queued before the gates opened at nine, the city's sports office said on Sunday.",
    "The council had voted twice to close the pool for good before a group of regular swimmers raised the money.",
]
STORY_END = "The pool will stay open until the end of September."
SHORT_PAGE = "\n".join([
    "Harbour pool reopens after two-year repair",
    "Tekst: Oskar Lind",
    "Jaa Twiittaa Kopioi linkki",
    *PARAGRAPHS[:2],
    STORY_END,
    "Lue lisää: Uimahallien aukioloajat kesällä",
    "Kommentoi juttua",
    "© Satamalehti 2026",
]) + "\n"


def _kept_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_short_story_loses_its_furniture_and_keeps_every_story_line():
    (text, removals), = strip_boilerplate_many([SHORT_PAGE])
    kept = _kept_lines(text)
    assert kept == [*PARAGRAPHS[:2], STORY_END]
    assert any(r.rule == RULE for r in removals)  # the model, not only the rules


def test_rules_only_leave_the_unknown_wording():
    (text, _), = strip_boilerplate_many([SHORT_PAGE], use_classifier=False)
    assert "Jaa Twiittaa Kopioi linkki" in text and "Kommentoi juttua" in text


def _ctx(lines: list[str]) -> Context:
    ctx = Context("\n".join(lines) + "\n")
    _mark_rules(ctx, load_rules())
    return ctx


def test_which_pages_the_model_reads():
    furniture = ["Jaa Twiittaa", "Kommentoi juttua", "Lue lisää", "Tilaa uutiskirje"]
    two_paragraphs = _ctx(["Tekst: Oskar Lind", *PARAGRAPHS[:2], *furniture])
    one_paragraph = _ctx(["Tekst: Oskar Lind", PARAGRAPHS[0], *furniture, "Seuraa meitä"])
    tiny = _ctx([PARAGRAPHS[0], PARAGRAPHS[1], "Jaa Twiittaa"])
    assert SHORT_PAGE_MIN_LINES <= 7 < MIN_LINES
    assert classifier_applies(two_paragraphs)
    assert not classifier_applies(one_paragraph)
    assert not classifier_applies(tiny)


def test_a_closing_sentence_under_a_kept_one_is_given_back_and_a_widgets_is_not():
    ctx = _ctx([PARAGRAPHS[0], STORY_END, "Get the Harbour Daily newsletter",
                "It lands in your inbox every morning.", "Sign up"])
    for i in (1, 2, 3, 4):
        ctx.marks.rule[i] = RULE
    give_back_story_lines(ctx)
    assert ctx.marks.rule == [None, None, RULE, RULE, RULE, None][:len(ctx.marks.rule)]


def test_a_paragraph_after_an_inline_widget_resumes_the_story():
    ctx = _ctx([PARAGRAPHS[0], "Get the Harbour Daily newsletter", "Sign up", PARAGRAPHS[1]])
    for i in (1, 2, 3):
        ctx.marks.rule[i] = RULE
    give_back_story_lines(ctx)
    assert ctx.marks.rule[:4] == [None, RULE, RULE, None]


def test_a_paragraph_after_more_than_a_widget_stays_cut():
    ctx = _ctx([PARAGRAPHS[0], "Comments", "Oskar wrote:", "Reply", "Share", PARAGRAPHS[1]])
    for i in (1, 2, 3, 4, 5):
        ctx.marks.rule[i] = RULE
    give_back_story_lines(ctx)
    assert ctx.marks.rule[5] == RULE  # four cut lines between: not an inline widget


def test_a_lede_sentence_right_above_the_first_paragraph_is_given_back():
    ctx = _ctx(["Tekst: Oskar Lind", "Swimmers are back at the harbour.", PARAGRAPHS[0], PARAGRAPHS[1]])
    ctx.marks.rule[0] = ctx.marks.rule[1] = RULE
    give_back_story_lines(ctx)
    assert ctx.marks.rule[:2] == [RULE, None]


LINE = st.sampled_from(PARAGRAPHS + [STORY_END, "Jaa Twiittaa", "Kommentoi juttua", "© Satamalehti 2026",
                                     "Tekst: Oskar Lind", "Lue lisää: Uimahallien aukioloajat", ""])


@given(st.lists(st.lists(LINE, min_size=1, max_size=14), min_size=1, max_size=6))
def test_batch_and_one_document_agree_on_which_pages_the_model_reads(pages):
    texts = ["\n".join(lines) + "\n" for lines in pages]
    batch = batched.Batch.of(texts)
    ruleset = load_rules()
    from corpus_clean.boilerplate.engine import apply_rule_packs, line_rules_many
    for ctx, matched in zip(batch.ctxs, line_rules_many(batch.ctxs, ruleset)):
        apply_rule_packs(ctx, ruleset, matched)
    assert batched.classifier_applies_many(batch) == [classifier_applies(ctx) for ctx in batch.ctxs]


@given(st.lists(LINE, min_size=1, max_size=SHORT_PAGE_MIN_LINES - 1))
def test_pages_under_the_short_page_size_see_the_rules_only(lines):
    text = "\n".join(lines) + "\n"
    assert strip_boilerplate_many([text]) == strip_boilerplate_many([text], use_classifier=False)


@given(st.lists(LINE, min_size=1, max_size=MIN_LINES + 4))
def test_short_page_steps_agree_with_the_reference(lines):
    from corpus_clean.boilerplate.engine import strip_reference
    text = "\n".join(lines) + "\n"
    assert strip_boilerplate_many([text])[0] == strip_reference(text)


def test_furniture_outside_the_story_goes_and_sentences_and_subheadings_stay():
    from corpus_clean.boilerplate.classifier import OUTSIDE_STORY, cut_furniture_outside_the_story
    lines = ["Teksti ja kuvat: Oskar Lind", "Swimmers are back at the harbour.", PARAGRAPHS[0],
             "A long wait", PARAGRAPHS[1], STORY_END, "Jaa artikkeli"]
    ctx = _ctx(lines)
    ctx.marks.rule[:] = [None] * len(ctx.marks.rule)
    cut_furniture_outside_the_story(ctx)
    assert ctx.marks.rule[:7] == [OUTSIDE_STORY, None, None, None, None, None, OUTSIDE_STORY]


@given(st.lists(LINE, min_size=1, max_size=MIN_LINES - 1))
def test_outside_the_story_only_lines_that_end_no_sentence_go(lines):
    from corpus_clean.boilerplate.classifier import OUTSIDE_STORY, cut_furniture_outside_the_story
    ctx = _ctx([line or "Kommentoi" for line in lines])
    before = list(ctx.marks.rule)
    cut_furniture_outside_the_story(ctx)
    kept = [i for i, r in enumerate(before) if r is None and not ctx.blank[i]]
    paragraphs = [i for i in kept if ctx.prose[i]]
    for i, (was, now) in enumerate(zip(before, ctx.marks.rule)):
        if now != was:
            assert was is None and now == OUTSIDE_STORY
            assert not ctx.lines.content[i].rstrip().endswith((".", "!", "?"))
            assert i < paragraphs[0] or i > paragraphs[-1]


# A story in a language of long words: each paragraph under PROSE_MIN_WORDS words.
LONG_WORD_PARAGRAPHS = [
    "A városi uszoda felújítása szeptemberben kezdődik, és várhatóan tavaszig tart.",
    "Az önkormányzat közlése szerint a munkálatok alatt a tanuszoda zavartalanul működik.",
    "A bérletek érvényességét a lezárás idejével automatikusan meghosszabbítják.",
]
LONG_WORD_PAGE = "\n".join([
    "Felújítják a városi uszodát",
    "Szerző: Tóth Anikó",
    "Megosztás Másolás",
    *LONG_WORD_PARAGRAPHS,
    "Kapcsolódó: Nyári nyitvatartás a strandokon",
    "Hozzászólások",
]) + "\n"


def test_a_story_of_long_words_is_read_as_a_short_page():
    # (11 words or fewer per paragraph: not prose by word count, but sentences of 60+ characters)
    assert all(len(p.split()) < 12 for p in LONG_WORD_PARAGRAPHS)
    (text, removals), = strip_boilerplate_many([LONG_WORD_PAGE])
    assert _kept_lines(text) == LONG_WORD_PARAGRAPHS
    assert any(r.rule == RULE for r in removals)
    (text, _), = strip_boilerplate_many([LONG_WORD_PAGE], use_classifier=False)
    assert "Megosztás Másolás" in text  # (the rules alone do not know this wording)

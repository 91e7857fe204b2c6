"""Round 26 (issue 11, keep28): the section headings of a story told in sections (a wiki's
"Geography", a fandom page's "Trivia") that the model cut come back, with the last
section's sentence it cut with its heading (``story_sections.give_back_section_headings``);
and a wiki's first sentence that opens with the page's title is an echo of the head
(``story_openings._echoes_the_head``). Pages from invented words in several scripts (no
pack knows them: only the lines' shapes and the page's own words decide). The give-back
tests fail on round 25's code (the step is new); the guards pass on both, and fail when
their guard is taken out of the step."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import PROSE_MIN_WORDS
from corpus_clean.boilerplate.story_echo import content_keys
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.boilerplate.story_openings import _echoes_the_head
from corpus_clean.boilerplate.story_body import DATE_RULES, BodyShape, give_back_lists_closed_by_the_story
from corpus_clean.boilerplate.story_dated_rows import give_back_dated_last_lists, give_back_dated_rows_like_kept_rows
from corpus_clean.boilerplate.story_answers import give_back_answers_under_kept_questions
from corpus_clean.boilerplate.story_sections import give_back_section_headings
from tests.test_story_round25_edges import CLASSIFIER, _context, sentence, word

REFERENCES = ["References", "↑ Archive of the valley, 2020."]
REFERENCE_RULES = ["wiki.references_section", "outlets.reference_item"]


@st.composite
def sectioned_page(draw, caption: bool, last_names_the_story: bool = True, repeated_heading: bool = False,
                   kept_heading: bool = True):
    """(lines, rules, the headings and sentences that should come back): a title a rule cut,
    the lede, a kept heading over a kept sentence, a heading the model cut between two kept
    sentences (a caption under it when `caption`), the last section (heading and sentence)
    the model cut over the references."""
    script = draw(st.sampled_from([0, 1, 2]))  # (Devanagari's words hold vowel signs: no content key, ``story_echo``)
    name = draw(word(script, 3, 4))
    headings = [draw(word(script, 2, 4)).capitalize() for _ in range(3)]
    assume(len({h.casefold() for h in headings}) == 3 and name.casefold() not in {h.casefold() for h in headings})
    lede = draw(sentence(script, PROSE_MIN_WORDS, 14, (name,)))
    middle = [draw(sentence(script, 4, 9)), draw(sentence(script, 4, 9, (name,)))]
    last = draw(sentence(script, 3, 8, (name,) if last_names_the_story else ()))
    if not last_names_the_story:
        assume(not content_keys(last) & content_keys("\n".join([lede, *middle])))
    # (no sentence opens with a heading's word: the page tells its sections by its kept heading)
    assume(not any(s.casefold().startswith(h.casefold()) for s in [lede, *middle, last] for h in headings))
    inserted = [" ".join(draw(word(script)) for _ in range(3)).capitalize() + ", 2018"] if caption else []
    lines = [name.capitalize(), lede, headings[0], middle[0], headings[1], *inserted, middle[1], headings[2], last,
             *REFERENCES]
    rules = ["news.headline", None, None if kept_heading else CLASSIFIER, None, CLASSIFIER] \
        + [CLASSIFIER] * len(inserted) + [None, CLASSIFIER, CLASSIFIER, *REFERENCE_RULES]
    if repeated_heading:  # (the cut heading stands again down the page: an advert's label)
        lines += [headings[1]]
        rules += [CLASSIFIER]
    back = [4, 6 + len(inserted), 7 + len(inserted)]
    return lines, rules, back


def _apply(step, lines, rules) -> list:
    """The page's marks after `step(ctx)` on `lines` cut by `rules` (one per line)."""
    ctx = _context(lines)
    ctx.marks.rule[:len(rules)] = rules
    step(ctx)
    return ctx.marks.rule[:len(rules)]


def _run(lines, rules) -> list:
    return _apply(lambda ctx: give_back_section_headings(ctx, LineShape(ctx.stats)), lines, rules)


@settings(max_examples=15, deadline=None)
@given(page=sectioned_page(caption=False))
def test_the_headings_of_a_sectioned_story_come_back(page):
    """On a story with a kept heading, the heading the model cut between two kept sentences
    and the last section (heading and a sentence naming the story) come back; the
    references stay cut."""
    lines, rules, back = page
    rule = _run(lines, rules)
    assert all(rule[i] is None for i in back)
    assert rule[-2:] == REFERENCE_RULES


@settings(max_examples=12, deadline=None)
@given(page=sectioned_page(caption=True))
def test_a_heading_over_a_caption_comes_back_and_the_caption_stays_cut(page):
    """A caption the model cut between a heading and its kept sentence: the heading comes
    back, the caption stays cut."""
    lines, rules, back = page
    rule = _run(lines, rules)
    assert all(rule[i] is None for i in back)
    assert rule[5] == CLASSIFIER


@settings(max_examples=12, deadline=None)
@given(page=sectioned_page(caption=False, last_names_the_story=False))
def test_a_last_section_naming_nothing_of_the_story_stays_cut(page):
    """The heading and sentence over the references name nothing the story names (a
    newsletter's box): they stay cut; the heading inside the story still comes back."""
    lines, rules, back = page
    rule = _run(lines, rules)
    assert rule[back[0]] is None and rule[back[1]] == rule[back[2]] == CLASSIFIER


@settings(max_examples=12, deadline=None)
@given(page=sectioned_page(caption=False, repeated_heading=True))
def test_a_line_repeated_down_the_page_is_no_heading(page):
    """The cut "heading" stands again lower on the page (an advert's label in every slot):
    it stays cut."""
    lines, rules, back = page
    rule = _run(lines, rules)
    assert rule[back[0]] == CLASSIFIER and rule[-1] == CLASSIFIER


@settings(max_examples=12, deadline=None)
@given(page=sectioned_page(caption=False, kept_heading=False))
def test_a_one_word_line_between_paragraphs_of_an_unsectioned_story_stays_cut(page):
    """No heading of the story is kept (a news story, not a wiki's sections): a one-word
    line the model cut between two paragraphs is an advert's label, and stays cut."""
    lines, rules, _ = page
    assert _run(lines, rules) == rules


@settings(max_examples=12, deadline=None)
@given(script=st.sampled_from([0, 1, 2, 3]), data=st.data())
def test_a_teaser_box_under_the_story_stays_cut(script, data):
    """Under a sectioned story, a box the model cut: its title, a teaser's short headline,
    its summary naming the story's word. The summary is neither the title's section (a
    headline stands between) nor the headline's (a title stands over it): all stay cut."""
    name = data.draw(word(script, 3, 4))
    heading, title = (data.draw(word(script, 2, 4)).capitalize() for _ in range(2))
    assume(heading.casefold() != title.casefold())
    lines = ["Title", data.draw(sentence(script, PROSE_MIN_WORDS, 12, (name,))), heading,
             data.draw(sentence(script, 4, 8, (name,))), title,
             " ".join(data.draw(word(script)) for _ in range(4)).capitalize(),
             data.draw(sentence(script, 4, 8, (name,))), "© 2026"]
    rules = ["news.headline", None, None, None, CLASSIFIER, CLASSIFIER, CLASSIFIER, "footer.copyright"]
    assume(not any(s.casefold().startswith(h.casefold()) for s in lines for h in (heading, title) if s != h))
    assert _run(lines, rules) == rules


@settings(max_examples=12, deadline=None)
@given(script=st.sampled_from([0, 1, 2, 3]), data=st.data())
def test_a_heading_whose_word_opens_its_sentence_comes_back_on_any_story(script, data):
    """No kept heading on the page, but the cut heading's word opens the sentence under it
    (across a caption; "Joshi" / "Joshi is held in May."): heading and sentence come back,
    the caption stays cut."""
    heading = data.draw(word(script, 2, 4)).capitalize()
    text = heading + " " + data.draw(sentence(script, 3, 7)).lower()
    lines = ["Title", data.draw(sentence(script, PROSE_MIN_WORDS, 12)), heading, "Photo of the valley, 2017", text,
             *REFERENCES]
    rules = ["news.headline", None, CLASSIFIER, "story.caption_credit", CLASSIFIER, *REFERENCE_RULES]
    assert _run(lines, rules) == ["news.headline", None, None, "story.caption_credit", None, *REFERENCE_RULES]


@settings(max_examples=12, deadline=None)
@given(script=st.sampled_from([0, 1, 2, 3]), data=st.data())
def test_a_wikis_first_sentence_opening_with_the_title_echoes_the_head(script, data):
    """A wiki's title, its "From Wikipedia" line, then a sentence opening with the title:
    an echo of the head; a sentence that does not open with it (nor names two of its words)
    is none."""
    title = data.draw(word(script, 3, 4)).capitalize()
    opening = title + " " + data.draw(sentence(script, 3, 7)).lower()
    other = data.draw(sentence(script, 3, 7))
    assume(not other.casefold().startswith(title.casefold()) and title.casefold()[:4] not in other.casefold())
    assert _echoes_the_head(_context([title, "From the free encyclopedia", opening]), 2)
    assert not _echoes_the_head(_context([title, "From the free encyclopedia", other]), 2)


@st.composite
def labelled_last_list(draw, item_words: tuple[int, int]):
    """(lines, rules, the items' line numbers): the story kept (a paragraph, a sentence), a
    one-word ":" label the model kept, its items the model cut, a share bar a rule cut."""
    script = draw(st.sampled_from([0, 1, 2, 3]))
    items = [" ".join(draw(word(script)) for _ in range(draw(st.integers(*item_words)))).capitalize()
             for _ in range(draw(st.integers(2, 5)))]
    lines = ["Headline", draw(sentence(script, PROSE_MIN_WORDS, 14)), draw(sentence(script, 4, 8)),
             draw(word(script, 2, 4)).capitalize() + ":", *items, "Share", "Facebook"]
    rules = ["news.headline", None, None, None] + [CLASSIFIER] * len(items) + ["social.share_bar"] * 2
    return lines, rules, list(range(4, 4 + len(items)))


def _run_last_list(lines, rules) -> list:
    return _apply(lambda ctx: give_back_lists_closed_by_the_story(ctx, BodyShape(ctx)), lines, rules)


@settings(max_examples=15, deadline=None)
@given(page=labelled_last_list(item_words=(3, 6)))
def test_the_storys_last_list_of_phrases_under_a_one_word_label_comes_back(page):
    """A one-word label the model kept over phrases it cut, the share bar under them: the
    story's last list ("Inkiguenat:" / "Olcani oo inkishu"): the items come back."""
    lines, rules, items = page
    rule = _run_last_list(lines, rules)
    assert all(rule[i] is None for i in items) and rule[-2:] == ["social.share_bar"] * 2


@settings(max_examples=15, deadline=None)
@given(page=labelled_last_list(item_words=(1, 2)))
def test_a_one_word_labels_list_of_names_stays_cut(page):
    """The same page with items of a word or two (a tag list, "Tags:" / "Kajiado"): they
    stay cut."""
    lines, rules, _ = page
    assert _run_last_list(lines, rules) == rules


@st.composite
def live_rows(draw, far_side_kept: bool):
    """(lines, rules, the cut rows): a headline and a dateline a rule cut, the story's sentence,
    live entries "HH:MM – text" (kept, with 1-2 short ones a date rule cut among or after
    them), a share bar. With `far_side_kept` False the kept entry next to the cut ones stands
    right under cut lines (a teaser the model kept under the furniture)."""
    script = draw(st.sampled_from([0, 1, 2, 3]))
    sep = draw(st.sampled_from(["–", "—", "-", ":"]))
    hours = sorted(draw(st.lists(st.integers(10, 23), min_size=5, max_size=5, unique=True)), reverse=True)
    entries = [f"{h}:{draw(st.integers(10, 59))} {sep} " + draw(sentence(script, 4, 10)) for h in hours[:3]]
    cut = [f"{h}:{draw(st.integers(10, 59))} {sep} " + draw(word(script)).capitalize() for h in hours[3:]]
    lines = ["Headline", "2 December 2026", draw(sentence(script, PROSE_MIN_WORDS, 12)), *entries, *cut,
             "Share", "Facebook"]
    rules = ["news.headline", "dates.date_line", None, None, None, None] \
        + ["dates.date_line"] * len(cut) + ["social.share_bar"] * 2
    if not far_side_kept:  # (only the last entry kept: it stands under the furniture)
        rules[3:5] = ["classifier", "classifier"]
    return lines, rules, list(range(6, 6 + len(cut)))


def _run_dated_rows(lines, rules) -> list:
    return _apply(lambda ctx: give_back_dated_rows_like_kept_rows(ctx, DATE_RULES), lines, rules)


@settings(max_examples=15, deadline=None)
@given(page=live_rows(far_side_kept=True))
def test_live_entries_a_date_rule_cut_under_kept_entries_come_back(page):
    """Short live entries a date rule cut under kept entries of their shape come back; the
    page's dateline under the headline stays cut."""
    lines, rules, cut = page
    rule = _run_dated_rows(lines, rules)
    assert all(rule[i] is None for i in cut) and rule[1] == "dates.date_line"


@settings(max_examples=15, deadline=None)
@given(page=live_rows(far_side_kept=False))
def test_dated_rows_next_to_a_lone_kept_row_stay_cut(page):
    """The kept entry next to the cut rows stands alone between cut lines (a teaser the
    model kept): the rows stay cut."""
    lines, rules, _ = page
    assert _run_dated_rows(lines, rules) == rules


@st.composite
def dated_last_list(draw, label_names_the_story: bool):
    """(lines, rules, label and rows): the story kept (a sentence naming a word), a ":" label
    the model cut (naming that word when `label_names_the_story`), 2-4 rows "HHhMM — Word" a
    date rule cut, a share bar a rule cut."""
    script = draw(st.sampled_from([0, 1, 2]))
    name = draw(word(script, 3, 4))
    story = draw(sentence(script, 4, 10, (name,)))
    other = draw(word(script, 3, 4))
    if not label_names_the_story:
        assume(other.casefold()[:4] not in story.casefold())
    label = (name if label_names_the_story else other).capitalize() + ":"
    rows = [f"{h}h00 — " + draw(word(script)).capitalize() for h in range(9, 9 + draw(st.integers(2, 4)))]
    lines = ["Headline", story, label, *rows, "Share | Facebook"]
    rules = ["news.headline", None, CLASSIFIER] + ["dates.date_line"] * len(rows) + ["social.share_bar"]
    return lines, rules, list(range(2, 3 + len(rows)))


def _run_dated_last_list(lines, rules) -> list:
    return _apply(lambda ctx: give_back_dated_last_lists(ctx, DATE_RULES), lines, rules)


@settings(max_examples=15, deadline=None)
@given(page=dated_last_list(label_names_the_story=True))
def test_the_storys_dated_last_list_under_its_label_comes_back(page):
    """A ":" label naming the story's word over rows a date rule cut ("Fiesta:" / "9h00 —
    Ceremonia"): label and rows come back, the share bar stays cut."""
    lines, rules, back = page
    rule = _run_dated_last_list(lines, rules)
    assert all(rule[i] is None for i in back) and rule[-1] == "social.share_bar"


@settings(max_examples=15, deadline=None)
@given(page=dated_last_list(label_names_the_story=False))
def test_a_label_naming_nothing_of_the_story_keeps_its_dates_cut(page):
    """The label names nothing of the story (a page's "Published:" over its dates): all stay cut."""
    lines, rules, _ = page
    assert _run_dated_last_list(lines, rules) == rules


@st.composite
def interview(draw, kept_pairs: int):
    """(lines, rules, the last answer's line number): an interview of `kept_pairs` kept
    questions and answers, a last question kept with its short answer the model cut, a
    share bar the model cut."""
    script = draw(st.sampled_from([0, 1, 2, 3]))
    question = lambda: draw(sentence(script, 3, 7))[:-1] + "?"  # noqa: E731
    lines = ["Headline", draw(sentence(script, PROSE_MIN_WORDS, 12))]
    for _ in range(kept_pairs):
        lines += [question(), draw(sentence(script, 2, 9))]
    lines += [question(), draw(sentence(script, 2, 4)), "Share"]
    rules = ["news.headline"] + [None] * (len(lines) - 3) + [CLASSIFIER, CLASSIFIER]
    return lines, rules, len(lines) - 2


def _run_answers(lines, rules) -> list:
    return _apply(give_back_answers_under_kept_questions, lines, rules)


@settings(max_examples=15, deadline=None)
@given(page=interview(kept_pairs=2))
def test_an_interviews_last_answer_under_its_kept_question_comes_back(page):
    """The last answer the model cut under a kept question of an interview comes back; the
    share button under it stays cut."""
    lines, rules, answer = page
    rule = _run_answers(lines, rules)
    assert rule[answer] is None and rule[-1] == CLASSIFIER


@settings(max_examples=15, deadline=None)
@given(page=interview(kept_pairs=1))
def test_a_sentence_under_a_lone_kept_question_stays_cut(page):
    """One other kept question and answer only (a story that asks once, "Did you like it?"
    over a pitch): the sentence under the question stays cut."""
    lines, rules, _ = page
    assert _run_answers(lines, rules) == rules

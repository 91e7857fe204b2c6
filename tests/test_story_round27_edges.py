"""Round 27 (issue 11, keep30): the ends of a story's lists and runs that the model or the
menu rules cut come back -- a list between two of the story's kept lists and "Label: value"
rows naming the story (``story_list_ends``), a sentence quoting names in guillemets read as
a menu bar (``story_menu_quotes``), a run of rows counting up that name the story
(``story_numbered_runs``) -- and a sentence ends in the full stops of more scripts
(``story_inserts.SENTENCE_TERMINALS``), a word keeps its vowel signs (``story_echo``).
Pages from invented words in several scripts (no pack knows them: only the lines' shapes
and the page's own words decide). The give-back tests fail on round 26's code (the steps
are new); each guard's test fails when its guard is taken out of the step."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import PROSE_MIN_WORDS
from corpus_clean.boilerplate.story_echo import content_keys
from corpus_clean.boilerplate.story_inserts import SENTENCE_TERMINALS, LineShape
from corpus_clean.boilerplate.story_list_ends import (
    give_back_fields_naming_the_story, give_back_lists_between_kept_lists,
)
from corpus_clean.boilerplate.story_menu_quotes import MENU_BAR_RULE, give_back_quotes_cut_as_menus
from corpus_clean.boilerplate.story_numbered_runs import give_back_numbered_runs_naming_the_story
from corpus_clean.boilerplate.story_runs import MENU_RULE
from tests.test_story_round25_edges import CLASSIFIER, _context, sentence, word

SHARE = ["Share", "Facebook | WhatsApp"]
SHARE_RULES = [CLASSIFIER, "social.share_bar"]
# Latin, Cyrillic, Greek and Devanagari (whose words hold vowel signs).
ALL_SCRIPTS = [0, 1, 2, 3]


def _apply(step, lines, rules) -> list:
    """The page's marks after `step(ctx, shape)` on `lines` cut by `rules` (one per line)."""
    ctx = _context(lines)
    ctx.marks.rule[:len(rules)] = rules
    step(ctx, LineShape(ctx.stats))
    return ctx.marks.rule[:len(rules)]


def _assert_given_back(step, page) -> None:
    """`step` gives back the page's cut lines (its third item) and leaves the share bar cut."""
    lines, rules, back = page
    rule = _apply(step, lines, rules)
    assert all(rule[i] is None for i in back)
    assert rule[-2:] == SHARE_RULES


def _assert_left_cut(step, page) -> None:
    """`step` changes none of the page's marks."""
    lines, rules, _ = page
    assert _apply(step, lines, rules) == rules


def _label(draw, script: int) -> str:
    return draw(word(script, 2, 3)).capitalize() + ":"


@st.composite
def two_lists_page(draw, second_label_kept: bool = True):
    """(lines, rules, the cut items): the story's sentence, a kept label over 2-4 items the
    model cut, a second label (kept when `second_label_kept`) over a kept item, a share bar."""
    script = draw(st.sampled_from(ALL_SCRIPTS))
    lede = draw(sentence(script, PROSE_MIN_WORDS, 14))
    items = [" ".join(draw(word(script)) for _ in range(draw(st.integers(1, 3)))).capitalize()
             for _ in range(draw(st.integers(2, 4)))]
    last_item = draw(word(script, 2, 3)).capitalize()
    lines = [lede, _label(draw, script), *items, _label(draw, script), last_item, *SHARE]
    rules = [None, None] + [CLASSIFIER] * len(items) + [None if second_label_kept else CLASSIFIER, None, *SHARE_RULES]
    return lines, rules, list(range(2, 2 + len(items)))


@settings(max_examples=10, deadline=None)
@given(page=two_lists_page())
def test_a_list_between_two_kept_lists_comes_back(page):
    _assert_given_back(give_back_lists_between_kept_lists, page)


@settings(max_examples=8, deadline=None)
@given(page=two_lists_page(second_label_kept=False))
def test_a_list_over_a_cut_label_stays_cut(page):
    """Under the cut lines, a ":" line the model cut too (a box's heading): nothing comes back."""
    _assert_left_cut(give_back_lists_between_kept_lists, page)


@st.composite
def fields_page(draw, names_the_story: bool = True, bar: bool = False):
    """(lines, rules, the fields): the story's sentence naming a name, a kept label, 2-3
    "Label: value" rows the model cut (one value the name when `names_the_story`; a bar of
    buttons as the first value when `bar`), a share bar."""
    script = draw(st.sampled_from(ALL_SCRIPTS))
    name = draw(word(script, 3, 4)).capitalize()
    lede = draw(sentence(script, PROSE_MIN_WORDS, 14, (name,)))
    values = [draw(word(script, 3, 4)) for _ in range(draw(st.integers(2, 3)))]
    if names_the_story:
        values[draw(st.integers(0, len(values) - 1))] = name
    else:
        assume(not content_keys(" ".join(values)) & content_keys(lede))
    if bar:
        values[0] = "Facebook | " + values[0]
    fields = [f"{draw(word(script, 1, 2)).capitalize()} {draw(word(script, 1, 2))}: {v}" for v in values]
    lines = [lede, _label(draw, script), *fields, *SHARE]
    rules = [None, None] + [CLASSIFIER] * len(fields) + SHARE_RULES
    return lines, rules, list(range(2, 2 + len(fields)))


@settings(max_examples=10, deadline=None)
@given(page=fields_page())
def test_fields_naming_the_story_come_back(page):
    """(Devanagari's names hold vowel signs: they name the story only since ``story_echo``'s
    words keep them.)"""
    _assert_given_back(give_back_fields_naming_the_story, page)


@settings(max_examples=8, deadline=None)
@given(page=fields_page(names_the_story=False))
def test_fields_naming_nothing_of_the_story_stay_cut(page):
    _assert_left_cut(give_back_fields_naming_the_story, page)


@settings(max_examples=8, deadline=None)
@given(page=fields_page(bar=True))
def test_a_bar_of_buttons_is_no_field(page):
    """The first row's value is a bar of buttons ("Share: Facebook | ..."): the rows stay cut."""
    _assert_left_cut(give_back_fields_naming_the_story, page)


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_a_sentence_quoting_in_guillemets_comes_back_and_a_breadcrumb_stays_cut(script, data):
    names = [data.draw(word(script, 2, 3)).capitalize() for _ in range(2)]
    quoted = f"«{names[0]}» {data.draw(word(script))} «{names[1]}» {data.draw(word(script))} 2:0."
    crumbs = " » ".join(data.draw(word(script, 1, 3)).capitalize() for _ in range(3))
    # (a page's head listing titles in guillemets ends in no stop, or in an ellipsis)
    titles = ", ".join(f"«{data.draw(word(script, 1, 3)).capitalize()}»" for _ in range(3)) + data.draw(
        st.sampled_from(["…", ""]))
    lines = [crumbs, titles, quoted, data.draw(sentence(script, PROSE_MIN_WORDS, 14))]
    rules = [MENU_BAR_RULE, MENU_BAR_RULE, MENU_BAR_RULE, None]
    rule = _apply(lambda ctx, shape: give_back_quotes_cut_as_menus(ctx), lines, rules)
    assert rule == [MENU_BAR_RULE, MENU_BAR_RULE, None, None]


def _clock(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


@st.composite
def numbered_run_page(draw, order: str = "up", names_the_story: bool = True, under_a_rule: bool = False):
    """(lines, rules, the run): the story's sentence naming three names, a heading and 3-4
    rows opening with times (counting up, or down when `order` is "down") that name the
    story (or other words), cut as a menu run, a share bar; with a heading a rule cut
    between the story and the run when `under_a_rule`."""
    # (a row names the story by a capitalised word: ``story_runs._names_the_story``; Devanagari has no capitals)
    script = draw(st.sampled_from([0, 1, 2]))
    names = [draw(word(script, 3, 4)).capitalize() for _ in range(3)]
    lede = draw(sentence(script, PROSE_MIN_WORDS, 14, tuple(names)))
    n_rows = draw(st.integers(3, 4))
    times = sorted(draw(st.lists(st.integers(0, 3599), min_size=n_rows, max_size=n_rows, unique=True)))
    if order == "down":
        times.reverse()
    if names_the_story:
        texts = [names[k % 3] for k in range(n_rows)]
    else:
        texts = [draw(word(script, 3, 4)).capitalize() for _ in range(n_rows)]
        assume(not any(t.casefold()[:5] in lede.casefold() for t in texts))
    rows = [f"{_clock(t)} {text}" for t, text in zip(times, texts)]
    above = [draw(word(script, 2, 3)).capitalize()] if under_a_rule else []
    lines = [lede, *above, draw(word(script, 2, 3)).capitalize(), *rows, *SHARE]
    rules = [None] + ["scripts.related_label"] * len(above) + [MENU_RULE] * (1 + n_rows) + SHARE_RULES
    return lines, rules, list(range(1 + len(above), 2 + len(above) + n_rows))


@settings(max_examples=10, deadline=None)
@given(page=numbered_run_page())
def test_a_run_counting_up_that_names_the_story_comes_back(page):
    _assert_given_back(give_back_numbered_runs_naming_the_story, page)


@settings(max_examples=8, deadline=None)
@given(page=numbered_run_page(order="down"))
def test_a_run_counting_down_stays_cut(page):
    """A "latest news" list counts its times down: it stays cut."""
    _assert_left_cut(give_back_numbered_runs_naming_the_story, page)


@settings(max_examples=8, deadline=None)
@given(page=numbered_run_page(names_the_story=False))
def test_a_run_naming_nothing_of_the_story_stays_cut(page):
    """A programme widget's rows name other things than the story: they stay cut."""
    _assert_left_cut(give_back_numbered_runs_naming_the_story, page)


@settings(max_examples=8, deadline=None)
@given(page=numbered_run_page(under_a_rule=True))
def test_a_run_under_a_heading_a_rule_cut_stays_cut(page):
    """A sidebar's list under its heading, which a rule cut ("Most read"): it stays cut."""
    _assert_left_cut(give_back_numbered_runs_naming_the_story, page)


@pytest.mark.parametrize("stop", list(SENTENCE_TERMINALS))
def test_the_full_stops_of_other_scripts_end_a_sentence(stop):
    shape = LineShape(_context([f"ꯇꯨꯔꯅꯃꯦꯟ ꯑꯁꯤꯗ ꯇꯤꯝ {stop}", "ꯇꯨꯔꯅꯃꯦꯟ ꯑꯁꯤꯗ ꯇꯤꯝ၊"]).stats)
    assert shape.ends_sentence(0) and not shape.ends_sentence(1)


def test_the_full_stops_are_unicodes_sentence_terminals():
    """Each added mark is in Unicode's Sentence_Terminal list (read with ``regex`` when it is
    installed: it comes with trafilatura)."""
    regex = pytest.importorskip("regex")
    terminal = regex.compile(r"\p{Sentence_Terminal}")
    assert all(terminal.match(c) for c in SENTENCE_TERMINALS)


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_a_words_vowel_signs_stay_in_its_content_key(script, data):
    """A word of 3+ syllables is one content key, whatever its script's vowel signs."""
    w = data.draw(word(script, 3, 4))
    assume(len(w) >= 5)
    assert content_keys(f"{w} 12") == {w[:5].casefold()}


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_a_sentence_ending_in_footnote_markers_comes_back_and_a_link_with_one_stays_cut(script, data):
    """A wiki's cited sentence the model cut comes back; an edit link "[1]" after words that
    end no sentence stays cut."""
    from corpus_clean.boilerplate.story_citations import give_back_cited_sentences

    markers = "".join(f"[{n}]" for n in data.draw(st.lists(st.integers(1, 99), min_size=1, max_size=3)))
    cited = data.draw(sentence(script, 3, 12)) + markers
    link = " ".join(data.draw(word(script)) for _ in range(3)).capitalize() + " [1]"
    lines = [data.draw(word(script, 2, 3)).capitalize(), cited, link, data.draw(sentence(script, PROSE_MIN_WORDS, 14))]
    rules = [CLASSIFIER, CLASSIFIER, CLASSIFIER, None]
    rule = _apply(lambda ctx, shape: give_back_cited_sentences(ctx), lines, rules)
    assert rule == [CLASSIFIER, None, CLASSIFIER, None]


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_a_label_cut_as_the_headlines_copy_between_the_story_and_its_rows_comes_back(script, data):
    """The page took a menu's one-word item for its headline and the story's label opening
    with that word for its copy: between the story's sentence and its kept rows (numbers
    growing a digit: "9" then "12"), with the story going on under them, the label comes
    back; the same label over the furniture stays cut."""
    from corpus_clean.boilerplate.story_announcements import give_back_announcements_over_kept_rows

    item = data.draw(word(script, 2, 3)).capitalize()
    label = f"{item} {data.draw(word(script))}:"
    # (one shape of row: the line counts split a Devanagari word at its vowel signs, so rows
    # of other words would differ in their counts of words)
    head, value = data.draw(word(script, 2, 3)).capitalize(), data.draw(word(script))
    rows = [f"{head}: {value} {a} – {b}" for a, b in ((6, 8), (9, 12), (14, 17))]
    lines = [item, data.draw(sentence(script, 5, 10)), label, *rows, data.draw(sentence(script, 5, 10)), label, *SHARE]
    rules = ["news.headline", None, "repeat.headline", None, None, None, None, "repeat.headline", *SHARE_RULES]
    rule = _apply(give_back_announcements_over_kept_rows, lines, rules)
    assert rule[2] is None and rule[7] == "repeat.headline"


def test_a_rows_number_may_grow_a_digit_and_a_year_is_no_score():
    from corpus_clean.boilerplate.story_list_tail import _numbers_alike

    assert _numbers_alike(["Ŋkə̂: ŋgú 6 nə̀ 8"], "Mfɛ̂: ŋgú 9 nə̀ 12")
    assert not _numbers_alike(["Cranmoor 0 Ashby Vale 0"], "Top 10 gifts for 2026")


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_teasers_quoting_in_guillemets_under_a_cut_heading_stay_cut(script, data):
    """Related stories' teasers in guillemets under a cut "read also" heading, beside each other
    and no story line: they stay cut (mend27)."""
    def teaser() -> str:
        names = [data.draw(word(script, 2, 3)).capitalize() for _ in range(2)]
        return f"«{names[0]}» {data.draw(word(script))} «{names[1]}» {data.draw(word(script))}."
    teasers = [teaser() for _ in range(data.draw(st.integers(2, 3)))]
    lines = [data.draw(sentence(script, PROSE_MIN_WORDS, 14)), data.draw(word(script, 2, 3)).capitalize(), *teasers, *SHARE]
    rules = [None, "ads.recommended_block", *[MENU_BAR_RULE] * len(teasers), *SHARE_RULES]
    assert _apply(lambda ctx, shape: give_back_quotes_cut_as_menus(ctx), lines, rules) == rules


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data(), numbered=st.booleans())
def test_reference_entries_ending_in_markers_stay_cut(script, data, numbered):
    """A reference list's entries end in a stop and a marker too: under a heading a pack's rule
    cut, or opening with their number, they stay cut (mend27)."""
    from corpus_clean.boilerplate.story_citations import give_back_cited_sentences

    entries = [(f"{n}. " if numbered else "") + data.draw(sentence(script, 3, 8)) + f"[{n}]" for n in range(1, 4)]
    lines = [data.draw(sentence(script, PROSE_MIN_WORDS, 14)), data.draw(word(script, 2, 3)).capitalize(), *entries, *SHARE]
    heading = CLASSIFIER if numbered else "structure.references_empty"
    rules = [None, heading, *[CLASSIFIER] * len(entries), *SHARE_RULES]
    assert _apply(lambda ctx, shape: give_back_cited_sentences(ctx), lines, rules) == rules


@settings(max_examples=10, deadline=None)
@given(script=st.sampled_from(ALL_SCRIPTS), data=st.data())
def test_cited_sentences_under_the_pages_cut_headline_come_back(script, data):
    """A wiki's opening under the headline a pack's rule cut, the page's cut chrome above it:
    its cited sentences come back (only a heading with the article kept above it heads a
    reference list)."""
    from corpus_clean.boilerplate.story_citations import give_back_cited_sentences

    cited = [data.draw(sentence(script, 3, 12)) + f"[{n}]" for n in (1, 2)]
    lines = [data.draw(word(script, 2, 3)).capitalize(), data.draw(word(script, 2, 3)).capitalize(), *cited,
             data.draw(sentence(script, PROSE_MIN_WORDS, 14))]
    rules = [CLASSIFIER, "news.headline", CLASSIFIER, CLASSIFIER, None]
    assert _apply(lambda ctx, shape: give_back_cited_sentences(ctx), lines, rules) == [CLASSIFIER, "news.headline", None, None, None]

"""Round 26 (issue 11, keep29): a live blog's last entry (its time, a ":" label, a list of
names) that the menu rule read on with the share bar under it comes back, the bar staying
cut (``story_runs.give_back_name_lists_run_into_the_bar``). Pages of invented words in
Latin, Cyrillic and Greek (scripts with capitals: a name item is told by its capitals; no
pack knows the words, only the lines' shapes and the page's own words decide). The
give-back test fails on the round's start code (the step is new); the guards pass on both,
and fail when their guard is taken out of the step."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.story_inserts import LineShape, _name_keys
from corpus_clean.boilerplate.story_runs import MENU_RULE, give_back_name_lists_run_into_the_bar
from tests.test_story_round25_edges import CLASSIFIER, _context, sentence, word

TIME_RULE = "news.dateline"


@st.composite
def live_blog(draw, item_names_story: bool = True, label_words: int = 3, time_like_kept: bool = True,
              bar_of_names: bool = False):
    """(lines, rules, the lines that should come back, the bar's lines): two kept entries
    (a time, a sentence naming a place), a caption the model cut, the last entry cut: its
    time (a date rule), a ":" label (the model), the list's names and the share bar under
    them (the menu rule), a teaser the model cut."""
    script = draw(st.sampled_from([0, 1, 2]))
    place = draw(word(script, 3, 4)).capitalize()
    hours = draw(st.lists(st.integers(1, 11), min_size=3, max_size=3, unique=True))
    times = [f"{h}:{m:02d} AM" for h, m in zip(sorted(hours), draw(st.lists(st.integers(0, 59), min_size=3,
                                                                                max_size=3)))]
    if not time_like_kept:
        times[2] = f"{sorted(hours)[2]}h{draw(st.integers(10, 59))}"
    story = [draw(sentence(script, 5, 10, (place,))), draw(sentence(script, 5, 10))]
    n_items = draw(st.integers(2, 4))
    items = [" ".join(draw(word(script, 2, 3)).capitalize() for _ in range(draw(st.integers(1, 3))))
             for _ in range(n_items)]
    # (a name opens with a capital: no word opening with the glottal stop, which has none)
    assume(place[:1].isupper() and all(w[:1].isupper() for item in items for w in item.split()))
    if item_names_story:
        items[draw(st.integers(0, n_items - 1))] += " " + place
    else:
        assume(not _name_keys(" ".join(items)) & _name_keys(" ".join(story)))
    label = " ".join(draw(word(script)) for _ in range(label_words)).capitalize() + ":"
    small = draw(word(script, 1, 1))
    bar = [f"{draw(word(script)).capitalize()} {small} {draw(word(script)).capitalize()}",
           f"{draw(word(script)).capitalize()} {small} {draw(word(script))}"]
    if bar_of_names:  # (a menu: names all through, no line of another shape under them)
        bar = []
    caption = draw(sentence(script, 4, 8)).rstrip(".")
    lines = [times[0], story[0], times[1], story[1], caption, times[2], label, *items, *bar,
             draw(sentence(script, 4, 7))]
    rules = [None, None, None, None, CLASSIFIER, TIME_RULE, CLASSIFIER] + [MENU_RULE] * (n_items + len(bar)) \
        + [CLASSIFIER]
    back = list(range(5, 7 + n_items))
    return lines, rules, back, list(range(7 + n_items, 7 + n_items + len(bar)))


def _run(lines, rules) -> list:
    ctx = _context(lines)
    ctx.marks.rule[:len(rules)] = rules
    give_back_name_lists_run_into_the_bar(ctx, LineShape(ctx.stats))
    return ctx.marks.rule[:len(rules)]


@settings(max_examples=15, deadline=None)
@given(page=live_blog())
def test_the_last_entry_comes_back_and_the_bar_stays_cut(page):
    """The last entry's time, label and names come back; the share bar and the teaser stay cut."""
    lines, rules, back, bar = page
    rule = _run(lines, rules)
    assert all(rule[i] is None for i in back)
    assert all(rule[i] == MENU_RULE for i in bar) and rule[-1] == CLASSIFIER


@settings(max_examples=10, deadline=None)
@given(page=live_blog(item_names_story=False))
def test_names_that_name_nothing_of_the_story_stay_cut(page):
    """No name of the list is a word of the kept story (a menu of the site's sections under
    some label): nothing comes back."""
    lines, rules, _, _ = page
    assert _run(lines, rules) == rules


@settings(max_examples=10, deadline=None)
@given(page=live_blog(label_words=2))
def test_a_short_label_is_a_menus_and_its_run_stays_cut(page):
    """The label says two words ("Follow us:", "Sections:"): a menu's label; nothing comes back."""
    lines, rules, _, _ = page
    assert _run(lines, rules) == rules


@settings(max_examples=10, deadline=None)
@given(page=live_blog(bar_of_names=True))
def test_a_run_of_names_only_is_left_to_the_other_steps(page):
    """The run holds names only, no line of another shape under them (no bar to split off):
    this step leaves it."""
    lines, rules, _, _ = page
    assert _run(lines, rules) == rules


@settings(max_examples=10, deadline=None)
@given(page=live_blog(time_like_kept=False))
def test_a_time_unlike_the_kept_entries_stays_cut(page):
    """The line over the label is a time of another shape than the kept entries' ("9h45"):
    a dateline, not an entry's time: it stays cut; the label and the names come back."""
    lines, rules, back, _ = page
    rule = _run(lines, rules)
    assert rule[back[0]] == TIME_RULE and all(rule[i] is None for i in back[1:])


@settings(max_examples=10, deadline=None)
@given(page=live_blog())
def test_a_list_far_under_the_story_stays_cut(page):
    """Three more cut lines (a teaser box) stand between the story's kept sentences and the
    entry: the list is not the story's; nothing comes back."""
    lines, rules, _, _ = page
    lines = lines[:5] + ["Kala mbo", "Zule wa", "Tsori ngo"] + lines[5:]
    rules = rules[:5] + [CLASSIFIER] * 3 + rules[5:]
    assert _run(lines, rules) == rules

"""A numbered list's last item and its group headings come back when the classifier cut
them; nothing else does. Pages written for this test."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.classifier import RULE as CLASSIFIER
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_lists import give_back_list_lines


def _after(lines: list[str], cut: set[int]) -> list:
    ctx = Context("\n".join(lines) + "\n")
    for i in cut:
        ctx.marks.rule[i] = CLASSIFIER
    give_back_list_lines(ctx, CLASSIFIER)
    return ctx.marks.rule[:len(lines)]


LISTICLE = ["1. The High Ridge", "A twelve-kilometre loop with a view over the valley.", "2. The Gorge at Steinau",
            "Narrow paths, wooden bridges and a lot of water.", "3. The Moor by the Pond",
            "Flat and easy to manage with children.", "Share", "© The County Courier 2026"]


def test_the_last_item_and_its_description_come_back_the_furniture_stays_cut():
    assert _after(LISTICLE, {4, 5, 6, 7}) == [None] * 6 + [CLASSIFIER, CLASSIFIER]


def test_a_group_heading_that_restarts_the_numbering_comes_back():
    lines = ["Men", "1. Tomas Reed, 2:21:14", "2. Ade Okafor, 2:22:03", "Women", "1. Hanna Berg, 2:38:55",
             "2. Joy Mensah, 2:40:12"]
    assert _after(lines, {3}) == [None] * 6


def test_lines_that_do_not_continue_the_numbering_stay_cut():
    # an item out of sequence, a heading not followed by a new "1.", a long cut line
    assert _after(LISTICLE, {4, 5})[4:6] == [None, None]
    assert _after(["1. Tomas Reed", "2. Ade Okafor", "3. Luis Marín", "5. Hanna Berg"], {3})[3] == CLASSIFIER
    assert _after(["1. Tomas Reed", "2. Ade Okafor", "3. Luis Marín", "Most read", "Storm warning as rain heads west"],
                  {3, 4})[3:] == [CLASSIFIER, CLASSIFIER]
    # the kept line above is not a kept item: nothing to continue
    assert _after(["1. Tomas Reed", "2. Ade Okafor", "3. Luis Marín", "Sponsored", "4. Ten deals this week"],
                  {3, 4})[3:] == [CLASSIFIER, CLASSIFIER]


def test_a_page_without_a_list_is_untouched():
    lines = ["Home", "The council voted on Tuesday to close the old bridge for two years of repairs.", "Share"]
    assert _after(lines, {0, 2}) == [CLASSIFIER, None, CLASSIFIER]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.booleans()), min_size=3, max_size=14),
       st.sets(st.integers(0, 13)))
def test_only_a_cut_line_continuing_a_kept_item_s_numbering_comes_back(items, cut):
    """Over generated numbered lines (random numbers, random cuts): a line comes back only
    when it is numbered one more than the kept item right above it, and no kept line is
    ever cut."""
    lines = [f"{n}. Item number {n}" if numbered else "Item without a number" for n, numbered in items]
    cut = {i for i in cut if i < len(lines)}
    after = _after(lines, cut)
    for i, rule in enumerate(after):
        if i not in cut:
            assert rule is None
        elif rule is None:
            above = lines[i - 1] if i else ""
            assert i - 1 not in cut and above[0].isdigit()

"""Lists and tables the article announces ("... were as follows:") keep their lines:
a ranking is not a menu (``nav.menu_run``) and a table's "Comment" header cell does not
start a comment section (``comments.marked_section``); menus and comment sections that
nothing announces still go (``engine.announced_by_the_line_above``)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate

PROSE = [
    "The survey asked eleven thousand people in thirty countries how safe they felt walking home at night.",
    "Researchers weighted the answers by the population of each country and by the age of those who replied.",
    "The authors say the gap between the first and the last country has narrowed since the previous survey.",
    "They plan to repeat the survey next year with more questions about public transport and street lighting.",
]
COUNTRIES = ["Finland", "Norway", "Canada", "Portugal", "Japan", "Chile", "Ireland", "Iceland", "Uruguay", "Estonia"]
ANNOUNCE = "The overall rankings of the countries in this year's survey were as follows:"


def _cut_rules(text: str) -> set[str]:
    _, removed = strip_boilerplate(text, use_classifier=False)
    return {r.rule for r in removed}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(COUNTRIES), min_size=5, max_size=10, unique=True), st.booleans())
def test_an_announced_ranking_keeps_its_lines(countries, numbered):
    items = [f"{k}. {c}" if numbered else c for k, c in enumerate(countries, 1)]
    text = "\n".join([*PROSE[:2], ANNOUNCE, *items, *PROSE[2:]]) + "\n"
    clean, _ = strip_boilerplate(text, use_classifier=False)
    assert all(item in clean.splitlines() for item in items)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(COUNTRIES), min_size=5, max_size=10, unique=True),
       st.sampled_from(["Sections:", "Follow us:", PROSE[1]]))
def test_a_menu_nothing_announces_still_goes(countries, above):
    """A one- or two-word label or a full sentence above a menu does not announce it."""
    text = "\n".join([PROSE[0], above, *countries, *PROSE[2:]]) + "\n"
    assert "nav.menu_run" in _cut_rules(text)


TABLE = ["Status", "Timeout", "Comment", "new", "none", "waiting for a worker", "claimed", "five minutes",
         "given back if the worker dies"]


def test_a_comment_header_cell_of_an_announced_table_is_no_comment_section():
    text = "\n".join([*PROSE[:3], "The task states and what the scheduler does in each of them are these:",
                      *TABLE, PROSE[3]]) + "\n"
    clean, removed = strip_boilerplate(text, use_classifier=False)
    assert not [r for r in removed if r.rule.startswith("comments.")]
    assert PROSE[3] in clean


def test_a_comments_heading_after_the_article_still_starts_the_section():
    text = "\n".join([*PROSE, "Comments", "Great survey, but my town feels less safe every year.",
                      "I walk home at night all the time and never had a problem."]) + "\n"
    clean, removed = strip_boilerplate(text, use_classifier=False)
    assert removed and removed[-1].rule == "comments.marked_section"
    assert "Great survey" not in clean


QUOTES = ["“I think people deserve a straight answer,” the mayor said. “They have waited long enough.”",
          "“We will not close the bridge before the ferry runs twice an hour,” she said.",
          "He called the plan “a sensible answer to a problem the town has had for years.”"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(QUOTES), st.sampled_from(["Recommended for you", "Promoted Stories", "Read next"]))
def test_a_quote_paragraph_ends_a_teaser_block(quote, heading):
    """A teaser block takes the short lines under its heading; a paragraph whose last
    sentence ends inside quotes is running prose and stays (``engine._is_teaser``)."""
    text = "\n".join([*PROSE[:2], heading, "Harbour ferry timetable changes this summer", quote, *PROSE[2:]]) + "\n"
    clean, removed = strip_boilerplate(text, use_classifier=False)
    assert quote in clean.splitlines()
    assert "Harbour ferry timetable changes this summer" not in clean

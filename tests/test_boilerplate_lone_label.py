"""An empty teaser label ("Read next", "Recommended for you", "More from Jane Roe": its
teasers were loaded by script) right above the story's next subheading goes alone: the
subheading stays (``engine._is_subheading_under_label``). Under a label, a teaser
headline (title case, or longer), or several short lines, still go with it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate

PROSE = [
    "The harbour board voted on Monday to rebuild the north pier before the winter storms arrive.",
    "Fishermen said the old pier had lost a third of its timber piles since the last survey was done.",
    "Work is due to begin in March, and the board expects the first half to reopen by the summer.",
    "The board will ask the regional government to pay for most of the work, its chairwoman said.",
]
LABELS = ["Read next", "Recommended for you", "More from Jane Roe", "You may also like", "Related Stories",
          "Most Popular", "More on this story"]
SUBHEADINGS = ["What happens next", "A long wait", "Why it matters", "The cost of repairs", "Next steps"]
TEASERS = ["Ten Harbours Where Boats Still Moor for Free", "Storm Damage Closes Coast Road Again",
           "How one village saved its lifeboat station from closure last year"]


def _rules_of(text: str) -> dict[str, str]:
    """Each removed line's rule (rules only: what the label rules do, not the model)."""
    _, removed = strip_boilerplate(text, use_classifier=False)
    return {line.strip(): r.rule for r in removed for line in r.text.splitlines() if line.strip()}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LABELS), st.sampled_from(SUBHEADINGS), st.integers(1, 3), st.sampled_from(["\n", "\n\n"]))
def test_an_empty_label_above_a_subheading_goes_alone(label, subheading, at, separator):
    text = separator.join([*PROSE[:at], label, subheading, *PROSE[at:]]) + "\n"
    cut = _rules_of(text)
    assert label in cut
    assert subheading not in cut


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(LABELS), min_size=2, max_size=2, unique=True), st.sampled_from(SUBHEADINGS),
       st.booleans())
def test_a_subheading_between_two_stacked_empty_labels_stays(labels, subheading, label_below):
    above, below = labels
    lines = [*PROSE[:2], above, subheading, below, *PROSE[2:]] if label_below else \
        [*PROSE[:2], above, below, subheading, *PROSE[2:]]
    cut = _rules_of("\n".join(lines) + "\n")
    assert above in cut and below in cut
    assert subheading not in cut


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LABELS), st.sampled_from(TEASERS), st.integers(1, 3))
def test_a_teaser_headline_under_a_label_still_goes(label, teaser, at):
    text = "\n".join([*PROSE[:at], label, teaser, *PROSE[at:]]) + "\n"
    cut = _rules_of(text)
    assert label in cut and teaser in cut


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LABELS), st.lists(st.sampled_from(SUBHEADINGS), min_size=2, max_size=4, unique=True))
def test_several_short_lines_under_a_label_are_its_teasers(label, lines):
    """Only a lone line can be a subheading: two or more are the label's list."""
    text = "\n".join([*PROSE[:2], label, *lines, *PROSE[2:]]) + "\n"
    cut = _rules_of(text)
    assert all(line in cut for line in [label, *lines])

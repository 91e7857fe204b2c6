"""A list item counts for less than a paragraph when the scoring looks for the article (corpus_clean.html_candidates)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_candidates
from corpus_clean.html import NOT_MAIN, extract_main_text

STORY = [
    "The harbour board voted on Tuesday to rebuild the north pier, which storms damaged twice last winter.",
    "Work starts in spring, the board said, and the pier stays open to walkers, though not to cars, until then.",
    "Fishermen, who land most of the town's catch there, had asked for the work to start before the summer season.",
    "The council, the board and the fishermen's cooperative will share the cost, put at four million pounds.",
]
REVIEWS = [
    "Great stay, friendly staff, clean rooms, and a view of the sea, though breakfast, sadly, ended early.",
    "Noisy at night, but the bed was comfortable, the shower hot, and the price, for August, fair enough.",
    "We came for the pier, stayed for the fish, and, yes, we would come back, maybe in June, with the kids.",
]


def story_beside_a_list(items: int, list_first: bool = False) -> str:
    """A story of four paragraphs and, in a neutral box beside it, a list of comma-rich reviews."""
    story = "<div class='story'>" + "".join(f"<p>{t}</p>" for t in STORY) + "</div>"
    reviews = ("<div class='panel'><h2>Guests write</h2><ul>"
               + "".join(f"<li>{REVIEWS[i % 3]}</li>" for i in range(items)) + "</ul></div>")
    parts = reviews + story if list_first else story + reviews
    return f"<html><body><div class='wrap'>{parts}</div></body></html>"


@settings(max_examples=12, deadline=None)
@given(st.integers(4, 6), st.booleans())
def test_a_list_of_as_much_prose_does_not_outweigh_the_story_beside_it(items, list_first):
    """Six reviews hold 1.5 times the story's text and more commas: as paragraphs they won the scoring."""
    ex = extract_main_text(story_beside_a_list(items, list_first))
    kept = ex.text.splitlines()
    assert all(t in kept for t in STORY)
    # whatever is cut is recorded at its offsets in the page's visible text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_with_list_items_counting_in_full_the_list_wins_and_the_story_is_recorded_as_cut(monkeypatch):
    """Fault injection: the weight at 1 (a list item counts as a paragraph) gives the old choice."""
    monkeypatch.setattr(html_candidates, "LIST_ITEM_WEIGHT", 1.0)
    ex = extract_main_text(story_beside_a_list(6))
    assert STORY[0] not in ex.text.splitlines()
    cut = [r for r in ex.removed if r.rule == NOT_MAIN]
    assert any(STORY[0] in r.text for r in cut)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in cut)


@given(st.integers(2, 8))
def test_a_page_whose_prose_is_all_in_list_items_still_has_its_text(items):
    """A thread written as a list: list items still score, at a lower weight, so the page is not emptied."""
    html = ("<html><body><nav><a href='/'>Home</a></nav><ol class='thread'>"
            + "".join(f"<li>{REVIEWS[i % 3]}</li>" for i in range(items)) + "</ol></body></html>")
    kept = extract_main_text(html).text.splitlines()
    assert kept and all(r in kept for r in REVIEWS[:items]) and "Home" not in kept

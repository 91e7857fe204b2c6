"""Section ids made from the section's own heading are not furniture labels (corpus_clean.html_headings)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

TEXT = ("The list type has a few more methods than the ones shown so far, and this section describes them all, "
        "with a short example for each of them and a note on what each one returns.")
# Furniture words our labels know (soft ones: a comment thread is cut whatever its id),
# each made into a three-word heading of a docs section.
FURNITURE = ["more", "related", "share", "promo", "sidebar", "widget"]


def docs_page(sections: str) -> str:
    return ("<html><body><nav class='toc'><a href='#a'>Contents</a> <a href='#b'>Index</a></nav>"
            f"<div class='body'><h1>Data structures</h1><p>{TEXT}</p>{sections}</div>"
            "<footer><p>Copyright the docs team. All rights reserved.</p></footer></body></html>")


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(FURNITURE), st.sampled_from(["on", "of", "and"]), st.integers(1, 9))
def test_a_section_whose_id_is_its_heading_is_kept(word, joiner, number):
    heading = f"{word.title()} {joiner} lists"
    ident = f"{word}-{joiner}-lists"
    body = f"<p>{TEXT.replace('list', f'list {number}')}</p>"
    ex = extract_main_text(docs_page(f"<section id='{ident}'><h2>5.{number}. {heading}</h2>{body}</section>"))
    assert heading in ex.text and f"list {number}" in ex.text
    assert "Contents" not in ex.text and all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_a_widget_labelled_like_a_heading_it_does_not_have_is_still_cut():
    """Fault injection: the id's words are not its heading's ("more-from-us" over "Trending")."""
    widget = ("<div id='more-from-us'><h3>Trending</h3><p>Five ways to sort a list, and other stories "
              "our readers liked this week, picked for you.</p></div>")
    ex = extract_main_text(docs_page(widget))
    assert "Trending" not in ex.text and any(r.rule == "html.related" and "Trending" in r.text for r in ex.removed)


def test_a_two_word_widget_id_with_its_own_title_is_still_cut():
    """Fault injection: "related-posts" titled "Related posts" is the widget naming itself."""
    widget = ("<div id='related-posts'><h3>Related posts</h3><p>Sorting lists in place, and other posts "
              "on the same subject, from our archive of tutorials.</p></div>")
    ex = extract_main_text(docs_page(widget))
    assert "Related posts" not in ex.text

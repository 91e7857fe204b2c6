"""Class/id labels: a utility class that clips overflow is layout, not a hidden element."""

from hypothesis import given, settings, strategies as st

import corpus_clean.html as html_mod
from corpus_clean.html import extract_main_text

from tests.test_html import BODY, page

LAYOUT = st.sampled_from(["flex", "mx-auto", "rounded-sm", "p-6", "min-w-[320px]", "bg-gray-100", "card"])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["", "md:", "lg:", "sm:"]), st.sampled_from(["", "x-", "y-"]), st.lists(LAYOUT, max_size=4))
def test_an_overflow_clipping_utility_is_not_a_hiding_label(breakpoint, axis, others):
    html_mod.clear_caches()
    label = " ".join([*others, f"{breakpoint}overflow-{axis}hidden"])
    assert html_mod.label_verdict(label) is None
    # ... while the words that do hide an element still do, next to the same utilities
    assert html_mod.label_verdict(" ".join([*others, "is-hidden"])) == ("soft", "html.hidden")


def test_article_sections_in_overflow_hidden_boxes_are_kept_by_the_first_reading():
    body = "<div class='mx-auto'>" + "".join(f"<div class='overflow-hidden rounded-sm'><p>{p}</p></div>"
                                             for p in BODY) + "</div>"
    lines = html_mod.read_page(html_mod.LexborHTMLParser(page(body)))
    assert [line for line, verdict in lines if verdict is html_mod.KEEP] == list(BODY)
    assert extract_main_text(page(body)).text.split("\n") == list(BODY)


HIDINGS = ["hidden", "style='display:none'", "style='visibility: hidden'"]
PANEL = ("The second tab explains how the pier's steel piles are driven, tested, and inspected "
         "every spring, and what the council pays for each inspection.")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(HIDINGS), st.sampled_from(["tabpanel", "region", "", "dialog", "alert", "note"]))
def test_a_hidden_tab_or_accordion_panel_is_content_other_hidden_blocks_are_not(hiding, role):
    """WAI-ARIA tab and accordion panels are hidden until clicked, and are the page's content."""
    role_attr = f" role='{role}'" if role else ""
    body = (f"<article><p>{BODY[0]}</p><p>{BODY[1]}</p>"
            f"<div class='tabs'><div{role_attr} {hiding}><p>{PANEL}</p></div></div><p>{BODY[2]}</p></article>")
    text = extract_main_text(page(body)).text.split("\n")
    if role in html_mod.PANEL_ROLES:
        assert text == [BODY[0], BODY[1], PANEL, BODY[2]]
    else:
        assert text == [BODY[0], BODY[1], BODY[2]]

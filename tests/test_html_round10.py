"""Round 10 of the HTML path: strip_junk judges each element once; users' posts in a page's panels.

(corpus_clean.html.strip_junk and _labelled_elements, corpus_clean.html_prose.restore_mislabelled,
corpus_clean.html_panels; own pages.)
"""
from __future__ import annotations

import os
import sys

from hypothesis import example, given, settings, strategies as st

from corpus_clean import html_prose
from corpus_clean.html import LexborHTMLParser, _labelled_elements, extract_main_text, strip_junk

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
from html_pages import ROUND10_FAMILIES, UNSEEN_LANGS, make_page, naive_text  # noqa: E402  (the benchmark's page generator)

STORY = ("The ferry between the two islands will run every hour from May, the operator said on Monday, after "
         "a new boat joined the fleet and the harbour at the northern end was dredged to take it. ")
WIDGET = ("A page builder's text box, which the site labels as a widget although it holds the page's prose: "
          "the opening hours of the ferry office, the fares for cars and for foot passengers, and where to park. ")

# Attributes Lexbor's selector list matches more than once (a class and an id, a class and aria-hidden ...).
EXTRA_ATTRS = ["", " id='w1'", " role='region'", " style='color: red'", " id='w1' role='region'", " data-x='1'"]


def widget_page(label: str, extra: str) -> str:
    return (f"<html><body><nav><a href='/'>Home</a></nav><main><p>{STORY * 3}</p>"
            f"<div class='{label}'{extra}><p>{WIDGET * 2}</p></div><p>{STORY}</p></main>"
            "<footer>© The ferry company</footer></body></html>")


def test_each_labelled_element_is_judged_once():
    """An element matching several of the selector's parts comes once, in page order."""
    t = LexborHTMLParser("<body><div class='a' id='b' role='note' aria-hidden='true' style='display:none'>x</div>"
                         "<p id='c' class='d'>y</p><span hidden class='e'>z</span></body>")
    nodes = _labelled_elements(t.body)
    assert [n.tag for n in nodes] == ["div", "p", "span"]
    assert len({n.mem_id for n in nodes}) == len(nodes)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["elementor-widget-container", "video-embed", "widget text"]), st.sampled_from(EXTRA_ATTRS))
def test_long_prose_under_a_short_label_comes_back_whatever_its_other_attributes(label, extra):
    """The rescue puts a long-prose "widget"/"embed" back at its place; with an id or a role as well, it was
    cut twice and lost (its second placeholder lay outside the page)."""
    ex = extract_main_text(widget_page(label, extra))
    assert WIDGET.strip() in ex.text
    assert ex.text.index(WIDGET.strip()) < ex.text.rindex(STORY.strip())  # at its place, before the last paragraph
    assert ex.visible_text.count(WIDGET.strip()) == 2  # shown once (its two sentences), not lost nor doubled


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["share-bar", "video-embed", "caption", "menu", "hidden", "ad-slot"]),
                          st.sampled_from(EXTRA_ATTRS), st.integers(0, 3)), min_size=1, max_size=6))
@example([("video-embed", " id='w1'", 2), ("menu", "", 1)])
def test_no_cut_element_is_lost_from_the_visible_text(boxes):
    """Fault injection over labels and attribute combinations: every visible element's text is in the
    visible text exactly once, whether it was kept, cut, or cut and put back."""
    words = ["Ferry times and fares for the summer season. ", "Home News Sport", WIDGET, "Photo: the new boat"]
    parts = [f"<div class='{label}'{extra.replace('w1', f'w{i}')}><p>{words[k]}</p></div>"
             for i, (label, extra, k) in enumerate(boxes)]
    page = f"<html><body><main><p>{STORY * 2}</p>{''.join(parts)}</main></body></html>"
    ex = extract_main_text(page)
    for label, _, k in boxes:
        if label != "hidden":  # class "hidden": not shown at all unless it is long prose
            assert words[k].strip() in ex.visible_text
    flat = " ".join(ex.visible_text.split())
    assert flat.count(STORY.strip().split(". ")[0]) == 2


def test_restored_element_leaves_the_cuts():
    t = LexborHTMLParser(widget_page("elementor-widget-container", " id='w1' role='region'"))
    cuts = strip_junk(t)
    assert len([1 for node, _, _ in cuts.values() if node.attributes.get("id") == "w1"]) == 1
    assert html_prose.restore_mislabelled(cuts) == 1
    assert not [1 for node, _, _ in cuts.values() if node.attributes.get("id") == "w1"]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(sorted(ROUND10_FAMILIES)), st.sampled_from(UNSEEN_LANGS), st.floats(0, 1))
def test_round10_families_gold_is_text_of_the_page(family, lang, seed):
    """The unseen round-10 families' gold is labelled by construction: every gold line is text the page holds."""
    page, gold = make_page(family, lang, seed)
    shown = " ".join(naive_text(page).split())
    assert gold and all(" ".join(line.split()) in shown for line in gold.splitlines())

"""The second, lenient reading of a page whose first reading kept almost nothing.

Real page shapes from public benchmarks, written here with our own text: an
article whose every paragraph sits in a page builder's "widget" wrapper, an
article a streaming renderer parks in a ``hidden`` element until a script moves
it, an article inside a ``<header>``. The first reading cuts those wrappers as
furniture; the lenient one (hard cuts and invisible tags only) keeps them.
"""
from __future__ import annotations

import os
import re
import sys

from hypothesis import given, settings, strategies as st

import corpus_clean.html as html_mod
from corpus_clean.html import extract_main_text

from tests.test_html import BODY, assert_exact_removals, extracted_with_exact_removals, kept, page

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))
from html_pages import FAMILIES, LANGS, make_page  # noqa: E402

# How page builders and renderers wrap a whole article (one wrapper around each paragraph, "{}").
WRAPPERS = {
    "page-builder widgets": "<div class='builder-widget-wrap'><div class='builder-widget-container'>{}</div></div>",
    "streamed into a hidden segment": "{}",  # the whole article goes in one <div hidden>, below
    "article in a header": "{}",
}


def wrapped_article(kind: str, paras=BODY) -> str:
    ps = "".join(WRAPPERS[kind].format(f"<p>{p}</p>") for p in paras)
    if kind == "streamed into a hidden segment":
        return f"<div></div><div hidden id='S:0'><div class='article-content'>{ps}</div></div>"
    if kind == "article in a header":
        return f"<header class='section-content'><div class='rich-text'>{ps}</div></header>"
    return f"<div class='entry-content'>{ps}</div>"


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(WRAPPERS)), st.integers(3, 4))
def test_an_article_the_first_reading_cuts_whole_is_kept_by_the_lenient_one(kind, n):
    """(With two paragraphs, one builder widget holds half the page's text and survives the
    first reading as a layout wrapper: that reading is not doubtful and keeps only it.)"""
    html = page(wrapped_article(kind, BODY[:n]))
    ex = extracted_with_exact_removals(html)
    assert ex.text.split("\n") == list(BODY[:n])
    # What the reading left out is still recorded, with offsets into its visible text.
    assert any(r.rule == "html.nav" for r in ex.removed)


def test_the_first_reading_alone_loses_those_articles():
    """Without the second reading these pages give (almost) nothing: the fallback is what keeps them.

    (An article in a ``<header>`` that holds most of the page is kept by the first
    reading since ``html.WRAPPER_TAGS``: tests/test_html_articles.py.)"""
    for kind in WRAPPERS:
        if kind == "article in a header":
            continue
        tree = html_mod.LexborHTMLParser(page(wrapped_article(kind)))
        lines = html_mod.read_page(tree)
        assert html_mod.doubtful(lines), kind
        assert html_mod.kept_chars(lines) < len(BODY[0]), kind


def test_a_page_of_menus_stays_empty_under_the_lenient_reading():
    """Fault injection: nothing but link lists and hidden menus; the second reading may not invent an article."""
    menus = "".join(f"<div class='menu-widget'><ul>{''.join(f'<li><a href=/{i}{j}>Section {i}.{j}</a></li>' for j in range(6))}"
                    f"</ul></div>" for i in range(8))
    hidden = "<div hidden><a href='/x'>Account</a> <a href='/y'>Log in</a></div>"
    assert extract_main_text(page(menus + hidden)).text == ""


def test_a_hidden_teaser_inside_a_normal_article_stays_out():
    """The lenient reading is only tried when the first kept a sliver of the page."""
    body = f"<article><p>{BODY[0]}</p><div hidden>A hidden teaser, with commas, long enough to count as prose here.</div><p>{BODY[1]}</p></article>"
    assert extract_main_text(page(body)).text.split("\n") == [BODY[0], BODY[1]]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(FAMILIES)), st.sampled_from(sorted(set(LANGS))), st.integers(0, 10**9))
def test_generated_pages_in_widget_wrappers_keep_their_article_paragraphs(family, lang, seed):
    """Every block of a generated page put in a builder widget, as page builders do (headings,
    paragraphs, lists, tables): the article's long paragraphs come back."""
    html, gold = make_page(family, lang, seed)
    wrapped = html
    for tag in ("p", "h2", "h3", "ul", "ol", "table", "blockquote"):
        wrapped = re.sub(rf"<{tag}\b", f"<div class='builder-widget-container'><{tag}", wrapped)
        wrapped = wrapped.replace(f"</{tag}>", f"</{tag}></div>")
    ex = extract_main_text(wrapped)
    assert_exact_removals(ex.visible_text, ex.removed)
    assert kept(ex.visible_text, ex.removed) == ex.text + "\n"
    text_lines = set(ex.text.split("\n"))
    long_lines = [line for line in gold.split("\n") if len(line) >= 80]
    found = sum(line in text_lines for line in long_lines)
    assert found >= 0.8 * len(long_lines), (family, found, len(long_lines))

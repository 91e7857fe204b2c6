"""The second opinion on a sliver of the page's prose (corpus_clean.html_prose)."""
from __future__ import annotations

import os
import sys

from hypothesis import given, settings, strategies as st

from corpus_clean import html as html_mod, html_prose
from corpus_clean.html import extract_main_text

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_html import BODY, page  # noqa: E402

BOXES = [
    "We service gas boilers of every make, and we send a qualified engineer within two working days.",
    "An annual check costs 80 pounds, parts extra, and we remind you by letter a month before it is due.",
    "If your boiler breaks down in winter, our emergency line is staffed from six in the morning to midnight.",
    "Landlords get the safety certificate they need for their tenants the same day as the inspection.",
    "Our engineers carry spare parts for the ten most common boilers, so most repairs take one visit.",
    "We clean up after ourselves, wear shoe covers in your home, and take the old parts away with us.",
]


def section(i: int, inner: str) -> str:
    """A page builder's section: the text four levels down, each section of its own markup."""
    return f"<section class='s-{i}'><div class='container'><div class='row-{i}'><div class='col'>{inner}</div></div></div></section>"


def read(html: str, article: bool):
    """Strip and render a page as html.read_page does, with the first section's box as the scoring's choice."""
    tree = html_mod.LexborHTMLParser(html)
    cuts = html_mod.strip_junk(tree)
    chosen = [tree.css_first("section.s-0 .col")]
    lines = html_mod.render_page(tree.body, chosen, cuts)
    return tree, chosen, cuts, html_prose.second_opinion(tree.body, chosen, lines, article)


@settings(max_examples=20, deadline=None)
@given(st.integers(3, 6), st.booleans())
def test_a_choice_that_is_a_sliver_of_the_prose_gives_way_to_the_column_and_cuts_stay_recorded(n, article):
    """The hero box was chosen; the feature sections around it hold GAIN (ARTICLE_GAIN) times its prose."""
    hero = section(0, f"<p>{BOXES[0]}</p>")
    boxes = "".join(section(i + 1, f"<h3>Feature {i}</h3><p>{t}</p>") for i, t in enumerate(BOXES[1:n + 1]))
    html = page("").replace("<main></main>", f"<div class='page-wrap'>{hero}{boxes}</div>")
    tree, _, cuts, cover = read(html, article)
    assert [node.attributes.get("class") for node in cover] == ["page-wrap"]
    lines = html_mod.render_page(tree.body, cover, cuts)
    kept = [line for line, verdict in lines if verdict == html_mod.KEEP]
    assert kept[0] == BOXES[0] and all(t in kept for t in BOXES[1:n + 1])
    assert "Most read" not in kept and not any("cookies" in line for line in kept)
    visible, removed = html_mod.removals_of(lines)
    assert all(visible[r.start:r.end] == r.text and r.rule.startswith("html.") for r in removed)


def test_a_declared_article_with_two_short_sections_keeps_its_choice():
    """Fault injection: two short sections are under ARTICLE_GAIN times the hero's prose; the choice stands."""
    hero = section(0, f"<p>{BOXES[0]} {BOXES[0]}</p>")
    boxes = "".join(section(i + 1, f"<p>{t}</p>") for i, t in enumerate(BOXES[1:3]))
    assert read(page("").replace("<main></main>", f"<div class='page-wrap'>{hero}{boxes}</div>"), True)[3] is None


@given(st.integers(1, 3))
def test_a_cover_elsewhere_does_not_replace_a_whole_story(copies):
    """Fault injection: most prose sits in a feed beside a story of over OUTSIDE_MAX_HELD characters: no change."""
    story = "".join(f"<p>{p}</p>" for p in BODY * 2)
    assert sum(map(len, BODY * 2)) > html_prose.OUTSIDE_MAX_HELD
    feed = "<ul class='feed'>" + "".join(f"<li><p>{t}</p></li>" for t in BOXES * 6 * copies) + "</ul>"
    html = page("").replace("<main></main>", f"<div class='page-wrap'>{section(0, story)}</div><div>{feed}</div>")
    assert read(html, False)[3] is None


def test_an_article_with_a_teaser_grid_is_not_widened():
    """Fault injection: the story holds most of the page's prose; teasers (links) are not prose."""
    teasers = "".join(f"<div class='card'><a href='/s{i}'>Another story number {i} about the coast road</a></div>"
                      for i in range(12))
    story = "".join(f"<p>{p}</p>" for p in BODY)
    html = page("").replace("<main></main>", f"<div class='wrap'><div class='story'>{story}</div>{teasers}</div>")
    assert extract_main_text(html).text.split("\n") == list(BODY)


def test_a_declared_article_needs_more_evidence_than_a_page_of_boxes():
    """The second opinion asks a page that says it is an article for ARTICLE_GAIN times the prose, not GAIN."""
    assert html_prose.ARTICLE_GAIN > html_prose.GAIN


def test_a_choice_holding_most_of_the_prose_is_not_doubted():
    lines = [(p, "keep") for p in BODY] + [("Home", "html.nav"), ("Short teaser line", "html.not_main")]
    assert not html_prose.doubts_choice(lines)

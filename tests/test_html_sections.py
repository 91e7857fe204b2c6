"""Articles written as several sections or posts: the site's article element, and repeated post bodies."""
from __future__ import annotations

import os
import sys

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_html import BODY, page  # noqa: E402

SECTION_TEXTS = [
    "Our crews inspect every pile of the pier twice a year, and they replace any timber that shows rot.",
    "The council pays for the inspections from the harbour fund, which the ferry fares top up each summer.",
    "Residents can follow the work on a public board at the quay, updated every Friday afternoon.",
    "If a storm damages the pier, the harbour master closes it at once and calls the engineers in.",
    "Volunteers from the sailing club help to keep the slipway clear of weed during the low tides.",
]


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 5), st.sampled_from(["article", "div itemprop=articleBody"]), st.integers(1, 2))
def test_a_guide_written_as_sections_is_kept_whole_from_the_sites_article_element(n, wrapper, lead_paras):
    """A long first section wins the scoring alone; the site's <article> (or articleBody) says the article is all of them."""
    lead = "".join(f"<p>{p}</p>" for p in BODY[:lead_paras])
    sections = "".join(f"<section class='block-{i}'><h2>Part {i}</h2><p>{t}</p></section>"
                       for i, t in enumerate(SECTION_TEXTS[:n]))
    closing = wrapper.split()[0]
    # the lead sits one level deeper than the sections (next to a rating widget), out of the sibling rule's reach
    hero = f"<section class='hero'><div class='lead'>{lead}</div><div class='stars'>4.5 / 5</div></section>"
    html = page("").replace("<main></main>", f"<{wrapper}>{hero}{sections}</{closing}>")
    text = extract_main_text(html).text.split("\n")
    for t in [*BODY[:lead_paras], *SECTION_TEXTS[:n]]:
        assert t in text
    assert "Most read" not in text and not any("cookies" in line for line in text)


def test_a_teaser_grid_in_the_article_element_is_not_taken_whole():
    """Fault injection: the <article> holds the story and a grid of linked teasers; the grid stays out."""
    teasers = "".join(f"<div class='card'><a href='/s{i}'><h3>Story {i} about the coast road</h3>"
                      f"<p>A teaser about story {i}, with a comma, for the grid of cards here.</p></a></div>"
                      for i in range(12))
    html = page("").replace("<main></main>", f"<article><div class='story'>{''.join(f'<p>{p}</p>' for p in BODY)}</div>"
                                           f"<div class='grid'>{teasers}</div></article>")
    assert extract_main_text(html).text.split("\n") == list(BODY)


def thread(posts: list[str], comments: str = "") -> str:
    """A Q&A page: each post's body five levels below the list of posts (StackExchange-like nesting)."""
    items = "".join(f"<div class='answer' id='a{i}'><div class='post-layout'><div class='votecell'>{i}</div>"
                    f"<div class='answercell'><div class='s-prose post-body'><p>{p}</p></div>"
                    f"<div class='post-signature'><a href='/u{i}'>user{i}</a></div></div></div></div>"
                    for i, p in enumerate(posts))
    return f"<div id='mainbar'><div id='answers'>{items}</div>{comments}</div>"


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4))
def test_every_post_body_of_a_thread_is_kept_and_the_comment_thread_is_not(n):
    comments = ("<div class='comments-list'><p>Great answer, thanks, this helped me a lot with my own pier.</p>"
                "<p>I disagree, the piles should be concrete, not steel, in salt water.</p></div>")
    html = page(thread(list(BODY[:n]), comments))
    text = extract_main_text(html).text.split("\n")
    for post in BODY[:n]:
        assert post in text
    assert not any("answer, thanks" in line or "concrete" in line for line in text)

"""Article-like pages whose content sits where furniture usually does (issue 11, HTML path).

Page shapes seen in public benchmarks, written here with our own text: a blog that
puts its whole post in a ``<header class="post-content">``; an ``<aside>`` left open
by a missing end tag around the whole page; a forum whose pages are drawn by a
script and whose posts are in the ``<noscript>`` crawler view (Discourse).
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

import corpus_clean.html as html_mod
from corpus_clean.html import extract_main_text

from tests.test_html import BODY, assert_exact_removals, extracted_with_exact_removals, page

MENU = "<nav><a href='/'>Home</a> <a href='/blog'>Blog</a> <a href='/about'>About us</a></nav>"


# --- a furniture tag that holds the page ------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["header", "aside"]), st.integers(2, 4), st.booleans())
def test_a_header_or_aside_holding_most_of_the_page_is_a_wrapper(tag, n, closed):
    """The first reading keeps the article (no fallback needed), and the real menu is still cut."""
    ps = "".join(f"<p>{p}</p>" for p in BODY[:n])
    end = f"</{tag}>" if closed else ""  # an unclosed <aside> runs to the end of <body>
    html = f"<html><body>{MENU}<{tag} class='post-content'><div class='rich-text'>{ps}</div>{end}" \
           f"<footer><p>Copyright 2024, the blog, all rights reserved.</p></footer></body></html>"
    ex = extracted_with_exact_removals(html)
    assert ex.text.split("\n") == list(BODY[:n])
    assert "html.nav" in {r.rule for r in ex.removed}
    lines = html_mod.read_page(html_mod.LexborHTMLParser(html))
    assert not html_mod.doubtful(lines)


def test_a_site_header_and_a_sidebar_are_still_furniture():
    """Fault injection: the usual small header and aside next to a normal article are cut with their rules."""
    ex = extracted_with_exact_removals(page("<article>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article>"))
    assert ex.text.split("\n") == list(BODY)
    rules = {r.rule for r in ex.removed}
    assert {"html.header", "html.sidebar"} <= rules
    assert "Most read" not in ex.text and "Eastmere Gazette" not in ex.text


def test_a_large_footer_is_never_taken_for_a_wrapper():
    """A footer that holds most of the page (terms of use in a modal) is still a footer."""
    terms = "".join(f"<p>Terms of use, clause {i}: you agree, as a user of the shop, to these terms.</p>"
                    for i in range(12))
    html = f"<html><body><div class='product'><p>{BODY[0]}</p></div><footer>{terms}</footer></body></html>"
    ex = extracted_with_exact_removals(html)
    assert ex.text == BODY[0]
    assert "Terms of use" not in ex.text


def test_page_share_is_computed_only_when_a_big_furniture_tag_asks():
    tree = html_mod.LexborHTMLParser(page("<article><p>x</p></article>"))
    share = html_mod._PageShare(tree.body)
    assert share.holds_most(tree.css_first("nav")) is False
    assert share._paras is None  # the small nav was judged on its text length alone


# --- the <noscript> crawler view of a script-drawn page ----------------------------------


def discourse_like(posts, splash: str = "Loading the discussion...") -> str:
    """A page drawn by a script: a splash screen (hidden once the script runs; a browser without
    scripts hides it with the noscript's own style), and the crawler view in <noscript>."""
    body = "".join(f"<div class='topic-body crawler-post'><div class='crawler-post-meta'><span>user{i}</span>"
                   f"</div><div class='post' itemprop='text'><p>{p}</p></div></div>" for i, p in enumerate(posts))
    return (f"<html><body><section id='d-splash' style='display: none'><p>{splash}</p></section><div id='app'></div>"
            f"<noscript><header><a href='/'>Harbour forum</a></header><div id='main-outlet' role='main'>"
            f"<h1>Rebuilding the pier</h1>{body}</div><footer><nav><a href='/about'>About</a> "
            f"<a href='/faq'>FAQ</a></nav></footer></noscript></body></html>")


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4))  # one short post is under the second reading's minimum gain
def test_the_noscript_view_of_a_script_drawn_page_is_read(n):
    ex = extracted_with_exact_removals(discourse_like(BODY[:n]))
    for p in BODY[:n]:
        assert p in ex.text
    assert "About" not in ex.text.split("\n")  # its navigation is still navigation


def test_noscript_is_not_read_when_the_page_has_its_article():
    """Fault injection: a "please enable JavaScript" notice next to a normal article stays invisible."""
    notice = "<noscript><p>This site works best with JavaScript enabled, please turn it on, thanks.</p></noscript>"
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article>" + notice)
    ex = extract_main_text(html)
    assert ex.text.split("\n") == list(BODY)
    assert "JavaScript" not in ex.visible_text
    assert_exact_removals(ex.visible_text, ex.removed)


def test_a_script_drawn_page_without_a_crawler_view_stays_empty():
    """A noscript of a few words (a tracking pixel's note) invents no article."""
    html = "<html><body><div id='app'></div><noscript>Enable JavaScript.</noscript></body></html>"
    assert extract_main_text(html).text == ""


# --- linked subheadings -----------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["h2", "h3", "h4"]), st.integers(2, 4))
def test_linked_subheadings_of_a_listicle_are_kept(tag, n):
    """A listicle links each item's name in its heading; the heading is the article's, not a link list."""
    items = "".join(f"<{tag}><a href='/mover-{i}'>{i}. Harbour Movers No {i}</a></{tag}><p>{p}</p>"
                    for i, p in enumerate(BODY[:n], 1))
    ex = extracted_with_exact_removals(page(f"<article class='post-body'>{items}</article>"))
    for i in range(1, n + 1):
        assert f"{i}. Harbour Movers No {i}" in ex.text.split("\n")


def test_teaser_cards_with_linked_headings_are_still_link_lists():
    """Fault injection: a card of a linked heading and a linked blurb is judged as a whole and cut."""
    cards = "".join(f"<div class='card'><h3><a href='/s{i}'>Storm story {i}</a></h3>"
                    f"<a href='/s{i}'>Read about the storm on the coast, part {i}</a></div>" for i in range(3))
    ex = extracted_with_exact_removals(page("<article>" + "".join(f"<p>{p}</p>" for p in BODY) + cards + "</article>"))
    assert ex.text.split("\n") == list(BODY)
    assert "html.links" in {r.rule for r in ex.removed}


# --- forum and Q&A threads: every post of the thread -------------------------------------


def thread(posts, depth: int, named_body: bool) -> str:
    """A thread as forum software writes it: each post's body ``depth`` wrappers below the post list."""
    items = []
    for i, p in enumerate(posts):
        inner = f"<div class='message-body'><div>{p}</div></div>" if named_body else \
            f"<div class='message-body'>{p}</div>"
        for level in range(depth):
            # each wrapper has an (empty) sibling box, as real templates do: no only-child climb
            inner = f"<div class='message-cell-{level}'>{inner}<div class='reactions-{level}'></div></div>"
        items.append(f"<article class='message' id='post-{i}'><div class='user'>poster{i}</div>{inner}</article>")
    return f"<div class='thread'>{''.join(items)}</div>"


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 4), st.integers(0, 8), st.booleans(), st.integers(0, 3))
def test_every_post_of_a_thread_is_kept(n, depth, named_body, longest):
    """Posts whose body is a named box, or an unnamed block inside one, up to 8 wrappers deep."""
    posts = list(BODY[:n])
    posts[longest % n] = posts[longest % n] + " " + BODY[(longest + 1) % 4]  # one post wins the scoring
    ex = extracted_with_exact_removals(page(thread(posts, depth, named_body)))
    for p in posts:
        assert p in ex.text.split("\n")
    assert "Most read" not in ex.text


def test_an_unnamed_winner_without_named_cousins_is_unchanged():
    """Fault injection: a named ancestor whose class no other element shares changes nothing."""
    html = page("<div class='story'><div><p>" + "</p><p>".join(BODY) + "</p></div></div>"
                "<div class='teasers'><div>" + BODY[0][:60] + "</div></div>")
    ex = extracted_with_exact_removals(html)
    assert ex.text.split("\n") == list(BODY)


# --- the headings of an article's parts --------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4), st.booleans())
def test_headings_beside_the_parts_of_an_article_are_kept(n, two_heading_box):
    """Each part in a section of its own, its heading in a box beside the text (a page builder's markup)."""
    def head(i):
        return f"<h2>{i}.</h2><h2>Harbour part {i}</h2>" if two_heading_box else f"<h2>{i}. Harbour part {i}</h2>"
    parts = "".join(f"<section class='rank-{i}'><div class='rank-head'>{head(i)}</div>"
                    f"<div class='rich-text'><p>{p}</p></div></section>" for i, p in enumerate(BODY[:n], 1))
    ex = extracted_with_exact_removals(page(f"<div class='ranking'>{parts}</div>"))
    text = " ".join(ex.text.split("\n"))
    for i in range(2, n + 1):  # the parts after the first: their headings come with them
        assert f"{i}. Harbour part {i}" in text
    for p in BODY[:n]:
        assert p in ex.text.split("\n")


def test_a_box_with_more_than_a_heading_is_not_taken_as_one():
    """Fault injection: a teaser box (heading plus a linked blurb) before a part stays out."""
    parts = (f"<section><div class='rich-text'><p>{BODY[0]}</p></div></section>"
             f"<section><div class='promo-box'><h3>Sign up</h3><a href='/n'>Get the harbour newsletter</a></div>"
             f"<div class='rich-text'><p>{BODY[1]}</p></div></section>")
    ex = extracted_with_exact_removals(page(parts))
    assert "Sign up" not in ex.text and "newsletter" not in ex.text

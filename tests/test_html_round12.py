"""Round 12 of the HTML path: a closed tab's panel hidden by ``aria-hidden`` alone, tied to its own named tab.

(corpus_clean.html_panels.PanelFinder.tab_panel; own pages, written for these tests: a catalogue record's
tabs as Foundation, jQuery UI and BigCommerce render them, against a carousel's slides and a mega menu.)
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from selectolax.lexbor import LexborHTMLParser

from corpus_clean.html import extract_main_text
from corpus_clean.html_rails import cover_won_by_rails

SECTIONS = [
    ("Scope and content", "Letters, diaries and account books of a ferry company, kept by three generations of "
                          "one family, with the minutes of the board from its founding to its sale in 1962."),
    ("Provenance", "Given to the county archive by the last manager's daughter, who had kept the boxes in a barn "
                   "near the old landing, and catalogued over two winters by volunteers."),
    ("Access", "Open to readers by appointment; the board's minutes after 1940 may be seen on request only, "
               "and photographs of the diaries are allowed without a flash."),
]
CLOSED = ' aria-hidden="true"'  # what closes a tab here: aria-hidden alone, no hidden, no display:none
COMMENT = "I found my grandfather's name in the wage book for 1921, thank you for putting this online so quickly"


def tabs(sections, idiom: int, label=lambda i, name: name) -> str:
    """``(name, html)`` panels as tabs, the first open and the others hidden by ``aria-hidden`` alone (``idiom``:
    0 Foundation, 1 jQuery UI without display:none, 2 BigCommerce, 3 a tab list of buttons)."""
    if idiom == 0:
        head = "<ul class='tabs' data-tabs role='tablist'>" + "".join(
            f"<li class='tabs-title'><a href='#s{i}' role='tab' aria-controls='s{i}'>{label(i, n)}</a></li>"
            for i, (n, _) in enumerate(sections)) + "</ul><div class='tabs-content'>"
        cls = "tabs-panel"
    elif idiom == 1:
        head = "<div class='ui-tabs'><ul role='tablist' class='ui-tabs-nav'>" + "".join(
            f"<li role='tab' aria-controls='s{i}' class='ui-tabs-tab'><a href='#s{i}' class='ui-tabs-anchor'>{label(i, n)}</a></li>"
            for i, (n, _) in enumerate(sections)) + "</ul><div>"
        cls = "ui-tabs-panel ui-widget-content"
    elif idiom == 2:
        head = "<ul class='tabs' data-tab role='tablist'>" + "".join(
            f"<li class='tab' role='presentation'><a class='tab-title' href='#s{i}' role='tab' aria-controls='s{i}'>{label(i, n)}</a></li>"
            for i, (n, _) in enumerate(sections)) + "</ul><div class='tabs-contents'>"
        cls = "tab-content"
    else:
        head = "<div role='tablist'>" + "".join(
            f"<button role='tab' aria-controls='s{i}' type='button'>{label(i, n)}</button>"
            for i, (n, _) in enumerate(sections)) + "</div><div>"
        cls = "panel"
    return head + "".join(f"<div id='s{i}' role='tabpanel' class='{cls}'{'' if i == 0 else CLOSED}>{h}</div>"
                          for i, (_, h) in enumerate(sections)) + "</div>"


def record_page(body: str) -> str:
    return ("<html><body><header><nav><a href='/'>Archive</a> <a href='/search'>Search</a></nav></header><main>"
            "<h1>Ferry company papers, 1881-1962</h1><table><tr><th>Reference</th><td>FC/1-214</td></tr>"
            f"<tr><th>Extent</th><td>214 boxes</td></tr></table>{body}</main><footer>© County archive</footer></body></html>")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 3), st.integers(2, 3))
def test_closed_tabs_hidden_from_readers_alone_are_content(idiom, n):
    """Every closed panel of the record's own tabs is kept, whichever library wrote them."""
    sections = [(name, f"<p>{text}</p>") for name, text in SECTIONS[:n]]
    ex = extract_main_text(record_page(tabs(sections, idiom)))
    for _, text in SECTIONS[:n]:
        assert text in ex.text


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 3))
def test_a_closed_tab_of_users_comments_stays_cut(idiom):
    """A Comments tab, closed by aria-hidden alone, holding readers' dated posts, is cut as comments."""
    posts = "".join(f"<div class='note'><p class='meta'><span class='comment-author'>Reader {i}</span> 3 March 2024</p><p>{COMMENT} ({i}).</p>"
                    "<a href='#'>Reply</a></div>" for i in range(3))
    sections = [(SECTIONS[0][0], f"<p>{SECTIONS[0][1]}</p>"), ("Comments", posts)]
    ex = extract_main_text(record_page(tabs(sections, idiom)))
    assert SECTIONS[0][1] in ex.text
    assert COMMENT not in ex.text


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 3))
def test_slides_whose_tabs_are_numbers_stay_cut(idiom):
    """A carousel's inactive slides are tabpanels controlled by tabs too, but their tabs are dots or numbers:
    hidden from readers, they stay cut (and the open one, shown, stays)."""
    slides = [(str(i), f"<p>Slide {i}: {text}</p>") for i, (_, text) in enumerate(SECTIONS)]
    story = "<p>" + " ".join(text for _, text in SECTIONS) + "</p>"
    ex = extract_main_text(record_page(story + tabs(slides, idiom, label=lambda i, name: str(i + 1))))
    assert "Slide 1:" not in ex.text and "Slide 2:" not in ex.text


def test_a_mega_menus_closed_tabs_of_links_stay_cut():
    """A menu's closed tabs hold links: not the page's content, whatever ties them to their tabs."""
    links = "".join(f"<li><a href='/s/{k}'>Services for ferry and harbour operators, part {k}</a></li>" for k in range(6))
    menu = tabs([("Services", f"<ul>{links}</ul>"), ("Industries", f"<ul>{links}</ul>")], 3)
    page = record_page(f"<p>{SECTIONS[0][1]}</p><p>{SECTIONS[1][1]}</p>").replace("<main>", f"<div class='megamenu'>{menu}</div><main>")
    ex = extract_main_text(page)
    assert SECTIONS[0][1] in ex.text
    assert "part 3" not in ex.text


def test_chrome_hidden_from_readers_is_no_tab_panel():
    """An element hidden by aria-hidden alone that no named tab controls (a mobile menu's promo line) stays cut."""
    promo = "<div class='mobile-menu' aria-hidden='true'><p>Plan your visit: the reading room is open late on Thursdays " \
            "this winter, and the café serves soup.</p></div>"
    sections = [(name, f"<p>{text}</p>") for name, text in SECTIONS]
    ex = extract_main_text(record_page(promo + tabs(sections, 0)))
    assert "reading room is open late" not in ex.text
    assert SECTIONS[2][1] in ex.text


# --- the second opinion is not won by a news stream deep in the main column (html_rails.streams_in) ---

STORY = ["The harbour board voted on Tuesday to rebuild the north pier, after two winters of storms left its "
         "timber piles split and the ferry moored at the fishing quay instead.",
         "Engineers said the work would take eighteen months, and that the ferry would keep its timetable while "
         "the new concrete deck is poured in sections, one berth at a time.",
         "Residents who had asked for a footpath along the pier will get one, the board said, though the cafe "
         "at its end will close for a season while the deck beside it is replaced."]


def stream_item(i: int, picture_first: bool) -> str:
    """A teaser of a news stream: (a picture's link,) a linked title and a blurb of two or three sentences."""
    picture = f"<a href='/s/{i}' aria-hidden='true'><img src='/t{i}.jpg' alt=''></a>" if picture_first else ""
    blurb = (f"Another town's council met late on Monday about story {i}, and residents filled the hall to ask about "
             "the budget. The vote was delayed to the spring, officials said, after a long debate about the new road.")
    return (f"<li class='stream-item'>{picture}<div><h3><a href='/s/{i}'>Council delays vote on road plan, part {i}</a>"
            f"</h3><p>{blurb}</p></div></li>")


def column_page(beside: str) -> tuple:
    """A story and ``beside`` in one main column, ``beside`` nested a few levels deep: (tree, [story], [column])."""
    page = ("<html><body><div id='Main'><section class='story'><h1>Harbour board votes to rebuild the north pier</h1>"
            "<div class='body'>" + "".join(f"<p>{p}</p>" for p in STORY) + f"</div></section><div class='remote'>{beside}"
            "</div></div></body></html>")
    tree = LexborHTMLParser(page)
    return tree, [tree.css_first("div.body")], [tree.css_first("#Main")]


@settings(max_examples=30, deadline=None)
@given(st.integers(6, 14), st.booleans(), st.integers(2, 6))
def test_a_news_stream_deep_in_the_main_column_does_not_win_the_cover(n, picture_first, depth):
    """A story beside a long "Recommended for you" stream nested ``depth`` levels deep in the same column (teasers
    of a title and two sentences, some opening with their picture's link): the column holds three times the story's
    prose only by the stream's blurbs, so the second opinion's cover is refused (yahoo-3 of the readability set:
    0.40 -> 0.99). The stream's teasers are longer than a rail's and sit deeper than rails_beside looks."""
    stream = "<div>" * depth + "<h2>Recommended for you</h2><ul>" + "".join(
        stream_item(i, picture_first) for i in range(n)) + "</ul>" + "</div>" * depth
    tree, story, column = column_page(stream)
    assert cover_won_by_rails(tree.body, story, column, article=True)


@settings(max_examples=20, deadline=None)
@given(st.integers(4, 8), st.integers(2, 6))
def test_the_column_s_own_prose_still_wins_the_cover(n, depth):
    """The same column whose other prose is the page's own (sections of paragraphs, a heading each, no linked
    titles): no stream, the cover is not refused."""
    sections = "<div>" * depth + "".join(f"<h2>Part {i} of the plan</h2><p>{STORY[i % 3]} More on part {i}.</p>"
                                         for i in range(n)) + "</div>" * depth
    tree, story, column = column_page(sections)
    assert not cover_won_by_rails(tree.body, story, column, article=True)


def test_a_page_of_teasers_alone_is_still_read():
    """A list page (no story beside the stream) keeps its list: the stream test only refuses a cover."""
    page = ("<html><body><div id='Main'><h1>Latest</h1><ul>" + "".join(stream_item(i, False) for i in range(8))
            + "</ul></div></body></html>")
    ex = extract_main_text(page)
    assert "Council delays vote on road plan, part 3" in ex.text or "story 3" in ex.text

"""Round 12 of the HTML path: a closed tab's panel hidden by ``aria-hidden`` alone, tied to its own named tab.

(corpus_clean.html_panels.PanelFinder.tab_panel; own pages, written for these tests: a catalogue record's
tabs as Foundation, jQuery UI and BigCommerce render them, against a carousel's slides and a mega menu.)
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

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

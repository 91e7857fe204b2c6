"""Listing pages whose chosen block is one row of the list (corpus_clean.html_listings)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_listings
from corpus_clean.html import LexborHTMLParser, doubtful, extract_main_text, read_page

STORY = [
    "The harbour board voted on Tuesday to rebuild the north pier, which the winter storms of last year left "
    "closed to boats heavier than ten tonnes, at a cost the board puts at four million pounds.",
    "Work starts in April and should end before the autumn, the board said, and the fish market will move "
    "to the south quay while the cranes are on the pier, as it did when the pier was last repaired.",
    "Fishermen said they welcomed the plan, but asked the board to keep the slipway open through the summer, "
    "when the smaller boats land most of their catch, and to publish the dates of each stage of the work.",
]
TITLES = ["Library wing opens to readers", "Coast road shut by a landslip", "School choir wins the regional cup",
          "Ferry timetable changes in May", "New bus route to the hospital", "Market hall gets a new roof",
          "Allotments waiting list reopens", "Bridge repainted after ten years"]
SNIPPETS = ["The new wing holds the local history room and a children's corner, open every day but Sunday.",
            "Engineers say the road will stay shut for a fortnight while they make the cliff safe again.",
            "Forty pupils sang three pieces and took the cup home for the first time since the nineties.",
            "The early boat leaves half an hour later from May, and a late boat runs on Fridays in summer.",
            "Buses will run every twenty minutes from the station to the hospital's main entrance.",
            "The roof of the market hall leaked for years; the council has now paid for slate and lead.",
            "Twenty plots came free this winter, and the society is taking names for the waiting list.",
            "The painters used the same green as in 1968, chosen after a vote of the town's residents."]


def post(i: int, full: bool) -> str:
    """One row of a blog index: numbered classes, a linked title, a snippet (or the full story), a comment link."""
    text = ("<div class='story-body'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>" if full
            else f"<p class='excerpt'>{SNIPPETS[i]}</p>")
    return (f"<article class='post-{i} post hentry'><h2><a href='/p/{i}'>{TITLES[i]}</a></h2>"
            f"{text}<p class='row-end'><a href='/p/{i}#c'>Comment</a></p></article>")


def index_page(rows: int, head: str = "", row=post) -> str:
    """A news site's index: header and menu, the rows (the first printed in full), a footer."""
    posts = "".join(row(i, i == 0) for i in range(rows))
    return (f"<html><head>{head}</head><body><div class='top'><a href='/'>Harbour News</a> "
            "<nav><a href='/a'>Local</a> <a href='/b'>Sport</a> <a href='/c'>Weather</a></nav></div>"
            f"<div class='wrap'><div class='posts'>{posts}</div></div>"
            "<footer><p>Harbour News, 2 Quay Street. All rights reserved.</p></footer></body></html>")


@settings(max_examples=15, deadline=None)
@given(st.integers(6, len(TITLES)))
def test_the_other_rows_of_a_blog_index_are_kept_and_cuts_stay_recorded(rows):
    """The scoring picks the one post printed in full; the list around it (from six rows on, ROWS_GAIN
    times the story's text) is the content."""
    ex = extract_main_text(index_page(rows))
    for i in range(1, rows):
        assert TITLES[i] in ex.text and SNIPPETS[i] in ex.text
    assert STORY[0] in ex.text and "Local" not in ex.text and "All rights reserved" not in ex.text
    assert ex.removed and all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)
    assert any("Local" in r.text and r.rule == "html.nav" for r in ex.removed)


def test_a_page_that_declares_an_article_keeps_only_its_story():
    """An article's page carries teaser rows the story does not: no list is looked for."""
    ex = extract_main_text(index_page(6, head="<meta property='og:type' content='article'>"))
    assert STORY[0] in ex.text and SNIPPETS[3] not in ex.text


@given(st.integers(1, html_listings.MIN_ROWS - 1))
def test_too_few_rows_are_not_a_list(rows):
    """Fault injection: under MIN_ROWS rows, the full post stays the only content."""
    ex = extract_main_text(index_page(rows))
    assert STORY[0] in ex.text and all(SNIPPETS[i] not in ex.text for i in range(1, rows))


def test_a_list_smaller_than_twice_the_story_is_not_taken():
    """Fault injection: four rows, three of them short, hold under ROWS_GAIN times the full post."""
    ex = extract_main_text(index_page(4))
    assert STORY[0] in ex.text and SNIPPETS[2] not in ex.text


def test_rows_without_links_are_not_a_list():
    """Fault injection: repeated boxes with no link are a page's sections, not a list's rows."""
    def box(i, full):
        text = "".join(f"<p>{p}</p>" for p in STORY) if full else f"<p>{SNIPPETS[i]}</p>"
        return f"<div class='box'><h2>{TITLES[i]}</h2>{text}</div>"

    tree = LexborHTMLParser(index_page(6, row=box))
    assert html_listings.list_rows([tree.css_first(".box p")], article=False) is None


def test_a_menu_of_short_links_is_not_a_list():
    """Rows must hold ROW_CHARS of text on average: "Home", "About" do not."""
    menu = "".join(f"<li class='item'><a href='/{w}'>{w}</a></li>" for w in ("Home", "About", "Shop", "Blog", "Help"))
    tree = LexborHTMLParser(f"<body><div id='x'><p>{STORY[0]}</p><ul>{menu}</ul></div></body>")
    assert html_listings.list_rows([tree.css_first("#x p")], article=False) is None


FILMS = ["Harbour Lights", "The Long Pier", "North Quay", "Storm Season", "Salt and Slate", "The Lighthouse Keeper",
         "Low Tide", "Ferry at Dawn", "Cliff Road", "The Net Menders"]


def chart_page(rows: int, button: str = "", extra: str = "") -> str:
    """A chart: each row a rank, a linked title, its year and runtime, its rating (the title is a short link)."""
    items = "".join(
        f"<li class='chart-row'><div class='rank'>#{i + 1}</div><h3><a href='/t/{i}'>{FILMS[i]}</a></h3>"
        f"<div class='facts'>{1990 + i} 1h {10 + i}m PG-13</div><div class='score'>Rated {5 + i % 5}.{i} by {i + 2}K</div>"
        f"{button}{extra}</li>" for i in range(rows))
    return (f"<html><body><div class='top'><nav><a href='/a'>Films</a> <a href='/b'>Series</a> <a href='/c'>News</a></nav></div>"
            f"<div class='page'><h1>Most watched films</h1><p>As chosen by our readers.</p><ul class='chart'>{items}</ul></div>"
            "<footer><p>Harbour Films Ltd. All rights reserved.</p></footer></body></html>")


@settings(max_examples=10, deadline=None)
@given(st.integers(4, len(FILMS)))
def test_a_chart_keeps_its_linked_titles_with_their_numbers(rows):
    """The rank, year and rating lines outweigh the short linked titles, but the rows hold the page's text."""
    ex = extract_main_text(chart_page(rows))
    assert all(FILMS[i] in ex.text for i in range(rows))
    assert "Rated 5.0 by 2K" in ex.text and "Series" not in ex.text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


@settings(max_examples=10, deadline=None)
@given(st.integers(4, len(FILMS)))
def test_the_same_button_in_every_row_is_cut_and_recorded(rows):
    ex = extract_main_text(chart_page(rows, button="<button>Add to list</button>"))
    assert "Add to list" not in ex.text and all(FILMS[i] in ex.text for i in range(rows))
    cut = [r for r in ex.removed if r.text == "Add to list\n"]
    assert len(cut) == rows and all(r.rule == "html.ui" and ex.visible_text[r.start:r.end] == r.text for r in cut)


def test_the_same_words_in_every_row_that_are_not_a_button_stay():
    """Fault injection: a place name repeated in every row is the rows' content, not a control."""
    ex = extract_main_text(chart_page(6, extra="<span class='where'>North America</span>"))
    assert ex.text.count("North America") == 6


def test_a_button_only_some_rows_have_stays():
    """Fault injection: under CONTROL_SHARE of the rows, a button's words are kept as the rows render them."""
    rows = html_listings.repeated_controls(
        [("Harbour Lights", "keep"), ("Sold out", "keep")],
        LexborHTMLParser("".join(f"<li>{'<button>Sold out</button>' if i == 0 else ''}</li>" for i in range(6))).css("li"))
    assert rows == [("Harbour Lights", "keep"), ("Sold out", "keep")]


HUB_TITLES = [f"{title}, and what it means for the town" for title in TITLES]


def hub_page(rows: int, label: str, lists: int = 1) -> str:
    """A hub page: every teaser a link through and through (title and blurb inside the <a>), each
    labelled for the site ("PagePromo"), in ``lists`` lists of the same markup; no paragraph anywhere."""
    def teaser(i: int) -> str:
        return (f"<li class='list-item'><div class='{label}'><a href='/s/{i}'><h3 class='{label}-title'>{HUB_TITLES[i]}</h3>"
                f"<span>{SNIPPETS[i]}</span></a></div></li>")
    blocks = "".join(f"<section><h2>Part {k}</h2><ul class='items'>" + "".join(teaser(i) for i in range(rows)) + "</ul></section>"
                     for k in range(lists))
    return ("<html><body><div class='top'><a href='/'>Harbour News</a> <nav><a href='/a'>Local</a> <a href='/b'>Sport</a></nav></div>"
            f"<main><h1>Science</h1>{blocks}</main>"
            "<footer><p>Harbour News, 2 Quay Street. All rights reserved.</p></footer></body></html>")


@settings(max_examples=12, deadline=None)
@given(st.integers(6, len(TITLES)), st.sampled_from(["PagePromo", "promo-card", "related-item"]),
       st.integers(1, 2))  # (from six rows a list holds PAGE_LIST_MIN characters)
def test_a_hub_whose_teasers_are_cut_for_their_label_keeps_its_lists(rows, label, lists):
    """The label cut every row, the scoring found no paragraph: the rows come back as the page, in the
    first reading (before, only the lenient second reading, menus and all, could keep them)."""
    lines = read_page(LexborHTMLParser(hub_page(rows, label, lists)))
    kept = "\n".join(line for line, verdict in lines if verdict == "keep")
    assert not doubtful(lines) and all(HUB_TITLES[i] in kept and SNIPPETS[i] in kept for i in range(rows))
    ex = extract_main_text(hub_page(rows, label, lists))
    for i in range(rows):
        assert HUB_TITLES[i] in ex.text and SNIPPETS[i] in ex.text
    assert "Local" not in ex.text and "All rights reserved" not in ex.text
    assert ex.removed and all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)
    assert any("All rights reserved" in r.text for r in ex.removed)


def test_labelled_rows_beside_a_kept_story_stay_cut():
    """Fault injection: when the choice keeps a story (SMALL_CHOICE characters or more), teasers cut
    for their label beside it are furniture, as before."""
    story = "<div class='story'>" + "".join(f"<p>{p}</p>" for p in STORY * 2) + "</div>"
    page = hub_page(6, "PagePromo").replace("<h1>Science</h1>", "<h1>Science</h1>" + story)
    ex = extract_main_text(page)
    assert STORY[0] in ex.text and all(SNIPPETS[i] not in ex.text for i in range(6))


def test_a_mega_menu_is_not_a_list_of_rows():
    """Fault injection: columns of many links each (a mega menu) are not a hub's rows."""
    column = lambda k: "<li class='col'>" + "".join(f"<a href='/{k}/{i}'>{TITLES[i]}</a> " for i in range(8)) + "</li>"
    tree = LexborHTMLParser("<body><h1 id='t'>Menu</h1><ul id='menu'>" + "".join(column(k) for k in range(6)) + "</ul></body>")
    assert html_listings.page_list(tree.body, held=len("Menu")) is None


def events_page(rows: int, button_class: str) -> str:
    """An events page whose chosen block is the list itself: rows of date, linked title, blurb, a button."""
    items = "".join(f"<div class='event'><div class='when'>{i + 1} May</div><h3><a href='/e/{i}'>{TITLES[i]}</a></h3>"
                    f"<p>{SNIPPETS[i]}</p><a class='{button_class}' href='/e/{i}/book'>Book now</a></div>"
                    for i in range(rows))
    return ("<html><body><div class='top'><a href='/'>Harbour News</a> <nav><a href='/a'>Local</a></nav></div>"
            f"<div class='events'>{items}</div><footer><p>Harbour News. All rights reserved.</p></footer></body></html>")


@settings(max_examples=10, deadline=None)
@given(st.integers(html_listings.MIN_ROWS, len(TITLES)), st.sampled_from(["btn btn-primary", "cta", "button-book"]))
def test_the_button_of_every_row_of_a_chosen_list_is_cut_and_recorded(rows, button_class):
    """The list is the choice (no row or card step runs): its rows' "Book now" is still a control."""
    ex = extract_main_text(events_page(rows, button_class))
    assert all(TITLES[i] in ex.text and SNIPPETS[i] in ex.text for i in range(rows))
    assert "Book now" not in ex.text
    booked = [r for r in ex.removed if r.text.strip() == "Book now"]
    assert len(booked) == rows and all(r.rule == "html.ui" and ex.visible_text[r.start:r.end] == r.text for r in booked)


def test_a_plain_link_repeated_in_a_chosen_list_stays():
    """Fault injection: the same words as a plain link (not styled as a button) are not cut as a control."""
    ex = extract_main_text(events_page(6, "venue"))
    assert ex.text.count("Book now") == 6


def test_a_category_intro_paragraph_keeps_its_page_from_being_a_hub():
    """Fault injection: a choice holding a paragraph of PROSE_LINE characters (a shop category's intro)
    is the page's own text; the grid beside it is not taken as a hub's list."""
    intro = f"<div class='intro'><p>{STORY[0]} {STORY[1]}</p></div>"  # (under SMALL_CHOICE in all)
    page = hub_page(8, "PagePromo").replace("<h1>Science</h1>", "<h1>Science</h1>" + intro)
    ex = extract_main_text(page)
    assert STORY[0] in ex.text and all(SNIPPETS[i] not in ex.text for i in range(8))

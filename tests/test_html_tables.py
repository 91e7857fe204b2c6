"""Round 8's page-type mechanisms: tables of data (corpus_clean.html_tables), a definition
list's linked terms, buttons repeated through the choice (html_listings.repeated_buttons),
the second opinion refused when a rail wins it (html_rails.cover_won_by_rails) and closed
accordion and tab panels (corpus_clean.html_panels). Own small pages only."""
from __future__ import annotations

import os
import sys

from hypothesis import given, settings, strategies as st

from corpus_clean import html_rails, html_tables
from corpus_clean.html import LexborHTMLParser, extract_main_text

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))
from html_pages import ROUND8_FAMILIES, UNSEEN_LANGS, make_page, naive_text  # noqa: E402  (the benchmark's page generator)

INTRO = ("We tested eleven waterproof speakers over three weeks of beach trips, camping weekends and one rather "
         "wet festival, and these are the ones worth buying, whatever your budget is this summer.")
PROSE = ["The battery lasted two full days of music at half volume, and it charged again in under three hours.",
         "It floats, which matters more than you would think, and the strap is strong enough for a backpack.",
         "Bass is thin next to the bigger models, but voices are clear, and the pairing never dropped once.",
         "The app is optional, which we liked, and the buttons are large enough to press with wet hands."]
MODELS = ["Harbour S20", "Tide Q7", "Pier X90", "Dune S4", "Reef Q11", "Cove X3"]


def assert_offsets(ex) -> None:
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def guide_page(n_models: int, plain_cells: int, button: str = "Check price") -> str:
    """A buyer's guide: intro, a table with a linked model name, ``plain_cells`` cells of data and a button
    per row, then a section per model ending in the same button."""
    rows = "".join(
        f"<tr><td><a href='#m{i}'>{m}</a></td>" + "".join(f"<td>{(i + 1) * 10 + k} h</td>" for k in range(plain_cells))
        + f"<td><a class='btn' href='/go/{i}'>{button}</a></td></tr>" for i, m in enumerate(MODELS[:n_models]))
    sections = "".join(f"<h2 id='m{i}'>{m}</h2><p>{PROSE[i % len(PROSE)]}</p>"
                       f"<p><a class='button' href='/buy/{i}'>Buy on Amazon</a></p>" for i, m in enumerate(MODELS[:n_models]))
    return (f"<html><body><div class='top'><a href='/'>Gear</a> <a href='/audio'>Audio</a></div><div class='guide'>"
            f"<p>{INTRO}</p><table class='comparison'>{rows}</table>{sections}</div>"
            "<div class='bottom'><p>Gear Notes, all rights reserved.</p></div></body></html>")


@settings(max_examples=15, deadline=None)
@given(st.integers(3, len(MODELS)), st.integers(2, 4))
def test_a_table_of_data_with_linked_names_is_kept(n_models, plain_cells):
    """A comparison table (linked names, a button per row) is data: its rows stay in the text."""
    ex = extract_main_text(guide_page(n_models, plain_cells))
    for i, model in enumerate(MODELS[:n_models]):
        assert f"{model} {(i + 1) * 10} h" in ex.text
    assert_offsets(ex)


@settings(max_examples=10, deadline=None)
@given(st.integers(3, 8))
def test_a_menu_laid_out_as_a_table_is_still_cut(n):
    """Fault injection: a table whose cells are all links (or a navbox: a label beside links) is no data."""
    menu = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td><td><a href='/t{i}'>Topic {i}</a></td></tr>"
                   for i in range(n))
    navbox = "".join(f"<tr><th>Group {i}</th><td>" + " • ".join(f"<a href='/p{i}{k}'>Place {k}</a>" for k in range(5))
                     + "</td></tr>" for i in range(n))
    for table in (menu, navbox):
        tree = LexborHTMLParser(f"<table>{table}</table>")
        assert not html_tables.is_data_table(tree.css_first("table"))
        if n >= 4:  # (four rows or more of a page that is no article may be a listing's: html_listings)
            continue
        ex = extract_main_text(f"<html><body><div class='post'><p>{INTRO}</p><p>{PROSE[0]}</p>"
                               f"<table>{table}</table><p>{PROSE[1]}</p></div></body></html>")
        assert "Section 1" not in ex.text and "Group 1" not in ex.text
        assert any("Section 1" in r.text or "Group 1" in r.text for r in ex.removed)


def test_the_button_repeated_after_each_product_is_cut_and_recorded():
    ex = extract_main_text(guide_page(4, 3))
    assert "Buy on Amazon" not in ex.text.splitlines()
    cuts = [r for r in ex.removed if r.text.strip() == "Buy on Amazon"]
    assert len(cuts) == 4 and {r.rule for r in cuts} == {"html.ui"}
    assert PROSE[0] in ex.text and PROSE[3] in ex.text
    assert_offsets(ex)


def test_a_button_that_occurs_twice_stays():
    """Fault injection: under MIN_CONTROLS times the words may be the page's own ("Download the report")."""
    ex = extract_main_text(guide_page(2, 3))
    assert ex.text.splitlines().count("Buy on Amazon") == 2


@settings(max_examples=12, deadline=None)
@given(st.integers(3, 8), st.booleans())
def test_a_glossary_keeps_its_linked_terms(n_terms, linked):
    """A <dt> that is a link is a term (the definition follows), not a menu line."""
    terms = [f"Term {chr(65 + i)}{'x' * i}" for i in range(n_terms)]
    entries = "".join((f"<dt><a href='/g/{i}'>{t}</a></dt>" if linked else f"<dt>{t}</dt>") + f"<dd>{PROSE[i % 4]}</dd>"
                      for i, t in enumerate(terms))
    ex = extract_main_text(f"<html><body><div class='top'><a href='/'>Home</a></div><main><p>{INTRO}</p>"
                           f"<dl>{entries}</dl></main></body></html>")
    lines = ex.text.splitlines()
    assert all(t in lines for t in terms)
    assert_offsets(ex)


def test_a_dl_of_links_is_still_cut():
    """Fault injection: a footer's site map as a <dl> of links is judged as a whole."""
    links = "".join(f"<dt><a href='/{i}'>Part {i}</a></dt><dd><a href='/{i}/a'>All of part {i}</a></dd>" for i in range(5))
    ex = extract_main_text(f"<html><body><div class='post'><p>{INTRO}</p><p>{PROSE[0]}</p><dl>{links}</dl>"
                           f"<p>{PROSE[1]}</p></div></body></html>")
    assert "Part 1" not in ex.text and any("Part 1" in r.text for r in ex.removed)


EPISODES = [("How a small harbour rebuilt its pier", "The engineers, the budget, and the storm that nearly ended it, told by those who were there."),
            ("Night trains across the valley, again", "Why the sleeper came back, who rides it now, and what the tickets cost, with the timetable."),
            ("A library that lends tools and seeds", "Drills, ladders and tomato seeds, borrowed with a card, and the volunteers behind the counter."),
            ("The market that moved indoors for winter", "Forty stalls, one old tram depot, and the farmers who said it would never work, now regulars."),
            ("What the survey of the coast found", "Erosion, new dunes and three species of bird back after decades, in the researchers' own words.")]


def episode_page(n_cards: int, blurb_words: int = 1) -> str:
    """An episode's show notes (a paragraph, a list of chapters) beside a grid of teasers with blurbs."""
    chapters = "".join(f"<li>{m:02d}:00 {t}</li>" for m, (t, _) in enumerate(EPISODES))
    cards = "".join(f"<div class='ep-card'><a href='/ep/{i}'>{t}</a><span>{30 + i} min</span><p>{' '.join([b] * blurb_words)}</p>"
                    "</div>" for i, (t, b) in enumerate(EPISODES[:n_cards]))
    return (f"<html><body><div class='episode'><div class='notes'><p>{PROSE[0]}</p><h3>Chapters</h3><ul>{chapters}</ul>"
            f"</div></div><section class='grid'><h2>More episodes</h2>{cards}</section></body></html>")


@settings(max_examples=8, deadline=None)
@given(st.integers(3, len(EPISODES)))
def test_a_grid_of_more_episodes_does_not_win_the_second_opinion(n_cards):
    """The second opinion's cover (the page) gains its prose from the grid of teasers beside the show notes:
    it is refused."""
    tree = LexborHTMLParser(episode_page(n_cards))
    assert html_rails.cover_won_by_rails(tree.body, [tree.css_first(".notes")], [tree.body], article=False)


def test_the_second_opinion_stands_when_the_rows_beside_are_no_teasers():
    """Fault injection: rows of long posts (no teasers) beside the choice leave the second opinion as it was."""
    tree = LexborHTMLParser(episode_page(5, blurb_words=4))
    assert not html_rails.cover_won_by_rails(tree.body, [tree.css_first(".notes")], [tree.body], article=False)


ANSWERS = ["Yes, we ship to forty countries, usually within a week, with tracking and insurance included.",
           "Returns are free within thirty days; print the label from your account and drop the parcel off.",
           "Every order is checked by hand before it leaves the warehouse, so damage in transit is rare.",
           "You can change the address until the order is packed; after that, contact the courier directly."]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["hidden", "style"]), st.sampled_from(["controls", "labelledby", "region"]))
def test_closed_accordion_answers_are_kept(hiding, link):
    """A FAQ's answers hidden until their question is clicked are content, whichever way the panel is
    hidden and linked to its control."""
    hide = {"hidden": "hidden", "style": "style='display: none'"}[hiding]
    items = ""
    for i, answer in enumerate(ANSWERS):
        mark = {"controls": "", "labelledby": f"aria-labelledby='q{i}'", "region": "role='region'"}[link]
        items += (f"<h3><button id='q{i}' aria-expanded='false' aria-controls='a{i}'>Question number {i}?</button></h3>"
                  f"<div id='a{i}' class='answer' {mark} {hide}><p>{answer}</p></div>")
    ex = extract_main_text(f"<html><body><div class='top'><a href='/'>Shop</a></div><main><h1>Help</h1><p>{INTRO}</p>"
                           f"{items}</main></body></html>")
    assert all(answer in ex.text for answer in ANSWERS)


def test_hidden_menus_and_dialogs_stay_out():
    """Fault injection: a closed drop-down menu (links) and a hidden modal dialog are linked to controls
    the same way, and are not content."""
    menu = "<button aria-controls='m'>Menu</button><ul id='m' hidden>" + "".join(
        f"<li><a href='/{i}'>Department number {i}</a></li>" for i in range(6)) + "</ul>"
    dialog = ("<button aria-controls='d'>Subscribe</button><div id='d' role='dialog' aria-labelledby='dt' hidden>"
              "<h2 id='dt'>Get our letter</h2><p>Sign up for the weekly letter, with offers, news and more, free.</p></div>")
    ex = extract_main_text(f"<html><body>{menu}{dialog}<main><p>{INTRO}</p><p>{PROSE[0]}</p></main></body></html>")
    assert "Department number" not in ex.text and "weekly letter" not in ex.text
    assert INTRO in ex.text


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(sorted(ROUND8_FAMILIES)), st.sampled_from(UNSEEN_LANGS), st.floats(0, 1))
def test_round8_families_gold_is_text_of_the_page(family, lang, seed):
    """The unseen round-8 families' gold is labelled by construction: every gold line is text the page shows."""
    page, gold = make_page(family, lang, seed)
    shown = " ".join(naive_text(page).split())
    assert gold and all(" ".join(line.split()) in shown for line in gold.splitlines())

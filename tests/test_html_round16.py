"""Round 16 (htmlq21): the extractor's round-16 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations

import pytest


# --------------------------------------------------------------------------- #
# The story's opening part above the winner, with its sentences' links (corpus_clean.html._opening_part)
# --------------------------------------------------------------------------- #

from hypothesis import given, settings, strategies as st  # noqa: E402

from corpus_clean.html import extract_main_text  # noqa: E402

# The lead's linked phrases: three to five of them make 0.12-0.25 of its text links, over SAME_CLASS_LD and
# under SIB_LD (the story's sentences link the products they name).
PHRASES = ["Kestrel X2 console", "Nimbus S7 from Valdera", "older Harbour titles", "X2 Lite edition", "cooling block"]
LEAD = ("The {0} is the fastest machine the harbour studio has tested this year, and it runs the {2} better than "
        "the {1}, though it costs a third more. It is quiet, small and cool under load thanks to the {4}, and its "
        "controller lasts a week on one charge. The only problem is its price, which puts it out of reach of most "
        "families. Everyone else might wait for the {3}.")


def lead_markup(links: int) -> str:
    """The lead paragraph with its first ``links`` phrases linked."""
    return LEAD.format(*(f"<a href='/r/{i}'>{p}</a>" if i < links else p for i, p in enumerate(PHRASES)))


BODY = ("The console's case is matte black and a little slimmer than last year's model, and it weighs about "
        "four kilograms, which is more than its size suggests, because of the new cooling block inside. ")


def _review_page(lead_part: str, after: str = "") -> str:
    """A review whose lead sits in its own part of the component above a score box; the other parts in a wrapper.

    The parts are cousins of the lead, not siblings (the template wraps the story's continuation).
    """
    parts = "".join(f"<div class='story-part'><div class='grid'><div class='cell'><div class='story-text'><h3>Part {i}</h3>"
                    + "".join(f"<p>{BODY * (2 + (i == 2))}</p>" for _ in range(2 + i)) + "</div></div></div></div>"
                    for i in range(4))
    lead = f"<div class='story-part top'><div class='grid'><div class='cell'>{lead_part}</div></div></div>" if lead_part else ""
    return ("<html><body><div class='top-nav'><a href='/'>Home</a> <a href='/r'>Reviews</a></div><main>"
            f"{lead}<div class='story-part box'><h4>Score</h4><p>87</p><ul><li>Pros</li><li>Fast</li><li>Cons</li>"
            f"<li>Price</li></ul></div><div class='continued'>{parts}{after}</div></main>"
            "<footer><p>© Harbour Games Media</p></footer></body></html>")


def test_a_linked_lead_part_above_the_winner_is_kept():
    """A story's opening paragraph in its own part of the component, above a score box, carrying links
    to the products it names (~0.2 of its text), joins the article (fails on main: cut as not main)."""
    text = extract_main_text(_review_page(f"<div class='story-text first'><p>{lead_markup(4)}</p></div>")).text
    assert "fastest machine the harbour studio has tested" in text
    assert "matte black" in text and "© Harbour" not in text


def test_a_linked_part_below_the_story_and_a_card_grid_above_keep_their_cut():
    """Below the story, a part with that much link text is a promo; above it, a grid of short cards is not prose."""
    promo = ("<div class='story-part end'><div class='grid'><div class='cell'><div class='story-text promo'><p>Join our "
             "<a href='/forum'>Harbour Games forums</a> to keep talking about consoles, controllers and the latest "
             "releases with other readers, and if you have a news tip, a correction or a comment, "
             "<a href='/contact'>let us know at our community desk</a>, where editors read every message twice.</p>"
             "</div></div></div></div>")
    text = extract_main_text(_review_page("", after=promo)).text
    assert "matte black" in text and "Join our" not in text
    cards = "<div class='story-text cards'>" + "".join(
        f"<div class='card'><p><a href='/p{i}'>Carry-on spinner {i}</a></p><p>Now $129.99, a discount of 41 %, "
        f"was $219.99, in five colours.</p></div>" for i in range(3)) + "</div>"
    text = extract_main_text(_review_page(cards)).text
    assert "matte black" in text and "Carry-on spinner" not in text


@settings(max_examples=25, deadline=None)
@given(links=st.integers(min_value=3, max_value=5), above=st.booleans())
def test_an_opening_part_joins_exactly_when_above_the_story(links, above):
    """Over generated pages: the linked lead part is kept exactly when it stands above the winner."""
    part = f"<div class='story-text first'><p>{lead_markup(links)}</p></div>"
    page = _review_page(part if above else "", after="" if above else f"<div class='story-part end'><div class='grid'><div class='cell'>{part}</div></div></div>")
    text = extract_main_text(page).text
    assert "matte black" in text
    assert ("fastest machine the harbour studio" in text) == above


# --------------------------------------------------------------------------- #
# A label that says the element has no widget ("no_caption") names no widget
# --------------------------------------------------------------------------- #

from corpus_clean.html import label_verdict  # noqa: E402

ITEM_TEXT = ("The harbour board has approved a second ferry ramp after three years of complaints from residents, "
             "who waited up to an hour in summer queues, and the works start in the spring.")


@pytest.mark.parametrize("word", ["caption", "sidebar", "comments", "share", "related"])
@pytest.mark.parametrize("negation", ["no_", "no-", "without-", "has-no-"])
def test_a_negated_widget_word_is_not_furniture(word, negation):
    """"no_caption", "without-sidebar", "has-no-comments" say the element lacks the widget (fails on main:
    a list item labelled "item-image no_caption" was cut as html.caption)."""
    assert label_verdict(f"list-item {negation}{word}") is None
    assert label_verdict(f"list-item {word}") is not None  # the word alone still names furniture


def test_a_listicle_item_labelled_no_caption_keeps_its_heading():
    """A list item's heading, in an item labelled as an image item without a caption, is the story's text."""
    items = "".join(f"<div class='list-item list-item-image no_caption'><h2>{ITEM_TEXT} ({i})</h2><img src='/i{i}.jpg'></div>"
                    f"<div class='list-item list-item-text'><p>{BODY * 2}</p></div>" for i in range(3))
    page = (f"<html><body><nav><a href='/'>Home</a></nav><div class='list-body'>{items}</div>"
            "<footer><p>© Harbour Media</p></footer></body></html>")
    text = extract_main_text(page).text
    assert all(f"{ITEM_TEXT} ({i})" in text for i in range(3))


# --------------------------------------------------------------------------- #
# A credit line marked with schema.org's author / date properties is a byline (corpus_clean.html._microdata_bylines)
# --------------------------------------------------------------------------- #

STORY_PARAS = "".join(f"<p>{BODY * 2}</p>" for _ in range(4))


def _story_with_credit(credit: str) -> str:
    return ("<html><body><nav><a href='/'>Accueil</a></nav><article><h1>Le port s'agrandit</h1>"
            f"<div class='corps'>{credit}{STORY_PARAS}</div></article><footer><p>© Journal du Port</p></footer></body></html>")


def test_a_microdata_credit_line_is_cut_as_a_byline():
    """A credit line in a block whose class names nothing we know ("bloc_signature"), made of schema.org's
    publisher / datePublished / author parts and separators, is cut as html.byline (fails on main: kept)."""
    credit = ("<p class='bloc_signature'><span itemprop='publisher'>Journal du Port</span> | <time itemprop='datePublished' "
              "datetime='2015-05-04'>04.05.2015 à 13h36</time> • Mis à jour le <time itemprop='dateModified'>05.05.2015</time>"
              " | Par <span itemprop='author'><a href='/j/mu'>Marie Untel</a> (avec Paul Autre)</span></p>")
    ex = extract_main_text(_story_with_credit(credit))
    assert "Marie Untel" not in ex.text and "matte black" in ex.text
    assert any(r.rule == "html.byline" and "Marie Untel" in r.text for r in ex.removed)


@settings(max_examples=30, deadline=None)
@given(words=st.integers(min_value=0, max_value=30))
def test_prose_that_names_its_author_is_not_a_byline(words):
    """A block with a marked author and more than a few words of its own is prose, never cut as a byline."""
    extra = " ".join(["harbour"] * words)
    credit = f"<p class='note'>Reported by <span itemprop='author'>Marie Untel</span> {extra}</p>"
    ex = extract_main_text(_story_with_credit(credit))
    cut = any(r.rule == "html.byline" for r in ex.removed)
    assert cut == (len(f"Reported by Marie Untel {extra}".strip()) - len("Marie Untel") <= 40)


def test_a_credit_lines_date_reaches_the_published_column():
    """The credit line is cut whole, so its date must come from the markup: an ``itemprop=datePublished``
    element with only text ("Fri 6:45 PM, Feb 16, 2018") fills ``published`` (fails on main: None)."""
    from corpus_clean.html import extract_main_text as extract

    credit = ("<div class='story-date'><span>Posted: <span itemprop='datePublished'>Fri 6:45 PM, Feb 16, 2018</span></span>"
              " | <span itemprop='dateModified'>Updated: Sat 8:31 PM, Feb 17, 2018</span></div>")
    ex = extract(_story_with_credit(credit))
    assert ex.published == "Fri 6:45 PM, Feb 16, 2018"
    assert "Posted" not in ex.text and any(r.rule == "html.byline" for r in ex.removed)

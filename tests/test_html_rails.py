"""Rails of teasers merged beside the main block (corpus_clean.html_rails)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_rails
from corpus_clean.html import LexborHTMLParser, extract_main_text

INTRO = [
    "This soup is what we make when the first leeks come up, slow cooked with butter, a little thyme and the "
    "stock from Sunday's roast, and it keeps for three days in the fridge.",
    "My grandmother made it with barley, which thickens it nicely, but rice works as well, and so does a "
    "handful of small pasta if that is what the cupboard holds this week.",
    "Wash the leeks well, as grit hides between the layers, and slice them thinly, using the pale green parts "
    "too, since they hold most of the flavour and soften just as quickly as the white.",
]
STEPS = ["Melt the butter in a heavy pan, add the leeks and cook them gently, stirring now and then, for ten minutes.",
         "Pour in the stock, add the barley and the thyme, and simmer for forty minutes, until the barley is soft.",
         "Season with salt and pepper, stir in the cream, and serve with bread, warm, with more thyme on top."]
INGREDIENTS = ["2 leeks, sliced", "30 g butter", "1 litre stock", "60 g pearl barley", "2 sprigs thyme"]
# A teaser is a linked title and a blurb of a sentence with commas: to the scoring, a short paragraph.
TEASERS = [("Roast squash with sage and brown butter",
             "A quick autumn side, ready in half an hour, with crisp sage leaves, a little garlic and the nutty butter."),
            ("Lemon drizzle cake, the easy way",
             "One bowl, one tin, and a crunchy sugar top that everybody loves, baked on a Sunday and gone by Tuesday."),
            ("A weeknight fish pie with peas",
             "Smoked haddock, leeks, and a buttery mash, made ahead in the morning and baked when everyone is home."),
            ("Spiced lentil soup for cold days",
             "Red lentils, cumin, and a squeeze of lemon, in twenty minutes, with flatbreads warmed in the same pan."),
            ("Apple and blackberry crumble",
             "The oat topping stays crisp, the fruit is just sharp enough, and the custard is made with real vanilla."),
            ("Our best ever cheese scones",
             "Mature cheddar, a pinch of mustard, and a very hot oven, so they rise tall and split open, warm, by hand.")]


def recipe_page(teasers: int, rail_class: str = "col-4 right") -> str:
    """A recipe post (no article declared) with a rail of teasers as its sibling, as recipe blogs write them."""
    card = ("<div id='recipe' class='recipe-card'><h3>Ingredients</h3><ul>" + "".join(f"<li>{i}</li>" for i in INGREDIENTS)
            + "</ul><h3>Instructions</h3><ol>" + "".join(f"<li>{s}</li>" for s in STEPS) + "</ol></div>")
    rail = "".join(f"<div class='teaser'><h3><a href='/r/{i}'>{t}</a></h3><p>{b}</p></div>"
                   for i, (t, b) in enumerate(TEASERS[:teasers]))
    return ("<html><body><div class='top'><a href='/'>Kitchen Notes</a> <a href='/soups'>Soups</a> <a href='/cakes'>Cakes</a></div>"
            "<div class='wrap'><div class='post'><h1>Leek and barley soup</h1>" + "".join(f"<p>{p}</p>" for p in INTRO)
            + card + f"</div></div><div class='{rail_class}'>{rail}</div>"
            "<div class='bottom'><p>Kitchen Notes, all rights reserved.</p></div></body></html>")


@settings(max_examples=12, deadline=None)
@given(st.integers(html_rails.MIN_TEASERS, len(TEASERS)), st.sampled_from(["col-4 right", "rail", "stream", "x9"]))
def test_a_rail_of_teasers_beside_a_recipe_is_cut_and_recorded(teasers, rail_class):
    """Whatever the rail is called (or when its class says nothing), the recipe is the page and the rail is cut."""
    ex = extract_main_text(recipe_page(teasers, rail_class))
    assert INTRO[0] in ex.text and STEPS[2] in ex.text and INGREDIENTS[0] in ex.text
    assert all(title not in ex.text and blurb not in ex.text for title, blurb in TEASERS[:teasers])
    assert ex.removed and all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)
    assert any(TEASERS[0][1] in r.text for r in ex.removed)


def test_a_listing_whose_list_outweighs_its_intro_keeps_the_list():
    """Fault injection: the same teasers beside a one-paragraph intro are the page (a listing), not a rail."""
    rows = "".join(f"<div class='teaser'><h3><a href='/r/{i}'>{t}</a></h3><p>{b}</p></div>" for i, (t, b) in enumerate(TEASERS))
    page = (f"<html><body><div class='intro'><p>{INTRO[0]}</p></div><div class='list'>{rows}</div>"
            "<div class='bottom'><p>Kitchen Notes, all rights reserved.</p></div></body></html>")
    tree = LexborHTMLParser(page)
    chosen = [tree.css_first(".intro"), tree.css_first(".list")]
    assert html_rails.without_rails(chosen) == chosen


def test_forum_posts_opening_with_a_user_name_are_not_teasers():
    """Fault injection: posts that open with a one-word user link are a thread, not a rail."""
    posts = "".join(f"<div class='post'><a href='/u/{i}'>user{i}</a><p>{b}</p></div>" for i, (_, b) in enumerate(TEASERS))
    tree = LexborHTMLParser(f"<div id='thread'>{posts}</div>")
    assert html_rails.teasers_of(tree.css_first("#thread")) is None


def test_long_rows_are_not_teasers():
    """Fault injection: rows over TEASER_MAX_CHARS (a post printed in full) are not a rail's teasers."""
    rows = "".join(f"<div class='row'><h3><a href='/p/{i}'>{t}</a></h3><p>{' '.join(INTRO)}</p></div>"
                   for i, (t, _) in enumerate(TEASERS))
    tree = LexborHTMLParser(f"<div id='posts'>{rows}</div>")
    assert html_rails.teasers_of(tree.css_first("#posts")) is None


def test_a_teaser_block_written_like_the_other_chosen_blocks_stays():
    """Fault injection: a page builder's sections share one markup; the one holding cards is a section too."""
    teasers = "".join(f"<div class='teaser'><h3><a href='/r/{i}'>{t}</a></h3><p>{b}</p></div>" for i, (t, b) in enumerate(TEASERS[:3]))
    prose = "".join(f"<p>{p}</p>" for p in INTRO)
    tree = LexborHTMLParser(f"<body><div class='block a'>{prose}</div><div class='block b'>{teasers}</div>"
                            f"<div class='block c'>{prose}</div></body>")
    chosen = tree.css("div.block")
    assert html_rails.teasers_of(chosen[1]) is not None and html_rails.without_rails(chosen) == chosen

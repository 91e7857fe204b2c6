"""Round 10 of the HTML path: strip_junk judges each element once; users' posts in a page's panels.

(corpus_clean.html.strip_junk and _labelled_elements, corpus_clean.html_prose.restore_mislabelled,
corpus_clean.html_panels; own pages.)
"""
from __future__ import annotations

from hypothesis import assume, example, given, settings, strategies as st

from corpus_clean import html_prose
from corpus_clean.html import LexborHTMLParser, _labelled_elements, extract_main_text, strip_junk

STORY = ("The ferry between the two islands will run every hour from May, the operator said on Monday, after "
         "a new boat joined the fleet and the harbour at the northern end was dredged to take it. ")
WIDGET = ("A page builder's text box, which the site labels as a widget although it holds the page's prose: "
          "the opening hours of the ferry office, the fares for cars and for foot passengers, and where to park. ")

# Attributes Lexbor's selector list matches more than once (a class and an id, a class and aria-hidden ...).
EXTRA_ATTRS = ["", " id='w1'", " role='region'", " style='color: red'", " id='w1' role='region'", " data-x='1'"]


def widget_page(label: str, extra: str) -> str:
    return (f"<html><body><nav><a href='/'>Home</a></nav><main><p>{STORY * 3}</p>"
            f"<div class='{label}'{extra}><p>{WIDGET * 2}</p></div><p>{STORY}</p></main>"
            "<footer>© The ferry company</footer></body></html>")


def test_each_labelled_element_is_judged_once():
    """An element matching several of the selector's parts comes once, in page order."""
    t = LexborHTMLParser("<body><div class='a' id='b' role='note' aria-hidden='true' style='display:none'>x</div>"
                         "<p id='c' class='d'>y</p><span hidden class='e'>z</span></body>")
    nodes = _labelled_elements(t.body)
    assert [n.tag for n in nodes] == ["div", "p", "span"]
    assert len({n.mem_id for n in nodes}) == len(nodes)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["elementor-widget-container", "video-embed", "widget text"]), st.sampled_from(EXTRA_ATTRS))
def test_long_prose_under_a_short_label_comes_back_whatever_its_other_attributes(label, extra):
    """The rescue puts a long-prose "widget"/"embed" back at its place; with an id or a role as well, it was
    cut twice and lost (its second placeholder lay outside the page)."""
    ex = extract_main_text(widget_page(label, extra))
    assert WIDGET.strip() in ex.text
    assert ex.text.index(WIDGET.strip()) < ex.text.rindex(STORY.strip())  # at its place, before the last paragraph
    assert ex.visible_text.count(WIDGET.strip()) == 2  # shown once (its two sentences), not lost nor doubled


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["share-bar", "video-embed", "caption", "menu", "hidden", "ad-slot"]),
                          st.sampled_from(EXTRA_ATTRS), st.integers(0, 3)), min_size=1, max_size=6))
@example([("video-embed", " id='w1'", 2), ("menu", "", 1)])
def test_no_cut_element_is_lost_from_the_visible_text(boxes):
    """Fault injection over labels and attribute combinations: every visible element's text is in the
    visible text exactly once, whether it was kept, cut, or cut and put back."""
    words = ["Ferry times and fares for the summer season. ", "Home News Sport", WIDGET, "Photo: the new boat"]
    parts = [f"<div class='{label}'{extra.replace('w1', f'w{i}')}><p>{words[k]}</p></div>"
             for i, (label, extra, k) in enumerate(boxes)]
    page = f"<html><body><main><p>{STORY * 2}</p>{''.join(parts)}</main></body></html>"
    ex = extract_main_text(page)
    for label, _, k in boxes:
        if label != "hidden":  # class "hidden": not shown at all unless it is long prose
            assert words[k].strip() in ex.visible_text
    flat = " ".join(ex.visible_text.split())
    assert flat.count(STORY.strip().split(". ")[0]) == 2


def test_restored_element_leaves_the_cuts():
    t = LexborHTMLParser(widget_page("elementor-widget-container", " id='w1' role='region'"))
    cuts = strip_junk(t)
    assert len([1 for node, _, _ in cuts.values() if node.attributes.get("id") == "w1"]) == 1
    assert html_prose.restore_mislabelled(cuts) == 1
    assert not [1 for node, _, _ in cuts.values() if node.attributes.get("id") == "w1"]


# --------------------------------------------------------------------------- #
# Users' posts in a page's panels (corpus_clean.html_posts)
# --------------------------------------------------------------------------- #

DESCRIPTION = ("A two-person tent for three seasons, with a porch for boots and packs, poles that clip on in a minute, "
               "and a fly sheet that pitches first, so the inner stays dry when it rains while you set it up.")
CHANGES = ["Released 4 June 2024: the porch is larger", "Released 2 March 2024: lighter poles, new pegs"]
REVIEW = "Kept us dry through two nights of rain on the coast, though the zip on the door sticks when it is cold"
DATES = ["12 March 2024", "March 12, 2024", "3 weeks ago", "04/05/2023", "<time datetime='2024-01-02'>2 Jan</time>"]
SIGNS = ["<span class='stars'>★★★★☆</span>", "Rated 4 out of 5", "<cite>Marta K.</cite>", "Reviewed by Jens",
         "<span itemprop='ratingValue'>4</span>/5", "<span class='review-author'>kai_88</span>"]
HIDING = [" hidden", " style='display:none'", " aria-hidden='true' hidden", ""]


def review_items(date: str, sign: str, n: int, tag: str) -> str:
    return "".join(f"<{tag} class='entry'>{sign} <span>{date}</span><p>{REVIEW} ({i}).</p>"
                   f"<button>Helpful</button></{tag}>" for i in range(n))


def tabs_page(panels: list[tuple[str, str]], idiom: int, hiding: str) -> str:
    """A shop page with tabs in one of three idioms; the first panel open, the others closed by ``hiding``."""
    if idiom == 0:
        tabs = "".join(f"<button role='tab' aria-controls='p{i}'>{label}</button>" for i, (label, _) in enumerate(panels))
        body = "".join(f"<div role='tabpanel' id='p{i}'{hiding if i else ''}>{html}</div>" for i, (_, html) in enumerate(panels))
    elif idiom == 1:
        tabs = "".join(f"<a href='#tab{i}'>{label}</a>" for i, (label, _) in enumerate(panels))
        body = "".join(f"<div class='panel' id='tab{i}'{hiding if i else ''}>{html}</div>" for i, (_, html) in enumerate(panels))
    else:
        tabs = ""
        body = "".join(f"<details{' open' if not i else ''}><summary>{label}</summary>{html}</details>"
                       for i, (label, html) in enumerate(panels))
    return (f"<html><body><nav><a href='/'>Shop</a> <a href='/tents'>Tents</a></nav><main><h1>Ridge 2 tent</h1>"
            f"<p>€249</p><div class='tabs'>{tabs}{body}</div></main><footer>© Outdoor shop</footer></body></html>")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(DATES), st.sampled_from(SIGNS), st.integers(2, 5), st.sampled_from(["div", "article", "li"]),
       st.integers(0, 2), st.sampled_from(HIDING), st.booleans())
def test_a_panel_of_users_posts_is_cut_as_comments(date, sign, n, tag, idiom, hiding, reviews_first):
    """A Reviews or Questions panel (dated posts, each rated or signed) is cut as comments, whatever the tab
    idiom, the hiding idiom and the posts' markup; the description and the changelog panels stay.
    (A shown panel tied by an in-page link only is any <div> to the extractor: not generated.)"""
    assume(hiding or idiom != 1)
    posts = review_items(date, sign, n, tag)
    posts = f"<ul>{posts}</ul>" if tag == "li" else posts
    panels = [("Description", f"<p>{DESCRIPTION}</p>"),
              ("Changelog", "<ul>" + "".join(f"<li>{c}</li>" for c in CHANGES) + "</ul>"),
              ("Reviews", f"<div class='list'>{posts}</div>")]
    if reviews_first and hiding == "":  # shown reviews before the closed panels
        panels = [panels[2], panels[0], panels[1]]
    ex = extract_main_text(tabs_page(panels, idiom, hiding))
    assert REVIEW not in ex.text
    assert DESCRIPTION in ex.text or reviews_first  # (a closed description under aria-hidden alone stays cut)
    if not hiding or "aria" not in hiding:
        assert CHANGES[0] in ex.text
    assert any(REVIEW in r.text and r.rule == "html.comments" for r in ex.removed)


def test_undated_testimonials_and_a_rated_book_list_are_not_posts():
    """What a panel of users' posts is not: testimonials (signed, rated, undated: WCXB keeps them on service
    pages), a list of books with their authors and ratings, a changelog with dates and no signature."""
    testimonials = "".join(f"<div class='slide'><span class='stars'>★★★★★</span><p>{REVIEW} ({i}).</p>"
                           f"<cite>Marta K., Leeds</cite></div>" for i in range(3))
    books = "".join(f"<tr><td>{i}. The Long Walk <span itemprop='author'>by A. Writer</span></td>"
                    f"<td><span class='rating'>4.{i} avg rating</span></td></tr>" for i in range(5))
    changelog = "".join(f"<li><h4>v2.{i}</h4><p>{c}</p></li>" for i, c in enumerate(CHANGES * 2))
    for label, html in (("What clients say", testimonials), ("Top books", f"<table>{books}</table>"),
                        ("Changelog", f"<ul>{changelog}</ul>")):
        page = tabs_page([("About", f"<p>{DESCRIPTION}</p>"), (label, html)], 0, " hidden")
        ex = extract_main_text(page)
        assert not any(r.rule == "html.comments" for r in ex.removed), label

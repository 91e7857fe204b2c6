"""The lead paragraph in an article's own <header> (corpus_clean.html_standfirst)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_standfirst
from corpus_clean.html import LexborHTMLParser, extract_main_text, strip_junk

LEAD = ("Harbour dues will rise by a third next spring, the port authority said on Tuesday, "
        "the first increase in eleven years")
BODY = [
    "The authority's board voted for the change after a year in which repairs to the north pier cost twice "
    "what was planned, and the ferry company warned that fares would follow, though not before the summer.",
    "Fishermen, who pay the lowest rate, asked for a smaller rise, and the board agreed to phase it in over "
    "two years for boats under twelve metres, which make up most of the local fleet and land most of the catch.",
    "The new rates will be published in January, together with the plans for the south quay, where a second "
    "slipway is to be built once the money from the regional fund is confirmed by the ministry in the spring.",
]
SITE_HEADER = "<header class='site'><a href='/'>The Harbour Times</a> <a href='/news'>News</a></header>"


def page(header_inside: str, lead_tag: str = "p", lead_class: str = "", wrapper: str = "article") -> str:
    """A news page: a site banner, then the story with its own header (kicker, headline, lead, byline)."""
    cls = f" class='{lead_class}'" if lead_class else ""
    head = (f"<header><div class='kicker'><a href='/news'>Local news</a></div><h1>Harbour dues to rise</h1>"
            f"<{lead_tag}{cls}>{LEAD}</{lead_tag}>{header_inside}</header>")
    story = f"<{wrapper}>{head}<div class='story-body'>" + "".join(f"<p>{p}</p>" for p in BODY) + f"</div></{wrapper}>"
    return f"<html><body>{SITE_HEADER}<main>{story}</main><footer>Contact us</footer></body></html>"


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["p", "div", "span"]),
       st.sampled_from(["", "<p class='byline'>By Ann Lee, 3 May 2022</p>", "<time>3 May 2022</time>"]),
       st.sampled_from(["", "standfirst", "intro lead"]))
def test_the_lead_in_an_article_header_is_kept_and_the_rest_of_the_header_cut(lead_tag, extra, lead_class):
    ex = extract_main_text(page(extra, lead_tag, lead_class))
    assert LEAD in ex.text and BODY[0] in ex.text and BODY[2] in ex.text
    assert ex.text.index(LEAD) < ex.text.index(BODY[0])
    for furniture in ("Harbour dues to rise", "Local news", "The Harbour Times", "Ann Lee", "3 May 2022"):
        assert furniture not in ex.text
    # every cut is recorded at its offsets in the visible text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)
    assert any("Local news" in r.text and r.rule == "html.header" for r in ex.removed)
    assert any("Harbour dues to rise" in r.text and r.rule == "html.headline" for r in ex.removed)


def test_a_site_banner_outside_any_article_stays_cut_even_with_prose():
    """Fault injection: a banner with a long tagline is not an article's header."""
    tagline = "The Harbour Times has reported on the port, the fleet and the town council since 1887, every week."
    html = page("").replace(SITE_HEADER, f"<header class='site'><p>{tagline}</p></header>")
    ex = extract_main_text(html)
    assert tagline not in ex.text and LEAD in ex.text
    assert any(tagline in r.text and r.rule == "html.header" for r in ex.removed)


def test_without_an_article_element_nothing_changes():
    """The same page with <div> instead of <article>: the header is cut whole, as before."""
    ex = extract_main_text(page("", wrapper="div"))
    assert LEAD not in ex.text and BODY[0] in ex.text
    assert any(LEAD in r.text and r.rule == "html.header" for r in ex.removed)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["photo-caption", "wp-caption-text", "share-bar", "related"]))
def test_a_labelled_block_in_the_header_is_no_lead(label):
    """A caption or a related link in the header reads as prose but its label says what it is."""
    html = page("").replace(f"<p>{LEAD}</p>", f"<div class='{label}'>{LEAD}</div>")
    ex = extract_main_text(html)
    assert LEAD not in ex.text and BODY[0] in ex.text


def test_a_linked_line_or_a_short_line_is_no_lead():
    short = LexborHTMLParser("<p>By Ann Lee, Harbour reporter, 3 May</p>").css_first("p")
    linked = LexborHTMLParser(f"<p><a href='/more'>{LEAD}</a></p>").css_first("p")
    wrapper = LexborHTMLParser(f"<div><p>{LEAD}</p><p>{LEAD}</p></div>").css_first("div")
    assert not html_standfirst.is_standfirst(short)
    assert not html_standfirst.is_standfirst(linked)
    assert not html_standfirst.is_standfirst(wrapper)


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab <>/=\"'pheadrticl"), max_size=300))
def test_any_markup_inside_an_article_header_never_raises_and_offsets_hold(noise):
    html = f"<body><article><header>{noise}<p>{LEAD}</p></header><p>{BODY[0]}</p></article></body>"
    ex = extract_main_text(html)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_restored_cuts_stay_consistent():
    """After the restore, every cut left in ``cuts`` is detached and its placeholder in the tree."""
    tree = LexborHTMLParser(page("<p class='byline'>By Ann Lee</p>"))
    cuts = strip_junk(tree)
    leads = html_standfirst.restore_standfirsts(cuts)
    assert [lead.text(strip=True) for lead in leads] == [LEAD]
    body_text = tree.body.text()
    assert LEAD in body_text and "Ann Lee" not in body_text and "Local news" not in body_text

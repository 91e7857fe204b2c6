"""A story's lead, named as such, right before the chosen body (corpus_clean.html_standfirst)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_standfirst
from corpus_clean.html import LexborHTMLParser, extract_main_text

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
LEAD_LABELS = ["leadIn", "article__lead", "intro", "c-dek", "sommario", "article-abstract", "chapo"]


def page(lead_label: str, lead_tag: str = "div", levels: int = 1, article: str = "article") -> str:
    """A news page: the story's head (headline, byline, lead), then its body, ``levels`` wrappers down."""
    cls = f" class='{lead_label}'" if lead_label else ""
    inner = LEAD if lead_tag == "p" else f"<p>{LEAD}</p>"
    lead = f"<{lead_tag}{cls}>{inner}</{lead_tag}>"
    body = "<div class='story-body'>" + "".join(f"<p>{p}</p>" for p in BODY * 3) + "</div>"
    for _ in range(levels - 1):
        body = f"<div class='col'>{body}</div>"
    return (f"<html><body><header class='site'><a href='/'>The Harbour Times</a> <a href='/news'>News</a></header>"
            f"<{article}><div class='story-head'><h1>Harbour dues to rise</h1><div class='meta'>By Ann Lee</div>"
            f"{lead}</div>{body}</{article}><footer>Contact us</footer></body></html>")


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(LEAD_LABELS), st.sampled_from(["div", "p", "section"]), st.integers(1, 3),
       st.sampled_from(["article", "div"]))
def test_a_named_lead_before_the_body_is_kept_in_reading_order(label, tag, levels, article):
    ex = extract_main_text(page(label, tag, levels, article))
    assert LEAD in ex.text and BODY[0] in ex.text and BODY[2] in ex.text
    assert ex.text.index(LEAD) < ex.text.index(BODY[0])
    assert "By Ann Lee" not in ex.text and "The Harbour Times" not in ex.text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["", "kicker", "related-story", "meta-info", "leader-board"]))
def test_an_unnamed_or_otherwise_named_block_before_the_body_stays_cut(label):
    """Fault injection: the same block without a lead's name (or with a word that only contains one,
    "leader") is left to the scoring, which leaves it out, recorded as html.not_main."""
    ex = extract_main_text(page(label, "div", 2))
    assert LEAD not in ex.text and BODY[0] in ex.text
    assert any(LEAD in r.text for r in ex.removed)  # html.not_main, or its label's rule ("meta")


def test_a_named_block_that_is_a_link_list_or_a_second_body_is_no_lead():
    links = LexborHTMLParser("<div class='intro'>" + " ".join(f"<a href='/{i}'>Another story number {i}</a>"
                                                              for i in range(8)) + "</div>").css_first("div")
    short = LexborHTMLParser("<div class='lead'>Harbour news, 3 May</div>").css_first("div")
    huge = LexborHTMLParser("<div class='summary'>" + " ".join(BODY * 6) + "</div>").css_first("div")
    assert not any(html_standfirst.is_named_lead(node) for node in (links, short, huge))


def test_a_named_lead_after_the_body_is_not_taken():
    """Only elements before a chosen block are looked at: an "intro" box after the story is not its lead."""
    html = page("", "div", 1).replace("</article>", f"<div class='intro'><p>{LEAD}</p></div></article>")
    html = html.replace(f"<div><p>{LEAD}</p></div></div>", "</div>", 1)
    ex = extract_main_text(html)
    assert BODY[0] in ex.text and LEAD not in ex.text


def test_the_lead_is_recorded_nowhere_as_cut():
    """A lead taken into the choice leaves ``removed``; the headline and byline stay there."""
    ex = extract_main_text(page("standfirst"))
    assert not any(LEAD in r.text for r in ex.removed)
    assert any("Harbour dues to rise" in r.text for r in ex.removed)
    assert any("By Ann Lee" in r.text for r in ex.removed)


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab <>/=\"'divclasintro"), max_size=300))
def test_any_markup_around_a_named_lead_never_raises_and_offsets_hold(noise):
    html = f"<body><article>{noise}<div class='intro'><p>{LEAD}</p></div><div><p>{BODY[0]}</p></div></article></body>"
    ex = extract_main_text(html)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)

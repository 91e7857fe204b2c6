"""Articles written as several sections or posts: the site's article element, and repeated post bodies."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

from tests.test_html import BODY, page

SECTION_TEXTS = [
    "Our crews inspect every pile of the pier twice a year, and they replace any timber that shows rot.",
    "The council pays for the inspections from the harbour fund, which the ferry fares top up each summer.",
    "Residents can follow the work on a public board at the quay, updated every Friday afternoon.",
    "If a storm damages the pier, the harbour master closes it at once and calls the engineers in.",
    "Volunteers from the sailing club help to keep the slipway clear of weed during the low tides.",
]


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 5), st.sampled_from(["article", "div itemprop=articleBody"]), st.integers(1, 2))
def test_a_guide_written_as_sections_is_kept_whole_from_the_sites_article_element(n, wrapper, lead_paras):
    """A long first section wins the scoring alone; the site's <article> (or articleBody) says the article is all of them."""
    lead = "".join(f"<p>{p}</p>" for p in BODY[:lead_paras])
    sections = "".join(f"<section class='block-{i}'><h2>Part {i}</h2><p>{t}</p></section>"
                       for i, t in enumerate(SECTION_TEXTS[:n]))
    closing = wrapper.split()[0]
    # the lead sits one level deeper than the sections (next to a rating widget), out of the sibling rule's reach
    hero = f"<section class='hero'><div class='lead'>{lead}</div><div class='stars'>4.5 / 5</div></section>"
    html = page("").replace("<main></main>", f"<{wrapper}>{hero}{sections}</{closing}>")
    text = extract_main_text(html).text.split("\n")
    for t in [*BODY[:lead_paras], *SECTION_TEXTS[:n]]:
        assert t in text
    assert "Most read" not in text and not any("cookies" in line for line in text)


def test_a_teaser_grid_in_the_article_element_is_not_taken_whole():
    """Fault injection: the <article> holds the story and a grid of linked teasers; the grid stays out."""
    teasers = "".join(f"<div class='card'><a href='/s{i}'><h3>Story {i} about the coast road</h3>"
                      f"<p>A teaser about story {i}, with a comma, for the grid of cards here.</p></a></div>"
                      for i in range(12))
    html = page("").replace("<main></main>", f"<article><div class='story'>{''.join(f'<p>{p}</p>' for p in BODY)}</div>"
                                           f"<div class='grid'>{teasers}</div></article>")
    assert extract_main_text(html).text.split("\n") == list(BODY)


def thread(posts: list[str], comments: str = "") -> str:
    """A Q&A page: each post's body five levels below the list of posts (StackExchange-like nesting)."""
    items = "".join(f"<div class='answer' id='a{i}'><div class='post-layout'><div class='votecell'>{i}</div>"
                    f"<div class='answercell'><div class='s-prose post-body'><p>{p}</p></div>"
                    f"<div class='post-signature'><a href='/u{i}'>user{i}</a></div></div></div></div>"
                    for i, p in enumerate(posts))
    return f"<div id='mainbar'><div id='answers'>{items}</div>{comments}</div>"


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4))
def test_every_post_body_of_a_thread_is_kept_and_the_comment_thread_is_not(n):
    comments = ("<div class='comments-list'><p>Great answer, thanks, this helped me a lot with my own pier.</p>"
                "<p>I disagree, the piles should be concrete, not steel, in salt water.</p></div>")
    html = page(thread(list(BODY[:n]), comments))
    text = extract_main_text(html).text.split("\n")
    for post in BODY[:n]:
        assert post in text
    assert not any("answer, thanks" in line or "concrete" in line for line in text)


# --- pages that are not articles (corpus_clean.html_sections) ---------------------------------

OG_ARTICLE = '<meta property="og:type" content="article">'
SERVICE_SECTIONS = [
    ("What we do", "We repair and repaint wooden boats, from dinghies to small ferries, in our shed at the quay."),
    ("How it works", "You bring the boat on a trailer, we inspect the hull, and we send you a quote within a week."),
    ("Prices", "A full repaint costs from 900 pounds, a hull inspection 60, and storage over winter 20 a week."),
    ("Opening hours", "The shed is open from eight to five on weekdays, and on Saturday mornings from April."),
]


def assert_exact_cuts(ex) -> None:
    """Every cut is still recorded with an html.* rule and exact offsets into the visible text."""
    for r in ex.removed:
        assert ex.visible_text[r.start:r.end] == r.text and r.rule.startswith("html.")


def service_page(big_first: int, head: str = "") -> str:
    """A service page in <main>: one long section (which wins the scoring alone) and short ones of other markup."""
    first = "".join(f"<p>{p}</p>" for p in BODY[:big_first])
    rest = "".join(f"<div class='panel-{i}'><h2>{h}</h2><p>{t}</p></div>" for i, (h, t) in enumerate(SERVICE_SECTIONS))
    # the long section sits one level deeper (next to a rating), out of the sibling rule's reach
    return page("", head=head).replace("<main></main>", f"<main><div class='hero'><div class='intro'>{first}</div>"
                                                         f"<div class='stars'>4.5 / 5</div></div>"
                                                         f"<div class='grid'>{rest}</div></main>")


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 3))
def test_a_service_page_keeps_every_section_of_its_main_column(big_first):
    ex = extract_main_text(service_page(big_first))
    text = ex.text.split("\n")
    for heading, sentence in SERVICE_SECTIONS:
        assert sentence in text and heading in text
    assert "Most read" not in text and not any("cookies" in line for line in text)
    assert_exact_cuts(ex)


def test_a_page_that_says_it_is_an_article_is_not_widened():
    """Fault injection: the same page declared an article (og:type) keeps only what the scoring chose."""
    html = service_page(4, head=OG_ARTICLE)
    text = extract_main_text(html).text.split("\n")
    assert list(BODY) == text[:4]
    assert not any(sentence in text for _, sentence in SERVICE_SECTIONS)


WEB_PAGE_TYPES = ["WebPage", "CollectionPage", "ItemPage", "AboutPage", "ContactPage", "FAQPage"]


def ld_graph(page_type: str, as_list: bool, extra: list[str]) -> str:
    """A JSON-LD graph as WordPress's SEO plugins write it: the site, the page, breadcrumbs and ``extra`` nodes."""
    typed = f'["{page_type}", "Thing"]' if as_list else f'"{page_type}"'
    nodes = ['{"@type": "WebSite", "url": "https://example.com/"}', '{"@type": ' + typed + ', "name": "Boat repairs"}',
             '{"@type": "BreadcrumbList", "itemListElement": []}'] + ['{"@type": "%s"}' % t for t in extra]
    return '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [' + ", ".join(nodes) + "]}</script>"


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 3), st.sampled_from(WEB_PAGE_TYPES), st.booleans())
def test_og_article_on_a_page_its_json_ld_names_a_web_page_is_not_an_article(big_first, page_type, as_list):
    """og:type=article beside JSON-LD that names the page a WebPage (or a kind of it) and no article: a service
    page as WordPress marks it; every section of its main column is kept, every cut still recorded."""
    ex = extract_main_text(service_page(big_first, head=OG_ARTICLE + ld_graph(page_type, as_list, [])))
    text = ex.text.split("\n")
    for heading, sentence in SERVICE_SECTIONS:
        assert sentence in text and heading in text
    assert "Most read" not in text and not any("cookies" in line for line in text)
    assert_exact_cuts(ex)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(WEB_PAGE_TYPES), st.sampled_from(["Article", "NewsArticle", "BlogPosting"]))
def test_a_json_ld_article_beside_the_web_page_keeps_the_page_an_article(page_type, article_type):
    """Fault injection: the same graph with an article node in it (a post's): the page is an article, not widened."""
    html = service_page(4, head=OG_ARTICLE + ld_graph(page_type, False, [article_type]))
    text = extract_main_text(html).text.split("\n")
    assert list(BODY) == text[:4]
    assert not any(sentence in text for _, sentence in SERVICE_SECTIONS)


def listing(n: int, with_menu: bool = True) -> str:
    cards = "".join(f"<li class='product-card'><a href='/p/{i}'><h3>Oak rowing boat model {i}, four metres</h3>"
                    f"<span class='price'>{900 + i} pounds</span></a></li>" for i in range(n))
    menu = ("<ul class='filters'>" + "".join(f"<li><a href='/c/{c}'>{c}</a></li>" for c in ("Oak", "Ash", "Pine", "Fir"))
            + "</ul>") if with_menu else ""
    intro = "<p>Our boats are built by hand in the shed at the quay, one at a time, to order.</p>"
    return page("").replace("<main></main>", f"<main><h1>Rowing boats</h1>{intro}{menu}"
                                             f"<ul class='products'>{cards}</ul></main>")


@settings(max_examples=20, deadline=None)
@given(st.integers(4, 30))
def test_a_listing_keeps_its_linked_cards_and_records_what_it_cuts(n):
    ex = extract_main_text(listing(n))
    text = ex.text.split("\n")
    for i in range(n):
        assert any(f"Oak rowing boat model {i}, four metres" in line for line in text)
        assert any(f"{900 + i} pounds" in line for line in text)
    # the filter menu (short links) is not a card grid: still cut, with its rule
    assert "Pine" not in text and any(r.rule == "html.links" and "Pine" in r.text for r in ex.removed)
    assert_exact_cuts(ex)


def test_three_linked_teasers_are_not_a_listing():
    """Fault injection: under four repeated link blocks, the link-density cut stands."""
    text = extract_main_text(listing(3, with_menu=False)).text
    assert "Oak rowing boat model 0" not in text


def test_a_teaser_grid_under_a_long_story_is_not_a_listing():
    """The story outweighs its teaser grid: the cards stay cut (no og:type needed)."""
    cards = "".join(f"<div class='teaser'><a href='/s{i}'><h3>Another story number {i} about the coast</h3></a></div>"
                    for i in range(8))
    story = "".join(f"<p>{p}</p>" for p in BODY)
    html = page("").replace("<main></main>", f"<div class='story'>{story}<div class='more'>{cards}</div></div>")
    text = extract_main_text(html).text.split("\n")
    assert text == list(BODY)

"""Round 9 of the HTML path: a gallery beside the story, declared discussions, a labelled <body>.

(corpus_clean.html_gallery, corpus_clean.html_discussion, html.SKIP_LABEL_TAGS; own pages.)
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_discussion, html_gallery
from corpus_clean.document import Document
from corpus_clean.html import LexborHTMLParser, extract_main_text
from corpus_clean.pipeline import clean_documents

STORY = [
    "The council voted on Tuesday to close the old swimming baths at the end of the year, after a survey found "
    "that the roof would cost more to repair than a new building would cost to put up on the same site.",
    "Swimmers, who had petitioned for the baths to stay open, said the decision came too soon, and asked for the "
    "survey to be published in full before the building is sold, so that they could have it checked.",
    "The council's leader said the survey would be published next month, and that a new pool, with a learning "
    "pool for children, would open on the site of the old bus depot within three years of the sale.",
    "Until then, swimmers will be able to use the pool at the college on weekday evenings, at the same price, "
    "under an agreement the council signed with the college's governors last week after long talks.",
    "The baths opened in 1908 and were last refurbished in the 1980s, when the Victorian changing cubicles "
    "along the main pool were taken out and replaced by a changing village at the shallow end.",
]
CAPTION = ("Photo {i} of the town's baths over the years: the main pool in the year {year}, with swimmers at "
           "the deep end, the gallery above them and the old clock on the far wall, now in the museum")
GALLERY_LABELS = ["full-gallery", "photo-gallery", "slideshow", "gallery-wrapper"]


def gallery_page(label: str, article_declared: bool = True, slides: int = 40, story_paragraphs: int = 8) -> str:
    """A news story with a slideshow embedded after its third paragraph, holding most of the page's text."""
    og = "<meta property='og:type' content='article'>" if article_declared else ""
    items = "".join(f"<li><h2><span class='counter'>{i}/{slides}</span> The baths in {1900 + i}</h2>"
                    f"<p>{CAPTION.format(i=i, year=1900 + i)}</p><p class='credits'>TOWN ARCHIVE</p></li>"
                    for i in range(1, slides + 1))
    paragraphs = [f"<p>{p}</p>" for p in (STORY * 3)[:story_paragraphs]]
    return (f"<html><head>{og}<title>Baths to close</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Baths to close</h1>"
            f"<div class='text-wrapper'>{''.join(paragraphs[:3])}<div class='{label}'><ul class='legends'>{items}"
            f"</ul></div>{''.join(paragraphs[3:])}</div></article><footer>Contact us</footer></body></html>")


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(GALLERY_LABELS), st.integers(20, 60))
def test_the_story_beside_a_big_gallery_is_the_text_and_the_gallery_is_cut_as_captions(label, slides):
    ex = extract_main_text(gallery_page(label, slides=slides))
    assert all(p in ex.text for p in STORY)
    assert "Photo 1 of the town's baths" not in ex.text and "TOWN ARCHIVE" not in ex.text
    assert any("Photo 1 of the town's baths" in r.text and r.rule == "html.caption" for r in ex.removed)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_without_the_mechanism_the_captions_are_kept(monkeypatch):
    """Fault injection: the check made a no-op, the spared gallery is kept (or, on a real page
    whose gallery outweighs the story, chosen alone)."""
    monkeypatch.setattr(html_gallery, "story_over_gallery", lambda body, chosen, cuts, article: chosen)
    ex = extract_main_text(gallery_page("full-gallery"))
    assert "Photo 1 of the town's baths" in ex.text


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(GALLERY_LABELS), st.integers(0, 3))
def test_a_gallery_page_or_an_undeclared_page_keeps_its_choice(label, story_paragraphs):
    """A page that is a gallery (its story a paragraph or three) keeps the captions; so does a page
    that does not declare an article (a shop's "product_slideshow" cards)."""
    ex = extract_main_text(gallery_page(label, story_paragraphs=story_paragraphs))
    assert "Photo 1 of the town's baths" in ex.text
    ex = extract_main_text(gallery_page(label, article_declared=False))
    assert "Photo 1 of the town's baths" in ex.text


POSTS = [
    "My laptop stopped charging after the last update, the light comes on and then goes off after a second.",
    "Same here since Tuesday. Rolling back the battery driver in the device manager fixed it for me.",
    "Thanks, rolling back the driver worked, and the light now stays on while the battery charges.",
    "If rolling back is not offered, the vendor's support page has the older driver as a download.",
]


def thread_page(kind: str, ld_in_body: bool = False) -> str:
    """A forum thread (or live ticker) whose posts sit in comment markup; ``kind`` is its schema.org type."""
    ld = {"forum": '{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Charging"}',
          "live": '{"@context": "https://schema.org", "@type": ["LiveBlogPosting"], "headline": "Live"}',
          "article": '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Charging"}'}[kind]
    posts = "".join(f"<li class='comment' id='post-{i}'><div class='comment-author'>user{i}</div>"
                    f"<div class='comment-body'><p>{text}</p></div></li>" for i, text in enumerate(POSTS))
    script = f"<script type='application/ld+json'>{ld}</script>"
    head, top = ("", script) if ld_in_body else (script, "")
    return (f"<html><head>{head}</head><body>{top}"
            f"<nav><a href='/'>Forum</a> <a href='/hw'>Hardware</a></nav><main><h1>Laptop not charging</h1>"
            f"<ol class='comment-list'>{posts}</ol><form class='reply'><textarea></textarea>"
            f"<button>Reply</button></form></main><footer>Terms</footer></body></html>")


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(["forum", "live"]), st.booleans())
def test_a_declared_thread_keeps_its_posts(kind, ld_in_body):
    ex = extract_main_text(thread_page(kind, ld_in_body))
    assert all(post in ex.text for post in POSTS)
    assert "Terms" not in ex.text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_an_article_page_still_cuts_comment_markup_and_records_it():
    """Fault injection: the same page declaring a NewsArticle: the posts are reader comments, cut."""
    ex = extract_main_text(thread_page("article", ld_in_body=True))
    assert not any(post in ex.text for post in POSTS[1:])
    assert any(POSTS[1] in r.text and r.rule == "html.comments" for r in ex.removed)


def test_declared_types_are_read_from_json_ld_and_microdata_only():
    assert html_discussion.declares_discussion(LexborHTMLParser(thread_page("forum")))
    assert not html_discussion.declares_discussion(LexborHTMLParser(thread_page("article")))
    quoted = "<body><p>Our DiscussionForumPosting guide explains the schema.</p></body>"
    assert not html_discussion.declares_discussion(LexborHTMLParser(quoted))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["header-page", "nav-open", "hidden-sidebar", "menu-closed", "comments-on", "footer-fixed"]))
def test_a_body_whose_class_names_furniture_keeps_its_page(body_class):
    """A site builder's ``<body class="header-page ...">`` was cut as html.nav: the page lost its
    body, and the pipeline raised on the next step (two WCXB dev pages)."""
    html = (f"<html><body class='{body_class} wsite-theme-light'><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in STORY) + "</div></body></html>")
    doc = Document(id="b", source="t", raw_text="", raw_sha256="", html=html)
    clean_documents([doc])
    assert all(p in doc.text for p in STORY)


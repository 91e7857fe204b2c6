"""The second opinion on a sliver of the page's prose, and labels that are wrong on long prose (corpus_clean.html_prose)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html as html_mod, html_prose
from corpus_clean.html import extract_main_text

from tests.test_html import BODY, page

BOXES = [
    "We service gas boilers of every make, and we send a qualified engineer within two working days.",
    "An annual check costs 80 pounds, parts extra, and we remind you by letter a month before it is due.",
    "If your boiler breaks down in winter, our emergency line is staffed from six in the morning to midnight.",
    "Landlords get the safety certificate they need for their tenants the same day as the inspection.",
    "Our engineers carry spare parts for the ten most common boilers, so most repairs take one visit.",
    "We clean up after ourselves, wear shoe covers in your home, and take the old parts away with us.",
]


def section(i: int, inner: str) -> str:
    """A page builder's section: the text four levels down, each section of its own markup."""
    return f"<section class='s-{i}'><div class='container'><div class='row-{i}'><div class='col'>{inner}</div></div></div></section>"


def read(html: str, article: bool):
    """Strip and render a page as html.read_page does, with the first section's box as the scoring's choice."""
    tree = html_mod.LexborHTMLParser(html)
    cuts = html_mod.strip_junk(tree)
    chosen = [tree.css_first("section.s-0 .col")]
    lines = html_mod.render_page(tree.body, chosen, cuts)
    return tree, chosen, cuts, html_prose.second_opinion(tree.body, chosen, lines, article)


@settings(max_examples=20, deadline=None)
@given(st.integers(3, 6), st.booleans())
def test_a_choice_that_is_a_sliver_of_the_prose_gives_way_to_the_column_and_cuts_stay_recorded(n, article):
    """The hero box was chosen; the feature sections around it hold GAIN (ARTICLE_GAIN) times its prose."""
    hero = section(0, f"<p>{BOXES[0]}</p>")
    boxes = "".join(section(i + 1, f"<h3>Feature {i}</h3><p>{t}</p>") for i, t in enumerate(BOXES[1:n + 1]))
    html = page("").replace("<main></main>", f"<div class='page-wrap'>{hero}{boxes}</div>")
    tree, _, cuts, cover = read(html, article)
    assert [node.attributes.get("class") for node in cover] == ["page-wrap"]
    lines = html_mod.render_page(tree.body, cover, cuts)
    kept = [line for line, verdict in lines if verdict == html_mod.KEEP]
    assert kept[0] == BOXES[0] and all(t in kept for t in BOXES[1:n + 1])
    assert "Most read" not in kept and not any("cookies" in line for line in kept)
    visible, removed = html_mod.removals_of(lines)
    assert all(visible[r.start:r.end] == r.text and r.rule.startswith("html.") for r in removed)


def test_a_declared_article_with_two_short_sections_keeps_its_choice():
    """Fault injection: two short sections are under ARTICLE_GAIN times the hero's prose; the choice stands."""
    hero = section(0, f"<p>{BOXES[0]} {BOXES[0]}</p>")
    boxes = "".join(section(i + 1, f"<p>{t}</p>") for i, t in enumerate(BOXES[1:3]))
    assert read(page("").replace("<main></main>", f"<div class='page-wrap'>{hero}{boxes}</div>"), True)[3] is None


@given(st.integers(1, 3))
def test_a_cover_elsewhere_does_not_replace_a_whole_story(copies):
    """Fault injection: most prose sits in a feed beside a story of over OUTSIDE_MAX_HELD characters: no change."""
    story = "".join(f"<p>{p}</p>" for p in BODY * 2)
    assert sum(map(len, BODY * 2)) > html_prose.OUTSIDE_MAX_HELD
    feed = "<ul class='feed'>" + "".join(f"<li><p>{t}</p></li>" for t in BOXES * 6 * copies) + "</ul>"
    html = page("").replace("<main></main>", f"<div class='page-wrap'>{section(0, story)}</div><div>{feed}</div>")
    assert read(html, False)[3] is None


def test_an_article_with_a_teaser_grid_is_not_widened():
    """Fault injection: the story holds most of the page's prose; teasers (links) are not prose."""
    teasers = "".join(f"<div class='card'><a href='/s{i}'>Another story number {i} about the coast road</a></div>"
                      for i in range(12))
    story = "".join(f"<p>{p}</p>" for p in BODY)
    html = page("").replace("<main></main>", f"<div class='wrap'><div class='story'>{story}</div>{teasers}</div>")
    assert extract_main_text(html).text.split("\n") == list(BODY)


def test_a_declared_article_needs_more_evidence_than_a_page_of_boxes():
    """The second opinion asks a page that says it is an article for ARTICLE_GAIN times the prose, not GAIN."""
    assert html_prose.ARTICLE_GAIN > html_prose.GAIN


def test_a_choice_holding_most_of_the_prose_is_not_doubted():
    lines = [(p, "keep") for p in BODY] + [("Home", "html.nav"), ("Short teaser line", "html.not_main")]
    assert not html_prose.doubts_choice(lines)


# --- labels that name short things, on long prose -------------------------------------------


def labelled_page(label: str, paras: int) -> str:
    """The article's FAQ in a block whose class names a short thing (an accordion panel 'hidden' until clicked)."""
    faq = "".join(f"<p>{p}</p>" for p in BOXES[:paras])
    story = "".join(f"<p>{p}</p>" for p in BODY)
    return page("").replace("<main></main>", f"<article><div class='body'>{story}"
                                             f"<div class='{label}'>{faq}</div></div></article>")


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["accordion-panel is-hidden", "elementor-widget text-embed", "faq-item hide"]),
       st.integers(4, 6))
def test_a_block_of_long_prose_is_kept_whatever_its_short_thing_label(label, paras):
    text = extract_main_text(labelled_page(label, paras)).text.split("\n")
    for p in [*BODY, *BOXES[:paras]]:
        assert p in text


@given(st.sampled_from(["caption", "video-embed", "hidden-xs"]))
def test_a_short_block_with_such_a_label_is_still_cut_and_recorded(label):
    """Fault injection: one sentence under the label is what the label says (a caption, a player's title)."""
    ex = extract_main_text(labelled_page(label, 1))
    assert BOXES[0] not in ex.text.split("\n")
    assert any(BOXES[0] in r.text for r in ex.removed)


def test_a_link_list_labelled_hidden_is_not_prose():
    """A collapsed mobile menu: long, but links; still cut."""
    menu = "".join(f"<a href='/s{i}'>Section number {i} of the site menu</a>" for i in range(30))
    html = page("").replace("<main></main>", f"<article>{''.join(f'<p>{p}</p>' for p in BODY)}"
                                             f"<div class='menu-hidden'>{menu}</div></article>")
    assert "Section number 3" not in extract_main_text(html).text


def test_every_widget_of_a_site_that_writes_prose_in_widgets_comes_back():
    """Short and long paragraphs in the same "widget" wrapper: the long one shows the label is the site's
    box for content, so the short ones come back too (same tag and class); cut furniture inside stays recorded."""
    short = "The pier opens at nine, and the ferry leaves from its end at ten past."  # under the 150 of PROSE_LABELS
    widgets = "".join(f"<div class='builder-widget'><p>{p}</p></div>" for p in (BODY[0], short, BODY[1]))
    html = page("").replace("<main></main>", f"<div class='entry'>{widgets}"
                                             "<div class='builder-widget share-bar'><a href='#'>Share</a></div></div>")
    ex = extract_main_text(html)
    assert ex.text.split("\n") == [BODY[0], short, BODY[1]]
    assert any(r.text == "Share\n" for r in ex.removed)  # the share widget (another class) is still cut


# --- listings without a paragraph -----------------------------------------------------------


def link_list_page(n: int) -> str:
    """A link aggregator's front page: a table of ranked links, no paragraph anywhere."""
    rows = "".join(f"<tr class='story'><td>{i + 1}.</td><td><a href='https://example.org/{i}'>Harbour story "
                   f"number {i} on the coast road</a> (example.org)</td></tr>" for i in range(n))
    return page("").replace("<main></main>", f"<table class='stories'>{rows}</table>")


@settings(max_examples=10, deadline=None)
@given(st.integers(5, 30))
def test_a_page_that_is_a_list_of_links_keeps_its_rows(n):
    ex = extract_main_text(link_list_page(n))
    text = ex.text
    for i in range(n):
        assert f"Harbour story number {i} on the coast road" in text
    assert "Most read" not in text and "cookies" not in text
    for r in ex.removed:
        assert ex.visible_text[r.start:r.end] == r.text and r.rule.startswith("html.")


def test_a_grid_of_bare_labels_is_not_a_listing():
    """Fault injection: no links in the rows: the page still has no content (quarantined upstream)."""
    grid = "<div class='grid'>" + "".join(f"<div class='cell'><span>Item {i}</span></div>" for i in range(30)) + "</div>"
    assert extract_main_text(page(grid)).text == ""

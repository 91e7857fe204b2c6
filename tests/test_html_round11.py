"""Round 11 of the HTML path: a shop's undated reviews, known by their vote controls, in a page's panels.

(corpus_clean.html_posts.has_vote / is_user_post, through corpus_clean.html_panels and
corpus_clean.html_prose.restore_mislabelled; own pages. The accordion answers hidden by aria-hidden
alone are tested in tests/test_html_hidden.py.)
"""
from __future__ import annotations

from hypothesis import assume, given, settings, strategies as st

from corpus_clean.html import extract_main_text
from corpus_clean.html_posts import VOTE_RE

DESCRIPTION = ("A two-person tent for three seasons, with a porch for boots and packs, poles that clip on in a minute, "
               "and a fly sheet that pitches first, so the inner stays dry when it rains while you set it up.")
SPECS = [("Weight", "2.1 kg"), ("Packed size", "48 x 15 cm"), ("Berths", "2"), ("Inner height", "105 cm")]
REVIEW = "Kept us dry through two nights of rain on the coast, though the zip on the door sticks when it is cold"
TESTIMONIAL = "The team fitted our kitchen in three days and left the house cleaner than they found it, thank you"
# A vote control as shops write it, in several languages: a word or two and a count, or a thumb.
VOTES = ["<button>Helpful (12)</button>", "<button class='vote'>Hilfreich (3)</button>", "<a href='#'>Utile (4)</a>",
         "<a href='#v' class='like'>👍 7</a>", "<span role='button'>Nuttig (0)</span>", "<button>Útil [2]</button>"]
SIGNS = ["<span class='stars'>★★★★☆</span>", "<span class='score'>4.0</span>", "<b>Rated 4/5</b>",
         "<span class='review-author'>kai_88</span>"]
# How a closed panel is hidden: attributes, or a class the long-prose rescue reads.
HIDINGS = {"hidden": (" hidden", ""), "style": (" style='display: none;'", ""), "class": ("", " is-hidden"),
           "shown": ("", "")}


def shop_page(reviews: str, hiding: str, idiom: int) -> str:
    """A product page: a description, specifications, then a Reviews panel closed by ``hiding`` (tabs or an accordion)."""
    attrs, cls = HIDINGS[hiding]
    specs = "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in SPECS) + "</table>"
    panels = [("Description", f"<p>{DESCRIPTION}</p>"), ("Specifications", specs), ("Reviews", reviews)]
    if idiom == 0:  # tabs: links to the panels' ids
        body = ("<ul class='tabs'>" + "".join(f"<li><a href='#t{i}'>{label}</a></li>" for i, (label, _) in enumerate(panels))
                + "</ul>" + "".join(f"<div id='t{i}' class='tab-panel{cls if i == 2 else ''}'{attrs if i == 2 else ''}>{html}</div>"
                                    for i, (_, html) in enumerate(panels)))
    else:  # an accordion: a heading around its toggle, then the panel
        body = "".join(f"<div class='acc'><h3><button aria-expanded='false'>{label}</button></h3>"
                       f"<div class='acc-body{cls if i == 2 else ''}'{attrs if i == 2 else ''}>{html}</div></div>"
                       for i, (label, html) in enumerate(panels))
    return (f"<html><body><nav><a href='/'>Shop</a> <a href='/tents'>Tents</a></nav><main><h1>Ridge 2 tent</h1>"
            f"<p class='price'>€249</p>{body}</main><footer>© Outdoor shop</footer></body></html>")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(VOTES), st.sampled_from(SIGNS), st.integers(2, 5), st.sampled_from(["div", "li"]),
       st.sampled_from(["hidden", "style", "class"]), st.integers(0, 1))
def test_undated_reviews_with_votes_are_users_posts(vote, sign, n, tag, hiding, idiom):
    """A closed Reviews panel of undated posts, each rated or signed and carrying a vote control, is cut as
    comments (the vote read in the post, or among strip_junk's cuts once its button is cut), whatever the idiom
    that closes it; the description stays. (Not generated: "acc-body is-hidden", whose label says "body" and
    is no hidden element to the extractor; reviews shown outside any panel, which are never read as posts.)"""
    assume(hiding != "class" or idiom == 0)
    items = "".join(f"<{tag} class='item'>{sign}<p>{REVIEW} ({i}).</p>{vote}</{tag}>" for i in range(n))
    ex = extract_main_text(shop_page(f"<ul>{items}</ul>" if tag == "li" else items, hiding, idiom))
    assert REVIEW not in ex.text
    assert DESCRIPTION in ex.text
    assert any(REVIEW in r.text and r.rule == "html.comments" for r in ex.removed)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SIGNS), st.integers(2, 4), st.sampled_from(["hidden", "style", "shown"]), st.integers(0, 1),
       st.sampled_from(["<a href='/book'>Book a visit</a>", "<button>Read more</button>", ""]))
def test_undated_testimonials_without_votes_are_not_posts(sign, n, hiding, idiom, control):
    """Testimonials are rated and signed, undated, and never voted on (WCXB's gold keeps them): not users' posts."""
    items = "".join(f"<div class='item'>{sign}<p>{TESTIMONIAL} ({i}).</p>{control}</div>" for i in range(n))
    ex = extract_main_text(shop_page(items, hiding, idiom))
    assert not any(r.rule == "html.comments" for r in ex.removed)
    assert TESTIMONIAL in ex.text


@given(st.sampled_from(["Helpful", "Hilfreich", "Utile", "Nuttig", "有用", "Полезно", "Yes", "Hjälpsam"]),
       st.integers(0, 99999), st.sampled_from(["({})", "[{}]", " ({})"]))
def test_vote_controls_in_any_language(word, count, form):
    """A vote control is a word or two and a count, in any script; a call to action is not."""
    assert VOTE_RE.match(word + form.format(count))
    assert VOTE_RE.match(f"👍 {count}")
    for text in ("Add to cart", "Read all reviews", "Compare", f"{count} answers", "Book now", "Reviews"):
        assert not VOTE_RE.match(text)


# --------------------------------------------------------------------------- #
# One text written twice, once per screen size (corpus_clean.html_prose.first_copies)
# --------------------------------------------------------------------------- #

MUG = ("A wheel-thrown mug in our white speckle finish, matte outside and glazed inside, holds a large tea or a "
       "flat white. Each one is made by hand, so sizes and speckles vary a little from the photographs.")
# (first copy's class, second copy's class): both hidden by a class, or one shown beside its hidden twin.
SCREEN_PAIRS = [("hidden-md-down", "hidden-md-up"), ("hidden-up-md", "hidden-down-md"), ("visible-xs", "hidden-xs"),
                ("hidden-xs", "visible-xs"), ("desktop-hidden", "hide-mobile"), ("mobile-only", "desktop-hidden")]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SCREEN_PAIRS), st.sampled_from(["div", "section"]), st.integers(1, 3))
def test_a_text_written_once_per_screen_size_is_kept_once(pair, tag, paragraphs):
    """A description written twice for two screen sizes (each copy under a class that hides it at one size) is
    kept once; the other copy is in ``removed`` with offsets, and the rest of the page is untouched."""
    body = "".join(f"<p>{MUG} ({k})</p>" for k in range(paragraphs))
    copies = "".join(f"<{tag} class='product-description {cls}'>{body}</{tag}>" for cls in pair)
    ex = extract_main_text(f"<html><body><nav><a href='/'>Shop</a></nav><main><h1>White speckle mug</h1>"
                           f"<p class='price'>$60.00</p>{copies}<p>{DESCRIPTION}</p></main></body></html>")
    assert all(ex.text.count(f"{MUG} ({k})") == 1 for k in range(paragraphs)), ex.text
    assert DESCRIPTION in ex.text
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_two_different_hidden_texts_both_come_back():
    """Only a copy stays cut: two long texts hidden by a class, each its own, are both put back."""
    other = MUG.replace("mug", "bowl").replace("tea or a flat white", "soup or a salad")
    ex = extract_main_text(f"<html><body><main><h1>Mug</h1><div class='hidden-xs'><p>{MUG}</p></div>"
                           f"<div class='hidden-md'><p>{other}</p></div></main></body></html>")
    assert MUG in ex.text and other in ex.text


# --------------------------------------------------------------------------- #
# A <details>'s answer under aria-hidden; Tailwind's pseudo-element variants
# --------------------------------------------------------------------------- #

ANSWER = ("The firewall sits in front of your application on every server of the network, and its rules are "
          "updated as new attacks appear, so nothing needs to be installed or patched on your side.")


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 3), st.sampled_from(["", "cursor-pointer list-none marker:hidden", "before:content-none"]),
       st.booleans())
def test_a_details_answer_hidden_by_aria_hidden_is_content(n, summary_class, wrapped):
    """A <details> is the browser's own accordion: the content after its <summary> is an answer even under
    aria-hidden and even alone; a summary styled "marker:hidden" (its triangle hidden) is no hidden element."""
    item = (f"<details class='overflow-hidden'><summary class='{summary_class}'>How does it work ({{i}})?</summary>"
            f"<div class='content' aria-hidden='true'><p>{ANSWER} ({{i}})</p></div></details>")
    items = "".join((f"<div class='faq-wrap'>{item}</div>" if wrapped else item).format(i=i) for i in range(n))
    ex = extract_main_text(f"<html><body><main><h1>Firewall</h1><p>{DESCRIPTION}</p><h2>FAQ</h2>{items}</main></body></html>")
    assert all(f"{ANSWER} ({i})" in ex.text for i in range(n)), ex.text
    assert all(f"How does it work ({i})?" in ex.text for i in range(n))


def test_breakpoint_variants_still_hide():
    """Only pseudo-element variants lose their meaning: "md:hidden" still hides the element at a screen size."""
    from corpus_clean.html import attrs_verdict

    assert attrs_verdict({"class": "list-none marker:hidden"}) is None
    assert attrs_verdict({"class": "before:hidden"}) is None
    assert attrs_verdict({"class": "md:hidden"}) == ("soft", "html.hidden")
    assert attrs_verdict({"class": "hidden"}) == ("soft", "html.hidden")

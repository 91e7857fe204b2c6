"""Round 22 (htmlq27): the extractor's round-22 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text  # noqa: E402


# --------------------------------------------------------------------------- #
# An infinite scroll's appended stories (html_next_stories)
# --------------------------------------------------------------------------- #

SENTENCES = ["The harbour board voted on Tuesday to close the old fish market by the end of the year.",
             "Traders said they had not been consulted and asked for a meeting with the mayor.",
             "A new hall is planned on the east quay, with room for forty stalls and a cafe.",
             "The board expects the building work to take two summers and to cost nine million.",
             "Fishermen who sell from their boats will keep their places along the western wall.",
             "The council will publish the plans next month and invite comments until March."]
BYLINES = ["<div class='byline'>By {who}</div>", "<p class='article-meta'>{who} · 12.3.2025</p>",
           "<div class='meta'><time>4 March 2025</time></div>", "<ul class='share'><li><a href='#'>Share</a></li></ul>"]
WRAPPERS = {"article": ("<article class='story'>", "</article>"),
            "data-url": ("<div class='next-article' data-url='/n/2'><article>", "</article></div>"),
            "plain": ("<div class='post'>", "</div>")}


def _story(n: int, paragraphs: int, byline: str, wrapper: str, offset: int) -> tuple[str, list[str]]:
    texts = [f"Story {n}: " + SENTENCES[(offset + k) % len(SENTENCES)] for k in range(paragraphs)]
    open_, close = WRAPPERS[wrapper] if n > 1 else ("<article class='story'>", "</article>")
    html = (open_ + f"<h1>Headline of story number {n} about the harbour</h1>" + byline.format(who=f"Writer {n}")
            + "<div class='body'>" + "".join(f"<p>{t}</p>" for t in texts) + "</div>" + close)
    return html, texts


@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(st.integers(2, 8), min_size=2, max_size=3), byline=st.sampled_from(BYLINES),
       wrapper=st.sampled_from(sorted(WRAPPERS)), separator=st.sampled_from(["", "<hr>", "<div class='x'>Up next</div>"]))
def test_stories_appended_below_the_first_are_cut(sizes, byline, wrapper, separator):
    """Two or three whole stories, each headline signed by a byline, date or share bar, the later ones longer
    or shorter than the first: only the first is the page's text; the others are removed as ``html.next_story``
    (fails on main: every story of the feed was kept, or only the longest)."""
    parts, firsts, others = [], [], []
    for n, size in enumerate(sizes, 1):
        html, texts = _story(n, size, byline, wrapper, offset=n)
        parts.append(html)
        (firsts if n == 1 else others).extend(texts)
    page = ("<html><body><header><a href='/'>Harbour News</a></header><main><div class='feed'>"
            + separator.join(parts) + "</div></main><footer>© Harbour News</footer></body></html>")
    ex = extract_main_text(page)
    lines = ex.text.splitlines()
    assert all(t in lines for t in firsts)
    assert not any(t in lines for t in others)
    removed = " ".join(" ".join(r.text.split()) for r in ex.removed if r.rule == "html.next_story")
    assert all(t in removed for t in others)  # (provenance: what was dropped, and why)


def test_a_document_with_h1_sections_keeps_them_all():
    """Guard: HTML5 sections headed by ``<h1>`` with no byline of their own are one document's parts, kept
    (passes on main too)."""
    sections = "".join(f"<section><h1>Part {k}</h1><p>{SENTENCES[k]} {SENTENCES[k + 1]}</p>"
                       f"<p>{SENTENCES[k + 2]} {SENTENCES[(k + 3) % 6]}</p></section>" for k in range(3))
    page = (f"<html><body><main><article><h1>A guide to the harbour</h1><div class='byline'>By Jo</div>{sections}"
            "</article></main></body></html>")
    text = extract_main_text(page).text
    for k in range(3):
        assert SENTENCES[k + 2] in text and f"{SENTENCES[k]} {SENTENCES[k + 1]}" in text


def test_a_headline_over_a_date_in_a_header_is_not_a_story():
    """Guard: a site header's ``<h1>`` logo over a date line, then the story's own signed headline: the story
    stays whole (its container holds the first story's... the header holds no paragraphs; passes on main too)."""
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = ("<html><body><header><h1 class='site'>Harbour News</h1><div>Tuesday 4 March 2025</div></header>"
            f"<main><article><h1>The fish market closes</h1><div class='byline'>By Jo · 4.3.2025</div>{body}"
            "</article></main></body></html>")
    text = extract_main_text(page).text
    assert all(s in text for s in SENTENCES)


# --------------------------------------------------------------------------- #
# Consent managers' dialogs (html.parts_verdict, NEGATIVE_STEMS)
# --------------------------------------------------------------------------- #

CONSENT = ("We and our 812 partners store and/or access information on a device, such as cookies, and process personal "
           "data, such as unique identifiers and standard information sent by a device, for personalised advertising "
           "and content, advertising and content measurement, audience research and services development. ")
DIALOGS = {"role": "<div class='layer' role='dialog' aria-modal='true'><h2>Your privacy</h2><p>{c}</p><p>{c}</p>"
                   "<button>Accept</button></div>",
           "alertdialog": "<div role='alertdialog'><p>{c}</p><p>{c}</p><button>OK</button></div>",
           "onetrust": "<div id='onetrust-consent-sdk'><div id='onetrust-policy'><p>{c}</p><p>{c}</p></div>"
                       "<button>Accept all</button></div>",
           "quantcast": "<div id='qc-cmp2-container'><div class='qc-cmp2-summary-info'><p>{c}</p><p>{c}</p></div>"
                        "<button>Agree</button></div>",
           "consent": "<div class='consent-layer'><p>{c}</p><p>{c}</p><button>OK</button></div>"}


@settings(max_examples=25, deadline=None)
@given(kind=st.sampled_from(sorted(DIALOGS)), first=st.booleans(), paragraphs=st.integers(1, 3))
def test_a_shown_consent_dialog_is_never_the_text(kind, first, paragraphs):
    """A consent manager's dialog in the rendered DOM, first or last in the body, holding more prose than a
    short story: the story is the text, the dialog is cut (fails on main: the dialog's prose won the choice,
    or stayed beside the story)."""
    story = [SENTENCES[k] + " " + SENTENCES[k + 1] for k in range(paragraphs)]
    dialog = DIALOGS[kind].format(c=CONSENT)
    page = ("<html><body>" + (dialog if first else "") + "<header><a href='/'>Harbour News</a></header><main><article>"
            "<h1>The fish market closes</h1>" + "".join(f"<p>{t}</p>" for t in story) + "</article></main>"
            "<footer>© Harbour News</footer>" + ("" if first else dialog) + "</body></html>")
    ex = extract_main_text(page)
    assert all(t in ex.text for t in story)
    assert "partners store" not in ex.text

"""Round 21 (htmlq26): the extractor's round-21 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.document import Document  # noqa: E402
from corpus_clean.html import extract_main_text  # noqa: E402
from corpus_clean.pipeline import clean_documents  # noqa: E402


def _cleaned(page: str) -> str:
    """The pipeline's text of an HTML page (extraction, then the boilerplate step's marker rules)."""
    doc = Document(id="t", source="test", raw_text="", raw_sha256="", html=page)
    clean_documents([doc])
    return doc.text


# --------------------------------------------------------------------------- #
# A chronology's years come back (html_dated)
# --------------------------------------------------------------------------- #

EVENTS = ["The first ferry crosses the bay with forty passengers on board.",
          "A storm destroys the old pier, and the town votes to rebuild it in stone.",
          "The railway reaches the harbour; fish now travel inland overnight.",
          "The museum opens in the former customs house.",
          "Women join the lifeboat crew for the first time."]
MARKUPS = {"heading": "<h3>{y}</h3><p>{t}</p>",
           "time": "<li><time datetime='{y}'>{y}</time><p>{t}</p></li>",
           "span": "<div class='milestone'><span class='year'>{y}</span><ul><li>{t}</li></ul></div>",
           "dt": "<dt>{y}</dt><dd>{t}</dd>"}


def _history(entries: list[tuple[int, str]], markup: str) -> str:
    rows = "".join(MARKUPS[markup].format(y=y, t=t) for y, t in entries)
    rows = {"time": f"<ol>{rows}</ol>", "dt": f"<dl>{rows}</dl>"}.get(markup, rows)
    return ("<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav><main><article><h1>Our history</h1>"
            "<p>From a fishing village to a busy port: the town's story in the years that shaped it.</p>"
            f"{rows}</article></main><footer>© Harbour Society</footer></body></html>")


@settings(max_examples=25, deadline=None)
@given(start=st.integers(1800, 1990), steps=st.lists(st.integers(1, 9), min_size=2, max_size=5),
       markup=st.sampled_from(sorted(MARKUPS)), falling=st.booleans())
def test_a_chronology_keeps_its_years(start, steps, markup, falling):
    """Years alone on their line over each entry's sentence (a heading, a ``<time>``, a ``<span>``, a ``<dt>``)
    are the chronology's dates: kept, rising or falling (fails on main: ``outlets.count_only`` cut every year)."""
    years = [start]
    for step in steps:
        years.append(years[-1] + step)
    if falling:
        years.reverse()
    entries = [(y, EVENTS[k % len(EVENTS)]) for k, y in enumerate(years)]
    lines = _cleaned(_history(entries, markup)).splitlines()
    for y, _ in entries:
        assert str(y) in lines


def test_counts_and_post_dates_stay_cut():
    """Guard: numbers in a post's user panel ("Posts" over 1865), a lone year and full dates over teasers stay
    cut: they are no chronology (no sentence before the next number, one year alone, a date that is no year)."""
    posts = "".join(f"<div class='post'><div class='panel'><div>Posts</div><div>{n}</div></div><p>{t}</p></div>"
                    for n, t in ((1865, EVENTS[0]), (1990, EVENTS[1]), (2011, EVENTS[2])))
    teasers = "".join(f"<li><div>Feb {d}, 2026</div><p>{t}</p></li>" for d, t in ((9, EVENTS[3]), (2, EVENTS[4])))
    text = _cleaned(f"<html><body><main><article><p>{EVENTS[1]}</p><p>1907</p><p>{EVENTS[2]}</p>{posts}"
                    f"<ul>{teasers}</ul></article></main></body></html>")
    lines = text.splitlines()
    assert "1865" not in lines and "1990" not in lines and "1907" not in lines
    assert not any(line.startswith("Feb ") for line in lines)
    assert EVENTS[4] in text


# --------------------------------------------------------------------------- #
# The hidden rest of a story behind "continue reading" (html_panels)
# --------------------------------------------------------------------------- #

SHOWN = ("The council met on Monday evening and, after a long debate, voted to build a new bridge over the river "
         "where the old ferry has run since 1921.")
REST = ["Work starts in spring, the mayor said, and the ferry will keep running until the bridge opens in two years.",
        "Residents on the north bank had asked for a crossing for decades; the last plan failed for lack of money.",
        "The regional government pays two thirds of the cost, and the harbour authority most of the rest."]
CONTROLS = {"button data-target": "<button type='button' data-target='#rest'>{label}</button>",
            "link in a read-more box": "<div class='read-more-wrap'><a href='#rest' class='read-more-link'>{label}</a></div>",
            "aria-controls": "<button aria-controls='rest' aria-expanded='false'>{label}</button>",
            "bootstrap toggle": "<a class='btn' data-toggle='collapse' href='#rest' role='button'>{label}</a>"}
HIDINGS = ["hidden", "style='display:none'", "aria-hidden='true' style='display:none'"]


@pytest.mark.parametrize("control", sorted(CONTROLS))
@pytest.mark.parametrize("hiding", HIDINGS)
@pytest.mark.parametrize("after", [False, True])
def test_the_hidden_rest_of_a_story_is_kept(control, hiding, after):
    """A story's rest hidden until "Continue reading" opens it is the story, whether its control comes before
    or after it (fails on main for a toggle naming it in ``data-target`` after it, and for a link inside a box
    labelled ``read-more``: both were cut before the hidden rest was judged, so nothing tied it to a control)."""
    button = CONTROLS[control].format(label="Continue reading")
    rest = f"<div id='rest' class='story-rest' {hiding}>" + "".join(f"<p>{t}</p>" for t in REST) + "</div>"
    body = f"<p>{SHOWN}</p>" + (rest + button if after else button + rest)
    page = (f"<html><body><nav><a href='/'>Home</a></nav><main><article><h1>A bridge at last</h1>{body}</article>"
            "</main><footer>© The Daily Tide</footer></body></html>")
    text = extract_main_text(page).text
    assert SHOWN in text
    for line in REST:
        assert line in text


def test_a_hidden_modal_with_an_in_page_link_stays_cut():
    """Guard: a hidden sign-up modal no control opens stays out, beside a story whose rest comes back."""
    page = ("<html><body><main><article><p>" + SHOWN + "</p><div class='read-more-wrap'><a href='#rest'>More</a></div>"
            "<div id='rest' hidden>" + "".join(f"<p>{t}</p>" for t in REST) + "</div></article></main>"
            "<div class='modal' hidden><p>Join our newsletter: the week's best stories in your inbox every Sunday "
            "morning, free.</p></div></body></html>")
    text = extract_main_text(page).text
    assert REST[0] in text and "newsletter" not in text


# --------------------------------------------------------------------------- #
# A forum reply's quote of a post the thread shows (html_mail.cut_repeated_quotes)
# --------------------------------------------------------------------------- #

POSTS = ["Has anyone replaced the rear hatch lights on the 2021 model? Mine flicker when the hatch is half open.",
         "Yes, I did it last spring. The connector behind the left panel was loose; a dab of grease fixed it for good.",
         "Thanks, that was it. Took ten minutes with a trim tool, and no more flicker since.",
         "Same problem here, same fix. The dealer wanted to replace the whole light unit."]
QUOTES = {"phpbb": "<blockquote><cite>{who} wrote:</cite>{text}</blockquote>",
          "xenforo": "<blockquote class='bbCodeBlock bbCodeBlock--quote'><div class='bbCodeBlock-title'>{who} said:</div>"
                     "<div class='bbCodeBlock-content'>{text}</div></blockquote>",
          "vbulletin": "<div class='bbcode_container'><div class='bbcode_quote'><div class='quote_container'>"
                       "<div class='bbcode_postedby'>Originally Posted by <strong>{who}</strong></div>"
                       "<div class='message'>{text}</div></div></div></div>"}


@settings(max_examples=25, deadline=None)
@given(engine=st.sampled_from(sorted(QUOTES)), quoted=st.lists(st.integers(0, 2), min_size=1, max_size=3),
       body_is_blockquote=st.booleans())
def test_a_reply_quoting_an_earlier_post_loses_the_copy(engine, quoted, body_is_blockquote):
    """A reply's quote of a post the thread shows above it is a copy: cut, the reply and the original kept once
    each (fails on main: the quoted post was kept twice); vBulletin writes each post's body as a blockquote."""
    who = ["harbourdad", "Marta_K", "old_salt", "nightowl"]
    tag = "blockquote class='postcontent'" if body_is_blockquote else "div class='content'"
    end = tag.split()[0]
    posts = []
    for i, text in enumerate(POSTS):
        quote = ""
        if i and i - 1 < len(quoted):
            j = min(quoted[i - 1], i - 1)
            quote = QUOTES[engine].format(who=who[j], text=POSTS[j])
        posts.append(f"<li class='post'><div class='author'>{who[i]}</div><{tag}>{quote}{text}</{end}></li>")
    page = ("<html><body><main><h1>Rear hatch lights flicker</h1><ol class='posts'>" + "".join(posts)
            + "</ol></main><footer>© Car Forum</footer></body></html>")
    text = extract_main_text(page).text
    for post in POSTS:
        assert text.count(post) == 1


def test_a_story_quoting_its_source_keeps_the_quote():
    """Guard: a blockquote the page shows once (a story quoting a letter) and a pull quote's first showing stay."""
    letter = "We ask the council to keep the ferry running until the new bridge is open to traffic."
    page = ("<html><body><main><article><h1>Ferry to stay</h1><p>" + SHOWN + "</p><p>In their letter, the residents are clear.</p>"
            f"<blockquote><p>{letter}</p></blockquote><p>{REST[0]}</p></article></main></body></html>")
    text = extract_main_text(page).text
    assert letter in text and REST[0] in text


# --------------------------------------------------------------------------- #
# A label over one headline link inside the story (html_label_links)
# --------------------------------------------------------------------------- #

LABELS = ["עוד באתר:", "اقرأ أيضا:", "بیشتر بخوانید:", "Siehe auch:", "Leggi pure:", "Más sobre esto:", "Ook lezen:"]
STORY = ["The council met on Monday evening and voted to build a new bridge over the river, after a long debate.",
         "Work starts in spring, the mayor said, and the ferry will keep running until the bridge opens in two years.",
         "Residents on the north bank had asked for a crossing for decades; the last plan failed for lack of money.",
         "The regional government pays two thirds of the cost, and the harbour authority most of the rest.",
         "Engineers expect the piers to be the hardest part, because the river bed is soft clay down to twelve metres."]


@settings(max_examples=25, deadline=None)
@given(label=st.sampled_from(LABELS), at=st.integers(1, len(STORY) - 1), bold=st.booleans(),
       words=st.integers(4, 9))
def test_a_cross_link_under_a_label_is_cut_in_any_language(label, at, bold, words):
    """A line made of a short label ending in ":" and one link holding another story's headline, between the
    story's paragraphs, is a cross-link: cut whatever the label's language (fails on main: only labels the
    packs list word by word were cut, "עוד באתר:" or "Siehe auch:" stayed in the story)."""
    headline = " ".join(["harbour", "board", "closes", "the", "old", "fish", "market", "after", "decades"][:words])
    shown = f"<b>{label}</b>" if bold else label
    paras = [f"<p>{t}</p>" for t in STORY]
    paras.insert(at, f"<p>{shown} <a href='/news/2025/{words}'>{headline}</a></p>")
    page = ("<html><body><main><article><h1>A bridge at last</h1>" + "".join(paras)
            + "</article></main></body></html>")
    text = extract_main_text(page).text
    assert headline not in text
    assert all(t in text for t in STORY)


def test_facts_and_cited_sources_under_labels_stay():
    """Guard: a label over a short link ("Tickets: book here") is a fact, and a commentary that cites a source
    under each paragraph ("See: <a>…</a>") keeps its citations."""
    cites = "".join(f"<p>{t}</p><p>See: <a href='/s/{k}'>Why bridges over soft clay need deep piers</a></p>"
                    for k, t in enumerate(STORY[:3]))
    page = ("<html><body><main><article><h1>Notes</h1>" + cites
            + f"<p>{STORY[3]}</p><p>Tickets: <a href='/t'>book here</a></p><p>{STORY[4]}</p></article></main></body></html>")
    text = extract_main_text(page).text
    assert text.count("Why bridges over soft clay need deep piers") == 3
    assert "book here" in text

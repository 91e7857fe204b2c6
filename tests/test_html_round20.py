"""Round 20 (htmlq25): the extractor's round-20 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations

import pytest


# --------------------------------------------------------------------------- #
# A list whose items are sentences written around their links is the story (html_link_sentences)
# --------------------------------------------------------------------------- #

from hypothesis import given, settings, strategies as st  # noqa: E402

from corpus_clean.html import extract_main_text  # noqa: E402

INTRO = ("Here is what the harbour software team shipped over the last two weeks, with thanks to everyone who "
         "reviewed patches, filed bugs and tested the nightly builds on their own machines.")
WHO = ["Mira", "tvidal", "Sanne", "pgreco", "Ines", "jkeller"]
LEADS = ["{who} has patches up to", "{who} fixed", "Thanks to {who}, users can now", "{who} landed a change to",
         "{who} is working on a plan to"]
LINKED = ["show the tide table when the harbour map is opened offline", "stop the ferry timetable from flickering",
          "import saved routes from the old chart plotter", "speed up the search for moorings by half",
          "keep the weather panel open while a route is planned"]
TAILS = ["", ", and {link2}", ", which was the most reported crash of the month", " in the nightly builds"]


def _report(items: list[tuple[str, str, str]], heading: str, menu: str) -> str:
    """A status report: an introduction, then a heading over bullets of sentences written around links."""
    bullets = "".join(
        f"<li>{lead} <a href='https://bugs.example.org/{k}'>{link}</a>"
        + tail.replace("{link2}", f"<a href='https://bugs.example.org/{k}0'>{link}</a>") + "</li>"
        for k, (lead, link, tail) in enumerate(items))
    return ("<html><body><div class='top'><a href='/'>Home</a> <a href='/blog'>Blog</a></div>"
            f"<article><h1>These weeks in harbour software</h1><div class='entry'><p>{INTRO}</p>"
            f"<h3>{heading}</h3><ul>{bullets}</ul>{menu}</div></article>"
            "<div class='foot'>© Harbour Software</div></body></html>")


def _plain(lead: str, link: str, tail: str) -> str:
    return f"{lead} {link}" + tail.replace("{link2}", link)


@settings(max_examples=30, deadline=None)
@given(picks=st.lists(st.tuples(st.integers(0, len(LEADS) - 1), st.integers(0, len(LINKED) - 1),
                                st.integers(0, len(TAILS) - 1), st.integers(0, len(WHO) - 1)), min_size=1, max_size=6),
       heading=st.sampled_from(["Performance", "Fission", "Highlights", "Neuigkeiten"]),
       menu=st.sampled_from(["", "<ul><li><a href='/a'>Older posts</a></li><li><a href='/b'>Newer posts</a></li></ul>"]))
def test_bullets_written_around_their_links_are_kept(picks, heading, menu):
    """A status report's bullets, each a sentence whose links carry most of its words ("Mira fixed <a>the
    crash when ...</a>"), are the story: kept (fails on main: each bullet was cut as ``html.links``); a
    pager of links alone after them is still cut."""
    items = [(LEADS[a].format(who=WHO[d]), LINKED[b], TAILS[c]) for a, b, c, d in picks]
    result = extract_main_text(_report(items, heading, menu))
    for item in items:
        assert _plain(*item) in result.text
    assert "Older posts" not in result.text


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 3), shape=st.sampled_from(["{link}", "Related: {link}", "Read more: {link}",
                                                   "{link} 3 hours ago", "{link} (PDF, 2 MB)", "by {link}"]))
def test_lists_of_links_alone_or_with_a_label_are_still_cut(n, shape):
    """Guard (passes on main too): a short list inside the article whose items are links alone, a label over a
    link ("Related:", "Read more:"), a link with its date or size, or "by" and a name, is furniture: cut
    as ``html.links`` and recorded."""
    items = "".join("<li>" + shape.replace("{link}", f"<a href='/s/{k}'>{LINKED[k % len(LINKED)].capitalize()}</a>")
                    + "</li>" for k in range(n))
    page = ("<html><body><article><h1>Harbour news</h1><div class='entry'>"
            f"<p>{INTRO}</p><p>{INTRO.replace('two weeks', 'month')}</p><ul>{items}</ul></div></article></body></html>")
    result = extract_main_text(page)
    assert INTRO in result.text
    assert LINKED[0].capitalize() not in result.text
    assert any(r.rule == "html.links" and LINKED[0].capitalize() in r.text for r in result.removed)


def test_a_sentence_item_needs_words_before_or_between_its_links():
    """The item test itself: words that build a sentence before or between the links, five words in all."""
    from selectolax.lexbor import LexborHTMLParser

    from corpus_clean.html_link_sentences import reads_as_link_sentence

    def item(markup: str) -> bool:
        return reads_as_link_sentence(LexborHTMLParser(f"<ul><li>{markup}</li></ul>").css_first("li"))

    assert item("Neil has patches up to <a href='/1'>improve the tab unloader</a>, and <a href='/2'>show UI</a>")
    assert item("<a href='/1'>Mira</a> and <a href='/2'>Ines</a> moved the harbour map to the new tiles")
    assert not item("<a href='/1'>Harbour board closes the old fish market</a>")
    assert not item("Related: <a href='/1'>Harbour board closes the old fish market</a>")
    assert not item("<a href='/1'>Harbour board closes the old fish market</a> 3 hours ago")
    assert not item("Mira fixed <a href='/1'>it</a>")  # four words: a fragment, not a sentence


# --------------------------------------------------------------------------- #
# A chart's labels placed over its image are not the story (html_chart_labels)
# --------------------------------------------------------------------------- #

STORY = ["Interest on the harbour authority's debt will overtake its spending on dredging within five years, "
         "according to the budget office, which published its forecast on Monday.",
         "The forecast assumes that rates stay where they are, which most of the board's advisers think unlikely "
         "after two years of rises."]


def _chart_page(labels: list[str], side: str, unit: str) -> str:
    """A story with an ai2html-style chart between its paragraphs: an image and ``labels`` placed over it."""
    placed = "".join(f"<div class='g-label' style='top:{3 + 9 * k % 90}.5{unit};margin-top:-9px;{side}:{7 * k % 95}.2{unit};"
                     f"width:60px'><p>{label}</p></div>" for k, label in enumerate(labels))
    return ("<html><body><article><h1>Debt costs rise</h1>"
            f"<p>{STORY[0]}</p><div class='graphic'><div class='artboard'><img src='chart.png' alt=''>{placed}</div></div>"
            f"<p>{STORY[1]}</p></article></body></html>")


@settings(max_examples=30, deadline=None)
@given(ticks=st.lists(st.sampled_from(["’17", "’18", "’19", "$915", "billion", "13.0%", "0", "Net interest", "RECESSIONS",
                                       "Yield on 10-year notes", "6.6%", "MONTHLY"]), min_size=3, max_size=30),
       side=st.sampled_from(["left", "right"]))
def test_a_charts_labels_placed_over_its_image_are_cut_and_recorded(ticks, side):
    """Three or more short labels placed by percent coordinates over a chart's image are cut as ``html.chart``
    (fails on main: each tick and value was a line of the article); the story around the chart is kept."""
    result = extract_main_text(_chart_page(ticks, side, "%"))
    for line in STORY:
        assert line in result.text
    kept = set(result.text.splitlines())
    assert not kept & set(ticks)
    assert any(r.rule == "html.chart" for r in result.removed)


@pytest.mark.parametrize("labels,unit", [(["New"], "%"), (["Play", "12:04"], "%"),
                                          (["Photo: a long caption laid over the picture, telling who stands on the quay "
                                            "and why the crowd gathered there on that cold morning", "Credit: J. Bakker",
                                            "1/12"], "%"),
                                          (["’17", "’18", "’19", "’20"], "px")])
def test_a_badge_a_caption_or_pixel_placed_text_is_not_a_chart(labels, unit):
    """Guard (passes on main too): one or two placed texts (a badge, a play button and its length), a group
    holding a caption of prose, or texts placed by pixels are not cut as a chart."""
    result = extract_main_text(_chart_page(labels, "left", unit))
    assert not any(r.rule == "html.chart" for r in result.removed)

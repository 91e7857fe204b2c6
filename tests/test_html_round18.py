"""Round 18 (htmlq23): the extractor's round-18 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations


# --------------------------------------------------------------------------- #
# A photo essay's captions are its story (html_gallery.captions_told_story)
# --------------------------------------------------------------------------- #

from hypothesis import given, settings, strategies as st  # noqa: E402

from corpus_clean.html import extract_main_text  # noqa: E402

CAPTIONS = ["Fishermen haul the last nets of the season onto the quay at Kettlewick, where the harbour will close "
            "for repairs from November until the spring tides.",
            "The auction hall, built in 1911, still sells the catch by the old method: a bell, a chalk board and a "
            "buyer's nod, though the bids now arrive by phone as well.",
            "Ana Ribeiro mends a net in her father's shed; she is one of four women who hold a licence in the "
            "town, and the youngest skipper on the northern coast.",
            "A trawler waits for the tide at dawn, its hold empty after two weeks of storms kept the fleet inside "
            "the breakwater and the market shut.",
            "Gulls follow the Maria Luisa home past the lighthouse, which was automated in 1987 and is now a small "
            "museum run by the keepers' grandchildren.",
            "Crates of mackerel are iced and stacked for the lorries to the cities, which leave at four in the "
            "morning and reach the markets before the shops open.",
            "Children from the harbour school watch the boats come in, a tradition kept every Friday since the "
            "school opened beside the slipway in the fifties."]
CREDITS = ["Joana Matos / Reuters", "Pieter Hals / ANP", "Lena Kraus / dpa", "Marco Sala / AFP"]


def _photo_essay(n: int, style: int) -> str:
    """A photo essay: an intro line, then ``n`` photos whose captions tell the story, each with a credit and a counter."""
    photos = []
    for i in range(n):
        cap, credit = CAPTIONS[i % len(CAPTIONS)], CREDITS[i % len(CREDITS)]
        if style == 0:
            photos.append(f"<figure class='photo'><img src='/{i}.jpg'><figcaption><span class='count'>{i + 1}/{n}</span> "
                          f"{cap} <span class='credit'>{credit}</span></figcaption></figure>")
        elif style == 1:
            photos.append(f"<div class='slide'><img src='/{i}.jpg'><div class='caption'><p>{cap}</p>"
                          f"<p class='photo-credit'>{credit}</p></div><div class='n'>{i + 1} of {n}</div></div>")
        else:
            photos.append(f"<figure><img src='/{i}.jpg'><figcaption><p>{cap}</p><cite>{credit}</cite></figcaption></figure>")
    return ("<html><body><div class='nav'><a href='/'>Home</a> <a href='/photo'>Photography</a></div><main><article>"
            "<h1>The last season at Kettlewick</h1><p class='intro'>A week with the fishing families of a closing harbour.</p>"
            + "".join(photos) + "</article></main><div class='foot'><p>© Harbour Pictures 2025</p></div></body></html>")


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=3, max_value=9), style=st.integers(min_value=0, max_value=2))
def test_a_photo_essays_captions_are_kept_without_credits_or_counters(n, style):
    """In a photo essay the captions tell the story: every caption's text is kept, its credit and the photo's
    counter are cut (fails on main: each caption is cut as ``html.caption``, the essay keeps its intro alone)."""
    result = extract_main_text(_photo_essay(n, style))
    assert all(cap in result.text for cap in CAPTIONS[:n])
    assert not any(credit in result.text for credit in CREDITS)
    assert f"1 of {n}" not in result.text and f"1/{n}" not in result.text
    assert any(r.rule == "html.caption" and CREDITS[0] in r.text for r in result.removed)


def test_captions_beside_a_story_of_its_own_stay_cut():
    """A news story of its own with three long captions keeps cutting them, as scrapinghub's gold does (a guard)."""
    story = "".join(f"<p>Paragraph {i} of the council's story: the harbour closes in November for repairs to the "
                    "breakwater, and the fleet moves to the next town.</p>" for i in range(6))
    photos = "".join(f"<figure><img src='/{i}.jpg'><figcaption>{cap}</figcaption></figure>" for i, cap in enumerate(CAPTIONS[:3]))
    text = extract_main_text(f"<html><body><article><h1>Harbour to close</h1>{story}{photos}</article></body></html>").text
    assert "Paragraph 5" in text and not any(cap in text for cap in CAPTIONS[:3])


# --------------------------------------------------------------------------- #
# The headline's block before the story is its header (html._headline_block in _with_siblings)
# --------------------------------------------------------------------------- #

STORY = ["We started building cargo bikes in a shed behind the harbour in 2019, for the bakers and the florists of "
         "the old town, who were tired of vans that could not reach their doors.",
         "The new frame folds in half, carries two crates or a child seat, and weighs nine kilos less than the "
         "first model, which we still ride every day to the market and back.",
         "Your pledge pays for the moulds, the first batch of two hundred frames and the safety tests, which take "
         "six weeks at the institute in the capital and cannot be skipped.",
         "If we reach the goal early, the extra money goes to a second colour and to a rain cover, which our "
         "riders have asked for since the very first winter on the road.",
         "Every frame is welded and painted here, by the six of us, and the wheels come from a workshop two "
         "streets away that has built them for the town's postmen for forty years.",
         "Backers in the region can collect their bike at the shed and ride it home; the others will receive it "
         "in a wooden crate, with the tools to fit the handlebar and the front box."]
HERO_LINES = ["A folding cargo bike for the old town, built by hand in the harbour, with room for two crates, or a child.",
              "25 days to go", "All or nothing. This project will only be funded if it reaches its goal."]


@settings(max_examples=20, deadline=None)
@given(pledged=st.integers(min_value=1, max_value=99), backers=st.integers(min_value=2, max_value=9999))
def test_a_campaigns_hero_block_stays_out_of_its_story(pledged, backers):
    """A campaign's hero (headline, blurb, pledge box) beside the story's column is its header: the story is kept,
    the hero is not (fails on main: the hero scores over the sibling floor and joins). (A story of under 70 % of
    ``<main>``'s prose still widens to ``<main>``, hero and all: html_sections.widen_to_main_column.)"""
    n_paras = 6
    hero = (f"<div class='hero'><h1>The harbour cargo bike</h1><p class='blurb'>{HERO_LINES[0]}</p><img src='/h.jpg'>"
            f"<div class='stats'><p><span>€{pledged},000</span> pledged of €110,000 goal</p><p>{backers} backers</p>"
            f"<p>{HERO_LINES[1]}</p><a href='#'>Back this project</a><p>{HERO_LINES[2]}</p></div></div>")
    story = "".join(f"<p>{text}</p>" for text in STORY[:n_paras])
    page = (f"<html><body><div class='top'><a href='/'>Home</a></div><main>{hero}<div class='row'><div class='story'>"
            f"<h2>Story</h2>{story}</div><aside class='rewards'><h3>Rewards</h3><p>Pledge €50 or more</p></aside></div></main></body></html>")
    text = extract_main_text(page).text
    assert all(part in text for part in STORY[:n_paras])
    assert not any(line in text for line in HERO_LINES) and "backers" not in text


def test_a_headline_block_holding_half_the_story_still_joins():
    """The block with the headline that also holds a real part of the story (its first paragraphs) joins as before."""
    first = "".join(f"<p>{text}</p>" for text in STORY[:2])
    rest = "".join(f"<p>{text}</p>" for text in STORY[2:])
    page = (f"<html><body><main><div class='head'><h1>The harbour cargo bike</h1>{first}</div>"
            f"<div class='body'>{rest}</div></main></body></html>")
    text = extract_main_text(page).text
    assert all(part in text for part in STORY)


# --------------------------------------------------------------------------- #
# A box titled "Summary:" above a chapter is no standfirst (html_standfirst._headed)
# --------------------------------------------------------------------------- #

CHAPTER = ["The lamps along the quay were already lit when Ilsa reached the ferry, and the last of the carts was "
           "rolling down the ramp, its driver asleep on the bench with the reins round his wrist.",
           "“Is it always this late?” she asked.",
           "“Only in winter,” Corvin said, and pulled the rope until the gate closed behind them.",
           "They crossed in silence, the water black and flat, the far shore a line of windows that came no closer "
           "for a long time, and then all at once was there, with voices and dogs and the smell of bread.",
           "“Welcome back.”"]
WORK_SUMMARY = ("Two couriers, one river and a winter that will not end: a story of the ferry town, in twelve "
                "chapters, written for the midwinter exchange.")


@settings(max_examples=20, deadline=None)
@given(heading=st.sampled_from(["Summary:", "Summary", "Zusammenfassung:", "Riassunto"]),
       label=st.sampled_from(["summary", "work-summary", "story-summary module"]))
def test_a_titled_summary_box_above_a_chapter_is_no_lead(heading, label):
    """A work's summary box, titled, standing before the chapter's text is not the chapter's lead: the chapter is
    kept, the summary is not (fails on main: "summary" names a lead, html_standfirst added it)."""
    page = ("<html><body><div class='nav'><a href='/'>Archive</a></div><div id='workskin'><div class='preface'>"
            f"<h2 class='title'>The ferry town</h2><div class='{label}'><h3>{heading}</h3><blockquote><p>{WORK_SUMMARY}</p>"
            "</blockquote></div></div><div class='chapter'><h3>Chapter 3: Crossing</h3><div class='userstuff'>"
            + "".join(f"<p>{line}</p>" for line in CHAPTER) + "</div></div></div></body></html>")
    text = extract_main_text(page).text
    assert all(line in text for line in CHAPTER)
    assert WORK_SUMMARY not in text


def test_an_untitled_summary_before_the_story_is_still_its_lead():
    """The same box without a title of its own is a standfirst, added as before (a guard)."""
    page = ("<html><body><div class='nav'><a href='/'>Archive</a></div><article><div class='head'><div class='summary'>"
            f"<p>{WORK_SUMMARY}</p></div></div><div class='body'>" + "".join(f"<p>{line}</p>" for line in CHAPTER)
            + "</div></article></body></html>")
    assert WORK_SUMMARY in extract_main_text(page).text

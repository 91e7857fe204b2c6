"""Round 27 (issue 11, news27): the wire service or outlet a story came from, written in
brackets on the page's last kept line in any language ("(Agencia IP)", "(Kenya News
Agency)", "(बघेली समाचार सेवा)"), goes as an agency's tag (``story_tail.mark_agency_tag``,
``is_bracketed_source``); so does a radio station's plug with its frequency closing the page
(``mark_station_plug``). Names are generated from invented syllables in four scripts
(round 23's: no pack knows them). The guards pin what stays: a bracketed sentence, an aside
in lower case, a bracketed name with the story going on under it."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_tail import AGENCY_RULE, STATION_RULE, mark_agency_tag, mark_station_plug
from tests.test_story_credits_round23 import SCRIPTS


@st.composite
def bracketed_source(draw):
    """(story sentences, "(Name Name ...)") in one script: 2-5 capitalised invented words (a
    bracketed single word is a transcript's aside: "(Applause)")."""
    syllables = SCRIPTS[draw(st.sampled_from(sorted(SCRIPTS)))]
    word = st.lists(st.sampled_from(syllables), min_size=2, max_size=3).map("".join)
    story = []
    for _ in range(3):
        words = draw(st.lists(word, min_size=6, max_size=12))
        story.append(" ".join([words[0].capitalize()] + words[1:]) + ".")
    name = " ".join(w.capitalize() for w in draw(st.lists(word, min_size=2, max_size=5)))
    opening, closing = draw(st.sampled_from([("(", ")"), ("（", "）")]))
    return story, f"{opening}{name}{closing}"


@settings(max_examples=40, deadline=None)
@given(page=bracketed_source())
def test_a_bracketed_source_closing_the_story_goes(page):
    """Fails on main: only an acronym in capitals was an agency's tag."""
    story, tag = page
    ctx = Context("\n".join(story + [tag]) + "\n")
    mark_agency_tag(ctx)
    assert ctx.marks.rule[:4] == [None] * 3 + [AGENCY_RULE]


@settings(max_examples=20, deadline=None)
@given(page=bracketed_source())
def test_a_bracketed_name_with_the_story_under_it_stays(page):
    story, tag = page
    ctx = Context("\n".join(story[:2] + [tag] + story[2:] * 2) + "\n")
    mark_agency_tag(ctx)
    assert AGENCY_RULE not in ctx.marks.rule


@pytest.mark.parametrize("last", ["(The vote was close.)", "(laughs)", "(2021)", "(One Two Three Four Five Six Seven)",
                                  "— and then it rained.", "— said the mayor", "— Mary Cole, Hatherley"])
def test_a_bracketed_sentence_an_aside_or_a_dash_going_on_stays(last):
    """Guards: a bracketed sentence, an aside in lower case, a year, a long bracketed name; a
    dash that goes on with a sentence or a speaker in lower case, a letter's signature."""
    story = ["The council met on Monday to hear the plans for the new harbour wall.",
             "The harbour wall will be two metres higher and will cost four million euros in all."]
    ctx = Context("\n".join(story + [last]) + "\n")
    mark_agency_tag(ctx)
    assert AGENCY_RULE not in ctx.marks.rule


# --- a radio station's plug closing the page (``story_tail.mark_station_plug``) -----------

PLUG_SHAPES = ["Listen to Radio {n} {f} FM every evening", "{n} {f} FM", "Escucha Radio {n} en {f} FM",
               "Radio {n} FM, {f} à {n}", "Sintonice {n} {f} MHz", "{n} — {f} FM, {n}"]


@settings(max_examples=40, deadline=None)
@given(page=bracketed_source(), shape=st.sampled_from(PLUG_SHAPES), mhz=st.integers(88, 107), tenth=st.integers(0, 9))
def test_a_station_plug_closing_the_page_goes(page, shape, mhz, tenth):
    """A short line holding a frequency and ending no sentence, the page's last kept line
    under the story, goes (fails on main: no step or rule knew it)."""
    story, tag = page
    name = tag.strip("()（）")
    plug = shape.format(n=name, f=f"{mhz}.{tenth}")
    ctx = Context("\n".join(story + [plug]) + "\n")
    mark_station_plug(ctx)
    assert ctx.marks.rule[:4] == [None] * 3 + [STATION_RULE], plug


@settings(max_examples=20, deadline=None)
@given(page=bracketed_source(), mhz=st.integers(88, 107))
def test_a_sentence_naming_a_frequency_or_a_plug_inside_the_story_stays(page, mhz):
    story, tag = page
    name = tag.strip("()（）")
    for lines in (story + [f"Radio {name} broadcasts on {mhz}.5 FM."],
                  story[:2] + [f"Radio {name} {mhz}.5 FM"] + story[2:] * 2):
        ctx = Context("\n".join(lines) + "\n")
        mark_station_plug(ctx)
        assert STATION_RULE not in ctx.marks.rule, lines


# --- a wire story's sign-off: "Name (ACRONYM)", "— Name" (``story_tail.is_agency_sign_off``) ---


@settings(max_examples=40, deadline=None)
@given(page=bracketed_source(), dashed=st.booleans(), acronym=st.sampled_from(["MPS", "AHS", "KNA", "ТАСС"]))
def test_an_agency_sign_off_closing_the_story_goes(page, dashed, acronym):
    """An agency's name with its acronym in brackets, or a dash and a name, as the page's last
    kept line under the story, goes (fails on main: only an acronym first was read)."""
    story, tag = page
    name = tag.strip("()（）")
    sign_off = f"— {name}" if dashed else f"{name} ({acronym})"
    ctx = Context("\n".join(story + [sign_off]) + "\n")
    mark_agency_tag(ctx)
    assert ctx.marks.rule[:4] == [None] * 3 + [AGENCY_RULE], sign_off


def test_the_last_row_of_the_story_s_list_of_stations_stays():
    """Guard: a story that lists stations ends in a plug's shape; the row above it holds a
    frequency, or the list's announcement ends in ":"."""
    story = ["Three community stations will share the new mast on the hill above the town, the council said.",
             "The mast cost forty thousand euros and was paid for by the region."]
    for rows in (["The stations:", "Radio Kalindi 96.4 FM"], ["Radio Lagon 101.3 FM", "Radio Kalindi 96.4 FM"]):
        ctx = Context("\n".join(story + rows) + "\n")
        mark_station_plug(ctx)
        assert STATION_RULE not in ctx.marks.rule, rows


# --- mend27b: guards with the tag or plug as the page's last kept line -------------------

STORY = ["The council met on Monday to hear the plans for the new harbour wall.",
         "The harbour wall will be two metres higher and will cost four million euros in all."]


def _cut_last(lines: list[str], below: list[str] = (), step=mark_agency_tag) -> list:
    """The rules `step` gives `lines` set under the story, with `below` (a paragraph or a
    line going on) under them already cut by the model, as the page's text path has it."""
    ctx = Context("\n".join(STORY + lines + list(below)) + "\n")
    for j in range(len(STORY) + len(lines), len(STORY) + len(lines) + len(below)):
        ctx.marks.rule[j] = "classifier"
    step(ctx)
    return ctx.marks.rule[len(STORY):len(STORY) + len(lines)]


@pytest.mark.parametrize("lines", [
    ["Estos son los concejales electos:", "María López Ruiz (PSOE)", "Juan García Pérez (PP)"],
    ["Gewählt wurden diese beiden.", "Thomas Müller (SPD)", "Maria Schmidt (FDP)"],
    ["Thank you all for coming tonight.", "(Applause)"], ["Gracias a todos por venir.", "(Aplausos)"],
    ["Danke, dass Sie gekommen sind.", "(Beifall)"], ["Please fix the wall this year.", "(Mrs Anna Pike, Harbour Road)"],
    ["The money comes from the fund run by the", "European Investment Bank (EIB)"],
    ["Fuentes", "(Agencia IP)"], ["Источники", "— Заречинское Агентство"],
])
def test_a_list_s_last_row_a_transcript_s_aside_a_signature_or_a_wrapped_tail_stays(lines):
    """Guards (review of news27): the story's own list of names with their parties, a
    transcript's "(Applause)" in three languages, a letter's signed address, a sentence's
    wrapped tail, a source's shape under a short heading: each the page's last kept line."""
    assert AGENCY_RULE not in _cut_last(lines), lines


def test_a_bracketed_source_with_the_story_going_on_or_a_paragraph_below_or_no_story_above_stays():
    """Guards of ``_goes_on``, ``prose_after`` and ``_story_above``: the source's shape as the
    page's last kept line, with the cut lines under it a sentence's lower-case rest or a
    paragraph of the story, or with no story above it."""
    assert AGENCY_RULE not in _cut_last(["(Agencia IP)"], below=["que publicó el informe el lunes."])
    assert AGENCY_RULE not in _cut_last(["(Agencia IP)"], below=[STORY[1]])
    ctx = Context("Noticias\nHoy llueve.\n(Agencia IP)\n")
    mark_agency_tag(ctx)
    assert AGENCY_RULE not in ctx.marks.rule
    assert _cut_last(["(Agencia IP)"]) == [AGENCY_RULE]  # (the same line alone under the story goes)


def test_a_station_plug_with_a_paragraph_below_or_no_story_above_or_ending_a_quoted_sentence_stays():
    """Guards of ``prose_after`` and ``_story_above`` for the station's plug, and a quoted
    sentence that names the frequency ('…: “Your harbour, your voice, 95.1 FM.”')."""
    plug = "Escucha Radio Nauta Sur en 95.1 FM"
    assert STATION_RULE not in _cut_last([plug], below=[STORY[1]], step=mark_station_plug)
    ctx = Context(f"Radio\nPortada\n{plug}\n")
    mark_station_plug(ctx)
    assert STATION_RULE not in ctx.marks.rule
    assert STATION_RULE not in _cut_last(["Its slogan: “Your harbour, your voice, 95.1 FM.”"], step=mark_station_plug)
    assert _cut_last([plug], step=mark_station_plug) == [STATION_RULE]


def test_a_sign_off_over_the_reporter_s_line_goes_and_a_list_row_over_one_stays():
    """The sign-off may stand second-to-last, over a sentence about the reporter (a line
    the contributor step reads only under a sentence); the last row of a list may not."""
    bio = "Ana Kila is the Courier's Highlands reporter."
    assert _cut_last(["– Goroka Press Agency", bio]) == [AGENCY_RULE, None]
    assert AGENCY_RULE not in _cut_last(["Estos son los electos:", "Juan García Pérez (PP)", bio])


@pytest.mark.parametrize("lines", [
    ["El nuevo concejal de puertos fue elegido el viernes.", "Juan García Pérez (PP)", "Asumirá el cargo en mayo."],
    ["The loan comes from one lender.", "European Investment Bank (EIB)", "It starts in May."],
    ["The study was paid for by a charity.", "(Harbour Works Group)", "It starts in May."],
])
def test_a_source_s_shape_between_two_story_sentences_stays(lines):
    """Review of the mends: the second-to-last line went whenever any sentence followed it,
    so a party row, a lender's name or a bracketed sponsor between two story sentences was
    cut. Only a reporter's line under it (opening with a name) lets it go."""
    assert AGENCY_RULE not in _cut_last(lines), lines

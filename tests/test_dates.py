"""Date lines in any language (``boilerplate/dates.py``), on lines written for this test."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate.dates import CALENDAR_WORDS, calendar_words_from_cldr, is_date_line

DATE_LINES = [
    "Oppdatert 3. mai 2026 kl. 14.05",          # Norwegian
    "Julkaistu 12.6.2026 08:40",                 # Finnish
    "Vydáno 4. června 2026, 9:15",               # Czech
    "Publicat: 7 iulie 2026, 18:02",             # Romanian
    "Güncelleme: 21 Ağustos 2026 11:30",         # Turkish
    "Gepubliceerd op 2 juni 2026 om 10:12",      # Dutch
    "Aktualisiert: 05.01.2026, 16:20 Uhr",       # German
    "Mis à jour le 9 mars 2026 à 17h45",         # French
    "Posted 4:05 PM, May 3, 2026",               # English
    "Opublikowano 11 listopada 2026",            # Polish
    "3 июня 2026, 12:10",                         # Russian
    "Thursday 2 July 2026",
]
NOT_DATE_LINES = [
    "The council will vote on 12 March 2026.",   # a sentence
    "May the best team win",                      # a month's name alone
    "The 2026 season",                            # a year alone
    "iPhone 11 Pro",                              # a number and a 3-letter month abbreviation without its dot
    "49.95 Euro (£40)",                           # a price is no time
    "announced on Sept. 30",                      # the middle of a sentence
    "Ergebnisse der Wahl vom 3. Mai in allen Gemeinden des Kreises",  # a heading with a date in it
]


def test_the_calendar_words_are_babels():
    assert CALENDAR_WORDS.read_text(encoding="utf-8").split("\n")[:-1] == calendar_words_from_cldr()


def test_date_lines_in_many_languages():
    assert [line for line in DATE_LINES if not is_date_line(line)] == []


def test_lines_that_are_not_date_lines():
    assert [line for line in NOT_DATE_LINES if is_date_line(line)] == []


STORY = [
    "Lake ferry gets a second boat for the summer season",
    "Oppdatert 3. mai 2026 kl. 14.05",
    "The ferry company will put a second boat on the lake crossing from June, after queues of up to two hours last summer.",
    "The boat, bought second-hand from a fjord operator, carries forty cars and will sail every hour from seven to nine.",
    "Tickets stay at last year's price, the company said.",
]


def test_a_date_line_in_a_pages_head_goes_with_its_reason():
    (text, removals), = strip_boilerplate_many(["\n".join(STORY) + "\n"], use_classifier=False)
    assert "Oppdatert" not in text and STORY[2] in text
    assert [r.text.strip() for r in removals if r.rule == "dates.date_line"] == [STORY[1]]


def test_a_schedule_stays():
    lines = STORY[:1] + STORY[2:4] + ["10. mars 2026 – Strandkaia", "8. april 2026 – Sjøsiden", "22. april 2026 – Nordvika"]
    (text, removals), = strip_boilerplate_many(["\n".join(lines) + "\n"], use_classifier=False)
    assert "8. april 2026 – Sjøsiden" in text
    assert not any(r.rule == "dates.date_line" for r in removals)


def test_a_sentence_broken_over_lines_keeps_its_date():
    broken = [STORY[2], "Первый рейс был объявлен", "3 июня 2026", "после того как совет выделил деньги."]
    (text, _), = strip_boilerplate_many(["\n".join(broken) + "\n"], use_classifier=False)
    assert "3 июня 2026" in text
    (text, removals), = strip_boilerplate_many(["\n".join([STORY[2], "3 июня 2026"]) + "\n"], use_classifier=False)
    assert [r.rule for r in removals] == ["dates.date_line"]  # the same line on its own goes


WORDS = st.sampled_from("the council will vote on May March June 12 3 2026 ferry boat in at and".split())


@given(st.lists(WORDS, min_size=1, max_size=12))
def test_a_line_ending_a_sentence_after_words_is_never_a_date_line(words):
    line = " ".join(words).capitalize() + "."
    alpha = [w for w in words if w.isalpha()]
    if alpha:
        assert not is_date_line(line)

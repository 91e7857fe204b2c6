"""The author's bio under a story goes by the byline's name, in any language; a story
paragraph that opens with another name (the headline's subject) stays. Pages written for
this test."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate.author_bio import AUTHOR_BIO, byline_names

STORY = [
    "The harbour board voted on Monday to extend the winter ferry timetable by two crossings a day.",
    "Islanders had asked for the change for three years, saying the last boat left too early for shift workers.",
    "Marta Ilves, who chairs the islanders' association, said the vote was a relief for families on the island.",
]


def _page(byline: str, bio: str, story=STORY) -> str:
    return "\n".join(["Ferry timetable extended for the winter", byline, *story, bio, "© 2026 The Island Post"]) + "\n"


def _kept(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_bio_that_opens_with_the_bylines_name_goes():
    page = _page("By Owen Tranter", "Owen Tranter covers the islands for The Island Post. He joined the paper in 2019.")
    (text, removals), = strip_boilerplate_many([page])
    assert _kept(text) == STORY
    assert any(r.rule == AUTHOR_BIO for r in removals)


def test_in_another_language_too():
    story = [
        "La junta del puerto aprobó el lunes dos travesías más al día en el horario de invierno del ferri.",
        "Los vecinos de la isla llevaban tres años pidiendo el cambio porque el último barco salía demasiado pronto.",
    ]
    page = _page("Por Elena Aranda", "Elena Aranda es redactora de la sección local desde 2018.", story)
    (text, removals), = strip_boilerplate_many([page])
    assert _kept(text) == story and any(r.rule == AUTHOR_BIO for r in removals)


def test_a_paragraph_opening_with_a_name_the_byline_does_not_give_stays():
    (text, _), = strip_boilerplate_many([_page("By Owen Tranter", "")])
    assert "Marta Ilves, who chairs the islanders' association" in text


@given(st.sampled_from(["Jane Roe", "Ana de la Cruz", "Tom Okafor"]), st.sampled_from(["By", "Por", "Von", "Par"]))
def test_names_come_from_the_byline_only_after_its_by_word(name, by):
    assert byline_names(f"{by} {name}") == [name]
    assert byline_names(f"{name} covers the islands") == []

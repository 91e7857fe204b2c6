"""A writer's box under the story (a name alone on its line, then a paragraph that names the writer
again) goes, in any language; a story whose sections are people keeps them, and a name that opens a
sentence broken at its links stays (``story_name_box.mark_name_box``, round 27, textprec29). Our own
generated text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_name_box import NAME_BOX_RULE, STORY_MIN_PARAGRAPHS, mark_name_box
from tests.test_story_counts import STORIES

NAMES = ["Moritz Bachmann", "Carla Nadal", "Jean-Luc Moreau", "Siti Rahma Dewi", "Ana Lúcia Prado"]
HEADINGS = {"en": "About", "de": "Über", "pt": "Sobre", "id": "Tentang"}
# (the name opens the bio, or stands in its middle)
BIOS = {"en": ["{name} is a reporter who covers the harbour and the town council for the paper.",
               "Award-winning writer {name} covers the harbour and the town council every week."],
        "de": ["{name} ist Redakteurin im Lokalressort und schreibt über den Hafen und den Stadtrat.",
               "Als Redakteur im Lokalressort schreibt {name} über den Hafen und den Stadtrat."],
        "pt": ["{name} é jornalista e escreve sobre o porto e a câmara municipal para o jornal.",
               "Jornalista premiado, {name} escreve sobre o porto e a câmara municipal todas as semanas."],
        "id": ["{name} adalah wartawan yang meliput pelabuhan dan dewan kota untuk koran ini.",
               "Sebagai wartawan senior, {name} meliput pelabuhan dan dewan kota setiap minggu."]}


def _story(lang: str, paragraphs: int) -> list[str]:
    return (STORIES[lang] * 3)[:paragraphs]


def _cut(ctx) -> list[str]:
    return [line for line, rule in zip(ctx.lines.content, ctx.marks.rule) if rule == NAME_BOX_RULE]


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), name=st.sampled_from(NAMES), which=st.integers(0, 1),
       heading=st.booleans(), label=st.booleans(), paragraphs=st.integers(1, 6), blank=st.booleans())
def test_the_box_goes_under_a_story(lang, name, which, heading, label, paragraphs, blank):
    """Heading, name, a link label and the bio go, all of them, under STORY_MIN_PARAGRAPHS+ paragraphs;
    the story stays; under a shorter story the box stays too."""
    box = ([HEADINGS[lang]] if heading else []) + [name] + (["instagram"] if label else []) \
        + [BIOS[lang][which].format(name=name)]
    ctx = Context(("\n\n" if blank else "\n").join(["Headline"] + _story(lang, paragraphs) + box))
    mark_name_box(ctx)
    assert _cut(ctx) == (box if paragraphs >= STORY_MIN_PARAGRAPHS else [])


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), people=st.integers(2, 4), which=st.integers(0, 1))
def test_a_page_of_profiles_keeps_them(lang, people, which):
    """A story made of people's sections (a name over a paragraph naming them, again and again)."""
    lines = ["Headline"] + _story(lang, STORY_MIN_PARAGRAPHS)
    for name in NAMES[:people]:
        lines += [name, BIOS[lang][which].format(name=name)]
    ctx = Context("\n".join(lines))
    mark_name_box(ctx)
    assert _cut(ctx) == []


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), name=st.sampled_from(NAMES), piece=st.sampled_from(["received three", ", with"]))
def test_a_name_opening_a_broken_sentence_stays(lang, name, piece):
    """The name on its line, then a piece of a sentence (a link cut it), then the paragraph: the
    story's own sentence, not a box."""
    lines = ["Headline"] + _story(lang, STORY_MIN_PARAGRAPHS) + [name, piece, BIOS[lang][0].format(name=name)]
    ctx = Context("\n".join(lines))
    mark_name_box(ctx)
    assert _cut(ctx) == []

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
    the story stays; under a shorter story the box stays too. The bare shape (no heading, no link
    label: a name over a paragraph naming it) is a story's last section: it stays."""
    box = ([HEADINGS[lang]] if heading else []) + [name] + (["instagram"] if label else []) \
        + [BIOS[lang][which].format(name=name)]
    ctx = Context(("\n\n" if blank else "\n").join(["Headline"] + _story(lang, paragraphs) + box))
    mark_name_box(ctx)
    assert _cut(ctx) == (box if paragraphs >= STORY_MIN_PARAGRAPHS and (heading or label) else [])


# (the story's last section under a place or a person it is about, the paragraph naming it)
SECTIONS = {"en": ("Hong Kong", "In Hong Kong, a similar harbour plan was dropped last year after months of protests."),
            "es": ("Buenos Aires", "En Buenos Aires, un plan similar fue abandonado el año pasado tras meses de protestas."),
            "de": ("Sankt Peter", "In Sankt Peter war ein ähnlicher Plan im vergangenen Jahr nach Protesten gescheitert."),
            "ru": ("Анна Врона", "Анна Врона, которая тридцать лет ловит рыбу в этом порту, говорит, что подождёт."),
            "pt": ("Maria Lopes", "Maria Lopes, que pesca no porto há trinta anos, disse que vai esperar para ver.")}


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(SECTIONS)), story_lang=st.sampled_from(sorted(BIOS)),
       paragraphs=st.integers(STORY_MIN_PARAGRAPHS, 6), blank=st.booleans())
def test_a_subheading_over_the_last_section_stays(lang, story_lang, paragraphs, blank):
    """A place or a person over the story's last section, named again in it (no heading above, no
    link label under): the story's, kept."""
    ctx = Context(("\n\n" if blank else "\n").join(["Headline"] + _story(story_lang, paragraphs) + list(SECTIONS[lang])))
    mark_name_box(ctx)
    assert _cut(ctx) == []


@settings(max_examples=20, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), which=st.integers(0, 1))
def test_the_name_matches_whole_words_only(lang, which):
    """"Jan Nowak" is not named by a paragraph about "Jan Nowakowski": no box."""
    lines = ["Headline"] + _story(lang, STORY_MIN_PARAGRAPHS) + [HEADINGS[lang], "Jan Nowak",
                                                                 BIOS[lang][which].format(name="Jan Nowakowski")]
    ctx = Context("\n".join(lines))
    mark_name_box(ctx)
    assert _cut(ctx) == []


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


LONG_HEADINGS = {"en": "About the Author", "de": "Über den Autor", "pt": "Sobre o autor", "id": "Tentang penulis"}
TITLES = {"en": "Senior Staff Writer", "de": "Leitende Redakteurin", "pt": "Repórter", "id": "Wartawan senior"}


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), name=st.sampled_from(NAMES), which=st.integers(0, 1), sign=st.sampled_from(["heading", "title"]))
def test_a_box_under_a_longer_heading_or_with_a_job_title_goes(lang, name, which, sign):
    """The second sign may be a heading of a few words ("About the Author") or a job title between
    the name and the bio."""
    box = ([LONG_HEADINGS[lang], name] if sign == "heading" else [name, TITLES[lang]]) + [BIOS[lang][which].format(name=name)]
    ctx = Context("\n".join(["Headline"] + _story(lang, STORY_MIN_PARAGRAPHS) + box))
    mark_name_box(ctx)
    assert _cut(ctx) == box


@settings(max_examples=20, deadline=None)
@given(lang=st.sampled_from(sorted(BIOS)), which=st.integers(0, 1))
def test_a_list_of_names_over_the_last_paragraph_stays(lang, which):
    """Names listed one a line (a prize's winners), the last named again in the paragraph: a
    name over the name is no box's heading."""
    lines = ["Headline"] + _story(lang, STORY_MIN_PARAGRAPHS) + NAMES[:3] + [BIOS[lang][which].format(name=NAMES[2])]
    ctx = Context("\n".join(lines))
    mark_name_box(ctx)
    assert _cut(ctx) == []

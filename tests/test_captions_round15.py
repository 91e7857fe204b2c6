"""Round 15 (issue 11): a caption with no credit between two of the story's sentences, the
caption next to a gallery counter above a short sentence, and the labelled sets of the round.
Pages written for these tests (invented places and people)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.story_inserts import LONE_CAPTION_RULE, RULE, mark_story_inserts
from tests.test_story_inserts import marks_after

# Short sentences of a brief (under 12 words: no "paragraph" for ``story.insert``).
SENTENCES = [
    "Over three thousand people came to the village fair on Saturday.",
    "The parade started at two and ended at the church.",
    "Most stalls were run by clubs raising money for the season.",
    "The committee had worked on the fair since the spring.",
    "The fair will be back next year, the mayor said.",
]
CAPTION = "The brass band marching down the main street past the church"


def _marks(lines, removed=None):
    return marks_after(mark_story_inserts, lines, removed)


def test_a_lone_caption_between_short_sentences_is_cut():
    lines = [SENTENCES[0], CAPTION, SENTENCES[1], SENTENCES[2]]
    assert _marks(lines) == [None, LONE_CAPTION_RULE, None, None]


def test_lone_captions_in_other_scripts_and_languages():
    # Alemannic, Rusyn (Cyrillic), Konkani (Devanagari): the same place, no credit word
    gsw = ["Im Wiler hend sich am Samschtig vil Lüüt uf em Platz troffe.",
           "D Musig bim Umzug dur d Hauptgass",
           "De Umzug het am zwei agfange und isch bis zur Chile gange."]
    assert _marks(gsw) == [None, LONE_CAPTION_RULE, None]
    rue = ["У суботу ся в містї отворила нова школа на Дуклянскій улици.",
           "Перши школярї перед новов школов в понедїлок",
           "Директорка повіла, же школа мать двадцять класів."]
    assert _marks(rue) == [None, LONE_CAPTION_RULE, None]
    gom = ["मडगावच्या बाजारांत आयतारा नुस्त्याचे दर वाडले.",
           "बाजारांत सकाळीं नुस्तें विकपी बायलो आनी गिरायक",
           "दर्यांत वारें चड आशिल्ल्यान होड्यो भायर सरूंक नात."]
    # (the line counts split Devanagari words at their vowel signs: every line here is
    # "long", the sentences count as paragraphs and ``story.insert`` takes the caption first)
    marks = _marks(gom)
    assert marks[0] is None and marks[2] is None and marks[1] in (RULE, LONE_CAPTION_RULE)


def test_a_series_of_open_lines_is_kept_subheadings():
    # two open lines between sentences: a story cut into sections, whatever their length
    lines = [SENTENCES[0], "What the new square will look like in the summer", SENTENCES[1],
             "How the works will change the traffic in the old town", SENTENCES[2]]
    assert _marks(lines) == [None] * 5


def test_short_open_lines_and_announcements_are_kept():
    for middle in ("What happens next", "The results of the vote in each of the wards:",
                   "3 new buses for the line along the river and the park"):
        assert _marks([SENTENCES[0], middle, SENTENCES[1]]) == [None, None, None], middle


def test_a_line_next_to_a_menu_item_or_the_page_edge_is_kept():
    # the story must run on across the line: a sentence on each side
    assert _marks([CAPTION, SENTENCES[0], SENTENCES[1]])[0] is None
    assert _marks([SENTENCES[0], CAPTION, "Sport", SENTENCES[1]])[1] is None
    assert _marks([SENTENCES[0], SENTENCES[1], CAPTION])[2] is None


def test_a_wrapped_paragraph_line_is_kept():
    lines = [SENTENCES[0], "The brass band marched down the main street and then",
             "turned left at the church, where the mayor waited.", SENTENCES[1]]
    assert _marks(lines)[1] is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5),
       st.lists(st.sampled_from(["Where the money goes", "What the neighbours of the old school think about it",
                                 "The second half of the season starts in March with two home games"]),
                min_size=2, max_size=3))
def test_two_or_more_open_lines_never_cut_by_the_rule(sentences, headings):
    """Whatever the order, a page with two or more open lines between its sentences loses
    none of them to the lone-caption rule (a series is the story's structure)."""
    lines = []
    for k, heading in enumerate(headings):
        lines += [sentences[k % len(sentences)], heading]
    lines.append(sentences[-1])
    assert LONE_CAPTION_RULE not in _marks(lines)


def test_the_whole_text_path_cuts_the_lone_caption_and_keeps_the_story():
    page = "\n".join([
        "Home", "News", "Sport", "Weather",
        "Lifeboat called out twice in one afternoon",
        "The station's lifeboat was launched twice on Wednesday afternoon.",
        "The first call was to a yacht with engine failure off the harbour.",
        "The lifeboat towing the small yacht back towards the harbour wall",
        "Both crew members were brought ashore safe and well.",
        "The second call was to a walker cut off by the tide.",
        "Share this page",
        "© 2026 Hallow Point Lifeboat Station",
    ]) + "\n"
    cleaned, removed = strip_boilerplate(page)
    assert "towing the small yacht" not in cleaned
    assert any(r.rule == LONE_CAPTION_RULE for r in removed)
    for sentence in ("launched twice", "engine failure", "safe and well", "cut off by the tide"):
        assert sentence in cleaned


# -- the caption under a gallery counter, above a brief's short sentence ----------------

def test_a_gallery_caption_above_a_short_sentence_is_cut_and_the_sentence_above_kept():
    from corpus_clean.boilerplate.story_inserts import GALLERY_CAPTION_RULE

    # Lower Sorbian, invented: the counter's caption is under it; the sentence above stays
    lines = ["We Wjerbnje su se w sobotu zasej zmakali młoźi luźe.",
             "Towaristwo jo se wěcej ako lěto na swěźeń pśigótowało.",
             "Foto 1 z 6",
             "Młoźe holce w swěźeńskej drastwje pśed cerkwju",
             "Pó starem nałogu su kokota pśez wjas wozyli."]
    assert _marks(lines, {2: "nav.gallery_counter"}) == [None, None, "nav.gallery_counter", GALLERY_CAPTION_RULE, None]


def test_a_gallery_counter_over_a_list_item_takes_nothing_below():
    # under the counter a list's item, beyond it a menu word: not a caption's place
    lines = ["The five chosen projects were announced on Monday.", "2 / 5", "A new roof for the school",
             "Sport"]
    assert _marks(lines, {1: "nav.gallery_counter"})[2:] == [None, None]


def test_a_long_open_line_between_sentences_is_the_story_s_own():
    # 16+ words: a sentence that lost its full stop (a forum post), not a caption
    long_line = ("You can also set the speed multiplier to 125 and if that feels too fast then lower the "
                 "number to 80 or even 10")
    assert _marks([SENTENCES[0], long_line, SENTENCES[1]]) == [None, None, None]

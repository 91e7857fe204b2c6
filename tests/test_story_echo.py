"""A sentence the classifier cut at the story's edge comes back when it names what the
story's kept paragraphs name; furniture at the same place (a newsletter pitch, a site's
own wording, a headline question) stays cut. Pages written for this test."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.story_echo import content_keys, give_back_echoing_edges
from tests.test_story_inserts import marks_after

BODY = "Varnek is stubborn and loyal, and often disobeys orders to protect her crew on the Halcyon."


def _after(lines, cut):
    return marks_after(give_back_echoing_edges, lines, cut)


def test_a_lede_that_names_the_story_s_subject_comes_back():
    lines = ["Talk (0)", "Captain Ilsa Varnek is the commander of the frigate Halcyon in the second and third novels.",
             "Appearances", "Ember Gate", BODY]
    got = _after(lines, {0: "outlets.wiki_ui", 1: "classifier", 2: "classifier", 3: "classifier"})
    assert got == ["outlets.wiki_ui", None, "classifier", "classifier", None]


def test_a_closing_sentence_in_japanese_that_echoes_the_story_comes_back():
    lines = ["北陸地方では4日、大雪となり、北陸新幹線は上越妙高と金沢の間で運転を見合わせています。",
             "富山市 42センチ", "JRは5日の始発から運転を再開する見込みだとしています。", "関連ニュース"]
    got = _after(lines, {2: "classifier", 3: "scripts.related_label"})
    assert got[2] is None and got[3] == "scripts.related_label"


def test_furniture_next_to_the_story_stays_cut():
    # a newsletter pitch shares no word with the story; the site's name stands in two
    # lines a rule cut, so a sentence naming it is the site's, not the story's
    lines = [BODY, "Get the best stories of the week delivered to your inbox every Friday morning.",
             "Starfall Wiki is the best place to read about the Halcyon and its captain.",
             "Starfall Wiki", "© 2026 Starfall Wiki"]
    cut = {1: "classifier", 2: "classifier", 3: "nav.menu_run", 4: "footer.copyright"}
    got = _after(lines, cut)
    assert got[1] == "classifier"
    # "halcy" echoes the story, but it is no site word: this one comes back
    assert got[2] is None
    # the story names the site's word too ("Starfall"): an echo of it alone is no evidence
    lines[0] = "In the Starfall novels, Varnek is stubborn and loyal, and often disobeys orders."
    lines[2] = "Starfall Wiki is the best place to read about every book of the series."
    assert _after(lines, cut)[2] == "classifier"


def test_a_headline_question_above_the_story_is_no_lede():
    lines = ["Best way to store winter tyres?", "I keep my winter tyres in the garage, but the garage gets damp in spring."]
    assert _after(lines, {0: "classifier"})[0] == "classifier"


def test_beyond_a_rule_s_cut_nothing_comes_back():
    lines = [BODY, "Read more", "Varnek returns as an admiral in the fourth novel, published last spring."]
    assert _after(lines, {1: "ads.recommended_block", 2: "classifier"})[2] == "classifier"


def test_content_keys_compare_word_starts_and_han_pairs():
    assert content_keys("fredda") & content_keys("freddo")
    assert not content_keys("the which and") & content_keys("a b c")  # short words are no keys
    assert "運転" in content_keys("運転を見合わせています")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([BODY, "Captain Varnek commands the Halcyon, the fleet's fastest frigate today.",
                                 "Sign up for our newsletter and get every story first.", "Appearances", "Share",
                                 "© 2026 Starfall Wiki"]), min_size=1, max_size=10),
       st.lists(st.sampled_from(["classifier", "nav.menu_run", "footer.copyright"]), min_size=10, max_size=10),
       st.sets(st.integers(0, 9)))
def test_the_step_only_gives_back_classifier_cut_sentences(lines, rules, cut_at):
    cut = {i: rules[i] for i in cut_at if i < len(lines)}
    got = _after(lines, cut)
    for i, line in enumerate(lines):
        if i not in cut:
            assert got[i] is None
        elif got[i] != cut[i]:
            assert got[i] is None and cut[i] == "classifier" and line.endswith(".")


def test_under_a_heading_after_the_story_a_teaser_s_summary_stays_cut():
    # a related box whose heading the classifier cut: its summaries name the same town
    lines = ["Since Monday a new bus line runs every hour from Nordheim through three villages to the station.",
             "More headlines", "Pool stays closed",
             "The renovation of the Nordheim pool's ventilation takes longer than planned, the town said."]
    assert _after(lines, {1: "classifier", 2: "classifier", 3: "classifier"})[3] == "classifier"

"""Round 27 (issue 11, news27): the wire service or outlet a story came from, written in
brackets on the page's last kept line in any language ("(Agencia IP)", "(Kenya News
Agency)", "(बघेली समाचार सेवा)"), goes as an agency's tag (``story_tail.mark_agency_tag``,
``is_bracketed_source``). Names are generated from invented syllables in four scripts
(round 23's: no pack knows them). The guards pin what stays: a bracketed sentence, an aside
in lower case, a bracketed name with the story going on under it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_tail import AGENCY_RULE, mark_agency_tag
from tests.test_story_credits_round23 import SCRIPTS


@st.composite
def bracketed_source(draw):
    """(story sentences, "(Name Name ...)") in one script: 1-5 capitalised invented words."""
    syllables = SCRIPTS[draw(st.sampled_from(sorted(SCRIPTS)))]
    word = st.lists(st.sampled_from(syllables), min_size=2, max_size=3).map("".join)
    story = []
    for _ in range(3):
        words = draw(st.lists(word, min_size=6, max_size=12))
        story.append(" ".join([words[0].capitalize()] + words[1:]) + ".")
    name = " ".join(w.capitalize() for w in draw(st.lists(word, min_size=1, max_size=5)))
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


def test_a_bracketed_sentence_or_aside_stays():
    story = ["The council met on Monday to hear the plans for the new harbour wall.",
             "The harbour wall will be two metres higher and will cost four million euros in all."]
    for last in ("(The vote was close.)", "(laughs)", "(2021)", "(One Two Three Four Five Six Seven)"):
        ctx = Context("\n".join(story + [last]) + "\n")
        mark_agency_tag(ctx)
        assert AGENCY_RULE not in ctx.marks.rule, last

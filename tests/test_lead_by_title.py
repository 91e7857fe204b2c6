"""A wiki-style lead that opens with the page's title is never cut by the classifier;
the give-back touches nothing else. Pages written for this test."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate.classifier import RULE as CLASSIFIER
from corpus_clean.boilerplate.engine import HEADLINE_RULE as HEADLINE
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.lead_by_title import give_back_lead_by_title, opens_with_title

LINES = ["Edit", "The Lantern Keeper (episode)", "Share",
         '"The Lantern Keeper" is the sixth episode of the second season of Harbor Lights and the fourteenth overall.',
         "When the keeper goes missing during a storm, Tess and Marcus search the cliffs for him all night long.",
         "Community content is available under CC-BY-SA unless otherwise noted."]


def _ctx(rules: list) -> Context:
    ctx = Context("\n".join(LINES) + "\n")
    for i, rule in enumerate(rules):
        ctx.marks.rule[i] = rule
    return ctx


def test_the_lead_opening_with_the_title_comes_back():
    ctx = _ctx(["wiki.ui", HEADLINE, "social.share", CLASSIFIER, None, "wiki.license"])
    give_back_lead_by_title(ctx, CLASSIFIER)
    assert ctx.marks.rule[3] is None
    assert ctx.marks.rule[:3] == ["wiki.ui", HEADLINE, "social.share"] and ctx.marks.rule[5] == "wiki.license"


def test_a_rule_cut_or_a_later_paragraph_stays_cut():
    ctx = _ctx(["wiki.ui", HEADLINE, "social.share", "outlets.stub_notice", CLASSIFIER, None])
    give_back_lead_by_title(ctx, CLASSIFIER)
    assert ctx.marks.rule[3] == "outlets.stub_notice" and ctx.marks.rule[4] == CLASSIFIER


def test_without_a_removed_title_nothing_changes():
    ctx = _ctx(["wiki.ui", None, "social.share", CLASSIFIER, None, None])
    give_back_lead_by_title(ctx, CLASSIFIER)
    assert ctx.marks.rule[3] == CLASSIFIER


@given(st.lists(st.sampled_from(["the", "lantern", "keeper", "harbor", "lights"]), min_size=2, max_size=4),
       st.sampled_from(["the", "a", "harbor", "storm"]))
def test_a_line_opens_with_the_title_only_when_its_first_words_are_the_titles(title, other):
    assert opens_with_title(" ".join(w.capitalize() for w in title) + " is the subject here.", title)
    changed = [other] + title[1:]
    assert opens_with_title(" ".join(changed) + " is here.", title) == (changed == title)

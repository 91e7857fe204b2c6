"""The story's sentence under a caption a rule cut comes back when a kept story
paragraph stands above the caption (issue 11, round 13): once a caption rule takes the
caption, the classifier read the short sentence under it as an island. Our own text."""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_body import BodyShape, give_back_paragraphs_after_inserts

PARAGRAPH = "The new bridge over the river opened on Monday after two years of works and one long delay."


def _after(lines: list[str], rules: list[str | None]) -> list[str | None]:
    ctx = Context("\n".join(lines) + "\n")
    ctx.marks.rule[:len(rules)] = rules
    give_back_paragraphs_after_inserts(ctx, BodyShape(ctx))
    return ctx.marks.rule[:len(rules)]


@pytest.mark.parametrize("insert_rule", ["outlets.caption_with_credit_mark", "news.photo_caption",
                                         "story.insert", "outlets.ad_label"])
def test_the_sentence_under_a_cut_caption_comes_back(insert_rule):
    lines = [PARAGRAPH, "The first cyclists on the bridge. Photo: Jan Vos", "Residents are glad of it.", "Share"]
    assert _after(lines, [None, insert_rule, "classifier", "classifier"]) == [None, insert_rule, None, "classifier"]


@pytest.mark.parametrize("lines, rules", [
    # a heading, not a paragraph, above the caption
    (["Related stories", "The first cyclists on the bridge. Photo: Jan Vos", "Residents are glad of it."],
     [None, "outlets.caption_with_credit_mark", "classifier"]),
    # a related-stories block (not an insert) above
    ([PARAGRAPH, "More from the city", "Residents are glad of it."], [None, "ads.recommended_block", "classifier"]),
    # a line that ends no sentence (a teaser headline)
    ([PARAGRAPH, "The first cyclists on the bridge. Photo: Jan Vos", "Residents glad of the new bridge"],
     [None, "outlets.caption_with_credit_mark", "classifier"]),
    # the paragraph above was cut too
    ([PARAGRAPH, "The first cyclists on the bridge. Photo: Jan Vos", "Residents are glad of it."],
     ["classifier", "outlets.caption_with_credit_mark", "classifier"]),
])
def test_other_cuts_stay(lines, rules):
    assert _after(lines, rules) == rules

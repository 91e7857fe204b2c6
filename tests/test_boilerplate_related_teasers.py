"""The headlines under a related-stories label at the page's end go, in scripts whose
story lines end in a full stop; a label inside the story, or story sentences under it,
leave everything as it was (issue 11, round 13). Our own text."""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_inserts import (LineShape, TEASERS_RULE,
                                                    mark_teasers_under_a_related_label)

STORY = "इंदौर में मेट्रो की नई लाइन पर रविवार को पहला ट्रायल रन सफल रहा और यात्री सेवा मार्च से शुरू होगी।"
HEADLINES = ["भोपाल में बढ़ी ठंड, पारा 8 डिग्री", "उज्जैन में नया पुल तैयार", "ग्वालियर में मेला शुरू",
             "जबलपुर में सड़क चौड़ी होगी", "रतलाम स्टेशन पर नई लिफ्ट"]


def _marks(lines: list[str], rules: dict[int, str]) -> list[str | None]:
    ctx = Context("\n".join(lines) + "\n")
    for i, r in rules.items():
        ctx.marks.rule[i] = r
    mark_teasers_under_a_related_label(ctx, LineShape(ctx.stats))
    return ctx.marks.rule[:len(lines)]


def test_the_headlines_under_the_label_at_the_page_end_go_up_to_the_footer():
    lines = [STORY, "ये भी पढ़ें", *HEADLINES[:3], "© 2026 मालवा समाचार"]
    marks = _marks(lines, {1: "scripts.related_label", 5: "footer.copyright"})
    assert marks == [None, "scripts.related_label", TEASERS_RULE, TEASERS_RULE, TEASERS_RULE, "footer.copyright"]


@pytest.mark.parametrize("lines", [
    # a story sentence (it ends in "।") under the label: the label stood inside the story
    [STORY, "ये भी पढ़ें", HEADLINES[0], "अधिकारियों के अनुसार यात्री सेवा मार्च से शुरू हो सकती है।"],
    # no story paragraph kept above the label
    ["ये भी पढ़ें", *HEADLINES[:2]],
    # a list longer than a related box
    [STORY, "ये भी पढ़ें", *(HEADLINES * 3)],
])
def test_nothing_goes_when_the_shape_is_not_a_related_list(lines):
    label = lines.index("ये भी पढ़ें")
    marks = _marks(lines, {label: "scripts.related_label"})
    assert TEASERS_RULE not in marks


def test_generated_pages_cut_only_the_lines_below_the_last_label():
    """Property: on generated pages (story paragraphs, a label, 1-6 headlines), exactly
    the headlines are cut, and the story's lines never."""
    rng = random.Random(13)
    for _ in range(40):
        story = [STORY] * rng.randint(1, 4)
        heads = rng.sample(HEADLINES, rng.randint(1, 5))
        lines = story + ["ये भी पढ़ें"] + heads
        marks = _marks(lines, {len(story): "scripts.related_label"})
        assert marks[:len(story)] == [None] * len(story)
        assert marks[len(story) + 1:] == [TEASERS_RULE] * len(heads)

"""Sponsored pitches under an ad label, after the story's end: "Advertiser: offer" lines.

An ad slot under a story prints its label ("Advertentie", "Реклама", "Διαφήμιση": the
packs' ``ads.advertisement`` and ``outlets.ad_label`` cut it) and under it one to
PITCH_MAX_LINES pitches, each written as the advertiser's name, a colon and the offer
("Bouwmarkt Oosterzand: zandzakken nu 20% korting.", "Амур Рыба: икра 1 кг 3 500
рублей."). The model reads such a line as a fact of the story ("Price: 7,500") and keeps
it. They go (rule ``PITCH_RULE``) when the page's structure says the story is over:

* a rule cut the label (an unknown word over a list may be the story's own heading);
* each kept line under it has the shape of a field ("Name: text", one to four words
  before the colon), and PITCH_MAX_LINES of them at most;
* the kept stretch ends right under them (a line cut, or the page's end);
* no kept sentence of the story (STORY_MIN_WORDS+ words) stands below, before the next
  line a rule cut (round 21: a teaser's kept summary under "Read also" is not the story):
  an ad slot in the middle of an interview ("Anna Berg: We never ...") has the story
  going on under it;
* and a kept sentence of the story stands above the label.

On the studied sets of rounds 8-19, 8 kept lines under a rule-cut label had this shape, all
sponsored; every kept article line under such a label either had no field's shape or had
the story going on below it. No wording: the label's rule and the lines' shapes only.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE

PITCH_RULE = "story.sponsored_pitch"
# The ad slot's label, cut by these rules (round 21: and a sponsored block's heading,
# "Sponsored content", whose rule cut the heading alone over an "Advertiser: offer" line).
AD_LABEL_RULES = frozenset({"ads.advertisement", "outlets.ad_label", "ads.sponsored_block"})
PITCH_MAX_LINES = 3
STORY_MIN_WORDS = 5
# "Name: offer": one to four words (letters first) before the colon, text after it.
# (a brand in quotes counts as its words: "Такси «Устюг»:", 'Bäckerei „Zum Anker“:')
_PITCH = re.compile(r"\s*[^\W\d_][\w'’.&–-]*(?:[ \t]+[«»\"“”„‚‘'\w’.&–-]+){0,3}[ \t]*[:：][ \t]*\S")


def _furniture_below(rule: list, last: int, n: int) -> int:
    """The first line under `last` that a rule (not the model) cut: the page's furniture
    resumes there ("Read also" over its teasers), and a kept sentence under it is a teaser's,
    not the story going on (round 21; `n` when there is none).

    >>> _furniture_below([None, None, "classifier", "ads.recommended_block", None], 0, 5)
    3
    """
    for k in range(last + 1, n):
        if rule[k] is not None and rule[k] != CLASSIFIER_RULE:
            return k
    return n


def mark_pitches_under_ad_labels(ctx, shape) -> None:
    """Cut the "Advertiser: offer" lines under a rule-cut ad label after the story's end.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_inserts import LineShape
    >>> ctx = Context("The dike will be one metre higher when the works end in two years.\\n"
    ...               "Advertentie\\nBouwmarkt Oosterzand: zandzakken nu 20% korting.\\n"
    ...               "More news\\n© 2026 Omroep\\n")
    >>> ctx.marks.rule[1] = "outlets.ad_label"; ctx.marks.rule[3] = "classifier"; ctx.marks.rule[4] = "footer.copyright"
    >>> mark_pitches_under_ad_labels(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:3]
    [None, 'outlets.ad_label', 'story.sponsored_pitch']
    """
    rule = ctx.marks.rule
    if AD_LABEL_RULES.isdisjoint(rule):
        return  # (no advert label on the page, told without a walk in Python: most pages)
    labels = [i for i, r in enumerate(rule) if r in AD_LABEL_RULES]
    if not labels:
        return
    content, blank = ctx.lines.content, ctx.blank
    n = ctx.lines.n_lines

    def story_sentence(k: int) -> bool:
        return (rule[k] is None and not blank[k] and shape.n_words(k) >= STORY_MIN_WORDS
                and shape.ends_sentence(k))

    for i in labels:
        run, j = [], i + 1
        while j < n and (blank[j] or rule[j] is None) and len(run) <= PITCH_MAX_LINES:
            if not blank[j]:
                run.append(j)
            j += 1
        if not run or len(run) > PITCH_MAX_LINES or not all(_PITCH.match(content[k]) for k in run):
            continue
        if any(story_sentence(k) for k in range(run[-1] + 1, _furniture_below(rule, run[-1], n))):
            continue  # (the story goes on under the slot)
        if not any(story_sentence(k) for k in range(i)):
            continue
        for k in run:
            rule[k] = PITCH_RULE

"""Other stories' teasers left at the edge of the kept text: a run of headline / summary pairs
that talks about nothing the rest of the page talks about (issue 11, round 25, textprec25).

A step of the engine's finish (``engine.finish``, ``batch.finish_many``), after the repeats
of removed lines are given back, so it reads the page's kept lines as they will come out;
only on a page the line model read and cut part of (``classifier.RULE``). Out of fold, the line model keeps a
list of other stories' teasers above or below a short story on a few pages ("Tape Gaffe
Ends Hamlin's Title Run" / "Denny Hamlin's championship run was foiled by ...", six times
over): each line alone reads like a headline and a lede. As a run they have a shape a story
seldom has, and a page-level sign that tells them from a story told in sections:

* the run: MIN_UNITS or more units in a row among the kept lines, each a headline
  (HEADLINE_MIN_WORDS to HEADLINE_MAX_WORDS words, no sentence end, no ":" at its end) over
  one summary line (a sentence of SUMMARY_MIN_WORDS to SUMMARY_MAX_WORDS words, not opening
  in lower case), a short tag line (a byline, "Read more", a section's name) allowed after
  a unit. A list of headlines alone, or of bullet points, has no sentence under each item;
  a listicle's sections have paragraphs longer than a summary under their subheadings;
* its words are not the page's: under ECHO_MAX of its words of 5+ letters come back in the
  kept lines around it (headlines aside: a teaser's headline is about another story). A
  story's sections share the story's names and terms (on the benches' golds, such runs
  echo the rest at 0.38 to 1.0), other stories' teasers do not (0.05 to 0.35);
* it stands at an edge of the story: on one side of it at most EDGE_STORY_LINES story
  lines (sentences of STORY_LINE_MIN_WORDS+ words) are kept, so it is above or below
  the story, not inside it (a long explainer's sections sit between paragraphs);
* the rest keeps a story: STORY_MIN_RUN story lines in a row at least (sentences of
  STORY_LINE_MIN_WORDS+ words), so a page that is a list of teasers or of a product's
  features (a section front, a collection, a service's page, whose gold keeps them on
  WCXB) is left as it is, and no page is emptied.

Constants set on scrapinghub's out-of-fold pages and WCXB dev (both studied; measured on the
text path's output of round 25's start): without a story of four sentences in a row kept
besides the run and without the sentence under each headline, the step cut WCXB dev's lists
of headlines, bullet points and the feature lists of service and collection pages (3,090
gold words against 967 others). A summary that need not end a sentence (a list of headlines
at the story's edge) cut a story's closing facts list ("Visites : de 13 h à 20 h, ...") on a
studied news set (round 14's, 98.52 -> 96.75 % article lines kept): the sentence stays.

Unspaced scripts have no words to count here, and the step leaves them alone.
"""
from __future__ import annotations

import re

import numpy as np

TEASER_RULE = "story.teaser_run"
# The line model's cut (``classifier.RULE``; not imported: the engine imports this module).
CLASSIFIER_RULE = "classifier"
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 4, 15
SUMMARY_MIN_WORDS, SUMMARY_MAX_WORDS = 6, 40
# A tag line after a unit: a byline's name, "Read more", a section's name.
TAG_MAX_WORDS = 3
MIN_UNITS = 3
# Echo: share of the run's long words found in the kept lines around it.
ECHO_MAX = 0.35
ECHO_MIN_LETTERS = 5
STORY_LINE_MIN_WORDS = 10
EDGE_STORY_LINES = 1
STORY_MIN_RUN = 4
SENTENCE_ENDS = tuple(".!?…\"”»。！？")
_WORD = re.compile(r"\w+")


def is_headline(line: str) -> bool:
    """A headline's shape: 4-15 words, opening with a letter or digit, no sentence end,
    no ":" at its end.

    >>> [is_headline(t) for t in ("Tape Gaffe Ends Hamlin's Title Run", "Is violence on the rise?",
    ...                           "Read more", "Related stories:")]
    [True, False, False, False]
    """
    n = len(line.split())
    return (HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS and line[:1].isalnum()
            and not line.endswith(SENTENCE_ENDS + (":", "：")))


def is_summary(line: str) -> bool:
    """A teaser's summary: a sentence of SUMMARY_MIN_WORDS to SUMMARY_MAX_WORDS words, not
    the rest of a wrapped line.

    >>> [is_summary(t) for t in ("Denny Hamlin's championship run was foiled by the tale of the tape.",
    ...                          "and the tale of the tape ended it.", "Apple's Cheap Laptop Looks Like A Winner")]
    [True, False, False]
    """
    return (SUMMARY_MIN_WORDS <= len(line.split()) <= SUMMARY_MAX_WORDS and not line[:1].islower()
            and line.endswith(SENTENCE_ENDS))


def is_tag(line: str) -> bool:
    """A short line after a unit: a byline's name, "Read more", a section's name.

    >>> is_tag("by Anmol"), is_tag("Mehr…"), is_tag("The vote is set for May.")
    (True, True, False)
    """
    return 1 <= len(line.split()) <= TAG_MAX_WORDS and not line.endswith((".", "!", "?"))


def is_story_line(line: str) -> bool:
    """A story's line: a sentence of STORY_LINE_MIN_WORDS+ words.

    >>> is_story_line("The council will vote on the new budget for the harbour on Monday."), is_story_line("Menu")
    (True, False)
    """
    return len(line.split()) >= STORY_LINE_MIN_WORDS and line.endswith(SENTENCE_ENDS)


def longest_story_run(lines: list[str]) -> int:
    """The most story lines in a row among `lines`.

    >>> s = "The council will vote on the new budget for the harbour on Monday."
    >>> longest_story_run([s, s, "Menu", s])
    2
    """
    best = streak = 0
    for line in lines:
        streak = streak + 1 if is_story_line(line) else 0
        best = max(best, streak)
    return best


def units_from(lines: list[str], i: int) -> tuple[int, int]:
    """The headline / summary units from `lines[i]` on: (how many, the index after them).

    >>> units_from(["A Quiet Bridge Opens Today", "The town waited ten years for it to open.", "Read more",
    ...             "Harbour Vote Is Set For May", "The council meets on the harbour plan.", "Shops close early on Friday."], 0)
    (2, 5)
    """
    n, j = 0, i
    while j + 1 < len(lines) and is_headline(lines[j]) and is_summary(lines[j + 1]):
        n, j = n + 1, j + 2
        if j < len(lines) and is_tag(lines[j]):
            j += 1
    return n, j


def long_words(lines: list[str]) -> list[str]:
    """The lines' words of ECHO_MIN_LETTERS+ letters, lower-cased (numbers aside).

    >>> long_words(["The Harbour vote, 2026", "is set"])
    ['harbour']
    """
    return [w.lower() for line in lines for w in _WORD.findall(line)
            if len(w) >= ECHO_MIN_LETTERS and not w.isdigit()]


def echo(run: list[str], around: list[str]) -> float:
    """Share of the run's long words found in the lines `around` it, their headlines aside.

    >>> echo(["Harbour Vote Is Set For May", "The harbour council meets."],
    ...      ["The harbour plan was drawn in 2019 by the council.", "Other Stories From Around The Region"])
    0.75
    """
    words = long_words(run)
    seen = set(long_words([line for line in around if not is_headline(line)]))
    return sum(w in seen for w in words) / max(1, len(words))


def teaser_runs(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each teaser run of the kept `lines` (see the module's docstring).

    >>> story = ["The council voted on Monday to close the old harbour bridge for two years of works.",
    ...          "Traffic will go through the ring road, which the council will widen by spring.",
    ...          "Shops near the bridge asked the mayor for help during the closure of the road.",
    ...          "The works start in March and the bridge should open again in the spring of 2028."]
    >>> teasers = ["Tape Gaffe Ends Hamlin's Title Run", "A racing season ended on a measuring tape in Florida.",
    ...            "The Four Best Vegan Spots Downtown", "Hoodline crunched the numbers on plant cooking here.",
    ...            "Say Cheese? Three Top Cheese Shops", "Wondering where to find the best cheese near you?"]
    >>> teaser_runs(story + teasers)
    [(4, 10)]
    >>> teaser_runs(teasers)  # (a page of teasers alone: nothing left to be the story)
    []
    """
    out, cut, i = [], set(), 0
    while i < len(lines):
        n, j = units_from(lines, i)
        if n < MIN_UNITS:
            i += 1
            continue
        before = [line for k, line in enumerate(lines[:i]) if k not in cut]
        after = lines[j:]
        story_before = sum(map(is_story_line, before))
        story_after = sum(map(is_story_line, after))
        if (min(story_before, story_after) <= EDGE_STORY_LINES and longest_story_run(before + after) >= STORY_MIN_RUN
                and echo(lines[i:j], before + after) < ECHO_MAX):
            out.append((i, j))
            cut.update(range(i, j))
        i = j
    return out


def mark_teaser_runs(ctx) -> None:
    """Cut the teaser runs among the page's kept lines (rule TEASER_RULE), on a page the
    line model cut part of.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The council voted on Monday to close the old harbour bridge for two years of works.\\n"
    ...               "Traffic will go through the ring road, which the council will widen by spring.\\n"
    ...               "Shops near the bridge asked the mayor for help during the closure of the road.\\n"
    ...               "The works start in March and the bridge should open again in the spring of 2028.\\n"
    ...               "More news\\n"
    ...               "Tape Gaffe Ends Hamlin's Title Run\\nA racing season ended on a measuring tape in Florida.\\n"
    ...               "The Four Best Vegan Spots Downtown\\nHoodline crunched the numbers on plant cooking here.\\n"
    ...               "Say Cheese? Three Top Cheese Shops\\nWondering where to find the best cheese near you?\\n")
    >>> ctx.marks.rule[4] = "classifier"
    >>> mark_teaser_runs(ctx)
    >>> ctx.marks.rule[3:6], ctx.marks.rule[10]
    ([None, 'classifier', 'story.teaser_run'], 'story.teaser_run')
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    if CLASSIFIER_RULE not in rule:
        return
    kept = np.flatnonzero(~ctx.marks.removed() & ~ctx.blank)
    # (a quick no on most pages: a run and a story need this many lines of a few words)
    if np.count_nonzero(ctx.stats.n_words[kept] >= HEADLINE_MIN_WORDS) < 2 * MIN_UNITS + STORY_MIN_RUN:
        return
    kept = kept.tolist()
    lines = [content[i].strip() for i in kept]
    for start, end in teaser_runs(lines):
        for k in range(start, end):
            rule[kept[k]] = TEASER_RULE

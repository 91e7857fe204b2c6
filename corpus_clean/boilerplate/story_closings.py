"""The story's closing sentences that the classifier cut right over the page's furniture
(round 25): a give-back step of ``story_body._give_back``.

A story that ends in a short sentence under a quote ("Maria Lundström celkkii: «Mii
dárbbašit vuojanis guhkkin.»" / "Gielda mearrida boahtte jagi." / "Juogat" / "Facebook") is
read by the model as the first line of the share bar under it: the sentence is short, and
everything under it is furniture. ``story_echo`` gives back a closing sentence of
SENTENCE_MIN_WORDS+ words near the last story *paragraph*; this step reads the story's last
kept line, whatever its length:

* right under a kept sentence of the story (L, CLOSING_MIN_WORDS+ words with letters: a
  commenter's "Issa K." or a source's date is none; under a kept line: an advert's
  sentence under its label is none), with only blank lines between, a run of at
  most CLOSING_MAX_LINES sentences of CLOSING_MIN_WORDS+ words the classifier cut, each
  ending in a stop (``story_openings.states_a_sentence``: a poll's "(16%, 654 Votes)" ends
  in a bracket alone);
* under the run, the furniture starts: a line a rule cut, a line the classifier cut that is
  no sentence (a share button, a teaser list's label), or the page's end;
* the run's first sentence names what the story names: one of its content words
  (``story_echo.content_keys``) stands in a kept sentence of the story at or above L, and
  is no word of the site (``story_echo._is_site_word``: in two lines a rule cut).

Page structure and the page's own words only.
"""
from __future__ import annotations

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_inserts import LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_openings import states_a_sentence

# The closing: at most this many sentences, each of this many words at least.
CLOSING_MAX_LINES = 3
CLOSING_MIN_WORDS = 3


def _last_kept_sentence(ctx, shape: LineShape) -> int | None:
    """The page's last kept line, when it is a sentence that goes on from the kept line
    right above it (None otherwise: the story's end is a list, a caption the model kept, an
    advert's line under its label, or nothing is kept). (Its words are counted by the
    caller, only when sentences were cut under it.)"""
    rule, blank = ctx.marks.rule, ctx.blank
    for i in range(ctx.lines.n_lines - 1, -1, -1):
        if rule[i] is None and not blank[i]:  # (the rule first: most lines there are cut)
            above = nonblank_neighbour(ctx, i, -1)
            if shape.ends_sentence(i) and above is not None and rule[above] is None:
                return i
            return None
    return None


def _words_with_letters(line: str) -> int:
    """How many of `line`'s words hold a letter (a source's date ".  15 November 2019." has one).

    >>> _words_with_letters(".   15 November 2019."), _words_with_letters("Gielda mearrida boahtte jagi.")
    (1, 4)
    """
    return sum(1 for w in line.split() if any(c.isalpha() for c in w))


def _closing_run(ctx, shape: LineShape, last: int) -> list[int]:
    """The sentences the classifier cut right under kept line `last`, when the furniture
    (a rule's cut, the classifier's cut of a line that ends no sentence, the page's end)
    comes right under them; [] otherwise."""
    rule, run = ctx.marks.rule, []
    j = nonblank_neighbour(ctx, last, 1)
    while j is not None and rule[j] == CLASSIFIER_RULE and shape.n_words(j) >= CLOSING_MIN_WORDS \
            and states_a_sentence(ctx.lines.content[j]):
        if len(run) == CLOSING_MAX_LINES:
            return []
        run.append(j)
        j = nonblank_neighbour(ctx, j, 1)
    return run


def give_back_closings_echoing_the_story(ctx, shape: LineShape) -> None:
    """Give back the story's closing sentences the classifier cut over the furniture (see
    the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Valley gazette\\nThe council wants a new bus line to the valley.\\n"
    ...               "Maria said: «We need the buses.»\\nThe council decides next year.\\n"
    ...               "Share\\nFacebook\\n© Valley gazette")
    >>> ctx.marks.rule[0] = ctx.marks.rule[6] = "footer.copyright"
    >>> ctx.marks.rule[3:6] = ["classifier", "classifier", "social.share_bar"]
    >>> give_back_closings_echoing_the_story(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[3:5]
    [None, 'classifier']
    """
    from corpus_clean.boilerplate.story_echo import _is_site_word, content_keys  # (story_echo imports story_body)

    last = _last_kept_sentence(ctx, shape)
    if last is None:
        return
    run = _closing_run(ctx, shape, last)
    if not run or _words_with_letters(ctx.lines.content[last]) < CLOSING_MIN_WORDS:
        return
    rule, content = ctx.marks.rule, ctx.lines.content
    keys = content_keys(content[run[0]])
    furniture = None  # (the rule-cut lines, read only when a story sentence echoes the closing)
    for i in range(last, -1, -1):  # (the story's kept sentences, from its end up: an echo is near)
        if rule[i] is not None or ctx.blank[i] or not shape.ends_sentence(i):
            continue
        echoes = keys & content_keys(content[i])
        if not echoes:
            continue
        if furniture is None:
            furniture = [content[j].casefold() for j, r in enumerate(rule) if r not in (None, CLASSIFIER_RULE)]
        if any(not _is_site_word(key, furniture) for key in echoes):
            for j in run:
                rule[j] = None
            return

"""A photo's caption right over the quote of the person it shows (round 26): a step of
``story_body.give_back_story_body_lines``.

A story of short sentences sets its photo between its sentences, and very often right
above the quote of the person in the photo: "Ɔbaa bi tɔn bankye wɔ dwam so" (a woman
sells cassava at the market) over '"Ɛnnɛ deɛ, sika no nsɔ," Maame Akosua Mensah ... ka',
"Lesirma Lekupe" over 'Lesirma aaji: "Kaidimaki!"'. Flattened, the caption is an open
line (it ends no sentence) between the story's sentence or list row above and the quote
below. A subheading has the caption's shape; what tells them apart on the studied sets
(rounds 8-25's studied files and the released rounds 16-19 held-out sets, not the checks
kept unopened) is where the line stands:

* the line under it opens a quote: its first character is an opening quotation mark
  ("“", "«", "„", "»" as Danish writes it, "「"), or a speaker's colon is followed by one
  ('Mahei Musa Kpaka ngi hi: "Mu ..."'); an apostrophe is no quotation mark (Neapolitan
  "'E cepolle", Hawaiian's ʻokina);
* the line above is a story sentence, or a list row of another shape than the line (it
  holds a digit, a colon or a dash: "Nkuruma: ₵8 kyɛnsee baako", "Paul Esiel – 434"): the
  last item of a list of names or dishes ("Stille Nacht" / "Dar bint vo Lusérn") has its
  rows' shape and is the list's;
* the page's kept sentences are a brief's (none over SHORT_SENTENCE_MAX_WORDS words): a
  web page's subheading ("A second life for the building") sits over a quote too, on
  paragraphs of 22 words and more;
* the quote ends its sentence, the line opens with a capital (or a letter of a script
  without capitals) and the page holds QUOTE_CAPTIONS_MAX such lines at most: on web
  pages (WCXB dev) a line broken at an inline quote ("In this example, the verbose name
  is" / '"person"') opens in lower case, and subheadings over quotes come in series
  ("The Static Web", "The Framework Wars", "The AI Moment").

Counted first on the studied sets (main's output): among kept open lines of 2-10 words
with no digit and no colon, right over a quote line, 33 captions and 4 story lines; with
the guards on the neighbours and the page, 25 captions and 0 story lines.
Language-blind: shapes and quotation marks.
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.features import CJK_HI, CJK_LO, DIGIT, LOWER, page_rows
from corpus_clean.boilerplate.story_inserts import (
    ECHO_CAPTION_MAX_WORDS, INSERT_MIN_CHARS, SHORT_SENTENCE_MAX_WORDS, LineShape, _caseless_start, _DIGIT_IN,
    _kept_neighbour, _sentence_ends, _stands_alone,
)

QUOTE_CAPTION_RULE = "story.caption_over_quote"
# The caption: this many words at least (one word is a label's or a name's) ...
QUOTE_CAPTION_MIN_WORDS = 2
# ... and at most this many (a caption's clause, as ``story_inserts`` counts it).
QUOTE_CAPTION_MAX_WORDS = ECHO_CAPTION_MAX_WORDS
# The quote under the caption, and the story's sentence above it: this many words at least
# (a web page's text broken at inline code: 'where "' / 'ON true' / '") which make ...').
QUOTE_MIN_WORDS = 3
# A page with more such lines has subheadings over its quotes.
QUOTE_CAPTIONS_MAX = 2
# Opening quotation marks of many scripts (no apostrophe: it opens elided words).
OPENING_QUOTES = frozenset('"“„«»‹›「『‚”')
# Closing quotation marks a sentence may end in that ``LineShape.ends_sentence`` does not
# read as closing (German „…“, Danish »…«).
CLOSING_ONLY_QUOTES = "“«"
# Inside a list row: the marks that set a label from its value ("Bread: 2 euros", "Paul Esiel – 434").
ROW_MARKS = (":", "：", " – ", " — ", " - ")


def opens_a_quote(line: str) -> bool:
    """`line` opens with a quotation mark, or a speaker's colon is followed by one, and the
    quote opens with a letter (a code sample's '") which make ...' or '""' quotes nothing).

    >>> [opens_a_quote(t) for t in ('"No kansa", Dona Nha Bia Sanha fala.', 'Lesirma aaji: «Kaidimaki!»',
    ...                             "'E cepolle s'hanno 'a cocere.", "The mayor said: we will see.", "「よかった」と話した。",
    ...                             '") which make the join behave.', '""')]
    [True, True, False, False, True, False, False]
    """
    text = line.lstrip()
    if text[:1] not in OPENING_QUOTES:
        _, colon, text = text.partition(": ")
        if not colon or text[:1] not in OPENING_QUOTES:
            return False
    return text[1:2].isalpha()


def is_row_of_another_shape(line: str) -> bool:
    """`line` reads as a list row the caption cannot be one of: it holds a digit, or a mark
    that sets a label from its value.

    >>> [is_row_of_another_shape(t) for t in ("Nkuruma: ₵8 kyɛnsee baako", "Paul Esiel – 434", "Stille Nacht")]
    [True, True, False]
    """
    return _DIGIT_IN.search(line) is not None or any(mark in line for mark in ROW_MARKS)


def _caption_shaped(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` has a caption's shape: QUOTE_CAPTION_MIN_WORDS to QUOTE_CAPTION_MAX_WORDS
    words (or INSERT_MIN_CHARS+ characters of an unspaced script), opening with a letter,
    ending in one, no digit, no colon or dash between label and value, standing alone."""
    line = ctx.lines.content[i]
    unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
    sized = QUOTE_CAPTION_MIN_WORDS <= shape.n_words(i) <= QUOTE_CAPTION_MAX_WORDS or (
        unspaced and shape.n_chars(i) >= INSERT_MIN_CHARS)
    capital = not shape.first_class(i) & LOWER or _caseless_start(line)
    return (sized and not shape.ends_sentence(i) and shape.ends_in_a_word(i)
            and line.lstrip()[:1].isalpha() and capital and not shape.first_class(i) & DIGIT
            and not is_row_of_another_shape(line) and _stands_alone(ctx, shape, i))


def long_sentence_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: it ends a sentence of more than SHORT_SENTENCE_MAX_WORDS words (one kept
    makes the page no brief for ``mark_captions_over_quotes``). (`blank`, `last_rows`:
    unread, as ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> long_sentence_lines(Context("Home\\n" + "word " * 21 + "end.\\n" + "word " * 21).stats).tolist()
    [False, True, False]
    """
    return _sentence_ends(stats) & (stats.n_words > SHORT_SENTENCE_MAX_WORDS)


def mark_captions_over_quotes(ctx, shape: LineShape) -> None:
    """Cut the open line between a brief's sentence (or a row of another shape) and a quote
    (rule QUOTE_CAPTION_RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Bideras di fera di Kakeu fala kuma kasa di fera ka ten teto.\\n"
    ...               "Ora ki chuba ta yentra, mindjeris ta firma kargu.\\n"
    ...               "Fera di Kakeu na parmaña\\n"
    ...               '"No kansa", Dona Nha Bia Sanha fala.\\n')
    >>> mark_captions_over_quotes(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, 'story.caption_over_quote', None, None]

    The last item of a list of names stays, and so does a heading over a quote on a page of
    long paragraphs:

    >>> ctx = Context("The choir sang three songs on Sunday, the conductor said:\\n"
    ...               "Stille Nacht\\nDar bint vo Lusérn\\n"
    ...               "He said: «The language lives in songs.»\\n")
    >>> mark_captions_over_quotes(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None]
    >>> ctx = Context("The workers bought the building and all of its machines with a loan from the regional development fund and savings of their own.\\n"
    ...               "A second life for the building\\n"
    ...               "“Nobody else was going to save it, so we did,” said Pia Lund.\\n")
    >>> mark_captions_over_quotes(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None]
    """
    rule = ctx.marks.rule
    if any(rule[i] is None for i in page_rows(ctx, "long_sentence_rows", long_sentence_lines)):
        return  # (a kept sentence of a web page's paragraph: the count below says so too)
    s = ctx.stats
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    if len(kept) < 3:
        return
    ends = _sentence_ends(s)[kept]
    # (a brief's sentences: a web page's paragraphs run longer, and its subheadings sit on them)
    if not ends.any() or int(s.n_words[kept][ends].max()) > SHORT_SENTENCE_MAX_WORDS:
        return
    content = ctx.lines.content
    nonblank = (~ctx.blank).nonzero()[0].tolist()
    found = []
    for at in range(1, len(nonblank) - 1):
        i, below = nonblank[at], nonblank[at + 1]
        if (rule[i] is not None or rule[below] is not None or shape.n_words(below) < QUOTE_MIN_WORDS
                or not (shape.ends_sentence(below) or content[below].rstrip()[-1:] in CLOSING_ONLY_QUOTES)
                or not opens_a_quote(content[below])):
            continue
        above = _kept_neighbour(rule, ctx.blank, i, -1)
        if above is None or not ((shape.ends_sentence(above) and shape.n_words(above) >= QUOTE_MIN_WORDS)
                                 or is_row_of_another_shape(content[above])):
            continue
        if _caption_shaped(ctx, shape, i):
            found.append(i)
    if len(found) <= QUOTE_CAPTIONS_MAX:
        for i in found:
            rule[i] = QUOTE_CAPTION_RULE

"""A photo's caption written as a full sentence, told by the slot the photo takes in the story
or by the day it dates itself with (round 26): steps of ``story_body.give_back_story_body_lines``.

A caption written as a sentence ("Walnut sacks loaded on donkeys in Waigal.", "Pupils at
Dombodema carry the new books to class.") has no shape of its own: round 24 counted that
neither shape, place nor the model's score tells it from the story's short sentences. One
slot does tell it, because a photo breaks the story's rhythm there: **over its credit**
(``mark_captions_over_cut_credits``). Flattened, the credit is the line right under the
caption ("Image: Kerio Times", "Фото автора", "Picture by Sipho Moyo", "Photo © Radio
Waigal"). A step before this one cut the credit (a rule, or a caption step that read it as a
caption), and ``story_inserts.mark_credit_lines`` takes the caption with a credit only when it
cuts the credit itself. The credit is known by its first word, a word for photo, picture or
image of the rule packs' credit rules (``outlets.caption_with_credit`` and
``outlets.caption_with_credit_mark``: ~140 words of many languages, data, not code).

Counted on the studied sets (rounds 8-26's studied files, not the checks kept unopened; main's
output): kept sentences right over a cut line of at most 5 words opening with a photo word, no
digit: 4 captions, 5 story lines; with the guards below (no quote, no gallery counter "Bild 2 von
5", a credit of PHOTO_CREDIT_MIN_WORDS to PHOTO_CREDIT_MAX_WORDS words, the story right under
it): 4 captions, 0 story lines. On WCXB dev (web pages) the step cuts 36 lines, none of the
gold's (captions over "Credit: ..." lines of review sites), once the guards taken from its
firings hold (an image's placeholder "Image" under a paragraph, a question, a title-case
heading, BBC's "Image copyright" over its "Image caption" line).

A caption also dates its photo the way captions do, in a last clause that is only the day:
"The new road at Iruekpen, Ekpoma, on Thursday.", "Wakazi wa Mtongwe wakivuka maji, Jumapili
mchana.", "..., el viernes." (``mark_captions_dated_by_a_weekday``; the weekday and day-period
names of every CLDR language, ``dates._calendar``). A story's sentence says when with a verb or
without the comma ("..., is dinsdag overleden.", "... disputa-se na segunda-feira."). Counted on
the studied sets: sentences whose last clause after a comma is one to three words, a weekday
name of 4+ letters among them and the others function words of up to 3 letters: 6 captions,
0 other lines (with any calendar word and any words: 8 captions, 9 story lines). On WCXB dev,
WCXB test, scrapinghub and readability it cuts nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from corpus_clean.boilerplate.features import LOWER
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.boilerplate.story_inserts import (
    SHORT_SENTENCE_MAX_WORDS, LineShape, _caseless_start, _DIGIT_IN, _is_row, _kept_neighbour,
    _title_case,
)
from corpus_clean.boilerplate.story_quotes import is_row_of_another_shape, opens_a_quote

CAPTION_OVER_CREDIT_RULE = "story.caption_over_cut_credit"
# The rule packs' credit rules whose keywords are words for photo, picture, image.
CREDIT_WORD_RULES = ("outlets.caption_with_credit", "outlets.caption_with_credit_mark")
# A caption over its credit: at most this many words (a brief's sentence; a web page's
# paragraph over a photo with no caption is the story's).
CREDIT_CAPTION_MAX_WORDS = SHORT_SENTENCE_MAX_WORDS
# A credit on a line of its own: a word for photo and a name, one to three words.
PHOTO_CREDIT_MIN_WORDS = 2
PHOTO_CREDIT_MAX_WORDS = 4
QUESTION_MARKS = "?？؟;"
_TRAILING_MARKS = re.compile(r"\W+$")


@lru_cache(maxsize=1)
def photo_words() -> frozenset[str]:
    """The words for photo, picture or image that the packs' credit rules know (lower case).

    >>> {"photo", "foto", "picha", "фото"} <= photo_words()
    True
    """
    rules = [r for r in load_rules().rules if r.id in CREDIT_WORD_RULES]
    return frozenset(k for r in rules for k in r.keywords if k.isalpha())


def is_photo_credit(line: str) -> bool:
    """`line` reads as a photo's credit on a line of its own: PHOTO_CREDIT_MIN_WORDS to
    PHOTO_CREDIT_MAX_WORDS words, no digit (a gallery's "Bild 2 von 5"), the first a word for
    photo. (One word is an image's placeholder, "Image"; five are a caption's label, "صورة
    أرشيفية لمحطة تحلية المياه", an archive photo of the plant.)

    >>> [is_photo_credit(t) for t in ("Image: Kerio Times", "Фото автора", "Photo © Radio Waigal", "Image",
    ...                               "Bild 2 von 5", "Photos of the old mill were shown at the meeting")]
    [True, True, True, False, False, False]
    """
    words = line.split()
    return (PHOTO_CREDIT_MIN_WORDS <= len(words) <= PHOTO_CREDIT_MAX_WORDS and _DIGIT_IN.search(line) is None
            and _TRAILING_MARKS.sub("", words[0].lower()) in photo_words())


def _sentence_caption_shaped(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` may be a caption written as a sentence: it ends its sentence (no question, a
    heading's "Know a Parent Who Loves Online Shopping?"), opens with a capital (or a letter
    of a script without capitals), quotes no one, is no row of a list and no heading in
    title case."""
    line = ctx.lines.content[i]
    capital = not shape.first_class(i) & LOWER or _caseless_start(line)
    return (shape.ends_sentence(i) and line.rstrip()[-1:] not in QUESTION_MARKS and line.lstrip()[:1].isalpha()
            and capital and not opens_a_quote(line) and not _is_row(ctx.lines.content, shape, i)
            and not is_row_of_another_shape(line) and not _title_case(line))


def mark_captions_over_cut_credits(ctx, shape: LineShape) -> None:
    """Cut the kept sentence right over a photo credit a step cut (``is_photo_credit``), when
    the story stands above it and goes on under the credit (rule CAPTION_OVER_CREDIT_RULE).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Chesongoch kumin mapo sekemyat.\\nKumin 2 tonne kosale.\\n"
    ...               "Members of the cooperative check hives on the escarpment.\\n"
    ...               "Image: Kerio Times\\nChairman Daniel Kiptoo: \\"Ee.\\"\\n")
    >>> ctx.marks.rule[3] = "news.photo_caption"
    >>> mark_captions_over_cut_credits(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, 'story.caption_over_cut_credit', 'news.photo_caption', None, None]

    A credit closing the story leaves its last sentence; a gallery's counter is no credit:

    >>> ctx = Context("Kumin 2 tonne kosale.\\nThe cooperative sells honey.\\nImage: Kerio Times\\n")
    >>> ctx.marks.rule[2] = "news.photo_caption"
    >>> mark_captions_over_cut_credits(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[1]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    for c in range(2, ctx.lines.n_lines):
        i = c - 1
        if rule[c] is None or rule[i] is not None or ctx.blank[i] or ctx.blank[c]:
            continue
        if not is_photo_credit(content[c]) or shape.n_words(i) > CREDIT_CAPTION_MAX_WORDS:
            continue
        # (the story right under the credit: over a credit followed by its caption, the BBC's
        # "Image copyright ..." / "Image caption ...", the line above is the story's)
        below = next((j for j in range(c + 1, ctx.lines.n_lines) if not ctx.blank[j]), None)
        if below is None or rule[below] is not None or _kept_neighbour(rule, ctx.blank, i, -1) is None:
            continue
        if _sentence_caption_shaped(ctx, shape, i):
            rule[i] = CAPTION_OVER_CREDIT_RULE



CAPTION_DATED_RULE = "story.caption_dated_by_a_weekday"
# The caption's last clause: at most this many words, a weekday or day-period name of at
# least WEEKDAY_MIN_CHARS letters among them, the others short function words ("on", "el").
DATED_CLAUSE_MAX_WORDS = 3
WEEKDAY_MIN_CHARS = 4
FUNCTION_WORD_MAX_CHARS = 3
_CLAUSE_END = re.compile(r"[.。।။።]$")


def ends_in_a_weekday_clause(line: str) -> bool:
    """`line` is a sentence whose last clause, after its last comma, is only the day the photo
    was taken ("..., on Thursday.", "..., Jumapili mchana.", "..., el viernes."), as captions
    date themselves; a story's sentence says it with a verb (", is dinsdag overleden.").

    >>> [ends_in_a_weekday_clause(t) for t in ("The new road at Iruekpen, Ekpoma, on Thursday.",
    ...     "Wakazi wa Mtongwe wakivuka maji, Jumapili mchana.", "Jan van Dijk, burgemeester, is dinsdag overleden.",
    ...     "The vote was held on Thursday.", "Bozori bandə, ama ben.")]
    [True, True, False, False, False]
    """
    text = line.strip()
    if not _CLAUSE_END.search(text) or "," not in text:
        return False
    words = text[:-1].rsplit(",", 1)[1].lower().split()
    days = _weekdays()
    return (1 <= len(words) <= DATED_CLAUSE_MAX_WORDS and any(len(w) >= WEEKDAY_MIN_CHARS and w in days for w in words)
            and all(w in days or len(w) <= FUNCTION_WORD_MAX_CHARS for w in words))


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    """Weekday and day-period names of every language CLDR knows (``dates._calendar``)."""
    from corpus_clean.boilerplate.dates import _calendar
    return _calendar()[1]


def mark_captions_dated_by_a_weekday(ctx, shape: LineShape) -> None:
    """Cut a kept sentence of at most CREDIT_CAPTION_MAX_WORDS words that closes on the day its
    photo was taken (``ends_in_a_weekday_clause``), under the story's first kept sentence
    (rule CAPTION_DATED_RULE).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Soko lya pamba lyafunguka Nyankumbu.\\nAbalimi 1 500 bazile.\\n"
    ...               "Abalimi bali n'emifuko ya pamba ku soko, Nyankumbu, Ijumaa.\\nBei:\\nPamba — TSh 1,200\\n")
    >>> mark_captions_dated_by_a_weekday(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[2]
    'story.caption_dated_by_a_weekday'
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    first = None
    for i in range(ctx.lines.n_lines):
        if rule[i] is not None or ctx.blank[i]:
            continue
        if first is None:
            first = i
            continue
        if (shape.n_words(i) <= CREDIT_CAPTION_MAX_WORDS and ends_in_a_weekday_clause(content[i])
                and _sentence_caption_shaped(ctx, shape, i)):
            rule[i] = CAPTION_DATED_RULE

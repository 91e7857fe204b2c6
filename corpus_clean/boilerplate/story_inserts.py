"""Lines that break the story: a photo caption or a widget's teaser headline standing on
its own line between the story's paragraphs, found by shape, in any language. A step of
the classifier (``classifier.mark_by_classifier_many`` calls it on each page it read).

Flattened pages put a photo's caption (with no credit in the text: "A container ship
passes through the locks in Colon province") or the headline an ad slot or a "read
also" box carried ("Council leaders warn of 'cliff edge' in funding") on a line of its
own between two paragraphs, or right above the story's first one. A subheading sits
there too, but it is short ("What happens next", "Ingredients"); a caption or a teaser
is a whole clause that ends no sentence. So a kept line is cut (rule ``story.insert``)
when it

* ends no sentence, and in a letter or a digit (no full stop, question or exclamation
  mark, closing quote or bracket, in any script: "。", "।", "؟" count too; no colon
  announcing a list, no emoji);
* has INSERT_MIN_WORDS to INSERT_MAX_WORDS words, or INSERT_MIN_CHARS+ characters in a
  script written without spaces (Chinese, Japanese), where a word count means little;
* does not open with a number ("3. Make a plate"): a numbered list's item or heading;
* has a story paragraph (``is_paragraph``) as the next kept line, and as the previous
  kept line a story paragraph or nothing (a caption above the story's first paragraph,
  the headline and byline above it already cut);
* is not the first line of a wrapped paragraph: the next line does not go on with it (a
  lower-case start), and in text whose paragraphs are separated by blank lines it stands
  between blank lines, as a paragraph of its own.

The same place tells a caption whose credit a rule removed (rule ``story.caption``): in
flattened text (no blank lines between paragraphs) the line right above a credit line
("Credit... Nadia Keller for The Valley Ledger", "Bild: dpa | Lena Brockmann") is the
photo's caption when it has CAPTION_MAX_WORDS words or fewer and stands where an insert
does: the next kept line below the credit is a story paragraph, the kept line above it a
story paragraph or nothing. A sentence of the story right above a credit that closes the
page (a wire signoff "PA" after the last paragraph) stays. (In paragraph-separated text the
credit rule takes the caption itself: ``caption_credit`` in ``rules.py``.)

A caption flattened onto one line with its credit in brackets ("Il cantiere del ponte in
una foto dello scorso agosto (Ansa)", "Άποψη του χώρου. (Φωτογραφία: ΑΠΕ-ΜΠΕ)", rule
``story.caption_credit``) ends in ")" and so "ends a sentence"; its credit says what it
is, so it needs less of the story around it: a clause of CREDIT_CAPTION_MIN_WORDS+ words
(or an unspaced script's) closing with a short bracketed name, "label: name" or
"agency/name" (``is_credit``: not "(laughs)", not "(2026)"), after a story paragraph (or
nothing kept), with a sentence (or nothing kept) below it; or whose last sentence is
followed by an unbracketed "Agency/Name" or "Label: Name" credit ("... in Lagos.
Newsline/Chidi Eze"), under the story's sentences, whatever stands below it.

A credit on a line of its own ("Wawa Press/Tom Metcalf", "PICHA: Redio Pwani", "(Photo:
Dale Old Elk / Big Horn Ledger)", rule ``story.credit_line``) goes under the story, and
so does the caption right above it when the story goes on below (``mark_credit_lines``).

No wording list: the same shape in every language. Cost: a few numpy comparisons per
page; lines are walked only for the (rare) candidates.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE, PROSE_MIN_WORDS
from corpus_clean.boilerplate.features import (
    ALPHA, CJK_HI, CJK_LO, DIGIT, LOWER, SENT_END, CodeSet, page_rows, page_slice,
)
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.boilerplate.story_tail import (mark_agency_tag, mark_bare_count_boxes, mark_comment_boxes,
                                                 mark_contributor_line, mark_station_plug, mark_tag_line)

RULE = "story.insert"
CAPTION_RULE = "story.caption"
CREDIT_TAIL_RULE = "story.caption_credit"
TEASERS_RULE = "story.related_teasers"
GALLERY_CAPTION_RULE = "story.gallery_caption"
LONE_CAPTION_RULE = "story.lone_caption"
OVER_LIST_RULE = "story.caption_over_list"
CREDIT_LINE_RULE = "story.credit_line"
# A photo gallery's counter ("1 / 4", "Bild 2 von 5") as the rule packs cut it, and the
# media labels that stand next to a photo's caption the same way ("Image 1 of 5",
# "Image caption": ``nav.media_ui``, when its line says so: ``FIGURE_LABEL``).
GALLERY_COUNTER_RULES = frozenset({"nav.gallery_counter", "nav.media_ui"})
FIGURE_LABEL = re.compile(r"(?i:(?:image|photo|picture|slide)\s+\d+\s+(?:of|/)\s+\d+|(?:image|photo)\s+caption)\W*")
# The label of a related-stories list ("ये भी पढ़ें", "អត្ថបទពាក់ព័ន្ធ", "Читайте також") as
# the rule packs cut it, the label alone.
RELATED_LABEL_RULES = frozenset({"scripts.related_label", "ads.recommended_block"})
# A list of related headlines under such a label: at most this many lines, each short.
TEASERS_MAX_LINES = 12
TEASER_MAX_WORDS = 20
# A credit in brackets closing a caption: a name, an agency, "Foto: X" -- a few words.
CREDIT_MAX_WORDS = 5
# A credit "Label: Ana Klinkòsz" names one person or two: a first and a last name or so.
CREDIT_NAME_MAX_WORDS = 4
# With its credit, a caption is a clause of this many words or more; a heading that
# closes with an acronym ("Integrating the Healthcare Enterprise (IHE)") is shorter.
CREDIT_CAPTION_MIN_WORDS = 7
# With a credit after its sentence's full stop ("Alkaloo Malick Sanneh. Ja: Ebrima Darboe"),
# a caption may be only the name of whom it shows: the full stop and the label tell it
# from a heading.
LABEL_CREDIT_CAPTION_MIN_WORDS = 4
# "(Ansa)", "(Φωτογραφία: ΑΠΕ-ΜΠΕ)", "（記者林佳穎攝）": a short bracketed group ending the line.
_CREDIT_TAIL = re.compile(r"\S.*?[(（]([^()（）]{1,40})[)）]\s*$")
# A caption above its credit is a sentence or two, seldom more.
CAPTION_MAX_WORDS = 40
# A subheading is shorter than this; a caption or a teaser headline is a whole clause.
INSERT_MIN_WORDS = 8
# A caption with no credit between two of the story's sentences (not paragraphs: a brief,
# a language of short sentences) says a clause's worth: this many words or more. Shorter
# open lines there are subheadings and live-blog times as often (round 15: at 5-6 words
# they were article lines on the round-8/12/14 held-out sets; at 7+ none was).
LONE_CAPTION_MIN_WORDS = 7
# ... and this many at most: longer, an open line between two sentences is the story's own
# sentence that lost its full stop (a forum post's "..., then change the number to 80-70").
LONE_CAPTION_MAX_WORDS = 15
# Shorter (this many words up, or an unspaced script's line), the lone line is a caption
# only when the model leans that way too: its score at least LONE_CAPTION_SHORT_MIN_P (a
# third of the way below its cut threshold). A 3-6-word caption ("Сернур ансамбль
# сценыште", "Ana Lopes cula baca Estrela") and a subheading ("Was sich für Eltern ändert")
# have the same shape; on the studied sets the model scored the captions 0.1-0.7 and the
# subheadings 0.0-0.36.
LONE_CAPTION_SHORT_MIN_WORDS = 3
LONE_CAPTION_SHORT_MIN_P = 0.4
# ... and it names what the story around it names (``echoes_the_story``: a photo shows
# the story's people and places; "What happens next" names nothing): ECHO_MIN_SHARED
# words of ECHO_MIN_CHARS+ letters (compared on their first ECHO_STEM_CHARS, so "ремонта"
# meets "ремонт"), or pairs of CJK characters, shared with the ECHO_LINES non-blank lines
# above it and below it. (One shared word let a model fit without group A of the
# generated news cut 3 of its subheadings, "Kritik an den Kosten"; two let 1.)
# A page with more such lines is a story cut into sections: its short open lines are its
# subheadings (the article benches' "Недостатки диеты Аткинса", "After release plan" on
# pages with 3 to 21 of them); a brief has a photo or two.
SHORT_CAPTIONS_MAX = 2
ECHO_MIN_CHARS = 4
ECHO_STEM_CHARS = 5
ECHO_LINES = 3
ECHO_MIN_SHARED = 2
# The story's sentences around it: this many words at least (not a menu item, a score).
STORY_SENTENCE_MIN_WORDS = 4
# Longer than this, a line that ends no sentence is a paragraph cut short (a link at its end).
INSERT_MAX_WORDS = 30
# The same in scripts written without spaces (about 1.5-2 characters a word).
INSERT_MIN_CHARS = 12
# A paragraph in few long words (Finnish, Hindi) says a paragraph's worth in characters.
PARAGRAPH_MIN_CHARS = 60
# Code points that are punctuation, not part of a word: below the combining marks (ASCII
# and Latin-1 signs) and from General Punctuation to CJK Symbols and Punctuation.
COMBINING_LO, PUNCTUATION_LO, PUNCTUATION_HI = 0x0300, 0x2000, 0x303F
# Sentence ends the character table does not mark: Devanagari danda, Arabic question
# mark and full stop (Urdu), Armenian and Burmese full stops.
# (Ethiopic "።" and "፧", Khmer "។" and "៕", Tibetan "།" and "༎" too)
# Round 27: and the other scripts' full stops and question marks of Unicode's
# Sentence_Terminal list (Meetei Mayek "꯫", Ol Chiki "᱾", Javanese "꧉", Balinese "᭟", Lisu
# "꓿", Vai "꘎", Syriac, N'Ko, Mongolian, Limbu, Tai Tham, Cham, ...; without them a story
# written in those scripts has no sentence and no paragraph: ``tests/test_story_round27_edges.py``).
# Not Burmese "၊", a comma, nor the ASCII-like and full-width forms the table marks.
SENTENCE_TERMINALS = ("܀܁܂߹࠷࠹࠽࠾؝؞፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭎᭏᭚᭛᭞᭟᭽᭾᭿᰻᰼᱾᱿‼‽⁇⁈⁉⳹⳺⳻"
                      "꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫")
MORE_SENTENCE_ENDS = frozenset(ord(c) for c in "।॥؟۔։။።፧។៕།༎" + SENTENCE_TERMINALS)
_MORE_SENTENCE_ENDS = CodeSet(MORE_SENTENCE_ENDS)
# The vowel signs, viramas and other combining marks (Unicode's Mn and Mc) of the scripts
# written with them (Devanagari to Myanmar, Khmer, Balinese, Meetei Mayek; the combining
# diacritics): ``re``'s \w has none of them, so it splits "जात्रा" into "ज", "त", "र" (round 27).
_MARK_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0xA670, 0xABFF), (0xFE20, 0xFE2F))
COMBINING_MARKS = "".join(chr(c) for lo, hi in _MARK_BLOCKS for c in range(lo, hi + 1)
                          if unicodedata.category(chr(c)) in ("Mn", "Mc"))  # (~1 ms)
# A letter of a word, or a mark on one (``_NAME_WORD``, ``_ECHO_WORD``: no CJK, no digit).
_WORD_LETTER = r"(?:[^\W\d_\u3400-\u9fff]|[%s])" % re.escape(COMBINING_MARKS)
# Scripts whose sentences end in no mark (Thai and Lao, Khmer): there every paragraph
# "ends no sentence", so the shape says nothing.
UNPUNCTUATED_SCRIPTS = ((0x0E00, 0x0EFF), (0x1780, 0x17FF))


class LineShape:
    """What the step reads of a line, one value at a time (``.item``: the step reads a
    few lines of a page, and converting its whole columns to lists would cost more)."""

    def __init__(self, stats):
        self.n_words = stats.n_words.item
        self.n_chars = stats.n_chars.item
        self.first_class = stats.first_class.item
        self.last_class = stats.last_class.item
        self.last_char = stats.last_char.item

    def ends_sentence(self, i: int) -> bool:
        """Line `i` ends a sentence, in any script.

        >>> from corpus_clean.boilerplate.engine import Context
        >>> shape = LineShape(Context("Das Bad öffnet im April.\\nइन बसों में किराया सामान्य रहेगा।\\nRelated topics").stats)
        >>> [shape.ends_sentence(i) for i in range(3)]
        [True, True, False]
        """
        return bool(self.last_class(i) & SENT_END) or self.last_char(i) in MORE_SENTENCE_ENDS

    def is_paragraph(self, i: int) -> bool:
        """Line `i` is a story paragraph: a sentence of PROSE_MIN_WORDS+ words or
        PARAGRAPH_MIN_CHARS+ non-space characters."""
        return self.ends_sentence(i) and (self.n_words(i) >= PROSE_MIN_WORDS or self.n_chars(i) >= PARAGRAPH_MIN_CHARS)

    def ends_in_a_word(self, i: int) -> bool:
        """Line `i` ends in a letter or a digit, or a vowel sign or another combining mark
        of a script (Hindi "यात्री"), not in punctuation (":" "," "|" "—" "、").

        >>> from corpus_clean.boilerplate.engine import Context
        >>> shape = LineShape(Context("in London\\nnew buses for the passengers:\\nनई बसें और यात्री\\n分かった、").stats)
        >>> [shape.ends_in_a_word(i) for i in range(4)]
        [True, False, True, False]
        """
        last = self.last_char(i)
        return bool(self.last_class(i) & (ALPHA | DIGIT)) or not (
            last < COMBINING_LO or PUNCTUATION_LO <= last <= PUNCTUATION_HI)

    def is_clause(self, i: int) -> bool:
        """Line `i` is a clause that ends no sentence, too long for a subheading (see the
        module's docstring).

        >>> from corpus_clean.boilerplate.engine import Context
        >>> shape = LineShape(Context("A heron stands at the edge of the flooded pit\\nWhat happens next\\n"
        ...                           "3. Instead of reaching for a snack, make a plate\\n清水寺周辺で混雑する市バス").stats)
        >>> [shape.is_clause(i) for i in range(4)]
        [True, False, False, True]
        """
        n_words = self.n_words(i)
        unspaced = CJK_LO <= self.last_char(i) <= CJK_HI
        long_enough = n_words >= INSERT_MIN_WORDS or (unspaced and self.n_chars(i) >= INSERT_MIN_CHARS)
        return (long_enough and n_words <= INSERT_MAX_WORDS and not self.first_class(i) & DIGIT
                and not self.ends_sentence(i) and self.ends_in_a_word(i) and not self.unpunctuated(i))

    def unpunctuated(self, i: int) -> bool:
        """Line `i` ends in a script written without sentence marks (Thai: "... ภายในปีหน้า")."""
        last = self.last_char(i)
        return any(lo <= last <= hi for lo, hi in UNPUNCTUATED_SCRIPTS)


def _kept_neighbour(rule: list, blank, i: int, step: int) -> int | None:
    """The nearest non-blank line from `i` in direction `step` that no step removed."""
    j = i + step
    while 0 <= j < len(rule):
        if not blank[j] and rule[j] is None:
            return j
        j += step
    return None


def _stands_alone(ctx, shape: LineShape, i: int, any_blank_line: bool = False) -> bool:
    """Not a wrapped paragraph's line: the next line does not start in lower case, and
    in paragraph-separated text a blank line stands below it and above it a blank line or
    a line that ends its sentence (round 25: pages that set blank lines between groups of
    sentences, a caption hugging the group's last sentence; a line ending in a symbol, an
    emoji, ends a blogger's sentence and is no caption's). (Georgian's letters are all
    "lower case" to Unicode, capitals unused in running text: there a sentence's first
    letter says nothing, ``_caseless_start``.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("ბავშვ ლუშნუ სკოლას მესტიაშ\\nმასწავლებელ ხოჩა ამბე.\\nThe brass band in\\nthe main street.")
    >>> [_stands_alone(ctx, LineShape(ctx.stats), i) for i in (0, 2)]
    [True, False]
    >>> ctx = Context("Sanna ehit'ti kolmõ kuuga.\\nSavvusann lumõ seeh\\n\\nSann om vallalõ.\\nIt goes on\\nUnder it.\\n\\n"
    ...               "The band played on!!\\nWe sang along all night 🙂\\n\\nEnd.")
    >>> [_stands_alone(ctx, LineShape(ctx.stats), i) for i in (1, 4, 8)]
    [True, False, False]
    """
    n = ctx.lines.n_lines
    if i + 1 < n and shape.first_class(i + 1) & LOWER and not _caseless_start(ctx.lines.content[i + 1]):
        return False
    # (`any_blank_line`: any blank line makes the page paragraph-separated, as before round 25:
    # a credit line's step, where a bio under the credit reads as the story going on)
    if ctx.has_blank_lines if any_blank_line else paragraphs_set_apart(ctx):
        if i + 1 < n and not ctx.blank[i + 1]:
            return False
        return i == 0 or ctx.blank[i - 1] or (shape.ends_sentence(i - 1) and not _ends_in_a_symbol(ctx.lines.content[i]))
    return True


# A page sets its paragraphs apart with blank lines when at least this share of its
# neighbouring sentences (two lines that end a sentence, one under the other) have a blank
# line between them; below it, its blank lines set groups apart and it reads as flattened text.
PARAGRAPHS_APART_MIN_SHARE = 0.5
# ... read so only on a page whose sentences are all this short (a brief's lines).
SHORT_SENTENCE_MAX_WORDS = 20


def paragraphs_set_apart(ctx) -> bool:
    """The page sets its paragraphs apart with blank lines (round 25): it has blank lines,
    and, on a page whose sentence lines are all SHORT_SENTENCE_MAX_WORDS words or fewer,
    PARAGRAPHS_APART_MIN_SHARE+ of its neighbouring sentences have one between them (a page
    of no neighbouring sentences or of longer ones: its blank lines decide). A page that sets blank lines
    between groups of sentences ("Sanna ehit'ti kolmõ kuuga." / "Tüü tetti talgo kõrran." /
    blank) does not. Computed once per page.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> apart = Context("One said so.\\n\\nTwo said so.\\n\\nA heading\\nThree said so.\\n")
    >>> groups = Context("One said so.\\nTwo said so.\\nA caption\\n\\nThree said so.\\nFour said so.\\n")
    >>> [paragraphs_set_apart(c) for c in (apart, groups, Context("Home\\nNews\\n"))]
    [True, False, False]
    """
    found = ctx.__dict__.get("paragraphs_set_apart")
    if found is None:
        found = bool(ctx.has_blank_lines)
        if found:
            nonblank = np.flatnonzero(~ctx.blank)
            ends = _sentence_ends(ctx.stats)[nonblank]
            # (a page of short sentences only, a brief's: a web page's paragraphs run longer,
            # and its headings sit on them; numpy over the page's lines, settled at once on most)
            if ends.any() and int(ctx.stats.n_words[nonblank][ends].max()) <= SHORT_SENTENCE_MAX_WORDS:
                pairs = ends[:-1] & ends[1:]
                apart = (nonblank[1:] - nonblank[:-1]) > 1
                if pairs.any():
                    found = int((apart & pairs).sum()) >= PARAGRAPHS_APART_MIN_SHARE * int(pairs.sum())
        ctx.__dict__["paragraphs_set_apart"] = found
    return found


def _ends_in_a_symbol(line: str) -> bool:
    """`line` ends in a symbol (Unicode "So": an emoji, a dingbat), as a blogger ends a sentence.

    >>> [_ends_in_a_symbol(t) for t in ("What a sunny day 🙂", "Savvusann lumõ seeh", "")]
    [True, False, False]
    """
    line = line.rstrip()
    return bool(line) and unicodedata.category(line[-1]) == "So"


# Scripts whose letters Unicode files as lower case but whose running text has no capitals:
# Georgian Mkhedruli (its Mtavruli capitals are for titles set in capitals only).
CASELESS_LOWER = ((0x10D0, 0x10FF),)


def _caseless_start(line: str) -> bool:
    """`line` opens with a letter of a script written without capitals (``CASELESS_LOWER``).

    >>> [_caseless_start(t) for t in ("მასწავლებელ ამბე.", "the main street", "")]
    [True, False, False]
    """
    first = ord(line.lstrip()[:1] or " ")
    return any(lo <= first <= hi for lo, hi in CASELESS_LOWER)


def is_credit(inner: str) -> bool:
    """The text inside a line's closing brackets reads as a photo credit: a few words, and
    a name (upper case first), a "label: name" or "agency/name", or ending in a CJK
    character ("記者林佳穎攝"); not an aside ("laughs", "see below").

    >>> [is_credit(t) for t in ("Ansa", "Φωτογραφία: ΑΠΕ-ΜΠΕ", "記者林佳穎攝", "AP Photo/Jane Roe", "laughs", "2026")]
    [True, True, True, True, False, False]
    """
    inner = inner.strip()
    if not inner or len(inner.split()) > CREDIT_MAX_WORDS:
        return False
    return inner[0].isupper() or ":" in inner or "：" in inner or "/" in inner or CJK_LO <= ord(inner[-1]) <= CJK_HI


def page_mask(ctx, name: str, compute) -> np.ndarray:
    """A per-line mask of `ctx` that depends on its line counts alone: the slice its batch
    made for all its pages in one pass (``batch.Batch.of``, ``batch.PAGE_MASKS``,
    ``features.page_slice``), or
    ``compute(ctx.stats, ctx.blank)`` for a Context made on its own. (The give-backs ran
    each such mask's few numpy calls on every page: ~3 % of a core pass for them all.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> page_mask(Context("Home\\n\\nNews"), "blank", lambda stats, blank: blank).tolist()
    [False, True, False]
    """
    mask = page_slice(ctx, name)
    return compute(ctx.stats, ctx.blank) if mask is None else mask


def credit_tail_candidates(stats, blank: np.ndarray, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a caption closing with its credit, by its counts alone (the
    candidates of ``mark_captions_with_credit_tail``): long enough for an insert, short
    enough for a caption, ending in ")" or in a letter ("... Lagos. Newsline/Chidi Eze"), or
    in the quote mark that closes an outlet's name ("... Фото: ГТРК «Югра»").
    (`blank`, `last_rows`: unread, as ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)"""
    closing = (stats.last_char == ord(")")) | (stats.last_char == ord("）"))
    in_a_word = ((stats.last_class & ALPHA) != 0) | np.isin(stats.last_char, _NAME_CLOSING_QUOTES)
    long_enough = (stats.n_chars >= INSERT_MIN_CHARS) & (stats.n_words <= CAPTION_MAX_WORDS)
    return (closing | in_a_word) & long_enough


def mark_captions_with_credit_tail(ctx, shape: LineShape) -> None:
    """Cut a kept line that closes with a bracketed credit ("Il cantiere del ponte in una
    foto dello scorso agosto (Ansa)") and stands where an insert does (rule CREDIT_TAIL_RULE):
    a photo's caption with its credit, flattened onto one line between two paragraphs.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context(
    ...     "The county board voted on Monday to buy the old quarry and turn it into a nature reserve.\\n"
    ...     "The flooded pit of the former quarry in October. (Photo: Nadia Keller)\\n"
    ...     "The quarry closed in 2014, and its deepest pit has since filled with groundwater.\\n")
    >>> mark_captions_with_credit_tail(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:3]
    [None, 'story.caption_credit', None]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    # (the page's candidates, listed for the whole batch at once; those kept now)
    for i in [i for i in page_rows(ctx, "credit_tail_rows", credit_tail_candidates) if rule[i] is None]:
        line = content[i]
        if line.rstrip()[-1:] in ")）":
            m = _CREDIT_TAIL.match(line)
            unspaced = CJK_LO <= ord(m.group(1)[-1:] or " ") <= CJK_HI if m else False
            # (a "label: name" credit in the brackets tells a caption as short as a place's
            # name: "Pul, Lotkoh (taswir: Sher Khan)")
            labelled = bool(m) and is_label_credit(m.group(1).strip())
            min_words = LABEL_CREDIT_CAPTION_MIN_WORDS if labelled else CREDIT_CAPTION_MIN_WORDS
            credited = bool(m) and (shape.n_words(i) >= min_words or unspaced) and is_credit(m.group(1))
        else:
            credited = ("/" in line and shape.n_words(i) >= CREDIT_CAPTION_MIN_WORDS
                        and slash_credit_after_sentence(line)) or (
                shape.n_words(i) >= label_credit_caption_min_words(line) and label_credit_after_sentence(line)
                and not quoted_answer_after_a_sentence(line))
            # (a caption whose sentence is followed by its credit says what it is in its
            # own shape: the story's list may stand above it, a fair's "Volunteers: 80",
            # once the story has begun above it; and under it a box the model kept, a
            # sponsor's line, when it closes the story)
            if (credited and _stands_alone(ctx, shape, i)
                    and (_after_a_sentence(ctx, shape, i) or _story_above(ctx, shape, i))):
                rule[i] = CREDIT_TAIL_RULE
            continue
        if credited and _stands_alone(ctx, shape, i) and (_after_a_sentence(ctx, shape, i) or (
                closes_a_sentence_before_its_credit(line) and _story_above(ctx, shape, i)
                and _sentence_below(ctx, shape, i))):
            # (under a list's row too, when its own sentence ends before the credit: a
            # caption's words stand apart from the name in brackets, as an aside's or a
            # price's do not, "(No complaints.)", "... for $139 (Originally $159)")
            rule[i] = CREDIT_TAIL_RULE


# A sentence's end right before a closing bracket group, whose words end no sentence and
# hold no digit: "Kaman ni strawberry say Betag. (Benguet Balita)".
_SENTENCE_THEN_CREDIT = re.compile(r".*[.!?。।]\s*[(（\[]([^()（）\[\]\d.!?]{1,40})[)）\]]\s*")


def closes_a_sentence_before_its_credit(line: str) -> bool:
    """`line` ends a sentence, then names its credit in brackets: no digit, no sentence
    end inside them.

    >>> [closes_a_sentence_before_its_credit(t) for t in ("Kaman ni strawberry say Betag. (Benguet Balita)",
    ...     "The kitchen was the hardest part. (No complaints.)", "A deal for $139. (Originally $159)",
    ...     "Kaman ni strawberry say Betag (Benguet Balita)", "Nursing B.S.N.-M.S.N. (Dual Degree)")]
    [True, False, False, False, False]
    """
    m = _SENTENCE_THEN_CREDIT.fullmatch(line)
    if m is None:
        return False
    # (two words or more before the bracket, the last no abbreviation in capitals: "B.S.N.-M.S.N.
    # (Dual Degree)" names a degree)
    before = line[:line.rindex(m.group(1)) - 1].split()
    return len(before) >= 2 and not before[-1].rstrip(".!?。।").replace(".", "").replace("-", "").isupper()


def _is_initial(text: str) -> bool:
    """`text` ends in a name's initial ("Fred R"), whose full stop ends no sentence.

    >>> [_is_initial(t) for t in ("Fred R", "in Lagos", "R")]
    [True, False, True]
    """
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    return len(last) == 1 and last.isupper()


def slash_credit_after_sentence(line: str) -> bool:
    """The line's last sentence is followed by an "agency/name" credit of a few capitalised
    words, without brackets.

    >>> [slash_credit_after_sentence(t) for t in ("Visitors at the museum in Lagos. Newsline/Chidi Eze",
    ...     "Fans wave flags outside the stadium. Reuters/Jane Roe", "He said he would go. And/or not",
    ...     "Visitors at the museum in Lagos. Newsline Chidi Eze")]
    [True, True, False, False]
    """
    end = max(line.rfind(". "), line.rfind("! "), line.rfind("? "))
    if end < 0 or _is_initial(line[:end]):
        return False
    words = line[end + 2:].split()
    return (0 < len(words) <= CREDIT_MAX_WORDS and "/" in line[end + 2:]
            and all(w[0].isupper() and all(p[:1].isupper() for p in w.split("/")) for w in words))


# A name's lower-case prefix (a noun class, a case: "wEenhana", "tjOkakarara"): at most
# this many letters before its capital.
NAME_PREFIX_MAX_CHARS = 3


def _is_name_word(word: str) -> bool:
    """A word of a person's name: it opens with a capital letter (after a lower-case prefix
    of NAME_PREFIX_MAX_CHARS letters at most: "wEenhana"), or with a letter of a script that
    has no case (Arabic, Syriac, Devanagari), and holds no digit.

    >>> [_is_name_word(w) for w in ("Klinkòsz", "ГӀалиев", "ܫܡܥܘܢ", "kolo", "2026", "O'Neill", "wEenhana", "about")]
    [True, True, True, False, False, True, True, False]
    """
    first = word[:1]
    if first.islower() and word[1:NAME_PREFIX_MAX_CHARS + 2].isalpha():
        # (a noun-class or case prefix written in lower case before the name's capital:
        # Kwanyama "wEenhana", Herero "tjOkakarara", Irish "tSionainn")
        first = next((c for c in word[1:NAME_PREFIX_MAX_CHARS + 1] if c.isupper()), first)
    return first.isalpha() and (first.isupper() or not first.islower()) and not any(c.isdigit() for c in word)


# A caption's sentence ends before its credit: a full stop, "!" or "?" and a space, or the
# full stop of another script ("।" Devanagari, "۔" Urdu, "።" Ethiopic, "。" CJK).
_CAPTION_SENTENCE_END = re.compile(r"(?:[.!?]|[\u0964\u06d4\u1362])\s+|\u3002\s*|\s[–—|]\s")
# Quote marks around an outlet's name in a credit ("«Югра»", "„Der Bote“").
# (the same marks' closing ones as code points, for ``credit_tail_candidates``)
_NAME_CLOSING_QUOTES = [ord(c) for c in "»“”\""]
_QUOTED_NAME = re.compile(r"[«„“\"][^\W\d_][^«»„“”\"\n]{0,40}[»“”\"]")


def _quoted_name_as_one_word(match: re.Match) -> str:
    """An outlet's name in quote marks stands for one name word when it opens with a capital
    (or a letter of a script without case): "«Заречинская правда»" is a name, "«and so»" not.

    >>> _QUOTED_NAME.sub(_quoted_name_as_one_word, "ГТРК «Заречинская правда» / «and so»")
    'ГТРК Q / «and so»'
    """
    return match.group(0) if match.group(0)[1].islower() else "Q"


# Inside a credit's name, short lower-case particles join the name words ("Klub de
# Volapük", "Times of Eswatini"): at most this many letters.
NAME_PARTICLE_MAX_CHARS = 3


def label_credit_after_sentence(line: str) -> bool:
    """The line's last sentence is followed by a credit in the shape "Label: Name",
    whatever the label's word is: one word, a colon, then one to four words of a name
    (``_is_name_word`` the first and the last; short particles between: "Klub de Volapük",
    "Times of Eswatini") and nothing else. The credit-word list of
    ``outlets.caption_with_credit_mark`` knows ~170 words for photo; a language it does
    not know ("Òdjimk:" in Kashubian, "Jalloo:" in Manx, "Yẹdide:" in Gun) writes its
    credit the same way, after a sentence ended in its own script's full stop ("।", "۔").
    A story's sentence ends in a full stop, a list's "label: value" has no sentence
    before it, and a value that is not a name ("Price: 12 euros", "Note: see below")
    fails the name test.

    >>> [label_credit_after_sentence(t) for t in (
    ...     "Dzecë przed nową szkòłą. Òdjimk: Ana Klinkòsz", "Kam kasuwu kura lan. Surar: Modu Kolo",
    ...     "The winner was announced at noon. Prize: 500 euros", "He left. Then: nothing more to say",
    ...     "Population: Anna Klinkosz", "The bridge opens today. Read more: City Council Votes To Close It",
    ...     "Mẹdelẹ to nudùdù sà. Yẹdide: Ahouansou", "Presidan lotidom. Magod: Klub de Volapük",
    ...     "कुद नाच करदे कलाकार। फोटो: डुग्गर खबर", "He came home. Then: and so",
    ...     "Schipper op de pont. Beeld: Rivierbode / Jan Kamp", "Ӈанко ӄоянут. Акс: «Ёғнобӣ-Пресс»")]
    [True, True, False, False, False, False, True, True, True, False, True, True]
    """
    if ": " not in line:
        return False  # (no label's colon: most lines, told without the sentence search)
    ends = list(_CAPTION_SENTENCE_END.finditer(line))
    # (a caption's sentence is two words or more: "3. Simplilearn: Innovation ..." is a
    # numbered heading)
    if not ends or len(line[:ends[-1].start()].split()) < 2:
        return False
    return is_label_credit(line[ends[-1].end():])


def label_credit_caption_min_words(line: str) -> int:
    """How many words a caption followed by its "Label: Name" credit needs: only
    LABEL_CREDIT_CAPTION_MIN_WORDS when all that stands before the credit is a name (the
    caption says whom the photo shows: "Alkaloo Malick Sanneh. Ja: Ebrima Darboe"), else
    CREDIT_CAPTION_MIN_WORDS -- a short story line ends with a label and an answer too
    ("Die Frage bleibt offen. Grund: Geldmangel", "Then came the vote. Result: Yes").

    >>> [label_credit_caption_min_words(t) for t in ("Alkaloo Malick Sanneh. Ja: Ebrima Darboe",
    ...     "Die Frage bleibt offen. Grund: Geldmangel", "Мэр ответил коротко. Ответ: «Нет»")]
    [4, 7, 7]
    """
    ends = list(_CAPTION_SENTENCE_END.finditer(line))
    before = line[:ends[-1].start()].split() if ends else []
    return LABEL_CREDIT_CAPTION_MIN_WORDS if _is_a_name(before) else CREDIT_CAPTION_MIN_WORDS


def quoted_answer_after_a_sentence(line: str) -> bool:
    """The line's "Label: «Name»" credit is only a name in quote marks after a sentence that
    names no one: a story's short sentence with a label and its quoted answer ("Сохтмонро
    ширкати маҳаллӣ анҷом дод. Ширкат: «Бунёдкор»", "Los vecinos votaron. Resultado: «Sí»");
    a caption naming whom it shows (a capitalised word after its first) may take one
    ("Рустам Назаров. Акс: «Ховар-Пресс»", "Муаллим Ҳайдар Сафаров ва бачаҳо. Акс: «Ёғнобӣ-Пресс»").

    >>> [quoted_answer_after_a_sentence(t) for t in ("Los vecinos votaron. Resultado: «Sí»",
    ...     "Рустам Назаров. Акс: «Ховар-Пресс»", "The bridge was painted in May. Photo: Anna Moyo")]
    [True, False, False]
    """
    ends = list(_CAPTION_SENTENCE_END.finditer(line))
    if not ends:
        return False
    credit = line[ends[-1].end():].partition(": ")[2].strip()
    # (a name: a capitalised word after the sentence's first, "Муаллим Ҳайдар Сафаров ва бачаҳо")
    return bool(_QUOTED_NAME.fullmatch(credit)) and not any(_is_name_word(w) for w in line[:ends[-1].start()].split()[1:])


def _is_a_name(words: list[str]) -> bool:
    """`words` make a name: the first and the last ``_is_name_word``, short particles
    between ("Klub de Volapük", "Ekibuga kya Ibanda").

    >>> [_is_a_name(t.split()) for t in ("Times of Eswatini", "Then came the vote", "Result")]
    [True, False, True]
    """
    return (bool(words) and _is_name_word(words[0]) and _is_name_word(words[-1])
            and all(_is_name_word(w) or (w.isalpha() and len(w) <= NAME_PARTICLE_MAX_CHARS) for w in words))


def is_label_credit(text: str) -> bool:
    """`text` is a credit "Label: Name" whatever the label's word is: one word, a colon, then
    one to four words of a name (``_is_name_word`` the first and the last; short particles
    between), an agency and a person joined by " / ", or an outlet's name in quote marks,
    lower-case words and all.

    >>> [is_label_credit(t) for t in ("taswir: Sher Khan", "Beeld: Rivierbode / Jan Kamp",
    ...     "Фото: ГТРК «Заречинская правда»", "Prize: 500 euros", "Then: nothing more to say")]
    [True, True, True, False, False]
    """
    label, colon, name = text.partition(": ")
    words = [w for w in _QUOTED_NAME.sub(_quoted_name_as_one_word, name).split() if w != "/"]
    return (bool(colon) and len(label.split()) == 1 and label[:1].isalpha()
            and 1 <= len(words) <= CREDIT_NAME_MAX_WORDS * (1 + ("/" in name)) and _is_a_name(words))


# A credit on a line of its own names an outlet and a person, or a label and a name: at most
# this many name words (and slashes between them); without a label, this many at least (an
# outlet and a person's two names, "NASA/JPL-Caltech/ASU"; two words are a heading's pair,
# "Introductions/Shout-Outs").
CREDIT_LINE_MAX_WORDS = 8
CREDIT_LINE_MIN_WORDS = 3
# A line broken out of a sentence at a link ("... and South (" / "Stewart Island / Rakiura" /
# ")."): the line above ends in one of these, or the line below opens with one.
_OPEN_ENDS = frozenset("([{,;:-–—")
_CLOSING_STARTS = frozenset(".,;:)]}")
_BRACKETS = "()（）[]"


def _name_words(text: str) -> list[str] | None:
    """The words of a run of names joined by slashes ("Wawa Press/Tom Metcalf", "Dale Old
    Elk / Big Horn Ledger"), or None when a word is not a name's (``_is_name_word``). Slashes
    count as word breaks. No lower-case word between: a title's "by", "the", "and" ("The
    Running Man by Richard Bachman / Stephen King", "Conclusion: Bringing the Gym Home",
    "Compact / Point and Shoot" are headings), and no single letter ("It's A Start").

    >>> [_name_words(t) for t in ("Wawa Press/Tom Metcalf", "Point and Shoot", "It's A Start")]
    [['Wawa', 'Press', 'Tom', 'Metcalf'], None, None]
    """
    names = [w for w in text.replace("/", " / ").split() if w != "/"]
    if not names or not all(_is_name_word(w) and len(w) > 1 for w in names):
        return None
    return names


def is_credit_line(line: str) -> bool:
    """The whole line is a photo's or a story's credit, by its shape in any language, maybe in
    brackets: names joined by a slash ("Wawa Press/Tom Metcalf", "(PNA/Pamir Nūs Agentī)"),
    or a label of one word (no digit), a colon and a name of two words or more ("PICHA: Redio Pwani", "(Photo: Dale
    Old Elk / Big Horn Ledger)"). Not a list's row ("Price: 12 euros": no name), not a
    sentence, not a date ("4/12/2026"), not a pair of words ("and/or").

    >>> [is_credit_line(t) for t in ("Wawa Press/Tom Metcalf", "(PNA/Pamir Nūs Agentī)", "PICHA: Redio Pwani",
    ...     "(Photo: Dale Old Elk / Big Horn Ledger)", "Price: 12 euros", "Coach: \\"Very.\\"", "and/or",
    ...     "Kotido — 400", "Read more: City Council Votes To Close The Old Bridge Today", "4/12/2026",
    ...     "Lodge Grass/Hardin", "Ngaatuk:")]
    [True, True, True, True, False, False, False, False, False, False, True, False]
    """
    text = line.strip()
    bracketed = text[:1] in _BRACKETS and text[-1:] in _BRACKETS
    if bracketed:
        text = text[1:-1].strip()
    label, colon, rest = text.partition(": ")
    if colon:
        # (one word, no digit: "Step 7: Beware of the Light", "Tip #1: ..." are headings;
        # a name of two words or more, unless in brackets ("(Image: GETTY)"), and no list in
        # it: "Rated: Good", "Skin Protection: Lotions, Potions, and More" are a rating and
        # a heading)
        if len(label.split()) != 1 or not label[:1].isalpha() or any(c.isdigit() for c in label) or "," in rest:
            return False
        names = _name_words(rest)
        return (names is not None and (2 - bracketed) <= len(names)
                <= CREDIT_NAME_MAX_WORDS + ("/" in rest) * CREDIT_NAME_MAX_WORDS)
    if "/" not in text or ":" in text:
        return False
    names = _name_words(text)
    # (names in capitals only are a menu's or a section's heading: "ARCHITECTURE / STRATEGIC
    # CONSULTING"; a credit names a person)
    return (names is not None and CREDIT_LINE_MIN_WORDS <= len(names) <= CREDIT_LINE_MAX_WORDS
            and not all(w.isupper() for w in names))


def credit_line_candidates(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a credit on a line of its own, by its counts alone: two words or
    more (a label and a name, or names joined by a slash), a few, ending in a letter or a
    closing bracket. (`blank`, `last_rows`: unread, as ``page_rows`` and ``batch.PAGE_ROWS``
    pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> credit_line_candidates(Context("Wawa Press/Tom Metcalf\\nHome\\nThe port reopened on Monday.").stats).tolist()
    [True, False, False]
    """
    closing = (stats.last_char == ord(")")) | (stats.last_char == ord("）"))
    in_a_word = (stats.last_class & ALPHA) != 0
    words = stats.n_words
    return (closing | in_a_word) & (words >= 2) & (words <= CREDIT_LINE_MAX_WORDS + 2)


def _inside_a_sentence(ctx, i: int) -> bool:
    """Line `i` is a piece of a sentence broken at a link: the line above ends open ("(",
    ","), or the line below closes it (")", ".").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Early maps named it South (\\nStewart Island / Rakiura\\n).\\nWawa Press/Tom Metcalf\\nHe said.")
    >>> [_inside_a_sentence(ctx, i) for i in (1, 3)]
    [True, False]
    """
    content = ctx.lines.content
    above = content[i - 1].rstrip()[-1:] if i > 0 else ""
    below = content[i + 1].lstrip()[:1] if i + 1 < len(content) else ""
    if above in _OPEN_ENDS and above != "" or below in _CLOSING_STARTS and below != "":
        return True
    # (a paragraph's length above with no end: "... complete and sign the" over a link)
    stats = ctx.stats
    return i > 0 and int(stats.n_words[i - 1]) >= PROSE_MIN_WORDS and not stats.last_class[i - 1] & SENT_END


def _title_case(line: str) -> bool:
    """Every word of 4+ letters opens with a capital: a heading's style ("The Best Camera
    Gear Recommendations for Iceland"), not a caption's sentence.

    >>> [_title_case(t) for t in ("The Best Camera Gear for Iceland", "Tenas kopa school, Grand Ronde")]
    [True, False]
    """
    long_words = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def _under_a_caption(ctx, shape: LineShape, i: int) -> bool:
    """The line right above line `i` is a photo's caption, kept or cut by a step: a short
    line that is no paragraph (over a photo with no caption a paragraph is the story's), no
    row of a list, no credit, not a wrapped line's end (lower case first), no heading (title
    case); a kept one stands under the story's sentences."""
    j = i - 1
    if j < 0 or ctx.blank[j]:
        return False
    content = ctx.lines.content
    line = content[j]
    # (a caption says a clause's worth: "Vitamin A", "Filter by", "Architecture" over a
    # "credit" are a product's name, a filter's label, a table's section)
    if shape.n_words(j) < LONE_CAPTION_SHORT_MIN_WORDS or shape.n_words(j) > CAPTION_MAX_WORDS:
        return False
    return (not shape.is_paragraph(j) and not _is_row(content, shape, j) and not is_credit_line(line)
            and not (shape.first_class(j) & LOWER and not _caseless_start(line)) and shape.first_class(j) & ALPHA
            and not _title_case(line) and (ctx.marks.rule[j] is not None or _story_above(ctx, shape, j)))


def mark_credit_lines(ctx, shape: LineShape) -> None:
    """Cut a kept credit line of its own (``is_credit_line``) inside or under the story
    (rule CREDIT_LINE_RULE), and the photo's caption right above it when the story goes on
    under the credit (rule CAPTION_RULE).

    The credit stands under a story sentence somewhere above it (``_story_above``), alone (no
    piece of a sentence broken at a link), and over a sentence or nothing kept. When the story
    goes on below it, a caption stands right above it (``_under_a_caption``: a heading's pair
    "Compact / Point and Shoot" under a title-case heading, a credit under a paragraph that
    readability's gold keeps, stay), and the caption goes too. Over a credit that closes the
    story ("(PNA/Pamir Nūs Agentī)" under its last paragraph: an agency's signoff) the line
    above is the story's own last sentence, and stays.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Lodge Grass beat Hardin 71-65 on Friday night in front of a full gym.\\n"
    ...               "Plenty Hawk during the fourth quarter.\\n"
    ...               "(Photo: Dale Old Elk / Big Horn Ledger)\\n"
    ...               "The coach was asked if it was close.\\n"
    ...               "The next game is on Tuesday.\\n"
    ...               "(PNA/Pamir News Agency)\\n")
    >>> mark_credit_lines(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, 'story.caption', 'story.credit_line', None, None, 'story.credit_line', None]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    for i in page_rows(ctx, "credit_line_rows", credit_line_candidates):
        if rule[i] is not None:
            continue
        line = content[i]
        if ("/" not in line and ":" not in line and "：" not in line) or not is_credit_line(line):
            continue
        if not _story_above(ctx, shape, i) or not _stands_alone(ctx, shape, i, True) or _inside_a_sentence(ctx, i):
            continue
        below = _kept_neighbour(rule, ctx.blank, i, 1)
        if below is not None and not shape.ends_sentence(below):
            continue
        above = _kept_neighbour(rule, ctx.blank, i, -1)
        # (a "label: name" under a row of the same shape is the list's last row: "Komatlo:
        # Barangay Lucao" under a contest's winners, "Tenor: Frank Lyle" under the bells;
        # under a line announcing a list it is the list's one row)
        if above is not None and (content[above].rstrip()[-1:] in ":："
                                  or (": " in line and _is_row(content, shape, above))):
            continue
        if below is not None and not _under_a_caption(ctx, shape, i):
            continue
        rule[i] = CREDIT_LINE_RULE
        # (the caption is the line right above the credit: a line cut between them, the
        # kept line further up is the story's, a row of its list; a paragraph right above
        # it is the story's too, over a photo that has no caption)
        if below is not None and rule[i - 1] is None:
            rule[i - 1] = CAPTION_RULE


def _after_a_sentence(ctx, shape: LineShape, i: int) -> bool:
    """What is kept right above and right below line `i`, if anything, are sentences: with
    its credit a caption needs less of the story around it than an insert (the story's
    short paragraphs, in a language of short sentences or a local radio's brief, or its
    end may stand next to it; a menu or a list item above it does not)."""
    rule = ctx.marks.rule
    above = _kept_neighbour(rule, ctx.blank, i, -1)
    below = _kept_neighbour(rule, ctx.blank, i, 1)
    return (above is None or shape.ends_sentence(above)) and (below is None or shape.ends_sentence(below))


def _story_above(ctx, shape: LineShape, i: int) -> bool:
    """A kept sentence of the story (STORY_SENTENCE_MIN_WORDS+ words) stands above line `i`."""
    rule, blank = ctx.marks.rule, ctx.blank
    return any(rule[j] is None and not blank[j] and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS
               and shape.ends_sentence(j) for j in range(i))


def _sentence_below(ctx, shape: LineShape, i: int) -> bool:
    """What is kept right below line `i`, if anything, is a sentence (the story goes on)."""
    below = _kept_neighbour(ctx.marks.rule, ctx.blank, i, 1)
    return below is None or shape.ends_sentence(below)


def open_insert_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may ``mark_story_inserts`` take it for an insert, by its counts alone:
    INSERT_MIN_CHARS+ characters and no sentence end in the character table. (`blank`,
    `last_rows`: unread, as ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> open_insert_lines(Context("A heron at the flooded pit\\nThe quarry closed.\\nHome").stats).tolist()
    [True, False, False]
    """
    return (stats.n_chars >= INSERT_MIN_CHARS) & ((stats.last_class & SENT_END) == 0)


def mark_story_inserts(ctx) -> None:
    """Cut the kept lines that break the story (rule RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context(
    ...     "The county board voted on Monday to buy the old quarry and turn it into a nature reserve.\\n"
    ...     "A heron stands at the edge of the flooded pit on a winter morning\\n"
    ...     "The quarry closed in 2014, and its deepest pit has since filled with groundwater.\\n"
    ...     "What happens next\\n"
    ...     "Work on the trails is expected to begin in the spring, the parks director said.\\n")
    >>> mark_story_inserts(ctx)
    >>> ctx.marks.rule
    [None, 'story.insert', None, None, None, None]
    """
    shape = LineShape(ctx.stats)  # (read-only views of the counts: one for every step below)
    mark_captions_with_credit_tail(ctx, shape)
    mark_credit_lines(ctx, shape)
    mark_teasers_under_a_related_label(ctx, shape)
    mark_captions_by_gallery_counters(ctx, shape)
    mark_comment_boxes(ctx)
    mark_bare_count_boxes(ctx)
    mark_tag_line(ctx)
    mark_contributor_line(ctx)
    mark_agency_tag(ctx)
    mark_station_plug(ctx)
    # (one cheap pass: lines long enough and open at the end, ``open_insert_lines``, listed
    # for the whole batch at once; those kept now are the candidates, the rest per candidate)
    rule = ctx.marks.rule
    candidates = [i for i in page_rows(ctx, "open_insert_rows", open_insert_lines) if rule[i] is None]
    if not candidates:
        return
    for i in candidates:
        if shape.is_clause(i) and _stands_alone(ctx, shape, i) and _between_paragraphs(ctx, shape, i, i):
            rule[i] = RULE
    mark_lone_captions(ctx, shape)
    mark_captions_over_lists(ctx, shape)


def mark_lone_captions(ctx, shape: LineShape) -> None:
    """Cut the one open line that interrupts the story's run of sentences (rule
    LONE_CAPTION_RULE): a photo's caption with no credit, flattened between two sentences
    of the story, or between a sentence and the line announcing a list of the story
    ("The prices at the opening:").

    The line is a clause (LONE_CAPTION_MIN_WORDS to LONE_CAPTION_MAX_WORDS words, or an
    unspaced script's INSERT_MIN_CHARS characters; no sentence end, no ":" at its end, not
    opening with a number), stands alone, its kept neighbour right above is a sentence of
    STORY_SENTENCE_MIN_WORDS+ words and the one right below is such a sentence or an
    announcement (ANNOUNCEMENT_MIN_WORDS+ words ending in ":"; the story runs on across it), and it is
    the page's ONLY kept line that ends no sentence in such a place. Subheadings come in
    series (a story cut into sections has two or more) and are short; a caption stands
    alone. A shorter line (LONE_CAPTION_SHORT_MIN_WORDS+ words, or fewer characters of an
    unspaced script) has a subheading's shape as much as a caption's: it goes only when the
    classifier's score for it (``classifier.line_proba``, from ``mark_by_classifier_many``) is
    LONE_CAPTION_SHORT_MIN_P or more and it shares ECHO_MIN_SHARED words with the story around it
    (``echoes_the_story``), on a page with at most SHORT_CAPTIONS_MAX such lines (more:
    a story's subheadings). ``mark_story_inserts`` asks for paragraphs of 12+
    words around an insert (and runs first); a brief or a language of short sentences has
    none, and its caption stayed.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Over three thousand people came to the village fair on Saturday.\\n"
    ...               "The brass band marching down the main street past the church\\n"
    ...               "The parade started at two and ended at the church.\\n")
    >>> mark_lone_captions(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:3]
    [None, 'story.lone_caption', None]
    >>> ctx = Context("Over three thousand people came to the village fair on Saturday.\\n"
    ...               "The brass band in the main street\\n"
    ...               "The prices at the stalls at noon:\\nBread: 2 euros\\n")
    >>> ctx.line_proba = np.array([0.1, 0.5, 0.1, 0.2])
    >>> mark_lone_captions(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:3]
    [None, 'story.lone_caption', None]
    """
    s = ctx.stats
    nonblank = (~ctx.blank).nonzero()[0]
    if len(nonblank) < 3:
        return
    # (per non-blank line, with numpy: kept, ends a sentence as ``ends_sentence`` says, and
    # then the lines whose non-blank neighbours are kept sentences of the story)
    kept = ~ctx.marks.removed()[nonblank]
    ends = ((s.last_class[nonblank] & SENT_END) != 0) | _MORE_SENTENCE_ENDS.of(s.last_char[nonblank])
    long_enough = s.n_words[nonblank] >= STORY_SENTENCE_MIN_WORDS
    sentence = kept & ends & long_enough
    announces = kept & (s.n_words[nonblank] >= ANNOUNCEMENT_MIN_WORDS) & _ANNOUNCING.of(s.last_char[nonblank])
    between = np.zeros(len(nonblank), dtype=bool)
    between[1:-1] = kept[1:-1] & ~ends[1:-1] & sentence[:-2] & (sentence[2:] | announces[2:])
    interrupting = nonblank[between].tolist()
    proba = None
    for i in interrupting:
        if not (not shape.first_class(i) & DIGIT and shape.ends_in_a_word(i) and not shape.unpunctuated(i)
                and _stands_alone(ctx, shape, i)):
            continue
        # (a clause's length: the page's only such line; shorter, the model and the words
        # around it must agree, and then a second caption on the page goes too, not a
        # series of SHORT_CAPTIONS_MAX + 1 or more)
        if len(interrupting) == 1 and is_lone_caption_shape(shape, i):
            ctx.marks.rule[i] = LONE_CAPTION_RULE
        elif len(interrupting) <= SHORT_CAPTIONS_MAX:
            proba = _line_proba(ctx, proba)
            if is_short_caption(shape, i, proba) and echoes_the_story(ctx, nonblank, i):
                ctx.marks.rule[i] = LONE_CAPTION_RULE


# A caption over a list: at most this many words (a caption's clause, not a sentence that
# lost its full stop) and at least this many (one word there is a heading: "Ingredients").
OVER_LIST_MIN_WORDS = 2
OVER_LIST_MAX_WORDS = LONE_CAPTION_MAX_WORDS
# ... or, in a script written without spaces, this many characters at least ("綱引ちぬ様子").
OVER_LIST_MIN_CHARS = 4
# The announcement under it is short, a list's title ("Kelka fakti:", "Afiša na dekabr:");
# a paragraph ending in a colon introduces code, a quote or a how-to under a section heading.
OVER_LIST_ANNOUNCEMENT_MAX_WORDS = 6
# A caption names people and places, seldom a number; a list's item ("Wyze kit for $20",
# "Heritage d. Titusville 53-9") holds one.
_DIGIT_IN = re.compile(r"\d")


# Round 21: a caption under a list of words ("Jikmir" / "Mathiang" / "Ji Nasir ke kuiy ka wec"),
# not of "label: value" rows: a clause of UNDER_SHORT_ROWS_MIN_WORDS+ words, ROW_WORDS_MARGIN
# words longer than each of the rows, under a list a ":" line announced (at most
# ANNOUNCED_ROWS_MAX rows up). A list's last item is as long as the others ("Police make dem
# stop di checkpoint palava" under six-word items) or shorter; a 4-word song title under
# 2-word ones ("Dar bint vo Lusern") is under the length; an obituary's lower-case item
# ("zijn fietstochten door de polder") opens no caption. Studied sets of rounds 8-21: 10 of
# the 15 captions kept in this place, none of the 6 list items.
UNDER_SHORT_ROWS_MIN_WORDS = 5
ROW_WORDS_MARGIN = 2
ANNOUNCED_ROWS_MAX = 10


def _longer_than_announced_rows(ctx, shape: LineShape, i: int, rows: list[int]) -> bool:
    """Line `i` is a clause clearly longer than the kept `rows` right above it, which a ":"
    line announced: a caption under the story's list, not its last item (see above).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The new road reaches four villages in the county.\\nThe villages on the road:\\n"
    ...               "Ulang\\nNasir\\nJikmir\\nChildren of Nasir walk to school on the road\\n"
    ...               "The county will open the road in March.")
    >>> shape = LineShape(ctx.stats)
    >>> _longer_than_announced_rows(ctx, shape, 5, [4, 3]), _longer_than_announced_rows(ctx, shape, 4, [3, 2])
    (True, False)
    """
    n_words = shape.n_words(i)
    if n_words < UNDER_SHORT_ROWS_MIN_WORDS or (shape.first_class(i) & LOWER and not _caseless_start(ctx.lines.content[i])):
        return False
    below = nonblank_neighbour(ctx, i, 1)
    if below is None or not shape.first_class(below) & ALPHA:
        return False  # (". Canterbury University Press." goes on with a title broken at its link)
    if any(shape.n_words(r) + ROW_WORDS_MARGIN > n_words or (shape.ends_sentence(r) and shape.n_words(r) >= STORY_SENTENCE_MIN_WORDS)
           for r in rows):
        return False
    rule, content = ctx.marks.rule, ctx.lines.content
    j = rows[-1]
    for _ in range(ANNOUNCED_ROWS_MAX):
        j = nonblank_neighbour(ctx, j, -1)
        if j is None or rule[j] is not None:
            return False
        if content[j].rstrip().endswith((":", "：")):
            return True
        if shape.ends_sentence(j) and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS:
            return False
    return False


def _is_row(content: list, shape: LineShape, i: int) -> bool:
    """Line `i` is a row of a list in the "label: value" shape or numbered ("Lupeto: dolare
    18 000", "3. Tsa' i chon", "78' Ndeyapo"): a colon inside it, or a digit first."""
    line = content[i]
    return bool(shape.first_class(i) & DIGIT) or ": " in line or "：" in line.rstrip()[:-1]


def mark_captions_over_lists(ctx, shape: LineShape) -> None:
    """Cut the open line that stands between the story and a line announcing one of its
    lists (rule OVER_LIST_RULE): a photo's caption with no credit, placed where the story
    pauses before its facts ("Ozongombe motjiwana tjOkakarara" / "Ozongombe mbi ze kaya:").

    The line ends no sentence and in a word, has OVER_LIST_MIN_WORDS to OVER_LIST_MAX_WORDS
    words (or OVER_LIST_MIN_CHARS+ characters of an unspaced script), does not open with a
    digit, has no "label: value" colon, and stands alone; the kept line right below it
    announces a list (``_ANNOUNCING``: "Kelka fakti:", "票价如下：") and the kept line right
    above it is a story sentence of STORY_SENTENCE_MIN_WORDS+ words, or the last row of a
    list of another shape ("Lupeto: dolare 18 000": the story's facts above, a caption
    under them); and under the announcement stands a row of its list, not a paragraph (a
    sentence ending in a colon that introduces a quote may stand under a subheading). A
    subheading there would announce the list itself; a one-word line is a heading
    ("Ingredients" over "You need:"). A one-word announcement ("Ebiciro:", "Чо:") counts
    when a row of its list stands right under it (round 20: 12 captions over such titles
    kept on the studied sets, no article line there). On the studied sets (rounds 8-18) every such
    line was a caption (37 of 37), while the open lines between two sentences were
    subheadings as often as captions: the announcement is what tells them apart, not the
    words. The announcement is short (OVER_LIST_ANNOUNCEMENT_MAX_WORDS words), the line
    holds no digit (a list's item does: "Wyze kit for $20"), and the page has at most
    SHORT_CAPTIONS_MAX such lines and open lines between two of its sentences together:
    more are a sectioned story's headings (the article benches' "Release histories" /
    "Development statistics", each over a paragraph ending in a colon: 22 such headings
    were cut before these three tests). Cost: numpy over the page's kept lines, then a
    few lines walked.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The cattle went missing from three farms over two days, the police said.\\n"
    ...               "Cattle at a dam near Okakarara\\n"
    ...               "The cattle still missing:\\nOkakarara: 120\\nOtjinene: 45\\n")
    >>> mark_captions_over_lists(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:3]
    [None, 'story.caption_over_list', None]
    """
    s = ctx.stats
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    if len(kept) < 3:
        return
    last = s.last_char[kept]
    ends = ((s.last_class[kept] & SENT_END) != 0) | _MORE_SENTENCE_ENDS.of(last)
    announces = _ANNOUNCING.of(last)
    # (a kept open line with a short kept announcement right below it: rare, so walk only those)
    short = s.n_words[kept] <= OVER_LIST_ANNOUNCEMENT_MAX_WORDS
    at = (~ends[:-1] & ~announces[:-1] & announces[1:] & short[1:]).nonzero()[0]
    if not len(at):
        return
    content = ctx.lines.content
    found = []
    for k in at.tolist():
        i, below = int(kept[k]), int(kept[k + 1])
        n_words = shape.n_words(i)
        unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
        if not (OVER_LIST_MIN_WORDS <= n_words <= OVER_LIST_MAX_WORDS or (unspaced and shape.n_chars(i) >= OVER_LIST_MIN_CHARS)):
            continue
        if (_is_row(content, shape, i) or not shape.ends_in_a_word(i) or shape.unpunctuated(i)
                or _DIGIT_IN.search(content[i]) or not _stands_alone(ctx, shape, i)):
            continue
        below_unspaced = CJK_LO <= ord((content[below].rstrip()[-2:-1] or " ")) <= CJK_HI
        # (a one-word announcement is a list's title when a row of the list stands under it:
        # "Ebiciro:" over "Kiro emu: 7 500"; over a sentence it is a section's heading)
        first_row = (k + 2 < len(kept) and _is_row(content, shape, int(kept[k + 2]))
                     and bool(content[below].rstrip()[:-1].strip()))  # (a bare ":" announces nothing)
        if shape.n_words(below) < ANNOUNCEMENT_MIN_WORDS and not below_unspaced and not first_row:
            continue
        if k == 0 or (k + 2 < len(kept) and shape.is_paragraph(int(kept[k + 2]))):
            continue
        above = int(kept[k - 1])
        story = shape.ends_sentence(above) and shape.n_words(above) >= STORY_SENTENCE_MIN_WORDS
        if story or _is_row(content, shape, above):
            found.append(i)
    # (a story cut into sections: its headings over lists and between paragraphs)
    if found and len(found) + _open_lines_between_sentences(ctx, shape, kept, ends) <= SHORT_CAPTIONS_MAX:
        for i in found:
            ctx.marks.rule[i] = OVER_LIST_RULE


def _open_lines_between_sentences(ctx, shape: LineShape, kept: np.ndarray, ends: np.ndarray) -> int:
    """How many kept open lines of OVER_LIST_MIN_WORDS+ words (not opening with a digit,
    ending in a word) stand between two kept sentences of the page: a sectioned story's
    subheadings ("Lambda requirements", "Release histories"), or a brief's captions."""
    s = ctx.stats
    words = s.n_words[kept]
    sentence = ends & (words >= STORY_SENTENCE_MIN_WORDS)
    between = np.zeros(len(kept), dtype=bool)
    between[1:-1] = ~ends[1:-1] & sentence[:-2] & sentence[2:] & (words[1:-1] >= OVER_LIST_MIN_WORDS)
    return sum(1 for i in kept[between].tolist()
               if not shape.first_class(i) & DIGIT and shape.ends_in_a_word(i))


def _line_proba(ctx, found: np.ndarray | None) -> np.ndarray | None:
    """The model's per-line scores of the page (``classifier.line_proba``), once per page."""
    if found is not None:
        return found
    from corpus_clean.boilerplate.classifier import line_proba  # (the classifier imports this module)

    return line_proba(ctx)


# A line announcing a list ends in a colon (also the full-width one of CJK text) and says
# what comes ("Paradas sin servicio:", "Афиша на декабрь:"): two words or more (a heading
# "Ingredients:" is one).
_ANNOUNCING = CodeSet([ord(":"), ord("：")])
ANNOUNCEMENT_MIN_WORDS = 2


def is_lone_caption_shape(shape: LineShape, i: int) -> bool:
    """Line `i` has a lone caption's length: LONE_CAPTION_MIN_WORDS to LONE_CAPTION_MAX_WORDS
    words, or INSERT_MIN_CHARS+ characters of an unspaced script.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> shape = LineShape(Context("The brass band marching down the main street past the church\\n"
    ...                           "The brass band in town").stats)
    >>> [is_lone_caption_shape(shape, i) for i in range(2)]
    [True, False]
    """
    n_words = shape.n_words(i)
    unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
    return n_words <= LONE_CAPTION_MAX_WORDS and (
        n_words >= LONE_CAPTION_MIN_WORDS or (unspaced and shape.n_chars(i) >= INSERT_MIN_CHARS))


def is_short_caption(shape: LineShape, i: int, proba: np.ndarray | None) -> bool:
    """Line `i` is LONE_CAPTION_SHORT_MIN_WORDS to LONE_CAPTION_MIN_WORDS - 1 words long (any
    line of an unspaced script up to the lone caption's length) and the model scored it
    LONE_CAPTION_SHORT_MIN_P or more (`proba`: ``ctx.line_proba``; none: False).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> shape = LineShape(Context("The brass band in town\\nWhat happens next\\nResults").stats)
    >>> [is_short_caption(shape, i, np.array([0.5, 0.2, 0.9])) for i in range(3)]
    [True, False, False]
    """
    n_words = shape.n_words(i)
    unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
    return (proba is not None and (LONE_CAPTION_SHORT_MIN_WORDS <= n_words < LONE_CAPTION_MIN_WORDS or unspaced)
            and n_words <= LONE_CAPTION_MAX_WORDS and bool(proba[i] >= LONE_CAPTION_SHORT_MIN_P))


_ECHO_WORD = re.compile(r"[^\W\d_\u3400-\u9fff]%s{%d,}" % (_WORD_LETTER, ECHO_MIN_CHARS - 1))
_CJK_PAIR = re.compile(r"(?=([\u3400-\u9fff]{2}))")


def _echo_keys(text: str) -> set[str]:
    """The words a line could share with another: the stems of its longer words and its
    pairs of CJK characters.

    >>> sorted(_echo_keys("Зал театра после ремонта 2026"))
    ['после', 'ремон', 'театр']
    >>> sorted(_echo_keys("茶農在閩侯"))
    ['在閩', '茶農', '農在', '閩侯']
    """
    return ({w.casefold()[:ECHO_STEM_CHARS] for w in _ECHO_WORD.findall(text)}
            | set(_CJK_PAIR.findall(text)))


def echoes_the_story(ctx, nonblank: np.ndarray, i: int) -> bool:
    """Line `i` shares ECHO_MIN_SHARED words (``_echo_keys``) with the ECHO_LINES non-blank lines above or
    below it (`nonblank`: the page's non-blank line numbers).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The puppet theatre reopened after two years of repairs.\\n"
    ...               "The theatre hall after the repairs\\nWhat happens next\\nTickets cost 300 roubles.")
    >>> nonblank = np.arange(4)
    >>> [echoes_the_story(ctx, nonblank, i) for i in (1, 2)]
    [True, False]
    """
    k = int(np.searchsorted(nonblank, i))
    content = ctx.lines.content
    mine = _echo_keys(content[i])
    near = nonblank[max(0, k - ECHO_LINES):k].tolist() + nonblank[k + 1:k + 1 + ECHO_LINES].tolist()
    shared = set().union(*(mine & _echo_keys(content[j]) for j in near)) if near else set()
    return len(shared) >= ECHO_MIN_SHARED


def _summary_of_a_headline(shape: LineShape, teasers: list[int], j: int) -> bool:
    """Sentence `j` is a teaser's one-line summary (round 21): right under a headline of the
    list (a line ending no sentence), itself under the label or another teaser's summary
    ("Tence: the ice rink opens on Saturday" / "It stays until 4 January." / next headline).
    A story's paragraphs come one sentence after another, not one under each headline.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> shape = LineShape(Context("Tence: the rink opens\\nIt stays until January.\\nIt is free.").stats)
    >>> _summary_of_a_headline(shape, [0], 1), _summary_of_a_headline(shape, [0, 1], 2)
    (True, False)
    """
    return bool(teasers) and not shape.ends_sentence(teasers[-1])


def _story_sentence_below(ctx, shape: LineShape, i: int) -> bool:
    """A kept sentence of STORY_SENTENCE_MIN_WORDS + 1 words or more stands somewhere under line `i`."""
    rule, blank = ctx.marks.rule, ctx.blank
    return any(rule[k] is None and not blank[k] and shape.ends_sentence(k)
               and shape.n_words(k) > STORY_SENTENCE_MIN_WORDS for k in range(i + 1, ctx.lines.n_lines))


def mark_teasers_under_a_related_label(ctx, shape: LineShape) -> None:
    """The headlines listed under a related-stories label a rule cut, at the page's end,
    go (rule TEASERS_RULE). The label's rule takes the label alone, since in some scripts
    a story's sentence is as short as a teaser; but when every line from the label down
    to the page's end (or to the next line a rule cut: the footer) ends no sentence, is
    short (TEASER_MAX_WORDS words at most) and there are TEASERS_MAX_LINES of them at
    most, and a kept story paragraph stands above the label, they are the list's
    headlines (round 21: each with at most one summary sentence under it,
    ``_summary_of_a_headline``; the label also the one a recommended block's rule cut
    alone, when no kept sentence of the story stands anywhere under the list: such a block
    also sits inside a story, over its next subheading): the story's own lines end in a full stop ("।", "។", "."), a headline does
    not. The classifier misses them where it cannot read the script's words (Khmer is
    written without spaces: every line looks like one word).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("इंदौर में मेट्रो की नई लाइन पर रविवार को पहला ट्रायल रन सफल रहा और यात्री सेवा मार्च से शुरू होगी।\\n"
    ...               "ये भी पढ़ें\\nभोपाल में बढ़ी ठंड, पारा 8 डिग्री\\nउज्जैन में नया पुल तैयार\\n")
    >>> ctx.marks.rule[1] = "scripts.related_label"
    >>> mark_teasers_under_a_related_label(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:4]
    [None, 'scripts.related_label', 'story.related_teasers', 'story.related_teasers']
    """
    rule = ctx.marks.rule
    labels = [i for i, r in enumerate(rule) if r in RELATED_LABEL_RULES]
    if not labels:
        return
    label = labels[-1]
    teasers = []
    for j in range(label + 1, ctx.lines.n_lines):
        if ctx.blank[j]:
            continue
        if rule[j] is not None and rule[j] != CLASSIFIER_RULE:
            break  # the footer (or another rule's cut) ends the list
        if shape.n_words(j) > TEASER_MAX_WORDS or (shape.ends_sentence(j) and not _summary_of_a_headline(shape, teasers, j)):
            return
        teasers.append(j)
    if not teasers or len(teasers) > TEASERS_MAX_LINES or not _paragraph_kept_above(ctx, shape, label):
        return
    if rule[label] != "scripts.related_label" and _story_sentence_below(ctx, shape, teasers[-1]):
        return  # (round 21: a recommended block in the middle of the story: the story goes on under it)
    for j in teasers:
        if rule[j] is None:
            rule[j] = TEASERS_RULE


def mark_captions_by_gallery_counters(ctx, shape: LineShape) -> None:
    """The caption of a gallery's photo goes with its counter (rule GALLERY_CAPTION_RULE).

    A counter a rule cut ("1 / 4", "Bild 2 von 5": ``nav.gallery_counter``) stands right
    above or right under its photo's caption, which may be a noun phrase in any language
    and carry no credit ("Die Einsatzkräfte beim Abtransport im Nebel"). The nearest
    line under the counter goes when it is a caption's size (``_is_gallery_caption``)
    and a story paragraph (or nothing kept) comes after it; else the nearest line above
    the counter, on the same terms looking up. A story paragraph next to a counter
    (a photo without a caption) stays: a caption is no paragraph of the story.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Am Sonntagnachmittag wurde die Bergwacht zu zwei erschöpften Skitourengehern gerufen.\\n"
    ...               "Bild 2 von 5\\nDie Einsatzkräfte beim Abtransport im Nebel\\n"
    ...               "Die beiden Männer wurden unterkühlt, aber unverletzt ins Tal gebracht.\\n")
    >>> ctx.marks.rule[1] = "nav.gallery_counter"
    >>> mark_captions_by_gallery_counters(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:4]
    [None, 'nav.gallery_counter', 'story.gallery_caption', None]
    """
    rule = ctx.marks.rule
    if GALLERY_COUNTER_RULES.isdisjoint(rule):  # (most pages)
        return
    content = ctx.lines.content
    for counter in [i for i, r in enumerate(rule) if r in GALLERY_COUNTER_RULES]:
        if rule[counter] == "nav.media_ui" and not FIGURE_LABEL.fullmatch(content[counter].strip()):
            continue  # ("Replay", "More videos": a player's label, no caption next to it)
        for step in (1, -1):
            caption = nonblank_neighbour(ctx, counter, step)
            if caption is None or rule[caption] is not None:
                continue
            if _is_gallery_caption(ctx, shape, caption, step):
                rule[caption] = GALLERY_CAPTION_RULE
                break


def nonblank_neighbour(ctx, i: int, step: int) -> int | None:
    """The nearest non-blank line from `i` in direction `step`, kept or not (None: none)."""
    j = i + step
    while 0 <= j < ctx.lines.n_lines:
        if not ctx.blank[j]:
            return j
        j += step
    return None


def _is_gallery_caption(ctx, shape: LineShape, i: int, step: int) -> bool:
    """Line `i`, next to a gallery counter, reads as its caption: CAPTION_MAX_WORDS words
    at most and not a story paragraph, with a story paragraph or sentence (of
    STORY_SENTENCE_MIN_WORDS+ words; or nothing kept) beyond it, away from the counter
    (direction `step`), and no colon at its end."""
    if shape.n_words(i) > CAPTION_MAX_WORDS or shape.is_paragraph(i):
        return False
    if ctx.lines.content[i].rstrip()[-1:] in (":", "："):
        return False  # ("The newly selected five are:" announces the story's list)
    beyond = _kept_neighbour(ctx.marks.rule, ctx.blank, i, step)
    # (a brief's sentence beyond it continues the story as a paragraph does: round 15)
    return beyond is None or shape.is_paragraph(beyond) or (
        shape.ends_sentence(beyond) and shape.n_words(beyond) >= STORY_SENTENCE_MIN_WORDS)


def _paragraph_kept_above(ctx, shape: LineShape, i: int) -> bool:
    """A kept story paragraph stands above line `i`."""
    rule = ctx.marks.rule
    return any(rule[j] is None and not ctx.blank[j] and shape.is_paragraph(j) for j in range(i - 1, -1, -1))


def _between_paragraphs(ctx, shape: LineShape, i: int, lowest: int) -> bool:
    """Line `i` (with the lines down to `lowest` under it) sits inside the story: the next
    kept line below `lowest` is a story paragraph, the kept line above `i` is a story
    paragraph or nothing."""
    rule = ctx.marks.rule
    below = _kept_neighbour(rule, ctx.blank, lowest, 1)
    if below is None or not shape.is_paragraph(below):
        return False
    above = _kept_neighbour(rule, ctx.blank, i, -1)
    return above is None or shape.is_paragraph(above)


@lru_cache(maxsize=1)
def _credit_rule_ids() -> frozenset:
    """The ids of the rules that remove a photo's credit line (kind ``caption_credit``)."""
    return frozenset(r.id for r in load_rules().rules if r.kind == "caption_credit")


def mark_captions_over_credits(ctx) -> None:
    """Cut the kept line right above a removed credit line when it stands inside the story
    (rule CAPTION_RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context(
    ...     "The county board voted on Monday to buy the old quarry and turn it into a nature reserve.\\n"
    ...     "The flooded pit of the former quarry, seen from the east rim in October.\\n"
    ...     "Credit... Nadia Keller for The Valley Ledger\\n"
    ...     "The quarry closed in 2014, and its deepest pit has since filled with groundwater.\\n")
    >>> ctx.marks.rule[2] = "outlets.credit_line"
    >>> mark_captions_over_credits(ctx)
    >>> ctx.marks.rule[:4]
    [None, 'story.caption', 'outlets.credit_line', None]
    """
    credit_ids = _credit_rule_ids()
    rule = ctx.marks.rule
    if credit_ids.isdisjoint(rule):  # (most pages: settled at C speed)
        return
    shape = LineShape(ctx.stats)
    # (in paragraph-separated text the credit rule took the caption itself; round 25: a page
    # whose blank lines set groups of sentences apart reads as flattened text)
    if paragraphs_set_apart(ctx):
        return
    for j in range(1, len(rule)):
        i = j - 1
        if rule[j] not in credit_ids or rule[i] is not None or ctx.blank[i]:
            continue
        if shape.n_words(i) <= CAPTION_MAX_WORDS and _between_paragraphs(ctx, shape, i, j):
            rule[i] = CAPTION_RULE


# A caption that names what the story just said: an open line between the story's sentence
# and the story's next line, sharing this many words (``_name_keys``) with the kept lines
# right above it, and this many words long (a caption's clause; shorter is a heading;
# longer, on the article benches' pages, a sentence broken at a link: "Prakash explained
# that the Punjab province west and upwind of Delhi is").
ECHO_CAPTION_MIN_SHARED = ECHO_MIN_SHARED
ECHO_CAPTION_MIN_WORDS = LONE_CAPTION_SHORT_MIN_WORDS
ECHO_CAPTION_MAX_WORDS = 10
# A page with more open lines of that shape under its sentences is a story cut into
# sections (the benches' "Learn more about Web Console", one per tool): its headings stay.
ECHO_CAPTION_PAGE_MAX = SHORT_CAPTIONS_MAX
ECHO_CAPTION_RULE = "story.echo_caption"
# The story's sentence above it: this many words at least (a language of short sentences,
# "Mombesara 300 toono.", says a sentence in three; the caption's names are the evidence).
ECHO_CAPTION_SENTENCE_MIN_WORDS = 3
# The words compared are ECHO_CAPTION_MIN_CHARS+ letters long: the story's names and things,
# not its short function words ("will", "that", "with", "dari", "пока").
ECHO_CAPTION_MIN_CHARS = 5
# ... compared on this many first letters (``_name_keys``).
ECHO_CAPTION_STEM_CHARS = 6
_NAME_WORD = re.compile(r"[^\W\d_\u3400-\u9fff]%s{%d,}" % (_WORD_LETTER, ECHO_CAPTION_MIN_CHARS - 1))


def _sentence_ends(stats) -> np.ndarray:
    """Per line: does it end a sentence (``LineShape.ends_sentence`` of every line)."""
    return ((stats.last_class & SENT_END) != 0) | _MORE_SENTENCE_ENDS.of(stats.last_char)


def sentence_end_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """``_sentence_ends`` as ``features.page_rows`` and ``batch.PAGE_ROWS`` call a mask
    (`blank`, `last_rows`: unread).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> sentence_end_lines(Context("Home\\nThe port reopened.\\nका किराया बढ़ा।").stats).tolist()
    [False, True, True]
    """
    return _sentence_ends(stats)


def echo_caption_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be the open line ``mark_captions_naming_the_story_above`` cuts, by
    its counts alone: it ends no sentence and in a word, has at most ECHO_CAPTION_MAX_WORDS
    words and ECHO_CAPTION_MIN_WORDS+ (or ends in an unspaced script's character), and does
    not open with a digit. (`blank`, `last_rows`: unread, as ``page_rows`` and
    ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> echo_caption_lines(Context("The port reopened on Monday.\\nBoats at the port\\n3 boats\\n").stats).tolist()
    [False, True, False, False]
    """
    words, last = stats.n_words, stats.last_char
    long_enough = (words >= ECHO_CAPTION_MIN_WORDS) | ((last >= CJK_LO) & (last <= CJK_HI))
    # (``LineShape.ends_in_a_word`` of every line at once)
    in_a_word = ((stats.last_class & (ALPHA | DIGIT)) != 0) | ~(
        (last < COMBINING_LO) | ((last >= PUNCTUATION_LO) & (last <= PUNCTUATION_HI)))
    return (~_sentence_ends(stats) & (words <= ECHO_CAPTION_MAX_WORDS) & long_enough & in_a_word
            & ((stats.first_class & DIGIT) == 0))


def _kept_line_under_a_sentence(ctx, shape: LineShape, rows: list[int], min_words: int) -> bool:
    """Is one of `rows` kept, with a kept line below it and, the nearest kept line above it,
    a sentence of `min_words`+ words? (The pre-check of ``mark_captions_naming_the_story_above``:
    its candidates are such lines; most pages have none, and walking their few `rows`
    costs less than the step's arrays over the page's kept lines.)"""
    rule, blank = ctx.marks.rule, ctx.blank_list
    for i in rows:
        if rule[i] is not None:
            continue
        above = _kept_neighbour(rule, blank, i, -1)
        if (above is not None and shape.n_words(above) >= min_words and shape.ends_sentence(above)
                and _kept_neighbour(rule, blank, i, 1) is not None):
            return True
    return False


def _name_keys(text: str) -> set[str]:
    """The words of ECHO_CAPTION_MIN_CHARS+ letters, compared on their first
    ECHO_CAPTION_STEM_CHARS (and the CJK pairs): a name's inflected forms meet ("Волочанка",
    "Волочанкатə"), a verb and a noun of one root do not ("kostet", "Kosten": the generated
    news' subheading "Kritik an den Kosten" under "... kostet ... Kritik ..." stays).
    Not ``story_echo.content_keys`` (5 letters) nor ``story_openings.word_keys`` (4): a caption
    shares a name with the story, not a root.

    >>> sorted(_name_keys("Boats will moor at the Kayuagung port"))
    ['boats', 'kayuag']
    """
    return ({w.casefold()[:ECHO_CAPTION_STEM_CHARS] for w in _NAME_WORD.findall(text)}
            | set(_CJK_PAIR.findall(text)))


def _names_found(keys: set[str], text: str) -> int:
    """How many of `keys` (``_name_keys`` of a line) are keys of `text` too, found by
    searching `text` for each (a paragraph's words are not all split and cut: the story's
    lines above a caption are long, its keys few).

    >>> _names_found(_name_keys("Boats at the Kayuagung river port"), "The port at Kayuagung reopened; boatsmen came.")
    1
    """
    text = text.casefold()
    found = 0
    for key in keys:
        if CJK_LO <= ord(key[0]) <= CJK_HI:
            found += key in text
            continue
        # (at a word's start; a key shorter than the stem is the whole word)
        end = "" if len(key) >= ECHO_CAPTION_STEM_CHARS else r"(?![^\W\d_])"
        found += re.search(r"(?<![^\W\d_])" + re.escape(key) + end, text) is not None
    return found


def _story_goes_on(content: list, shape: LineShape, j: int) -> bool:
    """Line `j` goes on with the story after an insert: a sentence of STORY_SENTENCE_MIN_WORDS+
    words, a list's announcement (ANNOUNCEMENT_MIN_WORDS+ words ending in ":") or a list's row.
    A fragment ("New York", ".") is the rest of a sentence broken at a link, not the story
    going on after a photo.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The fees stay the same.\\nThe fees for boats:\\nSmall: 5000\\nNew York\\n.")
    >>> [_story_goes_on(ctx.lines.content, LineShape(ctx.stats), j) for j in range(5)]
    [True, True, True, False, False]
    """
    n_words = shape.n_words(j)
    return ((shape.ends_sentence(j) and n_words >= STORY_SENTENCE_MIN_WORDS)
            or (shape.last_char(j) in _COLONS and n_words >= ANNOUNCEMENT_MIN_WORDS)
            or _is_row(content, shape, j))


_COLONS = frozenset((ord(":"), ord("：")))


def _story_names_above(content: list, kept, sentence, k: int, cache: dict) -> set[str]:
    """The names (``_name_keys``) of the story's sentences above the candidate `kept[k]`,
    anywhere up the page (`sentence`: per kept line, a sentence of
    ECHO_CAPTION_SENTENCE_MIN_WORDS+ words): what a caption names again when its photo shows
    something the story told a few paragraphs before it, not in the ECHO_LINES lines right
    above (round 22). Only sentences: a results page's headings "Individual race, men" /
    "Individual race, women" name each other, not the story's sentences; and only above: on
    the article benches a subheading names what the story tells *under* it ("Near-term
    consolidation likely"). A key shared with a line's keys is a name ``_names_found`` finds
    in it (a word's first ECHO_CAPTION_STEM_CHARS letters, or the whole word when shorter);
    each line's keys are read once a page (`cache`), for the few candidates that need them.

    >>> import numpy as np
    >>> lines = ["The ferry to Likoni runs again.", "Likoni ferries", "Fares stay the same.", "Boats moored at Likoni"]
    >>> sorted(_story_names_above(lines, np.arange(4), np.array([True, False, True, False]), 3, {}))
    ['again', 'fares', 'ferry', 'likoni']
    """
    found = set()
    for n, j in enumerate(kept[:k].tolist()):
        if sentence[n]:
            if j not in cache:
                cache[j] = _name_keys(content[j])
            found |= cache[j]
    return found


def mark_captions_naming_the_story_above(ctx, shape: LineShape) -> None:
    """Cut the open line that names again the people, places and things of the story's lines
    right above it (rule ECHO_CAPTION_RULE): a photo's caption with no credit, flattened
    between two of the story's lines ("Perahu-perahu ghampai di pelabuhan Kayuagung" under
    "Pelabuhan sungai di Kayuagung dibukak ulang ...").

    A subheading stands in the same place and has the same shape, but it *introduces* what
    follows and names nothing the paragraph above it said ("What has changed", "Cost so
    far", "Neue Fahrzeiten"); a caption describes the photo of what the story is telling, so
    it repeats the story's words. On the studied sets of rounds 8-20 (270 kept open lines
    between kept lines), the open lines of 3+ words under a kept sentence that shared two
    or more words of ECHO_CAPTION_MIN_CHARS+ letters with the ECHO_LINES kept lines above them
    were captions and never the story's (the subheadings shared at most one). Round 22: or
    with the story's sentences further up the page (``_story_names_above``), when the
    kept line right below is a sentence: on pages written by other hands the photo often
    shows what the story told paragraphs before (studied sets of rounds 8-21 and the
    released rounds 9-11, raw labelled lines: of the open 3-12-word lines between two story
    sentences, 32 of 63 captions and none of 6 subheadings shared two such words with the
    story's sentences above them).

    The line ends no sentence and in a word, is ECHO_CAPTION_MIN_WORDS to ECHO_CAPTION_MAX_WORDS
    words long (or an unspaced script's INSERT_MIN_CHARS+ characters), does not open with a
    digit, has no "label: value" colon, stands alone; the kept line right above it is a
    sentence of ECHO_CAPTION_SENTENCE_MIN_WORDS+ words and the kept line right below goes on with the
    story (``_story_goes_on``); the page has at most ECHO_CAPTION_PAGE_MAX such lines (and
    SHORT_CAPTIONS_MAX open lines between two sentences: ``_open_lines_between_sentences``),
    more are a sectioned story's headings. No wording: the words compared are the page's own.
    Cost: numpy over the page's kept lines, then the few candidates walked.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The river port at Kayuagung reopened after six months of repairs.\\n"
    ...               "Boats moored at the Kayuagung river port\\n"
    ...               "The fees for small boats stay at five thousand rupiah.\\n"
    ...               "What has changed\\n"
    ...               "The jetty can now take forty boats at a time.\\n")
    >>> mark_captions_naming_the_story_above(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, 'story.echo_caption', None, None, None, None]
    """
    s = ctx.stats
    # (an open kept line of a caption's length right under a kept sentence, not opening with
    # a digit, another kept line under it: few a page, none on most; the page's candidate
    # lines by their counts, ``echo_caption_lines``, were listed for its whole batch at once)
    rows = page_rows(ctx, "echo_caption_rows", echo_caption_lines)
    if not _kept_line_under_a_sentence(ctx, shape, rows, ECHO_CAPTION_SENTENCE_MIN_WORDS):
        return
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    ends = _sentence_ends(s)[kept]
    words = s.n_words[kept]
    sentence = ends & (words >= ECHO_CAPTION_SENTENCE_MIN_WORDS)
    candidate = np.zeros(ctx.lines.n_lines, dtype=bool)
    candidate[rows] = True
    at = (sentence[:-2] & candidate[kept][1:-1]).nonzero()[0] + 1
    content = ctx.lines.content
    shaped, named, further = 0, [], []
    for k in at.tolist():
        i = int(kept[k])
        unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
        if not (shape.n_words(i) >= ECHO_CAPTION_MIN_WORDS or (unspaced and shape.n_chars(i) >= INSERT_MIN_CHARS)):
            continue
        if (shape.first_class(i) & DIGIT or _is_row(content, shape, i) or not shape.ends_in_a_word(i)
                or shape.unpunctuated(i) or not _stands_alone(ctx, shape, i)):
            continue
        shaped += 1
        # (its own names first: most open lines have fewer than two, and the lines above are long)
        mine = _name_keys(content[i])
        if len(mine) < ECHO_CAPTION_MIN_SHARED or not _story_goes_on(content, shape, int(kept[k + 1])):
            continue
        if _names_found(mine, " ".join(content[j] for j in kept[max(0, k - ECHO_LINES):k].tolist())) \
                >= ECHO_CAPTION_MIN_SHARED:
            named.append(i)
        elif sentence[k + 1]:
            # (round 22: the names of a sentence further up, read below once the page passes)
            further.append((k, i, mine))
    if not (named or further) or shaped > ECHO_CAPTION_PAGE_MAX or \
            _open_lines_between_sentences(ctx, shape, kept, ends) > SHORT_CAPTIONS_MAX:
        return
    # (round 22: the story's sentences further up, with a sentence of the story right under the
    # line; a row or a fragment under it is a sentence broken at a link: "Stadia is launching
    # with" / "22 games")
    line_names = {}
    named += [i for k, i, mine in further
              if len(mine & _story_names_above(content, kept, sentence, k, line_names)) >= ECHO_CAPTION_MIN_SHARED]
    for i in named:
        ctx.marks.rule[i] = ECHO_CAPTION_RULE


UNDER_LIST_RULE = "story.caption_under_list"
# A caption under a list: a clause of this many words at least (shorter, a heading of the
# story's next part: "Gör så här", "What next").
UNDER_LIST_MIN_WORDS = 4
# The list above it: this many rows at least, right above it.
UNDER_LIST_MIN_ROWS = 2


def under_list_caption_lines(stats, blank: np.ndarray | None = None,
                             last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be the open line ``mark_captions_under_lists`` cuts, by its counts
    alone: it ends no sentence, has UNDER_LIST_MIN_WORDS to LONE_CAPTION_MAX_WORDS words (or
    ends in an unspaced script's character with INSERT_MIN_CHARS+ characters) and does not
    open with a digit. (`blank`, `last_rows`: unread, as ``page_rows`` and
    ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> under_list_caption_lines(Context("Kolo: 76\\nThe winners lifting the cup\\nThe cup.\\n").stats).tolist()
    [False, True, False, False]
    """
    words, last = stats.n_words, stats.last_char
    sized = (((words >= UNDER_LIST_MIN_WORDS) & (words <= LONE_CAPTION_MAX_WORDS))
             | ((last >= CJK_LO) & (last <= CJK_HI) & (stats.n_chars >= INSERT_MIN_CHARS)))
    return ~_sentence_ends(stats) & sized & ((stats.first_class & DIGIT) == 0)


def _kept_line_over_a_sentence(ctx, shape: LineShape, rows: list[int], min_words: int) -> bool:
    """Is one of `rows` kept, with, among the kept lines, a sentence of `min_words`+ words
    right below it and two lines above it, the nearest no such sentence? (The pre-check of
    ``mark_captions_under_lists``, as ``_kept_line_under_a_sentence`` is another's.)"""
    rule, blank = ctx.marks.rule, ctx.blank_list
    for i in rows:
        if rule[i] is not None:
            continue
        below = _kept_neighbour(rule, blank, i, 1)
        if below is None or shape.n_words(below) < min_words or not shape.ends_sentence(below):
            continue
        above = _kept_neighbour(rule, blank, i, -1)
        if above is not None and not (shape.n_words(above) >= min_words and shape.ends_sentence(above)) \
                and _kept_neighbour(rule, blank, above, -1) is not None:
            return True
    return False


def mark_captions_under_lists(ctx, shape: LineShape) -> None:
    """Cut the open line between the last row of one of the story's lists and the story's
    next sentence (rule UNDER_LIST_RULE): a photo's caption with no credit, placed where the
    story's facts end ("Kolo: 76" / "Vana va Haubi vakinyanyua kikombe mbele ya ofisi" / "Mwalimu
    mkuu alitamka ...").

    The line ends no sentence and in a word, is UNDER_LIST_MIN_WORDS to LONE_CAPTION_MAX_WORDS
    words long (or an unspaced script's INSERT_MIN_CHARS+ characters), holds no digit and no
    "label: value" colon, stands alone; the UNDER_LIST_MIN_ROWS kept lines right above it are
    rows of a list ("label: value" or opening with a digit: ``_is_row``) and the kept line right
    below it is a sentence of STORY_SENTENCE_MIN_WORDS+ words; the page has at most
    SHORT_CAPTIONS_MAX such lines. (Round 21: or the rows are words, a ":" line announced
    them, and the line is a clause clearly longer than each: ``_longer_than_announced_rows``.)
    On the studied sets of rounds 8-20, 10 kept open lines stood
    between a list's last row and a story sentence: 9 captions and a recipe's 3-word "Gör så
    här" (How to do it), a heading of the story's next part, shorter than a caption's clause.
    Cost: numpy over the page's kept lines, then the few candidates walked.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The school won the district maths contest on Friday.\\n"
    ...               "Haubi: 87\\nBicha: 81\\nKolo: 76\\n"
    ...               "The winners lifting the cup outside the district office\\n"
    ...               "The head teacher said the pupils trained every evening.\\n")
    >>> mark_captions_under_lists(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[4]
    'story.caption_under_list'
    """
    s = ctx.stats
    # (none on most pages: their candidate lines by their counts, ``under_list_caption_lines``,
    # listed for the whole batch at once, walked first)
    if not _kept_line_over_a_sentence(ctx, shape, page_rows(ctx, "under_list_caption_rows", under_list_caption_lines),
                                      STORY_SENTENCE_MIN_WORDS):
        return
    kept = ((~ctx.blank) & ~ctx.marks.removed()).nonzero()[0]
    if len(kept) < UNDER_LIST_MIN_ROWS + 2:
        return
    ends = ((s.last_class[kept] & SENT_END) != 0) | _MORE_SENTENCE_ENDS.of(s.last_char[kept])
    words = s.n_words[kept]
    sentence = ends & (words >= STORY_SENTENCE_MIN_WORDS)
    # (an open kept line with a kept sentence right under it and no sentence right above it)
    at = (~sentence[1:-2] & ~ends[2:-1] & sentence[3:]).nonzero()[0] + 2
    if not len(at):
        return
    content = ctx.lines.content
    found = []
    for k in at.tolist():
        i = int(kept[k])
        unspaced = CJK_LO <= shape.last_char(i) <= CJK_HI
        if not (UNDER_LIST_MIN_WORDS <= shape.n_words(i) <= LONE_CAPTION_MAX_WORDS
                or (unspaced and shape.n_chars(i) >= INSERT_MIN_CHARS)):
            continue
        if (shape.first_class(i) & DIGIT or _is_row(content, shape, i) or not shape.ends_in_a_word(i)
                or shape.last_char(i) in _COLONS  # (the full-width "：" is past the punctuation block)
                or shape.unpunctuated(i) or _DIGIT_IN.search(content[i]) or not _stands_alone(ctx, shape, i)):
            continue
        rows = [int(kept[k - d]) for d in range(1, UNDER_LIST_MIN_ROWS + 1)]
        if all(_is_row(content, shape, r) for r in rows) or _longer_than_announced_rows(ctx, shape, i, rows):
            found.append(i)
    if len(found) <= SHORT_CAPTIONS_MAX:
        for i in found:
            ctx.marks.rule[i] = UNDER_LIST_RULE

"""Readers' comments under the story found by their rhythm, with no count heading, in any
language. A step of the classifier's page (``story_body.give_back_story_body_lines`` calls
it last, on each page the model read, so the story's end is the one the give-backs left).

A comment box without a count ("Have your say", "Мнения читателей", "Kë lueel kɔc") is a
run of pairs under the story: the reader's name on a line of its own (one to three words,
no sentence: "Ama Serwaa", "Nomsa M.", "Kojo_Bee", "小鱼儿2026"; or the name with the
comment's date, which the date rules cut: "Toomas, 5 dec. 10:14") and one to three lines of
what they wrote (each a sentence). A short heading may open it; "Reply" buttons and dates a
rule cut may follow a comment. The model reads such a box line by line and cuts some of its
lines, seldom all: it knows neither the language nor the names. So a run of
THREAD_MIN_PAIRS or more such pairs (rule ``THREAD_RULE``) goes when

* the story ends right above it (a kept sentence, only lines a step cut between: a tag
  line; a kept sentence of STORY_SENTENCE_MIN_WORDS+ words higher up);
* the page's furniture (a line something cut) or the page's end follows it;
* the model already cut at least one of its names or comments (not only its heading): the
  page's own reading agrees that the run is not the story; or every name signs as a person
  does (two or three capitalised words, "Ladi Yakubu", or a handle, "Marta_Lx").

A live blog's times and a timeline's years open with a digit, a numbered list's items too:
no name does. A letter's signature names the town after a comma ("Mary Cole, Hatherley"); a
wire story's section heading is in capitals ("KAZAKHSTAN WINS AGAIN"). A story told in
sections under short headings ("Background" / paragraph / "Reaction" / paragraph) has the
same rhythm, but the model keeps its paragraphs and its headings sign as no person. A
wiki's sections ("Personality" / sentence / "Appearances" / titles) run down to its
apparatus ("References", "See also": a rule cut it); readers' comments on a wiki stand under
the apparatus, never between the article and it: a run the apparatus closes stays.

Units that repeat a closing line ("Respondez", "Нравится · Ответить", "回复 点赞", a
condolence's date) at a fixed period, each opening with a name: ``mark_repeated_units``.

A box whose heading or form call a rule cut alone ("3 комментария", "Leave a Reply"), its
names, dates and comments left to the model: ``mark_comments_under_a_heading`` (round 18).

A teaser block in words no pack knows ("Nova cultur", "Las historias de hoy") has the same
rhythm with longer first lines: under a short heading, TEASER_MIN_WORDS to TEASER_MAX_WORDS
words of a headline (no sentence) and one sentence of summary, THREAD_MIN_PAIRS times or
more, under the story's end and over the page's furniture; it goes (rule ``TEASERS_RULE``)
under the same conditions, the model's cut of one of its lines included (a story's sections
under subheadings have the rhythm too, and the model keeps them).

No wording: shapes, positions and the cuts the other steps made.
"""
from __future__ import annotations

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.features import ALPHA, SENT_END, CodeSet, page_rows
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.native import active

THREAD_RULE = "story.comment_thread"
TEASERS_RULE = "story.teaser_pairs"
# A teaser's headline: a clause of this many words (a name has fewer).
TEASER_MIN_WORDS, TEASER_MAX_WORDS = 4, 15
# Two readers at least: one name and one comment are as often a quote and its speaker.
THREAD_MIN_PAIRS = 2
# A reader's name: one to three words ("Nene Falcasantos", "Joaquim S."), few characters.
NAME_MAX_WORDS = 3
NAME_MAX_CHARS = 32
# A heading over the comments: a word or four ("Mga comentario", "Quon vu pensas?").
HEADING_MAX_WORDS = 4
# A reader writes one to three lines, each a sentence of this many words or more.
COMMENT_MAX_LINES = 3
COMMENT_MIN_WORDS = 3
# "Reply", "Responder · 2h": the buttons under a comment that a rule cut, up to this many.
BUTTONS_MAX_LINES = 2
# The story above: a kept sentence of this many words at least (its last sentence may
# be shorter: "Umsebenzi uzokuphela ngoJanabari.").
STORY_SENTENCE_MIN_WORDS = 4
# (words are counted by spaces here: the line counts split a Devanagari word at its vowel
# signs, "विनोद" is three of them)
# The date rules (a name with its date).
DATE_RULES = frozenset({"dates.date_line", "news.dateline", "outlets.dateline"})
# The heading of the apparatus under a wiki's or blog's article ("References", "See also").
APPARATUS_RULES = frozenset({"wiki.references_section"})
# Sentence ends the character table does not mark (as ``story_inserts.MORE_SENTENCE_ENDS``).
# (a lookup table: np.isin sorts on every call, once per classified page)
_MORE_ENDS = CodeSet(map(ord, "।॥؟۔։။።፧។៕།༎"))


def _name_line(ctx, shape, i: int) -> bool:
    """Line `i` can be a reader's name: one to NAME_MAX_WORDS words and few characters, no
    sentence unless it ends in an initial ("Nomsa M."), no ":" at its end, no word in
    capitals (a wire story's section heading: "ARGENTINA CRUISES"); or a line a date rule
    cut (the name with the comment's date)."""
    r = ctx.marks.rule[i]
    line = ctx.lines.content[i].strip()
    if not line[:1].isalpha():
        return False  # (a list's "4. The castle", a timeline's "2019年", a live entry's "21:04")
    if r in DATE_RULES:
        return "," in line  # (the name, then the date: "Toomas, 5 dec. 10:14")
    if r not in (None, CLASSIFIER_RULE) or any(c in line for c in ",،，"):
        return False  # (a letter's signature names the town: "Mary Cole, Hatherley")
    if any(len(w) > 2 and w.isupper() for w in line.split()):
        return False  # (a wire story's section heading in capitals: "KAZAKHSTAN WINS AGAIN")
    if _numbered_heading(line) and _counted_on(ctx.lines.content, line):
        return False  # (a how-to's steps: "Step 1" / what to do, "Step 2" / ...)
    if not (1 <= len(line.split()) <= NAME_MAX_WORDS and len(line) <= NAME_MAX_CHARS) or line.endswith((":", "：")):
        return False
    if shape.ends_sentence(i):
        last = line.split()[-1]
        return len(last) == 2 and last[0].isupper() and last[1] == "."  # ("Nomsa M.")
    return True


def _numbered_heading(line: str) -> bool:
    """A heading numbered by its last word ("Step 1", "Schritt 12", "Étape 3", "Part 2"): a
    how-to's or a story's section, never a reader's name (a handle keeps its digits in the
    word: "Marta85"). Out of fold, a how-to's nine steps, each "Step N" over one or two
    sentences, were cut as a comment thread (readability's real pages, round 25).

    >>> [_numbered_heading(t) for t in ("Step 1", "Schritt 12", "Marta85", "Ana", "Gwen R.")]
    [True, True, False, False, False]
    """
    words = line.split()
    return len(words) >= 2 and words[-1].isdigit() and len(words[-1]) <= 3


def _counted_on(lines, heading: str) -> bool:
    """The page numbers `heading`'s words in order: the line with the next or the previous
    number is on the page too ("Step 2" beside "Step 1"). Readers numbered by a forum
    ("Guest 12", "Guest 7") are not counted one by one, and stay names.

    >>> _counted_on(["Step 1", "Mix it.", "Step 2", "Bake it."], "Step 1")
    True
    >>> _counted_on(["Guest 12", "So true.", "Guest 7", "Not at all."], "Guest 12")
    False
    """
    words = heading.split()
    prefix, number = " ".join(words[:-1]), int(words[-1])
    neighbours = {f"{prefix} {number - 1}", f"{prefix} {number + 1}"}
    return any(line.strip() in neighbours for line in lines)


def _comment_line(ctx, shape, i: int) -> bool:
    """Line `i` can be a reader's comment: a sentence of COMMENT_MIN_WORDS+ words (or an
    unspaced script's line), kept or cut by the model, not opening in lower case (the rest
    of a wrapped line: "A Quiet Passion" / "is a portrait of ...")."""
    return (ctx.marks.rule[i] in (None, CLASSIFIER_RULE) and shape.ends_sentence(i)
            and (shape.n_words(i) >= COMMENT_MIN_WORDS or shape.n_chars(i) >= 4 * COMMENT_MIN_WORDS)
            and not ctx.lines.content[i].lstrip()[:1].islower())  # (not a wrapped line's rest)


def _heading_line(ctx, shape, i: int) -> bool:
    """Line `i` can head the comments: HEADING_MAX_WORDS words or fewer, kept or cut by the
    model, a sentence only if a question ("Quon vu pensas?")."""
    line = ctx.lines.content[i].rstrip()
    return (ctx.marks.rule[i] in (None, CLASSIFIER_RULE) and len(line.split()) <= HEADING_MAX_WORDS
            and (not shape.ends_sentence(i) or line.endswith(("?", "？", "؟"))))


def _headline_line(ctx, shape, i: int) -> bool:
    """Line `i` can be a teaser's headline: TEASER_MIN_WORDS to TEASER_MAX_WORDS words, kept
    or cut by the model, opening with a letter, ending no sentence and no ":"."""
    line = ctx.lines.content[i].strip()
    return (ctx.marks.rule[i] in (None, CLASSIFIER_RULE) and line[:1].isalpha()
            and TEASER_MIN_WORDS <= len(line.split()) <= TEASER_MAX_WORDS
            and not shape.ends_sentence(i) and not line.endswith((":", "：")))


def _pairs_from(ctx, shape, nb: list[int], p: int, first=None, max_lines: int = COMMENT_MAX_LINES) -> tuple[int, int]:
    """The name/comment pairs from position `p` of the non-blank lines `nb`: (how many, the
    position after the last one)."""
    rule = ctx.marks.rule
    pairs, end = 0, p
    first = first or _name_line
    dated_box = None
    while p < len(nb) and first(ctx, shape, nb[p]):
        q = p + 1
        dated = q + 1 < len(nb) and first is _name_line and _date_under_name(ctx, shape, nb[q])
        if dated_box is not None and dated != dated_box:
            break  # (a box's units are of one shape: the story's last lines above a dated box are none)
        dated_box = dated
        if dated:
            q += 1  # (the comment's date on its own line: "3 de diciembre de 2026 a las 10:12")
        n_comment = 0
        while q < len(nb) and n_comment < max_lines and _comment_line(ctx, shape, nb[q]):
            if n_comment and q + 1 < len(nb) and _signs_with_initial(ctx, shape, nb[q]) \
                    and _comment_line(ctx, shape, nb[q + 1]):
                break  # (the next reader's name: "Marie-Claire L.", a sentence by its full stop)
            q += 1
            n_comment += 1
        if not n_comment:
            break
        buttons = 0
        while q < len(nb) and buttons < BUTTONS_MAX_LINES and rule[nb[q]] not in (None, CLASSIFIER_RULE) \
                and len(ctx.lines.content[nb[q]].split()) <= NAME_MAX_WORDS and rule[nb[q]] not in DATE_RULES \
                and rule[nb[q]] not in APPARATUS_RULES:  # ("References" is no "Reply" button)
            q += 1
            buttons += 1
        pairs, end, p = pairs + 1, q, q
    return pairs, end


# A comment's date on its own line under the name: this many words at most.
DATE_MAX_WORDS = 8


def _date_under_name(ctx, shape, i: int) -> bool:
    """Line `i`, under a reader's name, can be the comment's date: a line a date rule cut,
    or a short line (DATE_MAX_WORDS words at most) opening with a digit that ends no
    sentence ("2 ngon 12, 2026": a month's name no date rule knows)."""
    r = ctx.marks.rule[i]
    if r in DATE_RULES:
        return True
    line = ctx.lines.content[i].strip()
    return (r in (None, CLASSIFIER_RULE) and line[:1].isdigit() and len(line.split()) <= DATE_MAX_WORDS
            and not shape.ends_sentence(i))


def _signs_with_initial(ctx, shape, i: int) -> bool:
    """Line `i` is a name ending in an initial ("Marie-Claire L.", "Nomsa M."): a sentence
    by its full stop, a reader's name by its shape."""
    line = ctx.lines.content[i].strip()
    return shape.ends_sentence(i) and _name_line(ctx, shape, i) and len(line.split()) >= 2


def thread_starts(ctx) -> list[int]:
    """The lines a thread may start at (its heading or its first name), found on the page's
    counts: a short line (NAME_MAX_CHARS or fewer characters), kept or cut by
    the model, whose nearest kept line above ends a sentence, with a kept sentence of
    STORY_SENTENCE_MIN_WORDS+ words at or above that line, and a sentence one or two
    non-blank lines below it (a comment). Few lines of a page qualify:
    a subheading under a paragraph, the heading of a comment box. One pass of the compiled
    ``_native.thread_starts`` when built (once per classified page: its numpy twin,
    ``_thread_starts_py``, the reference, made ~40 numpy calls on the page's lines).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home\\nThe bridge over the river opens on Monday, the mayor said.\\nHave your say\\nAna\\n"
    ...               "Finally a bridge for the school children.\\n")
    >>> thread_starts(ctx)  # ("Ana": the kept line above it is no sentence)
    [2]
    """
    kernel = getattr(active(), "thread_starts", None)  # (None: no compiled module, or one built before it)
    if kernel is None:
        return _thread_starts_py(ctx)
    s = ctx.stats
    return kernel(ctx.marks.rule, _as(ctx.blank, np.bool_), _as(s.last_class, np.uint8), _as(s.last_char, np.uint32),
                  _as(s.n_words, np.int64), _as(s.n_chars, np.int64), _MORE_ENDS.table, SENT_END, NAME_MAX_CHARS,
                  STORY_SENTENCE_MIN_WORDS, 4 * COMMENT_MIN_WORDS, CLASSIFIER_RULE)


def _as(values: np.ndarray, dtype) -> np.ndarray:
    """`values` as a contiguous array of `dtype` (themselves when they are one: the batch's
    compiled counts are)."""
    if values.dtype == dtype and values.flags.c_contiguous:
        return values
    return np.ascontiguousarray(values, dtype=dtype)


def _thread_starts_py(ctx) -> list[int]:
    """``thread_starts`` with numpy: the twin of ``_native.thread_starts``, the reference."""
    s = ctx.stats
    rule = ctx.marks.rule
    kept = ~ctx.marks.removed() & ~ctx.blank
    sentence = ((s.last_class & SENT_END) != 0) | _MORE_ENDS.of(s.last_char)
    idx = np.arange(len(kept))
    # (the nearest kept line strictly above each line, -1 for none)
    last_kept = np.maximum.accumulate(np.where(kept, idx, -1))
    above = np.concatenate(([-1], last_kept[:-1]))
    story = np.maximum.accumulate(kept & sentence & (s.n_words >= STORY_SENTENCE_MIN_WORDS))
    story_above = np.concatenate(([False], story[:-1]))
    ok = (above >= 0) & story_above & ~ctx.blank & (s.n_chars <= NAME_MAX_CHARS)
    ok[ok] &= sentence[above[ok]]
    # (and a comment one or two lines down: the name's, or the first name's under a heading)
    nb = (~ctx.blank).nonzero()[0]
    comment = sentence[nb] & (s.n_chars[nb] >= 4 * COMMENT_MIN_WORDS)
    soon = np.zeros(len(nb), dtype=bool)
    soon[:-1] |= comment[1:]
    soon[:-2] |= comment[2:]
    ok[nb] &= soon
    return [i for i in ok.nonzero()[0].tolist() if rule[i] in (None, CLASSIFIER_RULE)]


def _rows_doc(n_rows: int, last_rows: np.ndarray | None) -> np.ndarray | None:
    """Each row's document (rows of a batch, documents one after another; `last_rows`:
    each document's last row), or None for one page's rows (`last_rows` None)."""
    if last_rows is None:
        return None
    return np.searchsorted(last_rows, np.arange(n_rows))


def _person_name(line: str) -> bool:
    """A reader's name as people sign: two or three capitalised words or initials ("Ladi
    Yakubu", "Joaquim S."), or one handle with "_" or digits ("Marta_Lx", "小鱼儿2026");
    no comma (a letter's signature names the town: "Mary Cole, Hatherley").

    >>> [_person_name(t) for t in ("Ladi Yakubu", "Joaquim S.", "Marta_Lx", "Mary Cole, Hatherley", "Background",
    ...     "A Quiet Passion")]
    [True, True, True, False, False, False]
    """
    words = line.split()
    if "," in line or "،" in line or "，" in line:
        return False
    if len(words) == 1:
        return "_" in line or (any(c.isdigit() for c in line) and line[:1].isalpha())
    return 2 <= len(words) <= NAME_MAX_WORDS and all(w[:1].isupper() and len(w) >= 2 for w in words)


def _signed_by_people(ctx, shape, block: list[int]) -> bool:
    """Every name line of the block (a line followed by a comment) signs as a person does."""
    content = ctx.lines.content
    names = [j for k, j in enumerate(block[:-1]) if _name_line(ctx, shape, j) and _comment_line(ctx, shape, block[k + 1])]
    return len(names) >= THREAD_MIN_PAIRS and all(_person_name(content[j].strip()) for j in names)


def mark_comment_threads(ctx, shape) -> None:
    """Cut a run of readers' names and comments under the story (rule THREAD_RULE; see
    the module's docstring). `shape`: the page's ``story_inserts.LineShape``.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_inserts import LineShape
    >>> ctx = Context("The last bank branch in the town will close on March 12, the bank said.\\n"
    ...               "A mobile van will visit the square every Thursday.\\n"
    ...               "Have your say\\nMarketLad\\nAnother nail in the coffin for the high street.\\n"
    ...               "Gwen R.\\nThe van came to our village and then stopped.\\nMost read\\n")
    >>> ctx.marks.rule[5:8] = ["classifier", "classifier", "ads.recommended_block"]
    >>> mark_comment_threads(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[2:8]
    ['story.comment_thread', 'story.comment_thread', 'story.comment_thread', 'story.comment_thread', 'story.comment_thread', 'ads.recommended_block']
    """
    starts = thread_starts(ctx)
    if not starts:
        return
    rule = ctx.marks.rule
    nb_array = (~ctx.blank).nonzero()[0]
    nb = nb_array.tolist()
    for i in starts:
        p = int(np.searchsorted(nb_array, i))
        pairs, end = _pairs_from(ctx, shape, nb, p)
        start, cut_as = p, THREAD_RULE
        if pairs < THREAD_MIN_PAIRS and _heading_line(ctx, shape, i):
            pairs, end = _pairs_from(ctx, shape, nb, p + 1)
            if pairs < THREAD_MIN_PAIRS:  # (a teaser block: headline and summary pairs)
                pairs, end = _pairs_from(ctx, shape, nb, p + 1, _headline_line, 1)
                cut_as = TEASERS_RULE
        if pairs < THREAD_MIN_PAIRS or (end < len(nb) and rule[nb[end]] is None) or _closed_by_apparatus(ctx, nb, end):
            continue
        block = nb[start:end]
        if any(rule[j] == CLASSIFIER_RULE for j in block[1:]) or (
                cut_as == THREAD_RULE and _signed_by_people(ctx, shape, block)):
            for j in block:
                if rule[j] in (None, CLASSIFIER_RULE):
                    rule[j] = cut_as
            return


def _closed_by_apparatus(ctx, nb: list[int], end: int) -> bool:
    """The run ending before position `end` of the non-blank lines `nb` is closed by the
    article's apparatus ("References", "See also", ``APPARATUS_RULES``): a wiki's sections
    (heading / paragraph), not readers' comments, which stand under the apparatus.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Appearances\\nTidebreak\\nReferences\\n")
    >>> ctx.marks.rule[2] = "wiki.references_section"
    >>> _closed_by_apparatus(ctx, [0, 1, 2], 2), _closed_by_apparatus(ctx, [0, 1, 2], 1)
    (True, False)
    """
    return end < len(nb) and ctx.marks.rule[nb[end]] in APPARATUS_RULES


# A comment's unit (its name, date, text and buttons) is this many lines, repeated.
UNIT_MIN_LINES, UNIT_MAX_LINES = 3, 6
# A button or date line that closes each unit: short, the same text each time.
REPEAT_MAX_CHARS = 40


def repeated_unit_candidates(stats, blank: np.ndarray, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: does a unit close on it at one of ``mark_repeated_units``' periods, by the
    counts alone (that step's candidates before any text is compared: a short line of no
    sentence, the same length UNIT_MIN_LINES to UNIT_MAX_LINES non-blank lines further,
    the unit between opening with a name and holding a sentence), in its own document
    (`last_rows`: each document's last row when the rows are a batch's, as
    ``batch.PAGE_ROWS`` passes them). ``mark_repeated_units`` skips a page where no line
    is one: most pages.

    >>> from corpus_clean.boilerplate.features import line_stats, split_lines
    >>> stats = line_stats(split_lines("Comments\\nSveta wrote:\\nThe ice is great.\\nReply\\n"
    ...                                "Andrei wrote:\\nThere was no rink.\\nReply"))
    >>> repeated_unit_candidates(stats, stats.n_chars == 0).nonzero()[0].tolist()
    [3]
    >>> bool(repeated_unit_candidates(stats, stats.n_chars == 0, np.array([3, 6])).any())  # (two documents)
    False
    """
    found = np.zeros(len(blank), dtype=bool)
    nb = (~blank).nonzero()[0]
    if len(nb) <= UNIT_MIN_LINES:
        return found
    doc = _rows_doc(len(blank), last_rows)
    nb_doc = doc[nb] if doc is not None else None
    open_end = ((stats.last_class & SENT_END) == 0)[nb]
    n_chars = stats.n_chars[nb]
    short = (n_chars <= REPEAT_MAX_CHARS) & open_end
    named = ((stats.first_class & ALPHA) != 0)[nb] & open_end
    sentences = np.concatenate(([0], np.cumsum(~open_end)))
    for period in range(UNIT_MIN_LINES, min(UNIT_MAX_LINES + 1, len(nb))):  # (a period past the rows: no pair)
        same = short[:-period] & short[period:] & (n_chars[:-period] == n_chars[period:])
        same &= named[1:len(named) - period + 1]
        same &= sentences[period:len(nb)] - sentences[1:len(nb) - period + 1] > 0
        if nb_doc is not None:
            same &= nb_doc[:-period] == nb_doc[period:]
        found[nb[:-period][same]] = True
    return found


def mark_repeated_units(ctx, shape) -> None:
    """Cut a comment thread whose units repeat a line (rule THREAD_RULE): under the story's
    end, the same short line ("Respondez", "Responder • Compartir ›", "Нравится · Ответить",
    "回复 点赞", a condolence's date) closes two or more units of UNIT_MIN_LINES to
    UNIT_MAX_LINES lines at a fixed period, each unit opening with a name (a letter first,
    no sentence: "Karin dicas:", "Anna_M • 2 horas retro", "蓉城小李 12月3日 11:02") and
    holding a sentence (the comment). With them go a short heading right above the first
    unit ("Condolences", "14 commentos") and one short line right under the last ("Leave a
    reply") when the page's furniture or end follows. The model must have cut one of the
    units' lines (it cuts the buttons). A live blog repeats its "Share" button too, but its
    entries open with their times (a digit), not a name.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> from corpus_clean.boilerplate.story_inserts import LineShape
    >>> ctx = Context("The new skating rink on the embankment opened on Saturday for free.\\n"
    ...               "Comments\\nSveta wrote:\\nWe went with the kids, the ice is great.\\nLike · Reply\\n"
    ...               "Andrei P. wrote:\\nFinally, there was no rink at all last year.\\nLike · Reply\\n© 2026 Weekly\\n")
    >>> ctx.marks.rule[4] = ctx.marks.rule[7] = "classifier"; ctx.marks.rule[8] = "footer.copyright"
    >>> mark_repeated_units(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[:9] == [None] + ["story.comment_thread"] * 7 + ["footer.copyright"]
    True
    """
    if not page_rows(ctx, "repeated_unit_rows", repeated_unit_candidates):
        return  # (no unit closes at a period by the counts: most pages)
    s = ctx.stats
    nb_array = (~ctx.blank).nonzero()[0]
    if len(nb_array) <= UNIT_MIN_LINES:
        return
    open_end = ((s.last_class & SENT_END) == 0)[nb_array]
    short = (s.n_chars[nb_array] <= REPEAT_MAX_CHARS) & open_end
    n_chars = s.n_chars[nb_array]
    # (a unit's name: a letter first, no sentence; its comment: a sentence)
    named = ((s.first_class & ALPHA) != 0)[nb_array] & open_end
    sentences = np.concatenate(([0], np.cumsum(~open_end)))
    # (candidates with numpy: short lines of one length at a unit's period, the unit
    # between them opening with a name and holding a sentence; the text compared only
    # for those: menus and link lists repeat nothing at a fixed period)
    pairs = []
    # (a period of len(nb) lines or more holds no pair; past it the slices below are no
    # longer aligned: on 4 non-blank lines, period 6's `named[1:-1]` is 2 long, not 0)
    for period in range(UNIT_MIN_LINES, min(UNIT_MAX_LINES + 1, len(nb_array))):
        same = short[:-period] & short[period:] & (n_chars[:-period] == n_chars[period:])
        same &= named[1:len(named) - period + 1]
        same &= sentences[period:len(nb_array)] - sentences[1:len(nb_array) - period + 1] > 0
        pairs += [(q, period) for q in same.nonzero()[0].tolist()]
    if not pairs:
        return
    rule, content = ctx.marks.rule, ctx.lines.content
    nb = nb_array.tolist()
    tried = set()
    for q, period in pairs:
        if (q, period) in tried or content[nb[q]].strip() != content[nb[q + period]].strip():
            continue
        pos = [q]
        while pos[-1] + period < len(nb) and content[nb[pos[-1] + period]].strip() == content[nb[q]].strip():
            pos.append(pos[-1] + period)
        tried.update((p, period) for p in pos)
        block = _repeated_block(ctx, shape, nb, pos, period)
        if block and any(rule[j] in (CLASSIFIER_RULE, THREAD_RULE) for j in block):  # (the model's, or the step's above)
            for j in block:
                if rule[j] in (None, CLASSIFIER_RULE) or rule[j] in DATE_RULES:
                    rule[j] = THREAD_RULE
            return


def _repeated_block(ctx, shape, nb: list[int], pos: list[int], period: int) -> list[int] | None:
    """The thread's lines when the units closed at positions `pos` (of the non-blank lines
    `nb`) are comments under the story's end (see ``mark_repeated_units``), else None."""
    rule, content = ctx.marks.rule, ctx.lines.content
    first, last = pos[0] - period + 1, pos[-1]
    if first < 1:
        return None
    for p in pos:
        unit = nb[p - period + 1:p + 1]
        head = content[unit[0]].strip()
        if not head[:1].isalpha() or shape.ends_sentence(unit[0]) or len(head) > NAME_MAX_CHARS + 8:
            return None  # (a name opens each unit; a live entry opens with its time)
        if not any(_comment_line(ctx, shape, j) or rule[j] == CLASSIFIER_RULE and shape.ends_sentence(j)
                   for j in unit[1:]):
            return None
        if any(shape.is_paragraph(j) and rule[j] is None and shape.n_words(j) > 60 for j in unit):
            return None
    block = nb[first:last + 1]
    above = nb[first - 1]
    if rule[above] in (None, CLASSIFIER_RULE) and not shape.ends_sentence(above) and \
            len(content[above].split()) <= HEADING_MAX_WORDS:
        block.insert(0, above)  # (the heading: "Condolences", "14 commentos")
        first -= 1
    story = next((j for j in reversed(nb[:first]) if rule[j] is None), None)
    if story is None or not shape.ends_sentence(story):
        return None
    after = last + 1
    if after < len(nb) and rule[nb[after]] in (None, CLASSIFIER_RULE) and not shape.ends_sentence(nb[after]) and \
            len(content[nb[after]].split()) <= HEADING_MAX_WORDS and (after + 1 >= len(nb) or rule[nb[after + 1]] is not None):
        block.append(nb[after])  # ("Leave a reply" over the footer)
        after += 1
    if after < len(nb) and rule[nb[after]] is None:
        return None
    return block


HEADING_RUN_RULE = "story.comments_under_heading"
# The rules that cut a comment box's heading alone ("14 comentarios", "Kommentare (3)",
# "Deja un comentario"), leaving the comments under it to the other steps.
# The form's call over the box ("Leave a Reply", "Deixe um comentário") opens it too.
COMMENT_HEADING_RULES = frozenset({"comments.heading_other_languages", "comments.zero_count", "outlets.comment_form"})
# Inside a comment box, the lines the other steps cut are its own: the model's cut, a
# comment's date, its "Reply" button and its "says:" line.
IN_BOX_RULES = frozenset({CLASSIFIER_RULE, THREAD_RULE, "outlets.comment_form", "outlets.commenter_says",
                          "comments.widget"}) | DATE_RULES
# A comment box under its heading holds this many non-blank lines at most.
BOX_MAX_LINES = 40


def mark_comments_under_a_heading(ctx) -> None:
    """Cut the lines a comment box's heading opens, down to the page's furniture (rule
    HEADING_RUN_RULE): a rule cut the heading ("5 comentários", "3 комментария",
    ``COMMENT_HEADING_RULES``) and left the comments to the model, which reads a reader's
    name and its date ("Dona Lurdes" / "3 de dezembro de 2026 às 14:22") as a byline and
    its sentence as the story's. Every non-blank line under the heading goes, down to the
    next line a rule cut that is not the box's own (``IN_BOX_RULES``: the model, a date, a
    "Reply" button) or the page's end, when

    * the heading stands in the page's lower part: a story paragraph above it (or, in a
      language of short sentences, a kept sentence of STORY_SENTENCE_MIN_WORDS+ words) and
      no more paragraphs below it than above (as ``story_tail.mark_comment_boxes`` asks);
    * the box holds BOX_MAX_LINES lines at most, and one of them at least was cut as the
      box's own (``IN_BOX_RULES``: a date, a button, the model's cut of another comment):
      the page's own reading agrees there is a comment box.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Este é o bolo que minha avó fazia todo domingo em Itabira, com café.\\n"
    ...               "Se fizer, me conta nos comentários como ficou!\\n"
    ...               "5 comentários\\nDona Lurdes\\nFiz hoje e ficou igualzinho ao da minha mãe.\\nResponder\\n"
    ...               "© 2026 Cozinha da Carla\\n")
    >>> ctx.marks.rule[2], ctx.marks.rule[5], ctx.marks.rule[6] = (
    ...     "comments.heading_other_languages", "outlets.comment_form", "footer.copyright")
    >>> mark_comments_under_a_heading(ctx)
    >>> ctx.marks.rule[2:7]
    ['comments.heading_other_languages', 'story.comments_under_heading', 'story.comments_under_heading', 'outlets.comment_form', 'footer.copyright']
    """
    rule = ctx.marks.rule
    if COMMENT_HEADING_RULES.isdisjoint(rule):  # (most pages)
        return
    shape = None
    for i in [i for i, r in enumerate(rule) if r in COMMENT_HEADING_RULES]:
        if ctx.prose_after[i] > ctx.prose_before[i]:
            continue
        if ctx.prose_before[i] < 1:
            shape = shape or LineShape(ctx.stats)
            if not _story_sentence_above(ctx, shape, i):
                continue
        box, own = [], False
        for j in range(i + 1, len(rule)):
            if ctx.blank[j]:
                continue
            if rule[j] is not None and rule[j] not in IN_BOX_RULES:
                break  # (the page's furniture: the box ends)
            own = own or rule[j] is not None
            box.append(j)
        if own and len(box) <= BOX_MAX_LINES:
            for j in box:
                if rule[j] is None:
                    rule[j] = HEADING_RUN_RULE


def _story_sentence_above(ctx, shape, i: int) -> bool:
    """A kept sentence of STORY_SENTENCE_MIN_WORDS+ words stands above line `i`."""
    rule = ctx.marks.rule
    return any(rule[j] is None and not ctx.blank[j] and shape.ends_sentence(j)
               and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS for j in range(i))

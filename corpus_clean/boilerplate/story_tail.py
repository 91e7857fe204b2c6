"""The page's tail under the story: a comment box found by its heading's shape, the post's
tag line, a contributor's credit, an agency's tag and a radio station's plug
(``mark_contributor_line``, ``mark_agency_tag``, ``mark_station_plug``), in any language. Steps of the classifier
(``story_inserts.mark_story_inserts`` calls them on each page the model read).

A comment box opens with its heading and its count in brackets: "Comments (74)",
"Kommentare (3)", "Okwu (4)", "Ibitekerezo (7)", "نظرونه (۳)", "网友评论（2）". The rule packs
know the word in some forty languages (``comments.heading_other_languages``); a language
they do not know writes the same shape. So a line of one to three words followed by a
number in brackets, and nothing else, opens the comment box (rule ``COMMENTS_RULE``) when

* the story stands above it: a story paragraph above it (or a brief's two sentences,
  ``_story_above``), and no more paragraphs below it than above (the lower part of the
  page, as the packs' ``section`` rules ask);
* it stands alone: neither non-blank neighbour has the same shape (a list of scorers
  "Haaland (2)", a sidebar's categories "Camping (3)" are series);

A blog's comment box (WordPress) says its count and the post's title instead: "3
respuestas a «Cómo recuperé el huerto»", "12 thoughts on “The bridge”", "2 Antworten auf
„Die Brücke“". A line that opens with a count and closes with a quoted copy of a line of
the page's head (its headline, three words or more) opens the box the same way
(``is_count_title_heading``), under the same conditions;

and every line below it to the page's end goes with it (the comments, their names and
dates, the "reply" buttons; the footer the other steps cut already).

A box whose count stands bare, with no brackets ("3 Kumentu", "Fakamatala ʻe 3", "Paro 3",
"4 һанамжа"), has the shape of a story's own lines too ("Round 2", "Top 10"), so there the
comments under it must show themselves (``mark_bare_count_boxes``): right under the heading
(a sort bar between) a reader signs a comment on its line ("Ana Q.: Si Yu'os ma'åse'!",
"Lineo T. — Ke lekile maobane."), ``signed_comment_name``; no more such lines follow than the
count says; and the first one's name is nobody the page named above the heading (a
commenter is no one in the story; an interview's speakers are).

No wording list: the shape in every script (digits of any script count, "۳" too).
"""
from __future__ import annotations

import re

import numpy as np

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.author_bio import _last_kept_lines
from corpus_clean.boilerplate.features import DIGIT, SENT_END, CodeSet, page_rows

COMMENTS_RULE = "story.comment_box"
# One to three words (letters first; "Mga komento", "View Comments", "网友评论") and a
# count of up to four digits in brackets, full-width ones too, and nothing else.
COUNT_HEADING = re.compile(r"\s*(?:[^\W\d_][\w'’.-]*\s+){0,2}[^\W\d_][\w'’.-]*\s*[(（]\s*\d{1,4}\s*[)）]\s*")


def is_count_heading(line: str) -> bool:
    """`line` is a heading with its count in brackets, one to three words long.

    >>> [is_count_heading(t) for t in ("Okwu (4)", "网友评论（2）", "نظرونه (۳)", "View Comments (12)",
    ...     "The results of the vote (3)", "Haaland 2", "(12)", "Comments")]
    [True, True, True, True, False, False, False, False]
    """
    return COUNT_HEADING.fullmatch(line) is not None


# A bare count heading: a count of one to four digits and one to three words, the count
# first or last ("3 n iwenniten", "Fakamatala ʻe 3"); at most this many words in all.
BARE_MAX_WORDS = 4
_WORD = r"[^\W\d_](?:[\w'’ʻ.-]*[\w'’ʻ])?"
BARE_COUNT_HEADING = re.compile(rf"\s*(?:(\d{{1,4}})(?:\s+{_WORD}){{1,3}}|{_WORD}(?:\s+{_WORD}){{0,2}}\s+(\d{{1,4}}))\s*")
# A signed comment: a reader's name (one to four words, the first and the last capitalised
# or an initial: "Ṭayeb seg Paris", "Viliami K."), then ":" or a spaced dash, then the comment.
_NAME_WORD = r"(?:[^\W\d_]\.|[ʻ'’]?[^\W\d_][\w'’ʻ-]*)"  # (a full stop only after an initial)
_SIGNED = re.compile(rf"\s*(?:↳\s*)?({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})(?::\s|\s[—–]\s)\s*(.+)")
# The comment says a sentence: this many words at least, or two ending in a sentence mark.
SIGNED_COMMENT_MIN_WORDS = 3
# Between the heading and the first signed comment: a sort bar or a form call, this many
# lines at most.
BARE_GAP_MAX_LINES = 2
# One signed comment at least ends as a sentence does.
COMMENT_ENDS = frozenset(".!?…。।؟")
# The rules that cut a date line ("dates.date_line", "news.dateline", "outlets.dateline").
DATE_RULE_PREFIXES = ("dates.", "news.dateline", "outlets.dateline")


def bare_count(line: str) -> int | None:
    """The count of a bare count heading (``BARE_COUNT_HEADING``), or None.

    >>> [bare_count(t) for t in ("3 Kumentu", "Fakamatala ʻe 3", "4 һанамжа", "3 tiâu lâu-giân", "Okwu (2)",
    ...     "The 3 best ways", "Kumentu", "2 pound capacity.")]
    [3, 3, 4, 3, None, None, None, None]
    """
    m = BARE_COUNT_HEADING.fullmatch(line)
    return None if m is None else int(m.group(1) or m.group(2))


def signed_comment_name(line: str) -> str | None:
    """The reader's name that signs `line` as a comment ("Name: comment", "Name — comment"),
    or None. The name's first and last words open with a capital (or are an initial), the
    comment has SIGNED_COMMENT_MIN_WORDS+ words or is a sentence ("Zelal: Zaf weş.").

    >>> [signed_comment_name(t) for t in ("Ana Q.: Si Yu'os ma'åse' Tan Rosa!", "Ṭayeb seg Paris: Tanemmirt ɣef umagrad-a.",
    ...     "Lineo T. — Ke lekile maobane, li monate haholo!", "Дулма: Баярлалаа! Бидэ хэжэ үзөөбди.",
    ...     "Ingredients: flour", "the mayor: we will build it", "Ajtij Juan Mendoza. Foto: Radio Atitlán",
    ...     "Argomenti: porto, sciopero", "Zelal: Zaf weş.", "GPS: N24 39 16.4", "Position: N24 39 16.4")]
    ['Ana Q.', 'Ṭayeb seg Paris', 'Lineo T.', 'Дулма', None, None, None, None, 'Zelal', None, None]
    """
    m = _SIGNED.fullmatch(line)
    comment = m.group(2).rstrip() if m else ""
    if len(comment.split()) < SIGNED_COMMENT_MIN_WORDS and not (comment[-1:] in ".!?" and " " in comment):
        return None  # (a few words and no sentence: a field's value, a tag list "porto, sciopero")
    name = m.group(1)
    words = name.split()
    if not all(w.lstrip("ʻ'’")[:1].isupper() for w in (words[0], words[-1])) or name.replace(".", "").isupper():
        return None  # (a label in capitals, "GPS: N24 39 16.4", signs nothing)
    if sum(1 for w in comment.split() if any(c.isalpha() for c in w)) < 2:
        return None  # (a reading, not words)
    return name


def _names_above(ctx, i: int) -> str:
    """The text of the page above line `i`, where a name the story gave stands."""
    return "\n".join(ctx.lines.content[:i])


def mark_bare_count_boxes(ctx) -> None:
    """Cut a comment box opened by a bare count heading, from the heading to the page's end
    (rule COMMENTS_RULE; see the module's docstring), when signed comments confirm it.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Ta fino' yan si Tan Rosa Blas Camacho, ni' manmama'tinas na'-ña i fiesta giya Akgayan.\\n"
    ...               "Para i dinanña'a este na såkkan, i fiesta para Diseñembre 8, gi egga'an yan lamasa.\\n"
    ...               "3 Kumentu\\nAna Q.: Si Yu'os ma'åse' Tan Rosa! Hu hasso i latiyas-mu.\\nOppe")
    >>> mark_bare_count_boxes(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.comment_box', 'story.comment_box', 'story.comment_box']
    """
    content, rule = ctx.lines.content, ctx.marks.rule
    # (a count a date rule cut is a date: "4 dicembre")
    candidates = [i for i in page_rows(ctx, "bare_count_rows", bare_count_candidate_lines)
                  if bare_count(content[i]) is not None and not (rule[i] or "").startswith(DATE_RULE_PREFIXES)]
    if not candidates:
        return
    blank = ctx.blank_list
    for i in candidates:
        # (cheap checks first: a signed line right under the heading, no series around it)
        near = [j for j in range(i + 1, min(len(content), i + 2 * (BARE_GAP_MAX_LINES + 1) + 1)) if not blank[j]]
        first = next((j for j in near[:BARE_GAP_MAX_LINES + 1] if signed_comment_name(content[j])), None)
        if first is None or rule[first] not in (None, CLASSIFIER_RULE):
            continue  # (a caption's credit "Foto: Radio Atitlán" that a rule cut is no comment)
        above = next((j for j in range(i - 1, -1, -1) if not blank[j]), None)
        if any(j is not None and bare_count(content[j]) is not None for j in (above, near[0])):
            continue  # (a series: the rows of a list, "8 classrooms", "1 library")
        if not _story_above(ctx, i) or signed_comment_name(content[first]).split()[0] in _names_above(ctx, i):
            continue  # (a name of the story: an interview's speaker)
        signed = [j for j in range(first, len(content)) if not blank[j] and signed_comment_name(content[j])]
        if len(signed) > bare_count(content[i]):
            continue  # (more comments than the count: a list)
        if not any(content[j].rstrip()[-1:] in COMMENT_ENDS for j in signed):
            continue  # (readers write sentences; "Settings: Customize the experience" is a heading)
        if ctx.prose_after[i] - int(ctx.prose[signed].sum()) > ctx.prose_before[i]:
            continue  # (the lower part of the page, but for the comments' own sentences)
        cut_to_the_page_s_end(ctx, i)
        return


# A count, a few words, and a quoted title: the quotes of many languages.
_COUNT_TITLE = re.compile(r"\s*\d{1,4}\s+(?:\S+\s+){0,4}[«“„\"'‘「『]\s*(.+?)\s*[»”“\"'’」』]\s*")
TITLE_MIN_WORDS = 3
_CLOSING_QUOTES = frozenset("»”“\"'’」』")
_CLOSING_QUOTE_CODES = CodeSet(map(ord, _CLOSING_QUOTES))


def is_count_title_heading(line: str, titles: set[str]) -> bool:
    """`line` is a count, a few words, and one of `titles` in quotes (a blog's comment box).

    >>> titles = {"Cómo recuperé el huerto de mi abuelo"}
    >>> [is_count_title_heading(t, titles) for t in ("3 respuestas a «Cómo recuperé el huerto de mi abuelo»",
    ...     "12 thoughts on “Cómo recuperé el huerto de mi abuelo”", "3 respuestas a «Otro título del blog»",
    ...     "Cómo recuperé el huerto de mi abuelo")]
    [True, True, False, False]
    """
    m = _COUNT_TITLE.fullmatch(line)
    return bool(m) and m.group(1) in titles


def _head_titles(ctx) -> set[str]:
    """The lines of the page's head (above its first story paragraph) of TITLE_MIN_WORDS+
    words: where its headline stands."""
    content = ctx.lines.content
    n_words = ctx.stats.n_words
    return {content[i].strip() for i in (ctx.prose_before == 0).nonzero()[0].tolist()
            if n_words[i] >= TITLE_MIN_WORDS and not ctx.prose[i]}


_BRACKET_CODES = (ord(")"), ord("）"))


def comment_box_candidate_lines(stats, blank: np.ndarray | None = None,
                                last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may ``mark_comment_boxes`` read it as a count heading, by its counts alone:
    it ends in a bracket ("Comments (12)"), or opens with a digit and ends in a closing
    quote (a blog's "3 thoughts on “...”"). (`blank`, `last_rows`: unread, as
    ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> comment_box_candidate_lines(Context("Comments (2)\\n3 thoughts on “The pier”\\nThe pier.").stats).tolist()
    [True, True, False]
    """
    last = stats.last_char
    return ((last == _BRACKET_CODES[0]) | (last == _BRACKET_CODES[1])
            | (((stats.first_class & DIGIT) != 0) & _CLOSING_QUOTE_CODES.of(last)))


def bare_count_candidate_lines(stats, blank: np.ndarray | None = None,
                               last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a bare count heading ("3 Kumentu", "Paro 3"), by its counts: two
    to four words, one to four digits, opening or closing with one. (`blank`, `last_rows`:
    unread, as ``features.page_rows`` and ``batch.PAGE_ROWS`` pass them.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> bare_count_candidate_lines(Context("3 Kumentu\\nParo 3\\nKumentu\\nThe 3 best ways to cook rice").stats).tolist()
    [True, True, False, False]
    """
    digit_edge = ((stats.first_class & DIGIT) != 0) | ((stats.last_class & DIGIT) != 0)
    return digit_edge & (stats.n_words >= 2) & (stats.n_words <= BARE_MAX_WORDS) & (stats.n_digit <= 4)


def mark_comment_boxes(ctx) -> None:
    """Cut a comment box opened by a count heading, from the heading to the page's end
    (rule COMMENTS_RULE; see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The new bridge over the river opened on Saturday after two years of works.\\n"
    ...               "The mayor said the old one would be taken down in the spring next year.\\n"
    ...               "Okwu (4)\\nObi: Ọ dị mma nke ukwuu, anyị na-ekele gọọmentị maka ya.\\nZaghachi")
    >>> mark_comment_boxes(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.comment_box', 'story.comment_box', 'story.comment_box']
    """
    # (none on most pages: their lines ending in a bracket or opening with a digit and
    # closing with a quote, ``comment_box_candidate_lines``, listed for the whole batch at once)
    rows = page_rows(ctx, "comment_box_rows", comment_box_candidate_lines)
    if not rows:
        return
    content = ctx.lines.content
    # (a cheap pass first: a heading ends in a bracket; the page's other candidate rows
    # open with a digit and end in a closing quote, which is no bracket)
    ends_in_a_bracket = [code in _BRACKET_CODES for code in ctx.stats.last_char[rows].tolist()]
    candidates = [i for i, bracket in zip(rows, ends_in_a_bracket) if bracket and is_count_heading(content[i])]
    # (a blog's heading: a count first, a closing quote last; its title looked up only then)
    quoted = [i for i, bracket in zip(rows, ends_in_a_bracket) if not bracket]
    if quoted:
        titles = _head_titles(ctx)
        candidates = sorted(set(candidates) | {i for i in quoted if is_count_title_heading(content[i], titles)})
    if not candidates:
        return
    nonblank = (~ctx.blank).nonzero()[0]
    for i in candidates:
        if not (_story_above(ctx, i) and ctx.prose_after[i] <= ctx.prose_before[i]):
            continue
        k = int(np.searchsorted(nonblank, i))
        neighbours = nonblank[max(0, k - 1):k].tolist() + nonblank[k + 1:k + 2].tolist()
        if is_count_heading(content[i]) and any(is_count_heading(content[j]) for j in neighbours):
            continue  # (a series: a list of the story's, a sidebar's categories)
        cut_to_the_page_s_end(ctx, i)
        return


# A brief's sentences are short: the story above a box is a paragraph, or this many kept
# sentences of BRIEF_SENTENCE_MIN_WORDS+ words.
BRIEF_MIN_SENTENCES = 2
BRIEF_SENTENCE_MIN_WORDS = 4


def _story_above(ctx, i: int) -> bool:
    """The story stands above line `i`: a paragraph (``ctx.prose_before``), or a brief's
    BRIEF_MIN_SENTENCES+ kept sentences of BRIEF_SENTENCE_MIN_WORDS+ words.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Fada N'Gourma, li tuonli pienli n den kuani.\\nBi yaba 60 n den tuuni.\\nRéactions (2)")
    >>> _story_above(ctx, 2), _story_above(ctx, 1)
    (True, False)
    """
    if ctx.prose_before[i] >= 1:
        return True
    s, rule = ctx.stats, ctx.marks.rule
    sentences = ((s.last_class[:i] & SENT_END) != 0) & (s.n_words[:i] >= BRIEF_SENTENCE_MIN_WORDS)
    return sum(1 for j in sentences.nonzero()[0].tolist() if rule[j] is None) >= BRIEF_MIN_SENTENCES


def cut_to_the_page_s_end(ctx, i: int) -> None:
    """Cut every line from `i` to the page's end as the comment box's (rule COMMENTS_RULE):
    the lines no step cut, and those the model cut, so that no give-back of story lines
    (``story_body``) takes a comment back as a sentence of the story.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Story.\\nOkwu (2)\\nObi: Ọ dị mma.\\n© 2026")
    >>> ctx.marks.rule[2:] = ["classifier", "footer.copyright"]
    >>> cut_to_the_page_s_end(ctx, 1)
    >>> ctx.marks.rule
    [None, 'story.comment_box', 'story.comment_box', 'footer.copyright']
    """
    rule = ctx.marks.rule
    for j in range(i, len(rule)):
        if rule[j] in (None, CLASSIFIER_RULE) and not ctx.blank[j]:
            rule[j] = COMMENTS_RULE


CONTRIBUTOR_RULE = "story.contributor_line"
# A contributor's credit under the story: a few words, the last two a name.
CONTRIBUTOR_MIN_WORDS, CONTRIBUTOR_MAX_WORDS = 3, 8


def is_contributor_line(line: str) -> bool:
    """`line` credits a person in words and ends with the name: CONTRIBUTOR_MIN_WORDS to
    CONTRIBUTOR_MAX_WORDS words, no sentence end, the last two words capitalised (not in
    capitals), a lower-case word before them ("May ulat ni Jessie Tingbaoen", "Imeandikwa
    na Juma Mwakyusa"); not a title ("Tiempo de Cosecha"), not a list row of names.

    >>> [is_contributor_line(t) for t in ("May ulat ni Jessie Tingbaoen", "Additional reporting by Ana Reyes",
    ...     "The Harvest Moon Festival", "reported by AP STAFF", "He thanked Ana Reyes.", "Ana Reyes",
    ...     "Back to Our Best Trail Running Shoe Picks", "happens What What")]
    [True, True, False, False, False, False, False, False]
    """
    words = line.split()
    if not CONTRIBUTOR_MIN_WORDS <= len(words) <= CONTRIBUTOR_MAX_WORDS or line.rstrip()[-1:] in ".!?:;,":
        return False
    name, before = words[-2:], words[:-2]
    # (a credit's words run in lower case up to the name; a title capitalises its words:
    # "Unpacking the Essentials of Carry-On Luggage", "Meet our Human Resources Leaders")
    return (all(w[:1].isupper() and len(w) > 1 and not w.isupper() for w in name) and before[0][:1].isupper()
            and any(w[:1].islower() for w in before) and not any(w[:1].isupper() for w in before[1:]))


def mark_contributor_line(ctx) -> None:
    """Cut the page's last kept line when it credits a contributor (``is_contributor_line``)
    right under a kept sentence of the story (rule CONTRIBUTOR_RULE): "With a report from
    Jessie Tingbaoen" in a language no pack knows. A story's lines end in a sentence; a
    list's last row ("Hurdles — Ana Reyes") has a row, not a sentence, above it; a sentence
    broken at a link goes on below (``_goes_on``); and the name is nobody the story named.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Say La Trinidad, kaman ni strawberry ja bayu, 2 ektarya.\\n"
    ...               "Say pesewet: \\"Emas.\\"\\nMay ulat ni Jessie Tingbaoen\\nI-share: Facebook")
    >>> ctx.marks.rule[3] = "classifier"
    >>> mark_contributor_line(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.contributor_line', 'classifier']
    """
    kept = _last_kept_lines(ctx, 2)
    if len(kept) < 2:
        return
    above, last = kept
    s, content = ctx.stats, ctx.lines.content
    if not (s.n_words[above] >= 2 and s.last_class[above] & SENT_END and is_contributor_line(content[last])
            and not _goes_on(ctx, last)):
        return
    # (a contributor is nobody the story named: its words above hold neither word of the name;
    # "The Costs" closing a heading is words of the story's)
    words_above = {w.strip(".,;:!?\"'()«»“”").casefold() for line in content[:last] for w in line.split()}
    if not any(w.casefold() in words_above for w in content[last].split()[-2:]):
        ctx.marks.rule[last] = CONTRIBUTOR_RULE


AGENCY_RULE = "story.agency_tag"
# An agency's tag: an acronym of two to six capitals ("TT", "LETA", "(ТАСР)", "AMI (Agence
# Malienne d'Information)"), maybe two joined by a slash, maybe its name in brackets after it.
_AGENCY_TAG = re.compile(r"\s*[(\[]?\s*([^\W\d_]{2,6}(?:\s*/\s*[^\W\d_]{2,6})?)\s*[)\]]?(?:\s+\([^()]{3,60}\))?\s*")


def is_agency_tag(line: str) -> bool:
    """`line` is only an agency's tag: an acronym in capitals, maybe in brackets, maybe
    with the agency's name in brackets after it.

    >>> [is_agency_tag(t) for t in ("TT", "(ТАСР)", "AMI (Agence Malienne d'Information)", "LETA/BNS",
    ...     "Oslo", "FAQ about the move", "A", "(KHA)")]
    [True, True, True, True, False, False, False, True]
    """
    m = _AGENCY_TAG.fullmatch(line)
    return bool(m) and m.group(1).replace("/", "").replace(" ", "").isupper()


# A source in brackets alone on its line: a capital (or a letter of a script without case)
# first, at most BRACKETED_SOURCE_MAX_WORDS words, no sentence end inside.
_BRACKETED_SOURCE = re.compile(r"\s*[(（]([^\W\d_])[^()（）.!?。,，\n]{0,58}[)）]\s*")
BRACKETED_SOURCE_MAX_WORDS = 6


def is_bracketed_source(line: str) -> bool:
    """`line` is only a bracketed name of two words or more, the agency or outlet a story
    came from in any language ("(Kenya News Agency)", "(Agencia IP)", "(बघेली समाचार सेवा)");
    not a bracketed sentence ("(The vote was close.)"), an aside in lower case ("(laughs)"),
    a transcript's single word ("(Applause)", "(Beifall)") nor an address with its comma
    ("(Mrs Anna Pike, Harbour Road)").

    >>> [is_bracketed_source(t) for t in ("(Kenya News Agency)", "(Agencia IP)", "(बघेली समाचार सेवा)",
    ...     "(The vote was close.)", "(laughs)", "(2021)", "(One Two Three Four Five Six Seven)",
    ...     "(Applause)", "(Mrs Anna Pike, Harbour Road)")]
    [True, True, True, False, False, False, False, False, False]
    """
    m = _BRACKETED_SOURCE.fullmatch(line)
    return m is not None and not m.group(1).islower() and 2 <= len(line.split()) <= BRACKETED_SOURCE_MAX_WORDS


# An agency's name with its acronym in brackets after it ("Anadolu Haber Servisi (AHS)",
# "— Melanesian Press Service (MPS)"), or a dash and a name of a few words alone on the line
# ("— PNG Press Agency", "—ইউএনবি"), as a wire story signs off.
_NAMED_AGENCY = re.compile(r"\s*(?:[—–]\s*)?([^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,5})\s*\(([^\W\d_]{2,6})\)\s*")
_DASHED_NAME = re.compile(r"\s*[—–]\s*([^\W\d_][^\n.!?:;,()]{0,60})")
SIGN_OFF_MAX_WORDS = 7


def is_agency_sign_off(line: str) -> bool:
    """`line` signs a wire story off with its agency: a name and its acronym in brackets, or a
    dash and a name (capital or caseless first, no sentence end, SIGN_OFF_MAX_WORDS words at most).

    >>> [is_agency_sign_off(t) for t in ("Anadolu Haber Servisi (AHS)", "— Melanesian Press Service (MPS)",
    ...     "– PNG Press Agency", "—ইউএনবি", "— and then it rained.", "The vote (2021)", "— said the mayor")]
    [True, True, True, True, False, False, False]
    """
    if len(line.split()) > SIGN_OFF_MAX_WORDS:
        return False
    m = _NAMED_AGENCY.fullmatch(line)
    if m is not None:
        return m.group(2).isupper() and not m.group(1)[0].islower()
    m = _DASHED_NAME.fullmatch(line)
    return m is not None and not m.group(1)[0].islower()


def mark_agency_tag(ctx) -> None:
    """Cut an agency's tag (``is_agency_tag``) among the page's last two kept lines, under the
    story (``_story_above``) and with no paragraph of it below (rule AGENCY_RULE): the wire
    service that the story came from, in an acronym no pack lists ("MTN", "(QHA)"), or (round
    27) its name in brackets in any language (``is_bracketed_source``: "(Agencia IP)"). Not a
    sentence's first words in capitals ("SPEND" over "a day in the country ...").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Ungma ajak tem anemer, 200 nungsang.\\nThe hall opened on Friday, the council said.\\n"
    ...               "MTN\\nGet MTN headlines on WhatsApp every morning.")
    >>> mark_agency_tag(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.agency_tag', None]
    """
    content = ctx.lines.content
    last = _last_kept_lines(ctx, 3)
    for k in range(len(last) - 1, max(len(last) - 3, -1), -1):
        i = last[k]
        above = last[k - 1] if k > 0 else None
        # (a source's name or a sign-off: the second-to-last line only when the last one went
        # or is a reporter's line under it, a sentence opening with a name: "Tomas Kaupa is the
        # Post's reporter."; not any sentence: "Asumirá el cargo en mayo." under a party row)
        named = ((k == len(last) - 1 or ctx.marks.rule[last[-1]] == AGENCY_RULE
                  or (_closes_the_story(content, last[-1], i) and _opens_with_a_name(content[last[-1]])))
                 and (is_bracketed_source(content[i]) or is_agency_sign_off(content[i]))
                 and _closes_the_story(content, above, i) and not _wrapped_from_above(ctx, i))
        if ((is_agency_tag(content[i]) or named) and _story_above(ctx, i)
                and ctx.prose_after[i] == 0 and not _goes_on(ctx, i)):
            ctx.marks.rule[i] = AGENCY_RULE


def _opens_with_a_name(line: str) -> bool:
    """The line's first two words are capitalised, as a reporter's line opens with the name
    ("Ana Kila is the Courier's reporter."), not a story's sentence ("Asumirá el cargo en mayo.").

    >>> _opens_with_a_name("Ana Kila is the Courier's reporter."), _opens_with_a_name("Asumirá el cargo en mayo.")
    (True, False)
    """
    words = line.split()[:2]
    return len(words) == 2 and all(word[:1].isupper() for word in words)


def _wrapped_from_above(ctx, i: int) -> bool:
    """The non-blank line right above `i` (cut or kept) breaks off in a lower-case word or a
    comma: line `i` is its sentence's wrapped tail ("The money comes from the fund run by
    the" over "European Investment Bank (EIB)").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The money comes from the fund run by the\\n\\nEuropean Investment Bank (EIB)\\n")
    >>> _wrapped_from_above(ctx, 2), _wrapped_from_above(ctx, 0)
    (True, False)
    """
    content, blank = ctx.lines.content, ctx.blank
    above = next((j for j in range(i - 1, -1, -1) if not blank[j]), None)
    if above is None:
        return False
    words = content[above].split()
    return bool(words) and ((words[-1].isalpha() and words[-1].islower()) or words[-1].endswith((",", ";")))


def _closes_the_story(content, above: int | None, i: int) -> bool:
    """Line `i`, a source's name or a sign-off, stands alone under the story: the kept line
    above it ends a sentence, not in ":" (a list the story announces: "Estos son los
    concejales electos:"), nor a wrapped sentence ("... loans from the" over "European
    Investment Bank (EIB)"), and has not the same shape (the list's rows: "María López
    Ruiz (PSOE)" over "Juan García Pérez (PP)").

    >>> rows = ["Los concejales electos son estos.", "María López Ruiz (PSOE)", "Juan García Pérez (PP)"]
    >>> _closes_the_story(rows, 1, 2), _closes_the_story(rows, 0, 1)
    (False, True)
    """
    if above is None:
        return True
    text = content[above].rstrip().rstrip(_CLOSING_MARKS)
    same_shape = (is_bracketed_source(content[above]) or is_agency_sign_off(content[above])
                  or content[above].rstrip().endswith((")", "）")))
    return text[-1:] in _SENTENCE_ENDS and not same_shape


# A sentence's last character, and the quotes and brackets that may close it after its stop.
_SENTENCE_ENDS = frozenset(".!?。।…")
_CLOSING_MARKS = "\"'”’»)）]"


STATION_RULE = "story.station_plug"
# A radio's frequency: "97.5 FM", "FM 98.2", "FM, 98.2", "101,3 MHz".
_FREQUENCY = re.compile(r"\b\d{2,3}[.,]\d{1,2}[ \t]?(?:FM|MHz)\b|\bFM,?[ \t]+\d{2,3}[.,]\d{1,2}\b")
STATION_PLUG_MAX_WORDS = 14


def is_station_plug(line: str) -> bool:
    """`line` is a radio station's plug for itself: a short line holding the station's
    frequency that ends no sentence ("Listen to Radio Waigal 93.1 FM every evening at 7",
    "Escucha Radio Nauta Sur en 95.1 FM"); a story's sentence naming one ends in a stop.

    >>> [is_station_plug(t) for t in ("Escucha Radio Nauta Sur en 95.1 FM", "Radio Lagon, FM 101.3 à Nouméa",
    ...     "Radio a lɔ́ ɛ 97.4 FM ɛ Batouri ni Kétté.", "The station broadcasts on 97.4 FM.", "Page 12",
    ...     "Its slogan: “Your harbour, your voice, 95.1 FM.”")]
    [True, True, False, False, False, False]
    """
    text = line.rstrip()
    # (a quote's or a bracket's closing mark after the stop: '... 95.1 FM.”' is a sentence)
    return (len(text.split()) <= STATION_PLUG_MAX_WORDS and text.rstrip(_CLOSING_MARKS)[-1:] not in _SENTENCE_ENDS
            and _FREQUENCY.search(text) is not None)


def mark_station_plug(ctx) -> None:
    """Cut a radio station's plug (``is_station_plug``) when it is the page's last kept line,
    under the story and with no paragraph below (rule STATION_RULE): on the studied pages
    of rounds 16-27 every such plug the text path kept closed the page. The last row of the
    story's own list of stations stays: a frequency or a ":" stands right above it. (A step after the
    model, not a pack rule: a line a rule cuts before the model changes what the model reads
    around it; round 27's first version as a rule moved other lines.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Mabanja 120 asamuka ku Moatize chifukwa cha madzi.\\nMadzi akwera mamita awiri usiku.\\n"
    ...               "Oyvirani Radio Nyungwe 97.5 FM\\n")
    >>> mark_station_plug(ctx)
    >>> ctx.marks.rule
    [None, None, 'story.station_plug', None]
    """
    content = ctx.lines.content
    last = _last_kept_lines(ctx, 2)
    if len(last) < 2:
        return
    above, i = last
    # (the last row of the story's own list of stations: a frequency or a ":" right above it)
    if _FREQUENCY.search(content[above]) or content[above].rstrip().endswith((":", "：")):
        return
    if is_station_plug(content[i]) and _story_above(ctx, i) and ctx.prose_after[i] == 0:
        ctx.marks.rule[i] = STATION_RULE


# What opens a line that goes on with the sentence above it: a lower-case word, or a
# bracket, a comma or a full stop left over from a link ("HERE" over ". ($)").
_GOES_ON = tuple("(),.;:")


def _goes_on(ctx, i: int) -> bool:
    """One of the next two non-blank lines under line `i` opens in lower case or with a
    bracket or punctuation: `i` is a piece of a sentence broken at a link or a wrapped
    sentence's first words ("SPEND" over "a day in the country ...", "According to the
    United States" over "Bureau of Labor Statistics" over "(BLS), some ...").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("HERE\\n. ($)\\nMTN\\nGet the news")
    >>> _goes_on(ctx, 0), _goes_on(ctx, 2)
    (True, False)
    """
    content, blank = ctx.lines.content, ctx.blank
    below = [j for j in range(i + 1, len(content)) if not blank[j]][:2]
    return any(content[j].lstrip()[:1].islower() or content[j].lstrip().startswith(_GOES_ON) for j in below)


TAGS_RULE = "story.tag_line"
# A tag line: a label of one or two words, a colon, and a list of TAGS_MIN_ITEMS+ short
# items separated by commas ("Etichetti: dolci, Natali, ricotta").
TAGS_MIN_ITEMS = 3
TAG_MAX_WORDS = 3
_TAG_LINE = re.compile(r"\s*[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?\s*[:：]\s*(.+?)\s*")


def is_tag_line(line: str) -> bool:
    """`line` is a label, a colon and TAGS_MIN_ITEMS+ comma-separated items of at most
    TAG_MAX_WORDS words each, with no sentence end.

    >>> [is_tag_line(t) for t in ("Archivado en: huerto, Teruel, familia", "Etichetti: dolci, Natali, ricotta",
    ...     "Hijus: trés", "Wo: Schuelhusplatz und Hauptgass", "Note: he said that, in the end, it was over.")]
    [True, True, False, False, False]
    """
    m = _TAG_LINE.fullmatch(line)
    if not m or line.rstrip()[-1:] in ".!?":
        return False
    items = [t.strip() for t in re.split(r"[,，、]", m.group(1))]
    return len(items) >= TAGS_MIN_ITEMS and all(0 < len(t.split()) <= TAG_MAX_WORDS for t in items)


def mark_tag_line(ctx) -> None:
    """Cut the page's last kept line when it is a tag line (``is_tag_line``) right under a
    kept sentence of the story (rule TAGS_RULE): the post's tags, under its last
    paragraph, in a word no pack knows ("Argumèint:", "Archivado en:"). A list of facts
    inside the story ("Ingredients: flour, sugar, eggs") has the story going on below it.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The fair will be one day longer next year, the mayor said.\\n"
    ...               "Argumèint: fîra, Mòdna, tradizioun\\nSpartîs")
    >>> ctx.marks.rule[2] = "classifier"
    >>> mark_tag_line(ctx)
    >>> ctx.marks.rule
    [None, 'story.tag_line', 'classifier']
    """
    kept = _last_kept_lines(ctx, 2)
    if len(kept) < 2:
        return
    above, last = kept
    s = ctx.stats
    if s.n_words[above] >= 4 and s.last_class[above] & SENT_END and is_tag_line(ctx.lines.content[last]):
        ctx.marks.rule[last] = TAGS_RULE

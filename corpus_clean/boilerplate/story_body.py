"""Lines a rule cut from inside the story come back when the story's own shape says they
are its content: a give-back step of the classifier (``classifier.mark_by_classifier_many``
calls it on each page it read), after every other step, so it reads the page's final
decisions.

A rule keyed to a line's shape or first word is right at the story's edges (the dateline
under the headline, the menu above it, the caption between paragraphs) and wrong where
the story itself is made of such lines; the classifier, too, cuts the edges of a story
told in short lines (a list, a table, a recipe). Inside the story, a cut needs more
evidence than the line alone; these shapes of the story overrule it:

* **Dated entries** (date rules: ``dates.date_line``, ``news.dateline``,
  ``outlets.dateline``, and ``outlets.count_only`` for a year alone): a timeline ("12
  March 2016" / "The old bridge falls." / "3 June 2018" / ...) or a live blog ("23:38" /
  "The first result is in ..."). Cut date lines, each directly followed by a sentence,
  with nothing but kept lines between them, two or more of those sentences kept, are the
  story's records: all come back, with an entry's sentence the classifier cut ("Work
  starts again."), when the first date follows a kept line directly or nothing above it
  is kept (a live blog); dated teasers under a cut "Latest" heading after the story stay
  cut. A single cut date line inside a kept list ("Capacity: 3,000 arms a
  year" / "First deliveries: March 2027" / story paragraph), i.e. its neighbours directly
  above and below are kept, the one above is not a paragraph and a story paragraph stands
  somewhere above, comes back too: a dateline sits next to the headline, the byline or a
  paragraph, not inside a list.
* **Dates between kept short lines** (date rules; round 15): a podcast's chapter times, an
  answer that is a date, a schedule's rows, inside the story (a kept sentence above, the
  line above no paragraph): ``give_back_dates_between_kept_lines``.
* **Data runs** (``nav.menu_run``): a run of short lines cut as a menu, between kept lines
  (the one above ends a sentence or announces a list with ":", the one below is kept or
  a sentence the classifier cut), in which DATA_RUN_MIN_DIGIT_SHARE or more of the lines
  hold a digit ("4 pears", "80 g hazelnuts", "Baking: 40 min"): a recipe's ingredients or
  a results table, with the sentences the classifier cut right under it (the method). A
  menu's items are words ("News", "Sport"), and a menu does not sit inside the story.
* **Captions that name the story's subject** (label captions: ``news.photo_caption``,
  ``scripts.photo_caption_mark``): a line that opens with a caption's label ("Photo:
  ...") but is a story paragraph, between kept lines, on a page whose kept paragraphs
  use the label's word SUBJECT_MIN_ECHOES+ times ("photographer", "photo essay"): in a
  story about pictures "Photo:" opens a sentence about a picture, not a caption.
* **Table rows** (the classifier): a cut line with the shape of the kept rows right above
  it (as many short numbers, the same first and last character: "Elston 3 Linwood 1"
  under "Cranmoor 0 Ashby Vale 0") continues the table.
* **The story's end under a caption after one of its lists** (round 17; the classifier, a
  date rule, the menu rule): the sentence under a caption comes back when the story above
  the caption is a kept paragraph or the story's list under a kept sentence or ":"
  announcement; the list's cut rows come back with it (``give_back_paragraphs_after_inserts``).
* **A list story's opening and closing** (the classifier): one sentence (or a ":" line,
  or a sentence and a short heading: "Ingredients") right above a kept list of short
  lines, and up to CLOSING_MAX_LINES sentences right under one, come back when a rule's
  cut (share bar, newsletter box, footer) or the page's edge lies beyond them: the
  classifier reads a list page's first and last sentences as furniture because they
  border it; a teaser list after a story of paragraphs has no kept list above it.
* **Round 19** (page structure again): a list the story announced and went on from, or its
  last list over the furniture (``give_back_lists_closed_by_the_story``); a menu rule's run
  with kept story right above and right below it (``give_back_menus_inside_the_story``);
  the story's opening paragraph under the head's rule cuts (``give_back_the_lead``).
* **Round 25** (the page's own words at the story's edges): the opening's short sentences
  that echo the headline (``story_openings.give_back_openings_echoing_the_head``) and the
  closing sentences over the furniture that name the kept story (``story_closings``).

No wording: positions, digits, sentence ends and the page's own words. Cost: each
give-back finds its candidates with numpy on the line counts and walks only those
(RESULTS-boilerplate.md, round 11: ~3-4 % of the text path on scrapinghub's pages).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from corpus_clean.boilerplate.features import CJK_HI, CJK_LO, SENT_END
from corpus_clean.boilerplate.story_briefs import mark_captions_in_briefs, mark_captions_under_list_headings
from corpus_clean.boilerplate.story_quotes import mark_captions_over_quotes
from corpus_clean.boilerplate.story_inserts import (
    CREDIT_TAIL_RULE, LONE_CAPTION_RULE, MORE_SENTENCE_ENDS, PARAGRAPH_MIN_CHARS, STORY_SENTENCE_MIN_WORDS, LineShape,
    label_credit_after_sentence, mark_captions_naming_the_story_above, mark_captions_over_lists,
    mark_captions_under_lists, nonblank_neighbour, page_mask, slash_credit_after_sentence,
)
from corpus_clean.boilerplate.engine import CLASSIFIER_RULE, PROSE_MIN_WORDS
from corpus_clean.boilerplate.story_pitches import mark_pitches_under_ad_labels
from corpus_clean.boilerplate.story_runs import give_back_runs_the_story_goes_on_from
from corpus_clean.boilerplate.story_caption_cut import _open_line, give_back_the_story_under_a_caption_the_model_cut
from corpus_clean.boilerplate.story_list_tail import give_back_the_tail_of_an_announced_list
from corpus_clean.boilerplate.story_announcements import give_back_announcements_over_kept_rows
from corpus_clean.boilerplate.story_rows import give_back_headings_inside_the_story, give_back_rows_like_kept_rows
from corpus_clean.boilerplate.story_closings import give_back_closings_echoing_the_story
from corpus_clean.boilerplate.story_openings import give_back_openings_echoing_the_head, give_back_the_opening_block
from corpus_clean.boilerplate.story_sections import give_back_section_headings
from corpus_clean.boilerplate.story_answers import give_back_answers_under_kept_questions
from corpus_clean.boilerplate.story_menu_quotes import MENU_BAR_RULE, give_back_quotes_cut_as_menus, reads_as_quotes
from corpus_clean.boilerplate.story_citations import give_back_cited_sentences
from corpus_clean.boilerplate.story_numbered_runs import give_back_numbered_runs_naming_the_story
from corpus_clean.boilerplate.story_list_ends import (
    give_back_fields_naming_the_story, give_back_lists_between_kept_lists,
)
from corpus_clean.boilerplate.story_dated_rows import give_back_dated_last_lists, give_back_dated_rows_like_kept_rows, row_key
from corpus_clean.native import active
from corpus_clean.boilerplate.story_threads import mark_comment_threads, mark_comments_under_a_heading, mark_repeated_units

# (``outlets.count_only``: a year alone on its line, "1974", is a timeline's date.)
DATE_RULES = frozenset({"dates.date_line", "news.dateline", "outlets.dateline", "outlets.count_only"})
MENU_RULE = "nav.menu_run"
# The rules that cut a menu: a run of short lines, or a row of items between separators.
MENU_RULES = frozenset({MENU_RULE, MENU_BAR_RULE})
# (the short-page step's cut of what ends no sentence after the story's last paragraph)
OUTSIDE_STORY_RULE = "classifier.outside_story"
LABEL_CAPTION_RULES = frozenset({"news.photo_caption", "scripts.photo_caption_mark"})
# (``outlets.count_only``: a number alone on its line: a timeline's year, a table's cell
# "225.86"; with this many digits an id or a timestamp "191119052250266")
NUMBER_RULE = "outlets.count_only"
ID_MIN_DIGITS = 8
# A date line is short; longer lines cut by a date rule are something else.
DATE_MAX_WORDS = 8
# A dated entry's text: at most this many kept lines between two date lines.
ENTRY_MAX_LINES = 4
# Two dated entries make a timeline; one needs the list around it.
TIMELINE_MIN_ENTRIES = 2
# A story's closing sentences under its list (a recipe's method): at most this many.
CLOSING_MAX_LINES = 3
# A third of a recipe's or a table's lines hold a number; a menu's hardly any.
DATA_RUN_MIN_DIGIT_SHARE = 1 / 3
# The story uses the label's word this often in its kept paragraphs: its subject.
SUBJECT_MIN_ECHOES = 2
# A sentence opening with a caption's label is the story's own from this many words.
SUBJECT_SENTENCE_MIN_WORDS = 8
# The label's word is compared by its first letters ("Photo" ~ "photographer", "Foto" ~ "Fotograf").
STEM_CHARS = 4

# Rules that cut what sits inside a story (captions, credits, advert labels): their
# names hold one of these words.
INSERT_RULE_WORDS = ("caption", "credit", "ad_label", "advert", "insert")
# A sentence under a caption that goes on with the story: this many words or characters.
AFTER_INSERT_MIN_WORDS = 4
AFTER_INSERT_MIN_CHARS = 20
# A caption with its credit after the sentence has this many words at least ("Tintfombi
# tiyadansa. Sitfombe: Times", a sentence of two words, a label and a name).
CUT_CREDIT_CAPTION_MIN_WORDS = 4
# A line that announces what follows ("Le minime previste:", "At the close:") has this
# many words or more ("Tags:", "Share:" have one).
ANNOUNCE_MIN_WORDS = 2

# What cuts a story's list of facts: the classifier, the short page's step, and (round 15)
# the shape rules that read a field as a menu item ("Bahne: 6") or a schedule's row as a
# date line ("Sabado: 6:00 AM - 8:00 PM"); each line must still be a field.
FACT_CUT_RULES = frozenset({OUTSIDE_STORY_RULE, CLASSIFIER_RULE, MENU_RULE}) | DATE_RULES
# A list of facts ("Length: 212 m") has this many lines or more.
FACT_LIST_MIN_LINES = 2
# A field: a label of at most HEADING_MAX_WORDS words, ":" and a value.
_FIELD = re.compile(r"\s*[^\W\d][\w'’.–-]*(?:[ \t][\w'’.–-]+){0,2}[ \t]*[:：][ \t]*\S")

# A list the story announces with ":" has at most this many items.
ANNOUNCED_MAX_ITEMS = 15

# A list's rows: this many kept short lines in a row.
LIST_MIN_LINES = 3
# A heading over a list ("Ingredients", "Die Ergebnisse") is a word or three.
HEADING_MAX_WORDS = 3
# A table's row is short ("Elston 3 Linwood 1", "Beckford 1 Hartley Town 2").
ROW_MAX_WORDS = 8
# A score, a rank, a time ("2:21:14"): short numbers; a year in a line makes it a headline.
ROW_MAX_DIGITS = 3

# The lowest of the sentence ends outside the character table ("։", "؟", "।"): a line
# ending in a code point this high may end a sentence (the exact test decides).
MIN_OTHER_SENTENCE_END = min(MORE_SENTENCE_ENDS)
_DIGIT_RUN = re.compile(r"\d+")
# A caption's label: a word (or two) before ":" / "：" at the start of the line.
_LABEL = re.compile(r"\s*(\w+)(?:\s\w+)?\s*[:：]")


# The nearest non-blank line from a line, up or down (None: none).
_nonblank = nonblank_neighbour


def _kept(ctx, j: int | None) -> bool:
    return j is not None and ctx.marks.rule[j] is None


def _paragraph_above(ctx, shape: LineShape, i: int) -> bool:
    """A kept story paragraph stands somewhere above line `i`."""
    rule = ctx.marks.rule
    return any(rule[j] is None and not ctx.blank[j] and shape.is_paragraph(j) for j in range(i))


def give_back_story_body_lines(ctx) -> None:
    """Give back the dated entries, data runs and subject captions cut inside the story
    (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The new bridge opens on Monday after ten years of works and two lawsuits.\\n"
    ...               "12 March 2016\\nThe old bridge falls in the flood.\\n3 June 2018\\nThe plan is approved.\\n"
    ...               "The final cost is 14 million euros, the mayor said on Sunday.\\n")
    >>> ctx.marks.rule[1] = ctx.marks.rule[3] = "dates.date_line"
    >>> give_back_story_body_lines(ctx)
    >>> ctx.marks.rule[:6]
    [None, None, None, None, None, None]
    """
    cut = set(ctx.marks.rule)
    list_before = list(ctx.marks.rule)
    if cut & _GIVE_BACK_RULES and not _nothing_to_give_back(ctx, cut):
        _give_back(ctx, cut)
    if "scored_rows" in ctx.__dict__:
        # (then, on a page the model read, the readers' comments under the story's end as
        # the give-backs left it: ``story_threads``)
        shape = LineShape(ctx.stats)
        # (and a caption over a list the give-backs brought back: the announcement it stands
        # over was the model's cut when ``mark_story_inserts`` looked)
        if ctx.marks.rule != list_before:
            mark_captions_over_lists(ctx, shape)
        mark_comment_threads(ctx, shape)
        mark_repeated_units(ctx, shape)
        mark_comments_under_a_heading(ctx)
        mark_pitches_under_ad_labels(ctx, shape)
        # (round 26, ``story_sections``: the headings of a story told in sections, with their
        # text; after the readers' comments are marked, whose names over their comments have
        # a heading's place)
        if CLASSIFIER_RULE in ctx.marks.rule:
            give_back_section_headings(ctx, shape)
        # (last: a caption is told by the kept story lines around it, as the steps above left them)
        mark_captions_naming_the_story_above(ctx, shape)
        mark_captions_under_lists(ctx, shape)
        mark_captions_in_briefs(ctx, shape)  # (round 25, ``story_briefs``)
        mark_captions_under_list_headings(ctx, shape)
        mark_captions_over_quotes(ctx, shape)  # (round 26, ``story_quotes``)


# The rules whose cuts ``_give_back`` reads (a page that cut none of them: nothing to give back).
_GIVE_BACK_RULES = DATE_RULES | LABEL_CAPTION_RULES | MENU_RULES | {CLASSIFIER_RULE, OUTSIDE_STORY_RULE}
# Of those, the ones whose give-backs ``_nothing_to_give_back`` does not bound.
_UNBOUNDED_RULES = LABEL_CAPTION_RULES | {MENU_RULE, CLASSIFIER_RULE, OUTSIDE_STORY_RULE}


def _nothing_to_give_back(ctx, cut: set) -> bool:
    """Whether ``_give_back`` can be skipped: the page cut no line by a rule of
    _UNBOUNDED_RULES (the classifier's, a menu run's, a caption label's: those steps are
    not bounded here), at most one line by a date rule, and no line a date rule or a
    menu bar cut has a kept line as its nearest non-blank line above (nor, for a dated
    row such as "16:12 – Full time", below). (Mostly a page the
    model does not read, ``classifier.mark_by_classifier_many``.)

    What is left of ``_give_back`` on such a page cannot give anything back then: the
    dates between kept lines, the menus inside the story and the fact lists each need a
    kept line right above their cut line (a menu's ":" announcement above needs the
    classifier's cut); a dated entry comes back in a run of two or more (two date lines),
    or alone inside a kept list (a kept line above it); a dated row beside a kept row of
    its shape needs that kept row above or below it. Nothing changes, so each of those
    steps sees the marks this check read. (On the generated corpus 925 of 1,258 pages skip:
    -1.9 % of a cold core pass's instructions; real pages, which the model reads, seldom do.
    ``tests/test_steps_skipped.py``
    checks the skip against the steps over generated pages.)

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home | News\\nBy Ana Ruiz\\n12 March 2026\\nThe bridge opens on Monday after ten years.\\n")
    >>> ctx.marks.rule[:3] = ["nav.menu_bar", "news.byline", "news.dateline"]
    >>> _nothing_to_give_back(ctx, set(ctx.marks.rule))
    True
    >>> ctx.marks.rule[1] = None  # (the date line under a kept line: its steps must look)
    >>> _nothing_to_give_back(ctx, set(ctx.marks.rule))
    False
    """
    if cut & _UNBOUNDED_RULES:
        return False
    rule = ctx.marks.rule
    dates = cut & DATE_RULES
    if sum(map(rule.count, dates)) >= TIMELINE_MIN_ENTRIES:
        return False
    for name in dates | (cut & MENU_RULES):
        i = -1
        for _ in range(rule.count(name)):
            i = rule.index(name, i + 1)
            if _kept(ctx, _nonblank(ctx, i, -1)):
                return False
            # (a sentence quoting in guillemets comes back wherever it stands: ``story_menu_quotes``)
            if name == MENU_BAR_RULE and reads_as_quotes(ctx.lines.content[i]):
                return False
            # (a dated row comes back beside a kept row of its shape below it too:
            # ``story_dated_rows.give_back_dated_rows_like_kept_rows``)
            if name in dates and row_key(ctx.lines.content[i]) and _kept(ctx, _nonblank(ctx, i, 1)):
                return False
    return True


def _give_back(ctx, cut: set) -> None:
    """The give-backs of ``give_back_story_body_lines`` whose rules cut lines of the page (`cut`)."""
    shape = BodyShape(ctx)
    if cut & DATE_RULES:
        teaser_dates = give_back_dated_entries(ctx, shape)
        give_back_dates_between_kept_lines(ctx, shape, teaser_dates)
        # (round 26, ``story_dated_rows``: a dated row next to kept rows of its shape)
        give_back_dated_rows_like_kept_rows(ctx, DATE_RULES)
        give_back_dated_last_lists(ctx, DATE_RULES)
    if cut & MENU_RULES:
        # (round 27, ``story_menu_quotes``: a sentence quoting in guillemets read as a bar)
        if MENU_BAR_RULE in cut:
            give_back_quotes_cut_as_menus(ctx)
        give_back_menus_inside_the_story(ctx, shape)
    if MENU_RULE in cut:
        give_back_data_runs(ctx, shape)
        # (round 21, ``story_runs``: after the data runs, whose rows a run can hold above the furniture)
        give_back_runs_the_story_goes_on_from(ctx, shape)
        # (round 27, ``story_numbered_runs``: a run of rows counting up that name the story)
        give_back_numbered_runs_naming_the_story(ctx, shape)
    if cut & FACT_CUT_RULES:
        give_back_fact_lists(ctx, shape)
    if cut & LABEL_CAPTION_RULES:
        give_back_subject_captions(ctx, shape)
    if CLASSIFIER_RULE in cut:
        # (round 21, ``story_caption_cut``: the story's end under a caption the model cut)
        give_back_the_story_under_a_caption_the_model_cut(ctx, shape)
        give_back_paragraphs_after_inserts(ctx, shape)
        give_back_table_rows(ctx, shape)
        give_back_announced_lists(ctx, shape)
        give_back_lists_closed_by_the_story(ctx, shape)
        give_back_the_tail_of_an_announced_list(ctx, shape)  # (round 21, ``story_list_tail``)
        give_back_list_edges(ctx, shape)
        give_back_the_lead(ctx, shape)
        # (round 23, ``story_announcements``: a one-word ":" line between the story and its list)
        give_back_announcements_over_kept_rows(ctx, shape)
        # (round 24, ``story_rows``: labelled rows like the kept ones next to them, then a
        # heading between the story's sentence and its kept lines)
        give_back_rows_like_kept_rows(ctx, shape)
        give_back_headings_inside_the_story(ctx, shape)
        # (round 24, ``story_openings``: the opening and the list under it, cut whole under the head)
        give_back_the_opening_block(ctx, shape)
        # (round 25, ``story_openings``: the opening's short sentences that echo the headline)
        give_back_openings_echoing_the_head(ctx, shape)
        # (round 25, ``story_closings``: the story's short closing sentences over the furniture)
        give_back_closings_echoing_the_story(ctx, shape)
        # (round 26, ``story_answers``: an interview's answer under its kept question)
        give_back_answers_under_kept_questions(ctx)
        # (round 27, ``story_citations``: a wiki's sentence ending in its footnotes' markers)
        give_back_cited_sentences(ctx)
        # (round 27, ``story_list_ends``: the ends of the story's lists over the furniture)
        give_back_lists_between_kept_lists(ctx, shape)
        give_back_fields_naming_the_story(ctx, shape)


class BodyShape(LineShape):
    """``LineShape`` with the page's removed lines as the step found them, as one array:
    each give-back finds its few candidates with numpy on the line counts (a date holds a
    digit, a row is short, ...) and checks the rule that cut them only on those (a line
    given back later is still a candidate: each give-back checks ``ctx.marks`` itself)."""

    def __init__(self, ctx):
        super().__init__(ctx.stats)
        self.n_digit = ctx.stats.n_digit.item
        self.removed = ctx.marks.removed()
        self.marks_at_start = list(ctx.marks.rule)

    def removed_now(self, ctx) -> np.ndarray:
        """The removed lines now (the array of the start while nothing was given back)."""
        return self.removed if ctx.marks.rule == self.marks_at_start else ctx.marks.removed()

    def cut_by(self, ctx, rules, candidates: np.ndarray) -> list[int]:
        """The lines among the removed `candidates` (a mask) that one of `rules` cut (in one
        compiled pass when built: ``_native.lines_cut_by``; ``_cut_by_py``, the twin, the
        reference, for anything else)."""
        kernel = getattr(active(), "lines_cut_by", None)  # (None: no compiled module, or one built before it)
        if kernel is None or candidates.dtype != np.bool_ or not candidates.flags.c_contiguous:
            return _cut_by_py(ctx, rules, candidates, self.removed)
        return kernel(candidates, self.removed, ctx.marks.rule, rules)


def _cut_by_py(ctx, rules, candidates: np.ndarray, removed: np.ndarray) -> list[int]:
    """``BodyShape.cut_by`` with numpy: the twin of ``_native.lines_cut_by``."""
    rule = ctx.marks.rule
    return [i for i in (candidates & removed).nonzero()[0].tolist() if rule[i] in rules]


def paragraph_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: a story paragraph as ``LineShape.is_paragraph`` says, except the sentence
    ends outside the character table (a candidate filter: such a line counts as short,
    and the exact test runs on the candidates). (`blank`, `last_rows`: unread, as
    ``page_mask`` and ``batch.PAGE_MASKS`` pass them.)"""
    return ((stats.last_class & SENT_END) != 0) & (
        (stats.n_words >= PROSE_MIN_WORDS) | (stats.n_chars >= PARAGRAPH_MIN_CHARS))


def _paragraphs(ctx) -> np.ndarray:
    """``paragraph_lines`` of the page (its batch's slice when it has one)."""
    return page_mask(ctx, "paragraph_lines", paragraph_lines)


def _entry_text(ctx, shape: LineShape, i: int) -> int | None:
    """The line that carries dated entry `i`'s text, or None when line `i` is not a
    dated entry: a short line a date rule cut, directly followed by a sentence that is
    kept or that the classifier cut (a short entry, "Work starts again."), or by the
    entry's kept title and then that sentence (a history in dates: "1907" / "The first
    pier" / "Workers finished the pier after four years."; round 20: ``outlets.count_only``
    cut every year of such a timeline)."""
    if ctx.marks.rule[i] not in DATE_RULES or shape.n_words(i) > DATE_MAX_WORDS:
        return None
    below = _nonblank(ctx, i, 1)
    if below is not None and _entry_title(ctx, shape, below):
        below = _nonblank(ctx, below, 1)
    if below is None or not shape.ends_sentence(below):
        return None
    return below if ctx.marks.rule[below] in (None, CLASSIFIER_RULE) else None


def _entry_title(ctx, shape: LineShape, j: int) -> bool:
    """Line `j` is a dated entry's title: kept, short (DATE_MAX_WORDS words at most), no
    sentence. (A dated teaser's headline after the story is cut: its date stays cut.)"""
    return ctx.marks.rule[j] is None and shape.n_words(j) <= DATE_MAX_WORDS and not shape.ends_sentence(j)


def dated_entry_candidates(stats, blank: np.ndarray, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a dated entry's date line, by its counts alone (before the
    rule that cut it is checked: ``give_back_dated_entries``' candidates). A date line
    holds a digit ("23:38", "12 marzo 2016", "1974") and a few words; the line under it,
    or a blank line, ends a sentence. Of one page's lines, or of a batch's documents one
    after another (`last_rows`: each document's last row, which has no line under it in
    its document): ``Batch.of`` makes them for all pages in one pass, each page a slice.

    >>> from corpus_clean.boilerplate.features import line_stats, split_lines
    >>> lines = split_lines("12 March 2016\\nThe plan is approved.\\n3 June 2018")
    >>> stats = line_stats(lines)
    >>> dated_entry_candidates(stats, stats.n_chars == 0).tolist()
    [True, False, False]
    >>> dated_entry_candidates(stats, stats.n_chars == 0, np.array([0, 2])).tolist()  # (two documents)
    [False, False, False]
    """
    ends = ((stats.last_class & SENT_END) != 0) | (stats.last_char >= MIN_OTHER_SENTENCE_END)  # (a superset)
    sentence_or_blank_below = np.zeros(len(ends), dtype=bool)  # (not np.r_: ~4x its cost, per page)
    sentence_or_blank_below[:-1] = ends[1:] | blank[1:]
    # (or an entry's short title, then its sentence: ``_entry_title``; not across a
    # document's end, whose last row has no line two below it in its document)
    title_then_sentence = np.zeros(len(ends), dtype=bool)
    title_then_sentence[:-2] = (stats.n_words[1:-1] <= DATE_MAX_WORDS) & ends[2:]
    if last_rows is not None:
        title_then_sentence[last_rows[last_rows > 0] - 1] = False
    sentence_or_blank_below |= title_then_sentence
    if last_rows is not None:
        sentence_or_blank_below[last_rows] = False
    return (stats.n_words <= DATE_MAX_WORDS) & (stats.n_digit > 0) & sentence_or_blank_below


def give_back_dated_entries(ctx, shape: BodyShape) -> set[int]:
    """A timeline's or a live blog's date lines come back (with an entry's text the
    classifier cut); so does a date line inside a kept list (see the module's docstring).
    Returns the date lines of the runs of TIMELINE_MIN_ENTRIES+ entries it left cut (dated
    teasers after the story, a comment thread's dates): no later step gives them back.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Updated 23:41\\n23:38\\nThe first result is in: the seat is held.\\n"
    ...               "23:20\\nTurnout was 61%, the returning officer says.\\n22:50\\nPolls have closed.\\nMost read\\n")
    >>> for i in (0, 1, 3, 5):
    ...     ctx.marks.rule[i] = "news.dateline"
    >>> ctx.marks.rule[6] = "classifier"
    >>> ctx.marks.rule[7] = "nav.related"
    >>> give_back_dated_entries(ctx, BodyShape(ctx))  # (no run left cut)
    set()
    >>> ctx.marks.rule[:8]
    ['news.dateline', None, None, None, None, None, None, 'nav.related']
    """
    rule = ctx.marks.rule
    entries = []
    for i in shape.cut_by(ctx, DATE_RULES, page_mask(ctx, "dated_entry_candidates", dated_entry_candidates)):
        text = _entry_text(ctx, shape, i)
        if text is not None:
            entries.append((i, text))
    left_cut = set()
    if not entries:
        return left_cut
    for group in _records(ctx, entries):
        kept_texts = sum(1 for _, text in group if rule[text] is None)
        if kept_texts >= TIMELINE_MIN_ENTRIES and _opens_or_continues_the_story(ctx, group[0][0]):
            for i, text in group:
                rule[i] = rule[text] = None
            _give_back_announcement(ctx, shape, group[0][0])
        elif len(group) == 1 and kept_texts == 1 and _inside_kept_list(ctx, shape, group[0][0]):
            rule[group[0][0]] = None
        elif len(group) >= TIMELINE_MIN_ENTRIES:
            left_cut.update(i for i, _ in group)
    return left_cut


def give_back_dates_between_kept_lines(ctx, shape: BodyShape, teaser_dates: set[int] = frozenset()) -> None:
    """A run of lines a date rule cut, with kept lines right above and right below it (the
    one above no story paragraph) and a kept sentence of the story (STORY_SENTENCE_MIN_WORDS+
    words) somewhere above, comes back: a page's dateline stands at the story's head
    (under the headline, the byline or the standfirst), in a teaser or a comment (next to
    other cut lines), or as an "Updated" stamp under a paragraph; a date between kept short
    lines of a list or a Q&A inside the story is the story's own record --
    a podcast's chapter time ("19:40 The loan"), an answer ("31 December 2027."), a
    schedule's row. The date lines of a run of dated entries that ``give_back_dated_entries``
    left cut (`teaser_dates`: dated teasers under a cut "Latest") stay cut. Measured
    on every labelled set (round 15): of the date-rule cuts with kept lines on both sides,
    11 were article lines and 1 noise (a dateline under a kept headline, with no sentence
    of the story above it).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Episode 214\\n2 Dec 2026\\nThis week we talk to the clerk of a town that built its network.\\n"
    ...               "Show notes:\\n00:00 Introductions\\n04:12 Why the providers said no\\n19:40 The loan\\n")
    >>> ctx.marks.rule[1] = ctx.marks.rule[4] = ctx.marks.rule[6] = "dates.date_line"
    >>> give_back_dates_between_kept_lines(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:7]
    [None, 'dates.date_line', None, None, None, None, 'dates.date_line']
    """
    rule = ctx.marks.rule
    s = ctx.stats
    done = -1
    first_sentence = None  # (the first kept story sentence: found once, when a run needs it)
    for i in shape.cut_by(ctx, DATE_RULES, s.n_words <= DATE_MAX_WORDS):
        if i <= done or i in teaser_dates:
            continue
        above = _nonblank(ctx, i, -1)
        if not _kept(ctx, above) or shape.is_paragraph(above):
            continue  # (the run from here fails the test below: its walk down is not needed,
            # and a later line of it has a cut line above it; on the generated corpus no run passes)
        run = [i]
        j = _nonblank(ctx, i, 1)
        while (j is not None and rule[j] in DATE_RULES and shape.n_words(j) <= DATE_MAX_WORDS
               and j not in teaser_dates):
            run.append(j)
            j = _nonblank(ctx, j, 1)
        done = run[-1]
        if not _kept(ctx, j):
            continue  # (under a paragraph: a standfirst's dateline, an "Updated 3 Dec" stamp)
        if any(rule[k] == NUMBER_RULE and shape.n_digit(k) >= ID_MIN_DIGITS for k in run):
            continue  # (a long number alone is an id or a timestamp, not a year or a table's cell)
        if first_sentence is None:
            first_sentence = _first_story_sentence(ctx, shape)
        if first_sentence < run[0]:
            for k in run:
                rule[k] = None
            if shape.ends_sentence(run[0]) and shape.n_words(run[0]) >= STORY_SENTENCE_MIN_WORDS:
                first_sentence = min(first_sentence, run[0])  # (a date line that is a sentence)


def _first_story_sentence(ctx, shape: LineShape) -> int:
    """The first kept sentence of STORY_SENTENCE_MIN_WORDS+ words (the page's length: none)."""
    s = ctx.stats
    # (candidates by the character table and the word count; the exact sentence test on those)
    maybe = ~ctx.marks.removed() & ~ctx.blank & (s.n_words >= STORY_SENTENCE_MIN_WORDS)
    for j in maybe.nonzero()[0].tolist():
        if shape.ends_sentence(j):
            return j
    return ctx.lines.n_lines


def _announcement_above(ctx, shape: LineShape, i: int) -> int | None:
    """The line right above line `i` when the classifier cut it and it announces what
    follows: it ends in ":" and has ANNOUNCE_MIN_WORDS+ words ("Le minime previste:",
    "The main developments:"), with a kept line or the page's start above it; else None.
    A share bar's or a tag list's label ("Share:", "Tags:") is one word."""
    j = _nonblank(ctx, i, -1)
    if j is None or ctx.marks.rule[j] != CLASSIFIER_RULE or shape.n_words(j) < ANNOUNCE_MIN_WORDS:
        return None
    if not ctx.lines.content[j].rstrip().endswith((":", "：")):
        return None
    above = _nonblank(ctx, j, -1)
    return j if above is None or _kept(ctx, above) or _cut_by_a_rule_or_edge(ctx, above) else None


def _give_back_announcement(ctx, shape: LineShape, i: int) -> None:
    """Give back the line announcing the story's records or rows that start at line `i`."""
    j = _announcement_above(ctx, shape, i)
    if j is not None:
        ctx.marks.rule[j] = None


def _opens_or_continues_the_story(ctx, i: int) -> bool:
    """Line `i` follows a kept line directly, or nothing above it is kept (the records
    are the story: a live blog). A list of dated teasers under a heading a rule cut
    ("Latest"), after the kept story, is neither."""
    above = _nonblank(ctx, i, -1)
    if _kept(ctx, above):
        return True
    rule = ctx.marks.rule
    return all(rule[j] is not None or ctx.blank[j] for j in range(i))


def _records(ctx, entries: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The dated entries (date line, text line) grouped into runs: consecutive entries
    with only kept lines (at most ENTRY_MAX_LINES of them) between one's text and the
    next one's date."""
    groups = [[entries[0]]]
    for entry in entries[1:]:
        last_text = groups[-1][-1][1]
        between = [j for j in range(last_text + 1, entry[0]) if not ctx.blank[j]]
        if len(between) < ENTRY_MAX_LINES and all(_kept_or_insert(ctx, j) for j in between) and (
                ctx.marks.rule[last_text] is None or not between):
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def is_insert_rule(rule: str | None) -> bool:
    """`rule` cuts something that sits INSIDE a story: a caption, a photo credit, an
    advertisement label ("news.photo_caption", "outlets.caption_with_credit",
    "story.caption_credit", "outlets.ad_label", "story.insert"). Such a cut between two
    entries of a live blog does not end the blog; a heading's or a footer's cut does.

    >>> is_insert_rule("outlets.caption_with_credit"), is_insert_rule("ads.recommended_block")
    (True, False)
    """
    return rule is not None and any(word in rule for word in INSERT_RULE_WORDS)


@lru_cache(maxsize=None)
def _insert_or_credit(rule: str | None) -> bool:
    """``is_insert_rule``, or a credit's rule (remembered: a page's rules are a few of the packs' ids)."""
    return is_insert_rule(rule) or (rule is not None and "credit" in rule)


def give_back_paragraphs_after_inserts(ctx, shape: BodyShape) -> None:
    """A story paragraph the classifier cut right under an insert a rule cut (a caption,
    a photo credit, an advert label), with the story right above that insert, comes back:
    a caption stands between two paragraphs of the story, so the one under it goes on with
    the story. Once a caption rule takes the caption, the classifier reads the paragraph
    under it as an island (a short last sentence before the share bar and the related
    links); a caption left in place had kept it. A teaser list after the story starts
    under a heading, not under a caption.

    "The story right above" is a kept paragraph, or (round 17) the story's list: short
    lines under a kept sentence or a kept ":" announcement with a paragraph at or above it
    ("Programme:" / "10:00 – Welcome" / "18:00 – Dance" / caption / last sentence); the
    list's lines a rule or the classifier cut there come back too when the list was
    announced or they are its data (a field, a number: ``_story_list_above``). A caption
    with its credit that the classifier itself cut ("... Magod: Klub de Volapük") counts
    as an insert (``mark_credit_captions_cut_by_classifier``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The new bridge over the river opened on Monday after two years of works.\\n"
    ...               "The first cyclists on the bridge. Photo: Jan Vos\\n"
    ...               "Residents are glad of it.\\nShare\\n")
    >>> ctx.marks.rule[1:4] = ["outlets.caption_with_credit_mark", "classifier", "classifier"]
    >>> give_back_paragraphs_after_inserts(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:4]
    [None, 'outlets.caption_with_credit_mark', None, 'classifier']
    >>> ctx = Context("The club met on Saturday for its hundredth year, with members from four countries.\\n"
    ...               "The programme:\\n10:00 – Welcome\\n18:00 – Dance\\n"
    ...               "The president at the lectern. Magod: Klub de Volapük\\n"
    ...               "The club now has 112 members.\\nShare\\n")
    >>> ctx.marks.rule[3:7] = ["dates.date_line", "classifier", "classifier", "classifier"]
    >>> give_back_paragraphs_after_inserts(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, 'story.caption_credit', None, 'classifier', None]
    """
    rule = ctx.marks.rule
    s = ctx.stats
    mark_credit_captions_cut_by_classifier(ctx, shape)
    # (each part below starts from an insert's cut, or a credit's: on a page with neither,
    # most pages, nothing to walk; its few distinct rules are asked, not its lines)
    if not any(map(_insert_or_credit, set(rule))):
        return
    # (candidates by length; the exact test also knows the sentence ends of other
    # scripts: "።", "។")
    long_enough = (s.n_words >= AFTER_INSERT_MIN_WORDS) | (s.n_chars >= AFTER_INSERT_MIN_CHARS)
    cut_sentences = [i for i in shape.cut_by(ctx, {CLASSIFIER_RULE}, long_enough) if shape.ends_sentence(i)]
    for i in cut_sentences:
        items = _story_across_inserts(ctx, shape, i)
        if items is not None:
            for k in [i] + items:
                rule[k] = None
    # (the story's list cut above a caption whose sentence below is kept)
    kept_sentences = long_enough & ~shape.removed_now(ctx)
    for i in kept_sentences.nonzero()[0].tolist():
        above = _nonblank(ctx, i, -1)
        if above is not None and is_insert_rule(rule[above]) and shape.ends_sentence(i):
            for k in _story_across_inserts(ctx, shape, i) or ():
                rule[k] = None
    # (and the story's announced list above a credited caption at the story's end: a photo
    # of the story closes it, the share bar under it)
    for i in [i for i, r in enumerate(rule) if r is not None and "credit" in r]:
        above = _nonblank(ctx, i, -1)
        if above is not None and rule[above] is not None and not is_insert_rule(rule[above]):
            for k in _story_list_above(ctx, shape, above, announced_only=True) or ():
                rule[k] = None


def credit_caption_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: may it be a caption with its credit (``mark_credit_captions_cut_by_classifier``'s
    candidates), by its counts alone: CUT_CREDIT_CAPTION_MIN_WORDS+ words, no sentence end in
    the character table. (`blank`, `last_rows`: unread, as ``page_mask`` and
    ``batch.PAGE_MASKS`` pass them.)"""
    return (stats.n_words >= CUT_CREDIT_CAPTION_MIN_WORDS) & ((stats.last_class & SENT_END) == 0)


def table_row_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: a digit and ROW_MAX_WORDS words at most (``give_back_table_rows``'
    candidates). (`blank`, `last_rows`: unread, as ``page_mask`` and ``batch.PAGE_MASKS``
    pass them.)"""
    return (stats.n_digit > 0) & (stats.n_words <= ROW_MAX_WORDS)


def digit_lines(stats, blank: np.ndarray | None = None, last_rows: np.ndarray | None = None) -> np.ndarray:
    """Per line: does it hold a digit (``give_back_fact_lists``' candidates). (`blank`,
    `last_rows`: unread, as ``page_mask`` and ``batch.PAGE_MASKS`` pass them.)"""
    return stats.n_digit > 0


def mark_credit_captions_cut_by_classifier(ctx, shape: BodyShape) -> None:
    """The classifier's cut of a caption with its credit after the sentence ("Presidan
    Anna Berger lotidom. Magod: Klub de Volapük", "... Photo/Jan Vos": the shapes of
    ``story_inserts.label_credit_after_sentence`` and ``slash_credit_after_sentence``)
    is relabelled a caption's (``CREDIT_TAIL_RULE``): still cut, now known as an insert
    that stands inside the story, so the sentence under it can come back.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Limans kluba. Magod: Klub de Volapük\\nShare this\\n")
    >>> ctx.marks.rule[:2] = ["classifier", "classifier"]
    >>> mark_credit_captions_cut_by_classifier(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    ['story.caption_credit', 'classifier', None]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    for i in shape.cut_by(ctx, {CLASSIFIER_RULE}, page_mask(ctx, "credit_caption_lines", credit_caption_lines)):
        if label_credit_after_sentence(content[i]) or ("/" in content[i] and slash_credit_after_sentence(content[i])):
            rule[i] = CREDIT_TAIL_RULE


def _story_across_inserts(ctx, shape: LineShape, i: int) -> list[int] | None:
    """Right above line `i` one or more inserts a rule cut, and beyond them the story: a
    kept paragraph (``[]``: nothing else to give back), or the story's list (its cut
    lines, to give back: ``_story_list_above``); None when neither. (Only upwards: a line
    right ABOVE a caption at the story's end can be the first teaser of a list that a
    caption's photo opens.)"""
    j = _nonblank(ctx, i, -1)
    if j is None or not is_insert_rule(ctx.marks.rule[j]):
        return None
    while j is not None and is_insert_rule(ctx.marks.rule[j]):
        j = _nonblank(ctx, j, -1)
    if j is None:
        return None
    if _kept(ctx, j) and shape.is_paragraph(j):
        return []
    return _story_list_above(ctx, shape, j)


def _story_list_above(ctx, shape: LineShape, j: int, announced_only: bool = False) -> list[int] | None:
    """Line `j` and the lines above it are the story's list: up to ANNOUNCED_MAX_ITEMS
    short lines (no paragraph), each kept or cut by one of FACT_CUT_RULES, right under a
    kept line that ends a sentence or announces the list with ":", with a kept sentence of
    the story at or above that line. Returns the list's cut lines; None when it is no such
    list, or when a cut line is neither announced (the line above ends in ":") nor data (a
    field "Open: 9 to 5", a number): a teaser list's cut headlines are neither. (With
    `announced_only`, an announced list only.)

    The announcement may be cut too ("Loko lokwentekile:" under a caption the model took):
    a line of ANNOUNCE_MIN_WORDS+ words ending in ":" that the model cut, under a kept
    sentence or under one open line (a caption, cut) under a kept sentence, comes back with
    its list (``_cut_announcement``)."""
    rule, content = ctx.marks.rule, ctx.lines.content
    items: list[int] = []
    while j is not None and len(items) <= ANNOUNCED_MAX_ITEMS:
        if items and (rule[j] is None and _is_opening(ctx, shape, j) or _cut_announcement(ctx, shape, j)):
            break
        if shape.is_paragraph(j) or (rule[j] is not None and rule[j] not in FACT_CUT_RULES):
            return None
        items.append(j)
        j = _nonblank(ctx, j, -1)
    else:
        return None
    if not _sentence_at_or_above(ctx, shape, j):
        return None
    announced = content[j].rstrip().endswith((":", "："))
    cut = [k for k in items if rule[k] is not None] + ([j] if rule[j] is not None else [])
    if not announced and (announced_only or not all(_FIELD.match(content[k]) or shape.n_digit(k) for k in cut)):
        return None
    if rule[j] is not None:
        over = _nonblank(ctx, j, -1)
        if rule[over] == CLASSIFIER_RULE:
            # (the open line between the story's sentence and its list's cut announcement
            # stands where a caption does, "Obras en la avenida del Puerto" above "Paradas
            # sin servicio:": a caption's cut, not the model's, so that no give-back for a
            # list's heading takes it back)
            rule[over] = LONE_CAPTION_RULE
    return cut


def _cut_announcement(ctx, shape: LineShape, j: int) -> bool:
    """Line `j` is an announcement the model cut ("Tei re:", "Loko lokwentekile:") right
    under a kept sentence, or under one open line (a caption: cut, not a sentence) right
    under a kept sentence."""
    rule = ctx.marks.rule
    if rule[j] != CLASSIFIER_RULE or not _announces(shape, ctx.lines.content[j]):
        return False
    above = _nonblank(ctx, j, -1)
    if above is not None and rule[above] is not None and not shape.ends_sentence(above):
        above = _nonblank(ctx, above, -1)  # (the caption over the list stays cut)
    return _kept(ctx, above) and shape.ends_sentence(above)


def _sentence_at_or_above(ctx, shape: LineShape, j: int) -> bool:
    """A kept sentence of the story (STORY_SENTENCE_MIN_WORDS+ words) stands at line `j`
    or above it (a brief's sentences are shorter than a paragraph)."""
    rule, blank = ctx.marks.rule, ctx.blank
    return any(rule[k] is None and not blank[k] and shape.n_words(k) >= STORY_SENTENCE_MIN_WORDS
               and shape.ends_sentence(k) for k in range(j + 1))


def _paragraph_across_inserts(ctx, shape: LineShape, i: int, step: int) -> bool:
    """Next to line `i` in direction `step` stand one or more inserts a rule cut, and
    beyond them a kept story paragraph."""
    j = _nonblank(ctx, i, step)
    if j is None or not is_insert_rule(ctx.marks.rule[j]):
        return False
    while j is not None and is_insert_rule(ctx.marks.rule[j]):
        j = _nonblank(ctx, j, step)
    return _kept(ctx, j) and shape.is_paragraph(j)


def _kept_or_insert(ctx, j: int) -> bool:
    return ctx.marks.rule[j] is None or is_insert_rule(ctx.marks.rule[j])


def _inside_kept_list(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` sits in a kept list inside the story: kept lines directly above and
    below it, the one above not a paragraph, a story paragraph further up."""
    above = _nonblank(ctx, i, -1)
    return (_kept(ctx, above) and _kept(ctx, _nonblank(ctx, i, 1)) and not shape.is_paragraph(above)
            and _paragraph_above(ctx, shape, above))


def give_back_data_runs(ctx, shape: BodyShape) -> None:
    """A run cut as a menu comes back when it sits inside the story and its lines hold
    numbers (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("A simple autumn tart, best made with pears that are still firm.\\n"
    ...               "Serves 6\\nIngredients\\n4 pears\\n80 g hazelnuts\\n2 eggs\\n"
    ...               "Heat the oven to 180 C and grind the hazelnuts with the sugar.\\n")
    >>> for i in range(1, 6):
    ...     ctx.marks.rule[i] = "nav.menu_run"
    >>> give_back_data_runs(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:7]
    [None, None, None, None, None, None, None]
    """
    rule = ctx.marks.rule
    done = -1
    for i in shape.cut_by(ctx, (MENU_RULE,), ctx.stats.n_digit > 0):  # (a menu of words: none)
        if i <= done:
            continue
        run = _run_around(ctx, i, MENU_RULE)
        done = run[-1]
        with_digit = sum(1 for k in run if shape.n_digit(k))
        if with_digit >= DATA_RUN_MIN_DIGIT_SHARE * len(run) and _data_run_inside_story(ctx, shape, run):
            _give_back_announcement(ctx, shape, run[0])
            for k in run:
                rule[k] = None
            _give_back_sentences_below(ctx, shape, run[-1])


def give_back_fact_lists(ctx, shape: BodyShape) -> None:
    """A list of facts right under the story's kept sentence comes back: FACT_LIST_MIN_LINES
    or more lines in a row, each a field ("Length: 212 m", "Arches: 14", "Status: listed
    building": a label of at most HEADING_MAX_WORDS words, ":" and a value), cut by the
    classifier or by the short page's step, DATA_RUN_MIN_DIGIT_SHARE or more of them
    holding a number, up to the first line that is not one. A wiki infobox or a story's
    key figures; a share bar or a tag line is one field without numbers.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The viaduct was built in 1881 for the district railway and closed in 1962.\\n"
    ...               "Length: 212 m\\nArches: 14\\nStatus: listed building\\nCategories: Viaducts")
    >>> ctx.marks.rule[1:] = ["classifier.outside_story"] * 2 + ["classifier", "wiki.categories"]
    >>> give_back_fact_lists(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, 'wiki.categories']
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    for i in shape.cut_by(ctx, FACT_CUT_RULES, page_mask(ctx, "digit_lines", digit_lines)):
        above = _nonblank(ctx, i, -1)
        if not (_kept(ctx, above) and shape.ends_sentence(above)) or not _FIELD.match(content[i]):
            continue  # (the list's first line, under the story's sentence)
        run, j = [i], i
        while True:
            j = _nonblank(ctx, j, 1)
            if j is None or rule[j] not in FACT_CUT_RULES or not _FIELD.match(content[j]):
                break
            run.append(j)
        with_digit = sum(1 for k in run if shape.n_digit(k))
        if len(run) >= FACT_LIST_MIN_LINES and with_digit >= DATA_RUN_MIN_DIGIT_SHARE * len(run):
            for k in run:
                rule[k] = None


def _run_around(ctx, i: int, cut_by: str) -> list[int]:
    """The run of non-blank lines cut by `cut_by` that holds line `i` (blank lines between
    them do not end it)."""
    rule, blank = ctx.marks.rule, ctx.blank
    first = last = i
    while first > 0 and (rule[first - 1] == cut_by or (blank[first - 1] and rule[first - 1] is None)):
        first -= 1
    while last + 1 < len(rule) and (rule[last + 1] == cut_by or (blank[last + 1] and rule[last + 1] is None)):
        last += 1
    return [k for k in range(first, last + 1) if rule[k] == cut_by]


def _give_back_sentences_below(ctx, shape: LineShape, i: int) -> None:
    """The sentences right under line `i` that the classifier cut (a recipe's method under
    its ingredients), at most CLOSING_MAX_LINES of them, up to the first line that is not one."""
    j = i
    for _ in range(CLOSING_MAX_LINES):
        j = _nonblank(ctx, j, 1)
        if j is None or ctx.marks.rule[j] != CLASSIFIER_RULE or not shape.ends_sentence(j):
            return
        ctx.marks.rule[j] = None


def _data_run_inside_story(ctx, shape: LineShape, run: list[int]) -> bool:
    above, below = _nonblank(ctx, run[0], -1), _nonblank(ctx, run[-1], 1)
    announcement = _announcement_above(ctx, shape, run[0])
    if announcement is not None and _kept(ctx, _nonblank(ctx, announcement, -1)):
        above = _nonblank(ctx, announcement, -1)  # (the run and its cut announcement, under the story)
    below_is_story = _kept(ctx, below) or (
        below is not None and ctx.marks.rule[below] == CLASSIFIER_RULE and shape.ends_sentence(below))
    if not (_kept(ctx, above) and below_is_story):
        return False
    return shape.ends_sentence(above) or ctx.lines.content[above].rstrip().endswith((":", "："))


def give_back_subject_captions(ctx, shape: BodyShape) -> None:
    """A story paragraph cut for opening with a caption's label comes back when the label's
    word is the story's subject (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("A photographer who followed the floods for three weeks won the regional prize on Saturday.\\n"
    ...               "Photo: the winning picture, of a family waiting on a roof, was chosen from 1,400 entries.\\n"
    ...               "The jury praised the photographer for returning to the same families months later.\\n")
    >>> ctx.marks.rule[1] = "news.photo_caption"
    >>> give_back_subject_captions(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:3]
    [None, None, None]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    for i in range(ctx.lines.n_lines):
        if rule[i] not in LABEL_CAPTION_RULES or not _subject_sentence(shape, i):
            continue
        if not (_kept(ctx, _nonblank(ctx, i, -1)) and _kept(ctx, _nonblank(ctx, i, 1))):
            continue
        label = _LABEL.match(content[i])
        if label and _echoes(ctx, shape, label.group(1)[:STEM_CHARS].casefold(), i) >= SUBJECT_MIN_ECHOES:
            rule[i] = None


def _subject_sentence(shape: LineShape, i: int) -> bool:
    """Line `i` is a sentence of the story, not a caption's label and name: a story
    paragraph, or (round 15: "Photo: the winning picture was picked from 2,000 entries.")
    a sentence of SUBJECT_SENTENCE_MIN_WORDS+ words ("Photo: Jan Vos." has three)."""
    return shape.is_paragraph(i) or (shape.ends_sentence(i) and shape.n_words(i) >= SUBJECT_SENTENCE_MIN_WORDS)


def _echoes(ctx, shape: LineShape, stem: str, skip: int) -> int:
    """How many kept story sentences (``_subject_sentence``; other than line `skip`) hold a
    word starting with `stem`."""
    if len(stem) < STEM_CHARS:
        return 0
    word = re.compile(r"\b" + re.escape(stem), re.IGNORECASE)
    rule = ctx.marks.rule
    return sum(1 for j in range(ctx.lines.n_lines)
               if j != skip and rule[j] is None and not ctx.blank[j] and _subject_sentence(shape, j)
               and word.search(ctx.lines.content[j]))


def _row_shape(ctx, shape: LineShape, i: int) -> tuple | None:
    """A table row's shape: how many numbers it holds, how it starts and ends ("Elston 3
    Linwood 1" and "Cranmoor 0 Ashby Vale 0": two numbers, a letter first, a digit last);
    None for a line that holds no number, a number of more than ROW_MAX_DIGITS digits (a
    year: "Top 10 gifts for 2026" is a headline), ends a sentence or is long."""
    if shape.n_words(i) > ROW_MAX_WORDS or shape.ends_sentence(i):
        return None
    numbers = _DIGIT_RUN.findall(ctx.lines.content[i])
    if not numbers or max(map(len, numbers)) > ROW_MAX_DIGITS:
        return None
    return len(numbers), shape.first_class(i), shape.last_class(i)


def give_back_table_rows(ctx, shape: BodyShape) -> None:
    """Cut lines that continue the rows of a kept table (the same shape as the
    LIST_MIN_LINES - 1 kept lines right above them) come back, one after another.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Beckford 1 Hartley 2\\nCranmoor 0 Ashby 0\\nElston 3 Linwood 1\\nStafford 2 Penrith 2\\nMost read\\n")
    >>> ctx.marks.rule[2] = ctx.marks.rule[3] = ctx.marks.rule[4] = "classifier"
    >>> give_back_table_rows(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:5]
    [None, None, None, None, 'classifier']
    """
    rule = ctx.marks.rule
    for i in shape.cut_by(ctx, (CLASSIFIER_RULE,), page_mask(ctx, "table_row_lines", table_row_lines)):
        above, j, headings = [], i, []
        while len(above) < LIST_MIN_LINES - 1:
            j = _nonblank(ctx, j, -1)
            if j is not None and ctx.marks.rule[j] in (None, CLASSIFIER_RULE) and _is_section_heading(ctx, shape, j):
                headings.append(j)  # (a table's section heading, "Division One", between its rows)
                continue
            if not _kept(ctx, j):
                break
            above.append(j)
        if len(above) < LIST_MIN_LINES - 1 or len(headings) > 1:  # (most candidates: settled here)
            continue
        row = _row_shape(ctx, shape, i)
        if row is not None and _continues_rows(ctx, shape, row, above):
            rule[i] = None
            for k in headings:
                rule[k] = None


def _continues_rows(ctx, shape: LineShape, row: tuple, above: list[int]) -> bool:
    """The kept lines `above` (nearest first) are rows of shape `row`, or the nearest is
    one and the next is the story's sentence that opens the table ("Snowfall to 6 pm:",
    "... were as follows.")."""
    shapes = [_row_shape(ctx, shape, k) for k in above]
    if all(found == row for found in shapes):
        return True
    return shapes[0] == row and shapes[1] is None and _is_opening(ctx, shape, above[1])


def _is_section_heading(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` is a short heading without a number ("Division One", "Group B"): it may
    head the next section of a table whose rows continue under it."""
    return _is_heading(shape, i) and not shape.n_digit(i)


def give_back_announced_lists(ctx, shape: BodyShape) -> None:
    """A list the story announces comes back: a line that ends in ":" (ANNOUNCE_MIN_WORDS+
    words: "Hij was bekend om:", "En çok ihracat yapılan ülkeler:"; in an unspaced script
    two characters: "营业辰光："), kept or cut by the classifier, right under a kept sentence
    of the story, and the LIST_MIN_LINES - 1 or more short lines right under it (at most
    ANNOUNCED_MAX_ITEMS), up to the first line that is not one (``_announced_item``: cut as
    the announcement was, or -- round 15 -- a field or a number the menu-run or a date rule
    cut: "Bahne: 6", "礼拜六 9:00–22:00"; one kind of item per list). The story's sentence
    ran into the ":"; a box's heading stands after a rule's cut or has one word ("Tags:").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Jan van Dijk, mayor of Hoogmeer from 1986 to 2004, died on Tuesday at the age of 84.\\n"
    ...               "He was known for:\\nthe new harbour\\nthe youth club\\nhis bike rides\\nMost read")
    >>> for i in range(1, 5):
    ...     ctx.marks.rule[i] = "classifier"
    >>> ctx.marks.rule[5] = "ads.recommended_block"
    >>> give_back_announced_lists(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, None, 'ads.recommended_block']
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    last = ctx.stats.last_char
    colon = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    ends_colon = [i for i in colon if rule[i] in (None, CLASSIFIER_RULE) and _announces(shape, content[i])]
    for i in ends_colon:
        above = _nonblank(ctx, i, -1)
        if rule[i] not in (None, CLASSIFIER_RULE) or not (_kept(ctx, above) and shape.ends_sentence(above)):
            continue
        items, j, kind = [], i, None
        while len(items) < ANNOUNCED_MAX_ITEMS:
            j = _nonblank(ctx, j, 1)
            item_kind = None if j is None else _announced_item(ctx, shape, j, rule[i])
            if item_kind is None or kind not in (None, item_kind):
                break  # (a list's items are of one kind: a share bar after data rows ends it)
            kind = item_kind
            items.append(j)
        cut_items = [k for k in items if rule[k] is not None]
        if len(items) >= LIST_MIN_LINES - 1 and cut_items:
            for k in [i] + cut_items:
                rule[k] = None


def _announces(shape: LineShape, line: str) -> bool:
    """A line ending in ":" says enough to announce a list: ANNOUNCE_MIN_WORDS+ words, or
    in a script written without spaces two characters before the colon ("营业辰光：")."""
    head = line.rstrip()[:-1].rstrip()
    if len(head.split()) >= ANNOUNCE_MIN_WORDS:
        return True
    return len(head) >= ANNOUNCE_MIN_WORDS and all(CJK_LO <= ord(c) <= CJK_HI for c in head[-ANNOUNCE_MIN_WORDS:])


def _announced_item(ctx, shape: LineShape, j: int, announcement_rule: str | None) -> str | None:
    """Which kind of item of a list the line above announced line `j` can be, or None: a
    short line (no story paragraph, no ":" at its end) cut as the announcement was (by the
    classifier, or kept as it is): "like the announcement"; or, cut by a date rule or as a
    menu item, a field ("Bahne: 6") or a line holding a number (a schedule's row "礼拜六
    9:00–22:00"): "data" (a menu's items are words: "Facebook", "Sport"). Under a kept
    announcement a line the classifier cut is no item: the share bar and the teasers after
    the story's last list."""
    r = ctx.marks.rule[j]
    line = ctx.lines.content[j]
    if shape.is_paragraph(j) or line.rstrip().endswith((":", "：")):
        return None
    if r == announcement_rule:
        return "like the announcement"
    if (r == MENU_RULE or r in DATE_RULES) and (_FIELD.match(line) or shape.n_digit(j)):
        return "data"
    return None


def _kept_list_next_to(ctx, shape: LineShape, i: int, step: int) -> bool:
    """The LIST_MIN_LINES non-blank lines next to line `i` (in direction `step`) are kept
    short lines, not paragraphs: a list of the story's."""
    j = i
    for _ in range(LIST_MIN_LINES):
        j = _nonblank(ctx, j, step)
        if not _kept(ctx, j) or shape.is_paragraph(j):
            return False
    return True


def _next_to_a_kept_list(ctx, shape: BodyShape) -> list[int]:
    """The lines the classifier cut with LIST_MIN_LINES kept short lines right above or
    right below them (blank lines skipped), found for the whole page at once (in one
    compiled pass when built: ``_native.next_to_kept_list``; ``_next_to_a_kept_list_py``,
    the twin, the reference, for anything else)."""
    kernel = getattr(active(), "next_to_kept_list", None)  # (None: no compiled module, or one built before it)
    paragraphs = _paragraphs(ctx)
    if kernel is None or ctx.blank.dtype != np.bool_ or paragraphs.dtype != np.bool_ \
            or not (ctx.blank.flags.c_contiguous and paragraphs.flags.c_contiguous):
        return _next_to_a_kept_list_py(ctx, shape)
    return kernel(ctx.marks.rule, ctx.blank, paragraphs, LIST_MIN_LINES, CLASSIFIER_RULE)


def _next_to_a_kept_list_py(ctx, shape: BodyShape) -> list[int]:
    """``_next_to_a_kept_list`` with numpy: the twin of ``_native.next_to_kept_list``."""
    nonblank = (~ctx.blank).nonzero()[0]
    removed = shape.removed_now(ctx)  # (the give-backs before this one count as kept)
    kept_short = (~removed & ~_paragraphs(ctx))[nonblank]
    n = len(nonblank)
    padded = np.concatenate((np.zeros(LIST_MIN_LINES, bool), kept_short, np.zeros(LIST_MIN_LINES, bool)))
    list_above = np.ones(n, dtype=bool)
    list_below = np.ones(n, dtype=bool)
    for d in range(1, LIST_MIN_LINES + 1):
        list_above &= padded[LIST_MIN_LINES - d:LIST_MIN_LINES - d + n]
        list_below &= padded[LIST_MIN_LINES + d:LIST_MIN_LINES + d + n]
    rule = ctx.marks.rule
    return [i for i in nonblank[removed[nonblank] & (list_above | list_below)].tolist() if rule[i] == CLASSIFIER_RULE]


def _cut_by_a_rule_or_edge(ctx, j: int | None) -> bool:
    """Line `j` is the page's edge (None) or a line a rule cut (not the classifier)."""
    return j is None or ctx.marks.rule[j] not in (None, CLASSIFIER_RULE)


def _is_opening(ctx, shape: LineShape, i: int) -> bool:
    """Line `i` ends a sentence or announces a list with ":"."""
    return shape.ends_sentence(i) or ctx.lines.content[i].rstrip().endswith((":", "："))


def _is_heading(shape: LineShape, i: int) -> bool:
    """Line `i` is a heading: a word or three, ending in a word, not a sentence."""
    return shape.n_words(i) <= HEADING_MAX_WORDS and not shape.ends_sentence(i) and shape.ends_in_a_word(i)


def _opening_above(ctx, shape: LineShape, i: int) -> list[int]:
    """The story's opening cut right above a kept list, `i` the line next to the list: an
    opening sentence, or a short heading ("Ingredients") under one; [] when neither."""
    if _is_opening(ctx, shape, i):
        return [i]
    if shape.n_words(i) > HEADING_MAX_WORDS:
        return []
    above = _nonblank(ctx, i, -1)
    if above is not None and ctx.marks.rule[above] == CLASSIFIER_RULE and _is_opening(ctx, shape, above):
        return [above, i]
    return []


def give_back_list_edges(ctx, shape: BodyShape) -> None:
    """A story told as a list keeps the sentences that open and close it: the classifier's
    cut of 1 to CLOSING_MAX_LINES sentences right under a kept list, with a rule's cut (or
    the page's end) right under them, and of one sentence (or a ":" line, or a sentence
    and a short heading under it: "Ingredients") right above a kept list, with a rule's cut
    (or the page's start) right above it, are given back.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Share\\nSmall museums get the stories.\\n1. The Button Museum\\nButtons by decade.\\n"
    ...               "2. The Lock House\\nOpening hours change in winter, so call ahead.\\n© 2026 Wayfarer\\n")
    >>> ctx.marks.rule[0] = "social.share_bar"; ctx.marks.rule[6] = "footer.copyright"
    >>> ctx.marks.rule[1] = ctx.marks.rule[5] = "classifier"
    >>> give_back_list_edges(ctx, BodyShape(ctx))
    >>> ctx.marks.rule[:7]
    ['social.share_bar', None, None, None, None, None, 'footer.copyright']
    """
    rule = ctx.marks.rule
    for i in _next_to_a_kept_list(ctx, shape):
        if rule[i] != CLASSIFIER_RULE:  # (given back as a list's opening just above)
            continue
        if _kept_list_next_to(ctx, shape, i, 1):
            opening = _opening_above(ctx, shape, i)
            if opening and _cut_by_a_rule_or_edge(ctx, _nonblank(ctx, opening[0], -1)):
                for k in opening:
                    rule[k] = None
            elif _is_heading(shape, i) and _kept(ctx, _nonblank(ctx, i, -1)):
                rule[i] = None  # a heading inside the story over its list ("Personality")
            continue
        if not (shape.ends_sentence(i) and _kept_list_next_to(ctx, shape, i, -1)):
            continue
        closing, j = [i], i
        while True:
            j = _nonblank(ctx, j, 1)
            if j is None or rule[j] != CLASSIFIER_RULE or not shape.ends_sentence(j):
                break
            closing.append(j)
        if len(closing) <= CLOSING_MAX_LINES and _cut_by_a_rule_or_edge(ctx, j):
            for k in closing:
                rule[k] = None


# A list held between a kept announcement and a kept sentence has at most this many items.
CLOSED_LIST_MAX_ITEMS = 8
# ... and the kept sentence under it has this many words or more (a quote line, not a label).
CLOSING_SENTENCE_MIN_WORDS = 5
# The story's last list, with the page's furniture under it, has this many items at least.
LAST_LIST_MIN_ITEMS = 2
# ... or, under a one-word label, LAST_LIST_MIN_ITEMS+ items of this many words each (round 26).
LAST_LIST_PHRASE_MIN_WORDS = 3


def give_back_lists_closed_by_the_story(ctx, shape: BodyShape) -> None:
    """A list the story announced comes back: under a kept line that announces it
    (``_announces``: "Gandoota bishaan argatan:"), a run of 1 to CLOSED_LIST_MAX_ITEMS short
    lines (no paragraph, no ":" at the end), kept or cut by the classifier or a date rule
    ("Deadline: 12 January 2027" between two kept items), one at least cut, with a kept
    sentence of the story (CLOSING_SENTENCE_MIN_WORDS+ words) right under the run: the story
    went on from its list. Or the story's last list: LAST_LIST_MIN_ITEMS+ lines, all the
    model's cut (kept items there run on into a share bar the model cut), with a rule's cut (the share bar, the footer) or the page's end right under them
    and a kept sentence of the story at or above the announcement (round 19: on the studied
    sets no kept announcement had cut lines over the furniture; on the held-out and check
    sets this gives back 7 article lines and 6 noise lines, totals only). A teaser block
    under a kept heading has the model's cut of its next headline under a run, not a rule's;
    ``give_back_announced_lists`` keeps the items when the announcement was cut with them.
    A one-word label ("Gaa-miigiwewaad:"; a box says "Tags:") announces only a list the
    story's sentence closes, and a caption between its rows and that sentence stays cut
    (round 24). Page structure only: no word of the items is read.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The water project took five months and serves three villages.\\n"
    ...               "The villages that got water:\\nSoloolo\\nTuqa\\nArgaannee\\n"
    ...               "More than 9,000 people use the new wells, the council said.\\nShare")
    >>> for i in (2, 3, 4, 6):
    ...     ctx.marks.rule[i] = "classifier"
    >>> give_back_lists_closed_by_the_story(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    [None, None, None, None, None, None, 'classifier']
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    last = ctx.stats.last_char
    colon = ((last == ord(":")) | (last == ord("："))).nonzero()[0].tolist()  # (few lines a page)
    for i in colon:
        if rule[i] is not None:
            continue
        run, j = [], _nonblank(ctx, i, 1)
        # (the list's items: cut by the model or a date rule, or kept, short lines)
        while j is not None and (rule[j] in (None, CLASSIFIER_RULE) or rule[j] in DATE_RULES) \
                and len(run) <= CLOSED_LIST_MAX_ITEMS:
            if shape.is_paragraph(j) or content[j].rstrip().endswith((":", "：")) or (
                    rule[j] is None and shape.ends_sentence(j) and shape.n_words(j) >= CLOSING_SENTENCE_MIN_WORDS):
                break
            run.append(j)
            j = _nonblank(ctx, j, 1)
        if not any(rule[k] is not None for k in run) or len(run) > CLOSED_LIST_MAX_ITEMS:
            continue
        closed = _kept(ctx, j) and shape.ends_sentence(j) and shape.n_words(j) >= CLOSING_SENTENCE_MIN_WORDS
        # (or the story's last list, of LAST_LIST_MIN_ITEMS+ lines the model cut: the page's
        # furniture, a rule's cut, right under it; a date rule's lone cut there is the page's
        # "Published ..." line under an announcement whose embedded posts the text lost)
        last = (len(run) >= LAST_LIST_MIN_ITEMS and all(rule[k] == CLASSIFIER_RULE for k in run)
                and (j is None or rule[j] not in (None, CLASSIFIER_RULE)) and _sentence_at_or_above(ctx, shape, i))
        # (round 26: under a one-word label, the story's last list of phrases, "Inkiguenat:" /
        # "Olcani oo inkishu": a tag list's or a share bar's items are a word or two)
        announced = _announces(shape, content[i]) or (
            last and all(len(content[k].split()) >= LAST_LIST_PHRASE_MIN_WORDS for k in run))  # (spaced words)
        if not (closed or (last and announced)):
            continue
        for k in run:
            # (round 24: under a one-word label, "Gaa-miigiwewaad:", the list comes back only when
            # the story's sentence closes it, "Tags:" ends the page; and a caption between the rows
            # and that sentence stays cut: ``story_caption_cut._open_line``)
            if announced or not _open_line(shape, content, k):
                rule[k] = None


def give_back_menus_inside_the_story(ctx, shape: BodyShape) -> None:
    """A "menu" with the story kept right above AND right below it is the story's own
    list or table: a run of lines one of MENU_RULES cut ("Party | Votes | Seats" rows, a
    run of place names) between two kept lines, one of them a sentence of
    CLOSING_SENTENCE_MIN_WORDS+ words or a ":" announcement, comes back (and the
    announcement above it when the model cut it: "The new councillors:" read as an island
    once its rows were cut; the story's opening above it is ``give_back_the_lead``'s). A page's menus
    stand above the story or under its end, next to other furniture (on the studied sets
    of rounds 8-19 no menu rule's run had kept lines on both sides).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home | News | Sport\\nThe count ended at midnight in all four wards of the town.\\n"
    ...               "Green | 1 204 | 5\\nLabour | 987 | 3\\nLiberal | 455 | 1\\n"
    ...               "Turnout was 61 per cent, up from 54 in 2022.\\n")
    >>> ctx.marks.rule[0] = "nav.menu_bar"; ctx.marks.rule[2:5] = ["nav.menu_bar"] * 3
    >>> give_back_menus_inside_the_story(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    ['nav.menu_bar', None, None, None, None, None, None]
    """
    rule = ctx.marks.rule
    content = ctx.lines.content
    done: set[int] = set()
    for i in shape.cut_by(ctx, MENU_RULES, shape.removed):
        if i in done:
            continue
        above = _nonblank(ctx, i, -1)
        announced = above is not None and rule[above] == CLASSIFIER_RULE and _announces(shape, content[above]) \
            and content[above].rstrip().endswith((":", "："))
        if not (_kept(ctx, above) or announced):
            continue  # (the run from here fails the test below: its walk down is not needed,
            # and a later line of it has a cut line above it; on the generated corpus no run passes)
        run, j = [i], _nonblank(ctx, i, 1)
        while j is not None and rule[j] == rule[i]:
            run.append(j)
            j = _nonblank(ctx, j, 1)
        done.update(run)
        if not _kept(ctx, j):
            continue
        if any(shape.n_words(k) >= CLOSING_SENTENCE_MIN_WORDS and shape.ends_sentence(k)
               or content[k].rstrip().endswith((":", "：")) for k in (above, j)):
            for k in run + ([above] if announced else []):
                rule[k] = None


# The story's opening sentence under the page's head is a paragraph of this many words or more.
LEAD_MIN_WORDS = 12
# The kept story goes on within this many non-blank lines under it (a caption between).
LEAD_MAX_GAP = 2


def give_back_the_lead(ctx, shape: BodyShape) -> None:
    """The story's first paragraph, cut by the classifier right under the page's head,
    comes back: a sentence (or a line announcing the story's entries with ":") of
    LEAD_MIN_WORDS+ words with no kept sentence anywhere above it, a rule of the head (a
    date line, a byline, a headline, the share bar) cut the line right above it, or the
    line above the model's cut of one or two lines there (a share bar's last button; not
    the model's cut alone, which may be a teaser's summary) -- or every line above it is cut
    (``_all_cut_above``: a head no rule knows, round 23) --, and under
    it, within LEAD_MAX_GAP non-blank lines, a kept line with a kept sentence of the story
    further down. The model reads an opening paragraph whose neighbours above are all cut
    as the end of a block of furniture; the head's own rules say where the story starts.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Harvest supper raises money for the roof\\nPosted on 3 December 2026\\n"
    ...               "Over ninety people came to the village hall on Saturday for the harvest supper.\\n"
    ...               "The hall laid out for supper\\nRaffle winners:\\nHamper: Mrs Carter\\n"
    ...               "Thanks to everyone who baked, carried chairs and washed up.\\n")
    >>> ctx.marks.rule[:4] = ["classifier", "news.dateline", "classifier", "classifier"]
    >>> give_back_the_lead(ctx, BodyShape(ctx))
    >>> ctx.marks.rule
    ['classifier', 'news.dateline', None, 'classifier', None, None, None, None]
    """
    rule = ctx.marks.rule
    long_enough = ctx.stats.n_words >= LEAD_MIN_WORDS
    for i in shape.cut_by(ctx, {CLASSIFIER_RULE}, long_enough):
        if not (_head_cut_above(ctx, i) is not None or _all_cut_above(ctx, i)) or not _is_opening(ctx, shape, i):
            continue
        if any(_kept(ctx, k) and shape.ends_sentence(k) and shape.n_words(k) >= CLOSING_SENTENCE_MIN_WORDS
               for k in range(i)):
            return  # (the story started above: this is no opening)
        below, near = i, False
        for _ in range(LEAD_MAX_GAP):
            below = _nonblank(ctx, below, 1)
            if below is None:
                break
            near = near or _kept(ctx, below)
        if near and _sentence_below(ctx, shape, i):
            rule[i] = None
        return  # (only the first candidate: the story has one opening)


# The rules of a page's head: its date line, byline, headline, and the share bar under them.
HEAD_RULE_PREFIXES = ("dates.", "news.dateline", "news.byline", "news.headline", "outlets.dateline", "outlets.byline",
                      "social.", "outlets.share")
# Lines the model cut between the head's rule cut and the opening ("Link kopieren"): at most.
LEAD_MODEL_CUTS_ABOVE = 2


def _head_cut_above(ctx, i: int) -> int | None:
    """The head's rule cut right above line `i`, across at most LEAD_MODEL_CUTS_ABOVE lines
    the model cut (a share bar's last button); None when a kept line, the page's start or
    another rule's cut comes first."""
    rule = ctx.marks.rule
    j = _nonblank(ctx, i, -1)
    for _ in range(LEAD_MODEL_CUTS_ABOVE):
        if j is None or rule[j] != CLASSIFIER_RULE:
            break
        j = _nonblank(ctx, j, -1)
    return j if j is not None and rule[j] is not None and _head_rule(rule[j]) else None


# A page's head cut whole above the opening (menu, headline, byline): this many lines at least.
HEAD_MIN_LINES = 3


def _all_cut_above(ctx, i: int) -> bool:
    """Every non-blank line above line `i` is cut, HEAD_MIN_LINES of them at least: the
    page's head in a language no rule of the head knows (its byline, its date), which the
    model cut whole with the headline and the menu, over the story's opening (round 23).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home\\nNews\\nA headline\\nThe story opens here.\\n")
    >>> ctx.marks.rule[:3] = ["classifier"] * 3
    >>> _all_cut_above(ctx, 3), _all_cut_above(ctx, 2)
    (True, False)
    """
    rule, blank = ctx.marks.rule, ctx.blank
    above = [k for k in range(i) if not blank[k]]
    return len(above) >= HEAD_MIN_LINES and all(rule[k] is not None for k in above)


def _head_rule(r: str) -> bool:
    return r.startswith(HEAD_RULE_PREFIXES)


def _sentence_below(ctx, shape: LineShape, i: int) -> bool:
    """A kept sentence of CLOSING_SENTENCE_MIN_WORDS+ words stands somewhere under line `i`."""
    rule, blank = ctx.marks.rule, ctx.blank
    return any(rule[k] is None and not blank[k] and shape.n_words(k) >= CLOSING_SENTENCE_MIN_WORDS
               and shape.ends_sentence(k) for k in range(i + 1, ctx.lines.n_lines))

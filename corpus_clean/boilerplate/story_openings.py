"""The story's opening block that the classifier cut whole under the page's head (round 24):
a give-back step of ``story_body._give_back``.

A story that opens on a sentence and then a list ("Nkhono's flatbread, as she made it." /
"Ingredients" / "3 cups of flour" / ... / "Method" / "1. Mix the flour ...") is read by the
model as one block of furniture with the head above it: the opening sentence, the list's
heading and its rows are cut together, and the story is kept only from where its
sentences get long again. ``story_body.give_back_the_lead`` gives back an opening
paragraph with the story kept within two lines under it; this step gives back the
opening with the block of short lines under it, when:

* everything above the opening is cut (the page's head: a head rule's cut right above it,
  or HEAD_MIN_LINES+ lines all cut), and the opening is a sentence of OPENING_MIN_WORDS+
  words the model cut, or a line ending in ":" of ``story_body.LEAD_MIN_WORDS``+ words (a
  byline's fields end in ":" too: "Publicado por: Ana Borba - Categoria:");
* under it, a block of at most BLOCK_MAX_LINES short lines (no paragraph) the model cut
  (or a rule cut as an insert: a caption), whose first line the model cut and that starts
  as a list does: the opening ends in ":", or the block's first line does ("The count:"),
  or it is a heading (a few words ending in a word: "Ingredients", "The case in brief"); a
  caption's sentence stands over a rule's insert (its credit: "Bild: Keystone");
* right under the block a kept line, with a kept sentence of the story
  (STORY_SENTENCE_MIN_WORDS+ words) within GAP_BELOW non-blank lines from it: the story
  goes on there.

The opening and the block's lines come back, but for captions at the block's end
(``_caption_at_the_end``) and the inserts a rule cut, when BLOCK_MIN_LINES+ lines of the
block are left. A
standfirst over the page's menu has no kept story right under its block, or a block that
starts as no list does. Page structure only: no word of the lines is read.

Round 25 reads the page's own words once: an opening that echoes the headline (two of its
words, ``_echoes_the_head``) is the story's, so its short sentences come back with only a
kept line under them (``give_back_openings_echoing_the_head``), and it stands for the
story's long sentence under its block here (a story told in short sentences).
"""
from __future__ import annotations

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_caption_cut import _open_line
from corpus_clean.boilerplate.story_inserts import MORE_SENTENCE_ENDS, LineShape, nonblank_neighbour
from corpus_clean.boilerplate.story_list_tail import _alike
from corpus_clean.boilerplate.story_rows import _heading, row_label

# The opening sentence: this many words at least ("Numu aga tsuponi kwasi Nixon, 20 numu.").
OPENING_MIN_WORDS = 5
# The block of short lines under the opening: this many at most, and this many at least once
# a caption at its end is left out (a heading and a row; a caption's sentence has its credit
# alone under it: "Reuters").
BLOCK_MAX_LINES = 10
BLOCK_MIN_LINES = 2
# The story's kept sentence: this many words at least, within GAP_BELOW lines of the kept line under the block.
STORY_SENTENCE_MIN_WORDS = 5
GAP_BELOW = 3


def _ends_colon(line: str) -> bool:
    return line.rstrip().endswith((":", "："))


def _starts_a_list(shape: LineShape, content: list, opening: int, first: int) -> bool:
    """The block under `opening` starts as a list does: the opening or the block's `first`
    line ends in ":", or `first` is a heading (``story_rows._heading``: a few words ending in
    a word, no ":" in it: a photo's credit "Foto: Keystone" is none)."""
    return _ends_colon(content[opening]) or _ends_colon(content[first]) or _heading(shape, content, first)


def _announces_the_kept_rows(ctx, shape: LineShape, content: list, block: list[int], k: int) -> bool:
    """The block ends in a list whose rows go on in kept line `k`: its last line is a
    labelled row of `k`'s kind (``story_rows.row_label``), under a ":" line of the block
    (the list's label) with only rows of that kind between. A story told as rows keeps
    one row and no sentence under its opening ("Hươn măư:" / "Hươn 1 — pú" / kept "Hươn 2 —
    me"), with a quote or a caption between the opening and the label.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Houses:\\nHouse 1 — north\\nHouse 2 — south\\nHouse 3 — east\\nIn short\\nHouse 3 — east")
    >>> shape = LineShape(ctx.stats)
    >>> _announces_the_kept_rows(ctx, shape, ctx.lines.content, [0, 1, 2], 3)
    True
    >>> _announces_the_kept_rows(ctx, shape, ctx.lines.content, [1, 2], 3), \\
    ...     _announces_the_kept_rows(ctx, shape, ctx.lines.content, [0, 1, 2, 4], 5)
    (False, False)
    """
    kind = row_label(shape, content, k)
    if kind is None or ctx.marks.rule[k] is not None:
        return False
    for j in reversed(block):
        if _ends_colon(content[j]):
            return j != block[-1]
        if row_label(shape, content, j) != kind:
            return False
    return False


def _caption_at_the_end(shape: LineShape, content: list, block: list[int]) -> bool:
    """The block's last line is a caption: an open line (``story_caption_cut._open_line``)
    ending in a word (a verse's line ends in ","), not a row like the one above it (a
    labelled row of the same kind, ``story_rows.row_label``: "Kotido — 400" under "Moroto —
    600"; else ``story_list_tail._alike``).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Moroto — 600\\nKotido — 400 head\\nHerders at the Moroto dam\\nThe hills of the north,")
    >>> shape = LineShape(ctx.stats)
    >>> [_caption_at_the_end(shape, ctx.lines.content, [0, k]) for k in (1, 2, 3)]
    [False, True, False]
    """
    last = block[-1]
    if not (_open_line(shape, content, last) and shape.ends_in_a_word(last)):
        return False
    if len(block) < 2:
        return True
    label = row_label(shape, content, block[-2])
    if label is not None:  # (labelled rows: a row has the label's kind, of any length)
        return row_label(shape, content, last) != label
    return not _alike(shape, content, [block[-2]], last)


def _story_goes_on_from(ctx, shape: LineShape, k: int) -> bool:
    """A kept sentence of the story within GAP_BELOW non-blank lines from kept line `k` on."""
    j = k
    for _ in range(GAP_BELOW):
        if j is None:
            return False
        if ctx.marks.rule[j] is None and shape.ends_sentence(j) and shape.n_words(j) >= STORY_SENTENCE_MIN_WORDS:
            return True
        j = nonblank_neighbour(ctx, j, 1)
    return False


def _block_under(ctx, shape: LineShape, opening: int) -> tuple[list[int], int | None]:
    """(the short lines the model cut, or a rule cut as an insert, right under `opening`, at
    most BLOCK_MAX_LINES; the line under them); ([], None) when a paragraph or another
    rule's cut comes first, or the block runs longer."""
    from corpus_clean.boilerplate.story_body import is_insert_rule  # (story_body imports this module)

    rule = ctx.marks.rule
    block: list[int] = []
    j = nonblank_neighbour(ctx, opening, 1)
    while j is not None and rule[j] is not None:
        if len(block) == BLOCK_MAX_LINES or shape.is_paragraph(j) or not (
                rule[j] == CLASSIFIER_RULE or is_insert_rule(rule[j])):
            return [], None
        block.append(j)
        j = nonblank_neighbour(ctx, j, 1)
    return block, j


def give_back_the_opening_block(ctx, shape: LineShape) -> None:
    """Give back the story's opening and the block of short lines under it that the model
    cut whole under the page's head (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home\\nRecipes\\nNkhono's flatbread\\nBy Palesa\\n"
    ...               "My grandmother made these flatbreads every winter morning, and here is how.\\n"
    ...               "Ingredients\\n3 cups of flour\\n1 spoon of yeast\\nMethod\\nThe flatbread in the pan\\n"
    ...               "1. Mix the flour and the yeast in a bowl, then add warm water.\\n"
    ...               "2. Knead the dough for ten minutes.\\nShare")
    >>> ctx.marks.rule[:10] = ["classifier"] * 10
    >>> ctx.marks.rule[12] = "social.share_bar"
    >>> give_back_the_opening_block(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[3:10]
    ['classifier', None, None, None, None, None, 'classifier']
    """
    from corpus_clean.boilerplate.story_body import LEAD_MIN_WORDS, _all_cut_above, _head_cut_above, is_insert_rule

    rule, content = ctx.marks.rule, ctx.lines.content
    for s in range(ctx.lines.n_lines):
        if ctx.blank[s]:
            continue
        if rule[s] is None:
            return  # (the story opened above: its opening is kept)
        if rule[s] != CLASSIFIER_RULE or shape.n_words(s) < OPENING_MIN_WORDS \
                or not (shape.ends_sentence(s) or (_ends_colon(content[s]) and shape.n_words(s) >= LEAD_MIN_WORDS)):
            continue  # (a byline's fields end in ":" too: "- Publicado por: Ana Borba - Categoria:")
        if not (_head_cut_above(ctx, s) is not None or _all_cut_above(ctx, s)):
            return
        block, k = _block_under(ctx, shape, s)
        # (a rule's insert right under the opening makes it a caption: "... im Zeitplan." / "Bild: Keystone")
        rows_go_on = bool(block) and k is not None and _announces_the_kept_rows(ctx, shape, content, block, k)
        if block and rule[block[0]] == CLASSIFIER_RULE and k is not None \
                and (_starts_a_list(shape, content, s, block[0]) or rows_go_on) \
                and (_story_goes_on_from(ctx, shape, k) or _echoes_the_head(ctx, s)):
            # (a caption between the block and the story stays cut; a row the kept row goes on from is none)
            while block and not rows_go_on and (is_insert_rule(rule[block[-1]]) or _caption_at_the_end(shape, content, block)):
                block.pop()
            if len(block) >= BLOCK_MIN_LINES:
                for i in [s] + block:
                    if rule[i] == CLASSIFIER_RULE:
                        rule[i] = None
        return  # (only the first candidate: the story has one opening)


# The head's lines read for the headline the opening echoes: this many non-blank lines above it.
HEAD_LOOKBACK = 6
# An echo: this many of the opening's words stand in one line of the head (words of
# ECHO_WORD_CHARS+ characters, compared by as many first characters: "Налшык" ~ "Налшыкым").
ECHO_MIN_WORDS = 2
ECHO_WORD_CHARS = 4
# The opening's sentences: at most this many lines, each of this many words at least.
OPENING_RUN_MAX_LINES = 3
OPENING_SENTENCE_MIN_WORDS = 3
_EDGE_PUNCTUATION = "\"'“”‘’«»„()[]{}.,;:!?¿¡—–-|/…।॥"


_CLOSERS = "\"'”’»)」』"
_STOPS = ".!?…。！？"


def states_a_sentence(line: str) -> bool:
    """`line` ends in a full stop, a question or an exclamation mark (or another script's:
    "।"), inside closing quotes or brackets at most. A caption's agency "(AFP)" or a poll's
    "(16%, 654 Votes)" ends in a bracket alone (``LineShape.ends_sentence`` counts a bracket).

    >>> [states_a_sentence(x) for x in ("Zu kaa.", "«Mii guhkkin.»", "हातु रे हुयना।", "Julian Vance (AFP)")]
    [True, True, True, False]
    """
    core = line.rstrip().rstrip(_CLOSERS)
    return bool(core) and (core[-1] in _STOPS or ord(core[-1]) in MORE_SENTENCE_ENDS)


def _in_the_gap(rule: str | None) -> bool:
    """A cut line may stand between the opening and the kept story: the model's cut (a
    caption, a heading) or a rule's that is neither the head's (a byline or a date line
    under a sentence make it the head's own: a second headline) nor a photo's credit (the
    sentence over it is the photo's caption)."""
    from corpus_clean.boilerplate.story_body import _head_rule

    return rule == CLASSIFIER_RULE or not (_head_rule(rule) or "credit" in rule)


def word_keys(line: str) -> set[str]:
    """The keys of a line's words: the first ECHO_WORD_CHARS characters, casefolded, of each
    word of that many characters or more with a letter in it, split on spaces (a vowel sign
    stays in its word: "चाईबासा"), punctuation at its edges aside.
    Not ``story_echo.content_keys`` nor ``story_inserts._name_keys`` (5+ letters, split at a vowel
    sign): a headline's short names ("Налшык", "Мага") and Devanagari words count here.

    >>> sorted(word_keys("Kerrabhân sapè è lapangan, arè Minggu."))
    ['kerr', 'lapa', 'ming', 'sapè']
    >>> sorted(word_keys("चाईबासा रे मागे परब"))
    ['चाईब', 'मागे']
    """
    keys = set()
    for word in line.split():
        word = word.strip(_EDGE_PUNCTUATION)
        if len(word) >= ECHO_WORD_CHARS and any(c.isalpha() for c in word):
            keys.add(word[:ECHO_WORD_CHARS].casefold())
    return keys


def _opens_with(head: str, line: str) -> bool:
    """`line` opens with `head`'s words (casefolded), as a whole word.

    >>> _opens_with("Joshi", "Joshi May ispa karik."), _opens_with("Jo", "Joshi May ispa karik.")
    (True, False)
    """
    head, text = head.strip().casefold(), line.strip().casefold()
    return bool(head) and text.startswith(head) and (len(text) == len(head) or not text[len(head)].isalnum())


def _echoes_the_head(ctx, s: int) -> bool:
    """Line `s` names what a line of the page's head above it names: ECHO_MIN_WORDS+ of its
    words stand in one cut line of the HEAD_LOOKBACK lines above (the headline: "Налшык шы
    зэпеуэ щекӀуэкӀащ" over "Тхьэмахуэ махуэм Налшык и ипподромым шы зэпеуэ щекӀуэкӀащ.").
    A sentence of the site's furniture under the head ("Listen to this article.") names none
    of the headline's words. Or (round 26) a cut line of the head is the words the sentence
    opens with: a wiki's title over its "From Wikipedia" line and its first sentence
    ("Chisec" / "Ch'olch'o li Wikipedia" / "Chisec jun tenamit sa' li Alta Verapaz.").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Home\\nKerrabhan sapè at Bâtoghâjâ\\nKerrabhan sapè is held on Sunday.\\nListen to this article.")
    >>> _echoes_the_head(ctx, 2), _echoes_the_head(ctx, 3)
    (True, False)
    >>> ctx = Context("Chisec\\nFrom Wikipedia\\nChisec is a town in Alta Verapaz.")
    >>> _echoes_the_head(ctx, 2)
    True
    """
    keys = word_keys(ctx.lines.content[s])
    j = s
    for step in range(HEAD_LOOKBACK):
        j = nonblank_neighbour(ctx, j, -1)
        if j is None:
            return False
        head = word_keys(ctx.lines.content[j])
        if len(keys & head) >= ECHO_MIN_WORDS or (step == 0 and len(head) == 1 and head <= keys) \
                or (head and _opens_with(ctx.lines.content[j], ctx.lines.content[s])):
            return True
    return False


def give_back_openings_echoing_the_head(ctx, shape: LineShape) -> None:
    """Give back the story's opening sentences that the model cut under the page's head,
    when the first of them echoes the headline (round 25).

    A story opened in short sentences ("Тхьэмахуэ махуэм Налшык и ипподромым шы зэпеуэ
    щекӀуэкӀащ." / "Зэпеуэм шы 36-рэ хэтащ.") over a caption and a list is read by the model
    as the end of the head: ``story_body.give_back_the_lead`` wants one paragraph of
    LEAD_MIN_WORDS+ words. Here the first line the model cut under the head cut whole (as
    for the lead) is a sentence of OPENING_SENTENCE_MIN_WORDS+ words that echoes the
    headline (``_echoes_the_head``); with it come the sentences the model cut right under
    it (at most OPENING_RUN_MAX_LINES lines in all), when a kept line stands within
    GAP_BELOW non-blank lines under them (a heading, a caption between): the story goes on
    there, in a sentence or in a list's ":" label ("दुमङ दल:" over rows the model cut too).
    Nothing kept above it: the story has not started.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("News\\nSport\\nKerrabhan sapè at Bâtoghâjâ\\n30 November 2026\\n"
    ...               "Kerrabhan sapè is held at Bâtoghâjâ on Sunday.\\nMore than three thousand came.\\n"
    ...               "The bulls on the field\\nResults:\\n1. Bintang Temor\\n"
    ...               "Our bulls have raced for three years, said the owner.\\n")
    >>> ctx.marks.rule[:7] = ["classifier"] * 3 + ["dates.date_line"] + ["classifier"] * 3
    >>> give_back_openings_echoing_the_head(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule[3:7]
    ['dates.date_line', None, None, 'classifier']
    """
    from corpus_clean.boilerplate.story_body import _all_cut_above, _head_cut_above

    rule, content = ctx.marks.rule, ctx.lines.content
    for s in range(ctx.lines.n_lines):
        if rule[s] is None:  # (the rule first: a blank line is never cut)
            if ctx.blank[s]:
                continue
            return  # (the story opened above: its opening is kept)
        if rule[s] != CLASSIFIER_RULE or not shape.ends_sentence(s) or shape.n_words(s) < OPENING_SENTENCE_MIN_WORDS \
                or not states_a_sentence(content[s]):
            continue  # (the head's menu, headline and byline end in no sentence)
        if not (_head_cut_above(ctx, s) is not None or _all_cut_above(ctx, s)):
            return  # (only the first sentence the model cut: the story opens there)
        run, j = [s], nonblank_neighbour(ctx, s, 1)
        while j is not None and len(run) < OPENING_RUN_MAX_LINES and rule[j] == CLASSIFIER_RULE \
                and shape.n_words(j) >= OPENING_SENTENCE_MIN_WORDS and states_a_sentence(content[j]):
            run.append(j)
            j = nonblank_neighbour(ctx, j, 1)
        for _ in range(GAP_BELOW):
            if j is None or rule[j] is None or not _in_the_gap(rule[j]):
                break
            j = nonblank_neighbour(ctx, j, 1)
        if j is not None and rule[j] is None and _echoes_the_head(ctx, s):  # (the words last: they cost most)
            for i in run:
                rule[i] = None
        return

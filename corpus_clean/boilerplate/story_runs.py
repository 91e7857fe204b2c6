"""A run of short lines the menu rule cut, with the story going on right under it, is the
story's own list (round 21): a give-back of ``story_body.give_back_story_body_lines``.

``nav.menu_run`` cuts five or more short capitalised lines in a row: a menu flattened to
text. A story holds such runs too (the winners' names, the villages on a new road, a
task's steps, a poem), and the classifier, reading the cut run as the page's furniture,
then cuts the story's sentences under it as well. ``give_back_menus_inside_the_story``
gives a run back when kept story lines stand right above and right below it; this step
reads the page the way the story does when a caption sits between the run and the story,
or when the classifier's cut under the run took the story's next sentences too:

* **above the run**, the story: a kept sentence (CLOSING_SENTENCE_MIN_WORDS+ words) or a
  kept ":" line, or one short line (a subheading, a caption; kept or cut) over such a
  sentence;
* **below the run**, after at most one short line (a caption), a sentence of
  CLOSING_SENTENCE_MIN_WORDS+ words, kept or cut by the classifier, that names what the
  story above the run names (a word of ECHO_CAPTION_MIN_CHARS+ letters shared with the
  story's kept sentences: ``story_inserts._name_keys``): the story went on after its
  list. (A kept sentence alone is not enough: the readers' comments are still kept when
  this step runs, and a commenter's name over a comment has a caption's place over a
  sentence.)

The run comes back, with the sentences the classifier cut right under it (up to
CLOSING_MAX_LINES, each naming the story). A page's menus stand above the story or
under its end, with the furniture (share bar, teasers, comments) under them, not the
story's next sentence (``benchmarks/news_runs.py``: the menus of ``training.menu_or_list_gen``
in six positions stay cut). No word of the run is read.
"""
from __future__ import annotations

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_inserts import LineShape, _name_keys, nonblank_neighbour

MENU_RULE = "nav.menu_run"
# The story's sentence next to the run: this many words at least (as ``story_body``'s closing sentences).
STORY_SENTENCE_MIN_WORDS = 5
# A caption or subheading between the run and the story: this many words at most.
INSERT_MAX_WORDS = 15
# The classifier's cut sentences under the run that come back with it: this many at most.
CLOSING_MAX_LINES = 3
# The story's sentence under the run names this many of the story's words, or one written
# as a name (one lower-case word is a common word as often as a name: a tag list over
# "Share your thoughts with friends." under a story that spoke of "friends").
NAMES_MIN_SHARED = 2
# A ":" line announcing the story's list says this much ("Evacuation centres open today:");
# a menu's label says a word or two ("Sections:", "Follow us:").
LIST_ANNOUNCE_MIN_WORDS = 3


def _sentence(shape: LineShape, i: int | None) -> bool:
    return i is not None and shape.ends_sentence(i) and shape.n_words(i) >= STORY_SENTENCE_MIN_WORDS


def _colon(content: list, i: int) -> bool:
    return content[i].rstrip().endswith((":", "："))


def _short(shape: LineShape, i: int | None) -> bool:
    """A caption's or a subheading's shape: a line of 1..INSERT_MAX_WORDS words that is no story sentence."""
    return i is not None and shape.n_words(i) <= INSERT_MAX_WORDS and not _sentence(shape, i)


def _story_above(ctx, shape: LineShape, start: int) -> bool:
    """The story stands right above the run starting at `start`: a kept sentence or ":"
    line, or one short line (kept or cut) over a kept sentence."""
    rule, content = ctx.marks.rule, ctx.lines.content
    above = nonblank_neighbour(ctx, start, -1)
    if above is None:
        return False
    if rule[above] is None and (_sentence(shape, above) or _colon(content, above)):
        return True
    higher = nonblank_neighbour(ctx, above, -1)
    return _short(shape, above) and not _colon(content, above) and higher is not None \
        and rule[higher] is None and _sentence(shape, higher)


def story_keys(ctx, shape: LineShape, end: int, min_words: int = STORY_SENTENCE_MIN_WORDS, keys_of=_name_keys) -> set[str]:
    """The keys (`keys_of` a line: its name keys, ``_name_keys``, by default) of the story's kept
    lines ending a sentence of `min_words`+ words above line `end`.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Mayor Anna Wrona opened the new harbour on Tuesday.\\nRuben Martínez sang.\\nMenu\\n")
    >>> shape = LineShape(ctx.stats)
    >>> sorted(story_keys(ctx, shape, 3)) == sorted(_name_keys(ctx.lines.content[0])), \\
    ...     story_keys(ctx, shape, 3, min_words=0) >= _name_keys("Ruben Martínez sang.")
    (True, True)
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    keys: set[str] = set()
    for j in range(end):
        if rule[j] is None and not ctx.blank[j] and shape.ends_sentence(j) and shape.n_words(j) >= min_words:
            keys |= keys_of(content[j])
    return keys


def _names_the_story(keys: set[str], line: str) -> bool:
    """`line` names what the story names: NAMES_MIN_SHARED of its words (`keys`,
    ``story_inserts._name_keys``), or one written as a name (a capital inside the line).

    >>> keys = _name_keys("Kavala's choir and its friends sang at the harbour of Kavala.")
    >>> [_names_the_story(keys, s) for s in ("The choir of Kavala sings at Easter.",
    ...     "Share your thoughts with friends.", "Our friends at the harbour.")]
    [True, False, True]
    """
    # (the line's own keys met with the story's: as ``story_inserts._names_found`` counts
    # them, without a search for each of a long story's keys)
    if len(_name_keys(line) & keys) >= NAMES_MIN_SHARED:
        return True
    words = line.split()[1:]
    return any(w[:1].isupper() and _name_keys(w) & keys for w in words)


def _story_below(ctx, shape: LineShape, end: int, keys: set[str]) -> list[int] | None:
    """The story's sentences right under the run ending at `end` (after at most one short
    line): [] when the next sentence is kept, the classifier's cut sentences that name the
    story when it cut them, None when the story does not go on there."""
    rule, content = ctx.marks.rule, ctx.lines.content
    j = nonblank_neighbour(ctx, end, 1)
    if j is not None and _short(shape, j) and not _colon(content, j):
        j = nonblank_neighbour(ctx, j, 1)
    if not _sentence(shape, j) or not _names_the_story(keys, content[j]):
        return None
    if rule[j] is None:
        return []
    back: list[int] = []
    while _sentence(shape, j) and rule[j] == CLASSIFIER_RULE and len(back) < CLOSING_MAX_LINES \
            and _names_the_story(keys, content[j]):
        back.append(j)
        j = nonblank_neighbour(ctx, j, 1)
    return back or None


def _row_kind(line: str) -> tuple[bool, bool]:
    """What a list's rows share: a digit in them, a ":" inside ("Ngon 1: 10", "Price: 5")."""
    return any(c.isdigit() for c in line), ":" in line.rstrip()[:-1]


def _items_like_the_first(ctx, run: list[int]) -> list[int]:
    """The run's lines up to the first of another kind (``_row_kind``) than its first: a
    list's rows are alike; the share bar and the teasers the menu rule read on with them
    ("Ngon 1: 10" / "Ngon 2: 12" / "Share" / "More news") are not.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Ngon 1: 10\\nNgon 2: 12\\nKan\\nLome\\nMore news")
    >>> _items_like_the_first(ctx, [0, 1, 2, 3, 4])
    [0, 1]
    """
    content = ctx.lines.content
    first = _row_kind(content[run[0]])
    out = []
    for k in run:
        if _row_kind(content[k]) != first:
            break
        out.append(k)
    return out


def _announced_last_list(ctx, shape: LineShape, run: list[int]) -> bool:
    """The run is the list a kept story sentence announced: a ":" line of
    LIST_ANNOUNCE_MIN_WORDS+ words right under that sentence, kept, or cut by the classifier
    and naming a word of the story ("The women of the tiwizi:" under a story of the
    tiwizi); a menu's label names nothing of the story ("Follow us on:", "Find us here:").

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The Kavala choir sang at the harbour on Sunday.\\nWho sang with the choir:\\n"
    ...               "Follow us on:\\nAna Toma")
    >>> ctx.marks.rule[1:4] = ["classifier"] * 3
    >>> _announced_last_list(ctx, LineShape(ctx.stats), [3]), _announced_last_list(ctx, LineShape(ctx.stats), [2])
    (False, True)
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    above = nonblank_neighbour(ctx, run[0], -1)
    if above is None or rule[above] not in (None, CLASSIFIER_RULE) or not _colon(content, above) \
            or shape.n_words(above) < LIST_ANNOUNCE_MIN_WORDS:
        return False
    higher = nonblank_neighbour(ctx, above, -1)
    if higher is None or rule[higher] is not None or not _sentence(shape, higher):
        return False
    return rule[above] is None or bool(_name_keys(content[above]) & story_keys(ctx, shape, above))


def _runs(ctx, cut: list[int]) -> list[list[int]]:
    """The menu rule's lines `cut` (in order) as runs: lines with only blank lines between them.

    >>> from corpus_clean.boilerplate.engine import Context
    >>> _runs(Context("a\\nb\\n\\nc\\nd\\ne"), [0, 1, 3, 5])
    [[0, 1, 3], [5]]
    """
    runs: list[list[int]] = []
    blank = ctx.blank
    for i in cut:
        if runs and (i == runs[-1][-1] + 1 or all(blank[runs[-1][-1] + 1:i])):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def give_back_runs_the_story_goes_on_from(ctx, shape: LineShape) -> None:
    """Give back the menu rule's runs the story goes on from (see the module's docstring).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("The Kavala choir sang at the harbour on Sunday for the new school.\\n"
    ...               "Who sang:\\nAna Toma\\nLida Rusu\\nMira Enge\\nTeo Balan\\nIon Sava\\n"
    ...               "The choir from Kavala sings again at Easter, its leader said.\\nShare")
    >>> ctx.marks.rule[2:7] = ["nav.menu_run"] * 5
    >>> ctx.marks.rule[7:9] = ["classifier", "social.share"]
    >>> give_back_runs_the_story_goes_on_from(ctx, LineShape(ctx.stats))
    >>> ctx.marks.rule
    [None, None, None, None, None, None, None, None, 'social.share']
    """
    rule = ctx.marks.rule
    if MENU_RULE not in rule:
        return
    for run in _runs(ctx, [i for i, r in enumerate(rule) if r == MENU_RULE]):
        if _announced_last_list(ctx, shape, run):
            for k in _items_like_the_first(ctx, run) + [nonblank_neighbour(ctx, run[0], -1)]:
                rule[k] = None
            continue
        if not _story_above(ctx, shape, run[0]):
            continue
        below = _story_below(ctx, shape, run[-1], story_keys(ctx, shape, run[0]))
        if below is None:
            continue
        for k in run + below:
            rule[k] = None

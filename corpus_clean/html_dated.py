"""A chronology's dates: the year lines the marker rules cut from an extracted story come back.

On the HTML path the boilerplate step runs the packs' whole-line marker rules over the
extracted story (``html.finish_html_documents``). Two of them read a short line alone:
``outlets.count_only`` cuts a line that is only a number (a like or share count under a
post, "4.5K") and the date rules cut a line that is only a date (a dateline under the
headline, "12 March 2016"). A chronology ("our history", a timeline) writes each entry as a
year or a date on its own line over the entry's text (``<h3>1907</h3><p>…</p>``, ``<time>``,
``<span class=year>``, ``<dt>``): rendered, every year went, and with it what the page is
about. The text path gives such lines back by the story's shape
(``boilerplate.story_body``, "dated entries"); this is that mechanism for the HTML path,
which runs no classifier and so none of its give-backs.

:func:`keep_dated_entries` takes the marker cuts of one extracted text and drops from them the
cut date lines that are a chronology's entries: a run of :data:`MIN_ENTRIES` or more cut lines,
each only a year (cut by ``count_only``), each directly followed by a kept line (the entry's text), with at
most :data:`ENTRY_MAX_LINES` kept lines and no other cut between two of them (the last ending a
sentence: a user panel's "Posts" label over a count of 1865 is no entry), and the years in
order (rising or falling: a chronology is ordered; counts under posts are not). A lone
year, a time of day ("23:38"), counts and full dates stay cut: a full date over each entry
("Feb 9, 2026" over a blog's post titles, "Mar 21, 2025" over a thread's replies) is a list of
teasers or posts as often as a chronology (WCXB dev: a blog index lost 0.035 when its dates came
back, a forum thread gained 0.037), while a year alone over text is a chronology's.

:func:`keep_outline_numbers` does the same for an outline's numbers: an agenda, a contract or a
changelog laid out as a table (a number cell beside the item's cell: ``<td>1.2</td><td><p>…``)
or with the number in its own block renders each item's number ("1.2", "2.1.4") alone on
a line over the item's text, and ``count_only`` cut it as a count. A run of
:data:`MIN_ENTRIES` or more such cut numbers, each directly followed by kept text, each the
next number of an outline after the one before ("1.3" then "1.4" or "2.1"), comes back: counts
under posts ("12", "4.5K", "1,204") are no outline's and are not in an outline's order.
"""
from __future__ import annotations

import re

__all__ = ["DATE_RULES", "MIN_ENTRIES", "ENTRY_MAX_LINES", "OUTLINE_MAX_LINES", "entry_year", "keep_dated_entries",
           "outline_number", "next_in_outline", "keep_outline_numbers"]

# The marker rules that cut a year or a date alone on its line (``boilerplate.story_body``'s set); only
# ``count_only``'s years come back (see the module's docstring).
DATE_RULES = frozenset({"dates.date_line", "news.dateline", "outlets.dateline", "outlets.count_only"})
COUNT_RULE = "outlets.count_only"
MIN_ENTRIES = 2  # two dated entries make a chronology (the text path's TIMELINE_MIN_ENTRIES)
ENTRY_MAX_LINES = 4  # an entry's text: a title, a paragraph or two, a short list
_SENTENCE_ENDS = frozenset(".!?…;:。！？؟۔")  # (Latin, CJK, Arabic and Urdu ends)
_CLOSERS = "\"'”’»)]"  # (a sentence may end inside quotes or brackets)
_YEAR_ONLY = re.compile(r"\s*(1[0-9]{3}|20[0-9]{2})\s*")
# An outline's number alone, two levels or more: "1.2", "2.1.4", "1.2." (a bare "3" is a count; a top-level
# "3." alone is a list's marker, which WCXB's golds leave out: a dev article and a product page lost 0.01-0.02)
_OUTLINE_ONLY = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s*")
OUTLINE_MAX_LINES = 8  # an item's text between two numbers: its paragraphs, a recommendation, a short list


def entry_year(line: str, rule: str) -> int | None:
    """The year a cut line dates an entry by, or None when the line is no chronology's date.

    >>> entry_year("1907", "outlets.count_only"), entry_year("4.5K", "outlets.count_only")
    (1907, None)
    >>> entry_year("12 March 2016", "news.dateline"), entry_year("23:38", "news.dateline")
    (None, None)
    """
    if rule != COUNT_RULE:
        # (a full date over each entry is a list of teasers or of posts as often as a chronology: "Feb 9,
        # 2026" over a blog's post titles, "· Mar 21, 2025" over a thread's replies; their golds differ)
        return None
    match = _YEAR_ONLY.fullmatch(line)
    return int(match.group(1)) if match else None


def _ordered(years: list[int]) -> bool:
    rising = all(a <= b for a, b in zip(years, years[1:]))
    falling = all(a >= b for a, b in zip(years, years[1:]))
    return (rising or falling) and years[0] != years[-1]


def keep_dated_entries(text: str, removals: list) -> list:
    """``removals`` (whole-line marker cuts of ``text``) without a chronology's date lines.

    >>> from corpus_clean.document import Removal
    >>> text = "Our town grew from a fishing village.\\n1907\\nThe harbour opens.\\n1921\\nThe railway arrives.\\n12\\n"
    >>> cuts = [Removal(38, 43, "outlets.count_only", "1907\\n"), Removal(62, 67, "outlets.count_only", "1921\\n"),
    ...         Removal(87, 90, "outlets.count_only", "12\\n")]
    >>> [r.text for r in keep_dated_entries(text, cuts)]
    ['12\\n']
    """
    # (most texts hold no two years cut alone: one look at the cuts' own text, no line of the story read)
    if sum(1 for r in removals if r.rule == COUNT_RULE and _YEAR_ONLY.fullmatch(r.text)) < MIN_ENTRIES:
        return removals
    lines, cut_lines = _lines_and_cuts(text, removals)
    dated = []  # (line index, year) of the cut lines that may date an entry
    for i, r in sorted(cut_lines.items()):
        year = entry_year(lines[i].strip(), r.rule)
        if year is not None and _entry_text_follows(lines, cut_lines, i):
            dated.append((i, year))
    runs = _runs(dated, lambda before, after: _same_run(lines, cut_lines, before[0], after[0]))
    keep = {i for run in runs if len(run) >= MIN_ENTRIES and _ordered([y for _, y in run]) for i, _ in run}
    return _without_lines(removals, cut_lines, keep)


def _lines_and_cuts(text: str, removals: list) -> tuple[list[str], dict]:
    """The text's lines and, by line index, the whole-line cut that starts each cut line."""
    lines = text.split("\n")
    line_of = {}
    start = 0
    for i, line in enumerate(lines):  # (the offset each line starts at)
        line_of[start] = i
        start += len(line) + 1
    cut_lines = {}
    for r in removals:
        i = line_of.get(r.start)
        if i is not None:
            cut_lines[i] = r
    return lines, cut_lines


def outline_number(line: str, rule: str) -> tuple[int, ...] | None:
    """The outline number a line cut by ``count_only`` is, as a tuple, or None (a count, another rule's cut).

    >>> outline_number("1.2", COUNT_RULE), outline_number("2.1.4.", COUNT_RULE)
    ((1, 2), (2, 1, 4))
    >>> outline_number("12", COUNT_RULE), outline_number("3.", COUNT_RULE), outline_number("4.5K", COUNT_RULE)
    (None, None, None)
    """
    match = _OUTLINE_ONLY.fullmatch(line) if rule == COUNT_RULE else None
    if match is None:
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def next_in_outline(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    """``after`` is an outline's next number after ``before``: the next at some level (deeper
    levels starting again at 1) or the first below it.

    >>> next_in_outline((1, 3), (1, 4)), next_in_outline((1, 3), (2, 1)), next_in_outline((1,), (1, 1))
    (True, True, True)
    >>> next_in_outline((1, 3), (1, 5)), next_in_outline((4, 5), (4, 5)), next_in_outline((2, 1), (1, 2))
    (False, False, False)
    """
    if len(after) > len(before) and after[:len(before)] == before:
        return all(part == 1 for part in after[len(before):])
    for level in range(min(len(before), len(after))):
        if after[level] != before[level]:
            return after[level] == before[level] + 1 and after[:level] == before[:level] and \
                all(part == 1 for part in after[level + 1:])
    return False


def keep_outline_numbers(text: str, removals: list) -> list:
    r"""``removals`` (whole-line marker cuts of ``text``) without an outline's item numbers (module docstring).

    >>> from corpus_clean.document import Removal
    >>> text = "1. Opening\n1.1\nThe chair opens.\n1.2\nMinutes are approved.\n2. Reports\n2.1\nBudget.\n12\n"
    >>> cuts = [Removal(11, 15, COUNT_RULE, "1.1\n"), Removal(32, 36, COUNT_RULE, "1.2\n"),
    ...         Removal(69, 73, COUNT_RULE, "2.1\n"), Removal(81, 84, COUNT_RULE, "12\n")]
    >>> [r.text for r in keep_outline_numbers(text, cuts)]
    ['12\n']
    """
    # (most texts hold no two outline numbers cut alone: one look at the cuts' own text first)
    if sum(1 for r in removals if r.rule == COUNT_RULE and _OUTLINE_ONLY.fullmatch(r.text)) < MIN_ENTRIES:
        return removals
    lines, cut_lines = _lines_and_cuts(text, removals)
    numbered = [(i, number) for i, r in sorted(cut_lines.items())
                if (number := outline_number(lines[i].strip(), r.rule)) is not None
                and _entry_text_follows(lines, cut_lines, i)]
    runs = _runs(numbered, lambda before, after: after[0] - before[0] <= OUTLINE_MAX_LINES + 1
                 and next_in_outline(before[1], after[1]))
    keep = {i for run in runs if len(run) >= MIN_ENTRIES for i, _ in run}
    return _without_lines(removals, cut_lines, keep)


def _runs(entries: list[tuple], joins) -> list[list[tuple]]:
    """``entries`` (line index, value), in order, split into runs: an entry joins the run before it when
    ``joins(last entry of the run, entry)``.

    >>> _runs([(1, 1), (3, 2), (9, 3)], lambda a, b: b[0] - a[0] < 5)
    [[(1, 1), (3, 2)], [(9, 3)]]
    """
    runs: list[list[tuple]] = []
    for entry in entries:
        if runs and joins(runs[-1][-1], entry):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def _without_lines(removals: list, cut_lines: dict, keep: set) -> list:
    """``removals`` without the cuts of the lines ``keep`` (line indexes into ``cut_lines``)."""
    if not keep:
        return removals
    kept_ids = {id(cut_lines[i]) for i in keep}
    return [r for r in removals if id(r) not in kept_ids]


def _entry_text_follows(lines: list[str], cut_lines: dict, i: int) -> bool:
    """The line after the date line `i` is kept text (the entry), not blank, not cut."""
    j = i + 1
    return j < len(lines) and j not in cut_lines and bool(lines[j].strip())


def _same_run(lines: list[str], cut_lines: dict, a: int, b: int) -> bool:
    """Between year lines `a` and `b`: 1..ENTRY_MAX_LINES kept lines of text and no cut, the last one
    ending a sentence (the entry's text; a user panel's "Posts" over a count of 1865 is a label)."""
    between = range(a + 1, b)
    if any(j in cut_lines for j in between):
        return False
    texts = [lines[j].strip() for j in between if lines[j].strip()]
    return 1 <= len(texts) <= ENTRY_MAX_LINES and texts[-1].rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS

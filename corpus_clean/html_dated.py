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
"""
from __future__ import annotations

import re

__all__ = ["DATE_RULES", "MIN_ENTRIES", "ENTRY_MAX_LINES", "entry_year", "keep_dated_entries"]

# The marker rules that cut a year or a date alone on its line (``boilerplate.story_body``'s set); only
# ``count_only``'s years come back (see the module's docstring).
DATE_RULES = frozenset({"dates.date_line", "news.dateline", "outlets.dateline", "outlets.count_only"})
COUNT_RULE = "outlets.count_only"
MIN_ENTRIES = 2  # two dated entries make a chronology (the text path's TIMELINE_MIN_ENTRIES)
ENTRY_MAX_LINES = 4  # an entry's text: a title, a paragraph or two, a short list
_SENTENCE_ENDS = frozenset(".!?…;:。！？؟۔")  # (Latin, CJK, Arabic and Urdu ends)
_CLOSERS = "\"'”’»)]"  # (a sentence may end inside quotes or brackets)
_YEAR_ONLY = re.compile(r"\s*(1[0-9]{3}|20[0-9]{2})\s*")


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
    dated = []  # (line index, year) of the cut lines that may date an entry
    for i, r in sorted(cut_lines.items()):
        year = entry_year(lines[i].strip(), r.rule)
        if year is not None and _entry_text_follows(lines, cut_lines, i):
            dated.append((i, year))
    keep: set[int] = set()
    run: list[tuple[int, int]] = []
    for entry in dated + [(-1, 0)]:  # (a sentinel closes the last run)
        if run and entry[0] >= 0 and _same_run(lines, cut_lines, run[-1][0], entry[0]):
            run.append(entry)
            continue
        if len(run) >= MIN_ENTRIES and _ordered([y for _, y in run]):
            keep.update(i for i, _ in run)
        run = [entry]
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

"""Page-level evidence a section rule consults before cutting the rest of a page in one
run (issue 11, round 20).

The apparatus heading of a wiki or blog article ("References", "Notes", "See also";
``APPARATUS_RULES``) cuts the rest of the page as its citations and links. The same
words head a box inside a guide, a how-to or a docs page ("Note:", "Notes", and
Italian Wikipedia's notes heading "Note" is an English docs page's admonition), with
more of the article below it: there the rule took half a page of the article (WCXB
dev, a studied set: 32 pages under a "Note" heading, 26,869 article tokens cut against
17,082 other; ``benchmarks/section_cuts.py --by heading``).

What an apparatus holds is reference items ("^ ...", "[3] ...", "Smith, J. (2019).
..."), link titles and short lines, not running prose. A wiki's apparatus also comes
as a chain of such headings ("See also" / "References" / "External links"), each over
its own short list, and the reference list under the second may well hold prose-long
entries. So the evidence is read *up to the next apparatus heading in other words*
(or the page's end; a docs page repeats its "Note:" boxes, a wiki's chain does not
repeat a heading): more than STORY_MIN_PROSE_LINES prose lines there that are not reference items,
and the heading is the article's, not the start of its apparatus. Only the heading line
is then left to the rules (as for any section heading the engine does not confirm), the
lines under it to the line rules and the classifier, and the next apparatus heading
gets its own chance.

Round 19 (textq19) read the evidence to the page's end: a Wikipedia "See also" over a
link list then kept its list when the references below it were long, and a refit
learnt link titles under a heading as content (LODO scrapinghub P -0.006).
"""
from __future__ import annotations

from collections.abc import Callable, Container, Sequence

# The minimum prose lines of a story above a section's heading, the same as the
# engine's (``engine.SECTION_MIN_PROSE_BEFORE``), stated here to keep this module free of
# engine imports; tests/test_page_kind.py checks the two agree.
STORY_MIN_PROSE_LINES = 3
# The article goes on below a box: its prose there is more than this share (1/4) of the
# prose above the heading. A page's footer under a real apparatus (a sign-up form, a
# legal line, a newsletter pitch) brings a few prose lines whatever the article's length;
# WCXB dev (studied): footnotes of a 117-line article with 27 prose lines of footer and
# notes below, against "Note:" boxes with 20-100 lines of the article below.
STORY_GOES_ON_SHARE = 4
# A story's body: this many prose paragraphs in a row (blank lines aside), none of them cut
# short by the site. WCXB dev (studied, 1,476 pages by page type): 6 % of listing pages hold
# such a run, 18 % of collection pages, 46 % of article pages (an article's body is often
# broken by subheadings and pictures; a listing's summaries by their items' titles).
STORY_BODY_MIN_RUN = 4
# Section rules that cut an article's apparatus (citations, links), not reader comments.
APPARATUS_RULES = frozenset({"wiki.references_section"})


def holds_running_prose(prose: list[bool], content: list[str], i: int, is_reference_item: Callable,
                        apparatus_lines: Container[int] = (), prose_before: int = 0) -> bool:
    """Do more than STORY_MIN_PROSE_LINES prose lines below heading `i` (`prose`: per
    line), and more than a 1/STORY_GOES_ON_SHARE of the `prose_before` lines above it,
    before the next of `apparatus_lines` (the page's other apparatus headings), fail
    `is_reference_item`? Counting stops as soon as the answer is known.

    >>> import re
    >>> item = re.compile(r"\\^|\\[\\d+\\]").match
    >>> lines = ["Notes"] + ["^ Smith, J. The long report on bridges of the region, volume two. 2019."] * 5
    >>> holds_running_prose([False] + [True] * 5, lines, 0, item)
    False
    >>> lines = ["Note:"] + ["Run the command again after the upgrade, or the old cache stays in place."] * 5
    >>> holds_running_prose([False] + [True] * 5, lines, 0, item)
    True

    A "See also" over link titles, then a "References" heading over long entries: the
    entries belong to the next heading, not to this one.

    >>> lines = ["See also", "Bridges of the region", "References"] + ["Smith, J. The long report on the bridges of the region, volume two."] * 5
    >>> holds_running_prose([False, False, False] + [True] * 5, lines, 0, item, {2})
    False

    Below the footnotes of a long article, the page's footer: a few prose lines, not a
    quarter of the article's 40.

    >>> lines = ["Footnotes"] + ["Sign up and we will send you the best of the week, every Friday morning."] * 6
    >>> holds_running_prose([False] + [True] * 6, lines, 0, item, prose_before=40)
    False
    """
    needed = max(STORY_MIN_PROSE_LINES, prose_before // STORY_GOES_ON_SHARE)
    found = 0
    for j in range(i + 1, len(prose)):
        if j in apparatus_lines:
            return False
        if prose[j] and not is_reference_item(content[j]):
            found += 1
            if found > needed:
                return True
    return False


def heading_key(line: str) -> str:
    """A heading's words, to tell a repeated box ("Note:" ... "Note") from the next link
    of an apparatus chain ("Notes" then "References").

    >>> heading_key("  Note: ") == heading_key("note")
    True
    """
    return line.strip().rstrip(":").strip().casefold()


def holds_a_story_body(prose: Sequence[bool], blank: Sequence[bool], content: list[str],
                       is_cut_short: Callable[[str], bool]) -> bool:
    """Is this a story's page, not a listing's? It holds STORY_BODY_MIN_RUN prose lines
    (`prose`) in a row, blank lines aside, none of them `is_cut_short` (an excerpt the
    site cut off: a listing's summaries, another story's teaser). A listing alternates
    its items' titles and summaries, so its prose never runs four lines long; a story's
    body does, in any language.

    >>> cut_short = lambda line: line.endswith("...")
    >>> story = ["The ferry resumed service on Friday after the storm, the trust said."] * 4
    >>> lines = ["Ferry back"] + story + ["More news", "The town council met on Tuesday to talk abo..."]
    >>> holds_a_story_body([len(t) > 40 for t in lines], [False] * len(lines), lines, cut_short)
    True

    A listing: each summary under its item's title, or summaries cut short in a row.

    >>> items = ["Town council", "The town council met on Tuesday to talk about the old bridge.",
    ...          "Harbour", "The harbour trust reopened the slipway after the winter storms."] * 3
    >>> holds_a_story_body([len(t) > 40 for t in items], [False] * len(items), items, cut_short)
    False
    >>> teasers = ["The town council met on Tuesday to talk about the old bridge and its repa..."] * 6
    >>> holds_a_story_body([True] * 6, [False] * 6, teasers, cut_short)
    False
    """
    run = 0
    for i, line in enumerate(content):
        if blank[i]:
            continue
        if prose[i] and not is_cut_short(line):
            run += 1
            if run >= STORY_BODY_MIN_RUN:
                return True
        else:
            run = 0
    return False

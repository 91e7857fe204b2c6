"""Page-level evidence a section rule consults before cutting the rest of a page in one run
(issue 11, round 19).

A section rule's heading cuts everything below it. The apparatus heading of a wiki or
blog article ("References", "Notes", "See also"; ``APPARATUS_RULES``) cuts the rest of
the page as its citations and links. The same words head a box inside a guide, a
how-to or a docs page ("Note:", "Notes", Italian "Note"), with more of the article
below it: there the rule took half a page of the article (WCXB dev, a studied set: 33
pages under a "Note" heading, 30,000 article tokens cut).

What an apparatus holds is reference items ("^ ...", "[3] ...", "Smith, J. (2019). ..."),
link titles and short lines, not running prose. So when more than STORY_MIN_PROSE_LINES
prose lines below the heading are not reference items, the heading is the article's,
not the start of its apparatus: only the heading line is left to the rules (as for any
section heading the engine does not confirm), and the lines under it to the line rules
and the classifier.

Tried and not kept (RESULTS-boilerplate.md, "Round 19, textq19"): a thread page's reply
counter ("23 replies") confirmed by the posts' "Reply"/"Report" lines cuts every post
of a forum thread; letting it cut only itself when it stands above the page's prose
(under 3 prose lines above, more below) also kept the reader comments under a short
blog post (a bench page), and the two are the same shape.
"""
from __future__ import annotations

# Prose lines a story has at the least: the comment-section minimum of the rule packs'
# engine (``engine.SECTION_MIN_PROSE_BEFORE``), stated here to keep this module free of
# engine imports; tests/test_page_kind.py checks the two agree.
STORY_MIN_PROSE_LINES = 3
# Section rules that cut an article's apparatus (citations, links), not reader comments.
APPARATUS_RULES = frozenset({"wiki.references_section"})


def holds_running_prose(prose: list[bool], content: list[str], i: int, is_reference_item) -> bool:
    """Do more than STORY_MIN_PROSE_LINES prose lines below line `i` (`prose`: per line)
    fail `is_reference_item`? Counting stops as soon as the answer is known.

    >>> import re
    >>> item = re.compile(r"\\^|\\[\\d+\\]").match
    >>> lines = ["Notes"] + ["^ Smith, J. The long report on bridges of the region, volume two. 2019."] * 5
    >>> holds_running_prose([False] + [True] * 5, lines, 0, item)
    False
    >>> lines = ["Note:"] + ["Run the command again after the upgrade, or the old cache stays in place."] * 5
    >>> holds_running_prose([False] + [True] * 5, lines, 0, item)
    True
    """
    found = 0
    for j in range(i + 1, len(prose)):
        if prose[j] and not is_reference_item(content[j]):
            found += 1
            if found > STORY_MIN_PROSE_LINES:
                return True
    return False

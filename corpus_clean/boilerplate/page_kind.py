"""Page-level evidence the section rules consult before cutting most of a page in one run
(issue 11, round 19).

A comments heading ("23 replies", "Add a comment", "Discussion") cuts everything below
it as reader comments when it stands under a story. Two things let it: enough prose
above it (a story) and fewer prose lines below than above; or two comment-widget lines
("Reply", "Report", "said:") just below, which *confirm* a comment box and waive both.

The waiver is right for a news page whose comment box outgrows a short story. It is
wrong where the heading sits in the page's header, above the page's only run of prose:
a thread page ("Suggestions for a beginner bike | 5 replies | 6 participants | ...")
whose posts are the page, or a post page whose comment counter precedes the post. There
the "section" would be every sentence of the page, and nothing above it is a story.

So a confirmed section that would hold more prose lines than stand above it still
needs a story above it: STORY_MIN_PROSE_LINES prose lines (the same minimum an
unconfirmed section needs). Below that, only the heading goes, and the lines under it
are left to the line rules and the classifier.

>>> opens_the_page_prose(prose_before=1, prose_after=24)
True
>>> opens_the_page_prose(prose_before=6, prose_after=24)   # a story, then a long comment box
False
>>> opens_the_page_prose(prose_before=1, prose_after=0)    # a last line, then comments
False
"""
from __future__ import annotations

# Prose lines a story has at the least: the comment-section minimum of the rule packs'
# engine (``engine.SECTION_MIN_PROSE_BEFORE``), stated here to keep this module free of
# engine imports; tests/test_page_kind.py checks the two agree.
STORY_MIN_PROSE_LINES = 3


def opens_the_page_prose(prose_before: int, prose_after: int) -> bool:
    """Does a heading with `prose_before` prose lines above it and `prose_after` below
    open the page's prose rather than close a story? Fewer than STORY_MIN_PROSE_LINES
    prose lines above it, and more below than above."""
    return prose_before < STORY_MIN_PROSE_LINES and prose_after > prose_before

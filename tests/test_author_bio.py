"""An author's bio under the story goes when it opens with the byline's name; the story's
own last paragraph stays. Pages written for this test."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.author_bio import RULE, mark_author_bio
from corpus_clean.boilerplate.engine import HEADLINE_RULE, Context

STORY = [
    "A fire destroyed a 90-year-old barn at the Hollister family dairy farm late on Tuesday night.",
    "Crews from three towns kept the fire from spreading to the milking parlor and the family's house.",
    "The family's sixty cows had been moved to the parlor for the night and none of them were hurt.",
]


def _marks(head: list[tuple[str, str]], tail: list[str]) -> list:
    """`head`: (line, the rule that removed it); then the story, then `tail` (kept)."""
    lines = [line for line, _ in head] + STORY + tail
    ctx = Context("\n".join(lines) + "\n")
    for i, (_, rule) in enumerate(head):
        ctx.marks.rule[i] = rule
    mark_author_bio(ctx)
    return ctx.marks.rule[len(head) + len(STORY):len(lines)]


BYLINE = [("Barn fire at Hollister farm", HEADLINE_RULE), ("By Greg Sandoval, Staff Writer", "news.byline")]


def test_a_bio_opening_with_the_bylines_name_goes():
    assert _marks(BYLINE, ["Greg Sandoval is a reporter covering public safety and rural communities."]) == [RULE]


def test_bios_in_other_languages_and_bylines():
    de = [("Neues Hallenbad öffnet im Frühjahr", HEADLINE_RULE), ("Von Katrin Albers", "classifier")]
    assert _marks(de, ["Katrin Albers ist Redakteurin im Lokalressort und berichtet über Stadtentwicklung."]) == [RULE]
    fr = [("Par Camille Roux, à Lyon", "outlets.byline")]
    assert _marks(fr, ["Camille Roux couvre la politique locale pour le journal depuis 2019."]) == [RULE]


def test_the_story_s_last_paragraph_stays():
    # a name the title gives, not the byline
    head = [("Luisa Fenwick wins the county vote", HEADLINE_RULE), ("By Greg Sandoval", "news.byline")]
    assert _marks(head, ["Luisa Fenwick said she would start work on the reserve in the spring."]) == [None]
    # no name, or a name the page's head does not give
    assert _marks(BYLINE, ["The cause of the fire is under investigation, the fire chief said."]) == [None]
    assert _marks(BYLINE, ["Ben Hollister said the family would rebuild the barn before next winter."]) == [None]
    # the byline kept (no step removed it): nothing is known of it
    assert _marks([("By Greg Sandoval", None)], ["Greg Sandoval is a reporter covering public safety."]) == [None]


def test_only_the_last_kept_line_is_read():
    tail = ["Greg Sandoval is a reporter covering public safety and rural communities.",
            "Firefighters said the barn's old wiring was the likeliest cause of the blaze on Tuesday."]
    assert _marks(BYLINE, tail) == [None, None]


def test_the_whole_engine_cuts_the_bio_and_keeps_the_story():
    page = ["Home", "Local", "Sports", "Fire destroys barn at Hollister family farm", "By Greg Sandoval",
            "Dec 3, 2026", *STORY, "The cause of the fire is under investigation, the department said on Wednesday.",
            "Greg Sandoval is a reporter covering public safety and rural communities for the Courier.",
            "Most read", "Holiday parade route changes", "© 2026 The Millbrook Courier"]
    clean, removals = strip_boilerplate("\n".join(page) + "\n")
    assert any(r.rule == RULE and "Greg Sandoval is a reporter" in r.text for r in removals)
    for paragraph in STORY:
        assert paragraph in clean


NAMES = st.sampled_from(["Ana Ruiz", "Tom Wexford", "Maya Lind", "Priya Raman", "Colin Dearing"])


@settings(max_examples=100, deadline=None)
@given(NAMES, NAMES, st.sampled_from([" said the work would take two years.", " has run the farm since 1998."]))
def test_a_closing_paragraph_is_cut_only_with_the_byline_s_name(author, subject, rest):
    """Over generated pages: the last paragraph goes exactly when it opens with the
    byline's name."""
    marks = _marks([("Barn fire at the farm", HEADLINE_RULE), (f"By {author}", "news.byline")], [subject + rest])
    assert marks == ([RULE] if subject == author else [None])

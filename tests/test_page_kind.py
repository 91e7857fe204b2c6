"""Round 20 (textq20): an apparatus heading ("Note:", "Notes", "See also") with the
article's running prose below it, before the next link of an apparatus chain, is the
article's box, not its apparatus; and a history in dates keeps its years. Pages
generated for this test from a small word pool (no benchmark text)."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import engine, strip_boilerplate
from corpus_clean.boilerplate.engine import mark_rules
from corpus_clean.boilerplate.page_kind import STORY_MIN_PROSE_LINES

RULE = "wiki.references_section"
SUBJECTS = ["The installer", "The service", "Each worker", "The old cache", "The scheduler", "A new node",
            "The harbour board", "The city council", "The first pier", "The river ferry"]
VERBS = ["writes its settings to", "reads the list from", "waits for a reply from", "keeps a copy of",
         "sends a short report to", "checks the size of", "rebuilds the index of", "opens a new file in"]
OBJECTS = ["the shared folder", "the main server", "the local disk", "the harbour office", "the next stage",
           "the old archive", "the status page", "the backup drive"]
ENDINGS = ["before it starts again.", "every few minutes during the night.", "when the upgrade is done.",
           "unless the operator stops it by hand.", "and logs each step it takes.", "after a restart."]


def sentence(rng: random.Random) -> str:
    return " ".join((rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ENDINGS)))


def test_the_engine_and_the_module_agree_on_the_story_minimum():
    assert STORY_MIN_PROSE_LINES == engine.SECTION_MIN_PROSE_BEFORE


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["Note", "Note:", "Notes", "Notes:"]), st.integers(1, 3),
       st.booleans())
def test_a_docs_page_s_note_boxes_do_not_cut_the_article_below_them(seed, heading, boxes, blank_lines):
    """A guide: prose, then `boxes` "Note:" boxes each followed by more of the guide (more
    than STORY_MIN_PROSE_LINES prose lines, and more than a quarter of the prose above the
    box, before the page's end). No line below
    the first box but the boxes' headings is cut by the apparatus rule. Fails on main (the first "Note" in the
    page's second half cut everything below it)."""
    rng = random.Random(seed)
    lines = [sentence(rng) for _ in range(rng.randint(6, 9))]
    first_box = None
    for _ in range(boxes):
        if first_box is None:
            first_box = len(lines)
        lines += [heading] + [sentence(rng) for _ in range(rng.randint(STORY_MIN_PROSE_LINES + 1, 6))]
    lines += [sentence(rng) for _ in range(rng.randint(6, 10))]  # (the guide goes on)
    text = ("\n\n" if blank_lines else "\n").join(lines) + "\n"
    ctx = mark_rules(text)
    content = [c.strip() for c in ctx.lines.content]
    below = [k for k, c in enumerate(content) if c and k > content.index(heading)]
    assert not [content[k] for k in below if ctx.marks.rule[k] == RULE and content[k] != heading]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_a_wiki_apparatus_chain_is_still_cut(seed):
    """Guard (passes on main too): an article, then "See also" over link titles, then
    "References" over long entries that are no reference items by their shape, then
    "External links": the section still starts at "See also", whose own list holds no
    prose; the long entries below "References" are that heading's, not "See also"'s."""
    rng = random.Random(seed)
    article = [sentence(rng) for _ in range(rng.randint(10, 14))]
    links = [f"{rng.choice(['Harbour', 'Ferry', 'Bridge', 'Port'])} of {rng.choice(['Brannock', 'Valmora', 'Leith'])}"
             for _ in range(rng.randint(2, 4))]
    entries = [f"{rng.choice(['Smith, J.', 'Rossi, P.', 'Berg, H.'])} {sentence(rng)}" for _ in range(rng.randint(4, 6))]
    lines = article + ["See also"] + links + ["References"] + entries + ["External links", "Official site"]
    ctx = mark_rules("\n".join(lines) + "\n")
    start = len(article)
    assert ctx.marks.rule[start:len(lines)] == [RULE] * (len(lines) - start)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(4, 8))
def test_footnotes_with_a_page_footer_below_a_long_article_are_still_cut(seed, footer):
    """Guard (passes on main too): a long article (40-60 prose lines), "Footnotes" over
    reference items, then a page footer of `footer` prose lines (a sign-up pitch, legal
    lines): far less than a quarter of the article, so the footnotes and the footer are
    the section's."""
    rng = random.Random(seed)
    article = [sentence(rng) for _ in range(rng.randint(40, 60))]
    notes = [f"^ {rng.choice(['Smith, J.', 'Rossi, P.', 'Berg, H.'])} {sentence(rng)}" for _ in range(4)]
    lines = article + ["Footnotes"] + notes + [sentence(rng) for _ in range(footer)]
    ctx = mark_rules("\n".join(lines) + "\n")
    assert ctx.marks.rule[len(article):len(lines)] == [RULE] * (len(lines) - len(article))


YEAR_TITLES = ["The first pier", "War and closure", "A new crane", "The great storm", "Reopening",
               "A second basin", "The ferry strike", "Lights on the quay", "The last whaler", "New owners"]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_a_history_in_dates_keeps_its_years(seed):
    """A timeline page as the HTML path renders it (blocks between blank lines): an
    introduction, then 5-8 entries, each a year alone on its line, a short title and a
    sentence. Every year is kept. Fails on main: ``outlets.count_only`` cut every year
    (a dated entry had to be followed directly by its sentence)."""
    rng = random.Random(seed)
    year = rng.randint(1800, 1900)
    lines = ["The harbour grew from a fishing quay into the region's largest port over two centuries, "
             "and these are the moments that shaped it."]
    years = []
    for title in rng.sample(YEAR_TITLES, rng.randint(5, 8)):
        year += rng.randint(2, 15)
        years.append(str(year))
        lines += [str(year), title, sentence(rng)]
    kept, _ = strip_boilerplate("\n\n".join(lines) + "\n")
    kept_lines = set(kept.split("\n"))
    assert [y for y in years if y not in kept_lines] == []


def test_dated_teasers_after_the_story_keep_their_dates_cut():
    """Guard: a "Latest" list of dated teasers after the story (year-less dates, headlines
    a rule or the classifier cuts) stays cut."""
    rng = random.Random(3)
    story = [sentence(rng) for _ in range(6)]
    teasers = ["Latest", "12 March 2026", "Storm warning for the coast", "3 March 2026", "Council approves new bus lanes",
               "1 March 2026", "Ferry fares rise in April"]
    kept, _ = strip_boilerplate("\n".join(story + teasers) + "\n")
    assert "12 March 2026" not in kept.split("\n") and "3 March 2026" not in kept.split("\n")

"""Round 24 (issue 11, keep25): the story's labelled rows and headings that the model cut
next to the story's kept lines come back (``story_rows``), from the page's structure, never
from wording. Pages written for these tests from invented words in several scripts (no pack
knows them, so only the lines' shapes decide). Each give-back test fails on round 23's code
(the module is new); the guards pass on both."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.engine import PROSE_MIN_WORDS, Context
from corpus_clean.boilerplate.story_body import BodyShape, give_back_lists_closed_by_the_story
from corpus_clean.boilerplate.story_inserts import LineShape
from corpus_clean.boilerplate.story_openings import give_back_the_opening_block
from corpus_clean.boilerplate.story_rows import give_back_headings_inside_the_story, give_back_rows_like_kept_rows

# Syllables of invented words in three scripts (Latin with a glottal stop, Cyrillic, Devanagari).
SCRIPTS = [
    ["ka", "mbo", "ndi", "zu", "le", "wa", "tso", "ri", "ngo", "ʔa", "qa"],
    ["ка", "мбо", "нди", "зу", "ле", "ва", "цо", "ри", "нго"],
    ["का", "मो", "नि", "ज़ु", "ले", "वा", "तो", "रि"],
]
FULL_STOP = {0: ".", 1: ".", 2: "।"}


@st.composite
def words(draw, script: int, n_min: int, n_max: int) -> list[str]:
    syllables = SCRIPTS[script]
    # (the line counts read a Devanagari vowel sign as a word's end, "काका" as two words: one
    # syllable a word there, and no conjunct, keeps a row's and a heading's length in words what it is)
    longest = 1 if script == 2 else 3
    return [draw(st.lists(st.sampled_from(syllables), min_size=1, max_size=longest).map("".join))
            for _ in range(draw(st.integers(n_min, n_max)))]


@st.composite
def story_page(draw):
    """(script, a story sentence, a heading, labelled rows of one kind, a closing sentence)."""
    script = draw(st.integers(0, len(SCRIPTS) - 1))

    def sentence(n_min: int = 6) -> str:
        ws = draw(words(script, n_min, 18))
        return " ".join(ws).capitalize() + FULL_STOP[script]

    heading = " ".join(draw(words(script, 1, 3))).capitalize()
    kind = draw(st.sampled_from(["field", "pair"]))
    rows = []
    for _ in range(draw(st.integers(3, 6))):
        label = " ".join(draw(words(script, 1, 2))).capitalize()
        value = " ".join(draw(words(script, 1, 4)))
        if draw(st.booleans()):
            value += f", {draw(st.integers(2, 99))}"
        rows.append(f"{label}: {value}" if kind == "field" else f"{label} {draw(st.sampled_from('–—-'))} {value}")
    # (the closing sentence is a paragraph: PROSE_MIN_WORDS+ words)
    return script, sentence(), heading, rows, sentence(PROSE_MIN_WORDS)


def _context(lines: list[str]) -> Context:
    return Context("\n".join(lines) + "\n")


@settings(max_examples=30, deadline=None)
@given(page=story_page(), data=st.data())
def test_rows_the_model_cut_next_to_a_kept_row_of_the_story_come_back(page, data):
    """Under the story's sentence (across a heading the model cut), the model keeps some of
    the story's labelled rows and cuts the others: every cut row comes back."""
    _, above, heading, rows, closing = page
    lines = [above, heading, *rows, closing, "Share"]
    ctx = _context(lines)
    kept = data.draw(st.integers(0, len(rows) - 1))
    cut = [2 + k for k in range(len(rows)) if k != kept]
    for i in [1, *cut]:
        ctx.marks.rule[i] = "classifier"
    ctx.marks.rule[len(lines) - 1] = "social.share_bar"
    give_back_rows_like_kept_rows(ctx, BodyShape(ctx))
    assert all(ctx.marks.rule[i] is None for i in cut)
    assert ctx.marks.rule[1] == "classifier"  # (the heading is the other step's)


@settings(max_examples=30, deadline=None)
@given(page=story_page())
def test_rows_under_a_rule_cut_stay_cut(page):
    """Labelled rows that start under a rule's cut (a tag line, then "Previous post: ...",
    "Next post: ...") are the page's furniture, even when the model kept one of them."""
    _, above, _, rows, _ = page
    lines = [above, "Tags: x, y", *rows]
    ctx = _context(lines)
    ctx.marks.rule[1] = "structure.tag_list"
    for i in range(3, len(lines)):
        ctx.marks.rule[i] = "classifier"
    give_back_rows_like_kept_rows(ctx, BodyShape(ctx))
    assert ctx.marks.rule[3:len(lines)] == ["classifier"] * (len(lines) - 3)


@settings(max_examples=30, deadline=None)
@given(page=story_page(), n_items=st.integers(3, 6))
def test_plain_words_next_to_a_kept_word_stay_cut(page, n_items):
    """A menu's items have no label: a run of plain words the model cut under the story's
    sentence, next to one it kept, stays cut."""
    script, above, heading, _, _ = page
    items = [heading + str(k) if k else heading for k in range(n_items)]
    ctx = _context([above, *items])
    for i in range(2, 1 + n_items):
        ctx.marks.rule[i] = "classifier"
    give_back_rows_like_kept_rows(ctx, BodyShape(ctx))
    assert ctx.marks.rule[2:1 + n_items] == ["classifier"] * (n_items - 1)


@settings(max_examples=30, deadline=None)
@given(page=story_page(), over_rows=st.booleans())
def test_a_heading_between_the_story_and_its_kept_lines_comes_back(page, over_rows):
    """A heading the model cut between the story's kept sentence and its kept paragraph (two
    words or more) or two kept rows of one kind comes back; a heading at the story's end, over
    the page's furniture (a rule's cut), stays cut."""
    _, above, heading, rows, closing = page
    body = rows[:2] if over_rows else [closing]
    heading = heading if over_rows else f"{heading.split()[0]} {heading.split()[0].lower()}"
    lines = [above, heading, *body, heading, "Share"]
    ctx = _context(lines)
    end = 2 + len(body)
    ctx.marks.rule[1] = ctx.marks.rule[end] = "classifier"
    ctx.marks.rule[end + 1] = "social.share_bar"
    if not over_rows:
        ctx.marks.rule[end - 1] = None
    give_back_headings_inside_the_story(ctx, BodyShape(ctx))
    assert ctx.marks.rule[1] is None
    assert ctx.marks.rule[end] == "classifier"


@settings(max_examples=30, deadline=None)
@given(page=story_page())
def test_one_word_between_two_paragraphs_stays_cut(page):
    """One word the model cut between two kept paragraphs is an advert's label ("Reklama"),
    not the story's heading."""
    script, above, _, _, closing = page
    label = SCRIPTS[script][0].capitalize()
    ctx = _context([closing, label, closing])
    ctx.marks.rule[1] = "classifier"
    give_back_headings_inside_the_story(ctx, BodyShape(ctx))
    assert ctx.marks.rule[1] == "classifier"


# --- the opening and its list, cut whole under the page's head (``story_openings``) --------

@settings(max_examples=30, deadline=None)
@given(page=story_page(), head=st.integers(3, 5), announce=st.booleans(), caption=st.booleans())
def test_the_opening_and_its_list_cut_under_the_head_come_back(page, head, announce, caption):
    """The model cut the page's head, the story's opening sentence, a heading (or a ":" line)
    and the rows under it as one block; the story goes on under the block (a caption between):
    the opening, the heading and the rows come back, the head and the caption stay cut."""
    script, opening, heading, rows, closing = page
    first = heading + ":" if announce else heading
    cap = [" ".join([heading.split()[0].lower()] * 5)] if caption else []
    lines = [f"Menu {k}" for k in range(head)] + [opening, first, *rows, *cap, closing, "Share"]
    ctx = _context(lines)
    block_end = head + 2 + len(rows) + len(cap)
    ctx.marks.rule[:block_end] = ["classifier"] * block_end
    ctx.marks.rule[len(lines) - 1] = "social.share_bar"
    give_back_the_opening_block(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[:head] == ["classifier"] * head
    assert ctx.marks.rule[head:head + 2 + len(rows)] == [None] * (2 + len(rows))
    assert ctx.marks.rule[head + 2 + len(rows):block_end] == ["classifier"] * len(cap)


@settings(max_examples=30, deadline=None)
@given(page=story_page(), head=st.integers(3, 5))
def test_a_caption_over_its_credit_or_a_block_with_no_story_under_it_stays_cut(page, head):
    """A caption's sentence over its credit alone ("Reuters"), and an opening block with no
    kept story sentence under it (the page's furniture follows), stay as the model cut them."""
    script, opening, heading, rows, closing = page
    credit = [f"Menu {k}" for k in range(head)] + [opening, heading.split()[0], closing]
    ctx = _context(credit)
    ctx.marks.rule[:head + 2] = ["classifier"] * (head + 2)
    give_back_the_opening_block(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[:head + 2] == ["classifier"] * (head + 2)
    no_story = [f"Menu {k}" for k in range(head)] + [opening, heading, *rows, "Share", "© 2026"]
    ctx = _context(no_story)
    n = len(no_story)
    ctx.marks.rule[:n - 2] = ["classifier"] * (n - 2)
    ctx.marks.rule[n - 2:n] = ["social.share_bar", "footer.copyright"]
    give_back_the_opening_block(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[:n - 2] == ["classifier"] * (n - 2)


# --- a one-word label's list closed by the story's sentence (``story_body.give_back_lists_closed_by_the_story``) ---

@settings(max_examples=30, deadline=None)
@given(page=story_page(), n_items=st.integers(2, 5), data=st.data())
def test_a_one_word_label_s_list_closed_by_the_story_comes_back_a_tag_box_does_not(page, n_items, data):
    """Under a kept one-word ":" label, the rows the model cut come back when a kept sentence
    of the story closes the list, but for a caption right above that sentence; the same label
    over rows at the page's end, over the furniture, keeps them cut."""
    script, above, heading, _, closing = page
    label = heading.split()[0] + ":"
    items = [f"{heading.split()[0]}{k}" for k in range(n_items)]
    caption = " ".join([heading.split()[0].lower()] * 4)
    lines = [above, label, *items, caption, closing, "Share"]
    ctx = _context(lines)
    kept = data.draw(st.integers(0, n_items - 1))
    cut = [2 + k for k in range(n_items) if k != kept]
    for i in cut + [2 + n_items]:
        ctx.marks.rule[i] = "classifier"
    ctx.marks.rule[len(lines) - 1] = "social.share_bar"
    give_back_lists_closed_by_the_story(ctx, BodyShape(ctx))
    assert all(ctx.marks.rule[i] is None for i in cut) and ctx.marks.rule[2 + n_items] == "classifier"
    tags = _context([above, label, *items, "© 2026"])
    tags.marks.rule[2:2 + n_items] = ["classifier"] * n_items
    tags.marks.rule[2 + n_items] = "footer.copyright"
    give_back_lists_closed_by_the_story(tags, BodyShape(tags))
    assert tags.marks.rule[2:2 + n_items] == ["classifier"] * n_items

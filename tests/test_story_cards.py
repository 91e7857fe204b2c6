"""Other stories' cards (a short label and a headline over one summary, card after card) go beside a
story's body, in any language; a story's own sections (a subheading over its paragraphs) stay, and on
a listing's page (no story body) the cards are the content and stay
(``story_cards.mark_other_stories_cards``, round 26, textprec28). Our own generated text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.page_kind import STORY_BODY_MIN_RUN
from corpus_clean.boilerplate.story_cards import CARDS_MIN_RUN, CARDS_RULE, mark_other_stories_cards
from tests.test_story_counts import STORIES
from tests.test_story_excerpts import OTHERS, TITLES

LABELS = ["Business", "Sport", "likes", "Kultur", "Ekonomi", "Mundo"]


def _cards(lang: str, k: int, label: str, dated: bool) -> list[str]:
    """`k` cards: a label (and a date), the other story's headline (its first words), its summary."""
    out = []
    for n in range(k):
        text = OTHERS[lang][n % len(OTHERS[lang])]
        headline = TITLES[lang][n % len(TITLES[lang])] + ": " + " ".join(text.split()[2:9])
        out += [label] + (["Nov 13, 2025"] if dated else []) + [headline, text + "."]
    return out


def _body(lang: str, paragraphs: int) -> list[str]:
    return (STORIES[lang] * 3)[:paragraphs]


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(OTHERS)), k=st.integers(1, 7), label=st.sampled_from(LABELS),
       dated=st.booleans(), blank=st.booleans(), body=st.integers(0, 6))
def test_cards_go_only_beside_a_story_body(lang, k, label, dated, blank, body):
    """CARDS_MIN_RUN+ cards under a story's body (STORY_BODY_MIN_RUN+ paragraphs in a row) go, every
    line of them; fewer cards, or no story body (a listing's page), and they stay. The story stays."""
    story, cards = _body(lang, body), _cards(lang, k, label, dated)
    ctx = Context(("\n\n" if blank else "\n").join(["Headline"] + story + cards))
    mark_other_stories_cards(ctx)
    cut = [line for line, rule in zip(ctx.lines.content, ctx.marks.rule) if rule == CARDS_RULE]
    assert cut == (cards if k >= CARDS_MIN_RUN and body >= STORY_BODY_MIN_RUN else [])


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(OTHERS)), sections=st.integers(1, 8), per=st.integers(1, 3), blank=st.booleans())
def test_a_storys_own_sections_stay(lang, sections, per, blank):
    """A story's subheadings, each straight over its paragraph(s) (no label beside it), are no cards."""
    lines = ["Headline"] + _body(lang, STORY_BODY_MIN_RUN)
    for n in range(sections):
        lines += [TITLES[lang][n % len(TITLES[lang])] + " and what comes next"] + _body(lang, per)
    ctx = Context(("\n\n" if blank else "\n").join(lines))
    mark_other_stories_cards(ctx)
    assert CARDS_RULE not in ctx.marks.rule


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(OTHERS)), k=st.integers(CARDS_MIN_RUN, 7), label=st.sampled_from(LABELS))
def test_a_paragraph_broken_at_its_links_is_no_card(lang, k, label):
    """Lines ending in a comma or a full stop are a paragraph's pieces, not a card's titles."""
    cards = [x if not x.startswith(tuple(TITLES[lang])) else x + "," for x in _cards(lang, k, label, False)]
    ctx = Context("\n".join(["Headline"] + _body(lang, STORY_BODY_MIN_RUN) + cards))
    mark_other_stories_cards(ctx)
    assert CARDS_RULE not in ctx.marks.rule

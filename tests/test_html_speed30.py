"""Round 27's speed changes give the same answers as before (htmlspeed30).

* ``words.blocks_above_table`` finds, from a batch's UTF-8 bytes, the blocks of exactly its code points from
  ``_LETTER_TABLE_SIZE`` on (generated texts of every UTF-8 length);
* inside ``words.batch_letters``, the first word with a code point not learnt yet learns the batch's blocks in
  one Arrow call, and every word's verdict is the one learnt word by word outside it;
* ``html_panels.after_controls``, ``html_listings.listing_cards`` and ``html_rails._is_rail`` ask their questions
  in another order: the same answers as the order before, on generated pages.
"""
from __future__ import annotations

import contextlib
import random

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_listings, html_panels, html_rails, words
from corpus_clean.html import stripped_chars

# Code points from every UTF-8 length, around the table's end and in the supplementary planes.
_RANGES = [(0x20, 0x7F), (0xA0, 0x800), (0x800, 0x3100), (0x3000, 0x3200), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
           (0xE000, 0xFFFD), (0x10000, 0x1F9FF), (0x20000, 0x2A6DF), (0xE0000, 0xE01EF)]


def _random_text(rng: random.Random) -> str:
    chars = []
    for _ in range(rng.randint(0, 40)):
        low, high = rng.choice(_RANGES)
        chars.append(chr(rng.randint(low, high - 1)))
        if rng.random() < 0.2:
            chars.append(" ")
    return "".join(chars)


def test_blocks_above_table_are_the_texts_blocks():
    rng = random.Random(30)
    for _ in range(2000):
        text = _random_text(rng)
        utf8 = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        expected = sorted({ord(c) >> 8 for c in text if ord(c) >= words._LETTER_TABLE_SIZE})
        assert words.blocks_above_table(utf8).tolist() == expected, text


@pytest.fixture
def fresh_letters(monkeypatch):
    """The learnt verdicts above the table emptied for the test (restored after), and the Arrow calls counted."""
    calls = []
    learnt = dict(words._letter_above)
    words._letter_above.clear()
    real = words._re2_letters
    monkeypatch.setattr(words, "_re2_letters", lambda chars: calls.append(len(chars)) or real(chars))
    yield calls
    words._letter_above.clear()
    words._letter_above.update(learnt)


def test_a_batch_learns_its_blocks_in_one_call(fresh_letters):
    rng = random.Random(27)
    texts = [_random_text(rng) for _ in range(50)]
    batch_words = [word for text in texts for word in text.split()]
    # word by word, outside a batch: the verdicts as they were learnt before
    alone = [words.word_holds_a_letter(word) for word in batch_words]
    calls_alone = len(fresh_letters)
    words._letter_above.clear()
    fresh_letters.clear()
    utf8 = np.frombuffer("".join(texts).encode("utf-8"), dtype=np.uint8)
    with words.batch_letters(utf8):
        together = [words.word_holds_a_letter(word) for word in batch_words]
    assert together == alone
    assert calls_alone > 1 and fresh_letters == [fresh_letters[0]]  # one Arrow call for the whole batch
    assert not words._batch_bytes  # (the batch is let go)


def _hidden_page(rng: random.Random) -> str:
    parts = []
    for k in range(rng.randint(1, 12)):
        control = rng.choice(["<button>Open</button>", "<h3><button>More</button></h3>", "<p>Intro</p>",
                              "<summary>Read</summary>", "<div role='button' aria-expanded='false'>x</div>", ""])
        hidden = rng.choice(["hidden", "style='display:none'", "aria-hidden='true'", "class='x'"])
        text = ("Words of the panel, with commas. " * 4)[:rng.randint(0, 130)]  # (around PANEL_PROSE)
        parts.append(f"{control}<div id='p{k}' {hidden}><p>{text}</p></div>")
    return "<body><div>" + "".join(parts) + "</div></body>"


def _after_controls_before(nodes):
    """after_controls' hidden elements as round 26 found them (its text measured first)."""
    found = set()
    for node in nodes:
        if html_panels.hides(node.attributes) and stripped_chars(node) >= html_panels.PANEL_PROSE \
                and html_panels.opened_by(html_panels.previous_element(node)):
            found.add(node.mem_id)
    return frozenset(found)


def test_after_controls_finds_what_it_found():
    rng = random.Random(26)
    for _ in range(300):
        tree = LexborHTMLParser(_hidden_page(rng))
        nodes = tree.body.css(html_panels.HIDDEN_SELECTOR)
        assert html_panels.after_controls(nodes) == _after_controls_before(nodes)


def _cards_page(rng: random.Random) -> str:
    size = rng.randint(1, 260)  # (the cards of a grid are alike: around CARD_MAX_CHARS and TEASER_MAX_CHARS)
    sentence = rng.random() < 0.5  # (a card holding a sentence is no card: half the grids)

    def card(i: int) -> str:
        title = rng.choice([f"Title number {i} of the list", f"T{i}", ""])
        link = f"<a href='/t{i}'>{title}</a>" if rng.random() < 0.8 else f"<b>{title}</b>"
        return f"<li class='c'>{link} <span>{('word ' * (size // 5)) if sentence else '<i>word</i> ' * (size // 5)}</span></li>"
    cards = "".join(card(i) for i in range(rng.randint(0, 8)))
    prose = "<p>" + "A sentence of the page. " * rng.choice([0, 1, 2, 30]) + "</p>"
    return f"<body><div id='main'>{prose}<ul>{cards}</ul></div></body>"


def _is_rail_before(members, chars, max_chars=html_rails.TEASER_MAX_CHARS, headed=False) -> bool:
    """html_rails._is_rail as round 26 wrote it (every member measured, then the sum and the longest)."""
    sizes = [stripped_chars(member) for member in members]
    if sum(sizes) < html_rails.RAIL_SHARE * chars or max(sizes) > max_chars:
        return False
    for member in members:
        heading = html_rails._HEADINGS.first(member) if headed else member
        link = None if heading is None else heading if heading.tag == "a" and not headed else \
            html_rails._LINKS.first(heading)
        if link is None or not html_rails._title_like(link.text(strip=True)):
            return False
    return True


def _listing_cards_before(chosen, lines):
    """html_listings.listing_cards as round 26 wrote it (the choice's text measured before the cards' test)."""
    from corpus_clean.html_sections import card_elements, link_cards

    cards = link_cards(chosen, lines)
    if cards or not chosen:
        return cards
    if sum(verdict == "html.links" for _, verdict in lines) < html_listings.MIN_CUT_TITLES:
        return []
    cards = card_elements(chosen)
    held = sum(stripped_chars(node) for node in chosen)
    in_cards = sum(stripped_chars(card) for card in cards)
    if not cards or not html_listings.CARDS_SHARE * held <= in_cards <= html_listings.CARD_MAX_CHARS * len(cards):
        return []
    return [] if any(html_listings._holds_a_sentence(card) for card in cards) else cards


def test_listing_cards_and_rails_answer_as_before():
    rng = random.Random(25)
    answers = set()
    for _ in range(400):
        tree = LexborHTMLParser(_cards_page(rng))
        chosen = [tree.css_first("#main")]
        # (titles cut as links, and more text kept: the cards are weighed by their text, not by link_cards)
        lines = [(f"T{i}", "html.links") for i in range(html_listings.MIN_CUT_TITLES)] + [("Kept text. " * 9, "keep")]
        cards = [n.mem_id for n in html_listings.listing_cards(chosen, lines)]
        assert cards == [n.mem_id for n in _listing_cards_before(chosen, lines)]
        members = tree.css("li")
        if members:
            chars = rng.choice([stripped_chars(tree.body), 1, 10_000])
            longest = max(stripped_chars(member) for member in members)
            for headed in (False, True):
                for max_chars in (longest - 1, longest, longest + 1, html_rails.TEASER_MAX_CHARS):  # (its bound)
                    rail = html_rails._is_rail(members, chars, max_chars, headed=headed)
                    assert rail == _is_rail_before(members, chars, max_chars, headed=headed)
                    answers.add(("rail", rail))
        answers.add(("cards", bool(cards)))
    assert len(answers) == 4  # (both answers of both questions met)


# Text of every UTF-8 length, whitespace that str.strip strips (ASCII, U+0085, U+00A0, U+1680, U+2000-U+200A,
# U+2028, U+3000, U+001C-U+001F) and what it keeps (U+200B, U+FEFF), the three commas, and character references
# Lexbor turns into other characters (a surrogate, NUL and past U+10FFFF become U+FFFD).
_PIECES = ["a", "Word", " ", "\t", "\n", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2003", "\u2028", "\u3000",
           "\u200b", "\ufeff", ",", "\uff0c", "\u060c", "é", "日本", "😀", "\U00020000", "ж", "&#xD800;", "&#0;",
           "&#x110000;", "&nbsp;", "&amp;", "&#x85;", "\ufffd", "\x7f"]


def _unicode_page(rng: random.Random) -> str:
    def text() -> str:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 12)))
    blocks = []
    for _ in range(rng.randrange(1, 10)):
        inner = text() + rng.choice(["", f"<a href='/x'>{text()}</a>", f"<b>{text()}</b>", "<br>"]) + text()
        blocks.append(f"<{rng.choice(['p', 'div', 'li', 'td'])}>{inner}</{rng.choice(['p', 'div', 'li', 'td'])}>")
    return "<body><div id='m'>" + "".join(blocks) + "</div></body>"


def test_text_lengths_of_unicode_text_as_the_twins():
    """The compiled walks measure a text node of well-formed UTF-8 on its bytes (``utf8_stripped_length``, its
    commas ``utf8_commas``): the same lengths, link lengths, densities and paragraphs as the Python twins."""
    from corpus_clean import html, native

    if not native.built():
        pytest.skip("compiled kernels not built")
    rng = random.Random(2730)
    for _ in range(300):
        tree = LexborHTMLParser(_unicode_page(rng))
        nodes = [n for n in tree.body.traverse(include_text=True)]
        got = ([html.stripped_chars(n) for n in nodes], [html.text_and_link_chars(n) for n in nodes],
               html.link_densities(nodes[:8]),
               [(p.node.mem_id, p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(tree.body)])
        with native.twins_only():
            twin = ([html.stripped_chars(n) for n in nodes], [html.text_and_link_chars(n) for n in nodes],
                    html.link_densities(nodes[:8]),
                    [(p.node.mem_id, p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(tree.body)])
        assert got == twin
        assert [html.stripped_chars(n) for n in nodes] == [len(n.text(strip=True)) for n in nodes]


def test_compiled_cuts_leave_the_twins_tree():
    """``lexbor_walk.cut`` (one compiled call) leaves the tree and the placeholders the selectolax calls leave: random
    elements of generated pages cut in turn, with and without a placeholder, some inside subtrees cut before, some
    the last or only child, text nodes and comments among them."""
    from corpus_clean import lexbor_walk, native
    from tests.test_html_speed27 import big_page

    if not lexbor_walk._cuts_compiled:
        pytest.skip("compiled cut not built")
    rng = random.Random(3030)
    for _ in range(80):
        page = big_page(rng)
        seed = rng.random()
        outcomes = []
        for compiled in (True, False):
            tree = LexborHTMLParser(page)
            nodes = [n for n in tree.body.traverse(include_text=True)]
            order = random.Random(seed)
            made = []
            with native.twins_only() if not compiled else contextlib.nullcontext():
                for node in order.sample(nodes, min(len(nodes), 25)):
                    placeholder = lexbor_walk.cut(node, order.random() < 0.7)
                    made.append(None if placeholder is None else
                                (placeholder.text_content, placeholder.parent.tag if placeholder.parent else None,
                                 placeholder.next is None or placeholder.next.tag))
            outcomes.append((tree.html, made))
        assert outcomes[0] == outcomes[1]

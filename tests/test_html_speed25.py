"""Round 24's speed work on the HTML path gives the answers of the code it replaced: the selector walk's
early rejects (an element whose tag no alternative names, or that holds none of the attributes every
alternative asks) against Lexbor's own ``css()``; the tag-depth scan compiled once per kind of str
against its regex twin; ``word_holds_a_letter`` read from the letter tables against the numpy reading
it replaced, on generated inputs."""
from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk, native, words
from tests.test_html_speed15 import random_page
from tests.test_html_speed16 import assert_extracts_as_twin

compiled = pytest.mark.skipif(not lexbor_walk.queries_built(), reason="corpus_clean._lexbor_walk was not built")

# Selector lists whose alternatives all name a tag (an element of another tag is rejected before its
# attributes are read), all ask an attribute (an element holding none of them is rejected), or mix the two.
REJECTING_QUERIES = [
    lexbor_walk.Query("blockquote"), lexbor_walk.Query("h2,h3,h4,h5"), lexbor_walk.Query("a[href]"),
    lexbor_walk.Query("a[href^='#'],span[class*=nav]"), lexbor_walk.Query("[class],[id]"),
    lexbor_walk.Query("[itemprop=author],cite"), lexbor_walk.Query("div,[data-x]"),
    lexbor_walk.Query("section,time[datetime]"), lexbor_walk.Query("span[class]"),
    lexbor_walk.Query("[role=main],[aria-hidden=true],[hidden]", skip=("div", "body")),
    lexbor_walk.Query("input,textarea,select"), lexbor_walk.Query("meta,title,link[rel=canonical i]"),
]


@compiled
@pytest.mark.parametrize("seed", range(40))
def test_rejecting_queries_answer_as_lexbor(seed):
    rng = random.Random(seed)
    tree = LexborHTMLParser(f"<html><head><title>T</title></head><body>{random_page(rng)}</body></html>")
    roots = [tree.body] + tree.body.css("div,section")[:3]
    for query in REJECTING_QUERIES:
        for root in roots:
            for once in (False, True):
                found = [n.mem_id for n in query.select(root, once)]
                with native.twins_only():
                    expected = [n.mem_id for n in query.select(root, once)]
                assert found == expected, (query.selector, once)
            first = query.first(root)
            with native.twins_only():
                expected_first = query.first(root)
            assert (first and first.mem_id) == (expected_first and expected_first.mem_id), query.selector


DEPTH_PIECES = ["<div>", "</div>", "<P>", "<Br>", "<TR>", "</tr>", "<DD>", "<section class='a/'>", "<x/>",
                "<", ">", "/", "\u00e9", "\u4e2d", "\U0001f600", "\U00010348", "<Img src=x>", "<option>",
                "<WBR>", "</SECTION >", "<abcdefghijklmnopq>", "<h1 title='<b>'>", "text", "\n"]


@pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DEPTH_PIECES), max_size=60))
def test_tag_depth_of_every_kind_of_str_is_the_regex_scans(pieces):
    """Pages of one-, two- and four-byte characters (an emoji, a Gothic letter), flat names in capitals."""
    page = "".join(pieces)
    assert html.nesting_depth(page) == html._nesting_depth_python(page)


def _holds_a_letter_by_numpy(word: str) -> bool:
    """The reading word_holds_a_letter replaced."""
    return bool(words.is_letter(np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)).any())


CODE_POINTS = st.one_of(st.integers(0x20, 0x30FF), st.integers(0x3000, 0x3200), st.integers(0x3100, 0xD7FF),
                        st.integers(0xE000, 0x10FFFF))


@settings(max_examples=500, deadline=None)
@given(st.lists(CODE_POINTS, max_size=8))
def test_word_holds_a_letter_is_the_numpy_reading(code_points):
    word = "".join(map(chr, code_points))
    assert words.word_holds_a_letter(word) == _holds_a_letter_by_numpy(word)


def test_word_holds_a_letter_learns_blocks_as_it_goes():
    """A word whose code point is new above the table is answered (and its block learnt) by is_letter."""
    rng = random.Random(7)
    for _ in range(3000):
        word = "".join(chr(rng.choice([rng.randrange(0x3100, 0xD800), rng.randrange(0x10000, 0x30000),
                                       rng.randrange(0x21, 0x7F), 0x2014])) for _ in range(rng.randint(1, 4)))
        assert words.word_holds_a_letter(word) == _holds_a_letter_by_numpy(word), word


# Short blocks' texts around the furniture words: their leads in either case, after blanks str.strip drops,
# after non-ASCII characters re's IGNORECASE reads as ASCII ("ſ" for "s", "K" for "k"), near misses.
SHORT_TEXTS = ["Advertisement", "advert", "AD", "Sponsored", "Continue reading below", "read more", "Related stories",
               "Share this article", "Comments", "PRINT", "email", "This slideshow requires JavaScript", "Loading...",
               "\u017fhare", "\u212a", "\u00a0Read more", "\u3000Print", "\x1cComments", "Ｒead more", "By Ann Lee",
               "12 May 2024", "Tags: harbour", "x", "Ü", "中文", "  ", "Related:", "Sharing", "Emails"]


@pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")
def test_short_blocks_render_as_the_python_twin():
    """The compiled renderer skips the furniture test of a short block whose text starts with an ASCII
    character no furniture line begins with: pages of short blocks and links among prose, compiled and twin."""
    rng = random.Random(2524)
    for _ in range(300):
        blocks = []
        for _ in range(rng.randrange(3, 25)):
            text = rng.choice(SHORT_TEXTS)
            if rng.random() < 0.2:
                text = f"<span> </span><b>{text}</b>"
            if rng.random() < 0.15:
                text = f"<a href='/x'>{text}</a>"
            blocks.append(f"<{rng.choice(['p', 'div', 'li', 'h3'])}>{text}</{'p'}>")
            if rng.random() < 0.3:
                blocks.append("<p>The council voted on Tuesday, at length, to reopen the pier in May.</p>")
        assert_extracts_as_twin("<html><body><div id='main'>" + "".join(blocks) + "</div></body></html>")


def _rule_lines() -> list[str]:
    """Each marker rule's example lines, and variants: case changed, a character put before, the first
    character swapped for others (ASCII and not), blanks, lone characters."""
    from corpus_clean.boilerplate.rules import load_rules

    rng = random.Random(2525)
    lines = []
    for rule in load_rules().rules:
        if not rule.is_unconditional:
            continue
        for example in str(rule.example or "").splitlines() or [""]:
            example = example.strip(" \t")
            lines += [example, example.upper(), example.lower(), example.swapcase(), "x" + example, example[1:]]
            for first in rng.sample(["(", "1", "A", "z", "#", "[", "\u017f", "\u212a", "É", "ß", "—", "\u00a0", "*"], 5):
                lines.append(first + example[1:])
    return lines + [chr(code) for code in range(0x20, 0x7F)] + ["", "\u00a0", "中文"]


def test_marker_rules_named_by_their_leads_as_by_every_rule():
    """A matched line's rule is the first rule that full-matches it, whether every rule is tried in turn
    or only those a match of which may begin with the line's first character."""
    _, rules = html._marker_rules()
    for line in _rule_lines():
        every = next((rule_id for rule_id, regex in rules if regex.fullmatch(line)), "markers")
        led = next((rule_id for rule_id, regex in html._rules_led_by(line, rules) if regex.fullmatch(line)), "markers")
        assert led == every, line


LEAD_PATTERNS = [r"(?:read more|share(?: this)?)\W*", r"\(?(?i:by)\s", r"\d+ views", r"(?s:.)x", r".x", r"[^a]b",
                 r"(?i:\u017f)ign", r"a*b|c?d", r"(?:ab)+|[A-Z@]", r"(?i)straße", r"(?i:K)elvin", r"x{0,2}y", r"\W+"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LEAD_PATTERNS), st.sampled_from([0, 2]), st.text(max_size=6))
def test_leading_ascii_never_leaves_out_a_match(pattern, flags, text):
    """A text whose first character is ASCII and left out by leading_ascii is never full-matched."""
    from corpus_clean.line_gate import leading_ascii

    regex = re.compile(pattern, flags)
    lead = leading_ascii(regex)
    if lead is None or not text or ord(text[0]) >= 128 or lead[ord(text[0])]:
        return
    assert regex.fullmatch(text) is None
    for code in range(128):  # (and each character it leaves out cannot begin a match of the rest)
        if not lead[code]:
            assert regex.fullmatch(chr(code) + text[1:]) is None

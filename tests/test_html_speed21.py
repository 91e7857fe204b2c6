"""Round 21 (htmlspeed21): the regexes a cold page paid most for in Python's engine answered by
quicker means with the same answers, and the reply/vote gate asked once a reading.

* ``html_posts._has_date`` gives ``bool(DATE_RE.search(text))`` on generated texts of dates in every
  form DATE_RE knows, digits and month names glued to words, Unicode digits and case folds ("ſ");
  its quick path is on for DATE_RE and off for a pattern of another shape;
* ``lexbor_walk.holds_label_name`` (the label walk's C name scan, one string) says what the names'
  regex says, on generated class/id strings (names in any case, glued, cut short, non-ASCII);
  ``html.label_verdict`` gives the same verdicts with the compiled scan and with the twins;
* ``html_mail._holds_marks`` answers as the MULTILINE regex it replaces, on generated line joins;
* ``read_page`` asks ``answered_posts`` once a reading when the page has no reply controls (twice
  before), and pages with readers' posts read as before.

* ``html._label_reading`` (strip_junk's paragraph text, semantic marks' wrappers and label verdicts: one
  compiled walk, ``_lexbor_walk.labels_marks_paras``) gives what the three walks give, on generated
  labelled pages, and what the Python twins give.

* ``html_posts._has_rating`` gives ``bool(RATING_RE.search(text))`` on generated texts; its quick path is on
  for RATING_RE only.

Fail on main (checked): 11 of 14 — the shape checks, ``holds_label_name``, ``_holds_marks``, ``_label_reading``
(none exists there) and the gate's count (main asks it twice). Pass on main (guards): ``test_has_date_as_the_regex``,
``test_has_rating_as_the_regex`` (the quick scans were there before) and ``test_label_verdicts_as_with_the_twins``.
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import html, html_comment_section, html_mail, html_posts, lexbor_walk, native

compiled = pytest.mark.skipif(lexbor_walk.active() is None or not lexbor_walk.queries_built(),
                              reason="corpus_clean._lexbor_walk was not built")

DATE_PIECES = ["3", "12", "2024", "1999", "24", "20", "19", "1", "/", ".", "-", " ", "\n", ",", "March", "mar",
               "Mai", "märz", "août", "ENERO", "ſept", "sept", "Dezember", "dec", "today", "Yesterday", "toDay",
               "yeſterday", "ago", "weeks", "hour", "days", "Monday", "x", "a", "_", "é", "٣", "２", "Jo", "“"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=14))
def test_has_date_as_the_regex(pieces):
    text = "".join(pieces)
    assert html_posts._has_date(text) == (html_posts.DATE_RE.search(text) is not None)


def test_has_date_quick_path_only_for_its_shape():
    assert html_posts._DATE_QUICK
    assert not html_posts._dates_open_with_a_digit_or_hold_a_year(r"\b\d+ days|\blast week")
    assert not html_posts._dates_open_with_a_digit_or_hold_a_year(r"\bmay(?: (?:19|20)\d\d)?")
    # (no character but "D" and "d" folds to "d": the day words' quick gate misses none)
    folds = [c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF and re.fullmatch("d", c, re.I)]
    assert folds == ["D", "d"]


NAME_PIECES = ["nav", "NAV", "Share", "comment", "sidebar", "ad", "col", "md", "8", "-", "_", " ", "x", "é", "\u212a",
               "K", "İ", "\0", "wp", "block", "group", "article", "Body", "hid", "den"]


@compiled
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=8), st.integers(0, 3))
def test_holds_label_name_as_the_regex(pieces, cut):
    text = "".join(pieces)[cut:]
    held = lexbor_walk.holds_label_name(text, html._LABEL_NAMES_BLOB)
    if text.isascii():
        assert held == (html._LABEL_NAMES_RE.search(text.lower()) is not None)
    else:
        assert held == -1
    with native.twins_only():
        assert lexbor_walk.holds_label_name(text, html._LABEL_NAMES_BLOB) == -1


@compiled
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=5), min_size=1, max_size=3))
def test_label_verdicts_as_with_the_twins(tokens):
    label = " ".join("".join(token) for token in tokens)
    html.clear_caches()
    compiled_verdict = html.label_verdict(label)
    html.clear_caches()
    with native.twins_only():
        assert html.label_verdict(label) == compiled_verdict


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["\n", "-", "--", ">", "a", " ", "é", "\r", "“"]), max_size=10))
def test_holds_marks_as_the_regex(pieces):
    text = "".join(pieces)
    assert html_mail._holds_marks(text) == (html_mail._MARKS.search(text) is not None)


def _page(seed: int, replies: bool) -> str:
    rng = random.Random(seed)
    story = "".join(f"<p>Paragraph {i} of the story on the harbour's new quay, its cost and its delays.</p>"
                    for i in range(rng.randint(2, 5)))
    control = "<a href='#'>Reply</a>" if replies else "<a href='/more'>More stories</a>"
    posts = "".join(f"<li><b>Reader {i}</b> <time>{i + 1} hours ago</time><p>I walked past the quay yesterday "
                    f"and it looks finished to me, so why the delay?</p>{control}</li>" for i in range(rng.randint(3, 9)))
    return f"<body><nav><a href='/'>Home</a></nav><div class='body'>{story}</div><section><ul>{posts}</ul></section></body>"


@pytest.mark.parametrize("seed", range(6))
def test_gate_asked_once_a_reading(monkeypatch, seed):
    asked = []
    real = html_comment_section.answered_posts

    def counted(body, cuts):
        asked.append(1)
        return real(body, cuts)

    monkeypatch.setattr(html_comment_section, "answered_posts", counted)
    html.extract_main_text(_page(seed, replies=False))
    assert len(asked) == 1
    asked.clear()
    with_replies = html.extract_main_text(_page(seed, replies=True))
    assert len(asked) >= 1
    monkeypatch.undo()
    assert html.extract_main_text(_page(seed, replies=True)).text == with_replies.text
    assert "I walked past the quay" not in with_replies.text  # (readers' posts after the story: cut)


LABELS = ["", " class='share-bar'", " class='post-body'", " id='sidebar'", " class='col-md-8'", " class='nav x' id='m'",
          " role='navigation'", " hidden", " style='display:none'", " aria-hidden='true'", " class='comment-list'",
          " class='café-nav'", " class", " role='main'", " itemprop='articleBody'", " class='Related' id='Ad'"]
TAGS = ["div", "p", "section", "span", "ul", "li", "article", "main", "aside", "a", "b", "header"]


def _labelled_page(seed: int) -> str:
    rng = random.Random(seed)

    def block(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 4)):
            if depth > 3 or rng.random() < 0.3:
                parts.append(rng.choice(["Words of the story, here.", " ", "Home", "été", "<br>"]))
            else:
                tag = rng.choice(TAGS)
                parts.append(f"<{tag}{rng.choice(LABELS)}>{block(depth + 1)}</{tag}>")
        return "".join(parts)

    body_label = rng.choice(["", " class='page'"])
    return f"<body{body_label}>{block(0)}</body>"


@compiled
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9))
def test_label_reading_as_three_walks(seed):
    from selectolax.lexbor import LexborHTMLParser

    page = _labelled_page(seed)
    html.clear_caches()
    body = LexborHTMLParser(page).body
    wanted = (html._para_chars(body) or 1, html.article_wrappers(body),
              [(n.mem_id, v) for n, v in html._judged_labels(body)])
    html.clear_caches()
    total, wrappers, judged = html._label_reading(body)
    assert (total, wrappers, [(n.mem_id, v) for n, v in judged]) == wanted
    # (and as the Python twins read the page)
    html.clear_caches()
    with native.twins_only():
        twin_body = LexborHTMLParser(page).body
        total, wrappers, judged = html._label_reading(twin_body)
        assert (total, len(wrappers), [v for _, v in judged]) == (wanted[0], len(wanted[1]), [v for _, v in wanted[2]])


RATING_PIECES = ["4", "4.5", "3,5", "10", "5", "/", " out of ", "OUT OF", " ", "\n", "rated", "Rated", "RATED", "ſ",
                 "★", "☆", "⭐", "x", "é", "٣", "stars", "of", "7", "rate", "d", "\u212a", "_", "“"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(RATING_PIECES), max_size=12))
def test_has_rating_as_the_regex(pieces):
    text = "".join(pieces)
    assert html_posts._has_rating(text) == (html_posts.RATING_RE.search(text) is not None)


def test_has_rating_quick_path_only_for_its_shape():
    """Fails on main (no shape check there)."""
    assert html_posts._RATING_QUICK
    assert not html_posts._ratings_of_three_forms(r"[★]|\b\d stars|\bscore\s+\d")
    folds = [c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF and re.fullmatch("r", c, re.I)]
    assert folds == ["R", "r"]

"""Round 18 (htmlspeed18): class/id labels of pages not seen before, cheaper, same verdicts.

* ``html_pattern_set.PatternSet`` asks a new token's eight checks in one RE2 pass; each answer
  must be Python's ``re``'s (hypothesis writes patterns of the constructs it sends to RE2, and
  texts with capitals, non-ASCII letters, newlines and lone surrogates);
* the compiled label walk leaves out the rows whose ASCII class and id hold none of the names
  ``label_verdict`` looks for (no string made for them): exactly those, and the judged
  elements stay the Python twin's.

All fail on main (``html_pattern_set``, ``lexbor_walk.label_names_blob`` and ``Query.labels``'
``names`` do not exist there). ``tests/test_html_speed17.py`` checks every token's flags and
every label's verdict against the full checks, written out (it runs through the set now).
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk
from corpus_clean.html_pattern_set import PatternSet, same_in_re2

pytest.importorskip("re2")

# --------------------------------------------------------------------------- #
# One RE2 pass for several patterns, answering as Python's re
# --------------------------------------------------------------------------- #

PIECES = ["ad", "nav", "x", "overflow", "-", "_", ":", "[xy]", "[-_]", "(?:no|without)", "(?:has[-_])?", "^",
          "$", "(?:^|:)", "a+", "b?", "[^a-]", ".", "\\.", "é", "\\bnav", "\\w+", "(?=a)", "Nav"]


@st.composite
def a_pattern(draw) -> tuple[re.Pattern, bool]:
    """A small pattern of the constructs the label checks use (and some RE2 reads otherwise), anchored or not."""
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))
    body = "".join(parts)
    if draw(st.booleans()):
        body = body + "|" + "".join(draw(st.lists(st.sampled_from(PIECES[:12]), min_size=1, max_size=3)))
    flags = re.IGNORECASE if draw(st.integers(0, 9)) == 0 else 0
    return re.compile(body, flags), draw(st.booleans())


a_text = st.lists(st.sampled_from(["ad", "nav", "NAV", "x", "y", "-", "_", ":", "overflow", "hidden", "no", "has",
                                   "without", "a", "b", "é", "K", "\n", "\ud800", " ", "."]),
                  max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(a_pattern(), min_size=1, max_size=6), st.lists(a_text, min_size=1, max_size=8))
def test_a_pattern_set_answers_as_pythons_re(checks, texts):
    """Every text's hits are the positions of the patterns whose ``match`` (anchored) or ``search``
    finds something in Python's ``re``, whichever engine asked them."""
    patterns = PatternSet(checks)
    for text in texts:
        wanted = [k for k, (pattern, anchored) in enumerate(checks)
                  if (pattern.match if anchored else pattern.search)(text)]
        assert sorted(patterns.hits(text)) == wanted, (text, [p.pattern for p, _ in checks])


def test_the_token_checks_are_all_asked_in_re2():
    """The eight checks of a new class/id token are all read alike by RE2 (none left to Python's
    ``re``: a check changed so that RE2 would read it otherwise falls back, and this says so)."""
    checks = html._TOKEN_CHECKS
    assert checks._set is not None and checks._in_python == []
    assert all(same_in_re2(pattern) for pattern, _ in checks.checks)
    assert not same_in_re2(re.compile(r"\bnav\b")) and not same_in_re2(re.compile("nav", re.I))


# --------------------------------------------------------------------------- #
# The compiled label walk: rows whose label holds no name left out
# --------------------------------------------------------------------------- #

CLASS_WORDS = ["share-bar", "post-body", "row", "col-md-8", "NAV", "Menu", "x", "entry-content", "wp-block",
               "\u212a-box", "İnfo", "café", "ad", "header", "  ", "", "sidebarWidget", "K"]


def _label(cls, ident):
    return f"{cls} {ident}" if cls and ident else cls or ident


def _random_page(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 30)):
        attrs = ""
        if rng.random() < 0.8:
            words = " ".join(rng.choice(CLASS_WORDS) for _ in range(rng.randrange(1, 4)))
            attrs += f' class="{words}"' if rng.random() < 0.9 else " class"
        if rng.random() < 0.3:
            attrs += f' id="{rng.choice(CLASS_WORDS)}"' if rng.random() < 0.9 else " id"
        if rng.random() < 0.1:
            attrs += rng.choice([" hidden", ' role="navigation"', ' style="display:none"', ' data-x="1"'])
        parts.append(f"<{rng.choice(['div', 'section', 'p', 'span', 'a'])}{attrs}>w")
    return "<body>" + "".join(parts) + "</body>"


def test_label_rows_left_out_are_those_holding_no_name():
    """With ``names``, ``Query.labels`` leaves out, of the rows it gives with ``quiet`` alone, exactly
    those with no other attribute whose class and id are ASCII and hold none of the names lower-cased
    (a Kelvin sign, which Python lower-cases to "k", or a dotted capital I keep their row); and the
    elements ``_judged_labels`` judges, with their verdicts, are the Python twin's."""
    if lexbor_walk.active() is None or not lexbor_walk.queries_built():
        pytest.skip("the compiled query walk is off")
    assert html._LABEL_NAMES_BLOB is not None
    rng = random.Random(18)
    for _ in range(300):
        body = LexborHTMLParser(_random_page(rng)).body
        cache: dict = {}
        rows = html._JUDGED_LABELS.labels(body, quiet=cache)
        got = html._JUDGED_LABELS.labels(body, quiet=cache, names=html._LABEL_NAMES_BLOB)
        expected = [row for row in rows if not (
            row[3] is None and all(part is None or (part.isascii() and html._LABEL_NAMES_RE.search(part.lower()) is None)
                                   for part in row[1:3]))]
        assert got == expected
        html.clear_caches()
        judged = [(node.mem_id, verdict) for node, verdict in html._judged_labels(body)]
        twin = [(node.mem_id, verdict) for node in html._labelled_elements(body)
                if (verdict := html.attrs_verdict(node.attributes)) is not None]
        assert judged == twin


def test_label_names_are_lower_case_ascii_words_sorted():
    """The names reach the C walk as sorted, NUL-separated lower-case ASCII words; anything else is refused
    (the compiled check compares lower-cased ASCII bytes), by the helper and by the walk."""
    assert lexbor_walk.label_names_blob(["nav", "ad", "nav"]) == b"ad\x00nav"
    for bad in (["Nav"], ["a b"], ["café"], [""], []):
        assert lexbor_walk.label_names_blob(bad) is None
    if lexbor_walk.active() is None or not lexbor_walk.queries_built():
        pytest.skip("the compiled query walk is off")
    body = LexborHTMLParser("<body><div class='x'>w</div></body>").body
    for blob in (b"nav\x00ad", b"Nav", b"a b", b"nav\x00\x00ad"):
        with pytest.raises(ValueError):
            html._JUDGED_LABELS.labels(body, quiet={}, names=blob)
    assert html._JUDGED_LABELS.labels(body, quiet={}, names=html._LABEL_NAMES_BLOB) == []


def test_doctests_of_the_pattern_set():
    import doctest

    from corpus_clean import html_pattern_set

    result = doctest.testmod(html_pattern_set)
    assert result.failed == 0 and result.attempted >= 4

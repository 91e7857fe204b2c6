"""Round 23 (htmlspeed23): the same answers at less cost on a cold page.

* a class/id label new to the label cache is read in C (``lexbor_walk.label_flags``: each token as
  ``html._token_flags`` reads it, the words split as ``_LABEL_WORD`` splits them) when it is ASCII; its verdict
  is the Python twin's (``html._label_verdict_in_python``) on generated labels of the checks' names, their
  capitals, separators, heading slugs, utility classes, pseudo-element variants, negations, ASCII blanks
  Python's ``str.split`` splits on, and tokens too long for the C reading; with ``ELEMENT_NAMES`` off too;
* the label walk (``labels_marks_paras`` with that reading) leaves out the rows of new labels without a verdict:
  a page's judged labels are the Python twins', cold and warm;
* the marker rules' gate is matched forward only (``line_gate.GatedFinder._next_line``): its matches are
  ``finditer``'s on rule sets whose beginnings could read a newline.

Fail on main: every test here (``label_flags``, ``_label_verdict_in_python``, the reading's names and
``GatedFinder.forward`` do not exist there). A mutant gate whose beginnings read newlines fails 19 generated
texts; a label reading without the names' groups fails all 40 pages.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import html, lexbor_walk, native

compiled = pytest.mark.skipif(lexbor_walk.active() is None or not lexbor_walk.queries_built(),
                              reason="corpus_clean._lexbor_walk was not built")

NAMES = sorted({*html.NEGATIVE_STEMS, *html.NEGATIVE_WORDS, *html._POSITIVE_NAMES, *html._HARD_NEGATIVE_NAMES})
PIECES = (NAMES + [n.upper() for n in NAMES[::3]] + [n.capitalize() for n in NAMES[1::3]]
          + ["col", "md", "8", "wp", "block", "Page", "Builder", "HTML", "x", "has", "no", "without", "overflow",
             "hidden", "x-hidden", "marker:", "first-line:", "md:", "the", "of", "with", "a", "NAVBar", "mainNav",
             "iFrame", "A1", "Ab", "ABc", "a1B", "0"])
SEPARATORS = ["-", "_", "", ":", "--", "__"]
BLANKS = [" ", "  ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f"]

a_token = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from(SEPARATORS).map(lambda sep: sep.join(parts)))
a_label = st.lists(a_token, min_size=1, max_size=5).flatmap(
    lambda tokens: st.lists(st.sampled_from(BLANKS), min_size=len(tokens) + 1, max_size=len(tokens) + 1).map(
        lambda blanks: "".join(b + t for b, t in zip(blanks, tokens + [""]))))


def _python_verdict(label: str):
    html.clear_caches()
    return html._label_verdict_in_python(label)


def _random_label(rng: random.Random) -> str:
    """A label as ``a_label`` draws them, from a seeded generator (thousands a second)."""
    tokens = [rng.choice(SEPARATORS).join(rng.choices(PIECES, k=rng.randint(1, 6))) for _ in range(rng.randint(1, 5))]
    return "".join(rng.choice(BLANKS) + token for token in tokens) + rng.choice(BLANKS + [""])


@compiled
@pytest.mark.parametrize("seed", range(4))
def test_compiled_label_verdicts_are_the_twins(seed):
    """An ASCII label is read in C (never -1), and its verdict is the Python twin's (5,000 labels a seed)."""
    rng = random.Random(seed)
    for _ in range(5000):
        label = _random_label(rng)
        assert lexbor_walk.label_flags(label, html._LABEL_NAMES_BLOB, html._LABEL_NAME_INFO,
                                       html._FUNCTION_WORDS_BLOB, html.ELEMENT_NAMES, html._COMMENTS_RULE) >= 0
        html.clear_caches()
        assert html.label_verdict(label) == _python_verdict(label), label


@compiled
@settings(max_examples=300, deadline=None)
@given(a_label)
def test_compiled_label_verdicts_drawn(label):
    """The same on hypothesis' draws (which shrink a failure to its smallest label)."""
    html.clear_caches()
    assert html.label_verdict(label) == _python_verdict(label)


@compiled
@settings(max_examples=200, deadline=None)
@given(a_label)
def test_compiled_label_verdicts_without_element_names(label):
    """With the element-name reading switched off (an ablation's switch), C and Python still agree."""
    saved = html.ELEMENT_NAMES
    html.ELEMENT_NAMES = False
    try:
        html.clear_caches()
        assert html.label_verdict(label) == _python_verdict(label)
    finally:
        html.ELEMENT_NAMES = saved


@pytest.mark.parametrize("label", [
    "article-meta entry-content",  # a block's part: its last word names furniture
    "sharing-with-a-single-developer",  # a heading's slug
    "md:overflow-x-hidden related",  # a utility class
    "marker:hidden nav",
    "has-no-comments post",
    "commentRespond",
    "NAVbar", "mainNAV sidebar",
    "ad-" + "x" * 600,  # a token longer than the C reading takes: the twin answers
    "nav\u00a0bar", "K-nav", "navé",  # not ASCII: the twin answers
])
def test_labels_of_each_kind(label):
    html.clear_caches()
    assert html.label_verdict(label) == _python_verdict(label)


@compiled
def test_long_and_non_ascii_labels_go_to_the_twin():
    blob, info, words = html._LABEL_NAMES_BLOB, html._LABEL_NAME_INFO, html._FUNCTION_WORDS_BLOB
    assert lexbor_walk.label_flags("ad-" + "x" * 600, blob, info, words, True, html._COMMENTS_RULE) == -1
    assert lexbor_walk.label_flags("navé", blob, info, words, True, html._COMMENTS_RULE) == -1
    assert lexbor_walk.label_flags("col-md-8", blob, info, words, True, html._COMMENTS_RULE) == 0
    with native.twins_only():
        assert lexbor_walk.label_flags("nav", blob, info, words, True, html._COMMENTS_RULE) == -1
    with pytest.raises(ValueError):
        lexbor_walk.label_flags("nav", blob, info[:-2], words, True, html._COMMENTS_RULE)


# --------------------------------------------------------------------------- #
# The marker rules' gate matched forward only (corpus_clean.line_gate)
# --------------------------------------------------------------------------- #

import re  # noqa: E402

from corpus_clean.line_gate import GatedFinder, PREFIX_BRANCH_CHARS, rule_prefix  # noqa: E402

re2 = pytest.importorskip("re2")

# Rules whose beginnings could read a newline (a blank class first or inside, a negated class, a literal
# newline, a "." under DOTALL, a branch too long to spell out), or whose "." must not (Python's reads none).
_LONG_BRANCH = "(?:" + "|".join(f"w{k}\\s+x" for k in range(PREFIX_BRANCH_CHARS // 8)) + ")"
NEWLINE_RULE_SETS = [
    [r"\s*Advert", r"Read\s+more"],
    [r"Photo: .+", r"(?s:Note.)x", r"(?s:b.)c"],
    [r"[^a]b", r"a\nc", r"x[\s_]+y"],
    [_LONG_BRANCH, r"(?i:share)"],
    [r"(?:\s|-)?\d+ (?:min|m)\s+read", r"(?i:stra\u00dfe)"],
]
NEWLINE_PIECES = ["Advert", "Read", "more", "Photo: ", "Note", "w1", "w7", "3", " min", "m", "read", "share", "SHARE",
                  "stra\u00dfe", "STRASSE", "a", "b", "c", "x", "y", "_", "-", ".", " ", "  ", "\t", "\n", "\n", "\n \n"]


@pytest.mark.parametrize("rules", NEWLINE_RULE_SETS)
def test_forward_gate_matches_are_finditers(rules):
    """The gate, matched forward from where it looks, lets Python's finditer find exactly its own matches
    (2,000 generated texts a rule set), and no rule's beginning reads a newline."""
    regex = re.compile("(?m)^[ \\t]*(?:" + "|".join(rules) + ")[ \\t]*$")
    finder = GatedFinder(regex, rules)
    assert finder.gate is not None and finder.forward
    for rule in rules:
        beginning = re2.compile("(?s)" + rule_prefix(rule))
        assert all(beginning.search(text) is None or "\n" not in beginning.search(text).group()
                   for text in ("\n" * 3 + "Advert", "Read\nmore", "Photo: a\nb", "Note\nx", "w1\nx", " \n3min\nread"))
    rng = random.Random(23)
    for _ in range(2000):
        text = "".join(rng.choice(NEWLINE_PIECES) for _ in range(rng.randrange(0, 30)))
        got = [(m.start(), m.end()) for m in finder.finditer(text)]
        assert got == [(m.start(), m.end()) for m in regex.finditer(text)], text


# --------------------------------------------------------------------------- #
# The label walk leaves out the rows of new labels without a verdict (labels_marks_paras' reading)
# --------------------------------------------------------------------------- #

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

EXTRAS = ["", "", "", " role='navigation'", " hidden", " style='display:none'", " aria-hidden='true'", " data-x='1'"]


def _labelled_page(rng: random.Random) -> str:
    """A page of nested elements labelled with generated classes and ids (ASCII and not), some with other attributes."""
    parts = []
    for _ in range(rng.randint(5, 40)):
        label = _random_label(rng).replace("'", "")
        attr = rng.choice(["class", "id", "both"])
        attrs = (f" class='{label}'" if attr != "id" else "") + (f" id='{rng.choice(PIECES)}'" if attr != "class" else "")
        if rng.random() < 0.1:
            attrs = attrs.replace("nav", "navé")
        tag = rng.choice(["div", "section", "ul", "p", "span"])
        parts.append(f"<{tag}{attrs}{rng.choice(EXTRAS)}>Words, here.")
        if rng.random() < 0.5:
            parts.append(f"</{tag}>")
    return "<body>" + "".join(parts) + "</body>"


@compiled
@pytest.mark.parametrize("seed", range(40))
def test_label_walk_rows_as_the_twins(seed):
    """The judged labels of a page read by the compiled walk, which leaves out new ASCII labels without a verdict
    (cold, then warm), are the Python twins' (``_judged_labels`` with the twins only)."""
    page = _labelled_page(random.Random(seed))
    if html._compiled_renderer() is None:
        pytest.skip("the compiled renderer is off")
    html.clear_caches()
    cold = [v for _, v in html._label_reading(LexborHTMLParser(page).body)[2]]
    cached = dict(html._LABEL_CACHE)  # (the labels left out in C are cached as None, as the twins cache them)
    warm = [v for _, v in html._label_reading(LexborHTMLParser(page).body)[2]]
    with native.twins_only():
        html.clear_caches()
        twins = [v for _, v in html._judged_labels(LexborHTMLParser(page).body)]
        assert cached.items() <= html._LABEL_CACHE.items()
    assert cold == warm == twins

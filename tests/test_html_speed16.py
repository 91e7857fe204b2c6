"""Round 16's speed changes to the HTML path give the same answers as the code they replace.

* ``html.marker_line`` (one rendered line: do the marker rules cut it?) against
  ``bool(marker_removals(line))``, the expression it replaces in ``extract_main_text``.
* ``line_gate.GatedFinder`` searching the text's UTF-8 bytes, encoded once, against
  ``finditer``, on mixed-width texts with many hits (the byte-to-character mapping).

* The compiled renderer reading blank text nodes on their bytes, against the Python twin.

Every test here fails on main as a module (``marker_line`` does not exist there); of their
own, the marker-line tests and the gate's bytes test fail on main (main's gate searches the
str, which RE2's wrapper encodes again on every search), while the renderer's and the
mixed-width tests state what main already did and guard the new code paths.
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import html
from corpus_clean.html import _marker_rules, marker_line, marker_removals
from corpus_clean.line_gate import GatedFinder
from tests.test_line_gate import PACK_LINES  # the lines the packs document for their unconditional rules

re2 = pytest.importorskip("re2")


ODD_LINES = ["", " ", "\t", "\u00a0", "^", "^ ", "^ Smith, J. (2001). Harbour studies.", "↑ Jump up to: a b",
             "中文 — «texte» ünïcödé", "ADVERTISEMENT\nsecond line", "\n", "a\nADVERTISEMENT", "\ud800 broken",
             "________________", "© 2024 Example Ltd. All rights reserved."]


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_marker_line_is_marker_removals_on_the_packs_lines():
    """Every line the packs document (cut and kept), and odd ones: the same answer."""
    answers = [(line, marker_line(line), bool(marker_removals(line))) for line in PACK_LINES + ODD_LINES]
    assert [a for a in answers if a[1] != a[2]] == []
    assert sum(a[1] for a in answers) >= 20  # (the packs' lines do hit the rules)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PACK_LINES + ODD_LINES), min_size=1, max_size=3),
       st.sampled_from(["", " ", "\t", " x ", "1. "]))
def test_marker_line_on_spliced_lines(parts, glue):
    """Pieces of the packs' lines glued together (prefixes, blanks, numbering): the same answer."""
    line = glue.join(parts)
    assert marker_line(line) == bool(marker_removals(line))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aA ^-_*©()0123456789:\t\n.é中↑·|")), max_size=40))
def test_marker_line_on_generated_text(line):
    assert marker_line(line) == bool(marker_removals(line))


class _RecordingGate:
    """The real RE2 gate, with the texts it is asked to search recorded."""

    def __init__(self, gate):
        self.gate, self.searched = gate, []

    def search(self, text, pos=None):
        self.searched.append(text)
        return self.gate.search(text, pos)

    def match(self, text, pos=None):  # (the whole lines' check at each line the gate finds: round 17)
        self.searched.append(text)
        return self.gate.match(text, pos)


def test_the_gate_searches_the_bytes_encoded_once():
    finder, _ = _marker_rules()
    text = "Intro — «wide» text.\nADVERTISEMENT\nMore 中文 prose.\nRead more\nend 😀\nADVERTISEMENT\n"
    recorder, checker = _RecordingGate(finder.gate), _RecordingGate(finder.check)
    gated = GatedFinder(finder.regex, [])
    gated.gate, gated.check = recorder, checker
    assert spans(gated.finditer(text)) == spans(finder.regex.finditer(text))
    assert len(recorder.searched) >= 3  # (one search a hit, and the last)
    searched = recorder.searched + checker.searched
    assert all(isinstance(t, bytes) for t in searched)
    assert len({id(t) for t in searched}) == 1


WIDE = ["中", "é", "😀", "\u00a0", "ß", "İ", "—"]
RULES = [r"(?i:read more)", r"[_=-]{5,}", r"(?:Photo|Image):.*", r"(?i:stra\u00dfe)", r"x*"]


def test_mixed_width_texts_with_many_hits_give_finditers_matches():
    """Lines of 1-, 2-, 3- and 4-byte characters between the hits: each hit mapped back to the right str position."""
    regex = re.compile("(?m)^[ \\t]*(?:" + "|".join(RULES) + ")[ \\t]*$")
    finder = GatedFinder(regex, RULES)
    assert finder.gate is not None
    rng = random.Random(16)
    pieces = ["Read more", "READ MORE ", "_____", "Photo: a pier", "Straße", "STRASSE", "x", "", "prose, here"]
    for _ in range(1500):
        lines = ["".join(rng.choice(pieces + WIDE) for _ in range(rng.randrange(0, 4))) for _ in range(rng.randrange(0, 12))]
        text = "\n".join(lines)
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


# The renderer reads a text node of ASCII blanks on its bytes (no str made): every blank str.strip()
# drops, and the characters it does not drop although Python calls them space as code points.
BLANKS = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\u0085", "\u00a0", "\u2028",
          "\u3000", "&nbsp;", "&#133;", "&#x1f;", ""]


def test_blank_text_nodes_render_as_the_python_twin():
    """Pages of blocks, links, cells and cuts with blank runs between their tags: the compiled
    renderer's lines, visible text and cuts are the pure-Python twin's."""
    from corpus_clean import lexbor_walk, native

    if not lexbor_walk.built():
        pytest.skip("corpus_clean._lexbor_walk was not built")
    rng = random.Random(1616)
    tags = ["div", "p", "a", "span", "td", "li", "nav", "aside", "b"]
    for _ in range(300):
        parts = []
        for _ in range(rng.randrange(2, 40)):
            roll = rng.random()
            if roll < 0.35:
                tag = rng.choice(tags)
                parts.append(f"<{tag}{' class=share-bar' if rng.random() < 0.1 else ''}{' href=/x' if tag == 'a' else ''}>")
            elif roll < 0.55:
                parts.append(f"</{rng.choice(tags)}>")
            elif roll < 0.85:
                parts.append("".join(rng.choice(BLANKS) for _ in range(rng.randrange(1, 5))))
            else:
                parts.append(rng.choice(["The council voted on Tuesday, at length.", "Read more", "été 中文", "x"]))
        assert_extracts_as_twin("<html><body>" + "".join(parts) + "</body></html>")


def assert_extracts_as_twin(page: str) -> None:
    """``extract_main_text``'s text, visible text and cuts of ``page`` are the same compiled and with the
    pure-Python twins."""
    from corpus_clean import native

    compiled = html.extract_main_text(page)
    with native.twins_only():
        python = html.extract_main_text(page)
    assert (compiled.text, compiled.visible_text, compiled.removed) == \
        (python.text, python.visible_text, python.removed), page


DATE_PIECES = ["3", "12", "2024", "1999", "03/04/2024", "3.4.24", "2024-03-04", "March", "mar.", "MÄRZ", "décembre",
               "ago", "weeks", "day", "Yesterday", "TODAY", "toDay", "yesterdays", "٣", "२०२४", "ſ", "K", " ", "  ",
               ", ", ".", "-", "/", "\n", "Jo", "ſeptember", "éte", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=12))
def test_has_date_is_date_re(pieces):
    """``html_posts._has_date`` (two quick scans first) answers as ``DATE_RE.search`` on generated texts."""
    from corpus_clean import html_posts

    text = "".join(pieces)
    assert html_posts._has_date(text) == (html_posts.DATE_RE.search(text) is not None)


POST_PIECES = ["4", "4.5", "4,5", "/", " / ", "out of", "OUT OF", "5", "10", "★", "☆☆", "⭐", "rated", "RATED ", "Rated",
               "asked", "Answered", "posted", "reviewed", "WRITTEN", "submitted", "replied", "edited", "by", "BY", "on",
               "On", " ", "\t", "\n", "\u00a0", "Jo", "byline", "one", "٤", "ſubmitted", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(POST_PIECES), max_size=10))
def test_has_rating_and_author_are_their_regexes(pieces):
    """``_has_rating`` / ``_has_author`` (a quick scan first) answer as ``RATING_RE`` / ``AUTHOR_RE``."""
    from corpus_clean import html_posts

    text = "".join(pieces)
    assert html_posts._has_rating(text) == (html_posts.RATING_RE.search(text) is not None)
    assert html_posts._has_author(text) == (html_posts.AUTHOR_RE.search(text) is not None)


UTF8_PIECES = ["a", "<p>", " ", "\n", "\x00", "\x7f", "\x80", "é", "\xff", "\u07ff", "\u0800", "—", "“", "\uffff",
               "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00", "😀", "\U0010ffff", "中文", "a" * 15, "b" * 16, "c" * 17]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(UTF8_PIECES), max_size=40), st.sampled_from(["", "é", "—", "😀"]))
def test_page_bytes_are_strs_encode(pieces, widener):
    """The compiled encoder (runs of 16 ASCII characters at once, one-, two- and four-byte strs, lone
    surrogates and halves of pairs dropped) gives ``str.encode("utf-8", errors="ignore")``'s bytes."""
    from corpus_clean import lexbor_walk

    walker = lexbor_walk.active()
    if walker is None:
        pytest.skip("corpus_clean._lexbor_walk was not built")
    text = "".join(pieces)
    for page in (text, text + widener, widener + text):  # (the same characters in a wider str)
        assert walker.utf8_ignore(page) == page.encode("utf-8", errors="ignore")
    assert html._page_bytes(text) == text.encode("utf-8", errors="ignore")


@given(st.text(max_size=300))
@settings(max_examples=500, deadline=None)
def test_page_bytes_of_any_text(text):
    from corpus_clean import lexbor_walk

    walker = lexbor_walk.active()
    if walker is None:
        pytest.skip("corpus_clean._lexbor_walk was not built")
    assert walker.utf8_ignore(text) == text.encode("utf-8", errors="ignore")


LABEL_CLASSES = ["", "share-bar", "post-body", "row", "col-md-8", "menu", "comments", "x", "entry-content", " ", "ad"]


def test_quiet_label_rows_are_the_rows_parts_verdict_passes_over():
    """``Query.labels(root, quiet=cache)`` leaves out exactly the rows with a class and an id alone whose label
    is empty or cached as None, on generated pages, with the label cache cold, half-filled and full."""
    from selectolax.lexbor import LexborHTMLParser

    from corpus_clean import lexbor_walk

    if lexbor_walk.active() is None or not lexbor_walk.queries_built():
        pytest.skip("the compiled query walk is off")
    rng = random.Random(16)

    def label(cls, ident):
        return f"{cls} {ident}" if cls and ident else cls or ident

    for round_no in range(3):
        cache: dict = {}
        for _ in range(150):
            parts = []
            for _ in range(rng.randrange(1, 30)):
                attrs = ""
                if rng.random() < 0.7:
                    attrs += f' class="{rng.choice(LABEL_CLASSES)}"' if rng.random() < 0.9 else " class"
                if rng.random() < 0.3:
                    attrs += f' id="{rng.choice(LABEL_CLASSES)}"' if rng.random() < 0.9 else " id"
                if rng.random() < 0.1:
                    attrs += rng.choice([" hidden", ' role="navigation"', ' style="display:none"', ' aria-hidden="true"',
                                         ' data-x="1"'])
                parts.append(f"<{rng.choice(['div', 'section', 'p', 'span', 'ul'])}{attrs}>w")
            body = LexborHTMLParser("<body>" + "".join(parts) + "</body>").body
            rows = html._JUDGED_LABELS.labels(body)
            for row in rows:  # (the cache as the page's judging leaves it: some labels None, some a verdict)
                if rng.random() < 0.5 * round_no and label(row[1], row[2]):
                    cache[label(row[1], row[2])] = html.parts_verdict(row[1], row[2], None)
            expected = [row for row in rows if not (row[3] is None and (not label(row[1], row[2])
                                                                       or cache.get(label(row[1], row[2]), False) is None))]
            assert html._JUDGED_LABELS.labels(body, quiet=cache) == expected

"""Round 23, second wave (htmlspeed24): an element's other attributes judged in the compiled label walk.

``labels_marks_paras`` (with the label reading and ``html._JUDGED_ROLES_BLOB``) reads an element whose role, hidden,
style and aria-hidden can give it no verdict of their own (``lexbor_walk``'s ``others_say_nothing``: no role
``html.parts_verdict`` gives a verdict for, no ``hidden``, no style naming display or visibility, aria-hidden not "true") as one
with a class and an id alone: its row is left out in C when its label says nothing (~45 of a cold WCXB page's ~65
rows with other attributes), or comes with ``extra`` None. The Python reading (``attrs_verdict`` on the attribute
dict, ``CORPUS_CLEAN_NATIVE=0``) is the twin: a page's judged labels are the same, cold and warm, over generated
attributes of every kind parts_verdict reads (its roles, their capitals, panels, hiding styles and near-misses,
aria-hidden values, attributes without a value, repeated attributes, bytes that are not UTF-8).

Fail on main: ``labels_marks_paras`` takes a reading of five there (ValueError for six). Mutants of the C reading
that let ``hidden``, a style naming visibility, aria-hidden "true" or a judged role say nothing fail 39, 32, 25
and 57 of these 66 tests.
"""
from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk, native
from tests.test_html_speed23 import PIECES, _random_label

compiled = pytest.mark.skipif(lexbor_walk.active() is None or not lexbor_walk.queries_built(),
                              reason="corpus_clean._lexbor_walk was not built")

ROLES = sorted({*html._ROLE_REASONS, *html.PANEL_ROLES}) + [
    "Navigation", "navigation ", "button", "presentation", "main", "list", "", "dialogé", "region x"]
STYLES = ["display:none", "display: none", "DISPLAY:none", "display :\tnone", "display:block", "visibility:hidden",
          "visibility: visible", "color: red", "displaynone", "display:\u00a0none", "width: 1px; display:none", "",
          "visibility:\nhidden", "font: é"]
OTHERS = (
    [f" role='{r}'" for r in ROLES] + [f" style='{s}'" for s in STYLES]
    + [" hidden", " hidden=''", " HIDDEN", " aria-hidden='true'", " aria-hidden='false'", " aria-hidden='TRUE'",
       " aria-hidden", " aria-hidden='true '", " data-x='1'", " aria-label='Share'", " role", " style",
       " class", " id", " title='nav'", " hiddenx"]
)


def _attributes(rng: random.Random) -> str:
    """A class and/or id from generated labels, then 0-3 other attributes (repeats and empty values included)."""
    label = _random_label(rng).replace("'", "")
    which = rng.choice(["class", "id", "both", "none"])
    attrs = (f" class='{label}'" if which in ("class", "both") else "")
    attrs += (f" id='{rng.choice(PIECES)}'" if which in ("id", "both") else "")
    if rng.random() < 0.1:
        attrs = attrs.replace("nav", "navé")
    return attrs + "".join(rng.choice(OTHERS) for _ in range(rng.choice([0, 1, 1, 1, 2, 3])))


def _page(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(5, 40)):
        tag = rng.choice(["div", "section", "ul", "p", "span", "aside"])
        parts.append(f"<{tag}{_attributes(rng)}>Words, here.")
        if rng.random() < 0.5:
            parts.append(f"</{tag}>")
    return "<body>" + "".join(parts) + "</body>"


def _verdicts(judged) -> list:
    return [(node.mem_id, verdict) for node, verdict in judged]


def _same_page_verdicts(page: str | bytes) -> None:
    """The compiled walk's judged labels, cold then warm, are the twins' on ``page`` (one parse for all three)."""
    if html._compiled_renderer() is None:
        pytest.skip("the compiled renderer is off")
    body = LexborHTMLParser(page).body
    html.clear_caches()
    cold = _verdicts(html._label_reading(body)[2])
    warm = _verdicts(html._label_reading(body)[2])
    with native.twins_only():
        html.clear_caches()
        twins = _verdicts(html._judged_labels(body))
    assert cold == warm == twins, page


@compiled
@pytest.mark.parametrize("seed", range(60))
def test_judged_labels_over_generated_attributes_are_the_twins(seed):
    _same_page_verdicts(_page(random.Random(seed)))


@compiled
@pytest.mark.parametrize("page", [
    b"<body><div class='x' role='nav\xffigation'>a</div><div class='share' style='color:\xe9'>b</div></body>",
    "<body><div class='share' role='navigation' role='button'>a</div><div id='nav' hidden hidden>b</div></body>",
    "<body><div class='post' role='tabpanel' hidden>a</div><div class='post' role='tabpanel' style='display:none'>"
    "b</div><div class='comments' role='region' aria-hidden='true'>c</div></body>",
    "<body><div class='share' data-x='1'>a</div><div class='col-md-8' data-x='1'>b</div><div data-x='1'>c</div>"
    "<div class data-x='1'>d</div><div class='' id='' style='x'>e</div></body>",
])
def test_judged_labels_of_each_kind_are_the_twins(page):
    """Bytes that are not UTF-8, repeated attributes (the last one read), panels that spare hiding, empty labels."""
    _same_page_verdicts(page)


@compiled
def test_rows_with_silent_other_attributes_come_as_plain_rows():
    """The walk's rows: an element whose other attributes say nothing comes with ``extra`` None (or not at all
    when its label says nothing); one whose role, hidden, hiding style or aria-hidden may speak keeps them."""
    renderer = html._compiled_renderer()
    if renderer is None:
        pytest.skip("the compiled renderer is off")
    body = LexborHTMLParser("<body><div class='share' data-x='1'>a</div><div class='col-md-8' title='t'>b</div>"
                            "<div class='post' role='tabpanel' hidden>c</div><p style='display : none'>d</p></body>").body
    html.clear_caches()
    rows = renderer.labels_marks_paras(
        body, html._JUDGED_LABELS.alternatives, html._JUDGED_LABELS.skip_ids, html._LABEL_CACHE, html._LABEL_NAMES_BLOB,
        html._SEMANTIC_MARKS.alternatives, html._SEMANTIC_MARKS.skip_ids, html._P_TAG_ID,
        (html._LABEL_NAME_INFO, html._FUNCTION_WORDS_BLOB, html.ELEMENT_NAMES, html._COMMENTS_RULE, html.CACHE_LIMIT,
         html._JUDGED_ROLES_BLOB))[0]
    assert [row[1:] for row in rows] == [("share", None, None), ("post", None, ("tabpanel", True, None, None)),
                                         (None, None, (None, False, "display : none", None))]
    with pytest.raises(ValueError):  # (a reading without the roles)
        renderer.labels_marks_paras(
            body, html._JUDGED_LABELS.alternatives, html._JUDGED_LABELS.skip_ids, html._LABEL_CACHE,
            html._LABEL_NAMES_BLOB, html._SEMANTIC_MARKS.alternatives, html._SEMANTIC_MARKS.skip_ids, html._P_TAG_ID,
            (html._LABEL_NAME_INFO, html._FUNCTION_WORDS_BLOB, html.ELEMENT_NAMES, html._COMMENTS_RULE, 10))


def test_every_hiding_style_names_display_or_visibility():
    """What the C reading rests on: _HIDDEN_STYLE_RE matches no style without one of the two words."""
    rng = random.Random(24)
    pieces = ["display", "visibility", "none", "hidden", ":", " ", "\t", ";", "color", "dis", "play", "vis", "ibility"]
    for _ in range(3000):
        style = "".join(rng.choices(pieces, k=rng.randint(1, 8)))
        if html._HIDDEN_STYLE_RE.search(style):
            assert "display" in style or "visibility" in style

"""How a browser lays out text that the page's source wraps: line breaks in a text node are spaces.

HTML collapses whitespace: a newline inside a paragraph's source ("<p>Some words\\n
that wrap</p>") is shown as a space, except in preformatted elements (``<pre>``,
``<textarea>``, ``<listing>``, ``<plaintext>``). Pretty-printed pages (and every page
run through a formatter, as test corpora are) put a newline between each inline
element and its neighbours, so rendering source newlines as line breaks cuts
sentences into fragments ("a", "x", "2" of a formula; "Twitter." at the end of a
sentence), which the line-level rule packs then judge out of their sentence.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

_MATH = lexbor_walk.Query("math")  # (one C walk when built)

__all__ = ["PREFORMATTED_TAGS", "as_laid_out", "formula_text", "holds_formula", "in_preformatted"]

PREFORMATTED_TAGS = frozenset(("pre", "textarea", "listing", "plaintext", "xmp"))
MAX_LEVELS = 64  # deeper than any real page nests a <pre>'s inline markup


def in_preformatted(node: LexborNode) -> bool:
    """True when ``node`` sits inside an element that shows its source line breaks.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<pre><b>a\\nb</b></pre><p>c\\nd</p>")
    >>> [in_preformatted(n.child) for n in t.css("b, p")]
    [True, False]
    """
    node = node.parent
    for _ in range(MAX_LEVELS):
        if node is None:
            return False
        if node.tag in PREFORMATTED_TAGS:
            return True
        node = node.parent
    return False


def as_laid_out(text: str, node: LexborNode) -> str:
    """A text node's text with the line breaks *inside* it shown as a browser shows them: spaces.

    A line break at the node's edge stays: there the source breaks between two
    elements (a caption and its credit, a label and its value), which templates also
    set on lines of their own, and the line rules read such lines one by one. Only a
    text with a break inside it looks for a ``<pre>`` around it (a walk up the tree).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<p>When\\n  a = 0,\\nstop.\\n  </p><pre>x\\ny</pre>")
    >>> [as_laid_out(n.child.text_content, n.child) for n in t.css("p, pre")]
    ['When   a = 0, stop.\\n  ', 'x\\ny']
    """
    body = text.strip()
    if "\n" not in body or in_preformatted(node):
        return text
    start = text.index(body)
    return text[:start] + body.replace("\n", " ") + text[start + len(body):]


def formula_text(math: LexborNode) -> str:
    """A MathML formula as one run of its tokens.

    MathML puts every symbol in an element of its own (``<mi>x</mi><mn>2</mn>``); a
    pretty-printed page puts each on a line of its own, and the line rules would
    then judge "x" (a share button) and "2" (a like count) alone.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> formula_text(LexborHTMLParser("<math><mi>\\n a\\n</mi><msup><mi>x</mi><mn>2</mn></msup></math>").css_first("math"))
    ' a x 2 '
    """
    return " " + " ".join(math.text(deep=True, separator=" ").split()) + " "


def holds_formula(node: LexborNode) -> bool:
    """True when an inline element holds a MathML formula: content, whatever its class says.

    MathJax 3 wraps every formula in ``<mjx-container class="MathJax
    CtxtMenu_Attached_0">`` (the formula has a context menu attached), whose label
    reads as a menu; a displayed formula stands between paragraphs, not inside a
    sentence, so :func:`corpus_clean.html.in_running_text` does not save it.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser('<mjx-container class="CtxtMenu_Attached_0"><math><mi>x</mi></math></mjx-container>'
    ...                      '<span class="menu">Home</span>')
    >>> [holds_formula(n) for n in t.css("mjx-container, span")]
    [True, False]
    """
    return _MATH.first(node) is not None

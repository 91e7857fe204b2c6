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

__all__ = ["PREFORMATTED_TAGS", "as_laid_out", "formulas_as_text", "holds_formula", "preformatted_text"]

PREFORMATTED_TAGS = frozenset(("pre", "textarea", "listing", "plaintext", "xmp"))
_PREFORMATTED_SELECTOR = ",".join(sorted(PREFORMATTED_TAGS))


def preformatted_text(body: LexborNode) -> frozenset:
    """``mem_id`` of every text node inside an element that shows its source line breaks.

    One C-level search per page; most pages have no ``<pre>`` at all.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<pre><b>a\\nb</b></pre><p>c\\nd</p>")
    >>> [n.child.mem_id in preformatted_text(t.body) for n in t.css("b, p")]
    [True, False]
    """
    ids = set()
    for block in body.css(_PREFORMATTED_SELECTOR):
        ids.update(node.mem_id for node in block.traverse(include_text=True) if node.is_text_node)
    return frozenset(ids)


def as_laid_out(text: str, node_id: int, preformatted: frozenset) -> str:
    """A text node's text with the line breaks *inside* it shown as a browser shows them: spaces.

    A line break at the node's edge stays: there the source breaks between two
    elements (a caption and its credit, a label and its value), which templates also
    set on lines of their own, and the line rules read such lines one by one.

    >>> as_laid_out("When\\n  a = 0,\\nstop.\\n  ", 1, frozenset()), as_laid_out("x\\ny", 2, frozenset((2,)))
    ('When   a = 0, stop.\\n  ', 'x\\ny')
    """
    if node_id in preformatted:
        return text
    body = text.strip()
    if "\n" not in body:
        return text
    start = text.index(body)
    return text[:start] + body.replace("\n", " ") + text[start + len(body):]


def formulas_as_text(body: LexborNode) -> int:
    """Write each MathML formula as one run of its tokens; returns how many.

    MathML puts every symbol in an element of its own (``<mi>x</mi><mn>2</mn>``); a
    pretty-printed page puts each on a line of its own, and the line rules would
    then judge "x" (a share button) and "2" (a like count) alone.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<p>If <math><mi>\\n a\\n</mi><msup><mi>x</mi><mn>2</mn></msup></math>, stop.</p>")
    >>> formulas_as_text(t.body), t.body.css_first("p").text()
    (1, 'If a x 2, stop.')
    """
    formulas = body.css("math")
    for math in formulas:
        tokens = " ".join(math.text(deep=True, separator=" ").split())
        for child in list(math.iter(include_text=True)):
            child.decompose()
        if tokens:
            math.insert_child(tokens)
    return len(formulas)


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
    return node.css_first("math") is not None

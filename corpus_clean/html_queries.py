"""One Lexbor walk where two queries walked the whole page, for checks made at the same moment.

A ``tree.css(...)`` call walks every element of the page in C; on a long real page
that walk, not the selector, is the cost (~0.05-0.09 ms, measured the same with one
attribute test per element or five). ``declares_discussion`` (microdata, then
JSON-LD) and ``declares_article`` (``itemprop=articleBody``, then JSON-LD) each made
two such walks; they now make one with the union of the two selectors, and tell the
matches apart here, testing each one exactly as Lexbor's selector does.

>>> from selectolax.lexbor import LexborHTMLParser
>>> t = LexborHTMLParser('<script type="Application/LD+JSON">{}</script><script>x</script>')
>>> [is_jsonld_script(node) for node in t.css("script")]
[True, False]
"""
from __future__ import annotations

from types import ModuleType

from selectolax.lexbor import LexborNode

JSONLD_TYPE = "application/ld+json"
# Lexbor compares a script's ``type`` as the HTML standard says (ASCII case-insensitively,
# it is on the standard's list of such attributes); ``itemtype`` and ``itemprop`` exactly.
JSONLD_SELECTOR = f'script[type="{JSONLD_TYPE}"]'
_JSONLD_TYPE_BYTES = JSONLD_TYPE.encode()


def once_each(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` without the repeats Lexbor gives of an element that matches several selectors
    (they come one after the other: Lexbor matches the selector list element by element)."""
    out = []
    last = None
    for node in nodes:
        key = node.mem_id
        if key != last:
            out.append(node)
            last = key
    return out


def is_jsonld_script(node: LexborNode) -> bool:
    """True when ``node`` is what ``JSONLD_SELECTOR`` matches: a ``<script>`` whose ``type`` is
    ``application/ld+json`` in any ASCII case (``bytes.lower`` folds A-Z only, as Lexbor does)."""
    if node.tag != "script":
        return False
    value = node.attributes.get("type")
    return value is not None and value.encode("utf-8", "surrogatepass").lower() == _JSONLD_TYPE_BYTES


_HTML: list = []  # [corpus_clean.html], once html_module() has imported it


def html_module() -> ModuleType:
    """``corpus_clean.html``, for the modules it imports (they cannot import it at their top): imported on
    the first call, then read from here. A function-level ``from corpus_clean.html import name`` ran the
    import system's checks on every call (~1-2 µs: a module lookup, the spec's lock test, and an
    AttributeError formatted and dropped for the module's missing ``__path__``), ~90 calls a WCXB page;
    ``name = html_module().name`` binds the same object in ~0.1 µs.

    >>> html_module().__name__
    'corpus_clean.html'
    """
    if not _HTML:
        from corpus_clean import html  # (imported here, not at the top: html.py imports this module)

        _HTML.append(html)
    return _HTML[0]

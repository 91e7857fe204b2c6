"""Element walks over a selectolax (Lexbor) tree in C, with the Python they replace as the fallback.

A Python walk over a page's elements (``node.traverse()``, ``node.next`` /
``node.first_child``) builds one selectolax node object per element and step; on real
pages (~700 elements, ~1,500 nodes) that was the renderer's and the junk-tag scan's
cost, not the work done per element. ``corpus_clean/_lexbor_walk.c`` follows Lexbor's
own pointers and makes node objects only where Python code needs one.

The compiled walker reads Lexbor's node struct and selectolax's node object directly
(neither library exposes a C API to us), so it is trusted only after a check at import
(:func:`_checked`): its node objects must be the ones selectolax makes, and its walk the
one ``traverse()`` makes, on a probe page. Anything else (another selectolax or Lexbor
layout, no compiler at install, ``CORPUS_CLEAN_NATIVE=0``, :func:`native.twins_only`)
runs the Python twins, which give the same output.

>>> from selectolax.lexbor import LexborHTMLParser
>>> t = LexborHTMLParser("<body><nav>a</nav><p>b<script>x</script></p></body>")
>>> [n.tag for n in tags_below(t.body, tag_ids(["nav", "script"]))]
['nav', 'script']
"""
from __future__ import annotations

import os
from types import ModuleType
from typing import Iterable, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus_clean import native

_PROBE_HTML = (
    "<!doctype html><html><head><title>t</title></head><body class='b'><!-- c -->"
    "<div id='x'><p>One <a href='/'>two</a> three</p><nav><ul><li>a</li><li>b</li></ul></nav>"
    "<script>var s = 1;</script><table><tr><td>c</td></tr></table><my-widget>w</my-widget>"
    "<svg><a><text>v</text></a></svg><math><mi>x</mi></math></div>\n<p>\u00e9t\u00e9 \u2014 end</p></body></html>"
)


def tag_ids(tags: Iterable[str]) -> frozenset:
    """Lexbor's numeric ids of HTML tag names (any name: read off nodes made for them).

    >>> tag_ids(["p"]) == tag_ids(["P"]), len(tag_ids(["td", "tr", "p"]))
    (True, 3)
    """
    tree = LexborHTMLParser("")
    return frozenset(tree.create_node(tag.lower()).tag_id for tag in tags)


def _walk_python(root: LexborNode, ids: frozenset) -> list[LexborNode]:
    """The twin of ``_lexbor_walk.tags_below``."""
    return [node for node in root.traverse() if node.tag_id in ids]


def _checked(module: ModuleType) -> bool:
    """True when the compiled walker reads a probe page exactly as selectolax does."""
    tree = LexborHTMLParser(_PROBE_HTML)
    if not module.configure(tree.body):
        return False
    everything = [node for node in tree.root.traverse(include_text=True)]
    for node in everything:
        made = module.node_at(tree.body, node.mem_id)
        if (made.mem_id, made.tag, made.tag_id, made.text_content, made.parser is tree) != \
                (node.mem_id, node.tag, node.tag_id, node.text_content, node.parser is tree):
            return False
        if made.text(deep=True, separator="|") != node.text(deep=True, separator="|"):
            return False
    ids = frozenset(node.tag_id for node in everything if node.tag_id < 1024)
    for root in (tree.root, tree.body, tree.css_first("nav")):
        for wanted in (ids, tag_ids(["p", "li", "script"]), frozenset()):
            if [n.mem_id for n in module.tags_below(root, wanted)] != \
                    [n.mem_id for n in _walk_python(root, wanted)]:
                return False
    return True


def _load() -> Optional[ModuleType]:
    if os.environ.get("CORPUS_CLEAN_NATIVE", "1").strip() == "0":
        return None
    try:
        from corpus_clean import _lexbor_walk
    except ImportError:  # not built (no compiler at install): the twins run
        return None
    try:
        return _lexbor_walk if _checked(_lexbor_walk) else None
    except Exception:  # noqa: BLE001 - any surprise in the probe means: do not trust it
        return None


_compiled = _load()


def active() -> Optional[ModuleType]:
    """The compiled walker, or None when the Python twins are to run (see native.twins_only)."""
    return _compiled if native.switched_on() else None


def built() -> bool:
    """Was the compiled walker built, checked, and not switched off by the environment?"""
    return _compiled is not None


def tags_below(root: LexborNode, ids: frozenset) -> list[LexborNode]:
    """``[n for n in root.traverse() if n.tag_id in ids]``: ``root`` and the elements under
    it whose tag id is in ``ids`` (from :func:`tag_ids`), in document order."""
    walker = active()
    if walker is None:
        return _walk_python(root, ids)
    return walker.tags_below(root, ids)

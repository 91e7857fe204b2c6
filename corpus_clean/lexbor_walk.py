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

import ctypes
import os
import re
from types import ModuleType
from typing import Iterable, Optional

import selectolax.lexbor

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


# Lexbor's functions that read an element's attribute list (exported by selectolax's module).
_ATTRIBUTE_FUNCTIONS = ("lxb_dom_element_first_attribute_noi", "lxb_dom_element_next_attribute_noi",
                        "lxb_dom_attr_local_name_noi", "lxb_dom_attr_qualified_name", "lxb_dom_attr_value_noi")


def _configure_attributes(module: ModuleType) -> None:
    """Hand the compiled walker the addresses of Lexbor's attribute functions in selectolax's module
    (``ctypes.CDLL`` of a loaded library opens the same copy; a missing symbol raises)."""
    library = ctypes.CDLL(selectolax.lexbor.__file__)
    module.configure_attributes({name: ctypes.cast(getattr(library, name), ctypes.c_void_p).value
                                 for name in _ATTRIBUTE_FUNCTIONS})


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


def _load_queries(module: Optional[ModuleType]) -> bool:
    """True when the compiled walker may answer :class:`Query` (Lexbor's attribute functions found in
    selectolax's module and the probe answered as css() does); else queries go to css(), and the
    walker's other functions stay in use."""
    if module is None:
        return False
    try:
        _configure_attributes(module)
        return _queries_checked(module)
    except Exception:  # noqa: BLE001 - a selectolax built without those symbols, or any surprise: css()
        return False


_compiled: Optional[ModuleType] = None  # (set at the end of this module, once its probes are defined)
_queries_compiled = False


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


def drop_bare(root: LexborNode, ids: frozenset, keep: frozenset = frozenset()) -> int:
    """Unlink (``remove(recursive=False)``) every element below ``root`` whose tag id is in ``ids`` and
    which holds elements only (no text, comment or other node below it), none of them with a tag id in
    ``keep``, in document order; their number.

    Such an element adds nothing to any text of the page, so dropping it before other work changes
    no length a later step measures (html.strip_junk: the images, inputs and empty scripts of the
    page go before its Python loop over the junk tags, without a node object each). (The compiled walk
    unlinks through Lexbor's ``lxb_dom_node_remove``, as ``remove`` does, but does not bump selectolax's
    mutation counter, which only its ``scripts_contain`` caches read: this project never calls them.)

    >>> t = LexborHTMLParser("<body><p>a<img src='x'>b</p><svg><g><path/></g></svg><script>s</script></body>")
    >>> drop_bare(t.body, tag_ids(["img", "svg", "script"])), t.body.html
    (2, '<body><p>ab</p><script>s</script></body>')
    """
    walker = active() if _drops_compiled else None
    if walker is None:
        return _drop_bare_python(root, ids, keep)
    return walker.drop_bare(root, ids, keep)


def drop_bare_then_tags(root: LexborNode, ids: frozenset, keep: frozenset, listed: frozenset) -> list[LexborNode]:
    """``drop_bare(root, ids, keep)``, then ``tags_below(root, listed)``: in one C walk when built (the elements
    dropped are not walked into; the page is walked once, not twice).

    >>> t = LexborHTMLParser("<body><p>a<img src='x'>b</p><svg><g><path/></g></svg><script>s</script><nav>n</nav></body>")
    >>> [n.tag for n in drop_bare_then_tags(t.body, tag_ids(["img", "svg", "script"]), frozenset(),
    ...                                     tag_ids(["script", "nav", "img"]))], t.body.html
    (['script', 'nav'], '<body><p>ab</p><script>s</script><nav>n</nav></body>')
    """
    walker = active() if _drops_compiled else None
    if walker is None:
        drop_bare(root, ids, keep)
        return tags_below(root, listed)
    return walker.drop_bare_tags(root, ids, keep, listed)


def _drop_bare_python(root: LexborNode, ids: frozenset, keep: frozenset = frozenset()) -> int:
    """The twin of ``_lexbor_walk.drop_bare``."""
    found = [node for node in root.traverse() if node.mem_id != root.mem_id and node.tag_id in ids
             and all(below.is_element_node and (below.mem_id == node.mem_id or below.tag_id not in keep)
                     for below in node.traverse(include_text=True))]
    for node in found:
        node.remove(recursive=False)
    return len(found)


_PROBE_DROP_HTML = (
    "<body><img src='a'><div><p>One <img alt='x'> two</p><picture><source srcset='s'><img src='p'></picture>"
    "<svg><g><path d='M0'/></g></svg><svg><!-- c --></svg><svg><text>t</text></svg><script></script>"
    "<script>var s;</script><p></p><p> </p><ul><li><img src='l'></li></ul><template><b>t</b></template>"
    "<object><table></table></object></div></body>"
)


def _load_drops(module: Optional[ModuleType]) -> bool:
    """True when the compiled walker may drop elements (Lexbor's lxb_dom_node_remove found in selectolax's
    module, and the probe page left as the twin leaves it); else :func:`drop_bare` runs the twin."""
    if module is None:
        return False
    try:
        library = ctypes.CDLL(selectolax.lexbor.__file__)
        module.configure_remove(ctypes.cast(library.lxb_dom_node_remove, ctypes.c_void_p).value)
        ids = tag_ids(["script", "svg", "img", "picture", "source", "p", "li", "template", "object"])
        for keep in (frozenset(), tag_ids(["img", "table"])):
            for root in ("body", "div"):
                mine, twin = LexborHTMLParser(_PROBE_DROP_HTML), LexborHTMLParser(_PROBE_DROP_HTML)
                mine_root, twin_root = (mine.body, twin.body) if root == "body" else (mine.css_first(root), twin.css_first(root))
                if module.drop_bare(mine_root, ids, keep) != _drop_bare_python(twin_root, ids, keep) \
                        or mine.html != twin.html:
                    return False
        return True
    except Exception:  # noqa: BLE001 - a selectolax without the symbol, or any surprise: the twin
        return False


# --------------------------------------------------------------------------- #
# Simple selector lists answered by one C walk over the attribute lists
# --------------------------------------------------------------------------- #

_MATCHES = {None: 0, "=": 1, "*=": 2, "^=": 3, "$=": 4}
# One alternative: a tag, an attribute test, or a tag with an attribute test; values quoted or bare,
# an ``i`` after the value for an ASCII case-insensitive compare.
_ALTERNATIVE = re.compile(r"""\s*(?P<tag>[a-z][a-z0-9-]*)?
    (?:\[(?P<name>[a-z][a-z0-9_-]*)(?:(?P<op>=|\*=|\^=|\$=)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]'"\s]+))
    (?P<fold>\s+i)?)?\s*\])?
    \s*$""", re.VERBOSE)
# Attributes whose values Lexbor compares ASCII case-insensitively on an HTML element, as the HTML
# standard says (``script[type="application/ld+json"]`` matches ``type="Application/LD+JSON"``; on an
# SVG element the bytes are compared as they are).
_FOLD_NEVER, _FOLD_IN_HTML, _FOLD_ALWAYS = 0, 1, 2
_CASE_FOLDED = frozenset("""accept accept-charset align alink axis bgcolor charset checked clear codetype color
    compact declare defer dir direction disabled enctype face frame hreflang http-equiv lang language link media
    method multiple nohref noresize noshade nowrap readonly rel rev rules scope scrolling selected shape target
    text type valign valuetype vlink""".split())


class Query:
    """A simple selector list, answered by Lexbor's ``css()`` or by one C walk with the same answer.

    ``selector``: alternatives separated by commas, each a tag name, an attribute test
    (``[name]``, ``[name=value]``, ``*=``, ``^=``, ``$=``, an ``i`` flag) or both; ``skip``: tags
    left out (``:not(...)``), the whole list then matched once per element (``:is(...)``).

    >>> query = Query("details,[role=tabpanel]")
    >>> t = LexborHTMLParser("<body><details>a</details><div role='tabpanel'>b</div><p>c</p></body>")
    >>> [n.tag for n in query.select(t.body)]
    ['details', 'div']
    """

    def __init__(self, selector: str, skip: Iterable[str] = ()):
        self.selector = selector
        skip = sorted(skip)
        self.css = f":is({selector}):not({','.join(skip)})" if skip else selector
        self.skip_ids = tag_ids(skip)
        self.alternatives = tuple(self._alternative(text) for text in selector.split(","))

    @staticmethod
    def _alternative(text: str) -> tuple:
        found = _ALTERNATIVE.match(text)
        if found is None or not (found["tag"] or found["name"]):
            raise ValueError(f"not a simple selector: {text!r}")
        name = found["name"]
        value = next((v for v in (found["dq"], found["sq"], found["bare"]) if v is not None), "")
        tag = min(tag_ids([found["tag"]])) if found["tag"] else 0
        fold_case = _FOLD_ALWAYS if found["fold"] else _FOLD_IN_HTML if name in _CASE_FOLDED else _FOLD_NEVER
        return (tag, name.encode() if name else None, _MATCHES[found["op"]], value.encode(), fold_case)

    def select(self, root: LexborNode, once: bool = False) -> list[LexborNode]:
        """``root.css(self.css)`` (root first, then its descendants; an element matching several
        alternatives comes once per alternative, unless ``once`` or ``skip`` was given)."""
        walker = _query_walker()
        if walker is None:
            found = root.css(self.css)
            return _once_each(found) if once else found
        once = once or bool(self.skip_ids)
        if _READ and root.parser is _READ_TREE[0]:  # (answered by read_together's walk: see there)
            found = _READ.pop((self, root.mem_id, once), None)
            if found is not None:
                return found
        return walker.select(root, self.alternatives, self.skip_ids, once)

    def first(self, root: LexborNode) -> Optional[LexborNode]:
        """``root.css_first(self.css)``: the first element :meth:`select` finds, or None."""
        walker = _query_walker()
        if walker is None:
            return root.css_first(self.css)
        found = walker.select(root, self.alternatives, self.skip_ids, True, 1)
        return found[0] if found else None

    def short_texts(self, root: LexborNode, max_chars: int) -> list[str]:
        """The stripped texts (``node.text(strip=True)``) of the elements :meth:`select` finds, but those
        ``max_chars`` long or longer, without a node object for any (a page's link and button words:
        html_comment_section reads those of every control to tell "Reply" and "Helpful (3)").

        >>> t = LexborHTMLParser("<body><a href='/'> Home </a><button>Re<b>ply</b></button><a>" + "x" * 50 + "</a></body>")
        >>> Query("a,button").short_texts(t.body, 40)
        ['Home', 'Reply']
        """
        walker = _query_walker()
        if walker is None or _text_compiled is None:
            return _short_texts_python(self.select(root), max_chars)
        return walker.short_texts(root, self.alternatives, self.skip_ids, bool(self.skip_ids), _text_compiled, max_chars)

    def labels(self, root: LexborNode, quiet: Optional[dict] = None,
               names: Optional[bytes] = None) -> Optional[list[tuple]]:
        """``[(mem_id, class, id, extra)]`` of the elements :meth:`select` finds once each, without a node
        object for any (None when the compiled walker is off): ``extra`` is None when the element has no
        attribute but class and id, else ``(role, "hidden" in attrs, style, aria-hidden)``.

        ``quiet`` (label -> verdict, html's label cache): rows with ``extra`` None whose label
        (``"class id"``, or the one of them not empty) is empty or maps to None are left out, as
        ``html.parts_verdict`` would pass them over (no tuple, no call, for most rows of a page).
        ``names`` (with ``quiet``; :func:`label_names_blob` of the words ``html.label_verdict`` looks
        for): rows with ``extra`` None whose class and id are ASCII and, lower-cased, hold none of
        the words are left out too (their label has no verdict), before any string is made."""
        walker = _query_walker()
        if walker is None:
            return None
        if quiet is None:
            return walker.labels(root, self.alternatives, self.skip_ids)
        if names is None:
            return walker.labels(root, self.alternatives, self.skip_ids, quiet)
        return walker.labels(root, self.alternatives, self.skip_ids, quiet, names)


# --------------------------------------------------------------------------- #
# The queries a page is asked before any cut, answered in one walk
# --------------------------------------------------------------------------- #

# (query, where: "root" | "head" | "body", once) of the queries read_together answers; see read_first
_TOGETHER: list[tuple[Query, str, bool]] = []
_READ: dict = {}  # (query, root mem_id, once) -> its answer, for the tree in _READ_TREE, each taken once
_READ_TREE: list = [None]


def read_first(query: Query, where: str, once: bool = False) -> Query:
    """Have :func:`read_together` answer ``query`` on the page's ``where`` (``"root"``, ``"head"``,
    ``"body"``) with the others: a query every page asks before any cut (its metadata, its declarations,
    its panels' marks). Returns ``query``.

    (A walk over a whole page costs about as much whatever it looks for: its ~2,000 nodes are read from
    memory. Four such walks before the first cut are one.)"""
    if len(_TOGETHER) < 8 and (query, where, once or bool(query.skip_ids)) not in _TOGETHER:
        _TOGETHER.append((query, where, once or bool(query.skip_ids)))
    return query


def read_together(tree: LexborHTMLParser) -> None:
    """Answer every query of :func:`read_first` on ``tree`` in one C walk; each answer is then what the
    query's next :meth:`Query.select` of that root (and ``once``) returns, once, until :func:`forget_read`.

    Only for a tree nothing will change before ``forget_read`` (html.extract_main_text: from the parse to
    the first cut of html.strip_junk); without the compiled walker, nothing is read ahead.

    >>> t = LexborHTMLParser("<html><head><title>T</title></head><body><p>a</p></body></html>")
    >>> q = Query("title,p"); _TOGETHER.append((q, "body", False))
    >>> read_together(t); [n.tag for n in q.select(t.body)], (q, t.body.mem_id, False) in _READ
    (['p'], False)
    >>> _TOGETHER.pop() == (q, "body", False); forget_read()
    True
    """
    forget_read()
    walker = _query_walker()
    top = tree.root
    if walker is None or top is None or not _TOGETHER:
        return
    places = {"root": top, "head": tree.head, "body": tree.body}
    asked = [(query, places[where], once) for query, where, once in _TOGETHER if places[where] is not None]
    found = walker.select_scoped(top, tuple((query.alternatives, query.skip_ids, once, root) for query, root, once in asked))
    for (query, root, once), nodes in zip(asked, found):
        _READ[(query, root.mem_id, once)] = nodes
    _READ_TREE[0] = tree


def forget_read() -> None:
    """Drop what :func:`read_together` read (before the tree changes)."""
    _READ.clear()
    _READ_TREE[0] = None


def _short_texts_python(nodes: list[LexborNode], max_chars: int) -> list[str]:
    """The twin of ``_lexbor_walk.short_texts`` (given the nodes ``select`` found)."""
    return [text for node in nodes if len(text := node.text(strip=True)) < max_chars]


def label_names_blob(names) -> Optional[bytes]:
    """``names`` as :meth:`Query.labels` reads them (sorted, NUL-separated bytes), or None when one is not
    a lower-case ASCII word without blanks (the compiled check compares lower-cased ASCII bytes).

    >>> label_names_blob(["nav", "ad"]), label_names_blob(["Nav"]), label_names_blob(["a b"])
    (b'ad\\x00nav', None, None)
    """
    names = sorted(set(names))
    if not names or not all(name and name.isascii() and name == name.lower() and name.isprintable()
                            and " " not in name for name in names):
        return None
    return b"\0".join(name.encode() for name in names)


def holds_label_name(text: str, blob: Optional[bytes]) -> int:
    """1 when ``text`` lower-cased holds one of the names of ``blob`` (:func:`label_names_blob`), 0 when it
    holds none: the label walk's compiled scan (``names``) for one string; -1 when it cannot say (``text``
    not ASCII, no ``blob``, the compiled walker off): then ask the names' regex.

    >>> blob = label_names_blob(["nav", "share"])
    >>> [holds_label_name(t, blob) for t in ("main-NAV", "col-md-8", "")] if built() else [1, 0, 0]
    [1, 0, 0]
    >>> holds_label_name("navé", blob), holds_label_name("nav", None)
    (-1, -1)
    """
    if blob is None or not _queries_compiled or not native.switched_on():  # (_query_walker(), inlined: a
        return -1                                                           # call for each new label and token)
    return _compiled.holds_names(blob, text)


def label_flags(label: str, blob: Optional[bytes], info: bytes, function_words: bytes, element_names: bool,
                comments_reason: int) -> int:
    """html.label_verdict's tokens read in C (``_lexbor_walk.label_flags``): their flags or-ed, plus 8 times
    (1 + the index of the first token's rule, 0 when none), for an ASCII ``label``; -1 when it cannot say
    (``label`` not ASCII, no ``blob``, the compiled walker off): then ask html's Python twin. ``blob``: the
    names (:func:`label_names_blob`); ``info``: two bytes for each of them, in the blob's order (its groups,
    its rule's index); ``function_words``: NUL-separated (a heading's slug holds one).

    >>> info = bytes([1, 0, 4, 0])  # "nav": a negative stem, rule 0; "post": positive
    >>> blob = label_names_blob(["nav", "post"])
    >>> [label_flags(t, blob, info, b"the", True, 1) for t in ("main-nav", "x post", "col")] if built() else [9, 2, 0]
    [9, 2, 0]
    """
    if blob is None or not _queries_compiled or not native.switched_on():
        return -1
    return _compiled.label_flags(blob, info, function_words, element_names, comments_reason, label)


def queries_built() -> bool:
    """Does the compiled walker answer :class:`Query` (built, checked, not switched off by the environment)?"""
    return _queries_compiled


def _query_walker() -> Optional[ModuleType]:
    """The compiled walker when it may answer queries (see _load_queries), else None."""
    return _compiled if _queries_compiled and native.switched_on() else None  # (active(), inlined)


def _once_each(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` without the repeats Lexbor gives of an element matching several alternatives."""
    out, last = [], None
    for node in nodes:
        if node.mem_id != last:
            out.append(node)
            last = node.mem_id
    return out


_PROBE_QUERIES = (
    Query("[class],[id],[role],[aria-hidden],[hidden],[style*=\"none\"],[style*=\"hidden\"]", skip=("a", "body")),
    Query("[aria-controls],[hidden],[style*=none],details,[role=tabpanel],[aria-hidden=true]"),
    Query("main,[role=\"main\"],[itemprop=\"articleBody\"],article,a[href^='#']"),
    Query('script[type="application/ld+json"],link[rel=canonical],[itemtype$="schema.org/Blog"],[class*=NAV i]'),
)
_PROBE_QUERY_HTML = (
    "<body class='b'><div class='x' id='y' data-k='1'><a class='l' href='#t'>a</a><p hidden>h</p>"
    "<span style='display:none' aria-hidden='true'>s</span><details role='tabpanel'>d</details>"
    "<main role='Main' itemprop='articleBody'>m</main><article aria-controls='t'>r</article>"
    "<svg><a href='#s' class='k'>v</a></svg><div CLASS=''>e</div><div id>n</div><script type='Application/LD+json'>"
    "</script><link rel=CANONICAL><i itemtype='http://schema.org/Blog'>b</i><b itemtype='x/Schema.org/Blog'>c</b>"
    "<s class='top-Nav'>n</s><svg><g rel='Canonical'>g</g></svg></div></body>"
)


def _queries_checked(module: ModuleType) -> bool:
    """True when the compiled queries answer the probe page as Lexbor's css() does."""
    tree = LexborHTMLParser(_PROBE_QUERY_HTML)
    for query in _PROBE_QUERIES:
        for root in (tree.root, tree.body, tree.css_first("div")):
            for once in (False, True):
                wanted = root.css(query.css)
                wanted = _once_each(wanted) if once or query.skip_ids else wanted
                got = module.select(root, query.alternatives, query.skip_ids, once or bool(query.skip_ids))
                if [n.mem_id for n in got] != [n.mem_id for n in wanted]:
                    return False
            rows = module.labels(root, query.alternatives, query.skip_ids)
            wanted = _once_each(root.css(query.css))
            if [row[0] for row in rows] != [n.mem_id for n in wanted]:
                return False
            for (_, cls, ident, extra), node in zip(rows, wanted):
                if (cls, ident, extra) != _label_parts(node.attributes):
                    return False
    return True


def _label_parts(attrs: dict) -> tuple:
    """What :meth:`Query.labels` reads of an element, from its attribute dict (the twin of the C reading)."""
    cls, ident = attrs.get("class"), attrs.get("id")
    if len(attrs) <= (cls is not None) + (ident is not None):
        return cls, ident, None
    return cls, ident, (attrs.get("role"), "hidden" in attrs, attrs.get("style"), attrs.get("aria-hidden"))


_PROBE_TEXTS_HTML = (
    "<body><a href='/'> Home </a><button>Re<b>ply</b>\n</button><a role='button'>\u00a0Helpful <i>(3)</i> </a>"
    "<div role='button'><span>\u2665</span> 12<!-- c --></div><a>\u00e9t\u00e9\t<br> \u2014 </a><a></a><a> </a>"
    "<svg><a>v</a></svg><a>" + "long words " * 5 + "</a><p>not <a href='#'>x\x1f</a></p></body>"
)


def _load_texts(module: Optional[ModuleType]) -> Optional[int]:
    """The text nodes' tag id when the compiled walker's ``short_texts`` answers the probe page as its twin
    does (queries compiled too), else None: :meth:`Query.short_texts` then runs the twin."""
    if module is None or not _queries_compiled:
        return None
    try:
        text_id = next(n.tag_id for n in LexborHTMLParser("<p>t</p>").body.traverse(include_text=True)
                       if n.tag == "-text")
        tree = LexborHTMLParser(_PROBE_TEXTS_HTML)
        for query in (Query("button,a,[role=button]"), Query("a", skip=("svg",)), Query("[role]")):
            for root in (tree.body, tree.css_first("p")):
                for max_chars in (0, 5, 40, 1000):
                    once = bool(query.skip_ids)
                    got = module.short_texts(root, query.alternatives, query.skip_ids, once, text_id, max_chars)
                    wanted = root.css(query.css)
                    if got != _short_texts_python(_once_each(wanted) if once else wanted, max_chars):
                        return None
        return text_id
    except Exception:  # noqa: BLE001 - any surprise in the probe: the twin
        return None


def cut(node: LexborNode, placeholder: bool) -> Optional[LexborNode]:
    """Unlink ``node`` with its subtree (``remove(recursive=False)``), first putting a one-space text node before
    it when ``placeholder``; that node (``node.prev`` once it is in) or None: html._cut's Lexbor calls, in one
    compiled call when built (three selectolax methods and a node object per cut before: ~9,700 cuts a cold
    WCXB dev pass).

    >>> t = LexborHTMLParser("<body><p>a</p><nav>b</nav><i>c</i></body>")
    >>> placeholder = cut(t.css_first("nav"), True); cut(t.css_first("i"), False)
    >>> t.body.html, repr(placeholder.text_content)
    ('<body><p>a</p> </body>', "' '")
    """
    walker = active() if _cuts_compiled else None
    if walker is not None:
        return walker.cut(node, placeholder)
    found = None
    if placeholder:
        node.insert_before(" ")
        found = node.prev
    node.remove(recursive=False)
    return found


_PROBE_CUT_HTML = ("<body><div id='a'><p>one <b id='b'>two</b></p><nav id='c'><a href='/'>x</a><span id='d'>y</span>"
                   "</nav><!-- c --><table><tr><td id='e'>z</td></tr></table><template><p id='f'>t</p></template>"
                   "<i id='g'></i></div></body>")


def _load_cuts(module: Optional[ModuleType]) -> bool:
    """True when the compiled ``cut`` may run (Lexbor's functions found in selectolax's module, and the probe
    page cut as the selectolax calls cut it); else :func:`cut` runs them."""
    if module is None or not _drops_compiled:
        return False
    try:
        library = ctypes.CDLL(selectolax.lexbor.__file__)
        module.configure_cut(ctypes.cast(library.lxb_dom_document_create_text_node, ctypes.c_void_p).value,
                             ctypes.cast(library.lxb_dom_node_insert_before, ctypes.c_void_p).value)
        trees, placeholders = [], []
        for compiled in (True, False):
            tree = LexborHTMLParser(_PROBE_CUT_HTML)
            made = []
            for ident, placeholder in (("d", True), ("c", True), ("b", False), ("e", True), ("g", True), ("a", False)):
                node = tree.css_first(f"#{ident}")
                made.append(module.cut(node, placeholder) if compiled else cut(node, placeholder))
            trees.append(tree.html)
            placeholders.append([(p.tag, p.text_content, p.parent.tag if p.parent else None) if p is not None else None
                                 for p in made])
        return trees[0] == trees[1] and placeholders[0] == placeholders[1]
    except Exception:  # noqa: BLE001 - a selectolax without the symbols, or any surprise: the selectolax calls
        return False


_compiled = _load()
_queries_compiled = _load_queries(_compiled)
_text_compiled = _load_texts(_compiled)
_drops_compiled = _load_drops(_compiled)
_cuts_compiled = False
_cuts_compiled = _load_cuts(_compiled)

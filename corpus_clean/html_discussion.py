"""On a page that declares itself a discussion or a live blog, "comments" are its content.

A forum thread's posts and a live ticker's entries are written in the markup
sites use for reader comments (``<div class="comment">``, ``post-comments``,
``live-match-comment``): :func:`strip_junk <corpus_clean.html.strip_junk>` cuts
them as ``html.comments``, and the page keeps its first post, or nothing. The
page says what it is in its structured data: schema.org's
``DiscussionForumPosting`` (a thread) or ``LiveBlogPosting`` (a ticker), as
JSON-LD or microdata. trafilatura keeps comment containers on pages whose JSON-LD
declares a ``DiscussionForumPosting`` (``core._forum_thread_page``).

:func:`restore_discussion` puts the ``html.comments`` cuts back on such a page,
before the scoring, so that the posts are scored and rendered as any block (the
reply form, share bars and other furniture inside them keep their own cuts).
On every other page a comment section is still cut.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_queries, lexbor_walk

__all__ = ["declares_discussion", "restore_discussion"]

COMMENTS_RULE = "html.comments"
# schema.org types of pages whose posts are the content: a forum thread, a live blog.
DISCUSSION_TYPES = ("DiscussionForumPosting", "LiveBlogPosting")
_TYPE_RE = re.compile(r'"@type"\s*:\s*(?:"(?:%s)"|\[[^\]]*"(?:%s)")' % (("|".join(DISCUSSION_TYPES),) * 2))
_MICRODATA_SUFFIXES = tuple(f"schema.org/{name}" for name in DISCUSSION_TYPES)
_MICRODATA_SELECTOR = ",".join(f'[itemtype$="{suffix}"]' for suffix in _MICRODATA_SUFFIXES)
# (one C walk when built, see lexbor_walk.Query: Lexbor's css() walks once per call too)
_DECLARATIONS = lexbor_walk.Query(_MICRODATA_SELECTOR + "," + html_queries.JSONLD_SELECTOR)
lexbor_walk.read_first(_DECLARATIONS, "root", once=True)  # (one walk with the page's other first queries)


def declares_discussion(tree: LexborHTMLParser) -> bool:
    """True when the page's structured data says it is a forum thread or a live blog.

    >>> declares_discussion(LexborHTMLParser('<script type="application/ld+json">'
    ...                                      '{"@type": "DiscussionForumPosting", "headline": "Help"}</script>'))
    True
    >>> declares_discussion(LexborHTMLParser('<div itemscope itemtype="https://schema.org/LiveBlogPosting"></div>'))
    True
    >>> declares_discussion(LexborHTMLParser('<script type="application/ld+json">{"@type": "NewsArticle", '
    ...                                      '"comment": {"@type": "Comment"}}</script>'))
    False
    """
    # (one walk of the page for both kinds: see html_queries)
    root = tree.root
    found = [] if root is None else _DECLARATIONS.select(root, once=True)
    if any((node.attributes.get("itemtype") or "").endswith(_MICRODATA_SUFFIXES) for node in found):
        return True
    return any(_TYPE_RE.search(script.text() or "") for script in found if html_queries.is_jsonld_script(script))


def restore_discussion(cuts: dict, discussion: bool) -> int:
    """Put the ``html.comments`` cuts back when the page declares a discussion; how many came back.

    ``discussion`` is :func:`declares_discussion` of the page, read before the cuts
    (they drop the scripts in ``<body>``, where many sites put their JSON-LD).
    ``cuts`` is :func:`corpus_clean.html.strip_junk`'s (placeholder id -> (element,
    rule, placeholder)), as for :func:`corpus_clean.html_prose.restore_mislabelled`.

    >>> from corpus_clean.html import strip_junk
    >>> posts = "".join(f"<div class='comment'><p>Post {i}: the fix is in the settings menu.</p></div>"
    ...                 for i in range(3))
    >>> ld = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    >>> t = LexborHTMLParser(f"<html><head>{ld}</head><body><div class='thread'>{posts}</div></body></html>")
    >>> declared = declares_discussion(t)
    >>> cuts = strip_junk(t)
    >>> restore_discussion(cuts, declared), len(t.css("div.comment")), cuts
    (3, 3, {})
    >>> t = LexborHTMLParser(f"<body><div class='thread'>{posts}</div></body>")
    >>> cuts = strip_junk(t)
    >>> restore_discussion(cuts, declares_discussion(t)), len(t.css("div.comment"))
    (0, 0)
    """
    if not discussion:
        return 0
    # (a list in the page's order, not a set of addresses: the outcome must not depend on memory layout)
    # (a cut made inside an element already cut can leave a placeholder with no parent:
    # nothing to put back there, its element comes back with the outer one)
    spared = [key for key, (_, rule, placeholder) in cuts.items()
              if rule == COMMENTS_RULE and placeholder.parent is not None]
    for key in spared:
        node, _, placeholder = cuts.pop(key)
        placeholder.insert_before(node, move=True)
        placeholder.remove()
    return len(spared)

"""Readers' posts under a form for writing one: a guestbook, a tribute wall, an unlabelled comment list.

An obituary's tribute wall ("Share a memory"), a local page's guestbook, a small
blog's comment list written by its own theme: signed, dated messages from
readers, below a box to write another. When their section carries a telling
label (``comments``, ``disqus``) :func:`corpus_clean.html.strip_junk` cuts it;
when the label is neutral (``wall``, ``entries``, ``memories``) the messages are
scored as the article's text and kept beside it.

What gives them away whatever the label is the *shape*: a ``<textarea>`` (a box
to write a message in: a search box or a newsletter sign-up is an ``<input>``)
and, in the same section, two or more users' posts holding most of its text
(:func:`corpus_clean.html_posts.holds_user_posts`: each dated, and signed or
rated). :func:`cut_readers_posts` cuts that section as ``html.comments`` when it
sits *inside* a chosen block that has text of its own beside it (the story the
readers answer). When the posts are the chosen block itself, or hold nearly all
of it, they are the page (a forum thread: every post is the content, see
``corpus_clean.html_discussion``) and stay.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from corpus_clean.html_posts import holds_user_posts

__all__ = ["cut_readers_posts"]

RULE = "html.comments"
MAX_LEVELS = 4  # how far up from the writing box the posts' section is looked for
MIN_OWN_CHARS = 300  # text the chosen block must hold beside the section (a paragraph or two)
MIN_OWN_SHARE = 0.25  # ... and this share of the block's text: else the posts are the page


def cut_readers_posts(chosen: list[LexborNode], cuts: dict, cut) -> int:
    """Cut each section of readers' posts under a writing box inside a ``chosen`` block; how many were cut.

    ``cuts`` is :func:`corpus_clean.html.strip_junk`'s (placeholder id -> (element, rule,
    placeholder)): a ``<textarea>`` is cut there as ``html.ui`` and found again by its
    placeholder. ``cut`` is :func:`corpus_clean.html._cut` (passed in: this module is
    imported by :mod:`corpus_clean.html`).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk, _cut
    >>> story = "<p>" + "She taught music at the village school for thirty years. " * 8 + "</p>"
    >>> posts = "".join(f"<div class='m'><cite>Reader {i}</cite><p>{i + 2} March 2023</p>"
    ...                 f"<p>We will always remember her songs, rest in peace.</p></div>" for i in range(3))
    >>> page = f"<body><div id='a'>{story}<div class='wall'><form><textarea></textarea></form>{posts}</div></div></body>"
    >>> t = LexborHTMLParser(page); cuts = strip_junk(t)
    >>> cut_readers_posts([t.css_first("#a")], cuts, _cut), "remember" in t.css_first("#a").text()
    (1, False)
    >>> t = LexborHTMLParser(page.replace(story, "")); cuts = strip_junk(t)  # the posts are the page
    >>> cut_readers_posts([t.css_first("#a")], cuts, _cut)
    0
    """
    boxes = [placeholder for node, _, placeholder in cuts.values()
             if node.tag == "textarea" and placeholder.parent is not None]
    if not boxes:
        return 0
    chosen_ids = {node.mem_id for node in chosen}
    done = 0
    for box in boxes:
        section = _posts_section(box, chosen_ids, cuts)
        if section is not None:
            cut(section, RULE, cuts)
            done += 1
    return done


def _posts_section(box: LexborNode, chosen_ids: set, cuts: dict):
    """The lowest ancestor of ``box`` (at most ``MAX_LEVELS`` up) holding users' posts, when it lies
    inside a chosen block with text of its own beside it; else None."""
    path = []
    node = box.parent
    while node is not None and node.mem_id not in chosen_ids:
        path.append(node)
        node = node.parent
    if node is None:  # not inside a chosen block
        return None
    block = node
    for ancestor in path[:MAX_LEVELS]:
        if holds_user_posts(ancestor, cuts):
            whole = len(block.text(strip=True))
            own = whole - len(ancestor.text(strip=True))
            return ancestor if own >= MIN_OWN_CHARS and own >= MIN_OWN_SHARE * whole else None
    return None

"""Readers' comments under a story are not the story, whatever their section is called.

A news site cuts its story short for readers without a subscription (a paywall) and
keeps its comment section whole: two or three paragraphs of teaser, then twenty
readers' comments, more prose than the story. When the section carries a telling
label (``comments``, ``disqus``) :func:`corpus_clean.html.strip_junk` cuts it; under
a neutral one (``reactions``, ``discussion``, ``community``) the scoring
(:func:`corpus_clean.html.best_container`) picks the comment list, or the second
opinion (:func:`corpus_clean.html_prose.second_opinion`) widens a short story to
the column that holds the comments. readability-lxml keeps the teaser;
scrapinghub's, WCXB's and our families' golds leave readers' comments out.

What gives a comment section away is its *shape*
(:func:`corpus_clean.html_posts.holds_user_posts`: repeated items, each dated and
signed, voted on or answered with a "Reply" control), read where the story stands:

- :func:`story_over_posts`: when the choice itself is readers' posts, the posts are
  cut as ``html.comments`` and the page is scored again; the new choice is kept when
  it is a story (``MIN_STORY_CHARS`` of prose, not itself a user's post) standing
  *before* the posts. Otherwise the posts come back: a thread whose posts are the
  page (a forum, a Q&A, a guestbook alone) keeps them.
- :func:`cut_posts_after`: sections of users' posts that *follow* the chosen story
  (siblings after it, or after one of its ancestors) are cut as ``html.comments``
  before the rest of the pipeline reads the page, unless the story is itself a
  user's post or holds users' posts (a thread: its replies follow its first post).

A page that declares itself a discussion (schema.org's ``DiscussionForumPosting``,
``LiveBlogPosting``: :mod:`corpus_clean.html_discussion`) is never touched. Every
cut is recorded in ``removed`` as ``html.comments``, as a labelled section's is.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean.html_posts import REPLY_RE, VOTE_RE, _VOTE_CONTROLS, holds_user_posts, is_user_post
from corpus_clean.html_prose import _inside
from corpus_clean.html_queries import html_module

__all__ = ["answered_posts", "cut_posts_after", "story_over_posts"]

RULE = "html.comments"
# A story of its own before the posts: this much prose (text outside links) in the new choice, in at
# least MIN_STORY_PARAGRAPHS paragraphs of MIN_PARAGRAPH_CHARS (a teaser's two paragraphs; a forum's
# "similar threads" and "you may not post" lines are short).
MIN_STORY_CHARS = 300
MIN_STORY_PARAGRAPHS = 2
MIN_PARAGRAPH_CHARS = 80
# A section worth reading for posts: this much text (a comment or two).
MIN_SECTION_CHARS = 200
# The posts' section around their list: the levels above it adding at most this much text
# (a heading "23 comments", "Load more", a sort menu), not the story beside it.
MAX_FURNITURE_CHARS = 150


def story_over_posts(body: LexborNode, chosen: list[LexborNode], cuts: dict, discussion: bool) -> list[LexborNode]:
    """``chosen``, or the page's choice once the readers' posts it consists of are cut (module docstring).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import best_container, strip_junk
    >>> story = "".join(f"<p>Paragraph {i} of the story, on the harbour's new quay, its cost, its delays and "
    ...                 "what the council says of them.</p>" for i in range(3))
    >>> posts = "".join(f"<li><b>Reader {i}</b> <time>{i + 1} hours ago</time><p>I walked past the quay "
    ...                 f"yesterday, and honestly, it looks finished to me, so why the delay?</p><a href='#'>Reply</a></li>"
    ...                 for i in range(12))
    >>> t = LexborHTMLParser(f"<body><div class='body'>{story}</div><section id='talk'><ul>{posts}</ul></section></body>")
    >>> cuts = strip_junk(t)
    >>> [n.tag for n in best_container(t.body, cuts)]
    ['div', 'section']
    >>> chosen = story_over_posts(t.body, best_container(t.body, cuts), cuts, discussion=False)
    >>> [n.attributes.get("class") for n in chosen], sorted({rule for _, rule, _ in cuts.values()})
    (['body'], ['html.comments'])
    """
    page_html = html_module()  # (html.py imports this module: see html_module)
    _cut, best_container = page_html._cut, page_html.best_container

    if discussion or not chosen or not answered_posts(body, cuts):
        return chosen
    regions = _posts_regions(chosen, body, cuts)
    if not regions:
        return chosen
    for region in regions:
        _cut(region, RULE, cuts)
    story = best_container(body, cuts)
    if _is_story_before(story, regions[0], body, cuts):
        return story
    for region in reversed(regions):
        _put_back(region, cuts)
    return chosen


def cut_posts_after(chosen: list[LexborNode], body: LexborNode, cuts: dict, discussion: bool) -> int:
    """Cut the sections of users' posts that follow the chosen story (module docstring); how many were cut.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> posts = "".join(f"<div class='r'><span class='user'>Reader {i}</span> <time>3 May 2024</time>"
    ...                 f"<p>Comment {i}, a sentence or two on the story, the quay and its cost.</p><a>Reply</a></div>"
    ...                 for i in range(4))
    >>> t = LexborHTMLParser(f"<body><main><article id='a'><p>The story.</p></article>"
    ...                      f"<section class='reactions'>{posts}</section></main></body>")
    >>> cuts = strip_junk(t)
    >>> cut_posts_after([t.css_first("#a")], t.body, cuts, discussion=False), len(t.css("div.r"))
    (1, 0)
    """
    page_html = html_module()  # (html.py imports this module: see html_module)
    _cut, stripped_chars = page_html._cut, page_html.stripped_chars

    if discussion or not chosen or not answered_posts(body, cuts) \
            or any(is_user_post(node, cuts) or holds_user_posts(node, cuts) for node in chosen):
        return 0
    chosen_ids = {node.mem_id for node in chosen}
    sections = []
    node: Optional[LexborNode] = chosen[-1]
    while node is not None and node.mem_id != body.mem_id and node.tag not in ("body", "html"):
        sib = node.next
        while sib is not None:
            if sib.tag and not sib.tag.startswith("-") and sib.mem_id not in chosen_ids \
                    and not any(_inside(other, sib) for other in chosen) \
                    and stripped_chars(sib) >= MIN_SECTION_CHARS and holds_user_posts(sib, cuts):
                sections.append(sib)
            sib = sib.next
        node = node.parent
    for section in sections:
        _cut(section, RULE, cuts)
    return len(sections)


MIN_CONTROLS = 2  # "Reply" or counted-vote controls a page with readers' posts shows (one per post)


def answered_posts(body: LexborNode, cuts: dict) -> bool:
    """True when the page holds ``MIN_CONTROLS`` or more controls answering or voting on a post ("Reply",
    "Helpful (3)", "♥ 12"), shown or cut: the cheap gate before posts are looked for (reading every chosen
    block's items as posts cost half the HTML path's speed on pages without any).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><li><p>A</p><a href='#'>Reply</a></li><li><p>B</p><a>Antworten</a></li></body>")
    >>> answered_posts(t.body, {}), answered_posts(LexborHTMLParser("<body><a>Home</a></body>").body, {})
    (True, False)
    """
    found = 0
    # (the controls' stripped texts, those short enough to answer or vote only, read in one walk)
    for text in _VOTE_CONTROLS.short_texts(body, MAX_CONTROL_CHARS):
        if _answers_or_votes(text):
            found += 1
            if found >= MIN_CONTROLS:
                return True
    for node, _, _ in cuts.values():
        if node.tag in ("button", "a"):
            if _answers_or_votes(node.text(strip=True)):
                found += 1
                if found >= MIN_CONTROLS:
                    return True
    return False



MAX_CONTROL_CHARS = 40  # a control's text this long or longer neither answers nor votes


@lru_cache(maxsize=1 << 16)
def _answers_or_votes(text: str) -> bool:
    """Whether a control's text answers or votes on a post ("Reply", "Helpful (3)"): remembered per text,
    as a page asks it of every link twice (before and after the choice) and sites repeat their links'
    words; the two patterns' many languages make each match several microseconds.

    >>> _answers_or_votes("Reply"), _answers_or_votes("Home")
    (True, False)
    """
    if len(text) >= MAX_CONTROL_CHARS:
        return False
    # (cheap exact pre-checks: a reply word is at most 12 letters long; a vote ends in its
    # bracketed count or opens with a thumb or a heart)
    if len(text) <= 12 and REPLY_RE.match(text):
        return True
    return (text.rstrip("\n").endswith((")", "]")) or text[:1] in "👍👎♥❤♡") and VOTE_RE.match(text) is not None


def _posts_regions(chosen: list[LexborNode], body: LexborNode, cuts: dict) -> list[LexborNode]:
    """For each chosen block that holds users' posts, the outermost element (below ``<body>``) around it
    adding only furniture to them, once each, in the page's order; ``[]`` when no chosen block holds posts."""
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    regions: dict[int, LexborNode] = {}
    for block in chosen:
        if not holds_user_posts(block, cuts):  # (a block inside one item, a story with its byline, is no list)
            continue
        region, size = block, stripped_chars(block)
        node: Optional[LexborNode] = block.parent
        while node is not None and node.mem_id != body.mem_id and node.tag not in ("body", "html"):
            # (up while the level adds only the section's furniture: its heading, "Load more";
            # the story's column beside the posts is no part of them)
            grown = stripped_chars(node)
            if grown - size > MAX_FURNITURE_CHARS:
                break
            region, size = node, grown
            node = node.parent
        if region is not None and not any(_inside(region, other) for other in regions.values()):
            regions = {key: other for key, other in regions.items() if not _inside(other, region)}
            regions[region.mem_id] = region
    return list(regions.values())


def _is_story_before(story: list[LexborNode], region: LexborNode, body: LexborNode, cuts: dict) -> bool:
    """True when ``story`` (the choice without the posts) is a story of its own before their place:
    ``MIN_STORY_PARAGRAPHS`` paragraphs of ``MIN_PARAGRAPH_CHARS`` characters outside links, together
    ``MIN_STORY_CHARS``, ahead of the posts, in blocks that are neither a user's post nor a list of them."""
    page_html = html_module()  # (html.py imports this module: see html_module)
    _document_position, collect_paragraphs = page_html._document_position, page_html.collect_paragraphs

    if not story or any(holds_user_posts(node, cuts) or _written_as_posts(node, region) for node in story):
        return False
    placeholder = _placeholder_of(region, cuts)
    if placeholder is None:
        return False
    where = _document_position(placeholder)
    prose = [row.chars - row.link_chars for node in story for row in collect_paragraphs(node)
             if row.chars - row.link_chars >= MIN_PARAGRAPH_CHARS and _document_position(row.node) < where]
    return len(prose) >= MIN_STORY_PARAGRAPHS and sum(prose) >= MIN_STORY_CHARS


POST_LEVELS = 3  # how far up from a chosen block a post's markup is looked for


def _written_as_posts(node: LexborNode, region: LexborNode) -> bool:
    """True when ``node``, or an element up to ``POST_LEVELS`` above it, wears the markup of the posts in
    ``region`` (the tag and class of their repeated items): a thread's opening post, the replies' first.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='post' id='op'><p>Question</p></div><div id='r'><div class='post'>"
    ...                      "<p>A</p></div><div class='post'><p>B</p></div></div><div id='s'><p>Story</p></div>")
    >>> r = t.css_first("#r")
    >>> _written_as_posts(t.css_first("#op p"), r), _written_as_posts(t.css_first("#s p"), r)
    (True, False)
    """
    from corpus_clean.html_posts import repeated_items

    marks = {(item.tag, item.attributes.get("class")) for item in repeated_items(region) if item.attributes.get("class")}
    for _ in range(POST_LEVELS + 1):
        if node is None:
            return False
        if (node.tag, node.attributes.get("class")) in marks:
            return True
        node = node.parent
    return False


def _placeholder_of(region: LexborNode, cuts: dict) -> Optional[LexborNode]:
    for node, _, placeholder in cuts.values():
        if node.mem_id == region.mem_id:
            return placeholder
    return None


def _put_back(region: LexborNode, cuts: dict) -> None:
    """Undo :func:`corpus_clean.html._cut` of ``region``: the element back in its placeholder's place."""
    for key, (node, _, placeholder) in list(cuts.items()):
        if node.mem_id == region.mem_id:
            del cuts[key]
            placeholder.insert_before(node, move=True)
            placeholder.remove()
            return

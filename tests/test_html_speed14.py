"""Round 14's speed work on the HTML path gives the answers of the code it replaced: the label
tokens' flags, the panel finder's narrower query, the text lengths read in C in the posts, listing
and card checks, and the SSE2 byte count, each against the definition it replaced (kept here,
written as it was), on generated pages and strings."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, html_panels, html_posts, html_sections, lexbor_walk

compiled = pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")

# ----------------------------------------------------------------------------- label tokens


def token_flags_as_it_was(token: str) -> tuple:
    """Round 13's _token_flags (uncached): the phrase tests run twice, the slug split on every token."""
    low = token.lower()
    flags, reason = 0, None
    parts = re.split(r"[-_]", low)
    slug = len(parts) >= 4 and not html._FUNCTION_WORDS.isdisjoint(parts)
    if slug or html._CLIPPING_UTILITY_RE.search(low) or html._PSEUDO_VARIANT_RE.search(low):
        m = None
    else:
        m = html.NEGATIVE_STEMS_RE.search(low)
    if m:
        flags, reason = html._NEG, html.LABEL_REASONS.get(m.group(0), "html.furniture")
        if m.group(0) in html.HARD_STEMS:  # (round 22: a consent manager's box is cut when large)
            flags |= html._HARD
    elif m is None and not slug and not html._CLIPPING_UTILITY_RE.search(low) \
            and not html._PSEUDO_VARIANT_RE.search(low) and html._WORDS_PREFILTER_RE.search(low):
        words = [w for w in html._LABEL_WORD.findall(token) if w.lower() in html.NEGATIVE_WORDS]
        if words:
            flags, reason = html._NEG, html.LABEL_REASONS.get(words[0].lower(), "html.furniture")
    # (round 22: a token whose last word names furniture is the element of a block: "article-meta")
    words = html._LABEL_WORD.findall(token)
    last = words[-1].lower() if len(words) >= 2 else ""
    element = bool(flags & html._NEG and last and not html.POSITIVE_RE.search(last)
                   and (last in html.NEGATIVE_WORDS or html.NEGATIVE_STEMS_RE.search(last)))
    if html.POSITIVE_RE.search(low) and not element:
        flags |= html._POS
    if html.HARD_NEGATIVE_RE.search(low):
        flags |= html._HARD
        reason = "html.comments"
    return flags, reason


TOKEN_PIECES = ["share", "nav", "menu", "-", "_", "with", "a", "the", "overflow", "hidden", "md:", "marker:",
                "comment", "List", "article", "body", "Side", "bar", "x", "related", "of", "promo", "Row", ":", "2"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(TOKEN_PIECES), min_size=1, max_size=9))
def test_token_flags_are_round_13s(pieces):
    token = "".join(pieces)
    html.clear_caches()
    assert html._token_flags(token) == token_flags_as_it_was(token)


def test_token_flags_examples_of_each_branch():
    for token in ("sharing-with-a-single-developer", "social-share-bar", "overflow-hidden", "md:overflow-x-hidden",
                  "marker:hidden", "commentList", "entry-content", "PageBuilder-pageRow", "nav_menu", "a-b-c"):
        html.clear_caches()
        assert html._token_flags(token) == token_flags_as_it_was(token), token
    assert html.is_heading_slug("how-to-share-a-file") and not html.is_heading_slug("share-a-file")


# ----------------------------------------------------------------------------- panels

OLD_PANEL_SELECTOR = "[aria-controls],[hidden],[style]," + html_panels.SHOWN_PANELS + "," + html_panels.READERS_HIDDEN_SELECTOR
PROSE = "Yes, we ship to forty countries within a week, tracked, and returns are free. "
STYLES = ["color:red", "display:none", "display: none", "visibility:hidden", "DISPLAY:NONE", "overflow:hidden",
          "width:10px", "opacity:0", "display:block"]


# The pieces of a panel page: a control, a block, <details>, a question and its answer, a tab, an inline note, a <dl>.
PANEL_PIECES = [
    "<button aria-controls='p{after} q{i}' aria-expanded='false'{style}>Question {i}?</button>",
    "<div id='p{i}'{style}{role}{hidden}><p>{text}</p></div>",
    "<details{style}><summary>Reviews {i}</summary><p>{text}</p></details>",
    "<h3 role='button'>Question {i}?</h3><div{hidden}{style}><p>{text}</p></div>",
    "<a role='tab' aria-controls='p{after}'{style}>Tab {i}</a>",
    "<span{style}>{text}note</span>",
    "<dl><dt>Q {i}?</dt><dd{hidden}{style}>{text}</dd></dl>",
]


def panel_page(rng: random.Random) -> str:
    """A page of controls, styled and hidden blocks, tabs, details and accordions, in random order."""
    parts = []
    for i in range(rng.randrange(2, 14)):
        piece = rng.choice(PANEL_PIECES)
        text = PROSE * rng.randrange(0, 3) + ("<a href='/x'>a link</a>" if rng.random() < 0.3 else "")
        style = f" style='{rng.choice(STYLES)}'" if rng.random() < 0.7 else ""
        role = rng.choice(["", " role='tabpanel'", " role='region'", " role='tab'", " role='button'"])
        hidden = rng.choice(["", " hidden", " aria-hidden='true'", " aria-hidden='false'"])
        parts.append(piece.format(i=i, after=i + 1, text=text, style=style, role=role, hidden=hidden))
    return "<body>" + "".join(parts) + "</body>"


def panel_finder_as_it_was(body) -> tuple:
    """Round 13's PanelFinder.__init__ answers: the query with every styled element, the ids read apart."""
    marked = body.css(OLD_PANEL_SELECTOR)
    controlled = frozenset(ident for control in marked
                           for ident in (control.attributes.get("aria-controls") or "").split())
    roles, answers = [], []
    after = html_panels.after_controls(marked, roles, answers)
    named_tabs = {ident: control.mem_id for control in marked if control.attributes.get("role") == "tab"
                  for ident in (control.attributes.get("aria-controls") or "").split()}
    return controlled, after, [n.mem_id for n in answers], [n.mem_id for n in roles], named_tabs


def test_panel_finder_reads_what_the_wider_query_read():
    rng = random.Random(14)
    seen_after = seen_controlled = 0
    for _ in range(400):
        tree = LexborHTMLParser(panel_page(rng))
        controlled, after, answers, roles, named_tabs = panel_finder_as_it_was(tree.body)
        finder = html_panels.PanelFinder(tree.body)
        assert finder.controlled == controlled
        assert finder.after_controls == after
        assert sorted(finder.readers_answers) == sorted(answers)
        assert [n.mem_id for n in finder.posts_panels] == \
            [k for k in roles if html_posts.holds_user_posts(lexbor_walk_node(tree, k))]
        # (tab_panel's named tabs, read on first need from the narrower query)
        assert {ident: control.mem_id for control in finder._marked if control.attributes.get("role") == "tab"
                for ident in (control.attributes.get("aria-controls") or "").split()} == named_tabs
        seen_after += bool(after)
        seen_controlled += bool(controlled)
    assert seen_after > 20 and seen_controlled > 100  # (both answers seen)


def lexbor_walk_node(tree, mem_id):
    return next(node for node in tree.body.traverse() if node.mem_id == mem_id)


def test_styled_elements_that_hide_nothing_are_not_read():
    tree = LexborHTMLParser("<body><div style='color:red'>a</div><div style='display:none'>b</div>"
                            "<div style='visibility: hidden'>c</div><div style='DISPLAY:NONE'>d</div></body>")
    found = html_queries_once(tree.body.css(html_panels.HIDDEN_SELECTOR))
    assert [n.text() for n in found] == ["b", "c"]  # what hides() says, case-sensitive as Python's `in`
    assert [html_panels.hides(n.attributes) for n in tree.body.css("div")] == [False, True, True, False]


def html_queries_once(nodes):
    from corpus_clean.html_queries import once_each

    return once_each(nodes)


# ----------------------------------------------------------------------------- posts, listings, cards


def repeated_items_as_it_was(node):
    for _ in range(html_posts.MAX_DEPTH):
        children = [child for child in node.iter(include_text=False) if child.tag and not child.tag.startswith("-")]
        if not children:
            return []
        sizes = [len(child.text(strip=True)) for child in children]
        total = sum(sizes) or 1
        by_tag: dict = {}
        for index, child in enumerate(children):
            by_tag.setdefault(child.tag, []).append(index)
        tag, indexes = max(by_tag.items(), key=lambda kv: sum(sizes[i] for i in kv[1]))
        if len(indexes) >= html_posts.MIN_POSTS and sum(sizes[i] for i in indexes) >= html_posts.ITEMS_SHARE * total:
            return [children[i] for i in indexes]
        node = children[max(range(len(children)), key=sizes.__getitem__)]
    return []


def card_elements_as_it_was(chosen):
    groups: dict = {}
    for container in chosen:
        stop = container.mem_id
        for link in container.css("a"):
            node = link
            for _ in range(html_sections.CARD_LEVELS):
                parent = node.parent
                if parent is None:
                    break
                signature = (node.tag, node.attributes.get("class"), parent.tag, parent.attributes.get("class"))
                groups.setdefault(signature, {})[node.mem_id] = node
                if parent.mem_id == stop:
                    break
                node = parent
    cards = []
    for members in groups.values():
        if len(members) >= html_sections.MIN_CARDS and \
                sum(len(n.text(strip=True)) for n in members.values()) >= html_sections.CARD_CHARS * len(members):
            cards.extend(members.values())
    return html_sections._outermost(cards)


WORDS = ["Ana", "2 May 2024", "★★★★☆", "  ", "\u00e9t\u00e9", "caf\u00e9 \u4e2d\u6587", "Works well", "\u00a0", "3/5",
         "posted by", "x" * 30]


def list_page(rng: random.Random) -> str:
    rows = []
    page_tag = rng.choice(["li", "div", "article"])
    page_cls = rng.choice(["", " class='row'", " class='card item'", " class='x'"])
    for i in range(rng.randrange(0, 12)):
        odd = rng.random() < 0.2  # (a row unlike the others)
        tag = rng.choice(["li", "div", "article"]) if odd else page_tag
        cls = rng.choice(["", " class='row'", " class='x'"]) if odd else page_cls
        inner = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 6)))
        link = f"<a href='/s{i}'{rng.choice(['', cls])}>{rng.choice(WORDS)}</a>" if rng.random() < 0.8 else ""
        rows.append(f"<{tag}{cls}><h3>{link}</h3><span>{inner}</span> <time>{rng.choice(WORDS)}</time></{tag}>")
    wrap = rng.choice(["ul", "div", "section"])
    return f"<body><div id='top'><h2>Reviews</h2><{wrap} id='list'>{''.join(rows)}</{wrap}></div></body>"


@compiled
def test_posts_and_cards_measure_text_as_before():
    rng = random.Random(41)
    found_items = found_cards = posts = 0
    for _ in range(500):
        tree = LexborHTMLParser(list_page(rng))
        top = tree.css_first("#top")
        items = html_posts.repeated_items(top)
        assert [n.mem_id for n in items] == [n.mem_id for n in repeated_items_as_it_was(top)]
        cards = html_sections.card_elements([top])
        assert [n.mem_id for n in cards] == [n.mem_id for n in card_elements_as_it_was([top])]
        assert [n.mem_id for n in html_sections.card_elements([tree.body, top])] == \
            [n.mem_id for n in card_elements_as_it_was([tree.body, top])]
        for node in tree.body.traverse():
            assert html.stripped_chars(node) == len(node.text(strip=True))
        posts += html_posts.holds_user_posts(top)
        found_items += bool(items)
        found_cards += bool(cards)
    assert found_items > 50 and found_cards > 50 and posts > 10  # (both answers seen)


# ----------------------------------------------------------------------------- the '<' count


@compiled
def test_count_byte_on_long_inputs_at_every_offset():
    """Long enough for the SSE2 loop's 255-step flush (4,080 bytes) and its tails."""
    rng = random.Random(16)
    walker = lexbor_walk.active()
    for length in (15, 16, 17, 31, 4079, 4080, 4081, 4096, 8161, 70_001):
        data = bytes(rng.choice(b"<<<a\xff\x00") for _ in range(length))
        for offset in range(17):
            chunk = data[offset:]
            for byte in (0x3C, 0xFF, 0x00, 0x61):
                assert walker.count_byte(chunk, byte) == chunk.count(bytes([byte]))
    solid = b"<" * 100_003  # (every counter full at each flush)
    assert walker.count_byte(solid, 0x3C) == 100_003 and walker.count_byte(solid, 0x3D) == 0

"""Round 13's speed work on the HTML path gives the answers of the code it replaced: the C tag-depth
scan against the regex loop (its twin), the ASCII fast paths of the compiled text lengths against
selectolax, the linear ``streams_in`` and the early-exit ``holds_user_posts`` against the
definitions they replaced (kept here, written as they were), on generated pages."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, html_posts, html_rails, lexbor_walk, native
from corpus_clean.html_prose import _inside

compiled = pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")

# ----------------------------------------------------------------------------- tag depth

TAG_PIECES = ["<", ">", "/", "<div>", "</div>", "<p>", "<br/>", "<a ", "x", "</", '<DIV class="a/">', "<span/>",
              "\ud800", "\u00e9", "<1", "< div>", "<b", "TR", "<tr>", "</TR >", "<img src=x/>", "\n", "<section",
              "</section>", "<Li>", "<ul>", "</ul>", "<abcdefghijklmnopqrstuvwxyz>", "<h1 title='<b>'>", "\u4e2d"]


@compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=80))
def test_tag_depth_is_the_regex_scans(pieces):
    page = "".join(pieces)
    assert html.nesting_depth(page) == html._nesting_depth_python(page)


@compiled
@given(st.text(alphabet="<>/ab1 \n\u00e9", max_size=60))
def test_tag_depth_on_any_text_is_the_regex_scans(page):
    assert html.nesting_depth(page) == html._nesting_depth_python(page)


def test_tag_depth_examples():
    assert html.nesting_depth("<div>" * 7 + "<p>" * 3 + "</div>" * 2) == 7
    assert html.nesting_depth("<div><br/><img/><DIV></div></div></div><div>") == 2
    assert html.nesting_depth("<div title='>'><div>") == 2
    assert html.nesting_depth("<div") == 0  # (no '>': no tag)


# ----------------------------------------------------------------------------- ASCII fast paths

# Fragments of lengths around the 8-byte steps, with ASCII whitespace (and \x1c, which str.strip
# strips) at either end, with and without a non-ASCII character at some offset.
FRAGMENT = st.tuples(st.sampled_from(["", " ", "\t\n", "\x1c", " \x1f "]),
                     st.text(alphabet="ab, .\u00e9\u4e2d\uff0c\u00a0", min_size=0, max_size=40),
                     st.sampled_from(["", " ", "\n", "\x1d\x1e", "\r\n  "])).map("".join)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENT, min_size=1, max_size=5), st.sampled_from(["p", "div", "a", "li"]))
def test_text_lengths_with_long_ascii_runs_match_python(fragments, tag):
    page = f"<body><div id='x'><{tag}>" + f"</{tag}><{tag}><a href='/'>".join(fragments) + f"</a></{tag}></div></body>"
    tree = LexborHTMLParser(page)
    node = tree.css_first("#x")
    measured = (html._text_chars(node), html._para_chars(node), html.link_density(node),
                [(p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(tree.body)])
    with native.twins_only():
        python = (html._text_chars(node), html._para_chars(node), html.link_density(node),
                  [(p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(tree.body)])
    assert measured == python
    assert measured[0] == len(node.text())


@compiled
def test_count_byte_counts_every_byte_at_every_offset():
    rng = random.Random(5)
    walker = lexbor_walk.active()
    for _ in range(500):
        data = bytes(rng.choice(b"<<=\x00\xff\xbca") for _ in range(rng.randrange(0, 40)))
        for byte in (0x3C, 0x00, 0xFF, 0xBC):
            assert walker.count_byte(data, byte) == data.count(bytes([byte]))


# ----------------------------------------------------------------------------- streams_in


def streams_in_as_it_was(top, chosen):
    """Round 12's streams_in: every element tested against every chosen block and stream."""
    found = []
    for node in top.traverse(include_text=False):
        if node.mem_id == top.mem_id or any(_inside(node, other) or _inside(other, node) for other in chosen):
            continue
        if any(_inside(node, rail) for rail in found):
            continue
        chars = len(node.text(strip=True))
        if any(len(members) >= html_rails.MIN_TEASERS
               and html_rails._is_rail(members, chars, html_rails.STREAM_TEASER_MAX_CHARS, headed=True)
               for members in html_rails._children_by_tag([node]).values()):
            found.append(node)
    return found


def stream_page(rng: random.Random) -> str:
    """A page of nested sections, some holding streams of headed teasers, some a story."""
    def block(depth: int) -> str:
        roll = rng.random()
        if depth > 3 or roll < 0.25:
            n = rng.randrange(2, 6)
            items = "".join(f"<li><h3><a href='/s{i}'>Another story title number {i}</a></h3>"
                            f"<p>{'Its blurb. ' * rng.randrange(1, 4)}</p></li>" for i in range(n))
            return f"<ul class='s{depth}'>{items}</ul>"
        if roll < 0.4:
            return "<p class='story'>" + "The story itself, told with commas, and more. " * rng.randrange(1, 5) + "</p>"
        return f"<div class='d{depth}'>" + "".join(block(depth + 1) for _ in range(rng.randrange(1, 4))) + "</div>"
    return "<body><div id='top'>" + "".join(block(0) for _ in range(rng.randrange(1, 4))) + "</div></body>"


def test_streams_in_finds_what_the_quadratic_walk_found():
    rng = random.Random(13)
    checked = found = 0
    for _ in range(300):
        tree = LexborHTMLParser(stream_page(rng))
        elements = [n for n in tree.body.traverse() if n.tag not in ("html", "body")]
        for top in (tree.body, tree.css_first("#top"), rng.choice(elements)):
            chosen = rng.sample(elements, min(len(elements), rng.randrange(0, 3)))
            if rng.random() < 0.2:
                chosen.append(top)  # (the top itself chosen: nothing under it is a stream)
            ours = [n.mem_id for n in html_rails.streams_in(top, chosen)]
            assert ours == [n.mem_id for n in streams_in_as_it_was(top, chosen)]
            checked += 1
            found += bool(ours)
    assert found > 30 and checked == 900  # (streams were found, not only refused)


# ----------------------------------------------------------------------------- holds_user_posts


def holds_user_posts_as_it_was(node, cuts=None):
    """Round 12's holds_user_posts: every item judged, then the share summed."""
    total = len(node.text(strip=True))
    if total < html_posts.MIN_TEXT:
        return False
    items = html_posts.repeated_items(node)
    if len(items) < html_posts.MIN_POSTS:
        return False
    posts = [item for item in items if html_posts.is_user_post(item, cuts)]
    return len(posts) >= html_posts.MIN_POSTS and \
        sum(len(p.text(strip=True)) for p in posts) >= html_posts.POSTS_SHARE * total


def posts_page(rng: random.Random) -> str:
    """A list whose items are users' posts (a date and a rating or author), plain rows, or long prose."""
    items = []
    for i in range(rng.randrange(0, 8)):
        roll = rng.random()
        body = "Works well, a bit loud at night, and the cable is short. " * rng.randrange(1, 5)
        if roll < 0.5:
            items.append(f"<li><b>Ana {i}</b> <time>2 May 2024</time> <span>{'★' * rng.randrange(1, 6)}</span><p>{body}</p></li>")
        elif roll < 0.8:
            items.append(f"<li><p>{body}</p></li>")
        else:
            items.append(f"<li><cite>Jo</cite>, {rng.randrange(1, 9)} weeks ago: <p>Good.</p></li>")
    intro = "<p>" + "An intro paragraph about the product, in words. " * rng.randrange(0, 12) + "</p>"
    return f"<body><div id='r'>{intro}<ul>{''.join(items)}</ul></div></body>"


def test_holds_user_posts_answers_as_before():
    rng = random.Random(21)
    answers = []
    for _ in range(400):
        tree = LexborHTMLParser(posts_page(rng))
        for node in (tree.css_first("#r"), tree.css_first("ul"), tree.body):
            ours = html_posts.holds_user_posts(node)
            assert ours == holds_user_posts_as_it_was(node)
            answers.append(ours)
    assert 50 < sum(answers) < len(answers) - 50  # (both answers come up)


# ----------------------------------------------------------------------------- the walks up from paragraphs

BLOCKS = ["div", "section", "article", "main", "td", "li", "blockquote", "pre", "p", "ul", "ol", "form",
          "h2", "th", "span", "a", "my-card", "table", "tr", "body"]
TEXTS = ["The council voted, on Tuesday, to close the old bridge for repairs.", "Short.", "x",
         "Read more", "\u4e2d\u6587\uff0c\u6587\u5b57\uff0c" * 5, "A line, with, many, commas, here, and, more. " * 4,
         "\u00e9t\u00e9 " * 30, "Words " * 200]


def score_page(rng: random.Random) -> str:
    """Nested blocks (deeper than the walks' level caps, sometimes), paragraphs of every length, links."""
    parts = []
    for _ in range(rng.randrange(1, 120)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(f"<{rng.choice(BLOCKS)}{' href=/x' if rng.random() < 0.2 else ''}>")
        elif roll < 0.75:
            text = rng.choice(TEXTS)
            parts.append(f"<a href='/'>{text}</a>" if rng.random() < 0.25 else text)
        elif roll < 0.95:
            parts.append(f"</{rng.choice(BLOCKS)}>")
        else:
            parts.append("<div>" * 40)  # (past MAX_DEEP_LEVELS)
    return "<html><body>" + "".join(parts) + "</body></html>"


def sums_as_the_twin(root) -> tuple:
    """``(html._paragraph_scores, html_prose.prose_by_element)`` of ``root`` (compiled), asserted to be the
    Python twin's: the same keys in the same order, the same numbers (floats to the last bit) and types."""
    from corpus_clean import html_prose

    rows = html.collect_paragraphs(root)
    ours = html._paragraph_scores(root, rows), html_prose.prose_by_element(root)
    with native.twins_only():
        python = html._paragraph_scores(root, rows), html_prose.prose_by_element(root)
    (scores, nodes, deep), sums = ours
    (scores_py, nodes_py, deep_py), sums_py = python
    assert list(scores.items()) == list(scores_py.items())
    assert list(deep.items()) == list(deep_py.items())
    assert [(k, n.mem_id) for k, n in nodes.items()] == [(k, n.mem_id) for k, n in nodes_py.items()]
    assert [list(d.items()) for d in sums] == [list(d.items()) for d in sums_py]
    assert all(type(a) is type(b) for a, b in zip([*scores.values(), *deep.values()], [*scores_py.values(), *deep_py.values()]))
    assert all(type(a) is type(b) for d, d_py in zip(sums, sums_py) for a, b in zip(d.values(), d_py.values()))
    return ours


@compiled
def test_paragraph_scores_and_prose_sums_match_python():
    rng = random.Random(44)
    scored = 0
    for _ in range(300):
        tree = LexborHTMLParser(score_page(rng))
        if rng.random() < 0.3:
            html.strip_junk(tree)
        elements = list(tree.body.traverse())
        for root in (tree.body, rng.choice(elements)):
            (scores, _, _), _ = sums_as_the_twin(root)
            scored += bool(scores)
            chosen = html.best_container(root)
            with native.twins_only():
                assert [n.mem_id for n in html.best_container(root)] == [n.mem_id for n in chosen]
    assert scored > 100


def test_stripped_and_link_chars_are_selectolaxs_sums():
    rng = random.Random(8)
    for _ in range(200):
        tree = LexborHTMLParser(score_page(rng).replace("Words ", "Wörds\u00a0\x1c "))
        for node in list(tree.root.traverse(include_text=True))[::3]:
            assert html.stripped_chars(node) == len(node.text(strip=True))
            assert html.link_chars(node) == sum(len(a.text(strip=True)) for a in node.css("a"))

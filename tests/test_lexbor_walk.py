"""The compiled element walks (corpus_clean/_lexbor_walk.c, round 12) against the Python they
replace, on generated pages: the junk-tag scan, the renderer's walk and its lines, and the
guard that keeps a walker whose reading of the tree differs from selectolax's out of use."""
from __future__ import annotations

import random
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html, lexbor_walk, native

pytestmark = pytest.mark.skipif(not lexbor_walk.built(), reason="corpus_clean._lexbor_walk was not built")

# Tags of every kind the renderer treats apart: blocks, cells, links, inline, a dateline,
# a formula, a line break, preformatted text, furniture and invisible tags, custom and
# foreign elements.
TAGS = ["div", "p", "span", "a", "b", "section", "article", "ul", "li", "table", "tr", "td", "th",
        "time", "math", "mi", "br", "pre", "nav", "aside", "footer", "header", "figure", "script",
        "style", "h2", "h1", "blockquote", "my-card", "svg", "dl", "dt", "dd", "button", "noscript"]
CLASSES = ["", "share-bar", "post-body", "comments", "related", "menu", "article-content", "sidebar",
           "caption", "widget", "lead", "hidden-xs"]
WORDS = ["Read more", "Advertisement", "the council voted", "on Tuesday", "x", "42", "CLICK HERE NOW",
         "\u00e9t\u00e9", "\u4e2d\u6587", "a,b\uff0cc\u060c", "Share", "a\u00a0b", "line\nbreak", "  ", "\n\t", "\u2028",
         "\x1c", "\u0085", "Comments", "\ud83d\ude00".encode("utf-16", "surrogatepass").decode("utf-16")]


def random_page(rng: random.Random) -> str:
    """A nest of random elements, attributes, comments and text (end tags sometimes missing)."""
    parts = []
    for _ in range(rng.randrange(1, 60)):
        roll = rng.random()
        if roll < 0.45:
            tag = rng.choice(TAGS)
            attrs = ""
            if rng.random() < 0.5:
                attrs += f' class="{rng.choice(CLASSES)}"'
            if rng.random() < 0.2:
                attrs += f' id="m{rng.randrange(5)}"'
            if tag == "a":
                attrs += ' href="/x"'
            if rng.random() < 0.05:
                attrs += ' hidden'
            parts.append(f"<{tag}{attrs}>")
        elif roll < 0.75:
            parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6))))
        elif roll < 0.95:
            parts.append(f"</{rng.choice(TAGS)}>")
        else:
            parts.append(rng.choice(["<!-- note -->", "<br/>", "\n   \n", "&nbsp;", "<![CDATA[x]]>"]))
    return "<html><body>" + "".join(parts) + "</body></html>"


def render_both(page: str, rng: random.Random, lenient: bool):
    """The renderer's lines, compiled and Python, for the same random choice of containers."""
    lines = []
    seed = rng.random()  # (the same containers for both)
    for walker in (html._compiled_renderer(), None):
        tree = LexborHTMLParser(page)
        if tree.body is None:
            return None
        cuts = html.strip_junk(tree, lenient=lenient)
        elements = [n for n in tree.body.traverse() if n.tag != "body"]
        picker = random.Random(seed)
        chosen = picker.sample(elements, min(len(elements), picker.randrange(0, 4)))
        whole = {n.mem_id for n in chosen if picker.random() < 0.3}
        walk = html._ancestors_of([*chosen, *html._placeholder_nodes(tree.body, cuts)])
        lines.append(html._render_lines(walker, tree.body, {n.mem_id for n in chosen}, whole, walk, cuts))
    return lines


def test_the_compiled_renderer_is_in_use():
    assert html._compiled_renderer() is not None


def test_render_walk_matches_python_on_generated_pages():
    rng = random.Random(12)
    for k in range(400):
        both = render_both(random_page(rng), rng, lenient=k % 3 == 0)
        if both is not None:
            assert both[0] == both[1]


def test_extraction_matches_python_on_generated_pages():
    rng = random.Random(1212)
    for _ in range(150):
        page = random_page(rng)
        compiled = html.extract_main_text(page)
        with native.twins_only():
            python = html.extract_main_text(page)
        assert (compiled.text, compiled.visible_text, compiled.removed) == \
            (python.text, python.visible_text, python.removed)


STANDARD_TAGS = [tag for tag in TAGS if "-" not in tag]  # (a custom element's id is its document's own)


def test_tags_below_matches_traverse():
    rng = random.Random(5)
    walker = lexbor_walk.active()
    for _ in range(300):
        tree = LexborHTMLParser(random_page(rng))
        wanted = lexbor_walk.tag_ids(rng.sample(STANDARD_TAGS, rng.randrange(0, 8)))
        for root in (tree.root, tree.body, *tree.body.traverse()):
            if root is None:
                continue
            assert [n.mem_id for n in walker.tags_below(root, wanted)] == \
                [n.mem_id for n in root.traverse() if n.tag_id in wanted]


def test_paragraphs_match_python():
    rng = random.Random(77)
    for _ in range(300):
        tree = LexborHTMLParser(random_page(rng))
        elements = list(tree.body.traverse())
        for root in (tree.body, *rng.sample(elements, min(2, len(elements)))):
            compiled = [(p.node.mem_id, p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(root)]
            with native.twins_only():
                python = [(p.node.mem_id, p.chars, p.link_chars, p.commas) for p in html.collect_paragraphs(root)]
            assert compiled == python


def test_text_lengths_match_selectolax():
    rng = random.Random(31)
    for _ in range(300):
        tree = LexborHTMLParser(random_page(rng))
        for node in tree.root.traverse(include_text=True):
            compiled = (html.link_density(node), html._para_chars(node), html._text_chars(node))
            with native.twins_only():
                python = (html.link_density(node), html._para_chars(node), html._text_chars(node))
            assert compiled == python


BYTES = st.binary(max_size=8).map(lambda b: b.replace(b"<", b"").replace(b"&", b"").replace(b"\0", b""))


@settings(max_examples=400, deadline=None)
@given(st.lists(BYTES, min_size=1, max_size=4))
def test_raw_text_length_counts_what_selectolax_decodes(fragments):
    # Lexbor keeps bytes it cannot decode in its text nodes: fragments of any bytes (invalid
    # UTF-8, a sequence cut by a tag) must come out as long as selectolax's joined, decoded text.
    page = b"<div>" + b"<b>\xc3</b>".join(fragments) + b"</div>"
    div = LexborHTMLParser(page).css_first("div")
    assert html._text_chars(div) == len(div.text())
    with native.twins_only():
        assert html._text_chars(div) == len(div.text())


@settings(max_examples=300, deadline=None)
@given(st.lists(BYTES, min_size=1, max_size=4), st.booleans())
def test_subtree_text_of_any_bytes_matches_selectolax(fragments, cut):
    # A cut <nav> (or a plain <div> outside the article) is rendered from one subtree text:
    # fragments of any bytes, a sequence cut by a tag, empty text nodes.
    wrapper = b"nav" if cut else b"div"
    page = (b"<body><div id='m'><p>Article words here.</p></div><" + wrapper + b">"
            + b"<b>\xc3</b><i></i>".join(fragments) + b"</" + wrapper + b"></body>")
    lines = []
    for walker in (html._compiled_renderer(), None):
        tree = LexborHTMLParser(page)
        cuts = html.strip_junk(tree)
        chosen = [tree.css_first("#m")]
        walk = html._ancestors_of([*chosen, *html._placeholder_nodes(tree.body, cuts)])
        lines.append(html._render_lines(walker, tree.body, {chosen[0].mem_id}, set(), walk, cuts))
    assert lines[0] == lines[1]


def test_raw_text_length_on_split_and_invalid_sequences():
    # (one odd sequence a page: any invalid fragment sends the whole node to the slow, exact path)
    for page in (b"<div>a\xc3<b>\xa9</b></div>", b"<div>\xed\xa0\x80</div>", b"<div>\xf4\x90\x80\x80</div>",
                 b"<div>\xe0\x80\x80</div>", b"<div>\xc0\xaf</div>", b"<div>\xf0\x8f\xbf\xbf</div>",
                 b"<div>\xed\x9f\xbf \xf4\x8f\xbf\xbf \xe0\xa0\x80 \xc2\x80</div>",  # (the valid edges)
                 b"<div>\xf0\x9f\x98\x80<i>\xe2\x82</i>\xac</div>"):
        div = LexborHTMLParser(page).css_first("div")
        assert html._text_chars(div) == len(div.text())


def test_ancestors_and_byte_counts_match_python():
    rng = random.Random(9)
    for _ in range(200):
        page = random_page(rng)
        tree = LexborHTMLParser(page)
        html.strip_junk(tree)  # (cut subtrees: detached, their walk up stops at their top)
        nodes = rng.sample(list(tree.root.traverse(include_text=True)), 3) + [tree.root]
        data = page.encode()
        compiled = (html._ancestors_of(nodes), html._count_byte(data, b"<"), html._count_byte(data, b"\xff"))
        with native.twins_only():
            python = (html._ancestors_of(nodes), html._count_byte(data, b"<"), html._count_byte(data, b"\xff"))
        assert compiled == python


def test_tags_below_refuses_a_custom_elements_id():
    tree = LexborHTMLParser("<body><my-card>x</my-card></body>")
    with pytest.raises(ValueError):
        lexbor_walk.active().tags_below(tree.body, frozenset([tree.css_first("my-card").tag_id]))


PIECES = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0\u2028\x1c\x85\u3000\u00e9\ud83d")), max_size=12),
    st.just(None),
    st.sampled_from([("html.nav",), ("html.links",), ("keep",)]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_lines_of_matches_python_lines(pieces):
    # The renderer's output shape: every verdict marker closed by _END, markers nested.
    out, depth = [], 0
    for piece in pieces:
        out.append(piece)
        if type(piece) is tuple:
            depth += 1
        elif piece is None and depth:
            out[-1] = html._END
            depth -= 1
    out += [html._END] * depth
    assert lexbor_walk.active().lines_of(out, "keep", html._END) == html._lines(out, "keep")


def test_a_walker_that_reads_the_tree_differently_is_not_trusted():
    real = lexbor_walk.active()

    def skipping_tags_below(root, ids):
        return real.tags_below(root, ids)[1:]  # loses the first match

    broken = types.SimpleNamespace(configure=real.configure, node_at=real.node_at,
                                   tags_below=skipping_tags_below)
    assert lexbor_walk._checked(real)
    assert not lexbor_walk._checked(broken)
    assert not lexbor_walk._checked(types.SimpleNamespace(configure=lambda probe: False))


def test_configure_finds_no_fields_in_an_object_that_is_not_a_node():
    walker = lexbor_walk.active()
    try:
        with pytest.raises(AttributeError):
            walker.configure(object())  # (no mem_id at all)
    finally:
        assert walker.configure(LexborHTMLParser("<p>x</p>").body)  # restore the real layout


def test_twins_only_switches_the_walker_off():
    with native.twins_only():
        assert lexbor_walk.active() is None and html._compiled_renderer() is None
    assert lexbor_walk.active() is not None

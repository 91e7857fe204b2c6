"""Round 20 (htmlspeed20): a page's controls' words read in one C walk, the posts' class words cached,
and the query walks reading an element's attributes only when an attribute test can be about its tag.

* ``Query.short_texts`` (compiled: ``_lexbor_walk.short_texts``) gives the stripped texts its Python
  twin gives (``node.text(strip=True)`` of each element ``select`` finds, those shorter than the
  bound), on generated pages of links, buttons and ``role=button`` elements holding nested inline
  markup, comments, blanks, non-ASCII and bytes that are not UTF-8 text;
* ``html_comment_section.answered_posts`` and ``html_posts._class_says`` give with the compiled walks
  what they give with the Python twins (``native.twins_only``), on generated comment sections;
* every ``Query`` of the HTML path mixing tag-only alternatives and tagged attribute tests answers
  as Lexbor's ``css()`` does (the attribute list is now read only for the tags those tests name).

The first fails on main (``Query.short_texts`` does not exist there); the others pass on main (guards:
the same answers with the walks switched off, and css()'s).
"""
from __future__ import annotations

import random
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_comment_section, html_posts, lexbor_walk, native

compiled = pytest.mark.skipif(lexbor_walk.active() is None or not lexbor_walk.queries_built(),
                              reason="corpus_clean._lexbor_walk was not built")

WORDS = ["Reply", "reply", " Antworten ", "Helpful (3)", "♥ 12", "👍 4", "Home", "Share", "\u00a0Rispondi\u00a0",
         "été", "返信", "Read more of the story, on the next page, with pictures", "", " ", "\n\t", "x\x1f",
         "Like [2]", "\u2665\ufe0f 7", "Beantwoorden", "Next"]
INLINE = ["b", "i", "span", "em", "svg"]
CONTROLS = ["a href='#'", "button", "div role='button'", "span role='button'", "a role='button'", "li"]
CLASSES = ["", " class='post'", " class='star-rating'", " class='user-name avatar'", " class='Author'",
           " class='byline x'", " class='scoreboard'", " class"]


def random_control(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(0, 3)):
        roll = rng.random()
        if roll < 0.6 or depth > 2:
            parts.append(rng.choice(WORDS))
        elif roll < 0.7:
            parts.append("<!-- a comment -->")
        else:
            tag = rng.choice(INLINE)
            parts.append(f"<{tag}{rng.choice(CLASSES)}>{random_control(rng, depth + 1)}</{tag}>")
    return "".join(parts)


def random_section(seed: int) -> str:
    rng = random.Random(seed)
    items = []
    for _ in range(rng.randint(1, 8)):
        controls = "".join(f"<{c}>{random_control(rng)}</{c.split()[0]}>"
                           for c in rng.sample(CONTROLS, rng.randint(0, 3)))
        items.append(f"<li{rng.choice(CLASSES)}><b{rng.choice(CLASSES)}>Reader</b> <time>3 days ago</time>"
                     f"<p>A reader's comment on the story, a sentence or two long, {seed}.</p>{controls}</li>")
    return f"<body><article><p>The story.</p></article><section><ul{rng.choice(CLASSES)}>{''.join(items)}</ul></section></body>"


@compiled
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from([0, 1, 6, 13, 40, 10**6]))
def test_short_texts_as_the_twin(seed, max_chars):
    # (bytes that are not UTF-8 in a reader's name: decoded with errors="replace", as selectolax does)
    page = random_section(seed).encode().replace(b"Reader", b"Re\xff\xc3ader")
    for selector, skip in (("button,a,[role=button]", ()), ("a,[role]", ("svg",)), ("li", ())):
        query = lexbor_walk.Query(selector, skip=skip)
        for root in (LexborHTMLParser(page).body, LexborHTMLParser(page).css_first("ul")):
            wanted = [text for node in root.css(query.css) if len(text := node.text(strip=True)) < max_chars]
            assert lexbor_walk._short_texts_python(query.select(root), max_chars) == wanted
            assert query.short_texts(root, max_chars) == wanted


@compiled
def test_short_texts_of_a_written_page():
    t = LexborHTMLParser("<body><a href='/'> Home </a><button>Re<b>ply</b>\n</button><a role='button'>\u00a0Helpful "
                         "<i>(3)</i> </a><a>" + "long words " * 5 + "</a><div role='button'><!-- c -->\u2665 12</div></body>")
    # (an <a role=button> matches two alternatives: listed twice, as select lists it)
    assert lexbor_walk.Query("button,a,[role=button]").short_texts(t.body, 40) == \
        ["Home", "Reply", "Helpful(3)", "Helpful(3)", "♥ 12"]


@compiled
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_answers_and_class_words_as_with_the_twins(seed):
    page = random_section(seed)

    def read() -> tuple:
        tree = LexborHTMLParser(page)
        items = tree.css("li")
        return (html_comment_section.answered_posts(tree.body, {}),
                [html_posts._class_says(item, words) for item in items
                 for words in (html_posts.RATING_WORDS, html_posts.AUTHOR_WORDS)])

    compiled_answer = read()
    with native.twins_only():
        assert read() == compiled_answer


TAGGED_QUERIES = ["a[href],p", "meta,title,link[rel=canonical],script[type='application/ld+json']",
                  "li,a[href^='#'],[role=button]", "h2,div[class*=post i],span", "tr,td[id]"]


@compiled
@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_tagged_attribute_tests_as_css(seed):
    page = random_section(seed).replace("<p>", "<p class='post' id='x'>").replace("<b", "<a href='#r' rel='canonical'")
    page = page.replace("</b>", "</a>").replace("<time>", "<td id='t'><meta title='m'>").replace("</time>", "</td>")
    tree = LexborHTMLParser(page)
    for selector in TAGGED_QUERIES:
        query = lexbor_walk.Query(selector)
        for root in (tree.root, tree.body, tree.css_first("ul")):
            assert [n.mem_id for n in query.select(root)] == [n.mem_id for n in root.css(query.css)]


# Pages for the walk read ahead (lexbor_walk.read_together): what the four first queries look for, in the
# <head> and the <body>: metadata, JSON-LD and microdata declarations, hidden panels and their controls.
HEAD_PARTS = ["<meta name='author' content='Jo Bloggs'>", "<meta property='og:title' content='A title'>",
              "<title>The page</title>", "<link rel='canonical' href='https://example.org/a'>",
              "<script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}</script>",
              "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-05-02\"}</script>",
              "<meta property='article:published_time' content='2024-05-02'>", "<style>p{}</style>"]
BODY_PARTS = ["<h1>A headline</h1>", "<time datetime='2024-05-03'>3 May</time>", "<span itemprop='author'>Ann</span>",
              "<a rel='author' href='/ann'>Ann</a>", "<div itemscope itemtype='https://schema.org/LiveBlogPosting'>x</div>",
              "<button aria-controls='p1' aria-expanded='false'>Does it ship?</button>",
              "<div id='p1' hidden><p>Yes, to forty countries, within a week, with tracking numbers.</p></div>",
              "<details><summary>Reviews</summary><p>Good.</p></details>", "<div style='display:none'>gone</div>",
              "<div aria-hidden='true'>icon</div>", "<meta itemprop='datePublished' content='2024-05-04'>",
              "<script type='application/ld+json'>{\"@type\": \"LiveBlogPosting\"}</script>"]


def random_full_page(seed: int) -> str:
    rng = random.Random(seed)
    head = "".join(rng.sample(HEAD_PARTS, rng.randint(0, len(HEAD_PARTS))))
    body = "".join(rng.choice(BODY_PARTS + [PROSE_BLOCK]) for _ in range(rng.randint(0, 10)))
    return f"<html><head>{head}</head><body>{random_section(seed)}{body}</body></html>"


PROSE_BLOCK = "<p>" + "A sentence of the article, long enough to count as prose, and it goes on. " * 3 + "</p>"


@compiled
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.integers(0, 4), min_size=1, max_size=6))
def test_scoped_walk_as_separate_walks(seed, picks):
    """``_lexbor_walk.select_scoped``: each query's answer is its own walk's, whatever the roots (the page's
    <html>, <head>, <body>, a list inside it; nested or apart). Fails on main (no select_scoped)."""
    tree = LexborHTMLParser(random_full_page(seed))
    walker = lexbor_walk.active()
    roots = [tree.root, tree.head, tree.body, tree.css_first("ul") or tree.body, tree.css_first("li") or tree.head]
    queries = [lexbor_walk.Query(s) for s in ("meta,title,link[rel=canonical],script[type='application/ld+json']",
                                             "[aria-controls],[hidden],[style*=none],details,[aria-hidden=true]",
                                             "meta,h1,[itemprop=author],[rel=author],time[datetime]",
                                             "button,a,[role=button]", "li,b")]
    asked = [(queries[(k + seed) % len(queries)], roots[k], bool(k % 2)) for k in picks]
    found = walker.select_scoped(tree.root, tuple((q.alternatives, q.skip_ids, once, root) for q, root, once in asked))
    for (query, root, once), nodes in zip(asked, found):
        assert [n.mem_id for n in nodes] == [n.mem_id for n in walker.select(root, query.alternatives, query.skip_ids, once)]


@contextmanager
def each_query_alone():
    """Inside: the list of queries read together is empty (each is read by its own walk)."""
    saved = list(lexbor_walk._TOGETHER)
    lexbor_walk._TOGETHER.clear()
    try:
        yield
    finally:
        lexbor_walk._TOGETHER.extend(saved)


@compiled
@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**9))
def test_pages_read_as_without_the_walk_read_ahead(seed):
    """``extract_main_text`` gives the same article, visible text, removals and metadata with the four first
    queries read in one walk as with each read by its own (the read-ahead switched off). Passes on main (a guard)."""
    from corpus_clean.html import extract_main_text

    page = random_full_page(seed)
    together = extract_main_text(page)
    with each_query_alone():
        alone = extract_main_text(page)
    assert together == alone
    assert not lexbor_walk._READ  # (nothing read ahead is left once the page is read)


JUNK_LEAVES = ["<img src='a.jpg'>", "<input type='hidden'>", "<svg><g><path d='M0'/></g></svg>", "<svg><title>I</title></svg>",
               "<svg><!-- c --></svg>", "<script></script>", "<script>var x;</script>", "<noscript><img src='n'></noscript>",
               "<picture><source srcset='s'><img src='s'></picture>", "<template><p>t</p></template>", "<iframe></iframe>",
               "<object><h1></h1></object>", "<canvas><button></button></canvas>", "<nav><a href='/'>Home</a></nav>",
               "<button>Share</button>", "<h1>A headline</h1>", "<form><input name='q'></form>", "words, words, ", " "]


def random_junk_page(seed: int) -> str:
    rng = random.Random(seed)

    def block(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.5 or depth > 3:
                parts.append(rng.choice(JUNK_LEAVES))
            else:
                tag = rng.choice(["div", "p", "header", "aside", "figure", "noscript", "object", "li", "footer"])
                parts.append(f"<{tag}>{block(depth + 1)}</{tag}>")
        return "".join(parts)

    return f"<html><body>{block(0)}</body></html>"


@compiled
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9))
def test_drop_then_list_in_one_walk_as_the_twins(seed):
    """``lexbor_walk.drop_bare_then_tags``: the compiled walk (``drop_bare_tags``) lists the elements and leaves
    the tree the two twins (``_drop_bare_python`` then ``_walk_python``) list and leave, on round 19's generated
    pages of bare and text-holding never-rendered elements (nested too), amid the junk loop's tags. Fails on
    main (no such walk)."""
    from corpus_clean import html

    page = random_junk_page(seed)
    for ids, keep in ((html._INVISIBLE_TAG_IDS, html._READ_BY_JUNK_LOOP), (html._LENIENT_INVISIBLE_TAG_IDS, frozenset())):
        mine, twin = LexborHTMLParser(page), LexborHTMLParser(page)
        listed = [(n.tag, n.mem_id) for n in lexbor_walk.drop_bare_then_tags(mine.body, ids, keep, html._JUNK_TAG_IDS)]
        lexbor_walk._drop_bare_python(twin.body, ids, keep)
        wanted = [n.tag for n in lexbor_walk._walk_python(twin.body, html._JUNK_TAG_IDS)]
        assert [tag for tag, _ in listed] == wanted
        assert mine.html == twin.html

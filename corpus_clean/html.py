"""Main-content extraction from HTML (article body + cheap metadata).

A fast readability-style extractor on selectolax (Lexbor). The whole thing is
one parse plus a few linear passes over the element tree, all iterative (no
Python recursion), so a 100k-deep ``<div>`` nest cannot blow the stack.

Pipeline of one call::

    parse -> metadata (title, byline, published, lang)
          -> drop junk tags (script, nav, footer, aside, figure, ...)
          -> drop elements whose class/id say "boilerplate" (comment, share, ...)
          -> score paragraphs, propagate scores to ancestors, pick the best container
          -> add sibling blocks that look like article text, and the other parts
             of the winner's component (same class name) in cousin wrappers
          -> inside the container, drop link-heavy and tiny blocks
          -> serialise text with one newline per block element

>>> html = ("<html lang='en'><head><title>T</title></head><body>"
...         "<nav><a href='/'>Home</a></nav><article>"
...         "<p>First paragraph, with enough words, to count as real article text here.</p>"
...         "<p>Second paragraph, again long enough, to be scored as body text by us.</p>"
...         "</article><div class='comments'><p>Nice post, thanks, love it, great.</p></div>"
...         "</body></html>")
>>> ex = extract_main_text(html)
>>> print(ex.text)
First paragraph, with enough words, to count as real article text here.
Second paragraph, again long enough, to be scored as body text by us.
>>> ex.title, ex.lang
('T', 'en')
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import partial
from typing import Iterable, Iterator, NamedTuple, Optional

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus_clean import (html_discussion, html_fallback, html_flow, html_gallery, html_guestbook, html_headings,
                          html_headings_tail, html_listings, html_mail, html_panels, html_posts, html_prose, html_queries, html_rails,
                          html_pattern_set, html_references, html_sections, html_standfirst, html_tables,
                          lexbor_walk, native)
from corpus_clean import html_comment_section  # (round 19: readers' comments by their shape)
from corpus_clean import html_chart_labels, html_link_sentences  # (round 20: chart labels; lists of sentences around links)
from corpus_clean import html_next_stories  # (round 22: an infinite scroll's appended stories)
from corpus_clean import html_label_links  # (round 21: a label over one link inside the story)
from corpus_clean import html_head_bodies  # (round 25: the head's script and style bodies left out of the parse)
from corpus_clean.document import Removal
from corpus_clean.html_dated import keep_dated_entries, keep_outline_numbers

__all__ = ["HtmlExtraction", "extract_main_text", "clear_caches", "MAX_HTML_CHARS", "MAX_NESTING"]

# Anything bigger is not a web page we want in a corpus, and parsing it would
# hold hundreds of MB of tree in memory; callers get a clear ValueError.
MAX_HTML_CHARS = 10_000_000
# Lexbor's tree builder is quadratic in nesting depth (5k nested divs take
# ~0.15 s, 20k ~1.4 s, 100k about a minute); real pages stay under a few
# hundred levels. A page with fewer tags than this cannot be deeper, so the
# (Python-speed) depth scan only runs on pages with more tags than this
# (none of the 181 benchmark pages has more than ~3,300).
MAX_NESTING = 5_000


@dataclass
class HtmlExtraction:
    """Result of :func:`extract_main_text`.

    ``visible_text`` is every visible line of the page's ``<body>`` (one line per
    block, whitespace collapsed, each line ending in ``"\\n"``); ``removed`` says
    which of its lines are not article text and why, with offsets into it
    (``visible_text[r.start:r.end] == r.text``); ``text`` is what is left, the
    article, lines joined by ``"\\n"`` (``""`` when nothing was found).
    ``flattened_tags`` counts tags dropped to bring absurd nesting down to
    :data:`MAX_NESTING` levels (0 on real pages).
    """

    text: str
    title: Optional[str] = None
    byline: Optional[str] = None
    published: Optional[str] = None
    lang: Optional[str] = None
    url: Optional[str] = None  # the page's canonical address (rel=canonical, og:url)
    visible_text: str = ""
    removed: list = field(default_factory=list)
    flattened_tags: int = 0


# --------------------------------------------------------------------------- #
# Tag and attribute vocabularies
# --------------------------------------------------------------------------- #

# Never article text. Not rendered at all (not part of the page's visible text).
# Ruby annotations are reading aids, not words of the text: <rt> is the small reading
# set above a word ("虐待" with "ぎゃくたい" over it) and <rp> the parentheses shown
# only by browsers without ruby; inline, they would split every annotated word
# ("虐待(ぎゃくたい)をなくす" for "虐待をなくす").
INVISIBLE_TAGS = frozenset(
    "script style noscript template svg iframe object embed canvas video audio "
    "img picture input source track rt rp".split()
)
# Rendered, but page furniture: cut from the article, recorded with a reason.
# (A dict, matched in one Python walk: a 30-way Lexbor selector list costs more.)
FURNITURE_TAGS = {
    "nav": "html.nav", "menu": "html.nav", "header": "html.header", "footer": "html.footer",
    "aside": "html.sidebar", "figure": "html.caption", "figcaption": "html.caption",
    "button": "html.ui", "label": "html.ui", "select": "html.ui", "option": "html.ui",
    "textarea": "html.ui", "dialog": "html.ui", "h1": "html.headline",
}
JUNK_TAGS = INVISIBLE_TAGS | frozenset(FURNITURE_TAGS)

def _tag_ids(tags: Iterable[str]) -> frozenset:
    """Lexbor's numeric ids of ``tags``, read off a probe document.

    Comparing ``node.tag_id`` ints is cheaper than building ``node.tag``
    strings on the hottest walk (every element of the page).

    >>> len(_tag_ids({"script", "nav"}))
    2
    """
    tree = LexborHTMLParser("<body>" + "".join(f"<{t}></{t}>" for t in tags) + "</body>")
    return frozenset(n.tag_id for n in tree.body.traverse() if n.tag in tags)


_JUNK_TAG_IDS = _tag_ids(JUNK_TAGS)
_A_TAG_ID, _P_TAG_ID, _BODY_TAG_ID, _H1_TAG_ID = (next(iter(lexbor_walk.tag_ids([tag]))) for tag in ("a", "p", "body", "h1"))
_INVISIBLE_TAG_IDS = _tag_ids(INVISIBLE_TAGS)

# Elements whose end starts a new line in the output.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)

# Table cells are blocks for scoring (a cell is a paragraph) but not for lines:
# a row is rendered on one line, its cells separated by spaces, so that a row
# reads as a record ("Harbour dues | 120 | per year") and a number alone in a
# cell is not a line of its own (the rule packs cut lone numbers as like counts).
CELL_TAGS = frozenset(("td", "th"))
LINE_TAGS = BLOCK_TAGS - CELL_TAGS

# class/id vocabulary for boilerplate containers. Long, distinctive stems match
# anywhere ("commentsContainer", "sharebar"); short or ambiguous words must be a
# whole word of the label (split on separators and camelCase), so "PageBuilder"
# is not "pager" and "header-ad" is not "headerad".
NEGATIVE_STEMS = (
    "comment disqus share sharing social related promo sponsor newsletter subscri "
    "cookie caption byline breadcrumb footer masthead sidebar advert banner popup "
    "signup recommend trending popular outbrain taboola toolbar pagination "
    "copyright disclaimer dateline timestamp "
    # consent managers' dialogs ("cookie-consent", "gdpr-banner"), and the widely used managers' own names as
    # "disqus" and "taboola" above: OneTrust, Didomi, Quantcast Choice, Usercentrics, Complianz, iubenda (round 22)
    "consent gdpr onetrust didomi qc-cmp2 usercentrics cmplz iubenda "
    # wiki page chrome (MediaWiki, Fandom): infoboxes, navboxes, edit links, reference lists
    "infobox navbox editsection catlinks hatnote reflist"
).split()
NEGATIVE_WORDS = frozenset(
    "ad ads adv nav navbar menu meta hidden hide print skip modal overlay tooltip login "
    "author authors tags tag keywords credit credits rating pager more readmore "
    "gallery slideshow video photo embed widget toc references".split()
)

# The rule name a cut records, by the stem or word that matched (first match in
# the label wins): what kind of furniture the site itself says this is.
LABEL_REASONS = {
    **dict.fromkeys("comment disqus respond replies".split(), "html.comments"),
    **dict.fromkeys("share sharing social toolbar".split(), "html.share"),
    **dict.fromkeys("related recommend trending popular outbrain taboola promo more readmore".split(),
                    "html.related"),
    **dict.fromkeys("advert sponsor banner ad ads adv".split(), "html.ads"),
    **dict.fromkeys("newsletter subscri signup popup modal overlay login cookie consent gdpr onetrust didomi "
                    "qc-cmp2 usercentrics cmplz iubenda".split(), "html.promo"),
    **dict.fromkeys("caption credit credits photo gallery slideshow".split(), "html.caption"),
    **dict.fromkeys("video embed widget".split(), "html.embed"),
    **dict.fromkeys("byline author authors dateline timestamp meta".split(), "html.byline"),
    **dict.fromkeys("nav navbar menu breadcrumb pagination pager skip".split(), "html.nav"),
    **dict.fromkeys("footer copyright disclaimer masthead".split(), "html.footer"),
    "sidebar": "html.sidebar",
    **dict.fromkeys("tags tag keywords rating".split(), "html.tags"),
    **dict.fromkeys("hidden hide print tooltip".split(), "html.hidden"),
    "infobox": "html.infobox",
    **dict.fromkeys("navbox editsection catlinks hatnote toc".split(), "html.nav"),
    **dict.fromkeys("reflist references".split(), "html.references"),
}


def trie_regex(words: Iterable[str]) -> re.Pattern:
    """One regex matching any of ``words``, factored as a trie.

    Python's ``re`` tries the branches of ``a|b|c`` one by one at every
    position; sharing prefixes makes the (hot) class/id checks ~2x faster.

    >>> trie_regex(["share", "sharing", "social"]).pattern
    's(?:har(?:e|ing)|ocial)'
    >>> bool(trie_regex(["share", "sharing"]).search("post-sharing-bar"))
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie))


NEGATIVE_STEMS_RE = trie_regex(NEGATIVE_STEMS)
# Substring prefilter for NEGATIVE_WORDS: most tokens contain none of them, so
# the word split (the slow part) only runs on the rest.
_WORDS_PREFILTER_RE = trie_regex(NEGATIVE_WORDS)
# A label with a negative token is furniture unless another token says "this
# is the article": wrappers such as "article-body has-comments" must survive.
# (Close to readability's okMaybeItsACandidate. "post" and "text" are left out:
# they spared "related-posts", "post-tags" and "share-text" widgets.)
POSITIVE_RE = re.compile(r"article|body|content|entry|hentry|main|column|story|blog")
# Comment threads are removed even when large; other labels are ignored on an
# element that holds most of the page's paragraph text (a page-layout wrapper
# such as "container with-sidebar" or "non-ad-column").
HARD_NEGATIVE_RE = re.compile(r"comment|disqus|respond|replies")
# A consent manager's box is never the page's document either, however much of the page's prose its purposes
# are (a short story under a long consent text): cut when large, under its own rule (round 22).
HARD_STEMS = frozenset("consent gdpr onetrust didomi qc-cmp2 usercentrics cmplz iubenda".split())
WRAPPER_SHARE = 0.5
# Inline tags whose class/id are not worth a look: a labelled link or <b> is
# handled by the link-density and furniture checks when rendering, and these
# make up a sixth of all labelled elements (measured: no quality change). <body> and
# <html> are the page, never furniture, whatever their classes say (a site builder's
# ``<body class="header-page ...">`` was cut as html.nav and the page lost its body).
SKIP_LABEL_TAGS = frozenset("a i b em strong small time ins body html".split())

# (every match names "display" or "visibility": the compiled label walk reads a style without either word as no
# hiding, see lexbor_walk's others_say_nothing)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")

# Every stem, word and name the checks of a class/id token (``_token_flags``) look for, in one
# search: a token holding none of them has no flags. Most tokens of a page not seen before
# ("col-md-8", "wp-block-group") are new to the cache, and the eight checks cost ~3 µs each.
_LABEL_NAMES = (*NEGATIVE_STEMS, *NEGATIVE_WORDS, *POSITIVE_RE.pattern.split("|"), *HARD_NEGATIVE_RE.pattern.split("|"))
_LABEL_NAMES_RE = trie_regex(_LABEL_NAMES)
# The same names for the compiled label walk (see _judged_labels), or None when it cannot read them.
_LABEL_NAMES_BLOB = lexbor_walk.label_names_blob(_LABEL_NAMES)

# Words of a class/id: runs of capitals ("NAV", "HTML" in "HTMLParser") or an
# optional capital plus lower case/digits ("Builder", "page", "row2").
_LABEL_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")

MIN_PARA_CHARS = 25


# --------------------------------------------------------------------------- #
# Public entry point
# --------------------------------------------------------------------------- #


def extract_main_text(html: str) -> HtmlExtraction:
    """Return the article body, the page's visible text, what was cut and why, and metadata.

    The page is read once (:func:`read_page`); when that reading keeps a sliver
    of the page (:func:`doubtful`), a second, lenient one without the label cuts
    is tried and kept if it holds twice the text (see ``LENIENT_GAIN``).

    Never raises on odd input that is small enough to parse (empty string,
    plain text without a single tag, broken markup): it returns ``text=""``
    when there is no content, so the pipeline can quarantine the record.
    Nesting deeper than :data:`MAX_NESTING` is flattened first (Lexbor's tree
    builder is quadratic in depth). Raises ``ValueError`` (with the reason) for
    non-``str`` input or input larger than :data:`MAX_HTML_CHARS`.

    >>> extract_main_text("").text
    ''
    >>> extract_main_text("just words, no markup, 1 < 2").text
    ''
    >>> ex = extract_main_text("<body><nav><a href='/'>Home</a></nav><p>" + "Words, words. " * 5 + "</p></body>")
    >>> ex.visible_text.splitlines()[0], ex.removed[0].rule
    ('Home', 'html.nav')
    """
    if not isinstance(html, str):
        raise ValueError(f"extract_main_text expects str, got {type(html).__name__}")
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(
            f"HTML too large for main-content extraction: {len(html):,} chars "
            f"> MAX_HTML_CHARS={MAX_HTML_CHARS:,}"
        )
    flattened = 0
    # Lexbor parses UTF-8 bytes: encoding the page once here, as the parser does with
    # a str (errors ignored), lets the tag count run on bytes (several times faster
    # than on a str with wide characters) and the lenient reading reuse them.
    data = _page_bytes(html)
    # Depth can only exceed MAX_NESTING if there are that many tags: the cheap
    # C-level count keeps the Python depth scan off the normal path.
    if _count_byte(data, b"<") > MAX_NESTING and nesting_depth(html) > MAX_NESTING:
        html, flattened = flatten_deep_nesting(html, MAX_NESTING)
        data = _page_bytes(html)
    if not _TAG_RE.search(html):
        # Not HTML at all (no tag anywhere): there is no structure to find a
        # main block in, and guessing would pass raw text off as extracted.
        return HtmlExtraction(text="")
    # (the <head>'s long script and style bodies, read by no step, left out before the parse: see html_head_bodies)
    blanked = html_head_bodies.blank(data)
    tree = html_head_bodies.parse_page(data, blanked)
    # The queries asked before the first cut (metadata, declarations, panels' marks): one walk of the page,
    # their answers taken as they are asked, until strip_junk starts cutting (see lexbor_walk.read_together).
    lexbor_walk.read_together(tree)
    meta = extract_metadata(tree)
    if tree.body is None:
        lexbor_walk.forget_read()
        return HtmlExtraction(text="", flattened_tags=flattened, **meta)
    lines = read_page(tree)
    if doubtful(lines):
        # A second, lenient reading (trafilatura falls back to other extractors the
        # same way): its lines replace the first when it keeps twice the text, and
        # more than a cookie banner's worth.
        lenient = read_page(html_head_bodies.parse_page(data, blanked), lenient=True)
        first, second = kept_chars(lines), kept_chars(lenient)
        if second > LENIENT_GAIN * first and second - first >= LENIENT_MIN_GAIN:
            lines = lenient
    # The notes and sources that close the article are its text: see html_references.
    # (but for lines the packs' marker rules cut from the extracted text anyway: see finish_html_documents)
    lines = html_references.keep_closing_references(lines, KEEP, cut_later=marker_line)
    # A heading left at the end with its section cut ("Related articles"): see html_headings_tail.
    lines = html_headings_tail.cut_orphan_headings(lines, tree.body)
    # A mail reply's quote of the earlier message and the sender's signature: see html_mail.
    lines = html_mail.cut_quotes_and_signature(lines, KEEP)
    visible, removed = removals_of(lines)
    text = "\n".join(line for line, verdict in lines if verdict is KEEP)
    return HtmlExtraction(text=text, visible_text=visible, removed=removed, flattened_tags=flattened, **meta)


def _page_bytes(html: str) -> bytes:
    """``html.encode("utf-8", errors="ignore")``, the bytes Lexbor parses.

    In C when built: runs of 16 ASCII characters are tested and narrowed at once, where
    CPython's encoder reads a character at a time (most pages are ASCII stored two or
    four bytes a character, for one curly quote or emoji; 0.32 -> 0.14 ms a WCXB page).

    >>> _page_bytes("<p>caf\\u00e9 \\u201c\\ud800\\u201d</p>")
    b'<p>caf\\xc3\\xa9 \\xe2\\x80\\x9c\\xe2\\x80\\x9d</p>'
    """
    walker = lexbor_walk.active()
    if walker is not None:
        return walker.utf8_ignore(html)
    return html.encode("utf-8", errors="ignore")


def _count_byte(data: bytes, byte: bytes) -> int:
    """``data.count(byte)`` for a one-byte ``byte``, with numpy's vectorised compare (3x faster
    on a 170 KB page: ``bytes.count`` tests one byte at a time).

    >>> _count_byte(b"<p>a</p>", b"<"), _count_byte(b"", b"<")
    (2, 0)
    """
    walker = lexbor_walk.active()
    if walker is not None:  # (a C loop: no 170 KB array of booleans a page)
        return walker.count_byte(data, byte[0])
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == byte[0]))


def read_page(tree: LexborHTMLParser, lenient: bool = False) -> list[tuple[str, str]]:
    """Every visible line of the page's ``<body>`` with its verdict (one reading of the page)."""
    body = tree.body
    discussion = html_discussion.declares_discussion(tree)  # (read before the cuts drop <body>'s scripts)
    cuts = strip_junk(tree, lenient=lenient)
    html_gallery.captions_told_story(body, cuts)  # a photo essay's captions are its story: see html_gallery
    html_prose.restore_mislabelled(cuts)  # a "caption" or "widget" label on long prose
    html_discussion.restore_discussion(cuts, discussion)  # a forum thread's or live blog's posts: see html_discussion
    # Pages that are not articles (service, listing, docs): see html_sections.
    article = html_sections.declares_article(tree)
    # A rail of teasers merged beside the main block is not the page: see html_rails.
    # A gallery of captions spared as a wrapper does not beat the story beside it: see html_gallery.
    picked = html_gallery.story_over_gallery(body, best_container(body, cuts), cuts, article)
    # Readers' comments under a neutral label, chosen or after the story: see html_comment_section.
    # (both steps open with the same gate, answered_posts, a walk over every link; asked once here: when it
    # says no, neither step can act, and nothing changes the tree between them; ~99 % of real pages)
    if not discussion and picked and html_comment_section.answered_posts(body, cuts):
        picked = html_comment_section.story_over_posts(body, picked, cuts, discussion)
        html_comment_section.cut_posts_after(picked, body, cuts, discussion)
    chosen = html_sections.widen_to_main_column(html_rails.without_rails(picked), article, cuts)
    chosen = chosen + html_standfirst.named_leads(chosen)  # a "lead"/"intro" block before the body
    # Readers' posts under a box to write one, beside the story inside a chosen block: see html_guestbook.
    html_guestbook.cut_readers_posts(chosen, cuts, _cut)
    html_mail.cut_quoted_blocks(chosen, cuts, _cut)  # a mail reply's quote of the earlier message
    html_mail.cut_repeated_quotes(chosen, cuts, _cut)  # a forum reply's quote of a post the thread shows
    for node in _microdata_bylines(chosen):  # a credit line marked with schema.org's author / date properties
        _cut(node, "html.byline", cuts)
    for block in chosen:  # a chart's labels placed over its image: see html_chart_labels
        html_chart_labels.cut_chart_labels(block, cuts, _cut)
    html_label_links.cut_label_links(chosen, cuts, _cut)  # "Related: <a>headline</a>" in any language
    chosen = html_next_stories.cut_appended_stories(body, chosen, cuts, _cut)  # an infinite scroll's next stories
    lines = render_page(body, chosen, cuts)
    # A choice holding a sliver of the page's prose gets a second opinion: see html_prose.
    cover = html_prose.second_opinion(body, chosen, lines, article)
    # (not when a rail of teasers beside the choice is what the cover gains: see html_rails)
    if cover is not None and not html_rails.cover_won_by_rails(body, chosen, cover, article):
        chosen = cover
        lines = render_page(body, chosen, cuts)
    # A list whose items are sentences written around their links is the story: see html_link_sentences.
    lines = html_link_sentences.give_back_link_sentences(lines, chosen, KEEP)
    # A button repeated through the choice ("Buy on Amazon" after each product): see html_listings.
    lines = html_listings.repeated_buttons(lines, chosen)
    if not article:
        # A list around the choice, or cards inside it, are kept whole: see html_listings.
        lines = html_listings.listing_lines(body, chosen, cuts, lines, lenient)
    # A choice holding a small part of the text the scoring decided on: readability's opinion, see html_fallback.
    return html_fallback.second_opinion(tree, cuts, lines, chosen)


# The first reading is doubtful when it keeps at most this share of the page's
# visible text; the lenient reading must then keep LENIENT_GAIN times as much,
# and LENIENT_MIN_GAIN characters more (two sentences: not a cookie notice).
DOUBTFUL_SHARE = 0.1
LENIENT_GAIN = 2.0
LENIENT_MIN_GAIN = 250


def kept_chars(lines: list[tuple[str, str]]) -> int:
    return sum(len(line) for line, verdict in lines if verdict is KEEP)


def doubtful(lines: list[tuple[str, str]]) -> bool:
    """True when the article kept is a sliver of what the page shows (or all of it was cut).

    The label and tag cuts of :func:`strip_junk` are right on most pages, but a
    page builder can wrap every paragraph in a "widget" (Elementor), a
    streaming renderer can park the whole article in a ``hidden`` element until
    a script moves it (React's ``<div hidden id="S:0">``), a site can put its
    article in a ``<header>``. Then the reading keeps almost nothing.

    >>> doubtful([("Home", "html.nav"), ("A long article paragraph.", KEEP)]), doubtful([("Home", "html.nav")])
    (False, True)
    """
    kept = kept_chars(lines)
    return kept <= DOUBTFUL_SHARE * sum(len(line) for line, _ in lines)


def removals_of(lines: list[tuple[str, str]]) -> tuple[str, list[Removal]]:
    """The visible text (each line ending in a newline) and one Removal per run of cut lines.

    >>> text, removed = removals_of([("Home", "html.nav"), ("News", "html.nav"), ("Body.", KEEP)])
    >>> text, removed[0]
    ('Home\\nNews\\nBody.\\n', Removal(start=0, end=10, rule='html.nav', text='Home\\nNews\\n'))
    """
    parts: list[str] = []
    runs: list[tuple[int, int, str]] = []  # (start, end, rule); their text is cut once the whole is joined
    pos = 0
    run_start, run_rule = 0, None
    for line, verdict in lines:
        rule = None if verdict is KEEP else verdict
        if rule != run_rule:
            if run_rule is not None:
                runs.append((run_start, pos, run_rule))
            run_start, run_rule = pos, rule
        parts.append(line)
        parts.append("\n")
        pos += len(line) + 1
    if run_rule is not None:
        runs.append((run_start, pos, run_rule))
    visible = "".join(parts)
    return visible, [Removal(start, end, rule, visible[start:end]) for start, end, rule in runs]


_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# Void elements never nest; the others are closed implicitly by their next
# sibling in real pages, so counting them would overstate the depth.
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li td th tr dt dd option".split()
)
_FLAT_TAG_NAMES = tuple(sorted(_FLAT_TAGS))  # (for the compiled scan)


def nesting_depth(html: str) -> int:
    """Approximate maximum element nesting depth, from a regex tag scan.

    >>> nesting_depth("<div><div><p>a<br></div></div><div></div>")
    2
    """
    walker = lexbor_walk.active()
    if walker is not None:  # the same scan in C (a Python loop over every tag was ~5-9 % of big pages' time)
        return walker.tag_depth(html, _FLAT_TAG_NAMES)
    return _nesting_depth_python(html)


def _nesting_depth_python(html: str) -> int:
    """The twin of ``_lexbor_walk.tag_depth``: :func:`nesting_depth` by ``_TAG_RE``."""
    depth = deepest = 0
    for m in _TAG_RE.finditer(html):
        closing, name, selfclosing = m.groups()
        if selfclosing or name.lower() in _FLAT_TAGS:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten_deep_nesting(html: str, limit: int) -> tuple[str, int]:
    """Drop the tags that open (or close) an element deeper than ``limit`` levels.

    Text is kept: only markup below the limit goes, so an absurdly nested page
    (a 9 MB tower of ``<div>``) still parses in linear time and gives its text.

    >>> flatten_deep_nesting("<div><div><div><p>deep</p></div></div></div>", 2)
    ('<div><div><p>deep</p></div></div>', 2)
    """
    out: list[str] = []
    depth = dropped = last = 0
    for m in _TAG_RE.finditer(html):
        closing, name, selfclosing = m.groups()
        if selfclosing or name.lower() in _FLAT_TAGS:
            continue
        if closing:
            drop = depth > limit
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > limit
        if drop:
            out.append(html[last:m.start()])
            last = m.end()
            dropped += 1
    out.append(html[last:])
    return "".join(out), dropped


# --------------------------------------------------------------------------- #
# Metadata
# --------------------------------------------------------------------------- #


# The <head> is small, so its query is cheap; the <body> (a walk over the
# whole page) is only queried for what the head did not provide.
_HEAD_SELECTOR = 'meta,title,link[rel="canonical"],script[type="application/ld+json"]'
_BODY_SELECTOR = ('meta,h1,[itemprop="author"],[rel="author"],[itemprop="datePublished"],'
                  'time[datetime],script[type="application/ld+json"]')
# (each answered by one C walk when built: see lexbor_walk.Query)
_HEAD_QUERY, _BODY_QUERY = lexbor_walk.Query(_HEAD_SELECTOR), lexbor_walk.Query(_BODY_SELECTOR)
# (read with the page's other first queries in one walk: see lexbor_walk.read_together)
lexbor_walk.read_first(_HEAD_QUERY, "head"), lexbor_walk.read_first(_BODY_QUERY, "body")
_TITLE_KEYS = ("og:title", "twitter:title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publish-date",
              "dc.date.issued", "dc.date", "parsely-pub-date", "sailthru.date", "og:published_time")


def _clean(value: Optional[str]) -> Optional[str]:
    """Whitespace-normalised value, or None when empty."""
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _first(*values: Optional[str]) -> Optional[str]:
    return next((v for v in values if v), None)


def extract_metadata(tree: LexborHTMLParser) -> dict:
    """Title, byline, published date, canonical URL and ``<html lang>``.

    Priorities: title = og/twitter title > ``<title>`` > first ``<h1>``;
    byline = meta author (not a URL) > JSON-LD ``author.name`` > itemprop=author
    (its ``name`` if nested) > rel=author; published = meta dates > JSON-LD
    ``datePublished`` > itemprop=datePublished > first ``<time datetime>``;
    url = ``<link rel="canonical">`` > og:url, absolute http(s) only (a relative
    canonical says nothing without the address the page was fetched from).
    Values are returned as found (no date parsing here).

    >>> t = LexborHTMLParser('<html lang="de"><head><meta property="og:title" content="Hi">'
    ...     '<meta name="author" content="A. B."><meta property="article:published_time" '
    ...     'content="2019-11-18T10:00:00Z"><link rel="canonical" href="https://x.test/a">'
    ...     '</head><body></body></html>')
    >>> extract_metadata(t)
    {'title': 'Hi', 'byline': 'A. B.', 'published': '2019-11-18T10:00:00Z', 'url': 'https://x.test/a', 'lang': 'de'}
    """
    metas: dict[str, str] = {}
    found: dict[str, Optional[str]] = {}
    head, body = tree.head, tree.body
    if head is not None:
        _scan_metadata(_HEAD_QUERY.select(head), metas, found)
    result = _pick_metadata(metas, found)
    if body is not None and not (result["title"] and result["byline"] and result["published"]):
        _scan_metadata(_BODY_QUERY.select(body), metas, found)
        result = _pick_metadata(metas, found)
    root = tree.root
    if root is not None and root.tag == "html":
        result["lang"] = _clean(root.attributes.get("lang"))
    return result


def _scan_metadata(nodes: Iterable[LexborNode], metas: dict, found: dict) -> None:
    """Record every metadata source among ``nodes`` (first value of each kind wins).

    (A value is read only while its kind is still missing: ``node.text()`` of every
    ``<h1>`` of a page that uses them for section headings is not built for nothing.)
    """
    for node in nodes:
        tag, attrs = node.tag, node.attributes
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and key not in metas:
                content = _clean(attrs.get("content"))
                if content:
                    metas[key] = content
        elif tag == "script":
            if "jsonld_date" not in found or "jsonld_author" not in found:
                for key, value in jsonld_fields(node.text() or "").items():
                    found.setdefault(key, value)
        elif tag in ("title", "h1"):
            if tag not in found:
                found[tag] = _clean(node.text())
        elif tag == "link":
            if "canonical" not in found:
                found["canonical"] = _clean(attrs.get("href"))
        else:
            prop, rel = attrs.get("itemprop") or "", attrs.get("rel") or ""
            if prop == "author" and "itemprop_author" not in found:
                name = node.css_first('[itemprop="name"]')
                found["itemprop_author"] = _clean((name or node).text())
            elif prop == "datePublished":
                if "itemprop_date" not in found:
                    found["itemprop_date"] = _clean(attrs.get("datetime") or attrs.get("content"))
                    # its text, the last resort when no element carries a machine-readable date: "Posted: <span
                    # itemprop=datePublished>Fri 6:45 PM, Feb 16, 2018</span>" (a credit line cut whole as html.byline)
                    found["itemprop_date_text"] = _clean(node.text())
            elif "author" in rel.split():
                if "rel_author" not in found:
                    found["rel_author"] = _clean(node.text())
            elif tag == "time":
                if "time" not in found:
                    found["time"] = _clean(attrs.get("datetime"))


def _pick_metadata(metas: dict, found: dict) -> dict:
    """Apply the priorities of :func:`extract_metadata` to what was scanned."""
    author = _first(*(metas.get(k) for k in _AUTHOR_KEYS))
    if author and author.startswith(("http://", "https://", "/")):
        author = None  # article:author is often a profile URL, not a name
    return {
        "title": _first(*(metas.get(k) for k in _TITLE_KEYS), found.get("title"), found.get("h1")),
        "byline": _first(author, found.get("jsonld_author"), found.get("itemprop_author"),
                         found.get("rel_author")),
        "published": _first(*(metas.get(k) for k in _DATE_KEYS), found.get("jsonld_date"),
                            found.get("itemprop_date"), found.get("time"), found.get("itemprop_date_text")),
        "url": _first(*(url for url in (found.get("canonical"), metas.get("og:url"))
                        if url and url.lower().startswith(("http://", "https://")))),
        "lang": None,
    }


_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def jsonld_fields(text: str) -> dict:
    """``jsonld_date``/``jsonld_author`` from one JSON-LD block (bad JSON: ``{}``).

    The first object (depth-first, ``@graph`` included) with ``datePublished``
    gives the date; the first with ``author`` gives the names, joined by ", ".

    >>> jsonld_fields('{"@graph": [{"@type": "NewsArticle", "datePublished": "2019-11-18",'
    ...               ' "author": [{"@type": "Person", "name": "A. B."}, {"name": "C. D."}]}]}')
    {'jsonld_date': '2019-11-18', 'jsonld_author': 'A. B., C. D.'}
    >>> jsonld_fields('{not json, "datePublished": "2019-11-18"')
    {'jsonld_date': '2019-11-18'}
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        # Hand-written JSON-LD is often invalid (trailing commas, raw newlines);
        # the date is still worth a regex.
        m = _JSONLD_DATE.search(text)
        return {"jsonld_date": m.group(1)} if m else {}
    out: dict = {}
    stack = [data]
    while stack and len(out) < 2:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            date = item.get("datePublished")
            if isinstance(date, str) and "jsonld_date" not in out:
                out["jsonld_date"] = _clean(date)
            if "author" in item and "jsonld_author" not in out:
                names = _author_names(item["author"])
                if names:
                    out["jsonld_author"] = ", ".join(names)
            stack.extend(v for v in reversed(list(item.values())) if isinstance(v, (list, dict)))
    return {k: v for k, v in out.items() if v}


def _author_names(value) -> list[str]:
    """Names from a JSON-LD author value: a string, an object with name, or a list."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _clean(name) and not name.startswith(("http://", "https://")):
            names.append(_clean(name))
    return names


# --------------------------------------------------------------------------- #
# Cleaning
# --------------------------------------------------------------------------- #


Cuts = dict  # mem_id of a placeholder text node -> (cut element, rule name, placeholder)


def strip_junk(tree: LexborHTMLParser, lenient: bool = False) -> Cuts:
    """Take never-content tags and boilerplate-labelled elements out of the tree.

    Invisible elements (script, style, ``hidden``, ``display:none`` ...) are
    simply dropped. Visible furniture is *cut*: unlinked with its subtree
    intact, and a one-space text node put in its place, so that the renderer
    can still show the cut text, at its place in the page, with its rule.
    Returns those cuts, keyed by the placeholder's ``mem_id``.

    >>> t = LexborHTMLParser('<body><div class="share-bar">x</div><div class="post-body">'
    ...     '<p>keep</p><div id="comments">y</div></div><script>z</script></body>')
    >>> cuts = strip_junk(t); t.body.html
    '<body> <div class="post-body"><p>keep</p> </div></body>'
    >>> sorted(rule for _, rule, _ in cuts.values())
    ['html.comments', 'html.share']
    """
    cuts: Cuts = {}
    body = tree.body
    if body is None:
        return cuts
    # Only <body> matters from here on; metadata has already been read.
    panels = html_panels.PanelFinder(body)  # (before the cuts below take the panels' buttons away)
    lexbor_walk.forget_read()  # (the tree changes from here: nothing read ahead of it holds; see extract_main_text)
    for node in panels.posts_panels:  # a shown Reviews or Questions panel: see html_posts
        _cut(node, html_panels.POSTS_VERDICT[1], cuts)
    if len(_JUNK_TAG_IDS) == len(JUNK_TAGS):
        # Never-rendered elements holding no text (every <img> and <input>, empty scripts and icons: half
        # the junk of a real page) go first, without a node object each: no length measured below, nor
        # any text later, changes (see lexbor_walk.drop_bare). Not one holding an element the loop below
        # reads (a furniture tag: an <h1> counted, a button cut with a placeholder; a table or listing a
        # <figure> around it is judged by). The others are cut one by one below.
        # (then the junk elements left, in the same walk when built: a node object per junk element only)
        junk = lexbor_walk.drop_bare_then_tags(body, _LENIENT_INVISIBLE_TAG_IDS if lenient else _INVISIBLE_TAG_IDS,
                                               _READ_BY_JUNK_LOOP, _JUNK_TAG_IDS)
        h1s = [n for n in junk if n.tag_id == _H1_TAG_ID]  # (an int compare: no tag name built per element)
        if len(h1s) >= MANY_H1:
            # Pages that use <h1> for their section headings: only the first is the headline.
            junk = [n for n in junk if n.tag_id != _H1_TAG_ID or n.mem_id == h1s[0].mem_id]
        page = _PageShare(body)
        for node in junk:
            tag = node.tag  # (built once: ~185 junk elements a page)
            if lenient and tag in LENIENT_KEEPS_TAGS:
                continue
            if tag in WRAPPER_TAGS and page.holds_most(node):
                continue
            if tag == "figure" and _figure_of_data(node):
                continue  # (its <figcaption> is cut on its own)
            if tag == "button" and _heading_button(node):
                continue  # (an accordion's header: the heading's text is its button's)
            _cut(node, None if node.tag_id in _INVISIBLE_TAG_IDS else FURNITURE_TAGS[tag], cuts)
    else:  # pragma: no cover - a Lexbor build that parses the probe differently
        for node in [n for n in body.traverse() if n.tag in JUNK_TAGS]:
            _cut(node, FURNITURE_TAGS.get(node.tag), cuts)
    total, wrappers, judged = _label_reading(body)
    for node, verdict in judged:  # (SKIP_LABEL_TAGS left out; those whose label says furniture)
        strength, rule = verdict
        if rule in html_panels.HIDING_RULES:
            # a closed accordion or tab panel is judged as if shown, hidden chrome by its label: see html_panels
            verdict = panels.judge(node, verdict, attrs_verdict, cuts)
            if verdict is None:
                continue
            strength, rule = verdict
        if lenient and strength != "hard":
            continue
        if strength != "invisible" and wrappers and node.mem_id in wrappers:
            continue
        # A layout wrapper around the article is not furniture. The C-level
        # text length bounds the paragraph text, so small nodes skip the count.
        if strength == "soft" and _text_chars(node) > WRAPPER_SHARE * total \
                and _para_chars(node) > WRAPPER_SHARE * total:
            continue
        if strength == "soft" and node.tag not in BLOCK_TAGS and (in_running_text(node)
                                                                 or html_flow.holds_formula(node)):
            continue
        if strength == "soft" and html_headings.named_after_heading(node):  # a docs section's anchor id
            continue
        _cut(node, None if strength == "invisible" else rule, cuts)
    return cuts


def _label_reading(body: LexborNode) -> tuple[int, set[int], Iterator[tuple[LexborNode, Verdict]]]:
    """``(_para_chars(body) or 1, article_wrappers(body), _judged_labels(body))``: what strip_junk weighs its
    label cuts with (the page's paragraph text, the wrappers of its semantic marks) and the labels, read
    at one state of the tree; in ONE compiled walk when built (three before: each whole-page walk cost
    ~0.12-0.2 ms of a WCXB page, its nodes read from memory whatever it looked for).

    >>> t = LexborHTMLParser('<body><div class="share-bar"><main><p>Words here.</p></main></div></body>')
    >>> total, wrappers, judged = _label_reading(t.body)
    >>> total, t.css_first("div").mem_id in wrappers, [(n.tag, v) for n, v in judged]
    (11, True, [('div', ('soft', 'html.share'))])
    """
    walker = _compiled_renderer()
    if walker is None or not lexbor_walk.queries_built() or _LABEL_NAMES_BLOB is None:
        return _para_chars(body) or 1, article_wrappers(body), _judged_labels(body)
    # (with the label reading of label_verdict: the rows of new ASCII labels without a verdict are left out
    # in C, and their labels cached as None, ~40 of a cold WCXB page's ~140 rows; with the roles parts_verdict
    # reads: an element whose role, hidden, style and aria-hidden can say nothing is read as one with a class
    # and an id alone, ~60 of a WCXB page's ~65 rows with other attributes)
    rows, marks, paras = walker.labels_marks_paras(
        body, _JUDGED_LABELS.alternatives, _JUDGED_LABELS.skip_ids, _LABEL_CACHE, _LABEL_NAMES_BLOB,
        _SEMANTIC_MARKS.alternatives, _SEMANTIC_MARKS.skip_ids, _P_TAG_ID,
        (_LABEL_NAME_INFO, _FUNCTION_WORDS_BLOB, ELEMENT_NAMES, _COMMENTS_RULE, CACHE_LIMIT, _JUDGED_ROLES_BLOB))
    return paras or 1, _wrappers_of_marks(marks), _verdicts_of_rows(body, rows)


_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def _heading_button(node: LexborNode) -> bool:
    """True when ``node`` (a ``<button>``) holds the whole text of the heading around it.

    WAI-ARIA's accordion pattern, Bootstrap's and most FAQ plugins' write each question as
    ``<h3><button aria-expanded="false">What does it cost?</button></h3>`` above its panel:
    the button is the heading's text, the panel's title, not a control's label ("Menu",
    "Subscribe"). Cut as ``html.ui`` it took every question of an accordion FAQ with it
    (WCXB's gold and trafilatura keep them).

    >>> t = LexborHTMLParser("<h3><button>Who can apply?</button></h3><p><button>Apply</button> now</p>"
    ...                      "<h3>Fees <button>Show</button></h3>")
    >>> [_heading_button(b) for b in t.css("button")]
    [True, False, False]
    """
    parent = node.parent
    if parent is None or not (parent.tag in _HEADING_TAGS or parent.attributes.get("role") == "heading"):
        return False
    text = node.text(strip=True)
    return bool(text) and text == parent.text(strip=True)


def _figure_of_data(node: LexborNode) -> bool:
    """True when a ``<figure>`` holds a table or a code listing: the document's data, not a picture's caption.

    A paper's results table, a report's figures in rows, a manual's listing are set in a ``<figure>``
    under a ``<figcaption>`` ("Table 2: Accuracy per model"); the figure is spared and only its caption
    is cut (trafilatura keeps tables; our golds keep a paper's table cells, round 16).

    >>> t = LexborHTMLParser("<figure id='a'><figcaption>Table 1</figcaption><table><tr><td>0.91</td></tr></table></figure>"
    ...                      "<figure id='b'><img src='x.jpg'><figcaption>The quay at dawn.</figcaption></figure>")
    >>> _figure_of_data(t.css_first("#a")), _figure_of_data(t.css_first("#b"))
    (True, False)
    """
    return node.css_first("table,pre") is not None


# schema.org properties that mark a story's credit line: who wrote it and when.
_CREDIT_PROPS = ("author", "creator", "datePublished", "dateModified", "dateCreated", "publisher")
_CREDIT_QUERY = ",".join(f'[itemprop="{prop}"]' for prop in _CREDIT_PROPS)
_CREDIT_MARKS = lexbor_walk.Query(_CREDIT_QUERY)  # (one C walk when built: css() parses its selector each call)
BYLINE_MAX_CHARS = 250  # a byline is a line or two; an author box with a biography is longer
BYLINE_OTHER_CHARS = 40  # text outside the marked properties: "|", "•", "Par", "Mis à jour le"


def _microdata_bylines(chosen: list[LexborNode]) -> list[LexborNode]:
    """The blocks inside the chosen ones that hold nothing but a story's credit line marked with schema.org properties.

    ``<p class="bloc_signature"><span itemprop="publisher">Le Monde</span> | <time
    itemprop="datePublished">04.05.2015</time> | Par <span itemprop="author">M. U.</span></p>``:
    the site says what each part is, whatever its class is called (a label in the site's own
    language, "signature", "auteur", names no furniture word). The block around the marked
    parts (the nearest block element, at most two levels up) is cut as ``html.byline`` when it
    is short and the text outside the marked parts is separators and a word or two.

    >>> t = LexborHTMLParser("<body><p class='sig'><span itemprop='publisher'>Le Monde</span> | <time "
    ...     "itemprop='datePublished'>04.05.2015</time> | Par <span itemprop='author'>Martin U.</span></p>"
    ...     "<p>Story words, <span itemprop='author'>she</span> said, and more of the story's words here.</p></body>")
    >>> [n.attributes.get("class") for n in _microdata_bylines([t.body])]
    ['sig']

    (Looked for in the chosen blocks only, after the choice: a walk over the whole page cost
    ~7 % of the extraction's time; the credit lines that matter are those the choice keeps.)
    """
    marks = [mark for node in chosen for mark in _CREDIT_MARKS.select(node)]
    if not marks:
        return []
    out, seen = [], set()
    for mark in marks:
        block = mark
        for _ in range(3):
            if block.tag in BLOCK_TAGS:
                break
            block = block.parent
            if block is None:
                break
        if block is None or block.tag in ("body", "html", "article", "main") or block.mem_id in seen:
            continue
        seen.add(block.mem_id)
        text = block.text(strip=True)
        if not text or len(text) > BYLINE_MAX_CHARS:
            continue
        marked = sum(len(m.text(strip=True)) for m in _CREDIT_MARKS.select(block)
                     if not any(a.mem_id != m.mem_id and a.attributes.get("itemprop") in _CREDIT_PROPS
                                for a in _ancestors_within(m, block)))
        if len(text) - marked <= BYLINE_OTHER_CHARS and marked > 0:
            out.append(block)
    return [node for node in out if not any(other is not node and _contains(other, node) for other in out)]


def _ancestors_within(node: LexborNode, stop: LexborNode) -> list[LexborNode]:
    """``node``'s ancestors below ``stop``."""
    out, node = [], node.parent
    while node is not None and node.mem_id != stop.mem_id:
        out.append(node)
        node = node.parent
    return out


def _contains(outer: LexborNode, inner: LexborNode) -> bool:
    node = inner.parent
    while node is not None:
        if node.mem_id == outer.mem_id:
            return True
        node = node.parent
    return False


LABEL_SELECTOR = '[class],[id],[role],[aria-hidden],[hidden],[style*="none"],[style*="hidden"]'
# The labelled elements strip_junk judges: not the inline tags of SKIP_LABEL_TAGS, left out
# by Lexbor (a fifth of the labelled elements of real pages are such links and spans,
# which cost a Python node each only to be skipped); one match per element.
_JUDGED_LABEL_SELECTOR = f":is({LABEL_SELECTOR}):not({','.join(sorted(SKIP_LABEL_TAGS))})"


_JUDGED_LABELS = lexbor_walk.Query(LABEL_SELECTOR, skip=SKIP_LABEL_TAGS)


def _judged_labels(body: LexborNode) -> Iterator[tuple[LexborNode, Verdict]]:
    """``(element, verdict)`` of the elements of :func:`_labelled_elements` whose label says furniture
    (:func:`attrs_verdict` not None), in page order.

    With the compiled walker, one C walk reads every element's class, id and hiding attributes
    (no attribute dict, no node object), and a node object is made only for the elements with a
    verdict (about one labelled element in ten on real pages).

    >>> t = LexborHTMLParser('<body><div class="share-bar">x</div><div class="post-body">y</div><p hidden>z</p></body>')
    >>> [(n.tag, verdict) for n, verdict in _judged_labels(t.body)]
    [('div', ('soft', 'html.share')), ('p', ('invisible', 'html.invisible'))]
    """
    # (rows whose label is known to say nothing left out, and rows whose ASCII label holds none of the
    # names label_verdict looks for: no string made for them in C)
    rows = _JUDGED_LABELS.labels(body, quiet=_LABEL_CACHE, names=_LABEL_NAMES_BLOB)
    if rows is None:  # the Python twin
        for node in _labelled_elements(body):
            verdict = attrs_verdict(node.attributes)
            if verdict is not None:
                yield node, verdict
        return
    yield from _verdicts_of_rows(body, rows)


def _verdicts_of_rows(body: LexborNode, rows: list[tuple]) -> Iterator[tuple[LexborNode, Verdict]]:
    """:func:`_judged_labels` from the compiled label walk's rows (``Query.labels`` with the label cache and
    the names), in page order."""
    walker = lexbor_walk.active()
    cache = _LABEL_CACHE
    for address, cls, ident, extra in rows:
        if extra is None:
            # (parts_verdict with extra None, inlined: the label, its cached verdict, else
            # label_verdict's, cached; a call less for each of the ~160 rows of a new WCXB page)
            label = f"{cls} {ident}" if cls and ident else cls or ident
            if not label:
                continue
            verdict = cache.get(label, False)
            if verdict is False:
                verdict = _new_label_verdict(label)
        else:
            verdict = parts_verdict(cls, ident, extra)
        if verdict is not None:
            yield walker.node_at(body, address), verdict


def _labelled_elements(body: LexborNode) -> list[LexborNode]:
    """Every element under ``body`` with a class, id, role or hiding attribute, each once, in page order,
    but those whose tag is in ``SKIP_LABEL_TAGS`` (never judged by their label).

    Lexbor returns an element once *per selector it matches*: an element with a class
    and an id came twice, was cut twice, and its second placeholder lay outside the
    page; when the long-prose rescue put it back it went to that stray placeholder and
    was lost from the text (round 9's FAQ answers hidden by ``aria-hidden``).

    >>> t = LexborHTMLParser('<body><div class="a" id="b" aria-hidden="true">x</div><a class="z">l</a><p id="c">y</p></body>')
    >>> [n.tag for n in _labelled_elements(t.body)]
    ['div', 'p']
    """
    return html_queries.once_each(body.css(_JUDGED_LABEL_SELECTOR))


def in_running_text(node: LexborNode) -> bool:
    """True when an inline element sits between words of its parent's own text.

    A widget (menu, share bar, credit) is a block of its own; an inline element
    with text right before or after it is part of a sentence, whatever its
    class says (MathJax's ``CtxtMenu_Attached`` formulas, a ``<span
    class="author-name">`` in "written by <span>…</span> last year").

    >>> t = LexborHTMLParser('<p>When <span class="menu">a = 0</span>, we stop.</p><div><span class="menu">Home</span></div>')
    >>> [in_running_text(n) for n in t.css("span")]
    [True, False]
    """
    for sibling in (node.prev, node.next):
        if sibling is not None and sibling.tag == "-text" and (sibling.text_content or "").strip():
            return True
    return False


def article_wrappers(body: LexborNode) -> set[int]:
    """``mem_id`` of every ancestor of the page's semantic article markup.

    ``<main>``, ``role="main"``, ``itemprop="articleBody"`` and the page's only
    ``<article>`` say where the content is in the site's own words: an element
    around them is a layout wrapper whatever its classes say (utility-class
    soup such as ``modal-open_D(b)`` on a Yahoo page's article column).

    >>> t = LexborHTMLParser('<body><div id="x" class="modal"><article><p>a</p></article></div></body>')
    >>> t.css_first("#x").mem_id in article_wrappers(t.body)
    True
    """
    # (one walk for both queries, told apart by tag: see html_queries. An <article> that is also
    # a mark by its role or itemprop comes once, and counts as both, as with two queries.)
    return _wrappers_of_marks(_SEMANTIC_MARKS.select(body, once=True))


def _wrappers_of_marks(found: list[LexborNode]) -> set[int]:
    """:func:`article_wrappers` from what ``_SEMANTIC_MARKS.select(body, once=True)`` found."""
    articles = [node for node in found if node.tag == "article"]
    marks = [node for node in found if node.tag != "article" or _marks_main(node.attributes)]
    if len(articles) == 1:
        marks.append(articles[0])
    out: set[int] = set()
    for mark in marks:
        node = mark.parent
        while node is not None and node.mem_id not in out:
            out.add(node.mem_id)
            node = node.parent
    return out


_SEMANTIC_MARKS = lexbor_walk.Query('main,[role="main"],[itemprop="articleBody"],article')


def _marks_main(attrs: dict) -> bool:
    """What ``[role="main"],[itemprop="articleBody"]`` test (Lexbor compares both values exactly)."""
    return attrs.get("role") == "main" or attrs.get("itemprop") == "articleBody"


# Furniture tags that sites also use as the page's layout boxes: one that holds most
# of the page's paragraph text is a wrapper (see _PageShare.holds_most).
WRAPPER_TAGS = frozenset(("header", "aside"))
MIN_WRAPPER_CHARS = 200  # and has at least this much text (a short paragraph)


class _PageShare:
    """Whether an element holds most of the page's paragraph text (computed on first use).

    The page's total is only needed when a furniture tag is big, which few are.
    """

    def __init__(self, body: LexborNode):
        self.body = body
        self._text = self._paras = None

    def holds_most(self, node: LexborNode) -> bool:
        """True when ``node`` holds over ``WRAPPER_SHARE`` of the page's text and of its ``<p>`` text.

        Sites write their whole article inside a ``<header class="post-content">``
        or an ``<aside>`` that a missing end tag left open around the page; cut as
        furniture, the page reads as empty.

        >>> t = LexborHTMLParser("<body><nav>Home</nav><header><p>" + "Words, words. " * 20 + "</p></header></body>")
        >>> _PageShare(t.body).holds_most(t.css_first("header")), _PageShare(t.body).holds_most(t.css_first("nav"))
        (True, False)
        """
        own = _text_chars(node)
        if own < MIN_WRAPPER_CHARS:  # a site header or a sidebar of links: no need to measure the page
            return False
        if self._text is None:
            self._text = _text_chars(self.body)
        if own <= WRAPPER_SHARE * self._text:
            return False
        if self._paras is None:
            self._paras = _para_chars(self.body)
        return _para_chars(node) > WRAPPER_SHARE * self._paras


# The second, lenient reading of a page (see :func:`extract_main_text`) keeps these
# wrappers: sites put whole articles in a <header>, and script-drawn pages (Discourse
# forums) show their content only in the <noscript> crawler view.
LENIENT_KEEPS_TAGS = frozenset(("header", "noscript"))
_LENIENT_INVISIBLE_TAG_IDS = _tag_ids(INVISIBLE_TAGS - LENIENT_KEEPS_TAGS)  # (what the lenient reading drops unseen)
# Elements strip_junk's junk loop reads inside the never-rendered ones it drops: its furniture tags, and what
# _figure_of_data looks for (an element holding one is not dropped early: see lexbor_walk.drop_bare).
_READ_BY_JUNK_LOOP = _tag_ids(frozenset(FURNITURE_TAGS) | {"table", "pre"})
MANY_H1 = 3  # this many <h1> on a page: they are section headings, not one headline


def _cut(node: LexborNode, rule: Optional[str], cuts: Cuts) -> None:
    """Unlink ``node`` (children kept); leave a placeholder when its text is visible (see lexbor_walk.cut)."""
    placeholder = lexbor_walk.cut(node, rule is not None)
    if placeholder is not None:
        cuts[placeholder.mem_id] = (node, rule, placeholder)


def _text_chars(node: LexborNode) -> int:
    """``len(node.text())`` (in C when built: without building the string)."""
    walker = _compiled_renderer()
    return len(node.text()) if walker is None else walker.raw_text_length(node)


def _para_chars(node: LexborNode) -> int:
    """Characters of paragraph text below ``node`` (the wrapper-safety measure)."""
    walker = _compiled_renderer()
    if walker is not None:  # the same sum in C, without a node object per paragraph
        return walker.text_length(node, _P_TAG_ID)
    return sum(len(p.text(strip=True)) for p in node.css("p"))


def label_words(label: str) -> set[str]:
    """Lower-cased words of a class/id string, split on separators and camelCase.

    >>> sorted(label_words("PageBuilder-pageRow nav_menu"))
    ['builder', 'menu', 'nav', 'page', 'row']
    """
    return {w.lower() for w in _LABEL_WORD.findall(label)}


# WAI-ARIA roles of the panels of tabs and accordions (the APG patterns): their
# content is the page's, shown a panel at a time, and hidden until clicked.
PANEL_ROLES = html_panels.PANEL_ROLES  # ("tabpanel", "region")
_ROLE_REASONS = {"navigation": "html.nav", "complementary": "html.sidebar", "contentinfo": "html.footer",
                 "banner": "html.header", "dialog": "html.ui", "alertdialog": "html.ui", "alert": "html.ui"}
MODAL_ROLES = frozenset(("dialog", "alertdialog"))
# The roles parts_verdict gives a verdict for, for the compiled label walk: an element with none of them, no
# hiding attribute or style (see _HIDDEN_STYLE_RE) and aria-hidden not "true" is judged by its label alone (a
# panel's role only spares hiding, which the walk leaves to parts_verdict anyway).
_JUDGED_ROLES_BLOB = b"\0".join(sorted(role.encode() for role in _ROLE_REASONS))

# Verdicts: "hard" (comment threads: cut even when large), "soft" (cut unless the
# element holds most of the page's text), "invisible" (not rendered by a browser:
# not part of the visible text at all).
Verdict = tuple[str, str]  # (strength, rule name)
_INVISIBLE: Verdict = ("invisible", "html.invisible")


def attrs_verdict(attrs: dict) -> Optional[Verdict]:
    """``(strength, rule)`` when class/id/role/hiding attributes mark furniture, else None.

    >>> attrs_verdict({"class": "share-bar"}), attrs_verdict({"role": "navigation"})
    (('soft', 'html.share'), ('soft', 'html.nav'))
    >>> attrs_verdict({"style": "display: none"}), attrs_verdict({"class": "post-body"})
    (('invisible', 'html.invisible'), None)
    >>> attrs_verdict({"role": "tabpanel", "hidden": ""})  # a closed tab's panel is content

    """
    cls = attrs.get("class")
    ident = attrs.get("id")
    # role/aria-hidden/hidden/style only need a look when the element has
    # attributes besides class and id (most labelled elements do not).
    if len(attrs) > (cls is not None) + (ident is not None):
        return parts_verdict(cls, ident, (attrs.get("role"), "hidden" in attrs, attrs.get("style"),
                                          attrs.get("aria-hidden")))
    return parts_verdict(cls, ident, None)


def parts_verdict(cls: Optional[str], ident: Optional[str], extra: Optional[tuple]) -> Optional[Verdict]:
    """:func:`attrs_verdict` from the parts of the attributes it reads: the class, the id, and
    ``extra`` = ``(role, has hidden, style, aria-hidden)``, None when the element has no other
    attribute (what the compiled label walk reads, see lexbor_walk.Query.labels).

    With ``extra`` None the answer is the label cache's (``_LABEL_CACHE``) once the label is known:
    :func:`_judged_labels` and the compiled walk (``Query.labels(quiet=...)``) pass over the rows
    whose label is empty or cached as None without calling this; a test here before the cache
    must be made there too.

    >>> parts_verdict("share-bar", None, None), parts_verdict(None, None, (None, True, None, None))
    (('soft', 'html.share'), ('invisible', 'html.invisible'))
    """
    if extra is not None:
        role, hidden, style, aria_hidden = extra
        # A tab or accordion panel is hidden until its control is clicked: content.
        if role not in PANEL_ROLES:
            if hidden:
                return _INVISIBLE
            if style and _HIDDEN_STYLE_RE.search(style):
                return _INVISIBLE
        if role in MODAL_ROLES:
            # A dialog shown over the page (a consent manager's, a sign-up's) is never its document, however
            # much of the page's prose it holds (a consent dialog's purposes outweigh a short story): round 22.
            return ("hard", _ROLE_REASONS[role])
        if role in _ROLE_REASONS:
            return ("soft", _ROLE_REASONS[role])
        if aria_hidden == "true":
            return ("soft", "html.hidden")
    if cls and ident:
        label = f"{cls} {ident}"
    else:
        label = cls or ident
        if not label:
            return None
    verdict = _LABEL_CACHE.get(label, False)
    if verdict is False:
        verdict = _new_label_verdict(label)
    return verdict


def _new_label_verdict(label: str) -> Optional[Verdict]:
    """:func:`label_verdict` of a label not in ``_LABEL_CACHE``, cached there.

    >>> _new_label_verdict("share-bar"), _LABEL_CACHE["share-bar"]
    (('soft', 'html.share'), ('soft', 'html.share'))
    """
    verdict = label_verdict(label)
    if len(_LABEL_CACHE) > CACHE_LIMIT:
        _LABEL_CACHE.clear()  # bound memory on long runs; rebuilds in a few docs
    _LABEL_CACHE[label] = verdict
    return verdict


def boilerplate_label(node: LexborNode) -> Optional[Verdict]:
    """:func:`attrs_verdict` of an element (never for ``<html>``/``<body>``).

    >>> t = LexborHTMLParser('<div class="related-links"></div><div class="article-comments-count">'
    ...     '</div><div id="commentsContainer"></div><div class="PageBuilder-pageRow"></div>')
    >>> [boilerplate_label(n) for n in t.css("div")]
    [('soft', 'html.related'), None, ('hard', 'html.comments'), None]
    """
    if node.tag in ("html", "body"):
        return None
    return attrs_verdict(node.attributes)


# Class strings repeat within a page and class tokens ("row", "col-md-8",
# "entry-content") across pages; the regexes were the hottest part of the
# extractor before these two caches. Both are bounded and safe to clear.
_LABEL_CACHE: dict[str, Optional[Verdict]] = {}
_TOKEN_FLAGS: dict[str, tuple[int, Optional[str]]] = {}
CACHE_LIMIT = 100_000
_NEG, _POS, _HARD = 1, 2, 4


def clear_caches() -> None:
    """Forget cached class/id verdicts (benchmarks start every system cold)."""
    _LABEL_CACHE.clear()
    _TOKEN_FLAGS.clear()


def _token_flags(token: str) -> tuple[int, Optional[str]]:
    """Bit flags of one class/id token (negative, positive, hard-negative) and its rule name.

    >>> _token_flags("commentList"), _token_flags("entry-content"), _token_flags("no_caption")
    ((5, 'html.comments'), (2, None), (0, None))
    """
    cached = _TOKEN_FLAGS.get(token)
    if cached is None:
        low = token.lower()
        # (which of the checks' patterns the token holds, asked at once: see _TOKEN_CHECKS; most new tokens
        # hold none of the names below and get no flags, which the label walk's C scan of the names says
        # first, ~20x cheaper than the set's automaton on a token it has not met)
        held = lexbor_walk.holds_label_name(token, _LABEL_NAMES_BLOB)
        hits = _TOKEN_CHECKS.hits(low) if held != 0 else ()
        if held == 0 or _HOLDS_A_NAME not in hits:
            if len(_TOKEN_FLAGS) > CACHE_LIMIT:
                _TOKEN_FLAGS.clear()
            cached = _TOKEN_FLAGS[token] = (0, None)
            return cached
        flags, reason = 0, None
        # "sharing-with-a-single-developer" names a section, not a widget;
        # "overflow-hidden" clips a box's overflow, it does not hide the box;
        # "marker:hidden" hides a summary's triangle, not the summary
        # (tested once: the word test below is skipped for the same tokens)
        # "no_caption", "without-sidebar", "has-no-comments" say the element lacks the widget
        names_no_widget = is_heading_slug(low) or _CLIPS in hits or _PSEUDO in hits or _NEGATED in hits
        m = None if names_no_widget or _NEGATIVE_STEM not in hits else NEGATIVE_STEMS_RE.search(low)
        if m:
            flags, reason = _NEG, LABEL_REASONS.get(m.group(0), "html.furniture")
            if m.group(0) in HARD_STEMS:
                flags |= _HARD
        elif not names_no_widget and _NEGATIVE_WORD in hits:
            words = [w for w in _LABEL_WORD.findall(token) if w.lower() in NEGATIVE_WORDS]
            if words:
                flags, reason = _NEG, LABEL_REASONS.get(words[0].lower(), "html.furniture")
        if _POSITIVE in hits and not (flags & _NEG and _names_a_part(token)):
            flags |= _POS
        if _HARD_NEGATIVE in hits:
            flags |= _HARD
            reason = "html.comments"
        if len(_TOKEN_FLAGS) > CACHE_LIMIT:
            _TOKEN_FLAGS.clear()
        cached = _TOKEN_FLAGS[token] = (flags, reason)
    return cached


ELEMENT_NAMES = True  # (round 22: a BEM-style token's last word names the element; see _names_a_part)


def _names_a_part(token: str) -> bool:
    """True when ``token`` is a block's name then one of its parts that names furniture ("article-meta",
    "entry-footer", "main-nav", "story__byline"): its last word, not its first, says what the element is.

    A label holding the article's name and a furniture name is left as the article's ("article-body
    has-comments"); inside one token the words read block first, element last (BEM and its kin), so
    "article-meta" is the article's meta line, "entry-content" its content.

    >>> _names_a_part("article-meta"), _names_a_part("mainNav"), _names_a_part("entry-content"), _names_a_part("sharebar")
    (True, True, False, False)
    """
    if not ELEMENT_NAMES:
        return False
    words = _LABEL_WORD.findall(token)
    if len(words) < 2:
        return False
    last = words[-1].lower()
    return not POSITIVE_RE.search(last) and (last in NEGATIVE_WORDS or bool(NEGATIVE_STEMS_RE.search(last)))


# CSS utility classes (Tailwind, Bootstrap) that set ``overflow: hidden`` on a box,
# with an optional breakpoint prefix: "overflow-hidden", "md:overflow-x-hidden".
_CLIPPING_UTILITY_RE = re.compile(r"(?:^|:)overflow-(?:[xy]-)?hidden$")
# Tailwind's pseudo-element variants style a part the browser draws, not the element:
# "marker:hidden" (a <summary>'s triangle), "before:content-none", "placeholder:hidden".
_PSEUDO_VARIANT_RE = re.compile(r"(?:^|:)(?:marker|before|after|placeholder|file|selection|first-letter|first-line|backdrop):")
# A label that says the element has *no* widget of a kind: "no_caption" on a list item whose image
# has no caption, "without-sidebar" on a layout (its words are not the widget's name).
_NEGATED_RE = re.compile(r"(?:has[-_])?(?:no|without)[-_]")
_SLUG_SPLIT = re.compile(r"[-_]")
# Every pattern _token_flags asks of a new token, asked in one pass (RE2's set; each answer as
# Python's ``re`` gives it, see html_pattern_set): ``hits`` lists the positions below of those that
# match (True: asked as ``.match``, anchored; else ``.search``).
_TOKEN_CHECKS = html_pattern_set.PatternSet([
    (_LABEL_NAMES_RE, False), (_CLIPPING_UTILITY_RE, False), (_PSEUDO_VARIANT_RE, False), (_NEGATED_RE, True),
    (NEGATIVE_STEMS_RE, False), (_WORDS_PREFILTER_RE, False), (POSITIVE_RE, False), (HARD_NEGATIVE_RE, False)])
_HOLDS_A_NAME, _CLIPS, _PSEUDO, _NEGATED, _NEGATIVE_STEM, _NEGATIVE_WORD, _POSITIVE, _HARD_NEGATIVE = range(8)
# Function words: a label holding one is a phrase (a heading's slug), not a component name.
_FUNCTION_WORDS = frozenset("a an the of to with for and in on at by how what why when is are your you our "
                            "from into this that".split())


def _label_name_info(names_blob: Optional[bytes]) -> bytes:
    """Two bytes for each name of ``names_blob`` (:data:`_LABEL_NAMES_BLOB`, in its order), as the compiled
    reading of a label takes them: the name's groups (1 a negative stem, 2 a negative word, 4 positive, 8 a
    comment thread's, 16 a hard stem) and the index of its rule in :data:`_LABEL_RULES`.

    >>> info = _label_name_info(lexbor_walk.label_names_blob(["ad", "comment"]))
    >>> list(info[:2]), list(info[2:3])
    ([2, 0], [9])
    """
    if names_blob is None:
        return b""
    out = bytearray()
    for name in names_blob.decode().split("\0"):
        groups = ((1 if name in NEGATIVE_STEMS else 0) | (2 if name in NEGATIVE_WORDS else 0)
                  | (4 if name in _POSITIVE_NAMES else 0) | (8 if name in _HARD_NEGATIVE_NAMES else 0)
                  | (16 if name in HARD_STEMS else 0))
        out += bytes([groups, _LABEL_RULES.index(LABEL_REASONS.get(name, "html.furniture"))])
    return bytes(out)


# The rules a label's verdict may name, by index (the compiled reading's answer), and the names it reads.
_LABEL_RULES = sorted({*LABEL_REASONS.values(), "html.furniture", "html.comments"})
_COMMENTS_RULE = _LABEL_RULES.index("html.comments")
_POSITIVE_NAMES = frozenset(POSITIVE_RE.pattern.split("|"))
_HARD_NEGATIVE_NAMES = frozenset(HARD_NEGATIVE_RE.pattern.split("|"))
_LABEL_NAME_INFO = _label_name_info(_LABEL_NAMES_BLOB)
_FUNCTION_WORDS_BLOB = b"\0".join(sorted(word.encode() for word in _FUNCTION_WORDS))


def is_heading_slug(token: str) -> bool:
    """True for an id/class made from a heading's words (docs and wiki anchors).

    Sphinx, MediaWiki and static-site generators give sections ids built from
    their titles; such an id says what the section is *about* ("Sharing with a
    single developer"), so its words must not be read as furniture labels.

    >>> is_heading_slug("sharing-with-a-single-developer"), is_heading_slug("social-share-bar")
    (True, False)
    """
    if token.count("-") + token.count("_") < 3:  # (fewer than four parts: no split needed)
        return False
    parts = _SLUG_SPLIT.split(token)
    return len(parts) >= 4 and not _FUNCTION_WORDS.isdisjoint(parts)


def label_verdict(label: str) -> Optional[Verdict]:
    """Classify one ``"class id"`` string: ``(strength, rule)`` or None.

    Negative if any token names furniture, unless some token names the
    article (positive wins); "hard" for comment threads. The rule is the
    first furniture token's.

    An ASCII label's tokens are read in C (``lexbor_walk.label_flags``: each token as
    :func:`_token_flags` reads it, ~50 new labels a page from a site not seen before);
    others, or without the compiled walker, by :func:`_label_verdict_in_python`.

    >>> label_verdict("comment-list"), label_verdict("social-share"), label_verdict("post-body")
    (('hard', 'html.comments'), ('soft', 'html.share'), None)
    >>> label_verdict("container with-sidebar"), label_verdict("sidebar article-text")
    (('soft', 'html.sidebar'), None)
    """
    code = lexbor_walk.label_flags(label, _LABEL_NAMES_BLOB, _LABEL_NAME_INFO, _FUNCTION_WORDS_BLOB, ELEMENT_NAMES,
                                   _COMMENTS_RULE)
    if code < 0:
        return _label_verdict_in_python(label)
    if not code & _NEG or code & _POS:
        return None
    rule = code >> 3
    return ("hard" if code & _HARD else "soft", _LABEL_RULES[rule - 1] if rule else "html.furniture")


def _label_verdict_in_python(label: str) -> Optional[Verdict]:
    """:func:`label_verdict` in Python (the compiled reading's twin): each token's :func:`_token_flags`.

    >>> _label_verdict_in_python("comment-list"), _label_verdict_in_python("container with-sidebar")
    (('hard', 'html.comments'), ('soft', 'html.sidebar'))
    """
    # (no token holds a name: none has a flag; asked of the label walk's C scan when it can say)
    held = lexbor_walk.holds_label_name(label, _LABEL_NAMES_BLOB)
    if held == 0 or (held < 0 and _LABEL_NAMES_RE.search(label.lower()) is None):
        return None
    flags = 0
    reason = None
    known = _TOKEN_FLAGS.get
    for token in label.split():
        # (a known token's flags read here, not through a call: most tokens of a new label are known)
        token_flags, token_reason = known(token) or _token_flags(token)
        flags |= token_flags
        reason = reason or token_reason
    if not flags & _NEG or flags & _POS:
        return None
    return ("hard" if flags & _HARD else "soft", reason or "html.furniture")


# --------------------------------------------------------------------------- #
# Scoring
# --------------------------------------------------------------------------- #


class _Para(NamedTuple):
    """Text statistics of one block element's own (non-block-descendant) text.

    (A named tuple: ~280 a WCXB page come from the C walk's rows, each made by ``tuple.__new__``
    without a Python ``__init__`` call, ~1.5 % of a cold page's time as a dataclass)"""

    node: LexborNode
    chars: int = 0
    link_chars: int = 0
    commas: int = 0


_para_of_row = partial(tuple.__new__, _Para)  # (a row of the C walk, (node, chars, link_chars, commas), as a _Para)


def collect_paragraphs(body: LexborNode) -> list[_Para]:
    """Group every text node under its nearest block ancestor ("paragraph").

    This treats ``<p>``, a ``<div>`` holding bare text, ``<br>``-separated text
    and table cells alike, which readability needs a DOM rewrite for.

    >>> t = LexborHTMLParser('<div>Bare text, here<br>more <a href="#">link</a><p>para</p></div>')
    >>> [(p.node.tag, p.chars, p.link_chars, p.commas) for p in collect_paragraphs(t.body)]
    [('div', 23, 4, 1), ('p', 4, 0, 0)]
    """
    walker = _compiled_renderer()
    if walker is not None:  # the same walk in C (corpus_clean/_lexbor_walk.c: a node object per paragraph only)
        return list(map(_para_of_row, walker.paragraphs(body, MAX_INLINE_HOPS)))
    paras: dict[int, list] = {}  # mem_id -> [block, chars, link_chars, commas], made _Para at the end
    # skip_empty: Lexbor drops the (many) ASCII-whitespace-only text nodes in C.
    for node in body.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        text = node.text_content
        if not text or text.isspace():
            continue
        in_link = False
        block = node.parent
        hops = 0
        # Inline runs are short in real pages; the hop cap keeps a page of
        # thousands of nested <span>s linear instead of quadratic.
        while block is not None:
            tag = block.tag
            if tag in BLOCK_TAGS or hops >= MAX_INLINE_HOPS:
                break
            if tag == "a":
                in_link = True
            block = block.parent
            hops += 1
        if block is None:
            continue
        key = block.mem_id
        para = paras.get(key)
        if para is None:
            para = paras[key] = [block, 0, 0, 0]
        n = len(text.strip())
        para[1] += n
        para[3] += text.count(",")
        if not text.isascii():  # fullwidth (CJK) and Arabic commas
            para[3] += text.count("\uff0c") + text.count("\u060c")
        if in_link:
            para[2] += n
    return [_Para(*para) for para in paras.values()]


MAX_INLINE_HOPS = 32
# Deep scores stop this many levels above a paragraph: real pages are far
# shallower, and it keeps a 10k-deep page linear instead of quadratic.
MAX_DEEP_LEVELS = 32

# Tag priors from readability: containers that usually wrap articles get a head start.
TAG_PRIOR = {"div": 5, "article": 8, "main": 3, "section": 3, "td": 3, "blockquote": 3, "pre": 3,
             "ol": -3, "ul": -3, "dl": -3, "li": -3, "form": -3, "th": -5,
             "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5}
_TAG_PRIOR_IDS = {next(iter(lexbor_walk.tag_ids([tag]))): prior for tag, prior in TAG_PRIOR.items()}  # (for the C walk)


def best_container(body: LexborNode, cuts: Optional[Cuts] = None) -> list[LexborNode]:
    """Pick the element(s) holding the article: readability-style paragraph scores.

    Returns the best element plus qualifying siblings, in document order, or
    ``[]`` when the page has no paragraph at all. ``cuts`` (strip_junk's) lets the
    sibling rule read the cut signatures and vote buttons of users' posts.

    Each paragraph (>= MIN_PARA_CHARS, mostly not link text) scores
    ``1 + commas + min(chars/100, 3)``; its parent gets the full score, the
    grandparent half, the next ancestor a sixth. Candidates are then penalised
    by their link density, and we climb to a common ancestor when several
    near-best candidates share it (articles split into many sections). Siblings
    that score well join the winner, and so do the other parts of its component
    (:func:`same_component`), siblings or cousins (a winner without a class is
    named by its nearest classed ancestor: :func:`_component_of_unnamed_winner`),
    and the subheadings right before the parts (:func:`_headings_between`).
    """
    rows = collect_paragraphs(body)
    paras = {para.node.mem_id: para for para in rows}
    scores, nodes, deep = _paragraph_scores(body, rows)
    if not scores:
        # Not one real paragraph: a navigation/product/error page. Returning
        # the whole <body> would pass its menus off as text; "" lets the
        # pipeline quarantine the record instead.
        return []
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:TOP_N]
    final = {k: scores[k] * (1 - density) for k, density in zip(ranked, link_densities([nodes[k] for k in ranked]))}
    ranked.sort(key=final.__getitem__, reverse=True)
    best = nodes[ranked[0]]
    best = _climb_to_shared_ancestor(best, [nodes[k] for k in ranked[1:]
                                            if final[k] >= SHARED_RATIO * final[ranked[0]]])

    best = _climb_only_child(best)
    chosen = _with_siblings(best, scores, final[ranked[0]], deep, paras, cuts)
    cousins = _same_component_cousins(best, chosen, deep)
    if not cousins and not best.attributes.get("class"):
        chosen, cousins = _component_of_unnamed_winner(best, chosen, deep)
    chosen = chosen + cousins
    whole = _semantic_article_around(best, chosen, deep)
    return [whole] if whole is not None else chosen + _headings_between(chosen)


# Paragraph tags that credit their parent first (a <div> holding bare text scores itself).
_OWN_LEVEL_TAGS = ("p", "pre", "blockquote", "td", "li")
_OWN_LEVEL_TAG_IDS = lexbor_walk.tag_ids(_OWN_LEVEL_TAGS)


def _paragraph_scores(body: LexborNode, rows: list[_Para]) -> tuple[dict, dict, dict]:
    """(scores, nodes, deep) of :func:`best_container`, by ``mem_id``: the readability score of the
    first three levels above each paragraph that counts, the elements scored, and the deep score of
    every element up to ``<body>`` (in C when built: the same walk, with Python's arithmetic)."""
    walker = _compiled_renderer()
    if walker is not None:
        return walker.scores_up(rows, body, MIN_PARA_CHARS, MAX_DEEP_LEVELS, _TAG_PRIOR_IDS, _OWN_LEVEL_TAG_IDS)
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    deep: dict[int, float] = {}
    body_id = body.mem_id
    for para in rows:
        if para.chars < MIN_PARA_CHARS or para.link_chars > para.chars / 2:
            continue
        score = 1 + para.commas + min(para.chars / 100, 3)
        # A <div> holding bare text is its own paragraph and scores itself
        # (measured: slightly better than crediting its parent as for <p>).
        level = 0 if para.node.tag not in _OWN_LEVEL_TAGS else -1
        node = para.node
        # One walk up to <body> feeds both scores: the readability score of the
        # first three ancestors (attenuated) and the deep score of every
        # ancestor (unattenuated, used to judge siblings of the winner).
        while node is not None and level < MAX_DEEP_LEVELS:
            key = node.mem_id
            if 0 <= level < 3:
                if key not in nodes:
                    nodes[key] = node
                    scores[key] = float(TAG_PRIOR.get(node.tag, 0))
                scores[key] += score / (1, 2, 6)[level]
            if key == body_id:
                break
            deep[key] = deep.get(key, 0.0) + score
            level += 1
            node = node.parent
    return scores, nodes, deep


SUBHEADINGS = frozenset("h2 h3 h4 h5 h6".split())
HEADING_LEVELS = 3  # how far up from a chosen block its heading is looked for
_SUBHEADING_SELECTOR = ",".join(sorted(SUBHEADINGS))


def _headings_between(chosen: list[LexborNode]) -> list[LexborNode]:
    """The subheading right before each chosen block after the first: the title of that part.

    Page builders put each part of a long article in a section of its own, its
    ``<h2>`` beside the text box rather than in it ("<section><div class=title>
    <h2>2. Weebly</h2></div><div class=rich-text>…</div></section>"); the blocks
    are chosen, their titles are not. A heading counts when it (or a box holding
    only it) is the element right before the block or before one of its first
    ``HEADING_LEVELS`` ancestors of which the block comes first (a box of several
    headings, "<div><h2>1.</h2><h2>Squarespace</h2></div>", gives them all).

    >>> parts = "".join(f"<section><div class='t'><h2>Part {i}</h2></div><div class='text'><p>" + "Words, words. " * 9
    ...                 + "</p></div></section>" for i in range(3))
    >>> t = LexborHTMLParser(f"<body><main>{parts}</main></body>")
    >>> [n.text() for n in _headings_between([t.css("div.text")[1], t.css("div.text")[2]])]
    ['Part 2']
    """
    ids = _ancestors_of(chosen)
    first = min(chosen, key=_document_position, default=None)
    out: list[LexborNode] = []
    for block in chosen:
        if block is first:
            continue
        out.extend(_heading_before(block, ids))
    # The first part's title too when it is written as the others' (an accordion's first question: the
    # part before the first block is otherwise the page's headline or a section's, not one of the parts).
    if first is not None and len(out) >= MIN_SAME_TITLES:
        marks = [(h.tag, h.attributes.get("class")) for h in out]
        heads = _heading_before(first, set(ids))
        if heads and all(marks.count((h.tag, h.attributes.get("class"))) >= MIN_SAME_TITLES for h in heads):
            out.extend(heads)
    return out


MIN_SAME_TITLES = 2  # the other parts' titles in the first part's markup (tag and class) that make it a title


def _heading_before(block: LexborNode, ids: set) -> list[LexborNode]:
    """The subheading(s) right before ``block`` or one of its first ancestors (see :func:`_headings_between`);
    ``ids`` (the chosen blocks' ancestors and the headings taken) grows by them."""
    out: list[LexborNode] = []
    node = block
    for _ in range(HEADING_LEVELS):
        prev = node.prev
        while prev is not None and not _is_element(prev):
            prev = prev.prev
        if prev is None:
            node = node.parent
            if node is None or node.tag in ("body", "html"):
                break
            continue
        headings = [prev] if prev.tag in SUBHEADINGS else prev.css(_SUBHEADING_SELECTOR)
        if headings and prev.mem_id not in ids and \
                sum(len(h.text(strip=True)) for h in headings) == len(prev.text(strip=True)) > 0:
            out.extend(headings)
            ids.update(h.mem_id for h in headings)
        break
    return out


def _is_element(node: LexborNode) -> bool:
    tag = node.tag
    return bool(tag) and not tag.startswith("-") and tag != "_comment"


def _document_position(node: LexborNode) -> tuple:
    """A sort key of document order: the child indexes on the path from the root."""
    path = []
    while node.parent is not None:
        index, sib = 0, node.prev
        while sib is not None:
            index += 1
            sib = sib.prev
        path.append(index)
        node = node.parent
    return tuple(reversed(path))


# The site's own article element replaces the chosen blocks when they hold under
# SEMANTIC_SHARE of its paragraph score and it is not a link list (readability-lxml
# gets there by class weights; trafilatura by trying the article element first).
# (<main> as well was measured: WCXB test +0.009 F1, readability held-out half -0.009,
# as for last session's <main> fallback: left out.)
SEMANTIC_SHARE = 0.7
SEMANTIC_LD = 0.25


def _semantic_article_around(best: LexborNode, chosen: list[LexborNode], deep: dict) -> Optional[LexborNode]:
    """The nearest ``<article>`` or ``itemprop=articleBody`` element around ``best``, when the
    chosen blocks hold under 70 % of its paragraph score: the article is several sections,
    and the scoring found the biggest one.

    Service pages, long guides and reviews write their article as sections (a
    hero, a "how it works", a comparison, picks), each scoring alone; the
    site's markup says where the whole is. It must not be mostly links (a grid
    of teaser cards inside it).

    >>> t = LexborHTMLParser("<body><article><section><p>" + "Words, words, words. " * 10 + "</p></section>"
    ...     + "".join(f"<section><h2>Part {i}</h2><p>A shorter, second-rank section of the guide, text.</p></section>"
    ...               for i in range(8)) + "</article><aside><p>Not this, not this at all, no.</p></aside></body>")
    >>> [node.tag for node in best_container(t.body)]
    ['article']
    """
    node = best.parent
    while node is not None and node.tag not in ("body", "html"):
        attrs = node.attributes
        if node.tag == "article" or attrs.get("itemprop") == "articleBody":
            break
        node = node.parent
    if node is None or node.tag in ("body", "html"):
        return None
    total = deep.get(node.mem_id, 0.0)
    held = sum(deep.get(c.mem_id, 0.0) for c in chosen)
    if held < SEMANTIC_SHARE * total and link_density(node) < SEMANTIC_LD:
        return node
    return None


TOP_N = 5  # readability's number of top candidates
# A sibling joins the article when its paragraphs score at least SIB_RATIO of
# the best node's (readability's 0.2) and it is not mostly links.
SIB_RATIO = 0.2
SIB_LD = 0.3
# A near-best candidate is one within this ratio of the best final score;
# MIN_SHARED of them under one ancestor mean the article is split in sections
# (both readability's values; 2 measured the same on the dev set).
SHARED_RATIO = 0.75
MIN_SHARED = 3
# A sibling of the same component joins with one real paragraph (a score of 2:
# 100 characters, or a clause with a comma) that carries almost no links.
PARA_SCORE = 2.0
SAME_CLASS_LD = 0.1


def _ancestor_ids(node: LexborNode) -> set[int]:
    ids = set()
    node = node.parent
    while node is not None:
        ids.add(node.mem_id)
        node = node.parent
    return ids


def _climb_to_shared_ancestor(best: LexborNode, alternatives: list[LexborNode]) -> LexborNode:
    """Move up to the closest ancestor of ``best`` that also holds MIN_SHARED near-best candidates.

    Long articles are often split into several sibling sections (each around
    ad slots or pull quotes); each section then scores about the same.
    """
    if len(alternatives) < MIN_SHARED:
        return best
    sets = [_ancestor_ids(alt) | {alt.mem_id} for alt in alternatives]
    node = best.parent
    while node is not None and node.tag not in ("body", "html"):
        key = node.mem_id
        if sum(key in s for s in sets) >= MIN_SHARED:
            return node
        node = node.parent
    return best


def _climb_only_child(best: LexborNode) -> LexborNode:
    """Replace an only child by its parent, so its parent's siblings come in reach; a part of a
    table (``<tbody>``, a row) by its table (:func:`_table_of_part`).

    (Readability also climbs while an ancestor's score grows; measured on the
    dev set that cost more precision than it gained recall, so it is left out.)
    """
    best = _table_of_part(best)
    while best.parent is not None and best.parent.tag not in ("body", "html") \
            and _element_children(best.parent) == 1:
        best = best.parent
    return best


TABLE_BODY_PARTS = frozenset(("tbody", "thead", "tfoot", "tr"))


def _table_of_part(best: LexborNode) -> LexborNode:
    """The ``<table>`` of a winning table part: a list's rows are scored as paragraphs and their
    ``<tbody>`` wins, but the table's siblings (the list's introduction, its other tables) are
    the table's, not the ``<tbody>``'s, whose only siblings are a caption and a head row.

    >>> t = LexborHTMLParser("<div><p>Intro.</p><table><caption>Films</caption><tbody><tr><td>A</td></tr>"
    ...                      "</tbody></table></div>")
    >>> _table_of_part(t.css_first("tbody")).tag, _table_of_part(t.css_first("td")).tag
    ('table', 'td')
    """
    node = best
    while node.tag in TABLE_BODY_PARTS and node.parent is not None:
        node = node.parent
    return node if node.tag == "table" else best


def _element_children(node: LexborNode) -> int:
    return sum(1 for _ in node.iter(include_text=False))


# How far up from the winner its cousins of the same component are looked for.
COUSIN_LEVELS = 10  # 6 before: XenForo and Stack Exchange post bodies sit 7-10 levels below their list


def _same_component_cousins(best: LexborNode, chosen: list[LexborNode], deep: dict) -> list[LexborNode]:
    """Elements of the winner's component a few levels around it (not siblings): the article's other parts.

    Templates wrap each part of a long article in its own wrapper ("<div
    class=supplemental><div class='story-body story-body-1'>…</div></div><div
    class=supplemental><div class='story-body story-body-2'>…</div></div>"), so
    the parts are cousins, out of reach of the sibling rule. Each must pass the
    same test as a same-class sibling (:func:`_same_class_section`).
    """
    tokens = (best.attributes.get("class") or "").split()
    if not tokens:
        return []
    root = best
    for _ in range(COUSIN_LEVELS):
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
    if root is best:
        return []
    # Lexbor finds the elements with the component's name (a C-level match); Python
    # only looks at those.
    name = tokens[0].replace("\\", "\\\\").replace('"', '\\"')
    try:
        matches = root.css(f'{best.tag}[class~="{name}"]')
    except Exception:  # noqa: BLE001 - a tag name the selector parser refuses
        return []
    taken = {node.mem_id for node in chosen}
    around_chosen = _ancestors_of(chosen)
    out = []
    start = None
    for node in matches:
        if node.mem_id in around_chosen or _inside_taken_or_link(node, taken, root):
            continue
        if _same_class_section(node, best.attributes.get("class"), deep):
            out.append(node)
            taken.add(node.mem_id)
        elif _opening_part(node, best, deep) and _document_position(node) < (start or (start := _document_position(best))):
            out.append(node)
            taken.add(node.mem_id)
    return out


# The opening part of a story, above the part that won, holds a long paragraph of prose (a score
# of 5: 300 characters and a comma) and may carry its sentences' links up to SIB_LD.
PROSE_SCORE = 5.0
PROSE_CHARS = 300


def _opening_part(node: LexborNode, best: LexborNode, deep: dict) -> bool:
    """A part of the winner's component that reads as the story's opening: long prose, under SIB_LD links.

    A review's or feature's lead paragraph sits in its own part of the component above a score
    box, a gallery or a video, and links the products it names (~0.17 of its text), more than
    a part below may carry (SAME_CLASS_LD). Below the story, parts with that much link text are
    promos and teaser cards ("Join our forums to keep talking…", "Related posts"), so only a
    part above the winner is let in (the caller checks the order).

    >>> t = LexborHTMLParser("<div class='story-part'><p>The <a href='/x'>new console</a> is fast, and "
    ...                      + "quiet words run on here. " * 12 + "</p></div>")
    >>> rows = collect_paragraphs(t.body); deep = _paragraph_scores(t.body, rows)[2]
    >>> _opening_part(t.css_first("div"), t.css_first("div"), deep)
    True
    """
    if not same_component(best.attributes.get("class"), node.attributes.get("class")):
        return False
    if deep.get(node.mem_id, 0) < PROSE_SCORE or link_density(node) >= SIB_LD:
        return False
    # The score must come from one long paragraph, not from a grid of short cards.
    return any(len(p.text(strip=True)) >= PROSE_CHARS for p in node.css("p"))


# How far up from a winner without a class its nearest named ancestor is looked for.
ANCHOR_LEVELS = 3


def _component_of_unnamed_winner(best: LexborNode, chosen: list[LexborNode],
                                 deep: dict) -> tuple[list[LexborNode], list[LexborNode]]:
    """``(chosen, cousins)`` when the winner has no class: its nearest named ancestor's component.

    Forum and Q&A threads write each post's body as a named box ("<article
    class='message-body'>", "<div class='s-prose js-post-body'>") holding
    unnamed blocks; the longest post's ``<div>`` or list wins the scoring and,
    with no class of its own, has no component to find the other posts by. Its
    nearest ancestor with a class (up to ``ANCHOR_LEVELS`` up) names it: when
    that finds cousins, the whole ancestor replaces the winner and its blocks.
    Nothing changes when it finds none.

    >>> posts = "".join(f"<div class='thread-item'><div class='post-text'><div>{w} " + "Words, words. " * 12
    ...                 + "</div></div></div>" for w in ("First", "Second"))
    >>> t = LexborHTMLParser(f"<body><div class='thread'>{posts}</div><p>Foot, note, here, ok.</p></body>")
    >>> [n.text()[:6] for n in best_container(t.body)]
    ['First ', 'Second']
    """
    anchor = best.parent
    for _ in range(ANCHOR_LEVELS):
        if anchor is None or anchor.tag in ("body", "html"):
            return chosen, []
        if anchor.attributes.get("class"):
            break
        anchor = anchor.parent
    else:
        return chosen, []
    if not _same_class_section(anchor, anchor.attributes.get("class"), deep):
        return chosen, []
    cousins = _same_component_cousins(anchor, [anchor], deep)
    return ([anchor], cousins) if cousins else (chosen, [])


def _inside_taken_or_link(node: LexborNode, ids: set, stop: LexborNode) -> bool:
    """True when ``node`` or an ancestor below ``stop`` is in ``ids``, or it sits inside a link.

    (A teaser card is an ``<a>`` around the component's markup: all of it is link text,
    though no ``<a>`` is inside it.)
    """
    stop_id = stop.mem_id
    while node is not None and node.mem_id != stop_id:
        if node.mem_id in ids or node.tag == "a":
            return True
        node = node.parent
    return False


def _with_siblings(best: LexborNode, scores: dict, best_score: float, deep: dict,
                   paras: dict, cuts: Optional[Cuts] = None) -> list[LexborNode]:
    """``best`` plus siblings that score well or look like plain article paragraphs (``cuts``: strip_junk's,
    where the users' posts' signatures and vote buttons may be: see :func:`_users_posts_beside`)."""
    parent = best.parent
    if parent is None or best.tag in ("body", "html"):
        return [best]
    threshold = max(10.0, best_score * 0.2)
    best_class = best.attributes.get("class")
    out = []
    posts_apart: Optional[bool] = None  # (whether users' posts beside the story stay apart: read once, when needed)
    for sib in parent.iter(include_text=False):
        if sib.mem_id == best.mem_id:
            out.append(sib)
            continue
        if sib.tag == best.tag and _same_class_section(sib, best_class, deep):
            # Readability's same-class bonus: the article's other sections, written
            # with the same markup as the one that won (a long post in <section>s;
            # "story-body story-body-1" next to "story-body story-body-2").
            out.append(sib)
            continue
        sib_score = scores.get(sib.mem_id)
        if not ((sib_score is not None and sib_score * (1 - link_density(sib)) >= threshold)
                or (deep.get(sib.mem_id, 0) >= SIB_RATIO * deep.get(best.mem_id, 0) and link_density(sib) < SIB_LD)
                or _is_plain_paragraph(sib, paras)):
            continue
        # The page's headline block before the story (a campaign's hero: headline, blurb, pledge box) is its
        # header, not its text, unless it holds a real part of the story: see _headline_block.
        if not out and _headline_block(sib, cuts) and deep.get(sib.mem_id, 0) < HEADER_RATIO * deep.get(best.mem_id, 0):
            continue
        # Users' reviews or reports beside the story score as prose: they join it by score only when
        # the story is itself users' posts (a thread), see _users_posts_beside. (The winner, often the
        # whole story, is read only when a sibling is posts.)
        if _users_posts_beside(sib, cuts):
            if posts_apart is None:
                posts_apart = not html_posts.holds_user_posts(best, cuts) and not html_posts.is_user_post(best, cuts)
            if posts_apart:
                continue
        out.append(sib)
    return out


# A sibling holding the page's headline joins the story before it only with this share of the
# winner's paragraph score (its own story paragraphs), not by the sibling threshold alone.
HEADER_RATIO = 0.5


def _headline_block(sib: LexborNode, cuts: Optional[Cuts]) -> bool:
    """True when ``sib`` held the page's ``<h1>`` (cut by strip_junk as ``html.headline``: its placeholder is inside).

    A crowdfunding campaign, a product launch or a landing page opens with a "hero" block: the headline,
    a one-line blurb, a picture and a box of figures ("€21,000 pledged of €110,000 goal", "257 backers",
    "All or nothing."). It stands beside the story's column and scores over readability's floor of 10
    (the blurb is a sentence with commas), so the sibling rule joined it; trafilatura leaves it out, as
    scrapinghub's gold cuts a lead in the article's header. Only siblings *before* the winner are asked.

    >>> t = LexborHTMLParser("<body><div id='hero'><h1>A new bike</h1><p>The blurb.</p></div><div id='s'><p>Story.</p></div></body>")
    >>> cuts = strip_junk(t); _headline_block(t.css_first("#hero"), cuts), _headline_block(t.css_first("#s"), cuts)
    (True, False)
    """
    if not cuts:
        return False
    return any(rule == "html.headline" and html_prose._inside(placeholder, sib) for _, rule, placeholder in cuts.values())


def _users_posts_beside(sib: LexborNode, cuts: Optional[Cuts] = None) -> bool:
    """True when ``sib``, a block beside the winner, is a list of users' posts (:func:`html_posts.holds_user_posts`:
    two or more items, each dated and rated or signed, holding most of its text).

    A hiking route's "Trail reports (12)", a recipe's or a product's reviews, a guide's "Reader tips" sit
    beside the story as its siblings; each report is a sentence or two with commas, so the section
    scores like the story's own paragraphs and readability's sibling rule lets it in. trafilatura
    (``include_comments=False``) and WCXB's gold leave users' posts out; a label such as ``comments``
    would have cut them already, this reads their *shape* when the label is neutral (``reviews``,
    ``community``). A sibling with the winner's class (the story's next section) is not asked.

    >>> posts = "".join(f"<div><p>Jo · ★★★★☆ · {d}.3.2024</p><p>Muddy after the bridge, but the views, "
    ...                 "the lake and the village were worth it.</p></div>" for d in (2, 9, 14))
    >>> t = LexborHTMLParser(f"<section id='r'><h2>Trail reports (3)</h2>{posts}</section><div id='s'><p>Park at "
    ...                      "the church, 2 km before the village, and follow the river north.</p></div>")
    >>> _users_posts_beside(t.css_first("#r")), _users_posts_beside(t.css_first("#s"))
    (True, False)
    """
    return html_posts.holds_user_posts(sib, cuts)


def _same_class_section(sib: LexborNode, best_class: Optional[str], deep: dict) -> bool:
    """A sibling with the winner's class (any text), or of its component with a real, unlinked paragraph."""
    cls = sib.attributes.get("class")
    if best_class and cls == best_class:
        return bool(deep.get(sib.mem_id)) and link_density(sib) < SIB_LD
    return (same_component(best_class, cls) and deep.get(sib.mem_id, 0) >= PARA_SCORE
            and link_density(sib) < SAME_CLASS_LD)


def same_component(cls: Optional[str], other: Optional[str]) -> bool:
    """True when two class attributes name the same component, with other modifiers.

    Sites number or vary the sections of one article but keep the component's
    name first ("story-body story-body-1" / "story-body story-body-2"). The
    first tokens must match, and either name the article's content (see
    ``POSITIVE_RE``) or a third of all tokens be shared, so that grid cells
    ("col-xs-12" / "col-xs-12 col-md-8 col-lg-8 pull-right") are not one
    component.

    >>> same_component("story-body story-body-1", "story-body story-body-2")
    True
    >>> same_component("o-article_block pb-10 mt-n35 cf@tp-", "o-article_block o-subtle_divider")
    True
    >>> same_component("col-xs-12", "col-xs-12 col-sm-12 col-md-8 col-lg-8 pull-right"), same_component(None, None)
    (False, False)
    """
    if not cls or not other:
        return False
    a, b = cls.split(), other.split()
    if not a or not b or a[0] != b[0]:
        return False
    if POSITIVE_RE.search(a[0].lower()):
        return True  # the component's name says it is the article ("o-article_block pb-10")
    a, b = set(a), set(b)
    return 3 * len(a & b) >= len(a | b)


def _is_plain_paragraph(node: LexborNode, paras: dict) -> bool:
    """Readability's test for a stray paragraph next to the article, for any block.

    Readability only applies it to ``<p>``; sites also write paragraphs as
    ``<div>`` of bare text (one per paragraph), so it uses the block's own text.
    """
    para = paras.get(node.mem_id)
    if para is None or not para.chars:
        return False
    if para.chars > 80:
        return para.link_chars < 0.25 * para.chars
    return para.link_chars == 0 and node.text(strip=True).endswith(".")


def link_density(node: LexborNode) -> float:
    """Share of the node's text that sits inside ``<a>`` elements."""
    total, links = text_and_link_chars(node)
    return min(1.0, links / total) if total else 1.0


def link_densities(nodes: list[LexborNode]) -> list[float]:
    """``[link_density(node) for node in nodes]``, in one C call when built: the nodes' subtrees walked once
    between them, a node inside another measured first and not walked again (best_container's top
    candidates are mostly nested: a paragraph's parent, grandparent and higher).

    >>> t = LexborHTMLParser("<div> One <p>two <a href='/'>three</a></p></div>")
    >>> link_densities([t.css_first("div"), t.css_first("p")]), [link_density(t.css_first(s)) for s in ("div", "p")]
    ([0.45454545454545453, 0.625], [0.45454545454545453, 0.625])
    """
    walker = _compiled_renderer()
    if walker is None or len(nodes) > LINK_DENSITIES_MAX_NODES:
        return [link_density(node) for node in nodes]
    return [min(1.0, links / total) if total else 1.0 for total, links in walker.text_lengths_many(nodes, _A_TAG_ID)]


# The most nodes ``text_lengths_many`` takes in one call (its table of nodes is fixed in C).
LINK_DENSITIES_MAX_NODES = 128


def text_and_link_chars(node: LexborNode) -> tuple[int, int]:
    """``(stripped_chars(node), link_chars(node))``, in one C walk of the subtree when built (two before).

    >>> text_and_link_chars(LexborHTMLParser("<div> One <a href='/'>two </a><a>x</a></div>").css_first("div"))
    (7, 4)
    """
    walker = _compiled_renderer()
    if walker is None:
        return stripped_chars(node), link_chars(node)
    return walker.text_lengths(node, _A_TAG_ID)


def stripped_chars(node: LexborNode) -> int:
    """``len(node.text(strip=True))`` (in C when built: without building the string).

    >>> stripped_chars(LexborHTMLParser("<div> One <a href='/'>two </a></div>").css_first("div"))
    6
    """
    walker = _compiled_renderer()
    return len(node.text(strip=True)) if walker is None else walker.text_length(node, 0)


def link_chars(node: LexborNode) -> int:
    """The text in links under ``node``, ``node`` included: ``sum(len(a.text(strip=True)) for a in node.css("a"))``
    (in C when built: without a CSS query, a node object and a string per link).

    >>> link_chars(LexborHTMLParser("<div> One <a href='/'>two </a><a>x</a></div>").css_first("div"))
    4
    """
    walker = _compiled_renderer()
    if walker is None:
        return sum(len(a.text(strip=True)) for a in node.css("a"))
    return walker.text_length(node, _A_TAG_ID)


# --------------------------------------------------------------------------- #
# Rendering
# --------------------------------------------------------------------------- #


class _Frame:
    """One open element while rendering: where its text starts in the output, and its counts.

    The renderer writes every piece of text into one flat list, ``out``; a frame
    reserves two slots there when it opens (``start``: the separator before it
    and the verdict marker, both filled in when it closes, see
    :func:`_close_frame`), and its text is ``out[start + 2:]``.
    ``wrap`` is set on frames whose text gets a fixed verdict: ``KEEP`` for the
    chosen article containers, a rule name for a cut element. ``judge`` is
    true inside the article only: there blocks may still be dropped as link
    lists or furniture labels (outside, every line keeps the verdict around it).
    """

    __slots__ = ("tag", "start", "chars", "link_chars", "in_link", "wrap", "judge")

    def __init__(self, tag: str, out: list, in_link: bool, wrap=None, judge: bool = False):
        self.tag, self.start, self.chars, self.link_chars = tag, len(out), 0, 0
        self.in_link, self.wrap, self.judge = in_link, wrap, judge
        out += _SLOTS


_SLOTS = (None, None)  # a frame's separator and verdict marker, filled in when it closes
_END = object()  # in the output: the end of the innermost verdict (its start is a 1-tuple)


KEEP = "keep"  # the verdict of article text (a removal's rule otherwise)
NOT_MAIN = "html.not_main"  # visible text outside the chosen article containers

# Whole blocks that are web-page furniture whatever the site: ad labels,
# teaser links, share prompts, a player's or widget's "Loading..." placeholder (in the
# languages it is most often left in the markup: "正在加载...", "読み込み中…", "Cargando...";
# only words whose first letter some other alternative begins with, or non-ASCII: the
# compiled walk asks this pattern of a block only when its first character may begin a
# match, and a new ASCII first letter would send more blocks to it).
# Matched on the block's full, stripped text.
FURNITURE_LINE_RE = re.compile(
    r"(?:advertisement|advert|ad|sponsored|continue reading(?: below)?|read more|"
    r"story continues below(?: advertisement)?|related(?: articles| stories| content)?|"
    r"share(?: this)?(?: article| story| post)?|comments?|print|email|"
    r"this slideshow requires javascript|loading\W*|"
    r"(?:正在)?(?:加载|载入|載入|读取|讀取|加載)中?|読み込み中|로딩\s?중|불러오는\s?중|cargando|carregando|"
    r"chargement(?: en cours)?|caricamento(?: in corso)?|загрузка|ładowanie)\W*",
    re.I,
)
LINK_DENSE = 0.5
TABLE_PARTS = frozenset("td th tr tbody thead tfoot".split())
# Blocks inside the article that are never judged as link lists: table parts (a title
# column of links is data), subheadings (a listicle links each item's name: "<h2><a
# href=...>3. Harbour Movers</a></h2>"; teaser cards are judged by the card around them)
# and a definition list's terms (a glossary links its terms: "<dt><a>Bollard</a></dt><dd>...";
# a <dl> of links is judged as a whole).
NOT_LINK_LISTS = TABLE_PARTS | SUBHEADINGS | {"dt"}
# Block tags that hold paragraphs rather than prose ("" is the render root).
CONTAINER_TAGS = frozenset("div article section main body header footer aside form".split() + [""])


def render_page(body: LexborNode, chosen: list[LexborNode], cuts: Cuts,
                unjudged: list[LexborNode] = ()) -> list[tuple[str, str]]:
    """Every visible line of the page, with its verdict: ``KEEP`` or the rule that dropped it.

    One walk over ``<body>``, a line break around every block element. Text
    inside the ``chosen`` containers is kept, except blocks that are mostly
    link text (``html.links``: menus, "read more" teasers, tag lists; a linked
    ``<p>`` in sentence case stays, see :func:`_reads_as_prose`), a
    furniture label (``html.furniture``: "Advertisement") or a bare ``<time>``
    between paragraphs (``html.dateline``). Cut elements are rendered where
    they stood, with their rule; anything else is ``html.not_main``. The
    innermost verdict wins, and a verdict change always starts a new line.
    Outside the article a subtree with no chosen container and no cut inside
    is taken in one C call (``text(separator=" ")``): one line per such
    block instead of one per nested block (the Python walk over every
    element of the page's furniture was half the extractor's time).

    >>> t = LexborHTMLParser('<body><div id="a"><p>A <b>b</b>c</p>d<br>e<ul><li>f</li><li>g</li></ul>'
    ...     '<div><a href="/x">Read this next story</a></div><p>Advertisement</p></div><p>z</p></body>')
    >>> for line in render_page(t.body, [t.css_first("#a")], {}): print(line)
    ('A bc', 'keep')
    ('d', 'keep')
    ('e', 'keep')
    ('f', 'keep')
    ('g', 'keep')
    ('Read this next story', 'html.links')
    ('Advertisement', 'html.furniture')
    ('z', 'html.not_main')
    """
    chosen_ids = {node.mem_id for node in chosen}
    whole_ids = {node.mem_id for node in unjudged}
    # Outside the article only cut elements need a verdict of their own: a
    # subtree holding neither a chosen container nor a cut placeholder is one
    # ``html.not_main`` run, its text taken in one C call (a line per text
    # node) instead of a Python walk over its elements.
    walk = _ancestors_of([*chosen, *(_placeholder_nodes(body, cuts) if cuts else ())])
    return _render_lines(_compiled_renderer(), body, chosen_ids, whole_ids, walk, cuts)


def _render_lines(walker, body: LexborNode, chosen_ids: set, whole_ids: set, walk: set,
                  cuts: Cuts) -> list[tuple[str, str]]:
    """:func:`render_page`'s lines: the walk and :func:`_lines` in C when ``walker`` (the compiled
    ``corpus_clean._lexbor_walk``) is given, in Python otherwise."""
    if walker is not None:
        return walker.lines_of(walker.render_out(body, chosen_ids, whole_ids, walk, cuts), NOT_MAIN, _END)
    return _lines(_render_out_python(body, chosen_ids, whole_ids, walk, cuts), NOT_MAIN)


def _render_out_python(body: LexborNode, chosen_ids: set, whole_ids: set, walk: set, cuts: Cuts) -> list:
    """:func:`render_page`'s walk: the flat list of text, separators and verdict markers
    that :func:`_lines` reads (the twin of ``_lexbor_walk.render_out``)."""
    out: list = []  # text, separators and verdict markers, in page order (see _Frame)
    frames = [_Frame("", out, False, wrap=NOT_MAIN)]
    stack: list = [body]
    while stack:
        item = stack.pop()
        if item is None:  # end of the element on top of the frame stack
            _close_frame(frames, out)
            continue
        if type(item) is tuple:  # a cut element, rendered in its placeholder's place
            node, rule, _ = item
            if node.mem_id not in walk:  # no cut inside it: its text in one C call
                out.extend(("\n", (rule,), node.text(deep=True, separator=" "), _END, "\n"))
                continue
            frames.append(_Frame(node.tag, out, False, wrap=rule))
            stack.append(None)
            child = node.first_child
            if child is not None:
                stack.append(child)
            continue
        if item is not body:
            # The next sibling waits under this node's subtree (and its end marker).
            sibling = item.next
            if sibling is not None:
                stack.append(sibling)
        tag = item.tag
        frame = frames[-1]
        if tag == "-text":
            text = item.text_content or ""
            n = len(text.strip())
            if n:
                out.append(html_flow.as_laid_out(text, item) if "\n" in text else text)
                frame.chars += n
                if frame.in_link:
                    frame.link_chars += n
            elif text:
                # Whitespace between inline elements separates words ("<b>a</b> <i>b</i>").
                out.append(" ")
                if cuts:
                    cut = cuts.get(item.mem_id)
                    if cut is not None:
                        stack.append(cut)
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag is None or tag.startswith("-") or tag == "_comment":
            continue
        if tag == "math":  # a formula is one run of its tokens, not a line per symbol
            text = html_flow.formula_text(item)
            out.append(text)
            frame.chars += len(text.strip())
            continue
        key = item.mem_id
        if not frame.judge and key not in walk:
            text = item.text(deep=True, separator=" ")
            out.extend(("\n", text, "\n") if tag in LINE_TAGS else (" ", text, " ") if tag in CELL_TAGS
                       else (text,))
            continue
        if key in chosen_ids:
            frames.append(_Frame(tag, out, False, wrap=KEEP, judge=key not in whole_ids))
            stack.append(None)
        elif tag == "time" and frame.tag in CONTAINER_TAGS and frame.judge:
            # a bare <time> between paragraphs is a dateline, not prose
            frames.append(_Frame(tag, out, False, wrap="html.dateline"))
            stack.append(None)
        # Only blocks (judged on close) and links (counted) need a frame;
        # other inline elements just pour their children into the current one.
        elif tag in BLOCK_TAGS or tag == "a":
            if tag == "table" and frame.judge and html_tables.is_data_table(item):
                tag = "tbody"  # a table of data is judged as its body is: never as a link list
            frames.append(_Frame(tag, out, frame.in_link or tag == "a", judge=frame.judge))
            stack.append(None)
        child = item.first_child
        if child is not None:
            stack.append(child)
    while len(frames) > 1:
        _close_frame(frames, out)
    return out


_RENDERER: list = []  # [the compiled walker, configured and checked, or None]; filled on first use


def _compiled_renderer():
    """``corpus_clean._lexbor_walk`` set up with the renderer's constants, or None (Python twin).

    It is checked once against :func:`_render_out_python` on a probe page (cuts, links,
    furniture, a data table, a formula, a dateline, text laid out over lines) before use.
    """
    if _RENDERER and native.switched_on():  # (configured once: ~230 calls a page take this way)
        return _RENDERER[0]
    walker = lexbor_walk.active()
    if walker is None:
        return None
    if not _RENDERER:
        _RENDERER.append(None)  # (while the probe page is read, the Python twins run)
        _RENDERER[0] = walker if _configure_renderer(walker) else None
    return _RENDERER[0]


def _reads_as_prose_at(out: list, start: int) -> bool:
    return _reads_as_prose(_text_of(out, start))


def _furniture_at(out: list, start: int) -> bool:
    return FURNITURE_LINE_RE.fullmatch(_text_of(out, start).strip()) is not None


def _special_tag_ids() -> frozenset:
    """Tag ids selectolax names itself ("-text", "-comment", "-doctype", "-document")."""
    document = LexborHTMLParser("<!doctype html><body><!-- c -->t</body>").root.parent
    return frozenset(n.tag_id for n in document.traverse(include_text=True) if (n.tag or "").startswith("-"))


_RENDER_PROBE = (
    "<body><header>Site <a href='/'>Home</a></header><div id='main'><time>May 1</time><p>One\n two "
    "<a href='/x'>and a link</a> three.</p><div><a href='/a'>Teaser one</a> <a href='/b'>Teaser two</a></div>"
    "<p>Advertisement</p><p><a href='/c'>Read the whole story here</a></p><table><tr><td>cell</td>"
    "<td>42</td></tr></table><math><mi>x</mi><mn>2</mn></math><pre>a\nb</pre><br>"
    "<aside class='share'>Share <b>this</b></aside><!-- c --><ul><li>x</li></ul></div>"
    "<footer>Foot <span>er</span></footer></body>"
)


def _configure_renderer(walker) -> bool:
    """Hand the renderer's constants and helpers to the compiled walk; True when it then
    renders the probe page exactly as :func:`_render_out_python` does."""
    from corpus_clean.line_gate import leading_ascii  # (as _marker_rules: the boilerplate package on first use)

    named = _special_tag_ids()
    walker.configure_render({
        "newline": "\n", "space": " ", "end": _END, "keep": KEEP, "not_main": NOT_MAIN,
        "dateline": "html.dateline", "links": "html.links", "furniture": "html.furniture",
        "as_laid_out": html_flow.as_laid_out, "formula_text": html_flow.formula_text,
        "is_data_table": lambda node: html_tables.is_data_table(node),
        "reads_as_prose_at": _reads_as_prose_at, "furniture_at": _furniture_at,
        "furniture_lead": leading_ascii(FURNITURE_LINE_RE),  # (furniture_at is not asked of other leads)
        "link_dense": float(LINK_DENSE),
        **{name: next(iter(lexbor_walk.tag_ids([name]))) for name in ("br", "math", "time", "a", "table", "tbody", "p")},
        "text": next(n.tag_id for n in LexborHTMLParser("<p>t</p>").body.traverse(include_text=True)
                     if n.tag == "-text"),
        "block": lexbor_walk.tag_ids(BLOCK_TAGS), "line": lexbor_walk.tag_ids(LINE_TAGS),
        "cell": lexbor_walk.tag_ids(CELL_TAGS), "not_link_lists": lexbor_walk.tag_ids(NOT_LINK_LISTS),
        "container": lexbor_walk.tag_ids(CONTAINER_TAGS - {""}), "named": named,
    })
    for lenient in (False, True):
        outs = []
        for compiled in (walker, None):
            tree = LexborHTMLParser(_RENDER_PROBE)
            cuts = strip_junk(tree, lenient=lenient)
            chosen = [tree.css_first("#main")]
            walk = _ancestors_of([*chosen, *_placeholder_nodes(tree.body, cuts)])
            outs.append(_render_lines(compiled, tree.body, {n.mem_id for n in chosen}, set(), walk, cuts))
        if outs[0] != outs[1]:
            return False
    # (while this runs, _compiled_renderer gives None: the html functions below run their Python)
    tree = LexborHTMLParser(_RENDER_PROBE)
    paragraphs = [(p.node.mem_id, p.chars, p.link_chars, p.commas) for p in collect_paragraphs(tree.body)]
    if paragraphs != [(node.mem_id, *counts) for node, *counts in walker.paragraphs(tree.body, MAX_INLINE_HOPS)]:
        return False
    for node in tree.body.traverse(include_text=True):
        if walker.text_length(node, _P_TAG_ID) != _para_chars(node) or walker.raw_text_length(node) != len(node.text()) or \
                (min(1.0, walker.text_length(node, _A_TAG_ID) / walker.text_length(node, 0))
                 if walker.text_length(node, 0) else 1.0) != link_density(node) or \
                walker.text_lengths(node, _A_TAG_ID) != (stripped_chars(node), link_chars(node)):
            return False
    return True


def _placeholder_nodes(body: LexborNode, cuts: Cuts) -> list[LexborNode]:
    return [placeholder for _, _, placeholder in cuts.values()]


def _ancestors_of(nodes: list[LexborNode]) -> set[int]:
    """``mem_id`` of ``nodes`` and all their ancestors (detached subtrees included)."""
    walker = lexbor_walk.active()
    if walker is not None:  # the same walk up in C, without a node object per step
        return walker.ancestors(nodes)
    out: set[int] = set()
    for node in nodes:
        while node is not None:
            key = node.mem_id
            if key in out:
                break
            out.add(key)
            node = node.parent
    return out


def _close_frame(frames: list, out: list) -> None:
    """Pop the top frame; fill in its slots in ``out``: a block of furniture gets its rule.

    A block's text is set off by newlines (a table cell's by spaces); a verdict
    goes in as a marker, ``(rule,)`` in the frame's second slot and ``_END``
    after its text, so that the text is never copied while rendering (the
    output stays linear in the page's size however deep the tree).
    """
    frame = frames.pop()
    parent = frames[-1]
    if frame.wrap is not None:
        _set_verdict(out, frame.start, frame.wrap)
        if frame.wrap is not KEEP:
            return
    elif frame.tag in BLOCK_TAGS:
        if frame.judge:
            # Table cells and rows that are links are data (a title column), not
            # navigation: a link-dense table is judged as a whole; so are linked subheadings.
            if frame.chars and frame.link_chars > frame.chars * LINK_DENSE and frame.tag not in NOT_LINK_LISTS \
                    and not (frame.tag == "p" and _reads_as_prose(_text_of(out, frame.start))):
                _set_verdict(out, frame.start, "html.links")
                return
            # (A block with no text of its own can only hold whitespace and cut text, which
            # keeps its own verdict: no need to look at it.)
            if 0 < frame.chars < 40 and FURNITURE_LINE_RE.fullmatch(_text_of(out, frame.start).strip()):
                _set_verdict(out, frame.start, "html.furniture")
                return
        separator = " " if frame.tag in CELL_TAGS else "\n"
        out[frame.start] = separator
        out.append(separator)
    parent.chars += frame.chars
    parent.link_chars += frame.link_chars


def _set_verdict(out: list, start: int, rule: str) -> None:
    """Give the text of the frame that starts at ``start`` the verdict ``rule``, on lines of its own."""
    out[start] = "\n"
    out[start + 1] = (rule,)
    out.append(_END)
    out.append("\n")


def _text_of(out: list, start: int) -> str:
    r"""The text written since the frame at ``start`` opened, whatever its verdicts.

    >>> _text_of([None, None, "a", "\n", ("html.links",), "b", _END, None], 0)
    'a\nb'
    """
    return "".join([item for item in out[start + 2:] if type(item) is str])


def _reads_as_prose(text: str) -> bool:
    """A linked paragraph written in sentence case, not a shouted teaser ("CLICK HERE ...").

    >>> _reads_as_prose("Read the full transcript of his interview"), _reads_as_prose("GET THE APP BY CLICKING HERE")
    (True, False)
    """
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and sum(c.isupper() for c in text) < 0.5 * letters


def _lines(out: list, verdict: str) -> list[tuple[str, str]]:
    r"""Tidy lines of the renderer's output with the innermost verdict of each.

    ``out`` holds text, ``None`` (an unused slot), ``(rule,)`` (the start of a
    verdict) and ``_END`` (its end). Text with one verdict is joined, split on
    newlines, whitespace-collapsed, and blank lines dropped.

    >>> _lines(["  a \u00a0 b\n\n", ("html.nav",), "\t c  \n", _END, None, "d"], "keep")
    [('a b', 'keep'), ('c', 'html.nav'), ('d', 'keep')]
    """
    runs: list[tuple[str, list[str]]] = [(verdict, [])]
    texts: Optional[list[str]] = runs[0][1]  # the run being filled; None after a verdict changed
    current, outer = verdict, []
    for item in out:
        if type(item) is str:
            if texts is None:  # the first text since the verdict changed
                if runs[-1][0] != current:
                    runs.append((current, []))
                texts = runs[-1][1]
            texts.append(item)
        elif item is None:
            continue
        elif item is _END:
            current, texts = outer.pop(), None
        else:
            outer.append(current)
            current, texts = item[0], None
    lines = []
    append = lines.append
    for rule, texts in runs:
        # (most pieces are blank, the page's indentation: ``filter(str.strip, ...)`` drops them
        # in C; strip and split agree on what is whitespace)
        for line in filter(str.strip, "".join(texts).split("\n")):
            append((" ".join(line.split()), rule))
    return lines


def _tidy(text: str) -> str:
    r"""Collapse runs of whitespace inside lines, strip lines, drop blank lines.

    >>> _tidy("  a \u00a0 b\n\n\t c  \n")
    'a b\nc'
    """
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- #
# In the pipeline: one base for every offset
# --------------------------------------------------------------------------- #
#
# An HTML record's raw text is the page's visible text (``visible_text``); the
# extraction's cuts are removals in it. Repair then runs on that text as on any
# other, the cuts are carried over to the repaired text, the rule packs run on
# what the cuts left (the article), and their removals are mapped back too. So
# for HTML as for text, ``removed`` indexes the repaired text, and the clean
# text is the repaired text with the removed spans taken out.


def rebase_removals(raw: str, repaired: str, removed: list[Removal]) -> Optional[list[Removal]]:
    """Whole-line removals of ``raw`` moved onto ``repaired`` (same lines, repaired).

    Returns None when repair changed the number of lines (a ``&#10;`` entity
    turned into a newline): the caller then repairs line by line.

    >>> raw = "Home\\nCafÃ© opens.\\n"
    >>> rebase_removals(raw, "Home\\nCafé opens.\\n", [Removal(0, 5, "html.nav", "Home\\n")])
    [Removal(start=0, end=5, rule='html.nav', text='Home\\n')]
    >>> rebase_removals(raw, "Café opens.\\n", [Removal(0, 5, "html.nav", "Home\\n")]) is None
    True
    """
    if repaired == raw or not removed:
        return list(removed)
    raw_starts = _line_starts(raw)
    new_starts = _line_starts(repaired)
    if len(raw_starts) != len(new_starts):
        return None
    line_of = {start: i for i, start in enumerate(raw_starts)}
    out = []
    for r in removed:
        start, end = new_starts[line_of[r.start]], new_starts[line_of[r.end]]
        out.append(Removal(start, end, r.rule, repaired[start:end]))
    return out


def _line_starts(text: str) -> list[int]:
    """Offsets where lines start, plus ``len(text)`` (for a text ending in a newline).

    >>> _line_starts("ab\\nc\\n")
    [0, 3, 5]
    """
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    if starts[-1] != len(text):
        starts.append(len(text))
    return starts


def repair_by_line(raw: str) -> tuple[str, dict[str, int]]:
    """Mojibake repair of each line alone (newlines it makes become spaces).

    The fallback of :func:`rebase_removals`: every line stays one line.

    >>> repair_by_line("a&#10;b\\nc\\n")[0]
    'a b\\nc\\n'
    """
    from collections import Counter

    from corpus_clean.mojibake import repair

    fixes: Counter = Counter()
    lines = []
    for line in raw.split("\n"):
        fixed, counts = repair(line)
        fixes.update(counts)
        lines.append(" ".join(fixed.split("\n")))
    return "\n".join(lines), dict(fixes)


def kept_segments(text: str, removed: list[Removal]) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` not covered by the sorted ``removed``.

    >>> kept_segments("aaXXbbYY", [Removal(2, 4, "r", "XX"), Removal(6, 8, "r", "YY")])
    [(0, 2), (4, 6)]
    """
    segments = []
    pos = 0
    for r in removed:
        if r.start > pos:
            segments.append((pos, r.start))
        pos = max(pos, r.end)
    if pos < len(text):
        segments.append((pos, len(text)))
    return segments


def map_removals(text: str, segments: list[tuple[int, int]], removed: list[Removal]) -> list[Removal]:
    """Removals with offsets into the concatenated ``segments`` of ``text``, moved onto ``text``.

    A removal that spans a gap between segments becomes one removal per segment.

    >>> text = "aaXXbbYY"
    >>> map_removals(text, [(0, 2), (4, 6)], [Removal(1, 3, "r", "ab")])
    [Removal(start=1, end=2, rule='r', text='a'), Removal(start=4, end=5, rule='r', text='b')]
    """
    out = []
    offsets = []  # start of each segment in the concatenated text
    pos = 0
    for start, end in segments:
        offsets.append(pos)
        pos += end - start
    for r in removed:
        k = max(0, bisect_right(offsets, r.start) - 1)
        while k < len(segments) and offsets[k] < r.end:
            seg_start, seg_end = segments[k]
            lo = seg_start + max(0, r.start - offsets[k])
            hi = seg_start + min(seg_end - seg_start, r.end - offsets[k])
            if hi > lo:
                out.append(Removal(lo, hi, r.rule, text[lo:hi]))
            k += 1
    return out


def marker_removals(text: str) -> list[Removal]:
    """Whole lines of ``text`` matching one of the rule packs' unconditional line rules.

    These are the rules validation looks for (``text_no_boilerplate``): a line
    such as "ADVERTISING", "(Reporting by ...)" or a row of underscores left in
    an extracted article would send the record to quarantine. The packs' other
    mechanisms (repeats, headlines, menu runs) cut article lines of extracted text.

    >>> marker_removals("A paragraph of the article, long enough.\\nADVERTISEMENT\\n")[0].rule
    'ads.advertisement'
    """
    combined, rules = _marker_rules()
    out = []
    if combined is None:
        return out
    for m in combined.finditer(text):
        start, end = m.start(), m.end()
        if end < len(text) and text[end] == "\n":
            end += 1
        line = text[m.start():m.end()].strip(" \t")
        name = next((rule_id for rule_id, regex in _rules_led_by(line, rules) if regex.fullmatch(line)), "markers")
        if end > start:
            out.append(Removal(start, end, name, text[start:end]))
    return out


def marker_line(line: str) -> bool:
    """``bool(marker_removals(line))``, for one rendered line: the marker rules cut it.

    A line holds no newline, so the whole-line alternation can only match at its
    start: one ``match`` there answers (the gate and ``finditer``'s machinery cost more
    than the regex on one line: ~1,100 calls a pass on the readability set's wiki
    pages, whose reference lists are judged line by line). An empty match there, or
    a newline, takes the general way.

    >>> marker_line("ADVERTISEMENT"), marker_line("A paragraph of the article.")
    (True, False)
    """
    finder, _ = _marker_rules()
    if finder is None:
        return False
    if "\n" in line:
        return bool(marker_removals(line))
    match = finder.regex.match(line)
    if match is None:
        return False
    return match.end() > 0 or bool(marker_removals(line))


_MARKERS: Optional[tuple] = None
_RULES_BY_LEAD: Optional[tuple] = None


def _rules_led_by(line: str, rules: list) -> list:
    """The marker rules (``rules``, in their order) a full match of which may begin as ``line`` begins: not
    those no match of which begins with its first character when that is ASCII (line_gate.leading_ascii;
    a matched line was named by trying every rule in turn, ~40 full matches for most lines, ~2 % of a
    WCXB page's time). The first of them that full-matches ``line`` is the first of ``rules`` that does.

    >>> _, rules = _marker_rules()
    >>> len(_rules_led_by("ADVERTISEMENT", rules)) < len(rules) == len(_rules_led_by("", rules))
    True
    """
    global _RULES_BY_LEAD
    if _RULES_BY_LEAD is None or _RULES_BY_LEAD[0] is not rules:
        from corpus_clean.line_gate import leading_ascii

        leads = [leading_ascii(regex) for _, regex in rules]
        _RULES_BY_LEAD = (rules, [[rule for rule, lead in zip(rules, leads) if lead is None or lead[code]]
                                  for code in range(128)])
    first = ord(line[0]) if line else 128
    return _RULES_BY_LEAD[1][first] if first < 128 else rules


def _marker_rules() -> tuple:
    """The combined marker regex (from the packs) and each rule's own regex, compiled once.

    The combined regex is searched behind an RE2 gate (most articles hold no marker
    line: see corpus_clean.line_gate); its matches are the regex's own.
    """
    global _MARKERS
    if _MARKERS is None:
        from corpus_clean.boilerplate import whole_line_regexes
        from corpus_clean.boilerplate.rules import load_rules
        from corpus_clean.line_gate import GatedFinder

        unconditional = [rule for rule in load_rules().rules if rule.is_unconditional]
        combined = whole_line_regexes(unconditional)
        rules = [(rule.id, re.compile(rule.inline_pattern())) for rule in unconditional]
        finder = GatedFinder(re.compile(combined[0]), [rule.inline_pattern() for rule in unconditional]) \
            if combined else None
        _MARKERS = (finder, rules)
    return _MARKERS


# The text path's rule packs after extraction: measured with benchmarks/extraction.py,
# all of them cut more article lines than furniture from extracted text (F1 with /
# without: scrapinghub .968 / .975, readability fixtures .728 / .982, readability real
# pages .903 / .910, own generated pages .957 / .964), so the HTML path runs only the
# marker rules (:func:`marker_removals`).


def apply_cuts(docs: list) -> None:
    """Set each HTML Document's ``text`` to its repaired text without the removed spans.

    Called when extraction has put its cuts in ``removed`` (``repaired_text`` is
    then the raw visible text), and again by the steps that change either.
    """
    for doc in docs:
        doc.text = kept_text(doc.repaired_text, doc.removed)


def kept_text(text: str, removed: list[Removal]) -> str:
    """``text`` without the sorted ``removed`` spans: the :func:`kept_segments` joined (in C when
    built: one string made at once, without a slice per kept segment and the loop over the cuts;
    asked four times a page: the pipeline, the repair's rebase, the boilerplate step twice).

    >>> kept_text("aaXXbbYY", [Removal(2, 4, "r", "XX"), Removal(6, 8, "r", "YY")])
    'aabb'
    """
    compiled = native.active()
    if compiled is not None and type(removed) is list:
        joined = compiled.kept_text(text, removed)
        if joined is not None:  # (None: an offset that is not a non-negative int, left to the slices)
            return joined
    return "".join(text[s:e] for s, e in kept_segments(text, removed))


def rebase_cuts(docs: list) -> None:
    """After repair: move the extraction's cuts from the raw visible text onto the repaired one.

    Repair keeps lines as they are on visible text (no blank lines to join); when an
    entity such as ``&#10;`` would add a line, the record is repaired line by line
    instead (:func:`repair_by_line`) so the cuts still land on whole lines.
    """
    for doc in docs:
        cuts = rebase_removals(doc.raw_text, doc.repaired_text, doc.removed)
        if cuts is None:
            doc.repaired_text, doc.fixes = repair_by_line(doc.raw_text)
            cuts = rebase_removals(doc.raw_text, doc.repaired_text, doc.removed)
        doc.removed = cuts
    apply_cuts(docs)


def finish_html_documents(docs: list, rule_packs: Optional[bool] = None) -> None:
    """The boilerplate step on HTML Documents: line rules on the extracted article.

    Each doc comes with ``removed`` = the extraction's cuts, offsets into
    ``repaired_text`` (see :func:`rebase_cuts`). The rules run on what the cuts
    left; their removals are mapped back onto the repaired text and merged, so
    ``removed`` stays sorted, exact and in one base, and ``text`` is the repaired
    text without it. ``rule_packs``: None = the packs' marker rules only (the
    pipeline's choice), True = all rule packs, False = none.
    """
    todo = []
    for doc in docs:
        segments = kept_segments(doc.repaired_text, doc.removed)
        todo.append((doc, segments, kept_text(doc.repaired_text, doc.removed)))
    if rule_packs:
        from corpus_clean.boilerplate import strip_boilerplate_many

        # Rule packs only: the line classifier was fit on flattened pages and cuts
        # real paragraphs of extracted text (see benchmarks/pipeline.py).
        results = strip_boilerplate_many([kept for *_, kept in todo], use_classifier=False)
    elif rule_packs is False:
        results = [(kept, []) for *_, kept in todo]
    else:
        results = [(kept, marker_removals(kept)) for *_, kept in todo]
    if rule_packs is not False:
        # (a chronology's years and dates are its entries, not a post's counts or a dateline)
        results = [(kept, keep_dated_entries(kept, pack_removed)) for kept, pack_removed in results]
        # (an outline's item numbers alone on their lines, "1.2" over the item, are not counts)
        results = [(kept, keep_outline_numbers(kept, pack_removed)) for kept, pack_removed in results]
    for (doc, segments, _), (_, pack_removed) in zip(todo, results):
        doc.removed = sorted(doc.removed + map_removals(doc.repaired_text, segments, pack_removed),
                             key=lambda r: r.start)
    apply_cuts(docs)

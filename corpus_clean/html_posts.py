"""Users' posts in a page's panels: a Reviews or Questions tab is comments, not the page.

A product, recipe, rental or plugin page puts its own text (description,
specifications, amenities, changelog) and its users' text (reviews, questions
and answers, support threads) in the same tabs or accordion. The panels are
tied to their controls the same way (:mod:`corpus_clean.html_panels`), and
their labels are neutral often enough (``tab-3``, ``tab-pane``, ``panel``) that
a label cannot tell them apart. trafilatura (``include_comments=False``) and
WCXB's gold leave users' reviews out.

What tells them apart is the *shape* of the panel's content: a list of
repeated items, each signed as a user's post is signed: a **date** (a ``<time>``,
schema.org's ``datePublished``, "12 March 2024", "03/04/2024", "3 weeks ago"), and

- a **rating** (stars, "4/5", "4 out of 5", ``ratingValue``, a class naming a
  rating or stars),
- or an **author** (schema.org's ``author``, a ``<cite>``, a class naming the
  author or user, "asked by", "answered by", "reviewed by").

A date and a vote are enough too (a petition's "reasons for signing": "Jo · 3 days ago", a
sentence, "♥ 12"): a dated news item in a listing is never voted on. So are a date and a **reply**
control (a link or button reading "Reply", "Antworten", "Rispondi": :func:`has_reply`): readers answer
a reader's comment, never a dated news item or a changelog entry. A date, or **a vote** on the post: a business's testimonials are rated and signed
too, but undated and never voted on, and WCXB's gold keeps them on service pages
(measured: a rating and a paragraph without a date cut a WCXB dev service page's
testimonials, 0.79 -> 0.69). A shop's reviews are often undated; what they carry
instead is a control that counts readers' votes, in the page's language: a button or
link whose text is a word or two and a count ("Helpful (12)", "Hilfreich (3)",
"Utile (4)") or a thumb ("👍 12") -- read in the post, or, once
:func:`corpus_clean.html.strip_junk` has cut the buttons, among the cuts it passes.

A shop's customer questions are often neither dated, rated nor signed: a question, the shop's
answer and a vote ("12 · Helpful? 👍"). An item that opens with a question and goes on with its
answer (:func:`asks_and_answers`) counts as signed when it is voted on; a help page's own answers
("Was this helpful? Yes / No") carry no counted vote and stay.

:func:`holds_user_posts` is True when such posts hold most of an element's text.
A specification table, a changelog or a course's weeks carry a date or a name,
not both; a list of books or products carries authors and ratings, not the
date a user wrote something (a Goodreads list: its rows are books).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk
from corpus_clean.html_queries import html_module

__all__ = ["holds_user_posts", "is_user_post", "has_vote", "has_reply", "repeated_items", "asks_and_answers", "rated"]

MIN_POSTS = 2
POSTS_SHARE = 0.6  # of the element's text in the posts
ITEMS_SHARE = 0.6  # of a level's text in its repeated children
MAX_DEPTH = 4  # levels searched for the repeated items (panel > div.list > ul > li)
MIN_TEXT = 80  # a panel holding less is no list of posts

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|"
           "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
           "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
           "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
           "januari|februari|maart|augustus|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro")
DATE_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d\b"  # 03/04/2024, 3.4.24
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b"  # 2024-03-04
    rf"|\b\d{{1,2}}\.?\s+(?:{_MONTHS})\.?\s+(?:19|20)\d\d\b"  # 12 March 2024
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d\b"  # March 12, 2024
    r"|\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b"  # 3 weeks ago
    r"|\b(?:yesterday|today)\b",
    re.IGNORECASE)
RATING_RE = re.compile(r"[★☆⭐✩✪✭✮]|\b\d(?:[.,]\d)?\s*(?:/|out of)\s*(?:5|10)\b|\brated\s+\d", re.IGNORECASE)
AUTHOR_RE = re.compile(r"\b(?:asked|answered|posted|reviewed|written|submitted|replied)\s+(?:by|on)\b", re.IGNORECASE)
# A control counting readers' votes: a word or two and a count, or a thumb ("Helpful (12)", "Hilfreich (3)", "👍 12").
# A heart with a count ("♥ 12") is a like: a vote too.
VOTE_RE = re.compile(r"(?:[^\W\d_][\w'’-]*\s*){1,3}[(\[]\d{1,6}[)\]]$|[👍👎]|^[♥❤♡]\ufe0f?\s*\d{1,6}$")
VOTE_CONTROLS = "button,a,[role=button]"
# A control answering the post: "Reply" in the languages the pages are written in (the whole control's text).
REPLY_RE = re.compile(r"(?:reply|respond|antworten|rispondi|responder|responda|répondre|repondre|reageer|"
                      r"beantwoorden|odpowiedz|svara|svar|vastaa|ответить|返信|回复)$", re.IGNORECASE)
_VOTE_CONTROLS, _CLASSED = lexbor_walk.Query(VOTE_CONTROLS), lexbor_walk.Query("[class]")
# A question opening an item: an optional label ("Q:", "Question:", "Frage:") and a clause ending in "?"
# before any full stop; then an answer of MIN_ANSWER characters or more.
QUESTION_RE = re.compile(r"(?:[^\W\d_]{1,10}\s*[:.]\s*)?[^.!?\n]{8,300}\?(?=\s)")
MIN_ANSWER = 40
DATE_SELECTOR = "time,[itemprop=datePublished],[itemprop=dateCreated]"
RATING_SELECTOR = "[itemprop=ratingValue],[itemprop=reviewRating]"
AUTHOR_SELECTOR = "[itemprop=author],cite"
# (each answered by one C walk when built: see lexbor_walk.Query)
_DATES, _RATINGS, _AUTHORS = (lexbor_walk.Query(s) for s in (DATE_SELECTOR, RATING_SELECTOR, AUTHOR_SELECTOR))
_CLASS_WORD = re.compile(r"[a-z]+")
RATING_WORDS = frozenset(("rating", "ratings", "stars", "star", "score"))
AUTHOR_WORDS = frozenset(("author", "user", "username", "reviewer", "avatar", "member", "nickname", "byline"))


def holds_user_posts(node: LexborNode, cuts: Optional[dict] = None) -> bool:
    """True when most of ``node``'s text is in ``MIN_POSTS`` or more users' posts (:func:`is_user_post`).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> reviews = "".join(f"<li><b>Ana</b> <time>2 May 2024</time> <span>★★★★☆</span><p>Works well, a bit loud "
    ...                   f"at night, and the cable is short ({i}).</p></li>" for i in range(3))
    >>> specs = "".join(f"<tr><th>Weight {i}</th><td>{i} kg, measured in 2024</td></tr>" for i in range(4))
    >>> t = LexborHTMLParser(f"<div id='r'><ul>{reviews}</ul></div><div id='s'><table>{specs}</table></div>")
    >>> holds_user_posts(t.css_first("#r")), holds_user_posts(t.css_first("#s"))
    (True, False)
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    # (text lengths measured in C where built, without building the panel's text: stripped_chars)
    total = stripped_chars(node)
    if total < MIN_TEXT:
        return False
    items = repeated_items(node)
    if len(items) < MIN_POSTS:
        return False
    sizes = [stripped_chars(item) for item in items]
    need, left = POSTS_SHARE * total, sum(sizes)
    held = posts = 0
    for item, size in zip(items, sizes):
        if held + left < need:  # (the items not yet read cannot make up the share: no need to read them)
            return False
        left -= size
        if is_user_post(item, cuts):
            held += size
            posts += 1
            if posts >= MIN_POSTS and held >= need:  # (nor when the share is made up)
                return True
    return False


def repeated_items(node: LexborNode) -> list[LexborNode]:
    """The repeated children (one tag, two or more) that hold most of the text of ``node`` or of the
    element under it that holds most of its text, ``MAX_DEPTH`` levels down; else ``[]``.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='p'><h3>Reviews</h3><div><article>One post here</article>"
    ...                      "<article>Another post</article></div></div>")
    >>> [n.tag for n in repeated_items(t.css_first("#p"))]
    ['article', 'article']
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    for _ in range(MAX_DEPTH):
        children = [child for child in node.iter(include_text=False) if child.tag and not child.tag.startswith("-")]
        if not children:
            return []
        sizes = [stripped_chars(child) for child in children]
        total = sum(sizes) or 1
        by_tag: dict[str, list[int]] = {}
        for index, child in enumerate(children):
            by_tag.setdefault(child.tag, []).append(index)
        tag, indexes = max(by_tag.items(), key=lambda kv: sum(sizes[i] for i in kv[1]))
        if len(indexes) >= MIN_POSTS and sum(sizes[i] for i in indexes) >= ITEMS_SHARE * total:
            return [children[i] for i in indexes]
        node = children[max(range(len(children)), key=sizes.__getitem__)]
    return []


def is_user_post(item: LexborNode, cuts: Optional[dict] = None) -> bool:
    """True when ``item`` carries a date or a vote (:func:`has_vote`; ``cuts``: strip_junk's, where its buttons
    may be), and a rating or an author; a byline cut inside it (``cuts``) is an author, and its text is read for a date.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='a'><cite>Jo</cite>, 3 weeks ago: <p>Good.</p></div><div id='b'><h4>v2.1</h4>"
    ...                      "<p>Released 2 May 2024: faster start-up.</p></div><div id='c'>Dune by F. Herbert, 4.3/5</div>")
    >>> [is_user_post(t.css_first(f"#{k}")) for k in "abc"]
    [True, False, False]
    >>> u = LexborHTMLParser("<div id='r'><b>Karl</b> ★★★★☆ <p>Sturdy.</p><button>Hilfreich (3)</button></div>"
    ...                      "<div id='t'><b>Marta, Leeds</b> ★★★★★ <p>Lovely team.</p><a href='/book'>Book now</a></div>")
    >>> is_user_post(u.css_first("#r")), is_user_post(u.css_first("#t"))
    (True, False)
    """
    text = item.text(separator=" ", strip=True)
    signature = _cut_signature(item, cuts) if cuts else None
    if signature is not None:  # a byline cut inside the item: signed, and perhaps dated
        text = f"{text} {signature}"
    if not (_has_date(text) or _DATES.first(item) is not None):
        return (signature is not None or _rated_or_signed(item, text) or asks_and_answers(text)) and has_vote(item, cuts)
    # Dated and voted on ("3 days ago" ... "♥ 12"): readers like a reader's post, not a dated news item;
    # dated with a "Reply" control: readers answer it (see has_reply).
    return signature is not None or _rated_or_signed(item, text) or has_vote(item, cuts) or has_reply(item, cuts)


# Every date DATE_RE finds holds a digit, but "yesterday" and "today": a text without either
# is read in two quick scans, not DATE_RE's (~180 ns a character: six branches tried at every
# word; half the items judged hold no digit).
_DIGIT, _DAY_WORD = re.compile(r"\d"), re.compile(r"yesterday|today", re.IGNORECASE)


def _top_level_branches(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level (``|`` outside groups and classes).

    >>> _top_level_branches(r"a(?:b|c)|[|]d|e")
    ['a(?:b|c)', '[|]d', 'e']
    """
    branches, depth, in_class, start, k = [], 0, False, 0, 0
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            k += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:k])
            start = k + 1
        k += 1
    return [*branches, pattern[start:]]


_YEAR_NEEDED = r"(?:19|20)\d\d"


def _dates_open_with_a_digit_or_hold_a_year(pattern: str) -> bool:
    """True when every alternative of ``pattern`` opens with ``\\b`` and a digit, or holds ``_YEAR_NEEDED``
    outside any group (not optional), or is the day words' (what :func:`_has_date`'s quick path assumes of
    DATE_RE: checked on its source at import, so a new form of date switches the quick path off).

    >>> _dates_open_with_a_digit_or_hold_a_year(DATE_RE.pattern), _dates_open_with_a_digit_or_hold_a_year(r"\\blast week")
    (True, False)
    """
    for branch in _top_level_branches(pattern):
        if branch.startswith((r"\b\d", r"\b(?:19|20)")) or branch == r"\b(?:yesterday|today)\b":
            continue
        at = branch.find(_YEAR_NEEDED)
        depth = sum(1 if c == "(" else -1 if c == ")" else 0 for c in branch[:at]) if at >= 0 else -1
        if at < 0 or depth != 0 or branch[at + len(_YEAR_NEEDED):][:1] in ("?", "*", "{"):
            return False
    return True


# A date DATE_RE finds either opens with a digit that opens a word (the numeric forms, "12 March 2024",
# "3 weeks ago") or holds a year ("March 12, 2024") or is a day word: its six forms are tried only where
# a digit opens a word (_DIGIT_OPENING finds them in C), and the whole search runs only when the text
# holds a year or a day word besides. DATE_RE tried all six forms at every position (~230 ns a
# character: the costliest of Python's patterns on a cold WCXB page, benchmarks/html_regex_speed.py).
_DIGIT_OPENING = re.compile(r"\d(?<!\w\d)")
_YEAR = re.compile(_YEAR_NEEDED)
# "day" in any case _DAY_WORD's IGNORECASE accepts (no character but "D" and "d" folds to "d" in Python's
# engine; tests/test_html_speed21.py checks every code point): led by a class, not a flag, so the
# engine skips to the candidates in C where the flag tries every position (2 µs against 13 on 750
# characters)
_DAY_LETTERS = re.compile("[Dd](?i:ay)")
_DATE_QUICK = _dates_open_with_a_digit_or_hold_a_year(DATE_RE.pattern)


def _has_date(text: str) -> bool:
    """``bool(DATE_RE.search(text))``.

    >>> _has_date("Jo, 3 weeks ago"), _has_date("Jo, yesterday"), _has_date("Jo, in 2 parts"), _has_date("Jo")
    (True, True, False, False)
    >>> _has_date("Posted March 12, 2024"), _has_date("Posted 12.3.24"), _has_date("a12.3.24"), _has_date("todays")
    (True, True, False, False)
    """
    if not _DATE_QUICK:
        if _DIGIT.search(text) is None and _DAY_WORD.search(text) is None:
            return False
        return DATE_RE.search(text) is not None
    for opening in _DIGIT_OPENING.finditer(text):
        if DATE_RE.match(text, opening.start()):
            return True
    # (no date opens with a digit here: one must hold a year or be a day word, which holds "day")
    if _YEAR.search(text) is None and (_DAY_LETTERS.search(text) is None or _DAY_WORD.search(text) is None):
        return False
    return DATE_RE.search(text) is not None


BYLINE_RULE = "html.byline"


def _cut_signature(item: LexborNode, cuts: dict) -> Optional[str]:
    """The text of the bylines :func:`corpus_clean.html.strip_junk` cut inside ``item`` ("Jo · 3 May 2024"), or None.

    A post's signature is often labelled ``meta`` or ``byline``: cut before the posts are looked for,
    it is read here from the cuts (placeholder id -> (element, rule, placeholder)), as :func:`has_vote`
    reads cut buttons.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import strip_junk
    >>> t = LexborHTMLParser("<body><li id='a'><div class='meta'>Jo · 3 May 2024</div><p>Lovely.</p></li></body>")
    >>> cuts = strip_junk(t)
    >>> _cut_signature(t.css_first("#a"), cuts), is_user_post(t.css_first("#a"), cuts), is_user_post(t.css_first("#a"))
    ('Jo · 3 May 2024', True, False)
    """
    found = [entry[0].text(separator=" ", strip=True) for node in item.traverse(include_text=True)
             if node.tag == "-text" and (entry := cuts.get(node.mem_id)) is not None and entry[1] == BYLINE_RULE]
    return " ".join(found) if found else None


def asks_and_answers(text: str) -> bool:
    """True when ``text`` opens with a question (after an optional "Q:" label) and goes on with an answer.

    A shop's customer questions are often neither dated nor signed: a question, the shop's answer and a
    vote on it. The vote alone does not make a post (a help page's answers carry "Was this helpful? 👍");
    a vote on an item that *opens* with a question and then answers it does (:func:`is_user_post`).

    >>> asks_and_answers("Q: Does it fit a 40 cm drawer? A: Yes, with the short rail, as most buyers report.")
    True
    >>> asks_and_answers("Fits a 40 cm drawer with the short rail. Helpful? 👍"), asks_and_answers("Is it loud?")
    (False, False)
    """
    match = QUESTION_RE.match(text)
    return match is not None and len(text) - match.end() >= MIN_ANSWER


def _rated_or_signed(item: LexborNode, text: str) -> bool:
    """True when ``item`` (its text ``text``) carries a rating or an author."""
    if _has_rating(text) or _RATINGS.first(item) is not None or _class_says(item, RATING_WORDS):
        return True
    return bool(_has_author(text) or _AUTHORS.first(item) is not None or _class_says(item, AUTHOR_WORDS))


# Quick scans for what RATING_RE's and AUTHOR_RE's matches must hold: a digit or a star; "ed"
# or "en" (asked ... written) and blanks before "by" or "on". Without them, no match.
_RATING_MARK = re.compile(r"[\d★☆⭐✩✪✭✮]")
_AUTHOR_MARK = re.compile(r"(?:ed|en)\s+(?:by|on)\b", re.IGNORECASE)


def _ratings_of_three_forms(pattern: str) -> bool:
    """True when ``pattern`` is what :func:`_has_rating`'s quick path assumes of RATING_RE: a class of
    symbols, a form opening with ``\\b`` and a digit, and ``\\brated\\s+\\d`` (checked on its source at
    import: another shape switches the quick path off).

    >>> _ratings_of_three_forms(RATING_RE.pattern), _ratings_of_three_forms(r"[★]|\\bstars?\\b")
    (True, False)
    """
    branches = _top_level_branches(pattern)
    return len(branches) == 3 and re.fullmatch(r"\[[^\\\]]+\]", branches[0]) is not None \
        and branches[1].startswith(r"\b\d") and branches[2] == r"\brated\s+\d"


# RATING_RE's three forms asked apart (~40 ns a character for the whole, tried at every position): its
# symbols anywhere, its numeric form where a digit opens a word, "rated" only when the text holds it (in
# any case IGNORECASE accepts: no character but "R" and "r" folds to "r", tests/test_html_speed21.py).
_RATING_QUICK = _ratings_of_three_forms(RATING_RE.pattern)
_RATING_SYMBOLS = re.compile(_top_level_branches(RATING_RE.pattern)[0], RATING_RE.flags)
_RATED = re.compile("[Rr](?i:ated)")


def rated(node: LexborNode) -> bool:
    """True when ``node`` holds rating stars anywhere in its text or schema.org's rating markup (a quick look:
    :func:`_has_rating`'s other forms, "4/5", "rated 4", cost a search of the whole text).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div id='a'><p>Jo</p><p>★★★★☆</p></div><div id='b'><meta itemprop='ratingValue' "
    ...                      "content='4'></div><div id='c'><p>Five stars for the cook</p></div>")
    >>> [rated(t.css_first(f"#{k}")) for k in "abc"]
    [True, True, False]
    >>> _RATING_SYMBOLS.pattern == f"[{RATING_STARS}]"
    True
    """
    text = node.text()
    # (``in`` per star, not _RATING_SYMBOLS' search: a text of Latin-1 characters alone answers at once)
    return any(star in text for star in RATING_STARS) or _RATINGS.first(node) is not None


# The stars RATING_RE's first alternative reads (``rated`` looks for each: checked against the pattern below).
RATING_STARS = "★☆⭐✩✪✭✮"


def _has_rating(text: str) -> bool:
    """``bool(RATING_RE.search(text))``.

    >>> _has_rating("4 out of 5"), _has_rating("★★★☆"), _has_rating("Rated 4"), _has_rating("4 of 7"), _has_rating("ok")
    (True, True, True, False, False)
    >>> _has_rating("x4/5"), _has_rating("Jo rated it 4/5 stars"), _has_rating("rated: 4")
    (False, True, False)
    """
    if _RATING_MARK.search(text) is None:
        return False
    if not _RATING_QUICK:
        return RATING_RE.search(text) is not None
    if _RATING_SYMBOLS.search(text) is not None:
        return True
    for opening in _DIGIT_OPENING.finditer(text):
        if RATING_RE.match(text, opening.start()):
            return True
    return _RATED.search(text) is not None and RATING_RE.search(text) is not None


def _has_author(text: str) -> bool:
    """``bool(AUTHOR_RE.search(text))``.

    >>> _has_author("Asked by Jo"), _has_author("Written on 2 May"), _has_author("Edited by Jo"), _has_author("by Jo")
    (True, True, False, False)
    """
    return _AUTHOR_MARK.search(text) is not None and AUTHOR_RE.search(text) is not None


def has_vote(item: LexborNode, cuts: Optional[dict] = None) -> bool:
    """True when ``item`` holds a control counting readers' votes (:data:`VOTE_RE`: "Helpful (12)", "👍 3"), shown
    or already cut (a placeholder of ``cuts``, strip_junk's, standing for a cut button).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<li id='a'><p>Good.</p><a href='#'>Utile (4)</a></li><li id='b'><button>Add to cart</button>"
    ...                      "<button>Compare</button></li>")
    >>> has_vote(t.css_first("#a")), has_vote(t.css_first("#b"))
    (True, False)
    """
    return _has_control(item, VOTE_RE, cuts)


def has_reply(item: LexborNode, cuts: Optional[dict] = None) -> bool:
    """True when ``item`` holds a control whose whole text is "Reply" (:data:`REPLY_RE`, in the pages'
    languages), shown or already cut (a placeholder of ``cuts``, strip_junk's, standing for a cut button or link).

    A reader's comment carries one (to answer it); a dated item of a news listing, a changelog or a
    course's week does not. Only dated items are asked (:func:`is_user_post`).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<li id='a'><p>Good.</p><a href='#'>Rispondi</a></li><li id='b'><p>Read the reply.</p>"
    ...                      "<a href='#'>Read more</a></li>")
    >>> has_reply(t.css_first("#a")), has_reply(t.css_first("#b"))
    (True, False)
    """
    return _has_control(item, REPLY_RE, cuts)


def _has_control(item: LexborNode, pattern: re.Pattern, cuts: Optional[dict]) -> bool:
    """True when a control of ``item`` (:data:`_VOTE_CONTROLS`) has a whole text ``pattern`` matches from its
    start, or a placeholder of ``cuts`` in it stands for a cut button or link whose text does: what
    :func:`has_vote` and :func:`has_reply` each ask with their own pattern."""
    if any(pattern.match(control.text(strip=True)) for control in _VOTE_CONTROLS.select(item)):
        return True
    if not cuts:
        return False
    for node in item.traverse(include_text=True):
        entry = cuts.get(node.mem_id) if node.tag == "-text" else None
        if entry is not None and entry[0].tag in ("button", "a") and pattern.match(entry[0].text(strip=True)):
            return True
    return False


def _class_says(item: LexborNode, words: frozenset) -> bool:
    """True when ``item`` or an element in it has a class word in ``words``.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div class='post'><span class='Star-Rating-3'>x</span></div>")
    >>> _class_says(t.css_first("div"), RATING_WORDS), _class_says(t.css_first("div"), AUTHOR_WORDS)
    (True, False)
    """
    # (the classes read in one C walk when built, no node object or attribute dict each: the item's
    # own, when it has one, comes first; each class string's words found once per process)
    rows = _CLASSED.labels(item)
    classes = [node.attributes.get("class") for node in [item, *_CLASSED.select(item)]] if rows is None \
        else [row[1] for row in rows]
    return any(cls and not words.isdisjoint(_class_words(cls)) for cls in classes)


@lru_cache(maxsize=1 << 14)
def _class_words(cls: str) -> frozenset:
    """The lower-case words of a class string (``_CLASS_WORD``), remembered: sites repeat their classes.

    >>> sorted(_class_words("StarRating-3 user_name"))
    ['name', 'starrating', 'user']
    """
    return frozenset(_CLASS_WORD.findall(cls.lower()))

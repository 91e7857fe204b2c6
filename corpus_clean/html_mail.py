"""A mail message's quoted text and signature: lines of another message, and the sender's card.

Mailing-list archives (pipermail, web archives of lists, a forum fed by mail) show
each message as its body in a ``<pre>`` or in paragraphs. A reply opens its quote of
the earlier message with an attribution line ("On Tue 3 May, Jo Bloggs wrote:",
"Am 3. Mai schrieb Jo:") and marks each quoted line with ``>``; the sender's
signature follows the separator ``-- `` (RFC 3676's "sig dashes"). The quoted lines
are another message's text, already in the corpus as that message (a duplicate a
training set does not want), and the signature is a card repeated under every
message its sender writes: neither is this message's text. trafilatura and
readability-lxml keep both.

:func:`cut_quotes_and_signature` works on the rendered lines: once a kept line reads
as an attribution (:data:`ATTRIBUTION_RE`), the kept lines that start with ``>`` are
cut as :data:`QUOTE_RULE` with it (replies interleave quotes and answers, so every
quoted line after it goes, not only the first run); an attribution not followed by
a quoted line is left alone. A kept line ``--`` followed by one to
:data:`MAX_SIGNATURE_LINES` short lines (a name, an affiliation, an address) is cut
with them as :data:`SIGNATURE_RULE` when the line before the dashes is a short sign-off and no
line of the card ends a sentence. Without an attribution, lines starting with
``>`` (a shell's continuation prompt in a code block) stay.

Web archives and mail clients' HTML put the quote in a ``<blockquote>`` instead, right
after the attribution's element: :func:`cut_quoted_blocks` cuts both. A blockquote
without an attribution before it is a quotation the author chose (a news story's,
an essay's) and stays. Forums write a reply's quote of an earlier post the same way
("Trilby wrote:" over a blockquote): a copy of a post the thread already shows, cut
too (WCXB's golds disagree: measured on its dev forums, one page gains 0.12, one
loses 0.04; a training set wants each post's text once).

Forum engines put the attribution *inside* the quote (phpBB's ``<blockquote><cite>Jo wrote:</cite>``,
XenForo's ``bbCodeBlock-title`` "Jo said:", vBulletin's "Originally Posted by Jo" in a
``bbcode_quote`` box), in every language the board is set to. :func:`cut_repeated_quotes` tells
such a quote by what it holds, not by its words: a ``<blockquote>`` or an element whose class
names a quote, inside a chosen block, whose longest run of text (:data:`REPEAT_MIN_CHARS` or
more) the chosen blocks show again outside every quote: a copy of a post the thread already
shows. It is cut whole (with its attribution) as :data:`QUOTE_RULE`. A quotation the author
chose (a news story's, an essay's) is not text the page shows twice, and stays; a pull quote
that repeats the story's own sentence goes, a duplicate as well.
"""
from __future__ import annotations

import re

from corpus_clean import lexbor_walk

__all__ = ["QUOTE_RULE", "SIGNATURE_RULE", "cut_quotes_and_signature", "cut_quoted_blocks", "cut_repeated_quotes"]

QUOTE_RULE = "html.quoted"
SIGNATURE_RULE = "html.signature"
# "On <date>, <name> wrote:" and its common forms in other languages (the mail clients' defaults; German's
# "Am <date> schrieb <name>:" puts the name after the verb). Past tense only: "As Joel writes:" over a
# blockquote is an essay quoting its source; and no question or exclamation in it ("Did you read what
# she actually wrote? She is mystified:" is a sentence of the author's).
ATTRIBUTION_RE = re.compile(
    r"^[^?!]{0,200}(?:\b(?:wrote|schreef|a écrit|escribió|ha scritto|escreveu|napisał|kirjoitti)\s*"
    r"|\b(?:schrieb|skrev)\b[^:?!.]{0,60}):$",
    re.IGNORECASE)
MAX_ATTRIBUTION_CHARS = 250
MAX_SIGNATURE_LINES = 4  # a signature is a few short lines: name, role, address, link
MAX_SIGNATURE_CHARS = 80  # per line
MAX_SIGNOFF_CHARS = 40  # the line before the dashes: "Thanks,", "Ana", "-- Ana Ruiz"
_MARKS = re.compile(r"^(?:>|--$)", re.MULTILINE)  # a quoted line or sig dashes, anywhere in the lines
_BLOCKQUOTES = lexbor_walk.Query("blockquote")  # (one C walk when built)
# A quote of an earlier post: a blockquote, or a box whose class names a quote ("bbcode_quote", "bbCodeBlock--quote").
_QUOTES = lexbor_walk.Query("blockquote,[class*=quote],[class*=Quote]")
REPEAT_MIN_CHARS = 40  # a sentence of the quoted post: a name or a short phrase repeats by chance
# A quote is its copied text and an attribution ("Originally Posted by jo_b", "Marta_K said:"): this many
# characters besides the copy at most (a box holding a reply beside the copy is the reply's too).
QUOTE_SLACK_CHARS = 100


def cut_quotes_and_signature(lines: list[tuple[str, str]], keep: str = "keep") -> list[tuple[str, str]]:
    """``lines`` with a reply's quoted lines (after its attribution) and a signature given their rules.

    >>> lines = [("Hi all,", "keep"), ("On Mon, Jo wrote:", "keep"), ("> Is the ferry late?", "keep"),
    ...          ("It is, by an hour.", "keep"), ("> And tomorrow?", "keep"), ("Also.", "keep"),
    ...          ("--", "keep"), ("Kim Lee", "keep"), ("Harbour Labs", "keep")]
    >>> [v for _, v in cut_quotes_and_signature(lines)]
    ['keep', 'html.quoted', 'html.quoted', 'keep', 'html.quoted', 'keep', 'html.signature', 'html.signature', 'html.signature']
    >>> shell = [("Run it:", "keep"), ("$ make \\\\", "keep"), ("> all", "keep")]
    >>> [v for _, v in cut_quotes_and_signature(shell)]
    ['keep', 'keep', 'keep']
    """
    # (most pages hold neither a quoted line nor sig dashes: one C-level join and substring tests, then nothing to do)
    if not _holds_marks("\n".join([text for text, _ in lines])):
        return lines
    out = list(lines)
    _cut_quotes(out, keep)
    _cut_signatures(out, keep)
    return out


def _holds_marks(text: str) -> bool:
    """``_MARKS.search(text) is not None``, by substring tests: a line opening with ``>`` or a line that is
    ``--`` (``re``'s ``^``/``$`` with MULTILINE: at the text's ends and at each ``\\n``). The regex tries every
    position of a page's text (~10,000 characters, twice as slow once one character is beyond Latin-1);
    ``str.find`` skips through it in C.

    >>> [_holds_marks(t) for t in ("a\\n> b", ">a", "a\\n--", "--\\nb", "a\\n--\\nb", "--", "a -- b", "a\\n--x", "a>b")]
    [True, True, True, True, True, True, False, False, False]
    """
    if text[:1] == ">" or "\n>" in text:
        return True
    return text == "--" or text.startswith("--\n") or text.endswith("\n--") or "\n--\n" in text


def _cut_quotes(out: list[tuple[str, str]], keep: str) -> None:
    """Cut each attribution followed by a quoted line, and every kept ``>`` line after it."""
    quoting = False
    for i, (text, verdict) in enumerate(out):
        if verdict != keep:
            continue
        if quoting and text[:1] == ">":
            out[i] = (text, QUOTE_RULE)
        elif len(text) <= MAX_ATTRIBUTION_CHARS and ATTRIBUTION_RE.match(text) and _next_kept_quoted(out, i, keep):
            out[i] = (text, QUOTE_RULE)
            quoting = True


def _next_kept_quoted(out: list[tuple[str, str]], i: int, keep: str) -> bool:
    """True when the first kept line after line ``i`` starts with ``>``."""
    return next((text[:1] == ">" for text, verdict in out[i + 1:] if verdict == keep), False)


def _cut_signatures(out: list[tuple[str, str]], keep: str) -> None:
    """Cut each kept ``--`` line after a sign-off with the short kept lines right after it (one to MAX_SIGNATURE_LINES).

    The line before the dashes is short (a name, "Thanks,"), and no line of the card ends a sentence
    (a name, a role, an address): a manual's ``--`` option over its description is not a signature.
    """
    for i, (text, verdict) in enumerate(out):
        if verdict != keep or text != "--" or i == 0 or out[i - 1][1] != keep or len(out[i - 1][0]) > MAX_SIGNOFF_CHARS:
            continue
        card = []
        for j in range(i + 1, len(out)):
            if out[j][1] != keep or len(card) == MAX_SIGNATURE_LINES or len(out[j][0]) > MAX_SIGNATURE_CHARS:
                break
            card.append(j)
        if card and not any(out[j][0].endswith((".", "!", "?", ":")) for j in card):
            for j in (i, *card):
                out[j] = (out[j][0], SIGNATURE_RULE)


def cut_quoted_blocks(chosen: list, cuts: dict, cut) -> int:
    """Cut each ``<blockquote>`` inside a ``chosen`` block whose previous element reads as an attribution,
    with that element, as :data:`QUOTE_RULE`; how many were cut. ``cut`` is :func:`corpus_clean.html._cut`.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import _cut
    >>> t = LexborHTMLParser("<div id='m'><p>Yes, by an hour.</p><p>On Mon 3 May, Jo Bloggs wrote:</p>"
    ...                      "<blockquote><p>Is the ferry late?</p></blockquote><blockquote>A line of verse, quoted.</blockquote></div>")
    >>> cut_quoted_blocks([t.css_first("#m")], {}, _cut), t.css_first("#m").text(separator="|")
    (1, 'Yes, by an hour.| | |A line of verse, quoted.')
    """
    done = 0
    for block in chosen:
        # (the quote may be the block itself: a long quote wins the scoring and the reply's paragraphs join it)
        for quote in [block] if block.tag == "blockquote" else _BLOCKQUOTES.select(block):
            if quote.parent is None:  # (cut already)
                continue
            before = quote.prev
            while before is not None and before.tag == "-text" and not (before.text() or "").strip():
                before = before.prev
            if before is None or before.tag in ("-text", "-comment"):
                continue
            text = " ".join(before.text().split())
            if len(text) <= MAX_ATTRIBUTION_CHARS and ATTRIBUTION_RE.match(text):
                cut(before, QUOTE_RULE, cuts)
                cut(quote, QUOTE_RULE, cuts)
                done += 1
    return done


def cut_repeated_quotes(chosen: list, cuts: dict, cut) -> int:
    """Cut each quote inside a ``chosen`` block whose text the chosen blocks show again outside it
    (see the module's docstring), as :data:`QUOTE_RULE`; how many were cut. ``cut`` is :func:`corpus_clean.html._cut`.

    A quote is mostly its longest run of text (at most :data:`QUOTE_SLACK_CHARS` besides): a post's body that holds a quote and the reply (vBulletin writes every post's body as a
    ``<blockquote>``) is no quote. Innermost quotes are judged first, and a run every other copy of which
    went with earlier quotes stays (a post quoted twice, its original not on this page, keeps one copy).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> from corpus_clean.html import _cut
    >>> post = "The ferry runs late on Sundays, by an hour at least, since the spring timetable."
    >>> t = LexborHTMLParser(f"<div id='t'><div class='post'>{post}</div><blockquote class='post'><blockquote><cite>Jo "
    ...     f"schreef:</cite>{post}</blockquote>Thanks, I did not know.</blockquote><blockquote>To be, or not to be: "
    ...     "that is the question, the prince asks.</blockquote></div>")
    >>> cut_repeated_quotes([t.css_first("#t")], {}, _cut)
    1
    >>> text = t.css_first("#t").text(); text.count("ferry"), "Thanks" in text, "prince" in text
    (1, True, True)
    """
    quotes = []
    for block in chosen:
        found = _QUOTES.select(block)
        if found:
            quotes.extend(found)
    if not quotes:  # (most pages: no quote in the chosen blocks)
        return 0
    seen: set = set()
    unique = []
    for quote in quotes:  # (an element matching two selectors comes twice)
        if quote.mem_id not in seen:
            seen.add(quote.mem_id)
            unique.append(quote)
    runs = {quote.mem_id: _longest_run(quote) for quote in unique}
    if not any(len(run) >= REPEAT_MIN_CHARS for run in runs.values()):
        return 0
    shown = " ".join(" ".join(block.text(deep=True).split()) for block in chosen)
    left: dict = {}  # copies of each run not yet cut
    done = 0
    for quote in sorted(unique, key=_depth, reverse=True):  # (innermost first)
        run = runs[quote.mem_id]
        if len(run) < REPEAT_MIN_CHARS or quote.parent is None or not _attached(quote, chosen):
            continue
        if done:  # (read again: a quote inside it may be cut by now)
            run = _longest_run(quote)
            if len(run) < REPEAT_MIN_CHARS:
                continue
        text = " ".join(quote.text(deep=True).split())
        if len(text) - len(run) > QUOTE_SLACK_CHARS:
            continue
        copies = left.setdefault(run, shown.count(run))
        own = text.count(run)
        if copies - own >= 1:
            cut(quote, QUOTE_RULE, cuts)
            left[run] = copies - own
            done += 1
    return done


def _depth(node) -> int:
    depth = 0
    while node is not None:
        node, depth = node.parent, depth + 1
    return depth


def _attached(node, chosen: list) -> bool:
    """``node`` is still under one of the ``chosen`` blocks (no ancestor of it was cut)."""
    ids = {block.mem_id for block in chosen}
    while node is not None:
        if node.mem_id in ids:
            return True
        node = node.parent
    return False


def _longest_run(node) -> str:
    """The longest text node under ``node``, its whitespace collapsed.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> _longest_run(LexborHTMLParser("<blockquote><cite>Jo wrote:</cite> The ferry\\n runs late.</blockquote>").css_first("blockquote"))
    'The ferry runs late.'
    """
    # (the text nodes joined by a separator no text holds, in C: no node object per text node)
    best = max(node.text(deep=True, separator="\x00").split("\x00"), key=len, default="")
    return " ".join(best.split())

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
"""
from __future__ import annotations

import re

from corpus_clean import lexbor_walk

__all__ = ["QUOTE_RULE", "SIGNATURE_RULE", "cut_quotes_and_signature", "cut_quoted_blocks"]

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

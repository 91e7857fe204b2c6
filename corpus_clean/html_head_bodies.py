"""The ``<head>``'s script and style bodies, which no step reads, left out before Lexbor parses a page.

Lexbor tokenises every byte of a ``<script>`` or ``<style>`` body (about a quarter of its
parse on WCXB's pages). The HTML path reads the text of none in ``<head>`` except JSON-LD
(``html.extract_metadata``, ``html_discussion``, ``html_sections``), and only the
``<body>`` is rendered or measured. So before the parse, :func:`blank_head_bodies` puts
one mark byte (:data:`MARK`) in place of each long head script or style body, and
:func:`parse_page` checks on the tree Lexbor built that every mark is the whole text of a
script or style element in ``<head>``: then the tree is the page's own but for those
texts. When one is not (the page was read wrongly), the page is parsed as it was.

The scan is not an HTML parser: it follows the head's start tags (their attributes,
quoted values holding ``>``), comments, doctype, ``<title>`` and a ``<noscript>`` of links,
metas and styles as the HTML standard's tokenizer does, and stops at the first thing it
does not know (any other tag, text, an end tag it did not open, a script holding ``<!--``:
then ``</script>`` may not end it). Why the check is enough: the bytes before a mark are
the page's own, so a mark Lexbor made the whole text of a head script or style follows a
real start tag of one; and such a body ends at the first ``</script`` (``</style``) and a
blank, ``/`` or ``>`` (the standard's script data and RAWTEXT states), where the scan ends
it. A page is copied without its bodies only when they are a tenth of it or more
(:data:`MIN_SHARE_LEFT_OUT`): the copy costs too.

>>> page = b'<html><head><script>var a = "</p>";</script><style>p{}</style></head><body>x</body></html>'
>>> blank_head_bodies(page, min_chars=4)
(b'<html><head><script>\\x01</script><style>p{}</style></head><body>x</body></html>', 1)
>>> parse_page(page.replace(b"var", b"var" + b" " * 60)).head.html
'<head><script>\\x01</script><style>p{}</style></head>'
"""
from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborHTMLParser

from corpus_clean import lexbor_walk

__all__ = ["MARK", "MIN_BODY_CHARS", "blank", "blank_head_bodies", "marks_in_head", "parse_page"]

MARK = b"\x01"  # (a control byte: no page holds it as a script's whole text; a page holding it anywhere is not scanned)
MIN_BODY_CHARS = 64  # a shorter body costs the tokenizer less than the check
# The page is copied without its bodies only when they are at least this share of it (callgrind, WCXB dev: each
# byte left out saves Lexbor ~12 instructions, copying the page costs ~0.75 a byte: break-even near 1/16).
MIN_SHARE_LEFT_OUT = 0.1
_BLANKS = b" \t\n\f\r"  # the HTML standard's ASCII whitespace (CR is read as LF)
_PASSED_TAGS = frozenset((b"html", b"head", b"meta", b"link", b"base"))  # (no body: the tag is skipped)
_RAW_TAGS = frozenset((b"script", b"style", b"title"))  # (a body ending at its end tag's name)
# Inside a <noscript> of the head (read as markup: scripting is off), only these keep the head going (a style's body
# there is skipped, not left out: its element is the noscript's child); anything else ends the head.
_NOSCRIPT_TAGS = frozenset((b"link", b"meta", b"style"))
_TAG_NAME = re.compile(rb"[A-Za-z][^\t\n\f\r />]*")
_NOT_BLANK = re.compile(rb"[^ \t\n\f\r]")
_SCRIPT_STYLE_IDS = tuple(next(iter(lexbor_walk.tag_ids([tag]))) for tag in ("script", "style"))


def tag_end(data: bytes, at: int) -> int:
    """Where a tag whose name ended just before ``at`` ends (after its ``>``), reading its attributes as the HTML
    standard's tokenizer does (a quoted value may hold ``>``; an unquoted one may hold quotes); -1 when the page
    ends first.

    >>> tag_end(b'<a b="x>y" c=d\\'e>z', 2), tag_end(b'<a b=\\'>\\'>', 2), tag_end(b"<a b c/>", 2), tag_end(b'<a b="', 2)
    (17, 9, 8, -1)
    """
    state, size = "before", len(data)
    while at < size:
        c = data[at:at + 1]
        at += 1
        if state in ("before", "after_value"):  # (a stray "/" is skipped; after a quoted value anything else starts a name)
            if c == b">":
                return at
            if c not in _BLANKS and c != b"/":
                state = "name"
        elif state in ("name", "after_name"):
            if c == b">":
                return at
            if c == b"=":
                state = "value"
            elif c in _BLANKS or c == b"/":
                state = "after_name" if c != b"/" else "before"
            else:
                state = "name"
        elif state == "value":
            if c == b">":
                return at
            if c in (b'"', b"'"):
                closing = data.find(c, at)
                if closing < 0:
                    return -1
                at, state = closing + 1, "after_value"
            elif c not in _BLANKS:
                state = "unquoted"
        elif c == b">":  # unquoted
            return at
        elif c in _BLANKS:
            state = "before"
    return -1


_END_TAGS = {name: re.compile(rb"</" + name + rb"[\t\n\f\r />]", re.IGNORECASE)
             for name in _RAW_TAGS | {b"noscript"}}


def _end_tag_at(data: bytes, name: bytes, at: int) -> int:
    """Where the first ``</name`` (any ASCII case) followed by a blank, ``/`` or ``>`` starts from ``at``: the end
    tag that closes a script, style or title body; -1 when there is none.

    >>> _end_tag_at(b"a</SCRIPTx></Script >", b"script", 0)
    11
    """
    found = _END_TAGS[name].search(data, at)
    return -1 if found is None else found.start()


def blank_head_bodies(data: bytes, min_chars: int = MIN_BODY_CHARS,
                      min_share: float = MIN_SHARE_LEFT_OUT) -> tuple[bytes, int]:
    """``data`` with :data:`MARK` in place of each ``<head>`` script or style body of ``min_chars`` bytes or more
    (not a script whose start tag names JSON or holds an entity: JSON-LD is read), and how many were replaced;
    ``data`` itself and 0 when they are less than ``min_share`` of the page.
    Reads the page from its start while it is the head's markup; stops at anything else.

    >>> blank_head_bodies(b"<noscript><link href=x><style>s</style></noscript ><style>" + b"x" * 70 + b"</style>")[1]
    1
    >>> blank_head_bodies(b"<noscript><img src=x></noscript><style>" + b"x" * 70 + b"</style>")[1]
    0

    >>> blank_head_bodies(b"<!doctype html><title>a</script></title><script>" + b"x" * 70 + b"</script>")
    (b'<!doctype html><title>a</script></title><script>\\x01</script>', 1)
    >>> blank_head_bodies(b"<script>" + b"x" * 70 + b"<!--</script>")[1], blank_head_bodies(b"<p>")[1]
    (0, 0)
    >>> blank_head_bodies(b'<script type="application/ld+json">' + b"x" * 70 + b"</script>")[1]
    0
    """
    pieces, kept_from, at, size = [], 0, 0, len(data)
    in_noscript = False
    while at < size:
        opening = data.find(b"<", at)
        if opening < 0 or _NOT_BLANK.match(data, at, opening):
            break
        if data.startswith(b"<!--", opening):
            if data.startswith((b">", b"->"), opening + 4):
                break  # (an empty comment closed at once: rare, not followed here)
            closing = data.find(b"-->", opening + 4)
            if closing < 0 or data.find(b"--!>", opening + 4, closing) >= 0:
                break
            at = closing + 3
            continue
        if data.startswith((b"<!", b"<?"), opening):  # doctype or bogus comment: the first ">" ends it
            closing = data.find(b">", opening)
            if closing < 0:
                break
            at = closing + 1
            continue
        name_match = _TAG_NAME.match(data, opening + 1)
        if name_match is None:
            if in_noscript and _END_TAGS[b"noscript"].match(data, opening):
                at, in_noscript = tag_end(data, opening + len(b"</noscript")), False
                if at < 0:
                    break
                continue
            break
        name = name_match.group().lower()
        if name == b"noscript" and not in_noscript:
            at, in_noscript = tag_end(data, name_match.end()), True
            if at < 0:
                break
            continue
        if name not in (_NOSCRIPT_TAGS if in_noscript else _PASSED_TAGS | _RAW_TAGS):
            break
        body_start = tag_end(data, name_match.end())
        if body_start < 0:
            break
        at = body_start
        if name in _PASSED_TAGS:
            continue
        body_end = _end_tag_at(data, name, body_start)
        if body_end < 0:
            break
        if name == b"script" and data.find(b"<!--", body_start, body_end) >= 0:
            break  # (script data "escaped": its first </script> may not end it)
        start_tag = data[opening:body_start].lower()
        if (name != b"title" and not in_noscript and body_end - body_start >= min_chars
                and not (name == b"script" and (b"json" in start_tag or b"&" in start_tag))):
            pieces += (data[kept_from:body_start], MARK)
            kept_from = body_end
        at = tag_end(data, body_end + 2 + len(name))
        if at < 0:
            break
    left_out = size - sum(len(piece) for piece in pieces) - (size - kept_from)
    if not pieces or left_out < min_share * size or MARK in data:
        return data, 0  # (too little to pay for the copy; or the page holds the mark byte itself)
    pieces.append(data[kept_from:])
    return b"".join(pieces), len(pieces) // 2


def marks_in_head(tree: LexborHTMLParser) -> int:
    """How many script or style elements in ``tree``'s ``<head>`` hold :data:`MARK` as their whole text.

    >>> marks_in_head(LexborHTMLParser(b"<script>\\x01</script><style>\\x01</style><style>\\x01 </style><p>\\x01"))
    2
    """
    walker = lexbor_walk.active()
    head = tree.head
    if head is None:
        return 0
    if walker is not None:
        return walker.marks_in_head(head, *_SCRIPT_STYLE_IDS)
    count = 0
    node = head.child
    while node is not None:
        if node.tag in ("script", "style"):
            text = node.child
            count += (text is not None and text.tag == "-text" and text.next is None
                      and text.text_content == MARK.decode())
        node = node.next
    return count


def parse_page(data: bytes, blanked: Optional[tuple[bytes, int]] = None) -> LexborHTMLParser:
    """Lexbor's tree of ``data``, its head's long script and style bodies left out (see the module's docstring).

    >>> page = b"<head><script>" + b"x" * 70 + b"</script></head><body><p>a</p></body>"
    >>> parse_page(page).body.html, parse_page(page).head.child.text()
    ('<body><p>a</p></body>', '\\x01')
    """
    page, replaced = blanked if blanked is not None else blank(data)
    if not replaced:
        return LexborHTMLParser(data)
    tree = LexborHTMLParser(page)
    if marks_in_head(tree) == replaced:
        return tree
    return LexborHTMLParser(data)  # (the scan read the page wrongly: Lexbor's reading of the page as it is)


def blank(data: bytes) -> tuple[bytes, int]:
    """:func:`blank_head_bodies` with :data:`MIN_BODY_CHARS`, in C when built."""
    walker = lexbor_walk.active()
    if walker is not None:
        return walker.blank_head_bodies(data, MIN_BODY_CHARS, MIN_SHARE_LEFT_OUT)
    return blank_head_bodies(data)

"""RSS and Atom feeds: each item a record, its article the item's content.

A news feed (RSS 0.9x/1.0/2.0, Atom) carries its articles in its items: escaped HTML in
``<description>``, CDATA in ``<content:encoded>``, Atom ``<content type="html">``. Read by
feedparser, which knows every version's elements and reads a feed that is not well-formed
XML (an undeclared ``&nbsp;``, the closing tags cut off) with a lenient parser. An item's
content is kept as HTML (the HTML path cleans it like any page); its title, link, id and
date are kept on the row. An item with no content at all is quarantined saying so.

A JSON Feed (jsonfeed.org 1.0 and 1.1, found by its "version") is read the same way, its
items turned into the entries feedparser would give (``json_feed_entries``).
"""
from __future__ import annotations

import io
import json
from typing import Callable, Iterator

from corpus_clean.document import Document
from corpus_clean.readers import _ANY_TAG, InputFile, Skipped, Unreadable, _whole_file, new_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def item_content(entry: dict) -> tuple[str, bool] | None:
    """An item's article and whether it is HTML: its full content (``content:encoded``,
    Atom ``<content>``) before its summary (``<description>``, ``<summary>``); None when
    it has neither. RSS says no type (feedparser calls it HTML): content with no tag in
    it is plain text.

    >>> item_content({"summary": "A <b>short</b> note", "summary_detail": {"type": "text/html"}})
    ('A <b>short</b> note', True)
    >>> item_content({"content": [{"type": "text/plain", "value": "Full text"}], "summary": "Note"})
    ('Full text', False)
    >>> item_content({"summary": "Plain words", "summary_detail": {"type": "text/html"}})
    ('Plain words', False)
    >>> item_content({"title": "Only a title"}) is None
    True
    """
    for part in entry.get("content") or ():
        if (part.get("value") or "").strip():
            return part["value"], _is_html(part["value"], part.get("type", "text/html"))
    summary = entry.get("summary") or ""
    if summary.strip():
        return summary, _is_html(summary, (entry.get("summary_detail") or {}).get("type", "text/html"))
    return None


def _is_html(content: str, declared: str) -> bool:
    return declared in _HTML_TYPES and _ANY_TAG.search(content) is not None


def read_feed_records(file: InputFile, otherwise: Callable | None = None) -> Iterator[Document | Skipped | Unreadable]:
    """A feed file's items, in order, each a record (``item_content``). A file with no
    items is read by `otherwise` when given (a file named as text whose first bytes only
    looked like a feed's), else skipped saying so."""
    import feedparser

    data = _whole_file(file)
    if isinstance(data, Skipped):
        yield data
        return
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):  # (a JSON Feed: ``sniffed_kind``)
        parsed = {"entries": json_feed_entries(data) or []}
    else:  # (a file object: handed bytes, feedparser first tries them as a file name to open)
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed["entries"] and otherwise is not None:
        yield from otherwise(file)
        return
    if not parsed["entries"]:
        why = f" ({type(parsed['bozo_exception']).__name__}: {parsed['bozo_exception']})" if parsed.get("bozo") else ""
        yield Skipped(file.source, f"{file.source}: a feed with no items{why}")
        return
    for index, entry in enumerate(parsed["entries"]):
        found = item_content(entry)
        if found is None:
            said = " ".join(filter(None, (entry.get("title"), entry.get("link"))))
            doc = new_document(file.source, index, said.encode(), said,
                               problem=f"{file.source}: feed item {index + 1} has no content or summary, only "
                                       "a title and link (the article is on its page: fetch it)")
        else:
            content, is_html = found
            doc = new_document(file.source, index, content.encode(), "" if is_html else content,
                               html=content if is_html else None, encoding="utf-8")
        if (entry.get("title") or "").strip():
            doc.title = entry["title"].strip()
        doc.url, doc.source_id = entry.get("link"), entry.get("id")
        doc.meta = {key: entry[key] for key in ("published", "updated", "author") if isinstance(entry.get(key), str)}
        yield doc


def json_feed_entries(data: bytes) -> list[dict] | None:
    """A JSON Feed's items as feedparser gives an RSS feed's entries: "content_html" and
    "content_text" as content (HTML first), "summary", the title, "url" as the link, the
    id, dates and first author; None when the bytes are not a JSON object with "items".

    >>> json_feed_entries(b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 7, '
    ...                   b'"url": "https://a.test/7", "title": "Ferry", "content_text": "It sails.", '
    ...                   b'"authors": [{"name": "Desk"}]}]}')
    [{'content': [{'type': 'text/plain', 'value': 'It sails.'}], 'id': '7', 'link': 'https://a.test/7', 'title': 'Ferry', 'author': 'Desk'}]
    >>> json_feed_entries(b'{"version": "https://jsonfeed.org/version/1", "items": ['), json_feed_entries(b'[1]')
    (None, None)

    An item whose authors are not a list still gives its text (one odd item never costs the
    feed's others):

    >>> [e["content"][0]["value"] for e in json_feed_entries(b'{"items": [{"content_text": "A.", '
    ...  b'"authors": {"name": "Desk"}}, {"content_text": "B.", "authors": 5}]}')]
    ['A.', 'B.']
    """
    try:
        feed = json.loads(data.decode("utf-8-sig"))  # (UTF-8, the spec says)
    except ValueError:  # (UnicodeDecodeError too)
        return None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        return None
    entries = []
    for item in items:
        item = item if isinstance(item, dict) else {}
        entry: dict = {"content": [{"type": kind, "value": item[key]}
                                   for key, kind in (("content_html", "text/html"), ("content_text", "text/plain"))
                                   if isinstance(item.get(key), str)]}
        # (version 1.1 writes a list "authors", 1.0 one "author" object; anything else names no one)
        authors = item.get("authors")
        if not isinstance(authors, list):
            authors = [item["author"]] if isinstance(item.get("author"), dict) else []
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
        for name, value in (("id", item.get("id")), ("link", item.get("url") or item.get("external_url")),
                            ("title", item.get("title")), ("summary", item.get("summary")),
                            ("published", item.get("date_published")), ("updated", item.get("date_modified")),
                            ("author", author)):
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                entry[name] = str(value)
        if "summary" in entry:
            entry["summary_detail"] = {"type": "text/plain"}
        entries.append(entry)
    return entries

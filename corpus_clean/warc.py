"""Reading WARC web archives and Common Crawl WET files (``warcio`` parses the records).

A crawler's WARC holds, per page, a ``request``, a ``response`` (the HTTP headers and the
page) and often a ``metadata`` record; a WET file holds a ``warcinfo`` record then one
``conversion`` record (a page's plain text) per page. Read are:

- ``response`` (and ``resource``) records of HTML: the HTML path, the page decoded by its
  HTTP charset and ``<meta charset>``; of plain text: the text path;
- ``conversion`` records: their text.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, a response of an
image or a redirect) is a `Skipped` saying what it is, so the file's accounting counts it.
The record's URL (``WARC-Target-URI``), id (``WARC-Record-ID``) and date (``WARC-Date``)
travel with its row as a JSONL record's ``url``, ``id`` and ``date`` fields do.

Damage costs the damaged records only: a record whose digest fails or whose bytes end
before its ``Content-Length`` is quarantined saying so, and a stretch that does not parse
(a flipped byte in a gzip member, a cut header) is one quarantined record with its raw
bytes, the reading going on from the next record start found after it (a gzip member's
magic number, or a ``WARC/1.x`` line). Gzip'd or not is told by the bytes, not the name.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from corpus_clean.document import Document
from corpus_clean.readers import (_HTML_DOCUMENT, MAX_RECORD_CHARS, MAX_WHOLE_FILE_BYTES,
                                  Decoded, InputFile, Skipped, Unreadable, compression_of_head, decode_bytes,
                                  decode_page, head_and_tail, new_document, open_input)

# A WARC record starts with its version line (WARC 1.0 and 1.1; ISO 28500).
WARC_VERSION_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
GZIP_MEMBER_MAGIC = b"\x1f\x8b\x08"
# What the search for the next record start reads at a time.
RESYNC_CHUNK_BYTES = 1 << 20
# How much of a gzip'd file's first member is decompressed to tell a WARC gzip'd record
# by record (the standard: each member a record, so damage costs one) from one gzip'd
# whole (``gzip crawl.warc``).
FIRST_MEMBER_BYTES = 16 << 20

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
TEXT_MEDIA_TYPES = ("text/plain",)
# Content types that say nothing (none given, a server's default): the body's first
# bytes tell a page (``starts_as_page``).
UNSAID_MEDIA_TYPES = ("", "application/octet-stream", "unk", "text/unknown", "unknown/unknown")


def holds_warc(head: bytes) -> bool:
    """Whether a stream's first bytes (decompressed) are a WARC record's version line.

    >>> holds_warc(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n"), holds_warc(b"WARC/1.0 is a standard")
    (True, False)
    """
    return WARC_VERSION_LINE.match(head) is not None


def starts_as_page(body: bytes) -> bool:
    """Whether a body starts as an HTML page (a doctype or ``<html>``, after blanks, an
    XML declaration or comments), as a "text" holding a whole page is told.

    >>> starts_as_page(b"\\n<!DOCTYPE html><html><body>x"), starts_as_page(b"%PDF-1.7")
    (True, False)
    """
    return _HTML_DOCUMENT.match(body[:4096].decode("latin-1")) is not None


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, without its parameters.

    >>> media_type("Text/HTML; charset=ISO-8859-1"), media_type(None)
    ('text/html', '')
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


def printable(message: str, most: int = 200) -> str:
    """An error message as a reason: its first `most` characters, bytes that are not
    printable (warcio quotes a damaged record's first line) shown as "?".

    >>> printable("Invalid WARC record, first line: \\x1f\\x8b\\x08]")
    'Invalid WARC record, first line: ???]'
    """
    return "".join(char if char.isprintable() else "?" for char in message[:most])


def read_warc_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """Every record of a WARC or WET file, in order (see the module's docstring)."""
    head = head_and_tail(file.url, 16, tail=False)[0]
    # (named .gz, its first member's magic number damaged: still gzip, its damage stepped over)
    gzipped = compression_of_head(head) == "gzip" or \
        (file.source.lower().endswith(".gz") and compression_of_head(head) is None and not holds_warc(head))
    by_member = gzipped and _gzipped_record_by_record(file)
    try:
        # Gzip'd record by record: the stored bytes, warcio undoing each member (so a
        # damaged member can be stepped over); else the decompressed stream.
        handle = open_input(file.url, compression=None if by_member else "infer").open()
    except Exception as error:  # noqa: BLE001 - said as the file's reason
        yield Skipped(file.source, f"{file.source}: unreadable WARC file: {type(error).__name__}: {error}")
        return
    with handle:
        yield from WarcRecords(file, handle, by_member).items()


def _gzipped_record_by_record(file: InputFile) -> bool:
    """Whether a gzip'd WARC's first member ends after one record (the standard way, each
    record its own member), not holding the whole file (``gzip crawl.warc``)."""
    decompressor = zlib.decompressobj(wbits=31)
    out = b""
    try:
        with open_input(file.url, compression=None) as raw:
            while not decompressor.eof and len(out) < FIRST_MEMBER_BYTES:
                chunk = raw.read(1 << 16)
                if not chunk:
                    break
                out += decompressor.decompress(chunk, FIRST_MEMBER_BYTES)
    except (OSError, zlib.error):
        return True  # (damaged at once: read member by member, the damage quarantined)
    return decompressor.eof and len(WARC_VERSION_LINE.findall(out[:1 << 20])) <= 1 and \
        WARC_VERSION_LINE.match(out) is not None


class DamagedRecord(Exception):
    """A record of a plain WARC that parsed but is damaged: its stretch is re-read as damage."""

    def __init__(self, start: int, reason: str):
        super().__init__(reason)
        self.start = start


class WarcRecords:
    """The records of one WARC stream as Documents and Skipped entries, stepping over
    damage (``items``). `by_member`: the stream is gzip'd record by record (a damaged
    stretch ends at the next gzip member), else plain WARC (it ends at a version line)."""

    def __init__(self, file: InputFile, handle, by_member: bool):
        self.file, self.handle, self.by_member = file, handle, by_member
        self.index = 0  # records produced: each one's record_index
        self.damaged_from: int | None = None  # where an unparsed stretch began

    def items(self) -> Iterator[Document | Skipped | Unreadable]:
        from warcio.archiveiterator import ArchiveIterator

        start = 0
        while start is not None:
            records = None
            try:
                self.handle.seek(start)
                records = ArchiveIterator(self.handle, check_digests=True)
                for record in records:
                    if self.damaged_from is not None:
                        yield self._damaged(records.offset)
                    yield self._read(records, record)
                start = self._after_last_record(records.offset)
            except Exception as error:  # noqa: BLE001 - warcio and zlib raise several types
                failed_at = error.start if isinstance(error, DamagedRecord) else \
                    records.offset if records is not None else start
                try:
                    start = self._damage_at(failed_at, f"{type(error).__name__}: {error}")
                except Exception as lost:  # noqa: BLE001 - a broken compressed stream: nothing after it reads
                    self.damaged_from = None
                    yield Unreadable(self.file.source, f"{self.file.source}: unreadable after byte {failed_at} "
                                                       f"(record {self.index + 1} on): {type(lost).__name__}: {lost}")
                    return
        if self.damaged_from is not None:
            yield self._damaged(None)

    def _read(self, records, record) -> Document | Skipped:
        """One record, read to its end. Its digest failing, or its bytes ending before
        its Content-Length says, quarantines it saying so -- in a plain WARC as the
        stretch up to the next record start (``DamagedRecord``): a wrong length or a
        damaged HTTP header makes warcio read on into the records after it."""
        start = records.offset
        item = self._item(record)
        records.read_to_end(record)
        problems = list(record.digest_checker.problems) if record.digest_checker.passed is False else []
        missing = getattr(record.raw_stream, "limit", 0)
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            problems.append("no Content-Length header (read to the end of the stream)")
        elif missing > 0:
            problems.append(f"cut short, {missing} of its {record.length} bytes missing")
        if self.by_member and record.digest_checker.passed is not True and self._spans_members(start, records.offset):
            # (a damaged member can decompress to a header whose length runs on into the next members)
            raise DamagedRecord(start, "; ".join(problems) or "it runs on over the next gzip members")
        overran = records.offset - start > (record.length or 0) + len(record.rec_headers.to_str()) + 1024
        if not self.by_member and (problems or overran):
            raise DamagedRecord(start, "; ".join(problems) or "its bytes run past its Content-Length")
        if problems and isinstance(item, Document):
            item.problems.append(("readable_input", f"{self._where()}: {'; '.join(problems)}"))
        self.index += 1
        return item

    def _after_last_record(self, end: int) -> int | None:
        """Where to go on after the last record warcio gave: None when only blank bytes
        follow; else those bytes are damage (warcio ends quietly at a record cut inside
        its header): the next record start after them (``_damage_at``)."""
        self.handle.seek(end)
        if not self.handle.read(RESYNC_CHUNK_BYTES).strip(b"\r\n\x00"):
            return None
        return self._damage_at(end, "bytes that are no WARC record (a record cut short?)")

    def _damage_at(self, offset: int, error: str) -> int | None:
        """Notes a stretch that did not parse from `offset` (joined to one still open) and
        returns where the next record starts after it (None: no other record)."""
        if self.damaged_from is None:
            self.damaged_from, self.error = offset, printable(error)
        return self._next_record_start(offset + 1)

    def _next_record_start(self, after: int) -> int | None:
        """The offset of the first record start at or after `after`, None: none before the end."""
        marker = GZIP_MEMBER_MAGIC if self.by_member else b"WARC/1."
        at = after
        while True:
            self.handle.seek(at)
            chunk = self.handle.read(RESYNC_CHUNK_BYTES + len(marker))
            if len(chunk) <= len(marker) - 1:
                return None
            found = chunk.find(marker)
            while found >= 0 and not self._starts_record(at + found, chunk, found):
                found = chunk.find(marker, found + 1)
            if found >= 0:
                return at + found
            at += RESYNC_CHUNK_BYTES

    def _spans_members(self, start: int, end: int) -> bool:
        """Whether a gzip member that starts a record lies inside [`start`, `end`): one
        record read over several members (the first one damaged)."""
        reading = self.handle.tell()
        try:
            self.handle.seek(start + 1)
            stretch = self.handle.read(max(end - start - 1, 0))
        finally:
            self.handle.seek(reading)
        found = stretch.find(GZIP_MEMBER_MAGIC)
        while found >= 0:
            if self._starts_record(start + 1 + found, stretch, found):
                return True
            found = stretch.find(GZIP_MEMBER_MAGIC, found + 1)
        return False

    def _starts_record(self, offset: int, chunk: bytes, found: int) -> bool:
        """Whether the marker found at `offset` starts a record: a version line at a line
        start, or a gzip member that decompresses to one."""
        if not self.by_member:
            return (found > 0 and chunk[found - 1:found] == b"\n" or offset == 0) and \
                holds_warc(chunk[found:found + 16])
        decompressor = zlib.decompressobj(wbits=31)
        try:
            return holds_warc(decompressor.decompress(chunk[found:found + 4096], 64))
        except zlib.error:
            return False

    def _damaged(self, end: int | None) -> Document:
        """The stretch [`damaged_from`, `end`) that did not parse, as one quarantined
        record with its raw bytes (None: to the end of the stream)."""
        start, self.damaged_from = self.damaged_from, None
        reading = self.handle.tell()  # (warcio reads on from there: put back after)
        self.handle.seek(start)
        raw = self.handle.read(MAX_RECORD_CHARS + 1 if end is None else min(end - start, MAX_RECORD_CHARS + 1))
        self.handle.seek(reading)
        doc = new_document(self.file.source, self.index, raw, raw.decode("utf-8", "replace"),
                           problem=f"{self._where()}: bytes {start}-{start + len(raw) if end is None else end} "
                                   f"are no readable WARC record ({self.error})")
        self.index += 1
        return doc

    def _where(self) -> str:
        return f"{self.file.source}: WARC record {self.index + 1}"

    def _item(self, record) -> Document | Skipped:
        """One parsed record as a Document (a page, a text) or a Skipped saying what it is."""
        kind = record.rec_type
        if kind == "response" and record.http_headers is not None:
            status = record.http_headers.get_statuscode() or ""
            content_type = record.http_headers.get_header("Content-Type")
            if not status.startswith("2"):
                return Skipped(self.file.source, f"{self._where()}: an HTTP {status or '(no status)'} response, "
                                                 "not a page", self.index)
        elif kind in ("response", "resource", "conversion"):
            content_type = record.rec_headers.get_header("Content-Type")
        else:
            return Skipped(self.file.source, f"{self._where()}: a {kind!r} record, not a page", self.index)
        media = media_type(content_type)
        if kind == "conversion":
            media = media if media in HTML_MEDIA_TYPES else "text/plain"
        if (record.length or 0) > MAX_WHOLE_FILE_BYTES:  # (read, it would be held whole: skipped unread)
            return Skipped(self.file.source, f"{self._where()}: a {kind} of {record.length:,} bytes, over "
                                             f"{MAX_WHOLE_FILE_BYTES >> 20} MB: too big to be one record", self.index)
        body = None
        if media in UNSAID_MEDIA_TYPES:  # (a server that did not say: a page by its first bytes)
            body = record.content_stream().read()
            media = "text/html" if starts_as_page(body) else media
        if media not in HTML_MEDIA_TYPES + TEXT_MEDIA_TYPES:
            return Skipped(self.file.source, f"{self._where()}: a {kind} of {media or 'no content type'}, "
                                             "not a page", self.index)
        body = record.content_stream().read() if body is None else body
        problem = None
        if media in HTML_MEDIA_TYPES:
            decoded = decode_page(body, content_type)  # (its charset, if it names one, beats a guess)
            doc = self._document(body, "", decoded, problem, html=decoded.text)
        else:
            decoded = decode_bytes(body)
            doc = self._document(body, decoded.text, decoded, problem)
        headers = record.rec_headers
        doc.url = headers.get_header("WARC-Target-URI")
        doc.source_id = headers.get_header("WARC-Record-ID")
        doc.meta = {key: value for key, value in (("date", headers.get_header("WARC-Date")),
                                                  ("warc_type", kind)) if value}
        return doc

    def _document(self, body: bytes, text: str, decoded: Decoded, problem: str | None,
                  html: str | None = None) -> Document:
        if decoded.problem:
            problem = f"{problem}; {decoded.problem}" if problem else f"{self._where()}: {decoded.problem}"
        return new_document(self.file.source, self.index, body, text, html=html, encoding=decoded.encoding,
                            problem=problem)

"""Reading WARC web archives, their predecessor ARC, and Common Crawl WET files (``warcio``
parses the records; an ARC's are read as warcio converts them to WARC records).

A crawler's WARC holds, per page, a ``request``, a ``response`` (the HTTP headers and the
page) and often a ``metadata`` record; a WET file holds a ``warcinfo`` record then one
``conversion`` record (a page's plain text) per page. Read are:

- ``response`` (and ``resource``) records of HTML: the HTML path, the page decoded by its
  HTTP charset and ``<meta charset>``; of plain text: the text path;
- ``conversion`` records: their text.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, a response of an
image or a redirect) is a `Skipped` saying what it is, so the file's accounting counts it.
The record's URL (``WARC-Target-URI``), id (``WARC-Record-ID``) and date (``WARC-Date``)
travel with its row as a JSONL record's ``url``, ``id`` and ``date`` fields do (an ARC
record has no id: warcio would draw a new one each read, so none is given).

A record's body is read whole only up to ``MAX_RECORD_BYTES`` (a JSONL line's limit):
a longer one (a 300 MB video's HTML wrapper, a page that decompresses to a gigabyte) is
skipped unread saying its number, where it starts in the file and its size, so memory
stays bounded whatever a record holds.

Damage costs the damaged records only (an ARC record carries no digest: damage inside its
body cannot be seen): a record whose digest fails or whose bytes end
before its ``Content-Length`` is quarantined saying so, and a stretch that does not parse
(a flipped byte in a gzip member, a cut header) is one quarantined record with its raw
bytes, the reading going on from the next record start found after it (a gzip member's
magic number, or a ``WARC/1.x`` line or an ARC record's header line at a line start). Gzip'd or not is told by the bytes, not the name.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import threading
import zlib
from collections.abc import Iterator

from corpus_clean.document import Document
from corpus_clean.readers import (_HTML_DOCUMENT, MAX_LINE_BYTES, MAX_RECORD_CHARS,
                                  Decoded, InputFile, Skipped, Unreadable, compression_of_head, decode_bytes,
                                  decode_page, head_and_tail, new_document, open_input)

# A WARC record starts with its version line (WARC 1.0 and 1.1; ISO 28500).
WARC_VERSION_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
# An ARC (version 1) record starts with one header line: URL, IP address, 14-digit date,
# content type, length. Version 2 (Alexa's) puts five more fields before the length;
# warcio reads version 1 only, so a version 2 file is refused saying so.
ARC_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*:[^ \n]* [^ \n]+ \d{14} [^ \n]+ \d+\r?\n")
ARC_V2_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*:[^ \n]* [^ \n]+ \d{14}(?: [^ \n]+){6} \d+\r?\n")
# A record start in a plain (not gzip'd) stream: its first line, at a line start.
RECORD_START = {False: re.compile(rb"(?:^|(?<=\n))WARC/1\.[01]\r?\n"),
                True: re.compile(rb"(?:^|(?<=\n))" + ARC_HEADER_LINE.pattern)}
GZIP_MEMBER_MAGIC = b"\x1f\x8b\x08"
# What the search for the next record start reads at a time (a plain stream's next read
# starts at the last line start read, so a first line across two reads is whole in one).
RESYNC_CHUNK_BYTES = 1 << 20
# How much of a gzip'd file's first member is decompressed to tell a WARC gzip'd record
# by record (the standard: each member a record, so damage costs one) from one gzip'd
# whole (``gzip crawl.warc``).
FIRST_MEMBER_BYTES = 16 << 20

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
TEXT_MEDIA_TYPES = ("text/plain",)
# A record's body longer than this is not read into memory (skipped saying where it is):
# as a JSONL line, far over the record limit (MAX_RECORD_CHARS) however it decodes.
MAX_RECORD_BYTES = MAX_LINE_BYTES
# Content types that say nothing (none given, a server's default): the body's first
# bytes tell a page (``starts_as_page``).
UNSAID_MEDIA_TYPES = ("", "application/octet-stream", "unk", "text/unknown", "unknown/unknown")


def holds_warc(head: bytes) -> bool:
    """Whether a stream's first bytes (decompressed) are a WARC record's version line.

    >>> holds_warc(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n"), holds_warc(b"WARC/1.0 is a standard")
    (True, False)
    """
    return WARC_VERSION_LINE.match(head) is not None


def holds_arc(head: bytes) -> bool:
    """Whether a stream's first bytes (decompressed) are an ARC record's header line.

    >>> holds_arc(b"filedesc://crawl.arc 0.0.0.0 20010101000000 text/plain 76\\n1 0 Alexa\\n")
    True
    >>> holds_arc(b"http://a.test/ 1.2.3.4 20010101000000 text/html 1234\\n")
    True
    >>> holds_arc(b"WARC/1.0\\r\\n"), holds_arc(b"http://a.test/ is where I read it\\n")
    (False, False)
    """
    return ARC_HEADER_LINE.match(head) is not None


def holds_record(head: bytes, arc: bool) -> bool:
    """Whether a stream's first bytes (decompressed) start a record: an ARC one if `arc`."""
    return holds_arc(head) if arc else holds_warc(head)


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
    """Every record of a WARC, ARC or WET file, in order (see the module's docstring)."""
    head = head_and_tail(file.url, 16, tail=False)[0]
    # (named .gz, its first member's magic number damaged: still gzip, its damage stepped over)
    gzipped = compression_of_head(head) == "gzip" or \
        (file.source.lower().endswith(".gz") and compression_of_head(head) is None and not holds_warc(head))
    arc = _holds_arc(file)
    if arc is None:
        yield Skipped(file.source, f"{file.source}: an ARC file of version 2 (Alexa's header lines of ten "
                                   "fields): not read (warcio reads version 1; convert it to WARC first)")
        return
    by_member = gzipped and _gzipped_record_by_record(file, arc)
    try:
        # Gzip'd record by record: the stored bytes, warcio undoing each member (so a
        # damaged member can be stepped over); else the decompressed stream.
        handle = open_input(file.url, compression=None if by_member else "infer").open()
    except Exception as error:  # noqa: BLE001 - said as the file's reason
        yield Skipped(file.source, f"{file.source}: unreadable WARC file: {type(error).__name__}: {error}")
        return
    given = 0
    with handle:
        for item in WarcRecords(file, handle, by_member, arc, decompressed=gzipped and not by_member).items():
            given += 1
            yield item
    if given == 0 and file.size:  # (never a file of bytes that gives nothing without a word)
        yield Unreadable(file.source, f"{file.source}: no {'ARC' if arc else 'WARC'} record could be read from "
                                      f"its {file.size:,} bytes (damaged at its start?)")


def _holds_arc(file: InputFile) -> bool | None:
    """Whether a file is an ARC: its first bytes (decompressed) are an ARC header line, or
    (the first record damaged) its name says ``.arc``; None: an ARC of version 2."""
    try:
        with open_input(file.url) as handle:
            head = handle.read(4096)
    except Exception:  # noqa: BLE001 - damaged at once: told by its name
        head = b""
    if ARC_V2_HEADER_LINE.match(head):
        return None
    name = file.source.lower()
    return holds_arc(head) or (not holds_warc(head) and name.endswith((".arc", ".arc.gz")))


def _gzipped_record_by_record(file: InputFile, arc: bool = False) -> bool:
    """Whether a gzip'd WARC's first member ends after one record (the standard way, each
    record its own member), not holding the whole file (``gzip crawl.warc``)."""
    decompressor = zlib.decompressobj(wbits=31)
    out = b""
    try:
        with open_input(file.url, compression=None) as raw:
            while not decompressor.eof and len(out) < FIRST_MEMBER_BYTES:
                chunk = raw.read(1 << 16)
                if not chunk:  # (the file ends inside its first member: damaged (a flag byte
                    return True  # that makes the rest a header field) or cut; stepped over)
                out += decompressor.decompress(chunk, FIRST_MEMBER_BYTES)
    except (OSError, zlib.error):
        return True  # (damaged at once: read member by member, the damage quarantined)
    first_lines = RECORD_START[arc].findall(out[:1 << 20])
    return decompressor.eof and len(first_lines) <= 1 and holds_record(out, arc)


class DamagedRecord(Exception):
    """A record of a plain WARC that parsed but is damaged: its stretch is re-read as damage."""

    def __init__(self, start: int, reason: str):
        super().__init__(reason)
        self.start = start


# What warcio wrote to stderr while this thread read (``quiet_warcio``): the reader's to say.
_warcio_said = threading.local()


class _WarcioStderr:
    """Where warcio's writes to stderr go once quieted: the reading thread's list of them."""

    def write(self, text: str) -> int:
        said = getattr(_warcio_said, "lines", None)
        if said is not None and text.strip():
            said.append(text.strip())
        return len(text)

    def flush(self) -> None:
        pass


class _SysForWarcio:
    """``sys`` as warcio's modules see it once quieted: the real one, its stderr aside."""

    def __getattr__(self, name: str):
        return _WarcioStderr() if name == "stderr" else getattr(sys, name)


def quiet_warcio() -> None:
    """warcio writes what it finds wrong as it reads (bytes after a record that are not a
    blank line -- a Content-Length too short --, a stream that breaks) straight to stderr:
    lines between a run's own, naming no file. Its modules' ``sys`` is given a stderr that
    keeps them for the reader (the thread's ``_warcio_said.lines``), which says them under the
    file's source; the process's own stderr is left alone, for every thread. Its logger's
    warnings (a URL with spaces, which it mends) are not shown."""
    from warcio import archiveiterator, bufferedreaders, digestverifyingreader

    for module in (archiveiterator, bufferedreaders, digestverifyingreader):
        if module.sys is sys:
            module.sys = _SysForWarcio()
    logging.getLogger("warcio").setLevel(logging.ERROR)


class WarcRecords:
    """The records of one WARC stream as Documents and Skipped entries, stepping over
    damage (``items``). `by_member`: the stream is gzip'd record by record (a damaged
    stretch ends at the next gzip member), else plain WARC (it ends at a version line).
    `arc`: the records are ARC ones (warcio converts each to a WARC record); `decompressed`:
    the stream is a gzip'd whole file's decompressed bytes (offsets are in those)."""

    def __init__(self, file: InputFile, handle, by_member: bool, arc: bool = False, decompressed: bool = False):
        self.file, self.handle, self.by_member, self.arc = file, handle, by_member, arc
        self.decompressed = decompressed
        self.index = 0  # records produced: each one's record_index
        self.damaged_from: int | None = None  # where an unparsed stretch began
        self.start = 0  # where the record being read starts in the stream
        self.read_past = 0  # just past the start of the last record given: reading goes on after it

    def items(self) -> Iterator[Document | Skipped | Unreadable]:
        from warcio.archiveiterator import ArchiveIterator

        quiet_warcio()
        _warcio_said.lines = said = []  # what warcio writes as it reads on (``quiet_warcio``)
        held: list[Document | Skipped] = []  # the last record read, given once that is known
        start = 0
        while start is not None:
            records = None
            try:
                self.handle.seek(start)
                records = ArchiveIterator(self.handle, check_digests=True, arc2warc=self.arc)
                for record in records:
                    yield from self._given(held, said)
                    if self.damaged_from is not None:
                        yield self._damaged(records.offset)
                    # (set again after each yield and before warcio reads on: another file's
                    # reading may have run in this thread meanwhile)
                    _warcio_said.lines = said
                    held.append(self._read(records, record))
                    _warcio_said.lines = said
                start = self._after_last_record(records.offset)
                yield from self._given(held, said)
            except Exception as error:  # noqa: BLE001 - warcio and zlib raise several types
                yield from self._given(held, said)
                failed_at = error.start if isinstance(error, DamagedRecord) else \
                    records.offset if records is not None else start
                # (a damaged gzip member can leave warcio's offset before the record it just
                # gave: going on from there would give that record again, forever)
                failed_at = max(failed_at, self.read_past)
                try:
                    start = self._damage_at(failed_at, f"{type(error).__name__}: {error}")
                except Exception as lost:  # noqa: BLE001 - a broken compressed stream: nothing after it reads
                    self.damaged_from = None
                    yield Unreadable(self.file.source, f"{self.file.source}: unreadable after byte {failed_at} "
                                                       f"(record {self.index + 1} on): {type(lost).__name__}: {lost}")
                    return
        if self.damaged_from is not None:
            yield self._damaged(None)

    def _given(self, held: list, said: list[str]) -> Iterator[Document | Skipped | Unreadable]:
        """The record held back, then emptied, with what warcio wrote while reading on past
        it (emptied too): a page's record is quarantined saying so (bytes follow it that
        are not a record's end: its Content-Length too short, its text cut), else it is
        followed by an entry of the file's saying it."""
        if said:
            words = f"warcio says: {printable(' '.join(' / '.join(said).split()), 400)}"
            said.clear()
            document = next((item for item in held if isinstance(item, Document)), None)
            if document is not None:
                document.problems.append(("readable_input", f"{self.file.source}: record {self.index}: the bytes "
                                                            f"after it are not a record's end ({words})"))
            else:
                held.append(Unreadable(self.file.source, f"{self.file.source}: after record {self.index}: {words}"))
        yield from held
        held.clear()

    def _read(self, records, record) -> Document | Skipped:
        """One record, read to its end. Its digest failing, or its bytes ending before
        its Content-Length says, quarantines it saying so -- in a plain WARC as the
        stretch up to the next record start (``DamagedRecord``): a wrong length or a
        damaged HTTP header makes warcio read on into the records after it."""
        start = self.start = records.offset
        item = self._item(record)
        records.read_to_end(record)
        problems = list(record.digest_checker.problems) if record.digest_checker.passed is False else []
        missing = getattr(record.raw_stream, "limit", 0)
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            problems.append("no Content-Length header (read to the end of the stream)")
        elif missing > 0:
            problems.append(f"cut short, {missing} of its {record.length} bytes missing")
        if self.arc and self.by_member and not self._member_intact(start):
            problems.append("its gzip member fails its CRC check (damaged bytes)")
        if self.by_member and record.digest_checker.passed is not True and self._spans_members(start, records.offset):
            # (a damaged member can decompress to a header whose length runs on into the next members)
            raise DamagedRecord(start, "; ".join(problems) or "it runs on over the next gzip members")
        overran = records.offset - start > (record.length or 0) + len(record.rec_headers.to_str()) + 1024
        if not self.by_member and (problems or overran):
            raise DamagedRecord(start, "; ".join(problems) or "its bytes run past its Content-Length")
        if problems and isinstance(item, Document):
            item.problems.append(("readable_input", f"{self._where()}: {'; '.join(problems)}"))
        self.index += 1
        self.read_past = start + 1
        return item

    def _member_intact(self, start: int) -> bool:
        """Whether the gzip member at `start` decompresses to its end and its CRC matches:
        an ARC record has no digest, and warcio stops reading a member at the record's
        length, so damage near a member's end would be read as the page's text."""
        reading = self.handle.tell()
        decompressor = zlib.decompressobj(wbits=31)
        try:
            self.handle.seek(start)
            while not decompressor.eof:
                chunk = self.handle.read(1 << 16)
                if not chunk:
                    return False
                decompressor.decompress(chunk, 1 << 20)  # (the text is not kept: only the CRC counts)
                while decompressor.unconsumed_tail and not decompressor.eof:
                    decompressor.decompress(decompressor.unconsumed_tail, 1 << 20)
            return True
        except zlib.error:
            return False
        finally:
            self.handle.seek(reading)

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
        at = after
        while True:
            if self.by_member:
                self.handle.seek(at)
                chunk = self.handle.read(RESYNC_CHUNK_BYTES + len(GZIP_MEMBER_MAGIC))
                found = chunk.find(GZIP_MEMBER_MAGIC)
                while found >= 0 and not self._starts_record(chunk, found):
                    found = chunk.find(GZIP_MEMBER_MAGIC, found + 1)
            else:  # (from the byte before: a record's first line must follow a line end)
                self.handle.seek(at - 1 if at else 0)
                chunk = self.handle.read(RESYNC_CHUNK_BYTES + 4096)
                match = RECORD_START[self.arc].search(chunk, 1 if at else 0)
                found = -1 if match is None else match.start() - (1 if at else 0)
            if found >= 0:
                return at + found
            if len(chunk) <= RESYNC_CHUNK_BYTES:
                return None
            # (plain: the next chunk from the last line start in this one, so a record's
            # first line straddling its end, however long -- an ARC URL of 6 KB -- is read whole)
            last_line = -1 if self.by_member else chunk.rfind(b"\n", 1, RESYNC_CHUNK_BYTES)
            if last_line > 0:  # (chunk[0] is the byte before `at` when `at` is not 0)
                at += last_line if at else last_line + 1
            else:
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
            if self._starts_record(stretch, found):
                return True
            found = stretch.find(GZIP_MEMBER_MAGIC, found + 1)
        return False

    def _starts_record(self, chunk: bytes, found: int) -> bool:
        """Whether the gzip member found at `found` in `chunk` decompresses to a record start."""
        decompressor = zlib.decompressobj(wbits=31)
        try:
            return holds_record(decompressor.decompress(chunk[found:found + 4096], 2048), self.arc)
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
                                   f"are no readable {'ARC' if self.arc else 'WARC'} record ({self.error})")
        self.index += 1
        return doc

    def _where(self) -> str:
        return f"{self.file.source}: {'ARC' if self.arc else 'WARC'} record {self.index + 1}"

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
        if (record.length or 0) > MAX_RECORD_BYTES:  # (not read: streamed past by read_to_end)
            return self._too_big(kind, f"{record.length:,} bytes")
        stream = record.content_stream()  # (undoes the HTTP body's chunking and gzip)
        head = b""
        if media in UNSAID_MEDIA_TYPES:  # (a server that did not say: a page by its first bytes)
            head = stream.read(4096)
            media = "text/html" if starts_as_page(head) else media
        if media not in HTML_MEDIA_TYPES + TEXT_MEDIA_TYPES:
            return Skipped(self.file.source, f"{self._where()}: a {kind} of {media or 'no content type'}, "
                                             "not a page", self.index)
        body = head + stream.read(MAX_RECORD_BYTES + 1 - len(head))
        if len(body) > MAX_RECORD_BYTES:  # (a body that decompresses past the limit)
            return self._too_big(kind, f"over {MAX_RECORD_BYTES >> 20} MB once decompressed")
        problem = None
        if media in HTML_MEDIA_TYPES:
            decoded = decode_page(body, content_type)  # (its charset, if it names one, beats a guess)
            doc = self._document(body, "", decoded, problem, html=decoded.text)
        else:
            decoded = decode_bytes(body)
            doc = self._document(body, decoded.text, decoded, problem)
        headers = record.rec_headers
        doc.url = headers.get_header("WARC-Target-URI")
        doc.source_id = None if self.arc else headers.get_header("WARC-Record-ID")
        doc.meta = {key: value for key, value in (("date", headers.get_header("WARC-Date")),
                                                  ("warc_type", kind)) if value}
        return doc

    def _too_big(self, kind: str, size: str) -> Skipped:
        """A record too long to be read whole, skipped saying where it is in the file."""
        return Skipped(self.file.source, f"{self._where()}: a {kind} of {size}, starting at byte {self.start} "
                                         f"of the {'decompressed ' if self.decompressed else ''}file, is over the "
                                         f"{MAX_RECORD_BYTES >> 20} MB a record is read whole: not read (far over "
                                         f"the record limit; `warcio extract` reads it out)", self.index)

    def _document(self, body: bytes, text: str, decoded: Decoded, problem: str | None,
                  html: str | None = None) -> Document:
        if decoded.problem:
            problem = f"{problem}; {decoded.problem}" if problem else f"{self._where()}: {decoded.problem}"
        return new_document(self.file.source, self.index, body, text, html=html, encoding=decoded.encoding,
                            problem=problem)

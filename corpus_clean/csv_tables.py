"""Reading CSV and TSV tables (``pyarrow.csv`` parses them, a block of rows at a time).

A table is read when one of its columns holds the text, by the names a JSONL record's
field or a Parquet column has (``text``, ``html``, else the one of ``content``,
``raw_content``, ``body``); each row is then a record as a Parquet row is (its other
columns travel with it, ``id`` and ``url`` as the caller's). A table without such a
column is refused saying which columns it has. The text column is read as bytes and
decoded per row, so a row of broken bytes costs that row only; a row with the wrong
number of cells is quarantined with its raw line; a block that cannot be parsed ends
the file with an `Unreadable` saying where, the rows before it kept.

One row pyarrow cannot hand over: a ragged row that also holds bytes that are not UTF-8
(its invalid-row handler is given the row as a str, and building it fails). From the
block holding it, the table is read on by Python's ``csv`` module (bytes kept as
surrogates, so each cell is decoded as pyarrow's were), its ragged rows quarantined with
their cells as a CSV line.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator

from corpus_clean.document import Document
from corpus_clean.readers import (_CONSUMED_FIELDS, _TEXT_ALIASES, COMPRESSION_SUFFIXES, InputFile, Skipped,
                                  Unreadable, _row_documents, _texts_and_fields, new_document, open_input)

# What is read to tell a table's delimiter (and its header) before it is parsed.
HEAD_BYTES = 64 * 1024
# Rows of text are long: blocks of this many bytes keep a batch's memory bounded.
BLOCK_BYTES = 4 << 20


DELIMITERS = (",", "\t", ";", "|")


def delimiter_of(name: str, head: bytes) -> str:
    """The table's delimiter: a tab for .tsv/.tab; else the one of comma, tab, semicolon
    (a European spreadsheet's CSV) and bar its header line holds most of (a comma on a tie).

    >>> delimiter_of("a.csv", b"id,text\\n"), delimiter_of("a.tsv.gz", b""), delimiter_of("a.csv", b"id;text;lang\\n")
    (',', '\\t', ';')
    """
    name = name.lower()
    name = name[:name.rindex(".")] if name.endswith(COMPRESSION_SUFFIXES) else name
    if name.endswith((".tsv", ".tab")):
        return "\t"
    header = head.split(b"\n", 1)[0]
    return max(DELIMITERS, key=lambda delimiter: header.count(delimiter.encode()))


def excel_encoding(head: bytes) -> tuple[str | None, bytes]:
    """A UTF-16 table (Excel's "Unicode Text" save: a BOM, tab-separated): its encoding and
    its head as UTF-8 (what the delimiter and the header are read from); else (None, head).
    The table is read through ``Utf8Of``.

    >>> excel_encoding(b"\\xff\\xfei\\x00d\\x00\\t\\x00") , excel_encoding(b"id,text")
    (('utf-16', b'id\\t'), (None, b'id,text'))
    """
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.startswith(b"\xff\xfe\x00\x00"):
        return None, head
    return "utf-16", head[:len(head) // 2 * 2].decode("utf-16", "replace").encode()


def _no_utf8(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes a codec cannot decode, as one byte that is no UTF-8 (0xFF) after ``Utf8Of``'s
    UTF-8 encoding with surrogateescape."""
    return "\udcff", error.end


_AS_NO_UTF8 = "corpus_clean.csv_tables.no_utf8"
codecs.register_error(_AS_NO_UTF8, _no_utf8)


class Utf8Of(io.RawIOBase):
    """A binary stream of `encoding` (Excel's UTF-16) read as UTF-8, for pyarrow: a byte the
    codec cannot decode (a file cut inside its last character, a lone surrogate) passes on
    as a byte that is no UTF-8, so only its row is quarantined, as in a UTF-8 table (pyarrow
    given the encoding itself stops at the first such byte and loses every row).

    >>> data = "id\\ttext\\r\\n1\\thello\\r\\n".encode("utf-16")
    >>> Utf8Of(io.BytesIO(data[:-1]), "utf-16").read()
    b'id\\ttext\\r\\n1\\thello\\r\\xff'
    >>> Utf8Of(io.BytesIO("é\\r\\n".encode("utf-16-le") + b"\\x00\\xd8"), "utf-16-le").read()
    b'\\xc3\\xa9\\r\\n\\xff'
    """

    def __init__(self, raw, encoding: str):
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(encoding)(_AS_NO_UTF8)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            chunk = self._raw.read(1 << 16 if size < 0 else max(size, 1 << 16))
            final = not chunk
            self._pending += self._decoder.decode(chunk, final=final).encode("utf-8", "surrogateescape")
            if final:
                break
        if size < 0:
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:size], self._pending[size:]
        return out


def excel_separator(head: bytes) -> tuple[str | None, bytes]:
    """Excel's ``sep=;`` first line (it names the delimiter; the header is the next line):
    the delimiter and the head without that line; else (None, head).

    >>> excel_separator(b"sep=;\\r\\nid;text\\r\\n"), excel_separator(b"id,text\\n")
    ((';', b'id;text\\r\\n'), (None, b'id,text\\n'))
    """
    first, _, rest = head.lstrip(b"\xef\xbb\xbf").partition(b"\n")
    first = first.rstrip(b"\r")
    if len(first) == 5 and first.lower().startswith(b"sep="):
        return first[4:].decode("latin-1"), rest
    return None, head


def text_column(names: list[str]) -> str | None:
    """The column holding each row's text, as for JSONL fields and Parquet columns.

    >>> text_column(["id", "body"]), text_column(["id", "text", "body"]), text_column(["content", "body"])
    ('body', 'text', None)
    """
    aliases = [name for name in _TEXT_ALIASES if name in names]
    return "text" if "text" in names else "html" if "html" in names else aliases[0] if len(aliases) == 1 else None


def _quiet_about_rows_read_on(unraisable, passed_on=sys.unraisablehook) -> None:
    """``sys.unraisablehook``: pyarrow's failed call of the invalid-row handler for a row of
    broken bytes (a UnicodeDecodeError it cannot raise) is not printed as a traceback --
    the row is read on by ``read_on_with_csv`` and quarantined; anything else is passed on."""
    if isinstance(unraisable.exc_value, UnicodeDecodeError) and \
            getattr(unraisable.object, "__qualname__", "").endswith("quarantine_row"):
        return
    passed_on(unraisable)


def read_csv_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """Every row of a CSV/TSV table as a record (see the module's docstring)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if sys.unraisablehook is sys.__unraisablehook__:
        sys.unraisablehook = _quiet_about_rows_read_on

    with open_input(file.url) as handle:
        head = handle.read(HEAD_BYTES)
    encoding, head = excel_encoding(head)
    separator, head = excel_separator(head)
    delimiter = separator or delimiter_of(file.source, head)
    header = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").rstrip(b"\r")
    names = [name.strip().strip('"') for name in header.decode("utf-8", "replace").split(delimiter)]
    column = text_column(names)
    if not head.strip():
        yield Skipped(file.source, "empty file")
        return
    if column is None:
        both = [name for name in _TEXT_ALIASES if name in names]
        which = f"; {' and '.join(both)} both hold text: which is it? name it 'text'" if len(both) > 1 else ""
        yield Skipped(file.source, f"{file.source}: a {'TSV' if delimiter == chr(9) else 'CSV'} table with no "
                                   f"'text' column (columns: {names[:20]}{which}): name its text column 'text'")
        return
    bad_rows: list[tuple[int | None, str]] = []

    def quarantine_row(row) -> str:
        bad_rows.append((row.number, row.text))
        return "skip"

    # Every column as bytes: one cell of broken bytes costs its row only (a string column's
    # would fail the whole block); the other columns decoded per cell (``_fields``).
    types = {name: pa.large_binary() for name in names}
    extra = [name for name in names if name not in _CONSUMED_FIELDS and name != column] + \
        [name for name in ("id", "url") if name in names]
    index = 0
    given = {"good": 0, "ragged": 0}  # rows given so far, of the right width and ragged
    with open_input(file.url) as handle:
        try:
            reader = pcsv.open_csv(
                Utf8Of(handle, encoding) if encoding else handle,
                read_options=pcsv.ReadOptions(block_size=BLOCK_BYTES, skip_rows=1 if separator else 0),
                parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                                invalid_row_handler=quarantine_row),
                convert_options=pcsv.ConvertOptions(column_types=types, include_columns=[column, *extra],
                                                    strings_can_be_null=False))
            for batch in reader:
                yield from _bad_rows(file, index, bad_rows)
                index += len(bad_rows)
                given["ragged"] += len(bad_rows)
                bad_rows.clear()
                values, fields = _texts_and_fields(pa.Table.from_batches([batch]), column)
                yield from _row_documents(file.source, index, column, values, _fields(fields))
                index += len(values)
                given["good"] += len(values)
        except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a damaged table
            if _ragged_with_broken_bytes(error):  # (the rows not given yet: read on by csv)
                yield from read_on_with_csv(file, delimiter, index, column, [column, *extra], given, encoding)
                return
            yield from _bad_rows(file, index, bad_rows)
            index += len(bad_rows)
            yield Unreadable(file.source, f"{file.source}: unreadable after row {index}: "
                                          f"{type(error).__name__}: {str(error)[:300]}")
            return
    yield from _bad_rows(file, index, bad_rows)


def _ragged_with_broken_bytes(error: Exception) -> bool:
    """Whether pyarrow stopped at a ragged row it could not hand to the invalid-row handler
    (its text not UTF-8): with a handler that skips every ragged row, a ragged row ends
    the reading only so. (Its message shows the row with U+FFFD, but cut at 100 bytes.)

    >>> _ragged_with_broken_bytes(ValueError("CSV parse error: Expected 2 columns, got 3: 2,bad\ufffd,x"))
    True
    >>> _ragged_with_broken_bytes(ValueError("CSV parse error: Unexpected end of data"))
    False
    """
    message = str(error)
    return "Expected " in message and " columns, got " in message


# Rows of the csv module's reading made Documents at a time.
CSV_BATCH_ROWS = 1024


def read_on_with_csv(file: InputFile, delimiter: str, first: int, column: str, columns: list[str],
                     given: dict[str, int], encoding: str | None = None) -> Iterator[Document]:
    """The table's data rows not given yet, read by Python's ``csv`` module, numbered from
    record `first`: the first ``given["good"]`` rows of the header's width and the first
    ``given["ragged"]`` ragged ones were given (pyarrow hands ragged rows to its handler
    ahead of the block they end, so the two are counted apart). Each other row of the
    header's width is a record as pyarrow's rows are (cells bytes again, decoded per row);
    a ragged one is quarantined with its cells as a CSV line. Empty lines are not rows (as
    pyarrow skips them)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # (a text cell is long; the default is 128 KB)
    try:
        with open_input(file.url) as handle:
            text = io.TextIOWrapper(Utf8Of(handle, encoding) if encoding else handle, encoding="utf-8",
                                    errors="surrogateescape", newline="")
            rows = (row for row in csv.reader(text, delimiter=delimiter) if row)
            header = [name.strip().strip('"').lstrip("\ufeff") for name in next(rows, [])]
            wanted = [header.index(name) for name in columns]
            seen = {"good": 0, "ragged": 0}
            index, batch = first, []
            for row in rows:
                kind = "good" if len(row) == len(header) else "ragged"
                seen[kind] += 1
                if seen[kind] <= given[kind]:
                    continue
                if kind == "ragged":
                    yield from _read_batch(file, index - len(batch), column, columns, batch)
                    batch = []
                    yield _ragged_row(file, index, delimiter, row)
                else:
                    batch.append([row[at].encode("utf-8", "surrogateescape") for at in wanted])
                    if len(batch) == CSV_BATCH_ROWS:
                        yield from _read_batch(file, index + 1 - len(batch), column, columns, batch)
                        batch = []
                index += 1
            yield from _read_batch(file, index - len(batch), column, columns, batch)
    finally:
        csv.field_size_limit(limit)


def _read_batch(file: InputFile, first: int, column: str, columns: list[str], rows: list[list[bytes]]
                ) -> Iterator[Document]:
    """Rows of cells (bytes) as records, made as pyarrow's batches are."""
    import pyarrow as pa

    if not rows:
        return
    table = pa.table({name: pa.array([row[at] for row in rows], pa.large_binary())
                      for at, name in enumerate(columns)})
    values, fields = _texts_and_fields(table, column)
    yield from _row_documents(file.source, first, column, values, _fields(fields))


def _ragged_row(file: InputFile, index: int, delimiter: str, row: list[str]) -> Document:
    """A row with the wrong number of cells, quarantined with its cells as a CSV line."""
    line = io.StringIO()
    csv.writer(line, delimiter=delimiter, lineterminator="").writerow(row)
    text = line.getvalue()
    return new_document(file.source, index, text.encode("utf-8", "surrogateescape"),
                        text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                        problem=f"{file.source}: row {index + 1} has the wrong number of cells for its header "
                                f"({len(row)}; read by Python's csv module after a row of broken bytes)")


def _fields(rows: list[dict]) -> list[dict]:
    """The rows' other cells as text (read as bytes; a broken byte shown as U+FFFD).

    >>> _fields([{"id": b"7", "site": b"x\\xff"}])
    [{'id': '7', 'site': 'x\ufffd'}]
    """
    return [{key: value.decode("utf-8", "replace") if isinstance(value, bytes) else value
             for key, value in row.items()} for row in rows]


def _bad_rows(file: InputFile, first: int, rows: list[tuple[int | None, str]]) -> Iterator[Document | Skipped]:
    """Rows with the wrong number of cells, quarantined with their raw line; a "row" of
    NUL bytes only (a preallocated file's padding after its last row) is no text: skipped."""
    for index, (number, text) in enumerate(rows, start=first):
        where = f"line {number}" if number is not None else f"row {index}"
        if not text.strip("\x00 \r\n"):
            yield Skipped(file.source, f"{file.source}: {where} holds only NUL bytes (padding), no row", index)
            continue
        yield new_document(file.source, index, text.encode("utf-8", "surrogatepass"), text,
                           problem=f"{file.source}: {where} has the wrong number of cells for its header")

"""Readers: input files (local path or fsspec URL) → Documents, one per record.

Nothing disappears silently. A record we cannot read becomes a Document carrying a
`problem` (it goes to quarantine with that reason, raw text kept); a file we cannot
read at all (empty, binary, unsupported) becomes a `Skipped` entry naming the file.
"""
from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import fsspec
from charset_normalizer import from_bytes

from corpus_clean.document import Document, sha256_hex, stable_id

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json.gz")
HTML_SUFFIXES = (".html", ".htm")
PARQUET_SUFFIXES = (".parquet",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + PARQUET_SUFFIXES

# A record larger than this is quarantined uncleaned: one 100 MB line is not an article,
# and cleaning it would stall its whole shard.
MAX_RECORD_CHARS = 10_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class InputFile:
    url: str       # what fsspec opens
    source: str    # what rows say: path relative to the input root
    size: int


@dataclass(frozen=True)
class Skipped:
    """A file (or record) we could not turn into a Document, and why."""

    source: str
    reason: str
    record_index: int | None = None


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    problem: str | None = None  # set when bytes were lost (replacement characters)


def list_input_files(path: str) -> list[InputFile]:
    """Every file under `path` (a file, a directory or an fsspec URL), sorted by source.

    Unsupported files are listed too: the reader turns them into `Skipped` entries so
    the run's accounting names them.
    """
    fs, root = fsspec.core.url_to_fs(path)
    if not fs.exists(root):
        raise FileNotFoundError(f"input path does not exist: {path}")
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    prefix = "" if protocol in ("file", "local") else f"{protocol}://"
    if fs.isdir(root):
        infos = fs.find(root, detail=True)
        base = root.rstrip("/") + "/"
        files = [
            InputFile(prefix + name, name[len(base):] if name.startswith(base) else name, info.get("size") or 0)
            for name, info in infos.items() if info.get("type") == "file"
        ]
    else:
        info = fs.info(root)
        files = [InputFile(prefix + root, root.rsplit("/", 1)[-1], info.get("size") or 0)]
    return sorted(files, key=lambda f: f.source)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many other C0 controls in the first 8 KB mean it is not text.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    True
    >>> looks_binary("plain text, café".encode())
    False
    """
    head = data[:8192]
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    # A stray NUL or two in a short text is repairable noise; binary formats have many.
    return head.count(0) > max(len(head) // 100, 4) or controls > len(head) // 10


def decode_bytes(data: bytes) -> Decoded:
    """Bytes → text, recording the encoding used. Never raises.

    BOMs first (UTF-8/16/32), then strict UTF-8 (most web text), then
    charset-normalizer's best guess (cp1252, latin-1, cp1251...). Only when no guess
    is good do we decode UTF-8 with replacement and say so: those records are
    quarantined rather than silently altered.

    >>> decode_bytes("Un caf\\u00e9 cr\\u00e8me, s'il vous pla\\u00eet".encode("cp1252")).encoding
    'cp1252'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as error:
                return Decoded(data.decode(encoding, "replace"), encoding,
                               f"invalid {encoding} at byte {error.start}")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    bad_share = data.decode("utf-8", "replace").count("\ufffd") / max(len(data), 1)
    if bad_share < 0.001 and len(data) > 1000:
        # Mostly valid UTF-8 with a few broken bytes: keep UTF-8 and flag it.
        return Decoded(data.decode("utf-8", "replace"), "utf-8",
                       f"invalid UTF-8 byte at offset {first_bad}")
    encoding = guess_single_byte_encoding(data)
    if encoding is not None:
        return Decoded(data.decode(encoding), encoding.replace("_", "-"))
    return Decoded(data.decode("utf-8", "replace"), "utf-8",
                   f"invalid UTF-8 byte at offset {first_bad}")


# charset-normalizer ties many Latin code pages on short text (cp1250, cp1257, mac_roman
# score alike for "café"); cp1252 is by far the most common of them on the web.
_LATIN_CODEPAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp852", "latin_1",
                    "iso8859_2", "iso8859_15", "mac_roman", "mac_iceland", "mac_turkish", "mac_latin2"}
_COMMON_NON_ASCII_PUNCT = set("“”‘’–—…€£©®°·½«»\u00a0")


def _odd_symbols(text: str) -> int:
    """Non-ASCII characters that are neither letters nor common punctuation."""
    return sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha() and ch not in _COMMON_NON_ASCII_PUNCT)


def guess_single_byte_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, nudged to cp1252 among tied Latin code pages.

    >>> guess_single_byte_encoding("Der Bär läuft über die Straße".encode("cp1252"))
    'cp1252'
    >>> guess_single_byte_encoding("Привет, как дела? Это тест.".encode("cp1251"))
    'cp1251'
    """
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    candidate = best.encoding
    # UTF-16/32 without a BOM is a wild guess on short text; a Latin page is likelier.
    if candidate in _LATIN_CODEPAGES or candidate.startswith(("utf_16", "utf_32")):
        try:
            if _odd_symbols(data.decode("cp1252")) <= _odd_symbols(data.decode(candidate, "replace")):
                return "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        data.decode(candidate)
    except (UnicodeDecodeError, LookupError):
        return None
    return candidate


def _new_document(source: str, index: int, raw: bytes, text: str, *, html: str | None = None,
                  encoding: str | None = None, problem: str | None = None) -> Document:
    doc = Document(id=stable_id(source, index), source=source, record_index=index,
                   raw_text=text, raw_sha256=sha256_hex(raw), html=html, encoding=encoding)
    if problem:
        doc.problems.append(("readable_input", problem))
    if len(text) > MAX_RECORD_CHARS or (html is not None and len(html) > MAX_RECORD_CHARS):
        doc.problems.append(("record_size", f"{source}: record {index} has "
                             f"{max(len(text), len(html or ''))} chars, limit {MAX_RECORD_CHARS}"))
    return doc


def _read_bytes(file: InputFile) -> bytes:
    with fsspec.open(file.url, "rb", compression="infer") as handle:
        return handle.read()


def read_text_file(file: InputFile) -> Iterator[Document | Skipped]:
    data = _read_bytes(file)
    if not data.strip():
        yield Skipped(file.source, "empty file")
        return
    if looks_binary(data) and not data.startswith(tuple(b for b, _ in _BOMS)):
        yield Skipped(file.source, "binary file (NUL or control bytes), not text")
        return
    decoded = decode_bytes(data)
    problem = f"{file.source}: {decoded.problem}" if decoded.problem else None
    yield _new_document(file.source, 0, data, decoded.text, encoding=decoded.encoding, problem=problem)


def read_html_file(file: InputFile) -> Iterator[Document | Skipped]:
    from bs4.dammit import UnicodeDammit  # honours <meta charset>, then sniffs

    data = _read_bytes(file)
    if not data.strip():
        yield Skipped(file.source, "empty file")
        return
    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is None:
        yield Skipped(file.source, "HTML file in no encoding we could detect")
        return
    yield _new_document(file.source, 0, data, "", html=dammit.unicode_markup,
                        encoding=dammit.original_encoding)


def jsonl_record(source: str, index: int, line: bytes) -> Document | Skipped:
    """One JSONL line → a Document, or a Document with a problem naming file and line."""
    where = f"{source}:{index + 1}"
    if not line.strip():
        return Skipped(source, f"blank line {index + 1}", index)
    decoded = decode_bytes(line)
    try:
        record = json.loads(decoded.text)
    except (json.JSONDecodeError, RecursionError) as error:
        return _new_document(source, index, line, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: malformed JSON ({error})")
    if not isinstance(record, dict):
        return _new_document(source, index, line, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: JSON value is a {type(record).__name__}, not an object")
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and not isinstance(text, str):
        doc = _new_document(source, index, line, "", html=html, encoding=decoded.encoding)
        doc.source_id, doc.url, doc.meta = caller_fields(record)
        return doc
    if not isinstance(text, str):
        return _new_document(source, index, line, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: no string \"text\" or \"html\" field")
    problem = f"{where}: {decoded.problem}" if decoded.problem else None
    doc = _new_document(source, index, line, text, encoding=decoded.encoding, problem=problem)
    if isinstance(record.get("title"), str) and record["title"].strip():
        doc.title = record["title"].strip()  # the feed's own title beats one found in the text
    doc.source_id, doc.url, doc.meta = caller_fields(record)
    return doc


_CONSUMED_FIELDS = ("text", "html", "title", "id", "url")


def caller_fields(record: dict) -> tuple[str | None, str | None, dict[str, str]]:
    """The record's own id, url and other scalar fields (as strings), kept on the row.

    >>> caller_fields({"id": 7, "url": "https://x.test/a", "text": "...", "site": "x", "rank": 2.5, "tags": ["a"]})
    ('7', 'https://x.test/a', {'rank': '2.5', 'site': 'x'})
    """
    def as_text(value) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, (bool, int, float)):
            return json.dumps(value)
        return None  # null, lists and objects are not scalar metadata

    meta = {key: text for key, value in sorted(record.items())
            if key not in _CONSUMED_FIELDS and (text := as_text(value)) is not None}
    return as_text(record.get("id")), as_text(record.get("url")), meta


def read_jsonl_file(file: InputFile) -> Iterator[Document | Skipped]:
    """Streams line by line: a large JSONL file is never held in memory whole."""
    with fsspec.open(file.url, "rb", compression="infer") as handle:
        empty = True
        for index, line in enumerate(handle):
            empty = False
            yield jsonl_record(file.source, index, line.rstrip(b"\r\n"))
        if empty:
            yield Skipped(file.source, "empty file")


def read_parquet_file(file: InputFile) -> Iterator[Document | Skipped]:
    import pyarrow.parquet as pq
    import pyarrow.types as pa_types

    try:
        with fsspec.open(file.url, "rb") as handle:
            parquet = pq.ParquetFile(io.BytesIO(handle.read()))
    except Exception as error:  # pyarrow raises several types for a corrupt file
        yield Skipped(file.source, f"unreadable Parquet file: {error}")
        return
    names = parquet.schema_arrow.names
    column = "text" if "text" in names else "html" if "html" in names else None
    if column is None:
        yield Skipped(file.source, f"Parquet file has no 'text' or 'html' column (columns: {names})")
        return
    # The caller's scalar columns (id, url, site...) travel with each row, as in JSONL.
    extra = [f.name for f in parquet.schema_arrow if f.name not in _CONSUMED_FIELDS
             and (pa_types.is_string(f.type) or pa_types.is_integer(f.type) or pa_types.is_floating(f.type)
                  or pa_types.is_boolean(f.type))]
    extra += [name for name in ("id", "url") if name in names]
    index = 0
    for batch in parquet.iter_batches(columns=[column, *extra], batch_size=4096):
        for row in batch.to_pylist():
            value = row.pop(column)
            raw = (value or "").encode("utf-8", "surrogatepass")
            if not isinstance(value, str):
                doc = _new_document(file.source, index, raw, "",
                                    problem=f"{file.source}: row {index} has null {column}")
            elif column == "html":
                doc = _new_document(file.source, index, raw, "", html=value, encoding="utf-8")
            else:
                doc = _new_document(file.source, index, raw, value, encoding="utf-8")
            doc.source_id, doc.url, doc.meta = caller_fields(row)
            yield doc
            index += 1


def read_file(file: InputFile | str) -> Iterator[Document | Skipped]:
    """All records of one file, in order. Accepts an InputFile or a plain path."""
    if isinstance(file, str):
        file = InputFile(file, file, 0)
    name = file.source.lower()
    if name.endswith(JSONL_SUFFIXES):
        reader = read_jsonl_file
    elif name.endswith(HTML_SUFFIXES):
        reader = read_html_file
    elif name.endswith(PARQUET_SUFFIXES):
        reader = read_parquet_file
    elif name.endswith(TEXT_SUFFIXES):
        reader = read_text_file
    else:
        yield Skipped(file.source, f"unsupported file type (supported: {', '.join(SUPPORTED_SUFFIXES)})")
        return
    try:
        yield from reader(file)
    except OSError as error:
        yield Skipped(file.source, f"could not read file: {error}")

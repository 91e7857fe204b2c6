"""Readers: input files (local path or fsspec URL) → Documents, one per record.

Nothing disappears silently. A record we cannot read becomes a Document carrying a
`problem` (it goes to quarantine with that reason, raw text kept); a file we cannot
read at all (empty, binary, unsupported) becomes a `Skipped` entry naming the file; a
part of a file that breaks (a gzip stream cut short, a damaged Parquet row group)
becomes an `Unreadable` entry saying how many records it held when the format says.
The input tree is walked here, not by fsspec: symlinks are followed once, loops and
second paths to the same file are listed with a reason, never read twice or dropped.
"""
from __future__ import annotations

import codecs
import importlib
import json
import os
import re
import stat
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from charset_normalizer import from_bytes

from corpus_clean import native
from corpus_clean.document import Document, sha256_hex, stable_id
from corpus_clean.layout import is_output_root, output_holding

try:  # the compiled reader of plain JSONL records (corpus_clean/_jsonl_native.c), when it was built
    from corpus_clean import _jsonl_native
except ImportError:
    _jsonl_native = None

# What a file's name says it holds. Text formats may also come compressed (fsspec undoes
# the compression the suffix names): big corpora ship as `.jsonl.zst` or `.jsonl.gz`.
FORMAT_OF_SUFFIX = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
                    ".html": "html", ".htm": "html", ".parquet": "parquet",
                    ".warc": "warc", ".wet": "warc", ".arc": "warc", ".csv": "csv", ".tsv": "csv", ".tab": "csv",
                    ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "xml", ".tei": "xml",
                    ".mhtml": "mhtml", ".mht": "mhtml", ".arrow": "arrow", ".feather": "arrow",
                    ".mbox": "mail", ".eml": "mail"}
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")  # not for Parquet: it compresses inside
# Archives whose members are listed and read one by one, each by its own name
# (``corpus_clean.archives``; a tar's compression told by its suffix, ``.tgz`` too).
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".tbz2", ".txz")

# A `.json` file holding one JSON document (an array of records) is parsed whole, so
# it has a size limit; JSON Lines in a `.json` file stream like any JSONL.
MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024

# A record larger than this is quarantined uncleaned: one 100 MB line is not an article,
# and cleaning it would stall its whole shard.
MAX_RECORD_CHARS = 10_000_000
# A .txt or .html file is one record, kept whole in quarantine when over the limit above
# (a 100 MB text: nothing lost). Past this many bytes it is not read at all, saying why:
# one Arrow string holds under 2 GB, and a 3 GB file read whole takes the worker's memory.
MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# The bytes a BOM can start with: data starting with none of them holds no BOM, and
# ``decode_bytes`` skips the five prefix tests (most JSONL lines start with "{").
_BOM_FIRST_BYTES = frozenset(bom[:1] for bom, _ in _BOMS)


@dataclass(frozen=True)
class InputFile:
    url: str       # what fsspec opens
    source: str    # what rows say: path relative to the input root
    size: int      # bytes to read (a piece: its bytes)
    # An entry of the input tree that is listed but not read (a symlink loop, a second
    # path to a file already listed, a fifo...): the reader turns it into a `Skipped`.
    skip_reason: str | None = None
    # A piece of a big JSONL file (``shards.split_big_files``): its bytes [start, end),
    # cut at line ends, whose first line is record `first_record` of the file. A piece
    # of a big Parquet file: its row groups [start, end), the first row record `first_record`.
    start: int = 0
    end: int | None = None
    first_record: int = 0
    # Last modification of a local file (os.stat's st_mtime_ns; None for other
    # filesystems): with `size`, lets an incremental run skip hashing an unchanged file
    # (``dataset.plan_inputs``).
    mtime_ns: int | None = None
    # How many records planning counted or estimated in it (``shards.records_estimate``;
    # None: not known, the file is packed by its bytes alone).
    records: int | None = None
    # A piece of one Parquet row group too big for a shard: its rows [first, last) within
    # row group `start` (``shards.row_group_pieces``).
    rows: tuple[int, int] | None = None
    # A member of a zip or tar archive (``archive_members``): the archive's source. Its
    # url opens the member (``zip://member::archive``), its source is the archive's
    # source and the member's name ("crawl-001.zip/pages/a.jsonl").
    archive: str | None = None
    # Why a member's bytes may be damaged though it reads (its tar.gz fails its CRC check
    # part way): each record read from it is quarantined saying so, its text kept raw.
    doubt: str | None = None

    @property
    def is_piece(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class Skipped:
    """A file (or record) we could not turn into a Document, and why."""

    source: str
    reason: str
    record_index: int | None = None


@dataclass(frozen=True)
class Unreadable:
    """Part of a file that could not be read: why, and how many records it held when
    the format says so (Parquet row groups), else None (a gzip stream cut short)."""

    source: str
    reason: str
    records: int | None = None


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    problem: str | None = None  # set when bytes were lost (replacement characters)


# The first bytes of each compressed format, by the suffix that names it.
COMPRESSION_MAGIC = {".gz": b"\x1f\x8b", ".bz2": b"BZh", ".xz": b"\xfd7zXZ\x00", ".zst": b"\x28\xb5\x2f\xfd"}
# fsspec's names for the formats, by suffix: what a file known by its bytes alone (its name
# not saying it is compressed) is opened with. bzip2's "BZh" could start a text, so its
# block size digit and first block's magic number are asked for too.
FSSPEC_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
_BZIP2_HEAD = re.compile(rb"BZh[1-9]\x31\x41\x59\x26\x53\x59")
PARQUET_MAGIC = b"PAR1"  # a Parquet file's first and last four bytes


def compression_of_head(head: bytes) -> str | None:
    """The compression a file's first bytes show (fsspec's name for it), None for none.

    >>> import gzip, bz2
    >>> compression_of_head(gzip.compress(b"a")), compression_of_head(bz2.compress(b"a"))
    ('gzip', 'bz2')
    >>> compression_of_head(b'{"text": "a"}'), compression_of_head(b"BZh9 is a model name")
    (None, None)
    """
    for suffix, magic in COMPRESSION_MAGIC.items():
        if head.startswith(magic) and (suffix != ".bz2" or _BZIP2_HEAD.match(head)):
            return FSSPEC_COMPRESSION[suffix]
    return None


def head_and_tail(url: str, size: int = 10, tail: bool = True) -> tuple[bytes, bytes]:
    """A file's first and last `size` bytes as stored ((b"", b"") when it cannot be read:
    the reader opens it again and says why); with `tail` False, the tail is not read (one
    request fewer on object stores) and b"" stands for it."""
    try:
        with open_url(url) as handle:
            head = handle.read(size)
            if not tail or len(head) < size:
                return head, head if tail else b""
            handle.seek(-size, os.SEEK_END)
            return head, handle.read(size)
    except Exception:  # noqa: BLE001
        return b"", b""


def is_parquet_bytes(head: bytes, tail: bytes) -> bool:
    """Parquet by its bytes: "PAR1" at both ends (a text starting "PAR1" rarely ends so)."""
    return head.startswith(PARQUET_MAGIC) and tail.endswith(PARQUET_MAGIC)


def holds_parquet(url: str) -> bool:
    """Whether a file is Parquet by its bytes (``is_parquet_bytes``); its end is read only
    when its start says "PAR1", so a text file costs one short read."""
    head = head_and_tail(url, len(PARQUET_MAGIC), tail=False)[0]
    return head == PARQUET_MAGIC and is_parquet_bytes(*head_and_tail(url, len(PARQUET_MAGIC)))


def starts_as_other_format(head: bytes) -> bool:
    """Whether a file named as text (``.jsonl``...) may hold compressed bytes, Parquet or WARC:
    planning then keeps it whole, never cut at byte offsets (``shards.jsonl_pieces``), and
    the reader reads it as what it holds.

    >>> import gzip
    >>> starts_as_other_format(gzip.compress(b"a")), starts_as_other_format(b"PAR1..."), starts_as_other_format(b"{")
    (True, True, False)
    """
    return compression_of_head(head) is not None or head.startswith(PARQUET_MAGIC) or head.startswith(b"WARC/") \
        or sniffed_kind(head) in ("tar", "zip", "feed", "mhtml", "sitemap")


def open_input(url: str, compression: str | None = "infer"):
    """``fsspec.open(url, "rb")``, fsspec imported on the first file opened, not with this
    module: the cleaning workers import the readers to parse the lines they are handed,
    never open a file, and fsspec (with the asyncio it imports) is ~10 MB resident in each.

    A file named as compressed whose bytes do not start as that format says
    (``stored_uncompressed``) is read as it is stored: a tool that saved plain JSONL as
    ``part.jsonl.gz`` loses no records; and the other way round, a file whose name says
    nothing of compression but whose bytes are gzip, bzip2, xz or zstd is decompressed."""
    if compression == "infer" and stored_uncompressed(url):
        compression = None
    elif compression == "infer" and not is_compressed(url):
        # A file named as plain text whose bytes are compressed (`part.jsonl` written by a
        # tool that gzips everything) is read through its decompressor.
        compression = compression_of_head(head_and_tail(url, tail=False)[0])
    return open_url(url, compression)


def open_url(url: str, compression: str | None = None):
    """``fsspec.open(url, "rb", compression=compression)``; an archive member's url
    (``zip://name::archive``) through its archive opened once (``archives.open_member``)."""
    import fsspec

    if archive_member_name(url) is not None:
        from corpus_clean.archives import open_member

        return open_member(url, compression)
    return fsspec.open(url, "rb", compression=compression)


def stored_uncompressed(url: str) -> bool:
    """Whether a file named as compressed (``.gz``, ``.bz2``, ``.xz``, ``.zst``) holds
    something else: its first bytes are not its format's magic number. An empty file
    or one that cannot be opened is left to the reader to report.

    >>> import gzip, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "plain.jsonl.gz").write_bytes(b'{"text": "a"}\\n')
    >>> _ = (folder / "real.jsonl.gz").write_bytes(gzip.compress(b'{"text": "a"}\\n'))
    >>> stored_uncompressed(str(folder / "plain.jsonl.gz")), stored_uncompressed(str(folder / "real.jsonl.gz"))
    (True, False)
    """
    suffix = next((s for s in COMPRESSION_MAGIC if opened_name(url).lower().endswith(s)), None)
    if suffix is None:
        return False
    # (a file that cannot be opened reads as b"": the reader opens it again and says why)
    head = head_and_tail(url, STORED_SNIFF_BYTES, tail=False)[0]
    if not head or head.startswith(COMPRESSION_MAGIC[suffix]) or COMPRESSION_MAGIC[suffix].startswith(head):
        return False  # (a file shorter than the magic number and starting as it: a stream cut short)
    # Not its magic number: plain text under a compressed name, or a compressed stream
    # whose first bytes were damaged -- read as stored, that is binary shredded into
    # "lines" of garbage and its records lost without a word; through its decompressor,
    # the file is listed as unreadable with the decompressor's reason.
    return looks_like_text(head)


# What ``stored_uncompressed`` reads of a file whose name says it is compressed.
STORED_SNIFF_BYTES = 4096


def looks_like_text(head: bytes) -> bool:
    """Whether a file's first bytes are text in some encoding (a BOM; UTF-16 without one;
    UTF-8, the last character possibly cut; a single-byte encoding, with next to no C0
    controls), not compressed or other binary data, whose bytes are spread evenly (a
    tenth of them C0 controls).

    >>> looks_like_text(b'{"text": "caf\\xc3\\xa9"}'), looks_like_text(b"caf\\xe9 cr\\xe8me")
    (True, True)
    >>> import zlib; looks_like_text(zlib.compress(b'{"text": "a harbour council"}' * 9)[3:])
    False
    """
    if head.startswith(tuple(bom for bom, _ in _BOMS)) or sniff_utf16(head, complete=False):
        return True
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def list_input_files(path: str) -> list[InputFile]:
    """Every entry under `path` (a file, a directory or an fsspec URL), sorted by source.

    Unsupported files and entries that are not files are listed too: the reader turns
    them into `Skipped` entries, so the run's accounting names every entry of the tree.
    """
    import fsspec  # see open_input

    fs, root = fsspec.core.url_to_fs(path)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol in ("file", "local"):
        return with_archive_members(walk_local_tree(root))
    if not fs.exists(root):
        raise FileNotFoundError(f"input path does not exist: {path}")
    prefix = f"{protocol}://"
    if not fs.isdir(root):
        info = fs.info(root)
        return with_archive_members([InputFile(prefix + root, root.rsplit("/", 1)[-1], info.get("size") or 0)])
    base = root.rstrip("/") + "/"
    files = []
    for name, info in fs.find(root, detail=True).items():
        source = name[len(base):] if name.startswith(base) else name
        kind = info.get("type")
        files.append(InputFile(prefix + name, source, info.get("size") or 0,
                               None if kind == "file" else f"not a regular file (fsspec type {kind!r})"))
    return with_archive_members(sorted(files, key=lambda f: f.source))


def with_archive_members(files: list[InputFile]) -> list[InputFile]:
    """`files` with each zip or tar archive replaced by its members (``corpus_clean.archives``,
    imported when an archive is met), sorted by source."""
    if not any(f.skip_reason is None and f.source.lower().endswith(ARCHIVE_SUFFIXES) for f in files):
        return files
    from corpus_clean.archives import with_members

    return sorted(with_members(files), key=lambda f: f.source)


def storable_name(name: str) -> str:
    """A file name as rows, manifests and reports can store it (valid UTF-8).

    POSIX names are bytes; Python keeps bytes that are not UTF-8 as lone surrogates,
    which no UTF-8 writer accepts. They are written as ``\\xNN`` instead; the file is
    still opened by its real path.

    >>> storable_name(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    >>> storable_name("café.txt")
    'café.txt'
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def walk_local_tree(root: str) -> list[InputFile]:
    """Every entry of a local tree, symlinks followed once, sorted by source.

    Real entries are walked first, then symlinks (so a file reached both ways is read
    under its real path). Each file or folder (by device and inode) is read once; a
    second path to it, a symlink loop, a broken symlink, an entry that is not a
    regular file, or a corpus-clean output in the tree (or reached by a link) is listed
    with the reason it was not read.
    """
    if not os.path.lexists(root):
        raise FileNotFoundError(f"input path does not exist: {root}")
    top = os.stat(root)
    if not stat.S_ISDIR(top.st_mode):
        return [InputFile(root, storable_name(os.path.basename(root.rstrip("/"))), top.st_size, mtime_ns=top.st_mtime_ns)]
    seen: dict[tuple[int, int], str] = {(top.st_dev, top.st_ino): "."}  # identity → source read as
    own_output = output_holding(root)  # an input inside an output (`--input out/clean`) reads that output
    entries: list[InputFile] = []
    symlinks: list[tuple[str, str, frozenset]] = []

    def skip(path: str, source: str, reason: str) -> None:
        entries.append(InputFile(path, source, 0, reason))

    def visit(path: str, source: str, ancestors: frozenset, following: bool) -> tuple | None:
        """List the entry at `path`; a folder to walk is returned (see `walk`)."""
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return skip(path, source, f"broken symlink (target {os.readlink(path)!r} does not exist)")
        except OSError as error:  # ELOOP: a chain of symlinks pointing at each other; ENAMETOOLONG
            return skip(path, source, f"cannot follow: {error.strerror}")
        identity = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if identity in ancestors:
                return skip(path, source, f"symlink loop: points back to folder {seen[identity]!r}")
            if identity in seen:
                return skip(path, source, f"same folder as {seen[identity]!r}, read there")
            holder = output_holding(path) if following else (Path(path) if is_output_root(path) else None)
            if holder is not None and holder != own_output:
                # A run's own output reached through a link (or an older output kept in the
                # tree): its Parquet would come back as input, cleaned twice, every row a
                # duplicate of itself.
                return skip(path, source, f"a corpus-clean output ({holder}): its data is a run's output, not input")
            seen[identity] = source
            return path, source, ancestors | {identity}, following
        if stat.S_ISREG(info.st_mode):
            if identity in seen:
                return skip(path, source, f"same file as {seen[identity]!r}, read there")
            seen[identity] = source
            entries.append(InputFile(path, source, info.st_size, mtime_ns=info.st_mtime_ns))
        else:
            skip(path, source, "not a regular file (fifo, socket or device)")
        return None

    def children(directory: str, prefix: str) -> Iterator:
        try:
            listed = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            skip(directory, prefix, f"cannot list folder: {error.strerror}")
            listed = []
        return iter(listed)

    def walk(directory: str, prefix: str, ancestors: frozenset, following: bool) -> None:
        """Depth first, children in name order, with a stack of its own rather than
        recursion: a tree nested past Python's ~1,000 frames failed the run
        (RecursionError) before anything was read."""
        stack = [(children(directory, prefix), prefix, ancestors, following)]
        while stack:
            listed, prefix, ancestors, following = stack[-1]
            child = next(listed, None)
            if child is None:
                stack.pop()
                continue
            source = f"{prefix}/{storable_name(child.name)}" if prefix else storable_name(child.name)
            if child.is_symlink() and not following:
                symlinks.append((child.path, source, ancestors))  # after every real entry
                continue
            folder = visit(child.path, source, ancestors, following)
            if folder is not None:
                stack.append((children(folder[0], folder[1]), *folder[1:]))

    walk(root, "", frozenset(seen), following=False)
    for path, source, ancestors in symlinks:
        folder = visit(path, source, ancestors, following=True)
        if folder is not None:
            walk(*folder)
    return sorted(entries, key=lambda f: f.source)


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


_NUL_BLOCK = re.compile(rb"\x00{16,}")


def without_nul_blocks(data: bytes) -> tuple[bytes, str | None] | None:
    r"""A text whose NULs are blocks of them (16 or more in a row) without those blocks, and
    what they hide: None for blocks at its end or start (a preallocated file's padding,
    nothing missing), else where the blocks were (a crash's hole: the text there is lost,
    so the text around it is quarantined, not passed as whole). None when it is binary
    with the blocks gone too, or holds NULs outside blocks.

    >>> without_nul_blocks(b"Text that was written.\n" + bytes(4096))
    (b'Text that was written.\n', None)
    >>> without_nul_blocks(b"First part.\n" + bytes(512) + b"Second part.\n")[1]
    '512 NUL bytes at byte 12 (a hole a crash or a preallocated file leaves: text may be missing there) removed'
    >>> without_nul_blocks(b"\x89PNG\r\n\x1a\n" + bytes(64) + b"\x00\x01\x02\x03" * 40) is None
    True
    """
    core = data.strip(b"\x00")
    inner = [(found.start(), len(found.group())) for found in _NUL_BLOCK.finditer(core)]
    text = _NUL_BLOCK.sub(b"", core)
    if not text or b"\x00" in text or looks_binary(text):
        return None
    if not inner:
        return text, None
    lead = len(data) - len(data.lstrip(b"\x00"))
    said = ", ".join(f"{size:,} NUL bytes at byte {lead + at:,}" for at, size in inner[:3])
    return text, f"{said}{' ...' if len(inner) > 3 else ''} (a hole a crash or a preallocated file leaves: " \
                 "text may be missing there) removed"


def decode_bytes(data: bytes) -> Decoded:
    """Bytes → text, recording the encoding used. Never raises.

    BOMs first (UTF-8/16/32), then what the bytes prove: UTF-32 or UTF-16 without a BOM
    (``sniff_utf32``, ``sniff_utf16``), an ISO-2022 escape (``sniff_escaped``: 7-bit, so
    valid UTF-8, but not UTF-8 text), then strict UTF-8 (most web text); then UTF-8 with a
    few lines in another encoding or a few broken bytes (``mostly_utf8``); then
    charset-normalizer's best guess (cp1252, latin-1, cp1251...). Only when no guess is good
    do we decode UTF-8 with replacement and say so: those records are quarantined rather
    than silently altered, as are guesses that leave bytes mapped to no character.

    >>> decode_bytes("Un caf\\u00e9 cr\\u00e8me, s'il vous pla\\u00eet".encode("cp1252")).encoding
    'cp1252'
    >>> decode_bytes("市議会は火曜日に話し合った。".encode("iso-2022-jp")).encoding
    'iso-2022-jp'
    """
    if len(data) % 2 and (data[:1] == b"\x00" or data[-1:] == b"\x00"):
        wide_line = _wide_line(data)
        if wide_line is not None:
            return wide_line
    for bom, encoding in _BOMS if data[:1] in _BOM_FIRST_BYTES else ():
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as error:
                return Decoded(data.decode(encoding, "replace"), encoding,
                               f"invalid {encoding} at byte {error.start}")
    wide = sniff_utf32(data) or sniff_utf16(data)
    if wide:
        return Decoded(data.decode(wide), wide)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        # ISO-2022 is 7-bit, so valid UTF-8: looked for in ASCII text only (isascii on a
        # str is a flag, not a scan).
        escaped = sniff_escaped(data) if text.isascii() else None
        if escaped:
            return Decoded(data.decode(escaped), escaped.replace("_", "-").replace("iso2022", "iso-2022"))
        return Decoded(text, "utf-8")
    mixed = mostly_utf8(data, first_bad)
    if mixed is not None:
        return mixed
    bad_share = data.decode("utf-8", "replace").count("\ufffd") / max(len(data), 1)
    if bad_share < 0.001 and len(data) > 1000:
        # Mostly valid UTF-8 (ASCII) with a few broken bytes: keep UTF-8 and flag it.
        return Decoded(data.decode("utf-8", "replace"), "utf-8",
                       f"invalid UTF-8 byte at offset {first_bad}")
    encoding = guess_single_byte_encoding(data)
    if encoding is not None:
        guess = guessed(data, encoding)
        if encoding not in _EAST_ASIAN_FAMILY and _implausible(guess.text[:SCORED_CHARS]):
            return damaged_east_asian(data) or guess
        return guess
    return Decoded(data.decode("utf-8", "replace"), "utf-8",
                   f"invalid UTF-8 byte at offset {first_bad}")


_BESIDE_REPLACED = re.compile(".?\ufffd+.?")


def damaged_east_asian(data: bytes) -> Decoded | None:
    """East Asian text with a few broken bytes, which no decoder reads whole: the guess
    falls to a code page that reads it as letters in random case ("НУРхРЧ ЙААЁДТ"). The
    East Asian decoder that reads it with at most a few replacements, in a script whose
    rules it breaks nowhere (``_script_breaks``), is taken, and the record flagged with
    the broken bytes (a multi-byte decoder may lose a character beside each).

    >>> text = "시의회는 화요일에 새 여객선 시간표를 논의했다. 주민들은 버스가 꽉 찬다고 말한다."
    >>> data = text.encode("euc_kr")
    >>> damaged = damaged_east_asian(data[:20] + b"\\xff" + data[20:])
    >>> damaged.encoding, damaged.problem
    ('cp949', 'decoded as cp949, but 1 byte(s) are invalid in it, the first at offset 20')
    """
    best = None
    for encoding in _EAST_ASIAN_WEB:
        text = data.decode(encoding, "replace")
        sample = text[:SCORED_CHARS]
        beyond_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
        replaced = sample.count("\ufffd") - data[:SCORED_CHARS * 2].count(b"\xef\xbf\xbd")
        if not replaced or beyond_ascii < 8 or replaced > min(max(4, beyond_ascii // 25), beyond_ascii // 4):
            continue
        around = _BESIDE_REPLACED.sub(" ", sample)  # (what the decoder read out of step, beside each break)
        if _implausible(around) or _script_breaks(around, encoding)[0]:
            continue
        if best is None or replaced < best[0]:
            best = (replaced, encoding, text)
    if best is None:
        return None
    replaced, encoding, text = best
    first = 0
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        first = error.start
    return Decoded(text, encoding, f"decoded as {encoding}, but {text.count(chr(0xFFFD))} byte(s) are invalid "
                                   f"in it, the first at offset {first}")


def _wide_line(data: bytes) -> Decoded | None:
    """A line of UTF-16/32 text read as bytes, decoded without the NULs of the newline it
    was cut at; None when it is no such line. A UTF-8 file with a UTF-16 file joined to it
    (``cat``; PowerShell's ``>>`` appends UTF-16) is split into lines at the byte 0x0A,
    which in UTF-16 is half a newline: its other half, a NUL, is left at the start of the
    next line (little-endian) or the end of this one (big-endian). Without a BOM both
    readings decode, and agree on Latin text; when they differ and neither holds more
    characters no text has (``_not_text_share``), little-endian (Windows') is kept and
    the record flagged: the byte order is unsure.

    >>> _wide_line(b"\\x00" + "Zürich".encode("utf-16-le")).text
    'Zürich'
    >>> _wide_line(codecs.BOM_UTF16_BE + "Zürich".encode("utf-16-be") + b"\\x00")
    Decoded(text='Zürich', encoding='utf-16', problem=None)
    >>> _wide_line(b"plain\\x00") is None
    True
    """
    readings: dict[str, Decoded] = {}
    for cut in (1, 3):
        for trimmed in (data[cut:] if data[:cut] == b"\x00" * cut else b"",
                        data[:-cut] if data[-cut:] == b"\x00" * cut else b""):
            if len(trimmed) < 4:
                continue
            bom = next((encoding for bom, encoding in _BOMS if trimmed.startswith(bom)), None)
            encoding = bom if bom in ("utf-16", "utf-32") else \
                None if bom else sniff_utf32(trimmed) or sniff_utf16(trimmed)
            if encoding:
                try:
                    readings.setdefault(trimmed.decode(encoding), Decoded(trimmed.decode(encoding), encoding))
                except UnicodeDecodeError:
                    continue
    if not readings:
        return None
    fewest = min(_not_text_share(text) for text in readings)
    best = [reading for text, reading in readings.items() if _not_text_share(text) == fewest]
    if len(best) == 1:
        return best[0]
    chosen = next((reading for reading in best if reading.encoding.endswith("le")), best[0])
    return Decoded(chosen.text, chosen.encoding, "a UTF-16/32 line read as bytes (a file joined to this "
                                                  "one?): its byte order is unsure, read as " + chosen.encoding)


# Characters a guessed legacy decoding gives for bytes its code page leaves unmapped: C1
# controls (latin-1's 0x80-0x9F) and private use (cp932's 0xFD-0xFF). No text holds them.
_UNMAPPED = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def guessed(data: bytes, encoding: str, how: str = "a guess") -> Decoded:
    """`data` decoded in a guessed `encoding`; bytes it maps to no character (``_UNMAPPED``)
    make the guess unsure: the record is quarantined with its raw bytes, not kept silently.

    >>> guessed(b"Preis: 5 \\x80", "cp1252").problem is None, guessed(b"caf\\xe9 \\x81", "latin_1").problem
    (True, 'decoded as latin-1 (a guess), but byte 0x81 at offset 5 maps to no character')
    """
    text = data.decode(encoding)
    name = encoding.replace("_", "-")
    odd = _UNMAPPED.search(text)
    if odd is None:
        if how == "a guess":
            sample = text[:SCORED_CHARS]
            beyond_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
            odd_symbols = _implausible(sample)
            if beyond_ascii and 5 * odd_symbols > beyond_ascii:
                # No code page reads these bytes as text (CJK with a broken byte, read as
                # Cyrillic: "йпрИ»Ап¶"): the best guess is still no text, so say so.
                first = next((at for at, byte in enumerate(data) if byte > 127), 0)
                return Decoded(text, name, f"decoded as {name} ({how}), but {odd_symbols} of its "
                                           f"{beyond_ascii} non-ASCII characters are odd symbols: the "
                                           f"encoding is unsure (first non-ASCII byte at offset {first})")
        return Decoded(text, name)
    at = len(text[:odd.start()].encode(encoding))
    return Decoded(text, name, f"decoded as {name} ({how}), but byte 0x{data[at]:02X} at offset {at} "
                               "maps to no character")


def mostly_utf8(data: bytes, first_bad: int) -> Decoded | None:
    """Bytes that are UTF-8 but for some lines or bytes, decoded line by line; None when
    most of their non-ASCII bytes are not UTF-8 (a legacy encoding: guess it whole).

    A line that is not UTF-8 and holds no UTF-8 character is a line saved in another
    encoding (a UTF-8 file with one line pasted from a cp1252 editor): those lines are
    decoded together in the encoding guessed from them. A line holding UTF-8 characters
    and a few bytes that are not is damaged UTF-8: its bytes are replaced and the record
    flagged. Decoding the whole file in one guessed code page would turn every UTF-8
    character of the other lines into mojibake.

    >>> mixed = "Stra\\u00dfe \\u2014 \\u201cgut\\u201d\\n".encode() + "Caf\\u00e9 cr\\u00e8me\\n".encode("cp1252")
    >>> mostly_utf8(mixed, 20)
    Decoded(text='Straße — “gut”\\nCafé crème\\n', encoding='utf-8+cp1252', problem=None)
    """
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad <= 0:
        return None
    lines = data.split(b"\n")
    # Fewer valid UTF-8 characters than twice the bytes that are not: a legacy file, unless
    # the lines say otherwise (``utf8_lines_beside_legacy_lines``): then read so, flagged.
    outnumbered = 2 * bad > len(lenient) - len(lenient.encode("ascii", "ignore")) - bad
    if outnumbered and not utf8_lines_beside_legacy_lines(lines, bad):
        return None
    texts: list = []
    legacy: list[int] = []
    damaged = False
    for number, line in enumerate(lines):
        try:
            texts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        text = line.decode("utf-8", "replace")
        if text.replace("\ufffd", "").isascii():
            legacy.append(number)
            texts.append(None)
        else:
            damaged = True
            texts.append(text)
    encoding = guess_single_byte_encoding(b"\n".join(lines[number] for number in legacy)) if legacy else None
    for number in legacy:
        if encoding is None:
            damaged = True
            texts[number] = lines[number].decode("utf-8", "replace")
        else:
            texts[number] = lines[number].decode(encoding)
            damaged = damaged or bool(_UNMAPPED.search(texts[number]))  # (see ``guessed``)
    name = "utf-8" if encoding is None else f"utf-8+{encoding.replace('_', '-')}"
    problem = f"invalid UTF-8 byte at offset {first_bad}" if damaged else None
    if outnumbered and problem is None:
        problem = (f"UTF-8 with {len(legacy)} line(s) in {name[6:]}, the first at offset {first_bad}: more "
                   f"{name[6:]} bytes than UTF-8 characters, so the reading is a guess")
    return Decoded("\n".join(texts), name, problem)


def utf8_lines_beside_legacy_lines(lines: list[bytes], bad: int) -> bool:
    """Whether lines that are mostly not UTF-8 by count are UTF-8 text all the same, told
    line by line. Either every line that is not UTF-8 holds no UTF-8 character (a line
    pasted from a legacy editor: its accents single bytes) and the UTF-8 lines hold two
    UTF-8 characters or one of three bytes; or lines hold UTF-8 characters beside broken
    bytes (`bad` of them, in stretches) and the text holds at least two characters of three
    bytes, and no fewer than `bad` (typographic quotes, a dash:
    "\u201d" is E2 80 9D, which a code page reads as "â€\x9d" and legacy text almost never
    holds). A UTF-8 paragraph with “quotes” and a French line from a cp1252 editor, or a
    line with “quotes” and two broken bytes, is read so (``mostly_utf8``, flagged), not as
    one code page's mojibake.

    >>> utf8_lines_beside_legacy_lines(["Said \u201cno\u201d".encode(), "Caf\u00e9 cr\u00e8me \u00e0 \u00e9t\u00e9".encode("cp1252")], 4)
    True
    >>> utf8_lines_beside_legacy_lines([b"Said \\xe2\\x80\\x9cno\\xe2\\x80\\x9d, \\xff\\xfeoften"], 2)
    True
    >>> utf8_lines_beside_legacy_lines([b"Said \\xe2\\x80\\x9cno, \\xff\\xfeoften"], 2)
    False
    >>> utf8_lines_beside_legacy_lines(["Caf\u00e9".encode(), "cr\u00e8me \u00e0 \u00e9t\u00e9".encode("cp1252")], 4)
    False
    """
    utf8_characters, wide, mixed_line = 0, 0, False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", "replace").replace("\ufffd", "")
            mixed_line = mixed_line or not text.isascii()  # (UTF-8 characters beside broken bytes)
        if not text.isascii():
            beyond = [char for char in text if ord(char) > 0x7F]
            utf8_characters += len(beyond)
            wide += sum(ord(char) > 0x7FF for char in beyond)
    # (EUC-JP and EUC-KR text forms three-byte UTF-8 by chance -- a kanji's bytes, then
    # kana's -- but beside many more bytes that are not)
    return wide >= max(2, bad) if mixed_line else utf8_characters >= 2 or wide >= 1


_ISO2022_ESCAPE = re.compile(rb"\x1b(?:\$[@B(]|\([BJI]|\$\)C)")


def sniff_escaped(data: bytes) -> str | None:
    """"iso2022_jp" (or _2, _kr) when 7-bit bytes switch character sets with ISO-2022
    escapes and decode in it; else None. (Such bytes are ASCII, so valid UTF-8: without
    this they would be read as UTF-8 with the escapes left in.)

    >>> sniff_escaped("住民".encode("iso-2022-jp")), sniff_escaped(b"plain"), sniff_escaped(b"\\x1b[31mred")
    ('iso2022_jp', None, None)
    """
    if b"\x1b" not in data or not _ISO2022_ESCAPE.search(data):
        return None
    for encoding in ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_kr"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def sniff_utf32(data: bytes, complete: bool = True) -> str | None:
    """"utf-32-le" or "utf-32-be" for UTF-32 without a BOM, else None: the high byte of
    every character is NUL, the next one nearly always (the Basic Multilingual Plane).

    >>> sniff_utf32("Привет, мир".encode("utf-32-le")), sniff_utf32("ab".encode("utf-16-le")), sniff_utf32(b"abcd")
    ('utf-32-le', None, None)
    """
    if data.find(b"\x00", 0, 4096) < 0:  # (the usual case: one memchr, no copy of the head)
        return None
    head = data[:4096]
    quarter = len(head) // 4
    if quarter < 2 or (complete and len(data) % 4):
        return None
    if head[3::4].count(0) == quarter and head[2::4].count(0) >= 0.9 * quarter and head[0::4].count(0) < quarter:
        encoding = "utf-32-le"
    elif head[0::4].count(0) == quarter and head[1::4].count(0) >= 0.9 * quarter and head[3::4].count(0) < quarter:
        encoding = "utf-32-be"
    else:
        return None
    try:
        data.decode(encoding) if complete else codecs.getincrementaldecoder(encoding)().decode(data)
    except UnicodeDecodeError:
        return None
    return encoding


def sniff_utf16(data: bytes, complete: bool = True) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 without a BOM, else None.

    Text in a Latin script encoded as UTF-16 has a NUL in every other byte (the high
    byte of each ASCII character): odd positions for little-endian, even for big-endian.
    No other text encoding looks like that, and the whole input must then decode.
    Scripts far from ASCII (Arabic, Cyrillic, CJK) have fewer NULs -- their spaces, digits
    and JSON punctuation only (``sniff_utf16_sparse``). `complete` False: `data` is the
    head of a stream, and may end inside a character.

    >>> sniff_utf16("A plain sentence.".encode("utf-16-le")), sniff_utf16("Big end.".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> sniff_utf16('{"text": "الميناء المجلس العبارة"}'.encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_utf16(b"plain ASCII") is None, sniff_utf16(b'{"text": "a NUL\\x00 or two\\x00 in UTF-8"}') is None
    (True, True)
    """
    head = data[:4096]
    half = len(head) // 2
    if half < 2 or (complete and len(data) % 2) or b"\x00" not in head:
        # (Either answer needs NULs at one parity: a head without any is no UTF-16, and
        # one C search saves two sliced copies and counts per record.)
        return None
    nul_even, nul_odd = head[0::2].count(0), head[1::2].count(0)
    if nul_odd >= 0.4 * half and nul_even <= 0.05 * half:
        encoding = "utf-16-le"
    elif nul_even >= 0.4 * half and nul_odd <= 0.05 * half:
        encoding = "utf-16-be"
    else:
        return sniff_utf16_sparse(data, head, nul_even, nul_odd, complete)
    try:
        _decode_utf16(data, encoding, complete)
    except UnicodeDecodeError:
        return None
    return encoding


# Characters that do not occur in text: unassigned, private use, surrogates, C0/C1 controls
# other than the usual white space. Bytes that are not UTF-16 decode to many of them.
_NOT_TEXT_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})


def sniff_utf16_sparse(data: bytes, head: bytes, nul_even: int, nul_odd: int, complete: bool) -> str | None:
    """UTF-16 without a BOM in a script far from ASCII: NULs at one parity only (the high
    byte of its spaces, digits and punctuation; at least 4, and 1 % of 32 characters or more), four
    times as many as at the other, and decoded as UTF-16 it is text (under 1 % of its characters unassigned,
    private use or controls) where decoded as UTF-8 it is not (UTF-8 text with a stray NUL
    or two is UTF-8; Cyrillic in UTF-16 is valid UTF-8, full of control characters).

    >>> sniff_utf16(" Привет, мир. Как дела? Хорошо, спасибо. А у тебя?".encode("utf-16-be"))
    'utf-16-be'
    """
    half = len(head) // 2
    if half < 32:
        return None  # too short to tell from a few bytes of binary
    # (The other parity's NULs: characters whose low byte is 0, U+3000, U+4E00 "一"...)
    if nul_odd >= max(4, 0.01 * half, 4 * nul_even):
        encoding = "utf-16-le"
    elif nul_even >= max(4, 0.01 * half, 4 * nul_odd):
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = _decode_utf16(data, encoding, complete)
    except UnicodeDecodeError:
        return None
    wide = _not_text_share(text[:2048])
    if wide > 0.01:
        return None
    try:
        narrow = _not_text_share(codecs.getincrementaldecoder("utf-8")().decode(head).replace("\x00", ""))
    except UnicodeDecodeError:
        return encoding  # not UTF-8 at all
    return encoding if narrow > wide else None


def _not_text_share(text: str) -> float:
    """The share of `text`'s characters that no text holds (``_NOT_TEXT_CATEGORIES``,
    white space aside)."""
    import unicodedata

    odd = sum(1 for ch in text if unicodedata.category(ch) in _NOT_TEXT_CATEGORIES and ch not in "\t\n\r\x0c")
    return odd / max(len(text), 1)


def _decode_utf16(data: bytes, encoding: str, complete: bool) -> str:
    """`data` decoded strictly; with `complete` False, a character cut at its end is allowed."""
    if complete:
        return data.decode(encoding)
    return codecs.getincrementaldecoder(encoding)().decode(data)


def stream_encoding(head: bytes) -> str | None:
    """The encoding a whole stream must be decoded in before it can be split into lines
    (UTF-16/32: a newline is more than one byte), from its first bytes; None when lines
    can be split as bytes (UTF-8 and single-byte encodings).

    >>> stream_encoding(codecs.BOM_UTF16_LE + "x\\n".encode("utf-16-le")), stream_encoding(b"{}")
    ('utf-16', None)
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    if len(head) <= 8:
        return None
    first_line = head[:head.find(b"\n")] if b"\n" in head else b""
    if first_line.strip() and b"\x00" not in first_line:
        # UTF-16/32 text has NULs in its first line (its ASCII, its newline's own half);
        # a stream whose first line has none starts as UTF-8 or a code page, whatever
        # follows (a UTF-16 file joined to it: its lines are read one by one, ``_wide_line``).
        return None
    return sniff_utf32(head[: len(head) // 4 * 4], complete=False) or \
        sniff_utf16(head[: len(head) // 2 * 2], complete=False)


_NEWLINES = {bytes: re.compile(rb"\r\n|\r|\n"), str: re.compile(r"\r\n|\r|\n")}

# A JSONL line longer than this is not held in memory: skipped, saying where it was. Any
# line this long is far over the record limit (MAX_RECORD_CHARS: even every character
# written as a 6-byte "\uXXXX" escape makes 60 MB), and a 3 GB "line" (a sparse file,
# a binary dump, NULs) read whole would take the worker's memory. Shorter ones over the
# record limit are still quarantined whole: nothing lost.
MAX_LINE_BYTES = 64 << 20


@dataclass(frozen=True)
class OverlongLine:
    """A line of the stream longer than the limit given to ``split_lines``, in place of
    its text: where it starts in the stream and how long it is (in bytes, or characters
    for a decoded stream)."""

    start: int
    size: int


def split_lines(chunks: Iterable[bytes] | Iterable[str], limit: int | None = None) -> Iterator:
    """Lines of a stream given in chunks, split at LF, CRLF or a lone CR (old Mac files),
    without their line ending. A long line costs one join, not one copy per chunk. A
    line longer than `limit` is not kept: an `OverlongLine` stands in its place, so
    memory stays bounded by `limit` plus a chunk whatever the stream holds.

    >>> list(split_lines([b"a\\r", b"\\nb\\rc\\n", b"\\nd"]))
    [b'a', b'b', b'c', b'', b'd']
    >>> list(split_lines([b"ok\\nxxx", b"xxxx", b"x\\r", b"\\nlast"], limit=4))
    [b'ok', OverlongLine(start=3, size=8), b'last']
    """
    parts: list = []
    carried_cr = False  # the last chunk ended in CR: the next may start with its LF
    empty = None
    offset = 0  # where the chunk starts in the stream
    dropped: list | None = None  # [start, size] of an overlong line being passed over
    for chunk in chunks:
        if not chunk:
            continue
        if empty is None:
            empty, newline = chunk[:0], _NEWLINES[type(chunk)]
            cr, lf = ("\r", "\n") if isinstance(chunk, str) else (b"\r", b"\n")
        if carried_cr:
            carried_cr = False
            if dropped is None:
                yield empty.join(parts)
            else:
                yield OverlongLine(*dropped)
                dropped = None
            parts = []
            if chunk[:1] in ("\n", b"\n"):
                chunk = chunk[1:]
                offset += 1
                if not chunk:
                    continue
        if dropped is not None:  # (rare) the overlong line goes on: to its line end
            ends = [at for at in (chunk.find(lf), chunk.find(cr)) if at >= 0]
            if not ends:
                dropped[1] += len(chunk)
                offset += len(chunk)
                continue
            end = min(ends)
            dropped[1] += end
            if chunk[end:end + 1] == cr and end + 1 == len(chunk):
                carried_cr = True  # (its LF may start the next chunk)
                offset += len(chunk)
                continue
            yield OverlongLine(*dropped)
            dropped = None
            skip = end + (2 if chunk[end:end + 2] in ("\r\n", b"\r\n") else 1)
            chunk, offset = chunk[skip:], offset + skip
            if not chunk:
                continue
        if cr not in chunk:  # the usual case: LF only, split in C
            *complete, rest = chunk.split(lf)
            for piece in complete:
                parts.append(piece)
                yield empty.join(parts)
                parts = []
            if rest:
                parts.append(rest)
        else:
            start = 0
            for match in newline.finditer(chunk):
                parts.append(chunk[start:match.start()])
                start = match.end()
                if match.end() == len(chunk) and match.group() in ("\r", b"\r"):
                    carried_cr = True
                    break
                yield empty.join(parts)
                parts = []
            if start < len(chunk):
                parts.append(chunk[start:])
        offset += len(chunk)
        if limit is not None and parts:  # (once a chunk: the line held so far)
            held = sum(map(len, parts))
            if held > limit:
                dropped, parts = [offset - held - carried_cr, held], []
    if dropped is not None:
        yield OverlongLine(*dropped)
    elif carried_cr or parts:
        yield empty.join(parts)


# charset-normalizer ties many Latin code pages on short text (cp1250, cp1257, mac_roman
# score alike for "café"); cp1252 is by far the most common of them on the web.
_LATIN_CODEPAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp852", "latin_1",
                    "iso8859_2", "iso8859_15", "mac_roman", "mac_iceland", "mac_turkish", "mac_latin2"}
_COMMON_NON_ASCII_PUNCT = set("“”‘’–—…€£©®°·½«»¿¡\u00a0"
                              "、。「」『』【】〈〉《》・！？，：；（）"  # (CJK text's own punctuation)
                              "،؛؟")  # (Arabic's)


def _odd_symbols(text: str) -> int:
    """Non-ASCII characters that are neither letters nor common punctuation."""
    import unicodedata

    # (Combining marks are parts of letters: Thai vowels and tones, cp1258's Vietnamese tones.)
    return sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha() and ch not in _COMMON_NON_ASCII_PUNCT
               and unicodedata.category(ch)[0] != "M")


_MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[^\W\d_\u00c0-\u024f\x00-\x7f])\w+")


def _implausible(text: str) -> int:
    """Odd symbols (``_odd_symbols``) plus words mixing ASCII letters with letters of
    another script ("Cafﻠ") and words of non-ASCII letters in odd case ("НУРхРЧ": no
    cased language writes a word lower, upper, lower): what a wrong code page leaves in
    text (multi-byte CJK read one byte at a time comes out as letters in random case).

    >>> _implausible("Café crème"), _implausible("Cafﻠ crﻟme"), _implausible("Привет, МИР")
    (0, 2, 0)
    >>> _implausible("НУРхРЧ ЙААЁДТ АмПя")
    2
    """
    odd_case = sum(1 for word in _NON_ASCII_WORD.findall(text)
                   if not (word.islower() or word.isupper() or word.istitle()) and word.lower() != word.upper())
    return _odd_symbols(text) + len(_MIXED_SCRIPT_WORD.findall(text)) + odd_case


_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")


def guess_single_byte_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, weighed against the code pages it is easily
    confused with (``_best_decoding``).

    >>> guess_single_byte_encoding("Der Bär läuft über die Straße".encode("cp1252"))
    'cp1252'
    >>> guess_single_byte_encoding("Привет, как дела? Это тест.".encode("cp1251"))
    'cp1251'
    >>> guess_single_byte_encoding("Belediye meclisi salı günü feribot tarifesini görüştü.".encode("cp1254"))
    'cp1254'
    """
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    candidate = best.encoding
    if candidate.startswith(("utf_16", "utf_32")):
        # UTF-16/32 without a BOM is a wild guess on short text; a Latin page is likelier.
        candidate = "cp1252"
    return _best_decoding(data, candidate)


# Code pages that agree on most letters and differ in a few: charset-normalizer often
# names one for text in the other (KOI8-R for Ukrainian, whose і ї є ґ then read as box
# drawing; TIS-620 for Thai with cp874's quotes, which then fails to decode).
_SIBLINGS = {"koi8_r": ("koi8_u",), "koi8_u": ("koi8_r",), "tis_620": ("cp874",), "iso8859_11": ("cp874",),
             "iso8859_7": ("cp1253",), "cp1253": ("iso8859_7",),
             "iso8859_9": ("cp1254",), "iso8859_8": ("cp1255",), "iso8859_13": ("cp1257",)}
# The Latin code pages of the web, the prior's order (cp1252 by far the most common):
# charset-normalizer's coherence ties them on most text (its letter tables rank only
# the commonest letters), so they are weighed against each other by a language model.
_LATIN_WEB = ("cp1252", "cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_15", "mac_roman")
SCORED_CHARS = 4096  # what the weighing reads of a long text


def _best_decoding(data: bytes, candidate: str) -> str | None:
    """Of `candidate`, its siblings (``_SIBLINGS``) and the web's legacy encodings
    (``_WEB_LEGACY``), the one whose decoding is most plausible: fewest odd symbols and
    words mixing scripts (``_implausible``), then the best fit of CLD2's language model
    (``_language_fit``: Turkish read through cp1252 is Turkish to CLD2 too, but its ş and ı
    as þ and ý fit it far worse; Polish read through ISO-8859-10 keeps its ą but not its
    ł), then the prior (cp1252 first when `candidate` reads as Latin script, else
    `candidate`). None when none decodes the bytes. (charset-normalizer's coherence ties
    many code pages on short text and names the rarer one as often as not: ISO-8859-10
    for Polish, Mac Iceland for Mac Roman, EUC-JIS-2004 for Thai.)

    >>> _best_decoding("Міська рада обговорила розклад, їх і є.".encode("koi8-u"), "koi8_r")
    'koi8_u'
    >>> _best_decoding("Café crème".encode("cp1252"), "cp1006")
    'cp1252'
    """
    latin = candidate in _LATIN_CODEPAGES or candidate in _LATIN_WEB or _reads_as_latin(data, candidate)
    first = [*_LATIN_WEB, candidate] if latin else [candidate, *_SIBLINGS.get(candidate, ()), "cp1252"]
    east_asian = not latin and candidate in _EAST_ASIAN_FAMILY
    if east_asian:  # (charset-normalizer names one East Asian encoding for another's bytes)
        first += _EAST_ASIAN_WEB
    order = list(dict.fromkeys([*first, *_SIBLINGS.get(candidate, ())]))  # (once each, in order)
    # (and a short Arabic line named cp1253 reads as Greek letters in random case: the other
    # alphabets' code pages are weighed when the readings so far are all implausible)
    rivals = [] if latin or east_asian else [encoding for encoding in _OTHER_SCRIPTS_WEB if encoding not in order]
    ranked = []
    for rank, encoding in enumerate(order + rivals):
        if rank == len(order) and min((item[0] for item in ranked), default=1) == 0:
            break
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:SCORED_CHARS]
        if "\\" in sample:  # (a JSONL line's "\\n" before a word is no mixed-script word)
            sample = _JSON_ESCAPE.sub(" ", sample)
        odd = _implausible(sample)
        if east_asian:
            breaks, checked = _script_breaks(sample, encoding)
            # (a reading that a script's own rules check, and that breaks none of them, is
            # ranked before one no rule can check: Thai read as GB18030 is some string of
            # ideographs, but GB18030 read as Thai breaks Thai spelling at once)
            rank = rank - len(order) if checked and not breaks and odd == 0 else rank
            odd += breaks
        ranked.append((odd, rank, encoding, sample))
    if not ranked:
        return None
    fewest = min(item[0] for item in ranked)
    plausible = sorted(item for item in ranked if item[0] == fewest)
    if len({item[3] for item in plausible}) > 1:  # (decodings that differ: ask the language model)
        # CLD2's scores are comparable within a script only (garbage kanji outscore real
        # Thai): the decodings in the script of the first one (the prior's) are weighed.
        script = _script(plausible[0][3])
        plausible = [item for item in plausible if _script(item[3]) == script]
        fits = {}
        for item in plausible:
            fits.setdefault(item[3], _language_fit(item[3]))
        plausible.sort(key=lambda item: (-fits[item[3]], item[1]))
    return plausible[0][2]


# The East Asian encodings charset-normalizer confuses with each other on short text
# (Shift-JIS read as cp949, Thai as EUC-JIS-2004 or GB18030), and the web's decoders of
# each family (WHATWG's supersets), weighed against each other by ``_script_breaks``.
# The web's code pages of the other alphabets, weighed (by implausibility alone: CLD2's
# scores do not compare across scripts) against a guess in one of them.
_OTHER_SCRIPTS_WEB = ["cp1251", "koi8_r", "cp1253", "cp1255", "cp1256"]
_EAST_ASIAN_WEB = ["cp932", "euc_jp", "gb18030", "big5", "cp949", "cp874"]
_EAST_ASIAN_FAMILY = frozenset({
    *_EAST_ASIAN_WEB, "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213",
    "gb2312", "gbk", "hz", "big5hkscs", "cp950", "euc_kr", "johab", "tis_620", "iso8859_11"})
_JAPANESE_ENCODINGS = frozenset({"cp932", "euc_jp", "shift_jis", "shift_jis_2004", "shift_jisx0213",
                                 "euc_jis_2004", "euc_jisx0213"})
_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_THAI_ABOVE_BELOW = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47")
_THAI_TONE = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_THAI_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]{13,}")  # (Korean puts spaces between words)
_COMPAT_JAMO = re.compile("[\u3131-\u318e]")  # (a lone consonant or vowel: no word holds one)
_SPACED_IDEOGRAPHS = re.compile("(?<=[\u3041-\u30ff\u4e00-\u9fff]) (?=[\u3041-\u30ff\u4e00-\u9fff])")
_HANGUL_HAN_SWITCH = re.compile("[\uac00-\ud7a3][\u4e00-\u9fff]|[\u4e00-\u9fff][\uac00-\ud7a3]")
_KANA = re.compile("[\u3041-\u30ff]")
_THAI_OR_HANGUL = re.compile("[\u0e00-\u0e7f\uac00-\ud7a3]")


def _script_breaks(text: str, encoding: str) -> tuple[int, bool]:
    """How often a reading breaks the writing rules of the East Asian script it comes out
    in, and whether any rule could check it (some Thai or Hangul to read). Rules of the
    scripts, not of any text: a Thai vowel or tone mark stands on a consonant and a
    leading vowel comes before one; Korean spaces its words (no run of 13 syllables) and
    writes no lone jamo, nor switches between Hangul and Hanja inside a word; Chinese and
    Japanese put no spaces between characters; kana are Japanese only.

    >>> _script_breaks("สภาเมืองประชุมเมื่อวันอังคาร", "cp874")
    (0, True)
    >>> _script_breaks("ั่งุ้", "cp874")[0] > 0
    True
    >>> _script_breaks("시의회는 화요일에 새 여객선 시간표를 논의했다.", "cp949")
    (0, True)
    >>> _script_breaks("뛎뺪뭆뱰롌궼갂떞궕랳뙉궸뢇뿚궻궫귕", "cp949")[0] > 0
    True
    >>> _script_breaks("市议会 星期二 讨论了", "gb18030")
    (2, False)
    """
    breaks = 0
    checked = len(_THAI_OR_HANGUL.findall(text))
    if checked and _THAI_OR_HANGUL.search(text).group() < "\uac00":  # (Thai: its spelling read letter by letter)
        previous = " "
        for ch in text:
            if "\u0e00" <= ch <= "\u0e7f":
                if ch in _THAI_ABOVE_BELOW and not _THAI_CONSONANT.match(previous):
                    breaks += 1
                elif ch in _THAI_TONE and not (_THAI_CONSONANT.match(previous) or previous in _THAI_ABOVE_BELOW):
                    breaks += 1
                elif previous in _THAI_LEADING and not _THAI_CONSONANT.match(ch):
                    breaks += 1
            previous = ch
    breaks += 3 * len(_HANGUL_RUN.findall(text)) + len(_COMPAT_JAMO.findall(text)) \
        + len(_HANGUL_HAN_SWITCH.findall(text)) + len(_SPACED_IDEOGRAPHS.findall(text))
    if encoding not in _JAPANESE_ENCODINGS:
        breaks += len(_KANA.findall(text))
    return breaks, checked >= 4


def _script(text: str) -> str:
    """The script most of `text`'s non-ASCII letters are in, by Unicode name (Hangul,
    the ideographs and kana one "CJK"); "LATIN" for none (ASCII letters, “quotes”).

    >>> _script("Café crème"), _script("Привет"), _script("市場の価格"), _script("“plain”")
    ('LATIN', 'CYRILLIC', 'CJK', 'LATIN')
    """
    counts: dict[str, int] = {}
    for ch in text:
        if ord(ch) > 127 and ch.isalpha():
            name = unicodedata.name(ch, "?").split(" ")[0]
            name = "CJK" if name in ("HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH") else name
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else "LATIN"


_MARKUP = re.compile(rb"<[^<>]*>")


def _reads_as_latin(data: bytes, encoding: str) -> bool:
    """Whether `data` is Latin-script text: decoded in `encoding`, most of its non-ASCII
    letters are Latin; or, whatever `encoding` makes of them, its bytes past ASCII are few
    beside its ASCII letters (markup aside), as in every Latin-script language -- Chinese,
    Russian, Arabic or Thai text is nearly all such bytes. (charset-normalizer names
    Mac Roman English "cp932" or "mac_greek" now and then.)

    >>> _reads_as_latin("wzrosły".encode("iso8859_2"), "iso8859_10"), _reads_as_latin("мир".encode("cp1251"), "cp1251")
    (True, False)
    >>> _reads_as_latin("the “late bus” was full".encode("mac_roman"), "cp932")
    True
    """
    head = data[:SCORED_CHARS]
    try:
        text = head.decode(encoding, "ignore")
    except LookupError:
        return False
    letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    if 2 * sum(1 for ch in letters if ord(ch) <= 0x24F) > len(letters):
        return True
    return _few_high_bytes(head)


_JSON_ESCAPE = re.compile(r'\\(?:[nrtbf"\\/]|u[0-9a-fA-F]{4})')


def _few_high_bytes(data: bytes) -> bool:
    """Whether the bytes past ASCII are few beside the ASCII letters (markup aside), as
    in any Latin-script language's text, against nearly all of them in another script's.

    >>> _few_high_bytes("Straße und Brücke".encode("cp1252")), _few_high_bytes("Привет мир".encode("cp1251"))
    (True, False)
    """
    head = data[:SCORED_CHARS]
    words = _MARKUP.sub(b" ", head) if b"<" in head else head
    high = sum(1 for byte in words if byte > 127)
    ascii_letters = sum(1 for byte in words if 97 <= (byte | 32) <= 122)
    return 4 * high < ascii_letters


def _language_fit(text: str) -> float:
    """How well `text` fits CLD2's models of the languages it finds (their scores, each
    weighed by its share of the text; 0 when CLD2 refuses the text). The right decoding
    of a text scores well above a wrong one that leaves the same language recognisable.

    >>> turkish = "Belediye meclisi salı günü feribot tarifesini görüştü.".encode("cp1254")
    >>> _language_fit(turkish.decode("cp1254")) > _language_fit(turkish.decode("cp1252"))
    True
    """
    import pycld2

    if "<" in text:  # (a page's markup is no language: on a short page it drowns the text)
        text = _MARKUP_TEXT.sub(" ", text)
    try:
        _, _, details = pycld2.detect(_CLD2_REFUSES.sub(" ", text), isPlainText=True, bestEffort=True)
    except (pycld2.error, UnicodeEncodeError):
        return 0.0
    # (each language found weighed by its share: text in two languages, or a wrong decoding
    # that leaves one of them unrecognised, is not judged by its top language alone)
    shares = sum(detail[2] for detail in details)
    return sum(detail[2] * detail[3] for detail in details) / shares if shares else 0.0


_MARKUP_TEXT = re.compile("<[^<>]*>")
_CLD2_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def new_document(source: str, index: int, raw: bytes, text: str, *, html: str | None = None,
                 encoding: str | None = None, problem: str | None = None) -> Document:
    """A record read from `source` at `index` (`raw`: its bytes as read); `problem` makes
    it quarantined input. Every reader, and the workers parsing JSONL lines, make
    records through here, so each carries the same id, checksum and size check."""
    doc = Document(id=stable_id(source, index), source=source, record_index=index,
                   raw_text=text, raw_sha256=sha256_hex(raw), html=html, encoding=encoding)
    if problem:
        doc.problems.append(("readable_input", problem))
    if len(text) > MAX_RECORD_CHARS or (html is not None and len(html) > MAX_RECORD_CHARS):
        # Numbered from 1, as every other reason's "file:line" (the 8th line is not "record 7").
        doc.problems.append(("record_size", f"{source}: record {index + 1} has "
                             f"{max(len(text), len(html or ''))} chars, limit {MAX_RECORD_CHARS}"))
    return doc


def file_format(source: str) -> str | None:
    """The format a file name says, after any compression suffix; None: not ours.

    >>> file_format("crawl/part-01.JSONL.zst"), file_format("a.html.gz"), file_format("b.json")
    ('jsonl', 'html', 'json')
    >>> file_format("notes.md"), file_format("rows.parquet.gz")
    (None, None)
    """
    name = source.lower()
    compressed = name.endswith(COMPRESSION_SUFFIXES)
    if compressed:
        name = name[:name.rindex(".")]
    base = FORMAT_OF_SUFFIX.get(os.path.splitext(name)[1])
    return None if compressed and base in ("parquet", "arrow") else base


# What a file we do not read is, by its suffix, and what to do with it: a skipped file's
# reason says so (a CSV table, a crawler's WARC archive, Markdown notes...), not only
# "unsupported". Checked before the bytes (``_WHAT_THE_BYTES_ARE``).
_WHAT_THE_SUFFIX_IS = {
    (".wat",): "a Common Crawl WAT file: metadata of pages (JSON under WARC headers: links, headers), no page "
               "text; the same pages' text is in the WET file (.warc.wet.gz), their HTML in the WARC",
    (".md", ".markdown", ".rst", ".org", ".adoc"): "marked-up plain text (Markdown, reStructuredText...): "
                                                   "name it .txt to read it as plain text, markup and all",
    (".svg",): "an SVG image",
    (".msg",): "an Outlook message: save it as .eml (read: its text part) or its text as .txt",
    (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pptx", ".xlsx", ".xls"):
        "a document format whose text must be extracted first (e.g. with a PDF or office converter)",
    (".zip", ".tar", ".tgz", ".tbz", ".tbz2", ".txz"): "a zip or tar archive: its members are read when it is in "
                                                        "the input folder",
    (".tzst", ".tar.zst", ".7z", ".rar", ".jar"): "an archive not opened here (7z, rar, jar, tar.zst): unpack it first",
    (".wat.gz", ".md.gz", ".tar.gz", ".tar.bz2", ".tar.xz"): "compressed; see the same file uncompressed",
}
_WHAT_THE_BYTES_ARE = (
    (b"WARC/", "its bytes are a WARC web archive: name it .warc to read it"),
    (b"%PDF-", "its bytes are a PDF: extract its text first"),
    (b"PK\x03\x04", "its bytes are a ZIP archive (or docx/xlsx/epub): unpack or extract it first"),
    (b"\x89PNG", "its bytes are a PNG image"), (b"\xff\xd8\xff", "its bytes are a JPEG image"),
    (b"GIF8", "its bytes are a GIF image"), (PARQUET_MAGIC, "its bytes are Parquet: name it .parquet"),
    # (compressions fsspec has no codec for here: gzip, bz2, xz and zstd are read)
    (b"\x04\x22\x4d\x18", "its bytes are an LZ4 frame: decompress it first (lz4 -d), or recompress it as .gz or .zst"),
    (b"\xff\x06\x00\x00sNaPpY", "its bytes are a Snappy frame stream: decompress it first, or recompress it as .gz or .zst"),
    (b"7z\xbc\xaf\x27\x1c", "its bytes are a 7-Zip archive: unpack it first (7z x)"),
    (b"Rar!\x1a\x07", "its bytes are a RAR archive: unpack it first (unrar x)"),
)


def unsupported_reason(file: InputFile) -> str:
    """Why a file is not read, saying what it seems to be (by its suffix, then its first
    bytes) and what to do, then the formats that are read.

    >>> unsupported_reason(InputFile("/nonexistent/a.md", "a.md", 0)).split(";")[0]
    'unsupported file type .md (marked-up plain text (Markdown, reStructuredText...): name it .txt to read it as plain text, markup and all)'
    >>> unsupported_reason(InputFile("/nonexistent/notes", "notes", 0)).split(";")[0]
    'unsupported file type (no suffix)'
    """
    name = file.source.lower().rsplit("/", 1)[-1]
    suffix = "".join(Path(name).suffixes[-2:]) if name.endswith(COMPRESSION_SUFFIXES) else Path(name).suffix
    what = next((said for suffixes, said in _WHAT_THE_SUFFIX_IS.items() if suffix in suffixes), None)
    if what is not None and what.startswith("compressed"):
        inner = Path(name[: -len(Path(name).suffix)]).suffix
        what = next((said for suffixes, said in _WHAT_THE_SUFFIX_IS.items() if inner in suffixes), None)
        what = f"compressed: {what}" if what else None
    if what is None:
        what = _what_the_bytes_are(file)
    named = f"unsupported file type {suffix}" if suffix else "unsupported file type (no suffix)"
    said = f" ({what})" if what else ""
    return (f"{named}{said}; read are: {', '.join(FORMAT_OF_SUFFIX)}, "
            f"the text formats also compressed: {', '.join(COMPRESSION_SUFFIXES)}")


def _what_the_bytes_are(file: InputFile) -> str | None:
    """What an unnamed or oddly named file's first bytes are, when they say: a known magic
    number, compressed data, or text that is JSON Lines, HTML or plain text.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".dat") as handle:
    ...     _ = handle.write(b'{"text": "a"}\\n'); handle.flush()
    ...     _what_the_bytes_are(InputFile(handle.name, "x.dat", 14))
    'its bytes are text, JSON records: name it .jsonl'
    """
    head = head_and_tail(file.url, STORED_SNIFF_BYTES, tail=False)[0]
    compression = compression_of_head(head)
    if compression is None:
        return _what_the_bytes_are_head(head)
    head = decompressed_head(file)  # (what is inside?)
    inner = _what_the_bytes_are_head(head) if head is not None else None
    inner = inner.replace("its bytes are", "decompressed, its bytes are", 1) if inner else None
    if not file.source.lower().endswith("." + _SUFFIX_OF[compression]):
        named = f"its bytes are a {compression} stream: name it with its format and .{_SUFFIX_OF[compression]}"
        if head is None:
            return f"{named} (its first bytes do not decompress: cut or damaged?)"
        return f"{named}; {inner}" if inner and sniffed_kind(head) else named
    return inner if head is not None else f"a {compression} stream that does not decompress"


def decompressed_head(file: InputFile) -> bytes | None:
    """The first STORED_SNIFF_BYTES of a file, decompressed (of a stream cut or damaged
    early: as much as decompresses); None when none can be read."""
    try:
        with open_input(file.url) as handle:
            return handle.read(STORED_SNIFF_BYTES)
    except Exception:  # noqa: BLE001 - a damaged stream or an unreadable file: what decompresses
        return decompressed_part(head_and_tail(file.url, 1 << 16, tail=False)[0])


def decompressed_part(data: bytes) -> bytes | None:
    """What the start of a compressed stream decompresses to, up to STORED_SNIFF_BYTES,
    however it ends (cut short, damaged further on); None when it is not one or no byte does.

    >>> import gzip
    >>> decompressed_part(gzip.compress(b"ustar" * 1000)[:40])[:10], decompressed_part(b"plain")
    (b'ustarustar', None)
    """
    import bz2
    import lzma
    import zlib

    from backports import zstd

    make = {"gzip": lambda: zlib.decompressobj(wbits=47), "bz2": bz2.BZ2Decompressor, "xz": lzma.LZMADecompressor,
            "zstd": zstd.ZstdDecompressor}.get(compression_of_head(data) or "")
    if make is None:
        return None
    decompressor, out = make(), b""
    try:  # (fed 128 bytes at a time: the bytes before damage further on still come out)
        for at in range(0, len(data), 128):
            out += decompressor.decompress(data[at:at + 128], STORED_SNIFF_BYTES - len(out))
            if len(out) >= STORED_SNIFF_BYTES:
                break
    except Exception:  # noqa: BLE001 - damaged here: what came out before
        pass
    return out or None


_WARC_HEAD = re.compile(rb"WARC/[01]\.\d+\r?\n")
_WARC_TYPE = re.compile(rb"^WARC-Type: *([A-Za-z]+)", re.MULTILINE)
_WARC_ADVICE = {
    b"conversion": "a Common Crawl WET file: the plain text of pages under WARC headers; name it .wet to read it",
    b"response": "a crawler's WARC: name it .warc to read its HTML responses",
    b"metadata": "a Common Crawl WAT file or WARC metadata: no page text",
}


def warc_reason(head: bytes) -> str | None:
    """What a stream starting as a WARC web archive holds, by the record types of its
    first bytes, and what to do; None when it does not start as one. Said of a file
    under a name we do not read (no suffix, ``.dat``): under ``.warc``/``.wet`` or a text
    name it is read (``corpus_clean.warc``).

    >>> warc_reason(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n\\r\\n...WARC/1.0\\r\\nWARC-Type: conversion\\r\\n")
    'its bytes are a WARC web archive (records: warcinfo, conversion): a Common Crawl WET file: the plain text of pages under WARC headers; name it .wet to read it'
    >>> warc_reason(b"WARC/1.0 is a standard") is None
    True
    """
    if not _WARC_HEAD.match(head):
        return None
    kinds = list(dict.fromkeys(match.group(1).lower() for match in _WARC_TYPE.finditer(head)))
    advice = next((_WARC_ADVICE[kind] for kind in (b"conversion", b"response", b"metadata") if kind in kinds),
                  "name it .warc to read its pages")
    seen = f" (records: {b', '.join(kinds).decode('ascii')})" if kinds else ""
    return f"its bytes are a WARC web archive{seen}: {advice}"


def _what_the_bytes_are_head(head: bytes) -> str | None:
    """``_what_the_bytes_are`` of a file's first bytes, decompressed."""
    if not head:
        return None
    for magic, said in _WHAT_THE_BYTES_ARE:
        if head.startswith(magic):
            return warc_reason(head) or said
    sniffed = sniffed_kind(head)
    if sniffed:
        return sniffed_reason(head, sniffed)
    if not looks_like_text(head):
        return "its bytes are binary, not text"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"{", b"[")):
        return "its bytes are text, JSON records: name it .jsonl"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in head.lower():
        return "its bytes are an HTML page: name it .html"
    return "its bytes are text: name it .txt to read it as plain text"


_SUFFIX_OF = {"gzip": "gz", "bz2": "bz2", "xz": "xz", "zstd": "zst"}

# What a file's first bytes say it is, whatever its name: an archive, a feed, a saved page,
# another XML document. Asked of files named as text (a tar of JSON Lines named .jsonl must
# not be read as lines of tar headers) and of .xml files (a feed is read, a sitemap is not).
# (unbounded repeats: a head is STORED_SNIFF_BYTES long, and bounded ones take 30 ms to compile)
_XML_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>"
                       rb"|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*<([A-Za-z_][\w:.-]{0,80})", re.DOTALL)
_FEED_NAMESPACES = (b"http://www.w3.org/2005/Atom", b"http://purl.org/atom/", b"http://purl.org/rss/1.0/",
                    b"http://my.netscape.com/rdf/simple/0.9/")
_MIME_HEADERS = re.compile(rb"(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}\r?\n")
_MULTIPART_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MAIL_HEADER = re.compile(rb"^(?:mime-version|message-id|received|return-path):", re.IGNORECASE | re.MULTILINE)
# A JSON Feed (jsonfeed.org): an object whose "version" names the spec (its slashes
# escaped as PHP's json_encode writes them, or not), read as a feed.
_JSON_FEED_VERSION = re.compile(rb'"version"\s*:\s*"https?:\\?/\\?/jsonfeed\.org\\?/version')
_XML_KIND_OF_ROOT = {b"rss": "feed", b"feed": "feed", b"rdf:rdf": "feed", b"urlset": "sitemap",
                     b"sitemapindex": "sitemap", b"tei": "tei", b"teicorpus": "tei", b"html": "page"}
# What else the first bytes must show for a root to count (an XML declaration aside): a
# text that opens with "<rss> tags..." is not a feed, an unrelated <feed> root is not Atom.
_ROOT_EVIDENCE = {b"rss": (b"<channel",), b"feed": _FEED_NAMESPACES, b"rdf:rdf": _FEED_NAMESPACES,
                  b"urlset": (b"sitemaps.org",), b"sitemapindex": (b"sitemaps.org",),
                  b"tei": (b"tei-c.org",), b"teicorpus": (b"tei-c.org",)}


def sniffed_kind(head: bytes) -> str | None:
    """What a file's first (decompressed) bytes show it is, of the kinds no suffix we read
    says: "tar", "zip", "feed" (RSS or Atom), "sitemap", "tei", "page" (an XHTML page),
    "xml" (another XML document), "mhtml" (a page a browser saved), "email"; None else.
    Markup without an XML declaration counts only when its root is a feed, sitemap or TEI
    root: an HTML page or fragment stays the HTML reader's.

    >>> sniffed_kind(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel>'), sniffed_kind(b"<rss> tags, said")
    ('feed', None)
    >>> sniffed_kind(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'), sniffed_kind(b"<urlset>")
    ('sitemap', None)
    >>> sniffed_kind(b'<feed xmlns="http://www.w3.org/2005/Atom">'), sniffed_kind(b'<?xml version="1.0"?><feed/>')
    ('feed', 'xml')
    >>> sniffed_kind(b"MIME-Version: 1.0\\nContent-Type: multipart/related; type=\\"text/html\\"\\n\\n--b")
    'mhtml'
    >>> sniffed_kind('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel>'.encode("utf-16"))
    'feed'
    >>> sniffed_kind(b'{"text": "<rss> is a feed"}'), sniffed_kind(b"<p>A fragment</p>"), sniffed_kind(b"<html><p>")
    (None, None, None)
    >>> sniffed_kind(b'{"version": "https:\\/\\/jsonfeed.org\\/version\\/1", "items": ['), sniffed_kind(b'{"text": "jsonfeed.org"}')
    ('feed', None)
    """
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _JSON_FEED_VERSION.search(head):
        return "feed"  # (a JSON Feed: read by ``feeds.read_feed_records`` as an RSS feed is)
    wide = next((encoding for bom, encoding in _BOMS if head.startswith(bom) and encoding != "utf-8-sig"), None)
    if wide:  # (a UTF-16/32 feed or page, by its byte-order mark: sniffed as its text)
        head = head.decode(wide, "ignore").encode("utf-8")
    if head[257:262] == b"ustar" and b"\x00" in head[:512]:  # (a tar header: its magic, NUL-padded fields)
        return "tar"
    root = _XML_ROOT.match(head)
    if root:
        declared = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")
        name = root.group(1).lower()
        if any(seen in head for seen in _ROOT_EVIDENCE.get(name, ())):
            return _XML_KIND_OF_ROOT[name]
        if declared:
            return "page" if name == b"html" else "xml"
        return None  # (markup with no XML declaration: a page or a fragment, the HTML reader's)
    headers = _MIME_HEADERS.match(head)
    if headers:
        block = headers.group()
        if _MULTIPART_RELATED.search(block):
            return "mhtml"
        if _MAIL_HEADER.search(block):
            return "email"
    return None


def sniffed_reason(head: bytes, kind: str) -> str:
    """What a sniffed file is and what to do, as a skipped file's reason says it.

    >>> sniffed_reason(b'<?xml version="1.0"?><articles><article/></articles>', "xml")
    'its bytes are XML (root element <articles>), no format we read: extract its text to .txt or JSON Lines'
    """
    root = _XML_ROOT.match(head)
    return {"tar": "its bytes are a tar archive: unpack it first (its members are read one by one)",
            "zip": "its bytes are a ZIP archive (or docx/xlsx/epub): unpack or extract it first",
            "feed": "its bytes are an RSS or Atom feed: name it .rss or .atom to read its items",
            "sitemap": "its bytes are a sitemap: a list of page URLs, no page text (fetch the pages, or read a "
                       "crawl of them)",
            "tei": "its bytes are a TEI XML document: extract its text first (its <text> element to .txt)",
            "page": "its bytes are an XHTML page: name it .html or .xhtml",
            "xml": f"its bytes are XML (root element <{root.group(1).decode('ascii') if root else '?'}>), no format "
                   "we read: extract its text to .txt or JSON Lines",
            "mhtml": "its bytes are a page a browser saved (MHTML): name it .mhtml to read it",
            "email": "its bytes are an e-mail message: save its text or HTML part as .txt or .html"}[kind]


# What a file named as text or XML is read as, by its first bytes (``kind_by_bytes``):
# read as what it holds, or refused saying what it is. An XML kind or an e-mail under a
# text name is read as named (the user called it text); an archive or a sitemap is not.
_READ_AS = {"feed": "feed", "mhtml": "mhtml"}
_REFUSED_UNDER_TEXT_NAMES = ("tar", "zip", "sitemap")
_NAMED_AS = {"jsonl": "JSON Lines", "json": "JSON", "text": "text", "html": "HTML", "xml": "XML", "feed": "a feed",
             "mhtml": "a saved page (MHTML)"}


SNIFF_COMPRESSED_BYTES = 1 << 16  # (what a compressed file's sniff decompresses from: a zstd block whole)


def first_bytes(file: InputFile) -> tuple[bytes, bytes | None]:
    """A file's first STORED_SNIFF_BYTES as stored, and decompressed (``decompressed_part``
    of its first SNIFF_COMPRESSED_BYTES; None when they do not decompress); (b"", None)
    when it cannot be read (the reader says why). A local path is opened directly:
    fsspec's opener costs more than the read, once per file."""
    try:
        with open(file.url, "rb") if "://" not in file.url else open_input(file.url, compression=None) as handle:
            head = handle.read(STORED_SNIFF_BYTES)
            if compression_of_head(head) is None:
                return head, head
            head += handle.read(SNIFF_COMPRESSED_BYTES - len(head))
    except Exception:  # noqa: BLE001 - an unreadable file is the reader's to report
        return b"", None
    return head[:STORED_SNIFF_BYTES], decompressed_part(head)


# A whole HTML page's first bytes (a doctype or <html>), after a BOM and blanks.
_HTML_PAGE_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)


def holds_json_lines(head: bytes) -> bool:
    r"""Whether a file's first bytes are JSON Lines: each whole line in them (one at least;
    blank lines aside) a JSON object.

    >>> holds_json_lines(b'{"text": "a"}\n{"text": "b"}\n{"te'), holds_json_lines(b'{"text": "a"}')
    (True, False)
    >>> holds_json_lines(b'{braces} in prose\n'), holds_json_lines(b'Plain text.\n{"text": "a"}\n')
    (False, False)
    """
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):  # (most text: no JSON looked for)
        return False
    lines = [line for line in head.split(b"\n")[:-1] if line.strip()]
    if not lines:
        return False
    for line in lines:
        if not line.lstrip().startswith(b"{"):
            return False
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except ValueError:
            return False
    return True


def kind_inside_bare_compression(file: InputFile) -> str | None:
    r"""The kind of a compressed file named by its compression alone (``rows.gz``, as
    ``gzip rows`` names it): "jsonl" when its decompressed head is JSON Lines, "html" for
    a page; None otherwise (refused by ``unsupported_reason``, saying what it holds).

    >>> import gzip, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = f"{folder}/rows.gz"
    ...     _ = open(path, "wb").write(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))
    ...     kind_inside_bare_compression(InputFile(path, "rows.gz", 30))
    'jsonl'
    """
    name = file.source.lower().rsplit("/", 1)[-1]
    if not name.endswith(COMPRESSION_SUFFIXES) or "." in name[: name.rindex(".")]:
        return None
    head = decompressed_head(file)
    if not head:
        return None
    return "jsonl" if holds_json_lines(head) else "html" if _HTML_PAGE_START.match(head[:1024]) else None


def kind_by_bytes(source: str, kind: str, head: bytes | None) -> tuple[str, str | None]:
    r"""(the reader's kind, None), or (kind, the reason it is refused), for a file named as
    `kind` (text, JSON Lines, HTML, XML, a feed or a saved page), by its first bytes
    decompressed (``first_bytes``; ``sniffed_kind``).

    >>> feed_line = b'{"version": "https://jsonfeed.org/version/1.1", "items": []}'
    >>> kind_by_bytes("f.json", "json", feed_line), kind_by_bytes("f.jsonl", "jsonl", feed_line + b"\n" + feed_line + b"\n")
    (('feed', None), ('jsonl', None))
    """
    sniffed = sniffed_kind(head) if head else None
    if sniffed == "feed" and kind == "jsonl" and holds_json_lines(head):
        return kind, None  # (JSON Lines whose first record names a JSON Feed: read line by line, never whole)
    if sniffed in _READ_AS:
        return _READ_AS[sniffed], None
    if kind in ("jsonl", "json") and sniffed is None and head and _HTML_PAGE_START.match(head[:1024]):
        return "html", None  # (a page saved under a JSON name: its prose, not one line of malformed JSON)
    if kind in ("text", "html") and sniffed is None and head and holds_json_lines(head):
        return "jsonl", None  # (JSON Lines saved under a text name: each record's text, not its JSON syntax)
    if kind in ("xml", "feed", "mhtml"):  # (named for a kind of markup the bytes are not)
        if sniffed == "page" or (sniffed is None and head is not None and kind != "mhtml"
                                 and _HTML_PAGE_START.match(head[:1024])):
            return "html", None
        if head is None:
            return kind, None  # (unreadable: the reader says why)
        what = sniffed_reason(head, sniffed) if sniffed else _what_the_bytes_are_head(head) or "it is empty"
        return kind, f"{source}: named as {_NAMED_AS[kind]}, but {what}"
    if sniffed in _REFUSED_UNDER_TEXT_NAMES:
        return kind, f"{source}: named as {_NAMED_AS[kind]}, but {sniffed_reason(head, sniffed)}"
    return kind, None


def is_blank_bytes(data: bytes) -> bool:
    """Nothing but whitespace, with or without a byte-order mark (what an editor saves
    for an empty file in UTF-8 with BOM, or UTF-16).

    >>> is_blank_bytes(b" \\n"), is_blank_bytes(codecs.BOM_UTF8 + b"\\r\\n"), is_blank_bytes(codecs.BOM_UTF16_LE)
    (True, True, True)
    >>> is_blank_bytes(b"\\xef\\xbb\\xbfa")
    False
    """
    stripped = data.strip()
    if not stripped:
        return True
    if stripped[:1] not in _BOM_FIRST_BYTES:
        return False
    for bom, encoding in _BOMS:
        if stripped.startswith(bom):
            try:  # (the bytes as they are: a UTF-16 newline's 0x0A is not whitespace to strip)
                return not codecs.decode(data.lstrip(b" \t\r\n"), encoding).strip("\ufeff \t\r\n")
            except UnicodeDecodeError:
                return False
    return False


def _read_bytes(file: InputFile, most: int | None = None) -> bytes | None:
    """The file's bytes (decompressed); None when there are more than `most`."""
    if most is not None and file.size > most and not is_compressed(file.url):
        return None  # (not read at all: a sparse 3 GB file costs nothing)
    with open_input(file.url) as handle:
        data = handle.read() if most is None else handle.read(most + 1)
    return None if most is not None and len(data) > most else data


def too_big_to_keep(file: InputFile) -> str:
    """Why a text or HTML file too big to be one record is not read.

    >>> too_big_to_keep(InputFile("x", "big.txt", 3 << 30))
    'a text file of 3,221,225,472 bytes is one record: far over the record limit (10,000,000 chars) and too big to keep whole in quarantine (over 512 MB); not read -- split it into documents (JSON Lines, one per line)'
    """
    size = f"{file.size:,} bytes" if file.size > MAX_WHOLE_FILE_BYTES and not is_compressed(file.url) \
        else f"over {MAX_WHOLE_FILE_BYTES >> 20} MB decompressed"
    kind = "an HTML" if file_format(file.source) == "html" else "a text"
    return (f"{kind} file of {size} is one record: far over the record limit ({MAX_RECORD_CHARS:,} chars) "
            f"and too big to keep whole in quarantine (over {MAX_WHOLE_FILE_BYTES >> 20} MB); not read -- "
            "split it into documents (JSON Lines, one per line)")


def _whole_file(file: InputFile) -> bytes | Skipped:
    """A one-record file's bytes, or why it is skipped: too big to keep whole, or empty
    (a file of a byte-order mark and spaces: "empty file (only a byte-order mark)")."""
    data = _read_bytes(file, MAX_WHOLE_FILE_BYTES)
    if data is None:
        return Skipped(file.source, too_big_to_keep(file))
    if is_blank_bytes(data):
        return Skipped(file.source, "empty file" if not data.strip() else "empty file (only a byte-order mark)")
    return data


def changed_since_listed(file: InputFile, read: int) -> str | None:
    """Why a one-record file's text may be cut or half-written: a plain local file whose
    bytes read are not the size it had when listed (a writer still at work, a file cut or
    replaced while the run read it); None otherwise (a compressed file, an archive member
    or a piece are sized otherwise). Its text is kept, quarantined saying so.

    >>> changed_since_listed(InputFile("/x/a.txt", "a.txt", 120), 80)
    'a.txt: the file changed while it was read (120 bytes when listed, 80 read): its text may be cut or half-written; run again once it is written'
    >>> changed_since_listed(InputFile("/x/a.txt", "a.txt", 120), 120), changed_since_listed(InputFile("/x/a.txt.gz", "a.txt.gz", 9), 80)
    (None, None)
    """
    if read == file.size or not file.size or file.archive or file.is_piece or is_compressed(file.url) \
            or "::" in file.url or "://" in file.url:  # (size 0: not known, a path given as a string)
        return None
    if compression_of_head(head_and_tail(file.url, tail=False)[0]):  # (compressed bytes under a
        return None  # plain name are read decompressed, as ``open_input`` reads them)
    return (f"{file.source}: the file changed while it was read ({file.size:,} bytes when listed, {read:,} read): "
            "its text may be cut or half-written; run again once it is written")


def _holds_warc(file: InputFile, data: bytes | Skipped) -> bool:
    """Whether a file named as text or HTML is a WARC web archive by its bytes (a Common
    Crawl WET file named .txt): read as one record, its pages and their WARC headers
    would run together as one text. A file too big to read whole is asked by its head."""
    if isinstance(data, Skipped):
        if not data.reason.endswith("split it into documents (JSON Lines, one per line)"):
            return False
        try:
            with open_input(file.url) as handle:
                data = handle.read(16)
        except Exception:  # noqa: BLE001 - said by the reason already given
            return False
    return data[:5] == b"WARC/" and _WARC_HEAD.match(data[:16]) is not None


def read_by_module(module: str, reader: str) -> Callable[..., Iterator[Document | Skipped | Unreadable]]:
    """The reader `reader` of a module of its own, imported when a file of its kind is
    first met: those modules import this one, and a run with no such file never loads
    them (or warcio, feedparser).

    >>> read_by_module("corpus_clean.csv_tables", "read_csv_file").__name__
    'read_csv_file'
    """
    def read(file: InputFile, *args, **kwargs) -> Iterator[Document | Skipped | Unreadable]:
        yield from getattr(importlib.import_module(module), reader)(file, *args, **kwargs)

    read.__name__ = read.__qualname__ = reader
    return read


read_warc_records = read_by_module("corpus_clean.warc", "read_warc_file")  # WARC, WET, ARC records
read_csv_records = read_by_module("corpus_clean.csv_tables", "read_csv_file")  # a CSV or TSV table's rows
read_feed_records = read_by_module("corpus_clean.feeds", "read_feed_records")  # an RSS/Atom feed's items
read_saved_page = read_by_module("corpus_clean.saved_pages", "read_saved_page")  # an MHTML page
read_mail_file = read_by_module("corpus_clean.mail_archives", "read_mail_file")  # an .mbox or .eml


def read_text_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    data = _whole_file(file)
    if _holds_warc(file, data):
        yield from read_warc_records(file)
        return
    if isinstance(data, Skipped):
        yield data
        return
    holes, read = None, len(data)
    if looks_binary(data) and not data.startswith(tuple(b for b, _ in _BOMS)) and not sniff_utf16(data) \
            and not sniff_utf32(data):
        found = without_nul_blocks(data)
        if found is None:
            yield Skipped(file.source, "binary file (NUL or control bytes), not text")
            return
        data, holes = found
    decoded = decode_bytes(data)
    problem = f"{file.source}: {decoded.problem}" if decoded.problem else holes and f"{file.source}: {holes}"
    changed = changed_since_listed(file, read)  # (first: a half-written file's broken bytes are its cut)
    problem = f"{changed}{f' ({problem})' if problem else ''}" if changed else problem
    # (a byte-order mark at a line start is a second file's, joined on by ``cat``: no text)
    text = decoded.text.replace("\n\ufeff", "\n")
    yield new_document(file.source, 0, data, text, encoding=decoded.encoding, problem=problem)


def read_html_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    data = _whole_file(file)
    if _holds_warc(file, data):
        yield from read_warc_records(file)
        return
    if isinstance(data, Skipped):
        yield data
        return
    decoded = decode_page(data)
    problem = f"{file.source}: {decoded.problem}" if decoded.problem else None
    changed = changed_since_listed(file, len(data))
    problem = f"{changed}{f' ({problem})' if problem else ''}" if changed else problem
    yield new_document(file.source, 0, data, "", html=decoded.text, encoding=decoded.encoding, problem=problem)


# What a page (or the HTTP header a record kept) declares, in its first bytes: <meta
# charset>, <meta http-equiv="Content-Type" content="...; charset=...">, <?xml encoding>.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)"""
                               rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)
_CHARSET_PARAMETER = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]+)", re.IGNORECASE)
DECLARATION_SNIFF_BYTES = 4096
# WHATWG's label table, where a label names a code page the web decodes as a superset
# (https://encoding.spec.whatwg.org/#names-and-labels): what a browser shows is the text.
_WHATWG_DECODER = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso-8859-9": "cp1254", "latin5": "cp1254", "gb2312": "gb18030",
                   "gbk": "gb18030", "x-gbk": "gb18030", "shift_jis": "cp932", "shift-jis": "cp932",
                   "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "euc-kr": "cp949",
                   "ks_c_5601-1987": "cp949", "tis-620": "cp874", "iso-8859-11": "cp874",
                   "windows-874": "cp874", "x-mac-roman": "mac_roman", "iso-8859-8-i": "iso8859_8",
                   "big5": "big5hkscs", "x-user-defined": "cp1252"}


def declared_charset(head: bytes | str) -> str | None:
    """The Python codec for the charset a page declares in its first bytes (or a
    Content-Type value names), as a browser maps the label; None for none we know.

    >>> declared_charset(b'<head><meta charset="Shift_JIS">'), declared_charset("text/html; charset=ISO-8859-1")
    ('cp932', 'cp1252')
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-u">'), declared_charset(b"<p>")
    ('koi8_u', None)
    """
    if isinstance(head, str):
        match = _CHARSET_PARAMETER.search(head)
        label = match.group(1) if match else None
    else:
        match = _DECLARED_CHARSET.search(head[:DECLARATION_SNIFF_BYTES])
        label = (match.group(1) or match.group(2)).decode("ascii") if match else None
    if not label:
        return None
    label = label.strip().lower()
    try:
        return codecs.lookup(_WHATWG_DECODER.get(label, label)).name.replace("-", "_")
    except LookupError:
        return None


# The Windows code page that fills an ISO page's C1 range (0x80-0x9F) with punctuation:
# pages labelled iso-8859-x are often written in it (curly quotes, dashes).
_WINDOWS_OF_ISO = {"iso8859_2": "cp1250", "iso8859_5": "cp1251", "iso8859_7": "cp1253", "iso8859_9": "cp1254",
                   "iso8859_8": "cp1255", "iso8859_6": "cp1256", "iso8859_13": "cp1257", "latin_1": "cp1252"}


def _windows_sibling(data: bytes, declared: str) -> Decoded:
    """A page whose declared charset leaves some of its bytes unmapped (C1 controls,
    private use): its Windows sibling when that maps them all, else the declared charset
    with the page flagged -- the bytes are kept in quarantine, not silently turned into
    characters no text holds.

    >>> _windows_sibling("Zażółć – gęślą".encode("cp1250"), "iso8859_2").encoding
    'cp1250'
    """
    sibling = _WINDOWS_OF_ISO.get(declared)
    if sibling:
        try:
            text = data.decode(sibling)
            if not _UNMAPPED.search(text):
                return Decoded(text, sibling)
        except UnicodeDecodeError:
            pass
    return guessed(data, declared, "declared")


def decode_page(data: bytes, content_type: str | None = None) -> Decoded:
    """An HTML page's bytes → its text, the way a browser reads it, the bytes' proof first:
    a BOM; what the bytes prove (UTF-32/16 without a BOM, an ISO-2022 escape, valid
    UTF-8 beyond ASCII: ``page_encoding_by_bytes``); then the charset declared by the
    HTTP header (`content_type`, a record's own Content-Type value) or the page itself, when
    the bytes decode in it -- a declaration beats a guess, above all on short text --
    and, when only a few bytes do not, decoded in it with those replaced and the page
    flagged; then ``decode_bytes`` (a UTF-8 page with lines in another encoding, a guess).
    A declaration the bytes refute (a template's utf-8 on a cp1252 page) is ignored.

    >>> decode_page('<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")).text[-13:]
    '<p>Привет</p>'
    >>> decode_page('<meta charset="utf-8"><p>Café crème</p>'.encode("cp1252")).encoding
    'cp1252'
    """
    if data[:1] in _BOM_FIRST_BYTES and any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data)
    declared = declared_charset(content_type) if content_type else None
    declared = declared or declared_charset(data)
    proved = page_encoding_by_bytes(data, declared)
    if proved:
        try:
            return Decoded(data.decode(proved[0]), proved[0].replace("_", "-").replace("iso2022", "iso-2022"))
        except UnicodeDecodeError:
            pass  # (a UTF-16 page cut inside a character: decode_bytes says what is wrong)
    if declared and declared != "utf_8" and not declared.startswith(("utf_16", "utf_32")):
        try:
            text = data.decode(declared)
            if _UNMAPPED.search(text):  # (cp932's 0xFD-0xFF, an ISO page's C1 bytes: see ``guessed``)
                return _windows_sibling(data, declared)
            return Decoded(text, declared.replace("_", "-"))
        except UnicodeDecodeError as error:
            text = data.decode(declared, "replace")
            if text.count("\ufffd") <= max(4, len(text) // 100):
                return Decoded(text, declared.replace("_", "-"),
                               f"invalid {declared.replace('_', '-')} (declared) byte at offset {error.start}")
    return decode_bytes(data)


def page_encoding_by_bytes(data: bytes, chosen: str | None = None) -> list[str]:
    """The encoding a page's bytes prove, before what it declares (`chosen`: what the page's
    declaration or a guess made of it): UTF-16 without a BOM (``sniff_utf16``; a `<meta
    charset>` cannot even be read then); UTF-8 when the bytes hold non-ASCII and are valid
    UTF-8 -- a page saved as UTF-8 that still says `charset=iso-8859-1` (a copied template)
    would otherwise be read as mojibake, and a single-byte text is almost never valid
    multi-byte UTF-8 by chance; and never UTF-16/32 for bytes that cannot be that (no BOM,
    no NUL pattern: HTML says a `<meta charset=utf-16>` means UTF-8). [] when the bytes
    prove nothing: the page's BOM, then its declaration, then a guess decide.

    >>> page_encoding_by_bytes('<meta charset="iso-8859-1"><p>café</p>'.encode()), page_encoding_by_bytes(b"<p>cafe</p>")
    (['utf-8'], [])
    >>> page_encoding_by_bytes("<p>A page without a byte order mark.</p>".encode("utf-16-le"))
    ['utf-16-le']
    >>> page_encoding_by_bytes(b'<meta charset="utf-16"><p>cafe</p>', chosen="utf-16")
    ['utf-8']
    """
    if data[:1] in _BOM_FIRST_BYTES and any(data.startswith(bom) for bom, _ in _BOMS):
        return []
    wide = sniff_utf32(data[:len(data) // 4 * 4], complete=False) or \
        sniff_utf16(data[:len(data) // 2 * 2], complete=False)
    if wide:
        return [wide]
    escaped = sniff_escaped(data)
    if escaped:
        return [escaped]
    try:
        data.decode("utf-8")
        valid_utf8 = True
    except UnicodeDecodeError:
        valid_utf8 = False
    if valid_utf8 and not data.isascii():
        return ["utf-8"]
    if (chosen or "").lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        return ["utf-8"] if valid_utf8 else ["windows-1252"]
    return []


def jsonl_record(source: str, index: int, line: bytes) -> Document | Skipped:
    """One JSONL line → a Document, or a Document with a problem naming file and line."""
    if not line.strip():
        return Skipped(source, f"blank line {index + 1}", index)
    if line.startswith(codecs.BOM_UTF8) and not line[3:].strip():
        return Skipped(source, f"blank line {index + 1} (only a byte-order mark)", index)
    record = plain_text_record(line)
    if record is not None:
        return text_document(source, index, line, record, "utf-8")
    if not line.strip(b"\x00\r"):
        # (a UTF-16 CRLF read as bytes leaves "\x00" between its CR and LF: ``_wide_line``)
        return Skipped(source, f"line {index + 1} holds only NUL bytes (a UTF-16/32 line end read as bytes)", index)
    after_nuls = line.lstrip(b"\x00")
    if len(after_nuls) < len(line) and after_nuls.startswith(b"{") and b"\x00" not in after_nuls:
        # (a block of NULs before a record -- a preallocated file's padding, a crash's hole
        # ending at a line start -- is no text: the record after it is read; UTF-16 text
        # read as bytes has NULs all along its line, and is left to the general way)
        return jsonl_record(source, index, after_nuls)
    return jsonl_document(source, index, line, decode_bytes(line))


def plain_text_record(line: bytes) -> dict | None:
    """The record of a plain JSONL line with a string "text", read in one compiled pass
    (``_jsonl_native.plain_record``: UTF-8, one object of strings, small integers, true,
    false and null); None for any other line, or without the compiled module: the line is
    then read the general way (``decode_bytes``, ``json.loads``, ``record_document``),
    which decides what to accept or quarantine. On a plain line both ways give the same
    dict, so the same Document; the compiled one makes no decoded copy of the line and
    needs no search for surrogate escapes (it leaves any such line to the general way).

    >>> plain_text_record(b'{"id": 7, "text": "Pier", "ok": true}') in ({'id': 7, 'text': 'Pier', 'ok': True},
    ...                                                              None)  # None: not built or switched off
    True
    >>> [plain_text_record(line) for line in (b'{"text": 1.5}', b'{"text": "a", "n": NaN}', b'["a"]')]
    [None, None, None]
    """
    if _jsonl_native is None or native.active() is None:
        return None
    record = _jsonl_native.plain_record(line)
    return record if record is not None and isinstance(record.get("text"), str) else None


_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON escape of a surrogate ("\\uD83D", "\\udfff"): the only way a lone surrogate gets
# into a JSONL record, as ``decode_bytes`` never makes one (its decoders are strict or
# replace). A search for it starts from the literal "\\u" (~1.5 µs per 4 KB line, against
# ~8.6 µs for `_SURROGATE` over the record's text), so records without it skip that scan.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def jsonl_document(source: str, index: int, raw: bytes, decoded: Decoded,
                   raw_surrogates: bool = False) -> Document | Skipped:
    """A decoded JSONL line → a Document; what makes it unusable becomes its problem. An
    element of a JSON array written a line each (``{...},``) is its record; a comment line
    (``// ...``, ``# ...``) is skipped saying so.
    (`raw_surrogates`: its decoding passed lone surrogates through, ``_decoded_chunks``.)"""
    where = f"{source}:{index + 1}"
    try:
        record = json.loads(decoded.text)
    except ValueError as error:
        record = _with_huge_integers(decoded.text, error)
        if record is None:
            record = record_in_array_line(decoded.text)
        if record is None:
            if _COMMENT_LINE.match(decoded.text):
                return Skipped(source, f"line {index + 1} is a comment, not a record "
                                       f"({decoded.text.strip()[:60]!r})", index)
            if decoded.text.strip() in ("[", "]", "],", "[]"):
                return Skipped(source, f"line {index + 1} is a JSON array's bracket ({decoded.text.strip()!r}), "
                                       "not a record: the array's records are read a line each", index)
            return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                                 problem=f"{where}: malformed JSON ({error}){_json_hint(decoded.text)}")
    # RecursionError: nesting deeper than the parser's stack.
    except RecursionError as error:
        return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: malformed JSON ({error})")
    if _may_repeat_a_field(decoded.text):
        record = json.loads(decoded.text, object_pairs_hook=object_noting_conflicts, parse_int=digits_or_int)
    return record_document(source, index, raw, decoded, record,
                           may_hold_surrogates=raw_surrogates or _SURROGATE_ESCAPE.search(decoded.text) is not None)


# A line a JSONC/YAML-minded writer adds to JSON Lines: "// ...", "# ...", "/* ... */".
_COMMENT_LINE = re.compile(r"\s*(?://|#|/\*)")
# A JSON array written one element a line: "[", "]", "{...}," -- or "[{...}," and "{...}]".
_ARRAY_PUNCTUATION = re.compile(r"^\s*\[?\s*(\{.*\})\s*(?:,|\]\s*,?)?\s*$", re.DOTALL)


def record_in_array_line(text: str) -> dict | None:
    """The record of a line that is one element of a JSON array written a line per element
    (``{...},``, ``[{...},``, ``{...}]``), or None. The object itself must parse: only the
    array's punctuation around it is dropped, never anything inside it.

    >>> record_in_array_line('{"text": "a, b"},')
    {'text': 'a, b'}
    >>> record_in_array_line('[{"text": "a"}]'), record_in_array_line('{"text": "a"} x')
    ({'text': 'a'}, None)
    """
    found = _ARRAY_PUNCTUATION.match(text)
    if found is None:
        return None
    try:
        record = json.loads(found.group(1))
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _json_hint(text: str) -> str:
    """What a malformed line's usual cause is, when its shape shows one.

    >>> _json_hint('{"text": "a",}'), _json_hint("{'text': 'a'}"), _json_hint('{"text": "a"}')
    (' (a comma before } or ]: JSON allows none)', " (single quotes: JSON strings take double quotes; a Python dict's repr?)", '')
    """
    if re.search(r",\s*[}\]]\s*,?\s*$", text):
        return " (a comma before } or ]: JSON allows none)"
    if re.match(r"\s*[{\[]\s*'", text):
        return " (single quotes: JSON strings take double quotes; a Python dict's repr?)"
    joined = objects_on_one_line(text)
    if joined > 1:
        return (f" ({joined} JSON records on one line: files joined without a newline between them "
                "(cat a.jsonl b.jsonl, the first with no final newline)? put each record on its own line)")
    return ""


def objects_on_one_line(text: str) -> int:
    """How many JSON objects a line is, written back to back (``}{``, a second file's BOM or
    spaces between); 0 when it is not only objects. (A record index is a line's -- pieces
    of a big file and incremental runs count lines -- so such a line stays one record,
    quarantined saying what it is.)

    >>> objects_on_one_line('{"text": "a"}{"text": "b"}'), objects_on_one_line('{"text": "a"}\ufeff{"text": "b"}')
    (2, 2)
    >>> objects_on_one_line('{"text": "a"} x'), objects_on_one_line('{"text": "a"}')
    (0, 1)
    """
    decoder, at, count = json.JSONDecoder(), 0, 0
    text = text.strip()
    while at < len(text):
        try:
            value, at = decoder.raw_decode(text, at)
        except ValueError:
            return 0
        if not isinstance(value, dict):
            return 0
        count += 1
        while at < len(text) and text[at] in " \t\r\ufeff":
            at += 1
    return count


# The fields a record's row is made of: given twice with different values (RFC 8259 lets
# readers keep either), one of them would be dropped silently whichever a reader keeps.
_CONSUMED_FIELD_KEY = re.compile(r'"(text|html|title|id|url)"\s*:')


def _may_repeat_a_field(text: str) -> bool:
    """Whether a consumed field's key appears twice in the line's text (nested keys too: a
    cheap test before the exact one, ``object_noting_conflicts``).

    >>> _may_repeat_a_field('{"id": 1, "text": "a"}'), _may_repeat_a_field('{"text": "a", "text": "b"}')
    (False, True)
    """
    keys = _CONSUMED_FIELD_KEY.findall(text)
    return len(keys) != len(set(keys))


class ConflictedRecord(dict):
    """A JSON object in which a consumed field is given twice with different values."""

    conflicts: tuple[str, ...] = ()


def object_noting_conflicts(pairs: list[tuple]) -> dict:
    """json's `object_pairs_hook`: the object as json.loads makes it (the last value of a
    repeated key), marked (``ConflictedRecord``) when a consumed field is repeated with
    different values.

    >>> json.loads('{"text": "a", "text": "b"}', object_pairs_hook=object_noting_conflicts).conflicts
    ('text',)
    >>> type(json.loads('{"id": 1, "id": 1, "text": "a"}', object_pairs_hook=object_noting_conflicts)).__name__
    'dict'
    """
    record = dict(pairs)
    if len(record) == len(pairs):
        return record
    firsts: dict = {}
    conflicts = {key for key, value in pairs if key in _CONSUMED_FIELDS
                 and firsts.setdefault(key, value) != value}
    if not conflicts:
        return record
    marked = ConflictedRecord(record)
    marked.conflicts = tuple(sorted(conflicts))
    return marked


# Python refuses to turn a string of more than this many digits into an int (a guard
# against quadratic conversions); json.loads then fails the whole line.
MAX_INT_DIGITS = 4300


def digits_or_int(digits: str) -> int | str:
    """A JSON integer as an int, or as its digits when Python would refuse to convert it.

    >>> digits_or_int("42"), len(digits_or_int("9" * 5000))
    (42, 5000)
    """
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def _with_huge_integers(text: str, error: ValueError):
    """The record of a line json.loads refused only for an integer of over 4,300 digits
    (an id or a counter from a tool that writes big numbers), with that integer kept as
    its digits; None when the line is broken in another way. Its text is not the problem,
    so it is cleaned like any other record; the digits stay in its fields, none lost."""
    if "integer string conversion" not in str(error):
        return None
    try:
        return json.loads(text, parse_int=digits_or_int)
    except (ValueError, RecursionError):
        return None


def json_kind(value) -> str:
    """What a parsed JSON value is, in JSON's words (the user wrote JSON, not Python).

    >>> json_kind(None), json_kind([1]), json_kind("x"), json_kind(True), json_kind(2.5)
    ('null', 'an array', 'a string', 'a boolean', 'a number')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "an array", str: "a string", dict: "an object"}.get(type(value), f"a {type(value).__name__}")


def record_document(source: str, index: int, raw: bytes, decoded: Decoded, record, *,
                    may_hold_surrogates: bool = True) -> Document:
    """A parsed JSON value (`decoded`: its text) → a Document; what makes it unusable
    becomes its problem. A JSONL line's and a JSON array's records both come here.
    (`may_hold_surrogates` False: the caller knows no field can hold a lone surrogate,
    see `_SURROGATE_ESCAPE`.)"""
    where = f"{source}:{index + 1}"
    if not isinstance(record, dict):
        return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: JSON value is {json_kind(record)}, not an object")
    if isinstance(record, ConflictedRecord):
        return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: field {', '.join(map(repr, record.conflicts))} given twice with "
                                     "different values (JSON readers disagree on which one counts)")
    text, html = record.get("text"), record.get("html")
    # JSON may escape half of a surrogate pair ("\udfff"): not a character, and no
    # UTF-8 (so no Parquet) can hold it. Quarantine the line as read, escapes intact.
    for name, value in record.items() if may_hold_surrogates else ():  # every field a row may keep
        bad = _SURROGATE.search(name) or (_SURROGATE.search(value) if isinstance(value, str) else None)
        if bad:
            return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                                 problem=f"{where}: field \"{name}\" holds a lone surrogate "
                                         f"(U+{ord(bad.group()):04X} at char {bad.start()}), not valid Unicode")
    if isinstance(html, str) and not isinstance(text, str):
        return html_document(source, index, raw, record, html, decoded.encoding)
    if "text" not in record and "html" not in record and (alias := text_alias(record)):
        record = {("text" if name == alias else name): value for name, value in record.items()}
        text = record["text"]
    if not isinstance(text, str):
        return new_document(source, index, raw, decoded.text, encoding=decoded.encoding,
                             problem=f"{where}: no string \"text\" or \"html\" field ({why_no_text(record)})")
    return text_document(source, index, raw, record, decoded.encoding,
                         f"{where}: {decoded.problem}" if decoded.problem else None)


def why_no_text(record: dict) -> str:
    """What a record holds instead of a string "text" or "html", said so the user can
    fix the feed: the field's JSON kind when it is there (an array of strings is
    paragraphs to be joined), where a "text" or "html" string sits when it is nested
    ("data.text"; a document wrapping its records in a field: "data[0].text", a ``jq``
    away), else the fields that do hold strings (a feed that calls it "content" is then
    one rename away from being read).

    >>> why_no_text({"text": 12}), why_no_text({"text": ["one", "two"]}), why_no_text({"id": 1})
    ('"text" is a number', '"text" is an array of 2 strings (paragraphs? join them into one string)', 'no string fields')
    >>> why_no_text({"data": {"text": "x"}}), why_no_text({"items": [{"text": "x"}, {"text": "y"}]})
    ('a "text" string is nested at data.text', 'a "text" string is nested at items[0].text (records wrapped in "items": one object per record is read)')
    >>> why_no_text({"content": "x", "n": 1}), why_no_text({"article": {"body": "x"}})
    ('string fields: content', 'a "body" string is nested at article.body')
    >>> why_no_text({"title": "Ferry", "paragraphs": ["One.", "Two."]})
    'string fields: title; "paragraphs" is an array of 2 strings (paragraphs? join them into one "text" string)'
    """
    for name in ("text", "html"):
        if name in record:
            value = record[name]
            if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
                return f'"{name}" is an array of {len(value)} strings (paragraphs? join them into one string)'
            return f'"{name}" is {json_kind(value)}'
    nested = _nested_text(record, "", 3)
    if nested:
        wrapper = re.match(r"(\w+)\[0\]\.", nested)
        hint = f' (records wrapped in "{wrapper.group(1)}": one object per record is read)' if wrapper else ""
        return f'a "{nested.rsplit(".", 1)[1]}" string is nested at {nested}{hint}'
    strings = [name for name, value in record.items() if isinstance(value, str)][:8]
    aliases = [name for name in _TEXT_ALIASES if isinstance(record.get(name), str)]
    if len(aliases) > 1:
        return f"string fields: {', '.join(strings)} ({' and '.join(aliases)} both hold text: which is it? " \
               "name it \"text\")"
    said = f"string fields: {', '.join(strings)}" if strings else "no string fields"
    lists = [f'"{name}" is an array of {len(value)} strings' for name, value in record.items()
             if isinstance(value, list) and value and all(isinstance(item, str) for item in value)][:3]
    return f"{said}; {', '.join(lists)} (paragraphs? join them into one \"text\" string)" if lists else said


def _nested_text(value, path: str, depth: int) -> str | None:
    """The path of the first "text" or "html" string (else "content", "raw_content" or
    "body": ``_TEXT_ALIASES``) nested in `value` (objects, and the
    first item of arrays), at most `depth` levels down; None when there is none."""
    if depth < 0:
        return None
    if isinstance(value, dict):
        for names in (("text", "html"), _TEXT_ALIASES):
            for key, item in value.items():
                if path and key in names and isinstance(item, str):
                    return f"{path}.{key}"
        for key, item in value.items():
            found = _nested_text(item, f"{path}.{key}" if path else str(key), depth - 1)
            if found:
                return found
    elif isinstance(value, list) and value:
        return _nested_text(value[0], f"{path}[0]", depth - 1)
    return None


# A record's fields that say how its page was encoded: a charset, or the HTTP header kept.
_CHARSET_FIELDS = frozenset({"charset", "encoding", "content_type", "content-type", "contenttype",
                             "http_content_type", "mime_type", "mimetype"})


def html_decoded_upstream(html: str, record: dict) -> tuple[str, str | None]:
    """A record's "html" as its page's text, and a problem or None. Crawlers that keep
    pages as strings often decoded them through latin-1 (every byte one character, so
    nothing fails) and stored that: a Shift-JIS or UTF-8 page is then mojibake that no
    repair downstream can undo. A string whose characters all fit in one byte is turned
    back into its bytes and read as a page (``decode_page``) when something says how it
    was really encoded: the record's charset or Content-Type field, the page's own <meta
    charset> naming an encoding other than UTF-8 and latin-1, bytes that prove UTF-8 (or
    UTF-16/32, ISO-2022), or C1 control characters (bytes 0x80-0x9F read as latin-1,
    which no text holds). Otherwise the string is kept as it came.

    >>> page = '<meta charset="shift_jis"><p>住民によると</p>'.encode("cp932").decode("latin-1")
    >>> html_decoded_upstream(page, {})[0][-13:]
    '<p>住民によると</p>'
    >>> html_decoded_upstream("<p>Caf\\u00e9</p>", {}), html_decoded_upstream("<p>Caf\\u00e9</p>", {"charset": "cp1251"})
    (('<p>Café</p>', None), ('<p>Café</p>', None))
    """
    if html.isascii() and "\x00" not in html and "\x1b" not in html:
        return html, None  # (NULs: UTF-16/32 read byte by byte; ESC: ISO-2022-JP)
    try:
        data = html.encode("latin-1")
    except UnicodeEncodeError:
        return html, None  # characters past U+00FF: decoded properly upstream
    http = next((value for key, value in record.items() if isinstance(value, str)
                 and key.lower() in _CHARSET_FIELDS and value.strip()), None)
    if http is not None and "=" not in http:
        http = f"charset={http}"  # a bare charset field ("shift_jis")
    declared = (declared_charset(http) if http else None) or declared_charset(data)
    proved = data.startswith(tuple(bom for bom, _ in _BOMS)) or bool(page_encoding_by_bytes(data))
    other = declared is not None and not declared.startswith(("utf_", "cp1252", "latin_1"))
    if not (proved or other or (declared in (None, "cp1252", "latin_1") and _UNMAPPED.search(html))):
        # Nothing says it is not the page's text: a page decoded right upstream, whose
        # characters happen to fit in latin-1 (a French page; one saying utf-8 whose
        # latin-1 bytes are not UTF-8, which a UTF-8 page read through latin-1 would be).
        return html, None
    decoded = decode_page(data, http)
    if decoded.problem and not (proved or other):
        return html, None  # (a guess that leaves broken bytes is no better than what came)
    if not proved and _implausible(decoded.text) > _implausible(html):
        # A header that names another charset than the one the page was rightly decoded
        # in ("Café" read again as cp1251 is "Cafй"): what came reads better, keep it.
        return html, None
    return decoded.text, decoded.problem


# Where datasets users have keep a record's text when they do not call it "text"
# (RedPajama's "raw_content", OSCAR's and RefinedWeb's "content", a CMS export's "body").
_TEXT_ALIASES = ("content", "raw_content", "body")


def text_alias(record: dict) -> str | None:
    """The field holding a record's text when it has no "text" nor "html": the one of
    _TEXT_ALIASES holding a string, when exactly one does (two: which is the text? the
    record is quarantined, ``why_no_text`` naming them).

    >>> text_alias({"raw_content": "a page", "url": "u"}), text_alias({"content": "a", "body": "b"})
    ('raw_content', None)
    """
    found = [name for name in _TEXT_ALIASES if isinstance(record.get(name), str)]
    return found[0] if len(found) == 1 else None


# A whole page's markup: a doctype or <html> first (after blanks, an XML declaration or
# comments). A text quoting a tag or two does not start so.
_HTML_DOCUMENT = re.compile(r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                            re.IGNORECASE | re.DOTALL)


def html_document(source: str, index: int, raw: bytes, record: dict, html: str, encoding: str,
                  problem: str | None = None) -> Document:
    """A record whose page markup is `html` → its Document (the page read as the
    HTML path reads it), the caller's own fields."""
    html, upstream = html_decoded_upstream(html, record)
    if upstream:  # (rare: a page decoded upstream in the wrong code page)
        problem = f"{problem}; {source}:{index + 1}: {upstream}" if problem else f"{source}:{index + 1}: {upstream}"
    encoded_twice = json_object_in(html)
    if encoded_twice:
        problem = "; ".join(filter(None, (problem, f"{source}:{index + 1}: \"html\" {encoded_twice}")))
    doc = new_document(source, index, raw, "", html=html, encoding=encoding, problem=problem)
    doc.source_id, doc.url, doc.meta = caller_fields(record)
    return doc


# HTML elements whose tags make a text markup (``is_html_fragment``): blocks a CMS writes an
# article body with, and the inline ones inside them.
_BLOCK_ELEMENTS = "p|div|article|section|h[1-6]|ul|ol|li|table|tr|td|th|blockquote|figure|figcaption|header|" \
                  "footer|main|aside|nav|pre|dl|dt|dd"
_LEADING_TAG = re.compile(rf"\s*<(?:{_BLOCK_ELEMENTS}|span|a|b|i|em|strong|br|img|hr)\b[^<>]{{0,1000}}>", re.IGNORECASE)
_TRAILING_BLOCK_TAG = re.compile(rf"</(?:{_BLOCK_ELEMENTS})\s*>\s*$", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]{0,1000}>")
# At least one tag per this many characters: markup all through, not a text that opens
# and closes with a tag.
FRAGMENT_CHARS_PER_TAG = 2000


def is_html_fragment(text: str) -> bool:
    """Whether a "text" is an HTML fragment (a CMS export's body, no doctype or ``<html>``):
    it starts with a tag of an HTML element, ends closing a block element (``</p>``,
    ``</div>``...), and has a tag every FRAGMENT_CHARS_PER_TAG characters. A text that
    merely mentions a tag, even first, stays text.

    >>> is_html_fragment("<p>The ferry left at six.</p>\\n<p>It was late.</p>\\n")
    True
    >>> is_html_fragment("Use <b> for bold and </p> to close a paragraph; then <p>.")
    False
    >>> is_html_fragment("<b>Note:</b> the council meets on Monday, see </p> and <p>.")
    False
    """
    if not _LEADING_TAG.match(text) or not _TRAILING_BLOCK_TAG.search(text[-200:]):
        return False
    sample = text[:200_000]
    return len(_ANY_TAG.findall(sample)) * FRAGMENT_CHARS_PER_TAG >= len(sample)


def is_markup(text: str) -> bool:
    """Whether a "text" is HTML to read as a page: a whole page (a doctype or ``<html>``
    first, ``_HTML_DOCUMENT``) or a fragment of markup (``is_html_fragment``).

    >>> is_markup("<!DOCTYPE html><p>Hi</p>"), is_markup("<div><p>Hi</p></div>"), is_markup("Use <p>.")
    (True, True, False)
    """
    return _HTML_DOCUMENT.match(text) is not None or is_html_fragment(text)


def text_document(source: str, index: int, raw: bytes, record: dict, encoding: str,
                  problem: str | None = None) -> Document:
    """A record whose "text" is a string (read from `raw` in `encoding`) → its Document:
    the text, the feed's title, the caller's own fields. A "text" that is a whole HTML
    page (a crawl's raw response kept as "text") is read as the page: its markup as
    text would be kept as words ("<p>", "</div>", scripts and menus). So is a fragment of
    markup (``is_html_fragment``: round 23)."""
    encoded_twice = json_object_in(record["text"])
    if encoded_twice:
        problem = "; ".join(filter(None, (problem, f"{source}:{index + 1}: \"text\" {encoded_twice}")))
    elif is_markup(record["text"]) and not isinstance(record.get("html"), str):
        return html_document(source, index, raw, {**record, "html": record["text"]}, record["text"], encoding,
                             problem)
    doc = new_document(source, index, raw, record["text"], encoding=encoding, problem=problem)
    if isinstance(record.get("title"), str) and record["title"].strip():
        doc.title = record["title"].strip()  # the feed's own title beats one found in the text
    doc.source_id, doc.url, doc.meta = caller_fields(record)
    return doc


_CONSUMED_FIELDS = ("text", "html", "title", "id", "url")
_JSON_OBJECT_START = re.compile(r"\s*\{")


def json_object_in(value: str) -> str | None:
    """What a text or HTML field holds when it is a JSON object of text fields (a record
    an exporter encoded twice: kept as text, its braces and field names would be words),
    said as a quarantine reason; None for anything else.

    >>> json_object_in('{"title": "Ferry", "body": "The council met."}')
    'holds a JSON object (fields: title, body): a record encoded twice? decode it and give its text as "text"'
    >>> json_object_in('{curly} braces, and a sentence.'), json_object_in('{"n": 1}'), json_object_in("Plain.")
    (None, None, None)
    """
    if not _JSON_OBJECT_START.match(value) or not value.rstrip().endswith("}"):
        return None
    try:
        record = json.loads(value)
    except ValueError:
        return None
    if not isinstance(record, dict) or not any(isinstance(record.get(name), str)
                                               for name in ("text", "html", *_TEXT_ALIASES)):
        return None
    return (f"holds a JSON object (fields: {', '.join(list(record)[:6])}): a record encoded twice? "
            "decode it and give its text as \"text\"")


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


CHUNK_BYTES = 1 << 20


def _chunks(handle, errors: list[BaseException]) -> Iterator[bytes]:
    """The stream's bytes in chunks; a read that fails (a gzip stream cut short, a
    corrupt block) ends the stream and is kept in `errors`, so what came before it is
    still read."""
    # read1: what one decompression step gave, so an error at a cut-off gzip stream's
    # end does not take the last chunk's good lines with it (read(n) would).
    read = getattr(handle, "read1", handle.read)
    while True:
        try:
            chunk = read(CHUNK_BYTES)
        except Exception as error:  # noqa: BLE001 - EOFError, zlib.error, BadGzipFile, OSError...
            errors.append(error)
            return
        if not chunk:
            return
        yield chunk


def _decoded_chunks(chunks: Iterator[bytes], encoding: str, errors: list[BaseException]) -> Iterator[str]:
    """A UTF-16/32 stream's text. A lone surrogate (a flipped byte, a cut pair) is passed
    through, so it costs the record holding it (quarantined: ``record_document``), not
    the chunk of lines around it; bytes that no decoding passes (a stream cut inside a
    character) end the text, kept in `errors`.

    >>> errors = []
    >>> "".join(_decoded_chunks(iter(['{"a": 1}\\n'.encode("utf-16-le") + b"\\x00\\xdc\\n\\x00", b"x"]), "utf-16-le", errors))
    '{"a": 1}\\n\\udc00\\n'
    >>> [type(error).__name__ for error in errors]
    ['UnicodeDecodeError']
    """
    decoder = codecs.getincrementaldecoder(encoding)("surrogatepass")
    try:
        for chunk in chunks:
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        errors.append(error)


def read_jsonl_file(file: InputFile, jsonl_line: Callable = jsonl_record,
                    documents_sniffed: bool = True) -> Iterator[Document | Skipped | Unreadable]:
    """Streams line by line (LF, CRLF or CR): a large JSONL file is never held in
    memory whole. UTF-16/32 files (BOM or not) are decoded whole-stream first; other
    lines are decoded one by one, by `jsonl_line(source, index, line)` (``jsonl_record``;
    the shard reader passes one that leaves the decoding to the cleaning worker). A
    stream that breaks part way keeps the lines read before the break and ends with an
    `Unreadable` naming the last line read.

    A whole file that starts like pretty-printed records or an array (a user's
    ``jq '.[]' in.json > out.jsonl`` without ``-c``; ``opens_json_documents``) is read
    as a `.json` file (``read_json_file``): its records, instead of every line
    quarantined as broken JSON. (`documents_sniffed` False: the caller already knows it
    is not.)"""
    errors: list[BaseException] = []
    lines = 0
    # A piece: cut at line ends, in a file of one-byte line endings (``shards.split_big_files``).
    with piece_stream(file) if file.is_piece else open_input(file.url) as handle:
        chunks = _chunks(handle, errors)
        head = next(chunks, b"")
        if head[:5] == b"WARC/" and not file.is_piece and _WARC_HEAD.match(head):
            yield from read_warc_records(file)  # (each line "malformed JSON" otherwise)
            return
        documents = documents_sniffed and not file.is_piece and opens_json_documents(head)
        chunks = _prepend(head, chunks)
        encoding = None if file.is_piece else stream_encoding(head)
        if documents:
            pass  # read whole, below, once this handle is closed
        elif encoding is None:
            joined: list = []  # (a UTF-16/32 file joined to this one: its stream, ``until_wide_bom``)
            for index, line in enumerate(split_lines(until_wide_bom(chunks, joined), MAX_LINE_BYTES),
                                         start=file.first_record):
                lines += 1
                yield jsonl_line(file.source, index, line) if line.__class__ is not OverlongLine \
                    else overlong_line_skipped(file, index, line)
            if joined:
                encoding = next(name for bom, name in _BOMS if joined[0].startswith(bom))
                wide = _decoded_chunks(_prepend(joined[0], joined[1]), encoding, errors)
                for item in _wide_lines(file, wide, encoding, file.first_record + lines):
                    lines += 1
                    yield item
        else:
            for item in _wide_lines(file, _decoded_chunks(chunks, encoding, errors), encoding, 0):
                lines += 1
                yield item
    if documents:
        yield from read_json_file(file, jsonl_line, sniffed=True)
    elif errors:
        error = errors[0]
        yield Unreadable(file.source, f"{file.source}: unreadable after line {file.first_record + lines} "
                                      f"({type(error).__name__}: {error}); records after it, if any, are lost")
    elif not lines:
        yield Skipped(file.source, "empty file")


def overlong_line_skipped(file: InputFile, index: int, line: OverlongLine, encoding: str | None = None) -> Skipped:
    """Why a line far over the record limit was passed over unread, and where it is.

    >>> overlong_line_skipped(InputFile("x", "dump.jsonl", 0), 4, OverlongLine(120, 3 << 30)).reason
    'dump.jsonl: line 5 (from byte 120, 3,221,225,472 bytes) is far over the record limit (10,000,000 chars): not read, the lines after it are -- a file of one huge line (NUL bytes, a binary dump, records not split into lines?)'
    """
    if encoding is None:
        # (a piece of a big file: its offsets count from the piece's first byte)
        start = line.start + (file.start if file.is_piece and not is_compressed(file.url) else 0)
        where = f"from byte {start:,}" + (" of its decompressed stream" if is_compressed(file.url) else "")
        size = f"{line.size:,} bytes"
    else:
        where, size = f"from character {line.start:,} of its {encoding} text", f"{line.size:,} characters"
    return Skipped(file.source, f"{file.source}: line {index + 1} ({where}, {size}) is far over the record limit "
                                f"({MAX_RECORD_CHARS:,} chars): not read, the lines after it are -- a file of one "
                                "huge line (NUL bytes, a binary dump, records not split into lines?)", index)


def _wide_lines(file: InputFile, text: Iterator[str], encoding: str, first: int) -> Iterator[Document | Skipped]:
    """The records of a UTF-16/32 stream's text (`encoding`), numbered from `first`."""
    for index, line in enumerate(split_lines(text, MAX_LINE_BYTES // 4), start=first):
        if line.__class__ is OverlongLine:
            yield overlong_line_skipped(file, index, line, encoding)
            continue
        # (the stream's BOM, and a later file's when files were joined with `cat`)
        line = line.lstrip("\ufeff")
        raw = line.encode(encoding, "surrogatepass")
        if not line.strip():
            yield Skipped(file.source, f"blank line {index + 1}", index)
        else:
            yield jsonl_document(file.source, index, raw, Decoded(line, encoding), raw_surrogates=True)


# A UTF-16/32 BOM at the start of a line: a file in that encoding joined to this one.
_WIDE_BOM_AFTER_NEWLINE = (b"\n\xff\xfe", b"\n\xfe\xff", b"\n\x00\x00\xfe\xff")
_WIDE_BOM_RE = re.compile(b"|".join(re.escape(pattern) for pattern in _WIDE_BOM_AFTER_NEWLINE))


def until_wide_bom(chunks: Iterator[bytes], joined: list) -> Iterator[bytes]:
    """The chunks of a byte stream up to a line that starts with a UTF-16/32 BOM; from
    that BOM on, the rest is left in `joined` (its first bytes, then the iterator of
    the others) to be decoded in that encoding. A UTF-8 JSONL file with a UTF-16 one
    appended (``cat``; PowerShell 5's ``>>`` writes UTF-16 LE with a BOM) is otherwise
    split at the byte 0x0A, which in UTF-16 is half a newline or part of a character
    ("上" is U+4E0A): its records would be cut apart. The BOM must be followed by NULs
    (the UTF-16/32 of a record's "{"): a cp1252 line opening with "ÿþ" is no BOM. UTF-8
    never holds the byte 0xFE: one memchr per chunk, and no copy.

    >>> joined = []
    >>> b"".join(until_wide_bom(iter([b'{"a": 1}\\n', codecs.BOM_UTF16_LE + '{"b": "上"}'.encode("utf-16-le")]), joined))
    b'{"a": 1}\\n'
    >>> joined[0].decode("utf-16")
    '{"b": "上"}'
    """
    carry = b""
    chunks = iter(chunks)
    for chunk in chunks:
        buffer = carry + chunk if carry else chunk
        # (0xFE is never in UTF-8: one memchr clears a chunk of UTF-8 text, copying nothing)
        # (a BOM then NULs: the UTF-16/32 of "{"; a cp1252 line opening with "ÿþ" has none)
        match = next((found for found in _WIDE_BOM_RE.finditer(buffer)
                      if b"\x00" in buffer[found.end():found.end() + 8]), None) if b"\xfe" in buffer else None
        if match is not None:
            yield buffer[:match.start() + 1]
            joined.extend([buffer[match.start() + 1:], chunks])
            return
        # A newline in the last bytes may start a BOM the next chunk ends: held back.
        cut = buffer.rfind(b"\n", max(len(buffer) - 3, 0))
        carry = buffer[cut:] if cut >= 0 else b""
        if cut != 0:
            yield buffer[:cut] if cut > 0 else buffer
    if carry:
        yield carry


def read_json_file(file: InputFile, jsonl_line: Callable = jsonl_record,
                   sniffed: bool = False) -> Iterator[Document | Skipped | Unreadable]:
    """A `.json` file: JSON Lines (as most corpus `.json` files are), or JSON documents --
    an array of records, a single record spread over several lines, or records
    pretty-printed one after another (what ``jq '.[]'`` writes without ``-c``).

    Sniffed from the start (``_looks_like_json_documents``); documents are parsed whole
    (up to ``MAX_JSON_DOCUMENT_BYTES``; a larger file is skipped with how to convert it)
    and each record becomes a Document exactly as a JSONL line would. Anything else
    streams as JSONL, so a broken line is one quarantined record, as in a `.jsonl` file.
    """
    if not (sniffed or _looks_like_json_documents(file)):  # JSON Lines, or not JSON at all: each line says why
        yield from read_jsonl_file(file, jsonl_line, documents_sniffed=False)
        return
    errors: list[BaseException] = []
    with open_input(file.url) as handle:
        # (chunk by chunk: a compressed stream that breaks part way keeps what came before)
        data = bytearray()
        for chunk in _chunks(handle, errors):
            data += chunk
            if len(data) > MAX_JSON_DOCUMENT_BYTES:
                yield Skipped(file.source, f"a JSON document over {MAX_JSON_DOCUMENT_BYTES >> 20} MB is not read "
                                           "whole; write it as JSON Lines, one record per line "
                                           "(jq -c '.[]' in.json > in.jsonl)")
                return
    decoded = _document_decoding(bytes(data))
    text = decoded.text.lstrip("\ufeff")
    values = None if errors else json_values(text)
    if values is None:
        # Damaged documents (a flipped byte, a cut, a broken stream): the records around
        # the damage are read, the damaged stretch is one quarantined record with its raw text.
        records = salvaged_json_records(text)
        if records is None:
            yield from read_jsonl_file(file, jsonl_line, documents_sniffed=False)  # not JSON documents: each line says why
            return
    else:
        # An array's records; arrays back to back (`cat a.json b.json`) give all of theirs.
        records = [record for value in values for record in (value if isinstance(value, list) else [value])]
    if not records and not errors:
        yield Skipped(file.source, "empty JSON array")
    for index, record in enumerate(records):
        if isinstance(record, BrokenJSON):
            raw = record.text.encode("utf-8", "surrogatepass")
            yield new_document(file.source, index, raw, record.text, encoding=decoded.encoding,
                               problem=f"{file.source}:{index + 1}: malformed JSON ({record.error})")
            continue
        text = json.dumps(record, ensure_ascii=False)
        raw = text.encode("utf-8", "surrogatepass")
        # Bytes lost in decoding (a flipped byte) are the problem of the records holding
        # their replacement character, not of every record in the file; a doubtful guess
        # of the file's encoding, of the records it changes (an ASCII record reads the same).
        doubted = decoded.encoding != "utf-8" and not text.isascii()
        problem = decoded.problem if decoded.problem and (doubted or "\ufffd" in text) else None
        yield record_document(file.source, index, raw, Decoded(text, "utf-8", problem), record)
    if errors:
        yield Unreadable(file.source, f"{file.source}: unreadable after record {len(records)} "
                                      f"({type(errors[0]).__name__}: {errors[0]}); records after it, if any, are lost")


def datasets_metadata(data: bytes) -> str | None:
    """What a JSON file is when it is one of the metadata files ``datasets``
    ``save_to_disk`` writes beside its Arrow shards, else None: ``state.json`` (the
    shards' list and fingerprint) or ``dataset_info.json`` (features, citation).
    `data`: the file's first bytes (a file longer than them is read as any JSON).

    >>> datasets_metadata(b'{"_data_files": [{"filename": "data-00000-of-00001.arrow"}], "_fingerprint": "ab"}')
    'state.json'
    >>> datasets_metadata(b'{"citation": "", "features": {}}'), datasets_metadata(b'{"text": "x", "features": {}, "citation": ""}')
    ('dataset_info.json', None)
    """
    if not data.rstrip().endswith(b"}") or (b'"_fingerprint"' not in data and b'"citation"' not in data):
        return None  # (cheap tests first: a head that is not a whole object, or holds neither key)
    try:
        record = json.loads(data)
    except ValueError:
        return None
    if not isinstance(record, dict) or "text" in record:
        return None
    if "_data_files" in record and "_fingerprint" in record:
        return "state.json"
    if "features" in record and "citation" in record:
        return "dataset_info.json"
    return None


# A stretch of bytes that are not UTF-8, as ``decode("utf-8", "replace")`` leaves it.
_REPLACED_STRETCH_RE = re.compile("\ufffd+")


def _document_decoding(data: bytes) -> Decoded:
    """A JSON document's text (``decode_bytes``), except that a document holding valid
    UTF-8 beyond ASCII and a few bytes that are not (a flipped byte) is UTF-8 with those
    bytes replaced -- its records holding them quarantined -- whatever its size, rather
    than the whole file read as a single-byte encoding's mojibake. Also when the guess
    came with a doubt (bytes inserted into UTF-8 make the guesser unsure, not right).
    The damage is counted in stretches: junk inserted in one place is one stretch of
    bad bytes, a legacy encoding's accented letters are a stretch each.

    >>> _document_decoding('[{"text": "caf\\u00e9"}, {"text": "\\u00fcber'.encode() + b'\\xff"}]').encoding
    'utf-8'
    >>> utf8 = ('[{"text": "caf\\u00e9 \\u00fcber ' + "x" * 500 + '"}]').encode()
    >>> _document_decoding(utf8[:20] + bytes(range(0x80, 0x84)) + utf8[20:]).encoding
    'utf-8'
    """
    decoded = decode_bytes(data)
    # (UTF-8 with a line read in a code page and a doubt left -- "utf-8+mac-roman" -- is
    # weighed like a code page: the doubt would go to every record)
    doubted_lines = decoded.encoding.startswith("utf-8+") and decoded.problem
    if decoded.encoding.startswith("utf-") and not doubted_lines or data.startswith(tuple(bom for bom, _ in _BOMS)) \
            or sniff_utf16(data):
        return decoded
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    stretches = len(_REPLACED_STRETCH_RE.findall(lenient))
    multibyte = sum(1 for char in lenient if char > "\x7f") - bad
    # (an unsure guess weighs less than valid UTF-8: then a file that is ASCII but for
    # the damage, e.g. its records written with \\u escapes, is UTF-8 too, and so is
    # one with more UTF-8 characters than stretches of damage however long, e.g. a
    # tail of binary spliced on)
    few = stretches <= max(len(lenient) // 100, 1)
    if few and (multibyte >= stretches or decoded.problem) or decoded.problem and multibyte >= stretches:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            return Decoded(lenient, "utf-8", f"invalid UTF-8 byte at offset {error.start}")
    return decoded


@dataclass(frozen=True)
class BrokenJSON:
    """A stretch of damaged JSON documents between records that parse: its text, and why."""

    text: str
    error: str


# Where a damaged stretch may end: an object's opening brace that is not a field's value.
_RECORD_START_RE = re.compile(r"(?<![:\s])\s*\{|^\{", re.MULTILINE)
# Parse attempts a salvage may spend looking for the next record (bounds the cost of a
# long stretch of damage; past it, the rest of the text is one damaged stretch).
SALVAGE_ATTEMPTS = 10_000


def salvaged_json_records(text: str) -> list | None:
    """The records of JSON documents (arrays, or records one after another) that do not
    parse whole: each record that parses, and each damaged stretch between them as one
    `BrokenJSON`. None when the text holds no record spread over lines and opens no array
    (JSON Lines with a broken line: the line reader says which).

    >>> salvaged_json_records('[{"text": "a"},\\n {"text": "b\\x07, {"text": "c"}]')
    [{'text': 'a'}, BrokenJSON(text='{"text": "b\\x07', error='Invalid control character at: line 2 column 13 (char 28)'), {'text': 'c'}]
    """
    decoder = json.JSONDecoder(parse_int=digits_or_int, object_pairs_hook=object_noting_conflicts)
    records: list = []
    spread = text.lstrip().startswith("[")
    at, end, attempts, in_array = 0, len(text), 0, False
    while True:
        at = _SEPARATORS_RE.match(text, at).end()
        if at < end and text[at] == "[" and not in_array:
            in_array, at = True, at + 1
            continue
        if at < end and text[at] == "]" and in_array:
            in_array, at = False, at + 1
            continue
        if at >= end:
            break
        try:
            value, after = decoder.raw_decode(text, at)
        except (ValueError, RecursionError) as error:
            attempts += 1
            resume, tried = _next_record(decoder, text, at, attempts)
            attempts += tried
            records.append(BrokenJSON(text[at:resume].rstrip(" \t\r\n,"), str(error)))
            at = resume
            continue
        spread = spread or "\n" in text[at:after].strip() or "\r" in text[at:after].strip()
        records.extend(value if isinstance(value, list) else [value])
        at = after
    return records if spread else None


# What stands between records: white space, a BOM (files joined with `cat`), commas.
_SEPARATORS_RE = re.compile("[ \t\r\n\ufeff,]*")


def _next_record(decoder, text: str, at: int, attempts: int) -> tuple[int, int]:
    """Where the next record after a damaged stretch starting at `at` begins (an object
    that parses and is followed by a separator, the end, or another record), and how
    many parse attempts that took; the text's end when none does."""
    tried = 0
    for match in _RECORD_START_RE.finditer(text, at + 1):
        if attempts + tried >= SALVAGE_ATTEMPTS:
            break
        start = match.end() - 1
        tried += 1
        try:
            value, after = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            continue
        follows = _SEPARATORS_RE.match(text, after).end()
        if isinstance(value, dict) and (follows >= len(text) or text[follows] in "{]" or text[after:follows].strip()):
            return start, tried
    return len(text), tried


# What the sniff reads of a file's start.
JSON_SNIFF_BYTES = 1 << 16


def _looks_like_json_documents(file: InputFile) -> bool:
    """Does a `.json` file start like JSON documents rather than JSON Lines: a first
    non-blank character ``[``, or a first line opening an object that is not a whole
    JSON value? (One short read; JSON Lines' first line parses, and the answer is no.)"""
    try:
        with open_input(file.url) as handle:
            # (chunk by chunk: a stream broken within the sniff's reach still shows its start)
            data = b""
            for chunk in _chunks(handle, []):
                data += chunk
                if len(data) >= JSON_SNIFF_BYTES:
                    break
            head = _sniffed_text(data[:JSON_SNIFF_BYTES]).lstrip("\ufeff \t\r\n")
    except Exception:  # noqa: BLE001 - a file that cannot be opened: the line reader says why
        return False
    first_line, *rest = _NEWLINES[str].split(head, 1)  # LF, CRLF or an old Mac's CR
    return head.startswith("[") or (head.startswith("{") and bool(rest) and not _parses(first_line))


def _sniffed_text(head: bytes) -> str:
    """The text of a file's first bytes, which may end inside a character: a UTF-16/32
    head (``stream_encoding``) decoded up to its last whole character (strictly, a surrogate
    pair cut at the end made it no UTF-16 at all), any other as ``decode_bytes`` does."""
    encoding = stream_encoding(head)
    if encoding is None:
        return decode_bytes(head).text
    return codecs.getincrementaldecoder(encoding)("replace").decode(head)


def opens_json_documents(head: bytes) -> bool:
    r"""Does a `.jsonl` file's first chunk open pretty-printed records or an array: a
    first non-blank line that is ``{`` alone, as pretty-printers write it, or that starts
    with ``[``? (A first line that is merely broken JSON is that line's problem.)

    >>> opens_json_documents(b'{\n  "text": "a"\n}\n'), opens_json_documents(b'[{"text": "a"}]')
    (True, True)
    >>> opens_json_documents(b'{"text": "a"}\n'), opens_json_documents(b'{"text": "cut\n{"text": "b"}\n')
    (False, False)
    >>> opens_json_documents(b'{\r  "text": "a"\r}\r')  # an old Mac's line ends
    True
    """
    start = head[:256]
    encoding = stream_encoding(start)
    text = start.decode(encoding or "utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    return text.startswith("[") or _NEWLINES[str].split(text, 1)[0].strip() == "{"


# What may stand between JSON values: JSON's white space, and a BOM (files saved with one
# and joined with `cat` hold one at each file's start).
_JSON_BLANK_RE = re.compile("[ \t\r\n\ufeff]*")


def json_values(text: str) -> list | None:
    """The JSON values of `text`, one after another (a document, or records
    pretty-printed back to back); None when it is not that.

    >>> json_values('{"text": "a"}\\n{\\n  "text": "b"\\n}\\n'), json_values('[1, 2]'), json_values('{"a": 1} x')
    ([{'text': 'a'}, {'text': 'b'}], [[1, 2]], None)
    >>> json_values('[{"a": 1}]\\n\\ufeff[{"a": 2}]')  # two files joined, the second with its BOM
    [[{'a': 1}], [{'a': 2}]]
    """
    # A 5,000-digit id must not lose the file; a field given twice must not lose a value.
    decoder = json.JSONDecoder(parse_int=digits_or_int, object_pairs_hook=object_noting_conflicts)
    values, at = [], _JSON_BLANK_RE.match(text).end()
    try:
        while at < len(text):
            value, at = decoder.raw_decode(text, at)
            values.append(value)
            at = _JSON_BLANK_RE.match(text, at).end()
    except (ValueError, RecursionError):
        return None
    return values


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


class _Limited:
    """A binary file handle that ends after `remaining` bytes (a piece's end), starting
    with `head` (bytes already taken from the handle)."""

    def __init__(self, handle, remaining: int, head: bytes = b"") -> None:
        self.handle, self.remaining, self.head = handle, remaining, head[:remaining]
        # read1, as ``_chunks``: what one decompression step gave (a broken stream's last good lines kept)
        self._read = getattr(handle, "read1", handle.read)

    def read(self, size: int) -> bytes:
        if self.head:
            data, self.head = self.head[:size], self.head[size:]
        else:
            data = self._read(min(size, self.remaining)) if self.remaining > 0 else b""
        self.remaining -= len(data)
        return data


def is_compressed(url: str) -> bool:
    """Whether a file is read through a decompressor (by its name's last suffix).

    >>> is_compressed("a/b.jsonl.gz"), is_compressed("b.jsonl")
    (True, False)
    """
    return opened_name(url).lower().endswith(COMPRESSION_SUFFIXES)


def opened_name(url: str) -> str:
    """The name of what a url opens: of an archive's member (``zip://name::archive``,
    ``corpus_clean.archives``), the member's name, else the url.

    >>> opened_name("zip://pages/a.jsonl.gz::/data/c.zip"), opened_name("tar://b.txt::s3://x/d.tar.gz"), opened_name("/d/a.gz")
    ('pages/a.jsonl.gz', 'b.txt', '/d/a.gz')
    """
    member = archive_member_name(url)
    return url if member is None else member


def archive_member_name(url: str) -> str | None:
    """The member's name when `url` opens a member of a zip or tar archive
    (``zip://name::archive``, ``tar://name::archive``), else None.

    >>> archive_member_name("tar://b.txt::s3://x/d.tar.gz"), archive_member_name("s3://x/d.tar.gz")
    ('b.txt', None)
    """
    kind, sep, rest = url.partition("://")
    if not sep or kind not in ("zip", "tar") or "::" not in rest:
        return None
    return rest.partition("::")[0]


# A compressed stream cannot be entered in the middle: a piece of a compressed file is
# read by decompressing from the file's start. But a local run reads a file's pieces
# one after another in one process, so the stream a piece ends in is kept open for the
# piece that starts there (keyed by file, its mtime and the offset): the file is
# decompressed once, not once per piece. A piece read elsewhere first (a Dask worker), or
# of a file with no mtime (fsspec's remote ones: a rewritten file would not show), skips
# to its start.
_open_streams: OrderedDict[tuple, tuple] = OrderedDict()  # (url, mtime_ns, offset) → (OpenFile, handle, next byte)
_open_streams_lock = threading.Lock()
OPEN_STREAMS_KEPT = 4  # the oldest is closed past this (pieces abandoned by a failed run)


@contextmanager
def piece_stream(file: InputFile) -> Iterator[_Limited]:
    """The bytes [start, end) of a piece of `file` (``shards.split_big_files``): of the
    file as stored, or of its decompressed stream for a compressed file."""
    if not is_compressed(file.url):
        with open_input(file.url, compression=None) as handle:
            handle.seek(file.start)
            yield _Limited(handle, file.end - file.start)
        return
    with _open_streams_lock:
        kept = _open_streams.pop((file.url, file.mtime_ns, file.start), None)
    opened, handle, head = kept or _decompressed_from(file.url, file.start)
    piece = _Limited(handle, file.end - file.start, head)
    keep = False
    try:
        yield piece
        # read to its end, more follows, and a rewritten file would show
        keep = piece.remaining == 0 and file.mtime_ns is not None and bool(head := handle.read(1))
    finally:
        if keep:
            _keep_open((file.url, file.mtime_ns, file.end), (opened, handle, head))
        else:
            opened.close()


def _decompressed_from(url: str, offset: int) -> tuple:
    """A compressed file opened and decompressed up to `offset` (the bytes before it read and dropped)."""
    opened = open_input(url)
    handle = opened.open()
    try:
        while offset > 0 and (skipped := len(handle.read(min(offset, 1 << 20)))):
            offset -= skipped
    except BaseException:
        opened.close()
        raise
    return opened, handle, b""


def _keep_open(key: tuple, stream: tuple) -> None:
    with _open_streams_lock:
        _open_streams[key] = stream
        while len(_open_streams) > OPEN_STREAMS_KEPT:
            _open_streams.popitem(last=False)[1][0].close()


def _prepend(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    yield from rest


@dataclass(frozen=True)
class BrokenStream:
    """Where a decoded stream (UTF-16/32) stopped decoding, in place of its remaining
    lines; or a line far over the record limit, in place of that line."""

    reason: str


def _overlong(line: OverlongLine, unit: str) -> str:
    return (f"a line of {line.size:,} {unit} (from {unit[:-1]} {line.start:,} of the stream) is far over the "
            f"record limit ({MAX_RECORD_CHARS:,} chars): not read, the lines after it are")


def stream_lines(chunks: Iterator[bytes]) -> Iterator[bytes | BrokenStream]:
    """The lines of a JSONL byte stream (stdin), each as bytes ``jsonl_record`` reads as
    the file reader would: a UTF-16/32 stream (BOM or not, ``stream_encoding`` of its
    first line) is decoded whole first -- split as bytes, its newline's NUL would start
    every next line -- and each line given as UTF-8, its BOMs dropped. A stream that stops
    decoding (cut inside a character) ends with a `BrokenStream` saying why.

    >>> list(stream_lines(iter(['{"a": 1}\\n{"b": 2}\\n'.encode("utf-16")])))
    [b'{"a": 1}', b'{"b": 2}']
    >>> list(stream_lines(iter([b'{"a": 1}\\r\\n', b'x'])))
    [b'{"a": 1}', b'x']
    """
    head = b""
    for chunk in chunks:  # enough to tell the encoding: a first line, or 4 KB
        head += chunk
        if len(head) >= 4 and (b"\n" in head or b"\r" in head or len(head) >= 4096):
            break
    encoding = stream_encoding(head)
    if encoding is None:
        for line in split_lines(_prepend(head, chunks), MAX_LINE_BYTES):
            yield line if line.__class__ is not OverlongLine else BrokenStream(_overlong(line, "bytes"))
        return
    errors: list[BaseException] = []
    for line in split_lines(_decoded_chunks(_prepend(head, chunks), encoding, errors), MAX_LINE_BYTES // 4):
        if line.__class__ is OverlongLine:
            yield BrokenStream(_overlong(line, "characters"))
            continue
        # (a lone surrogate passed through becomes its JSON escape: the record says so)
        yield line.lstrip("\ufeff").encode("utf-8", "backslashreplace")
    if errors:
        yield BrokenStream(f"the {encoding} input stops decoding here ({errors[0]}); nothing after it was read")


def declared_record_count(file: InputFile) -> int | None:
    """How many records the file says it holds, read apart from the records themselves
    (Parquet footer: num_rows), or None for formats that do not say. The run's
    accounting compares it with what the reader produced."""
    if file_format(file.source) != "parquet" or file.skip_reason:
        return None
    import pyarrow.parquet as pq

    try:
        with open_input(file.url, compression=None) as handle:
            return pq.read_metadata(handle).num_rows
    except Exception:  # noqa: BLE001 - no readable footer: the reader says why
        return None


def read_parquet_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """Row group by row group: a damaged group costs its own rows only (an `Unreadable`
    saying how many), and the groups after it are still read. Text is read as bytes
    and decoded per row, so one row of invalid UTF-8 is one quarantined row. A piece
    (``shards.row_group_pieces``) reads its row groups only. The file is read through
    its handle, a row group at a time, not brought into memory whole."""
    yield from _through_handle(file, "Parquet", _parquet_documents)


def _through_handle(file: InputFile, what: str, documents: Callable) -> Iterator[Document | Skipped | Unreadable]:
    """``documents(file, handle)`` over the file opened as it is stored (a binary table
    format compresses inside), or a skip saying the `what` file could not be opened."""
    try:
        handle = open_input(file.url, compression=None).open()
    except Exception as error:  # noqa: BLE001 - as a corrupt file: the reader's to report
        yield Skipped(file.source, f"unreadable {what} file: {error}")
        return
    with handle:
        yield from documents(file, handle)


def _parquet_documents(file: InputFile, handle) -> Iterator[Document | Skipped | Unreadable]:
    import pyarrow.parquet as pq

    try:
        # (a writer's page checksums checked: a flipped byte in a page is said, not read as
        # text; pages written without one cost nothing, and pyarrow writes none by default)
        parquet = pq.ParquetFile(handle, page_checksum_verification=True)
    except Exception as error:  # pyarrow raises several types for a corrupt file
        yield Skipped(file.source, f"unreadable Parquet file: {error}{_not_parquet_because(handle)}")
        return
    column, extra, missing = table_columns(parquet.schema_arrow)
    if column is None:
        yield Unreadable(file.source, f"{file.source}: Parquet file {missing}", _rows_to_read(file, parquet))
        return
    index = file.first_record
    if file.rows is not None:
        yield from _parquet_row_slice(file, parquet, column, extra)
        return
    for group in range(file.start, file.end) if file.is_piece else range(parquet.num_row_groups):
        rows = parquet.metadata.row_group(group).num_rows
        try:
            values, fields = _texts_and_fields(parquet.read_row_group(group, columns=[column, *extra]), column)
        except Exception as error:  # noqa: BLE001 - damaged pages, bad encodings, checksum errors
            yield Unreadable(file.source, f"{file.source}: row group {group} (rows {index}-{index + rows - 1}) "
                                          f"unreadable: {type(error).__name__}: {error}", rows)
            index += rows
            continue
        if len(values) > rows:  # pages holding more rows than the footer says: which are real is unknown
            yield Unreadable(file.source, f"{file.source}: row group {group} (rows {index}-{index + rows - 1}) "
                                          f"unreadable: its pages hold {len(values)} rows, its footer says {rows}",
                             rows)
            index += rows
            continue
        yield from _row_documents(file.source, index, column, values, fields)
        index += len(values)
        if len(values) < rows:  # damaged pages that read as fewer rows (a flipped page header): say so
            yield _short_row_group(file.source, group, index, rows - len(values))
            index += rows - len(values)


def table_columns(schema) -> tuple[str | None, list[str], str]:
    """The column a table's text is read from ("text", else "html", else the one of
    "content", "raw_content", "body" there, as in JSONL), the caller's scalar columns
    that travel with each row (id, url, site...), and, when there is no text column,
    why (what to rename).

    >>> import pyarrow as pa
    >>> table_columns(pa.schema([("id", pa.int64()), ("content", pa.string()), ("tags", pa.list_(pa.string()))]))
    ('content', ['id'], '')
    >>> table_columns(pa.schema([("body", pa.string()), ("content", pa.string())]))[2]
    "has no 'text' or 'html' column (columns: ['body', 'content']; content and body both hold text: which is it? name it 'text')"
    """
    names = schema.names
    aliases = [name for name in _TEXT_ALIASES if name in names]
    column = "text" if "text" in names else "html" if "html" in names else \
        aliases[0] if len(aliases) == 1 else None
    if column is None:
        which = f"; {' and '.join(aliases)} both hold text: which is it? name it 'text'" if aliases else ""
        return None, [], f"has no 'text' or 'html' column (columns: {names}{which})"
    extra = [f.name for f in schema if f.name not in _CONSUMED_FIELDS and f.name != column
             and _is_scalar(_value_type(f.type))]
    return column, extra + [name for name in ("id", "url") if name in names], ""


def read_arrow_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """An Arrow IPC file -- a HuggingFace ``datasets`` shard (``data-00000-of-00004.arrow``,
    the streaming format ``save_to_disk`` writes), the random-access file format, or
    ``.feather`` (that same file format) -- row by row as Parquet is read (the text
    column, the caller's columns), a record batch at a time, each batch checked whole
    (offsets, UTF-8) first. A batch that does not read is an `Unreadable` saying which;
    the file format steps over it, the streaming format (no index) ends there."""
    yield from _through_handle(file, "Arrow", _arrow_documents)


def _arrow_reader(handle):
    """An Arrow IPC reader of either format, and whether its batches are read by index."""
    import pyarrow as pa

    try:
        return pa.ipc.open_file(handle), True
    except pa.ArrowInvalid:  # (no file footer: the streaming format, as ``datasets`` writes)
        handle.seek(0)
        return pa.ipc.open_stream(handle), False


def _record_batches(reader, indexed: bool):
    """(batch, None) for each record batch that reads and checks whole, (batch or None,
    error) for one that does not (None: not even its row count read)."""
    number = 0
    while not indexed or number < reader.num_record_batches:
        try:
            batch = reader.get_batch(number) if indexed else reader.read_next_batch()
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - a cut or damaged batch
            yield None, error
            if not indexed:
                return  # (a stream has no index to find the next batch by)
            number += 1
            continue
        number += 1
        try:
            batch.validate(full=True)  # (offsets in bounds, strings UTF-8: a flipped byte in them)
        except Exception as error:  # noqa: BLE001
            yield batch, error
            continue
        yield batch, None


def _arrow_documents(file: InputFile, handle) -> Iterator[Document | Skipped | Unreadable]:
    import pyarrow as pa

    try:
        reader, indexed = _arrow_reader(handle)
    except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a damaged file
        yield Skipped(file.source, f"unreadable Arrow IPC file: {type(error).__name__}: {error}"
                                   f"{_not_parquet_because(handle)}")
        return
    column, extra, missing = table_columns(reader.schema)
    if column is None:
        yield Skipped(file.source, f"{file.source}: Arrow file {missing}")
        return
    index = file.first_record
    for number, (batch, error) in enumerate(_record_batches(reader, indexed)):
        if error is None:
            try:
                values, fields = _texts_and_fields(pa.Table.from_batches([batch]).select([column, *extra]), column)
            except Exception as failed:  # noqa: BLE001
                error = failed
        if error is not None:
            rows = batch.num_rows if batch is not None else None
            after = "" if indexed or batch is not None else " (the rows after it are not read)"
            yield Unreadable(file.source, f"{file.source}: Arrow record batch {number} (from row {index}) unreadable"
                                          f"{after}: {type(error).__name__}: {error}", rows)
            index += rows or 0
            continue
        yield from _row_documents(file.source, index, column, values, fields)
        index += len(values)


def _not_parquet_because(handle) -> str:
    """What a file named Parquet that pyarrow refused is instead, when its first bytes
    say: a compressed stream (Parquet compresses inside: ``x.parquet.gz`` renamed), or
    text (a JSON or CSV export given the wrong name); "" when they say nothing.

    >>> import io, gzip
    >>> _not_parquet_because(io.BytesIO(gzip.compress(b"x"))), _not_parquet_because(io.BytesIO(b'{"text": "a"}'))
    (' (its bytes are a gzip stream: decompress it first)', ' (its bytes are text: JSON Lines, JSON or CSV named .parquet?)')
    """
    try:
        handle.seek(0)
        head = handle.read(STORED_SNIFF_BYTES)
    except Exception:  # noqa: BLE001 - the handle that failed: nothing more to say
        return ""
    compression = compression_of_head(head)
    if compression:
        return f" (its bytes are a {compression} stream: decompress it first)"
    if head and not head.startswith(PARQUET_MAGIC) and looks_like_text(head):
        return " (its bytes are text: JSON Lines, JSON or CSV named .parquet?)"
    return ""


def _rows_to_read(file: InputFile, parquet) -> int:
    """How many rows the footer gives the part of the file `file` stands for: the whole
    file, a piece's row groups, or a slice of one row group."""
    if file.rows is not None:
        return file.rows[1] - file.rows[0]
    if file.is_piece:
        return sum(parquet.metadata.row_group(group).num_rows for group in range(file.start, file.end))
    return parquet.metadata.num_rows


def _short_row_group(source: str, group: int, index: int, missing: int) -> Unreadable:
    """The rows a row group's footer declares that its pages did not give (damaged pages
    can read as fewer rows without an error): unreadable, counted, so none is lost silently."""
    return Unreadable(source, f"{source}: row group {group} (rows {index}-{index + missing - 1}) unreadable: "
                              f"its pages hold {missing} row(s) fewer than its footer declares", missing)


def _texts_and_fields(table, column: str) -> tuple[list, list[dict]]:
    """A block of Parquet rows as each row's text (bytes: decoded per row, so one row of
    invalid UTF-8 costs that row only) and its caller's fields. A binary column's cells
    come as ``BinaryCell``: bytes in whatever encoding their writer used, not only UTF-8."""
    import pyarrow as pa

    table = _plain_columns(table)
    values = table.column(column)
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        values = values.cast(pa.large_binary())
    elif pa.types.is_binary(values.type) or pa.types.is_large_binary(values.type):
        fields = table.drop_columns([column]).to_pylist() if table.num_columns > 1 else [{}] * table.num_rows
        return [None if value is None else BinaryCell(value) for value in values.to_pylist()], fields
    fields = table.drop_columns([column]).to_pylist() if table.num_columns > 1 else [{}] * table.num_rows
    return values.to_pylist(), fields


def _invalid_utf8(data: bytes) -> str | None:
    """Where `data` stops being UTF-8, as a reason; None when it is UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"invalid UTF-8 byte at offset {error.start}"
    return None


class BinaryCell(bytes):
    """A cell of a Parquet binary column: bytes a writer stored undecoded (a crawler's raw
    page, a legacy export), so decoded as a file's bytes are (``decode_bytes``,
    ``decode_page``), where a string column's cells are UTF-8 by the format's definition."""


def _row_documents(source: str, first: int, column: str, values: list, fields: list[dict]) -> Iterator[Document]:
    """The Documents of a block of Parquet rows, the first one record `first` of the file."""
    for index, (value, row_fields) in enumerate(zip(values, fields), start=first):
        doc = parquet_record(source, index, column, value)
        doc.source_id, doc.url, doc.meta = caller_fields(row_fields)
        yield doc


# Rows decoded at a time when a piece is a slice of one row group.
PARQUET_SLICE_BATCH_ROWS = 8192


def _parquet_row_slice(file: InputFile, parquet, column: str, extra: list[str]
                       ) -> Iterator[Document | Unreadable]:
    """The rows [first, last) of row group `file.start` (``InputFile.rows``), decoded a
    batch at a time: the rows before the slice are decoded and dropped (a row group
    cannot be entered in the middle), never held. A damage part way makes the slice's
    remaining rows one `Unreadable`, so the file's accounting still adds up."""
    import pyarrow as pa

    first, last = file.rows
    index, at = file.first_record, 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_SLICE_BATCH_ROWS, row_groups=[file.start],
                                          columns=[column, *extra]):
            if at + batch.num_rows <= first:
                at += batch.num_rows
                continue
            rows = pa.Table.from_batches([batch]).slice(max(first - at, 0), last - max(first, at))
            at += batch.num_rows
            values, fields = _texts_and_fields(rows, column)
            for doc in _row_documents(file.source, index, column, values, fields):
                yield doc
                index += 1
            if at >= last:
                return
    except Exception as error:  # noqa: BLE001 - damaged pages, bad encodings, checksum errors
        left = file.first_record + (last - first) - index
        yield Unreadable(file.source, f"{file.source}: row group {file.start} (rows {index}-{index + left - 1}) "
                                      f"unreadable: {type(error).__name__}: {error}", left)
        return
    left = file.first_record + (last - first) - index
    if left > 0:  # the batches ended before the slice did: damaged pages read as fewer rows
        yield _short_row_group(file.source, file.start, index, left)


def _value_type(arrow_type):
    """The type a column's values have once read: a dictionary-encoded column (pandas'
    categoricals) holds its dictionary's type, a string view (polars, DuckDB) a string."""
    import pyarrow as pa

    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return pa.large_string() if pa.types.is_string_view(arrow_type) else arrow_type


def _is_scalar(arrow_type) -> bool:
    import pyarrow.types as pa_types

    return (pa_types.is_string(arrow_type) or pa_types.is_large_string(arrow_type) or pa_types.is_integer(arrow_type)
            or pa_types.is_floating(arrow_type) or pa_types.is_boolean(arrow_type))


def _plain_columns(table):
    """`table` with dictionary-encoded and string-view columns cast to plain values, so
    a categorical text column reads as text, not as 'text is str, not a string'.

    >>> import pyarrow as pa
    >>> _plain_columns(pa.table({"text": pa.array(["a", "b", "a"]).dictionary_encode()})).schema
    text: string
    """
    for index, field in enumerate(table.schema):
        plain = _value_type(field.type)
        if plain != field.type:
            table = table.set_column(index, field.name, table.column(index).cast(plain))
    return table


def parquet_record(source: str, index: int, column: str, value) -> Document:
    """One Parquet cell → a Document; a null, a value that is not text, or bytes that
    are not valid UTF-8 become its problem (the value kept as its text)."""
    where = f"{source}: row {index}"
    if value is None:
        return new_document(source, index, b"", "", problem=f"{where} has null {column}")
    if not isinstance(value, bytes):
        text = str(value)
        return new_document(source, index, text.encode("utf-8", "surrogatepass"), text,
                             problem=f"{where}: {column} is {type(value).__name__}, not a string")
    if isinstance(value, BinaryCell):
        value = bytes(value)
        decoded = decode_page(value) if column == "html" else decode_bytes(value)
        if not decoded.encoding.startswith(("utf", "iso-2022")) and len(value) - len(value.decode("ascii", "ignore")) < 4:
            # A guess from fewer than 4 bytes beyond ASCII ("bad \xff byte") is no more
            # than a guess: quarantined as invalid UTF-8, its bytes kept, as before.
            decoded = Decoded(value.decode("utf-8", "replace"), "utf-8", _invalid_utf8(value))
        problem = f"{where}: {decoded.problem}" if decoded.problem else None
        if column == "html" or is_markup(decoded.text):
            return new_document(source, index, value, "", html=decoded.text, encoding=decoded.encoding,
                                problem=problem)
        return new_document(source, index, value, decoded.text, encoding=decoded.encoding, problem=problem)
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as error:
        return new_document(source, index, value, value.decode("utf-8", "replace"), encoding="utf-8",
                             problem=f"{where}: invalid UTF-8 byte at offset {error.start}")
    if column == "html" or is_markup(text):  # (a page or a fragment as "text")
        return new_document(source, index, value, "", html=text, encoding="utf-8")
    return new_document(source, index, value, text, encoding="utf-8")


_TEXT_KINDS = ("jsonl", "json", "text", "html")
_SNIFFED_KINDS = (*_TEXT_KINDS, "xml", "feed", "mhtml")  # (read by what their first bytes are: ``kind_by_bytes``)


def read_file(file: InputFile | str, jsonl_line: Callable = jsonl_record) -> Iterator[Document | Skipped | Unreadable]:
    """All records of one file, in order. Accepts an InputFile or a plain path.
    `jsonl_line`: what each undecoded JSONL line becomes (``read_jsonl_file``)."""
    if isinstance(file, str):
        file = InputFile(file, file, 0)
    if file.skip_reason:
        yield Skipped(file.source, file.skip_reason)
        return
    readers = {"jsonl": partial(read_jsonl_file, jsonl_line=jsonl_line),
               "json": partial(read_json_file, jsonl_line=jsonl_line),
               "html": read_html_file, "parquet": read_parquet_file, "text": read_text_file,
               "warc": read_warc_records, "csv": read_csv_records, "feed": read_feed_records,
               "mhtml": read_saved_page, "arrow": read_arrow_file,
               "mail": read_mail_file}
    kind = file_format(file.source)
    stored, head = first_bytes(file) if kind in _SNIFFED_KINDS and not file.is_piece else (b"", None)
    if kind in _TEXT_KINDS and stored.startswith(PARQUET_MAGIC) and holds_parquet(file.url):
        kind = "parquet"  # a Parquet file saved under a text name: its rows, not lines of binary
    elif kind in _SNIFFED_KINDS and not file.is_piece:
        named, (kind, refused) = kind, kind_by_bytes(file.source, kind, head)
        if refused:
            yield Skipped(file.source, refused)
            return
        if kind == "feed" and named in _TEXT_KINDS:  # (no items: read as named)
            readers["feed"] = partial(read_feed_records, otherwise=readers[named])
    if kind == "json" and head and (metadata := datasets_metadata(head)):
        yield Skipped(file.source, f"a HuggingFace datasets metadata file ({metadata}): no records; the rows "
                                   "are in the .arrow shards beside it")
        return
    if kind is None and not file.is_piece:
        kind = kind_inside_bare_compression(file)
    reader = readers.get(kind)
    if reader is None:
        yield Skipped(file.source, unsupported_reason(file))
        return
    produced = 0
    try:
        for item in reader(file):
            produced += 1
            if file.doubt and isinstance(item, Document):
                item.problems.append(("readable_input", f"{file.source}: {file.doubt}"))
            yield item
    except Exception as error:  # noqa: BLE001 - one bad file must not take the others with it
        reason = f"{file.source}: could not read file after {produced} record(s): {type(error).__name__}: {error}"
        yield Skipped(file.source, reason) if produced == 0 else Unreadable(file.source, reason)

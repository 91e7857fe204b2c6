"""Zip and tar archives in the input: each member listed as an input file of its own.

A folder holding ``crawl-001.zip`` or ``dump.tar.gz`` is read member by member: each
member becomes an ``InputFile`` whose url opens it through fsspec (``zip://name::archive``,
``tar://name::archive``) and whose source is the archive's source and the member's name
(``crawl-001.zip/pages/a.jsonl``), so its rows, quarantine and accounting name where
they came from, and the reader reads it by its own suffix as any file.

Nothing is unpacked to disk. What is not read is still listed, with why: a member named
outside the archive (an absolute path or ``..``), an archive inside the archive, a tar
link or device, an encrypted zip member, an earlier member under a name repeated later, a second tar
archive appended after the first's end (``cat a.tar.gz b.tar.gz``), an archive that
cannot be listed. A member that is damaged is found when it is read: the reader names
it and the other members are read.
"""
from __future__ import annotations

import lzma
import os
import re
import tarfile
import threading
import zipfile
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from corpus_clean.readers import ARCHIVE_SUFFIXES, InputFile, compression_of_head, storable_name

# Member names that are archives themselves (or compressed archives): refused, not opened.
NESTED_SUFFIXES = (*ARCHIVE_SUFFIXES, ".tzst", ".tar.zst", ".7z", ".rar", ".jar")
# A compressed tar's suffixes (a tar is opened by its bytes' compression: ``tar_compression``).
TAR_COMPRESSION = {".tar.gz": "gzip", ".tgz": "gzip", ".tar.bz2": "bz2", ".tbz": "bz2", ".tbz2": "bz2",
                   ".tar.xz": "xz", ".txz": "xz"}

# An archive of more members than this is refused whole, saying to unpack it: each member
# is an input file of its own (a manifest entry, a row in the plan), so a million-member
# archive would be a million of them. Members are opened through one opened archive per
# process and thread (``open_member``), so reading N members costs N, not N² as fsspec's own chained
# urls do (which read the listing again at each member): round 24's cap of 500 is lifted.
MAX_MEMBERS = 100_000

_PARENT = re.compile(r"(^|/)\.\.(?=/|$)")

# What a damaged or cut archive (or member) raises when it is listed or read: said as its
# reason. Anything else is a bug and is left to surface.
DAMAGED_ARCHIVE_ERRORS = (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError)


def archive_kind(source: str) -> str | None:
    """"zip" or "tar" for a file we read as an archive, by its name; None otherwise.

    >>> archive_kind("crawl-001.ZIP"), archive_kind("dump.tar.gz"), archive_kind("a.jsonl.gz"), archive_kind("a.tgz")
    ('zip', 'tar', None, 'tar')
    """
    name = source.lower()
    if not name.endswith(ARCHIVE_SUFFIXES):
        return None
    return "zip" if name.endswith(".zip") else "tar"


def refused_name(name: str) -> str | None:
    """Why a member is not read, by its name alone; None: read it.

    A name outside the archive (absolute, a drive, ``..``) is refused: unpacked, it would
    land outside the folder, and as a row's source it would name a file that is not there.

    >>> refused_name("pages/a.jsonl") is None
    True
    >>> refused_name("../../etc/passwd")
    "a member named outside the archive (absolute path or '..'): '../../etc/passwd' not read"
    >>> refused_name("/etc/passwd")[:34], refused_name("inner/more.zip")[:29]
    ('a member named outside the archive', 'an archive inside the archive')
    """
    plain = name.replace("\\", "/")
    if plain.startswith("/") or re.match(r"[A-Za-z]:/", plain) or _PARENT.search(plain):
        return f"a member named outside the archive (absolute path or '..'): {name!r} not read"
    if plain.lower().endswith(NESTED_SUFFIXES):
        return "an archive inside the archive: unpack the outer one first (archives are read one level deep)"
    if "::" in plain:
        return "a member name holding '::' (fsspec's URL separator): it cannot be opened alone"
    return None


def member_source(archive: InputFile, name: str) -> str:
    """A member's source: the archive's source, "/", its name (``..`` written ``%2E%2E``
    and a leading "/" dropped, so a refused name names no file outside the archive).

    >>> member_source(InputFile("/d/c.zip", "c.zip", 9), "../x.txt")
    'c.zip/%2E%2E/x.txt'
    """
    plain = _PARENT.sub(r"\1%2E%2E", name.replace("\\", "/").lstrip("/"))
    return f"{archive.source}/{storable_name(plain)}"


def zip_members(archive: InputFile) -> Iterator[tuple[str, int, str | None]]:
    """(name, size, why not read or None) of each file member of a zip archive."""
    import fsspec

    with fsspec.open(archive.url, "rb") as handle, zipfile.ZipFile(handle) as opened:
        for info in opened.infolist():
            if info.is_dir():
                continue
            encrypted = "an encrypted member: not read (no password is asked for)" if info.flag_bits & 0x1 else None
            yield info.filename, info.file_size, encrypted


def tar_members(archive: InputFile) -> Iterator[tuple[str, int, str | None]]:
    """(name, size, why not read or None) of each file member of a tar archive."""
    import fsspec

    with fsspec.open(archive.url, "rb") as handle, tarfile.open(fileobj=handle, mode="r:*") as opened:
        for info in opened:
            if info.isdir():
                continue
            other = None if info.isreg() else \
                f"not a regular file inside the archive (tar member type {info.type!r}: a link or device)"
            yield info.name, info.size, other
        check_tar_end(opened.fileobj)


class AppendedArchive(tarfile.ReadError):
    """A second tar archive after the first's end marker (``cat a.tar.gz b.tar.gz``): not
    damage, so the first archive's members are trusted; the second's are not listed."""


def check_tar_end(stream) -> None:
    """Raise ``tarfile.ReadError`` when what follows a tar's last listed member is not its
    end (zero blocks). tarfile ends its listing quietly at a header it cannot read, so a
    damaged stretch (a flipped byte in a tar.gz) would hide every member after it; read
    to its end, a compressed stream also checks itself (gzip's CRC, bzip2's, xz's).
    A valid header after zero blocks (past the end marker) is a second archive appended
    (``AppendedArchive``): said so, not taken for damage.

    >>> import io
    >>> check_tar_end(io.BytesIO(bytes(1024)))
    >>> check_tar_end(io.BytesIO(bytes(512) + b"garbage"))
    Traceback (most recent call last):
    tarfile.ReadError: bytes that are not a tar header follow the last member read (the archive is damaged there: members after it, if any, are not listed)
    >>> try:
    ...     check_tar_end(io.BytesIO(bytes(512) + tarfile.TarInfo("b.txt").tobuf() + bytes(1024)))
    ... except AppendedArchive as error:
    ...     print(error)
    a second tar archive appended after the first's end (its first member 'b.txt'): its members are not listed; unpack it (tar --ignore-zeros)
    """
    offset = 0  # (the stream starts on a block boundary, tarfile reading 512-byte blocks; a read is whole but at the end)
    while block := stream.read(1 << 20):
        if data := block.lstrip(b"\0"):
            at = offset + len(block) - len(data)
            header = block[at // 512 * 512 - offset:][:512]
            header += stream.read(512 - len(header))  # (a header split across two reads)
            if at >= 512:  # (after one zero block at least: past the end marker)
                try:
                    first = tarfile.TarInfo.frombuf(header, "utf-8", "surrogateescape")
                except tarfile.HeaderError:
                    pass
                else:
                    raise AppendedArchive(f"a second tar archive appended after the first's end (its first member "
                                          f"{first.name!r}): its members are not listed; unpack it (tar --ignore-zeros)")
            raise tarfile.ReadError("bytes that are not a tar header follow the last member read (the archive "
                                    "is damaged there: members after it, if any, are not listed)")
        offset += len(block)


def members_of(archive: InputFile) -> list[InputFile]:
    """The archive's members as input files (those not read carry why), in the archive's
    order; an archive that cannot be listed (or stops being listable part way) adds an
    entry under its own source saying so, after the members listed before."""
    kind = archive_kind(archive.source)
    listing = zip_members if kind == "zip" else tar_members
    entries: list[tuple[str, int, str | None]] = []
    unlistable: list[InputFile] = []
    doubt = None
    try:
        entries.extend(listing(archive))
    except DAMAGED_ARCHIVE_ERRORS as error:  # a damaged archive: say so, keep what was listed
        said = f"after {len(entries)} member(s)" if entries else "before any member"
        unlistable.append(replace(archive, size=0, skip_reason=f"a {kind} archive that cannot be listed ({said}): "
                                                               f"{type(error).__name__}: {error}"))
        doubt = damage_doubt(archive.source, error, kind == "tar" and compressed_tar(archive)) if entries else None
    members = [InputFile(f"{kind}://{name}::{archive.url}", source, 0 if refused else size, refused,
                         mtime_ns=archive.mtime_ns, archive=archive.source, doubt=None if refused else doubt)
               for name, size, refused, source in named_members(archive, entries)]
    listed = sum(1 for member in members if member.skip_reason is None)
    if listed > MAX_MEMBERS:
        return [replace(archive, size=0, skip_reason=f"a {kind} archive of {listed} members: over {MAX_MEMBERS} "
                                                     "are not read one by one here (too slow); unpack it first")]
    return members + unlistable


def compressed_tar(archive: InputFile) -> bool | None:
    """Whether a tar's bytes are compressed (whatever its name); None: they cannot be read."""
    import fsspec

    try:
        with fsspec.open(archive.url, "rb") as handle:
            return tar_compression(handle.read(TAR_HEAD_BYTES)) is not None
    except OSError:
        return None


def damage_doubt(source: str, error: BaseException, compressed: bool | None = None) -> str | None:
    """Why the members listed before a compressed tar's listing failed may be damaged: its
    one CRC covers every member (and damage garbles what follows it), so when the stream
    fails none can be trusted. None for a zip (each member carries its own CRC, checked as
    it is read), a plain tar (damage where its listing stopped leaves the members before
    it as written), an archive cut short (the bytes before the cut are as written; a
    member cut short fails as it is read) and a second archive appended (``AppendedArchive``:
    the first one's stream ended whole). `compressed`: told by the bytes (a gzip'd tar named
    ``.tar`` is read, so its damage must cast doubt too); None: by the suffix.

    >>> damage_doubt("d.tar.gz", EOFError("Compressed file ended before the end-of-stream marker was reached")) is None
    True
    >>> damage_doubt("d.tgz", OSError("CRC check failed 0x1 != 0x2"))[:48], damage_doubt("d.tar", OSError("x"))
    ('its tar archive is damaged (OSError: CRC check f', None)
    >>> damage_doubt("c.tar.gz", AppendedArchive("a second tar archive appended")) is None
    True
    >>> damage_doubt("d.tar", OSError("CRC check failed 0x1 != 0x2"), compressed=True)[:27]
    'its tar archive is damaged '
    """
    if compressed is None:
        compressed = source.lower().endswith(tuple(TAR_COMPRESSION))
    if not compressed or isinstance(error, (EOFError, AppendedArchive)) or "unexpected end" in str(error):
        return None
    return (f"its tar archive is damaged ({type(error).__name__}: {error}), and tar keeps no checksum of a "
            "member's bytes: this member's may be damaged too (quarantined, its text kept)")


def named_members(archive: InputFile, entries: list[tuple[str, int, str | None]]
                  ) -> Iterator[tuple[str, int, str | None, str]]:
    r"""(name, size, why not read or None, source) of each listed entry.

    A name given twice: fsspec (like zipfile and tarfile) opens a name's *last* entry, so
    the earlier ones are not read, saying so. Every entry gets a source of its own: when
    two would share one ("sub/b.txt" and "sub\b.txt" both read as ``c.zip/sub/b.txt``), the
    later entry keeps it (the one read, for a repeated name) and the earlier get a number.

    >>> zip_file = InputFile("/d/c.zip", "c.zip", 9)
    >>> for row in named_members(zip_file, [("a.txt", 3, None), ("sub\\b.txt", 4, None),
    ...                                      ("a.txt", 5, None), ("sub/b.txt", 6, None)]):
    ...     print(row[0], row[1], row[2] is None, row[3])
    a.txt 3 False c.zip/a (copy 2).txt
    sub\b.txt 4 True c.zip/sub/b (copy 2).txt
    a.txt 5 True c.zip/a.txt
    sub/b.txt 6 True c.zip/sub/b.txt
    """
    last_entry_of = {name: at for at, (name, _, _) in enumerate(entries)}
    sources_given: Counter[str] = Counter()
    sources = []
    for name, _, _ in reversed(entries):
        source = member_source(archive, name)
        sources_given[source] += 1
        sources.append(source if sources_given[source] == 1 else numbered(source, sources_given[source]))
    for at, ((name, size, refused), source) in enumerate(zip(entries, reversed(sources))):
        refused = refused or refused_name(name)
        if last_entry_of[name] != at:
            refused = "a member whose name a later member repeats: a name opens its last member, so this one is not read"
        yield name, size, refused, source


def numbered(source: str, copy: int) -> str:
    """`source` with a copy number before its suffixes, so that it is still read by them.

    >>> numbered("c.zip/sub/a.jsonl.gz", 2), numbered("c.zip/README", 3)
    ('c.zip/sub/a (copy 2).jsonl.gz', 'c.zip/README (copy 3)')
    """
    folder, _, name = source.rpartition("/")
    stem, dot, suffixes = name.partition(".") if not name.startswith(".") else (name, "", "")
    return f"{folder}/{stem} (copy {copy}){dot}{suffixes}" if folder else f"{stem} (copy {copy}){dot}{suffixes}"


def with_members(files: Iterable[InputFile]) -> list[InputFile]:
    """`files` with each readable archive replaced by its members (``members_of``)."""
    found: list[InputFile] = []
    for file in files:
        found.extend(members_of(file) if file.skip_reason is None and archive_kind(file.source) else [file])
    return found


# Archives opened for their members, kept open: fsspec's ``zip://name::archive`` opens the
# archive and reads its whole listing again at every member (its archive file systems are
# not cached), so a 1,500-member zip cost minutes. Kept per thread (another thread must
# not move this one's file position; a thread's own few archives never evict another's,
# where one shared cache of 4 let 5 threads rebuild a tar.gz, decompressing it whole, at
# each member) and per process (a forked worker shares the parent's file offsets). Keyed
# by the archive's url, its size and modification time (a rewritten archive is opened anew).
_opened = threading.local()
OPENED_ARCHIVES_KEPT = 4  # per thread: the least recently used is closed past this


def open_member(url: str, compression: str | None = None):
    """An fsspec ``OpenFile`` of an archive member's url (``zip://name::archive``,
    ``tar://name::archive``), opened through its archive opened once (``opened_archive``).
    `compression` as ``fsspec.open`` takes it ("infer": by the member's name).

    >>> import io, tempfile, zipfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.zip"
    >>> with zipfile.ZipFile(path, "w") as archive:
    ...     archive.writestr("a.txt", "first"); archive.writestr("b.txt", "second")
    >>> with open_member(f"zip://b.txt::{path}") as handle:
    ...     handle.read()
    b'second'
    >>> opened_archive("zip", str(path)) is opened_archive("zip", str(path))
    True
    """
    from fsspec.core import OpenFile
    from fsspec.utils import infer_compression

    kind, _, rest = url.partition("://")
    name, _, archive_url = rest.partition("::")
    if compression == "infer":
        compression = infer_compression(name)
    return OpenFile(opened_archive(kind, archive_url), name, mode="rb", compression=compression)


def opened_archives() -> OrderedDict:
    """This thread's archives kept open: key → (file system or the error opening it
    raised, the archive's file handle or None); emptied in a forked process."""
    if getattr(_opened, "pid", None) != os.getpid():  # (a fork: the parent's handles are not closed here)
        _opened.pid, _opened.archives = os.getpid(), OrderedDict()
    return _opened.archives


def opened_archive(kind: str, archive_url: str):
    """fsspec's zip or tar file system over the archive at `archive_url`, opened once per
    process and thread while the archive's size and modification time stay the same. An
    archive that fails to open is kept failed: each of its members gets the same error
    without decompressing the archive again up to its damage."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(archive_url)
    info = fs.info(path)
    key = (kind, archive_url, info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("ETag"))
    kept = opened_archives()
    if key not in kept:
        try:
            kept[key] = open_archive(kind, archive_url)
        except DAMAGED_ARCHIVE_ERRORS as error:
            kept[key] = (error, None)
        while len(kept) > OPENED_ARCHIVES_KEPT:
            close_archive(*kept.popitem(last=False)[1])
    kept.move_to_end(key)
    opened = kept[key][0]
    if isinstance(opened, BaseException):
        raise opened.with_traceback(None)  # (its traceback would grow at each member)
    return opened


def open_archive(kind: str, archive_url: str) -> tuple:
    """(fsspec's zip or tar file system over the archive, the file handle it reads)."""
    import fsspec

    handle = fsspec.open(archive_url, "rb").open()
    try:
        if kind == "tar":
            compression = tar_compression(handle.read(TAR_HEAD_BYTES))
            handle.seek(0)
            # Given no compression, fsspec's tar reader infers one from the name it finds as
            # the handle's "original" (fsspec's convention), else its path: a plain tar named
            # .tar.gz would be read through gzip. An empty name infers none.
            handle.original = ""
            return fsspec.filesystem("tar", fo=handle, compression=compression), handle
        return fsspec.filesystem(kind, fo=handle), handle
    except BaseException:
        handle.close()
        raise


def close_archive(opened, handle) -> None:
    """Close an archive dropped from the kept ones (its file handle too: not left to the
    garbage collector, which a long run of many archives would outpace)."""
    if not isinstance(opened, BaseException):
        opened.close()
    if handle is not None:
        handle.close()


# The bytes that tell a tar's compression (``readers.compression_of_head`` reads bzip2's
# block magic too: a plain tar whose first member is named "BZh..." is no bzip2).
TAR_HEAD_BYTES = 16


def tar_compression(head: bytes) -> str | None:
    """A tar's compression by its first bytes (fsspec's name), None: a plain tar. Told by
    the bytes, as the listing (``tarfile.open(mode="r:*")``) tells it: by the suffix, a
    gzip'd tar named ``.tar`` was listed whole and then each member failed to open. The
    readers' sniffing of any compressed file tells it (``readers.compression_of_head``).

    >>> import bz2, gzip
    >>> tar_compression(gzip.compress(b"")), tar_compression(bz2.compress(b"a")), tar_compression(b"a.txt")
    ('gzip', 'bz2', None)
    """
    return compression_of_head(head)

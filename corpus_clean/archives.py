"""Zip and tar archives in the input: each member listed as an input file of its own.

A folder holding ``crawl-001.zip`` or ``dump.tar.gz`` is read member by member: each
member becomes an ``InputFile`` whose url opens it through fsspec (``zip://name::archive``,
``tar://name::archive``) and whose source is the archive's source and the member's name
(``crawl-001.zip/pages/a.jsonl``), so its rows, quarantine and accounting name where
they came from, and the reader reads it by its own suffix as any file.

Nothing is unpacked to disk. What is not read is still listed, with why: a member named
outside the archive (an absolute path or ``..``), an archive inside the archive, a tar
link or device, an encrypted zip member, a second member under one name, an archive that
cannot be listed. A member that is damaged is found when it is read: the reader names
it and the other members are read.
"""
from __future__ import annotations

import re
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace

from corpus_clean.readers import ARCHIVE_SUFFIXES, InputFile, storable_name

# Member names that are archives themselves (or compressed archives): refused, not opened.
NESTED_SUFFIXES = (*ARCHIVE_SUFFIXES, ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".tar.zst", ".7z", ".rar", ".jar")

# An archive of more members than this is refused whole, saying to unpack it: fsspec reads
# an archive's listing again at each opening of a member, so reading N members costs N²
# (800 members of a zip: 15 s; of a tar: 60 s, measured by bad27).
MAX_MEMBERS = 500

_PARENT = re.compile(r"(^|/)\.\.(?=/|$)")


def archive_kind(source: str) -> str | None:
    """"zip" or "tar" for a file we read as an archive, by its name; None otherwise.

    >>> archive_kind("crawl-001.ZIP"), archive_kind("dump.tar.gz"), archive_kind("a.jsonl.gz"), archive_kind("a.tgz")
    ('zip', 'tar', None, None)
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


def members_of(archive: InputFile) -> list[InputFile]:
    """The archive's members as input files (those not read carry why), in the archive's
    order; an archive that cannot be listed (or stops being listable part way) adds an
    entry under its own source saying so, after the members listed before."""
    kind = archive_kind(archive.source)
    listing = zip_members if kind == "zip" else tar_members
    members: list[InputFile] = []
    seen: set[str] = set()
    try:
        for name, size, refused in listing(archive):
            refused = refused or refused_name(name)
            source = member_source(archive, name)
            if name in seen:  # (its source gets a number: every entry of the run has its own)
                refused = "a second member under the same name: only one can be opened by name, the first is read"
                source = f"{source} (copy {sum(m.url == f'{kind}://{name}::{archive.url}' for m in members) + 1})"
            seen.add(name)
            members.append(InputFile(f"{kind}://{name}::{archive.url}", source, 0 if refused else size, refused,
                                     mtime_ns=archive.mtime_ns, archive=archive.source))
        listed = sum(1 for member in members if member.skip_reason is None)
        if listed > MAX_MEMBERS:
            return [replace(archive, size=0, skip_reason=f"a {kind} archive of {listed} members: over {MAX_MEMBERS} "
                                                         "are not read one by one here (too slow); unpack it first")]
    except Exception as error:  # noqa: BLE001 - a damaged archive: say so, keep what was listed
        said = f"after {len(members)} member(s)" if members else "before any member"
        members.append(replace(archive, size=0, skip_reason=f"a {kind} archive that cannot be listed ({said}): "
                                                            f"{type(error).__name__}: {error}"))
    return members


def with_members(files: Iterable[InputFile]) -> list[InputFile]:
    """`files` with each readable archive replaced by its members (``members_of``)."""
    found: list[InputFile] = []
    for file in files:
        found.extend(members_of(file) if file.skip_reason is None and archive_kind(file.source) else [file])
    return found

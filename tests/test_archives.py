"""Zip and tar archives in the input, read member by member (corpus_clean.archives).

Archives are built in each test (zipfile, tarfile); the damage is injected into one
member's bytes, and the real listing, readers and input planning are run on them.
"""
from __future__ import annotations

import io
import random
import tarfile
import zipfile
from dataclasses import replace

import pytest

from corpus_clean.dataset import content_sha256, plan_inputs
from corpus_clean.document import Document
from corpus_clean.readers import Skipped, list_input_files, read_file
from corpus_clean.report import archive_members
from corpus_clean.shards import split_big_files

WORDS = ["harbour", "council", "ferry", "timetable", "library", "river", "bakery", "volunteers", "bridge"]


def _members(rng: random.Random) -> dict[str, tuple[bytes, list[str]]]:
    """1-5 members of the formats we read, in folders: name → (bytes, texts of its records)."""
    members = {}
    for k in range(rng.randint(1, 5)):
        texts = [" ".join(rng.choices(WORDS, k=8)) + f" {k}.{j}" for j in range(rng.randint(1, 3))]
        form = rng.choice(["txt", "jsonl", "jsonl.gz"])
        if form == "txt":
            texts = texts[:1]
            data = texts[0].encode()
        else:
            data = "".join(f'{{"text": "{text}"}}\n' for text in texts).encode()
            if form == "jsonl.gz":
                import gzip

                data = gzip.compress(data)
        members[f"{rng.choice(['', 'pages/', 'a/b/'])}m{k}.{form}"] = (data, texts)
    return members


def _zip(members: dict, damaged: str | None = None) -> bytes:
    """A stored zip of `members`; `damaged`: one byte of that member's data flipped (its CRC fails)."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED) as archive:
        for name, (data, _) in members.items():
            archive.writestr(name, data)
    data = sink.getvalue()
    if damaged is None:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(damaged)
    header = data[info.header_offset:info.header_offset + 30]
    at = info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    return data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]


def _tar(members: dict, mode: str = "w:gz", extra: list[tarfile.TarInfo] = ()) -> bytes:
    sink = io.BytesIO()
    with tarfile.open(fileobj=sink, mode=mode) as archive:
        for name, (data, _) in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra:
            archive.addfile(info)
    return sink.getvalue()


def _read(root) -> tuple[dict[str, list[str]], dict[str, str]]:
    """source → texts read; source → reason of each entry not read."""
    texts, skipped = {}, {}
    for file in list_input_files(str(root)):
        for item in read_file(file):
            if isinstance(item, Document):
                assert not item.problems, item.problems
                texts.setdefault(item.source, []).append(item.raw_text)
            else:
                skipped[item.source] = item.reason
    return texts, skipped


@pytest.mark.parametrize("seed", range(12))
def test_each_member_is_read_by_its_own_format_and_a_damaged_member_alone_is_refused(tmp_path, seed):
    rng = random.Random(seed)
    zipped, tarred = _members(rng), _members(rng)
    damaged = rng.choice([None, *zipped])
    (tmp_path / "crawl-001.zip").write_bytes(_zip(zipped, damaged))
    suffix, mode = rng.choice([(".tar", "w"), (".tar.gz", "w:gz"), (".tar.bz2", "w:bz2"), (".tar.xz", "w:xz")])
    (tmp_path / f"dump{suffix}").write_bytes(_tar(tarred, mode))
    (tmp_path / "beside.txt").write_text("a plain file beside the archives")

    texts, skipped = _read(tmp_path)

    expected = {f"crawl-001.zip/{name}": read for name, (_, read) in zipped.items() if name != damaged}
    expected |= {f"dump{suffix}/{name}": read for name, (_, read) in tarred.items()}
    expected["beside.txt"] = ["a plain file beside the archives"]
    assert texts == expected
    if damaged is None:
        assert skipped == {}
    else:  # named, saying why, and nothing else refused
        assert list(skipped) == [f"crawl-001.zip/{damaged}"] and "crc" in skipped[f"crawl-001.zip/{damaged}"].lower()


def test_names_outside_the_archive_nested_archives_links_and_second_copies_are_listed_with_why(tmp_path):
    members = {"ok.txt": (b"kept text", ["kept text"]), "../../etc/evil.txt": (b"no", []),
               "/abs/evil.txt": (b"no", []), "inner/more.zip": (b"PK\x03\x04", []), "inner/more.tgz": (b"x", [])}
    link = tarfile.TarInfo("link.txt")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    (tmp_path / "a.tar").write_bytes(_tar(members, "w", [link]))
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("twice.txt", "first")
        archive.writestr("twice.txt", "second")
    (tmp_path / "b.zip").write_bytes(sink.getvalue())

    texts, skipped = _read(tmp_path)

    assert texts == {"a.tar/ok.txt": ["kept text"], "b.zip/twice.txt": ["second"]}
    assert "outside the archive" in skipped["a.tar/%2E%2E/%2E%2E/etc/evil.txt"]
    assert "outside the archive" in skipped["a.tar/abs/evil.txt"]
    assert "archive inside the archive" in skipped["a.tar/inner/more.zip"]
    assert "archive inside the archive" in skipped["a.tar/inner/more.tgz"]
    assert "link or device" in skipped["a.tar/link.txt"]
    assert "a later member repeats" in skipped["b.zip/twice (copy 2).txt"]  # (the read one keeps the name)
    assert len(skipped) == 6


def test_two_members_whose_names_read_as_one_source_are_both_read_under_sources_of_their_own(tmp_path):
    """'sub/a.txt' and 'sub\\a.txt' are two members (each opened by its own name) that both
    read as the source 'c.zip/sub/a.txt': before the review of round 24 both rows got that
    source, so two different texts shared their ids."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("sub/a.txt", "the slash's text")
        archive.writestr("sub\\a.txt", "the backslash's text")
    (tmp_path / "c.zip").write_bytes(sink.getvalue())

    texts, skipped = _read(tmp_path)

    assert skipped == {}
    assert texts == {"c.zip/sub/a (copy 2).txt": ["the slash's text"], "c.zip/sub/a.txt": ["the backslash's text"]}


@pytest.mark.parametrize("cut", [0.3, 0.9])
def test_an_archive_that_cannot_be_listed_is_said_so_under_its_own_name(tmp_path, cut):
    data = _zip(_members(random.Random(1)))
    (tmp_path / "c.zip").write_bytes(data[: int(len(data) * cut)])
    tarred = _members(random.Random(2))
    (tmp_path / "d.tgz").write_bytes(_tar(tarred))  # (round 25: read, its compression told by its suffix)

    texts, skipped = _read(tmp_path)

    assert texts == {f"d.tgz/{name}": read for name, (_, read) in tarred.items()}
    assert list(skipped) == ["c.zip"] and skipped["c.zip"].startswith("a zip archive that cannot be listed")


def test_members_are_keyed_by_their_own_bytes_for_incremental_runs(tmp_path):
    members = {"a.txt": (b"first text", []), "b.txt": (b"second text", [])}
    (tmp_path / "c.zip").write_bytes(_zip(members))
    first = plan_inputs(list_input_files(str(tmp_path)), {}, "v", {})
    assert [f.source for f in first.to_process] == ["c.zip/a.txt", "c.zip/b.txt"]

    members["b.txt"] = (b"second text, changed", [])
    (tmp_path / "c.zip").write_bytes(_zip(members))
    second = plan_inputs(list_input_files(str(tmp_path)), first.index, "v", {})

    assert [f.source for f in second.unchanged] == ["c.zip/a.txt"]
    assert [f.source for f in second.to_process] == ["c.zip/b.txt"]


def test_a_damaged_member_is_keyed_not_raised_and_members_are_never_cut_into_pieces(tmp_path):
    members = {"big.jsonl": (b'{"text": "a line of a big file"}\n' * 4000, []), "c.txt": (b"text", [])}
    (tmp_path / "c.zip").write_bytes(_zip(members, damaged="c.txt"))
    files = list_input_files(str(tmp_path))
    assert content_sha256(files[1]).startswith("unreadable:")
    assert split_big_files(files, target_bytes=1024, max_records=100) == files  # (a JSONL file that big outside: pieces)
    outside = replace(files[0], url=str(tmp_path / "big.jsonl"), archive=None)
    (tmp_path / "big.jsonl").write_bytes(members["big.jsonl"][0])
    assert len(split_big_files([outside], target_bytes=1024, max_records=100)) > 1
    assert archive_members(files) == {"c.zip": {"members": 2, "refused": 0}}


def test_an_archive_of_too_many_members_is_refused_whole_saying_to_unpack_it(tmp_path, monkeypatch):
    from corpus_clean import archives

    monkeypatch.setattr(archives, "MAX_MEMBERS", 3)
    (tmp_path / "few.zip").write_bytes(_zip({f"m{k}.txt": (b"text", []) for k in range(3)}))
    (tmp_path / "many.tar").write_bytes(_tar({f"m{k}.txt": (b"text", []) for k in range(4)}, "w"))

    texts, skipped = _read(tmp_path)

    assert sorted(texts) == ["few.zip/m0.txt", "few.zip/m1.txt", "few.zip/m2.txt"]
    assert list(skipped) == ["many.tar"] and "unpack it first" in skipped["many.tar"]


@pytest.mark.parametrize("suffix, mode", [(".zip", None), (".tar", "w"), (".tar.gz", "w:gz"), (".txz", "w:xz")])
def test_an_archive_of_many_members_is_read_whole_through_one_opened_archive(tmp_path, suffix, mode):
    """Round 25: 1,200 members (past round 24's cap of 500) all read, the archive opened
    once for them all (fsspec's own member urls re-read the listing at every member: a
    400-member tar took a minute)."""
    from corpus_clean import archives

    members = {f"2026/{k % 28:02d}/s{k:04d}.txt": (f"story {k} of the day".encode(), [f"story {k} of the day"])
               for k in range(1200)}
    (tmp_path / f"day{suffix}").write_bytes(_zip(members) if mode is None else _tar(members, mode))
    archives.opened_archives().clear()

    texts, skipped = _read(tmp_path)

    assert skipped == {}
    assert texts == {f"day{suffix}/{name}": read for name, (_, read) in members.items()}
    assert len(archives.opened_archives()) == 1


def test_an_archive_that_grows_between_runs_is_opened_anew_and_only_its_new_members_are_processed(tmp_path):
    members = {f"m{k}.txt": (f"text {k}".encode(), [f"text {k}"]) for k in range(3)}
    (tmp_path / "c.zip").write_bytes(_zip(members))
    first = plan_inputs(list_input_files(str(tmp_path)), {}, "v", {})
    assert _read(tmp_path)[0] == {f"c.zip/{name}": read for name, (_, read) in members.items()}

    members |= {f"m{k}.txt": (f"text {k}".encode(), [f"text {k}"]) for k in range(3, 5)}
    (tmp_path / "c.zip").write_bytes(_zip(members))  # (the same process: the kept archive is stale)
    second = plan_inputs(list_input_files(str(tmp_path)), first.index, "v", {})

    assert [f.source for f in second.unchanged] == ["c.zip/m0.txt", "c.zip/m1.txt", "c.zip/m2.txt"]
    assert [f.source for f in second.to_process] == ["c.zip/m3.txt", "c.zip/m4.txt"]
    assert _read(tmp_path)[0] == {f"c.zip/{name}": read for name, (_, read) in members.items()}


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("mode", ["w:gz", "w:bz2", "w:xz"])
def test_a_compressed_tar_damaged_part_way_loses_no_member_without_a_word(tmp_path, seed, mode):
    """Fault injection: one byte flipped in the second half of a compressed tar. tarfile
    ends its listing quietly at a header it cannot read (before round 25 the members after
    it were lost without a word, and one CRC covers every member, so those before it may be
    damaged too); now a member read clean is exact, the others are quarantined or named
    with why, or the archive's own entry says it is damaged. (A plain tar has no checksum over its
    members' bytes: a flipped byte there is read as it is, a known gap.)"""
    rng = random.Random(seed)
    members = {f"m{k:02d}.txt": ((" ".join(rng.choices(WORDS, k=40)) + f" {k}").encode(), []) for k in range(8)}
    data = _tar(members, mode)
    at = rng.randrange(len(data) // 2, len(data) - 8)
    archive = f"d.tar{mode[2:] and '.' + mode[2:]}"
    (tmp_path / archive).write_bytes(data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:])

    items = [item for file in list_input_files(str(tmp_path)) for item in read_file(file)]

    read = {item.source: item.raw_text for item in items if isinstance(item, Document) and not item.problems}
    said = {item.source: getattr(item, "reason", None) or "; ".join(why for _, why in item.problems) for item in items
            if not (isinstance(item, Document) and not item.problems)}
    for name, (data, _) in members.items():
        source = f"{archive}/{name}"
        if source in read:  # (read clean: exactly as written, never damaged bytes taken for text)
            assert read[source] == data.decode(), (name, read[source])
        else:
            assert source in said or "cannot be listed" in said.get(archive, ""), (name, said)


@pytest.mark.parametrize("seed", range(6))
def test_a_plain_tar_damaged_in_a_header_keeps_the_members_before_it_clean(tmp_path, seed):
    """A flipped byte in a member's header (a plain tar: no stream check): the members
    before it are read clean, exactly; the archive's entry says it is damaged from there."""
    rng = random.Random(seed)
    members = {f"m{k:02d}.txt": ((" ".join(rng.choices(WORDS, k=40)) + f" {k}").encode(), []) for k in range(6)}
    data = _tar(members, "w")
    damaged = rng.randrange(1, 6)
    at = 1024 * damaged + rng.randrange(0, 100)  # (each member here: a 512-byte header, one block of data)
    (tmp_path / "d.tar").write_bytes(data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:])

    texts, skipped = _read(tmp_path)

    assert texts == {f"d.tar/m{k:02d}.txt": [members[f"m{k:02d}.txt"][0].decode()] for k in range(damaged)}
    assert list(skipped) == ["d.tar"] and "cannot be listed" in skipped["d.tar"]


def test_a_second_tar_gz_appended_to_the_first_keeps_the_first_ones_members_clean_and_names_the_second(tmp_path):
    """``cat a.tar.gz b.tar.gz > c.tar.gz``: the valid header after the first's end marker
    is a second archive, not damage (before the review of round 25 a.txt's records were
    quarantined as from a damaged archive and b.txt was only under 'cannot be listed')."""
    first = {"a.txt": (b"first archive's text", ["first archive's text"])}
    (tmp_path / "c.tar.gz").write_bytes(_tar(first) + _tar({"b.txt": (b"second archive's text", [])}))

    texts, skipped = _read(tmp_path)  # (_read asserts no record read has problems: none quarantined)

    assert texts == {"c.tar.gz/a.txt": ["first archive's text"]}
    assert list(skipped) == ["c.tar.gz"]
    assert "a second tar archive appended after the first's end (its first member 'b.txt')" in skipped["c.tar.gz"]
    assert "unpack it" in skipped["c.tar.gz"]


def test_a_tar_gz_that_fails_to_open_is_opened_once_for_all_its_members(tmp_path, monkeypatch):
    """A tar.gz cut short lists the members before the cut, but fsspec's tar file system
    indexes the whole archive and fails at the cut: before the review of round 25 that
    failure was not kept, so each member decompressed the archive again up to it."""
    from corpus_clean import archives

    members = {f"m{k}.txt": (random.Random(k).randbytes(3000).hex().encode(), []) for k in range(8)}
    data = _tar(members)
    (tmp_path / "d.tar.gz").write_bytes(data[: len(data) * 2 // 3])
    opens = []
    real_open = archives.open_archive
    monkeypatch.setattr(archives, "open_archive", lambda *args: opens.append(args) or real_open(*args))
    archives.opened_archives().clear()

    texts, skipped = _read(tmp_path)

    failed = [source for source in skipped if source != "d.tar.gz"]
    assert texts == {} and len(failed) >= 2 and all("EOFError" in skipped[source] for source in failed)
    assert len(opens) == 1


def test_archives_are_kept_open_per_thread_and_those_dropped_are_closed(tmp_path):
    """Each thread keeps its own archives (another thread's never evict them); past
    OPENED_ARCHIVES_KEPT the least recently used is dropped with its file handle closed."""
    import threading

    from corpus_clean import archives

    paths = []
    for k in range(archives.OPENED_ARCHIVES_KEPT + 1):
        paths.append(str(tmp_path / f"c{k}.zip"))
        (tmp_path / f"c{k}.zip").write_bytes(_zip({"a.txt": (f"text {k}".encode(), [])}))
    archives.opened_archives().clear()
    first = archives.opened_archive("zip", paths[0])
    handle = next(iter(archives.opened_archives().values()))[1]
    others = []
    thread = threading.Thread(target=lambda: others.extend(archives.opened_archive("zip", p) for p in paths[1:]))
    thread.start()
    thread.join()
    assert archives.opened_archive("zip", paths[0]) is first and not handle.closed  # (not evicted by the other thread)

    for path in paths[1:]:
        archives.opened_archive("zip", path)

    assert len(archives.opened_archives()) == archives.OPENED_ARCHIVES_KEPT and handle.closed
    assert archives.opened_archive("zip", paths[0]) is not first  # (opened anew)


@pytest.mark.parametrize("name, mode", [("d.tar", "w:gz"), ("d.tar", "w:bz2"), ("d.tar", "w:xz"), ("d.tar.gz", "w")])
def test_a_tar_whose_bytes_are_not_compressed_as_its_name_says_is_read_by_its_bytes(tmp_path, name, mode):
    """The listing tells a tar's compression by its bytes (``r:*``): before the review of
    round 25 opening told it by the suffix, so a gzip'd tar named .tar was listed whole
    and each member then failed (ReadError: truncated header)."""
    members = {f"m{k}.txt": (f"text {k}".encode(), [f"text {k}"]) for k in range(3)}
    (tmp_path / name).write_bytes(_tar(members, mode))

    texts, skipped = _read(tmp_path)

    assert skipped == {}
    assert texts == {f"{name}/{member}": read for member, (_, read) in members.items()}


def test_a_gzipped_tar_named_tar_damaged_part_way_casts_doubt_on_its_members_as_a_tar_gz_does(tmp_path):
    """Read by its bytes (a gzip'd .tar), its stream's failure must doubt the members listed
    before it as for a .tar.gz: none is read clean (one gzip CRC covers them all)."""
    rng = random.Random(0)
    members = {f"m{k:02d}.txt": ((" ".join(rng.choices(WORDS, k=400)) + f" {k}").encode(), []) for k in range(8)}
    data = _tar(members)
    at = len(data) * 3 // 4
    (tmp_path / "d.tar").write_bytes(data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:])

    texts, skipped, doubted = {}, {}, {}
    for file in list_input_files(str(tmp_path)):
        for item in read_file(file):
            if isinstance(item, Skipped):
                skipped[item.source] = item.reason
            elif item.problems:
                doubted[item.source] = "; ".join(why for _, why in item.problems)
            else:
                texts[item.source] = item.raw_text

    assert texts == {} and doubted and all("its tar archive is damaged" in why for why in doubted.values())
    assert "cannot be listed" in skipped["d.tar"]  # (the members after the damage: not listed, said here)

"""Bad input never crashes a run and never disappears: one test per kind, through the
core's shard cleaning and validation split (the same code the flow's tasks call)."""
from __future__ import annotations

import codecs
import json

import pytest

from corpus_clean.readers import list_input_files
from corpus_clean.shards import clean_shard, plan_shards, split_by_validation

SENTENCE = "The river authority opened the new flood gates on Thursday after a week of heavy rain. "


def run_core(path, failures=None):
    """Clean every file under `path` as one shard; return (clean rows, quarantine rows, counts)."""
    [shard] = plan_shards(list_input_files(str(path)), target_bytes=1 << 40)
    cleaned = clean_shard(shard, run_id="test")
    output = split_by_validation(cleaned, failures or {})
    clean, quarantined = output.clean, output.quarantine
    for counts in cleaned.files.values():
        assert counts.balanced()
    return clean.to_pylist(), quarantined.to_pylist(), cleaned.files


@pytest.mark.parametrize("name, data, encoding", [
    ("utf16.txt", codecs.BOM_UTF16_LE + (SENTENCE * 3).encode("utf-16-le"), "utf-16"),
    ("cp1252.txt", ("Caf\u00e9 cr\u00e8me \u2013 " + SENTENCE * 3).encode("cp1252"), "cp1252"),
    ("bom8.txt", codecs.BOM_UTF8 + (SENTENCE * 3).encode(), "utf-8"),
])
def test_other_encodings_are_decoded_and_recorded(tmp_path, name, data, encoding):
    (tmp_path / name).write_bytes(data)
    clean, quarantined, _ = run_core(tmp_path)
    assert not quarantined
    assert clean[0]["encoding"] == encoding
    assert SENTENCE.strip() in clean[0]["text"]


def test_invalid_utf8_goes_to_quarantine_with_offset(tmp_path):
    data = (SENTENCE * 30).encode() + b"\xc3\x28" + (SENTENCE * 30).encode()
    (tmp_path / "broken.txt").write_bytes(data)
    clean, quarantined, _ = run_core(tmp_path)
    assert not clean
    [reason] = quarantined[0]["reasons"]
    assert reason["check"] == "readable_input" and "broken.txt" in reason["detail"] and "offset" in reason["detail"]


def test_binary_and_empty_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "blank.txt").write_bytes(b"   \n\n")
    (tmp_path / "none.jsonl").write_bytes(b"")
    clean, quarantined, files = run_core(tmp_path)
    assert not clean and not quarantined
    assert {name: c.skipped_reasons for name, c in files.items()} == {
        "blank.txt": ["empty file"], "none.jsonl": ["empty file"],
        "photo.txt": ["binary file (NUL or control bytes), not text"]}


def test_nul_bytes_are_removed_by_repair(tmp_path):
    (tmp_path / "nul.txt").write_bytes((SENTENCE * 2).encode().replace(b"opened", b"op\x00ened"))
    clean, _, _ = run_core(tmp_path)
    assert "\x00" not in clean[0]["text"] and "opened" in clean[0]["text"]


def test_100mb_single_line_is_quarantined_whole(tmp_path):
    line = (SENTENCE.encode() * (100 * 1024 * 1024 // len(SENTENCE)))[: 100 * 1024 * 1024]
    (tmp_path / "huge.txt").write_bytes(line)
    clean, quarantined, _ = run_core(tmp_path)
    assert not clean
    assert quarantined[0]["reasons"][0]["check"] == "record_size"
    assert len(quarantined[0]["text"]) == len(line)  # kept whole: nothing lost


def test_malformed_and_textless_jsonl_lines(tmp_path):
    lines = [json.dumps({"text": SENTENCE * 2}), '{"text": "unterminated', json.dumps({"summary": "x"}),
             json.dumps({"text": None}), "\x00\x01\x02"]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    clean, quarantined, files = run_core(tmp_path)
    assert len(clean) == 1 and len(quarantined) == 4
    assert files["feed.jsonl"].read == 5
    details = [q["reasons"][0]["detail"] for q in quarantined]
    assert details[0].startswith("feed.jsonl:2: malformed JSON")
    assert details[1].startswith("feed.jsonl:3: no string")


def test_deeply_nested_html_does_not_crash(tmp_path):
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>" + SENTENCE * 3 + "</p>" + "</div>" * depth + "</body></html>"
    (tmp_path / "deep.html").write_text(html)
    clean, quarantined, files = run_core(tmp_path)
    assert files["deep.html"].balanced() and len(clean) + len(quarantined) == 1


def test_huge_html_does_not_crash(tmp_path):
    para = "<p>" + SENTENCE * 4 + "</p>\n"
    html = "<html><body><nav><a href='/'>Home</a></nav><article>" + para * 100_000 + "</article></body></html>"
    (tmp_path / "huge.html").write_text(html)  # ~36 MB
    clean, quarantined, files = run_core(tmp_path)
    assert len(clean) + len(quarantined) == 1


def _jsonl_of_pages(path, n: int, bad: set[int] = frozenset()):
    lines = []
    for k in range(n):
        marker = "EXPLODE " if k in bad else ""
        text = f"Home\nNews\n{marker}Story {k}. {SENTENCE * 3}\nShare this article\n"
        lines.append(json.dumps({"id": f"doc-{k}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("broken_step", ["repair", "boilerplate"])
def test_a_record_that_crashes_a_step_is_quarantined_alone_and_its_batch_is_cleaned(tmp_path, monkeypatch, broken_step):
    """Records are cleaned in batches (BATCH_DOCS); one that makes a step raise must cost
    only itself, whether the step runs per record (repair) or per batch (boilerplate)."""
    from corpus_clean import shards
    from corpus_clean.steps import builtin

    (tmp_path / "good").mkdir()
    (tmp_path / "bad").mkdir()
    n = shards.BATCH_DOCS + 10  # two batches
    _jsonl_of_pages(tmp_path / "good" / "pages.jsonl", n)
    _jsonl_of_pages(tmp_path / "bad" / "pages.jsonl", n, bad={3, shards.BATCH_DOCS + 2})  # one per batch
    expected, _, _ = run_core(tmp_path / "good")

    # Fault injection (this test is about isolation, not about the step): the step
    # raises on any input holding "EXPLODE".
    def exploding(real):
        def step(text, *args, **kwargs):
            texts = text if isinstance(text, list) else [text]
            if any("EXPLODE" in t for t in texts):
                raise RuntimeError("step exploded")
            return real(text, *args, **kwargs)
        return step

    if broken_step == "repair":
        monkeypatch.setattr(builtin, "repair", exploding(builtin.repair))
    else:
        monkeypatch.setattr(builtin, "strip_boilerplate_many", exploding(builtin.strip_boilerplate_many))
    clean, quarantined, files = run_core(tmp_path / "bad")

    bad = {3, shards.BATCH_DOCS + 2}
    assert sorted(row["record_index"] for row in quarantined) == sorted(bad)
    assert all("step exploded" in json.dumps(row["reasons"]) for row in quarantined)
    good = [row for row in expected if row["record_index"] not in bad]
    assert [row["text"] for row in clean] == [row["text"] for row in good]  # same text, same order
    assert all("Share this article" not in row["text"] for row in clean)


# --- issue 12: one test per row of its table (core level; the CLI rows are in
# tests/test_preflight.py, tests/test_cli.py and tests/test_crash_recovery.py) ---------

def _jsonl_bytes(texts) -> bytes:
    return b"".join(json.dumps({"id": f"r{k}", "text": text}).encode() + b"\n" for k, text in enumerate(texts))


def test_symlinked_file_and_folder_are_read_once_and_every_entry_is_listed(tmp_path):
    import os

    root = tmp_path / "in"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.txt").write_text(SENTENCE * 3)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "b.txt").write_text(SENTENCE * 4)
    os.symlink(outside / "b.txt", root / "linked.txt")        # a file outside the tree...
    os.symlink(outside, root / "linked-folder")                # ...and again via a folder: read once
    os.symlink(root / "real", root / "alias")                  # a folder already read: listed
    os.symlink(root, root / "real" / "loop")                   # a loop: listed
    os.symlink(root / "gone.txt", root / "broken.txt")         # broken: listed
    os.mkfifo(root / "pipe.txt")                               # not a file: listed, never opened
    clean, quarantined, files = run_core(root)
    # Symlinks are followed in name order, after every real entry: "linked-folder" < "linked.txt".
    assert sorted(row["source"] for row in clean) == ["linked-folder/b.txt", "real/a.txt"]
    reasons = {source: counts.skipped_reasons for source, counts in files.items() if counts.skipped}
    assert reasons == {
        "alias": ["same folder as 'real', read there"],
        "broken.txt": [f"broken symlink (target '{root / 'gone.txt'}' does not exist)"],
        "linked.txt": ["same file as 'linked-folder/b.txt', read there"],
        "pipe.txt": ["not a regular file (fifo, socket or device)"],
        "real/loop": ["symlink loop: points back to folder '.'"],
    }


def test_truncated_jsonl_gz_keeps_its_lines_and_spares_the_other_files(tmp_path):
    import gzip

    texts = [f"Record {k}. {SENTENCE * 2}".strip() for k in range(40)]
    whole = gzip.compress(_jsonl_bytes(texts))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    (tmp_path / "good.jsonl").write_bytes(_jsonl_bytes(texts[:3]))
    clean, quarantined, files = run_core(tmp_path)
    cut = files["cut.jsonl.gz"]
    assert files["good.jsonl"].clean == 3
    assert cut.records >= 10 and cut.clean >= 10                   # what was read before the cut is kept
    assert [row["text"] for row in clean if row["source"] == "cut.jsonl.gz"] == \
        texts[: cut.clean]
    [reason] = cut.unreadable_reasons
    assert f"unreadable after line {cut.records}" in reason and "EOFError" in reason


def test_parquet_text_column_of_ints_quarantines_rows_not_the_run(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [7, None, 12]}), tmp_path / "ints.parquet")
    (tmp_path / "ok.txt").write_text(SENTENCE * 3)
    clean, quarantined, files = run_core(tmp_path)
    assert [row["source"] for row in clean] == ["ok.txt"]
    assert [(row["text"], row["reasons"][0]["detail"]) for row in quarantined] == [
        ("7", "ints.parquet: row 0: text is int, not a string"),
        ("", "ints.parquet: row 1 has null text"),
        ("12", "ints.parquet: row 2: text is int, not a string")]
    assert files["ints.parquet"].declared == 3


def damage_row_group(path, group: int) -> None:
    """Overwrite the first page header of one row group's column chunk (no mock: real
    bytes on disk, as a bad sector or a torn write would leave them)."""
    import pyarrow.parquet as pq

    offset = pq.read_metadata(path).row_group(group).column(0).data_page_offset
    data = bytearray(path.read_bytes())
    data[offset:offset + 32] = b"\xff" * 32
    path.write_bytes(bytes(data))


def test_damaged_parquet_row_group_costs_that_group_only(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "ten-groups.parquet"
    pq.write_table(pa.table({"text": [f"Row {k}. {SENTENCE}" for k in range(10_000)]}), path,
                   row_group_size=1_000, compression="none")
    damage_row_group(path, 4)
    clean, quarantined, files = run_core(tmp_path)
    counts = files["ten-groups.parquet"]
    assert (counts.declared, counts.records, counts.unreadable) == (10_000, 9_000, 1_000)
    assert sorted({row["record_index"] // 1000 for row in clean + quarantined}) == [0, 1, 2, 3, 5, 6, 7, 8, 9]
    assert "row group 4 (rows 4000-4999)" in counts.unreadable_reasons[0]
    assert counts.balanced()


def test_a_reader_that_stops_at_damage_fails_the_accounting_loudly(tmp_path, monkeypatch):
    """The count is checked against the footer, not against the reader's own tally.
    Fault injection: put back the old reader (one stream over all row groups, which
    stops at the damaged one) and the run must fail, naming the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_clean import readers
    from corpus_clean.report import AccountingError, build_manifest, check_accounting
    from corpus_clean.shards import ShardSummary

    def old_reader(file):
        for batch in pq.ParquetFile(file.url).iter_batches(columns=["text"], batch_size=4096):
            for k, value in enumerate(batch.column(0).to_pylist()):
                yield readers.parquet_record(file.source, k, "text", value.encode())

    path = tmp_path / "in" / "ten-groups.parquet"
    path.parent.mkdir()
    pq.write_table(pa.table({"text": [f"Row {k}. {SENTENCE}" for k in range(10_000)]}), path,
                   row_group_size=1_000, compression="none")
    damage_row_group(path, 4)
    monkeypatch.setattr(readers, "read_parquet_file", old_reader)
    files = list_input_files(str(path.parent))
    [shard] = plan_shards(files, target_bytes=1 << 40)
    cleaned = clean_shard(shard, run_id="test")
    split_by_validation(cleaned, {})
    summary = ShardSummary(name=shard.name, clean_rows=0, quarantined_rows=0, files=cleaned.files, fixes={},
                           removed_by_rule={}, chars_removed_by_rule={})
    manifest = build_manifest("run", files, [summary], {})
    assert manifest["accounting_ok"] is False
    with pytest.raises(AccountingError, match=r"ten-groups.parquet: file declares 10000 records; read \d+ \+ unreadable 0"):
        check_accounting(manifest)


@pytest.mark.parametrize("steps", [("mojibake", "boilerplate", "metadata"), ("boilerplate", "metadata")])
def test_lone_surrogates_are_quarantined_with_the_line_as_read(tmp_path, steps):
    lines = [json.dumps({"text": SENTENCE * 2, "title": "\udfff"}),
             json.dumps({"text": "Half a pair \ud83d here. " + SENTENCE}),
             json.dumps({"text": SENTENCE * 3})]
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n")
    [shard] = plan_shards(list_input_files(str(tmp_path)), target_bytes=1 << 40)
    cleaned = clean_shard(shard, run_id="test", steps=steps)
    output = split_by_validation(cleaned, {})
    clean, quarantined = output.clean.to_pylist(), output.quarantine.to_pylist()
    assert [row["record_index"] for row in clean] == [2]
    assert [row["text"] for row in quarantined] == lines[:2]  # escapes intact: the raw input
    assert 'field "title" holds a lone surrogate (U+DFFF at char 0)' in quarantined[0]["reasons"][0]["detail"]
    assert "U+D83D" in quarantined[1]["reasons"][0]["detail"]


def test_a_step_that_outputs_an_unstorable_string_quarantines_that_record_only(tmp_path, monkeypatch):
    """Fault injection: a step returns a lone surrogate (which Arrow cannot store)."""
    from corpus_clean import extract

    real = extract.language_score
    monkeypatch.setattr(extract, "language_score",
                        lambda text: ("\udfff", 1.0) if "Story 1." in text else real(text))
    _jsonl_of_pages(tmp_path / "pages.jsonl", 3)
    clean, quarantined, files = run_core(tmp_path)
    assert [row["record_index"] for row in clean] == [0, 2]
    [bad] = quarantined
    assert bad["lang"] == "\\udfff" and bad["reasons"][0]["check"] == "storable_output"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_in_txt_and_jsonl(tmp_path, codec):
    (tmp_path / "a.txt").write_bytes(("Caf\u00e9 news. " + SENTENCE * 3).encode(codec))
    texts = [f"Record {k}, caf\u00e9. {SENTENCE * 2}".strip() for k in range(3)]
    (tmp_path / "b.jsonl").write_bytes(_jsonl_bytes(texts).decode().replace("\n", "\r\n").encode(codec))
    clean, quarantined, files = run_core(tmp_path)
    assert not quarantined
    assert [(row["source"], row["encoding"]) for row in clean] == [("a.txt", codec)] + [("b.jsonl", codec)] * 3
    assert [row["text"] for row in clean[1:]] == texts


@pytest.mark.parametrize("newline", [b"\r", b"\n", b"\r\n"])
def test_cr_lf_and_crlf_all_split_jsonl_records(tmp_path, newline):
    texts = [f"Record {k}. {SENTENCE * 2}".strip() for k in range(3)]
    (tmp_path / "f.jsonl").write_bytes(newline.join(json.dumps({"text": t}).encode() for t in texts) + newline)
    clean, quarantined, files = run_core(tmp_path)
    assert [row["text"] for row in clean] == texts and not quarantined
    assert files["f.jsonl"].read == 3


def test_9mb_of_nested_divs_is_flattened_and_cleaned(tmp_path):
    # The extractor drops the tags below html.MAX_NESTING levels (Lexbor's tree builder is
    # quadratic in depth) and extracts the text: a result, not a quarantined record.
    depth = 900_000
    html = "<html><body>" + "<div>" * depth + "<p>" + SENTENCE + "</p>" + "</div>" * depth + "</body></html>"
    assert len(html) < 10_000_000  # under the size limit: only the nesting is absurd
    (tmp_path / "deep.html").write_text(html)
    clean, quarantined, _ = run_core(tmp_path)
    assert not quarantined
    [row] = clean
    assert row["text"].strip() == SENTENCE.strip()


def test_lone_surrogates_in_caller_fields_are_quarantined_too(tmp_path):
    """Rows keep the record's url, id and scalar fields (meta): a surrogate there is as
    unstorable as one in the text."""
    lines = [json.dumps({"text": SENTENCE * 2, "url": "https://x.test/\udfff"}),
             json.dumps({"text": SENTENCE * 2, "site": "\ud800 news"}),
             json.dumps({"text": SENTENCE * 2, "site": "fine"})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    clean, quarantined, _ = run_core(tmp_path)
    assert [row["record_index"] for row in clean] == [2]
    assert ['field "url"' in q["reasons"][0]["detail"] or 'field "site"' in q["reasons"][0]["detail"]
            for q in quarantined] == [True, True]


@pytest.mark.usefixtures("prefect_server")
def test_a_run_over_a_damaged_file_says_so_in_its_output_and_manifest(tmp_path):
    """A compressed file cut short loses the records after the cut, and how many is
    unknown: the totals cannot show it, so the run names the file and the damage."""
    import gzip
    import os
    import subprocess
    import sys

    from prefect.settings import PREFECT_API_URL

    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"Record {i}. " + SENTENCE * 4}) + "\n" for i in range(400))
    packed = gzip.compress(lines.encode())
    (corpus / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (corpus / "whole.txt").write_text(SENTENCE * 4, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the harness server
    done = subprocess.run([sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(out),
                           "--no-data-docs", "--no-dedup"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = " ".join((done.stdout + done.stderr).split())  # the summary goes to the console (stderr)
    assert "1 damaged input file(s)" in printed
    assert "cut.jsonl.gz: unreadable after line" in printed
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["files"]["cut.jsonl.gz"]
    assert 0 < entry["read"] < 400 and "EOFError" in entry["unreadable_reasons"][0]
    assert manifest["files"]["whole.txt"]["clean"] == 1


@pytest.mark.usefixtures("prefect_server")
def test_a_file_name_that_is_not_utf8_is_read_and_named_escaped(tmp_path):
    """POSIX file names are bytes. One that is not UTF-8 (a Latin-1 'é' from an old
    archive) crashed the whole run when the run's fingerprint encoded it; now it is read,
    its rows and the manifest name it with the byte escaped, and a second run sees it
    unchanged."""
    import os
    import subprocess
    import sys

    import pyarrow.dataset as ds
    from prefect.settings import PREFECT_API_URL

    corpus = tmp_path / "in"
    corpus.mkdir()
    odd_name = os.path.join(os.fsencode(corpus), b"caf\xe9-notes.txt")
    with open(odd_name, "wb") as handle:
        handle.write((SENTENCE * 4).encode())
    (corpus / "plain.txt").write_text("A second, different story about the harbour ferries and their timetable. " * 3)
    out = tmp_path / "out"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(out), "--no-data-docs"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    rows = ds.dataset(out / "clean").to_table().to_pylist()
    assert sorted(row["source"] for row in rows) == ["caf\\xe9-notes.txt", "plain.txt"]
    assert next(row["text"] for row in rows if row["source"].startswith("caf")).strip() == (SENTENCE * 4).strip()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["caf\\xe9-notes.txt"]["clean"] == 1
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "unchanged 2" in " ".join((second.stdout + second.stderr).split())

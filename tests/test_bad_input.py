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
    lines = [json.dumps({"text": SENTENCE * 2}), '{"text": "unterminated', json.dumps({"body": "x"}),
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

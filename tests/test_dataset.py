"""The versioned dataset without Prefect: incremental planning, versions, lock, readers' view.

A small driver (`run_day`) plays the flow's part with real files and real Parquet: plan
the inputs, carry over the current version, write the changed files' rows, commit. A
property test checks it against a model of what the dataset should hold after any
sequence of days (files added, changed, removed, emptied input).
"""
from __future__ import annotations

import glob
import os
import threading

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.dataset import (OutputLocked, VersionBuilder, current_version, list_versions, plan_inputs,
                                  read_input_index, read_version_manifest, remove_abandoned_staging, write_part,
                                  writer_lock)
from corpus_clean.layout import TABLE_KINDS, OutputLayout
from corpus_clean.readers import list_input_files


def rows_of(source: str, content: str) -> list[dict]:
    """A stand-in for cleaning: one row per line of the file."""
    return [{"id": f"{source}:{i}", "source": source, "record_index": i, "lang": "en" if i % 2 else "de",
             "text": line} for i, line in enumerate(content.splitlines())]


def run_day(inputs, out, version="0.1.0", params=None, keep_versions=50):
    layout = OutputLayout(out)
    listed = list_input_files(str(inputs)) if inputs.exists() else []
    plan = plan_inputs(listed, read_input_index(layout), version, params or {})
    with writer_lock(layout):
        remove_abandoned_staging(layout)
        builder = VersionBuilder(layout, plan.replaced_sources)
        builder.carry_over()
        rows = [row for f in plan.to_process for row in rows_of(f.source, open(f.url).read())]
        if rows:
            write_part(builder.staging, "clean", f"part-{builder.next_number()}", pa.Table.from_pylist(rows))
        builder.compact(target_bytes=4096, max_small_files=2)  # tiny: the tests see merges and files left alone
        number = builder.commit({"version": builder.next_number()}, "card", plan.index, keep_versions)
    return plan, number


def read_clean(out) -> list[dict]:
    """What a plain-glob reader sees: exactly DIR/clean/*.parquet, no arguments."""
    files = glob.glob(str(out / "clean" / "*.parquet"))
    if not files:
        return []
    return sorted(pq.read_table(files).select(["source", "record_index", "text"]).to_pylist(),
                  key=lambda r: (r["source"], r["record_index"]))


def expected_rows(model: dict[str, str]) -> list[dict]:
    return sorted(({"source": r["source"], "record_index": r["record_index"], "text": r["text"]}
                   for source, content in model.items() for r in rows_of(source, content)),
                  key=lambda r: (r["source"], r["record_index"]))


def write_inputs(inputs, files: dict[str, str]) -> None:
    inputs.mkdir(exist_ok=True)
    for path in inputs.iterdir():
        path.unlink()
    for name, content in files.items():
        (inputs / name).write_text(content)


def test_second_day_processes_only_new_and_changed_files(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\na2\n", "b.txt": "b1\n", ".gitkeep": ""})
    plan, first = run_day(inputs, out)
    assert [f.source for f in plan.to_process] == ["a.txt", "b.txt"]  # hidden files are not inputs
    write_inputs(inputs, {"a.txt": "a1\na2\n", "b.txt": "b1 changed\nb2\n", "c.txt": "c1\n"})
    plan, second = run_day(inputs, out)
    assert [f.source for f in plan.to_process] == ["b.txt", "c.txt"]
    assert [f.source for f in plan.unchanged] == ["a.txt"]
    assert (first, second) == (1, 2)
    assert read_clean(out) == expected_rows({"a.txt": "a1\na2\n", "b.txt": "b1 changed\nb2\n", "c.txt": "c1\n"})
    # Time travel: version 1 is still there, whole.
    old = pq.read_table(out / "versions" / "v000001" / "clean").to_pylist()
    assert sorted(r["text"] for r in old) == ["a1", "a2", "b1"]


def test_rerun_over_unchanged_input_processes_nothing(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n"})
    run_day(inputs, out)
    part = next((out / "clean").glob("*.parquet"))
    plan, _ = run_day(inputs, out)
    assert plan.to_process == [] and len(plan.unchanged) == 1
    [same] = (out / "clean").glob("*.parquet")
    assert os.path.samefile(part, same) or same.read_bytes() == part.read_bytes()  # hard-linked, not copied


def test_new_pipeline_version_or_parameters_reprocess(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n", "b.txt": "b1\n"})
    run_day(inputs, out, version="0.1.0")
    assert len(run_day(inputs, out, version="0.2.0")[0].to_process) == 2
    assert len(run_day(inputs, out, version="0.2.0", params={"min_chars": 5})[0].to_process) == 2
    assert run_day(inputs, out, version="0.2.0", params={"min_chars": 5})[0].to_process == []
    assert read_clean(out) == expected_rows({"a.txt": "a1\n", "b.txt": "b1\n"})  # replaced, never doubled


def test_removed_file_keeps_its_rows_and_empty_or_missing_input_removes_nothing(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n", "b.txt": "b1\n"})
    run_day(inputs, out)
    write_inputs(inputs, {"a.txt": "a1\n"})
    plan, _ = run_day(inputs, out)
    assert plan.missing == ["b.txt"] and read_input_index(OutputLayout(out))["b.txt"]["missing_since"] is not None
    write_inputs(inputs, {})
    run_day(inputs, out)
    (inputs).rmdir()
    run_day(inputs, out)  # unmounted
    assert read_clean(out) == expected_rows({"a.txt": "a1\n", "b.txt": "b1\n"})
    # The file comes back unchanged: nothing to do; changed: its rows are replaced.
    write_inputs(inputs, {"b.txt": "b1\n"})
    assert run_day(inputs, out)[0].to_process == []
    write_inputs(inputs, {"b.txt": "b2\n"})
    run_day(inputs, out)
    assert read_clean(out) == expected_rows({"a.txt": "a1\n", "b.txt": "b2\n"})


day_files = st.dictionaries(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]),
                            st.lists(st.sampled_from(["x", "y", "zz", "é"]), min_size=1, max_size=4)
                            .map(lambda lines: "\n".join(lines) + "\n"), max_size=4)


@settings(max_examples=15, deadline=None)
@given(days=st.lists(day_files, min_size=1, max_size=5))
def test_dataset_matches_model_after_any_sequence_of_days(tmp_path_factory, days):
    """Model: every file ever seen, with its latest content (removed files keep their rows)."""
    base = tmp_path_factory.mktemp("days")
    inputs, out = base / "in", base / "out"
    model: dict[str, str] = {}
    for number, files in enumerate(days, start=1):
        write_inputs(inputs, files)
        plan, version = run_day(inputs, out)
        changed = {name for name, content in files.items() if model.get(name) != content}
        assert {f.source for f in plan.to_process} == changed
        model.update(files)
        assert version == number and current_version(OutputLayout(out)) == number
        assert read_clean(out) == expected_rows(model)


def test_versions_beyond_the_window_are_deleted(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    for day in range(5):
        write_inputs(inputs, {f"d{day}.txt": f"day {day}\n"})
        run_day(inputs, out, keep_versions=3)
    layout = OutputLayout(out)
    assert list_versions(layout) == [3, 4, 5] and current_version(layout) == 5
    assert read_version_manifest(layout, 4) == {"version": 4}
    assert len(pq.read_table(layout.version_dir(3) / "clean")) == 3  # time travel to day 3's version


def test_a_second_writer_is_refused_in_one_line(tmp_path):
    layout = OutputLayout(tmp_path / "out")
    with writer_lock(layout):
        with pytest.raises(OutputLocked) as refused:
            with writer_lock(layout):
                pass
    message = str(refused.value)
    assert "\n" not in message and message.startswith("refusing to run") and f"pid {os.getpid()}" in message
    with writer_lock(layout):  # released on exit
        pass


def test_a_run_that_dies_before_commit_changes_nothing(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n"})
    run_day(inputs, out)
    before = read_clean(out)
    layout = OutputLayout(out)
    builder = VersionBuilder(layout, {"a.txt"})
    builder.carry_over()
    write_part(builder.staging, "clean", "part-dead", pa.Table.from_pylist(rows_of("a.txt", "half\n")))
    # ... killed here: no commit.
    assert read_clean(out) == before and current_version(layout) == 1
    assert remove_abandoned_staging(layout) == [builder.staging.name] and not builder.staging.exists()


def test_readers_never_see_a_mix_of_versions(tmp_path):
    """Version n holds one row per source s1..sn (hard-linked from version to version) and
    one row of source "r", rewritten by every version and tagged n. A reader globbing
    DIR/clean while versions are committed must see exactly that for some n, or (if it
    listed one version and opened files after the switch) a missing file: never a mix."""
    layout = OutputLayout(tmp_path / "out")
    views, problems, vanished, done = [], [], [], threading.Event()

    def reader():
        while not done.is_set():
            files = glob.glob(str(layout.table_dir("clean") / "*.parquet"))
            if not files:
                if views:  # once a version exists, an empty view would be a lost dataset
                    problems.append("empty view")
                continue
            try:
                rows = pq.read_table(files, columns=["source", "text"]).to_pylist()
            except FileNotFoundError:
                vanished.append(1)
                continue
            tags = [r["text"] for r in rows if r["source"] == "r"]
            n = len(rows) - 1
            if tags != [str(n)] or {r["source"] for r in rows} != {"r", *(f"s{k}" for k in range(1, n + 1))}:
                problems.append(f"mixed view: {len(rows)} rows, r tags {tags}")
            views.append(n)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 25):
            builder = VersionBuilder(layout, {"r"})
            builder.carry_over()
            write_part(builder.staging, "clean", f"part-{n}", pa.Table.from_pylist(
                [{"id": f"s{n}", "source": f"s{n}", "text": str(n)}, {"id": f"r{n}", "source": "r", "text": str(n)}]))
            builder.commit({}, "", {}, keep_versions=50)
    finally:
        done.set()
        thread.join()
    assert not problems, problems[:3]
    assert len(views) > 5 and len(set(views)) > 2  # it did read while versions changed


def test_every_kind_is_a_stable_link_into_the_current_version(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n"})
    run_day(inputs, out)
    for kind in TABLE_KINDS:
        assert (out / kind).is_symlink() and os.readlink(out / kind) == f"current/{kind}"
    assert os.readlink(out / "current") == "versions/v000001"
    assert (out / "manifest.json").is_symlink() and (out / "README.md").read_text() == "card"


def test_daily_small_files_are_merged_once_there_are_too_many(tmp_path):
    layout = OutputLayout(tmp_path / "out")
    counts = []
    for day in range(1, 8):
        builder = VersionBuilder(layout)
        builder.carry_over()
        write_part(builder.staging, "clean", f"part-{day}", pa.Table.from_pylist(rows_of(f"d{day}.txt", "x\ny\n")))
        merged = builder.compact(max_small_files=3)
        builder.commit({}, "", {})
        counts.append((len(glob.glob(str(out_clean(layout)))), merged["clean"]))
    assert counts == [(1, 0), (2, 0), (3, 0), (1, 3), (2, 0), (3, 0), (1, 3)]
    table = pq.read_table(glob.glob(str(out_clean(layout))))
    assert len(table) == 14
    langs = table.column("lang").to_pylist()
    assert langs == sorted(langs)  # the merged file is sorted for pruning


def out_clean(layout: OutputLayout):
    return layout.table_dir("clean") / "*.parquet"


def test_output_of_a_run_before_versions_is_moved_aside_not_lost(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    (out / "clean").mkdir(parents=True)
    (out / "clean" / "part-00000.parquet").write_bytes(b"old run's bytes")
    (out / "manifest.json").write_text("{}")
    write_inputs(inputs, {"a.txt": "a1\n"})
    run_day(inputs, out)
    assert read_clean(out) == expected_rows({"a.txt": "a1\n"})
    legacy = out / "versions" / "pre-versioning"
    assert (legacy / "clean" / "part-00000.parquet").read_bytes() == b"old run's bytes"
    assert (legacy / "manifest.json").read_text() == "{}"


def test_written_files_are_readable_by_others_as_the_umask_allows(tmp_path):
    from corpus_clean.output import current_umask

    inputs, out = tmp_path / "in", tmp_path / "out"
    write_inputs(inputs, {"a.txt": "a1\n"})
    run_day(inputs, out)
    for path in [*out.glob("clean/*.parquet"), out / "manifest.json", out / "README.md"]:
        assert os.stat(path).st_mode & 0o777 == 0o666 & ~current_umask()



@pytest.mark.parametrize("name", ["clean", "versions"])
def test_a_file_where_the_layout_needs_a_folder_is_refused_in_one_line(tmp_path, name):
    from corpus_clean.dataset import OutputConflict, check_output_root

    layout = OutputLayout(tmp_path / "out")
    layout.root.mkdir()
    (layout.root / name).write_text("not ours")
    with pytest.raises(OutputConflict, match=f"^{layout.root / name} is a file, not") as refused:
        check_output_root(layout)
    assert "\n" not in str(refused.value) and (layout.root / name).read_text() == "not ours"
    (layout.root / name).unlink()
    (layout.root / name).mkdir()  # a real folder (an older run's clean/) is fine: moved aside at commit
    check_output_root(layout)


# ------------------------------------------------------------ incremental runs: (size, mtime) before hashing
def plan_counting_reads(inputs, previous):
    """plan_inputs with the real hasher, counting the files it reads."""
    from corpus_clean.dataset import content_sha256

    read = []

    def hasher(file):
        read.append(file.source)
        return content_sha256(file)

    return plan_inputs(list_input_files(str(inputs)), previous, "0.1.0", {}, hasher=hasher), read


@settings(max_examples=30, deadline=None)
@given(same_size=st.booleans(), edited=st.booleans(), mtime_moves_ns=st.sampled_from([0, 1, 1_000, 10**9]),
       age_s=st.sampled_from([0, 1, 60, 86_400]))
def test_a_file_is_read_again_unless_size_and_mtime_say_it_is_unchanged(tmp_path_factory, same_size, edited,
                                                                        mtime_moves_ns, age_s):
    """Whatever the edit: an unchanged file older than the unsure window is not read again;
    an edit (same size or not) is caught whenever its modification time moved, and even
    when it did not if the file was written within the window of its last hashing."""
    import time

    inputs = tmp_path_factory.mktemp("in")
    path = inputs / "a.txt"
    path.write_text("the pier reopens on monday\n")
    written_ns = time.time_ns() - age_s * 10**9
    os.utime(path, ns=(written_ns, written_ns))
    first, read = plan_counting_reads(inputs, {})
    assert read == ["a.txt"] and first.index["a.txt"]["mtime_ns"] == written_ns
    if edited:
        path.write_text("the PIER reopens on monday\n" if same_size else "the pier reopens on tuesday\n")
    os.utime(path, ns=(written_ns + mtime_moves_ns, written_ns + mtime_moves_ns))
    second, read = plan_counting_reads(inputs, first.index)
    trusted = mtime_moves_ns == 0 and (not edited or same_size) and age_s >= 60
    assert read == ([] if trusted else ["a.txt"])
    if edited and not trusted:
        assert [f.source for f in second.to_process] == ["a.txt"]
    if not edited:
        assert [f.source for f in second.unchanged] == ["a.txt"] and second.index == {
            "a.txt": {**first.index["a.txt"], "mtime_ns": written_ns + mtime_moves_ns,
                      "hashed_at_ns": second.index["a.txt"]["hashed_at_ns"]}}


def test_a_same_size_edit_caught_by_its_mtime_is_cleaned_again(tmp_path):
    """Day 2 edits a file to the same size (mtime moves as any write moves it): its rows
    are replaced; the untouched file is not read."""
    import time

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text("alpha one\nalpha two\n")
    (inputs / "b.txt").write_text("bravo\n")
    old = time.time_ns() - 3600 * 10**9
    for name in ("a.txt", "b.txt"):
        os.utime(inputs / name, ns=(old, old))
    run_day(inputs, out)
    (inputs / "a.txt").write_text("ALPHA one\nalpha two\n")
    os.utime(inputs / "a.txt", ns=(old + 10**9, old + 10**9))
    plan, read = plan_counting_reads(inputs, read_input_index(OutputLayout(out)))
    assert read == ["a.txt"] and [f.source for f in plan.to_process] == ["a.txt"]
    run_day(inputs, out)
    assert [r["text"] for r in read_clean(out) if r["source"] == "a.txt"] == ["ALPHA one", "alpha two"]


# ------------------------------------------------------------ the progress total without reading every byte
@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), records=st.integers(10, 3000), longest=st.integers(30, 400), drift=st.booleans(),
       compression=st.sampled_from([None, "gzip"]))
def test_big_jsonl_files_have_their_records_estimated_and_small_ones_counted(tmp_path_factory, seed, records, longest,
                                                                             drift, compression):
    """Past the sample size, the estimate of a file of records of random lengths is within
    15 % of the true count (even when they drift from short to long along the file: the
    blocks are spread over it); under it, the count is exact. A compressed file's estimate
    comes from its decompressed bytes."""
    import gzip
    import json
    import random

    from corpus_clean import dataset
    from corpus_clean.readers import InputFile

    rng = random.Random(seed)
    lengths = [rng.randint(10, longest) for _ in range(records)]
    lengths = sorted(lengths) if drift else lengths
    body = "".join(json.dumps({"id": str(k), "text": "w" * n}) + "\n" for k, n in enumerate(lengths)).encode()
    path = tmp_path_factory.mktemp("in") / ("a.jsonl.gz" if compression else "a.jsonl")
    path.write_bytes(gzip.compress(body, mtime=0) if compression else body)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dataset, "COUNT_SAMPLE_BYTES", 64 * 1024)
        patch.setattr(dataset, "SAMPLE_BLOCKS", 8)
        estimate = dataset.estimate_records(InputFile(str(path), path.name, path.stat().st_size))
    if len(body) <= 64 * 1024:
        assert estimate == records
    elif not compression or not drift:
        assert abs(estimate - records) <= 0.15 * records
    else:  # the first sample's lines per compressed byte: the short records' rate
        assert records <= estimate

"""The file cache of what the rule packs' compilation reads off each regex
(``corpus_clean.derived_cache``): the same answers as computing them, a new file when the
code changes, broken or concurrently written files handled, nothing kept outside a session."""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean import derived_cache
from corpus_clean.boilerplate import kernels, rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache directory, and no answers held in memory from earlier tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(derived_cache.CACHE_DIR_ENV, str(folder))
    derived_cache._caches.clear()
    yield folder
    derived_cache._caches.clear()


def _pack_patterns() -> list[str]:
    """Every line rule's regex of the shipped packs, as compile_rules wraps it, and bare."""
    found = rules.load_rules.__wrapped__.__wrapped__(str(rules.PACK_DIR), False)  # (no cache, no session)
    return [regex.pattern for _, regex in found.singles] + [rule.inline_pattern() for rule in found.rules
                                                            if rule.kind != "builtin"]


def _derived_answers(patterns: list[str]) -> list:
    return [(rules.match_prefixes(p, 1), rules.match_prefixes(p, 2), rules.required_literals(p),
             kernels.re2_superset(p)) for p in patterns]


def test_answers_from_the_file_are_the_computed_ones(cache_dir):
    patterns = _pack_patterns()
    computed = [(rules.match_prefixes.uncached(p, 1), rules.match_prefixes.uncached(p, 2),
                 rules.required_literals.uncached(p), kernels.re2_superset.uncached(p)) for p in patterns]
    with derived_cache.session():
        cold = _derived_answers(patterns)
    assert sorted(path.name.split("-")[0] for path in cache_dir.iterdir()) == [
        "corpus_clean.boilerplate.kernels", "corpus_clean.boilerplate.rules"]
    derived_cache._caches.clear()  # as a new process: everything from the files
    with derived_cache.session():
        warm = _derived_answers(patterns)
    assert cold == computed and warm == computed
    # (and it was the files that answered: no new answer, so nothing was written again)
    assert all(cache._new == 0 for cache in derived_cache._caches.values())


def test_no_session_no_file(cache_dir):
    rules.match_prefixes(r"(?:By|From)\s+\w+", 2)
    derived_cache.compile_regex(r"By\s+\w+")
    derived_cache.save_all()
    assert not cache_dir.exists()


def test_cache_off_computes_and_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv(derived_cache.CACHE_DIR_ENV, "off")
    with derived_cache.session():
        assert sorted(rules.match_prefixes(r"(?:By|From)\s+\w+", 2)) == ["by", "fr"]
        assert derived_cache.compile_regex(r"a+") == re.compile(r"a+")
    assert not cache_dir.exists()


PATTERNS = [r"(?P<word>\w+)-(\d)", r"(?i)Share this (?:story|article)", r"(?m)^[ \t]*Tweet[ \t]*$",
            r"(?<=By )\w+(?= on)", r"(?:a|b)*?c{2,5}", r"[^\W\d_]+", r"(\w)\1", r"(?s).{0,300}cookie",
            r"(?x) a \  b # comment", r"\u00e9t\u00e9|ſtop", r"(?>ab|a)c", r"(a)?(?(1)b|c)"]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.MULTILINE | re.DOTALL])
def test_compiled_from_the_file_is_the_same_pattern(cache_dir, pattern, flags):
    texts = ["By Jane on Tuesday", "Share this STORY", "x\n Tweet \ny", "aabcc", "été ſtop", "abc", "ww-3", "a b"]
    expected = re.compile(pattern, flags)
    for _ in range(2):  # computed and written, then read back by a "new process"
        derived_cache._caches.clear()
        with derived_cache.session():
            compiled = derived_cache.compile_regex(pattern, flags)
        assert compiled == expected  # (Pattern equality: same pattern, flags and program)
        assert (compiled.groups, compiled.groupindex, compiled.flags) == (expected.groups, expected.groupindex,
                                                                          expected.flags)
        for text in texts:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_bad_pattern_still_fails_and_is_not_kept(cache_dir):
    with derived_cache.session(), pytest.raises(re.error):
        derived_cache.compile_regex(r"(unclosed")
    assert not cache_dir.exists() or all(json.loads(p.read_text()) == {} for p in cache_dir.iterdir())


_REGEX_PIECES = st.sampled_from([r"a", r"\w+", r"\d{1,3}", r"[A-Z]", r"(?i:by)", r"\s*", r"(?:x|yz)", r"é",
                                 r"(?P<n>q)", r".", r"$", r"\b", r"[^a-c]", r"(?=a)", r"b*?"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_REGEX_PIECES, min_size=1, max_size=6), st.sampled_from([0, re.I, re.M, re.S, re.I | re.M]))
def test_generated_regexes_compile_the_same_from_the_file(tmp_path_factory, pieces, flags):
    folder = tmp_path_factory.mktemp("cache")
    pattern = "".join(pieces).replace("(?P<n>q)", "(?P<n>q)", 1)
    if pattern.count("(?P<n>") > 1:
        pattern = pattern.replace("(?P<n>", "(", pattern.count("(?P<n>") - 1)
    expected = re.compile(pattern, flags)
    old = os.environ.get(derived_cache.CACHE_DIR_ENV)
    os.environ[derived_cache.CACHE_DIR_ENV] = str(folder)
    try:
        for _ in range(2):
            derived_cache._caches.clear()
            with derived_cache.session():
                assert derived_cache.compile_regex(pattern, flags) == expected
    finally:
        derived_cache._caches.clear()
        if old is None:
            del os.environ[derived_cache.CACHE_DIR_ENV]
        else:
            os.environ[derived_cache.CACHE_DIR_ENV] = old


def test_a_broken_file_is_ignored_and_replaced(cache_dir):
    with derived_cache.session():
        derived_cache.compile_regex(r"Share\s+this")
    (path,) = cache_dir.iterdir()
    for broken in ("{not json", '["a list"]', json.dumps({"x": {"t": 5}})):
        path.write_text(broken)
        derived_cache._caches.clear()
        with derived_cache.session():
            assert derived_cache.compile_regex(r"Share\s+this") == re.compile(r"Share\s+this")
        assert len(json.loads(path.read_text())) >= 1  # written again, whole


def test_an_unwritable_cache_dir_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(derived_cache.CACHE_DIR_ENV, str(blocker / "cache"))  # a directory inside a file
    derived_cache._caches.clear()
    try:
        with derived_cache.session():
            assert derived_cache.compile_regex(r"x+y") == re.compile(r"x+y")
    finally:
        derived_cache._caches.clear()


def test_changed_code_reads_another_file(tmp_path, cache_dir):
    module = tmp_path / "mod.py"
    module.write_text("A = 1\n")
    first = derived_cache.ModuleCache("mod", str(module)).path()
    module.write_text("A = 2\n")
    assert derived_cache.ModuleCache("mod", str(module)).path() != first


def _compile_many(folder: str, seed: int) -> None:
    os.environ[derived_cache.CACHE_DIR_ENV] = folder
    derived_cache._caches.clear()
    for round_ in range(5):
        with derived_cache.session():
            for k in range(40):
                derived_cache.compile_regex(f"(?:w{seed}r{round_}k{k}|z)+\\d")


def test_processes_writing_at_once_leave_a_whole_file(cache_dir):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_compile_many, args=(str(cache_dir), seed)) for seed in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    (path,) = [p for p in cache_dir.iterdir() if p.suffix == ".json"]
    answers = json.loads(path.read_text())  # whole, parseable
    assert len(answers) >= 200  # at least the last writer's own answers
    assert not [p for p in cache_dir.iterdir() if p.suffix == ".tmp"]


def test_packs_compile_the_same_in_a_process_reading_the_file(tmp_path):
    """A fresh process with the file written by another sees the same rule set (its
    regexes, prefixes, literal gates and RE2 supersets) as one with the cache off."""
    code = ("import json; from corpus_clean.boilerplate.rules import load_rules;"
            "r = load_rules();"
            "lines = [line for rule in r.rules for line in (rule.example + rule.keep).splitlines()];"
            "print(json.dumps({'dispatch': [(g, x.pattern, x.flags, sorted(a or []), sorted(b or []))"
            " for g, x, (a, b), _ in r.dispatch],"
            " 'singles': [x.pattern for _, x in r.singles], 'ungated': r.ungated_bits,"
            " 'exact': r.exact_gates[1:], 'folded': r.folded_gates[1:],"
            " 'kernel': [r.kernel.always, r.kernel._positions, [r.kernel.bits(line) for line in lines]],"
            " 'keyword_kernels': [k and [k.bits(line) for line in lines] for k in r.keyword_kernels]},"
            " sort_keys=True))")
    outputs = []
    for cache in ("off", str(tmp_path / "c"), str(tmp_path / "c")):
        env = {**os.environ, derived_cache.CACHE_DIR_ENV: cache}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                              check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert any((tmp_path / "c").iterdir())


def test_a_second_worker_start_reads_everything_from_the_files(tmp_path):
    """A cleaning worker's start (``parallel.start_worker``: the rule packs, validation's
    marker groups) writes the files once; the next start computes nothing (no file is
    written again) and cleans the same."""
    code = ("from corpus_clean import derived_cache, parallel; parallel.start_worker();"
            "from corpus_clean.shards import clean_batch, UnreadLine, BatchExtras;"
            "from corpus_clean.steps import resolve_steps, DEFAULT_STEPS;"
            "from corpus_clean.validate import ValidationConfig;"
            "t = clean_batch([UnreadLine('a.jsonl', 0, parallel._WARM_UP_LINE)], resolve_steps(DEFAULT_STEPS), 'r',"
            " BatchExtras(checks=ValidationConfig()));"
            "print(len(derived_cache._caches), t.rows.to_pylist())")
    env = {**os.environ, derived_cache.CACHE_DIR_ENV: str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    written = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert len(written) == 4  # rules, kernels, validate, and the regexes' programs
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == written  # (a miss rewrites its file)
    assert second.startswith("4 ") and second == first

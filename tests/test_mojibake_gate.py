"""The mojibake gate's compiled scan (corpus_clean/_mojibake_native.c) answers as its
regex twin (``detect._TRIGGER_AT_START_RE``) does, and `might_need_repair` with it as
without it, on any text: every branch of the pattern (singles, a lead before a
continuation, "Â"/"Ã" before a space, a line end or the end, entities) drawn among
ordinary text, in each string kind (1, 2 and 4 bytes per character)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.mojibake import detect
from corpus_clean.mojibake.detect import _TRIGGER_AT_START_RE, might_need_repair, trigger_search

_mojibake_native = pytest.importorskip("corpus_clean._mojibake_native")

# Characters of each class and their neighbours: controls, C1, surrogates, U+FFFD, BOM,
# leads of several codecs ("Ã", "Ð", "â", "é", "√"), continuations ("©", "\x80", "€",
# "”", NBSP), the entity's own characters, spaces and line ends, astral characters.
_PIECES = st.sampled_from([
    "\x00", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffd", "\ufeff", "\u206b",
    "Ã", "Â", "Ð", "â", "é", "√", "ç", "ã", "©", "\x80", "€", "”", "\xa0", "™", "Å",
    "&", "#", ";", "amp", "x41", "a" * 25, " ", "\r", "\n", "\t", "word ", "Москва", "😀",
    "中文", "ação", "“ok”",
])
_TEXTS = st.lists(_PIECES, max_size=12).map("".join)


def _regex_start(text: str) -> int:
    found = _TRIGGER_AT_START_RE.search(text)
    return -1 if found is None else found.start()


@settings(max_examples=600, deadline=None)
@given(text=_TEXTS)
def test_the_compiled_scan_finds_the_regex_first_match(text):
    assert native.active() is not None, "the compiled kernels are built in the test environment"
    assert trigger_search(text) == _regex_start(text)
    with native.twins_only():
        assert trigger_search(text) == _regex_start(text)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, head=st.sampled_from(["", "x", "é", "😀"]))
def test_might_need_repair_is_the_same_both_ways(text, head):
    text = head + text
    compiled = might_need_repair(text)
    with native.twins_only():
        assert might_need_repair(text) == compiled


@given(text=st.text(max_size=40), start=st.integers(-3, 45))
def test_the_scan_from_any_start_is_the_regex_from_there(text, start):
    """From a start, the scan's hit is where the regex, allowed to look behind the start
    as ``search(text, pos)`` does, could begin a match (an "&" is only a maybe)."""
    classes = detect._trigger_classes()
    found = _mojibake_native.trigger_scan(text, start, classes)
    expected = next((i for i in range(max(start, 0), len(text))
                     if text[i] == "&" or _TRIGGER_AT_START_RE.match(text, i)), -1)
    assert found == expected


def test_each_branch_and_each_string_kind():
    classes = detect._trigger_classes()
    for head in ("", "é", "€", "😀"):  # kinds 1, 1, 2, 4
        for tail, hit in (("x\x01", 1), ("xÃ", 1), ("xÃ ", 1), ("xÃ\n", 1), ("xÃx", -1), ("xÃ©", 1),
                          ("x&", 1), ("xé", -1), ("xé\x80", 1), ("x😀", -1)):
            text = head + tail
            expected = -1 if hit < 0 else len(head) + hit
            assert _mojibake_native.trigger_scan(text, 0, classes) == expected, text
            assert _regex_start(text) in (expected, -1)  # ("&" alone: only a maybe)


def test_a_wrong_class_table_is_refused():
    with pytest.raises(ValueError):
        _mojibake_native.trigger_scan("abc", 0, b"\x00" * 100)
    with pytest.raises(TypeError):
        _mojibake_native.trigger_scan(b"abc", 0, detect._trigger_classes())


def test_a_scan_that_ignored_end_of_text_would_be_caught():
    """The property above is not vacuous: "Ã" at the very end is a hit only through the
    end-of-text branch, and the regex agrees."""
    assert _regex_start("voilÃ") == 4 == trigger_search("voilÃ")
    assert might_need_repair("voilÃ")


def test_without_the_compiled_module_the_regex_answers_alike():
    """A machine where _mojibake_native did not build (its import fails) runs the regex
    twin, with the same answers."""
    import json
    import subprocess
    import sys

    texts = ["cafÃ©", "café “ok”", "voilÃ", "a &amp; b", "a & b", "x\x01", "Москва", "😀 Ã "]
    script = ("import json, sys\nsys.modules['corpus_clean._mojibake_native'] = None\n"
              "from corpus_clean.mojibake import detect\n"
              "assert detect._trigger_search_of(True) is None\n"
              f"print(json.dumps([[detect.trigger_search(t), detect.might_need_repair(t)] for t in {texts!r}]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [[trigger_search(text), might_need_repair(text)] for text in texts]

"""The codecs' sequence and run patterns (``charmaps._sequence_pattern``), written to start
with a character class for speed, match exactly what the plain alternation matches."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.mojibake.charmaps import _SPAN_CODECS, _cls


def plain_patterns(codec) -> tuple[re.Pattern, re.Pattern]:
    """The patterns as first written: an alternation of the three lead lengths."""
    cont = f"[{_cls(codec.conts)}]"
    one = (f"[{_cls(codec.leads2)}]{cont}|[{_cls(codec.leads3)}]{cont}{{2}}"
           f"|[{_cls(codec.leads4)}]{cont}{{3}}")
    return re.compile(one), re.compile(f"(?:{one})+")


def codec_text(codec) -> st.SearchStrategy[str]:
    """Text mostly of the codec's leads and continuations, with letters, spaces and NBSP."""
    chars = codec.leads2 + codec.leads3 + codec.leads4 + codec.conts + "ab \xa0é—"
    return st.text(st.sampled_from(sorted(set(chars))) | st.characters(), max_size=40)


def assert_same_matches(fast: re.Pattern, plain: re.Pattern, text: str) -> None:
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert fast.findall(text) == plain.findall(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 12) + 1):
            assert bool(fast.fullmatch(text, start, end)) == bool(plain.fullmatch(text, start, end)), (start, end)
            m, n = fast.match(text, start, end), plain.match(text, start, end)
            assert (m and m.span()) == (n and n.span())


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_patterns_match_as_the_alternation(data):
    for codec in _SPAN_CODECS:
        text = data.draw(codec_text(codec))
        plain_sequence, plain_run = plain_patterns(codec)
        assert_same_matches(codec.sequence_re, plain_sequence, text)
        assert_same_matches(codec.run_re, plain_run, text)


def test_the_patterns_on_examples():
    examples = ["cafÃ© â€œokâ€\x9d", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "РџСЂРёРІРµС‚", "√©t√© ‚Äú", "Ã", "Ã\xa0", "ðŸ˜€ ðŸ˜", "Ã©Ã©Ã©x"]
    for codec in _SPAN_CODECS:
        plain_sequence, plain_run = plain_patterns(codec)
        for text in examples:
            assert_same_matches(codec.sequence_re, plain_sequence, text)
            assert_same_matches(codec.run_re, plain_run, text)


# The C1-in-a-word pattern as first written (a lookbehind first: tried at every character).
PLAIN_C1_IN_WORD = re.compile(r"(?<=[A-Za-z])(?:[\x80-\x95\x98-\x9f]|[\x96\x97](?![A-Z]))(?=[A-Za-z])")


@given(st.text(st.sampled_from("aZq \x80\x85\x92\x95\x96\x97\x98\x9fé\n") | st.characters(), max_size=30))
@settings(max_examples=500, deadline=None)
def test_the_c1_in_word_pattern_matches_as_first_written(text):
    from corpus_clean.mojibake.controls import _C1_IN_WORD_RE

    assert_same_matches(_C1_IN_WORD_RE, PLAIN_C1_IN_WORD, text)
    assert _C1_IN_WORD_RE.sub("_", text) == PLAIN_C1_IN_WORD.sub("_", text)


def test_a_codecs_regexes_are_compiled_on_first_use_and_match_as_written():
    """Importing the repairs compiles only the cp1252 sequence regex (``spans`` builds a
    pattern of it at import), none of the other code pages' (a cleaning worker's start:
    most never search); the first use compiles the pattern ``_sequence_pattern`` writes."""
    import subprocess
    import sys

    code = ("import gc, corpus_clean.mojibake\n"
            "from corpus_clean.mojibake.charmaps import _Codec\n"
            "codecs = [o for o in gc.get_objects() if isinstance(o, _Codec)]\n"
            "print(len(codecs), *[c.name for c in codecs if {'sequence_re', 'run_re'} & set(c.__dict__)])")
    made, *compiled = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                     check=True).stdout.split()
    assert int(made) >= 9 and compiled == ["encoding"]
    from corpus_clean.mojibake.charmaps import _sequence_pattern

    for codec in _SPAN_CODECS:
        assert codec.sequence_re.pattern == _sequence_pattern(codec.leads2, codec.leads3, codec.leads4, codec.conts)
        assert codec.run_re.pattern == f"{codec.sequence_re.pattern}(?:{codec.sequence_re.pattern})*"

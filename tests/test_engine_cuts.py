"""The engine's cuts made in one compiled pass per batch (``_native.cut_documents``)
against the Python reference (``engine.build_removals``), the fast ``removal`` maker
against ``Removal`` itself, and the batch's flat lines against the ones gathered from
each document (``engine.flat_lines_of``).

The cuts are checked on generated documents: lines of any mix of ASCII, spaces of every
kind ``str.isspace`` knows (and the zero-width ones it does not), combining marks, CJK,
emoji, lone surrogates, "\\r", empty and very long lines; marks drawn from a few rules
and None (runs of one rule, blank lines carrying a rule of their own, cuts touching the
end of a text without final newline); and a partial-line span (the line prefix) on an
unmarked line, as ``finish_many`` gives them.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.boilerplate.batch import Batch, _cut_all
from corpus_clean.boilerplate.engine import (
    Context, build_removals, flat_lines_of, line_rules_many, removal, strip_many,
)
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.document import Removal

SPACES = [" ", "\t", "\r", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", "\x0b", "\x1c"]
CHARS = st.sampled_from(list("aZ0.,:-é") + SPACES + ["e\u0301", "日本", "\U0001F600", "\ud800", "İ"])
WORDS = st.sampled_from(["Home", "News", "Share this", "The council voted on Tuesday.", "x" * 3000, ""])
LINES = st.lists(st.one_of(CHARS, WORDS), max_size=12).map("".join)
TEXTS = st.lists(LINES, min_size=1, max_size=14).map("\n".join).filter(lambda t: t.strip() != "")
RULES = st.sampled_from([None, None, None, "nav.menu", "nav.menu", "social.share", "repeat.block"])


def marked(text: str, draw) -> Context:
    """A Context of `text` with each line marked by a drawn rule (or None)."""
    ctx = Context(text)
    for i in range(ctx.lines.n_lines):
        rule = draw(RULES)
        if rule is not None:
            ctx.marks.mark(i, rule)
    return ctx


def prefix_of(ctx: Context, draw) -> list | None:
    """Maybe a partial-line span at the start of an unmarked, non-empty line."""
    free = [i for i, rule in enumerate(ctx.marks.rule) if rule is None and ctx.lines.raw[i]]
    if not free or not draw(st.booleans()):
        return None
    i = draw(st.sampled_from(free))
    start = int(ctx.lines.starts[i])
    return [start, start + draw(st.integers(1, len(ctx.lines.raw[i]))), "news.dateline_prefix"]


def as_tuples(removals: list[Removal]) -> list[tuple]:
    return [(r.start, r.end, r.rule, r.text) for r in removals]


@pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")
@given(st.lists(TEXTS, min_size=1, max_size=5), st.data())
@settings(max_examples=300, deadline=None)
def test_compiled_cuts_match_build_removals(texts, data):
    batch = Batch.of(texts)
    prefixes = []
    for k, text in enumerate(texts):  # (the batch's contexts, marked as the steps would)
        ctx = batch.ctxs[k]
        for i in range(ctx.lines.n_lines):
            rule = data.draw(RULES)
            if rule is not None:
                ctx.marks.mark(i, rule)
        prefixes.append(prefix_of(ctx, data.draw))
    got = _cut_all(batch, prefixes)
    want = [build_removals(ctx, [prefix] if prefix else []) for ctx, prefix in zip(batch.ctxs, prefixes)]
    for (clean, removals), (want_clean, want_removals) in zip(got, want):
        assert clean == want_clean
        assert as_tuples(removals) == as_tuples(want_removals)
        assert all(type(r) is Removal for r in removals)
    for (clean, removals), text in zip(got, texts):  # (the invariant every cut keeps)
        assert all(text[r.start:r.end] == r.text for r in removals)
        assert len(clean) + sum(len(r.text) for r in removals) == len(text)


@pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")
@pytest.mark.parametrize("text, rules, want_clean", [
    ("Home\nStory.", ["nav.menu", None], "Story."),
    ("Story.\nHome", [None, "nav.menu"], "Story."),                     # takes the "\n" before it
    ("Story.\r\nHome", [None, "nav.menu"], "Story."),                   # and the "\r" before that
    ("Story.\n\nShare\n\nShare", [None, None, "s", "repeat.block", "s"], "Story.\n"),
    ("A\n \nB\n", ["x", "y", None, None], "B\n"),                       # a blank span joins the cut above
    (" \nB\nC", ["y", None, None], " \nB\nC"),                          # ...and with no cut beside it stays
    ("A\n\u200b\nB", [None, "y", None], "A\nB"),                        # (not isspace: a cut of its own)
    ("Home\n", ["nav.menu", None], ""),
])
def test_compiled_cuts_on_edge_cases(text, rules, want_clean):
    batch = Batch.of([text])
    for i, rule in enumerate(rules):
        if rule is not None:
            batch.ctxs[0].marks.mark(i, rule)
    [(clean, removals)] = _cut_all(batch, [None])
    assert clean == want_clean
    assert (clean, as_tuples(removals)) == (lambda c, r: (c, as_tuples(r)))(*build_removals(batch.ctxs[0]))


@pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")
def test_compiled_cuts_leave_a_tie_to_python():
    """An extra span starting where a marked line starts is ordered by `sorted` in
    Python (by end, then rule): the kernel hands that document back (None)."""
    from corpus_clean import _native

    batch = Batch.of(["Home\nStory."])
    batch.ctxs[0].marks.mark(0, "nav.menu")
    got = _native.cut_documents([batch.ctxs[0].text], [batch.ctxs[0].marks.rule], batch.flat.starts,
                                batch.flat.ends, batch.first, [[0, 2, "a"]], removal)
    assert got == [None]
    [(clean, removals)] = _cut_all(batch, [[0, 2, "a"]])
    assert (clean, as_tuples(removals)) == (lambda c, r: (c, as_tuples(r)))(*build_removals(batch.ctxs[0], [[0, 2, "a"]]))


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.text(max_size=5), st.text(max_size=20))
def test_removal_is_the_dataclass(start, end, rule, text):
    made, want = removal(start, end, rule, text), Removal(start, end, rule, text)
    assert made == want and repr(made) == repr(want) and hash(made) == hash(want)
    with pytest.raises(AttributeError):  # (still frozen)
        made.start = 1


@pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")
@given(st.lists(TEXTS, min_size=1, max_size=4), st.data())
@settings(max_examples=100, deadline=None)
def test_removals_made_in_c_are_the_dataclass(texts, data):
    """Handed the Removal class, the kernel makes each Removal itself (no Python call):
    the same objects as those `removal` makes, field for field, in every way a user can
    see them (equal, repr, hash, vars, frozen, pickled)."""
    import pickle

    from corpus_clean import _native

    batch = Batch.of(texts)
    for ctx in batch.ctxs:
        for i in range(ctx.lines.n_lines):
            rule = data.draw(RULES)
            if rule is not None:
                ctx.marks.mark(i, rule)
    args = ([ctx.text for ctx in batch.ctxs], [ctx.marks.rule for ctx in batch.ctxs], batch.flat.starts,
            batch.flat.ends, batch.first, [None] * len(texts))
    by_class, by_function = _native.cut_documents(*args, Removal), _native.cut_documents(*args, removal)
    assert by_class == by_function
    for cut in by_class:
        for made in cut[1]:
            want = Removal(made.start, made.end, made.rule, made.text)
            assert type(made) is Removal and made == want and repr(made) == repr(want) and hash(made) == hash(want)
            assert vars(made) == vars(want) and list(vars(made)) == ["start", "end", "rule", "text"]
            assert pickle.loads(pickle.dumps(made)) == made
            with pytest.raises(AttributeError):  # (still frozen)
                made.rule = "x"


@given(st.lists(TEXTS, min_size=1, max_size=5))
@settings(max_examples=100, deadline=None)
def test_batch_flat_lines_match_the_gathered_ones(texts):
    batch = Batch.of(texts)
    flat, gathered = batch.flat_lines(), flat_lines_of(batch.ctxs)
    assert flat.raw == gathered.raw
    for name in ("first_line", "n_words", "blank", "in_head", "in_tail", "starts", "keywords_apply"):
        assert np.array_equal(getattr(flat, name), getattr(gathered, name)), name


def test_line_rules_are_the_same_from_the_batch_arrays():
    rules = load_rules()
    texts = ["Home\nNews\nShare this\nThe council voted on Tuesday to close the old bridge for repairs.\n",
             "Follow us on Twitter\n\nA long enough sentence of words, written as prose for the test here.\n© 2024"]
    batch = Batch.of(texts)
    rules.line_cache.clear()
    from_batch = line_rules_many(batch.ctxs, rules, batch.flat_lines())
    rules.line_cache.clear()
    gathered = line_rules_many([Context(t) for t in texts], rules)
    assert [{i: r.id for i, r in d.items()} for d in from_batch] == [{i: r.id for i, r in d.items()} for d in gathered]
    assert any(from_batch)


def test_strip_many_is_the_same_without_the_compiled_cuts():
    texts = ["Home\nNews\nWorld\nSport\nWeather\nThe council voted on Tuesday to close the old bridge for repairs.\n"
             "Share this article\n© 2024 The Paper", "Only prose here, nothing to cut from it at all today."]
    with_kernels = [(c, as_tuples(r)) for c, r in strip_many(texts)]
    with native.twins_only():
        twins = [(c, as_tuples(r)) for c, r in strip_many(texts)]
    assert with_kernels == twins
    assert with_kernels[0][1]  # (something was cut)

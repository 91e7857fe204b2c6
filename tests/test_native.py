"""The compiled kernels (corpus_clean/_native.c) against their numpy twins, and the whole
core both ways.

Each kernel must give exactly its twin's output (same dtypes, same values) on generated
inputs: any mix of ASCII, accents, CJK, every character ``str.isspace`` calls a space,
lone surrogates, empty texts and very long lines. Without the compiled module (no
compiler at install) only the fallback is there and these tests are skipped; the twins'
own tests run either way.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.boilerplate.classifier import main_run_echo, word_keys_native, word_keys_numpy
from corpus_clean.boilerplate.features import (
    STOP_WORDS, Lines, lie_end_to_end, line_counts_native, line_counts_numpy, line_stats, line_stats_native,
    lines_of_stripped, split_lines,
)
from corpus_clean.signals import (
    line_signals_native, line_signals_numpy, ngram_covered_native, ngram_covered_numpy, ngram_signals,
)
from corpus_clean.words import BatchWords, split_native, split_numpy

pytestmark = pytest.mark.skipif(not native.built(), reason="corpus_clean._native was not built")

EVERY_SPACE = "".join(chr(cp) for cp in range(0x110000) if chr(cp).isspace()) + "\u200b\ufeff"
# Characters that exercise every branch: classes, case, digits, CJK, full-width
# sentence ends, characters past the class table, a lone surrogate, NUL.
ALPHABET = st.sampled_from(list("aAzZ09.!?\"'-#…—’»é日本語のテキｱ！？\U0001F600\ud800\x00İß") + list(EVERY_SPACE))
WORDS = st.sampled_from(STOP_WORDS[:12] + ["The", "THE", "pier", "Pier.", "théâtre", "x" * 9, "日本"])
TEXTS = st.lists(st.one_of(ALPHABET, WORDS, st.just("\n"), st.just(" ")), max_size=120).map("".join)


def assert_same_fields(want, got) -> None:
    """Two dataclasses of arrays (``LineCounts``, ``LineStats``) hold the same values, dtypes and shapes."""
    for name in want.__dataclass_fields__:
        expected, actual = getattr(want, name), getattr(got, name)
        assert actual.dtype == expected.dtype and actual.shape == expected.shape, name
        assert np.array_equal(actual, expected), (name, expected, actual)


def assert_same_counts(text: str, starts: np.ndarray, ends: np.ndarray) -> None:
    """The histogram kernel ``line_counts`` against its numpy twin."""
    assert_same_fields(line_counts_numpy(text, starts, ends), line_counts_native(text, starts, ends))


def assert_same_stats(text: str, starts: np.ndarray, ends: np.ndarray) -> None:
    """The compiled ``line_stats`` kernel against the numpy twin's histogram reduced."""
    with native.twins_only():
        want = line_stats(Lines(text, [], starts, ends, []))
    assert_same_fields(want, line_stats_native(text, starts, ends))


# Both kernels of the per-line counts, checked on the same inputs.
LINE_KERNEL_CHECKS = [assert_same_counts, assert_same_stats]


@pytest.mark.parametrize("check", LINE_KERNEL_CHECKS)
@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_line_counts_match_the_numpy_twin(check, text):
    lines = split_lines(text)
    check(text, lines.starts, lines.ends)


@pytest.mark.parametrize("check", LINE_KERNEL_CHECKS)
@given(lines=st.lists(TEXTS.map(lambda t: t.replace("\n", " ").strip()), max_size=8))
@settings(max_examples=100, deadline=None)
def test_line_counts_match_on_stripped_lines(check, lines):
    joined = lines_of_stripped(lines or [""])
    check(joined.text, joined.starts, joined.ends)


@pytest.mark.parametrize("text", [
    "",  # one empty line
    "\n\n\n",
    "the " * 50_000 + "\nend",  # one huge line
    EVERY_SPACE * 3 + "the" + EVERY_SPACE,
    "The\u3000and\u00a0of\u2028to",  # stop words between wide spaces
    "日本語のテキスト！" * 1000,
    "about" + "\U0001F600" + "about",  # past the class table: a letter, so one long word
])
def test_line_counts_match_on_edge_cases(text):
    lines = split_lines(text)
    assert_same_counts(text, lines.starts, lines.ends)


# One alphabet per string kind (1, 2, 4 bytes per code point): the kernel's loop has a
# copy for each, so each is drawn on its own as well as mixed above.
KIND_ALPHABETS = {
    1: list("aAzZ09.!?\"'-#é\xa0\x85\x00ß \t") + STOP_WORDS[:6],
    2: list("aZ0.-…—’»日本語のｱ！？\u3000\u2028İ") + ["théâtre", "the"],
    4: list("a0.!？日\U0001F600\U00020000 ") + ["the", "of"],
}


@pytest.mark.parametrize("kind", sorted(KIND_ALPHABETS))
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_line_counts_match_the_numpy_twin_for_each_string_kind(kind, data):
    pieces = data.draw(st.lists(st.sampled_from(KIND_ALPHABETS[kind] + ["\n"]), max_size=80))
    marker = {1: "", 2: "\u0100", 4: "\U0001F600"}[kind]  # (makes the string that kind)
    text = "".join(pieces) + marker
    lines = split_lines(text)
    assert_same_counts(text, lines.starts, lines.ends)


def test_line_counts_refuse_offsets_outside_the_text():
    with pytest.raises(ValueError):
        line_counts_native("abc", np.array([0]), np.array([4]))


@given(st.lists(st.sampled_from(STOP_WORDS + ["The", "x" * 8, "abcdefghi", "thé", "日本", "and1", "1the"]),
                max_size=40), st.lists(st.sampled_from([" ", "\n", ".", "\u3000", "-", "’"]), min_size=1))
@settings(max_examples=200, deadline=None)
def test_line_stats_kernel_counts_stop_words_like_the_twin(words, separators):
    """Stop words of every length up to 8 and their near misses (9 letters, a digit
    joined, a character above 0xFF), at line ends and across kinds of separator."""
    text = "".join(word + separators[k % len(separators)] for k, word in enumerate(words))
    lines = split_lines(text)
    assert_same_stats(text, lines.starts, lines.ends)


@given(TEXTS, st.lists(st.integers(0, 120), max_size=6), st.lists(WORDS, min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_line_stats_kernel_matches_when_words_run_past_a_line_end(text, cuts, words):
    """Lines end to end but cut anywhere (inside words, empty lines, a word over several
    lines): a word and its stop-word count belong to the line where it starts."""
    text = " ".join(words) + text + "".join(words)
    bounds = sorted({0, len(text), *(min(cut, len(text)) for cut in cuts)})
    starts = np.array(bounds[:-1] + [len(text)] * (len(bounds) == 1), dtype=np.int64)
    ends = np.array(bounds[1:] + [len(text)] * (len(bounds) == 1), dtype=np.int64)
    if len(cuts) > 2:  # (and an empty line inside)
        at = int(np.searchsorted(starts, cuts[0] % max(len(text), 1)))
        starts, ends = np.insert(starts, at, ends[at - 1] if at else 0), np.insert(ends, at, ends[at - 1] if at else 0)
    assert lie_end_to_end(text, starts, ends)
    assert_same_stats(text, starts, ends)


@pytest.mark.parametrize("text", [
    "", "\n\n\n", "the " * 50_000 + "\nend", "a" * 300 + "\n" + "Ab1. " * 200,  # (past 255 characters a line)
    EVERY_SPACE * 3 + "the" + EVERY_SPACE, "The\u3000and\u00a0of\u2028to", "日本語のテキスト！" * 1000,
    "about" + "\U0001F600" + "about", "the", "of\nthe", "ｱ！？\ud800the",
])
def test_line_stats_kernel_matches_on_edge_cases(text):
    lines = split_lines(text)
    assert_same_stats(text, lines.starts, lines.ends)


@pytest.mark.parametrize("kind", sorted(KIND_ALPHABETS))
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_line_stats_kernel_matches_for_each_string_kind(kind, data):
    pieces = data.draw(st.lists(st.sampled_from(KIND_ALPHABETS[kind] + ["\n"]), max_size=80))
    text = "".join(pieces) + {1: "", 2: "\u0100", 4: "\U0001F600"}[kind]
    lines = split_lines(text)
    assert_same_stats(text, lines.starts, lines.ends)


@given(TEXTS.filter(bool), st.data())
@settings(max_examples=100, deadline=None)
def test_line_stats_kernel_refuses_lines_not_end_to_end(text, data):
    """Lines with a gap, an overlap or short of the text's end (no caller makes them)
    are refused by the end-to-end kernel, and ``line_stats`` does not hand them to it."""
    cut = data.draw(st.integers(1, len(text)))
    shape = data.draw(st.sampled_from(["gap", "overlap", "short"]))
    starts, ends = {"gap": ([0, cut], [cut - 1, len(text)]), "overlap": ([0, cut - 1], [cut, len(text)]),
                    "short": ([0], [cut - 1])}[shape]
    starts, ends = np.array(starts), np.array(ends)
    assert not lie_end_to_end(text, starts, ends)
    with pytest.raises(ValueError):
        line_stats_native(text, starts, ends)


def test_line_stats_are_the_same_through_the_switch():
    text = "Home\nThe cat sat on the mat.\n\n日本語のテキスト！"
    native_stats = line_stats(split_lines(text))
    with native.twins_only():
        assert native.active() is None
        twin_stats = line_stats(split_lines(text))
    for name in twin_stats.__dataclass_fields__:
        assert np.array_equal(getattr(native_stats, name), getattr(twin_stats, name)), name


# Lines and paragraphs: bullets, ellipses, sentence ends, blank lines of every kind of space.
LINE_PIECES = st.sampled_from(["• ", "- ", "* ", "·", "-", "...", "…", ".", "!", "？", "»", "The pier", "the pier",
                               "\n", "\n\n", "\n \n", "\r\n", "\u3000\n\u2028\n", "\t"])
LINE_TEXTS = st.lists(st.one_of(LINE_PIECES, ALPHABET), max_size=60).map("".join)


@given(st.lists(LINE_TEXTS, max_size=6))
@settings(max_examples=300, deadline=None)
def test_line_signals_match_the_twin(texts):
    assert _as_lists(line_signals_native(texts)) == line_signals_numpy(texts)


def _as_lists(columns: dict) -> dict:
    """The compiled line signals (float64 arrays) as the twin's lists."""
    return {name: values.tolist() for name, values in columns.items()}


def test_line_signals_forget_each_texts_lines():
    """The kernel's line and paragraph sets are emptied slot by slot between texts: a line
    of an earlier text (of any size before or after) never counts as a repeat in the next."""
    small, big = "Home\nThe pier reopens.\n\nHome", "Home\n" + "A new paragraph of the story.\n\n" * 3_000
    texts = [small, "Home\nThe pier reopens.", big, "The pier reopens.\n\nHome", small, "x", big]
    columns = line_signals_native(texts)
    assert _as_lists(columns) == line_signals_numpy(texts)
    one_by_one = [line_signals_native([text]) for text in texts]
    for name, values in columns.items():
        assert values.tolist() == [column[name][0] for column in one_by_one], name


def test_line_signals_on_a_huge_text():
    texts = ["Menu\n\nThe pier reopens.\n" * 20_000, "", "\n\n\n", "x" * 100_000]
    assert _as_lists(line_signals_native(texts)) == line_signals_numpy(texts)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_word_keys_match_the_numpy_twin(text):
    for case in (text, text.lower()):
        want_keys, want_rows = word_keys_numpy(case)
        got_keys, got_rows = word_keys_native(case)
        assert got_keys.dtype == want_keys.dtype and got_rows.dtype == want_rows.dtype
        assert got_keys.tolist() == want_keys.tolist() and got_rows.tolist() == want_rows.tolist()


@pytest.mark.parametrize("kind", sorted(KIND_ALPHABETS))
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_word_keys_match_the_numpy_twin_for_each_string_kind(kind, data):
    pieces = data.draw(st.lists(st.sampled_from(KIND_ALPHABETS[kind] + ["\n", "harbour", "Dredging"]), max_size=80))
    text = "".join(pieces) + {1: "", 2: " \u0100", 4: " \U0001F600"}[kind]
    want_keys, want_rows = word_keys_numpy(text)
    got_keys, got_rows = word_keys_native(text)
    assert got_keys.tolist() == want_keys.tolist() and got_rows.tolist() == want_rows.tolist()


CASED = st.sampled_from(list("AZaz0İΣσςIıÀÉŒǅǈǋǲΆΩДЖԱႠᏸẞᾈΩKÅⅠⒶＡ𐐀𞤀") + ["ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "İSTANBUL", "Straße"])


@given(st.lists(st.one_of(CASED, ALPHABET, st.just("\n"), st.just(" ")), max_size=120).map("".join))
@settings(max_examples=300, deadline=None)
def test_word_keys_lower_casing_as_they_read_match_str_lower(text):
    """The kernel's own lower-casing gives the keys of ``text.lower()``: title-case
    digraphs, the Kelvin and Ångström signs, Roman numerals, astral capitals, and the two
    characters str.lower reads in context ("İ", "Σ" at a word's end), which go to Python."""
    want_keys, want_rows = word_keys_numpy(text.lower())
    got_keys, got_rows = word_keys_native(text, lower=True)
    assert got_keys.tolist() == want_keys.tolist() and got_rows.tolist() == want_rows.tolist()


def test_word_keys_lower_case_every_code_point_as_str_lower():
    """Every code point, four times over as a word of its own (a letter's lower case
    must hash as str.lower's): the kernel's lower-casing is str.lower's for each."""
    for first in range(0, 0x110000, 0x10000):
        text = " ".join(chr(cp) * 4 for cp in range(first, first + 0x10000) if cp not in (0x130, 0x3A3))
        want_keys, want_rows = word_keys_numpy(text.lower())
        got_keys, got_rows = word_keys_native(text, lower=True)
        assert np.array_equal(got_keys, want_keys) and np.array_equal(got_rows, want_rows), hex(first)


def test_word_keys_refuse_context_lower_casing_in_the_kernel():
    from corpus_clean import _native
    from corpus_clean.boilerplate.classifier import _CLASS_TABLE_CLAMPED, _WIDE_CLASSES, ALPHA, DIGIT

    for text in ("İSTANBUL", "ΟΔΥΣΣΕΥΣ"):
        room = len(text) + 1
        with pytest.raises(ValueError):
            _native.word_keys(text, _CLASS_TABLE_CLAMPED, _WIDE_CLASSES, ALPHA | DIGIT, 4, 3, np.empty(room, np.uint64),
                              np.empty(room, np.int64), True)


def test_word_echo_is_the_same_through_the_switch():
    lines = ["Harbour dredging starts in April, the port office said.", "théâtre 日本語のテキスト " * 500,
             "The dredging will close the north channel to boats.", "", "School board rejects four-day week"]
    got = main_run_echo(lines, 0, 2)
    with native.twins_only():
        want = main_run_echo(lines, 0, 2)
    assert got.tolist() == want.tolist()


def assert_same_split(texts: pa.Array) -> None:
    want, got = split_numpy(texts), split_native(texts)
    for name in ("lengths", "doc", "ids"):
        expected, actual = getattr(want, name), getattr(got, name)
        assert actual.dtype == expected.dtype and actual.tolist() == expected.tolist(), name
    assert got.vocabulary.type == want.vocabulary.type and got.vocabulary.to_pylist() == want.vocabulary.to_pylist()


UTF8_TEXTS = TEXTS.map(lambda text: text.replace("\ud800", "\ufffd"))  # (Arrow strings are UTF-8)


@given(st.lists(UTF8_TEXTS, min_size=1, max_size=10), st.integers(0, 3), st.booleans())
@settings(max_examples=300, deadline=None)
def test_split_matches_the_numpy_twin(texts, skip, large):
    """Any texts (a slice of an array too: its offsets do not start at 0), both string types;
    the same words, ids and vocabulary (in the order Arrow's dictionary_encode gives)."""
    array = pa.array(texts, pa.large_string() if large else pa.string())
    assert_same_split(array.slice(min(skip, len(array) - 1)))
    assert split_native(array).word_lists() == [text.split() for text in texts]


@pytest.mark.parametrize("texts", [
    [""], ["", ""], [" "], [EVERY_SPACE], ["word" * 100_000],
    ["a" + EVERY_SPACE[-1], EVERY_SPACE[-1] + "b"],  # a wide space ends one text, starts the next
    ["ab", "cd", "", "ef"],  # words that touch across texts stay apart
    [" ".join(f"w{k}" for k in range(50_000))],  # a vocabulary past the first hash table sizes
])
def test_split_matches_on_edge_cases(texts):
    assert_same_split(pa.array(texts))


def batch_words(docs: list[list[str]]) -> tuple[BatchWords, np.ndarray, np.ndarray]:
    words = BatchWords.of(docs)
    chars = words.per_word(pa.compute.utf8_length(words.vocabulary)).astype(np.int64)
    words_left = np.cumsum(words.lengths)[words.doc] - np.arange(len(words.ids))
    return words, words_left, np.concatenate([[0], np.cumsum(chars)])


# Few distinct words, so n-grams repeat at every n; documents from empty to long.
DOCS = st.lists(st.lists(st.sampled_from(["a", "b", "the", "pier", "théâtre", "日本"]), max_size=60), max_size=12)


@given(DOCS)
@settings(max_examples=300, deadline=None)
def test_ngram_counts_match_the_numpy_twin(docs):
    words, words_left, chars_cumsum = batch_words(docs)
    if not len(words.ids):
        return  # ngram_signals never calls them without words
    want = ngram_covered_numpy(words, words_left, chars_cumsum)
    got = ngram_covered_native(words, words_left, chars_cumsum)
    for name, covered in got.items():
        expected = want.get(name, np.zeros(len(docs)))  # the twin leaves out sizes no document reaches
        assert np.array_equal(covered.astype(np.float64), np.asarray(expected, dtype=np.float64)), name


@given(DOCS)
@settings(max_examples=100, deadline=None)
def test_ngram_signals_are_the_same_through_the_switch(docs):
    words = BatchWords.of(docs)
    got = ngram_signals(words)
    with native.twins_only():
        want = ngram_signals(words)
    assert {name: values.tolist() for name, values in got.items()} == {
        name: values.tolist() for name, values in want.items()}


def test_ngram_counts_refuse_documents_out_of_order():
    """The kernel counts each document's n-grams as one run of words: words of a document
    split over two runs would be counted apart, so it refuses them."""
    from corpus_clean import _native

    words, words_left, chars_cumsum = batch_words([["a", "b", "a", "b"], ["a", "b"]])
    doc = words.doc[::-1].copy()
    top = np.zeros((11, 2), dtype=np.int64)
    flags = np.ones(11, dtype=np.uint8)
    with pytest.raises(ValueError, match="ascending"):
        _native.ngram_counts(words.ids, doc, np.ones_like(words_left), chars_cumsum, 2, flags, flags, top, top.copy())


def test_ngram_counts_on_a_huge_repetitive_batch():
    docs = [["the", "pier", "a"] * 3000, ["b"] * 5000, []]
    words, words_left, chars_cumsum = batch_words(docs)
    want = ngram_covered_numpy(words, words_left, chars_cumsum)
    got = ngram_covered_native(words, words_left, chars_cumsum)
    assert {k: np.asarray(v, dtype=np.float64).tolist() for k, v in want.items()} == {
        k: v.astype(np.float64).tolist() for k, v in got.items()}


@given(st.lists(st.integers(0, 400), min_size=1, max_size=8), st.integers(0, 5))
@settings(max_examples=60, deadline=None)
def test_ngram_counts_with_one_document_far_longer_than_the_rest(short_lengths, long_at):
    """The kernel sizes its buffers and table by the batch's longest document (not the
    batch): a long repetitive document among short ones, wherever it stands, counts as
    the twin counts it (a buffer short by one word would read past its end)."""
    vocabulary = ["the", "pier", "a", "théâtre"]
    docs = [[vocabulary[(k * k + n) % 4] for k in range(n)] for n in short_lengths]
    docs.insert(min(long_at, len(docs)), ["the", "pier", "a"] * 700 + ["b"])
    words, words_left, chars_cumsum = batch_words(docs)
    want = ngram_covered_numpy(words, words_left, chars_cumsum)
    got = ngram_covered_native(words, words_left, chars_cumsum)
    for name, covered in got.items():
        expected = want.get(name, np.zeros(len(docs)))
        assert np.array_equal(covered.astype(np.float64), np.asarray(expected, dtype=np.float64)), name


def test_the_core_writes_the_same_parquet_both_ways(tmp_path):
    """The shipped sample (data/raw) through the whole core with the compiled kernels and
    with the twins: the Parquet files read back are equal cell by cell."""
    from corpus_clean.readers import list_input_files
    from corpus_clean.shards import clean_shard, plan_shards
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    from tests.conftest import REPO

    steps = resolve_steps(DEFAULT_STEPS)
    [shard] = plan_shards(list_input_files(str(REPO / "data" / "raw")), target_bytes=1 << 50)
    pq.write_table(clean_shard(shard, run_id="same", steps=steps).rows, tmp_path / "native.parquet")
    with native.twins_only():
        pq.write_table(clean_shard(shard, run_id="same", steps=steps).rows, tmp_path / "twins.parquet")
    compiled, twins = pq.read_table(tmp_path / "native.parquet"), pq.read_table(tmp_path / "twins.parquet")
    assert compiled.num_rows == twins.num_rows > 0
    assert compiled.column_names == twins.column_names
    for name in twins.column_names:
        assert compiled.column(name).to_pylist() == twins.column(name).to_pylist(), name


# --- classifier.TreeModel: the trees' leaf values summed by the kernel --------------------


def random_tree_model(data, n_features: int) -> "TreeModel":
    """An oblivious-tree model of random shape: features asked again and again (shared
    questions), thresholds drawn among the values rows take, leaf values of mixed
    magnitudes (so the order of the sum shows in the last bits)."""
    from corpus_clean.boilerplate.classifier import TreeModel

    depth = data.draw(st.integers(1, 7), label="depth")
    n_trees = data.draw(st.integers(1, 40), label="trees")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    names = [f"f{k}" for k in range(n_features)]
    params = {"kind": "oblivious-gbdt", "features": names, "base": float(rng.normal()), "depth": depth,
              "split_feature": rng.integers(0, n_features, (n_trees, depth)).tolist(),
              "split_threshold": rng.choice([-1.0, 0.0, 0.5, 1.0, 1e-7, 3.25], (n_trees, depth)).tolist(),
              "leaf_value": (rng.normal(size=(n_trees, 2**depth)) * 10.0 ** rng.integers(-8, 1, (n_trees, 1))).tolist()}
    return TreeModel(params, names)


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_tree_sums_give_the_twins_probabilities(data):
    n_features = data.draw(st.integers(1, 6))
    model = random_tree_model(data, n_features)
    n_rows = data.draw(st.sampled_from([1, 2, 3, 63, 64, 65, 130, 2049, 2100]))
    # (values on and around the thresholds, NaN and infinities)
    values = np.array([0.0, -1.0, 1.0, 0.5, 1e-7, 3.25, np.nan, np.inf, -np.inf, 7.5], dtype=np.float32)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="rows seed"))
    X = rng.choice(values, size=(n_rows, n_features))
    got = model.predict_proba(X)
    with native.twins_only():
        want = model.predict_proba(X)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_tree_sums_of_the_shipped_model_on_generated_pages():
    from corpus_clean.boilerplate.classifier import line_features_many, load_model
    from corpus_clean.boilerplate.engine import contexts_of

    model = load_model()
    texts = ["Home\nNews\nSport\n\nThe harbour reopens on Monday after a month of dredging, the port office said.\n"
             "Boats will use the south channel until June.\nShare this\n" * k for k in range(1, 30)]
    _, X, rows = line_features_many(contexts_of(texts))
    got = model.predict_proba(X, rows)
    with native.twins_only():
        want = model.predict_proba(X, rows)
    assert got.tobytes() == want.tobytes()


def test_tree_sums_refuse_tables_that_do_not_fit():
    from corpus_clean import _native

    features, sums = np.zeros((2, 3), dtype=np.float32), np.zeros(3)
    leaves = np.zeros(4)
    ok = (np.array([0, 1]), np.array([0.5, 0.5], dtype=np.float32), np.array([0, 1]))
    _native.tree_sums(features, 3, *ok, 2, leaves, sums)  # (fits: one tree of depth 2)
    with pytest.raises(ValueError):  # a question on a feature past the matrix
        _native.tree_sums(features, 3, np.array([0, 2]), ok[1], ok[2], 2, leaves, sums)
    with pytest.raises(ValueError):  # a tree asking a question that does not exist
        _native.tree_sums(features, 3, ok[0], ok[1], np.array([0, 2]), 2, leaves, sums)
    with pytest.raises(ValueError):  # too few leaf values
        _native.tree_sums(features, 3, *ok, 2, np.zeros(3), sums)


# --- classifier.stable_order: numpy's stable argsort of uint64 keys, by buckets or radix sort


@given(st.lists(st.one_of(st.integers(0, 2**64 - 1), st.sampled_from([0, 1, 255, 256, 2**63, 2**64 - 1, 0x0100010001])),
                max_size=3000))
@settings(max_examples=300, deadline=None)
def test_stable_order_is_numpys_stable_argsort(keys):
    from corpus_clean.boilerplate.classifier import stable_order

    keys = np.array(keys, dtype=np.uint64)
    want = np.argsort(keys, kind="stable")
    got = stable_order(keys)
    assert got.dtype == want.dtype and got.tolist() == want.tolist()
    with native.twins_only():
        assert stable_order(keys).tolist() == want.tolist()


@pytest.mark.parametrize("keys", [
    np.zeros(0, dtype=np.uint64), np.full(5000, 7, dtype=np.uint64),  # (every pass skipped)
    np.arange(70_000, dtype=np.uint64)[::-1] << np.uint64(40),  # (only the high bytes differ)
    np.random.default_rng(1).integers(0, 4, 100_000).astype(np.uint64) * np.uint64(0x0101010101010101),
    # (hash-like keys, each many times: sorted in buckets of their top bits, the usual case)
    np.random.default_rng(2).integers(0, 2**64 - 1, 500, dtype=np.uint64)[np.random.default_rng(3).integers(0, 500, 60_000)],
    np.random.default_rng(5).integers(0, 2**64 - 1, 300_000, dtype=np.uint64),  # (past 2^16 buckets)
    # (hash-like keys, then small ones out of order that crowd one bucket: past the moves'
    # budget the buckets are dropped midway for the radix sort)
    np.r_[np.random.default_rng(4).integers(0, 2**64 - 1, 20_000, dtype=np.uint64),
          np.arange(3000, dtype=np.uint64)[::-1]],
])
def test_stable_order_on_edge_cases(keys):
    from corpus_clean.boilerplate.classifier import stable_order

    assert stable_order(keys).tolist() == np.argsort(keys, kind="stable").tolist()


LINE_TEXTS = st.sampled_from(["Home", "News", "Share this", "", "Héllo", "日本", "\ud800"])


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_cached_verdicts_and_verdict_maps_match_their_twins(data):
    """``line_rules_many``'s two loops in C give their twins' lists and dicts (same
    verdict objects, same misses in order, same keys in insertion order) for any caches,
    flags, documents of any length (one line or more) and verdicts, None and the
    "unseen" marker among them. Fails on main: no ``cached_verdicts``/``verdict_maps``."""
    from corpus_clean.boilerplate import engine

    kernels = native.active()
    unseen = engine._UNSEEN
    values = ["nav", "share", None, unseen]
    raw = data.draw(st.lists(LINE_TEXTS, min_size=1, max_size=30))
    caches = [data.draw(st.dictionaries(LINE_TEXTS, st.sampled_from(values), max_size=5)) for _ in range(8)]
    lines = sorted(data.draw(st.sets(st.integers(0, len(raw) - 1))))
    which = [data.draw(st.integers(0, 7)) for _ in lines]
    want = engine._cached_verdicts_py(caches, which, lines, raw, unseen)
    got = kernels.cached_verdicts(caches, which, lines, raw, unseen)
    assert got[1] == want[1] and all(a is b for a, b in zip(got[0], want[0])) and len(got[0]) == len(want[0])
    # (the judge fills the misses in; any verdict may then stand anywhere)
    verdicts = [data.draw(st.sampled_from(["nav", "share", None])) for _ in lines]
    sizes = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=8))
    first_line = np.cumsum([0] + sizes[:-1]).astype(np.int64)
    rows = sorted(data.draw(st.sets(st.integers(0, int(sum(sizes)) - 1), max_size=len(verdicts))))
    verdicts = verdicts[:len(rows)]
    want_maps = engine._verdict_maps_py(verdicts, rows, first_line, len(sizes))
    got_maps = kernels.verdict_maps(verdicts, rows, first_line, len(sizes))
    assert [list(m.items()) for m in got_maps] == [list(m.items()) for m in want_maps]


def test_cached_verdicts_refuse_bad_indexes():
    """An index past the caches or the lines is an error, not a read past a list."""
    kernels = native.active()
    with pytest.raises(IndexError):
        kernels.cached_verdicts([{}], [1], [0], ["a"], object())
    with pytest.raises(IndexError):
        kernels.cached_verdicts([{}], [0], [1], ["a"], object())
    with pytest.raises(ValueError):
        kernels.verdict_maps(["x"], [0], np.array([0], dtype=np.int64), 2)


@given(DOCS, st.sampled_from([1, -1, 1 << 20, -(1 << 40) + 7, (1 << 62) + 1]), st.integers(-(1 << 50), 1 << 50))
@settings(max_examples=150, deadline=None)
def test_ngram_counts_are_the_same_whatever_range_the_ids_lie_in(docs, scale, offset):
    """The kernel leaves out before hashing the starts whose next word's (n-1)-gram did
    not repeat, counting the words' repeats by id when the ids lie in a small range and
    hashing every start when they do not (round 21): the same counts either way, so ids
    spread over any range (a bijection of a vocabulary's ids, wrapping past int64's ends
    for the largest scale: ids from near -2**63 to near 2**63) give the twin's counts."""
    from corpus_clean import _native
    from corpus_clean.signals import _IS_DUP, _IS_TOP, _MAX_N

    words, words_left, chars_cumsum = batch_words(docs)
    if not len(words.ids):
        return
    want = ngram_covered_numpy(words, words_left, chars_cumsum)
    with np.errstate(over="ignore"):  # (int64 arrays wrap: an odd scale is still a bijection)
        ids = words.ids.astype(np.int64) * np.int64(scale) + np.int64(offset)
    top = np.zeros((_MAX_N + 1, len(docs)), dtype=np.int64)
    dup = np.zeros_like(top)
    _native.ngram_counts(ids, words.doc.astype(np.int64), words_left.astype(np.int64), chars_cumsum.astype(np.int64),
                         len(docs), _IS_TOP, _IS_DUP, top, dup)
    for name, expected in want.items():
        n = int(name.split("_")[1][:-4])
        got = (top if name.startswith("top") else dup)[n]
        assert np.array_equal(got.astype(np.float64), np.asarray(expected, dtype=np.float64)), name

"""The compiled word pass of the quality signals (corpus_clean/_signals_native.c) gives the
same signals as the pure-Python twin (``native.twins_only``), bit for bit, on any text."""
from __future__ import annotations

import math
import struct

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native, signals
from corpus_clean.signals import compute_signals, stop_words
from corpus_clean.words import split_batch, split_native

pytestmark = pytest.mark.skipif(signals.compiled_word_pass() is None,
                                reason="corpus_clean._signals_native was not built or is switched off")

EVERY_SPACE = "".join(chr(cp) for cp in range(0x110000) if chr(cp).isspace())
STOP = sorted(stop_words()["en"])[:10] + sorted(stop_words()["de"])[:5]
# Pieces that reach every branch of the pass: ASCII words in any case with punctuation,
# non-ASCII words (accents, combining marks, CJK, astral, characters lowercasing to two),
# every kind of space, dot runs, "#", "…", brackets, "lorem ipsum" in mixed case and cut.
PIECES = st.sampled_from(
    STOP + ["The", "THE", "Pier.", "it's", "2.5", "—", "“quoted”", "e\u0301t\u00e9", "日本語", "テキスト", "\U0001F600",
            "İstanbul", "STRASSE", "ß", "ǅ", "\u212a", "Ωμέγα", "#tag", "{x}", "...", "....", "......", "…",
            "Lorem Ipsum", "LOREM IPSUM", "lorem  ipsum", "lorem\u00a0ipsum", "lorem ipsu", "_x_", "a_b", "\x00",
            "\x1c", "•", "- item"]) | st.sampled_from(list(EVERY_SPACE)) | st.just("\n") | st.just(" ")
TEXTS = st.lists(PIECES | st.text(max_size=8), max_size=80).map("".join)
LANGS = st.sampled_from(["en", "de", "fr", None, "xx"])


def bits(values: list) -> list:
    """Floats by their bits (0.0 and -0.0 apart, NaN equal to itself), other values as they are."""
    return [struct.pack("<d", v) if isinstance(v, float) else v for v in values]


def assert_same_signals(texts: list[str], langs: list[str | None]) -> None:
    scores = [0.5] * len(texts)
    got = compute_signals(texts, langs, scores)
    with native.twins_only():
        want = compute_signals(texts, langs, scores)
    assert got.type == want.type
    for name in want.type.names if hasattr(want.type, "names") else [f.name for f in want.type]:
        assert bits(got.field(name).to_pylist()) == bits(want.field(name).to_pylist()), name


def utf8_only(text: str) -> str:
    """Lone surrogates out: Arrow holds UTF-8 only (both paths raise alike on them, below)."""
    return text.encode("utf-8", "replace").decode("utf-8")


@given(st.lists(TEXTS.map(utf8_only), min_size=1, max_size=8), st.data())
@settings(max_examples=400, deadline=None)
def test_the_compiled_pass_gives_the_twins_signals(texts, data):
    langs = [data.draw(LANGS) for _ in texts]
    assert_same_signals(texts, langs)


@given(st.lists(st.text().map(utf8_only), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_the_compiled_pass_on_any_unicode(texts):
    assert_same_signals(texts, ["en"] * len(texts))


@pytest.mark.parametrize("texts", [
    [""], ["", "", ""], [" "], [EVERY_SPACE], ["\n\n\n"],
    ["word " * 60_000],  # a vocabulary past the hash table's first sizes and a huge line
    [" ".join(f"w{k}" for k in range(70_000))],
    ["ab" * 200_000],  # one huge word
    ["the pier " * 5000, "", "The Pier, the pier. " * 3000],  # heavy n-gram repetition
    ["a\u0301" * 1000, "\u0301\u0301 \u0301"],  # combining marks alone and after letters
    ["日本語のテキスト。" * 500],  # CJK without spaces
    ["\U0001F600 \U00010400\U00010428 𝐀𝐁"],  # astral letters and symbols
    ["." * k for k in range(10)],  # dot runs: str.count("...") is non-overlapping
    ["LoReM iPsUm lorem ipsum LOREM IPSUM", "lorem ipsumlorem ipsum", "xlorem ipsumx"],
    ["İSTANBUL İpsum lorem İpsum \u212aelvin"],  # the characters lower() turns into ASCII ones
])
def test_the_compiled_pass_on_edge_cases(texts):
    assert_same_signals(texts, ["en"] * len(texts))
    assert_same_signals(texts, [None] * len(texts))


def test_mixed_languages_in_one_batch():
    texts = ["the pier and the harbour", "der Hafen und die Stadt", "le port et la ville", "el puerto", "x"]
    assert_same_signals(texts, ["en", "de", "fr", "es", "zz"])
    got = compute_signals(texts, ["en", "de", "fr", "es", "zz"], [1.0] * 5).field("stop_word_count").to_pylist()
    assert got[0] == 3 and got[1] >= 2 and got[4] == 0


def test_lone_surrogates_raise_as_in_the_twin():
    """A text Arrow cannot hold fails the batch the same way both ways (the shard then
    quarantines that record alone)."""
    with pytest.raises(Exception) as compiled:
        compute_signals(["ok \udfff"], ["en"], [1.0])
    with native.twins_only(), pytest.raises(Exception) as twin:
        compute_signals(["ok \udfff"], ["en"], [1.0])
    assert type(compiled.value) is type(twin.value)


def test_only_two_characters_lowercase_into_ascii():
    """The pass counts "lorem ipsum" by ASCII case folding, where the twin counts it in
    text.lower(): equal because the only non-ASCII characters whose lower() holds ASCII are
    "İ" (→ "i" + a combining dot, never followed by "p") and the Kelvin sign (→ "k")."""
    into_ascii = {cp for cp in range(0x80, 0x110000)
                  if not 0xD800 <= cp < 0xE000 and any(ord(c) < 0x80 for c in chr(cp).lower())}
    assert into_ascii == {0x130, 0x212A}
    assert "\u0130".lower() == "i\u0307" and "\u212a".lower() == "k"


def test_the_split_is_handed_to_the_dedup_signatures():
    """After the compiled pass the next ``split_batch`` of the same texts (the dedup
    signatures) gets the split the pass made, equal to the split kernel's."""
    texts = ["The pier, the\u00a0pier", "", "Ωμέγα 日本 “quoted”"]
    compute_signals(texts, ["en"] * 3, [1.0] * 3)
    handed = split_batch(texts)
    want = split_native(pa.array(texts, pa.string()))
    assert handed.lengths.tolist() == want.lengths.tolist()
    assert handed.doc.tolist() == want.doc.tolist()
    assert handed.ids.tolist() == want.ids.tolist()
    assert handed.vocabulary.to_pylist() == want.vocabulary.to_pylist()


def call_word_pass(texts, **change):
    """``_signals_native.word_pass`` with word_pass_native's arguments, some replaced."""
    from corpus_clean import _signals_native
    from corpus_clean.words import _IS_ASCII_SPACE, _text_buffers

    offsets, data, _ = _text_buffers(pa.array(texts, pa.string()))
    args = dict(data=data, offsets=np.ascontiguousarray(offsets, dtype=np.int64), space=_IS_ASCII_SPACE,
                wide=signals._WIDE_SPACE_CODES, drop=signals._ASCII_DROP, letters=signals._ascii_letters(),
                facts=signals.word_facts, sets=(stop_words()["en"],), max_bytes=signals._stop_max_bytes(),
                langs=np.zeros(len(texts), dtype=np.int64),
                counts=np.zeros((len(texts), len(_signals_native.COUNTS)), dtype=np.int64),
                ngram_inputs=np.full((4, len(data) // 2 + len(texts) + 2), -7, dtype=np.int64))
    args.update(change)
    raw_ids, vocabulary, n_norm = _signals_native.word_pass(*args.values())
    norm_ids, norm_doc, words_left, chars_cumsum = args["ngram_inputs"]
    return (raw_ids, vocabulary, norm_ids[:n_norm].tobytes(), norm_doc[:n_norm].tobytes(),
            words_left[:n_norm].tobytes(), chars_cumsum[:n_norm + 1].tobytes()), args["counts"]


def test_word_pass_counts_one_text():
    (raw_ids, _, norm_ids, norm_doc, words_left, chars_cumsum), counts = call_word_pass(
        ["The pier... #1 — the {PIER} lorem ipsum…"])
    row = dict(zip(signals._signals_native.COUNTS, counts[0].tolist()))
    # words: The pier... #1 — the {PIER} lorem ipsum…; normalised: the pier 1 "" the pier lorem ipsum
    assert row == {"words": 8, "no_letter": 2, "norm_words": 7, "norm_chars": 25, "stop_words": 2, "symbols": 3,
                   "brackets": 2, "lorem": 1, "chars": 40}
    assert np.frombuffer(raw_ids, dtype=np.int64).tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
    assert np.frombuffer(norm_ids, dtype=np.int64).tolist() == [0, 1, 2, 0, 1, 4, 5]  # "" took id 3
    assert np.frombuffer(norm_doc, dtype=np.int64).tolist() == [0] * 7
    assert np.frombuffer(words_left, dtype=np.int64).tolist() == [7, 6, 5, 4, 3, 2, 1]
    assert np.frombuffer(chars_cumsum, dtype=np.int64).tolist() == [0, 3, 7, 8, 11, 15, 20, 25]


@pytest.mark.parametrize("change, error", [
    (dict(space=np.zeros(10, dtype=np.uint8)), ValueError),
    (dict(langs=np.array([3], dtype=np.int64)), ValueError),  # no stop-word set 3
    (dict(offsets=np.array([0, 10**6], dtype=np.int64)), ValueError),
    (dict(counts=np.zeros((1, 2), dtype=np.int64)), ValueError),
    (dict(ngram_inputs=np.zeros((4, 3), dtype=np.int64)), ValueError),  # no room for the n-gram inputs
    (dict(ngram_inputs=np.zeros(4 * 64 + 1, dtype=np.int64)), ValueError),  # not 4 rows
    (dict(facts=lambda word: "not a pair"), TypeError),
    (dict(facts=lambda word: 1 / 0), ZeroDivisionError),
    (dict(sets=("not a set",)), TypeError),
])
def test_word_pass_refuses_bad_arguments(change, error):
    """Fault injection: wrong table sizes, out-of-range offsets or languages, a word_facts
    that answers wrongly or raises: the pass raises and leaks nothing."""
    with pytest.raises(error):
        call_word_pass(["naïve café the pier"], **change)


def test_fractions_are_bit_identical_on_random_batches():
    """Many random documents from a fixed seed, in batches of the pipeline's size."""
    rng = np.random.default_rng(7)
    vocabulary = STOP + ["pier", "Pier,", "harbour", "2024", "—", "“Quoted”", "é", "日本", "...", "#x", "{", "}"]
    texts = []
    for _ in range(192):
        words = rng.choice(vocabulary, size=int(rng.integers(0, 400)))
        seps = rng.choice([" ", " ", " ", "\n", "\n\n", "\u00a0", "\t"], size=len(words))
        texts.append("".join(w + s for w, s in zip(words, seps)))
    for start in range(0, len(texts), 64):
        assert_same_signals(texts[start:start + 64], ["en", "de", None, "fr"] * 16)
    assert not math.isnan(compute_signals(texts[:2], ["en", "en"], [1.0, 1.0]).field("mean_word_length")[0].as_py())


def test_the_kept_arrays_serve_batches_of_any_size_in_turn():
    """The pass keeps its working arrays and the n-gram inputs from one batch to the next
    (``signals._ngram_inputs``, ``kept_memory`` in the C file), gives back those of a batch
    too large to keep, and grows them for a larger one: batches of changing sizes, small
    after large and large after small, each give the twin's signals."""
    rng = np.random.default_rng(11)
    words = STOP + ["pier", "Harbour.", "ﬁsh", "naïve", "日本", "2024", "—", "w" * 30]

    def batch(n_texts: int, n_words: int) -> list[str]:
        return [" ".join(rng.choice(words, size=n_words)) for _ in range(n_texts)]

    big = [" ".join(f"w{k % 90_000} pier" for k in range(200_000))]  # ~2.6 MB: arrays past the keep limits
    for texts in [batch(3, 50), batch(64, 700), batch(2, 10), big, batch(5, 40), batch(64, 900), [""], batch(1, 3)]:
        assert_same_signals(texts, ["en"] * len(texts))


def test_a_word_pass_inside_a_word_pass_gets_arrays_of_its_own():
    """A word_facts that runs the pass again (the kept arrays are in use: as when another
    thread starts a batch while this one's word_facts runs Python): the inner call uses
    arrays of its own, and both give the right counts."""
    inner = []

    def facts_calling_back(word):
        inner.append(call_word_pass(["naïve the pier again"]))
        return signals.word_facts(word)

    (raw_ids, _, *_), counts = call_word_pass(["naïve café the pier"], facts=facts_calling_back)
    (alone_ids, _, *_), alone_counts = call_word_pass(["naïve café the pier"])
    assert raw_ids == alone_ids and counts.tolist() == alone_counts.tolist()
    (_, _, *_), inner_counts = inner[0]
    assert inner_counts.tolist() == call_word_pass(["naïve the pier again"])[1].tolist()
    assert_same_signals(["naïve café the pier"], ["en"])


def test_batches_in_two_threads_at_once_give_the_twins_signals():
    """The kept arrays under threads: batches cleaned in two threads at once (a flow's
    shards can be) each get their own signals."""
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(5)
    words = STOP + ["pier", "Harbour.", "naïve", "日本", "2024", "—", "“Quoted”"]
    batches = [[" ".join(rng.choice(words, size=int(rng.integers(5, 400)))) for _ in range(16)] for _ in range(24)]
    with native.twins_only():
        want = [compute_signals(texts, ["en"] * len(texts), [1.0] * len(texts)).to_pylist() for texts in batches]
    with ThreadPoolExecutor(2) as pool:
        got = list(pool.map(lambda texts: compute_signals(texts, ["en"] * len(texts), [1.0] * len(texts)).to_pylist(),
                            batches * 3))
    assert got == want * 3

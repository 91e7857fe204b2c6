"""The reading and counting shortcuts of round 11 give what the full work gives:
``decode_bytes`` skipping the BOM tests for a first byte no BOM starts with,
``sniff_utf16`` answering None for a head without a NUL, and
``StepCounters.add_many`` counting a batch as ``add`` does document by document."""
from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import readers
from corpus_clean.document import Document, Removal
from corpus_clean.pipeline import StepCounters
from corpus_clean.readers import _BOMS, Decoded, decode_bytes, sniff_utf16


def _sniff_utf16_counting(data: bytes) -> str | None:
    """The NUL counts of ``sniff_utf16`` with no shortcut (the reference)."""
    head = data[:4096]
    half = len(head) // 2
    if half < 2 or len(data) % 2:
        return None
    nul_even, nul_odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, wanted, other in (("utf-16-le", nul_odd, nul_even), ("utf-16-be", nul_even, nul_odd)):
        if wanted >= 0.4 * half and other <= 0.05 * half:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


_TEXTS = st.text(alphabet=st.sampled_from(list("ab é€😀\x00\n{}\":") + ["\ufeff"]), max_size=40)
_ENCODINGS = st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-8-sig", "cp1252", "latin-1"])
_BYTES = st.one_of(
    st.binary(max_size=64),
    st.tuples(_TEXTS, _ENCODINGS).map(lambda pair: pair[0].encode(pair[1], "replace")),
    st.tuples(st.sampled_from([bom for bom, _ in _BOMS] + [b""]), st.binary(max_size=16)).map(b"".join),
)


@settings(max_examples=500)
@given(data=_BYTES)
def test_sniff_utf16_is_the_full_count(data):
    assert sniff_utf16(data) == _sniff_utf16_counting(data)


@settings(max_examples=500)
@given(data=_BYTES)
def test_decode_bytes_with_every_bom_tried(data):
    """Against the decode with all five BOM prefixes tested whatever the first byte."""
    shortcut = decode_bytes(data)
    every_first_byte = frozenset(bytes([b]) for b in range(256)) | {b""}
    saved, readers._BOM_FIRST_BYTES = readers._BOM_FIRST_BYTES, every_first_byte
    try:
        assert decode_bytes(data) == shortcut
    finally:
        readers._BOM_FIRST_BYTES = saved


def test_each_bom_is_still_read():
    for text in ("{\"text\": \"é\"}", "x"):
        for encoding, name in (("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-32", "utf-32")):
            decoded = decode_bytes(text.encode(encoding))
            assert (decoded.text, decoded.encoding) == (text, name)
    assert decode_bytes(codecs.BOM_UTF8 + b"ok").text == "ok"
    assert sniff_utf16("A plain sentence here.".encode("utf-16-le")) == "utf-16-le"


_RULES = st.sampled_from(["menu", "share", ".headline", "classifier", "é rule"])
_REMOVALS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30), _RULES), max_size=6).map(
    lambda spans: [Removal(start, start + length, rule, "x" * length) for start, length, rule in spans])
_FIXES = st.dictionaries(st.sampled_from(["encoding", "control_char", "html_entity"]), st.integers(1, 5), max_size=2)


@given(docs=st.lists(st.tuples(_REMOVALS, _FIXES), max_size=8), before=st.lists(_REMOVALS, max_size=2))
def test_add_many_counts_as_add_does(docs, before):
    documents = [Document(id=str(k), source="s", raw_text="", raw_sha256="", removed=removed, fixes=fixes)
                 for k, (removed, fixes) in enumerate(docs)]
    earlier = [Document(id="e", source="s", raw_text="", raw_sha256="", removed=removed) for removed in before]
    one_by_one, at_once = StepCounters(), StepCounters()
    for doc in earlier:  # counters that already hold counts
        one_by_one.add(doc)
        at_once.add(doc)
    for doc in documents:
        one_by_one.add(doc)
    at_once.add_many(documents)
    assert at_once == one_by_one
    for name in ("fixes", "removed_by_rule", "chars_removed_by_rule"):  # the same keys in the same order
        assert list(getattr(at_once, name).items()) == list(getattr(one_by_one, name).items())

"""``records.documents_table`` (the clean table built column by column) is exactly
``Table.from_pylist`` of the ``document_row``s, on any Documents, and raises where it does."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.document import Document, Removal
from corpus_clean.records import clean_schema, document_row, documents_table
from corpus_clean.shards import clean_batch
from corpus_clean.signals import compute_signals
from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

MAYBE_TEXT = st.none() | st.text(max_size=20)
WHEN = st.none() | st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1),
                                timezones=st.just(timezone.utc))


@st.composite
def documents(draw) -> Document:
    text = draw(st.text(max_size=60))
    doc = Document(id=draw(st.text(min_size=1, max_size=8)), source=draw(st.text(max_size=10)),
                   raw_text=draw(st.text(max_size=80)), raw_sha256="0" * 64,
                   record_index=draw(st.integers(0, 2**40)), encoding=draw(st.none() | st.just("utf-8")),
                   source_id=draw(MAYBE_TEXT), url=draw(MAYBE_TEXT),
                   meta=draw(st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3)))
    doc.text = text
    doc.title, doc.byline, doc.lang, doc.declared_lang = (draw(MAYBE_TEXT) for _ in range(4))
    doc.published = draw(WHEN)
    doc.fixes = draw(st.dictionaries(st.sampled_from(["mojibake", "joined", "ligature"]), st.integers(1, 9)))
    doc.removed = [Removal(start, start + len(cut), rule, cut) for start, rule, cut in
                   draw(st.lists(st.tuples(st.integers(0, 100), st.sampled_from(["menu", "share"]),
                                           st.text(max_size=10)), max_size=3))]
    if draw(st.booleans()):
        doc.columns["signals"] = compute_signals([text.encode("utf-8", "replace").decode()], ["en"], [1.0])[0].as_py()
    return doc


def utf8_only(doc: Document) -> Document:
    """Lone surrogates replaced in every string the row takes (Arrow stores UTF-8 only)."""
    clean = lambda value: value.encode("utf-8", "replace").decode() if isinstance(value, str) else value  # noqa: E731
    for name in ("id", "source", "raw_text", "text", "title", "byline", "lang", "declared_lang", "source_id", "url"):
        setattr(doc, name, clean(getattr(doc, name)))
    doc.meta = {clean(key): clean(value) for key, value in doc.meta.items()}
    doc.removed = [Removal(r.start, r.end, r.rule, clean(r.text)) for r in doc.removed]
    return doc


@given(st.lists(documents().map(utf8_only), max_size=6))
@settings(max_examples=200, deadline=None)
def test_the_table_is_the_rows_table(docs):
    want = pa.Table.from_pylist([document_row(doc, "run") for doc in docs], schema=clean_schema())
    got = documents_table(docs, "run")
    assert got.schema == want.schema
    assert got.equals(want)


def test_a_lone_surrogate_raises_as_from_pylist_does():
    doc = Document(id="a", source="s", raw_text="x", raw_sha256="0", text="bad \udfff")
    with pytest.raises(Exception) as rows:
        pa.Table.from_pylist([document_row(doc, "run")], schema=clean_schema())
    with pytest.raises(Exception) as columns:
        documents_table([doc], "run")
    assert type(columns.value) is type(rows.value)


def test_a_batch_with_an_unstorable_record_quarantines_it_alone():
    """Fault injection: a step leaves a lone surrogate in one title; the batch's table is
    still made (the row-by-row fallback), that row carries the problem, the others none."""
    from corpus_clean.shards import UnreadLine
    from corpus_clean.steps.base import Step

    class SurrogateTitle(Step):
        name = "surrogate_title"

        def run(self, batch):
            batch[1].title = "broken \ud800 title"
            return batch

    lines = [UnreadLine("a.jsonl", k, b'{"text": "The pier reopens in May, the council said. ' + str(k).encode() + b'"}')
             for k in range(3)]
    cleaned = clean_batch(lines, resolve_steps(DEFAULT_STEPS) + (SurrogateTitle(),), "run")
    assert cleaned.rows.num_rows == 3
    assert list(cleaned.problems) == [cleaned.rows.column("id")[1].as_py()]
    assert cleaned.rows.column("title")[1].as_py() == "broken \\ud800 title"


REMOVALS = st.lists(st.lists(st.builds(Removal, st.integers(-2**63, 2**63 - 1), st.integers(0, 2**40),
                                       st.text(max_size=12), st.text(max_size=30)), max_size=5), max_size=8)


def _removed_by_tuples(lists: list[list[Removal]]) -> pa.Array:
    """The `removed` column as the row path converts it: a tuple per Removal (the reference)."""
    return pa.array([[(r.start, r.end, r.rule, r.text) for r in cuts] for cuts in lists],
                    clean_schema().field("removed").type)


@given(REMOVALS.map(lambda lists: [[r for r in cuts if utf8_safe(r.rule) and utf8_safe(r.text)] for cuts in lists]))
@settings(max_examples=200, deadline=None)
def test_the_removed_column_from_flat_fields_is_the_tuples_column(lists):
    """The compiled gather of the Removals' fields (``records.removed_column``) makes the
    very column the tuples make: documents without Removals, any int64 offsets, any text."""
    from corpus_clean.records import removed_column

    docs = []
    for cuts in lists:
        doc = Document(id="a", source="s", raw_text="x", raw_sha256="0")
        doc.removed = cuts
        docs.append(doc)
    got = removed_column(docs, clean_schema().field("removed"))
    if got is None:  # (no compiled kernels: the caller converts the tuples)
        from corpus_clean import native
        assert not native.built()
        return
    want = _removed_by_tuples(lists)
    assert got.type == want.type and got.equals(want)


@pytest.mark.parametrize("odd", [
    Removal(True, 3, "menu", "abc"),                # (a bool, not an int: the tuples' way)
    Removal(2**63, 2**63 + 1, "menu", "abc"),       # (past int64: Arrow refuses it, as before)
    Removal(0, 3, None, "abc"),                     # (no rule)
    Removal(0, 3, "menu", "bad \udfff"),            # (a lone surrogate)
])
def test_odd_removals_take_the_tuples_way(odd):
    """A Removal the compiled gather does not take (not plain ints and strs, or a text
    Arrow cannot store) gives the table or the error the tuples' conversion gives."""
    doc = Document(id="a", source="s", raw_text="x", raw_sha256="0")
    doc.removed = [Removal(0, 1, "menu", "x"), odd]
    try:
        want = pa.Table.from_pylist([document_row(doc, "run")], schema=clean_schema())
    except Exception as error:  # noqa: BLE001 (whatever Arrow raises, the table raises it too)
        with pytest.raises(type(error)):
            documents_table([doc], "run")
        return
    assert documents_table([doc], "run").equals(want)


def utf8_safe(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@given(st.lists(st.none() | st.text(max_size=40), max_size=12))
@settings(max_examples=300, deadline=None)
def test_string_array_is_arrows_own_conversion(values):
    """``records.string_array`` (the compiled ``utf8_texts``' buffers, or ``pa.array`` for
    what it leaves to it: None, a lone surrogate) is ``pa.array(values, pa.string())``:
    the same array, or the same error. (Fails on main: no ``string_array``.)"""
    from corpus_clean.records import string_array

    try:
        want = pa.array(values, pa.string())
    except Exception as error:  # noqa: BLE001 (whatever Arrow raises, string_array raises too)
        with pytest.raises(type(error)):
            string_array(values)
        return
    got = string_array(values)
    assert got.type == want.type and got.equals(want) and got.null_count == want.null_count
    assert got.to_pylist() == values


def test_the_text_column_is_the_signals_array_only_while_the_texts_are_theirs():
    """The signals step hands its Arrow array of the clean texts to the table (no second
    conversion); a step after it that changes a text gets that text in the table."""
    from corpus_clean.shards import UnreadLine
    from corpus_clean.steps.base import Step

    class Retitle(Step):
        name = "retext"

        def run(self, batch):
            batch[1].text = batch[1].text + " (edited)"
            return batch

    lines = [UnreadLine("a.jsonl", k, b'{"text": "The pier reopens in May, the council said. ' + str(k).encode() + b'"}')
             for k in range(3)]
    for extra in ((), (Retitle(),)):
        cleaned = clean_batch(lines, resolve_steps(DEFAULT_STEPS) + extra, "run")
        texts = cleaned.rows.column("text").to_pylist()
        assert texts[0].endswith("said. 0") and texts[1].endswith(" (edited)" if extra else "said. 1")

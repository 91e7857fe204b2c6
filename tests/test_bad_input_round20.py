"""Round 20: input shapes no earlier generator made, and legacy guesses that were silently wrong.

Every test here fails on main's code (each says why) unless its docstring calls it a guard.
The texts are written for this file; `benchmarks/bad_shapes_gen.py` and
`benchmarks/decoding_gen.py` are the sweeps these properties come from.
"""
from __future__ import annotations

import codecs
import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean.readers import Document, decode_bytes, read_file

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Texts with characters whose UTF-16 bytes hold 0x0A or 0x0D ("上" U+4E0A, "Њ" U+040A,
# "ഊ" U+0D0A): cut there when a UTF-16 stream is split as bytes.
PIECES = ["The quay reopened after the storm.", "上海港口今天重新开放。", "Његова сестра живи у Нишу.",
          "Café crème, déjà vu.", "ഊണ് കഴിഞ്ഞു.", "Zürich 🌊 Ärger", "نحن هنا"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(" ".join)


def read(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_file(str(path)))


def documents(items: list) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def problems(doc: Document) -> str:
    return " ".join(detail for _, detail in doc.problems)


@SETTINGS
@given(first=st.lists(texts, min_size=1, max_size=3), second=st.lists(texts, min_size=1, max_size=3),
       encoding=st.sampled_from(["utf-16", "utf-16-be", "utf-32", "utf-32-be"]),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_a_utf16_file_joined_to_a_utf8_jsonl_file_reads_every_record(tmp_path, first, second, encoding, newline):
    """`cat a.jsonl b.jsonl` (PowerShell's `>>`) where b is UTF-16/32 with its BOM: every
    record of both parts read exactly; a big-endian line read as bytes may be flagged
    (its byte order unsure), never read wrong. Fails on main: the whole stream was taken
    for UTF-16 (the UTF-8 records quarantined as garbage) or split at the byte 0x0A (the
    UTF-16 records cut apart, quarantined as broken JSON)."""
    def lines(values, base):
        return "".join(json.dumps({"id": base + i, "text": value}, ensure_ascii=False) + newline
                       for i, value in enumerate(values))
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    data = lines(first, 0).encode() + bom + lines(second, 100).encode(encoding)
    items = read(tmp_path, "joined.jsonl", data)
    docs = documents(items)
    assert [doc.raw_text for doc in docs] == first + second
    assert all(not doc.problems for doc in docs)


@SETTINGS
@given(value=st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.none(), st.booleans(),
                       st.lists(st.sampled_from(PIECES), min_size=1, max_size=3),
                       st.dictionaries(st.sampled_from(["body", "value"]), st.sampled_from(PIECES), min_size=1)),
       field=st.sampled_from(["text", "html"]))
def test_a_text_of_the_wrong_kind_says_what_it_is(tmp_path, value, field):
    """`{"text": 12}`, `{"text": ["para", ...]}`, `{"html": null}`: quarantined saying the
    field's JSON kind (and that an array of strings is paragraphs to join). Fails on main:
    "no string fields", which names neither the field nor what it holds."""
    kind = ("null" if value is None else "a boolean" if isinstance(value, bool) else "a number"
            if isinstance(value, (int, float)) else "an array" if isinstance(value, list) else "an object")
    [doc] = documents(read(tmp_path, "r.jsonl", json.dumps({"id": 1, field: value}).encode() + b"\n"))
    assert f'"{field}" is {kind}' in problems(doc)
    if isinstance(value, list):
        assert "join them" in problems(doc)


@SETTINGS
@given(path=st.lists(st.sampled_from(["data", "doc", "content", "payload"]), min_size=1, max_size=3, unique=True),
       text=texts, field=st.sampled_from(["text", "html"]))
def test_a_nested_text_names_its_path(tmp_path, path, text, field):
    """`{"data": {"doc": {"text": "..."}}}`: quarantined naming `data.doc.text`, the path a
    `jq` or a rename away from being read. Fails on main: "no string fields"."""
    record: dict = {field: text}
    for key in reversed(path):
        record = {key: record}
    [doc] = documents(read(tmp_path, "n.jsonl", json.dumps(record, ensure_ascii=False).encode() + b"\n"))
    assert f"nested at {'.'.join(path)}.{field}" in problems(doc)


@SETTINGS
@given(key=st.sampled_from(["data", "items", "results", "rows"]), values=st.lists(texts, min_size=1, max_size=4),
       indent=st.sampled_from([None, 2]))
def test_records_wrapped_in_a_field_say_where_they_are(tmp_path, key, values, indent):
    """An API export, `{"items": [{"text": ...}, ...]}`: one quarantined record saying the
    records are wrapped in "items". Fails on main: "no string fields"."""
    document = {key: [{"text": value} for value in values], "count": len(values)}
    [doc] = documents(read(tmp_path, "export.json", json.dumps(document, indent=indent).encode()))
    assert f'records wrapped in "{key}"' in problems(doc) and f"{key}[0].text" in problems(doc)


def test_a_gzip_stream_named_parquet_says_so(tmp_path):
    """`data.parquet` that is a gzip stream (a `.parquet.gz` renamed) or JSON Lines: the
    file skipped saying what its bytes are. Fails on main: pyarrow's "magic bytes not
    found in footer" only."""
    [gz] = read(tmp_path, "a.parquet", gzip.compress(b'{"text": "a"}\n'))
    [text] = read(tmp_path, "b.parquet", b'{"text": "a record"}\n')
    assert "gzip stream" in gz.reason and "JSON Lines" in text.reason


# Latin-script paragraphs whose legacy decodings charset-normalizer names wrong (ISO-8859-10
# for Polish, Mac Iceland or cp932 for Mac Roman, cp1252 for Turkish and Lithuanian).
LEGACY = {
    "iso8859_2": ["Władze miasta ogłosiły, że prom będzie kursował częściej.",
                  "Mieszkańcy skarżą się na hałas z budowy przy porcie.",
                  "Źródła podają, że remont mostu potrwa do jesieni."],
    "cp1254": ["Belediye, feribot seferlerinin artırılacağını açıkladı.",
               "Sakinler limandaki inşaat gürültüsünden şikâyetçi.",
               "Köprü onarımının sonbahara kadar süreceği bildirildi."],
    "cp1257": ["Savivaldybė paskelbė, kad keltas plauks dažniau.",
               "Gyventojai skundžiasi statybų triukšmu uoste.",
               "Tilto remontas truks iki rudens, sakė šaltiniai."],
    "mac_roman": ["The council said the “night ferry” would run again — from May.",
                  "Die Fähre fährt künftig öfter, sagte der Bürgermeister.",
                  "« Nous sommes très déçus », a déclaré un élu."],
}


@settings(max_examples=60, deadline=None)
@given(encoding=st.sampled_from(sorted(LEGACY)), picks=st.lists(st.integers(0, 2), min_size=2, max_size=4),
       html=st.booleans())
def test_latin_legacy_paragraphs_are_read_in_their_code_page(encoding, picks, html):
    """A paragraph or two of Polish in ISO-8859-2, Turkish in cp1254, Lithuanian in cp1257,
    English/German/French in Mac Roman, as text or as a page declaring nothing: read in its
    code page (CLD2's fit weighed among every Latin web code page, the page's markup left
    out). Fails on main: ISO-8859-10 (Polish ł as ģ), cp1252 (Turkish ş as þ) or Mac
    Iceland, with no problem."""
    text = " ".join(LEGACY[encoding][i] for i in picks)
    data = f"<html><head><title>Notes</title></head><body><p>{text}</p></body></html>" if html else text
    decoded = decode_bytes(data.encode(encoding))
    assert decoded.problem is None and text in decoded.text


ARABIC = ["يقول السكان إن الحافلة تكون ممتلئة غالبا.", "ناقش مجلس المدينة الجدول الجديد للعبارة.",
          "وأكد المتحدث أن الجسر سيغلق في شهر مارس."]


@settings(max_examples=20, deadline=None)
@given(picks=st.lists(st.integers(0, 2), min_size=2, max_size=5))
def test_a_legacy_jsonl_line_of_paragraphs_is_read_in_its_code_page(tmp_path_factory, picks):
    """A JSONL line written in cp1256 whose text joins paragraphs with "\\n": its JSON
    escapes are not read as words mixing scripts ("nناقش"). Fails on main: read as cp1252
    mojibake with no problem."""
    text = "\n".join(ARABIC[i] for i in picks)
    line = json.dumps({"id": 1, "text": text}, ensure_ascii=False).encode("cp1256") + b"\n"
    [doc] = documents(read(tmp_path_factory.mktemp("ar"), "ar.jsonl", line))
    assert doc.raw_text == text and not doc.problems


def test_parquet_text_columns_of_other_shapes_say_so(tmp_path):
    """Guard (passes on main): a Parquet file whose text column is named otherwise or is a
    list/integer says so, per file or per row."""
    pq.write_table(pa.table({"article": ["a text"]}), tmp_path / "a.parquet")  # ("content" is read since round 22)
    pq.write_table(pa.table({"text": pa.array([["a", "b"]])}), tmp_path / "b.parquet")
    [renamed] = list(read_file(str(tmp_path / "a.parquet")))
    [listed] = list(read_file(str(tmp_path / "b.parquet")))
    assert "no 'text' or 'html' column" in renamed.reason and "article" in renamed.reason
    assert "not a string" in problems(listed)

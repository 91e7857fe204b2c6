"""Round 21: kinds of input no earlier generator made -- pages with no text of their own,
files of formats we do not read, JSON Lines written by hand -- and East Asian short lines
read in a rival encoding.

Every test here fails on main's code (each says why) unless its docstring calls it a guard.
The texts are written for this file; `benchmarks/bad_kinds_gen.py` and
`benchmarks/decoding_gen.py` are the sweeps these properties come from.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import zipfile

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean.document import Document
from corpus_clean.pipeline import clean_documents
from corpus_clean.readers import Skipped, decode_bytes, read_file
from tests.conftest import run_corpus_clean

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))

SENTENCES = ["The night ferry now stops at the island twice a week.",
             "Volunteers repainted the lighthouse before the summer festival.",
             "Die Bibliothek öffnet donnerstags bis zehn Uhr abends.",
             "Le marché du samedi déménage sur la place de la gare."]
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)


def read(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_file(str(path)))


def cleaned_problems(tmp_path, name: str, data: bytes) -> tuple[Document, str]:
    """The page read and cleaned as a run does; its problems joined, lower-cased."""
    (doc,) = [item for item in read(tmp_path, name, data) if isinstance(item, Document)]
    clean_documents([doc])
    return doc, " ".join(detail for _, detail in doc.problems).lower()


# ----------------------------------------------------------------------------- pages
@st.composite
def empty_pages(draw) -> tuple[str, list[str]]:
    """(a page with no text of its own, words its reason must say)."""
    shape = draw(st.sampled_from(["frameset", "meta-refresh", "script-redirect", "app-shell", "sign-in", "images"]))
    name = draw(names)
    if shape == "frameset":
        frames = draw(st.lists(names, min_size=1, max_size=4, unique=True))
        markup = "".join(f'<frame src="{frame}.html">' for frame in frames)
        return f"<html><frameset rows='*'>{markup}</frameset></html>", ["frameset", f"{frames[0]}.html"]
    if shape == "meta-refresh":
        target = f"https://example.net/{name}/"
        return (f'<html><head><meta http-equiv="refresh" content="{draw(st.integers(0, 9))}; url={target}"></head>'
                "<body></body></html>"), ["redirect", target]
    if shape == "script-redirect":
        return f'<html><head><script>location.href = "/{name}.html";</script></head></html>', ["redirect", f"/{name}.html"]
    if shape == "app-shell":
        scripts = "".join(f'<script src="/{name}/{k}.js"></script>' for k in range(draw(st.integers(1, 5))))
        return f'<html><head>{scripts}</head><body><div id="{name}"></div></body></html>', ["script", name]
    if shape == "sign-in":
        return (f'<html><body><form action="/{name}"><input name="u"><input type="password" name="p"></form>'
                "</body></html>"), ["sign-in", f"/{name}"]
    count = draw(st.integers(1, 6))
    return "<html><body>" + '<img src="scan.png">' * count + "</body></html>", ["image"]


@SETTINGS
@given(page=empty_pages(), container=st.sampled_from(["html", "html.gz", "jsonl"]))
def test_a_page_with_no_text_of_its_own_says_what_it_is(tmp_path, page, container):
    """A frameset, a redirect, a script-drawn app shell, a sign-in form, an image-only page:
    quarantined with a reason naming the kind and what it points to (the frames' sources,
    the redirect's target, the app's mount point, the form's action). Fails on main: no
    problem at all, so validation said only "text is blank"."""
    html, says = page
    data = {"html": html.encode(), "html.gz": gzip.compress(html.encode()),
            "jsonl": json.dumps({"html": html}).encode() + b"\n"}[container]
    doc, said = cleaned_problems(tmp_path, f"page.{container}", data)
    assert doc.text == "" and said, "no reason"
    for word in says:
        assert word.lower() in said, (word, said)


@SETTINGS
@given(picks=st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=3))
def test_a_script_page_whose_noscript_holds_the_prose_keeps_it(tmp_path, picks):
    """A script-drawn page whose <noscript> crawler view holds a short article (a few
    sentences: a longer one the extraction's lenient reading keeps already): the prose is
    the document's text, noted in its fixes. Fails on main: the text came out blank."""
    prose = " ".join(picks)
    html = (f'<html><head><script src="/app.js"></script></head><body><div id="app"></div>'
            f"<noscript><p>{prose}</p></noscript></body></html>")
    doc, said = cleaned_problems(tmp_path, "page.html", html.encode())
    assert not said and " ".join(doc.text.split()) == prose
    assert doc.fixes.get("html.noscript_text") == 1


def test_a_page_whose_text_is_there_is_not_given_a_page_reason(tmp_path):
    """Guard (passes on main): a page with its own text has no page problem."""
    html = f"<html><body><article><p>{' '.join(SENTENCES)}</p></article></body></html>"
    doc, said = cleaned_problems(tmp_path, "page.html", html.encode())
    assert not said and SENTENCES[0] in doc.text


TAGS = ["<frameset>", "<frame src='a'>", "<iframe>", "<meta http-equiv=refresh content='0;url=x'>", "<script>",
        "location.href='y'", "</script>", "<noscript>", "<img alt=''>", "<input type=password>", "<form>",
        "<video>", "<div id='root'>", "</div>", "<body>", "<", ">", "'", '"', "&amp;", "\x00", "text"]


@settings(max_examples=200, deadline=None)
@given(html=st.lists(st.sampled_from(TAGS) | st.text(max_size=8), max_size=30).map("".join))
def test_the_page_reason_is_one_line_whatever_the_markup(html):
    """Guard over generated markup (fails on main only for want of the module): the page
    reader never raises and says one non-empty line."""
    from corpus_clean.page_shape import why_no_text

    said = why_no_text(html)
    assert said and "\n" not in said


# ----------------------------------------------------------------------------- files we do not read
def _zip() -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("a.txt", SENTENCES[0])
    return sink.getvalue()


WARC = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\n<p>ferry</p>\r\n\r\n")
OTHER_KINDS = [
    # (CSV/TSV tables and .warc/.wet files are read since round 23: tests/test_warc_csv_round23.py)
    ("CC-MAIN-0001", WARC, "warc"),
    ("export", _zip(), "zip"),
    ("paper", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
    ("notes.md", b"# Notes\n\nThe ferry.\n", ".txt"),
    ("part-00000", b'{"text": "a record"}\n', ".jsonl"),
]


@SETTINGS
@given(kind=st.sampled_from(OTHER_KINDS))
def test_a_file_of_a_kind_not_read_says_what_it_is(tmp_path, kind):
    """A WARC archive under no suffix, a ZIP, a PDF, Markdown notes, JSON Lines
    without a suffix: skipped with a reason saying what the file is and what to do. Fails
    on main: "unsupported file type", the same for all of them."""
    name, data, says = kind
    (item,) = read(tmp_path, name, data)
    assert isinstance(item, Skipped) and says in item.reason.lower(), item


# ----------------------------------------------------------------------------- JSON Lines by hand
@SETTINGS
@given(picks=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
       edges=st.booleans(), comment=st.sampled_from(["// exported", "# from the archive", "/* v2 */"]))
def test_json_lines_written_by_hand_keep_every_record(tmp_path, picks, edges, comment):
    """Records written as a JSON array a line each ("{...}," with the brackets on the first
    and last record) and comment lines: every record read exactly, each comment skipped
    saying so. Fails on main: the records with a trailing comma were quarantined as
    malformed JSON, the comment lines too."""
    lines = [json.dumps({"text": text}) for text in picks]
    # (one record between brackets is a one-line array: flagged as an array, not read here)
    body = ("[" + ",\n".join(lines) + "]") if edges and len(lines) > 1 else ",\n".join(lines) + ","
    items = read(tmp_path, "records.jsonl", f"{comment}\n{body}\n".encode())
    docs = [item for item in items if isinstance(item, Document)]
    assert [doc.raw_text for doc in docs] == picks and not any(doc.problems for doc in docs)
    (skip,) = [item for item in items if isinstance(item, Skipped)]
    assert "comment" in skip.reason and skip.record_index == 0


def test_a_comma_before_a_closing_brace_is_named():
    """A record with a comma before "}": still quarantined (JSON allows none, and dropping
    it could change a string), its reason naming the comma. Fails on main: the parser's
    message alone ("Expecting property name enclosed in double quotes")."""
    from corpus_clean.readers import jsonl_record

    doc = jsonl_record("a.jsonl", 0, b'{"text": "a",}')
    assert "comma before }" in doc.problems[0][1]


@SETTINGS
@given(suffix=st.sampled_from(["txt", "html", "jsonl", "json"]),
       bom=st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]),
       blank=st.sampled_from(["", "\n", " \r\n"]))
def test_a_file_holding_only_a_byte_order_mark_is_empty(tmp_path, suffix, bom, blank):
    """What an editor saves for an empty file "with BOM": skipped as empty (or its one line
    as blank), no record. Fails on main: a blank .txt record (quarantined later as "text
    is blank"), a "malformed JSON" record in .jsonl/.json."""
    data = bom + blank.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else
                              "utf-16-be" if bom == codecs.BOM_UTF16_BE else "utf-8")
    items = read(tmp_path, f"empty.{suffix}", data)
    assert items and all(isinstance(item, Skipped) for item in items), items
    assert any("empty" in item.reason or "blank" in item.reason for item in items)


# ----------------------------------------------------------------------------- East Asian short lines
EAST_ASIAN = {
    "ja": (["shift_jis", "euc_jp"], ["図書館は木曜日の夜も開いています。", "川沿いの道に桜の木を二百本植えました。",
                                    "駅前の新しいパン屋は朝七時に開店する。", "子どもたちは週末に海で貝を拾った。"]),
    "ko": (["euc_kr"], ["도서관은 목요일 밤에도 문을 엽니다.", "강변 길에 나무 이백 그루를 심었다.",
                        "역 앞의 새 빵집은 아침 일곱 시에 연다.", "아이들은 주말에 바닷가에서 조개를 주웠다."]),
    "zh": (["gb2312", "gbk", "gb18030"], ["图书馆星期四晚上也开放。", "志愿者在河边种了两百棵树。",
                                          "车站前的新面包店早上七点开门。", "孩子们周末在海边捡贝壳。"]),
    "zh-tw": (["big5"], ["圖書館星期四晚上也開放。", "志願者在河邊種了兩百棵樹。", "車站前的新麵包店早上七點開門。"]),
    "th": (["cp874", "tis_620"], ["ห้องสมุดเปิดทุกวันพฤหัสบดีตอนเย็น", "อาสาสมัครปลูกต้นไม้สองร้อยต้นริมแม่น้ำ",
                                  "ร้านขนมปังใหม่หน้าสถานีเปิดตอนเจ็ดโมงเช้า"]),
}
lines = st.sampled_from(sorted(EAST_ASIAN)).flatmap(
    lambda lang: st.tuples(st.sampled_from(EAST_ASIAN[lang][0]), st.sampled_from(EAST_ASIAN[lang][1])))


@settings(max_examples=60, deadline=None)
@given(line=lines)
def test_an_east_asian_short_line_is_read_in_its_own_encoding(line):
    """One short line of Japanese, Korean, Chinese or Thai in its legacy encoding, whose
    bytes read as another East Asian encoding as well: read exactly, or at worst flagged,
    never another script's text unflagged. Fails on main: 9 of these 33 lines (Shift-JIS,
    EUC-JP, GB and Thai) came out as cp949 Hangul, unflagged."""
    encoding, text = line
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text or decoded.problem, (encoding, decoded)


@settings(max_examples=40, deadline=None)
@given(line=lines, at=st.integers(1, 30), junk=st.sampled_from([b"\xff", b"\xff\xfe", b"\x80\xff"]))
def test_east_asian_text_with_broken_bytes_is_flagged_never_read_as_another_script(line, at, junk):
    """The same lines twice over with one or two broken bytes inside: flagged, never read
    unflagged as letters of another script. A guard: passes on main too (main flags these
    through its odd-symbol count; its silent misses in ``decoding_gen`` were single lines
    broken between sentences, which this draw rarely makes)."""
    encoding, text = line
    data = (text + " " + text).encode(encoding)
    at = at % len(data)
    decoded = decode_bytes(data[:at] + junk + data[at:])
    assert decoded.problem, (encoding, decoded)


# ----------------------------------------------------------------------------- the real run
def test_the_real_run_says_what_each_odd_input_is(tmp_path):
    """The real ``corpus-clean run`` on a tree holding a frameset, a redirect page, a CSV
    table, JSON Lines with a comment and a trailing comma, and a BOM-only file: exit 0;
    the records read; the pages quarantined saying "frameset" and "redirect"; the table,
    the comment and the empty file listed with their reasons. Fails on main (the pages'
    reasons said only "text is blank", the comma's record was quarantined)."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "frames.html").write_text('<frameset><frame src="left.html"><frame src="body.html"></frameset>')
    (source / "moved.html").write_text('<meta http-equiv="refresh" content="0; url=https://example.org/new">')
    (source / "rows.csv").write_text("id,text\n1,A ferry.\n")
    (source / "hand.jsonl").write_text(f'// notes\n{json.dumps({"text": SENTENCES[0]})},\n'
                                       f'{json.dumps({"text": SENTENCES[1]})}\n')
    (source / "blank.txt").write_bytes(codecs.BOM_UTF8)
    done = run_corpus_clean(tmp_path, source)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    clean = {row["text"] for row in pq.read_table(tmp_path / "out" / "clean").to_pylist()}
    assert any(SENTENCES[0] in text for text in clean) and any(SENTENCES[1] in text for text in clean)
    quarantine = pq.read_table(tmp_path / "out" / "quarantine").to_pylist()
    reasons = {row["source"]: json.dumps(row["reasons"]).lower() for row in quarantine}
    assert "frameset" in reasons["frames.html"] and "left.html" in reasons["frames.html"]
    assert "redirect" in reasons["moved.html"] and "https://example.org/new" in reasons["moved.html"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    said = json.dumps(manifest).lower()
    assert "csv" in said and "comment" in said and "empty file" in said

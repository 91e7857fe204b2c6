"""Round 16: bad input found by a generator (``benchmarks/bad_input_gen.py``), not by hand.

Each test is the generator's invariant over generated inputs, narrowed to the dimension
that failed: the same records whatever container, line ends, encoding or packing hold
them; an HTML page read in the encoding its bytes prove; `corpus-clean filter`'s answers
strict JSON whatever ids come in. Every test here fails on round 15's code (main at
a5fffbd), except the guards marked as such (they pin what the fixes must not break).
"""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import subprocess
import sys
from pathlib import Path

import pytest
from backports import zstd  # what fsspec reads .zst with here (pyproject: backports.zstd)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import shards
from corpus_clean.readers import Document, list_input_files, read_file, sniff_utf16

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = {
    "latin": "harbour council ferry pier storm engineers spring grant fishermen quay",
    "accents": "café crème déjà façade naïve über straße señor año garçon",
    "greek": "λιμάνι συμβούλιο πορθμείο προβλήτα καταιγίδα μηχανικοί άνοιξη",
    "cyrillic": "гавань совет паром причал шторм инженеры весна грант рыбаки утро",
    "arabic": "الميناء المجلس العبارة الرصيف العاصفة المهندسون الربيع المنحة",
    "hebrew": "נמל מועצה מעבורת רציף סערה מהנדסים אביב מענק",
    "cjk": "港口 议会 渡轮 码头 风暴 工程师 春天 拨款 渔民 早晨",
}
PACKERS = {"": lambda data: data, ".gz": lambda data: gzip.compress(data, mtime=0), ".bz2": bz2.compress,
           ".xz": lzma.compress, ".zst": zstd.compress}
HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def texts(draw, scripts=tuple(SCRIPTS)):
    words = SCRIPTS[draw(st.sampled_from(scripts))].split()
    return " ".join(draw(st.lists(st.sampled_from(words), min_size=6, max_size=40))) + "."


def records_read(path: Path, piece_bytes: int | None = None) -> list[tuple]:
    """(text, html, quarantined?) of each record the readers make of `path`; with
    `piece_bytes`, read as planning's byte pieces of that size (forced small here, as a
    2 GB file's would be)."""
    files = list_input_files(str(path))
    if piece_bytes is not None:
        saved, shards.MIN_PIECE_BYTES = shards.MIN_PIECE_BYTES, piece_bytes
        try:
            files = shards.split_big_files(files, piece_bytes)
        finally:
            shards.MIN_PIECE_BYTES = saved
    return [(item.raw_text, item.html, bool(item.problems))
            for file in files for item in read_file(file) if isinstance(item, Document)]


def expected(records: list[dict]) -> list[tuple]:
    return [(record["text"], None, False) for record in records]


@HYPOTHESIS
@given(data=st.data(), container=st.sampled_from(sorted(PACKERS)), shape=st.sampled_from(["pretty", "array"]),
       newline=st.sampled_from(["\n", "\r\n", "\r"]), suffix=st.sampled_from([".jsonl", ".json"]))
def test_pretty_printed_or_array_records_read_the_same_in_any_container_and_packing(
        tmp_path_factory, data, container, shape, newline, suffix):
    """`jq '.[]' | zstd` (records pretty-printed back to back) or an array, in a `.jsonl`
    or `.json` file, plain or compressed, with LF, CRLF or an old Mac's CR: the records,
    read whole and when planning cuts the file into byte pieces. Failed on main: a
    compressed one cut into pieces had every line quarantined as broken JSON (only plain
    files were sniffed before cutting), and CR line ends hid the pretty-printing even
    whole."""
    records = [{"id": k, "text": data.draw(texts())} for k in range(data.draw(st.integers(1, 6)))]
    if shape == "pretty":
        body = "\n".join(json.dumps(r, ensure_ascii=False, indent=2) for r in records) + "\n"
    else:
        body = json.dumps(records, ensure_ascii=False, indent=2)
    folder = tmp_path_factory.mktemp("pretty")
    (folder / f"r{suffix}{container}").write_bytes(PACKERS[container](body.replace("\n", newline).encode()))
    assert records_read(folder) == expected(records)
    assert records_read(folder, piece_bytes=64) == expected(records)


@HYPOTHESIS
@given(data=st.data(), encoding=st.sampled_from(["utf-16-le", "utf-16-be"]),
       container=st.sampled_from(["", ".gz", ".zst"]), newline=st.sampled_from(["\n", "\r\n"]))
def test_utf16_without_a_bom_reads_the_same_records_in_any_script(tmp_path_factory, data, encoding, container,
                                                                   newline):
    """JSONL saved as UTF-16 without a BOM (Windows tools, `iconv -t UTF-16LE`), in any
    script. Failed on main for scripts far from ASCII (Arabic, Hebrew, Cyrillic, CJK,
    Greek): their UTF-16 has NULs only in its spaces and punctuation, too few for the
    sniff, so the file was split into lines as bytes and every record quarantined."""
    script = data.draw(st.sampled_from(sorted(SCRIPTS)))
    records = [{"text": " ".join(data.draw(texts((script,))) for _ in range(3))}
               for _ in range(data.draw(st.integers(1, 5)))]
    body = newline.join(json.dumps(r, ensure_ascii=False) for r in records) + newline
    folder = tmp_path_factory.mktemp("utf16")
    (folder / f"r.jsonl{container}").write_bytes(PACKERS[container](body.encode(encoding)))
    assert records_read(folder) == expected(records)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_utf8_text_with_stray_nuls_is_never_taken_for_utf16(data):
    """Guard (passes on main too): the wider UTF-16 sniff must not take UTF-8 text holding
    a few NUL bytes, in any script, for UTF-16."""
    text = " ".join(data.draw(texts()) for _ in range(data.draw(st.integers(1, 8))))
    raw = bytearray(text.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        raw.insert(data.draw(st.integers(0, len(raw))), 0)
    assert sniff_utf16(bytes(raw)) is None


def test_random_bytes_are_not_taken_for_sparse_utf16():
    """Guard (passes on main too): bytes of no encoding with NULs at one parity, every
    3rd to 20th character (as sparse as UTF-16 of a non-Latin script), are not taken for
    UTF-16: the wider sniff asks that the UTF-16 reading be text."""
    rng = random.Random(16)
    found = 0
    for _ in range(2000):
        raw = bytearray(rng.randrange(1, 256) for _ in range(rng.choice([128, 1000, 4000])))
        for at in range(0, len(raw), rng.choice([6, 20, 40])):
            raw[at] = 0
        found += sniff_utf16(bytes(raw)) is not None
    assert found == 0


PAGE = ('<!DOCTYPE html>\n<html><head>{meta}<title>Harbour</title></head>\n'
        '<body><article><p>{text}</p></article></body></html>\n')


@HYPOTHESIS
@given(data=st.data(), declared=st.sampled_from([None, "utf-8", "utf-16", "iso-8859-1", "windows-1251", "shift_jis"]))
def test_an_html_page_is_read_in_the_encoding_its_bytes_prove(tmp_path_factory, data, declared):
    """A page in UTF-16 without a BOM (whatever its `<meta charset>`: none can be read
    from such bytes), or in valid UTF-8 that declares another charset (a copied template),
    gives its text. Failed on main: the UTF-16 page came back as text with a NUL between
    letters, the UTF-8 one as mojibake ("cafÃ©")."""
    text = data.draw(texts(tuple(name for name in SCRIPTS if name != "latin")))
    encoding = data.draw(st.sampled_from(["utf-16-le", "utf-16-be", "utf-8"]))
    if encoding == "utf-8" and declared in (None, "utf-8", "utf-16"):
        declared = "iso-8859-1"  # the UTF-8 page's case: a declaration that lies
    meta = f'<meta charset="{declared}">' if declared else ""
    folder = tmp_path_factory.mktemp("page")
    (folder / "page.html").write_bytes(PAGE.format(meta=meta, text=text).encode(encoding))
    [(raw, html, quarantined)] = records_read(folder)
    assert f"<p>{text}</p>" in html and not quarantined


def test_a_page_in_a_single_byte_charset_keeps_its_declaration():
    """Guard (passes on main too): bytes that are not UTF-8 are read as the page says."""
    page = PAGE.format(meta='<meta charset="windows-1251">', text="Привет, гавань.").encode("cp1251")
    from corpus_clean.readers import InputFile, read_html_file
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(page)
        [doc] = read_html_file(InputFile(str(path), "page.html", len(page)))
    assert "<p>Привет, гавань.</p>" in doc.html


def test_filter_answers_are_strict_json_whatever_the_ids():
    """`corpus-clean filter` on lines whose ids Python's parser accepts but JSON does not
    (NaN, Infinity, -Infinity, 1e400), among random bytes: one answer a line, in order,
    each strict JSON, the odd id given back as written, a string. Failed on main: it wrote
    `"id": NaN`, which jq and JavaScript refuse (the whole output unreadable to them)."""
    rng = random.Random(1616)
    ids = ["NaN", "Infinity", "-Infinity", "1e400", "-1e999", "2.5", "7"]
    lines = []
    for k in range(60):
        if k % 3 == 2:
            lines.append(bytes(rng.randrange(256) for _ in range(rng.randint(0, 40))).replace(b"\n", b" ")
                         .replace(b"\r", b" "))
        else:
            lines.append(f'{{"id": {ids[k % len(ids)]}, "text": "The harbour opened. {k}"}}'.encode())
    done = subprocess.run([sys.executable, "-m", "cli", "filter", "--steps", "boilerplate"],
                          input=b"\n".join(lines) + b"\n", capture_output=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]

    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    answers = [json.loads(line, parse_constant=refuse) for line in done.stdout.splitlines()]
    assert [answer["line"] for answer in answers] == list(range(1, len(lines) + 1))
    for k, answer in enumerate(answers):
        if k % 3 != 2:
            written = ids[k % len(ids)]
            assert answer["id"] == (json.loads(written) if written in ("2.5", "7") else written)


@HYPOTHESIS
@given(data=st.data(), shape=st.sampled_from(["jsonl", "array", "pretty"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]), container=st.sampled_from(sorted(PACKERS)))
def test_files_joined_with_cat_give_both_files_records(tmp_path_factory, data, shape, encoding, container):
    """`cat a.jsonl b.jsonl > all.jsonl` of two files as they were saved (each with its
    BOM, each its own compressed stream): the records of both, in order. Failed on main:
    two arrays back to back gave two records quarantined as arrays, a second BOM in a
    UTF-16/32 stream cost the second file's first record, and pretty-printed files joined
    had every line quarantined."""
    records = [{"id": k, "text": data.draw(texts())} for k in range(data.draw(st.integers(1, 5)))]
    if shape == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif shape == "array":
        body = json.dumps(records, ensure_ascii=False, indent=data.draw(st.sampled_from([None, 2])))
    else:
        body = "\n".join(json.dumps(r, ensure_ascii=False, indent=2) for r in records) + "\n"
    one_file = PACKERS[container](body.encode(encoding))
    folder = tmp_path_factory.mktemp("joined")
    (folder / f"all{data.draw(st.sampled_from(['.jsonl', '.json']))}{container}").write_bytes(one_file + one_file)
    assert records_read(folder) == expected(records) * 2


def filter_answers(stdin: bytes) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "cli", "filter", "--steps", "boilerplate"], input=stdin,
                          capture_output=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0 and not done.stderr, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-16-be"])
def test_filter_reads_a_utf16_or_utf32_stream_as_the_run_does(encoding):
    """`corpus-clean filter < notepad.jsonl` (UTF-16, with a BOM or without): one answer
    per record, each the record's own, as `run` reads the same file. Failed on main: the
    stream was split as bytes, so every line after the first started with the newline's
    NUL byte (all quarantined as malformed JSON) and one answer too many came back."""
    records = [{"id": f"r{k}", "text": f"{SCRIPTS['accents']} {SCRIPTS['arabic']} {k}."} for k in range(5)]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    in_utf8 = filter_answers(body.encode("utf-8"))
    answers = filter_answers(body.encode(encoding))
    assert [a["id"] for a in answers] == [r["id"] for r in records]
    assert [a.get("text") for a in answers] == [a["text"] for a in in_utf8] and not any("error" in a for a in answers)


@pytest.mark.parametrize("how", ["run", "filter"])
def test_a_lone_surrogate_in_a_utf16_stream_costs_its_record_only(tmp_path, how):
    """A flipped byte in a UTF-16 file can make a lone surrogate. It costs the record that
    holds it (quarantined, or an error answer, naming it), not the records around it.
    Failed on main: the stream stopped decoding there, and every record in the same
    megabyte or after it was lost (counted unreadable, not read)."""
    records = [{"id": k, "text": f"The harbour council opened pier {k}. Caf\u00e9." + ("\udc00" if k == 2 else "")}
               for k in range(6)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-16", "surrogatepass")
    if how == "filter":
        answers = filter_answers(data)
        assert [("error" in a) for a in answers] == [k == 2 for k in range(6)]
        assert "lone surrogate" in answers[2]["error"]
        return
    (tmp_path / "a.jsonl").write_bytes(data)
    read = records_read(tmp_path)
    assert [quarantined for *_, quarantined in read] == [k == 2 for k in range(6)]
    assert [text for text, _, quarantined in read if not quarantined] == [r["text"] for r in records if r["id"] != 2]


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("option, value, words", [
    ("--shard-mb", "inf", "finite number of megabytes"),
    ("--shard-mb", "1e308", "finite number of megabytes"),  # finite, but infinite once in bytes
    ("--workers", "100000", "per CPU"),
    ("--input", "", "--input is empty"),
    ("--output", " ", "--output is empty"),
    ("--dask-address", "garbage", "not a scheduler address"),
    ("--dask-address", "tcp://127.0.0.1:99999", "not a scheduler address"),
    ("--dask-address", "tcp://127.0.0.1:{closed}", "no scheduler answers there"),
])
def test_arguments_that_failed_inside_the_run_are_refused_before_it(tmp_path, option, value, words):
    """Found by generating odd argument values: each was accepted and failed only inside
    the run (`--shard-mb inf`: OverflowError after the server started; a bad or dead
    `--dask-address`: a page of tracebacks, after a 60 s timeout for a dead one), or did
    something else than asked (`--workers 100000` started 99,999 processes; an empty
    `--input` -- an unset shell variable -- cleaned the working directory, an empty
    `--output` wrote a dataset into it). Now one line, exit 2, before anything starts, and
    no output folder made. Fails on main (no refusal)."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_text(json.dumps({"text": "The harbour council opened the pier."}) + "\n")
    out = tmp_path / "out"
    args = {"--input": str(source), "--output": str(out)}
    args[option] = value.format(closed=_closed_port())
    argv = ["run", "--no-data-docs", *[f"{key}={item}" for key, item in args.items()]]
    done = subprocess.run([sys.executable, "-m", "cli", *argv], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)
    assert done.returncode == 2 and words in done.stderr, done.stderr[-2000:]
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_keep_versions_below_one_is_refused(value):
    """`--keep-versions 0` / `-1` silently kept one version. Fails on main."""
    from cli.main import build_parser

    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["run", "--input", "a", "--output", "b", "--keep-versions", value])
    assert stopped.value.code == 2


@pytest.mark.parametrize("declared", ["utf-16", "utf-16le"])
def test_a_page_that_cannot_be_the_utf16_it_declares_is_read_as_utf8(tmp_path, declared):
    """A UTF-8 (or ASCII) page whose `<meta charset>` says UTF-16/32 (found by the
    generator): HTML reads such a declaration as UTF-8, since a page in UTF-16 could not
    have been parsed to find it. Failed on main: decoded as UTF-16, the page became CJK
    characters and its text was lost."""
    text = "The harbour council opened the pier."
    (tmp_path / "page.html").write_bytes(PAGE.format(meta=f'<meta charset="{declared}">', text=text).encode())
    [(_, html, quarantined)] = records_read(tmp_path)
    assert f"<p>{text}</p>" in html and not quarantined


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_cjk_page_in_utf16_that_is_also_valid_utf8_is_read_as_utf16(tmp_path, encoding):
    """UTF-16 of ASCII markup and of many CJK characters (港 is 2F 6E) is valid UTF-8, NULs
    and all, so the page's guess said UTF-8 (found by the generator, after the first fix
    looked twice only at pages not read as UTF-8). Fails on main."""
    text = "港口 议会 渡轮 码头 风暴 议会 工程师 码头 议会 渔民 春天 风暴 码头 渔民 风暴."
    (tmp_path / "page.html").write_bytes(PAGE.format(meta="", text=text).encode(encoding))
    [(_, html, quarantined)] = records_read(tmp_path)
    assert f"<p>{text}</p>" in html and not quarantined


@pytest.mark.parametrize("encoding", ["utf-16-be"])
def test_a_json_array_whose_sniffed_head_ends_inside_a_surrogate_pair(tmp_path, encoding):
    """A `.json` array in UTF-16 without a BOM whose first 64 KB (what the format sniff
    reads) end inside an emoji's surrogate pair (found by the generator, seed 4483). The
    strict decoding of that head failed, the sniff took the file for JSON Lines, and its
    one line was quarantined. Fails on main."""
    text = "a" * 32756 + "\U0001f30a harbour " * 50  # the emoji's 4 bytes at 65,534-65,537
    records = [{"text": text}, {"text": "The pier reopened."}]
    body = '[{"text": "' + text + '"}, {"text": "The pier reopened."}]'
    assert body.encode(encoding)[65534:65538] == "\U0001f30a".encode(encoding)
    (tmp_path / "a.json").write_bytes(body.encode(encoding))
    assert records_read(tmp_path) == expected(records)

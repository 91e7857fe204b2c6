#!/usr/bin/env python3
"""Is the text that comes out the text that went in? Decoding, measured (round 19).

    python benchmarks/decoding_gen.py [--seeds 2] [--first 0] [--baseline DIR] [--cells]
    python benchmarks/decoding_gen.py --speed FOLDER... --baseline DIR [--repeat 3]

Generates documents whose true text is known -- sentences written for this script in 27
languages and 11 scripts -- encodes them in the encodings the web has (UTF-8 with and
without a BOM, UTF-16/32 LE/BE with and without one, the Windows and ISO code pages,
KOI8, the CJK multi-byte encodings, Thai, Vietnamese, Mac Roman), at three lengths (one
short line, a paragraph, a page), in the containers users hand us:

  txt            a plain text file
  html-meta      an HTML file whose <meta charset> is right
  html-wrong     an HTML file whose <meta charset> is wrong (a copied template's utf-8,
                 or iso-8859-1 on a UTF-8 page)
  html-none      an HTML file declaring nothing
  jsonl          a JSONL line written in the encoding (a legacy exporter)
  jsonl-latin1   a JSONL record whose "html" was decoded upstream through latin-1 (the
                 page's own <meta charset> still in it)
  jsonl-ctype    the same, the page declaring nothing, the record's "content_type"
                 field (the HTTP header) naming the charset
  parquet        a Parquet binary "text" column holding the encoded bytes

and damage: none; `bytes` (two invalid bytes between sentences of a UTF-8 or multi-byte
file); `mixed` (a UTF-8 file, one of whose lines was saved as cp1252).

Each document is read by the real readers (``corpus_clean.readers.read_file``) and scored:
  exact    the record's text (HTML: every paragraph of the markup) is the true text, no problem
  flagged  not exact, but the record carries a problem (quarantined with a reason: no silent loss)
  wrong    not exact and not flagged: data lost silently (a wrong decode)
Damage `bytes` can never be exact for the damaged bytes: it is `exact` when every true
sentence is recovered and the record says the bytes were invalid.

In the same run, two baselines on the document's own bytes: charset-normalizer alone
(``from_bytes(...).best()``), and what a browser does (BOM, then the <meta> / HTTP charset
as the WHATWG label table maps it, then sniffing -- charset-normalizer standing in for
the browser's detector). `--baseline DIR`: also main's readers (a tree of main's code)
in a child process, so before/after are one run.

Prints the table by encoding x container (all lengths), by length, and the failing cells.
(The real ``corpus-clean run`` on legacy inputs: ``tests/test_bad_input_round19.py``.)
`--speed`: the readers' CPU on folders of input, main's tree against this one.
"""
from __future__ import annotations

import argparse
import codecs
import collections
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Sentences written for this benchmark (not drawn from any corpus), a handful per
# language; no & < > so the HTML containers need no escaping.
SENTENCES = {
    "en": ["The harbour committee met on Tuesday to discuss the new ferry timetable.",
           "Residents said the “late bus” was often full by the second stop — and sometimes earlier.",
           "A spokesman confirmed that the bridge will close for repairs in March.",
           "Prices at the market rose by about 4 percent over the winter months."],
    "fr": ["Le conseil municipal s’est réuni mardi pour débattre du nouveau réseau de bus.",
           "Les élèves du collège ont présenté leurs travaux sur l’histoire de la région.",
           "Une fête aura lieu près de l’église, à côté du marché couvert, dès l’été prochain.",
           "« Nous avons été très surpris », a déclaré le maire, un peu ému."],
    "de": ["Der Gemeinderat hat am Dienstag über die neue Fähre gesprochen.",
           "Die Straßenbahn fährt künftig öfter, auch am Wochenende und früh morgens.",
           "Viele Bürger äußerten Zweifel an den höheren Gebühren für das Schwimmbad.",
           "Ein Sprecher sagte, die Brücke werde im März für Prüfungen gesperrt."],
    "es": ["El ayuntamiento aprobó ayer la reforma de la plaza mayor del pueblo.",
           "Los niños de la escuela pública visitarán el museo el próximo jueves.",
           "¿Cuándo abrirá la nueva biblioteca? Nadie lo sabe todavía, según el señor Muñoz.",
           "La cosecha de aceitunas fue más pequeña que la del año pasado."],
    "pt": ["A câmara municipal aprovou a construção de uma nova ponte sobre o rio.",
           "Os pescadores disseram que a época foi difícil por causa das tempestades.",
           "A exposição de fotografia estará aberta até ao fim do mês de março.",
           "O presidente da associação não quis comentar a decisão do governo."],
    "is": ["Bæjarstjórnin ræddi nýja ferjuáætlun á þriðjudaginn.",
           "Íbúar sögðu að strætóinn væri oft fullur á morgnana."],
    "pl": ["Rada miasta zebrała się we wtorek, żeby omówić nowy rozkład jazdy promów.",
           "Mieszkańcy skarżą się, że autobus często się spóźnia, zwłaszcza zimą.",
           "Rzecznik potwierdził, że most zostanie zamknięty w marcu z powodu remontu.",
           "Ceny na targu wzrosły o około cztery procent w ciągu ostatniego półrocza."],
    "cs": ["Městská rada se v úterý sešla, aby projednala nový jízdní řád přívozu.",
           "Obyvatelé říkají, že autobus je často plný už na druhé zastávce.",
           "Mluvčí potvrdil, že most bude v březnu uzavřen kvůli opravám.",
           "Ceny na tržišti vzrostly během zimy přibližně o čtyři procenta."],
    "hu": ["A városi tanács kedden megvitatta a komp új menetrendjét.",
           "A lakók szerint a busz gyakran már a második megállónál megtelik.",
           "A szóvivő megerősítette, hogy a hidat márciusban lezárják a javítások miatt.",
           "Az árak a piacon körülbelül négy százalékkal nőttek a tél folyamán."],
    "hr": ["Gradsko vijeće sastalo se u utorak kako bi raspravilo novi red plovidbe.",
           "Stanovnici kažu da je autobus često pun već na drugoj stanici.",
           "Glasnogovornik je potvrdio da će most biti zatvoren u ožujku zbog popravaka.",
           "Cijene na tržnici porasle su za otprilike četiri posto tijekom zime."],
    "ru": ["Городской совет во вторник обсудил новое расписание парома.",
           "Жители говорят, что автобус часто переполнен уже на второй остановке.",
           "Представитель мэрии подтвердил, что мост закроют на ремонт в марте.",
           "Цены на рынке за зиму выросли примерно на четыре процента, сообщили в ведомстве."],
    "uk": ["Міська рада у вівторок обговорила новий розклад поромів.",
           "Мешканці кажуть, що автобус часто переповнений уже на другій зупинці.",
           "Речник підтвердив, що міст закриють на ремонт у березні.",
           "Ціни на ринку за зиму зросли приблизно на чотири відсотки, і це їх непокоїть."],
    "bg": ["Общинският съвет обсъди във вторник новото разписание на ферибота.",
           "Жителите казват, че автобусът често е пълен още на втората спирка.",
           "Говорителят потвърди, че мостът ще бъде затворен за ремонт през март."],
    "el": ["Το δημοτικό συμβούλιο συζήτησε την Τρίτη το νέο δρομολόγιο του πλοίου.",
           "Οι κάτοικοι λένε ότι το λεωφορείο είναι συχνά γεμάτο από τη δεύτερη στάση.",
           "Ο εκπρόσωπος επιβεβαίωσε ότι η γέφυρα θα κλείσει για επισκευές τον Μάρτιο.",
           "Οι τιμές στην αγορά αυξήθηκαν περίπου τέσσερα τοις εκατό τον χειμώνα."],
    "tr": ["Belediye meclisi salı günü yeni feribot tarifesini görüştü.",
           "Sakinler, otobüsün çoğu zaman ikinci durakta dolduğunu söylüyor.",
           "Sözcü, köprünün mart ayında onarım için kapatılacağını doğruladı.",
           "Pazardaki fiyatlar kış boyunca yüzde dört kadar arttı, ışık ve su da pahalandı."],
    "he": ["מועצת העיר התכנסה ביום שלישי כדי לדון בלוח הזמנים החדש של המעבורת.",
           "התושבים אומרים שהאוטובוס מלא לעתים קרובות כבר בתחנה השנייה.",
           "הדובר אישר כי הגשר ייסגר לתיקונים בחודש מרץ."],
    "ar": ["ناقش مجلس المدينة يوم الثلاثاء الجدول الجديد للعبارة.",
           "يقول السكان إن الحافلة تكون ممتلئة غالبا عند المحطة الثانية.",
           "وأكد المتحدث أن الجسر سيغلق للإصلاحات في شهر مارس."],
    "lt": ["Miesto taryba antradienį aptarė naują kelto tvarkaraštį.",
           "Gyventojai sako, kad autobusas dažnai būna pilnas jau antroje stotelėje.",
           "Atstovas patvirtino, kad tiltas kovo mėnesį bus uždarytas remontui."],
    "lv": ["Pilsētas dome otrdien apsprieda jauno prāmja kustības sarakstu.",
           "Iedzīvotāji saka, ka autobuss bieži ir pilns jau otrajā pieturā.",
           "Pārstāvis apstiprināja, ka tilts martā tiks slēgts remonta dēļ."],
    "ja": ["市議会は火曜日、フェリーの新しい時刻表について話し合った。",
           "住民によると、バスは二つ目の停留所で満員になることが多いという。",
           "広報担当者は、橋が三月に修理のため閉鎖されると確認した。",
           "市場の価格は冬の間に約四パーセント上昇した。"],
    "zh": ["市议会星期二讨论了渡轮的新时刻表。",
           "居民说公共汽车经常在第二站就已经满了。",
           "发言人证实这座桥将在三月关闭进行维修。",
           "冬季市场上的价格上涨了大约百分之四。"],
    "zh-tw": ["市議會星期二討論了渡輪的新時刻表。",
              "居民說公車經常在第二站就已經滿了。",
              "發言人證實這座橋將在三月關閉進行維修。",
              "冬季市場上的價格上漲了大約百分之四。"],
    "ko": ["시의회는 화요일에 새 여객선 시간표를 논의했다.",
           "주민들은 버스가 두 번째 정류장에서 이미 꽉 찬다고 말한다.",
           "대변인은 다리가 삼월에 보수 공사로 폐쇄된다고 확인했다.",
           "시장의 물가는 겨울 동안 약 사 퍼센트 올랐다."],
    "th": ["สภาเมืองประชุมเมื่อวันอังคารเพื่อหารือเรื่องตารางเรือข้ามฟากใหม่",
           "ชาวบ้านบอกว่ารถประจำทางมักจะเต็มตั้งแต่ป้ายที่สอง",
           "โฆษกยืนยันว่าสะพานจะปิดซ่อมในเดือนมีนาคม"],
    "vi": ["Hội đồng thành phố đã họp vào thứ Ba để bàn về lịch phà mới.",
           "Người dân nói rằng xe buýt thường đầy ngay từ trạm thứ hai.",
           "Người phát ngôn xác nhận cây cầu sẽ đóng cửa để sửa chữa vào tháng Ba."],
    "et": ["Linnavolikogu arutas teisipäeval uut praamide sõiduplaani.",
           "Elanike sõnul on buss sageli juba teises peatuses täis."],
    "ro": ["Consiliul local s-a întrunit marți pentru a discuta noul orar al feribotului.",
           "Locuitorii spun că autobuzul este adesea plin încă de la a doua stație."],
}

LATIN1_LANGS = ["fr", "de", "es", "pt", "is"]
CENTRAL = ["pl", "cs", "hu", "hr", "ro"]
# (name, Python codec, BOM or b"", the <meta> label, languages the encoding can hold)
ENCODINGS = [
    ("utf-8", "utf-8", b"", "utf-8", list(SENTENCES)),
    ("utf-8-bom", "utf-8", codecs.BOM_UTF8, "utf-8", list(SENTENCES)),
    ("utf-16-le-bom", "utf-16-le", codecs.BOM_UTF16_LE, "utf-16", list(SENTENCES)),
    ("utf-16-be-bom", "utf-16-be", codecs.BOM_UTF16_BE, "utf-16", list(SENTENCES)),
    ("utf-16-le", "utf-16-le", b"", "utf-16le", list(SENTENCES)),
    ("utf-16-be", "utf-16-be", b"", "utf-16be", list(SENTENCES)),
    ("utf-32-le-bom", "utf-32-le", codecs.BOM_UTF32_LE, "utf-32", list(SENTENCES)),
    ("utf-32-be-bom", "utf-32-be", codecs.BOM_UTF32_BE, "utf-32", list(SENTENCES)),
    ("utf-32-le", "utf-32-le", b"", "utf-32le", list(SENTENCES)),
    ("cp1252", "cp1252", b"", "windows-1252", ["en", *LATIN1_LANGS]),
    ("iso-8859-1", "latin-1", b"", "iso-8859-1", LATIN1_LANGS),
    ("iso-8859-15", "iso8859-15", b"", "iso-8859-15", LATIN1_LANGS),
    ("iso-8859-2", "iso8859-2", b"", "iso-8859-2", CENTRAL),
    ("cp1250", "cp1250", b"", "windows-1250", CENTRAL),
    ("cp1251", "cp1251", b"", "windows-1251", ["ru", "uk", "bg"]),
    ("koi8-r", "koi8-r", b"", "koi8-r", ["ru", "bg"]),
    ("koi8-u", "koi8-u", b"", "koi8-u", ["uk"]),
    ("iso-8859-5", "iso8859-5", b"", "iso-8859-5", ["ru", "bg"]),
    ("cp1253", "cp1253", b"", "windows-1253", ["el"]),
    ("iso-8859-7", "iso8859-7", b"", "iso-8859-7", ["el"]),
    ("cp1254", "cp1254", b"", "windows-1254", ["tr"]),
    ("cp1255", "cp1255", b"", "windows-1255", ["he"]),
    ("cp1256", "cp1256", b"", "windows-1256", ["ar"]),
    ("cp1257", "cp1257", b"", "windows-1257", ["lt", "lv", "et"]),
    ("shift_jis", "shift_jis", b"", "shift_jis", ["ja"]),
    ("euc-jp", "euc-jp", b"", "euc-jp", ["ja"]),
    ("iso-2022-jp", "iso-2022-jp", b"", "iso-2022-jp", ["ja"]),
    ("gb2312", "gb2312", b"", "gb2312", ["zh"]),
    ("gbk", "gbk", b"", "gbk", ["zh"]),
    ("gb18030", "gb18030", b"", "gb18030", ["zh"]),
    ("big5", "big5", b"", "big5", ["zh-tw"]),
    ("euc-kr", "euc-kr", b"", "euc-kr", ["ko"]),
    ("tis-620", "tis-620", b"", "tis-620", ["th"]),
    ("cp874", "cp874", b"", "windows-874", ["th"]),
    ("cp1258", "cp1258", b"", "windows-1258", ["vi"]),
    ("mac-roman", "mac-roman", b"", "macintosh", ["en", "fr", "de"]),
]
# (VISCII: neither Python nor charset-normalizer has a codec for it; not measured.)
MULTIBYTE = {"utf-8", "utf-8-bom", "shift_jis", "euc-jp", "gb2312", "gbk", "gb18030", "big5", "euc-kr"}
LENGTHS = {"line": 1, "paragraph": 5, "page": 40}
CONTAINERS = ["txt", "html-meta", "html-wrong", "html-none", "jsonl", "jsonl-latin1", "jsonl-ctype", "parquet"]

# WHATWG's label table, the part a browser needs here: the label → the decoder it uses.
WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "windows-1252": "cp1252",
          "iso-8859-9": "cp1254", "gb2312": "gbk", "shift_jis": "cp932", "euc-kr": "cp949",
          "tis-620": "cp874", "windows-874": "cp874", "utf-16": "utf-8", "utf-16le": "utf-8",
          "utf-16be": "utf-8", "utf-32": "utf-8", "utf-32le": "utf-8", "macintosh": "mac-roman"}


def encodable(text: str, codec: str) -> str | None:
    """`text` as `codec` can hold it (cp1258 writes Vietnamese as base letter + combining
    tone mark: the true text is that form), or None when it cannot."""
    try:
        text.encode(codec)
        return text
    except UnicodeEncodeError:
        if codec != "cp1258":
            return None
    out = []
    for char in text:
        try:
            char.encode(codec)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], list(parts[1:])
        for mark in list(marks):  # fold what cp1258 has precomposed (â ê ô ơ ư)
            joined = unicodedata.normalize("NFC", base + mark)
            if len(joined) == 1 and _encodes(joined, codec):
                base = joined
                marks.remove(mark)
        piece = base + "".join(marks)
        if not _encodes(piece, codec):
            return None
        out.append(piece)
    return "".join(out)


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def make_text(rng: random.Random, lang: str, length: str, codec: str) -> list[str] | None:
    """The document's paragraphs: one sentence, one paragraph of 5, or 40 sentences in
    8 paragraphs; None when the codec cannot hold the language."""
    pool = SENTENCES[lang]
    count = LENGTHS[length]
    sentences = [rng.choice(pool) for _ in range(count)]
    sentences = [encodable(s, codec) for s in sentences]
    if any(s is None for s in sentences):
        return None
    per = 1 if count == 1 else 5
    return [" ".join(sentences[i:i + per]) for i in range(0, count, per)]


def html_page(paragraphs: list[str], label: str | None, title: str = "Notes") -> str:
    meta = f'<meta charset="{label}">' if label else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"<!DOCTYPE html>\n<html><head>{meta}<title>{title}</title></head>\n<body>\n{body}</body></html>\n"


def wrong_label(name: str) -> str:
    """The charset a wrong <meta> names: a UTF-8 template's on a legacy page, latin-1 on a UTF-8 one."""
    return "iso-8859-1" if name.startswith("utf") else "utf-8"


def damaged(encoded: bytes, damage: str, codec: str) -> bytes:
    """The bytes with damage "bytes" applied (two invalid bytes after the first sentence);
    other damage ("mixed": one line cp1252) is built into the bytes by the caller."""
    if damage == "bytes":
        # between the first and second sentence (after the first ". " or "。")
        for cut in (". ".encode(codec), "。".encode(codec) if _encodes("。", codec) else b"\x00\x00"):
            at = encoded.find(cut)
            if at > 0:
                return encoded[:at + len(cut)] + b"\xff\xfe" + encoded[at + len(cut):]
        return encoded[:len(encoded) // 2] + b"\xff\xfe" + encoded[len(encoded) // 2:]
    return encoded


def build_case(rng: random.Random, enc: tuple, length: str, container: str, damage: str) -> dict | None:
    """One generated document: the bytes of its file, its true paragraphs, what to compare."""
    name, codec, bom, label, langs = enc
    lang = rng.choice(langs)
    paragraphs = make_text(rng, lang, length, codec)
    if paragraphs is None:
        return None
    if damage == "mixed":
        # a UTF-8 file, one line of it saved as cp1252: French text (cp1252 can hold it)
        extra = make_text(rng, "fr", "line", "cp1252")
        paragraphs = [*paragraphs[:1], *extra, *paragraphs[1:]]
    if container == "txt" or container == "jsonl" or container == "parquet":
        text = "\n".join(paragraphs) + ("\n" if container == "txt" else "")
        if damage == "mixed":
            lines = [p.encode("cp1252") if i == 1 else p.encode(codec) for i, p in enumerate(paragraphs)]
            body = b"\n".join(lines)
        else:
            body = text.encode(codec)
        if container == "txt":
            if damage == "mixed":
                body += b"\n"
            data = bom + damaged(body, damage, codec)
            return {"file": "doc.txt", "data": data, "doc_bytes": data, "truth": text, "html": False,
                    "paragraphs": paragraphs, "lang": lang}
        if container == "jsonl":
            if damage == "mixed":
                # a JSONL file of UTF-8 lines, one line (one record) cp1252
                lines = [json.dumps({"id": i, "text": p}, ensure_ascii=False).encode("cp1252" if i == 1 else codec)
                         for i, p in enumerate(paragraphs)]
                data = b"\n".join(lines) + b"\n"
                return {"file": "doc.jsonl", "data": data, "doc_bytes": data, "truth": None, "html": False,
                        "records": paragraphs, "paragraphs": paragraphs, "lang": lang}
            line = json.dumps({"id": 1, "text": text}, ensure_ascii=False).encode(codec)
            line = damaged(line, damage, codec)
            data = bom + line + "\n".encode(codec)
            return {"file": "doc.jsonl", "data": data, "doc_bytes": bom + damaged(body, damage, codec),
                    "truth": text, "html": False, "paragraphs": paragraphs, "lang": lang}
        # parquet: a binary column holding the encoded text
        import pyarrow as pa
        import pyarrow.parquet as pq
        import io
        cell = bom + damaged(body, damage, codec)
        sink = io.BytesIO()
        pq.write_table(pa.table({"id": ["1"], "text": pa.array([cell], pa.binary())}), sink)
        return {"file": "doc.parquet", "data": sink.getvalue(), "doc_bytes": cell, "truth": text, "html": False,
                "paragraphs": paragraphs, "lang": lang}
    declared = {"html-meta": label, "html-wrong": wrong_label(name), "html-none": None,
                "jsonl-latin1": label, "jsonl-ctype": None}[container]
    page = html_page(paragraphs, declared)
    if damage == "mixed":
        parts = page.split("\n")
        at = next(i for i, part in enumerate(parts) if paragraphs[1] in part)
        body = b"\n".join(part.encode("cp1252") if i == at else part.encode(codec) for i, part in enumerate(parts))
    else:
        body = page.encode(codec)
    data = bom + damaged(body, damage, codec)
    case = {"html": True, "paragraphs": paragraphs, "truth": None, "doc_bytes": data, "lang": lang,
            "declared": declared}
    if container.startswith("html"):
        return {**case, "file": "doc.html", "data": data}
    record = {"id": "1", "url": "https://example.test/a", "html": data.decode("latin-1")}
    if container == "jsonl-ctype":
        record["content_type"] = f"text/html; charset={label}"
        case["http_charset"] = label
    line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
    return {**case, "file": "doc.jsonl", "data": line}


def score_text(case: dict, text: str | None, problem: bool) -> str:
    """exact / flagged / wrong, for a decoded text (None: nothing came out)."""
    if text is None:
        return "flagged" if problem else "wrong"
    if case.get("damage") == "bytes":
        ok = _sentences_in(case, text)
        return "exact" if ok and problem else ("flagged" if problem else "wrong")
    if case["html"]:
        ok = all(p in text for p in case["paragraphs"])
    else:
        ok = text == case["truth"]
    if ok and not problem:
        return "exact"
    return "flagged" if problem else "wrong"


def _sentences_in(case: dict, text: str) -> bool:
    """Every true sentence is in `text` (damage splits one paragraph: compare sentence by sentence)."""
    import re
    clean = text.replace("\ufffd", "")
    for para in case["paragraphs"]:
        for sentence in re.split(r"(?<=[.。!?])\s*", para):
            if sentence and sentence not in clean:
                return False
    return True


def read_with(readers, path: str, name: str) -> list:
    return list(readers.read_file(readers.InputFile(path, name, os.path.getsize(path))))


def ours(readers, case: dict, workdir: str) -> str:
    """The real readers on the case's file → exact / flagged / wrong."""
    path = os.path.join(workdir, case["file"])
    with open(path, "wb") as handle:
        handle.write(case["data"])
    try:
        items = read_with(readers, path, case["file"])
    except Exception:  # noqa: BLE001 - a crash is a wrong answer here, the other sweeps catch it
        return "wrong"
    docs = [item for item in items if hasattr(item, "raw_text")]
    if not docs:
        return "flagged" if items else "wrong"  # a skipped file says why
    if "records" in case:  # JSONL records, one per paragraph
        results = [score_text({**case, "truth": truth, "html": False}, doc.raw_text, bool(doc.problems))
                   for truth, doc in zip(case["records"], docs)]
        if len(docs) != len(case["records"]):
            return "wrong"
        return "wrong" if "wrong" in results else "flagged" if "flagged" in results else "exact"
    doc = docs[0]
    return score_text(case, doc.html if case["html"] else doc.raw_text, bool(doc.problems))


def cn_alone(data: bytes) -> str | None:
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    return None if best is None else str(best)


def browser(data: bytes, is_html: bool, http_charset: str | None = None) -> str | None:
    """BOM, then the HTTP charset, then the <meta> charset in the first 1024 bytes, then sniffing."""
    import re
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    label = http_charset
    if label is None and is_html:
        match = re.search(rb'<meta[^>]+charset\s*=\s*["\']?([A-Za-z0-9_:.-]+)', data[:1024], re.I)
        label = match.group(1).decode("ascii").lower() if match else None
    if label:
        codec = WHATWG.get(label, label)
        try:
            return data.decode(codec, "replace")
        except LookupError:
            pass
    return cn_alone(data)


def baseline_score(case: dict, text: str | None) -> str:
    """A baseline's text scored: it never flags, so exact or wrong (damaged bytes: exact
    when every true sentence is in it)."""
    if case.get("damage") == "bytes":
        return "exact" if text is not None and _sentences_in(case, text) else "wrong"
    return score_text({**case, "damage": None}, text, False)


def cases(seeds: list[int]):
    for seed in seeds:
        rng = random.Random(seed)
        for enc in ENCODINGS:
            for length in LENGTHS:
                for container in CONTAINERS:
                    damages = ["none"]
                    if enc[0] in MULTIBYTE and container in ("txt", "html-meta", "jsonl", "parquet"):
                        damages.append("bytes")
                    if enc[0] == "utf-8" and container in ("txt", "html-meta", "html-none", "jsonl"):
                        damages.append("mixed")
                    for damage in damages:
                        if damage == "mixed" and length == "line":
                            continue
                        case = build_case(rng, enc, length, container, damage)
                        if case is not None:
                            yield {**case, "enc": enc[0], "length": length, "container": container,
                                   "damage": damage, "seed": seed}


def run_ours(root: str, seeds: list[int]) -> list[str]:
    """Our readers' score for each generated case, in order (imports `root`'s corpus_clean)."""
    sys.path.insert(0, root)
    from corpus_clean import readers
    out = []
    with tempfile.TemporaryDirectory() as workdir:
        for case in cases(seeds):
            out.append(ours(readers, case, workdir))
    return out


def table(rows: list[dict], key, columns: list[str]) -> list[str]:
    """A markdown table of exact % (and wrong, silent, counts) per `key` for each column."""
    groups = collections.defaultdict(lambda: collections.Counter())
    for row in rows:
        for column in columns:
            groups[key(row)][(column, row[column])] += 1
    lines = ["| " + " | ".join(["cell", "n", *[f"{c} exact %" for c in columns], *[f"{c} silent-wrong" for c in columns]]) + " |",
             "|" + "---|" * (2 + 2 * len(columns))]
    for name in sorted(groups):
        counts = groups[name]
        n = sum(v for (c, _), v in counts.items() if c == columns[0])
        exact = [f"{100 * counts[(c, 'exact')] / n:.0f}" for c in columns]
        wrong = [str(counts[(c, "wrong")]) for c in columns]
        lines.append(f"| {name} | {n} | " + " | ".join(exact + wrong) + " |")
    return lines


def read_cpu(root: str, folder: str, repeat: int) -> list[float]:
    """CPU seconds to read every file under `folder` with `root`'s readers (records made,
    not cleaned), one figure per pass after a warm-up pass."""
    import time
    sys.path.insert(0, root)
    from corpus_clean import readers
    files = readers.list_input_files(folder)
    passes = []
    for attempt in range(repeat + 1):
        start = time.process_time()
        for file in files:
            for _ in readers.read_file(file):
                pass
        if attempt:
            passes.append(time.process_time() - start)
    return passes


def speed(folders: list[str], baseline: str, repeat: int) -> None:
    """Readers' CPU, main's tree vs this one, in interleaved child processes (load-proof:
    ratios of CPU time within one run)."""
    for folder in folders:
        times = {"main": [], "ours": []}
        for _ in range(repeat):
            for name, root in (("main", baseline), ("ours", str(ROOT))):
                out = subprocess.run([sys.executable, __file__, "--speed-child", root, "--speed", folder],
                                     capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": root})
                times[name] += json.loads(out.stdout)
        best = {name: min(values) for name, values in times.items()}
        size = sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file()) / 1e6
        print(f"| {Path(folder).name} | {size:.1f} MB | {best['main']:.3f} s | {best['ours']:.3f} s | "
              f"{best['ours'] / best['main']:.3f} |")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--baseline", help="a tree of main's code: its readers scored in a child process")
    parser.add_argument("--cells", action="store_true", help="print every cell with a silent wrong decode")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--speed", nargs="+", help="folders of input: time the readers on them, main vs ours "
                                                   "(needs --baseline), min CPU of --repeat interleaved runs")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--speed-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_child:
        json.dump(read_cpu(args.speed_child, args.speed[0], 5), sys.stdout)
        return 0
    if args.speed:
        print("| input | size | main CPU | ours CPU | ours / main |\n|---|---|---|---|---|")
        speed(args.speed, args.baseline, args.repeat)
        return 0
    seeds = list(range(args.first, args.first + args.seeds))
    if args.child:
        json.dump(run_ours(args.child, seeds), sys.stdout)
        return 0
    columns = ["ours"]
    before = None
    if args.baseline:
        out = subprocess.run([sys.executable, __file__, "--seeds", str(args.seeds), "--first", str(args.first),
                              "--child", args.baseline], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": args.baseline})
        before = json.loads(out.stdout)
        columns = ["main", "ours"]
    now = run_ours(str(ROOT), seeds)
    rows = []
    for i, case in enumerate(cases(seeds)):
        data = case["doc_bytes"]
        row = {"enc": case["enc"], "length": case["length"], "container": case["container"],
               "damage": case["damage"], "ours": now[i]}
        if before is not None:
            row["main"] = before[i]
        row["cn"] = baseline_score(case, cn_alone(data))
        row["browser"] = baseline_score(case, browser(data, case["html"], case.get("http_charset")))
        rows.append(row)
    columns += ["cn", "browser"]
    print(f"{len(rows)} documents, seeds {seeds[0]}..{seeds[-1]}")
    print("\n## by container\n")
    print("\n".join(table(rows, lambda r: r["container"], columns)))
    print("\n## by length\n")
    print("\n".join(table(rows, lambda r: r["length"], columns)))
    print("\n## by damage\n")
    print("\n".join(table(rows, lambda r: r["damage"], columns)))
    print("\n## by encoding\n")
    print("\n".join(table(rows, lambda r: r["enc"], columns)))
    total = collections.Counter(r["ours"] for r in rows)
    print(f"\nours: {dict(total)}")
    if args.cells:
        bad = collections.Counter((r["enc"], r["container"], r["length"], r["damage"]) for r in rows
                                  if r["ours"] != "exact")
        print("\n## cells not exact (ours): encoding, container, length, damage: count")
        for cell, count in sorted(bad.items()):
            print(" ", *cell, count)
    return 0


if __name__ == "__main__":
    sys.exit(main())

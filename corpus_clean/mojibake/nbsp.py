"""The 0xA0 byte of NBSP or "à" lost from mojibake: with trailing whitespace at a line end
(`restore_nbsp_at_eol`), or turned into a space (`restore_nbsp_lost_as_space`); and NBSP
that is Mac Roman's reading of a UTF-8 lead byte (`decode_mac_roman_letter_apostrophes`).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter


from corpus_clean.mojibake.charmaps import _CP1251, _CP1252, _SPAN_CODECS, _cls, _count_sequences
from corpus_clean.mojibake.evidence import _IPA_LETTER_RE, _OPENING_MARKS, _count_evidence, _count_plausible_sequences
from corpus_clean.mojibake.other_codecs import decode_line_read_as_another_codec, reads_through_another_codec_only
from corpus_clean.mojibake.scripts import AFRICAN_REFERENCE_LETTERS, _script


# Any cp1252 UTF-8 sequence: evidence that the document is mojibake.
# Starts with the character class, so the search is a fast scan for Â/Ã.
# Group 2: one space right after the stranded byte, which may be its 0xA0 turned into a
# space ("cittÃ \n"): "Ã" takes it back; "Â" leaves it.
_EOL_NBSP_RE = re.compile(r"([ÂÃ])( ?)(?=[ \t]*(\r?\n(.)?|\Z))", re.S)


def restore_nbsp_at_eol(text: str) -> tuple[str, int]:
    """Put back the 0xA0 byte that was lost with trailing whitespace at a line end.

    In mojibake, NBSP is ``Â\\xa0`` and ``à`` is ``Ã\\xa0``; stripping trailing spaces
    eats the ``\\xa0`` and strands ``Â``/``Ã`` at the end of the line. A stranded ``Â`` is
    dropped (the NBSP it stood for would have been stripped too); a stranded ``Ã`` gets
    its ``\\xa0`` back so the line decodes to ``à``. Legit capitals ending a word
    (``IRMÃ``, ``SÃO``) follow another capital, so only a ``Â``/``Ã`` after a lowercase
    letter, digit or punctuation is touched, or a standalone ``Ã`` when the document
    shows other mojibake or the next line goes on in lowercase.

    >>> restore_nbsp_at_eol("war.Â\\nMr. Smith")
    ('war.\\nMr. Smith', 1)
    >>> restore_nbsp_at_eol("Institut CatalÃ\\nde Tecnologia")
    ('Institut CatalÃ\\xa0\\nde Tecnologia', 1)
    >>> restore_nbsp_at_eol("IRMÃ\\nCÂMARA")
    ('IRMÃ\\nCÂMARA', 0)

    A capital that ends a garbled sequence is no capital of a word: Arabic "ي" is ``ÙŠ``,
    Korean "회" is ``íšŒ``.

    >>> restore_nbsp_at_eol("Ø¹Ø±Ø¨ÙŠÂ\\nnext")
    ('Ø¹Ø±Ø¨ÙŠ\\nnext', 1)

    Nor is a capital that ends a word holding lowercase letters: ``BiHÂ`` is "BiH" and a
    lost NBSP.

    >>> restore_nbsp_at_eol("Vijesti\\nBiHÂ\\nRegija")
    ('Vijesti\\nBiH\\nRegija', 1)

    Nor one that ends a unit glued to a number: ``24°CÂ`` is "24°C" and a lost NBSP.

    >>> restore_nbsp_at_eol("Ojo: 24°CÂ\\nAla: 22°C")
    ('Ojo: 24°C\\nAla: 22°C', 1)

    Nor one that ends a time zone after a clock time; and an NBSP that ends a garbled
    sequence itself is no space before the stranded byte:

    Nor one on a page that lost other NBSPs (``_page_lost_its_nbsps``):

    >>> restore_nbsp_at_eol("Redio ButerevuÂ\\nTVÂ\\nOkubala")
    ('Redio Buterevu\\nTV\\nOkubala', 2)
    >>> restore_nbsp_at_eol("Updated: Dec 02, 11:20 ISTÂ\\nNext")
    ('Updated: Dec 02, 11:20 IST\\nNext', 1)
    >>> restore_nbsp_at_eol("per cittÃ\\xa0Â\\nNext")
    ('per cittÃ\\xa0\\nNext', 1)

    A space between a stranded ``Ã`` and the line end is its 0xA0 turned into a space
    (the line lost its NBSPs as spaces, not as trailing whitespace):

    >>> restore_nbsp_at_eol("per cittÃ \\ndi Redazione")
    ('per cittÃ\\xa0\\ndi Redazione', 1)

    A line that was one NBSP (a spacer line of a web page) is a stranded ``Â`` alone after
    a line break, no space before it: on a page that shows mojibake, it goes.

    >>> restore_nbsp_at_eol("Lao:\\nàºžàº²àºªàº².Â\\nÂ")
    ('Lao:\\nàºžàº²àºªàº².\\n', 2)

    So does a spacer line, the first line among them, on a page whose other lines lost
    their NBSPs at their ends, with no sequence on it:

    >>> restore_nbsp_at_eol("Â\\nInfiamnaÂ\\nÂ\\nPathianni")
    ('\\nInfiamna\\n\\nPathianni', 3)
    >>> restore_nbsp_at_eol("Â\\nPATHIANNI")
    ('Â\\nPATHIANNI', 0)
    """
    if "Â" not in text and "Ã" not in text:
        return text, 0
    count = 0
    has_evidence = None

    def fix(match: re.Match) -> str:
        nonlocal count, has_evidence
        stranded, space, next_char = match.group(1), match.group(2), match.group(4)
        if match.start() == 0:
            # (The page's first line, one NBSP: as after a line break, on a page that lost
            # its NBSPs elsewhere.)
            if stranded == "Â" and _page_lost_its_nbsps(text):
                count += 1
                return space
            return stranded + space
        before = text[match.start() - 1]
        ends_a_sequence = _ends_a_garbled_sequence(text, match.start())
        a_word_in_capitals = (
            before.isupper()
            and not ends_a_sequence
            and not (stranded == "Â" and (_ends_a_mixed_case_word(text, match.start())
                                          or _ends_a_unit_glued_to_a_number(text, match.start())
                                          or _ends_a_time_zone(text, match.start())))
        )
        # An NBSP that is the last byte of a garbled sequence ("Ã\xa0" is "à") is no
        # space before the stranded byte: "cittÃ\xa0Â" is "città" and a lost NBSP.
        after_a_space = before.isspace() and before not in "\r\n" and not ends_a_sequence
        if a_word_in_capitals and stranded == "Â" and _page_lost_its_nbsps(text):
            a_word_in_capitals = False  # "RSSÂ", "TVÂ" on a page that lost NBSPs elsewhere
        if a_word_in_capitals or (after_a_space and stranded == "Â"):
            return stranded + space
        if after_a_space or before in "\n\r":
            if has_evidence is None:
                has_evidence = _CP1252.sequence_re.search(text) is not None
            # (A spacer line, one NBSP, on a page whose other lines lost theirs at their
            # ends: "hnehÂ\nÂ\nPathianni" is evidence enough without a sequence.)
            spacer_on_a_page_that_lost_nbsps = (stranded == "Â" and before in "\n\r"
                                                and _page_lost_its_nbsps(text))
            if not (has_evidence or spacer_on_a_page_that_lost_nbsps
                    or (next_char and (next_char.islower() or next_char.isdigit()))):
                return stranded + space
        count += 1
        # (a space right after "Ã" was its 0xA0: "cittÃ \n" is "città", not "città ")
        return space if stranded == "Â" else "Ã\xa0"

    return _EOL_NBSP_RE.sub(fix, text), count


@functools.lru_cache(maxsize=8)
def _page_lost_its_nbsps(text: str) -> bool:
    """Does the page show NBSPs lost as mojibake elsewhere: a cp1252 sequence (``Â·``,
    ``Ã©``), or a stranded ``Â`` at a line end after a lowercase letter, a digit or
    punctuation? Then a ``Â`` stranded after a capital is one more lost NBSP (``RSSÂ``,
    ``TVÂ``): no word in capitals ends in "Â" (``CÂMARA``, ``ROMÂNIA`` hold it inside).

    >>> _page_lost_its_nbsps("ButerevuÂ\\nTVÂ"), _page_lost_its_nbsps("CÂMARA\\nTVÂ")
    (True, False)
    """
    if _CP1252.sequence_re.search(text):
        return True
    return any(not text[m.start() - 1 : m.start()].isupper() and not text[m.start() - 1 : m.start()].isspace()
               for m in _EOL_NBSP_RE.finditer(text) if m.group(1) == "Â" and m.start() > 0)


def _ends_a_mixed_case_word(text: str, end: int) -> bool:
    """Does the word ending at ``end`` hold a lowercase letter (``BiH``, ``McD``)? Then a
    capital ``Â`` after it is no letter of a word in capitals, but a stranded NBSP.

    >>> _ends_a_mixed_case_word("Vijesti BiH", 11), _ends_a_mixed_case_word("CÂMARA", 6)
    (True, False)
    """
    return any(c.islower() for c in text[_word_start(text, end):end])


def _word_start(text: str, end: int) -> int:
    """Where the run of letters ending at ``end`` starts (``end`` when there is none)."""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _ends_a_unit_glued_to_a_number(text: str, end: int) -> bool:
    """Is the word ending at ``end`` a unit glued to a number (``24°C``, ``5G``, ``100MB``)?
    Then a capital ``Â`` after it is a stranded NBSP, not the last letter of a word in
    capitals (those do not start right after a digit or a degree sign).

    >>> _ends_a_unit_glued_to_a_number("Ala: 22°C", 9), _ends_a_unit_glued_to_a_number("do CÂMARA", 4)
    (True, False)
    """
    start = _word_start(text, end)
    before = text[start - 1 : start]
    return start < end and (before.isdigit() or before in ("°", "%")) and before != ""


# A clock time, maybe with AM/PM, then the time zone's letters: "12:35 CET", "6:15 PM IST".
_TIME_ZONE_END_RE = re.compile(r"\d{1,2}[:.]\d{2}(?: ?[AaPp]\.?[Mm]\.?)? [A-Z]{2,5}$")


def _ends_a_time_zone(text: str, end: int) -> bool:
    """Is the word ending at ``end`` a time zone after a clock time (``12:35 CET``)? Then
    a capital ``Â`` after it is a stranded NBSP: datelines end so, and no time zone ends
    in "Â".

    >>> _ends_a_time_zone("Updated: 11:20 IST", 18), _ends_a_time_zone("CÂMARA", 1)
    (True, False)
    """
    return _TIME_ZONE_END_RE.search(text[max(0, end - 24) : end]) is not None


def _ends_a_garbled_sequence(text: str, end: int) -> bool:
    """Does a UTF-8 sequence read as cp1252 (``ÙŠ``, ``íšŒ``) end at ``end``?

    >>> _ends_a_garbled_sequence("ÙŠÂ", 2), _ends_a_garbled_sequence("IRMÃ", 3)
    (True, False)
    """
    return any(_CP1252.sequence_re.fullmatch(text, end - n, end) for n in (2, 3, 4) if end >= n)


# Lead characters that, followed by the byte 0xA0, make a character real text uses:
# cp1252 Â Ã Å Æ Î Ð × Ù -> NBSP à Š Ơ Π Р נ ٠; cp1251 Г Р -> à Р. (cp1251 "В" would be
# NBSP, but "В" is also a Russian and Ukrainian word.)
# Lead bytes whose sequence with 0xA0 is a letter: à, Š, Ơ, Π, Р, Ҡ (Bashkir), נ, ٠; or the
# combining minus sign below U+0320 (CC A0, Mixtec "a̠"), which only follows a letter.
_A0_LEADS_CP1252 = "ÂÃÅÆÌÎÐÒ×Ù"
_A0_LEADS_CP1251 = "ГР"
# ftfy's restore_byte_a0 reads "Ã " before a word as "à" + space, except before the
# Portuguese "s"/"quele"... ("às", "àquele"), where the space was the 0xA0.
_A_GRAVE_WORD_RE = re.compile("[ÃГ] (?! |quele|quela|quilo|s )")
# ... and where it is: "Ã s 14:20" is Portuguese "às 14:20", whatever stands before it.
_A_GRAVE_GLUED_RE = re.compile("Ã (?:quele|quela|quilo|s )")


# Group 1: glued to the end of a lowercase word, a digit or punctuation, or to a word's
# first capital ("HÃ ng" for "Hàng", also after an opening quote that is mojibake itself:
# "â€œHÃ ng", "â€˜", "â€ž"); group 2: alone
# (after a space or at the start of a line) and not before a capital or a digit.
# Group 3: "Â" after a capital, not before one ("AÂ letartÃ³ztatÃ¡s"); in capitals
# ("MÂ ØT") it is a letter.
_NBSP_AS_SPACE_RE = re.compile(
    rf"(?:(?<=[^\sA-ZÀ-ÞА-Я])|(?<=^[A-ZÀ-Þ])|(?<=[\s(“„«\"'œ˜ž][A-ZÀ-Þ]))([{_A0_LEADS_CP1252}{_A0_LEADS_CP1251}]) "
    rf"|(?:(?<=\s)|^)([{_A0_LEADS_CP1252}{_A0_LEADS_CP1251}]) (?=[^\r\nA-Z0-9])"
    r"|(?<=[A-ZÀ-Þ])(Â) (?![A-ZÀ-Þ])",
    re.M,
)


# The document's 0xA0 bytes became spaces: "à la" as "Ã  la" (the 0xA0, then the real
# space), or NBSP glued to a word as "Â ".
_A0_AS_SPACE_RE = re.compile(r"Ã  |(?<=[^\sA-ZÀ-Þ])Â ")


_STRANDED_LEAD_SPACE_RE = re.compile(f"[{_A0_LEADS_CP1252}{_A0_LEADS_CP1251}] ")


def restore_nbsp_lost_as_space(text: str) -> tuple[str, int]:
    """Turn ``Ã `` back into ``Ã\\xa0`` (and the like) in a document that is mojibake.

    When mojibake passes through something that turns NBSP into a space, ``à`` (bytes
    C3 A0) shows as ``Ã `` and NBSP (C2 A0) as ``Â ``; so do ``Š`` (``Å ``), ``Р``
    (``Ð `` in cp1252, ``Р `` in cp1251) and a few others. ftfy's ``restore_byte_a0``
    undoes this only in some contexts, and not at all when it cannot decode the whole
    line. Here the 0xA0 is put back where the stranded lead follows a lowercase letter,
    digit or punctuation mark (``praticabilitÃ ,``, ``Pont-Ã -Mousson``, ``2:Â Umqulu``:
    no real word puts a capital there), or stands alone before anything but a capital or
    digit (``Ã  la``, ``Ð ешил``). Only ``Â``/``Ã`` glued to a word go without further
    evidence; the rest need other sequences of the same codec in the document.
    ``CONCLUSÃ O`` and ``Dấu ngã: Ã, Ẽ`` stay.

    ``Ã`` + space + a letter is left to ftfy (see the comment in ``fix``), except glued
    to a word in a document whose 0xA0 bytes visibly became spaces.

    >>> restore_nbsp_lost_as_space("Ã©tÃ© praticabilitÃ , lÃ  bas Ã  la Ã s'Ã©")[0]
    "Ã©tÃ© praticabilitÃ\\xa0, lÃ\\xa0 bas Ã\\xa0 la Ã s'Ã©"
    >>> restore_nbsp_lost_as_space("jusqu'Ã nos jours, voilÃ le travail")[1]
    0
    >>> restore_nbsp_lost_as_space("Atualizado em 18/03/2025 Ã s 14:20")[0]
    'Atualizado em 18/03/2025 Ã\xa0s 14:20'
    >>> restore_nbsp_lost_as_space("C O N C L U S Ã O")
    ('C O N C L U S Ã O', 0)
    """
    if not _STRANDED_LEAD_SPACE_RE.search(text) or not _NBSP_AS_SPACE_RE.search(text):
        return text, 0
    evidence = {}
    count = 0

    def has_evidence(lead: str) -> bool:
        codec = _CP1252 if lead in _A0_LEADS_CP1252 else _CP1251
        if codec not in evidence:
            # The codec must also be the one that explains the document best: Mac Roman
            # mojibake of Telugu is full of cp1252 look-alikes, and "Å " in it is no "Š".
            counts = {c: _count_sequences(text, c) for c in _SPAN_CODECS}
            dominant = max(_SPAN_CODECS, key=lambda c: counts[c])
            if codec is _CP1252:
                enough = _count_evidence(text, codec) >= (1 if lead in "ÂÃ" else 2)
            else:
                enough = _count_plausible_sequences(text, codec) >= 2
            evidence[codec] = enough and dominant is codec
        return evidence[codec]

    @functools.cache
    def garbled_document() -> bool:
        """Asked once per document, not once per stranded lead (a long text has many)."""
        return bool(_A0_AS_SPACE_RE.search(text)) or _count_evidence(text, _CP1252) >= 3

    @functools.cache
    def writes_dotted_vowels() -> bool:
        return _writes_latin_extended_additional(text)

    @functools.cache
    def line_reads_through_another_codec(start: int) -> bool:
        """Does the line starting at ``start`` read whole through another code page
        (Silesian "m┼Å dzisiej" through cp437: "Å" is a continuation byte there, and the
        space after it a real one)?"""
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        return decode_line_read_as_another_codec(line, text) is not None or reads_through_another_codec_only(line)

    def fix(match: re.Match) -> str:
        nonlocal count
        glued, alone = match.group(1), match.group(2)
        lead = glued or alone or match.group(3)
        if line_reads_through_another_codec(text.rfind("\n", 0, match.start()) + 1):
            return match.group()
        if glued and text[match.start() - 1 : match.start()].isupper() and _in_capitals(text, match):
            return match.group()  # a word in capitals ("ĐÃ XẢY RA" in Vietnamese)
        if alone == "Г" and _is_a_grave_in_latin_text(text, match):
            # ftfy's own rule for "Ã" ("à" whose 0xA0 was lost before a space: "Ã la"),
            # for the cp1251 "Г" it has no rule for: "attention Г bien ... mГ©dicament".
            count += 1
            return "à "  # decided here: the pair alone would not convince the span decoder
        if match.group(3) and text[match.end() : match.end() + 1].islower() and not has_evidence(lead):
            # A capital, then "Â", a space and a lowercase word ("IÂ am", "XXVIÂ fuit"):
            # no word in capitals ends in "Â" before a word in lowercase; it is NBSP. With
            # no other mojibake in the document to decode it along with, decoded here.
            count += 1
            return "\xa0"
        # "Ã Â l'": a stranded NBSP right after the stranded lead; both lost their 0xA0.
        before_a_stranded_nbsp = lead in "ÂÃ" and text.startswith("Â ", match.end())
        # (ftfy reads "Ã s " as "às " after a word, but not after a date: "18/03/2025 Ã s
        # 14:20"; by its own rule the space was the 0xA0 there too, and no other word is
        # "Ã" and then "s": evidence enough alone.)
        portuguese_a_grave = alone == "Ã" and _A_GRAVE_GLUED_RE.match(text, match.start()) is not None
        if not (glued and lead in "ÂÃ") and not before_a_stranded_nbsp and not portuguese_a_grave and not has_evidence(lead):
            return match.group()
        if lead in "ÃГ" and text[match.end() : match.end() + 1].isalnum():
            # "Ã" + space + a word is ambiguous: "à" whose 0xA0 became the space
            # ("NgoÃ i" for "Ngoài", "Ã s" for Portuguese "às"), or "à" whose 0xA0 was
            # lost before a real space ("jusqu'Ã nos", "Ã la"). ftfy's restore_byte_a0
            # knows the common words; we step in only for "Ã" glued to a word in a
            # document whose 0xA0 bytes visibly turned into spaces ("vÃ  cÃ¡c"), or that
            # is garbled through and through (3+ pairs glued to letters: "Hà ng" is no
            # word and a space, but "Hàng" whose 0xA0 went the way of the others).
            if alone:
                decided = writes_dotted_vowels() or portuguese_a_grave
            else:
                decided = garbled_document()
            if not decided and not before_a_stranded_nbsp:
                return match.group()
        count += 1
        return lead + "\xa0"

    return _NBSP_AS_SPACE_RE.sub(fix, text), count


# U+1E00-U+1EFF (Latin Extended Additional: "ẹ", "ọ", "ṣ", "ạ", "ữ") as UTF-8 read as
# cp1252: E1 then B8-BB ("á¸" "á¹" "áº" "á»") then a continuation byte; or decoded already.
_LATIN_EXTENDED_ADDITIONAL_RE = re.compile(f"á[¸¹º»][{_cls(_CP1252.conts)}]|[\u1e00-\u1eff]")


def _writes_latin_extended_additional(text: str) -> bool:
    """Does the document's language write letters of Latin Extended Additional (Yoruba's
    "ẹ ọ ṣ", Vietnamese "ạ ữ"), garbled or not, at least twice?

    Those orthographies put "à" inside words ("àwọn", "àti", "Hàng") and hardly ever
    alone, while the languages that use "à" as a word (French, Portuguese, Catalan,
    Italian: "à la", "jusqu'à nos") never write these letters. So in such a document a
    lone "Ã" + space + a word is "à" glued to the word, its 0xA0 turned into the space.

    >>> _writes_latin_extended_additional("Ã wá»\x8dn Ã gbÃ©yáº¹Ì€wÃ²")
    True
    >>> _writes_latin_extended_additional("jusqu'Ã nos jours, la rÃ©flexion")
    False
    """
    found = _LATIN_EXTENDED_ADDITIONAL_RE.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def _in_capitals(text: str, match: re.Match) -> bool:
    """Is the stranded lead part of a word in capitals: two capitals before it, or a
    capital before it and a capital or an opening mark after the space? ("ĐÃ XẢY" and
    "„ĐÃ „NÓI" are Vietnamese "ĐÃ"; in "Lòng TÃ u)" the "T" opens the word "Tàu", and
    "Thu HÃ ," is "Thu Hà,". "Hà" whose 0xA0 was lost before an opening mark would show
    two spaces, its own and the 0xA0's.)

    >>> _in_capitals("ĐÃ XẢY RA", _NBSP_AS_SPACE_RE.search("ĐÃ XẢY RA"))
    True
    >>> _in_capitals("„ĐÃ „NÓI)", _NBSP_AS_SPACE_RE.search("„ĐÃ „NÓI)")), _in_capitals("—ĐÃ …CỦA", _NBSP_AS_SPACE_RE.search("—ĐÃ …CỦA"))
    (True, True)
    >>> _in_capitals("Lòng TÃ u)", _NBSP_AS_SPACE_RE.search("Lòng TÃ u)")), _in_capitals("Thu HÃ ", _NBSP_AS_SPACE_RE.search("Thu HÃ "))
    (False, False)
    """
    before = text[max(match.start() - 2, 0) : match.start()]
    after = text[match.end() : match.end() + 1]
    capital_after_marks = text[match.end() : match.end() + 3].lstrip(_OPENING_MARKS + "…")[:1].isupper()  # "ĐÃ …CỦA"
    return ((len(before) == 2 and before.isalpha() and before.isupper()) or after.isupper()
            or (after != "" and after in _OPENING_MARKS) or capital_after_marks)


def _is_a_grave_in_latin_text(text: str, match: re.Match) -> bool:
    """A lone Cyrillic "Г" between two Latin words, in a text with a cp1251 pair inside a
    Latin word (``mГ©dicament``): the "à" of UTF-8 read as cp1251, its 0xA0 lost.

    >>> _is_a_grave_in_latin_text("attention Г bien mГ©dicament", _NBSP_AS_SPACE_RE.search("attention Г bien"))
    True
    >>> _is_a_grave_in_latin_text("Г был там", _NBSP_AS_SPACE_RE.search("Г был там"))
    False
    """
    before = text[: match.start()].rstrip()[-1:]
    after = text[match.end() : match.end() + 1]
    return (
        before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
        and _A_GRAVE_WORD_RE.match(text, match.start()) is not None
        and _count_plausible_sequences(text, _CP1251) >= 1
    )


def finish_nbsp_at_eol(text: str) -> str:
    """Decode a restored ``Ã\\xa0`` at a line end that the rest of the line did not carry.

    >>> finish_nbsp_at_eol("motif Ã\\xa0\\nreproduire")
    'motif à\\nreproduire'
    """
    return re.sub(r"Ã\xa0(?=[ \t]*(?:\r?\n|\Z))", "à", text)


# In Mac Roman, 0xCA is the no-break space and 0xBB / 0xBC are "ª" / "º": the letter
# apostrophes ʻ (CA BB) and ʼ (CA BC) read as Mac Roman are NBSP + ª / º. The charmap
# keeps NBSP out of Mac Roman's leads (NBSP before a letter is everyday typography), so
# these two are decoded here, where a letter follows: an ordinal indicator stands after a
# number and before a space ("1.ª vez", "25 ºC"), never before a letter. Not after a digit
# or a period ("25\xa0ºC" is a degree written with the ordinal sign).
_MAC_ROMAN_LETTER_APOSTROPHE_RE = re.compile(r"(?<![\d.])\xa0([ªº])(?=[^\W\d_])")
# At a word's end after a letter ("Nidaaʼ" is ``Nidaa\xa0º``), only on a page that writes
# the letter apostrophes already: "N\xa0º" or "Art\xa0º" could be an ordinal sign.
_MAC_ROMAN_LETTER_APOSTROPHE_AT_A_WORDS_END_RE = re.compile(r"(?<=[^\W\d_])\xa0([ªº])(?![^\W\d_])")


def decode_mac_roman_letter_apostrophes(text: str) -> tuple[str, int]:
    """Tongan, Hawaiian or Guarani letter apostrophes written in UTF-8 and read as Mac
    Roman: ``ta\xa0ªu`` is "taʻu", ``\xa0ªUluaki`` "ʻUluaki".

    >>> decode_mac_roman_letter_apostrophes("ko e ta\xa0ªu \xa0ªe hongofulu")
    ('ko e taʻu ʻe hongofulu', 2)
    >>> decode_mac_roman_letter_apostrophes("a 25\xa0ºC, la 1.\xa0ª vez")
    ('a 25\xa0ºC, la 1.\xa0ª vez', 0)

    At a word's end, where the text writes letter apostrophes already (Navajo: the
    page's other lines were decoded whole, ``Nidaa\xa0º`` alone on its line was not):

    >>> decode_mac_roman_letter_apostrophes("Nidaa\xa0º\\nTsé Łichíʼ"), decode_mac_roman_letter_apostrophes("Art\xa0º 5")
    (('Nidaaʼ\\nTsé Łichíʼ', 1), ('Art\xa0º 5', 0))
    """
    if "\xa0" not in text:
        return text, 0
    text, n = _MAC_ROMAN_LETTER_APOSTROPHE_RE.subn(_letter_apostrophe, text)
    if "\u02bb" in text or "\u02bc" in text:
        text, at_ends = _MAC_ROMAN_LETTER_APOSTROPHE_AT_A_WORDS_END_RE.subn(_letter_apostrophe, text)
        n += at_ends
    return text, n


def _letter_apostrophe(match: re.Match) -> str:
    """The letter apostrophe whose UTF-8 bytes Mac Roman reads as NBSP + group 1."""
    return "\u02bb" if match.group(1) == "ª" else "\u02bc"


# A Latin-1 capital or "ß" (a UTF-8 lead byte C2-DF read as cp1252), then a space: the
# lead of a two-byte letter whose 0xA0 became a space, where a letter of that letter's
# script stands beside it.
_LEAD_BEFORE_A_LOST_A0_RE = re.compile("[Â-ß] ")


def _letter_or_mark(char: str) -> bool:
    """Is ``char`` a letter or a combining mark?"""
    return len(char) == 1 and (char.isalpha() or unicodedata.category(char)[0] == "M")


def decode_letters_of_a_script_split_by_a_lost_a0(text: str) -> tuple[str, int]:
    """Put back a letter of a script other than Latin whose second byte, 0xA0, became a
    space: Syriac "ܠ" (DC A0) read as cp1252 is ``Ü\xa0``, and with the NBSP turned
    into a space a repaired Syriac line still reads ``ܒܩܡܫÜ ܝ``; Kashmiri "ؠ" (D8 A0)
    ``پØ ٹھ``. Where the text shows one inside a word (letters of the decoded letter's
    script glued on both sides), the ones that open or end a word decode too (``ܟÜ  ``
    is "ܟܠ" and a space). No clean text writes a Latin-1 capital inside a word of
    another script; a Latin word ("GRÜ ÖL") is never touched.

    >>> decode_letters_of_a_script_split_by_a_lost_a0("ܡܢ ܬÜ ܬܡܐܐ ܝÜ ܘܕ̈ܐ")
    ('ܡܢ ܬܠܬܡܐܐ ܝܠܘܕ̈ܐ', 2)
    >>> decode_letters_of_a_script_split_by_a_lost_a0("ܟÜ  ܝܘܡܐ ܐܙܠܝܢ Ü ܡܕܪܫܬܐ ܐܙÜ ܝܢ")
    ('ܟܠ ܝܘܡܐ ܐܙܠܝܢ ܠܡܕܪܫܬܐ ܐܙܠܝܢ', 3)
    >>> decode_letters_of_a_script_split_by_a_lost_a0("ڈل جھیل پØ ٹھ")
    ('ڈل جھیل پؠٹھ', 1)
    >>> decode_letters_of_a_script_split_by_a_lost_a0("ߓߌ߲ß ߊߥߎߟߋ߲")   # after N'Ko's mark "߲"
    ('ߓߌ߲ߠߊߥߎߟߋ߲', 1)
    >>> decode_letters_of_a_script_split_by_a_lost_a0("GRÜ ÖL, VIÐ ERUM, ܫܠܡܐ Ü ܫܠܡܐ")
    ('GRÜ ÖL, VIÐ ERUM, ܫܠܡܐ Ü ܫܠܡܐ', 0)
    """
    if " " not in text or not _LEAD_BEFORE_A_LOST_A0_RE.search(text):
        return text, 0
    found = []
    for match in _LEAD_BEFORE_A_LOST_A0_RE.finditer(text):
        letter = bytes([ord(match.group()[0]), 0xA0]).decode("utf-8", errors="replace")
        if not letter.isalpha() or _script(letter) == "LATIN":
            continue
        script = _script(letter)
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        # (a combining mark of the script glues too: N'Ko "߲" after a letter)
        glued_before = _letter_or_mark(before) and _script(before) == script
        glued_after = _letter_or_mark(after) and _script(after) == script
        if glued_before and glued_after:
            found.append((match.start(), letter, True))
        elif (glued_before and not after.isalpha()) or (glued_after and not before.isalpha()):
            found.append((match.start(), letter, False))
    if not any(inside for _, _, inside in found):
        return text, 0
    out, last = [], 0
    for start, letter, _ in found:
        out += [text[last:start], letter]
        last = start + 2
    out.append(text[last:])
    return "".join(out), len(found)


# A space inside a three- or four-byte sequence read as cp1252: a lead byte E0-F4, then
# continuation bytes with one space among them where the byte 0xA0 stood (CJK "頭" is
# E9 A0 AD, ``é\xa0\xad``: with the NBSP turned into a space, ``é \xad``).
_A0_INSIDE_A_SEQUENCE_RE = re.compile(
    f"[{_cls(_CP1252.leads3 + _CP1252.leads4)}](?:[{_cls(_CP1252.conts)}]{{0,2}}) (?:[{_cls(_CP1252.conts)}]{{0,2}})")


def restore_a0_inside_longer_sequences(text: str) -> tuple[str, int]:
    """Put back the 0xA0 byte that became a space inside a UTF-8 sequence of three or four
    bytes read as cp1252, where the sequence so mended is a letter of a script other than
    Latin that the text's other garbled sequences write at least twice: ``é \\xadé \\x81``
    on a page of garbled Chinese is "頭頁" (E9 A0 AD, E9 A0 81). No clean text puts a
    space between such a lead and continuation bytes and decodes to that script.

    >>> page = "é \\xadé \\x81\\næ–°è\\x81ž\\né£Ÿç‰©"
    >>> restore_a0_inside_longer_sequences(page)
    ('é\\xa0\\xadé\\xa0\\x81\\næ–°è\\x81ž\\né£Ÿç‰©', 2)
    >>> restore_a0_inside_longer_sequences("café ¿ ou thé €")
    ('café ¿ ou thé €', 0)
    """
    if " " not in text or not _A0_INSIDE_A_SEQUENCE_RE.search(text):
        return text, 0
    found = []
    for match in _A0_INSIDE_A_SEQUENCE_RE.finditer(text):
        letter = _letter_with_a0(match.group())
        if letter is not None:
            found.append((match.start(), match.group(), letter))
    if not found:
        return text, 0
    # (each space put back at once: two letters that lost their 0xA0 side by side, "é \xadé \x81")
    mended = list(text)
    for start, piece, _ in found:
        mended[start + piece.index(" ")] = "\xa0"
    mended = "".join(mended)
    found = [(start, piece, letter) for start, piece, letter in found
             if _run_decodes_with_a0(mended, start, start + len(piece))]
    if not found:
        return text, 0
    # cp1252 must be the codec that explains the text best: Mac Roman mojibake is full of
    # cp1252 look-alikes, and a real space among them is no lost 0xA0.
    counts = {codec: _count_sequences(text, codec) for codec in _SPAN_CODECS}
    if max(_SPAN_CODECS, key=lambda codec: counts[codec]) is not _CP1252:
        return text, 0
    written = Counter()
    for sequence in _CP1252.sequence_re.findall(text):
        try:
            char = _CP1252.to_bytes(sequence).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if char.isalpha():
            written[_script(char)] += 1
    count = 0
    out, last = [], 0
    for start, piece, letter in found:
        if written[_script(letter)] < 2:
            continue
        out += [text[last:start], piece.replace(" ", "\xa0", 1)]
        last = start + len(piece)
        count += 1
    out.append(text[last:])
    return ("".join(out), count) if count else (text, 0)


def _run_decodes_with_a0(mended: str, start: int, end: int) -> bool:
    """Does the run of non-ASCII characters around ``mended[start:end]`` (up to the
    spaces or ASCII characters around it), its lost 0xA0 bytes put back, decode as UTF-8
    read as cp1252? Text garbled through another code page (cp1257 reads 0xB8 as "ø",
    which cp1252 has at 0xF8, a lead byte) can put a "lead", a real space and a
    "continuation" side by side; its run does not decode as cp1252.

    >>> _run_decodes_with_a0("é¦–é\xa0\x81", 3, 6), _run_decodes_with_a0("äø\xadæ\xa0«", 3, 6)
    (True, False)
    """
    while start > 0 and mended[start - 1] > "\x7f" and mended[start - 1] not in " \t\r\n":
        start -= 1
    while end < len(mended) and mended[end] > "\x7f" and mended[end] not in " \t\r\n":
        end += 1
    try:
        _CP1252.to_bytes(mended[start:end]).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError, KeyError, ValueError):
        return False
    return True


def _letter_with_a0(piece: str) -> str | None:
    """The one letter of a script other than Latin that ``piece`` (a lead, continuation
    bytes and one space, read as cp1252) decodes to with the space as 0xA0; else None.

    >>> _letter_with_a0("é \\xad"), _letter_with_a0("â€ ")
    ('頭', None)
    """
    try:
        raw = _CP1252.to_bytes(piece.replace(" ", "\xa0", 1))
        char = raw.decode("utf-8")
    except (UnicodeDecodeError, KeyError, ValueError):
        return None
    if len(char) != 1 or not char.isalpha() or _script(char) in ("LATIN", "COMMON"):
        return None
    return char


# Mac Roman's "…" is the byte 0xC9, the lead of U+0240-U+027F (the IPA letters African and
# Berber orthographies write: "ɣ" C9 A3, "ɨ" C9 A8, "ɲ" C9 B2); followed by a sign of
# 0xA0-0xBF ("£", "®", "≤") and glued to a word, it is such a letter. An ellipsis is never
# followed by a currency or math sign inside a word ("tm…£arin" is "tmɣarin").
_MAC_ROMAN_SIGNS_AFTER_C9 = "".join(
    char for char in bytes(range(0xA0, 0xC0)).decode("mac_roman") if not char.isalpha())
# (Two letters before it, or one where a letter follows: "S…£ur" is "Sɣur"; or opening a
# word, on a page with other such letters: Kabyle "…£ef" is "ɣef".)
_WORD_OPENS = r"(?<![^\s(\[«“„\"'‘])"
_MAC_ROMAN_IPA_LETTER_RE = re.compile(
    rf"(?:(?<=[^\W\d_]{{2}})|(?<=[^\W\d_])(?=..[^\W\d_]))…([{re.escape(_MAC_ROMAN_SIGNS_AFTER_C9)}])"
    rf"(?=[^\W\d_]|[\s.,;:!?)]|\Z)|{_WORD_OPENS}…([{re.escape(_MAC_ROMAN_SIGNS_AFTER_C9)}])(?=[^\W\d_])")


def decode_mac_roman_ipa_letters(text: str) -> tuple[str, int]:
    """Decode an IPA letter read as Mac Roman (``…£`` is "ɣ") glued to the end of a word
    or inside one, where the ellipsis is followed by a sign no word holds.

    >>> decode_mac_roman_ipa_letters("Ma s tm…£arin, Hmad Amazi…£\\nok")
    ('Ma s tmɣarin, Hmad Amaziɣ\\nok', 2)
    >>> decode_mac_roman_ipa_letters("Imeslayen …£ef tm…£arin")
    ('Imeslayen ɣef tmɣarin', 2)

    Opening a word, it is a letter only beside such evidence: an ellipsis may run into a
    bullet or a mark and a word at a line's start ("…•Item one", "…®Brand new").

    >>> decode_mac_roman_ipa_letters("Imeslayen …£ef tudert"), decode_mac_roman_ipa_letters("…•Item one")
    (('Imeslayen …£ef tudert', 0), ('…•Item one', 0))
    >>> decode_mac_roman_ipa_letters("Tickets…£20 and more… £5"), decode_mac_roman_ipa_letters("Brand…® new")
    (('Tickets…£20 and more… £5', 0), ('Brand…® new', 0))
    >>> decode_mac_roman_ipa_letters("Wait…®Registered"), decode_mac_roman_ipa_letters("tm…£arin Loading…•Next")
    (('Wait…®Registered', 0), ('tmɣarin Loading…•Next', 1))
    """
    if "…" not in text:
        return text, 0
    matches = [m for m in _MAC_ROMAN_IPA_LETTER_RE.finditer(text) if not _no_word_with_it(m)]
    if not matches:
        return text, 0
    # One glued inside a word ("tm…£arin"), or a page that writes such letters already: a
    # pair that only ends a word ("Brand…®") or opens one ("…®Brand", group 2) is none without.
    if not any(m.group(1) and text[m.end() : m.end() + 1].isalpha() for m in matches) and not _writes_ipa_or_african_letters(text):
        return text, 0
    return _MAC_ROMAN_IPA_LETTER_RE.sub(_mac_roman_pair_unless_no_word, text), len(matches)


def _no_word_with_it(match: re.Match) -> bool:
    """Would the IPA letter make no word with the letters around it: a capital after it
    ("Wait…®Registered", "Loading…•Next"), a letter of another script before it (Greek
    "ώρα…®", Russian "дойда…®"), or a word in capitals before it ("BØRN…®")?

    >>> [_no_word_with_it(_MAC_ROMAN_IPA_LETTER_RE.search(t)) for t in ("tm…£arin", "дойда…® x", "BØRN…® x")]
    [False, True, True]
    """
    text, start = match.string, match.start()
    before = text[max(start - 2, 0) : start]
    return (text[match.end() : match.end() + 1].isupper()
            or (before[-1:].isalpha() and _script(before[-1]) != "LATIN")
            or (len(before) == 2 and before.isalpha() and before.isupper()))


def _mac_roman_pair_unless_no_word(match: re.Match) -> str:
    """`_mac_roman_pair`, or the match as it is where it makes no word (`_no_word_with_it`)."""
    return match.group() if _no_word_with_it(match) else _mac_roman_pair(match)


def _mac_roman_pair(match: re.Match) -> str:
    """The letter whose two UTF-8 bytes Mac Roman reads as the matched pair (``…£`` is
    C9 A3, "ɣ"; ``\xa0å`` is CA 8C, "ʌ")."""
    return match.group().encode("mac_roman").decode("utf-8")


# Mac Roman reads most continuation bytes as accented letters: "ɛ" (C9 9B) is "…õ", "ɔ"
# (C9 94) "…î". An ellipsis is never followed by a letter glued on both sides ("y…õla").
_MAC_ROMAN_LETTERS_AFTER_C9 = "".join(
    char for char in bytes(range(0x80, 0xC0)).decode("mac_roman") if char.isalpha())
# (Or opening a word: Akan "…îno" is "ɔno"; the page's letters must then all be the
# African reference alphabet's, below.)
_MAC_ROMAN_IPA_LETTER_OF_LETTERS_RE = re.compile(
    rf"(?<=[^\W\d_]|['’])…([{_MAC_ROMAN_LETTERS_AFTER_C9}])(?=[^\W\d_]|['’\s.,;:!?)]|\Z)"
    rf"|{_WORD_OPENS}…([{_MAC_ROMAN_LETTERS_AFTER_C9}])(?=[^\W\d_])")


def decode_mac_roman_ipa_letters_read_as_letters(text: str) -> tuple[str, int]:
    """Decode IPA letters read as Mac Roman as an ellipsis and an accented letter (``…õ``
    is "ɛ", ``…î`` is "ɔ") where one of them stands inside a word, letters on both sides:
    then the others (after an apostrophe, at a word's end) are such letters too.

    >>> decode_mac_roman_ipa_letters_read_as_letters("nidib y…õla, ka ba gban s…î’…î la")
    ('nidib yɛla, ka ba gban sɔ’ɔ la', 3)
    >>> decode_mac_roman_ipa_letters_read_as_letters("Wait…é and then… Émile s…î")
    ('Wait…é and then… Émile s…î', 0)
    >>> decode_mac_roman_ipa_letters_read_as_letters("nga\\nKook…õ"), decode_mac_roman_ipa_letters_read_as_letters("Wait…é")
    (('nga\\nKookɛ', 1), ('Wait…é', 0))
    >>> decode_mac_roman_ipa_letters_read_as_letters("…îno na ba"), decode_mac_roman_ipa_letters_read_as_letters("Wait …Émile")
    (('ɔno na ba', 1), ('Wait …Émile', 0))
    """
    if "…" not in text:
        return text, 0
    matches = list(_MAC_ROMAN_IPA_LETTER_OF_LETTERS_RE.finditer(text))
    if not matches:
        return text, 0
    # One inside a word; or, at words' ends only ("Kook…õ"), letters of the African
    # reference alphabet all ("ɛ", "ɔ"; not "Ɏ" of "Wait…é").
    if not any(text[m.start() - 1].isalpha() and text[m.end() : m.end() + 1].isalpha() for m in matches) and not all(
            _mac_roman_pair(m) in AFRICAN_REFERENCE_LETTERS for m in matches):
        return text, 0
    if _another_accented_letter(text):
        return text, 0
    return _MAC_ROMAN_IPA_LETTER_OF_LETTERS_RE.subn(_mac_roman_pair, text)


# Mac Roman's NBSP is the byte 0xCA, the lead of U+0280-U+02BF (the IPA letters "ʌ", "ʃ",
# "ʒ", "ʔ", "ʋ"): Wounaan "hʌk" (CA 8C) reads ``h\xa0åk``. Glued to letters on both sides.
_MAC_ROMAN_AFTER_CA = "".join(
    char for char in bytes(range(0x80, 0xC0)).decode("mac_roman") if char not in "ªº")  # (ʻ ʼ: above)
_MAC_ROMAN_CA_PAIR_RE = re.compile(rf"(?<=[^\W\d_])\xa0([{re.escape(_MAC_ROMAN_AFTER_CA)}])(?=[^\W\d_])")


def decode_mac_roman_letters_the_page_writes(text: str) -> tuple[str, int]:
    """Decode an IPA letter read as Mac Roman as an NBSP and a character glued inside a
    word (``H\xa0åk`` is "Hʌk") where the page writes that very letter elsewhere (the
    lines the repair decoded whole: "Bajo San Juan hʌk jõ"). A line too short to tell
    Mac Roman alone keeps it until the page says so.

    >>> decode_mac_roman_letters_the_page_writes("Bajo San Juan hʌk jõ\\nH\xa0åk p\xa0år:")
    ('Bajo San Juan hʌk jõ\\nHʌk pʌr:', 2)
    >>> decode_mac_roman_letters_the_page_writes("H\xa0åk p\xa0år:"), decode_mac_roman_letters_the_page_writes("ʃ\\nsur\xa0à")
    (('H\xa0åk p\xa0år:', 0), ('ʃ\\nsur\xa0à', 0))
    """
    if "\xa0" not in text:
        return text, 0
    matches = list(_MAC_ROMAN_CA_PAIR_RE.finditer(text))
    if not matches:
        return text, 0
    written = set(_MAC_ROMAN_CA_PAIR_RE.sub(" ", text).lower())
    count = 0

    def decode(match: re.Match) -> str:
        nonlocal count
        char = _mac_roman_pair(match)
        if not (char.isalpha() and char.lower() in written):
            return match.group()
        count += 1
        return char

    return _MAC_ROMAN_CA_PAIR_RE.sub(decode, text), count



def _another_accented_letter(text: str) -> bool:
    """Does the text hold, outside ``…``+letter pairs, an accented letter Mac Roman reads a
    continuation byte as? Then it writes such letters itself, and its pairs are an ellipsis
    before a word: Estonian "ootas…õhtul" on a page that writes "õpilased", Portuguese
    "disse…ótimo" beside "ônibus". (The lines the repair decoded from Mac Roman whole are
    decoded by now; what is left of Mac Roman's letters is the text's own.)

    >>> _another_accented_letter("Ta ootas…õhtul.\\nSiis õpilased."), _another_accented_letter("nidib y…õla, s…î'…î")
    (True, False)
    """
    return any(char in _MAC_ROMAN_LETTERS_AFTER_C9 for char in _MAC_ROMAN_IPA_LETTER_OF_LETTERS_RE.sub("", text))


def _writes_ipa_or_african_letters(text: str) -> bool:
    """Does the text write an IPA letter, or a letter of the African reference alphabet
    ("ɔ", "ɗ", "ƙ", "ŋ" and their capitals)? Not Vietnamese "ơ ư" nor Romanian "ș ț",
    which Latin Extended-B holds too: "người…® x" is a Vietnamese word and an ellipsis.

    >>> _writes_ipa_or_african_letters("Ɔ-kali"), _writes_ipa_or_african_letters("người, și")
    (True, False)
    """
    return bool(_IPA_LETTER_RE.search(text)) or any(char.lower() in AFRICAN_REFERENCE_LETTERS for char in text if char > "\x7f")

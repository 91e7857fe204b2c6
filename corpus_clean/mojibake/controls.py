"""Control characters that have no place in text: stripped (C0 except tab/LF/CR, DEL,
BOM, deprecated format characters; ANSI terminal escapes through ftfy).
"""
from __future__ import annotations

import re

from ftfy.fixes import remove_terminal_escapes


# C0 controls except \t \n \r, DEL, and what ftfy's remove_control_chars also drops
# (BOM, deprecated format chars, interlinear annotation chars).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u206a-\u206f\ufff9-\ufffc]+")


_C1_RE = re.compile("[\x80-\x9f]+")
_C1_CHAR_RE = re.compile("[\x80-\x9f]")


def strip_control_chars(text: str) -> tuple[str, int]:
    """Remove control characters that have no place in text; return (text, how many).

    >>> strip_control_chars("a\\x00b\\x07c\\td\\r\\n")
    ('abc\\td\\r\\n', 2)
    """
    count = 0

    def drop(match: re.Match) -> str:
        nonlocal count
        count += len(match.group())
        return ""

    if "\x1b" in text:
        text = remove_terminal_escapes(text)
    return _CONTROL_RE.sub(drop, text), count


# C1 controls as cp1252 reads them; between two letters only the letters and the
# apostrophes are at home ("don\x92t"; Uzbek "Qo\x91shma" is "Qo‘shma", its letter
# apostrophe written as a left quote).
_CP1252_C1_AT_HOME_IN_WORDS = set("ƒŠŒŽšœžŸ’‘ˆ˜")
# Between two ASCII letters: in mojibake, a C1 control follows a lead byte (Ã, â, Å...).
# cp1252's en and em dash before a capital join two words ("Lagos\x96Ibadan") rather than
# sit inside one: Mac Roman would make them "ñ" and "ó", which no word writes before a capital.
# (Written to start with the C1 class, the letter before it looked up behind: a pattern
# that starts with a lookbehind is tried at every character of the text, one that starts
# with a class lets the regex engine skip to the next C1 control; the same matches.)
_C1_IN_WORD_RE = re.compile(r"[\x80-\x9f](?<=[A-Za-z][\x80-\x9f])(?:(?<=[\x96\x97])(?=[a-z])|(?<![\x96\x97])(?=[A-Za-z]))")


# A Latin-1 letter (0xC0-0xFF) between two letters.
_LATIN1_LETTER_IN_A_WORD_RE = re.compile(r"(?<=[^\W\d_])[\xc0-\xd6\xd8-\xf6\xf8-\xff](?=[^\W\d_])")


def decode_c1_as_mac_roman(text: str) -> tuple[str, int]:
    """Read C1 controls as Mac Roman when the text says it was single-byte Mac Roman.

    Mac Roman puts accented letters at 0x80-0x9F, where Latin-1 has C1 controls and
    cp1252 punctuation; ftfy reads them as cp1252 (``\\x93`` -> ``“``). When every C1
    control of the text sits inside a word, and one of them would be a cp1252 sign no
    word holds (``Coatl\\x87n``: ``‡``), the text is Mac Roman: all of them are decoded
    that way (``Coatlán confían``). A lone apostrophe (``don\\x92t``) is no such sign; a
    dash before a capital (``Lagos\\x96Ibadan``: a route, not ``Lagosñibadan``) is between
    two words, not inside one.

    >>> decode_c1_as_mac_roman("Habitantes de Coatl\\x87n conf\\x92an en el proyecto")
    ('Habitantes de Coatlán confían en el proyecto', 2)
    >>> decode_c1_as_mac_roman("don\\x92t say \\x93yes\\x94")[1], decode_c1_as_mac_roman("tur\\x92stico")[1]
    (0, 0)
    >>> decode_c1_as_mac_roman("Amerika Qo\\x91shma Shtatlari, Me\\x92roj")[1]
    0
    >>> decode_c1_as_mac_roman("the Lagos\\x96Ibadan road")[1], decode_c1_as_mac_roman("Espa\\x96a y Portugal")[1]
    (0, 1)

    A text whose words hold a Latin-1 letter that Mac Roman reads as a sign (``amárico``:
    Mac Roman's 0xE1 is "·") was not Mac Roman read as Latin-1: its controls are cp1252's
    punctuation (``n\\x92ko`` is "n’ko", ``malecite\\x96passamaquoddy`` a dash).

    >>> decode_c1_as_mac_roman("amárico, n\\x92ko, malecite\\x96passamaquoddy")[1]
    0
    """
    if not _C1_RE.search(text) or not _C1_IN_WORD_RE.search(text):
        return text, 0
    controls = _C1_CHAR_RE.findall(text)
    in_words = _C1_IN_WORD_RE.findall(text)
    if len(in_words) != len(controls):
        return text, 0
    as_cp1252 = bytes(ord(c) for c in in_words).decode("windows-1252", errors="replace")
    if all(c in _CP1252_C1_AT_HOME_IN_WORDS for c in as_cp1252):
        return text, 0
    if any(not bytes([ord(c)]).decode("mac_roman").isalpha() for c in _LATIN1_LETTER_IN_A_WORD_RE.findall(text)):
        return text, 0
    return _C1_IN_WORD_RE.sub(lambda m: bytes([ord(m.group())]).decode("mac_roman"), text), len(controls)

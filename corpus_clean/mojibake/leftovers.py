"""Sequences a repaired page still holds, decoded where the page's own letters say so.

A page garbled in part (some of its letters repaired upstream, others garbled once or
twice) is mojibake: its lines were repaired. What is left is a lone cp1252 pair or
three-byte sequence that alone is too little evidence (``SÄ…`` could be a name, ``É”``
a capital and a quote, ``2014å¹´`` a date and two signs), but on that page it decodes to
a letter the page writes: Polish "Są" on a page writing "ł", "ę"; Dangme "ɔ" on a page
writing "ɛ"; "2014年" on a page writing Chinese. A page nothing was repaired on is never
touched here (a text about mojibake keeps its quoted ``Ã©``: none of its lines is
repaired).
"""
from __future__ import annotations

import re
import unicodedata

from corpus_clean.mojibake.charmaps import _CP1252
from corpus_clean.mojibake.scripts import _has_script, _script

# Latin letters fall in groups that one orthography tends to draw from together: the
# Latin-1 letters (French, German, Portuguese), Latin Extended-A (Polish, Czech,
# Lithuanian, "ŋ", "ŵ"), Latin Extended-B with the IPA letters (African orthographies:
# "ɛ", "ɔ", "ɓ", "ɗ", "ƙ"; Old English "ƿ", "ǣ"), Latin Extended Additional (Vietnamese,
# Yoruba "ẹ", "ọ"). Other scripts are one group each.
_LATIN_GROUPS = ((0x00C0, 0x00FF), (0x0100, 0x017F), (0x0180, 0x02AF), (0x1E00, 0x1EFF))
_WORD_CHAR_RE = re.compile(r"\w", re.UNICODE)


def decode_sequences_left_on_a_repaired_page(originals: list[str], repaired: list[str], fixes) -> list[str]:
    """The page's lines, each cp1252 sequence still in them decoded where the page was
    repaired and the decoded letter is of the page's own letters (`_fits_the_page`).

    >>> originals = ["Kpɛlɛ wooi: Ã\\x89â€ºa nuu\\n", "Kpɛlɩ: 12 É©"]
    >>> decode_sequences_left_on_a_repaired_page(originals, ["Kpɛlɛ wooi: ɛa nuu\\n", "Kpɛlɩ: 12 É©"], {})
    ['Kpɛlɛ wooi: ɛa nuu\\n', 'Kpɛlɩ: 12 ɩ']
    >>> decode_sequences_left_on_a_repaired_page(["Il écrit « cafÃ© »"], ["Il écrit « cafÃ© »"], {})
    ['Il écrit « cafÃ© »']
    """
    if all(fixed == original for original, fixed in zip(originals, repaired)):
        return repaired  # nothing on the page was mojibake
    if not any(_CP1252.sequence_re.search(fixed) for fixed in repaired):
        return repaired  # nothing left (the common page)
    letters = _page_letters(repaired)
    # (A repair may form a pair by chance: "DÉCLARÉ" and a no-break space are C9 A0, "ɠ".
    # On a page in capitals, a lowercase letter glued to a capital is such a pair.)
    capitals = _mostly_capitals("".join(repaired))
    out = []
    for fixed in repaired:
        decoded = _CP1252.sequence_re.sub(lambda m: _decoded_if_it_fits(m, fixed, letters, capitals), fixed)
        if decoded != fixed:
            fixes["encoding"] = fixes.get("encoding", 0) + 1
        out.append(decoded)
    return out


def _page_letters(lines: list[str]) -> set[str]:
    """The non-ASCII letters and marks the page writes outside cp1252 sequences,
    lowercase."""
    letters = set()
    for line in lines:
        for char in _CP1252.sequence_re.sub(" ", line):
            if char > "\x7f" and (char.isalpha() or unicodedata.category(char) == "Mn"):
                letters.add(char.lower())
    return letters


def _decoded_if_it_fits(match: re.Match, line: str, letters: set[str], capitals: bool = False) -> str:
    """The sequence decoded (through two layers at most: a doubly encoded letter that
    lost one), if it fits the page; else the sequence as it is."""
    sequence = match.group()
    try:
        char = _CP1252.to_bytes(sequence).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return sequence
    if len(char) != 1:
        return sequence
    before = line[match.start() - 1 : match.start()]
    after = line[match.end() : match.end() + 1]
    if capitals and char.islower() and (before.isupper() or after.isupper()):
        return sequence  # a page in capitals: its mojibake decodes to capitals ("DÉCLARÉ”" stays)
    return char if _fits_the_page(char, before, after, letters) else sequence


def _mostly_capitals(line: str) -> bool:
    """Are most of the text's cased letters capitals?

    >>> _mostly_capitals("LE MAIRE A DÉCLARÉ"), _mostly_capitals("w Oliwie. SÄ… utrudnienia")
    (True, False)
    """
    upper = sum(char.isupper() for char in line)
    return upper > sum(char.islower() for char in line)


def _fits_the_page(char: str, before: str, after: str, letters: set[str]) -> bool:
    """Is ``char`` (a sequence decoded, with the characters around the sequence) a letter
    of the page? The very letter, written elsewhere on the page, inside a word or as a
    word of its own; a letter of a group the page writes (`_group`) glued to a letter;
    a letter of a script other than Latin the page writes, anywhere (Korean "LED로", a
    date "2014年"); a combining mark the page writes, after a letter.

    >>> _fits_the_page("ɔ", " ", ".", {"ɔ", "ɛ"}), _fits_the_page("ɗ", " ", "a", {"ɓ"})
    (True, True)
    >>> _fits_the_page("é", " ", " ", {"ü"}), _fits_the_page("ą", "S", " ", {"ł"})
    (False, True)
    """
    lower = char.lower()
    if unicodedata.category(char) == "Mn":
        return lower in letters and before.isalpha()
    if not char.isalpha():
        return False
    glued = before.isalpha() or after.isalpha()
    alone = not _WORD_CHAR_RE.match(before or " ") and not _WORD_CHAR_RE.match(after or " ")
    if lower in letters and (glued or alone):
        return True
    group = _group(char)
    if group is None:
        return False
    if group.startswith("LATIN"):
        return glued and any(_group(letter) == group for letter in letters)
    return any(_group(letter) == group for letter in letters)


def _group(char: str) -> str | None:
    """The Latin block of a letter (`_LATIN_GROUPS`), or its script's name.

    >>> _group("ɔ") == _group("ƙ"), _group("ą") == _group("é"), _group("年")
    (True, False, 'CJK')
    """
    code = ord(char)
    for low, high in _LATIN_GROUPS:
        if low <= code <= high:
            return f"LATIN-{low:04X}"
    if not _has_script(char):
        return None
    script = _script(char)
    return None if script == "LATIN" else script

"""Which script a letter belongs to, and whether decoded text fits the letters around it
(mojibake of a Latin word decodes to Latin letters).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter


# Modifier letters that orthographies write as letters of a word, with no script of their
# own: the ʻokina of Hawaiian and Tongan ("Hawaiʻi"), the apostrophe letter ʼ (Guarani,
# Ukrainian typography, many transcriptions), transliterated hamza ʾ and ayin ʿ.
LETTER_APOSTROPHES = frozenset("\u02bb\u02bc\u02be\u02bf")


def _marks_of_precomposed_latin_letters() -> frozenset:
    """The combining marks some precomposed Latin letter of Unicode carries: the marks
    orthographies write ("\u0331", macron below, of Tlingit "x̱" and "ḵ"; "\u0323", dot
    below), not the phonetic ones no letter carries ("\u0339", right half ring below).

    >>> "\u0331" in ORTHOGRAPHIC_MARKS, "\u0323" in ORTHOGRAPHIC_MARKS, "\u0339" in ORTHOGRAPHIC_MARKS
    (True, True, False)
    """
    marks = set()
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        marks.update(char for char in unicodedata.normalize("NFD", chr(code))[1:]
                     if unicodedata.category(char) == "Mn")
    return frozenset(marks)


ORTHOGRAPHIC_MARKS = _marks_of_precomposed_latin_letters()

# The lowercase letters beyond Latin-1 and Latin Extended-A that the orthographies of
# Hausa, Fula, Ewe, Akan, Kpelle, Dinka and many more write from the African reference
# alphabet (Niamey, 1978): letters of text, not of phonetics alone, wherever the studied
# pages happened not to show them. (Their capitals, "Ɖ", "Ɣ", "Ʊ", are rare even there:
# a reading that makes "Ɖconomie" of "Économie" is no text.)
AFRICAN_REFERENCE_LETTERS = frozenset("ɓɗɖɛƒɠɣƙɲŋɔʊʋƴəɨɩ")


_PLAUSIBLE_EUROPEAN = re.compile(
    "[\u00a0-\u00ff\u0100-\u02af\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff\u2010-\u2027\u2030-\u203a\u20ac\u2122]"
)


# Anything but ASCII and the European letters and punctuation cp1251/Mac Roman mojibake
# decodes to; superscripts, fractions and spacing accents are not letters either.
_IMPLAUSIBLE_EUROPEAN_RE = re.compile(
    "[^\x00-\x7f\u00a0-\u02af\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff\u2010-\u2027\u2030-\u203a\u20ac\u2122]"
    "|[\u00b2\u00b3\u00b9\u00bc-\u00be\u00a8\u00af\u00b4\u00b8]"
)


def _mostly_european(decoded: str) -> bool:
    """Are most non-ASCII characters of a decoded line European letters or punctuation?
    (cp1251 mojibake decodes to Cyrillic or Latin text, maybe with an emoji.)

    >>> _mostly_european("Москва 😀"), _mostly_european("²ʲ is Ukrainian")
    (True, False)
    """
    non_ascii = sum(1 for c in decoded if c > "\x7f")
    implausible = len(_IMPLAUSIBLE_EUROPEAN_RE.findall(decoded))
    return non_ascii - implausible >= 2 * implausible and non_ascii > implausible


def _writes_three_byte_letters_only(decoded: str) -> bool:
    """Are a decoded line's non-ASCII characters two or more letters (and their marks) of
    scripts UTF-8 writes in three bytes, other than Latin and Cyrillic (CJK, Hangul, the
    Indic scripts, Thai...), maybe with typographic punctuation? cp1251 mojibake of such
    text holds nothing else once decoded: ``й¦–йЎµ`` is "首页", ``к№ЂлЇјм„њ`` "김민서".
    Clean Cyrillic text never decodes so as a whole: each character would have to be a
    lowercase letter а-п followed by two signs or rare letters.

    >>> _writes_three_byte_letters_only("首页"), _writes_three_byte_letters_only("입력 2026.12.03")
    (True, True)
    >>> _writes_three_byte_letters_only("²ʲ"), _writes_three_byte_letters_only("г")
    (False, False)
    """
    letters = 0
    for char in decoded:
        if char <= "\x7f":
            continue
        category = unicodedata.category(char)
        if category[0] == "P" and "\u2010" <= char <= "\u2027":
            continue
        if char < "\u0800" or category[0] not in "LM" or _script(char) in ("LATIN", "CYRILLIC"):
            return False
        letters += category[0] == "L"
    return letters >= 2


def _is_plausible_char(char: str, european_only: bool) -> bool:
    """Could this character be what a garbled sequence stood for?"""
    if char in LETTER_APOSTROPHES:
        return True  # (a modifier letter, but written inside words: "waʻa")
    if char in ORTHOGRAPHIC_MARKS:
        return True  # (a mark a Latin letter carries: Choctaw "a̱"; `_fits_neighbours` wants a letter before it)
    if european_only and not _PLAUSIBLE_EUROPEAN.match(char):
        return False
    category = unicodedata.category(char)
    if category[0] == "C" and not "\u200b" <= char <= "\u200f":
        # Controls, unassigned, private use, surrogates; but zero-width (non-)joiners and
        # direction marks are part of Persian, Arabic and emoji text.
        return False
    if european_only and category in ("Lm", "Mn", "No", "Sk"):
        return False
    return True


def _is_new_script_of_the_line(outer: str, inner: str, line: str) -> bool:
    """Is ``inner`` (a second decoding of ``outer``) in a script the line uses and
    ``outer`` is not, or a combining mark? ("Õ«" -> "ի" in an Armenian line, "Ì€" -> a
    combining grave accent.) "Ç’" -> "ǒ" stays Latin: no reason to decode twice.

    >>> _is_new_script_of_the_line("Õ«", "ի", "Club-Õ« ռեգբիստները"), _is_new_script_of_the_line("Ç’", "ǒ", "YARILGAÇ’ın")
    (True, False)
    """
    first = inner[0]
    if unicodedata.category(first) == "Mn":
        return True
    if not first.isalpha() or not outer[0].isalpha() or _script(first) == _script(outer[0]):
        return False
    script = _script(first)
    return any(_script(c) == script for c in _non_ascii_letters(line))


# ("KATAKANA-HIRAGANA" names the prolonged sound mark ー and the voicing marks.)
_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"})


_LATIN_ORDINALS = frozenset("ªº")
_ARABIC_DIGITS_AND_SIGNS = frozenset({"EXTENDED", "ARABIC-INDIC"})


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """Rough script of a letter: the first word of its Unicode name (LATIN, CYRILLIC,
    ARMENIAN...), with Japanese kana and CJK ideographs as one.

    >>> _script("ə"), _script("ж"), _script("の"), _script("中"), _script("ー"), _script("º"), _script("۰")
    ('LATIN', 'CYRILLIC', 'CJK', 'CJK', 'CJK', 'LATIN', 'ARABIC')
    """
    if char in _LATIN_ORDINALS:
        return "LATIN"  # "nº", "1.ª": Latin letters whose names are no script's ("MASCULINE ORDINAL INDICATOR")
    word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    if word in _ARABIC_DIGITS_AND_SIGNS:
        return "ARABIC"  # "۰" is EXTENDED ARABIC-INDIC DIGIT ZERO, "٣" ARABIC-INDIC DIGIT THREE
    return "CJK" if word in _EAST_ASIAN else word


# Punctuation, symbols and emoji that any script uses: General Punctuation to
# Miscellaneous Symbols and Arrows, CJK punctuation, full-width forms, emoji and beyond.
_COMMON_SYMBOLS_RE = re.compile("[\u00a0-\u00bf\u00d7\u00f7\u2000-\u2bff\u3000-\u303f\uff00-\uffef\U0001f000-\U0010ffff]")


def _has_script(char: str) -> bool:
    """Does this character belong to one script (a letter, a digit other than 0-9, a
    script's own mark or sign) rather than to all of them?"""
    if char.isalpha():
        return True
    if char.isascii() or _COMMON_SYMBOLS_RE.match(char):
        return False
    return not unicodedata.name(char, "COMBINING").startswith("COMBINING")


def _fits_neighbours(text: str, start: int, end: int, decoded: str, look_alikes: bool = False) -> bool:
    """Is the decoded text's first letter of the same script as the letters right
    before and after the run? Mojibake of a Latin word decodes to Latin letters; a
    Cyrillic letter in the middle of a French word (``“été”`` read as Mac Roman gives
    ``Ҏté”``) is a coincidence.

    With ``look_alikes`` (UTF-8 read as cp1252, whose pairs rarely decode by chance), a
    Cyrillic or Greek letter drawn like a Latin one may sit among Latin letters and the
    other way round (see ``_look_alike_pair``); Mac Roman's coincidences may not.

    Digits and symbols outside the common punctuation, symbol and emoji blocks count by
    their script too: "weiß…" read as UTF-8 gives an NKo digit after a Latin letter.

    >>> _fits_neighbours("“été”", 0, 2, "Ҏ"), _fits_neighbours("dÃ©velopper", 1, 3, "é")
    (False, True)
    >>> _fits_neighbours("weiß…", 3, 5, "\u07c5"), _fits_neighbours("ab€", 2, 3, "€")
    (False, True)
    >>> _fits_neighbours("VOCÊ”.", 3, 5, "ʔ"), _fits_neighbours("SÃ¸r", 1, 3, "ø")
    (False, True)
    >>> _fits_neighbours("waÊ»a", 2, 4, "ʻ"), _fits_neighbours("«VOCÊ»", 4, 6, "ʻ")
    (True, False)
    >>> _fits_neighbours("xʷÉ™lq", 2, 4, "ə")
    True
    """
    if unicodedata.category(decoded[:1] or " ") == "Mn" and not _carries_marks(text[start - 1 : start]):
        return False  # a combining mark carries a letter; a mark after a space or quote is no text
    # (A letter apostrophe sits between letters of any script: "waʻa", "мʼясо"; a modifier
    # letter is of the letters it modifies: "yegʷjen".)
    letter = next((c for c in decoded if _has_script(c) and c not in LETTER_APOSTROPHES
                   and not _is_a_modifier_letter(c)), None)
    if letter is None:
        if any(c in LETTER_APOSTROPHES for c in decoded):
            # ... but not at the end of a word in capitals: "«VOCÊ»" is Portuguese, no "VOCʻ".
            return not (text[start - 1 : start].isupper() and not text[end : end + 1].islower())
        return True
    script = _script(letter)
    for neighbour in (text[start - 1 : start], text[end : end + 1]):
        # (A modifier letter belongs to the letters it modifies, as in `_has_mixed_scripts`:
        # Salish "xʷəlq" partially fixed is ``xʷÉ™lq``.)
        if neighbour.isalpha() and _script(neighbour) != script and not _is_a_modifier_letter(neighbour):
            if not (look_alikes and _look_alike_pair(letter, neighbour)):
                return False
    if letter.isalpha() and not letter.isupper() and letter != "ß" and decoded[0] == letter:
        # A lowercase or caseless letter inside a word in capitals ("VOCÊ”" -> "VOCʔ")
        # is a coincidence; mojibake of capitals decodes to capitals.
        left = text[max(start - 2, 0) : start]
        if (len(left) == 2 and left.isalpha() and left.isupper()) or (
            left[-1:].isupper() and text[end : end + 1].isupper()
        ):
            return False
    return True


# Cyrillic and Greek letters drawn like a Latin one, and those Latin ones (Unicode's
# confusables, lowercase and capital): web text mixes them into words typed on another
# keyboard ("azad оlunmuşdu" with a Cyrillic "о", "фeстиваль" with a Latin "e", "Hünәl"
# with a Cyrillic schwa).
_LATIN_LOOK_ALIKES = frozenset(
    "аеорсухіјѕһәӏԁԛԝАВЕКМНОРСТХІЈЅӘ"  # Cyrillic
    "οαινκρτυχηΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # Greek
    "aeopcyxijshnABEKMHOPCTXIJSZN"  # their Latin twins, typed into Cyrillic or Greek words
    "æÆ"  # Latin letters of the Ossetian Cyrillic alphabet ("Цæгат")
)


def _look_alike_pair(letter: str, neighbour: str) -> bool:
    """Is one of two letters of different scripts, one of them Latin, a look-alike?
    Then the script change inside the word is a typing habit of the source, not a sign
    that the decoded letter is a coincidence.

    >>> _look_alike_pair("о", "l"), _look_alike_pair("с", "e"), _look_alike_pair("Ҏ", "t")
    (True, True, False)
    >>> _look_alike_pair("ߓ", "i")
    False
    """
    scripts = {_script(letter), _script(neighbour)}
    if scripts not in ({"LATIN", "CYRILLIC"}, {"LATIN", "GREEK"}):
        return False  # (NKo "ߓ" after a Latin "i" is "ß“" read as UTF-8: a coincidence)
    return letter in _LATIN_LOOK_ALIKES or neighbour in _LATIN_LOOK_ALIKES


def _carries_marks(char: str) -> bool:
    """Can a combining mark follow this character? A letter, or another mark
    (Gurmukhi "ਨੂੰ" stacks two on one letter).

    >>> _carries_marks("ਨ"), _carries_marks("\u0a42"), _carries_marks(" "), _carries_marks("")
    (True, True, False, False)
    """
    return char != "" and (char.isalpha() or unicodedata.category(char)[0] == "M")


def _has_mixed_scripts(token: str) -> bool:
    """Does a word mix letters of different scripts (``МүрсейіттіÒ£``)?

    >>> _has_mixed_scripts("МүрсейіттіÒ£"), _has_mixed_scripts("YARILGAÇ’ın")
    (True, False)

    Modifier letters ("MODIFIER LETTER SMALL W", U+02B7) belong to the letters they
    modify: Salish "Xʷəlməxʷqən" is one script. (Not cp1252's "ˆ", 0x88, which mojibake
    puts after a Latin-1 lead: "Ãˆ" is "È" garbled.)

    >>> _has_mixed_scripts("Xʷəlməxʷqən"), _has_mixed_scripts("Ãˆs")
    (False, True)
    """
    scripts = {_script(c) for c in token if c.isalpha()}
    if len(scripts) > 1 and "MODIFIER" in scripts:
        # (the rare word with a modifier letter is looked at again, letter by letter)
        scripts = {_script(c) for c in token if c.isalpha() and not _is_a_modifier_letter(c)}
    return len(scripts) > 1


def _is_a_modifier_letter(char: str) -> bool:
    """A modifier letter of the Spacing Modifier Letters block other than cp1252's "ˆ"."""
    return "\u02b0" <= char <= "\u02ff" and char != "\u02c6" and unicodedata.category(char) == "Lm"


@functools.lru_cache(maxsize=64)
def _non_ascii_letters(line: str) -> Counter:
    """How often each non-ASCII letter occurs in the line (cached: asked once per pair)."""
    return Counter(c for c in line if c > "\x7f" and c.isalpha())

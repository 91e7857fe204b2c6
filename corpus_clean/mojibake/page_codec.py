"""The page decides the lines too short to decide alone.

One computer garbles a whole page through one code page. A line of that page that holds
one lone pair (``Β© dpa``: "©" read as cp1253; ``2026 В· 5 min``: "·" read as cp1251;
``Ć\xa0 Collioure``: "à" read as cp1257) or a short run of another script (``2014ĺš´``:
"2014年" read as ISO-8859-2, ``2026Âπ¥12Êúà``: a date read as Mac Roman) is too little
evidence alone: clean text writes "Β©" in Greek, "Ā©" in Latvian. But where other lines
of the same page decoded whole through that code page, the page is that code page's
mojibake, and a line whose bytes decode strictly through it too, into letters of the
scripts those lines wrote (or into signs: "©", "·", "−"), is decoded with them.

Clean text never takes this path: it needs a line of the page decoded *whole* through
the code page first, and a clean page has none.
"""
from __future__ import annotations

import re
from collections import Counter

from corpus_clean.mojibake.charmaps import _CP1251, _CP1252, _MAC_ROMAN, _Codec
from corpus_clean.mojibake.controls import _C1_RE, _CONTROL_RE
from corpus_clean.mojibake.evidence import _decoded_or_empty
from corpus_clean.mojibake.other_codecs import (OTHER_CODECS, _alphabet_letters, _capital_inside_a_lowercase_word,
                                                _opens_a_word_after_a_mutation_prefix,
                                                _one_language_or_cldr_writes,
                                                _is_written, _new_letters, _one_language_writes,
                                                _without_letter_apostrophes)
from corpus_clean.mojibake.scripts import _has_mixed_scripts, _has_script, _script

# The code pages whose lines `fix_text` decodes whole, and the fix kind it counts them as.
PAGE_CODECS: tuple[_Codec, ...] = OTHER_CODECS + (_CP1251, _MAC_ROMAN)
_FIX_KINDS = ("other_codec", _CP1251.name, _MAC_ROMAN.name, _CP1252.name)
_WORD_RE = re.compile(r"\S+")
# The characters each code page shows (and ASCII): a line with any other is no reading of
# it, found without encoding the line (most lines of a cp1252 page hold "Ã", which
# cp1250, cp1253, cp1257, ISO-8859-2, cp437 and cp1251 lack).
_SHOWS = {codec.name: frozenset(codec.char_to_byte) | frozenset(map(chr, range(0x80)))
          for codec in (_CP1252,) + PAGE_CODECS}


def decode_lines_like_their_page(originals: list[str], repaired: list[str], fixes: Counter) -> list[str]:
    """Lines the repair left holding a code page's sequences, decoded through the code
    page that decoded the page's other lines whole (see the module's docstring).

    >>> lines = ["PubliĂ© par Claire Martin, le 3 mars\\n", "Trois jours Ă\\xa0 Collioure"]
    >>> decode_lines_like_their_page(lines, ["Publié par Claire Martin, le 3 mars\\n", lines[1]],
    ...                              Counter(other_codec=1))[1]
    'Trois jours à Collioure'
    """
    if not any(fixes[kind] for kind in _FIX_KINDS) or len(originals) < 2:
        return repaired
    if not any(fixes[kind] for kind in _FIX_KINDS[:-1]) and not _another_code_page_shows_it(originals, repaired):
        return repaired  # a cp1252 page no other code page could read: nothing to decide
    readings = [_readings(original) if original != fixed or not original.isascii() else {}
                for original, fixed in zip(originals, repaired)]
    codecs, scripts = _page_codecs(originals, repaired, readings)
    if not codecs:
        return repaired
    out = []
    for original, fixed, read in zip(originals, repaired, readings):
        if (any(codec.sequence_re.search(fixed) for codec in codecs) or _read_as_cp1252_alone(original, fixed, read)
                or _repaired_piecemeal(original, fixed, read) or _read_through_another_code_page(fixed, read, codecs)):
            accepted = {_acceptable_reading(original, read.get(codec.name, ""), scripts) for codec in codecs} - {None}
            if len(accepted) == 1 and fixed not in accepted:
                fixed = accepted.pop()
                fixes[_fix_kind(codecs[0])] += 1
        out.append(fixed)
    return out


def _another_code_page_shows_it(originals: list[str], repaired: list[str]) -> bool:
    """Does a code page other than cp1252 (and cp1254, which shows a line of cp1252's
    characters as cp1252 does) show every character of the lines the repair changed?
    Only then can it read the page otherwise (the cheap test that spares the common
    cp1252 page the rest)."""
    changed = frozenset().union(*(original for original, fixed in zip(originals, repaired) if fixed != original))
    return any(changed <= _SHOWS[codec.name] for codec in PAGE_CODECS if codec.name != "cp1254")


def _readings(line: str) -> dict[str, str]:
    """The line's strict UTF-8 readings through cp1252 and each code page of
    `PAGE_CODECS` that shows all its characters and finds a sequence in it.

    >>> _readings("Î±Î²")["encoding"]
    'αβ'
    """
    shown = frozenset(line)
    out = {}
    for codec in (_CP1252,) + PAGE_CODECS:
        if shown <= _SHOWS[codec.name] and codec.sequence_re.search(line):
            reading = _decoded_or_empty(line, codec)
            if reading:
                out[codec.name] = reading
    return out


def _read_as_cp1252_alone(original: str, fixed: str, readings: dict[str, str]) -> bool:
    """Was the line decoded whole as cp1252 (every character of it is one cp1252 shows)?
    On a page whose other lines read through cp1257 only, such a line was decoded through
    cp1252 for want of a character of its own: Māori "KÅ¨rero" is "Kōrero" through
    cp1257 and "KŨrero" through cp1252."""
    return fixed != original and readings.get(_CP1252.name) == fixed


def _repaired_piecemeal(original: str, fixed: str, readings: dict[str, str]) -> bool:
    """Was the line repaired, but not as a whole through any one code page (span by
    span)? On a Mac Roman page of Chinese, "È¶ñÈ†Å" ("首頁") had its pairs "È¶" and
    "È†" decoded as cp1252 ("ȶ", "Ȇ"); the page's code page reads it whole."""
    return fixed != original and fixed not in readings.values()


def _read_through_another_code_page(fixed: str, readings: dict[str, str], codecs: list[_Codec]) -> bool:
    """Was the line decoded whole through a code page other than the page's, which reads
    it otherwise? ftfy tries cp1250 before ISO-8859-2, so on a page read through
    ISO-8859-2 the lone "Ṣ" of Tohono O'odham "áš˘-Ke:g" (E1 B9 A2) came back as cp1250's
    Runic "ᚢ" (E1 9A A2): the page's code page reads the line too, and decides.

    >>> iso = next(codec for codec in PAGE_CODECS if codec.name == "iso-8859-2")
    >>> _read_through_another_code_page("ᚢ-Ke:g", {"cp1250": "ᚢ-Ke:g", "iso-8859-2": "Ṣ-Ke:g"}, [iso])
    True
    >>> _read_through_another_code_page("Ṣ-Ke:g", {"cp1250": "ᚢ-Ke:g", "iso-8859-2": "Ṣ-Ke:g"}, [iso])
    False
    """
    return fixed in readings.values() and all(readings.get(codec.name) != fixed for codec in codecs)


def _fix_kind(codec: _Codec) -> str:
    """The fix kind `repair` reports for a line decoded through the code page."""
    return codec.name if codec in (_CP1251, _MAC_ROMAN) else "other_codec"


def _page_codecs(originals: list[str], repaired: list[str], readings: list[dict]) -> tuple[list[_Codec], set]:
    """The code pages through which the most lines of the page decoded whole (ties kept:
    a line must then read the same through all of them), and the scripts of the letters
    those lines wrote.

    >>> codecs, scripts = _page_codecs(["Ξ±Ξ²\\n", "x"], ["αβ\\n", "x"], [_readings("Ξ±Ξ²\\n"), {}])
    >>> [codec.name for codec in codecs], sorted(scripts)
    (['cp1253'], ['GREEK'])
    """
    votes: Counter = Counter()
    voted: dict[str, list] = {}
    for original, fixed, read in zip(originals, repaired, readings):
        if fixed == original or fixed.isascii():
            continue
        by_cp1252 = _read_as_cp1252_alone(original, fixed, read)
        # cp1252 votes too: on a page it reads as well as the others, none decides. A
        # line decoded as cp1252 votes for every code page that reads it (its reading
        # through cp1252 was no choice); any other line for the one(s) that gave its text.
        for name, reading in read.items():
            if reading == fixed or (by_cp1252 and not _CONTROL_RE.search(reading) and not _C1_RE.search(reading)):
                votes[name] += 1
                voted.setdefault(name, []).append(reading)
    if not votes:
        return [], set()
    most = max(votes.values())
    codecs = [codec for codec in (_CP1252,) + PAGE_CODECS if votes[codec.name] == most]
    if _CP1252 in codecs:
        # A tie with cp1252: only a language's alphabet may decide against it (Māori
        # "ō" through cp1257, not "Ũ" through cp1252), and only where cp1252's does not.
        # (Code pages that read the page as cp1252 does, cp1254 mostly, change nothing.)
        codecs = [codec for codec in codecs if codec is _CP1252 or voted[codec.name] != voted[_CP1252.name]]
        if len(codecs) == 1:
            return [], set()
        fitting = _the_reading_a_language_writes(codecs, voted)
        if fitting is None or fitting is _CP1252:
            return [], set()
        codecs = [fitting]
    scripts = {_script(char) for codec in codecs for reading in voted[codec.name]
               for char in reading if char > "\x7f" and _has_script(char)}
    # Lines that decoded into signs only ("£3.2", "© 2026") on a page of ASCII words: a
    # Latin page (Welsh "ΓΆ'r" on it is "â'r").
    return codecs, scripts or {"LATIN"}


def _the_reading_a_language_writes(codecs: list[_Codec], voted: dict[str, list]) -> _Codec | None:
    """Of code pages that tie with cp1252 on a page, the one whose readings write letters
    one language writes all of: of the studied pages' alphabets first (Māori "ō"
    through cp1257, not "Ũ" through cp1252), then, where none fits, of CLDR's (Esperanto
    "ŝ" through cp1257, which cp1252 reads "ů"); and where neither decides, the one
    whose readings put no capital inside a word of small letters where cp1252's do
    (Old Prussian "Indōnezija" through cp1257, "IndŨnezija" through cp1252). None where
    no one code page is so named.

    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> cp1257 = next(c for c in C if c.name == "cp1257")
    >>> _the_reading_a_language_writes([_CP1252, cp1257], {"encoding": ["IndŨnezija pŨliskan Dānanmarki"],
    ...                                                   "cp1257": ["Indōnezija pōliskan Dānanmarki"]}).name
    'cp1257'
    """
    letters = {codec.name: set().union(*map(_alphabet_letters, voted[codec.name])) for codec in codecs}
    fitting = [codec for codec in codecs if _one_language_writes(letters[codec.name])]
    if not fitting:
        fitting = [codec for codec in codecs if _one_language_or_cldr_writes(letters[codec.name])]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        return None  # (letters of a language both ways: the alphabets speak for each)
    uncased = [codec for codec in codecs if not any(map(_capital_after_a_small_letter, voted[codec.name]))]
    if len(uncased) == 1 and any(map(_capital_after_a_small_letter, voted[_CP1252.name])):
        return uncased[0]
    return None


_CAPITAL_AFTER_A_SMALL_LETTER_RE = re.compile(r"(?<=[^\W\d_])[^\W\d_\x00-\x7f](?=[^\W\d_])")


def _capital_after_a_small_letter(text: str) -> bool:
    """Does the text put a capital beyond ASCII right after a small letter, inside a
    word (``IndŨnezija``; not Irish "hÁise", `_opens_a_word_after_a_mutation_prefix`)?

    >>> _capital_after_a_small_letter("IndŨnezija"), _capital_after_a_small_letter("na hÁise, Ŭ")
    (True, False)
    """
    return any(match.group().isupper() and text[match.start() - 1].islower()
               and not _opens_a_word_after_a_mutation_prefix(text, match.start())
               for match in _CAPITAL_AFTER_A_SMALL_LETTER_RE.finditer(text))


def _acceptable_reading(line: str, decoded: str, scripts: set) -> str | None:
    """The line decoded strictly through the code page, if that reads as text of the
    page: no control character, no word of mixed scripts, letters only of the scripts
    the page's decoded lines wrote and that text writes, no capital inside a lowercase
    word. None otherwise.

    >>> _acceptable_reading("12 likes Β· 3", "12 likes · 3", {"LATIN"})
    '12 likes · 3'
    >>> _acceptable_reading("Το Β© ΕΘΝΟΣ", "", {"LATIN"}) is None   # no UTF-8 whole
    True

    A rare letter is one a language writes with the line's other letters (Vietnamese
    "ư", U+01B0, of "Minh Thư" through cp1253).

    >>> _acceptable_reading("Minh ThΖ°", "Minh Thư", {"LATIN"}), _acceptable_reading("x Ζ·", "x Ʒ", {"LATIN"})
    ('Minh Thư', None)
    """
    if not decoded or decoded == line or _CONTROL_RE.search(decoded) or _C1_RE.search(decoded):
        return None
    if any(_has_mixed_scripts(_without_letter_apostrophes(word)) for word in _WORD_RE.findall(decoded)):
        return None
    letters = _new_letters(line, decoded)
    if any(_script(char) not in scripts for char in letters):
        return None
    if not all(map(_is_written, letters)) and not _one_language_or_cldr_writes(_alphabet_letters(decoded)):
        return None
    if _capital_inside_a_lowercase_word(line, decoded):
        return None
    return decoded


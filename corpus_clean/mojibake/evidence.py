"""When is a garbled-looking sequence mojibake? Each rule is one small predicate with an
example; a lone ambiguous pair with no support around it is never decoded.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from corpus_clean.mojibake.charmaps import _CP1251, _CP1252, _MAC_ROMAN, _Codec  # noqa: F401  (_MAC_ROMAN: doctests)
from corpus_clean.mojibake.controls import _C1_RE
from corpus_clean.mojibake.scripts import (
    AFRICAN_REFERENCE_LETTERS,
    LETTER_APOSTROPHES,
    ORTHOGRAPHIC_MARKS,
    _fits_neighbours,
    _has_mixed_scripts,
    _has_script,
    _is_a_modifier_letter,
    _non_ascii_letters,
    _script,
)


def _chars_around(token: str, match: re.Match) -> tuple[str, str]:
    """The character just before a match in its token and the one just after it, each
    ``""`` at the token's edge: what most rules below look at.

    >>> _chars_around("PrzeÅ‚om", _CP1252.run_re.search("PrzeÅ‚om"))
    ('e', 'o')
    >>> _chars_around("Å¡", _CP1252.run_re.search("Å¡"))
    ('', '')
    """
    return token[match.start() - 1 : match.start()], token[match.end() : match.end() + 1]


def _has_own_evidence(
    token: str, match: re.Match, codec: _Codec, decoded: str, count: int, longest: int, line: str
) -> bool:
    """Is this run mojibake on its own, without help from the rest of the line?

    >>> m = _CP1252.run_re.search("NaÅ¡i")
    >>> _has_own_evidence("NaÅ¡i", m, _CP1252, "š", 1, 2, "NaÅ¡i")
    False
    >>> _has_own_evidence("naÅ¡i", _CP1252.run_re.search("naÅ¡i"), _CP1252, "š", 1, 2, "naÅ¡i")
    True
    """
    if count >= 2 and codec is not _CP1252:
        # Capitals in Ukrainian, Kazakh or Serbian form cp1251 pairs in a row ("СЕРІГІ");
        # they decode to a mix of scripts or to rare letters. Real mojibake does not.
        # (Orthographies' combining marks after a letter too: Choctaw "a̱" read as cp1251 "aМ±".)
        return all(_TYPICAL_DECODE_RE.match(c) or c.isascii() or c in ORTHOGRAPHIC_MARKS for c in decoded
                   ) and not _has_mixed_scripts(decoded)
    if count >= 2 or _C1_RE.search(match.group()):
        return True
    if longest >= 3 and _is_lone_symbol_or_standalone(token, match, decoded, line):
        return True
    if codec is not _CP1252:
        return (
            _is_pair_word_in_a_latin_line(token, match, decoded, line, codec)
            or _is_symbol_pair_by_a_number_in_a_latin_line(token, match, decoded, line, codec)
            or (codec is _CP1251 and _is_latin1_sign_alone_in_a_latin_line(token, match, decoded, line))
            or (codec is _CP1251 and (_is_combining_mark_after_a_letter(token, match, decoded)
                                      or _is_orthographic_mark_after_a_latin_capital(token, match, decoded)))
            or _glued_to_letters(token, match, codec)
        )
    return (
        _is_cp1252_pair_inside_word(token, match, decoded)
        or _is_pair_with_a_sign_between_letters(token, match, decoded)
        or _is_pair_of_the_lines_alphabet(token, match, decoded, line)
        or _is_pair_of_a_line_in_another_script(token, match, decoded, line)
        or _is_pair_in_a_lowercase_word_of_a_diacritic_line(token, match, decoded, line)
        or _is_pair_between_letters_of_its_script(token, match, decoded)
        or _is_combining_mark_after_a_letter(token, match, decoded)
        or (match.group()[0] == "Â" and "\xa1" <= match.group()[1] <= "\xbf")
        or _is_nbsp_after_lowercase(token, match)
        or _is_capital_with_nbsp_byte_opening_a_lowercase_word(token, match, decoded)
    )


def _is_nbsp_after_lowercase(token: str, match: re.Match) -> bool:
    """``Â\xa0`` (NBSP read as cp1252) after a lowercase letter, digit or punctuation:
    no word ends in a capital Â (``keÂ\xa0babala``, ``apertureÂ\xa0of``).

    >>> _is_nbsp_after_lowercase("keÂ\xa0babala", _CP1252.run_re.search("keÂ\xa0babala"))
    True
    """
    before = token[match.start() - 1 : match.start()]
    return match.group() == "Â\xa0" and before != "" and not before.isupper() and not before.isspace()


def _is_capital_with_nbsp_byte_opening_a_lowercase_word(token: str, match: re.Match, decoded: str) -> bool:
    """A pair whose second byte is 0xA0 (kept as NBSP) that opens a word going on in
    lowercase: ``Å\xa0iandien`` is "Šiandien", ``(Å\xa0tula`` "(Štula", ``Å\xa0o`` the
    Latvian "Šo". A capital, a no-break space and then the rest of a word in lowercase
    is no typography; the word may follow an opening bracket or quote.

    >>> m = _CP1252.run_re.search("Å\xa0iandien")
    >>> _is_capital_with_nbsp_byte_opening_a_lowercase_word("Å\xa0iandien", m, "Š")
    True
    >>> _is_capital_with_nbsp_byte_opening_a_lowercase_word("„Å\xa0o", _CP1252.run_re.search("„Å\xa0o"), "Š")
    True
    >>> _is_capital_with_nbsp_byte_opening_a_lowercase_word("Å\xa0I", _CP1252.run_re.search("Å\xa0I"), "Š")
    False
    >>> _is_capital_with_nbsp_byte_opening_a_lowercase_word("xÅ\xa0o", _CP1252.run_re.search("xÅ\xa0o"), "Š")
    False
    """
    before = token[: match.start()]
    rest = token[match.end() : match.end() + 2]
    opens_the_word = not before or (len(before) == 1 and unicodedata.category(before).startswith("P"))
    return (
        opens_the_word and match.group()[1:] == "\xa0" and decoded.isupper()
        and rest[:1].isalpha() and rest[:1].islower() and not rest[1:].isupper()
    )


def _is_lone_symbol_or_standalone(token: str, match: re.Match, decoded: str, line: str = "") -> bool:
    """A single 3-byte sequence is evidence if it decodes to punctuation or a symbol
    (``â€™`` -> ``’``), or to a letter of the same script as the letters it is glued to
    (``cá»§a`` -> ``của``): a lone Hangul syllable inside a Latin word (``Brontë…”`` ->
    ``Bront녔``) is a coincidence.

    A letter with no letter next to it must be of a script the line already uses:
    ``“ã§”`` would be a lone CJK ideograph in a Portuguese sentence.

    >>> m = _CP1252.run_re.search("Bronteë…”")
    >>> _is_lone_symbol_or_standalone("Bronteë…”", m, "녔")
    False
    """
    if not _has_script(decoded[0]):
        return True
    script = _script(decoded[0])
    before, after = _chars_around(token, match)
    neighbours = [c for c in (before, after) if c.isalpha()]
    if neighbours:
        return all(_script(c) == script for c in neighbours)
    return any(_script(c) == script for c in _non_ascii_letters(line))


# Continuation bytes 0x80-0x9F as cp1252 shows them, minus apostrophes and dashes,
# which do occur inside real words ("Ã’s" is a plural of "Ã").
_CP1252_ONLY_CONTS = set(bytes(range(0x80, 0xA0)).decode("windows-1252", errors="ignore")) - set("‘’–—")


def _is_cp1252_pair_inside_word(token: str, match: re.Match, decoded: str) -> bool:
    """One 2-byte pair is evidence when it is a capital Latin-1 letter plus a cp1252-only
    punctuation mark, inside a lowercase word: ``kilkanaÅ›cie``, ``PrzeÅ‚om``, ``È™i``.
    Real text does not put ``›``, ``‚`` or ``™`` between lowercase letters, nor at the
    start of a word in capitals (``ÅžAHİN``). A soft hyphen (0xAD) after a
    capital that follows a lowercase letter counts too: ``AntaÅ\xade`` is "Antaŭe"; a
    hyphenation point after a capital inside a lowercase word is no typography.

    >>> m = _CP1252.run_re.search("PrzeÅ‚om")
    >>> _is_cp1252_pair_inside_word("PrzeÅ‚om", m, "ł")
    True
    >>> _is_cp1252_pair_inside_word("ÅžAHİN", _CP1252.run_re.search("ÅžAHİN"), "Ş")
    True
    >>> _is_cp1252_pair_inside_word("AntaÅ\xade", _CP1252.run_re.search("AntaÅ\xade"), "ŭ")
    True
    >>> m = _CP1252.run_re.search("DrÃ¥ber")
    >>> _is_cp1252_pair_inside_word("DrÃ¥ber", m, "å")
    False
    >>> _is_cp1252_pair_inside_word("KwasiÉ–a", _CP1252.run_re.search("KwasiÉ–a"), "ɖ")
    True
    """
    pair = match.group()
    if len(pair) != 2 or not decoded.isalpha():
        return False
    before, after = _chars_around(token, match)
    if pair[1] == "\xad":
        return before.islower()
    if pair[1] in "‘’–—":
        # A quote or dash after a capital is typography ("CAFÉ–BAR", "Ó’Brien"); between
        # two lowercase letters it is not: "KwasiÉ–a" is "Kwasiɖa".
        return before.islower() and after.islower()
    if pair[1] not in _CP1252_ONLY_CONTS:
        return False
    # In capitals, inside the word or opening it; closing it only with a lowercase letter
    # ("ABÅž-a"): "MARQUÉ…" ends in an ellipsis ("É…" is no "Ʌ"), "NOMIÓÉŠ" in capitals.
    return before.islower() or after.islower() or (
        decoded.isupper() and (before.isupper() or not before) and (after.isupper() or (pair[1].islower() and before.isupper()))
    )


# Latin-1's signs (0xA1-0xBF but its letters "ª", "µ", "º" and the soft hyphen).
_LATIN1_SIGN_CONTS = frozenset(c for c in bytes(range(0xA1, 0xC0)).decode("latin-1") if not c.isalpha()) - {"\xad"}


def _is_pair_with_a_sign_between_letters(token: str, match: re.Match, decoded: str) -> bool:
    """One 2-byte pair is evidence when its second character is a Latin-1 sign ("£",
    "©", "°") glued between a letter and a lowercase letter, and it decodes to a
    lowercase letter of their script beyond Latin Extended-A (the letters of African
    and Berber orthographies, U+0180 on): Riffian "Sɣur" is ``SÉ£ur``. No word holds a
    pound, copyright or degree sign between its letters. (A common letter, "DrÃ¥ber",
    "NaÅ¡i", stays a name that needs support from its line, as ftfy leaves it.)

    >>> _is_pair_with_a_sign_between_letters("SÉ£ur", _CP1252.run_re.search("SÉ£ur"), "ɣ")
    True
    >>> _is_pair_with_a_sign_between_letters("CAFÉ£5", _CP1252.run_re.search("CAFÉ£5"), "ɣ")
    False
    >>> _is_pair_with_a_sign_between_letters("yegÊ·jen", _CP1252.run_re.search("yegÊ·jen"), "ʷ")
    True
    """
    pair = match.group()
    if len(pair) != 2 or pair[1] not in _LATIN1_SIGN_CONTS or not decoded.islower() or decoded < "\u0180":
        return False
    before, after = _chars_around(token, match)
    # (A modifier letter, Salish or Riffian "ʷ" of ``yegÊ·jen``, is of the letters around it.)
    return (before.isalpha() and after.islower() and _script(before) == _script(after)
            and (_script(decoded) == _script(before) or _is_a_modifier_letter(decoded)))


def _is_pair_between_letters_of_its_script(token: str, match: re.Match, decoded: str) -> bool:
    """One 2-byte pair is evidence when it decodes to a non-Latin letter or digit and
    sits between two letters or digits of that same script: ``מ×–ג`` (Hebrew "ז" read as
    cp1252, half of a partly repaired word), ``۵Û´`` (the Persian digits "۵۴"). A "×"
    or "Ø" glued inside a Hebrew or Arabic word is never a multiplication sign or a
    Danish letter. At a word's edge one such neighbour is enough when the other side is
    no letter at all: ``הוסי×£`` (final "ף"), ``×›לל``.

    >>> m = _CP1252.run_re.search("מ×–ג")
    >>> _is_pair_between_letters_of_its_script("מ×–ג", m, "ז")
    True
    >>> _is_pair_between_letters_of_its_script("۵Û´", _CP1252.run_re.search("۵Û´"), "۴")
    True
    >>> _is_pair_between_letters_of_its_script("הוסי×£,", _CP1252.run_re.search("הוסי×£,"), "ף")
    True
    >>> _is_pair_between_letters_of_its_script("a×–b", _CP1252.run_re.search("a×–b"), "ז")
    False
    >>> _is_pair_between_letters_of_its_script("×–", _CP1252.run_re.search("×–"), "ז")
    False
    """
    if len(match.group()) != 2 or len(decoded) != 1 or not _is_letter_or_digit(decoded) or not _has_script(decoded):
        return False
    script = _script(decoded)
    if script == "LATIN":
        return False
    before, after = _chars_around(token, match)
    of_its_script = [_is_letter_or_digit(c) and _has_script(c) and _script(c) == script for c in (before, after)]
    no_letter = [not _is_letter_or_digit(c) for c in (before, after)]
    return all(of_its_script) or (of_its_script[0] and no_letter[1]) or (of_its_script[1] and no_letter[0])


def _is_combining_mark_after_a_letter(token: str, match: re.Match, decoded: str) -> bool:
    """One 2-byte pair is evidence when it decodes to a combining mark right after a
    lowercase letter: ``lẹÌ€`` is "lẹ̀" (U+0300, bytes CC 80, read as cp1252 "Ì€"), as
    Yoruba and Vietnamese written in decomposed form carry their tones. A capital "Ì" and
    a sign glued to the end of a lowercase word are no text; in capitals ("AÌŽ") they may be.

    >>> _is_combining_mark_after_a_letter("lẹÌ€", _CP1252.run_re.search("lẹÌ€"), "\u0300")
    True
    >>> _is_combining_mark_after_a_letter("Ì€", _CP1252.run_re.search("Ì€"), "\u0300")
    False
    """
    before = token[match.start() - 1 : match.start()]
    return len(match.group()) == 2 and unicodedata.category(decoded) == "Mn" and before.isalpha() and before.islower()


def _is_orthographic_mark_after_a_latin_capital(token: str, match: re.Match, decoded: str) -> bool:
    """A cp1251 pair that decodes to a mark a Latin letter carries (`ORTHOGRAPHIC_MARKS`)
    right after a Latin capital: Tyap "A̱kpat" read as cp1251 is ``AМ±kpat``. A Latin
    capital before a Cyrillic one and a sign is no text in either script.

    >>> _is_orthographic_mark_after_a_latin_capital("AМ±kpat", _CP1251.run_re.search("AМ±kpat"), "\u0331")
    True
    >>> _is_orthographic_mark_after_a_latin_capital("АМ±", _CP1251.run_re.search("АМ±"), "\u0331")  # Cyrillic А
    False
    """
    before = token[match.start() - 1 : match.start()]
    return (len(match.group()) == 2 and decoded in ORTHOGRAPHIC_MARKS and before.isupper()
            and _script(before) == "LATIN")


_ELIDED_SUFFIX_RE = re.compile("['’][a-z]{1,2}$")


def _is_pair_word_in_a_latin_line(token: str, match: re.Match, decoded: str, line: str, codec: _Codec) -> bool:
    """A cp1251 or Mac Roman pair that is a word of its own and decodes to a Latin
    letter, in a line whose letters are Latin but for such pairs: ``Leeds Г© Carlton`` is
    Irish "é", ``ordine ГЁ promozione`` Italian "è", ``estis Д‰.`` Esperanto "ĉ", Welsh
    ``gymharu √¢ 17,859`` "â". No Cyrillic text is a lone "Г" and a sign between Latin
    words, and no formula a root sign before a cent sign.

    >>> line = "Carlton Is ceantar suite i Leeds Г© Carlton."
    >>> _is_pair_word_in_a_latin_line("Г©", _CP1251.run_re.search("Г©"), "é", line, _CP1251)
    True
    >>> line = "Он сказал: Г© и ушёл"
    >>> _is_pair_word_in_a_latin_line("Г©", _CP1251.run_re.search("Г©"), "é", line, _CP1251)
    False
    """
    if len(match.group()) != 2 or not decoded.isalpha() or _script(decoded) != "LATIN":
        return False
    word = _ELIDED_SUFFIX_RE.sub("", token.strip(".,;:!?()[]\"'«»„“”"))  # Welsh "â'r", French "à l'"
    if word != match.group().rstrip("\xa0"):
        return False
    return _is_latin_but_for_pairs(line, codec) and _the_codec_shows_the_line(line, codec)


def _the_codec_shows_the_line(line: str, codec: _Codec) -> bool:
    """Does the code page show every character of the line? A line read through it shows
    nothing else; one that writes "ř" is no Mac Roman mojibake, and its lone pair word
    quotes one: "přijdu, it shows √© and ‚Üí". (A line may be garbled in part: Welsh
    "dref √¢'i brawd ar ôl" writes a clean "ô" Mac Roman shows.)

    >>> _the_codec_shows_the_line("Carlton Is ceantar i Leeds Г© Carlton", _CP1251)
    True
    >>> _the_codec_shows_the_line("Řekl, že to ukazuje Г© místo é", _CP1251)
    False
    """
    return all(char.isascii() or char in codec.char_to_byte for char in line)


# Symbols a number is written with: currency, degree, per mille's Latin-1 kin, fractions,
# superscripts, copyright and registered signs.
_NUMBER_SYMBOL_CATEGORIES = {"Sc", "So", "No"}


def _is_symbol_pair_by_a_number_in_a_latin_line(
    token: str, match: re.Match, decoded: str, line: str, codec: _Codec
) -> bool:
    """A cp1251 or Mac Roman pair that decodes to a symbol written beside a number or a
    unit (currency, degree, power, fraction, copyright), not inside a word, in a line
    whose letters are Latin but for such pairs: ``approved ВЈ2.3m`` is "£2.3m",
    ``reached 25В°C`` "25°C", ``prices, ВЈ/t`` "£/t" (``kmВІ`` stays: a superscript is
    not a plausible cp1251 decoding, see ``scripts._is_plausible_char``). Clean
    Cyrillic text does not write a lone two-letter capital word glued to a digit, a unit
    or a slash inside a Latin line; a pair with letters on both sides is a word's part.

    >>> line = "Cornwall Council's cabinet approved ВЈ2.3m for the work on Wednesday"
    >>> _is_symbol_pair_by_a_number_in_a_latin_line("ВЈ2.3m", _CP1251.run_re.search("ВЈ2.3m"), "£", line, _CP1251)
    True
    >>> line = "Wheat prices, ВЈ/t (week to Friday) rose again at the market"
    >>> _is_symbol_pair_by_a_number_in_a_latin_line("ВЈ/t", _CP1251.run_re.search("ВЈ/t"), "£", line, _CP1251)
    True
    >>> line = "Он сказал, что ВЈ2 это шифр"
    >>> _is_symbol_pair_by_a_number_in_a_latin_line("ВЈ2", _CP1251.run_re.search("ВЈ2"), "£", line, _CP1251)
    False
    """
    if len(match.group()) != 2 or len(decoded) != 1 or unicodedata.category(decoded) not in _NUMBER_SYMBOL_CATEGORIES:
        return False
    before, after = _chars_around(token, match)
    if before.isalpha() and after.isalpha():
        return False  # inside a word
    if not (before.isdigit() or after.isdigit() or before.isalpha() or (after and after in "/.,;:)")
            or (before and before in "(/")):
        return False  # a pair standing alone between spaces: too little to go on
    return _is_latin_but_for_pairs(line, codec)


def _is_latin1_sign_alone_in_a_latin_line(token: str, match: re.Match, decoded: str, line: str) -> bool:
    """A cp1251 pair ``В`` + a sign that decodes to a sign of the Latin-1 row written
    alone ("·", "©", "«"; never a spacing accent), the whole token, in a line whose
    letters are Latin but for such pairs: ``12 likes В· 3 restacks`` is "·". A Russian
    "В" (the word "in") is followed by a space, not glued to a sign; two Cyrillic
    letters (``ВЈ``: "£") may be a word and stay.

    >>> line = "November 27, 2026 В· 5 min read"
    >>> _is_latin1_sign_alone_in_a_latin_line("В·", _CP1251.run_re.search("В·"), "·", line)
    True
    >>> line = "Статья В· 5 мин"
    >>> _is_latin1_sign_alone_in_a_latin_line("В·", _CP1251.run_re.search("В·"), "·", line)
    False
    """
    return (match.group() == token and len(token) == 2 and token[0] == "В" and not token[1].isalpha()
            and len(decoded) == 1 and unicodedata.category(decoded) in _SIGNS_WRITTEN_ALONE
            and _is_latin_but_for_pairs(line, _CP1251))


# The categories of signs text writes alone (not the spacing accents, "Sk": "¸", "´").
_SIGNS_WRITTEN_ALONE = frozenset({"Po", "Pi", "Pf", "So", "Sm", "Sc"})


@functools.lru_cache(maxsize=64)
def _is_power_of_a_unit(token: str, match: re.Match, decoded: str, line: str, codec: _Codec) -> bool:
    """A cp1251 pair that decodes to a superscript two or three glued to the end of a
    unit after a number, in a Latin line: ``4,2 kmВІ`` is "km²", ``12 mВі`` "m³". (A
    superscript is no plausible cp1251 decoding anywhere else: "ВІКІ" is Ukrainian.)

    >>> line = "La lago estas profunda je 31 metroj. Ĝia areo estas 4,2 kmВІ."
    >>> _is_power_of_a_unit("kmВІ.", _CP1251.run_re.search("kmВІ."), "²", line, _CP1251)
    True
    >>> _is_power_of_a_unit("ВІКІ", _CP1251.run_re.search("ВІКІ"), "²", "ВІКІ це вікі", _CP1251)
    False
    """
    if codec is not _CP1251 or decoded not in ("²", "³") or len(match.group()) != 2:
        return False
    unit = token[: match.start()]
    after = token[match.end() : match.end() + 1]
    if not (1 <= len(unit) <= 3 and unit.isascii() and unit.isalpha()) or after.isalpha():
        return False
    before_unit = line[: line.find(token)].rstrip()[-1:] if token in line else ""
    return before_unit.isdigit() and _is_latin_but_for_pairs(line, codec)


def _is_latin_but_for_pairs(line: str, codec: _Codec) -> bool:
    """Are the line's letters Latin (12 or more), but for those inside the codec's pairs?
    (Cached: asked once per lone pair, and a line may hold many.)"""
    in_pairs = "".join(codec.sequence_re.findall(line))
    letters = [c for c in line if c.isalpha()]
    latin = sum(1 for c in letters if _script(c) == "LATIN")
    other_in_pairs = sum(1 for c in in_pairs if c.isalpha() and _script(c) != "LATIN")
    return len(letters) - latin <= other_in_pairs and latin >= 12


def _is_letter_or_digit(char: str) -> bool:
    """A letter, or a digit of any script ("۴"); False for the empty string."""
    return char.isalpha() or (char != "" and unicodedata.category(char) == "Nd")


def _is_pair_of_the_lines_alphabet(token: str, match: re.Match, decoded: str, line: str) -> bool:
    """One 2-byte pair is evidence when it decodes to a letter the same line already uses
    in clean form, and the pair is part of a lowercase word or a word on its own:
    ``foreslÃ¥s`` in a line with ``måten``. A pair in quotes or next to capitals, as in
    text about mojibake (``vê “Ã§” em vez de “ç”``), does not count. The letters of the
    African reference alphabet count as one alphabet: Hausa ``É—aliban`` is "ɗaliban"
    in a line that writes "ƙasar" (glued to a word only: a pair standing alone, "12 É© 3",
    is an example in a text about mojibake).

    >>> line = "Denne måten Ã¥ se"
    >>> m = _CP1252.run_re.search("Ã¥")
    >>> _is_pair_of_the_lines_alphabet("Ã¥", m, "å", line)
    True
    >>> line = "ƙasar ta amince da doka ta É—aliban"
    >>> _is_pair_of_the_lines_alphabet("É—aliban", _CP1252.run_re.search("É—aliban"), "ɗ", line)
    True
    """
    pair = match.group()
    if len(pair) != 2 or not decoded.isalpha() or not _of_the_lines_alphabet(decoded, line):
        return False
    # (A letter apostrophe inside the word is part of it: Kusaal "sɔ'É”" is "sɔ'ɔ".)
    # (A combining mark belongs to the letter before it: Dinka "thuɔ̈É”̈r".)
    before = token[: match.start()].rstrip("'’").rstrip(_COMBINING_MARKS)
    after = token[match.end() :].lstrip(_COMBINING_MARKS).rstrip(",.;:!?")
    if not before and not after:
        return decoded in _non_ascii_letters(line)
    # (A capital opening the word before a lowercase letter: "MÉ›" is "Mɛ" where the
    # line writes "lɛ"; a capital after a capital stays, as text about mojibake has it.)
    opening_capital = len(before) == 1 and before.isupper() and decoded.islower()
    return (before[-1:].islower() or not before or opening_capital) and (after[:1].islower() or not after) and (
        before[-1:].isalpha() or after[:1].isalpha()
    )


def _of_the_lines_alphabet(letter: str, line: str) -> bool:
    """Does the line write the letter in clean form, or, for a letter of the African
    reference alphabet, another of them ("ɗ" beside "ƙ")?"""
    written = _non_ascii_letters(line)
    if letter in written:
        return True
    return letter.lower() in AFRICAN_REFERENCE_LETTERS and any(char.lower() in AFRICAN_REFERENCE_LETTERS for char in written)


_COMBINING_MARKS = "".join(chr(code) for code in range(0x300, 0x370))


def _is_pair_of_a_line_in_another_script(token: str, match: re.Match, decoded: str, line: str) -> bool:
    """One 2-byte pair, not glued to a Latin letter, in a line whose other non-ASCII
    letters (five or more) are all of one script other than Latin, that decodes to a
    letter, digit or sign of that script: Sindhi ``ڪراچي Û¾ پاڻي`` is "ڪراچي ۾ پاڻي",
    ``على Ù¨ سنين`` "على ٨ سنين", Hebrew ``לשרת ×›-100`` "לשרת כ-100". A line in one
    script other than Latin has no Latin-1 capital glued to a sign of its own.

    >>> line = "ڪراچي Û¾ پاڻي جي قلت"
    >>> _is_pair_of_a_line_in_another_script("Û¾", _CP1252.run_re.search(line), "۾", line)
    True
    >>> line = "Привет Ã© мир"
    >>> _is_pair_of_a_line_in_another_script("Ã©", _CP1252.run_re.search(line), "é", line)
    False
    """
    pair = match.group()
    if len(pair) != 2 or len(decoded) != 1:
        return False
    before = token[: match.start()]
    after = token[match.end() :]
    if (before[-1:].isascii() and before[-1:].isalpha()) or (after[:1].isascii() and after[:1].isalpha()):
        return False
    rest = line.replace(pair, " ")
    scripts = {_script(char) for char in _non_ascii_letters(rest)}
    if len(scripts) != 1 or sum(_non_ascii_letters(rest).values()) < 5 or any(
            char.isascii() and char.isalpha() for char in rest):
        return False
    (script,) = scripts
    return script != "LATIN" and script in unicodedata.name(decoded, "").replace("-", " ").split()


_MAC_MATH_LEADS = set("¬√ƒ≈∆÷◊⁄‡·‚„‰")


# Lowercase letters that languages write every day: Latin-1, Latin Extended-A, and
# Vietnamese ơ ư, Romanian ș ț (not IPA letters such as "ɔ", which "É”" decodes to).
_COMMON_LOWERCASE_RE = re.compile("[\u00df-\u017f\u01a1\u01b0\u0219\u021b]")


_OPENING_MARKS = "“„‚‘«‹\"'(["
_WORD_JOINER_RE = re.compile("[-‐/0-9]")
_CLOSING_MARKS = "”“’‘»›\"']"


_IPA_LETTER_RE = re.compile("[\u0250-\u02af]")


def _writes_ipa_letters(line: str, decoded: str) -> bool:
    """Is ``decoded`` an IPA-block letter and does the line already write another one in
    clean form? African orthographies write ɛ ɔ ɖ ɣ among Latin letters (Ewe "ɖevi
    dɔléle ... ɣleti"); in other text "É”" is a capital before a quote, not "ɔ".

    >>> _writes_ipa_letters("ɖevi le É£leti", "ɣ"), _writes_ipa_letters("“ÉTÉ”", "ɔ")
    (True, False)
    """
    return bool(_IPA_LETTER_RE.match(decoded)) and any(
        _IPA_LETTER_RE.match(c) and c != decoded for c in _non_ascii_letters(line)
    )


def _is_pair_in_a_lowercase_word_of_a_diacritic_line(token: str, match: re.Match, decoded: str, line: str) -> bool:
    """One 2-byte pair is evidence when it decodes to a lowercase letter inside a
    lowercase word, and the rest of the line already writes
    other non-ASCII letters of that script: ``nÃ©zegettem`` in a Hungarian line with
    ``örömmel``, ``SÃ¸r-Amerika`` in a Norwegian one. A name in an English line
    (``Bremer/Mccoy – DrÃ¥ber``) or a pair in quotes (``vê “Ã§”``) does not count.

    >>> line = "Nagy örömmel nÃ©zegettem ezt"
    >>> m = _CP1252.run_re.search(line)
    >>> _is_pair_in_a_lowercase_word_of_a_diacritic_line("nÃ©zegettem", _CP1252.run_re.search("nÃ©zegettem"), "é", line)
    True
    >>> _is_pair_in_a_lowercase_word_of_a_diacritic_line("DrÃ¥ber", _CP1252.run_re.search("DrÃ¥ber"), "å", "Bremer/Mccoy – DrÃ¥ber")
    False
    >>> _is_pair_in_a_lowercase_word_of_a_diacritic_line("SkärgÃ¥rd", _CP1252.run_re.search("SkärgÃ¥rd"), "å", "Foto: SkärgÃ¥rd")
    True
    """
    if len(match.group()) != 2 or not (
        decoded.islower() and (_COMMON_LOWERCASE_RE.match(decoded) or _writes_ipa_letters(line, decoded))
    ):
        return False
    # The word the pair is in: quotes and brackets around it ("“NÃ¥got”") are not part of
    # it, nor what a hyphen or digits join to it ("1970-Ã¥rene").
    before = _WORD_JOINER_RE.split(token[: match.start()].lstrip(_OPENING_MARKS))[-1]
    after = token[match.end() :].rstrip(",.;:!?)" + _CLOSING_MARKS)
    if not before and not after:
        if token != match.group():
            return False  # a pair alone in quotes: text about mojibake (“Ã§”)
        # A word of its own: "Ã" and a Latin-1 sign ("Ã©", "Ã¨", "Ã\xa0") is no word.
        return match.group()[0] == "Ã" and "\xa0" <= match.group()[1] <= "\xbf"
    left, right = before[-1:], after[:1]
    # Lowercase letters on both sides, or a word boundary; a capital on the left only as
    # the word's first letter ("SÃ¸r"), not inside capitals ("YARILGAÇ’ın").
    left_ok = not left or left.islower() or (len(before) == 1 and left.isupper())
    if not (left_ok and (not right or right.islower()) and (left.isalpha() or right.isalpha())):
        return False
    if before[:1].islower():
        return True  # inside a lowercase word ("piÃ¹", "aÅ\xad"): not a name ("DrÃ¥ber")
    script = _script(decoded)
    if any(_script(c) == script for c in _non_ascii_letters(before + after)):
        # The word itself writes a clean letter of that script beside the pair
        # ("SkärgÃ¥rdsposten", a partially fixed name): a word garbled in one letter
        # only is no name quoted garbled.
        return True
    in_token = _non_ascii_letters(token)
    return any(n > in_token[c] and _script(c) == script for c, n in _non_ascii_letters(line).items())


def _glued_to_letters(token: str, match: re.Match, codec: _Codec) -> bool:
    """A single sequence counts as evidence when it sits inside a word written in another
    script or is a symbol between letters: ``zemljiЕЎte`` (cp1251), ``Ver≈ùajne`` (Mac)."""
    before, after = _chars_around(token, match)
    lead = match.group()[0]
    if _is_letter_apostrophe_inside_a_latin_word(match.group(), codec, before, after):
        return True
    if "\xa0" in match.group() and not (codec is _CP1251 and before.isascii() and before.isalpha()):
        # A letter before NBSP is typography ("З\xa0XVII"); but a Cyrillic capital glued
        # to the end of a Latin word is no letter: "porterГ\xa0 domani" is "porterà".
        return False
    if codec is _CP1251:
        # Only a Latin letter glued to Latin letters: "РІSА" (Cyrillic + S) stays.
        decoded = codec.to_bytes(match.group()).decode("utf-8", errors="replace")
        latin = decoded.isalpha() and _script(decoded[0]) == "LATIN"
        return latin and ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()))
    # Mac Roman leads for Latin letters are math symbols (√ ≈ ∆ ƒ); glued to a word they
    # are not text. Quotes, dashes and guillemets are glued to words all the time.
    # (Not the ellipsis, although it leads the IPA letters of African orthographies,
    # "Ns…õm" being "Nsɛm": clean text glues it to accented letters, "então…ótimo".)
    return lead in _MAC_MATH_LEADS and (before.isalpha() or after.isalpha())


def _decoded_or_empty(sequence: str, codec: _Codec) -> str:
    """What a sequence (or a whole line) in the codec's characters stands for in UTF-8, or
    "" when the codec cannot show it or its bytes are no UTF-8."""
    try:
        return codec.to_bytes(sequence).decode("utf-8")
    except UnicodeError:
        return ""


def _is_letter_apostrophe_inside_a_latin_word(sequence: str, codec: _Codec, before: str, after: str) -> bool:
    """A sequence that decodes to a letter apostrophe (the ʻokina, ʼ) between two ASCII
    letters: ``waК»a`` (cp1251) and ``ta\xa0ªu`` (Mac Roman) are "waʻa" and "taʻu". Clean
    text has no Cyrillic capital or NBSP glued inside a Latin word.

    >>> _is_letter_apostrophe_inside_a_latin_word("К»", _CP1251, "a", "a")
    True
    >>> _is_letter_apostrophe_inside_a_latin_word("К»", _CP1251, " ", "a")
    False
    """
    if not (before.isascii() and before.isalpha() and after.isascii() and after.isalpha()):
        return False
    return _decoded_or_empty(sequence, codec) in LETTER_APOSTROPHES


def _count_evidence(text: str, codec: _Codec, nbsp: bool = False) -> int:
    """How many of the codec's sequences sit where mojibake sits: in a run of two or
    more, or glued to a letter. Pairs that end in NBSP do not count (a letter before NBSP
    is everyday typography), nor do lone pairs between quotes or spaces (``“Ã§”`` in a
    text about mojibake).

    >>> _count_evidence("GÃ¦ster pÃ¥ kr", _CP1252), _count_evidence("vê “Ã§” e “Ç”", _CP1252)
    (2, 0)
    >>> _count_evidence("Í\xa0staðbundinni\xa0meðferð", _CP1252)
    0
    """
    count = 0
    for run in codec.run_re.finditer(text):
        sequences = [seq for seq in codec.sequence_re.findall(run.group()) if nbsp or "\xa0" not in seq]
        if len(sequences) == 1:
            before = text[run.start() - 1 : run.start()]
            after = text[run.end() : run.end() + 1]
            if not (before.isalpha() or after.isalpha()):
                continue
        count += len(sequences)
    return count


# What cp1251 and Mac Roman mojibake of real text decodes to, most of the time: Latin
# letters and the letter apostrophes (ʻ ʼ), the IPA letters that African orthographies
# write as ordinary letters (the Africa Alphabet's ɛ ɔ ɖ ɗ ɓ ə ɣ...: Akan "nsɛm", Ewe
# "Kwasiɖa", Hausa "ɗan"), basic Cyrillic, Greek, typographic punctuation. ("УІ" in
# capitals would be "Ӳ", an extended Cyrillic letter: a coincidence.)
AFRICAN_IPA_LETTERS = frozenset("ɓɔɖɗəɛɠɣɨɩɲʃʊʋʒʉ")
_TYPICAL_DECODE_RE = re.compile(
    "[\u00c0-\u024f" + "".join(sorted(LETTER_APOSTROPHES | AFRICAN_IPA_LETTERS))
    + "\u0386-\u03ce\u0400-\u045f\u1e00-\u1eff\u2013-\u2026\u20ac]"
)


def _count_plausible_sequences(text: str, codec: _Codec) -> int:
    """How many of the codec's UTF-8 sequences decode to a plausible European character
    and sit where mojibake sits: in a run of sequences or inside a word. A math symbol
    before a Greek letter (``√π``, Mac Roman "ù") stands apart.

    >>> _count_plausible_sequences("На місці Віктор", _CP1251), _count_plausible_sequences("РџСЂРё", _CP1251)
    (0, 3)
    >>> _count_plausible_sequences("(-1/2)! = √π; ∆°", _MAC_ROMAN)
    0
    """
    count = 0
    for run in codec.run_re.finditer(text):
        sequences = codec.sequence_re.findall(run.group())
        if len(sequences) == 1:
            # A lone pair counts inside a word only: "«Été»" is Mac Roman "ǃté»". (Or
            # opening one, for the African letters that start words: Hausa "…óan" is "ɗan".)
            before = text[run.start() - 1 : run.start()]
            after = text[run.end() : run.end() + 1]
            if not after.isalpha():
                continue
            if not before.isalpha() and (before.isalnum() or _decoded_or_empty(run.group(), codec) not in AFRICAN_IPA_LETTERS):
                continue
        for sequence in sequences:
            if "\xa0" in sequence or _is_ellipsis_before_a_letter_of_the_text(sequence, codec, text):
                continue
            char = _decoded_or_empty(sequence, codec)
            if not char:
                continue
            count += bool(_TYPICAL_DECODE_RE.match(char)) and _fits_neighbours(text, run.start(), run.end(), char)
    return count


def _is_ellipsis_before_a_letter_of_the_text(sequence: str, codec: _Codec, text: str) -> bool:
    """Is this Mac Roman pair an ellipsis glued to a letter that the text also writes on
    its own? "…õ" is the Akan "ɛ" in text whose every "õ" follows an ellipsis; in Estonian
    or Portuguese the letter stands in other words too ("ootas…õhtul ... õpetaja", "Ótimo"),
    and the ellipsis is typography.

    >>> _is_ellipsis_before_a_letter_of_the_text("…õ", _MAC_ROMAN, "ootas…õhtul, õpetaja")
    True
    >>> _is_ellipsis_before_a_letter_of_the_text("…õ", _MAC_ROMAN, "Yɛn ho ns…õm, Amammer…õ")
    False
    """
    if codec is not _MAC_ROMAN or sequence[0] != "…":
        return False
    letter = sequence[1:2]
    if text.count(letter) > text.count(sequence):
        return True
    return letter.upper() != letter and letter.upper() in text  # "Ótimo" writes "ó" too


def _enough_of_the_non_ascii(text: str, sequences: int) -> bool:
    """Do ``sequences`` 2-byte-or-longer sequences make up a fifth of the text's
    non-ASCII characters? Mojibake turns most of a garbled span's characters into
    sequences; clean text that happens to hold a few look-alikes (capitals "РІ", "УЈ" in
    Ukrainian or Serbian, "ÍŠ" in Czech) has them among many other non-ASCII letters."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return 2 * sequences >= 0.2 * non_ascii


def _is_mostly_mojibake(line: str, codec: _Codec) -> bool:
    """Two or more sequences in context, and enough of the line's non-ASCII characters.

    >>> _is_mostly_mojibake("Det gør GÃ¦ster pÃ¥ kr", _CP1252), _is_mostly_mojibake("ÞAÐ™ ER “KVÖLD”", _CP1252)
    (True, False)
    """
    count = _count_evidence(line, codec)
    return count >= 2 and _enough_of_the_non_ascii(line, count)


class _document_evidence(dict):
    """Does the document hold enough of each codec's sequences to vouch for lone ones?

    Clean text shows at most one cp1251 or Mac Roman look-alike that decodes to a
    plausible European character (``Ві`` in Ukrainian does not), so two are evidence.
    Computed per codec on first use: most lines never ask.

    >>> _document_evidence("GÃ¦ster pÃ¥")[_CP1252]
    True
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def __missing__(self, codec: _Codec) -> bool:
        if codec is _CP1252:
            count = _count_evidence(self.text, codec)
        else:
            count = _count_plausible_sequences(self.text, codec)
        # Mojibake turns most of a garbled span's characters into sequences; clean text
        # that happens to hold a few look-alikes (capitals "РІ", "УЈ" in Ukrainian or
        # Serbian) has them among many other non-ASCII letters.
        value = count >= 2 and _enough_of_the_non_ascii(self.text, count)
        self[codec] = value
        return value

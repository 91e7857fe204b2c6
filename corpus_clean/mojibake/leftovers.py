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

from corpus_clean.mojibake.charmaps import _CP1251, _CP1252
from corpus_clean.mojibake.detect import quotes_mojibake_on_purpose
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
        decoded = _doubly_encoded_letters_decoded(fixed, letters, capitals)
        decoded = _CP1252.sequence_re.sub(lambda m: _decoded_if_it_fits(m, decoded, letters, capitals), decoded)
        if decoded != fixed:
            # (once more: a doubly encoded letter glued to a letter decoded just now, "нÉ™")
            decoded = _doubly_encoded_letters_decoded(decoded, letters, capitals)
        if decoded != fixed:
            fixes["encoding"] = fixes.get("encoding", 0) + 1
        out.append(decoded)
    return out


def _page_letters(lines: list[str]) -> set[str]:
    """The non-ASCII letters, marks and digits the page writes outside cp1252 sequences,
    lowercase (one character each: Turkish "İ" stays "İ", not "i" and a combining dot).

    >>> sorted(_page_letters(["İSTANBUL’da ığdır"]))
    ['ğ', 'İ', 'ı']
    """
    letters = set()
    for line in lines:
        for char in _CP1252.sequence_re.sub(" ", line):
            if char > "\x7f" and (char.isalpha() or unicodedata.category(char) in ("Mn", "Nd")):
                lower = char.lower()
                letters.add(lower if len(lower) == 1 else char)
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


def _doubly_encoded_letters_decoded(line: str, letters: set[str], capitals: bool = False) -> str:
    """The line with each doubly encoded letter a partial repair left decoded, where it
    fits the page: two to four sequences in a row that decode to one sequence, which
    decodes to one letter (Nganasan "ə" of a Cyrillic word, ``Ã‰â„¢``, or "н",
    ``Ã\x90Â½``).

    >>> _doubly_encoded_letters_decoded("Тəн тÃ‰â„¢ Ð¾Ã\x90Â½", {"ə", "т", "н", "о"})
    'Тəн тə Ð¾н'
    >>> _doubly_encoded_letters_decoded("Тəн тÃ‰â„¢", {"т", "н"})
    'Тəн тÃ‰â„¢'
    """
    sequences = list(_CP1252.sequence_re.finditer(line))
    if len(sequences) < 2:
        return line
    out, last, k = [], 0, 0
    while k < len(sequences):
        for width in (2, 3, 4):
            window = sequences[k : k + width]
            if len(window) < width or any(a.end() != b.start() for a, b in zip(window, window[1:])):
                break
            char = _decoded_twice(line[window[0].start() : window[-1].end()])
            if char is None:
                continue
            before = line[window[0].start() - 1 : window[0].start()]
            after = line[window[-1].end() : window[-1].end() + 1]
            if capitals and char.islower() and (before.isupper() or after.isupper()):
                continue
            if _fits_the_page(char, before, after, letters):
                out.append(line[last : window[0].start()] + char)
                last = window[-1].end()
                k += width - 1
                break
        k += 1
    return "".join(out) + line[last:]


def _decoded_twice(run: str) -> str | None:
    """The one character ``run`` is after two cp1252-to-UTF-8 decodings, or None.

    >>> _decoded_twice("Ã‰â„¢"), _decoded_twice("Ã©")
    ('ə', None)
    """
    try:
        once = _CP1252.to_bytes(run).decode("utf-8")
        if not _CP1252.sequence_re.fullmatch(once):
            return None
        char = _CP1252.to_bytes(once).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    return char if len(char) == 1 else None


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
    >>> _fits_the_page("ɔ", " ", " ", {"ɖ", "ɛ"}), _fits_the_page("ɔ", " ", " ", {"ɛ"})
    (True, False)
    >>> _fits_the_page("٢", "", "ی", {"٢", "ی"}), _fits_the_page("٢", "", "ی", {"ی"})
    (True, False)
    """
    lower = char.lower()
    if unicodedata.category(char) == "Mn":
        return lower in letters and before.isalpha()
    if unicodedata.category(char) == "Nd":
        return char in letters  # a digit of the page's own script it writes elsewhere ("٢")
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
        if glued:
            return any(_group(letter) == group for letter in letters)
        # A letter standing alone as a word (Fon, Ewe "ɔ", "ɛ"): where the page writes two
        # other letters of its group beyond Latin-1 ("ɖ", "ɛ"), no capital and quote mark
        # ("É”") stands there between its words.
        return alone and group != "LATIN-00C0" and sum(_group(letter) == group for letter in letters) >= 2
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


def decode_cp1251_sequences_of_a_latin_page(text: str, read_as_cp1251: bool = False) -> tuple[str, int]:
    """A Latin page whose only Cyrillic letters are cp1251 sequences: those sequences
    decode where they give a sign, an emoji or a Latin letter.

    UTF-8 read as cp1251 turns "©" into ``В©``, "·" into ``В·``, "▶" into ``в–¶``, "à"
    into ``Г\\xa0``. On a page of Latin text nothing else is Cyrillic, and ftfy leaves a
    lone pair (``В© 2026 Banjar Pos``, a French line whose other pairs were decoded but
    ``Г\\xa0`` stayed). Decoded only where every Cyrillic letter of the page sits in such a
    sequence (a Russian or Ukrainian line writes others: "ВІКІ", "Ні, дякую"), the page
    writes at least two ASCII letters outside them (a lone "Ні" is a word), and what
    comes back is, for every sequence of the page, a sign or a Latin letter (Ukrainian
    capitals "ВІ" would be "²": the page is left as it is), a combining mark only after
    a letter; a pair of two Cyrillic letters ("Tickets ВЈ are sold out") is as much a
    word as a pair, and leaves the page as it is. (A line that quotes mojibake on purpose,
    ``the sign showed "cafГ©"``, is a text about encoding errors: `fix_text.repair` keeps
    it as it was after every pass, this one included.)

    >>> decode_cp1251_sequences_of_a_latin_page("В© 2026 Banjar Pos\\nReply В· 12 likes")
    ('© 2026 Banjar Pos\\nReply · 12 likes', 2)
    >>> decode_cp1251_sequences_of_a_latin_page("Le 2 dГ©cembre 2026 Г\\xa0 08h15")
    ('Le 2 décembre 2026 à 08h15', 2)
    >>> decode_cp1251_sequences_of_a_latin_page("ВІКІ is Ukrainian for WIKI")[1], decode_cp1251_sequences_of_a_latin_page("Ні")[1]
    (0, 0)

    Where the lines' repair already read other sequences of the page as cp1251
    (``read_as_cp1251``: the page is such mojibake), a sequence of Cyrillic letters only
    is one more (Kwakʼwala "ǥ" is ``ЗҐ``, a saltillo "ꞌ" ``кћЊ``): on a Latin page that
    was garbled as a whole, no Cyrillic word is left standing between its Latin words.

    >>> decode_cp1251_sequences_of_a_latin_page("Kwakwala: ЗҐ x̱ a̱ бёµ", read_as_cp1251=True)
    ('Kwakwala: ǥ x̱ a̱ ḵ', 2)

    There each line is one Latin text of its own: a page of Cyrillic lines and Latin
    ones garbled together leaves its Latin lines' sequences whatever the Cyrillic lines
    write.

    >>> decode_cp1251_sequences_of_a_latin_page("sqК·Й™l tən\\nКоми кыв", read_as_cp1251=True)
    ('sqʷəl tən\\nКоми кыв', 2)
    """
    if not _CYRILLIC_RE.search(text):
        return text, 0
    if read_as_cp1251 and "\n" in text:
        lines = [_decode_cp1251_sequences_of_latin_text(line, True) for line in text.splitlines(keepends=True)]
        return "".join(line for line, _ in lines), sum(count for _, count in lines)
    return _decode_cp1251_sequences_of_latin_text(text, read_as_cp1251)


def _decode_cp1251_sequences_of_latin_text(text: str, read_as_cp1251: bool) -> tuple[str, int]:
    """`decode_cp1251_sequences_of_a_latin_page` on one text (a page, or a line of a
    page read as cp1251)."""
    if not _CYRILLIC_RE.search(text):
        return text, 0
    spans = [match.span() for match in _CP1251.sequence_re.finditer(text)]
    if not spans:
        return text, 0
    outside = []
    last = 0
    for start, end in spans:
        outside.append(text[last:start])
        last = end
    outside.append(text[last:])
    rest = "".join(outside)
    if _CYRILLIC_RE.search(rest) or len(_ASCII_LETTER_RE.findall(rest)) < 2:
        return text, 0
    decoded = []
    for start, end in spans:
        if not read_as_cp1251 and all(_CYRILLIC_RE.match(char) for char in text[start:end]):
            return text, 0  # "ВЈ", "ВІ": Cyrillic letters only, a word as much as a pair
        try:
            chars = _CP1251.to_bytes(text[start:end]).decode("utf-8")
        except UnicodeDecodeError:
            return text, 0
        if not all(_a_sign_or_a_latin_letter(char) for char in chars):
            return text, 0  # one pair that is no sign nor Latin letter: not such a page
        if unicodedata.category(chars[0]) == "Mn" and not text[start - 1 : start].isalpha():
            return text, 0  # a combining mark standing alone ("7 М± 2 mm": a sign)
        decoded.append(chars)
    return "".join(part for pair in zip(outside, decoded + [""]) for part in pair), len(spans)


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_ASCII_LETTER_RE = re.compile("[A-Za-z]")


def _a_sign_or_a_latin_letter(char: str) -> bool:
    """A punctuation mark, a symbol (emoji among them), a space, a modifier letter or
    combining mark (``ʻ``, U+0331), or a Latin letter: not a control, not a letter of
    another script."""
    category = unicodedata.category(char)
    if category[0] in "PSZ" or category in ("Lm", "Mn"):
        return True
    return char.isalpha() and _script(char) == "LATIN"

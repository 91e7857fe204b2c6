"""UTF-8 read through one of the other single-byte codecs ftfy re-decodes from:
Central European (cp1250, ISO-8859-2), Greek (cp1253), Turkish (cp1254), Baltic
(cp1257) and the DOS code page (cp437), one whole line at a time.

A computer set to one of these code pages shows UTF-8 as its own letters: French
"ménage" becomes "mΓ©nage" on a Greek one, "Kiñe" becomes "KiĆ±e" on a Baltic one,
"VÖLLIG" becomes "VĂ\\x96LLIG" under ISO-8859-2. ftfy's badness model flags few of these
(a Greek capital before "©" looks like text to it), so it leaves most of them.

The evidence is the strict UTF-8 decoding of the whole line: every non-ASCII character
of the line is a character of the codec, the bytes decode as UTF-8 without an error,
and the result holds no control character and no word of mixed scripts. Clean text
nearly never decodes that way: a clean Greek, Polish or Lithuanian word puts letters
that are lead bytes next to letters that are not continuation bytes. With one sequence
only, it must sit inside a word and decode to a letter of that word's script
(``KiĆ±e`` -> ``Kiñe``); a lone pair between spaces stays.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

import ftfy
from ftfy.badness import badness

from corpus_clean.mojibake.alphabets import ALPHABETS
from corpus_clean.mojibake.cldr_alphabets import CLDR_ALPHABETS
from corpus_clean.mojibake.charmaps import _CP1251, _CP1252 as _CP1252_CODEC, _Codec, _LEAD_BYTES, _cls
from corpus_clean.mojibake.controls import _C1_RE, _CONTROL_RE
from corpus_clean.mojibake.evidence import _SIGNS_WRITTEN_ALONE, _decoded_or_empty
from corpus_clean.mojibake.ftfy_config import DATATROVE_FTFY_CONFIG
from corpus_clean.mojibake.letter_counts import LETTER_COUNTS
from corpus_clean.mojibake.scripts import AFRICAN_REFERENCE_LETTERS, LETTER_APOSTROPHES, ORTHOGRAPHIC_MARKS, _has_mixed_scripts, _has_script, _script

# In ftfy's order (ftfy.chardata.CHARMAP_ENCODINGS). A line that reads several ways takes
# the code page that is another line's only reading (`document_codecs`: one computer
# garbled the page); else ftfy's answer if it is the strict decoding through one of them
# (never worse than ftfy where ftfy decides); else, among the plausible decodings, those of
# the code page most of the page's lines read through, the one whose new letters are the
# most common in text (`_commonness`), then the least bad by ftfy's measure, then the first
# in this order.
# (cp1252/Latin-1, cp1251 and Mac Roman have their own repairs: `spans`.)
OTHER_CODECS = tuple(
    _Codec(name, (codec,))
    for name, codec in (
        ("cp1250", "windows-1250"),
        ("cp1253", "windows-1253"),
        ("cp1254", "windows-1254"),
        ("cp1257", "windows-1257"),
        ("iso-8859-2", "iso8859_2"),
        ("cp437", "cp437"),
    )
)
_CHARS = {codec.name: frozenset(codec.char_to_byte) for codec in OTHER_CODECS}
# cp1254 is cp1252 but for six letters that cp1252 lacks: a line cp1252 decodes reads the
# same through it.
_NOT_CP1252_ALIKE = tuple(codec for codec in OTHER_CODECS if codec.name != "cp1254")
# Characters cp1252 or Latin-1 can show: a line written only in them is left to the cp1252
# repairs (cp1254 differs from cp1252 in six letters only, and those repairs decode it too).
_CP1252_CHARS = frozenset(bytes(range(0x80, 0x100)).decode("windows-1252", errors="ignore")) | frozenset(
    chr(code) for code in range(0x80, 0x100))
# A C1 control right after a lead byte of one of these codecs that neither cp1252 nor
# cp1251 has: there the byte was undefined or a control of that codec ("VĂ\x96LLIG" is
# "VÖLLIG" read as ISO-8859-2, "Δ\x8cez" is "Čez" read as cp1253). Read as cp1252
# ("VĂ–LLIG") the sequence would be hidden from ftfy: `fix_text.fix_line` gives ftfy its say.
_THEIR_OWN_LEADS = {char for codec in OTHER_CODECS for char in codec.leads2 + codec.leads3 + codec.leads4
                    if char > "\xff" and char not in _CP1251.char_to_byte}
C1_AFTER_ANOTHER_CODECS_LEAD_RE = re.compile(f"[{_cls(_THEIR_OWN_LEADS)}][\x80-\x9f]")
# cp1252's signs at 0x80-0x9F, which the other code pages put at other bytes.
_CP1252_SIGN_RE = re.compile("[" + bytes(range(0x80, 0xA0)).decode("windows-1252", errors="ignore") + "]")
_BEYOND_CP1252_RE = re.compile(f"[^\\x00-\\xff{_cls(_CP1252_CHARS)}]")
_WORD_RE = re.compile(r"\S+")
_ASCII = frozenset(map(chr, range(0x80)))
_APOSTROPHES = frozenset("'’") | LETTER_APOSTROPHES
_BOX_DRAWING_RE = re.compile("[\u2500-\u259f]+")
# "¡" and "¿" open a sentence: never before a space, never glued to the letter before them.
_INVERTED_MARK_MISPLACED_RE = re.compile("[¡¿] |[^\\W\\d_][¡¿]")


def decode_line_read_as_another_codec(line: str, document: str = "") -> tuple[str, str] | None:
    """(the line decoded, the codec's name) if the line is UTF-8 read whole through one of
    `OTHER_CODECS`; None otherwise. Where the line reads several ways, the rest of the
    ``document`` may decide (see ``OTHER_CODECS`` for the order); where nothing but a weak
    tie-break decides, the page's tied lines take one code page (`tied_lines_code_page`).

    >>> decode_line_read_as_another_codec("par mΓ©nage, le 31 dΓ©cembre")
    ('par ménage, le 31 décembre', 'cp1253')
    >>> decode_line_read_as_another_codec("KiĆ±e rupa, 3 diciembre")
    ('Kiñe rupa, 3 diciembre', 'cp1257')
    >>> decode_line_read_as_another_codec("DIE STRASSE WAR VĂ\\x96LLIG Ă\\x9cBERFLUTET")[0]
    'DIE STRASSE WAR VÖLLIG ÜBERFLUTET'
    >>> decode_line_read_as_another_codec("Το σπίτι του Ανδρέα"), decode_line_read_as_another_codec("Łódź i Gdańsk")
    (None, None)
    >>> decode_line_read_as_another_codec("ΔΤ Γ© ΔΤ") is None   # a lone pair between spaces
    True
    """
    decided = _decode_line(line, document)
    if decided is None:
        return None
    if decided.tied_between and document:
        page = tied_lines_code_page(document)
        for decoded, name in decided.tied_between:
            if name == page:
                return decoded, name
    return decided.decoded, decided.codec


class _LineReading(NamedTuple):
    """A line's reading, and where a weak tie-break chose it (ftfy's codec order or how
    common its letters are), the readings it chose between (else empty)."""
    decoded: str
    codec: str
    tied_between: tuple = ()


def _decode_line(line: str, document: str = "") -> _LineReading | None:
    """`decode_line_read_as_another_codec` of the line alone: its own evidence and the
    page's votes, each tied line deciding for itself."""
    tied: tuple = ()
    if not _BEYOND_CP1252_RE.search(line):
        reading = _the_one_reading_where_cp1252_reads_none(line)
        return _LineReading(*reading) if reading else None
    decodings = _strict_decodings(line)
    if not decodings:
        return None
    candidates = [(decoded, codec.name) for decoded, codec in decodings
                  if _is_plausible_decode(line, decoded, codec)]
    if document and len({decoded for decoded, _ in decodings}) > 1:
        # The one code page another line of the page reads through only, where it reads
        # this line too, rare letters allowed, and the plausible readings are others':
        # Bolo "Ɛstoniya" alone on its line (cp1257 ``Ę\x90stoniya``; ISO-8859-2 and
        # cp1250 read "ʐstoniya") on a page whose other lines only cp1257 reads.
        only = document_codecs(document).only_reading
        if only and all(name != only for _, name in candidates):
            for decoded, codec in decodings:
                if codec.name == only and _is_plausible_decode(line, decoded, codec, rare_letters=True):
                    return _LineReading(decoded, codec.name)
        # The one reading by a code page that reads every garbled line of the page, the
        # lines cp1252 reads too among them: Tahitian "hōpe'a" through cp1250 is
        # ``hĹŤpe'a`` (ISO-8859-2 "hūpe'a"), but the page's dash ``â€“`` is cp1250's
        # "–" and no reading of ISO-8859-2, which lacks "€" and "“".
        every = document_codecs(document).reads_every_line
        by_every = {decoded for decoded, codec in decodings
                    if codec.name in every and _is_plausible_decode(line, decoded, codec, rare_letters=True)}
        if len(by_every) == 1:
            decoded = by_every.pop()
            return _LineReading(decoded, next(codec.name for text, codec in decodings if text == decoded and codec.name in every))
    if len({decoded for decoded, _ in decodings}) > 1 or not candidates:
        # Several readings, or only rare letters (one pair decoding to "ƙ" or "ư"): ftfy's
        # answer where it is one of the plausible readings; else, as one computer garbled
        # the whole document, the code page its other lines are read through; else ftfy's
        # answer with rare letters allowed.
        votes = document_codecs(document) if document and candidates else _NO_VOTES
        only_reading = [c for c in candidates if c[1] == votes.only_reading]
        if only_reading and len({decoded for decoded, _ in candidates}) > 1:
            return _LineReading(*only_reading[0])
        # CLD2 knows the page's language and the studied pages' alphabets do not (Hausa
        # "ƙ" through cp1250, "Ù" through cp1257, which Italian writes): the alphabet
        # vote would speak of other languages, the page's words decide.
        if votes.reads_best and votes.reads_best_language not in ALPHABETS:
            reads_best = [c for c in candidates if c[1] == votes.reads_best]
            if reads_best and len({decoded for decoded, _ in candidates}) > 1:
                return _LineReading(*reads_best[0])
        # ftfy takes the first code page in its list that decodes, so where several do its
        # answer is that order, not evidence; a language's alphabet is.
        in_an_alphabet = [c for c in candidates if c[1] in votes.in_an_alphabet]
        if in_an_alphabet and len({decoded for decoded, _ in in_an_alphabet}) == 1 < len(
                {decoded for decoded, _ in candidates}):
            return _LineReading(*in_an_alphabet[0])
        # Where both readings write letters of one language (German "Fußball" through
        # cp1250, "Fuüball" through ISO-8859-2), the page that reads more like its language
        # does (`reads_most_like_its_language`).
        reads_best = [c for c in candidates if c[1] == votes.reads_best]
        if reads_best and len({decoded for decoded, _ in candidates}) > 1:
            return _LineReading(*reads_best[0])
        # Where neither an alphabet nor CLD2 knows the language, the page's letters do: one
        # orthography writes few diacritics, so the reading that writes the page with the
        # fewest (`fewest_letter_marks`: Tumbuka "Ŵalimi ŵa" through ISO-8859-2, not
        # "Ŵalimi ža" through cp1250) is its text; ftfy's codec order is no evidence.
        fewest = [c for c in candidates if c[1] == votes.fewest_marks]
        if fewest and len({decoded for decoded, _ in candidates}) > 1:
            return _LineReading(*fewest[0])
        # A reading that puts in a combining mark no letter carries (phonetic "x̹", where
        # ISO-8859-2 reads Tlingit "x̱" and cp1250 "x̹") loses to one whose marks are
        # orthographies' (`ORTHOGRAPHIC_MARKS`).
        orthographic = [c for c in candidates if _puts_in_orthographic_marks_only(line, c[0])]
        if orthographic and len(orthographic) < len(candidates):
            candidates = orthographic
            if len({decoded for decoded, _ in candidates}) == 1:
                return _LineReading(*candidates[0])
        ftfys = ftfy.fix_text(line, DATATROVE_FTFY_CONFIG)
        written = [c for c in candidates if _writes_only_known_letters(line, c[0])]
        # From here only weak tie-breaks decide (ftfy's codec order, how common the letters
        # are): `tied_lines_code_page` decides the page's tied lines as one.
        if len({decoded for decoded, _ in written or candidates}) > 1:
            tied = tuple(written or candidates)
        if any(decoded == ftfys for decoded, _ in candidates) and (
                not written or any(decoded == ftfys for decoded, _ in written)):
            return _LineReading(*next(c for c in candidates if c[0] == ftfys), tied)
        candidates = written or candidates
        preferred = votes.most_lines
        if any(name in preferred for _, name in candidates):
            candidates = [c for c in candidates if c[1] in preferred]
        else:
            for decoded, codec in decodings:
                if decoded == ftfys and _is_plausible_decode(line, decoded, codec, rare_letters=True):
                    return _LineReading(decoded, codec.name)
    if not candidates:
        return None
    return _LineReading(*min(candidates, key=lambda c: (-_commonness(line, c[0]), badness(c[0]), candidates.index(c))), tied)


@functools.lru_cache(maxsize=8)
def tied_lines_code_page(document: str) -> str | None:
    """The one code page for the page's tied lines (those only a weak tie-break decides:
    ftfy's codec order, how common a reading's letters are), where their tie-breaks name
    different code pages: one computer garbled the page, so reading one line through
    cp1250 and the next through ISO-8859-2 is wrong on one of them whatever the truth.
    The page takes the code page that reads every tied line and that most of the lines'
    own tie-breaks named, then whose new letters are the most common over all of them
    (`_commonness`). None where the tie-breaks agree (nothing to make one), where fewer
    than two lines tie, where no code page reads them all, or where the best is shared.

    A Lule Sami page under ISO-8859-2: ``ĂĽ`` is "å" there and "ü" through cp1250, ``ĂĄ``
    "á" there and "å" through cp1250; a line full of ``ĂĽ`` takes cp1250 ("ü" is the
    commoner letter), two lines full of ``ĂĄ`` take ISO-8859-2.

    >>> page = "JĂĽhkĂĽmĂĽhkke mĂĄrnĂĄn gĂĽlggĂĽj\\nGatjĂĄlvis ja vĂĄsstĂĄdus:\\nGĂĽktu mĂĄrnĂĄn manĂĄj?"
    >>> [_decode_line(line, page)[1] for line in page.split("\\n")]
    ['cp1250', 'iso-8859-2', 'iso-8859-2']
    >>> tied_lines_code_page(page)
    'iso-8859-2'
    >>> decode_line_read_as_another_codec("JĂĽhkĂĽmĂĽhkke mĂĄrnĂĄn gĂĽlggĂĽj", page)[0]
    'Jåhkåmåhkke márnán gålggåj'
    """
    tied = [(line, reading) for line in dict.fromkeys(document.split("\n"))
            if _BEYOND_CP1252_RE.search(line)
            for reading in [_decode_line(line, document)] if reading is not None and reading.tied_between]
    if len(tied) < 2:
        return None
    # The code pages whose reading of each tied line is the one its tie-break chose.
    agreeing = [{name for decoded, name in reading.tied_between if decoded == reading.decoded}
                for _, reading in tied]
    if set.intersection(*agreeing):
        return None
    reading_all = set.intersection(*({name for _, name in reading.tied_between} for _, reading in tied))
    if not reading_all:
        return None
    named = Counter(name for names in agreeing for name in names & reading_all)
    commonness = Counter()
    for line, reading in tied:
        for decoded, name in reading.tied_between:
            if name in reading_all:
                commonness[name] += _commonness(line, decoded)
    ranked = sorted(reading_all, key=lambda name: (-named[name], -commonness[name]))
    if len(ranked) > 1 and (named[ranked[0]], commonness[ranked[0]]) == (named[ranked[1]], commonness[ranked[1]]):
        return None
    return ranked[0]


class DocumentVotes(NamedTuple):
    """Which code pages read a document's lines written beyond cp1252."""
    most_lines: frozenset  # the code pages with a plausible reading of the most lines
    only_reading: str | None  # the one code page that is some line's only reading, if one is
    # the code pages of ``most_lines`` whose readings of the page write letters that one
    # language writes all of (`alphabets`)
    in_an_alphabet: frozenset = frozenset()
    # the code page of ``most_lines`` whose reading of the page reads most like the
    # language all of their readings are in (`reads_most_like_its_language`), if one does
    reads_best: str | None = None
    reads_best_language: str | None = None  # the language CLD2 found in every reading
    # the code page of ``most_lines`` whose reading of the page writes the fewest letter
    # marks (`fewest_letter_marks`), if one does
    fewest_marks: str | None = None
    # the code pages that read every line holding a UTF-8 sequence, the lines of cp1252's
    # characters among them (`_reads_every_garbled_line`)
    reads_every_line: frozenset = frozenset()


_NO_VOTES = DocumentVotes(frozenset(), None)


@functools.lru_cache(maxsize=8)
def document_codecs(document: str) -> DocumentVotes:
    """How the document's lines written beyond cp1252 read (plausibly, rare letters
    allowed: Hausa "ƙ"). One computer garbled the whole document, so a line that reads
    through one code page only tells the others: a Hawaiian page under ISO-8859-2 shows
    "NĹŤhou" (ISO-8859-2 "Nūhou", cp1250 "Nōhou") but also "Ä\x80" (0x80 is "€" in cp1250,
    so only ISO-8859-2 reads "Ā" there). A Luxembourgish page read through cp1257 shows
    "frĆ©ieren" (only cp1257 reads it: cp1250 would make "frƩieren") and "MĆ©indeg".

    >>> votes = document_codecs("Et war kal an der Nuecht frĆ©ieren.\\nMĆ©indeg")
    >>> sorted(votes.most_lines), votes.only_reading
    (['cp1257'], 'cp1257')
    """
    votes: Counter = Counter()
    only_readings = set()
    letters: dict[str, set] = {}
    lines = document.split("\n")
    line_readings = []
    readers: list[set] = []
    for line in lines:
        readings = {}
        if not _BEYOND_CP1252_RE.search(line):
            if _is_garbled_through_cp1252_characters(line):
                readers.append({codec.name for decoded, codec in _strict_decodings(line)
                                if _is_plausible_decode(line, decoded, codec, rare_letters=True)})
        else:
            readings = {codec.name: decoded for decoded, codec in _strict_decodings(line)
                        if _is_plausible_decode(line, decoded, codec, rare_letters=True)}
            votes.update(readings.keys())
            if len(readings) == 1:
                only_readings |= set(readings)
            for name, decoded in readings.items():
                letters.setdefault(name, set()).update(_alphabet_letters(decoded))
            readers.append(set(readings))
        line_readings.append(readings)
    readers = [names for names in readers if names]  # (a line no code page reads plausibly tells nothing)
    most = max(votes.values(), default=0)
    most_lines = frozenset(name for name, count in votes.items() if count == most)
    pages = {name: "\n".join(readings.get(name, line) for line, readings in zip(lines, line_readings))
             for name in sorted(most_lines)}
    return DocumentVotes(most_lines, next(iter(only_readings)) if len(only_readings) == 1 else None,
                         # (a reading with a sign where another has a letter, "h÷" for
                         # "há", writes no letter there for an alphabet to refuse)
                         _readings_in_an_alphabet(_readings_of_letters(pages), letters),
                         *_reading_most_like_its_language(pages), fewest_letter_marks(pages),
                         frozenset(set.intersection(*readers)) if len(readers) > 1 else frozenset())


def _is_garbled_through_cp1252_characters(line: str) -> bool:
    """Does the line, written in characters cp1252 has, hold a UTF-8 sequence and decode
    strictly through cp1252 (so it is mojibake, and which other code pages read it too
    says which the page's code page may be)?

    >>> _is_garbled_through_cp1252_characters("Teva Nui â€“ 1h"), _is_garbled_through_cp1252_characters("café")
    (True, False)
    """
    return bool(_CP1252_CODEC.sequence_re.search(line)) and bool(_decoded_or_empty(line, _CP1252_CODEC))


def fewest_letter_marks(readings: dict[str, str]) -> str | None:
    """The one reading (by its name) that writes its letters most like an orthography,
    where the readings differ: first the fewest letters whose case goes against their
    place (`_case_misplaced`: ISO-8859-2's "é ne ékus" is cp1250's "Ê ne Êkus"), then
    the fewest kinds of diacritic (`_letter_marks`): an orthography writes a few marks
    on many letters (Tumbuka "ŵ" and "Ŵ", Guarani "ã" and "ĩ"), while a code page's
    misreading of a letter swaps its mark for another (ISO-8859-2's "ŵ" is cp1250's
    "ž", "ĩ" is "Ċ", "ü" is "ß"). A reading with a sign where another has a letter
    takes no part (`_readings_of_letters`: "h÷" beside "há"). None where the best is
    shared or writes a letter no language of the studied pages or of CLDR writes.

    >>> fewest_letter_marks({"iso-8859-2": "Ŵalimi ŵa ku Rumphi", "cp1250": "Ŵalimi ža ku Rumphi"})
    'iso-8859-2'
    >>> fewest_letter_marks({"iso-8859-2": "mbôlô é ne ékus", "cp1250": "mbôlô Ê ne Êkus"})
    'iso-8859-2'
    >>> fewest_letter_marks({"a": "Fußball über", "b": "Fuüball åber"}) is None
    True
    """
    if len(set(readings.values())) < 2:
        return None
    readings = _readings_of_letters(readings)
    if len(set(readings.values())) == 1:
        return next(iter(readings))  # the one reading of letters
    if not readings:
        return None
    keys = {name: (_case_misplaced(text), len(_letter_marks(text))) for name, text in readings.items()}
    ranked = sorted(keys, key=keys.get)
    if keys[ranked[0]] == keys[ranked[1]]:
        return None
    # The winner writes letters some language writes: a line gluing Croatian to Portuguese
    # has fewer kinds of diacritic read as ISO-8859-2's "ŷkole" than as cp1250's "škole".
    unknown = {char for char in _alphabet_letters(readings[ranked[0]]) if char.isalpha()} - _LETTERS_WRITTEN
    return None if unknown else ranked[0]


# A letter at the start of a line or of a sentence: a capital belongs there.
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"«»„“”(\[–—-]\s*|\n)\s*$")


def _case_misplaced(text: str) -> int:
    """How many non-ASCII letters stand in the case their place goes against: a small
    letter beginning a line, a capital beginning a word of small letters in the middle of
    a sentence after a word of small letters (or standing alone there), a capital inside
    a word before a small letter ("DÊcembre").

    >>> _case_misplaced("mbôlô Ê ne Êkus"), _case_misplaced("mbôlô é ne ékus"), _case_misplaced("öber uns")
    (2, 0, 1)
    >>> _case_misplaced("Lâyende, 4 DÊcembre"), _case_misplaced("Lâyende, 4 Décembre")
    (1, 0)
    """
    count = sum(1 for match in _CAPITAL_INSIDE_A_WORD_RE.finditer(text)
                if match.group().isupper() and text[match.end()].islower())
    for match in _WORD_START_RE.finditer(text):
        char, start = match.group(1), match.start(1)
        before = text[max(0, start - 40):start]
        if not before.strip() or before.rstrip(" \t").endswith("\n"):
            count += char.islower()
        elif char.isupper() and not _SENTENCE_START_RE.search(before):
            previous = before.split()[-1] if before.split() else ""
            word = match.group(0)
            if previous[-1:].islower() and (len(word) == 1 or word[1:].islower()):
                count += 1
    return count


_WORD_START_RE = re.compile(r"(?<!\w)([^\W\d_\x00-\x7f])\w*")
_CAPITAL_INSIDE_A_WORD_RE = re.compile(r"(?<=[^\W\d_])[^\W\d_\x00-\x7f](?=[^\W\d_])")


def _letter_marks(text: str) -> set:
    """The diacritics the text's non-ASCII letters carry (their combining marks once
    decomposed), and its non-ASCII letters that decompose into no ASCII letter.

    >>> sorted(_letter_marks("Ŵalimi ŵa ß"))
    ['ß', '̂']
    """
    marks = set()
    for char in set(text):
        if char > "\x7f" and (char.isalpha() or unicodedata.category(char)[0] == "M"):
            decomposed = unicodedata.normalize("NFD", char.lower())
            if decomposed[0] > "\x7f" and unicodedata.category(decomposed[0])[0] != "M":
                marks.add(decomposed[0])
            marks.update(c for c in decomposed[1:] if unicodedata.category(c)[0] == "M")
            if unicodedata.category(decomposed[0])[0] == "M":
                marks.add(decomposed[0])
    return marks


# CLD2 refuses control characters and lone surrogates.
_CLD2_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def reads_most_like_its_language(readings: dict[str, str]) -> str | None:
    """The one reading (by its name) that reads most like its language, where the
    readings differ: CLD2 (a core dependency: `extract.language_score`) finds the same
    language in every reading, and scores one of them highest. CLD2 scores a text by its
    letter quadgrams, so it knows "Fußball" from "Fuüball" and "Über uns" from "öber uns"
    in German: where both readings write letters of one language's alphabet, the words
    themselves decide. None where fewer than two readings differ, the languages differ,
    CLD2 finds none or calls a reading unreliable, or the best score is shared.

    >>> reads_most_like_its_language({"cp1250": "Sport\\nFußball\\nHandball\\nErgebnisse der Kreisliga",
    ...                               "iso-8859-2": "Sport\\nFuüball\\nHandball\\nErgebnisse der Kreisliga"})
    'cp1250'
    """
    return _reading_most_like_its_language(readings)[0]


def _reading_most_like_its_language(readings: dict[str, str]) -> tuple[str | None, str | None]:
    """(`reads_most_like_its_language`, the language CLD2 found), or (None, None)."""
    # CLD2 weighs letters: a reading that has a sign where another has a letter
    # ("continuar÷" beside "continuará") is no word it could score, so it takes no part.
    readings = _readings_of_letters(readings)
    if len(set(readings.values())) < 2:
        return None, None
    import pycld2

    scores = {}
    for name, text in readings.items():
        try:
            reliable, _, details = pycld2.detect(_CLD2_REFUSES.sub(" ", text), isPlainText=True, bestEffort=True)
        except (pycld2.error, UnicodeEncodeError):
            return None, None
        if not reliable or _split_between_two_languages(details):
            return None, None  # CLD2 unsure of the language (one it does not know, or too little text)
        # CLD2's score is per byte of the text it gave to the language: a reading read
        # partly as another language (69 % German, 30 % Luxembourgish) loses its share.
        scores[name] = (details[0][1], details[0][2] * details[0][3])
    languages = {language for language, _ in scores.values()}
    if len(languages) != 1 or languages == {"un"}:
        return None, None
    ranked = sorted(scores, key=lambda name: -scores[name][1])
    if scores[ranked[0]][1] <= scores[ranked[1]][1]:
        return _the_one_reading_in_its_alphabet(readings, scores[ranked[0]][0])
    # Where the studied pages know the language's alphabet, the letters only the winner
    # writes are of it (CLD2 may find a language the page is not in: then its quadgrams
    # decide nothing).
    alphabet = ALPHABETS.get(scores[ranked[0]][0])
    own = _alphabet_letters(readings[ranked[0]]) - set.intersection(*(_alphabet_letters(text) for text in readings.values()))
    if alphabet is not None and not own <= set(alphabet):
        return None, None
    if alphabet is None and _another_reading_fits_cldr_better(readings, ranked[0], scores[ranked[0]][0]):
        return None, None
    return ranked[0], scores[ranked[0]][0]


def _split_between_two_languages(details) -> bool:
    """Does CLD2 give the text's second language at least half as much of it as its first?
    Then the page is in a language CLD2 does not know, and it spreads the text over the
    nearest two it knows: a Lozi page comes out 51 % Corsican, 48 % Ganda, and Corsican's
    "ù" ("baùata", cp1250's reading) outscores Lozi's "ñ" ("bañata", ISO-8859-2's).

    >>> _split_between_two_languages((("CORSICAN", "co", 51, 186.0), ("GANDA", "lg", 48, 196.0)))
    True
    >>> _split_between_two_languages((("GERMAN", "de", 69, 689.0), ("LUXEMBOURGISH", "lb", 30, 500.0)))
    False
    """
    return len(details) > 1 and details[1][1] != "un" and 2 * details[1][2] >= details[0][2]


def _another_reading_fits_cldr_better(readings: dict[str, str], best: str, language: str) -> bool:
    """Where no studied page wrote the language CLD2 names, does CLDR's alphabet of it
    (`cldr_alphabets`) refuse a letter only CLD2's best reading writes, while another
    reading writes no letter the page does not write anyway? CLD2 names languages whose
    quadgrams it hardly knows: an Akan page read through cp1250 ("Ɔpɛpɔn", the capital
    of the page's "ɔ") or cp1257 ("Æpɛpɔn") may score higher as "Æ", a letter Akan
    never writes. (CLDR's alphabets are small, the letters of a locale's names: a letter
    missing from one is no refusal unless another reading writes only the page's own.)

    >>> _another_reading_fits_cldr_better({"cp1250": "Ɔpɛpɔn", "cp1257": "Æpɛpɔn"}, "cp1257", "ak")
    True
    >>> _another_reading_fits_cldr_better({"cp1250": "Ɔpɛpɔn", "cp1257": "Æpɛpɔn"}, "cp1250", "ak")
    False
    """
    cldr = CLDR_ALPHABETS.get(language)
    if cldr is None:
        return False
    letters = {name: _alphabet_letters(text) for name, text in readings.items()}
    shared = set.intersection(*letters.values())
    if letters[best] - shared <= set(cldr):
        return False
    # The other reading writes no letter the page does not write anyway ("Ɔ" is the
    # capital of the page's "ɔ"): its letters are the page's own, whatever CLDR lists.
    return any(not letters[name] - shared for name in letters if name != best)


def _readings_of_letters(readings: dict[str, str]) -> dict[str, str]:
    """The readings whose characters that not every reading has are letters or marks: a
    reading with a sign where another has a letter ("h÷" beside "há") is no text.

    >>> sorted(_readings_of_letters({"a": "continuará", "b": "continuar÷"}))
    ['a']

    Nor is a reading whose letter is the one letter of its script on the page: "✈️ Flights"
    read as cp1250 (``âś\x88ď¸Ź``) reads "ⶈ︬" through ISO-8859-2, an Ethiopic syllable
    alone among Latin words.

    >>> sorted(_readings_of_letters({"cp1250": "✈️ Flights", "iso-8859-2": "ⶈ︬ Flights"}))
    []
    """
    everywhere = set.intersection(*map(set, readings.values())) if readings else set()
    return {name: text for name, text in readings.items()
            if all(char.isalpha() or unicodedata.category(char)[0] == "M" for char in set(text) - everywhere)
            and not _a_lone_letter_of_its_script(text, set(text) - everywhere)}


def _a_lone_letter_of_its_script(text: str, new: set) -> bool:
    """Is one of the ``new`` letters a syllable or a letter of a script without case
    (Ethiopic, Hangul, CJK, Arabic...), the only letter of its script in the text? (Not
    Latin's, nor the modifier letters: Gwich'in "gwichʼin" writes one apostrophe "ʼ".)"""
    scripts = {_script(char) for char in new if unicodedata.category(char) == "Lo" and _script(char) != "LATIN"}
    if not scripts:
        return False
    counts = Counter(_script(char) for char in text if char.isalpha() and _script(char) in scripts)
    return any(count == 1 for count in counts.values())


def _the_one_reading_in_its_alphabet(readings: dict[str, str], language: str) -> tuple[str | None, str | None]:
    """Where CLD2 reliably finds one language in every reading but scores them alike (a
    short word it gives no weight: Swedish "på" / "pü" in "Librettot bygger på brev som
    rallarna skrev"), the one reading whose letters are all of that language's alphabet
    (`alphabets`: Swedish writes "äåö"), if exactly one is; else (None, None). Only
    where the words that differ are short (three letters at most): CLD2 gives a longer
    word weight when it knows it, and a tie there means the language is one it does not
    know (Low German "drüdden" read as Danish would become "drådden").

    >>> _the_one_reading_in_its_alphabet({"iso-8859-2": "bygger på brev", "cp1250": "bygger pü brev"}, "sv")
    ('iso-8859-2', 'sv')
    >>> _the_one_reading_in_its_alphabet({"a": "Fußball", "b": "Fuüball"}, "de")
    (None, None)
    """
    alphabet = ALPHABETS.get(language)
    if alphabet is None or not _differ_in_short_words_only(readings):
        return None, None
    fitting = [name for name, text in readings.items() if _alphabet_letters(text) <= set(alphabet)]
    return (fitting[0], language) if len(fitting) == 1 else (None, None)


def _differ_in_short_words_only(readings: dict[str, str]) -> bool:
    """Are the words in which the readings differ three letters long at most?

    >>> _differ_in_short_words_only({"a": "bygger på brev", "b": "bygger pü brev"})
    True
    >>> _differ_in_short_words_only({"a": "den drüdden Platz", "b": "den drådden Platz"})
    False
    """
    split = [text.split() for text in readings.values()]
    if len({len(words) for words in split}) != 1:
        return False
    return all(len(words[0]) <= 3 for words in zip(*split) if len(set(words)) > 1)


def _alphabet_letters(text: str) -> set:
    """The text's non-ASCII letters of the alphabets `alphabets` lists, lowercase, and
    its combining marks (no alphabet lists one: a reading that makes them fits none).

    >>> sorted(_alphabet_letters("Straße über x\u032c"))
    ['ß', 'ü', '̬']
    """
    return {char.lower() for char in text if "\x7f" < char <= _LAST_ALPHABET_LETTER
            and (char.isalpha() or unicodedata.category(char)[0] == "M")}


_LAST_ALPHABET_LETTER = "\u1fff"
_ALPHABET_SETS = tuple(frozenset(letters) for letters in ALPHABETS.values())


def _readings_in_an_alphabet(names, letters: dict[str, set]) -> frozenset:
    """The readings (by name) whose letters one studied language writes all of
    (`_one_language_writes`); where none does, those whose letters one language of CLDR's
    locale data writes all of (`cldr_alphabets`: a language no studied page wrote, Maltese
    "ġ" through ISO-8859-2, which cp1250 reads as "ĥ").

    >>> sorted(_readings_in_an_alphabet(["iso-8859-2", "cp1250"], {"iso-8859-2": {"ħ", "ġ"}, "cp1250": {"ħ", "ĥ"}}))
    ['iso-8859-2']
    """
    studied = frozenset(name for name in names if _one_language_writes(letters[name]))
    if studied:
        return studied
    return frozenset(name for name in names
                     if letters[name] and any(letters[name] <= alphabet for alphabet in _CLDR_ALPHABET_SETS))


_CLDR_ALPHABET_SETS = tuple(frozenset(letters) for letters in CLDR_ALPHABETS.values())
# Every letter a language of the studied pages or of CLDR writes (lowercase).
_LETTERS_WRITTEN = frozenset().union(*map(frozenset, ALPHABETS.values()), *_CLDR_ALPHABET_SETS,
                                     (char.lower() for char in LETTER_COUNTS))


def _one_language_writes(letters: set) -> bool:
    """Does one language of `alphabets` write all these letters? German writes "ü" and
    "ß", no language "å" and "ß".

    >>> _one_language_writes({"ü", "ß", "ä"}), _one_language_writes({"å", "ß"})
    (True, False)
    """
    return bool(letters) and any(letters <= alphabet for alphabet in _ALPHABET_SETS)


def _one_language_or_cldr_writes(letters: set) -> bool:
    """Does one language of the studied pages (`alphabets`) or of CLDR's locale data
    (`cldr_alphabets`) write all these letters (lowercase)?

    >>> _one_language_or_cldr_writes({"ư", "ơ"}), _one_language_or_cldr_writes({"ʒ"})
    (True, False)
    """
    return _one_language_writes(letters) or (bool(letters) and any(letters <= alphabet for alphabet in _CLDR_ALPHABET_SETS))


def reads_through_another_codec_only(line: str) -> bool:
    """Is the line, written only in characters cp1252 has (so left to the cp1252 repairs
    by `decode_line_read_as_another_codec`), UTF-8 read through another code page: it
    decodes strictly and plausibly through one, and not through cp1252? Lithuanian "į"
    (C4 AF) read through cp1257 is ``ÄÆ``, which cp1252 cannot decode: its "Æ" before a
    space is no lead byte that lost its 0xA0.

    >>> reads_through_another_codec_only("tiltas sutrumpins keliÄ… ÄÆ senamiestÄÆ"), reads_through_another_codec_only("cittÃ per")
    (True, False)
    """
    if _BEYOND_CP1252_RE.search(line):
        return False  # (`decode_line_read_as_another_codec` reads those)
    raw = _CP1252_CODEC.to_bytes(line)
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    return any(_is_plausible_decode(line, decoded, codec) for decoded, codec in _strict_decodings(line, _NOT_CP1252_ALIKE))


def _the_one_reading_where_cp1252_reads_none(line: str) -> tuple[str, str] | None:
    """(the line decoded, the codec's name) for a line written in cp1252's characters
    that cp1252 cannot decode (`reads_through_another_codec_only`) and one other code page
    reads plausibly into letters of a script other than Latin; None otherwise. Armenian
    "Սողոմոնյան" through cp1257 is ``Õ¨ÕøÕ²ÕøÕ´ÕøÕ¶ÕµÕ¡Õ¶``: "Õø" (D5 B8, "ո") is
    no cp1252 sequence. (Latin letters are no evidence: Norwegian capitals "BLÅØYD"
    read through cp1257 are "BLŨYD".)

    >>> _the_one_reading_where_cp1252_reads_none("Õ¨ÕøÕ²ÕøÕ´ÕøÕ¶ÕµÕ¡Õ¶")
    ('Սողոմոնյան', 'cp1257')
    >>> _the_one_reading_where_cp1252_reads_none("cafÃ© and Ã©tÃ©"), _the_one_reading_where_cp1252_reads_none("HÅØYA ER BLÅØYD")
    (None, None)

    Latin letters, where a sequence is no clean word's (`_a_sequence_no_clean_word_holds`:
    Lithuanian "į" through cp1257, ``senamiestÄÆ``):

    >>> _the_one_reading_where_cp1252_reads_none("keliÄ… ÄÆ senamiestÄÆ")
    ('kelią į senamiestį', 'cp1257')

    And where cp1252 reads a letter of another script glued to Latin letters, and the
    other code page's sequences hold a sign (Berber "sawṭumi" through ISO-8859-2 is
    ``sawáš\xadumi``, cp1252 "sawᚭumi", an Ogham letter):

    >>> _the_one_reading_where_cp1252_reads_none("sawáš\xadumi d prinsi")
    ('sawṭumi d prinsi', 'iso-8859-2')
    """
    as_cp1252 = _decoded_or_empty(line, _CP1252_CODEC)
    if as_cp1252 and not _cp1252_reads_another_script_glued_to_latin(as_cp1252):
        return None  # (the common line: cp1252 reads it, into Latin letters)
    readings = [(decoded, codec.name) for decoded, codec in _strict_decodings(line, _NOT_CP1252_ALIKE)
                if _is_plausible_decode(line, decoded, codec)
                and (not any(_script(char) == "LATIN" for char in _new_letters(line, decoded))
                     or _a_sequence_no_clean_word_holds(line, codec))]
    return readings[0] if len({decoded for decoded, _ in readings}) == 1 else None


def _a_sequence_no_clean_word_holds(line: str, codec: _Codec) -> bool:
    """Does one of the codec's sequences in the line hold a sign, or stand glued to a
    small letter with capitals of its own (capitals ending a word of small letters, or
    two capitals opening one)? Lithuanian "senamiestį" and "įvykis" through cp1257 are
    ``senamiestÄÆ`` and ``ÄÆvykis``; Norwegian capitals "BLÅØYD" are clean.

    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> cp1257 = next(c for c in C if c.name == "cp1257")
    >>> _a_sequence_no_clean_word_holds("kelią ÄÆ senamiestÄÆ", cp1257), _a_sequence_no_clean_word_holds("ÄÆvykis", cp1257)
    (True, True)
    >>> _a_sequence_no_clean_word_holds("HÅØYA ER BLÅØYD", cp1257), _a_sequence_no_clean_word_holds("Åø", cp1257)
    (False, False)
    """
    for match in codec.sequence_re.finditer(line):
        sequence, before, after = match.group(), line[match.start() - 1 : match.start()], line[match.end() : match.end() + 1]
        if not sequence.isalpha() or before.islower():
            return True
        if sequence.isupper() and len(sequence) >= 2 and not before.isalpha() and after.islower():
            return True
    return False


def _cp1252_reads_another_script_glued_to_latin(as_cp1252: str) -> bool:
    """Does cp1252's reading of a line hold a word of mixed scripts ("sawᚭumi" from
    ``sawáš\xadumi``)? (Cheap test first: an ASCII letter glued to a character of
    another script's blocks; most lines cp1252 reads into another script write none.)

    >>> _cp1252_reads_another_script_glued_to_latin("sawᚭumi d"), _cp1252_reads_another_script_glued_to_latin("café")
    (True, False)
    """
    return bool(_ASCII_LETTER_BESIDE_ANOTHER_SCRIPT_RE.search(as_cp1252)) and any(
        _has_mixed_scripts(_without_letter_apostrophes(word)) for word in _WORD_RE.findall(as_cp1252))


_OTHER_SCRIPTS = "\u0370-\u1dff\u2c00-\u2dff\u3040-\ud7ff\uf900-\ufaff"
_ASCII_LETTER_BESIDE_ANOTHER_SCRIPT_RE = re.compile(f"[A-Za-z][{_OTHER_SCRIPTS}]|[{_OTHER_SCRIPTS}][A-Za-z]")


def decode_cp1252_or_another_codec(line: str, as_cp1252: str) -> str:
    """A line of C1 controls and cp1252 signs decodes whole as cp1252 mixed with
    Latin-1 (``as_cp1252``), and maybe through another code page that has both: ISO-8859-2
    reads Khmer "ើ" (E1 9E BE) as ``á\x9ež``, cp1252 would make it "ឞ" (E1 9E 9E). Where
    they differ, ftfy's answer if it is one of them, else cp1252's. (A line of C1 controls
    and Latin-1 characters only reads the same through ISO-8859-2 as through Latin-1: only
    one that also holds a cp1252 sign, "€", "ž", "™", can read otherwise.)"""
    if not (_C1_RE.search(line) and _CP1252_SIGN_RE.search(line)):
        return _a_reading_of_known_letters(line, as_cp1252)
    others = [decoded for decoded, codec in _strict_decodings(line, _NOT_CP1252_ALIKE)
              if decoded != as_cp1252 and _is_plausible_decode(line, decoded, codec)]
    if not others:
        return as_cp1252
    ftfys = ftfy.fix_text(line, DATATROVE_FTFY_CONFIG)
    return ftfys if ftfys in others else as_cp1252


def _a_reading_of_known_letters(line: str, as_cp1252: str) -> str:
    """``as_cp1252``, unless it writes a letter text hardly writes (`letter_counts`) and
    exactly one other code page reads the line into letters text writes, all of them
    letters of one language (`alphabets`): Silesian "Wiadōmości" read through cp1257 is
    ``WiadÅ¨moÅ›ci``, which cp1252 reads as "WiadŨmości" (C5 A8), cp1257 as "Wiadōmości"
    (C5 8D).

    >>> _a_reading_of_known_letters("WiadÅ¨moÅ›ci", "WiadŨmości")
    'Wiadōmości'
    >>> _a_reading_of_known_letters("cafÃ©", "café")
    'café'

    Where cp1252's letter is a capital inside a word, the other reading's letters may be
    any a language of CLDR writes (Meru "ĩ" through ISO-8859-2: ``NthÄŠ``, cp1252 "NthĊ").

    >>> _a_reading_of_known_letters("NthÄŠ", "NthĊ")
    'Nthĩ'
    >>> _a_reading_of_known_letters("NÄŠkaragva", "NĊkaragva")
    'Nĩkaragva'
    """
    # (Only Latin letters: where the code pages collide, "Å¨" / "Ä“", and the cheap test
    # first, for the many lines of other scripts that `letter_counts` knows little of.
    # A known letter is no answer where it is a capital inside a word of small letters:
    # Kikuyu "Nĩkaragva" through ISO-8859-2 is ``NÄŠkaragva``, cp1252 "NĊkaragva".)
    new_letters = _new_letters(line, as_cp1252)
    if all(char in LETTER_COUNTS or char in AFRICAN_REFERENCE_LETTERS or _script(char) != "LATIN"
           for char in new_letters) and not any(char.isupper() for char in new_letters):
        return as_cp1252
    # A language the alphabets do not know is read by its words' case instead: cp1252's
    # letter a capital inside a word of small letters ("WiadŨmości"), the other's not.
    miscased = _capital_inside_a_lowercase_word(line, as_cp1252) or _second_capital_of_a_small_word(line, as_cp1252)
    if not miscased and all(char in LETTER_COUNTS or char in AFRICAN_REFERENCE_LETTERS or _script(char) != "LATIN"
                            for char in new_letters):
        return as_cp1252
    others = {decoded for decoded, codec in _strict_decodings(line, _NOT_CP1252_ALIKE)
              if decoded != as_cp1252 and _is_plausible_decode(line, decoded, codec)
              and (_writes_only_known_letters(line, decoded)
                   or (miscased and _one_language_or_cldr_writes(_alphabet_letters(decoded))))
              and (miscased or _one_language_writes(_alphabet_letters(decoded)))}
    return others.pop() if len(others) == 1 else as_cp1252


def decode_a_control_pair_as_a_sign(line: str) -> str | None:
    """The line decoded through another code page, where its one pair reads as cp1252
    into a control character (``ÂŠ``: C2 8A) and the other code page into a sign standing
    alone (ISO-8859-2: "©" in ``ÂŠ 2026 Jornal``); None otherwise. Read as cp1252, the
    control would become "Š" alone before a year; "©" is what a line so written holds.

    >>> decode_a_control_pair_as_a_sign("ÂŠ 2026 Jornal da Tarde")
    '© 2026 Jornal da Tarde'
    >>> decode_a_control_pair_as_a_sign("PÂŠ 2026") is None   # glued to a letter
    True
    """
    if not _CONTROL_PAIR_RE.search(line) or _C1_RE.search(line):
        return None
    alone = {decoded for decoded, codec in _strict_decodings(line, _NOT_CP1252_ALIKE)
             if len(codec.sequence_re.findall(line)) == 1 and _is_plausible_decode(line, decoded, codec)}
    return alone.pop() if len(alone) == 1 else None


# "Â" (C2) before a cp1252 sign of 0x80-0x9F: UTF-8 of a C1 control, read as cp1252.
_CONTROL_PAIR_RE = re.compile("Â" + _CP1252_SIGN_RE.pattern)


def _strict_decodings(line: str, codecs: tuple[_Codec, ...] = OTHER_CODECS) -> list[tuple[str, _Codec]]:
    """(decoded, codec) for each of ``codecs`` that shows every non-ASCII character of the
    line and whose bytes decode as UTF-8 strictly."""
    non_ascii = set(line) - _ASCII
    decodings = []
    for codec in codecs:
        if non_ascii <= _CHARS[codec.name]:
            decoded = _strict_decode(line, codec)
            if decoded is not None:
                decodings.append((decoded, codec))
    return decodings


def _commonness(line: str, decoded: str) -> float:
    """How common the letters a decoding put in are: the sum of their log counts in text
    of many languages (`letter_counts`). ``ĂĄ`` is "á" through ISO-8859-2 and "å" through
    cp1250; "á" is the more common letter.

    >>> _commonness("JĂĄmiyet", "Jámiyet") > _commonness("JĂĄmiyet", "Jåmiyet")
    True
    """
    return sum(math.log1p(LETTER_COUNTS.get(char, 0)) for char in _new_letters(line, decoded))


def _strict_decode(line: str, codec: _Codec) -> str | None:
    """The line's bytes in ``codec`` decoded as UTF-8, if they hold a sequence and decode
    without error."""
    raw = codec.to_bytes(line)
    if len(raw.translate(None, _LEAD_BYTES)) == len(raw):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_plausible_decode(line: str, decoded: str, codec: _Codec, rare_letters: bool = False) -> bool:
    """Is ``decoded`` text rather than another accident: no control characters, no word of
    mixed scripts, and either two sequences or more, or one inside a word that it
    completes in the word's own script?

    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> _is_plausible_decode("tasi'Ć© ri", "tasi'é ri", C[3]), _is_plausible_decode("x Ć© y", "x é y", C[3])
    (True, False)
    """
    if _CONTROL_RE.search(decoded) or _C1_RE.search(decoded):
        return False
    # (str.isprintable, in C, is False wherever a Cn code point is: most readings skip the set.)
    if not decoded.isprintable() and any(unicodedata.category(char) == "Cn" for char in set(decoded) - set(line)):
        return False  # a code point Unicode leaves unassigned (Hindi "ज्" through ISO-8859-2: U+086B)
    if any(_has_mixed_scripts(_without_letter_apostrophes(word)) for word in _WORD_RE.findall(decoded)):
        return False
    if _capital_inside_a_lowercase_word(line, decoded):
        return False
    if any(match.group() not in line for match in _INVERTED_MARK_MISPLACED_RE.finditer(decoded)):
        # "¡" and "¿" open a sentence glued to its first word: "2026 ¡ 47 min" is no text,
        # nor is Catalan "col¡lecció" (cp1250's reading of ISO-8859-2's ``colÂˇlecciĂł``,
        # which is "col·lecció").
        return False
    sequences = list(codec.sequence_re.finditer(line))
    if all(_BOX_DRAWING_RE.fullmatch(sequence.group()) for sequence in sequences) and any(
            char not in LETTER_COUNTS and not _one_language_writes({char.lower()})
            for char in _new_letters(line, decoded)):
        # "├┤a┼┐a": a drawing in DOS box characters, not "ôaſa" ("ſ" is no letter of
        # today); but "┼┤alimi ┼╡a" is Tumbuka "Ŵalimi ŵa", a letter a language writes.
        return False
    if len(sequences) >= 2:
        return True
    return len(sequences) == 1 and (_completes_its_word(line, sequences[0], decoded, rare_letters)
                                    or _is_punctuation_of_three_bytes(sequences[0], codec)
                                    or _is_currency_before_a_number(line, sequences[0], codec)
                                    or _is_letter_with_a_spacing_accent(line, sequences[0], codec)
                                    or _is_a_latin1_sign_standing_alone(line, sequences[0], codec)
                                    or _is_a_one_letter_word_of_a_latin_line(line, sequences[0], decoded)
                                    or _is_a_middle_dot_inside_a_latin_word(line, sequences[0], decoded)
                                    or _is_an_orthographic_mark_after_a_letter(line, sequences[0], decoded))


def _is_an_orthographic_mark_after_a_letter(line: str, sequence: re.Match, decoded: str) -> bool:
    """Does the one sequence decode to a combining mark some Latin letter carries
    (`scripts.ORTHOGRAPHIC_MARKS`), right after a Latin letter? Choctaw "ishtaya̱ma" read
    through cp1253 is ``ishtayaΜ±ma``, through cp437 ``ishtaya╠▒ma``: a Greek capital or a
    box drawing glued to a Latin letter is no text, a letter and its mark are.

    >>> import re
    >>> _is_an_orthographic_mark_after_a_letter("ishtayaΜ±ma", re.search("Μ±", "ishtayaΜ±ma"), "ishtaya̱ma")
    True
    >>> _is_an_orthographic_mark_after_a_letter("pH 7 Μ± 2", re.search("Μ±", "pH 7 Μ± 2"), "pH 7 ̱ 2")
    False
    """
    before = line[sequence.start() - 1 : sequence.start()]
    new = set(decoded) - set(line)
    return (len(new) == 1 and new <= ORTHOGRAPHIC_MARKS and before.isalpha()
            and _script(before) == "LATIN")


def _is_a_middle_dot_inside_a_latin_word(line: str, sequence: re.Match, decoded: str) -> bool:
    """Does the one sequence decode to a middle dot "·" between two Latin letters? Catalan
    writes "l·l" ("col·lecció"), Garo "a·chik": read through ISO-8859-2 the dot is
    ``Âˇ``, and no clean word glues a capital and a spacing caron between two letters.

    >>> import re
    >>> _is_a_middle_dot_inside_a_latin_word("AÂˇchik", re.search("Âˇ", "AÂˇchik"), "A·chik")
    True
    >>> _is_a_middle_dot_inside_a_latin_word("2026 Âˇ 47", re.search("Âˇ", "2026 Âˇ 47"), "2026 · 47")
    False
    """
    before = line[sequence.start() - 1 : sequence.start()]
    after = line[sequence.end() : sequence.end() + 1]
    # (With one sequence the line before it is ASCII: the dot stands at its start.)
    dot = decoded[sequence.start() : sequence.start() + 1] == "·" and len(decoded) == len(line) - len(sequence.group()) + 1
    return dot and before.isalpha() and after.isalpha() and _script(before) == _script(after) == "LATIN"


def _without_letter_apostrophes(word: str) -> str:
    """The word without its letter apostrophes, which belong to every script (``Haʻuki``)."""
    return "".join(char for char in word if char not in LETTER_APOSTROPHES)


def _completes_its_word(line: str, sequence: re.Match, decoded: str, rare_letters: bool = False) -> bool:
    """Does the one sequence touch a letter (or an apostrophe after one: ``tasi'Ć©``) and
    decode to a common letter of that letter's script (``KiĆ±e``: "ñ" between "i" and
    "e"), or to a letter apostrophe, which belongs to every script (``Ę»o``: "ʻo")? One
    sequence is little evidence: a letter that text hardly writes ("ƻ") is refused unless
    ``rare_letters`` (ftfy made the same reading).

    >>> import re
    >>> _completes_its_word("ola Ę»o e", re.search("Ę»", "ola Ę»o e"), "ola ʻo e")
    True
    >>> _completes_its_word("ola Ę»o e", re.search("Ę»", "ola Ę»o e"), "ola ƻo e")
    False
    >>> _completes_its_word("JuĹžni", re.search("Ĺž", "JuĹžni"), "Južni")
    True
    """
    start = sequence.start()
    if line[start - 1 : start] in _APOSTROPHES:
        start -= 1
    before = line[start - 1 : start]
    after = line[sequence.end() : sequence.end() + 1]
    neighbours = [char for char in (before, after) if char and char.isalpha()]
    if not neighbours or (_in_an_all_caps_word(line, sequence)
                          and not _is_a_capitalised_word_of_a_lowercase_line(line, sequence, decoded)):
        return False
    new = [char for char in decoded if char > "\x7f" and char not in line]
    if new and all(char in LETTER_APOSTROPHES for char in new):
        return True
    # (The letter the sequence decodes to, even where the line holds it already: Croatian
    # "ž" read through ISO-8859-2 is ``Ĺž``, whose second character is "ž".)
    letters = _new_letters(line, decoded) or _new_letters(line[: sequence.start()], decoded[sequence.start() : sequence.start() + 1])
    return bool(letters) and all((rare_letters or _is_written(char)) and _script(char) == _script(n)
                                 for char in letters for n in neighbours)


def _writes_only_known_letters(line: str, decoded: str) -> bool:
    """Are all the letters the decoding put in letters text writes (`letter_counts`;
    the letter apostrophes belong to every script)? Tongan ``NaĘťe`` reads "Naʻe" through
    ISO-8859-2 and "Naʝe" through cp1250: "ʝ" is a phonetic letter no text writes.

    >>> _writes_only_known_letters("NaĘťe", "Naʻe"), _writes_only_known_letters("NaĘťe", "Naʝe")
    (True, False)
    """
    return all(char in LETTER_COUNTS or char in AFRICAN_REFERENCE_LETTERS or _is_the_capital_of_a_written_letter(char)
               for char in _new_letters(line, decoded))


def _puts_in_orthographic_marks_only(line: str, decoded: str) -> bool:
    """Are the combining diacritical marks the decoding put in marks some Latin letter
    carries (`scripts.ORTHOGRAPHIC_MARKS`)?

    >>> _puts_in_orthographic_marks_only("xĚą", "x\u0331"), _puts_in_orthographic_marks_only("xĚą", "x\u0339")
    (True, False)
    """
    # (Only the marks of every script, U+0300-U+036F: a Thai or Devanagari vowel sign
    # belongs to its script's letters.)
    return all(char in ORTHOGRAPHIC_MARKS for char in set(decoded) - set(line) if "\u0300" <= char <= "\u036f")


def _is_written(letter: str) -> bool:
    """Is the letter one that text writes? Latin Extended-B (U+0180-U+024F) is mostly
    letters of old orthographies and phonetics ("ƻ", "Ʃ"): only those seen in text
    (`letter_counts`: "ǎ", "ș", "ț") count."""
    return (not "\u0180" <= letter <= "\u024f" or letter in LETTER_COUNTS or letter in AFRICAN_REFERENCE_LETTERS
            or _is_the_capital_of_a_written_letter(letter))


def _is_the_capital_of_a_written_letter(letter: str) -> bool:
    """Is the letter the capital of one text writes (`letter_counts`, the African reference
    alphabet)? A page's one "Ɛ" or "Ƙ" opens a word: Bambara "Ɛndujamana", Hausa "Ƙasar".

    >>> _is_the_capital_of_a_written_letter("Ɛ"), _is_the_capital_of_a_written_letter("Ʃ")
    (True, False)
    """
    lower = letter.lower()
    return letter.isupper() and lower != letter and (lower in LETTER_COUNTS or lower in AFRICAN_REFERENCE_LETTERS)


def _is_punctuation_of_three_bytes(sequence: re.Match, codec: _Codec) -> bool:
    """Is the sequence three bytes that decode to general punctuation (a dash, a quote
    mark, an ellipsis: ``ΓÇô`` is "–" read as cp437)? Three characters that happen to
    form one are rare in clean text.

    >>> import re
    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> _is_punctuation_of_three_bytes(re.search("ΓÇô", "Nui ΓÇô 1h"), C[-1])
    True
    >>> _is_punctuation_of_three_bytes(re.search("â\x82Ź", "1,20 â\x82Ź le kilo"), C[4])   # "€"
    True
    """
    if len(sequence.group()) != 3:
        return False
    decoded = _decoded_or_empty(sequence.group(), codec)
    # Also the signs of the blocks after it (currency "€" "₵", arrows "↑", shapes "▶"):
    # a three-character accident that decodes to one is as rare.
    return "\u2010" <= decoded <= "\u205e" or (
        "\u20a0" <= decoded <= "\u2bff" and unicodedata.category(decoded)[0] in "PS")


def _is_currency_before_a_number(line: str, sequence: re.Match, codec: _Codec) -> bool:
    """Is the sequence a currency sign right before a digit (``ÂŁ61,000`` is "£61,000" read
    as cp1250 or ISO-8859-2, ``Β£2`` read as cp1253)? A capital and a symbol glued to a
    number is no word.

    >>> import re
    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> _is_currency_before_a_number("took ÂŁ61,000", re.search("ÂŁ", "took ÂŁ61,000"), C[0])
    True
    >>> _is_currency_before_a_number("a ÂŁ b", re.search("ÂŁ", "a ÂŁ b"), C[0])
    False
    """
    after = line[sequence.end() : sequence.end() + 1]
    return after.isdigit() and unicodedata.category(_decoded_or_empty(sequence.group(), codec) or " ") == "Sc"


def _is_letter_with_a_spacing_accent(line: str, sequence: re.Match, codec: _Codec) -> bool:
    """Is the sequence a letter followed by a spacing accent that decodes to punctuation
    (``Âˇ`` is "·" read as ISO-8859-2: "2026 Âˇ 47 min")? Text writes an accent over a
    letter as one character or as a combining mark, never as a spacing caron after it.
    Not inside a word: there the letter reading wins ("MĂˇnadagur" is "Mánadagur" read
    as cp1250, not ISO-8859-2's "M÷nadagur").

    >>> import re
    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> _is_letter_with_a_spacing_accent("2026 Âˇ 47 min", re.search("Âˇ", "2026 Âˇ 47 min"), C[4])
    True
    """
    pair = sequence.group()
    decoded = _decoded_or_empty(pair, codec)
    glued = line[sequence.start() - 1 : sequence.start()].isalpha() or line[sequence.end() : sequence.end() + 1].isalpha()
    return (len(pair) == 2 and pair[0].isalpha() and pair[1] in _SPACING_ACCENTS and not glued
            and unicodedata.category(decoded or "a")[0] in "PS")


def _is_a_latin1_sign_standing_alone(line: str, sequence: re.Match, codec: _Codec) -> bool:
    """Is the sequence a sign of the Latin-1 row (lead byte 0xC2: "©", "·", "«", "°")
    standing between spaces, digits or punctuation, not glued to a letter? ``Β·`` is
    "·" read as cp1253 ("12 likes Β· 3 restacks"), ``Ā©`` "©" read as cp1257, ``┬╖``
    "·" read as cp437. Clean text does not write a lone capital glued to a sign between
    spaces; a capital glued to a word's letter stays ("Β©" inside "ΑΒ©Γ"), and so does
    a pair that would decode to a spacing accent ("Āø" is "¸").

    >>> import re
    >>> from corpus_clean.mojibake.other_codecs import OTHER_CODECS as C
    >>> _is_a_latin1_sign_standing_alone("12 likes Β· 3", re.search("Β·", "12 likes Β· 3"), C[1])
    True
    >>> _is_a_latin1_sign_standing_alone("ΑΒ· 3", re.search("Β·", "ΑΒ· 3"), C[1])
    False
    >>> _is_a_latin1_sign_standing_alone("with Āø on", re.search("Āø", "with Āø on"), C[3])
    False
    """
    pair = sequence.group()
    if len(pair) != 2 or codec.to_bytes(pair[0]) != b"\xc2":
        return False
    before = line[sequence.start() - 1 : sequence.start()]
    after = line[sequence.end() : sequence.end() + 1]
    if before.isalpha() or after.isalpha():
        return False
    # Not the spacing accents ("¸", "´", "¨", "¯": modifier symbols): no text writes one
    # alone, and a name may be written "Āø".
    return unicodedata.category(_decoded_or_empty(pair, codec) or "a") in _SIGNS_WRITTEN_ALONE



def _is_a_one_letter_word_of_a_latin_line(line: str, sequence: re.Match, decoded: str) -> bool:
    """Is the sequence a word of its own that decodes to a lowercase Latin letter text
    writes, in a line of Latin words? Italian "è", French and Portuguese "à" are words:
    "zucca Γ¨ il piatto" is "è" read as cp1253, "Trois jours Ć\xa0 Collioure" "à" read as
    cp1257. Clean text does not write a capital glued to a sign as a word of a Latin line.

    >>> import re
    >>> line = "La zucca Γ¨ il piatto che preparo"
    >>> _is_a_one_letter_word_of_a_latin_line(line, re.search("Γ¨", line), line.replace("Γ¨", "è"))
    True
    >>> line = "Ο Γ¨ είναι"
    >>> _is_a_one_letter_word_of_a_latin_line(line, re.search("Γ¨", line), line.replace("Γ¨", "è"))
    False
    >>> line = "Ć€ lire aussi"
    >>> _is_a_one_letter_word_of_a_latin_line(line, re.search("Ć€", line), "À lire aussi")
    True
    """
    pair = sequence.group()
    before = line[sequence.start() - 1 : sequence.start()]
    after = line[sequence.end() : sequence.end() + 1]
    if len(pair) != 2 or before.isalnum() or after.isalnum() or after in "'’":
        return False
    letter = decoded[sequence.start() : sequence.start() + 1]
    # (Or a capital that opens the line: French "À lire aussi", Portuguese "É hoje".)
    opens_the_line = letter.isupper() and not line[: sequence.start()].strip()
    if not ((letter.islower() or opens_the_line) and letter.lower() in LETTER_COUNTS and _script(letter) == "LATIN"):
        return False
    rest = line[: sequence.start()] + line[sequence.end() :]
    letters = [char for char in rest if char.isalpha()]
    return (len(letters) >= 12 or (opens_the_line and sum(char.islower() for char in letters) >= 6)) and all(
        _script(char) == "LATIN" for char in letters)


# The spacing forms of accents: caron, breve, dot above, ogonek, double acute, acute,
# diaeresis, cedilla (not the letter apostrophes ʻ ʼ, also modifier letters).
_SPACING_ACCENTS = frozenset("ˇ˘˙˛˝´¨¸")


def _is_a_capitalised_word_of_a_lowercase_line(line: str, sequence: re.Match, decoded: str) -> bool:
    """Is the line's one sequence the end of a word of one capital and that sequence,
    decoding to a lowercase letter text writes, in a line written in lowercase? Italian
    "Sì", Portuguese "Zé" read through cp1257 are ``SĆ¬``, ``ZĆ©``: two capitals and a
    sign would be typography in a heading of capitals, not in a sentence.

    >>> import re
    >>> line = "Cigano, de ZĆ© Preto"
    >>> _is_a_capitalised_word_of_a_lowercase_line(line, re.search("Ć©", line), "Cigano, de Zé Preto")
    True
    >>> line = "DE ZĆ© PRETO"
    >>> _is_a_capitalised_word_of_a_lowercase_line(line, re.search("Ć©", line), "DE Zé PRETO")
    False
    """
    start = line.rfind(" ", 0, sequence.start()) + 1
    opening = line[start : sequence.start()]
    letter = decoded[sequence.start() : sequence.start() + 1]
    after = line[sequence.end() : sequence.end() + 1]
    return (len(opening) == 1 and opening.isascii() and opening.isupper() and letter.islower()
            and letter in LETTER_COUNTS and not after.isalpha()
            and sum(char.islower() for char in line if char.isascii()) >= 6)


def _in_an_all_caps_word(line: str, sequence: re.Match) -> bool:
    """Is the sequence part of a word written in capitals? There a lone pair is
    typography as often as bytes: a Romanian ``NICIODATĂ`` before NBSP or ``™``.

    >>> import re
    >>> _in_an_all_caps_word("NICIODATĂ™ azi", re.search("Ă™", "NICIODATĂ™ azi"))
    True
    """
    start = line.rfind(" ", 0, sequence.start()) + 1
    end = line.find(" ", sequence.end())
    word = line[start : end if end >= 0 else len(line)]
    return not any(char.islower() for char in word.replace(sequence.group(), ""))


def _new_letters(line: str, decoded: str) -> list[str]:
    """The letters the decoding put in (not already in the line). (A variation selector
    belongs to the sign before it: "☎️" is a telephone shown as an emoji, no letter.)"""
    return [char for char in decoded if char > "\x7f" and char not in line and _has_script(char)
            and char not in LETTER_APOSTROPHES and not "\ufe00" <= char <= "\ufe0f"]


# Capitals written inside small words: the Cyrillic palochka.
_CAPITALS_WRITTEN_IN_SMALL_WORDS = frozenset("\u04c0")


def _capital_inside_a_lowercase_word(line: str, decoded: str) -> bool:
    """Did the decoding put a capital right after a lowercase letter? Words are not
    written so: ``KiĆ±e`` read back through cp1250 gives ``KiƱe`` (U+01B1), through
    cp1257 ``Kiñe``; ``polĆ©`` gives ``polƩ`` and ``polé``.

    >>> _capital_inside_a_lowercase_word("KiĆ±e", "KiƱe"), _capital_inside_a_lowercase_word("KiĆ±e", "Kiñe")
    (True, False)
    >>> _capital_inside_a_lowercase_word("polĆ©", "polƩ")
    True

    The palochka is the exception: the Caucasian orthographies that write it (Avar,
    Chechen, Kabardian, Lezgian, Tabasaran...) write its capital form inside small words
    ("цӀийи", Ӏ is U+04C0; its small form came to Unicode late and is seldom typed).

    >>> _capital_inside_a_lowercase_word("Ρ†Σ€ΠΈ", "цӀи")
    False

    Nor a vowel's capital after an Irish mutation prefix (`_opens_a_word_after_a_mutation_prefix`):

    >>> _capital_inside_a_lowercase_word("na hĂ\x81ise", "na hÁise")
    False
    """
    new = set(_new_letters(line, decoded)) - _CAPITALS_WRITTEN_IN_SMALL_WORDS
    return any(char in new and char.isupper() and decoded[k - 1].islower()
               and not _opens_a_word_after_a_mutation_prefix(decoded, k)
               for k, char in enumerate(decoded[1:], start=1))


def _second_capital_of_a_small_word(line: str, decoded: str) -> bool:
    """Did the decoding put a capital second in a word whose other letters but the first
    are small ("NĊkaragva", Kikuyu "Nĩkaragva" read as cp1252)? (Not a word in capitals,
    "ŁÓDŹ"; not a capital before one small letter, "DŽo".)

    >>> _second_capital_of_a_small_word("NÄŠkaragva", "NĊkaragva"), _second_capital_of_a_small_word("x", "ĽUDIA")
    (True, False)
    """
    new = set(_new_letters(line, decoded))
    return any(decoded[k] in new and decoded[k].isupper() and decoded[k - 1].isupper()
               and (k == 1 or not decoded[k - 2].isalpha()) and decoded[k + 1 : k + 3].isalpha()
               and decoded[k + 1 : k + 3].islower()
               for k in range(1, len(decoded) - 2))


# Irish puts one or two small letters before a capital that opens a word (the initial
# mutations: "na hÁise", "i nÉirinn", "an tSín", "i bhFrainc"): the capital of a vowel.
_MUTATION_PREFIX_RE = re.compile(r"(?<![^\W\d_])(?:[a-z]{1,2})([ÁÉÍÓÚÀÈÌÒÙ])(?=[^\W\d_])")


def _opens_a_word_after_a_mutation_prefix(text: str, k: int) -> bool:
    """Is the capital at ``text[k]`` a vowel's capital after one or two small ASCII
    letters that open the word, a letter following it (Irish "hÁise")?

    >>> _opens_a_word_after_a_mutation_prefix("na hÁise", 4), _opens_a_word_after_a_mutation_prefix("polÉe", 3)
    (True, False)
    """
    match = _MUTATION_PREFIX_RE.search(text, max(0, k - 2), k + 2)
    return match is not None and match.start(1) == k

"""The one mojibake detector, used by the repair and by validation.

Two questions, two answers:

- `might_need_repair(text)`: could any repair step change this text? A cheap,
  over-inclusive test (the repair's fast path: most text has no mojibake, and then ftfy
  is never called). False means surely not.
- `find_markers(text)` / `count_markers(text)`: what mojibake is *left* in a text? The
  validation suite quarantines a row with a marker, and the repair uses the count to
  choose between ftfy's answer and ours (`fix_text.fix_line`). The patterns are RE2 as
  well as Python (`MOJIBAKE_RE`), so that validation can scan an Arrow column in C and
  confirm the few hits here.
"""
from __future__ import annotations

import functools
import re

from ftfy import chardata

from corpus_clean import native
from corpus_clean.mojibake.charmaps import _CP1251, _CP1252, _Codec, _MAC_ROMAN, _cls
from corpus_clean.mojibake.evidence import _MAC_MATH_LEADS


_TRIGGER_SINGLES = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u206a-\u206f\ufff9-\ufffc"


def _codec_leads_and_conts() -> list[tuple[str, str]]:
    """(UTF-8 lead byte characters, continuation byte characters) of each codec ftfy or
    we re-decode from. NBSP and U+FFFD count as continuations in every codec: what a
    lost or replaced byte leaves."""
    codecs = [_Codec(codec_name, (codec_name,)) for codec_name in chardata.CHARMAP_ENCODINGS]
    found = [(codec.leads2 + codec.leads3 + codec.leads4 + codec._chars(0xC0, 0xC1), codec.conts) for codec in codecs]
    found += [(codec.leads2 + codec.leads3 + codec.leads4, codec.conts) for codec in (_CP1252, _CP1251, _MAC_ROMAN)]
    return sorted({("".join(sorted(set(leads))), "".join(sorted(set(conts + "\xa0\ufffd")))) for leads, conts in found})


_CODEC_LEADS_AND_CONTS = _codec_leads_and_conts()
# Every codec's leads, every codec's continuations.
_LEADS = "".join(sorted({char for leads, _ in _CODEC_LEADS_AND_CONTS for char in leads}))
_CONTS = "".join(sorted({char for _, conts in _CODEC_LEADS_AND_CONTS for char in conts}))


def _trigger_pattern(singles: str) -> str:
    """Build the one regex that says "something here might need repair".

    Mojibake of UTF-8 always shows a lead byte followed by a continuation byte; we take
    the union over every codec ftfy tries (ftfy cannot re-decode text without such a
    pair), with NBSP or U+FFFD also allowed after the lead byte, plus ``Â``/``Ã`` before a
    space or line end (a 0xA0 byte lost or turned into a space).
    """
    # "Â"/"Ã" before a space or line end: the 0xA0 of NBSP or "à" lost or made a space.
    return f"[{singles}]|[{_cls(_LEADS)}][{_cls(_CONTS)}]|[ÂÃ](?:[ \\r\\n]|\\Z)"


# An HTML entity or character reference as ftfy's unescape_html decodes them (with ";").
_ENTITY_PATTERN = "&#?[0-9A-Za-z]{1,24};"


_TRIGGER_RE = re.compile(_trigger_pattern(_TRIGGER_SINGLES + "\ufffd") + "|" + _ENTITY_PATTERN)


# What ftfy could still act on once entities are decoded and C1 controls handled: a lone
# "&" or "�" is no reason to call it.
_FTFY_TRIGGER_RE = re.compile(_trigger_pattern(_TRIGGER_SINGLES))


# `_TRIGGER_RE` written to begin with one character class (the first character of
# anything it matches), the rest checked by a one-character lookbehind: it matches at
# the same positions, and Python's regex engine then skips ahead to candidate starts in
# a fast C loop instead of trying every alternative at every position (2x faster than a
# Python loop over the class's hits, which itself beat a plain `_TRIGGER_RE.search`).
_TRIGGER_SINGLES_FFFD = _TRIGGER_SINGLES + "\ufffd"
_TRIGGER_AT_START_RE = re.compile(
    f"[{_TRIGGER_SINGLES_FFFD}&{_cls(_LEADS)}]"
    f"(?:(?<=[{_TRIGGER_SINGLES_FFFD}])|(?<=[{_cls(_LEADS)}])[{_cls(_CONTS)}]|(?<=[ÂÃ])(?:[ \\r\\n]|\\Z)"
    f"|(?<=&){_ENTITY_PATTERN[1:]})"
)


# The same, but a lead and its continuation must come from one codec: "çã" ("ção" in
# Portuguese) is a Latin-1 lead before a Mac Roman continuation, which no codec decodes
# (re-decoding a line needs all of it to be UTF-8 in one codec, and our span decoders
# work one codec at a time). Slower per candidate than `_TRIGGER_AT_START_RE` (a
# lookbehind per codec), so it only confirms that pattern's hits.
_SAME_CODEC_TRIGGER_RE = re.compile(
    f"[{_TRIGGER_SINGLES_FFFD}&{_cls(_LEADS)}]"
    f"(?:(?<=[{_TRIGGER_SINGLES_FFFD}])"
    + "".join(f"|(?<=[{_cls(leads)}])[{_cls(conts)}]" for leads, conts in _CODEC_LEADS_AND_CONTS)
    + f"|(?<=[ÂÃ])(?:[ \\r\\n]|\\Z)|(?<=&){_ENTITY_PATTERN[1:]})"
)


_ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_ENTITY_TRIGGER_RE = re.compile(_ENTITY_PATTERN)


def _trigger_classes() -> bytes:
    """`_TRIGGER_AT_START_RE`'s character classes as one flag byte per BMP code point, for
    the compiled scan (corpus_clean/_mojibake_native.c): 1 a single that needs repair by
    itself, 2 a lead, 4 a continuation, 8 "Â"/"Ã", 16 "&". Read off the same class
    strings by the regex engine itself, so the two cannot disagree. (Every class member
    is in the BMP: the table stops there.)

    >>> flags = _trigger_classes()
    >>> flags[ord("\ufffd")], flags[ord("Ã")], flags[ord("©")], flags[ord("&")], flags[ord("a")]
    (5, 10, 4, 16, 0)
    """
    every_char = "".join(map(chr, range(0x10000)))
    flags = bytearray(0x10000)
    for flag, pattern in ((1, f"[{_TRIGGER_SINGLES_FFFD}]"), (2, f"[{_cls(_LEADS)}]"), (4, f"[{_cls(_CONTS)}]")):
        for match in re.finditer(pattern, every_char):
            flags[match.start()] |= flag
    for char in "ÂÃ":
        flags[ord(char)] |= 8
    flags[ord("&")] |= 16
    return bytes(flags)


def _compiled_trigger_search():
    """``trigger_search`` on the compiled scan, or None when it was not built."""
    try:
        from corpus_clean._mojibake_native import trigger_scan
    except ImportError:
        return None
    classes = _trigger_classes()

    def trigger_search(text: str) -> int:
        """Where `_TRIGGER_AT_START_RE.search(text)` would match first, -1: nowhere. The
        scan settles every start but "&", which the entity pattern checks here."""
        start = trigger_scan(text, 0, classes)
        while start >= 0 and text[start] == "&" and not _TRIGGER_AT_START_RE.match(text, start):
            start = trigger_scan(text, start + 1, classes)
        return start

    return trigger_search


@functools.cache
def _trigger_search_of(enabled: bool):
    return _compiled_trigger_search() if enabled else None


def trigger_search(text: str) -> int:
    """The first index where ``_TRIGGER_AT_START_RE`` matches in `text`, -1: none. The
    compiled scan when it is built and on, else the regex (both: the same answer).

    >>> trigger_search("naïve café &amp; cafÃ©"), trigger_search("a & b; x"), trigger_search("plain")
    (11, -1, -1)
    """
    compiled = _trigger_search_of(native.active() is not None)
    if compiled is not None:
        return compiled(text)
    candidate = _TRIGGER_AT_START_RE.search(text)
    return -1 if candidate is None else candidate.start()


def might_need_repair(text: str) -> bool:
    """Cheap test: can any repair step change this text? False means surely not.

    Yes where there is a control character, U+FFFD, an HTML entity, a surrogate, "Â"/"Ã"
    before a space or line end, or a UTF-8 lead byte followed by a continuation byte of
    the same single-byte codec. (A lead of one codec before a continuation of another,
    as in Portuguese "ção", needs nothing: it used to send a fifth of real pages through
    the whole repair for nothing; outputs unchanged, tests/test_mojibake.py.)

    >>> might_need_repair("It’s “fine” — café, naïve, Москва, ação")
    False
    >>> might_need_repair("cafÃ©")
    True
    """
    if text.isascii():
        return _ASCII_CONTROL_RE.search(text) is not None or ("&" in text and _ENTITY_TRIGGER_RE.search(text) is not None)
    start = trigger_search(text)
    return start >= 0 and _SAME_CODEC_TRIGGER_RE.search(text, start) is not None


# --------------------------------------------------------------------------- markers left

# A UTF-8 continuation byte (0x80-0xBF) as it appears after a wrong cp1252 / latin-1
# decode: C1 controls (latin-1), the cp1252 specials, and latin-1 symbols U+00A0-U+00BF.
# (RE2 patterns, written with literal characters, not \u escapes.)
_CONT = "[\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"

MOJIBAKE_PATTERNS: dict[str, str] = {
    # é → "Ã©", à → "Ã\xa0", nbsp → "Â\xa0", © → "Â©", ć → "Ä‡", š → "Å¡" ...:
    # 2-byte latin-1 supplement and Latin Extended-A ("Å" followed by a dash or an
    # ellipsis is too often a real Ångström or Scandinavian place name)
    "latin": "[ÂÃÄ]" + _CONT + "|Å" + _CONT.replace("…", "").replace("–—", ""),
    # ’ → "â€™", “ → "â€œ", – → "â€“", € → "â‚¬", ™ → "â„¢" ...: 3-byte U+2000-U+2FFF.
    # Two continuation chars: Welsh "â’r" is a word.
    "punctuation": "â" + _CONT + _CONT + "|â€",
    # а → "Ð°", я → "Ñ\x8f" ...: 2-byte Cyrillic
    "cyrillic": "[ÐÑ]" + _CONT,
    # Indic, CJK ... (3-byte): two characters in a row, so "allé…»" is not a hit
    "three_byte": "[à-ï]" + _CONT + _CONT + "[à-ï]" + _CONT + _CONT,
    # "voilÃ " / "Â ": the nbsp byte of "à" / a nbsp turned into a plain space
    "lost_nbsp": "[a-z]Ã |Â ",
    # "Â" / "sarÃ" at a line end or the end: the nbsp byte lost with trailing whitespace
    "line_end": "(?:[a-z ]Ã|Â)(?:[\r\n]|\\z)",
    # U+FFFD: a lossy decode already happened
    "replacement": "\ufffd",
}
# RE2 (pyarrow's match_substring_regex): finds every row that may hold a marker.
MOJIBAKE_RE = "|".join(f"(?:{p})" for p in MOJIBAKE_PATTERNS.values())


def python_pattern(pattern: str) -> str:
    """The Python `re` twin of one of our RE2 patterns (RE2's \\z is Python's \\Z)."""
    return pattern.replace("\\z", "\\Z")


_MARKER_RE = re.compile(python_pattern(MOJIBAKE_RE))
# For a yes/no answer only: the same markers but U+FFFD, each written to start at its
# lead character ("[a-z]Ã " as "(?<=[a-z])Ã "), behind one character-class test, which
# Python's regex engine checks fast at every position.
_MARKER_BUT_FFFD_RE = re.compile(
    "(?=[ÂÃÄÅâÐÑà-ï])(?:"
    + python_pattern("|".join(f"(?:{p})" for kind, p in MOJIBAKE_PATTERNS.items() if kind not in ("replacement", "lost_nbsp", "line_end")))
    + "|(?<=[a-z])Ã |Â |(?<=[a-z ])Ã(?=[\r\n]|\\Z)|Â(?=[\r\n]|\\Z))"
)

# A capital Latin-1 letter that could be a lead byte, followed by NBSP, after two more
# capitals and not before a lowercase letter: an all-caps word before a no-break space
# ("SELKÄ\xa0EDELLÄ", "MISUTÂ\xa0AJIKKO"), not the UTF-8 bytes of "Ġ" or of a NBSP.
CAPS_NBSP_RE = re.compile("(?<=[A-ZÀ-Þ]{2})[Â-ß]\xa0(?![a-zß-ÿ])")




def _ends_a_word_in_capitals(text: str, pos: int) -> bool:
    """Is ``text[pos]`` a capital that ends a word in capitals, before NBSP or a space and
    not before a lowercase letter? ("MÂ ØT", "SELKÄ\xa0EDELLÄ": a letter, not a lead byte.)"""
    before, after = text[pos - 1 : pos] if pos else "", text[pos + 2 : pos + 3]
    return before.isalpha() and before.isupper() and text[pos + 1 : pos + 2] in ("\xa0", " ") and not after.islower()

# A short quotation: what a text about encoding errors puts its examples in.
_QUOTATION_RE = re.compile(
    '“[^“”\n]{1,40}”|„[^“”„\n]{1,40}[“”]|«[^«»\n]{1,40}»|‹[^‹›\n]{1,40}›|‘[^‘’\n]{1,40}’'
    '|"[^"\n]{1,40}"|「[^」\n]{1,40}」'
)


def quotes_mojibake_on_purpose(line: str) -> bool:
    """Does every garbled-looking sequence of the line sit inside a short quotation?

    Text about encoding errors quotes its examples (``vê “Ã§” em vez de “ç”``, ``the
    sign showed "CafÃ©"``). Real mojibake garbles a whole text or span, quotes and
    words around it alike; it is not confined to quoted words. Such a line is left as it
    is, and its quoted sequences are not markers.

    >>> quotes_mojibake_on_purpose('the sign showed "CafÃ©" instead of "Café"')
    True
    >>> quotes_mojibake_on_purpose('the cafÃ© showed "CafÃ©"'), quotes_mojibake_on_purpose("cafÃ©")
    (False, False)
    """
    if not _CLEAN_QUOTATION_HINT_RE.search(line):
        return False
    garbled = _garbled_spans(line)
    if not garbled:
        return False
    # Mojibake is full of quote marks ("Õ«", "Î»", "â€œ"): quotations are looked for with
    # the garbled sequences masked, so that only clean quote marks count.
    masked = list(line)
    for start, end in garbled:
        masked[start:end] = "x" * (end - start)
    quotations = [match.span() for match in _QUOTATION_RE.finditer("".join(masked))]
    if not all(any(start < g_start and g_end < end for start, end in quotations) for g_start, g_end in garbled):
        return False
    return (not _garbled_inside_a_clean_word(line, garbled) and not _quotes_a_sentence(line, quotations, garbled)
            and not _quotes_garbled_words_of_a_garbled_line(line, quotations, garbled))


def _quotes_garbled_words_of_a_garbled_line(line: str, quotations: list[tuple[int, int]],
                                            garbled: list[tuple[int, int]]) -> bool:
    """Does a quotation of two words or more hold letters garbled inside words
    (``"non piÃ¹ rinviabile"``, ``"HÃ³'nehe hoÄ“va"``) on a line that writes no clean
    non-ASCII letter at all (or, of three words or more, on a line that does not also
    write those words clean)? A text about encoding errors shows what the garbled word
    should have been ("instead of “Café”"), or is written in a language with letters of
    its own; a quoted phrase garbled on a line whose other letters are all ASCII is a
    line garbled as a whole whose only non-ASCII letters fell inside the quotation
    marks. A lone sequence quoted as an example (``"â€™ appears everywhere"``, ``"Ã©"``)
    is no letter inside a word.

    >>> line = 'the reform was "non piÃ¹ rinviabile" after the vote'
    >>> _quotes_garbled_words_of_a_garbled_line(line, [(15, 36)], [(22, 24)])
    True
    >>> _quotes_garbled_words_of_a_garbled_line('"CafÃ©" instead of "Café"', [(0, 7), (19, 25)], [(4, 6)])
    False
    """
    covered = bytearray(len(line))
    for start, end in garbled:
        covered[start:end] = b"\x01" * (end - start)
    # (Runs of garbled sequences: a doubly encoded letter is two, "piÃƒÂ¹".)
    runs = [match.span() for match in re.finditer("\x01+", covered.decode("latin-1"))]
    if not all(line[start - 1 : start].isascii() and line[start - 1 : start].isalpha()
               or line[end : end + 1].isascii() and line[end : end + 1].isalpha() for start, end in runs):
        return False
    words = max((len(line[start + 1 : end - 1].split()) for start, end in quotations
                 if any(start < g_start and g_end < end for g_start, g_end in garbled)), default=0)
    if not any(not covered[i] and char > "\x7f" and char.isalpha() for i, char in enumerate(line)):
        return words >= 2
    # A line that writes clean letters too (garbled in part): a quoted phrase of three
    # words or more, none of whose garbled words the line also writes clean (a text about
    # mojibake sets the garbled word beside the right one: "FÃ¼r Sie" statt "Für Sie").
    return words >= 3 and not any(_decoded_word(line, start, end) in line for start, end in garbled)


def _decoded_word(line: str, start: int, end: int) -> str:
    """The word around the garbled sequence at ``start:end``, the sequence decoded
    (``"FÃ¼r"`` -> "Für"); the word as it is where it does not decode."""
    left, right = start, end
    while left > 0 and line[left - 1].isalpha():
        left -= 1
    while right < len(line) and line[right].isalpha():
        right += 1
    try:
        middle = line[start:end].encode("windows-1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return line[left:right]
    return line[left:start] + middle + line[end:right]


def _quotes_a_sentence(line: str, quotations: list[tuple[int, int]], garbled: list[tuple[int, int]]) -> bool:
    """Is a quotation holding garbled sequences a sentence of four or more words, most of
    them clean? A text about encoding errors quotes the garbled word or two themselves
    (``„FÃ¼r Sie“``, ``«Ã±»``); a quoted sentence with one word garbled among clean ones is
    real mojibake that happened to fall inside quotation marks (a quoted headline
    ``"NjÃ«gu ceeb yokku na 15 CFA ci kiloo bi"``). (Three words may still be an example
    quoted with its context: ``"â€™ appears everywhere"``.)

    >>> _quotes_a_sentence('"NjÃ«gu ceeb yokku na 15"', [(0, 25)], [(3, 5)])
    True
    >>> _quotes_a_sentence('„FÃ¼r Sie“', [(0, 10)], [(2, 4)])
    False
    """
    for start, end in quotations:
        inside = [(g_start, g_end) for g_start, g_end in garbled if start < g_start and g_end < end]
        if not inside:
            continue
        words = [match.span() for match in re.finditer(r"\S+", line[start + 1 : end - 1])]
        garbled_words = sum(
            1 for w_start, w_end in words
            if any(start + 1 + w_start < g_end and g_start < start + 1 + w_end for g_start, g_end in inside)
        )
        if len(words) >= 4 and 2 * garbled_words < len(words):
            return True
    return False


def _garbled_inside_a_clean_word(line: str, garbled: list[tuple[int, int]]) -> bool:
    """Is a garbled sequence part of a word that also writes clean non-ASCII letters
    (``apÅ¾iūrėkite``: "ž" garbled, "ū" and "ė" not)? A text about encoding errors quotes
    a word garbled as a whole; a word garbled in one letter only is real mojibake, quoted
    or not.

    >>> _garbled_inside_a_clean_word("“ir apÅ¾iūrėkite”", [(6, 8)]), _garbled_inside_a_clean_word("“GrÃ¶ÃŸe”", [(3, 5), (5, 7)])
    (True, False)
    """
    covered = bytearray(len(line))
    for start, end in garbled:
        covered[start:end] = b"\x01" * (end - start)
    for start, end in garbled:
        left, right = start, end
        while left > 0 and (line[left - 1].isalpha() or covered[left - 1]):
            left -= 1
        while right < len(line) and (line[right].isalpha() or covered[right]):
            right += 1
        if any(not covered[i] and line[i] > "\x7f" and line[i].isalpha() for i in range(left, right)):
            return True
    return False


def _garbled_spans(line: str) -> list[tuple[int, int]]:
    """Where the line looks garbled: the markers, cp1252 sequences, and cp1251 or Mac Roman
    sequences in runs or inside Latin words; an opening quote mark that Mac Roman reads
    as a lead byte ("“ç”", "“â€™”") is left out."""
    spans = [match.span() for match in _MARKER_RE.finditer(line)]
    spans += [match.span() for match in _CP1252.sequence_re.finditer(line)]
    for codec in (_CP1251, _MAC_ROMAN):
        for run in codec.run_re.finditer(line):
            start = run.start() + (line[run.start()] in _OPENING_QUOTES)
            sequences = codec.sequence_re.findall(line, start, run.end())
            glued = line[start - 1 : start].isascii() and line[start - 1 : start].isalpha() or (
                line[run.end() : run.end() + 1].isascii() and line[run.end() : run.end() + 1].isalpha()
            )
            # A lone pair counts inside a Latin word ("cafГ©", "caf√©"); for Mac Roman only
            # with a math-symbol lead ("L’été" holds the Mac Roman pair "’é").
            if len(sequences) >= 2 or (sequences and glued and (codec is _CP1251 or line[start] in _MAC_MATH_LEADS)):
                spans.append((start, run.end()))
    return spans


_OPENING_QUOTES = "“„«‹‘「"
# A cheap first test: a short quotation whose marks do not follow a character that can
# be a lead byte in cp1252 ("Ã“" is a garbled "Ó", "Î»" a garbled "λ").
_CLEAN_QUOTATION_HINT_RE = re.compile('[“„«‹‘「"](?<![Â-ï].)[^\n]{1,42}?[”“»›’」"](?<![Â-ï].)')



def find_markers(text: str) -> list[tuple[int, str]]:
    """(position, marker) of each piece of mojibake left in the text.

    A capital before NBSP or a space at the end of an all-caps word is typography, and
    mojibake quoted on purpose (`quotes_mojibake_on_purpose`) is an example, not a marker.

    >>> find_markers("Le cafÃ© â€œ"), find_markers("SELKÄ\xa0EDELLÄ\xa0MAAHAN")
    ([(6, 'Ã©'), (9, 'â€œ')], [])
    >>> find_markers("Se você vê “Ã§” em vez de “ç”"), find_markers("NÃO “IRMÃ”.")
    ([], [])
    """
    found = []
    for match in _MARKER_RE.finditer(text):
        if _ends_a_word_in_capitals(text, match.start()) or _closes_a_quotation(text, match.start(), match.group()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if quotes_mojibake_on_purpose(text[line_start : line_end if line_end >= 0 else len(text)]):
            continue
        found.append((match.start(), match.group()))
    return found


def has_marker_pattern(text: str) -> bool:
    """Does a marker pattern other than U+FFFD match? (A cheap, over-inclusive
    `find_markers`: no typography or quotation check.)"""
    return _MARKER_BUT_FFFD_RE.search(text) is not None


def count_markers(text: str) -> int:
    """How many marker patterns match (what `find_markers` finds, before it sets aside
    typography and quotations: cheaper, for comparing two repairs of one line)."""
    return len(_MARKER_RE.findall(text))


def only_typographic_pairs(line: str) -> bool:
    """Are all the line's cp1252 sequences typography rather than bytes? A capital before
    NBSP in an all-caps word (``MISUTÂ\xa0AJIKKO``), or a capital before the closing quote
    of a quotation the line opened with a clean quote mark (``“IRMÃ”``: in mojibake the
    opening quote would be garbled too). Then the line stays, whatever ftfy makes of it.

    >>> only_typographic_pairs("MISUTÂ\xa0AJIKKO"), only_typographic_pairs("NÃO “IRMÃ”.")
    (True, True)
    >>> only_typographic_pairs("CAFÃ\xa0 cafÃ©"), only_typographic_pairs("LA BOÎTE Ã€ LETTRES")
    (False, False)
    """
    sequences = list(_CP1252.sequence_re.finditer(line))
    if not sequences:
        return False
    for match in sequences:
        if CAPS_NBSP_RE.match(line, match.start()):
            continue
        if _closes_a_quotation(line, match.start(), match.group()):
            continue
        return False
    return True


# Closing quote mark → the opening marks that pair with it across languages: English
# “…”, Polish/Hungarian „…”, German „…“, French «…», Danish »…«, and the single ones.
_OPENING_QUOTES = {"”": "“„", "“": "„", "’": "‘‚", "‘": "‚", "»": "«", "«": "»", "›": "‹", "‹": "›"}


def _closes_a_quotation(text: str, start: int, pair: str) -> bool:
    """Is the sequence a capital plus a closing quote mark, with a clean opening mark for
    it earlier in the line and still open?

    >>> _closes_a_quotation("NÃO „IRMÃ“.", 9, "Ã“"), _closes_a_quotation("NÃO “IRMÃ“.", 9, "Ã“")
    (True, False)
    """
    closing = pair[-1]
    openings = _OPENING_QUOTES.get(closing)
    if len(pair) != 2 or openings is None or not pair[0].isupper():
        return False
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return _clean_opening_marks(before, openings) > before.count(closing)


def _clean_opening_marks(text: str, openings: str) -> int:
    """How many of ``openings`` in ``text`` open a quotation: not right after a letter,
    where a mark is the second byte of mojibake (``Ρ‹`` is ``ы`` read as cp1253).

    >>> _clean_opening_marks("Ρ‹ and ‹this", "‹"), _clean_opening_marks("(“yes", "“„")
    (1, 1)
    """
    return sum(1 for k, char in enumerate(text) if char in openings and not (k and text[k - 1].isalpha()))

"""Mojibake repair: ftfy, plus the repairs ftfy misses, without ever touching clean text.

`repair(text)` returns ``(repaired_text, fixes)`` where ``fixes`` maps a fix kind to how
many times it was applied. When nothing changes it returns the *same* str object and
``{}``.

How it works, in order:

1. **Fast path** (`might_need_repair`). ASCII text needs only a control-character check
   and an entity check. Otherwise one character-class scan finds where a repair could
   start, and one precompiled pattern is tried there: a control character, U+FFFD, an
   HTML entity, a surrogate, or a UTF-8 lead byte followed by a continuation byte as seen
   through any single-byte codec ftfy knows (``Ã©``, ``Ð¸``, ``√©``). Mojibake always
   shows such a pair; text without one comes back untouched without calling ftfy.
   Curly quotes, dashes and ordinary accented text do not trigger it.
2. **Control characters** are stripped (`strip_control_chars`).
3. **HTML entities** are decoded line by line (`unescape_entities_per_line`); only a line
   that contains markup is left alone. ftfy's ``unescape_html="auto"`` switches off for
   the rest of the document after the first ``<``.
4. **Byte repairs ftfy does not make**, done first so that whole-line decoding works:
   ``Â``/``Ã`` stranded at a line end (`restore_nbsp_at_eol`), 0xA0 bytes turned into
   spaces (`restore_nbsp_lost_as_space`), and ``â€�`` whose lost byte the quotes around
   it give away (`resolve_lossy_quote`).
5. **Per line** (`fix_line`): our re-decoder (`fix_mojibake_spans`) first; it decodes a
   line that is UTF-8 read as cp1252 (or cp1251, Mac Roman) from end to end in one step
   (`decode_whole_line`), and otherwise word by word, where each run of sequences must
   bring evidence (see `_redecode_token`). ftfy (corpus config: no uncurling, no
   normalization, no ligature or width changes) runs only on what is still garbled, and
   its fragment decoding must put in letters that fit their neighbours.
6. **C1 controls** nothing could decode are dropped at the end.

Fix kinds reported in ``fixes`` (counts are sequences, characters or entities repaired;
for ftfy's steps and whole-line decodes, lines):

======================  ==================================================================
``control_char``        C0 controls (except tab, LF, CR), DEL, BOM and other invisible
                        format characters, and C1 controls nothing could decode
``terminal_escape``     ANSI terminal escape sequences
``html_entity``         HTML entities and character references decoded (``&eacute;``)
``nbsp_lost_eol``       ``Â``/``Ã`` at a line end whose 0xA0 byte was lost with trailing space
``nbsp_lost_space``     ``Ã `` meant ``à``, ``Â `` meant NBSP: the 0xA0 became a space
``lossy_fffd``          ``â€�``: the lost byte restored from context (an opening ``“``), or
                        a lead byte dropped before ``�`` as ftfy does
``encoding``            UTF-8 read as cp1252 / Latin-1 (``Ã©``), whole lines or spans,
                        once or several times
``cp1251``              UTF-8 read as Windows-1251 (``РџСЂРёРІРµС‚``, ``Г©``)
``mac_roman``           UTF-8 read as Mac Roman (``√©``)
``c1_control``          C1 controls read as their cp1252 characters (``\\x93`` -> ``“``)
``surrogate``           surrogate pairs joined (ftfy)
======================  ==================================================================

What is deliberately left alone: Unicode normalization, curly quotes, ligatures, width,
line breaks; a single ambiguous pair that has no support around it (``Ã§`` in quotes in a
text about mojibake, ``DrÃ¥ber`` in an English line); bytes already replaced by U+FFFD
when the context does not say what they were (``caf�``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers the "sloppy-windows-*" codecs
from ftfy import chardata
from ftfy.badness import badness, is_bad
from ftfy.fixes import fix_c1_controls, remove_terminal_escapes, unescape_html

__all__ = ["repair", "DATATROVE_FTFY_CONFIG"]

# The corpus config peer pipelines run (DataTrove's FTFYFormatter): our baseline in the
# benchmarks, and the base of our own ftfy call.
DATATROVE_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization=None,
)
# ftfy config for step 5: DataTrove's, minus HTML unescaping, which we do per line
# ourselves (ftfy's "auto" switches off for the rest of a document after a "<").
_FTFY_CONFIG = DATATROVE_FTFY_CONFIG._replace(unescape_html=False, explain=True)

# --------------------------------------------------------------------------- codecs


class _Codec:
    """A single-byte codec seen as a map from characters to bytes, plus a regex matching
    runs of UTF-8 multi-byte sequences written in its characters."""

    def __init__(self, name: str, codecs: tuple[str, ...], not_leads: str = ""):
        self.name = name
        # Plain codec encoders are fastest; the translate table covers mixtures.
        self._fast_codecs = {"windows-1252": ("sloppy-windows-1252", "latin-1")}.get(codecs[0], ())
        self.char_to_byte: dict[str, int] = {}
        for byte in range(0x80, 0x100):
            defined = False
            for codec in codecs:
                char = bytes([byte]).decode(codec, errors="ignore")
                if char:
                    self.char_to_byte.setdefault(char, byte)
                    defined = True
            if not defined:
                # Undefined bytes come through as the C1 control of the same number
                # (WHATWG "sloppy" decoding).
                self.char_to_byte.setdefault(chr(byte), byte)
        self.leads2 = "".join(c for c in self._chars(0xC2, 0xDF) if c not in not_leads)
        self.leads3 = self._chars(0xE0, 0xEF)
        self.leads4 = self._chars(0xF0, 0xF4)
        self.conts = self._chars(0x80, 0xBF)
        cont = f"[{_cls(self.conts)}]"
        one = f"[{_cls(self.leads2)}]{cont}|[{_cls(self.leads3)}]{cont}{{2}}|[{_cls(self.leads4)}]{cont}{{3}}"
        self.sequence_re = re.compile(one)
        self.run_re = re.compile(f"(?:{one})+")
        # str.translate to Latin-1 code points, then encode: done in C, and it raises
        # UnicodeEncodeError for any character the codec cannot produce.
        self._to_latin1 = {ord(c): b for c, b in self.char_to_byte.items()}

    def _chars(self, lo: int, hi: int) -> str:
        return "".join(sorted(c for c, b in self.char_to_byte.items() if lo <= b <= hi))


    def to_bytes(self, text: str) -> bytes:
        for codec in self._fast_codecs:
            try:
                return text.encode(codec)
            except UnicodeEncodeError:
                pass
        return text.translate(self._to_latin1).encode("latin-1")


def _cls(chars: str) -> str:
    """Characters as the inside of a regex character class."""
    return "".join(re.escape(c) for c in sorted(set(chars)))


# cp1252 and Latin-1 differ only in 0x80-0x9F, and real text mixes both renderings
# (`â€™` next to `â\x80\x99`), so they are one codec here.
_CP1252 = _Codec("encoding", ("windows-1252", "latin-1"))
_CP1251 = _Codec("cp1251", ("windows-1251",))
# In Mac Roman, NBSP is the lead byte 0xCA: "\xa0á" would be a pair. NBSP before a letter
# is everyday typography, and the characters it would lead to (U+0280-U+02BF) are rare.
_MAC_ROMAN = _Codec("mac_roman", ("mac_roman",), not_leads="\xa0")

# --------------------------------------------------------------------------- fast path


_TRIGGER_SINGLES = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u206a-\u206f\ufff9-\ufffc"


def _all_leads() -> str:
    """Every character that is a UTF-8 lead byte in a codec ftfy or we re-decode from."""
    leads = set()
    for codec_name in chardata.CHARMAP_ENCODINGS:
        codec = _Codec(codec_name, (codec_name,))
        leads.update(codec.leads2 + codec.leads3 + codec.leads4 + codec._chars(0xC0, 0xC1))
    for codec in (_CP1252, _CP1251, _MAC_ROMAN):
        leads.update(codec.leads2 + codec.leads3 + codec.leads4)
    return "".join(sorted(leads))


def _trigger_pattern(singles: str) -> str:
    """Build the one regex that says "something here might need repair".

    Mojibake of UTF-8 always shows a lead byte followed by a continuation byte; we take
    the union over every codec ftfy tries (ftfy cannot re-decode text without such a
    pair), with NBSP or U+FFFD also allowed after the lead byte, plus ``Â``/``Ã`` before a
    space or line end (a 0xA0 byte lost or turned into a space).
    """
    leads, conts = set(), set()
    for codec_name in chardata.CHARMAP_ENCODINGS:
        codec = _Codec(codec_name, (codec_name,))
        leads.update(codec.leads2 + codec.leads3 + codec.leads4 + codec._chars(0xC0, 0xC1))
        conts.update(codec.conts)
    for codec in (_CP1252, _CP1251, _MAC_ROMAN):
        leads.update(codec.leads2 + codec.leads3 + codec.leads4)
        conts.update(codec.conts)
    conts.update("\xa0\ufffd")
    # "Â"/"Ã" before a space or line end: the 0xA0 of NBSP or "à" lost or made a space.
    return f"[{singles}]|[{_cls(''.join(leads))}][{_cls(''.join(conts))}]|[ÂÃ](?:[ \\r\\n]|\\Z)"


# An HTML entity or character reference as ftfy's unescape_html decodes them (with ";").
_ENTITY_PATTERN = "&#?[0-9A-Za-z]{1,24};"
_TRIGGER_RE = re.compile(_trigger_pattern(_TRIGGER_SINGLES + "\ufffd") + "|" + _ENTITY_PATTERN)
# What ftfy could still act on once entities are decoded and C1 controls handled: a lone
# "&" or "�" is no reason to call it.
_FTFY_TRIGGER_RE = re.compile(_trigger_pattern(_TRIGGER_SINGLES))
# The first character of anything _TRIGGER_RE matches. A single character class is
# searched by a fast C loop; the full pattern is then tried only where it could start.
_TRIGGER_START_RE = re.compile(f"[{_TRIGGER_SINGLES}\ufffd&{_cls(_all_leads())}]")
_ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ENTITY_TRIGGER_RE = re.compile(_ENTITY_PATTERN)


def might_need_repair(text: str) -> bool:
    """Cheap test: can any repair step change this text? False means surely not.

    >>> might_need_repair("It’s “fine” — café, naïve, Москва")
    False
    >>> might_need_repair("cafÃ©")
    True
    """
    if text.isascii():
        return _ASCII_CONTROL_RE.search(text) is not None or ("&" in text and _ENTITY_TRIGGER_RE.search(text) is not None)
    search, match, pos = _TRIGGER_START_RE.search, _TRIGGER_RE.match, 0
    while True:
        start = search(text, pos)
        if start is None:
            return False
        if match(text, start.start()):
            return True
        pos = start.start() + 1


# --------------------------------------------------------------------------- control chars

# C0 controls except \t \n \r, DEL, and what ftfy's remove_control_chars also drops
# (BOM, deprecated format chars, interlinear annotation chars).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u206a-\u206f\ufff9-\ufffc]+")
_C1_RE = re.compile("[\x80-\x9f]+")


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


# --------------------------------------------------------------------------- HTML entities

# A '<' that starts markup; a lone '<' as in "<3", "<- back" or "<&euro;5" is just text.
_MARKUP_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|!--|!\[CDATA\[|!DOCTYPE|\?xml)", re.I)
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def unescape_entities_per_line(text: str) -> tuple[str, int]:
    """Decode HTML entities line by line, leaving lines that contain markup alone.

    Double escaping (``&amp;eacute;``) is undone too. ftfy's own "auto" mode stops
    unescaping for the rest of the document once it meets a ``<``; here a ``<`` only
    protects its own line, and only if it starts a tag.

    >>> unescape_entities_per_line("5 <3\\nS&amp;eacute;rie &lt;b&gt;")
    ('5 <3\\nSérie <b>', 3)
    >>> unescape_entities_per_line("<p>caf&eacute;</p>")
    ('<p>caf&eacute;</p>', 0)
    """
    if "&" not in text or not re.search(_ENTITY_PATTERN, text):
        return text, 0
    count = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "&" not in line or _MARKUP_RE.search(line):
            continue
        for _ in range(3):  # "&amp;amp;eacute;" needs up to three rounds
            decoded = unescape_html(line)
            if decoded == line:
                break
            count += len(_ENTITY_RE.findall(line)) - len(_ENTITY_RE.findall(decoded))
            line = decoded
        lines[i] = line
    return "\n".join(lines), count


# --------------------------------------------------------------------------- NBSP at EOL

# Any cp1252 UTF-8 sequence: evidence that the document is mojibake.
# Starts with the character class, so the search is a fast scan for Â/Ã.
_EOL_NBSP_RE = re.compile(r"([ÂÃ])(?=[ \t]*(\r?\n(.)?|\Z))", re.S)


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
    """
    if "Â" not in text and "Ã" not in text:
        return text, 0
    count = 0
    has_evidence = None

    def fix(match: re.Match) -> str:
        nonlocal count, has_evidence
        stranded, next_char = match.group(1), match.group(3)
        if match.start() == 0:
            return stranded
        before = text[match.start() - 1]
        if before.isupper() or before.isspace() and stranded == "Â":
            return stranded
        if before.isspace() or before in "\n\r":
            if has_evidence is None:
                has_evidence = _CP1252.sequence_re.search(text) is not None
            if not (has_evidence or (next_char and (next_char.islower() or next_char.isdigit()))):
                return stranded
        count += 1
        return "" if stranded == "Â" else "Ã\xa0"

    return _EOL_NBSP_RE.sub(fix, text), count


# Lead characters that, followed by the byte 0xA0, make a character real text uses:
# cp1252 Â Ã Å Æ Î Ð × -> NBSP à Š Ơ Π Р נ; cp1251 Г Р -> à Р. (cp1251 "В" would be
# NBSP, but "В" is also a Russian and Ukrainian word.)
_A0_LEADS_CP1252 = "ÂÃÅÆÎÐ×"
_A0_LEADS_CP1251 = "ГР"
# Group 1: glued to the end of a lowercase word, a digit or punctuation; group 2: alone
# (after a space or at the start of a line) and not before a capital or a digit.
# Group 3: "Â" after a capital ("AÂ letartÃ³ztatÃ¡s"): no word ends in a capital Â.
_NBSP_AS_SPACE_RE = re.compile(
    rf"(?<=[^\sA-ZÀ-ÞА-Я])([{_A0_LEADS_CP1252}{_A0_LEADS_CP1251}]) "
    rf"|(?:(?<=\s)|^)([{_A0_LEADS_CP1252}{_A0_LEADS_CP1251}]) (?=[^\r\nA-Z0-9])"
    r"|(?<=[A-ZÀ-Þ])(Â) ",
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

    def fix(match: re.Match) -> str:
        nonlocal count
        glued, alone = match.group(1), match.group(2)
        lead = glued or alone or match.group(3)
        if glued and text[match.start() - 1 : match.start()].isupper():
            return match.group()  # a capital outside Latin-1 ("ĐÃ " in Vietnamese)
        if not (glued and lead in "ÂÃ") and not has_evidence(lead):
            return match.group()
        if lead in "ÃГ" and text[match.end() : match.end() + 1].isalnum():
            # "Ã" + space + a word is ambiguous: "à" whose 0xA0 became the space
            # ("NgoÃ i" for "Ngoài", "Ã s" for Portuguese "às"), or "à" whose 0xA0 was
            # lost before a real space ("jusqu'Ã nos", "Ã la"). ftfy's restore_byte_a0
            # knows the common words; we step in only for "Ã" glued to a word in a
            # document whose 0xA0 bytes visibly turned into spaces ("vÃ  cÃ¡c").
            if alone or not _A0_AS_SPACE_RE.search(text):
                return match.group()
        count += 1
        # "Ã " alone is "à" whose 0xA0 either became the space ("Ã  la", "Ã Â ") or was
        # dropped before a real space ("Ã s'Ã©"): keep the space in the second case.
        return lead + "\xa0"

    return _NBSP_AS_SPACE_RE.sub(fix, text), count


def finish_nbsp_at_eol(text: str) -> str:
    """Decode a restored ``Ã\\xa0`` at a line end that the rest of the line did not carry.

    >>> finish_nbsp_at_eol("motif Ã\\xa0\\nreproduire")
    'motif à\\nreproduire'
    """
    return re.sub(r"Ã\xa0(?=[ \t]*(?:\r?\n|\Z))", "à", text)


# --------------------------------------------------------------------------- lossy U+FFFD

# "â€" + U+FFFD: a cp1252 decode with errors="replace" lost the third byte of
# E2 80 xx. Only 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252, i.e. U+2001,
# U+200D (ZWJ), U+200F (RLM), U+2010 (hyphen) or U+201D (”).
_LOSSY_QUOTE_RE = re.compile("(â(?:€|\x80))\ufffd")
_OPEN_QUOTE_RE = re.compile("â(?:€|\x80)(?:œ|\x9c)|“")
_CLOSE_QUOTE_RE = re.compile("â(?:€|\x80)(?:\x9d|\ufffd)|”")


def resolve_lossy_quote(text: str) -> tuple[str, int]:
    """Restore ``â€�`` as ``â€\\x9d`` (that is, ``”``) when an opening ``“`` is waiting.

    The lost byte can be one of five; of them only ``”`` closes a quote, so an unclosed
    ``“`` earlier on the same line (or a word character right before, followed by a
    space, punctuation or the end) settles it. Otherwise the sequence is left for ftfy,
    which turns it into a single ``�``.

    >>> resolve_lossy_quote("â€œHe saidâ€� no.")
    ('â€œHe saidâ€\\x9d no.', 1)
    >>> resolve_lossy_quote("x â€� y")
    ('x â€� y', 0)
    """
    if "\ufffd" not in text:
        return text, 0
    count = 0

    def fix(match: re.Match) -> str:
        nonlocal count
        # The line so far, at most 2,000 characters back: quotes pair up within sentences,
        # and a bound keeps one huge line from costing quadratic time.
        start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 2000)
        before = text[start : match.start()]
        opened = len(_OPEN_QUOTE_RE.findall(before)) > len(_CLOSE_QUOTE_RE.findall(before))
        after = text[match.end() : match.end() + 1]
        prev = before[-1:] if before else ""
        glued = prev.isalnum() or prev in ".,!?;:)" and prev != ""
        if opened or (glued and (after == "" or not after.isalnum())):
            count += 1
            return match.group(1) + "\x9d"
        return match.group()

    return _LOSSY_QUOTE_RE.sub(fix, text), count


# --------------------------------------------------------------------------- ftfy

_FTFY_STEP_KINDS = {
    "restore_byte_a0": "nbsp_lost_space",
    "replace_lossy_sequences": "lossy_fffd",
    "decode_inconsistent_utf8": "encoding",
    "fix_c1_controls": "c1_control",
    "fix_surrogates": "surrogate",
    "remove_terminal_escapes": "terminal_escape",
    "remove_control_chars": "control_char",
}


def _lines(text: str) -> list[str]:
    """Split after each newline only (str.splitlines also splits at U+0085, which is a
    C1 control inside Latin-1 mojibake, and at other separators ftfy keeps in a line).

    >>> _lines("a\\x85b\\nc")
    ['a\\x85b\\n', 'c']
    """
    return _LINE_RE.findall(text)


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def _ftfy_step_kind(step) -> str:
    """Our fix kind for one step of ftfy's explanation."""
    if step.action == "encode":
        return {"sloppy-windows-1251": "cp1251", "macroman": "mac_roman"}.get(step.parameter, "encoding")
    return _FTFY_STEP_KINDS.get(step.parameter, "encoding")


def _new_letters_fit(before: str, after: str) -> bool:
    """Does every letter that a fix put in fit the script of the letters around it?

    >>> _new_letters_fit("VIÐ\xa0ERUM", "VIРERUM"), _new_letters_fit("cafÃ© au lait", "café au lait")
    (False, True)
    """
    old_chars = set(before)
    for k, char in enumerate(after):
        if char in old_chars or not char.isalpha():
            continue
        script = _script(char)
        for neighbour in (after[k - 1 : k], after[k + 1 : k + 2]):
            if neighbour.isalpha() and neighbour in old_chars and _script(neighbour) != script:
                return False
    return True


# A capital Latin-1 letter that could be a lead byte, followed by NBSP, after two more
# capitals and not before a lowercase letter: an all-caps word before a no-break space ("SELKÄ\xa0EDELLÄ", "MISUTÂ\xa0AJIKKO"),
# not the UTF-8 bytes of "Ġ" or of a NBSP.
_CAPS_NBSP_RE = re.compile("(?<=[A-ZÀ-Þ]{2})[Â-ß]\xa0(?![a-zß-ÿ])")


def _only_caps_nbsp_pairs(line: str) -> bool:
    """Are all the line's cp1252 sequences capitals before NBSP in an all-caps word?
    Then it is typography, whatever ftfy makes of it.

    >>> _only_caps_nbsp_pairs("MISUTÂ\xa0AJIKKO"), _only_caps_nbsp_pairs("CAFÃ\xa0 cafÃ©")
    (True, False)
    """
    caps = len(_CAPS_NBSP_RE.findall(line))
    return caps > 0 and caps == _count_sequences(line, _CP1252)


def _ftfy_line(line: str, fixes: Counter) -> str:
    """Run ftfy on one line, and record what it did in ``fixes``.

    >>> fixes = Counter()
    >>> _ftfy_line("cafÃ©", fixes), dict(fixes)
    ('café', {'encoding': 1})
    """
    if not might_need_repair(line):
        return line
    fixed, steps = ftfy.fix_and_explain(line, _FTFY_CONFIG)
    if fixed != line and _only_caps_nbsp_pairs(line):
        return line
    fragments = any(step.parameter == "decode_inconsistent_utf8" for step in steps or ())
    if fixed != line and fragments and (_count_evidence(line, _CP1252) < 2 or not _new_letters_fit(line, fixed)):
        # ftfy's fragment decoding (decode_inconsistent_utf8) can turn a clean capital
        # plus a sign into a letter of another script ("VIÐ\xa0ERUM" -> "VIРERUM"), or a
        # lone pair into a letter ("IRMÃ”" -> "IRMÔ"): lone pairs are our decoder's call.
        return line
    if fixed != line:
        kinds = {_ftfy_step_kind(step) for step in steps or () if step.action != "decode"}
        for kind in kinds or {"encoding"}:
            fixes[kind] += 1
    return fixed


# --------------------------------------------------------------------------- spans

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


def _is_plausible_char(char: str, european_only: bool) -> bool:
    """Could this character be what a garbled sequence stood for?"""
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


def _decode_run(run: str, codec: _Codec) -> tuple[str, int, int]:
    """Decode each valid UTF-8 sequence in a run; return (text, sequences, longest)."""
    try:
        decoded = codec.to_bytes(run).decode("utf-8")
        return decoded, len(decoded), max(len(c.encode("utf-8")) for c in decoded)
    except UnicodeDecodeError:
        pass
    count = longest = 0

    def one(match: re.Match) -> str:
        nonlocal count, longest
        try:
            char = codec.to_bytes(match.group()).decode("utf-8")
        except UnicodeDecodeError:
            return match.group()
        count += 1
        longest = max(longest, len(match.group()))
        return char

    return codec.sequence_re.sub(one, run), count, longest




@functools.lru_cache(maxsize=64)
def _input_sequences(original: str, codec: _Codec) -> frozenset:
    """The codec's runs and sequences in the input line."""
    runs = codec.run_re.findall(original)
    return frozenset(runs) | frozenset(seq for run in runs for seq in codec.sequence_re.findall(run))


def _was_in_input(run: str, original: str, codec: _Codec) -> bool:
    """Was this run, or each of its sequences, already in the input line?"""
    known = _input_sequences(original, codec)
    return run in known or all(seq in known for seq in codec.sequence_re.findall(run))


def _redecode_token(
    token: str, codec: _Codec, strong_line: bool, line: str = "", original: str | None = None
) -> tuple[str, int]:
    """Re-decode the garbled runs of one token, repeatedly (double encoding); return the
    result and the number of sequences decoded, or (token, 0) if not convincing.

    >>> _redecode_token("zÃƒÂ¡roveÃ…Ë†", _CP1252, strong_line=True)
    ('zároveň', 4)
    """
    current, total = token, 0
    for round_ in range(3):
        # Decoded text can by chance look like another pair ("Ã‡â€™" -> "Ç’" -> "ǒ"). A
        # later round is for double encoding: it goes on if the word still looks bad, or
        # for runs that are evidence on their own ("cÃ¡Â»Â§a" -> "cá»§a" -> "của").
        still_bad = round_ > 0 and (is_bad(current) or _has_mixed_scripts(current))
        pieces, last = [], 0
        for match in codec.run_re.finditer(current):
            decoded, count, longest = _decode_run(match.group(), codec)
            if not count:
                continue
            for _ in range(2):
                # A run that decodes to another run that still looks bad is doubly
                # encoded ("Ã•Â«" -> "Õ«" -> "ի"): finish it here, where the outer layer
                # is the evidence. ("ÃŸâ€\x9d" -> "ß”" is also a pair, but looks fine.)
                if not codec.run_re.fullmatch(decoded):
                    break
                inner, inner_count, _ = _decode_run(decoded, codec)
                if not inner_count or _C1_RE.search(inner):
                    break
                if not (is_bad(decoded) or _C1_RE.search(decoded) or _is_new_script_of_the_line(decoded, inner, line)):
                    break
                decoded = inner
            european = codec is not _CP1252
            if not all(_is_plausible_char(c, european) for c in decoded if c not in match.group()):
                continue
            # (A decoded run that is itself a sequence is the middle layer of a double
            # encoding: "Ã\x90Â´" -> "Ð´" -> "д"; its script says nothing yet.)
            if not codec.sequence_re.search(decoded) and not _fits_neighbours(
                current, match.start(), match.end(), decoded
            ):
                continue
            # The line's or document's evidence vouches for a run that was in the input,
            # but not for one that ftfy's output formed by chance ("Ã‡â€™" became "Ç’",
            # which is C7 92 again).
            in_input = original is None or _was_in_input(match.group(), original, codec)
            if not (
                (round_ == 0 and strong_line and in_input)
                or still_bad
                or _has_own_evidence(current, match, codec, decoded, count, longest, line)
            ):
                continue
            pieces.append(current[last : match.start()])
            pieces.append(decoded)
            last = match.end()
            total += count
        if not pieces:
            break
        pieces.append(current[last:])
        current = "".join(pieces)
    if total == 0 or is_bad(current):
        return token, 0
    return current, total


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
        return all(_TYPICAL_DECODE_RE.match(c) or c.isascii() for c in decoded) and not _has_mixed_scripts(decoded)
    if count >= 2 or _C1_RE.search(match.group()):
        return True
    if longest >= 3 and _is_lone_symbol_or_standalone(token, match, decoded, line):
        return True
    if codec is not _CP1252:
        return _glued_to_letters(token, match, codec)
    return (
        _is_cp1252_pair_inside_word(token, match, decoded)
        or _is_pair_of_the_lines_alphabet(token, match, decoded, line)
        or _is_pair_in_a_lowercase_word_of_a_diacritic_line(token, match, decoded, line)
        or (match.group()[0] == "Â" and "\xa1" <= match.group()[1] <= "\xbf")
        or _is_nbsp_after_lowercase(token, match)
    )


def _is_nbsp_after_lowercase(token: str, match: re.Match) -> bool:
    """``Â\xa0`` (NBSP read as cp1252) after a lowercase letter, digit or punctuation:
    no word ends in a capital Â (``keÂ\xa0babala``, ``apertureÂ\xa0of``).

    >>> _is_nbsp_after_lowercase("keÂ\xa0babala", _CP1252.run_re.search("keÂ\xa0babala"))
    True
    """
    before = token[match.start() - 1 : match.start()]
    return match.group() == "Â\xa0" and before != "" and not before.isupper() and not before.isspace()


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
    before = token[match.start() - 1 : match.start()]
    after = token[match.end() : match.end() + 1]
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
    Real text does not put ``›``, ``‚`` or ``™`` between lowercase letters.

    >>> m = _CP1252.run_re.search("PrzeÅ‚om")
    >>> _is_cp1252_pair_inside_word("PrzeÅ‚om", m, "ł")
    True
    >>> m = _CP1252.run_re.search("DrÃ¥ber")
    >>> _is_cp1252_pair_inside_word("DrÃ¥ber", m, "å")
    False
    """
    pair = match.group()
    if len(pair) != 2 or not decoded.isalpha() or pair[1] not in _CP1252_ONLY_CONTS:
        return False
    before = token[match.start() - 1 : match.start()]
    after = token[match.end() : match.end() + 1]
    return before.islower() or after.islower() or (before.isupper() and after.isupper() and decoded.isupper())


def _is_pair_of_the_lines_alphabet(token: str, match: re.Match, decoded: str, line: str) -> bool:
    """One 2-byte pair is evidence when it decodes to a letter the same line already uses
    in clean form, and the pair is part of a lowercase word or a word on its own:
    ``foreslÃ¥s`` in a line with ``måten``. A pair in quotes or next to capitals, as in
    text about mojibake (``vê “Ã§” em vez de “ç”``), does not count.

    >>> line = "Denne måten Ã¥ se"
    >>> m = _CP1252.run_re.search("Ã¥")
    >>> _is_pair_of_the_lines_alphabet("Ã¥", m, "å", line)
    True
    """
    pair = match.group()
    if len(pair) != 2 or not decoded.isalpha() or decoded not in _non_ascii_letters(line):
        return False
    before = token[: match.start()]
    after = token[match.end() :].rstrip(",.;:!?")
    if not before and not after:
        return True
    return (before[-1:].islower() or not before) and (after[:1].islower() or not after) and (
        before[-1:].isalpha() or after[:1].isalpha()
    )


_MAC_MATH_LEADS = set("¬√ƒ≈∆÷◊⁄‡·‚„‰")


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"})


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """Rough script of a letter: the first word of its Unicode name (LATIN, CYRILLIC,
    ARMENIAN...), with Japanese kana and CJK ideographs as one.

    >>> _script("ə"), _script("ж"), _script("の"), _script("中")
    ('LATIN', 'CYRILLIC', 'CJK', 'CJK')
    """
    word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
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


def _fits_neighbours(text: str, start: int, end: int, decoded: str) -> bool:
    """Is the decoded text's first letter of the same script as the letters right
    before and after the run? Mojibake of a Latin word decodes to Latin letters; a
    Cyrillic letter in the middle of a French word (``“été”`` read as Mac Roman gives
    ``Ҏté”``) is a coincidence.

    Digits and symbols outside the common punctuation, symbol and emoji blocks count by
    their script too: "weiß…" read as UTF-8 gives an NKo digit after a Latin letter.

    >>> _fits_neighbours("“été”", 0, 2, "Ҏ"), _fits_neighbours("dÃ©velopper", 1, 3, "é")
    (False, True)
    >>> _fits_neighbours("weiß…", 3, 5, "\u07c5"), _fits_neighbours("ab€", 2, 3, "€")
    (False, True)
    >>> _fits_neighbours("VOCÊ”.", 3, 5, "ʔ"), _fits_neighbours("SÃ¸r", 1, 3, "ø")
    (False, True)
    """
    letter = next((c for c in decoded if _has_script(c)), None)
    if letter is None:
        return True
    script = _script(letter)
    for neighbour in (text[start - 1 : start], text[end : end + 1]):
        if neighbour.isalpha() and _script(neighbour) != script:
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


def _has_mixed_scripts(token: str) -> bool:
    """Does a word mix letters of different scripts (``МүрсейіттіÒ£``)?

    >>> _has_mixed_scripts("МүрсейіттіÒ£"), _has_mixed_scripts("YARILGAÇ’ın")
    (True, False)
    """
    return len({_script(c) for c in token if c.isalpha()}) > 1


# Lowercase letters that languages write every day: Latin-1, Latin Extended-A, and
# Vietnamese ơ ư, Romanian ș ț (not IPA letters such as "ɔ", which "É”" decodes to).
_COMMON_LOWERCASE_RE = re.compile("[\u00df-\u017f\u01a1\u01b0\u0219\u021b]")


@functools.lru_cache(maxsize=64)
def _non_ascii_letters(line: str) -> Counter:
    """How often each non-ASCII letter occurs in the line (cached: asked once per pair)."""
    return Counter(c for c in line if c > "\x7f" and c.isalpha())


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
    """
    if len(match.group()) != 2 or not (decoded.islower() and _COMMON_LOWERCASE_RE.match(decoded)):
        return False
    before = token[: match.start()]
    after = token[match.end() :].rstrip(",.;:!?)")
    if not before and not after:
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
    in_token = _non_ascii_letters(token)
    return any(n > in_token[c] and _script(c) == script for c, n in _non_ascii_letters(line).items())


def _glued_to_letters(token: str, match: re.Match, codec: _Codec) -> bool:
    """A single sequence counts as evidence when it sits inside a word written in another
    script or is a symbol between letters: ``zemljiЕЎte`` (cp1251), ``Ver≈ùajne`` (Mac)."""
    before = token[match.start() - 1 : match.start()]
    after = token[match.end() : match.end() + 1]
    lead = match.group()[0]
    if "\xa0" in match.group():
        return False  # a letter before NBSP is typography ("З\xa0XVII")
    if codec is _CP1251:
        # Only a Latin letter glued to Latin letters: "РІSА" (Cyrillic + S) stays.
        decoded = codec.to_bytes(match.group()).decode("utf-8", errors="replace")
        latin = decoded.isalpha() and _script(decoded[0]) == "LATIN"
        return latin and ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()))
    # Mac Roman leads for Latin letters are math symbols (√ ≈ ∆ ƒ); glued to a word they
    # are not text. Quotes, dashes and guillemets are glued to words all the time.
    return lead in _MAC_MATH_LEADS and (before.isalpha() or after.isalpha())


_SPAN_CODECS = (_CP1252, _CP1251, _MAC_ROMAN)


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


def _count_sequences(text: str, codec: _Codec) -> int:
    """How many UTF-8 sequences in this codec's characters the text holds.

    >>> _count_sequences("GÃ¦ster pÃ¥ Ã¢â‚¬Å“", _CP1252)
    5
    """
    return len(codec.sequence_re.findall(text))


# What cp1251 and Mac Roman mojibake of real text decodes to, most of the time: Latin
# letters, basic Cyrillic, Greek, typographic punctuation. ("УІ" in capitals would be
# "Ӳ", an extended Cyrillic letter: a coincidence.)
_TYPICAL_DECODE_RE = re.compile("[\u00c0-\u024f\u0386-\u03ce\u0400-\u045f\u1e00-\u1eff\u2013-\u2026\u20ac]")


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
            # A lone pair counts inside a word only: "«Été»" is Mac Roman "ǃté»".
            before = text[run.start() - 1 : run.start()]
            after = text[run.end() : run.end() + 1]
            if not (before.isalpha() and after.isalpha()):
                continue
        for sequence in sequences:
            if "\xa0" in sequence:
                continue
            try:
                char = codec.to_bytes(sequence).decode("utf-8")
            except UnicodeDecodeError:
                continue
            count += bool(_TYPICAL_DECODE_RE.match(char)) and _fits_neighbours(text, run.start(), run.end(), char)
    return count


def fix_mojibake_spans(text: str, fixes: Counter, original: str | None = None) -> str:
    """Re-decode garbled spans that whole-line decoding could not reach.

    ftfy decodes a line as a whole or not at all, so a line that mixes a garbled span
    with clean non-Latin-1 text (``GÃ¦ster ... gør``), or characters garbled once and
    twice (``zÃƒÂ¡roveÃ…Ë†``), stays broken. Here every whitespace-separated token is
    re-decoded on its own, for cp1252/Latin-1, cp1251 and Mac Roman (the codec with most
    sequences in the line first), and up to three times (double encoding). A run of
    garbled characters changes only when

    - it decodes as valid UTF-8 to plausible characters (no controls or unassigned code
      points; for cp1251 and Mac Roman only European letters and punctuation),
    - there is evidence beyond one ambiguous pair (`_has_own_evidence`): two sequences in a
      row, a C1 control, a 3-byte punctuation sequence, a pair that cannot be part of a
      real word; or the line or document (``original``, before any fixing) holds enough
      sequences of the same codec to vouch for it, and
    - the word no longer looks bad to ftfy's badness check afterwards.

    >>> fixes = Counter()
    >>> fix_mojibake_spans("Dansk gør GÃ¦ster pÃ¥ ferie", fixes), dict(fixes)
    ('Dansk gør Gæster på ferie', {'encoding': 2})
    >>> fix_mojibake_spans("Se você vê “Ã§” em vez de “ç”", fixes)
    'Se você vê “Ã§” em vez de “ç”'
    """
    evidence = _document_evidence(original if original is not None else text)
    return "".join(_fix_spans_in_line(line, evidence, fixes, original) for line in _lines(text))


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


_LEAD_BYTES = bytes(range(0xC2, 0xF5))


def decode_whole_line(line: str, codec: _Codec) -> str | None:
    """The line re-decoded as a whole, if it is UTF-8 read as ``codec`` throughout.

    The cheap common case: every non-ASCII character is part of a valid sequence, there
    are at least two of them, and the result has no control characters (for cp1251: only
    plausible European characters). Strict decoding of a whole line is strong evidence;
    clean text with a look-alike pair nearly always holds some other non-ASCII character
    that is not part of a valid sequence. Double encoding is undone while the whole line
    still decodes and holds two or more pairs. For cp1251 and Mac Roman the pairs must
    also sit in runs or inside words ("√π √π" is math).

    >>> decode_whole_line("Ã¢â‚¬Å“ZÃƒÂ¡ruka", _CP1252)
    '“Záruka'
    >>> decode_whole_line("There are a lot of Ã’s in mojibake text", _CP1252) is None
    True
    >>> decode_whole_line("ВІКІ is Ukrainian for WIKI", _CP1251) is None
    True
    """
    current, accepted = line, None
    for round_ in range(3):
        try:
            raw = codec.to_bytes(current)
            # Once the bytes decode strictly, each lead byte starts a valid sequence.
            # (Again for double encoding only with two more: "Å—" in "10 Å—" is Å and a dash.)
            leads = len(raw) - len(raw.translate(None, _LEAD_BYTES))
            if round_ == 0 and codec is _CP1252:
                leads -= len(_CAPS_NBSP_RE.findall(current))
            if leads < 2:
                break
            decoded = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if _CONTROL_RE.search(decoded):
            break
        if codec is _CP1251 and not _mostly_european(decoded):
            # "ВІКІ" decodes, to "²ʲ"; but Arabic read as cp1251 ("Щ…ШґШ§Щ‡") decodes to
            # one script from many pairs in a row.
            if _count_evidence(current, codec) < 4 or _has_mixed_scripts(decoded):
                break
        if round_ == 0 and codec is not _CP1252 and leads < 4 and _count_evidence(current, codec, nbsp=True) < 2:
            break  # lone pairs between spaces: "√π √π" is math, not Mac Roman
        current = decoded
        # C1 controls are fine in between (UTF-8 read as Latin-1, then as cp1252), not
        # in the result.
        if not _C1_RE.search(current):
            accepted = current
    if accepted is not None and _count_sequences(accepted, codec) and is_bad(accepted):
        return None  # decodes, but into more mojibake: lowercased or otherwise mangled
    return accepted


def _fix_spans_in_line(line: str, evidence: dict, fixes: Counter, original: str | None) -> str:
    """`fix_mojibake_spans` for one line, given the document's evidence."""
    # Most garbled lines are UTF-8 read as cp1252 from end to end: try that first, it
    # costs one translate and one decode.
    whole = decode_whole_line(line, _CP1252)
    if whole is not None:
        fixes[_CP1252.name] += 1
        if not _FTFY_TRIGGER_RE.search(whole):
            return whole
        line = whole
    counts = {codec: _count_sequences(line, codec) for codec in _SPAN_CODECS}
    dominant = max(_SPAN_CODECS, key=lambda c: counts[c])
    if whole is None and dominant is not _CP1252 and counts[dominant] >= 2:
        whole = decode_whole_line(line, dominant)
        if whole is not None:
            fixes[dominant.name] += 1
            if not _FTFY_TRIGGER_RE.search(whole):
                return whole
            line = whole
            counts = {codec: _count_sequences(line, codec) for codec in _SPAN_CODECS}
    # The codec that explains most of the line goes first: in Mac Roman mojibake of
    # Cyrillic ("–†–µ—Å"), "Å–" is also a cp1252 pair, and decoding it first would
    # break the Mac Roman sequences around it.
    for codec in sorted(_SPAN_CODECS, key=lambda c: -counts[c]):
        if not counts[codec]:
            continue
        strong_line = (codec is _CP1252 and counts[codec] >= 2 and _is_mostly_mojibake(line, codec)) or evidence[
            codec
        ]

        pieces, done = [], 0
        for start, end in _words_with_runs(line, codec):
            fixed, count = _redecode_token(line[start:end], codec, strong_line, line, original)
            if count:
                fixes[codec.name] += count
                pieces += [line[done:start], fixed]
                done = end
        if pieces:
            line = "".join(pieces) + line[done:]
    return line


_SPACE_RE = re.compile(r"[ \t\r\n]")


def _words_with_runs(line: str, codec: _Codec):
    """(start, end) of each whitespace-separated word that holds a run of the codec.

    >>> list(_words_with_runs("ok cafÃ© and Ã©tÃ©", _CP1252))
    [(3, 8), (13, 18)]
    """
    end = 0
    for match in codec.run_re.finditer(line):
        if match.start() < end:
            continue
        start = max(line.rfind(" ", end, match.start()), line.rfind("\t", end, match.start())) + 1
        start = max(start, end)
        space = _SPACE_RE.search(line, match.end())
        end = space.start() if space else len(line)
        yield start, end


def _leftover(text: str) -> int:
    """How many garbled-looking sequences of any span codec remain."""
    return sum(_count_sequences(text, codec) for codec in _SPAN_CODECS)


_LOSSY_SEQUENCE_RE = re.compile(
    f"[{_cls(_CP1252.leads2)}]\ufffd|[{_cls(_CP1252.leads3)}][{_cls(_CP1252.conts)}]?\ufffd"
)


def fix_line(line: str, evidence: dict, fixes: Counter) -> str:
    """Repair one line: ftfy's answer, unless ours leaves less mojibake behind.

    Two candidates: ftfy first and our span re-decoder on whatever ftfy left unchanged
    (`_ftfy_first`), and our own order (`_ours_first`). Where they differ, ftfy's wins
    unless ours leaves strictly fewer mojibake markers (`detect.count_markers`): on an
    ambiguous line ("jusqu'Ã nos", "Ã s crianÃ§as") ftfy's model of real text decides,
    and ours is taken only where ftfy stopped short (a doubly encoded word half fixed,
    a garbled span next to clean text, ``â€�`` turned into ``�``).

    The common case costs no ftfy call: a line that is UTF-8 read as cp1252 from end to
    end (`decode_whole_line`) and decodes to text with nothing left to fix, which is
    also what ftfy makes of it.

    >>> fix_line("Spevokol sa vÃ…Â¡ak nestretol u detí", _document_evidence(""), Counter())
    'Spevokol sa však nestretol u detí'
    >>> fix_line("com especial atenÃ§Ã£o Ã s crianÃ§as", _document_evidence(""), Counter())
    'com especial atenção às crianças'
    """
    whole = decode_whole_line(line, _CP1252)
    if whole is not None and not _TRIGGER_RE.search(whole):
        fixes[_CP1252.name] += 1
        return whole
    ours_fixes: Counter = Counter()
    ours = _ours_first(line, evidence, ours_fixes)
    theirs_fixes: Counter = Counter()
    theirs = _ftfy_first(line, evidence, theirs_fixes)
    if ours != theirs and _residue(ours, line) < _residue(theirs, line):
        fixes.update(ours_fixes)
        return ours
    fixes.update(theirs_fixes)
    return theirs


def _ftfy_first(line: str, evidence: dict, fixes: Counter) -> str:
    """ftfy on the line, then our span re-decoder on what ftfy left garbled."""
    result = _ftfy_line(line, fixes)
    if _FTFY_TRIGGER_RE.search(result):
        result = _finish_line(_fix_spans_in_line(result, evidence, fixes, line), fixes)
    return result


def _finish_line(line: str, fixes: Counter) -> str:
    """C1 controls left after re-decoding are cp1252 bytes read as Latin-1."""
    if _C1_RE.search(line):
        fixes["c1_control"] += len(_C1_RE.findall(line))
        line = fix_c1_controls(line)
    return line


def _ours_first(line: str, evidence: dict, fixes: Counter) -> str:
    """ftfy first, then span re-decoding; or spans first if that leaves less behind.

    ftfy's whole-line decoding is the best fix for a line that is garbled throughout. On
    a line it cannot decode as a whole it falls back to fixing pieces, and may leave a
    doubly encoded word half fixed (``vÃ…Â¡ak`` -> ``vÅ¡ak``), which no longer matches the
    input. Then the span re-decoder is also run on the untouched line, before ftfy, and
    whichever result leaves fewer garbled sequences (then: looks less bad) wins.

    Most garbled lines are garbled throughout, and the span re-decoder alone fixes them
    completely, much faster than ftfy: when its result leaves nothing that ftfy could act
    on (`might_need_repair` is false), that result is taken as is.

    """
    spans_fixes: Counter = Counter()
    spans_first = _fix_spans_in_line(line, evidence, spans_fixes, line)
    if spans_first != line and "\ufffd" in spans_first:
        # A lead byte left before U+FFFD in a line that was mojibake: the rest of its
        # sequence is lost ("Ñ�" in "българÑ�ки"). As ftfy does, keep one U+FFFD.
        spans_first, n = _LOSSY_SEQUENCE_RE.subn("\ufffd", spans_first)
        spans_fixes["lossy_fffd"] += n
    if _C1_RE.search(spans_first):
        # What is left of C1 controls are cp1252 bytes read as Latin-1 ("\x93" for "“").
        spans_fixes["c1_control"] += len(_C1_RE.findall(spans_first))
        spans_first = fix_c1_controls(spans_first)
    if not any(match.group() in _trigger_fragments(line) for match in _FTFY_TRIGGER_RE.finditer(spans_first)):
        # Nothing left that ftfy could act on, or only pairs that our own decoding formed
        # by chance ("você“…" holds EA 93 85): ftfy would mistake those for mojibake.
        fixes.update(spans_fixes)
        return spans_first
    result = _ftfy_line(spans_first, spans_fixes)
    stale = _stale_count(result, line)
    if spans_first != line and stale:
        # Something of the input is still garbled: maybe ftfy does better on the
        # untouched line (lossy "â€?" needs the whole line).
        ftfy_fixes: Counter = Counter()
        alternative = _ftfy_first(line, evidence, ftfy_fixes)
        if _stale_count(alternative, line) < stale:
            fixes.update(ftfy_fixes)
            return alternative
    elif result != spans_first and _FTFY_TRIGGER_RE.search(result):
        result = _fix_spans_in_line(result, evidence, spans_fixes, line)
    fixes.update(spans_fixes)
    return result


def _residue(text: str, original: str) -> int:
    """How much mojibake a repair of ``original`` left: markers the validation detector
    sees, plus garbled sequences of the input still there (of any codec we know)."""
    return count_markers(text) + _stale_count(text, original) + badness(text) + _pairs_of_the_lines_script(text)


def _pairs_of_the_lines_script(text: str) -> int:
    """How many cp1252 pairs decode to a letter of a non-Latin script the text already
    writes, or to a combining mark: what a doubly encoded word leaves when only its outer
    layer was decoded (``Õ§`` in an Armenian line is ``է``, ``ØŒ`` in Persian ``،``).

    >>> _pairs_of_the_lines_script("պատրաստում Õ§ մասնագետներ"), _pairs_of_the_lines_script("Ø§ Copenhagen")
    (1, 0)
    """
    count = 0
    for sequence in _CP1252.sequence_re.findall(text):
        try:
            char = _CP1252.to_bytes(sequence).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char) == "Mn":
            count += 1
        elif _has_script(char) and _script(char) != "LATIN":
            script = _script(char)
            count += any(_script(c) == script for c in _non_ascii_letters(text))
    return count


def _stale_count(text: str, original: str) -> int:
    """How many things ftfy could act on are left in ``text`` that were in ``original``?"""
    fragments = _trigger_fragments(original)
    return sum(1 for match in _FTFY_TRIGGER_RE.finditer(text) if match.group() in fragments)


@functools.lru_cache(maxsize=64)
def _trigger_fragments(original: str) -> frozenset:
    """What `_FTFY_TRIGGER_RE` finds in a line (set lookups instead of substring
    searches keep very long lines linear)."""
    return frozenset(_FTFY_TRIGGER_RE.findall(original))


from corpus_clean.validate import MOJIBAKE_RE as _VRE, PY as _PY
_MARKER_RE = re.compile(_PY(_VRE))


def count_markers(text: str) -> int:
    return len(_MARKER_RE.findall(text))


# --------------------------------------------------------------------------- entry point


def repair(text: str) -> tuple[str, dict[str, int]]:
    """Repair mojibake and control characters; return (text, {fix kind: count}).

    Clean text comes back as the same object with ``{}``.

    >>> repair("Les dÃ©veloppeurs â€œaimentâ€� le cafÃ©")
    ('Les développeurs “aiment” le café', {'lossy_fffd': 1, 'encoding': 1})
    >>> s = "CÂMARA MUNICIPAL DE SÃO PAULO — “ok”"
    >>> repair(s)[0] is s
    True
    """
    if not might_need_repair(text):
        return text, {}
    fixes: Counter = Counter()
    fixed, n = strip_control_chars(text)
    fixes["control_char"] += n
    fixed, n = unescape_entities_per_line(fixed)
    fixes["html_entity"] += n
    fixed, n_eol = restore_nbsp_at_eol(fixed)
    fixes["nbsp_lost_eol"] += n_eol
    fixed, n = restore_nbsp_lost_as_space(fixed)
    fixes["nbsp_lost_space"] += n
    fixed, n = resolve_lossy_quote(fixed)
    fixes["lossy_fffd"] += n
    evidence = _document_evidence(fixed)
    fixed = "".join(fix_line(line, evidence, fixes) if might_need_repair(line) else line for line in _lines(fixed))
    if n_eol:
        fixed = finish_nbsp_at_eol(fixed)
    if _C1_RE.search(fixed):
        # A C1 control that nothing could decode is noise: the pipeline promises none.
        fixes["control_char"] += len("".join(_C1_RE.findall(fixed)))
        fixed = _C1_RE.sub("", fixed)
    if fixed == text:
        return text, {}
    return fixed, {kind: count for kind, count in fixes.items() if count}

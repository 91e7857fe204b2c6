"""Single-byte codecs seen as maps from characters to bytes, and regexes for the UTF-8
sequences written in their characters (cp1252/Latin-1, cp1251, Mac Roman).
"""
from __future__ import annotations

import functools
import re

import ftfy.bad_codecs  # noqa: F401  registers the "sloppy-windows-*" codecs


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
        # str.translate to Latin-1 code points, then encode: done in C, and it raises
        # UnicodeEncodeError for any character the codec cannot produce.
        self._to_latin1 = {ord(c): b for c, b in self.char_to_byte.items()}

    # The two regexes are compiled on first use, not with the codec: Python's re compiles in
    # Python (~2 ms each), and most codecs made at import (``detect``'s, only read for their
    # leads and continuations; the other code pages', for pages garbled through them) never
    # search, while every cleaning worker imports them all at its start.
    @functools.cached_property
    def sequence_re(self) -> re.Pattern:
        """One UTF-8 sequence written in the codec's characters (``_sequence_pattern``)."""
        return re.compile(_sequence_pattern(self.leads2, self.leads3, self.leads4, self.conts))

    @functools.cached_property
    def run_re(self) -> re.Pattern:
        """A run of one or more such sequences."""
        return re.compile(f"{self.sequence_re.pattern}(?:{self.sequence_re.pattern})*")

    def _chars(self, lo: int, hi: int) -> str:
        return "".join(sorted(c for c, b in self.char_to_byte.items() if lo <= b <= hi))


    def to_bytes(self, text: str) -> bytes:
        for codec in self._fast_codecs:
            try:
                return text.encode(codec)
            except UnicodeEncodeError:
                pass
        return text.translate(self._to_latin1).encode("latin-1")


def _sequence_pattern(leads2: str, leads3: str, leads4: str, conts: str) -> str:
    """A regex for one UTF-8 sequence written in a codec's characters: a lead of 2, 3 or 4
    bytes and its continuation bytes, i.e. ``[leads2][cont]|[leads3][cont]{2}|[leads4][cont]{3}``.

    Written as one class of every lead, then the continuations the lead just read wants
    (the three lead sets are disjoint bytes, so exactly one lookbehind holds): the same
    matches, but a pattern that starts with a character class lets Python's regex engine
    skip ahead to the next lead instead of trying the alternatives at every character
    (7x faster over text that is mostly not mojibake).

    >>> import re
    >>> re.findall(_sequence_pattern("Ã", "â", "ð", "©€™Ÿ"), "cafÃ© â€™ ðŸ Ã x")
    ['Ã©', 'â€™']
    """
    cont = f"[{_cls(conts)}]"
    return (f"[{_cls(leads2 + leads3 + leads4)}]"
            f"(?:(?<=[{_cls(leads2)}]){cont}|(?<=[{_cls(leads3)}]){cont}{{2}}|(?<=[{_cls(leads4)}]){cont}{{3}})")


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


def _lines(text: str) -> list[str]:
    """Split after each newline only (str.splitlines also splits at U+0085, which is a
    C1 control inside Latin-1 mojibake, and at other separators ftfy keeps in a line).

    >>> _lines("a\\x85b\\nc")
    ['a\\x85b\\n', 'c']
    """
    return _LINE_RE.findall(text)


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


_SPAN_CODECS = (_CP1252, _CP1251, _MAC_ROMAN)


def _count_sequences(text: str, codec: _Codec) -> int:
    """How many UTF-8 sequences in this codec's characters the text holds.

    >>> _count_sequences("GÃ¦ster pÃ¥ Ã¢â‚¬Å“", _CP1252)
    5
    """
    return len(codec.sequence_re.findall(text))


_LEAD_BYTES = bytes(range(0xC2, 0xF5))

"""Our re-decoder: whole lines that are UTF-8 read as a single-byte codec
(`decode_whole_line`), and otherwise word by word, each run with its own evidence
(`fix_mojibake_spans`).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from ftfy.badness import is_bad

from corpus_clean.mojibake.charmaps import _CP1251, _CP1252, _MAC_ROMAN, _Codec, _LEAD_BYTES, _SPAN_CODECS, _count_sequences, _lines  # noqa: F401  (_MAC_ROMAN: doctests)
from corpus_clean.mojibake.controls import _C1_RE, _CONTROL_RE
from corpus_clean.mojibake.detect import CAPS_NBSP_RE, _FTFY_TRIGGER_RE
from corpus_clean.mojibake.evidence import (_CLOSING_MARKS, _OPENING_MARKS, _count_evidence, _decoded_or_empty,
                                            _document_evidence, _has_own_evidence, _is_mostly_mojibake,
                                            _is_power_of_a_unit)
from corpus_clean.mojibake.scripts import (AFRICAN_REFERENCE_LETTERS, _fits_neighbours, _has_mixed_scripts,
                                           _is_new_script_of_the_line, _is_plausible_char, _mostly_european,
                                           _non_ascii_letters, _writes_three_byte_letters_only)


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
                if not (is_bad(decoded) or _C1_RE.search(decoded) or _is_new_script_of_the_line(decoded, inner, line)
                        or _sign_inside_a_word(current[: match.start()], decoded, current[match.end() :], inner)
                        or _is_an_african_letter_beside_others(inner, line, codec)):
                    break
                decoded = inner
            european = codec is not _CP1252
            if not all(_is_plausible_char(c, european) for c in decoded if c not in match.group()) and not (
                _is_power_of_a_unit(current, match, decoded, line, codec)
            ):
                continue
            # (A decoded run that is itself a sequence is the middle layer of a double
            # encoding: "Ã\x90Â´" -> "Ð´" -> "д"; its script says nothing yet.)
            if not codec.sequence_re.search(decoded) and not _fits_neighbours(
                current, match.start(), match.end(), decoded, look_alikes=codec is _CP1252
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
                # (a pair the first round formed that puts a sign inside a word: "HƿÇ£r")
                or (round_ > 0 and _sign_inside_a_word(current[: match.start()], match.group(), current[match.end() :],
                                                       decoded))
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
    if total == 0 or _still_looks_bad(current, token):
        return token, 0
    return current, total


def _is_an_african_letter_beside_others(inner: str, line: str, codec: _Codec) -> bool:
    """Is the second decoding of a doubly encoded run one letter of the African reference
    alphabet (`scripts.AFRICAN_REFERENCE_LETTERS`), on a line that writes another, clean
    or read through ``codec`` once? Baoulé "ɔ" is a word of its own: twice garbled it is
    ``Ã‰â€\x9d``, once decoded "É”", which looks like a capital and a quote mark to
    ftfy; the line's "kɛ" or ``yÉ›`` ("yɛ") says whose letters these are.

    >>> _is_an_african_letter_beside_others("ɔ", "yÉ› Ã‰â€\x9d kpɛnnin", _CP1252)
    True
    >>> _is_an_african_letter_beside_others("ɔ", "LA FÃŠTE DE L'Ã‰TÃ‰â€\x9d", _CP1252)
    False
    """
    if len(inner) != 1 or inner.lower() not in AFRICAN_REFERENCE_LETTERS:
        return False
    once = (_decoded_or_empty(sequence, codec) for sequence in codec.sequence_re.findall(line))
    return any(char.lower() in AFRICAN_REFERENCE_LETTERS for char in [*_non_ascii_letters(line), *"".join(once)])


def _sign_inside_a_word(before: str, middle: str, after: str, inner: str) -> bool:
    """Does the middle layer of a doubly encoded run put a dash, a quote mark or a
    currency sign between two letters, where its second decoding is letters? Words are
    not written so: partially fixed Cheyenne ``ka'Ã„â€”škÃ³neho`` decodes once to
    ``ka'Ä—škóneho`` and again to "ka'ėškóneho"; Old English ``HÆ¿Ã‡Â£r`` to "Hƿǣr". An
    apostrophe may stand there (Turkish ``YARILGAÇ’ın``: "Ç’" is the text), but not after
    a lone capital opening the word (Gaelic ``Ãƒâ€™ban`` → "Ã’ban" → "Òban"); a sign at a
    word's edge stays (German ``Fuß”``).

    >>> _sign_inside_a_word("ka'", "Ä—", "škóneho", "ė"), _sign_inside_a_word("YARILGA", "Ç’", "ın", "ǒ")
    (True, False)
    >>> _sign_inside_a_word("Fu", "ß”", " sagte", "ߔ")
    False
    """
    if not all(char.isalpha() or unicodedata.category(char)[0] == "M" for char in inner):
        return False
    text = before[-1:] + middle + after[:1]
    first = len(before[-1:])
    return any(unicodedata.category(text[k])[0] in "PS"
               and (text[k] not in _APOSTROPHE_LIKE or _one_capital_opens_the_word(before, middle, k - first))
               and text[k - 1 : k].isalpha() and text[k + 1 : k + 2].isalpha()
               for k in range(first, first + len(middle)))


def _one_capital_opens_the_word(before: str, middle: str, at: int) -> bool:
    """Is the apostrophe at ``middle[at]`` right after a capital that alone opens the
    word? No language elides a word to one capital of the Latin-1 row ("Ã’ban" is Gaelic
    "Òban" doubly encoded); a longer word before an apostrophe is text (Turkish "Ç’ın").

    >>> _one_capital_opens_the_word("bho ", "Ã’", 1), _one_capital_opens_the_word("YARILGA", "Ç’", 1)
    (True, False)
    """
    if at != 1 or not middle[0].isupper() or middle[0].isascii():
        return False
    return not before[-1:].isalpha()


_APOSTROPHE_LIKE = frozenset("'’‘ʼʻ`´")


# Quotes and brackets a word may be wrapped in, in any language's typography.
_WRAPPING_MARKS = _OPENING_MARKS + _CLOSING_MARKS + "){}"


def _still_looks_bad(decoded: str, token: str) -> bool:
    """Does the re-decoded word still look like mojibake to ftfy? Quotes and brackets the
    word was wrapped in from the start do not count: ftfy's badness sees a guillemet
    before a lowercase accented letter as mojibake, but Slovenian and German open
    quotations with it (``»čakaj``).

    >>> _still_looks_bad("»čakaj", "»Ä\x8dakaj"), _still_looks_bad("Ã©tÃ©", "Ã©tÃ©")
    (False, True)
    """
    if not is_bad(decoded):
        return False
    lead = len(token) - len(token.lstrip(_WRAPPING_MARKS))
    trail = len(token) - len(token.rstrip(_WRAPPING_MARKS))
    core = decoded[lead : len(decoded) - trail]
    return core == decoded or is_bad(core)


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


# A cp1252 sequence with a letter right before or after it: where mojibake sits.
_GLUED_PAIR_RE = re.compile(rf"[^\W\d_](?:{_CP1252.sequence_re.pattern})|(?:{_CP1252.sequence_re.pattern})[^\W\d_]")


@functools.lru_cache(maxsize=16)
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
            if round_ == 0 and codec is _CP1252 and "\xa0" in current:
                leads -= len(CAPS_NBSP_RE.findall(current))
            if leads < 2:
                break
            try:
                decoded = raw.decode("utf-8")
            except UnicodeDecodeError:
                if round_ or codec is not _CP1252:
                    raise
                decoded = _decode_with_a0_restored(raw)
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if round_ == 0 and codec is _CP1252 and not _GLUED_PAIR_RE.search(current) and not is_bad(current):
            break  # ftfy sees nothing wrong and no pair touches a letter: "5×£35"
        if _CONTROL_RE.search(decoded):
            break
        if codec is _CP1251 and not _mostly_european(decoded):
            # "ВІКІ" decodes, to "²ʲ"; but Arabic read as cp1251 ("Щ…ШґШ§Щ‡") decodes to
            # one script per word from many pairs in a row (the line may go on in Latin
            # letters: "yağmur başladı. تهران").
            if any(_has_mixed_scripts(word) for word in decoded.split()):
                break
            if _count_evidence(current, codec) < 4 and not _writes_three_byte_letters_only(decoded):
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


def restore_a0_inside_sequences(raw: bytes) -> tuple[bytes, list[bytes]]:
    """Put back 0xA0 bytes that became spaces inside a 3- or 4-byte sequence; return the
    bytes and the sequences restored.

    Korean "날" is EB 82 A0, read as cp1252 "ë‚" + NBSP; once the NBSP turns into a space
    the line no longer decodes. A space where a lead byte still needs continuation bytes
    has one reading only in a line that is mojibake from end to end: the lost 0xA0.
    (Two-byte sequences stay ambiguous -- "Ã " is "à" + space or "à" whose 0xA0 was lost
    -- and are left to ``nbsp.restore_nbsp_lost_as_space`` and ftfy.)

    >>> fixed, restored = restore_a0_inside_sequences("ë‚ ì”¨".encode("cp1252"))
    >>> fixed.decode("utf-8"), [s.decode("utf-8") for s in restored]
    ('날씨', ['날'])
    >>> restore_a0_inside_sequences(b"\\xc3 la")
    (b'\\xc3 la', [])
    """
    out, restored = bytearray(raw), []
    i = 0
    while i < len(out):
        lead = out[i]
        width = 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 1
        body = out[i + 1 : i + width]
        if width > 1 and len(body) == width - 1 and 0x20 in body and all(b == 0x20 or 0x80 <= b <= 0xBF for b in body):
            out[i + 1 : i + width] = body.replace(b" ", b"\xa0")
            restored.append(bytes(out[i : i + width]))
            i += width
            continue
        i += 1
    return bytes(out), restored


def _script(char: str) -> str:
    """The first word of a character's Unicode name: "HANGUL", "CJK", "DEVANAGARI"."""
    return unicodedata.name(char, "?").split(" ")[0]


def _decode_with_a0_restored(raw: bytes) -> str:
    """``raw`` decoded as UTF-8 once lost 0xA0 bytes are back inside 3- and 4-byte
    sequences, if each restored character is of a script the rest of the line writes
    ("날" among Hangul; a clean "é" before a space and a quote is no CJK "頓").
    Raises UnicodeDecodeError otherwise."""
    fixed, restored = restore_a0_inside_sequences(raw)
    decoded = fixed.decode("utf-8")
    restored_chars = {seq.decode("utf-8", "replace") for seq in restored}
    others = {_script(c) for c in decoded if c > "\x7f" and c not in restored_chars}
    if not restored or any(_script(c) not in others for c in restored_chars):
        raise UnicodeDecodeError("utf-8", raw, 0, len(raw), "no 0xA0 of the line's script to restore")
    return decoded


def _try_whole_line(line: str, codec: _Codec, fixes: Counter) -> tuple[str, bool]:
    """(the line decoded as a whole if it can be, is it finished?): finished unless ftfy
    would still find something to do in the decoded line."""
    whole = decode_whole_line(line, codec)
    if whole is None:
        return line, False
    fixes[codec.name] += 1
    return whole, not _FTFY_TRIGGER_RE.search(whole)


def _fix_spans_in_line(line: str, evidence: dict, fixes: Counter, original: str | None) -> str:
    """`fix_mojibake_spans` for one line, given the document's evidence."""
    # Most garbled lines are UTF-8 read as cp1252 from end to end: try that first, it
    # costs one translate and one decode. Then the codec with most sequences, if another.
    decoded, finished = _try_whole_line(line, _CP1252, fixes)
    if finished:
        return decoded
    counts = {codec: _count_sequences(decoded, codec) for codec in _SPAN_CODECS}
    dominant = max(_SPAN_CODECS, key=lambda c: counts[c])
    if decoded is line and dominant is not _CP1252 and counts[dominant] >= 2:
        decoded, finished = _try_whole_line(line, dominant, fixes)
        if finished:
            return decoded
        if decoded is not line:
            counts = {codec: _count_sequences(decoded, codec) for codec in _SPAN_CODECS}
    line = decoded
    # The codec that explains most of the line goes first: in Mac Roman mojibake of
    # Cyrillic ("–†–µ—Å"), "Å–" is also a cp1252 pair, and decoding it first would
    # break the Mac Roman sequences around it. Where as many sequences read both ways,
    # the longer ones explain more: "…" read as Mac Roman is ``‚Ä¶``, whose "Ä¶" is
    # cp1252's "Ķ".
    for codec in sorted(_SPAN_CODECS, key=lambda c: (-counts[c], -_characters_in_sequences(line, c) if counts[c] else 0)):
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


def _characters_in_sequences(line: str, codec: _Codec) -> int:
    """How many of the line's characters the codec's sequences take up.

    >>> _characters_in_sequences("leo‚Ä¶na walifika‚Ä¶sokoni", _MAC_ROMAN), _characters_in_sequences("leo‚Ä¶na", _CP1252)
    (6, 2)
    """
    return sum(map(len, codec.sequence_re.findall(line)))


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


def decode_lines_like_their_document(originals: list[str], repaired: list[str], fixes: Counter) -> list[str]:
    """Lines the repair left garbled, decoded like the rest of their document.

    A line that is UTF-8 read as cp1251 from end to end but short, in a script other than
    the European ones ("Ъ©Щ€Ш±", Pashto "کور": three pairs), is too little evidence on
    its own: clean Cyrillic capitals form such pairs. When other lines of the same
    document did decode whole through cp1251 into letters of that script, the document
    is cp1251 mojibake: a line whose bytes decode strictly, into letters of the scripts
    those lines wrote (combining marks allowed), no control character and no word of
    mixed scripts, is decoded too. So is a line the span repair decoded only in part
    ("ThГўu-iaМЌh" left as "Thâu-iaМЌh": the combining mark's pair, "МЌ", is no
    evidence on its own).

    >>> lines = ["Ш®ШЁШ±Щ€Щ†Щ‡\\n", "Ъ©Щ€Ш±"]
    >>> decode_lines_like_their_document(lines, ["خبرونه\\n", "Ъ©Щ€Ш±"], Counter(cp1251=1))
    ['خبرونه\\n', 'کور']
    """
    if not fixes[_CP1251.name]:
        return repaired  # no line of the page was decoded through cp1251
    scripts = set()
    for original, fixed in zip(originals, repaired):
        if fixed != original and _decoded_or_empty(original, _CP1251) == fixed:
            scripts |= {_script(c) for c in fixed if c > "\x7f" and c.isalpha()}
    if not scripts:
        return repaired
    out = []
    for original, fixed in zip(originals, repaired):
        if _count_sequences(fixed, _CP1251):
            decoded = _decoded_or_empty(original, _CP1251)
            letters = {_script(c) for c in decoded if c > "\x7f" and c.isalpha()}
            if (decoded and letters and letters <= scripts and not _CONTROL_RE.search(decoded)
                    and not any(_has_mixed_scripts(word) for word in decoded.split())):
                fixes[_CP1251.name] += 1
                fixed = decoded
        out.append(fixed)
    return out



def decode_lines_like_their_cp1252_page(originals: list[str], repaired: list[str], fixes: Counter) -> list[str]:
    """Lines left holding cp1252 sequences on a page whose other lines were decoded whole
    through cp1252 into a script other than Latin: decoded too, where their bytes decode
    strictly into letters of those scripts (digits, signs and spaces aside). A Chinese page
    garbled as a whole shows a date line ``2014å¹´`` ("2014年"): one three-byte sequence is
    too little evidence alone, but the page's other lines decoded to Chinese. A clean page
    has no line decoded whole; a Latin page is never touched here (``Ã©`` quoted in a text
    about mojibake stays).

    >>> lines = ["è¿™åº§å¤§æ¡¥\\n", "2014å¹´"]
    >>> decode_lines_like_their_cp1252_page(lines, ["这座大桥\\n", "2014å¹´"], Counter(encoding=1))
    ['这座大桥\\n', '2014年']
    """
    if not fixes[_CP1252.name] or len(originals) < 2:
        return repaired
    if not any(_CP1252.sequence_re.search(fixed) for fixed in repaired):
        return repaired  # nothing left to decide (the common page: its lines all repaired)
    scripts = set()
    for original, fixed in zip(originals, repaired):
        if fixed != original and not fixed.isascii() and _whole_cp1252_reading(original) == fixed:
            scripts |= {_script(c) for c in fixed if c > "\x7f" and c.isalpha()}
    scripts.discard("LATIN")
    if not scripts:
        return repaired
    out = []
    for original, fixed in zip(originals, repaired):
        if _CP1252.sequence_re.search(fixed):  # (left as it was, or one layer of two taken off)
            decoded = _whole_cp1252_reading(original)
            letters = {_script(c) for c in decoded if c > "\x7f" and c.isalpha()}
            if (decoded and letters and letters <= scripts and not _CONTROL_RE.search(decoded)
                    and not _C1_RE.search(decoded) and not any(_has_mixed_scripts(word) for word in decoded.split())):
                fixes[_CP1252.name] += 1
                fixed = decoded
        out.append(fixed)
    return out


def _whole_cp1252_reading(line: str) -> str:
    """The line's bytes decoded strictly as UTF-8 through cp1252, twice where the first
    decoding is itself such a line (double encoding); "" where it does not decode."""
    decoded = _decoded_or_empty(line, _CP1252)
    if decoded and _CP1252.sequence_re.search(decoded):
        decoded = _decoded_or_empty(decoded, _CP1252) or decoded
    return decoded

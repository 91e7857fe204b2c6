"""The entry point: `repair(text)` runs the steps in order, and `fix_line` chooses per
line between ftfy's answer and ours (ftfy wins unless ours leaves less mojibake).
"""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from ftfy.fixes import fix_c1_controls

from corpus_clean.mojibake.charmaps import _CP1252, _SPAN_CODECS, _lines
from corpus_clean.mojibake.controls import _C1_RE, decode_c1_as_mac_roman, strip_control_chars
from corpus_clean.mojibake.detect import count_markers, has_marker_pattern, quotes_mojibake_on_purpose, _FTFY_TRIGGER_RE, _TRIGGER_RE, might_need_repair
from corpus_clean.mojibake.entities import unescape_entities_per_line
from corpus_clean.mojibake.evidence import _document_evidence
from corpus_clean.mojibake.ftfy_config import _ftfy_line
from corpus_clean.mojibake.leftovers import decode_cp1251_sequences_of_a_latin_page, decode_sequences_left_on_a_repaired_page
from corpus_clean.mojibake.lossy import _LOSSY_SEQUENCE_RE, resolve_lossy_quote
from corpus_clean.mojibake.other_codecs import (C1_AFTER_ANOTHER_CODECS_LEAD_RE, _a_reading_of_known_letters,
                                                _capital_inside_a_lowercase_word, _second_capital_of_a_small_word,
                                                decode_a_control_pair_as_a_sign, decode_cp1252_or_another_codec,
                                                decode_line_read_as_another_codec)
from corpus_clean.mojibake.nbsp import (_STRANDED_LEAD_SPACE_RE, decode_letters_of_a_script_split_by_a_lost_a0,
                                        decode_mac_roman_ipa_letters, decode_mac_roman_ipa_letters_read_as_letters,
                                        decode_mac_roman_letters_the_page_writes,
                                        decode_mac_roman_letter_apostrophes, finish_nbsp_at_eol,
                                        restore_a0_inside_longer_sequences, restore_nbsp_at_eol,
                                        restore_nbsp_lost_as_space)
from corpus_clean.mojibake.page_codec import decode_lines_like_their_page
from corpus_clean.mojibake.scripts import _has_script, _non_ascii_letters, _script
from corpus_clean.mojibake.spans import (_fix_spans_in_line, decode_lines_like_their_cp1252_page,
                                        decode_lines_like_their_document, decode_whole_line)


def fix_line(line: str, evidence: dict, fixes: Counter, quotes_may_be_on_purpose: bool = True) -> str:
    """Repair one line: ftfy's answer, unless ours leaves less mojibake behind.

    In order, cheapest first:

    1. A line that quotes mojibake on purpose stays as it is.
    2. A line that is UTF-8 read as cp1252 from end to end (`decode_whole_line`) and
       decodes to text with nothing left to fix: what ftfy makes of it too, without
       calling ftfy. Then the same for the other single-byte codecs ftfy knows
       (`other_codecs`: cp1250, ISO-8859-2, cp1253, cp1254, cp1257, cp437), where ftfy
       mostly leaves the line as it is.
    3. Our span re-decoder, if it leaves nothing ftfy could act on (`_leaves_work_for_ftfy`)
       and the line holds no C1 control after another code page's lead (``VĂ\x96LLIG``:
       our cp1252 reading of the control would hide the sequence from ftfy).
    4. Otherwise two candidates: ftfy first, then our re-decoder on what ftfy left
       (`_ftfy_first`); and ours first, then ftfy (`_ours_first`). Where they differ,
       ftfy's wins unless ours leaves strictly less mojibake (`_residue`): on an
       ambiguous line ftfy's model of real text decides, and ours is taken only where
       ftfy stopped short (a doubly encoded word half fixed, a garbled span next to
       clean text, ``â€�`` turned into ``�``).

    >>> fix_line("Spevokol sa vÃ…Â¡ak nestretol u detí", _document_evidence(""), Counter())
    'Spevokol sa však nestretol u detí'
    >>> fix_line("com especial atenÃ§Ã£o Ã s crianÃ§as", _document_evidence(""), Counter())
    'com especial atenção às crianças'
    """
    if quotes_may_be_on_purpose and quotes_mojibake_on_purpose(line):
        return line
    whole = decode_whole_line(line, _CP1252)
    if whole is not None and not _TRIGGER_RE.search(whole):
        other = decode_cp1252_or_another_codec(line, whole)
        fixes["other_codec" if other != whole else _CP1252.name] += 1
        return other
    sign = decode_a_control_pair_as_a_sign(line)
    if sign is not None:
        fixes["other_codec"] += 1
        return sign
    other = decode_line_read_as_another_codec(line, evidence.text)
    # Nothing left to fix means no lead and continuation *of one codec* left: Portuguese
    # "inflação" holds "çã" (a Latin-1 lead before a Mac Roman continuation), which no
    # codec decodes, so the line read through cp1253 as "inflaΓ§Γ£o" is done.
    if other is not None and _nothing_left_to_decode(other[0]):
        fixes["other_codec"] += 1
        return other[0]
    ours_fixes: Counter = Counter()
    spans_first = _spans_first(line, evidence, ours_fixes)
    if not C1_AFTER_ANOTHER_CODECS_LEAD_RE.search(line) and not _leaves_work_for_ftfy(spans_first, line):
        fixes.update(ours_fixes)
        return _unless_another_code_page_reads_it_without_a_capital_inside_a_word(line, spans_first)
    ours = _ours_first(line, spans_first, evidence, ours_fixes)
    theirs_fixes: Counter = Counter()
    theirs = _ftfy_first(line, evidence, theirs_fixes)
    if ours != theirs and _residue(ours, line) < _residue(theirs, line):
        fixes.update(ours_fixes)
        return _unless_another_code_page_reads_it_without_a_capital_inside_a_word(line, ours)
    fixes.update(theirs_fixes)
    return _unless_another_code_page_reads_it_without_a_capital_inside_a_word(line, theirs)


def _unless_another_code_page_reads_it_without_a_capital_inside_a_word(line: str, fixed: str) -> str:
    """``fixed``, unless it put a capital inside a word of small letters and one other
    code page reads the line into letters a language writes (`_a_reading_of_known_letters`):
    a lone pair too short for the whole-line decoder, Meru "Nthĩ" through ISO-8859-2
    (``NthÄŠ``), which cp1252 reads as "NthĊ".

    >>> _unless_another_code_page_reads_it_without_a_capital_inside_a_word("NthÄŠ", "NthĊ")
    'Nthĩ'

    Or second in a word of small letters (Kikuyu "Nĩkaragva", ``NÄŠkaragva``):

    >>> _unless_another_code_page_reads_it_without_a_capital_inside_a_word("NÄŠkaragva", "NĊkaragva")
    'Nĩkaragva'
    """
    if fixed == line:
        return fixed
    # (cheap test first, linear in the line: a capital the repair put in, after a small letter)
    capitals = {char for char in set(fixed) - set(line) if char.isupper()}
    if not capitals or not any(char in capitals and fixed[k - 1].isalpha() for k, char in enumerate(fixed) if k):
        return fixed
    if not (_capital_inside_a_lowercase_word(line, fixed) or _second_capital_of_a_small_word(line, fixed)):
        return fixed
    return _a_reading_of_known_letters(line, fixed)


def _nothing_left_to_decode(text: str) -> bool:
    """Does ``text`` hold no UTF-8 sequence written in the characters of a codec we
    re-decode from? A lead before a continuation is not yet a sequence: Italian
    "qualità»," (cp1252 E0 BB, a three-byte lead and one continuation) is done, so an
    ISO-8859-2 reading ``qualitĂ\xa0Âť`` of it is not handed on to ftfy, whose cp1250
    reading makes "»" a C1 control.

    >>> _nothing_left_to_decode("«Ogni anno, di ottima qualità», spiega"), _nothing_left_to_decode("cafÃ©")
    (True, False)
    """
    return not might_need_repair(text) or not any(codec.sequence_re.search(text) for codec in _SPAN_CODECS)


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


def _spans_first(line: str, evidence: dict, fixes: Counter) -> str:
    """Our span re-decoder on the line, then what is left of lossy sequences and C1
    controls."""
    spans_first = _fix_spans_in_line(line, evidence, fixes, line)
    if spans_first != line and "\ufffd" in spans_first:
        # A lead byte left before U+FFFD in a line that was mojibake: the rest of its
        # sequence is lost ("Ñ�" in "българÑ�ки"). As ftfy does, keep one U+FFFD.
        spans_first, n = _LOSSY_SEQUENCE_RE.subn("\ufffd", spans_first)
        fixes["lossy_fffd"] += n
    return _finish_line(spans_first, fixes)


def _leaves_work_for_ftfy(fixed: str, line: str) -> bool:
    """Is anything of the input line that ftfy could act on still there, a marker of
    mojibake, or a lead byte before a space that `restore_nbsp_lost_as_space` left to
    ftfy (``Г l’ouest``)? (Pairs our own decoding formed by chance, "você“…" holding
    EA 93 85, do not count: ftfy would mistake them for mojibake.)"""
    return (
        has_marker_pattern(fixed)
        or _STRANDED_LEAD_SPACE_RE.search(fixed) is not None
        or any(match.group() in _trigger_fragments(line) for match in _FTFY_TRIGGER_RE.finditer(fixed))
    )


def _ours_first(line: str, spans_first: str, evidence: dict, fixes: Counter) -> str:
    """Our span re-decoding (done: ``spans_first``), then ftfy on what it left.

    On a line ftfy cannot decode as a whole, ftfy fixes pieces and may leave a doubly
    encoded word half fixed (``vÃ…Â¡ak`` -> ``vÅ¡ak``, no longer the input's bytes); our
    re-decoder takes both layers off first.
    """
    result = _ftfy_line(spans_first, fixes)
    if result != spans_first and _FTFY_TRIGGER_RE.search(result):
        result = _fix_spans_in_line(result, evidence, fixes, line)
    return result


def _residue(text: str, original: str) -> int:
    """How much mojibake a repair of ``original`` left: markers the validation detector
    sees, plus garbled sequences of the input still there (of any codec we know)."""
    return count_markers(text) + _stale_count(text, original) + _pairs_of_the_lines_script(text)


def _pairs_of_the_lines_script(text: str, marks: bool = True) -> int:
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
            count += marks
        elif not marks and unicodedata.category(char) == "Nd" and not char.isascii():
            # (a digit of the text's script: "Û´" in an Urdu line is "۴", EXTENDED
            # ARABIC-INDIC DIGIT FOUR; counted for the second pass only)
            words = unicodedata.name(char, "").replace("-", " ").split()
            count += any(_script(c) in words for c in _non_ascii_letters(text))
        elif _has_script(char) and _script(char) != "LATIN":
            script = _script(char)
            count += any(_script(c) == script for c in _non_ascii_letters(text))
    return count


def _finish_a_layer_left(fixed: str, evidence: dict, fixes: Counter) -> str:
    """A repaired line that still holds a pair decoding to a letter of the line's own
    script other than Latin (`_pairs_of_the_lines_script`) is repaired once more: a
    partially fixed Sindhi line ``ڪØ±Ã˜Â§چÙŠ Ã›Â¾ پØ§ÃšÂ»ي`` comes out of the first
    repair as "ڪراچي Û¾ پاڻي" (the doubly encoded "۾" lost one layer), and the second
    takes the layer left. Kept only where it leaves less of that.

    >>> _finish_a_layer_left("ڪراچي Û¾ پاڻي جي قلت", _document_evidence(""), Counter())
    'ڪراچي ۾ پاڻي جي قلت'
    """
    # (Not a pair that decodes to a combining mark: capitals "ÌŽ" are a pair of one.)
    left = _pairs_of_the_lines_script(fixed, marks=False)
    if not left:
        return fixed
    again_fixes: Counter = Counter()
    again = fix_line(fixed, evidence, again_fixes)
    if _pairs_of_the_lines_script(again, marks=False) < left and count_markers(again) <= count_markers(fixed):
        fixes.update(again_fixes)
        return again
    return fixed


def _stale_count(text: str, original: str) -> int:
    """How many things ftfy could act on are left in ``text`` that were in ``original``?"""
    fragments = _trigger_fragments(original)
    return sum(1 for match in _FTFY_TRIGGER_RE.finditer(text) if match.group() in fragments)


@functools.lru_cache(maxsize=64)
def _trigger_fragments(original: str) -> frozenset:
    """What `_FTFY_TRIGGER_RE` finds in a line (set lookups instead of substring
    searches keep very long lines linear)."""
    return frozenset(_FTFY_TRIGGER_RE.findall(original))


def _repair_quotations_of_a_garbled_page(originals: list[str], repaired: list[str], evidence: dict,
                                         fixes: Counter) -> list[str]:
    """Lines left as quoting mojibake on purpose, repaired after all when other lines of
    the page were mojibake repaired outside any quotation: a page garbled as a whole
    garbles its quotations too (``"MarÃ©s"`` in a page whose other lines read
    "Ã§Ã£o"; a line that is all a quotation, ``"ì\xa0œì£¼ ë\x8f™ìª½"``). A text about
    mojibake keeps its quoted examples: none of its other lines is repaired, so it is
    never changed here.

    >>> lines = ['A reuniÃ£o comeÃ§a cedo.\\n', 'Poesia com "MarÃ©s", um livro de 1950']
    >>> first = [fix_line(line, _document_evidence(""), Counter()) for line in lines]
    >>> first[1] == lines[1]
    True
    >>> _repair_quotations_of_a_garbled_page(lines, first, _document_evidence(""), Counter())[1]
    'Poesia com "Marés", um livro de 1950'
    """
    if not any(fixed != original and not quotes_mojibake_on_purpose(original)
               for original, fixed in zip(originals, repaired)):
        return repaired
    return [fix_line(original, evidence, fixes, quotes_may_be_on_purpose=False)
            if _left_as_a_quoted_example(original, fixed) else fixed
            for original, fixed in zip(originals, repaired)]


def _left_as_a_quoted_example(original: str, fixed: str) -> bool:
    """A line the repair left as it was because it quotes mojibake on purpose.

    >>> _left_as_a_quoted_example('Le mot “cafГ©” au lieu de “café”.', 'Le mot “cafГ©” au lieu de “café”.')
    True
    """
    return fixed == original and might_need_repair(original) and quotes_mojibake_on_purpose(original)


def _quoted_examples(originals: list[str], repaired: list[str]) -> list[int]:
    """The lines (by index) that quote mojibake on purpose and that the lines' repair and
    `_repair_quotations_of_a_garbled_page` left as they are: a text about encoding errors.
    Every pass after them leaves them too (`_keep_quoted_examples`).

    >>> _quoted_examples(['Le mot “cafГ©” au lieu de “café”.', 'Bonjour'], ['Le mot “cafГ©” au lieu de “café”.', 'Bonjour'])
    [0]
    """
    return [k for k, (original, fixed) in enumerate(zip(originals, repaired))
            if _left_as_a_quoted_example(original, fixed)]


def _keep_quoted_examples(fixed: str, originals: list[str], examples: list[int]) -> str:
    """``fixed`` with the lines ``examples`` as they were in ``originals``: one check that
    every pass after the lines' repair obeys (a page pass that reads the page as one code
    page, the cp1251 pass of a Latin page, the lost-0xA0 letters...), instead of one check
    in each. (The passes keep the page's lines; where a line was added or lost, nothing is
    put back.)

    >>> _keep_quoted_examples("Le mot “café” veut dire café\\nok", ["Le mot “cafГ©” veut dire café\\n", "ok"], [0])
    'Le mot “cafГ©” veut dire café\\nok'
    """
    lines = _lines(fixed)
    if len(lines) != len(originals):
        return fixed
    for k in examples:
        lines[k] = originals[k]
    return "".join(lines)


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
    fixed, n = decode_c1_as_mac_roman(fixed)
    fixes["mac_roman"] += n
    fixed, n = unescape_entities_per_line(fixed)
    fixes["html_entity"] += n
    fixed, n_eol = restore_nbsp_at_eol(fixed)
    fixes["nbsp_lost_eol"] += n_eol
    fixed, n = restore_nbsp_lost_as_space(fixed)
    fixes["nbsp_lost_space"] += n
    fixed, n = restore_a0_inside_longer_sequences(fixed)
    fixes["nbsp_lost_space"] += n
    fixed, n = resolve_lossy_quote(fixed)
    fixes["lossy_fffd"] += n
    evidence = _document_evidence(fixed)
    originals = _lines(fixed)
    repaired = [fix_line(line, evidence, fixes) if might_need_repair(line) else line for line in originals]
    repaired = [_finish_a_layer_left(fixed, evidence, fixes) if fixed is not line else fixed
                for line, fixed in zip(originals, repaired)]
    repaired = _repair_quotations_of_a_garbled_page(originals, repaired, evidence, fixes)
    examples = _quoted_examples(originals, repaired)
    repaired = decode_lines_like_their_document(originals, repaired, fixes)
    repaired = decode_lines_like_their_cp1252_page(originals, repaired, fixes)
    repaired = decode_sequences_left_on_a_repaired_page(originals, repaired, fixes)
    fixed = "".join(decode_lines_like_their_page(originals, repaired, fixes))
    if n_eol:
        fixed = finish_nbsp_at_eol(fixed)
    # After the lines' repair: a line that is Mac Roman throughout is decoded as a whole
    # there, its apostrophes with it; these are the ones left in otherwise clean words.
    fixed, n = decode_mac_roman_letter_apostrophes(fixed)
    fixes["mac_roman"] += n
    # And a lone IPA letter read as Mac Roman ("tm…£arin"): too little for the lines'
    # repair, but no ellipsis is followed by a sign inside a word.
    fixed, n = decode_mac_roman_ipa_letters(fixed)
    fixes["mac_roman"] += n
    fixed, n = decode_mac_roman_ipa_letters_read_as_letters(fixed)
    fixes["mac_roman"] += n
    fixed, n = decode_mac_roman_letters_the_page_writes(fixed)
    fixes["mac_roman"] += n
    # And a letter of another script whose 0xA0 byte became a space ("ܒܩܡܫÜ ܝ"): the
    # lines' repair decoded the letters around it, so the script is known here.
    fixed, n = decode_letters_of_a_script_split_by_a_lost_a0(fixed)
    fixes["nbsp_lost_space"] += n
    # A Latin page whose only Cyrillic letters are cp1251 pairs ("В© 2026", "Г\xa0"):
    # ftfy leaves a lone pair, and the lines' repair had too little to go on.
    fixed, n = decode_cp1251_sequences_of_a_latin_page(fixed, read_as_cp1251=fixes["cp1251"] > 0)
    fixes["cp1251"] += n
    if examples:
        fixed = _keep_quoted_examples(fixed, originals, examples)
    if _C1_RE.search(fixed):
        # A C1 control that nothing could decode is noise: the pipeline promises none.
        fixes["control_char"] += len("".join(_C1_RE.findall(fixed)))
        fixed = _C1_RE.sub("", fixed)
    if fixed == text:
        return text, {}
    return fixed, {kind: count for kind, count in fixes.items() if count}

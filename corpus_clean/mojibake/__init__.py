"""Mojibake repair: ftfy, plus the repairs ftfy misses, without ever touching clean text.

`repair(text)` returns ``(repaired_text, fixes)`` where ``fixes`` maps a fix kind to how
many times it was applied. When nothing changes it returns the *same* str object and
``{}``. `find_markers` says what mojibake is left in a text (the
validation suite uses it), `might_need_repair` is the cheap precheck.

The principle: **ftfy decides, unless it stopped short.** ftfy's badness model was
tuned on real text, so on an ambiguous line (``jusqu'Ã nos``: "à" whose 0xA0 was lost
before a real space, or "à" whose 0xA0 became the space?) its answer is taken. Our own
repairs act where ftfy leaves text unchanged or still garbled, and only with evidence.

How it works, in order (one module per concern):

1. ``detect``: the **fast path** (`might_need_repair`). ASCII text needs only a
   control-character and an entity check; otherwise one character-class scan finds where
   a repair could start, and one precompiled pattern is tried there (a control character,
   U+FFFD, an HTML entity, a surrogate, or a UTF-8 lead byte followed by a continuation
   byte of the same single-byte codec, for each codec ftfy or we re-decode from). Text
   without one comes back untouched
   without calling ftfy. Also the **residual-mojibake markers** validation checks.
2. ``controls``: control characters are stripped.
3. ``entities``: HTML entities are decoded **line by line**; only a line that holds markup
   is left alone (ftfy's ``unescape_html="auto"`` stops for the rest of the document at
   the first ``<``).
4. ``nbsp`` and ``lossy``: **byte repairs ftfy does not make**, each only where the
   evidence is unambiguous: ``Â``/``Ã`` stranded at a line end (`restore_nbsp_at_eol`),
   0xA0 bytes turned into spaces before punctuation or in a document that shows it
   (`restore_nbsp_lost_as_space`), and ``â€�`` after an open ``“`` (`resolve_lossy_quote`).
5. ``fix_text.fix_line``, **per line**: a line that is UTF-8 read as cp1252 end to end is
   decoded in one step (``spans.decode_whole_line``: what ftfy makes of it too, at a
   fraction of the cost). Any other line gets two candidates: ftfy first (``ftfy_config``:
   DataTrove's corpus config) and then our span re-decoder (``spans``, with the evidence
   rules of ``evidence`` and ``scripts``) on what ftfy left; and our own order. ftfy's
   candidate wins unless ours leaves strictly less mojibake (markers, input sequences still
   there, ftfy's badness).
6. ``page_codec``, **per page**: one computer garbles a whole page through one code page,
   so a line too short to decide alone (a lone ``Β©``, a date ``2026Âπ¥12Êúà``), or read
   through cp1252 for want of a character of its own, decodes through the code page that
   decoded the page's other lines whole. A page garbled as a whole also has its
   quotations repaired (``fix_text._repair_quotations_of_a_garbled_page``). Where code
   pages read a page differently, a reading whose letters one language's alphabet writes
   (``alphabets``, from the studied pages) wins over ftfy's codec order.
7. At the end, **what the page's letters settle**: a letter of another script whose
   0xA0 byte became a space (Syriac ``ܒܩܡܫÜ ܝ``, `nbsp.decode_letters_of_a_script_split_by_a_lost_a0`),
   and the cp1251 pairs of a Latin page that writes no other Cyrillic (``В© 2026``,
   ``Г\xa0`` for "à", `leftovers.decode_cp1251_sequences_of_a_latin_page`).
8. C1 controls nothing could decode are dropped at the end.

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
``other_codec``         UTF-8 read whole through cp1250, ISO-8859-2, cp1253, cp1254, cp1257
                        or cp437 (``mΓ©nage``, lines)
``c1_control``          C1 controls read as their cp1252 characters (``\\x93`` -> ``“``)
``surrogate``           surrogate pairs joined (ftfy)
======================  ==================================================================

What is deliberately left alone: Unicode normalization, curly quotes, ligatures, width,
line breaks; a single ambiguous pair that has no support around it (``Ã§`` in quotes in a
text about mojibake, ``DrÃ¥ber`` in an English line); a capital before NBSP in an all-caps
word (``SELKÄ\\xa0EDELLÄ``); bytes already replaced by U+FFFD when the context does not
say what they were (``caf�``).
"""
from corpus_clean.mojibake.controls import strip_control_chars
from corpus_clean.mojibake.detect import (
    MOJIBAKE_PATTERNS,
    MOJIBAKE_RE,
    count_markers,
    find_markers,
    might_need_repair,
    python_pattern,
)
from corpus_clean.mojibake.entities import unescape_entities_per_line
from corpus_clean.mojibake.ftfy_config import DATATROVE_FTFY_CONFIG
from corpus_clean.mojibake.lossy import resolve_lossy_quote
from corpus_clean.mojibake.nbsp import finish_nbsp_at_eol, restore_nbsp_at_eol, restore_nbsp_lost_as_space
from corpus_clean.mojibake.fix_text import fix_line, repair
from corpus_clean.mojibake.spans import decode_whole_line, fix_mojibake_spans

__all__ = [
    "DATATROVE_FTFY_CONFIG",
    "MOJIBAKE_PATTERNS",
    "MOJIBAKE_RE",
    "count_markers",
    "decode_whole_line",
    "find_markers",
    "finish_nbsp_at_eol",
    "fix_line",
    "fix_mojibake_spans",
    "might_need_repair",
    "python_pattern",
    "repair",
    "resolve_lossy_quote",
    "restore_nbsp_at_eol",
    "restore_nbsp_lost_as_space",
    "strip_control_chars",
    "unescape_entities_per_line",
]

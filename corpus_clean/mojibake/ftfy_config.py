"""ftfy with the corpus config (DataTrove's FTFYFormatter), one line at a time, with the
two guards clean text needs: fragment decoding must fit its neighbours, and all-caps
words before NBSP are typography.
"""
from __future__ import annotations

import unicodedata
from collections import Counter

import ftfy

from corpus_clean.mojibake.charmaps import _CP1252
from corpus_clean.mojibake.detect import might_need_repair, only_typographic_pairs
from corpus_clean.mojibake.scripts import _script


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


_FTFY_STEP_KINDS = {
    "restore_byte_a0": "nbsp_lost_space",
    "replace_lossy_sequences": "lossy_fffd",
    "decode_inconsistent_utf8": "encoding",
    "fix_c1_controls": "c1_control",
    "fix_surrogates": "surrogate",
    "remove_terminal_escapes": "terminal_escape",
    "remove_control_chars": "control_char",
}


def _ftfy_step_kind(step) -> str:
    """Our fix kind for one step of ftfy's explanation."""
    if step.action == "encode":
        return {"sloppy-windows-1251": "cp1251", "macroman": "mac_roman"}.get(step.parameter, "encoding")
    return _FTFY_STEP_KINDS.get(step.parameter, "encoding")


def _new_letters_fit(before: str, after: str) -> bool:
    """Does every letter that a fix put in fit the script of the letters around it?

    Chinese, Japanese and Korean glue their words to Latin ones without a space ("JRは",
    "LED로", "iPhone用"): a new letter of those scripts fits beside a Latin letter (or
    beside what is left of a garbled one: "のå§‹" on the way to "の始"). A letter of an
    alphabet does not glue to Latin inside a word ("VIРERUM").

    >>> _new_letters_fit("VIÐ\xa0ERUM", "VIРERUM"), _new_letters_fit("cafÃ© au lait", "café au lait")
    (False, True)
    >>> _new_letters_fit("JRã\x81¯5", "JRは5"), _new_letters_fit("LEDë¡œ", "LED로")
    (True, True)
    >>> _new_letters_fit("пÊ¼Ã‘Â\x8dр", "пʼэр"), _new_letters_fit("Ã\x90Â¿ʼÑ\x8dÃ‘â‚¬", "пʼэÑ€")
    (True, True)
    """
    old_chars = set(before)
    # (A letter of a cp1252 sequence still left is no neighbour: ftfy decodes one layer
    # of a doubly encoded line at a time, "пʼэÑ€" on the way to "пʼэр".)
    left = None  # (computed at the first letter that does not fit: most fixes have none)
    for k, char in enumerate(after):
        if char in old_chars or not char.isalpha() or unicodedata.category(char) == "Lm":
            continue
        script = _script(char)
        for j in (k - 1, k + 1):
            neighbour = after[j] if 0 <= j < len(after) else ""
            if not neighbour.isalpha() or neighbour not in old_chars or unicodedata.category(neighbour) == "Lm":
                continue
            neighbour_script = _script(neighbour)
            if neighbour_script != script and not (script in _GLUED_TO_LATIN and neighbour_script == "LATIN"):
                if left is None:
                    left = {i for match in _CP1252.sequence_re.finditer(after) for i in range(*match.span())}
                if j not in left:
                    return False
    return True


# Scripts whose words are written glued to Latin ones ("JRは", "LED로"), no space between.
_GLUED_TO_LATIN = frozenset({"CJK", "HANGUL"})


def _ftfy_line(line: str, fixes: Counter) -> str:
    """Run ftfy on one line, and record what it did in ``fixes``.

    >>> fixes = Counter()
    >>> _ftfy_line("cafÃ©", fixes), dict(fixes)
    ('café', {'encoding': 1})
    """
    if not might_need_repair(line):
        return line
    fixed, steps = ftfy.fix_and_explain(line, _FTFY_CONFIG)
    if fixed != line and only_typographic_pairs(line):
        return line  # "MISUTÂ\xa0AJIKKO", "“IRMÃ”": typography, not bytes
    fragments = any(step.parameter == "decode_inconsistent_utf8" for step in steps or ())
    if fixed != line and fragments and not _new_letters_fit(line, fixed):
        # ftfy's fragment decoding (decode_inconsistent_utf8) can turn a clean capital
        # plus a sign into a letter of another script ("VIÐ\xa0ERUM" -> "VIРERUM").
        return line
    if fixed != line:
        kinds = {_ftfy_step_kind(step) for step in steps or () if step.action != "decode"}
        for kind in kinds or {"encoding"}:
            fixes[kind] += 1
    return fixed

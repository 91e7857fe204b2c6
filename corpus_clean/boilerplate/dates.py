"""Date lines in any language: a short line of dates and times, whatever words frame it.

A page's date line is mostly numbers, month names and times; only the few words
around them ("Publicerad ... kl", "modifica il", "Atualizado há") change with the
language, and no rule pack can list them all. So a line is a date line when it holds a
date or a time, and its other words are few: at most OTHER_WORDS_MAX, and no more
than its date's own tokens ("8 okt 2026" is three, "15/04/2026" too).

>>> is_date_line("Publicerad 8 okt 2026 kl 06.00")
True
>>> is_date_line("5 ottobre 2026 (modifica il 5 ottobre 2026 | 11:20)")
True
>>> is_date_line("The council will vote on 12 March 2026.")
False
>>> is_date_line("May the best team win")
False
>>> is_date_line("Price: £4.50"), is_date_line("Entry: 3.50 €")
(False, False)

Month, weekday and day-period names come from CLDR, as the babel package ships it (a
dependency of trafilatura's date search), for the LOCALES below: the data, not a list
written here. Only lines in a page's head or tail (``Context.in_head``/``in_tail``) that
no rule removed are looked at: a timetable inside a story stays.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

# Languages whose month and weekday names count (CLDR locale ids): Europe's, and the
# other big languages written in Latin, Cyrillic or Greek script ...
EUROPEAN_LOCALES = (
    "en de fr es it pt nl sv da nb nn fi is et lv lt pl cs sk sl hr sr bs hu ro bg mk "
    "ru uk be el tr sq ca eu gl ga cy mt lb af id ms tl sw vi az uz kk"
).split()
# ... and every other language CLDR (babel) has names for: a date line looks the same
# in Khmer, Tigrinya or Yiddish, and no list written here would know their months.
# (Language-only ids: "km", not "km_KH".)
ALL_CLDR_LANGUAGES = True


def cldr_locales() -> list[str]:
    """The locales whose calendar names count: EUROPEAN_LOCALES first, then, with
    ALL_CLDR_LANGUAGES, every language-only locale babel ships (~300)."""
    if not ALL_CLDR_LANGUAGES:
        return list(EUROPEAN_LOCALES)
    from babel import localedata

    others = sorted(i for i in localedata.locale_identifiers() if "_" not in i and i not in EUROPEAN_LOCALES)
    return list(EUROPEAN_LOCALES) + others


OTHER_WORDS_MAX = 4
WORDS_MAX = 16
SCHEDULE_MIN_LINES = 3
CALENDAR_WORDS = Path(__file__).parent / "calendar_words.txt"


def calendar_words_from_cldr() -> list[str]:
    """Lines "month <name>" and "day <name>" of ``cldr_locales()`` from babel's CLDR data:
    lower-cased month names and weekday and day-period names, wide and abbreviated
    ("month okt.", "month listopadu", "day mittwoch", "day pm"); names holding a digit
    ("M12", a locale without its own names) are left out. Reading ~300 locales
    takes seconds, so they are kept in CALENDAR_WORDS (``python -m
    corpus_clean.boilerplate.dates`` writes it; a test checks it is current)."""
    from babel import dates

    entries: set[str] = set()
    for locale in cldr_locales():
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                entries.update(f"month {name.lower()}" for name in dates.get_month_names(width, context, locale).values())
                entries.update(f"day {name.lower()}" for name in dates.get_day_names(width, context, locale).values())
        entries.update(f"day {w.lower()}" for w in dates.get_period_names(locale=locale).values())
    return sorted(e for e in entries if " " not in e.partition(" ")[2] and not any(c.isdigit() for c in e))


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], frozenset[str]]:
    """Month names and weekday / day-period names, lower-cased, from CALENDAR_WORDS.

    Names of two letters ("ma", "to") are left out, and month names of three letters
    count only with their dot ("set.", "pro."), unless they are in _SAFE_ABBREVIATIONS:
    without it they are too often words ("iPhone 11 Pro"). In scripts past Armenian
    (SYLLABLE_SCRIPTS_FROM: Hebrew, Arabic, Indic, Ethiopic, Khmer...), where a letter
    is often a syllable, two letters make a name (Tigrinya "ጥሪ")."""
    months, weekdays = set(), set()
    for entry in CALENDAR_WORDS.read_text(encoding="utf-8").split("\n"):
        kind, _, name = entry.partition(" ")
        bare = name.rstrip(".")
        syllabic = min(bare, default="a") >= SYLLABLE_SCRIPTS_FROM
        if len(bare) < (2 if syllabic else 3):
            continue
        if kind != "month":
            weekdays.add(bare)
        elif syllabic or len(bare) > 3 or bare in _SAFE_ABBREVIATIONS:
            months.update((bare, bare + "."))
        else:
            months.add(bare + ".")
    return frozenset(months), frozenset(weekdays)


# The first code point past the Latin, Greek, Cyrillic and Armenian letters.
SYLLABLE_SCRIPTS_FROM = "\u0590"
# Three-letter month names that count without a dot: English's abbreviations, the ones
# most languages share ("okt", "dez"), and whole names ("mai", "maj").
_SAFE_ABBREVIATIONS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec okt dez mai maj".split())
# A line's tokens: numbers with their separators ("07.02.2026", "17:45", "08h15", "3."),
# and words with a trailing dot ("okt.").
# A word's letters with the vowel signs and other combining marks of its script (Khmer
# "ម៉ោង", Hindi "दिसंबर"): without them a word would break into several "other words".
_LETTER = (r"(?:[^\W\d_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
           r"\u06d6-\u06ed\u0730-\u074a\u07a6-\u07b0\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f"
           r"\u135d-\u135f\u1780-\u17ff\u200c\u200d])")
TOKEN = re.compile(rf"\d+(?:[./:h-]\d+)*\.?|{_LETTER}+(?:-{_LETTER}+)*\.?")
# (year first: "2026-12-03", and "2026.12.03" / "2026/12/03" as East Asian and many
# other sites write it)
NUMERIC_DATE = re.compile(r"(?:(?:1[89]|20)\d\d([-./])[01]?\d\1[0-3]?\d|[0-3]?\d[./-][01]?\d[./-](?:(?:1[89]|20)?\d\d)|[0-3]?\d\.[01]?\d\.)")
TIME = re.compile(r"(?:[01]?\d|2[0-3])(?::[0-5]\d|[.h][0-5]\d)(?::[0-5]\d)?")
DAY_OR_YEAR = re.compile(r"(?:[12]\d|3[01]|0?[1-9]|(?:1[89]|20)\d\d)\.?")
CONNECTORS = frozenset(("de", "del", "of"))
_DIGIT = re.compile(r"\d")
# A number with a currency sign (Unicode's "Sc" category: £ € $ ¥ ₹ ₦ ...) right before or
# after it is a price: "£4.50" and "3.50 €" have a time's shape.
_CURRENCY = re.escape("".join(chr(c) for c in range(0x20, 0x20D0) if unicodedata.category(chr(c)) == "Sc"))
_PRICE = re.compile(rf"[{_CURRENCY}]\s?\d|\d\s?[{_CURRENCY}]")
# A line ending in a one-letter abbreviation ("19:22 h.", an era's "M.L."): its full stop
# is the abbreviation's, not a sentence's.
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[^\W\d_]\.$")


def ascii_digits(text: str) -> str:
    """`text` with the decimal digits of every script as ASCII digits.

    >>> ascii_digits("២០២៦ ၁၂ ٣")
    '2026 12 3'
    """
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


@lru_cache(maxsize=8192)
def is_date_line(line: str) -> bool:
    """Whether `line` is a date line (see the module's docstring; remembered per line:
    a site's date lines and menus recur on its every page). Digits of any script count
    ("ថ្ងៃទី ៣ ខែធ្នូ ឆ្នាំ ២០២៦ ម៉ោង ០៩:១៥").

    >>> is_date_line("ថ្ងៃទី ៣ ខែធ្នូ ឆ្នាំ ២០២៦ ម៉ោង ០៩:១៥"), is_date_line("3 ታሕሳስ 2026")
    (True, True)
    """
    text = line.strip()
    if not text.isascii():
        text = ascii_digits(text)
    # (a date line starts with a letter or a digit: ". 10 June 2009" or "(April 2010)."
    # is a reference's tail, broken off its line)
    if (not text or len(text) > 200 or text[-1] in "!?:" or not text[0].isalnum()
            or not _DIGIT.search(text)):
        return False
    months, weekdays = _calendar()
    if text[0].islower() and text.split()[0].strip(",.").lower() not in weekdays:
        return False  # a sentence's middle ("announced on Sept. 30"), unless a weekday opens it
    if _PRICE.search(text):
        return False  # a price, not a time: "Price: £4.50", "Entry: 3.50 €"
    n_strong = n_numbers = n_months = 0
    others = 0
    for token in TOKEN.findall(text):
        if token[0].isdigit():
            if NUMERIC_DATE.fullmatch(token):
                n_strong += 3
            elif TIME.fullmatch(token):
                n_strong += 2
            elif DAY_OR_YEAR.fullmatch(token):
                n_numbers += 1
            continue
        word = token.lower()
        if word in months:
            n_months += 1
        elif len(word.rstrip(".")) > 1 and word.rstrip(".") not in weekdays and word not in CONNECTORS:
            others += 1
    if not (n_strong or (n_months and n_numbers)):
        return False
    n_dates = n_strong + n_months + n_numbers
    if others > OTHER_WORDS_MAX or others > n_dates or others + n_dates > WORDS_MAX:
        return False
    # a full stop after words is a sentence's ("Vote on 12 March 2026."), not a date's;
    # after a one-letter abbreviation it is the abbreviation's ("Granada, 04/12/2026 - 19:22 h.")
    return not (text.endswith(".") and others and not _ABBREVIATION_END.search(text))


# A bare date in a language whose month names CLDR lacks ("Samdi 5 désanm 2026",
# "1 Disimbir 2026", "Ọfiọñ 12, 5, 2026"): a year, a day number, and a few words. (Round
# 17: a year from 1300, the Solar Hijri calendar's "۱۲ آذر ۱۴۰۵" too, in any digits.)
YEAR = re.compile(r"(?:1[3-9]|20)\d\d")
DAY = re.compile(r"(?:[12]\d|3[01]|0?[1-9])[.,]?")
BARE_DATE_WORDS_MAX = 3
_YEAR_IN = re.compile(r"(?<!\d)(?:1[3-9]|20)\d\d(?!\d)")


@lru_cache(maxsize=8192)
def is_bare_date_line(line: str) -> bool:
    """Whether `line` is a date in words no calendar list knows: one year (1300-2099), one
    or two day or month numbers (up to 31), at most BARE_DATE_WORDS_MAX other words (a
    weekday, a month, "ngondo"), nothing else, no sentence. Looked at only in a page's
    head, above its first paragraph (``mark_date_lines``): there such a line is the story's
    date line; inside a story it may be a timeline's entry.

    >>> [is_bare_date_line(t) for t in ("Samdi 5 désanm 2026", "Ọfiọñ 12, 5, 2026", "23 ܒܬܫܪܝܢ ܐܚܪܝ 2026",
    ...     "Dia tshisambombo, 5 ngondo 12 2026", "Keti Koti 2026", "Ten villages flooded in 2026",
    ...     "Naci: Coria, 1928", "Population 2026: 45 000", "۱۲ آذر ۱۴۰۵", "Tahisaasa 24, 2019 M.L.")]
    [True, True, True, True, False, False, False, False, True, True]
    """
    text = ascii_digits(line.strip()) if not line.isascii() else line.strip()
    if text.endswith(".") and _ABBREVIATION_END.search(text):
        text = text[:-1]  # (an era's abbreviation: "Tahisaasa 24, 2019 M.L.")
    if not text or text[-1] in "!?:." or not text[0].isalnum() or ":" in text or not _YEAR_IN.search(text):
        return False
    years = days = words = 0
    for token in TOKEN.findall(text):
        if token[0].isdigit():
            if YEAR.fullmatch(token):
                years += 1
            elif DAY.fullmatch(token):
                days += 1
            else:
                return False
        else:
            words += 1
    return years == 1 and 1 <= days <= 2 and words <= BARE_DATE_WORDS_MAX


def may_be_date_lines(n_digit: np.ndarray, n_words: np.ndarray, blank: np.ndarray, in_head: np.ndarray,
                      in_tail: np.ndarray) -> np.ndarray:
    """Per line, whether it may be a date line ``mark_date_lines`` looks at: a digit, few
    words, not blank, in the head or the tail (most pages have a handful of such lines).
    Over one page's arrays or a whole batch's.

    >>> may_be_date_lines(*np.array([[1, 0, 2], [3, 3, 30], [0, 0, 0], [1, 1, 1], [0, 0, 0]])).tolist()
    [True, False, False]
    """
    return (n_digit > 0) & (n_words <= WORDS_MAX) & (blank == 0) & ((in_head != 0) | (in_tail != 0))


def mark_date_lines(ctx, rule_id: str = "dates.date_line", candidates: list[int] | None = None) -> None:
    """Mark the date lines of a page's head and tail that no rule removed yet (and the
    bare dates above its first paragraph: ``is_bare_date_line``), unless
    they continue a sentence broken over lines (the line above ends in a comma, or the
    line below starts lower-case: "announced on / Sept. 30 / after the vote"), or stand
    in a run of SCHEDULE_MIN_LINES+ date lines (a schedule: "Stage 1: 10 March").
    `candidates`: the page's lines ``may_be_date_lines`` picks, when the caller found
    them over a batch's arrays (``batch.mark_date_lines_many``).
    """
    if candidates is None:
        candidates = np.flatnonzero(may_be_date_lines(ctx.stats.n_digit, ctx.stats.n_words, ctx.blank,
                                                      np.array(ctx.in_head_list), np.array(ctx.in_tail_list))).tolist()
    if not candidates:
        return
    rule = ctx.marks.rule
    content = ctx.lines.content
    # (a bare date counts only above the page's first paragraph: ``is_bare_date_line``)
    found = [i for i in candidates if rule[i] is None and (
        is_date_line(content[i]) or (ctx.prose_before[i] == 0 and is_bare_date_line(content[i])))]
    if not found:
        return
    nonblank = np.flatnonzero(~ctx.blank)
    rank = np.searchsorted(nonblank, found).tolist()  # each found line's place among the non-blank ones
    nonblank = nonblank.tolist()
    in_schedule = set()
    run: list[int] = []
    for k in rank + [None]:
        if run and (k is None or k != run[-1] + 1):
            if len(run) >= SCHEDULE_MIN_LINES:
                in_schedule.update(run)
            run = []
        if k is not None:
            run.append(k)
    for i, k in zip(found, rank):
        if k in in_schedule:
            continue
        above = content[nonblank[k - 1]].rstrip() if k else ""
        below = content[nonblank[k + 1]].lstrip() if k + 1 < len(nonblank) else ""
        if (above and rule[nonblank[k - 1]] is None and above[-1] in ",;") or (below and (below[0].islower() or below[0] in ",;)")):
            continue
        rule[i] = rule_id


if __name__ == "__main__":
    CALENDAR_WORDS.write_text("\n".join(calendar_words_from_cldr()) + "\n", encoding="utf-8")
    print(f"wrote {CALENDAR_WORDS}")

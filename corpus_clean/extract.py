"""Metadata extraction: title, byline, published date and language move into columns.

The boilerplate step has already cut the headline, byline and dateline out of the text
and labelled each cut; here we only read those labels back, so nothing is lost: what
left the text shows up in a column.
"""
from __future__ import annotations

import re
import warnings
from datetime import datetime, timezone
from functools import lru_cache

from dateutil import parser as date_parser

from corpus_clean.document import Removal

_BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|von|par|por)\s+", re.IGNORECASE)
# Earliest and latest dates we believe a published date can have; outside → None.
_MIN_YEAR, _MAX_YEAR = 1990, 2100
# Zone abbreviations common in English datelines (dateutil knows only UTC/GMT itself).
_ZONES = {name: hours * 3600 for name, hours in {
    "ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5, "MT": -7, "MST": -7, "MDT": -6,
    "PT": -8, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "JST": 9, "AEST": 10,
}.items()}


def first_removed(removed: list[Removal], suffixes: tuple[str, ...]) -> str | None:
    """Text of the first removed span whose rule ends with one of `suffixes`.

    >>> first_removed([Removal(0, 9, "news.byline", "By A. Li\\n")], (".byline",))
    'By A. Li'
    """
    for removal in removed:
        if removal.rule.endswith(suffixes):
            return removal.text.strip()
    return None


def clean_byline(line: str | None) -> str | None:
    """Drop the leading "By" and any trailing "· Outlet (c) 2025" part.

    >>> clean_byline("By Ana Ruiz and Tom Berg · The Daily Ledger (c) 2024")
    'Ana Ruiz and Tom Berg'
    """
    if not line:
        return None
    name = _BYLINE_PREFIX.sub("", line)
    name = re.split(r"\s[·|]\s|\s[-–—]\s|\(c\)|©", name)[0]
    return name.strip(" ,;") or None


_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
# The commonest dateline shapes, whole: "March 3, 2024", "Mar. 3, 2024, 9:15 AM", "2024-03-03".
_US_DATE = re.compile(r"([A-Za-z]+)\.? (\d{1,2}), (\d{4})(?:,? (\d{1,2}):(\d{2}) ?([AaPp])\.?[Mm]\.?)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A full ISO 8601 timestamp, the shape of most machine-written dates (meta tags, JSON-LD):
# "2019-11-19T13:03:00.000Z", "2019-11-19 02:24:00", "2019-11-19T09:01:42+05:30", "+0000".
_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?")
# One word of a label before the date: "Published ", "updated: ".
_LABEL_WORD = re.compile(r"([A-Za-z]+):? ")
_DATEUTIL_WORDS = date_parser.parserinfo()


@lru_cache(maxsize=4096)
def _dateutil_skips(word: str) -> bool:
    """True for a word dateutil's fuzzy parse knows nothing of and so skips: not a month,
    weekday, AM/PM, h/m/s, jump word ("on", "at", "of"), zone or offset name; those
    could change its answer, so a label holding one goes the slow way. (Remembered per
    word: labels are a handful of words, "Published", "Updated", and each answer costs
    nine look-ups in dateutil's tables.)

    >>> _dateutil_skips("Published"), _dateutil_skips("May"), _dateutil_skips("on"), _dateutil_skips("EST")
    (True, False, False, False)
    """
    info, lower = _DATEUTIL_WORDS, word.lower()
    return (info.month(lower) is None and info.weekday(lower) is None and info.ampm(lower) is None
            and info.hms(lower) is None and not info.jump(lower) and not info.pertain(lower)
            and not info.utczone(lower) and info.tzoffset(lower) is None and word.upper() not in _ZONES)


def parse_common_dateline(text: str) -> datetime | None:
    """A dateline in one of the commonest shapes, parsed without dateutil's fuzzy search
    (~50x faster, the same answer: tested against `parse_published`'s slow path); None
    for any other shape (zones, other orders, extra words go the slow way).

    A leading label of words dateutil skips ("Published", "Last updated:") is skipped
    here too.

    >>> parse_common_dateline("Mar. 3, 2024, 9:15 PM").isoformat()
    '2024-03-03T21:15:00+00:00'
    >>> parse_common_dateline("Published March 3, 2024, 9:15 PM").isoformat()
    '2024-03-03T21:15:00+00:00'
    >>> parse_common_dateline("March 3, 2024 9:15 AM EST") is None
    True
    """
    text = text.strip()
    if _ISO_TIMESTAMP.fullmatch(text):
        return _iso_timestamp(text)
    for _ in range(3):  # a label of up to three words
        if not (word := _LABEL_WORD.match(text)) or not _dateutil_skips(word.group(1)):
            break
        text = text[word.end():]
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = map(int, match.groups())
        hour = minute = 0
    elif match := _US_DATE.fullmatch(text):
        month = _MONTHS.get(match.group(1).lower())
        if month is None:
            return None
        day, year = int(match.group(2)), int(match.group(3))
        hour, minute = int(match.group(4) or 0), int(match.group(5) or 0)
        if match.group(4):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match.group(6) in "Pp" else 0)
    else:
        return None
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1900 <= year < 2100):  # the slow path's year rules
        return None
    try:
        return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)
    except ValueError:
        return None


def _iso_timestamp(text: str) -> datetime | None:
    """An ISO 8601 timestamp in UTC, by ``datetime.fromisoformat`` (the fuzzy parser's answer,
    ~100x faster: these were most of the metadata step's time on real pages); no zone is UTC.

    >>> _iso_timestamp("2019-11-19T09:01:42+05:30").isoformat()
    '2019-11-19T03:31:42+00:00'
    >>> _iso_timestamp("0001-01-01T00:00:00Z") is None  # a template's empty date
    True
    """
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not (_MIN_YEAR <= parsed.year <= _MAX_YEAR and 1900 <= parsed.year < 2100):  # the slow path's year rules
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def parse_published(text: str | None) -> datetime | None:
    """Parse a dateline or ISO date into an aware UTC datetime; None if unsure.

    >>> parse_published("March 3, 2024, 9:15 AM").isoformat()
    '2024-03-03T09:15:00+00:00'
    >>> parse_published("Feb. 3, 2025, 5:21 PM EST").isoformat()
    '2025-02-03T22:21:00+00:00'
    >>> parse_published("no date here") is None
    True
    """
    if not text:
        return None
    if (common := parse_common_dateline(text)) is not None:
        return common
    if _ISO_TIMESTAMP.fullmatch(text.strip()):
        return None  # an ISO timestamp fromisoformat refuses is no date ("+2400", Feb 30)
    return _parse_published_fuzzy(text)


def _parse_published_fuzzy(text: str) -> datetime | None:
    """dateutil's fuzzy parse, for every shape the fast path does not know."""
    try:
        with warnings.catch_warnings():  # an unknown zone name is read as UTC, quietly
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            parsed = date_parser.parse(text, fuzzy=True, default=datetime(2000, 1, 1), tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    if not re.search(r"\b(19|20)\d\d\b", text) or not (_MIN_YEAR <= parsed.year <= _MAX_YEAR):
        return None  # fuzzy parsing invents dates from any number: insist on a year
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)
    except ValueError:  # an offset of a day or more ("GMT+2400")
        return None


# Characters of the text given to language id: 400 gave the same label as the whole
# text on 997 of 1,000 labelled documents (benchmarks/RESULTS-throughput.md) and keeps
# `lang` a statement about the text's start, where the article begins.
LANG_SAMPLE_CHARS = 400
# CLD2 spells a few languages with codes ISO 639-1 replaced (iw, jw) or with a script or
# region tag; these become the plain ISO 639-1 code. Any other code that is not two
# letters (CLD2's "un" and "xx-Latn" for unknown, ISO 639-3 codes such as "ceb") → None.
_CLD2_TO_ISO_639_1 = {"iw": "he", "jw": "jv", "zh-Hant": "zh", "sr-ME": "sr"}
# Characters CLD2 refuses as "invalid UTF-8" (C0/C1 controls, surrogates): dropped from
# the sample before a second try.
_CLD2_REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@lru_cache(maxsize=1)
def language_codes() -> dict[str, str]:
    """Every code `lang` can hold (ISO 639-1, as `language_score` spells CLD2's answers)
    → the language's name in lowercase."""
    import pycld2

    codes = {}
    for name, code in pycld2.LANGUAGES:
        code = _CLD2_TO_ISO_639_1.get(code, code)
        if re.fullmatch(r"[a-z]{2}", code):
            codes.setdefault(code, name.lower().replace("_", " "))
    return codes


def check_language_codes(codes) -> list[str]:
    """The allowed languages of a run (``--languages``, the flow's ``languages``) as the
    codes `lang` holds, or ValueError naming the first that can never match: a language
    named instead of coded would quarantine every record as "language not allowed".

    >>> check_language_codes([" EN", "pt"])
    ['en', 'pt']
    >>> check_language_codes(["english"])
    Traceback (most recent call last):
    ...
    ValueError: unknown language code 'english' (did you mean 'en'?); `lang` holds ISO 639-1 two-letter codes such as en, de, zh
    """
    known = language_codes()
    by_name = {name: code for code, name in known.items()}
    checked = []
    for raw in codes:
        code = str(raw).strip().lower()
        if code not in known:
            hint = f" (did you mean {by_name[code]!r}?)" if code in by_name else ""
            raise ValueError(f"unknown language code {raw.strip()!r}{hint}; `lang` holds ISO 639-1 two-letter "
                             f"codes such as en, de, zh")
        checked.append(code)
    return checked


def normalise_declared_lang(value: str | None) -> str | None:
    """A page's declared language (``<html lang>``) as a lowercase primary subtag.

    Kept in its own column and never used as `lang`: pages often declare a template's
    language (``lang="fil"`` on an English article). Not a code-like value → None.

    >>> normalise_declared_lang("en-US"), normalise_declared_lang(" PT_br "), normalise_declared_lang("fil")
    ('en', 'pt', 'fil')
    >>> normalise_declared_lang("{{lang}}") is None
    True
    """
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _cld2_top_language(sample: str) -> tuple[str, int]:
    """CLD2's (code, percent of the sample's text) for its top language; ("un", 0) when
    CLD2 refuses even the cleaned sample.

    >>> _cld2_top_language("De gemeenteraad stemde maandag voor de bouw van een nieuwe pier.")
    ('nl', 98)
    """
    import pycld2

    # (The cleaned sample is made only when CLD2 refused the sample: the substitution
    # over every sample was ~7 % of language id's time, for the rare text it helps.)
    for attempt in (sample, None):
        try:
            # isPlainText: else CLD2 reads "<" as the start of an HTML tag and skips what follows.
            _, _, details = pycld2.detect(_CLD2_REFUSES.sub(" ", sample) if attempt is None else attempt,
                                          isPlainText=True, bestEffort=True)
        except (pycld2.error, UnicodeEncodeError):
            continue
        return details[0][1], details[0][2]
    return "un", 0


def language_score(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, the share of the sample's text in that language) for the start of
    `text`, by Google's CLD2 (pycld2: compiled, its model inside the wheel, ~4 MB in
    memory; 15x faster than py3langid before it and more accurate: benchmarks/
    RESULTS-throughput.md, "Language id and signals"). The share is CLD2's own `percent`
    over 100: ~1.0 for text in one language, lower for mixed text (two languages, or
    text with a language's words among junk). (None, 0.0) for text with no letters or
    no language CLD2 recognises. The metadata step keeps both: `lang` and the signals'
    lang_score.

    >>> lang, score = language_score("The council voted on Monday to rebuild the old ferry pier.")
    >>> lang, score > 0.9
    ('en', True)
    """
    sample = text[:LANG_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    code, percent = _cld2_top_language(sample)
    code = _CLD2_TO_ISO_639_1.get(code, code)
    if len(code) != 2 or code == "un":
        return None, 0.0
    return code, percent / 100


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, None for no letters (``language_score`` without the score).

    >>> detect_language("Les habitants du village ont voté mardi pour la fermeture du vieux pont.")
    'fr'
    """
    return language_score(text)[0]

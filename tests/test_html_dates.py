"""The published date of an HTML page: its machine-written ISO timestamps take a fast path.

Meta tags and JSON-LD write dates as ISO 8601 timestamps; ``parse_published`` reads
them with ``datetime.fromisoformat`` instead of dateutil's fuzzy search. These tests
hold the fast path to the slow path's answer.
"""
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import extract

ZONES = ["", "Z", "+00:00", "+0000", "+05:30", "-0800", "-05:00", "+2400", "+14:00"]


@settings(deadline=None, max_examples=400)
@given(st.integers(1985, 2105), st.integers(0, 13), st.integers(0, 33), st.sampled_from("T "),
       st.integers(0, 25), st.integers(0, 61), st.one_of(st.none(), st.integers(0, 61)),
       st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=7)), st.sampled_from(ZONES))
def test_an_iso_timestamp_gets_the_fuzzy_parsers_answer_or_none(year, month, day, sep, hour, minute, second,
                                                                 fraction, zone):
    text = f"{year:04d}-{month:02d}-{day:02d}{sep}{hour:02d}:{minute:02d}"
    if second is not None:
        text += f":{second:02d}" + (f".{fraction}" if fraction else "")
    text += zone
    fast = extract.parse_common_dateline(text)
    if fast is None:
        return
    assert fast.tzinfo is timezone.utc
    assert fast == extract._parse_published_fuzzy(text), text


def test_machine_written_timestamps_take_the_fast_path_in_utc():
    assert extract.parse_common_dateline("2019-11-19T09:01:42+05:30") == datetime(2019, 11, 19, 3, 31, 42,
                                                                                  tzinfo=timezone.utc)
    assert extract.parse_common_dateline("2019-11-20T01:50:59.403") == datetime(2019, 11, 20, 1, 50, 59, 403000,
                                                                                tzinfo=timezone.utc)
    assert extract.parse_published("2019-11-19T13:16:49+0000") == datetime(2019, 11, 19, 13, 16, 49,
                                                                           tzinfo=timezone.utc)


def test_an_impossible_timestamp_is_no_date():
    """A template's empty date and an offset of a full day are no dates (the fuzzy parser
    raised on the second)."""
    assert extract.parse_published("0001-01-01T00:00:00Z") is None
    assert extract.parse_published("2019-11-19T13:03:00+2400") is None
    assert extract.parse_published("2019-02-30T10:00:00") is None

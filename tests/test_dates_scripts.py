"""Date lines in scripts and languages the first date step did not know (issue 11, round
13): digits of any script, month names of every language CLDR has, words with their
vowel signs. A timeline inside the story stays. Our own text."""
from __future__ import annotations

import random
import unicodedata

import pytest

from corpus_clean.boilerplate.dates import ascii_digits, is_date_line
from corpus_clean.boilerplate.engine import strip

STORY = [
    "The council voted on Tuesday to close the old bridge for two years of repairs, citing cracks found during an inspection.",
    "Drivers will be sent along the coast road while the work goes on, the mayor said at a briefing on Wednesday.",
]


@pytest.mark.parametrize("line", [
    "ថ្ងៃទី ៩ ខែមករា ឆ្នាំ ២០២៧ ម៉ោង ១៤:៣០",   # Khmer digits and a time
    "12 ጥሪ 2027",                              # Tigrinya month name
    "ဇန်နဝါရီ ၉၊ ၂၀၂၇",                        # Burmese digits and month
    "דעם 9טן יאַנואַר 2027",                    # Yiddish
    "९ जनवरी २०२७",                            # Devanagari digits
    "۹ جنوری ۲۰۲۷",                            # Urdu digits and month
    "9 Ukuboza 2027",                           # Kinyarwanda month
])
def test_a_date_line_in_another_script_is_one(line):
    assert is_date_line(line)


@pytest.mark.parametrize("line", [
    "ក្រសួងបានប្រកាសថា ស្ពាននឹងបើកនៅឆ្នាំ ២០២៧។",
    "The council will vote on 12 March 2026.",
    "Chapter 12 of the plan",
])
def test_a_sentence_with_a_date_is_not(line):
    assert not is_date_line(line)


def test_ascii_digits_maps_every_script_s_digits():
    """Property over every decimal digit Unicode knows: each becomes its ASCII digit,
    and other characters stay as they are."""
    rng = random.Random(13)
    digits = [chr(c) for c in range(0x80, 0x30000) if chr(c).isdecimal()]
    assert len(digits) >= 600
    for _ in range(200):
        picked = rng.sample(digits, 4)
        text = "x " + " ".join(picked) + " ü"
        assert ascii_digits(text) == "x " + " ".join(str(unicodedata.decimal(d)) for d in picked) + " ü"


def test_the_date_line_under_the_headline_goes_and_a_timeline_in_the_story_stays():
    """The whole text path (the classifier's give-back of dated entries keeps a timeline
    inside the story, in Khmer digits as in ASCII ones)."""
    head = ["ស្ពានថ្មីនឹងបើកនៅឆ្នាំក្រោយ", "ថ្ងៃទី ៩ ខែមករា ឆ្នាំ ២០២៧ ម៉ោង ១៤:៣០"]
    timeline = ["៣ មីនា ២០១៦", "The old bridge falls in the flood.", "៣ មិថុនា ២០១៨",
                "The plan is approved by the council.", "៩ មករា ២០២០", "Work starts on the new bridge."]
    text = "\n".join(head + STORY[:1] + timeline + STORY[1:]) + "\n"
    kept = strip(text)[0].splitlines()
    assert head[1] not in kept
    assert all(line in kept for line in timeline)

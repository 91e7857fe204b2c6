"""Share buttons as ~60 more languages and scripts print them go; story sentences holding
the same words stay (rule packs only, issue 11, round 13). Our own text."""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate.engine import strip
from tests.test_boilerplate_pack_languages import STORY, _rules_cut

SHARE = ["Diel dit artikel", "Megosztás", "Paylaş", "Chia sẻ", "Shiriki", "Tohaina", "Sangiza", "Bagikan",
         "Сподели", "Бөлісу", "გაზიარება", "Կիսվել", "شیئر کریں", "শেয়ার করুন", "பகிர்", "ແບ່ງປັນ",
         "ចែករំលែក", "မျှဝေရန်", "አጋራ", "ޝެއާ ކުރައްވާ"]


@pytest.mark.parametrize("line", SHARE)
def test_a_share_button_in_another_language_goes(line):
    assert _rules_cut([], [line]) == {line}


@pytest.mark.parametrize("sentence", [
    "Megosztás helyett a cég most a saját oldalán közli a híreket, mondta a szóvivő.",
    "Paylaş butonuna basan okurların sayısı geçen yıl iki katına çıktı, dedi editör.",
    "Chia sẻ với báo chí, ông cho biết cây cầu sẽ mở cửa vào tháng Ba.",
])
def test_story_sentences_with_the_same_words_stay(sentence):
    assert _rules_cut([sentence], [sentence]) == set()


def test_share_buttons_go_anywhere_in_the_tail_and_the_story_stays():
    """Property over generated tails: any mix of share buttons after the story goes, and
    the story's two paragraphs stay."""
    rng = random.Random(13)
    for _ in range(30):
        tail = rng.sample(SHARE, 3)
        text = "\n".join(STORY + tail) + "\n"
        kept = strip(text, use_classifier=False)[0].splitlines()
        assert kept == STORY, tail

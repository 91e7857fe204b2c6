"""The tracking-pixel line rule (``ads.tracking_pixel``) runs in time linear in the line: a
page's long line of markup with no spaces is one "word", so its ``max_words`` does not
guard it. The rule's first form had two lazy runs inside one tag and took 3.3 s on a
68 KB line (×4 each time the line doubled); the review of round 25 found it."""
from __future__ import annotations

import re
import time

from corpus_clean.boilerplate.rules import load_rules


def _pattern() -> re.Pattern:
    [rule] = [r for r in load_rules().rules if r.id == "ads.tracking_pixel"]
    return re.compile(rule.pattern, re.IGNORECASE)


def test_a_long_line_of_image_attributes_is_matched_in_linear_time():
    pattern = _pattern()
    for line in ("<img/" + "width=1/height=2/" * 20_000,  # (340 KB, never closed)
                 "<img " + "width=1 height=2 " * 20_000 + ">"):
        started = time.process_time()
        assert pattern.fullmatch(line) is None
        assert time.process_time() - started < 2.0  # (linear: ~0.01 s; the old form: minutes)


def test_a_one_pixel_image_is_matched_in_any_attribute_order_and_a_bigger_one_is_not():
    pattern = _pattern()
    assert pattern.fullmatch('<div><img width=1 height=1 alt="" src="https://b.example/p"></div>')
    assert pattern.fullmatch("<img height='1' width='1px' src=x />")
    assert not pattern.fullmatch("<img width=10 height=1 src=x>")
    assert not pattern.fullmatch("<img width=1 height=12 src=x>")

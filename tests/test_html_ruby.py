"""Ruby annotations (<rt>, <rp>) are reading aids: the annotated text reads as written."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

# (base, reading) pairs as Japanese easy-news and learner sites annotate kanji
WORDS = [("子", "こ"), ("虐待", "ぎゃくたい"), ("法律", "ほうりつ"),
         ("教育", "きょういく"), ("禁止", "きんし")]
FILLER = "をなくすための話があって、みんなで考えることになりました。"


def annotated(words, with_rp: bool) -> tuple[str, str]:
    """(markup, the plain text a reader reads) of a sentence with every word annotated."""
    parts, plain = [], []
    for base, reading in words:
        rt = f"<rp>(</rp><rt>{reading}</rt><rp>)</rp>" if with_rp else f"<rt>{reading}</rt>"
        parts.append(f"<ruby>{base}{rt}</ruby>{FILLER}")
        plain.append(base + FILLER)
    return "".join(parts), "".join(plain)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8), st.booleans())
def test_annotated_words_read_as_written(words, with_rp):
    markup, plain = annotated(words, with_rp)
    ex = extract_main_text(f"<html><body><nav><a href='/'>ホーム</a></nav><article><p>{markup}</p>"
                           f"<p>{markup}</p></article></body></html>")
    assert plain in ex.text
    assert all(reading not in ex.text for _, reading in words if reading not in plain)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_ruby_without_annotation_keeps_its_base_text():
    """Fault injection: a <ruby> with no <rt> (broken markup) loses nothing."""
    ex = extract_main_text("<body><article><p><ruby>法律</ruby>" + FILLER * 4 + "</p></article></body>")
    assert ex.text.startswith("法律" + FILLER)

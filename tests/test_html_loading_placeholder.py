"""A player's or widget's "Loading..." placeholder inside the article is furniture, in any of the
languages FURNITURE_LINE_RE lists; the story around it stays whole (generated pages)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import FURNITURE_LINE_RE, extract_main_text

_WORDS = ("harbour", "council", "engineers", "residents", "budget", "bridge", "repairs", "mayor",
          "inspection", "coast", "road", "voted", "agreed", "winter", "traffic", "ferry")
_LOADING = ("正在加载", "加载中", "載入中", "読み込み中", "로딩 중", "Cargando", "Carregando", "Chargement en cours",
            "Caricamento", "Загрузка", "Ładowanie", "Loading")
_TAILS = ("", "...", "…", " ...", "。。。")
# Where a site leaves the placeholder: a player's table, a widget's div, an inline span.
_WRAPPERS = ("<table class='player'><tbody><tr><td>{}</td></tr></tbody></table>",
             "<div class='status'>{}</div>", "<div><span>{}</span></div>", "<p>{}</p>")


@st.composite
def _pages(draw):
    """An article page of 3-6 paragraphs with one loading placeholder between two of them."""
    sentence = st.lists(st.sampled_from(_WORDS), min_size=9, max_size=16).map(
        lambda words: " ".join(words).capitalize() + ".")
    paragraphs = draw(st.lists(st.lists(sentence, min_size=2, max_size=3).map(" ".join), min_size=3, max_size=6))
    placeholder = draw(st.sampled_from(_LOADING)) + draw(st.sampled_from(_TAILS))
    at = draw(st.integers(1, len(paragraphs) - 1))
    blocks = [f"<p>{p}</p>" for p in paragraphs]
    blocks.insert(at, draw(st.sampled_from(_WRAPPERS)).format(placeholder))
    page = ("<html><head><title>Harbour news</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{''.join(blocks)}</article><footer>Contact us</footer></body></html>")
    return page, paragraphs, placeholder


@settings(max_examples=25, deadline=None)
@given(_pages())
def test_a_loading_placeholder_is_cut_as_furniture_and_the_story_stays(case):
    page, paragraphs, placeholder = case
    ex = extract_main_text(page)
    assert placeholder.strip() not in ex.text
    assert [r.rule for r in ex.removed if r.text.strip() == placeholder.strip()] == ["html.furniture"]
    assert ex.text.split("\n") == paragraphs
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_words_that_only_begin_like_a_placeholder_are_not_furniture():
    """The whole block must be the placeholder: a sentence about loading, or a longer heading, is text."""
    for text in ("Loading the ferry took an hour", "Cargando con la culpa", "加载速度很快", "Загрузка судна"):
        assert FURNITURE_LINE_RE.fullmatch(text) is None
    for text in ("正在加载...", "Loading…", "Chargement en cours...", "로딩중"):
        assert FURNITURE_LINE_RE.fullmatch(text) is not None

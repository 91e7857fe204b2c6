"""Round 10: readability-lxml's second opinion on doubtful choices (corpus_clean.html_fallback).

Real components only: pages rendered by our renderer, readability-lxml run on them.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

pytest.importorskip("readability")

from corpus_clean import html as html_mod  # noqa: E402
from corpus_clean import html_fallback as fb  # noqa: E402

KEEP, NOT_MAIN = html_mod.KEEP, html_mod.NOT_MAIN

WORDS = ("harbour council budget river school rain market bridge festival museum library station "
         "farmers teachers plans report week city night morning water road storm").split()


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words[:n // 2]) + ", " + " ".join(words[n // 2:])).capitalize() + "."


def story_page(rng: random.Random, paragraphs: int = 10, comments: int = 0) -> str:
    """A page: a short promo box, the story, optionally a comment thread readability may take."""
    story = "".join(f"<p>{sentence(rng)} {sentence(rng)}</p>" for _ in range(paragraphs))
    thread = "".join(f"<p>{sentence(rng)}</p>" for _ in range(comments))
    return ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<div id='box'><p>{sentence(rng, 8)}</p></div>"
            f"<div id='text'>{story}</div>"
            + (f"<div id='thread'>{thread}</div>" if comments else "")
            + "<footer>Contact us</footer></body></html>")


def rendered_with_choice(page: str, selector: str):
    """The parsed page, its cuts and our renderer's lines when the scoring chose ``selector``
    (a doubtful choice made on purpose)."""
    tree = LexborHTMLParser(page)
    cuts = html_mod.strip_junk(tree)
    return tree, cuts, html_mod.render_page(tree.body, [tree.css_first(selector)], cuts)


def test_wrong_small_choice_is_replaced_by_the_story_and_the_cut_is_recorded():
    page = story_page(random.Random(1))
    tree, cuts, lines = rendered_with_choice(page, "#box")
    assert fb.doubtful_choice(lines)
    out = fb.second_opinion(tree, cuts, lines)
    kept = [line for line, verdict in out if verdict == KEEP]
    story = LexborHTMLParser(page).css_first("#text").text(separator="\n", strip=True).splitlines()
    assert kept == story
    # what the second opinion dropped of our choice is a removal with its own rule
    promo = LexborHTMLParser(page).css_first("#box").text(strip=True)
    assert (promo, fb.SECOND_OPINION) in out
    visible, removed = html_mod.removals_of(out)
    assert any(r.rule == fb.SECOND_OPINION and r.text.strip() == promo for r in removed)
    assert all(visible[r.start:r.end] == r.text for r in removed)


def test_a_sound_choice_is_left_alone_and_readability_is_not_run(monkeypatch):
    page = story_page(random.Random(2))
    tree, cuts, lines = rendered_with_choice(page, "#text")
    assert not fb.doubtful_choice(lines)
    calls = []
    monkeypatch.setattr(fb, "readability_lines", lambda html: calls.append(html) or [])
    assert fb.second_opinion(tree, cuts, lines) == lines
    assert calls == []  # the cost is only paid on doubtful pages


def test_text_cut_for_a_label_never_comes_back():
    rng = random.Random(3)
    page = story_page(rng, paragraphs=10, comments=6).replace("id='thread'", "id='thread' class='comments'")
    tree, cuts, lines = rendered_with_choice(page, "#box")
    out = fb.second_opinion(tree, cuts, lines)
    before = {line: verdict for line, verdict in lines if verdict not in (KEEP, NOT_MAIN)}
    after = dict(out)
    assert before and all(after[line] == verdict for line, verdict in before.items())


def test_unreadable_pages_keep_our_lines():
    lines = [("A short box.", KEEP), ("x " * 400, NOT_MAIN)]
    assert fb.readability_lines("") == []
    for page in ("<html><body></body></html>", "<body><p>one</p></body>", "<body>" + "<div>" * 50 + "x"):
        tree = LexborHTMLParser(page)
        assert fb.second_opinion(tree, html_mod.strip_junk(tree), lines) == lines


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), paragraphs=st.integers(1, 14), comments=st.integers(0, 5),
       choice=st.sampled_from(["#box", "#text"]))
def test_only_verdicts_change_and_only_between_keep_not_main_and_second_opinion(seed, paragraphs, comments, choice):
    page = story_page(random.Random(seed), paragraphs, comments)
    tree, cuts, lines = rendered_with_choice(page, choice)
    out = fb.second_opinion(tree, cuts, lines)
    # the visible text is the same words (the lines may be split per block)
    assert fb._norm(" ".join(line for line, _ in out)) == fb._norm(" ".join(line for line, _ in lines))
    # a cut for a label stands; only our kept lines are cut as the second opinion's
    labelled = sorted((line, verdict) for line, verdict in lines if verdict not in (KEEP, NOT_MAIN))
    assert sorted((line, verdict) for line, verdict in out if verdict not in (KEEP, NOT_MAIN, fb.SECOND_OPINION)) == labelled
    ours = {line for line, verdict in lines if verdict == KEEP}
    assert all(line in ours for line, verdict in out if verdict == fb.SECOND_OPINION)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abcdef ,.<>é"), min_size=1, max_size=40), min_size=1, max_size=12))
def test_lines_match_their_own_text_in_order(texts):
    lines = [(text, KEEP) for text in texts]
    found = fb.lines_in(lines, texts)
    for text, hit in zip(texts, found):
        if not fb._norm(text).strip():
            assert not hit  # no word: nothing to match
    assert fb.lines_in(lines, []) == [False] * len(lines)


def test_extract_main_text_leaves_a_page_whose_choice_is_sound():
    ex = html_mod.extract_main_text(story_page(random.Random(5)))
    assert ex.text and all(r.rule != fb.SECOND_OPINION for r in ex.removed)


def list_after_story_page(rng: random.Random, items: int = 25, tag: str = "ul") -> tuple[str, list[str], list[str]]:
    """A story in paragraphs, then a long list of unlinked prose that outscores it in our scoring."""
    story = [f"{sentence(rng)} {sentence(rng)} {sentence(rng)}" for _ in range(8)]
    rows = [f"{sentence(rng, 20)} {sentence(rng, 20)} {sentence(rng, 20)}" for _ in range(items)]
    page = ("<html><body><div class='content'><div>" + "".join(f"<p>{p}</p>" for p in story)
            + f"</div><div><h2>Timeline</h2><{tag}>" + "".join(f"<li>{r}</li>" for r in rows)
            + f"</{tag}></div></div></body></html>")
    return page, story, rows


@pytest.mark.parametrize("seed,tag", [(4, "ul"), (8, "ol"), (15, "ul")])
def test_a_list_chosen_over_the_story_before_it_gives_way_to_readabilitys_story(seed, tag):
    page, story, rows = list_after_story_page(random.Random(seed), tag=tag)
    ex = html_mod.extract_main_text(page)
    assert ex.text.splitlines() == story
    cut = [r for r in ex.removed if r.rule == fb.SECOND_OPINION]
    assert cut and all(row in "".join(r.text for r in cut) for row in rows)  # the list, recorded
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_a_short_list_beside_a_short_story_is_not_second_guessed():
    # under LIST_MIN_LEFT characters left out: the list may well be the page (a recipe's steps)
    rng = random.Random(6)
    page = ("<html><body><div><p>" + sentence(rng) + "</p></div><ol>"
            + "".join(f"<li>{sentence(rng, 20)}</li>" for _ in range(8)) + "</ol></body></html>")
    ex = html_mod.extract_main_text(page)
    assert all(r.rule != fb.SECOND_OPINION for r in ex.removed)

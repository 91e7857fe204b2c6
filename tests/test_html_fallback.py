"""Round 10: readability-lxml's second opinion when our choice is a list (corpus_clean.html_fallback).

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


def list_after_story_page(rng: random.Random, paragraphs: int = 8, items: int = 25, tag: str = "ul",
                          comments: int = 0) -> tuple[str, list[str], list[str]]:
    """A story in paragraphs, then a long list of unlinked prose that outscores it in our scoring,
    optionally a comment thread (labelled: we cut it, readability might take it)."""
    story = [f"{sentence(rng)} {sentence(rng)} {sentence(rng)}" for _ in range(paragraphs)]
    rows = [f"{sentence(rng, 20)} {sentence(rng, 20)} {sentence(rng, 20)}" for _ in range(items)]
    thread = "".join(f"<p>{sentence(rng)}</p>" for _ in range(comments))
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<div class='content'><div id='text'>" + "".join(f"<p>{p}</p>" for p in story)
            + f"</div><div><h2>Timeline</h2><{tag}>" + "".join(f"<li>{r}</li>" for r in rows)
            + f"</{tag}></div></div>"
            + (f"<div class='comments'>{thread}</div>" if comments else "")
            + "<footer>Contact us</footer></body></html>")
    return page, story, rows


def rendered_with_choice(page: str, selector: str):
    """The parsed page, its cuts, the chosen blocks and our renderer's lines when the
    scoring chose ``selector`` (a choice made on purpose)."""
    tree = LexborHTMLParser(page)
    cuts = html_mod.strip_junk(tree)
    chosen = [tree.css_first(selector)]
    return tree, cuts, chosen, html_mod.render_page(tree.body, chosen, cuts)


def test_a_list_chosen_over_the_story_gives_way_and_the_cut_is_recorded():
    page, story, rows = list_after_story_page(random.Random(1))
    tree, cuts, chosen, lines = rendered_with_choice(page, "ul")
    assert fb.list_choice(chosen, lines)
    out = fb.second_opinion(tree, cuts, lines, chosen)
    assert [line for line, verdict in out if verdict == KEEP] == story
    assert [line for line, verdict in out if verdict == fb.SECOND_OPINION] == rows
    visible, removed = html_mod.removals_of(out)
    assert any(r.rule == fb.SECOND_OPINION for r in removed)
    assert all(visible[r.start:r.end] == r.text for r in removed)


def test_a_choice_that_is_no_list_is_left_alone_and_readability_is_not_run(monkeypatch):
    page, _, _ = list_after_story_page(random.Random(2))
    tree, cuts, chosen, lines = rendered_with_choice(page, "#text")
    calls = []
    monkeypatch.setattr(fb, "readability_lines", lambda html: calls.append(html) or [])
    assert fb.second_opinion(tree, cuts, lines, chosen) == lines
    assert calls == []  # the cost is only paid on list choices


def test_text_cut_for_a_label_never_comes_back():
    page, _, _ = list_after_story_page(random.Random(3), comments=6)
    tree, cuts, chosen, lines = rendered_with_choice(page, "ul")
    out = fb.second_opinion(tree, cuts, lines, chosen)
    assert out is not lines
    before = {line: verdict for line, verdict in lines if verdict not in (KEEP, NOT_MAIN)}
    after = dict(out)
    assert before and all(after[line] == verdict for line, verdict in before.items())


def test_unreadable_or_empty_pages_keep_our_lines():
    assert fb.readability_lines("") == [] and fb.readability_lines("   ") == []
    tree = LexborHTMLParser("<html><body><ul><li>x</li></ul></body></html>")
    cuts = html_mod.strip_junk(tree)
    chosen = [tree.css_first("ul")]
    lines = html_mod.render_page(tree.body, chosen, cuts)
    assert fb.second_opinion(tree, cuts, lines, chosen) == lines


@pytest.mark.parametrize("seed,tag", [(4, "ul"), (8, "ol"), (15, "ul")])
def test_extract_main_text_takes_the_story_before_a_long_list(seed, tag):
    page, story, rows = list_after_story_page(random.Random(seed), tag=tag)
    ex = html_mod.extract_main_text(page)
    assert ex.text.splitlines() == story
    cut = "".join(r.text for r in ex.removed if r.rule == fb.SECOND_OPINION)
    assert all(row in cut for row in rows)  # the list, recorded
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_a_list_beside_a_short_story_is_not_second_guessed():
    # under LIST_MIN_LEFT characters left out: the list may well be the page (a recipe's steps)
    rng = random.Random(6)
    page = ("<html><body><div><p>" + sentence(rng) + "</p></div><ol>"
            + "".join(f"<li>{sentence(rng, 20)}</li>" for _ in range(8)) + "</ol></body></html>")
    ex = html_mod.extract_main_text(page)
    assert ex.text and all(r.rule != fb.SECOND_OPINION for r in ex.removed)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), paragraphs=st.integers(0, 12), items=st.integers(1, 30),
       comments=st.integers(0, 5), choice=st.sampled_from(["ul", "#text"]))
def test_only_kept_and_left_out_lines_change_and_the_words_stay(seed, paragraphs, items, comments, choice):
    page, _, _ = list_after_story_page(random.Random(seed), paragraphs, items, comments=comments)
    if paragraphs == 0 and choice == "#text":
        choice = "ul"
    tree, cuts, chosen, lines = rendered_with_choice(page, choice)
    out = fb.second_opinion(tree, cuts, lines, chosen)
    # the visible text is the same words (the lines may be split per block)
    assert fb._norm(" ".join(line for line, _ in out)) == fb._norm(" ".join(line for line, _ in lines))
    # a cut for a label stands; only our kept lines are cut as the second opinion's
    labelled = sorted((line, verdict) for line, verdict in lines if verdict not in (KEEP, NOT_MAIN))
    decided = (KEEP, NOT_MAIN, fb.SECOND_OPINION)
    assert sorted((line, verdict) for line, verdict in out if verdict not in decided) == labelled
    ours = {line for line, verdict in lines if verdict == KEEP}
    assert all(line in ours for line, verdict in out if verdict == fb.SECOND_OPINION)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abcdef ,.<>é"), min_size=1, max_size=40), min_size=1, max_size=12))
def test_lines_match_their_own_text(texts):
    lines = [(text, KEEP) for text in texts]
    found = fb.lines_in(lines, texts)
    for text, hit in zip(texts, found):
        norm = fb._norm(text)
        if not norm.strip():
            assert not hit  # no word: nothing to match
        elif len(norm) > fb.SHORT_LINE:
            assert hit  # a long line is always found in a text that holds it
    assert fb.lines_in(lines, []) == [False] * len(lines)

"""A story's short closing sentences come back; the furniture under a story stays cut
(``blocks.keep_closing_sentences``, issue 11, ninth round). Our own text, written for these tests."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.blocks import keep_closing_sentences, keep_closing_sentences_seg
from corpus_clean.boilerplate.engine import strip
from tests.test_boilerplate_lead import PAGES


def _page(parts: dict, tail: list[str] = ()) -> str:
    return "\n".join(parts["nav"] + parts["head"] + parts["story"] + list(tail) + parts["foot"]) + "\n"


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_story_keeps_its_short_closing_sentences_and_its_page_furniture_goes(language):
    parts = PAGES[language]
    kept = strip(_page(parts))[0].splitlines()
    assert all(line in kept for line in parts["story"]), language
    assert not any(line in kept for line in parts["nav"] + parts["foot"] + [parts["head"][2]]), language


@pytest.mark.parametrize("tail", [
    ["Ready for more?", "Sign up for our morning newsletter.", "Subscribe"],  # a question stops the run
    ["Newsletter", "Get the best local stories in your inbox.", "Sign up"],  # so does a heading
    ["Share this story", "Read our full coverage of the council."],  # a line a rule cut stops it too
])
def test_a_call_to_action_under_the_story_stays_cut(tail):
    kept = strip(_page(PAGES["en"], tail))[0].splitlines()
    assert all(line in kept for line in PAGES["en"]["story"])
    assert not any(line in kept for line in tail)


def test_a_story_that_quotes_a_list_keeps_the_list_and_its_closing_sentence():
    parts = dict(PAGES["en"], story=PAGES["en"]["story"][:5] + [
        "The council listed the three options it had weighed before the vote, in the order it ranked them:",
        "Close the bridge for a year.", "Close one lane at a time.", "Build a temporary crossing.",
        "The first one won by nine votes to four, after a debate that lasted until midnight.",
        "Work starts in May."])
    kept = strip(_page(parts))[0].splitlines()
    assert all(line in kept for line in parts["story"])


def test_closing_sentences_come_back_only_right_under_the_last_kept_paragraph():
    closing = np.array([0, 1, 1, 1, 1], dtype=bool)
    ends_article = np.array([1, 0, 0, 0, 0], dtype=bool)
    drop = np.array([0, 1, 1, 1, 1], dtype=bool)
    follows = np.array([0, 1, 1, 0, 1], dtype=bool)  # a rule cut a line above entry 3
    assert keep_closing_sentences(closing, ends_article, follows, drop).tolist() == [0, 0, 0, 1, 1]
    # the last kept line is no paragraph (a heading, a byline): nothing comes back
    assert keep_closing_sentences(closing, ~ends_article, follows, drop).tolist() == drop.tolist()
    # nothing kept at all: nothing comes back
    assert keep_closing_sentences(closing, ends_article, follows, np.ones(5, dtype=bool)).all()


documents = st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(documents, min_size=1, max_size=6))
def test_the_batched_twin_gives_each_document_its_own_answer(docs):
    doc = np.concatenate([np.full(len(d), k) for k, d in enumerate(docs)])
    closing, ends, follows, drop = (np.array([row[j] for d in docs for row in d], dtype=bool) for j in range(4))
    follows[np.r_[0, np.cumsum([len(d) for d in docs])[:-1]]] = False  # (no entry follows another document's)
    got = keep_closing_sentences_seg(doc, closing, ends, follows, drop)
    for k in range(len(docs)):
        at = doc == k
        assert got[at].tolist() == keep_closing_sentences(closing[at], ends[at], follows[at], drop[at]).tolist()
        assert not (got[at] & ~drop[at]).any()  # the step only gives lines back

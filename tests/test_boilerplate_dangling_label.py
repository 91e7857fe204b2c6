"""A short label left as the kept text's last line over lines a rule cut goes with them
(``blocks.cut_dangling_label``, issue 11, round 11). Our own text, written for these tests."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.blocks import cut_dangling_label, cut_dangling_label_seg, dangling_label_shape
from corpus_clean.boilerplate.engine import strip, strip_many
from tests.test_boilerplate_lead import PAGES


def _page(parts: dict, tail: list[str] = ()) -> str:
    return "\n".join(parts["nav"] + parts["head"] + parts["story"] + list(tail) + parts["foot"]) + "\n"


@pytest.mark.parametrize("language", sorted(PAGES))
@pytest.mark.parametrize("prompt", ["Ready for more?", "Don't miss out!", "Stay informed"])
def test_a_prompt_over_a_newsletter_box_goes_and_the_story_stays(language, prompt):
    """Whatever the page's language, a 2-3-word prompt between the story and a box the
    rules cut is the box's heading; the story's own short last sentences stay."""
    parts = PAGES[language]
    kept = strip(_page(parts, [prompt, "Sign up for our morning newsletter.", "Subscribe"]))[0].splitlines()
    assert all(line in kept for line in parts["story"]), language
    assert prompt not in kept


def test_a_story_that_ends_in_a_short_sentence_over_a_share_bar_keeps_it():
    parts = PAGES["en"]
    kept = strip(_page(parts))[0].splitlines()
    assert kept[-1] == "It should end by spring."  # (full stop: a sentence, not a label)


def test_a_short_line_that_is_the_only_kept_text_stays():
    label = np.array([True])
    assert not cut_dangling_label(label, np.array([True]), np.array([False])).any()


def test_a_label_with_kept_text_below_it_stays():
    """Inside the kept text a short line is a subheading: only the last kept line can dangle."""
    label = np.array([False, True, False])
    rule_cut_next = np.array([False, True, True])
    assert not cut_dangling_label(label, rule_cut_next, np.zeros(3, dtype=bool)).any()


def test_the_shape_wants_few_words_no_full_stop_and_no_paragraph():
    n_words = np.array([2, 4, 5, 3, 3])
    last_char = np.array([ord("?"), ord("!"), ord("?"), ord("."), ord("s")])
    prose = np.array([False, False, False, False, True])
    assert dangling_label_shape(n_words, last_char, prose).tolist() == [True, True, False, False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=12),
                min_size=1, max_size=6))
def test_the_batch_step_cuts_what_the_one_document_step_cuts(docs):
    """Over generated batches of documents: the batch twin, document by document, equals
    the one-document step; it only ever adds one line per document to the cut."""
    doc = np.concatenate([np.full(len(d), k) for k, d in enumerate(docs)])
    label, nxt, drop = (np.array([line[j] for d in docs for line in d]) for j in range(3))
    batch = cut_dangling_label_seg(doc, label, nxt, drop)
    lo = 0
    for d in docs:
        hi = lo + len(d)
        one = cut_dangling_label(label[lo:hi], nxt[lo:hi], drop[lo:hi])
        assert batch[lo:hi].tolist() == one.tolist()
        assert (one >= drop[lo:hi]).all() and (one & ~drop[lo:hi]).sum() <= 1
        lo = hi


def test_batched_pages_give_the_single_page_answer():
    pages = [_page(PAGES[lang], [prompt, "Sign up for our morning newsletter.", "Subscribe"])
             for lang in sorted(PAGES) for prompt in ("Ready for more?", "Stay informed")] + [_page(PAGES["en"])]
    assert [out for out, _ in strip_many(pages)] == [strip(p)[0] for p in pages]

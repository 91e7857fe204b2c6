"""Stories made of short lines keep their lines; the short-line noise around them goes.

A Q&A, a numbered list, race results or a timeline are runs of short lines, as a menu
or a teaser list is. The shipped model is fit with generated pages of such stories
(``training/shortgen.py``) and reads features that say a run continues the story
(``classifier.story_list_features``). Scored here on pages of a seed it was not fit on,
on the hand-written probe of the eighth round and on hand-made pages.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, strategies as st

from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate.classifier import (
    FEATURE_NAMES, item_start_shape, item_start_shapes, line_features,
)
from corpus_clean.boilerplate.engine import mark_rules
from training.fit import SHORTGEN_SEED
from training.labelled import load_pages
from training.newsgen import LineScore, removed_lines
from training.shortgen import KINDS, PACKS, generate

PROBE = Path(__file__).resolve().parents[1] / "data" / "labelled" / "round8_short_line_articles.txt"


def _score(docs) -> LineScore:
    result = LineScore()
    for d, (_, removals) in zip(docs, strip_boilerplate_many([d.text for d in docs])):
        result.add(d, removed_lines(d, [(r.start, r.end) for r in removals]))
    return result


@given(st.integers(0, 10_000))
def test_generated_pages_are_labelled_line_by_line_and_hold_a_story_and_noise(seed):
    docs = generate(4, seed=seed)
    assert docs == generate(4, seed=seed)
    for d in docs:
        assert len(d.lines) == len(d.labels)
        assert all((label is None) == (not line.strip()) for line, label in zip(d.lines, d.labels))
        labels = [x for x in d.labels if x]
        assert labels.count("article") >= 3 and len(labels) > labels.count("article")
        assert d.meta["kind"] in KINDS and d.lang in PACKS


def test_short_line_stories_of_an_unseen_seed_keep_their_lines_and_lose_their_noise():
    """Pages from a seed the shipped model was not fit on (it saw ``SHORTGEN_SEED``'s).
    Measured at the ninth round's refit: 89.5 % of article lines kept, 98.2 % of noise
    removed (the losses: second runs under a subheading after an inline teaser box,
    lists that end the page above a teaser list)."""
    s = _score(generate(140, seed=SHORTGEN_SEED + 1))
    assert s.article_kept_pct >= 86.0, s.article_kept_pct
    assert s.noise_removed_pct >= 95.0, s.noise_removed_pct


def test_the_hand_written_short_line_probe_keeps_nine_in_ten_article_lines():
    """The eighth round's probe (a Q&A, a numbered list, a recipe, results, dialogue):
    49 % of its article lines were kept before the ninth round; its noise still goes."""
    s = _score(load_pages(PROBE))
    assert s.article_kept_pct >= 88.0, s.article_kept_pct
    assert s.noise_removed_pct >= 90.0, s.noise_removed_pct


@given(st.sampled_from(["Men", "Results", "Ergebnisse", "Résultats"]), st.integers(3, 7),
       st.sampled_from(["\n", "\n\n"]))
def test_an_announced_numbered_list_of_results_survives_between_a_menu_and_a_teaser_list(head, n, sep):
    menu = ["Home", "News", "Sport", "Weather"]
    story = ["More than two thousand runners finished the race in cool and dry weather on Sunday.",
             "The first finishers in each race were as follows:", head]
    story += [f"{k}. Runner Number{k}, 2:{20 + k}:{10 + k}" for k in range(1, n + 1)]
    teasers = ["Most read", "Storm Brings Down Trees Across the County", "New Café Opens on the High Street",
               "Ferry Fares to Rise in May", "© 2026 The Valley Echo"]
    text = sep.join(menu + story + teasers) + "\n"
    (out, _), = strip_boilerplate_many([text])
    for line in story[1:]:
        assert line in out
    assert "Ferry Fares to Rise in May" not in out and "Weather" not in out


@given(st.integers(1, 999), st.text(alphabet="abcdefghij", min_size=1, max_size=8))
def test_item_start_shapes(k, word):
    word = word.capitalize()
    assert item_start_shape(f"{k}. {word}") == 1
    assert item_start_shape(f"- {word}") == item_start_shape(f"• {word}") == 2
    assert item_start_shape(f"{k % 24}:{k % 60:02d} {word}") == 3
    assert item_start_shape(f"{k}' {word}") == 4
    assert item_start_shape(f"{word.upper()}: {word}.") == 5
    assert item_start_shape(f"{word} {word} {word}") == 0


def test_story_list_features_mark_an_announced_list_and_not_a_menu():
    lines = ["Home", "News", "Sport", "The town has chosen its five best walks for this autumn:",
             "1. The harbour wall", "2. The old mill", "3. The lighthouse path", "Read more", "Weather"]
    ctx = mark_rules("\n".join(lines) + "\n")
    idx, X = line_features(ctx)
    col = {name: X[:, FEATURE_NAMES.index(name)] for name in ("parallel_start", "log_rows_below_announcement")}
    rows = {ctx.lines.content[i]: r for r, i in enumerate(idx.tolist())}
    for item in lines[4:7]:
        assert col["parallel_start"][rows[item]] == 1 and col["log_rows_below_announcement"][rows[item]] <= np.log1p(3) + 1e-6
    for menu in lines[:3]:
        assert col["parallel_start"][rows[menu]] == 0
        assert np.isclose(col["log_rows_below_announcement"][rows[menu]], np.log1p(len(lines)))


@given(st.lists(st.text(alphabet="1234 .:)-•'hAbQ?\té", max_size=12).map(lambda t: t.strip()), max_size=12))
def test_the_prefiltered_scan_gives_each_line_its_own_shape(lines):
    """``item_start_shapes`` (the regex only on lines that can start an item) gives the
    same shapes as the regex on every line."""
    assert item_start_shapes(lines).tolist() == [item_start_shape(x) for x in lines]

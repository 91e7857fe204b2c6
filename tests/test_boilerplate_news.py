"""Property tests over generated noisy news (training/newsgen.py) and our hand-labelled
pages: offsets are exact, article lines survive, noise lines go -- on the family group
and pages the shipped classifier was not fit on."""
from __future__ import annotations

import json
import random

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate import strip_boilerplate, strip_boilerplate_many
from corpus_clean.boilerplate import author_bio, story_cards, story_counts, story_excerpts, story_inserts, story_name_box, story_pitches, story_tail, story_threads
from corpus_clean.boilerplate.classifier import MODEL_PATH, OUTSIDE_STORY
from corpus_clean.boilerplate.rules import load_rules
from training.labelled import load_pages
from training.newsgen import ARTICLE, FAMILIES, LineScore, family_names, generate, generate_one, removed_lines

# (the rule packs' rules, the classifier, and the steps of the classifier that cut)
KNOWN_RULES = ({r.id for r in load_rules().rules} | {"classifier"} | {f"{r.pack}.caption" for r in load_rules().rules}
               | {OUTSIDE_STORY, story_inserts.RULE, story_inserts.CAPTION_RULE, author_bio.RULE,
                  story_inserts.LONE_CAPTION_RULE, story_inserts.OVER_LIST_RULE, story_inserts.ECHO_CAPTION_RULE, story_inserts.UNDER_LIST_RULE, story_inserts.CREDIT_TAIL_RULE, story_inserts.CREDIT_LINE_RULE, story_inserts.TEASERS_RULE,
                  story_inserts.GALLERY_CAPTION_RULE, author_bio.ABOUT_RULE, story_tail.COMMENTS_RULE,
                  story_tail.TAGS_RULE, story_tail.CONTRIBUTOR_RULE, story_tail.AGENCY_RULE, story_tail.STATION_RULE,
                  story_threads.THREAD_RULE, story_threads.TEASERS_RULE,
                  story_threads.HEADING_RUN_RULE, story_pitches.PITCH_RULE, story_counts.COUNTED_LIST_RULE,
                  story_excerpts.EXCERPTS_RULE, story_cards.CARDS_RULE, story_name_box.NAME_BOX_RULE})
FIT_GROUPS = set(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["fit"].get("newsgen_groups", []))
HELD_OUT = [g for g in ("A", "B") if g not in FIT_GROUPS]


def check_spans(text: str, removals, clean: str) -> None:
    pos = 0
    pieces = []
    for r in removals:
        assert pos <= r.start < r.end <= len(text), "sorted, non-overlapping, inside the text"
        assert text[r.start:r.end] == r.text, "offsets point at exactly the removed text"
        assert r.text.strip(), "whitespace alone is never a removal"
        assert r.rule in KNOWN_RULES, r.rule
        pieces.append(text[pos:r.start])
        pos = r.end
    pieces.append(text[pos:])
    assert "".join(pieces) == clean, "the clean text is the input with the spans cut out"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), family=st.sampled_from(sorted(FAMILIES)))
def test_removal_offsets_are_exact_on_generated_news(seed, family):
    doc = generate_one(random.Random(seed), family)
    clean, removals = strip_boilerplate(doc.text)
    check_spans(doc.text, removals, clean)
    assert "layout" not in {r.rule for r in removals}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), family=st.sampled_from(sorted(FAMILIES)))
def test_the_article_alone_comes_back_unchanged(seed, family):
    """Strip the furniture off a generated page by its labels: what is left is a clean
    article (paragraphs and subheadings), which must come back byte for byte."""
    doc = generate_one(random.Random(seed), family)
    article = "\n\n".join(line for line, label in zip(doc.lines, doc.labels) if label == ARTICLE) + "\n"
    clean, removals = strip_boilerplate(article)
    assert removals == [] and clean == article


def _score(docs) -> LineScore:
    score = LineScore()
    for doc, (_, removals) in zip(docs, strip_boilerplate_many([d.text for d in docs])):
        score.add(doc, removed_lines(doc, [(r.start, r.end) for r in removals]))
    return score


def test_news_noise_targets_on_the_held_out_family_group():
    """The issue's targets (>= 95% of noise lines removed, >= 99% of article lines kept),
    recomputed on fresh documents of the family group the classifier never saw."""
    assert HELD_OUT, "the shipped classifier was fit on both family groups: nothing is held out"
    for group in HELD_OUT:
        score = _score(generate(120, families=family_names(group), seed=4242))
        assert score.article_kept_pct >= 99.0, (group, score.article_kept_pct, score.misses[:5])
        assert score.noise_removed_pct >= 95.0, (group, score.noise_removed_pct)


def test_hand_labelled_pages_keep_every_article_line():
    score = _score(load_pages())
    assert score.article_kept_pct == 100.0, [m for m in score.misses if m[1] == ARTICLE]
    assert score.noise_removed_pct >= 93.0
    assert score.docs_exact >= 0.7 * score.docs


def test_each_noise_kind_is_mostly_removed_on_the_held_out_group():
    score = _score(generate(120, families=family_names(HELD_OUT[0]), seed=99))
    for kind, (lines, removed) in score.by_kind.items():
        assert removed >= 0.75 * lines, (kind, lines, removed)


def test_generator_groups_write_noise_in_different_words():
    """The held-out evaluation means something only if group B's furniture is not
    group A's: no template of a noise kind is shared between the groups, bar one-word
    labels every site uses."""
    templates = {g: set() for g in ("A", "B")}
    for family in FAMILIES.values():
        for templates_of_kind in family["kinds"].values():
            templates[family["group"]].update(t for t in templates_of_kind if not t.startswith("{"))
    shared = templates["A"] & templates["B"]
    assert all(len(t.split()) == 1 for t in shared), shared  # only one-word UI labels ("Share", "Home")


def test_generator_is_deterministic_and_labels_every_line():
    docs = generate(30, seed=3)
    assert docs == generate(30, seed=3) and docs != generate(30, seed=4)
    for doc in docs:
        assert len(doc.lines) == len(doc.labels)
        assert all((label is None) == (not line.strip()) for line, label in zip(doc.lines, doc.labels))
        assert ARTICLE in doc.labels and any(label not in (None, ARTICLE) for label in doc.labels)


def test_a_blank_line_between_cuts_is_never_a_removal_of_its_own():
    """A share bar repeated at a page's foot: the bars are cut by `social.share_bar`
    and `repeat.block` marks the run, blank lines included. The blank lines used to come
    out as removals of their own ('\\n' by `repeat.block`); they belong to the cut
    beside them."""
    for seed in range(12340, 12360):
        doc = generate_one(random.Random(seed), "wire_us")
        clean, removals = strip_boilerplate(doc.text)
        check_spans(doc.text, removals, clean)


def test_each_group_writes_stories_in_every_language_for_training():
    """Trained on one group, a model must have read stories in every language of the
    other (a model that never read a German story cut short German paragraphs); the
    benchmark's families stay those of earlier rounds."""
    def languages(names):
        return {lang for name in names for lang in ([FAMILIES[name]["lang"]] if isinstance(FAMILIES[name]["lang"], str)
                                                    else FAMILIES[name]["lang"])}
    everything = languages(FAMILIES)
    for group in ("A", "B"):
        assert languages(family_names(group, training=True)) == everything, group
        assert not any(FAMILIES[name].get("training_only") for name in family_names(group))
    docs = generate(40, families=family_names("B", training=True), seed=5)
    assert "de" in {d.lang for d in docs}


def test_every_rule_the_story_steps_name_is_known_to_check_spans():
    """Each ``*_RULE`` name a story step's module gives its cuts is in KNOWN_RULES, so that
    ``check_spans`` accepts a page whatever step cut it (round 27: ``story_tail.STATION_RULE``,
    a page ending in a station's plug, and ``story_inserts.CREDIT_LINE_RULE`` were missing)."""
    modules = (author_bio, story_cards, story_counts, story_excerpts, story_inserts, story_name_box,
               story_pitches, story_tail, story_threads)
    named = {getattr(m, a) for m in modules for a in dir(m) if a.endswith("_RULE") and isinstance(getattr(m, a), str)}
    assert named - KNOWN_RULES == set()

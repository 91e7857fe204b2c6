"""Round 21 (news21): a run of short lines the menu rule cut comes back when the story
goes on from it (``story_runs``), and a menu where a story's list could be stays cut.

Pages are built from seeds out of invented syllables (no rule keys on a word), through the
whole text path (``strip_boilerplate_many``).
"""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate import strip_boilerplate_many
from corpus_clean.boilerplate.engine import Context

SYL = ("ka", "lo", "mi", "na", "te", "ru", "so", "wa", "ye", "bi", "du", "fe", "go", "ha", "ko", "ma", "pa", "ri",
       "tu", "za")
SEEDS = range(12)


def _word(r: random.Random, lo: int = 2, hi: int = 3) -> str:
    return "".join(r.choice(SYL) for _ in range(r.randint(lo, hi)))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _sentence(r: random.Random, name: str, n: int = 12) -> str:
    words = [_word(r, 1, 3) for _ in range(n)]
    words[r.randrange(2, n)] = name
    return _cap(" ".join(words)) + "."


def _page(seed: int, case: str) -> tuple[list[str], list[str], list[str]]:
    """(lines, the story's run, the story's sentences under the run) of one page of `case`:
    "end" (a ":" announcement of 4 words naming the story's subject, the run, the share
    bar), "caption" (the run, a
    caption, two sentences naming the story's subject), "menu-after" (the story, then a
    menu, the share bar, comments), "menu-label" (the story, "Sections:", a menu)."""
    r = random.Random(seed)
    name = _cap(_word(r, 3, 3))
    menu = [_cap(_word(r)) for _ in range(5)]
    run = [f"{_cap(_word(r))} {_cap(_word(r, 3, 3))}" for _ in range(6)]
    head = menu + [_cap(" ".join(_word(r) for _ in range(6))), f"{_cap(_word(r))} {_cap(_word(r))}", "4.12.2026"]
    story = [_sentence(r, name) for _ in range(3)]
    tail = ["Share", "Facebook", "© 2026 " + _cap(_word(r))]
    after: list[str] = []
    if case == "end":
        body = story + [_cap(" ".join(_word(r) for _ in range(3))) + f" {name}:"] + run
    elif case == "caption":
        after = [_sentence(r, name), _sentence(r, name)]
        body = story + run + [_cap(" ".join(_word(r) for _ in range(5)))] + after
    elif case == "menu-after":
        body, tail = story + run, ["Share", "Facebook", f"{_cap(_word(r))} K.", _sentence(r, _word(r), 6)] + tail[2:]
    else:  # "menu-label"
        body = story + ["Sections:"] + run
    return head + body + tail, run, after


def _kept(lines: list[str]) -> set[str]:
    text, _ = strip_boilerplate_many(["\n".join(lines) + "\n"])[0]
    return set(text.splitlines())


@pytest.mark.parametrize("seed", SEEDS)
def test_the_story_s_last_list_under_its_announcement_is_kept(seed):
    """A list of names under a 4-word ":" line that continues the story (it names the story's
    subject), the share bar under it: the story's last list, not a menu (fails on main: the
    menu rule cut the run)."""
    lines, run, _ = _page(seed, "end")
    assert set(run) <= _kept(lines)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_run_the_story_goes_on_from_after_a_caption_is_kept(seed):
    """The run, a caption, then sentences naming the story's subject: the story went on
    from its list, so the run and the sentences the classifier cut come back (fails on
    main: the run was cut, and the sentences under it with it)."""
    lines, run, after = _page(seed, "caption")
    assert set(run + after) <= _kept(lines)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", ["menu-after", "menu-label"])
def test_a_menu_under_the_story_stays_cut(seed, case):
    """A menu right under the story's last sentence (the share bar and a comment under it),
    or under a one-word label "Sections:", is no list of the story: it stays cut (a guard:
    passes on main too)."""
    lines, run, _ = _page(seed, case)
    assert not set(run) & _kept(lines)


def test_only_the_rows_of_a_list_come_back_not_the_furniture_read_on_with_them():
    """The menu rule's run holds the story's rows and the share bar under them; only the
    rows, alike in shape (a digit, a ":" inside), come back (fails on main: no such step)."""
    from corpus_clean.boilerplate.story_inserts import LineShape
    from corpus_clean.boilerplate.story_runs import give_back_runs_the_story_goes_on_from

    ctx = Context("The market board set the new fees for the stalls at the harbour on Monday.\n"
                  "The fees from January on:\nFish: 12\nBread: 5\nFruit: 4\nShare\nMore news\n")
    ctx.marks.rule[2:7] = ["nav.menu_run"] * 5
    give_back_runs_the_story_goes_on_from(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule == [None, None, None, None, None, "nav.menu_run", "nav.menu_run", None]


# --- the story's end under a caption the model cut (``story_caption_cut``) -------------------


def _caption_page(seed: int) -> tuple[list[str], str]:
    """A story, its announced list of fields, a caption without a credit naming a place of
    the story, the story's last sentence naming its subject, the share bar."""
    r = random.Random(seed)
    name, place = _cap(_word(r, 3, 3)), _cap(_word(r, 3, 3))
    head = ["Home", "News", "Sport", _cap(" ".join(_word(r) for _ in range(6))), f"{_cap(_word(r))} {_cap(_word(r))}",
            "4.12.2026"]
    story = [_sentence(r, name, 14), _sentence(r, place, 12)]
    listed = [_cap(" ".join(_word(r) for _ in range(3))) + ":"] + [f"{_cap(_word(r))}: {_word(r)}" for _ in range(3)]
    caption = " ".join([_cap(_word(r)), _word(r), place, _word(r)])
    last = _sentence(r, name, 7)
    return head + story + listed + [caption, last, "Share", "Facebook", "© 2026 " + _cap(_word(r))], last


def test_the_story_s_last_sentence_under_a_caption_the_model_cut_is_kept():
    """Over 40 generated pages, the story's last sentence under an uncredited caption stays
    on 34 or more (fails on main: 19 of 40; this code: 36). The classifier cuts the caption,
    then reads the sentence under it as an island before the share bar."""
    kept = 0
    for seed in range(40):
        lines, last = _caption_page(seed)
        kept += last in _kept(lines)
    assert kept >= 34


def _ctx_with_scores(text: str, rules: list, scores: list) -> Context:
    import numpy as np

    ctx = Context(text)
    ctx.marks.rule[:] = rules
    ctx.line_proba = np.array(scores)
    return ctx


def test_a_sentence_the_model_itself_keeps_comes_back_under_the_cut_caption():
    """The sentence's own score is under the model's threshold (0.6): its cut came from the
    page-level steps, so it comes back; the caption stays cut (fails on main: no such step)."""
    from corpus_clean.boilerplate.story_caption_cut import give_back_the_story_under_a_caption_the_model_cut
    from corpus_clean.boilerplate.story_inserts import LineShape

    ctx = _ctx_with_scores("The water board opened two wells in the valley on Monday for the schools.\n"
                           "Children at the new well\nIt was dug in a fortnight by the villagers.\nShare\n",
                           [None, "classifier", "classifier", "social.share", None], [0.1, 0.8, 0.3, 0.9, 0.0])
    give_back_the_story_under_a_caption_the_model_cut(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule == [None, "classifier", None, "social.share", None]


@pytest.mark.parametrize("above", ["story-paragraph-then-rows", "place-headline"])
def test_a_teaser_under_the_story_stays_cut(above):
    """A teaser's summary the model scores as furniture (0.9), naming nothing of the story,
    stays cut; so does one under teaser rows the model cut under the story's paragraph, or
    under a "Place: headline" line, whatever its score (a guard: passes on main too)."""
    from corpus_clean.boilerplate.story_caption_cut import give_back_the_story_under_a_caption_the_model_cut
    from corpus_clean.boilerplate.story_inserts import LineShape

    story = "The water board opened two wells in the valley on Monday for the schools.\n"
    if above == "place-headline":
        text, rules = story + "Kalote: the new hall opens soon\nIt cost a great deal of money to build.\n", \
            [None, "classifier", "classifier", None]
    else:
        text, rules = story + "More stories\nPrices rise,\nthe market hall opens late\nIt cost a great deal to build.\n", \
            [None, "classifier", "classifier", "classifier", "classifier", None]
    for score in (0.3, 0.9):
        ctx = _ctx_with_scores(text, list(rules), [0.1] + [score] * (len(rules) - 1))
        give_back_the_story_under_a_caption_the_model_cut(ctx, LineShape(ctx.stats))
        assert ctx.marks.rule == rules
    ctx = _ctx_with_scores(story + "Children at the new well\nIt cost a great deal of money to build.\n",
                           [None, "classifier", "classifier", None], [0.1, 0.8, 0.9, 0.0])
    give_back_the_story_under_a_caption_the_model_cut(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule == [None, "classifier", "classifier", None]


# --- the tail of the story's announced list (``story_list_tail``) ----------------------------

_LIST_STORY = "The market board agreed on Monday that the hall opens on Sundays in December."


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cut_tail_of_an_announced_list_and_its_closing_sentence_come_back(seed):
    """The model kept the list's first rows and cut the rest, then the closing sentence it
    scores as the story's own (0.3): all come back; the share bar stays (fails on main: no
    such step). Rows of invented words, one to three each."""
    from corpus_clean.boilerplate.story_inserts import LineShape
    from corpus_clean.boilerplate.story_list_tail import give_back_the_tail_of_an_announced_list

    r = random.Random(seed)
    rows = [" ".join(_cap(_word(r)) for _ in range(r.randint(2, 3))) for _ in range(r.randint(3, 6))]
    head = r.randint(1, len(rows) - 1)
    lines = [_LIST_STORY, "The stalls that will open:", *rows, "The others may still join before the tenth.",
             "Share on Facebook"]
    rules = [None, None] + [None] * head + ["classifier"] * (len(rows) - head) + ["classifier", "social.share_bar"]
    ctx = _ctx_with_scores("\n".join(lines) + "\n", rules + [None], [0.1] * (len(lines) - 2) + [0.3, 0.9, 0.0])
    give_back_the_tail_of_an_announced_list(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule == [None] * (len(lines) - 1) + ["social.share_bar", None]


@pytest.mark.parametrize("tail", ["share-under-titles", "short-label", "kept-line-under"])
def test_what_is_not_the_tail_of_the_story_s_list_stays_cut(tail):
    """A share label under a list of titles in quotes (another shape), rows under a one-word
    label, or a list a kept line closes (``give_back_lists_closed_by_the_story``'s): nothing
    comes back (a guard: passes on main too, but for the import)."""
    from corpus_clean.boilerplate.story_inserts import LineShape
    from corpus_clean.boilerplate.story_list_tail import give_back_the_tail_of_an_announced_list

    if tail == "share-under-titles":
        lines = [_LIST_STORY, "Here is the list of the new books:", "\u201eGruba\u201d", "\u201eNasz Bytom\u201d", "Share"]
        rules = [None, None, None, None, "classifier"]
    elif tail == "short-label":
        lines = [_LIST_STORY, "More:", "Harbour Road Works", "Bridge Opens Soon", "Bus Fares Rise"]
        rules = [None, None, None, "classifier", "classifier"]
    else:
        lines = [_LIST_STORY, "The stalls that will open:", "Gil Brothers", "La Zafrense", "Mari Fruit",
                 "The hall opens at ten on each of the four Sundays."]
        rules = [None, None, None, "classifier", None, None]
    ctx = _ctx_with_scores("\n".join(lines) + "\n", rules + [None], [0.1] * (len(lines) + 1))
    give_back_the_tail_of_an_announced_list(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule == rules + [None]


# --- a caption under the story's announced list of words (``story_inserts``) ---------------


def _list_caption_page(seed: int, last: str) -> tuple[list[str], str]:
    """A story, "The villages on the road:" and 3-5 one-word names, then `last` ("caption": a
    6-word clause naming nothing; "item": a name as short as the others; "lower": a lower-case
    6-word item), then the story's next sentence."""
    r = random.Random(seed)
    name = _cap(_word(r, 3, 3))
    rows = [_cap(_word(r)) for _ in range(r.randint(3, 5))]
    line = {"caption": _cap(" ".join(_word(r) for _ in range(6))), "item": _cap(_word(r)),
            "lower": " ".join(_word(r) for _ in range(6))}[last]
    lines = ["Home", "News", _cap(" ".join(_word(r) for _ in range(5))), _sentence(r, name, 14),
             _cap(" ".join(_word(r) for _ in range(3))) + ":", *rows, line, _sentence(r, name, 10),
             _sentence(r, name, 9), "Share", "© 2026 " + _cap(_word(r))]
    return lines, line


def test_a_caption_clearly_longer_than_the_announced_list_s_words_is_cut():
    """Over 30 generated pages, the 6-word clause under a list of one-word names that a ":"
    line announced, with the story going on under it, is cut on 24 or more (this code: 30;
    fails on main, 1 of 30: the caption step knew only "label: value" and numbered rows)."""
    cut = sum(line not in _kept(lines) for lines, line in (_list_caption_page(s, "caption") for s in range(30)))
    assert cut >= 24


@pytest.mark.parametrize("last", ["item", "lower"])
def test_the_last_item_of_the_announced_list_is_kept(last):
    """The list's last item as short as the others, or a lower-case item, is no caption: it
    stays on every page where the other items stay (a guard: passes on main too)."""
    for seed in range(20):
        lines, line = _list_caption_page(seed, last)
        kept = _kept(lines)
        rows = lines[5:lines.index(line)]
        if set(rows) <= kept:
            assert line in kept


# --- pitches under a sponsored block's heading, teasers under "Read also" (``story_pitches``) ----


@pytest.mark.parametrize("label_rule", ["ads.sponsored_block", "outlets.ad_label"])
@pytest.mark.parametrize("seed", SEEDS)
def test_a_pitch_under_an_ad_heading_goes_with_a_teaser_block_under_it(label_rule, seed):
    """An "Advertiser: offer" line under a cut "Sponsored content" heading (or an ad label),
    the story above, a "Read also" block a rule cut under it whose teaser's summary the
    model kept: the pitch goes (fails on main: the sponsored heading's rule was no ad label,
    and the teaser's summary read as the story going on under the slot)."""
    from corpus_clean.boilerplate.story_inserts import LineShape
    from corpus_clean.boilerplate.story_pitches import mark_pitches_under_ad_labels

    r = random.Random(seed)
    name = _cap(_word(r, 3, 3))
    pitch = f"{_cap(_word(r))} {_cap(_word(r))}: {_word(r)} {_word(r)} {_word(r)}, {_word(r)} {_word(r)}."
    lines = [_sentence(r, name, 14), _sentence(r, name, 10), "Sponsored content", pitch, "Read also",
             f"{_cap(_word(r))}: {_word(r)} {_word(r)} {_word(r)}", _sentence(r, _word(r), 7)]
    ctx = Context("\n".join(lines) + "\n")
    ctx.marks.rule[2], ctx.marks.rule[4] = label_rule, "ads.recommended_block"
    mark_pitches_under_ad_labels(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[3] == "story.sponsored_pitch"


def test_an_interview_s_answer_under_an_ad_label_stays():
    """An ad slot inside an interview: the story goes on under the answer before any
    furniture, so the "Name: answer" line stays (a guard: passes on main too)."""
    from corpus_clean.boilerplate.story_inserts import LineShape
    from corpus_clean.boilerplate.story_pitches import mark_pitches_under_ad_labels

    ctx = Context("The harbour master spoke to us on Friday about the winter season and the ferry.\n"
                  "Sponsored content\nAnna Berg: We never closed the harbour in forty years.\n"
                  "She says the new ferry will run every hour from the first of May.\nRead also\n")
    ctx.marks.rule[1] = "ads.sponsored_block"
    ctx.marks.rule[4] = "ads.recommended_block"
    mark_pitches_under_ad_labels(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[2] is None


@pytest.mark.parametrize("seed", SEEDS)
def test_teasers_with_one_summary_each_under_a_cut_read_also_heading_go(seed):
    """Under a "Read also" heading a rule cut alone: headlines, one with a summary sentence
    under it; all go (fails on main: the step knew one label rule and no summaries)."""
    from corpus_clean.boilerplate.story_inserts import LineShape, mark_teasers_under_a_related_label

    r = random.Random(seed)
    teasers = [f"{_cap(_word(r))}: {_word(r)} {_word(r)} {_word(r)}", _sentence(r, _word(r), 7),
               f"{_cap(_word(r))}: {_word(r)} {_word(r)}"]
    lines = [_sentence(r, _cap(_word(r, 3, 3)), 14), "Read also", *teasers, "© 2026 " + _cap(_word(r))]
    ctx = Context("\n".join(lines) + "\n")
    ctx.marks.rule[1], ctx.marks.rule[5] = "ads.recommended_block", "footer.copyright"
    mark_teasers_under_a_related_label(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[2:5] == ["story.related_teasers"] * 3


def test_the_story_going_on_under_a_related_label_stays():
    """Two sentences one after another under the label are the story's, not a headline's
    summary: nothing goes (a guard: passes on main too)."""
    from corpus_clean.boilerplate.story_inserts import LineShape, mark_teasers_under_a_related_label

    ctx = Context("The new ferry runs every hour from May, the harbour master said on Friday.\nRead also\n"
                  "Tickets cost two euros.\nChildren ride free.\n")
    ctx.marks.rule[1] = "ads.recommended_block"
    mark_teasers_under_a_related_label(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[2:4] == [None, None]


_DANCE = ("The big dance met in the city hall on Saturday, with dancers from nine nations.\n"
          "Dancers in the hall at noon\nWinners:\nMen's dance: Joe Cloud\nWomen's dance: Lisa Heart\n"
          "The eldest dancer thanked the young ones for coming.\nShare\n")
_DANCE_RULES = [None] + ["classifier"] * 5 + ["social.share", None]


@pytest.mark.parametrize("announcement_score", [0.2, 0.9])
def test_the_story_s_fields_under_a_caption_the_model_cut_come_back_with_its_sentence(announcement_score):
    """Under the caption the model cut: the story's ":" line, its "Label: value" rows, then a
    sentence the model scores as the story's (0.4): all come back when the model's own score
    keeps the ":" line too (0.2), the caption staying cut (fails on main: no such step); with
    the ":" line scored as furniture (0.9, a block's label) nothing comes back."""
    from corpus_clean.boilerplate.story_caption_cut import give_back_the_story_under_a_caption_the_model_cut
    from corpus_clean.boilerplate.story_inserts import LineShape

    ctx = _ctx_with_scores(_DANCE, list(_DANCE_RULES), [0.1, 0.7, announcement_score, 0.7, 0.8, 0.4, 0.9, 0.0])
    give_back_the_story_under_a_caption_the_model_cut(ctx, LineShape(ctx.stats))
    if announcement_score < 0.6:
        assert ctx.marks.rule == [None, "classifier", None, None, None, None, "social.share", None]
    else:
        assert ctx.marks.rule == _DANCE_RULES


def test_a_recommended_block_inside_the_story_takes_no_subheading():
    """A "More on ..." block the rule cut inside the story, a subheading under it, a sponsored
    label, then the story going on: the subheading stays (the generated news' case, group B
    seed 7 doc 151, that the first version of this round's change cut)."""
    from corpus_clean.boilerplate.story_inserts import LineShape, mark_teasers_under_a_related_label

    ctx = Context("Demand on the tram line has grown by a third since 2019, figures released on Friday show.\n"
                  "More on the extension\nThe road ahead\nSponsored links\n"
                  "The council will vote on the extension in March, the mayor said on Friday.\n")
    ctx.marks.rule[1], ctx.marks.rule[3] = "ads.recommended_block", "ads.sponsored_block"
    mark_teasers_under_a_related_label(ctx, LineShape(ctx.stats))
    assert ctx.marks.rule[2] is None

"""``story_body._nothing_to_give_back``: a page it lets skip ``_give_back`` is one where
``_give_back`` changes no mark. Checked over generated pages (dates, timelines, fact lists,
menu rows, story sentences, blank lines) with random marks of the date, menu and other
rules, where the give-backs do act on many of the pages the check does not let skip."""
from __future__ import annotations

import random

from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_body import (
    DATE_RULES, _GIVE_BACK_RULES, _give_back, _nothing_to_give_back, give_back_story_body_lines,
)

LINES = [
    "12 March 2016", "23:38", "1974", "Updated 3 Dec 2026, 14:05", "Sabado: 6:00 AM - 8:00 PM",
    "The first pier", "Work starts again.", "Polls have closed.",
    "The new bridge opens on Monday after ten years of works and two lawsuits.",
    "Turnout was 61 per cent, up from 54 in 2022, the returning officer said on Sunday.",
    "Length: 212 m", "Arches: 14", "Status: listed building",
    "Home | News | Sport", "Green | 1 204 | 5", "Ingredients", "4 pears",
    "The main developments:", "By Ana Ruiz", "© 2026 The Courier", "Photo: Ana Ruiz", "", "",
    # (dated rows: one comes back beside a kept row of its shape, above or below it)
    "16:12 – Full time", "16:00 – Shahkot score twice in a row to close the gap on the leaders.",
    "15:50 – Half time, and the home side trail by one point after a slow start.",
]
RULES = [None] * 8 + ["dates.date_line", "news.dateline", "outlets.dateline", "outlets.count_only",
                      "nav.menu_bar", "news.byline", "footer.copyright", "social.share_bar",
                      "outlets.caption_with_credit", "story.insert",  # (inserts: a timeline runs across them)
                      "classifier", "nav.menu_run", "news.photo_caption"]  # (rules the check does not bound)


def _page(rng: random.Random) -> Context:
    ctx = Context("\n".join(rng.choice(LINES) for _ in range(rng.randint(1, 14))))
    for i in range(ctx.lines.n_lines):
        if not ctx.blank[i]:
            ctx.marks.rule[i] = rng.choice(RULES)
    return ctx


DATES = ["12 March 2016", "23:38", "1974", "3 June 2018"]
SENTENCES = ["Work starts again on the bridge.", "Polls have closed in all wards.", "The first pier"]
INSERTS = [("Photo: Ana Ruiz", "outlets.caption_with_credit"), ("Advertisement", "story.insert"),
           ("Related", "nav.related"), ("", None)]


def _timeline(rng: random.Random) -> Context:
    """A page of dated entries (a date line a date rule cut, a sentence, maybe an insert
    between entries), some marks changed at random."""
    lines, rules = [], []
    for _ in range(rng.randint(0, 2)):
        lines.append(rng.choice(["By Ana Ruiz", "Home | News", "Turnout was 61 per cent, up from 54 in 2022."]))
        rules.append(rng.choice(["news.byline", "nav.menu_bar", None]))
    for _ in range(rng.randint(1, 4)):
        lines += [rng.choice(DATES), rng.choice(SENTENCES)]
        rules += [rng.choice(sorted(DATE_RULES)), None]
        if rng.random() < 0.5:
            line, rule = rng.choice(INSERTS)
            lines.append(line)
            rules.append(rule)
    ctx = Context("\n".join(lines))
    ctx.marks.rule[:len(rules)] = rules
    for _ in range(rng.randint(0, 2)):
        ctx.marks.rule[rng.randrange(len(rules))] = rng.choice(RULES)
    return ctx


ROWS = ["16:12 – Full time", "16:00 – Shahkot score twice in a row to close the gap on the leaders.",
        "15:50 – Half time, and the home side trail by one point after a slow start.",
        "19.00 uur – Opening", "19.30 uur – De fanfare speelt marsen op het plein voor het gemeentehuis."]


def _dated_rows(rng: random.Random) -> Context:
    """A live blog's or a programme's dated rows under a head, a sentence after them; a
    date rule cut some rows, the rest kept (a row comes back beside a kept row of its
    shape, above or below it)."""
    rows = [rng.choice(ROWS) for _ in range(rng.randint(2, 4))]
    lines = ["Live: Shahkot v Nakodar"] + rows + ["The match was played in front of a full house on Sunday."]
    ctx = Context("\n".join(lines))
    ctx.marks.rule[0] = rng.choice([None, "news.headline"])
    for i in range(1, len(rows) + 1):
        ctx.marks.rule[i] = rng.choice([None, "dates.date_line"])
    return ctx


def test_a_skipped_page_is_one_the_give_backs_leave_as_it_is():
    rng = random.Random(26)
    skipped = changed = 0
    for _ in range(4000):
        draw = rng.random()
        ctx = _page(rng) if draw < 0.5 else _timeline(rng) if draw < 0.85 else _dated_rows(rng)
        cut = set(ctx.marks.rule)
        if not cut & _GIVE_BACK_RULES:
            continue
        before = list(ctx.marks.rule)
        skip = _nothing_to_give_back(ctx, cut)
        _give_back(ctx, cut)
        if skip:
            skipped += 1
            assert ctx.marks.rule == before, (ctx.text, before)
        else:
            changed += ctx.marks.rule != before
    # (the generator reaches both sides: pages to skip, and pages the steps change)
    assert skipped > 300 and changed > 100, (skipped, changed)


def test_the_step_gives_back_as_before_on_every_page():
    """``give_back_story_body_lines`` with the check equals ``_give_back`` run on every page."""
    rng = random.Random(27)
    for _ in range(1000):
        ctx = _page(rng)
        ref = Context(ctx.text)
        ref.marks.rule[:] = ctx.marks.rule
        cut = set(ref.marks.rule)
        if cut & _GIVE_BACK_RULES:
            _give_back(ref, cut)
        give_back_story_body_lines(ctx)
        assert ctx.marks.rule == ref.marks.rule, ctx.text


def test_a_page_keeping_a_long_line_is_no_brief():
    """``story_briefs.keeps_a_long_line`` (the two brief steps' early return) never says so
    of a page ``is_brief`` reads as a brief; pages with a long line added, kept or cut by
    the model, reach both sides."""
    from corpus_clean.boilerplate import story_briefs

    rng = random.Random(28)
    long_line = " ".join(["The council said the new bridge"] * 4) + "."
    seen = {True: 0, False: 0}
    for _ in range(3000):
        ctx = _page(rng)
        text = ctx.text + ("\n" + long_line if rng.random() < 0.5 else "")
        page = Context(text)
        page.marks.rule[:ctx.lines.n_lines] = ctx.marks.rule
        if page.lines.n_lines > ctx.lines.n_lines:
            page.marks.rule[-1] = rng.choice([None, "classifier"])
        kept = ((~page.blank) & ~page.marks.removed()).nonzero()[0]
        brief = len(kept) > 0 and story_briefs.is_brief(page.stats.n_words[kept])
        seen[brief] += 1
        assert not (brief and story_briefs.keeps_a_long_line(page)), text
    assert min(seen.values()) > 300, seen


# Pieces of lines around a count: brackets (ASCII and full-width), digits (ASCII and
# full-width, which the line counts read as letters), spaces ``re`` and ``str.strip`` know,
# and a zero-width space, which they do not.
PIECES = ["(", ")", "[", "]", "（", "）", "【", "】", "15", "３", "7", " ", "\t", "\u3000", "\u2003", "\u00a0",
          "\u200b", "posts", "Travel", "."]


def test_every_count_line_ends_in_a_bracket_by_its_counts():
    """``story_counts.bracket_end_lines`` (the counted lists' candidates) holds every line
    ``is_count_line`` reads as a count, whatever spaces surround it."""
    from corpus_clean.boilerplate.features import line_stats, split_lines
    from corpus_clean.boilerplate.story_counts import bracket_end_lines, is_count_line

    rng = random.Random(29)
    lines = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6))) for _ in range(20000)]
    lines += [f"{rng.choice(PIECES[8:16])}{o}{d}{c}{rng.choice(PIECES[11:17])}"
              for o, c in (("(", ")"), ("[", "]"), ("（", "）"), ("【", "】")) for d in ("15", "３", "7")
              for _ in range(50)]
    stats = line_stats(split_lines("\n".join(lines)))
    flagged = bracket_end_lines(stats)
    counts = [is_count_line(line.strip()) for line in lines]
    assert sum(counts) > 300
    assert all(flagged[i] for i, count in enumerate(counts) if count)


def test_counted_lists_mark_as_when_every_line_was_tried():
    """``mark_counted_lists`` with its candidates from the batch's rows marks what it marks
    when every line is a candidate (generated pages: a story, a widget of labels and counts)."""
    from corpus_clean.boilerplate import story_counts
    from corpus_clean.boilerplate.batch import Batch

    rng = random.Random(30)
    texts = []
    for _ in range(300):
        story = [rng.choice(LINES[8:10]) for _ in range(rng.randint(1, 6))]
        widget = [x for _ in range(rng.randint(2, 9))
                  for x in (rng.choice(["Travel", "Recipes", "Film", "Haaland"]),
                            rng.choice(["(3)", "[15] ", "（42）", "【7】\u3000", "(3)", "(2019–2020)", "15"]))]
        texts.append("\n".join(story + widget + story[:1]) or "x")
    batch = Batch.of(texts)
    marked = 0
    for ctx in batch.ctxs:
        alone = Context(ctx.text)
        alone.__dict__["bracket_end_rows"] = list(range(alone.lines.n_lines))  # (every line a candidate)
        story_counts.mark_counted_lists(ctx)
        story_counts.mark_counted_lists(alone)
        assert ctx.marks.rule == alone.marks.rule
        marked += story_counts.COUNTED_LIST_RULE in ctx.marks.rule
    assert marked > 20, marked

"""Generated news pages whose story holds a run of short lines, and pages whose menus sit
where a story's list could: the menu rule's hard cases, in invented words (round 21).

A menu flattened to text is a run of short capitalised lines ("Home" / "News" / "Sport" /
...); so are many things a story holds: the names of the winners, the villages on a new
road, the steps of a task, a poem's lines, a day's programme. This module writes both,
each in several positions on the page, so a rule-side step can be measured on what tells
them apart (position, the line that announces the run, the story going on under it, the
run's words reappearing in the story) and not on any wording: every word is invented
from syllables, in three scripts, so no rule can key on one.

    >>> docs = generate(4, seed=1)
    >>> len(docs), {d.meta["case"].split(":")[0] for d in docs} <= {"menu", "story"}
    (4, True)
    >>> all(len(d.lines) == len(d.labels) for d in docs)
    True

``run_cases()`` names every case; ``generate`` takes them in turn, each page with a fresh
draw of words, so a case's share of cut lines is read over many pages
(``benchmarks/news_runs.py``).
"""
from __future__ import annotations

import random

from training.newsgen import NoisyDoc

# Syllables of three scripts: each page draws its language's words from one.
SYLLABLES = {
    "latn": ("ka", "lo", "mi", "na", "te", "ru", "so", "wa", "ye", "bi", "du", "fe", "go", "ha", "ji", "ko",
             "ma", "ne", "pa", "ri", "sa", "tu", "vo", "za", "ngo", "mba", "tse", "kwa", "lle", "ri"),
    "cyrl": ("ка", "ло", "ми", "на", "те", "ру", "со", "ва", "йе", "би", "ду", "фе", "го", "ха", "жи", "ко",
             "ма", "не", "па", "ри", "са", "ту", "во", "за", "нго", "мба", "тсе", "ква", "лле", "ры"),
    "grek": ("κα", "λο", "μι", "να", "τε", "ρυ", "σο", "βα", "γε", "δι", "ξε", "πο", "χα", "ζι", "κο", "μα"),
}

# Where a story's run stands: (the line above it, the line below it).
STORY_CASES = (
    "story:sentence-above:sentence-below",      # between two story sentences
    "story:short-announce:sentence-below",      # "Winners:" then the run, the story goes on
    "story:sentence-announce:sentence-below",   # "The winners of the day were these:" (< 8 words)
    "story:sentence-above:caption-below",       # the run, a caption, then the story goes on
    "story:short-announce:caption-below",
    "story:sentence-above:end",                 # the story's last thing: share bar, teasers under it
    "story:short-announce:end",
    "story:sentence-announce:end",
    "story:caption-above:sentence-below",       # a caption between the story and the run
    "story:subheading-above:sentence-below",    # a subheading ("Winners") over the run
)
# Where a menu stands.
MENU_CASES = (
    "menu:page-top",            # the first lines of the page
    "menu:under-label",         # under a one-word label ("Sections")
    "menu:after-story",         # right under the story's last sentence, teasers below
    "menu:before-comments",     # between the share bar and the comments
    "menu:page-foot",           # among the footer's lines, over the copyright
    "menu:between-head-and-story",  # under the byline, over the first paragraph
)


def run_cases() -> tuple[str, ...]:
    """Every case, stories first.

    >>> len(run_cases()), run_cases()[0]
    (16, 'story:sentence-above:sentence-below')
    """
    return STORY_CASES + MENU_CASES


class _Words:
    """Invented words of one script, drawn from one RNG."""

    def __init__(self, rng: random.Random, script: str):
        self.rng, self.syl = rng, SYLLABLES[script]

    def word(self, lo: int = 1, hi: int = 3) -> str:
        return "".join(self.rng.choice(self.syl) for _ in range(self.rng.randint(lo, hi)))

    def cap(self, lo: int = 2, hi: int = 3) -> str:
        w = self.word(lo, hi)
        return w[:1].upper() + w[1:]

    def sentence(self, lo: int = 9, hi: int = 18, names: list[str] = ()) -> str:
        """A capitalised sentence of lo..hi words ending in ".", with one of `names` in it."""
        words = [self.word() for _ in range(self.rng.randint(lo, hi))]
        if names:
            words[self.rng.randrange(1, len(words))] = self.rng.choice(names)
        return words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:]) + "."


def _items(wd: _Words, rng: random.Random, kind: str, n: int) -> list[str]:
    """`n` items of a story's run: names (two words), places (one), steps or verse (2-4 words)."""
    if kind == "names":
        return [f"{wd.cap()} {wd.cap()}" for _ in range(n)]
    if kind == "places":
        return [wd.cap() for _ in range(n)]
    return [wd.cap(1, 3) + " " + " ".join(wd.word() for _ in range(rng.randint(1, 3))) for _ in range(n)]


def _menu(wd: _Words, rng: random.Random) -> list[str]:
    """A menu's items: one or two capitalised words each."""
    return [wd.cap(2, 3) if rng.random() < 0.8 else f"{wd.cap(2, 3)} {wd.cap(1, 2)}" for _ in range(rng.randint(5, 8))]


def generate_one(rng: random.Random, case: str) -> NoisyDoc:
    """One page of `case` (``run_cases()``)."""
    script = rng.choice(("latn", "latn", "cyrl", "grek"))
    wd = _Words(rng, script)
    names = [f"{wd.cap()} {wd.cap()}" for _ in range(2)] + [wd.cap() for _ in range(2)]
    out: list[tuple[str, str]] = []
    if case != "menu:page-top":
        out.append((wd.cap(), "nav"))  # (the outlet's name over everything)
    top_menu = _menu(wd, rng)
    if case == "menu:page-top":
        out += [(x, "nav") for x in top_menu]
    elif case == "menu:under-label":
        out.append((wd.cap(), "nav"))
        out += [(x, "nav") for x in top_menu]
    out.append((wd.sentence(5, 9, names).rstrip("."), "headline"))
    out.append((f"{wd.cap()} {wd.cap()}", "byline"))
    out.append((f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2026", "dateline"))
    if case == "menu:between-head-and-story":
        out += [(x, "nav") for x in _menu(wd, rng)]
    story = [(wd.sentence(names=names), "article") for _ in range(rng.randint(2, 3))]
    tail_story = [(wd.sentence(names=names), "article") for _ in range(rng.randint(1, 2))]
    caption = (" ".join([wd.cap()] + [wd.word() for _ in range(rng.randint(3, 7))]), "caption")
    if case.startswith("story:"):
        _, above, below = case.split(":")
        kind = rng.choice(("names", "places", "steps"))
        run = [(x, "article") for x in _items(wd, rng, kind, rng.randint(5, 8))]
        lead: list[tuple[str, str]] = []
        if above == "short-announce":
            lead = [(wd.cap() + ":", "article")]
        elif above == "sentence-announce":
            lead = [(wd.sentence(3, 7, names)[:-1] + ":", "article")]
        elif above == "caption-above":
            lead = [caption]
        elif above == "subheading-above":
            lead = [(wd.cap(), "article")]
        out += story + lead + run
        if below == "sentence-below":
            out += tail_story
        elif below == "caption-below":
            out += [caption] + tail_story
    else:
        out += story + tail_story
    if case == "menu:after-story":
        out += [(x, "nav") for x in _menu(wd, rng)]
    out += [(wd.cap(), "share"), (wd.cap(), "share")]
    if case == "menu:before-comments":
        out += [(x, "nav") for x in _menu(wd, rng)]
    for _ in range(2):
        out += [(f"{wd.cap()} {wd.cap()[:1]}.", "comments"), (wd.sentence(4, 9), "comments")]
    out.append((f"{wd.cap()} {wd.word()}", "read_more"))
    out += [(wd.sentence(4, 7).rstrip("."), "read_more") for _ in range(2)]
    if case == "menu:page-foot":
        out += [(x, "nav") for x in _menu(wd, rng)]
    out.append((f"© 2026 {wd.cap()}", "copyright"))
    lines, labels = [x for x, _ in out], [lab for _, lab in out]
    return NoisyDoc(f"runs-{case}", "R", script, lines, labels, title=out[0][0], meta={"case": case})


def generate(n: int, *, seed: int = 0, cases: tuple[str, ...] | None = None) -> list[NoisyDoc]:
    """`n` pages, the cases taken in turn, all from one RNG seeded with `seed`."""
    rng = random.Random(seed)
    names = cases or run_cases()
    return [generate_one(rng, names[k % len(names)]) for k in range(n)]

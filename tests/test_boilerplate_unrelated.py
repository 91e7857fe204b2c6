"""A kept block below the article that does not talk about it goes; the story's own last
block stays (``blocks.cut_unrelated_blocks_below``, issue 11, ninth round). Our own text."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.blocks import cut_unrelated_blocks_below, cut_unrelated_blocks_below_each

STORIES = {
    "en": ["The harbour council voted on Monday to close the old river bridge for a year while engineers replace "
           "its corroded steel deck and both approach spans.",
           "Drivers will be sent over the northern ring road, which the transport department says can carry the "
           "extra traffic once two junctions near the harbour are widened.",
           "Shop owners on the east bank told the council that the bridge closure would cost them customers."],
    "de": ["Der Stadtrat hat am Montagabend beschlossen, die alte Flussbrücke für ein Jahr zu sperren, damit "
           "Ingenieure die verrostete Fahrbahn und beide Zufahrten erneuern können.",
           "Der Verkehr soll über den nördlichen Ring umgeleitet werden, der nach Angaben des Verkehrsamtes die "
           "zusätzlichen Fahrzeuge aufnehmen kann, wenn zwei Kreuzungen ausgebaut werden.",
           "Geschäftsleute vom Ostufer sagten, die Sperrung der Brücke werde sie Kunden kosten."],
    "fr": ["Le conseil municipal a voté lundi soir la fermeture du vieux pont pendant un an, le temps pour les "
           "ingénieurs de remplacer son tablier rouillé et ses deux travées d'accès.",
           "Les automobilistes seront déviés par la rocade nord, qui pourra absorber le trafic supplémentaire si "
           "deux carrefours proches du port sont élargis.",
           "Les commerçants de la rive est craignent que la fermeture du pont leur fasse perdre des clients."],
}
WIDGET = ["Newsletter", "Sign up", "Share", "Comments (12)"]
UNRELATED = {
    "en": ["Necessary cookies are absolutely essential for this website to function properly. These cookies "
           "ensure basic functionalities and security features of the website, anonymously. Any cookies that "
           "collect personal data via analytics, ads or other embedded contents need your consent first."],
    "de": ["Notwendige Cookies sind für das Funktionieren dieser Webseite unbedingt erforderlich. Diese Cookies "
           "gewährleisten grundlegende Funktionen und Sicherheitsmerkmale der Webseite, anonym. Cookies, die "
           "persönliche Daten über Analysen, Werbung oder andere eingebettete Inhalte sammeln, brauchen Ihre "
           "Einwilligung."],
    "fr": ["Les témoins nécessaires sont absolument indispensables au fonctionnement de ce site. Ils assurent "
           "anonymement les fonctions de base et les fonctions de sécurité du site internet. Les témoins qui "
           "recueillent des données personnelles par des analyses, des publicités ou d'autres contenus intégrés "
           "demandent votre consentement."],
}
CLOSING_BLOCK = {  # the story goes on after an inline widget: it names the bridge, the council, the traffic
    "en": ["Work on the bridge starts in May, the council said, and the ring road junctions will be widened "
           "before the closure so that traffic from the harbour can use them."],
    "de": ["Die Arbeiten an der Brücke beginnen im Mai, sagte der Stadtrat; die Kreuzungen am Ring werden vor "
           "der Sperrung ausgebaut, damit der Verkehr vom Ostufer sie nutzen kann."],
    "fr": ["Les travaux du pont commenceront en mai, selon le conseil municipal, et les carrefours de la rocade "
           "seront élargis avant la fermeture pour absorber le trafic du port."],
}


def _cut(lines: list[str], kept: list[bool]) -> list[bool]:
    drop = ~np.array(kept)
    return cut_unrelated_blocks_below(lines, np.arange(len(lines)), np.arange(len(lines)), drop).tolist()


@pytest.mark.parametrize("language", sorted(STORIES))
def test_an_unrelated_block_below_the_story_goes(language):
    lines = STORIES[language] + WIDGET + UNRELATED[language]
    kept = [True] * 3 + [False] * 4 + [True]
    assert _cut(lines, kept) == [False] * 3 + [True] * 5


@pytest.mark.parametrize("language", sorted(STORIES))
def test_the_story_s_own_block_after_a_widget_stays(language):
    lines = STORIES[language] + WIDGET + CLOSING_BLOCK[language]
    kept = [True] * 3 + [False] * 4 + [True]
    assert _cut(lines, kept) == [not k for k in kept]


@pytest.mark.parametrize("language", sorted(STORIES))
def test_blocks_above_the_story_and_close_to_it_stay(language):
    # above the article (a standfirst in other words), or only 3 cut lines away: not judged
    above = UNRELATED[language] + WIDGET + STORIES[language]
    assert _cut(above, [True] + [False] * 4 + [True] * 3) == [False] + [True] * 4 + [False] * 3
    close = STORIES[language] + WIDGET[:3] + UNRELATED[language]
    assert _cut(close, [True] * 3 + [False] * 3 + [True]) == [False] * 3 + [True] * 3 + [False]


def test_a_short_unrelated_line_below_the_story_is_left_to_the_model():
    lines = STORIES["en"] + WIDGET + ["Photo gallery of the week."]
    assert _cut(lines, [True] * 3 + [False] * 4 + [True])[-1] is False


blocks = st.lists(st.sampled_from(sum(STORIES.values(), []) + sum(UNRELATED.values(), []) + WIDGET
                                  + sum(CLOSING_BLOCK.values(), [])), min_size=0, max_size=14)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(blocks, st.lists(st.booleans(), min_size=14, max_size=14),
                          st.lists(st.booleans(), min_size=14, max_size=14)), min_size=1, max_size=5))
def test_a_batch_gives_each_document_its_own_answer(docs):
    contents = [lines for lines, _, _ in docs]
    line_ofs = [np.arange(len(lines)) for lines in contents]
    unmarked = np.concatenate([np.array(u[:len(lines)], dtype=bool) for lines, u, _ in docs])
    drop = np.concatenate([np.array(d[:len(lines)], dtype=bool) for lines, _, d in docs])
    bounds = np.r_[0, np.cumsum([len(lines) for lines in contents])]
    got = cut_unrelated_blocks_below_each(contents, line_ofs, bounds, unmarked, drop)
    for k, lines in enumerate(contents):
        lo, hi = bounds[k], bounds[k + 1]
        cand = np.flatnonzero(unmarked[lo:hi])
        alone = drop[lo:hi].copy()
        if len(cand):
            alone[cand] = cut_unrelated_blocks_below(lines, cand, cand, drop[lo:hi][cand])
        assert got[lo:hi].tolist() == alone.tolist()
        assert not (drop[lo:hi] & ~got[lo:hi]).any()  # the step only cuts


# Round 21 (textq21): a page whose text holds the article twice (a print or AMP copy under
# it, re-wrapped at other places) keeps one copy.
def _rewrapped(paragraphs: list[str], cuts: list[float]) -> list[str]:
    """The paragraphs as one text, broken into lines at other places (each cut: where in
    its paragraph, as a share of its words, a line break falls; 0: none)."""
    lines = []
    for paragraph, cut in zip(paragraphs, cuts):
        words = paragraph.split()
        k = int(cut * len(words))
        lines += [" ".join(words[:k]), " ".join(words[k:])] if 0 < k < len(words) else [paragraph]
    return lines


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(STORIES)), st.lists(st.floats(0, 0.95), min_size=4, max_size=4),
       st.integers(min_value=5, max_value=9))
def test_a_second_copy_of_the_article_below_it_goes(language, cuts, n_furniture):
    """Fails on main: the copy shares nearly every word with the article, so
    ``cut_unrelated_blocks_below`` (which cut only blocks that share few) kept it."""
    article = STORIES[language] + CLOSING_BLOCK[language]
    copy = _rewrapped(article, cuts)
    furniture = (WIDGET * 3)[:n_furniture]
    lines = article + furniture + copy
    kept = [True] * len(article) + [False] * len(furniture) + [True] * len(copy)
    assert _cut(lines, kept) == [False] * len(article) + [True] * (len(furniture) + len(copy))


# The story goes on after a gallery: it names the bridge, the council and the traffic again,
# but says new things in every sentence (guard: passes on main too).
CONTINUATION = ("Engineers found the corrosion during a routine inspection last autumn, when divers examined "
                "the piers below the waterline and reported cracks in three of the steel girders. The council "
                "had postponed earlier repairs twice because of rising costs, and the transport committee now "
                "expects the whole project to cost almost twice the original estimate. Ferry operators have "
                "offered extra crossings during the morning rush hour while the bridge stays closed.")


def test_the_story_going_on_below_a_gallery_stays():
    lines = STORIES["en"] + WIDGET + ["Photo 1 of 6", "Next"] + [CONTINUATION]
    kept = [True] * 3 + [False] * 6 + [True]
    assert _cut(lines, kept) == [not k for k in kept]


def test_a_part_of_the_article_shown_again_below_it_stays():
    """A recipe card repeating the ingredients, a code sample shown twice: the repeated
    part is much shorter than the article, and it is the page's content (guard: passes on
    main; fails when any block of recurring words goes, whatever its length)."""
    article = STORIES["en"] + CLOSING_BLOCK["en"] + [CONTINUATION] * 2
    part = _rewrapped(article[:4], [0.5, 0.5, 0.5, 0.5])
    lines = article + WIDGET + ["Photo 1 of 6"] + part
    kept = [True] * len(article) + [False] * 5 + [True] * len(part)
    assert _cut(lines, kept) == [not k for k in kept]

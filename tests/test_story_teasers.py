"""Other stories' teasers left at the story's edge go; a story told in short sections, a
listicle, a list of headlines and a page of teasers alone stay (``story_teasers``, issue 11,
round 25). Generated pages in three languages; our own text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.engine import Context, strip
from corpus_clean.boilerplate.story_teasers import TEASER_RULE, mark_teaser_runs, teaser_runs

STORY = {
    "en": ["The harbour council voted on Monday to close the old river bridge for a year of repairs.",
           "Drivers will be sent over the northern ring road, which the council says can carry the extra traffic.",
           "Shop owners on the east bank told the council that the bridge closure would cost them customers.",
           "Engineers found corroded steel in the bridge deck during an inspection of the river crossing last spring.",
           "The council expects the bridge to open again before the harbour festival of the following summer."],
    "de": ["Der Stadtrat hat am Montag beschlossen, die alte Flussbrücke für ein Jahr zu sperren und zu erneuern.",
           "Der Verkehr soll über den nördlichen Ring umgeleitet werden, der die zusätzlichen Fahrzeuge aufnehmen kann.",
           "Geschäftsleute vom Ostufer sagten dem Stadtrat, die Sperrung der Brücke werde sie viele Kunden kosten.",
           "Ingenieure fanden bei einer Prüfung der Flussbrücke im Frühjahr verrosteten Stahl in der Fahrbahn.",
           "Der Stadtrat erwartet, dass die Brücke vor dem Hafenfest des folgenden Sommers wieder öffnet."],
    "fr": ["Le conseil municipal a voté lundi la fermeture du vieux pont sur la rivière pendant un an de travaux.",
           "Les automobilistes seront déviés par la rocade nord, qui pourra absorber le trafic selon le conseil.",
           "Les commerçants de la rive est ont dit au conseil que la fermeture du pont leur ferait perdre des clients.",
           "Les ingénieurs ont trouvé de l'acier rouillé dans le tablier du pont lors d'une inspection au printemps.",
           "Le conseil espère rouvrir le pont avant la fête du port de l'été suivant, selon le maire de la ville."],
}
TEASERS = {  # (headline, one-sentence summary) of other stories
    "en": [("Tape Gaffe Ends Local Racer's Title Run", "A measuring tape decided the season in the final race."),
           ("The Four Best Vegan Kitchens Downtown", "Critics counted plates and prices across eleven restaurants."),
           ("Orchestra Names New Principal Violinist", "The conservatory graduate joins the ensemble in September."),
           ("Farmers Worry About Early Autumn Frost", "Orchards lost blossoms twice during unusually cold nights."),
           ("Museum Reopens Its Egyptian Gallery", "Visitors can again see the painted sarcophagi after renovations.")],
    "de": [("Messfehler Beendet Die Saison Des Rennfahrers", "Ein Maßband entschied die Meisterschaft im letzten Rennen."),
           ("Die Vier Besten Veganen Küchen Der Innenstadt", "Kritiker zählten Teller und Preise in elf Restaurants."),
           ("Orchester Ernennt Neue Erste Geigerin", "Die Absolventin des Konservatoriums beginnt im September."),
           ("Landwirte Fürchten Frühen Herbstfrost", "Obstgärten verloren zweimal ihre Blüten in kalten Nächten."),
           ("Museum Öffnet Die Ägyptische Galerie Wieder", "Besucher sehen die bemalten Sarkophage nach Umbauten.")],
    "fr": [("Une Erreur De Mesure Prive Le Pilote Du Titre", "Un mètre ruban a tranché la saison lors de la finale."),
           ("Les Quatre Meilleures Tables Véganes Du Centre", "Des critiques ont comparé assiettes et prix dans onze adresses."),
           ("L'orchestre Nomme Une Nouvelle Première Violon", "La diplômée du conservatoire arrive en septembre prochain."),
           ("Les Agriculteurs Craignent Un Gel Précoce", "Les vergers ont perdu leurs fleurs lors de nuits très froides."),
           ("Le Musée Rouvre Sa Galerie Égyptienne", "Les visiteurs revoient les sarcophages peints après les travaux.")],
}
MENU = ["Home", "News", "Sport", "Weather"]
LANGUAGES = sorted(STORY)


def _page(lines: list[str], model_cut: list[int]) -> Context:
    ctx = Context("\n".join(lines) + "\n")
    for i in model_cut:
        ctx.marks.rule[i] = "classifier"
    return ctx


def _teaser_lines(language: str, n: int, tag: str | None = None) -> list[str]:
    out = []
    for headline, summary in TEASERS[language][:n]:
        out += [headline, summary] + ([tag] if tag else [])
    return out


@settings(max_examples=40, deadline=None)
@given(language=st.sampled_from(LANGUAGES), n_units=st.integers(3, 5), above=st.booleans(),
       tag=st.sampled_from([None, "Read more", "by Staff"]))
def test_teasers_above_or_below_the_story_go_and_the_story_stays(language, n_units, above, tag):
    teasers = _teaser_lines(language, n_units, tag)
    body = teasers + STORY[language] if above else STORY[language] + teasers
    lines = MENU + body
    ctx = _page(lines, model_cut=range(len(MENU)))
    mark_teaser_runs(ctx)
    rule = ctx.marks.rule
    story_at = [lines.index(s) for s in STORY[language]]
    teaser_at = [i for i, line in enumerate(lines) if line in teasers]
    assert all(rule[i] is None for i in story_at)
    assert all(rule[i] == TEASER_RULE for i in teaser_at)


@given(language=st.sampled_from(LANGUAGES), n_units=st.integers(3, 5))
def test_nothing_goes_on_a_page_the_model_did_not_cut(language, n_units):
    lines = STORY[language] + _teaser_lines(language, n_units)
    ctx = _page(lines, model_cut=[])
    mark_teaser_runs(ctx)
    assert TEASER_RULE not in ctx.marks.rule


@given(language=st.sampled_from(LANGUAGES), n_units=st.integers(3, 5))
def test_a_page_of_teasers_alone_is_left_as_it_is(language, n_units):
    """A section front: no story of four sentences in a row is kept besides the teasers."""
    lines = MENU + _teaser_lines(language, n_units) + STORY[language][:2]
    ctx = _page(lines, model_cut=range(len(MENU)))
    mark_teaser_runs(ctx)
    assert TEASER_RULE not in ctx.marks.rule


@given(language=st.sampled_from(LANGUAGES))
def test_a_story_told_in_short_sections_stays(language):
    """Subheadings over one-sentence sections that name the story's things again (its echo
    is high), between the story's paragraphs."""
    story = STORY[language]
    words = [w for w in story[0].split() if len(w) >= 5][:3]
    sections = []
    for k, w in enumerate(words):
        sections += [f"{w.capitalize()} And What Comes Next", f"{story[k + 1][:-1]} ({w})."]
    lines = MENU + story[:2] + sections + story[2:]
    ctx = _page(lines, model_cut=range(len(MENU)))
    mark_teaser_runs(ctx)
    assert TEASER_RULE not in ctx.marks.rule


def test_lists_of_headlines_or_long_sections_are_no_teaser_runs():
    """Headlines without a summary sentence (a list of links, bullet points), and a
    listicle's subheadings over paragraphs longer than a summary, are not teaser units."""
    story = STORY["en"]
    headlines = [h for h, _ in TEASERS["en"]]
    assert teaser_runs(story + headlines) == []
    long_paragraph = " ".join(s for s in story)  # (a section of 80+ words)
    listicle = []
    for h, _ in TEASERS["en"][:4]:
        listicle += [h, long_paragraph]
    assert teaser_runs(story + listicle) == []


def test_strip_keeps_the_story_of_a_page_with_a_teaser_run_in_an_unspaced_script():
    """No words to count: the step leaves such a page alone (and the engine runs it)."""
    text = "\n".join(["首页", "新闻"] + ["市议会周一投票决定关闭旧桥一年进行维修工程，司机将绕行北环路。"] * 4
                     + ["赛车手因测量失误失去冠军", "最后一场比赛中卷尺决定了整个赛季的结果。"] * 3) + "\n"
    out, _ = strip(text)
    assert "市议会周一投票决定关闭旧桥一年进行维修工程" in out

"""Blog and newsletter furniture as other languages print it goes; article sentences that
share its words stay (rule packs only, issue 11, ninth round). Our own text."""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate.engine import strip

STORY = [
    "The council voted on Tuesday to close the old bridge for two years of repairs, citing cracks found during an inspection.",
    "Drivers will be sent along the coast road while the work goes on, the mayor said at a briefing on Wednesday.",
]


def _rules_cut(head: list[str], tail: list[str]) -> set[str]:
    text = "\n".join(head + STORY + tail) + "\n"
    kept = set(strip(text, use_classifier=False)[0].splitlines())
    return {line for line in head + tail if line not in kept}


@pytest.mark.parametrize("byline", [
    "Publié par Claire Dubois le 12 mars 2025",
    "Publicado por Tomás Herrera el 3 de mayo de 2024",
    "Veröffentlicht von Lukas Fischer am 3. März 2024",
    "Pubblicato da Giulia Rossi il 9 aprile 2024",
    "Geplaatst door Sanne de Vries op 14 juni 2024",
])
def test_a_blog_byline_in_another_language_goes(byline):
    assert _rules_cut([byline], []) == {byline}


@pytest.mark.parametrize("line", [
    "Haz clic para compartir en Twitter (Se abre en una ventana nueva)",
    "Cliquez pour partager sur Facebook(ouvre dans une nouvelle fenêtre)",
    "Klicken, um auf WhatsApp zu teilen (Wird in neuem Fenster geöffnet)",
    "Clique para compartilhar no LinkedIn (abre em nova janela)",
    "Klik om te delen op Facebook (Wordt in een nieuw venster geopend)",
    "Comparte esto:", "Teilen mit:", "Deel dit:",
    "Abonnez-vous à notre newsletter pour recevoir les dernières nouvelles du port.",
    "Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het nieuws.",
    "Iscriviti alla nostra newsletter: ogni mattina le notizie della città.",
])
def test_share_buttons_and_newsletter_prompts_in_other_languages_go(line):
    assert _rules_cut([], [line]) == {line}


@pytest.mark.parametrize("sentence", [
    "Publicado por primera vez en 1998, el libro vendió más de un millón de ejemplares.",
    "Veröffentlicht von der Stadt am 3. März, sieht der Plan zwei Jahre Bauzeit vor.",
    "Elle s'est abonnée à la newsletter du parti en 2019 pour suivre les débats.",
    "Wer den Newsletter abonnieren wollte, musste bis zum Abend warten, sagte die Sprecherin.",
    "By Tuesday, the council had voted to close the old bridge for two years of repairs.",
])
def test_article_sentences_with_the_same_words_stay(sentence):
    assert _rules_cut([sentence], [sentence]) == set()


@pytest.mark.parametrize("heading, item", [
    ("Referenties", "↑ Molendatabase, nummer 0912. Geraadpleegd op 3 maart 2024."),
    ("Przypisy", "Rocznik statystyczny gminy, 2019, s. 14."),
    ("Källor", "Kommunens årsbok 2019, s. 14."),
    ("Lähteet", "Kunnan vuosikirja 2019, s. 14."),
    ("Kaynakça", "Belediye yıllığı 2019, s. 14."),
    ("Примечания", "Статистический ежегодник района, 2019, с. 14."),
])
def test_a_wiki_reference_section_in_another_language_goes(heading, item):
    """The heading (and what is under it) of a wiki article's apparatus, in the second half
    of a page, below a few paragraphs."""
    text = "\n".join(STORY * 2 + [heading, item]) + "\n"
    kept = strip(text, use_classifier=False)[0].splitlines()
    assert heading not in kept and item not in kept and all(line in kept for line in STORY)


@pytest.mark.parametrize("heading", ["Referenties", "Källor", "Примечания"])
def test_at_the_top_of_a_page_the_heading_takes_nothing_with_it(heading):
    # a section runs to the end only from the document's second half, below the article
    text = "\n".join([heading] + STORY * 3) + "\n"
    kept = strip(text, use_classifier=False)[0].splitlines()
    assert all(line in kept for line in STORY)


# Round 12: related / most-read headings and comment counters as more outlets print them.

@pytest.mark.parametrize("heading", [
    "Zobacz także", "Čtěte také", "Čítajte aj", "Kapcsolódó cikkek", "İlgili haberler", "Meer nieuws",
    "Læs også", "Lue myös", "Citește și", "Още по темата", "Povezane vijesti", "Baca juga", "Tin liên quan",
    "Habari zaidi", "Le recomendamos", "Ti potrebbe interessare", "Mehr aus Oberösterreich",
])
def test_a_related_box_heading_in_another_language_goes_with_its_teasers(heading):
    teasers = ["Harbour ferry timetable changes this summer", "Ten best walks on the coast"]
    assert _rules_cut([], [heading] + teasers) == {heading, *teasers}


@pytest.mark.parametrize("counter", [
    "Kommentare (14)", "Komentarze (27)", "14 comentarios", "Commentaires (3)", "Σχόλια (2)",
    "Комментарии 5", "תגובות (4)", "12 bình luận", "Yorumlar (8)", "댓글 3",
])
def test_a_comment_counter_in_another_language_goes(counter):
    assert _rules_cut([], [counter]) == {counter}


@pytest.mark.parametrize("sentence", [
    "Zobacz także, jak zmieniło się miasto w ciągu ostatnich dwudziestu lat, mówi burmistrz.",
    "Baca juga laporan lengkap dewan kota yang diterbitkan pada hari Selasa lalu di balai kota.",
    "Mehr aus der Stadtkasse wird es für die Brücke nicht geben, sagte der Bürgermeister am Dienstag.",
    "In 14 Kommentaren hatten Anwohner die Sperrung der Brücke gefordert, sagte der Bürgermeister.",
    "Kommentare der Leser zeigen, wie sehr die Sperrung der Brücke die Stadt beschäftigt hat.",
])
def test_story_sentences_that_open_with_those_words_stay(sentence):
    assert _rules_cut([], [sentence]) == set()


@pytest.mark.parametrize("line", [
    "Tempo di lettura: 2 minuti", "Lesezeit: 3 Min.", "Temps de lecture : 4 min", "Leestijd 3 minuten",
    "Czas czytania: 5 min", "Okuma süresi: 4 dakika", "Время чтения: 3 минуты", "読了時間：約3分", "阅读时间：3分钟",
    "3 Minuten Lesezeit", "2 minuti di lettura", "5 minutos de lectura",
])
def test_a_reading_time_in_another_language_goes(line):
    assert _rules_cut([line], []) == {line}


@pytest.mark.parametrize("line", [
    "Reageer", "Comentários", "Deixe seu comentário", "Lascia un commento", "Skomentuj", "Yorum yap",
    "Оставить комментарий", "Σχολιάστε", "הוסף תגובה", "发表评论", "Kommentare",
])
def test_a_comment_box_heading_or_prompt_in_another_language_goes(line):
    assert _rules_cut([], [line]) == {line}


@pytest.mark.parametrize("sentence", [
    "Il tempo di lettura medio dei documenti del comune è di 12 minuti, secondo uno studio.",
    "Lesezeit und Schlafzeit der Kinder wurden in der Studie über drei Jahre verglichen.",
    "Reageer snel, zei de burgemeester tegen de bewoners die nog geen brief hadden ontvangen.",
    "Kommentare aus dem Rathaus gab es bis Dienstagabend keine, sagte eine Sprecherin der Stadt.",
])
def test_sentences_with_those_words_stay(sentence):
    assert _rules_cut([sentence], []) == set()

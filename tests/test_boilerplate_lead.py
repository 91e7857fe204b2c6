"""The story's first and last paragraphs with the shipped classifier (issue 11, eighth round).

The line right above the article's main block is no longer given back when the model
cuts it (``classifier.smooth_cut``): there the model cut captions and standfirsts far
more often than ledes. These pages check the other side, in four languages: a story
under its headline, a photo caption and a credit keeps its lede and its paragraphs, and
the page furniture around it goes. Its last two paragraphs are one short sentence each:
the hard negative of a cut at the end of the story (kept since the ninth round:
``blocks.keep_closing_sentences``; more in tests/test_boilerplate_closing.py).
Our own text, written for these tests.
"""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate.engine import strip

PAGES = {
    "en": dict(
        nav=["Home", "News", "Sport", "Business", "Culture", "Opinion", "Subscribe", "Sign in"],
        head=["Council votes to close the old river bridge for a year",
              "Traffic crosses the old river bridge on Monday morning as the council met to decide its future.",
              "Photo: Jane Roe/Daily Planet"],
        story=["The city council voted on Monday night to close the old river bridge to all traffic for a year "
               "while engineers replace its steel deck.",
               "The bridge, which carries about twelve thousand cars a day, was found last spring to have corroded "
               "beams under both of its approach spans.",
               "Drivers will be sent over the northern ring road, which the transport department says can take the "
               "extra traffic if two junctions are widened first.",
               "Shop owners on the east bank told the meeting that the closure would cost them customers, and asked "
               "the council for help with their rents.",
               "The mayor said the city would set up a fund for the businesses hit hardest.",
               "Work starts in May.",
               "It should end by spring."],
        foot=["Share this story", "Facebook", "Twitter", "Email", "© 2024 Daily Planet. All rights reserved.",
              "Privacy policy", "Contact us"],
    ),
    "de": dict(
        nav=["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung", "Abo", "Anmelden"],
        head=["Stadtrat beschließt Sperrung der alten Flussbrücke",
              "Autos fahren am Montagmorgen über die alte Flussbrücke, während der Stadtrat über ihre Zukunft berät.",
              "Foto: Max Muster/dpa"],
        story=["Der Stadtrat hat am Montagabend beschlossen, die alte Flussbrücke für ein Jahr für den gesamten "
               "Verkehr zu sperren, damit Ingenieure die Fahrbahn erneuern können.",
               "Über die Brücke fahren täglich rund zwölftausend Autos; im vergangenen Frühjahr waren an beiden "
               "Zufahrten verrostete Träger entdeckt worden.",
               "Der Verkehr soll über den nördlichen Ring umgeleitet werden, der nach Angaben des Verkehrsamtes die "
               "zusätzlichen Fahrzeuge aufnehmen kann, wenn zwei Kreuzungen ausgebaut werden.",
               "Geschäftsleute vom Ostufer sagten in der Sitzung, die Sperrung werde sie Kunden kosten, und baten "
               "den Stadtrat um Hilfe bei den Mieten.",
               "Der Bürgermeister kündigte einen Fonds für die betroffenen Betriebe an.",
               "Die Arbeiten beginnen im Mai.",
               "Sie sollen im Frühjahr enden."],
        foot=["Artikel teilen", "Facebook", "Twitter", "E-Mail", "© 2024 Tagesblatt. Alle Rechte vorbehalten.",
              "Datenschutz", "Impressum"],
    ),
    "fr": dict(
        nav=["Accueil", "Politique", "Économie", "Sport", "Culture", "Débats", "S'abonner", "Se connecter"],
        head=["Le conseil municipal vote la fermeture du vieux pont pour un an",
              "Des voitures traversent le vieux pont lundi matin, pendant que le conseil débattait de son avenir.",
              "Photo : Marie Dupont / AFP"],
        story=["Le conseil municipal a voté lundi soir la fermeture du vieux pont à toute circulation pendant un an, "
               "le temps pour les ingénieurs de remplacer son tablier d'acier.",
               "Le pont, emprunté par environ douze mille voitures par jour, présentait depuis le printemps dernier "
               "des poutres rouillées sous ses deux travées d'accès.",
               "Les automobilistes seront déviés par la rocade nord, qui pourra absorber le trafic supplémentaire si "
               "deux carrefours sont d'abord élargis, selon le service des transports.",
               "Les commerçants de la rive est ont expliqué lors de la séance que la fermeture leur ferait perdre des "
               "clients et ont demandé une aide pour leurs loyers.",
               "Le maire a annoncé un fonds pour les commerces les plus touchés.",
               "Les travaux commencent en mai.",
               "Ils doivent finir au printemps."],
        foot=["Partager cet article", "Facebook", "Twitter", "E-mail", "© 2024 Le Quotidien. Tous droits réservés.",
              "Confidentialité", "Nous contacter"],
    ),
    "es": dict(
        nav=["Inicio", "Noticias", "Deportes", "Economía", "Cultura", "Opinión", "Suscríbete", "Entrar"],
        head=["El ayuntamiento cierra el viejo puente durante un año",
              "Coches cruzan el viejo puente el lunes por la mañana mientras el pleno debatía su futuro.",
              "Foto: Ana García/EFE"],
        story=["El pleno del ayuntamiento aprobó el lunes por la noche cerrar el viejo puente al tráfico durante un "
               "año mientras los ingenieros sustituyen su tablero de acero.",
               "Por el puente pasan cada día unos doce mil coches, y la primavera pasada se hallaron vigas oxidadas en "
               "sus dos accesos.",
               "El tráfico se desviará por la ronda norte, que según el servicio de transportes podrá absorberlo si "
               "antes se amplían dos cruces.",
               "Los comerciantes de la orilla este dijeron en el pleno que el cierre les costará clientes y pidieron "
               "ayuda para pagar sus alquileres.",
               "El alcalde anunció un fondo para los negocios más afectados por las obras.",
               "Las obras empiezan en mayo.",
               "Terminarán en primavera."],
        foot=["Compartir", "Facebook", "Twitter", "Correo", "© 2024 El Diario. Todos los derechos reservados.",
              "Aviso legal", "Contacto"],
    ),
}


def _page(parts: dict) -> str:
    return "\n".join(parts["nav"] + parts["head"] + parts["story"] + parts["foot"]) + "\n"


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_story_under_a_caption_and_a_credit_keeps_its_lede_and_its_paragraphs(language):
    parts = PAGES[language]
    kept, _ = strip(_page(parts))
    kept_lines = kept.splitlines()
    for line in parts["story"][:5]:
        assert line in kept_lines, (language, line)
    for line in parts["nav"] + [parts["head"][0], parts["head"][2]] + parts["foot"]:
        assert line not in kept_lines, (language, line)


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_story_keeps_its_short_closing_sentences(language):
    parts = PAGES[language]
    kept, _ = strip(_page(parts))
    assert all(line in kept.splitlines() for line in parts["story"][5:])

"""A deterministic generator of noisy news documents with line-level gold labels.

Every document is an invented story (towns, people and outlets are made up) framed by
the page furniture one *outlet family* puts around its articles: a wire service, a
national or local paper, a broadcaster, a blog, a wiki, a newsletter platform, in
English, German, French or Spanish. Each line carries its label (``article`` or the
noise kind: ``caption``, ``credit``, ``read_more``, ``agency``, ``contributor``,
``wiki_chrome``, ``stub``, ``references``, ``byline``, ``dateline``, ``share``,
``sponsored``, ``comments``, ``copyright``, ``headline``, ``newsletter``, ``nav``,
``tags``). Blank lines carry none.

Families come in two groups, ``A`` and ``B``, written with *different wording* for
the same kinds of noise (so a rule or a model fit on one group can be scored on the
other)::

    >>> docs = generate(3, families=family_names("A"), seed=1)
    >>> [d.family in family_names("A") for d in docs]
    [True, True, True]
    >>> generate(2, seed=5) == generate(2, seed=5)   # deterministic
    True
    >>> d = docs[0]
    >>> len(d.lines) == len(d.labels) and d.text == "\\n".join(d.lines) + "\\n"
    True

No text here comes from a real page: the templates were written for this project.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

ARTICLE = "article"

# --- invented world ------------------------------------------------------------------

TOWNS = ["Brannock", "Valmora", "Tarsk", "Kestravik", "Oster Vale", "Marrow Bay", "Lindqvist", "Hollin Ford",
         "Carrow Point", "Selden", "Amberlee", "Norvik", "Dunmere", "Pellham", "Saint Oriel", "Quarry Hill",
         "Eastwick Lake", "Fallon Cross", "Renmouth", "Tollard"]
FIRST = ["Jane", "Tom", "Ana", "Priya", "Malik", "Sofia", "Lukas", "Chloé", "Diego", "Ingrid", "Kwame", "Mei",
         "Oskar", "Fatima", "Ruth", "Pablo", "Hana", "Emeka", "Greta", "Yusuf", "Nadia", "Colm", "Ilse", "Theo"]
LAST = ["Roe", "Okafor", "Delacroix", "Brandt", "Varga", "Lindholm", "Castellano", "Murphy", "Nakamura", "Adeyemi",
        "Kowalski", "Haddad", "Moreau", "Fischer", "Quint", "Santos", "Whitlock", "Petrov", "Ibarra", "Holm"]
OUTLETS_A = ["The Harbour Gazette", "Valmora Evening Post", "Northern Ledger", "Tarsk Daily Courier",
             "The Kestravik Times", "Dunmere Herald"]
OUTLETS_B = ["The Oster Vale Chronicle", "Marrow Bay Record", "Selden Star-Tribune", "Amberlee Observer",
             "The Renmouth Sentinel", "Pellham Dispatch"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Story topics: a subject and the things sentences can say about it.
TOPICS = {
    "en": [
        dict(subject="the old bridge", body="the town council", act="close the old bridge for repairs",
             thing="the repair plan", people="drivers", place="the coast road", num="two years", verb="voted"),
        dict(subject="the hospital wing", body="the regional health board", act="open a new children's ward",
             thing="the ward", people="nurses", place="the east wing", num="48 beds", verb="approved"),
        dict(subject="the reservoir", body="the water authority", act="limit garden watering until autumn",
             thing="the restrictions", people="farmers", place="the northern valley", num="40 percent", verb="decided"),
        dict(subject="the tram line", body="the transport agency", act="extend the tram line to the harbour",
             thing="the extension", people="commuters", place="the harbour district", num="six new stops",
             verb="announced"),
        dict(subject="the cup final", body="the football club", act="sign two young defenders",
             thing="the transfer", people="supporters", place="the north stand", num="3-1", verb="confirmed"),
        dict(subject="the flood barrier", body="the river agency", act="raise the flood barrier by a metre",
             thing="the barrier", people="residents", place="the lower town", num="12 million euros",
             verb="approved"),
        dict(subject="the chip plant", body="the electronics maker", act="hire 300 workers at its new plant",
             thing="the plant", people="engineers", place="the business park", num="300 jobs", verb="said"),
        dict(subject="the comet", body="the observatory", act="publish its survey of the comet",
             thing="the survey", people="astronomers", place="the southern sky", num="every 70 years",
             verb="reported"),
    ],
    "de": [
        dict(subject="die alte Brücke", body="der Gemeinderat", act="die Brücke für zwei Jahre zu sperren",
             thing="der Plan", people="Pendler", place="an der Küstenstraße", num="zwei Jahre"),
        dict(subject="das Freibad", body="die Stadtverwaltung", act="das Freibad bis zum Herbst zu sanieren",
             thing="die Sanierung", people="Anwohner", place="im Westen der Stadt", num="3,5 Millionen Euro"),
        dict(subject="die Straßenbahn", body="die Verkehrsbetriebe", act="die Linie bis zum Hafen zu verlängern",
             thing="die Verlängerung", people="Fahrgäste", place="im Hafenviertel", num="sechs Haltestellen"),
    ],
    "fr": [
        dict(subject="le vieux pont", body="le conseil municipal", act="fermer le pont pendant deux ans",
             thing="le projet", people="les automobilistes", place="sur la route côtière", num="deux ans"),
        dict(subject="la piscine", body="la mairie", act="rénover la piscine avant l'été",
             thing="les travaux", people="les habitants", place="dans le quartier nord", num="4 millions d'euros"),
        dict(subject="le tramway", body="l'agence des transports", act="prolonger la ligne jusqu'au port",
             thing="le prolongement", people="les usagers", place="près du port", num="six stations"),
    ],
    "es": [
        dict(subject="el viejo puente", body="el ayuntamiento", act="cerrar el puente durante dos años",
             thing="el proyecto", people="los conductores", place="en la carretera de la costa", num="dos años"),
        dict(subject="el embalse", body="la confederación hidrográfica", act="limitar el riego hasta el otoño",
             thing="las restricciones", people="los agricultores", place="en el valle norte", num="un 40 por ciento"),
        dict(subject="el tranvía", body="la empresa de transportes", act="ampliar la línea hasta el puerto",
             thing="la ampliación", people="los usuarios", place="junto al puerto", num="seis paradas"),
    ],
}

# Sentence templates per language ({T} = town, {P} = a person, {W} = weekday...).
SENTENCES = {
    "en": [
        "{Body} {verb} on {W} to {act}, citing a report that found serious problems last winter.",
        "The decision means {people} will have to use {place} while the work goes on, officials said.",
        "“We knew this day would come, but nobody expected it so soon,” said {P}, who has lived in {T} for thirty years.",
        "{P}, a spokesperson for {body}, said {thing} would cost about {num} and take longer than first planned.",
        "Critics argue that {thing} was pushed through without a proper public consultation.",
        "According to figures released on {W}, demand in {T} has grown every year since 2019.",
        "The plan still needs the approval of the regional government, which is expected to decide in the spring.",
        "{P} told reporters that the photo shared on social media last week did not show the whole picture.",
        "Residents packed the hall for a meeting that ran past midnight, and several speakers were loudly applauded.",
        "It is not the first time {T} has faced such a choice: a similar proposal was rejected in 2011.",
        "“I think people deserve a straight answer,” {P} said. “They have waited long enough.”",
        "The agency said it would publish the full report, including its photographs and maps, on its website next month.",
        "Local businesses along {place} fear they will lose customers, the chamber of commerce said in a statement.",
        "{P} said the comments made at the meeting would be read by every member of {body} before the vote.",
        "Work is due to begin in May, weather permitting, and the first phase should be finished by the end of the year.",
        "Asked whether the budget could grow further, {P} said only that the figures would be reviewed in September.",
        "The opposition has called for an independent review, saying {body} ignored the advice of its own engineers.",
        "In a survey of 1,200 residents, nearly two thirds said they supported {thing}, though many had doubts about the cost.",
        "Engineers will spend the summer testing the ground before any heavy machinery is brought in.",
        "The news was welcomed by {people}, who had campaigned for years for a solution.",
    ],
    "de": [
        "{Body} hat am Dienstag beschlossen, {act}, wie ein Sprecher mitteilte.",
        "„Wir haben lange auf diese Entscheidung gewartet“, sagte {P}, die seit zwanzig Jahren in {T} lebt.",
        "Nach Angaben der Stadt kostet {thing} rund {num}, deutlich mehr als ursprünglich geplant.",
        "{people} müssen sich während der Bauarbeiten auf längere Wege einstellen.",
        "Die Opposition kritisierte, dass die Bürger nicht ausreichend beteiligt worden seien.",
        "Die Arbeiten sollen im Mai beginnen und bis zum Jahresende abgeschlossen sein.",
        "Bei einer Bürgerversammlung am Abend meldeten sich zahlreiche Anwohner zu Wort.",
        "Ein Gutachten hatte bereits im vergangenen Winter erhebliche Mängel festgestellt.",
    ],
    "fr": [
        "{Body} a décidé mardi de {act}, a annoncé un porte-parole.",
        "« Nous attendions cette décision depuis longtemps », a déclaré {P}, qui habite {T} depuis vingt ans.",
        "Selon la municipalité, {thing} coûtera environ {num}, bien plus que prévu.",
        "Pendant les travaux, {people} devront emprunter un itinéraire de délestage {place}.",
        "L'opposition estime que les habitants n'ont pas été suffisamment consultés.",
        "Les travaux doivent commencer en mai et s'achever d'ici la fin de l'année.",
        "Une réunion publique organisée mercredi soir a attiré plusieurs centaines de personnes.",
        "Un rapport publié l'hiver dernier avait déjà relevé de graves défauts.",
    ],
    "es": [
        "{Body} decidió el martes {act}, según informó un portavoz.",
        "«Llevábamos años esperando esta decisión», dijo {P}, que vive en {T} desde hace veinte años.",
        "Según el consistorio, {thing} costará unos {num}, mucho más de lo previsto.",
        "Durante las obras, {people} tendrán que usar un desvío {place}.",
        "La oposición critica que los vecinos no fueron consultados como es debido.",
        "Las obras comenzarán en mayo y deberían terminar antes de fin de año.",
        "Una reunión vecinal celebrada el miércoles por la noche reunió a cientos de personas.",
        "Un informe publicado el invierno pasado ya había detectado graves deficiencias.",
    ],
}
SUBHEADINGS = {
    "en": ["What happens next", "A long campaign", "Cost concerns", "Why it matters", "The road ahead",
           "Mixed reactions", "Years of delays"],
    "de": ["Wie es weitergeht", "Kritik an den Kosten", "Lange Vorgeschichte"],
    "fr": ["Et maintenant ?", "Des coûts en hausse", "Une longue histoire"],
    "es": ["Qué pasará ahora", "Críticas por el coste", "Una larga historia"],
}
HEADLINES = {
    "en": ["{T} {verb_cap} Plan to {Act}", "{Body_cap} Moves to {Act} in {T}", "Why {T} Is Divided Over {Thing}",
           "{T} Residents Split as {Body_cap} Backs {Thing}"],
    "de": ["{T}: {Body_cap} will {act_short}", "Streit um {thing} in {T}"],
    "fr": ["{T} : {body} veut {act_short}", "À {T}, {thing} divise les habitants"],
    "es": ["{T}: {body} quiere {act_short}", "{Thing} divide a los vecinos de {T}"],
}


# Short paragraphs of a story that name nothing of it: a one-sentence aside, a
# transition, a reaction, background about another place or person ({P}: a person,
# {T2}: another town). Used by ``_story_asides`` (training only): a model that learnt
# "short line that echoes neither the title nor the story = another story's summary"
# from lists of other stories cut exactly these (benchmarks/RESULTS-boilerplate.md,
# fourth round).
ASIDES = {
    "en": [
        "Not everyone is convinced.",
        "That may take a while.",
        "For now, the mood is cautious.",
        "Others were less sure.",
        "The next meeting is set for early next month.",
        "A decision is not expected before the summer.",
        "Some of those who spoke had driven for hours to attend.",
        "{P} did not respond to a request for comment.",
        "In {T2}, a similar effort stalled two years ago after the money ran out.",
        "{P}, who runs a bakery in {T2}, has heard it all before.",
        "It was a long night for everyone involved.",
        "The vote was closer than many had predicted.",
        "Much depends on the weather over the coming months.",
        "Neither side would say what happens if the talks fail.",
        "Last year's figures told a different story.",
        "Few people in the room seemed surprised.",
    ],
    "de": [
        "Nicht alle sind überzeugt.",
        "Das dürfte noch dauern.",
        "In {T2} war ein ähnliches Vorhaben vor zwei Jahren gescheitert.",
        "{P} war für eine Stellungnahme nicht zu erreichen.",
        "Die nächste Sitzung ist für Anfang des kommenden Monats angesetzt.",
        "Viele im Saal wirkten wenig überrascht.",
    ],
    "fr": [
        "Tout le monde n'est pas convaincu.",
        "Cela pourrait prendre du temps.",
        "À {T2}, un projet semblable avait échoué il y a deux ans.",
        "{P} n'a pas souhaité réagir.",
        "La prochaine réunion est prévue début du mois prochain.",
        "Peu de personnes dans la salle semblaient surprises.",
    ],
    "es": [
        "No todos están convencidos.",
        "Eso podría tardar.",
        "En {T2}, un proyecto parecido fracasó hace dos años.",
        "{P} no respondió a las preguntas de este diario.",
        "La próxima reunión está prevista para principios del mes que viene.",
        "Pocos en la sala parecían sorprendidos.",
    ],
}


# --- outlet families -------------------------------------------------------------------
# Each family: language, paragraph separator, and for each noise kind the templates it
# writes them with. {N} = a person's name, {O} = the outlet, {H} = the headline,
# {D} = a date, {T} = a town, {n} = a small number, {U} = an invented user name.

FAMILIES: dict[str, dict] = {
    # ---------------- group A ----------------
    "wire_us": dict(group="A", lang="en", sep="\n\n", outlets=OUTLETS_A, kinds=dict(
        byline=["By {NU}, Associated Press", "By {NU} and {NU2}"],
        dateline=["Published {time} EST {MonD}, {Y}", "Updated {time} PM EST, {WD} {MonD}, {Y}"],
        caption=["{CAP} (AP Photo/{N})", "{CAP} (AP Photo/{N}, File)"],
        agency=["Copyright {Y} The Associated Press. All rights reserved. This material may not be published, "
                "broadcast, rewritten or redistributed without permission.",
                "Associated Press writers {N} in {T} and {N2} contributed to this report."],
        read_more=["READ MORE: {TEASER}", "RELATED COVERAGE", "___"],
        share=["Share", "Copy Link copied", "Email Facebook X Reddit LinkedIn Pinterest Flipboard Print"],
        tags=["Topics: Politics, Transportation, Local government"],
        copyright=["Copyright {Y} {O}. All rights reserved.", "Terms of Use | Privacy Policy | Cookie Settings"],
    ), layout="wire"),
    "national_uk": dict(group="A", lang="en", sep="\n", outlets=OUTLETS_A, kinds=dict(
        byline=["{N}", "{N} Transport correspondent"],
        dateline=["{WDs} {d} {Mon} {Y} {time2} GMT", "Last modified on {WDs} {d} {Mon} {Y} {time2} GMT"],
        caption=["{CAP} Photograph: {N}/{O}", "{CAP} Photograph: {N}/Getty Images"],
        read_more=["Related: {TEASER}", "Explore more on these topics"],
        share=["Share on Facebook", "Share on Twitter", "Share via Email", "Reuse this content"],
        newsletter=["Sign up to the Morning Briefing", "Free daily newsletter",
                    "Our morning email breaks down the key stories of the day",
                    "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties."],
        comments=["Comments ({n})", "Sign in or create your account to join the discussion.",
                  "Showing the first {n} comments", "Sort by newest"],
        copyright=["© {Y} {O} Media Limited or its affiliated companies. All rights reserved."],
    ), layout="paper"),
    "local_us": dict(group="A", lang="en", sep="\n\n", outlets=OUTLETS_A, kinds=dict(
        nav=["Home", "News", "Sports", "Obituaries", "Opinion", "E-Edition", "Classifieds", "Subscribe"],
        byline=["{N} | {O}", "{N}, Staff Writer"],
        dateline=["{MonS} {d}, {Y} at {time} a.m.", "Posted {MonS} {d}, {Y}"],
        caption=["{CAP} Staff photo by {N}", "{CAP} Courtesy photo"],
        read_more=["Continue reading below", "Story continues below advertisement", "MORE LOCAL NEWS: {TEASER}"],
        sponsored=["Promoted Stories", "Recommended by", "{AD} | Sponsored", "{AD} {ADV}"],
        contributor=["{N} covers {beat} for {O}. Reach {Nf} at {email} or {phone}."],
        comments=["Leave a Reply", "Your email address will not be published. Required fields are marked *",
                  "Comment *", "Name *", "Email *", "Website",
                  "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"],
        copyright=["© Copyright {Y} {O}, {T}. All rights reserved.", "Powered by BLOX Content Management System"],
    ), layout="paper"),
    "wordpress_blog": dict(group="A", lang="en", sep="\n\n", outlets=OUTLETS_A, kinds=dict(
        byline=["Posted by {U} on {Mon} {d}, {Y}", "Written by {N}"],
        tags=["Posted in Local news | Tagged {T}, council, roads | {n} Comments", "Filed under: Uncategorized"],
        share=["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."],
        read_more=["Related", "{TEASER}", "In \"Local news\""],
        comments=["{n} thoughts on “{H}”", "{U} says:", "{MonS} {d}, {Y} at {time} pm", "Reply",
                  "Leave a Reply Cancel reply", "Log in to Reply"],
        copyright=["Blog at WordPress.com.", "Proudly powered by WordPress | Theme: Twenty Twenty by WordPress.org"],
    ), layout="blog"),
    "mediawiki": dict(group="A", lang="en", sep="\n", outlets=OUTLETS_A, kinds=dict(
        wiki_chrome=["From Wikipedia, the free encyclopedia", "Jump to navigation Jump to search",
                     "Contents", "[edit]", "Retrieved from \"https://en.wikipedia.org/w/index.php?title={Tu}&oldid={big}\"",
                     "Categories: Populated places | Bridges in {T}", "This page was last edited on {d} {Mon} {Y}, at {time2} (UTC).",
                     "Text is available under the Creative Commons Attribution-ShareAlike License 4.0; additional terms may apply.",
                     "Privacy policy About Wikipedia Disclaimers Contact Wikipedia Code of Conduct Developers Statistics"],
        stub=["This article about a bridge is a stub. You can help Wikipedia by expanding it.",
              "This article needs additional citations for verification. Please help improve this article by adding "
              "citations to reliable sources. Unsourced material may be challenged and removed."],
        references=["References", "^ \"{H}\". {O}. {d} {Mon} {Y}. Retrieved {d2} {Mon} {Y}.",
                    "^ {Nl}, {Nf} ({Y}). A History of {T}. {T} University Press. p. {n}.", "External links"],
    ), layout="wiki"),
    "de_news": dict(group="A", lang="de", sep="\n\n", outlets=OUTLETS_A, kinds=dict(
        byline=["Von {N}", "Ein Artikel von {N}"],
        dateline=["{d}.{m}.{Y}, {time2} Uhr", "Aktualisiert am {d}.{m}.{Y} um {time2} Uhr"],
        caption=["{CAPDE} Foto: {N}/dpa", "{CAPDE} © picture alliance/dpa | {N}"],
        read_more=["Lesen Sie auch: {TEASER}", "Mehr zum Thema"],
        agency=["dpa/{ini}", "mit Material von dpa"],
        share=["Teilen", "Artikel teilen", "Drucken"],
        sponsored=["Anzeige"],
        copyright=["© {O} {Y} – Alle Rechte vorbehalten"],
    ), layout="paper"),
    # ---------------- group B ----------------
    "wire_eu": dict(group="B", lang="en", sep="\n", outlets=OUTLETS_B, kinds=dict(
        byline=["By {NU}", "{N} and {N2}"],
        dateline=["{MonS} {d}, {Y} {time} AM GMT+1 Updated {n} hours ago", "{d} {Mon} {Y} {time2}"],
        caption=["{CAP} REUTERS/{NU}", "{CAP} (Photo by {N} / AFP)"],
        agency=["(Reporting by {N}; Editing by {N2})", "Reporting by {N} in {T}; additional reporting by {N2}; "
                "writing by {N3}; editing by {N4}", "Our Standards: The Thomson Reuters Trust Principles.",
                "© Agence France-Presse", "{ini}/{ini2} (AFP, dpa, Reuters)"],
        read_more=["Read next", "Most Popular", "{TEASER}"],
        share=["Purchase Licensing Rights", "Copy link", "Save"],
        copyright=["All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.",
                   "© {Y} {O}. All rights reserved"],
    ), layout="wire"),
    "national_us": dict(group="B", lang="en", sep="\n", outlets=OUTLETS_B, kinds=dict(
        byline=["By {N}, {N2} and {N3}", "{N} is a national correspondent covering {beat}."],
        dateline=["{Mon} {d}, {Y}", "Updated {time} p.m. ET"],
        caption=["{CAP} Credit...{N} for {O}", "{CAP} Credit: {N}/{O}"],
        read_more=["Read more: {TEASER}", "SEE ALSO: {TEASER}", "Related Content", "More on {TOPIC}"],
        share=["Share full article", "Gift this article", "Listen to this article · {n}:{ss} min", "Learn more"],
        contributor=["{N} reported from {T}, and {N2} from {T2}.", "{N2} contributed reporting from {T}.",
                     "A version of this article appears in print on {Mon} {d}, {Y}, Section A, Page {n} of the {T} edition with the headline: {H}."],
        sponsored=["Sponsored Links by Taboola", "You May Like", "{AD} | {ADV}"],
        copyright=["© {Y} {O} Company", "Site Index", "Do Not Sell or Share My Personal Information"],
    ), layout="paper"),
    "broadcaster": dict(group="B", lang="en", sep="\n\n", outlets=OUTLETS_B, kinds=dict(
        nav=["Skip to content", "Home", "News", "Sport", "Weather", "iPlayer", "Sounds", "Bitesize"],
        dateline=["{n} hours ago", "{d} {Mon} {Y}"],
        caption=["Image source, {N}", "Image caption, {CAP}", "toggle caption {N}/{O}", "Enlarge this image"],
        read_more=["Related Internet Links", "More on this story", "WATCH: {TEASER}", "LISTEN · {n}:{ss}"],
        agency=["{O} News' {N} and {N2} contributed to this report."],
        share=["Share", "Save", "Facebook", "Email"],
        sponsored=["Sponsored Content by Taboola", "Advertisement", "{AD}"],
        copyright=["Copyright {O} {Y}", "The {O} is not responsible for the content of external sites. Read about our approach to external linking."],
    ), layout="paper"),
    "substack_medium": dict(group="B", lang="en", sep="\n\n", outlets=OUTLETS_B, kinds=dict(
        byline=["{N}", "{Mon} {d}, {Y}", "{N} · Follow · {n} min read · {MonS} {d}, {Y}", "Member-only story"],
        share=["Share", "Listen", "Share this post", "{n}", "Like", "Restack", "--"],
        newsletter=["Thanks for reading {O}! Subscribe for free to receive new posts and support my work.",
                    "Subscribe", "Type your email…", "Ready for more?", "Give a gift subscription"],
        comments=["Leave a comment", "{n} Comments", "{U}", "{MonS} {d}", "Liked by {N}", "Reply", "Share"],
        read_more=["More from {N}", "Recommended from Medium", "See all from {N}", "{TEASER}"],
        copyright=["Help Status About Careers Press Blog Privacy Terms Text to speech Teams",
                   "© {Y} {N} · Privacy ∙ Terms ∙ Collection notice"],
    ), layout="blog"),
    "fandom": dict(group="B", lang="en", sep="\n", outlets=OUTLETS_B, kinds=dict(
        wiki_chrome=["Sign in to edit", "History", "Talk (0)", "Edit source", "Explore properties", "Fan Feed",
                     "Community content is available under CC-BY-SA unless otherwise noted.",
                     "Categories Categories: {T} | Places | Add category", "Do Not Sell or Share My Personal Information",
                     "Take your favorite fandoms with you and never miss a beat.", "FOLLOW US", "Overview"],
        stub=["This article is a stub. You can help {T} Wiki by expanding it.",
              "This page needs cleanup. Please help by improving this article."],
        references=["Sources", "↑ {H}, {O}, {Y}", "↑ Interview with {N}, {MonS} {Y}", "Trivia"],
    ), layout="wiki"),
    "fr_es_news": dict(group="B", lang=("fr", "es"), sep="\n\n", outlets=OUTLETS_B, kinds=dict(
        byline=["Par {N}", "Por {N}"],
        dateline=["Publié le {d}/{m}/{Y} à {h}h{mm}", "Actualizado {d}/{m}/{Y} - {time2} CET"],
        caption=["{CAPFR} © {N} / AFP", "{CAPFR} EFE/{N}", "{CAPFR} Photo {N}. Le Courrier"],
        read_more=["À lire aussi : {TEASER}", "Lee también: {TEASER}", "LIRE AUSSI"],
        agency=["Avec AFP", "Con información de EFE y Europa Press"],
        share=["Partager", "Compartir", "Copier le lien"],
        sponsored=["Publicité", "Contenido patrocinado"],
        copyright=["© {O} {Y}. Tous droits réservés.", "© {O} {Y}. Todos los derechos reservados."],
    ), layout="paper"),
    # ---------------- training only ----------------
    # Each group writes the story in every language of the generator: without these, a
    # model fit on group B never read a German story (and one fit on A never a French or
    # Spanish one), and short German paragraphs looked like noise to it (benchmarks/
    # RESULTS-boilerplate.md, sixth round). Their noise is worded unlike any other
    # family's; the benchmark's documents do not use them (``family_names``).
    "de_regional": dict(group="B", lang="de", sep="\n", outlets=OUTLETS_B, training_only=True, kinds=dict(
        byline=["Text: {N}", "{N}, Redaktion Lokales"],
        dateline=["Stand: {d}.{m}.{Y} {time2} Uhr", "Erstellt: {d}.{m}.{Y}, {time2} Uhr"],
        caption=["{CAPDE} Bild: {N}", "{CAPDE} (Quelle: {N}/imago)"],
        read_more=["Weiterlesen: {TEASER}", "Empfehlungen der Redaktion", "Zum Weiterlesen"],
        agency=["Quelle: epd/KNA", "Mit Informationen von AFP und Reuters"],
        share=["Auf Facebook teilen", "Link kopieren", "Merken"],
        sponsored=["Werbung", "Gesponserter Inhalt"],
        comments=["Kommentare ({n})", "Jetzt kommentieren", "Melden Sie sich an, um zu kommentieren."],
        copyright=["Alle Rechte vorbehalten. © {O} GmbH {Y}", "Impressum | Datenschutz | Kontakt"],
    ), layout="paper"),
    "fr_es_regional": dict(group="A", lang=("fr", "es"), sep="\n", outlets=OUTLETS_A, training_only=True, kinds=dict(
        byline=["{N}, correspondant", "Redacción / {N}"],
        dateline=["Le {d}/{m}/{Y} à {time2}", "{d}/{m}/{Y} {time2} h"],
        caption=["{CAPFR} Crédit : {N}", "{CAPFR} (Foto: {N})"],
        read_more=["Voir aussi : {TEASER}", "Te puede interesar: {TEASER}", "Notre sélection"],
        agency=["(Avec Reuters)", "Agencias"],
        share=["Envoyer par e-mail", "Compartir en WhatsApp", "Imprimer"],
        sponsored=["Contenu sponsorisé", "Publicidad"],
        comments=["Réagir", "Comentarios ({n})", "Connectez-vous pour commenter"],
        copyright=["Reproduction interdite sans autorisation. © {O}", "Aviso legal | Política de privacidad | Cookies"],
    ), layout="paper"),
}

CAPTIONS_EN = ["Workers inspect the damage near {T} on {WD}.", "Residents gather outside the town hall in {T}.",
               "{N} speaks to reporters after the meeting.", "A view of {T} from the hills above the harbour.",
               "The site in {T}, seen from the air last month."]
CAPTIONS_DE = ["Arbeiter an der Baustelle in {T}.", "Blick auf {T} am Mittwoch."]
CAPTIONS_FR = ["Des habitants devant la mairie de {T}.", "Vue de {T} depuis le port."]
TEASERS = ["Ten Towns Where Houses Still Cost Less Than a Car", "Storm Warning Issued for the Whole Coast",
           "Council Leader Quits After Budget Row", "Inside the Race to Save the Old Harbour",
           "Second Bridge Plan Faces Fresh Delay", "How {T} Turned Its Fortunes Around",
           "The Night the River Rose: Survivors Remember"]
ADS = ["Doctors Amazed by This One Simple Morning Habit", "Here's What a New Roof Should Cost You in {Y}",
       "The Most Comfortable Shoes You'll Ever Own", "Seniors Are Switching to This Cheaper Plan"]
ADVERTISERS = ["HealthyDaily", "Roofing Pros", "ComfortStep", "SmartSaver"]
BEATS = ["transportation", "city hall", "the environment", "health care", "business"]
COMMENT_TEXTS = ["I can't believe they waited this long. Typical!", "Great article, thanks for covering this.",
                 "Who is going to pay for all of it? We are, as always.", "My family has used that road for years, "
                 "this is a disaster for us.", "Finally some common sense from the council!!"]


@dataclass
class NoisyDoc:
    """One generated document: its lines, a label per line (None for blank lines)."""

    family: str
    group: str
    lang: str
    lines: list[str]
    labels: list[str | None]
    title: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def family_names(group: str | None = None, training: bool = False) -> list[str]:
    """Family names, of one group (``"A"``/``"B"``) or all; with `training`, also the
    families that only make training documents (``training_only``: the benchmark's
    documents stay those of earlier rounds).

    >>> "de_regional" in family_names("B"), "de_regional" in family_names("B", training=True)
    (False, True)
    """
    return [name for name, f in FAMILIES.items()
            if (group is None or f["group"] == group) and (training or not f.get("training_only"))]


class _Writer:
    """Fills templates with invented names, dates and numbers from one seeded RNG."""

    def __init__(self, rng: random.Random, lang: str, outlet: str, topic: dict, town: str):
        self.rng, self.lang, self.outlet, self.topic, self.town = rng, lang, outlet, topic, town
        self.headline = ""

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fill(self, template: str) -> str:
        r = self.rng
        t = self.topic
        n1, n2 = self.name(), self.name()
        y = r.randint(2019, 2025)
        vals = {
            "N": n1, "N2": n2, "N3": self.name(), "N4": self.name(), "NU": n1.upper(), "NU2": n2.upper(),
            "Nf": n1.split()[0], "Nl": n1.split()[1], "O": self.outlet, "H": self.headline, "T": self.town,
            "T2": r.choice(TOWNS), "Tu": self.town.replace(" ", "_"), "Y": y, "d": r.randint(1, 28), "d2": r.randint(1, 28),
            "m": f"{r.randint(1, 12):02d}", "Mon": r.choice(MONTHS_EN), "MonS": r.choice(MONTHS_EN)[:3] + ".",
            "MonD": f"{r.choice(MONTHS_EN)} {r.randint(1, 28)}", "WD": r.choice(WEEKDAYS), "WDs": r.choice(WEEKDAYS)[:3],
            "time": f"{r.randint(1, 12)}:{r.randint(0, 59):02d}", "time2": f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
            "h": r.randint(6, 22), "mm": f"{r.randint(0, 59):02d}", "ss": f"{r.randint(0, 59):02d}",
            "n": r.randint(2, 240), "big": r.randint(10**8, 10**9), "U": r.choice(["harbourfan", "jroe77", "admin",
                                                                                   "valmora_dad", "Skeptic42", "kw"]),
            "ini": "".join(r.choice("abcdefghijklmnoprstuvw") for _ in range(2)),
            "ini2": "".join(r.choice("abcdefghijklmnoprstuvw") for _ in range(2)),
            "email": f"{n1.split()[0].lower()}.{n1.split()[1].lower()}@example.com",
            "phone": f"555-{r.randint(100, 999)}-{r.randint(1000, 9999)}", "beat": r.choice(BEATS),
            "TOPIC": t.get("thing", "").title(), "AD": r.choice(ADS).replace("{Y}", str(y)), "ADV": r.choice(ADVERTISERS),
        }
        if "{TEASER}" in template:
            vals["TEASER"] = r.choice(TEASERS).replace("{T}", r.choice(TOWNS))
        for key, pool in (("CAP", CAPTIONS_EN), ("CAPDE", CAPTIONS_DE), ("CAPFR", CAPTIONS_FR)):
            if "{" + key + "}" in template:
                vals[key] = r.choice(pool).format(T=self.town, WD=r.choice(WEEKDAYS), N=self.name())
        return template.format(**vals)

    def sentence(self, template: str) -> str:
        t = self.topic
        body = t["body"]
        return template.format(
            Body=body[:1].upper() + body[1:], body=body, verb=t.get("verb", ""), W=self.rng.choice(WEEKDAYS),
            act=t["act"], people=t["people"][:1].upper() + t["people"][1:] if template.startswith("{people}") else t["people"],
            place=t["place"], P=self.name(), T=self.town, thing=t["thing"], num=t["num"])

    def make_headline(self) -> str:
        t = self.topic
        template = self.rng.choice(HEADLINES[self.lang])
        act_words = t["act"].split()
        return template.format(
            T=self.town, verb_cap=t.get("verb", "backs").title(), Act=" ".join(w.title() for w in act_words[:4]),
            Body_cap=t["body"].title(), body=t["body"], act_short=" ".join(act_words[:4]),
            Thing=t["thing"][:1].upper() + t["thing"][1:], thing=t["thing"])


def _article(w: _Writer, rng: random.Random) -> list[tuple[str, str | None]]:
    """Paragraphs of 1-3 sentences (no sentence or subheading twice), sometimes a subheading."""
    pool = list(SENTENCES[w.lang])
    rng.shuffle(pool)  # each template once per story
    n_par = rng.randint(3, 8)
    out = []
    for k in range(n_par):
        subheading = rng.choice(SUBHEADINGS[w.lang]) if k >= 2 and rng.random() < 0.15 else None
        sentences = [w.sentence(pool.pop()) for _ in range(rng.choice([1, 1, 2, 2, 3])) if pool]
        if not sentences:
            continue
        # A subheading always has a paragraph under it, and a story never repeats one.
        if subheading and (subheading, ARTICLE) not in out:
            out.append((subheading, ARTICLE))
        out.append((" ".join(sentences), ARTICLE))
    return out


def _story_asides(w: _Writer, rng: random.Random, body: list[tuple[str, str | None]]) -> None:
    """Put 1-3 short paragraphs that name nothing of the story (``ASIDES``) into `body`,
    after its first paragraph, one time in three as its last paragraph: labelled
    article, like the rest of the story.

    >>> w = _Writer(random.Random(1), "en", "X", TOPICS["en"][0], "Tarsk")
    >>> body = [("First.", ARTICLE), ("Second.", ARTICLE)]
    >>> _story_asides(w, random.Random(2), body)
    >>> len(body) > 2 and all(label == ARTICLE for _, label in body)
    True
    """
    pool = list(ASIDES[w.lang])
    rng.shuffle(pool)
    for _ in range(rng.randint(1, 3)):
        at = len(body) if rng.random() < 0.33 else rng.randint(1, len(body))
        text = pool.pop().format(P=w.name(), T2=rng.choice([t for t in TOWNS if t != w.town]))
        body.insert(at, (text, ARTICLE))


def _pick(w: _Writer, fam: dict, kind: str, k: int = 1) -> list[tuple[str, str]]:
    templates = fam["kinds"].get(kind)
    if not templates:
        return []
    chosen = w.rng.sample(templates, min(k, len(templates)))
    return [(w.fill(t), kind) for t in chosen]


def _block(w: _Writer, fam: dict, kind: str) -> list[tuple[str, str]]:
    """A whole block of a kind in its template order (comment forms, wiki footers)."""
    return [(w.fill(t), kind) for t in fam["kinds"].get(kind, [])]


# Headings over a list of other stories, in the languages of the generator (the
# families' own "read more" wordings are used too).
OTHER_STORIES_HEADINGS = {
    "en": ["More stories", "Also in the news", "Latest headlines", "Around the region", "Elsewhere today", ""],
    "de": ["Weitere Nachrichten", "Auch interessant", "Aus der Region", ""],
    "fr": ["Autres actualités", "Dans la région", "Les plus lus", ""],
    "es": ["Más noticias", "En la región", "Lo más leído", ""],
}
OTHER_STORIES_LAYOUTS = ("headline+summary", "card", "summary", "headline", "cut summary", "kicker+headline+summary")


def _other_stories(w: _Writer, rng: random.Random, fam: dict) -> list[tuple[str, str]]:
    """A list of 2-7 OTHER stories (other topics and towns of the same language): each
    a headline and/or a one-sentence summary, in one of OTHER_STORIES_LAYOUTS (a
    "card" is headline and summary flattened onto one line; a "cut summary" ends in
    "..."), under a heading or none.

    The commonest kept boilerplate on unseen pages is such a list after the story: its
    summaries read like article prose, but they are about other things than the story
    and come as alike records. Labelled ``other_stories``.
    """
    layout = rng.choice(OTHER_STORIES_LAYOUTS)
    headings = OTHER_STORIES_HEADINGS[w.lang] + [t for t in fam["kinds"].get("read_more", []) if "{" not in t]
    heading = rng.choice(headings)
    out = [(heading, "other_stories")] if heading else []
    topics = [t for t in TOPICS[w.lang] if t is not w.topic] or TOPICS[w.lang]
    # (only sentences that name their story's subject: a generic one could be the story's own)
    templates = [t for t in SENTENCES[w.lang] if any(k in t for k in ("{body", "{Body", "{act", "{thing", "{place"))]
    for _ in range(rng.randint(2, 7)):
        other = _Writer(rng, w.lang, w.outlet, rng.choice(topics), rng.choice(TOWNS))
        headline = other.make_headline()
        summary = other.sentence(rng.choice(templates))
        if layout == "cut summary":
            words = summary.split()
            summary = " ".join(words[:max(6, len(words) * 2 // 3)]).rstrip(",.;:") + "..."
        if layout == "card":
            lines = [f"{headline} {summary}"]
        elif layout == "summary" or layout == "cut summary":
            lines = [summary]
        elif layout == "headline":
            lines = [headline]
        else:
            lines = ([other.topic["thing"].title()] if layout.startswith("kicker") else []) + [headline, summary]
        out += [(line, "other_stories") for line in lines]
    return out


def generate_one(rng: random.Random, family: str, other_stories: float = 0.0, asides: float = 0.0) -> NoisyDoc:
    """One document of `family`; with probability `other_stories` a list of other
    stories (``_other_stories``) after the story (or, one time in five, above it); with
    probability `asides` short story paragraphs that name nothing of it (``_story_asides``)."""
    fam = FAMILIES[family]
    lang = fam["lang"] if isinstance(fam["lang"], str) else rng.choice(fam["lang"])
    topic = rng.choice(TOPICS[lang])
    w = _Writer(rng, lang, rng.choice(fam["outlets"]), topic, rng.choice(TOWNS))
    w.headline = w.make_headline()
    body = _article(w, rng)
    if asides and rng.random() < asides:  # (no draw when off: the default stream is unchanged)
        _story_asides(w, rng, body)
    kinds = fam["kinds"]
    top: list[tuple[str, str]] = []
    bottom: list[tuple[str, str]] = []
    layout = fam["layout"]
    if "nav" in kinds:
        top += [(x, "nav") for x in kinds["nav"]]
    if layout == "wiki":
        top += _pick(w, fam, "wiki_chrome", 2)
        top.append((w.headline, "headline"))
        if rng.random() < 0.6:
            top += _pick(w, fam, "stub", 1)
        # An infobox-free wiki article: body, then references and the page footer.
        bottom += _pick(w, fam, "stub", 1) if rng.random() < 0.3 else []
        refs = fam["kinds"]["references"]
        bottom.append((w.fill(refs[0]), "references"))
        for _ in range(rng.randint(2, 5)):
            bottom.append((w.fill(rng.choice(refs[1:-1])), "references"))
        bottom.append((w.fill(refs[-1]), "references"))
        bottom += [(w.fill(t), "wiki_chrome") for t in kinds["wiki_chrome"][2:] if rng.random() < 0.6]
    else:
        top.append((w.headline, "headline"))
        top += _pick(w, fam, "byline", rng.randint(1, 2))
        top += _pick(w, fam, "dateline", 1)
        if rng.random() < 0.5:
            top += _pick(w, fam, "share", rng.randint(1, 3))
        if "caption" in kinds and rng.random() < 0.6:
            top += _pick(w, fam, "caption", 1)
        # Inside the body: a caption, a read-more teaser, an ad label.
        inserts = []
        for kind in ("caption", "read_more", "sponsored"):
            if kind in kinds and rng.random() < 0.5:
                inserts += _pick(w, fam, kind, 1)
        for item in inserts:
            body.insert(rng.randint(2, max(2, len(body) - 1)), item)
        for kind in ("agency", "contributor"):
            if kind in kinds and rng.random() < 0.7:
                bottom += _pick(w, fam, kind, rng.randint(1, 2))
        for kind in ("tags", "share", "newsletter", "read_more"):
            if kind in kinds and rng.random() < 0.6:
                bottom += _pick(w, fam, kind, rng.randint(1, 3))
                if kind == "read_more":
                    bottom += [(w.fill("{TEASER}"), "read_more") for _ in range(rng.randint(0, 3))]
        if "sponsored" in kinds and rng.random() < 0.5:
            bottom += _pick(w, fam, "sponsored", 1)
            bottom += [(w.fill("{AD}"), "sponsored") for _ in range(rng.randint(1, 3))]
        if "comments" in kinds and rng.random() < 0.6:
            form = _block(w, fam, "comments")
            bottom += form[: rng.randint(2, len(form))]
            for _ in range(rng.randint(0, 3)):
                bottom.append((rng.choice(COMMENT_TEXTS), "comments"))
        if rng.random() < 0.3:
            bottom.append((w.headline, "headline"))  # a repeated headline in a widget
    if "copyright" in kinds:
        bottom += _pick(w, fam, "copyright", rng.randint(1, 2))
    if other_stories and rng.random() < other_stories:  # (no draw when off: the default stream is unchanged)
        listed = _other_stories(w, rng, fam)
        if rng.random() < 0.2:
            top += listed
        else:
            cut = rng.randint(0, len(bottom) // 2)
            bottom[cut:cut] = listed
    items = top + body + bottom
    sep = fam["sep"]
    lines: list[str] = []
    labels: list[str | None] = []
    for k, (line, label) in enumerate(items):
        if k and sep == "\n\n":
            lines.append("")
            labels.append(None)
        lines.append(line)
        labels.append(label)
    return NoisyDoc(family, fam["group"], lang, lines, labels, title=w.headline)


def generate(n: int, *, families: list[str] | None = None, seed: int = 0, other_stories: float = 0.0,
             asides: float = 0.0) -> list[NoisyDoc]:
    """`n` documents, families taken in turn, all from one RNG seeded with `seed`
    (`other_stories`, `asides`: the share of them with a list of other stories, with
    story asides; see ``generate_one``)."""
    rng = random.Random(seed)
    names = families or family_names()
    return [generate_one(rng, names[k % len(names)], other_stories, asides) for k in range(n)]


# --- scoring ---------------------------------------------------------------------------


def removed_lines(doc: NoisyDoc, spans: list[tuple[int, int]]) -> list[bool]:
    """Per line of `doc`: whether its visible text lies wholly inside the removed
    character `spans` (a line that only lost a prefix, like a dateline cut off the
    first paragraph, counts as kept).

    >>> d = NoisyDoc("x", "A", "en", ["Share", "Body text."], ["share", "article"])
    >>> removed_lines(d, [(0, 6)])
    [True, False]
    """
    out = []
    pos = 0
    spans = sorted(spans)
    for line in doc.lines:
        stripped = line.strip()
        start = pos + (line.index(stripped) if stripped else 0)
        end = start + len(stripped)
        out.append(bool(stripped) and any(s <= start and end <= e for s, e in spans))
        pos += len(line) + 1
    return out


@dataclass
class LineScore:
    """Counts over documents: noise lines removed, article lines kept, exact documents."""

    noise: int = 0
    noise_removed: int = 0
    article: int = 0
    article_kept: int = 0
    docs: int = 0
    docs_exact: int = 0
    by_kind: dict = field(default_factory=dict)  # kind -> [lines, removed]
    misses: list = field(default_factory=list)  # (family, label, line) wrongly kept or cut

    def add(self, doc: NoisyDoc, removed: list[bool]) -> None:
        exact = True
        for line, label, gone in zip(doc.lines, doc.labels, removed):
            if label is None:
                continue
            if label == ARTICLE:
                self.article += 1
                self.article_kept += not gone
                if gone:
                    exact = False
                    self.misses.append((doc.family, label, line))
            else:
                self.noise += 1
                self.noise_removed += gone
                counts = self.by_kind.setdefault(label, [0, 0])
                counts[0] += 1
                counts[1] += gone
                if not gone:
                    exact = False
                    self.misses.append((doc.family, label, line))
        self.docs += 1
        self.docs_exact += exact

    @property
    def noise_removed_pct(self) -> float:
        return 100.0 * self.noise_removed / max(self.noise, 1)

    @property
    def article_kept_pct(self) -> float:
        return 100.0 * self.article_kept / max(self.article, 1)

"""Generated stories made of SHORT lines, inside page noise that is short lines too.

The line classifier was fit on paragraph stories: after an intro, a run of short lines
read to it like a menu or a list of teasers, and it cut a Q&A, a numbered list, a
recipe, race results or a timeline through to the end of the page (the round-8 probe,
``data/labelled/round8_short_line_articles.txt``, kept 49 % of its article lines). This
generator writes such stories -- and, around them, the short lines a page really has and
the model must still cut: a menu, a share bar, a teaser list under a heading, tags, a
"most read" list -- so that what tells them apart is the CONTEXT, not the line's shape:

* the story's run comes after an intro that announces it (often a sentence ending ":"),
  its items are parallel (numbered, dashed, "time – event", "Q / A") and share the
  story's words (its town, its subject);
* the noise's short lines sit above the headline or after the story's end, under a
  heading, and are other stories' headlines (title-like, naming nothing of this one).

>>> docs = generate(4, seed=3)
>>> all(len(d.lines) == len(d.labels) for d in docs)
True
>>> sorted({d.meta["kind"] for d in generate(60, seed=1)})[:4]
['bullets', 'dialogue', 'faq', 'live']
>>> generate(3, seed=9) == generate(3, seed=9)
True

Every word here was written for this project (invented towns, people and outlets).
"""
from __future__ import annotations

import random

from training.newsgen import FIRST, LAST, TOWNS, NoisyDoc

ARTICLE = "article"

# One pack per language: the page's furniture and the story's pieces. {T} is the
# story's town, {N} a name, {S} the story's subject, {Y} a year, {n} a number.
PACKS: dict[str, dict] = {
    "en": dict(
        nav=[["Home", "News", "Sport", "Business", "Culture", "Weather"], ["Latest", "Local", "Politics", "Opinion"],
             ["News", "Money", "Travel", "Food", "Podcasts", "Puzzles"]],
        byline=["By {N}", "{N}, Senior Reporter", "Words: {N}", "By {N} and {N2}"],
        dateline=["{d} {Mon} {Y}", "Updated {hh}:{mm}, {d} {Mon} {Y}", "{Mon} {d}, {Y} {h}:{mm} a.m."],
        share=["Share", "Share this article", "Facebook Twitter Email", "Copy link", "Print", "Save for later"],
        teaser_heads=["More on this story", "Latest stories", "Most read", "Related", "You might also like",
                      "Around the region", "Top stories", "Don't miss", "Elsewhere on the site"],
        teasers=["Library opening hours cut at {T2} branch", "Police appeal after car fire in {T2}",
                 "Why rents keep rising", "Storm brings down trees across the county", "Ferry fares to rise in May",
                 "School places: what parents need to know", "Ten of the best autumn walks",
                 "Hospital car park charges scrapped", "New café opens on High Street", "Council tax: the new bands"],
        tags=["{T}", "Local news", "Community", "Transport", "Sport", "Events"],
        newsletter=["Sign up for our free daily newsletter", "Get the headlines in your inbox every morning"],
        comments=["Comments", "Join the conversation", "{n} comments"],
        copyright=["© {Y} {O}. All rights reserved.", "Copyright {Y} {O}", "Terms | Privacy | Cookies"],
        outlets=["The Quarry Hill Echo", "Renmouth Weekly", "Tollard Times", "Fallon Cross Post"],
        subjects=["the harbour festival", "the new tram line", "the spring fair", "the county marathon",
                  "the school strike", "the flood defences", "the library vote", "the cycling race"],
        intro=["Here is everything we know so far about {S} in {T}:", "{T} is preparing for {S}. This is the plan:",
               "We asked readers what they wanted to know about {S}. These are the answers.",
               "The results of {S} in {T} are in. Here is how it went:",
               "Our reporter followed {S} in {T} from start to finish."],
        closer=["We will update this page as more becomes known.", "The organisers say the event will return next year.",
                "The council is due to decide on {S} next month.", "Full details are on the organisers' website."],
        questions=["When does it start?", "Who pays for it?", "Will the roads be closed?", "How long will it take?",
                   "Is it free?", "What happens next?", "Why now?", "Who decided?", "Can I still take part?"],
        answers=["On {WD}, at {h} o'clock.", "The council, mostly.", "Only for one day.", "About {n} weeks.",
                 "Yes, for children under twelve.", "A public meeting in {T} on {WD}.", "The money ran out.",
                 "A vote of the full council.", "Yes, until the end of the month."],
        items=["the walk along the {T} harbour wall", "a concert in the old market hall", "guided tours of the mill",
               "the night market by the river", "a boat trip to the lighthouse", "the open day at the fire station",
               "a food fair on the square", "the children's parade", "free swimming at the lido"],
        events=["the first boats leave the harbour", "the mayor opens {S}", "rain stops play for an hour",
                "the bridge reopens", "the police close the road", "the last runners cross the line",
                "a second fire engine arrives", "the crowd begins to leave"],
        live=["Kick-off in {T}.", "Goal! {N} heads it in.", "Yellow card for {N}.", "Half-time.", "Substitution: {N} on.",
              "Penalty saved!", "Full time.", "Chance for the visitors, wide."],
        poll=["yes", "no", "don't know", "strongly agree", "somewhat agree", "disagree"],
        heads=["Saturday", "Sunday", "Men", "Women", "Morning", "Evening", "The route", "What changes"],
        host=["HOST", "REPORTER", "Q"], guest=["GUEST", "MAYOR", "A"],
        ingredients=["{n}0 g flour", "2 eggs", "a pinch of salt", "{n}00 ml milk", "1 tbsp butter", "a handful of herbs"],
        method=["Mix the dry ingredients in a bowl.", "Whisk in the eggs and the milk.", "Rest the batter for half an hour.",
                "Fry in a hot pan until golden."],
        unit="min", pct="%",
    ),
    "de": dict(
        nav=[["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"], ["Region", "Lokales", "Panorama", "Wetter"],
             ["Nachrichten", "Ratgeber", "Reise", "Podcast"]],
        byline=["Von {N}", "{N}, Redakteurin", "Autor: {N}"],
        dateline=["{d}.{m}.{Y}, {hh}:{mm} Uhr", "Aktualisiert am {d}.{m}.{Y}", "Veröffentlicht: {d}.{m}.{Y}"],
        share=["Teilen", "Artikel teilen", "Facebook WhatsApp E-Mail", "Link kopieren", "Drucken", "Merken"],
        teaser_heads=["Mehr zum Thema", "Meistgelesen", "Auch interessant", "Weitere Artikel", "Aus der Region",
                      "Top-Themen", "Das könnte Sie interessieren"],
        teasers=["Neue Buslinie nach {T2} startet im Mai", "Brand in Lagerhalle: Polizei ermittelt",
                 "Warum die Mieten weiter steigen", "Sturm knickt Bäume im Kreis", "Freibad öffnet früher",
                 "Schulwege: Was Eltern wissen müssen", "Die schönsten Radtouren im Herbst", "Neues Café am Markt"],
        tags=["{T}", "Lokales", "Verkehr", "Sport", "Veranstaltungen"],
        newsletter=["Jetzt den Newsletter abonnieren", "Die wichtigsten Nachrichten jeden Morgen per E-Mail"],
        comments=["Kommentare", "Diskutieren Sie mit", "{n} Kommentare"],
        copyright=["© {O} {Y}", "Alle Rechte vorbehalten", "Impressum | Datenschutz | AGB"],
        outlets=["Kreisanzeiger Tollard", "Renmouther Rundschau", "Tageblatt am Fluss"],
        subjects=["das Hafenfest", "die neue Straßenbahn", "den Frühjahrsmarkt", "den Stadtlauf", "den Streik an den Schulen",
                  "den Hochwasserschutz", "die Abstimmung über die Bibliothek"],
        intro=["Das wissen wir bisher über {S} in {T}:", "{T} bereitet sich auf {S} vor. So sieht der Plan aus:",
               "Leser haben uns Fragen zu {S} geschickt. Hier sind die Antworten.",
               "Die Ergebnisse für {S} in {T} stehen fest. Ein Überblick:",
               "Unser Reporter hat {S} in {T} von Anfang bis Ende begleitet."],
        closer=["Wir aktualisieren diesen Artikel laufend.", "Die Veranstalter wollen im nächsten Jahr weitermachen.",
                "Der Stadtrat entscheidet im kommenden Monat.", "Alle Einzelheiten stehen auf der Seite der Stadt."],
        questions=["Wann geht es los?", "Wer bezahlt das?", "Werden Straßen gesperrt?", "Wie lange dauert es?",
                   "Ist der Eintritt frei?", "Wie geht es weiter?", "Warum gerade jetzt?", "Kann ich noch mitmachen?"],
        answers=["Am {WD} um {h} Uhr.", "Vor allem die Stadt.", "Nur für einen Tag.", "Etwa {n} Wochen.",
                 "Ja, für Kinder unter zwölf.", "Es gibt eine Versammlung in {T}.", "Das Geld war aufgebraucht.",
                 "Ja, bis Ende des Monats."],
        items=["der Spaziergang an der Hafenmauer von {T}", "ein Konzert in der alten Markthalle", "Führungen durch die Mühle",
               "der Nachtmarkt am Fluss", "eine Bootsfahrt zum Leuchtturm", "der Tag der offenen Tür bei der Feuerwehr",
               "ein Essensmarkt auf dem Platz", "der Kinderumzug"],
        events=["die ersten Boote legen ab", "der Bürgermeister eröffnet {S}", "Regen unterbricht für eine Stunde",
                "die Brücke ist wieder offen", "die Polizei sperrt die Straße", "die letzten Läufer kommen ins Ziel"],
        live=["Anpfiff in {T}.", "Tor! {N} trifft per Kopf.", "Gelbe Karte für {N}.", "Halbzeit.", "Wechsel: {N} kommt.",
              "Elfmeter gehalten!", "Abpfiff.", "Chance für die Gäste, knapp vorbei."],
        poll=["ja", "nein", "weiß nicht", "stimme voll zu", "stimme eher zu", "lehne ab"],
        heads=["Samstag", "Sonntag", "Männer", "Frauen", "Vormittag", "Abend", "Die Strecke", "Was sich ändert"],
        host=["FRAGE", "Moderatorin", "F"], guest=["ANTWORT", "Bürgermeister", "A"],
        ingredients=["{n}0 g Mehl", "2 Eier", "eine Prise Salz", "{n}00 ml Milch", "1 EL Butter", "eine Handvoll Kräuter"],
        method=["Die trockenen Zutaten in einer Schüssel mischen.", "Eier und Milch unterrühren.",
                "Den Teig eine halbe Stunde ruhen lassen.", "In einer heißen Pfanne goldbraun backen."],
        unit="Min.", pct="Prozent",
    ),
    "fr": dict(
        nav=[["Accueil", "Politique", "Économie", "Sports", "Culture"], ["Région", "Faits divers", "Société", "Météo"],
             ["Actualités", "Vidéos", "Podcasts", "Services"]],
        byline=["Par {N}", "{N}, journaliste", "Propos recueillis par {N}"],
        dateline=["Publié le {d} {MonF} {Y} à {hh}h{mm}", "Mis à jour le {d}/{m}/{Y}", "{d} {MonF} {Y}"],
        share=["Partager", "Partager sur Facebook", "Envoyer par e-mail", "Copier le lien", "Imprimer"],
        teaser_heads=["Sur le même sujet", "Les plus lus", "À découvrir", "Dans la même rubrique", "À la une",
                      "Nos autres articles"],
        teasers=["La piscine de {T2} ferme pour travaux", "Incendie dans un entrepôt : une enquête ouverte",
                 "Pourquoi les loyers continuent d'augmenter", "Tempête : des arbres arrachés dans le département",
                 "Les bus gratuits le dimanche", "Rentrée : ce qui change pour les parents", "Un nouveau marché bio"],
        tags=["{T}", "Société", "Transports", "Sport", "Loisirs"],
        newsletter=["Inscrivez-vous à notre newsletter", "Recevez l'essentiel de l'actualité chaque matin"],
        comments=["Commentaires", "Réagir", "{n} réactions"],
        copyright=["© {O} {Y}", "Tous droits réservés", "Mentions légales | Confidentialité"],
        outlets=["L'Écho de Tollard", "Le Petit Renmouthois", "La Gazette du Val"],
        subjects=["la fête du port", "le nouveau tramway", "la foire de printemps", "le semi-marathon",
                  "la grève dans les écoles", "les digues contre les crues", "le vote sur la médiathèque"],
        intro=["Voici ce que l'on sait de {S} à {T} :", "{T} se prépare pour {S}. Voici le programme :",
               "Vous nous avez posé vos questions sur {S}. Nos réponses.",
               "Les résultats de {S} à {T} sont tombés. Le détail :",
               "Notre journaliste a suivi {S} à {T} du début à la fin."],
        closer=["Cet article sera mis à jour.", "Les organisateurs promettent une nouvelle édition l'an prochain.",
                "Le conseil municipal tranchera le mois prochain.", "Le programme complet est en ligne."],
        questions=["Quand cela commence-t-il ?", "Qui paie ?", "Les routes seront-elles fermées ?", "Combien de temps ?",
                   "Est-ce gratuit ?", "Et ensuite ?", "Pourquoi maintenant ?", "Peut-on encore s'inscrire ?"],
        answers=["{WDF}, à {h} heures.", "Surtout la commune.", "Pour une journée seulement.", "Environ {n} semaines.",
                 "Oui, pour les moins de douze ans.", "Une réunion publique à {T}.", "Le budget était épuisé.",
                 "Oui, jusqu'à la fin du mois."],
        items=["la promenade sur la digue de {T}", "un concert dans l'ancienne halle", "la visite guidée du moulin",
               "le marché de nuit au bord de la rivière", "une sortie en bateau jusqu'au phare",
               "les portes ouvertes de la caserne", "un marché gourmand sur la place", "le défilé des enfants"],
        events=["les premiers bateaux quittent le port", "le maire inaugure {S}", "la pluie interrompt tout pendant une heure",
                "le pont rouvre", "la police ferme la route", "les derniers coureurs franchissent la ligne"],
        live=["Coup d'envoi à {T}.", "But ! {N} de la tête.", "Carton jaune pour {N}.", "Mi-temps.", "Changement : {N} entre.",
              "Penalty arrêté !", "Fin du match.", "Occasion pour les visiteurs, à côté."],
        poll=["oui", "non", "ne se prononce pas", "tout à fait d'accord", "plutôt d'accord", "pas d'accord"],
        heads=["Samedi", "Dimanche", "Hommes", "Femmes", "Matin", "Soir", "Le parcours", "Ce qui change"],
        host=["QUESTION", "Journaliste", "Q"], guest=["RÉPONSE", "Le maire", "R"],
        ingredients=["{n}0 g de farine", "2 œufs", "une pincée de sel", "{n}0 cl de lait", "1 c. à s. de beurre"],
        method=["Mélanger les ingrédients secs.", "Ajouter les œufs et le lait.", "Laisser reposer la pâte une demi-heure.",
                "Cuire dans une poêle chaude."],
        unit="min", pct="%",
    ),
    "es": dict(
        nav=[["Portada", "Nacional", "Economía", "Deportes", "Cultura"], ["Local", "Sucesos", "Sociedad", "Tiempo"],
             ["Noticias", "Vídeos", "Opinión", "Servicios"]],
        byline=["Por {N}", "{N}, redactora", "Texto: {N}"],
        dateline=["{d} de {MonE} de {Y}, {hh}:{mm}", "Actualizado: {d}/{m}/{Y}", "{d}/{m}/{Y}"],
        share=["Compartir", "Compartir en Facebook", "Enviar por correo", "Copiar enlace", "Imprimir"],
        teaser_heads=["Noticias relacionadas", "Lo más leído", "Te recomendamos", "Más noticias", "Última hora",
                      "También te puede interesar"],
        teasers=["Cierra por obras la piscina de {T2}", "Incendio en una nave: la policía investiga",
                 "Por qué siguen subiendo los alquileres", "El temporal derriba árboles en la comarca",
                 "Autobuses gratis los domingos", "Vuelta al cole: lo que cambia", "Abre un nuevo mercado"],
        tags=["{T}", "Sociedad", "Transporte", "Deportes", "Ocio"],
        newsletter=["Suscríbete a nuestro boletín", "Recibe las noticias cada mañana en tu correo"],
        comments=["Comentarios", "Deja tu comentario", "{n} comentarios"],
        copyright=["© {O} {Y}", "Todos los derechos reservados", "Aviso legal | Privacidad | Cookies"],
        outlets=["El Eco de Tollard", "Diario de Renmouth", "La Voz del Valle"],
        subjects=["las fiestas del puerto", "el nuevo tranvía", "la feria de primavera", "la media maratón",
                  "la huelga en los colegios", "las defensas contra las riadas", "la votación sobre la biblioteca"],
        intro=["Esto es lo que sabemos sobre {S} en {T}:", "{T} se prepara para {S}. Este es el programa:",
               "Nuestros lectores preguntan por {S}. Estas son las respuestas.",
               "Ya hay resultados de {S} en {T}. El detalle:",
               "Nuestro reportero siguió {S} en {T} de principio a fin."],
        closer=["Esta noticia se irá actualizando.", "Los organizadores prometen repetir el año que viene.",
                "El pleno decidirá el mes próximo.", "El programa completo está en la web del ayuntamiento."],
        questions=["¿Cuándo empieza?", "¿Quién lo paga?", "¿Se cortarán calles?", "¿Cuánto durará?", "¿Es gratis?",
                   "¿Qué pasa ahora?", "¿Por qué ahora?", "¿Aún puedo apuntarme?"],
        answers=["El {WDE}, a las {h}.", "Sobre todo el ayuntamiento.", "Solo un día.", "Unas {n} semanas.",
                 "Sí, para menores de doce años.", "Habrá una reunión en {T}.", "Se acabó el dinero.",
                 "Sí, hasta final de mes."],
        items=["el paseo por el muelle de {T}", "un concierto en el antiguo mercado", "visitas guiadas al molino",
               "el mercado nocturno junto al río", "una excursión en barco al faro", "la jornada de puertas abiertas de los bomberos",
               "una feria gastronómica en la plaza", "el desfile infantil"],
        events=["salen los primeros barcos", "la alcaldesa inaugura {S}", "la lluvia lo detiene todo una hora",
                "el puente vuelve a abrir", "la policía corta la carretera", "llegan los últimos corredores"],
        live=["Comienza el partido en {T}.", "¡Gol! {N} de cabeza.", "Tarjeta amarilla para {N}.", "Descanso.",
              "Cambio: entra {N}.", "¡Penalti parado!", "Final del partido.", "Ocasión para los visitantes, fuera."],
        poll=["sí", "no", "no sabe", "muy de acuerdo", "algo de acuerdo", "en desacuerdo"],
        heads=["Sábado", "Domingo", "Hombres", "Mujeres", "Mañana", "Tarde", "El recorrido", "Qué cambia"],
        host=["PREGUNTA", "Periodista", "P"], guest=["RESPUESTA", "Alcaldesa", "R"],
        ingredients=["{n}0 g de harina", "2 huevos", "una pizca de sal", "{n}00 ml de leche", "1 cucharada de mantequilla"],
        method=["Mezclar los ingredientes secos.", "Añadir los huevos y la leche.", "Dejar reposar la masa media hora.",
                "Freír en una sartén caliente."],
        unit="min", pct="%",
    ),
    "it": dict(
        nav=[["Home", "Cronaca", "Politica", "Sport", "Cultura"], ["Città", "Provincia", "Economia", "Meteo"]],
        byline=["di {N}", "{N}, inviata", "Testo di {N}"],
        dateline=["{d}/{m}/{Y} ore {hh}:{mm}", "Aggiornato il {d}/{m}/{Y}"],
        share=["Condividi", "Condividi su Facebook", "Invia per email", "Copia link", "Stampa"],
        teaser_heads=["Potrebbe interessarti", "I più letti", "Altre notizie", "Correlati", "In primo piano"],
        teasers=["Chiude per lavori la piscina di {T2}", "Incendio in un capannone, indagini in corso",
                 "Perché gli affitti continuano a salire", "Maltempo, alberi caduti in provincia", "Bus gratis la domenica"],
        tags=["{T}", "Cronaca", "Trasporti", "Sport"],
        newsletter=["Iscriviti alla newsletter", "Le notizie del giorno nella tua casella"],
        comments=["Commenti", "Lascia un commento"],
        copyright=["© Riproduzione riservata", "© {O} {Y}", "Note legali | Privacy"],
        outlets=["Il Corriere di Tollard", "La Gazzetta del Porto"],
        subjects=["la festa del porto", "il nuovo tram", "la fiera di primavera", "la mezza maratona", "lo sciopero nelle scuole"],
        intro=["Ecco cosa sappiamo finora su {S} a {T}:", "{T} si prepara per {S}. Il programma:",
               "I lettori ci hanno chiesto di {S}. Le risposte.", "I risultati di {S} a {T}. Ecco come è andata:"],
        closer=["L'articolo sarà aggiornato.", "Gli organizzatori promettono di tornare l'anno prossimo.",
                "Il consiglio comunale deciderà il mese prossimo."],
        questions=["Quando inizia?", "Chi paga?", "Le strade saranno chiuse?", "Quanto durerà?", "È gratis?", "E adesso?"],
        answers=["{WDI} alle {h}.", "Soprattutto il Comune.", "Solo per un giorno.", "Circa {n} settimane.",
                 "Sì, per i bambini.", "Un'assemblea pubblica a {T}."],
        items=["la passeggiata sul molo di {T}", "un concerto nel vecchio mercato", "visite guidate al mulino",
               "il mercato serale sul fiume", "una gita in barca al faro", "la sfilata dei bambini"],
        events=["partono le prime barche", "il sindaco inaugura {S}", "la pioggia ferma tutto per un'ora",
                "il ponte riapre", "la polizia chiude la strada"],
        live=["Calcio d'inizio a {T}.", "Gol! {N} di testa.", "Ammonito {N}.", "Fine primo tempo.", "Entra {N}.",
              "Rigore parato!", "Finisce qui."],
        poll=["sì", "no", "non so", "molto d'accordo", "abbastanza d'accordo", "contrario"],
        heads=["Sabato", "Domenica", "Uomini", "Donne", "Mattina", "Sera", "Il percorso"],
        host=["DOMANDA", "D"], guest=["RISPOSTA", "R"],
        ingredients=["{n}0 g di farina", "2 uova", "un pizzico di sale", "{n}00 ml di latte"],
        method=["Mescolare gli ingredienti secchi.", "Unire le uova e il latte.", "Cuocere in padella ben calda."],
        unit="min", pct="%",
    ),
    "nl": dict(
        nav=[["Home", "Binnenland", "Economie", "Sport", "Cultuur"], ["Regio", "Politiek", "Weer", "Verkeer"]],
        byline=["Door {N}", "{N}, verslaggever"],
        dateline=["{d}-{m}-{Y}, {hh}:{mm}", "Bijgewerkt op {d}-{m}-{Y}"],
        share=["Delen", "Deel via WhatsApp", "Deel op Facebook", "Kopieer link"],
        teaser_heads=["Meer over dit onderwerp", "Meest gelezen", "Ook interessant", "Net binnen", "Uit de regio"],
        teasers=["Zwembad in {T2} gaat dicht voor verbouwing", "Brand in loods, politie onderzoekt oorzaak",
                 "Waarom huren blijven stijgen", "Storm velt bomen in de provincie", "Gratis bus op zondag"],
        tags=["{T}", "Regio", "Verkeer", "Sport"],
        newsletter=["Schrijf je in voor de nieuwsbrief", "Elke ochtend het belangrijkste nieuws in je mail"],
        comments=["Reacties", "Praat mee"],
        copyright=["© {Y} {O}", "Alle rechten voorbehouden", "Privacy | Cookies"],
        outlets=["Tollardse Courant", "Dagblad Renmouth"],
        subjects=["het havenfeest", "de nieuwe tramlijn", "de voorjaarsmarkt", "de stadsloop", "de staking op scholen"],
        intro=["Dit weten we tot nu toe over {S} in {T}:", "{T} maakt zich op voor {S}. Het programma:",
               "Lezers stelden vragen over {S}. Dit zijn de antwoorden.", "De uitslagen van {S} in {T}. Een overzicht:"],
        closer=["Dit artikel wordt bijgewerkt.", "De organisatie wil volgend jaar terugkomen.",
                "De gemeenteraad beslist volgende maand."],
        questions=["Wanneer begint het?", "Wie betaalt?", "Gaan er wegen dicht?", "Hoe lang duurt het?", "Is het gratis?",
                   "Wat gebeurt er nu?"],
        answers=["Op {WDN} om {h} uur.", "Vooral de gemeente.", "Maar één dag.", "Ongeveer {n} weken.",
                 "Ja, voor kinderen.", "Er is een bijeenkomst in {T}."],
        items=["de wandeling over de havendam van {T}", "een concert in de oude markthal", "rondleidingen in de molen",
               "de avondmarkt aan de rivier", "een boottocht naar de vuurtoren", "de kinderoptocht"],
        events=["de eerste boten varen uit", "de burgemeester opent {S}", "regen legt alles een uur stil",
                "de brug gaat weer open", "de politie sluit de weg af"],
        live=["Aftrap in {T}.", "Goal! {N} kopt raak.", "Gele kaart voor {N}.", "Rust.", "Wissel: {N} erin.",
              "Penalty gestopt!", "Einde wedstrijd."],
        poll=["ja", "nee", "weet niet", "helemaal eens", "beetje eens", "oneens"],
        heads=["Zaterdag", "Zondag", "Mannen", "Vrouwen", "Ochtend", "Avond", "De route"],
        host=["VRAAG", "V"], guest=["ANTWOORD", "A"],
        ingredients=["{n}0 gram bloem", "2 eieren", "snufje zout", "{n}00 ml melk"],
        method=["Meng de droge ingrediënten.", "Klop de eieren en de melk erdoor.", "Bak in een hete pan goudbruin."],
        unit="min", pct="procent",
    ),
    "pt": dict(
        nav=[["Início", "Política", "Economia", "Esportes", "Cultura"], ["Cidades", "Polícia", "Tempo", "Trânsito"]],
        byline=["Por {N}", "{N}, repórter"],
        dateline=["{d}/{m}/{Y} {hh}h{mm}", "Atualizado em {d}/{m}/{Y}"],
        share=["Compartilhe", "Compartilhar no WhatsApp", "Compartilhar no Facebook", "Copiar link"],
        teaser_heads=["Veja também", "Mais lidas", "Notícias relacionadas", "Últimas notícias", "Recomendadas"],
        teasers=["Piscina de {T2} fecha para reforma", "Incêndio em galpão é investigado",
                 "Por que os aluguéis continuam subindo", "Temporal derruba árvores na região", "Ônibus grátis aos domingos"],
        tags=["{T}", "Cidades", "Trânsito", "Esportes"],
        newsletter=["Assine a nossa newsletter", "Receba as notícias do dia no seu e-mail"],
        comments=["Comentários", "Deixe seu comentário"],
        copyright=["© {Y} {O}", "Todos os direitos reservados", "Termos de uso | Privacidade"],
        outlets=["Jornal de Tollard", "Gazeta do Porto"],
        subjects=["a festa do porto", "o novo bonde", "a feira da primavera", "a meia maratona", "a greve nas escolas"],
        intro=["Veja o que se sabe até agora sobre {S} em {T}:", "{T} se prepara para {S}. A programação:",
               "Leitores perguntaram sobre {S}. As respostas.", "Saíram os resultados de {S} em {T}. Confira:"],
        closer=["Esta reportagem será atualizada.", "Os organizadores prometem voltar no ano que vem.",
                "A câmara decide no mês que vem."],
        questions=["Quando começa?", "Quem paga?", "Ruas serão fechadas?", "Quanto tempo vai durar?", "É de graça?",
                   "E agora?"],
        answers=["Na {WDP}, às {h}h.", "Principalmente a prefeitura.", "Só por um dia.", "Cerca de {n} semanas.",
                 "Sim, para crianças.", "Haverá uma audiência em {T}."],
        items=["o passeio pelo cais de {T}", "um show no antigo mercado", "visitas guiadas ao moinho",
               "a feira noturna à beira do rio", "um passeio de barco até o farol", "o desfile das crianças"],
        events=["saem os primeiros barcos", "o prefeito abre {S}", "a chuva para tudo por uma hora",
                "a ponte é reaberta", "a polícia fecha a estrada"],
        live=["Começa o jogo em {T}.", "Gol! {N} de cabeça.", "Cartão amarelo para {N}.", "Intervalo.", "Entra {N}.",
              "Pênalti defendido!", "Fim de jogo."],
        poll=["sim", "não", "não sabe", "concorda totalmente", "concorda em parte", "discorda"],
        heads=["Sábado", "Domingo", "Masculino", "Feminino", "Manhã", "Noite", "O percurso"],
        host=["PERGUNTA", "P"], guest=["RESPOSTA", "R"],
        ingredients=["{n}0 g de farinha", "2 ovos", "uma pitada de sal", "{n}00 ml de leite"],
        method=["Misture os ingredientes secos.", "Junte os ovos e o leite.", "Frite em uma frigideira quente."],
        unit="min", pct="%",
    ),
}
# Label-shaped noise ("Photo: ...", "Read also: ..."): it starts like a transcript's
# "HOST: " line, but sits at the story's edges, unannounced.
LABELLED_NOISE = {
    "en": [("Photo: {N}", "caption"), ("Source: {O}", "agency"), ("Read also: {TEASER}", "read_more"),
           ("Pictures: {N}/{O}", "caption"), ("Tags: {T}, Community", "tags")],
    "de": [("Foto: {N}", "caption"), ("Quelle: {O}", "agency"), ("Lesen Sie auch: {TEASER}", "read_more"),
           ("Bild: {N}/dpa", "caption"), ("Schlagworte: {T}, Lokales", "tags")],
    "fr": [("Photo : {N}", "caption"), ("Source : {O}", "agency"), ("Lire aussi : {TEASER}", "read_more"),
           ("Crédit : {N}", "caption")],
    "es": [("Foto: {N}", "caption"), ("Fuente: {O}", "agency"), ("Lee también: {TEASER}", "read_more"),
           ("Imagen: {N}", "caption")],
    "it": [("Foto: {N}", "caption"), ("Fonte: {O}", "agency"), ("Leggi anche: {TEASER}", "read_more")],
    "nl": [("Foto: {N}", "caption"), ("Bron: {O}", "agency"), ("Lees ook: {TEASER}", "read_more")],
    "pt": [("Foto: {N}", "caption"), ("Fonte: {O}", "agency"), ("Leia também: {TEASER}", "read_more")],
}
MONTHS = {"Mon": ["January", "March", "May", "July", "September", "November"],
          "MonF": ["janvier", "mars", "mai", "juillet", "septembre", "novembre"],
          "MonE": ["enero", "marzo", "mayo", "julio", "septiembre", "noviembre"]}
DAYS = {"WD": ["Monday", "Friday", "Saturday"], "WDF": ["Lundi", "Vendredi", "Samedi"], "WDE": ["lunes", "viernes", "sábado"],
        "WDI": ["Lunedì", "Venerdì", "Sabato"], "WDN": ["maandag", "vrijdag", "zaterdag"], "WDP": ["segunda", "sexta", "sábado"]}
KINDS = ("faq", "numbered", "bullets", "recipe", "results", "timeline", "schedule", "dialogue", "live", "poll", "ratings")
BULLETS = ("- ", "• ", "– ", "* ", "")


class _Fill:
    """Fills a pack's templates from one seeded RNG (the story's town and subject fixed)."""

    def __init__(self, rng: random.Random, pack: dict):
        self.rng, self.pack = rng, pack
        self.town, self.subject = rng.choice(TOWNS), rng.choice(pack["subjects"])
        self.outlet = rng.choice(pack["outlets"])

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def __call__(self, template: str) -> str:
        r = self.rng
        vals = dict(T=self.town, T2=r.choice(TOWNS), S=self.subject, N=self.name(), N2=self.name(), O=self.outlet,
                    Y=r.randint(2024, 2027), n=r.randint(2, 9), d=r.randint(1, 28), m=f"{r.randint(1, 12):02d}",
                    h=r.randint(8, 21), hh=f"{r.randint(6, 22):02d}", mm=f"{r.randint(0, 59):02d}")
        vals.update({k: r.choice(v) for k, v in {**MONTHS, **DAYS}.items()})
        vals["TEASER"] = r.choice(self.pack["teasers"]).format(T2=r.choice(TOWNS))
        out = template.format(**vals)
        return out[:1].upper() + out[1:]

    def pick(self, key: str, k: int) -> list[str]:
        pool = self.pack[key]
        return [self(t) for t in self.rng.sample(pool, min(k, len(pool)))]


def _story_run(f: _Fill, kind: str) -> list[str]:
    """The story's run of short lines of one `kind` (all article lines)."""
    r, p = f.rng, f.pack
    if kind == "faq":
        qa = list(zip(p["questions"], p["answers"]))
        return [f(x) for q, a in r.sample(qa, r.randint(3, min(6, len(qa)))) for x in (q, a)]
    if kind == "dialogue":
        host, guest = r.choice(p["host"]), r.choice(p["guest"])
        qa = list(zip(p["questions"], p["answers"]))
        dash = r.random() < 0.3
        return [(f"—{f(x)}" if dash else f"{who}: {f(x)}")
                for q, a in r.sample(qa, r.randint(3, min(5, len(qa)))) for who, x in ((host, q), (guest, a))]
    if kind in ("numbered", "bullets"):
        items = r.sample(p["items"], r.randint(4, min(8, len(p["items"]))))
        mark = r.choice(BULLETS)
        end = r.choice(("", ".", ""))
        return [(f"{k}. " if kind == "numbered" else mark) + f(x) + end for k, x in enumerate(items, 1)]
    if kind == "recipe":
        return ([f(r.choice(p["heads"][-2:]))] if r.random() < 0.3 else []) + f.pick("ingredients", r.randint(3, 5)) \
            + f.pick("method", r.randint(2, 3))
    if kind == "results":
        out = []
        for head in r.sample(p["heads"][2:4], r.randint(1, 2)):
            out.append(head)
            for k in range(1, r.randint(3, 6)):
                out.append(f"{k}. {f.name()}, {r.randint(0, 2)}:{r.randint(10, 59)}:{r.randint(10, 59)}"
                           if r.random() < 0.6 else f"{k}. {f.name()} ({f.town}) {r.randint(40, 99)} {p['unit']}")
        return out
    if kind == "timeline":
        times = sorted(r.sample(range(6 * 60, 22 * 60), r.randint(4, 7)))
        sep = r.choice((": ", " – ", " - ", " "))
        return [f"{t // 60:02d}{r.choice(':.h')}{t % 60:02d}{sep}{f(e)}." for t, e in
                zip(times, r.sample(p["events"], min(len(times), len(p["events"]))))]
    if kind == "schedule":
        out = []
        for head in r.sample(p["heads"][:2], r.randint(1, 2)):
            out.append(head)
            for t in sorted(r.sample(range(10, 23), r.randint(2, 4))):
                out.append(f"{t}.{r.choice(['00', '30'])} – {f(r.choice(p['items']))}")
        return out
    if kind == "live":
        minutes = sorted(r.sample(range(1, 91), r.randint(5, min(8, len(p["live"])))), reverse=r.random() < 0.6)
        mark = r.choice([chr(39), ".", " min", "'"])
        return [f"{m}{mark} {f(e)}" for m, e in zip(minutes, r.sample(p["live"], len(minutes)))]
    if kind == "poll":
        opts = r.sample(p["poll"], r.randint(3, 5))
        shares = sorted((r.randint(3, 45) for _ in opts), reverse=True)
        return [f"{o}{r.choice([' – ', ': ', ' '])}{s} {p['pct']}".replace(" %", r.choice([" %", "%"]))
                for o, s in zip(opts, shares)]
    # ratings: "Name 6.5 – short judgement"
    verdicts = [a for a in p["answers"]]
    return [f"{f.name()} {r.choice(['5', '5.5', '6', '6.5', '7', '8'])} – {f(r.choice(verdicts))}"
            for _ in range(r.randint(4, 7))]


def _teaser_block(f: _Fill, k_min: int = 2, k_max: int = 6) -> list[tuple[str, str]]:
    """A heading over other stories' headlines (noise the model must still cut)."""
    r = f.rng
    head = [(r.choice(f.pack["teaser_heads"]), "read_more")] if r.random() < 0.85 else []
    return head + [(t, "read_more") for t in f.pick("teasers", r.randint(k_min, k_max))]


def generate_one(rng: random.Random, lang: str) -> NoisyDoc:
    """One page: furniture, headline, an intro, a short-line story run (sometimes two
    with a subheading between), maybe a closing sentence, then the page's lower noise."""
    p = PACKS[lang]
    f = _Fill(rng, p)
    kind = rng.choice(KINDS)
    top: list[tuple[str, str]] = []
    if rng.random() < 0.7:
        top += [(x, "nav") for x in rng.choice(p["nav"])[: rng.randint(3, 6)]]
    headline_intro, body_intro = rng.sample(p["intro"], 2)
    headline = f(headline_intro).rstrip(":. ").split(".")[0]
    top.append((headline, "headline"))
    top += [(f(rng.choice(p["byline"])), "byline")] if rng.random() < 0.8 else []
    top += [(f(rng.choice(p["dateline"])), "dateline")] if rng.random() < 0.8 else []
    if rng.random() < 0.6:
        top += [(x, "share") for x in rng.sample(p["share"], rng.randint(1, 3))]
    labelled = [(f(t), label) for t, label in rng.sample(LABELLED_NOISE[lang], 2)]
    if rng.random() < 0.3:  # a caption or credit pair above the story
        top += labelled
    body: list[tuple[str, str]] = [(f(body_intro), ARTICLE)]
    body += [(x, ARTICLE) for x in _story_run(f, kind)]
    if rng.random() < 0.2:  # a teaser box inside the story, between its list and the rest
        body += _teaser_block(f, 1, 2)
    if rng.random() < 0.25:  # a second run under a subheading
        body.append((f(rng.choice(p["heads"])), ARTICLE))
        body += [(x, ARTICLE) for x in _story_run(f, rng.choice(KINDS))]
    if rng.random() < 0.6:
        body.append((f(rng.choice(p["closer"])), ARTICLE))
    bottom: list[tuple[str, str]] = []
    if rng.random() < 0.3:  # credits and "read also" lines below it
        bottom += labelled
    for key, label, chance in (("share", "share", 0.4), ("tags", "tags", 0.4), ("newsletter", "newsletter", 0.3)):
        if rng.random() < chance:
            bottom += [(x, label) for x in f.pick(key, rng.randint(1, 3))]
    for _ in range(rng.choice((1, 1, 2))):
        bottom += _teaser_block(f)
    if rng.random() < 0.3:
        bottom += [(x, "comments") for x in f.pick("comments", rng.randint(1, 2))]
    bottom += [(x, "copyright") for x in f.pick("copyright", rng.randint(1, 2))]
    rng.shuffle(bottom) if rng.random() < 0.2 else None
    items = top + body + bottom
    sep_blank = rng.random() < 0.3
    lines: list[str] = []
    labels: list[str | None] = []
    for k, (line, label) in enumerate(items):
        if k and sep_blank:
            lines.append("")
            labels.append(None)
        lines.append(line)
        labels.append(label)
    return NoisyDoc(f"short_{kind}", "S", lang, lines, labels, title=headline, meta={"kind": kind})


def generate(n: int, *, seed: int = 0, langs: list[str] | None = None) -> list[NoisyDoc]:
    """`n` pages, languages taken in turn, from one RNG seeded with `seed`."""
    rng = random.Random(seed)
    langs = langs or list(PACKS)
    return [generate_one(rng, langs[k % len(langs)]) for k in range(n)]

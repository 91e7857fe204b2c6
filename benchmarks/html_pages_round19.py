"""Round 19's page-type families for ``benchmarks/html_pages.py`` (``--round19``; written before round 19 changed the extractor).

Five kinds the HTML path had not seen: paywalled news stories (a headline, a byline, two or three
teaser paragraphs, then the paywall's offer box and a long section of readers' comments, far more
prose than the teaser), explainers whose story sits in accordions or tabs (an introduction, then
questions as ``<details>``/Bootstrap accordion headers or tab buttons, each answer in its panel),
buying guides ("the best X of 2025": an affiliate disclosure, an introduction, one card per product
with a rating, a price and "check price" buttons, the reviewer's paragraphs and pros/cons lists),
health-condition pages (a "medically reviewed by" line, an "on this page" list, sections on
symptoms, causes and treatment with bullet lists, an urgent-care callout, a "was this page helpful?"
widget, a references list) and timelines ("a history in dates": an introduction, then dated
entries, each a year, a short title and a description, in three markups).

**Gold convention** (rounds 7-18's, WCXB's): what the author wrote as the document is content: the
paywalled story's teaser paragraphs; the explainer's introduction, every question and its answer
(an answer in a collapsed panel is still the page's text); the buying guide's introduction, each
product's heading, the reviewer's paragraphs and the pros/cons items; the health page's overview,
section headings, paragraphs, symptom lists and the urgent-care callout; the timeline's
introduction and every entry's date, title and description. Headlines, bylines, review lines,
paywall offers, comments, disclosures, ratings, prices, buttons, tables of contents, feedback
widgets, reference lists, related links, newsletters and footers are not.

Held out: the whole seed-107 set (100 pages, ``extraction.py``'s "own: unseen families, round 19")
is read as totals only; the seed-109 set (50 pages, "own: round 19 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, esc, footer_block, hidden_chrome, links_list,
                        newsletter_box, paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Hanna Berg", "Joost Bakker", "Giulia Ferri", "Rui Almeida", "Klara Wolf", "Ama Owusu",
         "Femke Visser", "Luca Romano", "Ren Sato", "Leila Nasser")


def paywall_teaser_page(p: Page) -> None:
    """A paywalled story: a short teaser, the paywall's offer box, then many readers' comments."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><article class='{p.pick('article', 'story', 'premium-article')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('byline', 'article-meta', 'author-date')}'>{p.pick(*NAMES)} · {rng.randint(1, 28)}.{rng.randint(1, 12)}.2025</div>"
          + share_bar(p) + f"<div class='{p.pick('article-body', 'story-body', 'content')}'>")
    for _ in range(rng.randint(2, 3)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
    p.add(p.pick(
        "<div class='paywall'><h3>Subscribe to continue reading</h3><p>Get unlimited access to our journalism for €1 a week, "
        "billed €4.99 monthly. Cancel anytime.</p><a class='btn' href='#'>Subscribe now</a> <p>Already a subscriber? <a href='#'>Log in</a></p></div>",
        "<div class='piano-offer'><p>Dieser Artikel ist exklusiv für Abonnenten.</p><ul><li>Alle Artikel lesen</li>"
        "<li>E-Paper inklusive</li><li>Monatlich kündbar</li></ul><a href='#'>Jetzt testen</a> <a href='#'>Anmelden</a></div>",
        "<section class='regwall'><p>Sign in or create a free account to keep reading this story.</p><form><input type='email'>"
        "<button>Continue</button></form></section>")
        + "</div></article>")
    items = []
    for _ in range(rng.randint(10, 24)):
        who = p.pick("harbourfan", "M. de Groot", "kettle_77", "Ingrid S.", "oldsailor", "Pablo R.", "Tessa", "anon123")
        items.append(f"<li class='{p.pick('comment', 'c-item', 'reply')}'><div class='{p.pick('author', 'user', 'name')}'>{who}</div>"
                     f"<time>{rng.randint(1, 23)} {p.pick('hours ago', 'Std.', 'ore fa')}</time>"
                     f"<p>{esc(paragraph(rng, p.lang, 1, 3))}</p><a href='#'>Reply</a> <span>♥ {rng.randint(0, 90)}</span></li>")
    p.add(f"<section id='{p.pick('comments', 'reactions', 'discussion')}'><h2>{len(items)} {p.pick('comments', 'Kommentare', 'commenti')}</h2>"
          f"<ul>{''.join(items)}</ul><a href='#'>Load more comments</a></section>" + related_block(p) + "</main>" + footer_block(p))


def accordion_explainer_page(p: Page) -> None:
    """An explainer whose questions and answers sit in accordions or tabs (answers in collapsed panels)."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><div class='{p.pick('explainer', 'guide', 'page-content')}'><h1>{esc(title(rng, p.lang))}</h1>")
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p class='{p.pick('lead', 'intro', 'summary')}'>{esc(intro)}</p>", (intro,))
    style = rng.randrange(3)
    qa = []
    for _ in range(rng.randint(4, 8)):
        q = short(rng, p.lang, rng.randint(4, 8)).capitalize() + "?"
        answers = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
        qa.append((q, answers))
    if style == 0:
        for q, answers in qa:
            p.add(f"<details class='{p.pick('faq', 'accordion', 'qa')}'><summary>{esc(q)}</summary><div>"
                  + "".join(f"<p>{esc(a)}</p>" for a in answers) + "</div></details>", (q, *answers))
    elif style == 1:
        p.add("<div class='accordion' id='acc'>")
        for k, (q, answers) in enumerate(qa):
            p.add(f"<div class='accordion-item'><h3 class='accordion-header'><button class='accordion-button collapsed' "
                  f"data-bs-toggle='collapse' data-bs-target='#c{k}' aria-expanded='false'>{esc(q)}</button></h3>"
                  f"<div id='c{k}' class='accordion-collapse collapse'><div class='accordion-body'>"
                  + "".join(f"<p>{esc(a)}</p>" for a in answers) + "</div></div></div>", (q, *answers))
        p.add("</div>")
    else:
        p.add("<div class='tabs'><div role='tablist'>" + "".join(
            f"<button role='tab' aria-selected='{'true' if k == 0 else 'false'}' aria-controls='t{k}'>{esc(q)}</button>"
            for k, (q, _) in enumerate(qa)) + "</div>", tuple(q for q, _ in qa))
        for k, (q, answers) in enumerate(qa):
            p.add(f"<div role='tabpanel' id='t{k}' class='{p.pick('tab-pane', 'panel', 'tab-content')}'>"
                  + "".join(f"<p>{esc(a)}</p>" for a in answers) + "</div>", tuple(answers))
        p.add("</div>")
    p.add(f"<div class='{p.pick('feedback', 'helpful', 'rating-widget')}'>{p.pick('Was this helpful?', 'War das hilfreich?', 'È stato utile?')} "
          "<button>Yes</button> <button>No</button></div></div>"
          f"<aside class='{p.pick('sidebar', 'related', 'more')}'><h3>{p.pick('More explainers', 'Mehr Erklärungen', 'Altre guide')}</h3>"
          f"<ul>{links_list(p, 5, 6)}</ul></aside></main>" + newsletter_box(p) + footer_block(p))


def buying_guide_page(p: Page) -> None:
    """A buying guide: disclosure, introduction, one card per product with rating, price, buttons, review, pros/cons."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><article><h1>{esc(title(rng, p.lang))}</h1><div class='byline'>{p.pick(*NAMES)} · {p.pick('Updated', 'Aktualisiert', 'Aggiornato')} "
          f"{rng.randint(1, 28)} {p.pick('March', 'April', 'May')} 2025</div>"
          f"<p class='{p.pick('disclosure', 'affiliate-note', 'disclaimer')}'><em>{p.pick('We may earn a commission when you buy through links on our site.', 'Wir erhalten eine Provision, wenn Sie über unsere Links kaufen.', 'Potremmo ricevere una commissione sugli acquisti.')}</em></p>")
    for _ in range(rng.randint(1, 2)):
        intro = paragraph(rng, p.lang, 2, 3)
        p.add(f"<p>{esc(intro)}</p>", (intro,))
    pros_word, cons_word = p.pick(("Pros", "Cons"), ("Vorteile", "Nachteile"), ("Pro", "Contro"))
    for i in range(1, rng.randint(4, 7) + 1):
        name = f"{i}. {p.pick('Quaykit', 'Tidewell', 'Norda', 'Valdera', 'Kettle&Co')} {short(rng, p.lang, 2).title()}"
        p.add(f"<h2>{esc(name)}</h2>", (name,))
        p.add(f"<div class='{p.pick('product-card', 'product-box', 'deal-widget')}'><img src='/p{i}.jpg' alt=''>"
              f"<div class='rating'>★ {rng.randint(35, 50) / 10}/5</div><div class='price'>€{rng.randint(19, 399)}</div>"
              f"<a class='btn' href='#'>{p.pick('Check price', 'Preis prüfen', 'Vedi offerta')}</a> <a href='#'>{p.pick('View at Amazon', 'Bei Otto ansehen')}</a></div>")
        for _ in range(rng.randint(1, 2)):
            review = paragraph(rng, p.lang, 2, 4)
            p.add(f"<p>{esc(review)}</p>", (review,))
        pros = [short(rng, p.lang, rng.randint(3, 6)).capitalize() for _ in range(rng.randint(2, 3))]
        cons = [short(rng, p.lang, rng.randint(3, 6)).capitalize() for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.5:
            p.add(f"<div class='{p.pick('pros-cons', 'proscons', 'verdict-lists')}'><div class='pros'><h4>{pros_word}</h4><ul>"
                  + "".join(f"<li>{esc(x)}</li>" for x in pros) + f"</ul></div><div class='cons'><h4>{cons_word}</h4><ul>"
                  + "".join(f"<li>{esc(x)}</li>" for x in cons) + "</ul></div></div>", (pros_word, *pros, cons_word, *cons))
        else:
            p.add(f"<p><strong>{pros_word}:</strong></p><ul>" + "".join(f"<li>{esc(x)}</li>" for x in pros)
                  + f"</ul><p><strong>{cons_word}:</strong></p><ul>" + "".join(f"<li>{esc(x)}</li>" for x in cons) + "</ul>",
                  (f"{pros_word}:", *pros, f"{cons_word}:", *cons))
    p.add("</article>" + f"<aside class='{p.pick('sidebar', 'rail', 'widget-area')}'><h3>{p.pick('Best deals today', 'Top-Angebote')}</h3>"
          f"<ul>{links_list(p, 5, 5)}</ul></aside></main>" + newsletter_box(p) + footer_block(p))


def health_condition_page(p: Page) -> None:
    """A health-condition page: review line, on-this-page list, sections with symptom lists, callout, references."""
    rng = p.rng
    heads = rng.sample([p.pick("Symptoms", "Symptome", "Sintomi"), p.pick("Causes", "Ursachen", "Cause"),
                        p.pick("Treatment", "Behandlung", "Trattamento"), p.pick("Prevention", "Vorbeugung", "Prevenzione"),
                        p.pick("Diagnosis", "Diagnose", "Diagnosi")], rng.randint(3, 5))
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><div class='{p.pick('condition', 'health-article', 'content-page')}'><h1>{esc(short(rng, p.lang, 3).title())}</h1>"
          f"<p class='{p.pick('reviewed', 'review-line', 'meta')}'>{p.pick('Medically reviewed by', 'Medizinisch geprüft von', 'Revisione medica di')} "
          f"Dr. {p.pick(*NAMES)} — {p.pick('Updated', 'Stand')} {rng.randint(1, 28)}.{rng.randint(1, 12)}.2024</p>"
          f"<nav class='{p.pick('on-this-page', 'toc', 'page-contents')}'><h2>{p.pick('On this page', 'Auf dieser Seite', 'In questa pagina')}</h2><ul>"
          + "".join(f"<li><a href='#h{k}'>{esc(h)}</a></li>" for k, h in enumerate(heads)) + "</ul></nav>")
    overview = paragraph(rng, p.lang, 2, 3)
    p.add(f"<p>{esc(overview)}</p>", (overview,))
    for k, head in enumerate(heads):
        p.add(f"<h2 id='h{k}'>{esc(head)}</h2>", (head,))
        text = paragraph(rng, p.lang, 1, 3)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if rng.random() < 0.6:
            items = [short(rng, p.lang, rng.randint(2, 7)) for _ in range(rng.randint(3, 6))]
            p.add("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>", tuple(items))
        if k == 0:
            urgent = p.pick("Call 112 or go to A&E if", "Rufen Sie die 112, wenn", "Chiama il 112 se") + " " + sentence(rng, p.lang).lower()
            p.add(f"<div class='{p.pick('callout callout-urgent', 'alert alert-warning', 'care-cards urgent')}'><p>{esc(urgent)}</p></div>", (urgent,))
    p.add(f"<div class='{p.pick('feedback', 'page-rating', 'helpful')}'><p>{p.pick('Was this page helpful?', 'War diese Seite hilfreich?')}</p>"
          "<button>Yes</button> <button>No</button></div>"
          f"<section class='{p.pick('references', 'sources', 'bibliography')}'><h2>{p.pick('References', 'Quellen', 'Fonti')}</h2><ol>"
          + "".join(f"<li>{p.pick(*NAMES)} et al. {esc(short(rng, p.lang, 6))}. J Clin Res. 20{rng.randint(10, 24)};{rng.randint(1, 40)}:{rng.randint(10, 900)}.</li>"
                    for _ in range(rng.randint(3, 6))) + "</ol></section></div>"
          f"<aside class='{p.pick('sidebar', 'related-conditions', 'rail')}'><h3>{p.pick('Related conditions', 'Verwandte Themen')}</h3><ul>{links_list(p, 5, 2)}</ul></aside></main>"
          + footer_block(p))


def timeline_page(p: Page) -> None:
    """A timeline: an introduction, then dated entries (a year, a short title, a description) in three markups."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><article class='{p.pick('timeline-page', 'history', 'page')}'><h1>{esc(title(rng, p.lang))}</h1>" + share_bar(p))
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    style = rng.randrange(3)
    year = rng.randint(1800, 1950)
    entries = []
    for _ in range(rng.randint(5, 10)):
        year += rng.randint(2, 15)
        entries.append((str(year), short(rng, p.lang, rng.randint(3, 6)).capitalize(), paragraph(rng, p.lang, 1, 2)))
    if style == 0:
        p.add(f"<ol class='{p.pick('timeline', 'events', 'chronology')}'>")
        for y, head, text in entries:
            p.add(f"<li><time datetime='{y}'>{y}</time><h3>{esc(head)}</h3><p>{esc(text)}</p></li>", (y, head, text))
        p.add("</ol>")
    elif style == 1:
        for y, head, text in entries:
            p.add(f"<div class='{p.pick('event', 'tl-item', 'milestone')}'><div class='year'>{y}</div><div class='body'>"
                  f"<h4>{esc(head)}</h4><p>{esc(text)}</p></div></div>", (y, head, text))
    else:
        p.add("<dl>")
        for y, head, text in entries:
            p.add(f"<dt>{y} – {esc(head)}</dt><dd>{esc(text)}</dd>", (f"{y} – {head}", text))
        p.add("</dl>")
    p.add("</article>" + related_block(p) + "</main>" + footer_block(p))


ROUND19_FAMILIES = {"paywall_teaser_page": paywall_teaser_page, "accordion_explainer_page": accordion_explainer_page,
                    "buying_guide_page": buying_guide_page, "health_condition_page": health_condition_page,
                    "timeline_page": timeline_page}

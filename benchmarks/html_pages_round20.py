"""Round 20's page-type families for ``benchmarks/html_pages.py`` (``--round20``; written before round 20 changed the extractor).

Five kinds the HTML path had not seen, built around what readability's real pages still lose
(round 19's split): link roundups ("this week's links": an introduction, then bullets under
topic headings, each a linked title and a sentence on it, or a sentence with a link inside: the
bullets *are* the post), project status updates (a project's monthly report: sections of bullets,
each a sentence with inline links to bugs, patches and people, a thanks line), stories with
in-body promotions (a news story whose paragraphs are interleaved with "Related:" / "Read more:"
lines, a promo box for the publisher's app or a product, and a "Powered by" line), data-set
landing pages (a catalogue entry: a description, a metadata panel, a resources list with
download buttons, a citation box) and help-centre articles (steps, a note box, a "was this
article helpful?" widget in several markups, "X of Y found this helpful", a "contact support"
box and related articles).

**Gold convention** (rounds 7-19's, WCXB's): what the author wrote as the document is content:
the roundup's introduction, topic headings and every bullet's whole text (title and sentence);
the status update's introduction, section headings, every bullet and the thanks line; the story's
paragraphs (not the Related/Read more lines, the promo box or the Powered-by line); the data
set's description paragraphs and its "about the data" list; the help article's introduction,
steps, notes and sub-headings. Headlines, bylines, metadata panels, download buttons, citation
boxes, feedback widgets, promotions, related links, newsletters and footers are not.

Held out: the whole seed-113 set (100 pages, ``extraction.py``'s "own: unseen families, round 20")
is read as totals only; the seed-127 set (50 pages, "own: round 20 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, esc, footer_block, hidden_chrome, links_list,
                        newsletter_box, paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Mira Lund", "Tomás Vidal", "Sanne de Wit", "Paolo Greco", "Ines Moreira", "Jonas Keller",
         "Ada Mensah", "Kenji Mori", "Noor Haddad", "Elin Berg")


def linked_sentence(p: Page, href: str) -> tuple[str, str]:
    """A sentence with a run of 2-5 of its words as a link: ``(markup, plain text)``."""
    text = sentence(p.rng, p.lang)
    words = text.split()
    n = p.rng.randint(2, min(5, len(words) - 1))
    start = p.rng.randint(0, len(words) - n)
    before, inner, after = " ".join(words[:start]), " ".join(words[start:start + n]), " ".join(words[start + n:])
    markup = (esc(before) + (" " if before else "") + f"<a href='{href}'>{esc(inner)}</a>"
              + (" " if after else "") + esc(after))
    return markup, text


def link_roundup_page(p: Page) -> None:
    """A weekly link roundup: an introduction, then topic headings over bullets of linked titles with a sentence each."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><article class='{p.pick('post', 'entry', 'hentry')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('post-meta', 'entry-meta', 'byline')}'>{p.pick(*NAMES)} · {rng.randint(1, 28)}.{rng.randint(1, 12)}.2025</div>"
          f"<div class='{p.pick('entry-content', 'post-body', 'content')}'>")
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    style = rng.randrange(3)
    for _ in range(rng.randint(2, 4)):
        head = short(rng, p.lang, rng.randint(1, 3)).title()
        p.add(f"<h3>{esc(head)}</h3><ul>", (head,))
        for _ in range(rng.randint(3, 7)):
            href = f"https://{p.pick('example.org', 'blog.example.net', 'news.example.com')}/{rng.randint(100, 99999)}"
            if style == 0:  # a linked title, a dash, a sentence
                name, text = short(rng, p.lang, rng.randint(3, 7)).capitalize(), sentence(rng, p.lang)
                p.add(f"<li><a href='{href}'>{esc(name)}</a> — {esc(text)}</li>", (f"{name} — {text}",))
            elif style == 1:  # a sentence with the link inside it
                markup, text = linked_sentence(p, href)
                p.add(f"<li>{markup}</li>", (text,))
            else:  # a bold linked title, then a sentence after a line break
                name, text = short(rng, p.lang, rng.randint(3, 7)).capitalize(), sentence(rng, p.lang)
                p.add(f"<li><strong><a href='{href}'>{esc(name)}</a></strong><br>{esc(text)}</li>", (name, text))
        p.add("</ul>")
    p.add("</div>" + share_bar(p) + "</article>"
          + f"<aside class='{p.pick('sidebar', 'widget-area', 'rail')}'><h3>{p.pick('Archives', 'Archiv', 'Archivio')}</h3>"
          f"<ul>{links_list(p, 8, 2)}</ul></aside></main>" + newsletter_box(p) + footer_block(p))


def project_update_page(p: Page) -> None:
    """A project's monthly status update: sections of bullets, each a sentence with inline links, and a thanks line."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><div class='{p.pick('blog-post', 'post', 'article')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='{p.pick('meta', 'posted', 'dateline')}'>{p.pick('Posted by', 'Von', 'Di')} {p.pick(*NAMES)} · {p.pick('March', 'April', 'May')} 2025</p>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    heads = rng.sample(["Highlights", "Performance", "Accessibility", "Developer tools", "Community", "Fixes",
                        "Neuigkeiten", "Novità"], rng.randint(2, 4))
    for head in heads:
        p.add(f"<h2>{esc(head)}</h2><ul>", (head,))
        for _ in range(rng.randint(2, 6)):
            markup, text = linked_sentence(p, f"https://bugs.example.org/show_bug.cgi?id={rng.randint(100000, 1999999)}")
            if rng.random() < 0.4:  # a credit with a linked contributor
                who, thanks_word = p.pick(*NAMES), p.pick("thanks to", "danke an", "grazie a")
                markup += f" ({thanks_word} <a href='/u/{who.split()[0].lower()}'>{esc(who)}</a>)"
                text += f" ({thanks_word} {who})"
            p.add(f"<li>{markup}</li>", (text,))
        p.add("</ul>")
    helpers = rng.sample(NAMES, 4)
    thanks = f"{p.pick('Thanks to everyone who contributed this month', 'Danke an alle, die diesen Monat beigetragen haben')}: " + ", ".join(helpers) + "."
    p.add(f"<p>{esc(thanks.split(':')[0])}: " + ", ".join(f"<a href='/u/{h.split()[0].lower()}'>{esc(h)}</a>" for h in helpers)
          + ".</p>", (thanks,))
    p.add("</div>" + p.pick(
        "<section id='comments' class='comments-area'><h3>Comments are closed.</h3></section>",
        f"<div class='post-tags'>Tags: {links_list(p, 3, 1)}</div>",
        "") + f"<aside class='{p.pick('sidebar', 'secondary')}'><h3>{p.pick('Recent posts', 'Neueste Beiträge')}</h3>"
          f"<ul>{links_list(p, 6, 5)}</ul></aside></main>" + footer_block(p))


def promo_story_page(p: Page) -> None:
    """A news story interleaved with "Related:"/"Read more:" lines, an in-body promo box and a "Powered by" line."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><article><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('byline', 'meta', 'story-meta')}'>{p.pick('By', 'Von', 'Di')} {p.pick(*NAMES)}, {p.pick('CNN', 'Reuters', 'staff')}</div>"
          + share_bar(p) + f"<div class='{p.pick('story-body', 'zn-body', 'article-text')}'>")
    n = rng.randint(5, 9)
    promo_at = rng.randint(2, n - 2)
    for k in range(n):
        text = paragraph(rng, p.lang, 1, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if k in (1, n - 3) or rng.random() < 0.2:
            label = p.pick("Related:", "Read more:", "READ MORE:", "Lesen Sie auch:", "Leggi anche:", "Related Article:")
            link = short(rng, p.lang, rng.randint(5, 10)).capitalize()
            tag = p.pick("p", "div", "p")
            p.add(f"<{tag}><strong>{label}</strong> <a href='/2025/{rng.randint(1, 12)}/{rng.randint(1000, 9999)}'>{esc(link)}</a></{tag}>")
        if k == promo_at:
            p.add(p.pick(
                "<div class='promo-box'><img src='/app.png' alt=''><h4>Get the app</h4><p>Breaking news on your phone, "
                "wherever you are. Download it free for iOS and Android.</p><a class='button' href='/app'>Download now</a></div>",
                f"<aside class='{p.pick('inline-promo', 'callout', 'box')}'><p><strong>{p.pick('Try it free', 'Jetzt gratis testen')}</strong> — "
                f"{esc(short(rng, p.lang, 8))}, {p.pick('no credit card needed.', 'ohne Kreditkarte.')}</p><a href='/signup'>"
                f"{p.pick('Start your trial', 'Jetzt starten')}</a></aside>",
                "<div class='ad-slot'><p>Advertisement</p><div class='card'><a href='/shop'><img src='/p.jpg' alt=''>"
                "<span>Shop the look: linen shirts from 29 euro</span></a></div></div>"))
    p.add("</div>" + p.pick("<p class='powered'>Powered by <a href='/wire'>NewsWire</a></p>",
                            "<div class='source'>Powered by Frankly</div>", "")
          + "</article>" + related_block(p) + "</main>" + newsletter_box(p) + footer_block(p))


def dataset_landing_page(p: Page) -> None:
    """A data catalogue entry: a description, a metadata panel, resources with download buttons, a citation box."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><div class='{p.pick('dataset', 'package', 'record')}'><h1>{esc(short(rng, p.lang, rng.randint(3, 6)).title())}</h1>"
          f"<div class='{p.pick('publisher', 'org', 'source')}'>{p.pick('Published by', 'Herausgeber', 'Pubblicato da')} "
          f"{p.pick('City of Norda', 'Statistics Office', 'Harbour Authority')}</div>")
    desc_head = p.pick("Description", "Beschreibung", "Descrizione", "About this dataset")
    p.add(f"<h2>{desc_head}</h2>")
    for _ in range(rng.randint(1, 3)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
    if rng.random() < 0.6:
        items = [sentence(rng, p.lang) for _ in range(rng.randint(2, 4))]
        p.add("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>", tuple(items))
    rows = [("License", p.pick("CC BY 4.0", "ODbL", "CC0")), ("Updated", f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2025"),
            ("Format", p.pick("CSV, JSON", "GeoJSON", "XLSX, CSV")), ("Size", f"{rng.randint(1, 900)} MB"),
            ("Frequency", p.pick("Monthly", "Weekly", "Annual"))]
    p.add(p.pick(
        "<table class='metadata'>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>",
        "<dl class='additional-info'>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>",
        "<div class='meta-panel'>" + "".join(f"<div><span>{k}:</span> <span>{v}</span></div>" for k, v in rows) + "</div>"))
    files = "".join(f"<li class='resource-item'><span class='format'>{p.pick('CSV', 'JSON', 'PDF')}</span> "
                    f"<a href='/d/{rng.randint(1, 999)}'>{esc(short(rng, p.lang, 3))}_{2020 + k}.csv</a> "
                    f"<a class='btn' href='/d/{rng.randint(1, 999)}/download'>{p.pick('Download', 'Herunterladen', 'Scarica')}</a></li>"
                    for k in range(rng.randint(2, 5)))
    p.add(f"<section class='resources'><h2>{p.pick('Data and resources', 'Daten und Ressourcen', 'Risorse')}</h2><ul>{files}</ul></section>"
          f"<div class='{p.pick('citation', 'cite-box', 'how-to-cite')}'><h3>{p.pick('Cite this dataset', 'Zitieren')}</h3>"
          f"<pre>{p.pick(*NAMES)} (2025). {esc(short(rng, p.lang, 4))}. doi:10.{rng.randint(1000, 9999)}/{rng.randint(10000, 99999)}</pre></div>"
          "</div>" + f"<aside class='{p.pick('sidebar', 'related-datasets')}'><h3>{p.pick('Similar datasets', 'Ähnliche Datensätze')}</h3>"
          f"<ul>{links_list(p, 4, 4)}</ul></aside></main>" + footer_block(p))


def help_article_page(p: Page) -> None:
    """A help-centre article: steps, a note, "was this helpful?" in several markups, a contact box, related articles."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><article class='{p.pick('article', 'kb-article', 'help-article')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('article-meta', 'updated', 'meta')}'>{p.pick('Updated', 'Aktualisiert')} "
          f"{rng.randint(1, 11)} {p.pick('days', 'months')} ago</div><div class='{p.pick('article-body', 'content', 'kb-body')}'>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    for _ in range(rng.randint(1, 3)):
        head = short(rng, p.lang, rng.randint(2, 5)).capitalize()
        p.add(f"<h2>{esc(head)}</h2>", (head,))
        steps = [sentence(rng, p.lang) for _ in range(rng.randint(3, 6))]
        p.add("<ol>" + "".join(f"<li>{esc(s)}</li>" for s in steps) + "</ol>", tuple(steps))
        if rng.random() < 0.5:
            note = p.pick("Note:", "Hinweis:", "Nota:") + " " + sentence(rng, p.lang)
            p.add(f"<div class='{p.pick('note', 'callout', 'alert alert-info')}'><p>{esc(note)}</p></div>", (note,))
    votes = rng.randint(3, 400)
    p.add("</div>" + p.pick(
        f"<div class='article-votes'><span class='article-votes-question'>Was this article helpful?</span> "
        f"<button class='article-vote-up'>Yes</button> <button class='article-vote-down'>No</button>"
        f"<small class='article-votes-count'>{votes} out of {votes + rng.randint(0, 90)} found this helpful</small></div>",
        f"<div class='{p.pick('feedback', 'helpfulness', 'rate-this')}'><p>{p.pick('Did this answer your question?', 'War dieser Artikel hilfreich?', 'Questo articolo ti è stato utile?')}</p>"
        "<a href='#' role='button'>😞</a> <a href='#' role='button'>😐</a> <a href='#' role='button'>😃</a></div>",
        f"<form class='was-helpful'><fieldset><legend>{p.pick('Was this page helpful?', 'Foi útil?', 'Is dit nuttig?')}</legend>"
        "<label><input type='radio' name='h'> Yes</label> <label><input type='radio' name='h'> No</label></fieldset></form>")
          + f"<div class='{p.pick('contact-box', 'support-cta', 'box')}'><h3>{p.pick('Still need help?', 'Noch Fragen?', 'Serve aiuto?')}</h3>"
          f"<p>{p.pick('Our support team answers within one working day.', 'Unser Team antwortet innerhalb eines Werktags.')}</p>"
          f"<a class='button' href='/contact'>{p.pick('Contact us', 'Kontakt')}</a></div></article>"
          f"<aside class='{p.pick('related-articles', 'sidebar', 'article-relatives')}'><h3>{p.pick('Related articles', 'Verwandte Artikel', 'Articoli correlati')}</h3>"
          f"<ul>{links_list(p, 5, 6)}</ul></aside></main>" + footer_block(p))


ROUND20_FAMILIES = {"link_roundup_page": link_roundup_page, "project_update_page": project_update_page,
                    "promo_story_page": promo_story_page, "dataset_landing_page": dataset_landing_page,
                    "help_article_page": help_article_page}

"""Generated web pages with gold article text: an HTML benchmark set nobody tuned on.

    python benchmarks/html_pages.py OUT.jsonl [--n 150] [--seed 11] [--unseen | --round6 | ... | --round22 | --round26]

Each page is one of several site families (news, blog with comments, MediaWiki,
Fandom, forum thread, magazine with Taboola/Outbrain widgets, docs/recipe pages
with tables and lists), in one of several languages, with the page furniture
real sites have: navigation, header, cookie banner, share bar, byline and
date, figures with captions, "read more" teasers inside the body, related
links, newsletter boxes, comments, recommendation widgets, footers. Class
names are drawn from several synonyms per kind, and some furniture carries no
telling class at all, so that an extractor keyed to one vocabulary does not
pass by luck.

The gold is what a corpus wants from the page: the article's paragraphs,
its sub-headings, lists, tables and quotes; never the headline, byline, date,
captions, navigation, teasers, widgets, comments or footers (the convention
of the Scrapinghub benchmark's gold). Records have the benchmark's fields:
``id``, ``html``, ``gold_text``, ``naive_text`` (bs4 text of the page).

Written once, before the extractor was changed against it; the extractor's
author wrote both, so the furniture vocabulary is not independent of his
knowledge (see benchmarks/RESULTS-html.md). ``--unseen`` gives the families
added later (:data:`UNSEEN_FAMILIES`: article parts in cousin wrappers, teaser
rails and comment threads longer than the article, galleries, live blogs,
Drupal and Ghost markup; Italian, Portuguese and Dutch too), measured once and
never tuned on: ``benchmarks/extraction.py`` reports them as an out-of-sample set.
``--round6`` gives round 6's page-type families (recipes, event listings, job posts,
Q&A, release notes; studied from round 7 on), ``--round7`` round 7's (glossaries,
comparison tables, podcast episodes, government notices; studied from round 8 on),
``--round8`` round 8's (fan-wiki pages with infoboxes and navboxes, blog posts beside
sidebar widgets, single events' pages, accordion FAQs; studied from round 9 on), ``--round9``
round 9's (product pages with tabs, step-by-step service guides, course syllabi, conference
talks, tutorials with code tabs, all with content in closed panels hidden in several idioms
and hidden chrome beside it; written before round 9 changed the extractor; still read as totals
only in round 10), ``--round10`` round 10's (recipes with Reviews and Questions tabs, holiday rentals,
plugin directory pages, API references with request samples in tabs, restaurants with reviews
and Q&A: users' posts in several markups beside or inside the page's panels; written before
round 10 changed the extractor, never tuned on), ``--round11`` round 11's (FAQs closed in new idioms,
``aria-hidden`` alone among them, GOV.UK guides, product pages with undated reviews and questions in
collapsibles, magazine long-reads with pull quotes and galleries, museum objects in Foundation's tabs;
written before round 11 changed the extractor, never tuned on), ``--round12`` round 12's (archive and
catalogue records with tabbed descriptions in five tab libraries, product pages of five other shop
systems, encyclopedia entries with infoboxes and references, academic abstracts, news stories split
over pages; written before round 12 changed the extractor, never tuned on), ``--round13`` round 13's
(documentation pages beside a sidebar table of contents, recipe blogs with a jump-to-recipe card, forum
threads of four engines whose first post is the content, obituaries on funeral homes' sites, AMP news
pages; written before round 13 changed the extractor, never tuned on), ``--round14`` round 14's (press
releases with an "About X" paragraph and media contacts, long-form interviews in Q/A turns, local council minutes,
travel guides with "getting there" boxes and booking cards, podcast episodes with a speaker-labelled transcript;
written before round 14 changed the extractor, never tuned on), ``--round15`` round 15's (patents, product
reviews, match reports and live pages, statutes, footnoted essays: ``benchmarks/html_pages_round15.py``, its
gold convention in that module's docstring; written before round 15 changed the extractor, never tuned on),
``--round16`` round 16's (how-to guides, newsletter issues, research papers as HTML, property listings, code
repositories' pages: ``benchmarks/html_pages_round16.py``, its gold convention in that module's docstring;
written before round 16 changed the extractor; seed 79 held out, seed 83 studied), ``--round17`` round 17's (poems,
petitions, crowdfunding campaigns, mailing-list archive messages, hiking routes: ``benchmarks/html_pages_round17.py``;
written before round 17 changed the extractor; seed 89 held out, seed 97 studied), ``--round18`` round 18's (court
rulings, photo essays, archived email newsletters, dictionary entries, fan-fiction chapters:
``benchmarks/html_pages_round18.py``; written before round 18 changed the extractor; seed 101 held out, seed 103 studied),
``--round19`` round 19's (paywalled teasers, accordion/tab explainers, buying guides, health-condition pages, timelines;
``benchmarks/html_pages_round19.py``; written before round 19 changed the extractor; seed 107 held out, seed 109 studied).
``--round20`` round 20's (link roundups, project status updates, stories with in-body promotions, data-set landing pages,
help-centre articles; ``benchmarks/html_pages_round20.py``; written before round 20 changed the extractor; seed 113 held
out, seed 127 studied). ``--round21`` round 21's (right-to-left news, "continue reading" expander stories, forum threads
with signatures and quotes, chronologies, stories with widgets; ``benchmarks/html_pages_round21.py``; written before
round 21 changed the extractor; seed 131 held out, seed 137 studied). ``--round22`` round 22's (infinite-scroll stories with
the next stories appended, pages under a shown consent or sign-up overlay, translated pages with a language switcher,
search-optimised blog posts, video watch pages; ``benchmarks/html_pages_round22.py``; written before round 22 changed the
extractor; seed 149 held out, seed 151 studied). ``--round26`` round 26's (app-store listings, Chinese / Japanese /
Korean news between vertical ad rails, local government meeting agendas, marketplace classified ads, weather forecast
pages with written periods and a forecaster's discussion; ``benchmarks/html_pages_round26.py``, its gold convention in
that module's docstring; written before round 26 changed the extractor; seed 173 held out, seed 175 studied).
"""
from __future__ import annotations

import argparse
import html as html_lib
import json
import random
import sys
from dataclasses import dataclass, field

# --------------------------------------------------------------------------- #
# Text: sentences from small per-language vocabularies
# --------------------------------------------------------------------------- #

VOCAB = {
    "en": ("council harbour engineers residents budget bridge station river museum festival school "
           "hospital farmers market weather storm library railway project report survey village "
           "mayor teachers students volunteers researchers company workers factory coast road",
           "approved delayed announced rebuilt visited described opened studied funded questioned "
           "expected reported measured repaired planned welcomed criticised confirmed",
           "new old local regional small large public early late difficult careful second final",
           "on Monday, after a long debate, in the spring, according to officials, despite the rain, "
           "for the first time, within two years, across the valley, at the northern end"),
    "de": ("Gemeinderat Hafen Ingenieure Bewohner Haushalt Brücke Bahnhof Fluss Museum Schule "
           "Krankenhaus Bauern Markt Wetter Bibliothek Projekt Bericht Dorf Bürgermeister Forscher",
           "beschloss verschob kündigte baute besuchte beschrieb öffnete untersuchte plante bestätigte",
           "neue alte lokale kleine große öffentliche frühe späte schwierige zweite letzte",
           "am Montag, nach langer Debatte, im Frühjahr, laut Behörden, trotz des Regens, "
           "zum ersten Mal, innerhalb von zwei Jahren, am nördlichen Ende"),
    "fr": ("conseil port ingénieurs habitants budget pont gare rivière musée festival école hôpital "
           "agriculteurs marché bibliothèque projet rapport village maire enseignants chercheurs",
           "a approuvé a reporté a annoncé a reconstruit a visité a décrit a ouvert a étudié a financé",
           "nouveau ancien local régional petit grand public difficile deuxième dernier",
           "lundi, après un long débat, au printemps, selon les autorités, malgré la pluie, "
           "pour la première fois, dans deux ans, au bout du quai"),
    "es": ("consejo puerto ingenieros vecinos presupuesto puente estación río museo festival escuela "
           "hospital agricultores mercado biblioteca proyecto informe pueblo alcalde investigadores",
           "aprobó retrasó anunció reconstruyó visitó describió abrió estudió financió confirmó",
           "nuevo viejo local regional pequeño grande público difícil segundo último",
           "el lunes, tras un largo debate, en primavera, según las autoridades, pese a la lluvia, "
           "por primera vez, en dos años, al final del muelle"),
    "ru": ("совет порт инженеры жители бюджет мост вокзал река музей фестиваль школа больница "
           "фермеры рынок библиотека проект доклад деревня мэр учителя исследователи",
           "одобрил отложил объявил восстановил посетил описал открыл изучил финансировал подтвердил",
           "новый старый местный региональный малый большой общественный трудный второй последний",
           "в понедельник, после долгих споров, весной, по словам чиновников, несмотря на дождь, "
           "впервые, в течение двух лет, в северной части"),
}
# Languages of the "unseen" families only (written after the extractor's changes
# of the session that added them, and never tuned on).
VOCAB.update({
    "it": ("consiglio porto ingegneri residenti bilancio ponte stazione fiume museo festival scuola "
           "ospedale agricoltori mercato biblioteca progetto rapporto paese sindaco ricercatori",
           "ha approvato ha rinviato ha annunciato ha ricostruito ha visitato ha descritto ha aperto ha finanziato",
           "nuovo vecchio locale regionale piccolo grande pubblico difficile secondo ultimo",
           "lunedì, dopo un lungo dibattito, in primavera, secondo le autorità, nonostante la pioggia, "
           "per la prima volta, entro due anni, alla fine del molo"),
    "pt": ("conselho porto engenheiros moradores orçamento ponte estação rio museu festival escola "
           "hospital agricultores mercado biblioteca projeto relatório aldeia prefeito pesquisadores",
           "aprovou adiou anunciou reconstruiu visitou descreveu abriu estudou financiou confirmou",
           "novo velho local regional pequeno grande público difícil segundo último",
           "na segunda-feira, depois de um longo debate, na primavera, segundo as autoridades, apesar da chuva, "
           "pela primeira vez, em dois anos, no fim do cais"),
    "nl": ("gemeenteraad haven ingenieurs bewoners begroting brug station rivier museum festival school "
           "ziekenhuis boeren markt bibliotheek project rapport dorp burgemeester onderzoekers",
           "keurde uitstelde kondigde herbouwde bezocht beschreef opende onderzocht financierde bevestigde",
           "nieuwe oude lokale regionale kleine grote openbare moeilijke tweede laatste",
           "op maandag, na een lang debat, in het voorjaar, volgens de gemeente, ondanks de regen, "
           "voor het eerst, binnen twee jaar, aan het einde van de kade"),
})
ZH_CHARS = "市议会港口工程师居民预算桥梁车站河流博物馆学校医院农民市场图书馆项目报告村庄市长研究人员今天宣布批准修建计划"


def sentence(rng: random.Random, lang: str) -> str:
    """One plausible sentence (8-30 words, with commas) in ``lang``."""
    if lang == "zh":
        body = "".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(12, 40)))
        cut = rng.randint(4, len(body) - 4)
        return body[:cut] + "，" + body[cut:] + "。"
    nouns, verbs, adjs, phrases = (part.split() if i < 3 else part.split(", ")
                                   for i, part in enumerate(VOCAB[lang]))
    words = []
    for _ in range(rng.randint(2, 4)):
        words += [rng.choice(adjs), rng.choice(nouns), rng.choice(verbs)]
        if rng.random() < 0.6:
            words.append(rng.choice(phrases) + ",")
    words += [rng.choice(adjs), rng.choice(nouns)]
    text = " ".join(words).rstrip(",")
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, lang: str, lo: int = 2, hi: int = 5) -> str:
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(lo, hi)))


def title(rng: random.Random, lang: str) -> str:
    words = sentence(rng, lang).rstrip(".。").split()
    return " ".join(words[: rng.randint(5, 9)]) if lang != "zh" else sentence(rng, lang)[:14]


def short(rng: random.Random, lang: str, n: int = 6) -> str:
    s = sentence(rng, lang).rstrip(".。")
    return " ".join(s.split()[:n]) if lang != "zh" else s[:10]


def esc(text: str) -> str:
    return html_lib.escape(text, quote=False)


# --------------------------------------------------------------------------- #
# A page is built as a list of (html, gold lines)
# --------------------------------------------------------------------------- #


@dataclass
class Page:
    rng: random.Random
    lang: str
    parts: list[str] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    # Users' posts the page holds that its family's gold leaves out (round 13's forum replies), kept so that
    # the page can also be scored under the every-post convention (extraction.py's "every post" set).
    posts: list[str] = field(default_factory=list)

    def add(self, markup: str, gold: tuple[str, ...] = ()) -> None:
        self.parts.append(markup)
        self.gold.extend(gold)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)


def body_blocks(p: Page, n_paras: int) -> None:
    """The article body: paragraphs plus (sometimes) sub-headings, lists, quotes,
    tables, inline figures, in-body teasers and ad slots."""
    rng, lang = p.rng, p.lang
    for k in range(n_paras):
        text = paragraph(rng, lang)
        if rng.random() < 0.3:  # inline markup inside a paragraph
            words = text.split(" ")
            if len(words) > 6:
                i = rng.randint(1, len(words) - 3)
                words[i] = f"<a href='/topic/{k}'>{esc(words[i])}</a>"
                words[i + 1] = f"<em>{esc(words[i + 1])}</em>"
                p.add("<p>" + " ".join(w if w.startswith("<") else esc(w) for w in words) + "</p>", (text,))
                continue
        p.add(f"<p>{esc(text)}</p>", (text,))
        r = rng.random()
        if k == 1 and r < 0.5:
            cap = sentence(rng, lang)
            credit = p.pick("Photo: ", "Foto: ", "Image: ", "Credit: ") + short(rng, lang, 3)
            p.add(p.pick(
                f"<figure class='{p.pick('wp-caption', 'image', 'media', 'photo-block')}'><img src='/i{k}.jpg' alt=''>"
                f"<figcaption>{esc(cap)} <span class='{p.pick('credit', 'byline', 'source')}'>{esc(credit)}</span></figcaption></figure>",
                f"<div class='{p.pick('image-caption', 'caption', 'photo-caption')}'><img src='/i{k}.jpg'>"
                f"<p>{esc(cap)}</p></div>",
            ))
        elif k == 2 and r < 0.4:
            teaser = short(rng, lang, 7)
            p.add(p.pick(
                f"<p><strong>{p.pick('Read more', 'Also read', 'See also', 'Lesen Sie auch', 'À lire aussi')}:</strong> "
                f"<a href='/story/{rng.randint(1, 9999)}'>{esc(teaser)}</a></p>",
                f"<div class='{p.pick('inline-related', 'read-more', 'story-teaser')}'><a href='/s'>{esc(teaser)}</a></div>",
            ))
        elif k == 3 and r < 0.4:
            p.add(p.pick("<div class='ad-slot'><span>Advertisement</span></div>",
                         "<div class='adsbygoogle' id='ad-300'>Advertisement</div>",
                         "<div class='dfp-ad'><p>Anzeige</p></div>",
                         "<div class='mid-article'><span>ADVERTISEMENT</span></div>"))
        elif k == 2 and r < 0.6:
            head = short(rng, lang, 5)
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        elif k == 3 and r < 0.55:
            items = [short(rng, lang, rng.randint(4, 9)) for _ in range(rng.randint(3, 5))]
            tag = p.pick("ul", "ol")
            p.add(f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>", tuple(items))
        elif k == 4 and r < 0.3:
            q = sentence(rng, lang)
            p.add(f"<blockquote><p>{esc(q)}</p></blockquote>", (q,))
        elif k == 4 and r < 0.5:
            rows = [[short(rng, lang, 2) for _ in range(3)] for _ in range(rng.randint(3, 5))]
            p.add("<table><tbody>" + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                                             for row in rows) + "</tbody></table>",
                  tuple(c for row in rows for c in row))


def links_list(p: Page, n: int, words: int = 6) -> str:
    return "".join(f"<li><a href='/a/{p.rng.randint(1, 99999)}'>{esc(short(p.rng, p.lang, words))}</a></li>"
                   for _ in range(n))


def site_header(p: Page) -> str:
    nav = "".join(f"<a href='/{w}'>{w}</a> " for w in p.rng.sample(
        ["News", "Politics", "Business", "Sport", "Culture", "Opinion", "Science", "Travel", "Video"], 6))
    return p.pick(
        f"<header class='site-header'><a class='logo' href='/'>The Daily Tide</a><nav class='main-nav'>{nav}</nav></header>",
        f"<div id='masthead'><div class='brand'>Valley Courier</div><ul class='menu'>{links_list(p, 6, 1)}</ul></div>",
        f"<div class='top'><div>Northern Post</div><div>{nav}</div></div>",  # no telling class
    )


def cookie_banner(p: Page) -> str:
    return p.pick(
        "<div class='cookie-consent'>We use cookies to personalise content and ads. <button>Accept</button></div>",
        "<div id='gdpr-banner'><p>This site uses cookies. By continuing you agree to our use of cookies.</p></div>",
        "",
    )


def share_bar(p: Page) -> str:
    return p.pick(
        "<div class='share-buttons'><a href='#'>Facebook</a> <a href='#'>Twitter</a> <a href='#'>Email</a></div>",
        "<ul class='social-links'><li><a href='#'>Share</a></li><li><a href='#'>Tweet</a></li><li><a href='#'>Pin</a></li></ul>",
        "<div class='tools'><a href='#'>Share</a> <a href='#'>Print</a> <a href='#'>Save</a></div>",
    )


def byline_block(p: Page) -> str:
    who = p.pick("Lena Okafor", "Piet Vermeer", "Ana Souza", "Marek Nowak", "Yuki Tanaka")
    return p.pick(
        f"<div class='byline'>By <a rel='author' href='/a'>{who}</a></div><time datetime='2024-03-04'>4 March 2024</time>",
        f"<p class='article-meta'><span class='author'>{who}</span> · <span class='date'>12.05.2023, 14:10</span></p>",
        f"<div class='post-info'>Posted by {who} on June 3, 2022</div>",
    )


def related_block(p: Page) -> str:
    head = p.pick("Related stories", "More from News", "You may also like", "Mehr zum Thema", "Sur le même sujet")
    return p.pick(
        f"<section class='related-articles'><h3>{head}</h3><ul>{links_list(p, 4)}</ul></section>",
        f"<div class='more-stories'><h4>{head}</h4>{links_list(p, 5)}</div>",
        f"<div class='box'><h3>{head}</h3><ul>{links_list(p, 4, 9)}</ul></div>",  # no telling class
    )


def recommendation_widget(p: Page) -> str:
    items = "".join(f"<div class='{p.pick('trc_spotlight_item', 'ob-dynamic-rec-container')}'><a href='/x'>"
                    f"<span>{esc(short(p.rng, 'en', 8))}</span><span>Sponsored | BrandNews</span></a></div>"
                    for _ in range(4))
    return p.pick(
        f"<div id='taboola-below-article-thumbnails' class='trc_related_container'><div>Promoted Links</div>{items}</div>",
        f"<div class='OUTBRAIN' data-widget-id='AR_1'><div class='ob-widget-header'>Recommended by</div>{items}</div>",
    )


def newsletter_box(p: Page) -> str:
    return p.pick(
        "<div class='newsletter-signup'><h3>Get our morning briefing</h3><p>Sign up for the newsletter, "
        "delivered every weekday, free.</p><input type='email'><button>Subscribe</button></div>",
        "<aside class='promo'><p>Subscribe now: your first month for just 1 euro, cancel anytime.</p></aside>",
    )


def comments_block(p: Page, n: int) -> str:
    items = "".join(
        f"<li class='{p.pick('comment', 'comment-item')}'><div class='comment-author'>{p.pick('jo_b', 'Hans', 'marie75')}</div>"
        f"<div class='comment-body'><p>{esc(paragraph(p.rng, p.lang, 1, 2))}</p></div><a href='#'>Reply</a></li>"
        for _ in range(n))
    return p.pick(
        f"<section id='comments' class='comments-area'><h2>{n} Comments</h2><ol class='comment-list'>{items}</ol></section>",
        f"<div id='disqus_thread'><ul>{items}</ul></div>",
        f"<div class='responses'><h3>Responses</h3><ul>{items}</ul></div>",
    )


def footer_block(p: Page) -> str:
    return p.pick(
        f"<footer class='site-footer'><ul>{links_list(p, 5, 2)}</ul><p>© 2024 The Daily Tide. All rights reserved.</p></footer>",
        f"<div id='footer'><p>Copyright 2023 Valley Courier Media Group. Contact · Privacy · Terms</p></div>",
        f"<div class='bottom'><p>© Northern Post 2022</p>{links_list(p, 4, 2)}</div>",
    )


def sidebar_block(p: Page) -> str:
    return p.pick(
        f"<aside class='sidebar'><h3>Most read</h3><ol>{links_list(p, 5)}</ol></aside>",
        f"<div class='col-right widget-area'><h3>Popular</h3><ul>{links_list(p, 5)}</ul></div>",
        f"<div class='rail'><h3>Trending now</h3><ul>{links_list(p, 6)}</ul></div>",
    )


# --------------------------------------------------------------------------- #
# Site families
# --------------------------------------------------------------------------- #


def news(p: Page) -> None:
    rng = p.rng
    p.add(site_header(p) + cookie_banner(p))
    p.add(p.pick("<main>", "<div id='content' class='container'>", "<div class='page-wrap'>"))
    p.add(f"<article class='{p.pick('story', 'article', 'news-item', 'post')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>")
    if rng.random() < 0.7:
        p.add(f"<p class='{p.pick('standfirst', 'lead', 'summary')}'>{esc(sentence(rng, p.lang))}</p>")
    p.add(byline_block(p) + share_bar(p))
    p.add(f"<div class='{p.pick('article-body', 'story-body', 'entry-content', 'text')}'>")
    body_blocks(p, rng.randint(4, 12))
    p.add("</div>")
    if rng.random() < 0.5:
        p.add(f"<p class='{p.pick('tags', 'topics')}'>Topics: <a href='/t/1'>Harbour</a>, <a href='/t/2'>Council</a></p>")
    p.add(share_bar(p) + "</article>")
    if rng.random() < 0.6:
        p.add(related_block(p))
    if rng.random() < 0.5:
        p.add(recommendation_widget(p))
    if rng.random() < 0.4:
        p.add(comments_block(p, rng.randint(2, 6)))
    p.add(sidebar_block(p) + p.pick("</main>", "</div>", "</div>") + footer_block(p))


def blog(p: Page) -> None:
    rng = p.rng
    p.add(f"<div id='page' class='site'><header id='masthead' class='site-header'><p class='site-title'>"
          f"<a href='/'>Notes from the Valley</a></p><nav id='site-navigation'>{links_list(p, 5, 1)}</nav></header>")
    p.add("<div id='primary' class='content-area'><main id='main'>")
    p.add(f"<article id='post-{rng.randint(1, 9999)}' class='post type-post status-publish hentry'>"
          f"<header class='entry-header'><h1 class='entry-title'>{esc(title(rng, p.lang))}</h1>"
          f"<div class='entry-meta'><span class='posted-on'>March 4, 2024</span></div></header>"
          f"<div class='entry-content'>")
    body_blocks(p, rng.randint(3, 9))
    p.add(f"<div class='sharedaddy sd-sharing-enabled'><h3>Share this:</h3>{share_bar(p)}</div>"
          f"<div class='jp-relatedposts'><h3>Related</h3>{links_list(p, 3)}</div>")
    p.add("</div><footer class='entry-footer'><span class='cat-links'>Posted in <a href='/c'>Travel</a></span>"
          "</footer></article>")
    p.add(f"<nav class='post-navigation'><a href='/prev'>← {esc(short(rng, p.lang, 5))}</a>"
          f"<a href='/next'>{esc(short(rng, p.lang, 5))} →</a></nav>")
    p.add(comments_block(p, rng.randint(1, 8)))
    p.add("</main></div>" + f"<div id='secondary' class='widget-area'><section class='widget'><h2>Archives</h2>"
          f"<ul>{links_list(p, 6, 2)}</ul></section></div>" + footer_block(p) + "</div>")


def mediawiki(p: Page, fandom: bool = False) -> None:
    rng = p.rng
    if fandom:
        p.add(f"<div class='fandom-community-header'><a href='/'>Starfall Wiki</a><nav>{links_list(p, 5, 1)}</nav></div>"
              "<div class='global-navigation'><a href='/f'>FANDOM</a> <a href='/g'>Games</a> <a href='/m'>Movies</a></div>")
    else:
        p.add(f"<div id='mw-navigation'><div id='p-navigation' role='navigation'><ul>{links_list(p, 6, 2)}</ul></div></div>")
    p.add("<div id='content' class='mw-body' role='main'>")
    p.add(f"<h1 id='firstHeading' class='firstHeading'>{esc(title(rng, p.lang))}</h1>")
    p.add("<div id='bodyContent' class='vector-body'><div id='siteSub'>From Wikipedia, the free encyclopedia</div>"
          "<div id='contentSub'></div><div id='mw-content-text' class='mw-body-content'><div class='mw-parser-output'>")
    if rng.random() < 0.6:
        rows = "".join(f"<tr><th>{esc(short(rng, p.lang, 1))}</th><td>{esc(short(rng, p.lang, 3))}</td></tr>" for _ in range(5))
        p.add(f"<table class='infobox'><tbody>{rows}</tbody></table>")
    if rng.random() < 0.4:
        p.add("<div role='note' class='hatnote navigation-not-searchable'>For other uses, see "
              "<a href='/d'>Harbour (disambiguation)</a>.</div>")
    n = rng.randint(4, 10)
    first = paragraph(rng, p.lang)
    p.add(f"<p>{esc(first)}</p>", (first,))
    p.add("<div id='toc' class='toc' role='navigation'><div class='toctitle'><h2>Contents</h2></div><ul>"
          + "".join(f"<li class='toclevel-1'><a href='#s{i}'><span class='tocnumber'>{i}</span> "
                    f"<span class='toctext'>Section {i}</span></a></li>" for i in range(1, 5)) + "</ul></div>")
    for s in range(rng.randint(2, 4)):
        head = short(rng, p.lang, 3)
        p.add(f"<h2><span class='mw-headline' id='s{s}'>{esc(head)}</span><span class='mw-editsection'>"
              f"<span class='mw-editsection-bracket'>[</span><a href='/edit'>edit</a>"
              f"<span class='mw-editsection-bracket'>]</span></span></h2>", (head,))
        body_blocks(p, max(1, n // 3))
    p.add("<h2><span class='mw-headline' id='References'>References</span></h2><div class='reflist'><ol class='references'>"
          + "".join(f"<li id='cite_note-{i}'><span class='mw-cite-backlink'><a href='#r'>^</a></span> "
                    f"<span class='reference-text'>Smith, J. ({2000 + i}). <i>Harbour studies</i>. p. {i * 7}.</span></li>"
                    for i in range(rng.randint(3, 8))) + "</ol></div>")
    p.add(f"<div role='navigation' class='navbox'><table><tr><th>Ports of the region</th><td>{links_list(p, 8, 1)}</td></tr></table></div>")
    p.add("</div></div><div id='catlinks' class='catlinks'>Categories: <a href='/c1'>Harbours</a> | <a href='/c2'>Towns</a></div></div></div>")
    if fandom:
        p.add(f"<div class='fandom-sticky-header'></div><div id='WikiaRail'><h2>Popular pages</h2>{links_list(p, 5, 3)}</div>"
              "<footer class='global-footer'><p>Community content is available under CC-BY-SA unless otherwise noted.</p></footer>")
    else:
        p.add("<div id='footer' role='contentinfo'><ul id='footer-info'><li id='footer-info-lastmod'>This page was last "
              "edited on 3 March 2024, at 10:12.</li><li>Text is available under the Creative Commons "
              "Attribution-ShareAlike License.</li></ul></div>")


def forum(p: Page) -> None:
    """A forum thread: the gold is the opening post; replies are comments."""
    rng = p.rng
    p.add(f"<div class='forum-header'><a href='/'>Harbour Forum</a> » <a href='/f/1'>General</a></div>"
          f"<h1 class='thread-title'>{esc(title(rng, p.lang))}</h1>")
    p.add(f"<div class='post first-post' id='p1'><div class='postprofile'><b>river_rat</b><br>Posts: 412"
          f"</div><div class='postbody'><div class='content'>")
    for _ in range(rng.randint(2, 5)):
        t = paragraph(rng, p.lang)
        p.add(f"{esc(t)}<br><br>", (t,))
    p.add("</div><div class='signature'>-- sent from my boat</div></div></div>")
    for i in range(rng.randint(3, 8)):
        p.add(f"<div class='post reply' id='p{i + 2}'><div class='postprofile'><b>user{i}</b></div>"
              f"<div class='postbody'><blockquote>{esc(short(rng, p.lang, 8))}</blockquote>"
              f"<div class='content'>{esc(paragraph(rng, p.lang, 1, 3))}</div></div></div>")
    p.add(f"<div class='pagination'>Page 1 of 3 <a href='?p=2'>2</a> <a href='?p=3'>3</a> <a href='?p=2'>Next</a></div>"
          + footer_block(p))


def magazine(p: Page) -> None:
    """A long-read with pull quotes, galleries and lots of widgets, loosely labelled."""
    rng = p.rng
    p.add(site_header(p))
    p.add(f"<div class='hero'><h1>{esc(title(rng, p.lang))}</h1><p class='dek'>{esc(sentence(rng, p.lang))}</p>"
          f"<div class='hero-image'><img src='/h.jpg'><span class='photo-credit'>Photograph: Agency</span></div></div>")
    p.add(byline_block(p))
    sections = rng.randint(2, 4)
    p.add("<div class='longform'>")
    for s in range(sections):
        p.add(f"<section class='longform-section'><div class='col'>")
        body_blocks(p, rng.randint(2, 5))
        p.add("</div></section>")
        if s < sections - 1:
            p.add(p.pick(f"<aside class='pullquote'><p>{esc(sentence(rng, p.lang))}</p></aside>",
                         f"<div class='gallery'><div class='slide'><img src='/g.jpg'><p>{esc(sentence(rng, p.lang))}</p></div></div>",
                         newsletter_box(p)))
    p.add("</div>")
    p.add(recommendation_widget(p) + related_block(p) + footer_block(p))


def docs_page(p: Page) -> None:
    """A how-to / recipe page: lists and a table are the content; few commas."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='breadcrumbs'><a href='/'>Home</a> › <a href='/g'>Guides</a></div>")
    p.add(f"<div class='main-content'><h1>{esc(title(rng, p.lang))}</h1>")
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    head = short(rng, p.lang, 3)
    items = [short(rng, p.lang, rng.randint(3, 8)) for _ in range(rng.randint(4, 8))]
    p.add(f"<h2>{esc(head)}</h2><ul class='ingredients'>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>",
          (head, *items))
    steps = [sentence(rng, p.lang) for _ in range(rng.randint(3, 7))]
    p.add("<ol class='steps'>" + "".join(f"<li><p>{esc(s)}</p></li>" for s in steps) + "</ol>", tuple(steps))
    rows = [[short(rng, p.lang, 2), str(rng.randint(1, 500)), short(rng, p.lang, 2)] for _ in range(4)]
    p.add("<table class='data'><tr><th>Item</th><th>Value</th><th>Note</th></tr>"
          + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>",
          ("Item", "Value", "Note", *(c for r in rows for c in r)))
    outro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(outro)}</p>", (outro,))
    p.add(f"<div class='rating'>Rate this guide: ★★★★☆ (132 votes)</div></div>{sidebar_block(p)}{footer_block(p)}")


FAMILIES = {"news": news, "blog": blog, "mediawiki": mediawiki,
            "fandom": lambda p: mediawiki(p, fandom=True), "forum": forum, "magazine": magazine, "docs": docs_page}
LANGS = ["en", "en", "en", "de", "fr", "es", "ru", "zh"]


# --------------------------------------------------------------------------- #
# Unseen families: written after this session's extractor changes and measured
# once, never tuned on. Layouts the first families lack: an article split over
# several wrappers (cousins, not siblings), sidebars and comment threads longer
# than the article, teaser rails with prose blurbs, galleries, live blogs,
# Drupal field markup, Ghost-style CMS pages.
# --------------------------------------------------------------------------- #


def teaser_rail(p: Page, n: int) -> str:
    """A rail of teasers with prose blurbs (commas, full sentences): longer than many articles."""
    items = "".join(
        f"<div class='{p.pick('card', 'teaser', 'tile')}'><h3><a href='/s/{p.rng.randint(1, 9999)}'>"
        f"{esc(short(p.rng, p.lang, 7))}</a></h3><p>{esc(sentence(p.rng, p.lang))}</p></div>"
        for _ in range(n))
    return p.pick(f"<div class='rail-right'>{items}</div>", f"<div class='col-4 right'>{items}</div>",
                  f"<section class='stream'>{items}</section>")


def split_news(p: Page) -> None:
    """A news story whose body is cut into parts, each in its own wrapper, with ads and
    a long teaser rail beside it."""
    rng = p.rng
    p.add(site_header(p) + "<div class='layout'><div class='col-8 left'>")
    p.add(f"<h1>{esc(title(rng, p.lang))}</h1>" + byline_block(p))
    parts = rng.randint(2, 4)
    cls = p.pick("body-part", "article-section", "txt-block")
    for k in range(parts):
        p.add(f"<div class='{p.pick('wrap', 'slot', 'row')}'><div class='{cls} {cls}-{k + 1}'>")
        body_blocks(p, rng.randint(1, 4))
        p.add("</div></div>")
        if k < parts - 1:
            p.add(p.pick("<div class='wrap'><div class='ad-container'>Advertisement</div></div>",
                         f"<div class='wrap'><div class='inline-promo'><a href='/x'>{esc(short(rng, p.lang, 6))}</a></div></div>",
                         "<div class='row'><div class='spacer'></div></div>"))
    p.add("</div>" + teaser_rail(p, rng.randint(6, 12)) + "</div>" + footer_block(p))


def ghost_post(p: Page) -> None:
    """A short post on a Ghost/Medium-like CMS with a comment thread several times longer."""
    rng = p.rng
    p.add(f"<header class='gh-head'><a class='gh-head-logo' href='/'>Field Notes</a>"
          f"<nav class='gh-head-menu'>{links_list(p, 4, 1)}</nav></header><main class='site-main'>")
    p.add(f"<article class='article post'><header class='article-header gh-canvas'><h1 class='article-title'>"
          f"{esc(title(rng, p.lang))}</h1><div class='article-byline-meta'>{esc(short(rng, 'en', 2))} · 4 min read</div></header>")
    p.add("<section class='gh-content gh-canvas'>")
    body_blocks(p, rng.randint(2, 4))
    p.add("</section></article>")
    p.add(f"<section class='author-card'><p>{esc(sentence(rng, p.lang))}</p></section>")
    thread = "".join(
        f"<div class='{p.pick('comment', 'cmt', 'reply')}'><span class='{p.pick('name', 'commenter')}'>user{i}</span>"
        f"<p>{esc(paragraph(rng, p.lang, 2, 4))}</p><a href='#r{i}'>Reply</a></div>"
        for i in range(rng.randint(6, 12)))
    p.add(p.pick(f"<div id='comments-section'><h2>Discussion</h2>{thread}</div>",
                 f"<div class='thread'><h2>{rng.randint(6, 40)} replies</h2>{thread}</div>",
                 f"<div id='commento'>{thread}</div>"))
    p.add("</main>" + footer_block(p))


def gallery_story(p: Page) -> None:
    """A photo story: an intro, a gallery of captioned slides, then the text."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='story'><h1>{esc(title(rng, p.lang))}</h1>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p class='intro'>{esc(intro)}</p>", (intro,))
    slides = "".join(
        f"<li class='{p.pick('slide', 'gallery-item', 'carousel-cell')}'><img src='/g{i}.jpg'>"
        f"<div class='{p.pick('desc', 'caption-text', 'slide-text')}'>{esc(sentence(rng, p.lang))}</div>"
        f"<span class='{p.pick('src', 'credit')}'>Foto: {esc(short(rng, p.lang, 2))}</span></li>"
        for i in range(rng.randint(4, 9)))
    p.add(p.pick(f"<div class='gallery'><ul>{slides}</ul><button>Next</button></div>",
                 f"<div class='carousel' data-flickity><ul>{slides}</ul></div>",
                 f"<div class='media-strip'><ul>{slides}</ul></div>"))
    p.add("<div class='story-text'>")
    body_blocks(p, rng.randint(2, 6))
    p.add("</div></div>" + sidebar_block(p) + footer_block(p))


def liveblog(p: Page) -> None:
    """A live blog: timestamped entries, each its own container; all entries are the article."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='live'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='live-status'>LIVE · Updated 14:32</div><div class='entries'>")
    for k in range(rng.randint(4, 9)):
        head = short(rng, p.lang, 5)
        text = paragraph(rng, p.lang, 1, 3)
        p.add(f"<div class='{p.pick('entry', 'post-block', 'update')}' id='e{k}'><time>{14 - k % 10}:{10 + k:02d}</time>"
              f"<h3>{esc(head)}</h3><p>{esc(text)}</p>"
              f"<div class='entry-share'><a href='#'>Share</a> <a href='#'>Copy link</a></div></div>",
              (head, text))
    p.add("</div></div>" + teaser_rail(p, rng.randint(3, 6)) + footer_block(p))


def drupal_node(p: Page) -> None:
    """A Drupal node: field wrappers around the body, taxonomy and node links."""
    rng = p.rng
    p.add(f"<div class='dialog-off-canvas-main-canvas'><div class='region region-header'>{site_header(p)}</div>"
          f"<div class='region region-content'><article class='node node--type-article node--view-mode-full'>"
          f"<h1 class='page-title'><span class='field field--name-title'>{esc(title(rng, p.lang))}</span></h1>"
          f"<div class='node__meta'><span class='field--name-uid'>{esc(short(rng, 'en', 2))}</span></div>"
          f"<div class='node__content'>")
    p.add("<div class='clearfix text-formatted field field--name-body field--type-text-with-summary "
          "field--label-hidden field__item'>")
    body_blocks(p, rng.randint(3, 8))
    p.add("</div>")
    p.add(f"<div class='field field--name-field-tags field--type-entity-reference'><div class='field__label'>Tags</div>"
          f"<div class='field__items'>{links_list(p, 3, 1)}</div></div>")
    p.add(f"<ul class='links inline'><li><a href='/node/1#comment-form'>Add new comment</a></li></ul>"
          f"</div></article></div><div class='region region-sidebar-second'>{teaser_rail(p, rng.randint(4, 8))}</div>"
          f"{footer_block(p)}</div>")


UNSEEN_FAMILIES = {"split_news": split_news, "ghost_post": ghost_post, "gallery_story": gallery_story,
                   "liveblog": liveblog, "drupal_node": drupal_node}
UNSEEN_LANGS = ["en", "en", "it", "pt", "nl", "de", "es"]


# --------------------------------------------------------------------------- #
# Round-6 families (issue 11, page types other than articles): written before
# the round's changes were measured on them, reported as unseen, never tuned on.
# Recipes, event listings with a filter bar, job posts, Q&A with an accepted
# answer, release notes. Their gold follows WCXB's convention for the page type:
# a listing's rows (title, when and where, blurb), a Q&A page's question and
# every answer, a recipe's intro, ingredients and steps.
# --------------------------------------------------------------------------- #


def filter_bar(p: Page) -> str:
    """Filters and sort controls above a list: a form, selects, a count, chips of links with counts."""
    opts = "".join(f"<option>{esc(short(p.rng, p.lang, 2))}</option>" for _ in range(4))
    chips = "".join(f"<a href='?f={i}'>{esc(short(p.rng, p.lang, 1))} ({p.rng.randint(2, 90)})</a> " for i in range(5))
    return p.pick(
        f"<form class='filters'><label>Date <select>{opts}</select></label><label>Type <select>{opts}</select></label>"
        f"<button>Apply</button></form><div class='result-count'>{p.rng.randint(12, 80)} results</div>",
        f"<div class='toolbar'><span>{p.rng.randint(12, 80)} found</span><div class='chips'>{chips}</div>"
        f"<div class='sort'>Sort: <a href='?s=d'>Date</a> <a href='?s=p'>Popular</a></div></div>",
        f"<div class='facets'><div>{chips}</div><select name='order'>{opts}</select></div>",
    )


def pager(p: Page) -> str:
    return p.pick("<nav class='pagination'><a href='?p=1'>1</a> <a href='?p=2'>2</a> <a href='?p=3'>3</a> "
                  "<a href='?p=2'>Next</a></nav>",
                  "<div class='pages'><span>Page 1 of 6</span> <a href='?p=2'>Older</a></div>",
                  "<div class='load-more'><button>Load more</button></div>")


def recipe_page(p: Page) -> None:
    """A recipe post: a story intro, a recipe card (ingredients, steps, nutrition), a jump button, ratings."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='wrap'><div class='post'><h1>{esc(title(rng, p.lang))}</h1>")
    p.add("<div class='post-actions'><a href='#recipe'>Jump to Recipe</a> <a href='#print'>Print Recipe</a></div>")
    for _ in range(rng.randint(1, 3)):
        t = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(t)}</p>", (t,))
    ingredients = [f"{rng.randint(1, 4)} {short(rng, p.lang, rng.randint(2, 5))}" for _ in range(rng.randint(4, 9))]
    steps = [sentence(rng, p.lang) for _ in range(rng.randint(3, 6))]
    cls = p.pick("wprm-recipe", "tasty-recipes", "recipe-card")
    p.add(f"<div id='recipe' class='{cls}'><div class='{cls}-rating'>★★★★★ 4.8 from {rng.randint(5, 300)} votes</div>"
          f"<div class='{cls}-times'>Prep 10 mins · Cook 25 mins · Serves 4</div>"
          f"<h3>Ingredients</h3><ul class='{cls}-ingredients'>"
          + "".join(f"<li>{esc(i)}</li>" for i in ingredients) + "</ul>"
          f"<h3>Instructions</h3><ol class='{cls}-instructions'>"
          + "".join(f"<li>{esc(s)}</li>" for s in steps) + "</ol>"
          f"<div class='{cls}-nutrition'>Calories: {rng.randint(120, 700)}kcal | Protein: {rng.randint(2, 40)}g</div>"
          "</div>", ("Ingredients", *ingredients, "Instructions", *steps))
    p.add("</div>" + comments_block(p, rng.randint(2, 6)) + "</div>" + teaser_rail(p, rng.randint(3, 6)) + footer_block(p))


def event_listing(p: Page) -> None:
    """An events page: an intro, a filter bar, rows of events (not links as a whole), a pager."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='content'><h1>{esc(short(rng, p.lang, 4))}</h1>")
    intro = sentence(rng, p.lang)
    p.add(f"<p class='lede'>{esc(intro)}</p>", (intro,))
    p.add(filter_bar(p))
    cls = p.pick("event-card", "ev", "listing-item")
    rows = []
    for i in range(rng.randint(5, 12)):
        name, when, blurb = short(rng, p.lang, 6), f"{rng.randint(1, 28)} May, {short(rng, p.lang, 2)}", sentence(rng, p.lang)
        rows.append(f"<div class='{cls}'><div class='{cls}__date'>{esc(when)}</div>"
                    f"<h3><a href='/e/{i}'>{esc(name)}</a></h3><p>{esc(blurb)}</p>"
                    f"<a class='{p.pick('btn', 'cta', 'more')}' href='/e/{i}/tickets'>Tickets</a></div>")
        p.add("", (when, name, blurb))
    p.add(f"<div class='{p.pick('events', 'results', 'grid')}'>" + "".join(rows) + "</div>" + pager(p))
    p.add("</div>" + sidebar_block(p) + footer_block(p))


def job_post(p: Page) -> None:
    """A job advert: sections with lists, an apply box, a rail of similar jobs with blurbs."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='job'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='job-meta'>{esc(short(rng, 'en', 2))} · Remote · Full-time</div>"
          "<div class='apply-box'><a class='button' href='/apply'>Apply now</a> <a href='/save'>Save job</a></div>"
          "<div class='job-description'>")
    for head in p.rng.sample(["About the role", "What you will do", "What we look for", "Benefits"], 3):
        p.add(f"<h2>{head}</h2>", (head,))
        if rng.random() < 0.5:
            t = paragraph(rng, p.lang, 1, 3)
            p.add(f"<p>{esc(t)}</p>", (t,))
        items = [short(rng, p.lang, rng.randint(4, 10)) for _ in range(rng.randint(3, 6))]
        p.add("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", tuple(items))
    p.add("</div><div class='apply-box'><a class='button' href='/apply'>Apply for this job</a></div></div>")
    similar = "".join(f"<li class='job-card'><a href='/j/{i}'>{esc(short(rng, p.lang, 5))}</a>"
                      f"<span>{esc(short(rng, 'en', 2))} · Remote</span><p>{esc(sentence(rng, p.lang))}</p></li>"
                      for i in range(rng.randint(4, 8)))
    p.add(f"<div class='{p.pick('similar-jobs', 'more-jobs', 'aside-list')}'><h3>Similar jobs</h3><ul>{similar}</ul></div>"
          + footer_block(p))


def qa_page(p: Page) -> None:
    """A Q&A page: the question, an accepted answer and others, votes, comments under each, a related rail."""
    rng = p.rng
    p.add(site_header(p) + f"<div id='content'><h1 class='question-title'><a href='/q/1'>{esc(title(rng, p.lang))}</a></h1>"
          f"<div class='q-stats'>Asked {rng.randint(2, 9)} years ago · Viewed {rng.randint(100, 90000)} times</div>")

    def post(kind: str, accepted: bool = False) -> None:
        texts = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 3))]
        code = f"x = {rng.randint(1, 99)}  # {short(rng, 'en', 3)}"
        p.add(f"<div class='{kind}{' accepted-answer' if accepted else ''}'><div class='votecell'>"
              f"<div class='vote-count'>{rng.randint(-2, 400)}</div>{'<div class=check>✓</div>' if accepted else ''}</div>"
              f"<div class='postcell'><div class='s-prose'>" + "".join(f"<p>{esc(t)}</p>" for t in texts)
              + f"<pre><code>{esc(code)}</code></pre></div>"
              f"<div class='post-menu'><a href='#'>Share</a> <a href='#'>Improve this answer</a> <a href='#'>Follow</a></div>"
              f"<div class='user-info'>answered {rng.randint(1, 28)} Mar <a href='/u/1'>user{rng.randint(1, 999)}</a>"
              f" {rng.randint(1, 99)}k</div><ul class='comments-list'>"
              + "".join(f"<li class='comment'>{esc(sentence(rng, p.lang))} – <a href='/u/2'>someone</a></li>"
                        for _ in range(rng.randint(0, 2))) + "</ul></div></div>", (*texts, code))

    post("question")
    n = rng.randint(2, 4)
    p.add(f"<div id='answers'><h2>{n} Answers</h2><div class='sort'>Sorted by: <select><option>Highest score"
          "</option></select></div>")
    post("answer", accepted=True)
    for _ in range(n - 1):
        post("answer")
    p.add("</div><div class='your-answer'><h2>Your Answer</h2><textarea></textarea><button>Post Your Answer</button></div></div>")
    p.add(f"<div class='sidebar-related'><h4>Related</h4><ul>{links_list(p, 6, 8)}</ul></div>" + footer_block(p))


def release_notes(p: Page) -> None:
    """A changelog: version headings with dates and lists of changes; a versions menu beside it."""
    rng = p.rng
    versions = [f"{rng.randint(1, 4)}.{m}.{rng.randint(0, 9)}" for m in range(rng.randint(3, 6), 0, -1)]
    menu = "".join(f"<li><a href='#v{v}'>v{v}</a></li>" for v in versions)
    p.add(site_header(p) + f"<div class='docs'><nav class='{p.pick('toc', 'versions', 'sidenav')}'><ul>{menu}</ul></nav>"
          f"<div class='{p.pick('markdown-body', 'doc-content', 'release-notes')}'><h1>Changelog</h1>")
    for v in versions:
        head = f"v{v}"
        date = f"Released {rng.randint(1, 28)} March 2024"
        p.add(f"<h2 id='v{v}'>{head}</h2><p class='release-date'>{date}</p>", (head, date))
        for section in rng.sample(["Added", "Fixed", "Changed", "Removed"], rng.randint(1, 3)):
            items = [f"{short(rng, p.lang, rng.randint(4, 11))} (#{rng.randint(100, 9999)})"
                     for _ in range(rng.randint(2, 5))]
            p.add(f"<h3>{section}</h3><ul>" + "".join(
                f"<li>{esc(i.rsplit(' (', 1)[0])} (<a href='/pr/{i.rsplit('#', 1)[1][:-1]}'>#{i.rsplit('#', 1)[1][:-1]}</a>)</li>"
                for i in items) + "</ul>", (section, *items))
    p.add("<div class='feedback'>Was this page helpful? <button>Yes</button> <button>No</button></div></div></div>"
          + footer_block(p))


ROUND6_FAMILIES = {"recipe_page": recipe_page, "event_listing": event_listing, "job_post": job_post,
                   "qa_page": qa_page, "release_notes": release_notes}


# --------------------------------------------------------------------------- #
# Round 7's page-type families (written and measured before round 7 changed the
# extractor; never tuned on): a glossary, a comparison table, a podcast episode
# with show notes, a government notice. Gold by WCXB's convention: the page's
# main content (its headings, lists, tables and key facts), not its title, menus,
# players, buttons, feedback boxes or rails.
# --------------------------------------------------------------------------- #


def breadcrumbs(p: Page) -> str:
    trail = " › ".join(f"<a href='/{i}'>{esc(short(p.rng, p.lang, 1))}</a>" for i in range(p.rng.randint(2, 3)))
    return p.pick(f"<nav class='breadcrumb'>{trail}</nav>", f"<div class='crumbs'>{trail}</div>",
                  f"<ol class='govuk-breadcrumbs__list'><li>{trail}</li></ol>")


def glossary_page(p: Page) -> None:
    """A glossary: an intro, an A-Z jump bar, letter headings over short terms and their definitions."""
    rng = p.rng
    letters = sorted(rng.sample("ABCDEFGHIKLMNOPRST", rng.randint(3, 6)))
    jump = " ".join(f"<a href='#{c.lower()}'>{c}</a>" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    p.add(site_header(p) + breadcrumbs(p) + f"<main class='{p.pick('page', 'content', 'glossary-page')}'><h1>Glossary</h1>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    p.add(f"<div class='{p.pick('az-nav', 'alphabet', 'letters')}'>{jump}</div>")
    style = rng.randrange(3)
    for c in letters:
        p.add(f"<h2 id='{c.lower()}'>{c}</h2>", (c,))
        entries = []
        for _ in range(rng.randint(2, 5)):
            term = c + short(rng, p.lang, rng.randint(1, 3))[1:]
            term = term if p.lang != "zh" else short(rng, p.lang, 2)
            text = sentence(rng, p.lang) if rng.random() < 0.6 else paragraph(rng, p.lang, 1, 2)
            linked = f"<a href='/glossary/{len(entries)}'>{esc(term)}</a>" if rng.random() < 0.4 else esc(term)
            if style == 0:
                entries.append(f"<dt>{linked}</dt><dd>{esc(text)}</dd>")
            elif style == 1:
                entries.append(f"<div class='term'><h3>{linked}</h3><p>{esc(text)}</p></div>")
            else:
                entries.append(f"<p><strong>{linked}</strong> – {esc(text)}</p>")
            p.add("", (term, text) if style != 2 else (f"{term} – {text}",))
        p.add(("<dl class='glossary'>" + "".join(entries) + "</dl>") if style == 0 else "".join(entries))
        p.add("<p class='back-to-top'><a href='#top'>Back to top</a></p>")
    p.add("</main>" + sidebar_block(p) + footer_block(p))


def comparison_page(p: Page) -> None:
    """A buyer's guide: an affiliate note, an intro, a comparison table with buy buttons, a section per product."""
    rng = p.rng
    products = [f"{short(rng, 'en', 1).capitalize()} {rng.choice('XSQ')}{rng.randint(2, 90)}" for _ in range(rng.randint(3, 6))]
    p.add(site_header(p) + f"<article class='{p.pick('guide', 'post', 'review')}'><h1>{esc(title(rng, p.lang))}</h1>"
          + byline_block(p) + "<p class='disclosure'>We may earn a commission when you buy through links on our site.</p>")
    for _ in range(rng.randint(1, 2)):
        t = paragraph(rng, p.lang, 2, 3)
        p.add(f"<p>{esc(t)}</p>", (t,))
    head = ("Model", "Price", "Rating", "Battery", "Waterproof")
    rows, gold = [], [" ".join(head)]
    for name in products:
        cells = (name, f"${rng.randint(49, 999)}", f"{rng.randint(30, 50) / 10}/5", f"{rng.randint(6, 40)} h",
                 rng.choice("✓✗"))
        rows.append("<tr>" + f"<td><a href='#p-{name[:3]}'>{esc(name)}</a></td>" + "".join(f"<td>{esc(c)}</td>" for c in cells[1:])
                    + f"<td><a class='{p.pick('btn', 'button', 'cta')}' href='/go/{rng.randint(1, 999)}'>Check price</a></td></tr>")
        gold.append(" ".join(cells))
    p.add("<table class='comparison'><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "<th></th></tr></thead><tbody>"
          + "".join(rows) + "</tbody></table>", tuple(gold))
    for name in products:
        t = paragraph(rng, p.lang, 1, 3)
        pros = [short(rng, p.lang, rng.randint(3, 6)) for _ in range(rng.randint(2, 3))]
        cons = [short(rng, p.lang, rng.randint(3, 6)) for _ in range(rng.randint(1, 2))]
        p.add(f"<h2 id='p-{name[:3]}'>{esc(name)}</h2><p>{esc(t)}</p><div class='pros-cons'><h4>Pros</h4><ul>"
              + "".join(f"<li>{esc(x)}</li>" for x in pros) + "</ul><h4>Cons</h4><ul>"
              + "".join(f"<li>{esc(x)}</li>" for x in cons) + "</ul></div>"
              f"<p><a class='{p.pick('btn', 'button', 'cta')}' href='/go/{rng.randint(1, 999)}'>Buy on Amazon</a></p>",
              (name, t, "Pros", *pros, "Cons", *cons))
    p.add("</article>" + newsletter_box(p) + related_block(p) + footer_block(p))


def podcast_episode(p: Page) -> None:
    """An episode page: a player, subscribe links, show notes with timestamps and links, more episodes."""
    rng = p.rng
    p.add(site_header(p) + f"<div class='{p.pick('episode', 'podcast-episode', 'single')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1><div class='episode-meta'>Episode {rng.randint(10, 300)} · "
          f"{rng.randint(20, 90)} min · {rng.randint(1, 28)} May 2024</div>"
          f"<div class='player'><button>Play</button> <span>00:00</span> / <span>{rng.randint(20, 90)}:{rng.randint(10, 59)}</span>"
          " <button>1x</button> <a href='/ep.mp3'>Download</a></div>"
          "<div class='subscribe'>Listen on <a href='#'>Apple Podcasts</a> <a href='#'>Spotify</a> <a href='#'>RSS</a></div>"
          f"<div class='{p.pick('show-notes', 'entry-content', 'description')}'>")
    for _ in range(rng.randint(1, 2)):
        t = paragraph(rng, p.lang, 1, 3)
        p.add(f"<p>{esc(t)}</p>", (t,))
    heads = rng.sample(["In this episode", "Topics", "Chapters"], 1) + rng.sample(["Links", "Mentioned in the show", "Resources"], 1)
    stamps = [f"{m:02d}:{rng.randint(0, 59):02d} {short(rng, p.lang, rng.randint(2, 6))}"
              for m in sorted(rng.sample(range(60), rng.randint(4, 8)))]
    p.add(f"<h3>{heads[0]}</h3><ul>" + "".join(f"<li>{esc(s)}</li>" for s in stamps) + "</ul>", (heads[0], *stamps))
    links = [short(rng, p.lang, rng.randint(2, 5)) for _ in range(rng.randint(3, 6))]
    p.add(f"<h3>{heads[1]}</h3><ul>" + "".join(f"<li><a href='https://ex.org/{i}'>{esc(x)}</a></li>" for i, x in enumerate(links))
          + "</ul>", (heads[1], *links))
    p.add("</div></div>")
    cards = "".join(f"<div class='episode-card'><a href='/ep/{i}'>{esc(short(rng, p.lang, 6))}</a>"
                    f"<span>{rng.randint(20, 90)} min</span><p>{esc(sentence(rng, p.lang))}</p></div>" for i in range(rng.randint(3, 6)))
    p.add(f"<section class='{p.pick('more-episodes', 'latest', 'grid')}'><h2>More episodes</h2>{cards}</section>" + footer_block(p))


def gov_notice(p: Page) -> None:
    """A public notice: key facts, a contents list, numbered paragraphs, attachments, a feedback box."""
    rng = p.rng
    sections = rng.sample(["Background", "What is proposed", "How to respond", "What happens next", "Who is affected"],
                          rng.randint(2, 4))
    p.add(site_header(p) + breadcrumbs(p) + f"<main id='content'><h1>{esc(title(rng, p.lang))}</h1>")
    facts = [(k, v) for k, v in (("Reference", f"{short(rng, 'en', 1).upper()[:4]}/{rng.randint(2019, 2024)}/{rng.randint(10, 999)}"),
                                 ("Published", f"{rng.randint(1, 28)} April 2024"),
                                 ("Closing date", f"{rng.randint(1, 28)} June 2024"))]
    p.add("<dl class='metadata'>" + "".join(f"<dt>{k}:</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
          tuple(f"{k}: {v}" for k, v in facts))
    p.add("<nav class='contents'><h2>Contents</h2><ol>" + "".join(f"<li><a href='#s{i}'>{s}</a></li>" for i, s in enumerate(sections))
          + "</ol></nav><div class='govspeak'>")
    for i, s in enumerate(sections, 1):
        p.add(f"<h2 id='s{i - 1}'>{i}. {s}</h2>", (f"{i}. {s}",))
        for j in range(1, rng.randint(2, 4)):
            t = paragraph(rng, p.lang, 1, 2)
            p.add(f"<p>{i}.{j} {esc(t)}</p>", (f"{i}.{j} {t}",))
    docs = [f"{short(rng, p.lang, rng.randint(3, 6))}" for _ in range(rng.randint(1, 3))]
    p.add("</div><section class='attachments'><h2>Documents</h2>" + "".join(
        f"<div class='attachment'><h3><a href='/d/{k}.pdf'>{esc(d)}</a></h3><p class='metadata'>PDF, {rng.randint(80, 900)} KB, "
        f"{rng.randint(2, 40)} pages</p></div>" for k, d in enumerate(docs)) + "</section>", ("Documents", *docs))
    p.add("<div class='feedback'><h2>Is this page useful?</h2><button>Yes</button> <button>No</button>"
          " <a href='/report'>Report a problem with this page</a></div></main>"
          + f"<aside class='related'><h2>Related content</h2><ul>{links_list(p, 4)}</ul></aside>" + footer_block(p))


ROUND7_FAMILIES = {"glossary_page": glossary_page, "comparison_page": comparison_page,
                   "podcast_episode": podcast_episode, "gov_notice": gov_notice}


# --------------------------------------------------------------------------- #
# Round 8's page-type families (written and measured before round 8 changed the
# extractor; never tuned on): a fan-wiki character page (portable infobox, tabs,
# gallery, navbox), a personal blog post beside sidebar widgets (an "about me" bio,
# a tag cloud, archives with counts) and a comment thread, a single event's page
# (key facts, line-up, ticket box, similar events), a help-centre FAQ whose answers
# sit in collapsed accordion panels. Gold by WCXB's convention, as round 7.
# --------------------------------------------------------------------------- #


def fan_wiki_page(p: Page) -> None:
    """A fan-wiki character page: a portable infobox, tabs, sections, a trivia list, a gallery, a navbox."""
    rng = p.rng
    name = short(rng, p.lang, 2).title()
    p.add(f"<div class='community-header'><a href='/'>{esc(short(rng, 'en', 1).title())} Wiki</a>"
          f"<nav class='wiki-tabs'>{links_list(p, 5, 1)}</nav></div><main class='page'>"
          f"<h1 class='page-header__title'>{esc(name)}</h1>"
          "<div class='page-tabs'><a href='#'>Main</a> <a href='#'>Gallery</a> <a href='#'>Quotes</a></div>"
          "<div class='mw-parser-output'>")
    facts = "".join(f"<div class='pi-item pi-data'><h3 class='pi-data-label'>{esc(short(rng, p.lang, 1))}</h3>"
                    f"<div class='pi-data-value'>{esc(short(rng, p.lang, rng.randint(1, 3)))}</div></div>"
                    for _ in range(rng.randint(4, 7)))
    p.add(f"<aside class='portable-infobox pi-theme-{rng.randint(1, 9)}'><h2 class='pi-title'>{esc(name)}</h2>"
          f"<figure class='pi-image'><img src='/c.png'><figcaption>{esc(short(rng, p.lang, 4))}</figcaption></figure>"
          f"{facts}</aside>")
    first = paragraph(rng, p.lang, 2, 4)
    p.add(f"<p><b>{esc(name)}</b> {esc(first)}</p>", (f"{name} {first}",))
    for _ in range(rng.randint(2, 3)):
        head = short(rng, p.lang, rng.randint(1, 3))
        p.add(f"<h2><span class='mw-headline'>{esc(head)}</span><span class='mw-editsection'>"
              "<a href='/edit'>edit</a></span></h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            t = paragraph(rng, p.lang, 1, 4)
            p.add(f"<p>{esc(t)}</p>", (t,))
    trivia = [sentence(rng, p.lang) for _ in range(rng.randint(3, 6))]
    p.add("<h2><span class='mw-headline'>Trivia</span></h2><ul>" + "".join(f"<li>{esc(t)}</li>" for t in trivia) + "</ul>",
          ("Trivia", *trivia))
    p.add("<div class='wikia-gallery'>" + "".join(
        f"<div class='wikia-gallery-item'><img src='/g{i}.png'><div class='lightbox-caption'>{esc(short(rng, p.lang, 3))}</div></div>"
        for i in range(rng.randint(3, 6))) + "</div>")
    p.add("<table class='navbox'><tr><th colspan='2'>Characters</th></tr>" + "".join(
        f"<tr><td class='navbox-group'>{esc(short(rng, p.lang, 1))}</td><td>"
        + " • ".join(f"<a href='/w/{k}'>{esc(short(rng, p.lang, 2))}</a>" for k in range(rng.randint(5, 10)))
        + "</td></tr>" for _ in range(rng.randint(2, 4))) + "</table>")
    p.add("</div><div class='page-footer__categories'>Categories: <a href='/c1'>Characters</a>, <a href='/c2'>Season 1</a>"
          "</div></main>" + f"<aside class='{p.pick('page__right-rail', 'rail-module', 'WikiaRail')}'><h2>Popular pages</h2>"
          f"<ul>{links_list(p, 5, 3)}</ul></aside>" + footer_block(p))


def widget_blog_post(p: Page) -> None:
    """A personal blog post: short paragraphs, a photo, a list; sidebar widgets (bio, tags, archives); comments."""
    rng = p.rng
    p.add(f"<div class='site'><header class='header'><a href='/'>{esc(short(rng, p.lang, 2))}</a>"
          f"<ul class='nav'>{links_list(p, 5, 1)}</ul></header><div class='container'><div class='{p.pick('col-8', 'main-col', 'left')}'>"
          f"<div class='{p.pick('post', 'blog-post', 'entry')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='meta'>{rng.randint(1, 28)} May 2024 · {rng.randint(2, 9)} min read · "
          f"<a href='#comments'>{rng.randint(2, 9)} comments</a></div>")
    for k in range(rng.randint(4, 8)):
        t = paragraph(rng, p.lang, 1, 3)
        p.add(f"<p>{esc(t)}</p>", (t,))
        if k == 1:
            p.add(f"<p><img src='/p{k}.jpg' alt=''><br><small>{esc(short(rng, p.lang, 4))}</small></p>")
        if k == 2 and rng.random() < 0.6:
            items = [short(rng, p.lang, rng.randint(3, 8)) for _ in range(rng.randint(3, 5))]
            p.add("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", tuple(items))
    p.add("<div class='post-tags'>Tags: " + ", ".join(f"<a href='/t/{i}'>{esc(short(rng, p.lang, 1))}</a>" for i in range(4))
          + "</div>" + share_bar(p) + "</div>")
    n = rng.randint(2, 6)
    p.add(f"<div id='comments'><h3>{n} thoughts on this post</h3>" + "".join(
        f"<div class='{p.pick('comment', 'reply-item', 'c-item')}'><div class='c-head'><b>{p.pick('Marta', 'tom_k', 'Ines R.')}</b> "
        f"<span>{rng.randint(1, 28)} May 2024 at {rng.randint(1, 12)}:{rng.randint(10, 59)} pm</span></div>"
        f"<p>{esc(paragraph(rng, p.lang, 1, 2))}</p><a href='#r'>Reply</a></div>" for _ in range(n))
        + "<div class='respond'><h3>Leave a Reply</h3><p>Your email address will not be published.</p>"
          "<textarea></textarea><button>Post Comment</button></div></div></div>")
    tags = " ".join(f"<a href='/t/{i}' style='font-size:{rng.randint(9, 20)}px'>{esc(short(rng, p.lang, 1))}</a>" for i in range(10))
    months = "".join(f"<li><a href='/{2024 - i // 12}/{12 - i % 12}'>{m} {2024 - i // 12}</a> ({rng.randint(1, 9)})</li>"
                     for i, m in enumerate(["December", "November", "October", "September", "August", "July"][:rng.randint(3, 6)]))
    p.add(f"<div class='{p.pick('col-4', 'sidebar', 'right')}'><div class='widget about'><h4>About me</h4>"
          f"<img src='/me.jpg'><p>{esc(paragraph(rng, p.lang, 1, 2))}</p></div>"
          "<div class='widget search'><input placeholder='Search'><button>Go</button></div>"
          f"<div class='widget tags'><h4>Tags</h4>{tags}</div><div class='widget archive'><h4>Archives</h4><ul>{months}</ul></div>"
          "</div></div>" + footer_block(p) + "</div>")


def event_page(p: Page) -> None:
    """One event's page: key facts (when, where), a description, a line-up, a ticket box, a map, similar events."""
    rng = p.rng
    day, hour = rng.randint(1, 28), rng.randint(10, 21)
    when = f"When: Saturday {day} June 2025, {hour}:00"
    where = f"Where: {short(rng, p.lang, 2).title()} Hall, {rng.randint(1, 200)} {short(rng, p.lang, 1).title()} Street"
    p.add(site_header(p) + breadcrumbs(p) + f"<div class='{p.pick('event-detail', 'event', 'single-event')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1><div class='event-info'><p><strong>When:</strong> {esc(when[6:])}</p>"
          f"<p><strong>Where:</strong> {esc(where[7:])}</p></div>", (when, where))
    p.add(f"<div class='{p.pick('ticket-box', 'tickets', 'booking')}'><div class='price'>From £{rng.randint(5, 40)}.00</div>"
          f"<a class='{p.pick('btn', 'button', 'cta')}' href='/book'>Book tickets</a><span>{rng.randint(3, 90)} left</span>"
          "<a href='/cal.ics'>Add to calendar</a></div>")
    p.add(f"<div class='{p.pick('description', 'event-body', 'rich-text')}'>")
    for _ in range(rng.randint(1, 3)):
        t = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(t)}</p>", (t,))
    if rng.random() < 0.7:
        acts = [f"{hour + k}:{rng.choice(['00', '30'])} {short(rng, p.lang, rng.randint(2, 4)).title()}" for k in range(rng.randint(3, 5))]
        p.add("<h3>Line-up</h3><ul>" + "".join(f"<li>{esc(a)}</li>" for a in acts) + "</ul>", ("Line-up", *acts))
    p.add("<h3>Accessibility</h3>", ("Accessibility",))
    t = sentence(rng, p.lang)
    p.add(f"<p>{esc(t)}</p></div>", (t,))
    p.add("<div class='map'><iframe src='https://maps.example/embed'></iframe><a href='/dir'>Get directions</a></div>"
          + share_bar(p) + "</div>")
    cards = "".join(f"<div class='{p.pick('card', 'event-card', 'tile')}'><span class='date'>{rng.randint(1, 28)} Jul</span>"
                    f"<h4><a href='/e/{i}'>{esc(short(rng, p.lang, 5))}</a></h4><span>{esc(short(rng, p.lang, 2))} Hall</span></div>"
                    for i in range(rng.randint(3, 6)))
    p.add(f"<section class='{p.pick('similar-events', 'you-may-like', 'more')}'><h2>You may also like</h2>{cards}</section>"
          + newsletter_box(p) + footer_block(p))


def faq_page(p: Page) -> None:
    """A help-centre FAQ: a search box, category menu, questions with answers in accordion panels, a contact box."""
    rng = p.rng
    p.add(site_header(p) + "<div class='help-search'><input placeholder='How can we help?'><button>Search</button></div>"
          f"<div class='{p.pick('help-layout', 'container', 'row')}'><nav class='{p.pick('help-categories', 'side-menu', 'categories')}'>"
          f"<ul>{links_list(p, rng.randint(4, 7), 2)}</ul></nav><div class='{p.pick('faq', 'content', 'article-body')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>")
    if rng.random() < 0.6:
        intro = sentence(rng, p.lang)
        p.add(f"<p>{esc(intro)}</p>", (intro,))
    style = rng.randrange(3)
    for k in range(rng.randint(4, 9)):
        q = short(rng, p.lang, rng.randint(4, 9)) + "?"
        answer = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
        body = "".join(f"<p>{esc(a)}</p>" for a in answer)
        if style == 0:
            p.add(f"<details><summary>{esc(q)}</summary>{body}</details>", (q, *answer))
        elif style == 1:
            p.add(f"<div class='accordion-item'><h3 class='accordion-header'><button class='accordion-button collapsed' "
                  f"aria-expanded='false' aria-controls='a{k}'>{esc(q)}</button></h3><div id='a{k}' class='accordion-collapse "
                  f"collapse'><div class='accordion-body'>{body}</div></div></div>", (q, *answer))
        else:
            p.add(f"<div class='faq-item'><h3 class='faq-question' role='button'>{esc(q)}</h3>"
                  f"<div class='faq-answer' aria-hidden='true'>{body}</div></div>", (q, *answer))
    p.add("<div class='helpful'>Was this article helpful? <button>Yes</button> <button>No</button></div>"
          f"<div class='{p.pick('contact-box', 'still-need-help', 'cta')}'><h2>Still need help?</h2>"
          "<a class='button' href='/contact'>Contact us</a></div></div></div>" + footer_block(p))


ROUND8_FAMILIES = {"fan_wiki_page": fan_wiki_page, "widget_blog_post": widget_blog_post,
                   "event_page": event_page, "faq_page": faq_page}


# --------------------------------------------------------------------------- #
# Round 9's page-type families (written and measured before round 9 changed the
# extractor; never tuned on): a product page with Description / Specifications /
# Reviews tabs, a government service's step-by-step guide beside a sidebar of links,
# a course page with a syllabus accordion and an instructor bio, a conference talk
# page with a speaker bio and a transcript, a tutorial with code in language tabs.
# Parts of the content sit in closed panels hidden in one of several idioms
# (``hidden``, ``aria-hidden``, ``display:none``, a class such as ``is-hidden``,
# ``<details>``); the pages also carry hidden chrome (an off-canvas menu, a modal
# sign-up dialog, cookie settings, a skip link). Gold by WCXB's convention, as round 7:
# the closed panels' content is the page's content (WCXB's and trafilatura's reading);
# users' reviews, menus, dialogs, buttons and rails are not.
# --------------------------------------------------------------------------- #


def hiding(p: Page) -> tuple[str, str]:
    """One idiom that hides a closed panel: ``(extra attributes, extra class)``."""
    return p.pick((" hidden", ""), (" aria-hidden='true'", ""), (" style='display:none'", ""),
                  (" style=\"display: none;\"", ""), ("", " is-hidden"), ("", " collapsed"), ("", " d-none"),
                  (" hidden aria-hidden='true'", ""))


def hidden_chrome(p: Page) -> str:
    """Hidden page furniture: a skip link, an off-canvas menu, a sign-up modal, cookie settings (some of them)."""
    rng = p.rng
    parts = []
    if rng.random() < 0.5:
        parts.append(p.pick("<a class='skip-link screen-reader-text' href='#main'>Skip to content</a>",
                            "<a class='sr-only sr-only-focusable' href='#content'>Skip to main content</a>"))
    if rng.random() < 0.7:
        parts.append(p.pick(f"<div class='offcanvas-menu' aria-hidden='true'><ul>{links_list(p, 6, 2)}</ul></div>",
                            f"<nav id='mobile-nav' hidden><ul>{links_list(p, 7, 1)}</ul></nav>",
                            f"<div class='drawer is-hidden'><ul class='drawer__list'>{links_list(p, 5, 2)}</ul></div>"))
    if rng.random() < 0.6:
        pitch = sentence(rng, p.lang)
        parts.append(p.pick(
            f"<div class='modal fade' id='signup' role='dialog' aria-hidden='true'><div class='modal-body'><h2>Join our newsletter</h2>"
            f"<p>{esc(pitch)}</p><input type='email'><button>Sign up</button></div></div>",
            f"<div class='popup newsletter-popup' style='display:none'><p>Get 10% off your first order. {esc(pitch)}</p>"
            "<button>Subscribe</button><button>No thanks</button></div>",
            f"<dialog id='login'><h2>Sign in</h2><p>{esc(pitch)}</p><input><button>Continue</button></dialog>"))
    if rng.random() < 0.5:
        parts.append("<div id='cookie-settings' class='cookie-modal' aria-hidden='true'><p>We and our partners use cookies and similar "
                     "technologies to store and access information on your device, to measure audiences and to show you "
                     "relevant content.</p><button>Accept all</button><button>Save preferences</button></div>")
    return "".join(parts)


def product_tabs_page(p: Page) -> None:
    """A shop's product page: price and cart, then Description / Specifications / Reviews tabs, related products."""
    rng = p.rng
    name = f"{short(rng, p.lang, 2).title()} {rng.choice('KLMRTV')}{rng.randint(2, 900)}"
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p) + f"<div class='{p.pick('product', 'product-detail', 'pdp')}'>"
          f"<div class='gallery'><img src='/p1.jpg'><img src='/p2.jpg'></div><div class='summary'><h1>{esc(name)}</h1>"
          f"<div class='rating'>★★★★☆ <a href='#reviews'>{rng.randint(3, 400)} reviews</a></div>"
          f"<p class='price'>€{rng.randint(9, 900)},{rng.randint(10, 99)}</p>")
    lead = sentence(rng, p.lang)
    p.add(f"<div class='short-description'><p>{esc(lead)}</p></div>", (lead,))
    p.add("<form class='cart'><input type='number' value='1'><button class='add-to-cart'>Add to cart</button></form>"
          "<a href='/wishlist'>Add to wishlist</a></div>")
    description = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    features = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(3, 5))]
    specs = [(short(rng, p.lang, 1).title(), f"{rng.randint(1, 500)} {rng.choice(['mm', 'g', 'W', 'h', 'cm'])}")
             for _ in range(rng.randint(4, 7))]
    reviews = [(p.pick("Sanne", "Rui M.", "giulia_b", "Karl"), paragraph(rng, p.lang, 1, 2)) for _ in range(rng.randint(2, 4))]
    desc_html = "".join(f"<p>{esc(t)}</p>" for t in description) + "<ul>" + "".join(f"<li>{esc(f)}</li>" for f in features) + "</ul>"
    spec_html = "<table class='specs'>" + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in specs) + "</table>"
    review_html = "".join(f"<div class='review'><b>{who}</b> <span class='stars'>★★★★★</span><p>{esc(t)}</p>"
                          f"<button>Helpful ({rng.randint(0, 30)})</button></div>" for who, t in reviews)
    panels = (("description", "Description", desc_html), ("specs", "Specifications", spec_html), ("reviews", "Reviews", review_html))
    style = rng.randrange(3)
    attrs, cls = hiding(p)
    if style == 0:  # WAI-ARIA tabs
        p.add("<div class='tabs'><div role='tablist'>" + "".join(
            f"<button role='tab' id='t-{k}' aria-controls='p-{k}' aria-selected='{str(i == 0).lower()}'>{label}</button>"
            for i, (k, label, _) in enumerate(panels)) + "</div>" + "".join(
            f"<div role='tabpanel' id='p-{k}' aria-labelledby='t-{k}' class='panel{cls if i else ''}'{attrs if i else ''}>{body}</div>"
            for i, (k, _, body) in enumerate(panels)) + "</div>")
    elif style == 1:  # WooCommerce-like tabs: links to the panels' ids, panels hidden by style
        p.add("<div class='woocommerce-tabs'><ul class='tabs wc-tabs'>" + "".join(
            f"<li class='{k}_tab'><a href='#tab-{k}'>{label}</a></li>" for k, label, _ in panels) + "</ul>" + "".join(
            f"<div class='woocommerce-Tabs-panel panel entry-content{cls if i else ''}' id='tab-{k}'{attrs if i else ''}>"
            f"{body}</div>" for i, (k, label, body) in enumerate(panels)) + "</div>")
    else:  # an accordion of sections, each with its own toggle
        p.add("<div class='product-accordion'>" + "".join(
            f"<div class='acc-section'><button class='acc-toggle' aria-expanded='{str(i == 0).lower()}'>{label}</button>"
            f"<div class='acc-content{cls if i else ''}'{attrs if i else ''}>{body}</div></div>"
            for i, (k, label, body) in enumerate(panels)) + "</div>")
    p.add("", (*description, *features, *(f"{k} {v}" for k, v in specs)))
    cards = "".join(f"<div class='{p.pick('product-card', 'tile', 'item')}'><a href='/p/{i}'><img src='/t{i}.jpg'>"
                    f"<span>{esc(short(rng, p.lang, 3).title())}</span></a><span class='price'>€{rng.randint(9, 300)}</span>"
                    "<button>Add to cart</button></div>" for i in range(rng.randint(3, 6)))
    p.add(f"</div><section class='{p.pick('related-products', 'upsells', 'also-bought')}'><h2>Customers also bought</h2>{cards}</section>"
          + footer_block(p))


def service_steps_page(p: Page) -> None:
    """A government service's step-by-step guide: collapsible steps, a sidebar of links, a feedback form."""
    rng = p.rng
    steps = rng.sample(["Check if you are eligible", "Gather your documents", "Apply online", "Pay the fee",
                        "Book an appointment", "Wait for a decision", "Collect your card"], rng.randint(3, 6))
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<div class='{p.pick('govuk-width-container', 'container', 'page-wrap')}'><main id='main' class='{p.pick('govuk-main-wrapper', 'content', 'main')}'>"
          f"<h1>{esc(title(rng, p.lang))}: step by step</h1>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p class='lead'>{esc(intro)}</p>", (intro,))
    p.add("<button class='show-all' aria-expanded='false'>Show all steps</button>"
          f"<ol class='{p.pick('step-nav', 'steps', 'app-step-list')}'>")
    style = rng.randrange(3)
    for i, step in enumerate(steps, 1):
        body_text = [paragraph(rng, p.lang, 1, 2) for _ in range(rng.randint(1, 2))]
        items = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(0, 4))]
        body = "".join(f"<p>{esc(t)}</p>" for t in body_text) + (
            "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>" if items else "")
        head = f"Step {i}: {step}"
        attrs, cls = hiding(p)
        if style == 0:
            p.add(f"<li class='step'><details><summary><span class='num'>Step {i}:</span> {step}</summary>{body}</details></li>")
        elif style == 1:
            p.add(f"<li class='step'><h2><button class='step-toggle' aria-expanded='false' aria-controls='step-{i}'>"
                  f"<span class='num'>Step {i}:</span> {step}</button></h2><div id='step-{i}' class='step-panel{cls}'{attrs}>{body}</div></li>")
        else:
            p.add(f"<li class='step'><h2 class='js-toggle'><span class='num'>Step {i}:</span> {step}</h2>"
                  f"<div class='step-body{cls}'{attrs}>{body}</div></li>")
        p.add("", (head, *body_text, *items))
    p.add("</ol><div class='print'><a href='#' onclick='print()'>Print this page</a></div>"
          "<div class='page-feedback'><p>Is this page useful?</p><button>Yes</button><button>No</button>"
          "<form class='feedback-form' hidden><h3>Help us improve this service</h3><p>Do not include personal or financial "
          "information like your National Insurance number or credit card details.</p><label>What were you doing?</label>"
          "<textarea></textarea><button>Send</button></form></div></main>"
          f"<aside class='{p.pick('related-navigation', 'sidebar', 'app-related')}'><h2>Related content</h2><ul>{links_list(p, rng.randint(3, 6), 4)}</ul>"
          f"<h2>Explore the topic</h2><ul>{links_list(p, 3, 2)}</ul></aside></div>" + footer_block(p))


def course_page(p: Page) -> None:
    """A course page: key facts, about, outcomes, a syllabus of weeks in an accordion, the instructor, an enrol box."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<div class='{p.pick('course', 'course-detail', 'program')}'>"
          f"<div class='hero'><h1>{esc(title(rng, p.lang))}</h1>")
    facts = [("Duration", f"{rng.randint(3, 12)} weeks"), ("Effort", f"{rng.randint(2, 8)} hours per week"),
             ("Level", rng.choice(["Beginner", "Intermediate", "Advanced"]))]
    p.add("<ul class='course-facts'>" + "".join(f"<li><strong>{k}:</strong> {v}</li>" for k, v in facts) + "</ul>",
          tuple(f"{k}: {v}" for k, v in facts))
    p.add(f"<div class='{p.pick('enrol-box', 'cta-card', 'sticky-enroll')}'><span class='price'>${rng.randint(0, 400)}</span>"
          "<a class='btn btn-primary' href='/enrol'>Enrol now</a><span>Starts every Monday</span></div></div>")
    about = [paragraph(rng, p.lang, 2, 3) for _ in range(rng.randint(1, 2))]
    outcomes = [short(rng, p.lang, rng.randint(4, 8)) for _ in range(rng.randint(3, 5))]
    p.add("<h2>About this course</h2>" + "".join(f"<p>{esc(t)}</p>" for t in about)
          + "<h2>What you will learn</h2><ul class='outcomes'>" + "".join(f"<li>{esc(o)}</li>" for o in outcomes) + "</ul>",
          ("About this course", *about, "What you will learn", *outcomes))
    p.add("<h2>Syllabus</h2>", ("Syllabus",))
    style = rng.randrange(3)
    for w in range(1, rng.randint(3, 7)):
        week = f"Week {w}: {short(rng, p.lang, rng.randint(2, 5))}"
        text = sentence(rng, p.lang)
        lessons = [f"{short(rng, p.lang, rng.randint(2, 5))} ({rng.randint(4, 25)} min)" for _ in range(rng.randint(2, 4))]
        body = f"<p>{esc(text)}</p><ul class='lessons'>" + "".join(f"<li>{esc(x)}</li>" for x in lessons) + "</ul>"
        attrs, cls = hiding(p)
        if style == 0:
            p.add(f"<details class='module'><summary>{esc(week)}</summary>{body}</details>")
        elif style == 1:
            p.add(f"<div class='card'><div class='card-header'><button data-toggle='collapse' data-target='#w{w}' aria-expanded='false'>"
                  f"{esc(week)}</button></div><div id='w{w}' class='collapse{cls}'{attrs}><div class='card-body'>{body}</div></div></div>")
        else:
            p.add(f"<div class='syllabus-week'><h3 class='week-title' tabindex='0'>{esc(week)}</h3>"
                  f"<div class='week-content{cls}'{attrs}>{body}</div></div>")
        p.add("", (week, text, *lessons))
    who = p.pick("Dr Ana Ribeiro", "Prof. Jan de Vries", "Lucia Ferri", "Tom Becker")
    bio = paragraph(rng, p.lang, 1, 3)
    p.add(f"<section class='{p.pick('instructor', 'teacher', 'faculty')}'><h2>Your instructor</h2><img src='/i.jpg'>"
          f"<h3>{who}</h3><p>{esc(bio)}</p></section>", ("Your instructor", who, bio))
    quotes = "".join(f"<blockquote class='testimonial'><p>{esc(sentence(rng, p.lang))}</p><cite>{p.pick('Mia', 'Joris', 'Paolo')}</cite>"
                     "</blockquote>" for _ in range(rng.randint(2, 3)))
    p.add(f"<section class='{p.pick('testimonials', 'reviews-carousel', 'learners-say')}'><h2>What learners say</h2>{quotes}</section>"
          f"</div><section class='related-courses'><h2>Related courses</h2><ul>{links_list(p, 4, 5)}</ul></section>" + footer_block(p))


def talk_page(p: Page) -> None:
    """A conference talk: time and room, the abstract, a video, the speaker's bio, a transcript, other talks."""
    rng = p.rng
    room = f"Room {rng.choice('ABCDE')}{rng.randint(1, 9)}"
    slot = f"{rng.randint(9, 17)}:{rng.choice(['00', '30'])}"
    p.add(hidden_chrome(p) + site_header(p) + f"<main class='{p.pick('talk', 'session', 'schedule-item')}'>"
          f"<p class='track'><a href='/track/{rng.randint(1, 9)}'>{esc(short(rng, p.lang, 2).title())} track</a></p>"
          f"<h1>{esc(title(rng, p.lang))}</h1><p class='when'>{slot} · {room} · {rng.randint(25, 50)} min</p>")
    p.add("<div class='actions'><button>Add to my schedule</button> <a href='/slides.pdf'>Slides (PDF)</a></div>"
          "<div class='video'><iframe src='https://video.example/embed/1'></iframe></div>")
    abstract = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    p.add("<h2>Abstract</h2>" + "".join(f"<p>{esc(t)}</p>" for t in abstract), ("Abstract", *abstract))
    who = p.pick("Maria Jansen", "Pedro Alves", "Chiara Conti", "Felix Braun")
    bio = paragraph(rng, p.lang, 1, 3)
    p.add(f"<div class='{p.pick('speaker', 'speaker-card', 'bio')}'><img src='/s.jpg'><h2>About the speaker</h2><h3>{who}</h3>"
          f"<p>{esc(bio)}</p><a href='https://social.example/{who.split()[0]}'>@{who.split()[0].lower()}</a></div>",
          ("About the speaker", who, bio))
    transcript = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(2, 4))]
    body = "".join(f"<p>{esc(t)}</p>" for t in transcript)
    attrs, cls = hiding(p)
    p.add(p.pick(f"<details class='transcript'><summary>Transcript</summary>{body}</details>",
                 f"<div class='transcript'><button aria-expanded='false' aria-controls='tr'>Show transcript</button>"
                 f"<div id='tr' class='transcript-body{cls}'{attrs}>{body}</div></div>",
                 f"<div class='transcript'><h2 class='toggle'>Transcript</h2><div class='transcript-text{cls}'{attrs}>{body}</div></div>"),
          tuple(transcript))
    cards = "".join(f"<li class='talk-card'><span>{rng.randint(9, 17)}:00</span> <a href='/t/{i}'>{esc(short(rng, p.lang, 6))}</a>"
                    f" <span>{p.pick('Ines', 'Bram', 'Olga')}</span></li>" for i in range(rng.randint(3, 6)))
    p.add(f"</main><aside class='{p.pick('other-talks', 'sidebar', 'more')}'><h2>Other talks in this track</h2><ul>{cards}</ul></aside>"
          + footer_block(p))


def tabbed_tutorial(p: Page) -> None:
    """A tutorial with code in language tabs (one shown, the others hidden), notes, an on-this-page menu, a pager."""
    rng = p.rng
    langs = rng.sample(["Python", "JavaScript", "Go", "Java", "Ruby"], rng.randint(2, 3))
    p.add(hidden_chrome(p) + f"<div class='docs-header'><a href='/'>Docs</a><ul>{links_list(p, 5, 1)}</ul></div>"
          f"<div class='{p.pick('docs-layout', 'wrapper', 'row')}'><nav class='{p.pick('docs-sidebar', 'toc-left', 'menu')}'>"
          f"<ul>{links_list(p, rng.randint(6, 10), 3)}</ul></nav><article class='{p.pick('docs-content', 'markdown-body', 'col-main')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>")
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    style = rng.randrange(3)
    for s in range(rng.randint(2, 4)):
        head = short(rng, p.lang, rng.randint(2, 5))
        t = paragraph(rng, p.lang, 1, 2)
        p.add(f"<h2 id='s{s}'>{esc(head)}</h2><p>{esc(t)}</p>", (head, t))
        codes = [f"{name.lower()}_call({rng.randint(1, 99)}, \"{short(rng, 'en', 1)}\")" for name in langs]
        attrs, cls = hiding(p)
        if style == 0:
            p.add("<div class='code-tabs'><div role='tablist'>" + "".join(
                f"<button role='tab' aria-controls='c{s}-{i}' aria-selected='{str(i == 0).lower()}'>{name}</button>"
                for i, name in enumerate(langs)) + "</div>" + "".join(
                f"<div role='tabpanel' id='c{s}-{i}'{attrs if i else ''}><pre><code>{esc(c)}</code></pre></div>"
                for i, c in enumerate(codes)) + "</div>")
        elif style == 1:
            p.add("<div class='tabbed-set'>" + "".join(
                f"<label class='tab-label'>{name}</label>" for name in langs) + "".join(
                f"<div class='tabbed-content{cls if i else ''}'{attrs if i else ''}><pre><code>{esc(c)}</code></pre></div>"
                for i, c in enumerate(codes)) + "</div>")
        else:
            p.add("<div class='sl-tabs'><ul class='tab-list'>" + "".join(
                f"<li><a href='#tab-{s}-{i}' class='tab-link'>{name}</a></li>" for i, name in enumerate(langs)) + "</ul>" + "".join(
                f"<section id='tab-{s}-{i}' class='tab-panel{cls if i else ''}'{attrs if i else ''}><pre><code>{esc(c)}</code></pre></section>"
                for i, c in enumerate(codes)) + "</div>")
        p.add("", tuple(codes))
        if rng.random() < 0.5:
            note = sentence(rng, p.lang)
            p.add(f"<div class='{p.pick('admonition note', 'callout', 'alert alert-info')}'><p><strong>Note:</strong> {esc(note)}</p></div>",
                  (f"Note: {note}",))
    p.add("<div class='feedback'>Was this page helpful? <button>👍</button> <button>👎</button></div>"
          f"<nav class='pager'><a href='/prev'>← {esc(short(rng, p.lang, 3))}</a> <a href='/next'>{esc(short(rng, p.lang, 3))} →</a></nav>"
          f"</article><aside class='{p.pick('toc', 'on-this-page', 'right-rail')}'><h2>On this page</h2><ul>"
          + "".join(f"<li><a href='#s{s}'>{esc(short(rng, p.lang, 2))}</a></li>" for s in range(3)) + "</ul></aside></div>" + footer_block(p))


ROUND9_FAMILIES = {"product_tabs_page": product_tabs_page, "service_steps_page": service_steps_page,
                   "course_page": course_page, "talk_page": talk_page, "tabbed_tutorial": tabbed_tutorial}


# --------------------------------------------------------------------------- #
# Round 10's page-type families (written and measured before round 10 changed the
# extractor; never tuned on): a recipe whose reviews and questions sit in tabs beside
# it, a holiday rental's page (overview, amenities, house rules, guest reviews), a
# plugin directory's page (description, installation, FAQ, changelog, reviews and
# support threads), an API reference page (parameters, request samples in language
# tabs, a collapsible response) and a restaurant's page (about, opening hours, menus
# in tabs, reviews and a questions-and-answers box). Users' posts (reviews with
# ratings and dates, questions and their answers, support threads) are written in
# several markups, sometimes under neutral class names, and often in a closed tab.
# Gold by WCXB's convention, as rounds 7-9: closed panels of the page's own content
# are content; users' posts, rating summaries, forms, buttons and rails are not.
# --------------------------------------------------------------------------- #


PEOPLE = ("Sanne V.", "Rui M.", "giulia_b", "Karl", "Amélie", "Tomasz", "Ines R.", "bram_k", "Olga", "Jonas")
MONTHS = ("January", "March", "April", "June", "August", "October", "November")


def when_posted(p: Page) -> str:
    """A post's date as sites print it: absolute, relative or a stay period."""
    rng = p.rng
    return p.pick(f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2025)}",
                  f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}",
                  f"{rng.randint(2, 11)} {rng.choice(['days', 'weeks', 'months'])} ago",
                  f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2025)}")


def user_review(p: Page, i: int) -> str:
    """One user's review, in one of several markups (stars, a score, microdata, a neutral row)."""
    rng = p.rng
    who, when, text = p.pick(*PEOPLE), when_posted(p), paragraph(rng, p.lang, 1, 2)
    stars = rng.randint(2, 5)
    return p.pick(
        f"<article class='{p.pick('review', 'c-review', 'feedback-entry', 'post')}'><header><strong>{who}</strong> "
        f"<time datetime='2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'>{when}</time></header>"
        f"<div class='stars' aria-label='Rated {stars} out of 5'>{'★' * stars}{'☆' * (5 - stars)}</div>"
        f"<p>{esc(text)}</p><footer><button>Helpful ({rng.randint(0, 40)})</button> <a href='#r{i}'>Report</a></footer></article>",
        f"<li class='{p.pick('entry', 'item', 'comment')}' itemprop='review' itemscope itemtype='https://schema.org/Review'>"
        f"<span itemprop='author'>{who}</span> – <span itemprop='datePublished'>{when}</span> "
        f"<span class='rating'><span itemprop='ratingValue'>{stars}</span>/5</span><div itemprop='reviewBody'><p>{esc(text)}</p></div></li>",
        f"<div class='{p.pick('row', 'media', 'card')}'><div class='{p.pick('col-3', 'media-left', 'who')}'>{who}<br>Reviewed {when}</div>"
        f"<div class='{p.pick('col-9', 'media-body', 'what')}'><span class='score'>{rng.randint(6, 9)}.{rng.randint(0, 9)}</span>"
        f"<p>{esc(text)}</p></div></div>",
        f"<div class='{p.pick('testimonial-item', 'review-block', 'box')}'><p>{'★' * stars} <b>{esc(short(rng, p.lang, 4))}</b></p>"
        f"<p>{esc(text)}</p><p class='meta'>{who}, {when}</p></div>",
    )


def user_question(p: Page, i: int) -> str:
    """A user's question and a community or shop answer, with who asked and when."""
    rng = p.rng
    q, a = short(rng, p.lang, rng.randint(5, 10)) + "?", paragraph(rng, p.lang, 1, 2)
    return p.pick(
        f"<div class='{p.pick('qa-item', 'question', 'thread')}'><p class='q'><strong>Q:</strong> {esc(q)}</p>"
        f"<p class='asked'>Asked by {p.pick(*PEOPLE)} · {when_posted(p)}</p><p class='a'><strong>A:</strong> {esc(a)}</p>"
        f"<p class='answered'>Answered by {p.pick(*PEOPLE)} · {when_posted(p)}</p><button>Answer this question</button></div>",
        f"<li class='{p.pick('entry', 'item')}'><h4>{esc(q)}</h4><span class='by'>{p.pick(*PEOPLE)} asked {when_posted(p)}</span>"
        f"<blockquote><p>{esc(a)}</p><cite>{p.pick(*PEOPLE)}, {when_posted(p)}</cite></blockquote>"
        f"<a href='#q{i}'>{rng.randint(1, 9)} answers</a></li>",
    )


def support_thread(p: Page, i: int) -> str:
    """A support forum's row: a thread title, who started it, replies and the last reply's date."""
    rng = p.rng
    return (f"<li class='{p.pick('topic', 'bbp-topic', 'row')}'><a href='/support/t-{i}'>{esc(short(rng, p.lang, rng.randint(4, 9)))}</a>"
            f" <span>Started by {p.pick(*PEOPLE)}, {rng.randint(0, 12)} replies, last reply {when_posted(p)}</span>"
            f"<span class='status'>{p.pick('Resolved', 'Not resolved', '')}</span></li>")


def panel_set(p: Page, panels: list[tuple[str, str, str]], first_open: int = 0) -> str:
    """Tabs or an accordion over ``(key, label, body)`` panels, all but one closed, in one of five idioms."""
    rng = p.rng
    style = rng.randrange(5)
    attrs, cls = hiding(p)
    sid = rng.randint(1, 99)

    def shut(i: int) -> tuple[str, str]:
        return ("", "") if i == first_open else (attrs, cls)

    if style == 0:  # Bootstrap tabs: nav links with data-bs-toggle, panes with "tab-pane fade"
        return ("<ul class='nav nav-tabs'>" + "".join(
            f"<li class='nav-item'><a class='nav-link' data-bs-toggle='tab' href='#pane-{sid}-{i}'>{label}</a></li>"
            for i, (_, label, _) in enumerate(panels)) + "</ul><div class='tab-content'>" + "".join(
            f"<div class='tab-pane fade{' show active' if i == first_open else ''}{shut(i)[1]}' id='pane-{sid}-{i}'{shut(i)[0]}>{body}</div>"
            for i, (_, _, body) in enumerate(panels)) + "</div>")
    if style == 1:  # WAI-ARIA tabs with neutral ids
        return ("<div class='tabset'><div role='tablist'>" + "".join(
            f"<button role='tab' id='tab-{sid}-{i}' aria-controls='panel-{sid}-{i}' aria-selected='{str(i == first_open).lower()}'>"
            f"{label}</button>" for i, (_, label, _) in enumerate(panels)) + "</div>" + "".join(
            f"<div role='tabpanel' id='panel-{sid}-{i}' aria-labelledby='tab-{sid}-{i}' class='tabset__panel{shut(i)[1]}'{shut(i)[0]}>"
            f"{body}</div>" for i, (_, _, body) in enumerate(panels)) + "</div>")
    if style == 2:  # <details> sections (the first open)
        return "".join(f"<details class='section'{' open' if i == first_open else ''}><summary>{label}</summary>{body}</details>"
                       for i, (_, label, body) in enumerate(panels))
    if style == 3:  # a script's tabs: data-tab on the buttons, data-panel on the panels
        return ("<div class='js-tabs'><div class='js-tabs__nav'>" + "".join(
            f"<span class='js-tab' data-tab='{k}'>{label}</span>" for k, label, _ in panels) + "</div>" + "".join(
            f"<div class='js-tabs__panel{shut(i)[1]}' data-panel='{k}'{shut(i)[0]}>{body}</div>"
            for i, (k, _, body) in enumerate(panels)) + "</div>")
    return "".join(  # an accordion: a heading around a toggle, then its panel
        f"<div class='acc'><h3><button class='acc__btn' aria-expanded='{str(i == first_open).lower()}'>{label}</button></h3>"
        f"<div class='acc__body{shut(i)[1]}'{shut(i)[0]}>{body}</div></div>" for i, (_, label, body) in enumerate(panels))


def recipe_tabs_page(p: Page) -> None:
    """A recipe: a short story, then Recipe / Reviews / Questions tabs, a rating summary, more recipes."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<main class='{p.pick('recipe-main', 'content', 'page')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='rating-summary'>★★★★☆ {rng.randint(3, 4)}.{rng.randint(0, 9)} ({rng.randint(4, 300)} ratings)</div>")
    story = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 2))]
    p.add("".join(f"<p>{esc(t)}</p>" for t in story), tuple(story))
    ingredients = [f"{rng.randint(1, 500)} {rng.choice(['g', 'ml', 'tbsp', 'cups'])} {short(rng, p.lang, rng.randint(1, 4))}"
                   for _ in range(rng.randint(4, 9))]
    steps = [sentence(rng, p.lang) for _ in range(rng.randint(3, 6))]
    recipe = ("<h2>Ingredients</h2><ul>" + "".join(f"<li>{esc(x)}</li>" for x in ingredients) + "</ul>"
              "<h2>Method</h2><ol>" + "".join(f"<li>{esc(s)}</li>" for s in steps) + "</ol>")
    reviews = "".join(user_review(p, i) for i in range(rng.randint(2, 5)))
    questions = "".join(user_question(p, i) for i in range(rng.randint(1, 3)))
    p.add(panel_set(p, [("recipe", "Recipe", recipe), ("reviews", f"Reviews ({rng.randint(3, 90)})",
                                                        f"<div class='{p.pick('reviews', 'list', 'tab-inner')}'>{reviews}</div>"),
                        ("questions", "Questions", f"<ul class='{p.pick('qa', 'list-unstyled', 'items')}'>{questions}</ul>")]),
          ("Ingredients", *ingredients, "Method", *steps))
    p.add("</main>" + teaser_rail(p, rng.randint(3, 5)) + footer_block(p))


def stay_page(p: Page) -> None:
    """A holiday rental: photos, a booking box, Overview / Amenities / House rules / Guest reviews panels, a map, similar stays."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<div class='{p.pick('listing', 'property', 'stay')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='location'>{esc(short(rng, p.lang, 2).title())} · {rng.randint(2, 8)} guests · {rng.randint(1, 4)} bedrooms</p>"
          "<div class='photos'><img src='/h1.jpg'><img src='/h2.jpg'><button>Show all photos</button></div>"
          f"<form class='{p.pick('booking-widget', 'reserve', 'book-box')}'><span>€{rng.randint(40, 400)} night</span>"
          "<input type='date'><input type='date'><select><option>2 guests</option></select><button>Reserve</button>"
          "<p>You won't be charged yet</p></form>")
    overview = [paragraph(rng, p.lang, 2, 3) for _ in range(rng.randint(1, 3))]
    amenities = [short(rng, p.lang, rng.randint(1, 3)).title() for _ in range(rng.randint(4, 8))]
    rules = [f"Check-in after {rng.randint(13, 16)}:00", f"Checkout before {rng.randint(10, 11)}:00",
             *(short(rng, p.lang, rng.randint(3, 6)) for _ in range(rng.randint(1, 3)))]
    reviews = "".join(user_review(p, i) for i in range(rng.randint(2, 5)))
    score = f"<div class='review-score'>{rng.randint(7, 9)}.{rng.randint(0, 9)} · {rng.randint(5, 400)} reviews</div>"
    panels = [("overview", "Overview", "".join(f"<p>{esc(t)}</p>" for t in overview)),
              ("amenities", "Amenities", "<ul class='amenities'>" + "".join(f"<li>{esc(a)}</li>" for a in amenities) + "</ul>"),
              ("rules", "House rules", "<ul>" + "".join(f"<li>{esc(r)}</li>" for r in rules) + "</ul>"),
              ("reviews", "Guest reviews", score + f"<div class='{p.pick('guest-reviews', 'list', 'feed')}'>{reviews}</div>")]
    if rng.random() < 0.5:  # reviews before the rules
        panels[2], panels[3] = panels[3], panels[2]
    p.add(panel_set(p, panels), (*overview, *amenities, *rules))
    where = sentence(rng, p.lang)
    p.add(f"<h2>Where you'll be</h2><div class='map'><iframe src='https://maps.example/embed'></iframe></div><p>{esc(where)}</p>",
          ("Where you'll be", where))
    cards = "".join(f"<div class='{p.pick('card', 'stay-card')}'><a href='/s/{i}'><img src='/c{i}.jpg'>"
                    f"<span>{esc(short(rng, p.lang, 3).title())}</span></a><span>€{rng.randint(40, 300)} night · ★ 4.{rng.randint(1, 9)}</span></div>"
                    for i in range(rng.randint(3, 6)))
    p.add(f"</div><section class='{p.pick('similar', 'nearby', 'more-stays')}'><h2>Similar stays</h2>{cards}</section>" + footer_block(p))


def plugin_page(p: Page) -> None:
    """A plugin directory's page: Description / Installation / FAQ / Changelog / Reviews / Support, a sidebar of facts."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<div class='{p.pick('plugin', 'entry', 'addon')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='byline'>By <a href='/author/{rng.randint(1, 99)}'>{p.pick(*PEOPLE)}</a></p>"
          "<a class='button download' href='/download.zip'>Download</a>")
    description = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    features = [short(rng, p.lang, rng.randint(3, 8)) for _ in range(rng.randint(3, 6))]
    install = [sentence(rng, p.lang) for _ in range(rng.randint(2, 4))]
    faq = [(short(rng, p.lang, rng.randint(4, 8)) + "?", paragraph(rng, p.lang, 1, 2)) for _ in range(rng.randint(2, 4))]
    versions = [f"{rng.randint(1, 5)}.{m}.{rng.randint(0, 9)}" for m in range(rng.randint(2, 4), 0, -1)]
    changes = [(v, [short(rng, p.lang, rng.randint(3, 8)) for _ in range(rng.randint(1, 3))]) for v in versions]
    reviews = "".join(user_review(p, i) for i in range(rng.randint(2, 4)))
    threads = "".join(support_thread(p, i) for i in range(rng.randint(3, 6)))
    panels = [("description", "Description", "".join(f"<p>{esc(t)}</p>" for t in description)
               + "<ul>" + "".join(f"<li>{esc(f)}</li>" for f in features) + "</ul>"),
              ("installation", "Installation", "<ol>" + "".join(f"<li>{esc(s)}</li>" for s in install) + "</ol>"),
              ("faq", "FAQ", "".join(f"<h4>{esc(q)}</h4><p>{esc(a)}</p>" for q, a in faq)),
              ("changelog", "Changelog", "".join(f"<h4>{v}</h4><ul>" + "".join(f"<li>{esc(c)}</li>" for c in cs) + "</ul>"
                                                   for v, cs in changes)),
              ("reviews", "Reviews", f"<div class='{p.pick('reviews', 'feed', 'tab-body')}'>{reviews}</div>"),
              ("support", "Support", f"<p class='support-note'>Issues with this plugin? Ask in the support forum.</p>"
                                     f"<ul class='{p.pick('topics', 'list', 'threads')}'>{threads}</ul>")]
    p.add(panel_set(p, panels), (*description, *features, *install, *(x for qa in faq for x in qa),
                                 *(x for v, cs in changes for x in (v, *cs))))
    facts = "".join(f"<li>{k}: <strong>{v}</strong></li>" for k, v in (
        ("Version", versions[0]), ("Last updated", when_posted(p)), ("Active installations", f"{rng.randint(1, 900)},000+")))
    p.add(f"</div><aside class='{p.pick('plugin-meta', 'sidebar', 'facts')}'><ul>{facts}</ul><h3>Tags</h3>"
          f"<ul>{links_list(p, 4, 1)}</ul></aside>" + footer_block(p))


def api_reference_page(p: Page) -> None:
    """An API reference: the endpoint, parameters table, request samples in language tabs, a collapsible response."""
    rng = p.rng
    path = f"/v{rng.randint(1, 3)}/{short(rng, 'en', 1).lower()}s/{{id}}"
    p.add(hidden_chrome(p) + f"<div class='{p.pick('api-header', 'topbar', 'docs-nav')}'><a href='/'>API</a><ul>{links_list(p, 5, 1)}</ul></div>"
          f"<div class='{p.pick('api-layout', 'docs', 'wrapper')}'><nav class='{p.pick('api-sidebar', 'endpoints', 'menu')}'>"
          f"<ul>{links_list(p, rng.randint(8, 14), 2)}</ul></nav><div class='{p.pick('api-content', 'markdown', 'main-col')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>")
    method = rng.choice(["GET", "POST", "PATCH", "DELETE"])
    p.add(f"<p class='endpoint'><code>{method} {path}</code></p>", (f"{method} {path}",))
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    params = [(short(rng, "en", 1).lower(), rng.choice(["string", "integer", "boolean"]), sentence(rng, p.lang))
              for _ in range(rng.randint(2, 5))]
    p.add("<h2>Parameters</h2><table class='params'><tr><th>Name</th><th>Type</th><th>Description</th></tr>"
          + "".join(f"<tr><td><code>{n}</code></td><td>{t}</td><td>{esc(d)}</td></tr>" for n, t, d in params) + "</table>",
          ("Parameters", "Name", "Type", "Description", *(x for row in params for x in row)))
    langs = rng.sample(["curl", "Python", "Node.js", "Ruby", "PHP"], rng.randint(2, 4))
    codes = [f"{name.lower().replace('.', '')}_request('{method}', '{path}', key={rng.randint(100, 999)})" for name in langs]
    p.add("<h2>Request</h2>" + panel_set(p, [(name.lower(), name, f"<pre><code>{esc(c)}</code></pre>") for name, c in zip(langs, codes)]),
          ("Request", *codes))
    response = "{" + ", ".join(f'"{short(rng, "en", 1).lower()}": {rng.randint(1, 999)}' for _ in range(rng.randint(2, 5))) + "}"
    attrs, cls = hiding(p)
    p.add(p.pick(f"<details class='response'><summary>Response 200</summary><pre><code>{esc(response)}</code></pre></details>",
                 f"<div class='response'><button aria-expanded='false' aria-controls='resp'>Show response</button>"
                 f"<div id='resp' class='response__body{cls}'{attrs}><pre><code>{esc(response)}</code></pre></div></div>"),
          (response,))
    p.add("<form class='try-it' hidden><h3>Try it</h3><label>API key</label><input><button>Send request</button></form>"
          "<div class='feedback'>Was this page helpful? <button>Yes</button> <button>No</button></div>"
          f"<nav class='pager'><a href='/prev'>← {esc(short(rng, p.lang, 2))}</a> <a href='/next'>{esc(short(rng, p.lang, 2))} →</a></nav>"
          "</div></div>" + footer_block(p))


def restaurant_page(p: Page) -> None:
    """A restaurant: about, opening hours, menus in tabs, then users' reviews and a questions-and-answers box."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<div class='{p.pick('venue', 'place', 'restaurant')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='venue-meta'>{'€' * rng.randint(1, 3)} · {esc(short(rng, p.lang, 1).title())} · ★ 4.{rng.randint(0, 9)} "
          f"({rng.randint(10, 900)})</div><a class='btn' href='/book'>Book a table</a> <a class='btn' href='tel:+1'>Call</a>")
    about = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
    p.add("<h2>About</h2>" + "".join(f"<p>{esc(t)}</p>" for t in about), ("About", *about))
    days = [("Monday – Friday", f"{rng.randint(11, 12)}:00 – {rng.randint(21, 23)}:00"), ("Saturday", "12:00 – 23:30"),
            ("Sunday", p.pick("Closed", "12:00 – 16:00"))]
    p.add("<h2>Opening hours</h2><table class='hours'>" + "".join(f"<tr><td>{d}</td><td>{h}</td></tr>" for d, h in days) + "</table>",
          ("Opening hours", *(x for row in days for x in row)))
    menus = []
    for label in rng.sample(["Lunch", "Dinner", "Drinks", "Desserts"], rng.randint(2, 3)):
        dishes = [(short(rng, p.lang, rng.randint(2, 4)).capitalize(), f"€{rng.randint(4, 32)}") for _ in range(rng.randint(3, 6))]
        menus.append((label, dishes))
    p.add("<h2>Menu</h2>" + panel_set(p, [(label.lower(), label, "<ul class='dishes'>" + "".join(
        f"<li><span>{esc(d)}</span> <span class='price'>{pr}</span></li>" for d, pr in dishes) + "</ul>") for label, dishes in menus]),
          ("Menu", *(f"{d} {pr}" for _, dishes in menus for d, pr in dishes)))
    reviews = "".join(user_review(p, i) for i in range(rng.randint(3, 6)))
    questions = "".join(user_question(p, i) for i in range(rng.randint(1, 3)))
    p.add(f"<section class='{p.pick('reviews', 'section', 'block')}'><h2>What diners say</h2>{reviews}"
          "<a href='/reviews'>Read all reviews</a></section>"
          f"<section class='{p.pick('qna', 'section', 'block')}'><h2>Questions &amp; answers</h2>{questions}"
          "<button>Ask a question</button></section>")
    p.add(f"</div><aside class='{p.pick('nearby', 'sidebar', 'more-places')}'><h3>Nearby</h3><ul>{links_list(p, 5, 3)}</ul></aside>"
          + footer_block(p))


ROUND10_FAMILIES = {"recipe_tabs_page": recipe_tabs_page, "stay_page": stay_page, "plugin_page": plugin_page,
                    "api_reference_page": api_reference_page, "restaurant_page": restaurant_page}


# --------------------------------------------------------------------------- #
# Round 11's page-type families (written and measured before round 11 changed the
# extractor; never tuned on): a help centre's or insurer's FAQ whose answers are
# closed in idioms rounds 8-10 did not write (``aria-hidden`` alone under a link or
# a ``<dt>``, jQuery UI's and Foundation's accordions, a ``<dl>``), a government
# guide in GOV.UK's accordion markup (``hidden="until-found"``, a class), a shop's
# product page whose Details / Specifications / Questions / Reviews sit in Magento-like
# collapsibles, ``<details>`` or ``data-target`` tabs (reviews undated, with stars,
# "verified buyer" and helpful votes in the page's language), a magazine long-read
# with pull quotes, galleries with counters and captions, section breaks and an
# author box, and a museum object's page in Foundation's tabs (inactive panels
# ``aria-hidden``) with visitors' comments. Hidden chrome holds prose too (a
# mobile menu's promo line, an exit notice). Gold by WCXB's convention, as rounds
# 7-10: closed panels of the page's own content are content; users' posts, pull
# quotes (a copy of the story's words), captions, forms, buttons, rails are not.
# --------------------------------------------------------------------------- #

HELPFUL = {"en": "Helpful", "de": "Hilfreich", "es": "Útil", "it": "Utile", "pt": "Útil", "nl": "Nuttig"}
CLOSED_STYLE = ' style="display: none;"'
ARIA_CLOSED = ' aria-hidden="true"'
VERIFIED = {"en": "Verified buyer", "de": "Verifizierter Kauf", "es": "Compra verificada", "it": "Acquisto verificato",
            "pt": "Compra verificada", "nl": "Geverifieerde aankoop"}


def prose_chrome(p: Page) -> str:
    """Hidden furniture that holds a sentence of prose: a mobile menu with a promo line, an exit notice, a chat teaser."""
    rng = p.rng
    parts = []
    if rng.random() < 0.7:
        parts.append(p.pick(
            f"<div class='mobile-menu' aria-hidden='true'><ul>{links_list(p, 6, 2)}</ul><p class='menu-promo'>"
            f"{esc(sentence(rng, p.lang))}</p></div>",
            f"<div id='exit-notice' class='overlay' aria-hidden='true'><p>You are now leaving our website. "
            f"{esc(sentence(rng, p.lang))}</p><a href='#'>Continue</a></div>",
            f"<div class='chat-teaser' aria-hidden='true'><p>Questions? Our team is online. {esc(sentence(rng, p.lang))}</p>"
            "<button>Start chat</button></div>"))
    return parts[0] if parts else ""


def kb_faq_page(p: Page) -> None:
    """An insurer's or a university's FAQ: topic headings over questions whose answers are closed in several idioms."""
    rng = p.rng
    p.add(prose_chrome(p) + site_header(p) + breadcrumbs(p) + f"<div class='{p.pick('page', 'kb', 'wrapper')}'>"
          f"<aside class='{p.pick('kb-topics', 'subnav', 'left-col')}'><ul>{links_list(p, rng.randint(5, 8), 2)}</ul></aside>"
          f"<div class='{p.pick('kb-main', 'main', 'col-md-8')}'><h1>{esc(title(rng, p.lang))}</h1>")
    intro = paragraph(rng, p.lang, 1, 2)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    style = rng.randrange(4)
    n = 0
    for _ in range(rng.randint(1, 3)):
        topic = short(rng, p.lang, rng.randint(2, 4))
        p.add(f"<h2>{esc(topic)}</h2>", (topic,))
        items = []
        for _ in range(rng.randint(2, 5)):
            n += 1
            q = short(rng, p.lang, rng.randint(4, 9)) + "?"
            answer = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
            body = "".join(f"<p>{esc(a)}</p>" for a in answer)
            if style == 0:  # a link toggles a panel hidden from screen readers (and by CSS, which the page does not carry)
                items.append(f"<div class='faq__item'><a href='#' class='faq__q' data-faq='{n}'>{esc(q)}</a>"
                             f"<div class='faq__a' aria-hidden='true'>{body}</div></div>")
            elif style == 1:  # jQuery UI's accordion as rendered
                items.append(f"<h3 class='ui-accordion-header ui-state-default' role='tab' id='ui-id-{n}' aria-selected='false'>"
                             f"{esc(q)}</h3><div class='ui-accordion-content' role='tabpanel' aria-labelledby='ui-id-{n}' "
                             f"aria-hidden='true' style='display: none;'>{body}</div>")
            elif style == 2:  # a definition list, answers hidden by aria-hidden alone
                items.append(f"<dt class='question'>{esc(q)}</dt><dd class='answer' aria-hidden='true'>{body}</dd>")
            else:  # Foundation's accordion as rendered
                items.append(f"<li class='accordion-item' data-accordion-item><a href='#acc-{n}' class='accordion-title' "
                             f"aria-expanded='false'>{esc(q)}</a><div class='accordion-content' id='acc-{n}' data-tab-content "
                             f"aria-hidden='true'>{body}</div></li>")
            p.add("", (q, *answer))
        wrap = ("<div class='faq'>", "</div>") if style == 0 else ("<div class='ui-accordion'>", "</div>") if style == 1 \
            else ("<dl class='faq-list'>", "</dl>") if style == 2 else ("<ul class='accordion' data-accordion>", "</ul>")
        p.add(wrap[0] + "".join(items) + wrap[1])
    p.add(f"<div class='{p.pick('kb-feedback', 'rate-article', 'helpful')}'>Did this answer your question? <button>Yes</button>"
          f" <button>No</button></div><div class='{p.pick('contact', 'cta-box', 'help-more')}'><h3>Still have questions?</h3>"
          "<a href='/contact'>Contact us</a> <a href='tel:0800'>0800 123 456</a></div></div></div>" + footer_block(p))


def gov_guide_page(p: Page) -> None:
    """A government guide in GOV.UK's accordion markup, with a contents list, a related-content rail and feedback."""
    rng = p.rng
    p.add(prose_chrome(p) + "<a href='#main-content' class='govuk-skip-link'>Skip to main content</a>" + site_header(p)
          + breadcrumbs(p) + "<div class='govuk-width-container'><main class='govuk-main-wrapper' id='main-content'>"
          f"<div class='govuk-grid-row'><div class='govuk-grid-column-two-thirds'><h1 class='govuk-heading-xl'>{esc(title(rng, p.lang))}</h1>")
    lead = sentence(rng, p.lang)
    p.add(f"<p class='govuk-body-l'>{esc(lead)}</p>", (lead,))
    sections = [short(rng, p.lang, rng.randint(2, 5)) for _ in range(rng.randint(3, 6))]
    idiom = rng.randrange(3)
    parts = []
    for i, head in enumerate(sections):
        body = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
        bullets = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(0, 4))]
        inner = "".join(f"<p class='govuk-body'>{esc(t)}</p>" for t in body) + (
            "<ul class='govuk-list govuk-list--bullet'>" + "".join(f"<li>{esc(b)}</li>" for b in bullets) + "</ul>" if bullets else "")
        hide = " hidden='until-found'" if idiom == 0 else "" if idiom == 1 else " style='display:none'"
        parts.append(f"<div class='govuk-accordion__section'><div class='govuk-accordion__section-header'><h2 class='govuk-accordion__section-heading'>"
                     f"<span class='govuk-accordion__section-button' id='acc-heading-{i}'>{esc(head)}</span></h2></div>"
                     f"<div id='acc-content-{i}' class='govuk-accordion__section-content' aria-labelledby='acc-heading-{i}'{hide}>{inner}</div></div>")
        p.add("", (head, *body, *bullets))
    p.add("<div class='govuk-accordion' data-module='govuk-accordion' id='acc'><div class='govuk-accordion__controls'>"
          "<button class='govuk-accordion__show-all'>Show all sections</button></div>" + "".join(parts) + "</div>")
    p.add("<div class='gem-c-print-link'><button>Print this page</button></div></div>"
          f"<div class='govuk-grid-column-one-third'><aside class='gem-c-related-navigation' role='complementary'><h2>Related content</h2>"
          f"<ul>{links_list(p, rng.randint(3, 6), 4)}</ul><h3>Explore the topic</h3><ul>{links_list(p, 3, 2)}</ul></aside></div></div>"
          "<div class='gem-c-feedback'><h2>Is this page useful?</h2><button>Yes</button><button>No</button>"
          "<button>Report a problem with this page</button><form class='js-hidden' hidden><label>What were you doing?</label>"
          "<textarea></textarea><button>Send</button></form></div></main></div>" + footer_block(p))


def undated_review(p: Page) -> str:
    """A shop's customer review without a date: a name, stars, a title, the text, 'verified buyer', a helpful vote."""
    rng = p.rng
    stars, who, text = rng.randint(1, 5), p.pick(*PEOPLE), paragraph(rng, p.lang, 1, 2)
    helpful = f"{HELPFUL.get(p.lang, 'Helpful')} ({rng.randint(0, 60)})"
    return p.pick(
        f"<div class='{p.pick('review-item', 'rv', 'item')}'><div class='{p.pick('stars', 'rating-stars', 'r')}' title='{stars}/5'>"
        f"{'★' * stars}{'☆' * (5 - stars)}</div><p class='title'><b>{esc(short(rng, p.lang, 4))}</b></p><p>{esc(text)}</p>"
        f"<p class='who'>{who} · {VERIFIED.get(p.lang, 'Verified buyer')}</p><button>{helpful}</button></div>",
        f"<li class='{p.pick('entry', 'list-item', 'card')}'><span class='{p.pick('name', 'nick', 'u')}'>{who}</span>"
        f"<span class='score' data-score='{stars}'>{stars}.0</span><blockquote>{esc(text)}</blockquote>"
        f"<a href='#' class='vote'>👍 {helpful}</a></li>")


def product_question(p: Page) -> str:
    """A customer's question with the shop's answer and a vote count, undated."""
    rng = p.rng
    q, a = short(rng, p.lang, rng.randint(5, 10)) + "?", paragraph(rng, p.lang, 1, 1)
    return (f"<div class='{p.pick('pq', 'qa-row', 'item')}'><p><b>Q:</b> {esc(q)}</p><p><b>A:</b> {esc(a)}</p>"
            f"<p class='votes'>{rng.randint(1, 40)} · {HELPFUL.get(p.lang, 'Helpful')}? <a href='#'>👍</a> <a href='#'>👎</a></p></div>")


def product_qa_page(p: Page) -> None:
    """A product page: price and basket, then Details / Specifications / Questions / Reviews in collapsibles or tabs."""
    rng = p.rng
    name = f"{short(rng, p.lang, 2).title()} {rng.choice('ABSXZ')}-{rng.randint(10, 990)}"
    p.add(prose_chrome(p) + site_header(p) + breadcrumbs(p) + f"<div class='{p.pick('product-view', 'product-main', 'pd')}'>"
          f"<div class='media'><img src='/a.jpg'><img src='/b.jpg'></div><div class='product-info-main'><h1>{esc(name)}</h1>"
          f"<div class='{p.pick('reviews-summary', 'avg', 'rating-line')}'>{'★' * rng.randint(3, 5)} {rng.randint(2, 500)}</div>"
          f"<span class='price'>{rng.randint(5, 900)},{rng.randint(10, 99)} €</span><form><select><option>M</option></select>"
          "<button>Add to basket</button></form></div>")
    details = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
    specs = [(short(rng, p.lang, 1).title(), f"{rng.randint(1, 900)} {rng.choice(['mm', 'kg', 'W', 'l', 'cm'])}")
             for _ in range(rng.randint(3, 6))]
    details_html = "".join(f"<p>{esc(t)}</p>" for t in details)
    spec_html = p.pick("<dl class='specs'>" + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in specs) + "</dl>",
                       "<table class='data table additional-attributes'>" + "".join(
                           f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in specs) + "</table>")
    questions = "".join(product_question(p) for _ in range(rng.randint(2, 4)))
    reviews = "".join(undated_review(p) for _ in range(rng.randint(2, 5)))
    panels = [("details", "Details", details_html), ("specs", "Specifications", spec_html),
              ("questions", "Questions", f"<div class='{p.pick('questions', 'list', 'inner')}'>{questions}</div>"),
              ("reviews", "Reviews", f"<div class='{p.pick('reviews', 'feed', 'inner')}'>{reviews}</div>")]
    if rng.random() < 0.5:
        panels[2], panels[3] = panels[3], panels[2]
    style = rng.randrange(3)
    if style == 0:  # Magento-like collapsibles: a title and a content by data-role, closed ones display:none
        p.add("<div class='product info detailed'>" + "".join(
            f"<div class='data item title' data-role='collapsible' id='tab-label-{k}'><a class='data switch' href='#{k}'>{label}</a></div>"
            f"<div class='data item content' data-role='content' id='{k}' aria-labelledby='tab-label-{k}'"
            f"{'' if i == 0 else CLOSED_STYLE}>{body}</div>" for i, (k, label, body) in enumerate(panels)) + "</div>")
    elif style == 1:  # a theme's <details> accordion
        p.add("<div class='product__accordion'>" + "".join(
            f"<details class='accordion'{' open' if i == 0 else ''}><summary><h2 class='accordion__title'>{label}</h2></summary>"
            f"<div class='accordion__content'>{body}</div></details>" for i, (_, label, body) in enumerate(panels)) + "</div>")
    else:  # a script's tabs: list items name their panel by data-target, closed panels hidden by a class
        p.add("<ul class='product-tabs'>" + "".join(f"<li data-target='#pt-{k}'>{label}</li>" for k, label, _ in panels) + "</ul>"
              + "".join(f"<div id='pt-{k}' class='tab-content{'' if i == 0 else ' hide'}'>{body}</div>"
                        for i, (k, _, body) in enumerate(panels)))
    p.add("", (*details, *(f"{k} {v}" for k, v in specs)))
    cards = "".join(f"<li class='{p.pick('product-item', 'slide', 'tile')}'><a href='/p/{i}'>{esc(short(rng, p.lang, 3).title())}</a>"
                    f"<span class='price'>{rng.randint(5, 300)} €</span></li>" for i in range(rng.randint(3, 6)))
    p.add(f"</div><div class='{p.pick('block related', 'crosssell', 'recently-viewed')}'><h2>You may also like</h2><ul>{cards}</ul></div>"
          + footer_block(p))


def longread_page(p: Page) -> None:
    """A magazine long-read: a drop cap, section breaks, pull quotes, galleries with counters and captions, an author box."""
    rng = p.rng
    p.add(prose_chrome(p) + site_header(p) + f"<article class='{p.pick('longform', 'feature', 'story')}'>"
          f"<p class='kicker'>{esc(short(rng, p.lang, 2))}</p><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='byline'>By {p.pick(*PEOPLE)} · Photographs by {p.pick(*PEOPLE)}</p>"
          f"<div class='{p.pick('story-body', 'article__body', 'entry')}'>")
    first = paragraph(rng, p.lang, 2, 4)
    p.add(f"<p class='has-dropcap'><span class='dropcap'>{esc(first[0])}</span>{esc(first[1:])}</p>", (first,))
    said = []
    for k in range(rng.randint(6, 12)):
        text = paragraph(rng, p.lang, 2, 5)
        said.append(text)
        p.add(f"<p>{esc(text)}</p>", (text,))
        r = rng.random()
        if k in (2, 6) and r < 0.7:  # a pull quote: a sentence of the story, set large
            quote = text.split(". ")[0].rstrip(".") + "."
            p.add(p.pick(f"<aside class='pullquote'><p>“{esc(quote)}”</p></aside>",
                         f"<blockquote class='pull-quote' aria-hidden='true'><p>{esc(quote)}</p></blockquote>",
                         f"<figure class='wp-block-pullquote'><blockquote><p>{esc(quote)}</p></blockquote></figure>"))
        elif k in (3, 8) and r < 0.7:  # a gallery: figures with captions and a counter
            n = rng.randint(3, 6)
            figs = "".join(f"<figure class='{p.pick('slide', 'gallery-item', 'carousel-cell')}'><img src='/g{k}{i}.jpg' alt=''>"
                           f"<figcaption>{esc(sentence(rng, p.lang))} <span class='credit'>{p.pick(*PEOPLE)}</span></figcaption></figure>"
                           for i in range(n))
            p.add(f"<div class='{p.pick('gallery', 'carousel', 'slideshow')}'><div class='counter'>1 / {n}</div>{figs}"
                  "<button class='prev'>‹</button><button class='next'>›</button></div>")
        elif k == 4 and r < 0.6:  # a section break
            p.add(p.pick("<hr class='section-break'>", "<p class='asterism'>* * *</p>", "<div class='divider'>⁂</div>"))
        elif k == 5 and r < 0.5:
            head = short(rng, p.lang, rng.randint(2, 5))
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        elif k == 5 and r < 0.8:
            pitch = sentence(rng, p.lang)
            p.add(f"<div class='{p.pick('inline-newsletter', 'signup-inline', 'nl-box')}'><p>{esc(pitch)}</p><input type='email'>"
                  "<button>Sign up</button></div>")
    bio = sentence(rng, p.lang)
    p.add(f"</div><div class='{p.pick('author-box', 'contributor', 'about-author')}'><img src='/au.jpg'><p><b>{p.pick(*PEOPLE)}</b> {esc(bio)}</p></div>"
          f"<p class='issue-note'>This article appears in the {p.pick('March', 'June', 'October')} issue.</p>"
          f"</article><section class='{p.pick('more-longreads', 'series', 'read-next')}'><h2>More long reads</h2>{teaser_rail(p, rng.randint(3, 5))}</section>"
          + footer_block(p))


def museum_object_page(p: Page) -> None:
    """A museum object's page: facts, then Description / Provenance / Exhibitions / Bibliography in Foundation's tabs, visitors' comments."""
    rng = p.rng
    p.add(prose_chrome(p) + site_header(p) + f"<div class='{p.pick('object-page', 'collection-item', 'grid-container')}'>"
          f"<div class='object-media'><img src='/o.jpg'><button>Zoom</button><button>Download image</button></div>"
          f"<h1>{esc(title(rng, p.lang))}</h1>")
    facts = [(k, short(rng, p.lang, rng.randint(1, 4))) for k in rng.sample(["Date", "Medium", "Dimensions", "Object number", "Maker", "Place"], 4)]
    p.add("<table class='object-facts'>" + "".join(f"<tr><th>{k}</th><td>{esc(v)}</td></tr>" for k, v in facts) + "</table>",
          tuple(f"{k} {v}" for k, v in facts))
    description = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    provenance = [sentence(rng, p.lang) for _ in range(rng.randint(2, 4))]
    exhibitions = [f"{short(rng, p.lang, rng.randint(3, 6))}, {rng.randint(1950, 2023)}" for _ in range(rng.randint(2, 4))]
    biblio = [f"{p.pick(*PEOPLE)}, {short(rng, p.lang, rng.randint(3, 6))} ({rng.randint(1960, 2023)}), p. {rng.randint(1, 300)}"
              for _ in range(rng.randint(2, 4))]
    panels = [("desc", "Description", "".join(f"<p>{esc(t)}</p>" for t in description)),
              ("prov", "Provenance", "<ol>" + "".join(f"<li>{esc(t)}</li>" for t in provenance) + "</ol>"),
              ("exh", "Exhibition history", "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in exhibitions) + "</ul>"),
              ("bib", "Bibliography", "<ul class='biblio'>" + "".join(f"<li>{esc(t)}</li>" for t in biblio) + "</ul>")]
    p.add("<ul class='tabs' data-tabs id='object-tabs' role='tablist'>" + "".join(
        f"<li class='tabs-title{' is-active' if i == 0 else ''}' role='presentation'><a href='#{k}' role='tab' aria-controls='{k}' "
        f"aria-selected='{str(i == 0).lower()}' id='{k}-label'>{label}</a></li>" for i, (k, label, _) in enumerate(panels)) + "</ul>"
          "<div class='tabs-content' data-tabs-content='object-tabs'>" + "".join(
        f"<div class='tabs-panel{' is-active' if i == 0 else ''}' id='{k}' role='tabpanel' aria-labelledby='{k}-label'"
        f"{'' if i == 0 else ARIA_CLOSED}>{body}</div>" for i, (k, _, body) in enumerate(panels)) + "</div>",
          (*description, *provenance, *exhibitions, *biblio))
    if rng.random() < 0.7:
        comments = "".join(f"<div class='{p.pick('comment', 'note', 'entry')}'><p class='meta'>{p.pick(*PEOPLE)} · {when_posted(p)}</p>"
                           f"<p>{esc(paragraph(rng, p.lang, 1, 2))}</p></div>" for _ in range(rng.randint(2, 4)))
        p.add(f"<section class='{p.pick('visitor-comments', 'responses', 'community')}'><h2>Visitors' comments</h2>{comments}"
              "<form><textarea></textarea><button>Post</button></form></section>")
    p.add(f"</div><section class='{p.pick('related-objects', 'more-like-this', 'carousel')}'><h2>Related objects</h2>"
          f"<ul>{links_list(p, rng.randint(4, 8), 3)}</ul></section>" + footer_block(p))


ROUND11_FAMILIES = {"kb_faq_page": kb_faq_page, "gov_guide_page": gov_guide_page, "product_qa_page": product_qa_page,
                    "longread_page": longread_page, "museum_object_page": museum_object_page}


# --------------------------------------------------------------------------- #
# Round 12's page-type families (written and measured before round 12 changed the
# extractor; never tuned on): an archive's or a catalogue's record whose descriptions
# sit in tabs written in five markups (Bootstrap's panes closed by the missing
# ``active`` class alone, WAI-ARIA tabs closed by ``hidden``, Foundation's closed by
# ``aria-hidden``, jQuery UI's by ``aria-hidden`` and ``display: none``, ``<details>``)
# with researchers' comments in one of the tabs; product pages of other shop systems
# (WooCommerce, Shopify's Dawn, PrestaShop, Shopware, BigCommerce) with description,
# specifications, care and a Q&A or reviews tab; an encyclopedia's reference page with
# an infobox, footnote markers, a references list, "See also" and a navbox; an
# academic abstract's page (a journal's, a repository's, a preprint server's) with
# authors, affiliations, a structured abstract, keywords, a cite box and a closed
# references tab; a news story split over pages ("page 2 of 3" links).
# Gold, by WCXB's convention as rounds 7-11: closed panels of the page's own content are
# content; users' posts (comments, reviews, questions), headlines, bylines, authors and
# affiliations, captions, infoboxes, reference lists, "See also" and link lists, keywords,
# cite boxes, pagers, forms, buttons and rails are not. Footnote markers stay where they
# are in the text ("[2]"). A paged story's gold is the part this page prints.
# --------------------------------------------------------------------------- #


NOT_FOCUSED, SELECTED, ACTIVE = ' tabindex="-1"', ' aria-selected="true"', ' class="active"'


def tab_markup(p: Page, panels: list[tuple[str, str, str]], style: int) -> str:
    """``(key, label, body)`` panels as five tab libraries render them, the first open, the others closed."""
    sid = p.rng.randint(1, 99)
    if style == 0:  # Bootstrap 5: a closed pane is closed only by lacking "show active" (the CSS hides .tab-pane)
        return (f"<ul class='nav nav-tabs' id='rec-{sid}' role='tablist'>" + "".join(
            f"<li class='nav-item' role='presentation'><button class='nav-link{' active' if i == 0 else ''}' id='{k}-tab' "
            f"data-bs-toggle='tab' data-bs-target='#{k}' type='button' role='tab' aria-controls='{k}' "
            f"aria-selected='{str(i == 0).lower()}'>{label}</button></li>" for i, (k, label, _) in enumerate(panels))
            + "</ul><div class='tab-content'>" + "".join(
            f"<div class='tab-pane fade{' show active' if i == 0 else ''}' id='{k}' role='tabpanel' aria-labelledby='{k}-tab' "
            f"tabindex='0'>{body}</div>" for i, (k, _, body) in enumerate(panels)) + "</div>")
    if style == 1:  # WAI-ARIA's example: buttons in a tablist, closed panels carry the hidden attribute
        return ("<div class='tabs'><div role='tablist' aria-label='Record'>" + "".join(
            f"<button type='button' role='tab' id='t-{k}' aria-controls='p-{k}' aria-selected='{str(i == 0).lower()}'"
            f"{'' if i == 0 else NOT_FOCUSED}><span class='focus'>{label}</span></button>" for i, (k, label, _) in enumerate(panels))
            + "</div>" + "".join(f"<div id='p-{k}' role='tabpanel' tabindex='0' aria-labelledby='t-{k}'{'' if i == 0 else ' hidden'}>"
                                 f"{body}</div>" for i, (k, _, body) in enumerate(panels)) + "</div>")
    if style == 2:  # Foundation: closed panels aria-hidden
        return (f"<ul class='tabs' data-tabs id='t{sid}' role='tablist'>" + "".join(
            f"<li class='tabs-title{' is-active' if i == 0 else ''}' role='presentation'><a href='#{k}' role='tab' aria-controls='{k}' "
            f"aria-selected='{str(i == 0).lower()}' id='{k}-label'>{label}</a></li>" for i, (k, label, _) in enumerate(panels))
            + f"</ul><div class='tabs-content' data-tabs-content='t{sid}'>" + "".join(
            f"<div class='tabs-panel{' is-active' if i == 0 else ''}' id='{k}' role='tabpanel' aria-labelledby='{k}-label'"
            f"{'' if i == 0 else ARIA_CLOSED}>{body}</div>" for i, (k, _, body) in enumerate(panels)) + "</div>")
    if style == 3:  # jQuery UI as rendered: closed panels aria-hidden and display:none
        return ("<div id='tabs' class='ui-tabs ui-corner-all ui-widget ui-widget-content'><ul role='tablist' class='ui-tabs-nav "
                "ui-corner-all ui-helper-reset ui-helper-clearfix ui-widget-header'>" + "".join(
            f"<li role='tab' tabindex='{0 if i == 0 else -1}' class='ui-tabs-tab ui-corner-top ui-state-default ui-tab"
            f"{' ui-tabs-active ui-state-active' if i == 0 else ''}' aria-controls='{k}' aria-labelledby='ui-id-{i}' "
            f"aria-selected='{str(i == 0).lower()}' aria-expanded='{str(i == 0).lower()}'><a href='#{k}' class='ui-tabs-anchor' "
            f"id='ui-id-{i}'>{label}</a></li>" for i, (k, label, _) in enumerate(panels)) + "</ul>" + "".join(
            f"<div id='{k}' aria-labelledby='ui-id-{i}' role='tabpanel' class='ui-tabs-panel ui-corner-bottom ui-widget-content' "
            f"aria-hidden='{str(i != 0).lower()}'{'' if i == 0 else CLOSED_STYLE}>{body}</div>"
            for i, (k, _, body) in enumerate(panels)) + "</div>")
    return "".join(f"<details class='record-section'{' open' if i == 0 else ''}><summary><h2>{label}</h2></summary>"
                   f"<div class='record-section__body'>{body}</div></details>" for i, (_, label, body) in enumerate(panels))


def researcher_comment(p: Page) -> str:
    """A reader's comment on a record: a name, a date, a sentence or two."""
    return (f"<div class='{p.pick('user-comment', 'annotation', 'note')}'><p class='meta'><b>{p.pick(*PEOPLE)}</b> "
            f"{when_posted(p)}</p><p>{esc(paragraph(p.rng, p.lang, 1, 2))}</p><a href='#'>Reply</a></div>")


def archive_record_page(p: Page) -> None:
    """An archive's or catalogue's record: identity facts, then Scope / History / Arrangement / Access tabs, readers' comments."""
    rng = p.rng
    p.add(prose_chrome(p) + hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main class='{p.pick('record', 'catalogue-record', 'container')}'><h1>{esc(title(rng, p.lang))}</h1>"
          "<div class='record-actions'><button>Request this item</button> <button>Save to list</button> <a href='#cite'>Cite</a></div>")
    facts = [(k, short(rng, p.lang, rng.randint(1, 4))) for k in
             rng.sample(["Reference code", "Date", "Level of description", "Extent", "Creator", "Language", "Held by"], 4)]
    p.add(p.pick("<dl class='record-facts'>" + "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in facts) + "</dl>",
                 "<table class='table record-facts'>" + "".join(f"<tr><th>{k}</th><td>{esc(v)}</td></tr>" for k, v in facts) + "</table>"),
          tuple(f"{k} {v}" for k, v in facts))
    scope = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    history = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 2))]
    arrangement = sentence(rng, p.lang)
    access = [sentence(rng, p.lang) for _ in range(rng.randint(1, 2))]
    series = [short(rng, p.lang, rng.randint(3, 6)) for _ in range(rng.randint(3, 5))]
    panels = [("scope", "Scope and content", "".join(f"<p>{esc(t)}</p>" for t in scope)),
              ("hist", "Administrative history", "".join(f"<p>{esc(t)}</p>" for t in history)),
              ("arr", "Arrangement", f"<p>{esc(arrangement)}</p><ul>" + "".join(f"<li>{esc(s)}</li>" for s in series) + "</ul>"),
              ("access", "Access and use", "".join(f"<p>{esc(t)}</p>" for t in access))]
    gold = [*scope, *history, arrangement, *series, *access]
    if rng.random() < 0.6:  # readers' comments in a tab of their own: users' posts, not the record
        comments = "".join(researcher_comment(p) for _ in range(rng.randint(2, 4)))
        panels.append(("notes", "Comments", f"<div class='comments'>{comments}<form><textarea></textarea><button>Add a comment</button></form></div>"))
    p.add(tab_markup(p, panels, rng.randrange(5)), tuple(gold))
    p.add(f"<div id='cite' class='{p.pick('citation-box', 'cite-this', 'how-to-cite')}'><h2>Cite this record</h2>"
          f"<p><code>{esc(short(rng, p.lang, 5))}, {rng.randint(1800, 1990)}, ref. {rng.randint(100, 9999)}</code></p>"
          "<button>Copy</button></div></main>"
          f"<aside class='{p.pick('related-records', 'see-also', 'more-records')}'><h2>Related records</h2><ul>{links_list(p, rng.randint(4, 7), 4)}</ul></aside>"
          + footer_block(p))


def shop_question(p: Page) -> str:
    """A customer's dated question with an answer, as shop Q&A widgets print it."""
    return user_question(p, p.rng.randint(1, 99))


def shop_spec_page(p: Page) -> None:
    """A product page of one of five shop systems: description, specifications, care, and a Q&A or reviews tab."""
    rng = p.rng
    name = f"{short(rng, p.lang, 2).title()} {rng.choice('CFHNPW')}{rng.randint(10, 999)}"
    system = rng.randrange(5)
    description = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(1, 3))]
    bullets = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(0, 4))]
    specs = [(short(rng, p.lang, 1).title(), f"{rng.randint(1, 900)} {rng.choice(['mm', 'g', 'W', 'mAh', 'cm', 'l'])}")
             for _ in range(rng.randint(3, 7))]
    care = [sentence(rng, p.lang) for _ in range(rng.randint(1, 2))]
    desc_html = "".join(f"<p>{esc(t)}</p>" for t in description) + (
        "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in bullets) + "</ul>" if bullets else "")
    spec_html = p.pick("<table class='shop_attributes'>" + "".join(f"<tr><th>{esc(k)}</th><td><p>{v}</p></td></tr>" for k, v in specs) + "</table>",
                       "<dl class='product-specs'>" + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in specs) + "</dl>",
                       "<ul class='spec-list'>" + "".join(f"<li><span class='label'>{esc(k)}</span> <span class='value'>{v}</span></li>" for k, v in specs) + "</ul>")
    care_html = "".join(f"<p>{esc(t)}</p>" for t in care)
    posts = p.pick("questions", "reviews")
    post_html = ("".join(shop_question(p) for _ in range(rng.randint(2, 4))) if posts == "questions"
                 else "".join(user_review(p, i) for i in range(rng.randint(2, 4))))
    panels = [("description", "Description", desc_html), ("specification", "Specifications", spec_html),
              ("care", "Care", care_html), (posts, "Questions & answers" if posts == "questions" else "Reviews", post_html)]
    gold = (*description, *bullets, *(f"{k} {v}" for k, v in specs), *care)
    head = (f"<h1 class='product_title entry-title'>{esc(name)}</h1><p class='price'>{rng.randint(5, 900)},{rng.randint(10, 99)} €</p>"
            "<form class='cart'><input type='number' value='1'><button type='submit'>Add to cart</button></form>")
    p.add(prose_chrome(p) + site_header(p) + breadcrumbs(p))
    if system == 0:  # WooCommerce: ul.wc-tabs of li[role=tab], panels display:none until clicked
        p.add(f"<div class='product type-product'><div class='woocommerce-product-gallery'><img src='/w.jpg'></div>"
              f"<div class='summary entry-summary'>{head}</div><div class='woocommerce-tabs wc-tabs-wrapper'>"
              "<ul class='tabs wc-tabs' role='tablist'>" + "".join(
                  f"<li class='{k}_tab{' active' if i == 0 else ''}' id='tab-title-{k}' role='tab' aria-controls='tab-{k}'>"
                  f"<a href='#tab-{k}'>{label}</a></li>" for i, (k, label, _) in enumerate(panels)) + "</ul>" + "".join(
                  f"<div class='woocommerce-Tabs-panel woocommerce-Tabs-panel--{k} panel entry-content wc-tab' id='tab-{k}' "
                  f"role='tabpanel' aria-labelledby='tab-title-{k}'{'' if i == 0 else CLOSED_STYLE}><h2>{label}</h2>{body}</div>"
                  for i, (k, label, body) in enumerate(panels)) + "</div></div>",
              gold)
    elif system == 1:  # Shopify's Dawn: the description open, the rest in <details> collapsibles
        p.add(f"<section class='product'><div class='product__media-wrapper'><img src='/s.jpg'></div><div class='product__info-wrapper'>"
              f"{head}<div class='product__description rte'>{desc_html}</div>" + "".join(
                  f"<div class='product__accordion accordion'><details id='Details-{k}'><summary><div class='summary__title'>"
                  f"<h2 class='h4 accordion__title'>{label}</h2></div></summary><div class='accordion__content rte' id='ProductAccordion-{k}'>"
                  f"{body}</div></details></div>" for k, label, body in panels[1:]) + "</div></section>", gold)
    elif system == 2:  # PrestaShop 1.7: Bootstrap 4 nav-tabs, closed panes by class alone
        p.add(f"<div class='product-container row'><div class='col-md-6'><img src='/ps.jpg'></div><div class='col-md-6'>{head}"
              "<div class='tabs'><ul class='nav nav-tabs' role='tablist'>" + "".join(
                  f"<li class='nav-item'><a class='nav-link{' active' if i == 0 else ''}' data-toggle='tab' href='#{k}' role='tab' "
                  f"aria-controls='{k}'{SELECTED if i == 0 else ''}>{label}</a></li>" for i, (k, label, _) in enumerate(panels))
              + "</ul><div class='tab-content' id='tab-content'>" + "".join(
                  f"<div class='tab-pane fade{' in active' if i == 0 else ''}' id='{k}' role='tabpanel'>{body}</div>"
                  for i, (k, _, body) in enumerate(panels)) + "</div></div></div></div>", gold)
    elif system == 3:  # Shopware 6: Bootstrap 5 tabs with role=tab links, closed panes by class alone
        p.add(f"<div class='product-detail'><div class='product-detail-buy'>{head}</div><div class='product-detail-tabs'>"
              "<div class='card card-tabs'><div class='card-header product-detail-tab-navigation'><ul class='nav nav-tabs "
              "product-detail-tab-navigation-list' role='tablist'>" + "".join(
                  f"<li class='nav-item'><a class='nav-link product-detail-tab-navigation-link{' active' if i == 0 else ''}' "
                  f"id='{k}-tab' data-bs-toggle='tab' href='#{k}-tab-pane' role='tab' aria-controls='{k}-tab-pane' "
                  f"aria-selected='{str(i == 0).lower()}'>{label}</a></li>" for i, (k, label, _) in enumerate(panels))
              + "</ul></div><div class='product-detail-tabs-content card-body'><div class='tab-content'>" + "".join(
                  f"<div class='tab-pane fade{' show active' if i == 0 else ''}' id='{k}-tab-pane' role='tabpanel' "
                  f"aria-labelledby='{k}-tab'><div class='product-detail-{k}'>{body}</div></div>" for i, (k, _, body) in enumerate(panels))
              + "</div></div></div></div></div>", gold)
    else:  # BigCommerce Cornerstone: data-tab links, closed contents lack "is-active"
        p.add(f"<div class='productView'><section class='productView-details'>{head}</section><article class='productView-description'>"
              "<ul class='tabs' data-tab role='tablist'>" + "".join(
                  f"<li class='tab{' is-active' if i == 0 else ''}' role='presentation'><a class='tab-title' href='#tab-{k}' role='tab' "
                  f"tabindex='0' aria-selected='{str(i == 0).lower()}' aria-controls='tab-{k}'>{label}</a></li>"
                  for i, (k, label, _) in enumerate(panels)) + "</ul><div class='tabs-contents'>" + "".join(
                  f"<div role='tabpanel' aria-hidden='{str(i != 0).lower()}' class='tab-content{' is-active' if i == 0 else ''}' "
                  f"id='tab-{k}'>{body}</div>" for i, (k, _, body) in enumerate(panels)) + "</div></article></div>", gold)
    cards = "".join(f"<li class='{p.pick('product', 'card', 'grid__item')}'><a href='/p/{i}'>{esc(short(rng, p.lang, 3).title())}</a>"
                    f"<span class='price'>{rng.randint(5, 300)} €</span><button>Add to cart</button></li>" for i in range(rng.randint(3, 6)))
    p.add(f"<section class='{p.pick('related products', 'upsells', 'product-recommendations')}'><h2>Related products</h2><ul>{cards}</ul></section>"
          + footer_block(p))


def reference_page(p: Page) -> None:
    """An encyclopedia's entry (not MediaWiki's classes): an infobox, a lead, sections with footnote markers, references, see also, a navbox."""
    rng = p.rng
    name = short(rng, p.lang, 2).title()
    p.add(prose_chrome(p) + site_header(p) + f"<div class='{p.pick('entry-page', 'encyclopedia', 'topic')}'>"
          f"<h1 class='{p.pick('entry-title', 'topic-title', 'title')}'>{esc(name)}</h1>"
          f"<div class='entry-meta'>Last updated {when_posted(p)} · <a href='#history'>History</a> · <a href='#talk'>Discuss</a></div>")
    facts = [(short(rng, p.lang, 1).title(), short(rng, p.lang, rng.randint(1, 3))) for _ in range(rng.randint(4, 8))]
    p.add(p.pick(
        f"<table class='infobox vcard'><caption>{esc(name)}</caption><tr><td colspan='2'><img src='/i.png'><div>{esc(short(rng, p.lang, 4))}</div></td></tr>"
        + "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts) + "</table>",
        f"<aside class='{p.pick('fact-box', 'quick-facts', 'summary-card')}'><h2>Quick facts</h2><dl>"
        + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts) + "</dl></aside>"))
    refs: list[str] = []

    def marked(text: str) -> tuple[str, str]:
        """``text`` with a footnote marker after its first sentence, as markup and as shown."""
        refs.append(f"{p.pick(*PEOPLE)}, {short(rng, p.lang, rng.randint(3, 7))} ({rng.randint(1950, 2024)}), p. {rng.randint(1, 400)}.")
        n = len(refs)
        head, dot, tail = text.partition(". ")
        if not dot:
            return esc(text), text
        return (f"{esc(head)}.<sup class='reference' id='cite-ref-{n}'><a href='#cite-note-{n}'>[{n}]</a></sup> {esc(tail)}",
                f"{head}.[{n}] {tail}")

    lead = paragraph(rng, p.lang, 2, 4)
    html, shown = marked(lead)
    p.add(f"<p><b>{esc(name)}</b> {html}</p>", (f"{name} {shown}",))
    p.add(f"<div class='toc'><h2>Contents</h2><ol>{links_list(p, rng.randint(3, 5), 2)}</ol></div>")
    for _ in range(rng.randint(2, 4)):
        head = short(rng, p.lang, rng.randint(1, 3))
        p.add(f"<h2 id='s{rng.randint(1, 999)}'>{esc(head)}</h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 2, 4)
            html, shown = marked(text) if rng.random() < 0.6 else (esc(text), text)
            p.add(f"<p>{html}</p>", (shown,))
    p.add("<h2>See also</h2><ul class='see-also'>" + links_list(p, rng.randint(2, 5), 2) + "</ul>")
    p.add(p.pick(
        "<h2 id='references'>References</h2><ol class='references'>" + "".join(
            f"<li id='cite-note-{i}'><a href='#cite-ref-{i}'>^</a> <cite>{esc(r)}</cite></li>" for i, r in enumerate(refs, 1)) + "</ol>",
        "<section class='footnotes' role='doc-endnotes'><h2>Notes</h2><ol>" + "".join(
            f"<li id='cite-note-{i}' role='doc-endnote'>{esc(r)} <a href='#cite-ref-{i}' role='doc-backlink'>↩</a></li>"
            for i, r in enumerate(refs, 1)) + "</ol></section>",
        "<div id='bibliography'><h2>Sources</h2>" + "".join(f"<p class='ref'>[{i}] {esc(r)}</p>" for i, r in enumerate(refs, 1)) + "</div>"))
    p.add("<h2>External links</h2><ul class='external'>" + links_list(p, rng.randint(2, 4), 4) + "</ul>")
    p.add("<div class='navbox'><div class='navbox-title'>Topics</div>" + " · ".join(
        f"<a href='/t/{k}'>{esc(short(rng, p.lang, 2))}</a>" for k in range(rng.randint(8, 16))) + "</div>"
          f"<div class='categories'>Categories: <a href='/c1'>{esc(short(rng, p.lang, 2))}</a></div></div>" + footer_block(p))


def abstract_page(p: Page) -> None:
    """An article's abstract page at a journal, a repository or a preprint server: authors, abstract, keywords, cite box, closed references."""
    rng = p.rng
    authors = [p.pick("A. Moreau", "K. Jansen", "L. Ferreira", "M. Rossi", "T. Weber", "S. Ortega") for _ in range(rng.randint(2, 5))]
    structured = rng.random() < 0.4
    parts = ([(h, paragraph(rng, p.lang, 1, 2)) for h in ("Background", "Methods", "Results", "Conclusions")]
             if structured else [("", paragraph(rng, p.lang, 3, 6)) for _ in range(rng.randint(1, 2))])
    abstract_html = "".join((f"<h3>{h}</h3>" if h else "") + f"<p>{esc(t)}</p>" for h, t in parts)
    gold = tuple(x for h, t in parts for x in ((h, t) if h else (t,)))
    keywords = [short(rng, p.lang, rng.randint(1, 2)) for _ in range(rng.randint(3, 6))]
    refs = "".join(f"<li>{p.pick(*PEOPLE)} ({rng.randint(1990, 2024)}). {esc(short(rng, p.lang, 6))}. <i>J. {esc(short(rng, p.lang, 2))}</i>, "
                   f"{rng.randint(1, 80)}, {rng.randint(1, 900)}. <a href='#'>Crossref</a></li>" for _ in range(rng.randint(4, 10)))
    cite = (f"<div class='{p.pick('cite-box', 'how-to-cite', 'citation')}'><h2>How to cite</h2><p>{esc(', '.join(authors))} "
            f"({rng.randint(2015, 2025)}). {esc(title(rng, p.lang))}. <i>Journal</i>, {rng.randint(1, 40)}({rng.randint(1, 12)}).</p>"
            "<button>Copy citation</button> <a href='#'>BibTeX</a> <a href='#'>RIS</a></div>")
    head = (f"<h1 class='{p.pick('page_title', 'article-title', 'citation_title')}'>{esc(title(rng, p.lang))}</h1>"
            f"<ul class='authors'>" + "".join(f"<li><span class='name'>{a}</span><span class='affiliation'>{esc(short(rng, p.lang, 4))}</span></li>"
                                              for a in authors) + "</ul>")
    kw = "<div class='keywords'><span class='label'>Keywords:</span> " + ", ".join(
        f"<a href='/search?kw={i}'>{esc(k)}</a>" for i, k in enumerate(keywords)) + "</div>"
    p.add(prose_chrome(p) + site_header(p))
    style = rng.randrange(4)
    if style == 0:  # OJS: the abstract in an item section, galley links, references shown further down
        p.add(f"<div class='page page_article'><article class='obj_article_details'>{head}<div class='row'><div class='main_entry'>"
              f"<section class='item abstract'><h2 class='label'>Abstract</h2>{abstract_html}</section>{kw}"
              f"<section class='item references'><h2 class='label'>References</h2><ul>{refs}</ul></section></div>"
              f"<div class='entry_details'><div class='item galleys'><a class='obj_galley_link pdf' href='#'>PDF</a></div>{cite}</div>"
              "</div></article></div>", gold)
    elif style == 1:  # DSpace: the abstract in a simple item view, files and metadata fields
        p.add(f"<div id='ds-main'><div class='item-summary-view-metadata'>{head}<div class='simple-item-view-description item-page-field-wrapper'>"
              f"<h5>Abstract</h5><div>{abstract_html}</div></div>{kw}<div class='simple-item-view-uri'><h5>URI</h5>"
              f"<a href='#'>http://hdl.handle.net/{rng.randint(1000, 9999)}/{rng.randint(1, 99999)}</a></div>"
              "<div class='file-list'><a href='#'>View/Open</a></div></div></div>", gold)
    elif style == 2:  # a preprint server: the abstract in a blockquote with a descriptor
        p.add(f"<div id='abs'><div class='dateline'>[Submitted on {when_posted(p)}]</div>{head}"
              f"<blockquote class='abstract mathjax'><span class='descriptor'>Abstract:</span>{abstract_html}</blockquote>"
              f"<div class='metatable'><table><tr><td class='tablecell label'>Subjects:</td><td>{esc(short(rng, p.lang, 3))}</td></tr>"
              f"<tr><td class='tablecell label'>Cite as:</td><td>arXiv:{rng.randint(1000, 2999)}.{rng.randint(10000, 99999)}</td></tr></table></div>"
              "<div class='extra-services'><h2>Access Paper:</h2><ul><li><a href='#'>View PDF</a></li><li><a href='#'>Other Formats</a></li></ul></div></div>",
              gold)
    else:  # a publisher's page: Abstract / References / Cited by / Metrics tabs (closed panes aria-hidden)
        panels = [("abs", "Abstract", abstract_html + kw), ("refs", "References", f"<ol class='references'>{refs}</ol>"),
                  ("cited", "Cited by", f"<ul>{links_list(p, rng.randint(2, 5), 6)}</ul>"),
                  ("metrics", "Metrics", f"<p>{rng.randint(100, 9000)} downloads · {rng.randint(1, 90)} citations</p>")]
        p.add(f"<main class='article-page'>{head}<div class='article-actions'><a href='#'>Download PDF</a> <button>Share</button></div>"
              + tab_markup(p, panels, rng.choice([1, 2, 3])) + cite + "</main>", gold)
    p.add(f"<aside class='{p.pick('recommended', 'related-articles', 'sidebar')}'><h2>Recommended articles</h2><ul>"
          f"{links_list(p, rng.randint(3, 6), 7)}</ul></aside>" + footer_block(p))


PAGE_WORDS = {"en": ("Page", "Next", "Previous", "Continue reading"), "de": ("Seite", "Weiter", "Zurück", "Weiterlesen"),
              "es": ("Página", "Siguiente", "Anterior", "Sigue leyendo"), "it": ("Pagina", "Successiva", "Precedente", "Continua a leggere"),
              "pt": ("Página", "Próxima", "Anterior", "Continue lendo"), "nl": ("Pagina", "Volgende", "Vorige", "Lees verder")}


def paged_news_page(p: Page) -> None:
    """One page of a news story split over several ("page 2 of 3"): the part printed here, a pager, teasers, comments count."""
    rng = p.rng
    word, nxt, prev, more = PAGE_WORDS.get(p.lang, PAGE_WORDS["en"])
    pages = rng.randint(2, 5)
    here = rng.randint(1, pages)
    p.add(prose_chrome(p) + hidden_chrome(p) + site_header(p) + cookie_banner(p)
          + f"<main><article class='{p.pick('article', 'story', 'post-single')}'><h1>{esc(title(rng, p.lang))}</h1>" + byline_block(p))
    if here > 1:
        p.add(f"<p class='page-indicator'>{word} {here} / {pages}</p>")
    p.add(f"<div class='{p.pick('article-body', 'story-text', 'entry-content')}'>")
    for k in range(rng.randint(3, 7)):
        text = paragraph(rng, p.lang, 2, 5)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if k == 1 and rng.random() < 0.4:
            head = short(rng, p.lang, rng.randint(2, 5))
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        if k == 2 and rng.random() < 0.4:
            p.add(f"<div class='{p.pick('inline-teaser', 'read-also', 'embed-link')}'><b>{p.pick('Read also', 'See also', 'Lees ook')}:</b> "
                  f"<a href='/n/{rng.randint(1, 999)}'>{esc(short(rng, p.lang, 7))}</a></div>")
    if here < pages and rng.random() < 0.6:
        p.add(f"<p class='{p.pick('continue', 'next-page-teaser', 'more')}'><a href='?page={here + 1}' rel='next'>{more} "
              f"({word} {here + 1}) →</a></p>")
    nums = "".join(f"<li{ACTIVE if i == here else ''}><a href='?page={i}'>{i}</a></li>" for i in range(1, pages + 1))
    p.add("</div>" + p.pick(
        f"<nav class='pagination' aria-label='{word}'><ul>"
        + (f"<li><a href='?page={here - 1}' rel='prev'>« {prev}</a></li>" if here > 1 else "") + nums
        + (f"<li><a href='?page={here + 1}' rel='next'>{nxt} »</a></li>" if here < pages else "") + "</ul></nav>",
        f"<div class='article-pager'>{word} {here} / {pages} "
        + " ".join(f"<a href='?p={i}'>{i}</a>" for i in range(1, pages + 1) if i != here)
        + (f" <a class='next' href='?p={here + 1}'>{nxt}</a>" if here < pages else "") + "</div>",
        f"<ul class='pager'>{nums}</ul><p><a href='?all=1'>{p.pick('View as single page', 'Show all pages', 'Alles auf einer Seite')}</a></p>"))
    p.add(share_bar(p) + "</article>" + p.pick(related_block(p), recommendation_widget(p), newsletter_box(p))
          + f"<div class='comment-count'><a href='#comments'>{rng.randint(2, 90)} comments</a></div></main>" + sidebar_block(p) + footer_block(p))


ROUND12_FAMILIES = {"archive_record_page": archive_record_page, "shop_spec_page": shop_spec_page, "reference_page": reference_page,
                    "abstract_page": abstract_page, "paged_news_page": paged_news_page}


# --------------------------------------------------------------------------- #
# Round 13's families (written before round 13 changed the extractor, never tuned on):
# documentation pages beside a sidebar table of contents, recipe blogs with a
# jump-to-recipe card after a long story, forum threads whose first post is the
# content (four forum engines), obituaries on funeral homes' sites with a tribute
# wall, AMP news pages (amp-img, amp-accordion, amp-sidebar, amp-ad). Gold by
# WCXB's convention, as rounds 7-12: the page's own prose, sub-headings, lists,
# code, tables, admonitions and closed sections are content; headlines, bylines,
# captions and credits, tables of contents, "edit this page" and feedback widgets,
# users' posts (replies, tribute messages, comments), buttons, ads and rails are not.
# --------------------------------------------------------------------------- #

CODE_LINES = ("pip install harbour-tools", "export HARBOUR_HOME=/opt/harbour", "harbour init --region north",
              "from harbour import Client", "client = Client(timeout=30)", "result = client.fetch('bridges')",
              "print(result.status)", "harbour sync --all --dry-run", "curl -s https://api.example.org/v2/tides",
              "config.set('retries', 5)")


def code_block(p: Page) -> tuple[str, str]:
    """A code sample as documentation sites render it: ``(markup, gold text)``; the gold is the code's lines."""
    lines = p.rng.sample(CODE_LINES, p.rng.randint(1, 4))
    body = "\n".join(esc(line) for line in lines)
    markup = p.pick(f"<pre><code class='language-python'>{body}</code></pre>",
                    f"<div class='highlight-python notranslate'><div class='highlight'><pre><span></span>{body}</pre></div></div>",
                    f"<div class='codehilite'><pre><span></span><code>{body}</code></pre></div>"
                    "<button class='md-clipboard' title='Copy to clipboard'></button>",
                    f"<div class='theme-code-block'><pre class='prism-code'><code>{body}</code></pre>"
                    "<button class='clean-btn' aria-label='Copy code to clipboard'>Copy</button></div>")
    return markup, "\n".join(lines)


def docs_sidebar_page(p: Page) -> None:
    """A documentation page (Sphinx, MkDocs Material, Docusaurus, a GitBook-like theme): a sidebar table of
    contents, the page's prose with code blocks and admonitions, "On this page", edit link, prev/next, feedback."""
    rng = p.rng
    toc = "".join(f"<li class='toctree-l1'><a class='reference internal' href='/docs/{i}'>{esc(short(rng, p.lang, rng.randint(1, 3)))}</a></li>"
                  for i in range(rng.randint(8, 18)))
    side = p.pick(f"<nav class='wy-nav-side'><div class='wy-menu wy-menu-vertical'><ul>{toc}</ul></div></nav>",
                  f"<nav class='md-nav md-nav--primary' aria-label='Navigation'><ul class='md-nav__list'>{toc}</ul></nav>",
                  f"<aside class='theme-doc-sidebar-container'><nav class='menu'><ul class='theme-doc-sidebar-menu menu__list'>{toc}</ul></nav></aside>",
                  f"<div class='book-summary'><ul class='summary'>{toc}</ul></div>")
    p.add(hidden_chrome(p) + p.pick("<div class='version-banner'>You are reading the docs of version 2.1. "
                                   "<a href='/latest'>Switch to latest</a></div>", "")
          + f"<div class='{p.pick('wy-grid-for-nav', 'md-container', 'main-wrapper', 'book')}'>" + side)
    p.add(f"<div class='{p.pick('rst-content', 'md-content', 'theme-doc-markdown markdown', 'page-inner')}' role='main'>"
          + p.pick(f"<div role='navigation' aria-label='breadcrumbs'><ul class='wy-breadcrumbs'><li><a href='/'>Docs</a> »</li>"
                   f"<li>{esc(short(rng, p.lang, 2))}</li></ul></div>", "")
          + f"<h1>{esc(title(rng, p.lang))}<a class='headerlink' href='#top' title='Permalink'>¶</a></h1>")
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    heads = []
    for s in range(rng.randint(2, 4)):
        head = short(rng, p.lang, rng.randint(2, 4))
        heads.append(head)
        p.add(f"<h2 id='s{s}'>{esc(head)}<a class='headerlink' href='#s{s}'>¶</a></h2>", (head,))
        for _ in range(rng.randint(1, 2)):
            text = paragraph(rng, p.lang, 1, 3)
            p.add(f"<p>{esc(text)}</p>", (text,))
        if rng.random() < 0.7:
            markup, code = code_block(p)
            p.add(markup, tuple(code.splitlines()))
        if rng.random() < 0.35:
            note = sentence(rng, p.lang)
            kind = p.pick("Note", "Warning", "Tip")
            p.add(p.pick(f"<div class='admonition {kind.lower()}'><p class='admonition-title'>{kind}</p><p>{esc(note)}</p></div>",
                         f"<div class='theme-admonition alert alert--info'><div class='admonitionHeading'>{kind}</div>"
                         f"<div class='admonitionContent'><p>{esc(note)}</p></div></div>"), (kind, note))
        if rng.random() < 0.3:
            items = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(2, 5))]
            p.add("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", tuple(items))
    p.add(p.pick("<div class='rst-footer-buttons'><a class='btn btn-neutral float-left' href='/prev' rel='prev'>Previous</a>"
                 "<a class='btn btn-neutral float-right' href='/next' rel='next'>Next</a></div>",
                 f"<nav class='pagination-nav' aria-label='Docs pages'><a class='pagination-nav__link' href='/p'><div>Previous</div>"
                 f"<div>{esc(short(rng, p.lang, 3))}</div></a><a class='pagination-nav__link' href='/n'><div>Next</div>"
                 f"<div>{esc(short(rng, p.lang, 3))}</div></a></nav>")
          + p.pick("<div class='feedback'><p>Was this page helpful?</p><button>Yes</button><button>No</button></div>", "")
          + f"<p class='edit-this-page'><a href='https://git.example.org/edit/docs'>Edit this page</a> · Last updated on {when_posted(p)}</p></div>")
    on_page = "".join(f"<li><a href='#s{i}'>{esc(h)}</a></li>" for i, h in enumerate(heads))
    p.add(p.pick(f"<div class='table-of-contents theme-doc-toc-desktop'><ul>{on_page}</ul></div>",
                 f"<nav class='md-nav md-nav--secondary'><label class='md-nav__title'>On this page</label><ul>{on_page}</ul></nav>",
                 f"<aside class='page-toc'><h4>On this page</h4><ul>{on_page}</ul></aside>")
          + "</div>" + p.pick(footer_block(p), "<footer><p>© Copyright 2024, the Harbour developers. Built with Sphinx.</p></footer>"))


def recipe_card(p: Page) -> tuple[str, tuple[str, ...]]:
    """A recipe plug-in's card (WP Recipe Maker, Tasty Recipes, a theme's own): ingredients, steps, notes, nutrition."""
    rng = p.rng
    ingredients = [f"{rng.randint(1, 500)} {rng.choice(['g', 'ml', 'tbsp', 'cups', 'tsp'])} {short(rng, p.lang, rng.randint(1, 4))}"
                   for _ in range(rng.randint(4, 9))]
    steps = [sentence(rng, p.lang) for _ in range(rng.randint(3, 7))]
    notes = [sentence(rng, p.lang) for _ in range(rng.randint(0, 2))]
    times = f"Prep {rng.randint(5, 30)} mins · Cook {rng.randint(10, 90)} mins · Servings {rng.randint(2, 8)}"
    buttons = "<a class='print' href='#print'>Print Recipe</a> <a class='pin' href='#pin'>Pin Recipe</a>"
    rating = f"<div class='recipe-rating'>{'★' * rng.randint(3, 5)} {rng.randint(3, 4)}.{rng.randint(0, 9)} from {rng.randint(4, 900)} votes</div>"
    style = rng.randrange(3)
    if style == 0:
        card = (f"<div id='recipe' class='wprm-recipe-container'><div class='wprm-recipe wprm-recipe-template'>"
                f"<h2 class='wprm-recipe-name'>{esc(title(rng, p.lang))}</h2>{rating}{buttons}<div class='wprm-recipe-times-container'>{times}</div>"
                "<div class='wprm-recipe-ingredients-container'><h3 class='wprm-recipe-header'>Ingredients</h3><ul class='wprm-recipe-ingredients'>"
                + "".join(f"<li class='wprm-recipe-ingredient'>{esc(i)}</li>" for i in ingredients) + "</ul></div>"
                "<div class='wprm-recipe-instructions-container'><h3 class='wprm-recipe-header'>Instructions</h3><ul class='wprm-recipe-instructions'>"
                + "".join(f"<li class='wprm-recipe-instruction'><div class='wprm-recipe-instruction-text'>{esc(s)}</div></li>" for s in steps)
                + "</ul></div>" + ("<div class='wprm-recipe-notes-container'><h3 class='wprm-recipe-header'>Notes</h3>"
                                   + "".join(f"<p>{esc(n)}</p>" for n in notes) + "</div>" if notes else "") + "</div></div>")
    elif style == 1:
        card = (f"<div class='tasty-recipes' id='tasty-recipes-{rng.randint(1, 9999)}'><div class='tasty-recipes-entry-header'>"
                f"<h2 class='tasty-recipes-title'>{esc(title(rng, p.lang))}</h2>{rating}<div class='tasty-recipes-details'>{times}</div>{buttons}</div>"
                "<div class='tasty-recipes-ingredients'><h3>Ingredients</h3><ul>" + "".join(f"<li>{esc(i)}</li>" for i in ingredients)
                + "</ul></div><div class='tasty-recipes-instructions'><h3>Instructions</h3><ol>" + "".join(f"<li>{esc(s)}</li>" for s in steps)
                + "</ol></div>" + ("<div class='tasty-recipes-notes'><h3>Notes</h3>" + "".join(f"<p>{esc(n)}</p>" for n in notes) + "</div>"
                                    if notes else "") + "</div>")
    else:
        card = (f"<section class='recipe-card' itemscope itemtype='https://schema.org/Recipe'><h2 itemprop='name'>{esc(title(rng, p.lang))}</h2>"
                f"{rating}<p class='meta'>{times}</p><h3>Ingredients</h3><ul>" + "".join(
                    f"<li itemprop='recipeIngredient'>{esc(i)}</li>" for i in ingredients) + "</ul><h3>Method</h3><ol>" + "".join(
                    f"<li itemprop='recipeInstructions'>{esc(s)}</li>" for s in steps) + "</ol>"
                + ("<h3>Notes</h3>" + "".join(f"<p>{esc(n)}</p>" for n in notes) if notes else "") + buttons + "</section>")
    heads = ("Ingredients", "Instructions" if style < 2 else "Method")
    gold = (heads[0], *ingredients, heads[1], *steps, *(("Notes", *notes) if notes else ()))
    return card, gold


def jump_recipe_page(p: Page) -> None:
    """A recipe blog's post: a "Jump to Recipe" button, a long story with photos and ads, then the recipe card and comments."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<div class='{p.pick('site-inner', 'content-area', 'wrap')}'><main class='content'>"
          f"<article class='{p.pick('post', 'entry', 'type-post')}'><h1 class='entry-title'>{esc(title(rng, p.lang))}</h1>"
          + byline_block(p) + p.pick("<p class='disclosure'>This post may contain affiliate links. Please read our disclosure policy.</p>", "")
          + "<div class='wprm-recipe-snippet'><a href='#recipe' class='wprm-jump-to-recipe-shortcode'>Jump to Recipe</a> "
          "<a href='#print' class='wprm-recipe-print'>Print Recipe</a></div><div class='entry-content'>")
    for k in range(rng.randint(5, 10)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        r = rng.random()
        if r < 0.35:  # a step photo with a caption sentence, between paragraphs (captions are not gold by convention)
            p.add(p.pick(f"<figure class='wp-block-image size-large'><img src='/step{k}.jpg' alt=''><figcaption>{esc(sentence(rng, p.lang))}</figcaption></figure>",
                         f"<div class='wp-caption aligncenter'><img src='/s{k}.jpg'><p class='wp-caption-text'>{esc(sentence(rng, p.lang))}</p></div>"))
        elif r < 0.5:
            p.add(p.pick("<div class='adthrive-ad adthrive-content'></div>", "<div class='mv-ad-box' data-slotid='content_2'><span>Advertisement</span></div>"))
        elif r < 0.62:
            head = short(rng, p.lang, rng.randint(2, 5))
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        elif r < 0.7:
            tips = [short(rng, p.lang, rng.randint(4, 9)) for _ in range(rng.randint(2, 4))]
            p.add("<ul>" + "".join(f"<li>{esc(t)}</li>" for t in tips) + "</ul>", tuple(tips))
    if rng.random() < 0.5:
        p.add(f"<div class='{p.pick('more-recipes', 'yarpp-related', 'related-posts')}'><h3>You might also like</h3><ul>{links_list(p, 4, 4)}</ul></div>")
    card, gold = recipe_card(p)
    p.add(card, gold)
    p.add("</div>" + share_bar(p) + "</article>" + comments_block(p, rng.randint(2, 7)) + "</main>" + sidebar_block(p) + "</div>" + footer_block(p))


def forum_first_post_page(p: Page) -> None:
    """A forum thread (Discourse, XenForo, phpBB, vBulletin) whose opening post is the content; replies are users' posts."""
    rng = p.rng
    engine = rng.randrange(4)
    first = [paragraph(rng, p.lang, 1, 4) for _ in range(rng.randint(1, 4))]
    code = code_block(p) if rng.random() < 0.3 else None
    first_html = "".join(f"<p>{esc(t)}</p>" for t in first) + (code[0] if code else "")
    first_br = "<br><br>".join(esc(t) for t in first) + (code[0] if code else "")
    gold = (*first, *(code[1].splitlines() if code else ()))
    replies = [(p.pick(*PEOPLE), when_posted(p), paragraph(rng, p.lang, 1, 3)) for _ in range(rng.randint(2, 9))]
    author, when = p.pick(*PEOPLE), when_posted(p)
    head = f"<h1 class='{p.pick('topic-title', 'p-title-value', 'thread-title')}'>{esc(title(rng, p.lang))}</h1>"
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p) + head)
    if engine == 0:  # Discourse
        def post(n: int, who: str, at: str, body: str) -> str:
            return (f"<div class='topic-post' id='post_{n}'><article class='boxed onscreen-post'><div class='topic-avatar'><img src='/a.png'></div>"
                    f"<div class='topic-body'><div class='topic-meta-data'><span class='username'>{who}</span>"
                    f"<div class='post-info post-date'>{at}</div></div><div class='regular contents'><div class='cooked'>{body}</div>"
                    f"<section class='post-menu-area'><button class='like'>{rng.randint(0, 30)}</button><button>Reply</button></section>"
                    "</div></div></article></div>")
        opening, closing, first_body = "<div class='topic-area'><div class='post-stream'>", "</div></div>", first_html
    elif engine == 1:  # XenForo 2
        def post(n: int, who: str, at: str, body: str) -> str:
            return (f"<article class='message message--post js-post' data-author='{who}' id='js-post-{n}'><div class='message-inner'>"
                    f"<div class='message-cell message-cell--user'><h4 class='message-name'>{who}</h4><h5 class='userTitle'>Member</h5></div>"
                    f"<div class='message-cell message-cell--main'><header class='message-attribution'><time>{at}</time><a href='#post-{n}'>#{n}</a></header>"
                    f"<div class='message-content js-messageContent'><div class='message-userContent'><article class='message-body'>"
                    f"<div class='bbWrapper'>{body}</div></article></div></div><footer class='message-footer'><a href='#'>Like</a> "
                    f"<a href='#'>Quote</a> <a href='#'>Reply</a></footer></div></div></article>")
        opening, closing, first_body = "<div class='block-body js-replyNewMessageContainer'>", "</div>", first_br
    elif engine == 2:  # phpBB prosilver
        def post(n: int, who: str, at: str, body: str) -> str:
            return (f"<div id='p{n}' class='post has-profile bg{n % 2 + 1}'><div class='inner'><dl class='postprofile'><dt><a class='username'>{who}</a></dt>"
                    f"<dd class='profile-posts'><strong>Posts:</strong> {rng.randint(1, 900)}</dd></dl><div class='postbody'>"
                    f"<h3><a href='#p{n}'>Re: thread</a></h3><p class='author'>by <strong>{who}</strong> » {at}</p>"
                    f"<div class='content'>{body}</div></div></div></div>")
        opening, closing, first_body = "<div id='page-body'>", "</div>", first_br
    else:  # vBulletin 4
        def post(n: int, who: str, at: str, body: str) -> str:
            return (f"<li class='postbitlegacy postbitim postcontainer' id='post_{n}'><div class='posthead'><span class='postdate'>{at}</span>"
                    f"<span class='nodecontrols'>#{n}</span></div><div class='postdetails'><div class='userinfo'><a class='username'>{who}</a>"
                    f"<span class='usertitle'>Junior Member</span></div><div class='postbody'><div class='postrow'><div class='content'>"
                    f"<div id='post_message_{n}'><blockquote class='postcontent restore'>{body}</blockquote></div></div></div></div></div>"
                    "<div class='postfoot'><a href='#'>Reply With Quote</a></div></li>")
        opening, closing, first_body = "<div id='postlist' class='postlist'><ol id='posts' class='posts'>", "</ol></div>", first_br
    p.add(opening + post(1, author, when, first_body), gold)  # the opening post: the gold
    reply = (lambda text: f"<p>{esc(text)}</p>") if engine == 0 else esc  # Discourse's posts are cooked paragraphs
    p.add("".join(post(n + 2, who, at, reply(text)) for n, (who, at, text) in enumerate(replies)) + closing)
    p.posts.extend(text for _, _, text in replies)
    p.add(p.pick("<div class='pagination'><a href='?page=2'>2</a> <a href='?page=3'>3</a> <a href='?page=2'>Next ›</a></div>", "")
          + f"<div class='{p.pick('suggested-topics', 'similar-threads', 'related-topics')}'><h3>Similar threads</h3><ul>"
          + "".join(support_thread(p, i) for i in range(rng.randint(3, 5))) + "</ul></div>" + footer_block(p))


def obituary_page(p: Page) -> None:
    """An obituary on a funeral home's site: the life story, the service details, a tribute wall, flowers and trees to send."""
    rng = p.rng
    name = f"{p.pick('Margaret', 'Johannes', 'Lucia', 'Henk', 'Rosa', 'William', 'Elena')} {short(rng, p.lang, 1).title()}"
    born, died = rng.randint(1925, 1960), rng.randint(2019, 2025)
    p.add(hidden_chrome(p) + f"<header class='{p.pick('fh-header', 'site-header', 'navbar')}'><a href='/'>{p.pick('Oak Hill', 'Riverside', 'St. Clair')} Funeral Home</a>"
          f"<ul class='nav'>{links_list(p, 5, 2)}</ul><a class='btn' href='tel:5550100'>Call us 24/7</a></header>"
          f"<div class='{p.pick('obituary-container', 'tribute-page', 'obit')}'><div class='{p.pick('deceased-info', 'obit-header', 'tribute-header')}'>"
          f"<img src='/portrait.jpg' alt=''><h1 class='{p.pick('deceased-name', 'obit-name', 'name')}'>{esc(name)}</h1>"
          f"<p class='{p.pick('lifespan', 'dates', 'obit-dates')}'>{MONTHS[rng.randrange(7)]} {rng.randint(1, 28)}, {born} – "
          f"{MONTHS[rng.randrange(7)]} {rng.randint(1, 28)}, {died}</p></div>"
          "<div class='obit-actions'><a class='btn' href='/flowers'>Send Flowers</a> <a class='btn' href='/trees'>Plant a Tree</a> "
          "<button>Share</button></div>")
    story = [paragraph(rng, p.lang, 2, 5) for _ in range(rng.randint(2, 6))]
    p.add(f"<div class='{p.pick('obituary-text', 'obit-body', 'tribute-text')}'>" + "".join(f"<p>{esc(t)}</p>" for t in story) + "</div>", tuple(story))
    events = []
    for kind in rng.sample(["Visitation", "Funeral Service", "Interment", "Celebration of Life"], rng.randint(1, 3)):
        when = f"{MONTHS[rng.randrange(7)]} {rng.randint(1, 28)}, {died} {rng.randint(9, 11)}:00 AM"
        where = f"{short(rng, p.lang, 2).title()} Chapel, {rng.randint(10, 999)} {short(rng, p.lang, 1).title()} Street"
        events.append((kind, when, where))
    p.add(f"<div class='{p.pick('service-details', 'events', 'obit-services')}'><h2>Services</h2>" + "".join(
        f"<div class='event'><h3>{k}</h3><p class='event-date'>{w}</p><p class='event-location'>{esc(l)}</p>"
        f"<a href='#'>Get Directions</a> <a href='#'>Add to Calendar</a></div>" for k, w, l in events) + "</div>",
        ("Services", *(x for e in events for x in (e[0], e[1], e[2]))))
    if rng.random() < 0.5:
        memorial = sentence(rng, p.lang)
        p.add(f"<p class='memorial-note'>{esc(memorial)}</p>", (memorial,))
    tributes = "".join(
        f"<div class='{p.pick('tribute-item', 'condolence', 'memory')}'><p class='tribute-author'>{p.pick(*PEOPLE)}</p>"
        f"<p class='tribute-date'>{when_posted(p)}</p><p>{esc(paragraph(rng, p.lang, 1, 2))}</p>"
        f"<a href='#'>{rng.randint(0, 20)} hearts</a></div>" for _ in range(rng.randint(2, 8)))
    p.add(f"<section class='{p.pick('tribute-wall', 'condolences', 'guestbook')}'><h2>{p.pick('Tribute Wall', 'Condolences', 'Share a memory')}</h2>"
          f"<form><textarea placeholder='Share a memory'></textarea><button>Post</button></form>{tributes}</section>"
          f"<div class='{p.pick('flower-shop', 'sympathy-gifts', 'store-promo')}'><h3>Send sympathy flowers</h3><p>Order flowers for the "
          "service from our local florist, delivered the same day.</p><a href='/flowers'>Shop now</a></div></div>" + footer_block(p))


def amp_news_page(p: Page) -> None:
    """An AMP news story: amp-sidebar menu, amp-img hero with a caption, amp-ad slots, an amp-accordion of sections, share buttons."""
    rng = p.rng
    menu = "".join(f"<li><a href='/{i}'>{esc(short(rng, p.lang, 1))}</a></li>" for i in range(rng.randint(6, 12)))
    p.add(f"<amp-sidebar id='sidebar' layout='nodisplay' side='left'><ul>{menu}</ul></amp-sidebar>"
          f"<header class='{p.pick('amp-header', 'header', 'top-bar')}'><button on='tap:sidebar.toggle'>☰</button>"
          f"<a href='/'><amp-img src='/logo.png' width='120' height='30' alt='The Daily Tide'></amp-img></a></header>"
          f"<main id='content' role='main'><article class='{p.pick('amp-article', 'article', 'story')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>" + byline_block(p)
          + f"<figure class='hero'><amp-img src='/hero.jpg' width='1200' height='675' layout='responsive' alt=''></amp-img>"
          f"<figcaption>{esc(sentence(rng, p.lang))} <span class='credit'>Photo: {esc(short(rng, p.lang, 2))}</span></figcaption></figure>"
          + f"<div class='{p.pick('article-body', 'story-body', 'amp-body')}'>")
    for k in range(rng.randint(4, 9)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        r = rng.random()
        if r < 0.2:
            p.add(f"<amp-ad width='300' height='250' type='doubleclick' data-slot='/123/amp_{k}'><div placeholder>Advertisement</div></amp-ad>")
        elif r < 0.3:
            head = short(rng, p.lang, rng.randint(2, 5))
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        elif r < 0.38:
            p.add(f"<amp-carousel type='slides' width='400' height='300' layout='responsive'>" + "".join(
                f"<figure><amp-img src='/c{i}.jpg' width='400' height='300' layout='responsive'></amp-img>"
                f"<figcaption>{esc(sentence(rng, p.lang))}</figcaption></figure>" for i in range(rng.randint(2, 4))) + "</amp-carousel>")
        elif r < 0.45:
            p.add(f"<amp-social-share type='twitter' width='40' height='40'></amp-social-share>"
                  f"<p class='{p.pick('related-link', 'inline-teaser', 'also')}'><strong>{p.pick('Read more', 'Also read', 'Lees ook')}:</strong> "
                  f"<a href='/s/{rng.randint(1, 999)}'>{esc(short(rng, p.lang, 7))}</a></p>")
    if rng.random() < 0.6:  # the story's own sections in an amp-accordion (the first expanded): content
        sections = [(short(rng, p.lang, rng.randint(2, 4)), paragraph(rng, p.lang, 1, 3)) for _ in range(rng.randint(2, 4))]
        p.add("<amp-accordion class='key-facts' disable-session-states>" + "".join(
            f"<section{' expanded' if i == 0 else ''}><h3>{esc(h)}</h3><div><p>{esc(t)}</p></div></section>"
            for i, (h, t) in enumerate(sections)) + "</amp-accordion>", tuple(x for s in sections for x in s))
    p.add("</div><div class='share'><amp-social-share type='facebook'></amp-social-share><amp-social-share type='email'></amp-social-share></div>"
          "</article>" + p.pick(related_block(p), f"<amp-list src='/api/related' width='auto' height='400' layout='fixed-height'>"
                                f"<div placeholder>{esc(short(rng, p.lang, 5))}</div></amp-list>", newsletter_box(p))
          + "</main>" + p.pick(footer_block(p), "<footer class='amp-footer'><p>© 2024 The Daily Tide</p><a href='/?nonamp=1'>View full site</a></footer>"))


ROUND13_FAMILIES = {"docs_sidebar_page": docs_sidebar_page, "jump_recipe_page": jump_recipe_page,
                    "forum_first_post_page": forum_first_post_page, "obituary_page": obituary_page, "amp_news_page": amp_news_page}


# --------------------------------------------------------------------------- #
# Round 14's families (written before round 14 changed the extractor, never tuned on):
# press releases on newswire and company sites, long-form interviews in Q/A turns,
# local council minutes, travel guides with "getting there" boxes, podcast episodes
# with a speaker-labelled transcript. Gold convention (as rounds 7-13, WCXB's):
# the page's own text is content: a release's body, its quotes and its "About X"
# paragraph (the issuer prints it as part of the release), an interview's
# introduction, questions and answers, the minutes' attendance lists, items,
# resolutions and vote tables, a guide's prose with its practical boxes ("Getting
# there", "Good to know"), an episode's show notes and its transcript (speaker labels
# and time stamps included, also when the transcript is closed). Headlines,
# sub-headlines, datelines of the page, media contacts, logos, "SOURCE" lines, pull
# quotes (a copy of an answer's sentence), the author's bio, captions and credits,
# booking and affiliate cards, sponsor reads, players and subscribe links, "other
# meetings" and related lists, downloads, feedback widgets are not.
# --------------------------------------------------------------------------- #

COMPANIES = ("Harbourline Systems", "Valdera Energie", "Nordkap Logistics", "Brightwater Foods", "Cortexa Health")


def press_release_page(p: Page) -> None:
    """A press release on a newswire or a company's newsroom: dateline, body, quotes, highlights, About X, media contacts."""
    rng = p.rng
    company = p.pick(*COMPANIES)
    city = p.pick("BERLIN", "LISBON", "ROTTERDAM", "MILAN", "AUSTIN, Texas", "MADRID")
    date = f"{p.pick(*MONTHS)} {rng.randint(1, 28)}, {rng.randint(2021, 2025)}"
    wire = p.pick("/PRNewswire/", "(BUSINESS WIRE)", "(GLOBE NEWSWIRE)", "--")
    style = rng.randrange(3)
    p.add(hidden_chrome(p) + site_header(p) + (breadcrumbs(p) if style == 2 else "")
          + p.pick("<main id='main'>", "<div class='container release-container'>", "<div id='content'>")
          + f"<article class='{p.pick('news-release', 'press-release', 'bw-release', 'newsroom-post')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>"
          + p.pick(f"<h2 class='subtitle'>{esc(sentence(rng, p.lang))}</h2>", f"<p class='subhead'><i>{esc(sentence(rng, p.lang))}</i></p>", "")
          + p.pick(f"<div class='release-meta'><span>News provided by</span> <a href='/c'>{company}</a> <time>{date}, 08:00 ET</time></div>",
                   f"<div class='bw-release-timestamp'><time>{date}</time></div>",
                   f"<p class='date'>{date}</p>")
          + share_bar(p)
          + (f"<figure class='release-logo'><img src='/logo.png' alt='{company} logo'><figcaption>{company} logo</figcaption></figure>"
             if rng.random() < 0.5 else "")
          + f"<div class='{p.pick('release-body', 'bw-release-story', 'entry-content', 'col-lg-10 col-lg-offset-1')}'>")
    first = paragraph(rng, p.lang, 2, 3)
    lead = f"{city}, {date} {wire} -- {company} {first}" if rng.random() < 0.7 else first
    p.add(f"<p>{esc(lead)}</p>", (lead,))
    if rng.random() < 0.5:
        items = [sentence(rng, p.lang) for _ in range(rng.randint(3, 5))]
        head = p.pick("Highlights", "Key facts", "At a glance")
        p.add(f"<p><b>{head}</b></p><ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", (head, *items))
    for k in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.35:
            who = f"{p.pick('Marta Lindqvist', 'Joris de Wit', 'Paola Benetti', 'Daniel Okoro')}, {p.pick('chief executive', 'head of research', 'CFO')} of {company}"
            quote = f"“{sentence(rng, p.lang)} {sentence(rng, p.lang)}” said {who}."
            p.add(f"<p>{esc(quote)}</p>", (quote,))
        elif r < 0.5:
            head = short(rng, p.lang, rng.randint(2, 5))
            text = paragraph(rng, p.lang, 1, 3)
            p.add(f"<p><strong>{esc(head)}</strong></p><p>{esc(text)}</p>", (head, text))
        else:
            text = paragraph(rng, p.lang, 1, 4)
            p.add(f"<p>{esc(text)}</p>", (text,))
        if k == 1 and rng.random() < 0.3:
            p.add(f"<div class='{p.pick('multimedia-gallery', 'release-images')}'><h3>Multimedia</h3><figure><img src='/m.jpg'>"
                  f"<figcaption>{esc(sentence(rng, p.lang))} (Photo: Business Wire)</figcaption></figure><a href='#'>Download image</a></div>")
    about = paragraph(rng, p.lang, 2, 4)
    about_head = f"About {company}"
    p.add(p.pick(f"<p><b>{about_head}</b><br>{esc(about)}</p>", f"<h3>{about_head}</h3><p>{esc(about)}</p>",
                 f"<div class='boilerplate'><p><strong>{about_head}</strong></p><p>{esc(about)}</p></div>"), (about_head, about))
    if rng.random() < 0.4:
        legal = paragraph(rng, p.lang, 2, 3)
        head = p.pick("Forward-Looking Statements", "Safe Harbor Statement")
        p.add(f"<p><b>{head}</b></p><p>{esc(legal)}</p>", (head, legal))
    contact = (f"<p>{p.pick('Media contact', 'Press contact', 'Contacts')}:<br>{p.pick('Sofia Marin', 'Tom Becker', 'Ilse Vos')}<br>"
               f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}<br>press@{company.split()[0].lower()}.example</p>")
    p.add(p.pick(f"<div class='bw-release-contact'><h3>Contacts</h3>{contact}</div>", contact, f"<div class='media-contacts'>{contact}</div>")
          + p.pick(f"<p>SOURCE {company}</p>", f"<p class='source'>Source: {company}</p>", "") + "</div></article>")
    p.add(p.pick(f"<section class='more-news'><h2>More news from {company}</h2><ul>{links_list(p, rng.randint(3, 5), 7)}</ul></section>",
                 related_block(p), f"<div class='row card-list'><h3>Other releases</h3>" + "".join(
                     f"<div class='card'><span>{when_posted(p)}</span><a href='/r{i}'>{esc(short(rng, p.lang, 8))}</a></div>" for i in range(4)) + "</div>")
          + p.pick("</main>", "</div>", "</div>") + footer_block(p))


def interview_page(p: Page) -> None:
    """A long-form interview in question / answer turns (bold questions, "Q:" labels, headed questions or speakers' names)."""
    rng = p.rng
    guest = p.pick("Noor Haddad", "Henrik Aas", "Chiara Fontana", "Rafael Duarte", "Ingrid Maes")
    host = p.pick("The Tide", "Interviewer", "Courier")
    style = rng.randrange(4)
    p.add(hidden_chrome(p) + site_header(p) + f"<main><article class='{p.pick('interview', 'article', 'longform', 'post')}'>"
          f"<p class='kicker'>{p.pick('Interview', 'Q&A', 'In conversation', 'Gespräch')}</p><h1>{esc(title(rng, p.lang))}</h1>"
          + byline_block(p) + f"<figure class='lead-image'><img src='/portrait.jpg'><figcaption>{guest}. {esc(short(rng, p.lang, 6))} "
          f"<span class='credit'>Photo: {esc(short(rng, p.lang, 2))}</span></figcaption></figure>"
          + f"<div class='{p.pick('article-body', 'entry-content', 'story-content')}'>")
    for _ in range(rng.randint(1, 2)):
        intro = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(intro)}</p>", (intro,))
    if style == 3:
        note = p.pick("This interview has been edited for length and clarity.", "The conversation has been condensed and edited.")
        p.add(f"<p><em>{note}</em></p>", (note,))
    for k in range(rng.randint(4, 9)):
        q = sentence(rng, p.lang).rstrip(".") + "?"
        answers = [paragraph(rng, p.lang, 1, 4) for _ in range(rng.randint(1, 2))]
        if style == 0:  # the question in bold, answers as paragraphs
            p.add(f"<p><strong>{esc(q)}</strong></p>" + "".join(f"<p>{esc(a)}</p>" for a in answers), (q, *answers))
        elif style == 1:  # "Q:" / "A:" labels
            qa, aa = f"Q: {q}", [f"A: {answers[0]}", *answers[1:]]
            p.add(f"<p class='question'><b>Q:</b> {esc(q)}</p>" + "".join(f"<p>{'<b>A:</b> ' + esc(a[3:]) if a.startswith('A: ') else esc(a)}</p>"
                                                                            for a in aa), (qa, *aa))
        elif style == 2:  # the question as a sub-heading
            p.add(f"<h3 class='{p.pick('question', 'qa-q', 'interview-question')}'>{esc(q)}</h3>" + "".join(f"<p>{esc(a)}</p>" for a in answers),
                  (q, *answers))
        else:  # speakers' names before each turn
            qa, aa = f"{host}: {q}", [f"{guest.split()[0]}: {answers[0]}", *answers[1:]]
            p.add(f"<p><strong>{host}:</strong> {esc(q)}</p><p><strong>{guest.split()[0]}:</strong> {esc(answers[0])}</p>"
                  + "".join(f"<p>{esc(a)}</p>" for a in answers[1:]), (qa, *aa))
        if k == 2 and rng.random() < 0.6:  # a pull quote: a copy of an answer's sentence
            pulled = answers[0].split(". ")[0].rstrip(".") + "."
            p.add(p.pick(f"<aside class='pull-quote'><blockquote>{esc(pulled)}</blockquote></aside>",
                         f"<div class='pullquote'><p>“{esc(pulled)}”</p><cite>{guest}</cite></div>",
                         f"<blockquote class='wp-block-pullquote'><p>{esc(pulled)}</p></blockquote>"))
        elif k == 3 and rng.random() < 0.4:
            p.add(p.pick("<div class='ad-slot'><span>Advertisement</span></div>", newsletter_box(p)))
    bio = f"{esc(p.pick('Lena Okafor', 'Piet Vermeer', 'Ana Souza'))} {esc(sentence(rng, p.lang))}"
    p.add("</div>" + p.pick(f"<div class='author-bio'><img src='/a.jpg'><p>{bio}</p><a href='/author'>More by this author</a></div>",
                            f"<footer class='article-footer'><p class='contributor'><i>{bio}</i></p></footer>", "")
          + share_bar(p) + "</article>" + related_block(p) + "</main>" + footer_block(p))


def council_minutes_page(p: Page) -> None:
    """A local council's minutes: date and venue, present / apologies, numbered items with resolutions and votes, documents."""
    rng = p.rng
    names = ["Cllr " + p.pick("A. Brandt", "J. Moreno", "K. Visser", "P. Rossi", "M. Dubois", "S. Novak", "L. Costa", "E. Holm", "R. Varga")
             for _ in range(rng.randint(4, 9))]
    names = list(dict.fromkeys(names))
    p.add(hidden_chrome(p) + f"<header class='{p.pick('council-header', 'site-header', 'govuk-header')}'><a href='/'>"
          f"{p.pick('Westmoor', 'Kettleby', 'Riverside')} {p.pick('Town Council', 'District Council', 'Parish Council')}</a>"
          f"<ul class='nav'>{links_list(p, 6, 2)}</ul><form role='search'><input placeholder='Search'></form></header>" + breadcrumbs(p)
          + f"<div class='{p.pick('content-wrapper', 'mgContent', 'main-content')}'><div class='{p.pick('col-md-8', 'mgMain', 'primary')}'>"
          f"<h1>{p.pick('Minutes', 'Minutes of the meeting', 'Decisions and minutes')}: {esc(short(rng, p.lang, 4))}</h1>"
          f"<p class='{p.pick('meeting-meta', 'mgSubTitleTxt', 'date')}'>{when_posted(p)}, 7.00 pm, {esc(short(rng, p.lang, 2)).title()} Hall</p>")
    present = "Present: " + ", ".join(names[:-1])
    apologies = "Apologies: " + names[-1]
    if rng.random() < 0.5:
        p.add(f"<p>{present}</p><p>{apologies}</p>", (present, apologies))
    else:
        p.add(f"<div class='attendance'><h2>Attendance</h2><p>{present}</p><p>{apologies}</p></div>", ("Attendance", present, apologies))
    for n in range(1, rng.randint(4, 9)):
        head = f"{n}. {short(rng, p.lang, rng.randint(2, 5))}"
        text = paragraph(rng, p.lang, 1, 3)
        resolved = f"{p.pick('RESOLVED', 'Resolved', 'AGREED')}: {sentence(rng, p.lang)}"
        gold = [head, text]
        tag = p.pick("h2", "h3")
        markup = f"<{tag}>{esc(head)}</{tag}><p>{esc(text)}</p>"
        if rng.random() < 0.6:
            markup += p.pick(f"<p><strong>{esc(resolved)}</strong></p>", f"<div class='resolution'><p>{esc(resolved)}</p></div>")
            gold.append(resolved)
        if rng.random() < 0.3:
            votes = [("For", str(rng.randint(3, 9))), ("Against", str(rng.randint(0, 3))), ("Abstained", str(rng.randint(0, 2)))]
            markup += "<table class='votes'><tr><th>Vote</th><th>Number</th></tr>" + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in votes) + "</table>"
            gold += ["Vote", "Number", *(x for v in votes for x in v)]
        if rng.random() < 0.25:
            markup += f"<p class='docs'><a href='/doc{n}.pdf'>Report {n} (PDF, {rng.randint(80, 900)} KB)</a></p>"
        p.add(markup, tuple(gold))
    closing = f"The meeting closed at {rng.randint(8, 10)}.{rng.choice(['05', '20', '45'])} pm."
    p.add(f"<p>{closing}</p>", (closing,))
    p.add(p.pick("<div class='downloads'><h3>Documents</h3><ul><li><a href='/m.pdf'>Printed minutes (PDF, 312 KB)</a></li>"
                 "<li><a href='/a.pdf'>Agenda frontsheet (PDF, 90 KB)</a></li></ul></div>", "")
          + "<div class='feedback'><p>Was this page useful?</p><button>Yes</button><button>No</button></div></div>"
          f"<aside class='{p.pick('col-md-4', 'mgSide', 'sidebar')}'><h2>Other meetings</h2><ul>"
          + "".join(f"<li><a href='/m{i}'>{when_posted(p)}</a></li>" for i in range(rng.randint(4, 8))) + "</ul></aside></div>"
          + footer_block(p))


def travel_guide_page(p: Page) -> None:
    """A travel guide: sections of prose, "Getting there" / "Good to know" boxes, hotel booking cards, a map, photo credits."""
    rng = p.rng
    place = short(rng, p.lang, 1).title()
    p.add(hidden_chrome(p) + site_header(p) + f"<main class='{p.pick('guide', 'destination', 'content')}'>"
          f"<div class='hero'><img src='/hero.jpg'><h1>{esc(title(rng, p.lang))}</h1><span class='credit'>{p.pick('Photo', 'Foto')}: "
          f"{esc(short(rng, p.lang, 2))} / {p.pick('Shutterstock', 'Getty Images', 'Unsplash')}</span></div>" + byline_block(p)
          + p.pick("<p class='disclosure'>This article contains affiliate links: we may earn a commission when you book.</p>", "")
          + f"<div class='{p.pick('entry-content', 'guide-body', 'article__body')}'>")
    intro = paragraph(rng, p.lang, 2, 4)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    box_done = False
    for s in range(rng.randint(3, 6)):
        head = short(rng, p.lang, rng.randint(2, 5))
        p.add(f"<h2>{esc(head)}</h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 1, 3)
            p.add(f"<p>{esc(text)}</p>", (text,))
        r = rng.random()
        if (r < 0.45 or s == 1) and not box_done:  # the practical box: content
            box_done = True
            label = p.pick("Getting there", "How to get there", "Good to know", "Anreise")
            items = [sentence(rng, p.lang) for _ in range(rng.randint(2, 4))]
            p.add(p.pick(f"<aside class='info-box'><h3>{label}</h3><ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul></aside>",
                         f"<div class='callout callout--practical'><p class='callout__title'>{label}</p>" + "".join(f"<p>{esc(i)}</p>" for i in items) + "</div>",
                         f"<div class='wp-block-group has-background'><h4>{label}</h4><ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul></div>"),
                  (label, *items))
        elif r < 0.65:
            p.add(f"<figure class='{p.pick('wp-block-image', 'inline-photo')}'><img src='/g{s}.jpg'><figcaption>{esc(sentence(rng, p.lang))}"
                  f" <span class='credit'>Photo: {esc(short(rng, p.lang, 2))}</span></figcaption></figure>")
        elif r < 0.8:  # booking cards: affiliate furniture
            cards = "".join(f"<div class='{p.pick('hotel-card', 'product-card', 'booking-item')}'><img src='/h{i}.jpg'><h4>{esc(short(rng, p.lang, 3).title())}</h4>"
                            f"<p class='price'>from €{rng.randint(49, 390)} / night</p><p class='rating'>{rng.randint(7, 9)}.{rng.randint(0, 9)} Excellent</p>"
                            f"<a class='btn' rel='sponsored' href='https://booking.example/{i}'>Check availability</a></div>" for i in range(rng.randint(2, 4)))
            p.add(f"<div class='{p.pick('hotel-widget', 'affiliate-cards', 'stay22')}'><p class='widget-title'>Where to stay in {esc(place)}</p>{cards}</div>")
        elif r < 0.9:
            p.add(f"<div class='map-embed'><iframe src='https://maps.example/embed?q={s}'></iframe><p>Map data © OpenStreetMap contributors</p></div>")
        if s == 2 and rng.random() < 0.5:
            tips = [short(rng, p.lang, rng.randint(4, 9)) for _ in range(rng.randint(3, 5))]
            p.add("<ul>" + "".join(f"<li>{esc(t)}</li>" for t in tips) + "</ul>", tuple(tips))
    p.add(p.pick("<div class='trip-planner'><h3>Plan your trip</h3><p>Compare flights, rental cars and tours.</p>"
                 "<a href='#'>Search flights</a> <a href='#'>Find tours</a></div>", newsletter_box(p))
          + "</div>" + share_bar(p) + related_block(p) + "</main>" + footer_block(p))


def transcript_episode_page(p: Page) -> None:
    """A podcast episode page: player, subscribe links, show notes, a sponsor read, a speaker-labelled transcript (open or closed)."""
    rng = p.rng
    speakers = rng.sample(["Mira", "Jonas", "Dr. Elif Kaya", "Tom", "Sanne", "Rui"], 2)
    p.add(hidden_chrome(p) + site_header(p) + f"<main><div class='{p.pick('episode', 'podcast-episode', 'post')}'>"
          f"<p class='show-name'>{p.pick('The Harbour Hour', 'Valley Voices', 'Tide Talk')}</p><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='episode-meta'>Episode {rng.randint(10, 300)} · {rng.randint(20, 90)} min · {when_posted(p)}</div>"
          f"<div class='{p.pick('player', 'audio-player', 'sc-player')}'><button aria-label='Play'>▶</button><span>00:00</span> / "
          f"<span>{rng.randint(20, 90)}:{rng.randint(10, 59)}</span><button>1x</button><a href='/ep.mp3' download>Download</a></div>"
          f"<div class='{p.pick('subscribe', 'listen-on', 'platforms')}'>Listen on <a href='#'>Apple Podcasts</a> <a href='#'>Spotify</a> "
          "<a href='#'>Pocket Casts</a> <a href='#'>RSS</a></div>")
    notes = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 3))]
    p.add(f"<div class='{p.pick('show-notes', 'episode-description', 'entry-content')}'><h2>{p.pick('Show notes', 'About this episode', 'Episode notes')}</h2>"
          + "".join(f"<p>{esc(t)}</p>" for t in notes), tuple(notes))
    if rng.random() < 0.6:
        stamps = [f"({m:02d}:{rng.randint(0, 59):02d}) {short(rng, p.lang, rng.randint(2, 6))}" for m in sorted(rng.sample(range(60), rng.randint(3, 6)))]
        p.add("<ul class='chapters'>" + "".join(f"<li>{esc(s)}</li>" for s in stamps) + "</ul>", stamps)
    p.add("</div>")
    if rng.random() < 0.6:
        p.add(f"<div class='{p.pick('sponsor', 'sponsored-by', 'ad-read')}'><p><strong>{p.pick('Sponsored by', 'This episode is brought to you by')}"
              f" Brightwater Foods.</strong> Get 20% off your first box with code TIDE20 at brightwater.example.</p></div>")
    turns, gold = [], []
    t = 0
    for _ in range(rng.randint(6, 16)):
        who = speakers[len(turns) % 2] if rng.random() < 0.85 else speakers[0]
        t += rng.randint(10, 200)
        stamp = f"{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"
        text = paragraph(rng, p.lang, 1, 3)
        turns.append((who, stamp, text))
    style = rng.randrange(3)
    if style == 0:  # name and time on a line of their own, the turn below
        body = "".join(f"<div class='turn'><p class='speaker'><strong>{esc(w)}</strong> <span class='ts'>[{s}]</span></p><p>{esc(x)}</p></div>"
                       for w, s, x in turns)
        gold = [y for w, s, x in turns for y in (f"{w} [{s}]", x)]
    elif style == 1:  # "Name: text" paragraphs
        body = "".join(f"<p><b>{esc(w)}:</b> {esc(x)}</p>" for w, s, x in turns)
        gold = [f"{w}: {x}" for w, s, x in turns]
    else:  # a table-like grid of time, name, text
        body = "".join(f"<div class='transcript-row'><span class='time'>{s}</span> <span class='name'>{esc(w)}</span><p>{esc(x)}</p></div>"
                       for w, s, x in turns)
        gold = [y for w, s, x in turns for y in (f"{s} {w}", x)]
    head = p.pick("Transcript", "Full transcript", "Episode transcript")
    if rng.random() < 0.5:  # closed behind a toggle
        attrs, cls = hiding(p)
        p.add(f"<section class='transcript'><h2>{head}</h2><button aria-expanded='false' aria-controls='tr'>Read the transcript</button>"
              f"<div id='tr' class='transcript-body{cls}'{attrs}>{body}</div></section>", (head, *gold))
    else:
        p.add(f"<details class='transcript'><summary>{head}</summary>{body}</details>" if rng.random() < 0.4
              else f"<section class='transcript'><h2>{head}</h2>{body}</section>", (head, *gold))
    cards = "".join(f"<div class='episode-card'><a href='/ep/{i}'>{esc(short(rng, p.lang, 6))}</a>"
                    f"<span>{rng.randint(20, 90)} min</span><p>{esc(sentence(rng, p.lang))}</p></div>" for i in range(rng.randint(3, 6)))
    p.add(f"</div><section class='{p.pick('more-episodes', 'latest', 'grid')}'><h2>More episodes</h2>{cards}</section></main>" + footer_block(p))


ROUND14_FAMILIES = {"press_release_page": press_release_page, "interview_page": interview_page,
                    "council_minutes_page": council_minutes_page, "travel_guide_page": travel_guide_page,
                    "transcript_episode_page": transcript_episode_page}


def naive_text(html: str) -> str:
    """The bench's ``naive_text``: bs4 text of the whole page, lines stripped, blanks dropped."""
    from bs4 import BeautifulSoup

    text = BeautifulSoup(html, "lxml").get_text("\n")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def make_page(family: str, lang: str, seed: int) -> tuple[str, str]:
    """One page of ``family`` in ``lang``: ``(html, gold_text)``."""
    html, gold, _ = make_page_with_posts(family, lang, seed)
    return html, gold


def make_page_with_posts(family: str, lang: str, seed: int) -> tuple[str, str, str]:
    """:func:`make_page` and the text of the users' posts its gold leaves out (:attr:`Page.posts`, "" if none)."""
    from html_pages_round15 import ROUND15_FAMILIES  # late: that module builds on this one's helpers
    from html_pages_round16 import ROUND16_FAMILIES
    from html_pages_round17 import ROUND17_FAMILIES
    from html_pages_round18 import ROUND18_FAMILIES
    from html_pages_round19 import ROUND19_FAMILIES
    from html_pages_round20 import ROUND20_FAMILIES
    from html_pages_round21 import ROUND21_FAMILIES
    from html_pages_round22 import ROUND22_FAMILIES
    from html_pages_round26 import ROUND26_FAMILIES

    p = Page(random.Random(seed), lang)
    {**FAMILIES, **UNSEEN_FAMILIES, **ROUND6_FAMILIES, **ROUND7_FAMILIES, **ROUND8_FAMILIES,
     **ROUND9_FAMILIES, **ROUND10_FAMILIES, **ROUND11_FAMILIES, **ROUND12_FAMILIES, **ROUND13_FAMILIES, **ROUND14_FAMILIES,
     **ROUND15_FAMILIES, **ROUND16_FAMILIES, **ROUND17_FAMILIES, **ROUND18_FAMILIES, **ROUND19_FAMILIES, **ROUND20_FAMILIES, **ROUND21_FAMILIES, **ROUND22_FAMILIES,
     **ROUND26_FAMILIES}[family](p)
    html = (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>Page {seed}</title>"
            f"<script>var cfg = {{page: {seed}, ads: true}};</script></head><body>" + "".join(p.parts)
            + "<script>window.track && track('view');</script></body></html>")
    return html, "\n".join(p.gold), "\n".join(p.posts)


def generate(n: int = 150, seed: int = 11, unseen: bool = False, round6: bool = False,
             round7: bool = False, round8: bool = False, round9: bool = False,
             round10: bool = False, round11: bool = False, round12: bool = False,
             round13: bool = False, round14: bool = False, round15: bool = False,
             round16: bool = False, round17: bool = False, round18: bool = False,
             round19: bool = False, round20: bool = False, round21: bool = False,
             round22: bool = False, round26: bool = False) -> list[dict]:
    """``n`` generated pages (``id``, ``family``, ``lang``, ``html``, ``gold_text``, ``naive_text``).

    ``unseen``: the families written after the extractor was last tuned
    (:data:`UNSEEN_FAMILIES`, other languages too), an out-of-sample set.
    ``round6``: the page-type families of round 6 (:data:`ROUND6_FAMILIES`, the
    unseen languages), also out of sample. ``round7``: round 7's (:data:`ROUND7_FAMILIES`),
    ``round8``: round 8's (:data:`ROUND8_FAMILIES`), ``round9``: round 9's (:data:`ROUND9_FAMILIES`),
    ``round10``: round 10's (:data:`ROUND10_FAMILIES`), ``round11``: round 11's (:data:`ROUND11_FAMILIES`),
    ``round12``: round 12's (:data:`ROUND12_FAMILIES`), ``round13``: round 13's (:data:`ROUND13_FAMILIES`),
    ``round14``: round 14's (:data:`ROUND14_FAMILIES`), ``round15``: round 15's
    (``html_pages_round15.ROUND15_FAMILIES``), ``round16``: round 16's (``html_pages_round16.ROUND16_FAMILIES``),
    ``round17``: round 17's (``html_pages_round17.ROUND17_FAMILIES``), ``round18``: round 18's
    (``html_pages_round18.ROUND18_FAMILIES``), ``round19``: round 19's (``html_pages_round19.ROUND19_FAMILIES``),
    ``round20``: round 20's (``html_pages_round20.ROUND20_FAMILIES``), ``round21``: round 21's
    (``html_pages_round21.ROUND21_FAMILIES``), ``round22``: round 22's (``html_pages_round22.ROUND22_FAMILIES``),
    ``round26``: round 26's (``html_pages_round26.ROUND26_FAMILIES``).
    """
    from html_pages_round15 import ROUND15_FAMILIES
    from html_pages_round16 import ROUND16_FAMILIES
    from html_pages_round17 import ROUND17_FAMILIES
    from html_pages_round18 import ROUND18_FAMILIES
    from html_pages_round19 import ROUND19_FAMILIES
    from html_pages_round20 import ROUND20_FAMILIES
    from html_pages_round21 import ROUND21_FAMILIES
    from html_pages_round22 import ROUND22_FAMILIES
    from html_pages_round26 import ROUND26_FAMILIES

    rng = random.Random(seed)
    records = []
    families = sorted(ROUND26_FAMILIES if round26 else ROUND22_FAMILIES if round22 else ROUND21_FAMILIES if round21 else ROUND20_FAMILIES if round20 else ROUND19_FAMILIES if round19 else ROUND18_FAMILIES if round18 else ROUND17_FAMILIES if round17 else ROUND16_FAMILIES if round16 else ROUND15_FAMILIES if round15 else ROUND14_FAMILIES if round14 else ROUND13_FAMILIES if round13 else ROUND12_FAMILIES if round12 else ROUND11_FAMILIES if round11 else ROUND10_FAMILIES if round10 else ROUND9_FAMILIES if round9 else ROUND8_FAMILIES if round8 else ROUND7_FAMILIES if round7 else ROUND6_FAMILIES if round6 else UNSEEN_FAMILIES if unseen else FAMILIES)
    langs = UNSEEN_LANGS if unseen or round6 or round7 or round8 or round9 or round10 or round11 or round12 or round13 or round14 or round15 or round16 or round17 or round18 or round19 or round20 or round21 or round22 or round26 else LANGS
    for i in range(n):
        family = families[i % len(families)]
        lang = rng.choice(langs)
        html, gold, posts = make_page_with_posts(family, lang, rng.random())
        records.append({"id": f"gen-{i:04d}-{family}-{lang}", "family": family, "lang": lang, "html": html,
                        "gold_text": gold, "naive_text": naive_text(html), **({"posts_text": posts} if posts else {})})
    return records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="output .jsonl")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--unseen", action="store_true", help="the unseen families (never tuned on)")
    ap.add_argument("--round6", action="store_true", help="round 6's page-type families (never tuned on)")
    ap.add_argument("--round7", action="store_true", help="round 7's page-type families (dev from round 8)")
    ap.add_argument("--round8", action="store_true", help="round 8's page-type families (dev from round 9)")
    ap.add_argument("--round9", action="store_true", help="round 9's page-type families (never tuned on)")
    ap.add_argument("--round10", action="store_true", help="round 10's page-type families (never tuned on)")
    ap.add_argument("--round11", action="store_true", help="round 11's page-type families (never tuned on)")
    ap.add_argument("--round12", action="store_true", help="round 12's page-type families (never tuned on)")
    ap.add_argument("--round13", action="store_true", help="round 13's page-type families (never tuned on)")
    ap.add_argument("--round14", action="store_true", help="round 14's page-type families (never tuned on)")
    ap.add_argument("--round15", action="store_true", help="round 15's page-type families (never tuned on)")
    ap.add_argument("--round16", action="store_true", help="round 16's page-type families (seed 79 held out)")
    ap.add_argument("--round17", action="store_true", help="round 17's page-type families (seed 89 held out)")
    ap.add_argument("--round18", action="store_true", help="round 18's page-type families (seed 101 held out)")
    ap.add_argument("--round19", action="store_true", help="round 19's page-type families (seed 107 held out)")
    ap.add_argument("--round20", action="store_true", help="round 20's page-type families (seed 113 held out)")
    ap.add_argument("--round21", action="store_true", help="round 21's page-type families (seed 131 held out)")
    ap.add_argument("--round22", action="store_true", help="round 22's page-type families (seed 149 held out)")
    ap.add_argument("--round26", action="store_true", help="round 26's page-type families (seed 173 held out)")
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in generate(args.n, args.seed, unseen=args.unseen, round6=args.round6, round7=args.round7,
                            round8=args.round8, round9=args.round9, round10=args.round10,
                            round11=args.round11, round12=args.round12, round13=args.round13,
                            round14=args.round14, round15=args.round15, round16=args.round16, round17=args.round17, round18=args.round18,
                            round19=args.round19, round20=args.round20, round21=args.round21,
                            round22=args.round22, round26=args.round26):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Round 17's page-type families for ``benchmarks/html_pages.py`` (``--round17``; written before round 17 changed the extractor).

Five kinds the HTML path had not seen: poems on poetry sites (short lines broken with ``<br>`` or
one element per line, stanzas, a poet's bio, a source credit, "more poems by"), petitions on
campaign sites (a signature counter and goal, the sign form, decision makers, recent signers and
readers' "reasons for signing"), crowdfunding campaigns (pledged / goal / backers, campaign tabs,
the story with captioned images and "risks and challenges", reward tiers, the creator's card),
mailing-list archive messages (pipermail-like ``<pre>`` bodies and threaded web archives: headers,
"previous / next message", quoted text of the earlier message, a signature) and hiking routes on
outdoor sites (a key-figures strip, map and elevation profile, the description, stages of the
route, getting there, a weather widget, hikers' reports, nearby routes).

**Gold convention** (rounds 7-16's, WCXB's): what the author wrote as the document is content: a
poem's lines (every line, stanza by stanza) and the "about this poem" note; a petition's text with
its sub-headings and demands; a campaign's story with its sub-headings and "risks and challenges";
a message's own lines (not the lines it quotes from the earlier message, nor its attribution line
"On ..., X wrote:", nor its signature); a route's description, stages and "getting there" notes.
Headlines, poets' names and bios, source and copyright credits, counters, goals, forms, decision
makers' boxes, recent signers, readers' reasons and comments, reward tiers, creators' cards,
captions, message headers and thread navigation, key-figure strips, maps, weather widgets, hikers'
reports, nearby routes, related cards and footers are not.

Held out: the whole seed-89 set (100 pages, ``extraction.py``'s "own: unseen families, round 17")
is read as totals only; the seed-97 set (50 pages, "own: round 17 dev") may be studied.
"""
from __future__ import annotations

import textwrap

from html_pages import (Page, breadcrumbs, esc, footer_block, hidden_chrome, links_list,
                        paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Hanna Berg", "Tomas Rijkers", "Giulia Ferro", "Ade Bankole", "Wim Claes", "Rita Lopes",
         "Jan Kowal", "Emi Sato", "Omar Saleh", "Clara Vidal")


def poem_page(p: Page) -> None:
    """A poem on a poetry site: stanzas of short lines, the poet's bio, a source credit, more poems by the poet."""
    rng = p.rng
    poet = p.pick(*NAMES)
    p.add(hidden_chrome(p) + site_header(p) + f"<main><article class='{p.pick('poem', 'c-poem', 'entry')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1><div class='{p.pick('poet', 'c-byline', 'author')}'>By <a href='/poets/x'>{poet}</a></div>"
          + p.pick("<div class='audio'><button>Listen</button> <span>2:14</span></div>", ""))
    if rng.random() < 0.3:
        epigraph = short(rng, p.lang, rng.randint(6, 10)).capitalize()
        p.add(f"<p class='epigraph'><em>{esc(epigraph)}</em></p>", (epigraph,))
    style = rng.randrange(3)
    p.add(f"<div class='{p.pick('poem-body', 'o-poem', 'field-poem')}'>")
    for _ in range(rng.randint(2, 5)):
        lines = [short(rng, p.lang, rng.randint(3, 8)).capitalize() + p.pick(",", "", ".", ";")
                 for _ in range(rng.randint(3, 6))]
        if style == 0:
            p.add("<p>" + "<br>".join(esc(line) for line in lines) + "</p>", tuple(lines))
        elif style == 1:
            p.add("<div class='stanza'>" + "".join(f"<div class='line'>{esc(line)}</div>" for line in lines) + "</div>",
                  tuple(lines))
        else:
            p.add("<p>" + "<br/>\n".join(f"<span style='margin-left:{rng.choice((0, 0, 2, 4))}em'>{esc(line)}</span>"
                                         for line in lines) + "</p>", tuple(lines))
    p.add("</div>")
    p.add(f"<div class='credit'><p>Source: <em>{esc(short(rng, p.lang, 3)).title()}</em> ({p.pick('Harbour Press', 'Valdera Books')}, "
          f"{rng.randint(1960, 2024)}). Copyright © {poet}. Reprinted by permission of the author.</p></div>")
    if rng.random() < 0.6:
        head = p.pick("About this poem", "Over dit gedicht", "Sobre este poema")
        note = paragraph(rng, p.lang, 2, 4)
        p.add(f"<section class='about-poem'><h2>{head}</h2><p>{esc(note)}</p></section>", (head, note))
    p.add(share_bar(p) + "</article>"
          f"<aside class='{p.pick('poet-bio', 'sidebar', 'c-author-card')}'><h3>{poet}</h3><p>{esc(paragraph(rng, p.lang, 1, 2))}</p>"
          f"<a href='/poets/x'>More about {poet}</a></aside>"
          f"<section class='{p.pick('more-poems', 'related', 'o-grid')}'><h2>More poems by {poet}</h2><ul>{links_list(p, 4, 3)}</ul></section>"
          f"<div class='tags'>Themes: <a href='#'>{p.pick('Nature', 'Love', 'Loss')}</a> <a href='#'>{p.pick('Sea', 'Time', 'Cities')}</a></div>"
          "</main>" + footer_block(p))


def petition_page(p: Page) -> None:
    """A petition: counter and goal, sign form, the petition's text, decision makers, recent signers, reasons."""
    rng = p.rng
    signed = rng.randint(120, 90000)
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main class='{p.pick('petition-page', 'campaign', 'content')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('petition-meta', 'starter', 'byline')}'>{p.pick(*NAMES)} started this petition to "
          f"{p.pick('the City Council', 'the Harbour Board', 'the Ministry of Transport')}</div>"
          f"<div class='{p.pick('layout', 'row', 'grid')}'><div class='{p.pick('col-main', 'petition-body-col', 'main')}'>"
          "<img src='/petition.jpg' alt=''>"
          f"<div class='{p.pick('petition-description', 'rte', 'body')}'>")
    if rng.random() < 0.5:
        head = p.pick("Why this petition matters", "Warum diese Petition wichtig ist", "Perché questa petizione è importante")
        p.add(f"<h2>{head}</h2>", (head,))
    for k in range(rng.randint(2, 5)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if k == 0 and rng.random() < 0.6:
            demands = [sentence(rng, p.lang) for _ in range(rng.randint(2, 4))]
            p.add("<ol>" + "".join(f"<li>{esc(d)}</li>" for d in demands) + "</ol>", tuple(demands))
    close = sentence(rng, p.lang)
    p.add(f"<p><strong>{esc(close)}</strong></p></div>", (close,))
    p.add(f"<div class='{p.pick('decision-makers', 'targets', 'dm-box')}'><h3>{p.pick('Decision Makers', 'Entscheidungsträger')}</h3>"
          f"<ul><li>{p.pick(*NAMES)}<br>Mayor</li><li>{p.pick(*NAMES)}<br>Councillor</li></ul></div>"
          + p.pick(f"<div class='petition-updates'><h3>Updates</h3><p>{rng.randint(1, 9)}K signatures</p>"
                   f"<p>{rng.randint(2, 20)} days ago</p><p>Petition created</p></div>", "")
          + f"<section class='{p.pick('reasons', 'comments', 'supporters-voices')}'><h2>{p.pick('Reasons for signing', 'Supporter voices')}</h2>"
          + "".join(f"<div class='{p.pick('reason', 'comment')}'><p class='name'>{p.pick(*NAMES)} · {rng.randint(1, 30)} days ago</p>"
                    f"<p>{esc(sentence(rng, p.lang))}</p><button>♥ {rng.randint(0, 99)}</button> <a href='#'>Report</a></div>"
                    for _ in range(rng.randint(2, 5))) + "</section></div>")
    p.add(f"<div class='{p.pick('col-side', 'sign-box', 'sidebar')}'><p class='counter'><strong>{signed:,}</strong> have signed. "
          f"Let's get to {signed * 2 // 1000 * 1000 + 1000:,}!</p><div class='progress'><div style='width:48%'></div></div>"
          f"<p>At {signed * 2 // 1000 * 1000 + 1000:,} signatures, this petition becomes one of the top signed on the site!</p>"
          "<form><input placeholder='First name'><input placeholder='Last name'><input placeholder='Email'>"
          "<label><input type='checkbox'> Display my name and comment on this petition</label><button>Sign this petition</button></form>"
          "<ul class='recent-signers'>" + "".join(f"<li>{p.pick(*NAMES)} signed {rng.randint(1, 59)} minutes ago</li>" for _ in range(3))
          + "</ul></div></div></main>" + footer_block(p))


def crowdfunding_page(p: Page) -> None:
    """A crowdfunding campaign: pledged / goal / backers, tabs, the story with captions, risks, reward tiers."""
    rng = p.rng
    goal = rng.randint(5, 200) * 1000
    p.add(hidden_chrome(p) + f"<header class='{p.pick('site-nav', 'topbar', 'header')}'><a href='/'>Backwell</a> <a href='/discover'>Discover</a>"
          "<a href='/start'>Start a project</a><a href='/login'>Log in</a></header>"
          f"<main><div class='{p.pick('project-hero', 'campaign-header', 'hero')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='blurb'>{esc(sentence(rng, p.lang))}</p><img src='/hero.jpg' alt=''>"
          f"<div class='stats'><p><span>€{rng.randint(1, goal // 1000) * 1000:,}</span> pledged of €{goal:,} goal</p>"
          f"<p><span>{rng.randint(10, 3000)}</span> backers</p><p><span>{rng.randint(1, 45)}</span> days to go</p>"
          "<a class='button' href='#'>Back this project</a><p>All or nothing. This project will only be funded if it reaches its goal.</p></div></div>"
          f"<nav class='{p.pick('campaign-tabs', 'tabs', 'project-nav')}'><a href='#'>Campaign</a><a href='#'>FAQ {rng.randint(0, 9)}</a>"
          f"<a href='#'>Updates {rng.randint(0, 20)}</a><a href='#'>Comments {rng.randint(0, 400)}</a><a href='#'>Community</a></nav>"
          f"<div class='{p.pick('campaign-layout', 'row', 'grid')}'><div class='{p.pick('story', 'campaign-story', 'description')}'>")
    head = p.pick("Story", "About this project", "Über das Projekt", "Il progetto")
    p.add(f"<h2>{head}</h2>", (head,))
    for k in range(rng.randint(3, 7)):
        if k > 0 and rng.random() < 0.3:
            sub = short(rng, p.lang, rng.randint(2, 5)).capitalize()
            p.add(f"<h3>{esc(sub)}</h3>", (sub,))
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if rng.random() < 0.3:
            cap = sentence(rng, p.lang)
            p.add(f"<figure><img src='/s{k}.jpg' alt=''><figcaption>{esc(cap)}</figcaption></figure>")
        elif rng.random() < 0.2:
            items = [short(rng, p.lang, rng.randint(4, 8)).capitalize() for _ in range(rng.randint(2, 4))]
            p.add("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", tuple(items))
    if rng.random() < 0.7:
        head = p.pick("Risks and challenges", "Risiken und Herausforderungen", "Rischi e sfide")
        risk = paragraph(rng, p.lang, 1, 3)
        p.add(f"<div class='risks'><h2>{head}</h2><p>{esc(risk)}</p></div>", (head, risk))
    p.add("<p class='report'><a href='#'>Report this project to our Trust &amp; Safety team</a></p></div>")
    tiers = "".join(
        f"<li class='{p.pick('reward', 'tier', 'pledge')}'><h3>Pledge €{rng.randint(5, 500)} or more</h3>"
        f"<p class='title'>{esc(short(rng, p.lang, 3)).title()}</p><p>{esc(sentence(rng, p.lang))}</p>"
        f"<p>Estimated delivery {p.pick('Dec 2025', 'Mar 2026', 'Jun 2026')} · Ships worldwide</p>"
        f"<p>{rng.randint(1, 400)} backers · Limited ({rng.randint(1, 50)} left of 200)</p></li>" for _ in range(rng.randint(2, 5)))
    p.add(f"<aside class='{p.pick('rewards', 'sidebar', 'col-4')}'><div class='creator'><h3>{p.pick(*NAMES)}</h3>"
          f"<p>{rng.randint(1, 9)} created · {rng.randint(1, 90)} backed</p><a href='#'>See more</a></div>"
          f"<h2>{p.pick('Support', 'Rewards', 'Belohnungen')}</h2><ul>{tiers}</ul></aside></div></main>"
          + related_block(p) + footer_block(p))


def mailing_list_page(p: Page) -> None:
    """A message in a mailing-list archive: headers, thread navigation, a body in <pre> or paragraphs, quotes, signature."""
    rng = p.rng
    author = p.pick(*NAMES)
    other = p.pick(*NAMES)
    listname = p.pick("harbour-dev", "tidecalc-users", "valdera-announce", "quaykit-discuss")
    subject = ("Re: " if rng.random() < 0.7 else "") + f"[{listname}] " + short(rng, "en", rng.randint(3, 7))
    date = f"{p.pick('Mon', 'Tue', 'Wed', 'Thu')} {p.pick('Mar', 'Oct', 'Jan')} {rng.randint(1, 28)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:11 UTC 20{rng.randint(10, 25)}"
    nav = (f"<ul><li>Previous message (by thread): <a href='#'>[{listname}] {esc(short(rng, 'en', 5))}</a></li>"
           f"<li>Next message (by thread): <a href='#'>[{listname}] {esc(short(rng, 'en', 5))}</a></li>"
           "<li><b>Messages sorted by:</b> <a href='#'>[ date ]</a> <a href='#'>[ thread ]</a> <a href='#'>[ subject ]</a> "
           "<a href='#'>[ author ]</a></li></ul>")
    own = [paragraph(rng, p.lang, 1, 4) for _ in range(rng.randint(2, 5))]
    quoted = [paragraph(rng, p.lang, 1, 2) for _ in range(rng.randint(1, 2))] if subject.startswith("Re:") else []
    sig = f"-- \n{author}\n{p.pick('Maintainer, tidecalc', 'Harbour Labs', 'https://example.org/~' + author.split()[0].lower())}"
    greet = p.pick("Hi all,", "Hello,", f"Hi {other.split()[0]},", "Hallo zusammen,")
    thanks = p.pick("Thanks,", "Cheers,", "Best regards,", "Groeten,")
    if rng.random() < 0.5:  # pipermail: one <pre>, lines wrapped at 72 columns
        lines, gold = [esc(greet), ""], [greet]
        if quoted:
            lines += [f"On {date}, {esc(other)} wrote:"]
            lines += ["&gt; " + esc(w) for q in quoted for w in textwrap.wrap(q, 70)] + [""]
        for para in own:
            wrapped = textwrap.wrap(para, 72)
            lines += [esc(w) for w in wrapped] + [""]
            gold += wrapped
        lines += [esc(thanks), esc(author.split()[0]), ""] + [esc(s) for s in sig.splitlines()]
        gold += [thanks, author.split()[0]]
        p.add(f"<h1>{esc(subject)}</h1><b>{author}</b> <a href='mailto:x@example.org' title='{esc(subject)}'>x at example.org</a><br>"
              f"<i>{date}</i><p>{nav}<hr>")
        p.add("<!--beginarticle-->\n<pre>" + "\n".join(lines) + "</pre>\n<!--endarticle-->", tuple(gold))
        p.add(f"<hr><p>{nav}<hr><a href='#'>More information about the {listname} mailing list</a><br>")
    else:  # a threaded web archive
        p.add(hidden_chrome(p) + f"<header class='{p.pick('navbar', 'archive-header', 'top')}'><a href='/'>Lists</a> <a href='/archives'>"
              f"Archives</a> <a href='/login'>Sign in</a></header><div class='{p.pick('container', 'row', 'thread-view')}'>"
              f"<div class='{p.pick('thread-list', 'col-sm-3', 'sidebar')}'><h3>{listname}</h3><ul>{links_list(p, 5, 4)}</ul></div>"
              f"<div class='{p.pick('email', 'message', 'col-sm-9')}'><h1>{esc(subject)}</h1>"
              f"<div class='{p.pick('email-header', 'message-meta', 'headers')}'><span class='author'>{author}</span> "
              f"<span class='date'>{date}</span><a href='#'>Reply</a> <a href='#'>Download</a></div>"
              f"<div class='{p.pick('email-body', 'message-body', 'body')}'>")
        p.add(f"<p>{esc(greet)}</p>", (greet,))
        if quoted:
            p.add(f"<p>On {date}, {esc(other)} wrote:</p><blockquote class='quoted'>"
                  + "".join(f"<p>{esc(q)}</p>" for q in quoted) + "</blockquote>")
        for para in own:
            p.add(f"<p>{esc(para)}</p>", (para,))
        p.add(f"<p>{esc(thanks)}<br>{esc(author.split()[0])}</p>", (thanks, author.split()[0]))
        p.add("<div class='signature'>" + "<br>".join(esc(s) for s in sig.splitlines()) + "</div></div>"
              f"<div class='thread-nav'>{nav}</div><div class='replies'><h3>{rng.randint(1, 9)} replies</h3><ul>{links_list(p, 3, 5)}</ul></div>"
              "</div></div>" + footer_block(p))


def trail_page(p: Page) -> None:
    """A hiking route: key figures, map and profile, description, stages, getting there, weather, reports, nearby routes."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><div class='{p.pick('tour-header', 'route-head', 'hero')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='{p.pick('tour-type', 'subtitle', 'meta')}'>{p.pick('Hiking route', 'Wanderung', 'Escursione')} · "
          f"{p.pick('Kettleby Fells', 'Valdera Hills', 'Westmoor')}</p></div>"
          f"<ul class='{p.pick('key-figures', 'stats', 'facts')}'><li>Distance <b>{rng.randint(3, 30)}.{rng.randint(0, 9)} km</b></li>"
          f"<li>Duration <b>{rng.randint(1, 9)}:{rng.randint(0, 59):02d} h</b></li><li>Ascent <b>{rng.randint(50, 1500)} m</b></li>"
          f"<li>Difficulty <b>{p.pick('easy', 'moderate', 'difficult')}</b></li></ul>"
          "<div class='map'><img src='/map.png' alt=''><a href='#'>Download GPX</a> <a href='#'>Print</a> <a href='#'>Open in app</a></div>"
          + p.pick(f"<figure class='profile'><img src='/profile.png' alt=''><figcaption>Elevation profile · highest point "
                   f"{rng.randint(300, 2500)} m</figcaption></figure>", ""))
    p.add(f"<article class='{p.pick('tour-description', 'route-body', 'content')}'>")
    lead = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p class='{p.pick('intro', 'teaser', 'lead')}'><strong>{esc(lead)}</strong></p>", (lead,))
    for _ in range(rng.randint(1, 3)):
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
    head = p.pick("Directions", "Route", "Wegbeschreibung", "Percorso")
    p.add(f"<h2>{head}</h2>", (head,))
    stages = [paragraph(rng, p.lang, 1, 2) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.5:
        p.add("<ol class='stages'>" + "".join(f"<li>{esc(s)}</li>" for s in stages) + "</ol>", tuple(stages))
    else:
        for i, s in enumerate(stages, 1):
            way = f"{p.pick('Stage', 'Etappe', 'Tappa')} {i}: {short(rng, p.lang, rng.randint(2, 4))}"
            p.add(f"<h3>{esc(way)}</h3><p>{esc(s)}</p>", (way, s))
    if rng.random() < 0.7:
        head = p.pick("Getting there", "Anreise", "Come arrivare")
        text = paragraph(rng, p.lang, 1, 2)
        p.add(f"<h2>{head}</h2><p>{esc(text)}</p>", (head, text))
    p.add("</article>")
    p.add(f"<div class='{p.pick('weather', 'weather-widget', 'forecast')}'><h3>{p.pick('Weather', 'Wetter')}</h3>"
          + "".join(f"<span>{d} {rng.randint(-3, 28)}°</span>" for d in ("Mon", "Tue", "Wed", "Thu")) + "</div>"
          f"<section class='{p.pick('reviews', 'community', 'condition-reports')}'><h2>{p.pick('Reviews', 'Trail reports', 'Bewertungen')} ({rng.randint(2, 60)})</h2>"
          + "".join(f"<div class='review'><p>{p.pick(*NAMES)} · {p.pick('★★★★★', '★★★★☆', '★★★☆☆')} · {rng.randint(1, 28)}.{rng.randint(1, 12)}.2024</p>"
                    f"<p>{esc(sentence(rng, p.lang))}</p></div>" for _ in range(rng.randint(1, 4))) + "</section>"
          f"<section class='{p.pick('nearby', 'more-tours', 'suggestions')}'><h2>{p.pick('Nearby routes', 'Touren in der Nähe')}</h2>"
          + "".join(f"<div class='card'><a href='#'>{esc(short(rng, p.lang, 4))}</a><p>{rng.randint(3, 20)} km · {rng.randint(1, 6)} h</p></div>"
                    for _ in range(rng.randint(2, 4))) + "</section></main>" + footer_block(p))


ROUND17_FAMILIES = {"poem_page": poem_page, "petition_page": petition_page, "crowdfunding_page": crowdfunding_page,
                    "mailing_list_page": mailing_list_page, "trail_page": trail_page}

"""Round 15's page-type families for ``benchmarks/html_pages.py`` (``--round15``; written before round 15 changed the extractor).

Five kinds the HTML path had not seen: patent documents (abstract, numbered claims, a
description in ``[0001]`` paragraphs, then citation, "cited by" and legal-event tables),
product reviews (a score box with "where to buy" buttons, a verdict with pros and cons, a
spec table, "how we test" boiler, "also consider" cards, readers' ratings), sports match
reports (a scoreboard, the report, a line-up table, a minute-by-minute live text on some
pages, a league table and fixtures rail, betting odds), statutes and regulations (numbered
sections with nested sub-sections, a contents sidebar, a "changes to legislation" warning,
version and previous/next navigation, editorial annotations) and essays with numbered
footnotes and a reference list (figures with captions, a table of contents box, comments).

**Gold convention** (rounds 7-14's, WCXB's): the text its author or issuer wrote as the
document is content: a patent's abstract, claims and description; a review's prose, its
verdict with pros and cons and its spec table; a match report's prose, its line-up table
and, on live pages, every live-text entry with its minute; a statute's section headings,
sub-sections and their lettered items; an essay's prose, its sub-headings, footnotes and
reference list (an author's own notes and sources, as Wikipedia's and Readability's gold
keep them). Headlines, bylines, dates, scoreboards, score and price boxes, bibliographic
and metadata tables, citation / cited-by / legal-event tables, "where to buy" and
"also consider" cards, "how we test" boxes, readers' ratings and comments, league tables,
fixtures, odds, warnings about unapplied changes, contents boxes and sidebars, previous /
next links, editorial annotations of a statute, captions and credits, share bars, related
lists and footers are not.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, byline_block, comments_block, esc, footer_block, hidden_chrome,
                        links_list, newsletter_box, paragraph, related_block, sentence, share_bar, short, site_header,
                        title, when_posted)


def patent_page(p: Page) -> None:
    """A patent document as patent search sites show it: metadata, abstract, claims, description, citation tables."""
    rng = p.rng
    number = f"{p.pick('US', 'EP', 'WO')}{rng.randint(1000000, 11999999)}{p.pick('B2', 'A1', 'B1')}"
    p.add(hidden_chrome(p) + f"<header class='{p.pick('search-header', 'app-bar', 'top-bar')}'><a href='/'>"
          f"{p.pick('PatentScope Lite', 'Patents', 'Espace View')}</a><form><input placeholder='Search patents'></form></header>"
          f"<main><article class='{p.pick('result', 'patent', 'doc')}'><h1>{number} — {esc(title(rng, p.lang))}</h1>"
          "<dl class='important-people'>"
          f"<dt>Inventor</dt><dd>{p.pick('Marta Lindqvist', 'Joris de Wit', 'Paola Benetti')}</dd>"
          f"<dt>Current Assignee</dt><dd>{p.pick('Harbourline Systems', 'Nordkap Logistics', 'Cortexa Health')}</dd>"
          f"<dt>Priority date</dt><dd>{rng.randint(2005, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</dd></dl>"
          "<div class='links'><a href='#'>Download PDF</a> <a href='#'>Find Prior Art</a> <a href='#'>Similar</a></div>")
    abstract = paragraph(rng, p.lang, 3, 5)
    head = p.pick("Abstract", "Zusammenfassung", "Resumen")
    p.add(f"<section id='abstract'><h2>{head}</h2><div class='abstract'>{esc(abstract)}</div></section>", (head, abstract))
    if rng.random() < 0.5:
        p.add("<section class='images'><h2>Images (4)</h2><img src='/f1.png'><img src='/f2.png'>"
              "<a href='#'>Show all images</a></section>")
    claims = [sentence(rng, p.lang) + " " + sentence(rng, p.lang) for _ in range(rng.randint(4, 12))]
    head = f"Claims ({len(claims)})"
    markup = p.pick(
        "".join(f"<div class='claim'><div class='claim-text'>{n}. {esc(c)}</div></div>" for n, c in enumerate(claims, 1)),
        "<ol class='claims'>" + "".join(f"<li>{esc(c)}</li>" for c in claims) + "</ol>",
    )
    gold = tuple(f"{n}. {c}" for n, c in enumerate(claims, 1)) if markup.startswith("<div") else tuple(claims)
    p.add(f"<section id='claims'><h2>{head}</h2>{markup}</section>", (head, *gold))
    head = p.pick("Description", "Beschreibung", "Descripción")
    p.add(f"<section id='description'><h2>{head}</h2>", (head,))
    n = 1
    for part in ("TECHNICAL FIELD", "BACKGROUND", "SUMMARY", "DETAILED DESCRIPTION")[: rng.randint(2, 4)]:
        p.add(f"<h3 class='description-heading'>{part}</h3>", (part,))
        for _ in range(rng.randint(1, 4)):
            text = f"[{n:04d}] {paragraph(rng, p.lang, 1, 4)}"
            p.add(f"<div class='description-paragraph'>{esc(text)}</div>", (text,))
            n += 1
    p.add("</section>")
    for table_head, cols in (("Patent Citations", ("Publication number", "Priority date", "Publication date", "Assignee", "Title")),
                             ("Cited By", ("Publication number", "Priority date", "Publication date", "Assignee", "Title")),
                             ("Legal Events", ("Date", "Code", "Title", "Description"))):
        if rng.random() < 0.8:
            rows = "".join("<tr>" + "".join(f"<td>{esc(short(rng, p.lang, 3))}</td>" for _ in cols) + "</tr>" for _ in range(rng.randint(3, 8)))
            p.add(f"<section class='{p.pick('table-section', 'citations', 'events')}'><h2>{table_head} ({rng.randint(3, 30)})</h2>"
                  "<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in cols) + f"</tr></thead><tbody>{rows}</tbody></table></section>")
    p.add("</article></main>" + footer_block(p))


def product_review_page(p: Page) -> None:
    """A tech site's product review: score box, verdict with pros / cons, prose, a spec table, "also consider" cards."""
    rng = p.rng
    product = f"{p.pick('Aurel', 'Kestrel', 'Nimbus', 'Vanta')} {p.pick('X2', 'Pro 14', 'S7', 'Air')}"
    score = f"{rng.randint(3, 4)}.{p.pick('0', '5')}"
    p.add(hidden_chrome(p) + site_header(p) + f"<main><article class='{p.pick('review', 'post review', 'article')}'>"
          f"<h1>{product} review: {esc(short(rng, p.lang, 6))}</h1>" + byline_block(p)
          + p.pick("<p class='disclosure'>When you buy through links on our site, we may earn an affiliate commission.</p>", "")
          + f"<div class='{p.pick('score-box', 'review-summary', 'rating-card')}'><span class='score'>{score} / 5</span>"
          f"<span class='award'>{p.pick('Editor’s Choice', 'Recommended', 'Best buy')}</span><ul class='retailers'>"
          + "".join(f"<li><a rel='sponsored' href='https://shop.example/{i}'>{shop}</a> <span>€{rng.randint(199, 1499)}</span></li>"
                    for i, shop in enumerate(rng.sample(["Amazon", "Best Buy", "Currys", "MediaMarkt", "Fnac"], 3)))
          + "</ul><a class='btn' href='#'>View Deal</a></div>"
          f"<div class='{p.pick('article-body', 'entry-content', 'review-body')}'>")
    verdict_head = p.pick("Verdict", "Our verdict", "Fazit", "Bottom line")
    verdict = paragraph(rng, p.lang, 1, 3)
    pros = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(2, 4))]
    cons = [short(rng, p.lang, rng.randint(3, 7)) for _ in range(rng.randint(1, 3))]
    pros_head, cons_head = p.pick(("Pros", "Cons"), ("For", "Against"), ("Vorteile", "Nachteile"), ("Pro", "Contra"))
    box = (f"<div class='{p.pick('verdict', 'pros-cons', 'wp-block-group review-verdict')}'><h2>{verdict_head}</h2><p>{esc(verdict)}</p>"
           f"<div class='pros'><h3>{pros_head}</h3><ul>" + "".join(f"<li>{esc(x)}</li>" for x in pros) + "</ul></div>"
           f"<div class='cons'><h3>{cons_head}</h3><ul>" + "".join(f"<li>{esc(x)}</li>" for x in cons) + "</ul></div></div>")
    box_gold = (verdict_head, verdict, pros_head, *pros, cons_head, *cons)
    verdict_first = rng.random() < 0.5
    if verdict_first:
        p.add(box, box_gold)
    for s in range(rng.randint(3, 5)):
        head = short(rng, p.lang, rng.randint(2, 4))
        p.add(f"<h2>{esc(head)}</h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 2, 4)
            p.add(f"<p>{esc(text)}</p>", (text,))
        if s == 0:
            p.add(f"<figure><img src='/r{s}.jpg'><figcaption>{esc(sentence(rng, p.lang))} "
                  f"<span class='credit'>({p.pick('Image credit', 'Photo')}: {esc(short(rng, p.lang, 2))})</span></figcaption></figure>")
        if s == 1:
            specs = [(k, esc(short(rng, p.lang, rng.randint(1, 3)))) for k in
                     rng.sample(["Display", "Processor", "Memory", "Storage", "Battery", "Weight", "Dimensions", "Ports"], rng.randint(4, 7))]
            spec_head = p.pick("Specs", "Specifications", "Technische Daten")
            p.add(f"<h3>{spec_head}</h3><table class='{p.pick('specs', 'spec-table', 'table')}'><tbody>"
                  + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in specs) + "</tbody></table>",
                  (spec_head, *(x for kv in specs for x in kv)))
        if s == 2 and rng.random() < 0.5:
            p.add(f"<div class='{p.pick('inline-deal', 'product-widget', 'hawk-widget')}'><p>{product}</p><p>€{rng.randint(199, 1499)} at Amazon</p>"
                  "<a rel='sponsored' href='#'>View</a></div>")
    if not verdict_first:
        p.add(box, box_gold)
    p.add(p.pick(f"<div class='how-we-test'><h3>How we test</h3><p>{esc(sentence(rng, 'en'))} Read more about how we test.</p></div>", "")
          + "</div>" + share_bar(p))
    p.add(f"<section class='{p.pick('also-consider', 'alternatives', 'product-cards')}'><h2>Also consider</h2>"
          + "".join(f"<div class='card'><h3>{esc(short(rng, p.lang, 3).title())}</h3><p>{esc(sentence(rng, p.lang))}</p>"
                    f"<a rel='sponsored' href='#'>Check price</a></div>" for _ in range(rng.randint(2, 3))) + "</section>")
    if rng.random() < 0.5:
        p.add(f"<section class='user-ratings'><h2>Reader ratings</h2><p>{rng.randint(3, 4)}.{rng.randint(0, 9)} out of 5 "
              f"({rng.randint(10, 400)} ratings)</p>" + comments_block(p, rng.randint(2, 4)) + "</section>")
    p.add("</article>" + related_block(p) + "</main>" + footer_block(p))


TEAMS = ("Harbour United", "Valdera FC", "Kettleby Town", "Riverside Rovers", "Nordkap SK", "Westmoor Athletic")
PLAYERS = ("Okafor", "Lindqvist", "de Wit", "Benetti", "Moreno", "Visser", "Rossi", "Dubois", "Novak", "Costa", "Holm",
           "Varga", "Aas", "Maes", "Duarte", "Haddad", "Kaya", "Brandt", "Souza", "Tanaka", "Nowak", "Vermeer")


def match_report_page(p: Page) -> None:
    """A football match report or live page: scoreboard, report or minute-by-minute entries, line-ups, league table, odds."""
    rng = p.rng
    home, away = rng.sample(TEAMS, 2)
    goals = (rng.randint(0, 4), rng.randint(0, 3))
    live = rng.random() < 0.4
    p.add(hidden_chrome(p) + site_header(p) + f"<main class='{p.pick('match-centre', 'sport', 'content')}'>"
          f"<div class='{p.pick('scoreboard', 'match-header', 'sp-c-fixture')}'><span class='team home'>{home}</span>"
          f"<span class='score'>{goals[0]} – {goals[1]}</span><span class='team away'>{away}</span>"
          f"<p class='status'>{p.pick('FT', 'Full time', 'Live')}</p><ul class='scorers'>"
          + "".join(f"<li>{p.pick(*PLAYERS)} {rng.randint(1, 90)}'</li>" for _ in range(sum(goals))) + "</ul></div>"
          f"<nav class='tabs'><a href='#'>{'Live' if live else 'Report'}</a> <a href='#'>Line-ups</a> <a href='#'>Stats</a> <a href='#'>Table</a></nav>"
          f"<article class='{p.pick('story', 'match-report', 'article')}'><h1>{esc(title(rng, p.lang))}</h1>" + byline_block(p)
          + f"<div class='{p.pick('story-body', 'article-body', 'report')}'>")
    if live:
        summary = paragraph(rng, p.lang, 1, 2)
        p.add(f"<div class='{p.pick('live-summary', 'key-points', 'pinned')}'><p>{esc(summary)}</p></div>", (summary,))
        minute = 95
        for _ in range(rng.randint(8, 18)):
            minute -= rng.randint(1, 9)
            if minute < 1:
                break
            stamp = f"{minute}'" if rng.random() < 0.8 else f"90+{rng.randint(1, 5)}'"
            text = p.pick("Goal! ", "Yellow card. ", "Substitution. ", "", "", "") + sentence(rng, p.lang)
            if rng.random() < 0.3:
                text += " " + sentence(rng, p.lang)
            style = rng.randrange(3)
            if style == 0:
                p.add(f"<div class='live-entry'><span class='minute'>{stamp}</span><p>{esc(text)}</p></div>", (stamp, text))
            elif style == 1:
                p.add(f"<li class='lx-stream-post'><time>{stamp}</time><p>{esc(text)}</p></li>", (stamp, text))
            else:  # the minute inline with the entry's text
                p.add(f"<div class='ticker-item'><strong>{stamp}</strong> {esc(text)}</div>", (f"{stamp} {text}",))
    else:
        for k in range(rng.randint(4, 8)):
            text = paragraph(rng, p.lang, 2, 4)
            p.add(f"<p>{esc(text)}</p>", (text,))
            if k == 1 and rng.random() < 0.5:
                p.add(f"<figure><img src='/m.jpg'><figcaption>{esc(sentence(rng, p.lang))} "
                      f"{p.pick('Photograph: ', 'Photo: ')}{esc(short(rng, p.lang, 2))}/{p.pick('Reuters', 'AP', 'PA')}</figcaption></figure>")
            if k == 2 and rng.random() < 0.4:
                p.add(f"<p><strong>{p.pick('Read more', 'Also read', 'Related')}:</strong> <a href='/s'>{esc(short(rng, p.lang, 7))}</a></p>")
    head = p.pick("Line-ups", "Teams", "Aufstellungen", "Formazioni")
    lineups = [(rng.randint(1, 30), PLAYERS[i], PLAYERS[(i + 11) % len(PLAYERS)]) for i in rng.sample(range(11), 11)]
    p.add(f"<h2>{head}</h2><table class='{p.pick('lineups', 'table', 'sp-lineup')}'><thead><tr><th>#</th><th>{home}</th><th>{away}</th></tr>"
          "</thead><tbody>" + "".join(f"<tr><td>{n}</td><td>{a}</td><td>{b}</td></tr>" for n, a, b in lineups) + "</tbody></table>",
          (head, "#", home, away, *(x for row in lineups for x in (str(row[0]), row[1], row[2]))))
    if rng.random() < 0.5:
        ref = f"{p.pick('Referee', 'Schiedsrichter', 'Arbitro')}: {p.pick(*PLAYERS)}"
        crowd = f"{p.pick('Attendance', 'Zuschauer', 'Spettatori')}: {rng.randint(2000, 60000):,}"
        p.add(f"<p class='{p.pick('match-facts', 'small', 'meta')}'>{ref}<br>{crowd}</p>")
    p.add("</div>" + share_bar(p) + "</article>")
    standings = "".join(f"<tr><td>{i}</td><td>{t}</td><td>{rng.randint(3, 30)}</td><td>{rng.randint(5, 60)}</td></tr>"
                        for i, t in enumerate(rng.sample(TEAMS, 6), 1))
    p.add(f"<aside class='{p.pick('sidebar', 'league-table', 'rail')}'><h3>{p.pick('League table', 'Tabelle', 'Classifica')}</h3>"
          f"<table><tr><th>Pos</th><th>Team</th><th>P</th><th>Pts</th></tr>{standings}</table>"
          f"<h3>{p.pick('Next fixtures', 'Upcoming')}</h3><ul>" + "".join(f"<li>{a} v {b}, {when_posted(p)}</li>" for a, b in
                                                                    (rng.sample(TEAMS, 2) for _ in range(3))) + "</ul></aside>")
    if rng.random() < 0.5:
        p.add("<div class='odds-widget'><p>Odds</p><span>Home 2.10</span> <span>Draw 3.40</span> <span>Away 3.75</span>"
              "<p>18+ Gamble responsibly. T&Cs apply.</p></div>")
    p.add(related_block(p) + "</main>" + footer_block(p))


def legislation_page(p: Page) -> None:
    """A statute or regulation on an official site: numbered sections with sub-sections and lettered items, sidebar, annotations."""
    rng = p.rng
    act = f"{esc(short(rng, p.lang, 3).title())} Act {rng.randint(1990, 2024)}"
    p.add(hidden_chrome(p) + f"<header class='{p.pick('govuk-header', 'site-header', 'banner')}'><a href='/'>"
          f"{p.pick('legislation.example', 'Official Journal', 'Statute Book')}</a><ul class='nav'>{links_list(p, 5, 2)}</ul></header>"
          + breadcrumbs(p) + f"<div class='{p.pick('layout', 'row', 'doc-wrapper')}'>"
          f"<aside class='{p.pick('toc', 'sidebar', 'col-md-3')}'><h2>{p.pick('Table of contents', 'Contents', 'Inhalt')}</h2><ol>"
          + "".join(f"<li><a href='#s{i}'>{i}. {esc(short(rng, p.lang, 4))}</a></li>" for i in range(1, rng.randint(8, 16)))
          + f"</ol></aside><div class='{p.pick('content', 'col-md-9', 'legis-body')}'><h1>{act}</h1>")
    if rng.random() < 0.6:
        p.add("<div class='warning status-box'><p><strong>Changes to legislation:</strong> There are outstanding changes not yet made "
              f"to {act}. Any changes that have already been made appear in the content.</p><a href='#'>View outstanding changes</a></div>")
    if rng.random() < 0.5:
        p.add(f"<div class='versions'><span>Version: {when_posted(p)}</span> <a href='#'>Latest available (Revised)</a> "
              "<a href='#'>Original (As enacted)</a></div>")
    part = f"{p.pick('Part', 'Teil', 'Parte')} {rng.randint(1, 5)}"
    part_title = short(rng, p.lang, rng.randint(2, 5))
    p.add(f"<h2>{part}</h2><h2>{esc(part_title)}</h2>", (part, part_title))
    notes = []
    for sec in range(rng.randint(2, 6)):
        number = rng.randint(1, 90) + sec
        head = f"{number} {short(rng, p.lang, rng.randint(2, 6))}"
        p.add(f"<h3 id='s{number}'>{esc(head)}</h3>", (head,))
        for sub in range(1, rng.randint(2, 5)):
            text = f"({sub}) {sentence(rng, p.lang)}"
            if rng.random() < 0.4:
                items = [f"({chr(96 + i)}) {short(rng, p.lang, rng.randint(3, 9))};" for i in range(1, rng.randint(3, 5))]
                p.add(f"<p class='subsection'>{esc(text)}</p><ul class='paras'>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>",
                      (text, *items))
            else:
                if rng.random() < 0.25:
                    mark = f"F{len(notes) + 1}"
                    notes.append(mark)
                    p.add(f"<p class='subsection'>{esc(text)} <sup><a href='#{mark}'>{mark}</a></sup></p>", (f"{text} {mark}",))
                else:
                    p.add(f"<p class='subsection'>{esc(text)}</p>", (text,))
    if notes:
        p.add(f"<div class='annotations'><h4>{p.pick('Textual Amendments', 'Annotations', 'Änderungen')}</h4>"
              + "".join(f"<p id='{m}'>{m} Words in s. {rng.randint(1, 90)} substituted (1.{rng.randint(1, 12)}.{rng.randint(2000, 2024)}) "
                        f"by {esc(short(rng, p.lang, 3).title())} Act {rng.randint(2000, 2024)}</p>" for m in notes) + "</div>")
    p.add(f"<div class='prev-next'><a href='#'>Previous: {esc(short(rng, p.lang, 3))}</a> <a href='#'>Next: {esc(short(rng, p.lang, 3))}</a></div>"
          "<div class='feedback'><p>Is this page useful?</p><button>Yes</button><button>No</button></div></div></div>" + footer_block(p))


def footnoted_essay_page(p: Page) -> None:
    """A long essay or blog post with numbered footnotes and a reference list, a contents box, figures and comments."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + f"<main><article class='{p.pick('post', 'essay', 'hentry')}'>"
          f"<h1>{esc(title(rng, p.lang))}</h1>" + byline_block(p)
          + f"<div class='{p.pick('entry-content', 'post-body', 'essay-body')}'>")
    heads = [short(rng, p.lang, rng.randint(2, 5)) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.6:
        p.add(f"<nav class='{p.pick('toc', 'ez-toc-container', 'table-of-contents')}'><p>{p.pick('Contents', 'Table of contents', 'In this post')}</p><ol>"
              + "".join(f"<li><a href='#h{i}'>{esc(h)}</a></li>" for i, h in enumerate(heads)) + "</ol></nav>")
    notes = []
    intro = paragraph(rng, p.lang, 2, 4)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    for i, head in enumerate(heads):
        p.add(f"<h2 id='h{i}'>{esc(head)}</h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 2, 4)
            if rng.random() < 0.4:
                notes.append(sentence(rng, p.lang))
                n = len(notes)
                if rng.random() < 0.5:
                    p.add(f"<p>{esc(text)}<sup id='fnref{n}'><a href='#fn{n}'>{n}</a></sup></p>", (f"{text}{n}",))
                else:
                    p.add(f"<p>{esc(text)}<sup class='footnote-ref'><a href='#fn{n}'>[{n}]</a></sup></p>", (f"{text}[{n}]",))
            else:
                p.add(f"<p>{esc(text)}</p>", (text,))
        if i == 0 and rng.random() < 0.6:
            p.add(f"<figure class='{p.pick('wp-block-image', 'figure')}'><img src='/e{i}.png'><figcaption>{esc(sentence(rng, p.lang))}"
                  f" {p.pick('Source: ', 'Image: ')}{esc(short(rng, p.lang, 2))}</figcaption></figure>")
        if i == 1 and rng.random() < 0.4:
            p.add(newsletter_box(p))
    if notes:
        head = p.pick("Notes", "Footnotes", "Anmerkungen", "Note")
        p.add(f"<hr><h2>{head}</h2><ol class='{p.pick('footnotes', 'notes', 'fn-list')}'>"
              + "".join(f"<li id='fn{n}'>{esc(t)} <a href='#fnref{n}'>↩</a></li>" for n, t in enumerate(notes, 1)) + "</ol>",
              (head, *(f"{t} ↩" for t in notes)))
    if rng.random() < 0.7:
        head = p.pick("References", "Sources", "Further reading", "Literatur")
        refs = [f"{p.pick(*('Okafor, L.', 'Vermeer, P.', 'Souza, A.', 'Nowak, M.'))} ({rng.randint(1990, 2024)}). "
                f"{short(rng, p.lang, rng.randint(4, 8)).capitalize()}. {p.pick('Journal of Harbour Studies', 'Valley Press', 'Tide Review')}, "
                f"{rng.randint(1, 40)}({rng.randint(1, 4)}), {rng.randint(1, 200)}–{rng.randint(201, 400)}." for _ in range(rng.randint(2, 6))]
        p.add(f"<h2>{head}</h2><ul class='{p.pick('references', 'bibliography', 'refs')}'>" + "".join(
            f"<li>{esc(r)} <a href='https://doi.example/{rng.randint(1, 9999)}'>doi</a></li>" for r in refs) + "</ul>",
              (head, *(f"{r} doi" for r in refs)))
    p.add("</div>" + share_bar(p) + p.pick(f"<div class='author-box'><p>{esc(sentence(rng, p.lang))}</p></div>", "")
          + comments_block(p, rng.randint(1, 5)) + "</article>" + related_block(p) + "</main>" + footer_block(p))


ROUND15_FAMILIES = {"patent_page": patent_page, "product_review_page": product_review_page,
                    "match_report_page": match_report_page, "legislation_page": legislation_page,
                    "footnoted_essay_page": footnoted_essay_page}

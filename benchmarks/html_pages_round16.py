"""Round 16's page-type families for ``benchmarks/html_pages.py`` (``--round16``; written before round 16 changed the extractor).

Five kinds the HTML path had not seen: step-by-step how-to guides as wikiHow-like sites show
them (methods of numbered steps with a bold lead, tips, warnings, "things you'll need", a
community Q&A and a helpfulness poll), newsletter issues on hosted newsletter platforms (a
publication bar, a subtitle, "subscribe" boxes inside the post, likes and a comment thread),
research papers rendered as HTML (an author list with affiliations, an abstract, numbered
sections with citations, equations, tables, figures, acknowledgements and references), property
listings on estate agents' sites (a price box, key facts, the agent's description with room-by-room
details, a mortgage calculator, the agent's card, similar homes) and code repositories' pages on
a code forge (a file list with commit messages, a README with install and usage code blocks, an
"About" sidebar with topics, releases, contributors and languages).

**Gold convention** (rounds 7-15's, WCXB's): what the author wrote as the document is content: a
guide's intro, method headings, steps, tips, warnings and "things you'll need" list; an issue's
body with its sub-headings, quotes and lists; a paper's abstract, section headings and prose,
equations as text, its tables, acknowledgements and reference list (the closing sources, as
round 15); a listing's description, key features and room-by-room details; a README's prose,
headings, lists and code blocks. Headlines, subtitles, bylines, dates, author lists and
affiliations, keywords, captions and credits, price boxes and key-fact strips, agents' cards,
calculators, maps, similar homes, file lists and commit messages, repository sidebars, badges,
"subscribe" and "share" boxes, likes, community Q&A, comments, helpfulness polls, related cards
and footers are not.

Held out: the whole seed-79 set (100 pages, ``extraction.py``'s "own: unseen families, round 16")
is read as totals only; the seed-83 set (50 pages, "own: round 16 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, byline_block, comments_block, esc, footer_block, hidden_chrome,
                        links_list, paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Marta Lindqvist", "Joris de Wit", "Paola Benetti", "Lena Okafor", "Piet Vermeer", "Ana Souza",
         "Marek Nowak", "Yuki Tanaka", "Sami Haddad", "Ines Duarte")


def howto_steps_page(p: Page) -> None:
    """A how-to guide: methods of numbered steps, tips, warnings, things you'll need, community Q&A, a poll."""
    rng = p.rng
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><article class='{p.pick('howto', 'article', 'guide')}'><h1>{p.pick('How to', 'So geht', 'Come')} "
          f"{esc(short(rng, p.lang, rng.randint(3, 6)))}</h1>"
          f"<div class='{p.pick('coauthor', 'expert-byline', 'byline')}'>Co-authored by {p.pick(*NAMES)} · "
          f"Updated {rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.randint(2019, 2025)} · {rng.randint(2, 90)}K views</div>")
    intro = paragraph(rng, p.lang, 2, 4)
    p.add(f"<div class='{p.pick('intro', 'mf-section-0', 'lede')}'><p>{esc(intro)}</p></div>", (intro,))
    if rng.random() < 0.5:
        p.add("<div class='steps-toc'><p>Jump to:</p><ul>" + links_list(p, rng.randint(2, 3), 3) + "</ul></div>")
    n_methods = rng.randint(1, 3)
    for m in range(1, n_methods + 1):
        label = f"{p.pick('Method', 'Part', 'Methode')} {m} {p.pick('of', 'von')} {n_methods}" if n_methods > 1 else ""
        head = short(rng, p.lang, rng.randint(2, 5)).capitalize()
        if label:
            p.add(f"<div class='method'><div class='method-label'>{label}</div><h2>{esc(head)}</h2>", (head,))
        else:
            p.add(f"<div class='method'><h2>{esc(head)}</h2>", (head,))
        style = rng.randrange(3)
        p.add("<ol class='steps'>" if style < 2 else "<div class='steps'>")
        for s in range(1, rng.randint(3, 7)):
            lead = sentence(rng, p.lang)
            rest = paragraph(rng, p.lang, 1, 3)
            img = p.pick(f"<div class='step-image'><img src='/s{m}{s}.jpg' alt=''></div>", "")
            if style == 0:
                p.add(f"<li class='step'>{img}<div class='step-num'>{s}</div><div class='step-text'><b>{esc(lead)}</b> {esc(rest)}</div></li>",
                      (f"{lead} {rest}",))
            elif style == 1:
                p.add(f"<li>{img}<p><strong>{esc(lead)}</strong></p><p>{esc(rest)}</p></li>", (lead, rest))
            else:
                label = f"{p.pick('Step', 'Schritt')} {s}"
                p.add(f"<div class='step'>{img}<h3>{label}</h3><p>{esc(lead)} {esc(rest)}</p></div>", (label, f"{lead} {rest}"))
        p.add(("</ol>" if style < 2 else "</div>") + "</div>")
    if rng.random() < 0.7:
        tips = [sentence(rng, p.lang) for _ in range(rng.randint(1, 4))]
        head = p.pick("Tips", "Tipps", "Consigli")
        p.add(f"<section class='{p.pick('tips', 'section tips')}'><h2>{head}</h2><ul>" + "".join(f"<li>{esc(t)}</li>" for t in tips)
              + "</ul></section>", (head, *tips))
    if rng.random() < 0.5:
        warns = [sentence(rng, p.lang) for _ in range(rng.randint(1, 2))]
        head = p.pick("Warnings", "Warnungen", "Avvertenze")
        p.add(f"<section class='warnings'><h2>{head}</h2><ul>" + "".join(f"<li>{esc(t)}</li>" for t in warns) + "</ul></section>",
              (head, *warns))
    if rng.random() < 0.6:
        things = [short(rng, p.lang, rng.randint(2, 4)) for _ in range(rng.randint(3, 6))]
        head = p.pick("Things You'll Need", "Was du brauchst", "Cosa ti serve")
        p.add(f"<section class='{p.pick('thingsyoullneed', 'materials')}'><h2>{head}</h2><ul>"
              + "".join(f"<li>{esc(t)}</li>" for t in things) + "</ul></section>", (head, *things))
    if rng.random() < 0.7:
        qa = "".join(f"<div class='qa-item'><p class='qa-q'>{esc(sentence(rng, p.lang).rstrip('.'))}?</p>"
                     f"<p class='qa-a'>{esc(paragraph(rng, p.lang, 1, 2))}</p><p class='qa-meta'>{p.pick(*NAMES)} · "
                     f"{rng.randint(1, 40)} Helpful {rng.randint(0, 9)} Not Helpful</p></div>" for _ in range(rng.randint(2, 4)))
        p.add(f"<section class='{p.pick('community-qa', 'qa', 'answers')}'><h2>Community Q&amp;A</h2>{qa}"
              "<form><input placeholder='Ask a question'><button>Submit</button></form></section>")
    p.add("<div class='helpfulness'><p>Did this article help you?</p><button>Yes</button><button>No</button></div>"
          + share_bar(p) + "</article>" + related_block(p) + "</main>" + footer_block(p))


def newsletter_issue_page(p: Page) -> None:
    """A newsletter issue on a hosted platform: subscribe boxes inside the post, likes, comments."""
    rng = p.rng
    pub = p.pick("Harbour Notes", "The Valley Letter", "Tidewater Weekly", "Nordkap Dispatch")
    p.add(hidden_chrome(p) + f"<div class='{p.pick('topbar', 'pub-header', 'navbar')}'><a href='/'>{pub}</a>"
          "<a href='/subscribe' class='button'>Subscribe</a><a href='/signin'>Sign in</a></div>"
          f"<div class='{p.pick('single-post', 'post-page', 'container')}'><article class='{p.pick('post', 'newsletter-post', 'typography')}'>"
          f"<h1 class='post-title'>{esc(title(rng, p.lang))}</h1><h3 class='subtitle'>{esc(sentence(rng, p.lang))}</h3>"
          f"<div class='post-meta'><a href='/profile'>{p.pick(*NAMES)}</a> <span>{p.pick('Mar 4, 2024', 'Oct 12, 2023', 'Jan 30, 2025')}</span>"
          f"<span>{rng.randint(12, 900)} likes</span></div>"
          f"<div class='{p.pick('body markup', 'available-content', 'post-content')}'>")
    cta_at = rng.randint(1, 3)
    for k in range(rng.randint(4, 9)):
        r = rng.random()
        if k > 0 and r < 0.2:
            head = short(rng, p.lang, rng.randint(2, 5)).capitalize()
            p.add(f"<h3>{esc(head)}</h3>", (head,))
        text = paragraph(rng, p.lang, 2, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
        if 0.2 <= r < 0.3:
            q = sentence(rng, p.lang)
            p.add(f"<blockquote><p>{esc(q)}</p></blockquote>", (q,))
        elif 0.3 <= r < 0.4:
            items = [short(rng, p.lang, rng.randint(4, 9)) for _ in range(rng.randint(2, 4))]
            p.add("<ul>" + "".join(f"<li><p>{esc(i)}</p></li>" for i in items) + "</ul>", tuple(items))
        if k == cta_at:
            p.add(p.pick(
                f"<div class='subscription-widget-wrap'><p>{pub} is a reader-supported publication. To receive new posts and support my work, "
                "consider becoming a free or paid subscriber.</p><form><input type='email' placeholder='Type your email...'>"
                "<button>Subscribe</button></form></div>",
                f"<p class='button-wrapper'><a class='button primary' href='/subscribe'><span>Subscribe now</span></a></p>",
                f"<div class='captioned-button-wrap'><p>Thanks for reading {pub}! Share this post with a friend.</p>"
                "<a class='button' href='/share'>Share</a></div>"))
    p.add("</div>")
    p.add(f"<div class='post-footer'><span>{rng.randint(12, 900)} Likes</span> · <span>{rng.randint(1, 40)} Restacks</span>"
          "<a href='#'>Share</a></div>")
    p.add(p.pick(f"<div class='subscribe-footer'><h3>Ready for more?</h3><input type='email'><button>Subscribe</button></div>", ""))
    p.add("</article>" + comments_block(p, rng.randint(0, 5)) + "</div>"
          f"<div class='footer'><p>© 2024 {p.pick(*NAMES)}</p><p>Privacy ∙ Terms ∙ Collection notice</p>"
          "<p>Start writing. Get the app.</p></div>")


def paper_page(p: Page) -> None:
    """A research paper rendered as HTML: authors and affiliations, abstract, numbered sections, tables, references."""
    rng = p.rng
    authors = rng.sample(NAMES, rng.randint(2, 5))
    p.add(hidden_chrome(p) + f"<header class='{p.pick('ltx_page_header', 'journal-header', 'site-header')}'>"
          f"<a href='/'>{p.pick('arXiv-like', 'Open Papers', 'J. Harbour Sci.')}</a> <a href='#'>Download PDF</a> <a href='#'>Cite</a></header>"
          f"<div class='{p.pick('ltx_page_main', 'article-container', 'paper')}'><article class='{p.pick('ltx_document', 'paper-body', 'fulltext')}'>"
          f"<h1 class='ltx_title'>{esc(title(rng, p.lang))}</h1>"
          "<div class='ltx_authors'>" + "".join(f"<span class='ltx_creator'>{a}<sup>{i % 2 + 1}</sup></span> " for i, a in enumerate(authors))
          + f"<div class='affiliations'><p><sup>1</sup>{p.pick('University of Kettleby', 'Harbour Institute of Technology')}</p>"
          f"<p><sup>2</sup>{p.pick('Nordkap Research Centre', 'Valdera Labs')}</p></div></div>")
    head = p.pick("Abstract", "Zusammenfassung", "Resumen", "Sommario")
    abstract = paragraph(rng, p.lang, 4, 7)
    p.add(f"<div class='ltx_abstract'><h6>{head}</h6><p>{esc(abstract)}</p></div>", (head, abstract))
    p.add(p.pick(f"<div class='ltx_keywords'>Keywords: {esc(short(rng, p.lang, 3))}; {esc(short(rng, p.lang, 2))}</div>", ""))
    ncite = 0
    heads = ["Introduction", p.pick("Related Work", "Background"), "Method", "Results", "Discussion"][: rng.randint(3, 5)]
    for i, h in enumerate(heads, 1):
        head = f"{i} {h}"
        p.add(f"<section class='ltx_section'><h2 class='ltx_title_section'>{head}</h2>", (head,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 2, 5)
            if rng.random() < 0.5:
                ncite += 1
                text = text[:-1] + f" [{rng.randint(1, 12)}]."
            p.add(f"<div class='ltx_para'><p class='ltx_p'>{esc(text)}</p></div>", (text,))
        if h == "Method" and rng.random() < 0.7:
            eq = f"L = {p.pick('α', 'λ')} · ‖x − y‖² + {p.pick('β', 'μ')} · R(θ)"
            number = f"({rng.randint(1, 5)})"
            p.add(f"<table class='ltx_equation'><tr><td>{esc(eq)}</td><td class='ltx_eqn_eqno'>{number}</td></tr></table>", (eq, number))
        if h == "Results":
            cols = ("Model", "Accuracy", "F1")
            rows = [(short(rng, p.lang, 2).title(), f"{rng.randint(60, 99)}.{rng.randint(0, 9)}", f"0.{rng.randint(50, 99)}")
                    for _ in range(rng.randint(2, 5))]
            cap = f"Table {rng.randint(1, 3)}: {sentence(rng, p.lang)}"
            p.add(f"<figure class='ltx_table'><figcaption>{esc(cap)}</figcaption><table><thead><tr>"
                  + "".join(f"<th>{c}</th>" for c in cols) + "</tr></thead><tbody>"
                  + "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
                  + "</tbody></table></figure>", (*cols, *(v for row in rows for v in row)))
        if i == 2 and rng.random() < 0.6:
            cap = f"Figure {rng.randint(1, 4)}: {sentence(rng, p.lang)}"
            p.add(f"<figure class='ltx_figure'><img src='/fig{i}.png' alt=''><figcaption>{esc(cap)}</figcaption></figure>")
        p.add("</section>")
    if rng.random() < 0.6:
        ack = paragraph(rng, p.lang, 1, 2)
        p.add(f"<section class='ltx_acknowledgements'><h2>Acknowledgements</h2><p>{esc(ack)}</p></section>", ("Acknowledgements", ack))
    refs = [f"[{n}] {p.pick('Okafor, L.', 'Vermeer, P.', 'Souza, A.', 'Nowak, M.')} et al. {short(rng, p.lang, rng.randint(4, 8)).capitalize()}. "
            f"{p.pick('In Proc. of HarbourConf', 'Journal of Tide Studies', 'arXiv preprint')}, {rng.randint(1995, 2025)}."
            for n in range(1, rng.randint(4, 12))]
    p.add("<section class='ltx_bibliography'><h2>References</h2><ul>" + "".join(f"<li class='ltx_bibitem'>{esc(r)}</li>" for r in refs)
          + "</ul></section>", ("References", *refs))
    p.add("</article></div>" + p.pick("<div class='ltx_page_footer'><p>Generated by a LaTeX to HTML converter. Report an issue.</p></div>",
                                      footer_block(p)))


def property_listing_page(p: Page) -> None:
    """An estate agent's listing: price box, key facts, description, room details, calculator, agent card, similar homes."""
    rng = p.rng
    street = f"{rng.randint(1, 120)} {p.pick('Harbour Road', 'Kade', 'Via del Porto', 'Mühlenweg', 'Rua do Rio')}"
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main class='{p.pick('listing', 'property-details', 'content')}'><div class='gallery'><img src='/h1.jpg'><img src='/h2.jpg'>"
          f"<span>1/{rng.randint(8, 30)}</span></div><div class='{p.pick('price-box', 'listing-header', 'summary')}'>"
          f"<h1>{street}, {p.pick('Kettleby', 'Valdera', 'Westmoor')}</h1><p class='price'>€{rng.randint(150, 990)},{rng.randint(0, 9)}00</p>"
          f"<p>{p.pick('Guide price', 'Offers over', 'Vraagprijs')}</p></div>"
          f"<ul class='{p.pick('key-facts', 'stats', 'facts')}'><li>{rng.randint(1, 5)} bedrooms</li><li>{rng.randint(1, 3)} bathrooms</li>"
          f"<li>{rng.randint(45, 240)} m²</li><li>{p.pick('Freehold', 'Leasehold', 'Eigendom')}</li><li>EPC {p.pick('A', 'B', 'C', 'D')}</li></ul>")
    if rng.random() < 0.7:
        feats = [short(rng, p.lang, rng.randint(2, 5)).capitalize() for _ in range(rng.randint(3, 7))]
        head = p.pick("Key features", "Kenmerken", "Ausstattung")
        p.add(f"<section class='features'><h2>{head}</h2><ul>" + "".join(f"<li>{esc(f)}</li>" for f in feats) + "</ul></section>",
              (head, *feats))
    head = p.pick("Description", "Omschrijving", "Beschreibung", "Descrizione")
    p.add(f"<section class='{p.pick('description', 'listing-description', 'about-property')}'><h2>{head}</h2>", (head,))
    for _ in range(rng.randint(1, 3)):
        text = paragraph(rng, p.lang, 2, 5)
        p.add(f"<p>{esc(text)}</p>", (text,))
    if rng.random() < 0.6:
        for _ in range(rng.randint(2, 5)):
            room = p.pick("Living room", "Kitchen", "Bedroom", "Bathroom", "Garden", "Woonkamer", "Küche")
            dims = f"{rng.randint(2, 7)}.{rng.randint(0, 9)}m x {rng.randint(2, 6)}.{rng.randint(0, 9)}m"
            text = sentence(rng, p.lang)
            if rng.random() < 0.5:
                p.add(f"<p><strong>{room}</strong> {dims}<br>{esc(text)}</p>", (f"{room} {dims}", text))
            else:
                p.add(f"<h3>{room} ({dims})</h3><p>{esc(text)}</p>", (f"{room} ({dims})", text))
    p.add(p.pick("<p class='read-more'><a href='#'>Read full description</a></p>", "") + "</section>")
    p.add(f"<section class='{p.pick('mortgage-calculator', 'calculator', 'finance')}'><h2>{p.pick('Mortgage calculator', 'Hypotheek berekenen')}</h2>"
          f"<label>Deposit</label><input value='{rng.randint(10, 90)}000'><label>Term</label><input value='25 years'>"
          f"<p>Monthly repayment: €{rng.randint(500, 3000)}</p><p>Representative example only. Your home may be repossessed if you do "
          "not keep up repayments.</p></section>")
    p.add(f"<aside class='{p.pick('agent-card', 'contact-agent', 'broker')}'><h3>{p.pick('Harbour Homes', 'Kade Makelaars', 'Valdera Immobilien')}</h3>"
          f"<p>{rng.randint(1, 200)} {p.pick('Market Street', 'Dorpsstraat')}</p><a href='tel:0'>Call agent</a><button>Request viewing</button></aside>")
    p.add(p.pick("<div class='map'><p>Map data ©2024</p><a href='#'>Street view</a></div>", "")
          + f"<section class='{p.pick('similar', 'similar-homes', 'recommendations')}'><h2>{p.pick('Similar homes', 'Vergelijkbare woningen')}</h2>"
          + "".join(f"<div class='card'><p>€{rng.randint(150, 990)},000</p><a href='#'>{esc(short(rng, p.lang, 4))}</a>"
                    f"<p>{rng.randint(1, 5)} bed</p></div>" for _ in range(rng.randint(2, 4))) + "</section>"
          + "<p class='disclaimer'>Property descriptions and related information displayed on this page are marketing materials "
            "provided by the agent and do not constitute property particulars.</p></main>" + footer_block(p))


def repo_page(p: Page) -> None:
    """A code repository's page on a forge: file list with commit messages, README with code blocks, About sidebar."""
    rng = p.rng
    owner = p.pick("harbourlabs", "valdera", "kettleby-dev", "tidewater")
    name = p.pick("tidecalc", "portmap", "quaykit", "riverflow", "dockyard")
    p.add(hidden_chrome(p) + f"<header class='{p.pick('Header', 'forge-header', 'navbar')}'><a href='/'>Forge</a>"
          "<input placeholder='Search or jump to...'><a href='/pulls'>Pull requests</a><a href='/issues'>Issues</a></header>"
          f"<main><div class='repohead'><strong><a href='/{owner}'>{owner}</a> / <a href='/{owner}/{name}'>{name}</a></strong>"
          f"<span class='label'>Public</span><a href='#'>Watch {rng.randint(1, 90)}</a><a href='#'>Fork {rng.randint(1, 900)}</a>"
          f"<a href='#'>Star {rng.randint(1, 9)}.{rng.randint(0, 9)}k</a></div>"
          f"<nav class='reponav'><a href='#'>Code</a><a href='#'>Issues {rng.randint(0, 99)}</a><a href='#'>Pull requests {rng.randint(0, 30)}</a>"
          "<a href='#'>Actions</a><a href='#'>Wiki</a><a href='#'>Security</a><a href='#'>Insights</a></nav>"
          f"<div class='{p.pick('layout', 'repo-content', 'd-flex')}'><div class='{p.pick('main-col', 'col-9', 'files')}'>"
          "<div class='branch'><button>main</button> <a href='#'>Branches</a> <a href='#'>Tags</a> <a href='#'>Go to file</a> <button>Code</button></div>"
          f"<div class='latest-commit'><a href='#'>{p.pick(*NAMES)}</a> {esc(short(rng, 'en', 5))} <a href='#'>{rng.randint(1000000, 9999999):x}</a> · "
          f"{rng.randint(2, 900)} commits</div><table class='{p.pick('files', 'file-list', 'Box')}'>"
          + "".join(f"<tr><td><a href='#'>{f}</a></td><td><a href='#'>{esc(short(rng, 'en', rng.randint(3, 7)))}</a></td>"
                    f"<td>{rng.randint(2, 11)} {p.pick('days', 'months', 'years')} ago</td></tr>"
                    for f in rng.sample([".github/workflows", "docs", "src", "tests", ".gitignore", "LICENSE", "README.md",
                                         "pyproject.toml", "setup.cfg", "Makefile"], rng.randint(5, 9)))
          + f"</table><div id='readme' class='{p.pick('Box readme', 'markdown-body', 'readme')}'><h2 class='readme-title'>README.md</h2>"
          f"<article class='markdown-body'>")
    p.add(f"<h1>{name}</h1>", (name,))
    p.add(p.pick("<p><a href='#'><img alt='build passing' src='/b.svg'></a> <a href='#'><img alt='pypi' src='/p.svg'></a></p>",
                 "<p><img alt='CI' src='/ci.svg'> <img alt='License: MIT' src='/l.svg'></p>", ""))
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    if rng.random() < 0.7:
        head = p.pick("Features", "Funktionen", "Caratteristiche")
        feats = [short(rng, p.lang, rng.randint(3, 8)).capitalize() for _ in range(rng.randint(3, 6))]
        p.add(f"<h2>{head}</h2><ul>" + "".join(f"<li>{esc(f)}</li>" for f in feats) + "</ul>", (head, *feats))
    head = p.pick("Installation", "Install", "Installazione")
    cmd = p.pick(f"pip install {name}", f"npm install {name}", f"cargo add {name}", f"go get example.org/{owner}/{name}")
    p.add(f"<h2>{head}</h2><div class='highlight'><pre>{esc(cmd)}</pre></div>", (head, cmd))
    head = p.pick("Usage", "Quick start", "Verwendung", "Uso")
    code = [f"from {name} import {p.pick('Tide', 'Port', 'Quay')}", f"t = {p.pick('Tide', 'Port', 'Quay')}({rng.randint(1, 9)})",
            f"print(t.{p.pick('level', 'forecast', 'route')}('{p.pick('north', 'south')}'))"]
    text = paragraph(rng, p.lang, 1, 2)
    p.add(f"<h2>{head}</h2><p>{esc(text)}</p><div class='highlight'><pre>" + "\n".join(esc(c) for c in code) + "</pre></div>",
          (head, text, *code))
    for _ in range(rng.randint(0, 2)):
        head = short(rng, p.lang, rng.randint(1, 3)).capitalize()
        text = paragraph(rng, p.lang, 1, 3)
        p.add(f"<h2>{esc(head)}</h2><p>{esc(text)}</p>", (head, text))
    head = p.pick("License", "Lizenz", "Licenza")
    lic = f"{p.pick('MIT', 'Apache-2.0', 'BSD-3-Clause')}. {sentence(rng, p.lang)}"
    p.add(f"<h2>{head}</h2><p>{esc(lic)}</p>", (head, lic))
    p.add("</article></div></div>"
          f"<div class='{p.pick('sidebar', 'col-3', 'about')}'><h2>About</h2><p>{esc(sentence(rng, 'en'))}</p>"
          f"<a href='#'>{name}.example.org</a><div class='topics'>" + "".join(f"<a class='topic-tag' href='#'>{t}</a>" for t in
                                                                       rng.sample(["python", "maps", "tides", "cli", "geo", "rust"], 3))
          + f"</div><p><a href='#'>Readme</a> <a href='#'>MIT license</a> <a href='#'>Activity</a></p>"
          f"<p>{rng.randint(1, 9)}.{rng.randint(0, 9)}k stars · {rng.randint(1, 90)} watching · {rng.randint(1, 900)} forks</p>"
          f"<h2>Releases {rng.randint(1, 40)}</h2><p><a href='#'>v{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}</a> Latest</p>"
          f"<h2>Contributors {rng.randint(2, 60)}</h2><ul>" + "".join(f"<li><a href='#'>{n.split()[0].lower()}</a></li>" for n in rng.sample(NAMES, 3))
          + f"</ul><h2>Languages</h2><ul><li>Python {rng.randint(60, 99)}.{rng.randint(0, 9)}%</li><li>Shell {rng.randint(0, 9)}.{rng.randint(0, 9)}%</li></ul>"
          "</div></div></main>"
          "<footer class='footer'><p>© 2025 Forge, Inc.</p><ul><li><a href='#'>Terms</a></li><li><a href='#'>Privacy</a></li>"
          "<li><a href='#'>Status</a></li><li><a href='#'>Docs</a></li></ul></footer>")


ROUND16_FAMILIES = {"howto_steps_page": howto_steps_page, "newsletter_issue_page": newsletter_issue_page,
                    "paper_page": paper_page, "property_listing_page": property_listing_page, "repo_page": repo_page}

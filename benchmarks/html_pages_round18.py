"""Round 18's page-type families for ``benchmarks/html_pages.py`` (``--round18``; written before round 18 changed the extractor).

Five kinds the HTML path had not seen: court rulings on case-law sites (a case header with the
court, docket and judges, a "cite as" box, catchwords, numbered paragraphs under headings, quoted
statute text, the order, "cited by" lists), photo essays (a short introduction and a run of photos
whose long captions tell the story, each caption closing with a credit, a photo counter), email
newsletters archived as web pages (the campaign archive's table layout: "view this email in your
browser", an "in this issue" list, sections with buttons, a sponsor block, social links and the
unsubscribe footer), dictionary entries (a headword with pronunciation, parts of speech, numbered
senses with examples, synonyms, the word's origin, "word of the day", nearby words, "cite this
entry") and fan-fiction chapters on archive sites (a tag block with rating, fandom, characters and
statistics, the work's summary and the author's notes, the chapter's prose with many short lines
of dialogue, kudos, comments and chapter navigation).

**Gold convention** (rounds 7-17's, WCXB's): what the author wrote as the document is content: a
ruling's numbered paragraphs with their headings, quoted statute text and the order; a photo
essay's introduction and the caption text of every photo (in a photo essay the captions *are* the
story; not their credits, not the counters); the newsletter's sections (headings and paragraphs);
a dictionary entry's part-of-speech headings, senses, examples and the origin note with its heading;
a chapter's prose, every line of dialogue included. Headlines, bylines, case headers, "cite as"
boxes, catchwords, "cited by" lists, credits, counters, "view in browser" lines, tables of contents,
buttons, sponsor blocks, footers, pronunciations, synonyms lists, word-of-the-day boxes, tag blocks,
summaries, authors' notes, kudos, comments and navigation are not.

Held out: the whole seed-101 set (100 pages, ``extraction.py``'s "own: unseen families, round 18")
is read as totals only; the seed-103 set (50 pages, "own: round 18 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, esc, footer_block, hidden_chrome, links_list,
                        paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Mara Jensen", "Luuk de Wit", "Sofia Conti", "Tiago Reis", "Ines Vogel", "Kofi Mensah",
         "Lotte Smit", "Paolo Greco", "Aiko Mori", "Nadia Haddad")


def court_ruling_page(p: Page) -> None:
    """A judgment on a case-law site: case header, cite-as box, numbered paragraphs under headings, the order."""
    rng = p.rng
    judge = p.pick(*NAMES)
    docket = f"{p.pick('C', 'A', 'HR')}-{rng.randint(100, 999)}/{rng.randint(10, 25)}"
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<div class='{p.pick('case-header', 'judgment-meta', 'doc-head')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<table class='{p.pick('case-details', 'meta', 'info')}'><tr><th>Court</th><td>{p.pick('Court of Appeal', 'Higher Regional Court', 'Tribunal')}</td></tr>"
          f"<tr><th>Docket</th><td>{docket}</td></tr><tr><th>Date</th><td>{rng.randint(1, 28)}.{rng.randint(1, 12)}.20{rng.randint(10, 25)}</td></tr>"
          f"<tr><th>Judges</th><td>{judge}, {p.pick(*NAMES)}, {p.pick(*NAMES)}</td></tr></table>"
          f"<div class='{p.pick('cite-as', 'citation-box', 'neutral-citation')}'>Cite as: [{rng.randint(2010, 2025)}] HCA {rng.randint(1, 99)} "
          "<a href='#'>Copy</a> <a href='#'>Download PDF</a> <a href='#'>Print</a></div>"
          f"<p class='{p.pick('catchwords', 'keywords', 'subject-terms')}'>{p.pick('Catchwords', 'Schlagworte', 'Parole chiave')}: "
          + " – ".join(esc(short(rng, p.lang, 2)) for _ in range(rng.randint(3, 5))) + "</p></div>"
          f"<main><div class='{p.pick('judgment', 'decision-text', 'document-body')}'>")
    n = 0
    for h in range(rng.randint(2, 4)):
        head = p.pick("Background", "The facts", "Analysis", "Reasons", "Sachverhalt", "Entscheidungsgründe", "Motivi", "Fundamentação")
        p.add(f"<h2>{head}</h2>", (head,))
        for _ in range(rng.randint(2, 4)):
            n += 1
            text = paragraph(rng, p.lang, 1, 4)
            style = rng.randrange(3)
            if style == 0:
                line = f"[{n}] {text}"
                p.add(f"<p class='para'><span class='num'>[{n}]</span> {esc(text)}</p>", (line,))
            elif style == 1:
                line = f"{n}. {text}"
                p.add(f"<p id='para{n}'>{n}. {esc(text)}</p>", (line,))
            else:
                p.add(f"<div class='numbered-para'><span class='para-num'>{n}</span> <p>{esc(text)}</p></div>", (text,))
            if h > 0 and rng.random() < 0.2:
                quote = sentence(rng, p.lang)
                p.add(f"<blockquote><p>{esc(quote)}</p></blockquote>", (quote,))
    head = p.pick("Order", "Tenor", "Dispositivo")
    order = sentence(rng, p.lang)
    p.add(f"<h2>{head}</h2><p class='{p.pick('order', 'disposition', 'tenor')}'><strong>{esc(order)}</strong></p>", (head, order))
    p.add(f"<p class='{p.pick('signatures', 'judges-sign', 'sig')}'>{judge} · {p.pick(*NAMES)} · {p.pick(*NAMES)}</p></div>"
          f"<aside class='{p.pick('cited-by', 'related-cases', 'sidebar')}'><h3>{p.pick('Cited by', 'Zitiert von', 'Citata da')} ({rng.randint(2, 40)})</h3>"
          f"<ul>{links_list(p, rng.randint(3, 6), 5)}</ul><h3>{p.pick('Legislation cited', 'Normen')}</h3>"
          f"<ul>{links_list(p, 3, 3)}</ul></aside></main>" + footer_block(p))


def photo_essay_page(p: Page) -> None:
    """A photo essay: a short introduction, then photos whose long captions tell the story, each with a credit."""
    rng = p.rng
    n = rng.randint(5, 10)
    p.add(hidden_chrome(p) + site_header(p)
          + f"<main><article class='{p.pick('photo-essay', 'in-focus', 'gallery-story')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<p class='{p.pick('byline', 'meta', 'credit-line')}'>{p.pick(*NAMES)} · {rng.randint(1, 28)} {p.pick('May', 'June', 'October')} 2024 · "
          f"{n} {p.pick('photos', 'Fotos', 'foto')}</p>" + share_bar(p))
    intro = paragraph(rng, p.lang, 2, 4)
    p.add(f"<div class='{p.pick('dek', 'intro', 'standfirst')}'><p>{esc(intro)}</p></div>", (intro,))
    style = rng.randrange(3)
    for i in range(1, n + 1):
        cap = paragraph(rng, p.lang, 2, 3)
        credit = f"{p.pick(*NAMES)} / {p.pick('Reuters', 'AFP', 'ANP', 'dpa', 'Getty Images')}"
        if style == 0:
            p.add(f"<figure class='photo' id='img{i}'><img src='/p{i}.jpg' alt=''><figcaption>"
                  f"<span class='counter'>{i}/{n}</span> {esc(cap)} <span class='credit'>{esc(credit)}</span></figcaption></figure>", (cap,))
        elif style == 1:
            p.add(f"<div class='{p.pick('photo', 'slide', 'image-block')}'><img src='/p{i}.jpg' alt=''>"
                  f"<div class='{p.pick('caption', 'photo-caption', 'desc')}'><p>{esc(cap)}</p><p class='credit'>{esc(credit)}</p></div>"
                  f"<div class='counter'>{i} of {n}</div></div>", (cap,))
        else:
            p.add(f"<figure><img src='/p{i}.jpg' alt=''><figcaption><p>{esc(cap)}</p><cite>{esc(credit)}</cite>"
                  f"</figcaption></figure>", (cap,))
        if i == n // 2 and rng.random() < 0.5:
            p.add("<div class='ad-slot'><span>Advertisement</span></div>")
    p.add(f"<div class='{p.pick('tags', 'topics', 'keywords')}'>" + " ".join(f"<a href='#'>{esc(short(rng, p.lang, 1))}</a>" for _ in range(4))
          + "</div></article>" + related_block(p) + "</main>" + footer_block(p))


def email_archive_page(p: Page) -> None:
    """An email newsletter's campaign archived as a web page: table layout, sections, buttons, sponsor, footer."""
    rng = p.rng
    org = p.pick("Harbour Cycling Club", "Valdera Food Co-op", "Tidewater Library Friends", "Kettleby Makers")
    p.add(f"<div id='{p.pick('awesomewrap', 'archive-bar', 'campaign-nav')}'><a href='#'>Subscribe</a> <a href='#'>Past Issues</a> "
          "<a href='#'>Translate</a> <a href='#'>RSS</a></div>"
          f"<table class='{p.pick('bodyTable', 'body-table', 'wrapper')}' width='100%'><tr><td align='center'>"
          "<table class='templateContainer' width='600'><tr><td class='preheader'>"
          f"<span>{esc(short(rng, p.lang, 7))}</span> <a href='#'>View this email in your browser</a></td></tr>"
          f"<tr><td class='header'><img src='/logo.png' alt='{org}'></td></tr>")
    heads = [short(rng, p.lang, rng.randint(2, 5)).capitalize() for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.6:
        p.add(f"<tr><td class='toc'><h3>{p.pick('In this issue', 'In deze editie', 'In dieser Ausgabe')}</h3><ul>"
              + "".join(f"<li><a href='#s{k}'>{esc(h)}</a></li>" for k, h in enumerate(heads)) + "</ul></td></tr>")
    greet = p.pick("Dear members,", "Hello friends,", "Beste leden,", "Liebe Freundinnen und Freunde,")
    opening = paragraph(rng, p.lang, 1, 3)
    p.add(f"<tr><td class='{p.pick('mcnTextContent', 'text-block', 'content')}'><p>{esc(greet)}</p><p>{esc(opening)}</p></td></tr>",
          (greet, opening))
    for k, head in enumerate(heads):
        paras = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 3))]
        p.add(f"<tr><td class='{p.pick('mcnTextContent', 'text-block', 'content')}' id='s{k}'><h2>{esc(head)}</h2>"
              + "".join(f"<p>{esc(t)}</p>" for t in paras) + "</td></tr>", (head, *paras))
        if rng.random() < 0.6:
            p.add(f"<tr><td class='{p.pick('mcnButtonContent', 'button', 'cta')}'><a href='#'>{p.pick('Read more', 'Register now', 'Meer lezen', 'Jetzt anmelden')}</a></td></tr>")
        if k == 0 and rng.random() < 0.5:
            p.add(f"<tr><td class='{p.pick('sponsor', 'partner-block', 'promo')}'><p>{p.pick('This issue is supported by', 'Mit Unterstützung von')} "
                  f"{p.pick('Quaykit Bikes', 'Valdera Bank')}. {esc(sentence(rng, p.lang))}</p></td></tr>")
    sign = f"{p.pick('See you soon,', 'Warm regards,', 'Tot ziens,')} {p.pick(*NAMES)}"
    p.add(f"<tr><td class='{p.pick('mcnTextContent', 'text-block', 'content')}'><p>{esc(sign)}</p></td></tr>", (sign,))
    p.add("<tr><td class='social'><a href='#'>Facebook</a> <a href='#'>Instagram</a> <a href='#'>Website</a></td></tr>"
          f"<tr><td class='{p.pick('footerContent', 'footer', 'legal')}'><em>Copyright © 2025 {org}, All rights reserved.</em><br>"
          "You are receiving this email because you opted in via our website.<br><strong>Our mailing address is:</strong><br>"
          f"{org} · {rng.randint(1, 200)} Quay Street · Harbourton<br>Want to change how you receive these emails?<br>"
          "You can <a href='#'>update your preferences</a> or <a href='#'>unsubscribe from this list</a>.</td></tr>"
          "</table></td></tr></table>")


def dictionary_entry_page(p: Page) -> None:
    """A dictionary entry: headword, pronunciation, parts of speech with numbered senses and examples, origin."""
    rng = p.rng
    word = short(rng, p.lang, 1).lower()
    p.add(hidden_chrome(p) + site_header(p)
          + f"<div class='{p.pick('search-bar', 'lookup', 'searchbox')}'><form><input placeholder='Search the dictionary'><button>Search</button></form></div>"
          f"<main><div class='{p.pick('entry', 'dictionary-entry', 'lemma')}'><div class='{p.pick('headword', 'entry-head', 'hw-block')}'>"
          f"<h1>{esc(word)}</h1><span class='{p.pick('pron', 'ipa', 'pronunciation')}'>/{esc(word[:3])}ˈ{esc(word[3:] or 'a')}/</span> "
          "<button class='audio'>▶ Listen</button></div>")
    for pos in rng.sample(["noun", "verb", "adjective", "Substantiv", "sostantivo", "zelfstandig naamwoord"], rng.randint(1, 2)):
        p.add(f"<h2 class='pos'>{pos}</h2>", (pos,))
        p.add(f"<ol class='{p.pick('senses', 'definitions', 'sense-list')}'>")
        for _ in range(rng.randint(2, 5)):
            definition = sentence(rng, p.lang)
            example = short(rng, p.lang, rng.randint(5, 9)).capitalize() + "."
            if rng.random() < 0.5:
                p.add(f"<li><span class='def'>{esc(definition)}</span><div class='{p.pick('ex', 'example', 'eg')}'><em>{esc(example)}</em></div></li>",
                      (definition, example))
            else:
                p.add(f"<li><p class='def'>{esc(definition)}</p></li>", (definition,))
        p.add("</ol>")
        p.add(f"<p class='{p.pick('synonyms', 'syn', 'thesaurus')}'>{p.pick('Synonyms', 'Synonyme', 'Sinonimi')}: "
              + ", ".join(f"<a href='#'>{esc(short(rng, p.lang, 1).lower())}</a>" for _ in range(rng.randint(3, 6))) + "</p>")
    head = p.pick("Origin", "Etymology", "Herkunft", "Etimologia")
    origin = paragraph(rng, p.lang, 1, 2)
    p.add(f"<section class='{p.pick('etymology', 'origin', 'word-history')}'><h2>{head}</h2><p>{esc(origin)}</p></section>", (head, origin))
    p.add(f"<div class='{p.pick('cite-entry', 'citation', 'cite')}'><h3>Cite this entry</h3><p>“{esc(word)}.” Harbour Dictionary, "
          f"{rng.randint(2019, 2025)}. Accessed {rng.randint(1, 28)} March 2025.</p></div></div>"
          f"<aside class='{p.pick('sidebar', 'rail', 'word-widgets')}'><div class='wotd'><h3>{p.pick('Word of the day', 'Wort des Tages')}</h3>"
          f"<a href='#'>{esc(short(rng, p.lang, 1))}</a><p>{esc(sentence(rng, p.lang))}</p></div>"
          f"<div class='nearby'><h3>{p.pick('Nearby words', 'In der Nähe')}</h3><ul>{links_list(p, 6, 1)}</ul></div>"
          f"<div class='trending'><h3>Trending</h3><ol>{links_list(p, 5, 1)}</ol></div></aside></main>" + footer_block(p))


def fanfic_chapter_page(p: Page) -> None:
    """A fan-fiction chapter on an archive site: tag block, summary and notes, the chapter's prose, kudos, comments."""
    rng = p.rng
    who = p.pick(*NAMES)
    hero, other = rng.sample(["Ilsa", "Corvin", "Mirela", "Tobiah", "Wren", "Oskar"], 2)
    chapter, chapters = rng.randint(1, 12), rng.randint(12, 30)
    p.add(hidden_chrome(p) + f"<div id='{p.pick('header', 'top-nav', 'masthead')}'><a href='/'>Archive of Tales</a> "
          "<a href='/fandoms'>Fandoms</a> <a href='/browse'>Browse</a> <a href='/search'>Search</a> <a href='/login'>Log In</a></div>"
          f"<ul class='{p.pick('work-navigation', 'actions', 'work-actions')}'><li><a href='#'>Entire Work</a></li>"
          "<li><a href='#'>← Previous Chapter</a></li><li><a href='#'>Next Chapter →</a></li><li><a href='#'>Kudos ♥</a></li>"
          "<li><a href='#'>Bookmark</a></li><li><a href='#'>Download</a></li></ul>"
          f"<dl class='{p.pick('work meta group', 'tags', 'story-meta')}'><dt>Rating:</dt><dd>{p.pick('General Audiences', 'Teen And Up Audiences')}</dd>"
          f"<dt>Fandom:</dt><dd><a href='#'>{esc(short(rng, p.lang, 3)).title()}</a></dd>"
          f"<dt>Characters:</dt><dd><a href='#'>{hero}</a>, <a href='#'>{other}</a></dd>"
          f"<dt>Additional Tags:</dt><dd>" + ", ".join(f"<a href='#'>{esc(short(rng, p.lang, 2))}</a>" for _ in range(rng.randint(3, 6))) + "</dd>"
          f"<dt>Stats:</dt><dd>Published: 20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} Words: {rng.randint(2, 90)},{rng.randint(100, 999)} "
          f"Chapters: {chapter}/{chapters} Kudos: {rng.randint(10, 4000)} Hits: {rng.randint(500, 90000)}</dd></dl>"
          f"<div id='{p.pick('workskin', 'work', 'story')}'><div class='preface'><h2 class='title'>{esc(title(rng, p.lang))}</h2>"
          f"<h3 class='byline'><a rel='author' href='#'>{who}</a></h3>"
          f"<div class='summary'><h3>Summary:</h3><blockquote><p>{esc(paragraph(rng, p.lang, 1, 2))}</p></blockquote></div>"
          + p.pick(f"<div class='notes'><h3>Notes:</h3><blockquote><p>{esc(sentence(rng, p.lang))}</p></blockquote></div>", "")
          + f"</div><div class='chapter'><h3 class='title'>Chapter {chapter}: {esc(short(rng, p.lang, 3))}</h3>"
          f"<div class='{p.pick('userstuff module', 'chapter-text', 'storytext')}' role='article'>")
    for _ in range(rng.randint(6, 14)):
        r = rng.random()
        if r < 0.45:
            text = paragraph(rng, p.lang, 1, 4)
        elif r < 0.8:
            speaker = p.pick(hero, other)
            text = f"“{short(rng, p.lang, rng.randint(2, 6)).capitalize()}{p.pick('?', '.', '!', '…')}” {speaker} {p.pick('said', 'asked', 'whispered', 'zei', 'sagte', 'disse')}."
        else:
            text = f"“{short(rng, p.lang, rng.randint(1, 4)).capitalize()}{p.pick('.', '?', '!')}”"
        p.add(f"<p>{esc(text)}</p>", (text,))
        if rng.random() < 0.1:
            p.add("<p align='center'>* * *</p>")
    p.add("</div></div>"
          f"<div class='end notes'><h3>Notes:</h3><blockquote><p>{esc(p.pick('Thank you for reading!', 'Kudos and comments keep me writing.', 'Danke fürs Lesen!'))} "
          f"{esc(sentence(rng, p.lang))}</p></blockquote></div></div>"
          f"<div id='kudos'><p><a href='#'>{p.pick(*NAMES)}</a>, <a href='#'>{p.pick(*NAMES)}</a> and {rng.randint(3, 400)} more users as well as "
          f"{rng.randint(10, 900)} guests left kudos on this work!</p></div>"
          f"<div id='comments'><h3>Comments ({rng.randint(2, 60)})</h3>"
          + "".join(f"<li class='comment'><h4>{p.pick(*NAMES)} on Chapter {chapter} · {rng.randint(1, 28)} Mar 2025</h4>"
                    f"<blockquote><p>{esc(sentence(rng, p.lang))}</p></blockquote><a href='#'>Reply</a></li>" for _ in range(rng.randint(1, 4)))
          + "</div><div id='footer'><p>Archive of Tales · Terms of Service · DMCA Policy · Site Map</p></div>")


ROUND18_FAMILIES = {"court_ruling_page": court_ruling_page, "photo_essay_page": photo_essay_page,
                    "email_archive_page": email_archive_page, "dictionary_entry_page": dictionary_entry_page,
                    "fanfic_chapter_page": fanfic_chapter_page}

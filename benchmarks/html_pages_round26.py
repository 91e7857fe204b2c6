"""Round 26's page-type families for ``benchmarks/html_pages.py`` (``--round26``; written before round 26 changed the extractor).

Five kinds users' crawls hold and none of our sets did: **app-store listings** (an app's page on a
store: icon, developer line, rating box and histogram, install button, a screenshot carousel, the
developer's description with a feature list, "what's new" notes, a data-safety box, an information
table, users' reviews with the developer's replies, "similar apps" and "more by this developer"
rails), **Chinese, Japanese and Korean news pages** (short paragraphs, full-width punctuation,
``text-indent`` or ideographic-space indents, vertical ad rails on both sides, a ranking rail, a
source-and-time line, an editor line closing the body, a licence line in the footer), **local
government meeting agendas** (a meeting notice: where and when, how to give public comment,
numbered agenda items under section headings, each with a recommendation and attachment links in
PDF, a live-stream box, "subscribe to agendas", an agenda-centre sidebar of other meetings),
**classified ads on a marketplace** (a title, a price and a location, a photo carousel, an
attributes table, the seller's own description, a seller card, "safety tips", a message form,
"similar ads") and **weather forecast pages** (current conditions, a hazard banner, an hourly table,
a ten-day strip of cards, the written forecast by period and a forecaster's discussion, a radar box,
"nearby places").

**Gold convention** (rounds 7-22's): what the author wrote as the document is content: the app's
description, its feature list and its "what's new" notes (with the headings of these sections);
the CJK story's paragraphs and sub-headings; the agenda's meeting notice, public-comment
instructions, section headings, numbered items and their recommendations; the seller's
description (and list); the forecast's written periods and the forecaster's discussion (with
their headings). Headlines, developers' and sellers' cards, ratings, buttons, screenshots,
attributes and information tables, data-safety boxes, reviews and replies, rails, source and
editor lines, attachments, live-stream and subscription boxes, sidebars, prices, safety tips,
forms, current conditions, hourly and ten-day tables, banners, radar and footers are not.

Held out: the whole seed-173 set (100 pages, ``extraction.py``'s "own: unseen families, round 26")
is read as totals only; the seed-175 set (50 pages, "own: round 26 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (PEOPLE, VOCAB, Page, breadcrumbs, esc, footer_block, hidden_chrome, links_list, paragraph,
                        sentence, share_bar, short, site_header, title, when_posted)

NAMES = ("Ilka Brandt", "Marco Ferri", "Joana Reis", "Daan Smit", "Lucía Vega", "Noor Hassan", "Tess Morgan")


# --------------------------------------------------------------------------- #
# App-store listings
# --------------------------------------------------------------------------- #

APP_LABELS = {  # about, what's new, data safety, information, reviews, similar, install, contains ads
    "en": ("About this app", "What's new", "Data safety", "Information", "Ratings and reviews", "Similar apps",
           "Install", "Contains ads · In-app purchases"),
    "de": ("Über diese App", "Neue Funktionen", "Datensicherheit", "Informationen", "Bewertungen und Rezensionen",
           "Ähnliche Apps", "Installieren", "Enthält Werbung · In-App-Käufe"),
    "it": ("Informazioni su questa app", "Novità", "Sicurezza dei dati", "Informazioni", "Valutazioni e recensioni",
           "App simili", "Installa", "Contiene annunci · Acquisti in-app"),
    "es": ("Información de la aplicación", "Novedades", "Seguridad de los datos", "Información", "Valoraciones y reseñas",
           "Aplicaciones similares", "Instalar", "Contiene anuncios · Compras en aplicaciones"),
    "pt": ("Sobre este app", "Novidades", "Segurança dos dados", "Informações", "Classificações e resenhas",
           "Apps semelhantes", "Instalar", "Contém anúncios · Compras no app"),
    "nl": ("Over deze app", "Nieuw", "Gegevensveiligheid", "Informatie", "Beoordelingen en reviews",
           "Vergelijkbare apps", "Installeren", "Bevat advertenties · In-app-aankopen"),
}


def app_listing_page(p: Page) -> None:
    """An app's page on a store: header box, screenshots, description (+ features), what's new, data safety, info, reviews, rails."""
    rng = p.rng
    about, new, safety, info, reviews, similar, install, ads = APP_LABELS.get(p.lang, APP_LABELS["en"])
    app = short(rng, p.lang, rng.randint(1, 3)).title()
    dev = p.pick("Lumen Labs", "Pixelhof GmbH", "Studio Onda", "Kanaal Apps", "Nube Software")
    score = f"{rng.randint(3, 4)}.{rng.randint(0, 9)}"
    p.add(hidden_chrome(p) + f"<header class='{p.pick('store-header', 'top-nav', 'gb_header')}'><a href='/store'>AppMarket</a>"
          f"<nav>{''.join(f'<a href=/store/{w}>{w}</a> ' for w in ('Games', 'Apps', 'Movies', 'Books', 'Kids'))}</nav>"
          "<form><input type='search' placeholder='Search apps'></form></header>"
          f"<main><div class='{p.pick('app-header', 'product-hero', 'details-info')}'><img class='icon' src='/icon.png' alt=''>"
          f"<h1 itemprop='name'>{esc(app)}</h1><div class='{p.pick('developer', 'dev-link', 'subtitle')}'><a href='/dev/1'>{dev}</a></div>"
          f"<div class='{p.pick('ads-note', 'iap', 'meta')}'>{ads}</div>"
          f"<div class='{p.pick('rating-box', 'stats', 'kpis')}'><span>{score} ★</span><span>{rng.randint(1, 900)}K {p.pick('reviews', 'Rezensionen', 'recensioni')}</span>"
          f"<span>{rng.choice(('10K+', '100K+', '1M+', '50M+'))} {p.pick('downloads', 'Downloads', 'download')}</span>"
          f"<span>{p.pick('Rated for 3+', 'USK ab 0 Jahren', 'PEGI 3')}</span></div>"
          f"<button class='install'>{install}</button> <button>{p.pick('Add to wishlist', 'Zur Wunschliste', 'Aggiungi alla lista')}</button></div>")
    shots = "".join(f"<img src='/shot{i}.png' alt='{p.pick('Screenshot', 'Screenshot image', '')}'>" for i in range(rng.randint(3, 8)))
    p.add(f"<div class='{p.pick('screenshots', 'carousel', 'gallery')}'>{shots}</div>")
    style = rng.randrange(3)  # the description's section: a heading, a bare div, a heading in a button row
    head_markup = [f"<h2>{about}</h2>", "", f"<div class='section-head'><h2>{about}</h2><button aria-label='more'>→</button></div>"][style]
    p.add(f"<section class='{p.pick('description', 'about-app', 'app-description')}'>{head_markup}"
          f"<div itemprop='description' class='{p.pick('desc-body', 'text', 'content')}'"
          # clipped by CSS behind a "more" button, as stores show it: the whole text is in the page
          + (f" style='max-height:7.5em;overflow:hidden'" if rng.random() < 0.4 else "") + ">", (about,) if style != 1 else ())
    for k in range(rng.randint(2, 5)):
        text = paragraph(rng, p.lang, 1, 3)
        p.add(f"<p>{esc(text)}</p>" if rng.random() < 0.6 else f"{esc(text)}<br><br>", (text,))
        if k == 0 and rng.random() < 0.6:
            features = [short(rng, p.lang, rng.randint(4, 9)) for _ in range(rng.randint(3, 7))]
            if rng.random() < 0.5:
                p.add("<ul>" + "".join(f"<li>{esc(f)}</li>" for f in features) + "</ul>", tuple(features))
            else:  # a feature list as bullet characters in lines, as store descriptions are plain text
                p.add("".join(f"• {esc(f)}<br>" for f in features), tuple(f"• {f}" for f in features))
    p.add(f"</div><p class='updated'>{p.pick('Updated on', 'Aktualisiert am', 'Aggiornata il')} {when_posted(p)}</p></section>")
    if rng.random() < 0.8:
        notes = [sentence(rng, p.lang) for _ in range(rng.randint(1, 4))]
        body = ("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>" if rng.random() < 0.5
                else "".join(f"<p>{esc(n)}</p>" for n in notes))
        p.add(f"<section class='{p.pick('whats-new', 'release-notes', 'changelog')}'><h2>{new}</h2>{body}</section>", (new, *notes))
    p.add(f"<section class='{p.pick('data-safety', 'privacy-labels', 'safety')}'><h2>{safety}</h2>"
          f"<p>{p.pick('Safety starts with understanding how developers collect and share your data.', 'Sicherheit beginnt damit, zu verstehen, wie Entwickler deine Daten erheben und weitergeben.', 'La sicurezza inizia con la comprensione di come gli sviluppatori raccolgono e condividono i tuoi dati.')}</p>"
          f"<ul><li>{p.pick('No data shared with third parties', 'Keine Daten an Dritte weitergegeben')}</li>"
          f"<li>{p.pick('Data is encrypted in transit', 'Daten werden bei der Übertragung verschlüsselt')}</li>"
          f"<li>{p.pick('You can request that data be deleted', 'Du kannst das Löschen der Daten beantragen')}</li></ul>"
          f"<a href='/safety'>{p.pick('See details', 'Details ansehen', 'Vedi dettagli')}</a></section>")
    rows = (("Version", f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"), ("Size", f"{rng.randint(8, 240)} MB"),
            ("Requires", f"Android {rng.randint(7, 13)}.0 / iOS {rng.randint(14, 17)}.0"), ("Offered by", dev),
            ("Released", when_posted(p)), ("Languages", p.pick("English, Deutsch, Italiano and 12 more", "English and 30 more")))
    p.add(f"<section class='{p.pick('app-info', 'information', 'additional')}'><h2>{info}</h2>"
          + p.pick("<dl>" + "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>",
                   "<table>" + "".join(f"<tr><th>{k}</th><td>{esc(v)}</td></tr>" for k, v in rows) + "</table>") + "</section>")
    bars = "".join(f"<div class='bar'><span>{n}</span><span style='width:{rng.randint(2, 90)}%'></span></div>" for n in range(5, 0, -1))
    items = []
    for i in range(rng.randint(3, 8)):
        stars = rng.randint(1, 5)
        reply = (f"<div class='{p.pick('dev-reply', 'developer-response', 'reply')}'><strong>{dev}</strong> <span>{when_posted(p)}</span>"
                 f"<p>{esc(paragraph(rng, p.lang, 1, 2))}</p></div>" if rng.random() < 0.4 else "")
        items.append(f"<div class='{p.pick('review', 'single-review', 'we-customer-review')}'><span class='who'>{p.pick(*PEOPLE)}</span>"
                     f"<span class='stars' aria-label='{stars} stars'>{'★' * stars}{'☆' * (5 - stars)}</span> <span>{when_posted(p)}</span>"
                     f"<p>{esc(paragraph(rng, p.lang, 1, 3))}</p><div>{rng.randint(0, 900)} {p.pick('people found this review helpful', 'Personen fanden diese Rezension hilfreich')}</div>"
                     f"<span>{p.pick('Was this review helpful?', 'War diese Rezension hilfreich?')} <button>Yes</button> <button>No</button></span>{reply}</div>")
    p.add(f"<section class='{p.pick('reviews', 'ratings', 'user-reviews')}'><h2>{reviews}</h2><div class='histogram'>{score}{bars}</div>"
          + "".join(items) + f"<a href='/reviews'>{p.pick('See all reviews', 'Alle Rezensionen ansehen', 'Vedi tutte le recensioni')}</a></section>")
    def cards(n: int) -> str:
        return "".join(f"<div class='{p.pick('app-card', 'tile', 'mini')}'><a href='/app/{rng.randint(1, 99999)}'><img src='/i.png' alt=''>"
                       f"<span>{esc(short(rng, p.lang, rng.randint(1, 3)).title())}</span></a><span>{p.pick('Lumen Labs', 'Vento', 'Kite Co')}</span>"
                       f"<span>{rng.randint(3, 4)}.{rng.randint(0, 9)} ★</span></div>" for _ in range(n))

    p.add(f"<aside class='{p.pick('similar-apps', 'side-rail', 'recommendations')}'><h2>{similar}</h2>{cards(rng.randint(4, 9))}</aside>"
          f"<aside><h2>{p.pick('More by', 'Mehr von', 'Altro di')} {dev}</h2>{cards(rng.randint(2, 5))}</aside></main>"
          + footer_block(p))


# --------------------------------------------------------------------------- #
# Chinese, Japanese and Korean news pages
# --------------------------------------------------------------------------- #

JA_CHARS = "市議会港湾技術者住民予算橋駅川博物館学校病院農家市場図書館計画報告村長研究者今日発表承認建設新しい地域の大きなことをにはがで"
VOCAB.setdefault("ko", ("의회 항구 기술자 주민 예산 다리 역 강 박물관 축제 학교 병원 농민 시장 도서관 사업 보고서 마을 시장은 연구진",
                        "승인했다 연기했다 발표했다 재건했다 방문했다 설명했다 개장했다 조사했다 지원했다 확인했다",
                        "새로운 오래된 지역의 작은 큰 공공의 어려운 두번째 마지막 주요",
                        "월요일에, 긴 논의 끝에, 봄에, 관계자에 따르면, 비에도 불구하고, 처음으로, 2년 안에, 부두 끝에서"))
# The chrome of each language: nav words, source word, editor line, related, ranking, ad label, share, licence line.
CJK_CHROME = {
    "zh": ("首页 国内 国际 财经 体育 文化 科技", "来源：", "（责任编辑：{who}）", "相关新闻", "排行榜", "广告", "分享到：",
           "版权所有 © 2025 本网站 · 京ICP证0{n}号", ("王晓明", "李静", "陈伟")),
    "ja": ("トップ 国内 国際 経済 スポーツ 文化 科学", "配信：", "（編集：{who}）", "関連記事", "アクセスランキング", "広告",
           "シェア：", "© 2025 本サイト 無断転載を禁じます", ("佐藤健", "鈴木花子", "高橋誠")),
    "ko": ("홈 정치 경제 사회 국제 스포츠 문화", "출처:", "(편집: {who})", "관련 기사", "많이 본 뉴스", "광고", "공유:",
           "Copyright © 2025 무단 전재 및 재배포 금지", ("김민준", "이서연", "박지훈")),
}


def cjk_sentence(rng, lang: str) -> str:
    """One sentence in Chinese or Japanese (characters without spaces, full-width punctuation) or Korean (words)."""
    if lang == "ko":
        return sentence(rng, "ko")
    if lang == "zh":
        return sentence(rng, "zh")
    body = "".join(rng.choice(JA_CHARS) for _ in range(rng.randint(14, 44)))
    cut = rng.randint(4, len(body) - 4)
    return body[:cut] + "、" + body[cut:] + "。"


def cjk_paragraph(rng, lang: str, lo: int = 1, hi: int = 3) -> str:
    return ("" if lang != "ko" else " ").join(cjk_sentence(rng, lang) for _ in range(rng.randint(lo, hi)))


def cjk_short(rng, lang: str, n: int) -> str:
    """A headline-like piece: ``n`` words in Korean, about 2n characters in Chinese or Japanese."""
    s = cjk_sentence(rng, lang).rstrip("。.")
    return " ".join(s.split()[:n]) if lang == "ko" else s.replace("，", "").replace("、", "")[: 2 * n]


def cjk_news_page(p: Page) -> None:
    """A news story in Chinese, Japanese or Korean between vertical ad rails, with a ranking rail and an editor line."""
    rng = p.rng
    lang = p.pick("zh", "ja", "ko")
    nav, source, editor, related, ranking, ad, share, licence, editors = CJK_CHROME[lang]
    nav_links = "".join(f"<a href='/{k}'>{w}</a>" for k, w in enumerate(nav.split()))

    def rail(n: int, words: int) -> str:
        return "".join(f"<li><a href='/n/{rng.randint(1000, 99999)}'>{esc(cjk_short(rng, lang, words))}</a></li>" for _ in range(n))

    def ad_rail(side: str) -> str:
        return (f"<div class='{p.pick('ad-rail', 'side-ad', 'couplet')} {side}' style='position:fixed;{side}:0;top:120px;width:120px'>"
                f"<span>{ad}</span><a href='/ad/{rng.randint(1, 99)}'><img src='/ad{side}.jpg' alt=''></a><a class='close'>×</a></div>")

    p.add(f"<div lang='{lang}'>" + hidden_chrome(p)
          + (ad_rail("left") if rng.random() < 0.7 else "")
          + f"<div class='{p.pick('header', 'top-nav', 'gnb')}'><a class='logo' href='/'>{esc(cjk_short(rng, lang, 2))}</a>"
          f"<div class='nav'>{nav_links}</div></div>"
          f"<div class='{p.pick('main-wrap', 'w1000', 'container clearfix')}'><div class='{p.pick('left', 'main-col', 'article-wrap')}'>"
          f"<h1 class='{p.pick('main-title', 'article-title', 'headline')}'>{esc(cjk_short(rng, lang, rng.randint(5, 9)))}</h1>"
          f"<div class='{p.pick('date-source', 'article-info', 'byline')}'><span>{2025}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
          f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</span> <span>{source}{esc(cjk_short(rng, lang, 2))}</span></div>"
          f"<div class='{p.pick('share', 'sns', 'bdsharebuttonbox')}'>{share} <a href='#'>微博</a> <a href='#'>LINE</a> <a href='#'>X</a></div>")
    body_class = p.pick("article", "TRS_Editor", "article_body", "news_body")
    p.add(f"<div id='{p.pick('artibody', 'article-body', 'articleBodyContents')}' class='{body_class}'>")
    indent = rng.randrange(3)  # the paragraphs' indent: CSS, two ideographic spaces, none
    for k in range(rng.randint(4, 12)):
        if k and rng.random() < 0.15:
            head = cjk_short(rng, lang, rng.randint(3, 6))
            p.add(p.pick(f"<p><strong>{esc(head)}</strong></p>", f"<h3>{esc(head)}</h3>"), (head,))
        text = cjk_paragraph(rng, lang)
        if k == 0 and lang == "zh" and rng.random() < 0.5:  # the paper's own dateline opens the story
            text = f"本报讯（记者 {p.pick(*editors)}）" + text
        if indent == 0:
            p.add(f"<p style='text-indent:2em'>{esc(text)}</p>", (text,))
        elif indent == 1 and lang != "ko":
            p.add(f"<p>\u3000\u3000{esc(text)}</p>", (text,))
        else:
            p.add(f"<p>{esc(text)}</p>", (text,))
        if k == 1 and rng.random() < 0.5:
            cap = cjk_short(rng, lang, 6)
            p.add(f"<p style='text-align:center'><img src='/p{k}.jpg' alt=''></p><p style='text-align:center'>{esc(cap)}</p>"
                  if rng.random() < 0.5 else f"<figure><img src='/p{k}.jpg' alt=''><figcaption>{esc(cap)}</figcaption></figure>")
        if k == 3 and rng.random() < 0.5:
            p.add(f"<div class='{p.pick('ad_content', 'mid-ad', 'adsense')}'><span>{ad}</span></div>")
    p.add(f"<p class='{p.pick('show_author', 'editor', 'article-editor')}'>{esc(editor.format(who=p.pick(*editors)))}</p></div>"
          f"<div class='{p.pick('related', 'kanren', 'relation')}'><h3>{related}</h3><ul>{rail(rng.randint(3, 6), 6)}</ul></div></div>"
          f"<div class='{p.pick('right', 'side', 'aside-col')}'><div class='{p.pick('rank', 'ranking', 'most-viewed')}'><h3>{ranking}</h3>"
          f"<ol>{rail(rng.randint(5, 10), 7)}</ol></div><div class='{p.pick('ad-box', 'side-banner', 'ad300')}'><span>{ad}</span>"
          f"<img src='/ad300.jpg' alt=''></div></div></div>"
          + (ad_rail("right") if rng.random() < 0.7 else "")
          + f"<div class='{p.pick('footer', 'foot', 'site-info')}'><p>{nav_links}</p><p>{licence.format(n=rng.randint(10000, 99999))}</p></div></div>")


# --------------------------------------------------------------------------- #
# Local government meeting agendas
# --------------------------------------------------------------------------- #

AGENDA_WORDS = {  # sections, notice opening, comment heading, recommendation word, attachment words, live, subscribe
    "en": (("Call to order", "Public comment", "Consent calendar", "Public hearings", "New business", "Adjournment"),
           "The meeting will be held on {when} at {time} in the Council Chambers, City Hall, {n} Main Street.",
           "How to give public comment", "Recommendation:", ("Staff report", "Resolution", "Presentation"),
           "Watch the meeting live", "Subscribe to agenda notifications"),
    "de": (("Eröffnung", "Einwohnerfragestunde", "Vorlagen ohne Aussprache", "Anhörungen", "Neue Vorlagen", "Schluss der Sitzung"),
           "Die Sitzung findet am {when} um {time} Uhr im Ratssaal des Rathauses, Marktplatz {n}, statt.",
           "Hinweise zur Einwohnerfragestunde", "Beschlussvorschlag:", ("Sitzungsvorlage", "Beschlussentwurf", "Präsentation"),
           "Sitzung im Livestream", "Tagesordnungen abonnieren"),
    "it": (("Apertura della seduta", "Interventi del pubblico", "Comunicazioni", "Audizioni", "Nuovi argomenti", "Chiusura"),
           "La seduta si terrà il {when} alle ore {time} nella Sala consiliare del Municipio, Piazza Grande {n}.",
           "Come intervenire", "Proposta:", ("Relazione tecnica", "Delibera", "Presentazione"),
           "Segui la seduta in diretta", "Iscriviti agli avvisi"),
    "es": (("Apertura de la sesión", "Intervenciones del público", "Asuntos de trámite", "Audiencias públicas", "Asuntos nuevos", "Cierre"),
           "La sesión se celebrará el {when} a las {time} en el Salón de Plenos del Ayuntamiento, Plaza Mayor {n}.",
           "Cómo intervenir", "Propuesta:", ("Informe técnico", "Resolución", "Presentación"),
           "Ver la sesión en directo", "Suscribirse a los avisos"),
    "pt": (("Abertura", "Período do público", "Expediente", "Audiências públicas", "Novos assuntos", "Encerramento"),
           "A reunião realiza-se a {when} às {time} no Salão Nobre dos Paços do Concelho, Praça da República {n}.",
           "Como intervir", "Proposta:", ("Informação técnica", "Deliberação", "Apresentação"),
           "Ver a reunião em direto", "Subscrever avisos"),
    "nl": (("Opening", "Inspreekrecht", "Hamerstukken", "Hoorzittingen", "Nieuwe voorstellen", "Sluiting"),
           "De vergadering vindt plaats op {when} om {time} uur in de raadzaal van het stadhuis, Markt {n}.",
           "Inspreken", "Voorstel:", ("Raadsvoorstel", "Besluit", "Presentatie"),
           "Vergadering live volgen", "Abonneren op agenda's"),
}


def meeting_agenda_page(p: Page) -> None:
    """A council's meeting agenda: notice, public-comment text, numbered items with recommendations and PDF attachments."""
    rng = p.rng
    sections, notice, comment_head, recommend, attachments, live, subscribe = AGENDA_WORDS.get(p.lang, AGENDA_WORDS["en"])
    when = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2025"
    where = notice.format(when=when, time=f"{rng.randint(14, 19)}:{p.pick('00', '30')}", n=rng.randint(1, 40))
    p.add(hidden_chrome(p) + f"<header class='{p.pick('gov-header', 'site-header', 'banner')}'><a href='/'>{p.pick('City of Bramford', 'Gemeente Veldhoven-Zuid', 'Comune di Valsera', 'Stadt Lindenau')}</a>"
          f"<ul class='{p.pick('nav', 'menu', 'services')}'>{links_list(p, 6, 2)}</ul></header>" + breadcrumbs(p)
          + f"<div class='{p.pick('agenda-layout', 'row', 'page')}'><main><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('meeting-notice', 'agenda-header', 'intro')}'><p>{esc(where)}</p>", (where,))
    if rng.random() < 0.7:
        extra = sentence(rng, p.lang)
        p.add(f"<p>{esc(extra)}</p>", (extra,))
    p.add("</div>")
    if rng.random() < 0.7:
        p.add(f"<div class='{p.pick('livestream', 'video-box', 'watch')}'><h3>{live}</h3><iframe src='/live'></iframe>"
              f"<a href='/archive'>{p.pick('Past meetings', 'Archiv', 'Archivio')}</a></div>")
    comment = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 2))]
    p.add(f"<h2>{comment_head}</h2>" + "".join(f"<p>{esc(c)}</p>" for c in comment), (comment_head, *comment))
    style = rng.randrange(3)  # the items: an ordered list, a table of number and text, numbered paragraphs
    number = 0
    for s in sections[: rng.randint(4, 6)]:
        number += 1
        head = f"{number}. {s}"
        p.add(f"<h2 class='{p.pick('agenda-section', 'section', '')}'>{esc(head)}</h2>", (head,))
        if style == 0:
            p.add("<ol class='agenda-items'>")
        elif style == 1:
            p.add("<table class='agenda'><tbody>")
        for i in range(1, rng.randint(1, 4) + 1):
            item = short(rng, p.lang, rng.randint(5, 12))
            item = item[0].upper() + item[1:]
            rec = f"{recommend} {sentence(rng, p.lang)}" if rng.random() < 0.7 else ""
            files = "".join(f"<li><a href='/files/{rng.randint(100, 9999)}.pdf'>{p.pick(*attachments)} (PDF, {rng.randint(40, 900)} KB)</a></li>"
                            for _ in range(rng.randint(0, 3)))
            files = f"<ul class='{p.pick('attachments', 'documents', 'files')}'>{files}</ul>" if files else ""
            label = f"{number}.{i}"
            if style == 0:
                p.add(f"<li><p><strong>{label}</strong> {esc(item)}</p>" + (f"<p>{esc(rec)}</p>" if rec else "") + files + "</li>",
                      (f"{label} {item}", *((rec,) if rec else ())))
            elif style == 1:
                p.add(f"<tr><td>{label}</td><td><p>{esc(item)}</p>" + (f"<p><em>{esc(rec)}</em></p>" if rec else "") + f"{files}</td></tr>",
                      (label, item, *((rec,) if rec else ())))
            else:
                p.add(f"<p>{label} {esc(item)}</p>" + (f"<p>{esc(rec)}</p>" if rec else "") + files,
                      (f"{label} {item}", *((rec,) if rec else ())))
        if style == 0:
            p.add("</ol>")
        elif style == 1:
            p.add("</tbody></table>")
    meetings = "".join(f"<li><a href='/agenda/{rng.randint(100, 999)}'>{p.pick('City Council', 'Planning Commission', 'Bauausschuss', 'Consiglio comunale')}"
                       f" – {rng.randint(1, 28)}.{rng.randint(1, 12)}.2025</a> <a href='/a.pdf'>Agenda</a> <a href='/m.pdf'>Minutes</a></li>"
                       for _ in range(rng.randint(4, 9)))
    p.add(f"<div class='{p.pick('agenda-tools', 'downloads', 'actions')}'><a href='/packet.pdf'>{p.pick('Download agenda packet', 'Tagesordnung herunterladen', 'Scarica ordine del giorno')}</a>"
          f" <a href='/ics'>{p.pick('Add to calendar', 'In Kalender eintragen')}</a></div></main>"
          f"<aside class='{p.pick('sidebar', 'agenda-center', 'col-side')}'><h3>{p.pick('Agenda Center', 'Sitzungskalender', 'Sedute')}</h3><ul>{meetings}</ul>"
          f"<div class='{p.pick('notify', 'subscribe', 'alerts')}'><p>{subscribe}</p><input type='email'><button>OK</button></div></aside></div>"
          + p.pick("<div class='accessibility-note'><p>Persons needing an accommodation should contact the Clerk's office 48 hours before the meeting.</p></div>", "")
          + footer_block(p))


# --------------------------------------------------------------------------- #
# Classified ads on a marketplace
# --------------------------------------------------------------------------- #

CLASSIFIED_WORDS = {  # description, condition, safety tips, similar ads, message seller, report
    "en": ("Description", "Condition", "Stay safe: meet in a public place, check the item before you pay, never send money in advance.",
           "Similar ads", "Message the seller", "Report this ad"),
    "de": ("Beschreibung", "Zustand", "Sicher handeln: Treffen Sie sich an einem öffentlichen Ort und zahlen Sie nie im Voraus.",
           "Ähnliche Anzeigen", "Nachricht schreiben", "Anzeige melden"),
    "it": ("Descrizione", "Condizioni", "Consigli per la sicurezza: incontra il venditore in un luogo pubblico e non pagare in anticipo.",
           "Annunci simili", "Contatta il venditore", "Segnala annuncio"),
    "es": ("Descripción", "Estado", "Consejos de seguridad: queda en un lugar público y nunca pagues por adelantado.",
           "Anuncios similares", "Enviar mensaje", "Denunciar anuncio"),
    "pt": ("Descrição", "Estado", "Dicas de segurança: encontre-se num local público e nunca pague adiantado.",
           "Anúncios semelhantes", "Enviar mensagem", "Denunciar anúncio"),
    "nl": ("Beschrijving", "Staat", "Veilig handelen: spreek af op een openbare plek en betaal nooit vooraf.",
           "Vergelijkbare advertenties", "Bericht sturen", "Advertentie melden"),
}


def classified_ad_page(p: Page) -> None:
    """A marketplace ad: title, price, photos, attributes, the seller's description, seller card, safety tips, similar ads."""
    rng = p.rng
    desc_head, condition, safety, similar, message, report = CLASSIFIED_WORDS.get(p.lang, CLASSIFIED_WORDS["en"])
    price = f"{rng.randint(5, 2400)} €" if rng.random() < 0.7 else f"€{rng.randint(5, 2400)} {p.pick('VB', 'o.n.o.', 'ONO', 'trattabile')}"
    p.add(hidden_chrome(p) + f"<header class='{p.pick('mp-header', 'site-header', 'topbar')}'><a href='/'>{p.pick('Kijkbaar', 'Flohmarkt24', 'Mercatino', 'Trastero')}</a>"
          f"<form><input type='search'><button>Search</button></form><a class='btn' href='/post'>{p.pick('Post an ad', 'Anzeige aufgeben', 'Inserisci annuncio')}</a></header>"
          + breadcrumbs(p) + f"<main class='{p.pick('ad-view', 'listing', 'vip')}'><div class='{p.pick('gallery', 'photos', 'carousel')}'>"
          + "".join(f"<img src='/ad/{i}.jpg' alt=''>" for i in range(rng.randint(1, 8)))
          + f"<span>1 / {rng.randint(1, 8)}</span></div><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('price', 'ad-price', 'amount')}'>{price}</div>"
          f"<div class='{p.pick('location', 'ad-meta', 'where')}'>{rng.randint(1000, 9999)} {esc(short(rng, p.lang, 1).title())} · {when_posted(p)}"
          f" · {rng.randint(10, 9000)} {p.pick('views', 'Aufrufe', 'visite')}</div>")
    attrs = ((condition, p.pick("Used - good", "Gebraucht", "Come nuovo", "Usado")),
             (p.pick("Brand", "Marke", "Marca"), p.pick("Vela", "Nordwerk", "Astra", "Moser")),
             (p.pick("Shipping", "Versand", "Spedizione"), p.pick("Pickup only", "Nur Abholung", "Possibile")),
             (p.pick("Colour", "Farbe", "Colore"), p.pick("Grey", "Schwarz", "Blu", "Verde")))
    p.add(f"<div class='{p.pick('attributes', 'ad-details', 'specs')}'>"
          + p.pick("<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in attrs) + "</dl>",
                   "<ul>" + "".join(f"<li><span>{k}</span> <b>{v}</b></li>" for k, v in attrs) + "</ul>") + "</div>")
    style = rng.randrange(3)  # the seller's text: paragraphs, one block with <br> lines, a pre-wrapped block
    head = f"<h2>{desc_head}</h2>" if rng.random() < 0.7 else ""
    p.add(f"<section class='{p.pick('description', 'ad-description', 'text')}'>{head}", (desc_head,) if head else ())
    lines = [paragraph(rng, p.lang, 1, 3) for _ in range(rng.randint(1, 4))]
    bullets = [short(rng, p.lang, rng.randint(2, 6)) for _ in range(rng.randint(0, 5))]
    if style == 0:
        p.add("".join(f"<p>{esc(t)}</p>" for t in lines) + ("<ul>" + "".join(f"<li>{esc(b)}</li>" for b in bullets) + "</ul>" if bullets else ""),
              (*lines, *bullets))
    elif style == 1:
        p.add("<p>" + "<br>".join(esc(t) for t in lines) + "".join(f"<br>- {esc(b)}" for b in bullets) + "</p>",
              (*lines, *(f"- {b}" for b in bullets)))
    else:
        p.add("<div style='white-space:pre-wrap'>" + "\n".join(esc(t) for t in lines) + "".join(f"\n* {esc(b)}" for b in bullets) + "</div>",
              (*lines, *(f"* {b}" for b in bullets)))
    p.add("</section>")
    seller = p.pick(*PEOPLE)
    p.add(f"<aside class='{p.pick('seller-card', 'user-box', 'contact')}'><img src='/u.png' alt=''><p><b>{seller}</b></p>"
          f"<p>{p.pick('Member since', 'Aktiv seit', 'Iscritto dal')} {rng.randint(2009, 2024)}</p>"
          f"<p>{p.pick('Usually replies within an hour', 'Antwortet in der Regel innerhalb einer Stunde', 'Risponde di solito entro un’ora')}</p>"
          f"<p>{rng.randint(1, 300)} {p.pick('ads online', 'Anzeigen online')} · {'★' * rng.randint(3, 5)}</p>"
          f"<form><textarea placeholder='{message}'></textarea><button>{message}</button></form>"
          f"<button>{p.pick('Show phone number', 'Telefonnummer anzeigen', 'Mostra numero')}</button></aside>"
          f"<div class='{p.pick('safety-tips', 'notice', 'hint')}'><p>{safety}</p></div>"
          f"<a class='report' href='/report'>{report}</a> " + share_bar(p) + "</main>")
    cards = "".join(f"<div class='{p.pick('ad-card', 'tile', 'item')}'><a href='/ad/{rng.randint(10000, 99999)}'><img src='/t.jpg' alt=''>"
                    f"<span>{esc(short(rng, p.lang, rng.randint(3, 7)))}</span></a><span>{rng.randint(5, 900)} €</span>"
                    f"<span>{esc(short(rng, p.lang, 1).title())}</span></div>" for _ in range(rng.randint(4, 10)))
    p.add(f"<section class='{p.pick('similar-ads', 'more-ads', 'related')}'><h2>{similar}</h2>{cards}</section>" + footer_block(p))


# --------------------------------------------------------------------------- #
# Weather forecast pages
# --------------------------------------------------------------------------- #

WEATHER_WORDS = {  # periods, forecast heading, discussion heading, hourly, ten days, feels like, nearby
    "en": (("Tonight", "Tuesday", "Tuesday night", "Wednesday", "Wednesday night", "Thursday"), "Detailed forecast",
           "Forecast discussion", "Hourly", "10-day forecast", "Feels like", "Nearby places"),
    "de": (("Heute Nacht", "Dienstag", "Dienstagnacht", "Mittwoch", "Mittwochnacht", "Donnerstag"), "Vorhersage im Detail",
           "Wetterlage", "Stündlich", "14-Tage-Wetter", "Gefühlt", "Orte in der Nähe"),
    "it": (("Stanotte", "Martedì", "Martedì notte", "Mercoledì", "Mercoledì notte", "Giovedì"), "Previsioni dettagliate",
           "Commento meteorologico", "Ora per ora", "Previsioni a 10 giorni", "Percepita", "Località vicine"),
    "es": (("Esta noche", "Martes", "Martes por la noche", "Miércoles", "Miércoles por la noche", "Jueves"), "Previsión detallada",
           "Comentario del predictor", "Por horas", "Previsión a 10 días", "Sensación", "Lugares cercanos"),
    "pt": (("Esta noite", "Terça-feira", "Terça à noite", "Quarta-feira", "Quarta à noite", "Quinta-feira"), "Previsão detalhada",
           "Comentário do meteorologista", "Por hora", "Previsão para 10 dias", "Sensação", "Locais próximos"),
    "nl": (("Vannacht", "Dinsdag", "Dinsdagnacht", "Woensdag", "Woensdagnacht", "Donderdag"), "Uitgebreide verwachting",
           "Weerbericht van de meteoroloog", "Per uur", "14-daagse verwachting", "Gevoelstemperatuur", "Plaatsen in de buurt"),
}


def weather_forecast_page(p: Page) -> None:
    """A forecast page: current conditions, hazard banner, hourly table, ten-day cards, written periods, discussion, radar."""
    rng = p.rng
    periods, forecast_head, discussion_head, hourly, ten_day, feels, nearby = WEATHER_WORDS.get(p.lang, WEATHER_WORDS["en"])
    place = short(rng, p.lang, 1).title()
    p.add(hidden_chrome(p) + f"<header class='{p.pick('wx-header', 'site-header', 'navbar')}'><a href='/'>{p.pick('SkyWatch', 'Wetterblick', 'MeteoChiaro', 'Weerzicht')}</a>"
          "<form><input type='search' placeholder='City or postcode'></form>"
          f"<nav>{''.join(f'<a href=/{w}>{w}</a> ' for w in ('Today', 'Hourly', '10 Day', 'Radar', 'Video'))}</nav></header><main>"
          f"<h1>{esc(place)}, {p.pick('weather', 'Wetter', 'meteo', 'tiempo', 'weer')}</h1>")
    if rng.random() < 0.6:
        p.add(f"<div class='{p.pick('alert-banner', 'warning', 'hazard')}' role='alert'><a href='/alerts'>⚠ "
              f"{p.pick('Wind advisory until 6 PM', 'Unwetterwarnung: Sturmböen bis 18 Uhr', 'Allerta gialla per temporali', 'Code geel: windstoten')}</a></div>")
    temp = rng.randint(-5, 32)
    p.add(f"<div class='{p.pick('current-conditions', 'now', 'today-card')}'><span class='temp'>{temp}°</span>"
          f"<span>{p.pick('Partly cloudy', 'Bewölkt', 'Sereno', 'Lluvia débil', 'Motregen')}</span><span>{feels} {temp - rng.randint(0, 4)}°</span>"
          f"<ul><li>{p.pick('Wind', 'Vento', 'Viento')} {rng.randint(2, 60)} km/h</li><li>{p.pick('Humidity', 'Luftfeuchte', 'Umidità')} {rng.randint(30, 99)}%</li>"
          f"<li>UV {rng.randint(0, 9)}</li><li>{rng.randint(990, 1035)} hPa</li></ul></div>")
    hours = "".join(f"<tr><td>{h:02d}:00</td><td>{rng.randint(-5, 32)}°</td><td>{rng.randint(0, 90)}%</td><td>{rng.randint(2, 50)} km/h</td></tr>"
                    for h in range(rng.randint(0, 12), 24, rng.randint(1, 3)))
    p.add(f"<section class='{p.pick('hourly', 'hour-table', 'stunden')}'><h2>{hourly}</h2><table><thead><tr><th></th><th>°C</th>"
          f"<th>☂</th><th>km/h</th></tr></thead><tbody>{hours}</tbody></table></section>")
    cards = "".join(f"<div class='{p.pick('day-card', 'daypart', 'tile')}'><span>{d}</span><img src='/i/{rng.randint(1, 40)}.svg' alt=''>"
                    f"<span>{rng.randint(5, 30)}° / {rng.randint(-5, 12)}°</span><span>{rng.randint(0, 90)}%</span></div>"
                    for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "Mo", "Tu", "We")[: rng.randint(5, 10)])
    p.add(f"<section class='{p.pick('ten-day', 'daily', 'outlook')}'><h2>{ten_day}</h2><div class='strip'>{cards}</div></section>")
    style = rng.randrange(3)  # the written periods: bold label in the line, a definition list, label and text in divs
    p.add(f"<section class='{p.pick('detailed-forecast', 'text-forecast', 'forecast')}'><h2>{forecast_head}</h2>", (forecast_head,))
    for period in periods[: rng.randint(3, 6)]:
        text = paragraph(rng, p.lang, 1, 2)
        if style == 0:
            p.add(f"<p><b>{period}:</b> {esc(text)}</p>", (f"{period}: {text}",))
        elif style == 1:
            p.add(f"<dl><dt>{period}</dt><dd>{esc(text)}</dd></dl>", (period, text))
        else:
            p.add(f"<div class='row'><div class='col-label'>{period}</div><div class='col-text'>{esc(text)}</div></div>", (period, text))
    p.add("</section>")
    if rng.random() < 0.8:
        discussion = [paragraph(rng, p.lang, 2, 4) for _ in range(rng.randint(2, 5))]
        p.add(f"<section class='{p.pick('discussion', 'forecaster-note', 'wetterlage')}'><h2>{discussion_head}</h2>"
              f"<p class='issued'>{p.pick('Issued', 'Ausgegeben', 'Emesso')} {rng.randint(1, 12)}:{p.pick('05', '30', '47')} · {p.pick(*NAMES)}</p>"
              + "".join(f"<p>{esc(t)}</p>" for t in discussion) + "</section>", (discussion_head, *discussion))
    places = "".join(f"<li><a href='/w/{rng.randint(1, 9999)}'>{esc(short(rng, p.lang, 1).title())}</a> {rng.randint(-5, 32)}°</li>"
                     for _ in range(rng.randint(4, 10)))
    p.add(f"<div class='{p.pick('radar', 'map-box', 'wx-map')}'><img src='/radar.gif' alt='Radar'><a href='/radar'>"
          f"{p.pick('Open radar', 'Radar öffnen', 'Apri radar')}</a></div></main>"
          f"<aside class='{p.pick('nearby', 'sidebar', 'rail')}'><h3>{nearby}</h3><ul>{places}</ul>"
          f"<div class='ad-slot'>{p.pick('Advertisement', 'Anzeige', 'Pubblicità')}</div></aside>" + footer_block(p))


ROUND26_FAMILIES = {"app_listing_page": app_listing_page, "cjk_news_page": cjk_news_page,
                    "meeting_agenda_page": meeting_agenda_page, "classified_ad_page": classified_ad_page,
                    "weather_forecast_page": weather_forecast_page}

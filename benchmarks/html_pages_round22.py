"""Round 22's page-type families for ``benchmarks/html_pages.py`` (``--round22``; written before round 22 changed the extractor).

Five kinds users' crawls hold and none of our sets did: **infinite-scroll stories** (a rendering
crawler sees the story it asked for and one or two next stories the site appended below it, each
a whole article with its own headline, byline and body, sometimes longer than the first),
**pages under a visible consent or sign-up overlay** (a consent manager's dialog in the DOM and
shown: OneTrust, Didomi, Cookiebot, Quantcast and a bare ``role=dialog`` markup, with paragraphs
of purposes and a vendor count in the page's language; a newsletter overlay too), **translated pages
with a language switcher** (a list or menu of endonyms, a "this page was machine translated" notice,
"also available in" lines), **search-optimised blog posts** (an affiliate disclosure, "updated /
reviewed by" lines, a table of contents that repeats the headings, a "key takeaways" box, an FAQ,
an author bio box in prose) and **video watch pages** (a short description under the player, a
channel line, an "up next" rail of many cards, a long comment thread, sometimes a transcript).

**Gold convention** (rounds 7-21's): what the author wrote as the document is content: the first
story only (the page asked for; the appended ones are other documents); the story under the
overlay; the translated page's text; the blog post's key takeaways, sections and FAQ (not its
table of contents, disclosure, bio); the video's description and transcript. Headlines, bylines,
consent text, switchers, notices, rails, comments and footers are not.

Held out: the whole seed-149 set (100 pages, ``extraction.py``'s "own: unseen families, round 22")
is read as totals only; the seed-151 set (50 pages, "own: round 22 dev") may be studied.
"""
from __future__ import annotations

from html_pages import (Page, breadcrumbs, esc, footer_block, hidden_chrome, newsletter_box,
                        paragraph, related_block, sentence, share_bar, short, site_header, title)

NAMES = ("Maren Solberg", "Tiago Ferraz", "Anouk de Wit", "Lorenzo Bassi", "Clara Ibáñez", "Jonas Krämer",
         "Priya Raman", "Owen Gallagher", "Sofie Dahl", "Kwame Asante")


def story(p: Page, tag: str, cls: str, gold: bool) -> None:
    """One whole news story (headline, byline, share bar, 3-9 paragraphs, sometimes a sub-heading); gold if ``gold``."""
    rng = p.rng
    p.add(f"<{tag} class='{cls}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('byline', 'article-meta', 'author')}'>{p.pick(*NAMES)} · {rng.randint(1, 28)}.{rng.randint(1, 12)}.2025</div>"
          + share_bar(p) + f"<div class='{p.pick('article-body', 'story-body', 'entry-content')}'>")
    for k in range(rng.randint(3, 9)):
        if k and rng.random() < 0.2:
            head = short(rng, p.lang, rng.randint(3, 6)).capitalize()
            p.add(f"<h2>{esc(head)}</h2>", (head,) if gold else ())
        text = paragraph(rng, p.lang, 1, 4)
        p.add(f"<p>{esc(text)}</p>", (text,) if gold else ())
    p.add(f"</div></{tag}>")


def infinite_scroll_page(p: Page) -> None:
    """The story asked for, then one or two next stories the site appended below it (what a rendering crawler sees)."""
    rng = p.rng
    style = rng.randrange(3)
    p.add(hidden_chrome(p) + site_header(p) + "<main>")
    container = ["<div class='infinite-scroll-container'>", "<div id='article-feed' class='article-stream'>", "<div>"][style]
    p.add(container)
    tags = [("article", p.pick("article", "story", "post")), ("div", p.pick("article-wrapper", "story-container")),
            ("div", p.pick("post", "content"))][style]
    story(p, *tags, gold=True)
    for i in range(rng.randint(1, 2)):
        p.add(p.pick(f"<div class='{p.pick('next-article-label', 'up-next', 'divider')}'>"
                     f"{p.pick('Next story', 'Up next', 'Nächster Artikel', 'Articolo successivo', 'Próximo artigo', 'Volgend artikel', 'Siguiente artículo')}</div>",
                     "<hr>", ""))
        if style == 0:
            p.add(f"<div class='next-article' data-url='/news/{rng.randint(1000, 99999)}'>")
        story(p, *tags, gold=False)
        if style == 0:
            p.add("</div>")
        if rng.random() < 0.5:
            p.add(f"<div class='ad-slot'>{p.pick('Advertisement', 'Anzeige', 'Pubblicità')}</div>")
    p.add("</div>" + related_block(p) + "</main>" + footer_block(p))


CONSENT = {
    "en": ("We value your privacy", "We and our {n} partners store and/or access information on a device, such as cookies, and "
           "process personal data, such as unique identifiers and standard information sent by a device, for personalised "
           "advertising and content, advertising and content measurement, audience research and services development.",
           "With your permission we and our partners may use precise geolocation data and identification through device "
           "scanning. You may click to consent to our and our partners' processing as described above.",
           "Alternatively you may access more detailed information and change your preferences before consenting or to "
           "refuse consenting. Please note that some processing of your personal data may not require your consent, but "
           "you have a right to object to such processing.", "Accept all", "Reject all", "Manage options",
           "Store and/or access information on a device", "Personalised advertising and content, advertising measurement",
           "Stay up to date", "Get the best stories of the week in your inbox every Friday.", "Sign me up", "No thanks"),
    "de": ("Wir respektieren Ihre Privatsphäre", "Wir und unsere {n} Partner speichern und/oder greifen auf Informationen auf "
           "einem Gerät zu, beispielsweise auf Cookies, und verarbeiten personenbezogene Daten, wie eindeutige Kennungen und "
           "Standardinformationen, die von einem Gerät gesendet werden, für personalisierte Anzeigen und Inhalte.",
           "Mit Ihrer Erlaubnis dürfen wir und unsere Partner genaue Standortdaten und Kenndaten durch Gerätescans "
           "verwenden. Sie können klicken, um der Verarbeitung durch uns und unsere Partner zuzustimmen.",
           "Alternativ können Sie auf detailliertere Informationen zugreifen und Ihre Einstellungen ändern, bevor Sie Ihre "
           "Einwilligung geben oder verweigern. Bitte beachten Sie, dass für einige Verarbeitungen keine Einwilligung "
           "erforderlich ist.", "Alle akzeptieren", "Ablehnen", "Einstellungen",
           "Informationen auf einem Gerät speichern und/oder abrufen", "Personalisierte Werbung und Inhalte, Messung",
           "Bleiben Sie informiert", "Die besten Geschichten der Woche jeden Freitag in Ihrem Postfach.", "Anmelden", "Nein danke"),
    "it": ("Il rispetto della tua privacy è la nostra priorità", "Noi e i nostri {n} partner archiviamo e/o accediamo a "
           "informazioni su un dispositivo, come i cookie, e trattiamo dati personali, come gli identificatori univoci e le "
           "informazioni standard inviate da un dispositivo, per annunci e contenuti personalizzati.",
           "Con il tuo consenso, noi e i nostri partner potremmo utilizzare dati di geolocalizzazione precisi e "
           "l'identificazione tramite la scansione del dispositivo. Puoi fare clic per acconsentire al trattamento.",
           "In alternativa puoi accedere a informazioni più dettagliate e modificare le tue preferenze prima di acconsentire "
           "o di negare il consenso. Alcuni trattamenti dei dati personali potrebbero non richiedere il tuo consenso.",
           "Accetta tutto", "Rifiuta", "Più opzioni", "Archiviare e/o accedere a informazioni su un dispositivo",
           "Annunci e contenuti personalizzati, valutazione degli annunci", "Resta aggiornato",
           "Le storie migliori della settimana ogni venerdì nella tua casella di posta.", "Iscriviti", "No grazie"),
    "es": ("Tu privacidad es importante para nosotros", "Nosotros y nuestros {n} socios almacenamos o accedemos a información "
           "en un dispositivo, tales como cookies, y procesamos datos personales, tales como identificadores únicos e "
           "información estándar enviada por un dispositivo, para anuncios y contenido personalizados.",
           "Con su permiso, nosotros y nuestros socios podemos utilizar datos de localización geográfica precisa e "
           "identificación mediante las características de dispositivos. Puede hacer clic para otorgarnos su consentimiento.",
           "También puede acceder a información más detallada y cambiar sus preferencias antes de otorgar o negar su "
           "consentimiento. Tenga en cuenta que algún procesamiento de sus datos personales puede no requerir su consentimiento.",
           "Aceptar todo", "Rechazar", "Configurar", "Almacenar o acceder a información en un dispositivo",
           "Anuncios y contenido personalizados, medición de anuncios", "No te pierdas nada",
           "Las mejores historias de la semana cada viernes en tu correo.", "Suscribirme", "No, gracias"),
    "pt": ("A sua privacidade é importante para nós", "Nós e os nossos {n} parceiros armazenamos e/ou acedemos a informações "
           "num dispositivo, tais como cookies, e processamos dados pessoais, tais como identificadores únicos e informações "
           "padrão enviadas por um dispositivo, para anúncios e conteúdos personalizados.",
           "Com a sua permissão, nós e os nossos parceiros podemos utilizar dados de geolocalização precisos e identificação "
           "através da análise do dispositivo. Pode clicar para consentir o processamento descrito acima.",
           "Em alternativa, pode aceder a informações mais detalhadas e alterar as suas preferências antes de consentir ou "
           "recusar o consentimento. Alguns tratamentos dos seus dados pessoais podem não exigir o seu consentimento.",
           "Aceitar tudo", "Rejeitar", "Gerir opções", "Armazenar e/ou aceder a informações num dispositivo",
           "Anúncios e conteúdos personalizados, medição de anúncios", "Fique a par",
           "As melhores histórias da semana todas as sextas-feiras no seu email.", "Subscrever", "Não, obrigado"),
    "nl": ("Wij hechten waarde aan uw privacy", "Wij en onze {n} partners slaan informatie op een apparaat op en/of openen "
           "deze, zoals cookies, en verwerken persoonsgegevens, zoals unieke identificatoren en standaardinformatie die door "
           "een apparaat wordt verzonden, voor gepersonaliseerde advertenties en content.",
           "Met uw toestemming kunnen wij en onze partners precieze geolocatiegegevens en identificatie via het scannen van "
           "apparaten gebruiken. U kunt klikken om toestemming te geven voor de hierboven beschreven verwerking.",
           "U kunt ook meer gedetailleerde informatie bekijken en uw voorkeuren wijzigen voordat u toestemming geeft of "
           "weigert. Voor sommige verwerking van uw persoonsgegevens is mogelijk geen toestemming vereist.",
           "Alles accepteren", "Weigeren", "Opties beheren", "Informatie op een apparaat opslaan en/of openen",
           "Gepersonaliseerde advertenties en content, advertentiemeting", "Blijf op de hoogte",
           "Elke vrijdag de beste verhalen van de week in je inbox.", "Aanmelden", "Nee, bedankt"),
}


def consent_dialog(p: Page) -> str:
    """A consent manager's dialog as it sits in a rendered DOM (shown, not hidden), in one of five vendors' markups."""
    rng = p.rng
    head, intro, geo, alt, accept, reject, manage, purpose1, purpose2, *_ = CONSENT.get(p.lang, CONSENT["en"])
    intro = intro.format(n=rng.randint(120, 980))
    purposes = "".join(f"<div class='{p.pick('purpose', 'category', 'ot-cat-item')}'><h4>{esc(x)}</h4>"
                       f"<label><input type='checkbox' checked> </label></div>" for x in (purpose1, purpose2))
    style = rng.randrange(5)
    if style == 0:  # OneTrust
        return (f"<div id='onetrust-consent-sdk'><div class='onetrust-pc-dark-filter'></div><div id='onetrust-banner-sdk' "
                f"class='otFlat' role='region' aria-label='Cookie banner'><div id='onetrust-policy'><h2 id='onetrust-policy-title'>{esc(head)}</h2>"
                f"<p id='onetrust-policy-text'>{esc(intro)} {esc(geo)}</p></div><div id='onetrust-button-group'>"
                f"<button id='onetrust-accept-btn-handler'>{accept}</button><button id='onetrust-reject-all-handler'>{reject}</button>"
                f"<button id='onetrust-pc-btn-handler'>{manage}</button></div></div></div>")
    if style == 1:  # Didomi
        return (f"<div id='didomi-host'><div class='didomi-popup-backdrop'><div class='didomi-popup-container'>"
                f"<div class='didomi-popup-notice' role='dialog' aria-modal='true'><div class='didomi-popup-notice-text'>"
                f"<h1>{esc(head)}</h1><p>{esc(intro)}</p><p>{esc(geo)}</p><p>{esc(alt)}</p></div>{purposes}"
                f"<div class='didomi-buttons'><button>{accept}</button><button>{manage}</button></div></div></div></div></div>")
    if style == 2:  # Cookiebot
        return (f"<div id='CybotCookiebotDialog' name='CybotCookiebotDialog' role='dialog' aria-modal='true' "
                f"class='CybotCookiebotDialogActive'><div class='CybotCookiebotDialogContentWrapper'>"
                f"<h2 id='CybotCookiebotDialogBodyContentTitle'>{esc(head)}</h2><div id='CybotCookiebotDialogBodyContentText'>"
                f"<p>{esc(intro)}</p><p>{esc(alt)}</p></div>{purposes}<div id='CybotCookiebotDialogFooter'>"
                f"<button id='CybotCookiebotDialogBodyButtonDecline'>{reject}</button>"
                f"<button id='CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll'>{accept}</button></div></div></div>")
    if style == 3:  # Quantcast Choice
        return (f"<div id='qc-cmp2-container' data-nosnippet><div class='qc-cmp2-summary-section'><div class='qc-cmp2-summary-info'>"
                f"<h2>{esc(head)}</h2><div><p>{esc(intro)}</p><p>{esc(geo)}</p><p>{esc(alt)}</p></div></div>"
                f"<div class='qc-cmp2-summary-buttons'><button mode='secondary'>{manage}</button><button mode='primary'>{accept}</button>"
                f"</div></div></div>")
    return (f"<div class='{p.pick('consent-layer', 'privacy-modal', 'cmp-wrapper')}' role='dialog' aria-modal='true' "  # bare markup
            f"aria-labelledby='cmp-title'><div class='{p.pick('inner', 'box', 'content')}'><h2 id='cmp-title'>{esc(head)}</h2>"
            f"<p>{esc(intro)}</p><p>{esc(geo)} {esc(alt)}</p><button>{accept}</button> <button>{reject}</button></div></div>")


def signup_overlay(p: Page) -> str:
    """A newsletter overlay shown over the page (not hidden)."""
    *_, head, pitch, sign, no = CONSENT.get(p.lang, CONSENT["en"])
    return (f"<div class='{p.pick('newsletter-overlay is-visible', 'modal modal--open', 'popup-overlay active')}' role='dialog'>"
            f"<div class='{p.pick('modal-content', 'popup-inner', 'overlay-box')}'><button class='close' aria-label='Close'>×</button>"
            f"<h3>{esc(head)}</h3><p>{esc(pitch)}</p><form><input type='email' placeholder='Email'><button>{sign}</button></form>"
            f"<a href='#' class='dismiss'>{no}</a></div></div>")


def consent_overlay_page(p: Page) -> None:
    """A story under a shown consent dialog (first or last in the body) and sometimes a newsletter overlay."""
    rng = p.rng
    dialog = consent_dialog(p)
    overlay = signup_overlay(p) if rng.random() < 0.4 else ""
    first = rng.random() < 0.5
    p.add((dialog if first else "") + site_header(p) + breadcrumbs(p) + "<main>")
    story(p, "article", p.pick("article", "story", "news-article"), gold=True)
    p.add(related_block(p) + "</main>" + footer_block(p) + ("" if first else dialog) + overlay)


LANGUAGES = (("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"), ("it", "Italiano"),
             ("pt", "Português"), ("nl", "Nederlands"), ("pl", "Polski"), ("sv", "Svenska"), ("ja", "日本語"),
             ("zh", "中文"), ("ko", "한국어"), ("tr", "Türkçe"), ("ru", "Русский"))
MACHINE = {"en": ("This page was translated automatically.", "Show original"),
           "de": ("Diese Seite wurde maschinell übersetzt.", "Original anzeigen"),
           "it": ("Questa pagina è stata tradotta automaticamente.", "Mostra originale"),
           "es": ("Esta página se ha traducido automáticamente.", "Ver original"),
           "pt": ("Esta página foi traduzida automaticamente.", "Ver original"),
           "nl": ("Deze pagina is automatisch vertaald.", "Origineel tonen")}


def language_switcher_page(p: Page) -> None:
    """A translated page (a guide or an about page): a switcher of endonyms, a machine-translation notice, the text."""
    rng = p.rng
    langs = rng.sample(LANGUAGES, rng.randint(5, 14))
    style = rng.randrange(3)
    if style == 0:
        switcher = (f"<div class='{p.pick('language-switcher', 'lang-select', 'wpml-ls')}'><ul>"
                    + "".join(f"<li><a href='/{c}/' hreflang='{c}' lang='{c}'>{n}</a></li>" for c, n in langs) + "</ul></div>")
    elif style == 1:
        switcher = ("<div class='dropdown'><button class='dropdown-toggle'>🌐 " + langs[0][1] + "</button><div class='dropdown-menu'>"
                    + "".join(f"<a class='dropdown-item' href='/{c}/'>{n}</a>" for c, n in langs) + "</div></div>")
    else:
        switcher = "<p>" + " | ".join(f"<a href='/{c}/'>{n}</a>" for c, n in langs) + "</p>"  # no telling class
    notice, show = MACHINE.get(p.lang, MACHINE["en"])
    p.add(hidden_chrome(p) + f"<header class='{p.pick('site-header', 'header', 'top-bar')}'><a class='logo' href='/'>Atlas</a>"
          + (switcher if rng.random() < 0.6 else "") + "</header>" + breadcrumbs(p)
          + f"<main><div class='{p.pick('page', 'content', 'entry')}'><h1>{esc(title(rng, p.lang))}</h1>")
    if rng.random() < 0.6:
        p.add(f"<div class='{p.pick('translation-notice', 'mt-banner', 'notice')}'><p>{notice} <a href='?orig=1'>{show}</a></p></div>")
    for k in range(rng.randint(4, 9)):
        if k and rng.random() < 0.3:
            head = short(rng, p.lang, rng.randint(3, 6)).capitalize()
            p.add(f"<h2>{esc(head)}</h2>", (head,))
        if rng.random() < 0.15:
            items = [short(rng, p.lang, rng.randint(4, 9)) for _ in range(rng.randint(3, 5))]
            p.add("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>", tuple(items))
        text = paragraph(rng, p.lang, 1, 4)
        p.add(f"<p>{esc(text)}</p>", (text,))
    other = rng.sample(LANGUAGES, rng.randint(3, 8))
    p.add(f"<div class='{p.pick('other-languages', 'translations', 'box')}'><h3>{p.pick('Also available in', 'Auch verfügbar in', 'Disponibile anche in', 'Other languages')}</h3>"
          "<ul>" + "".join(f"<li><a href='/{c}/page'>{n}</a></li>" for c, n in other) + "</ul></div></div></main>"
          + f"<footer>{switcher if style != 1 else ''}<p>© 2025 Atlas</p></footer>")


def seo_blog_page(p: Page) -> None:
    """A search-optimised post: disclosure, updated/reviewed line, a contents box, key takeaways, sections, an FAQ, a bio."""
    rng = p.rng
    author = p.pick(*NAMES)
    p.add(hidden_chrome(p) + site_header(p) + breadcrumbs(p)
          + f"<main><article class='{p.pick('post', 'entry', 'blog-post')}'><h1>{esc(title(rng, p.lang))}</h1>"
          f"<div class='{p.pick('post-meta', 'entry-meta', 'meta')}'>{p.pick('Updated', 'Aktualisiert', 'Aggiornato', 'Atualizado')} "
          f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2025 · {p.pick('Reviewed by', 'Geprüft von', 'Revisionato da')} {p.pick(*NAMES)}</div>")
    if rng.random() < 0.7:
        p.add(f"<p class='{p.pick('disclosure', 'affiliate-note', '')}'><em>{p.pick('This post may contain affiliate links. If you buy through them we may earn a commission at no extra cost to you.', 'Dieser Beitrag enthält Affiliate-Links.', 'Questo articolo contiene link di affiliazione.')}</em></p>")
    heads = [short(rng, p.lang, rng.randint(3, 6)).capitalize() for _ in range(rng.randint(3, 6))]
    intro = paragraph(rng, p.lang, 1, 3)
    p.add(f"<p>{esc(intro)}</p>", (intro,))
    if rng.random() < 0.7:
        takeaways = [sentence(rng, p.lang) for _ in range(rng.randint(3, 5))]
        label = p.pick('Key takeaways', 'Das Wichtigste in Kürze', 'In breve', 'TL;DR')  # the box's heading: gold, as sub-headings are
        p.add(f"<div class='{p.pick('key-takeaways', 'tldr', 'summary-box')}'><p><strong>{label}</strong></p>"
              "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in takeaways) + "</ul></div>", (label, *takeaways))
    toc_head = p.pick("Table of contents", "Inhaltsverzeichnis", "Indice", "Índice", "Inhoud", "Contents")
    toc = rng.randrange(3)
    p.add([f"<div id='ez-toc-container' class='ez-toc-v2'><p class='ez-toc-title'>{toc_head}</p><nav><ul class='ez-toc-list'>",
           f"<nav class='{p.pick('toc', 'table-of-contents', 'rank-math-toc')}'><h2>{toc_head}</h2><ol>",
           f"<div class='{p.pick('wp-block-group', 'box', 'inner')}'><p><strong>{toc_head}</strong></p><ol>"][toc]  # no telling class
          + "".join(f"<li><a href='#s{i}'>{esc(h)}</a></li>" for i, h in enumerate(heads))
          + ["</ul></nav></div>", "</ol></nav>", "</ol></div>"][toc])
    for i, h in enumerate(heads):
        p.add(f"<h2 id='s{i}'>{esc(h)}</h2>", (h,))
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, p.lang, 1, 4)
            p.add(f"<p>{esc(text)}</p>", (text,))
    if rng.random() < 0.7:
        faq_head = p.pick("Frequently asked questions", "FAQ", "Häufige Fragen", "Domande frequenti", "Preguntas frecuentes")
        p.add(f"<h2>{faq_head}</h2>", (faq_head,))
        for _ in range(rng.randint(2, 4)):
            q = short(rng, p.lang, rng.randint(5, 9)).capitalize() + "?"
            a = paragraph(rng, p.lang, 1, 2)
            p.add(f"<div class='{p.pick('faq-item', 'schema-faq-section', 'rank-math-list-item')}'><h3>{esc(q)}</h3><p>{esc(a)}</p></div>", (q, a))
    about = sentence(rng, p.lang)
    bio = f"{author} {about[0].lower()}{about[1:]}"
    p.add(f"<div class='{p.pick('author-box', 'about-author', 'saboxplugin-wrap')}'><img src='/a.jpg' alt=''>"
          f"<p class='{p.pick('author-name', 'name', '')}'>{p.pick('About the author', 'Über die Autorin', 'Sull’autore')}: <a href='/author/x'>{author}</a></p>"
          f"<p>{esc(bio)}</p><p><a href='https://x.com/x'>X</a> · <a href='https://linkedin.com/in/x'>LinkedIn</a></p></div>"
          + share_bar(p) + "</article>" + related_block(p) + "</main>" + newsletter_box(p) + footer_block(p))


def video_page(p: Page) -> None:
    """A video watch page: player, title, channel line, a short description (and sometimes a transcript), up-next rail, comments."""
    rng = p.rng
    channel = p.pick("Kitchen Lab", "Orbit Explained", "Trailhead TV", "Werkstatt Kurz", "La Bottega", "Oficina Aberta")
    p.add(site_header(p) + f"<main><div class='{p.pick('watch', 'video-page', 'player-column')}'>"
          f"<div class='player'><video src='/v/{rng.randint(1, 999)}.mp4' controls></video></div>"
          f"<h1>{esc(title(rng, p.lang))}</h1><div class='{p.pick('channel', 'owner', 'uploader')}'><a href='/c/1'>{channel}</a> · "
          f"{rng.randint(1, 900)}K {p.pick('subscribers', 'Abonnenten', 'iscritti')} <button>{p.pick('Subscribe', 'Abonnieren', 'Iscriviti')}</button></div>"
          f"<div class='{p.pick('video-stats', 'meta', 'info')}'>{rng.randint(1, 999)}K views · {rng.randint(1, 11)} months ago · "
          f"<button>👍 {rng.randint(1, 90)}K</button> <button>Share</button></div>"
          f"<div class='{p.pick('description', 'video-description', 'about')}'>")
    for _ in range(rng.randint(1, 3)):
        text = paragraph(rng, p.lang, 1, 3)
        p.add(f"<p>{esc(text)}</p>", (text,))
    p.add(f"<button class='more'>{p.pick('Show more', 'Mehr anzeigen', 'Mostra altro')}</button></div>")
    if rng.random() < 0.4:
        head = p.pick("Transcript", "Transkript", "Trascrizione")
        lines = [paragraph(rng, p.lang, 1, 2) for _ in range(rng.randint(3, 6))]
        p.add(f"<section class='transcript'><h2>{head}</h2>" + "".join(f"<p>{esc(t)}</p>" for t in lines) + "</section>",
              (head, *lines))
    comments = "".join(
        f"<div class='{p.pick('comment', 'comment-thread')}'><a class='author' href='/u/{i}'>@{p.pick('mika', 'jorge_r', 'anna.b', 'tb303', 'lou')}{i}</a>"
        f"<span class='when'>{rng.randint(1, 11)} months ago</span><p>{esc(paragraph(rng, p.lang, 1, 2))}</p>"
        f"<button>👍 {rng.randint(0, 900)}</button> <button>Reply</button></div>" for i in range(rng.randint(4, 12)))
    p.add(f"<section id='comments'><h2>{rng.randint(20, 4000)} Comments</h2>{comments}</section></div>")
    cards = "".join(f"<div class='{p.pick('compact-video', 'rec-card', 'up-next-item')}'><a href='/watch/{rng.randint(1, 99999)}'>"
                    f"<img src='/t.jpg' alt=''><span class='title'>{esc(short(rng, p.lang, rng.randint(5, 10)))}</span></a>"
                    f"<span class='ch'>{p.pick(channel, 'Daily Bits', 'Makers', 'Pocket Science')}</span>"
                    f"<span>{rng.randint(1, 999)}K views · {rng.randint(1, 5)} years ago</span></div>" for _ in range(rng.randint(6, 14)))
    p.add(f"<aside class='{p.pick('secondary', 'related-videos', 'up-next')}'><h2>{p.pick('Up next', 'Als Nächstes', 'Video successivi')}</h2>{cards}</aside>"
          "</main>" + footer_block(p))


ROUND22_FAMILIES = {"infinite_scroll_page": infinite_scroll_page, "consent_overlay_page": consent_overlay_page,
                    "language_switcher_page": language_switcher_page, "seo_blog_page": seo_blog_page,
                    "video_page": video_page}

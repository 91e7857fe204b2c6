"""Why an HTML page gave no text: what the page *is*, said in one line.

A page whose extraction comes out blank used to be quarantined as "text is blank",
which reads the same for an empty page and for a page whose content lives elsewhere:
in scripts that draw it in a browser, in the frames of a frameset, behind a redirect
or a sign-in form, in images. The user can act on the second kind (render it, fetch
the frames or the target, OCR the scans) only when told which it is.

:func:`why_no_text` reads the page's shape -- which elements it holds, not any
wording -- and names it, quoting what there is (frame titles, the redirect's target,
``<noscript>`` text, images' alt text). :func:`noscript_prose` is the one piece of
such a page a reader wants as the document: a crawler view in ``<noscript>`` that holds
sentences, not a "please enable JavaScript" line.

Only pages whose text came out blank are read here (a second parse, cheap beside the
first, and rare).
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

# A <noscript> with at least this many words is the page's text for readers without
# scripts (a crawler view), not a one-line notice to turn scripts on.
NOSCRIPT_PROSE_WORDS = 20
# Inline script this long (characters) is an app's code or state, not a tracker snippet.
APP_SCRIPT_CHARS = 2000
QUOTED = 60  # characters of a quoted value in a reason

_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?\s*([^'\";\s]+)", re.IGNORECASE)
# location = "...", location.href = "...", location.replace("...") / .assign("...")
_SCRIPT_REDIRECT = re.compile(
    r"""location(?:\.href)?\s*=\s*['"]([^'"]+)['"]|location\.(?:replace|assign)\(\s*['"]([^'"]+)['"]""")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: a run of \w+ there is a sentence, not a
# word. Their letters count as words at about the length of a word: two characters in
# Chinese and Japanese (Han, kana), four in Thai, Lao, Khmer and Burmese.
_HAN_AND_KANA = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SOUTHEAST_ASIAN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def _quote(text: str) -> str:
    """A value as a reason quotes it: one line, at most :data:`QUOTED` characters.

    >>> _quote("  a   b ")
    "'a b'"
    >>> len(_quote("x" * 500))
    62
    """
    text = " ".join(text.split())
    return repr(text if len(text) <= QUOTED else text[: QUOTED - 3] + "...")


def _listed(values: list[str], most: int = 3) -> str:
    """`most` quoted values and how many more.

    >>> _listed(["a", "b", "c", "d"], 2)
    "'a', 'b' and 2 more"
    """
    shown = ", ".join(_quote(value) for value in values[:most])
    return shown + (f" and {len(values) - most} more" if len(values) > most else "")


def _text(node) -> str:
    return " ".join((node.text(separator=" ") or "").split())


def noscript_prose(html: str) -> str:
    """The text of a page's ``<noscript>`` elements when they hold prose (at least
    :data:`NOSCRIPT_PROSE_WORDS` words): the page as readers without scripts see it.
    Empty otherwise.

    >>> noscript_prose("<body><noscript>Please enable JavaScript.</noscript></body>")
    ''
    >>> noscript_prose("<body><noscript><p>" + "The ferry runs late. " * 6 + "</p></noscript></body>")[:20]
    'The ferry runs late.'
    """
    if "noscript" not in html.lower():
        return ""
    tree = LexborHTMLParser(html)
    texts = [_text(LexborHTMLParser(node.text(deep=True) if _holds_markup_as_text(node) else node.html or ""))
             for node in tree.css("noscript")]
    text = "\n".join(t for t in texts if t)
    return text if words_in(text) >= NOSCRIPT_PROSE_WORDS else ""


def words_in(text: str) -> int:
    """About how many words a text holds: its runs of letters and digits, and in scripts
    written without spaces (Chinese, Japanese, Thai...) its letters at a word's length.

    >>> words_in("The ferry runs late."), words_in("市议会周二开会讨论新的渡轮时刻表。")
    (4, 8)
    >>> words_in("このアプリを実行するには JavaScript を有効にしてください。")
    12
    """
    han = len(_HAN_AND_KANA.findall(text))
    southeast = len(_SOUTHEAST_ASIAN.findall(text))
    if not han and not southeast:
        return len(_WORD.findall(text))
    spaced = _SOUTHEAST_ASIAN.sub(" ", _HAN_AND_KANA.sub(" ", text))
    return len(_WORD.findall(spaced)) + han // 2 + southeast // 4


def _holds_markup_as_text(node) -> bool:
    """A parser with scripting on keeps <noscript>'s content as raw text ("<p>..."):
    it is read as markup again."""
    return node.child is not None and node.child.tag == "-text" and "<" in (node.text(deep=True) or "")


def why_no_text(html: str) -> str:
    """What a page that gave no text holds, in one line (see the module's docstring).

    >>> why_no_text('<frameset><frame src="a.html" title="Menu"><frame src="b.html"></frameset>')
    "a frameset: its content is in 2 frames (src 'a.html', 'b.html'; titles 'Menu'), not in this page"
    >>> why_no_text('<head><meta http-equiv="refresh" content="0; url=/new.html"></head><body></body>')
    "a redirect (meta refresh) to '/new.html': the content is at that address"
    >>> why_no_text('<body><div id="root"></div><script src="app.js"></script></body>')
    'drawn by scripts in a browser (1 script, none inline; empty <div id="root">): the HTML holds no text; render the page first'
    >>> why_no_text("<body></body>")
    'the page is empty (no text, images, frames or scripts)'
    """
    tree = LexborHTMLParser(html)
    if tree.root is None or not re.search(r"<[A-Za-z!?/]", html):
        return _no_markup(html)
    for read in (_frames, _redirect, _login_wall, _script_drawn, _media_only):
        found = read(tree)
        if found:
            return found
    scripts = tree.css("script")
    noscript = " ".join(_text(node) for node in tree.css("noscript"))
    if noscript:
        return f"its only text is a <noscript> notice ({_quote(noscript)})"
    if scripts:
        return f"no text of its own ({len(scripts)} scripts): drawn by scripts in a browser?"
    visible = _text(tree.body) if tree.body is not None else ""
    if visible:
        return (f"all its visible text was cut as page furniture ({_quote(visible)}: "
                "navigation, footer, buttons), no article")
    return "the page is empty (no text, images, frames or scripts)"


def _no_markup(html: str) -> str:
    """A "page" with no tag at all: plain text given as HTML.

    >>> _no_markup("Just words.")
    'holds no HTML markup (\\'Just words.\\'): plain text given as HTML? (give it as "text")'
    """
    if not html.strip():
        return "the page is empty (blank HTML)"
    return f'holds no HTML markup ({_quote(html)}): plain text given as HTML? (give it as "text")'


def _frames(tree) -> str | None:
    """A frameset, or a body that is only frames: the content is in the frames' pages."""
    frames = tree.css("frame, iframe")
    if not frames:
        return None
    sources = [node.attributes.get("src") or "" for node in frames]
    titles = [node.attributes.get("title") or node.attributes.get("name") or "" for node in frames]
    kind = "a frameset" if tree.css_first("frameset") is not None or tree.css_first("frame") is not None \
        else "only embedded frames (<iframe>)"
    described = f"src {_listed([s for s in sources if s])}" if any(sources) else "no src"
    if any(titles):
        described += f"; titles {_listed([t for t in titles if t])}"
    count = f"{len(frames)} frame" + ("s" if len(frames) > 1 else "")
    return f"{kind}: its content is in {count} ({described}), not in this page"


def _redirect(tree) -> str | None:
    """A meta refresh or a script that sends the browser to another address."""
    for meta in tree.css("meta"):
        if (meta.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            found = _REFRESH_URL.search(meta.attributes.get("content") or "")
            target = _quote(found.group(1)) if found else "this page again (no url)"
            return f"a redirect (meta refresh) to {target}: the content is at that address"
    for script in tree.css("script"):
        found = _SCRIPT_REDIRECT.search(script.text(deep=True) or "")
        if found:
            return f"a redirect (script) to {_quote(found.group(1) or found.group(2))}: the content is at that address"
    return None


def _login_wall(tree) -> str | None:
    """A form with a password field and no text: the content is behind a sign-in."""
    if tree.css_first('input[type="password" i]') is None:
        return None
    form = tree.css_first("form")
    action = form.attributes.get("action") if form is not None else None
    where = f" (form action {_quote(action)})" if action else ""
    return f"a sign-in form (a password field){where}: the content is behind a login"


def _script_drawn(tree) -> str | None:
    """Scripts and an empty mount point (or a big inline state): an app shell that a
    browser fills in."""
    scripts = tree.css("script")
    if not scripts:
        return None
    inline = [len(node.text(deep=True) or "") for node in scripts if not node.attributes.get("src")]
    external = len(scripts) - len(inline)
    mount = next((node for node in tree.css("body div[id], body main[id], body app-root, body [id]")
                  if not _text(node) and not node.css_first("img, frame, iframe, video")), None)
    if mount is None and external == 0 and sum(inline) < APP_SCRIPT_CHARS:
        return None
    where = f'; empty <{mount.tag} id="{mount.attributes.get("id") or ""}">' if mount is not None else ""
    count = f"{len(scripts)} script" + ("s" if len(scripts) > 1 else "")
    code = f"{sum(inline):,} chars inline" if inline and sum(inline) else "none inline"
    noscript = " ".join(_text(node) for node in tree.css("noscript"))
    said = f"; its <noscript> says {_quote(noscript)}" if noscript else ""
    return (f"drawn by scripts in a browser ({count}, {code}{where}{said}): "
            "the HTML holds no text; render the page first")


def _media_only(tree) -> str | None:
    """Images, video, audio, canvas or embedded objects and no text."""
    images = tree.css("img, picture, input[type=image i]")
    media = tree.css("video, audio, canvas, object, embed, svg")
    if not images and not media:
        return None
    parts = []
    if images:
        alts = [node.attributes.get("alt") or "" for node in images]
        alts = [alt for alt in alts if alt.strip()]
        parts.append(f"{len(images)} image" + ("s" if len(images) > 1 else "")
                     + (f", alt text {_listed(alts)}" if alts else ", no alt text"))
    if media:
        kinds = sorted({node.tag for node in media})
        parts.append(f"{len(media)} " + "/".join(f"<{kind}>" for kind in kinds))
    return f"only media, no text ({'; '.join(parts)}): the content is in images or players"

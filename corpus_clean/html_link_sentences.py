"""Lists whose items are sentences with links in them: the story, not a menu.

The renderer cuts a block that is mostly link text (``html.links``): menus, tag lists, "related
stories". A project's status report or a link roundup writes its news as bullets in which the
links carry most of the words, but the words around them make a sentence::

    <li>Neil has patches up to <a href=...>improve the tab unloader</a>, and <a href=...>show UI
        when subframes crash</a></li>
    <li>Thanks to evilpie, users can now <a href=...>import logins from Keepass</a></li>

A menu's or a teaser list's item is a link alone, or a link with a label ("Related: <a>...</a>")
or a trailing date or source ("<a>Headline</a> 3 hours ago"). What tells the bullet apart is the
text *before or between* its links: lower-case words that build a sentence ("has patches up to",
", and", "users can now"). :func:`give_back_link_sentences` gives back, after rendering, the
``html.links`` lines of a list inside the chosen blocks when at least half of its items read so
(:func:`reads_as_link_sentence`): the other items of such a list ("Gijs <a>fixed some flicker</a>")
are bullets of the same report.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

__all__ = ["reads_as_link_sentence", "sentence_list_items", "give_back_link_sentences"]

LINKS_RULE = "html.links"
MIN_WORDS = 5  # a sentence, not "Follow us on Twitter"
_LISTS_QUERY = lexbor_walk.Query("ul,ol")
# A word that builds a sentence around a link: lower case, three letters or more ("has", "and",
# "users"), or any two lower-case words ("up to").
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_A-Z][^\W\d_]*(?![\w'’-])")
_WORD_RE = re.compile(r"\w+")


def _sentence_words(text: str) -> bool:
    """True when ``text`` (an item's text before or between its links) holds sentence-building words.

    >>> _sentence_words("Neil has patches up to"), _sentence_words(", and"), _sentence_words("Gijs")
    (True, True, False)
    >>> _sentence_words("by"), _sentence_words(" – "), _sentence_words("Politics")
    (False, False, False)
    """
    lower = [w for w in _LOWER_WORD_RE.findall(text) if w[0].islower()]
    return any(len(w) >= 3 for w in lower) or len(lower) >= 2


def reads_as_link_sentence(item: LexborNode) -> bool:
    """True when a list item is a sentence written around its links (see the module's docstring).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> li = lambda h: LexborHTMLParser(h).css_first("li")
    >>> reads_as_link_sentence(li("<li>Neil has patches up to <a href='/1'>improve the tab unloader</a></li>"))
    True
    >>> reads_as_link_sentence(li("<li><a href='/1'>Harbour board closes the old fish market</a> 3 hours ago</li>"))
    False
    >>> reads_as_link_sentence(li("<li>Read more: <a href='/1'>Harbour board closes the old fish market</a></li>"))
    False
    """
    if len(_WORD_RE.findall(item.text())) < MIN_WORDS:
        return False
    before_last_link: list[str] = []  # text outside links that comes before the item's last link
    pending: list[str] = []
    for node in item.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text_content or ""
        if _inside_link(node, item):
            before_last_link.extend(pending)
            pending = []
        else:
            pending.append(text)
    if not before_last_link:
        return False
    leading = "".join(before_last_link)
    # "Related: <a>…</a>", "Read more: <a>…</a>": a label over a link, not a sentence
    if leading.strip().endswith(":"):
        return False
    return _sentence_words(leading)


def _inside_link(node: LexborNode, item: LexborNode) -> bool:
    """True when a text node sits inside an ``<a>`` below ``item``."""
    parent = node.parent
    while parent is not None and parent.mem_id != item.mem_id:
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def sentence_list_items(chosen: list[LexborNode], cut_texts: set[str] = frozenset()) -> set[str]:
    """The squeezed texts (no whitespace) of the items of lists inside ``chosen`` whose items read as sentences.

    With ``cut_texts`` (squeezed ``html.links`` lines long enough to be sentences), only lists whose
    text holds one of them are read item by item (the others lost no sentence).

    A list counts when at least half of its items (and one) read as sentences around links; its
    items are returned, but an item holding a list of its own only when it reads so itself (an
    outer item is often a label over its inner list: "In progress:"; the inner list is judged
    on its own).
    """
    out: set[str] = set()
    for block in chosen:
        for lst in _LISTS_QUERY.select(block):
            if cut_texts:
                whole = "".join(lst.text().split())
                if not any(text in whole for text in cut_texts):
                    continue
            items = [child for child in lst.iter() if child.tag == "li"]
            if not items:
                continue
            squeezed = ["".join(item.text().split()) for item in items]
            sentences = [reads_as_link_sentence(item) for item in items]
            if not any(sentences) or 2 * sum(sentences) < len(items):
                continue
            out.update(text for item, text, sentence in zip(items, squeezed, sentences)
                       if sentence or not _LISTS_QUERY.select(item))
    return out


def give_back_link_sentences(lines: list[tuple[str, str]], chosen: list[LexborNode], keep: str) -> list[tuple[str, str]]:
    """``lines`` with the ``html.links`` lines that are items of a list of link sentences given back as ``keep``.

    An item rendered over several lines (a ``<br>`` inside) is matched as the run of its lines.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> body = LexborHTMLParser("<div><ul><li>Mira fixed <a href='/1'>the crash when the tab closes</a></li>"
    ...                         "<li><a href='/2'>Menu</a></li></ul></div>").body
    >>> give_back_link_sentences([("Mira fixed the crash when the tab closes", "html.links"), ("Menu", "html.links")],
    ...                          [body.css_first("div")], "keep")
    [('Mira fixed the crash when the tab closes', 'keep'), ('Menu', 'keep')]
    """
    # (only a cut line of a sentence's length can be a list of sentences' item: menus' lines are shorter)
    cut_texts = {"".join(line.split()) for line, verdict in lines
                 if verdict == LINKS_RULE and line.count(" ") >= MIN_WORDS - 1}
    if not cut_texts:
        return lines
    targets = sentence_list_items(chosen, cut_texts)
    if not targets:
        return lines
    out = list(lines)
    i = 0
    while i < len(out):
        end = _item_run_end(out, i, targets) if out[i][1] == LINKS_RULE else None
        if end is None:
            i += 1
            continue
        out[i:end] = [(line, keep) for line, _ in out[i:end]]
        i = end
    return out


def _item_run_end(lines: list[tuple[str, str]], start: int, targets: set[str]):
    """The end of the run of ``html.links`` lines from ``start`` whose squeezed text is one of ``targets``, or None."""
    acc = ""
    for j in range(start, len(lines)):
        line, verdict = lines[j]
        if verdict != LINKS_RULE:
            return None
        acc += "".join(line.split())
        if acc in targets:
            return j + 1
        if not any(t.startswith(acc) for t in targets):
            return None
    return None

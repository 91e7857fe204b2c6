"""Pages that are not articles: service pages, listings, docs, collections (prototype)."""
from __future__ import annotations

import os
import re
from typing import Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

_ARTICLE_LD_RE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Tech|Scholarly|Satirical|Opinion|Analysis|Review|Background)?'
                            r'(?:Article|BlogPosting|Posting|Report)"')

MODE = os.environ.get("HS_MODE", "cards")


def declares_article(tree: LexborHTMLParser) -> bool:
    """True when the page's metadata says it is an article (og:type, JSON-LD, articleBody)."""
    og = tree.css_first('meta[property="og:type"]')
    if og is not None and (og.attributes.get("content") or "").strip().lower() == "article":
        return True
    if tree.css_first('[itemprop="articleBody"]') is not None:
        return True
    for script in tree.css('script[type="application/ld+json"]'):
        if _ARTICLE_LD_RE.search(script.text() or ""):
            return True
    return False


def _main_around(node: LexborNode) -> Optional[LexborNode]:
    while node is not None and node.tag not in ("body", "html"):
        if node.tag == "main" or node.attributes.get("role") == "main":
            return node
        node = node.parent
    return None


def widen(tree: LexborHTMLParser, chosen: list[LexborNode], article: bool) -> list[LexborNode]:
    if not chosen or MODE == "off":
        return chosen
    if article:
        return chosen
    main = _main_around(chosen[0])
    if main is None:
        return chosen
    total = _prose_chars(main)
    held = sum(_prose_chars(node) for node in chosen)
    if held < MAIN_SHARE * total:
        return [main]
    return chosen


MAIN_SHARE = float(os.environ.get("HS_SHARE", "0.7"))


def _prose_chars(node: LexborNode) -> int:
    """Characters of text under ``node`` outside links."""
    return len(node.text(strip=True)) - sum(len(a.text(strip=True)) for a in node.css("a"))



LINKS_RATIO = float(os.environ.get("HS_LR", "0.6"))
MIN_CARDS = int(os.environ.get("HS_MINCARDS", "4"))
CARD_CHARS = int(os.environ.get("HS_CARDCHARS", "20"))
CARD_LEVELS = 4


def link_cards(chosen: list[LexborNode], lines: list) -> list[LexborNode]:
    if MODE in ("off", "main"):
        return []
    kept = sum(len(line) for line, verdict in lines if verdict == "keep")
    linked = sum(len(line) for line, verdict in lines if verdict == "html.links")
    if not linked or linked <= LINKS_RATIO * kept:
        return []
    groups: dict = {}
    for container in chosen:
        stop = container.mem_id
        for a in container.css("a"):
            node = a
            for _ in range(CARD_LEVELS):
                parent = node.parent
                if parent is None:
                    break
                cls = (node.attributes.get("class") or "").split()
                key = (parent.mem_id, node.tag, cls[0] if cls else "")
                groups.setdefault(key, {})[node.mem_id] = node
                if parent.mem_id == stop:
                    break
                node = parent
    best: dict = {}
    for (parent, tag, cls), members in groups.items():
        if len(members) < MIN_CARDS:
            continue
        if len(members) > len(best.get(parent, ())):
            best[parent] = members
    cards = []
    for members in best.values():
        nodes = list(members.values())
        chars = sum(len(n.text(strip=True)) for n in nodes)
        if chars >= CARD_CHARS * len(nodes):
            cards.extend(nodes)
    # nested grids: keep the outermost cards only
    ids = {n.mem_id for n in cards}
    out = []
    for n in cards:
        p = n.parent
        inside = False
        while p is not None:
            if p.mem_id in ids:
                inside = True
                break
            p = p.parent
        if not inside:
            out.append(n)
    return out

"""A chart's labels: short texts placed over an image at percent coordinates.

Newsrooms draw charts and maps in Illustrator and export them with ai2html (the New York
Times, the Washington Post, Reuters, the Guardian): the artwork is an image, and each label
("$915 billion", "’18", "Net interest", "13.0%") is a ``<div>`` placed over it by its
coordinates, ``style="top:4.9%;left:96.6%"``. Rendered as text, a chart becomes dozens of
one-word lines of axis ticks and values in the middle of the article; every benchmark's gold
leaves them out.

:func:`cut_chart_labels` cuts, as :data:`RULE`, the children of one parent that are placed by
percent ``top`` and ``left``/``right`` coordinates, when there are at least :data:`MIN_LABELS`
of them and each holds a short text. A lone positioned element (a badge on a photo, a
"play" button) is left alone; so is a positioned block of prose (a caption laid over a
picture).
"""
from __future__ import annotations

import re
from typing import Callable

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

__all__ = ["RULE", "MIN_LABELS", "placed_by_percent", "cut_chart_labels"]

RULE = "html.chart"
MIN_LABELS = 3  # an axis has ticks at both ends and one between
MAX_LABEL_CHARS = 80  # a label, a value, a short note: not a paragraph
_PLACED_QUERY = lexbor_walk.Query("[style*=top]")
_TOP_RE = re.compile(r"(?:^|;)\s*top\s*:\s*-?[\d.]+%", re.I)
_SIDE_RE = re.compile(r"(?:^|;)\s*(?:left|right)\s*:\s*-?[\d.]+%", re.I)


def placed_by_percent(style: str) -> bool:
    """True when an inline style places the element by percent ``top`` and ``left`` or ``right``.

    >>> placed_by_percent("top:4.8869%;margin-top:-16.2px;left:96.5906%;width:60px;")
    True
    >>> placed_by_percent("top: 10px; left: 5px"), placed_by_percent("margin-top:5%;width:50%")
    (False, False)
    """
    return bool(_TOP_RE.search(style) and _SIDE_RE.search(style))


def cut_chart_labels(body: LexborNode, cuts: dict, cut: Callable[[LexborNode, str, dict], None]) -> int:
    """Cut the labels of the charts inside ``body`` (a chosen block; see the module's docstring); the number cut.

    ``cut`` is :func:`corpus_clean.html._cut` (passed in: this module is imported by it).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><p>Debt grows.</p><div><img src='c.png'>"
    ...     + "".join(f"<div style='top:{k}0%;left:{k}%'><p>’{k}8</p></div>" for k in range(1, 5)) + "</div></body>")
    >>> cuts = {}
    >>> cut_chart_labels(t.body, cuts, lambda node, rule, cuts: (cuts.update({node.mem_id: rule}), node.decompose()))
    4
    >>> t.body.text()
    'Debt grows.'
    """
    groups: dict[int, list[LexborNode]] = {}
    for node in _PLACED_QUERY.select(body):
        parent = node.parent
        if parent is None or not placed_by_percent(node.attributes.get("style") or ""):
            continue
        groups.setdefault(parent.mem_id, []).append(node)
    placed = {label.mem_id for labels in groups.values() for label in labels}
    n = 0
    for parent_id, labels in groups.items():
        if len(labels) < MIN_LABELS or parent_id in placed:  # (labels inside a label go with it)
            continue
        texts = [label.text(strip=True) for label in labels]
        if not any(texts) or any(len(text) > MAX_LABEL_CHARS for text in texts):
            continue
        for label, text in zip(labels, texts):
            if text:
                cut(label, RULE, cuts)
                n += 1
    return n

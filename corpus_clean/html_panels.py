"""Closed accordion and tab panels: hidden until clicked, content all the same.

A FAQ's answers, a product's "Details" and "Specifications", a docs page's
"macOS / Windows / Linux" tabs are panels that the page hides until their
control is clicked (``hidden``, ``display: none``).
:func:`corpus_clean.html.strip_junk` drops hidden elements as invisible; WCXB's
gold and trafilatura keep the panels' text (trafilatura ignores those attributes).

A panel is known *by the markup that links it to its control* (WAI-ARIA's
accordion and tabs patterns), not by its words: a ``tabpanel`` or ``region``
role, an ``aria-labelledby`` naming its control, or an ``id`` that a control
names in ``aria-controls``. It is put back when it holds ``PANEL_PROSE``
characters outside links (a closed drop-down menu is linked the same way, and
is links), and then judged by its class and id as any shown element is (a
modal "Subscribe" dialog is still cut for its label).

Panels hidden with ``aria-hidden="true"`` alone stay cut as ``html.hidden`` (put back
only when long, by :func:`corpus_clean.html_prose.restore_mislabelled`): taking them
too gained on WCXB dev (collection +0.017, service +0.006) but moved the choice on
service pages and cost WCXB test's service pages 0.829 -> 0.817 (RESULTS-html.md, round 8).
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

__all__ = ["PanelFinder"]

PANEL_PROSE = 50  # a one-sentence answer; a closed menu or search box holds none
PANEL_ROLES = frozenset(("tabpanel", "region"))
# Attributes that hide an element; a panel is judged without them.
HIDING_ATTRS = frozenset(("hidden", "aria-hidden", "style"))
NOT_PANELS = frozenset(("dialog", "alertdialog"))


class PanelFinder:
    """Tells whether a hidden element of one page is a panel. Made before any cut: the ids the
    page's controls name in ``aria-controls`` are read at once (the buttons are cut later).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><button aria-controls='a1' aria-expanded='false'>Do you ship abroad?</button>"
    ...     "<div id='a1' hidden><p>Yes, to forty countries, within a week, with tracking.</p></div>"
    ...     "<button aria-controls='m'>Menu</button><ul id='m' hidden><li><a href='/'>Home</a></li></ul></body>")
    >>> finder = PanelFinder(t.body)
    >>> finder.is_panel(t.css_first("#a1")), finder.is_panel(t.css_first("#m"))
    (True, False)
    """

    def __init__(self, body: LexborNode):
        self.controlled = frozenset(ident for control in body.css("[aria-controls]")
                                    for ident in (control.attributes.get("aria-controls") or "").split())

    def is_panel(self, node: LexborNode) -> bool:
        """True when ``node`` is a panel of tabs or an accordion holding prose."""
        attrs = node.attributes
        role = attrs.get("role")
        if role in NOT_PANELS or attrs.get("aria-modal") == "true":
            return False
        if not (role in PANEL_ROLES or attrs.get("aria-labelledby") or attrs.get("id") in self.controlled):
            return False
        text = len(node.text(strip=True))
        return text >= PANEL_PROSE and text - sum(len(a.text(strip=True)) for a in node.css("a")) >= PANEL_PROSE


def shown_attrs(node: LexborNode) -> dict:
    """``node``'s attributes without those that hide it: how a panel is judged once shown.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> shown_attrs(LexborHTMLParser("<div class='answer' hidden aria-hidden='true'></div>").css_first("div"))
    {'class': 'answer'}
    """
    return {key: value for key, value in node.attributes.items() if key not in HIDING_ATTRS}

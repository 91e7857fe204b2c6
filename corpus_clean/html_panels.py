"""Hidden elements: closed accordion and tab panels are content, hidden chrome is not.

A FAQ's answers, a product's "Details" and "Specifications", a course's weeks, a docs
page's "macOS / Windows / Linux" tabs are panels that the page hides until their control
is clicked (``hidden``, ``display: none``, ``aria-hidden="true"``, a class such as
``is-hidden``). :func:`corpus_clean.html.strip_junk` drops hidden elements as invisible;
WCXB's gold and trafilatura keep the panels' text. A hidden menu, a modal sign-up form,
cookie settings or an off-canvas navigation are hidden the same ways, and are not content.

A panel is known *by the markup that ties it to its control*, not by its words:

- WAI-ARIA's accordion and tabs patterns: a ``tabpanel`` or ``region`` role, an
  ``aria-labelledby`` naming its control, or an ``id`` a control names in ``aria-controls``;
- an ``id`` an in-page link or a toggle targets (``href="#tab-specs"``, Bootstrap's
  ``data-target``/``data-bs-target``): tabs written without ARIA;
- a control right before it: its previous sibling is a ``<button>``, a ``<summary>``, an
  element with ``role=button``/``tab``, ``aria-expanded`` or a ``data-toggle``, or holds
  nothing but such a control (a heading or a card header around its button). A bare heading
  is no control.

An element hidden by ``aria-hidden`` alone (a script hides it; screen readers skip it) is a
panel only in an accordion's repeated shape (:func:`accordion_answer`: two or more answers,
each right after its own question, side by side or each in a repeated item) or as a
``tabpanel`` its own named tab controls (:meth:`PanelFinder.tab_panel`: Foundation's and
jQuery UI's closed tabs): ``aria-hidden`` alone also hides pull quotes, inactive slides and
off-canvas chrome.

It is put back when it holds ``PANEL_PROSE`` characters outside links (a closed drop-down
menu is linked the same way, and is links) and no form field (a hidden search box,
sign-in or feedback form is UI), and it is then judged by its class and id as any shown
element is (a modal "Subscribe" dialog is still cut for its label).

A hidden element that is not a panel stays hidden; when it is hidden by ``aria-hidden`` or a
class (the renderer then shows it as ``html.hidden``), what its label says it is once shown
(``modal``, ``cookie``, ``nav``) is its rule, so that the long-prose rescue of
:func:`corpus_clean.html_prose.restore_mislabelled`, which puts back "hidden" elements
holding 150+ characters of prose, does not put back a cookie dialog.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk
from corpus_clean.html_posts import holds_user_posts
from corpus_clean.html_queries import html_module

__all__ = ["PanelFinder", "shown_attrs", "HIDING_RULES"]

PANEL_PROSE = 50  # a one-sentence answer; a closed menu or search box holds none
PANEL_ROLES = frozenset(("tabpanel", "region"))
# Attributes that hide an element; a panel is judged without them.
HIDING_ATTRS = frozenset(("hidden", "aria-hidden", "style"))
NOT_PANELS = frozenset(("dialog", "alertdialog"))
# The rules strip_junk gives a hidden element ("invisible": hidden, display:none).
HIDING_RULES = frozenset(("html.invisible", "html.hidden"))
# An element hidden from screen readers that is no panel: shown as cut, never put back for its prose
# (Readability.js drops it as invisible, trafilatura as boilerplate; see judge).
READERS_HIDDEN = ("soft", "html.aria_hidden")
# Controls that open and close a panel, by tag and by role.
CONTROL_TAGS = frozenset(("button", "summary"))
CONTROL_ROLES = frozenset(("button", "tab"))
CONTROL_ATTRS = ("aria-expanded", "data-toggle", "data-bs-toggle")
CONTROL_CHARS = 200  # a question, a tab's or a week's title: a header holding more is content
CONTROL_LEVELS = 3  # a button inside a heading inside a card header
# Elements hidden from everyone (aria-hidden alone makes a panel only as an accordion's answer): by attribute or style
# (what :func:`hides` tests, Lexbor's ``*=`` as case-sensitive as Python's ``in``: "[style]" matched 2.5 times
# as many elements on real pages, each a node object and an attribute dict only to be passed over; panels hidden
# by a class come back through the long-prose rescue or their ARIA links, html_prose.restore_mislabelled)
HIDDEN_SELECTOR = "[hidden],[style*=none],[style*=hidden]"
READERS_HIDDEN_SELECTOR = "[aria-hidden=true]"  # (read in the same walk: see accordion_answer)
# Class tokens that hide ("is-hidden", "hidden", "u-hide"): dropped when the panel is judged as shown.
_HIDING_TOKEN = re.compile(r"hidden|hide", re.IGNORECASE)
FORM_FIELDS = "input,textarea,select"
# An accordion's answers hidden by aria-hidden alone (see accordion_answer): titles before them, how many.
TITLE_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "dt", "a", "button", "summary"))
MIN_ANSWERS = 2
ANSWER_LINK_SHARE = 0.5  # of an answer's text in links: a mega menu's panel holds more
# Panels by tag or role (kept as content, shown or hidden): a <details>, a tab panel, a region.
SHOWN_PANELS = "details,[role=tabpanel],[role=region]"
POSTS_VERDICT = ("hard", "html.comments")  # a panel of users' posts (see html_posts)

Verdict = tuple  # (strength, rule), as corpus_clean.html.attrs_verdict returns it
# The elements PanelFinder reads at once (controls, hidden elements, panels) and the in-page links.
# (a toggle's ``data-target`` is read here too: the toggle is a button, cut before a hidden panel after it is judged)
TOGGLE_SELECTOR = "[data-target],[data-bs-target]"
_MARKED = lexbor_walk.Query("[aria-controls]," + HIDDEN_SELECTOR + "," + SHOWN_PANELS + "," + READERS_HIDDEN_SELECTOR
                            + "," + TOGGLE_SELECTOR)
lexbor_walk.read_first(_MARKED, "body")  # (one walk with the page's other first queries: see lexbor_walk.read_together)
_TARGETING = lexbor_walk.Query("a[href^='#'],[data-target],[data-bs-target]")
_FORM_FIELDS = lexbor_walk.Query(FORM_FIELDS)


class PanelFinder:
    """Tells whether a hidden element of one page is a panel. Made before any cut: the ids the
    page's controls and in-page links name are read at once (the buttons are cut later).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<body><button aria-controls='a1' aria-expanded='false'>Do you ship abroad?</button>"
    ...     "<div id='a1' hidden><p>Yes, to forty countries, within a week, with tracking.</p></div>"
    ...     "<button aria-controls='m'>Menu</button><ul id='m' hidden><li><a href='/'>Home</a></li></ul></body>")
    >>> finder = PanelFinder(t.body)
    >>> finder.is_panel(t.css_first("#a1")), finder.is_panel(t.css_first("#m"))
    (True, False)
    """

    def __init__(self, body: LexborNode):
        # One walk for both: the ids controls name, and the hidden elements a control opens.
        marked = _MARKED.select(body)  # (in C when built: see lexbor_walk.Query)
        self._body = body
        roles: list = []
        answers: list = []  # an accordion's answers hidden by aria-hidden alone (see accordion_answer)
        controlled: set = set()  # (read in after_controls' loop: one attribute dict per element)
        self.after_controls = after_controls(marked, roles, answers, controlled)
        self.controlled = frozenset(controlled)  # (and the ids toggles name in data-target: see after_controls)
        self.readers_answers = frozenset(node.mem_id for node in answers)
        # Panels by tag or role (a <details>, a tab panel) holding users' posts, read before any cut
        # takes their ratings and buttons away: cut as comments (see html_posts)
        self.posts_panels = [node for node in roles if holds_user_posts(node)]
        self._targeted: Optional[frozenset] = None  # read on first need: most pages hide no prose
        self._marked = marked
        self._named_tabs: Optional[dict] = None  # read on first need: see tab_of

    @property
    def targeted(self) -> frozenset:
        """Ids that an in-page link (``href="#id"``) or a toggle's ``data-target`` names."""
        return self.targeted_in()

    def targeted_in(self, cuts: Optional[dict] = None) -> frozenset:
        """:attr:`targeted`, reading the elements already cut too (``cuts``: strip_junk's so far).

        A "Continue reading" link sits in a box labelled ``read-more`` that is cut as furniture
        before the hidden rest of the story it opens is judged; the link still names the rest.
        """
        if self._targeted is None:
            ids = set(_targets(_TARGETING.select(self._body)))
            for node, _, _ in (cuts or {}).values():
                # (a cut box holding one in-page link: "Continue reading" in a ``read-more`` box; a cut tab bar
                # or menu names several panels, which stay as its links left them: hidden, and so does the one
                # a tab bar's item cut on its own names)
                links = [link for link in _TARGETING.select(node) if not _tab_like(link)]
                found = _targets(links)  # (the cut element itself first: select reads the root too)
                if len(found) == 1:
                    ids.update(found)
            self._targeted = frozenset(ids)
        return self._targeted

    def is_panel(self, node: LexborNode, cuts: Optional[dict] = None) -> bool:
        """True when ``node`` is a panel of tabs or an accordion holding prose (``cuts``: see :meth:`targeted_in`)."""
        attrs = node.attributes
        role = attrs.get("role")
        if role in NOT_PANELS or attrs.get("aria-modal") == "true" or node.tag in ("form", "dialog"):
            return False
        if not self._holds_prose(node):
            return False
        if hidden_from_readers_only(attrs):  # a FAQ's answer, a closed tab's panel, or chrome hidden from readers
            return node.mem_id in self.readers_answers or self.tab_panel(node)
        ident = attrs.get("id")
        if role in PANEL_ROLES or attrs.get("aria-labelledby") or ident in self.controlled:
            return True
        if ident and ident in self.targeted_in(cuts):
            return True
        return node.mem_id in self.after_controls

    def tab_panel(self, node: LexborNode) -> bool:
        """True when ``node`` is a ``tabpanel`` that a named tab of the page controls, its text mostly outside links.

        Foundation, jQuery UI and BigCommerce close a tab's panel with ``aria-hidden`` alone (their CSS hides
        it); the tie to its own tab (``role=tab``, ``aria-controls`` naming the panel, a label with a letter)
        tells it from chrome hidden from screen readers. A carousel's slides are ``tabpanel`` s too, but
        their tabs are dots or numbers ("1", "2"); a mega menu's panels are links.

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> text = "<p>Oil on canvas, painted in the artist's last winter at the coast, bought in 1931.</p>"
        >>> t = LexborHTMLParser("<ul role='tablist'><li><a role='tab' aria-controls='d'>Description</a></li>"
        ...     "<li><a role='tab' aria-controls='p'>Provenance</a></li><li><button role='tab' aria-controls='s2'>2"
        ...     f"</button></li></ul><div id='d' role='tabpanel'>{text}</div><div id='p' role='tabpanel' "
        ...     f"aria-hidden='true'>{text}</div><div id='s2' role='tabpanel' aria-hidden='true'>{text}</div>")
        >>> finder = PanelFinder(t.body)
        >>> finder.tab_panel(t.css_first("#p")), finder.tab_panel(t.css_first("#s2"))
        (True, False)
        """
        attrs = node.attributes
        if attrs.get("role") != "tabpanel":
            return False
        if self._named_tabs is None:
            self._named_tabs = {ident: control for control in self._marked if control.attributes.get("role") == "tab"
                                for ident in (control.attributes.get("aria-controls") or "").split()}
        tab = self._named_tabs.get(attrs.get("id"))
        if tab is None:
            return False
        label = tab.text(strip=True)
        return len(label) <= CONTROL_CHARS and any(char.isalpha() for char in label) \
            and _link_share(node) <= ANSWER_LINK_SHARE

    @staticmethod
    def _holds_prose(node: LexborNode) -> bool:
        text_and_link_chars = html_module().text_and_link_chars  # (html.py imports this module: see html_module)

        text, links = text_and_link_chars(node)  # (one walk of the subtree: about the cost of the text's alone)
        if text < PANEL_PROSE or text - links < PANEL_PROSE:
            return False
        return _FORM_FIELDS.first(node) is None

    def judge(self, node: LexborNode, verdict: Verdict, attrs_verdict: Callable[[dict], Optional[Verdict]],
              cuts: Optional[dict] = None) -> Optional[Verdict]:
        """The verdict of a hidden ``node`` (``verdict``'s rule in :data:`HIDING_RULES`): a panel's is
        what its label says once shown (None: content); another element's stays hidden, but one hidden
        by ``aria-hidden`` or a class takes the rule its label names (``modal``: ``html.promo``), and one
        hidden by ``aria-hidden`` alone is :data:`READERS_HIDDEN`. ``cuts`` (strip_junk's so far) holds the
        panel's buttons, where a post's vote control may be (:func:`corpus_clean.html_posts.has_vote`).

        >>> from selectolax.lexbor import LexborHTMLParser
        >>> from corpus_clean.html import attrs_verdict
        >>> t = LexborHTMLParser("<body><button aria-expanded='false'>Can I pay later?</button><div class='answer' hidden><p>"
        ...     "Yes: pick 'invoice' at checkout and pay within thirty days.</p></div><div class='cookie-modal' "
        ...     "aria-hidden='true'><p>We use cookies to measure audiences and to show you relevant offers.</p></div></body>")
        >>> finder = PanelFinder(t.body)
        >>> [finder.judge(n, attrs_verdict(n.attributes), attrs_verdict) for n in t.css("div")]
        [None, ('soft', 'html.promo')]
        """
        if self.is_panel(node, cuts):
            if holds_user_posts(node, cuts):  # a Reviews or Questions tab: users' posts (see html_posts)
                return POSTS_VERDICT
            return attrs_verdict(shown_attrs(node))
        if verdict[1] == "html.hidden":
            shown = attrs_verdict(shown_attrs(node))
            if shown is not None and shown[1] not in HIDING_RULES:
                return shown
            if hidden_from_readers_only(node.attributes):
                return READERS_HIDDEN
        return verdict


def accordion_answer(node: LexborNode) -> bool:
    """True when ``node``, hidden from screen readers alone, is one of an accordion's ``MIN_ANSWERS`` or more
    answers: each right after its own title (:func:`is_title`: a heading, a ``<dt>``, a link or a control),
    the pairs repeated as siblings (``dt``/``dd``, ``h3``/``div``) or each in one of repeated items
    (``div.faq-item`` > ``h3`` + ``div``), and its text mostly outside links (a mega menu's panels are links).
    A ``<details>``'s content after its ``<summary>`` is an answer however many there are.

    ``aria-hidden`` alone hides decorative copies (a pull quote), inactive slides and off-canvas chrome as
    well: one such element, or one not after a title of its own, stays cut (WCXB test's service pages lost
    0.011 when every ``aria-hidden`` panel came back, rounds 8 and 9). A FAQ is the shape that repeats.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> answer = "<p>Yes: pick the invoice at checkout and pay within thirty days of delivery.</p>"
    >>> faq = "".join(f"<div class='item'><h3 role='button'>Question {i}?</h3><div aria-hidden='true'>{answer}</div></div>"
    ...               for i in range(3))
    >>> dl = "".join(f"<dt>Question {i}?</dt><dd aria-hidden='true'>{answer}</dd>" for i in range(2))
    >>> t = LexborHTMLParser(f"<div id='f'>{faq}</div><dl>{dl}</dl><div><p>Menu</p><div id='x' aria-hidden='true'>{answer}</div></div>")
    >>> [accordion_answer(n) for n in t.css("[aria-hidden]")]
    [True, True, True, True, True, False]
    """
    title = previous_element(node)
    if not is_title(title) or _link_share(node) > ANSWER_LINK_SHARE:
        return False
    parent = node.parent
    if parent is None:
        return False
    if parent.tag == "details" and title.tag == "summary":  # the browser's own accordion: one is enough
        return True
    if _answers_in(parent, node.tag, title.tag) >= MIN_ANSWERS:  # dt/dd, h3/div pairs side by side
        return True
    grand = parent.parent
    if grand is None:
        return False
    items = sum(1 for item in _element_children(grand)  # each pair in one of repeated items
                if item.tag == parent.tag and _answers_in(item, node.tag, title.tag))
    return items >= MIN_ANSWERS


def is_title(node: Optional[LexborNode]) -> bool:
    """True for a short element that names the panel after it: a heading, a ``<dt>``, a link, a control, or an
    element holding nothing but one of these (a question in a ``<div>`` around its link).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<h3>Can I return it?</h3><div><a href='#'>Do you ship?</a></div><p>" + "Long. " * 60 + "</p>")
    >>> [is_title(n) for n in (t.css_first("h3"), t.css_first("div"), t.css_first("p"))]
    [True, True, False]
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    if node is None or not 0 < stripped_chars(node) <= CONTROL_CHARS:
        return False
    for _ in range(CONTROL_LEVELS):
        if node is None:
            return False
        if node.tag in TITLE_TAGS or is_control(node):
            return True
        node = only_child(node)
    return False


def _answers_in(parent: LexborNode, tag: str, title_tag: str) -> int:
    """How many children of ``parent`` are ``tag`` elements hidden from readers alone right after a ``title_tag`` title."""
    count = 0
    for child in _element_children(parent):
        if child.tag == tag and hidden_from_readers_only(child.attributes):
            title = previous_element(child)
            count += title is not None and title.tag == title_tag and is_title(title)
    return count


def _element_children(node: LexborNode) -> list:
    return [child for child in node.iter(include_text=False) if child.tag and not child.tag.startswith("-")]


def _link_share(node: LexborNode) -> float:
    text_and_link_chars = html_module().text_and_link_chars  # (html.py imports this module: see html_module)

    total, links = text_and_link_chars(node)  # (one walk of the subtree)
    return links / (total or 1)


def hidden_from_readers_only(attrs: dict) -> bool:
    """True when ``aria-hidden="true"`` is what hides an element (no ``hidden``, no ``display:none``).

    >>> hidden_from_readers_only({"aria-hidden": "true", "class": "slide"}), hidden_from_readers_only({"hidden": ""})
    (True, False)
    """
    return attrs.get("aria-hidden") == "true" and "hidden" not in attrs and "none" not in (attrs.get("style") or "")


def _tab_like(node: LexborNode) -> bool:
    """True for a tab bar's or a menu's link: a tab by role or toggle, or an item of a list."""
    attrs = node.attributes
    parent = node.parent
    return (attrs.get("role") == "tab" or "tab" in (attrs.get("data-toggle"), attrs.get("data-bs-toggle"))
            or (parent is not None and parent.tag == "li"))


def _targets(nodes: list) -> list:
    """The ids that in-page links (``href="#id"``) and toggles (``data-target``) among ``nodes`` name."""
    ids = []
    for node in nodes:
        attrs = node.attributes
        for value in (attrs.get("href"), attrs.get("data-target"), attrs.get("data-bs-target")):
            if value and value.startswith("#") and len(value) > 1:
                ids.append(value[1:])
    return ids


def after_controls(nodes: Iterable[LexborNode], roles: Optional[list] = None, answers: Optional[list] = None,
                   controlled: Optional[set] = None) -> frozenset:
    """``mem_id`` of every hidden element of ``nodes`` holding some text right after the control that opens it:
    its previous element sibling is a button, a ``<summary>``, a toggle (``role=button``/``tab``,
    ``aria-expanded``, ``data-toggle``), or holds nothing but one such control (a heading or a card
    header around its button, :func:`opened_by`). Read before any cut (buttons are cut as UI). A bare
    heading is no control: a paragraph hidden under a heading stays hidden (Readability.js's
    ``hidden-nodes`` test page). Only hidden elements are looked at: most pages have none.
    ``roles``, when given, receives the panels by tag or role among ``nodes`` (``<details>``,
    ``role=tabpanel``/``region``: :func:`corpus_clean.html.attrs_verdict` keeps them as content, shown
    or hidden), read in the same loop; ``answers``, when given, the elements hidden by ``aria-hidden`` alone
    that are an accordion's answers (:func:`accordion_answer`, read before the questions' buttons are cut);
    ``controlled``, when given, the ids that ``aria-controls`` and ``data-target`` attributes of ``nodes`` name.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div><div class='card-header'><button data-toggle='collapse'>Week 1</button></div>"
    ...     "<div id='w1' hidden>" + "Lessons, readings, a quiz. " * 3 + "</div><p>Intro</p>"
    ...     "<div id='other' hidden>" + "Not opened by anything. " * 3 + "</div></div>")
    >>> ids = after_controls(t.body.css(HIDDEN_SELECTOR))
    >>> t.css_first("#w1").mem_id in ids, t.css_first("#other").mem_id in ids
    (True, False)
    >>> d = LexborHTMLParser("<details><summary>Reviews</summary><p>Good.</p></details><div role='tabpanel' hidden>x</div>")
    >>> roles = []; _ = after_controls(d.body.css("details,[role=tabpanel]," + HIDDEN_SELECTOR), roles)
    >>> [n.tag for n in roles]
    ['details', 'div']
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    found: set = set()
    seen: set = set()
    toggles: dict = {}  # parent's mem_id -> the ids its data-target toggles name (see below)
    for node in nodes:
        if node.mem_id in seen:  # (Lexbor returns an element once per selector it matches)
            continue
        seen.add(node.mem_id)
        attrs = node.attributes
        if controlled is not None:
            controlled.update((attrs.get("aria-controls") or "").split())
            # A toggle names its panel in ``data-target="#id"`` (Bootstrap): read before the toggle, a button,
            # is cut, so that a panel after its "Continue reading" button or before it is known alike.
            for value in (attrs.get("data-target"), attrs.get("data-bs-target")):
                if value and value.startswith("#") and len(value) > 1 and node.parent is not None:
                    toggles.setdefault(node.parent.mem_id, []).append(value[1:])
        if roles is not None and (node.tag == "details" or attrs.get("role") in PANEL_ROLES):
            roles.append(node)
        if not hides(attrs):
            if answers is not None and hidden_from_readers_only(attrs) and stripped_chars(node) >= PANEL_PROSE \
                    and accordion_answer(node):
                answers.append(node)
            continue
        # (the sibling before it asked first, a few attributes read: most hidden elements follow no control, and a
        # walk of the element's subtree for its text was the loop's cost, ~1,100 walks over 60 WCXB pages)
        if opened_by(previous_element(node)) and stripped_chars(node) >= PANEL_PROSE:
            found.add(node.mem_id)
    if controlled is not None:
        # (a lone toggle: a row of them is a tab bar, whose panels the other rules judge: a hidden Reviews tab stays)
        controlled.update(ids[0] for ids in toggles.values() if len(ids) == 1)
    return frozenset(found)


def hides(attrs: dict) -> bool:
    """True when ``attrs`` may hide an element from everyone (what :data:`HIDDEN_SELECTOR` matches)."""
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return style is not None and ("none" in style or "hidden" in style)


def opened_by(node: Optional[LexborNode]) -> bool:
    """True when ``node`` is a control, or holds nothing but one (``CONTROL_LEVELS`` deep).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<h3 id='a'> <button>Open</button> </h3><div id='b'><button>Buy</button> now</div>")
    >>> opened_by(t.css_first("#a")), opened_by(t.css_first("#b"))
    (True, False)
    """
    stripped_chars = html_module().stripped_chars  # (html.py imports this module: see html_module)

    for _ in range(CONTROL_LEVELS):
        if node is None:
            return False
        if is_control(node):
            return stripped_chars(node) <= CONTROL_CHARS
        node = only_child(node)
    return False


def only_child(node: LexborNode) -> Optional[LexborNode]:
    """``node``'s one element child when it holds nothing else (no other element, no other text)."""
    child = None
    for item in node.iter(include_text=True):
        if item.tag == "-comment":
            continue
        if item.tag == "-text":
            if (item.text_content or "").strip():
                return None
        elif child is not None:
            return None
        else:
            child = item
    return child


def previous_element(node: LexborNode) -> Optional[LexborNode]:
    """The previous sibling of ``node`` that is an element."""
    prev = node.prev
    while prev is not None and prev.tag in ("-text", "-comment"):
        prev = prev.prev
    return prev


def is_control(node: LexborNode) -> bool:
    """True for an element that opens or closes something: a button, a summary, a toggle."""
    if node.tag in CONTROL_TAGS:
        return True
    attrs = node.attributes
    return attrs.get("role") in CONTROL_ROLES or any(name in attrs for name in CONTROL_ATTRS)


def shown_attrs(node: LexborNode) -> dict:
    """``node``'s attributes without those that hide it: how a panel is judged once shown.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> shown_attrs(LexborHTMLParser("<div class='answer' hidden aria-hidden='true'></div>").css_first("div"))
    {'class': 'answer'}
    >>> shown_attrs(LexborHTMLParser("<div class='faq-answer is-hidden' id='a2'></div>").css_first("div"))
    {'class': 'faq-answer', 'id': 'a2'}
    """
    attrs = {key: value for key, value in node.attributes.items() if key not in HIDING_ATTRS}
    cls = attrs.get("class")
    if cls and _HIDING_TOKEN.search(cls):
        kept = " ".join(token for token in cls.split() if not _HIDING_TOKEN.search(token))
        if kept:
            attrs["class"] = kept
        else:
            del attrs["class"]
    return attrs

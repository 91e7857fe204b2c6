"""Round 19 (htmlq24): the extractor's round-19 steps (the round's unseen
page families: tests/test_html_unseen_families.py)."""
from __future__ import annotations


# --------------------------------------------------------------------------- #
# Readers' comments under a neutral label are not the story (html_comment_section)
# --------------------------------------------------------------------------- #

from hypothesis import given, settings, strategies as st  # noqa: E402

from corpus_clean.html import extract_main_text  # noqa: E402

TEASER = ["The harbour board voted on Tuesday to close the old fish market in March, after two years of talks "
          "with the traders, who will move to a new hall beside the ferry terminal.",
          "The decision, taken by five votes to two, ends a dispute that began when engineers found cracks in the "
          "market's roof beams, and the insurers refused to cover the building any longer."]
COMMENTS = ["About time, the roof has been leaking since I was a child, and nobody did anything until now.",
            "My grandfather sold cod there for forty years; the new hall will never have the same smell or noise.",
            "Who pays for the move? The article does not say, and the traders were promised help in 2022.",
            "The ferry terminal is already crowded on Saturdays, so parking will be a nightmare for the buyers.",
            "Good decision, the old building was a danger to everyone who worked in it or walked past it."]
REPLY = ["Reply", "Antworten", "Rispondi", "Responder", "Reageer"]


def _paywalled(n: int, label: str, when: str, reply: str, wrap: bool) -> str:
    """A paywalled story: two teaser paragraphs, an offer, then ``n`` readers' comments under ``label``."""
    items = "".join(f"<li class='item'><div class='name'>reader{i}</div><time>{when}</time>"
                    f"<p>{COMMENTS[i % len(COMMENTS)]}</p><a href='#'>{reply}</a></li>" for i in range(n))
    story = ("<article><h1>Old fish market to close</h1><div class='text'>" + "".join(f"<p>{t}</p>" for t in TEASER)
             + "</div></article>")
    comments = f"<section id='{label}'><h2>{n} reactions</h2><ul>{items}</ul></section>"
    inner = story + comments
    return ("<html><body><div class='top'><a href='/'>Home</a> <a href='/news'>News</a></div>"
            + (f"<main>{inner}</main>" if wrap else inner) + "<div class='foot'>© Harbour Post</div></body></html>")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=8, max_value=20), label=st.sampled_from(["reactions", "discussion", "talk", "community"]),
       when=st.sampled_from(["3 hours ago", "12 May 2025", "gestern"]), reply=st.sampled_from(REPLY), wrap=st.booleans())
def test_readers_comments_under_a_neutral_label_are_cut_and_recorded(n, label, when, reply, wrap):
    """A paywalled story's teaser is kept; the readers' comments after it, more prose than the teaser, are cut
    as ``html.comments`` whatever their section is called (fails on main: the comment list wins the scoring,
    or the second opinion widens the teaser to the column holding the comments)."""
    result = extract_main_text(_paywalled(n, label, when, reply, wrap))
    for line in TEASER:
        assert line in result.text
    assert not any(comment in result.text for comment in COMMENTS)
    assert any(r.rule == "html.comments" and COMMENTS[0] in r.text for r in result.removed)


def test_a_thread_without_a_story_before_it_keeps_its_posts():
    """Guard (passes on main too): a list of dated, answered posts with no story of two paragraphs before it is
    the page (a guestbook, a forum thread): its posts are kept."""
    items = "".join(f"<div class='entry'><b>reader{i}</b> <time>2 May 2024</time><p>{COMMENTS[i]}</p>"
                    "<a href='#'>Reply</a></div>" for i in range(5))
    page = f"<html><body><h1>Guestbook</h1><p>Sign below.</p><div class='entries'>{items}</div></body></html>"
    text = extract_main_text(page).text
    assert sum(comment in text for comment in COMMENTS) == 5


# --------------------------------------------------------------------------- #
# An accordion's questions: a button that is a heading's text, the first part's title
# --------------------------------------------------------------------------- #

QA = [("Who can apply for the grant?", "Any resident of the district over eighteen can apply, alone or with a "
       "partner, as long as the home is their main residence."),
      ("How much can I receive?", "The grant covers half of the cost of the works, up to four thousand euros, paid "
       "after the installer's invoice has been checked."),
      ("When will the money arrive?", "Payments are made within six weeks of the check, by bank transfer to the "
       "account given in the application form."),
      ("Can I apply twice?", "A second application is possible after five years, or earlier when the first grant "
       "covered less than half of the allowed amount.")]


@settings(max_examples=20, deadline=None)
@given(n=st.integers(min_value=3, max_value=4), tag=st.sampled_from(["h2", "h3", "h4"]), bootstrap=st.booleans())
def test_an_accordions_questions_in_heading_buttons_are_kept(n, tag, bootstrap):
    """WAI-ARIA's accordion writes each question as ``<h3><button aria-expanded>…</button></h3>``: the button is
    the heading's text, kept with its answer, the first question included (fails on main: every question is cut
    as ``html.ui``)."""
    attrs = "class='accordion-button collapsed' data-bs-toggle='collapse'" if bootstrap else "aria-expanded='false'"
    items = "".join(f"<div class='acc-item'><{tag} class='acc-head'><button {attrs} aria-controls='p{i}'>{q}</button></{tag}>"
                    f"<div id='p{i}' class='acc-panel'><p>{a}</p></div></div>" for i, (q, a) in enumerate(QA[:n]))
    page = (f"<html><body><div class='nav'><a href='/'>Home</a></div><div class='guide'><h1>Home insulation grant</h1>"
            f"<div class='faq'>{items}</div></div><div class='foot'>© District council</div></body></html>")
    lines = extract_main_text(page).text.splitlines()
    for q, a in QA[:n]:
        assert q in lines and a in lines
        assert lines.index(q) + 1 == lines.index(a)


def test_a_button_beside_a_headings_own_text_is_still_cut():
    """Guard (passes on main too): a control inside a heading that holds text of its own ("Fees" + "Show all")
    is a control, cut as ``html.ui``."""
    page = ("<html><body><div class='guide'><h2>Fees <button>Show all</button></h2><p>" + "The fee is ten euros. " * 6
            + "</p></div></body></html>")
    result = extract_main_text(page)
    assert "Show all" not in result.text and any(r.rule == "html.ui" and "Show all" in r.text for r in result.removed)

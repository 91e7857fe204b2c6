"""Round 13 of the HTML path: a shop's customer questions that carry only a vote are users' posts.

(corpus_clean.html_posts.asks_and_answers, read by is_user_post; own pages, written for these tests: a product
page whose Questions panel is closed in three idioms, against a help page whose answers ask "Was this helpful?".)
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text
from corpus_clean.html_posts import asks_and_answers

DESCRIPTION = ("A folding drying rack of beech wood and steel wire, twelve metres of line on three wings, that "
               "stands in a bath tub or on a balcony and folds flat to four centimetres behind a door.")
SPECS = "Width 118 cm, height 94 cm, weight 3.4 kg, load up to 18 kg spread over the three wings."
QUESTIONS = [("Can the wings be used one at a time", "Each wing locks on its own, so you can leave the outer ones "
              "folded down while the middle one carries shirts."),
             ("Does the wood stand up to wet clothes every day", "The beech is oiled twice at the factory and the "
              "feet are capped with rubber; wipe it dry now and then and it will last for years."),
             ("Is there a version with a cover for outdoor use", "Not yet; a fitted cover is planned for the spring, "
              "until then the rack should come in when it rains."),
             ("Will it fit a bath tub of 70 cm", "Yes, the feet span 62 cm and the rack sits on the rim with room "
              "to spare on both sides.")]
LABELS = {"en": ("Q:", "A:", "Helpful?"), "de": ("Frage:", "Antwort:", "Hilfreich?"), "nl": ("Vraag:", "Antwoord:", "Nuttig?")}


def question(q: str, a: str, votes: int, lang: str, shape: int) -> str:
    """A customer's question with the shop's answer and a vote: no date, no name, no rating."""
    ask, answer, helpful = LABELS[lang]
    if shape == 0:
        return (f"<div class='qa'><p><strong>{ask}</strong> {q}?</p><p><strong>{answer}</strong> {a}</p>"
                f"<div class='qa-votes'>{helpful} <button>👍 {votes}</button> <button>👎 0</button></div></div>")
    if shape == 1:
        return (f"<li class='question-item'><h4>{q}?</h4><div class='answer'><p>{a}</p></div>"
                f"<span>{votes}</span> <a href='#' class='up'>👍</a> <a href='#' class='down'>👎</a></li>")
    return (f"<div class='row'><div class='col-12'><b>{q}?</b></div><div class='col-12'>{a}</div>"
            f"<div class='col-12'><a href='#v'>{helpful.rstrip('?')} ({votes})</a></div></div>")


def product_page(lang: str, shape: int, idiom: int, n: int) -> str:
    """A product page: description open, specifications and the customers' questions closed in ``idiom``."""
    items = "".join(question(q, a, 3 + i, lang, shape) for i, (q, a) in enumerate(QUESTIONS[:n]))
    wrap = "ul" if shape == 1 else "div"
    panels = [("Description", f"<p>{DESCRIPTION}</p>"), ("Specifications", f"<p>{SPECS}</p>"),
              ("Questions", f"<{wrap} class='questions'>{items}</{wrap}>")]
    if idiom == 0:  # a script's accordion: a button naming its panel, the panel closed by a class
        body = "".join(f"<h2><button aria-controls='c{i}' aria-expanded='{str(i == 0).lower()}'>{label}</button></h2>"
                       f"<div id='c{i}' class='panel{'' if i == 0 else ' is-hidden'}'>{html}</div>"
                       for i, (label, html) in enumerate(panels))
    elif idiom == 1:  # <details>
        body = "".join(f"<details{' open' if i == 0 else ''}><summary>{label}</summary>{html}</details>"
                       for i, (label, html) in enumerate(panels))
    else:  # ARIA tabs, closed panels hidden
        body = ("<div role='tablist'>" + "".join(f"<button role='tab' aria-controls='t{i}'>{label}</button>"
                                                  for i, (label, _) in enumerate(panels)) + "</div>"
                + "".join(f"<div role='tabpanel' id='t{i}'{'' if i == 0 else ' hidden'}>{html}</div>"
                          for i, (_, html) in enumerate(panels)))
    return (f"<html lang='{lang}'><body><header><a href='/'>Shop</a></header><main><h1>Rack Trio</h1>"
            f"<p class='price'>49,90 €</p><button>Add to basket</button>{body}</main>"
            "<footer><p>© 2024 Shop</p></footer></body></html>")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(LABELS)), st.integers(0, 2), st.integers(0, 2), st.integers(2, 4))
def test_voted_customer_questions_are_cut_as_posts(lang, shape, idiom, n):
    """Undated, unsigned customer questions with a vote are users' posts; the product's own text stays."""
    text = extract_main_text(product_page(lang, shape, idiom, n)).text
    assert DESCRIPTION in text and SPECS in text
    assert not any(a in text for _, a in QUESTIONS)


def test_a_help_page_whose_answers_ask_was_this_helpful_keeps_them():
    """Fault injection: an FAQ's answers, each with "Was this helpful? Yes / No" (no count, no thumb), are the page."""
    items = "".join(f"<div class='faq-item'><h3>{q}?</h3><div class='faq-answer'><p>{a}</p><p>Was this answer helpful? "
                    "<button>Yes</button> <button>No</button></p></div></div>" for q, a in QUESTIONS)
    text = extract_main_text(f"<html><body><main><h1>Help</h1><p>{DESCRIPTION}</p>{items}</main></body></html>").text
    assert all(a in text for _, a in QUESTIONS)


def test_an_faq_in_closed_panels_without_votes_stays_content():
    """Questions and answers without any vote are the page's own FAQ, closed or not."""
    items = "".join(f"<details><summary>{q}?</summary><div><p>Q: {q}? A: {a}</p></div></details>" for q, a in QUESTIONS)
    text = extract_main_text(f"<html><body><main><h1>FAQ</h1><p>{DESCRIPTION}</p>{items}</main></body></html>").text
    assert all(a in text for _, a in QUESTIONS)


@given(st.text(min_size=0, max_size=200))
def test_asks_and_answers_needs_an_answer_after_the_question(rest):
    """Property: an item opening with a question is a question-and-answer item exactly when 40+ characters follow
    the question mark, whatever they are; a question alone, or text that opens with a statement, is not."""
    assert asks_and_answers("Q: Does it fold flat? " + rest) == (len(rest) + 1 >= 40)
    assert not asks_and_answers("Does it fold flat?")
    assert not asks_and_answers("It folds flat. Does it? " + rest)

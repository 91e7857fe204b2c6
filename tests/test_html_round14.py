"""Round 14 of the HTML path: readers' posts under a box to write one are cut beside the story.

(corpus_clean.html_guestbook.cut_readers_posts; own pages, written for these tests: a memorial page, a village
guestbook and a small blog with its theme's comment list, in three markups and three languages, the section's
label neutral; against a forum thread whose posts are the page, a page whose form is a search box, and a
business's undated testimonials beside a contact form.)
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.html import extract_main_text

STORY = {
    "en": ["Anna grew up on a farm by the river, the third of six children, and taught music at the village school "
           "for thirty-one years, where two generations of pupils learned to sing in four voices.",
           "After she retired she led the church choir, kept bees behind the old mill and wrote a small book about "
           "the songs the ferrymen used to sing on the crossing, which the library still lends out.",
           "She is survived by her brother Tomas, her children Eva and Jonas, and five grandchildren, who will "
           "scatter her ashes on the hill above the orchard she planted."],
    "de": ["Anna wuchs auf einem Hof am Fluss auf, als drittes von sechs Kindern, und unterrichtete einunddreißig "
           "Jahre lang Musik an der Dorfschule, wo zwei Generationen von Kindern vierstimmig singen lernten.",
           "Im Ruhestand leitete sie den Kirchenchor, hielt Bienen hinter der alten Mühle und schrieb ein kleines "
           "Buch über die Lieder der Fährleute, das die Bücherei noch heute verleiht.",
           "Sie hinterlässt ihren Bruder Tomas, ihre Kinder Eva und Jonas und fünf Enkelkinder, die ihre Asche auf "
           "dem Hügel über dem Obstgarten verstreuen werden, den sie gepflanzt hat."],
    "nl": ["Anna groeide op op een boerderij aan de rivier, als derde van zes kinderen, en gaf eenendertig jaar "
           "muziekles op de dorpsschool, waar twee generaties leerlingen vierstemmig leerden zingen.",
           "Na haar pensioen leidde ze het kerkkoor, hield ze bijen achter de oude molen en schreef ze een boekje "
           "over de liederen van de veerlieden, dat de bibliotheek nog altijd uitleent.",
           "Zij laat haar broer Tomas, haar kinderen Eva en Jonas en vijf kleinkinderen achter, die haar as zullen "
           "uitstrooien op de heuvel boven de boomgaard die zij plantte."],
}
MESSAGES = ["We will always remember her laugh and the songs she taught us in the old schoolhouse; our thoughts "
            "are with the family.",
            "Mrs Berg taught me to read music when I was nine. I still play the piano every Sunday because of her.",
            "Rest in peace, dear Anna. The choir will sing your favourite hymn at the service on Saturday.",
            "Thank you for the honey and the stories. The village will not be the same without you."]
NAMES = ["Peter Holm", "The Varga family", "Lise K.", "Jonas from the choir"]
DATES = ["12 March 2023", "March 14, 2023", "2 days ago", "03/04/2023"]
WRITE = {"en": "Leave a message", "de": "Eine Nachricht hinterlassen", "nl": "Laat een bericht achter"}


def message(i: int, markup: int) -> str:
    """One reader's signed, dated message, in one of three markups; the section's label is neutral."""
    name, date, text = NAMES[i % 4], DATES[i % 4], MESSAGES[i % 4]
    if markup == 0:
        return f"<div class='entry'><cite>{name}</cite><p>{date}</p><p>{text}</p></div>"
    if markup == 1:
        return (f"<li class='item'><div class='meta'><span class='user-name'>{name}</span> · <time>{date}</time></div>"
                f"<div class='text'>{text}</div></li>")
    return f"<article><header><b>{name}</b></header><p>{text}</p><small>Posted by {name} on {date}</small></article>"


def messages_section(n: int, markup: int, lang: str, form_first: bool) -> str:
    """The readers' messages with a box to write one (a ``<textarea>``), before or after them."""
    items = "".join(message(i, markup) for i in range(n))
    items = f"<ul class='list'>{items}</ul>" if markup == 1 else items
    form = (f"<form action='/post' method='post'><p>{WRITE[lang]}</p><input name='name'>"
            "<textarea name='message'></textarea><button>Send</button></form>")
    return f"<section class='wall'><h2>Memories</h2>{form + items if form_first else items + form}</section>"


def memorial_page(lang: str, n: int, markup: int, form_first: bool, paragraphs: int = 3) -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY[lang][:paragraphs])
    return (f"<html lang='{lang}'><body><header><a href='/'>Home</a></header><div class='content'>"
            f"<h1>Anna Berg</h1>{story}{messages_section(n, markup, lang, form_first)}</div>"
            "<footer><p>© 2024 Funeral home</p></footer></body></html>")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(STORY)), st.integers(2, 4), st.integers(0, 2), st.booleans())
def test_readers_messages_under_a_writing_box_are_cut_beside_the_story(lang, n, markup, form_first):
    """Signed, dated messages beside a box to write one are readers' posts: cut, the story kept whole."""
    ex = extract_main_text(memorial_page(lang, n, markup, form_first))
    assert all(p in ex.text for p in STORY[lang])
    assert not any(m[:40] in ex.text for m in MESSAGES)
    assert any(r.rule == "html.comments" and MESSAGES[0][:40] in " ".join(r.text.split()) for r in ex.removed)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(STORY)), st.integers(0, 2))
def test_without_a_writing_box_the_messages_are_left_to_the_other_rules(lang, markup):
    """Fault injection: the same page with its ``<textarea>`` taken out (a search box instead) is not touched
    by this rule: no ``html.comments`` cut of the messages."""
    page = memorial_page(lang, 3, markup, False).replace("<textarea name='message'></textarea>",
                                                         "<input type='search' name='q'>")
    ex = extract_main_text(page)
    assert not any(r.rule == "html.comments" for r in ex.removed)


@settings(max_examples=20, deadline=None)
@given(st.integers(3, 6), st.integers(0, 2))
def test_a_thread_whose_posts_are_the_page_keeps_every_post(n, markup):
    """A forum thread (the posts and a reply box, no story beside them): every post is the content."""
    items = "".join(message(i, markup) for i in range(n))
    items = f"<ul class='list'>{items}</ul>" if markup == 1 else items
    page = (f"<html><body><header><a href='/'>Forum</a></header><div class='thread'><h1>Choir music</h1>{items}"
            "<form><textarea name='reply'></textarea><button>Reply</button></form></div></body></html>")
    ex = extract_main_text(page)
    assert all(m[:40] in ex.text for m in MESSAGES[:min(n, 4)])


def test_undated_testimonials_beside_a_contact_form_stay():
    """A business's testimonials are signed but undated (no user's post: see html_posts): a contact form
    with a ``<textarea>`` beside them does not make them readers' posts."""
    quotes = "".join(f"<div class='quote'><p>{m}</p><cite>{n}</cite></div>" for m, n in zip(MESSAGES, NAMES))
    page = (f"<html><body><main><h1>Piano lessons</h1>{''.join(f'<p>{p}</p>' for p in STORY['en'])}"
            f"<section class='reviews'>{quotes}<form><textarea></textarea><button>Ask us</button></form></section>"
            "</main></body></html>")
    ex = extract_main_text(page)
    assert all(m[:40] in ex.text for m in MESSAGES)


def test_a_short_story_beside_many_messages_keeps_them():
    """When the story is a line beside the messages (under MIN_OWN_SHARE of the block), the messages are the
    page (a guestbook page with a greeting): nothing is cut by this rule."""
    page = memorial_page("en", 4, 0, True, paragraphs=0).replace(
        "<h1>Anna Berg</h1>", "<h1>Anna Berg</h1><p>Thank you for visiting our guestbook.</p>")
    ex = extract_main_text(page)
    assert all(m[:40] in ex.text for m in MESSAGES)


FILMS = [("Harbour Lights", "1952", "A ferryman lives the night of the storm again and again until he turns back."),
         ("The Second Morning", "1978", "A teacher wakes on the same Monday and tries to keep a pupil off the ice."),
         ("Loop Street", "1994", "Two couriers relive one afternoon of deliveries across a city that never changes."),
         ("Tomorrow, Again", "2009", "A surgeon repeats the day of a failed operation and learns the cause of it."),
         ("Tide Clock", "2016", "A fisherman's village relives its last day before the dam floods the valley.")]
INTRO = ("This list of films built on a time loop names the films in which the characters live the same stretch of "
         "time again and again, with a short synopsis of each, ordered by the year of release.")


@settings(max_examples=20, deadline=None)
@given(st.integers(12, 30), st.booleans(), st.booleans())
def test_a_list_page_keeps_its_introduction_beside_the_winning_table(rows, head_row, menu):
    """A long table of films with a caption wins (its rows score as paragraphs, its ``<tbody>`` best); the
    list's introduction is the table's sibling, not the ``<tbody>``'s (whose only sibling is the caption):
    it is kept, and a menu of links beside it is not."""
    films = [FILMS[i % len(FILMS)] for i in range(rows)]
    body = "".join(f"<tr><td><i>{t} {i}</i></td><td>{y}</td><td>{s}</td></tr>" for i, (t, y, s) in enumerate(films))
    head = "<tr><th>Title</th><th>Year</th><th>Synopsis</th></tr>" if head_row else ""
    table = f"<table class='wikitable'><caption>Films</caption><tbody>{head}{body}</tbody></table>"
    links = "".join(f"<li><a href='/w/{i}'>Time travel list {i}</a></li>" for i in range(6))
    page = (f"<html><body><div class='content'><h1>List of films</h1><p>{INTRO}</p>{table}"
            f"{'<ul>' + links + '</ul>' if menu else ''}</div></body></html>")
    ex = extract_main_text(page)
    assert INTRO in ex.text
    assert all(s in ex.text for _, _, s in films)
    assert "Time travel list" not in ex.text

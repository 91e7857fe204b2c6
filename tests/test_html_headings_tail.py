"""Headings left at the end of the article with their section cut (corpus_clean.html_headings_tail)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_headings_tail
from corpus_clean.html import LexborHTMLParser, extract_main_text

STORY = [
    "The library will open on Sundays from March, the council decided on Monday night, after a petition "
    "signed by two thousand readers and a trial over the winter that brought in more visitors than expected.",
    "Volunteers from the reading club will staff the front desk in the mornings, and the council will pay "
    "for a librarian in the afternoons, when the children's room is busiest and the computers are in demand.",
    "The trial cost less than planned because the heating was already on for the exhibition upstairs, and "
    "the council expects the same next year, though the budget will be reviewed in the autumn as usual.",
]
# (titles no furniture label names: "Related articles" is cut as html.furniture already)
TAIL_TITLES = ["Bilder des Treffens", "Mehr Kolumnen auf MeinMMO:", "Weitere Artikel", "Die Karte zum Abspeichern:",
               "Más noticias", "Pictures of the meeting", "Entdecken Sie jetzt"]


def page(title: str, tag: str = "h2", cut_block: str = "links") -> str:
    """A story whose last section (a heading over teaser links, or over a share bar) the extractor cuts."""
    if cut_block == "links":
        block = "<ul>" + "".join(f"<li><a href='/s/{i}'>Another story about the library, part {i}</a></li>"
                                 for i in range(5)) + "</ul>"
    else:
        block = "<div class='share-bar'><a href='/fb'>Facebook</a> <a href='/x'>X</a></div>"
    return ("<html><body><nav><a href='/'>Home</a></nav><div class='story'><h2>Library to open on Sundays</h2>"
            + "".join(f"<p>{p}</p>" for p in STORY) + f"<{tag}>{title}</{tag}>{block}</div></body></html>")


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(TAIL_TITLES), st.sampled_from(["h2", "h3", "h4", "h6"]), st.sampled_from(["links", "share"]))
def test_a_heading_left_at_the_end_is_cut_and_recorded(title, tag, cut_block):
    ex = extract_main_text(page(title, tag, cut_block))
    assert STORY[2] in ex.text and title not in ex.text
    assert "Library to open on Sundays" in ex.text  # a heading with its section is kept
    assert any(r.text.strip() == title and r.rule == html_headings_tail.RULE for r in ex.removed)
    assert all(ex.visible_text[r.start:r.end] == r.text for r in ex.removed)


def test_a_heading_over_kept_text_stays():
    """Fault injection: the same heading over a paragraph (its section kept) is not cut."""
    html = page("Pictures of the meeting").replace("<ul>", "<p>" + STORY[0] + "</p><ul>", 1)
    assert "Pictures of the meeting" in extract_main_text(html).text


def test_a_closing_sentence_set_as_a_heading_stays():
    """A pull quote or a closing line in a heading's style ends with a full stop: prose, kept."""
    line = "Relotius legt ein Profil an. Es stützt seine Version."
    assert line in extract_main_text(page(line, "h3")).text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A heading", "Body text.", "Another", "x"]),
                          st.sampled_from(["keep", "html.links", "html.nav"])), max_size=12),
       st.sets(st.sampled_from(["A heading", "Another", "x"])))
def test_only_the_last_kept_line_can_change_and_only_when_one_heading(lines, headings):
    body = LexborHTMLParser("<body>" + "".join(f"<h3>{h}</h3>" for h in sorted(headings)) + "</body>").body
    out = html_headings_tail.cut_orphan_headings(lines, body)
    assert [text for text, _ in out] == [text for text, _ in lines]
    changed = [i for i, (a, b) in enumerate(zip(lines, out)) if a != b]
    kept = [i for i, (_, verdict) in enumerate(lines) if verdict == "keep"]
    assert len(changed) <= 1
    for i in changed:
        assert i == kept[-1] and lines[i][0] in headings and out[i][1] == html_headings_tail.RULE
        assert lines[kept[-2]][0] not in headings  # a run of headings is left whole

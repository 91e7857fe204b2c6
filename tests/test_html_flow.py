"""Text as a browser lays it out: source line breaks are spaces, formulas are content (corpus_clean.html_flow)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean import html_flow
from corpus_clean.document import Document
from corpus_clean.html import extract_main_text
from corpus_clean.pipeline import clean_documents

from tests.test_html import BODY, page


def clean_html(html: str) -> Document:
    doc = Document(id="t", source="test", raw_text="", raw_sha256="", html=html)
    clean_documents([doc])
    return doc


def wrap_at(text: str, cuts: list[int], indent: str = "    ") -> str:
    """``text`` as a pretty-printer writes it: a newline and an indent before some of its words."""
    words = text.split(" ")
    return " ".join(f"\n{indent}{w}" if i in cuts else w for i, w in enumerate(words))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 12), max_size=6, unique=True), st.sampled_from(["", "  ", "\t\t"]))
def test_a_paragraph_wrapped_in_the_source_is_one_line_as_in_a_browser(cuts, indent):
    """Wherever the source wraps a paragraph, the extracted text is the unwrapped paragraph on one line."""
    wrapped = "".join(f"<p>{wrap_at(p, cuts, indent)}</p>" for p in BODY)
    got = extract_main_text(page(f"<article>{wrapped}</article>"))
    assert got.text.splitlines() == list(BODY)


def test_a_line_break_between_two_elements_still_ends_a_line():
    """Only breaks inside a text node are spaces: a credit set on its own source line stays a line of its own."""
    caption = "<p>Pupils queue for the reopened library on Monday morning.\n<span class='credit'>Jo Bloggs/Agency</span></p>"
    got = extract_main_text(page(f"<article><p>{BODY[0]}</p>{caption}<p>{BODY[1]}</p></article>"))
    lines = got.text.splitlines()
    assert "Pupils queue for the reopened library on Monday morning." in lines and "Jo Bloggs/Agency" in lines


def test_a_preformatted_block_keeps_its_line_breaks():
    code = "for row in rows:\n    total += row.price\nprint(total)"
    got = extract_main_text(page(f"<article><p>{BODY[0]}</p><pre><b>{code}</b></pre><p>{BODY[1]}</p></article>"))
    assert "for row in rows:\ntotal += row.price\nprint(total)" in got.text


def test_fragments_of_a_wrapped_sentence_are_not_judged_as_lines_of_their_own():
    """Fault injection: "X" and "2" alone on a line read as a share button and a like count; in the sentence they are words."""
    sentence = wrap_at("Our reporter asked the council on X whether the 2 bridges will reopen before the winter.",
                       [5, 6, 8, 9])
    doc = clean_html(page(f"<article><p>{BODY[0]}</p><p>{sentence}</p><p>{BODY[1]}</p></article>"))
    assert "Our reporter asked the council on X whether the 2 bridges will reopen before the winter." in doc.text


MATHML = ("<math><mi>\n  a\n</mi><msup><mi>\n  x\n</mi><mn>\n  2\n</mn></msup><mo>\n  +\n</mo>"
          "<mi>\n  c\n</mi><mo>\n  =\n</mo><mn>\n  0\n</mn></math>")


def formula(display: bool) -> str:
    """A formula the way MathJax 3 writes it: a container whose class says a context menu is attached."""
    return (f'<mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"'
            f'{" display=true" if display else ""}><mjx-assistive-mml>{MATHML}</mjx-assistive-mml></mjx-container>')


def test_a_displayed_formula_is_kept_whatever_its_class_says_and_a_menu_is_still_cut():
    article = (f"<p>{BODY[0]}</p><p>The equation</p>\n{formula(True)}\n<p>{BODY[1]}</p>"
               f"<span class='dropdown-menu'>Home Sport Weather</span><p>{BODY[2]}</p>")
    got = extract_main_text(page(f"<article>{article}</article>"))
    assert "a x 2 + c = 0" in got.text
    assert "Home Sport Weather" not in got.text
    # every cut is still recorded, at its offset in the visible text
    assert any(r.text.startswith("Home Sport Weather") and r.rule == "html.nav" for r in got.removed)
    assert all(got.visible_text[r.start:r.end] == r.text for r in got.removed)


def test_an_inline_formula_keeps_its_tokens_through_the_rule_packs():
    doc = clean_html(page(f"<article><p>{BODY[0]}</p><p>When\n{formula(False)}\n, there are two solutions, "
                          f"and both are real when the discriminant is positive.</p><p>{BODY[1]}</p></article>"))
    lines = doc.text.splitlines()
    assert "a x 2 + c = 0" in lines  # one run of the formula's tokens, "x" and "2" among them
    assert "When" in lines and any(line.startswith(", there are two solutions") for line in lines)
    assert all(doc.repaired_text[r.start:r.end] == r.text for r in doc.removed)


@settings(max_examples=25, deadline=None)
@given(st.text(st.sampled_from("ab \n\t<"), max_size=30), st.booleans())
def test_as_laid_out_turns_only_inner_line_breaks_into_spaces_and_never_in_a_pre(text, in_pre):
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser("<p>x</p><pre>y</pre>")
    node = tree.css_first("pre" if in_pre else "p").child
    out = html_flow.as_laid_out(text, node)
    assert len(out) == len(text)
    if in_pre:
        assert out == text
    else:  # the same text, its edges untouched, no line break between its first and last word
        body = text.strip()
        assert out.strip() == body.replace("\n", " ") and out.replace("\n", " ") == text.replace("\n", " ")

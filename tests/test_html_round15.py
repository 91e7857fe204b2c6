"""Round 15 (htmlq20): the new unseen page families, and the extractor's round-15 steps."""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings, strategies as st

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from html_pages import UNSEEN_LANGS, generate, make_page, naive_text  # noqa: E402  (the benchmark's page generator)
from html_pages_round15 import ROUND15_FAMILIES  # noqa: E402


@pytest.mark.parametrize("family", sorted(ROUND15_FAMILIES))
@pytest.mark.parametrize("lang", sorted(set(UNSEEN_LANGS)))
def test_round15_pages_have_gold_from_the_page_and_furniture_beside_it(family, lang):
    assert_gold_is_page_text_beside_furniture(family, lang)


def assert_gold_is_page_text_beside_furniture(family: str, lang: str) -> None:
    """Every gold line is text of its page, and the page holds lines the gold leaves out (its furniture)."""
    for seed in (0.11, 0.52, 0.93):
        page, gold = make_page(family, lang, seed)
        shown_lines = naive_text(page).splitlines()
        shown = "".join("".join(shown_lines).split())
        gold_lines = gold.splitlines()
        assert gold_lines and all("".join(line.split()) in shown for line in gold_lines)
        flat_gold = "".join(gold.split())
        assert sum("".join(line.split()) not in flat_gold for line in shown_lines) >= 5


def assert_sets_fixed_by_their_seeds(round_flag: str, families, held_out_seed: int, dev_seed: int) -> None:
    """``extraction.py``'s two sets of one round's unseen families (held out: 100 pages,
    dev: 50) are the same pages on every run, each family a fifth of them, and no page is
    in both. ``round_flag`` is the round's switch of ``generate`` ("round17")."""
    def pages(n: int, seed: int) -> list[dict]:
        return generate(n, seed=seed, **{round_flag: True})

    for n, seed in ((100, held_out_seed), (50, dev_seed)):
        first, second = pages(n, seed), pages(n, seed)
        assert [r["html"] for r in first] == [r["html"] for r in second]
        assert all(sum(r["family"] == f for r in first) == n // 5 for f in families)
    held_out, dev = pages(100, held_out_seed), pages(50, dev_seed)
    assert not {r["html"] for r in held_out} & {r["html"] for r in dev}


def test_round15_set_is_fixed_by_its_seed():
    """``extraction.py``'s round-15 set is the same 100 pages on every run (seed 73), 20 per family."""
    first, second = generate(100, seed=73, round15=True), generate(100, seed=73, round15=True)
    assert [r["html"] for r in first] == [r["html"] for r in second]
    assert {r["family"] for r in first} == set(ROUND15_FAMILIES)
    assert all(sum(r["family"] == f for r in first) == 20 for f in ROUND15_FAMILIES)


# --------------------------------------------------------------------------- #
# A reference list that closes the article is kept (corpus_clean.html_references)
# --------------------------------------------------------------------------- #

from corpus_clean.html import extract_main_text  # noqa: E402
from corpus_clean.html_references import MAX_GAP_CHARS, RULE, keep_closing_references, reads_as_citations  # noqa: E402

STORY = ["The harbour board met on Monday to weigh the cost of dredging the northern channel, which silted up "
         "again after the spring storms, and heard from engineers, pilots and two fishing cooperatives.",
         "Engineers said the channel loses about a metre of depth a year, and that the dredger hired in 2019 "
         "could not reach the narrow section by the old ferry ramp without a second, smaller vessel.",
         "The board agreed to ask the regional government for a loan, and to publish the survey data on its "
         "website before the next meeting, so that residents can comment on the options in writing."]
CITATIONS = ["Okafor, L. (2019). Silt in small harbours. Journal of Harbour Studies, 12(3), 45–67.",
             "Vermeer, P.; Souza, A. (2021). “Dredging costs revisited”. Tide Review. Retrieved 3 May 2022.",
             "Regional survey of navigable channels, 2020 edition, pp. 12–19."]


def _wiki_page(references_markup: str, between: str = "") -> str:
    paras = "".join(f"<p>{text}</p>" for text in STORY)
    return (f"<html><body><div id='nav'><a href='/'>Home</a></div><div id='content' class='mw-body'><h1>Harbour</h1>"
            f"<div class='mw-parser-output'>{paras}{between}{references_markup}</div></div>"
            "<div id='footer'>Text is available under a licence. Privacy policy.</div></body></html>")


REFERENCE_MARKUPS = {
    "mediawiki": "<h2><span class='mw-headline' id='References'>References</span></h2><div class='reflist'>"
                 "<ol class='references'>" + "".join(f"<li><span class='reference-text'><a href='#a'>{c}</a></span></li>"
                                                     for c in CITATIONS) + "</ol></div>",
    "section": "<section class='references'><h2>Sources</h2><ul>" + "".join(f"<li>{c} <a href='https://doi.example/1'>doi</a></li>"
                                                                           for c in CITATIONS) + "</ul></section>",
    "sphinx": "<div class='section' id='references'><h2>References</h2>" + "".join(f"<p>{c}</p>" for c in CITATIONS) + "</div>",
}


@pytest.mark.parametrize("markup", sorted(REFERENCE_MARKUPS))
def test_a_reference_list_after_the_story_is_kept(markup):
    """Wiki, section and Sphinx reference lists right after the story are its text; the site's chrome is not."""
    ex = extract_main_text(_wiki_page(REFERENCE_MARKUPS[markup]))
    for line in STORY + CITATIONS:
        assert line in ex.text
    assert "Privacy policy" not in ex.text and "Home" not in ex.text.split("\n")


def test_backlinked_references_the_marker_rule_cuts_leave_no_heading_behind():
    """"^ ..." lines are cut by the packs' marker rule after extraction: the extractor leaves them cut, and their heading."""
    wiki = ("<h2><span class='mw-headline' id='References'>References</span></h2><div class='reflist'><ol class='references'>"
            + "".join(f"<li><a href='#r'>^</a> <span class='reference-text'>{c}</span></li>" for c in CITATIONS) + "</ol></div>")
    ex = extract_main_text(_wiki_page(wiki))
    assert ex.text.splitlines()[-1] == STORY[-1]
    assert not any(c in ex.text for c in CITATIONS)


def test_a_see_also_list_between_story_and_references_does_not_part_them():
    """Wikipedia's order: story, "See also" links (cut), then the references (kept)."""
    see_also = "<h2>See also</h2><ul>" + "".join(f"<li><a href='/w/{i}'>Harbour topic {i}</a></li>" for i in range(5)) + "</ul>"
    ex = extract_main_text(_wiki_page(REFERENCE_MARKUPS["mediawiki"], between=see_also))
    assert all(c in ex.text for c in CITATIONS)


def test_a_reference_widget_far_from_the_story_keeps_its_cut():
    """A list labelled references after a long cut block (a comment thread) is not the story's."""
    comments = "<div class='comments'>" + "".join(
        f"<div class='comment'><p>Reader {i} wrote a long reply about the ferry timetable and parking fees near the ramp.</p></div>"
        for i in range(12)) + "</div>"
    ex = extract_main_text(_wiki_page(REFERENCE_MARKUPS["section"], between=comments))
    assert all(line in ex.text for line in STORY)
    assert not any(c in ex.text for c in CITATIONS)
    assert any(r.rule == RULE and CITATIONS[0] in r.text for r in ex.removed)


def _runs(lines):
    """(start, end) of each run of consecutive reference lines."""
    runs, i = [], 0
    while i < len(lines):
        if lines[i][1] == RULE:
            end = i
            while end < len(lines) and lines[end][1] == RULE:
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs


def _gap_before(lines, start):
    """Cut characters between the last kept line before ``start`` and it (None: no kept line before)."""
    gap = 0
    for line, verdict in reversed(lines[:start]):
        if verdict == "keep":
            return gap
        gap += len(line)
    return None


def _gap_after(lines, end):
    """Cut characters between ``end`` and the next kept line (None: no kept line after)."""
    gap = 0
    for line, verdict in lines[end:]:
        if verdict == "keep":
            return gap
        gap += len(line)
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["keep", RULE, "html.nav", "html.links", "html.footer", "html.not_main"]),
                          st.integers(0, 500), st.sampled_from(["", " (2019)", " https://doi.example/7", " 12 pages"])),
                max_size=30))
def test_reference_runs_are_kept_whole_near_kept_text_and_only_as_citations(drawn):
    """Fault injection over random line sequences: only reference lines change, only to kept; a run changes whole;
    a kept run reads as citations and follows kept text within MAX_GAP_CHARS of cut text; a kept run of short lines
    alone (a heading) is followed by kept text; a run that stays cut is far from kept text, or not citations, or a
    heading with no kept text after it."""
    lines = [(f"line {i} " + "x" * n + mark, verdict) for i, (verdict, n, mark) in enumerate(drawn)]
    out = keep_closing_references(lines)
    assert [line for line, _ in out] == [line for line, _ in lines]
    assert all(after == before or (before, after) == (RULE, "keep") for (_, before), (_, after) in zip(lines, out))
    for start, end in _runs(lines):
        verdicts = {verdict for _, verdict in out[start:end]}
        assert len(verdicts) == 1
        run = [line for line, _ in lines[start:end]]
        near = _gap_before(out, start) is not None and _gap_before(out, start) <= MAX_GAP_CHARS
        heading = all(len(line) < 20 for line in run)
        followed = _gap_after(out, end) is not None and _gap_after(out, end) <= MAX_GAP_CHARS
        if verdicts == {"keep"}:
            assert near and reads_as_citations(run) and (followed or not heading)
        else:
            assert not near or not reads_as_citations(run) or (heading and not followed)


def test_lines_a_later_step_cuts_keep_their_cut_and_their_heading_too():
    """With the marker rule's "^" lines cut later, the list's other lines are kept and a heading over only such lines is not."""
    cut_later = (lambda line: line.startswith("^"))
    lines = [("The story.", "keep"), ("References", RULE), ("^ Smith (2001). Harbour studies.", RULE)]
    assert [v for _, v in keep_closing_references(lines, cut_later=cut_later)] == ["keep", RULE, RULE]
    mixed = lines + [("Jones, A. (2003). Tides and trade, pp. 4-9.", RULE)]
    assert [v for _, v in keep_closing_references(mixed, cut_later=cut_later)] == ["keep", "keep", RULE, "keep"]


def test_a_list_labelled_references_without_citations_keeps_its_cut():
    """"Related articles that link to this one" under a references label: titles, no year nor address."""
    titles = "".join(f"<li><a href='/a/{i}'>Managing the harbour archive, part {word}</a></li>"
                     for i, word in enumerate(["one", "two", "three", "four"]))
    ex = extract_main_text(_wiki_page(f"<div class='references'><p>Related articles that link to this one:</p><ul>{titles}</ul></div>"))
    assert all(line in ex.text for line in STORY)
    assert "Managing the harbour archive" not in ex.text

"""Engine behaviour: offsets, provenance, byte-identical clean documents, layout."""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate import join_broken_words, strip_boilerplate
from corpus_clean.document import Removal

PROSE = [
    "The council voted on Tuesday to close the old bridge for two years of repairs, citing cracks found during an inspection.",
    "Drivers will be sent along the coast road while the work goes on, the mayor said at a briefing on Wednesday.",
    "Engineers found that two of the main cables had corroded faster than expected after a series of winter storms.",
    "The harbour trust, which owns the bridge, said it would pay for a third of the repairs from its reserve fund.",
    "Local shops on the coast road expect more customers during the works, according to the chamber of commerce.",
]
ARTICLE = "\n\n".join(PROSE) + "\n"

NOISY = (
    "Harbour Town Votes to Close Old Bridge\n"
    "\n"
    "By Jane Roe and Tom Okafor\n"
    "March 4, 2024, 9:15 AM\n"
    "\n"
    + PROSE[0] + "\n\n"
    + PROSE[1] + "\n\n"
    "The old bridge at dusk on Saturday.\n"
    "AFP via Getty Images\n"
    "\n"
    + PROSE[2] + "\n\n"
    "ADVERTISEMENT\n"
    "\n"
    + PROSE[3] + "\n\n"
    + PROSE[4] + "\n\n"
    "Sam Patel contributed to this report.\n"
    "\n"
    "Related Topics\n"
    "\n"
    "Sponsored Content by Taboola\n"
    "\n"
    "\u00a0\n"
    "Facebook Facebook Facebook\n"
    "© 2024 Harbour Media Group. All rights reserved."
)


def check_spans(text: str, removals: list[Removal], clean: str) -> None:
    pos = 0
    pieces = []
    for r in removals:
        assert text[r.start:r.end] == r.text
        assert r.start >= pos, "spans sorted and non-overlapping"
        assert r.end > r.start
        pieces.append(text[pos:r.start])
        pos = r.end
    pieces.append(text[pos:])
    assert "".join(pieces) == clean


def test_clean_document_comes_back_identical():
    clean, removals = strip_boilerplate(ARTICLE)
    assert removals == []
    assert clean is ARTICLE


def test_clean_document_without_blank_lines_is_identical():
    text = "\n".join(PROSE)
    clean, removals = strip_boilerplate(text)
    assert removals == [] and clean == text


def test_empty_and_blank_input():
    assert strip_boilerplate("") == ("", [])
    assert strip_boilerplate("\n\n") == ("\n\n", [])


def test_noisy_document_offsets_provenance_and_layout():
    clean, removals = strip_boilerplate(NOISY)
    check_spans(NOISY, removals, clean)
    assert clean == ARTICLE.rstrip("\n")
    rules = {r.rule for r in removals}
    for expected in ["news.headline", "news.byline", "news.dateline", "news.caption", "news.photo_credit",
                     "ads.advertisement", "news.contributed", "structure.related_topics",
                     "ads.sponsored_block", "social.share_bar", "footer.copyright"]:
        assert expected in rules, expected
    # Tidying blank lines is not a cut of its own: no whitespace-only span, no "layout".
    assert "layout" not in rules
    assert all(r.text.strip() for r in removals)
    first = {}
    for r in removals:
        first.setdefault(r.rule, r.text.strip())
    assert first["news.headline"] == "Harbour Town Votes to Close Old Bridge"
    assert first["news.byline"] == "By Jane Roe and Tom Okafor"
    assert first["news.dateline"] == "March 4, 2024, 9:15 AM"


def test_no_blank_runs_left_behind():
    clean, _ = strip_boilerplate(NOISY)
    assert "\n\n\n" not in clean
    assert not clean.startswith("\n") and not clean.endswith("\n\n")


def test_final_newline_kept_as_in_input():
    text = PROSE[0] + "\n" + PROSE[1] + "\nShare this article\n"
    clean, removals = strip_boilerplate(text)
    check_spans(text, removals, clean)
    assert clean == PROSE[0] + "\n" + PROSE[1] + "\n"
    clean2, removals2 = strip_boilerplate(text.rstrip("\n"))
    check_spans(text.rstrip("\n"), removals2, clean2)
    assert clean2 == PROSE[0] + "\n" + PROSE[1]


def test_crlf_lines():
    text = "Menu\r\n" + PROSE[0] + "\r\n" + PROSE[1] + "\r\n"
    clean, removals = strip_boilerplate(text)
    check_spans(text, removals, clean)
    assert clean == PROSE[0] + "\r\n" + PROSE[1] + "\r\n"


def test_repeated_lines_and_whole_body_twice():
    body = "\n".join(PROSE)
    text = body + "\n" + body + "\n"
    clean, removals = strip_boilerplate(text)
    check_spans(text, removals, clean)
    assert clean == body + "\n"
    assert {r.rule for r in removals} <= {"repeat.block", "repeat.line"}


def test_repeated_headline_in_history_row():
    text = ("Bridge Closure Approved by Council\n" + "\n".join(PROSE) + "\n"
            "Bridge Closure Approved by Council harbourfan 4 Mar 2024 10:12 AM\n")
    clean, removals = strip_boilerplate(text, use_classifier=False)
    assert clean == "\n".join(PROSE) + "\n"


def test_marked_comment_section_cut_to_end():
    text = "\n".join(PROSE) + "\nReader comments\nGreat piece, thanks!\nI disagree with the mayor.\n"
    clean, removals = strip_boilerplate(text)
    assert clean == "\n".join(PROSE) + "\n"
    assert removals[0].rule == "comments.marked_section"


def test_comments_word_early_in_document_only_removes_that_line():
    text = "Comments\n" + "\n".join(PROSE) + "\n"
    clean, removals = strip_boilerplate(text, use_classifier=False)
    assert clean == "\n".join(PROSE) + "\n"


def test_unmarked_trailing_comment_in_different_voice():
    text = "\n\n".join(PROSE) + "\n\nWhat a joke! I have lived here forty years and you people NEVER fix anything, my taxes wasted.\n"
    clean, removals = strip_boilerplate(text)
    assert clean == "\n\n".join(PROSE) + "\n"
    assert "comments.unmarked_trailing" in {r.rule for r in removals}


def test_article_quotes_in_first_person_are_not_comments():
    quoted = "“I have never seen cables this bad, and I have worked on bridges for thirty years,” the engineer said."
    text = "\n".join(PROSE + [quoted]) + "\n"
    clean, removals = strip_boilerplate(text)
    assert quoted in clean


def test_join_broken_words():
    text = "After a long night of talks, the two towns agreed they must el\n\niminate the toll on the old coast road."
    fixed, n = join_broken_words(text)
    assert n == 1 and "they must eliminate the toll" in fixed
    # A normal paragraph break, or a sentence end, is left alone.
    ok = "Officials said both sides agreed on a plan that could come\n\nand go within a year."
    assert join_broken_words(ok) == (ok, 0)
    ok2 = "Officials said both sides agreed on the need to act.\n\nincome rose."
    assert join_broken_words(ok2) == (ok2, 0)
    assert join_broken_words("no newline here") == ("no newline here", 0)


WIKI_TAIL = (
    "Bridge Closure Approved by Council\n\n"
    + "\n\n".join(PROSE) + "\n\n"
    "References:\n\n\u00a0\n\n"
    "Talk:Bridge Closure Approved by Council\n\n"
    "Members can use this wall page to leave a message for you, and you will get an alert.\n\n"
    "User Page Content\n\n"
    "The account Harbourfan has no user page under this title yet.\n"
    "The account Harbourfan has no user page under this title yet.\n\n"
    "Title User Name Date\n"
    "Bridge Closure Approved by Council harbourfan 4 Mar 2024 10:12 AM\n\n"
    "© 2024 Harbour Wiki Foundation. All rights reserved.\n\n"
    "Facebook Facebook Facebook Facebook\n"
)


def test_wiki_talk_page_tail_is_cut_with_known_rule_names():
    from corpus_clean.boilerplate.rules import load_rules

    clean, removals = strip_boilerplate(WIKI_TAIL)
    check_spans(WIKI_TAIL, removals, clean)
    assert clean == "\n\n".join(PROSE) + "\n"
    known = {r.id for r in load_rules().rules} | {"classifier", "news.caption"}
    assert {r.rule for r in removals} <= known
    # The apparatus from "References:" down goes as one wiki section.
    assert {"wiki.talk_header", "wiki.references_section"} & {r.rule for r in removals}


def test_single_line_and_unicode_inputs_do_not_crash():
    for text in ["Menu", "İstanbul’da köprü kapandı.\nMenu\n", "\u200bMenu\n" + PROSE[0], "a\r\nb\r\n", "\x00\n\n"]:
        clean, removals = strip_boilerplate(text)
        check_spans(text, removals, clean)


def test_a_rule_that_may_not_act_on_a_line_does_not_hide_the_next_rule_that_matches_it():
    """"Reuters" alone on a line is first an agency byline (head only); mid-article it
    is still a photo credit, the next rule that matches it."""
    from corpus_clean.boilerplate.rules import load_rules

    rules = load_rules()
    first = rules.group_to_rule[rules.first_match("Reuters", 0, 7, "Reuters", 1, in_head=True)]
    assert (first.id, first.where) == ("agency.byline", "head")

    text = "\n\n".join(PROSE[:3] + ["Reuters"] + PROSE[3:]) + "\n"
    clean, removals = strip_boilerplate(text, use_classifier=False)
    assert [(r.rule, r.text.strip()) for r in removals] == [("news.photo_credit", "Reuters")]
    assert clean == ARTICLE


@pytest.mark.parametrize("agency", ["Reuters", "AP", "Bloomberg"])
def test_a_name_and_one_agency_after_one_pipe_is_a_byline_not_a_photo_credit(agency):
    """"Jane Roe | Reuters" under the lede is the writer's byline: the lede above it stays (a photo
    credit would take it along as its caption); with two pipes it is a photo credit, caption and all."""
    lede = "Westport's council backs the harbour plan after a six-hour debate."
    body = PROSE[:3]
    text = "\n".join(["Harbour plan approved after long night of talks", lede, f"Jane Roe | {agency}"] + body) + "\n"
    clean, removals = strip_boilerplate(text)
    assert lede in clean.split("\n")
    assert "news.photo_credit" not in {r.rule for r in removals}
    text = "\n\n".join(PROSE[:3] + [f"Traders at the harbour market on Saturday.\nJane Roe | {agency} | Getty Images"] + PROSE[3:]) + "\n"
    clean, removals = strip_boilerplate(text)
    assert {r.rule for r in removals} >= {"news.photo_credit"} and "Traders at the harbour" not in clean

"""Round 15 (issue 11): a date rule's cut between two kept lines inside the story comes back
(a podcast's chapter times, an answer that is a date, a schedule's rows); a dateline at the
story's head, a teaser's or a comment's date stay cut. Pages written for this test."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate.story_body import give_back_story_body_lines
from tests.test_story_inserts import marks_after

LEAD = "This week we talk to the clerk of a small town that built its own network."


def _after(lines, cut):
    return marks_after(give_back_story_body_lines, lines, cut)


def test_chapter_times_between_kept_chapters_come_back():
    lines = [LEAD, "Show notes:", "00:00 Introductions", "04:12 Why the providers said no", "19:40 The loan",
             "35:05 What it costs today", "Produced by Lena Ortiz."]
    got = _after(lines, {2: "dates.date_line", 4: "dates.date_line"})
    assert got == [None] * 7


def test_an_answer_that_is_a_date_comes_back():
    # Venetian-style Q&A, invented: the answer is a date alone on its line
    lines = ["Marco el voga in laguna da trentaun ani e l'ano passà el ga vinto la regata.",
             "Quando xe la prossima regata?", "4 setembre 2027.", "E ghe sarà anca to fio?",
             "Sì, el voga con mi."]
    assert _after(lines, {2: "news.dateline"}) == [None] * 5


def test_a_run_of_schedule_rows_between_kept_lines_comes_back():
    lines = [LEAD, "Opening hours:", "Monday to Friday 8:00-20:00", "Saturday and Sunday 9:00-22:00",
             "The café has twelve seats inside and eight outside."]
    assert _after(lines, {2: "dates.date_line", 3: "dates.date_line"}) == [None] * 5


def test_a_dateline_under_a_kept_headline_stays_cut():
    # nothing of the story above it: the page's head
    lines = ["Writer Ilse Marten dies at 87", "04.12.2026",
             "The writer Ilse Marten has died in Lübeck at the age of 87, her publisher said."]
    assert _after(lines, {1: "outlets.dateline"})[1] == "outlets.dateline"


def test_a_date_next_to_a_cut_line_stays_cut():
    # a comment's date: the comment's name above it was cut
    lines = [LEAD, "The network reached its 2,000th home in October.", "Bepi", "30/11/2026",
             "Great initiative, see you next year!"]
    got = _after(lines, {2: "comments.widget", 3: "dates.date_line", 4: "comments.unmarked_trailing"})
    assert got[3] == "dates.date_line"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["12 March 2016", "23:38", "04.12.2026", "Dec 2, 2026"]),
                min_size=1, max_size=4),
       st.sampled_from(["nav.ui_word", "comments.widget", "social.share_bar"]))
def test_dates_with_a_cut_line_on_either_side_never_come_back(dates, other):
    """Whatever the dates, a run of date cuts touching a line another rule cut stays cut."""
    lines = [LEAD, "Share", *dates, "The network reached its 2,000th home in October."]
    cut = {1: other, **{2 + k: "dates.date_line" for k in range(len(dates))}}
    got = _after(lines, cut)
    assert got[2:2 + len(dates)] == ["dates.date_line"] * len(dates)


def test_an_updated_stamp_between_two_paragraphs_stays_cut():
    lines = [LEAD, "Updated 3 Dec 2026 at 14:10",
             "The network reached its two thousandth home in October, the clerk said on Monday."]
    assert _after(lines, {1: "dates.date_line"})[1] == "dates.date_line"


# -- a list of facts or a schedule at the story's end, cut as menu items or date lines ----

def test_facts_cut_as_a_menu_under_an_announcement_come_back_the_share_bar_stays():
    # Alemannic, invented: the run of short lines ran on into the share bar and the teasers
    lines = ["Nach zwei Johr Bauziit isch am Samschtig s neu Hallebad ufgange.", "S wichtigschte i Zahle:",
             "Becke: 25 Meter", "Bahne: 6", "Iitritt: 7 Franke", "Teile", "Meh us de Region"]
    cut = {1: "classifier", **{k: "nav.menu_run" for k in range(2, 7)}}
    assert _after(lines, cut) == [None] * 5 + ["nav.menu_run"] * 2


def test_schedule_rows_cut_as_dates_under_a_cjk_announcement_come_back():
    # Wu, invented: "opening hours:" then two rows; the share button after them stays cut
    lines = ["老西门一条弄堂里向，礼拜六开出来一爿咖啡馆。", "营业辰光：", "礼拜一到礼拜五 8:00–20:00", "礼拜六、礼拜日 9:00–22:00",
             "分享到微信"]
    cut = {1: "classifier", 2: "dates.date_line", 3: "dates.date_line", 4: "classifier"}
    assert _after(lines, cut) == [None, None, None, None, "classifier"]


def test_schedule_fields_right_under_the_story_come_back():
    lines = ["Igwa nin bagong iskedyul an mga jeep sa siyudad poon Lunes.",
             "Lunes–Biyernes: 5:00 AM – 9:00 PM", "Sabado: 6:00 AM – 8:00 PM", "Domingo: mayo", "I-share"]
    cut = {1: "dates.date_line", 2: "dates.date_line", 3: "classifier", 4: "social.share_bar"}
    assert _after(lines, cut) == [None, None, None, None, "social.share_bar"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Follow us on:", "Find us here:", "Síguenos en:", "Teile den Artikel:"]),
       st.lists(st.sampled_from(["Facebook", "Instagram", "WhatsApp", "Sport", "Wetter", "Kontakt"]),
                min_size=2, max_size=6))
def test_a_menu_of_words_under_a_label_never_comes_back(label, items):
    """A menu's items are words: cut as a menu run under a short label, none comes back."""
    lines = ["The network reached its two thousandth home in October, the clerk said.", label, *items]
    cut = {1: "classifier", **{2 + k: "nav.menu_run" for k in range(len(items))}}
    assert _after(lines, cut)[2:] == ["nav.menu_run"] * len(items)


def test_a_dateline_under_the_standfirst_and_a_long_id_number_stay_cut():
    lines = ["Two killed in helicopter crash", "The military says two service members died when their helicopter "
             "came down on Wednesday morning.", "20 Nov 2019 08:00 GMT", "Rescue teams", "reached the site by noon."]
    assert _after(lines, {0: "news.headline", 2: "news.dateline"})[2] == "news.dateline"
    lines = [LEAD, "Show notes:", "191119052250266", "04:12 Why the providers said no"]
    assert _after(lines, {2: "outlets.count_only"})[2] == "outlets.count_only"
    # a table's cell is a short number: it comes back
    lines = [LEAD, "Closing prices:", "225.86", "-12.99", "The index fell for a third day."]
    assert _after(lines, {2: "outlets.count_only", 3: "outlets.dateline"})[2:4] == [None, None]


def test_a_photo_sentence_in_a_brief_about_a_photo_prize_comes_back_a_credit_does_not():
    lines = ["A girl from Spanish Town won the national photo prize on Friday.",
             "Her photo shows her grandmother selling fish at the market.",
             "Photo: the winning picture was picked from over two thousand entries.",
             "She will buy a new camera with the prize money."]
    assert _after(lines, {2: "news.photo_caption"})[2] is None
    lines[2] = "Photo: Jan Vos."
    assert _after(lines, {2: "news.photo_caption"})[2] == "news.photo_caption"

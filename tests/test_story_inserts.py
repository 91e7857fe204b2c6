"""A caption or a teaser headline on its own line inside the story is cut; subheadings,
list items and wrapped paragraphs are not. Pages written for this test."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_inserts import CAPTION_RULE, RULE, mark_captions_over_credits, mark_story_inserts

PARAGRAPHS = [
    "The county board voted on Monday to buy the old quarry and turn its land into a nature reserve.",
    "The quarry closed in 2014, and its deepest pit has since filled with groundwater from the hills.",
    "Under the plan, the county will pay the owner two million dollars, most of it from a state grant.",
    "Work on the trails is expected to begin in the spring, the county's parks director said on Monday.",
    "The two members who voted against the plan said part of the site should have been kept for housing.",
]


def marks_after(step, lines: list[str], removed: dict[int, str] | None = None) -> list:
    """Each line's mark after `step` ran on the page `lines` whose lines `removed` (line ->
    rule) were cut before it (the page's trailing empty line left out)."""
    ctx = Context("\n".join(lines) + "\n")
    for i, rule in (removed or {}).items():
        ctx.marks.rule[i] = rule
    step(ctx)
    return ctx.marks.rule[:len(lines)]


def _marks(lines: list[str], removed: dict[int, str] | None = None) -> list:
    return marks_after(mark_story_inserts, lines, removed)


def test_a_caption_between_paragraphs_is_cut():
    lines = [PARAGRAPHS[0], "A heron stands at the edge of the flooded pit on a winter morning", PARAGRAPHS[1]]
    assert _marks(lines) == [None, RULE, None]


def test_a_teaser_under_an_ad_label_is_cut():
    lines = [PARAGRAPHS[0], "Advertisement", "Council leaders warn of 'cliff edge' in children's services funding",
             PARAGRAPHS[1]]
    assert _marks(lines, {1: "outlets.ad_label"}) == [None, "outlets.ad_label", RULE, None]


def test_a_caption_above_the_first_paragraph_is_cut():
    lines = ["Quarry to become nature reserve", "The flooded pit of the former quarry, seen from the east rim",
             PARAGRAPHS[0], PARAGRAPHS[1]]
    assert _marks(lines, {0: "news.headline"}) == ["news.headline", RULE, None, None]


def test_captions_in_other_scripts():
    ja = ["京都市交通局は、観光地を結ぶ急行バスを来年4月から1日あたり40便増やすと発表した。", "清水寺周辺で混雑する市バスの様子",
          "市バスは観光客で混雑し、地元の住民が乗れない状態が続いていた。新たな急行便は京都駅と清水寺を結ぶ。"]
    assert _marks(ja) == [None, RULE, None]
    hi = ["जयपुर में बुधवार से पहली इलेक्ट्रिक बस सेवा शुरू हो गई। पहले चरण में शहर के चार मार्गों पर बसें चलेंगी।",
          "बस स्टैंड पर खड़ी नई इलेक्ट्रिक बसें और उनके पास खड़े यात्री",
          "परिवहन मंत्री ने बताया कि अगले साल तक बसों की संख्या बढ़ाकर दो सौ की जाएगी।"]
    assert _marks(hi) == [None, RULE, None]


def test_scripts_without_sentence_marks_are_left_alone():
    # (a Thai paragraph ends in no mark: the shape says nothing there)
    th = ["กรุงเทพมหานครเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยา พื้นที่กว่า 20 ไร่ ให้ประชาชนเข้าใช้บริการได้ตั้งแต่วันนี้ เป็นต้นไป",
          "สวนแห่งนี้มีทางเดิน ทางจักรยาน และลานกิจกรรมสำหรับเด็ก เปิดให้บริการทุกวันตั้งแต่ 05.00 ถึง 21.00 น."]
    assert _marks(th) == [None, None]


def test_subheadings_list_items_and_open_lines_stay():
    for middle in ["What happens next", "Ingredients", "3. Instead of reaching for a snack, make a plate of fruit",
                   "Here is what the council decided on the three main questions:",
                   "Why did the council change its mind?"]:
        assert _marks([PARAGRAPHS[0], middle, PARAGRAPHS[1]]) == [None, None, None], middle


def test_a_line_not_between_paragraphs_stays():
    # (a run of headline-like lines is a list, left to the rule packs and the classifier)
    lines = [PARAGRAPHS[0], "Storm warning as heavy rain heads for the west coast tonight",
             "The best winter walks within an hour of a train station"]
    assert _marks(lines) == [None, None, None]


def test_a_wrapped_paragraph_is_not_an_insert():
    # (hard-wrapped text: the line that ends no sentence goes on in the next one)
    lines = [PARAGRAPHS[0], "The quarry closed in 2014, and its deepest pit has since filled with",
             "groundwater that now draws herons, kingfishers and swimmers who climb the fences."]
    assert _marks(lines) == [None, None, None]
    lines = ["", PARAGRAPHS[0], "", "The quarry closed in 2014, and its deepest pit has since filled with",
             "Groundwater Authority records show the level rose by three metres in a single winter.", ""]
    assert _marks(lines) == [None] * 6


def test_in_paragraph_separated_text_a_caption_stands_between_blank_lines():
    lines = [PARAGRAPHS[0], "", "A heron stands at the edge of the flooded pit on a winter morning", "", PARAGRAPHS[1]]
    assert _marks(lines) == [None, None, RULE, None, None]


def test_the_whole_engine_cuts_the_caption_and_keeps_the_story():
    page = ["Home", "News", "Sport", "Quarry to become nature reserve", "By Owen Tranter", "Share",
            PARAGRAPHS[0], PARAGRAPHS[1], "A heron stands at the edge of the flooded pit on a winter morning",
            PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[4], "Most read", "Storm warning as heavy rain heads west",
            "© 2026 The Valley Ledger. All rights reserved."]
    clean, removals = strip_boilerplate("\n".join(page) + "\n")
    assert any(r.rule == RULE and "heron" in r.text for r in removals)
    for paragraph in PARAGRAPHS:
        assert paragraph in clean


SHORT_HEADINGS = st.lists(st.sampled_from(["What", "happens", "next", "The", "plan", "Costs", "and", "timing",
                                           "Who", "pays"]), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PARAGRAPHS), SHORT_HEADINGS), min_size=3, max_size=12),
       st.booleans())
def test_no_paragraph_or_short_heading_is_ever_cut(lines, blank_separated):
    """Over generated stories of paragraphs and subheadings of up to 6 words (the insert
    threshold is 8; a LONE open line of 7+ words between sentences is the lone-caption
    step's: tests/test_captions_round15.py), in flattened and paragraph-separated text, the
    step cuts nothing."""
    if blank_separated:
        lines = [x for line in lines for x in (line, "")]
    assert set(_marks(lines)) == {None}


def _caption_marks(lines: list[str], removed: dict[int, str]) -> list:
    return marks_after(mark_captions_over_credits, lines, removed)


def test_a_caption_over_a_removed_credit_inside_the_story_is_cut():
    lines = [PARAGRAPHS[0], "Ein umgestürzter Baum blockiert eine Straße in Cuxhaven.", "Bild: dpa | Lena Brockmann",
             PARAGRAPHS[1]]
    assert _caption_marks(lines, {2: "outlets.credit_line"}) == [None, CAPTION_RULE, "outlets.credit_line", None]
    # above the story's first paragraph (headline and share bar cut above it)
    lines = ["Quarry to become nature reserve", "The flooded pit of the former quarry, seen from the east rim.",
             "Credit... Nadia Keller for The Valley Ledger", PARAGRAPHS[0], PARAGRAPHS[1]]
    assert _caption_marks(lines, {0: "news.headline", 2: "outlets.credit_line"})[1] == CAPTION_RULE


def test_a_story_sentence_over_a_credit_that_closes_the_page_stays():
    lines = [PARAGRAPHS[0], "“I just guessed left,” the goalkeeper said. “Sometimes you get lucky.”", "PA"]
    assert _caption_marks(lines, {2: "news.photo_credit"})[1] is None
    # a credit rule's line under a kept short heading: not inside the story
    lines = [PARAGRAPHS[0], "Photos", "A heron at the edge of the flooded pit.", "Photo: Jane Roe", PARAGRAPHS[1]]
    assert _caption_marks(lines, {3: "outlets.credit_line"})[2] is None
    # paragraph-separated text: the credit rule took its caption already
    lines = [PARAGRAPHS[0], "", "A heron at the edge of the flooded pit.", "Photo: Jane Roe", "", PARAGRAPHS[1]]
    assert _caption_marks(lines, {3: "outlets.credit_line"})[2] is None


def test_a_caption_closing_with_a_bracketed_credit_is_cut_in_many_scripts():
    from corpus_clean.boilerplate.story_inserts import CREDIT_TAIL_RULE

    for caption in ("Il cantiere del ponte in una foto dello scorso agosto (Ansa)",
                    "Άποψη του χώρου από ψηλά, από το βουνό. (Φωτογραφία: ΑΠΕ-ΜΠΕ)",
                    "Workers take down the old sign from the roof of the town hall in 1989. (AP Photo/Jane Roe)"):
        assert _marks([PARAGRAPHS[0], caption, PARAGRAPHS[1]])[1] == CREDIT_TAIL_RULE, caption
    # at the story's end, above a short last paragraph or nothing kept
    assert _marks([PARAGRAPHS[0], "Il cantiere del ponte in una foto dello scorso agosto (Ansa)", "Apre domani."])[1] == CREDIT_TAIL_RULE
    assert _marks([PARAGRAPHS[0], "Il cantiere del ponte in una foto dello scorso agosto (Ansa)", "Tags: ponte"],
                  {2: "news.tags"})[1] == CREDIT_TAIL_RULE


def test_lines_closing_with_brackets_that_are_not_credits_stay():
    for line in ("Integrating the Healthcare Enterprise (IHE)",  # a heading and its acronym
                 "Yes, and I would do it all again tomorrow if they asked me (laughs)",  # an aside
                 "The council will publish the full report on its website next week (in French).",  # a sentence
                 "The final vote is expected before the summer recess, officials said (2026)"):
        assert _marks([PARAGRAPHS[0], line, PARAGRAPHS[1]])[1] is None, line
    # a credit-closed line right under a heading, not a paragraph: not where a caption stands
    assert _marks(["What happens next", "The flooded pit of the old quarry, seen from the rim (Photo: N. Keller)",
                   PARAGRAPHS[1]])[1] is None


def test_a_caption_whose_agency_slash_name_credit_follows_its_sentence_is_cut():
    from corpus_clean.boilerplate.story_inserts import CREDIT_TAIL_RULE

    caption = "Visitors look at prize-winning pictures at the National Museum in Lagos. Newsline/Chidi Eze"
    assert _marks([PARAGRAPHS[0], caption, "The prize carries a year-long fellowship."])[1] == CREDIT_TAIL_RULE
    # a sentence that only mentions a slash, or ends without a credit, stays
    for line in ("Both parties said the deal was fair. Talks on an either/or basis failed",
                 "Fans cheered the team at the national stadium in Lagos. Newsline Chidi Eze"):
        assert _marks([PARAGRAPHS[0], line, PARAGRAPHS[1]])[1] != CREDIT_TAIL_RULE, line

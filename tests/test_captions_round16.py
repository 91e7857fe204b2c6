"""Round 16 (issue 11): short captions (3-6 words) with no credit between a brief's sentences
or above a list's announcement, the model's per-line score kept for such steps, and dates
in words no calendar list knows above the story. Pages and lines written for these tests
(invented places and people). Every test here fails on round 15's code (main before news16)."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate, strip_boilerplate_many
from corpus_clean.boilerplate.dates import is_bare_date_line, is_date_line
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_inserts import (LONE_CAPTION_RULE, LONE_CAPTION_SHORT_MIN_P, LineShape,
                                                    mark_lone_captions)

SENTENCES = [
    "The puppet theatre reopened on Saturday after two years of repairs.",
    "The hall now seats two hundred people instead of a hundred and twenty.",
    "Tickets cost three hundred roubles for adults and half that for children.",
    "The director said the theatre would tour the region in the spring.",
]
SHORT_CAPTION = "The theatre hall after the repairs"  # 6 words, shares "theatre" and "repairs"


def _marks(lines: list[str], proba: list[float] | None) -> list:
    """The marks after ``mark_lone_captions`` on `lines`, the model's scores `proba`
    given per line as ``mark_by_classifier_many`` leaves them on the context."""
    ctx = Context("\n".join(lines) + "\n")
    if proba is not None:
        ctx.line_proba = np.array(proba + [np.nan])
    mark_lone_captions(ctx, LineShape(ctx.stats))
    return ctx.marks.rule[:len(lines)]


def test_a_short_caption_the_model_leans_to_and_naming_the_story_is_cut():
    lines = [SENTENCES[0], SENTENCES[1], SHORT_CAPTION, SENTENCES[2]]
    assert _marks(lines, [0.1, 0.1, 0.5, 0.1]) == [None, None, LONE_CAPTION_RULE, None]


def test_a_short_caption_stays_without_the_model_s_lean_or_a_shared_word():
    lines = [SENTENCES[0], SENTENCES[1], SHORT_CAPTION, SENTENCES[2]]
    assert _marks(lines, [0.1, 0.1, LONE_CAPTION_SHORT_MIN_P - 0.05, 0.1])[2] is None
    assert _marks(lines, None)[2] is None  # (a page the model did not read)
    subheading = "What happens next week"  # names nothing of the story around it
    assert _marks([SENTENCES[0], subheading, SENTENCES[2]], [0.1, 0.9, 0.1])[1] is None


def test_a_caption_above_a_list_s_announcement_is_cut():
    # Zeelandic-like and Russian, invented: the caption sits between the lead and the list
    zea = ["Nae drie weken in de werf is de veerboot klaer om weer over de Schelde te vaeren.",
           "De veerboot in de 'aven van Vlissienge bie laegwaeter",  # 9 words: no score needed
           "Vaertijen vanaf maendag:", "Vlissienge 06.45 – Breskens 07.10"]
    assert _marks(zea, None)[1] == LONE_CAPTION_RULE
    ru = [SENTENCES[0], SENTENCES[1], "Зал театра после ремонта", "Афиша на декабрь:", "12 декабря — «Морозко»"]
    ru[0] = "Театр кукол снова принимает зрителей после двух лет ремонта."
    assert _marks(ru, [0.1, 0.1, 0.5, 0.3, 0.3])[2] == LONE_CAPTION_RULE


def test_a_heading_over_a_one_word_label_stays():
    lines = [SENTENCES[0], "The theatre season in the old town", "Programme:", "Friday"]
    assert _marks(lines, [0.1, 0.2, 0.3, 0.3])[1] is None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=4),
       st.sampled_from(["Why it matters", "What happens next", "Looking ahead", "A long campaign"]),
       st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=1, max_value=3))
def test_a_subheading_naming_nothing_of_the_story_is_never_cut(sentences, heading, p, at):
    """Whatever the model's score and its place, a short heading that shares no word with
    the sentences around it stays (the shared word is what a caption of the story has)."""
    at = min(at, len(sentences) - 1)
    lines = sentences[:at] + [heading] + sentences[at:]
    proba = [0.1] * len(lines)
    proba[at] = p
    assert _marks(lines, proba)[at] is None


def test_the_model_s_scores_are_kept_on_each_context():
    from corpus_clean.boilerplate.classifier import classifier_applies, line_proba, load_model, mark_by_classifier_many

    page = "\n".join(["Home", "News", "Sport", "Contact"] + SENTENCES * 3 + ["Share", "© 2026 Valmora Courier"])
    ctx = Context(page)
    assert classifier_applies(ctx)
    mark_by_classifier_many([ctx], load_model())
    proba = line_proba(ctx)
    assert proba.shape == (ctx.lines.n_lines,) and np.all((proba >= 0) & (proba <= 1))
    assert proba[0] > proba[4]  # (a menu word scores above a sentence of the story)


# -- dates in words no calendar knows ------------------------------------------------------

BARE_DATES = ["Samdi 5 désanm 2026", "1 Disimbir 2026", "Ọfiọñ 12, 5, 2026", "2. децембра 2026",
              "Dia tshisambombo, 5 ngondo 12 2026", "23 ܒܬܫܪܝܢ ܐܚܪܝ 2026"]
NOT_BARE_DATES = ["Keti Koti 2026", "Naci: Coria, 1928", "Ten villages were flooded on 5 May 2026.",
                  "Population 2026: 45 000", "Route 66 reopens in 2026", "12 / 5 / 2026 / 7"]


def test_bare_dates_in_words_no_calendar_knows():
    assert [t for t in BARE_DATES if not is_bare_date_line(t)] == []
    assert [t for t in BARE_DATES if is_date_line(t)] == []  # (CLDR knows none of these months)
    assert [t for t in NOT_BARE_DATES if is_bare_date_line(t)] == []


def test_a_bare_date_under_the_headline_goes_and_the_same_line_in_the_story_stays():
    page = ["Premyé touloulou sòti adan lari Kayèn", "Samdi 5 désanm 2026",
            "Premyé touloulou sòti samdi swè adan lari Kayèn, anlo moun té asou chimen-an pou gadé yé.",
            "Kannaval-a ka koumansé, é gwoup-ya ka prépawé yé kostim dipi plizyè mwa.",
            "Dimanch 10 janvyé 2027",
            "Gran parad-a ké pasé asou plas Grenoble é adan tout lari sant-vil-a."]
    (text, removals), = strip_boilerplate_many(["\n".join(page) + "\n"], use_classifier=False)
    assert [r.text.strip() for r in removals if r.rule == "dates.date_line"] == [page[1]]
    assert page[4] in text  # (inside the story, below a paragraph: a date of the story)


def test_the_whole_text_path_on_a_brief_with_a_short_caption():
    page = "\n".join([
        "Главная", "Город", "Афиша", "Спорт",
        "В Вологде открыли кукольный театр после ремонта",
        "Анна Смирнова",
        "Театр кукол «Теремок» снова принимает зрителей после двух лет ремонта.",
        "В зале театра теперь двести мест вместо ста двадцати.",
        "Зал театра после ремонта",
        "Афиша театра на декабрь:",
        "12 декабря — «Морозко»",
        "19 декабря — «Снежная королева»",
        "Билеты стоят от 300 рублей.",
        "Поделиться",
        "© 2026 Вологодский вестник",
    ]) + "\n"
    cleaned, removed = strip_boilerplate(page)
    assert "Зал театра после ремонта" not in cleaned
    for kept in ("снова принимает", "двести мест", "Афиша театра на декабрь:", "«Морозко»", "от 300 рублей"):
        assert kept in cleaned, kept


# -- a caption with its "Label: Name" credit under the story's list -----------------------

def test_a_credited_caption_under_a_list_of_the_story_is_cut():
    from corpus_clean.boilerplate.story_inserts import CREDIT_TAIL_RULE, mark_story_inserts

    # Emilian-like, invented: the fair's figures, then a caption with its credit in a word
    # no list knows ("Fotografî"), then the story goes on
    lines = ["La fîra l'é cminzè vendrè a sîra con la banda in piàza Grànda.", "I nómmer dla fîra:",
             "Bancarèl: 212", "Vulontèri: 80",
             "I tortlén fât a man dal sgnòuri dla parôchia. Fotografî: Ròby Gualdi",
             "L'an ch'vin la fîra la srà pió lónga ed un dè."]
    ctx = Context("\n".join(lines) + "\n")
    mark_story_inserts(ctx)
    assert ctx.marks.rule[:6] == [None, None, None, None, CREDIT_TAIL_RULE, None]
    # (above the story's next line a credit-like field that is no caption stays: no sentence before it)
    ctx = Context("\n".join(lines[:4] + ["Presidèint: Ròby Gualdi", lines[5]]) + "\n")
    mark_story_inserts(ctx)
    assert ctx.marks.rule[4] is None


# -- a comment box opened by its count heading, in any language -----------------------------

STORY_LINES = [
    "The new bridge over the river opened on Saturday after two years of works.",
    "The mayor said the old bridge would be taken down in the spring next year.",
    "Drivers will save about ten minutes on the way to the hospital, the council said.",
]


def _tail_marks(lines: list[str]) -> list:
    from corpus_clean.boilerplate.story_tail import mark_comment_boxes

    ctx = Context("\n".join(lines) + "\n")
    mark_comment_boxes(ctx)
    return ctx.marks.rule[:len(lines)]


def test_a_comment_box_under_the_story_goes_to_the_page_s_end():
    from corpus_clean.boilerplate.story_tail import COMMENTS_RULE

    for heading in ("Okwu (4)", "网友评论（2）", "Фикерләр (2)", "Mga komento (5)", "نظرونه (۳)"):
        lines = STORY_LINES + [heading, "Obi:", "A dị m ezigbo obi ụtọ maka akwa mmiri ọhụrụ a!", "Zaghachi"]
        assert _tail_marks(lines) == [None] * 3 + [COMMENTS_RULE] * 4, heading


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Haaland (2)", "Camping (3)", "Mwiinga (1)", "Sport (12)"]), min_size=2, max_size=4),
       st.integers(min_value=0, max_value=3))
def test_a_series_of_count_lines_is_never_a_comment_box(series, at):
    """Lines of the same shape next to each other (a list of scorers, a sidebar's
    categories) are a list, wherever they stand: nothing is cut."""
    lines = STORY_LINES[:at] + series + STORY_LINES[at:]
    assert set(_tail_marks(lines)) == {None}


def test_a_count_heading_above_most_of_the_story_stays():
    lines = [STORY_LINES[0], "Goleadores (2)"] + STORY_LINES[1:] + STORY_LINES
    assert set(_tail_marks(lines)) == {None}


def test_the_whole_text_path_cuts_a_comment_box_in_a_language_no_pack_knows():
    page = "\n".join(["首页", "新闻", "社区", "南京老城南一条百年老街修缮完工",
                      "南京老城南的钓鱼台老街修缮工程近日完工，街面恢复了青石板路。",
                      "修缮期间，二十多户老住户暂时搬离，现在已经陆续回迁。", "街道办表示，老街不会变成商业街。",
                      "网友评论（2）", "金陵小王：", "小时候就住在这条街上，终于修好了！", "回复", "秦淮老李：", "希望别再拆了。", "回复",
                      "版权所有 © 2026 金陵晚报"]) + "\n"
    cleaned, removed = strip_boilerplate(page)
    assert "终于修好了" not in cleaned and "网友评论" not in cleaned
    assert "青石板路" in cleaned and "不会变成商业街" in cleaned


def test_a_blog_s_comment_box_heading_quoting_the_post_s_title_opens_the_box():
    from corpus_clean.boilerplate.story_tail import COMMENTS_RULE

    title = "Ultimo raccolto nel frutteto del nonno"
    lines = [title] + STORY_LINES + [f"2 risposte a «{title}»", "Pina dice:", "Che bella storia, grazie!", "Rispondi"]
    assert _tail_marks(lines) == [None] * 4 + [COMMENTS_RULE] * 4
    # (a quoted title the page's head does not hold: a story's own line, kept)
    other = STORY_LINES + ["3 lettori hanno scritto «Il ponte nuovo è una buona notizia»", STORY_LINES[0]]
    assert set(_tail_marks([title] + other)) == {None}


def test_the_post_s_tag_line_under_its_last_sentence_goes_and_a_fact_line_in_the_story_stays():
    from corpus_clean.boilerplate.story_tail import TAGS_RULE, mark_tag_line

    lines = STORY_LINES + ["Archivado en: huerto, Teruel, familia"]
    ctx = Context("\n".join(lines) + "\n")
    mark_tag_line(ctx)
    assert ctx.marks.rule[:4] == [None, None, None, TAGS_RULE]
    # (the story goes on below a list of its own: kept)
    lines = STORY_LINES[:2] + ["Ingredientes: harina, azúcar, huevos"] + STORY_LINES[2:]
    ctx = Context("\n".join(lines) + "\n")
    mark_tag_line(ctx)
    assert set(ctx.marks.rule) == {None}


# -- the "about us" box the footer names ---------------------------------------------------

def test_an_about_box_named_by_the_footer_goes_and_the_story_s_own_mention_stays():
    from corpus_clean.boilerplate.author_bio import ABOUT_RULE, mark_author_bio

    story = ["La feira de l gado juntou este sábado mais de trezientas reses an Malhadas, cula ajuda de to l Praino.",
             "La próssima feira ye an abril an Sendin, dixo l persidente de l'associaçon als pastores."]
    about = ["L'Associaçon de Pastores de Miranda fui fundada an 1994 i ten mais de cien sócios.",
             "Ajuda ls pastores a bender l gado i a guardar las raças de la tierra."]
    ctx = Context("\n".join(story + about + ["© 2026 Associaçon de Pastores de Miranda"]) + "\n")
    ctx.marks.rule[4] = "footer.copyright"
    mark_author_bio(ctx)
    assert ctx.marks.rule[:5] == [None, None, ABOUT_RULE, ABOUT_RULE, "footer.copyright"]
    # (a footer naming someone else: nothing goes; a one-paragraph page is all story)
    ctx = Context("\n".join(story + about + ["© 2026 Jornal de Bragança"]) + "\n")
    ctx.marks.rule[4] = "footer.copyright"
    mark_author_bio(ctx)
    assert ctx.marks.rule[:4] == [None] * 4

"""A caption ending in its photo credit goes in languages and scripts no earlier rule
knew (issue 11, round 13): the word for "photo" from many languages, other scripts'
full stops and colons; story sentences holding the same words stay. Our own text."""
from __future__ import annotations

import random

import pytest

from corpus_clean.boilerplate.engine import strip
from corpus_clean.boilerplate.story_inserts import CREDIT_TAIL_RULE

STORY = [
    "The council voted on Tuesday to close the old bridge for two years of repairs, citing cracks found during an inspection.",
    "Drivers will be sent along the coast road while the work goes on, the mayor said at a briefing on Wednesday.",
]
# (the word for photo, a caption in that language) -- written for this test
CAPTIONS = [
    ("Dealbh", "Clann aig an sgoil ùr sa mhadainn."),
    ("Umfanekiso", "Abantwana phambi kwesikolo esitsha."),
    ("Wêne", "Bazara nû ya bajêr."),
    ("Surat", "Täze köpri agşam."),
    ("Whakaahua", "Ko te marae i te ata."),
    ("Hulagway", "Ang bag-ong merkado sa buntag."),
    ("Picha", "Soko jipya la mjini asubuhi."),
    ("ፎቶ", "አዲሱ ድልድይ በጠዋት።"),
    ("ስእሊ", "ሓድሽ ድልድል ንግሆ።"),
    ("រូបថត", "ស្ពានថ្មីនៅពេលព្រឹក។"),
    ("ພາບ", "ຂົວໃໝ່ຕອນເຊົ້າ."),
    ("انځور", "د ښار نوی پل."),
    ("צילום", "הגשר החדש בבוקר."),
    ("तस्वीर", "सुबह नया पुल।"),
    ("ছবি", "সকালে নতুন সেতু।"),
    ("Сурет", "Жаңа көпір таңертең."),
]
NAMES = ["Anna Moyo", "Jan Vos", "ዳዊት ተስፋዬ", "សុខ ចាន់", "احمد نوري", "Tevita Fifita", "ราม"]


def _rules_cut(lines: list[str]) -> set[str]:
    text = "\n".join(STORY[:1] + lines + STORY[1:]) + "\n"
    kept = set(strip(text, use_classifier=False)[0].splitlines())
    return {line for line in lines if line not in kept}


@pytest.mark.parametrize("word, caption", CAPTIONS)
def test_a_caption_with_its_credit_goes_in_many_languages(word, caption):
    colon = {"ፎቶ": "፦", "ስእሊ": "፦", "រូបថត": "៖"}.get(word, ":")
    line = f"{caption} {word}{colon} {NAMES[len(caption) % len(NAMES)]}"
    assert _rules_cut([line]) == {line}


def test_generated_captions_go_and_sentences_with_the_same_words_stay():
    """Property over generated lines: "<caption>. <photo word>: <1-3 names>" goes; the
    same words inside a sentence that ends in a full stop, or with a sentence after the
    colon, stay."""
    rng = random.Random(13)
    for _ in range(60):
        word, caption = rng.choice(CAPTIONS)
        names = " ".join(rng.sample(["Ana", "Tomas", "Lindiwe", "Baran", "Aroha", "Sione"], rng.randint(1, 3)))
        credit = f"{caption} {word}: {names}"
        assert _rules_cut([credit]) == {credit}, credit
        sentence = f"{caption} {word}: {names} said the bridge would open in March."
        assert _rules_cut([sentence]) == set(), sentence
        inside = f"The {word} exhibition shows {names} and the bridge, the curator said."
        assert _rules_cut([inside]) == set(), inside


@pytest.mark.parametrize("sentence", [
    "He said it was fine. Ata: maybe later.",
    "The mayor spoke first. Source: the minutes of the council meeting.",
    "Sie sagte: Das Bild ist fertig.",
])
def test_sentences_that_end_in_a_full_stop_stay(sentence):
    assert _rules_cut([sentence]) == set()


def test_a_chinese_caption_with_a_bracketed_credit_goes():
    line = "新碼頭昨日正式啟用，首班渡輪載客二百人。（攝影：李文輝）"
    assert _rules_cut([line]) == {line}


@pytest.mark.parametrize("line", ["新車站月台今晨啟用，首班車載客三百人。（記者王大明攝）",
                                  "老街夜市重新開張。（陳小華／攝）"])
def test_a_taiwan_or_hong_kong_photographer_credit_goes(line):
    assert _rules_cut([line]) == {line}


def test_a_chinese_sentence_naming_a_photographer_stays():
    line = "記者王大明攝下了這張照片，並在展覽中展出。"
    assert _rules_cut([line]) == set()


QUOTE_MARKS = [("«", "»"), ("„", "“"), ("“", "”")]


def test_a_credit_naming_an_outlet_in_quote_marks_goes():
    """Property (round 27): the credit's outlet written in quote marks, as Russian, Tajik,
    Sakha or German papers print it ("Фото: ГТРК «Югра»", "Foto: Anna Moyo / „Der Bote“"),
    goes with its caption in any language of CAPTIONS; the same words inside a sentence
    that goes on after the quote stay."""
    rng = random.Random(27)
    for _ in range(60):
        word, caption = rng.choice(CAPTIONS)
        opening, closing = rng.choice(QUOTE_MARKS)
        outlet = f"{opening}{rng.choice(['Vesti', 'Югра', 'Речная правда', 'Der Bote', 'Sauti'])}{closing}"
        credit = rng.choice([outlet, f"{rng.choice(NAMES)} / {outlet}", f"TRK {outlet}"])
        line = f"{caption} {word}: {credit}"
        assert _rules_cut([line]) == {line}, line
        sentence = f"{caption} {word}: {credit} wrote that the bridge would open in March."
        assert _rules_cut([sentence]) == set(), sentence


# (a person's or a place's name, a word for photo, the photographer or outlet) -- made up for this test
SHORT_CAPTIONS = [("Musa Kebba Touray.", "Ja", "Lamin Sowe"), ("Зарема Исаева.", "Сурт", "Ведено"),
                  ("Apanuugak Paul Tony.", "Assiliaq", "KNOM"), ("Oljona Popova.", "Snimok", "Ivan Kuzmin"),
                  ("Ekibuga kya Ibanda.", "Ekishushani", "Rwenzori FM"), ("Рустам Назаров.", "Акс", "«Ховар-Пресс»")]


@pytest.mark.parametrize("caption, label, name", SHORT_CAPTIONS)
def test_a_short_caption_naming_whom_it_shows_goes_with_its_label_credit(caption, label, name):
    """Round 27: a caption of only a name (4-6 words with its credit) between two story
    sentences, its credit after a label no pack knows; a heading of the same length with a
    colon ("Conclusion: Bringing the Gym Home") and a sentence that goes on stay."""
    line = f"{caption} {label}: {name}"
    assert _cut([line]) == {line}
    for kept in ("Conclusion: Bringing the Gym Home", f"{caption} {label}: {name} said the work would go on."):
        assert _cut([kept]) == set(), kept


LONG_STORY = STORY[:1] + [
    "Engineers said the steel beams under the deck had rusted faster than expected after three wet winters.",
    STORY[1],
    "Shop owners near the bridge said they feared losing customers during the closure and asked for help.",
    "The council will meet again next month to decide how to pay for the repairs."]


def _cut(lines: list[str]) -> set[str]:
    """The lines of `lines` the text path as shipped (rules, model, story steps) cuts, set
    in a story of five sentences (a shorter page is left to the rules alone)."""
    text = "\n".join(LONG_STORY[:2] + lines + LONG_STORY[2:]) + "\n"
    kept = set(strip(text)[0].splitlines())
    return {line for line in lines if line not in kept}


@pytest.mark.parametrize("line", ["Pul, Garamchashma (taswir: Rahim Baig)", "Mercado de Ocotlán (foto: Ana Ruiz)",
                                  "Kivuko cha Likoni (picha: Juma Ali)", "Tanap di Kiangan (ladawan: Rosa Dulnuan)"])
def test_a_place_named_over_a_bracketed_label_credit_goes(line):
    """Round 27: a caption of a few words closing on a "(label: Name)" credit, the label's
    word in any language; a heading of as many words with an aside in brackets stays."""
    assert _cut([line]) == {line}
    assert _cut(["Integrating the Healthcare Enterprise (IHE)"]) == set()


def test_an_abbreviated_polish_credit_line_goes_and_the_sentence_above_stays():
    """Property (round 27): "Fot. <names> / <outlet>" on a line of its own goes, and only it:
    the story's sentence above it stays (a photo may carry a credit and no caption)."""
    rng = random.Random(27)
    sentence = "Zdjęcia z otwarcia biblioteka opublikuje w swoim biuletynie w przyszłym tygodniu."
    for _ in range(30):
        names = " ".join(rng.sample(["Anna", "Wrona", "Jan", "Nowak", "Urząd", "Gminy", "Brzesko"], rng.randint(1, 3)))
        credit = rng.choice(["Fot.", "fot.", "Fot.", "Fot. "]) + " " + names
        if rng.random() < 0.5:
            credit += " / " + rng.choice(["Gazeta Powiatowa", "Kurier Lokalny", "PAP"])
        credit = " ".join(credit.split())
        assert _rules_cut([sentence, "", credit]) == {credit}, credit


@pytest.mark.parametrize("line", ["Die Frage bleibt offen. Grund: Geldmangel", "Мэр ответил коротко. Ответ: «Нет»",
                                  "Then came the vote. Result: Yes", "El pleno votó. Resultado: Sí",
                                  "Сохтмонро ширкати маҳаллӣ анҷом дод. Ширкат: «Бунёдкор»",
                                  "Los vecinos votaron ayer por la tarde. Resultado: «Sí»"])
def test_a_short_story_line_ending_in_a_label_and_its_answer_stays(line):
    """Guard (round 27, mend27b): the short caption's 4-word minimum holds only when a name
    stands before the label (``label_credit_caption_min_words``); a short sentence of the story
    ending in "Label: Answer" (or "Label: «Answer»", ``quoted_answer_after_a_sentence``) between
    its paragraphs stays, as on main."""
    assert _cut([line]) == set()


def test_a_short_sentence_ending_in_a_slashed_pair_is_no_credited_caption():
    """Guard: "Yes/No" after a short sentence is no "agency/name" credit; the slash's branch
    keeps CREDIT_CAPTION_MIN_WORDS whatever stands before it."""
    line = "The council split. Yes/No"
    text = "\n".join(LONG_STORY[:2] + [line] + LONG_STORY[2:]) + "\n"
    assert CREDIT_TAIL_RULE not in {r.rule for r in strip(text)[1] if line in r.text}


def test_a_caption_naming_people_goes_with_a_quoted_outlet_credit():
    """A label's quoted outlet after a caption that names someone (a capitalised word after
    its first) still goes (``quoted_answer_after_a_sentence``)."""
    line = "Устод Карим Раҳимов ва шогирдон. Акс: «Ҳисор-Пресс»"
    assert _cut([line]) == {line}

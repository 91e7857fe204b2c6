"""Round 26 (issue 11, news26): a photo's caption right over the quote of the person it
shows (``story_quotes``): an open line between a brief's sentence (or a list row of another
shape) and a line that opens a quote.
Pages are generated from invented words in four scripts (round 23's syllables: no pack knows
them, only the shape decides) and many quotation marks. The mechanism's tests fail on main at
round 26's start; the guards pin what must stay."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.engine import Context
from corpus_clean.boilerplate.story_inserts import SHORT_SENTENCE_MAX_WORDS, LineShape
from corpus_clean.boilerplate.story_quotes import (QUOTE_CAPTION_MAX_WORDS, QUOTE_CAPTION_RULE, QUOTE_CAPTIONS_MAX,
                                                   mark_captions_over_quotes, opens_a_quote)
from tests.test_story_credits_round23 import CASED, SCRIPTS

# (opening, closing) quotation marks as many languages write them
QUOTES = [('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("»", "«"), ("「", "」")]


@st.composite
def page_words(draw, scripts=tuple(sorted(SCRIPTS))):
    """A word maker for one page, every word in one script."""
    syllables = SCRIPTS[draw(st.sampled_from(scripts))]
    return st.lists(st.sampled_from(syllables), min_size=1, max_size=3).map("".join)


def _words(draw, word, lo, hi) -> list[str]:
    return draw(st.lists(word, min_size=lo, max_size=hi))


def _sentence(draw, word, lo=4, hi=12) -> str:
    words = _words(draw, word, lo, hi)
    return " ".join([words[0].capitalize()] + words[1:]) + "."


def _open_line(draw, word, lo=2, hi=QUOTE_CAPTION_MAX_WORDS) -> str:
    words = _words(draw, word, lo, hi)
    return " ".join([words[0].capitalize()] + words[1:])


def _quote(draw, word) -> str:
    """A quote line: the quote first ('"..." the speaker said.') or after the speaker's colon."""
    opening, closing = draw(st.sampled_from(QUOTES))
    said = " ".join(w.capitalize() for w in _words(draw, word, 2, 3)) + " " + draw(word)
    quoted = " ".join(_words(draw, word, 2, 8))
    if draw(st.booleans()):
        return f"{opening}{quoted.capitalize()}{closing}, {said}."
    return f"{said}: {opening}{quoted.capitalize()}.{closing}"


def _page(draw, word, caption: str, above: str) -> list[str]:
    """Two sentences, the line `above`, the caption, a quote, a sentence."""
    return [_sentence(draw, word), _sentence(draw, word), above, caption, _quote(draw, word), _sentence(draw, word)]


def _marks(lines: list[str]) -> list:
    ctx = Context("\n".join(lines) + "\n")
    mark_captions_over_quotes(ctx, LineShape(ctx.stats))
    return ctx.marks.rule


@settings(max_examples=40, deadline=None)
@given(data=st.data(), above=st.sampled_from(["sentence", "row with a digit", "labelled row"]))
def test_the_open_line_over_a_quote_goes(data, above):
    """The open line of 2-10 words between the story's sentence (or a row holding a digit or a
    label's colon) and a quote goes, in any script and with any quotation mark (fails on main:
    no step read it)."""
    word = data.draw(page_words())
    caption = _open_line(data.draw, word)
    row = {"sentence": _sentence(data.draw, word),
           "row with a digit": f"{data.draw(word).capitalize()} {data.draw(st.integers(1, 99))}",
           "labelled row": f"{data.draw(word).capitalize()}: {data.draw(word)}"}[above]
    lines = _page(data.draw, word, caption, row)
    rule = _marks(lines)
    assert rule[3] == QUOTE_CAPTION_RULE
    assert rule.count(QUOTE_CAPTION_RULE) == 1


@settings(max_examples=40, deadline=None)
@given(data=st.data(), guard=st.sampled_from(
    ["list item", "long paragraph", "series", "lower case", "no quote", "apostrophe", "one word"]))
def test_a_subheading_or_a_list_item_over_a_quote_stays(data, guard):
    """Guards: the last item of a list of plain names (the rows' own shape), a page with a
    paragraph over SHORT_SENTENCE_MAX_WORDS words, more than QUOTE_CAPTIONS_MAX such lines (a
    story's subheadings), a line opening in lower case (a broken line, cased scripts), a line
    under it that quotes nothing or opens with an apostrophe, a one-word line keep it."""
    word = data.draw(page_words(CASED if guard == "lower case" else tuple(sorted(SCRIPTS))))
    caption = _open_line(data.draw, word)
    above = _sentence(data.draw, word)
    if guard == "list item":
        above = _open_line(data.draw, word)
    if guard == "lower case":
        caption = caption.lower()
    if guard == "one word":
        caption = data.draw(word).capitalize()
    lines = _page(data.draw, word, caption, above)
    if guard == "long paragraph":
        lines[0] = _sentence(data.draw, word, SHORT_SENTENCE_MAX_WORDS + 1, SHORT_SENTENCE_MAX_WORDS + 8)
    if guard == "no quote":
        lines[4] = _sentence(data.draw, word)
    if guard == "apostrophe":
        lines[4] = "'" + _sentence(data.draw, word)
    if guard == "series":
        for _ in range(QUOTE_CAPTIONS_MAX):
            lines += [_open_line(data.draw, word), _quote(data.draw, word), _sentence(data.draw, word)]
    assert QUOTE_CAPTION_RULE not in _marks(lines)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_opens_a_quote_reads_the_first_mark_or_the_speaker_s_colon(data):
    """A line opens a quote when its first character, or the first after ": ", is an opening
    quotation mark followed by a letter; any other line does not."""
    word = data.draw(page_words())
    opening, closing = data.draw(st.sampled_from(QUOTES))
    quoted = _sentence(data.draw, word, 1, 6)
    assert opens_a_quote(f"{opening}{quoted}{closing}")
    assert opens_a_quote(f"{data.draw(word).capitalize()}: {opening}{quoted}{closing}")
    assert not opens_a_quote(quoted)
    assert not opens_a_quote(f"{opening}{closing}")
    assert not opens_a_quote(f"{opening}) {quoted}")


def test_the_whole_text_path_cuts_a_caption_over_a_quote():
    """Through the whole text path (the step runs among the story give-backs): a brief's
    caption over the quote goes, its sentences, list and quote stay (invented Creole-like words)."""
    lines = ["Notisia", "Kultura", "Bendera di Molanu pidi feira nobu",
             "Molanu, 3 di Dezembru di 2026 - 10:12",
             "Bendera di feira di Molanu fala kuma kaza di feira ka ten kubertura desdi Julyu.",
             "Ora ki chuba ta kai, mindjer ta leva karga suma ki e pudi.",
             "Feira na madruga",
             '"No kansa ja", Dona Bia Kontu fala.',
             "Kumiti di feira fasi lista di kuza ki ta falta:",
             "- kubertura di 40 metru", "- dus kaza di banhu", "- luz di noti",
             "Kamara fala kuma obra na kumsa na mis di Janeru.",
             "Manda pa WhatsApp", "© 2026 Radio Mar di Molanu"]
    out, _ = strip_boilerplate("\n".join(lines) + "\n")
    assert "Feira na madruga" not in out.splitlines()
    for kept in lines[4:6] + lines[7:13]:
        assert kept in out


# --- a caption written as a sentence, right over a photo credit a step cut (``story_photo_slots``) ---

from corpus_clean.boilerplate.story_photo_slots import (  # noqa: E402
    CAPTION_OVER_CREDIT_RULE, CREDIT_CAPTION_MAX_WORDS, is_photo_credit, mark_captions_over_cut_credits, photo_words,
)

PHOTO_WORDS = sorted(w for w in photo_words() if w.isascii() or len(w) > 2)


def _credit(draw, word) -> str:
    """A credit line: a word for photo (the packs' own), a mark, one or two name words."""
    photo = draw(st.sampled_from(PHOTO_WORDS)).capitalize()
    names = " ".join(w.capitalize() for w in _words(draw, word, 1, 2))
    return draw(st.sampled_from([f"{photo}: {names}", f"{photo} © {names}", f"{photo} {names}"]))


def _credit_page(draw, word, caption: str, credit: str) -> tuple[list[str], list]:
    """Two sentences, the caption, the credit (cut by a rule, as a step before would), a
    sentence: lines and the rule marks after the step."""
    lines = [_sentence(draw, word), _sentence(draw, word), caption, credit, _sentence(draw, word)]
    ctx = Context("\n".join(lines) + "\n")
    ctx.marks.rule[3] = "news.photo_caption"
    mark_captions_over_cut_credits(ctx, LineShape(ctx.stats))
    return lines, ctx.marks.rule


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_sentence_over_a_cut_credit_goes(data):
    """A sentence of up to CREDIT_CAPTION_MAX_WORDS words right over a credit a step cut, the
    story going on under the credit, goes, in any script (fails on main: no step read it)."""
    word = data.draw(page_words())
    caption = _sentence(data.draw, word, 3, CREDIT_CAPTION_MAX_WORDS)
    credit = _credit(data.draw, word)
    assert is_photo_credit(credit)
    _, rule = _credit_page(data.draw, word, caption, credit)
    assert rule[2] == CAPTION_OVER_CREDIT_RULE
    assert rule.count(CAPTION_OVER_CREDIT_RULE) == 1


@settings(max_examples=40, deadline=None)
@given(data=st.data(), guard=st.sampled_from(
    ["quote", "question", "long paragraph", "placeholder", "gallery counter", "caption below", "closes the page"]))
def test_the_story_s_sentence_over_a_credit_stays(data, guard):
    """Guards: a quote, a question, a paragraph over CREDIT_CAPTION_MAX_WORDS words, an image's
    one-word placeholder, a gallery's counter, a credit with its caption under it (the BBC's
    "Image copyright" / "Image caption"), a credit that closes the page keep the line above."""
    word = data.draw(page_words())
    caption = _sentence(data.draw, word, 3, CREDIT_CAPTION_MAX_WORDS)
    credit = _credit(data.draw, word)
    if guard == "quote":
        caption = "“" + caption + "”"
    if guard == "question":
        caption = caption[:-1] + "?"
    if guard == "long paragraph":
        caption = _sentence(data.draw, word, CREDIT_CAPTION_MAX_WORDS + 1, CREDIT_CAPTION_MAX_WORDS + 8)
    if guard == "placeholder":
        credit = data.draw(st.sampled_from(PHOTO_WORDS)).capitalize()
    if guard == "gallery counter":
        credit = f"{data.draw(st.sampled_from(PHOTO_WORDS)).capitalize()} 2 / 5"
    lines = [_sentence(data.draw, word), _sentence(data.draw, word), caption, credit, _sentence(data.draw, word)]
    if guard == "closes the page":
        lines = lines[:4]
    ctx = Context("\n".join(lines) + "\n")
    ctx.marks.rule[3] = "news.photo_caption"
    if guard == "caption below":
        ctx.marks.rule[4] = "news.photo_caption"
    mark_captions_over_cut_credits(ctx, LineShape(ctx.stats))
    assert CAPTION_OVER_CREDIT_RULE not in ctx.marks.rule


def test_the_whole_text_path_cuts_a_sentence_caption_over_its_credit():
    """Through the whole text path: a brief's caption written as a sentence, over a credit line
    a rule cuts, goes; the story's sentences, list and quote stay (invented words)."""
    lines = ["Habari", "Michezo", "Tovani: Soko la asali lafunguliwa",
             "Na Kipsang Morogo", "Desemba 6, 2026",
             "Tovani kumin mapo sekemyat leo.", "Kumin tani mbili kosale.",
             "Members of the cooperative check the hives above the valley.",
             "Image: Tovani Times",
             "Bei:", "Asali — 800 kg", "Nta — 400 kg",
             'Mwenyekiti Daniel Kiptoo: "Ee, tunashukuru."',
             "Share: Facebook | X", "© 2026 Tovani Times"]
    out, _ = strip_boilerplate("\n".join(lines) + "\n")
    assert "Members of the cooperative check the hives above the valley." not in out
    for kept in lines[5:7] + lines[9:13]:
        assert kept in out


# --- a caption dating its photo by the weekday in its last clause (``story_photo_slots``) ---

from corpus_clean.boilerplate.story_photo_slots import (  # noqa: E402
    CAPTION_DATED_RULE, _weekdays, ends_in_a_weekday_clause, mark_captions_dated_by_a_weekday,
)

WEEKDAYS = sorted(w for w in _weekdays() if len(w) >= 4 and " " not in w and w.isalpha())


def _dated_page(draw, word, caption: str) -> list:
    lines = [_sentence(draw, word), _sentence(draw, word), caption, _sentence(draw, word)]
    ctx = Context("\n".join(lines) + "\n")
    mark_captions_dated_by_a_weekday(ctx, LineShape(ctx.stats))
    return ctx.marks.rule


@settings(max_examples=40, deadline=None)
@given(data=st.data(), form=st.sampled_from(["bare", "preposition", "place"]))
def test_a_sentence_closing_on_its_weekday_goes(data, form):
    """A sentence whose last clause is only a weekday (CLDR's names, any language), perhaps
    after a short function word, goes (fails on main: no step read it)."""
    word = data.draw(page_words())
    day = data.draw(st.sampled_from(WEEKDAYS))
    head = " ".join(_words(data.draw, word, 3, 8)).capitalize()
    tail = {"bare": day.capitalize(), "preposition": f"on {day.capitalize()}",
            "place": f"{data.draw(word).capitalize()}, {day.capitalize()}"}[form]
    caption = f"{head}, {tail}."
    assert ends_in_a_weekday_clause(caption)
    rule = _dated_page(data.draw, word, caption)
    assert rule[2] == CAPTION_DATED_RULE
    assert rule.count(CAPTION_DATED_RULE) == 1


@settings(max_examples=40, deadline=None)
@given(data=st.data(), guard=st.sampled_from(["verb in the clause", "no comma", "question", "lede", "long"]))
def test_a_story_sentence_naming_a_weekday_stays(data, guard):
    """Guards: a last clause holding another word of 4+ letters (a verb: ", is dinsdag
    overleden."), the day without a comma, a question, the story's first sentence, a
    sentence over CREDIT_CAPTION_MAX_WORDS words keep the line."""
    word = data.draw(page_words())
    day = data.draw(st.sampled_from(WEEKDAYS)).capitalize()
    head = " ".join(_words(data.draw, word, 3, 8)).capitalize()
    caption = f"{head}, {day}."
    if guard == "verb in the clause":
        caption = f"{head}, {day} {data.draw(word)}{data.draw(word)}{data.draw(word)}{data.draw(word)}."
        assume(not ends_in_a_weekday_clause(caption))
    if guard == "no comma":
        caption = f"{head} {day}."
    if guard == "question":
        caption = f"{head}, {day}?"
    if guard == "long":
        caption = " ".join(_words(data.draw, word, CREDIT_CAPTION_MAX_WORDS, CREDIT_CAPTION_MAX_WORDS + 5)).capitalize() + f", {day}."
    lines = [_sentence(data.draw, word), _sentence(data.draw, word), caption, _sentence(data.draw, word)]
    if guard == "lede":
        lines = [caption] + lines[:2] + lines[3:]
    ctx = Context("\n".join(lines) + "\n")
    mark_captions_dated_by_a_weekday(ctx, LineShape(ctx.stats))
    assert CAPTION_DATED_RULE not in ctx.marks.rule

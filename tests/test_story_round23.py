"""Round 23 (issue 11, keep23): article lines of unseen news pages that a rule or the model
cut, kept from the page's structure and the line's own letters, never from wording. Pages
and lines written for these tests (invented words, places and outlets). Each test fails on
round 22's code (main at round 23's start; noted per test)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import strip_boilerplate

# Syllables for invented words: no pack knows them, so only the line's shape decides.
SYLLABLES = ["ka", "mbo", "ndi", "zu", "le", "wa", "tso", "ri", "ngo", "be", "sha", "mu", "e", "ya", "ʔa", "qa", "ol"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)
# A word written with a middle dot between two letters (Catalan "col·legi", Ktunaxa "ʔa·kinqa·na").
dotted_word = st.tuples(word, word).map("·".join)

LEAD = "The old water mill of Harnby reopened on Saturday after three years of repairs by volunteers."
LAST = "The volunteers hope to grind flour again by the spring, the club's chair said."


def _rules_of(lines: list[str]) -> list:
    """The rule that cut each line of the page (None: kept), rules only (no model)."""
    text = "\n".join(lines) + "\n"
    _, removals = strip_boilerplate(text, use_classifier=False)
    starts = [sum(len(x) + 1 for x in lines[:k]) for k in range(len(lines))]
    return [next((r.rule for r in removals if r.start <= s < r.end), None) for s in starts]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.one_of(word, dotted_word), min_size=2, max_size=8),
       dotted=st.lists(dotted_word, min_size=3, max_size=5), number=st.integers(1, 999))
def test_a_sentence_whose_words_hold_a_middle_dot_is_no_menu_bar(words, dotted, number):
    """A sentence with three or more words written with a middle dot between letters is the
    story's, not a row of menu items: the dot is a letter of the word (fails on main:
    nav.menu_bar read each "·" as a separator, and cut "Ktunaxa ʔa·kinqa·na ʔa·kiʔnuxu
    ʔakisqnuk, 40 ʔa·qa." and "El col·legi celebra la il·lusió de la intel·ligència.")."""
    mixed = [w for pair in zip(dotted, words + [""] * len(dotted)) for w in pair if w] + words[len(dotted):]
    sentence = f"{mixed[0].capitalize()} {' '.join(mixed[1:])}, {number} {dotted[0]}."
    assert _rules_of([LEAD, sentence, LAST])[1] is None


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.one_of(word, dotted_word).map(str.capitalize), min_size=3, max_size=7),
       spaced=st.sampled_from([" · ", "· ", " ·"]))
def test_a_row_of_items_separated_by_a_spaced_middle_dot_is_still_a_menu_bar(items, spaced):
    """Items separated by a middle dot with a space beside it are a menu bar, as before, and
    so are items whose own names hold a dot between letters ("Col·legis · Notícies · Esports")."""
    assert _rules_of([spaced.join(items), LEAD, LAST])[0] == "nav.menu_bar"

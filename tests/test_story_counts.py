"""A sidebar's counted list flattened to text ("Travel" / "(15)" / "Recipes" / "(47)" ...) goes,
in any language, wherever it stands beside the story; a story's own counts written beside
their names, and short runs, stay (``story_counts.mark_counted_lists``, round 25, textprec26).
Our own generated text. The first test fails on main (the engine kept the widget's labels)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from corpus_clean.boilerplate.engine import Context, strip
from corpus_clean.boilerplate.story_counts import COUNTED_LIST_MIN_ENTRIES, COUNTED_LIST_RULE, mark_counted_lists

STORIES = {
    "en": ["The harbour trust opened the rebuilt pier on Saturday after two years of repairs to its timber frame.",
           "Fishing boats will moor on the north side while the ferry keeps the south berth, the trust said.",
           "Local traders welcomed the reopening and said the summer season could now start on time."],
    "id": ["Pemerintah kota membuka kembali dermaga lama pada hari Sabtu setelah dua tahun perbaikan besar.",
           "Kapal nelayan akan bersandar di sisi utara sementara kapal feri tetap di sisi selatan dermaga.",
           "Para pedagang setempat menyambut pembukaan itu dan berharap musim panas dimulai tepat waktu."],
    "de": ["Die Hafenstiftung hat den sanierten Steg am Samstag nach zwei Jahren Bauzeit wieder eröffnet.",
           "Fischerboote legen künftig an der Nordseite an, die Fähre behält den südlichen Liegeplatz.",
           "Die Händler am Hafen begrüßten die Eröffnung und hoffen auf einen pünktlichen Saisonstart."],
    "pt": ["A câmara reabriu no sábado o velho cais depois de dois anos de obras na estrutura de madeira.",
           "Os barcos de pesca vão atracar do lado norte e o ferry mantém o cais do lado sul, disse a câmara.",
           "Os comerciantes locais saudaram a reabertura e esperam que a época de verão comece a tempo."],
}
LABELS = ["Travel", "Recipes", "Dunia Islam", "Kesehatan", "Gesundheit", "Viagens", "Música", "Film und Kino",
          "Uncategorized", "Garten", "Politik", "Ekonomi", "Livros", "Sport"]
BRACKETS = [("(", ")"), ("[", "]"), ("（", "）")]


def _widget(labels, counts, brackets):
    left, right = brackets
    return [x for label, n in zip(labels, counts) for x in (label, f"{left}{n}{right}")]


@settings(max_examples=30, deadline=None)
@given(lang=st.sampled_from(sorted(STORIES)), data=st.data(), brackets=st.sampled_from(BRACKETS),
       below=st.booleans(), blank=st.booleans())
def test_a_counted_widget_beside_the_story_goes(lang, data, brackets, below, blank):
    labels = data.draw(st.lists(st.sampled_from(LABELS), min_size=COUNTED_LIST_MIN_ENTRIES, max_size=12, unique=True))
    counts = data.draw(st.lists(st.integers(1, 500), min_size=len(labels), max_size=len(labels)))
    widget = _widget(labels, counts, brackets)
    story = STORIES[lang]
    lines = story + ["Categories"] + widget if below else widget + story
    text = ("\n\n" if blank else "\n").join(lines)
    kept = strip(text)[0].splitlines()
    assert all(s in kept for s in story)
    assert not set(widget) & set(kept)


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(STORIES)), n=st.integers(1, COUNTED_LIST_MIN_ENTRIES - 1),
       beside=st.booleans(), brackets=st.sampled_from(BRACKETS))
def test_a_storys_own_counts_stay(lang, n, beside, brackets):
    left, right = brackets
    names = LABELS[:n] if not beside else LABELS[:COUNTED_LIST_MIN_ENTRIES + 2]
    counted = [f"{x} {left}{k + 1}{right}" for k, x in enumerate(names)] if beside else _widget(names, range(1, n + 1), brackets)
    ctx = Context("\n".join(STORIES[lang][:2] + counted + STORIES[lang][2:]))
    mark_counted_lists(ctx)
    assert COUNTED_LIST_RULE not in ctx.marks.rule


def test_a_run_broken_by_a_sentence_is_two_short_runs():
    entries = _widget(LABELS[:8], range(1, 9), BRACKETS[0])
    ctx = Context("\n".join(entries[:8] + [STORIES["en"][0]] + entries[8:]))
    mark_counted_lists(ctx)
    assert COUNTED_LIST_RULE not in ctx.marks.rule


@settings(max_examples=30, deadline=None)
@given(data=st.data(), brackets=st.sampled_from(BRACKETS), lang=st.sampled_from(sorted(STORIES)))
def test_a_category_pages_counted_categories_stay(data, brackets, lang):
    # (a shop's or a blog's category page: its categories are its content; one story sentence
    # under them is no story beside a widget)
    labels = data.draw(st.lists(st.sampled_from(LABELS), min_size=COUNTED_LIST_MIN_ENTRIES, max_size=12, unique=True))
    ctx = Context("\n".join(_widget(labels, range(1, len(labels) + 1), brackets) + STORIES[lang][:1]))
    mark_counted_lists(ctx)
    assert COUNTED_LIST_RULE not in ctx.marks.rule
